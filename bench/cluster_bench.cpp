// Ingestion on PostgreSQL through one optout-server instance and through two, each beside the
// PostgreSQL floor (the same rows by COPY in one transaction, through psql's \copy), and the
// cross-instance enforcement delay: how many events an instance still stores after an opt-out
// through the other one was acknowledged (goal: none, the very next event is discarded), and how
// long the other instance's cache takes to show it.
//
// Starts its own PostgreSQL (scripts/pg-temp.sh) unless OPTOUT_BENCH_DB_URL names one.
// --before EXE measures that optout-server (a build of an earlier commit) the same way first,
// on a database of its own, and prints its ratios beside this build's.
#include "ingestclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <functional>
#include <memory>

namespace {

QTextStream out(stdout);
constexpr int BatchSize = 1000; // API.md's most per request

class Instance
{
public:
    ~Instance() { stop(); }
    bool start(const QString &db, const QStringList &extra,
               const QString &executable = QStringLiteral(OPTOUT_SERVER_EXECUTABLE))
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(executable,
                        QStringList {QStringLiteral("--db"), db, QStringLiteral("--listen"),
                                     QStringLiteral("127.0.0.1:0"), QStringLiteral("--quiet")}
                            + extra);
        QByteArray output;
        static const QRegularExpression listening(QStringLiteral("Listening on (http://\\S+)"));
        QDeadlineTimer deadline(300000);
        while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
            m_process.waitForReadyRead(200);
            output += m_process.readAll();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch()) {
                m_url = QUrl(match.captured(1));
                return true;
            }
        }
        QTextStream(stderr) << "optout-server did not start:\n" << output;
        return false;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(30000))
            m_process.kill();
    }
    QNetworkRequest request(const QString &path, const QByteArray &token) const
    {
        QUrl url = m_url;
        const int q = path.indexOf(QLatin1Char('?'));
        url.setPath(q < 0 ? path : path.left(q));
        if (q >= 0)
            url.setQuery(path.mid(q + 1));
        QNetworkRequest req(url);
        req.setRawHeader("Authorization", "Bearer " + token);
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        req.setTransferTimeout(60000);
        return req;
    }

private:
    QProcess m_process;
    QUrl m_url;
};

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

int runScript(const QStringList &args, QByteArray *output)
{
    QProcess p;
    p.start(QStringLiteral(OPTOUT_SOURCE_DIR "/scripts/pg-temp.sh"), args);
    if (!p.waitForFinished(120000))
        return -1;
    if (output)
        *output = p.readAllStandardOutput().trimmed();
    return p.exitCode();
}

// A connection to `url` (a postgresql:// URL) for the checks.
QSqlDatabase connect(const QUrl &url, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setUserName(url.userName());
    db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    if (!db.open())
        QTextStream(stderr) << db.lastError().text() << '\n';
    return db;
}

qint64 scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql) && q.next())
        return q.value(0).toLongLong();
    QTextStream(stderr) << q.lastError().text() << '\n';
    return -1;
}

struct Batches
{
    QList<QByteArray> bodies;
    QByteArray copyText; // the same rows in COPY's text format
    qint64 events = 0;
};

QString copyEscape(const QString &s)
{
    QString r = s;
    r.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    r.replace(QLatin1Char('\t'), QLatin1String("\\t"));
    r.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return r;
}

Batches makeBatches(const QStringList &ids, int count, quint32 seed)
{
    QRandomGenerator rng(seed);
    Batches b;
    const QString ts = QStringLiteral("2026-11-22T16:00:00Z");
    for (int n = 0; n < count; ++n) {
        QJsonArray events;
        for (int i = 0; i < BatchSize; ++i) {
            const QString user = ids.at(int(rng.bounded(quint32(ids.size()))));
            const QString props = QStringLiteral("{\"page\":\"optout\",\"n\":%1}").arg(i);
            events.append(QJsonObject {
                {QStringLiteral("name"), QStringLiteral("bench.page.viewed")},
                {QStringLiteral("timestamp"), ts},
                {QStringLiteral("userId"), user},
                {QStringLiteral("properties"), QJsonDocument::fromJson(props.toUtf8()).object()}});
            b.copyText += QStringLiteral("o-1\t%1\tclient\tbench.page.viewed\t%2\t%2\t%3\n")
                              .arg(copyEscape(user), ts, copyEscape(props))
                              .toUtf8();
            ++b.events;
        }
        b.bodies.append(QJsonDocument(QJsonObject {{QStringLiteral("events"), events}})
                            .toJson(QJsonDocument::Compact));
    }
    return b;
}

struct IngestResult
{
    double seconds = 0;
    qint64 accepted = 0;
    qint64 discarded = 0;
    int failures = 0;
    int flips = 0;
};

// Posts every batch over `connections` connections spread over the instances, while an
// administrator flips 50 users out and 50 in every 100 ms through the first instance (deleting
// the stored events of those opted out, so none of an opted-out user may remain).
IngestResult ingest(const QList<Instance *> &instances, const Batches &batches, int connections,
                    const QStringList &ids)
{
    IngestResult r;
    QList<QUrl> targets;
    for (const Instance *i : instances)
        targets.append(i->request(QStringLiteral("/"), {}).url().adjusted(QUrl::RemovePath));
    // Connections alternate between the instances, one request in flight on each, kept alive.
    IngestClient client(targets, "demo-tracker", connections);
    QRandomGenerator rng(7);
    QNetworkAccessManager flipper;
    QStringList flippedOut;
    QTimer flipTimer;
    flipTimer.setInterval(100);
    QObject::connect(&flipTimer, &QTimer::timeout, &flipper, [&] {
        QStringList outList;
        QStringList inList;
        for (int i = 0; i < 50 && !flippedOut.isEmpty(); ++i)
            inList.append(flippedOut.takeFirst());
        for (int i = 0; i < 50; ++i) {
            const QString id = ids.at(int(rng.bounded(quint32(ids.size()))));
            if (!inList.contains(id) && !outList.contains(id)) {
                outList.append(id);
                flippedOut.append(id);
            }
        }
        QNetworkReply *reply = flipper.post(
            instances.first()->request(QStringLiteral("/api/v1/optouts/batch"), "demo-admin"),
            QJsonDocument(
                QJsonObject {{QStringLiteral("optOut"), QJsonArray::fromStringList(outList)},
                             {QStringLiteral("optIn"), QJsonArray::fromStringList(inList)},
                             {QStringLiteral("deleteStoredEvents"), true}})
                .toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&r, reply] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                ++r.flips;
            reply->deleteLater();
        });
    });
    QElapsedTimer timer;
    timer.start();
    flipTimer.start();
    client.start(&batches.bodies);
    while (!client.isDone())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    r.seconds = double(timer.nsecsElapsed()) / 1e9;
    r.accepted = client.accepted();
    r.discarded = client.discarded();
    r.failures = client.failures();
    flipTimer.stop();
    QCoreApplication::processEvents();
    return r;
}

// The floor: the same rows by COPY, in one transaction, into a table shaped like usage_events.
double copyFloor(const QUrl &url, QSqlDatabase &db, const Batches &batches, const QString &dir)
{
    const QString table
        = QStringLiteral("floor_") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("CREATE TABLE %1 (LIKE usage_events INCLUDING ALL)").arg(table)))
        return -1;
    const QString file = dir + QStringLiteral("/floor.tsv");
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    f.write(batches.copyText);
    f.close();
    QProcess psql;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), url.password());
    psql.setProcessEnvironment(env);
    const QString conninfo = QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
                                 .arg(url.host())
                                 .arg(url.port(5432))
                                 .arg(url.userName(), url.path().mid(1));
    // The psql that only connects, to take its start-up out of the figure.
    QElapsedTimer timer;
    timer.start();
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"), conninfo,
                QStringLiteral("-c"), QStringLiteral("SELECT 1")});
    psql.waitForFinished(60000);
    const qint64 startup = timer.nsecsElapsed();
    timer.restart();
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), conninfo,
                QStringLiteral("-1"), QStringLiteral("-c"),
                QStringLiteral("\\copy %1 (org_id, user_id, source, name, at, received_at, "
                               "properties) FROM '%2'")
                    .arg(table, file)});
    psql.waitForFinished(600000);
    const qint64 elapsed = timer.nsecsElapsed() - startup;
    if (psql.exitCode() != 0) {
        QTextStream(stderr) << psql.readAllStandardError();
        return -1;
    }
    const qint64 rows = scalar(db, QStringLiteral("SELECT count(*) FROM %1").arg(table));
    q.exec(QStringLiteral("DROP TABLE %1").arg(table));
    if (rows != batches.events)
        return -1;
    return double(std::max<qint64>(elapsed, 1)) / 1e9;
}

// The goal, and the ratios measured before ingestion went by COPY (a multi-row INSERT over text
// arrays), printed when no earlier build is measured in the same run (--before).
constexpr int GoalPercent = 50;
constexpr double BeforeCopyOne = 37;
constexpr double BeforeCopyTwo = 30;

double percentOf(const IngestResult &r, double floorSeconds)
{
    return r.seconds > 0 && floorSeconds > 0 ? 100.0 * floorSeconds / r.seconds : -1;
}

void report(const char *what, const IngestResult &r, qint64 events, double floorSeconds,
            double percentBefore, const QString &before)
{
    // The machine is shared: its load says how far both figures are from an idle one.
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    const QByteArray load
        = loadavg.open(QIODevice::ReadOnly) ? loadavg.readLine().trimmed() : QByteArray("?");
    out << what << " (machine load " << load << ", " << QThread::idealThreadCount() << " cores)\n";
    out << QStringLiteral("  HTTP ingestion:             %1 events/s (%2 s; accepted %3, "
                          "discarded %4, failed requests %5, flips %6)\n")
               .arg(events / r.seconds, 0, 'f', 0)
               .arg(r.seconds, 0, 'f', 2)
               .arg(r.accepted)
               .arg(r.discarded)
               .arg(r.failures)
               .arg(r.flips);
    out << QStringLiteral("  PostgreSQL floor (COPY, 1 transaction): %1 rows/s (%2 s)\n")
               .arg(events / floorSeconds, 0, 'f', 0)
               .arg(floorSeconds, 0, 'f', 2);
    const double percent = percentOf(r, floorSeconds);
    out << QStringLiteral("  HTTP / floor:               %1 % (%2: %3 %; goal: %4 % or "
                          "more, %5)\n")
               .arg(percent, 0, 'f', 0)
               .arg(before)
               .arg(percentBefore, 0, 'f', 0)
               .arg(GoalPercent)
               .arg(percent >= GoalPercent ? QStringLiteral("met") : QStringLiteral("NOT met"));
    out.flush();
}

struct Setup
{
    int users = 0;
    int optOuts = 0;
    int batches = 0;
    int connections = 0;
};

struct Measured
{
    QUrl url; // the run's own database
    IngestResult one;
    IngestResult two;
    double floorOne = -1;
    double floorTwo = -1;
    qint64 eventsOne = 0;
    qint64 eventsTwo = 0;
};

// One run of `executable`: a database of its own on `server`, instance A with the demo data,
// ingestion through A, then instance B and ingestion through both; each beside its floor.
bool measure(const QString &executable, QUrl server, const Setup &setup, const QString &tmp,
             Instance &a, Instance &b, Measured *m)
{
    const QString dbName
        = QStringLiteral("bench_") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    {
        QSqlDatabase admin = connect(server, QStringLiteral("admin"));
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("CREATE DATABASE %1").arg(dbName))) {
            QTextStream(stderr) << q.lastError().text() << '\n';
            return false;
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
    QUrl url = server;
    url.setPath(QLatin1Char('/') + dbName);
    m->url = url;
    const QString db = url.toString();

    QElapsedTimer startTimer;
    startTimer.start();
    if (!a.start(db,
                 {QStringLiteral("--demo"), QStringLiteral("--demo-users"),
                  QString::number(setup.users), QStringLiteral("--demo-optouts"),
                  QString::number(setup.optOuts)},
                 executable))
        return false;
    out << "PostgreSQL " << url.host() << ':' << url.port() << ", instance A with " << setup.users
        << " users, " << setup.optOuts << " opted out, started in " << startTimer.elapsed()
        << " ms\n";

    QStringList ids;
    {
        QNetworkAccessManager admin;
        for (int page = 0;; ++page) {
            const QJsonObject o
                = QJsonDocument::fromJson(
                      waitFor(admin.get(
                          a.request(QStringLiteral("/api/v1/users?page=%1&pageSize=5000").arg(page),
                                    "demo-admin"))))
                      .object();
            for (const QJsonValue &u : o.value(QStringLiteral("users")).toArray())
                ids.append(u[QStringLiteral("id")].toString());
            if (o.value(QStringLiteral("lastPage")).toBool(true))
                break;
        }
    }
    if (ids.size() < 10) {
        QTextStream(stderr) << "no users listed\n";
        return false;
    }

    out << "events per run: " << setup.batches * BatchSize << " in " << setup.batches
        << " batches of " << BatchSize << " over " << setup.connections << " connections\n";
    out.flush();
    bool ok = true;
    {
        QSqlDatabase check = connect(url, QStringLiteral("floor"));
        const Batches one = makeBatches(ids, setup.batches, 42);
        m->one = ingest({&a}, one, setup.connections, ids);
        m->floorOne = copyFloor(url, check, one, tmp);
        m->eventsOne = one.events;

        if (b.start(db, {QStringLiteral("--demo")}, executable)) {
            const Batches two = makeBatches(ids, setup.batches, 43);
            m->two = ingest({&a, &b}, two, setup.connections, ids);
            m->floorTwo = copyFloor(url, check, two, tmp);
            m->eventsTwo = two.events;
        } else {
            ok = false;
        }
        check.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("floor"));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Ingestion on PostgreSQL, one and two instances, and the cross-instance "
                       "enforcement delay."));
    parser.addHelpOption();
    const QCommandLineOption usersOption(QStringLiteral("users"), QStringLiteral("Users."),
                                         QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption outOption(QStringLiteral("optouts"), QStringLiteral("Opted out."),
                                       QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption batchesOption(QStringLiteral("batches"),
                                           QStringLiteral("Batches of 1,000 events per run."),
                                           QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption connOption(QStringLiteral("connections"),
                                        QStringLiteral("Parallel connections."),
                                        QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption probesOption(QStringLiteral("probes"),
                                          QStringLiteral("Opt-outs for the enforcement delay."),
                                          QStringLiteral("n"), QStringLiteral("100"));
    const QCommandLineOption beforeOption(
        QStringLiteral("before"),
        QStringLiteral("An earlier build's optout-server, measured first the same way."),
        QStringLiteral("executable"));
    parser.addOptions(
        {usersOption, outOption, batchesOption, connOption, probesOption, beforeOption});
    parser.process(app);
    const int userCount = parser.value(usersOption).toInt();
    const int optOutCount = parser.value(outOption).toInt();
    const int batchCount = parser.value(batchesOption).toInt();
    const int connections = parser.value(connOption).toInt();
    const int probes = parser.value(probesOption).toInt();
    const Setup setup {userCount, optOutCount, batchCount, connections};
    double beforePercentOne = BeforeCopyOne;
    double beforePercentTwo = BeforeCopyTwo;

    QTemporaryDir dir;
    QString dbUrl = qEnvironmentVariable("OPTOUT_BENCH_DB_URL");
    const QString pgDir = dir.filePath(QStringLiteral("pg"));
    bool ownServer = false;
    if (dbUrl.isEmpty()) {
        // The cluster's owner must reach it when we run as root.
        QFile::setPermissions(dir.path(),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                  | QFileDevice::ExeOwner | QFileDevice::ExeGroup
                                  | QFileDevice::ExeOther);
        QByteArray url;
        if (runScript({QStringLiteral("start"), pgDir}, &url) != 0) {
            QTextStream(stderr) << "cannot start a PostgreSQL (scripts/pg-temp.sh)\n";
            return 1;
        }
        dbUrl = QString::fromUtf8(url);
        ownServer = true;
    }
    struct StopServer
    {
        bool own;
        QString dir;
        ~StopServer()
        {
            if (own)
                runScript({QStringLiteral("stop"), dir}, nullptr);
        }
    } stopServer {ownServer, pgDir};

    QString before;
    if (parser.isSet(beforeOption)) {
        before = QFileInfo(parser.value(beforeOption)).absoluteFilePath();
        Instance beforeA;
        Instance beforeB;
        Measured m;
        if (!measure(before, QUrl(dbUrl), setup, dir.path(), beforeA, beforeB, &m))
            return 1;
        report(qPrintable(QStringLiteral("Before (%1), one instance:").arg(before)), m.one,
               m.eventsOne, m.floorOne, BeforeCopyOne, QStringLiteral("before COPY"));
        report(qPrintable(QStringLiteral("Before (%1), two instances:").arg(before)), m.two,
               m.eventsTwo, m.floorTwo, BeforeCopyTwo, QStringLiteral("before COPY"));
        beforePercentOne = percentOf(m.one, m.floorOne);
        beforePercentTwo = percentOf(m.two, m.floorTwo);
    }

    Instance a;
    Instance b;
    Measured m;
    if (!measure(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), QUrl(dbUrl), setup, dir.path(), a, b,
                 &m))
        return 1;
    const QString beforeLabel
        = before.isEmpty() ? QStringLiteral("before COPY") : QStringLiteral("before, this run");
    report("One instance:", m.one, m.eventsOne, m.floorOne, beforePercentOne, beforeLabel);
    report("Two instances (connections alternate between A and B):", m.two, m.eventsTwo, m.floorTwo,
           beforePercentTwo, beforeLabel);
    const IngestResult &r1 = m.one;
    const IngestResult &r2 = m.two;
    const QUrl url = m.url;
    QSqlDatabase check = connect(url, QStringLiteral("check"));
    QNetworkAccessManager admin;

    // Enforcement delay: opt a user out through A, then at once send that user's event
    // through B; then watch how long B's cache (its opt-out list) takes to show the opt-out.
    int storedAfter = 0;
    QList<double> cacheMs;
    QStringList candidates;
    {
        QSqlQuery q(check);
        q.exec(QStringLiteral("SELECT id FROM users u WHERE org_id = 'o-1' AND roles = 'user' AND "
                              "NOT EXISTS (SELECT 1 FROM optouts o WHERE o.user_id = u.id) "
                              "ORDER BY id LIMIT %1")
                   .arg(probes));
        while (q.next())
            candidates.append(q.value(0).toString());
    }
    for (const QString &user : std::as_const(candidates)) {
        int status = 0;
        // Its stored events deleted too, so "no stored event of an opted-out user" stays exact.
        waitFor(admin.put(a.request(QStringLiteral("/api/v1/optouts/") + user, "demo-admin"),
                          QByteArrayLiteral("{\"deleteStoredEvents\":true}")),
                &status);
        if (status != 201)
            continue;
        QElapsedTimer clock;
        clock.start();
        const QByteArray body = QStringLiteral("{\"events\":[{\"name\":\"probe\",\"timestamp\":"
                                               "\"2026-11-22T16:00:00Z\",\"userId\":\"%1\"}]}")
                                    .arg(user)
                                    .toUtf8();
        const QJsonObject o
            = QJsonDocument::fromJson(
                  waitFor(admin.post(
                      b.request(QStringLiteral("/api/v1/usage/events"), "demo-tracker"), body)))
                  .object();
        storedAfter += o.value(QStringLiteral("accepted")).toInt();
        for (;;) {
            const QByteArray list
                = waitFor(admin.get(b.request(QStringLiteral("/api/v1/optouts"), "demo-admin")));
            if (list.contains("\"" + user.toUtf8() + "\"")) {
                cacheMs.append(double(clock.nsecsElapsed()) / 1e6);
                break;
            }
            if (clock.elapsed() > 10000) {
                cacheMs.append(10000);
                break;
            }
        }
    }
    std::sort(cacheMs.begin(), cacheMs.end());
    out << "Cross-instance enforcement (opt-out through A, the next event through B), "
        << candidates.size() << " probes:\n";
    out << "  events stored after the opt-out was acknowledged: " << storedAfter
        << (storedAfter == 0 ? " (goal met: the very next event is discarded)\n" : " (WRONG)\n");
    if (!cacheMs.isEmpty()) {
        out << QStringLiteral("  B's opt-out list shows it after: median %1 ms, max %2 ms\n")
                   .arg(cacheMs.at(cacheMs.size() / 2), 0, 'f', 1)
                   .arg(cacheMs.last(), 0, 'f', 1);
    }

    const qint64 leaked = scalar(check,
                                 QStringLiteral("SELECT count(*) FROM usage_events e JOIN "
                                                "optouts o ON o.user_id = e.user_id"));
    out << "stored events of opted-out users: " << leaked
        << (leaked == 0 ? " (ok)\n" : " (WRONG)\n");
    out.flush();
    a.stop();
    b.stop();
    check.close();
    check = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return leaked == 0 && storedAfter == 0 && r1.failures == 0 && r2.failures == 0 ? 0 : 2;
}
