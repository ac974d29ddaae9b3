// The organisation's directory in a test: a directory_sync token of Example Org (o-1) issued
// on the real optout-server, and groups created through SCIM as an identity provider does.
#pragma once

#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace ScimDirectory {

// On a running (or stopped) `server`: stops it, imports the identity provider's account and
// `extraCsvLines` ("email,name,roles" lines) into Example Org, issues the provider's token and
// runs the server again with `runArgs`. Returns the token, empty on failure.
inline QByteArray addProvider(TestServer &server, const QByteArray &extraCsvLines = {},
                              const QStringList &runArgs
                              = {QStringLiteral("--demo"), QStringLiteral("--quiet")})
{
    server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("o-1.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return {};
    csv.write("email,name,roles\nidp@example.com,Identity Provider,directory_sync\n"
              + extraCsvLines);
    csv.close();
    if (server.runOnce({QStringLiteral("--import-users"), csv.fileName(), QStringLiteral("--org"),
                        QStringLiteral("o-1")})
        != 0)
        return {};
    if (server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("idp@example.com"),
                        QStringLiteral("--org"), QStringLiteral("o-1")})
        != 0)
        return {};
    const QRegularExpression re(
        QStringLiteral("Token of idp@example\\.com.*shown only now: (\\S+)"));
    QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(server.output()));
    QString token;
    while (it.hasNext())
        token = it.next().captured(1);
    if (token.isEmpty() || !server.restart(runArgs))
        return {};
    return token.toUtf8();
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
