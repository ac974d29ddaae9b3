// Work off the GUI thread: one thread of a pool, tasks in the order posted.
#include "serialworker.h"

#include <QtConcurrent/QtConcurrentRun>

SerialWorker::SerialWorker(const QString &name, QThread::Priority priority)
{
    m_pool.setObjectName(name);
    m_pool.setMaxThreadCount(1); // one thread: the queue's order is the order of the tasks
    m_pool.setExpiryTimeout(-1); // and always the same one
    m_pool.setThreadPriority(priority);
}

SerialWorker::~SerialWorker()
{
    m_pool.waitForDone();
}

void SerialWorker::post(std::function<void()> task)
{
    const QFuture<void> done = QtConcurrent::run(&m_pool, [this, task = std::move(task)] {
        m_thread.store(QThread::currentThread());
        task();
    });
    Q_UNUSED(done) // waited for through the pool
}

void SerialWorker::waitForDone()
{
    m_pool.waitForDone();
}
