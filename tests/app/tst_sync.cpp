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
    QCOMPARE(core.optOuts.rowCount(), rowsBefore - 2);
    QCOMPARE(core.optOuts.checkedCount(), 0);
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

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
