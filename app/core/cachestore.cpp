// The cache's worker thread: reads, prepares and writes, in the order asked.
#include "cachestore.h"

#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCache, "optout.cache", QtInfoMsg)

// Lives in the cache's thread; what it makes is queued back to `replies` (the store).
class CacheStoreWorker final : public QObject
{
public:
    explicit CacheStoreWorker(QObject *replies)
        : m_replies(replies)
    {
    }

    void read(const QString &path, const QString &userId,
              const std::function<void(std::shared_ptr<CachedStart>)> &done)
    {
        auto result = std::make_shared<CachedStart>();
        if (QFile::exists(path) && SyncCache::load(path, &result->snapshot, &result->error)) {
            const Me &me = result->snapshot.me;
            result->ok = (userId.isEmpty() || me.id == userId) && me.isProductAdmin();
        } else if (!result->error.isEmpty()) {
            qCWarning(lcCache) << "cache unreadable:" << path << result->error;
        }
        if (result->ok) {
            const Me &me = result->snapshot.me;
            qsizetype count = 0;
            for (const QList<User> &page : std::as_const(result->snapshot.userPages))
                count += page.size();
            result->users.reserve(count);
            for (const QList<User> &page : std::as_const(result->snapshot.userPages))
                result->users.append(page);
            result->prepared = UserModel::prepareUsers(result->users);
            result->ledger.setMe(User {me.id, me.email, me.name});
            result->ledger.setConfirmed(result->snapshot.optOuts, result->snapshot.revision);
            result->optOutKeys = OptOutModel::foldKeys(result->snapshot.optOuts);
        }
        QMetaObject::invokeMethod(
            m_replies, [done, result]() { done(result); }, Qt::QueuedConnection);
    }

    static void write(const QString &path, const SyncSnapshot &snapshot)
    {
        QString problem;
        if (!SyncCache::save(path, snapshot, &problem))
            qCWarning(lcCache) << "cannot write the cache:" << path << problem;
    }

private:
    QObject *m_replies;
};

CacheStore::CacheStore(QObject *parent)
    : QObject(parent)
{
}

CacheStore::~CacheStore()
{
    if (!m_thread.isRunning())
        return;
    ++m_readTicket;
    // The writes asked for are done first: quit() would drop what is still queued.
    waitForWritten();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void CacheStore::ensureStarted()
{
    if (m_thread.isRunning())
        return;
    if (!m_worker) {
        m_worker = new CacheStoreWorker(this);
        m_worker->moveToThread(&m_thread);
    }
    m_thread.setObjectName(QStringLiteral("cache"));
    m_thread.start();
}

void CacheStore::read(const QString &path, const QString &userId,
                      std::function<void(std::shared_ptr<CachedStart>)> done)
{
    ensureStarted();
    const quint64 ticket = ++m_readTicket;
    auto reply = [this, ticket, done = std::move(done)](std::shared_ptr<CachedStart> result) {
        if (ticket == m_readTicket)
            done(std::move(result));
    };
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, path, userId, reply = std::move(reply)]() {
            worker->read(path, userId, reply);
        },
        Qt::QueuedConnection);
}

void CacheStore::write(const QString &path, const SyncSnapshot &snapshot)
{
    ensureStarted();
    QMetaObject::invokeMethod(
        m_worker, [path, snapshot]() { CacheStoreWorker::write(path, snapshot); },
        Qt::QueuedConnection);
}

void CacheStore::waitForWritten()
{
    if (!m_thread.isRunning())
        return;
    // Runs after every write queued before it.
    QMetaObject::invokeMethod(
        m_worker, []() {}, Qt::BlockingQueuedConnection);
}
