// SyncController against the real optout-server: load, actions, refresh, auth, persistence.
#include "apiclient.h"
#include "jsoncodec.h"
#include "optoutmodel.h"
#include "serviceprobe.h"
#include "synccontroller.h"
#include "testserver.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QAbstractItemModelTester>
#include <QDataStream>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QtEndian>

#include <zlib.h>

#include <algorithm>

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
        // These tests are of the timed refresh, which runs whenever the live changes are down
        // (those: tst_livechanges).
        sync.setLiveChanges(false);
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
// request line: what the service really received, not what a mock says was sent. With
// setMissingRoute() it answers that route itself as a service older than it would (404,
// docs/api.md's JSON error) and forwards everything else.
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
    void setMissingRoute(const QByteArray &path) { m_missing = path; }
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
                buffer->append(client->readAll());
                // Whole requests only (head, then Content-Length bytes of body): one may be
                // answered here instead of upstream.
                for (;;) {
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
                    qsizetype bodySize = 0;
                    bool conditional = false;
                    for (const QByteArray &line : lines) {
                        const QByteArray lower = line.trimmed().toLower();
                        if (lower.startsWith("content-length:"))
                            bodySize = lower.mid(15).trimmed().toLongLong();
                        else if (lower.startsWith("if-none-match:"))
                            conditional = true;
                    }
                    const qsizetype size = headEnd + 4 + bodySize;
                    if (buffer->size() < size)
                        return;
                    const QByteArray request = buffer->left(size);
                    buffer->remove(0, size);
                    const QByteArray requestLine = lines.first().trimmed();
                    m_requestLines.append(requestLine);
                    m_conditional += conditional ? 1 : 0;
                    const QByteArray path = requestLine.split(' ').value(1);
                    if (!m_missing.isEmpty() && path.split('?').first() == m_missing) {
                        const QByteArray body
                            = R"({"error":{"code":"not_found","message":"No such route."}})";
                        client->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json"
                                      "\r\nContent-Length: "
                                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                        continue;
                    }
                    upstream->write(request);
                }
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
    QByteArray m_missing;
    QList<QByteArray> m_requestLines;
    int m_conditional = 0;
    int m_notModified = 0;
};

// The usage tracker wired to the sync as the app wires it (main.cpp): its state rides on each
// refresh. Its events are not sent during a test (they are not part of a refresh).
void wireTracker(Core &core, UsageTracker &usage)
{
    usage.setFlushInterval(3600000);
    QObject::connect(&core.sync, &SyncController::meLoaded, &usage, &UsageTracker::onMeLoaded);
    QObject::connect(&core.sync, &SyncController::usageTrackingChecked, &usage,
                     &UsageTracker::onTrackingChecked);
}

// Whether every request line starts with this.
bool allAre(const QList<QByteArray> &lines, const QByteArray &prefix)
{
    return std::all_of(lines.cbegin(), lines.cend(),
                       [&prefix](const QByteArray &line) { return line.startsWith(prefix); });
}

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

// Users neither opted out nor the admin.
QStringList someOptedIn(const Core &core, int count)
{
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < count; ++r) {
        const User &user = core.users.userAt(r);
        if (!core.users.isOptedOut(user.id) && user.id != core.sync.me().id)
            ids << user.id;
    }
    return ids;
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
    void idleRefreshIsOneRequest();
    void otherAdminChangeFetchesOnlyTheOptOuts();
    void addedUserIsSeenAtNextRefresh();
    void olderServerWithoutSyncStateFallsBack();
    void offlineStartShowsTheCache();
    void cachedStartRevalidates();
    void cacheIsReadOffTheGuiThread();
    void damagedCacheIsIgnored();
    void unreachableFirstSignInStopsAndNamesTheAddress();
    void reasonReachesTheService();
    void batchWithReason();
    void tooLongReasonIsRefusedAndRolledBack();
    void deleteStoredEventsDeletesAtOnce();
    void deleteStoredDataOfUsersAlreadyOut();
    void pendingReasonSurvivesRestart();
    void deletionDoesNotSilentlyUndoAnOptIn();
    void takingBackAnUnsentDeletionDeletesNothing();
    void pendingFileOfThePreviousVersionLoads();
    void cacheOfThePreviousVersionLoads();
    void cacheKeepsItsSearchKeys();
    void damagedCacheOfEveryKindIsRefused();
    void undoCancelsWhatIsNotSent();
    void undoOfAConfirmedOptInPutsTheReasonsBack();
    void queueOutcomeAccountsForEveryUser();

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
    QCOMPARE(core.sync.state(), SyncController::State::Synced);
    QVERIFY(core.sync.lastSyncedAt().isValid());
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
    QVERIFY(core.sync.signInFailed());
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
        QCOMPARE(core.sync.state(), SyncController::State::Offline);
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
        QCOMPARE(core.sync.pendingCount(), 1);
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

// An idle refresh of an unchanged organisation, on F5 or on the timer, is exactly one request:
// a conditional GET /api/v1/sync-state answered 304, which also tells the usage tracker that
// the administrator is still in (no /me of its own). Counted at a proxy in front of the real
// service, with 100,000 users.
void TestSync::idleRefreshIsOneRequest()
{
    TestServer server;
    QVERIFY(server.start(
        {QStringLiteral("--demo-users"), QStringLiteral("100000"), QStringLiteral("--quiet")}));
    CountingProxy proxy(server.baseUrl());
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    UsageTracker usage(&core.api);
    wireTracker(core, usage);
    core.sync.start();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 120000);
    QCOMPARE(core.users.rowCount(), 100000);
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 1);
    QVERIFY(proxy.count("GET /api/v1/users") >= 20);
    QCOMPARE(usage.state(), UsageTracker::State::On);

    // F5.
    proxy.clear();
    QSignalSpy synced(&core.sync, &SyncController::synced);
    QSignalSpy checked(&usage, &UsageTracker::trackingChecked);
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
    QTest::qWait(300); // whatever would follow the refresh (a /me re-read) is sent by now
    QCOMPARE(proxy.requestLines().size(), 1);
    QVERIFY(proxy.requestLines().first().startsWith("GET /api/v1/sync-state "));
    QCOMPARE(proxy.conditionalRequests(), 1);
    QCOMPARE(proxy.notModifiedAnswers(), 1);
    QCOMPARE(checked.count(), 1);
    QCOMPARE(checked.first().first().toBool(), true);
    QCOMPARE(core.users.rowCount(), 100000);

    // The timer's refreshes: one request each. The tracker's own check, on the same period,
    // never runs: each refresh told it.
    usage.setCheckInterval(500);
    core.sync.setRefreshInterval(500);
    QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 3, 20000); // settled after the change
    proxy.clear();
    synced.clear();
    QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 6, 30000);
    core.sync.setRefreshInterval(3600000);
    QTest::qWait(300);
    QCOMPARE(proxy.requestLines().size(), synced.count());
    QVERIFY(allAre(proxy.requestLines(), "GET /api/v1/sync-state "));
    QCOMPARE(proxy.conditionalRequests(), synced.count());
    QCOMPARE(proxy.notModifiedAnswers(), synced.count());
}

// Another administrator's opt-out is seen at the next refresh: the state says the opt-outs
// changed, so the list is fetched (conditionally), and the users are not; then the refresh
// after is one request again.
void TestSync::otherAdminChangeFetchesOnlyTheOptOuts()
{
    CountingProxy proxy(m_server.baseUrl());
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    UsageTracker usage(&core.api);
    wireTracker(core, usage);
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(!id.isEmpty());
    proxy.clear();
    QSignalSpy applied(&core.sync, &SyncController::remoteChangesApplied);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
             201);
    QSignalSpy synced(&core.sync, &SyncController::synced);
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
    QVERIFY(core.users.isOptedOut(id));
    QVERIFY(core.optOuts.rowOfKey(id) >= 0);
    QCOMPARE(applied.count(), 1);
    QCOMPARE(applied.first().first().toStringList(), QStringList {id});
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 1);
    QCOMPARE(proxy.count("GET /api/v1/optouts"), 1);
    QCOMPARE(proxy.requestLines().size(), 2);
    QCOMPARE(proxy.conditionalRequests(), 2); // both asked "changed since?"; both had

    proxy.clear();
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 2, 20000);
    QTest::qWait(300);
    QCOMPARE(proxy.requestLines().size(), 1);
    QCOMPARE(proxy.notModifiedAnswers(), 1);

    // And back.
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
        204);
    core.sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!core.users.isOptedOut(id), 20000);
}

// A user added to the directory (the service restarted after an import) is seen at the next
// refresh: the users are fetched again, the opt-out list is not.
void TestSync::addedUserIsSeenAtNextRefresh()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("40")}));
    CountingProxy proxy(server.baseUrl());
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const int before = core.users.rowCount();

    server.stop();
    QFile csv(m_dir->filePath(QStringLiteral("users.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nnew.colleague@example.com,New Colleague,user\n");
    csv.close();
    QCOMPARE(server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                             QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QVERIFY(server.restartOnSamePort());

    proxy.clear();
    QSignalSpy synced(&core.sync, &SyncController::synced);
    core.sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(synced.count() >= 1, 20000);
    QCOMPARE(core.users.rowCount(), before + 1);
    bool found = false;
    for (int r = 0; r < core.users.rowCount(); ++r)
        found = found || core.users.userAt(r).email == QLatin1String("new.colleague@example.com");
    QVERIFY(found);
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 1);
    QCOMPARE(proxy.count("GET /api/v1/users"), 1);
    QCOMPARE(proxy.count("GET /api/v1/optouts"), 0);
}

// A service older than /sync-state answers it 404: the app refreshes as it did before (users
// and opt-outs conditionally, /me for the tracker), asks /sync-state no more, and still sees
// other administrators' changes.
void TestSync::olderServerWithoutSyncStateFallsBack()
{
    CountingProxy proxy(m_server.baseUrl());
    proxy.setMissingRoute("/api/v1/sync-state");
    Core core(proxy.url(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    UsageTracker usage(&core.api);
    wireTracker(core, usage);
    QSignalSpy errors(&core.sync, &SyncController::errorOccurred);
    QVERIFY(loaded(core));
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 1);
    QVERIFY(errors.isEmpty());
    QCOMPARE(usage.state(), UsageTracker::State::On);

    proxy.clear();
    QSignalSpy synced(&core.sync, &SyncController::synced);
    QSignalSpy checked(&usage, &UsageTracker::trackingChecked);
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(synced.count(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 20000);
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 0);
    QCOMPARE(proxy.count("GET /api/v1/users"), 1);
    QCOMPARE(proxy.count("GET /api/v1/optouts"), 1);
    QCOMPARE(proxy.count("GET /api/v1/me"), 1);
    QCOMPARE(proxy.notModifiedAnswers(), 2);

    const QString id = someoneOptedIn(core);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
             201);
    core.sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(core.users.isOptedOut(id), 20000);
    QVERIFY(errors.isEmpty());
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status,
        204);
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
    QCOMPARE(proxy.count("GET /api/v1/sync-state"), 1);
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
    // Read on the cache's thread; shown as soon as it is in, before the service answers.
    QTRY_COMPARE_WITH_TIMEOUT(core.users.rowCount(), users, 10000);
    QCOMPARE(core.optOuts.rowCount(), rows + 1);
    QVERIFY(core.optOuts.isPendingAt(core.optOuts.rowOfKey(id)));
    QCOMPARE(core.sync.state(), SyncController::State::Offline);
    QVERIFY(core.sync.showingCachedData());
    QVERIFY(core.sync.lastSyncedAt().isValid());
    QCOMPARE(core.sync.pendingCount(), 1);
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

// Issue 16: a start from a large cache reads the file and prepares the users on the cache's
// thread: start() returns with nothing shown yet and the state saying so, the GUI thread keeps
// running its events while the file is read, and the lists then arrive in one insert.
void TestSync::cacheIsReadOffTheGuiThread()
{
    constexpr int Users = 100000;
    SyncSnapshot snapshot;
    snapshot.me.id = QStringLiteral("u-1");
    snapshot.me.email = QStringLiteral("ada@example.com");
    snapshot.me.name = QStringLiteral("Ada Admin");
    snapshot.me.roles = QStringList {QStringLiteral("product_admin")};
    snapshot.userPages.append(QList<User>());
    snapshot.userPageEtags.append(QByteArrayLiteral("\"u\""));
    for (int i = 0; i < Users; ++i) {
        snapshot.userPages.last().append(User {QStringLiteral("u-%1").arg(i + 1),
                                               QStringLiteral("user.%1@example.com").arg(i + 1),
                                               QStringLiteral("Zoë Vermeulen %1").arg(i + 1)});
    }
    snapshot.optOuts.append(OptOutEntry {snapshot.userPages.last().at(7),
                                         QDateTime::currentDateTimeUtc(),
                                         User {},
                                         QString(),
                                         QDateTime(),
                                         {}});
    snapshot.revision = 3;
    snapshot.syncedAt = QDateTime::currentDateTimeUtc();
    const QString cache = m_dir->filePath(QStringLiteral("large.bin"));
    QVERIFY(SyncCache::save(cache, snapshot));

    // Nothing listens: the lists can only come from the cache.
    TestServer gone;
    QVERIFY(gone.start({QStringLiteral("--demo-users"), QStringLiteral("3")}));
    const QUrl url = gone.baseUrl();
    gone.stop();
    Core core(url, "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    core.sync.setCacheFilePath(cache);
    QSignalSpy reset(&core.users, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&core.users, &QAbstractItemModel::rowsInserted);
    int ticksWhileReading = 0;
    QTimer ticker;
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, this, [&]() {
        if (core.sync.isReadingCache())
            ++ticksWhileReading;
    });
    ticker.start();
    core.sync.start();
    QVERIFY(core.sync.isReadingCache());
    QCOMPARE(core.users.rowCount(), 0);
    QCOMPARE(core.sync.state(), SyncController::State::LoadingUsers);
    QVERIFY(core.sync.isReadingCache());
    QTRY_VERIFY(core.sync.cacheThread()); // once the read runs
    QVERIFY(core.sync.cacheThread() != QThread::currentThread());
    QTRY_COMPARE_WITH_TIMEOUT(core.users.rowCount(), Users, 20000);
    QVERIFY(!core.sync.isReadingCache());
    QVERIFY2(ticksWhileReading > 0, "the GUI thread ran no event while the cache was read");
    QCOMPARE(reset.count() + inserted.count(), 1); // one insert
    QCOMPARE(core.optOuts.rowCount(), 1);
    // Its search key folded on the cache's thread, as the GUI thread would have.
    QCOMPARE(core.optOuts.index(0, 0).data(OptOutModel::FoldedKeyRole).toString(),
             QStringLiteral("zoe vermeulen 8\nuser.8@example.com"));
    QVERIFY(core.users.isOptedOut(QStringLiteral("u-8")));
    QCOMPARE(core.users.rowOfKey(QStringLiteral("u-99999")), 99998);
    QCOMPARE(core.sync.state(), SyncController::State::Offline);
    QVERIFY(core.sync.showingCachedData());
    // A stop during a read drops it: nothing arrives afterwards.
    Core again(url, "demo-admin", m_dir->filePath(QStringLiteral("pending2.json")));
    again.sync.setCacheFilePath(cache);
    again.sync.start();
    again.sync.stop();
    QTest::qWait(1500);
    QCOMPARE(again.users.rowCount(), 0);
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
    QCOMPARE(core.sync.state(), SyncController::State::Unreachable);
    QCOMPARE(core.sync.serverUrl(), url); // the window names it (SyncStatusText, MainWindow)
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
        // Read on the cache's thread: loading until it is found damaged, then signing in.
        QCOMPARE(core.sync.state(), SyncController::State::LoadingUsers);
        QCOMPARE(core.users.rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.isReadingCache(), false, 10000);
        QVERIFY(!core.sync.showingCachedData()); // nothing of the damaged file shown
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
        QVERIFY(core.users.rowCount() > 0);
        core.sync.waitForCacheWritten(); // and a good one replaces it
        SyncSnapshot again;
        QVERIFY(SyncCache::load(cache, &again));
        QCOMPARE(again.me.id, core.sync.me().id);
    }
}

// A single opt-out with a reason: shown in the row at once, stored by the service with the
// entry and in the audit.
void TestSync::reasonReachesTheService()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(!id.isEmpty());
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    const QString reason = QStringLiteral("GDPR request #4411 — Zoë");
    SyncController::OptOutOptions options;
    options.reason = reason;
    QVERIFY(core.sync.optOut(id, options) != 0);
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).reason, reason); // at once
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    const ActionReport report = completed.first().at(0).value<ActionReport>();
    QCOMPARE(report.applied, QStringList {id});
    QCOMPARE(report.reason, reason);
    QVERIFY(!report.deleteStoredEvents);
    QCOMPARE(ServiceProbe::optOutEntry(m_server, id).value(QLatin1String("reason")).toString(),
             reason);
    const QJsonObject audit = ServiceProbe::auditOf(m_server, id).at(0).toObject();
    QCOMPARE(audit.value(QLatin1String("action")).toString(), QStringLiteral("opt_out"));
    QCOMPARE(audit.value(QLatin1String("reason")).toString(), reason);
    // The service's entry (PUT's answer) keeps it.
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).reason, reason);
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).reason, reason);
}

// A batch opt-out carries its reason to every user of it.
void TestSync::batchWithReason()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QStringList ids = someOptedIn(core, 3);
    QCOMPARE(ids.size(), 3);
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    SyncController::OptOutOptions options;
    options.reason = QStringLiteral("Works council agreement");
    QVERIFY(core.sync.optOut(ids, options) != 0);
    for (const QString &id : ids)
        QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).reason, options.reason);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    QCOMPARE(completed.first().at(0).value<ActionReport>().applied, ids);
    for (const QString &id : ids) {
        QCOMPARE(ServiceProbe::optOutEntry(m_server, id).value(QLatin1String("reason")).toString(),
                 options.reason);
        QCOMPARE(ServiceProbe::auditOf(m_server, id)
                     .at(0)
                     .toObject()
                     .value(QLatin1String("reason"))
                     .toString(),
                 options.reason);
    }
    // The refresh after a batch brings the service's entries, reason included.
    QTRY_VERIFY_WITH_TIMEOUT(
        core.sync.state() == SyncController::State::Synced && core.sync.pendingCount() == 0, 20000);
    QTest::qWait(300);
    for (const QString &id : ids)
        QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).reason, options.reason);
}

// A reason the service refuses (the GUI does not let one through; a script or an older file
// might): a clear 400, the row rolled back, nothing stored.
void TestSync::tooLongReasonIsRefusedAndRolledBack()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QSignalSpy failed(&core.sync, &SyncController::actionFailed);
    SyncController::OptOutOptions options;
    options.reason = QString(501, QLatin1Char('x'));
    QVERIFY(!OptOutOptions::reasonProblem(options.reason).isEmpty());
    core.sync.optOut(id, options);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    const ApiError error = failed.first().at(1).value<ApiError>();
    QCOMPARE(error.httpStatus, 400);
    QVERIFY(!error.message.isEmpty());
    QCOMPARE(core.optOuts.rowOfKey(id), -1);
    QVERIFY(!core.users.isOptedOut(id));
    QVERIFY(!serverOptOuts(m_server).contains(id));
    QCOMPARE(core.sync.pendingCount(), 0);
}

// An opt-out with deleteStoredEvents: the stored events go at once, nothing awaits deletion;
// without it they wait, hidden, until purgeAt.
void TestSync::deleteStoredEventsDeletesAtOnce()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QVERIFY(core.sync.me().purgeAfterSeconds > 0); // the service's default, 7 days
    const QStringList ids = someOptedIn(core, 3);
    QCOMPARE(ids.size(), 3);
    for (const QString &id : ids)
        QVERIFY(ServiceProbe::storeClientEvents(m_server, id, 2));
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    SyncController::OptOutOptions options;
    options.deleteStoredEvents = true;
    // One alone (PUT) and two together (a batch).
    core.sync.optOut(ids.at(0), options);
    core.sync.optOut(ids.mid(1), options);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 2, 20000);
    QVERIFY(completed.at(0).at(0).value<ActionReport>().deleteStoredEvents);
    for (const QString &id : ids) {
        const QJsonObject entry = ServiceProbe::optOutEntry(m_server, id);
        QVERIFY(!entry.isEmpty());
        QVERIFY(entry.value(QLatin1String("purgeAt")).isNull());
        const QJsonObject summary = ServiceProbe::usageSummaryOf(m_server, id);
        QVERIFY2(!summary.contains(QLatin1String("awaitingDeletion")),
                 QJsonDocument(summary).toJson().constData());
        QCOMPARE(summary.value(QLatin1String("client")).toInt(), 0);
        // The purge is in the audit with its count.
        const QJsonArray audit = ServiceProbe::auditOf(m_server, id);
        bool purged = false;
        for (const QJsonValue &v : audit) {
            purged = purged
                || (v.toObject().value(QLatin1String("action")) == QLatin1String("purge")
                    && v.toObject().value(QLatin1String("count")).toInt() == 2);
        }
        QVERIFY(purged);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        core.sync.pendingCount() == 0 && core.sync.state() == SyncController::State::Synced, 20000);
    for (const QString &id : ids)
        QVERIFY(!core.optOuts.entryAt(core.optOuts.rowOfKey(id)).purgeAt.isValid());
}

// Users already out: their stored events, awaiting deletion, are deleted now; they stay out
// and keep their opt-out's time and reason.
void TestSync::deleteStoredDataOfUsersAlreadyOut()
{
    Core core(m_server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QStringList ids = someOptedIn(core, 3);
    QCOMPARE(ids.size(), 3);
    for (const QString &id : ids)
        QVERIFY(ServiceProbe::storeClientEvents(m_server, id, 2));
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    SyncController::OptOutOptions options;
    options.reason = QStringLiteral("Left the company");
    core.sync.optOut(ids, options);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
        core.sync.pendingCount() == 0 && core.sync.state() == SyncController::State::Synced, 20000);
    QTest::qWait(300);
    const QDateTime optedOutAt = core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).optedOutAt;
    for (const QString &id : ids) {
        QVERIFY(
            ServiceProbe::usageSummaryOf(m_server, id).contains(QLatin1String("awaitingDeletion")));
        const OptOutEntry entry = core.optOuts.entryAt(core.optOuts.rowOfKey(id));
        QVERIFY(entry.purgeAt.isValid());
        QCOMPARE(entry.purgeAt, entry.optedOutAt.addSecs(core.sync.me().purgeAfterSeconds));
    }
    // Not for a user who is not out: nothing to do.
    QCOMPARE(core.sync.deleteStoredData({someoneOptedIn(core)}), 0);

    completed.clear();
    QSignalSpy dataChanged(&core.optOuts, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&core.optOuts, &QAbstractItemModel::modelReset);
    const qint64 action = core.sync.deleteStoredData(ids.mid(0, 2));
    QVERIFY(action != 0);
    // At once: shown as deleted, pending.
    QVERIFY(!core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).purgeAt.isValid());
    QVERIFY(core.optOuts.isPendingAt(core.optOuts.rowOfKey(ids.at(0))));
    QVERIFY(core.users.isOptedOut(ids.at(0)));
    QVERIFY(!dataChanged.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    const ActionReport report = completed.first().at(0).value<ActionReport>();
    QCOMPARE(report.actionId, action);
    QCOMPARE(report.applied, ids.mid(0, 2));
    QVERIFY(report.deleteStoredEvents);
    for (const QString &id : ids.mid(0, 2)) {
        QVERIFY(!ServiceProbe::usageSummaryOf(m_server, id)
                     .contains(QLatin1String("awaitingDeletion")));
        const QJsonObject entry = ServiceProbe::optOutEntry(m_server, id);
        QVERIFY(entry.value(QLatin1String("purgeAt")).isNull());
        QCOMPARE(entry.value(QLatin1String("reason")).toString(), options.reason);
    }
    QVERIFY(ServiceProbe::usageSummaryOf(m_server, ids.at(2))
                .contains(QLatin1String("awaitingDeletion")));
    QTRY_VERIFY_WITH_TIMEOUT(
        core.sync.pendingCount() == 0 && core.sync.state() == SyncController::State::Synced, 20000);
    QTest::qWait(300);
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).optedOutAt, optedOutAt);
    QVERIFY(!core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).purgeAt.isValid());
    QVERIFY(core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(2))).purgeAt.isValid());
    QCOMPARE(reset.count(), 0);
}

// Unsent at closing time: the reason and the deletion are in the pending file and reach the
// service after a restart.
void TestSync::pendingReasonSurvivesRestart()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    const QString file = m_dir->filePath(QStringLiteral("pending.json"));
    const QString reason = QStringLiteral("Asked at the front desk");
    QStringList ids;
    {
        Core core(server.baseUrl(), "demo-admin", file);
        QVERIFY(loaded(core));
        ids = someOptedIn(core, 2);
        QCOMPARE(ids.size(), 2);
        QVERIFY(ServiceProbe::storeClientEvents(server, ids.at(1), 2));
        server.stop();
        SyncController::OptOutOptions options;
        options.reason = reason;
        core.sync.optOut(ids.at(0), options);
        options.deleteStoredEvents = true;
        core.sync.optOut(ids.at(1), options);
        QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
        QCOMPARE(core.sync.pendingCount(), 2);
    }
    QList<PendingAction> saved;
    QVERIFY(PendingStore(file).load(&saved));
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).reason, reason);
    QVERIFY(!saved.at(0).deleteStoredEvents);
    QCOMPARE(saved.at(1).reason, reason);
    QVERIFY(saved.at(1).deleteStoredEvents);

    QVERIFY(server.restart());
    Core core(server.baseUrl(), "demo-admin", file);
    core.sync.start();
    // Shown from the file at once, with the reason.
    QTRY_VERIFY_WITH_TIMEOUT(core.optOuts.rowOfKey(ids.at(0)) >= 0, 20000);
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).reason, reason);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 30000);
    QCOMPARE(ServiceProbe::optOutEntry(server, ids.at(0)).value(QLatin1String("reason")).toString(),
             reason);
    QCOMPARE(ServiceProbe::optOutEntry(server, ids.at(1)).value(QLatin1String("reason")).toString(),
             reason);
    QVERIFY(!ServiceProbe::usageSummaryOf(server, ids.at(1))
                 .contains(QLatin1String("awaitingDeletion")));
    QVERIFY(!QFile::exists(file));
}

// "Opposite pending actions cancel out" does not swallow a deletion: a pending opt-in is not
// undone by a deletion (the user is left out of it), and an opt-in after an unsent deletion of
// a user already out still opts the user in.
void TestSync::deletionDoesNotSilentlyUndoAnOptIn()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QVERIFY(core.optOuts.rowCount() >= 2);
    const QString leaving = core.optOuts.entryAt(0).user.id;
    const QString staying = core.optOuts.entryAt(1).user.id;
    server.stop();
    core.sync.optIn({leaving});
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QCOMPARE(core.sync.deleteStoredData({leaving}), 0);
    QCOMPARE(core.sync.pendingActions().size(), 1);
    QCOMPARE(core.sync.pendingActions().constFirst().type, PendingAction::Type::OptIn);

    QVERIFY(core.sync.deleteStoredData({staying}) != 0);
    QCOMPARE(core.sync.pendingActions().size(), 2);
    core.sync.optIn({staying});
    // The deletion is dropped unsent, and the opt-in is queued.
    QCOMPARE(core.sync.pendingActions().size(), 2);
    QCOMPARE(core.sync.pendingActions().constLast().type, PendingAction::Type::OptIn);
    QCOMPARE(core.sync.pendingActions().constLast().userIds, QStringList {staying});
    QVERIFY(!core.users.isOptedOut(staying));

    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    const QSet<QString> out = serverOptOuts(server);
    QVERIFY(!out.contains(leaving));
    QVERIFY(!out.contains(staying));
    for (const QJsonValue &v : ServiceProbe::auditOf(server, staying))
        QVERIFY(v.toObject().value(QLatin1String("action")) != QLatin1String("purge"));
}

// Taken back before it is sent, a deletion deletes nothing and does not opt the user in.
void TestSync::takingBackAnUnsentDeletionDeletesNothing()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    const QString id = someoneOptedIn(core);
    QVERIFY(ServiceProbe::storeClientEvents(server, id, 2));
    SyncController::OptOutOptions options;
    options.reason = QStringLiteral("Test");
    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    core.sync.optOut(id, options);
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    server.stop();
    QVERIFY(core.sync.deleteStoredData({id}) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QCOMPARE(core.sync.pendingCount(), 1);
    core.sync.cancelPending({id});
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(core.users.isOptedOut(id));
    QVERIFY(core.optOuts.entryAt(core.optOuts.rowOfKey(id)).purgeAt.isValid());

    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Synced, 20000);
    QTest::qWait(300);
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(serverOptOuts(server).contains(id));
    QVERIFY(ServiceProbe::usageSummaryOf(server, id).contains(QLatin1String("awaitingDeletion")));
}

// A pending file written by the previous version (no reason, no deleteStoredEvents) loads; the
// new fields round-trip; a wrong type is refused rather than guessed.
void TestSync::pendingFileOfThePreviousVersionLoads()
{
    const QByteArray previous = R"({"version": 1, "actions": [
        {"type": "opt_out", "userIds": ["u-3"], "createdAt": "2026-11-22T16:00:00Z",
         "actionId": "7"},
        {"type": "opt_in", "userIds": ["u-4", "u-5"], "createdAt": "2026-11-22T16:01:00Z"}]})";
    QList<PendingAction> actions;
    QString error;
    QVERIFY2(PendingStore::decode(previous, &actions, &error), qPrintable(error));
    QCOMPARE(actions.size(), 2);
    QVERIFY(actions.at(0).reason.isEmpty());
    QVERIFY(!actions.at(0).deleteStoredEvents);
    QCOMPARE(actions.at(0).actionId, 7);

    actions[0].reason = QStringLiteral("GDPR request #4411");
    actions[0].deleteStoredEvents = true;
    QList<PendingAction> again;
    QVERIFY(PendingStore::decode(PendingStore::encode(actions), &again, &error));
    QCOMPARE(again, actions);
    // What the previous version reads: unset fields are left out.
    QVERIFY(!PendingStore::encode({actions.at(1)}).contains("reason"));

    QByteArray wrong = previous;
    wrong.replace(R"("actionId": "7")", R"("actionId": "7", "reason": 12)");
    QVERIFY(!PendingStore::decode(wrong, &again, &error));
    QVERIFY(error.contains(QStringLiteral("reason")));
}

// A cache file of the previous format (version 1: no reason, purgeAt, purgeAfterSeconds)
// still loads; the current one round-trips them.
void TestSync::cacheOfThePreviousVersionLoads()
{
    const QString path = m_dir->filePath(QStringLiteral("old.bin"));
    const User ada {QStringLiteral("u-1"), QStringLiteral("a@example.com"), QStringLiteral("Ada")};
    const User zoe {QStringLiteral("u-7"), QStringLiteral("z@example.com"), QStringLiteral("Zoë")};
    const QDateTime at(QDate(2026, 11, 22), QTime(16, 0), Qt::UTC);
    {
        // Written field by field as version 1 wrote it.
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QDataStream out(&file);
        out.setVersion(QDataStream::Qt_6_4);
        out << quint32(0x4f505443) << quint32(1);
        out << ada.id << ada.email << ada.name << QStringList {QStringLiteral("product_admin")}
            << QStringLiteral("o-1") << QStringLiteral("Org") << QStringLiteral("Product") << true;
        out << quint32(1) << quint32(2) << ada.id << ada.email << ada.name << zoe.id << zoe.email
            << zoe.name;
        out << QList<QByteArray> {QByteArray("\"p0\"")};
        out << quint32(1) << zoe.id << zoe.email << zoe.name << at << ada.id << ada.email
            << ada.name;
        out << QByteArray("\"5\"") << qint64(5) << at;
    }
    SyncSnapshot old;
    QString error;
    QVERIFY2(SyncCache::load(path, &old, &error), qPrintable(error));
    QCOMPARE(old.me.id, ada.id);
    QCOMPARE(old.me.purgeAfterSeconds, -1);
    QCOMPARE(old.userPages.constFirst().size(), 2);
    QCOMPARE(old.optOuts.size(), 1);
    QCOMPARE(old.optOuts.constFirst().user, zoe);
    QCOMPARE(old.optOuts.constFirst().optedOutAt, at);
    QVERIFY(old.optOuts.constFirst().reason.isEmpty());
    QVERIFY(!old.optOuts.constFirst().purgeAt.isValid());
    QCOMPARE(old.revision, 5);

    old.me.purgeAfterSeconds = 604800;
    old.optOuts[0].reason = QStringLiteral("GDPR request #4411");
    old.optOuts[0].purgeAt = at.addDays(7);
    const QString current = m_dir->filePath(QStringLiteral("new.bin"));
    QVERIFY(SyncCache::save(current, old));
    SyncSnapshot loaded;
    QVERIFY(SyncCache::load(current, &loaded));
    QCOMPARE(loaded.me.purgeAfterSeconds, 604800);
    QCOMPARE(loaded.optOuts, old.optOuts);

    // A version from the future is dropped cleanly.
    QFile future(current);
    QVERIFY(future.open(QIODevice::ReadWrite));
    future.seek(4);
    QDataStream(&future) << quint32(99);
    future.close();
    QVERIFY(!SyncCache::load(current, &loaded, &error));
    QCOMPARE(loaded.optOuts.size(), 0);
}

namespace {

// A small snapshot with every field set: two pages, users with accents and a long name, an
// opt-out of a user not in the pages, covers of each kind.
SyncSnapshot everyFieldSnapshot()
{
    SyncSnapshot s;
    s.me = Me {QStringLiteral("u-1"),
               QStringLiteral("ada@example.com"),
               QStringLiteral("Ada Admin"),
               {QStringLiteral("product_admin")},
               QStringLiteral("o-1"),
               QStringLiteral("Org"),
               QStringLiteral("Product"),
               false,
               604800,
               QStringLiteral("Europe/Stockholm")};
    s.userPages = {{User {QStringLiteral("u-1"), QStringLiteral("ada@example.com"),
                          QStringLiteral("Ada Admin")},
                    User {QStringLiteral("u-2"), QStringLiteral("Zoe.Visser@Example.com"),
                          QStringLiteral("Zoë Østergaard-Visser")}},
                   {User {QStringLiteral("u-3"), QStringLiteral("c@example.com"),
                          QString(300, QLatin1Char('C'))}}};
    s.userPageEtags = {QByteArray("\"p0\""), QByteArray("\"p1x\"")};
    const QDateTime at(QDate(2026, 11, 22), QTime(16, 0, 1, 250), Qt::UTC);
    OptOutCover group;
    group.kind = OptOutCover::Kind::Group;
    group.ruleId = QStringLiteral("r-1");
    group.groupId = QStringLiteral("g-1");
    group.groupName = QStringLiteral("Sales Nordics");
    OptOutCover domain;
    domain.kind = OptOutCover::Kind::EmailDomain;
    domain.ruleId = QStringLiteral("r-2");
    domain.domain = QStringLiteral("example.com");
    s.optOuts = {OptOutEntry {s.userPages.at(0).at(1),
                              at,
                              s.userPages.at(0).at(0),
                              QStringLiteral("GDPR — Zoë"),
                              at.addDays(7),
                              {OptOutCover {}, group}},
                 OptOutEntry {User {QStringLiteral("u-9"), QStringLiteral("gone@example.com"),
                                    QStringLiteral("Gone Person")},
                              at.addSecs(-60),
                              User {},
                              QString(),
                              QDateTime(),
                              {domain}}};
    s.optOutsEtag = QByteArray("\"7\"");
    s.revision = 7;
    s.syncedAt = at.addSecs(5);
    return s;
}

QByteArray withChecksum(QByteArray file)
{
    const uLong crc
        = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(file.constData() + 24),
                uInt(file.size() - 24));
    qToLittleEndian(quint32(crc), file.data() + 8);
    return file;
}

bool loadBytes(const QString &path, const QByteArray &bytes, SyncSnapshot *snapshot,
               SyncCacheKeys *keys = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(bytes);
    file.close();
    return SyncCache::load(path, snapshot, nullptr, keys);
}

} // namespace

// Format 4 keeps the users' and the opt-outs' search keys, folded when written, so that a start
// folds nothing: what it gives back is what folding them now gives; keys of another folding
// (another version of the app or of Qt) are not used, the lists still are.
void TestSync::cacheKeepsItsSearchKeys()
{
    const SyncSnapshot snapshot = everyFieldSnapshot();
    const QString path = m_dir->filePath(QStringLiteral("keys.bin"));
    QVERIFY(SyncCache::save(path, snapshot));
    SyncSnapshot loaded;
    SyncCacheKeys keys;
    QVERIFY(SyncCache::load(path, &loaded, nullptr, &keys));
    QCOMPARE(loaded.me.orgTimeZone, snapshot.me.orgTimeZone);
    QCOMPARE(loaded.me.usageTracking, false);
    QCOMPARE(loaded.me.purgeAfterSeconds, 604800);
    QCOMPARE(loaded.userPages, snapshot.userPages);
    QCOMPARE(loaded.userPageEtags, snapshot.userPageEtags);
    QCOMPARE(loaded.optOuts, snapshot.optOuts);
    QCOMPARE(loaded.optOutsEtag, snapshot.optOutsEtag);
    QCOMPARE(loaded.revision, 7);
    QCOMPARE(loaded.syncedAt, snapshot.syncedAt);
    QList<User> users;
    for (const QList<User> &page : snapshot.userPages)
        users.append(page);
    const UserSearchKeys folded = UserModel::searchKeysOf(users, {});
    QCOMPARE(keys.users.pool, folded.pool);
    QCOMPARE(keys.users.refs.size(), folded.refs.size());
    for (qsizetype i = 0; i < folded.refs.size(); ++i) {
        QCOMPARE(keys.users.refs.at(i).keyAt, folded.refs.at(i).keyAt);
        QCOMPARE(keys.users.refs.at(i).nameKeyLength, folded.refs.at(i).nameKeyLength);
        QCOMPARE(keys.users.refs.at(i).emailKeyLength, folded.refs.at(i).emailKeyLength);
        QCOMPARE(keys.users.refs.at(i).initials, folded.refs.at(i).initials);
    }
    QCOMPARE(keys.optOuts, OptOutModel::foldKeys(snapshot.optOuts));
    // A model prepared from them searches as one that folded them itself.
    UserModel fromKeys;
    fromKeys.setPreparedUsers(UserModel::prepareUsers(users, keys.users));
    UserModel foldedHere;
    foldedHere.setUsers(users);
    for (int row = 0; row < foldedHere.rowCount(); ++row)
        QCOMPARE(fromKeys.foldedKeyAt(row), foldedHere.foldedKeyAt(row));
    QCOMPARE(fromKeys.foldedKeyAt(1),
             QStringLiteral("zoe ostergaard-visser\nzoe.visser@example.com"));

    // Keys of another folding: the lists load, the keys are left to fold.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray other = file.readAll();
    file.close();
    qToLittleEndian(UserModel::searchKeyVersion() + 1, other.data() + 24);
    QVERIFY(loadBytes(path, withChecksum(other), &loaded, &keys));
    QVERIFY(keys.isEmpty());
    QVERIFY(keys.optOuts.isEmpty());
    QCOMPARE(loaded.optOuts, snapshot.optOuts);
}

// Whatever a damaged file holds, a load refuses it without crashing, reading past its end or
// allocating what its counts claim: every byte changed (the checksum refuses), every byte
// changed with the checksum made again to match (the reader's own checks), every length cut.
void TestSync::damagedCacheOfEveryKindIsRefused()
{
    const QString path = m_dir->filePath(QStringLiteral("damaged.bin"));
    QVERIFY(SyncCache::save(path, everyFieldSnapshot()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();
    file.close();
    SyncSnapshot loaded;
    QVERIFY(loadBytes(path, whole, &loaded));
    for (qsizetype i = 0; i < whole.size(); ++i) {
        for (const char change : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray damaged = whole;
            damaged[i] = char(damaged.at(i) ^ change);
            QVERIFY2(!loadBytes(path, damaged, &loaded), qPrintable(QString::number(i)));
            QCOMPARE(loaded.userPages.size(), 0);
            if (i < 24)
                continue;
            // Past the checksum's own check: the reader refuses what does not fit, or reads a
            // file whose every part is whole (a changed letter, time or count of a later
            // page's users is a valid file of other contents).
            SyncCacheKeys keys;
            if (loadBytes(path, withChecksum(damaged), &loaded, &keys)) {
                QVERIFY(!loaded.me.id.isEmpty());
                QCOMPARE(loaded.userPages.size(), loaded.userPageEtags.size());
            }
        }
    }
    for (qsizetype size = 0; size < whole.size(); ++size)
        QVERIFY2(!loadBytes(path, whole.left(size), &loaded), qPrintable(QString::number(size)));
}

// The undo rule, in the core: a change not sent yet is dropped and nothing is sent; each action
// is undone once; a deletion alone cannot be undone.
void TestSync::undoCancelsWhatIsNotSent()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--purge-after"), QStringLiteral("2d")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < 2; ++r) {
        const User &user = core.users.userAt(r);
        if (user.id != core.sync.me().id)
            ids << user.id;
    }
    QCOMPARE(
        server.request("PUT", QStringLiteral("/api/v1/optouts/") + ids.at(1), "demo-admin").status,
        201);
    core.sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(core.users.isOptedOut(ids.at(1)), 20000);
    server.stop();
    OptOutOptions options;
    options.reason = QStringLiteral("Asked by phone");
    const qint64 out = core.sync.optOut(ids.at(0), options);
    QVERIFY(out != 0);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QVERIFY(core.sync.canUndo(out));
    QVERIFY(core.sync.undoWouldSend(out).isEmpty());
    const UndoOutcome undone = core.sync.undo(out);
    QCOMPARE(undone.type, PendingAction::Type::OptOut);
    QCOMPARE(undone.cancelled, QStringList {ids.at(0)});
    QVERIFY(undone.reversed.isEmpty());
    QCOMPARE(core.sync.pendingCount(), 0);
    QVERIFY(!core.users.isOptedOut(ids.at(0)));
    QVERIFY(!core.sync.canUndo(out));
    QVERIFY(core.sync.undo(out).isEmpty()); // once
    // A deletion alone: nothing to undo.
    const qint64 deletion = core.sync.deleteStoredData({ids.at(1)});
    QVERIFY(deletion != 0);
    QVERIFY(!core.sync.canUndo(deletion));

    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    QVERIFY(!serverOptOuts(server).contains(ids.at(0)));
    QCOMPARE(ServiceProbe::auditOf(server, ids.at(0)).size(), 0);
}

// An opt-in confirmed, then undone: each user is opted out again with the reason they had
// (users with different reasons in one undo), and the history keeps every step.
void TestSync::undoOfAConfirmedOptInPutsTheReasonsBack()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < 3; ++r) {
        const User &user = core.users.userAt(r);
        if (user.id != core.sync.me().id)
            ids << user.id;
    }
    const QStringList reasons {QStringLiteral("GDPR request #1"), QString(),
                               QStringLiteral("Works council")};
    for (int i = 0; i < ids.size(); ++i) {
        OptOutOptions options;
        options.reason = reasons.at(i);
        QVERIFY(core.sync.optOut(ids.at(i), options) != 0);
    }
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    const qint64 in = core.sync.optIn(ids);
    QVERIFY(in != 0);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    QVERIFY(!serverOptOuts(server).contains(ids.at(0)));
    QCOMPARE(core.sync.undoWouldSend(in), ids);
    const UndoOutcome undone = core.sync.undo(in);
    QCOMPARE(undone.type, PendingAction::Type::OptIn);
    QCOMPARE(undone.reversed, ids);
    QVERIFY(undone.cancelled.isEmpty());
    for (const QString &id : ids)
        QVERIFY(core.users.isOptedOut(id)); // at once, pending
    QCOMPARE(core.optOuts.entryAt(core.optOuts.rowOfKey(ids.at(0))).reason, reasons.at(0));
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    for (int i = 0; i < ids.size(); ++i) {
        const QJsonObject entry = ServiceProbe::optOutEntry(server, ids.at(i));
        QVERIFY(!entry.isEmpty());
        if (reasons.at(i).isEmpty())
            QVERIFY(entry.value(QLatin1String("reason")).isNull());
        else
            QCOMPARE(entry.value(QLatin1String("reason")).toString(), reasons.at(i));
        QCOMPARE(ServiceProbe::auditOf(server, ids.at(i)).size(), 3);
    }
}

// Every user asked for is accounted for: those already in the state asked for, and those whose
// opposite pending change cancelled out with this one; the action's report carries them.
void TestSync::queueOutcomeAccountsForEveryUser()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0")}));
    Core core(server.baseUrl(), "demo-admin", m_dir->filePath(QStringLiteral("pending.json")));
    QVERIFY(loaded(core));
    QStringList ids;
    for (int r = 0; r < core.users.rowCount() && ids.size() < 3; ++r) {
        const User &user = core.users.userAt(r);
        if (user.id != core.sync.me().id)
            ids << user.id;
    }
    QVERIFY(core.sync.optOut(ids.at(0)) != 0);
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.pendingCount(), 0, 20000);
    server.stop();
    QVERIFY(core.sync.optOut(ids.at(1)) != 0); // pending
    QTRY_COMPARE_WITH_TIMEOUT(core.sync.state(), SyncController::State::Offline, 20000);
    QueueOutcome outcome;
    // ids[0]: out, opted in; ids[1]: its pending opt-out cancels out; ids[2]: already in.
    const qint64 in = core.sync.optIn(ids, &outcome);
    QVERIFY(in != 0);
    QCOMPARE(outcome.cancelledOut, QStringList {ids.at(1)});
    QCOMPARE(outcome.unchanged, QStringList {ids.at(2)});
    QCOMPARE(core.sync.pendingCount(), 1);
    // Only the cancelled one: nothing queued, and said so.
    QueueOutcome alone;
    QVERIFY(core.sync.optOut(ids.at(2)) != 0);
    QCOMPARE(core.sync.optIn({ids.at(2)}, &alone), qint64(0));
    QCOMPARE(alone.cancelledOut, QStringList {ids.at(2)});
    QVERIFY(alone.unchanged.isEmpty());

    QSignalSpy completed(&core.sync, &SyncController::actionCompleted);
    QVERIFY(server.restartOnSamePort());
    core.sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 20000);
    const auto report = completed.at(0).at(0).value<ActionReport>();
    QCOMPARE(report.actionId, in);
    QCOMPARE(report.applied, QStringList {ids.at(0)});
    QCOMPARE(report.unchanged, QStringList {ids.at(2)});
    QCOMPARE(report.cancelledOut, QStringList {ids.at(1)});
    QVERIFY(!report.deletionOnly);
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
