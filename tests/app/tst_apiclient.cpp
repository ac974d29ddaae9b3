// ApiClient against the real optout-server on loopback.
#include "apiclient.h"
#include "apitestutil.h"
#include "jsoncodec.h"
#include "testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace std::placeholders;

class TestApiClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void me();
    void usersPages();
    void usersNotModified();
    void optOutsAndNotModified();
    void putAndDeleteOptOut();
    void batch();
    void batchWithUnknownIdFailsWhole();
    void unknownUserIs404();
    void badTokenIs401();
    void plainUserIs403();
    void otherOrgUserIs404();
    void auditAndUsage();
    void enforcementCountsWhatWasSent();
    void enforcementRefusesBadPeriod();
    void optOutRulesOrNotFound();
    void auditBodyIsTheUndecodedPage();
    void transferTimeoutIsSet();

private:
    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
};

void TestApiClient::initTestCase()
{
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("50")}));
}

void TestApiClient::init()
{
    m_api = std::make_unique<ApiClient>(&m_network);
    m_api->setBaseUrl(m_server.baseUrl());
    m_api->setToken("demo-admin");
}

void TestApiClient::me()
{
    const auto result
        = waitFor<Me>([this](QObject *c, ApiCallback<Me> done) { m_api->fetchMe(c, done); });
    QVERIFY(result && result->ok());
    const Me &me = result->value();
    QCOMPARE(me.name, QStringLiteral("Ada Admin"));
    QCOMPARE(me.email, QStringLiteral("admin@example.com"));
    QCOMPARE(me.orgName, QStringLiteral("Example Org"));
    QCOMPARE(me.productName, QStringLiteral("Customer Journey Analytics"));
    QVERIFY(me.isProductAdmin());
}

void TestApiClient::usersPages()
{
    QStringList ids;
    int total = -1;
    for (int page = 0; page < 100; ++page) {
        const auto result = waitFor<UsersPage>([this, page](QObject *c, ApiCallback<UsersPage> d) {
            m_api->fetchUsersPage(page, 20, {}, c, d);
        });
        QVERIFY(result && result->ok());
        const UsersPage &p = result->value();
        QCOMPARE(p.page, page);
        QVERIFY(p.users.size() <= 20);
        QVERIFY(!p.etag.isEmpty());
        total = p.total;
        for (const User &user : p.users)
            ids.append(user.id);
        if (p.lastPage)
            break;
        QCOMPARE(p.users.size(), 20);
    }
    QVERIFY(total >= 50);
    QCOMPARE(ids.size(), total);
    ids.removeDuplicates();
    QCOMPARE(ids.size(), total);
}

void TestApiClient::usersNotModified()
{
    const auto first = waitFor<UsersPage>(
        [this](QObject *c, ApiCallback<UsersPage> d) { m_api->fetchUsersPage(0, 5000, {}, c, d); });
    QVERIFY(first && first->ok());
    QVERIFY(first->value().lastPage);
    const QByteArray etag = first->value().etag;
    const auto second = waitFor<UsersPage>([this, etag](QObject *c, ApiCallback<UsersPage> d) {
        m_api->fetchUsersPage(0, 5000, etag, c, d);
    });
    QVERIFY(second && second->ok());
    QVERIFY(second->value().notModified);
    QVERIFY(second->value().users.isEmpty());
}

void TestApiClient::optOutsAndNotModified()
{
    const auto first = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    QVERIFY(first && first->ok());
    const OptOutList &list = first->value();
    QVERIFY(!list.notModified);
    QVERIFY(!list.optOuts.isEmpty()); // the demo has some users opted out
    QVERIFY(list.revision >= 0);
    QCOMPARE(list.etag, QByteArray('"' + QByteArray::number(list.revision) + '"'));
    for (int i = 1; i < list.optOuts.size(); ++i)
        QVERIFY(list.optOuts.at(i - 1).optedOutAt >= list.optOuts.at(i).optedOutAt);

    const auto again = waitFor<OptOutList>([this, &list](QObject *c, ApiCallback<OptOutList> d) {
        m_api->fetchOptOuts(list.etag, c, d);
    });
    QVERIFY(again && again->ok());
    QVERIFY(again->value().notModified);
    QCOMPARE(again->value().revision, list.revision);
}

static QString firstNotOptedOut(TestServer &server)
{
    const QJsonArray optOuts
        = server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("optOuts"))
              .toArray();
    QSet<QString> out;
    for (const QJsonValue &v : optOuts)
        out.insert(v.toObject()
                       .value(QLatin1String("user"))
                       .toObject()
                       .value(QLatin1String("id"))
                       .toString());
    const QJsonArray users
        = server.request("GET", QStringLiteral("/api/v1/users?pageSize=5000"), "demo-admin")
              .json()
              .object()
              .value(QLatin1String("users"))
              .toArray();
    for (const QJsonValue &v : users) {
        const QString id = v.toObject().value(QLatin1String("id")).toString();
        if (!out.contains(id) && id != QStringLiteral("u-1"))
            return id;
    }
    return {};
}

void TestApiClient::putAndDeleteOptOut()
{
    const QString id = firstNotOptedOut(m_server);
    QVERIFY(!id.isEmpty());
    const auto created = waitFor<PutOptOutResult>(
        [this, id](QObject *c, ApiCallback<PutOptOutResult> d) { m_api->putOptOut(id, c, d); });
    QVERIFY(created && created->ok());
    QVERIFY(created->value().created);
    QCOMPARE(created->value().entry.user.id, id);
    QCOMPARE(created->value().entry.optedOutBy.email, QStringLiteral("admin@example.com"));
    QVERIFY(created->value().revision > 0);

    const auto again = waitFor<PutOptOutResult>(
        [this, id](QObject *c, ApiCallback<PutOptOutResult> d) { m_api->putOptOut(id, c, d); });
    QVERIFY(again && again->ok());
    QVERIFY(!again->value().created);
    QCOMPARE(again->value().entry.optedOutAt, created->value().entry.optedOutAt);

    // A stale If-Match is refused with 412.
    const auto stale
        = waitFor<PutOptOutResult>([this, id](QObject *c, ApiCallback<PutOptOutResult> d) {
              m_api->putOptOut(id, c, d, "\"0\"");
          });
    QVERIFY(stale && !stale->ok());
    QCOMPARE(stale->error().httpStatus, 412);
    QCOMPARE(stale->error().code, QStringLiteral("precondition_failed"));

    const auto removed = waitFor<NoContent>(
        [this, id](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOut(id, c, d); });
    QVERIFY(removed && removed->ok());
    const auto list = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    QVERIFY(list && list->ok());
    for (const OptOutEntry &entry : list->value().optOuts)
        QVERIFY(entry.user.id != id);
}

void TestApiClient::batch()
{
    const auto before = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    QVERIFY(before && before->ok() && before->value().optOuts.size() >= 2);
    const QStringList optIn {before->value().optOuts.at(0).user.id,
                             before->value().optOuts.at(1).user.id};
    const auto result = waitFor<BatchResult>([this, optIn](QObject *c, ApiCallback<BatchResult> d) {
        m_api->postBatch({}, optIn, c, d);
    });
    QVERIFY(result && result->ok());
    QCOMPARE(result->value().optedIn, 2);
    QCOMPARE(result->value().optedOut, 0);
    QVERIFY(result->value().revision > before->value().revision);
    // And back out, so other tests still find opted-out users.
    const auto back = waitFor<BatchResult>([this, optIn](QObject *c, ApiCallback<BatchResult> d) {
        m_api->postBatch(optIn, {}, c, d);
    });
    QVERIFY(back && back->ok());
    QCOMPARE(back->value().optedOut, 2);
}

void TestApiClient::batchWithUnknownIdFailsWhole()
{
    const QString id = firstNotOptedOut(m_server);
    const auto result = waitFor<BatchResult>([this, id](QObject *c, ApiCallback<BatchResult> d) {
        m_api->postBatch({id, QStringLiteral("u-does-not-exist")}, {}, c, d);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, ApiError::Kind::Http);
    QCOMPARE(result->error().httpStatus, 404);
    QCOMPARE(result->error().detailUserIds(), QStringList {QStringLiteral("u-does-not-exist")});
    QVERIFY(!firstNotOptedOut(m_server).isEmpty());
    const auto list = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    for (const OptOutEntry &entry : list->value().optOuts)
        QVERIFY(entry.user.id != id); // atomic: nothing applied
}

void TestApiClient::unknownUserIs404()
{
    const auto result
        = waitFor<PutOptOutResult>([this](QObject *c, ApiCallback<PutOptOutResult> d) {
              m_api->putOptOut(QStringLiteral("u-424242"), c, d);
          });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 404);
    QCOMPARE(result->error().code, QStringLiteral("not_found"));
    QCOMPARE(result->error().message,
             ApiError::messageForCode(QStringLiteral("not_found"), 404, {}));
    QVERIFY(!result->error().isTransient());
}

void TestApiClient::badTokenIs401()
{
    m_api->setToken("not-a-token");
    QSignalSpy unauthenticated(m_api.get(), &ApiClient::authenticationFailed);
    const auto result
        = waitFor<Me>([this](QObject *c, ApiCallback<Me> done) { m_api->fetchMe(c, done); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().kind, ApiError::Kind::Http);
    QCOMPARE(result->error().httpStatus, 401);
    QCOMPARE(result->error().code, QStringLiteral("unauthenticated"));
    QVERIFY(result->error().isUnauthenticated());
    QCOMPARE(unauthenticated.count(), 1);
}

void TestApiClient::plainUserIs403()
{
    m_api->setToken("demo-user");
    const auto me
        = waitFor<Me>([this](QObject *c, ApiCallback<Me> done) { m_api->fetchMe(c, done); });
    QVERIFY(me && me->ok());
    QVERIFY(!me->value().isProductAdmin());
    const auto result = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 403);
    QCOMPARE(result->error().code, QStringLiteral("forbidden"));
    QVERIFY(!result->error().message.isEmpty());
}

void TestApiClient::otherOrgUserIs404()
{
    m_api->setToken("demo-other-admin");
    const QString id = firstNotOptedOut(m_server); // a user of Example Org
    const auto result = waitFor<PutOptOutResult>(
        [this, id](QObject *c, ApiCallback<PutOptOutResult> d) { m_api->putOptOut(id, c, d); });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 404);
}

void TestApiClient::auditAndUsage()
{
    const auto audit = waitFor<AuditPage>(
        [this](QObject *c, ApiCallback<AuditPage> d) { m_api->fetchAudit(10, {}, c, d); });
    QVERIFY(audit && audit->ok());
    QVERIFY(!audit->value().entries.isEmpty()); // earlier tests changed opt-outs
    QVERIFY(audit->value().entries.size() <= 10);

    UsageEvent event;
    event.name = QStringLiteral("optout.page.viewed");
    event.timestamp = QDateTime::currentDateTimeUtc();
    event.properties.insert(QLatin1String("lang"), QStringLiteral("en"));
    const auto posted
        = waitFor<UsageEventsResult>([this, event](QObject *c, ApiCallback<UsageEventsResult> d) {
              m_api->postUsageEvents({event}, c, d);
          });
    QVERIFY(posted && posted->ok());
    QCOMPARE(posted->value().accepted + posted->value().discarded, 1);

    const auto summary = waitFor<UsageSummary>(
        [this](QObject *c, ApiCallback<UsageSummary> d) { m_api->fetchUsageSummary(c, d); });
    QVERIFY(summary && summary->ok());
    QVERIFY(!summary->value().users.isEmpty());
}

namespace {

QByteArray eventsFor(const QString &userId, int n)
{
    QJsonArray events;
    for (int i = 0; i < n; ++i) {
        events.append(
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test.event")},
                         {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                         {QStringLiteral("userId"), userId}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("events"), events}}).toJson();
}

} // namespace

void TestApiClient::enforcementCountsWhatWasSent()
{
    const QDate today = QDateTime::currentDateTimeUtc().date(); // the demo organisation: UTC
    const auto stats = [this, today] {
        return waitFor<EnforcementStats>(
            [this, today](QObject *c, ApiCallback<EnforcementStats> d) {
                m_api->fetchEnforcement(today.addDays(-2), today.addDays(1), QStringLiteral("day"),
                                        c, d);
            });
    };
    const auto before = stats();
    QVERIFY(before && before->ok());
    QCOMPARE(before->value().buckets.size(), 3);
    QCOMPARE(before->value().bucket, QStringLiteral("day"));
    QCOMPARE(before->value().buckets.constLast().date, today);
    QCOMPARE(before->value().since, today.addDays(-2).startOfDay(Qt::UTC));
    QCOMPARE(before->value().until, today.addDays(1).startOfDay(Qt::UTC));
    QVERIFY(before->value().countingSince.isValid());

    // Two users of the directory who are not opted out: one is opted out between two batches.
    const HttpResult users
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=50"), "demo-admin");
    const HttpResult outs
        = m_server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin");
    QSet<QString> optedOut;
    for (const QJsonValue &e : outs.json().object().value(QStringLiteral("optOuts")).toArray())
        optedOut.insert(e.toObject()
                            .value(QStringLiteral("user"))
                            .toObject()
                            .value(QStringLiteral("id"))
                            .toString());
    QStringList free;
    for (const QJsonValue &u : users.json().object().value(QStringLiteral("users")).toArray()) {
        const QString id = u.toObject().value(QStringLiteral("id")).toString();
        if (!optedOut.contains(id)
            && u.toObject().value(QStringLiteral("email")).toString()
                != QStringLiteral("admin@example.com"))
            free << id;
    }
    QVERIFY(free.size() >= 2);
    const QString a = free.at(0), b = free.at(1);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          eventsFor(a, 7))
                 .status,
             200);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + a, "demo-admin").status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          eventsFor(a, 4))
                 .status,
             200);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          eventsFor(b, 3))
                 .status,
             200);
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + a, "demo-admin").status,
        204);

    const auto after = stats();
    QVERIFY(after && after->ok());
    const EnforcementCounts &was = before->value().buckets.constLast().counts;
    const EnforcementCounts &now = after->value().buckets.constLast().counts;
    QCOMPARE(now.acceptedClient - was.acceptedClient, 10);
    QCOMPARE(now.discardedClient - was.discardedClient, 4);
    QCOMPARE(now.optOuts - was.optOuts, 1);
    QCOMPARE(now.optIns - was.optIns, 1);
    QCOMPARE(now.optedOutUsers, was.optedOutUsers);
    QCOMPARE(after->value().totals.acceptedClient - before->value().totals.acceptedClient, 10);
    QCOMPARE(after->value().totals.optedOutUsers, now.optedOutUsers);
    // The app's figure is the service's: the same as the raw answer.
    const HttpResult raw = m_server.request(
        "GET",
        QStringLiteral("/api/v1/usage/enforcement?since=%1&until=%2")
            .arg(today.addDays(-2).toString(Qt::ISODate), today.addDays(1).toString(Qt::ISODate)),
        "demo-admin");
    const QJsonObject totals = raw.json().object().value(QStringLiteral("totals")).toObject();
    QCOMPARE(qint64(totals.value(QStringLiteral("accepted"))
                        .toObject()
                        .value(QStringLiteral("client"))
                        .toDouble()),
             after->value().totals.acceptedClient);
    QCOMPARE(qint64(totals.value(QStringLiteral("discarded"))
                        .toObject()
                        .value(QStringLiteral("client"))
                        .toDouble()),
             after->value().totals.discardedClient);
}

void TestApiClient::enforcementRefusesBadPeriod()
{
    const QDate today = QDate::currentDate();
    auto result
        = waitFor<EnforcementStats>([this, today](QObject *c, ApiCallback<EnforcementStats> d) {
              m_api->fetchEnforcement(today, today.addDays(-3), QStringLiteral("day"), c, d);
          });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 400);
    QVERIFY(!result->error().message.isEmpty());
    result = waitFor<EnforcementStats>([this, today](QObject *c, ApiCallback<EnforcementStats> d) {
        m_api->fetchEnforcement(today.addDays(-3), today, QStringLiteral("hour"), c, d);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 400);
    result = waitFor<EnforcementStats>([this, today](QObject *c, ApiCallback<EnforcementStats> d) {
        m_api->fetchEnforcement(today.addDays(-400), today, QStringLiteral("day"), c, d);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 400);
    // A plain user may not read it.
    m_api->setToken("demo-user");
    result = waitFor<EnforcementStats>([this, today](QObject *c, ApiCallback<EnforcementStats> d) {
        m_api->fetchEnforcement(today.addDays(-3), today, QStringLiteral("day"), c, d);
    });
    QVERIFY(result && !result->ok());
    QCOMPARE(result->error().httpStatus, 403);
}

void TestApiClient::optOutRulesOrNotFound()
{
    // Rules are answered by a service that has them; one without answers 404, which the
    // report takes as "no rules section".
    const HttpResult raw
        = m_server.request("GET", QStringLiteral("/api/v1/optout-rules"), "demo-admin");
    const auto result = waitFor<QList<OptOutRule>>(
        [this](QObject *c, ApiCallback<QList<OptOutRule>> d) { m_api->fetchOptOutRules(c, d); });
    QVERIFY(result);
    if (raw.status == 200) {
        QVERIFY(result->ok());
        QCOMPARE(result->value().size(),
                 raw.json().object().value(QStringLiteral("rules")).toArray().size());
    } else {
        QVERIFY(!result->ok());
        QCOMPARE(result->error().httpStatus, raw.status);
    }
}

void TestApiClient::auditBodyIsTheUndecodedPage()
{
    const auto body = waitFor<QByteArray>([this](QObject *c, ApiCallback<QByteArray> d) {
        m_api->fetchAuditBody(5, {}, AuditFilter {}, c, d);
    });
    const auto page = waitFor<AuditPage>([this](QObject *c, ApiCallback<AuditPage> d) {
        m_api->fetchAudit(5, {}, AuditFilter {}, c, d);
    });
    QVERIFY(body && body->ok() && page && page->ok());
    const ApiResult<AuditPage> decoded = JsonCodec::decodeAuditPage(body->value());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value().entries.size(), page->value().entries.size());
    QVERIFY(!decoded.value().entries.isEmpty());
    QCOMPARE(decoded.value().entries.constFirst().id, page->value().entries.constFirst().id);
    QCOMPARE(decoded.value().next, page->value().next);
}

void TestApiClient::transferTimeoutIsSet()
{
    QCOMPARE(m_api->transferTimeout(), ApiClient::DefaultTransferTimeoutMs);
    m_api->setTransferTimeout(1234);
    QCOMPARE(m_api->transferTimeout(), 1234);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
