// SyncController against the real optout-server: load, actions, refresh, auth, persistence.
#include "apiclient.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "testserver.h"
#include "usermodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

// One app's worth of core objects.
struct Core
{
    explicit Core(const QUrl &url, const QByteArray &token, const QString &pendingFile)
        : api(&network)
        , sync(&api, &users, &optOuts)
    {
        api.setBaseUrl(url);
        api.setToken(token);
        api.setTransferTimeout(5000);
        sync.setPendingFilePath(pendingFile);
        sync.setRetryDelays(200, 1000);
    }
    QNetworkAccessManager network;
    ApiClient api;
    UserModel users;
    OptOutModel optOuts;
    SyncController sync;
};

QSet<QString> serverOptOuts(const TestServer &server)
{
    QSet<QString> ids;
    const QJsonArray list = server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin")
                                .json()
                                .object()
                                .value(QLatin1String("optOuts"))
                                .toArray();
    for (const QJsonValue &v : list)
        ids.insert(v.toObject()
                       .value(QLatin1String("user"))
                       .toObject()
                       .value(QLatin1String("id"))
                       .toString());
    return ids;
}

// A loopback proxy in front of the real server that counts the requests going through it, by
// request line: what the service really received, not what a mock says was sent.
class CountingProxy : public QObject
{
public:
    explicit CountingProxy(const QUrl &target)
        : m_target(target)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &CountingProxy::accept);
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl url() const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
    }
    int count(const QByteArray &requestLinePrefix) const
    {
        int n = 0;
        for (const QByteArray &line : m_requestLines)
            n += line.startsWith(requestLinePrefix) ? 1 : 0;
        return n;
    }
    QList<QByteArray> requestLines() const { return m_requestLines; }
    int conditionalRequests() const { return m_conditional; }
    int notModifiedAnswers() const { return m_notModified; }
    void clear()
    {
        m_requestLines.clear();
        m_conditional = 0;
        m_notModified = 0;
    }

private:
    void accept()
    {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            auto *upstream = new QTcpSocket(client);
            auto *buffer = new QByteArray;
            connect(client, &QObject::destroyed, this, [buffer]() { delete buffer; });
            upstream->connectToHost(m_target.host(), quint16(m_target.port()));
            connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, buffer]() {
                const QByteArray data = client->readAll();
                // Request lines: the first line, and any line after a blank one (keep-alive).
                buffer->append(data);
                qsizetype start = 0;
                for (;;) {
                    const qsizetype end = buffer->indexOf("\r\n", start);
                    if (end < 0)
                        break;
                    const QByteArray line = buffer->mid(start, end - start);
                    if (line.startsWith("GET ") || line.startsWith("PUT ")
                        || line.startsWith("POST ") || line.startsWith("DELETE "))
                        m_requestLines.append(line);
                    else if (line.toLower().startsWith("if-none-match:"))
                        ++m_conditional;
                    start = end + 2;
                }
                buffer->remove(0, start);
                upstream->write(data);
            });
            connect(upstream, &QTcpSocket::readyRead, client, [this, client, upstream]() {
                const QByteArray data = upstream->readAll();
                m_notModified += int(data.count("HTTP/1.1 304"));
                client->write(data);
            });
            connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        }
    }

    QTcpServer m_server;
    QUrl m_target;
    QList<QByteArray> m_requestLines;
    int m_conditional = 0;
    int m_notModified = 0;
};

// How many audit entries name this user.
int auditEntriesOf(const TestServer &server, const QString &userId)
{
    const QJsonArray entries
        = server.request("GET", QStringLiteral("/api/v1/audit?limit=1000"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("entries"))
              .toArray();
    int n = 0;
    for (const QJsonValue &v : entries) {
        if (v.toObject().value(QLatin1String("user")).toObject().value(QLatin1String("id"))
            == userId)
            ++n;
    }
    return n;
}

// A user who is not opted out and not the admin.
QString someoneOptedIn(const Core &core)
{
    for (int r = 0; r < core.users.rowCount(); ++r) {
        const User &user = core.users.userAt(r);
        if (!core.users.isOptedOut(user.id) && user.id != core.sync.me().id)
            return user.id;
    }
    return {};
}

} // namespace

class TestSync : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void load();
    void optOutIsOptimisticThenConfirmed();
    void optInIsOneBatch();
    void refusedActionRollsBack();
    void otherAdminChangeAppearsAfterRefresh();
    void badTokenSignsOut();
    void plainUserSeesNoPage();
    void pendingActionsSurviveRestart();
    void pendingCountShowsWhileOfflineAtStart();
    void offlineChangeOfMindSendsNothing();
    void cancelPendingDropsUnsentChanges();
    void pendingOptInKeepsItsRowMarked();
    void oneReportPerActionWithPartialFailure();
    void unchangedRefreshIsOneUsersRequest();
    void offlineStartShowsTheCache();
    void cachedStartRevalidates();
    void damagedCacheIsIgnored();
    void unreachableFirstSignInStopsAndNamesTheAddress();

private:
    bool loaded(Core &core);
    TestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSync::initTestCase()
{
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("120")}));
}

void TestSync::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

bool TestSync::loaded(Core &core)
{
    core.sync.start();
    return QTest::qWaitFor([&core]() { return core.sync.state() == SyncController::State::Synced; },
                           30000);
}

void TestSync::load()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QAbstractItemModelTester usersTester(&core.users);
    QAbstractItemModelTester optOutsTester(&core.optOuts);
    QSignalSpy progress(&core.sync, &SyncController::loadProgressChanged);
    QSignalSpy meLoaded(&core.sync, &SyncController::meLoaded);
    QSignalSpy synced(&core.sync, &SyncController::synced);
    QVERIFY(loaded(core));
    QCOMPARE(meLoaded.count(), 1);
    QCOMPARE(core.sync.me().name, QStringLiteral("Ada Admin"));
    QCOMPARE(core.sync.me().orgName, QStringLiteral("Example Org"));
    QCOMPARE(core.sync.me().productName, QStringLiteral("Customer Journey Analytics"));
    QVERIFY(core.sync.isProductAdmin());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 100);
    QCOMPARE(synced.count(), 1);

    const HttpResult users
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=1"), "demo-admin");
    QCOMPARE(core.users.rowCount(), users.json().object().value(QLatin1String("total")).toInt());
    const QSet<QString> out = serverOptOuts(m_server);
    QVERIFY(!out.isEmpty());
    QCOMPARE(core.optOuts.rowCount(), out.size());
    for (const QString &id : out) {
        QVERIFY(core.optOuts.rowOfKey(id) >= 0);
        QVERIFY(core.users.isOptedOut(id));
    }
    QVERIFY(core.sync.statusText().startsWith(QStringLiteral("Synced at")));
    QCOMPARE(core.sync.pendingCount(), 0);
}

void TestSync::optOutIsOptimisticThenConfirmed()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(!id.isEmpty());
    QSignalSpy reset(&core.optOuts, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&core.optOuts, &QAbstractItemModel::rowsInserted);
    QSignalSpy confirmed(&core.sync, &SyncController::optOutConfirmed);

    core.sync.optOut(id);
    // At once: the row is there, pending, and the user is no longer choosable.
    const int row = core.optOuts.rowOfKey(id);
    QVERIFY(row >= 0);
    QVERIFY(core.optOuts.isPendingAt(row));
    QVERIFY(core.users.isOptedOut(id));
    QCOMPARE(core.sync.pendingCount(), 1);
    QVERIFY(core.sync.statusText().contains(QStringLiteral("1 change")));
    QCOMPARE(inserted.count(), 1);

    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
    QCOMPARE(confirmed.first().at(0).toString(), id);
    QVERIFY(!core.optOuts.isPendingAt(core.optOuts.rowOfKey(id)));
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(serverOptOuts(m_server).contains(id));
    QCOMPARE(reset.count(), 0);
    QVERIFY(!QFile::exists(core.sync.pendingFilePath()));
}

void TestSync::optInIsOneBatch()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QVERIFY(core.optOuts.rowCount() >= 2);
    const QString kept = core.optOuts.entryAt(0).user.id;
    QVERIFY(core.optOuts.setData(core.optOuts.index(0, 0), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(core.optOuts.setData(core.optOuts.index(1, 0), Qt::Checked, Qt::CheckStateRole));
    const QStringList ids = core.optOuts.checkedUserIds();
    QCOMPARE(ids.size(), 2);
    const int rowsBefore = core.optOuts.rowCount();
    const int auditBefore
        = m_server.request("GET", QStringLiteral("/api/v1/audit?limit=1000"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("entries"))
              .toArray()
              .size();
    QSignalSpy confirmed(&core.sync, &SyncController::optInConfirmed);
    QSignalSpy reset(&core.optOuts, &QAbstractItemModel::modelReset);

    core.sync.optIn(ids);
    // The rows stay, marked, until the service confirms.
    QCOMPARE(core.optOuts.rowCount(), rowsBefore);
    for (const QString &id : ids)
        QVERIFY(core.optOuts.isLeavingAt(core.optOuts.rowOfKey(id)));
    QCOMPARE(core.sync.pendingCount(), 2);
    QVERIFY(!core.users.isOptedOut(kept));
    QVERIFY(core.users.isPending(kept));
    QCOMPARE(core.sync.pendingActions().size(), 1); // one batch

    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 20000);
    QCOMPARE(confirmed.first().at(0).toStringList(), ids);
    const QSet<QString> out = serverOptOuts(m_server);
    for (const QString &id : ids)
        QVERIFY(!out.contains(id));
    QCOMPARE(core.sync.pendingCount(), 0);
    QCOMPARE(core.optOuts.rowCount(), rowsBefore - 2);
    QCOMPARE(core.optOuts.checkedCount(), 0);
    QCOMPARE(reset.count(), 0);
    const int auditAfter
        = m_server.request("GET", QStringLiteral("/api/v1/audit?limit=1000"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("entries"))
              .toArray()
              .size();
    QCOMPARE(auditAfter, auditBefore + 2);
}

void TestSync::refusedActionRollsBack()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const int rows = core.optOuts.rowCount();
    QSignalSpy failed(&core.sync, &SyncController::actionFailed);
    core.sync.optOut(QStringLiteral("u-no-such-user"));
    QCOMPARE(core.optOuts.rowCount(), rows + 1);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const ApiError error = failed.first().at(1).value<ApiError>();
    QCOMPARE(error.httpStatus, 404);
    QCOMPARE(error.message, ApiError::messageForCode(QStringLiteral("not_found"), 404, {}));
    QCOMPARE(core.optOuts.rowCount(), rows);
    QCOMPARE(core.optOuts.rowOfKey(QStringLiteral("u-no-such-user")), -1);
    QCOMPARE(core.sync.pendingCount(), 0);
    QCOMPARE(core.sync.state(), SyncController::State::Synced);
}

void TestSync::otherAdminChangeAppearsAfterRefresh()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    core.sync.setRefreshInterval(300);
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(core.optOuts.setData(core.optOuts.index(0, 0), Qt::Checked, Qt::CheckStateRole));
    const QString checked = core.optOuts.entryAt(0).user.id;
    QSignalSpy reset(&core.optOuts, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&core.optOuts, &QAbstractItemModel::rowsInserted);

    // Another client changes the list behind our back; the timer's refresh brings it in.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
             201);
    QTRY_VERIFY_WITH_TIMEOUT(core.optOuts.rowOfKey(id) >= 0, 20000);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(core.optOuts.checkedUserIds(), QStringList {checked}); // the checkbox survived
    QVERIFY(core.users.isOptedOut(id));

    // And back, through refresh() on demand.
    core.sync.setRefreshInterval(3600000);
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
        204);
    core.sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(core.optOuts.rowOfKey(id) < 0, 20000);
    QCOMPARE(reset.count(), 0);
    QVERIFY(!core.users.isOptedOut(id));
}

void TestSync::badTokenSignsOut()
{
    Core core(m_server.baseUrl(), "revoked-token", m_dir->filePath(QStringLiteral("pending.json")));
    QSignalSpy signedOut(&core.sync, &SyncController::authenticationFailed);
    core.sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 20000);
    QCOMPARE(core.sync.state(), SyncController::State::SignedOut);
    QCOMPARE(signedOut.first().at(0).value<ApiError>().httpStatus, 401);
    QCOMPARE(core.users.rowCount(), 0);
    // Nobody was ever signed in: not "Signed out".
    QCOMPARE(core.sync.statusText(), QStringLiteral("Not signed in"));
}

void TestSync::plainUserSeesNoPage()
{
    Core core(m_server.baseUrl(), "demo-user", m_dir->filePath(QStringLiteral("pending.json")));
    core.sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::NotProductAdmin, 20000);
    QVERIFY(!core.sync.isProductAdmin());
    QCOMPARE(core.sync.me().email, QStringLiteral("user@example.com"));
    QCOMPARE(core.users.rowCount(), 0);
    QCOMPARE(core.optOuts.rowCount(), 0);

    // An admin's page loaded by a plain user's token (roles changed under us) is a 403.
    ApiError forbidden;
    int calls = 0;
    QObject context;
    core.api.fetchOptOuts({}, &context, [&](const ApiResult<OptOutList> &r) {
        ++calls;
        if (!r.ok())
            forbidden = r.error();
    });
    QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 20000);
    QCOMPARE(forbidden.httpStatus, 403);
}

void TestSync::pendingActionsSurviveRestart()
{
    const QString file = m_dir->filePath(QStringLiteral("pending.json"));
    QString id;
    {
        Core core(m_server.baseUrl(), "demo-admin", file);
        QVERIFY(loaded(core));
        id = someoneOptedIn(core);
        QVERIFY(!id.isEmpty());
        m_server.stop(); // the service goes away
        QSignalSpy error(&core.sync, &SyncController::errorOccurred);
        core.sync.optOut(id);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
        QVERIFY(!error.isEmpty());
        QVERIFY(core.sync.secondsUntilRetry() >= 0);
        QVERIFY(core.sync.statusText().contains(QStringLiteral("Offline")));
        QCOMPARE(core.sync.pendingCount(), 1);
        QVERIFY(core.optOuts.isPendingAt(core.optOuts.rowOfKey(id)));
        QVERIFY(QFile::exists(file));
    } // the app is closed with the action unsent

    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains(id.toUtf8()));
    saved.close();

    QVERIFY(m_server.restart());
    QVERIFY(!serverOptOuts(m_server).contains(id));
    Core core(m_server.baseUrl(), "demo-admin", file);
    QSignalSpy confirmed(&core.sync, &SyncController::optOutConfirmed);
    core.sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, 30000);
    QCOMPARE(confirmed.first().at(0).toString(), id);
    QVERIFY(serverOptOuts(m_server).contains(id));
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(!QFile::exists(file));
}

// Reopened while the service is down: the last user's unsent actions count from the start.
void TestSync::pendingCountShowsWhileOfflineAtStart()
{
    QStandardPaths::setTestModeEnabled(true); // the default pending folder, in a test location
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    const QUrl url = server.baseUrl();
    QString id;
    {
        Core core(url, "demo-admin", QString()); // the default file, as the app uses
        QVERIFY(loaded(core));
        id = someoneOptedIn(core);
        server.stop();
        core.sync.optOut(id);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
        QCOMPARE(core.sync.pendingCount(), 1);
    }
    {
        Core core(url, "demo-admin", QString());
        core.sync.start();
        QCOMPARE(core.sync.pendingCount(), 1); // before the service has answered anything
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
        QVERIFY2(core.sync.statusText().contains(QStringLiteral("1 change")),
                 qPrintable(core.sync.statusText()));
        QCOMPARE(core.sync.pendingActions().constFirst().userIds, QStringList {id});
    }
    {
        // Another token for the same server shows nothing of it.
        Core core(url, "demo-user", QString());
        core.sync.start();
        QCOMPARE(core.sync.pendingCount(), 0);
    }
    // The file is still there for the administrator's next sign-in.
    QVERIFY(QFile::exists(PendingStore::defaultFilePath(url, QStringLiteral("u-1"))));
    QFile::remove(PendingStore::defaultFilePath(url, QStringLiteral("u-1")));
}

// Defect 2: offline, an opt-out and then an opt-in of the same user cancel out: nothing is sent
// on reconnect, so the opt-out never deletes the user's stored usage events.
void TestSync::offlineChangeOfMindSendsNothing()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    const QString file = m_dir->filePath(QStringLiteral("pending.json"));
    Core core(server.baseUrl(), "demo-admin", file);
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(!id.isEmpty());
    const int rows = core.optOuts.rowCount();
    // The user has stored usage events.
    const QByteArray event = QStringLiteral(R"({"events":[{"name":"app.opened","timestamp":)"
                                            R"("2026-11-22T16:00:00Z","userId":"%1"}]})")
                                 .arg(id)
                                 .toUtf8();
    QCOMPARE(server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker", event,
                          {{"Content-Type", "application/json"}})
                 .status,
             200);
    const int auditBefore = auditEntriesOf(server, id);
    server.stop();

    core.sync.optOut(id);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QCOMPARE(core.sync.pendingCount(), 1);
    // Change of mind: opt the pending row in again.
    core.sync.optIn({id});
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(core.sync.pendingActions().isEmpty());
    QCOMPARE(core.optOuts.rowCount(), rows);
    QVERIFY(!core.users.isOptedOut(id));
    QVERIFY(!QFile::exists(file));

    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
    QTest::qWait(300);
    // Nothing reached the service: no audit entry, and the events are still stored.
    QCOMPARE(auditEntriesOf(server, id), auditBefore);
    QVERIFY(!serverOptOuts(server).contains(id));
    const QJsonArray summary
        = server.request("GET", QStringLiteral("/api/v1/usage/summary"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("users"))
              .toArray();
    int client = 0;
    for (const QJsonValue &v : summary) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("user")).toObject().value(QLatin1String("id")) == id)
            client = o.value(QLatin1String("client")).toInt();
    }
    QCOMPARE(client, 1);
}

// The pending list: entries cancelled from it are never sent; the rest are.
void TestSync::cancelPendingDropsUnsentChanges()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < 2; ++r) {
        const User &user = core.users.userAt(r);
        if (!core.users.isOptedOut(user.id) && user.id != core.sync.me().id)
            ids << user.id;
    }
    const QString kept = core.optOuts.entryAt(0).user.id;
    server.stop();
    core.sync.optOut(ids.at(0));
    core.sync.optOut(ids.at(1));
    core.sync.optIn({kept});
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QCOMPARE(core.sync.pendingCount(), 3);
    QSignalSpy changed(&core.sync, &SyncController::pendingChanged);
    core.sync.cancelPending({ids.at(0), kept});
    QVERIFY(!changed.isEmpty());
    QCOMPARE(core.sync.pendingCount(), 1);
    QCOMPARE(core.sync.pendingActions().constFirst().userIds, QStringList {ids.at(1)});
    QCOMPARE(core.optOuts.rowOfKey(ids.at(0)), -1);
    QVERIFY(!core.optOuts.isPendingAt(core.optOuts.rowOfKey(kept)));

    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    const QSet<QString> out = serverOptOuts(server);
    QVERIFY(!out.contains(ids.at(0)));
    QVERIFY(out.contains(ids.at(1)));
    QVERIFY(out.contains(kept));
}

// A pending opt-in keeps its row, marked, until the service confirms.
void TestSync::pendingOptInKeepsItsRowMarked()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QString id = core.optOuts.entryAt(0).user.id;
    const int rows = core.optOuts.rowCount();
    server.stop();
    core.sync.optIn({id});
    QCOMPARE(core.optOuts.rowCount(), rows);
    const int row = core.optOuts.rowOfKey(id);
    QVERIFY(row >= 0);
    QVERIFY(core.optOuts.isPendingAt(row));
    QVERIFY(core.optOuts.isLeavingAt(row));
    QVERIFY(core.optOuts.index(row, OptOutModel::NameColumn)
                .data(Qt::FontRole)
                .value<QFont>()
                .strikeOut());
    QVERIFY(!core.users.isOptedOut(id));
    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.optOuts.rowOfKey(id), -1, 20000);
    QCOMPARE(core.optOuts.rowCount(), rows - 1);
}

// Defect 3: one report per action, whatever the number of requests, with exact counts.
void TestSync::oneReportPerActionWithPartialFailure()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < 3; ++r) {
        const User &user = core.users.userAt(r);
        if (!core.users.isOptedOut(user.id) && user.id != core.sync.me().id)
            ids << user.id;
    }
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    const qint64 action = core.sync.optOut(ids + QStringList {QStringLiteral("u-not-there")});
    QVERIFY(action != 0);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    QTest::qWait(200);
    QCOMPARE(completed.count(), 1);
    const ActionReport report = completed.first().at(0).value<ActionReport>();
    QCOMPARE(report.actionId, action);
    QCOMPARE(report.type, PendingAction::Type::OptOut);
    QCOMPARE(report.applied, ids);
    QCOMPARE(report.refused, QStringList {QStringLiteral("u-not-there")});
    QCOMPARE(report.error.httpStatus, 404);
    for (const QString &id : std::as_const(ids))
        QVERIFY(serverOptOuts(m_server).contains(id));

    // Back in, in one action.
    completed.clear();
    core.sync.optIn(ids);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    QCOMPARE(completed.first().at(0).value<ActionReport>().applied, ids);
    QVERIFY(completed.first().at(0).value<ActionReport>().refused.isEmpty());
}

// An idle refresh of a multi-page organisation is one conditional users request (304), not one
// per page; counted by a loopback proxy in front of the real server.
void TestSync::unchangedRefreshIsOneUsersRequest()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("12000")}));
    CountingProxy proxy(server.baseUrl());
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QCOMPARE(core.users.rowCount(), 12000);
    QVERIFY(proxy.count("GET /api/v1/users") >= 3);
    proxy.clear();
    QSignalSpy synced(&core.sync, &SyncController::synced);
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
    QCOMPARE(proxy.count("GET /api/v1/users"), 1);
    QCOMPARE(proxy.count("GET /api/v1/optouts"), 1);
    QCOMPARE(proxy.requestLines().size(), 2);
    QCOMPARE(proxy.conditionalRequests(), 2);
    QCOMPARE(proxy.notModifiedAnswers(), 2);
}

// A start from the cache revalidates it: the first refresh asks with the cached ETags, and an
// unchanged organisation answers 304 to both.
void TestSync::cachedStartRevalidates()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("6000")}));
    CountingProxy proxy(server.baseUrl());
    const QString cache = m_dir->filePath(QStringLiteral("cache.bin"));
    int users = 0;
    {
        Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
        core.sync.setCacheFilePath(cache);
        QVERIFY(loaded(core));
        users = core.users.rowCount();
        QCOMPARE(proxy.count("GET /api/v1/users"), 2); // two pages of 5,000
    }
    proxy.clear();
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    core.sync.setCacheFilePath(cache);
    QSignalSpy progress(&core.sync, &SyncController::loadProgressChanged);
    QVERIFY(loaded(core));
    QCOMPARE(core.users.rowCount(), users);
    QCOMPARE(proxy.count("GET /api/v1/me"), 1);
    QCOMPARE(proxy.count("GET /api/v1/users"), 1);
    QCOMPARE(proxy.count("GET /api/v1/optouts"), 1);
    QCOMPARE(proxy.conditionalRequests(), 2);
    QCOMPARE(proxy.notModifiedAnswers(), 2);
    QVERIFY(progress.isEmpty()); // no "Loading users…": the list was there all along
}

// Offline-first start: the last synced lists and the pending changes show at once, marked as
// such, and the service's first answer revalidates them.
void TestSync::offlineStartShowsTheCache()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("40")}));
    const QString pending = m_dir->filePath(QStringLiteral("pending.json"));
    const QString cache = m_dir->filePath(QStringLiteral("cache.bin"));
    int users = 0;
    int rows = 0;
    QString id;
    {
        Core core(server.baseUrl(), "demo-admin", pending);
        core.sync.setCacheFilePath(cache);
        QVERIFY(loaded(core));
        users = core.users.rowCount();
        rows = core.optOuts.rowCount();
        id = someoneOptedIn(core);
        core.sync.waitForCacheWritten();
        QVERIFY(QFile::exists(cache));
        server.stop();
        core.sync.optOut(id);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    }
    Core core(server.baseUrl(), "demo-admin", pending);
    core.sync.setCacheFilePath(cache);
    core.sync.start();
    // At once, before the service answers anything.
    QCOMPARE(core.users.rowCount(), users);
    QCOMPARE(core.optOuts.rowCount(), rows + 1);
    QVERIFY(core.optOuts.isPendingAt(core.optOuts.rowOfKey(id)));
    QCOMPARE(core.sync.state(), SyncController::State::Offline);
    QVERIFY(core.sync.showingCachedData());
    QVERIFY2(core.sync.statusText().startsWith(QStringLiteral("Offline — last synced at")),
             qPrintable(core.sync.statusText()));
    QVERIFY(core.sync.statusText().contains(QStringLiteral("1 change")));
    QCOMPARE(core.sync.me().name, QStringLiteral("Ada Admin"));
    // Still there while the service stays down.
    QTest::qWait(700);
    QCOMPARE(core.sync.state(), SyncController::State::Offline);
    QCOMPARE(core.users.rowCount(), users);

    // The service is back: revalidated, and the pending change goes out.
    QVERIFY(server.restartOnSamePort());
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    QVERIFY(!core.sync.showingCachedData());
    QVERIFY(serverOptOuts(server).contains(id));
}

// Defect 5: nothing listens at the address: the message names it, no retry follows.
void TestSync::unreachableFirstSignInStopsAndNamesTheAddress()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("5")}));
    const QUrl url = server.baseUrl();
    server.stop();
    Core core(url, "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QSignalSpy error(&core.sync, &SyncController::errorOccurred);
    core.sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Unreachable, 20000);
    QCOMPARE(error.count(), 1);
    const ApiError e = error.first().at(0).value<ApiError>();
    QVERIFY2(e.message.contains(url.toDisplayString()), qPrintable(e.message));
    QCOMPARE(core.sync.statusText(), QStringLiteral("Not connected"));
    // No retry: the server comes back, nothing asks it.
    QVERIFY(server.restartOnSamePort());
    QTest::qWait(1500);
    QCOMPARE(core.sync.state(), SyncController::State::Unreachable);
    QCOMPARE(core.sync.secondsUntilRetry(), 0);
    // Until the administrator asks.
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
}

// A cache file that is truncated or not ours is ignored: a normal sign-in and load follow.
void TestSync::damagedCacheIsIgnored()
{
    const QString cache = m_dir->filePath(QStringLiteral("cache.bin"));
    {
        Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("p.json")));
        core.sync.setCacheFilePath(cache);
        QVERIFY(loaded(core));
    }
    QFile good(cache);
    QVERIFY(good.open(QIODevice::ReadOnly));
    const QByteArray whole = good.readAll();
    good.close();
    QVERIFY(whole.size() > 100);
    for (const QByteArray &damaged : {whole.left(whole.size() / 2), QByteArray("not a cache"),
                                      QByteArray(whole.size(), '\xff')}) {
        QFile file(cache); // the file is replaced (renamed over) at each save: open it anew
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(damaged);
        file.close();
        SyncSnapshot snapshot;
        QVERIFY(!SyncCache::load(cache, &snapshot));
        Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("p.json")));
        core.sync.setCacheFilePath(cache);
        core.sync.start();
        QCOMPARE(core.sync.state(), SyncController::State::SigningIn);
        QCOMPARE(core.users.rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
        QVERIFY(core.users.rowCount() > 0);
        core.sync.waitForCacheWritten(); // and a good one replaces it
        SyncSnapshot again;
        QVERIFY(SyncCache::load(cache, &again));
        QCOMPARE(again.me.id, core.sync.me().id);
    }
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
