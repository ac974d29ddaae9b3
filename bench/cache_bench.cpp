// The offline-first start: writing and reading the cache of 100,000 users and 20,000 opt-outs,
// and a start from it (models filled, before any answer of the service), beside the floor of
// parsing the same lists as the service's JSON with QJsonDocument. Then the whole app's start
// from that cache: the real optout-admin started as a new process (its optout.start moments,
// see app/gui/starttrace.h): the time from the process's start to the first paint of the filled
// list (goal 300 ms; 632 ms and 739 ms before the cache was read off the GUI thread), and the
// GUI thread's longest stall.
#include "apiclient.h"
#include "optoutmodel.h"
#include "pendingstore.h"
#include "synccache.h"
#include "synccontroller.h"
#include "usermodel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <ctime>
#include <functional>
#include <optional>
#include <unistd.h>

namespace {

QTextStream out(stdout);

// A port nothing listens on: the lists can only come from the cache.
constexpr char BenchServer[] = "http://127.0.0.1:9";
constexpr char BenchToken[] = "bench-token";

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(file.readAll().split(' ').value(0));
}

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// What one start of the real optout-admin printed (its optout.start moments), in ms after the
// process was started here (fork and exec included).
struct StartFigures
{
    QMap<QString, double> moments; // "window painted", "filled list painted", …
    double longestStall = -1;
    double longestBusy = -1; // the same in the GUI thread's CPU time, when the build says it
    int users = -1;
    int optOuts = -1;
    // The process's CPU time and page faults until the filled list was painted.
    double userCpu = -1;
    double systemCpu = -1;
    double pageFaults = -1;
};

double median(const QList<StartFigures> &starts,
              const std::function<double(const StartFigures &)> &of)
{
    QList<double> values;
    for (const StartFigures &start : starts)
        values.append(of(start));
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

double filledAt(const StartFigures &f)
{
    return f.moments.value(QStringLiteral("filled list painted"), -1);
}

// The medians of one build's starts: each moment, the CPU time, the longest stall.
void printStarts(const QList<StartFigures> &starts)
{
    const StartFigures &first = starts.first();
    QList<std::pair<double, QString>> moments; // in the order they came
    for (auto it = first.moments.cbegin(); it != first.moments.cend(); ++it) {
        const QString what = it.key();
        moments.append(
            {median(starts, [&what](const StartFigures &f) { return f.moments.value(what, -1); }),
             what});
    }
    std::sort(moments.begin(), moments.end());
    for (const auto &[at, what] : std::as_const(moments))
        out << QStringLiteral("    %1: %2 ms\n").arg(what).arg(at, 0, 'f', 1);
    QStringList each;
    for (const StartFigures &f : starts)
        each.append(QString::number(filledAt(f), 'f', 0));
    out << QStringLiteral("    => the filled list (%1 users, %2 opted out) painted %3 ms after the "
                          "process started (goal <= 300 ms; each start: %4)\n")
               .arg(first.users)
               .arg(first.optOuts)
               .arg(median(starts, filledAt), 0, 'f', 1)
               .arg(each.join(QStringLiteral(", ")));
    if (first.userCpu >= 0) {
        out << QStringLiteral("    CPU until then (all threads): %1 ms user + %2 ms system = %3 "
                              "ms; %4 page faults\n")
                   .arg(median(starts, [](const StartFigures &f) { return f.userCpu; }), 0, 'f', 1)
                   .arg(median(starts, [](const StartFigures &f) { return f.systemCpu; }), 0, 'f',
                        1)
                   .arg(median(starts,
                               [](const StartFigures &f) { return f.userCpu + f.systemCpu; }),
                        0, 'f', 1)
                   .arg(median(starts, [](const StartFigures &f) { return f.pageFaults; }), 0, 'f',
                        0);
    }
    out << QStringLiteral("    GUI thread's longest stall, from the window shown to 2 s after: %1 "
                          "ms (median; the worst start's %2 ms)\n")
               .arg(median(starts, [](const StartFigures &f) { return f.longestStall; }), 0, 'f', 1)
               .arg(std::max_element(starts.cbegin(), starts.cend(),
                                     [](const StartFigures &a, const StartFigures &b) {
                                         return a.longestStall < b.longestStall;
                                     })
                        ->longestStall,
                    0, 'f', 1);
    if (first.longestBusy >= 0) {
        out << QStringLiteral("    the same in the GUI thread's CPU time (what a loaded machine "
                              "does not stretch): %1 ms (median; the worst start's %2 ms)\n")
                   .arg(median(starts, [](const StartFigures &f) { return f.longestBusy; }), 0, 'f',
                        1)
                   .arg(std::max_element(starts.cbegin(), starts.cend(),
                                         [](const StartFigures &a, const StartFigures &b) {
                                             return a.longestBusy < b.longestBusy;
                                         })
                            ->longestBusy,
                        0, 'f', 1);
    }
}

// The CPU time and page faults of process `pid` so far, from /proc (to the kernel's tick).
void readProcessCpu(qint64 pid, StartFigures *figures)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return;
    const QByteArray line = stat.readAll();
    // The fields after the command's closing parenthesis, from the state (field 3) on.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double ticksPerSecond = double(sysconf(_SC_CLK_TCK));
    if (fields.size() < 13 || ticksPerSecond <= 0)
        return;
    figures->pageFaults = fields.at(7).toDouble() + fields.at(9).toDouble();
    figures->userCpu = fields.at(11).toDouble() * 1e3 / ticksPerSecond;
    figures->systemCpu = fields.at(12).toDouble() * 1e3 / ticksPerSecond;
}

// Starts `admin` as an administrator would with a token on the command line, its data and
// settings in `home` (the cache written there by the caller), a service that is down: the lists
// can only come from the cache. Ends when the app has printed its longest stall (2 s after the
// filled list was painted), then quits it as a desktop logout does (SIGTERM).
std::optional<StartFigures> startAdmin(const QString &admin, const QString &home)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QLatin1String("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QLatin1String("/config"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QLatin1String("/cache"));
    if (!env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("optout.*=false;optout.start.info=true"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::SeparateChannels);
    StartFigures figures;
    bool done = false;
    QByteArray pending;
    qint64 startedNs = 0;
    QObject::connect(&child, &QProcess::readyReadStandardError, &child, [&]() {
        pending += child.readAllStandardError();
        for (qsizetype end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
            const QString line = QString::fromUtf8(pending.left(end));
            pending.remove(0, end + 1);
            static const QRegularExpression moment(
                QStringLiteral("^optout\\.start: (.+): [0-9.]+ ms after main\\(\\).*\\(monotonic "
                               "([0-9]+) ns\\)$"));
            static const QRegularExpression stall(QStringLiteral(
                "^optout\\.start: longest stall: ([0-9.]+) ms \\(ending ([0-9.]+) ms after main.*; "
                "([0-9]+) users, ([0-9]+) opted"));
            static const QRegularExpression cpu(QStringLiteral(
                "^optout\\.start: CPU until the filled list was painted: ([0-9.]+) ms user, "
                "([0-9.]+) ms system, ([0-9]+) page faults"));
            static const QRegularExpression busy(
                QStringLiteral("^optout\\.start: longest stall in the GUI thread's CPU time: "
                               "([0-9.]+) ms"));
            if (const auto m = busy.match(line); m.hasMatch()) {
                figures.longestBusy = m.captured(1).toDouble();
            } else if (const auto m = cpu.match(line); m.hasMatch()) {
                figures.userCpu = m.captured(1).toDouble();
                figures.systemCpu = m.captured(2).toDouble();
                figures.pageFaults = m.captured(3).toDouble();
            } else if (const auto m = moment.match(line); m.hasMatch()) {
                figures.moments.insert(m.captured(1),
                                       double(m.captured(2).toLongLong() - startedNs) / 1e6);
                // A build that does not say its CPU time (the app's next line) is read here,
                // to the kernel's tick.
                if (m.captured(1) == QLatin1String("filled list painted"))
                    readProcessCpu(child.processId(), &figures);
            } else if (const auto m = stall.match(line); m.hasMatch()) {
                figures.longestStall = m.captured(1).toDouble();
                // When it ended, as a moment of its own (the first paint, or the lists' insert).
                figures.moments.insert(QStringLiteral("longest stall ended"),
                                       figures.moments.value(QStringLiteral("main()"))
                                           + m.captured(2).toDouble());
                figures.users = m.captured(3).toInt();
                figures.optOuts = m.captured(4).toInt();
                done = true;
                child.terminate();
            }
        }
    });
    QEventLoop loop;
    QObject::connect(&child, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    startedNs = monotonicNs();
    child.start(admin,
                {QStringLiteral("--server"), QString::fromLatin1(BenchServer),
                 QStringLiteral("--token"), QString::fromLatin1(BenchToken)});
    loop.exec();
    if (child.state() != QProcess::NotRunning) {
        child.kill();
        child.waitForFinished();
    }
    if (!done)
        return std::nullopt;
    return figures;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The offline-first start's cache, and the real optout-admin's start from it."));
    parser.addHelpOption();
    const QCommandLineOption adminOption(
        QStringLiteral("admin"),
        QStringLiteral("The optout-admin to start (default: the one built beside this program)."),
        QStringLiteral("path"), QStringLiteral(OPTOUT_ADMIN_EXECUTABLE));
    const QCommandLineOption runsOption(QStringLiteral("runs"),
                                        QStringLiteral("Starts of the app to time (default 5)."),
                                        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("The cache format written for the app: 4 (default) or 3, the previous one "
                       "(for an --admin built before format 4)."),
        QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption beforeOption(
        QStringLiteral("before"),
        QStringLiteral("An earlier build's optout-admin, started in turn with this one from the "
                       "same cache, its figures printed beside."),
        QStringLiteral("path"));
    const QCommandLineOption homeOption(
        QStringLiteral("home"),
        QStringLiteral("The home the app is started in, kept afterwards (to start it again by "
                       "hand, under perf): HOME, XDG_DATA_HOME=<dir>/data and the cache there."),
        QStringLiteral("dir"));
    parser.addOptions({adminOption, runsOption, formatOption, beforeOption, homeOption});
    parser.process(app);
    const QString admin = parser.value(adminOption);
    const QString before = parser.value(beforeOption);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QLoggingCategory::setFilterRules(QStringLiteral("optout.*=false"));
    constexpr int Users = 100000;
    constexpr int OptOuts = 20000;
    constexpr int PageSize = 5000;

    SyncSnapshot snapshot;
    snapshot.me.id = QStringLiteral("u-1");
    snapshot.me.email = QStringLiteral("admin@example.com");
    snapshot.me.name = QStringLiteral("Ada Admin");
    snapshot.me.roles = QStringList {QStringLiteral("product_admin")};
    snapshot.me.orgId = QStringLiteral("o-1");
    snapshot.me.orgName = QStringLiteral("Example Org");
    snapshot.me.productName = QStringLiteral("Customer Journey Analytics");
    snapshot.me.purgeAfterSeconds = 604800;
    QJsonArray usersJson;
    for (int i = 0; i < Users; ++i) {
        if (i % PageSize == 0) {
            snapshot.userPages.append(QList<User>());
            snapshot.userPageEtags.append(QByteArrayLiteral("\"users-1\""));
        }
        const User user {QStringLiteral("u-%1").arg(i + 1),
                         QStringLiteral("user.%1@example.com").arg(i + 1),
                         QStringLiteral("Zoë Vermeulen %1").arg(i + 1)};
        snapshot.userPages.last().append(user);
        usersJson.append(QJsonObject {{QStringLiteral("id"), user.id},
                                      {QStringLiteral("email"), user.email},
                                      {QStringLiteral("name"), user.name}});
    }
    QJsonArray optOutsJson;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < OptOuts; ++i) {
        const User &user = snapshot.userPages.at(i / PageSize).at(i % PageSize);
        snapshot.optOuts.append(
            OptOutEntry {user,
                         at.addSecs(-i),
                         User {QStringLiteral("u-1"), QStringLiteral("admin@example.com"),
                               QStringLiteral("Ada Admin")},
                         QStringLiteral("GDPR request"),
                         at.addSecs(604800 - i),
                         {}});
        optOutsJson.append(
            QJsonObject {{QStringLiteral("user"),
                          QJsonObject {{QStringLiteral("id"), user.id},
                                       {QStringLiteral("email"), user.email},
                                       {QStringLiteral("name"), user.name}}},
                         {QStringLiteral("optedOutAt"), at.addSecs(-i).toString(Qt::ISODate)}});
    }
    snapshot.optOutsEtag = QByteArrayLiteral("\"42\"");
    snapshot.revision = 42;
    snapshot.syncedAt = at;
    const QByteArray usersBody = QJsonDocument(QJsonObject {{QStringLiteral("users"), usersJson}})
                                     .toJson(QJsonDocument::Compact);
    const QByteArray optOutsBody
        = QJsonDocument(QJsonObject {{QStringLiteral("optOuts"), optOutsJson}})
              .toJson(QJsonDocument::Compact);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.bin"));
    out << "optout-bench-cache: " << Users << " users, " << OptOuts << " opted out\n";

    // Baseline: parsing the same lists from the service's JSON.
    QElapsedTimer t;
    t.start();
    const QJsonDocument u = QJsonDocument::fromJson(usersBody);
    const QJsonDocument o = QJsonDocument::fromJson(optOutsBody);
    const double parse = ms(t);
    out << QStringLiteral("  baseline: QJsonDocument::fromJson of the same lists (%1 MB) %2 ms\n")
               .arg(double(usersBody.size() + optOutsBody.size()) / 1e6, 0, 'f', 1)
               .arg(parse, 0, 'f', 1);
    Q_UNUSED(u);
    Q_UNUSED(o);

    t.restart();
    if (!SyncCache::save(path, snapshot))
        return 1;
    out << QStringLiteral("  cache written (on the worker thread in the app): %1 ms, %2 MB\n")
               .arg(ms(t), 0, 'f', 1)
               .arg(double(QFileInfo(path).size()) / 1e6, 0, 'f', 1);
    // Read as a start reads it (with its search keys), and the previous format beside it; the
    // thread's CPU time too, which the machine's load does not stretch as it does the wall's.
    for (const SyncCache::Format format :
         {SyncCache::Format::Current, SyncCache::Format::QDataStream3}) {
        const QString file = dir.filePath(QStringLiteral("format.bin"));
        if (!SyncCache::save(file, snapshot, nullptr, nullptr, format))
            return 1;
        SyncSnapshot read;
        SyncCacheKeys keys;
        const double cpuBefore = threadCpuMs();
        t.restart();
        if (!SyncCache::load(file, &read, nullptr, &keys))
            return 1;
        out << QStringLiteral("  cache read, format %1 (%2 MB%3): %4 ms, %5 ms of CPU\n")
                   .arg(format == SyncCache::Format::Current ? 4 : 3)
                   .arg(double(QFileInfo(file).size()) / 1e6, 0, 'f', 1)
                   .arg(keys.isEmpty() ? QString() : QStringLiteral(", with the search keys"))
                   .arg(ms(t), 0, 'f', 1)
                   .arg(threadCpuMs() - cpuBefore, 0, 'f', 1);
    }

    // A start from the cache, with nothing listening: start() returns at once, the cache is read
    // and the users prepared on the cache's thread, then the models are filled in one insert.
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9")));
    api.setToken("bench");
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(&api, &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    sync.setCacheFilePath(path);
    QElapsedTimer sinceTick;
    double longestStall = 0;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&]() {
        longestStall = std::max(longestStall, ms(sinceTick));
        sinceTick.restart();
    });
    double filled = -1;
    QObject::connect(&users, &UserModel::usersUpdated, [&]() {
        filled = ms(t);
        QTimer::singleShot(0, &app, &QCoreApplication::quit);
    });
    t.restart();
    sync.start();
    const double returned = ms(t);
    sinceTick.start();
    ticker.start();
    QTimer::singleShot(20000, &app, &QCoreApplication::quit);
    app.exec();
    ticker.stop();
    longestStall = std::max(longestStall, ms(sinceTick));
    out << QStringLiteral(
               "  start from the cache (models only): start() returns in %1 ms; %2 users "
               "and %3 rows in the models after %4 ms (before: 739 ms, all on the GUI "
               "thread); GUI thread's longest stall %5 ms\n")
               .arg(returned, 0, 'f', 1)
               .arg(users.rowCount())
               .arg(optOuts.rowCount())
               .arg(filled, 0, 'f', 1)
               .arg(longestStall, 0, 'f', 1);
    sync.stop();
    out.flush();
    if (users.rowCount() != Users || optOuts.rowCount() != OptOuts)
        return 1;

    // The whole app, from the process's start: the real optout-admin with the cache where it
    // looks for it, in a home of its own.
    QTemporaryDir temporaryHome;
    const QString homePath = parser.isSet(homeOption)
        ? QFileInfo(parser.value(homeOption)).absoluteFilePath()
        : temporaryHome.path();
    QDir().mkpath(homePath);
    qputenv("XDG_DATA_HOME", QFile::encodeName(homePath + QLatin1String("/data")));
    QCoreApplication::setOrganizationName(QStringLiteral("optout"));
    QCoreApplication::setApplicationName(QStringLiteral("optout-admin"));
    const QUrl server(QString::fromLatin1(BenchServer));
    PendingStore::rememberUser(server, QByteArray(BenchToken), snapshot.me.id);
    const QString appCache = SyncCache::defaultFilePath(server, snapshot.me.id);
    const SyncCache::Format format = parser.value(formatOption) == QLatin1String("3")
        ? SyncCache::Format::QDataStream3
        : SyncCache::Format::Current;
    if (!SyncCache::save(appCache, snapshot, nullptr, nullptr, format))
        return 1;
    struct Build
    {
        QString executable;
        QList<StartFigures> starts;
    };
    QList<Build> builds;
    if (!before.isEmpty())
        builds.append({before, {}});
    builds.append({admin, {}});
    out << QStringLiteral("  whole start from the cache, in a new process (ms after the process "
                          "was started, fork and exec included; median of %1 starts after a "
                          "first one that fills the page cache%2; cache format %3; load %4):\n")
               .arg(runs)
               .arg(builds.size() > 1 ? QStringLiteral(", the builds in turn") : QString())
               .arg(format == SyncCache::Format::QDataStream3 ? 3 : 4)
               .arg(loadAverage());
    out.flush();
    for (int i = 0; i <= runs; ++i) {
        for (Build &build : builds) {
            const std::optional<StartFigures> figures = startAdmin(build.executable, homePath);
            if (!figures) {
                out << "  " << build.executable << " did not paint the filled list\n";
                return 1;
            }
            if (i > 0)
                build.starts.append(*figures);
        }
    }
    for (const Build &build : std::as_const(builds)) {
        out << QStringLiteral("  %1%2:\n")
                   .arg(build.executable)
                   .arg(builds.size() > 1 && build.executable == before
                            ? QStringLiteral(" (before)")
                            : QString());
        printStarts(build.starts);
    }
    out << QStringLiteral("  load after the starts: %1\n").arg(loadAverage());
    const QList<StartFigures> &starts = builds.last().starts;
    if (builds.size() > 1) {
        const QList<StartFigures> &earlier = builds.first().starts;
        const auto cpuOf = [](const StartFigures &f) {
            return f.userCpu + f.systemCpu;
        };
        out << QStringLiteral("  this build / before: filled list painted %1 %, CPU until then "
                              "%2 %, longest stall %3 %\n")
                   .arg(100.0 * median(starts, filledAt) / median(earlier, filledAt), 0, 'f', 0)
                   .arg(100.0 * median(starts, cpuOf) / median(earlier, cpuOf), 0, 'f', 0)
                   .arg(100.0 * median(starts, [](const StartFigures &f) { return f.longestStall; })
                            / median(earlier, [](const StartFigures &f) { return f.longestStall; }),
                        0, 'f', 0);
    }
    const StartFigures &first = starts.first();
    out.flush();
    return first.users == Users && first.optOuts == OptOuts ? 0 : 1;
}
