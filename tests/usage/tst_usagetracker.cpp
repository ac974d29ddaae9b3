// UsageTracker against the real optout-server: events of a user who is in are stored, none once
// the user is out, the queue survives a network failure and stays bounded.
#include "apiclient.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "testserver.h"
#include "usageeventlogmodel.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

constexpr int NetworkTimeoutMs = 20000;

// What the service has stored for one user, read with the administrator's token.
struct Stored
{
    bool listed = false;
    qint64 client = -1;
    qint64 server = -1;
    bool optedOut = false;
};

Stored storedFor(const TestServer &server, const QString &userId)
{
    const HttpResult result
        = server.request("GET", QStringLiteral("/api/v1/usage/summary"), "demo-admin");
    Stored stored;
    if (result.status != 200)
        return stored;
    const QJsonArray users = result.json().object().value(QLatin1String("users")).toArray();
    for (const QJsonValue &value : users) {
        const QJsonObject o = value.toObject();
        if (o.value(QLatin1String("user")).toObject().value(QLatin1String("id")).toString()
            != userId)
            continue;
        stored.listed = true;
        stored.client = o.value(QLatin1String("client")).toInteger();
        stored.server = o.value(QLatin1String("server")).toInteger();
        stored.optedOut = o.value(QLatin1String("optedOut")).toBool();
    }
    if (!stored.listed) {
        stored.client = 0;
        stored.server = 0;
    }
    return stored;
}

qint64 discardedSinceStart(const TestServer &server)
{
    const HttpResult result
        = server.request("GET", QStringLiteral("/api/v1/usage/summary"), "demo-admin");
    if (result.status != 200)
        return -1;
    return result.json().object().value(QLatin1String("discardedSinceStart")).toInteger(-1);
}

qint64 clientEventsOf(const TestServer &server, const QString &userId)
{
    return storedFor(server, userId).client;
}

int setOptedOut(const TestServer &server, const QString &userId, bool out)
{
    return server
        .request(out ? "PUT" : "DELETE", QStringLiteral("/api/v1/optouts/") + userId, "demo-admin")
        .status;
}

// One app's client side: its network manager, API client and tracker.
struct Client
{
    Client(const QUrl &baseUrl, const QByteArray &token)
    {
        api.setBaseUrl(baseUrl);
        api.setToken(token);
        api.setTransferTimeout(5000);
        tracker.setRetryDelays(50, 400);
        tracker.setCheckInterval(0); // checks are triggered by each test
        tracker.setFlushInterval(600000); // sends only on threshold or flush unless a test says
    }

    // Reads /me and hands it to the tracker, as SyncController::meLoaded does.
    bool signIn()
    {
        bool done = false;
        bool ok = false;
        api.fetchMe(&tracker, [&](const ApiResult<Me> &result) {
            done = true;
            ok = result.ok();
            if (ok) {
                me = result.value();
                tracker.onMeLoaded(me);
            }
        });
        return QTest::qWaitFor([&done]() { return done; }, NetworkTimeoutMs) && ok;
    }

    QNetworkAccessManager network;
    ApiClient api {&network};
    UsageTracker tracker {&api};
    Me me;
};

} // namespace

class TestUsageTracker : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void eventsOfUserWhoIsInAreStored();
    void thresholdAndTimerSendWithoutFlush();
    void stopsAndDropsQueueOnceOptedOut();
    void syncedRefreshStopsTracking();
    void checkTimerStopsTracking();
    void recordsNothingWhenOptedOutFromStart();
    void queueSurvivesNetworkFailure();
    void queueStaysBoundedWhileOffline();
    void refusedBatchIsDroppedWithError();
    void unauthenticatedBatchStaysQueued();
    void logModelIsBounded();
    void anotherUsersSignInEmptiesTheLog();

private:
    std::unique_ptr<TestServer> m_server;
};

void TestUsageTracker::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(
                 {QStringLiteral("--demo-users"), QStringLiteral("50"), QStringLiteral("--quiet")}),
             m_server->output().constData());
}

void TestUsageTracker::cleanup()
{
    m_server.reset();
}

void TestUsageTracker::eventsOfUserWhoIsInAreStored()
{
    // Wired as the app wires it: SyncController::meLoaded starts the tracker.
    Client client(m_server->baseUrl(), "demo-user");
    UserModel users;
    OptOutModel optOuts;
    QTemporaryDir dir;
    SyncController sync(&client.api, &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    connect(&sync, &SyncController::meLoaded, &client.tracker, &UsageTracker::onMeLoaded);
    QCOMPARE(client.tracker.state(), UsageTracker::State::SignedOut);
    QVERIFY(!client.tracker.recordRefresh()); // nothing before sign-in
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.state(), UsageTracker::State::On, NetworkTimeoutMs);
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);

    UsageEventLogModel *log = client.tracker.logModel();
    QCOMPARE(log->rowCount(), 1);
    QCOMPARE(log->eventNameAt(0), QStringLiteral("optout.signed_in"));
    QVERIFY(client.tracker.recordPageViewed(QStringLiteral("optout_settings")));
    QVERIFY(client.tracker.recordSearchUsed());
    QVERIFY(client.tracker.recordLanguageChanged(QStringLiteral("fr")));
    QVERIFY(client.tracker.recordUsersOptedIn(3));
    QVERIFY(client.tracker.recordUserOptedOut());
    QVERIFY(client.tracker.recordRefresh());
    QCOMPARE(client.tracker.queueSize(), 7);
    QCOMPARE(log->rowCount(), 7);
    QCOMPARE(log->statusAt(6), UsageEventLogModel::Status::Queued);
    QCOMPARE(log->data(log->index(1, UsageEventLogModel::PropertiesColumn)).toString(),
             QStringLiteral("page=optout_settings"));
    QCOMPARE(log->data(log->index(3, UsageEventLogModel::PropertiesColumn)).toString(),
             QStringLiteral("lang=fr"));
    QCOMPARE(log->data(log->index(4, UsageEventLogModel::PropertiesColumn)).toString(),
             QStringLiteral("count=3"));
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 0);

    QSignalSpy sent(&client.tracker, &UsageTracker::batchSent);
    QSignalSpy flushed(&client.tracker, &UsageTracker::flushed);
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.at(0).at(0).toInt(), 7);
    const auto result = sent.at(0).at(1).value<UsageEventsResult>();
    QCOMPARE(result.accepted, 7);
    QCOMPARE(result.discarded, 0);
    QCOMPARE(client.tracker.queueSize(), 0);
    QCOMPARE(log->countWithStatus(UsageEventLogModel::Status::Sent), 7);
    QCOMPARE(log->data(log->index(0, UsageEventLogModel::StatusColumn)).toString(),
             QStringLiteral("Sent: accepted 7, discarded 0"));

    const Stored stored = storedFor(*m_server, QStringLiteral("u-2"));
    QCOMPARE(stored.client, 7);
    QVERIFY(stored.server > 0); // /me was read as u-2, who is in
    QCOMPARE(discardedSinceStart(*m_server), 0);
    sync.stop();
}

void TestUsageTracker::thresholdAndTimerSendWithoutFlush()
{
    Client client(m_server->baseUrl(), "demo-user");
    client.tracker.setFlushThreshold(3);
    QVERIFY(client.signIn()); // signed_in: 1 queued
    QSignalSpy sent(&client.tracker, &UsageTracker::batchSent);
    QVERIFY(client.tracker.recordSearchUsed());
    QCOMPARE(sent.count(), 0);
    QVERIFY(client.tracker.recordSearchUsed()); // the third: a batch goes without flush()
    QVERIFY(client.tracker.isSending());
    QVERIFY(sent.wait(NetworkTimeoutMs));
    QCOMPARE(sent.at(0).at(0).toInt(), 3);

    client.tracker.setFlushInterval(50);
    QVERIFY(client.tracker.recordRefresh()); // below the threshold: the timer sends it
    QVERIFY(!client.tracker.isSending());
    QVERIFY(sent.wait(NetworkTimeoutMs));
    QCOMPARE(sent.at(1).at(0).toInt(), 1);
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 4);
}

void TestUsageTracker::stopsAndDropsQueueOnceOptedOut()
{
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    QSignalSpy flushed(&client.tracker, &UsageTracker::flushed);
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 1);

    QVERIFY(client.tracker.recordPageViewed(QStringLiteral("optout_settings")));
    QVERIFY(client.tracker.recordSearchUsed());
    QVERIFY(client.tracker.recordRefresh());
    QCOMPARE(client.tracker.queueSize(), 3);

    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-2"), true), 201);
    // Until the next check the app knows nothing (the documented behaviour) ...
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    QCOMPARE(client.tracker.queueSize(), 3);

    // ... and the check tells it: it stops, drops the queue and says so.
    QSignalSpy stateSpy(&client.tracker, &UsageTracker::stateChanged);
    QSignalSpy checked(&client.tracker, &UsageTracker::trackingChecked);
    client.tracker.checkNow();
    QVERIFY(checked.wait(NetworkTimeoutMs));
    QCOMPARE(checked.at(0).at(0).toBool(), false);
    QCOMPARE(client.tracker.state(), UsageTracker::State::OffOptedOut);
    QCOMPARE(stateSpy.count(), 1);
    QCOMPARE(stateSpy.at(0).at(0).value<UsageTracker::State>(), UsageTracker::State::OffOptedOut);
    QCOMPARE(client.tracker.state(), UsageTracker::State::OffOptedOut);
    QCOMPARE(client.tracker.queueSize(), 0);
    UsageEventLogModel *log = client.tracker.logModel();
    QCOMPARE(log->rowCount(), 4);
    QCOMPARE(log->statusAt(0), UsageEventLogModel::Status::Sent);
    for (int row = 1; row < 4; ++row)
        QCOMPARE(log->statusAt(row), UsageEventLogModel::Status::Dropped);

    // Nothing more is recorded or sent, and checking again keeps it off.
    QVERIFY(!client.tracker.recordRefresh());
    QVERIFY(!client.tracker.recordSearchUsed());
    QCOMPARE(log->rowCount(), 4);
    QCOMPARE(client.tracker.queueSize(), 0);
    client.tracker.flush();
    client.tracker.checkNow();
    QVERIFY(checked.wait(NetworkTimeoutMs));
    QCOMPARE(client.tracker.state(), UsageTracker::State::OffOptedOut);

    // The service stores nothing of u-2, client- or server-side, and was sent nothing to
    // discard: the app stopped sending, it did not rely on the service's filter.
    const Stored stored = storedFor(*m_server, QStringLiteral("u-2"));
    QVERIFY(stored.listed);
    QVERIFY(stored.optedOut);
    QCOMPARE(stored.client, 0);
    QCOMPARE(stored.server, 0);
    QCOMPARE(discardedSinceStart(*m_server), 0);

    // Opted back in: tracking resumes at the next check.
    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-2"), false), 204);
    client.tracker.checkNow();
    QVERIFY(checked.wait(NetworkTimeoutMs));
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    QVERIFY(client.tracker.recordRefresh());
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    // The event sent before the opt-out was kept, hidden, through the retention window and
    // counts again now that u-2 is back in; plus the new one.
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 2);
}

void TestUsageTracker::syncedRefreshStopsTracking()
{
    // An administrator's app: each refresh of SyncController carries the check.
    Client client(m_server->baseUrl(), "demo-admin");
    UserModel users;
    OptOutModel optOuts;
    QTemporaryDir dir;
    SyncController sync(&client.api, &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    connect(&sync, &SyncController::meLoaded, &client.tracker, &UsageTracker::onMeLoaded);
    connect(&sync, &SyncController::usageTrackingChecked, &client.tracker,
            &UsageTracker::onTrackingChecked);
    QSignalSpy synced(&sync, &SyncController::synced);
    QSignalSpy checked(&client.tracker, &UsageTracker::trackingChecked);
    sync.start();
    QVERIFY(synced.wait(NetworkTimeoutMs));
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    // The load's /sync-state carried the check.
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, NetworkTimeoutMs);
    QCOMPARE(checked.at(0).at(0).toBool(), true);
    QVERIFY(client.tracker.recordRefresh());
    QCOMPARE(client.tracker.queueSize(), 2);

    // Another administrator of the organisation opts this one out.
    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-1"), true), 201);
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    sync.refresh();
    QVERIFY(synced.wait(NetworkTimeoutMs));
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 2, NetworkTimeoutMs);
    QCOMPARE(checked.at(1).at(0).toBool(), false);
    QCOMPARE(client.tracker.state(), UsageTracker::State::OffOptedOut);
    QCOMPARE(client.tracker.queueSize(), 0);
    QCOMPARE(discardedSinceStart(*m_server), 0);
    sync.stop();
}

void TestUsageTracker::checkTimerStopsTracking()
{
    // A plain user's app has no opt-out page to refresh: the tracker's own timer checks.
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    client.tracker.setCheckInterval(100);
    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-2"), true), 201);
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.state(), UsageTracker::State::OffOptedOut,
                              NetworkTimeoutMs);
    QCOMPARE(client.tracker.queueSize(), 0);
    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-2"), false), 204);
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.state(), UsageTracker::State::On, NetworkTimeoutMs);
}

void TestUsageTracker::recordsNothingWhenOptedOutFromStart()
{
    QCOMPARE(setOptedOut(*m_server, QStringLiteral("u-2"), true), 201);
    Client client(m_server->baseUrl(), "demo-user");
    QSignalSpy stateSpy(&client.tracker, &UsageTracker::stateChanged);
    QVERIFY(client.signIn());
    QCOMPARE(client.me.usageTracking, false);
    QCOMPARE(client.tracker.state(), UsageTracker::State::OffOptedOut);
    QCOMPARE(stateSpy.count(), 1);
    QVERIFY(!client.tracker.recordPageViewed(QStringLiteral("optout_settings")));
    QVERIFY(!client.tracker.recordRefresh());
    QCOMPARE(client.tracker.queueSize(), 0);
    QCOMPARE(client.tracker.logModel()->rowCount(), 0); // not even signed_in
    QVERIFY(client.tracker.flushAndWait(2000));

    const Stored stored = storedFor(*m_server, QStringLiteral("u-2"));
    QCOMPARE(stored.client, 0);
    QCOMPARE(stored.server, 0);
    QCOMPARE(discardedSinceStart(*m_server), 0);
}

void TestUsageTracker::queueSurvivesNetworkFailure()
{
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    QSignalSpy flushed(&client.tracker, &UsageTracker::flushed);
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 1);

    m_server->stop();
    QSignalSpy failed(&client.tracker, &UsageTracker::sendFailed);
    for (int i = 0; i < 5; ++i)
        QVERIFY(client.tracker.recordSearchUsed());
    client.tracker.flush();
    QVERIFY(failed.wait(NetworkTimeoutMs));
    QVERIFY(failed.at(0).at(0).value<ApiError>().isTransient());
    QVERIFY(!failed.at(0).at(0).value<ApiError>().message.isEmpty());
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);
    QCOMPARE(client.tracker.queueSize(), 5);
    QCOMPARE(client.tracker.droppedCount(), 0);
    QVERIFY(failed.wait(NetworkTimeoutMs)); // it keeps retrying
    QCOMPARE(client.tracker.queueSize(), 5);

    // The service comes back (same database, new port): the queued events arrive.
    QVERIFY2(m_server->restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}),
             m_server->output().constData());
    client.api.setBaseUrl(m_server->baseUrl());
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.queueSize(), 0, NetworkTimeoutMs);
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 6);
    QCOMPARE(client.tracker.logModel()->countWithStatus(UsageEventLogModel::Status::Sent), 6);
}

void TestUsageTracker::queueStaysBoundedWhileOffline()
{
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    QSignalSpy flushed(&client.tracker, &UsageTracker::flushed);
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));

    m_server->stop();
    QSignalSpy dropped(&client.tracker, &UsageTracker::droppedCountChanged);
    const int bound = client.tracker.maxQueueSize();
    QCOMPARE(bound, UsageTracker::DefaultMaxQueueSize);
    for (int i = 0; i < 5000; ++i)
        QVERIFY(client.tracker.recordSearchUsed());
    QCOMPARE(client.tracker.queueSize(), bound);
    QCOMPARE(client.tracker.droppedCount(), 5000 - bound);
    QVERIFY(!dropped.isEmpty());
    QCOMPARE(dropped.last().at(0).toLongLong(), 5000 - bound);

    UsageEventLogModel *log = client.tracker.logModel();
    QCOMPARE(log->rowCount(), UsageEventLogModel::DefaultMaxRows);
    QCOMPARE(log->statusAt(0), UsageEventLogModel::Status::Dropped); // the oldest kept rows
    QCOMPARE(log->statusAt(log->rowCount() - 1), UsageEventLogModel::Status::Queued);

    // Failed attempts requeue without growing past the bound.
    QSignalSpy failed(&client.tracker, &UsageTracker::sendFailed);
    client.tracker.flush();
    QVERIFY(failed.wait(NetworkTimeoutMs));
    QCOMPARE(client.tracker.queueSize(), bound);

    QVERIFY2(m_server->restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}),
             m_server->output().constData());
    client.api.setBaseUrl(m_server->baseUrl());
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.queueSize(), 0, NetworkTimeoutMs);
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 1 + bound);
    QCOMPARE(client.tracker.droppedCount(), 5000 - bound);
}

void TestUsageTracker::refusedBatchIsDroppedWithError()
{
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    QSignalSpy flushed(&client.tracker, &UsageTracker::flushed);
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));

    // The service refuses names over 200 characters with 400: that batch goes, with an error.
    QSignalSpy refused(&client.tracker, &UsageTracker::batchRefused);
    QVERIFY(client.tracker.record(QString(300, QLatin1Char('x'))));
    client.tracker.flush();
    QVERIFY(refused.wait(NetworkTimeoutMs));
    QCOMPARE(refused.at(0).at(0).toInt(), 1);
    const auto error = refused.at(0).at(1).value<ApiError>();
    QCOMPARE(error.httpStatus, 400);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(client.tracker.queueSize(), 0);
    UsageEventLogModel *log = client.tracker.logModel();
    QCOMPARE(log->statusAt(log->rowCount() - 1), UsageEventLogModel::Status::Failed);
    QCOMPARE(client.tracker.state(), UsageTracker::State::On);

    // The next events still go.
    QVERIFY(client.tracker.recordRefresh());
    client.tracker.flush();
    QVERIFY(flushed.wait(NetworkTimeoutMs));
    QCOMPARE(clientEventsOf(*m_server, QStringLiteral("u-2")), 2);
}

void TestUsageTracker::unauthenticatedBatchStaysQueued()
{
    Client client(m_server->baseUrl(), "demo-user");
    QVERIFY(client.signIn());
    client.api.setToken("not-a-token");
    QSignalSpy failed(&client.tracker, &UsageTracker::sendFailed);
    client.tracker.flush();
    QVERIFY(failed.wait(NetworkTimeoutMs));
    QVERIFY(failed.at(0).at(0).value<ApiError>().isUnauthenticated());
    QCOMPARE(client.tracker.queueSize(), 1);
    QVERIFY(client.tracker.recordRefresh());
    QCOMPARE(client.tracker.queueSize(), 2);

    // Signed in again (same user): the kept events go.
    client.api.setToken("demo-user");
    QVERIFY(client.signIn());
    QTRY_COMPARE_WITH_TIMEOUT(client.tracker.queueSize(), 0, NetworkTimeoutMs);
    client.tracker.flush();
    QTRY_COMPARE_WITH_TIMEOUT(clientEventsOf(*m_server, QStringLiteral("u-2")), 2,
                              NetworkTimeoutMs);
}

void TestUsageTracker::logModelIsBounded()
{
    UsageEventLogModel log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.setMaxRows(10);
    QSignalSpy removed(&log, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&log, &QAbstractItemModel::modelReset);
    QList<quint64> sequences;
    for (int i = 0; i < 25; ++i) {
        UsageEvent event;
        event.name = QStringLiteral("optout.refresh");
        event.timestamp = QDateTime::currentDateTimeUtc();
        sequences.append(log.append(event));
    }
    QCOMPARE(log.rowCount(), 10);
    QCOMPARE(removed.count(), 15);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(log.rowOfSequence(sequences.first()), -1);
    QCOMPARE(log.rowOfSequence(sequences.last()), 9);

    // A status change is one dataChanged per run of adjacent rows, on the status column only.
    QSignalSpy changed(&log, &QAbstractItemModel::dataChanged);
    UsageEventsResult batch;
    batch.accepted = 4;
    log.setStatus(
        {sequences.at(0), sequences.at(20), sequences.at(21), sequences.at(22), sequences.at(24)},
        UsageEventLogModel::Status::Sent, batch);
    QCOMPARE(changed.count(), 2);
    const auto first = changed.at(0).at(0).value<QModelIndex>();
    const auto last = changed.at(0).at(1).value<QModelIndex>();
    QCOMPARE(first.row(), 5);
    QCOMPARE(last.row(), 7);
    QCOMPARE(first.column(), int(UsageEventLogModel::StatusColumn));
    QCOMPARE(last.column(), int(UsageEventLogModel::StatusColumn));
    QCOMPARE(log.statusAt(5), UsageEventLogModel::Status::Sent);
    QCOMPARE(log.statusAt(8), UsageEventLogModel::Status::Queued);
    QCOMPARE(log.statusAt(9), UsageEventLogModel::Status::Sent);
}

// The debugger shows the signed-in user's events only: another account starts with an empty log.
void TestUsageTracker::anotherUsersSignInEmptiesTheLog()
{
    QNetworkAccessManager network;
    ApiClient api(&network);
    UsageTracker tracker(&api);
    Me ada;
    ada.id = QStringLiteral("u-1");
    ada.usageTracking = true;
    tracker.onMeLoaded(ada);
    tracker.recordRefresh();
    UsageEventLogModel *log = tracker.logModel();
    QAbstractItemModelTester tester(log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(log->rowCount(), 2); // signed in, refresh
    tracker.signOut();
    tracker.onMeLoaded(ada); // the same user again keeps the log
    QCOMPARE(log->rowCount(), 3);
    tracker.signOut();
    Me uma;
    uma.id = QStringLiteral("u-2");
    uma.usageTracking = true;
    tracker.onMeLoaded(uma);
    QCOMPARE(log->rowCount(), 1);
    QCOMPARE(log->eventNameAt(0), QString::fromLatin1(UsageEventNames::SignedIn));
}

QTEST_GUILESS_MAIN(TestUsageTracker)
#include "tst_usagetracker.moc"
