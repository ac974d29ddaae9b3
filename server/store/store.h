// The storage seam of optout-server: what the rules need from a database, as values.
//
// Two implementations: SqliteStore (a file, one server process) and PostgresStore (any number
// of server processes on one database). Everything that crosses this seam is a value (ids,
// records, results): no pointer into a cache, no QSqlQuery, no driver type.
//
// Threads: a Store instance owns one Qt Sql connection, and a Qt Sql connection belongs to the
// thread that opened it. Create one Store per worker thread (createStore()), call open() on that
// thread and use the instance only there. Nothing here is ever called on the HTTP thread.
//
// Truth and caches: the database is the truth. The server keeps in-memory caches (users,
// tokens, opt-out sets, revisions) and refreshes them with changesSince() and, where the back
// end offers it, a change notification. Correctness never rests on a cache: every decision that
// must not race another instance (may this event be stored? may this opt-out's purge miss an
// event?) is taken inside the database by the methods below, in one transaction.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QVector>

#include "enforcementcounts.h"

#include <functional>
#include <memory>
#include <optional>

// ---- Outcome of every call ----------------------------------------------------------------

enum class StoreStatus {
    Ok,
    // The database cannot be reached, or did not answer in time (lost connection, a lock held
    // beyond the busy timeout, a serialisation failure still failing after retries). Nothing
    // was changed. The server answers 503 with Retry-After and tries again later.
    Unavailable,
    // The storage refuses writes: the disk is full, or the file or database is read-only.
    // Nothing was changed; reads still work. The server answers 503 with Retry-After, and
    // /healthz says "writable": false until a write succeeds again.
    WriteRefused,
    // Anything else (a constraint the caller should have checked, a bug). Nothing was changed.
    // The server answers 500 and never shows `message` to a client.
    Failed,
};

// A value or the reason there is none. `message` is for the server's log only: it may name
// SQL, never a password.
template<typename T> struct StoreResult
{
    StoreStatus status = StoreStatus::Failed;
    T value {};
    QString message;

    bool ok() const { return status == StoreStatus::Ok; }
    static StoreResult success(T v) { return {StoreStatus::Ok, std::move(v), {}}; }
    static StoreResult failure(StoreStatus s, const QString &why) { return {s, T {}, why}; }
};

// True for a failure that passes (answered 503 with Retry-After), false for one that does not.
inline bool isTemporary(StoreStatus status)
{
    return status == StoreStatus::Unavailable || status == StoreStatus::WriteRefused;
}

// ---- Records -------------------------------------------------------------------------------

struct StoredOrg
{
    QString id; // "o-<n>", n from 1 in creation order
    QString name;
    QString productName;
    qint64 revision = 0; // of the opt-out list: +1 per change that changed anything
    qint64 usersRevision = 0; // of the user list: +1 per addUsers()
    // The IANA name of the time zone its days, weeks and months are counted in (--time-zone).
    QString timeZone = QStringLiteral("UTC");
};

struct StoredUser
{
    QString id; // "u-<n>", n from 1 in creation order, unique across organisations
    QString orgId;
    QString email;
    QString name;
    QStringList roles; // "product_admin", "user", "tracking_service", "directory_sync"
    // Directory sync (SCIM): a user who left the directory is inactive (tokens refused, events
    // discarded, not in the user list) but keeps its id, opt-out and history; a deleted one is
    // inactive and also gone from SCIM until it is created again.
    bool active = true;
    bool deleted = false;
    QString externalId; // the identity provider's id, empty if none
};

struct StoredToken
{
    QByteArray hash; // hex SHA-256 of the token (Store never sees a token itself)
    QString userId;
    bool demo = false; // accepted only while the server runs with --demo
    bool revoked = false; // only in StoreChanges: this hash is no longer valid
    QDateTime expiresAt {}; // UTC; invalid: never expires (sessions expire)
};

// Signing in with an organisation's OpenID Connect provider: its issuer, the client id its ID
// tokens name as audience, and the e-mail domains whose addresses sign in there. A domain
// belongs to one organisation at most.
struct OidcConfig
{
    QString orgId;
    QString issuer;
    QString clientId;
    QStringList emailDomains; // lower case
};

struct StoredOptOut
{
    QString userId;
    QString orgId;
    QDateTime at; // UTC, millisecond precision
    QString byUserId;
    qint64 seq = 0; // orders entries of the same instant: larger is newer
    QString reason; // empty: none given
    // When the user's stored events are to be deleted; invalid once deleted, or when there were
    // none at the opt-out.
    QDateTime purgeAt;
};

enum class EventSource { Client, Server };

struct NewEvent
{
    QString orgId;
    QString userId;
    EventSource source = EventSource::Client;
    QString name;
    QDateTime at; // the event's own time (client) or the request's time (server)
    QByteArray properties; // compact JSON object, empty for none
    // Of a user who left the directory: discarded (never stored) and counted as such by the
    // transaction of its batch.
    bool discard = false;
};

struct NewUser
{
    QString email;
    QString name;
    QStringList roles;
    QByteArray tokenHash; // hex SHA-256, empty: no token
    bool demoToken = false;
};

struct AuditRecord
{
    qint64 id = 0; // increasing: the paging cursor
    QDateTime at;
    QString action; // "opt_out", "opt_in", "purge"
    QString actorId; // empty for the service itself (purges)
    QString actorEmail; // joined from users; empty if unknown
    QString actorName;
    QString userId;
    QString userEmail;
    QString userName;
    QString reason; // opt-outs: empty for none
    qint64 count = -1; // purges: the events deleted; -1 for other actions
};

// A page of the audit, newest first (by `at`, then id), with optional filters.
struct AuditQuery
{
    QString orgId;
    int limit = 100;
    qint64 beforeId = 0; // the cursor: entries after (older than) this one; 0: from the newest
    QString userId; // empty: any
    QString actorId; // empty: any
    QString action; // empty: any
    QDateTime since; // inclusive; invalid: open
    QDateTime until; // exclusive; invalid: open
};

// The filters of an audit page over `audit a` as a WHERE clause and its values in order: one
// index range read newest first by (at, id). The back ends differ only in how they write a time
// (`dbTime`) and the placeholders of a time and of an id (PostgreSQL casts them).
struct AuditFilterSql
{
    QString where;
    QVariantList values;
};
AuditFilterSql auditFilterSql(const AuditQuery &query, QString (*dbTime)(const QDateTime &),
                              const QString &timeParameter, const QString &idParameter);

struct UsageCountRecord
{
    QString userId;
    qint64 client = 0;
    qint64 server = 0;
    QDateTime lastEventAt; // received time of the newest stored event
    // The user is opted out: these events are hidden, awaiting deletion at purgeAt.
    bool optedOut = false;
    QDateTime purgeAt;
};

// One user's stored events deleted by purgeDue().
struct PurgeRecord
{
    QString orgId;
    QString userId;
    qint64 count = 0;
};

// ---- Requests and outcomes ------------------------------------------------------------------

struct OptOutChangeRequest
{
    QString orgId;
    QString actorId;
    // Users to opt out, each at its own time (now for the API; past times for demo seeds).
    QVector<QPair<QString, QDateTime>> optOut;
    QStringList optIn;
    // If set, apply only when the organisation's current revision is one of these (If-Match);
    // nullopt: unconditional ("*" or no If-Match).
    std::optional<QList<qint64>> ifRevisionIn;
    QString reason; // of the opt-outs; empty: none
    // How long the stored events of a newly opted-out user are kept; 0: deleted at once.
    qint64 purgeAfterSeconds = 0;
    // Deletes the stored events of every user of `optOut` now, those already out included.
    bool deleteStoredEvents = false;
};

struct OptOutChangeOutcome
{
    // The refusals in the order they are checked (planOptOuts(), server/core/optoutplan.h):
    // InBothLists, UnknownUsers, PreconditionFailed, CoveredByRule.
    enum class Kind { Applied, InBothLists, UnknownUsers, PreconditionFailed, CoveredByRule };
    Kind kind = Kind::Applied;
    qint64 revision = 0; // the organisation's revision after the call (current one if refused)
    int optedOut = 0; // actual changes: ids already out / already in are not counted
    int optedIn = 0;
    int purged = 0; // users already out whose stored events deleteStoredEvents deleted
    QStringList unknownUserIds; // UnknownUsers: ids that are not users of the organisation
    // InBothLists: ids in both lists; CoveredByRule: ids to opt in that a rule still covers.
    QStringList conflictingUserIds;
    QStringList ruleIds; // CoveredByRule: the rules that cover them
    // Applied: the stored entry of every id of `optOut` after the change (new or already there),
    // so PUT can answer 201 or 200 with the entry.
    QVector<StoredOptOut> entries;
};

struct IngestOutcome
{
    int stored = 0;
    int discarded = 0; // events of users opted out at the time of the transaction
};

// Everything the caches hold, read in one consistent transaction.
struct StoreSnapshot
{
    qint64 changeSeq = 0; // pass to changesSince() to get what came after this snapshot
    QVector<StoredOrg> orgs;
    QVector<StoredUser> users;
    QVector<StoredToken> tokens; // active ones only
    QVector<StoredOptOut> optOuts;
};

// What changed after a given changeSeq, read in one consistent transaction.
struct StoreChanges
{
    qint64 changeSeq = 0; // the sequence these changes bring the caller to
    // True when the back end cannot tell (e.g. `since` is from another database, or older than
    // what it keeps): the caller must take a fresh snapshot() instead.
    bool needsReload = false;
    QVector<StoredOrg> orgs; // organisations created or whose revision/usersRevision changed
    QVector<StoredUser> users; // users added (or changed)
    QVector<StoredToken> tokens; // issued (revoked == false) or revoked (revoked == true)
    // For every organisation whose opt-out revision changed: its complete current opt-out list
    // (an empty list is meaningful: everyone opted back in); none for those at the revision the
    // caller said it holds.
    QHash<QString, QVector<StoredOptOut>> optOutsByOrg;
};

// A user written by the directory (SCIM): created, or its fields replaced.
struct DirectoryUserChange
{
    enum class Kind { Create, Update };
    Kind kind = Kind::Create;
    QString orgId;
    QString userId; // Update: the user to change
    QString email; // SCIM userName
    QString name;
    QString externalId;
    bool active = true;
    bool deleted = false; // Update: DELETE of SCIM (implies inactive)
};

struct DirectoryUserOutcome
{
    // Conflict: another user of the organisation has this e-mail address (case-insensitive);
    // NotFound: no such user in the organisation (or deleted, for an Update).
    enum class Kind { Applied, Conflict, NotFound };
    Kind kind = Kind::Applied;
    StoredUser user; // Applied: as stored now
    bool created = false; // Applied: a new id (false: an existing one, e.g. created again)
    qint64 usersRevision = 0; // Applied: the organisation's usersRevision after the change
    // Applied: the change's sequence number; a changesSince() answer that does not reach it
    // may hold an older version of the user.
    qint64 changeSeq = 0;
};

// ---- Where the data lives --------------------------------------------------------------------

struct StoreSpec
{
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString path; // Sqlite: the database file
    // Postgres, from postgresql://user[:password]@host[:port]/database[?options]. A missing
    // password is left to libpq (PGPASSWORD, PGPASSFILE, ~/.pgpass).
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options; // the URL's query, passed to the driver as connect options (may be empty)
    // Write the enforcement counters with the work they count (off only for the benchmark's
    // baseline).
    bool countEnforcement = true;

    // Parses --db: a postgresql:// (or postgres://) URL, anything else a file path.
    // Returns nullopt with `error` set for a malformed URL.
    static std::optional<StoreSpec> parse(const QString &text, QString *error);
    // For logs and messages: the file path, or the URL without its password.
    QString redacted() const;
    // "sqlite" or "postgresql", as /healthz reports it.
    QString kindName() const;
};

class Store
{
public:
    // A token that expired more than this long ago is no longer read into the caches.
    static constexpr int ExpiredTokenDays = 7;

    virtual ~Store() = default;

    // "sqlite" or "postgresql".
    virtual QString kindName() const = 0;

    // Connects, then brings the schema to the version this build knows: creates it in an empty
    // database, migrates an older one step by step (each step one transaction; concurrent
    // servers starting on one database must not both migrate: take a lock for it), and refuses
    // a newer one (returns false, `error` saying which versions). May be called again after an
    // Unavailable result to reconnect. `error` never holds a password.
    virtual bool open(QString *error) = 0;
    virtual void close() = 0;

    // Is the database reachable now? Cheap (one round trip), bounded by a short timeout, never
    // waits for a writer's lock; Unavailable when not.
    virtual StoreStatus ping() = 0;

    // Housekeeping the server runs about once a second on the monitor's connection, off the
    // request path (SqliteStore: a passive WAL checkpoint). Default: nothing.
    virtual void maintain() { }

    virtual StoreResult<StoreSnapshot> snapshot() = 0;
    // `knownLists`: per organisation, a revision at which the caller holds its complete opt-out
    // list; an organisation still at that revision comes without its list (absent from
    // optOutsByOrg). Every change of an opt-out row steps its organisation's revision in the
    // same transaction, so the list at a revision is one list.
    virtual StoreResult<StoreChanges> changesSince(qint64 changeSeq,
                                                   const QHash<QString, qint64> &knownLists)
        = 0;
    StoreResult<StoreChanges> changesSince(qint64 changeSeq) { return changesSince(changeSeq, {}); }

    // Calls `onChange` (on this Store's thread) whenever another connection commits a change,
    // while the connection lives. Returns false when the back end has no such notification
    // (SQLite: the caller polls changesSince()). After a reconnect, subscribe again.
    virtual bool subscribe(std::function<void()> onChange) = 0;

    // Opts users out and in, atomically: all or nothing, one revision step when anything
    // changed, one audit row per actual change. The stored usage events of a newly opted-out
    // user are kept, hidden, until purgeAt (opted-out time + purgeAfterSeconds, none when the
    // user has no events); with purgeAfterSeconds 0 or deleteStoredEvents they are deleted in
    // the same transaction, with a "purge" audit row carrying the count (no actor).
    // Serialisation (the contract both back ends keep): this transaction and ingestEvents()
    // for the same organisation never interleave. SqliteStore: BEGIN IMMEDIATE (one writer at
    // a time). PostgresStore: SELECT ... FOR UPDATE on the organisation's row (which ingestion
    // holds FOR SHARE, so this waits for the ingestions in flight and they wait for it), then
    // FOR UPDATE on the users' rows before reading their opt-out state.
    // The decision is planOptOuts() (server/core/optoutplan.h), the same for both back ends:
    // each reads the state it needs under these locks and writes the plan. So the refusals
    // (an id in both lists, unknown ids, a stale If-Match, an opt-in of a user a rule covers,
    // in that order) are decided inside the transaction too, and the audit rows are the
    // opt-outs, then the opt-ins, then the purges done now.
    virtual StoreResult<OptOutChangeOutcome> applyOptOuts(const OptOutChangeRequest &request) = 0;

    // Stores the events of users who are not opted out, discards the others, in one
    // transaction that decides from the database's opt-out rows (never from a cache):
    // SqliteStore: BEGIN IMMEDIATE, then one prepared insert per event whose condition is the
    // opt-out look-up (into usage_recent, moved into usage_events by maintain()).
    // PostgresStore: SELECT ... FOR SHARE on the organisation's row (one lock per transaction,
    // not one per user: ingestions run side by side, an opt-out change, which takes that row
    // FOR UPDATE, waits for them or they for it), then one statement reading which of the
    // events' users are opted out, then a COPY of the others' events. So an opt-out committed
    // anywhere before this transaction discards these events, and one committed after it
    // purges them.
    // Users are assumed to exist in their organisation (the caller checked).
    virtual StoreResult<IngestOutcome> ingestEvents(const QVector<NewEvent> &events) = 0;

    // Several requests' events at once (group commit): the same rules as ingestEvents() for
    // each batch; one result per batch, in order. The default runs ingestEvents() per batch; a
    // back end may take them all in one transaction (then one failure fails them all).
    virtual QVector<StoreResult<IngestOutcome>>
    ingestEventBatches(const QVector<QVector<NewEvent>> &batches)
    {
        QVector<StoreResult<IngestOutcome>> results;
        results.reserve(batches.size());
        for (const QVector<NewEvent> &batch : batches)
            results.append(ingestEvents(batch));
        return results;
    }

    // Deletes the stored events of every opted-out user whose purgeAt is at or before `now`,
    // clears their purgeAt, writes one "purge" audit row per user (no actor) and steps the
    // organisations' revisions. Exactly once across instances: the rows are claimed inside the
    // database (SqliteStore: BEGIN IMMEDIATE; PostgresStore: the change lock, then UPDATE ...
    // RETURNING), so a second instance finds nothing left to do.
    virtual StoreResult<QVector<PurgeRecord>> purgeDue(const QDateTime &now) = 0;

    // A page of the organisation's audit, newest first.
    virtual StoreResult<QVector<AuditRecord>> audit(const AuditQuery &query) = 0;
    StoreResult<QVector<AuditRecord>> audit(const QString &orgId, int limit, qint64 beforeId)
    {
        AuditQuery query;
        query.orgId = orgId;
        query.limit = limit;
        query.beforeId = beforeId;
        return audit(query);
    }
    // Stored events per user of the organisation who has any (opted-out users marked).
    virtual StoreResult<QVector<UsageCountRecord>> usageSummary(const QString &orgId) = 0;

    // The enforcement counters of an organisation over the 15-minute slots [fromSlot, toSlot),
    // read in one consistent transaction.
    virtual StoreResult<Enforcement::History> enforcementHistory(const QString &orgId,
                                                                 qint64 fromSlot, qint64 toSlot)
        = 0;

    // Set-up (the command line, the demo). Each one transaction.
    // The organisation's time zone (an IANA name the caller checked); false: no such
    // organisation.
    virtual StoreResult<bool> setOrgTimeZone(const QString &orgId, const QString &timeZone) = 0;
    virtual StoreResult<QString> createOrg(const QString &name, const QString &productName) = 0;
    // Adds users (with their tokens) and bumps usersRevision once; returns their ids in order.
    // Fails (nothing added) when an e-mail address is already the organisation's.
    virtual StoreResult<QStringList> addUsers(const QString &orgId, const QVector<NewUser> &users)
        = 0;
    virtual StoreResult<bool> addToken(const StoredToken &token) = 0;
    // True when an active token was revoked, false when there was none with this hash.
    virtual StoreResult<bool> revokeToken(const QByteArray &hash) = 0;

    // OpenID Connect: replaces the organisation's configuration (domains included), in one
    // transaction. Returns the domains another organisation already has (then nothing is
    // changed); empty when applied.
    virtual StoreResult<QStringList> setOidcConfig(const OidcConfig &config) = 0;
    // True when the organisation had a configuration, now removed.
    virtual StoreResult<bool> unsetOidcConfig(const QString &orgId) = 0;
    // Every organisation's configuration (a few rows: read per sign-in, never cached long).
    virtual StoreResult<QVector<OidcConfig>> oidcConfigs() = 0;

    // Directory sync: creates a user (role "user"), or changes one, in one transaction that
    // bumps usersRevision. A Create whose e-mail address belongs to a deleted user of the
    // organisation brings that user back (same id, opt-out kept); one that belongs to any other
    // user is a Conflict. An Update to another user's e-mail address is a Conflict.
    virtual StoreResult<DirectoryUserOutcome> writeDirectoryUser(const DirectoryUserChange &change)
        = 0;
};

// A new, unopened Store for `spec`, with its own connection; nullptr with `error` set when this
// build cannot serve that kind ("PostgreSQL support not built").
// Implemented in server/store/storefactory.cpp: SqliteStore(spec) for Kind::Sqlite; for
// Kind::Postgres, PostgresStore(spec) (server/store/postgresstore.h, `explicit
// PostgresStore(const StoreSpec &spec)`) when the build defines OPTOUT_WITH_POSTGRES.
std::unique_ptr<Store> createStore(const StoreSpec &spec, QString *error);
