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
        SyncCacheKeys keys;
        if (QFile::exists(path)
            && SyncCache::load(path, &result->snapshot, &result->error, &keys)) {
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
            // The keys folded when the file was written (format 4), else folded here.
            result->prepared = keys.isEmpty() ? UserModel::prepareUsers(result->users)
                                              : UserModel::prepareUsers(result->users, keys.users);
            result->ledger.setMe(User {me.id, me.email, me.name});
            result->ledger.setConfirmed(result->snapshot.optOuts, result->snapshot.revision);
            result->optOutKeys = keys.isEmpty() ? OptOutModel::foldKeys(result->snapshot.optOuts)
                                                : std::move(keys.optOuts);
            // The table's rows as SyncController::showAll() makes them with nothing pending,
            // those the directory no longer lists marked.
            QList<OptOutEntry> entries;
            QSet<QString> left;
            const QList<OptOutLedger::Row> rows = result->ledger.rows();
            entries.reserve(rows.size());
            for (const OptOutLedger::Row &row : rows) {
                entries.append(row.entry);
                if (!result->prepared.hasUser(row.entry.user.id))
                    left.insert(row.entry.user.id);
            }
            if (result->prepared.size() == 0)
                left.clear();
            result->optOutRows = OptOutModel::prepareEntries(entries, result->optOutKeys, left);
            result->users.clear(); // in `prepared` now
        }
        QMetaObject::invokeMethod(
            m_replies, [done, result]() { done(result); }, Qt::QueuedConnection);
    }

    static void write(const QString &path, const SyncSnapshot &snapshot,
                      const UserModel::KeySource &keySource)
    {
        // The users' search keys go with them: what the model folded, the others folded here.
        QList<User> users;
        for (const QList<User> &page : snapshot.userPages)
            users.append(page);
        const UserSearchKeys keys = UserModel::searchKeysOf(users, keySource);
        QString problem;
        if (!SyncCache::save(path, snapshot, &problem, &keys))
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
    if (const std::shared_ptr<Prefetch> ahead = std::exchange(m_prefetch, {});
        ahead && ahead->path == path && ahead->userId == userId) {
        if (!ahead->result) {
            ahead->taker = std::move(reply);
            return;
        }
        // As a read does: the answer comes from the event loop, never from within read().
        QMetaObject::invokeMethod(
            this, [reply = std::move(reply), result = ahead->result]() { reply(result); },
            Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, path, userId, reply = std::move(reply)]() {
            worker->read(path, userId, reply);
        },
        Qt::QueuedConnection);
}

void CacheStore::prefetch(const QString &path, const QString &userId)
{
    ensureStarted();
    auto ahead = std::make_shared<Prefetch>();
    ahead->path = path;
    ahead->userId = userId;
    m_prefetch = ahead;
    auto reply = [ahead](std::shared_ptr<CachedStart> result) {
        ahead->result = result;
        if (ahead->taker)
            std::exchange(ahead->taker, {})(std::move(result));
    };
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, path, userId, reply = std::move(reply)]() {
            worker->read(path, userId, reply);
        },
        Qt::QueuedConnection);
}

void CacheStore::write(const QString &path, const SyncSnapshot &snapshot,
                       const UserModel::KeySource &keySource)
{
    ensureStarted();
    m_prefetch.reset(); // what it read is older than this
    QMetaObject::invokeMethod(
        m_worker,
        [path, snapshot, keySource]() { CacheStoreWorker::write(path, snapshot, keySource); },
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
