// The cache's worker: reads, prepares and writes, in the order asked, off the GUI thread.
#include "cachestore.h"

#include "heaptrim.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSet>

Q_LOGGING_CATEGORY(lcCache, "optout.cache", QtInfoMsg)

namespace {

// On the worker: the snapshot read and prepared for the models.
std::shared_ptr<CachedStart> readCache(const QString &path, const QString &userId)
{
    // What the snapshot and the prepared rows take, some three times the file, mapped in
    // one go: a fresh thread would take a page fault for each 4 KB of it.
    prefaultHeap(QFileInfo(path).size() * 3);
    auto result = std::make_shared<CachedStart>();
    SyncCacheKeys keys;
    if (QFile::exists(path) && SyncCache::load(path, &result->snapshot, &result->error, &keys)) {
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
        result->ledger.loadConfirmed(result->snapshot.optOuts, result->snapshot.revision);
        result->optOutKeys = keys.isEmpty() ? OptOutModel::foldKeys(result->snapshot.optOuts)
                                            : std::move(keys.optOuts);
        // The table's rows as the ledger's view makes them with nothing pending, those the
        // directory no longer lists marked.
        // With nothing pending, the rows are the confirmed entries in their order.
        const QList<OptOutEntry> entries = result->ledger.confirmed();
        QSet<QString> left;
        for (const OptOutEntry &entry : entries) {
            if (!result->prepared.hasUser(entry.user.id))
                left.insert(entry.user.id);
        }
        if (result->prepared.size() == 0)
            left.clear();
        result->optOutRows = OptOutModel::prepareEntries(entries, result->optOutKeys, left);
        result->users.clear(); // in `prepared` now
    }
    restoreHeapTrimming();
    return result;
}

void writeCache(const QString &path, const SyncSnapshot &snapshot,
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

} // namespace

CacheStore::CacheStore(QObject *parent)
    : QObject(parent)
    , m_worker(QStringLiteral("cache"))
{
}

CacheStore::~CacheStore()
{
    ++m_readTicket; // a read still to come reports nothing; the writes asked for are done
    m_worker.waitForDone();
}

void CacheStore::read(const QString &path, const QString &userId,
                      std::function<void(std::shared_ptr<CachedStart>)> done)
{
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
    m_worker.post([this, path, userId, reply = std::move(reply)] {
        std::shared_ptr<CachedStart> result = readCache(path, userId);
        QMetaObject::invokeMethod(
            this, [reply, result]() { reply(result); }, Qt::QueuedConnection);
    });
}

void CacheStore::prefetch(const QString &path, const QString &userId)
{
    auto ahead = std::make_shared<Prefetch>();
    ahead->path = path;
    ahead->userId = userId;
    m_prefetch = ahead;
    m_worker.post([this, path, userId, ahead] {
        std::shared_ptr<CachedStart> result = readCache(path, userId);
        QMetaObject::invokeMethod(
            this,
            [ahead, result]() {
                ahead->result = result;
                if (ahead->taker)
                    std::exchange(ahead->taker, {})(result);
            },
            Qt::QueuedConnection);
    });
}

void CacheStore::dispose(std::shared_ptr<CachedStart> cached)
{
    m_worker.post([cached = std::move(cached)]() mutable { cached.reset(); });
}

void CacheStore::write(const QString &path, const SyncSnapshot &snapshot,
                       const UserModel::KeySource &keySource)
{
    m_prefetch.reset(); // what it read is older than this
    m_worker.post([path, snapshot, keySource] { writeCache(path, snapshot, keySource); });
}

void CacheStore::waitForWritten()
{
    m_worker.waitForDone();
}
