// File > Report… through the real window against the real service: the PDF's text (pdftotext,
// Debian poppler-utils) holds the organisation, the period, the service's totals, the opt-outs
// with their reasons and the deletions with who asked, in the app's language, on the paper of
// the locale; a cancelled report leaves no file.
#include "guitestsession.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "reportcontroller.h"
#include "testserver.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray events(const QString &userId, int n)
{
    QJsonArray list;
    for (int i = 0; i < n; ++i) {
        list.append(
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test.event")},
                         {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                         {QStringLiteral("userId"), userId}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("events"), list}}).toJson();
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

// pdftotext's text with its runs of spaces (its layout) made one.
QString simplified(const QString &text)
{
    QString s = text;
    s.replace(QChar(0x202F), QLatin1Char(' ')).replace(QChar(0x00A0), QLatin1Char(' '));
    return s.simplified();
}

QString translated(const char *context, const char *text)
{
    return QCoreApplication::translate(context, text);
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void reportInTheLanguage_data();
    void reportInTheLanguage();
    void cancelledLeavesNoFile_data();
    void cancelledLeavesNoFile();
    void badPeriodIsNotOffered();

private:
    // Opens File > Report…, sets the period and writes; false if the dialog did not come.
    bool writeReport(GuiTestSession &session, const QDate &from, const QDate &through,
                     const QString &path);
    MessagePresenter::Message lastMessage() const;

    TestServer m_server;
    QTemporaryDir m_dir;
};

void TestReport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(!QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty());
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("60"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    // 9 events of u-5 accepted; u-6 out with a reason and its 4 stored events deleted at once
    // (the deletion names Ada Admin); 2 of its events discarded afterwards; u-10..u-39 out in
    // one batch with another reason.
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-5"), 9))
                 .status,
             200);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-6"), 4))
                 .status,
             200);
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/u-6"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("reason"),
                                                      QStringLiteral("GDPR request #4411")},
                                                     {QStringLiteral("deleteStoredEvents"), true}})
                              .toJson())
                 .status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-6"), 2))
                 .status,
             200);
    QJsonArray ids;
    for (int i = 10; i < 40; ++i)
        ids.append(QStringLiteral("u-%1").arg(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optOut"), ids},
                                                     {QStringLiteral("reason"),
                                                      QStringLiteral("Works council agreement")}})
                              .toJson())
                 .status,
             200);
}

void TestReport::cleanup()
{
    MessagePresenter::clearRecorded();
    QDir dir(m_dir.path());
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
        dir.remove(name);
}

MessagePresenter::Message TestReport::lastMessage() const
{
    const auto messages = MessagePresenter::recorded();
    return messages.isEmpty() ? MessagePresenter::Message {} : messages.constLast();
}

bool TestReport::writeReport(GuiTestSession &session, const QDate &from, const QDate &through,
                             const QString &path)
{
    ReportController *controller = session.window->reportController();
    controller->setPathChooser([path](const QString &, const QString &) { return path; });
    QAction *action = session.window->reportAction();
    if (!action || !action->isEnabled())
        return false;
    action->trigger(); // File > Report…
    if (!QTest::qWaitFor(
            [controller] { return controller->dialog() && controller->dialog()->isVisible(); },
            5000))
        return false;
    ReportDialog *dialog = controller->dialog();
    dialog->throughEdit()->setDate(through);
    dialog->fromEdit()->setDate(from);
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    if (!ok->isEnabled())
        return false;
    QTest::mouseClick(ok, Qt::LeftButton);
    return true;
}

void TestReport::reportInTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestReport::reportInTheLanguage()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    GuiTestSession session(m_server.baseUrl(), "demo-admin", &languages);
    QVERIFY(QTest::qWaitFor([&] { return session.sync.state() == SyncController::State::Synced; },
                            20000));
    session.reports.setAuditPageSize(7); // several pages of the audit
    const QDate today = QDateTime::currentDateTimeUtc().date(); // the organisation's zone: UTC
    const QDate from = today.addDays(-6);
    const QString path = m_dir.filePath(QStringLiteral("report-%1.pdf").arg(language));
    QVERIFY(writeReport(session, from, today, path));
    QTRY_VERIFY_WITH_TIMEOUT(!session.window->reportController()->isRunning(), 60000);
    QCOMPARE(lastMessage().kind, MessagePresenter::Kind::Information);
    QVERIFY(QFile::exists(path));
    // Nothing else in the folder: the temporary file became the report.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

    const QString text = simplified(run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}));
    QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
    const QLocale locale(language);
    // The organisation and the period, in the language's long dates.
    QVERIFY(text.contains(QStringLiteral("Example Org")));
    QVERIFY2(text.contains(simplified(locale.toString(from, QLocale::LongFormat))),
             qPrintable(text.left(600)));
    QVERIFY(text.contains(simplified(locale.toString(today, QLocale::LongFormat))));
    // The totals are the service's for the same period, in the language's numbers.
    const HttpResult stats = m_server.request(
        "GET",
        QStringLiteral("/api/v1/usage/enforcement?since=%1&until=%2")
            .arg(from.toString(Qt::ISODate), today.addDays(1).toString(Qt::ISODate)),
        "demo-admin");
    const QJsonObject totals = stats.json().object().value(QStringLiteral("totals")).toObject();
    const auto total = [&](const char *key, const char *inner = nullptr) {
        const QJsonValue v = totals.value(QLatin1String(key));
        return qint64(inner ? v.toObject().value(QLatin1String(inner)).toDouble() : v.toDouble());
    };
    const auto line = [&](const char *label, qint64 value) {
        return simplified(translated("ReportWriter", label) + QLatin1Char(' ')
                          + locale.toString(value));
    };
    QCOMPARE(total("discarded", "client"), 2);
    QCOMPARE(total("deletedEvents"), 4);
    QCOMPARE(total("optOuts"), 31);
    QVERIFY2(text.contains(line("Client-side events discarded (opted-out users)", 2)),
             qPrintable(text.left(1500)));
    QVERIFY(text.contains(line("Client-side events accepted", total("accepted", "client"))));
    QVERIFY(text.contains(line("Stored events deleted", 4)));
    QVERIFY(text.contains(line("Opt-outs", 31)));
    QVERIFY(
        text.contains(line("Opted-out users at the end of the period", total("optedOutUsers"))));
    // The headings are the catalogue's (French once the strings are translated).
    QVERIFY(text.contains(simplified(translated("ReportWriter", "Totals"))));
    QVERIFY(text.contains(simplified(
        translated("ReportWriter", "What the service does with an opted-out user's events"))));
    // The rules: listed when the service has them (GET /api/v1/optout-rules), else no section.
    const int rules
        = m_server.request("GET", QStringLiteral("/api/v1/optout-rules"), "demo-admin").status;
    QCOMPARE(text.contains(simplified(translated("ReportWriter", "Opt-out rules in force"))),
             rules == 200);
    // The opt-outs with their reasons, the deletion with who asked for it.
    QVERIFY(text.contains(QStringLiteral("GDPR request #4411")));
    QCOMPARE(text.count(QStringLiteral("Works council agreement")), 30);
    QVERIFY(text.contains(QStringLiteral("Ada Admin")));
    // Page numbers: "Page n of m" on each page, m the PDF's own count; the paper of the locale.
    const QString info = run(QStringLiteral("pdfinfo"), {path});
    const QRegularExpressionMatch pages
        = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    QVERIFY(pages.hasMatch());
    const int n = pages.captured(1).toInt();
    QVERIFY(n >= 2);
    for (int page = 1; page <= n; ++page) {
        const QString footer
            = simplified(QCoreApplication::translate("ReportWriter", "Page %1 of %2")
                             .arg(locale.toString(page), locale.toString(n)));
        QVERIFY2(text.contains(footer), qPrintable(footer));
    }
    const bool letter = ReportController::paperFor(locale) == QPageSize::Letter;
    QVERIFY2(info.contains(letter ? QStringLiteral("(letter)") : QStringLiteral("(A4)")),
             qPrintable(info));
    languages.setLanguage(QStringLiteral("en"));
}

void TestReport::cancelledLeavesNoFile_data()
{
    QTest::addColumn<bool>("whileDrawing");
    QTest::newRow("while reading") << false;
    QTest::newRow("while drawing") << true;
}

void TestReport::cancelledLeavesNoFile()
{
    QFETCH(bool, whileDrawing);
    GuiTestSession session(m_server.baseUrl(), "demo-admin");
    QVERIFY(QTest::qWaitFor([&] { return session.sync.state() == SyncController::State::Synced; },
                            20000));
    session.reports.setAuditPageSize(1); // one entry per request: a slow read
    ReportController *controller = session.window->reportController();
    bool cancelled = false;
    if (whileDrawing) {
        // The moment the pages begin: everything was read.
        connect(&session.reports, &ReportWriter::progress, controller,
                [controller, &cancelled](ReportWriter::Stage stage, qint64, qint64) {
                    if (stage == ReportWriter::Stage::Pages && !cancelled
                        && controller->progressDialog()) {
                        cancelled = true;
                        // Its Cancel button.
                        controller->progressDialog()->findChild<QPushButton *>()->click();
                    }
                });
    }
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString path = m_dir.filePath(QStringLiteral("cancelled.pdf"));
    QVERIFY(writeReport(session, today.addDays(-2), today, path));
    QVERIFY(controller->isRunning());
    QVERIFY(!session.window->reportAction()->isEnabled()); // one report at a time
    QVERIFY(controller->progressDialog());
    if (!whileDrawing) {
        cancelled = true;
        controller->progressDialog()->findChild<QPushButton *>()->click();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!controller->isRunning(), 20000);
    QVERIFY(cancelled);
    QCOMPARE(lastMessage().kind, MessagePresenter::Kind::Information);
    QVERIFY2(lastMessage().text.contains(QStringLiteral("was cancelled")),
             qPrintable(lastMessage().text));
    QVERIFY(!QFile::exists(path));
    QVERIFY(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    QTRY_VERIFY(session.window->reportAction()->isEnabled());
}

void TestReport::badPeriodIsNotOffered()
{
    GuiTestSession session(m_server.baseUrl(), "demo-admin");
    QVERIFY(QTest::qWaitFor([&] { return session.sync.state() == SyncController::State::Synced; },
                            20000));
    ReportController *controller = session.window->reportController();
    session.window->reportAction()->trigger();
    QTRY_VERIFY(controller->dialog() && controller->dialog()->isVisible());
    ReportDialog *dialog = controller->dialog();
    QPushButton *ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    const QDate today = QDate::currentDate();
    dialog->throughEdit()->setDate(today);
    dialog->fromEdit()->setDate(today.addDays(-400));
    QVERIFY(!ok->isEnabled());
    dialog->fromEdit()->setDate(today.addDays(2));
    QVERIFY(!ok->isEnabled());
    dialog->fromEdit()->setDate(today.addDays(-365));
    QVERIFY(ok->isEnabled());
    dialog->reject();
    QVERIFY(!controller->isRunning());
}

QTEST_MAIN(TestReport)
#include "tst_report.moc"
