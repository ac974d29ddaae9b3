// The cache of the last synced lists (SyncCache), read and written on a thread of its own: a
// start from 100,000 cached users neither reads the file nor folds and indexes the users on
// the GUI thread, and a save never waits for the disk.
#pragma once

#include "optoutledger.h"
#include "optoutmodel.h"
#include "serialworker.h"
#include "synccache.h"
#include "usermodel.h"

#include <QObject>

#include <functional>
#include <memory>

// What a cache read gives the GUI thread: the snapshot and its users, already prepared for
// UserModel (folded and indexed), so that filling the models is one insert.
struct CachedStart
{
    bool ok = false;
    QString error; // !ok: why (empty for a missing file or another account's)
    SyncSnapshot snapshot;
    QList<User> users; // every page, in order
    UserModel::Prepared prepared; // of `users`
    OptOutLedger ledger; // the snapshot's opt-outs, confirmed and indexed (nothing pending)
    OptOutModel::FoldedKeys optOutKeys; // their users' search keys
    // The opt-out table's rows as the ledger shows them with nothing pending, made and keyed
    // (OptOutModel::prepareEntries()): taken in one reset when nothing is pending at start.
    OptOutModel::Prepared optOutRows;
};

class CacheStore final : public QObject
{
    Q_OBJECT

public:
    explicit CacheStore(QObject *parent = nullptr);
    // Waits for the writes asked for; a read in progress is dropped.
    ~CacheStore() override;

    // Reads `path` on the worker thread; `done` then runs on this object's thread (not at all
    // if cancelReads() or the destructor came first). A snapshot of another account than
    // `userId` (when not empty), or of someone who is not a product administrator, is not ok.
    void read(const QString &path, const QString &userId,
              std::function<void(std::shared_ptr<CachedStart>)> done);
    // Starts reading `path` now, ahead of the read() of the same path and account that is to
    // come (at start, while the window is being built): that read() then takes it, done or
    // not, instead of reading again. A write, or a read() of another path, drops it.
    void prefetch(const QString &path, const QString &userId);
    // Drops this reference to a read's result on the worker thread: the last one frees it
    // there.
    void dispose(std::shared_ptr<CachedStart> cached);
    bool hasPrefetch() const { return bool(m_prefetch); }
    // The reads in progress or queued report nothing.
    void cancelReads() { ++m_readTicket; }
    // Writes `snapshot` to `path` on the worker thread, in the order asked, with the users'
    // search keys (those `keySource` folded, the others folded there).
    void write(const QString &path, const SyncSnapshot &snapshot,
               const UserModel::KeySource &keySource = {});
    // Returns once every write asked for is on disk (or failed).
    void waitForWritten();

    // For tests: the thread the cache is read and written on (nullptr until first used).
    const QThread *workerThread() const { return m_worker.thread(); }

private:
    struct Prefetch
    {
        QString path;
        QString userId;
        std::shared_ptr<CachedStart> result; // null until read
        std::function<void(std::shared_ptr<CachedStart>)> taker; // the read() that took it
    };

    SerialWorker m_worker;
    quint64 m_readTicket = 0;
    std::shared_ptr<Prefetch> m_prefetch;
};
