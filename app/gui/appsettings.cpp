// The app's remembered choices in QSettings: server, "remember me", language, window state.
#include "appsettings.h"

namespace {
const QString kServer = QStringLiteral("signIn/server");
const QString kRemember = QStringLiteral("signIn/rememberToken");
const QString kLanguage = QStringLiteral("ui/language");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kHeader = QStringLiteral("mainWindow/optOutTableHeader");
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QUrl AppSettings::serverUrl() const
{
    return QUrl(m_settings.value(kServer).toString());
}

void AppSettings::setServerUrl(const QUrl &url)
{
    m_settings.setValue(kServer, url.toString());
}

bool AppSettings::rememberToken() const
{
    return m_settings.value(kRemember, false).toBool();
}

void AppSettings::setRememberToken(bool remember)
{
    m_settings.setValue(kRemember, remember);
}

QString AppSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void AppSettings::setLanguage(const QString &code)
{
    m_settings.setValue(kLanguage, code);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(kState, state);
}

QByteArray AppSettings::tableHeaderState() const
{
    return m_settings.value(kHeader).toByteArray();
}

void AppSettings::setTableHeaderState(const QByteArray &state)
{
    m_settings.setValue(kHeader, state);
}
