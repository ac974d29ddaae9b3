// Work off the GUI thread, the one way the app does it: QtConcurrent::run on a thread pool,
// with a cancel flag the work checks and its results handed back to an object of the caller's
// thread. A SerialWorker is a pool of one thread, for work whose steps must run one after
// another in the order posted (read or write a cache file; open, write and commit an export).
#pragma once

#include <QFuture>
#include <QString>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <functional>

class SerialWorker final
{
public:
    explicit SerialWorker(const QString &name,
                          QThread::Priority priority = QThread::InheritPriority);
    // Waits for the tasks posted (those that should not run check their cancel flag).
    ~SerialWorker();

    // Runs `task` on the worker's thread after every task posted before it.
    void post(std::function<void()> task);
    // Returns once every task posted is done.
    void waitForDone();

    // For tests: the thread the tasks run on (nullptr until one ran).
    const QThread *thread() const { return m_thread.load(); }

private:
    QThreadPool m_pool;
    std::atomic<QThread *> m_thread {nullptr};
};
