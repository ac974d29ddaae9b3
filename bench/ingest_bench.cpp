// Ingestion throughput of optout-server beside the SQLite floor, with users flipped in and out.
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
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <memory>

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
    parser.addOptions({usersOption, outOption, batchesOption, connOption});
    parser.process(app);
    const int userCount = parser.value(usersOption).toInt();
    const int optOutCount = parser.value(outOption).toInt();
    const int batchCount = parser.value(batchesOption).toInt();
    const int connections = parser.value(connOption).toInt();
    constexpr int BatchSize = 1000; // API.md's most per request

    BenchServer server;
    QElapsedTimer startTimer;
    startTimer.start();
    if (!server.start(userCount, optOutCount))
        return 1;
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

    // Events for random users, in and out alike, serialised before the clock starts.
    QRandomGenerator rng(42);
    QList<Event> all;
    QList<QByteArray> bodies;
    const QString ts = QStringLiteral("2026-11-22T16:00:00Z");
    for (int b = 0; b < batchCount; ++b) {
        QJsonArray events;
        for (int i = 0; i < BatchSize; ++i) {
            Event e {ids.at(int(rng.bounded(quint32(ids.size())))),
                     QStringLiteral("bench.page.viewed"), ts,
                     QStringLiteral("{\"page\":\"optout\",\"n\":%1}").arg(i)};
            events.append(QJsonObject {{QStringLiteral("name"), e.name},
                                       {QStringLiteral("timestamp"), e.timestamp},
                                       {QStringLiteral("userId"), e.userId},
                                       {QStringLiteral("properties"),
                                        QJsonDocument::fromJson(e.properties.toUtf8()).object()}});
            all.append(e);
        }
        bodies.append(QJsonDocument(QJsonObject {{QStringLiteral("events"), events}})
                          .toJson(QJsonDocument::Compact));
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
    const double httpSeconds = double(timer.nsecsElapsed()) / 1e9;
    flipTimer.stop();
    QCoreApplication::processEvents();
    server.stop();

    // What the database holds now.
    qint64 storedOfOptedOut = -1;
    qint64 storedClient = -1;
    {
        QSqlDatabase db
            = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(server.databasePath());
        db.open();
        QSqlQuery q(db);
        // Both tables: the server's recent events not yet moved into usage_events count too.
        const QString stored = QStringLiteral("(SELECT user_id, source FROM usage_events UNION ALL "
                                              "SELECT user_id, source FROM usage_recent)");
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1 e JOIN optouts o ON o.user_id = "
                                  "e.user_id")
                       .arg(stored))
            && q.next())
            storedOfOptedOut = q.value(0).toLongLong();
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE source = 'client'").arg(stored))
            && q.next())
            storedClient = q.value(0).toLongLong();
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));

    const double floorSeconds = sqliteFloor(server.tempPath(QStringLiteral("floor.sqlite")), all);
    // The machine may be shared: its load says how far the figures can be trusted.
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load = loadavg.open(QIODevice::ReadOnly) ? loadavg.readLine().trimmed() : "?";
    const qint64 total = qint64(all.size());
    out << "events posted:               " << total << " in " << batchCount << " batches of "
        << BatchSize << " over " << connections << " connections\n";
    out << "accepted / discarded:        " << client.accepted() << " / " << client.discarded()
        << " (failed requests: " << client.failures() << ")\n";
    out << "opt-out flips during run:    " << flips << " batches of 50 out + 50 in\n";
    out << QStringLiteral("HTTP ingestion:              %1 events/s (%2 s)\n")
               .arg(total / httpSeconds, 0, 'f', 0)
               .arg(httpSeconds, 0, 'f', 2);
    out << QStringLiteral("SQLite floor, 1 transaction: %1 rows/s (%2 s)\n")
               .arg(total / floorSeconds, 0, 'f', 0)
               .arg(floorSeconds, 0, 'f', 2);
    out << QStringLiteral("HTTP / floor:                %1 %\n")
               .arg(100.0 * floorSeconds / httpSeconds, 0, 'f', 0);
    out << "machine load at the end:     " << load << " (" << QThread::idealThreadCount()
        << " cores; other work on them slows both figures)\n";
    out << "client events stored now:    " << storedClient
        << " (accepted minus those purged by later opt-outs)\n";
    out << "stored events of opted-out users: " << storedOfOptedOut
        << (storedOfOptedOut == 0 ? " (ok)\n" : " (WRONG)\n");
    out.flush();
    return storedOfOptedOut == 0 && client.failures() == 0 ? 0 : 2;
}
