// Opt-out rules by group and by e-mail domain against the real optout-server: members excluded
// from the next event, joiners and leavers, deleted rules, the retention window both ways, the
// audit of who did it, and bad input that changes nothing.
#include "testdatabase.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

namespace {

const QByteArray Admin = "demo-admin";
const QByteArray OtherAdmin = "demo-other-admin";
const QByteArray Tracker = "demo-tracker";
const QString GroupSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");
const QString PatchSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonArray members(const QStringList &ids)
{
    QJsonArray list;
    for (const QString &id : ids)
        list.append(QJsonObject {{QStringLiteral("value"), id}});
    return list;
}

} // namespace

class TestRules final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_server.stop(); }

    void groupRuleFollowsMembership();
    void domainRuleFollowsAddresses();
    void domainRuleCoversUsersAddedOutsideTheDirectory();
    void individualOptOutOutlivesTheRule();
    void retentionBothWays();
    void deleteStoredEventsAtCreation();
    void auditNamesWhoDidIt();
    void groupsForThePicker();
    void groupsTagFollowsMembersAndRules();
    void badInputChangesNothing_data();
    void badInputChangesNothing();

private:
    HttpResult api(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                   const QByteArray &token = Admin) const
    {
        return m_server.request(method, path, token, body.isEmpty() ? QByteArray() : json(body),
                                {{"Content-Type", "application/json"}});
    }
    HttpResult scim(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_server.request(method, QStringLiteral("/scim/v2") + path, m_scimToken,
                                body.isEmpty() ? QByteArray() : json(body),
                                {{"Content-Type", "application/scim+json"}});
    }
    QString createGroup(const QString &name, const QStringList &ids);
    bool patchMembers(const QString &group, const QString &op, const QStringList &ids);
    QString createUser(const QString &email);
    // Sends one client event of the user through the tracking service: "accepted" or
    // "discarded".
    QString sendEvent(const QString &userId);
    QJsonObject optOutOf(const QString &userId); // the user's entry of GET /optouts, or none
    qint64 revision();

    TestServer m_server;
    QByteArray m_scimToken;
};

void TestRules::init()
{
    QVERIFY(m_server.start(
        {QStringLiteral("--demo-users"), QStringLiteral("40"), QStringLiteral("--quiet")}));
    m_server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("idp.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nidp@example.com,Identity Provider,directory_sync\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("idp@example.com"),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    const QRegularExpression re(QStringLiteral("shown only now: (\\S+)"));
    QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(m_server.output()));
    while (it.hasNext())
        m_scimToken = it.next().captured(1).toUtf8();
    QVERIFY(m_scimToken.size() >= 40);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
}

QString TestRules::createGroup(const QString &name, const QStringList &ids)
{
    const HttpResult r = scim("POST", QStringLiteral("/Groups"),
                              {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                               {QStringLiteral("displayName"), name},
                               {QStringLiteral("members"), members(ids)}});
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json().object()[QStringLiteral("id")].toString();
}

bool TestRules::patchMembers(const QString &group, const QString &op, const QStringList &ids)
{
    const HttpResult r
        = scim("PATCH", QStringLiteral("/Groups/") + group,
               {{QStringLiteral("schemas"), QJsonArray {PatchSchema}},
                {QStringLiteral("Operations"),
                 QJsonArray {QJsonObject {{QStringLiteral("op"), op},
                                          {QStringLiteral("path"), QStringLiteral("members")},
                                          {QStringLiteral("value"), members(ids)}}}}});
    if (r.status != 204)
        qWarning() << r.status << r.body;
    return r.status == 204;
}

QString TestRules::createUser(const QString &email)
{
    const HttpResult r
        = scim("POST", QStringLiteral("/Users"),
               {{QStringLiteral("schemas"),
                 QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
                {QStringLiteral("userName"), email},
                {QStringLiteral("displayName"), email.section(QLatin1Char('@'), 0, 0)}});
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json().object()[QStringLiteral("id")].toString();
}

QString TestRules::sendEvent(const QString &userId)
{
    const QJsonObject event {
        {QStringLiteral("name"), QStringLiteral("optout.test")},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("userId"), userId}};
    const HttpResult r = api("POST", QStringLiteral("/api/v1/usage/events"),
                             {{QStringLiteral("events"), QJsonArray {event}}}, Tracker);
    if (r.status != 200)
        return QStringLiteral("status %1").arg(r.status);
    const QJsonObject o = r.json().object();
    if (o[QStringLiteral("accepted")].toInt() == 1)
        return QStringLiteral("accepted");
    if (o[QStringLiteral("discarded")].toInt() == 1)
        return QStringLiteral("discarded");
    return QString::fromUtf8(r.body);
}

QJsonObject TestRules::optOutOf(const QString &userId)
{
    const QJsonArray list = api("GET", QStringLiteral("/api/v1/optouts"))
                                .json()
                                .object()[QStringLiteral("optOuts")]
                                .toArray();
    for (const QJsonValue &e : list) {
        if (e[QStringLiteral("user")][QStringLiteral("id")].toString() == userId)
            return e.toObject();
    }
    return {};
}

qint64 TestRules::revision()
{
    return api("GET", QStringLiteral("/api/v1/optouts"))
        .json()
        .object()[QStringLiteral("revision")]
        .toInteger();
}

// A rule on a group: its members are excluded from the next event; a member who joins later is
// excluded from their next one; one who leaves is opted back in; an opt-in of a covered member
// is refused; the deleted rule opts them all back in.
void TestRules::groupRuleFollowsMembership()
{
    const QString group = createGroup(QStringLiteral("Works council"),
                                      {QStringLiteral("u-17"), QStringLiteral("u-4")});
    QVERIFY(!group.isEmpty());
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("accepted"));

    HttpResult r = api(
        "POST", QStringLiteral("/api/v1/optout-rules/preview"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), group}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("userCount")].toInt(), 2);
    QCOMPARE(r.json().object()[QStringLiteral("newlyOptedOut")].toInt(), 2);
    QCOMPARE(r.json().object()[QStringLiteral("sample")].toArray().size(), 2);
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("accepted")); // a preview only

    const qint64 before = revision();
    r = api("POST", QStringLiteral("/api/v1/optout-rules"),
            {{QStringLiteral("kind"), QStringLiteral("group")},
             {QStringLiteral("groupId"), group},
             {QStringLiteral("reason"), QStringLiteral("Works agreement")}});
    QCOMPARE(r.status, 201);
    const QJsonObject rule = r.json().object();
    const QString ruleId = rule[QStringLiteral("id")].toString();
    QVERIFY(ruleId.startsWith(QLatin1String("r-")));
    QCOMPARE(rule[QStringLiteral("group")][QStringLiteral("name")].toString(),
             QStringLiteral("Works council"));
    QCOMPARE(rule[QStringLiteral("userCount")].toInt(), 2);
    QCOMPARE(r.header("ETag"), '"' + QByteArray::number(before + 1) + '"');
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("discarded"));
    QCOMPARE(sendEvent(QStringLiteral("u-4")), QStringLiteral("discarded"));
    QCOMPARE(sendEvent(QStringLiteral("u-5")), QStringLiteral("accepted"));
    const QJsonObject entry = optOutOf(QStringLiteral("u-17"));
    QCOMPARE(entry[QStringLiteral("via")].toArray().size(), 1);
    QCOMPARE(entry[QStringLiteral("via")][0][QStringLiteral("kind")].toString(),
             QStringLiteral("group"));
    QCOMPARE(entry[QStringLiteral("via")][0][QStringLiteral("ruleId")].toString(), ruleId);
    QCOMPARE(
        entry[QStringLiteral("via")][0][QStringLiteral("group")][QStringLiteral("id")].toString(),
        group);
    QCOMPARE(entry[QStringLiteral("reason")].toString(), QStringLiteral("Works agreement"));
    // The same rule again: 200, the same rule, nothing changed.
    r = api(
        "POST", QStringLiteral("/api/v1/optout-rules"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), group}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("id")].toString(), ruleId);
    QCOMPARE(revision(), before + 1);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups"))
                 .json()
                 .object()[QStringLiteral("groups")][0][QStringLiteral("optedOut")]
                 .toBool(),
             true);

    // A new member: excluded at the next event; a member who leaves: opted back in.
    QVERIFY(patchMembers(group, QStringLiteral("add"), {QStringLiteral("u-5")}));
    QCOMPARE(sendEvent(QStringLiteral("u-5")), QStringLiteral("discarded"));
    QVERIFY(patchMembers(group, QStringLiteral("remove"), {QStringLiteral("u-4")}));
    QCOMPARE(sendEvent(QStringLiteral("u-4")), QStringLiteral("accepted"));
    QVERIFY(optOutOf(QStringLiteral("u-4")).isEmpty());

    // The opt-in of a covered user: 409, nothing changed.
    const qint64 atRefusal = revision();
    r = api("DELETE", QStringLiteral("/api/v1/optouts/u-17"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json().object()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("covered_by_rule"));
    QCOMPARE(r.json()
                 .object()[QStringLiteral("error")][QStringLiteral("details")]
                          [QStringLiteral("ruleIds")][0]
                 .toString(),
             ruleId);
    r = api("POST", QStringLiteral("/api/v1/optouts/batch"),
            {{QStringLiteral("optIn"), QJsonArray {QStringLiteral("u-6"), QStringLiteral("u-5")}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(
        r.json()
            .object()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("userIds")]
            .toArray(),
        QJsonArray {QStringLiteral("u-5")});
    QCOMPARE(revision(), atRefusal);
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("discarded"));

    // The rule deleted: everyone it covered is back in at the next event.
    r = api("DELETE", QStringLiteral("/api/v1/optout-rules/") + ruleId);
    QCOMPARE(r.status, 204);
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("accepted"));
    QCOMPARE(sendEvent(QStringLiteral("u-5")), QStringLiteral("accepted"));
    QVERIFY(optOutOf(QStringLiteral("u-17")).isEmpty());
    QCOMPARE(api("GET", QStringLiteral("/api/v1/optout-rules"))
                 .json()
                 .object()[QStringLiteral("rules")]
                 .toArray()
                 .size(),
             0);
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/optout-rules/") + ruleId).status, 404);
}

// A rule on a domain: matched without regard to case, users created later in it are covered,
// one whose address moves out is opted back in, one who moves in is opted out.
void TestRules::domainRuleFollowsAddresses()
{
    const QString anna = createUser(QStringLiteral("anna@Contractors.Example.com"));
    const QString bo = createUser(QStringLiteral("bo@contractors.example.com"));
    const QString cy = createUser(QStringLiteral("cy@staff.example.com"));
    QVERIFY(!anna.isEmpty() && !bo.isEmpty() && !cy.isEmpty());
    HttpResult r = api("POST", QStringLiteral("/api/v1/optout-rules/preview"),
                       {{QStringLiteral("kind"), QStringLiteral("emailDomain")},
                        {QStringLiteral("domain"), QStringLiteral("CONTRACTORS.example.com")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("userCount")].toInt(), 2);
    QCOMPARE(r.json().object()[QStringLiteral("sample")][0][QStringLiteral("id")].toString(), anna);
    r = api("POST", QStringLiteral("/api/v1/optout-rules"),
            {{QStringLiteral("kind"), QStringLiteral("emailDomain")},
             {QStringLiteral("domain"), QStringLiteral("contractors.example.com")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object()[QStringLiteral("domain")].toString(),
             QStringLiteral("contractors.example.com"));
    QCOMPARE(sendEvent(anna), QStringLiteral("discarded"));
    QCOMPARE(sendEvent(bo), QStringLiteral("discarded"));
    QCOMPARE(sendEvent(cy), QStringLiteral("accepted"));
    QCOMPARE(optOutOf(anna)[QStringLiteral("via")][0][QStringLiteral("domain")].toString(),
             QStringLiteral("contractors.example.com"));

    // Someone new in the domain: covered from their first event.
    const QString dee = createUser(QStringLiteral("dee@contractors.example.com"));
    QCOMPARE(sendEvent(dee), QStringLiteral("discarded"));
    // An address that moves out, and one that moves in.
    QJsonObject patch {{QStringLiteral("schemas"), QJsonArray {PatchSchema}},
                       {QStringLiteral("Operations"),
                        QJsonArray {QJsonObject {
                            {QStringLiteral("op"), QStringLiteral("replace")},
                            {QStringLiteral("path"), QStringLiteral("userName")},
                            {QStringLiteral("value"), QStringLiteral("bo@staff.example.com")}}}}};
    QCOMPARE(scim("PATCH", QStringLiteral("/Users/") + bo, patch).status, 200);
    QCOMPARE(sendEvent(bo), QStringLiteral("accepted"));
    patch[QStringLiteral("Operations")] = QJsonArray {
        QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                     {QStringLiteral("path"), QStringLiteral("userName")},
                     {QStringLiteral("value"), QStringLiteral("cy@contractors.example.com")}}};
    QCOMPARE(scim("PATCH", QStringLiteral("/Users/") + cy, patch).status, 200);
    QCOMPARE(sendEvent(cy), QStringLiteral("discarded"));
    // The directory's changes are audited as such.
    const QJsonArray entries = api("GET", QStringLiteral("/api/v1/audit?userId=") + bo)
                                   .json()
                                   .object()[QStringLiteral("entries")]
                                   .toArray();
    QCOMPARE(entries[0][QStringLiteral("action")].toString(), QStringLiteral("opt_in"));
    QVERIFY(entries[0][QStringLiteral("actor")].isNull());
    QCOMPARE(entries[0][QStringLiteral("source")].toString(), QStringLiteral("directory"));
    QCOMPARE(entries[0][QStringLiteral("via")][0][QStringLiteral("kind")].toString(),
             QStringLiteral("emailDomain"));
}

// Users who come in by --import-users (or --demo: the same write) in a domain that has a rule are
// covered from their first event, as a SCIM-created user is.
void TestRules::domainRuleCoversUsersAddedOutsideTheDirectory()
{
    HttpResult r = api("POST", QStringLiteral("/api/v1/optout-rules"),
                       {{QStringLiteral("kind"), QStringLiteral("emailDomain")},
                        {QStringLiteral("domain"), QStringLiteral("contractors.example.com")}});
    QCOMPARE(r.status, 201);
    const QString rule = r.json().object()[QStringLiteral("id")].toString();
    const qint64 before = revision();
    m_server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("people.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\n"
              "eve@Contractors.Example.com,Eve,user\n"
              "fay@staff.example.com,Fay,user\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    const auto idOf = [this](const QString &email) {
        return scim("GET",
                    QStringLiteral("/Users?filter=%1")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(
                            QStringLiteral("userName eq \"%1\"").arg(email)))))
            .json()
            .object()[QStringLiteral("Resources")][0][QStringLiteral("id")]
            .toString();
    };
    const QString eve = idOf(QStringLiteral("eve@Contractors.Example.com"));
    const QString fay = idOf(QStringLiteral("fay@staff.example.com"));
    QVERIFY(!eve.isEmpty() && !fay.isEmpty());
    QCOMPARE(sendEvent(eve), QStringLiteral("discarded"));
    QCOMPARE(sendEvent(fay), QStringLiteral("accepted"));
    const QJsonObject entry = optOutOf(eve);
    QCOMPARE(entry[QStringLiteral("via")].toArray().size(), 1);
    QCOMPARE(entry[QStringLiteral("via")][0][QStringLiteral("kind")].toString(),
             QStringLiteral("emailDomain"));
    QCOMPARE(entry[QStringLiteral("via")][0][QStringLiteral("ruleId")].toString(), rule);
    QVERIFY(optOutOf(fay).isEmpty());
    QCOMPARE(revision(), before + 1); // one step for the import's covers
    // The rule counts its new user; deleted, it opts them back in.
    const QJsonArray rules = api("GET", QStringLiteral("/api/v1/optout-rules"))
                                 .json()[QStringLiteral("rules")]
                                 .toArray();
    QCOMPARE(rules.size(), 1);
    QCOMPARE(rules[0][QStringLiteral("userCount")].toInt(), 1);
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/optout-rules/") + rule).status, 204);
    QCOMPARE(sendEvent(eve), QStringLiteral("accepted"));
}

// An individual opt-out of a covered user is recorded (201), and keeps the user out when the
// rule goes.
void TestRules::individualOptOutOutlivesTheRule()
{
    const QString group = createGroup(QStringLiteral("Board"), {QStringLiteral("u-6")});
    HttpResult r = api(
        "POST", QStringLiteral("/api/v1/optout-rules"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), group}});
    QCOMPARE(r.status, 201);
    const QString ruleId = r.json().object()[QStringLiteral("id")].toString();
    r = api("PUT", QStringLiteral("/api/v1/optouts/u-6"),
            {{QStringLiteral("reason"), QStringLiteral("asked in person")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object()[QStringLiteral("via")].toArray().size(), 2);
    QCOMPARE(api("PUT", QStringLiteral("/api/v1/optouts/u-6")).status, 200);
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/optout-rules/") + ruleId).status, 204);
    QCOMPARE(sendEvent(QStringLiteral("u-6")), QStringLiteral("discarded"));
    const QJsonArray via = optOutOf(QStringLiteral("u-6"))[QStringLiteral("via")].toArray();
    QCOMPARE(via.size(), 1);
    QCOMPARE(via[0][QStringLiteral("kind")].toString(), QStringLiteral("individual"));
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/optouts/u-6")).status, 204);
    QCOMPARE(sendEvent(QStringLiteral("u-6")), QStringLiteral("accepted"));
}

// Users a rule covers get the retention window (their stored events hidden, deleted at
// purgeAt); users it stops covering keep their events while inside it.
void TestRules::retentionBothWays()
{
    QCOMPARE(sendEvent(QStringLiteral("u-7")), QStringLiteral("accepted"));
    QCOMPARE(sendEvent(QStringLiteral("u-7")), QStringLiteral("accepted"));
    const QString group = createGroup(QStringLiteral("Interns"), {QStringLiteral("u-7")});
    HttpResult r = api(
        "POST", QStringLiteral("/api/v1/optout-rules"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), group}});
    QCOMPARE(r.status, 201);
    const QString ruleId = r.json().object()[QStringLiteral("id")].toString();
    const QDateTime purgeAt = QDateTime::fromString(
        optOutOf(QStringLiteral("u-7"))[QStringLiteral("purgeAt")].toString(), Qt::ISODate);
    QVERIFY(purgeAt > QDateTime::currentDateTimeUtc().addDays(6));
    const auto summaryOf = [this](const QString &id) {
        const QJsonArray users = api("GET", QStringLiteral("/api/v1/usage/summary"))
                                     .json()
                                     .object()[QStringLiteral("users")]
                                     .toArray();
        for (const QJsonValue &u : users) {
            if (u[QStringLiteral("user")][QStringLiteral("id")].toString() == id)
                return u.toObject();
        }
        return QJsonObject();
    };
    QJsonObject summary = summaryOf(QStringLiteral("u-7"));
    QCOMPARE(summary[QStringLiteral("client")].toInt(), 0);
    QCOMPARE(summary[QStringLiteral("awaitingDeletion")][QStringLiteral("client")].toInt(), 2);
    // Out of the group inside the window: the events are theirs again.
    QVERIFY(patchMembers(group, QStringLiteral("remove"), {QStringLiteral("u-7")}));
    summary = summaryOf(QStringLiteral("u-7"));
    QCOMPARE(summary[QStringLiteral("client")].toInt(), 2);
    QVERIFY(!summary.contains(QStringLiteral("awaitingDeletion")));
    QCOMPARE(api("DELETE", QStringLiteral("/api/v1/optout-rules/") + ruleId).status, 204);

    // With no window (--purge-after 0), a user a rule covers loses their stored events at once.
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet"),
                              QStringLiteral("--purge-after"), QStringLiteral("0")}));
    QCOMPARE(sendEvent(QStringLiteral("u-8")), QStringLiteral("accepted"));
    QVERIFY(patchMembers(group, QStringLiteral("add"), {QStringLiteral("u-8")}));
    r = api(
        "POST", QStringLiteral("/api/v1/optout-rules"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), group}});
    QCOMPARE(r.status, 201);
    summary = summaryOf(QStringLiteral("u-8"));
    QVERIFY2(summary.isEmpty() || summary[QStringLiteral("client")].toInt() == 0,
             QJsonDocument(summary).toJson());
    QVERIFY(!summary.contains(QStringLiteral("awaitingDeletion")));
}

void TestRules::deleteStoredEventsAtCreation()
{
    QCOMPARE(sendEvent(QStringLiteral("u-10")), QStringLiteral("accepted"));
    const QString group = createGroup(QStringLiteral("Leavers"), {QStringLiteral("u-10")});
    const HttpResult r = api("POST", QStringLiteral("/api/v1/optout-rules"),
                             {{QStringLiteral("kind"), QStringLiteral("group")},
                              {QStringLiteral("groupId"), group},
                              {QStringLiteral("deleteStoredEvents"), true}});
    QCOMPARE(r.status, 201);
    const QJsonArray entries = api("GET", QStringLiteral("/api/v1/audit?action=purge&userId=u-10"))
                                   .json()
                                   .object()[QStringLiteral("entries")]
                                   .toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0][QStringLiteral("count")].toInt(), 1);
    QCOMPARE(entries[0][QStringLiteral("actor")][QStringLiteral("id")].toString(),
             QStringLiteral("u-1"));
    QCOMPARE(entries[0][QStringLiteral("source")].toString(), QStringLiteral("request"));
    QCOMPARE(entries[0][QStringLiteral("requestId")].toString(),
             QString::fromLatin1(r.header("X-Request-Id")));
}

// rule_created / rule_deleted with counts, the administrator as actor, and one requestId for
// the entries of one request.
void TestRules::auditNamesWhoDidIt()
{
    const QString group
        = createGroup(QStringLiteral("Sales"), {QStringLiteral("u-11"), QStringLiteral("u-12")});
    QCOMPARE(api("PUT", QStringLiteral("/api/v1/optouts/u-12")).status, 201);
    HttpResult r = api("POST", QStringLiteral("/api/v1/optout-rules"),
                       {{QStringLiteral("kind"), QStringLiteral("group")},
                        {QStringLiteral("groupId"), group},
                        {QStringLiteral("reason"), QStringLiteral("Sales agreement")}});
    QCOMPARE(r.status, 201);
    const QByteArray requestId = r.header("X-Request-Id");
    QVERIFY(!requestId.isEmpty());
    QJsonArray entries = api("GET", QStringLiteral("/api/v1/audit?action=rule_created"))
                             .json()
                             .object()[QStringLiteral("entries")]
                             .toArray();
    QCOMPARE(entries.size(), 1);
    QJsonObject e = entries[0].toObject();
    QCOMPARE(e[QStringLiteral("count")].toInt(), 1); // u-12 was out already
    QCOMPARE(e[QStringLiteral("reason")].toString(), QStringLiteral("Sales agreement"));
    QCOMPARE(e[QStringLiteral("actor")][QStringLiteral("id")].toString(), QStringLiteral("u-1"));
    QCOMPARE(e[QStringLiteral("source")].toString(), QStringLiteral("request"));
    QVERIFY(e[QStringLiteral("user")].isNull());
    QCOMPARE(e[QStringLiteral("rule")][QStringLiteral("group")][QStringLiteral("name")].toString(),
             QStringLiteral("Sales"));
    QCOMPARE(e[QStringLiteral("requestId")].toString(), QString::fromLatin1(requestId));
    const QString ruleId = e[QStringLiteral("rule")][QStringLiteral("id")].toString();

    // One batch request: every entry carries its requestId.
    r = api(
        "POST", QStringLiteral("/api/v1/optouts/batch"),
        {{QStringLiteral("optOut"), QJsonArray {QStringLiteral("u-13"), QStringLiteral("u-14")}}});
    QCOMPARE(r.status, 200);
    entries = api("GET", QStringLiteral("/api/v1/audit?action=opt_out&limit=2"))
                  .json()
                  .object()[QStringLiteral("entries")]
                  .toArray();
    QCOMPARE(entries.size(), 2);
    for (const QJsonValue &entry : std::as_const(entries)) {
        QCOMPARE(entry[QStringLiteral("requestId")].toString(),
                 QString::fromLatin1(r.header("X-Request-Id")));
    }

    // A deleted group takes its rule with it: the directory's doing, and the members' opt-in.
    QCOMPARE(scim("DELETE", QStringLiteral("/Groups/") + group).status, 204);
    entries = api("GET", QStringLiteral("/api/v1/audit?action=rule_deleted"))
                  .json()
                  .object()[QStringLiteral("entries")]
                  .toArray();
    QCOMPARE(entries.size(), 1);
    e = entries[0].toObject();
    QVERIFY(e[QStringLiteral("actor")].isNull());
    QCOMPARE(e[QStringLiteral("source")].toString(), QStringLiteral("directory"));
    QCOMPARE(e[QStringLiteral("count")].toInt(), 1); // u-11; u-12 is out individually
    QCOMPARE(e[QStringLiteral("rule")][QStringLiteral("id")].toString(), ruleId);
    QCOMPARE(sendEvent(QStringLiteral("u-11")), QStringLiteral("accepted"));
    QCOMPARE(sendEvent(QStringLiteral("u-12")), QStringLiteral("discarded"));
}

void TestRules::groupsForThePicker()
{
    const QString council = createGroup(QStringLiteral("Works council"),
                                        {QStringLiteral("u-17"), QStringLiteral("u-4")});
    createGroup(QStringLiteral("Berlin office"), {QStringLiteral("u-5")});
    HttpResult r = api("GET", QStringLiteral("/api/v1/groups?pageSize=1"));
    QCOMPARE(r.status, 200);
    QJsonObject page = r.json().object();
    QCOMPARE(page[QStringLiteral("total")].toInt(), 2);
    QCOMPARE(page[QStringLiteral("lastPage")].toBool(), false);
    QCOMPARE(page[QStringLiteral("groups")][0][QStringLiteral("name")].toString(),
             QStringLiteral("Berlin office"));
    const QByteArray etag = r.header("ETag");
    QCOMPARE(m_server
                 .request("GET", QStringLiteral("/api/v1/groups?pageSize=1"), Admin, {},
                          {{"If-None-Match", etag}})
                 .status,
             304);
    r = api("GET", QStringLiteral("/api/v1/groups?search=COUNC"));
    page = r.json().object();
    QCOMPARE(page[QStringLiteral("total")].toInt(), 1);
    QCOMPARE(page[QStringLiteral("groups")][0][QStringLiteral("memberCount")].toInt(), 2);
    QCOMPARE(page[QStringLiteral("groups")][0][QStringLiteral("optedOut")].toBool(), false);
    r = api("GET", QStringLiteral("/api/v1/groups/%1/members").arg(council));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("total")].toInt(), 2);
    QCOMPARE(r.json().object()[QStringLiteral("users")][0][QStringLiteral("id")].toString().left(2),
             QStringLiteral("u-"));
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups/g-999/members")).status, 404);
    QCOMPARE(
        api("GET", QStringLiteral("/api/v1/groups/%1/members").arg(council), {}, OtherAdmin).status,
        404);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups"), {}, OtherAdmin)
                 .json()
                 .object()[QStringLiteral("total")]
                 .toInt(),
             0);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups"), {}, "demo-user").status, 403);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups?pageSize=0")).status, 400);
}

// The picker's refresh: a 304 while nothing changed; a membership added or removed, a member
// deleted from the directory or brought back, a rule: each a new tag and the count it makes.
void TestRules::groupsTagFollowsMembersAndRules()
{
    const QString council = createGroup(QStringLiteral("Works council"),
                                        {QStringLiteral("u-4"), QStringLiteral("u-17")});
    QVERIFY(!council.isEmpty());
    const auto read = [this](const QByteArray &etag) {
        return m_server.request("GET", QStringLiteral("/api/v1/groups"), Admin, {},
                                {{"If-None-Match", etag}});
    };
    const auto count = [](const HttpResult &r) {
        return r.json()
            .object()[QStringLiteral("groups")][0][QStringLiteral("memberCount")]
            .toInt();
    };
    HttpResult r = api("GET", QStringLiteral("/api/v1/groups"));
    QCOMPARE(r.status, 200);
    QCOMPARE(count(r), 2);
    QByteArray etag = r.header("ETag");
    QVERIFY(!etag.isEmpty());
    QCOMPARE(read(etag).status, 304);
    QCOMPARE(read(etag).header("ETag"), etag);
    // Another page of the same state has a tag of its own.
    const QByteArray pageTag
        = api("GET", QStringLiteral("/api/v1/groups?pageSize=1")).header("ETag");
    QVERIFY(pageTag != etag);
    QCOMPARE(read(pageTag).status, 200);

    const auto changed = [&](int members, bool optedOut) -> bool {
        const HttpResult after = read(etag);
        if (after.status != 200 || after.header("ETag") == etag || count(after) != members
            || after.json()
                    .object()[QStringLiteral("groups")][0][QStringLiteral("optedOut")]
                    .toBool()
                != optedOut) {
            qWarning() << after.status << after.header("ETag") << etag << after.body;
            return false;
        }
        etag = after.header("ETag");
        return read(etag).status == 304;
    };
    QVERIFY(patchMembers(council, QStringLiteral("add"), {QStringLiteral("u-5")}));
    QVERIFY(changed(3, false));
    QVERIFY(patchMembers(council, QStringLiteral("remove"), {QStringLiteral("u-4")}));
    QVERIFY(changed(2, false));

    // A member who leaves the directory is not counted, and counted again when created again.
    const QString userName = scim("GET", QStringLiteral("/Users/u-5"))
                                 .json()
                                 .object()[QStringLiteral("userName")]
                                 .toString();
    QVERIFY(!userName.isEmpty());
    QCOMPARE(scim("DELETE", QStringLiteral("/Users/u-5")).status, 204);
    QVERIFY(changed(1, false));
    QCOMPARE(createUser(userName), QStringLiteral("u-5"));
    QVERIFY(changed(2, false));

    const HttpResult rule = api(
        "POST", QStringLiteral("/api/v1/optout-rules"),
        {{QStringLiteral("kind"), QStringLiteral("group")}, {QStringLiteral("groupId"), council}});
    QCOMPARE(rule.status, 201);
    QVERIFY(changed(2, true));
    // A PUT replacing the members with a deleted one among those before.
    QCOMPARE(scim("DELETE", QStringLiteral("/Users/u-17")).status, 204);
    QVERIFY(changed(1, true));
    QCOMPARE(scim("PUT", QStringLiteral("/Groups/") + council,
                  {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                   {QStringLiteral("displayName"), QStringLiteral("Works council")},
                   {QStringLiteral("members"), members({QStringLiteral("u-6")})}})
                 .status,
             200);
    QVERIFY(changed(1, true));
    QCOMPARE(api("GET", QStringLiteral("/api/v1/groups/%1/members").arg(council))
                 .json()
                 .object()[QStringLiteral("users")][0][QStringLiteral("id")]
                 .toString(),
             QStringLiteral("u-6"));
}

void TestRules::badInputChangesNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("token");

    const auto domain = [](const QString &d) {
        return json({{QStringLiteral("kind"), QStringLiteral("emailDomain")},
                     {QStringLiteral("domain"), d}});
    };
    const QString rules = QStringLiteral("/api/v1/optout-rules");
    const QString preview = QStringLiteral("/api/v1/optout-rules/preview");
    // A group search holding a control character (a NUL was an error of the database's).
    QTest::newRow("groups: search with NUL")
        << QByteArray("GET") << QStringLiteral("/api/v1/groups?search=%00x") << QByteArray() << 400
        << Admin;
    QTest::newRow("groups: search with a line break")
        << QByteArray("GET") << QStringLiteral("/api/v1/groups?search=a%0Ab") << QByteArray() << 400
        << Admin;
    for (const QString &path : {rules, preview}) {
        const QByteArray p = path == rules ? "create: " : "preview: ";
        QTest::newRow(p + "domain *")
            << QByteArray("POST") << path << domain(QStringLiteral("*")) << 400 << Admin;
        QTest::newRow(p + "domain without a dot")
            << QByteArray("POST") << path << domain(QStringLiteral("example")) << 400 << Admin;
        QTest::newRow(p + "domain a..b")
            << QByteArray("POST") << path << domain(QStringLiteral("a..b")) << 400 << Admin;
        QTest::newRow(p + "domain of 300 characters")
            << QByteArray("POST") << path
            << domain(QString(296, QLatin1Char('a')) + QStringLiteral(".com")) << 400 << Admin;
        QTest::newRow(p + "domain with @")
            << QByteArray("POST") << path << domain(QStringLiteral("@example.com")) << 400 << Admin;
        QTest::newRow(p + "unknown group")
            << QByteArray("POST") << path
            << json({{QStringLiteral("kind"), QStringLiteral("group")},
                     {QStringLiteral("groupId"), QStringLiteral("g-999")}})
            << 404 << Admin;
        QTest::newRow(p + "another organisation's group")
            << QByteArray("POST") << path
            << json({{QStringLiteral("kind"), QStringLiteral("group")},
                     {QStringLiteral("groupId"), QStringLiteral("GROUP")}})
            << 404 << OtherAdmin;
        QTest::newRow(p + "unknown kind")
            << QByteArray("POST") << path
            << json({{QStringLiteral("kind"), QStringLiteral("user")},
                     {QStringLiteral("groupId"), QStringLiteral("GROUP")}})
            << 400 << Admin;
        QTest::newRow(p + "no group id")
            << QByteArray("POST") << path
            << json({{QStringLiteral("kind"), QStringLiteral("group")}}) << 400 << Admin;
        QTest::newRow(p + "not JSON")
            << QByteArray("POST") << path << QByteArray("{") << 400 << Admin;
        QTest::newRow(p + "a plain user")
            << QByteArray("POST") << path << domain(QStringLiteral("example.org")) << 403
            << QByteArray("demo-user");
    }
    QTest::newRow("create: unknown field")
        << QByteArray("POST") << rules
        << json({{QStringLiteral("kind"), QStringLiteral("emailDomain")},
                 {QStringLiteral("domain"), QStringLiteral("example.org")},
                 {QStringLiteral("color"), QStringLiteral("red")}})
        << 400 << Admin;
    QTest::newRow("create: reason too long")
        << QByteArray("POST") << rules
        << json({{QStringLiteral("kind"), QStringLiteral("emailDomain")},
                 {QStringLiteral("domain"), QStringLiteral("example.org")},
                 {QStringLiteral("reason"), QString(501, QLatin1Char('x'))}})
        << 400 << Admin;
    QTest::newRow("delete: unknown rule")
        << QByteArray("DELETE") << rules + QStringLiteral("/r-999") << QByteArray() << 404 << Admin;
    QTest::newRow("delete: another organisation's rule")
        << QByteArray("DELETE") << rules + QStringLiteral("/RULE") << QByteArray() << 404
        << OtherAdmin;
}

void TestRules::badInputChangesNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, token);
    const QString group = createGroup(QStringLiteral("Works council"), {QStringLiteral("u-17")});
    const HttpResult made
        = api("POST", QStringLiteral("/api/v1/optout-rules"),
              {{QStringLiteral("kind"), QStringLiteral("emailDomain")},
               {QStringLiteral("domain"), QStringLiteral("contractors.example")}});
    QCOMPARE(made.status, 201);
    const QString rule = made.json().object()[QStringLiteral("id")].toString();
    body.replace("GROUP", group.toUtf8());
    path.replace(QLatin1String("RULE"), rule);
    const QByteArray before = api("GET", QStringLiteral("/api/v1/optout-rules")).body;
    const QByteArray optOutsBefore = api("GET", QStringLiteral("/api/v1/optouts")).body;
    const HttpResult r
        = m_server.request(method, path, token, body, {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, status);
    QVERIFY2(
        !r.json().object()[QStringLiteral("error")][QStringLiteral("code")].toString().isEmpty(),
        r.body);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/optout-rules")).body, before);
    QCOMPARE(api("GET", QStringLiteral("/api/v1/optouts")).body, optOutsBefore);
    QCOMPARE(sendEvent(QStringLiteral("u-17")), QStringLiteral("accepted"));
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
