// Directory sync at scale: a full SCIM listing of an organisation of 100,000 users, and 10,000
// SCIM creations, against the real optout-server (SQLite), each beside a baseline of the same
// run: the same users listed through /api/v1/users, and 10,000 SCIM reads of one user.
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
#include <QTextStream>

#include <algorithm>
#include <functional>

namespace {

QTextStream out(stdout);

struct Client
{
    QNetworkAccessManager nam;
    QUrl base;
    QByteArray token;

    QNetworkRequest request(const QString &pathAndQuery) const
    {
        QUrl url = base;
        const int q = pathAndQuery.indexOf(QLatin1Char('?'));
        url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
        if (q >= 0)
            url.setQuery(pathAndQuery.mid(q + 1));
        QNetworkRequest r(url);
        r.setRawHeader("Authorization", "Bearer " + token);
        r.setTransferTimeout(60000);
        return r;
    }
    QByteArray get(const QString &path)
    {
        QNetworkReply *reply = nam.get(request(path));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return reply->readAll();
    }
    // Keeps `parallel` requests in flight (as many connections); returns how many got `status`.
    int many(const QVector<QPair<QString, QByteArray>> &requests, const QByteArray &verb,
             int status, int parallel = 6)
    {
        int next = 0;
        int done = 0;
        int ok = 0;
        QEventLoop loop;
        std::function<void()> send = [&] {
            const auto &req = requests.at(next++);
            QNetworkRequest r = request(req.first);
            if (!req.second.isEmpty())
                r.setHeader(QNetworkRequest::ContentTypeHeader,
                            QByteArrayLiteral("application/scim+json"));
            QNetworkReply *reply = nam.sendCustomRequest(r, verb, req.second);
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                ok += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == status;
                reply->deleteLater();
                if (++done == requests.size())
                    loop.quit();
                else if (next < requests.size())
                    send();
            });
        };
        for (int i = 0; i < parallel && next < requests.size(); ++i)
            send();
        if (!requests.isEmpty())
            loop.exec();
        return ok;
    }
};

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    constexpr int Users = 100000;
    constexpr int Creations = 10000;
    constexpr int Page = 1000; // the largest SCIM count the service allows

    BenchServer server;
    if (!server.start(Users, 0))
        return 1;
    server.stop();
    // A directory_sync account and its token, set up as an administrator would.
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
    const QByteArray token = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                 .match(QString::fromUtf8(output))
                                 .captured(1)
                                 .toUtf8();
    if (!server.start(Users, 0))
        return 1;

    Client scim;
    scim.base = server.baseUrl();
    scim.token = token;
    Client admin;
    admin.base = server.baseUrl();
    admin.token = "demo-admin";
    out << "SCIM bench: " << Users << " users (SQLite, loopback, one client)" << Qt::endl;

    // Baseline: the same organisation through the administrators' list, 5,000 a page.
    QElapsedTimer t;
    t.start();
    qint64 listed = 0;
    for (int page = 0;; ++page) {
        const QJsonObject o
            = QJsonDocument::fromJson(
                  admin.get(QStringLiteral("/api/v1/users?page=%1&pageSize=5000").arg(page)))
                  .object();
        listed += o[QStringLiteral("users")].toArray().size();
        if (o[QStringLiteral("lastPage")].toBool() || o.isEmpty())
            break;
    }
    const double baseList = double(t.nsecsElapsed()) / 1e6;
    out << "  baseline: /api/v1/users, all " << listed << " users in pages of 5000: " << baseList
        << " ms" << Qt::endl;

    for (const int page : {100, Page}) {
        t.restart();
        qint64 total = -1;
        qint64 seen = 0;
        QList<double> requestMs; // each request's round trip, parsing excluded
        QElapsedTimer one;
        for (qint64 start = 1; total < 0 || start <= total; start += page) {
            one.start();
            const QByteArray body = scim.get(
                QStringLiteral("/scim/v2/Users?startIndex=%1&count=%2").arg(start).arg(page));
            requestMs.append(double(one.nsecsElapsed()) / 1e6);
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            total = o[QStringLiteral("totalResults")].toInteger();
            const qint64 n = o[QStringLiteral("Resources")].toArray().size();
            seen += n;
            if (n == 0)
                break;
        }
        // Paging by startIndex reads the sorted list at an offset: the last pages cost what the
        // first ones do.
        const auto median = [](QList<double> v) {
            std::sort(v.begin(), v.end());
            return v.isEmpty() ? 0.0 : v.at(v.size() / 2);
        };
        const qsizetype tenth = std::max<qsizetype>(1, requestMs.size() / 10);
        out << "  SCIM full listing, " << seen << " of " << total << " users in pages of " << page
            << ": " << double(t.nsecsElapsed()) / 1e6 << " ms, " << requestMs.size()
            << " requests; per request median " << median(requestMs) << " ms (first tenth "
            << median(requestMs.mid(0, tenth)) << " ms, last tenth "
            << median(requestMs.mid(requestMs.size() - tenth)) << " ms)" << Qt::endl;
    }

    t.restart();
    const qint64 filterRuns = 100;
    for (int i = 0; i < filterRuns; ++i)
        scim.get(QStringLiteral("/scim/v2/Users?filter=%1")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(
                         QStringLiteral("userName eq \"nobody-%1@example.com\"").arg(i)))));
    out << "  SCIM filter userName eq (no match; a look-up): "
        << double(t.nsecsElapsed()) / 1e6 / filterRuns << " ms per request" << Qt::endl;

    // Baseline: 10,000 SCIM reads of one user each, the HTTP round trips alone.
    QVector<QPair<QString, QByteArray>> reads;
    for (int i = 0; i < Creations; ++i)
        reads.append({QStringLiteral("/scim/v2/Users/u-%1").arg(10 + i % 1000), {}});
    t.restart();
    const int readOk = scim.many(reads, "GET", 200);
    out << "  baseline: " << readOk << " SCIM reads of one user: " << double(t.nsecsElapsed()) / 1e6
        << " ms" << Qt::endl;

    QVector<QPair<QString, QByteArray>> creations;
    for (int i = 0; i < Creations; ++i) {
        const QJsonObject user {
            {QStringLiteral("schemas"),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
            {QStringLiteral("userName"), QStringLiteral("scim.bench.%1@example.com").arg(i)},
            {QStringLiteral("name"),
             QJsonObject {{QStringLiteral("givenName"), QStringLiteral("Bench")},
                          {QStringLiteral("familyName"), QString::number(i)}}},
            {QStringLiteral("externalId"), QStringLiteral("ext-%1").arg(i)},
            {QStringLiteral("active"), true}};
        creations.append(
            {QStringLiteral("/scim/v2/Users"), QJsonDocument(user).toJson(QJsonDocument::Compact)});
    }
    t.restart();
    const int created = scim.many(creations, "POST", 201);
    out << "  SCIM creations: " << created << " of " << Creations << " created (201) in "
        << double(t.nsecsElapsed()) / 1e6 << " ms" << Qt::endl;
    server.stop();
    return created == Creations ? 0 : 1;
}
