// Smaller defects a new administrator met, in the real MainWindow against the real
// optout-server: whose change a note names, notes that close by themselves, the confirmation's
// order, History open at quit, and the reason's length counter.
#include "guitestsession.h"
#include "testserver.h"

#include "appsettings.h"
#include "confirmchangedialog.h"
#include "historydock.h"
#include "historymodel.h"
#include "messagepresenter.h"
#include "optoutmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

bool waitSynced(const SyncController &sync)
{
    return QTest::qWaitFor([&sync] { return sync.state() == SyncController::State::Synced; },
                           20000);
}

// A window built in main's order: restored from the settings before its docks exist.
struct MainOrderWindow
{
    MainOrderWindow(const QUrl &server, const QByteArray &token, const QString &settingsFile)
        : api(&network)
        , sync(&api, &users, &optOuts)
        , usage(&api)
        , usageSummary(&api, &users)
        , history(&api)
    {
        if (!server.isEmpty()) {
            api.setBaseUrl(server);
            api.setToken(token);
        }
        sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
        sync.setCacheFilePath(dir.filePath(QStringLiteral("cache.bin")));
        window = std::make_unique<MainWindow>(&sync, &users, &optOuts, nullptr);
        AppSettings settings(settingsFile);
        window->restoreFrom(settings);
        window->show();
        window->setUsageTracking(&usage, &usageSummary);
        window->setHistory(&history);
    }
    ~MainOrderWindow()
    {
        sync.stop();
        window.reset();
    }
    QTemporaryDir dir;
    QNetworkAccessManager network;
    ApiClient api;
    UserModel users;
    OptOutModel optOuts;
    SyncController sync;
    UsageTracker usage;
    UsageSummaryModel usageSummary;
    HistoryModel history;
    std::unique_ptr<MainWindow> window;
};

} // namespace

class TestSmallerDefects : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void ownChangeInAnotherWindowIsNotAnotherAdministrators();
    void confirmationListsUsersInTheTablesOrder();
    void historyOpenAtQuitIsReopened();
    void reasonShowsItsLength();

private:
    TestServer m_server;
};

void TestSmallerDefects::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("60"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("12"),
                            QStringLiteral("--quiet")}));
}

void TestSmallerDefects::cleanup()
{
    MessagePresenter::clearRecorded();
}

// The same account opts someone out in a second window: the first one says so as the
// administrator's own change, not "Another administrator…"; and the note, an information,
// closes by itself.
void TestSmallerDefects::ownChangeInAnotherWindowIsNotAnotherAdministrators()
{
    GuiTestSession first(m_server.baseUrl(), "demo-admin");
    GuiTestSession second(m_server.baseUrl(), "demo-admin");
    QVERIFY(waitSynced(first.sync));
    QVERIFY(waitSynced(second.sync));
    QString someone;
    for (int row = 0; row < second.users.rowCount() && someone.isEmpty(); ++row) {
        if (!second.users.isOptedOut(second.users.userAt(row).id))
            someone = second.users.userAt(row).id;
    }
    QVERIFY(!someone.isEmpty());
    second.sync.optOut(someone);
    QTRY_COMPARE(second.sync.pendingCount(), 0);
    first.sync.refresh();
    QTRY_VERIFY(first.optOuts.rowOfKey(someone) >= 0);
    const QString note = first.window->noteText();
    QVERIFY(!note.isEmpty());
    QVERIFY2(!note.contains(QStringLiteral("Another administrator")), qPrintable(note));
    QVERIFY2(note.contains(first.users.userById(someone)->email), qPrintable(note));
    // An information: gone by itself, without a click.
    QTRY_VERIFY_WITH_TIMEOUT(first.window->noteText().isEmpty(), 45000);
}

// The confirmation names the ticked users in the order the table shows them.
void TestSmallerDefects::confirmationListsUsersInTheTablesOrder()
{
    GuiTestSession session(m_server.baseUrl(), "demo-admin");
    QVERIFY(waitSynced(session.sync));
    auto *table = session.find<QTableView>(QStringLiteral("optOutTable"));
    QTRY_VERIFY(table->model()->rowCount() >= 4);
    table->sortByColumn(OptOutModel::NameColumn, Qt::DescendingOrder);
    QStringList shown;
    for (int row = 0; row < 4; ++row) {
        const QModelIndex box = table->model()->index(row, OptOutModel::CheckColumn);
        QVERIFY(table->model()->setData(box, Qt::Checked, Qt::CheckStateRole));
        shown << table->model()->index(row, OptOutModel::EmailColumn).data().toString();
    }
    session.find<QPushButton>(QStringLiteral("optInButton"))->click();
    ConfirmChangeDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = session.window->findChild<ConfirmChangeDialog *>()));
    const QString listed = dialog->findChild<QLabel *>(QStringLiteral("confirmUsers"))->text();
    qsizetype at = -1;
    for (const QString &email : std::as_const(shown)) {
        const qsizetype next = listed.indexOf(email);
        QVERIFY2(next > at, qPrintable(listed));
        at = next;
    }
    dialog->reject();
}

// History open at quit is open again at the next start, and loads only once signed in: never a
// request before the service's address is known.
void TestSmallerDefects::historyOpenAtQuitIsReopened()
{
    QTemporaryDir dir;
    const QString settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    {
        GuiTestSession session(m_server.baseUrl(), "demo-admin");
        QVERIFY(waitSynced(session.sync));
        session.window->historyAction()->trigger();
        QTRY_VERIFY(session.window->historyDock()->isVisible());
        AppSettings settings(settingsFile);
        session.window->saveTo(settings);
    }
    {
        // No server yet (the sign-in dialog is still open): the history asks nothing.
        MainOrderWindow window(QUrl(), {}, settingsFile);
        QSignalSpy failed(&window.history, &HistoryModel::loadFailed);
        QTest::qWait(300);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!window.history.isLoading());
    }
    MainOrderWindow window(m_server.baseUrl(), "demo-admin", settingsFile);
    window.sync.start();
    QVERIFY(waitSynced(window.sync));
    QTRY_VERIFY(window.window->historyDock()->isVisible());
    QTRY_VERIFY(window.history.rowCount() > 0);
}

// The reason says how much of its 500 characters is used, and when the limit is reached.
void TestSmallerDefects::reasonShowsItsLength()
{
    ConfirmChangeDialog dialog(
        PendingAction::Type::OptOut,
        {User {QStringLiteral("u-1"), QStringLiteral("a@example.com"), QStringLiteral("A")}});
    dialog.show();
    QLineEdit *reason = dialog.reasonEdit();
    QVERIFY(reason);
    auto *counter = dialog.findChild<QLabel *>(QStringLiteral("reasonEditCounter"));
    QVERIFY(counter);
    QVERIFY(counter->isVisible());
    QTest::keyClicks(reason, QStringLiteral("GDPR"));
    QVERIFY2(counter->text().contains(u"4") && counter->text().contains(u"500"),
             qPrintable(counter->text()));
    const QString before = counter->text();
    reason->setText(QString(600, QLatin1Char('x')));
    QCOMPARE(reason->text().size(), 500);
    QVERIFY(counter->text() != before);
    QVERIFY2(counter->text().count(QStringLiteral("500")) >= 2, qPrintable(counter->text()));
}

QTEST_MAIN(TestSmallerDefects)
#include "tst_smallerdefects.moc"
