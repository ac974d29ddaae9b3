// The audit's pages at 1,000,000 entries through the real optout-server (SQLite): the first
// page unfiltered, filtered by user, by actor, by action and time range, and a page deep in a
// filtered walk, each beside the floor of an authenticated round trip (GET /api/v1/me) measured
// in the same run.
#include "auditfill.h"
#include "benchserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>

#include <algorithm>

namespace {

QTextStream out(stdout);

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer get(QNetworkAccessManager &nam, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer demo-admin");
    request.setTransferTimeout(60000);
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer a {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return a;
}

// Median milliseconds of `runs` GETs of `path` (the first, warming, not counted); -1 on an
// error answer.
double medianMs(QNetworkAccessManager &nam, const QUrl &base, const QString &path, int runs,
                int *entries)
{
    QUrl url = base;
    const int q = path.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QVector<double> times;
    for (int i = 0; i <= runs; ++i) {
        QElapsedTimer t;
        t.start();
        const Answer a = get(nam, url);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (a.status != 200) {
            out << "  " << path << ": HTTP " << a.status << ' ' << a.body << Qt::endl;
            return -1;
        }
        if (entries) {
            *entries = int(QJsonDocument::fromJson(a.body)
                               .object()
                               .value(QStringLiteral("entries"))
                               .toArray()
                               .size());
        }
        if (i > 0)
            times.append(ms);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    constexpr int Users = 2000;
    constexpr int Entries = 1000000;
    BenchServer server;
    if (!server.start(Users, 0))
        return 1;
    server.stop();

    // 1,000,000 entries as the service writes them: opt-outs with reasons, opt-ins and purges
    // over a year, by three administrators, about users spread over the organisation.
    QElapsedTimer fill;
    fill.start();
    QString error;
    if (!fillAudit(server.databasePath(), Entries, Users, &error)) {
        out << "cannot fill the audit: " << error << Qt::endl;
        return 1;
    }
    out << "audit filled with " << Entries << " entries in " << fill.elapsed() << " ms" << Qt::endl;
    if (!server.start(Users, 0))
        return 1;

    QNetworkAccessManager nam;
    const QUrl base = server.baseUrl();
    constexpr int Runs = 21;
    int n = 0;
    out << "GET /api/v1/audit on SQLite, " << Entries << " entries, median of " << Runs
        << " (ms):" << Qt::endl;
    const double floor = medianMs(nam, base, QStringLiteral("/api/v1/me?x=1"), Runs, nullptr);
    out << "  floor: authenticated round trip (GET /api/v1/me)      " << floor << Qt::endl;
    const struct
    {
        const char *label;
        QString path;
    } cases[] = {
        {"first page, unfiltered, limit 100            ",
         QStringLiteral("/api/v1/audit?limit=100")},
        {"first page, unfiltered, limit 1000           ",
         QStringLiteral("/api/v1/audit?limit=1000")},
        {"userId filter, limit 100                     ",
         QStringLiteral("/api/v1/audit?limit=100&userId=u-777")},
        {"actorId filter, limit 100                    ",
         QStringLiteral("/api/v1/audit?limit=100&actorId=u-2")},
        {"action=purge + since/until (one month), 100  ",
         QStringLiteral("/api/v1/audit?limit=100&action=purge&since=2026-03-01T00:00:00Z&until="
                        "2026-04-01T00:00:00Z")},
        {"userId + action + since, limit 100           ",
         QStringLiteral("/api/v1/audit?limit=100&userId=u-777&action=opt_out&since=2026-01-01T00:"
                        "00:00Z")},
        {"deep page: before = entry 500,000, action    ",
         QStringLiteral("/api/v1/audit?limit=100&action=opt_out&before=500000")},
        {"filter matching nothing (unknown user)       ",
         QStringLiteral("/api/v1/audit?limit=100&userId=u-nobody")},
    };
    for (const auto &c : cases) {
        const double ms = medianMs(nam, base, c.path, Runs, &n);
        out << "  " << c.label << "  " << ms << "  (" << n << " entries)" << Qt::endl;
    }
    server.stop();
    return 0;
}
