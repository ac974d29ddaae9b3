// The usage tracking debugger dock and the usage summary widget, offscreen, against the real
// optout-server.
#include "apiclient.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "testserver.h"
#include "usagedebuggerdock.h"
#include "usageeventlogmodel.h"
#include "usagesummarymodel.h"
#include "usagesummarywidget.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

namespace {
constexpr int NetworkTimeoutMs = 20000;
}

class TestUsageWidgets : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dockShowsStateAndEvents();
    void summaryShowsStoredCountsPerUser();
    void summaryShowsErrorWhenServiceDown();

private:
    TestServer m_server;
};

void TestUsageWidgets::initTestCase()
{
    QVERIFY2(m_server.start(
                 {QStringLiteral("--demo-users"), QStringLiteral("50"), QStringLiteral("--quiet")}),
             m_server.output().constData());
}

void TestUsageWidgets::dockShowsStateAndEvents()
{
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(m_server.baseUrl());
    api.setToken("demo-user");
    UsageTracker tracker(&api);
    tracker.setCheckInterval(0);
    tracker.setFlushInterval(600000);
    UsageDebuggerDock dock(&tracker);
    dock.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dock));
    QCOMPARE(dock.objectName(), QStringLiteral("usageDebuggerDock"));
    QCOMPARE(dock.windowTitle(), QStringLiteral("Usage tracking debugger"));
    QCOMPARE(dock.stateText(), QStringLiteral("Tracking not started: not signed in"));

    bool done = false;
    api.fetchMe(&dock, [&](const ApiResult<Me> &result) {
        done = true;
        if (result.ok())
            tracker.onMeLoaded(result.value());
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, NetworkTimeoutMs);
    QCOMPARE(dock.stateText(), QStringLiteral("Tracking on"));
    QVERIFY(tracker.recordPageViewed(QStringLiteral("optout_settings")));
    QCOMPARE(dock.table()->model()->rowCount(), 2);
    QCOMPARE(dock.queueText(), QStringLiteral("2 event(s) waiting to be sent."));

    // Send now: the rows show the service's answer.
    auto *send = dock.findChild<QPushButton *>(QStringLiteral("usageSendNowButton"));
    QVERIFY(send);
    QVERIFY(send->isEnabled());
    QSignalSpy flushed(&tracker, &UsageTracker::flushed);
    QTest::mouseClick(send, Qt::LeftButton);
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    const QModelIndex status = dock.table()->model()->index(1, UsageEventLogModel::StatusColumn);
    QCOMPARE(status.data().toString(), QStringLiteral("Sent: accepted 2, discarded 0"));
    QCOMPARE(dock.queueText(), QStringLiteral("0 event(s) waiting to be sent."));

    // Opted out by an administrator: the next check turns the state line off.
    QVERIFY(tracker.recordRefresh());
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-2"), "demo-admin").status,
             201);
    tracker.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(dock.stateText(), QStringLiteral("Tracking off: you are opted out"),
                              NetworkTimeoutMs);
    QVERIFY(!send->isEnabled());
    QCOMPARE(dock.table()->model()->index(2, UsageEventLogModel::StatusColumn).data().toString(),
             QStringLiteral("Dropped"));

    // A language change re-renders the texts (English source strings here).
    QEvent change(QEvent::LanguageChange);
    QCoreApplication::sendEvent(&dock, &change);
    QCOMPARE(dock.stateText(), QStringLiteral("Tracking off: you are opted out"));

    // Back in: on again.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/u-2"), "demo-admin").status,
             204);
    tracker.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(dock.stateText(), QStringLiteral("Tracking on"), NetworkTimeoutMs);
    QVERIFY(send->isEnabled());
}

void TestUsageWidgets::summaryShowsStoredCountsPerUser()
{
    // The administrator's app: the users model (names, opt-out states) filled by the sync.
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(m_server.baseUrl());
    api.setToken("demo-admin");
    UserModel users;
    OptOutModel optOuts;
    QTemporaryDir dir;
    SyncController sync(&api, &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    QSignalSpy synced(&sync, &SyncController::synced);

    // u-3 sends events, then is opted out (its events are hidden, awaiting deletion); u-5 (who
    // never changed state: dockShowsStateAndEvents opted u-2 out and in, its events kept) sends
    // events.
    const QByteArray events = R"({"events":[{"name":"optout.refresh","userId":"u-5",)"
                              R"("timestamp":"2026-11-22T16:00:00Z"},{"name":"optout.refresh",)"
                              R"("userId":"u-3","timestamp":"2026-11-22T16:00:00Z"}]})";
    QCOMPARE(
        m_server.request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker", events)
            .status,
        200);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-3"), "demo-admin").status,
             201);
    sync.start();
    QVERIFY(synced.wait(NetworkTimeoutMs));

    UsageSummaryModel model(&api, &users);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    UsageSummaryWidget widget(&model);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QCOMPARE(widget.objectName(), QStringLiteral("usageSummaryWidget"));

    QSignalSpy refreshed(&model, &UsageSummaryModel::refreshed);
    QTest::mouseClick(widget.refreshButton(), Qt::LeftButton);
    QVERIFY(refreshed.wait(NetworkTimeoutMs));
    QVERIFY(widget.errorText().isEmpty());

    const int u2 = model.rowOfKey(QStringLiteral("u-5"));
    const int u3 = model.rowOfKey(QStringLiteral("u-3"));
    QVERIFY(u2 >= 0);
    QVERIFY(u3 >= 0);
    const User *user2 = users.userById(QStringLiteral("u-5"));
    QVERIFY(user2);
    QCOMPARE(model.index(u2, UsageSummaryModel::NameColumn).data().toString(), user2->name);
    QCOMPARE(model.index(u2, UsageSummaryModel::EmailColumn).data().toString(), user2->email);
    QCOMPARE(model.index(u2, UsageSummaryModel::ClientColumn).data().toString(),
             QStringLiteral("1"));
    QVERIFY(!model.index(u2, UsageSummaryModel::LastEventColumn).data().toString().isEmpty());
    QCOMPARE(model.index(u2, UsageSummaryModel::OptedOutColumn).data().toString(),
             QStringLiteral("No"));
    // The opted-out user contributes nothing.
    QCOMPARE(model.index(u3, UsageSummaryModel::ClientColumn).data().toString(),
             QStringLiteral("0"));
    QCOMPARE(model.index(u3, UsageSummaryModel::ServerColumn).data().toString(),
             QStringLiteral("0"));
    QVERIFY(model.index(u3, UsageSummaryModel::LastEventColumn).data().toString().isEmpty());
    QCOMPARE(model.index(u3, UsageSummaryModel::OptedOutColumn).data().toString(),
             QStringLiteral("Yes"));
    // Its event is kept, hidden, until the retention window ends: "awaiting deletion".
    const QString awaiting
        = model.index(u3, UsageSummaryModel::AwaitingDeletionColumn).data().toString();
    QVERIFY2(awaiting.startsWith(QStringLiteral("1 event")) && awaiting.contains(u"deleted on"),
             qPrintable(awaiting));
    QVERIFY(model.index(u2, UsageSummaryModel::AwaitingDeletionColumn).data().toString().isEmpty());
    QCOMPARE(widget.table()->model()->rowCount(), model.rowCount());

    // A second refresh is a diff: u-5's counts change in place, no reset.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          R"({"events":[{"name":"optout.refresh","userId":"u-5",)"
                          R"("timestamp":"2026-11-22T16:01:00Z"}]})")
                 .status,
             200);
    QTest::mouseClick(widget.refreshButton(), Qt::LeftButton);
    QVERIFY(refreshed.wait(NetworkTimeoutMs));
    QCOMPARE(reset.count(), 0);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(model.index(model.rowOfKey(QStringLiteral("u-5")), UsageSummaryModel::ClientColumn)
                 .data()
                 .toString(),
             QStringLiteral("2"));
    // A sign-out empties it, and an answer still on its way is dropped.
    model.refresh();
    QVERIFY(model.isLoading());
    model.clear();
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!refreshed.wait(1500));
    QCOMPARE(model.rowCount(), 0);
    sync.stop();
}

void TestUsageWidgets::summaryShowsErrorWhenServiceDown()
{
    QNetworkAccessManager network;
    ApiClient api(&network);
    TestServer down;
    QVERIFY(down.start({QStringLiteral("--quiet")}));
    api.setBaseUrl(down.baseUrl());
    api.setToken("demo-admin");
    down.stop();
    UsageSummaryModel model(&api);
    UsageSummaryWidget widget(&model);
    widget.show();
    QSignalSpy failed(&model, &UsageSummaryModel::errorOccurred);
    QTest::mouseClick(widget.refreshButton(), Qt::LeftButton);
    QVERIFY(failed.wait(NetworkTimeoutMs));
    QVERIFY(widget.errorText().startsWith(QStringLiteral("The usage summary could not be loaded")));
    QVERIFY(widget.refreshButton()->isEnabled());
    QCOMPARE(model.rowCount(), 0);

    // A sign-out (the model forgotten) leaves no failure behind for the next sign-in.
    model.clear();
    QVERIFY2(widget.errorText().isEmpty(), qPrintable(widget.errorText()));
}

QTEST_MAIN(TestUsageWidgets)
#include "tst_usagewidgets.moc"
