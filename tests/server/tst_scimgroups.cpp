// SCIM Groups against the real optout-server: the group push of Okta and the group provisioning
// of Entra ID as their documentation shows them, users' read-only groups, and bad input that
// changes nothing.
#include "eventstreamclient.h"
#include "scimdirectory.h"
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
const QString GroupSchema = QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group");
const QString PatchSchema = QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString encoded(const QString &filter)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(filter));
}

QJsonObject patch(const QJsonArray &operations)
{
    return {{QStringLiteral("schemas"), QJsonArray {PatchSchema}},
            {QStringLiteral("Operations"), operations}};
}

QJsonObject op(const QString &name, const QString &path, const QJsonValue &value)
{
    QJsonObject o {{QStringLiteral("op"), name}};
    if (!path.isEmpty())
        o.insert(QStringLiteral("path"), path);
    if (!value.isUndefined())
        o.insert(QStringLiteral("value"), value);
    return o;
}

QJsonArray members(const QStringList &ids)
{
    QJsonArray list;
    for (const QString &id : ids)
        list.append(QJsonObject {{QStringLiteral("value"), id}});
    return list;
}

} // namespace

class TestScimGroups final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_server.stop(); }

    void discovery();
    void oktaGroupPush();
    void entraGroupProvisioning();
    void usersShowTheirGroups();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void otherOrganisationIsNotFound();
    void groupChangesReachTheChangeStream();
    void entraMembershipCheck();

private:
    HttpResult scim(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                    const QByteArray &token = {})
    {
        return ScimDirectory::request(m_server, method, path, token.isEmpty() ? m_scimToken : token,
                                      body);
    }
    // The group's member ids, sorted, as GET /Groups/{id} shows them.
    QStringList memberIds(const QString &groupId);
    QString createGroup(const QString &name, const QStringList &memberIds);

    TestServer m_server;
    QByteArray m_scimToken; // directory_sync of Example Org (o-1)
    QByteArray m_otherScimToken; // directory_sync of Other Org (o-2)
};

void TestScimGroups::init()
{
    const ScimDirectory::Providers tokens = ScimDirectory::setUpTwoOrganisations(m_server);
    m_scimToken = tokens.exampleOrg;
    m_otherScimToken = tokens.otherOrg;
    QVERIFY(m_scimToken.size() >= 40);
    QVERIFY(m_otherScimToken.size() >= 40);
}

QStringList TestScimGroups::memberIds(const QString &groupId)
{
    const HttpResult r = scim("GET", QStringLiteral("/Groups/") + groupId);
    if (r.status != 200)
        return {QStringLiteral("status %1").arg(r.status)};
    QStringList ids;
    const QJsonArray list = r.json().object()[QStringLiteral("members")].toArray();
    for (const QJsonValue &m : list)
        ids.append(m[QStringLiteral("value")].toString());
    std::sort(ids.begin(), ids.end());
    return ids;
}

QString TestScimGroups::createGroup(const QString &name, const QStringList &ids)
{
    const HttpResult r = scim("POST", QStringLiteral("/Groups"),
                              {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                               {QStringLiteral("displayName"), name},
                               {QStringLiteral("members"), members(ids)}});
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json().object()[QStringLiteral("id")].toString();
}

void TestScimGroups::discovery()
{
    const QJsonObject types = scim("GET", QStringLiteral("/ResourceTypes")).json().object();
    QCOMPARE(types[QStringLiteral("totalResults")].toInt(), 2);
    QCOMPARE(types[QStringLiteral("Resources")][1][QStringLiteral("endpoint")].toString(),
             QStringLiteral("/Groups"));
    HttpResult r = scim("GET", QStringLiteral("/ResourceTypes/Group"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("schema")].toString(), GroupSchema);
    r = scim("GET", QStringLiteral("/Schemas/") + GroupSchema);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("attributes")][0][QStringLiteral("name")].toString(),
             QStringLiteral("displayName"));
    const QJsonObject schemas = scim("GET", QStringLiteral("/Schemas")).json().object();
    QCOMPARE(schemas[QStringLiteral("totalResults")].toInt(), 2);
}

// Okta's group push (SCIM 2.0 guide): is the group there by displayName, create it with no
// members, read it, rename it with a path-less replace, add members, remove one by a filter
// path, replace the members, delete it.
void TestScimGroups::oktaGroupPush()
{
    const QString filter = encoded(QStringLiteral("displayName eq \"Test SCIMv2\""));
    HttpResult r
        = scim("GET", QStringLiteral("/Groups?filter=%1&startIndex=1&count=100").arg(filter));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/scim+json"));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 0);
    QCOMPARE(r.json().object()[QStringLiteral("Resources")].toArray().size(), 0);

    r = scim("POST", QStringLiteral("/Groups"),
             {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
              {QStringLiteral("displayName"), QStringLiteral("Test SCIMv2")},
              {QStringLiteral("members"), QJsonArray()}});
    QCOMPARE(r.status, 201);
    QJsonObject group = r.json().object();
    const QString id = group[QStringLiteral("id")].toString();
    QVERIFY(id.startsWith(QLatin1String("g-")));
    QCOMPARE(group[QStringLiteral("displayName")].toString(), QStringLiteral("Test SCIMv2"));
    QCOMPARE(group[QStringLiteral("members")].toArray().size(), 0);
    QCOMPARE(group[QStringLiteral("meta")][QStringLiteral("resourceType")].toString(),
             QStringLiteral("Group"));
    QVERIFY(r.header("Location").endsWith("/scim/v2/Groups/" + id.toLatin1()));

    r = scim("GET", QStringLiteral("/Groups?filter=%1&startIndex=1&count=100").arg(filter));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 1);
    QCOMPARE(r.json().object()[QStringLiteral("Resources")][0][QStringLiteral("id")].toString(),
             id);
    r = scim("GET", QStringLiteral("/Groups/") + id);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Test SCIMv2"));

    // Rename: a path-less replace whose value repeats the id.
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(
                 QStringLiteral("replace"), {},
                 QJsonObject {{QStringLiteral("id"), id},
                              {QStringLiteral("displayName"), QStringLiteral("Works council")}})}));
    QCOMPARE(r.status, 204);
    r = scim("GET", QStringLiteral("/Groups/") + id);
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Works council"));

    // Members: add three (with Okta's display), remove one by filter, replace with two.
    QJsonArray three;
    for (const char *u : {"u-10", "u-4", "u-5"}) {
        three.append(
            QJsonObject {{QStringLiteral("value"), QString::fromLatin1(u)},
                         {QStringLiteral("display"), QStringLiteral("someone@example.com")}});
    }
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("add"), QStringLiteral("members"), three)}));
    QCOMPARE(r.status, 204);
    QCOMPARE(memberIds(id),
             (QStringList {QStringLiteral("u-10"), QStringLiteral("u-4"), QStringLiteral("u-5")}));
    r = scim("GET", QStringLiteral("/Groups/") + id);
    QCOMPARE(r.json()
                 .object()[QStringLiteral("members")][0][QStringLiteral("display")]
                 .toString()
                 .contains(QLatin1Char('@')),
             true);
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("remove"), QStringLiteral("members[value eq \"u-4\"]"),
                       QJsonValue::Undefined)}));
    QCOMPARE(r.status, 204);
    QCOMPARE(memberIds(id), (QStringList {QStringLiteral("u-10"), QStringLiteral("u-5")}));
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("replace"), QStringLiteral("members"),
                       members({QStringLiteral("u-6"), QStringLiteral("u-5")}))}));
    QCOMPARE(r.status, 204);
    QCOMPARE(memberIds(id), (QStringList {QStringLiteral("u-5"), QStringLiteral("u-6")}));

    // Okta may also PUT the whole group: name and members replaced.
    r = scim("PUT", QStringLiteral("/Groups/") + id,
             {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
              {QStringLiteral("id"), id},
              {QStringLiteral("displayName"), QStringLiteral("Works council (EU)")},
              {QStringLiteral("members"), members({QStringLiteral("u-7")})}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Works council (EU)"));
    QCOMPARE(memberIds(id), QStringList {QStringLiteral("u-7")});

    r = scim("DELETE", QStringLiteral("/Groups/") + id);
    QCOMPARE(r.status, 204);
    ScimDirectory::expectError(scim("GET", QStringLiteral("/Groups/") + id), 404, nullptr);
    ScimDirectory::expectError(scim("DELETE", QStringLiteral("/Groups/") + id), 404, nullptr);
}

// Entra ID's provisioning (its SCIM endpoint tutorial): create with its own schema beside the
// core one and an externalId, read without members, find by displayName without members, patch
// with capitalised op names (replace the name with and without a path, add and remove members),
// delete.
void TestScimGroups::entraGroupProvisioning()
{
    HttpResult r = scim(
        "POST", QStringLiteral("/Groups"),
        {{QStringLiteral("schemas"),
          QJsonArray {GroupSchema,
                      QStringLiteral("http://schemas.microsoft.com/2006/11/ResourceManagement/"
                                     "ADSCIM/2.0/Group")}},
         {QStringLiteral("externalId"), QStringLiteral("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159")},
         {QStringLiteral("displayName"), QStringLiteral("displayName")},
         {QStringLiteral("meta"),
          QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("Group")}}}});
    QCOMPARE(r.status, 201);
    const QString id = r.json().object()[QStringLiteral("id")].toString();
    QCOMPARE(r.json().object()[QStringLiteral("externalId")].toString(),
             QStringLiteral("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159"));

    r = scim("GET", QStringLiteral("/Groups/%1?excludedAttributes=members").arg(id));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().object().contains(QStringLiteral("members")));
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("displayName"));

    r = scim("GET",
             QStringLiteral("/Groups?excludedAttributes=members&filter=%1")
                 .arg(encoded(QStringLiteral("displayName eq \"displayName\""))));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 1);
    QJsonObject found = r.json().object()[QStringLiteral("Resources")][0].toObject();
    QCOMPARE(found[QStringLiteral("id")].toString(), id);
    QVERIFY(!found.contains(QStringLiteral("members")));
    r = scim("GET",
             QStringLiteral("/Groups?filter=%1")
                 .arg(encoded(
                     QStringLiteral("externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\""))));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 1);

    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("Replace"), QStringLiteral("displayName"),
                       QStringLiteral("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"))}));
    QCOMPARE(r.status, 204);
    r = scim(
        "PATCH", QStringLiteral("/Groups/") + id,
        patch({op(QStringLiteral("Replace"), {},
                  QJsonObject {{QStringLiteral("displayName"), QStringLiteral("Contractors")}})}));
    QCOMPARE(r.status, 204);
    QJsonArray entraMembers;
    for (const char *u : {"u-8", "u-9"}) {
        entraMembers.append(QJsonObject {{QStringLiteral("$ref"), QJsonValue::Null},
                                         {QStringLiteral("value"), QString::fromLatin1(u)}});
    }
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("Add"), QStringLiteral("members"), entraMembers)}));
    QCOMPARE(r.status, 204);
    QCOMPARE(memberIds(id), (QStringList {QStringLiteral("u-8"), QStringLiteral("u-9")}));
    // Adding one again changes nothing.
    r = scim("PATCH", QStringLiteral("/Groups/") + id,
             patch({op(QStringLiteral("Add"), QStringLiteral("members"),
                       members({QStringLiteral("u-9")}))}));
    QCOMPARE(r.status, 204);
    r = scim(
        "PATCH", QStringLiteral("/Groups/") + id,
        patch({op(QStringLiteral("Remove"), QStringLiteral("members"),
                  QJsonArray {QJsonObject {{QStringLiteral("$ref"), QJsonValue::Null},
                                           {QStringLiteral("value"), QStringLiteral("u-8")}}})}));
    QCOMPARE(r.status, 204);
    QCOMPARE(memberIds(id), QStringList {QStringLiteral("u-9")});
    r = scim("GET", QStringLiteral("/Groups/") + id);
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Contractors"));

    QCOMPARE(scim("DELETE", QStringLiteral("/Groups/") + id).status, 204);
    r = scim("GET",
             QStringLiteral("/Groups?filter=%1")
                 .arg(encoded(QStringLiteral("displayName eq \"Contractors\""))));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 0);
}

void TestScimGroups::usersShowTheirGroups()
{
    const QString council = createGroup(QStringLiteral("Works council"), {QStringLiteral("u-10")});
    const QString berlin = createGroup(QStringLiteral("Berlin office"),
                                       {QStringLiteral("u-10"), QStringLiteral("u-4")});
    QVERIFY(!council.isEmpty() && !berlin.isEmpty());
    HttpResult r = scim("GET", QStringLiteral("/Users/u-10"));
    QCOMPARE(r.status, 200);
    const QJsonArray groups = r.json().object()[QStringLiteral("groups")].toArray();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups[0][QStringLiteral("value")].toString(), berlin); // by name
    QCOMPARE(groups[0][QStringLiteral("display")].toString(), QStringLiteral("Berlin office"));
    QCOMPARE(groups[1][QStringLiteral("value")].toString(), council);
    r = scim("GET",
             QStringLiteral("/Users?filter=%1").arg(encoded(QStringLiteral("id eq \"u-4\""))));
    QCOMPARE(r.json()
                 .object()[QStringLiteral("Resources")][0][QStringLiteral("groups")]
                 .toArray()
                 .size(),
             1);
    r = scim("GET", QStringLiteral("/Users/u-5"));
    QCOMPARE(r.json().object()[QStringLiteral("groups")].toArray().size(), 0);
    // Read-only: a user's PUT with other groups changes none.
    QJsonObject user = scim("GET", QStringLiteral("/Users/u-5")).json().object();
    user.insert(QStringLiteral("groups"),
                QJsonArray {QJsonObject {{QStringLiteral("value"), council}}});
    QCOMPARE(scim("PUT", QStringLiteral("/Users/u-5"), user).status, 200);
    QCOMPARE(memberIds(council), QStringList {QStringLiteral("u-10")});
}

void TestScimGroups::badInputChangesNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("target"); // "new", "group" (the test's group), or a path
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scimType");

    const auto p = [](const QJsonArray &ops) {
        return json(patch(ops));
    };
    const auto g = [](const QJsonObject &extra) {
        QJsonObject o {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                       {QStringLiteral("displayName"), QStringLiteral("New group")}};
        for (auto it = extra.begin(); it != extra.end(); ++it)
            o.insert(it.key(), it.value());
        return json(o);
    };
    QTest::newRow("create: unknown member")
        << QByteArray("POST") << QStringLiteral("new")
        << g({{QStringLiteral("members"),
               members({QStringLiteral("u-10"), QStringLiteral("u-999")})}})
        << 400 << QStringLiteral("invalidValue");
    QTest::newRow("create: another organisation's user")
        << QByteArray("POST") << QStringLiteral("new")
        << g({{QStringLiteral("members"), members({QStringLiteral("OTHER")})}}) << 400
        << QStringLiteral("invalidValue");
    QTest::newRow("create: a service account")
        << QByteArray("POST") << QStringLiteral("new")
        << g({{QStringLiteral("members"), members({QStringLiteral("u-3")})}}) << 400
        << QStringLiteral("invalidValue");
    QTest::newRow("create: taken name")
        << QByteArray("POST") << QStringLiteral("new")
        << g({{QStringLiteral("displayName"), QStringLiteral("Works council")}}) << 409
        << QStringLiteral("uniqueness");
    QTest::newRow("create: no name") << QByteArray("POST") << QStringLiteral("new")
                                     << g({{QStringLiteral("displayName"), QStringLiteral(" ")}})
                                     << 400 << QStringLiteral("invalidValue");
    QTest::newRow("create: no schema")
        << QByteArray("POST") << QStringLiteral("new")
        << json({{QStringLiteral("displayName"), QStringLiteral("X")}}) << 400
        << QStringLiteral("invalidSyntax");
    QTest::newRow("create: members not a list")
        << QByteArray("POST") << QStringLiteral("new")
        << g({{QStringLiteral("members"), QStringLiteral("u-10")}}) << 400
        << QStringLiteral("invalidValue");
    QTest::newRow("patch: unknown member")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("add"), QStringLiteral("members"),
                 members({QStringLiteral("u-4"), QStringLiteral("u-999")}))})
        << 400 << QStringLiteral("invalidValue");
    QTest::newRow("patch: unknown member after a good op")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("replace"), QStringLiteral("displayName"),
                 QStringLiteral("Renamed")),
              op(QStringLiteral("add"), QStringLiteral("members"),
                 members({QStringLiteral("OTHER")}))})
        << 400 << QStringLiteral("invalidValue");
    QTest::newRow("patch: malformed filter path")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("remove"), QStringLiteral("members[value eq ]"),
                 QJsonValue::Undefined)})
        << 400 << QStringLiteral("invalidPath");
    QTest::newRow("patch: filter on display")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("remove"), QStringLiteral("members[display eq \"x\"]"),
                 QJsonValue::Undefined)})
        << 400 << QStringLiteral("invalidPath");
    QTest::newRow("patch: add with a filter path")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("add"), QStringLiteral("members[value eq \"u-4\"]"),
                 members({QStringLiteral("u-4")}))})
        << 400 << QStringLiteral("invalidPath");
    QTest::newRow("patch: unknown path")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("replace"), QStringLiteral("owner"), QStringLiteral("x"))}) << 400
        << QStringLiteral("invalidPath");
    QTest::newRow("patch: remove the name")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("remove"), QStringLiteral("displayName"), QJsonValue::Undefined)})
        << 400 << QStringLiteral("mutability");
    QTest::newRow("patch: bad op") << QByteArray("PATCH") << QStringLiteral("group")
                                   << p({op(QStringLiteral("move"), QStringLiteral("members"),
                                            members({QStringLiteral("u-4")}))})
                                   << 400 << QStringLiteral("invalidSyntax");
    QTest::newRow("patch: taken name")
        << QByteArray("PATCH") << QStringLiteral("group")
        << p({op(QStringLiteral("replace"), QStringLiteral("displayName"),
                 QStringLiteral("Other group"))})
        << 409 << QStringLiteral("uniqueness");
    QTest::newRow("patch: unknown group") << QByteArray("PATCH") << QStringLiteral("/Groups/g-999")
                                          << p({op(QStringLiteral("add"), QStringLiteral("members"),
                                                   members({QStringLiteral("u-4")}))})
                                          << 404 << QString();
    QTest::newRow("put: unknown group")
        << QByteArray("PUT") << QStringLiteral("/Groups/g-999") << g({}) << 404 << QString();
    QTest::newRow("put: unknown member")
        << QByteArray("PUT") << QStringLiteral("group")
        << g({{QStringLiteral("members"), members({QStringLiteral("u-999")})}}) << 400
        << QStringLiteral("invalidValue");
    QTest::newRow("list: filter on members")
        << QByteArray("GET")
        << QStringLiteral("/Groups?filter=") + encoded(QStringLiteral("members eq \"u-3\""))
        << QByteArray() << 400 << QStringLiteral("invalidFilter");
    QTest::newRow("get: unknown group")
        << QByteArray("GET") << QStringLiteral("/Groups/g-999") << QByteArray() << 404 << QString();
}

void TestScimGroups::badInputChangesNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, scimType);
    // A user of the other organisation.
    const QString otherUser = m_server.request("GET", QStringLiteral("/api/v1/me"), OtherAdmin)
                                  .json()
                                  .object()[QStringLiteral("id")]
                                  .toString();
    QVERIFY(!otherUser.isEmpty());
    body.replace("OTHER", otherUser.toUtf8());
    const QString group = createGroup(QStringLiteral("Works council"), {QStringLiteral("u-10")});
    QVERIFY(!createGroup(QStringLiteral("Other group"), {}).isEmpty());
    const QByteArray before = scim("GET", QStringLiteral("/Groups?count=100")).body;
    const QString path = target == QLatin1String("new") ? QStringLiteral("/Groups")
        : target == QLatin1String("group")              ? QStringLiteral("/Groups/") + group
                                                        : target;
    const HttpResult r = m_server.request(method, QStringLiteral("/scim/v2") + path, m_scimToken,
                                          body, {{"Content-Type", "application/scim+json"}});
    ScimDirectory::expectError(r, status, scimType.isEmpty() ? nullptr : qPrintable(scimType));
    QCOMPARE(scim("GET", QStringLiteral("/Groups?count=100")).body, before);
}

void TestScimGroups::otherOrganisationIsNotFound()
{
    const QString group = createGroup(QStringLiteral("Works council"), {QStringLiteral("u-10")});
    for (const QByteArray &method : {QByteArray("GET"), QByteArray("DELETE")})
        ScimDirectory::expectError(
            scim(method, QStringLiteral("/Groups/") + group, {}, m_otherScimToken), 404, nullptr);
    ScimDirectory::expectError(scim("PATCH", QStringLiteral("/Groups/") + group,
                                    patch({op(QStringLiteral("remove"), QStringLiteral("members"),
                                              QJsonValue::Undefined)}),
                                    m_otherScimToken),
                               404, nullptr);
    QCOMPARE(scim("GET", QStringLiteral("/Groups"), {}, m_otherScimToken)
                 .json()
                 .object()[QStringLiteral("totalResults")]
                 .toInt(),
             0);
    // Another organisation may have a group of the same name.
    const HttpResult r = scim("POST", QStringLiteral("/Groups"),
                              {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                               {QStringLiteral("displayName"), QStringLiteral("Works council")}},
                              m_otherScimToken);
    QCOMPARE(r.status, 201);
    QCOMPARE(memberIds(group), QStringList {QStringLiteral("u-10")});
    // Only directory tokens.
    QCOMPARE(scim("GET", QStringLiteral("/Groups"), {}, Admin).status, 403);
}

// A group created, renamed, given and relieved of members, deleted, with no rule anywhere: each
// is a change to the groups, so each sends an event, with an id that moved on.
void TestScimGroups::groupChangesReachTheChangeStream()
{
    const auto currentId = [this] {
        const QJsonObject s
            = m_server.request("GET", QStringLiteral("/api/v1/sync-state"), Admin).json().object();
        return QByteArray::number(s.value(QStringLiteral("optOutsRevision")).toInteger()) + '.'
            + QByteArray::number(s.value(QStringLiteral("usersRevision")).toInteger());
    };
    EventStreamClient stream;
    QVERIFY(stream.open(m_server.baseUrl(), Admin, currentId()));
    QVERIFY(stream.waitForHead());
    QCOMPARE(stream.status(), 200);
    QTest::qWait(200);
    QCOMPARE(stream.events().size(), 0); // up to date
    int expected = 0;
    const auto expectEvent = [&](const HttpResult &r, int status) {
        if (r.status != status)
            return QStringLiteral("status %1: %2").arg(r.status).arg(QString::fromUtf8(r.body));
        ++expected;
        if (!stream.waitForEvents(expected, 2000))
            return QStringLiteral("no event %1 on the stream").arg(expected);
        if (stream.events().last().id != currentId())
            return QStringLiteral("event id %1, state %2")
                .arg(QString::fromLatin1(stream.events().last().id),
                     QString::fromLatin1(currentId()));
        return QString();
    };
    HttpResult r = scim("POST", QStringLiteral("/Groups"),
                        {{QStringLiteral("schemas"), QJsonArray {GroupSchema}},
                         {QStringLiteral("displayName"), QStringLiteral("Night shift")}});
    QCOMPARE(expectEvent(r, 201), QString());
    const QString id = r.json().object()[QStringLiteral("id")].toString();
    QCOMPARE(expectEvent(scim("PATCH", QStringLiteral("/Groups/") + id,
                              patch({op(QStringLiteral("add"), QStringLiteral("members"),
                                        members({QStringLiteral("u-5")}))})),
                         204),
             QString());
    QCOMPARE(expectEvent(scim("PATCH", QStringLiteral("/Groups/") + id,
                              patch({op(QStringLiteral("replace"), QStringLiteral("displayName"),
                                        QStringLiteral("Day shift"))})),
                         204),
             QString());
    QCOMPARE(expectEvent(scim("PATCH", QStringLiteral("/Groups/") + id,
                              patch({op(QStringLiteral("remove"),
                                        QStringLiteral("members[value eq \"u-5\"]"), {})})),
                         204),
             QString());
    QCOMPARE(expectEvent(scim("DELETE", QStringLiteral("/Groups/") + id), 204), QString());
    // A write that changes nothing sends nothing.
    QCOMPARE(scim("GET", QStringLiteral("/Groups")).status, 200);
    QTest::qWait(300);
    QCOMPARE(stream.events().size(), expected);
}

// Entra ID checks a membership with a filter on the group's id and a member:
// "id eq \"g\" and members eq \"u\"" (and "members[value eq \"u\"]"). The group when the user is
// a member, an empty list otherwise; excludedAttributes=members honoured.
void TestScimGroups::entraMembershipCheck()
{
    const QString group = createGroup(QStringLiteral("Works council"),
                                      {QStringLiteral("u-8"), QStringLiteral("u-9")});
    const QString other = createGroup(QStringLiteral("Contractors"), {QStringLiteral("u-8")});
    QVERIFY(!group.isEmpty() && !other.isEmpty());
    const auto check = [&](const QString &filter, bool exclude) {
        return scim("GET",
                    QStringLiteral("/Groups?%1filter=%2")
                        .arg(exclude ? QStringLiteral("excludedAttributes=members&") : QString(),
                             encoded(filter)));
    };
    for (const QString &shape : {QStringLiteral("id eq \"%1\" and members eq \"%2\""),
                                 QStringLiteral("id eq \"%1\" and members[value eq \"%2\"]"),
                                 QStringLiteral("members eq \"%2\" and id eq \"%1\""),
                                 QStringLiteral("id EQ \"%1\" AND members.value eq \"%2\"")}) {
        HttpResult r = check(shape.arg(group, QStringLiteral("u-9")), true);
        QVERIFY2(r.status == 200, r.body);
        QJsonObject list = r.json().object();
        QCOMPARE(list[QStringLiteral("totalResults")].toInt(), 1);
        const QJsonObject found = list[QStringLiteral("Resources")][0].toObject();
        QCOMPARE(found[QStringLiteral("id")].toString(), group);
        QCOMPARE(found[QStringLiteral("displayName")].toString(), QStringLiteral("Works council"));
        QVERIFY(!found.contains(QStringLiteral("members")));
        // Not a member of the other group; an unknown user or group: an empty list.
        for (const auto &[g, u] : {std::pair {other, QStringLiteral("u-9")},
                                   std::pair {group, QStringLiteral("u-99999")},
                                   std::pair {QStringLiteral("g-99999"), QStringLiteral("u-9")}}) {
            r = check(shape.arg(g, u), true);
            QVERIFY2(r.status == 200, r.body);
            list = r.json().object();
            QCOMPARE(list[QStringLiteral("totalResults")].toInt(), 0);
            QCOMPARE(list[QStringLiteral("Resources")].toArray().size(), 0);
        }
    }
    // Without excludedAttributes: the group with its members.
    const HttpResult r
        = check(QStringLiteral("id eq \"%1\" and members eq \"u-8\"").arg(other), false);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()
                 .object()[QStringLiteral("Resources")][0][QStringLiteral("members")]
                 .toArray()
                 .size(),
             1);
    // Still refused: a filter on members alone, or with "or".
    ScimDirectory::expectError(check(QStringLiteral("members eq \"u-8\""), false), 400,
                               "invalidFilter");
    ScimDirectory::expectError(
        check(QStringLiteral("id eq \"%1\" or members eq \"u-8\"").arg(other), false), 400,
        "invalidFilter");
}

QTEST_GUILESS_MAIN(TestScimGroups)
#include "tst_scimgroups.moc"
