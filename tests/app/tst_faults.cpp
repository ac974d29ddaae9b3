// The core against a loopback server that misbehaves on purpose: clear errors, no crash, no loss.
#include "apiclient.h"
#include "apitestutil.h"
#include "faultyserver.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "usermodel.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray meBody = R"({"id": "u-1", "email": "admin@example.com", "name": "Ada Admin",
 "roles": ["product_admin"],
 "org": {"id": "o-1", "name": "Example Org", "productName": "Customer Journey Analytics"},
 "usageTracking": true})";
const QByteArray usersBody = R"({"users": [
 {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"},
 {"id": "u-2", "email": "zoe@example.com", "name": "Zoë de Vries"},
 {"id": "u-3", "email": "ole@example.com", "name": "Ole Østergaard"}],
 "page": 0, "pageSize": 5000, "total": 3, "lastPage": true})";
const QByteArray optOutsBody = R"({"revision": 7, "optOuts": [
 {"user": {"id": "u-3", "email": "ole@example.com", "name": "Ole Østergaard"},
  "optedOutAt": "2026-11-22T16:00:00Z",
  "optedOutBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"}}]})";
const QByteArray putBody
    = R"({"user": {"id": "u-2", "email": "zoe@example.com", "name": "Zoë de Vries"},
  "optedOutAt": "2026-11-22T16:05:00Z",
  "optedOutBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"}})";

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void clientErrors_data();
    void clientErrors();
    void refusedConnection();
    void syncRetriesUntilConfirmed();
    void syncRollsBackOn412();
    void syncStartsWhileServerDown();
    void malformedRefreshKeepsData();
    void unreadablePendingFileIsKeptAside();

private:
    void serveHappyPath();
    std::unique_ptr<FaultyServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFaults::init()
{
    m_server = std::make_unique<FaultyServer>();
    QVERIFY(m_server->listen());
    m_api = std::make_unique<ApiClient>(&m_network);
    m_api->setBaseUrl(m_server->baseUrl());
    m_api->setToken("token");
    m_api->setTransferTimeout(500);
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestFaults::serveHappyPath()
{
    m_server->setResponse("GET", "/api/v1/me", FaultyServer::json(200, meBody));
    m_server->setResponse("GET", "/api/v1/users", FaultyServer::json(200, usersBody));
    FaultyServer::Response optOuts = FaultyServer::json(200, optOutsBody);
    optOuts.headers.append(qMakePair(QByteArray("ETag"), QByteArray("\"7\"")));
    m_server->setResponse("GET", "/api/v1/optouts", optOuts);
    FaultyServer::Response put = FaultyServer::json(201, putBody);
    put.headers.append(qMakePair(QByteArray("ETag"), QByteArray("\"8\"")));
    m_server->setResponse("PUT", "/api/v1/optouts/u-2", put);
}

void TestFaults::clientErrors_data()
{
    QTest::addColumn<FaultyServer::Response>("response");
    QTest::addColumn<ApiError::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("transient");
    using F = FaultyServer;
    QTest::newRow("never answers")
        << F::fault(F::Fault::NeverAnswer) << ApiError::Kind::Timeout << 0 << QString() << true;
    QTest::newRow("truncated body") << F::fault(F::Fault::TruncatedBody, optOutsBody)
                                    << ApiError::Kind::Malformed << 200 << QString() << true;
    QTest::newRow("closed mid-response") << F::fault(F::Fault::CloseMidResponse, optOutsBody)
                                         << ApiError::Kind::Network << 0 << QString() << true;
    QTest::newRow("closed without answer") << F::fault(F::Fault::CloseWithoutAnswer)
                                           << ApiError::Kind::Network << 0 << QString() << true;
    QTest::newRow("malformed JSON") << F::json(200, "{\"revision\": 7, \"optOuts\": [}")
                                    << ApiError::Kind::Malformed << 200 << QString() << true;
    QTest::newRow("HTML instead of JSON") << F::json(200, "<html><body>Proxy</body></html>")
                                          << ApiError::Kind::Malformed << 200 << QString() << true;
    QTest::newRow("wrong types") << F::json(200, R"({"revision": "7", "optOuts": {}})")
                                 << ApiError::Kind::Malformed << 200 << QString() << true;
    QTest::newRow("empty 200") << F::json(200, {}) << ApiError::Kind::Malformed << 200 << QString()
                               << true;
    QTest::newRow("500 with API error") << F::error(500, "internal", "boom") << ApiError::Kind::Http
                                        << 500 << QStringLiteral("internal") << true;
    QTest::newRow("500 with HTML")
        << F::json(500, "<html>oops</html>") << ApiError::Kind::Http << 500 << QString() << true;
    QTest::newRow("503") << F::json(503, {}) << ApiError::Kind::Http << 503 << QString() << true;
    QTest::newRow("412") << F::error(412, "precondition_failed", "stale") << ApiError::Kind::Http
                         << 412 << QStringLiteral("precondition_failed") << false;
    QTest::newRow("404") << F::error(404, "not_found", "gone") << ApiError::Kind::Http << 404
                         << QStringLiteral("not_found") << false;
    QTest::newRow("403") << F::error(403, "forbidden", "no") << ApiError::Kind::Http << 403
                         << QStringLiteral("forbidden") << false;
}

void TestFaults::clientErrors()
{
    QFETCH(FaultyServer::Response, response);
    QFETCH(ApiError::Kind, kind);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(bool, transient);
    m_server->setResponse("GET", "/api/v1/optouts", response);
    const auto result = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    QVERIFY(result);
    QVERIFY(!result->ok());
    const ApiError &error = result->error();
    QCOMPARE(error.kind, kind);
    if (status != 0 || kind != ApiError::Kind::Network)
        QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QCOMPARE(error.isTransient(), transient);
    QVERIFY(!error.message.isEmpty());
    // The service's English text is never what the administrator reads for a known code.
    QVERIFY(!error.message.contains(QStringLiteral("boom")));
    // Qt resends an idempotent request once when the connection closes before any answer.
    QVERIFY(m_server->requestCount("GET", "/api/v1/optouts") >= 1);
    QCOMPARE(m_server->requests().first().header("Authorization"), QByteArray("Bearer token"));
}

void TestFaults::refusedConnection()
{
    m_server->close();
    const auto result
        = waitFor<Me>([this](QObject *c, ApiCallback<Me> d) { m_api->fetchMe(c, d); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, ApiError::Kind::Network);
    QVERIFY(result->error().isTransient());
    QVERIFY(!result->error().message.isEmpty());
}

void TestFaults::syncRetriesUntilConfirmed()
{
    serveHappyPath();
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(m_api.get(), &users, &optOuts);
    const QString file = m_dir->filePath(QStringLiteral("pending.json"));
    sync.setPendingFilePath(file);
    sync.setRetryDelays(50, 200);
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    QCOMPARE(users.rowCount(), 3);
    QCOMPARE(optOuts.rowCount(), 1);

    using F = FaultyServer;
    m_server->enqueue("PUT", "/api/v1/optouts/u-2", F::error(500, "internal", "boom"));
    m_server->enqueue("PUT", "/api/v1/optouts/u-2", F::fault(F::Fault::NeverAnswer));
    m_server->enqueue("PUT", "/api/v1/optouts/u-2", F::fault(F::Fault::CloseMidResponse, putBody));
    m_server->enqueue("PUT", "/api/v1/optouts/u-2", F::json(200, "{\"user\": 3}"));
    // What the service lists once it has taken the opt-out.
    const QByteArray after = R"({"revision": 8, "optOuts": [
 {"user": {"id": "u-2", "email": "zoe@example.com", "name": "Zoë de Vries"},
  "optedOutAt": "2026-11-22T16:05:00Z",
  "optedOutBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"}},
 {"user": {"id": "u-3", "email": "ole@example.com", "name": "Ole Østergaard"},
  "optedOutAt": "2026-11-22T16:00:00Z",
  "optedOutBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"}}]})";
    m_server->setResponse("GET", "/api/v1/optouts", F::json(200, after));
    QSignalSpy failed(&sync, &SyncController::actionFailed);
    QSignalSpy confirmed(&sync, &SyncController::optOutConfirmed);
    QSignalSpy countdown(&sync, &SyncController::retryCountdownChanged);

    sync.optOut(QStringLiteral("u-2"));
    QVERIFY(optOuts.rowOfKey(QStringLiteral("u-2")) >= 0);
    QVERIFY(QFile::exists(file));
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Offline, 10000);
    QVERIFY(!countdown.isEmpty());
    QCOMPARE(sync.pendingCount(), 1);
    QVERIFY(optOuts.isPendingAt(optOuts.rowOfKey(QStringLiteral("u-2"))));

    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
    QCOMPARE(failed.count(), 0); // never rolled back
    QCOMPARE(m_server->requestCount("PUT", "/api/v1/optouts/u-2"), 5);
    QCOMPARE(sync.pendingCount(), 0);
    QVERIFY(!QFile::exists(file));
    const int row = optOuts.rowOfKey(QStringLiteral("u-2"));
    QVERIFY(row >= 0);
    QVERIFY(!optOuts.isPendingAt(row));
    QCOMPARE(optOuts.entryAt(row).optedOutAt,
             QDateTime(QDate(2026, 11, 22), QTime(16, 5), Qt::UTC));
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
}

void TestFaults::syncRollsBackOn412()
{
    serveHappyPath();
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(m_api.get(), &users, &optOuts);
    sync.setPendingFilePath(m_dir->filePath(QStringLiteral("pending.json")));
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    m_server->enqueue("PUT", "/api/v1/optouts/u-2",
                      FaultyServer::error(412, "precondition_failed", "stale"));
    QSignalSpy failed(&sync, &SyncController::actionFailed);
    sync.optOut(QStringLiteral("u-2"));
    QVERIFY(users.isOptedOut(QStringLiteral("u-2")));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
    const auto action = failed.first().at(0).value<PendingAction>();
    QCOMPARE(action.userIds, QStringList {QStringLiteral("u-2")});
    const auto error = failed.first().at(1).value<ApiError>();
    QCOMPARE(error.code, QStringLiteral("precondition_failed"));
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(optOuts.rowOfKey(QStringLiteral("u-2")), -1);
    QVERIFY(!users.isOptedOut(QStringLiteral("u-2")));
    QCOMPARE(sync.pendingCount(), 0);
}

void TestFaults::syncStartsWhileServerDown()
{
    serveHappyPath();
    const quint16 port = m_server->port();
    m_server->close();
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(m_api.get(), &users, &optOuts);
    sync.setPendingFilePath(m_dir->filePath(QStringLiteral("pending.json")));
    sync.setRetryDelays(100, 400);
    QSignalSpy errors(&sync, &SyncController::errorOccurred);
    sync.start();
    // A first sign-in that reaches nothing, with nothing cached: named, and not retried by
    // itself (a wrong address would retry for ever), until the administrator asks.
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Unreachable, 10000);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).value<ApiError>().kind, ApiError::Kind::Network);
    QCOMPARE(sync.serverUrl(), m_api->baseUrl()); // the window names it
    QVERIFY(m_server->listen(port));
    QTest::qWait(600);
    QCOMPARE(sync.state(), SyncController::State::Unreachable);
    sync.refresh(); // Retry
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    QCOMPARE(users.rowCount(), 3);
}

void TestFaults::malformedRefreshKeepsData()
{
    serveHappyPath();
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(m_api.get(), &users, &optOuts);
    sync.setPendingFilePath(m_dir->filePath(QStringLiteral("pending.json")));
    sync.setRetryDelays(100, 400);
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    m_server->enqueue("GET", "/api/v1/optouts",
                      FaultyServer::json(200, R"({"revision": 8, "optOuts": [{"user": null}]})"));
    m_server->enqueue("GET", "/api/v1/users",
                      FaultyServer::fault(FaultyServer::Fault::TruncatedBody, usersBody));
    QSignalSpy errors(&sync, &SyncController::errorOccurred);
    sync.refresh(); // users truncated: error, data kept
    QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
    QCOMPARE(errors.first().at(0).value<ApiError>().kind, ApiError::Kind::Malformed);
    QCOMPARE(users.rowCount(), 3);
    QCOMPARE(optOuts.rowCount(), 1);
    // The retry gets the users, then the malformed opt-out list: still nothing emptied.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount("GET", "/api/v1/optouts") >= 3, 10000);
    QCOMPARE(optOuts.rowCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    QCOMPARE(optOuts.rowCount(), 1);
    QCOMPARE(users.rowCount(), 3);
}

void TestFaults::unreadablePendingFileIsKeptAside()
{
    serveHappyPath();
    const QString file = m_dir->filePath(QStringLiteral("pending.json"));
    {
        QFile broken(file);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"version\": 1, \"actions\": [{\"type\": \"opt_");
    }
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(m_api.get(), &users, &optOuts);
    sync.setPendingFilePath(file);
    QSignalSpy unreadable(&sync, &SyncController::pendingFileUnreadable);
    sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(sync.state(), SyncController::State::Synced, 10000);
    QCOMPARE(unreadable.count(), 1);
    QCOMPARE(unreadable.first().at(0).toString(), file + QStringLiteral(".unreadable"));
    QVERIFY(QFile::exists(file + QStringLiteral(".unreadable")));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
