// Decoding of the service's JSON, bad input included.
#include "jsoncodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestJsonCodec : public QObject
{
    Q_OBJECT

private slots:
    void optOutChangesSince();
    void optOutChangesSinceRejectsBadInput_data();
    void optOutChangesSinceRejectsBadInput();
    void me();
    void meRejectsBadInput_data();
    void meRejectsBadInput();
    void usersPage();
    void usersPageRejectsBadInput_data();
    void usersPageRejectsBadInput();
    void optOutList();
    void optOutListRejectsBadInput_data();
    void optOutListRejectsBadInput();
    void batchResult();
    void syncState();
    void auditPage();
    void usageSummary();
    void enforcementStats();
    void enforcementStatsRejectsBadInput_data();
    void enforcementStatsRejectsBadInput();
    void optOutRules();
    void errorBody();
    void times_data();
    void times();
    void encodeBatch();
    void reasonAndPurgeAt();
    void reasonAndPurgeAtRejectBadTypes_data();
    void reasonAndPurgeAtRejectBadTypes();
    void mePurgeAfterSeconds();
    void encodeOptOutOptions();
    void reasonProblem_data();
    void reasonProblem();
    void badInputNamesItsPlace_data();
    void badInputNamesItsPlace();
};

static const QByteArray meJson = R"({"id": "u-1", "email": "admin@example.com", "name": "Ada Admin",
 "roles": ["product_admin"],
 "org": {"id": "o-1", "name": "Example Org", "productName": "Customer Journey Analytics"},
 "usageTracking": true})";

static const QByteArray optOutsJson = R"({"revision": 42,
 "optOuts": [{"user": {"id": "u-7", "email": "zoe.devries@example.com", "name": "Zoë de Vries"},
              "optedOutAt": "2026-11-22T16:00:00Z",
              "optedOutBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"}}]})";

void TestJsonCodec::me()
{
    const auto result = JsonCodec::decodeMe(meJson);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    const Me &me = result.value();
    QCOMPARE(me.id, QStringLiteral("u-1"));
    QCOMPARE(me.name, QStringLiteral("Ada Admin"));
    QCOMPARE(me.orgName, QStringLiteral("Example Org"));
    QCOMPARE(me.productName, QStringLiteral("Customer Journey Analytics"));
    QVERIFY(me.usageTracking);
    QVERIFY(me.isProductAdmin());
}

void TestJsonCodec::meRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty body");
    QTest::newRow("truncated") << meJson.left(meJson.size() / 2) << QStringLiteral("invalid JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("top level");
    QTest::newRow("html") << QByteArray("<html>502 Bad Gateway</html>")
                          << QStringLiteral("invalid JSON");
    QByteArray idNumber = meJson;
    idNumber.replace("\"u-1\"", "1");
    QTest::newRow("id number") << idNumber << QStringLiteral("id: expected a string, got a number");
    QByteArray rolesString = meJson;
    rolesString.replace("[\"product_admin\"]", "\"product_admin\"");
    QTest::newRow("roles string") << rolesString << QStringLiteral("roles: expected an array");
    QByteArray roleNumber = meJson;
    roleNumber.replace("[\"product_admin\"]", "[3]");
    QTest::newRow("role number") << roleNumber << QStringLiteral("roles[0]");
    QByteArray orgMissing = meJson;
    orgMissing.replace("\"org\"", "\"organisation\"");
    QTest::newRow("org missing") << orgMissing
                                 << QStringLiteral("org: expected an object, got nothing");
    QByteArray productNull = meJson;
    productNull.replace("\"Customer Journey Analytics\"", "null");
    QTest::newRow("product null") << productNull << QStringLiteral("org.productName");
    QByteArray trackingString = meJson;
    trackingString.replace("true}", "\"yes\"}");
    QTest::newRow("tracking string") << trackingString << QStringLiteral("usageTracking");
    QByteArray emptyId = meJson;
    emptyId.replace("\"u-1\"", "\"\"");
    QTest::newRow("empty id") << emptyId << QStringLiteral("id: expected a non-empty string");
}

void TestJsonCodec::meRejectsBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const auto result = JsonCodec::decodeMe(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
    QVERIFY2(result.error().technical.contains(where), qPrintable(result.error().technical));
    QVERIFY(!result.error().message.isEmpty());
}

void TestJsonCodec::usersPage()
{
    const QByteArray json
        = R"({"users": [{"id": "u-7", "email": "zoe.devries@example.com", "name": "Zoë de Vries"},
        {"id": "u-8", "email": "ole@example.com", "name": "Ole Østergaard"}],
        "page": 0, "pageSize": 1000, "total": 4213, "lastPage": false})";
    const auto result = JsonCodec::decodeUsersPage(json);
    QVERIFY(result.ok());
    QCOMPARE(result.value().users.size(), 2);
    QCOMPARE(result.value().users.at(0).name, QStringLiteral("Zoë de Vries"));
    QCOMPARE(result.value().users.at(1).id, QStringLiteral("u-8"));
    QCOMPARE(result.value().total, 4213);
    QCOMPARE(result.value().pageSize, 1000);
    QVERIFY(!result.value().lastPage);
}

void TestJsonCodec::usersPageRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("users object") << QByteArray(
        R"({"users": {}, "page": 0, "pageSize": 1, "total": 0, "lastPage": true})")
                                  << QStringLiteral("users: expected an array");
    QTest::newRow("user not object") << QByteArray(
        R"({"users": ["u-1"], "page": 0, "pageSize": 1, "total": 1, "lastPage": true})")
                                     << QStringLiteral("users[0]");
    QTest::newRow("email missing") << QByteArray(
        R"({"users": [{"id": "a", "email": "a@x", "name": "A"}, {"id": "b", "name": "B"}], "page": 0, "pageSize": 2, "total": 2, "lastPage": true})")
                                   << QStringLiteral(
                                          "users[1].email: expected a string, got nothing");
    QTest::newRow("total string") << QByteArray(
        R"({"users": [], "page": 0, "pageSize": 1, "total": "3", "lastPage": true})")
                                  << QStringLiteral("total");
    QTest::newRow("total fraction")
        << QByteArray(R"({"users": [], "page": 0, "pageSize": 1, "total": 2.5, "lastPage": true})")
        << QStringLiteral("total");
    QTest::newRow("page negative")
        << QByteArray(R"({"users": [], "page": -1, "pageSize": 1, "total": 0, "lastPage": true})")
        << QStringLiteral("page");
    QTest::newRow("lastPage missing")
        << QByteArray(R"({"users": [], "page": 0, "pageSize": 1, "total": 0})")
        << QStringLiteral("lastPage");
    QTest::newRow("truncated") << QByteArray(R"({"users": [{"id": "a", "email": "a@x", "na)")
                               << QStringLiteral("invalid JSON");
}

void TestJsonCodec::usersPageRejectsBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const auto result = JsonCodec::decodeUsersPage(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
    QVERIFY2(result.error().technical.contains(where), qPrintable(result.error().technical));
}

void TestJsonCodec::optOutList()
{
    const auto result = JsonCodec::decodeOptOutList(optOutsJson);
    QVERIFY(result.ok());
    QCOMPARE(result.value().revision, 42);
    QCOMPARE(result.value().optOuts.size(), 1);
    const OptOutEntry &entry = result.value().optOuts.first();
    QCOMPARE(entry.user.email, QStringLiteral("zoe.devries@example.com"));
    QCOMPARE(entry.optedOutAt, QDateTime(QDate(2026, 11, 22), QTime(16, 0), Qt::UTC));
    QCOMPARE(entry.optedOutBy.name, QStringLiteral("Ada Admin"));

    const auto empty = JsonCodec::decodeOptOutList(R"({"revision": 0, "optOuts": []})");
    QVERIFY(empty.ok());
    QVERIFY(empty.value().optOuts.isEmpty());
}

void TestJsonCodec::optOutListRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QByteArray badTime = optOutsJson;
    badTime.replace("2026-11-22T16:00:00Z", "yesterday");
    QTest::newRow("bad time") << badTime << QStringLiteral("optOuts[0].optedOutAt");
    QByteArray localTime = optOutsJson;
    localTime.replace("2026-11-22T16:00:00Z", "2026-11-22T16:00:00");
    QTest::newRow("time without offset") << localTime << QStringLiteral("optOuts[0].optedOutAt");
    QByteArray userNull = optOutsJson;
    userNull.replace(R"({"id": "u-7", "email": "zoe.devries@example.com", "name": "Zoë de Vries"})",
                     "null");
    QTest::newRow("user null") << userNull
                               << QStringLiteral("optOuts[0].user: expected an object, got null");
    QByteArray revisionString = optOutsJson;
    revisionString.replace("42", "\"42\"");
    QTest::newRow("revision string") << revisionString << QStringLiteral("revision");
    QByteArray byId = optOutsJson;
    byId.replace(R"("id": "u-1")", R"("id": true)");
    QTest::newRow("by id bool")
        << byId << QStringLiteral("optOuts[0].optedOutBy.id: expected a string, got a boolean");
    QTest::newRow("truncated") << optOutsJson.left(optOutsJson.size() - 3)
                               << QStringLiteral("invalid JSON");
}

void TestJsonCodec::optOutListRejectsBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const auto result = JsonCodec::decodeOptOutList(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
    QVERIFY2(result.error().technical.contains(where), qPrintable(result.error().technical));
}

void TestJsonCodec::batchResult()
{
    const auto ok
        = JsonCodec::decodeBatchResult(R"({"revision": 43, "optedOut": 2, "optedIn": 1})");
    QVERIFY(ok.ok());
    QCOMPARE(ok.value().revision, 43);
    QCOMPARE(ok.value().optedOut, 2);
    QCOMPARE(ok.value().optedIn, 1);
    QVERIFY(
        !JsonCodec::decodeBatchResult(R"({"revision": 43, "optedOut": "2", "optedIn": 1})").ok());
    QVERIFY(!JsonCodec::decodeBatchResult(R"({"revision": 43})").ok());
}

void TestJsonCodec::syncState()
{
    const auto ok = JsonCodec::decodeSyncState(
        R"({"usersRevision": 12, "optOutsRevision": 42, "usageTracking": false})");
    QVERIFY(ok.ok());
    QCOMPARE(ok.value().usersRevision, 12);
    QCOMPARE(ok.value().optOutsRevision, 42);
    QCOMPARE(ok.value().usageTracking, false);
    QVERIFY(!ok.value().notModified);
    QVERIFY(!JsonCodec::decodeSyncState(
                 R"({"usersRevision": "12", "optOutsRevision": 42, "usageTracking": true})")
                 .ok());
    QVERIFY(!JsonCodec::decodeSyncState(R"({"usersRevision": 12, "optOutsRevision": 42})").ok());
    QVERIFY(!JsonCodec::decodeSyncState(R"([1, 2, 3])").ok());
    QVERIFY(!JsonCodec::decodeSyncState(R"({"usersRevision": 12,)").ok());
}

namespace {

const QByteArray enforcementJson
    = R"({"since": "2026-10-23T22:00:00Z", "until": "2026-10-25T22:00:00Z",
 "bucket": "day", "timeZone": "Europe/Amsterdam", "countingSince": "2026-10-01T09:12:44Z",
 "buckets": [{"start": "2026-10-23T22:00:00Z", "date": "2026-10-24",
              "accepted": {"client": 1200, "server": 310}, "discarded": {"client": 45, "server": 3},
              "deletedEvents": 0, "optOuts": 2, "optIns": 0, "optedOutUsers": 41},
             {"start": "2026-10-24T22:00:00Z", "date": "2026-10-25",
              "accepted": {"client": 10, "server": 1}, "discarded": {"client": 4, "server": 0},
              "deletedEvents": 212, "optOuts": 3, "optIns": 1, "optedOutUsers": 43}],
 "totals": {"accepted": {"client": 1210, "server": 311}, "discarded": {"client": 49, "server": 3},
            "deletedEvents": 212, "optOuts": 5, "optIns": 1, "optedOutUsers": 43}})";

} // namespace

void TestJsonCodec::enforcementStats()
{
    const auto result = JsonCodec::decodeEnforcementStats(enforcementJson);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    const EnforcementStats &s = result.value();
    QCOMPARE(s.bucket, QStringLiteral("day"));
    QCOMPARE(s.timeZone, QStringLiteral("Europe/Amsterdam"));
    QCOMPARE(s.countingSince, QDateTime(QDate(2026, 10, 1), QTime(9, 12, 44), Qt::UTC));
    QCOMPARE(s.since, QDateTime(QDate(2026, 10, 23), QTime(22, 0), Qt::UTC));
    QCOMPARE(s.buckets.size(), 2);
    QCOMPARE(s.buckets.at(1).date, QDate(2026, 10, 25));
    QCOMPARE(s.buckets.at(0).counts.accepted(), 1510);
    QCOMPARE(s.buckets.at(0).counts.discarded(), 48);
    QCOMPARE(s.buckets.at(1).counts.deletedEvents, 212);
    QCOMPARE(s.totals.optOuts, 5);
    QCOMPARE(s.totals.optedOutUsers, 43);
    // An older answer without countingSince is read, without it.
    QByteArray noStart = enforcementJson;
    noStart.replace(R"("countingSince": "2026-10-01T09:12:44Z",)", "");
    QVERIFY(JsonCodec::decodeEnforcementStats(noStart).ok());
    QVERIFY(!JsonCodec::decodeEnforcementStats(noStart).value().countingSince.isValid());
}

void TestJsonCodec::enforcementStatsRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("path");
    QTest::newRow("date not a date")
        << QByteArray(R"("date": "2026-10-24")") << QByteArray(R"("date": "24/10/2026")")
        << QStringLiteral("buckets[0].date");
    QTest::newRow("negative count")
        << QByteArray(R"("deletedEvents": 0,)") << QByteArray(R"("deletedEvents": -1,)")
        << QStringLiteral("buckets[0].deletedEvents");
    QTest::newRow("accepted not an object")
        << QByteArray(R"("accepted": {"client": 10, "server": 1})")
        << QByteArray(R"("accepted": 11)") << QStringLiteral("buckets[1].accepted");
    QTest::newRow("fraction") << QByteArray(R"("optOuts": 3,)") << QByteArray(R"("optOuts": 3.5,)")
                              << QStringLiteral("buckets[1].optOuts");
    QTest::newRow("bad start") << QByteArray(R"("start": "2026-10-24T22:00:00Z")")
                               << QByteArray(R"("start": "yesterday")")
                               << QStringLiteral("buckets[1].start");
    QTest::newRow("no totals") << QByteArray(R"("totals")") << QByteArray(R"("total")")
                               << QStringLiteral("totals");
}

void TestJsonCodec::enforcementStatsRejectsBadInput()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, path);
    QByteArray json = enforcementJson;
    QVERIFY(json.contains(from));
    json.replace(from, to);
    const auto result = JsonCodec::decodeEnforcementStats(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
    QVERIFY2(result.error().technical.startsWith(path), qPrintable(result.error().technical));
}

void TestJsonCodec::optOutRules()
{
    const QByteArray json = R"({"revision": 7, "rules": [
        {"id": "r-1", "kind": "group", "group": {"id": "g-3", "name": "Works council"},
         "reason": "Agreement 2026-04", "createdAt": "2026-11-22T16:00:00Z",
         "createdBy": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"},
         "userCount": 1240},
        {"id": "r-2", "kind": "emailDomain", "domain": "contractors.example.com", "reason": null,
         "createdAt": "2026-11-23T16:00:00Z"}]})";
    const auto result = JsonCodec::decodeOptOutRules(json);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    QCOMPARE(result.value().size(), 2);
    QCOMPARE(result.value().at(0).groupName, QStringLiteral("Works council"));
    QCOMPARE(result.value().at(0).userCount, 1240);
    QCOMPARE(result.value().at(0).createdByName, QStringLiteral("Ada Admin"));
    QCOMPARE(result.value().at(1).domain, QStringLiteral("contractors.example.com"));
    QCOMPARE(result.value().at(1).userCount, -1);
    QByteArray noName = json;
    noName.replace(R"("name": "Works council")", R"("name": 3)");
    QVERIFY(!JsonCodec::decodeOptOutRules(noName).ok());
}

void TestJsonCodec::auditPage()
{
    const QByteArray json
        = R"({"entries": [{"id": "a-9", "at": "2026-11-22T16:00:00Z", "action": "opt_out",
              "actor": {"id": "u-1", "email": "admin@example.com"},
              "user": {"id": "u-7", "email": "zoe.devries@example.com"}}],
 "next": null})";
    const auto result = JsonCodec::decodeAuditPage(json);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    QCOMPARE(result.value().entries.size(), 1);
    QCOMPARE(result.value().entries.first().actorEmail, QStringLiteral("admin@example.com"));
    QCOMPARE(result.value().entries.first().userId, QStringLiteral("u-7"));
    QVERIFY(result.value().next.isEmpty());
    QByteArray withCursor = json;
    withCursor.replace("null", "\"abc\"");
    QCOMPARE(JsonCodec::decodeAuditPage(withCursor).value().next, QStringLiteral("abc"));
    QByteArray badNext = json;
    badNext.replace("null", "7");
    QVERIFY(!JsonCodec::decodeAuditPage(badNext).ok());
    QVERIFY(result.value().entries.first().source.isEmpty()); // an older service's

    // Who did it: the source; only the service's own work has no actor.
    const QByteArray sources = R"({"entries": [
        {"id": "a-3", "at": "2026-11-22T16:00:00Z", "action": "purge", "actor":
         {"id": "u-1", "email": "admin@example.com"}, "user": {"id": "u-7", "email": "z@x.org"},
         "source": "request", "count": 2},
        {"id": "a-2", "at": "2026-11-22T15:00:00Z", "action": "purge", "actor": null,
         "user": {"id": "u-7", "email": "z@x.org"}, "source": "retention", "count": 1},
        {"id": "a-1", "at": "2026-11-22T14:00:00Z", "action": "opt_in", "actor": null,
         "user": {"id": "u-7", "email": "z@x.org"}, "source": "directory"}], "next": null})";
    const auto page = JsonCodec::decodeAuditPage(sources);
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().technical));
    QCOMPARE(page.value().entries.size(), 3);
    QCOMPARE(page.value().entries.at(0).actorId, QStringLiteral("u-1"));
    QCOMPARE(page.value().entries.at(0).source, QStringLiteral("request"));
    QVERIFY(page.value().entries.at(1).actorId.isEmpty());
    QCOMPARE(page.value().entries.at(1).source, QStringLiteral("retention"));
    QCOMPARE(page.value().entries.at(2).source, QStringLiteral("directory"));
    // An administrator's request without its administrator is not an answer to trust.
    QByteArray noActor = sources;
    noActor.replace(R"("actor":
         {"id": "u-1", "email": "admin@example.com"})",
                    R"("actor": null)");
    QVERIFY(noActor != sources);
    QVERIFY(!JsonCodec::decodeAuditPage(noActor).ok());

    // The request that wrote it (null for the service's own work), and what a directory change
    // came through.
    const QByteArray requests = R"({"entries": [
        {"id": "a-5", "at": "2026-11-22T16:00:00Z", "action": "opt_out", "actor": null,
         "user": {"id": "u-7", "email": "z@x.org"}, "source": "directory",
         "requestId": "4f9c6a1e-0000-4000-8000-000000000001",
         "via": [{"kind": "group", "ruleId": "r-1", "group": {"id": "g-1", "name": "Works council"}}]},
        {"id": "a-4", "at": "2026-11-22T15:00:00Z", "action": "purge", "actor": null,
         "user": {"id": "u-7", "email": "z@x.org"}, "source": "retention", "count": 1,
         "requestId": null}], "next": null})";
    const auto withRequests = JsonCodec::decodeAuditPage(requests);
    QVERIFY2(withRequests.ok(),
             qPrintable(withRequests.ok() ? QString() : withRequests.error().technical));
    const AuditEntry &joined = withRequests.value().entries.at(0);
    QCOMPARE(joined.requestId, QStringLiteral("4f9c6a1e-0000-4000-8000-000000000001"));
    QCOMPARE(joined.via.size(), 1);
    QCOMPARE(joined.via.at(0).kind, OptOutCover::Kind::Group);
    QCOMPARE(joined.via.at(0).groupName, QStringLiteral("Works council"));
    QVERIFY(withRequests.value().entries.at(1).requestId.isEmpty());
    QVERIFY(withRequests.value().entries.at(1).via.isEmpty());
    QByteArray badVia = requests;
    badVia.replace(R"("kind": "group")", R"("kind": "planet")");
    QVERIFY(!JsonCodec::decodeAuditPage(badVia).ok());
}

void TestJsonCodec::usageSummary()
{
    const QByteArray json
        = R"({"users": [{"user": {"id": "u-7", "email": "z@x"}, "client": 12, "server": 30,
            "lastEventAt": "2026-11-22T16:00:00Z"}, {"user": {"id": "u-8", "email": "o@x"}, "client": 0, "server": 0,
            "lastEventAt": null}], "discardedSinceStart": 5})";
    const auto result = JsonCodec::decodeUsageSummary(json);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    QCOMPARE(result.value().users.size(), 2);
    QCOMPARE(result.value().users.at(0).server, 30);
    QVERIFY(!result.value().users.at(1).lastEventAt.isValid());
    QCOMPARE(result.value().discardedSinceStart, 5);
    QVERIFY(
        !JsonCodec::decodeUsageSummary(
             R"({"users": [{"user": {"id": "u-7", "email": "z@x"}, "client": -1, "server": 0}], "discardedSinceStart": 0})")
             .ok());
    // The name and opted-out flag the service adds; a wrong type there is malformed too.
    const auto withFlags = JsonCodec::decodeUsageSummary(
        R"({"users": [{"user": {"id": "u-7", "email": "z@x", "name": "Zoë"}, "client": 0,
            "server": 0, "lastEventAt": null, "optedOut": true}], "discardedSinceStart": 0})");
    QVERIFY(withFlags.ok());
    QCOMPARE(withFlags.value().users.at(0).userName, QStringLiteral("Zoë"));
    QVERIFY(withFlags.value().users.at(0).optedOut);
    QVERIFY(!result.value().users.at(0).optedOut);
    QVERIFY(
        !JsonCodec::decodeUsageSummary(
             R"({"users": [{"user": {"id": "u-7", "email": "z@x"}, "client": 0, "server": 0, "optedOut": "yes"}], "discardedSinceStart": 0})")
             .ok());
    const auto events = JsonCodec::decodeUsageEventsResult(R"({"accepted": 1, "discarded": 0})");
    QVERIFY(events.ok());
    QCOMPARE(events.value().accepted, 1);
}

void TestJsonCodec::errorBody()
{
    QString code;
    QString message;
    QJsonObject details;
    QVERIFY(JsonCodec::decodeErrorBody(
        R"({"error": {"code": "not_found", "message": "No such user", "details": {"userIds": ["u-9"]}}})",
        &code, &message, &details));
    QCOMPARE(code, QStringLiteral("not_found"));
    QCOMPARE(message, QStringLiteral("No such user"));
    ApiError error;
    error.details = details;
    QCOMPARE(error.detailUserIds(), QStringList {QStringLiteral("u-9")});
    QVERIFY(!JsonCodec::decodeErrorBody("<html>oops</html>", &code, &message, &details));
    QVERIFY(!JsonCodec::decodeErrorBody(R"({"error": "boom"})", &code, &message, &details));
    QVERIFY(!JsonCodec::decodeErrorBody(R"({"error": {"code": 5}})", &code, &message, &details));

    // The user-facing message comes from the code, the server's text is only a fallback.
    QVERIFY(ApiError::messageForCode(QStringLiteral("forbidden"), 403, QStringLiteral("nope"))
            != QStringLiteral("nope"));
    QCOMPARE(
        ApiError::messageForCode(QStringLiteral("teapot"), 418, QStringLiteral("I am a teapot")),
        QStringLiteral("I am a teapot"));
    QVERIFY(ApiError::messageForCode({}, 503, {}).contains(QStringLiteral("503")));
}

void TestJsonCodec::times_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime four(QDate(2026, 11, 22), QTime(16, 0), Qt::UTC);
    QTest::newRow("Z") << QStringLiteral("2026-11-22T16:00:00Z") << four;
    QTest::newRow("fraction") << QStringLiteral("2026-11-22T16:00:00.250Z") << four.addMSecs(250);
    QTest::newRow("offset") << QStringLiteral("2026-11-22T17:00:00+01:00") << four;
    QTest::newRow("no offset") << QStringLiteral("2026-11-22T16:00:00") << QDateTime();
    QTest::newRow("date only") << QStringLiteral("2026-11-22") << QDateTime();
    QTest::newRow("garbage") << QStringLiteral("2026-13-45T99:00:00Z") << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void TestJsonCodec::times()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    const QDateTime parsed = JsonCodec::parseTime(text);
    QCOMPARE(parsed.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(parsed, expected);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
}

void TestJsonCodec::encodeBatch()
{
    const QByteArray json = JsonCodec::encodeBatch({QStringLiteral("u-3")},
                                                   {QStringLiteral("u-7"), QStringLiteral("u-8")});
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    QCOMPARE(object.value(QLatin1String("optOut")).toArray().size(), 1);
    QCOMPARE(object.value(QLatin1String("optIn")).toArray().at(1).toString(),
             QStringLiteral("u-8"));
}

// Entries of a service that knows reasons and retention; an older one sends neither field.
void TestJsonCodec::reasonAndPurgeAt()
{
    const QByteArray json = R"({"revision": 3, "optOuts": [
 {"user": {"id": "u-7", "email": "z@example.com", "name": "Z"}, "optedOutAt": "2026-11-22T16:00:00Z",
  "optedOutBy": {"id": "u-1", "email": "a@example.com", "name": "A"},
  "reason": "GDPR request #4411", "purgeAt": "2026-11-29T16:00:00Z"},
 {"user": {"id": "u-8", "email": "y@example.com", "name": "Y"}, "optedOutAt": "2026-11-22T16:00:00Z",
  "optedOutBy": {"id": "u-1", "email": "a@example.com", "name": "A"},
  "reason": null, "purgeAt": null}]})";
    const auto result = JsonCodec::decodeOptOutList(json);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().technical));
    const OptOutEntry &first = result.value().optOuts.at(0);
    QCOMPARE(first.reason, QStringLiteral("GDPR request #4411"));
    QCOMPARE(first.purgeAt, QDateTime(QDate(2026, 11, 29), QTime(16, 0), Qt::UTC));
    const OptOutEntry &second = result.value().optOuts.at(1);
    QVERIFY(second.reason.isEmpty());
    QVERIFY(!second.purgeAt.isValid());
    QVERIFY(first != second);
    OptOutEntry changed = first;
    changed.reason = QStringLiteral("other");
    QVERIFY(changed != first); // equality includes the reason ...
    changed = first;
    changed.purgeAt = QDateTime();
    QVERIFY(changed != first); // ... and purgeAt

    // An older service: neither field.
    const auto old = JsonCodec::decodeOptOutList(optOutsJson);
    QVERIFY(old.ok());
    QVERIFY(old.value().optOuts.constFirst().reason.isEmpty());
    QVERIFY(!old.value().optOuts.constFirst().purgeAt.isValid());

    // PUT's answer.
    const auto entry = JsonCodec::decodeOptOutEntry(
        R"({"user": {"id": "u-7", "email": "z@example.com", "name": "Z"},
            "optedOutAt": "2026-11-22T16:00:00Z",
            "optedOutBy": {"id": "u-1", "email": "a@example.com", "name": "A"},
            "reason": "Asked by e-mail", "purgeAt": null})");
    QVERIFY(entry.ok());
    QCOMPARE(entry.value().reason, QStringLiteral("Asked by e-mail"));
}

void TestJsonCodec::reasonAndPurgeAtRejectBadTypes_data()
{
    QTest::addColumn<QByteArray>("fields");
    QTest::addColumn<QString>("where");
    QTest::newRow("reason number") << QByteArray(R"("reason": 4)") << QStringLiteral("reason");
    QTest::newRow("purgeAt not a time")
        << QByteArray(R"("purgeAt": "next week")") << QStringLiteral("purgeAt");
    QTest::newRow("purgeAt bool") << QByteArray(R"("purgeAt": true)") << QStringLiteral("purgeAt");
}

void TestJsonCodec::reasonAndPurgeAtRejectBadTypes()
{
    QFETCH(QByteArray, fields);
    QFETCH(QString, where);
    const QByteArray json = R"({"revision": 3, "optOuts": [
 {"user": {"id": "u-7", "email": "z@example.com", "name": "Z"}, "optedOutAt": "2026-11-22T16:00:00Z",
  "optedOutBy": {"id": "u-1", "email": "a@example.com", "name": "A"}, )"
        + fields + "}]}";
    const auto result = JsonCodec::decodeOptOutList(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
    QVERIFY2(result.error().technical.startsWith(QStringLiteral("optOuts[0].") + where),
             qPrintable(result.error().technical));
}

void TestJsonCodec::mePurgeAfterSeconds()
{
    QCOMPARE(JsonCodec::decodeMe(meJson).value().purgeAfterSeconds, -1); // an older service
    QByteArray json = meJson;
    json.replace(R"("productName": "Customer Journey Analytics")",
                 R"("productName": "Customer Journey Analytics", "purgeAfterSeconds": 604800)");
    const auto result = JsonCodec::decodeMe(json);
    QVERIFY(result.ok());
    QCOMPARE(result.value().purgeAfterSeconds, 604800);
    json = meJson;
    json.replace(R"("productName": "Customer Journey Analytics")",
                 R"("productName": "Customer Journey Analytics", "purgeAfterSeconds": 0)");
    QCOMPARE(JsonCodec::decodeMe(json).value().purgeAfterSeconds, 0);
    json = meJson;
    json.replace(R"("productName": "Customer Journey Analytics")",
                 R"("productName": "Customer Journey Analytics", "purgeAfterSeconds": "7d")");
    const auto bad = JsonCodec::decodeMe(json);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().technical.startsWith(QStringLiteral("org.purgeAfterSeconds")));
}

// Empty options leave the bodies as an older service knows them.
void TestJsonCodec::encodeOptOutOptions()
{
    QVERIFY(JsonCodec::encodeOptOutOptions({}).isEmpty());
    const QJsonObject plain
        = QJsonDocument::fromJson(JsonCodec::encodeBatch({QStringLiteral("u-3")}, {})).object();
    QVERIFY(!plain.contains(QLatin1String("reason")));
    QVERIFY(!plain.contains(QLatin1String("deleteStoredEvents")));

    OptOutOptions options;
    options.reason = QStringLiteral("GDPR request #4411");
    const QJsonObject reasonOnly
        = QJsonDocument::fromJson(JsonCodec::encodeOptOutOptions(options)).object();
    QCOMPARE(reasonOnly.value(QLatin1String("reason")).toString(), options.reason);
    QVERIFY(!reasonOnly.contains(QLatin1String("deleteStoredEvents")));

    options.deleteStoredEvents = true;
    const QJsonObject batch
        = QJsonDocument::fromJson(JsonCodec::encodeBatch({QStringLiteral("u-3")}, {}, options))
              .object();
    QCOMPARE(batch.value(QLatin1String("reason")).toString(), options.reason);
    QCOMPARE(batch.value(QLatin1String("deleteStoredEvents")).toBool(false), true);
    // An opt-in batch carries no opt-out options.
    const QJsonObject optIn
        = QJsonDocument::fromJson(JsonCodec::encodeBatch({}, {QStringLiteral("u-3")}, options))
              .object();
    QVERIFY(!optIn.contains(QLatin1String("reason")));
}

void TestJsonCodec::reasonProblem_data()
{
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("plain") << QStringLiteral("GDPR request #4411") << true;
    QTest::newRow("500") << QString(500, QLatin1Char('x')) << true;
    QTest::newRow("501") << QString(501, QLatin1Char('x')) << false;
    // Characters are code points: 500 emoji (1,000 UTF-16 units) are fine.
    QString emoji;
    for (int i = 0; i < 500; ++i)
        emoji += QString::fromUcs4(U"\U0001F600", 1);
    QTest::newRow("500 emoji") << emoji << true;
    QTest::newRow("line break") << QStringLiteral("one\ntwo") << false;
    QTest::newRow("tab") << QStringLiteral("one\ttwo") << false;
    QTest::newRow("non-ASCII") << QStringLiteral("Zoë a demandé l’exclusion") << true;
}

void TestJsonCodec::reasonProblem()
{
    QFETCH(QString, reason);
    QFETCH(bool, accepted);
    QCOMPARE(OptOutOptions::reasonProblem(reason).isEmpty(), accepted);
}

// GET /api/v1/optouts?since=: the changes since a revision.
void TestJsonCodec::optOutChangesSince()
{
    const auto result = JsonCodec::decodeOptOutList(
        R"({"revision": 44, "since": 42, "optOuts": [{"user": {"id": "u-7", "email": "z@e.com",
            "name": "Zoë"}, "optedOutAt": "2026-11-22T16:00:00Z", "optedOutBy": {"id": "u-1",
            "email": "a@e.com", "name": "Ada"}, "reason": null, "purgeAt": null}],
            "optedIn": ["u-3", "u-4"]})");
    QVERIFY(result.ok());
    QVERIFY(result.value().isDelta());
    QCOMPARE(result.value().since, 42);
    QCOMPARE(result.value().revision, 44);
    QCOMPARE(result.value().optOuts.size(), 1);
    QCOMPARE(result.value().optedIn, (QStringList {QStringLiteral("u-3"), QStringLiteral("u-4")}));
    // The whole list (a service that cannot say, or an older one) is no change.
    const auto whole = JsonCodec::decodeOptOutList(R"({"revision": 0, "optOuts": []})");
    QVERIFY(whole.ok());
    QVERIFY(!whole.value().isDelta());
}

void TestJsonCodec::optOutChangesSinceRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("since not a number")
        << QByteArray(R"({"revision": 4, "since": "2", "optOuts": [], "optedIn": []})");
    QTest::newRow("since after the revision")
        << QByteArray(R"({"revision": 4, "since": 5, "optOuts": [], "optedIn": []})");
    QTest::newRow("no optedIn") << QByteArray(R"({"revision": 4, "since": 2, "optOuts": []})");
    QTest::newRow("optedIn not a list")
        << QByteArray(R"({"revision": 4, "since": 2, "optOuts": [], "optedIn": "u-3"})");
    QTest::newRow("optedIn holds a number")
        << QByteArray(R"({"revision": 4, "since": 2, "optOuts": [], "optedIn": ["u-3", 4]})");
    QTest::newRow("optedIn holds an empty id")
        << QByteArray(R"({"revision": 4, "since": 2, "optOuts": [], "optedIn": [""]})");
}

void TestJsonCodec::optOutChangesSinceRejectsBadInput()
{
    QFETCH(QByteArray, json);
    const auto result = JsonCodec::decodeOptOutList(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, ApiError::Kind::Malformed);
}

// Every decoder's answer to bad input: Malformed, the reply's status (201 for a session's body,
// whether it is not JSON or a field is wrong), and what was wrong where.
void TestJsonCodec::badInputNamesItsPlace_data()
{
    QTest::addColumn<QString>("decoder");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("technical");
    QTest::newRow("empty body") << "me" << QByteArray("  ") << 200 << "empty body";
    QTest::newRow("not JSON") << "syncState" << QByteArray("{") << 200
                              << "invalid JSON at offset 1: unterminated object";
    QTest::newRow("an array") << "batchResult" << QByteArray("[]") << 200
                              << "expected a JSON object at the top level";
    QTest::newRow("a role not a string")
        << "me" << QByteArray(R"({"id": "u-1", "email": "a@x", "name": "A", "roles": ["a", 2]})")
        << 200 << "roles[1]: expected a string";
    QTest::newRow("org's purge window a string")
        << "me"
        << QByteArray(R"({"id": "u-1", "email": "a@x", "name": "A", "roles": [], "org": {"id":
            "o-1", "name": "O", "productName": "P", "purgeAfterSeconds": "1"}})")
        << 200 << "org.purgeAfterSeconds: expected a whole number, got a string";
    QTest::newRow("an opted-in id empty")
        << "optOutList"
        << QByteArray(R"({"revision": 4, "since": 2, "optOuts": [], "optedIn": ["u-3", ""]})")
        << 200 << "optedIn[1]: expected a non-empty string";
    QTest::newRow("since after the revision")
        << "optOutList"
        << QByteArray(R"({"revision": 4, "since": 5, "optOuts": [], "optedIn": []})") << 200
        << "since: after the revision";
    QTest::newRow("a rule's count a string")
        << "optOutRule"
        << QByteArray(
               R"({"id": "r-1", "kind": "emailDomain", "domain": "x.org", "userCount": "3"})")
        << 200 << "userCount: expected a whole number, got a string";
    QTest::newRow("a sample user without id")
        << "optOutRulePreview"
        << QByteArray(R"({"userCount": 1, "newlyOptedOut": 1, "sample": [{"email": "a@x"}]})")
        << 200 << "sample[0].id: expected a string, got nothing";
    QTest::newRow("a group without members' count")
        << "groupsPage"
        << QByteArray(R"({"groups": [{"id": "g-1", "name": "G"}], "page": 0, "pageSize": 1,
            "total": 1, "lastPage": true})")
        << 200 << "groups[0].memberCount: expected a whole number, got nothing";
    QTest::newRow("accepted negative")
        << "usageEventsResult" << QByteArray(R"({"accepted": -1, "discarded": 0})") << 200
        << "accepted: expected a whole number, got a number";
    QTest::newRow("a scope not a string")
        << "signInProvider"
        << QByteArray(R"({"issuer": "https://idp.example", "clientId": "c", "scopes": ["openid",
            1]})")
        << 200 << "scopes[1]: expected a string";
    QTest::newRow("an issuer over plain HTTP")
        << "signInProvider"
        << QByteArray(R"({"issuer": "http://idp.example", "clientId": "c", "scopes": []})") << 200
        << "issuer: expected an https:// URL";
    QTest::newRow("a session not JSON")
        << "newSession" << QByteArray("x") << 201 << "invalid JSON at offset 1: illegal value";
    QTest::newRow("a session without token")
        << "newSession" << QByteArray(R"({"expiresAt": "2026-12-06T00:00:00Z"})") << 201
        << "token: expected a string, got nothing";
}

void TestJsonCodec::badInputNamesItsPlace()
{
    QFETCH(QString, decoder);
    QFETCH(QByteArray, json);
    QFETCH(int, status);
    QFETCH(QString, technical);
    ApiError error;
    const auto take = [&error](const auto &result) {
        QVERIFY(!result.ok());
        error = result.error();
    };
    if (decoder == QLatin1String("me"))
        take(JsonCodec::decodeMe(json));
    else if (decoder == QLatin1String("syncState"))
        take(JsonCodec::decodeSyncState(json));
    else if (decoder == QLatin1String("batchResult"))
        take(JsonCodec::decodeBatchResult(json));
    else if (decoder == QLatin1String("optOutList"))
        take(JsonCodec::decodeOptOutList(json));
    else if (decoder == QLatin1String("optOutRule"))
        take(JsonCodec::decodeOptOutRule(json));
    else if (decoder == QLatin1String("optOutRulePreview"))
        take(JsonCodec::decodeOptOutRulePreview(json));
    else if (decoder == QLatin1String("groupsPage"))
        take(JsonCodec::decodeGroupsPage(json));
    else if (decoder == QLatin1String("usageEventsResult"))
        take(JsonCodec::decodeUsageEventsResult(json));
    else if (decoder == QLatin1String("signInProvider"))
        take(JsonCodec::decodeSignInProvider(json));
    else if (decoder == QLatin1String("newSession"))
        take(JsonCodec::decodeNewSession(json));
    else
        QFAIL("no such decoder");
    QCOMPARE(error.kind, ApiError::Kind::Malformed);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.technical, technical);
}

QTEST_GUILESS_MAIN(TestJsonCodec)
#include "tst_jsoncodec.moc"
