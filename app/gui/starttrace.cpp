// The moments of the app's start, printed when the logging category optout.start is on.
#include "starttrace.h"

#include "mainwindow.h"
#include "optoutmodel.h"
#include "usermodel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QLoggingCategory>
#include <QTableView>

#include <ctime>
#include <sys/resource.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStart, "optout.start", QtWarningMsg)

namespace {

qint64 monotonicNs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// How long ago the kernel started this process (exec, loading the libraries), in ms, from
// /proc/self/stat's start time and CLOCK_BOOTTIME (the start time's clock; to 10 ms); -1 if
// unknown.
double processAgeMs()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command's closing parenthesis; the start time is the line's 22nd.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double ticksPerSecond = double(sysconf(_SC_CLK_TCK));
    if (fields.size() < 20 || ticksPerSecond <= 0)
        return -1;
    const double startedAt = fields.at(19).toDouble() / ticksPerSecond;
    timespec now {};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startedAt) * 1000.0;
}

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

} // namespace

StartTrace::StartTrace()
    : m_enabled(lcStart().isInfoEnabled())
{
    m_sinceMain.start();
    if (!m_enabled)
        return;
    m_ageAtMain = processAgeMs();
    mark("main()");
}

StartTrace::~StartTrace() = default;

bool StartTrace::enabled()
{
    return lcStart().isInfoEnabled();
}

void StartTrace::mark(const char *what)
{
    if (!m_enabled)
        return;
    const double t = ms(m_sinceMain);
    qCInfo(lcStart).noquote() << QStringLiteral(
                                     "%1: %2 ms after main(), %3 ms after the process started "
                                     "(monotonic %4 ns)")
                                     .arg(QLatin1String(what))
                                     .arg(t, 0, 'f', 1)
                                     .arg(m_ageAtMain >= 0 ? m_ageAtMain + t : -1.0, 0, 'f', 0)
                                     .arg(monotonicNs());
}

void StartTrace::watch(MainWindow *window, UserModel *users, OptOutModel *optOuts, int settleMs)
{
    if (!m_enabled || !window)
        return;
    mark("window made");
    m_window = window;
    m_users = users;
    m_optOuts = optOuts;
    m_settleMs = settleMs;
    if (auto *table = window->findChild<QTableView *>(QStringLiteral("optOutTable")))
        m_tableViewport = table->viewport();
    if (users) {
        connect(users, &QAbstractItemModel::modelReset, this, [this]() {
            if (m_users && m_users->rowCount() > 0 && !m_filledPainted)
                mark("users in the model");
        });
    }
    if (optOuts) {
        connect(optOuts, &QAbstractItemModel::modelReset, this, [this]() {
            if (m_optOuts && m_optOuts->rowCount() > 0 && !m_filledPainted)
                mark("opt-outs in the model");
        });
    }
    QCoreApplication::instance()->installEventFilter(this);
    m_ticker.setInterval(5);
    connect(&m_ticker, &QTimer::timeout, this, [this]() {
        const double gap = ms(m_sinceTick);
        if (gap > m_longestStall) {
            m_longestStall = gap;
            m_longestStallAt = ms(m_sinceMain);
        }
        m_sinceTick.restart();
        const double cpu = threadCpuMs();
        if (cpu - m_cpuAtTick > m_longestBusy) {
            m_longestBusy = cpu - m_cpuAtTick;
            m_longestBusyAt = ms(m_sinceMain);
        }
        m_cpuAtTick = cpu;
    });
    m_sinceTick.start();
    m_cpuAtTick = threadCpuMs();
    m_ticker.start();
}

bool StartTrace::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Show && watched == m_window) {
        mark("window shown");
        // The stalls count from here: what comes before is the start's own work.
        m_longestStall = 0;
        m_longestBusy = 0;
        m_sinceTick.restart();
        m_cpuAtTick = threadCpuMs();
    }
    if (event->type() != QEvent::Paint || m_filledPainted || !m_window)
        return false;
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || widget->window() != m_window)
        return false;
    if (!m_windowPainted) {
        m_windowPainted = true;
        mark("window painted");
    }
    if (widget == m_tableViewport && m_users && m_optOuts && m_users->rowCount() > 0
        && m_optOuts->rowCount() > 0) {
        m_filledPainted = true;
        mark("filled list painted");
        // The process's CPU time so far, threads included: what the machine's load does not
        // stretch as it does the wall's.
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        const auto cpuMs = [](const timeval &t) {
            return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3;
        };
        qCInfo(lcStart).noquote()
            << QStringLiteral("CPU until the filled list was painted: %1 ms user, %2 ms system, "
                              "%3 page faults")
                   .arg(cpuMs(usage.ru_utime), 0, 'f', 1)
                   .arg(cpuMs(usage.ru_stime), 0, 'f', 1)
                   .arg(usage.ru_minflt + usage.ru_majflt);
        QTimer::singleShot(m_settleMs, this, &StartTrace::finish);
    }
    return false;
}

void StartTrace::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_ticker.stop();
    QCoreApplication::instance()->removeEventFilter(this);
    qCInfo(lcStart).noquote() << QStringLiteral("longest stall in the GUI thread's CPU time: %1 "
                                                "ms (ending %2 ms after main())")
                                     .arg(m_longestBusy, 0, 'f', 1)
                                     .arg(m_longestBusyAt, 0, 'f', 1);
    qCInfo(lcStart).noquote() << QStringLiteral(
                                     "longest stall: %1 ms (ending %2 ms after main()), from the "
                                     "window shown to %3 ms after the filled list was painted; "
                                     "%4 users, %5 opted out")
                                     .arg(m_longestStall, 0, 'f', 1)
                                     .arg(m_longestStallAt, 0, 'f', 1)
                                     .arg(m_settleMs)
                                     .arg(m_users ? m_users->rowCount() : -1)
                                     .arg(m_optOuts ? m_optOuts->rowCount() : -1);
}
