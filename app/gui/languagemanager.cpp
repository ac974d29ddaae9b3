// Installs the translators of the chosen UI language and sets it as the default locale.
#include "languagemanager.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcLanguage, "optout.gui.language")

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QStringList LanguageManager::supportedLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("sv"), QStringLiteral("nl")};
}

QString LanguageManager::nativeName(const QString &code)
{
    // Endonyms on purpose: a user lost in a foreign UI must still find their own language.
    if (code == QLatin1String("fr"))
        return QStringLiteral("Français");
    if (code == QLatin1String("sv"))
        return QStringLiteral("Svenska");
    if (code == QLatin1String("nl"))
        return QStringLiteral("Nederlands");
    return QStringLiteral("English");
}

bool LanguageManager::isSupported(const QString &code)
{
    return supportedLanguages().contains(code);
}

QString LanguageManager::normalize(const QString &code)
{
    QString c = code.trimmed().toLower();
    const qsizetype sep = c.indexOf(QRegularExpression(QStringLiteral("[_\\-.@]")));
    if (sep > 0)
        c.truncate(sep);
    return isSupported(c) ? c : QString();
}

QString LanguageManager::systemLanguage()
{
    const QStringList ui = QLocale::system().uiLanguages();
    for (const QString &lang : ui) {
        const QString code = normalize(lang);
        if (!code.isEmpty())
            return code;
    }
    return QStringLiteral("en");
}

void LanguageManager::removeTranslators()
{
    for (const auto &t : m_translators)
        QCoreApplication::removeTranslator(t.get());
    m_translators.clear();
}

bool LanguageManager::setLanguage(const QString &requested)
{
    const QString code = normalize(requested);
    if (code.isEmpty()) {
        qCWarning(lcLanguage) << "unsupported language" << requested;
        return false;
    }
    removeTranslators();
    m_appLoaded = false;

    const QLocale loc(code);
    QLocale::setDefault(loc);
    // Our own strings, embedded under :/i18n; English has one too, for its plural forms
    // ("1 user", "2 users").
    auto app = std::make_unique<QTranslator>();
    if (app->load(loc, QStringLiteral("optout"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app.get());
        m_translators.push_back(std::move(app));
        m_appLoaded = true;
    } else {
        qCInfo(lcLanguage) << "no app translation for" << code;
    }
    if (code != QLatin1String("en")) {
        // Qt's own strings (standard buttons, line edit menus); where Qt ships none (Swedish on
        // Debian) the project embeds its own qtbase_xx.qm.
        const QStringList qtDirs {QLibraryInfo::path(QLibraryInfo::TranslationsPath),
                                  QStringLiteral(":/i18n")};
        for (const QString &dir : qtDirs) {
            auto qt = std::make_unique<QTranslator>();
            if (qt->load(loc, QStringLiteral("qtbase"), QStringLiteral("_"), dir)) {
                QCoreApplication::installTranslator(qt.get());
                m_translators.push_back(std::move(qt));
                break;
            }
        }
    }
    m_language = code;
    // Installing a translator sends LanguageChange, but nothing does when no catalogue was found
    // (English, or a missing file): send it so every window re-sets its texts and locale.
    QEvent event(QEvent::LanguageChange);
    QCoreApplication::sendEvent(QCoreApplication::instance(), &event);
    Q_EMIT languageChanged(code);
    return true;
}
