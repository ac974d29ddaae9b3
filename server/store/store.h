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

// An active token as --list-tokens shows it (never its hash).
struct TokenListing
{
    QString email; // its user's
    bool demo = false;
    QDateTime createdAt; // UTC
    QDateTime expiresAt; // invalid: never (a session, or --expires-in, expires)
    QDateTime lastUsedAt; // to the minute; invalid: never used
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
    // The row is the user's effective opt-out: opted out individually, and/or covered by these
    // rules (sorted). A row always has one or the other.
    bool individual = true;
    QStringList ruleIds;
};

// An opt-out rule: every member of a group, or every address of an e-mail domain.
struct StoredRule
{
    enum class Kind { Group, EmailDomain };
    QString id; // "r-<n>", n from 1 in creation order, unique across organisations
    QString orgId;
    Kind kind = Kind::Group;
    QString groupId; // Group
    QString groupName; // Group: its display name now
    QString domain; // EmailDomain: lower case
    QString reason; // empty: none
    QDateTime createdAt;
    QString createdBy; // the administrator's user id
    qint64 userCount = 0; // users it covers now
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
    QString action; // "opt_out", "opt_in", "purge", "rule_created", "rule_deleted"
    QString actorId; // empty for the service itself (purges, the directory)
    QString actorEmail; // joined from users; empty if unknown
    QString actorName;
    QString userId;
    QString userEmail;
    QString userName;
    QString reason; // opt-outs: empty for none
    qint64 count = -1; // purges: the events deleted; -1 for other actions
    QString requestId; // of the request that wrote it; empty for none
    QByteArray detail; // JSON object ("via", "rule"); empty for none
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
    QString requestId; // written on every audit entry of the change (empty: none)
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
    QVector<StoredRule> rules; // every organisation's, oldest first
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
    // Instead of the complete list, for an organisation whose list the caller holds
    // (`knownLists`, at any revision) when the back end can tell what changed since changeSeq:
    // the rows inserted or changed since then, as they are now, and the users whose rows were
    // deleted since then and are not opted out now. The caller's list, exact at changeSeq,
    // with these applied is the list now. (PostgreSQL: 20,000 opt-outs are not read again
    // after each change through another instance.)
    QHash<QString, QVector<StoredOptOut>> optOutChangesByOrg;
    QHash<QString, QStringList> optOutRemovalsByOrg; // absent: none removed
    // Its rules, for every organisation of optOutsByOrg and optOutChangesByOrg (rules share the
    // opt-out revision; an organisation has few).
    QHash<QString, QVector<StoredRule>> rulesByOrg;
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
    QString requestId; // on the audit entries of the opt-outs and opt-ins it causes
    qint64 purgeAfterSeconds = 0; // the retention window of a user a domain rule newly covers
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

// What a rule or membership change did to an organisation's opt-out rows, so that the caches
// follow it without reading the whole list again.
struct CoverChanges
{
    qint64 revisionBefore = -1; // the revision the change met; -1: the revision did not step
    qint64 revisionAfter = 0;
    QVector<StoredOptOut> rows; // rows inserted or changed, as stored now
    QStringList deletedUserIds;
};

// ---- Groups (SCIM Groups) -------------------------------------------------------------------

struct StoredGroup
{
    QString id; // "g-<n>", n from 1 in creation order, unique across organisations
    QString orgId;
    QString displayName; // once per organisation
    QString externalId; // empty if none
    QDateTime createdAt;
    qint64 memberCount = 0; // members still in the directory (not deleted)
    QStringList memberIds; // only when asked for (GroupQuery::withMembers, writes): sorted
};

// One change of a group's members, as a PatchOp (or a POST/PUT's "members") asks it.
struct GroupMemberOp
{
    enum class Kind { Add, Remove, Replace, RemoveAll };
    Kind kind = Kind::Add;
    QStringList userIds;
};

// A group written by the directory: created, replaced (PUT), patched or deleted. The decision is
// planGroupChange() (server/core/groupplan.h), the same for both back ends.
struct GroupChangeRequest
{
    enum class Kind { Create, Replace, Patch, Delete };
    Kind kind = Kind::Create;
    QString orgId;
    QString groupId; // not for Create
    std::optional<QString> displayName; // Create and Replace: always set
    std::optional<QString> externalId; // set: the new one (empty: none)
    QVector<GroupMemberOp> memberOps; // applied in order
    QString requestId; // on the audit entries of the opt-outs and opt-ins it causes
    qint64 purgeAfterSeconds = 0; // the retention window of the users a rule newly covers
};

struct GroupChangeOutcome
{
    // NotFound: no such group in the organisation; NameTaken: another group of the organisation
    // has this displayName; UnknownMembers: a member id that is not a user of the organisation
    // in the directory (unknownUserIds). Nothing is written unless Applied.
    enum class Kind { Applied, NotFound, NameTaken, UnknownMembers };
    Kind kind = Kind::Applied;
    StoredGroup group; // Applied: as stored now, with its members (none after Delete)
    QStringList unknownUserIds;
    QStringList added; // Applied: users who became members
    QStringList removed; // Applied: users who stopped being members
    qint64 changeSeq = 0; // Applied: the change's sequence number (0: nothing changed)
    // Applied and changed: the organisation's usersRevision after it. Every change to a group
    // (created, renamed, members, deleted) steps it, so /sync-state and the change stream
    // announce it on every instance.
    qint64 usersRevision = 0;
    CoverChanges covers; // Applied: what the group's rule did to the opt-outs
};

// Groups of an organisation ordered by display name (then id), filtered by the set fields.
struct GroupQuery
{
    QString orgId;
    QString id; // empty: any
    QString displayName; // empty: any (exact)
    QString externalId; // empty: any
    QString nameContains; // empty: any (case-insensitive search of the display name)
    QString memberId; // empty: any; else only groups this user (not deleted) is a member of
    qint64 offset = 0;
    qint64 limit = 100;
    bool withMembers = false;
};

struct GroupPage
{
    qint64 total = 0; // matching groups, all pages
    QVector<StoredGroup> groups;
    // Changes with every change to the organisation's groups, memberships or rules (the ETag):
    // groupsVersion() of the organisation's revisions, read with the page.
    QString version;
};

// The version of an organisation's groups as a page shows them (names, member counts, which
// have a rule): every change to a group or a membership, and every user deleted or brought
// back, steps usersRevision; every rule created or deleted steps revision. So a cache holding
// both answers "not modified" without reading a group.
QString groupsVersion(qint64 usersRevision, qint64 revision);

// The filters of a GroupQuery over `groups g` as a WHERE clause and its values in order: the
// same SQL on both back ends (`?` placeholders; the search as an escaped LIKE pattern).
struct GroupFilterSql
{
    QString where;
    QVariantList values;
};
GroupFilterSql groupFilterSql(const GroupQuery &query);

// An opt-out rule previewed, created or deleted by an administrator.
struct RuleChangeRequest
{
    enum class Kind { Preview, Create, Delete };
    Kind kind = Kind::Create;
    QString orgId;
    QString actorId;
    QString requestId; // on its audit entries
    StoredRule::Kind ruleKind = StoredRule::Kind::Group; // Preview, Create
    QString groupId; // Group
    QString domain; // EmailDomain: lower case, a valid domain name (normalisedDomain())
    QString ruleId; // Delete
    QString reason; // Create: empty for none
    bool deleteStoredEvents = false; // Create: the covered users' stored events deleted now
    qint64 purgeAfterSeconds = 0; // Create: the retention window of the newly covered
    std::optional<QList<qint64>> ifRevisionIn; // Create, Delete: as OptOutChangeRequest's
};

struct RuleChangeOutcome
{
    // Existing: the same rule exists (Create answers it, unchanged); UnknownGroup: no such
    // group in the organisation; NotFound: no such rule (Delete).
    enum class Kind { Applied, Existing, UnknownGroup, NotFound, PreconditionFailed };
    Kind kind = Kind::Applied;
    StoredRule rule; // Applied, Existing (Delete: the rule deleted)
    qint64 revision = 0; // the organisation's revision after the call
    qint64 userCount = 0; // Preview, Create: users the rule covers
    int newlyOptedOut = 0; // Preview, Create: users it opts out (not out before)
    int optedIn = 0; // Delete: users opted back in
    QStringList sample; // Preview: up to 10 covered users, by e-mail address
    CoverChanges covers; // Applied: what the rule did to the opt-outs
};

// A user's groups (SCIM's read-only "groups"): group id and display name.
using UserGroups = QHash<QString, QVector<QPair<QString, QString>>>;

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
    // same transaction, so the list at a revision is one list. Naming an organisation there
    // also says that the caller's list is exact at `changeSeq` (but for rows the caller itself
    // changed later): the back end may answer only what changed (optOutChangesByOrg).
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
    // A new address in a domain that has a rule is covered by it in the same transaction (as
    // writeDirectoryUser() covers one), so --import-users and --demo follow the rules too.
    // Fails (nothing added) when an e-mail address is already the organisation's.
    virtual StoreResult<QStringList> addUsers(const QString &orgId, const QVector<NewUser> &users)
        = 0;
    virtual StoreResult<bool> addToken(const StoredToken &token) = 0;
    // True when an active token was revoked, false when there was none with this hash.
    virtual StoreResult<bool> revokeToken(const QByteArray &hash) = 0;
    // Records that the token was used at `minute` (a whole minute, UTC); an earlier record only
    // moves forward. True when it changed.
    virtual StoreResult<bool> recordTokenUse(const QByteArray &hash, const QDateTime &minute) = 0;
    // The organisation's tokens that are not revoked (expired ones included), by e-mail address
    // and age.
    virtual StoreResult<QVector<TokenListing>> tokensOf(const QString &orgId) = 0;

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

    // Directory sync: creates, replaces, patches or deletes a group, in one transaction: reads
    // the state planGroupChange() needs (the group, its members, which named ids are users of
    // the organisation in the directory, whether the name is taken), writes its plan.
    virtual StoreResult<GroupChangeOutcome> writeDirectoryGroup(const GroupChangeRequest &request)
        = 0;
    // Previews, creates or deletes an opt-out rule, serialised with opt-out changes and
    // ingestion as applyOptOuts() is; the users' rows follow planCoverChange()
    // (server/core/coverplan.h). Group changes (writeDirectoryGroup) and directory users'
    // e-mail changes (writeDirectoryUser) apply the rules the same way.
    virtual StoreResult<RuleChangeOutcome> changeRule(const RuleChangeRequest &request) = 0;
    // A page of the organisation's groups (GroupQuery), in one consistent read.
    virtual StoreResult<GroupPage> directoryGroups(const GroupQuery &query) = 0;
    // The groups of each of these users of the organisation, ordered by display name.
    virtual StoreResult<UserGroups> groupsOfUsers(const QString &orgId, const QStringList &userIds)
        = 0;
};

// A new, unopened Store for `spec`, with its own connection; nullptr with `error` set when this
// build cannot serve that kind ("PostgreSQL support not built").
// Implemented in server/store/storefactory.cpp: SqliteStore(spec) for Kind::Sqlite; for
// Kind::Postgres, PostgresStore(spec) (server/store/postgresstore.h, `explicit
// PostgresStore(const StoreSpec &spec)`) when the build defines OPTOUT_WITH_POSTGRES.
std::unique_ptr<Store> createStore(const StoreSpec &spec, QString *error);
