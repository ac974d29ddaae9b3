// Installs the translators of the chosen UI language and sets it as the default locale.
#pragma once

#include <QLocale>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>
#include <vector>

class LanguageManager final : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // "en", "fr", "sv", "nl": English is the source language.
    static QStringList supportedLanguages();
    // The language's own name ("Français"), the same in every UI language.
    static QString nativeName(const QString &code);
    static bool isSupported(const QString &code);
    // The first of the system's UI languages that we ship, else "en".
    static QString systemLanguage();
    // A supported code for user input such as "fr_FR" or "SV"; empty when unsupported.
    static QString normalize(const QString &code);

    QString language() const { return m_language; }
    QLocale locale() const { return QLocale(m_language); }

    // Installs our translation and Qt's own for `code` (either may be missing: the UI then falls
    // back to the source strings) and sends QEvent::LanguageChange to every widget.
    bool setLanguage(const QString &code);

    // Whether our own catalogue for the current language was found.
    bool hasAppTranslation() const { return m_appLoaded; }

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    void removeTranslators();

    QString m_language;
    bool m_appLoaded = false;
    std::vector<std::unique_ptr<QTranslator>> m_translators;
};
