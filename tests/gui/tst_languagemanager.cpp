// LanguageManager: choosing, normalising and switching the UI language at run time.
#include "languagemanager.h"

#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QSignalSpy>
#include <QTest>

namespace {
// A widget that counts the LanguageChange events it receives.
class Watcher : public QLabel
{
public:
    int changes = 0;

protected:
    void changeEvent(QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            ++changes;
        QLabel::changeEvent(event);
    }
};
} // namespace

class TestLanguageManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalize_data();
    void normalize();
    void nativeNames();
    void switchesLocaleAndNotifiesWidgets();
    void rejectsUnknownLanguages();
};

void TestLanguageManager::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fr") << "fr"
                        << "fr";
    QTest::newRow("fr_FR") << "fr_FR"
                           << "fr";
    QTest::newRow("sv-SE") << "sv-SE"
                           << "sv";
    QTest::newRow("NL") << "NL"
                        << "nl";
    QTest::newRow("en_US.UTF-8") << "en_US.UTF-8"
                                 << "en";
    QTest::newRow("de") << "de"
                        << "";
    QTest::newRow("C") << "C"
                       << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestLanguageManager::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(LanguageManager::normalize(input), expected);
}

void TestLanguageManager::nativeNames()
{
    QCOMPARE(LanguageManager::supportedLanguages(),
             (QStringList {QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("sv"),
                           QStringLiteral("nl")}));
    QCOMPARE(LanguageManager::nativeName(QStringLiteral("fr")), QStringLiteral("Français"));
    QCOMPARE(LanguageManager::nativeName(QStringLiteral("sv")), QStringLiteral("Svenska"));
    QCOMPARE(LanguageManager::nativeName(QStringLiteral("nl")), QStringLiteral("Nederlands"));
    QCOMPARE(LanguageManager::nativeName(QStringLiteral("en")), QStringLiteral("English"));
    QVERIFY(LanguageManager::isSupported(LanguageManager::systemLanguage()));
}

void TestLanguageManager::switchesLocaleAndNotifiesWidgets()
{
    LanguageManager languages;
    Watcher watcher;
    watcher.show();
    QSignalSpy changed(&languages, &LanguageManager::languageChanged);

    QVERIFY(languages.setLanguage(QStringLiteral("fr")));
    QCOMPARE(languages.language(), QStringLiteral("fr"));
    QCOMPARE(QLocale().language(), QLocale::French);
    QCOMPARE(changed.count(), 1);
    QTRY_VERIFY(watcher.changes > 0);

    // Qt's own French strings come from Qt's translations folder where it has them.
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                      + QStringLiteral("/qtbase_fr.qm")))
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Annuler"));

    watcher.changes = 0;
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QCOMPARE(QLocale().language(), QLocale::English);
    QTRY_VERIFY(watcher.changes > 0);
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    QCOMPARE(changed.count(), 2);
}

void TestLanguageManager::rejectsUnknownLanguages()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("nl")));
    QVERIFY(!languages.setLanguage(QStringLiteral("de")));
    QCOMPARE(languages.language(), QStringLiteral("nl"));
    QCOMPARE(QLocale().language(), QLocale::Dutch);
}

QTEST_MAIN(TestLanguageManager)
#include "tst_languagemanager.moc"
