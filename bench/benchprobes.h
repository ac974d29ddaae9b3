// What the benchmarks print beside their figures: the machine's load, and how long the event
// loop (the GUI thread in the app) was kept from answering.
#pragma once

#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTimer>

#include <algorithm>

// The load average over 1, 5 and 15 minutes ("?" where /proc is not there): how far the
// figures of a shared machine can be trusted.
inline QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2)
                                       : QStringLiteral("?");
}

// The longest gap between the ticks of a 5 ms timer, minus 5 ms: how long the event loop (the
// GUI thread in the app) was kept from answering.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = std::max(m_longest, now - m_last);
            m_last = now;
        });
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    double longestStallMs() const { return std::max(0.0, double(m_longest) / 1e6 - 5.0); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};
