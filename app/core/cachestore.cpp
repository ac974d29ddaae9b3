// The cache's worker: reads, prepares and writes, in the order asked, off the GUI thread.
#include "cachestore.h"

#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCache, "optout.cache", QtInfoMsg)

namespace {

// On the worker: the snapshot read and prepared for the models.
std::shared_ptr<CachedStart> readCache(const QString &path, const QString &userId)
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
    return result;
}

void writeCache(const QString &path, const SyncSnapshot &snapshot)
{
    QString problem;
    if (!SyncCache::save(path, snapshot, &problem))
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
    m_worker.post([this, path, userId, reply = std::move(reply)] {
        std::shared_ptr<CachedStart> result = readCache(path, userId);
        QMetaObject::invokeMethod(
            this, [reply, result]() { reply(result); }, Qt::QueuedConnection);
    });
}

void CacheStore::write(const QString &path, const SyncSnapshot &snapshot)
{
    m_worker.post([path, snapshot] { writeCache(path, snapshot); });
}

void CacheStore::waitForWritten()
{
    m_worker.waitForDone();
}
