// Groups and opt-out rules at scale, against the real optout-server (SQLite): 100,000 users,
// 2,000 groups, 400,000 memberships. Prints, beside their goals: a rule on a 50,000-member group
// created (goal < 1 s), a SCIM PATCH adding 1,000 members to a group with a rule (goal < 200 ms)
// and to one without; GET /api/v1/groups over the 2,000 groups; and, as baselines of the same
// run, one opt-out's PUT and one SCIM read.
// `--scale F` (0 < F <= 1) runs at F times the sizes (when the machine is loaded).
#include "benchserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

namespace {

QTextStream out(stdout);

struct Reply
{
    int status = 0;
    QByteArray body;
    double ms = 0;
};

Reply send(QNetworkAccessManager &nam, const QUrl &base, const QByteArray &token,
           const QByteArray &verb, const QString &path, const QByteArray &body = {},
           const QByteArray &type = "application/json")
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, type);
    r.setTransferTimeout(120000);
    QElapsedTimer t;
    t.start();
    QNetworkReply *reply = nam.sendCustomRequest(r, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll(), double(t.nsecsElapsed()) / 1e6};
    reply->deleteLater();
    return result;
}

int runServer(const QString &db, const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE),
            QStringList {QStringLiteral("--db"), db} + args);
    p.waitForFinished(120000);
    *output += p.readAll();
    return p.exitCode();
}

QByteArray patchAdding(int first, int count)
{
    QJsonArray members;
    for (int i = 0; i < count; ++i)
        members.append(
            QJsonObject {{QStringLiteral("value"), QStringLiteral("u-%1").arg(first + i)}});
    return QJsonDocument(
               QJsonObject {
                   {QStringLiteral("schemas"),
                    QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                   {QStringLiteral("Operations"),
                    QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("add")},
                                             {QStringLiteral("path"), QStringLiteral("members")},
                                             {QStringLiteral("value"), members}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    double scale = 1.0;
    const QStringList args = app.arguments();
    if (const int i = int(args.indexOf(QStringLiteral("--scale"))); i > 0 && i + 1 < args.size())
        scale = std::clamp(args.at(i + 1).toDouble(), 0.01, 1.0);
    const int users = int(100000 * scale);
    const int groups = std::max(4, int(2000 * scale));
    const int memberships = int(400000 * scale);
    const int bigGroup = int(50000 * scale);
    const int patchMembers = int(1000 * scale);

    BenchServer server;
    if (!server.start(users, 0))
        return 1;
    server.stop();
    // The directory as a SCIM client would have left it, written straight into the file (the
    // set-up, not what is measured): g-1 of bigGroup members, the other memberships spread over
    // the other groups, none of them in g-2 and g-3 (the PATCH targets).
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("s"));
        db.setDatabaseName(server.databasePath());
        if (!db.open())
            return 1;
        QSqlQuery q(db);
        q.exec(QStringLiteral("BEGIN"));
        q.prepare(
            QStringLiteral("INSERT INTO groups (id, org_id, display_name, created_at, "
                           "change_seq) VALUES (?, 'o-1', ?, '2026-12-05T12:00:00.000Z', 0)"));
        for (int g = 1; g <= groups; ++g) {
            q.addBindValue(QStringLiteral("g-%1").arg(g));
            q.addBindValue(QStringLiteral("Group %1").arg(g, 4, 10, QLatin1Char('0')));
            if (!q.exec()) {
                out << q.lastError().text() << Qt::endl;
                return 1;
            }
        }
        q.prepare(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)"));
        int written = 0;
        for (int u = 1; u <= bigGroup; ++u, ++written) {
            q.addBindValue(QStringLiteral("g-1"));
            q.addBindValue(QStringLiteral("u-%1").arg(u));
            q.exec();
        }
        // The rest: user k in groups 4 + (k * 7 + j * 13) % (groups - 3), a few each.
        for (int k = 0; written < memberships; ++k) {
            const int user = 1 + k % users;
            const int group = 4 + (k * 7 + (k / users) * 13) % (groups - 3);
            q.addBindValue(QStringLiteral("g-%1").arg(group));
            q.addBindValue(QStringLiteral("u-%1").arg(user));
            if (q.exec())
                ++written;
        }
        q.exec(QStringLiteral("COMMIT"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("s"));
    QFile csv(server.tempPath(QStringLiteral("idp.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return 1;
    csv.write("email,name,roles\nidp@example.com,Identity Provider,directory_sync\n");
    csv.close();
    QByteArray output;
    if (runServer(server.databasePath(),
                  {QStringLiteral("--import-users"), csv.fileName(), QStringLiteral("--org"),
                   QStringLiteral("o-1")},
                  &output)
            != 0
        || runServer(server.databasePath(),
                     {QStringLiteral("--issue-token"), QStringLiteral("idp@example.com"),
                      QStringLiteral("--org"), QStringLiteral("o-1")},
                     &output)
            != 0) {
        out << "set-up failed:\n" << output << Qt::endl;
        return 1;
    }
    const QByteArray scimToken = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                     .match(QString::fromUtf8(output))
                                     .captured(1)
                                     .toUtf8();
    if (!server.start(users, 0))
        return 1;
    QNetworkAccessManager nam;
    const QUrl base = server.baseUrl();
    out << "Groups bench: " << users << " users, " << groups << " groups, " << memberships
        << " memberships (SQLite, loopback)" << (scale < 1 ? " (reduced scale)" : "") << Qt::endl;

    // Baselines: one individual opt-out, one SCIM read of a group without its members.
    Reply r = send(nam, base, "demo-admin", "PUT", QStringLiteral("/api/v1/optouts/u-99"));
    out << "  baseline: one opt-out (PUT): " << r.ms << " ms (" << r.status << ")" << Qt::endl;
    r = send(nam, base, scimToken, "GET", QStringLiteral("/scim/v2/Groups/g-2"));
    out << "  baseline: one SCIM group read: " << r.ms << " ms (" << r.status << ")" << Qt::endl;

    // The picker's list of groups: every group, in pages of 1,000 (the default), then all at
    // once, and a second read with the ETag (the window's next refresh).
    {
        double pages = 0;
        int pageCount = 0;
        int status = 200;
        for (int page = 0; page * 1000 < groups; ++page, ++pageCount) {
            QUrl url = base;
            url.setPath(QStringLiteral("/api/v1/groups"));
            url.setQuery(QStringLiteral("page=%1&pageSize=1000").arg(page));
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", "Bearer demo-admin");
            QElapsedTimer t;
            t.start();
            QNetworkReply *reply = nam.get(request);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            pages += double(t.nsecsElapsed()) / 1e6;
            const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            status = code == 200 ? status : code;
            reply->deleteLater();
        }
        out << "  GET /api/v1/groups, " << groups << " groups in " << pageCount
            << " page(s) of 1,000: " << pages << " ms (" << status << ")" << Qt::endl;
        QUrl all = base;
        all.setPath(QStringLiteral("/api/v1/groups"));
        all.setQuery(QStringLiteral("pageSize=5000"));
        QNetworkRequest request(all);
        request.setRawHeader("Authorization", "Bearer demo-admin");
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = nam.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double allMs = double(t.nsecsElapsed()) / 1e6;
        const QByteArray etag = reply->rawHeader("ETag");
        out << "  GET /api/v1/groups?pageSize=5000 (all " << groups << "): " << allMs << " ms ("
            << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() << ", "
            << reply->readAll().size() / 1024 << " KiB)" << Qt::endl;
        reply->deleteLater();
        request.setRawHeader("If-None-Match", etag);
        t.restart();
        reply = nam.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        out << "  the same with If-None-Match: " << double(t.nsecsElapsed()) / 1e6 << " ms ("
            << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() << ")"
            << Qt::endl;
        reply->deleteLater();
    }

    const QByteArray bigRule = R"({"kind": "group", "groupId": "g-1"})";
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules/preview"),
             bigRule);
    out << "  preview of a rule on a " << bigGroup << "-member group: " << r.ms << " ms ("
        << r.status << ")" << Qt::endl;
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules"), bigRule);
    out << "  rule on a " << bigGroup << "-member group created: " << r.ms << " ms (" << r.status
        << ", goal < 1000 ms at full scale)" << Qt::endl;
    const bool ruleOk = r.status == 201;
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules"),
             R"({"kind": "group", "groupId": "g-2"})");
    const bool secondRuleOk = r.status == 201;

    r = send(nam, base, scimToken, "PATCH", QStringLiteral("/scim/v2/Groups/g-2"),
             patchAdding(bigGroup + 1, patchMembers), "application/scim+json");
    out << "  SCIM PATCH adding " << patchMembers << " members to a group with a rule: " << r.ms
        << " ms (" << r.status << ", goal < 200 ms at full scale)" << Qt::endl;
    const bool patchOk = r.status == 204;
    r = send(nam, base, scimToken, "PATCH", QStringLiteral("/scim/v2/Groups/g-3"),
             patchAdding(bigGroup + 1, patchMembers), "application/scim+json");
    out << "  SCIM PATCH adding " << patchMembers << " members to a group without a rule: " << r.ms
        << " ms (" << r.status << ")" << Qt::endl;
    r = send(nam, base, "demo-admin", "DELETE", QStringLiteral("/api/v1/optout-rules/r-1"));
    out << "  the rule on " << bigGroup << " members deleted (all opted back in): " << r.ms
        << " ms (" << r.status << ")" << Qt::endl;
    server.stop();
    return ruleOk && secondRuleOk && patchOk ? 0 : 1;
}
