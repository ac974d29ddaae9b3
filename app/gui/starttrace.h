// The moments of the app's start, for optout-bench-cache and tst_cachedstart: printed only when
// the logging category optout.start is on (QT_LOGGING_RULES="optout.start.info=true").
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class MainWindow;
class OptOutModel;
class QWidget;
class UserModel;

// Each moment is one line on stderr:
//   optout.start: <what>: <t> ms after main(), <age> ms after the process started (monotonic <ns>)
// where <age> comes from /proc/self/stat (to 10 ms) and <ns> is CLOCK_MONOTONIC, the clock a
// parent that started the process can subtract its own start time from. At the first paint of
// the filled list, the process's CPU time (user, system) and page faults so far; then, once the
// start has settled, the GUI thread's longest stall meanwhile (wall time, and the thread's own
// CPU time within it).
// Off (the default), nothing is watched, measured or printed.
class StartTrace final : public QObject
{
public:
    // First thing in main(): the clock starts here.
    StartTrace();
    ~StartTrace() override;

    static bool enabled();
    void mark(const char *what);
    // Watches the window's paints and the models until `settleMs` after the first paint of
    // the filled list (both models with rows, the opt-out table painted).
    void watch(MainWindow *window, UserModel *users, OptOutModel *optOuts, int settleMs = 2000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void finish();

    bool m_enabled;
    QElapsedTimer m_sinceMain;
    double m_ageAtMain = -1; // ms, from /proc
    QPointer<MainWindow> m_window;
    QPointer<QWidget> m_tableViewport;
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    bool m_windowPainted = false;
    bool m_filledPainted = false;
    bool m_finished = false;
    int m_settleMs = 2000;
    // The GUI thread's longest stall: the longest gap between two ticks of a 5 ms timer.
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    double m_longestStall = 0;
    double m_longestStallAt = 0; // when it ended, ms after main()
    // The same in the GUI thread's CPU time between two ticks: what the thread itself held,
    // without the time the system gave other processes (a loaded machine).
    double m_cpuAtTick = 0;
    double m_longestBusy = 0;
    double m_longestBusyAt = 0;
};
