// Groups and opt-out rules at scale, against the real optout-server on SQLite and on PostgreSQL:
// 100,000 users, 2,000 groups, 400,000 memberships. Prints, beside their goals: a rule on a
// 50,000-member group created (goal < 1 s), a SCIM PATCH adding 1,000 members to a group with a
// rule (goal < 200 ms) and to one without; GET /api/v1/groups over the 2,000 groups (goal < 50 ms)
// and its 304 (goal < 5 ms); and, as baselines of the same run, one opt-out's PUT and one SCIM
// read.
//
// `--backend sqlite|postgresql|both` (default both). PostgreSQL: a fresh database on the server
// of `--db-url URL` or OPTOUT_BENCH_DB_URL (its user may create databases), else on a
// throw-away cluster of scripts/pg-temp.sh. `--scale F` (0 < F <= 1) runs at F times the sizes
// (when the machine is loaded). The load average is printed with the figures.
#include "benchserver.h"

#include <QCoreApplication>
#include <QDir>
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
#include <QScopeGuard>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QUuid>

#include <algorithm>

#include <unistd.h>

namespace {

QTextStream out(stdout);

struct Reply
{
    int status = 0;
    QByteArray body;
    double ms = 0;
    QByteArray etag;
};

Reply send(QNetworkAccessManager &nam, const QUrl &base, const QByteArray &token,
           const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body = {},
           const QByteArray &type = "application/json", const QByteArray &ifNoneMatch = {})
{
    QUrl url = base;
    const int q = int(pathAndQuery.indexOf(QLatin1Char('?')));
    url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest r(url);
    r.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, type);
    if (!ifNoneMatch.isEmpty())
        r.setRawHeader("If-None-Match", ifNoneMatch);
    r.setTransferTimeout(120000);
    QElapsedTimer t;
    t.start();
    QNetworkReply *reply = nam.sendCustomRequest(r, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Reply result {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll(), double(t.nsecsElapsed()) / 1e6, reply->rawHeader("ETag")};
    reply->deleteLater();
    return result;
}

int runServer(const QString &db, const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE),
            QStringList {QStringLiteral("--db"), db} + args);
    p.waitForFinished(300000);
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

// The CPU time the process has used so far (user and system, all threads), in ms: beside a
// wall time on a loaded machine, what the work itself cost.
double cpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    // After the command's name in parentheses: state is field 3, utime 14, stime 15.
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) * 1000.0 / sysconf(_SC_CLK_TCK);
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 0);
}

struct Sizes
{
    int users = 0;
    int groups = 0;
    int memberships = 0;
    int bigGroup = 0;
    int patchMembers = 0;
};

// The memberships as a SCIM client would have left them: g-1 of bigGroup members, the other
// memberships spread over the other groups (user k in group 4 + (k * 7 + j * 13) % (groups - 3),
// a few each), none of them in g-2 and g-3 (the PATCH targets). Pairs (group, user), each once.
QVector<QPair<int, int>> memberships(const Sizes &s)
{
    QVector<QPair<int, int>> pairs;
    pairs.reserve(s.memberships);
    for (int u = 1; u <= s.bigGroup; ++u)
        pairs.append({1, u});
    QSet<qint64> seen;
    for (int k = 0; int(pairs.size()) < s.memberships; ++k) {
        const int user = 1 + k % s.users;
        const int group = 4 + (k * 7 + (k / s.users) * 13) % (s.groups - 3);
        if (!seen.contains(qint64(group) * 10000000 + user)) {
            seen.insert(qint64(group) * 10000000 + user);
            pairs.append({group, user});
        }
    }
    return pairs;
}

bool check(QSqlQuery &q, bool ok)
{
    if (!ok)
        out << "set-up failed: " << q.lastError().text() << Qt::endl;
    return ok;
}

// Writes the groups and memberships straight into the database (the set-up, not what is
// measured), with the member counts the service keeps.
bool fillDirectory(QSqlDatabase &db, bool postgres, const Sizes &s)
{
    QSqlQuery q(db);
    const auto pairs = memberships(s);
    if (!check(q, q.exec(QStringLiteral("BEGIN"))))
        return false;
    if (postgres) {
        q.prepare(QStringLiteral("INSERT INTO groups (id, org_id, display_name, created_at, "
                                 "change_seq) SELECT 'g-' || n, 'o-1', 'Group ' || lpad(n::text, "
                                 "4, '0'), now(), 0 FROM generate_series(1, ?) AS n"));
        q.addBindValue(s.groups);
        if (!check(q, q.exec()))
            return false;
        q.prepare(QStringLiteral("UPDATE meta SET next_group = ?"));
        q.addBindValue(s.groups + 1);
        if (!check(q, q.exec()))
            return false;
        q.prepare(QStringLiteral("INSERT INTO group_members (group_id, user_id) SELECT 'g-' || "
                                 "g, 'u-' || u FROM unnest(?::int[], ?::int[]) AS t(g, u)"));
        for (int first = 0; first < pairs.size(); first += 50000) {
            QStringList groups, users;
            for (int i = first; i < std::min(int(pairs.size()), first + 50000); ++i) {
                groups.append(QString::number(pairs.at(i).first));
                users.append(QString::number(pairs.at(i).second));
            }
            q.addBindValue(QLatin1Char('{') + groups.join(QLatin1Char(',')) + QLatin1Char('}'));
            q.addBindValue(QLatin1Char('{') + users.join(QLatin1Char(',')) + QLatin1Char('}'));
            if (!check(q, q.exec()))
                return false;
        }
    } else {
        q.prepare(
            QStringLiteral("INSERT INTO groups (id, org_id, display_name, created_at, "
                           "change_seq) VALUES (?, 'o-1', ?, '2026-12-05T12:00:00.000Z', 0)"));
        for (int g = 1; g <= s.groups; ++g) {
            q.addBindValue(QStringLiteral("g-%1").arg(g));
            q.addBindValue(QStringLiteral("Group %1").arg(g, 4, 10, QLatin1Char('0')));
            if (!check(q, q.exec()))
                return false;
        }
        q.prepare(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)"));
        for (const auto &[group, user] : pairs) {
            q.addBindValue(QStringLiteral("g-%1").arg(group));
            q.addBindValue(QStringLiteral("u-%1").arg(user));
            if (!check(q, q.exec()))
                return false;
        }
    }
    return check(q,
                 q.exec(QStringLiteral("UPDATE groups SET member_count = (SELECT COUNT(*) FROM "
                                       "group_members m WHERE m.group_id = groups.id)"))
                     && q.exec(QStringLiteral("COMMIT")));
}

// A connection to the database of a postgresql:// URL.
QSqlDatabase connectPostgres(const QUrl &url, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    return db;
}

// One run on one back end; false when a request failed or the set-up did.
bool run(const QString &backend, const QUrl &postgresServer, const Sizes &s, bool reduced)
{
    const bool postgres = backend == QLatin1String("postgresql");
    BenchServer server;
    QString databaseName;
    if (postgres) {
        // A database of its own on the server, dropped at the end.
        databaseName = QStringLiteral("optout_groups_bench_")
            + QUuid::createUuid().toString(QUuid::Id128).left(12);
        {
            QSqlDatabase admin = connectPostgres(postgresServer, QStringLiteral("admin"));
            QSqlQuery q(admin);
            if (!admin.open()
                || !check(q, q.exec(QStringLiteral("CREATE DATABASE %1").arg(databaseName)))) {
                out << "PostgreSQL: " << admin.lastError().text() << Qt::endl;
                return false;
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
        QUrl url = postgresServer;
        url.setPath(QLatin1Char('/') + databaseName);
        server.setDatabase(url.toString());
    }
    const auto dropDatabase = qScopeGuard([&] {
        server.stop();
        if (databaseName.isEmpty())
            return;
        {
            QSqlDatabase admin = connectPostgres(postgresServer, QStringLiteral("admin"));
            QSqlQuery q(admin);
            if (admin.open())
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(databaseName));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    });

    if (!server.start(s.users, 0))
        return false;
    server.stop();
    {
        QSqlDatabase db = postgres
            ? connectPostgres(QUrl(server.databasePath()), QStringLiteral("fill"))
            : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
        if (!postgres)
            db.setDatabaseName(server.databasePath());
        if (!db.open()) {
            out << "set-up failed: " << db.lastError().text() << Qt::endl;
            return false;
        }
        const bool filled = fillDirectory(db, postgres, s);
        db.close();
        if (!filled)
            return false;
    }
    QSqlDatabase::removeDatabase(QStringLiteral("fill"));
    QFile csv(server.tempPath(QStringLiteral("idp.csv")));
    if (!csv.open(QIODevice::WriteOnly))
        return false;
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
        return false;
    }
    const QByteArray scimToken = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                     .match(QString::fromUtf8(output))
                                     .captured(1)
                                     .toUtf8();
    if (!server.start(s.users, 0))
        return false;
    QNetworkAccessManager nam;
    const QUrl base = server.baseUrl();
    out << "Groups bench (" << (postgres ? "PostgreSQL" : "SQLite") << ", loopback): " << s.users
        << " users, " << s.groups << " groups, " << s.memberships << " memberships"
        << (reduced ? " (reduced scale)" : "") << ", load " << loadAverage() << Qt::endl;

    // Baselines: one individual opt-out, one SCIM read of a group without its members.
    Reply r = send(nam, base, "demo-admin", "PUT", QStringLiteral("/api/v1/optouts/u-99"));
    out << "  baseline: one opt-out (PUT): " << r.ms << " ms (" << r.status << ")" << Qt::endl;
    r = send(nam, base, scimToken, "GET", QStringLiteral("/scim/v2/Groups/g-2"));
    out << "  baseline: one SCIM group read: " << r.ms << " ms (" << r.status << ")" << Qt::endl;

    // The picker's list of groups: every group in pages of 1,000 (the default), then all at
    // once, and a second read with the ETag (the window's next refresh).
    double pages = 0;
    int pageCount = 0;
    int pageStatus = 200;
    for (int page = 0; page * 1000 < s.groups; ++page, ++pageCount) {
        r = send(nam, base, "demo-admin", "GET",
                 QStringLiteral("/api/v1/groups?page=%1&pageSize=1000").arg(page));
        pages += r.ms;
        pageStatus = r.status == 200 ? pageStatus : r.status;
    }
    out << "  GET /api/v1/groups, " << s.groups << " groups in " << pageCount
        << " page(s) of 1,000: " << pages << " ms (" << pageStatus << ")" << Qt::endl;
    r = send(nam, base, "demo-admin", "GET", QStringLiteral("/api/v1/groups?pageSize=5000"));
    // The first read after the start warms the caches; the figure is the second one.
    r = send(nam, base, "demo-admin", "GET", QStringLiteral("/api/v1/groups?pageSize=5000"));
    const bool listOk = r.status == 200
        && QJsonDocument::fromJson(r.body).object()[QStringLiteral("groups")].toArray().size()
            == s.groups;
    out << "  GET /api/v1/groups?pageSize=5000 (all " << s.groups << "): " << r.ms << " ms ("
        << r.status << ", " << r.body.size() / 1024 << " KiB, goal < 50 ms)" << Qt::endl;
    const Reply notModified = send(nam, base, "demo-admin", "GET",
                                   QStringLiteral("/api/v1/groups?pageSize=5000"), {}, {}, r.etag);
    out << "  the same with If-None-Match: " << notModified.ms << " ms (" << notModified.status
        << ", goal < 5 ms)" << Qt::endl;

    const QByteArray bigRule = R"({"kind": "group", "groupId": "g-1"})";
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules/preview"),
             bigRule);
    out << "  preview of a rule on a " << s.bigGroup << "-member group: " << r.ms << " ms ("
        << r.status << ")" << Qt::endl;
    const double cpuBefore = cpuMs(server.processId());
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules"), bigRule);
    out << "  rule on a " << s.bigGroup << "-member group created: " << r.ms << " ms (" << r.status
        << ", goal < 1000 ms at full scale; the server's CPU time "
        << cpuMs(server.processId()) - cpuBefore << " ms), load " << loadAverage() << Qt::endl;
    const bool ruleOk = r.status == 201;
    r = send(nam, base, "demo-admin", "POST", QStringLiteral("/api/v1/optout-rules"),
             R"({"kind": "group", "groupId": "g-2"})");
    const bool secondRuleOk = r.status == 201;

    r = send(nam, base, scimToken, "PATCH", QStringLiteral("/scim/v2/Groups/g-2"),
             patchAdding(s.bigGroup + 1, s.patchMembers), "application/scim+json");
    out << "  SCIM PATCH adding " << s.patchMembers << " members to a group with a rule: " << r.ms
        << " ms (" << r.status << ", goal < 200 ms at full scale)" << Qt::endl;
    const bool patchOk = r.status == 204;
    r = send(nam, base, scimToken, "PATCH", QStringLiteral("/scim/v2/Groups/g-3"),
             patchAdding(s.bigGroup + 1, s.patchMembers), "application/scim+json");
    out << "  SCIM PATCH adding " << s.patchMembers
        << " members to a group without a rule: " << r.ms << " ms (" << r.status << ")" << Qt::endl;
    const bool secondPatchOk = r.status == 204;
    r = send(nam, base, "demo-admin", "DELETE", QStringLiteral("/api/v1/optout-rules/r-1"));
    out << "  the rule on " << s.bigGroup << " members deleted (all opted back in): " << r.ms
        << " ms (" << r.status << "), load " << loadAverage() << Qt::endl;
    const bool deleteOk = r.status == 204;
    return listOk && notModified.status == 304 && ruleOk && secondRuleOk && patchOk && secondPatchOk
        && deleteOk;
}

QString option(const QStringList &args, const QString &name)
{
    const int i = int(args.indexOf(name));
    return i > 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    double scale = 1.0;
    if (const QString f = option(args, QStringLiteral("--scale")); !f.isEmpty())
        scale = std::clamp(f.toDouble(), 0.01, 1.0);
    Sizes s;
    s.users = int(100000 * scale);
    s.groups = std::max(4, int(2000 * scale));
    s.memberships = int(400000 * scale);
    s.bigGroup = int(50000 * scale);
    s.patchMembers = int(1000 * scale);
    const QString backend = option(args, QStringLiteral("--backend")).isEmpty()
        ? QStringLiteral("both")
        : option(args, QStringLiteral("--backend"));
    if (backend != QLatin1String("sqlite") && backend != QLatin1String("postgresql")
        && backend != QLatin1String("both")) {
        QTextStream(stderr) << "--backend takes sqlite, postgresql or both\n";
        return 2;
    }

    bool ok = true;
    if (backend != QLatin1String("postgresql"))
        ok = run(QStringLiteral("sqlite"), {}, s, scale < 1) && ok;
    if (backend == QLatin1String("sqlite"))
        return ok ? 0 : 1;

    QString url = option(args, QStringLiteral("--db-url"));
    if (url.isEmpty())
        url = qEnvironmentVariable("OPTOUT_BENCH_DB_URL");
    // A directory pg-temp.sh makes (its cluster's owner must reach it: not inside a private
    // temporary directory of ours).
    const QString pgScript = QStringLiteral(OPTOUT_SOURCE_DIR "/scripts/pg-temp.sh");
    const QString cluster
        = QDir::temp().filePath(QStringLiteral("optout-groups-bench-")
                                + QUuid::createUuid().toString(QUuid::Id128).left(8));
    if (url.isEmpty()) {
        QProcess p;
        p.start(pgScript, {QStringLiteral("start"), cluster});
        p.waitForFinished(120000);
        url = QString::fromUtf8(p.readAllStandardOutput().trimmed());
        if (p.exitCode() != 0 || url.isEmpty()) {
            out << "PostgreSQL: scripts/pg-temp.sh could not start a cluster:\n"
                << p.readAllStandardError() << Qt::endl;
            return 1;
        }
    }
    ok = run(QStringLiteral("postgresql"), QUrl(url), s, scale < 1) && ok;
    if (QFile::exists(cluster)) {
        QProcess p;
        p.start(pgScript, {QStringLiteral("stop"), cluster});
        p.waitForFinished(60000);
    }
    return ok ? 0 : 1;
}
