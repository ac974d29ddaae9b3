// Ingestion throughput of optout-server beside the SQLite floor, with users flipped in and out,
// without and with the enforcement counters (--no-enforcement-counters for the baseline).
//
// Posts batches of 1,000 events (API.md's most per request) over several keep-alive connections
// for an organisation of 100,000 users with 20,000 opted out, flips users in and out while it
// runs (the opt-outs deleting the users' stored events at once), then checks in the database
// that no stored event belongs to a user who is opted out.
#include "benchserver.h"
#include "ingestclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <algorithm>
#include <memory>
#include <optional>
#include <tuple>

namespace {

QTextStream out(stdout);

struct Event
{
    QString userId;
    QString name;
    QString timestamp;
    QString properties;
};

QNetworkRequest request(const QUrl &base, const QString &path, const QByteArray &token)
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer " + token);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(60000);
    return req;
}

QByteArray waitFor(QNetworkReply *reply, int *status = nullptr)
{
    while (!reply->isFinished())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

// The floor: the same rows inserted straight into SQLite in one transaction.
double sqliteFloor(const QString &path, const QList<Event> &events)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("floor"));
    db.setDatabaseName(path);
    db.open();
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    q.exec(
        QStringLiteral("CREATE TABLE usage_events (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, "
                       "user_id TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL, at TEXT "
                       "NOT NULL, received_at TEXT NOT NULL, properties TEXT)"));
    q.exec(QStringLiteral("CREATE INDEX usage_by_user ON usage_events (org_id, user_id)"));
    QElapsedTimer timer;
    timer.start();
    db.transaction();
    q.prepare(QStringLiteral("INSERT INTO usage_events (org_id, user_id, source, name, at, "
                             "received_at, properties) VALUES (?, ?, 'client', ?, ?, ?, ?)"));
    for (const Event &e : events) {
        q.addBindValue(QStringLiteral("o-1"));
        q.addBindValue(e.userId);
        q.addBindValue(e.name);
        q.addBindValue(e.timestamp);
        q.addBindValue(e.timestamp);
        q.addBindValue(e.properties);
        q.exec();
    }
    db.commit();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    q = QSqlQuery();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("floor"));
    return seconds;
}

struct Run
{
    double httpSeconds = 0;
    qint64 accepted = 0;
    qint64 discarded = 0;
    int failures = 0;
    int flips = 0;
    qint64 storedOfOptedOut = -1;
    qint64 storedClient = -1;
    qint64 countedAccepted = -1; // the enforcement counters' (with them only)
    qint64 countedDiscarded = -1;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Usage-event ingestion benchmark."));
    parser.addHelpOption();
    const QCommandLineOption usersOption(QStringLiteral("users"), QStringLiteral("Users."),
                                         QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption outOption(QStringLiteral("optouts"), QStringLiteral("Opted out."),
                                       QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption batchesOption(QStringLiteral("batches"),
                                           QStringLiteral("Batches of 1,000 events."),
                                           QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption connOption(QStringLiteral("connections"),
                                        QStringLiteral("Parallel connections."),
                                        QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption roundsOption(
        QStringLiteral("rounds"),
        QStringLiteral("Rounds of one run without then one with the counters (medians printed)."),
        QStringLiteral("n"), QStringLiteral("9"));
    parser.addOptions({usersOption, outOption, batchesOption, connOption, roundsOption});
    parser.process(app);
    const int userCount = parser.value(usersOption).toInt();
    const int optOutCount = parser.value(outOption).toInt();
    const int batchCount = parser.value(batchesOption).toInt();
    const int connections = parser.value(connOption).toInt();
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    constexpr int BatchSize = 1000; // API.md's most per request

    // One run on a fresh server: with the enforcement counters, or without them (the baseline).
    QList<Event> all;
    QList<QByteArray> bodies;
    QTemporaryDir floorDir;
    const auto run = [&](bool counters) -> std::optional<Run> {
        Run result;
        BenchServer server;
        QElapsedTimer startTimer;
        startTimer.start();
        if (!server.start(userCount, optOutCount,
                          counters ? QStringList()
                                   : QStringList {QStringLiteral("--no-enforcement-counters")}))
            return std::nullopt;
        out << "\n"
            << (counters ? "with the enforcement counters"
                         : "without the enforcement counters (baseline)")
            << ":\n";
        out << "server with " << userCount << " users, " << optOutCount << " opted out, started in "
            << startTimer.elapsed() << " ms\n";

        // Every user id of the organisation, through the API.
        QNetworkAccessManager admin;
        QStringList ids;
        for (int page = 0;; ++page) {
            QNetworkRequest req
                = request(server.baseUrl(), QStringLiteral("/api/v1/users"), "demo-admin");
            QUrl url = req.url();
            url.setQuery(QStringLiteral("page=%1&pageSize=5000").arg(page));
            req.setUrl(url);
            const QJsonObject o = QJsonDocument::fromJson(waitFor(admin.get(req))).object();
            for (const QJsonValue &u : o.value(QStringLiteral("users")).toArray())
                ids.append(u[QStringLiteral("id")].toString());
            if (o.value(QStringLiteral("lastPage")).toBool(true))
                break;
        }

        // Events for random users, in and out alike, serialised before the clock starts (the same
        // ones for both runs: the demo's user ids are the same).
        QRandomGenerator rng(42);
        if (bodies.isEmpty()) {
            const QString ts = QStringLiteral("2026-11-22T16:00:00Z");
            for (int b = 0; b < batchCount; ++b) {
                QJsonArray events;
                for (int i = 0; i < BatchSize; ++i) {
                    Event e {ids.at(int(rng.bounded(quint32(ids.size())))),
                             QStringLiteral("bench.page.viewed"), ts,
                             QStringLiteral("{\"page\":\"optout\",\"n\":%1}").arg(i)};
                    events.append(
                        QJsonObject {{QStringLiteral("name"), e.name},
                                     {QStringLiteral("timestamp"), e.timestamp},
                                     {QStringLiteral("userId"), e.userId},
                                     {QStringLiteral("properties"),
                                      QJsonDocument::fromJson(e.properties.toUtf8()).object()}});
                    all.append(e);
                }
                bodies.append(QJsonDocument(QJsonObject {{QStringLiteral("events"), events}})
                                  .toJson(QJsonDocument::Compact));
            }
        }

        // Several connections, one request in flight on each, kept alive.
        IngestClient client({server.baseUrl()}, "demo-tracker", connections);

        // Meanwhile an administrator flips 50 users out and 50 back in every 100 ms, deleting the
        // stored events of those opted out (so none of an opted-out user may remain).
        QNetworkAccessManager flipper;
        QStringList flippedOut;
        int flips = 0;
        QTimer flipTimer;
        flipTimer.setInterval(100);
        QObject::connect(&flipTimer, &QTimer::timeout, &flipper, [&] {
            QJsonArray outList;
            QJsonArray inList;
            for (int i = 0; i < 50; ++i)
                outList.append(ids.at(int(rng.bounded(quint32(ids.size())))));
            for (int i = 0; i < 50 && !flippedOut.isEmpty(); ++i)
                inList.append(flippedOut.takeFirst());
            for (const QJsonValue &v : std::as_const(outList)) {
                if (!inList.contains(v))
                    flippedOut.append(v.toString());
            }
            QJsonArray outFiltered;
            for (const QJsonValue &v : std::as_const(outList)) {
                if (!inList.contains(v))
                    outFiltered.append(v);
            }
            QNetworkReply *reply = flipper.post(
                request(server.baseUrl(), QStringLiteral("/api/v1/optouts/batch"), "demo-admin"),
                QJsonDocument(QJsonObject {{QStringLiteral("optOut"), outFiltered},
                                           {QStringLiteral("optIn"), inList},
                                           {QStringLiteral("deleteStoredEvents"), true}})
                    .toJson(QJsonDocument::Compact));
            QObject::connect(reply, &QNetworkReply::finished, reply, [&flips, reply] {
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                    ++flips;
                reply->deleteLater();
            });
        });

        out << "posting " << bodies.size() << " batches\n";
        out.flush();
        QElapsedTimer timer;
        timer.start();
        flipTimer.start();
        client.start(&bodies);
        while (!client.isDone())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        result.httpSeconds = double(timer.nsecsElapsed()) / 1e9;
        flipTimer.stop();
        QCoreApplication::processEvents();
        if (counters) {
            // What the counters say, beside what the answers said.
            const QJsonObject stats
                = QJsonDocument::fromJson(
                      waitFor(admin.get(request(server.baseUrl(),
                                                QStringLiteral("/api/v1/usage/enforcement"),
                                                "demo-admin"))))
                      .object();
            const QJsonObject totals = stats.value(QStringLiteral("totals")).toObject();
            result.countedAccepted = qint64(totals.value(QStringLiteral("accepted"))
                                                .toObject()
                                                .value(QStringLiteral("client"))
                                                .toDouble());
            result.countedDiscarded = qint64(totals.value(QStringLiteral("discarded"))
                                                 .toObject()
                                                 .value(QStringLiteral("client"))
                                                 .toDouble());
        }
        server.stop();
        result.accepted = client.accepted();
        result.discarded = client.discarded();
        result.failures = client.failures();
        result.flips = flips;

        // What the database holds now.
        qint64 &storedOfOptedOut = result.storedOfOptedOut;
        qint64 &storedClient = result.storedClient;
        {
            QSqlDatabase db
                = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
            db.setDatabaseName(server.databasePath());
            db.open();
            QSqlQuery q(db);
            // Both tables: the server's recent events not yet moved into usage_events count too.
            const QString stored
                = QStringLiteral("(SELECT user_id, source FROM usage_events UNION ALL "
                                 "SELECT user_id, source FROM usage_recent)");
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1 e JOIN optouts o ON o.user_id = "
                                      "e.user_id")
                           .arg(stored))
                && q.next())
                storedOfOptedOut = q.value(0).toLongLong();
            if (q.exec(
                    QStringLiteral("SELECT COUNT(*) FROM %1 WHERE source = 'client'").arg(stored))
                && q.next())
                storedClient = q.value(0).toLongLong();
            q = QSqlQuery();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        return result;
    };
    // Runs of about a second each are at the mercy of the machine's other work: rounds of one run
    // without and one with the counters, each round beside its own floor, and the medians.
    QList<Run> baselines;
    QList<Run> counteds;
    QList<double> floors;
    for (int round = 0; round < rounds; ++round) {
        out << "\nround " << round + 1 << " of " << rounds;
        const std::optional<Run> b = run(false);
        const std::optional<Run> c = b ? run(true) : std::nullopt;
        if (!c)
            return 1;
        baselines.append(*b);
        counteds.append(*c);
        floors.append(
            sqliteFloor(floorDir.filePath(QStringLiteral("floor%1.sqlite").arg(round)), all));
    }
    const auto median = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        const qsizetype n = values.size();
        return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2;
    };
    const auto ratios = [&](const QList<Run> &runs) {
        QList<double> r;
        for (qsizetype i = 0; i < runs.size(); ++i)
            r.append(100.0 * floors.at(i) / runs.at(i).httpSeconds);
        return r;
    };
    const QList<double> baselineRatios = ratios(baselines);
    const QList<double> countedRatios = ratios(counteds);
    QList<double> costs;
    for (qsizetype i = 0; i < baselineRatios.size(); ++i)
        costs.append(baselineRatios.at(i) - countedRatios.at(i));
    const double floorSeconds = median(floors);

    // The machine may be shared: its load says how far the figures can be trusted.
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load = loadavg.open(QIODevice::ReadOnly) ? loadavg.readLine().trimmed() : "?";
    const qint64 total = qint64(all.size());
    out << "\nevents posted per run:       " << total << " in " << batchCount << " batches of "
        << BatchSize << " over " << connections << " connections; " << rounds << " rounds\n";
    out << QStringLiteral("SQLite floor, 1 transaction: %1 rows/s (median %2 s)\n")
               .arg(total / floorSeconds, 0, 'f', 0)
               .arg(floorSeconds, 0, 'f', 2);
    bool ok = true;
    for (qsizetype i = 0; i < baselines.size(); ++i) {
        for (const auto &[name, r, ratio] :
             {std::tuple<const char *, const Run &, double> {"without counters", baselines.at(i),
                                                             baselineRatios.at(i)},
              std::tuple<const char *, const Run &, double> {"with counters   ", counteds.at(i),
                                                             countedRatios.at(i)}}) {
            out << "round " << i + 1 << ", " << name << ": "
                << QStringLiteral("HTTP %1 events/s (%2 s), HTTP / floor %3 %")
                       .arg(total / r.httpSeconds, 0, 'f', 0)
                       .arg(r.httpSeconds, 0, 'f', 2)
                       .arg(ratio, 0, 'f', 0)
                << "; accepted / discarded " << r.accepted << " / " << r.discarded
                << " (failed requests: " << r.failures << "); opt-out flips " << r.flips
                << "; stored events of opted-out users " << r.storedOfOptedOut
                << (r.storedOfOptedOut == 0 ? " (ok)\n" : " (WRONG)\n");
            ok = ok && r.storedOfOptedOut == 0 && r.failures == 0;
        }
    }
    out << QStringLiteral("median HTTP / floor:         %1 % without the counters, %2 % with them "
                          "(goal: at least 80 %)\n")
               .arg(median(baselineRatios), 0, 'f', 0)
               .arg(median(countedRatios), 0, 'f', 0);
    out << QStringLiteral("counters' cost:              median %1 points of the floor (goal: "
                          "within 5)\n")
               .arg(median(costs), 0, 'f', 1);
    bool countedRight = true;
    for (const Run &counted : std::as_const(counteds)) {
        const bool right = counted.countedAccepted == counted.accepted
            && counted.countedDiscarded == counted.discarded;
        out << "counted accepted / discarded: " << counted.countedAccepted << " / "
            << counted.countedDiscarded << (right ? " (as answered)\n" : " (WRONG)\n");
        countedRight = countedRight && right;
    }
    out << "machine load at the end:     " << load << " (" << QThread::idealThreadCount()
        << " cores; other work on them slows both figures)\n";
    out.flush();
    return ok && countedRight ? 0 : 2;
}
