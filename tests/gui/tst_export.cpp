// File > Export and the History dock's Export… in the real MainWindow against the real
// optout-server: the files, the messages, the progress dialog and its Cancel, a bad path.
#include "exportcontroller.h"
#include "guitestsession.h"
#include "historydock.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "testserver.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void menuAndFileNames();
    void optOutListFromTheMenu();
    void historyWithTheDocksFilter();
    void progressDialogCancel();
    void unwritablePath();
    void nothingChosenNothingWritten();

private:
    QByteArray read(const QString &name) const;
    MessagePresenter::Message lastMessage() const;

    TestServer m_server;
    LanguageManager m_languages; // English, with its plural forms
    std::unique_ptr<GuiTestSession> m_session;
    QTemporaryDir m_dir;
    QString m_chosen; // what the file dialog answers
    QStringList m_suggested; // what it was offered
};

void TestExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("300"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    // 250 opt-outs, then 20 opt-ins: 270 entries, 230 users out.
    QJsonArray ids;
    for (int i = 4; i < 254; ++i)
        ids.append(QStringLiteral("u-%1").arg(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optOut"), ids},
                                                     {QStringLiteral("reason"),
                                                      QStringLiteral("=1+1, \"quoted\"")}})
                              .toJson())
                 .status,
             200);
    QJsonArray back;
    for (int i = 4; i < 24; ++i)
        back.append(QStringLiteral("u-%1").arg(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optIn"), back}}).toJson())
                 .status,
             200);
}

void TestExport::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &m_languages);
    QVERIFY(QTest::qWaitFor(
        [this]() { return m_session->sync.state() == SyncController::State::Synced; }, 20000));
    m_suggested.clear();
    m_session->window->exportController()->setPathChooser(
        [this](const QString &, const QString &suggested) {
            m_suggested << suggested;
            return m_chosen;
        });
}

void TestExport::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
    QDir dir(m_dir.path());
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden))
        dir.remove(name);
}

QByteArray TestExport::read(const QString &name) const
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

MessagePresenter::Message TestExport::lastMessage() const
{
    const auto messages = MessagePresenter::recorded();
    return messages.isEmpty() ? MessagePresenter::Message {} : messages.constLast();
}

void TestExport::menuAndFileNames()
{
    MainWindow *window = m_session->window.get();
    auto *menu = window->findChild<QMenu *>(QStringLiteral("menuExport"));
    QVERIFY(menu);
    QCOMPARE(menu->title(), QStringLiteral("&Export"));
    QVERIFY(window->findChild<QMenu *>(QStringLiteral("menuFile"))
                ->actions()
                .contains(menu->menuAction()));
    auto *optOuts = window->findChild<QAction *>(QStringLiteral("actionExportOptOuts"));
    auto *history = window->findChild<QAction *>(QStringLiteral("actionExportHistory"));
    QVERIFY(optOuts && history);
    QVERIFY(optOuts->isEnabled() && history->isEnabled());
    QCOMPARE(optOuts->text(), QStringLiteral("&Opt-out list as CSV…"));
    QCOMPARE(ExportController::optOutFileName(QDate(2026, 12, 2)),
             QStringLiteral("opt-outs-2026-12-02.csv"));
    QCOMPARE(ExportController::historyFileName(QDate(2026, 12, 2)),
             QStringLiteral("history-2026-12-02.csv"));
    m_chosen.clear();
    optOuts->trigger();
    QCOMPARE(m_suggested.size(), 1);
    QVERIFY(
        m_suggested.constFirst().endsWith(ExportController::optOutFileName(QDate::currentDate())));
}

void TestExport::optOutListFromTheMenu()
{
    m_chosen = m_dir.filePath(QStringLiteral("list.csv"));
    QTRY_COMPARE(m_session->optOuts.rowCount(), 230);
    m_session->window->findChild<QAction *>(QStringLiteral("actionExportOptOuts"))->trigger();
    QTRY_COMPARE(
        lastMessage().text,
        QStringLiteral("230 rows exported to %1.").arg(QDir::toNativeSeparators(m_chosen)));
    QCOMPARE(lastMessage().kind, MessagePresenter::Kind::Information);
    const QByteArray csv = read(QStringLiteral("list.csv"));
    const QList<QByteArray> lines = csv.split('\n');
    QCOMPARE(lines.size(), 232); // header, 230 rows, and the empty rest after the last CRLF
    QCOMPARE(lines.constFirst(),
             QByteArray("Name,Email,User ID,Opted out at,"
                        "Opted out by (name),Opted out by (email),Reason,"
                        "Planned deletion\r"));
    QVERIFY(csv.contains(",u-24,"));
    QVERIFY(!csv.contains(",u-23,")); // opted back in
    QVERIFY(csv.endsWith("\r\n"));
}

void TestExport::historyWithTheDocksFilter()
{
    MainWindow *window = m_session->window.get();
    window->historyAction()->trigger();
    HistoryDock *dock = window->historyDock();
    QTRY_VERIFY(dock->isVisible());
    auto *action = dock->findChild<QComboBox *>(QStringLiteral("historyActionCombo"));
    action->setCurrentIndex(action->findData(QStringLiteral("opt_in")));
    m_chosen = m_dir.filePath(QStringLiteral("opt-ins.csv"));
    QVERIFY(dock->exportButton()->isEnabled());
    QTest::mouseClick(dock->exportButton(), Qt::LeftButton);
    QTRY_COMPARE(lastMessage().text,
                 QStringLiteral("20 rows exported to %1.").arg(QDir::toNativeSeparators(m_chosen)));
    QVERIFY(
        m_suggested.constFirst().endsWith(ExportController::historyFileName(QDate::currentDate())));
    const QList<QByteArray> lines = read(QStringLiteral("opt-ins.csv")).split('\n');
    QCOMPARE(lines.size(), 22);
    for (int i = 1; i <= 20; ++i) {
        QVERIFY2(lines.at(i).contains(",Opt-in,"), lines.at(i).constData());
        QVERIFY2(lines.at(i).endsWith(",Ada Admin,admin@example.com,,\r"), lines.at(i).constData());
    }
    // The File menu takes the same filter.
    m_chosen = m_dir.filePath(QStringLiteral("menu.csv"));
    window->findChild<QAction *>(QStringLiteral("actionExportHistory"))->trigger();
    QTRY_VERIFY(lastMessage().text.contains(QStringLiteral("menu.csv")));
    QCOMPARE(read(QStringLiteral("menu.csv")), read(QStringLiteral("opt-ins.csv")));
    // Every opt-out carries its reason, neutralised and quoted.
    action->setCurrentIndex(action->findData(QStringLiteral("opt_out")));
    m_chosen = m_dir.filePath(QStringLiteral("opt-outs.csv"));
    QTest::mouseClick(dock->exportButton(), Qt::LeftButton);
    QTRY_COMPARE(
        lastMessage().text,
        QStringLiteral("250 rows exported to %1.").arg(QDir::toNativeSeparators(m_chosen)));
    QCOMPARE(read(QStringLiteral("opt-outs.csv")).count(",\"'=1+1, \"\"quoted\"\"\",\r\n"), 250);
}

void TestExport::progressDialogCancel()
{
    // One entry per request, and Cancel pressed as the first entry is written: however fast
    // the machine, the export is still running then.
    m_session->exporter.setHistoryPageSize(1);
    m_chosen = m_dir.filePath(QStringLiteral("long.csv"));
    MainWindow *window = m_session->window.get();
    auto *menuAction = window->findChild<QAction *>(QStringLiteral("actionExportHistory"));
    menuAction->trigger();
    QVERIFY(m_session->exporter.isRunning());
    QVERIFY(!menuAction->isEnabled()); // one export at a time
    QPointer<QProgressDialog> progress = window->exportController()->progressDialog();
    QVERIFY(progress);
    QCOMPARE(progress->windowModality(), Qt::WindowModal);
    QCOMPARE(progress->minimumDuration(), 500); // a short export just ends with its message
    progress->setMinimumDuration(0); // shown at once here
    bool pressed = false;
    bool shown = false;
    int value = -1;
    QString label;
    const QMetaObject::Connection pressCancel
        = connect(&m_session->exporter, &CsvExporter::progress, progress, [&](qint64 done, qint64) {
              if (done == 0 || pressed)
                  return;
              pressed = true;
              shown = progress->isVisible();
              value = progress->value();
              label = progress->labelText();
              auto *cancel = progress->findChild<QPushButton *>();
              QVERIFY(cancel);
              QTest::mouseClick(cancel, Qt::LeftButton);
          });
    QTRY_COMPARE(lastMessage().text,
                 QStringLiteral("The export was cancelled. Nothing was written to %1.")
                     .arg(QDir::toNativeSeparators(m_chosen)));
    disconnect(pressCancel);
    QVERIFY(pressed);
    QVERIFY(shown);
    QVERIFY(label.contains(QStringLiteral("entries written")));
    QVERIFY(value == 1 || value == -1); // -1: no estimate yet, the bar shows it is busy
    QTRY_VERIFY(!progress); // gone with the export
    QVERIFY(!m_session->exporter.isRunning());
    QVERIFY(menuAction->isEnabled());
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestExport::unwritablePath()
{
    m_chosen = m_dir.filePath(QStringLiteral("missing/folder/x.csv"));
    m_session->window->findChild<QAction *>(QStringLiteral("actionExportOptOuts"))->trigger();
    QTRY_COMPARE(lastMessage().kind, MessagePresenter::Kind::Warning);
    const QString text = lastMessage().text;
    QVERIFY2(text.startsWith(QStringLiteral("The file %1 could not be written: ").arg(m_chosen)),
             qPrintable(text));
    QVERIFY2(
        text.endsWith(
            QStringLiteral("Nothing was written to %1.").arg(QDir::toNativeSeparators(m_chosen))),
        qPrintable(text));
    QVERIFY(!QFile::exists(m_chosen));
}

void TestExport::nothingChosenNothingWritten()
{
    m_chosen.clear(); // the dialog was closed
    m_session->window->findChild<QAction *>(QStringLiteral("actionExportHistory"))->trigger();
    QVERIFY(!m_session->exporter.isRunning());
    QTest::qWait(100);
    QVERIFY(MessagePresenter::recorded().isEmpty());
    QCOMPARE(m_suggested.size(), 1);
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
