// optout-server over HTTP on loopback: every endpoint and status of docs/api.md, roles and
// organisations.
#include "testdatabase.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {
const QByteArray Admin = "demo-admin";
const QByteArray PlainUser = "demo-user";
const QByteArray Tracker = "demo-tracker";
const QByteArray OtherAdmin = "demo-other-admin";
// In the demo, u-1 is the administrator, u-2 the plain user, u-3 the tracking service.
const QString AdminId = QStringLiteral("u-1");
const QString PlainUserId = QStringLiteral("u-2");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject eventFor(const QString &userId, const QString &name = QStringLiteral("test.event"))
{
    QJsonObject e {{QStringLiteral("name"), name},
                   {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")}};
    if (!userId.isEmpty())
        e.insert(QStringLiteral("userId"), userId);
    return e;
}

QByteArray eventsBody(const QJsonArray &events)
{
    return json({{QStringLiteral("events"), events}});
}
} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void health();
    void unknownRoutes_data();
    void unknownRoutes();
    void wrongMethods_data();
    void wrongMethods();
    void authentication_data();
    void authentication();
    void revokedToken();
    void tokensChangeWhileRunning();
    void commandLineTokensExpire();
    void tokensRecordTheirLastUse();
    void demoTokensNeedDemoMode();
    void me();
    void roleMatrix_data();
    void roleMatrix();
    void organisationIsolation();
    void usersPaging();
    void usersBadQuery_data();
    void usersBadQuery();
    void usersEtag();
    void optOutsRevisionAndEtag();
    void optOutsSinceARevision();
    void syncState();
    void syncStateSeesUserChanges();
    void syncStateNotModifiedRecordsNothing();
    void putIsIdempotent();
    void putStaleIfMatch();
    void malformedIfMatch();
    void headIsGetWithoutBody();
    void deleteIsIdempotent();
    void unknownUser();
    void batch();
    void batchIsAtomic();
    void batchBadInput_data();
    void batchBadInput();
    void batchTooLarge();
    void bodyTooLarge();
    void audit();
    void auditBadQuery();
    void ingestionDiscardsOptedOut();
    void ingestionRoles();
    void ingestionBadInput_data();
    void ingestionBadInput();
    void ingestionParsing_data();
    void ingestionParsing();
    void ingestionStoresFieldsAsSent();
    void optOutHidesStoredEventsUntilPurge();
    void reasons();
    void reasonBadInput_data();
    void reasonBadInput();
    void deleteStoredEventsNow();
    void purgeRunsOnTime();
    void purgeOverdueAtStart();
    void purgeAfterZeroDeletesAtOnce();
    void purgeAfterMustBeADuration();
    void auditFilters();
    void auditBadFilters_data();
    void auditBadFilters();
    void serverSideEvents();
    void pollingRecordsNothing();
    void readWindowExpires();
    void concurrentWriters();
    void survivesRestart();
    void refusesNewerSchema();
    void migratesAnOlderSchema();
    void migratesTodaysRelease_data();
    void migratesTodaysRelease();
    void provisioning();
    void lockedDatabaseStallsNoRead();
    void pipelinedAnswersInOrder();
    void failsClosedWithoutStorage();

private:
    HttpResult get(const QString &path, const QByteArray &token = Admin, const Headers &h = {})
    {
        return m_server.request("GET", path, token, {}, h);
    }
    void expectError(const HttpResult &r, int status, const char *code);
    qint64 revision();
    QSet<QString> optedOutIds(const QByteArray &token = Admin);
    // The n-th user who was in when the test started (n from 4), whatever the demo opted out.
    QString u(int n) const { return m_in.at(n - 4); }
    QJsonObject summaryFor(const QString &userId);
    QJsonObject entryFor(const QString &userId);
    QJsonArray auditEntries(const QString &query);
    int storeEvents(const QString &userId, int n);

    TestServer m_server;
    QStringList m_in;
};

void TestServerApi::init()
{
    QVERIFY(m_server.start(
        {QStringLiteral("--demo-users"), QStringLiteral("100"), QStringLiteral("--quiet")}));
    const QSet<QString> out = optedOutIds();
    m_in.clear();
    for (int i = 4; i <= 100; ++i) {
        const QString id = QStringLiteral("u-%1").arg(i);
        if (!out.contains(id))
            m_in.append(id);
    }
    QVERIFY(m_in.size() >= 60);
}

void TestServerApi::cleanup()
{
    m_server.stop();
}

void TestServerApi::expectError(const HttpResult &r, int status, const char *code)
{
    QCOMPARE(r.status, status);
    QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    const QJsonObject error = r.json().object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QString::fromLatin1(code));
    QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
}

qint64 TestServerApi::revision()
{
    return get(QStringLiteral("/api/v1/optouts"))
        .json()
        .object()
        .value(QStringLiteral("revision"))
        .toInteger();
}

QSet<QString> TestServerApi::optedOutIds(const QByteArray &token)
{
    QSet<QString> ids;
    const QJsonArray list = get(QStringLiteral("/api/v1/optouts"), token)
                                .json()
                                .object()
                                .value(QStringLiteral("optOuts"))
                                .toArray();
    for (const QJsonValue &v : list)
        ids.insert(v[QStringLiteral("user")][QStringLiteral("id")].toString());
    return ids;
}

QJsonObject TestServerApi::entryFor(const QString &userId)
{
    const QJsonArray list = get(QStringLiteral("/api/v1/optouts"))
                                .json()
                                .object()
                                .value(QStringLiteral("optOuts"))
                                .toArray();
    for (const QJsonValue &v : list) {
        if (v[QStringLiteral("user")][QStringLiteral("id")].toString() == userId)
            return v.toObject();
    }
    return {};
}

QJsonArray TestServerApi::auditEntries(const QString &query)
{
    const HttpResult r = get(QStringLiteral("/api/v1/audit?limit=1000&") + query);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.json()[QStringLiteral("entries")].toArray();
}

int TestServerApi::storeEvents(const QString &userId, int n)
{
    QJsonArray events;
    for (int i = 0; i < n; ++i)
        events.append(eventFor(userId));
    return m_server
        .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker, eventsBody(events))
        .status;
}

QJsonObject TestServerApi::summaryFor(const QString &userId)
{
    const QJsonArray users
        = get(QStringLiteral("/api/v1/usage/summary")).json()[QStringLiteral("users")].toArray();
    for (const QJsonValue &v : users) {
        if (v[QStringLiteral("user")][QStringLiteral("id")].toString() == userId)
            return v.toObject();
    }
    return {};
}

void TestServerApi::health()
{
    const HttpResult r = get(QStringLiteral("/healthz"), {});
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json().object();
    QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("ok"));
    QCOMPARE(o[QStringLiteral("storage")].toString(), TestDatabase::backendName());
    QVERIFY(!o[QStringLiteral("version")].toString().isEmpty());
    QVERIFY(!o[QStringLiteral("instance")].toString().isEmpty());
    QCOMPARE(o[QStringLiteral("writable")], QJsonValue(true));
}

void TestServerApi::unknownRoutes_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("root") << "/" << Admin;
    QTest::newRow("no version") << "/api/me" << Admin;
    QTest::newRow("v2") << "/api/v2/me" << Admin;
    QTest::newRow("trailing slash") << "/api/v1/me/" << Admin;
    QTest::newRow("deeper") << "/api/v1/optouts/u-4/x" << Admin;
    QTest::newRow("unknown without token") << "/api/v1/nothing" << QByteArray();
}

void TestServerApi::unknownRoutes()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, token);
    expectError(get(path, token), 404, "not_found");
}

void TestServerApi::wrongMethods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("allow");
    QTest::newRow("post me") << QByteArray("POST") << "/api/v1/me" << QByteArray("GET, HEAD");
    QTest::newRow("delete users") << QByteArray("DELETE") << "/api/v1/users"
                                  << QByteArray("GET, HEAD");
    QTest::newRow("put optouts") << QByteArray("PUT") << "/api/v1/optouts"
                                 << QByteArray("GET, HEAD");
    QTest::newRow("get one optout")
        << QByteArray("GET") << "/api/v1/optouts/u-4" << QByteArray("PUT, DELETE");
    QTest::newRow("get batch") << QByteArray("GET") << "/api/v1/optouts/batch"
                               << QByteArray("POST");
    QTest::newRow("get events") << QByteArray("GET") << "/api/v1/usage/events"
                                << QByteArray("POST");
    QTest::newRow("post healthz") << QByteArray("POST") << "/healthz" << QByteArray("GET, HEAD");
}

void TestServerApi::wrongMethods()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, allow);
    const qint64 before = revision();
    const HttpResult r = m_server.request(method, path, Admin, "{}");
    expectError(r, 405, "method_not_allowed");
    QCOMPARE(r.header("Allow"), allow);
    QCOMPARE(revision(), before);
}

void TestServerApi::authentication_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::newRow("none") << QByteArray();
    QTest::newRow("unknown token") << QByteArray("Bearer forged-token");
    QTest::newRow("basic scheme") << QByteArray("Basic ZGVtbzpkZW1v");
    QTest::newRow("empty bearer") << QByteArray("Bearer ");
}

void TestServerApi::authentication()
{
    QFETCH(QByteArray, authorization);
    Headers h;
    if (!authorization.isEmpty())
        h.append({"Authorization", authorization});
    const QStringList paths {QStringLiteral("/api/v1/me"), QStringLiteral("/api/v1/users"),
                             QStringLiteral("/api/v1/optouts"), QStringLiteral("/api/v1/audit"),
                             QStringLiteral("/api/v1/usage/summary")};
    for (const QString &path : paths)
        expectError(m_server.request("GET", path, {}, {}, h), 401, "unauthenticated");
    const qint64 before = revision();
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(5), {}, {}, h), 401,
                "unauthenticated");
    expectError(m_server.request("POST", QStringLiteral("/api/v1/usage/events"), {},
                                 eventsBody({eventFor(u(5))}), h),
                401, "unauthenticated");
    QCOMPARE(revision(), before);
}

void TestServerApi::revokedToken()
{
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    m_server.stop();
    QCOMPARE(m_server.runOnce({QStringLiteral("--revoke-token"), QString::fromLatin1(PlainUser)}),
             0);
    QCOMPARE(m_server.runOnce({QStringLiteral("--revoke-token"), QStringLiteral("no-such-token")}),
             1);
    QVERIFY(m_server.restart());
    expectError(get(QStringLiteral("/api/v1/me"), PlainUser), 401, "unauthenticated");
    QCOMPARE(get(QStringLiteral("/api/v1/me"), Admin).status, 200);
}

void TestServerApi::tokensChangeWhileRunning()
{
    // Revoked beside the running server: refused within seconds, without a restart.
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    QCOMPARE(m_server.runOnce({QStringLiteral("--revoke-token"), QString::fromLatin1(PlainUser)}),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/me"), PlainUser).status, 401, 10000);
    QCOMPARE(get(QStringLiteral("/api/v1/me"), Admin).status, 200);
    // Issued beside it: accepted within seconds.
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("user@example.com"),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    const QByteArray fresh = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                 .match(QString::fromUtf8(m_server.output()))
                                 .captured(1)
                                 .toUtf8();
    QVERIFY(!fresh.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/me"), fresh).status, 200, 10000);
    QCOMPARE(get(QStringLiteral("/api/v1/me"), fresh).json()[QStringLiteral("id")].toString(),
             PlainUserId);
    // Everything else still needs an SQLite file to itself (a PostgreSQL database takes any
    // number of servers).
    if (!TestDatabase::isPostgres()) {
        QCOMPARE(m_server.runOnce({QStringLiteral("--create-org"), QStringLiteral("X"),
                                   QStringLiteral("--admin-email"), QStringLiteral("x@x.test"),
                                   QStringLiteral("--admin-name"), QStringLiteral("X")}),
                 1);
        QVERIFY(m_server.output().contains("another optout-server is using"));
    }
}

// --issue-token … --expires-in: refused once expired, as an expired session is.
void TestServerApi::commandLineTokensExpire()
{
    const QStringList issue {QStringLiteral("--issue-token"), QStringLiteral("user@example.com"),
                             QStringLiteral("--org"), QStringLiteral("o-1")};
    for (const QString &bad : {QStringLiteral("soon"), QStringLiteral("0s"), QStringLiteral("-1h")})
        QCOMPARE(m_server.runOnce(issue + QStringList {QStringLiteral("--expires-in"), bad}), 1);
    QCOMPARE(m_server.runOnce(issue
                              + QStringList {QStringLiteral("--expires-in"), QStringLiteral("4s")}),
             0);
    const QString printed = QString::fromUtf8(m_server.output());
    const QByteArray token = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                 .match(printed)
                                 .captured(1)
                                 .toUtf8();
    QVERIFY(!token.isEmpty());
    QVERIFY2(printed.contains(QStringLiteral("expires at")), qPrintable(printed));
    QElapsedTimer clock;
    clock.start();
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/me"), token).status, 200, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/api/v1/me"), token).status, 401, 10000);
    QVERIFY(clock.elapsed() >= 2000);
    const HttpResult r = get(QStringLiteral("/api/v1/me"), token);
    expectError(r, 401, "session_expired");
    QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\""));
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
}

// Every token records when it was last used, to the minute.
void TestServerApi::tokensRecordTheirLastUse()
{
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(PlainUser), QCryptographicHash::Sha256).toHex());
    const QString query
        = QStringLiteral("SELECT last_used_at FROM tokens WHERE hash = '%1'").arg(hash);
    bool ok = false;
    QVERIFY(m_server.database().execute(query, &ok).isNull());
    QVERIFY(ok);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    QDateTime lastUsed;
    QTRY_VERIFY_WITH_TIMEOUT((lastUsed = m_server.database().execute(query).toDateTime()).isValid(),
                             10000);
    lastUsed.setTimeSpec(Qt::UTC);
    // Truncated to its minute.
    QCOMPARE(lastUsed.time().second(), 0);
    QVERIFY2(lastUsed.secsTo(before) >= 0 && lastUsed.secsTo(before) < 60,
             qPrintable(lastUsed.toString(Qt::ISODate) + QLatin1Char(' ')
                        + before.toString(Qt::ISODate)));
    // --list-tokens shows it beside the running server; tokens never used say so.
    QCOMPARE(m_server.runOnce(
                 {QStringLiteral("--list-tokens"), QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    const QString listing = QString::fromUtf8(m_server.output());
    QVERIFY2(listing.contains(QStringLiteral("last used ")
                              + lastUsed.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))),
             qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("last used never")), qPrintable(listing));
    QVERIFY2(listing.contains(QStringLiteral("expires never")), qPrintable(listing));
    QVERIFY(!listing.contains(hash)); // never the hash, let alone the token
    QCOMPARE(m_server.runOnce({QStringLiteral("--list-tokens"), QStringLiteral("--org"),
                               QStringLiteral("o-99")}),
             1);
}

void TestServerApi::demoTokensNeedDemoMode()
{
    QVERIFY(m_server.restart({QStringLiteral("--quiet")}));
    expectError(get(QStringLiteral("/api/v1/me"), Admin), 401, "unauthenticated");
}

void TestServerApi::me()
{
    HttpResult r = get(QStringLiteral("/api/v1/me"));
    QCOMPARE(r.status, 200);
    QJsonObject me = r.json().object();
    QCOMPARE(me[QStringLiteral("id")].toString(), AdminId);
    QCOMPARE(me[QStringLiteral("email")].toString(), QStringLiteral("admin@example.com"));
    QCOMPARE(me[QStringLiteral("name")].toString(), QStringLiteral("Ada Admin"));
    QCOMPARE(me[QStringLiteral("roles")].toArray(), QJsonArray {QStringLiteral("product_admin")});
    QCOMPARE(me[QStringLiteral("org")][QStringLiteral("name")].toString(),
             QStringLiteral("Example Org"));
    QCOMPARE(me[QStringLiteral("org")][QStringLiteral("productName")].toString(),
             QStringLiteral("Customer Journey Analytics"));
    QCOMPARE(me[QStringLiteral("usageTracking")].toBool(), true);

    r = get(QStringLiteral("/api/v1/me"), Tracker);
    QCOMPARE(r.json()[QStringLiteral("roles")].toArray(),
             QJsonArray {QStringLiteral("tracking_service")});

    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser)
                 .json()[QStringLiteral("usageTracking")]
                 .toBool(),
             true);
    QCOMPARE(
        m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + PlainUserId, Admin).status,
        201);
    me = get(QStringLiteral("/api/v1/me"), PlainUser).json().object();
    QCOMPARE(me[QStringLiteral("usageTracking")].toBool(), false);
    QCOMPARE(me[QStringLiteral("roles")].toArray(), QJsonArray {QStringLiteral("user")});
}

void TestServerApi::roleMatrix_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    const QByteArray batch = json({{QStringLiteral("optOut"), QJsonArray {u(5)}}});
    const QList<QPair<const char *, QByteArray>> tokens {{"user", PlainUser}, {"tracker", Tracker}};
    QTest::newRow("users") << QByteArray("GET") << "/api/v1/users" << QByteArray();
    QTest::newRow("optouts") << QByteArray("GET") << "/api/v1/optouts" << QByteArray();
    QTest::newRow("put") << QByteArray("PUT") << "/api/v1/optouts/u-5" << QByteArray();
    QTest::newRow("delete") << QByteArray("DELETE") << "/api/v1/optouts/u-5" << QByteArray();
    QTest::newRow("batch") << QByteArray("POST") << "/api/v1/optouts/batch" << batch;
    QTest::newRow("audit") << QByteArray("GET") << "/api/v1/audit" << QByteArray();
    QTest::newRow("summary") << QByteArray("GET") << "/api/v1/usage/summary" << QByteArray();
    QTest::newRow("sync-state") << QByteArray("GET") << "/api/v1/sync-state" << QByteArray();
}

void TestServerApi::roleMatrix()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    const QSet<QString> before = optedOutIds();
    for (const QByteArray &token : {PlainUser, Tracker})
        expectError(m_server.request(method, path, token, body), 403, "forbidden");
    QCOMPARE(optedOutIds(), before);
    // The product administrator may.
    QVERIFY(m_server.request(method, path, Admin, body).status < 300);
}

void TestServerApi::organisationIsolation()
{
    // Another organisation's administrator sees only its own organisation.
    const HttpResult users = get(QStringLiteral("/api/v1/users?pageSize=5000"), OtherAdmin);
    QCOMPARE(users.status, 200);
    QCOMPARE(users.json()[QStringLiteral("total")].toInt(), 25);
    const QJsonArray list = users.json()[QStringLiteral("users")].toArray();
    for (const QJsonValue &u : list)
        QVERIFY(u[QStringLiteral("email")].toString().endsWith(QLatin1String("@other.example")));

    const QSet<QString> mine = optedOutIds();
    const QSet<QString> theirs = optedOutIds(OtherAdmin);
    QVERIFY(!mine.isEmpty());
    QVERIFY(!theirs.isEmpty());
    QVERIFY(!mine.intersects(theirs));

    // Example Org's users do not exist for them: 404, exactly like an unknown id, and no change.
    const qint64 before = revision();
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(5), OtherAdmin), 404,
                "not_found");
    const QString mineOut = *mine.cbegin();
    expectError(
        m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + mineOut, OtherAdmin), 404,
        "not_found");
    const HttpResult batch
        = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), OtherAdmin,
                           json({{QStringLiteral("optIn"), QJsonArray {mineOut}}}));
    expectError(batch, 404, "not_found");
    QCOMPARE(
        batch.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("userIds")]
            .toArray(),
        QJsonArray {mineOut});
    QCOMPARE(revision(), before);
    QCOMPARE(optedOutIds(), mine);
    // Their tracking of our users is refused too.
    expectError(m_server.request("POST", QStringLiteral("/api/v1/usage/events"), OtherAdmin,
                                 eventsBody({eventFor(u(5))})),
                403, "forbidden");
    // And their audit holds nothing of ours.
    const QJsonArray audit = get(QStringLiteral("/api/v1/audit"), OtherAdmin)
                                 .json()[QStringLiteral("entries")]
                                 .toArray();
    for (const QJsonValue &e : audit)
        QVERIFY(e[QStringLiteral("user")][QStringLiteral("email")].toString().endsWith(
            QLatin1String("@other.example")));
}

void TestServerApi::usersPaging()
{
    HttpResult r = get(QStringLiteral("/api/v1/users"));
    QCOMPARE(r.status, 200);
    QJsonObject page = r.json().object();
    QCOMPARE(page[QStringLiteral("total")].toInt(), 100);
    QCOMPARE(page[QStringLiteral("pageSize")].toInt(), 1000);
    QCOMPARE(page[QStringLiteral("page")].toInt(), 0);
    QCOMPARE(page[QStringLiteral("lastPage")].toBool(), true);
    QCOMPARE(page[QStringLiteral("users")].toArray().size(), 100);

    QStringList emails;
    QSet<QString> ids;
    for (int p = 0;; ++p) {
        r = get(QStringLiteral("/api/v1/users?page=%1&pageSize=25").arg(p));
        QCOMPARE(r.status, 200);
        page = r.json().object();
        QCOMPARE(page[QStringLiteral("page")].toInt(), p);
        QCOMPARE(page[QStringLiteral("pageSize")].toInt(), 25);
        const QJsonArray users = page[QStringLiteral("users")].toArray();
        for (const QJsonValue &u : users) {
            QVERIFY(!u[QStringLiteral("name")].toString().isEmpty());
            emails.append(u[QStringLiteral("email")].toString());
            ids.insert(u[QStringLiteral("id")].toString());
        }
        if (page[QStringLiteral("lastPage")].toBool())
            break;
        QCOMPARE(users.size(), 25);
        QVERIFY(p < 10);
    }
    QCOMPARE(emails.size(), 100);
    QCOMPARE(ids.size(), 100);
    QStringList sorted = emails;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(emails, sorted);
    // Past the end: an empty last page, not an error.
    r = get(QStringLiteral("/api/v1/users?page=9&pageSize=25"));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json()[QStringLiteral("users")].toArray().isEmpty());
    QVERIFY(r.json()[QStringLiteral("lastPage")].toBool());
    // Names from several languages arrive intact.
    const QByteArray all = get(QStringLiteral("/api/v1/users?pageSize=5000")).body;
    QVERIFY(QString::fromUtf8(all).contains(QRegularExpression(QStringLiteral("[ëøåéüß]"))));
}

void TestServerApi::usersBadQuery_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("pageSize 0") << "pageSize=0";
    QTest::newRow("pageSize 5001") << "pageSize=5001";
    QTest::newRow("pageSize text") << "pageSize=many";
    QTest::newRow("page negative") << "page=-1";
    QTest::newRow("page empty") << "page=";
}

void TestServerApi::usersBadQuery()
{
    QFETCH(QString, query);
    expectError(get(QStringLiteral("/api/v1/users?") + query), 400, "invalid_request");
}

void TestServerApi::usersEtag()
{
    const HttpResult r = get(QStringLiteral("/api/v1/users?pageSize=10"));
    const QByteArray etag = r.header("ETag");
    QVERIFY(!etag.isEmpty());
    const HttpResult again
        = get(QStringLiteral("/api/v1/users?pageSize=10"), Admin, {{"If-None-Match", etag}});
    QCOMPARE(again.status, 304);
    QVERIFY(again.body.isEmpty());
    QCOMPARE(
        get(QStringLiteral("/api/v1/users?pageSize=10"), Admin, {{"If-None-Match", "\"stale\""}})
            .status,
        200);
}

void TestServerApi::optOutsRevisionAndEtag()
{
    HttpResult r = get(QStringLiteral("/api/v1/optouts"));
    QCOMPARE(r.status, 200);
    const qint64 rev = r.json()[QStringLiteral("revision")].toInteger();
    QCOMPARE(r.header("ETag"), QByteArray("\"" + QByteArray::number(rev) + "\""));
    const QJsonArray list = r.json()[QStringLiteral("optOuts")].toArray();
    QVERIFY(list.size() >= 5);
    for (int i = 1; i < list.size(); ++i)
        QVERIFY(list.at(i - 1)[QStringLiteral("optedOutAt")].toString()
                >= list.at(i)[QStringLiteral("optedOutAt")].toString());
    const QJsonObject first = list.at(0).toObject();
    QVERIFY(first[QStringLiteral("optedOutAt")].toString().endsWith(QLatin1Char('Z')));
    QCOMPARE(first[QStringLiteral("optedOutBy")][QStringLiteral("id")].toString(), AdminId);

    r = get(QStringLiteral("/api/v1/optouts"), Admin, {{"If-None-Match", r.header("ETag")}});
    QCOMPARE(r.status, 304);
    QVERIFY(r.body.isEmpty());

    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(7), Admin).status, 201);
    r = get(QStringLiteral("/api/v1/optouts"), Admin,
            {{"If-None-Match", "\"" + QByteArray::number(rev) + "\""}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("revision")].toInteger(), rev + 1);
    // Newest first: the one just made leads.
    QCOMPARE(r.json()[QStringLiteral("optOuts")][0][QStringLiteral("user")][QStringLiteral("id")]
                 .toString(),
             u(7));
}

// GET /api/v1/optouts?since=R: what changed since a revision the client holds, or the whole
// list when the service did not keep that revision's list.
void TestServerApi::optOutsSinceARevision()
{
    const QString path = QStringLiteral("/api/v1/optouts");
    HttpResult r = get(path);
    QCOMPARE(r.status, 200);
    const qint64 rev = r.json()[QStringLiteral("revision")].toInteger();
    const qsizetype whole = r.json()[QStringLiteral("optOuts")].toArray().size();
    const QString since = path + QStringLiteral("?since=") + QString::number(rev);

    // Nothing changed: an empty change, or 304 with the ETag.
    r = get(since);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("since")].toInteger(), rev);
    QCOMPARE(r.json()[QStringLiteral("revision")].toInteger(), rev);
    QVERIFY(r.json()[QStringLiteral("optOuts")].toArray().isEmpty());
    QVERIFY(r.json()[QStringLiteral("optedIn")].toArray().isEmpty());
    QCOMPARE(get(since, Admin, {{"If-None-Match", r.header("ETag")}}).status, 304);

    // One opt-out and one opt-in: those two, nothing else.
    const QString out = u(11);
    QCOMPARE(m_server.request("PUT", path + QLatin1Char('/') + out, Admin).status, 201);
    const QString in
        = get(path)
              .json()[QStringLiteral("optOuts")][1][QStringLiteral("user")][QStringLiteral("id")]
              .toString();
    QVERIFY(!in.isEmpty() && in != out);
    QCOMPARE(m_server.request("DELETE", path + QLatin1Char('/') + in, Admin).status, 204);
    r = get(since);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("revision")].toInteger(), rev + 2);
    QCOMPARE(r.header("ETag"), QByteArray("\"" + QByteArray::number(rev + 2) + "\""));
    QCOMPARE(r.json()[QStringLiteral("since")].toInteger(), rev);
    const QJsonArray changed = r.json()[QStringLiteral("optOuts")].toArray();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), out);
    QCOMPARE(changed.at(0)[QStringLiteral("optedOutBy")][QStringLiteral("id")].toString(), AdminId);
    QCOMPARE(r.json()[QStringLiteral("optedIn")].toArray(), QJsonArray {in});

    // A revision the service does not hold (ahead of it): the whole list, without `since`.
    r = get(path + QStringLiteral("?since=") + QString::number(rev + 1000));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().object().contains(QStringLiteral("since")));
    QCOMPARE(r.json()[QStringLiteral("optOuts")].toArray().size(), whole);

    // Not a revision: 400, as any bad query value.
    expectError(get(path + QStringLiteral("?since=abc")), 400, "invalid_request");
    expectError(get(path + QStringLiteral("?since=-1")), 400, "invalid_request");
}

// One conditional request tells a refresh whether anything changed: the revisions of users and
// opt-outs and the caller's own usageTracking, under an ETag made of all three.
void TestServerApi::syncState()
{
    const QString path = QStringLiteral("/api/v1/sync-state");
    HttpResult r = get(path);
    QCOMPARE(r.status, 200);
    const QJsonObject state = r.json().object();
    QCOMPARE(state[QStringLiteral("optOutsRevision")].toInteger(), revision());
    QVERIFY(state[QStringLiteral("usersRevision")].isDouble());
    QCOMPARE(state[QStringLiteral("usageTracking")].toBool(), true);
    const QByteArray etag = r.header("ETag");
    QVERIFY(etag.size() > 2 && etag.startsWith('"') && etag.endsWith('"'));

    r = get(path, Admin, {{"If-None-Match", etag}});
    QCOMPARE(r.status, 304);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(r.header("ETag"), etag);
    QCOMPARE(get(path, Admin, {{"If-None-Match", "\"stale\""}}).status, 200);
    QCOMPARE(m_server.request("HEAD", path, Admin).header("ETag"), etag);

    // An opt-out by anyone changes it.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(9), Admin).status, 201);
    r = get(path, Admin, {{"If-None-Match", etag}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("optOutsRevision")].toInteger(),
             state[QStringLiteral("optOutsRevision")].toInteger() + 1);
    QCOMPARE(r.json()[QStringLiteral("usersRevision")].toInteger(),
             state[QStringLiteral("usersRevision")].toInteger());
    const QByteArray afterOptOut = r.header("ETag");
    QVERIFY(afterOptOut != etag);
    QCOMPARE(get(path, Admin, {{"If-None-Match", afterOptOut}}).status, 304);
    // So does an opt-in.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(9), Admin).status,
             204);
    QCOMPARE(get(path, Admin, {{"If-None-Match", afterOptOut}}).status, 200);

    // The caller's own opt-out: usageTracking false, under its own tag; another organisation's
    // administrator has a state of their own.
    const HttpResult other = get(path, OtherAdmin);
    QCOMPARE(other.status, 200);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + AdminId, Admin).status,
             201);
    r = get(path);
    QCOMPARE(r.json()[QStringLiteral("usageTracking")].toBool(), false);
    QVERIFY(r.header("ETag") != afterOptOut);
    QCOMPARE(get(path, OtherAdmin, {{"If-None-Match", other.header("ETag")}}).status, 304);

    // Only product administrators; a token is needed.
    expectError(get(path, PlainUser), 403, "forbidden");
    expectError(get(path, Tracker), 403, "forbidden");
    expectError(get(path, QByteArray()), 401, "unauthenticated");
    expectError(m_server.request("POST", path, Admin, "{}"), 405, "method_not_allowed");
}

// Users added to the directory change the state, and the tag comes from the database: a
// restarted service (a fresh process, no counters of its own) gives the same tag for the
// same data.
void TestServerApi::syncStateSeesUserChanges()
{
    const QString path = QStringLiteral("/api/v1/sync-state");
    const HttpResult before = get(path);
    QCOMPARE(before.status, 200);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    QCOMPARE(get(path, Admin, {{"If-None-Match", before.header("ETag")}}).status, 304);

    m_server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("users.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nnew.person@example.com,New Person,user\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    const HttpResult after = get(path, Admin, {{"If-None-Match", before.header("ETag")}});
    QCOMPARE(after.status, 200);
    QVERIFY(after.header("ETag") != before.header("ETag"));
    QCOMPARE(after.json()[QStringLiteral("usersRevision")].toInteger(),
             before.json()[QStringLiteral("usersRevision")].toInteger() + 1);
    QCOMPARE(after.json()[QStringLiteral("optOutsRevision")].toInteger(),
             before.json()[QStringLiteral("optOutsRevision")].toInteger());
}

// An unchanged state answered 304 records no server-side usage event; a 200 does.
void TestServerApi::syncStateNotModifiedRecordsNothing()
{
    // Without the read window (every identical read recorded), so only the 304 rule can keep
    // the polls out of the count.
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--read-event-window-ms"), QStringLiteral("0")}));
    const QString path = QStringLiteral("/api/v1/sync-state");
    const QByteArray etag = get(path).header("ETag");
    // The summary's own request is recorded too, and counted by the next summary.
    summaryFor(AdminId);
    const int before = summaryFor(AdminId)[QStringLiteral("server")].toInt();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(get(path, Admin, {{"If-None-Match", etag}}).status, 304);
    QCOMPARE(summaryFor(AdminId)[QStringLiteral("server")].toInt(), before + 1);
    QCOMPARE(get(path).status, 200);
    QCOMPARE(summaryFor(AdminId)[QStringLiteral("server")].toInt(), before + 3);
}

void TestServerApi::putIsIdempotent()
{
    const qint64 rev = revision();
    HttpResult r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(8), Admin);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header("ETag"), "\"" + QByteArray::number(rev + 1) + "\"");
    const QJsonObject entry = r.json().object();
    QCOMPARE(entry[QStringLiteral("user")][QStringLiteral("id")].toString(), u(8));
    QCOMPARE(entry[QStringLiteral("optedOutBy")][QStringLiteral("email")].toString(),
             QStringLiteral("admin@example.com"));
    QTest::qWait(1100); // so a second opt-out would carry a different time
    r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(8), Admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("optedOutAt")].toString(),
             entry[QStringLiteral("optedOutAt")].toString());
    QCOMPARE(revision(), rev + 1);
}

void TestServerApi::putStaleIfMatch()
{
    const qint64 rev = revision();
    const QByteArray stale = "\"" + QByteArray::number(rev - 1) + "\"";
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                                 {{"If-Match", stale}}),
                412, "precondition_failed");
    expectError(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                                 {{"If-Match", stale}}),
                412, "precondition_failed");
    QCOMPARE(revision(), rev);
    QVERIFY(!optedOutIds().contains(u(9)));
    const QByteArray current = "\"" + QByteArray::number(rev) + "\"";
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                          {{"If-Match", current}})
                 .status,
             201);
}

void TestServerApi::malformedIfMatch()
{
    const qint64 rev = revision();
    for (const QByteArray &header :
         {QByteArray("garbage"), QByteArray("42"), QByteArray("\"4\"2\"")}) {
        expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                                     {{"If-Match", header}}),
                    400, "invalid_request");
    }
    QCOMPARE(revision(), rev);
    QVERIFY(!optedOutIds().contains(u(9)));
    // "*" and a list that holds the current revision both match.
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                          {{"If-Match", "*"}})
                 .status,
             201);
    const QByteArray list = "\"1\", W/\"" + QByteArray::number(rev + 1) + "\"";
    QCOMPARE(m_server
                 .request("DELETE", QStringLiteral("/api/v1/optouts/") + u(9), Admin, {},
                          {{"If-Match", list}})
                 .status,
             204);
}

void TestServerApi::headIsGetWithoutBody()
{
    const HttpResult got = get(QStringLiteral("/api/v1/optouts"));
    const HttpResult head = m_server.request("HEAD", QStringLiteral("/api/v1/optouts"), Admin);
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    QCOMPARE(head.header("ETag"), got.header("ETag"));
    QCOMPARE(head.header("Content-Length").toInt(), got.body.size());
    QCOMPARE(m_server.request("HEAD", QStringLiteral("/api/v1/optouts"), PlainUser).status, 403);
    QCOMPARE(m_server.request("HEAD", QStringLiteral("/healthz"), {}).status, 200);
    // The connection is still good for the next request.
    QCOMPARE(get(QStringLiteral("/api/v1/optouts")).body, got.body);
}

void TestServerApi::deleteIsIdempotent()
{
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(10), Admin).status,
             201);
    const qint64 rev = revision();
    HttpResult r = m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(10), Admin);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(r.header("ETag"), "\"" + QByteArray::number(rev + 1) + "\"");
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(10), Admin).status,
             204);
    QCOMPARE(revision(), rev + 1);
    QVERIFY(!optedOutIds().contains(u(10)));
}

void TestServerApi::unknownUser()
{
    const qint64 rev = revision();
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-99999"), Admin), 404,
                "not_found");
    expectError(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/nobody"), Admin), 404,
                "not_found");
    QCOMPARE(revision(), rev);
}

void TestServerApi::batch()
{
    const QSet<QString> before = optedOutIds();
    const QString in = *before.cbegin();
    const qint64 rev = revision();
    const HttpResult r
        = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                           json({{QStringLiteral("optOut"), QJsonArray {u(11), u(12), u(12)}},
                                 {QStringLiteral("optIn"), QJsonArray {in, u(13)}}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("revision")].toInteger(), rev + 1);
    QCOMPARE(r.json()[QStringLiteral("optedOut")].toInt(), 2);
    QCOMPARE(r.json()[QStringLiteral("optedIn")].toInt(), 1); // u-13 was not out: no change
    QSet<QString> expected = before;
    expected.remove(in);
    expected << u(11) << u(12);
    QCOMPARE(optedOutIds(), expected);
    // The same batch again changes nothing, and the revision stays.
    const HttpResult again
        = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                           json({{QStringLiteral("optOut"), QJsonArray {u(11), u(12)}}}));
    QCOMPARE(again.json()[QStringLiteral("optedOut")].toInt(), 0);
    QCOMPARE(again.json()[QStringLiteral("revision")].toInteger(), rev + 1);
}

void TestServerApi::batchIsAtomic()
{
    const QSet<QString> before = optedOutIds();
    const qint64 rev = revision();
    const HttpResult r = m_server.request(
        "POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
        json({{QStringLiteral("optOut"), QJsonArray {u(14), QStringLiteral("u-404"), u(15)}},
              {QStringLiteral("optIn"), QJsonArray {*before.cbegin()}}}));
    expectError(r, 404, "not_found");
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("userIds")]
                 .toArray(),
             QJsonArray {QStringLiteral("u-404")});
    QCOMPARE(optedOutIds(), before);
    QCOMPARE(revision(), rev);

    const HttpResult both
        = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                           json({{QStringLiteral("optOut"), QJsonArray {u(14), u(15)}},
                                 {QStringLiteral("optIn"), QJsonArray {u(15)}}}));
    expectError(both, 400, "invalid_request");
    QCOMPARE(
        both.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("userIds")]
            .toArray(),
        QJsonArray {u(15)});
    QCOMPARE(optedOutIds(), before);
    expectError(m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                                 json({{QStringLiteral("optOut"), QJsonArray {u(14)}}}),
                                 {{"If-Match", "\"" + QByteArray::number(rev - 1) + "\""}}),
                412, "precondition_failed");
    QCOMPARE(optedOutIds(), before);
}

void TestServerApi::batchBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not json") << QByteArray("optOut=u-4");
    QTest::newRow("truncated") << QByteArray("{\"optOut\": [\"u-4\"");
    QTest::newRow("array") << QByteArray("[\"u-4\"]");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("string list") << QByteArray("{\"optOut\": \"u-4\"}");
    QTest::newRow("number id") << QByteArray("{\"optOut\": [4]}");
    QTest::newRow("empty id") << QByteArray("{\"optIn\": [\"\"]}");
    QTest::newRow("empty body") << QByteArray();
}

void TestServerApi::batchBadInput()
{
    QFETCH(QByteArray, body);
    const QSet<QString> before = optedOutIds();
    expectError(m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin, body), 400,
                "invalid_request");
    QCOMPARE(optedOutIds(), before);
}

void TestServerApi::batchTooLarge()
{
    // The limit counts the ids as sent: 10,001 entries of 50 ids is over it, 10,000 is not.
    QJsonArray ids;
    for (int i = 0; i < 10001; ++i)
        ids.append(QStringLiteral("u-%1").arg(i % 50 + 4));
    const QSet<QString> unchanged = optedOutIds();
    expectError(m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                                 json({{QStringLiteral("optOut"), ids}})),
                413, "payload_too_large");
    QCOMPARE(optedOutIds(), unchanged);
    ids.removeLast();
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                          json({{QStringLiteral("optOut"), ids}}))
                 .status,
             200);
    QJsonArray many;
    for (int i = 0; i < 10001; ++i)
        many.append(QStringLiteral("x-%1").arg(i));
    const QSet<QString> before = optedOutIds();
    expectError(m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                                 json({{QStringLiteral("optIn"), many}})),
                413, "payload_too_large");
    QCOMPARE(optedOutIds(), before);
}

void TestServerApi::bodyTooLarge()
{
    QByteArray huge = "{\"optOut\": [\"u-4\"], \"padding\": \"";
    huge += QByteArray(1024 * 1024, 'x');
    huge += "\"}";
    const QSet<QString> before = optedOutIds();
    expectError(m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin, huge), 413,
                "payload_too_large");
    QJsonArray events;
    const QJsonObject big {
        {QStringLiteral("name"), QStringLiteral("x")},
        {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
        {QStringLiteral("properties"),
         QJsonObject {{QStringLiteral("blob"), QString(2000, QLatin1Char('y'))}}}};
    for (int i = 0; i < 600; ++i)
        events.append(big);
    expectError(m_server.request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser,
                                 eventsBody(events)),
                413, "payload_too_large");
    QCOMPARE(optedOutIds(), before);
    // Still serving.
    QCOMPARE(get(QStringLiteral("/healthz"), {}).status, 200);
}

void TestServerApi::audit()
{
    for (int i = 20; i < 25; ++i)
        QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(i), Admin).status,
                 201);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(20), Admin).status,
             204);
    HttpResult r = get(QStringLiteral("/api/v1/audit?limit=2"));
    QCOMPARE(r.status, 200);
    QJsonArray entries = r.json()[QStringLiteral("entries")].toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(0)[QStringLiteral("action")].toString(), QStringLiteral("opt_in"));
    QCOMPARE(entries.at(0)[QStringLiteral("user")][QStringLiteral("id")].toString(), u(20));
    QCOMPARE(entries.at(0)[QStringLiteral("actor")][QStringLiteral("email")].toString(),
             QStringLiteral("admin@example.com"));
    QCOMPARE(entries.at(1)[QStringLiteral("action")].toString(), QStringLiteral("opt_out"));
    QCOMPARE(entries.at(1)[QStringLiteral("user")][QStringLiteral("id")].toString(), u(24));
    // Walk every page with the cursor: each entry once, newest first.
    QStringList ids;
    QString cursor;
    for (int guard = 0; guard < 100; ++guard) {
        r = get(QStringLiteral("/api/v1/audit?limit=3")
                + (cursor.isEmpty() ? QString() : QStringLiteral("&before=") + cursor));
        QCOMPARE(r.status, 200);
        const QJsonArray page = r.json()[QStringLiteral("entries")].toArray();
        for (const QJsonValue &e : page)
            ids.append(e[QStringLiteral("id")].toString());
        if (r.json()[QStringLiteral("next")].isNull())
            break;
        cursor = r.json()[QStringLiteral("next")].toString();
    }
    const int demoEntries = int(ids.size()) - 6;
    QVERIFY(demoEntries >= 5);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    QCOMPARE(get(QStringLiteral("/api/v1/audit?limit=1000"))
                 .json()[QStringLiteral("entries")]
                 .toArray()
                 .size(),
             ids.size());
}

void TestServerApi::auditBadQuery()
{
    expectError(get(QStringLiteral("/api/v1/audit?limit=0")), 400, "invalid_request");
    expectError(get(QStringLiteral("/api/v1/audit?limit=1001")), 400, "invalid_request");
    expectError(get(QStringLiteral("/api/v1/audit?before=garbage")), 400, "invalid_request");
}

void TestServerApi::ingestionDiscardsOptedOut()
{
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(30), Admin).status,
             201);
    const HttpResult r = m_server.request(
        "POST", QStringLiteral("/api/v1/usage/events"), Tracker,
        eventsBody({eventFor(u(30)), eventFor(u(31)), eventFor(u(31)), eventFor(u(30))}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("accepted")].toInt(), 2);
    QCOMPARE(r.json()[QStringLiteral("discarded")].toInt(), 2);
    QCOMPARE(summaryFor(u(31))[QStringLiteral("client")].toInt(), 2);
    const QJsonObject out = summaryFor(u(30));
    QCOMPARE(out[QStringLiteral("client")].toInt(), 0);
    QCOMPARE(out[QStringLiteral("server")].toInt(), 0);
    QCOMPARE(out[QStringLiteral("optedOut")].toBool(), true);
    QVERIFY(get(QStringLiteral("/api/v1/usage/summary"))
                .json()[QStringLiteral("discardedSinceStart")]
                .toInt()
            >= 2);

    // The opt-out takes effect for the very next event, and opting in again lets events in.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(31), Admin).status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          eventsBody({eventFor(u(31))}))
                 .json()[QStringLiteral("discarded")]
                 .toInt(),
             1);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(31), Admin).status,
             204);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          eventsBody({eventFor(u(31))}))
                 .json()[QStringLiteral("accepted")]
                 .toInt(),
             1);

    // A plain user's own events: stored while in, discarded once out.
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser,
                          eventsBody({eventFor({})}))
                 .json()[QStringLiteral("accepted")]
                 .toInt(),
             1);
    QCOMPARE(
        m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + PlainUserId, Admin).status,
        201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser,
                          eventsBody({eventFor({}), eventFor(PlainUserId)}))
                 .json()[QStringLiteral("discarded")]
                 .toInt(),
             2);
    QCOMPARE(summaryFor(PlainUserId)[QStringLiteral("client")].toInt(), 0);
}

void TestServerApi::ingestionRoles()
{
    // A user or administrator may send only its own events; the whole request is refused.
    expectError(m_server.request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser,
                                 eventsBody({eventFor({}), eventFor(u(32))})),
                403, "forbidden");
    expectError(m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Admin,
                                 eventsBody({eventFor(u(32))})),
                403, "forbidden");
    QCOMPARE(summaryFor(PlainUserId)[QStringLiteral("client")].toInt(), 0);
    // The tracking service may send any user's of its organisation, and nothing of an unknown id.
    const HttpResult unknown
        = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                           eventsBody({eventFor(u(32)), eventFor(QStringLiteral("u-7777")),
                                       eventFor(QStringLiteral("u-110"))}));
    expectError(unknown, 404, "not_found");
    QCOMPARE(
        unknown
            .json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("userIds")]
            .toArray(),
        (QJsonArray {QStringLiteral("u-7777"), QStringLiteral("u-110")})); // u-110 is Other Org's
    QVERIFY(summaryFor(u(32)).isEmpty());
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          eventsBody({eventFor(u(32))}))
                 .status,
             200);
    QCOMPARE(summaryFor(u(32))[QStringLiteral("client")].toInt(), 1);
    // An empty list is fine.
    QCOMPARE(
        m_server.request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser, eventsBody({}))
            .json()[QStringLiteral("accepted")]
            .toInt(),
        0);
}

void TestServerApi::ingestionBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    const auto with = [](const char *key, const QJsonValue &v) {
        QJsonObject e = eventFor({});
        if (v.isUndefined())
            e.remove(QString::fromLatin1(key));
        else
            e.insert(QString::fromLatin1(key), v);
        return eventsBody({e});
    };
    QTest::newRow("malformed") << QByteArray("{\"events\": [") << 400;
    QTest::newRow("no events") << QByteArray("{}") << 400;
    QTest::newRow("events object") << QByteArray("{\"events\": {}}") << 400;
    QTest::newRow("event not object") << QByteArray("{\"events\": [1]}") << 400;
    QTest::newRow("no name") << with("name", QJsonValue::Undefined) << 400;
    QTest::newRow("empty name") << with("name", QString()) << 400;
    QTest::newRow("numeric name") << with("name", 3) << 400;
    QTest::newRow("long name") << with("name", QString(201, QLatin1Char('n'))) << 400;
    QTest::newRow("no timestamp") << with("timestamp", QJsonValue::Undefined) << 400;
    QTest::newRow("bad timestamp") << with("timestamp", QStringLiteral("yesterday")) << 400;
    QTest::newRow("timestamp without zone")
        << with("timestamp", QStringLiteral("2026-11-22T16:00:00")) << 400;
    QTest::newRow("numeric userId") << with("userId", 2) << 400;
    QTest::newRow("properties array") << with("properties", QJsonArray {1}) << 400;
    QJsonArray many;
    for (int i = 0; i < 1001; ++i)
        many.append(eventFor({}));
    QTest::newRow("1001 events") << eventsBody(many) << 413;
}

void TestServerApi::ingestionBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const HttpResult r
        = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), PlainUser, body);
    expectError(r, status, status == 400 ? "invalid_request" : "payload_too_large");
    QVERIFY(summaryFor(PlainUserId).isEmpty()
            || summaryFor(PlainUserId)[QStringLiteral("client")].toInt() == 0);
}

// The body as a client may really send it (raw bytes: duplicate keys, invalid UTF-8, deep
// nesting, numbers out of range), with the answer the service has always given: the same
// status, error code and details, and nothing stored when refused.
void TestServerApi::ingestionParsing_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("details"); // the error's details, or the 200's counts
    const QByteArray ts = "\"timestamp\":\"2026-11-22T16:00:00Z\"";
    const auto one = [&](const QByteArray &fields) {
        return "{\"events\":[{" + fields + "}]}";
    };
    const auto field = [](const char *name, int index) {
        return QByteArray("{\"field\":\"") + name + "\",\"index\":" + QByteArray::number(index)
            + "}";
    };
    const QByteArray accepted = "{\"accepted\":1,\"discarded\":0}";
    const QByteArray none = "{\"accepted\":0,\"discarded\":0}";
    QTest::newRow("truncated") << QByteArray("{\"events\":[{\"name\":\"a\"," + ts + "}") << 400
                               << QByteArray("{\"offset\":58}");
    QTest::newRow("garbage after")
        << QByteArray("{\"events\":[]} x") << 400 << QByteArray("{\"offset\":14}");
    QTest::newRow("only spaces") << QByteArray("   ") << 400 << QByteArray("{\"offset\":3}");
    QTest::newRow("top-level array") << QByteArray("[{\"events\":[]}]") << 400 << QByteArray();
    QTest::newRow("events null") << QByteArray("{\"events\":null}") << 400
                                 << QByteArray("{\"field\":\"events\"}");
    QTest::newRow("numeric name") << one("\"name\":3," + ts) << 400 << field("name", 0);
    QTest::newRow("numeric userId")
        << one("\"name\":\"a\"," + ts + ",\"userId\":17") << 400 << field("userId", 0);
    QTest::newRow("empty userId") << one("\"name\":\"a\"," + ts + ",\"userId\":\"\"") << 400
                                  << field("userId", 0);
    QTest::newRow("array userId") << one("\"name\":\"a\"," + ts + ",\"userId\":[\"u-5\"]") << 400
                                  << field("userId", 0);
    QTest::newRow("null userId") << one("\"name\":\"a\"," + ts + ",\"userId\":null") << 200
                                 << accepted;
    QTest::newRow("numeric timestamp")
        << one("\"name\":\"a\",\"timestamp\":1700000000") << 400 << field("timestamp", 0);
    QTest::newRow("timestamp with offset")
        << one("\"name\":\"a\",\"timestamp\":\"2026-11-22T17:00:00.123+01:00\"") << 200 << accepted;
    QTest::newRow("string properties")
        << one("\"name\":\"a\"," + ts + ",\"properties\":\"x\"") << 400 << field("properties", 0);
    QTest::newRow("null properties")
        << one("\"name\":\"a\"," + ts + ",\"properties\":null") << 200 << accepted;
    QByteArray huge = "{";
    for (int i = 0; i < 9000; ++i)
        huge += (i ? ",\"k" : "\"k") + QByteArray::number(i) + "\":\"" + QByteArray(100, 'v') + '"';
    huge += '}';
    QTest::newRow("huge properties")
        << one("\"name\":\"a\"," + ts + ",\"properties\":" + huge) << 200 << accepted;
    QTest::newRow("non-UTF-8 name") << one("\"name\":\"a\xff\xfe"
                                           "b\","
                                           + ts)
                                    << 400 << QByteArray("{\"offset\":21}");
    QTest::newRow("non-UTF-8 properties")
        << one("\"name\":\"a\"," + ts + ",\"properties\":{\"k\":\"\xc3\x28\"}") << 400
        << QByteArray("{\"offset\":77}");
    QTest::newRow("lone surrogate") << one("\"name\":\"a\\ud800\"," + ts) << 200 << accepted;
    // Duplicate keys: the last one counts.
    QTest::newRow("duplicate name")
        << one("\"name\":\"a\",\"name\":\"b\"," + ts) << 200 << accepted;
    QTest::newRow("duplicate name, last bad")
        << one("\"name\":\"a\",\"name\":5," + ts) << 400 << field("name", 0);
    QTest::newRow("duplicate name, first bad")
        << one("\"name\":5,\"name\":\"a\"," + ts) << 200 << accepted;
    QTest::newRow("duplicate events, last bad") << QByteArray("{\"events\":[],\"events\":5}") << 400
                                                << QByteArray("{\"field\":\"events\"}");
    QTest::newRow("duplicate events, first bad")
        << QByteArray("{\"events\":5,\"events\":[]}") << 200 << none;
    QTest::newRow("duplicate property")
        << one("\"name\":\"a\"," + ts + ",\"properties\":{\"k\":1,\"k\":2}") << 200 << accepted;
    // 'name' counts UTF-16 code units, as always: 100 emoji fit, 101 do not.
    QByteArray emoji;
    for (int i = 0; i < 100; ++i)
        emoji += "\xf0\x9f\x98\x80";
    QTest::newRow("200 units of emoji")
        << one("\"name\":\"" + emoji + "\"," + ts) << 200 << accepted;
    QTest::newRow("202 units of emoji")
        << one("\"name\":\"" + emoji + "\xf0\x9f\x98\x80\"," + ts) << 400 << field("name", 0);
    QTest::newRow("200 accented letters")
        << one("\"name\":\"" + QByteArray("\xc3\xa9").repeated(200) + "\"," + ts) << 200
        << accepted;
    QTest::newRow("escapes in name")
        << one("\"name\":\"a\\n\\u00e9\\\"\\u0000\"," + ts) << 200 << accepted;
    QTest::newRow("too deep") << one("\"name\":\"a\"," + ts + ",\"properties\":{\"a\":"
                                     + QByteArray(2000, '[') + QByteArray(2000, ']') + "}")
                              << 400 << QByteArray("{\"offset\":1097}");
    QTest::newRow("deep") << one("\"name\":\"a\"," + ts + ",\"properties\":{\"a\":"
                                 + QByteArray(100, '[') + QByteArray(100, ']') + "}")
                          << 200 << accepted;
    QTest::newRow("number out of range")
        << one("\"name\":\"a\"," + ts + ",\"properties\":{\"a\":1e400}") << 400
        << QByteArray("{\"offset\":81}");
    QTest::newRow("big integer") << one("\"name\":\"a\"," + ts
                                        + ",\"properties\":{\"b\":123456789012345678901234567890}")
                                 << 200 << accepted;
    QTest::newRow("raw control character")
        << one("\"name\":\"a\x01\"," + ts) << 400 << QByteArray();
    QTest::newRow("second event not an object")
        << QByteArray("{\"events\":[{\"name\":\"a\"," + ts + "},\"x\"]}") << 400 << field("", 1);
    QTest::newRow("second event bad")
        << QByteArray("{\"events\":[{\"name\":\"a\"," + ts + "},{\"name\":\"\"," + ts + "}]}")
        << 400 << field("name", 1);
    QTest::newRow("unknown user") << one("\"name\":\"a\"," + ts + ",\"userId\":\"u-99999999\"")
                                  << 404 << QByteArray("{\"userIds\":[\"u-99999999\"]}");
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"events\":[]}") << 200 << none;
    QTest::newRow("other fields") << QByteArray("{\"events\":[{\"name\":\"a\"," + ts
                                                + ",\"extra\":[1,{\"a\":2}]}],\"more\":1}")
                                  << 200 << accepted;
}

void TestServerApi::ingestionParsing()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, details);
    const auto storedClientEvents = [this] {
        qint64 n = 0;
        const QJsonArray users = get(QStringLiteral("/api/v1/usage/summary"))
                                     .json()[QStringLiteral("users")]
                                     .toArray();
        for (const QJsonValue &v : users)
            n += v[QStringLiteral("client")].toInteger();
        return n;
    };
    const qint64 before = storedClientEvents();
    const HttpResult r
        = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker, body);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QCOMPARE(r.json().object(), QJsonDocument::fromJson(details).object());
        QCOMPARE(storedClientEvents(), before + r.json()[QStringLiteral("accepted")].toInt());
        return;
    }
    expectError(r, status, status == 400 ? "invalid_request" : "not_found");
    const QJsonObject error = r.json()[QStringLiteral("error")].toObject();
    QCOMPARE(error.value(QStringLiteral("details")).toObject(),
             QJsonDocument::fromJson(details).object());
    QCOMPARE(storedClientEvents(), before);
}

// What is stored is what was sent, whatever a field holds: the characters that delimit rows
// and fields in PostgreSQL's COPY text format and its NULL marker (\N), quotes, text in several
// scripts, properties near the body limit, read back from the database itself. A NUL, which
// PostgreSQL text cannot hold, is stored there as U+FFFD (SQLite keeps it).
void TestServerApi::ingestionStoresFieldsAsSent()
{
    struct Sent
    {
        QString userId;
        QString name;
        QString timestamp;
        QDateTime at;
        QJsonObject properties;
    };
    QString longText;
    for (int i = 0; i < 60000; ++i)
        longText += QStringLiteral("a\u00e9\t\\\n\u65e5");
    const auto at = [](int ms) {
        return QDateTime(QDate(2026, 11, 22), QTime(16, 0, 0).addMSecs(ms), Qt::UTC);
    };
    const QList<Sent> sent {
        {u(40),
         QStringLiteral("tab\there"),
         QStringLiteral("2026-11-22T16:00:00.001Z"),
         at(1),
         {{QStringLiteral("t"), QStringLiteral("a\tb\t")}}},
        {u(41),
         QStringLiteral("new\nline\r\nand\rreturn"),
         QStringLiteral("2026-11-22T16:00:00.002Z"),
         at(2),
         {{QStringLiteral("n"), QStringLiteral("x\ny\r\n")}}},
        {u(42),
         QStringLiteral("back\\slash \\t \\n \\\\"),
         QStringLiteral("2026-11-22T17:00:00.003+01:00"),
         at(3),
         {{QStringLiteral("b"), QStringLiteral("C:\\dir\\new \\.")}}},
        {u(43),
         QStringLiteral("\\N"),
         QStringLiteral("2026-11-22T16:00:00.004Z"),
         at(4),
         {{QStringLiteral("\\N"), QStringLiteral("\\N")}, {QStringLiteral("null"), QJsonValue()}}},
        {u(44),
         QStringLiteral("\u00dcn\u00efc\u00f6d\u00e9 \u2713 \u65e5\u672c\u8a9e \U0001F600 "
                        "\u05e2\u05d1\u05e8\u05d9\u05ea"),
         QStringLiteral("2026-11-22T16:00:00.005Z"),
         at(5),
         {{QStringLiteral("\u00e9\u65e5"), QStringLiteral("\U0001F600\"quoted\" 'single' ,;|")},
          {QStringLiteral("nested"),
           QJsonObject {{QStringLiteral("a\tb"), QJsonArray {1, 2.5, true}}}}}},
        {u(45),
         QStringLiteral("a") + QChar(0) + QStringLiteral("b"),
         QStringLiteral("2026-11-22T16:00:00.006Z"),
         at(6),
         {{QStringLiteral("nul"), QStringLiteral("x") + QChar(0) + QStringLiteral("y")}}},
        {u(46),
         QStringLiteral("long"),
         QStringLiteral("2026-11-22T16:00:00.007Z"),
         at(7),
         {{QStringLiteral("long"), longText}}},
    };
    for (const Sent &e : sent) {
        const QByteArray body
            = eventsBody({QJsonObject {{QStringLiteral("name"), e.name},
                                       {QStringLiteral("timestamp"), e.timestamp},
                                       {QStringLiteral("userId"), e.userId},
                                       {QStringLiteral("properties"), e.properties}}});
        QVERIFY(body.size() > 0 && body.size() < 1024 * 1024);
        const HttpResult r
            = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[QStringLiteral("accepted")].toInt(), 1);
    }

    const bool postgres = TestDatabase::isPostgres();
    // SQLite keeps the newest events apart until its housekeeping moves them.
    const QString events = postgres
        ? QStringLiteral("usage_events")
        : QStringLiteral("(SELECT user_id, source, name, at, properties FROM usage_events UNION "
                         "ALL SELECT user_id, source, name, at, properties FROM usage_recent)");
    const QString atMs = postgres ? QStringLiteral("floor(extract(epoch from at) * 1000)::int8")
                                  : QStringLiteral("at");
    for (const Sent &e : sent) {
        const auto read = [&](const QString &column) {
            bool ok = false;
            const QVariant v = m_server.database().execute(
                QStringLiteral("SELECT %1 FROM %2 e WHERE user_id = '%3'")
                    .arg(column, events, e.userId),
                &ok);
            if (!ok)
                qWarning() << "cannot read" << column << "of" << e.userId;
            return v;
        };
        QCOMPARE(read(QStringLiteral("count(*)")).toLongLong(), qint64(1));
        QString name = e.name;
        if (postgres)
            name.replace(QChar(0), QChar::ReplacementCharacter);
        QCOMPARE(read(QStringLiteral("name")).toString(), name);
        QCOMPARE(read(QStringLiteral("source")).toString(), QStringLiteral("client"));
        const QVariant storedAt = read(atMs);
        const QDateTime stored = postgres
            ? QDateTime::fromMSecsSinceEpoch(storedAt.toLongLong(), Qt::UTC)
            : QDateTime::fromString(storedAt.toString(), Qt::ISODateWithMs);
        QCOMPARE(stored, e.at);
        const QByteArray properties = read(QStringLiteral("properties")).toString().toUtf8();
        QJsonParseError error {};
        const QJsonObject storedProperties = QJsonDocument::fromJson(properties, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QCOMPARE(storedProperties, e.properties);
    }
}

void TestServerApi::optOutHidesStoredEventsUntilPurge()
{
    QCOMPARE(storeEvents(u(33), 2), 200);
    QCOMPARE(summaryFor(u(33))[QStringLiteral("client")].toInt(), 2);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const HttpResult put
        = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(33), Admin);
    QCOMPARE(put.status, 201);
    // Hidden at once, kept for the window (7 days by default), shown as awaiting deletion.
    const QDateTime purgeAt
        = QDateTime::fromString(put.json()[QStringLiteral("purgeAt")].toString(), Qt::ISODate);
    QVERIFY(purgeAt.isValid());
    QVERIFY(purgeAt >= before.addDays(7) && purgeAt <= before.addDays(7).addSecs(60));
    QCOMPARE(entryFor(u(33))[QStringLiteral("purgeAt")].toString(),
             put.json()[QStringLiteral("purgeAt")].toString());
    QJsonObject summary = summaryFor(u(33));
    QCOMPARE(summary[QStringLiteral("client")].toInt(), 0);
    QCOMPARE(summary[QStringLiteral("server")].toInt(), 0);
    QVERIFY(summary[QStringLiteral("lastEventAt")].isNull());
    const QJsonObject awaiting = summary[QStringLiteral("awaitingDeletion")].toObject();
    QCOMPARE(awaiting[QStringLiteral("client")].toInt(), 2);
    QCOMPARE(awaiting[QStringLiteral("purgeAt")].toString(),
             put.json()[QStringLiteral("purgeAt")].toString());
    // Nothing new is stored meanwhile.
    QCOMPARE(storeEvents(u(33), 3), 200);
    QCOMPARE(
        summaryFor(u(33))[QStringLiteral("awaitingDeletion")][QStringLiteral("client")].toInt(), 2);
    // Opted back in within the window: the events are kept, and shown again.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(33), Admin).status,
             204);
    summary = summaryFor(u(33));
    QCOMPARE(summary[QStringLiteral("client")].toInt(), 2);
    QVERIFY(!summary.contains(QStringLiteral("awaitingDeletion")));
    QVERIFY(auditEntries(QStringLiteral("action=purge&userId=") + u(33)).isEmpty());
    // A user without stored events has no purgeAt.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(34), Admin)
                 .json()[QStringLiteral("purgeAt")]
                 .type(),
             QJsonValue::Null);
}

void TestServerApi::reasons()
{
    const qint64 rev = revision();
    const QString reason = QStringLiteral("GDPR request #4411 — Zoë");
    HttpResult r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(35), Admin,
                                    json({{QStringLiteral("reason"), reason}}));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json()[QStringLiteral("reason")].toString(), reason);
    QCOMPARE(entryFor(u(35))[QStringLiteral("reason")].toString(), reason);
    // Already out: the first reason stays.
    r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(35), Admin,
                         json({{QStringLiteral("reason"), QStringLiteral("another")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("reason")].toString(), reason);
    QCOMPARE(revision(), rev + 1);
    // Without a body, or without a reason: null.
    r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(36), Admin);
    QCOMPARE(r.status, 201);
    QVERIFY(r.json()[QStringLiteral("reason")].isNull());
    // A batch's reason applies to each of its opt-outs.
    r = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                         json({{QStringLiteral("optOut"), QJsonArray {u(37), u(38)}},
                               {QStringLiteral("optIn"), QJsonArray {u(36)}},
                               {QStringLiteral("reason"), QStringLiteral("Works council")}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(entryFor(u(37))[QStringLiteral("reason")].toString(), QStringLiteral("Works council"));
    QCOMPARE(entryFor(u(38))[QStringLiteral("reason")].toString(), QStringLiteral("Works council"));
    // In the audit, with the names of user and actor.
    const QJsonArray entries = auditEntries(QStringLiteral("userId=") + u(35));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0)[QStringLiteral("reason")].toString(), reason);
    QVERIFY(!entries.at(0)[QStringLiteral("user")][QStringLiteral("name")].toString().isEmpty());
    QCOMPARE(entries.at(0)[QStringLiteral("actor")][QStringLiteral("id")].toString(), AdminId);
    QVERIFY(!entries.at(0)[QStringLiteral("actor")][QStringLiteral("name")].toString().isEmpty());
    const QJsonArray batchAudit = auditEntries(QStringLiteral("userId=") + u(37));
    QCOMPARE(batchAudit.at(0)[QStringLiteral("reason")].toString(),
             QStringLiteral("Works council"));
}

void TestServerApi::reasonBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("501 characters")
        << json({{QStringLiteral("reason"), QString(501, QLatin1Char('x'))}});
    QTest::newRow("line break") << json({{QStringLiteral("reason"), QStringLiteral("a\nb")}});
    QTest::newRow("bell") << json({{QStringLiteral("reason"), QStringLiteral("a\u0007b")}});
    QTest::newRow("DEL") << json({{QStringLiteral("reason"), QStringLiteral("a\u007fb")}});
    QTest::newRow("not a string") << json({{QStringLiteral("reason"), 42}});
    QTest::newRow("delete not a bool")
        << json({{QStringLiteral("deleteStoredEvents"), QStringLiteral("yes")}});
    QTest::newRow("not JSON") << QByteArray("{reason: x");
}

void TestServerApi::reasonBadInput()
{
    QFETCH(QByteArray, body);
    QCOMPARE(storeEvents(u(39), 1), 200);
    const qint64 rev = revision();
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(39), Admin, body),
                400, "invalid_request");
    QJsonObject batch = QJsonDocument::fromJson(body).object();
    if (!batch.isEmpty()) {
        batch.insert(QStringLiteral("optOut"), QJsonArray {u(39), u(40)});
        expectError(
            m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin, json(batch)),
            400, "invalid_request");
    }
    QCOMPARE(revision(), rev);
    QVERIFY(!optedOutIds().contains(u(39)));
    QCOMPARE(summaryFor(u(39))[QStringLiteral("client")].toInt(), 1);
    // 500 characters (not UTF-16 units: these take two each) are fine.
    const QString longest = QString::fromUcs4(std::u32string(500, U'\U0001F600').c_str());
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + u(39), Admin,
                          json({{QStringLiteral("reason"), longest}}))
                 .status,
             201);
}

void TestServerApi::deleteStoredEventsNow()
{
    QCOMPARE(storeEvents(u(41), 2), 200);
    HttpResult r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(41), Admin,
                                    json({{QStringLiteral("deleteStoredEvents"), true}}));
    QCOMPARE(r.status, 201);
    QVERIFY(r.json()[QStringLiteral("purgeAt")].isNull());
    QJsonObject summary = summaryFor(u(41));
    QVERIFY(!summary.contains(QStringLiteral("awaitingDeletion")));
    QJsonArray purges = auditEntries(QStringLiteral("action=purge&userId=") + u(41));
    QCOMPARE(purges.size(), 1);
    QCOMPARE(purges.at(0)[QStringLiteral("count")].toInt(), 2);
    // Asked for by an administrator: recorded as theirs, not the service's.
    const QString adminId
        = get(QStringLiteral("/api/v1/me")).json()[QStringLiteral("id")].toString();
    QVERIFY(!adminId.isEmpty());
    QCOMPARE(purges.at(0)[QStringLiteral("actor")][QStringLiteral("id")].toString(), adminId);
    QCOMPARE(purges.at(0)[QStringLiteral("source")].toString(), QStringLiteral("request"));
    QCOMPARE(auditEntries(QStringLiteral("action=opt_out&userId=") + u(41))
                 .at(0)[QStringLiteral("source")]
                 .toString(),
             QStringLiteral("request"));
    // Opting in again brings nothing back.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(41), Admin).status,
             204);
    QCOMPARE(summaryFor(u(41))[QStringLiteral("client")].toInt(), 0);

    // On a user already out, whose events wait for the window: deleted now.
    QCOMPARE(storeEvents(u(42), 3), 200);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(42), Admin).status,
             201);
    QVERIFY(!entryFor(u(42))[QStringLiteral("purgeAt")].isNull());
    const qint64 rev = revision();
    r = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(42), Admin,
                         json({{QStringLiteral("deleteStoredEvents"), true}}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json()[QStringLiteral("purgeAt")].isNull());
    QCOMPARE(revision(), rev + 1);
    QVERIFY(entryFor(u(42))[QStringLiteral("purgeAt")].isNull());
    QVERIFY(!summaryFor(u(42)).contains(QStringLiteral("awaitingDeletion")));
    purges = auditEntries(QStringLiteral("action=purge&userId=") + u(42));
    QCOMPARE(purges.size(), 1);
    QCOMPARE(purges.at(0)[QStringLiteral("count")].toInt(), 3);
    QCOMPARE(purges.at(0)[QStringLiteral("actor")][QStringLiteral("id")].toString(), adminId);
    QCOMPARE(purges.at(0)[QStringLiteral("source")].toString(), QStringLiteral("request"));
    // The administrator's filter finds it.
    QCOMPARE(auditEntries(QStringLiteral("action=purge&actorId=") + adminId
                          + QStringLiteral("&userId=") + u(42))
                 .size(),
             1);
    // In a batch too.
    QCOMPARE(storeEvents(u(43), 1), 200);
    r = m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                         json({{QStringLiteral("optOut"), QJsonArray {u(43)}},
                               {QStringLiteral("deleteStoredEvents"), true}}));
    QCOMPARE(r.status, 200);
    purges = auditEntries(QStringLiteral("action=purge&userId=") + u(43));
    QCOMPARE(purges.size(), 1);
    QCOMPARE(purges.at(0)[QStringLiteral("actor")][QStringLiteral("id")].toString(), adminId);
    QCOMPARE(purges.at(0)[QStringLiteral("source")].toString(), QStringLiteral("request"));
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(43), Admin).status,
             204);
    QCOMPARE(summaryFor(u(43))[QStringLiteral("client")].toInt(), 0);
}

void TestServerApi::purgeRunsOnTime()
{
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--purge-after"), QStringLiteral("2s")}));
    QCOMPARE(get(QStringLiteral("/api/v1/me"))
                 .json()[QStringLiteral("org")][QStringLiteral("purgeAfterSeconds")]
                 .toInt(),
             2);
    QCOMPARE(storeEvents(u(44), 4), 200);
    QCOMPARE(storeEvents(u(45), 1), 200);
    const HttpResult put
        = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(44), Admin);
    QCOMPARE(put.status, 201);
    QVERIFY(!put.json()[QStringLiteral("purgeAt")].isNull());
    QCOMPARE(
        summaryFor(u(44))[QStringLiteral("awaitingDeletion")][QStringLiteral("client")].toInt(), 4);
    // Opted out and back in within the window: kept.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(45), Admin).status,
             201);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(45), Admin).status,
             204);
    // Deleted by the service once purgeAt has come (2 s, checked every 0.5 s).
    QTRY_VERIFY_WITH_TIMEOUT(!summaryFor(u(44)).contains(QStringLiteral("awaitingDeletion")), 8000);
    const QJsonArray purges = auditEntries(QStringLiteral("action=purge&userId=") + u(44));
    QCOMPARE(purges.size(), 1);
    QCOMPARE(purges.at(0)[QStringLiteral("count")].toInt(), 4);
    // The retention window's work: the service's own, no administrator.
    QVERIFY(purges.at(0)[QStringLiteral("actor")].isNull());
    QCOMPARE(purges.at(0)[QStringLiteral("source")].toString(), QStringLiteral("retention"));
    QTRY_VERIFY_WITH_TIMEOUT(entryFor(u(44))[QStringLiteral("purgeAt")].isNull(), 5000);
    QCOMPARE(summaryFor(u(44))[QStringLiteral("client")].toInt(), 0);
    QCOMPARE(summaryFor(u(45))[QStringLiteral("client")].toInt(), 1);
    QVERIFY(auditEntries(QStringLiteral("action=purge&userId=") + u(45)).isEmpty());
    // Opting the purged user back in brings nothing back.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(44), Admin).status,
             204);
    QVERIFY(summaryFor(u(44)).isEmpty());
}

void TestServerApi::purgeOverdueAtStart()
{
    QCOMPARE(storeEvents(u(46), 2), 200);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--purge-after"), QStringLiteral("1s")}));
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(46), Admin).status,
             201);
    // Stopped at once; started again after purgeAt with a long window: the overdue purge runs
    // at start.
    m_server.stop();
    QTest::qWait(1500);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--purge-after"), QStringLiteral("7d")}));
    QTRY_COMPARE_WITH_TIMEOUT(auditEntries(QStringLiteral("action=purge&userId=") + u(46)).size(),
                              1, 5000);
    QVERIFY(!summaryFor(u(46)).contains(QStringLiteral("awaitingDeletion")));
}

void TestServerApi::purgeAfterZeroDeletesAtOnce()
{
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--purge-after"), QStringLiteral("0")}));
    QCOMPARE(storeEvents(u(47), 2), 200);
    const HttpResult put
        = m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(47), Admin);
    QCOMPARE(put.status, 201);
    QVERIFY(put.json()[QStringLiteral("purgeAt")].isNull());
    QVERIFY(!summaryFor(u(47)).contains(QStringLiteral("awaitingDeletion")));
    QCOMPARE(auditEntries(QStringLiteral("action=purge&userId=") + u(47)).size(), 1);
}

void TestServerApi::purgeAfterMustBeADuration()
{
    m_server.stop();
    for (const char *bad : {"7", "7x", "-1d", "d", "1.5h", "99999999999d", ""}) {
        QVERIFY2(m_server.runOnce({QStringLiteral("--purge-after"), QString::fromLatin1(bad)}) != 0,
                 bad);
        QVERIFY2(m_server.output().contains("--purge-after takes a duration"),
                 m_server.output().constData());
    }
}

void TestServerApi::auditFilters()
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addMSecs(-1);
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + u(50), Admin,
                          json({{QStringLiteral("reason"), QStringLiteral("first")}}))
                 .status,
             201);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(51), Admin).status,
             201);
    QTest::qWait(20);
    const QDateTime middle = QDateTime::currentDateTimeUtc();
    QTest::qWait(20);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + u(50), Admin).status,
             204);
    QCOMPARE(storeEvents(u(52), 1), 200);
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + u(52), Admin,
                          json({{QStringLiteral("deleteStoredEvents"), true}}))
                 .status,
             201);
    const auto actions = [](const QJsonArray &entries) {
        QStringList list;
        for (const QJsonValue &e : entries)
            list.append(e[QStringLiteral("action")].toString() + QLatin1Char(':')
                        + e[QStringLiteral("user")][QStringLiteral("id")].toString());
        return list;
    };
    QCOMPARE(actions(auditEntries(QStringLiteral("userId=") + u(50))),
             QStringList({QStringLiteral("opt_in:") + u(50), QStringLiteral("opt_out:") + u(50)}));
    const QString since = QStringLiteral("since=") + start.toString(Qt::ISODateWithMs);
    QCOMPARE(actions(auditEntries(since + QStringLiteral("&action=opt_out"))),
             QStringList({QStringLiteral("opt_out:") + u(52), QStringLiteral("opt_out:") + u(51),
                          QStringLiteral("opt_out:") + u(50)}));
    QCOMPARE(actions(auditEntries(since + QStringLiteral("&action=purge"))),
             QStringList({QStringLiteral("purge:") + u(52)}));
    QCOMPARE(actions(auditEntries(since + QStringLiteral("&until=")
                                  + middle.toString(Qt::ISODateWithMs))),
             QStringList({QStringLiteral("opt_out:") + u(51), QStringLiteral("opt_out:") + u(50)}));
    QCOMPARE(
        actions(auditEntries(QStringLiteral("since=") + middle.toString(Qt::ISODateWithMs)
                             + QStringLiteral("&actorId=") + AdminId)),
        // The deletion the administrator asked for is theirs too (docs/api.md, the audit's source).
        QStringList({QStringLiteral("purge:") + u(52), QStringLiteral("opt_out:") + u(52),
                     QStringLiteral("opt_in:") + u(50)}));
    // Since is inclusive, until exclusive: an entry's own time.
    const QJsonArray one = auditEntries(QStringLiteral("userId=") + u(51));
    const QString at = one.at(0)[QStringLiteral("at")].toString();
    QCOMPARE(
        auditEntries(QStringLiteral("userId=") + u(51) + QStringLiteral("&since=") + at).size(), 1);
    const QDateTime atTime = QDateTime::fromString(at, Qt::ISODate);
    QCOMPARE(auditEntries(QStringLiteral("userId=") + u(51) + QStringLiteral("&until=")
                          + atTime.addSecs(-1).toString(Qt::ISODate))
                 .size(),
             0);
    // Another organisation's actor finds nothing here; the filters combine with paging.
    QVERIFY(auditEntries(QStringLiteral("actorId=u-999")).isEmpty());
    QStringList paged;
    QString cursor;
    for (int guard = 0; guard < 20; ++guard) {
        const HttpResult r
            = get(QStringLiteral("/api/v1/audit?limit=1&action=opt_out&") + since
                  + (cursor.isEmpty() ? QString() : QStringLiteral("&before=") + cursor));
        QCOMPARE(r.status, 200);
        paged += actions(r.json()[QStringLiteral("entries")].toArray());
        if (r.json()[QStringLiteral("next")].isNull())
            break;
        cursor = r.json()[QStringLiteral("next")].toString();
    }
    QCOMPARE(paged, actions(auditEntries(since + QStringLiteral("&action=opt_out"))));
}

void TestServerApi::auditBadFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("unknown action") << QStringLiteral("action=delete");
    QTest::newRow("action case") << QStringLiteral("action=OPT_OUT");
    QTest::newRow("since malformed") << QStringLiteral("since=yesterday");
    QTest::newRow("until malformed") << QStringLiteral("until=2026-13-01T00:00:00Z");
    QTest::newRow("no zone") << QStringLiteral("since=2026-11-22T16:00:00");
    QTest::newRow("date only") << QStringLiteral("since=2026-11-22");
    QTest::newRow("since after until")
        << QStringLiteral("since=2026-11-23T00:00:00Z&until=2026-11-22T00:00:00Z");
    QTest::newRow("empty user") << QStringLiteral("userId=");
    QTest::newRow("empty actor") << QStringLiteral("actorId=");
}

void TestServerApi::auditBadFilters()
{
    QFETCH(QString, query);
    expectError(get(QStringLiteral("/api/v1/audit?") + query), 400, "invalid_request");
}

void TestServerApi::serverSideEvents()
{
    // Each authenticated request of a user who is in is recorded server-side (distinct reads:
    // an identical one within ten minutes is not).
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get(QStringLiteral("/api/v1/me?n=%1").arg(i), PlainUser).status, 200);
    const int before = summaryFor(PlainUserId)[QStringLiteral("server")].toInt();
    QVERIFY(before >= 3);
    QVERIFY(summaryFor(AdminId)[QStringLiteral("server")].toInt() > 0);
    // Once out: the stored ones are gone and no new ones come.
    QCOMPARE(
        m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + PlainUserId, Admin).status,
        201);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    const QJsonObject out = summaryFor(PlainUserId);
    QCOMPARE(out[QStringLiteral("server")].toInt(), 0);
    QCOMPARE(out[QStringLiteral("client")].toInt(), 0);
}

void TestServerApi::pollingRecordsNothing()
{
    const auto serverCount = [this] {
        return summaryFor(AdminId)[QStringLiteral("server")].toInt();
    };
    // The window's first reads are recorded.
    HttpResult r = get(QStringLiteral("/api/v1/optouts"));
    QCOMPARE(r.status, 200);
    const QByteArray etag = r.header("ETag");
    QCOMPARE(get(QStringLiteral("/api/v1/users")).status, 200);
    serverCount(); // the summary's own first read is recorded, its repeats are not
    const int before = serverCount();
    // Then it polls, as the app does: 304s, HEADs and identical reads record nothing.
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(get(QStringLiteral("/api/v1/optouts"), Admin, {{"If-None-Match", etag}}).status,
                 304);
        QCOMPARE(m_server.request("HEAD", QStringLiteral("/api/v1/optouts"), Admin).status, 200);
        QCOMPARE(get(QStringLiteral("/api/v1/users")).status, 200);
        QCOMPARE(get(QStringLiteral("/api/v1/optouts")).status, 200);
    }
    QCOMPARE(serverCount(), before);
    // A change is recorded, and so is a different read.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(53), Admin).status,
             201);
    QCOMPARE(get(QStringLiteral("/api/v1/users?page=1")).status, 200);
    QCOMPARE(serverCount(), before + 2);
}

void TestServerApi::readWindowExpires()
{
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--read-event-window-ms"), QStringLiteral("400")}));
    const auto plainCount = [this] {
        return summaryFor(PlainUserId)[QStringLiteral("server")].toInt();
    };
    const int before = plainCount();
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    QCOMPARE(plainCount(), before + 1);
    QTest::qWait(600);
    QCOMPARE(get(QStringLiteral("/api/v1/me"), PlainUser).status, 200);
    QCOMPARE(plainCount(), before + 2);
}

void TestServerApi::concurrentWriters()
{
    // Several connections at once: each change is applied once, the revision counts them all.
    const qint64 rev = revision();
    QNetworkAccessManager nams[4];
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 24; ++i) {
        QUrl url = m_server.baseUrl();
        url.setPath(QStringLiteral("/api/v1/optouts/") + u(34 + i));
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", "Bearer " + Admin);
        replies.append(nams[i % 4].put(req, QByteArray()));
    }
    for (QNetworkReply *reply : std::as_const(replies)) {
        if (!reply->isFinished())
            QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        reply->deleteLater();
    }
    QCOMPARE(revision(), rev + 24);
    const QSet<QString> out = optedOutIds();
    for (int i = 0; i < 24; ++i)
        QVERIFY(out.contains(u(34 + i)));
}

void TestServerApi::survivesRestart()
{
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(40), Admin).status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          eventsBody({eventFor(u(41))}))
                 .status,
             200);
    const QByteArray optOuts = get(QStringLiteral("/api/v1/optouts")).body;
    const QByteArray audit = get(QStringLiteral("/api/v1/audit")).body;
    QVERIFY(m_server.restart());
    QCOMPARE(get(QStringLiteral("/api/v1/optouts")).body, optOuts);
    QCOMPARE(get(QStringLiteral("/api/v1/audit")).body, audit);
    QCOMPARE(summaryFor(u(41))[QStringLiteral("client")].toInt(), 1);
    QVERIFY(m_server.output().contains("100 users")); // demo data is not added twice
}

void TestServerApi::refusesNewerSchema()
{
    m_server.stop();
    QVERIFY(m_server.database().setSchemaVersion(99));
    QCOMPARE(m_server.runOnce({QStringLiteral("--demo")}), 1);
    QVERIFY(m_server.output().contains("newer optout-server"));
}

// A write lock held elsewhere (another process, a long transaction) stalls no read: /healthz
// and what the caches answer come at once; the write waits, then answers 503 with Retry-After,
// or, if the lock goes first, succeeds. Nothing is half done.
void TestServerApi::lockedDatabaseStallsNoRead()
{
    const qint64 rev = revision();
    QVERIFY(m_server.database().holdWriteLock());
    QNetworkAccessManager nam;
    QUrl url = m_server.baseUrl();
    url.setPath(QStringLiteral("/api/v1/optouts/") + u(10));
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + Admin);
    req.setTransferTimeout(30000);
    QNetworkReply *put = nam.put(req, QByteArray());
    QTest::qWait(300); // the write is now waiting for the lock

    // Each read is answered while the write still waits: none of them waited for the lock
    // (the previous server answered /healthz only after the write gave up, 9.8 s later).
    for (const auto &[path, token] : {qMakePair(QStringLiteral("/healthz"), QByteArray()),
                                      qMakePair(QStringLiteral("/api/v1/optouts"), Admin),
                                      qMakePair(QStringLiteral("/api/v1/me"), PlainUser),
                                      qMakePair(QStringLiteral("/api/v1/users"), Admin)}) {
        QCOMPARE(get(path, token).status, 200);
        QVERIFY2(!put->isFinished(), qPrintable(path));
    }

    // Held longer than the server waits for a lock: 503, nothing changed.
    const bool answered = QTest::qWaitFor([put] { return put->isFinished(); }, 8000);
    if (answered) {
        QCOMPARE(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
        QVERIFY(!put->rawHeader("Retry-After").isEmpty());
        QCOMPARE(QJsonDocument::fromJson(put->readAll())
                     .object()[QStringLiteral("error")][QStringLiteral("code")]
                     .toString(),
                 QStringLiteral("unavailable"));
        m_server.database().releaseLock();
        QCOMPARE(revision(), rev);
        QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(10), Admin).status,
                 201);
    } else {
        // A back end that waits for the lock: the write goes through once it is released.
        m_server.database().releaseLock();
        QVERIFY(QTest::qWaitFor([put] { return put->isFinished(); }, 15000));
        QCOMPARE(put->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
    }
    put->deleteLater();
    QCOMPARE(revision(), rev + 1);
}

// Requests sent back to back on one connection are answered in their order, though the first
// waits for the store and the second does not.
void TestServerApi::pipelinedAnswersInOrder()
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_server.baseUrl().port()));
    QVERIFY(socket.waitForConnected(5000));
    const QByteArray events = eventsBody({eventFor(u(30))});
    socket.write("POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + Tracker
                 + "\r\nContent-Type: application/json\r\nContent-Length: "
                 + QByteArray::number(events.size()) + "\r\n\r\n" + events
                 + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 200") >= 2 && received.endsWith('}');
        },
        10000));
    const int ingest = int(received.indexOf("\"accepted\":1"));
    const int health = int(received.indexOf("\"status\":\"ok\""));
    QVERIFY2(ingest > 0 && health > ingest, received.constData());
}

// Without its storage the service refuses what needs it (503, Retry-After) and stores nothing
// it could not check; /healthz says so; it recovers by itself.
void TestServerApi::failsClosedWithoutStorage()
{
    QCOMPARE(get(QStringLiteral("/healthz"), {}).status, 200);
    QVERIFY(m_server.database().makeUnreachable());
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/healthz"), {}).status, 503, 10000);
    const HttpResult health = get(QStringLiteral("/healthz"), {});
    QCOMPARE(health.json()[QStringLiteral("status")].toString(), QStringLiteral("unavailable"));
    QCOMPARE(health.json()[QStringLiteral("storage")].toString(), TestDatabase::backendName());

    const HttpResult events = m_server.request("POST", QStringLiteral("/api/v1/usage/events"),
                                               Tracker, eventsBody({eventFor(u(20))}));
    expectError(events, 503, "unavailable");
    QVERIFY(!events.header("Retry-After").isEmpty());
    expectError(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(21), Admin), 503,
                "unavailable");
    expectError(get(QStringLiteral("/api/v1/me"), PlainUser), 503, "unavailable");
    expectError(get(QStringLiteral("/api/v1/optouts")), 503, "unavailable");

    QVERIFY(m_server.database().makeReachable());
    QTRY_COMPARE_WITH_TIMEOUT(get(QStringLiteral("/healthz"), {}).status, 200, 20000);
    QCOMPARE(summaryFor(u(20))[QStringLiteral("client")].toInt(), 0);
    QVERIFY(!optedOutIds().contains(u(21)));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          eventsBody({eventFor(u(20))}))
                 .json()[QStringLiteral("accepted")]
                 .toInt(),
             1);
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_server.moc"

// A file of schema 1 (before the revocation index and the change sequence) is brought to the
// current schema, data kept.
void TestServerApi::migratesAnOlderSchema()
{
    if (TestDatabase::isPostgres())
        QSKIP("SQLite files of older schemas; PostgreSQL migrations: tst_postgresstore");
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(5), Admin).status, 201);
    const QSet<QString> before = optedOutIds();
    m_server.stop();
    const auto schema = [this](const QString &sql) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("m"));
        db.setDatabaseName(m_server.databasePath());
        QVariant result;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                result = q.value(0);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("m"));
        return result;
    };
    QCOMPARE(schema(QStringLiteral("PRAGMA user_version")).toInt(), 11);
    // Back to schema 1: without the groups' member counts (11), the tokens' last use (10), groups
    // and rules (9), the enforcement
    // counters and time zone (8), signing in with an identity provider (7), reasons and retention
    // (6), directory sync's columns (5), the recent events' table (4), the change sequence (3) and
    // the revocation index (2).
    for (const char *sql : {"ALTER TABLE tokens DROP COLUMN last_used_at",
                            "DROP TABLE group_members",
                            "DROP TABLE groups",
                            "DROP TABLE optout_rules",
                            "ALTER TABLE optouts DROP COLUMN individual",
                            "ALTER TABLE optouts DROP COLUMN rule_ids",
                            "ALTER TABLE audit DROP COLUMN request_id",
                            "ALTER TABLE audit DROP COLUMN detail",
                            "DROP TABLE enforcement_counts",
                            "DROP TABLE enforcement_origin",
                            "ALTER TABLE orgs DROP COLUMN time_zone",
                            "DROP TABLE oidc_domains",
                            "DROP TABLE oidc_configs",
                            "ALTER TABLE tokens DROP COLUMN expires_at",
                            "DROP INDEX audit_by_time",
                            "DROP INDEX audit_by_user",
                            "DROP INDEX audit_by_actor",
                            "DROP INDEX audit_by_action",
                            "DROP INDEX optouts_by_purge",
                            "ALTER TABLE optouts DROP COLUMN reason",
                            "ALTER TABLE optouts DROP COLUMN purge_at",
                            "ALTER TABLE audit DROP COLUMN reason",
                            "ALTER TABLE audit DROP COLUMN count",
                            "DROP INDEX users_by_lower_email",
                            "DROP INDEX users_by_number",
                            "ALTER TABLE users DROP COLUMN active",
                            "ALTER TABLE users DROP COLUMN deleted",
                            "ALTER TABLE users DROP COLUMN external_id",
                            "DROP TABLE usage_recent",
                            "DROP INDEX users_by_change",
                            "DROP INDEX tokens_by_change",
                            "DROP INDEX optouts_by_org",
                            "DROP INDEX optouts_by_seq",
                            "DROP TABLE meta",
                            "ALTER TABLE orgs DROP COLUMN change_seq",
                            "ALTER TABLE users DROP COLUMN change_seq",
                            "ALTER TABLE tokens DROP COLUMN change_seq",
                            "DROP INDEX tokens_by_revocation",
                            "PRAGMA user_version = 1"})
        schema(QString::fromLatin1(sql));
    QCOMPARE(schema(QStringLiteral("PRAGMA user_version")).toInt(), 1);
    QCOMPARE(schema(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = "
                                   "'change_seq'"))
                 .toInt(),
             0);

    QVERIFY(m_server.restart());
    QVERIFY(m_server.output().contains("database migrated to schema 2"));
    QVERIFY(m_server.output().contains("database migrated to schema 3"));
    QVERIFY(m_server.output().contains("database migrated to schema 4"));
    QVERIFY(m_server.output().contains("database migrated to schema 6"));
    QVERIFY(m_server.output().contains("database migrated to schema 8"));
    QVERIFY(m_server.output().contains("database migrated to schema 10"));
    QVERIFY(m_server.output().contains("database migrated to schema 11"));
    QCOMPARE(optedOutIds(), before);
    // The users of before directory sync are all in the directory, and tokens still work.
    QCOMPARE(get(QStringLiteral("/api/v1/users")).json().object()[QStringLiteral("total")].toInt(),
             100);
    // The migrated file serves changes as a new one does: an opt-out, then another server's.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + u(6), Admin).status, 201);
    m_server.stop();
    QCOMPARE(schema(QStringLiteral("PRAGMA user_version")).toInt(), 11);
    QCOMPARE(schema(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                                   "('oidc_configs', 'oidc_domains')"))
                 .toInt(),
             2);
    QCOMPARE(
        schema(QStringLiteral("SELECT COUNT(*) FROM tokens WHERE expires_at IS NOT NULL")).toInt(),
        0);
    QCOMPARE(schema(QStringLiteral("SELECT COUNT(*) FROM users WHERE active = 1 AND deleted = 0"))
                 .toInt(),
             schema(QStringLiteral("SELECT COUNT(*) FROM users")).toInt());
    QCOMPARE(schema(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                   "'tokens_by_revocation'"))
                 .toInt(),
             1);
    QCOMPARE(schema(QStringLiteral("SELECT change_seq FROM meta")).toInt(), 1);
}

void TestServerApi::migratesTodaysRelease_data()
{
    QTest::addColumn<int>("release");
    QTest::newRow("schema 3") << 3;
    // With the recent events' table, u-3's event not yet moved into usage_events.
    QTest::newRow("schema 4") << 4;
}

// A file as a release (schema 3, or 4 with usage_recent) leaves it, made with that release's DDL
// and rows as it writes them: the server migrates it to reasons and retention (5), and
// everything stays.
void TestServerApi::migratesTodaysRelease()
{
    QFETCH(int, release);
    if (TestDatabase::isPostgres())
        QSKIP("SQLite files; PostgreSQL's schema 2 -> 3: tst_postgresstore");
    m_server.stop();
    const QString path = m_server.databasePath();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("release"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        const char *const releaseDdl[] = {
            // Schema 1
            "CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, product_name TEXT NOT "
            "NULL, revision INTEGER NOT NULL DEFAULT 0, users_revision INTEGER NOT NULL DEFAULT "
            "0, created_at TEXT NOT NULL)",
            "CREATE TABLE users (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id), "
            "email TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL, created_at TEXT NOT "
            "NULL, UNIQUE (org_id, email))",
            "CREATE TABLE tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES "
            "users(id), demo INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, revoked_at "
            "TEXT)",
            "CREATE TABLE optouts (user_id TEXT PRIMARY KEY REFERENCES users(id), org_id TEXT NOT "
            "NULL REFERENCES orgs(id), opted_out_at TEXT NOT NULL, opted_out_by TEXT NOT NULL "
            "REFERENCES users(id), seq INTEGER NOT NULL)",
            "CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT NOT NULL, at "
            "TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('opt_out', 'opt_in')), "
            "actor_id TEXT NOT NULL, user_id TEXT NOT NULL)",
            "CREATE INDEX audit_by_org ON audit (org_id, id)",
            "CREATE TABLE usage_events (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, user_id "
            "TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('client', 'server')), name "
            "TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL, properties TEXT)",
            "CREATE INDEX usage_by_user ON usage_events (org_id, user_id)",
            // Schema 2
            "CREATE INDEX tokens_by_revocation ON tokens (revoked_at)",
            // Schema 3
            "CREATE TABLE meta (change_seq INTEGER NOT NULL)",
            "INSERT INTO meta (change_seq) VALUES (3)",
            "ALTER TABLE orgs ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE tokens ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX users_by_change ON users (change_seq)",
            "CREATE INDEX tokens_by_change ON tokens (change_seq)",
            "CREATE INDEX optouts_by_org ON optouts (org_id)",
            "CREATE INDEX optouts_by_seq ON optouts (seq)",
            "PRAGMA user_version = 3",
            // Data as the release writes it.
            "INSERT INTO orgs VALUES ('o-1', 'Old Org', 'P', 2, 1, '2026-11-01T10:00:00.000Z', 1)",
            "INSERT INTO users VALUES ('u-1', 'o-1', 'admin@example.com', 'Ada Admin', "
            "'product_admin', '2026-11-01T10:00:00.000Z', 1), ('u-2', 'o-1', 'bo@example.com', "
            "'Bo', 'user', '2026-11-01T10:00:00.000Z', 1), ('u-3', 'o-1', 'cy@example.com', "
            "'Cy', 'user', '2026-11-01T10:00:00.000Z', 1)",
            "INSERT INTO tokens VALUES ('6b6e2b8c26c2ac2c4c3ebb0b9d6b5dd5d3b66e30d2ad6f7a1b0fe43b"
            "e3a9c1f7', 'u-1', 1, '2026-11-01T10:00:00.000Z', NULL, 1)",
            "INSERT INTO optouts VALUES ('u-2', 'o-1', '2026-11-02T10:00:00.000Z', 'u-1', 2)",
            "INSERT INTO audit (org_id, at, action, actor_id, user_id) VALUES ('o-1', "
            "'2026-11-02T09:00:00.000Z', 'opt_out', 'u-1', 'u-3'), ('o-1', "
            "'2026-11-02T09:30:00.000Z', 'opt_in', 'u-1', 'u-3'), ('o-1', "
            "'2026-11-02T10:00:00.000Z', 'opt_out', 'u-1', 'u-2')",
        };
        for (const char *sql : releaseDdl)
            QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
        if (release >= 4) {
            for (const char *sql :
                 {"CREATE TABLE usage_recent (org_id TEXT NOT NULL, user_id TEXT NOT NULL, source "
                  "TEXT NOT NULL CHECK (source IN ('client', 'server')), name TEXT NOT NULL, at "
                  "TEXT NOT NULL, received_at TEXT NOT NULL, properties TEXT)",
                  "PRAGMA user_version = 4"})
                QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
        }
        const QString events
            = release >= 4 ? QStringLiteral("usage_recent") : QStringLiteral("usage_events");
        QVERIFY(q.exec(QStringLiteral("INSERT INTO %1 (org_id, user_id, source, name, at, "
                                      "received_at) VALUES ('o-1', 'u-3', 'client', 'x', "
                                      "'2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00.000Z')")
                           .arg(events)));
        // The demo administrator's token, as --demo issues it.
        q.prepare(QStringLiteral("UPDATE tokens SET hash = ?"));
        q.addBindValue(QString::fromLatin1(
            QCryptographicHash::hash(Admin, QCryptographicHash::Sha256).toHex()));
        QVERIFY(q.exec());
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("release"));

    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    QCOMPARE(m_server.output().contains("database migrated to schema 4"), release < 4);
    QVERIFY(m_server.output().contains("database migrated to schema 6"));
    // The data is all there, with the new fields empty.
    const QJsonObject entry = entryFor(QStringLiteral("u-2"));
    QCOMPARE(entry[QStringLiteral("optedOutAt")].toString(),
             QStringLiteral("2026-11-02T10:00:00Z"));
    QVERIFY(entry[QStringLiteral("reason")].isNull());
    QVERIFY(entry[QStringLiteral("purgeAt")].isNull());
    QCOMPARE(revision(), 2);
    QJsonArray audit = auditEntries(QString());
    QCOMPARE(audit.size(), 3);
    QCOMPARE(audit.at(0)[QStringLiteral("id")].toString(), QStringLiteral("a-3"));
    QCOMPARE(audit.at(0)[QStringLiteral("user")][QStringLiteral("name")].toString(),
             QStringLiteral("Bo"));
    QCOMPARE(audit.at(2)[QStringLiteral("actor")][QStringLiteral("name")].toString(),
             QStringLiteral("Ada Admin"));
    QCOMPARE(auditEntries(QStringLiteral("userId=u-3")).size(), 2);
    QCOMPARE(summaryFor(QStringLiteral("u-3"))[QStringLiteral("client")].toInt(), 1);
    // New entries follow: ids continue, reasons and retention work on the migrated file.
    const HttpResult put
        = m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-3"), Admin,
                           json({{QStringLiteral("reason"), QStringLiteral("r")}}));
    QCOMPARE(put.status, 201);
    QVERIFY(!put.json()[QStringLiteral("purgeAt")].isNull());
    audit = auditEntries(QString());
    QCOMPARE(audit.at(0)[QStringLiteral("id")].toString(), QStringLiteral("a-4"));
    QCOMPARE(audit.at(0)[QStringLiteral("reason")].toString(), QStringLiteral("r"));
    QCOMPARE(summaryFor(QStringLiteral(
                 "u-3"))[QStringLiteral("awaitingDeletion")][QStringLiteral("client")]
                 .toInt(),
             1);
    QVERIFY(m_server
                .request("PUT", QStringLiteral("/api/v1/optouts/u-3"), Admin,
                         json({{QStringLiteral("deleteStoredEvents"), true}}))
                .status
            == 200);
    QCOMPARE(auditEntries(QStringLiteral("action=purge")).size(), 1);
}

// Organisations, users and tokens set up from the command line, then used over HTTP.
void TestServerApi::provisioning()
{
    m_server.stop();
    QCOMPARE(m_server.runOnce({QStringLiteral("--create-org"), QStringLiteral("Acme Corp"),
                               QStringLiteral("--admin-email"), QStringLiteral("boss@acme.test"),
                               QStringLiteral("--admin-name"), QStringLiteral("Bea Boss")}),
             0);
    const auto tokenIn = [this](const QString &email) {
        const QRegularExpression re(QStringLiteral("Token of %1.*shown only now: (\\S+)")
                                        .arg(QRegularExpression::escape(email)));
        QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(m_server.output()));
        QString token;
        while (it.hasNext())
            token = it.next().captured(1);
        return token.toUtf8();
    };
    const QByteArray boss = tokenIn(QStringLiteral("boss@acme.test"));
    QVERIFY(boss.size() >= 40);
    const QString orgId
        = QRegularExpression(QStringLiteral("Organisation (o-\\d+) \"Acme Corp\" created"))
              .match(QString::fromUtf8(m_server.output()))
              .captured(1);
    QVERIFY(!orgId.isEmpty());

    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("users.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nann@acme.test,\"Ann, the first\",user\n"
              "svc@acme.test,Collector,tracking_service\nzoe@acme.test,Zo\xc3\xab \xc3\x98rsted\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), orgId}),
             0);
    // All or none: a second import of the same people changes nothing.
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), orgId}),
             1);
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("svc@acme.test"),
                               QStringLiteral("--org"), orgId}),
             0);
    const QByteArray service = tokenIn(QStringLiteral("svc@acme.test"));
    QVERIFY(!service.isEmpty());
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("nobody@acme.test"),
                               QStringLiteral("--org"), orgId}),
             1);

    // Without --demo: the issued tokens work, the demo's do not.
    QVERIFY(m_server.restart({QStringLiteral("--quiet")}));
    const QJsonObject me = get(QStringLiteral("/api/v1/me"), boss).json().object();
    QCOMPARE(me[QStringLiteral("name")].toString(), QStringLiteral("Bea Boss"));
    QCOMPARE(me[QStringLiteral("roles")].toArray(), QJsonArray {QStringLiteral("product_admin")});
    QCOMPARE(me[QStringLiteral("org")][QStringLiteral("name")].toString(),
             QStringLiteral("Acme Corp"));
    const QJsonObject users = get(QStringLiteral("/api/v1/users"), boss).json().object();
    QCOMPARE(users[QStringLiteral("total")].toInt(), 4);
    QString annId;
    for (const QJsonValue &u : users[QStringLiteral("users")].toArray()) {
        if (u[QStringLiteral("email")].toString() == QLatin1String("ann@acme.test")) {
            annId = u[QStringLiteral("id")].toString();
            QCOMPARE(u[QStringLiteral("name")].toString(), QStringLiteral("Ann, the first"));
        }
    }
    QVERIFY(!annId.isEmpty());
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), service,
                          eventsBody({eventFor(annId)}))
                 .json()[QStringLiteral("accepted")]
                 .toInt(),
             1);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + annId, boss).status, 201);
    expectError(get(QStringLiteral("/api/v1/me"), Admin), 401, "unauthenticated");
}
