// A thread of its own with a Store of its own: database work off the HTTP thread.
#include "storeworker.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcWorker, "optout.store.worker", QtInfoMsg)

StoreWorker::StoreWorker(const StoreSpec &spec, const QString &name, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
{
    m_thread.setObjectName(name);
    m_inThread = new QObject;
    m_inThread->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_inThread, &QObject::deleteLater);
}

StoreWorker::~StoreWorker()
{
    if (m_thread.isRunning()) {
        // The store belongs to the thread: it is closed there, after the job under way.
        QMetaObject::invokeMethod(
            m_inThread, [this] { m_store.reset(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_inThread;
    }
}

bool StoreWorker::start(QString *error)
{
    m_thread.start();
    bool ok = false;
    QMetaObject::invokeMethod(
        m_inThread,
        [this, &ok, error] {
            m_store = createStore(m_spec, error);
            ok = m_store && m_store->open(error);
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

bool StoreWorker::ensureOpen(QString *why)
{
    if (!m_store) {
        *why = QStringLiteral("no store");
        return false;
    }
    if (!m_reopen)
        return true;
    if (!m_store->open(why)) {
        qCWarning(lcWorker).noquote() << m_thread.objectName() << "cannot reopen:" << *why;
        return false;
    }
    qCInfo(lcWorker).noquote() << m_thread.objectName() << "reconnected";
    m_reopen = false;
    return true;
}

void StoreWorker::noteUnavailable()
{
    // A lock held elsewhere leaves the connection fine; a lost connection does not answer.
    if (m_store->ping() != StoreStatus::Ok)
        m_reopen = true;
}
