// A thread of its own with a Store of its own: database work off the HTTP thread.
#pragma once

#include "store.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class StoreWorker final : public QObject
{
    Q_OBJECT
public:
    // `name` names the thread (for debuggers and logs).
    StoreWorker(const StoreSpec &spec, const QString &name, QObject *parent = nullptr);
    ~StoreWorker() override; // finishes the job under way, drops the rest, closes the store

    // Starts the thread and opens the store on it; waits for the outcome (start-up only).
    bool start(QString *error);

    // Runs `job` with the store on the worker thread, then `done` with its result on
    // `context`'s thread (skipped if `context` is gone). Jobs run one at a time, in order.
    // A store that reported Unavailable and no longer answers a ping is reopened before the
    // next job; while it cannot be reopened, jobs get Unavailable without running.
    template<typename T>
    void run(std::function<StoreResult<T>(Store &)> job, QObject *context,
             std::function<void(StoreResult<T>)> done)
    {
        ++m_queued;
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            m_inThread,
            [this, job = std::move(job), guard, done = std::move(done)]() mutable {
                StoreResult<T> result = runJob<T>(job);
                --m_queued;
                if (!guard)
                    return;
                QMetaObject::invokeMethod(
                    guard.data(),
                    [done = std::move(done), result = std::move(result)]() mutable {
                        done(std::move(result));
                    },
                    Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
    }

    // The same, waiting for the result (start-up only: never on a thread that serves requests).
    template<typename T>
    StoreResult<T> runBlocking(const std::function<StoreResult<T>(Store &)> &job)
    {
        StoreResult<T> result;
        QMetaObject::invokeMethod(
            m_inThread, [&] { result = runJob<T>(job); }, Qt::BlockingQueuedConnection);
        return result;
    }

    // Jobs queued or running.
    int queued() const { return m_queued.load(); }

private:
    template<typename T> StoreResult<T> runJob(const std::function<StoreResult<T>(Store &)> &job)
    {
        QString why;
        if (!ensureOpen(&why))
            return StoreResult<T>::failure(StoreStatus::Unavailable, why);
        StoreResult<T> result = job(*m_store);
        if (result.status == StoreStatus::Unavailable)
            noteUnavailable();
        return result;
    }
    bool ensureOpen(QString *why);
    void noteUnavailable();

    StoreSpec m_spec;
    QThread m_thread;
    QObject *m_inThread = nullptr; // lives on m_thread: the target of queued jobs
    std::unique_ptr<Store> m_store; // created, used and destroyed on m_thread
    bool m_reopen = false;
    std::atomic<int> m_queued {0};
};
