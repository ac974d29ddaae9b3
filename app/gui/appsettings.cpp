// The app's remembered choices in QSettings: server, "remember me", language, window state.
#include "appsettings.h"

#include "connectionsecurity.h"

namespace {
const QString kServer = QStringLiteral("signIn/server");
const QString kRemember = QStringLiteral("signIn/rememberToken");
const QString kRememberedUser = QStringLiteral("signIn/rememberedUserId");
const QString kEmail = QStringLiteral("signIn/email");
const QString kSession = QStringLiteral("signIn/tokenIsSession");
const QString kCaCertificate = QStringLiteral("signIn/caCertificate");
const QString kPlainHttp = QStringLiteral("signIn/plainHttpAllowed");
const QString kLanguage = QStringLiteral("ui/language");
const QString kGeometry = QStringLiteral("mainWindow/geometry");
const QString kState = QStringLiteral("mainWindow/state");
const QString kHeader = QStringLiteral("mainWindow/optOutTableHeader");
const QString kHeaderColumns = QStringLiteral("mainWindow/optOutTableColumns");
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(iniFile, QSettings::IniFormat)
{
}

QString AppSettings::email() const
{
    return m_settings.value(kEmail).toString();
}

void AppSettings::setEmail(const QString &email)
{
    m_settings.setValue(kEmail, email);
}

bool AppSettings::tokenIsSession() const
{
    return m_settings.value(kSession, false).toBool();
}

void AppSettings::setTokenIsSession(bool session)
{
    m_settings.setValue(kSession, session);
}

QUrl AppSettings::serverUrl() const
{
    return QUrl(m_settings.value(kServer).toString());
}

void AppSettings::setServerUrl(const QUrl &url)
{
    m_settings.setValue(kServer, url.toString());
}

QString AppSettings::caCertificateFile() const
{
    return m_settings.value(kCaCertificate).toString();
}

void AppSettings::setCaCertificateFile(const QString &path)
{
    if (path.isEmpty())
        m_settings.remove(kCaCertificate);
    else
        m_settings.setValue(kCaCertificate, path);
}

QStringList AppSettings::plainHttpAllowedServers() const
{
    return m_settings.value(kPlainHttp).toStringList();
}

bool AppSettings::plainHttpAllowed(const QUrl &server) const
{
    return plainHttpAllowedServers().contains(ConnectionSecurity::serverKey(server));
}

void AppSettings::setPlainHttpAllowed(const QUrl &server, bool allowed)
{
    QStringList servers = plainHttpAllowedServers();
    const QString key = ConnectionSecurity::serverKey(server);
    if (allowed == servers.contains(key))
        return;
    if (allowed)
        servers.append(key);
    else
        servers.removeAll(key);
    m_settings.setValue(kPlainHttp, servers);
}

bool AppSettings::rememberToken() const
{
    return m_settings.value(kRemember, false).toBool();
}

void AppSettings::setRememberToken(bool remember)
{
    m_settings.setValue(kRemember, remember);
}

QString AppSettings::rememberedUserId() const
{
    return m_settings.value(kRememberedUser).toString();
}

void AppSettings::setRememberedUserId(const QString &userId)
{
    if (userId.isEmpty())
        m_settings.remove(kRememberedUser);
    else
        m_settings.setValue(kRememberedUser, userId);
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

int AppSettings::tableHeaderColumns() const
{
    return m_settings.value(kHeaderColumns, 0).toInt();
}

void AppSettings::setTableHeaderState(const QByteArray &state, int columns)
{
    m_settings.setValue(kHeader, state);
    m_settings.setValue(kHeaderColumns, columns);
}
