// Where and when the last synced lists are kept.
#include "cachewriter.h"

#include "apiclient.h"
#include "pendingstore.h"

#include <QFile>

CacheWriter::CacheWriter(ApiClient *api)
    : m_api(api)
{
}

void CacheWriter::setFilePath(const QString &path)
{
    m_path = path;
    m_explicitPath = !path.isEmpty();
}

QString CacheWriter::pathFor(const QString &userId) const
{
    if (m_explicitPath)
        return m_path;
    if (userId.isEmpty() || !m_api)
        return {};
    return SyncCache::defaultFilePath(m_api->baseUrl(), userId);
}

bool CacheWriter::read(const QString &userId,
                       std::function<void(std::shared_ptr<CachedStart>)> done)
{
    const QString path = pathFor(userId);
    if (path.isEmpty() || !QFile::exists(path))
        return false;
    m_reading = true;
    m_store.read(path, userId, [this, done = std::move(done)](std::shared_ptr<CachedStart> cached) {
        m_reading = false;
        done(std::move(cached));
    });
    return true;
}

bool CacheWriter::prefetch(const QUrl &server, const QByteArray &token)
{
    return prefetchOf(server,
                      m_explicitPath ? QString() : PendingStore::rememberedUser(server, token));
}

bool CacheWriter::prefetchOf(const QUrl &server, const QString &userId)
{
    const QString path = m_explicitPath ? m_path
        : userId.isEmpty()              ? QString()
                                        : SyncCache::defaultFilePath(server, userId);
    if (path.isEmpty() || !QFile::exists(path))
        return false;
    m_store.prefetch(path, userId);
    return true;
}

void CacheWriter::cancelRead()
{
    m_store.cancelReads();
    m_reading = false;
}

void CacheWriter::save(const QString &userId, const SyncSnapshot &snapshot, bool changed,
                       const UserModel::KeySource &keySource)
{
    const QString path = pathFor(userId);
    if (path.isEmpty())
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!changed && m_savedAt.isValid() && m_savedAt.secsTo(now) < RefreshSeconds)
        return;
    m_savedAt = now;
    m_store.write(path, snapshot, keySource);
}
