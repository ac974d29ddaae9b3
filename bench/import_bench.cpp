// File > Opt out users from a list… at scale: reading and matching 200,000 lines against
// 100,000 users (20,000 opted out), beside the floor of only splitting the same bytes into
// lines, measured in the same run; and the GUI thread's longest stall (a 1 ms QTimer probe)
// while the real ImportDialog reads the list from a file and from a paste.
#include "importdialog.h"
#include "optoutimport.h"
#include "usermodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFuture>
#include <QLoggingCategory>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <ctime>

namespace {

QTextStream out(stdout);

constexpr int Users = 100000;
constexpr int OptedOut = 20000;
constexpr int Lines = 200000;
constexpr int Runs = 5;

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// CPU time of this thread in ms: on a shared machine, wall time also counts other processes.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Timing
{
    double wall = 0;
    double cpu = 0;
};

QTextStream &operator<<(QTextStream &s, const Timing &t)
{
    return s << qSetRealNumberPrecision(4) << t.cpu << " ms CPU (" << t.wall << " ms wall)";
}

// The median of Runs runs, in CPU time of this thread and in wall time.
template<typename F> Timing median(F f)
{
    QList<double> walls;
    QList<double> cpus;
    for (int i = 0; i < Runs; ++i) {
        QElapsedTimer t;
        t.start();
        const double cpu = cpuMs();
        f();
        cpus << cpuMs() - cpu;
        walls << ms(t);
    }
    std::sort(walls.begin(), walls.end());
    std::sort(cpus.begin(), cpus.end());
    return {walls.at(Runs / 2), cpus.at(Runs / 2)};
}

// Lines as an administrator's export would have them: a header, then addresses of users
// (some already out, some twice), strangers, blank lines, in "Name <e-mail>" and CSV forms.
QByteArray makeInput()
{
    QByteArray input = "email;name;department\r\n";
    input.reserve(Lines * 48);
    for (int i = 1; i < Lines; ++i) {
        const int kind = i % 10;
        const QByteArray n = QByteArray::number((i * 7919) % Users);
        if (kind == 9)
            input += "\r\n";
        else if (kind == 8)
            input += "stranger" + QByteArray::number(i) + "@elsewhere.example;Someone;Sales\r\n";
        else if (kind == 7)
            input += "\"User " + n + "\" <user" + n + "@example.org>;\"Last, First\";IT\r\n";
        else
            input += "user" + n + "@example.org;User " + n + ";Ops\r\n";
    }
    return input;
}

// The longest gap between two ticks of a 1 ms timer on this (the GUI) thread, until `done`.
template<typename Start, typename Done> double longestStall(Start start, Done done)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    qint64 worst = 0;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&]() {
        const qint64 now = clock.nsecsElapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    probe.start();
    QCoreApplication::processEvents();
    last = clock.nsecsElapsed();
    const qint64 before = last;
    start();
    worst = std::max(worst, clock.nsecsElapsed() - before); // start() itself
    last = clock.nsecsElapsed();
    while (!done())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    for (int i = 0; i < 20; ++i) // the result shown, painted
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return double(worst) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("qt.qpa.*=false"));

    UserModel users;
    QList<User> list;
    list.reserve(Users);
    QSet<QString> out20k;
    for (int i = 0; i < Users; ++i) {
        list.append(User {QStringLiteral("u-%1").arg(i),
                          QStringLiteral("user%1@example.org").arg(i),
                          QStringLiteral("User %1").arg(i)});
        if (i % (Users / OptedOut) == 0)
            out20k.insert(list.last().id);
    }
    users.setUsers(list);
    users.setOptOutState(out20k, {});
    const QByteArray input = makeInput();
    out << "Import of " << Lines << " lines (" << input.size() / 1024 << " KiB) against " << Users
        << " users (" << out20k.size() << " opted out), median of " << Runs << " runs\n";

    // The floor: only splitting the bytes into lines, and decoding them.
    qsizetype sink = 0;
    const Timing split = median([&]() { sink += input.split('\n').size(); });
    const Timing decodeSplit
        = median([&]() { sink += QString::fromUtf8(input).split(QLatin1Char('\n')).size(); });
    ImportResult result;
    QElapsedTimer snapshotClock;
    snapshotClock.start();
    const ImportDirectory directory {users.rowsSnapshot(), users.optedOutIds()};
    const double snapshot = ms(snapshotClock);
    const Timing read = median([&]() { result = OptOutImport::read(input, directory); });
    const QString text = QString::fromUtf8(input);
    const Timing readText = median([&]() { result = OptOutImport::read(text, directory); });
    out << "  baseline: split the bytes into lines            " << split << "\n";
    out << "  baseline: decode UTF-8 and split into lines     " << decodeSplit << "\n";
    out << "  snapshot of the users on the GUI thread         " << snapshot << " ms\n"
        << qSetRealNumberPrecision(4);
    out << "  read + match the bytes (worker thread's work)   " << read << "\n";
    out << "  read + match pasted text (worker thread's work) " << readText << "\n";
    out << "  outcome: " << result.count(ImportEntry::Outcome::Matched) << " to opt out, "
        << result.count(ImportEntry::Outcome::AlreadyOptedOut) << " already out, "
        << result.count(ImportEntry::Outcome::Unknown) << " unknown, "
        << result.count(ImportEntry::Outcome::Duplicate) << " duplicates, "
        << result.count(ImportEntry::Outcome::Unreadable) << " unreadable, " << result.blankLines
        << " blank lines\n";

    // The real dialog: the GUI thread's longest stall while it reads.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("list.csv"));
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input) != input.size())
            return 1;
    }
    // The floor of the stall: the probe alone on an idle GUI thread while a worker reads.
    {
        QFuture<ImportResult> future;
        const double idleStall = longestStall(
            [&]() {
                future = QtConcurrent::run([&]() { return OptOutImport::read(input, directory); });
            },
            [&]() { return future.isFinished(); });
        out << "  baseline: idle GUI thread while a worker reads: longest stall " << idleStall
            << " ms\n";
    }
    ImportDialog dialog(&users);
    dialog.show();
    QCoreApplication::processEvents();
    QElapsedTimer total;
    total.start();
    const double fileStall
        = longestStall([&]() { dialog.loadFile(path); }, [&]() { return !dialog.isReading(); });
    const double fileTotal = ms(total);
    out << "  dialog, open file: preview after " << fileTotal << " ms; longest GUI-thread stall "
        << fileStall << " ms (" << dialog.previewModel()->rowCount() << " rows)\n";
    const double tabStall
        = longestStall([&]() { dialog.filterTabs()->setCurrentIndex(3); }, [&]() { return true; });
    out << "  dialog, switch to a filter tab: longest stall " << tabStall << " ms\n";
    total.restart();
    const double pasteStall = longestStall([&]() { dialog.setPastedText(text); },
                                           [&]() { return !dialog.isReading(); });
    out << "  dialog, paste of the same text: preview after " << ms(total)
        << " ms; longest GUI-thread stall " << pasteStall << " ms\n";
    total.restart();
    const double cancelStall = longestStall(
        [&]() {
            dialog.loadFile(path);
            dialog.stopReading();
        },
        [&]() { return !dialog.isReading(); });
    out << "  dialog, open then stop at once: longest stall " << cancelStall << " ms\n";
    return sink > 0 ? 0 : 1;
}
