// Directory sync over SCIM 2.0 against the real optout-server: the request sequences Okta's and
// Entra ID's documentation shows, bad input, and users who leave the directory and come back.
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

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {

const QByteArray Admin = "demo-admin";
const QByteArray PlainUser = "demo-user"; // u-2
const QByteArray Tracker = "demo-tracker";
const QByteArray OtherAdmin = "demo-other-admin";

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString encoded(const QString &filter)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(filter));
}

} // namespace

class TestScim final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_server.stop(); }

    void discovery();
    void onlyDirectoryTokens();
    void oktaSequence();
    void entraSequence();
    void listPagesAndFilters();
    void filtersFollowChanges();
    void filtersFollowAnotherProcess();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void otherOrganisationIsNotFound();
    void leavingKeepsOptOutAndComingBackRestoresIt();
    void usersOfTheDirectoryFollowEtag();

private:
    HttpResult scim(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                    const QByteArray &token = {})
    {
        return ScimDirectory::request(m_server, method, path, token.isEmpty() ? m_scimToken : token,
                                      body);
    }
    static QJsonObject newUser(const QString &userName, const QString &given, const QString &family,
                               const QString &externalId = {});
    // The e-mail addresses of GET /api/v1/users, in order, and the ETag.
    QStringList listedEmails(QByteArray *etag = nullptr);
    QString createUser(const QString &userName, const QString &given, const QString &family);

    TestServer m_server;
    QByteArray m_scimToken; // directory_sync of Example Org (o-1)
    QByteArray m_otherScimToken; // directory_sync of Other Org (o-2)
};

void TestScim::init()
{
    const ScimDirectory::Providers tokens = ScimDirectory::setUpTwoOrganisations(m_server);
    m_scimToken = tokens.exampleOrg;
    m_otherScimToken = tokens.otherOrg;
    QVERIFY(m_scimToken.size() >= 40);
    QVERIFY(m_otherScimToken.size() >= 40);
}

QJsonObject TestScim::newUser(const QString &userName, const QString &given, const QString &family,
                              const QString &externalId)
{
    QJsonObject o {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
        {QStringLiteral("userName"), userName},
        {QStringLiteral("name"),
         QJsonObject {{QStringLiteral("givenName"), given},
                      {QStringLiteral("familyName"), family}}},
        {QStringLiteral("emails"),
         QJsonArray {QJsonObject {{QStringLiteral("primary"), true},
                                  {QStringLiteral("value"), userName},
                                  {QStringLiteral("type"), QStringLiteral("work")}}}},
        {QStringLiteral("displayName"), given + QLatin1Char(' ') + family},
        {QStringLiteral("active"), true},
    };
    if (!externalId.isEmpty())
        o.insert(QStringLiteral("externalId"), externalId);
    return o;
}

QStringList TestScim::listedEmails(QByteArray *etag)
{
    const HttpResult r
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=5000"), Admin);
    if (etag)
        *etag = r.header("ETag");
    QStringList emails;
    const QJsonArray users = r.json().object()[QStringLiteral("users")].toArray();
    for (const QJsonValue &u : users)
        emails.append(u[QStringLiteral("email")].toString());
    return emails;
}

QString TestScim::createUser(const QString &userName, const QString &given, const QString &family)
{
    const HttpResult r = scim("POST", QStringLiteral("/Users"), newUser(userName, given, family));
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.json().object()[QStringLiteral("id")].toString();
}

void TestScim::discovery()
{
    for (const char *path :
         {"/ServiceProviderConfig", "/ResourceTypes", "/Schemas", "/ResourceTypes/User",
          "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"}) {
        const HttpResult r = scim("GET", QString::fromLatin1(path));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("application/scim+json"));
    }
    const QJsonObject config
        = scim("GET", QStringLiteral("/ServiceProviderConfig")).json().object();
    QCOMPARE(config[QStringLiteral("patch")][QStringLiteral("supported")].toBool(), true);
    QCOMPARE(config[QStringLiteral("filter")][QStringLiteral("supported")].toBool(), true);
    QCOMPARE(config[QStringLiteral("bulk")][QStringLiteral("supported")].toBool(), false);
    const QJsonObject types = scim("GET", QStringLiteral("/ResourceTypes")).json().object();
    QCOMPARE(types[QStringLiteral("totalResults")].toInt(), 2); // User, Group
    QCOMPARE(types[QStringLiteral("Resources")][0][QStringLiteral("endpoint")].toString(),
             QStringLiteral("/Users"));
    const QJsonObject schemas = scim("GET", QStringLiteral("/Schemas")).json().object();
    QCOMPARE(schemas[QStringLiteral("Resources")][0][QStringLiteral("id")].toString(),
             QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"));
    ScimDirectory::expectError(scim("GET", QStringLiteral("/Schemas/urn:nothing")), 404, nullptr);
    ScimDirectory::expectError(scim("GET", QStringLiteral("/Roles")), 404, nullptr);
    ScimDirectory::expectError(scim("PATCH", QStringLiteral("/Users")), 405, nullptr);
}

void TestScim::onlyDirectoryTokens()
{
    const int before = listedEmails().size();
    ScimDirectory::expectError(m_server.request("GET", QStringLiteral("/scim/v2/Users"), {}), 401,
                               nullptr);
    ScimDirectory::expectError(
        m_server.request("GET", QStringLiteral("/scim/v2/Users"), "not-a-token"), 401, nullptr);
    for (const QByteArray &token : {Admin, PlainUser, Tracker}) {
        ScimDirectory::expectError(scim("GET", QStringLiteral("/Users"), {}, token), 403, nullptr);
        ScimDirectory::expectError(
            scim("POST", QStringLiteral("/Users"),
                 newUser(QStringLiteral("x@example.com"), QStringLiteral("X"), QStringLiteral("Y")),
                 token),
            403, nullptr);
    }
    // A directory token is for SCIM only: not an administrator's API.
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/users"), m_scimToken).status, 403);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-5"), m_scimToken).status,
             403);
    QCOMPARE(listedEmails().size(), before);
}

// Okta's SCIM 2.0 guide: the connection test, "does this user exist?" by userName, create,
// deactivate and reactivate with a path-less PATCH, profile updates with PUT.
void TestScim::oktaSequence()
{
    HttpResult r = scim("GET", QStringLiteral("/Users?startIndex=1&count=2"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/scim+json"));
    QJsonObject list = r.json().object();
    QCOMPARE(list[QStringLiteral("schemas")].toArray(),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:ListResponse")});
    QCOMPARE(list[QStringLiteral("totalResults")].toInt(),
             39); // the demo's 40 but its tracking service
    QCOMPARE(list[QStringLiteral("itemsPerPage")].toInt(), 2);
    QCOMPARE(list[QStringLiteral("startIndex")].toInt(), 1);
    QCOMPARE(list[QStringLiteral("Resources")].toArray().size(), 2);

    const QString filter = encoded(QStringLiteral("userName eq \"Ines.Okta@example.com\""));
    r = scim("GET", QStringLiteral("/Users?filter=%1&startIndex=1&count=100").arg(filter));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 0);
    QCOMPARE(r.json().object()[QStringLiteral("Resources")].toArray().size(), 0);

    QByteArray etagBefore;
    const QStringList before = listedEmails(&etagBefore);
    QJsonObject body = newUser(QStringLiteral("ines.okta@example.com"), QStringLiteral("Ines"),
                               QStringLiteral("Okta"), QStringLiteral("00u1okta"));
    body.insert(QStringLiteral("locale"), QStringLiteral("en-US"));
    body.insert(QStringLiteral("groups"), QJsonArray());
    body.insert(QStringLiteral("password"), QStringLiteral("t1meMa$heen"));
    r = scim("POST", QStringLiteral("/Users"), body);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/scim+json"));
    QJsonObject user = r.json().object();
    const QString id = user[QStringLiteral("id")].toString();
    QVERIFY(id.startsWith(QLatin1String("u-")));
    QCOMPARE(user[QStringLiteral("userName")].toString(), QStringLiteral("ines.okta@example.com"));
    QCOMPARE(user[QStringLiteral("active")].toBool(), true);
    QCOMPARE(user[QStringLiteral("externalId")].toString(), QStringLiteral("00u1okta"));
    QCOMPARE(user[QStringLiteral("name")][QStringLiteral("formatted")].toString(),
             QStringLiteral("Ines Okta"));
    QVERIFY(r.header("Location").endsWith("/scim/v2/Users/" + id.toLatin1()));

    // The administrators' list has the user, in order, under a new ETag.
    QByteArray etagAfter;
    QStringList after = listedEmails(&etagAfter);
    QVERIFY(etagAfter != etagBefore);
    QStringList expected = before;
    expected.append(QStringLiteral("ines.okta@example.com"));
    std::sort(expected.begin(), expected.end());
    QCOMPARE(after, expected);

    // Found now, whatever the case of the userName (caseExact false).
    r = scim("GET", QStringLiteral("/Users?filter=%1&startIndex=1&count=100").arg(filter));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 1);
    QCOMPARE(r.json().object()[QStringLiteral("Resources")][0][QStringLiteral("id")].toString(),
             id);
    r = scim("GET", QStringLiteral("/Users/") + id);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("userName")].toString(),
             QStringLiteral("ines.okta@example.com"));

    // A profile update: Okta PUTs the whole resource.
    body = newUser(QStringLiteral("ines.okta@example.com"), QStringLiteral("Inès"),
                   QStringLiteral("Okta-Lind"), QStringLiteral("00u1okta"));
    body.insert(QStringLiteral("id"), id);
    r = scim("PUT", QStringLiteral("/Users/") + id, body);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Inès Okta-Lind"));

    // Deactivate: a path-less replace.
    const QJsonObject deactivate {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"),
         QJsonArray {QJsonObject {
             {QStringLiteral("op"), QStringLiteral("replace")},
             {QStringLiteral("value"), QJsonObject {{QStringLiteral("active"), false}}}}}}};
    r = scim("PATCH", QStringLiteral("/Users/") + id, deactivate);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("active")].toBool(), false);
    QVERIFY(!listedEmails().contains(QStringLiteral("ines.okta@example.com")));
    r = scim("GET", QStringLiteral("/Users/") + id); // still the directory's, inactive
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("active")].toBool(), false);
    // Creating an existing (even inactive) userName again is a conflict.
    ScimDirectory::expectError(scim("POST", QStringLiteral("/Users"),
                                    newUser(QStringLiteral("INES.OKTA@example.com"),
                                            QStringLiteral("I"), QStringLiteral("O"))),
                               409, "uniqueness");

    // Reactivate.
    QJsonObject activate = deactivate;
    activate[QStringLiteral("Operations")] = QJsonArray {
        QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                     {QStringLiteral("value"), QJsonObject {{QStringLiteral("active"), true}}}}};
    r = scim("PATCH", QStringLiteral("/Users/") + id, activate);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("id")].toString(), id);
    QVERIFY(listedEmails().contains(QStringLiteral("ines.okta@example.com")));
}

// Entra ID's SCIM guide: the connection test filters on a random userName; creation with the
// enterprise extension; look-ups by externalId; PATCH with capitalised op names, paths,
// "False" as a string, and path-less values with dotted names; DELETE.
void TestScim::entraSequence()
{
    HttpResult r
        = scim("GET",
               QStringLiteral("/Users?filter=%1")
                   .arg(encoded(QStringLiteral("userName eq \"non-existent user 6e1f4b\""))));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 0);

    QJsonObject body
        = newUser(QStringLiteral("Test_User_ab6490ee@example.com"), QStringLiteral("Given"),
                  QStringLiteral("Family"), QStringLiteral("0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"));
    body[QStringLiteral("schemas")]
        = QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User"),
                      QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")};
    body.insert(QStringLiteral("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
                QJsonObject {{QStringLiteral("department"), QStringLiteral("Sales")}});
    body.insert(QStringLiteral("title"), QStringLiteral("Engineer"));
    r = scim("POST", QStringLiteral("/Users"), body);
    QCOMPARE(r.status, 201);
    const QString id = r.json().object()[QStringLiteral("id")].toString();

    r = scim("GET",
             QStringLiteral("/Users?filter=%1")
                 .arg(encoded(QStringLiteral(
                     "externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\" AND userName Eq "
                     "\"test_user_ab6490ee@example.com\""))));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 1);
    QCOMPARE(r.json().object()[QStringLiteral("Resources")][0][QStringLiteral("id")].toString(),
             id);

    const auto patch = [&](const QJsonArray &ops) {
        return scim("PATCH", QStringLiteral("/Users/") + id,
                    {{QStringLiteral("schemas"),
                      QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                     {QStringLiteral("Operations"), ops}});
    };
    r = patch(
        {QJsonObject {{QStringLiteral("op"), QStringLiteral("Replace")},
                      {QStringLiteral("path"), QStringLiteral("userName")},
                      {QStringLiteral("value"), QStringLiteral("renamed@example.com")}},
         QJsonObject {{QStringLiteral("op"), QStringLiteral("Add")},
                      {QStringLiteral("path"), QStringLiteral("emails[type eq \"work\"].value")},
                      {QStringLiteral("value"), QStringLiteral("renamed@example.com")}},
         QJsonObject {
             {QStringLiteral("op"), QStringLiteral("Replace")},
             {QStringLiteral("value"),
              QJsonObject {{QStringLiteral("name.givenName"), QStringLiteral("Alva")},
                           {QStringLiteral("name.familyName"), QStringLiteral("Zetterlund")}}}}});
    QCOMPARE(r.status, 200);
    QJsonObject user = r.json().object();
    QCOMPARE(user[QStringLiteral("userName")].toString(), QStringLiteral("renamed@example.com"));
    QCOMPARE(user[QStringLiteral("displayName")].toString(), QStringLiteral("Alva Zetterlund"));
    QVERIFY(listedEmails().contains(QStringLiteral("renamed@example.com")));
    QVERIFY(!listedEmails().contains(QStringLiteral("Test_User_ab6490ee@example.com")));

    r = patch({QJsonObject {{QStringLiteral("op"), QStringLiteral("Remove")},
                            {QStringLiteral("path"), QStringLiteral("externalId")}},
               QJsonObject {{QStringLiteral("op"), QStringLiteral("Replace")},
                            {QStringLiteral("path"), QStringLiteral("displayName")},
                            {QStringLiteral("value"), QStringLiteral("Alva Z.")}}});
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().object().contains(QStringLiteral("externalId")));
    QCOMPARE(r.json().object()[QStringLiteral("displayName")].toString(),
             QStringLiteral("Alva Z."));

    r = patch({QJsonObject {{QStringLiteral("op"), QStringLiteral("Replace")},
                            {QStringLiteral("path"), QStringLiteral("active")},
                            {QStringLiteral("value"), QStringLiteral("False")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("active")].toBool(), false);
    QVERIFY(!listedEmails().contains(QStringLiteral("renamed@example.com")));

    r = scim("DELETE", QStringLiteral("/Users/") + id);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    ScimDirectory::expectError(scim("GET", QStringLiteral("/Users/") + id), 404, nullptr);
    ScimDirectory::expectError(scim("DELETE", QStringLiteral("/Users/") + id), 404, nullptr);
    r = scim("GET",
             QStringLiteral("/Users?filter=%1")
                 .arg(encoded(QStringLiteral("userName eq \"renamed@example.com\""))));
    QCOMPARE(r.json().object()[QStringLiteral("totalResults")].toInt(), 0);

    // Provisioned again: the same id comes back.
    r = scim("POST", QStringLiteral("/Users"),
             newUser(QStringLiteral("renamed@example.com"), QStringLiteral("Alva"),
                     QStringLiteral("Zetterlund")));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object()[QStringLiteral("id")].toString(), id);
    QCOMPARE(r.json().object()[QStringLiteral("active")].toBool(), true);
    QVERIFY(listedEmails().contains(QStringLiteral("renamed@example.com")));
}

void TestScim::listPagesAndFilters()
{
    // Every member exactly once across pages, in e-mail order.
    QStringList seen;
    int total = -1;
    for (int start = 1;; start += 7) {
        const HttpResult r = scim("GET", QStringLiteral("/Users?startIndex=%1&count=7").arg(start));
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json().object();
        total = page[QStringLiteral("totalResults")].toInt();
        QCOMPARE(page[QStringLiteral("startIndex")].toInt(), start);
        const QJsonArray resources = page[QStringLiteral("Resources")].toArray();
        QCOMPARE(page[QStringLiteral("itemsPerPage")].toInt(), resources.size());
        for (const QJsonValue &u : resources)
            seen.append(u[QStringLiteral("userName")].toString());
        if (resources.isEmpty())
            break;
    }
    QCOMPARE(seen.size(), total);
    QStringList sorted = seen;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(seen, sorted);
    QVERIFY(!seen.contains(QStringLiteral("idp@example.com"))); // service accounts are not shown
    QVERIFY(!seen.contains(QStringLiteral("tracker@example.com")));
    // count=0 gives the total only; a startIndex below 1 counts as 1.
    QJsonObject page = scim("GET", QStringLiteral("/Users?count=0")).json().object();
    QCOMPARE(page[QStringLiteral("totalResults")].toInt(), total);
    QCOMPARE(page[QStringLiteral("Resources")].toArray().size(), 0);
    page = scim("GET", QStringLiteral("/Users?startIndex=-4&count=1")).json().object();
    QCOMPARE(page[QStringLiteral("startIndex")].toInt(), 1);
    QCOMPARE(page[QStringLiteral("Resources")][0][QStringLiteral("userName")].toString(),
             seen.first());
    // Attribute names and operators in any case.
    page = scim("GET",
                QStringLiteral("/Users?filter=%1")
                    .arg(encoded(QStringLiteral("USERNAME EQ \"admin@example.com\""))))
               .json()
               .object();
    QCOMPARE(page[QStringLiteral("totalResults")].toInt(), 1);
    QCOMPARE(page[QStringLiteral("Resources")][0][QStringLiteral("id")].toString(),
             QStringLiteral("u-1"));
}

// The filters are look-ups kept beside the directory: they follow every change of userName,
// externalId, activity and deletion, and find userName in any case.
void TestScim::filtersFollowChanges()
{
    const auto found = [this](const QString &filter) {
        const QJsonObject page
            = scim("GET", QStringLiteral("/Users?filter=%1").arg(encoded(filter))).json().object();
        QStringList ids;
        for (const QJsonValue &u : page[QStringLiteral("Resources")].toArray())
            ids.append(u[QStringLiteral("id")].toString());
        if (page[QStringLiteral("totalResults")].toInt() != ids.size())
            ids.append(QStringLiteral("(totalResults differs)"));
        return ids;
    };
    HttpResult r = scim("POST", QStringLiteral("/Users"),
                        newUser(QStringLiteral("Filter.Me@Example.com"), QStringLiteral("Filter"),
                                QStringLiteral("Me"), QStringLiteral("ext-f")));
    QCOMPARE(r.status, 201);
    const QString id = r.json().object()[QStringLiteral("id")].toString();
    const QStringList just {id};
    QCOMPARE(found(QStringLiteral("userName eq \"filter.me@example.COM\"")), just);
    QCOMPARE(found(QStringLiteral("externalId eq \"ext-f\"")), just);
    QCOMPARE(found(QStringLiteral("externalId eq \"EXT-F\"")), QStringList {}); // case-exact
    QCOMPARE(found(QStringLiteral("userName eq \"filter.me@example.com\" and externalId eq "
                                  "\"ext-f\"")),
             just);
    QCOMPARE(found(QStringLiteral("externalId eq \"ext-f\" and userName eq \"other@example.com\"")),
             QStringList {});
    QCOMPARE(found(QStringLiteral("id eq \"%1\"").arg(id)), just);
    QCOMPARE(found(QStringLiteral("id eq \"u-1\" and userName eq \"filter.me@example.com\"")),
             QStringList {});

    // Renamed, another externalId: found by the new values only.
    const auto patch = [this, &id](const QJsonArray &ops) {
        return scim("PATCH", QStringLiteral("/Users/") + id,
                    QJsonObject {{QStringLiteral("schemas"),
                                  QJsonArray {QStringLiteral(
                                      "urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                                 {QStringLiteral("Operations"), ops}});
    };
    r = patch({QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                            {QStringLiteral("path"), QStringLiteral("userName")},
                            {QStringLiteral("value"), QStringLiteral("Moved@example.com")}},
               QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                            {QStringLiteral("path"), QStringLiteral("externalId")},
                            {QStringLiteral("value"), QStringLiteral("ext-g")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(found(QStringLiteral("userName eq \"filter.me@example.com\"")), QStringList {});
    QCOMPARE(found(QStringLiteral("externalId eq \"ext-f\"")), QStringList {});
    QCOMPARE(found(QStringLiteral("userName eq \"moved@EXAMPLE.com\"")), just);
    QCOMPARE(found(QStringLiteral("externalId eq \"ext-g\"")), just);

    // Deactivated: still in the directory (active false); deleted: gone; created again: back.
    r = patch({QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                            {QStringLiteral("path"), QStringLiteral("active")},
                            {QStringLiteral("value"), false}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(found(QStringLiteral("userName eq \"moved@example.com\"")), just);
    QCOMPARE(scim("DELETE", QStringLiteral("/Users/") + id).status, 204);
    QCOMPARE(found(QStringLiteral("userName eq \"moved@example.com\"")), QStringList {});
    QCOMPARE(found(QStringLiteral("externalId eq \"ext-g\"")), QStringList {});
    QCOMPARE(found(QStringLiteral("id eq \"%1\"").arg(id)), QStringList {});
    QCOMPARE(createUser(QStringLiteral("moved@example.com"), QStringLiteral("Back"),
                        QStringLiteral("Again")),
             id);
    QCOMPARE(found(QStringLiteral("userName eq \"Moved@Example.com\"")), just);
    // The list is still in e-mail order with the user at its place.
    const QJsonObject all = scim("GET", QStringLiteral("/Users?count=1000")).json().object();
    QStringList names;
    for (const QJsonValue &u : all[QStringLiteral("Resources")].toArray())
        names.append(u[QStringLiteral("userName")].toString());
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(names, sorted);
    QCOMPARE(names.count(QStringLiteral("moved@example.com")), 1);
}

// Users another process adds to the database (here the command line's import, as a second
// server instance would) reach the list and the filters at the next refresh: a few one at a
// time, many merged at once.
void TestScim::filtersFollowAnotherProcess()
{
    if (!TestDatabase::isPostgres())
        QSKIP("An SQLite file has one server process: changes of another are PostgreSQL's case.");
    QTemporaryDir dir;
    const auto import = [&](int from, int count) {
        QFile csv(dir.filePath(QStringLiteral("more-%1.csv").arg(from)));
        if (!csv.open(QIODevice::WriteOnly))
            return -1;
        csv.write("email,name,roles\n");
        for (int i = from; i < from + count; ++i)
            csv.write(QStringLiteral("Imported.%1@Example.com,Imported %1,user\n")
                          .arg(i, 3, 10, QLatin1Char('0'))
                          .toUtf8());
        csv.close();
        const int code = m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                                           QStringLiteral("--org"), QStringLiteral("o-1")});
        if (code != 0)
            qWarning().noquote() << m_server.output().right(400);
        return code;
    };
    const auto total = [this](const QString &filter) {
        return scim("GET", QStringLiteral("/Users?filter=%1").arg(encoded(filter)))
            .json()
            .object()[QStringLiteral("totalResults")]
            .toInt();
    };
    const int before = scim("GET", QStringLiteral("/Users?count=0"))
                           .json()
                           .object()[QStringLiteral("totalResults")]
                           .toInt();
    QCOMPARE(import(0, 3), 0); // a few
    QTRY_COMPARE_WITH_TIMEOUT(total(QStringLiteral("userName eq \"imported.001@example.com\"")), 1,
                              10000);
    QCOMPARE(import(100, 100), 0); // many
    QTRY_COMPARE_WITH_TIMEOUT(total(QStringLiteral("userName eq \"IMPORTED.150@example.com\"")), 1,
                              10000);
    const QJsonObject all = scim("GET", QStringLiteral("/Users?count=1000")).json().object();
    QCOMPARE(all[QStringLiteral("totalResults")].toInt(), before + 103);
    QStringList names;
    for (const QJsonValue &u : all[QStringLiteral("Resources")].toArray())
        names.append(u[QStringLiteral("userName")].toString());
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(names, sorted);
    QCOMPARE(names.size(), before + 103);
}

void TestScim::badInputChangesNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // "{id}": an existing user's
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("scimType");

    const QByteArray user = "\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]";
    const QByteArray patchOp = "\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"]";
    QTest::newRow("unknown attribute") << QByteArray("POST") << QStringLiteral("/Users")
                                       << "{" + user
            + ",\"userName\":\"n@example.com\","
              "\"favouriteColour\":\"red\"}"
                                       << 400 << QByteArray("invalidSyntax");
    QTest::newRow("unknown attribute, PUT")
        << QByteArray("PUT") << QStringLiteral("/Users/{id}")
        << "{" + user + ",\"userName\":\"n@example.com\",\"shoeSize\":44}" << 400
        << QByteArray("invalidSyntax");
    QTest::newRow("wrong schema URN")
        << QByteArray("POST") << QStringLiteral("/Users")
        << QByteArray("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                      "\"userName\":\"n@example.com\"}")
        << 400 << QByteArray("invalidSyntax");
    QTest::newRow("no schemas") << QByteArray("POST") << QStringLiteral("/Users")
                                << QByteArray("{\"userName\":\"n@example.com\"}") << 400
                                << QByteArray("invalidSyntax");
    QTest::newRow("missing userName")
        << QByteArray("POST") << QStringLiteral("/Users")
        << "{" + user + ",\"displayName\":\"No Name\"}" << 400 << QByteArray("invalidValue");
    QTest::newRow("empty userName")
        << QByteArray("PUT") << QStringLiteral("/Users/{id}")
        << "{" + user + ",\"userName\":\"  \"}" << 400 << QByteArray("invalidValue");
    QTest::newRow("active not a boolean")
        << QByteArray("POST") << QStringLiteral("/Users")
        << "{" + user + ",\"userName\":\"n@example.com\",\"active\":\"maybe\"}" << 400
        << QByteArray("invalidValue");
    QTest::newRow("not JSON") << QByteArray("POST") << QStringLiteral("/Users")
                              << QByteArray("{\"userName\":") << 400 << QByteArray("invalidSyntax");
    QTest::newRow("existing userName")
        << QByteArray("POST") << QStringLiteral("/Users")
        << "{" + user + ",\"userName\":\"USER@example.com\"}" << 409 << QByteArray("uniqueness");
    QTest::newRow("rename onto another user")
        << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
        << "{" + patchOp
            + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":"
              "\"admin@example.com\"}]}"
        << 409 << QByteArray("uniqueness");
    QTest::newRow("bad filter: unquoted")
        << QByteArray("GET") << QStringLiteral("/Users?filter=userName%20eq%20bob") << QByteArray()
        << 400 << QByteArray("invalidFilter");
    QTest::newRow("bad filter: operator")
        << QByteArray("GET") << QStringLiteral("/Users?filter=userName%20co%20%22b%22")
        << QByteArray() << 400 << QByteArray("invalidFilter");
    QTest::newRow("bad filter: attribute")
        << QByteArray("GET") << QStringLiteral("/Users?filter=title%20eq%20%22b%22") << QByteArray()
        << 400 << QByteArray("invalidFilter");
    QTest::newRow("bad filter: or")
        << QByteArray("GET")
        << QStringLiteral("/Users?filter=userName%20eq%20%22a%22%20or%20userName%20eq%20%22b%22")
        << QByteArray() << 400 << QByteArray("invalidFilter");
    QTest::newRow("bad filter: unclosed")
        << QByteArray("GET") << QStringLiteral("/Users?filter=userName%20eq%20%22a") << QByteArray()
        << 400 << QByteArray("invalidFilter");
    QTest::newRow("bad count") << QByteArray("GET") << QStringLiteral("/Users?count=ten")
                               << QByteArray() << 400 << QByteArray("invalidValue");
    QTest::newRow("patch: wrong schema") << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
                                         << "{" + user
            + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}"
                                         << 400 << QByteArray("invalidSyntax");
    QTest::newRow("patch: unknown op") << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
                                       << "{" + patchOp
            + ",\"Operations\":[{\"op\":\"move\",\"path\":\"active\",\"value\":false}]}"
                                       << 400 << QByteArray("invalidSyntax");
    QTest::newRow("patch: unknown path, after a valid op")
        << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
        << "{" + patchOp
            + ",\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false},"
              "{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":44}]}"
        << 400 << QByteArray("invalidPath");
    QTest::newRow("patch: remove userName")
        << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
        << "{" + patchOp + ",\"Operations\":[{\"op\":\"remove\",\"path\":\"userName\"}]}" << 400
        << QByteArray("mutability");
    QTest::newRow("patch: no operations")
        << QByteArray("PATCH") << QStringLiteral("/Users/{id}")
        << "{" + patchOp + ",\"Operations\":[]}" << 400 << QByteArray("invalidSyntax");
    QTest::newRow("unknown id") << QByteArray("GET") << QStringLiteral("/Users/u-999999")
                                << QByteArray() << 404 << QByteArray();
    QTest::newRow("a service account's id") << QByteArray("DELETE") << QStringLiteral("/Users/u-3")
                                            << QByteArray() << 404 << QByteArray();
}

void TestScim::badInputChangesNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, scimType);
    const QString id = QStringLiteral("u-2"); // Uma User, user@example.com
    path.replace(QLatin1String("{id}"), id);
    QByteArray etag;
    const QStringList before = listedEmails(&etag);
    const QByteArray resourceBefore = scim("GET", QStringLiteral("/Users/") + id).body;
    const HttpResult r = m_server.request(method, QStringLiteral("/scim/v2") + path, m_scimToken,
                                          body, {{"Content-Type", "application/scim+json"}});
    ScimDirectory::expectError(r, status, scimType.isEmpty() ? nullptr : scimType.constData());
    QByteArray etagAfter;
    QCOMPARE(listedEmails(&etagAfter), before);
    QCOMPARE(etagAfter, etag);
    QCOMPARE(scim("GET", QStringLiteral("/Users/") + id).body, resourceBefore);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 200);
}

void TestScim::otherOrganisationIsNotFound()
{
    // u-2 is Example Org's; the other organisation's directory token does not see it.
    QByteArray etag;
    const QStringList before = listedEmails(&etag);
    const QString path = QStringLiteral("/Users/u-2");
    const QByteArray patch
        = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{"
          "\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}";
    const QByteArray put = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                           "\"userName\":\"taken@other.example\"}";
    for (const auto &[method, body] : {std::pair<QByteArray, QByteArray> {"GET", {}},
                                       {"PUT", put},
                                       {"PATCH", patch},
                                       {"DELETE", {}}}) {
        const HttpResult r
            = m_server.request(method, QStringLiteral("/scim/v2") + path, m_otherScimToken, body,
                               {{"Content-Type", "application/scim+json"}});
        ScimDirectory::expectError(r, 404, nullptr);
    }
    const QJsonObject other
        = m_server
              .request("GET",
                       QStringLiteral("/scim/v2/Users?filter=%1")
                           .arg(encoded(QStringLiteral("userName eq \"user@example.com\""))),
                       m_otherScimToken)
              .json()
              .object();
    QCOMPARE(other[QStringLiteral("totalResults")].toInt(), 0);
    // The same userName in another organisation is another user.
    const HttpResult created
        = m_server.request("POST", QStringLiteral("/scim/v2/Users"), m_otherScimToken,
                           json(newUser(QStringLiteral("user@example.com"), QStringLiteral("U"),
                                        QStringLiteral("Other"))),
                           {{"Content-Type", "application/json"}});
    QCOMPARE(created.status, 201);
    QVERIFY(created.json().object()[QStringLiteral("id")].toString() != QLatin1String("u-2"));
    QByteArray etagAfter;
    QCOMPARE(listedEmails(&etagAfter), before);
    QCOMPARE(etagAfter, etag);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 200);
}

void TestScim::leavingKeepsOptOutAndComingBackRestoresIt()
{
    // Uma (u-2, token demo-user) is opted out, then leaves the directory.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-2"), Admin).status, 201);
    const auto patchActive = [this](bool active) {
        return scim("PATCH", QStringLiteral("/Users/u-2"),
                    {{QStringLiteral("schemas"),
                      QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                     {QStringLiteral("Operations"),
                      QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                                               {QStringLiteral("path"), QStringLiteral("active")},
                                               {QStringLiteral("value"), active}}}}});
    };
    const auto optOutEntry = [this](const QString &id) {
        const QJsonArray list = m_server.request("GET", QStringLiteral("/api/v1/optouts"), Admin)
                                    .json()
                                    .object()[QStringLiteral("optOuts")]
                                    .toArray();
        for (const QJsonValue &e : list) {
            if (e[QStringLiteral("user")][QStringLiteral("id")].toString() == id)
                return e.toObject();
        }
        return QJsonObject();
    };
    const auto discarded = [this] {
        return m_server.request("GET", QStringLiteral("/api/v1/usage/summary"), Admin)
            .json()
            .object()[QStringLiteral("discardedSinceStart")]
            .toInt();
    };
    const auto events = [](const QString &userId) {
        return json({{QStringLiteral("events"),
                      QJsonArray {QJsonObject {
                          {QStringLiteral("name"), QStringLiteral("x.y")},
                          {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                          {QStringLiteral("userId"), userId}}}}});
    };
    QCOMPARE(patchActive(false).status, 200);
    QVERIFY(!listedEmails().contains(QStringLiteral("user@example.com")));
    // Tokens refused.
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 401);
    // The opt-out stays, marked.
    QJsonObject entry = optOutEntry(QStringLiteral("u-2"));
    QVERIFY(!entry.isEmpty());
    QCOMPARE(entry[QStringLiteral("user")][QStringLiteral("active")], QJsonValue(false));
    QCOMPARE(entry[QStringLiteral("user")][QStringLiteral("email")].toString(),
             QStringLiteral("user@example.com"));

    // A left user who was not opted out: events are discarded and counted, not a 404.
    QCOMPARE(scim("PATCH", QStringLiteral("/Users/u-5"),
                  {{QStringLiteral("schemas"),
                    QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                   {QStringLiteral("Operations"),
                    QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                                             {QStringLiteral("value"),
                                              QJsonObject {{QStringLiteral("active"), false}}}}}}})
                 .status,
             200);
    const int discardedBefore = discarded();
    HttpResult r = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                                    events(QStringLiteral("u-5")));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("accepted")].toInt(), 0);
    QCOMPARE(r.json().object()[QStringLiteral("discarded")].toInt(), 1);
    QCOMPARE(discarded(), discardedBefore + 1);
    const QJsonArray summary
        = m_server.request("GET", QStringLiteral("/api/v1/usage/summary"), Admin)
              .json()
              .object()[QStringLiteral("users")]
              .toArray();
    for (const QJsonValue &u : summary)
        QVERIFY(u[QStringLiteral("user")][QStringLiteral("id")].toString() != QLatin1String("u-5"));

    // Opting a left user in is allowed, and out again.
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/u-2"), Admin).status, 204);
    QVERIFY(optOutEntry(QStringLiteral("u-2")).isEmpty());
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-2"), Admin).status, 201);
    const QString optedOutAt
        = optOutEntry(QStringLiteral("u-2"))[QStringLiteral("optedOutAt")].toString();

    // Reactivated: same id, still out, token accepted again.
    QCOMPARE(patchActive(true).status, 200);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser)
                 .json()
                 .object()[QStringLiteral("usageTracking")],
             QJsonValue(false));
    entry = optOutEntry(QStringLiteral("u-2"));
    QVERIFY(!entry[QStringLiteral("user")].toObject().contains(QStringLiteral("active")));
    QCOMPARE(entry[QStringLiteral("optedOutAt")].toString(), optedOutAt);

    // Deleted, then provisioned again with the same userName: same id, still out.
    QCOMPARE(scim("DELETE", QStringLiteral("/Users/u-2")).status, 204);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 401);
    QCOMPARE(optOutEntry(QStringLiteral("u-2"))[QStringLiteral("user")][QStringLiteral("active")],
             QJsonValue(false));
    r = scim(
        "POST", QStringLiteral("/Users"),
        newUser(QStringLiteral("user@example.com"), QStringLiteral("Uma"), QStringLiteral("User")));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().object()[QStringLiteral("id")].toString(), QStringLiteral("u-2"));
    entry = optOutEntry(QStringLiteral("u-2"));
    QCOMPARE(entry[QStringLiteral("optedOutAt")].toString(), optedOutAt);
    QVERIFY(!entry[QStringLiteral("user")].toObject().contains(QStringLiteral("active")));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 200);

    // The audit keeps the history of the user through it all.
    const QJsonArray audit = m_server.request("GET", QStringLiteral("/api/v1/audit"), Admin)
                                 .json()
                                 .object()[QStringLiteral("entries")]
                                 .toArray();
    int entriesOfUma = 0;
    for (const QJsonValue &e : audit)
        entriesOfUma
            += e[QStringLiteral("user")][QStringLiteral("id")].toString() == QLatin1String("u-2");
    QCOMPARE(entriesOfUma, 3);

    // All of it survives a restart (the database, not only the caches).
    QCOMPARE(patchActive(false).status, 200);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), PlainUser).status, 401);
    QCOMPARE(optOutEntry(QStringLiteral("u-2"))[QStringLiteral("user")][QStringLiteral("active")],
             QJsonValue(false));
    QVERIFY(!listedEmails().contains(QStringLiteral("user@example.com")));
}

void TestScim::usersOfTheDirectoryFollowEtag()
{
    QByteArray etag;
    listedEmails(&etag);
    // Unchanged: 304.
    QCOMPARE(
        m_server
            .request("GET", QStringLiteral("/api/v1/users"), Admin, {}, {{"If-None-Match", etag}})
            .status,
        304);
    const QString id = createUser(QStringLiteral("aa.first@example.com"), QStringLiteral("Aa"),
                                  QStringLiteral("First"));
    QVERIFY(!id.isEmpty());
    HttpResult r = m_server.request("GET", QStringLiteral("/api/v1/users"), Admin, {},
                                    {{"If-None-Match", etag}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().object()[QStringLiteral("users")][0][QStringLiteral("email")].toString(),
             QStringLiteral("aa.first@example.com"));
    etag = r.header("ETag");
    // A rename moves the user to its sorted place, under a new ETag.
    QCOMPARE(scim("PATCH", QStringLiteral("/Users/") + id,
                  {{QStringLiteral("schemas"),
                    QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                   {QStringLiteral("Operations"),
                    QJsonArray {QJsonObject {
                        {QStringLiteral("op"), QStringLiteral("replace")},
                        {QStringLiteral("path"), QStringLiteral("userName")},
                        {QStringLiteral("value"), QStringLiteral("zz.last@example.com")}}}}})
                 .status,
             200);
    QByteArray etag2;
    const QStringList emails = listedEmails(&etag2);
    QVERIFY(etag2 != etag);
    QCOMPARE(emails.last(), QStringLiteral("zz.last@example.com"));
    QVERIFY(!emails.contains(QStringLiteral("aa.first@example.com")));
}

QTEST_GUILESS_MAIN(TestScim)
#include "tst_scim.moc"
