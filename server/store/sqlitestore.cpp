// The Store on an SQLite file through Qt Sql: the embedded default, one server process.
#include "sqlitestore.h"

#include "coverplan.h"
#include "groupplan.h"
#include "optoutplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <limits>

#include <sqlite3.h>

Q_LOGGING_CATEGORY(lcSqlite, "optout.store.sqlite", QtInfoMsg)

namespace {

// How long a statement waits for another connection's lock before the store reports
// Unavailable (and the request is answered 503), and how long a health ping waits.
constexpr int BusyTimeoutMs = 5000;
constexpr int PingBusyTimeoutMs = 500;
// How long maintain() waits for the write lock to move the recent events.
constexpr int MoveBusyTimeoutMs = 100;
// The recent events the ingestion moves itself when maintain() has not (it could not get the
// lock): checked every so many ingestion transactions.
constexpr int RecentEventsLimit = 200000;
constexpr int RecentCheckEvery = 64;
// Ids per IN (...) when looking up opt-outs of a request's users.
constexpr int IdsPerLookup = 500;

QString toDbTime(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromDbTime(const QString &s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

// A row of (hash, user_id, demo, expires_at).
StoredToken tokenFrom(const QSqlQuery &q, bool revoked)
{
    StoredToken t {q.value(0).toByteArray(), q.value(1).toString(), q.value(2).toBool(), revoked};
    if (!q.value(3).isNull())
        t.expiresAt = fromDbTime(q.value(3).toString());
    return t;
}

qint64 idNumber(const QString &id)
{
    const int dash = id.indexOf(QLatin1Char('-'));
    return dash < 0 ? 0 : id.mid(dash + 1).toLongLong();
}

QString placeholders(int n)
{
    QString s;
    s.reserve(n * 2);
    for (int i = 0; i < n; ++i)
        s += i == 0 ? QStringLiteral("?") : QStringLiteral(",?");
    return s;
}

StoredOptOut optOutFrom(const QSqlQuery &q, int first = 0)
{
    StoredOptOut o;
    o.userId = q.value(first).toString();
    o.orgId = q.value(first + 1).toString();
    o.at = fromDbTime(q.value(first + 2).toString());
    o.byUserId = q.value(first + 3).toString();
    o.seq = q.value(first + 4).toLongLong();
    o.reason = q.value(first + 5).toString();
    if (!q.value(first + 6).isNull())
        o.purgeAt = fromDbTime(q.value(first + 6).toString());
    o.individual = q.value(first + 7).toBool();
    o.ruleIds = q.value(first + 8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return o;
}

const char *const OptOutColumns
    = "user_id, org_id, opted_out_at, opted_out_by, seq, reason, purge_at, individual, rule_ids";

// OptOutColumns of the table named `alias` in a join.
QString optOutColumnsOf(const char *alias)
{
    const QString prefix = QLatin1String(alias) + QLatin1Char('.');
    return prefix
        + QLatin1String(OptOutColumns)
              .toString()
              .replace(QLatin1String(", "), QLatin1String(", ") + prefix);
}

const char *const UserColumns = "id, org_id, email, name, roles, active, deleted, external_id";

StoredUser userFrom(const QSqlQuery &q)
{
    StoredUser u;
    u.id = q.value(0).toString();
    u.orgId = q.value(1).toString();
    u.email = q.value(2).toString();
    u.name = q.value(3).toString();
    u.roles = q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    u.active = q.value(5).toBool();
    u.deleted = q.value(6).toBool();
    u.externalId = q.value(7).toString();
    return u;
}

} // namespace

// BEGIN IMMEDIATE: takes the write lock at once, so the reads that decide a write (is this user
// out?) and the write itself see one state that no other connection can change in between.
class SqliteStore::WriteTransaction
{
public:
    explicit WriteTransaction(const QSqlDatabase &db)
        : m_db(db)
        , m_query(db)
    {
        m_open = m_query.exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteTransaction()
    {
        if (m_open)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    bool isOpen() const { return m_open; }
    const QSqlQuery &beginQuery() const { return m_query; }
    bool commit()
    {
        if (!m_open)
            return false;
        m_open = !m_query.exec(QStringLiteral("COMMIT"));
        return !m_open;
    }

private:
    QSqlDatabase m_db;
    QSqlQuery m_query;
    bool m_open = false;
};

SqliteStore::SqliteStore(const StoreSpec &spec)
    : m_spec(spec)
    , m_connection(QStringLiteral("optout-sqlite-")
                   + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

SqliteStore::~SqliteStore()
{
    close();
}

template<typename T> StoreResult<T> SqliteStore::fail(const QSqlQuery &query)
{
    const QString why
        = query.lastQuery().left(200) + QStringLiteral(": ") + query.lastError().text();
    qCWarning(lcSqlite).noquote() << "statement failed:" << why;
    return StoreResult<T>::failure(statusOf(query), why);
}

template<typename T> StoreResult<T> SqliteStore::fail(StoreStatus status, const QString &why)
{
    qCWarning(lcSqlite).noquote() << why;
    return StoreResult<T>::failure(status, why);
}

StoreStatus SqliteStore::statusOf(const QSqlQuery &query) const
{
    // SQLITE_BUSY (5), SQLITE_LOCKED (6), SQLITE_IOERR (10), SQLITE_CANTOPEN (14): the file is
    // held by someone else or out of reach, nothing about the request itself.
    const QString code = query.lastError().nativeErrorCode();
    // SQLITE_READONLY (8) and SQLITE_FULL (13): the file or its disk takes no more writes.
    if (code == QLatin1String("8") || code == QLatin1String("13"))
        return StoreStatus::WriteRefused;
    if (code == QLatin1String("5") || code == QLatin1String("6") || code == QLatin1String("10")
        || code == QLatin1String("14") || !m_db.isOpen())
        return StoreStatus::Unavailable;
    return StoreStatus::Failed;
}

bool SqliteStore::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    qCWarning(lcSqlite).noquote() << "statement failed:" << sql << q.lastError().text();
    if (error)
        *error = q.lastError().text();
    return false;
}

bool SqliteStore::open(QString *error)
{
    close();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_spec.path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
    if (!m_db.open()) {
        *error = QStringLiteral("Cannot open the database %1: %2")
                     .arg(m_spec.path, m_db.lastError().text());
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))
        || !exec(QStringLiteral("PRAGMA cache_size=-16384"))
        || !exec(QStringLiteral("PRAGMA mmap_size=268435456"))
        // No checkpoint (copying the log into the file, with an fsync) inside a request's
        // commit: maintain() does it from the monitor's connection, off the request path. The
        // last connection to close checkpoints too, and a log grown past 40 MB is still
        // checkpointed by the writer.
        || !exec(QStringLiteral("PRAGMA wal_autocheckpoint=10000"))) {
        *error = QStringLiteral("Cannot configure the database %1.").arg(m_spec.path);
        return false;
    }
    return migrate(error);
}

void SqliteStore::close()
{
    // Qt's driver cannot close a connection that still has a statement of ours.
    finalizeStatements();
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool SqliteStore::migrate(QString *error)
{
    // Each step takes the file from version N to N+1.
    const QStringList toVersion1 {
        QStringLiteral("CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT NOT NULL, product_name "
                       "TEXT NOT NULL, revision INTEGER NOT NULL DEFAULT 0, users_revision INTEGER "
                       "NOT NULL DEFAULT 0, created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES "
                       "orgs(id), email TEXT NOT NULL, name TEXT NOT NULL, roles TEXT NOT NULL, "
                       "created_at TEXT NOT NULL, UNIQUE (org_id, email))"),
        QStringLiteral("CREATE TABLE tokens (hash TEXT PRIMARY KEY, user_id TEXT NOT NULL "
                       "REFERENCES users(id), demo INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT "
                       "NULL, revoked_at TEXT)"),
        QStringLiteral(
            "CREATE TABLE optouts (user_id TEXT PRIMARY KEY REFERENCES users(id), org_id "
            "TEXT NOT NULL REFERENCES orgs(id), opted_out_at TEXT NOT NULL, opted_out_by "
            "TEXT NOT NULL REFERENCES users(id), seq INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE audit (id INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT NOT "
                       "NULL, at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('opt_out', "
                       "'opt_in')), actor_id TEXT NOT NULL, user_id TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX audit_by_org ON audit (org_id, id)"),
        QStringLiteral("CREATE TABLE usage_events (id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, "
                       "user_id TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('client', "
                       "'server')), name TEXT NOT NULL, at TEXT NOT NULL, received_at TEXT NOT "
                       "NULL, properties TEXT)"),
        QStringLiteral("CREATE INDEX usage_by_user ON usage_events (org_id, user_id)"),
    };
    // 2: revocations are looked up by time.
    const QStringList toVersion2 {
        QStringLiteral("CREATE INDEX tokens_by_revocation ON tokens (revoked_at)"),
    };
    // 3: a change sequence, so every server (and every cache) can ask what changed since.
    const QStringList toVersion3 {
        QStringLiteral("CREATE TABLE meta (change_seq INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO meta (change_seq) VALUES (0)"),
        QStringLiteral("ALTER TABLE orgs ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE users ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE tokens ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE INDEX users_by_change ON users (change_seq)"),
        QStringLiteral("CREATE INDEX tokens_by_change ON tokens (change_seq)"),
        QStringLiteral("CREATE INDEX optouts_by_org ON optouts (org_id)"),
        QStringLiteral("CREATE INDEX optouts_by_seq ON optouts (seq)"),
    };
    // 4: new events land in usage_recent, a table without index (an append), and maintain()
    // moves them into usage_events about once a second, sorted by user: each page of
    // usage_by_user is then written once per move instead of once per ingestion commit.
    const QStringList toVersion4 {
        QStringLiteral("CREATE TABLE usage_recent (org_id TEXT NOT NULL, user_id TEXT NOT NULL, "
                       "source TEXT NOT NULL CHECK (source IN ('client', 'server')), name TEXT "
                       "NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL, properties TEXT)"),
    };
    // 5: directory sync (SCIM): users who left the directory, the identity provider's id, and
    // userName looked up case-insensitively.
    const QStringList toVersion5 {
        QStringLiteral("ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("ALTER TABLE users ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE users ADD COLUMN external_id TEXT"),
        QStringLiteral("CREATE INDEX users_by_lower_email ON users (org_id, lower(email))"),
        // The next user id (MAX of the number) without a scan of every user per creation.
        QStringLiteral("CREATE INDEX users_by_number ON users (CAST(substr(id, 3) AS INTEGER))"),
    };
    // 6: reasons, the retention window (purge_at), purge entries in the audit (no actor, a
    // count) and the audit's filter indexes. SQLite cannot change a column's constraints: the
    // audit table is made again, its ids kept.
    const QStringList toVersion6 {
        QStringLiteral("CREATE TABLE audit_v6 (id INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT "
                       "NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN "
                       "('opt_out', 'opt_in', 'purge')), actor_id TEXT, user_id TEXT NOT NULL, "
                       "reason TEXT, count INTEGER)"),
        QStringLiteral("INSERT INTO audit_v6 (id, org_id, at, action, actor_id, user_id) SELECT "
                       "id, org_id, at, action, actor_id, user_id FROM audit ORDER BY id"),
        QStringLiteral("DROP TABLE audit"),
        QStringLiteral("ALTER TABLE audit_v6 RENAME TO audit"),
        QStringLiteral("CREATE INDEX audit_by_time ON audit (org_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_user ON audit (org_id, user_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_actor ON audit (org_id, actor_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_action ON audit (org_id, action, at, id)"),
        QStringLiteral("ALTER TABLE optouts ADD COLUMN reason TEXT"),
        QStringLiteral("ALTER TABLE optouts ADD COLUMN purge_at TEXT"),
        QStringLiteral("CREATE INDEX optouts_by_purge ON optouts (purge_at) WHERE purge_at IS "
                       "NOT NULL"),
    };
    // 7: signing in with the organisation's OpenID provider: its configuration, and sessions
    // (tokens that expire).
    const QStringList toVersion7 {
        QStringLiteral("ALTER TABLE tokens ADD COLUMN expires_at TEXT"),
        QStringLiteral("CREATE TABLE oidc_configs (org_id TEXT PRIMARY KEY REFERENCES orgs(id), "
                       "issuer TEXT NOT NULL, client_id TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE oidc_domains (domain TEXT PRIMARY KEY, org_id TEXT NOT NULL "
                       "REFERENCES oidc_configs(org_id))"),
    };
    // 8: the enforcement counters (enforcementcounts.h), counted from this migration on: the
    // organisations there now start from their opted-out users of now; and each
    // organisation's time zone.
    const QStringList toVersion8 {
        QStringLiteral("ALTER TABLE orgs ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'"),
        QStringLiteral("CREATE TABLE enforcement_counts (org_id TEXT NOT NULL, slot INTEGER NOT "
                       "NULL, shard INTEGER NOT NULL, accepted_client INTEGER NOT NULL, "
                       "accepted_server INTEGER NOT NULL, discarded_client INTEGER NOT NULL, "
                       "discarded_server INTEGER NOT NULL, deleted_events INTEGER NOT NULL, "
                       "opt_outs INTEGER NOT NULL, opt_ins INTEGER NOT NULL, PRIMARY KEY "
                       "(org_id, slot, shard)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE enforcement_origin (org_id TEXT PRIMARY KEY, counting_since "
                       "TEXT NOT NULL, opted_out_users INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO enforcement_origin (org_id, counting_since, opted_out_users) "
                       "SELECT o.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT COUNT(*) "
                       "FROM optouts x WHERE x.org_id = o.id) FROM orgs o"),
    };
    // 9: the directory's groups (SCIM Groups) and their members. A display name once per
    // organisation; a group's id is "g-<n>" (the next n read from groups_by_number); deleting a
    // group deletes its memberships; a user's groups are read by user.
    const QStringList toVersion9 {
        QStringLiteral("CREATE TABLE groups (id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES "
                       "orgs(id), display_name TEXT NOT NULL, external_id TEXT, created_at TEXT "
                       "NOT NULL, change_seq INTEGER NOT NULL DEFAULT 0, UNIQUE (org_id, "
                       "display_name))"),
        QStringLiteral("CREATE INDEX groups_by_external_id ON groups (org_id, external_id) WHERE "
                       "external_id IS NOT NULL"),
        QStringLiteral("CREATE INDEX groups_by_change ON groups (change_seq)"),
        QStringLiteral("CREATE INDEX groups_by_number ON groups (CAST(substr(id, 3) AS INTEGER))"),
        QStringLiteral("CREATE TABLE group_members (group_id TEXT NOT NULL REFERENCES groups(id) "
                       "ON DELETE CASCADE, user_id TEXT NOT NULL REFERENCES users(id), PRIMARY "
                       "KEY (group_id, user_id)) WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX group_members_by_user ON group_members (user_id, group_id)"),
        // Opt-out rules (a group, an e-mail domain: `target` is the group id or the lower-case
        // domain). An opt-out row is a user's effective opt-out: `individual` when opted out
        // individually, `rule_ids` the rules that cover them (comma-separated), so ingestion's
        // look-up stays one row. The audit takes rule entries (no user), the request that wrote
        // an entry and its details (JSON: "via", "rule"); SQLite makes the table again for it.
        QStringLiteral("CREATE TABLE optout_rules (id TEXT PRIMARY KEY, org_id TEXT NOT NULL "
                       "REFERENCES orgs(id), kind TEXT NOT NULL CHECK (kind IN ('group', "
                       "'emailDomain')), target TEXT NOT NULL, reason TEXT, created_at TEXT NOT "
                       "NULL, created_by TEXT NOT NULL, UNIQUE (org_id, kind, target))"),
        QStringLiteral("CREATE INDEX optout_rules_by_number ON optout_rules (CAST(substr(id, 3) "
                       "AS INTEGER))"),
        QStringLiteral("ALTER TABLE optouts ADD COLUMN individual INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("ALTER TABLE optouts ADD COLUMN rule_ids TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE TABLE audit_v9 (id INTEGER PRIMARY KEY AUTOINCREMENT, org_id TEXT "
                       "NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN "
                       "('opt_out', 'opt_in', 'purge', 'rule_created', 'rule_deleted')), actor_id "
                       "TEXT, user_id TEXT, reason TEXT, count INTEGER, request_id TEXT, detail "
                       "TEXT)"),
        QStringLiteral("INSERT INTO audit_v9 (id, org_id, at, action, actor_id, user_id, reason, "
                       "count) SELECT id, org_id, at, action, actor_id, user_id, reason, count "
                       "FROM audit ORDER BY id"),
        QStringLiteral("DROP TABLE audit"),
        QStringLiteral("ALTER TABLE audit_v9 RENAME TO audit"),
        QStringLiteral("CREATE INDEX audit_by_time ON audit (org_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_user ON audit (org_id, user_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_actor ON audit (org_id, actor_id, at, id)"),
        QStringLiteral("CREATE INDEX audit_by_action ON audit (org_id, action, at, id)"),
    };
    // 10: when each token was last used (to the minute).
    const QStringList toVersion10 {
        QStringLiteral("ALTER TABLE tokens ADD COLUMN last_used_at TEXT"),
    };
    // 11: each group's count of members in the directory (not deleted), kept by the
    // transactions that change memberships or delete and bring back users, so a page of groups
    // does not count 400,000 memberships.
    const QStringList toVersion11 {
        QStringLiteral("ALTER TABLE groups ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("UPDATE groups SET member_count = (SELECT COUNT(*) FROM group_members m "
                       "JOIN users u ON u.id = m.user_id WHERE m.group_id = groups.id AND "
                       "u.deleted = 0)"),
    };
    const std::vector<QStringList> steps {toVersion1, toVersion2,  toVersion3, toVersion4,
                                          toVersion5, toVersion6,  toVersion7, toVersion8,
                                          toVersion9, toVersion10, toVersion11};
    Q_ASSERT(int(steps.size()) == SchemaVersion);

    for (;;) {
        // The version is read inside the write transaction: two servers starting on one new
        // file take turns, and the second finds the work done.
        WriteTransaction tx(m_db);
        if (!tx.isOpen()) {
            *error = QStringLiteral("Cannot lock the database %1: %2")
                         .arg(m_spec.path, tx.beginQuery().lastError().text());
            return false;
        }
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            *error = QStringLiteral("Cannot read the database's schema version.");
            return false;
        }
        const int version = q.value(0).toInt();
        q.finish();
        if (version > SchemaVersion) {
            *error = QStringLiteral("The database was written by a newer optout-server (schema "
                                    "%1; this one knows up to %2).")
                         .arg(version)
                         .arg(SchemaVersion);
            return false;
        }
        if (version == SchemaVersion)
            return true;
        for (const QString &sql : steps.at(size_t(version))) {
            if (!exec(sql)) {
                *error
                    = QStringLiteral("Cannot migrate the database to schema %1.").arg(version + 1);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) || !tx.commit()) {
            *error = QStringLiteral("Cannot migrate the database to schema %1.").arg(version + 1);
            return false;
        }
        qCInfo(lcSqlite) << "database migrated to schema" << version + 1;
    }
}

StoreStatus SqliteStore::ping()
{
    if (!m_db.isOpen())
        return StoreStatus::Unavailable;
    // A read under WAL never waits for a writer; a short timeout for anything stronger.
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(PingBusyTimeoutMs));
    const bool ok = q.exec(QStringLiteral("SELECT change_seq FROM meta")) && q.next();
    q.finish();
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(BusyTimeoutMs));
    return ok ? StoreStatus::Ok : StoreStatus::Unavailable;
}

void SqliteStore::maintain()
{
    if (!m_db.isOpen())
        return;
    // The recent events into the indexed table, without waiting long for the write lock: this
    // runs beside the requests, and the next second tries again.
    moveRecentEvents(MoveBusyTimeoutMs);
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
}

bool SqliteStore::moveRecentEvents(int busyTimeoutMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT EXISTS (SELECT 1 FROM usage_recent)")) || !q.next()
        || !q.value(0).toBool())
        return true;
    q.finish();
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs));
    bool moved = false;
    {
        WriteTransaction tx(m_db);
        moved = tx.isOpen() && moveRecentInTransaction(q);
        moved = moved && tx.commit();
    }
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(BusyTimeoutMs));
    return moved;
}

bool SqliteStore::moveRecentInTransaction(QSqlQuery &q)
{
    // Sorted by the index's key: each of its pages is written once.
    const bool moved = q.exec(QStringLiteral(
                           "INSERT INTO usage_events (org_id, user_id, source, name, at, "
                           "received_at, properties) SELECT org_id, user_id, source, name, at, "
                           "received_at, properties FROM usage_recent ORDER BY org_id, user_id"))
        && q.exec(QStringLiteral("DELETE FROM usage_recent"));
    q.finish();
    return moved;
}

StoreResult<StoreSnapshot> SqliteStore::snapshot()
{
    // One read transaction: a consistent state and its change sequence.
    if (!m_db.transaction())
        return fail<StoreSnapshot>(StoreStatus::Unavailable, QStringLiteral("cannot begin a read"));
    struct Rollback
    {
        QSqlDatabase &db;
        ~Rollback() { db.rollback(); }
    } rollback {m_db};
    StoreSnapshot s;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT change_seq FROM meta")) || !q.next())
        return fail<StoreSnapshot>(q);
    s.changeSeq = q.value(0).toLongLong();
    if (!q.exec(QStringLiteral(
            "SELECT id, name, product_name, revision, users_revision, time_zone FROM orgs")))
        return fail<StoreSnapshot>(q);
    while (q.next()) {
        s.orgs.append(StoredOrg {q.value(0).toString(), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toLongLong(),
                                 q.value(4).toLongLong(), q.value(5).toString()});
    }
    if (!q.exec(QStringLiteral("SELECT %1 FROM users").arg(QLatin1String(UserColumns))))
        return fail<StoreSnapshot>(q);
    while (q.next())
        s.users.append(userFrom(q));
    // Sessions that ended long ago are left out (a client then hears "unauthenticated" rather
    // than "session_expired").
    q.prepare(QStringLiteral("SELECT hash, user_id, demo, expires_at FROM tokens WHERE revoked_at "
                             "IS NULL AND (expires_at IS NULL OR expires_at > ?)"));
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc().addDays(-ExpiredTokenDays)));
    if (!q.exec())
        return fail<StoreSnapshot>(q);
    while (q.next())
        s.tokens.append(tokenFrom(q, false));
    if (!q.exec(QStringLiteral("SELECT %1 FROM optouts").arg(QLatin1String(OptOutColumns))))
        return fail<StoreSnapshot>(q);
    while (q.next())
        s.optOuts.append(optOutFrom(q));
    q.finish();
    if (!readRules(q, {}, &s.rules))
        return fail<StoreSnapshot>(q);
    return StoreResult<StoreSnapshot>::success(std::move(s));
}

StoreResult<QVector<StoredOptOut>> SqliteStore::optOutsOf(const QString &orgId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM optouts WHERE org_id = ?")
                  .arg(QLatin1String(OptOutColumns)));
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<QVector<StoredOptOut>>(q);
    QVector<StoredOptOut> list;
    while (q.next())
        list.append(optOutFrom(q));
    return StoreResult<QVector<StoredOptOut>>::success(std::move(list));
}

StoreResult<StoreChanges> SqliteStore::changesSince(qint64 since,
                                                    const QHash<QString, qint64> &knownLists)
{
    if (!m_db.transaction())
        return fail<StoreChanges>(StoreStatus::Unavailable, QStringLiteral("cannot begin a read"));
    struct Rollback
    {
        QSqlDatabase &db;
        ~Rollback() { db.rollback(); }
    } rollback {m_db};
    StoreChanges c;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT change_seq FROM meta")) || !q.next())
        return fail<StoreChanges>(q);
    c.changeSeq = q.value(0).toLongLong();
    if (since > c.changeSeq) {
        c.needsReload = true; // another database under the same name
        return StoreResult<StoreChanges>::success(std::move(c));
    }
    if (since == c.changeSeq)
        return StoreResult<StoreChanges>::success(std::move(c));
    q.prepare(QStringLiteral("SELECT id, name, product_name, revision, users_revision, time_zone "
                             "FROM orgs WHERE change_seq > ?"));
    q.addBindValue(since);
    if (!q.exec())
        return fail<StoreChanges>(q);
    while (q.next()) {
        c.orgs.append(StoredOrg {q.value(0).toString(), q.value(1).toString(),
                                 q.value(2).toString(), q.value(3).toLongLong(),
                                 q.value(4).toLongLong(), q.value(5).toString()});
    }
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE change_seq > ? ORDER BY id")
                  .arg(QLatin1String(UserColumns)));
    q.addBindValue(since);
    if (!q.exec())
        return fail<StoreChanges>(q);
    while (q.next())
        c.users.append(userFrom(q));
    q.prepare(QStringLiteral("SELECT hash, user_id, demo, expires_at, revoked_at IS NOT NULL "
                             "FROM tokens WHERE change_seq > ? ORDER BY change_seq"));
    q.addBindValue(since);
    if (!q.exec())
        return fail<StoreChanges>(q);
    while (q.next())
        c.tokens.append(tokenFrom(q, q.value(4).toBool()));
    q.finish();
    for (const StoredOrg &org : std::as_const(c.orgs)) {
        const auto known = knownLists.constFind(org.id);
        if (known != knownLists.cend() && *known == org.revision)
            continue; // the caller holds this very list
        auto list = optOutsOf(org.id);
        if (!list.ok())
            return StoreResult<StoreChanges>::failure(list.status, list.message);
        c.optOutsByOrg.insert(org.id, list.value);
        QVector<StoredRule> rules;
        if (!readRules(q, org.id, &rules))
            return fail<StoreChanges>(q);
        c.rulesByOrg.insert(org.id, rules);
    }
    return StoreResult<StoreChanges>::success(std::move(c));
}

bool SqliteStore::subscribe(std::function<void()>)
{
    return false; // one process per file: the caller polls changesSince()
}

qint64 SqliteStore::nextChangeSeq(QSqlQuery &q)
{
    if (!q.exec(QStringLiteral("UPDATE meta SET change_seq = change_seq + 1"))
        || !q.exec(QStringLiteral("SELECT change_seq FROM meta")) || !q.next())
        return -1;
    const qint64 seq = q.value(0).toLongLong();
    q.finish();
    return seq;
}

StoreResult<OptOutChangeOutcome> SqliteStore::applyOptOuts(const OptOutChangeRequest &request)
{
    // The state under the write lock, the decision by planOptOuts(), then the plan written.
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<OptOutChangeOutcome>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    OptOutState state;
    state.now = QDateTime::currentDateTimeUtc();

    q.prepare(QStringLiteral("SELECT revision FROM orgs WHERE id = ?"));
    q.addBindValue(request.orgId);
    if (!q.exec())
        return fail<OptOutChangeOutcome>(q);
    if (!q.next())
        return fail<OptOutChangeOutcome>(StoreStatus::Failed,
                                         QStringLiteral("no organisation %1").arg(request.orgId));
    state.revision = q.value(0).toLongLong();
    q.finish();

    // The ids named (each once), whether they are the organisation's users, and their rows.
    QStringList named;
    {
        QSet<QString> seen;
        seen.reserve(request.optOut.size() + request.optIn.size());
        const auto add = [&](const QString &id) {
            if (!seen.contains(id)) {
                seen.insert(id);
                named.append(id);
            }
        };
        for (const auto &entry : request.optOut)
            add(entry.first);
        for (const QString &id : request.optIn)
            add(id);
    }
    for (int i = 0; i < named.size(); i += IdsPerLookup) {
        const QStringList chunk = named.mid(i, IdsPerLookup);
        // By id only: with "org_id = ?" too the planner may walk the organisation's index,
        // every user of it, instead of looking the ids up.
        q.prepare(QStringLiteral("SELECT u.org_id, o.user_id IS NOT NULL, u.id, o.org_id, "
                                 "o.opted_out_at, o.opted_out_by, o.seq, o.reason, o.purge_at, "
                                 "o.individual, o.rule_ids FROM users u LEFT JOIN optouts o ON "
                                 "o.user_id = u.id WHERE u.id IN (%1)")
                      .arg(placeholders(int(chunk.size()))));
        for (const QString &id : chunk)
            q.addBindValue(id);
        if (!q.exec())
            return fail<OptOutChangeOutcome>(q);
        while (q.next()) {
            if (q.value(0).toString() != request.orgId)
                continue;
            const QString id = q.value(2).toString();
            state.knownUserIds.insert(id);
            if (q.value(1).toBool()) {
                state.optOuts.insert(id, optOutFrom(q, 2));
            }
        }
    }
    q.finish();

    // The stored events the plan needs counted. Those maintain() has not moved yet are counted,
    // and deleted with the others, in usage_recent itself under this write lock: moving every
    // recent event at each opt-out would write usage_events' index several times a second
    // under a stream of opt-outs, for a few users each. Many users: one move.
    const QStringList counted = eventCountsNeeded(request, state);
    QHash<QString, qint64> recentCounts;
    if (counted.size() > IdsPerLookup) {
        if (!moveRecentInTransaction(q))
            return fail<OptOutChangeOutcome>(q);
    } else if (!counted.isEmpty()) {
        q.prepare(QStringLiteral("SELECT user_id, COUNT(*) FROM usage_recent WHERE user_id IN "
                                 "(%1) GROUP BY user_id")
                      .arg(placeholders(int(counted.size()))));
        for (const QString &id : counted)
            q.addBindValue(id);
        if (!q.exec())
            return fail<OptOutChangeOutcome>(q);
        while (q.next())
            recentCounts.insert(q.value(0).toString(), q.value(1).toLongLong());
        q.finish();
    }
    QSqlQuery countEvents(m_db);
    countEvents.prepare(
        QStringLiteral("SELECT COUNT(*) FROM usage_events WHERE org_id = ? AND user_id = ?"));
    for (const QString &id : counted) {
        countEvents.addBindValue(request.orgId);
        countEvents.addBindValue(id);
        if (!countEvents.exec() || !countEvents.next())
            return fail<OptOutChangeOutcome>(countEvents);
        const qint64 n = countEvents.value(0).toLongLong() + recentCounts.value(id);
        countEvents.finish();
        if (n > 0)
            state.storedEvents.insert(id, n);
    }

    OptOutPlan plan = planOptOuts(request, state);
    if (plan.kind != OptOutChangeOutcome::Kind::Applied)
        return StoreResult<OptOutChangeOutcome>::success(plan.outcome()); // rolled back

    if (plan.changes()) {
        const qint64 changeSeq = nextChangeSeq(q);
        if (changeSeq < 0)
            return fail<OptOutChangeOutcome>(q);
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM optouts")) || !q.next())
            return fail<OptOutChangeOutcome>(q);
        const qint64 firstSeq = q.value(0).toLongLong();
        q.finish();
        QVector<qint64> seqs;
        seqs.reserve(plan.inserts.size());
        for (int i = 0; i < plan.inserts.size(); ++i)
            seqs.append(firstSeq + i);
        plan.setInsertSeqs(seqs);

        const auto textOrNull = [](const QString &text) {
            return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
        };
        QSqlQuery insertOut(m_db);
        insertOut.prepare(QStringLiteral("INSERT INTO optouts (user_id, org_id, opted_out_at, "
                                         "opted_out_by, seq, reason, purge_at) VALUES (?, ?, ?, "
                                         "?, ?, ?, ?)"));
        for (const StoredOptOut &o : std::as_const(plan.inserts)) {
            insertOut.addBindValue(o.userId);
            insertOut.addBindValue(o.orgId);
            insertOut.addBindValue(toDbTime(o.at));
            insertOut.addBindValue(o.byUserId);
            insertOut.addBindValue(o.seq);
            insertOut.addBindValue(textOrNull(o.reason));
            insertOut.addBindValue(
                textOrNull(o.purgeAt.isValid() ? toDbTime(o.purgeAt) : QString()));
            if (!insertOut.exec())
                return fail<OptOutChangeOutcome>(insertOut);
        }
        QSqlQuery byUser(m_db);
        for (const auto &[statement, ids] :
             {std::pair<QString, const QStringList *> {
                  QStringLiteral("UPDATE optouts SET purge_at = NULL WHERE user_id = ?"),
                  &plan.clearPurgeAt},
              std::pair<QString, const QStringList *> {
                  QStringLiteral("DELETE FROM optouts WHERE user_id = ?"), &plan.deletes}}) {
            if (ids->isEmpty())
                continue;
            byUser.prepare(statement);
            for (const QString &id : *ids) {
                byUser.addBindValue(id);
                if (!byUser.exec())
                    return fail<OptOutChangeOutcome>(byUser);
            }
        }
        QStringList recentToDelete;
        if (!plan.purges.isEmpty()) {
            byUser.prepare(
                QStringLiteral("DELETE FROM usage_events WHERE org_id = ? AND user_id = ?"));
            for (const auto &[id, count] : std::as_const(plan.purges)) {
                Q_UNUSED(count)
                byUser.addBindValue(request.orgId);
                byUser.addBindValue(id);
                if (!byUser.exec())
                    return fail<OptOutChangeOutcome>(byUser);
                if (recentCounts.value(id) > 0)
                    recentToDelete.append(id);
            }
        }
        if (!recentToDelete.isEmpty()) {
            q.prepare(QStringLiteral("DELETE FROM usage_recent WHERE user_id IN (%1)")
                          .arg(placeholders(int(recentToDelete.size()))));
            for (const QString &id : std::as_const(recentToDelete))
                q.addBindValue(id);
            if (!q.exec())
                return fail<OptOutChangeOutcome>(q);
        }
        if (!plan.individualAdds.isEmpty()) {
            byUser.prepare(QStringLiteral("UPDATE optouts SET individual = 1, reason = "
                                          "COALESCE(reason, ?) WHERE user_id = ?"));
            for (const QString &id : std::as_const(plan.individualAdds)) {
                byUser.addBindValue(textOrNull(request.reason));
                byUser.addBindValue(id);
                if (!byUser.exec())
                    return fail<OptOutChangeOutcome>(byUser);
            }
        }
        QSqlQuery insertAudit(m_db);
        if (!writeAudit(insertAudit, request.orgId, request.requestId, plan.audit))
            return fail<OptOutChangeOutcome>(insertAudit);
        if (!writeEnforcement(Enforcement::planTally(request.orgId, plan, state.now), q))
            return fail<OptOutChangeOutcome>(q);
        q.prepare(
            QStringLiteral("UPDATE orgs SET revision = revision + 1, change_seq = ? WHERE id = ?"));
        q.addBindValue(changeSeq);
        q.addBindValue(request.orgId);
        if (!q.exec())
            return fail<OptOutChangeOutcome>(q);
    }
    // Committed even without changes: a move of the recent events is kept.
    if (!tx.commit())
        return fail<OptOutChangeOutcome>(tx.beginQuery());
    return StoreResult<OptOutChangeOutcome>::success(plan.outcome());
}

StoreResult<IngestOutcome> SqliteStore::ingestEvents(const QVector<NewEvent> &events)
{
    if (events.isEmpty())
        return StoreResult<IngestOutcome>::success({});
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<IngestOutcome>(tx.beginQuery());
    Enforcement::Tally tally;
    auto result = ingestInTransaction(events, &tally);
    QSqlQuery q(m_db);
    if (result.ok() && !writeEnforcement(tally, q))
        return fail<IngestOutcome>(q);
    if (result.ok() && !tx.commit())
        return fail<IngestOutcome>(tx.beginQuery());
    return result;
}

QVector<StoreResult<IngestOutcome>>
SqliteStore::ingestEventBatches(const QVector<QVector<NewEvent>> &batches)
{
    // One transaction for all: one commit, and each index page written once for the lot.
    QVector<StoreResult<IngestOutcome>> results;
    results.reserve(batches.size());
    const auto failAll = [&](const StoreResult<IngestOutcome> &failure) {
        return QVector<StoreResult<IngestOutcome>>(batches.size(), failure);
    };
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return failAll(fail<IngestOutcome>(tx.beginQuery()));
    Enforcement::Tally tally;
    for (const QVector<NewEvent> &batch : batches) {
        auto result = ingestInTransaction(batch, &tally);
        if (!result.ok())
            return failAll(result);
        results.append(result);
    }
    {
        QSqlQuery q(m_db);
        if (!writeEnforcement(tally, q))
            return failAll(fail<IngestOutcome>(q));
    }
    if (!tx.commit())
        return failAll(fail<IngestOutcome>(tx.beginQuery()));
    // usage_recent is scanned by purges and summaries: never let it grow without bound.
    if (++m_ingestsSinceCheck >= RecentCheckEvery) {
        m_ingestsSinceCheck = 0;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_recent")) && q.next()
            && q.value(0).toLongLong() > RecentEventsLimit) {
            q.finish();
            moveRecentEvents(BusyTimeoutMs);
        }
    }
    return results;
}

StoreResult<IngestOutcome> SqliteStore::ingestInTransaction(const QVector<NewEvent> &events,
                                                            Enforcement::Tally *tally)
{
    using Result = StoreResult<IngestOutcome>;
    IngestOutcome outcome;
    if (events.isEmpty())
        return Result::success(outcome);
    // One statement prepared once, stepped per event through SQLite's own interface on Qt's
    // connection (the same transaction): no QVariant, no JSON, no copy of the strings, which
    // SQLite reads in place. The opt-out test is the insert's own condition, read under the
    // write lock taken by BEGIN IMMEDIATE, so no opt-out can commit between it and the insert.
    sqlite3 *handle = nativeHandle();
    if (!handle)
        return fail<IngestOutcome>(StoreStatus::Unavailable,
                                   QStringLiteral("the SQLite connection is not open"));
    if (!m_insertEvent) {
        static const char sql[]
            = "INSERT INTO usage_recent (org_id, user_id, source, name, at, received_at, "
              "properties) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 FROM "
              "optouts WHERE user_id = ?2)";
        if (sqlite3_prepare_v3(handle, sql, int(sizeof sql), SQLITE_PREPARE_PERSISTENT,
                               &m_insertEvent, nullptr)
            != SQLITE_OK) {
            m_insertEvent = nullptr;
            return failNative<IngestOutcome>(handle);
        }
    }
    sqlite3_stmt *insert = m_insertEvent;
    const auto bindText16 = [insert](int index, const QString &text) {
        return sqlite3_bind_text16(insert, index, text.utf16(), int(text.size() * 2),
                                   SQLITE_STATIC);
    };
    const QDateTime receivedTime = QDateTime::currentDateTimeUtc();
    const QByteArray received = toDbTime(receivedTime).toLatin1();
    // The counters of the organisation of the last event (a request's are all of one).
    QString countedOrg;
    Enforcement::Counts *counts = nullptr;
    QDateTime lastAt;
    QByteArray lastAtText;
    int rc = SQLITE_OK;
    for (const NewEvent &e : events) {
        if (e.at != lastAt || lastAtText.isEmpty()) { // events of one request share a few times
            lastAt = e.at;
            lastAtText = toDbTime(e.at).toLatin1();
        }
        const bool client = e.source == EventSource::Client;
        if (!counts || e.orgId != countedOrg) {
            countedOrg = e.orgId;
            counts = &tally->at(e.orgId, receivedTime);
        }
        if (e.discard) { // its user left the directory
            ++(client ? counts->discardedClient : counts->discardedServer);
            if (client)
                ++outcome.discarded;
            continue;
        }
        rc = bindText16(1, e.orgId);
        if (rc == SQLITE_OK)
            rc = bindText16(2, e.userId);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(insert, 3, client ? "client" : "server", 6, SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = bindText16(4, e.name);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(insert, 5, lastAtText.constData(), int(lastAtText.size()),
                                   SQLITE_STATIC);
        if (rc == SQLITE_OK)
            rc = sqlite3_bind_text(insert, 6, received.constData(), int(received.size()),
                                   SQLITE_STATIC);
        if (rc == SQLITE_OK) {
            rc = e.properties.isEmpty()
                ? sqlite3_bind_null(insert, 7)
                : sqlite3_bind_text(insert, 7, e.properties.constData(), int(e.properties.size()),
                                    SQLITE_STATIC);
        }
        if (rc == SQLITE_OK)
            rc = sqlite3_step(insert);
        if (rc != SQLITE_DONE)
            break;
        rc = SQLITE_OK;
        if (sqlite3_changes(handle) > 0) {
            ++outcome.stored;
            ++(client ? counts->acceptedClient : counts->acceptedServer);
        } else {
            ++(client ? counts->discardedClient : counts->discardedServer);
            if (client)
                ++outcome.discarded;
        }
        sqlite3_reset(insert);
    }
    // The bound buffers die with this call: leave no pointer to them in the statement.
    sqlite3_reset(insert);
    sqlite3_clear_bindings(insert);
    if (rc != SQLITE_OK)
        return failNative<IngestOutcome>(handle);
    return Result::success(outcome);
}

sqlite3 *SqliteStore::nativeHandle()
{
    if (!m_db.isOpen())
        return nullptr;
    const QVariant v = m_db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    sqlite3 *handle = *static_cast<sqlite3 *const *>(v.constData());
    if (handle != m_insertEventHandle) { // a new connection: statements of the old one are gone
        finalizeStatements();
        m_insertEventHandle = handle;
    }
    return handle;
}

void SqliteStore::finalizeStatements()
{
    sqlite3_finalize(m_insertEvent); // a no-op for nullptr
    m_insertEvent = nullptr;
    m_insertEventHandle = nullptr;
}

template<typename T> StoreResult<T> SqliteStore::failNative(sqlite3 *handle)
{
    // The same mapping as statusOf(): busy, locked, I/O error or unreachable file: Unavailable.
    const int code = sqlite3_errcode(handle) & 0xff;
    const bool unavailable = code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR
        || code == SQLITE_CANTOPEN;
    const bool refused = code == SQLITE_READONLY || code == SQLITE_FULL;
    return fail<T>(refused           ? StoreStatus::WriteRefused
                       : unavailable ? StoreStatus::Unavailable
                                     : StoreStatus::Failed,
                   QStringLiteral("inserting usage events: ")
                       + QString::fromUtf8(sqlite3_errmsg(handle)));
}

StoreResult<QVector<AuditRecord>> SqliteStore::audit(const AuditQuery &query)
{
    // Newest first by (at, id); each filter has an index led by (org_id, filter) and ending in
    // (at, id), so a page is an index range walked from its end, whatever the audit's size.
    AuditFilterSql filter
        = auditFilterSql(query, &toDbTime, QStringLiteral("?"), QStringLiteral("?"));
    const QString &where = filter.where;
    QVariantList &values = filter.values;
    values.append(query.limit);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.id, a.at, a.action, a.actor_id, ua.email, ua.name, "
                             "a.user_id, uu.email, uu.name, a.reason, a.count, a.request_id, "
                             "a.detail FROM audit a LEFT "
                             "JOIN users ua ON ua.id = a.actor_id LEFT JOIN users uu ON uu.id = "
                             "a.user_id WHERE %1 ORDER BY a.at DESC, a.id DESC LIMIT ?")
                  .arg(where));
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    if (!q.exec())
        return fail<QVector<AuditRecord>>(q);
    QVector<AuditRecord> entries;
    while (q.next()) {
        AuditRecord e;
        e.id = q.value(0).toLongLong();
        e.at = fromDbTime(q.value(1).toString());
        e.action = q.value(2).toString();
        e.actorId = q.value(3).toString();
        e.actorEmail = q.value(4).toString();
        e.actorName = q.value(5).toString();
        e.userId = q.value(6).toString();
        e.userEmail = q.value(7).toString();
        e.userName = q.value(8).toString();
        e.reason = q.value(9).toString();
        e.count = q.value(10).isNull() ? -1 : q.value(10).toLongLong();
        e.requestId = q.value(11).toString();
        e.detail = q.value(12).toString().toUtf8();
        entries.append(e);
    }
    return StoreResult<QVector<AuditRecord>>::success(std::move(entries));
}

StoreResult<QVector<UsageCountRecord>> SqliteStore::usageSummary(const QString &orgId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Both tables: the events maintain() has not moved yet count too (an opted-out user's are
    // hidden by the join, wherever they are).
    q.prepare(QStringLiteral(
        "SELECT e.user_id, SUM(e.source = 'client'), SUM(e.source = 'server'), "
        "MAX(e.received_at), o.user_id IS NOT NULL, o.purge_at FROM (SELECT user_id, source, "
        "received_at FROM usage_events WHERE org_id = ? UNION ALL SELECT user_id, source, "
        "received_at FROM usage_recent WHERE org_id = ?) e LEFT JOIN optouts o ON o.user_id = "
        "e.user_id GROUP BY e.user_id"));
    q.addBindValue(orgId);
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<QVector<UsageCountRecord>>(q);
    QVector<UsageCountRecord> counts;
    while (q.next()) {
        UsageCountRecord c {q.value(0).toString(),   q.value(1).toLongLong(),
                            q.value(2).toLongLong(), fromDbTime(q.value(3).toString()),
                            q.value(4).toBool(),     QDateTime()};
        if (!q.value(5).isNull())
            c.purgeAt = fromDbTime(q.value(5).toString());
        counts.append(c);
    }
    return StoreResult<QVector<UsageCountRecord>>::success(std::move(counts));
}

StoreResult<QVector<PurgeRecord>> SqliteStore::purgeDue(const QDateTime &now)
{
    using Result = StoreResult<QVector<PurgeRecord>>;
    const QString nowText = toDbTime(now);
    {
        // Most checks find nothing: a read, without the write lock.
        QSqlQuery peek(m_db);
        peek.prepare(QStringLiteral("SELECT 1 FROM optouts WHERE purge_at IS NOT NULL AND "
                                    "purge_at <= ? LIMIT 1"));
        peek.addBindValue(nowText);
        if (!peek.exec())
            return fail<QVector<PurgeRecord>>(peek);
        if (!peek.next())
            return Result::success({});
    }
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<QVector<PurgeRecord>>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT user_id, org_id FROM optouts WHERE purge_at IS NOT NULL AND "
                             "purge_at <= ? ORDER BY purge_at"));
    q.addBindValue(nowText);
    if (!q.exec())
        return fail<QVector<PurgeRecord>>(q);
    QVector<PurgeRecord> purged;
    while (q.next())
        purged.append(PurgeRecord {q.value(1).toString(), q.value(0).toString(), 0});
    q.finish();
    if (purged.isEmpty())
        return Result::success({});
    // Every stored event in usage_events, under this write lock: events stored before the
    // opt-out may still be in usage_recent.
    if (!moveRecentInTransaction(q))
        return fail<QVector<PurgeRecord>>(q);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<QVector<PurgeRecord>>(q);
    QSqlQuery del(m_db);
    QSqlQuery clear(m_db);
    QSqlQuery insertAudit(m_db);
    QSqlQuery bump(m_db);
    del.prepare(QStringLiteral("DELETE FROM usage_events WHERE org_id = ? AND user_id = ?"));
    clear.prepare(QStringLiteral("UPDATE optouts SET purge_at = NULL WHERE user_id = ?"));
    insertAudit.prepare(QStringLiteral("INSERT INTO audit (org_id, at, action, actor_id, user_id, "
                                       "count) VALUES (?, ?, 'purge', NULL, ?, ?)"));
    bump.prepare(
        QStringLiteral("UPDATE orgs SET revision = revision + 1, change_seq = ? WHERE id = ?"));
    QSet<QString> orgs;
    Enforcement::Tally tally;
    for (PurgeRecord &p : purged) {
        del.addBindValue(p.orgId);
        del.addBindValue(p.userId);
        if (!del.exec())
            return fail<QVector<PurgeRecord>>(del);
        p.count = del.numRowsAffected();
        tally.at(p.orgId, now).deletedEvents += p.count;
        clear.addBindValue(p.userId);
        if (!clear.exec())
            return fail<QVector<PurgeRecord>>(clear);
        insertAudit.addBindValue(p.orgId);
        insertAudit.addBindValue(nowText);
        insertAudit.addBindValue(p.userId);
        insertAudit.addBindValue(p.count);
        if (!insertAudit.exec())
            return fail<QVector<PurgeRecord>>(insertAudit);
        orgs.insert(p.orgId);
    }
    for (const QString &orgId : std::as_const(orgs)) {
        bump.addBindValue(changeSeq);
        bump.addBindValue(orgId);
        if (!bump.exec())
            return fail<QVector<PurgeRecord>>(bump);
    }
    if (!writeEnforcement(tally, q))
        return fail<QVector<PurgeRecord>>(q);
    if (!tx.commit())
        return fail<QVector<PurgeRecord>>(tx.beginQuery());
    return Result::success(std::move(purged));
}

StoreResult<QString> SqliteStore::createOrg(const QString &name, const QString &productName)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<QString>(tx.beginQuery());
    QSqlQuery q(m_db);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<QString>(q);
    qint64 next = 1;
    if (!q.exec(QStringLiteral("SELECT id FROM orgs")))
        return fail<QString>(q);
    while (q.next())
        next = std::max(next, idNumber(q.value(0).toString()) + 1);
    const QString id = QStringLiteral("o-%1").arg(next);
    q.prepare(QStringLiteral("INSERT INTO orgs (id, name, product_name, created_at, change_seq) "
                             "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(name);
    q.addBindValue(productName);
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(changeSeq);
    if (!q.exec())
        return fail<QString>(q);
    if (!tx.commit())
        return fail<QString>(tx.beginQuery());
    return StoreResult<QString>::success(id);
}

StoreResult<QStringList> SqliteStore::addUsers(const QString &orgId, const QVector<NewUser> &users)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<QStringList>(tx.beginQuery());
    QSqlQuery q(m_db);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<QStringList>(q);
    qint64 next = 1;
    if (!q.exec(QStringLiteral("SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM users"))
        || !q.next())
        return fail<QStringList>(q);
    next = q.value(0).toLongLong() + 1;
    q.finish();
    const QString now = toDbTime(QDateTime::currentDateTimeUtc());
    QSqlQuery insert(m_db);
    QSqlQuery token(m_db);
    insert.prepare(QStringLiteral("INSERT INTO users (id, org_id, email, name, roles, created_at, "
                                  "change_seq) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    token.prepare(QStringLiteral("INSERT INTO tokens (hash, user_id, demo, created_at, "
                                 "change_seq) VALUES (?, ?, ?, ?, ?)"));
    QStringList ids;
    ids.reserve(users.size());
    for (const NewUser &nu : users) {
        const QString id = QStringLiteral("u-%1").arg(next++);
        insert.addBindValue(id);
        insert.addBindValue(orgId);
        insert.addBindValue(nu.email);
        insert.addBindValue(nu.name);
        insert.addBindValue(nu.roles.join(QLatin1Char(',')));
        insert.addBindValue(now);
        insert.addBindValue(changeSeq);
        if (!insert.exec())
            return fail<QStringList>(insert);
        if (!nu.tokenHash.isEmpty()) {
            token.addBindValue(QString::fromLatin1(nu.tokenHash));
            token.addBindValue(id);
            token.addBindValue(nu.demoToken ? 1 : 0);
            token.addBindValue(now);
            token.addBindValue(changeSeq);
            if (!token.exec())
                return fail<QStringList>(token);
        }
        ids.append(id);
    }
    q.prepare(QStringLiteral(
        "UPDATE orgs SET users_revision = users_revision + 1, change_seq = ? WHERE id = ?"));
    q.addBindValue(changeSeq);
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<QStringList>(q);
    if (q.numRowsAffected() != 1)
        return fail<QStringList>(StoreStatus::Failed,
                                 QStringLiteral("no organisation %1").arg(orgId));
    // The domain rules cover the new addresses at once, as they cover a directory's new user.
    QHash<QString, QStringList> byDomain;
    for (int i = 0; i < ids.size(); ++i)
        byDomain[emailDomain(users.at(i).email)].append(ids.at(i));
    QVector<StoredRule> rules;
    if (!rulesOf(q, orgId, QStringLiteral("emailDomain"), byDomain.keys(), &rules))
        return fail<QStringList>(q);
    if (!rules.isEmpty()) {
        QVector<CoverDelta> deltas;
        for (const StoredRule &rule : std::as_const(rules))
            deltas.append({rule, byDomain.value(rule.domain), {}});
        CoverState covers;
        covers.now = QDateTime::currentDateTimeUtc();
        if (!applyCovers(q, orgId, deltas, covers, {}, changeSeq, false, nullptr, nullptr))
            return fail<QStringList>(q);
    }
    if (!tx.commit())
        return fail<QStringList>(tx.beginQuery());
    return StoreResult<QStringList>::success(ids);
}

StoreResult<bool> SqliteStore::addToken(const StoredToken &token)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<bool>(tx.beginQuery());
    QSqlQuery q(m_db);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<bool>(q);
    q.prepare(QStringLiteral("INSERT INTO tokens (hash, user_id, demo, created_at, change_seq, "
                             "expires_at) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(QString::fromLatin1(token.hash));
    q.addBindValue(token.userId);
    q.addBindValue(token.demo ? 1 : 0);
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(changeSeq);
    q.addBindValue(token.expiresAt.isValid() ? QVariant(toDbTime(token.expiresAt))
                                             : QVariant(QMetaType(QMetaType::QString)));
    if (!q.exec())
        return fail<bool>(q);
    if (!tx.commit())
        return fail<bool>(tx.beginQuery());
    return StoreResult<bool>::success(true);
}

StoreResult<bool> SqliteStore::revokeToken(const QByteArray &hash)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<bool>(tx.beginQuery());
    QSqlQuery q(m_db);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<bool>(q);
    q.prepare(QStringLiteral("UPDATE tokens SET revoked_at = ?, change_seq = ? WHERE hash = ? AND "
                             "revoked_at IS NULL"));
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(changeSeq);
    q.addBindValue(QString::fromLatin1(hash));
    if (!q.exec())
        return fail<bool>(q);
    const bool revoked = q.numRowsAffected() == 1;
    if (!tx.commit())
        return fail<bool>(tx.beginQuery());
    return StoreResult<bool>::success(revoked);
}

StoreResult<bool> SqliteStore::recordTokenUse(const QByteArray &hash, const QDateTime &minute)
{
    // Not a change the caches follow: no change number.
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<bool>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE hash = ? AND "
                             "(last_used_at IS NULL OR last_used_at < ?)"));
    const QString at = toDbTime(minute);
    q.addBindValue(at);
    q.addBindValue(QString::fromLatin1(hash));
    q.addBindValue(at);
    if (!q.exec())
        return fail<bool>(q);
    const bool changed = q.numRowsAffected() == 1;
    if (!tx.commit())
        return fail<bool>(tx.beginQuery());
    return StoreResult<bool>::success(changed);
}

StoreResult<QVector<TokenListing>> SqliteStore::tokensOf(const QString &orgId)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT u.email, t.demo, t.created_at, t.expires_at, t.last_used_at "
                             "FROM tokens t JOIN users u ON u.id = t.user_id WHERE u.org_id = ? "
                             "AND t.revoked_at IS NULL ORDER BY lower(u.email), t.created_at"));
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<QVector<TokenListing>>(q);
    QVector<TokenListing> tokens;
    const auto time = [&q](int column) {
        return q.value(column).isNull() ? QDateTime() : fromDbTime(q.value(column).toString());
    };
    while (q.next())
        tokens.append({q.value(0).toString(), q.value(1).toBool(), time(2), time(3), time(4)});
    return StoreResult<QVector<TokenListing>>::success(std::move(tokens));
}

StoreResult<QStringList> SqliteStore::setOidcConfig(const OidcConfig &config)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<QStringList>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QStringList taken;
    for (const QString &domain : config.emailDomains) {
        q.prepare(QStringLiteral("SELECT 1 FROM oidc_domains WHERE domain = ? AND org_id <> ?"));
        q.addBindValue(domain);
        q.addBindValue(config.orgId);
        if (!q.exec())
            return fail<QStringList>(q);
        if (q.next())
            taken.append(domain);
    }
    if (!taken.isEmpty())
        return StoreResult<QStringList>::success(taken); // rolled back: nothing written
    const auto run = [&q](const QString &sql, const QVariantList &values) {
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec();
    };
    if (!run(QStringLiteral("DELETE FROM oidc_domains WHERE org_id = ?"), {config.orgId})
        || !run(QStringLiteral("INSERT INTO oidc_configs (org_id, issuer, client_id) VALUES (?, "
                               "?, ?) ON CONFLICT (org_id) DO UPDATE SET issuer = "
                               "excluded.issuer, client_id = excluded.client_id"),
                {config.orgId, config.issuer, config.clientId}))
        return fail<QStringList>(q);
    for (const QString &domain : config.emailDomains) {
        if (!run(QStringLiteral("INSERT INTO oidc_domains (domain, org_id) VALUES (?, ?)"),
                 {domain, config.orgId}))
            return fail<QStringList>(q);
    }
    if (!tx.commit())
        return fail<QStringList>(tx.beginQuery());
    return StoreResult<QStringList>::success({});
}

StoreResult<bool> SqliteStore::unsetOidcConfig(const QString &orgId)
{
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<bool>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM oidc_domains WHERE org_id = ?"));
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<bool>(q);
    q.prepare(QStringLiteral("DELETE FROM oidc_configs WHERE org_id = ?"));
    q.addBindValue(orgId);
    if (!q.exec())
        return fail<bool>(q);
    const bool removed = q.numRowsAffected() == 1;
    if (!tx.commit())
        return fail<bool>(tx.beginQuery());
    return StoreResult<bool>::success(removed);
}

StoreResult<QVector<OidcConfig>> SqliteStore::oidcConfigs()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.org_id, c.issuer, c.client_id, d.domain FROM "
                               "oidc_configs c LEFT JOIN oidc_domains d ON d.org_id = c.org_id "
                               "ORDER BY c.org_id, d.domain")))
        return fail<QVector<OidcConfig>>(q);
    QVector<OidcConfig> configs;
    while (q.next()) {
        if (configs.isEmpty() || configs.last().orgId != q.value(0).toString())
            configs.append(OidcConfig {
                q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), {}});
        if (!q.value(3).isNull())
            configs.last().emailDomains.append(q.value(3).toString());
    }
    return StoreResult<QVector<OidcConfig>>::success(std::move(configs));
}

StoreResult<DirectoryUserOutcome> SqliteStore::writeDirectoryUser(const DirectoryUserChange &change)
{
    using Result = StoreResult<DirectoryUserOutcome>;
    using Kind = DirectoryUserOutcome::Kind;
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<DirectoryUserOutcome>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Who holds this e-mail address in the organisation now (case-insensitive, as SCIM's
    // userName).
    q.prepare(QStringLiteral("SELECT id, deleted FROM users WHERE org_id = ? AND lower(email) = "
                             "lower(?) ORDER BY deleted LIMIT 1"));
    q.addBindValue(change.orgId);
    q.addBindValue(change.email);
    if (!q.exec())
        return fail<DirectoryUserOutcome>(q);
    QString holder;
    bool holderDeleted = false;
    if (q.next()) {
        holder = q.value(0).toString();
        holderDeleted = q.value(1).toBool();
    }
    q.finish();
    DirectoryUserOutcome outcome;
    QString id = change.userId;
    if (change.kind == DirectoryUserChange::Kind::Create) {
        if (!holder.isEmpty() && !holderDeleted) {
            outcome.kind = Kind::Conflict;
            return Result::success(outcome);
        }
        id = holder; // a deleted user created again keeps its id
    } else {
        q.prepare(
            QStringLiteral("SELECT 1 FROM users WHERE id = ? AND org_id = ? AND deleted = 0"));
        q.addBindValue(change.userId);
        q.addBindValue(change.orgId);
        if (!q.exec())
            return fail<DirectoryUserOutcome>(q);
        const bool found = q.next();
        q.finish();
        if (!found) {
            outcome.kind = Kind::NotFound;
            return Result::success(outcome);
        }
        if (!holder.isEmpty() && holder != change.userId && !holderDeleted) {
            outcome.kind = Kind::Conflict;
            return Result::success(outcome);
        }
        if (!holder.isEmpty() && holder != change.userId) {
            // A deleted user's old address taken by another: the deleted one lets go of it.
            q.prepare(QStringLiteral("UPDATE users SET email = id || '.deleted.' || email WHERE id "
                                     "= ?"));
            q.addBindValue(holder);
            if (!q.exec())
                return fail<DirectoryUserOutcome>(q);
        }
    }
    QString emailBefore; // of the user changed (none for a new one)
    bool deletedBefore = false;
    if (!id.isEmpty()) {
        q.prepare(QStringLiteral("SELECT email, deleted FROM users WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return fail<DirectoryUserOutcome>(q);
        if (q.next()) {
            emailBefore = q.value(0).toString();
            deletedBefore = q.value(1).toBool();
        }
        q.finish();
    }
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<DirectoryUserOutcome>(q);
    const bool active = change.active && !change.deleted;
    if (id.isEmpty()) {
        if (!q.exec(QStringLiteral("SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM users"))
            || !q.next())
            return fail<DirectoryUserOutcome>(q);
        id = QStringLiteral("u-%1").arg(q.value(0).toLongLong() + 1);
        q.finish();
        q.prepare(QStringLiteral("INSERT INTO users (id, org_id, email, name, roles, created_at, "
                                 "change_seq, active, deleted, external_id) VALUES (?, ?, ?, ?, "
                                 "'user', ?, ?, ?, 0, ?)"));
        q.addBindValue(id);
        q.addBindValue(change.orgId);
        q.addBindValue(change.email);
        q.addBindValue(change.name);
        q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
        q.addBindValue(changeSeq);
        q.addBindValue(active ? 1 : 0);
        q.addBindValue(change.externalId.isEmpty() ? QVariant() : QVariant(change.externalId));
        outcome.created = true;
    } else {
        q.prepare(QStringLiteral("UPDATE users SET email = ?, name = ?, external_id = ?, active = "
                                 "?, deleted = ?, change_seq = ? WHERE id = ?"));
        q.addBindValue(change.email);
        q.addBindValue(change.name);
        q.addBindValue(change.externalId.isEmpty() ? QVariant() : QVariant(change.externalId));
        q.addBindValue(active ? 1 : 0);
        q.addBindValue(change.deleted ? 1 : 0);
        q.addBindValue(changeSeq);
        q.addBindValue(id);
    }
    if (!q.exec())
        return fail<DirectoryUserOutcome>(q);
    // A user deleted, or created again, leaves or rejoins the member counts of its groups.
    const bool deletedAfter = change.deleted;
    if (deletedBefore != deletedAfter) {
        q.prepare(QStringLiteral("UPDATE groups SET member_count = member_count + ? WHERE id IN "
                                 "(SELECT group_id FROM group_members WHERE user_id = ?)"));
        q.addBindValue(deletedAfter ? -1 : 1);
        q.addBindValue(id);
        if (!q.exec())
            return fail<DirectoryUserOutcome>(q);
    }
    q.prepare(QStringLiteral(
        "UPDATE orgs SET users_revision = users_revision + 1, change_seq = ? WHERE id = ?"));
    q.addBindValue(changeSeq);
    q.addBindValue(change.orgId);
    if (!q.exec())
        return fail<DirectoryUserOutcome>(q);
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(QLatin1String(UserColumns)));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return fail<DirectoryUserOutcome>(q);
    outcome.user = userFrom(q);
    q.finish();
    // A new address in another domain: the domain rules follow it.
    const QString domainBefore = emailDomain(emailBefore);
    const QString domainAfter = emailDomain(outcome.user.email);
    if (domainBefore != domainAfter) {
        QVector<StoredRule> rules;
        if (!rulesOf(q, change.orgId, QStringLiteral("emailDomain"), {domainBefore, domainAfter},
                     &rules))
            return fail<DirectoryUserOutcome>(q);
        QVector<CoverDelta> deltas;
        for (const StoredRule &rule : std::as_const(rules)) {
            if (rule.domain == domainAfter)
                deltas.append({rule, {id}, {}});
            else
                deltas.append({rule, {}, {id}});
        }
        CoverState covers;
        covers.now = QDateTime::currentDateTimeUtc();
        covers.purgeAfterSeconds = change.purgeAfterSeconds;
        if (!deltas.isEmpty()
            && !applyCovers(q, change.orgId, deltas, covers, change.requestId, changeSeq, false,
                            nullptr, nullptr))
            return fail<DirectoryUserOutcome>(q);
    }
    q.prepare(QStringLiteral("SELECT users_revision FROM orgs WHERE id = ?"));
    q.addBindValue(change.orgId);
    if (!q.exec() || !q.next())
        return fail<DirectoryUserOutcome>(q);
    outcome.usersRevision = q.value(0).toLongLong();
    outcome.changeSeq = changeSeq;
    q.finish();
    if (!tx.commit())
        return fail<DirectoryUserOutcome>(tx.beginQuery());
    return Result::success(outcome);
}

namespace {

const char *const RuleColumns
    = "r.id, r.org_id, r.kind, r.target, COALESCE(g.display_name, ''), COALESCE(r.reason, ''), "
      "r.created_at, r.created_by";

StoredRule ruleFrom(const QSqlQuery &q)
{
    StoredRule r;
    r.id = q.value(0).toString();
    r.orgId = q.value(1).toString();
    r.kind = q.value(2).toString() == QLatin1String("group") ? StoredRule::Kind::Group
                                                             : StoredRule::Kind::EmailDomain;
    if (r.kind == StoredRule::Kind::Group) {
        r.groupId = q.value(3).toString();
        r.groupName = q.value(4).toString();
    } else {
        r.domain = q.value(3).toString();
    }
    r.reason = q.value(5).toString();
    r.createdAt = fromDbTime(q.value(6).toString());
    r.createdBy = q.value(7).toString();
    return r;
}

} // namespace

bool SqliteStore::readRules(QSqlQuery &q, const QString &orgId, QVector<StoredRule> *rules)
{
    q.prepare(QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON r.kind = "
                             "'group' AND g.id = r.target WHERE (? = '' OR r.org_id = ?) ORDER "
                             "BY CAST(substr(r.id, 3) AS INTEGER)")
                  .arg(QLatin1String(RuleColumns)));
    q.addBindValue(orgId.isNull() ? QStringLiteral("") : orgId);
    q.addBindValue(orgId.isNull() ? QStringLiteral("") : orgId);
    if (!q.exec())
        return false;
    while (q.next())
        rules->append(ruleFrom(q));
    q.finish();
    return true;
}

bool SqliteStore::writeAudit(QSqlQuery &, const QString &orgId, const QString &requestId,
                             const QVector<PlannedAuditEntry> &entries)
{
    if (entries.isEmpty())
        return true;
    // Through SQLite's own interface, one prepared statement: a rule's 50,000 entries cost Qt
    // Sql's per-statement overhead many times what SQLite spends on them.
    sqlite3 *handle = nativeHandle();
    sqlite3_stmt *insert = nullptr;
    if (!handle
        || sqlite3_prepare_v2(handle,
                              "INSERT INTO audit (org_id, at, action, actor_id, user_id, reason, "
                              "count, request_id, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                              "?9)",
                              -1, &insert, nullptr)
            != SQLITE_OK) {
        qCWarning(lcSqlite) << "statement failed:" << (handle ? sqlite3_errmsg(handle) : "");
        return false;
    }
    const auto finalize = qScopeGuard([insert] { sqlite3_finalize(insert); });
    const auto text = [insert](int column, const QByteArray &utf8) {
        if (utf8.isEmpty())
            sqlite3_bind_null(insert, column);
        else
            sqlite3_bind_text(insert, column, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    };
    // The same for every entry (bindings outlive sqlite3_reset).
    text(1, orgId.toUtf8());
    text(8, requestId.toUtf8());
    QDateTime lastAt;
    QByteArray at;
    for (const PlannedAuditEntry &a : entries) {
        if (a.at != lastAt) { // one request's entries share their time
            lastAt = a.at;
            at = toDbTime(a.at).toUtf8();
        }
        text(2, at);
        text(3, a.action.toUtf8());
        text(4, a.actorId.toUtf8());
        text(5, a.userId.toUtf8());
        text(6, a.reason.toUtf8());
        if (a.count < 0)
            sqlite3_bind_null(insert, 7);
        else
            sqlite3_bind_int64(insert, 7, a.count);
        text(9, a.detail);
        if (sqlite3_step(insert) != SQLITE_DONE) {
            qCWarning(lcSqlite) << "statement failed:" << sqlite3_errmsg(handle);
            return false;
        }
        sqlite3_reset(insert);
    }
    return true;
}

// ---- Groups (SCIM Groups): the state planGroupChange() needs, and its plan written ----------

namespace {

// Runs `sql` (with one %1 where the list of `ids` goes, as in "id IN (%1)") once, the ids as one
// JSON array parameter read by json_each (a statement with thousands of placeholders costs Qt
// Sql far more than SQLite), binding `before` first; `row` sees each result row. False with `q`
// holding the failed statement.
template<typename Row>
bool forChunks(QSqlQuery &q, const QString &sql, const QVariantList &before, const QStringList &ids,
               Row row)
{
    if (ids.isEmpty())
        return true;
    q.prepare(sql.arg(QStringLiteral("SELECT value FROM json_each(?)")));
    for (const QVariant &v : before)
        q.addBindValue(v);
    q.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return false;
    while (q.next())
        row(q);
    q.finish();
    return true;
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

const char *const GroupColumns
    = "g.id, g.org_id, g.display_name, g.external_id, g.created_at, g.member_count";

StoredGroup groupFrom(const QSqlQuery &q)
{
    StoredGroup g;
    g.id = q.value(0).toString();
    g.orgId = q.value(1).toString();
    g.displayName = q.value(2).toString();
    g.externalId = q.value(3).toString();
    g.createdAt = fromDbTime(q.value(4).toString());
    g.memberCount = q.value(5).toLongLong();
    return g;
}

bool readMembers(QSqlQuery &q, StoredGroup *group)
{
    q.prepare(QStringLiteral("SELECT user_id FROM group_members WHERE group_id = ? ORDER BY "
                             "user_id"));
    q.addBindValue(group->id);
    if (!q.exec())
        return false;
    group->memberIds.clear();
    while (q.next())
        group->memberIds.append(q.value(0).toString());
    q.finish();
    return true;
}

} // namespace

StoreResult<GroupChangeOutcome> SqliteStore::writeDirectoryGroup(const GroupChangeRequest &request)
{
    using Result = StoreResult<GroupChangeOutcome>;
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<GroupChangeOutcome>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    GroupState state;
    if (request.kind != GroupChangeRequest::Kind::Create) {
        q.prepare(QStringLiteral("SELECT %1 FROM groups g WHERE g.id = ? AND g.org_id = ?")
                      .arg(QLatin1String(GroupColumns)));
        q.addBindValue(request.groupId);
        q.addBindValue(request.orgId);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
        if (q.next()) {
            state.exists = true;
            state.group = groupFrom(q);
        }
        q.finish();
        if (state.exists && !readMembers(q, &state.group))
            return fail<GroupChangeOutcome>(q);
    }
    if (request.displayName) {
        q.prepare(QStringLiteral("SELECT 1 FROM groups WHERE org_id = ? AND display_name = ? AND "
                                 "id <> ?"));
        q.addBindValue(request.orgId);
        q.addBindValue(*request.displayName);
        q.addBindValue(request.groupId.isNull() ? QStringLiteral("") : request.groupId);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
        state.nameTaken = q.next();
        q.finish();
    }
    // Users the directory shows: the organisation's, not deleted, not service accounts. By id
    // only: with "org_id = ?" too the planner may walk the organisation's index instead.
    if (!forChunks(q,
                   QStringLiteral("SELECT id, org_id, deleted, roles FROM users WHERE id IN (%1)"),
                   {}, namedUserIds(request), [&](const QSqlQuery &row) {
                       const QString roles = row.value(3).toString();
                       if (row.value(1).toString() == request.orgId && !row.value(2).toBool()
                           && !roles.contains(QLatin1String("tracking_service"))
                           && !roles.contains(QLatin1String("directory_sync")))
                           state.knownUserIds.insert(row.value(0).toString());
                   }))
        return fail<GroupChangeOutcome>(q);

    const GroupPlan plan = planGroupChange(request, state);
    GroupChangeOutcome outcome = plan.outcome();
    if (plan.kind != GroupPlan::Kind::Applied || !plan.changes())
        return Result::success(outcome);
    // The group's rule, if it has one: its members' opt-outs follow the change.
    QVector<StoredRule> groupRules;
    if (state.exists
        && !rulesOf(q, request.orgId, QStringLiteral("group"), {request.groupId}, &groupRules))
        return fail<GroupChangeOutcome>(q);
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0)
        return fail<GroupChangeOutcome>(q);
    outcome.changeSeq = changeSeq;
    // A change to the groups is a change to the users' directory: the change stream says so.
    q.prepare(QStringLiteral("UPDATE orgs SET users_revision = users_revision + 1, change_seq = ? "
                             "WHERE id = ?"));
    q.addBindValue(changeSeq);
    q.addBindValue(request.orgId);
    if (!q.exec())
        return fail<GroupChangeOutcome>(q);
    q.prepare(QStringLiteral("SELECT users_revision FROM orgs WHERE id = ?"));
    q.addBindValue(request.orgId);
    if (!q.exec() || !q.next())
        return fail<GroupChangeOutcome>(q);
    outcome.usersRevision = q.value(0).toLongLong();
    q.finish();
    if (plan.deleteGroup) {
        q.prepare(QStringLiteral("DELETE FROM group_members WHERE group_id = ?"));
        q.addBindValue(request.groupId);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
        q.prepare(QStringLiteral("DELETE FROM groups WHERE id = ?"));
        q.addBindValue(request.groupId);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
    } else if (request.kind == GroupChangeRequest::Kind::Create) {
        if (!q.exec(QStringLiteral("SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM groups"))
            || !q.next())
            return fail<GroupChangeOutcome>(q);
        outcome.group.id = QStringLiteral("g-%1").arg(q.value(0).toLongLong() + 1);
        q.finish();
        outcome.group.createdAt
            = QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC);
        q.prepare(QStringLiteral("INSERT INTO groups (id, org_id, display_name, external_id, "
                                 "created_at, change_seq) VALUES (?, ?, ?, ?, ?, ?)"));
        q.addBindValue(outcome.group.id);
        q.addBindValue(request.orgId);
        q.addBindValue(outcome.group.displayName);
        q.addBindValue(textOrNull(outcome.group.externalId));
        q.addBindValue(toDbTime(outcome.group.createdAt));
        q.addBindValue(changeSeq);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
    } else {
        q.prepare(QStringLiteral("UPDATE groups SET display_name = ?, external_id = ?, "
                                 "change_seq = ? WHERE id = ?"));
        q.addBindValue(outcome.group.displayName);
        q.addBindValue(textOrNull(outcome.group.externalId));
        q.addBindValue(changeSeq);
        q.addBindValue(request.groupId);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
    }
    if (!plan.deleteGroup) {
        if (!forChunks(
                q,
                QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND user_id IN (%1)"),
                {request.groupId}, plan.removed, [](const QSqlQuery &) {}))
            return fail<GroupChangeOutcome>(q);
        q.prepare(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES (?, ?)"));
        for (const QString &id : plan.added) {
            q.addBindValue(outcome.group.id);
            q.addBindValue(id);
            if (!q.exec())
                return fail<GroupChangeOutcome>(q);
        }
        // The member count, in the same transaction: those added are in the directory (the
        // plan took only such users); those removed counted unless deleted.
        qint64 removedCounted = 0;
        if (!forChunks(
                q, QStringLiteral("SELECT COUNT(*) FROM users WHERE deleted = 0 AND id IN (%1)"),
                {}, plan.removed,
                [&](const QSqlQuery &row) { removedCounted = row.value(0).toLongLong(); }))
            return fail<GroupChangeOutcome>(q);
        q.prepare(QStringLiteral("UPDATE groups SET member_count = member_count + ? WHERE id = ?"));
        q.addBindValue(qint64(plan.added.size()) - removedCounted);
        q.addBindValue(outcome.group.id);
        if (!q.exec())
            return fail<GroupChangeOutcome>(q);
        q.prepare(QStringLiteral("SELECT member_count FROM groups WHERE id = ?"));
        q.addBindValue(outcome.group.id);
        if (!q.exec() || !q.next())
            return fail<GroupChangeOutcome>(q);
        outcome.group.memberCount = q.value(0).toLongLong();
        q.finish();
    }
    if (!groupRules.isEmpty()) {
        StoredRule rule = groupRules.constFirst();
        rule.groupName = plan.deleteGroup ? rule.groupName : outcome.group.displayName;
        CoverState covers;
        covers.now = QDateTime::currentDateTimeUtc();
        covers.purgeAfterSeconds = request.purgeAfterSeconds;
        if (plan.deleteGroup) {
            // The group is gone from the directory: so is its rule (the directory's doing).
            q.prepare(QStringLiteral("DELETE FROM optout_rules WHERE id = ?"));
            q.addBindValue(rule.id);
            if (!q.exec())
                return fail<GroupChangeOutcome>(q);
        }
        CoverPlan coverPlan;
        if (!applyCovers(q, request.orgId, {CoverDelta {rule, plan.added, plan.removed}}, covers,
                         request.requestId, changeSeq, plan.deleteGroup || plan.fieldsChanged,
                         &coverPlan, &outcome.covers))
            return fail<GroupChangeOutcome>(q);
        if (plan.deleteGroup
            && !writeAudit(q, request.orgId, request.requestId,
                           {{covers.now,
                             QStringLiteral("rule_deleted"),
                             {},
                             {},
                             rule.reason,
                             coverPlan.optedIn(),
                             ruleDetailJson(rule)}}))
            return fail<GroupChangeOutcome>(q);
    }
    if (!tx.commit())
        return fail<GroupChangeOutcome>(tx.beginQuery());
    return Result::success(outcome);
}

StoreResult<GroupPage> SqliteStore::directoryGroups(const GroupQuery &query)
{
    // One read transaction: the version, the count, the page and its members see one state.
    if (!exec(QStringLiteral("BEGIN")))
        return fail<GroupPage>(StoreStatus::Unavailable, QStringLiteral("BEGIN failed"));
    const auto rollback = qScopeGuard([this] { exec(QStringLiteral("ROLLBACK")); });
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    const GroupFilterSql filter = groupFilterSql(query);
    const QString &where = filter.where;
    const QVariantList &values = filter.values;
    GroupPage page;
    q.prepare(QStringLiteral("SELECT users_revision, revision FROM orgs WHERE id = ?"));
    q.addBindValue(query.orgId);
    if (!q.exec())
        return fail<GroupPage>(q);
    page.version = q.next() ? groupsVersion(q.value(0).toLongLong(), q.value(1).toLongLong())
                            : groupsVersion(0, 0);
    q.finish();
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM groups g WHERE %1").arg(where));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return fail<GroupPage>(q);
    page.total = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("SELECT %1 FROM groups g WHERE %2 ORDER BY g.display_name, g.id "
                             "LIMIT ? OFFSET ?")
                  .arg(QLatin1String(GroupColumns), where));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(query.limit);
    q.addBindValue(query.offset);
    if (!q.exec())
        return fail<GroupPage>(q);
    while (q.next())
        page.groups.append(groupFrom(q));
    q.finish();
    if (query.withMembers) {
        for (StoredGroup &g : page.groups) {
            if (!readMembers(q, &g))
                return fail<GroupPage>(q);
        }
    }
    return StoreResult<GroupPage>::success(std::move(page));
}

StoreResult<UserGroups> SqliteStore::groupsOfUsers(const QString &orgId, const QStringList &userIds)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    UserGroups groups;
    if (!forChunks(q,
                   QStringLiteral("SELECT m.user_id, g.id, g.display_name FROM group_members m "
                                  "JOIN groups g ON g.id = m.group_id WHERE g.org_id = ? AND "
                                  "m.user_id IN (%1) ORDER BY g.display_name, g.id"),
                   {orgId}, userIds, [&](const QSqlQuery &row) {
                       groups[row.value(0).toString()].append(
                           {row.value(1).toString(), row.value(2).toString()});
                   }))
        return fail<UserGroups>(q);
    return StoreResult<UserGroups>::success(std::move(groups));
}

// ---- Opt-out rules: the state planCoverChange() needs, and its plan written ------------------

bool SqliteStore::applyCovers(QSqlQuery &q, const QString &orgId, const QVector<CoverDelta> &deltas,
                              CoverState state, const QString &requestId, qint64 changeSeq,
                              bool stepRevision, CoverPlan *planOut, CoverChanges *changes)
{
    if (!state.rowsRead
        && !forChunks(q,
                      QStringLiteral("SELECT %1 FROM optouts WHERE user_id IN (%2)")
                          .arg(QLatin1String(OptOutColumns), QStringLiteral("%1")),
                      {}, coverUsers(deltas), [&](const QSqlQuery &row) {
                          StoredOptOut o = optOutFrom(row);
                          state.rows.insert(o.userId, o);
                      }))
        return false;
    // The stored events of those a rule newly opts out: all in usage_events once the recent ones
    // are moved there; counted when deleted now, else only whether there are any (one index
    // look-up per user, however many events they have).
    const QStringList counted = coverEventCountsNeeded(deltas, state.rows);
    if (!counted.isEmpty()) {
        if (!moveRecentInTransaction(q))
            return false;
        const bool count = coverDeletesEventsNow(state);
        if (!forChunks(q,
                       count ? QStringLiteral("SELECT j.value, (SELECT COUNT(*) FROM usage_events "
                                              "e WHERE e.org_id = ? AND e.user_id = j.value) "
                                              "FROM (%1) j")
                             : QStringLiteral("SELECT j.value, 1 FROM (SELECT ? AS org) o JOIN "
                                              "(%1) j WHERE EXISTS (SELECT 1 FROM usage_events e "
                                              "WHERE e.org_id = o.org AND e.user_id = j.value)"),
                       {orgId}, counted, [&](const QSqlQuery &row) {
                           if (const qint64 n = row.value(1).toLongLong(); n > 0)
                               state.storedEvents.insert(row.value(0).toString(), n);
                       }))
            return false;
    }
    CoverPlan plan = planCoverChange(deltas, state);
    if (plan.changes()) {
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) + 1 FROM optouts")) || !q.next())
            return false;
        qint64 seq = q.value(0).toLongLong();
        q.finish();
        // Through SQLite's own interface, one prepared statement: Qt Sql's cost per executed
        // statement, not SQLite's, dominates 50,000 single-row inserts.
        sqlite3 *handle = nativeHandle();
        sqlite3_stmt *insert = nullptr;
        if (!handle
            || sqlite3_prepare_v2(
                   handle,
                   "INSERT INTO optouts (user_id, org_id, opted_out_at, opted_out_by, "
                   "seq, reason, purge_at, individual, rule_ids) VALUES (?1, ?2, ?3, "
                   "?4, ?5, ?6, ?7, 0, ?8)",
                   -1, &insert, nullptr)
                != SQLITE_OK) {
            qCWarning(lcSqlite) << "statement failed:" << (handle ? sqlite3_errmsg(handle) : "");
            return false;
        }
        const auto finalize = qScopeGuard([insert] { sqlite3_finalize(insert); });
        const auto text = [insert](int column, const QString &value) {
            if (value.isEmpty() && column != 8) {
                sqlite3_bind_null(insert, column);
                return;
            }
            const QByteArray utf8 = value.toUtf8();
            sqlite3_bind_text(insert, column, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        };
        // A rule's rows share their time, author, reason and rules: each written out once, not
        // once per row (formatting a time costs more than SQLite's insert of it).
        struct Repeated
        {
            QString last;
            bool set = false;
            bool same(const QString &value)
            {
                if (set && value == last)
                    return true;
                last = value;
                set = true;
                return false;
            }
        };
        Repeated by, reason, rules;
        QDateTime lastAt, lastPurgeAt;
        bool purgeAtSet = false;
        text(2, orgId);
        // Numbered in the plan's order, written in the order of the user ids: the primary key's
        // pages are then filled one after the other rather than all over again.
        QVector<qsizetype> order(plan.inserts.size());
        for (qsizetype i = 0; i < plan.inserts.size(); ++i) {
            plan.inserts[i].seq = seq++;
            order[i] = i;
        }
        std::sort(order.begin(), order.end(), [&plan](qsizetype a, qsizetype b) {
            return plan.inserts.at(a).userId < plan.inserts.at(b).userId;
        });
        for (const qsizetype i : std::as_const(order)) {
            const StoredOptOut &o = plan.inserts.at(i);
            text(1, o.userId);
            if (o.at != lastAt || !lastAt.isValid()) {
                lastAt = o.at;
                text(3, toDbTime(o.at));
            }
            if (!by.same(o.byUserId))
                text(4, o.byUserId);
            sqlite3_bind_int64(insert, 5, o.seq);
            if (!reason.same(o.reason))
                text(6, o.reason);
            if (!purgeAtSet || o.purgeAt != lastPurgeAt) {
                purgeAtSet = true;
                lastPurgeAt = o.purgeAt;
                text(7, o.purgeAt.isValid() ? toDbTime(o.purgeAt) : QString());
            }
            const QString ruleList = o.ruleIds.join(QLatin1Char(','));
            if (!rules.same(ruleList))
                text(8, ruleList);
            if (sqlite3_step(insert) != SQLITE_DONE) {
                qCWarning(lcSqlite) << "statement failed:" << sqlite3_errmsg(handle);
                return false;
            }
            sqlite3_reset(insert);
        }

        q.prepare(QStringLiteral("UPDATE optouts SET rule_ids = ? WHERE user_id = ?"));
        for (const auto &[id, rules] : std::as_const(plan.ruleUpdates)) {
            q.addBindValue(rules.isEmpty() ? QStringLiteral("") : rules.join(QLatin1Char(',')));
            q.addBindValue(id);
            if (!q.exec())
                return false;
        }
        if (!forChunks(q, QStringLiteral("DELETE FROM optouts WHERE user_id IN (%1)"), {},
                       plan.deletes, [](const QSqlQuery &) {}))
            return false;
        qint64 deleted = 0;
        for (const char *table : {"usage_events", "usage_recent"}) {
            q.prepare(QStringLiteral("DELETE FROM %1 WHERE org_id = ? AND user_id = ?")
                          .arg(QLatin1String(table)));
            for (const auto &[id, count] : std::as_const(plan.purges)) {
                q.addBindValue(orgId);
                q.addBindValue(id);
                if (!q.exec())
                    return false;
            }
        }
        for (const auto &purge : std::as_const(plan.purges))
            deleted += purge.second;
        if (!writeAudit(q, orgId, requestId, plan.audit))
            return false;
        QVector<QDateTime> times;
        for (const StoredOptOut &o : std::as_const(plan.inserts))
            times.append(o.at);
        if (!writeEnforcement(Enforcement::optOutChangeTally(orgId, times, int(plan.deletes.size()),
                                                             deleted, state.now),
                              q))
            return false;
    }
    if (plan.changes() || stepRevision) {
        q.prepare(QStringLiteral("SELECT revision FROM orgs WHERE id = ?"));
        q.addBindValue(orgId);
        if (!q.exec() || !q.next())
            return false;
        const qint64 before = q.value(0).toLongLong();
        q.finish();
        q.prepare(
            QStringLiteral("UPDATE orgs SET revision = revision + 1, change_seq = ? WHERE id = ?"));
        q.addBindValue(changeSeq);
        q.addBindValue(orgId);
        if (!q.exec())
            return false;
        if (changes) {
            changes->revisionBefore = before;
            changes->revisionAfter = before + 1;
            changes->rows = plan.changedRows();
            changes->deletedUserIds = plan.deletes;
        }
    }
    if (planOut)
        *planOut = plan;
    return true;
}

bool SqliteStore::rulesOf(QSqlQuery &q, const QString &orgId, const QString &kind,
                          const QStringList &targets, QVector<StoredRule> *rules)
{
    return forChunks(q,
                     QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON r.kind = "
                                    "'group' AND g.id = r.target WHERE r.org_id = ? AND r.kind = "
                                    "? AND r.target IN (%2)")
                         .arg(QLatin1String(RuleColumns), QStringLiteral("%1")),
                     {orgId, kind}, targets,
                     [&](const QSqlQuery &row) { rules->append(ruleFrom(row)); });
}

StoreResult<RuleChangeOutcome> SqliteStore::changeRule(const RuleChangeRequest &request)
{
    using Result = StoreResult<RuleChangeOutcome>;
    using Kind = RuleChangeOutcome::Kind;
    WriteTransaction tx(m_db);
    if (!tx.isOpen())
        return fail<RuleChangeOutcome>(tx.beginQuery());
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    RuleChangeOutcome outcome;
    q.prepare(QStringLiteral("SELECT revision FROM orgs WHERE id = ?"));
    q.addBindValue(request.orgId);
    if (!q.exec() || !q.next())
        return fail<RuleChangeOutcome>(q);
    outcome.revision = q.value(0).toLongLong();
    q.finish();
    CoverState state;
    state.now = QDateTime::currentDateTimeUtc();
    state.actorId = request.actorId;
    state.purgeAfterSeconds = request.purgeAfterSeconds;
    state.deleteStoredEvents = request.deleteStoredEvents;
    state.reason = request.reason;

    if (request.kind == RuleChangeRequest::Kind::Delete) {
        QVector<StoredRule> found;
        q.prepare(QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON r.kind = "
                                 "'group' AND g.id = r.target WHERE r.id = ? AND r.org_id = ?")
                      .arg(QLatin1String(RuleColumns)));
        q.addBindValue(request.ruleId);
        q.addBindValue(request.orgId);
        if (!q.exec())
            return fail<RuleChangeOutcome>(q);
        if (q.next())
            found.append(ruleFrom(q));
        q.finish();
        if (found.isEmpty()) {
            outcome.kind = Kind::NotFound;
            return Result::success(outcome);
        }
        if (request.ifRevisionIn && !request.ifRevisionIn->contains(outcome.revision)) {
            outcome.kind = Kind::PreconditionFailed;
            return Result::success(outcome);
        }
        CoverDelta delta {found.constFirst(), {}, {}};
        q.prepare(QStringLiteral("SELECT user_id FROM optouts WHERE org_id = ? AND (',' || "
                                 "rule_ids || ',') LIKE ('%,' || ? || ',%')"));
        q.addBindValue(request.orgId);
        q.addBindValue(request.ruleId);
        if (!q.exec())
            return fail<RuleChangeOutcome>(q);
        while (q.next())
            delta.coverNoMore.append(q.value(0).toString());
        q.finish();
        q.prepare(QStringLiteral("DELETE FROM optout_rules WHERE id = ?"));
        q.addBindValue(request.ruleId);
        if (!q.exec())
            return fail<RuleChangeOutcome>(q);
        const qint64 changeSeq = nextChangeSeq(q);
        CoverPlan plan;
        if (changeSeq < 0
            || !applyCovers(q, request.orgId, {delta}, state, request.requestId, changeSeq, true,
                            &plan, &outcome.covers))
            return fail<RuleChangeOutcome>(q);
        const StoredRule &rule = delta.rule;
        if (!writeAudit(q, request.orgId, request.requestId,
                        {{state.now,
                          QStringLiteral("rule_deleted"),
                          request.actorId,
                          {},
                          rule.reason,
                          plan.optedIn(),
                          ruleDetailJson(rule)}}))
            return fail<RuleChangeOutcome>(q);
        if (!tx.commit())
            return fail<RuleChangeOutcome>(tx.beginQuery());
        outcome.rule = rule;
        outcome.optedIn = plan.optedIn();
        outcome.revision += 1;
        return Result::success(outcome);
    }

    // Preview, Create: the rule as it would be, and the users it covers, by e-mail address.
    StoredRule rule;
    rule.orgId = request.orgId;
    rule.kind = request.ruleKind;
    rule.reason = request.reason;
    rule.createdBy = request.actorId;
    const bool group = request.ruleKind == StoredRule::Kind::Group;
    const QString kind = group ? QStringLiteral("group") : QStringLiteral("emailDomain");
    const QString target = group ? request.groupId : request.domain;
    if (group) {
        q.prepare(QStringLiteral("SELECT display_name FROM groups WHERE id = ? AND org_id = ?"));
        q.addBindValue(request.groupId);
        q.addBindValue(request.orgId);
        if (!q.exec())
            return fail<RuleChangeOutcome>(q);
        if (!q.next()) {
            outcome.kind = Kind::UnknownGroup;
            return Result::success(outcome);
        }
        rule.groupId = request.groupId;
        rule.groupName = q.value(0).toString();
        q.finish();
        // The preview's sample is the first by e-mail address; a creation needs only the
        // members (in the order of their ids, as the membership's key holds them) and their
        // rows, not a look-up of each user.
        q.prepare(request.kind == RuleChangeRequest::Kind::Preview
                      ? QStringLiteral("SELECT u.id, %1 FROM group_members m JOIN users u ON u.id "
                                       "= m.user_id LEFT JOIN optouts o ON o.user_id = u.id "
                                       "WHERE m.group_id = ? ORDER BY u.email, u.id")
                            .arg(optOutColumnsOf("o"))
                      : QStringLiteral("SELECT m.user_id, %1 FROM group_members m LEFT JOIN "
                                       "optouts o ON o.user_id = m.user_id WHERE m.group_id = ? "
                                       "ORDER BY m.user_id")
                            .arg(optOutColumnsOf("o")));
        q.addBindValue(request.groupId);
    } else {
        rule.domain = request.domain;
        q.prepare(QStringLiteral("SELECT u.id, %1 FROM users u LEFT JOIN optouts o ON o.user_id = "
                                 "u.id WHERE u.org_id = ? AND lower(substr(u.email, instr(u.email, "
                                 "'@') + 1)) = ? ORDER BY u.email, u.id")
                      .arg(optOutColumnsOf("o")));
        q.addBindValue(request.orgId);
        q.addBindValue(request.domain);
    }
    if (!q.exec())
        return fail<RuleChangeOutcome>(q);
    // The users it covers and their opt-out rows, read once (applyCovers() need not again).
    QStringList covered;
    while (q.next()) {
        covered.append(q.value(0).toString());
        if (q.value(1).isNull())
            ++outcome.newlyOptedOut;
        else
            state.rows.insert(covered.constLast(), optOutFrom(q, 1));
    }
    state.rowsRead = true;
    q.finish();
    outcome.userCount = covered.size();
    outcome.sample = covered.mid(0, 10);

    QVector<StoredRule> existing;
    if (!rulesOf(q, request.orgId, kind, {target}, &existing))
        return fail<RuleChangeOutcome>(q);
    if (!existing.isEmpty()) {
        outcome.newlyOptedOut = 0;
        if (request.kind == RuleChangeRequest::Kind::Create) {
            outcome.kind = Kind::Existing;
            outcome.rule = existing.constFirst();
            return Result::success(outcome);
        }
    }
    if (request.kind == RuleChangeRequest::Kind::Preview)
        return Result::success(outcome); // rolled back: nothing written
    if (request.ifRevisionIn && !request.ifRevisionIn->contains(outcome.revision)) {
        outcome.kind = Kind::PreconditionFailed;
        return Result::success(outcome);
    }
    if (!q.exec(QStringLiteral("SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM optout_rules"))
        || !q.next())
        return fail<RuleChangeOutcome>(q);
    rule.id = QStringLiteral("r-%1").arg(q.value(0).toLongLong() + 1);
    q.finish();
    rule.createdAt = QDateTime::fromMSecsSinceEpoch(state.now.toMSecsSinceEpoch(), Qt::UTC);
    q.prepare(QStringLiteral("INSERT INTO optout_rules (id, org_id, kind, target, reason, "
                             "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(rule.id);
    q.addBindValue(rule.orgId);
    q.addBindValue(kind);
    q.addBindValue(target);
    q.addBindValue(textOrNull(rule.reason));
    q.addBindValue(toDbTime(rule.createdAt));
    q.addBindValue(rule.createdBy);
    if (!q.exec())
        return fail<RuleChangeOutcome>(q);
    const qint64 changeSeq = nextChangeSeq(q);
    CoverPlan plan;
    if (changeSeq < 0
        || !applyCovers(q, request.orgId, {CoverDelta {rule, covered, {}}}, state,
                        request.requestId, changeSeq, true, &plan, &outcome.covers))
        return fail<RuleChangeOutcome>(q);
    if (!writeAudit(q, request.orgId, request.requestId,
                    {{state.now,
                      QStringLiteral("rule_created"),
                      request.actorId,
                      {},
                      rule.reason,
                      plan.optedOut(),
                      ruleDetailJson(rule)}}))
        return fail<RuleChangeOutcome>(q);
    if (!tx.commit())
        return fail<RuleChangeOutcome>(tx.beginQuery());
    rule.userCount = covered.size();
    outcome.rule = rule;
    outcome.newlyOptedOut = plan.optedOut();
    outcome.revision += 1;
    return Result::success(outcome);
}
