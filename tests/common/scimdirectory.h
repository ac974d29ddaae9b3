// The organisation's directory in a test: a directory_sync token of Example Org (o-1) issued
// on the real optout-server, and groups created through SCIM as an identity provider does.
#pragma once

#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace ScimDirectory {

// On a stopped `server`: imports "email,name,roles" lines into organisation `org`.
inline bool importUsers(TestServer &server, const QString &org, const QByteArray &csvLines)
{
    QTemporaryDir dir;
    QFile csv(dir.filePath(org + QStringLiteral(".csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return false;
    csv.write("email,name,roles\n" + csvLines);
    csv.close();
    return server.runOnce(
               {QStringLiteral("--import-users"), csv.fileName(), QStringLiteral("--org"), org})
        == 0;
}

// On a stopped `server`: issues a token for `email` of `org`; the token, empty on failure.
inline QByteArray issueToken(TestServer &server, const QString &email, const QString &org)
{
    if (server.runOnce({QStringLiteral("--issue-token"), email, QStringLiteral("--org"), org}) != 0)
        return {};
    const QRegularExpression re(QStringLiteral("Token of %1.*shown only now: (\\S+)")
                                    .arg(QRegularExpression::escape(email)));
    QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(server.output()));
    QString token;
    while (it.hasNext())
        token = it.next().captured(1);
    return token.toUtf8();
}

// On a running (or stopped) `server`: stops it, imports the identity provider's account and
// `extraCsvLines` ("email,name,roles" lines) into Example Org, issues the provider's token and
// runs the server again with `runArgs`. Returns the token, empty on failure.
inline QByteArray addProvider(TestServer &server, const QByteArray &extraCsvLines = {},
                              const QStringList &runArgs
                              = {QStringLiteral("--demo"), QStringLiteral("--quiet")})
{
    server.stop();
    if (!importUsers(server, QStringLiteral("o-1"),
                     "idp@example.com,Identity Provider,directory_sync\n" + extraCsvLines))
        return {};
    const QByteArray token
        = issueToken(server, QStringLiteral("idp@example.com"), QStringLiteral("o-1"));
    if (token.isEmpty() || !server.restart(runArgs))
        return {};
    return token;
}

// The directory_sync tokens of both demo organisations.
struct Providers
{
    QByteArray exampleOrg; // idp@example.com of Example Org (o-1)
    QByteArray otherOrg; // idp@other.example of Other Org (o-2)
};

// Starts `server` with 40 demo users, gives both organisations an identity provider's account
// and token, and runs it again with --demo. Empty tokens on failure.
inline Providers setUpTwoOrganisations(TestServer &server)
{
    if (!server.start(
            {QStringLiteral("--demo-users"), QStringLiteral("40"), QStringLiteral("--quiet")}))
        return {};
    server.stop();
    if (!importUsers(server, QStringLiteral("o-1"),
                     "idp@example.com,Identity Provider,directory_sync\n")
        || !importUsers(server, QStringLiteral("o-2"),
                        "idp@other.example,Other IdP,directory_sync\n"))
        return {};
    Providers tokens {
        issueToken(server, QStringLiteral("idp@example.com"), QStringLiteral("o-1")),
        issueToken(server, QStringLiteral("idp@other.example"), QStringLiteral("o-2"))};
    if (!server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}))
        return {};
    return tokens;
}

// A SCIM request as an identity provider sends it (application/scim+json).
inline HttpResult request(const TestServer &server, const QByteArray &method, const QString &path,
                          const QByteArray &token, const QJsonObject &body = {})
{
    return server.request(method, QStringLiteral("/scim/v2") + path, token,
                          body.isEmpty() ? QByteArray()
                                         : QJsonDocument(body).toJson(QJsonDocument::Compact),
                          {{"Content-Type", "application/scim+json"}});
}

// Checks a SCIM error answer: status, media type, schema, detail and scimType (when given).
inline void expectError(const HttpResult &r, int status, const char *scimType)
{
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/scim+json"));
    const QJsonObject o = r.json().object();
    QCOMPARE(o[QStringLiteral("schemas")].toArray(),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:Error")});
    QCOMPARE(o[QStringLiteral("status")].toString(), QString::number(status));
    QVERIFY(!o[QStringLiteral("detail")].toString().isEmpty());
    if (scimType)
        QCOMPARE(o[QStringLiteral("scimType")].toString(), QString::fromLatin1(scimType));
}

// Starts `server` with `startArgs`, then addProvider().
inline QByteArray
setUp(TestServer &server, const QStringList &startArgs, const QByteArray &extraCsvLines = {},
      const QStringList &runArgs = {QStringLiteral("--demo"), QStringLiteral("--quiet")})
{
    if (!server.start(startArgs))
        return {};
    return addProvider(server, extraCsvLines, runArgs);
}

// Creates a group with these members through SCIM; its id, empty on failure.
inline QString createGroup(const TestServer &server, const QByteArray &token, const QString &name,
                           const QStringList &memberIds)
{
    QJsonArray members;
    for (const QString &id : memberIds)
        members.append(QJsonObject {{QStringLiteral("value"), id}});
    const QJsonObject body {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Group")}},
        {QStringLiteral("displayName"), name},
        {QStringLiteral("members"), members}};
    const HttpResult r = server.request("POST", QStringLiteral("/scim/v2/Groups"), token,
                                        QJsonDocument(body).toJson(QJsonDocument::Compact),
                                        {{"Content-Type", "application/scim+json"}});
    if (r.status != 201) {
        qWarning("creating group %s: %d %s", qPrintable(name), r.status, r.body.constData());
        return {};
    }
    return r.json().object().value(QStringLiteral("id")).toString();
}

} // namespace ScimDirectory
