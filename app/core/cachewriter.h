// Where and when the last synced lists are kept: the cache file of the server and account,
// written when something changed (else now and then), and read back at a start.
#pragma once

#include "cachestore.h"

#include <QDateTime>
#include <QPointer>
#include <QString>
#include <QUrl>

class ApiClient;

class CacheWriter final
{
public:
    // `api` tells the server; it must outlive the writer.
    explicit CacheWriter(ApiClient *api);

    // Where the last synced lists are kept; empty (the default) means
    // SyncCache::defaultFilePath(server, signed-in user id).
    void setFilePath(const QString &path);
    QString filePath() const { return m_path; }
    bool hasExplicitPath() const { return m_explicitPath; }
    // The file of this account on the client's server (empty when none can be said).
    QString pathFor(const QString &userId) const;

    // Reads the account's file on the cache's thread; `done` runs on this thread then. false
    // when there is no file to read (nothing happens).
    bool read(const QString &userId, std::function<void(std::shared_ptr<CachedStart>)> done);
    // Starts reading the file of the account this token was last signed in as on `server` now,
    // ahead of the read() that is to come (see CacheStore::prefetch()).
    // true when a read was started (there is a file).
    bool prefetch(const QUrl &server, const QByteArray &token);
    // The same for the account `userId` (empty: none) on `server`.
    bool prefetchOf(const QUrl &server, const QString &userId);
    bool hasReadAhead() const { return m_store.hasPrefetch(); }
    // Frees what a read gave on the cache's thread (100,000 users' strings are milliseconds of
    // the GUI thread's time).
    void dispose(std::shared_ptr<CachedStart> cached) { m_store.dispose(std::move(cached)); }
    // A read under way reports nothing.
    void cancelRead();
    bool isReading() const { return m_reading; }

    // Writes the snapshot of this account when `changed`, else at most every
    // RefreshSeconds, so that "last synced at" stays roughly true without rewriting a few MB at
    // every idle refresh.
    // The users' search keys are written with them (those `keySource` folded, the others
    // folded on the cache's thread).
    void save(const QString &userId, const SyncSnapshot &snapshot, bool changed,
              const UserModel::KeySource &keySource = {});
    // Waits until the cache file is written (it is written on a worker thread).
    void waitForWritten() { m_store.waitForWritten(); }
    // For tests: the cache's worker thread (nullptr until it is first used).
    const QThread *workerThread() const { return m_store.workerThread(); }

private:
    static constexpr int RefreshSeconds = 600;

    QPointer<ApiClient> m_api;
    QString m_path;
    bool m_explicitPath = false;
    bool m_reading = false;
    QDateTime m_savedAt;
    CacheStore m_store; // one thread: reads and writes in order, off the GUI thread
};
