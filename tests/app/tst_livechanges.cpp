// Live changes in the app against the real optout-server: another session's change is shown
// within a second, an idle window sends nothing but the stream, the timed refresh takes over
// while the stream cannot connect, the stream comes back after the service restarts, and a
// revoked token ends it and signs out.
#include "apiclient.h"
#include "changestream.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "testserver.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

// One app's worth of core objects, wired as main.cpp wires them.
struct Core
{
    Core(const QUrl &url, const QByteArray &token, const QString &folder)
        : api(&network)
        , sync(&api, &users, &optOuts)
        , usage(&api)
    {
        api.setBaseUrl(url);
        api.setToken(token);
        api.setTransferTimeout(5000);
        sync.setPendingFilePath(folder + QStringLiteral("/pending.json"));
        sync.setCacheFilePath(folder + QStringLiteral("/cache.bin"));
        sync.setRetryDelays(200, 1000);
        sync.changeStream()->setRetryDelays(100, 400);
        QObject::connect(&sync, &SyncController::meLoaded, &usage, &UsageTracker::onMeLoaded);
        QObject::connect(&sync, &SyncController::usageTrackingChecked, &usage,
                         &UsageTracker::onTrackingChecked);
        QObject::connect(&sync, &SyncController::liveChangesChanged, &usage,
                         &UsageTracker::setLiveChanges);
    }
    ~Core() { sync.stop(); }
    bool synced()
    {
        sync.start();
        return QTest::qWaitFor([this] { return sync.state() == SyncController::State::Synced; },
                               30000);
    }
    bool live(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this] { return sync.changeStream()->isConnected(); }, timeoutMs);
    }
    QString someoneOptedIn() const
    {
        for (int r = 0; r < users.rowCount(); ++r) {
            const User &user = users.userAt(r);
            if (!users.isOptedOut(user.id) && user.id != sync.me().id)
                return user.id;
        }
        return {};
    }

    QNetworkAccessManager network;
    ApiClient api;
    UserModel users;
    OptOutModel optOuts;
    SyncController sync;
    UsageTracker usage;
};

// The request lines of the service's log ("GET /api/v1/sync-state 304 0.4 ms").
QStringList requestLines(const QByteArray &log)
{
    static const QRegularExpression line(
        QStringLiteral("(GET|HEAD|PUT|POST|DELETE|PATCH) (/\\S*) (\\d{3}) "));
    QStringList lines;
    auto it = line.globalMatch(QString::fromUtf8(log));
    while (it.hasNext()) {
        const auto m = it.next();
        lines.append(m.captured(1) + QLatin1Char(' ') + m.captured(2));
    }
    return lines;
}

} // namespace

class TestLiveChanges : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    int m_folders = 0;
    QString folder() { return m_dir.filePath(QString::number(++m_folders)); }

private slots:
    void init()
    {
        // The request log is on: it tells what the service received.
        QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("200")}));
    }
    void cleanup() { m_server.stop(); }

    void otherSessionsChangeWithinASecond()
    {
        Core a(m_server.baseUrl(), "demo-admin", folder());
        Core b(m_server.baseUrl(), "demo-admin", folder());
        QVERIFY(a.synced());
        QVERIFY(b.synced());
        QVERIFY(b.live());
        QVERIFY(a.live());
        QCOMPARE(b.sync.refreshInterval(), SyncController::DefaultRefreshIntervalMs);
        QSignalSpy applied(&b.sync, &SyncController::remoteChangesApplied);
        QSignalSpy done(&a.sync, &SyncController::actionCompleted);
        for (int i = 0; i < 3; ++i) {
            const QString id = a.someoneOptedIn();
            QVERIFY(!id.isEmpty());
            // From the administrator's click in A to B's model: the request, the event, B's
            // refresh.
            QElapsedTimer timer;
            timer.start();
            QVERIFY(a.sync.optOut(id) > 0);
            QVERIFY(QTest::qWaitFor([&] { return b.users.isOptedOut(id); }, 1000));
            qInfo("seen by the other session %lld ms after the opt-out in this one",
                  timer.elapsed());
            QTRY_COMPARE_WITH_TIMEOUT(done.count(), i + 1, 10000);
            QVERIFY(b.optOuts.rowOfKey(id) >= 0);
            // And back in, through B this time: A sees it.
            QVERIFY(b.sync.optIn({id}) > 0);
            timer.start();
            QVERIFY(QTest::qWaitFor([&] { return !a.users.isOptedOut(id); }, 3000));
            QVERIFY(QTest::qWaitFor([&] { return !b.users.isOptedOut(id); }, 3000));
        }
        QVERIFY(applied.count() >= 3);
        QCOMPARE(b.sync.changeStream()->connectionCount(), 1); // one stream all along
    }

    // Two instances of the service on one PostgreSQL database, as a cluster runs: a session on
    // each, and a change made through one instance is seen by the other instance's session
    // within a second (the change reaches that instance's streams through the database).
    void otherInstancesSessionSeesTheChangeWithinASecond()
    {
        if (!TestDatabase::isPostgres())
            QSKIP("two instances share a PostgreSQL database only (tst_livechanges_postgres)");
        TestServer other;
        QVERIFY(
            other.startBeside(m_server, {QStringLiteral("--demo-users"), QStringLiteral("200")}));
        QVERIFY(other.baseUrl() != m_server.baseUrl());
        Core a(m_server.baseUrl(), "demo-admin", folder());
        Core b(other.baseUrl(), "demo-admin", folder());
        QVERIFY(a.synced());
        QVERIFY(b.synced());
        QVERIFY(a.live());
        QVERIFY(b.live());
        for (int i = 0; i < 3; ++i) {
            const QString id = a.someoneOptedIn();
            QVERIFY(!id.isEmpty());
            QElapsedTimer timer;
            timer.start();
            QVERIFY(a.sync.optOut(id) > 0);
            QVERIFY2(QTest::qWaitFor([&] { return b.users.isOptedOut(id); }, 1000),
                     "the session on the other instance did not see the opt-out within 1 s");
            qInfo("seen through the other instance %lld ms after the opt-out", timer.elapsed());
            // And back in through B's instance: A sees it within the second too.
            QTRY_VERIFY_WITH_TIMEOUT(a.sync.pendingCount() == 0, 10000);
            timer.start();
            QVERIFY(b.sync.optIn({id}) > 0);
            QVERIFY2(QTest::qWaitFor([&] { return !a.users.isOptedOut(id); }, 1000),
                     "the opt-in through the other instance was not seen within 1 s");
            QTRY_VERIFY_WITH_TIMEOUT(b.sync.pendingCount() == 0, 10000);
        }
        QCOMPARE(b.sync.changeStream()->connectionCount(), 1);
        other.stop();
    }

    // A change elsewhere is fetched alone (GET /optouts?since=, one entry, not the list) and
    // shown by rows: one row into the table, one row of the picker changed, no reset or
    // re-layout of either model.
    void onlyWhatChangedIsFetchedAndShownByRows()
    {
        Core b(m_server.baseUrl(), "demo-admin", folder());
        QVERIFY(b.synced());
        QVERIFY(b.live());
        // A list long enough that the whole of it would show in the answer's size.
        QStringList many;
        for (int r = 0; r < b.users.rowCount() && many.size() < 60; ++r) {
            const QString id = b.users.userAt(r).id;
            if (!b.users.isOptedOut(id) && id != b.sync.me().id)
                many.append(id);
        }
        const QString id = many.takeLast();
        QCOMPARE(m_server
                     .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                              QJsonDocument(QJsonObject {{QStringLiteral("optOut"),
                                                          QJsonArray::fromStringList(many)}})
                                  .toJson())
                     .status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(b.users.isOptedOut(many.constLast()), 5000);
        QTest::qWait(200);
        QSignalSpy answered(&b.api, &ApiClient::answered);
        QSignalSpy reset(&b.optOuts, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&b.optOuts, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&b.optOuts, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&b.optOuts, &QAbstractItemModel::rowsRemoved);
        QSignalSpy usersReset(&b.users, &QAbstractItemModel::modelReset);
        QSignalSpy userRows(&b.users, &QAbstractItemModel::dataChanged);
        QCOMPARE(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(b.users.isOptedOut(id), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(b.optOuts.rowOfKey(id) == 0, 3000);
        QStringList lists;
        for (const QList<QVariant> &a : std::as_const(answered)) {
            const QString path = a.at(0).toString();
            if (!path.startsWith(QLatin1String("/api/v1/optouts")))
                continue;
            lists.append(path);
            // One entry, not the 60 of the list.
            QVERIFY2(a.at(2).toLongLong() < 1000, qPrintable(path));
        }
        QCOMPARE(lists.size(), 1);
        QVERIFY2(lists.constFirst().contains(QLatin1String("since=")),
                 qPrintable(lists.constFirst()));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.constFirst().at(1).toInt(), 0);
        QCOMPARE(inserted.constFirst().at(2).toInt(), 0);
        QCOMPARE(usersReset.count(), 0);
        QVERIFY(userRows.count() >= 1);
        const int row = b.users.rowOfKey(id);
        for (const QList<QVariant> &c : std::as_const(userRows)) {
            QCOMPARE(c.at(0).toModelIndex().row(), row);
            QCOMPARE(c.at(1).toModelIndex().row(), row);
        }
    }

    // While the stream is up an idle window sends nothing: not the timed refresh (however
    // short its interval), not the usage tracker's own check. While the stream cannot connect
    // (the service takes no more streams), the timed refresh runs.
    void idleWindowSendsNothingButTheStream()
    {
        Core a(m_server.baseUrl(), "demo-admin", folder());
        a.usage.setCheckInterval(300);
        a.usage.setFlushInterval(200);
        QVERIFY(a.synced());
        QVERIFY(a.live());
        QTest::qWait(600); // the sign-in's usage events are sent
        a.sync.setRefreshInterval(200);
        m_server.clearLog();
        QTest::qWait(3000);
        const QStringList idle = requestLines(m_server.log());
        QVERIFY2(idle.isEmpty(), qPrintable(idle.join(QLatin1String(", "))));
        QVERIFY(a.sync.changeStream()->isConnected());
        QCOMPARE(a.sync.state(), SyncController::State::Synced);
    }

    void pollsWhileTheStreamCannotConnect()
    {
        m_server.stop();
        QVERIFY(m_server.restart(
            {QStringLiteral("--demo"), QStringLiteral("--max-streams"), QStringLiteral("0")}));
        Core a(m_server.baseUrl(), "demo-admin", folder());
        a.sync.setRefreshInterval(300);
        QVERIFY(a.synced());
        QSignalSpy synced(&a.sync, &SyncController::synced);
        QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 4, 10000);
        QVERIFY(!a.sync.changeStream()->isConnected());
        const QStringList lines = requestLines(m_server.log());
        QVERIFY(lines.count(QStringLiteral("GET /api/v1/sync-state")) >= 4);
        QVERIFY(lines.count(QStringLiteral("GET /api/v1/changes/stream")) >= 1);
        QVERIFY(m_server.log().contains("GET /api/v1/changes/stream 503"));
        // Another session's change comes with the next timed refresh.
        const QString id = a.someoneOptedIn();
        QCOMPARE(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(a.users.isOptedOut(id), 5000);
    }

    void reconnectsAfterTheServiceRestarts()
    {
        Core a(m_server.baseUrl(), "demo-admin", folder());
        a.sync.changeStream()->setRetryDelays(100, 300);
        QVERIFY(a.synced());
        QVERIFY(a.live());
        QSignalSpy live(&a.sync, &SyncController::liveChangesChanged);
        QVERIFY(m_server.restartOnSamePort());
        QTRY_VERIFY_WITH_TIMEOUT(live.count() >= 2, 20000); // down, then up again
        QCOMPARE(live.first().first().toBool(), false);
        QCOMPARE(live.last().first().toBool(), true);
        QVERIFY(a.sync.changeStream()->connectionCount() >= 2);
        // Live again: another session's change within a second.
        const QString id = a.someoneOptedIn();
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
            201);
        QVERIFY(QTest::qWaitFor([&] { return a.users.isOptedOut(id); }, 1000));
        qInfo("after the restart: seen %lld ms after the PUT was sent", timer.elapsed());
    }

    void changeWhileDisconnectedArrivesOnReconnect()
    {
        Core a(m_server.baseUrl(), "demo-admin", folder());
        a.sync.changeStream()->setRetryDelays(1500, 1500);
        QVERIFY(a.synced());
        QVERIFY(a.live());
        const QString id = a.someoneOptedIn();
        QSignalSpy live(&a.sync, &SyncController::liveChangesChanged);
        QVERIFY(m_server.restartOnSamePort());
        QTRY_VERIFY_WITH_TIMEOUT(live.count() >= 1, 10000);
        // Made while the window is between two streams: its Last-Event-ID is behind, so the
        // new stream's first event brings it.
        QCOMPARE(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
            201);
        QTRY_VERIFY_WITH_TIMEOUT(a.users.isOptedOut(id), 10000);
        QVERIFY(a.sync.changeStream()->isConnected());
    }

    void revokedTokenEndsTheStreamAndSignsOut()
    {
        QCOMPARE(
            m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("admin@example.com"),
                              QStringLiteral("--org"), QStringLiteral("o-1")}),
            0);
        const QByteArray token = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                     .match(QString::fromUtf8(m_server.output()))
                                     .captured(1)
                                     .toUtf8();
        QVERIFY(!token.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_server.request("GET", QStringLiteral("/api/v1/me"), token).status, 200, 10000);
        Core a(m_server.baseUrl(), token, folder());
        QVERIFY(a.synced());
        QVERIFY(a.live());
        QSignalSpy signedOut(&a.sync, &SyncController::authenticationFailed);
        QCOMPARE(m_server.runOnce({QStringLiteral("--revoke-token"), QString::fromLatin1(token)}),
                 0);
        // No refresh is due for 30 s: the stream's end and its refused reconnection tell.
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 10000);
        QCOMPARE(a.sync.state(), SyncController::State::SignedOut);
        QCOMPARE(a.sync.changeStream()->state(), ChangeStream::State::Stopped);
        QVERIFY(signedOut.first().first().value<ApiError>().isUnauthenticated());
    }
};

QTEST_GUILESS_MAIN(TestLiveChanges)
#include "tst_livechanges.moc"
