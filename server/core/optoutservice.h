// The service's rules over a Store: caches of users, tokens and opt-outs kept fresh, and the
// operations the HTTP routes call, with the database work on worker threads.
#pragma once

#include "store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QVector>

#include <functional>
#include <memory>
#include <vector>
#include <optional>
#include <unordered_map>

class StoreWorker;

// An organisation as the caches hold it.
struct CachedOrg
{
    StoredOrg org;
    // Into OptOutService's users, sorted by e-mail: those in the user list (active ones), and
    // those SCIM shows (not deleted, service accounts excepted).
    QVector<const StoredUser *> usersByEmail;
    QVector<const StoredUser *> directoryByEmail;
    // The directory's users by case-folded userName (userNameKey()) and by externalId: SCIM's
    // `eq` filters look them up rather than scan the directory.
    QMultiHash<QString, const StoredUser *> directoryByUserName;
    QMultiHash<QString, const StoredUser *> directoryByExternalId;
    QHash<QString, StoredOptOut> optOuts; // by user id
    // The revision at which optOuts is known to be the organisation's whole list (-1: none):
    // a refresh then does not read the list again while the revision stays there.
    qint64 listRevision = -1;
    QVector<StoredRule> rules; // the opt-out rules (of listRevision), oldest first
};

class OptOutService final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool demoMode = false; // demo tokens are accepted only then
        int refreshIntervalMs = 1000; // changesSince() poll (tokens take effect within 2 s)
        int pingIntervalMs = 1000;
        int serverEventFlushMs = 1000;
        int serverEventBatch = 500;
        // How long an opted-out user's stored events are kept (hidden) before deletion.
        qint64 purgeAfterSeconds = 7 * 24 * 3600;
        // How often due deletions are looked for; <= 0: from purgeAfterSeconds (a quarter of
        // it, from 0.5 s to one minute).
        int purgeCheckMs = 0;
        // Identical reads by the same user within this window record one server-side event.
        int readEventWindowMs = 10 * 60 * 1000;
        // How long a session (signed in through the organisation's identity provider) lasts.
        qint64 sessionTtlSeconds = 12 * 3600;
    };

    OptOutService(const StoreSpec &spec, const Options &options, QObject *parent = nullptr);
    ~OptOutService() override; // writes the queued server-side events, stops the workers

    // Opens the workers' stores and loads the caches (blocking: start-up only).
    bool start(QString *error);

    QString storageKind() const { return m_spec.kindName(); }
    // False while the storage cannot be reached: the routes answer 503 and nothing is stored.
    bool isAvailable() const { return m_available; }
    // False after a write the storage refused (disk full, read-only), until one succeeds.
    bool isWritable() const { return m_writable; }

    // ---- Cache reads (HTTP thread). Pointers are valid until control returns to the event
    // loop; a continuation keeps ids, never pointers.
    std::optional<StoredUser> userForToken(const QByteArray &token) const;
    // True for a token that was valid and has expired (a session past its end).
    bool isExpiredToken(const QByteArray &token) const;
    // The token authenticated a request: its last use is recorded to the minute, at most one
    // write per token and minute, off the request's path.
    void noteTokenUse(const QByteArray &token);
    const StoredUser *user(const QString &id) const;
    const CachedOrg *org(const QString &id) const;
    bool isOptedOut(const QString &userId) const;
    std::optional<StoredOptOut> optOut(const QString &userId) const;
    // The organisation's opt-outs, newest first.
    QVector<StoredOptOut> optOuts(const QString &orgId) const;
    qint64 discardedSinceStart(const QString &orgId) const { return m_discarded.value(orgId); }

    // ---- Operations: `done` runs on this object's thread once the store answered.
    void applyOptOuts(const OptOutChangeRequest &request, QObject *context,
                      std::function<void(StoreResult<OptOutChangeOutcome>)> done);
    // `events` are of listed users of the organisation; `gone` more were of users who left the
    // directory (discarded, counted).
    void ingest(const QString &orgId, QVector<NewEvent> events, int gone, QObject *context,
                std::function<void(StoreResult<IngestOutcome>)> done);
    void audit(const AuditQuery &query, QObject *context,
               std::function<void(StoreResult<QVector<AuditRecord>>)> done);
    // Deletes the stored events whose purgeAt has come (also done on a timer and at start).
    void purgeDue();
    qint64 purgeAfterSeconds() const { return m_options.purgeAfterSeconds; }
    const Options &options() const { return m_options; }
    // Writes the queued server-side events first, so the counts include them.
    void usageSummary(const QString &orgId, QObject *context,
                      std::function<void(StoreResult<QVector<UsageCountRecord>>)> done);

    // Sessions: stores `token` for `user`, expiring sessionTtlSeconds from now; `done` gets
    // the expiry once the token is in the caches.
    void startSession(const StoredUser &user, const QByteArray &token, QObject *context,
                      std::function<void(StoreResult<QDateTime>)> done);
    // Revokes `token` (refused on this instance at once, on the others at their next refresh).
    void endSession(const QByteArray &token, QObject *context,
                    std::function<void(StoreResult<bool>)> done);
    void oidcConfigs(QObject *context, std::function<void(StoreResult<QVector<OidcConfig>>)> done);
    // The enforcement counters over [fromSlot, toSlot); writes the queued server-side events
    // first, so the counts include them.
    void enforcementHistory(const QString &orgId, qint64 fromSlot, qint64 toSlot, QObject *context,
                            std::function<void(StoreResult<Enforcement::History>)> done);

    // Directory sync: creates or changes a user; the caches follow before `done` runs.
    void writeDirectoryUser(const DirectoryUserChange &change, QObject *context,
                            std::function<void(StoreResult<DirectoryUserOutcome>)> done);
    // Directory sync: creates, replaces, patches or deletes a group.
    void writeDirectoryGroup(const GroupChangeRequest &request, QObject *context,
                             std::function<void(StoreResult<GroupChangeOutcome>)> done);
    // Previews, creates or deletes an opt-out rule; the caches hold its effect before `done`
    // runs.
    void changeRule(const RuleChangeRequest &request, QObject *context,
                    std::function<void(StoreResult<RuleChangeOutcome>)> done);
    // The organisation's rules (oldest first) and how many users each covers now.
    QVector<StoredRule> rules(const QString &orgId) const;
    // The groups an opt-out rule of the organisation covers.
    QSet<QString> groupsWithRules(const QString &orgId) const;
    // Groups are read from the store (not cached): a page, and the groups of some users.
    void directoryGroups(const GroupQuery &query, QObject *context,
                         std::function<void(StoreResult<GroupPage>)> done);
    void groupsOfUsers(const QString &orgId, const QStringList &userIds, QObject *context,
                       std::function<void(StoreResult<UserGroups>)> done);
    // In the user list (active); in the SCIM directory (not deleted, not a service account).
    static bool isListed(const StoredUser &user);
    static bool isInDirectory(const StoredUser &user);
    // The key of directoryByUserName: SCIM's userName is not case-exact.
    static QString userNameKey(const QString &userName) { return userName.toCaseFolded(); }

    // Queues a server-side usage event of `user`; written in batches, by a transaction that
    // drops it if the user is out by then.
    void recordServerEvent(const StoredUser &user, const QString &name);
    void flushServerEvents();

    // Asks the store what changed now (also done on a timer).
    void refresh();

Q_SIGNALS:
    void availabilityChanged(bool available);
    // The caches took changes from the store (another instance's or another process's).
    void refreshed();
    // This instance changed an organisation's opt-outs (its caches hold the new revision).
    void changed();
    // A purge deleted stored events (this instance's).
    void purged(const QVector<PurgeRecord> &records);

private:
    // Runs a write, then reads what changed since the caches' state in the same job, so that
    // the caches hold the write's effect on every opt-out list before `done` runs.
    // T has `covers` (CoverChanges): applied to the organisation's cached list when it holds
    // the revision the change met (with `editRules` for its rules), else what changed is read.
    template<typename T>
    void writeThenRefresh(const QString &orgId, std::function<StoreResult<T>(Store &)> write,
                          std::function<void(QVector<StoredRule> &, const T &)> editRules,
                          QObject *context, std::function<void(StoreResult<T>)> done);
    void applySnapshot(const StoreSnapshot &snapshot);
    void applyChanges(const StoreChanges &changes);
    // The rows changed and removed since the list's change sequence (the store's answer for a
    // list this instance holds), applied to it.
    static void applyOptOutChanges(CachedOrg *org, const StoreChanges &changes);
    void applyOutcome(const QString &orgId, const OptOutChangeOutcome &outcome);
    // Takes a user's new fields into the caches and the organisation's lists: one at a time
    // (a binary search and an insert in each list), or many at once (one pass over the lists,
    // the changed users sorted among themselves and merged in), never a re-sort of them all.
    void setUser(CachedOrg *org, const StoredUser &user);
    void setUsers(CachedOrg *org, const QVector<StoredUser> &users);
    // Out of (into) the organisation's lists and look-ups, by the fields the user has now.
    static void unplaceUser(CachedOrg *org, const StoredUser *user);
    static void placeUser(CachedOrg *org, const StoredUser *user);
    static void indexUser(CachedOrg *org, const StoredUser *user);
    static void unindexUser(CachedOrg *org, const StoredUser *user);
    void replaceOptOuts(const QString &orgId, const QVector<StoredOptOut> &list);
    void sortUsers(CachedOrg *org);
    void setAvailable(bool available);
    // Follows what the storage did with a write: refused it, or took it.
    void noteWrite(StoreStatus status);
    void ping();
    void reload();
    void noteStatus(StoreStatus status);
    void startIngest();
    void startIngestOn(int slot);

    StoreSpec m_spec;
    Options m_options;
    // Request work (writes, audit, summary): one worker keeps one request's order.
    std::unique_ptr<StoreWorker> m_worker;
    // Health pings, change polls, reloads and notifications: never queued behind a request.
    std::unique_ptr<StoreWorker> m_monitor;
    // Ingestion on PostgreSQL: two connections of its own, so that one group of events is
    // decoded, sent and copied while the other's transaction commits (the database serialises
    // them against opt-out changes, as it does for several instances). Empty on SQLite (one
    // writer): ingestion goes through m_worker.
    std::vector<std::unique_ptr<StoreWorker>> m_ingestWorkers;

    std::unordered_map<QString, StoredUser> m_users; // node-stable: CachedOrg points into it
    std::unordered_map<QString, CachedOrg> m_orgs;
    struct TokenInfo
    {
        QString userId;
        bool demo = false;
        QDateTime expiresAt; // invalid: never
    };
    QHash<QByteArray, TokenInfo> m_tokens; // by hash, active ones only
    QHash<QByteArray, qint64> m_tokenUseMinute; // by hash: the minute last recorded
    // Sessions this instance ended: a changesSince() answer read before the revocation must not
    // bring them back.
    QSet<QByteArray> m_endedSessions;
    // Users this instance wrote, with the change's sequence number, until a changesSince()
    // answer reaches it: an answer read before the write must not undo it in the caches.
    QHash<QString, qint64> m_ownUserWrites;
    qint64 m_changeSeq = 0;
    bool m_available = true;
    bool m_writable = true;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_pinging = false;
    QElapsedTimer m_pingClock; // since the ping under way was sent
    bool m_subscribed = false;
    QHash<QString, qint64> m_discarded;

    // Ingestion requests waiting while the groups under way are written: the next free worker
    // takes them all (up to a limit), one transaction for several requests (group commit).
    struct PendingIngest
    {
        QString orgId;
        QVector<NewEvent> events;
        QPointer<QObject> context;
        std::function<void(StoreResult<IngestOutcome>)> done;
    };
    QVector<PendingIngest> m_ingestQueue;
    std::vector<bool> m_ingestBusy; // one per ingestion worker (or m_worker): a group under way

    QVector<NewEvent> m_serverEvents;
    QTimer m_flushTimer;
    QTimer m_refreshTimer;
    QTimer m_pingTimer;
    QTimer m_purgeTimer;
    bool m_purging = false;
};
