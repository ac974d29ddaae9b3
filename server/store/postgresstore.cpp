// The Store on PostgreSQL: schema and migrations, transactions that serialise opt-outs against
// ingestion with row locks, a global change sequence for the caches, LISTEN/NOTIFY.
#include "postgresstore.h"

#include "coverplan.h"
#include "enforcementhistory.h"
#include "groupplan.h"
#include "optoutplan.h"
#include "pgcopy.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>
#include <QVariant>

#include <algorithm>

Q_LOGGING_CATEGORY(lcPostgres, "optout.store.postgres", QtInfoMsg)

namespace {

// How often a transaction that lost a deadlock or a serialisation race is tried again.
constexpr int MaxAttempts = 4;
// Rows per multi-row statement when adding users (set-up: 100,000 users in a few statements).
constexpr int UserChunk = 5000;
// A lost connection is tried again at most this often by the data calls.
constexpr qint64 ReconnectIntervalMs = 500;
// A key of pg_advisory_lock held while one server migrates the schema.
constexpr qint64 MigrationLockKey = 0x6f70746f75740001; // "optout" + 1

// An error inside a transaction: where the database said no, or could not be reached.
struct DbError
{
    StoreStatus status = StoreStatus::Failed;
    QString message;
    QString sqlState;
    bool retry = false; // a deadlock or serialisation failure: the whole transaction again
    bool lost = false; // the connection is gone: reconnect before the next call
};

// The same classification for what Qt Sql reports and what libpq reports directly (pgcopy.h).
DbError toDbError(const QString &sqlState, const QString &message)
{
    DbError e;
    e.sqlState = sqlState;
    e.message = message;
    const QString &s = e.sqlState;
    if (s == QLatin1String("40001") || s == QLatin1String("40P01")) {
        e.retry = true;
        e.status = StoreStatus::Unavailable;
    } else if (s.isEmpty() // no SQLSTATE: the server never answered (connection lost)
               || s.startsWith(QLatin1String("08")) // connection exception
               || s.startsWith(QLatin1String("57P"))) { // shutdown, crash, terminated
        e.status = StoreStatus::Unavailable;
        e.lost = true;
    } else if (s == QLatin1String("53100") // disk_full
               || s == QLatin1String("25006")) { // read_only_sql_transaction (a read-only
                                                 // database or a standby)
        e.status = StoreStatus::WriteRefused;
    } else if (s == QLatin1String("53300") // too many connections
               || s == QLatin1String("55P03") // lock_timeout: another transaction held on
               || s == QLatin1String("57014")) { // statement_timeout
        e.status = StoreStatus::Unavailable;
    }
    return e;
}

DbError toDbError(const QSqlError &error, const QString &what)
{
    return toDbError(error.nativeErrorCode(), what + QStringLiteral(": ") + error.text());
}

DbError toDbError(const PgCopyError &error)
{
    if (error.refused) // this side's own refusal: the connection is fine
        return DbError {StoreStatus::Failed, QStringLiteral("COPY: ") + error.message, {}, false};
    return toDbError(error.sqlState, QStringLiteral("COPY: ") + error.message);
}

QString toDbTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

// Times are read as milliseconds since the epoch: no time zone conversion on the way.
QString msOf(const char *column)
{
    return QStringLiteral("floor(extract(epoch from %1) * 1000)::int8").arg(QLatin1String(column));
}

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
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

// The columns of an opt-out row as optOutFrom() reads them.
QString optOutColumns()
{
    return QStringLiteral("user_id, org_id, %1, opted_out_by, seq, coalesce(reason, ''), %2, "
                          "individual, rule_ids")
        .arg(msOf("opted_out_at"), msOf("purge_at"));
}

// The same of the opt-out rows joined as `o`.
QString joinedOptOutColumns()
{
    return QStringLiteral("o.user_id, o.org_id, %1, o.opted_out_by, o.seq, coalesce(o.reason, "
                          "''), %2, o.individual, o.rule_ids")
        .arg(msOf("o.opted_out_at"), msOf("o.purge_at"));
}

StoredOptOut optOutFrom(const QSqlQuery &q, int first = 0)
{
    StoredOptOut o;
    o.userId = q.value(first).toString();
    o.orgId = q.value(first + 1).toString();
    o.at = fromMs(q.value(first + 2));
    o.byUserId = q.value(first + 3).toString();
    o.seq = q.value(first + 4).toLongLong();
    o.reason = q.value(first + 5).toString();
    o.purgeAt = fromMs(q.value(first + 6));
    o.individual = q.value(first + 7).toBool();
    o.ruleIds = q.value(first + 8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    return o;
}

// PostgreSQL text holds valid UTF-8 without NUL characters. JSON may carry a NUL (as \u0000)
// and Qt's JSON a lone surrogate: they become U+FFFD, as they always have, and the rest stays
// byte for byte.
QByteArray storableText(const QByteArray &utf8)
{
    if (!utf8.contains('\0') && utf8.isValidUtf8())
        return utf8;
    return QString::fromUtf8(utf8).replace(QChar(0), QChar::ReplacementCharacter).toUtf8();
}

QByteArray storableText(const QString &text)
{
    if (!text.contains(QChar(0)))
        return text.toUtf8();
    return QString(text).replace(QChar(0), QChar::ReplacementCharacter).toUtf8();
}

// Each migration step takes the database from version N to N+1 in one transaction.
const QVector<QStringList> &migrationSteps()
{
    static const QVector<QStringList> steps {
        // 1: the data, as SQLite keeps it.
        {
            QStringLiteral("CREATE TABLE orgs (id text PRIMARY KEY, name text NOT NULL, "
                           "product_name text NOT NULL, revision bigint NOT NULL DEFAULT 0, "
                           "users_revision bigint NOT NULL DEFAULT 0, created_at timestamptz NOT "
                           "NULL)"),
            QStringLiteral("CREATE TABLE users (id text PRIMARY KEY, org_id text NOT NULL "
                           "REFERENCES orgs(id), email text NOT NULL, name text NOT NULL, roles "
                           "text NOT NULL, created_at timestamptz NOT NULL, UNIQUE (org_id, "
                           "email))"),
            QStringLiteral("CREATE TABLE tokens (hash text PRIMARY KEY, user_id text NOT NULL "
                           "REFERENCES users(id), demo boolean NOT NULL DEFAULT false, created_at "
                           "timestamptz NOT NULL, revoked_at timestamptz)"),
            QStringLiteral("CREATE TABLE optouts (user_id text PRIMARY KEY REFERENCES users(id), "
                           "org_id text NOT NULL REFERENCES orgs(id), opted_out_at timestamptz "
                           "NOT NULL, opted_out_by text NOT NULL REFERENCES users(id), seq bigint "
                           "NOT NULL)"),
            QStringLiteral("CREATE INDEX optouts_by_org ON optouts (org_id)"),
            QStringLiteral("CREATE SEQUENCE optout_seq"),
            QStringLiteral("CREATE TABLE audit (id bigserial PRIMARY KEY, org_id text NOT NULL, "
                           "at timestamptz NOT NULL, action text NOT NULL CHECK (action IN "
                           "('opt_out', 'opt_in')), actor_id text NOT NULL, user_id text NOT "
                           "NULL)"),
            QStringLiteral("CREATE INDEX audit_by_org ON audit (org_id, id)"),
            // Append-only: no key of its own, so ingestion maintains one index only.
            QStringLiteral("CREATE TABLE usage_events (org_id text NOT NULL, user_id text NOT "
                           "NULL, source text NOT NULL CHECK (source IN ('client', 'server')), "
                           "name text NOT NULL, at timestamptz NOT NULL, received_at timestamptz "
                           "NOT NULL, properties text)"),
            QStringLiteral("CREATE INDEX usage_by_user ON usage_events (org_id, user_id)"),
        },
        // 2: the change feed several instances follow. meta.change_seq is the global,
        // commit-ordered sequence of changes: its one row is updated first by every changing
        // transaction, so changes commit in the order of their numbers, and each changed row
        // carries its number. next_*: the numbers of the next ids, from the data already there.
        {
            QStringLiteral("CREATE TABLE meta (singleton boolean PRIMARY KEY DEFAULT true CHECK "
                           "(singleton), change_seq bigint NOT NULL DEFAULT 0, next_org bigint "
                           "NOT NULL DEFAULT 1, next_user bigint NOT NULL DEFAULT 1)"),
            QStringLiteral("INSERT INTO meta (next_org, next_user) SELECT coalesce((SELECT "
                           "max(substring(id from 3)::bigint) FROM orgs), 0) + 1, "
                           "coalesce((SELECT max(substring(id from 3)::bigint) FROM users), 0) + "
                           "1"),
            QStringLiteral("ALTER TABLE orgs ADD COLUMN change_seq bigint NOT NULL DEFAULT 0, "
                           "ADD COLUMN optouts_change_seq bigint NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE users ADD COLUMN change_seq bigint NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE tokens ADD COLUMN change_seq bigint NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX orgs_by_change ON orgs (change_seq)"),
            QStringLiteral("CREATE INDEX users_by_change ON users (change_seq)"),
            QStringLiteral("CREATE INDEX tokens_by_change ON tokens (change_seq)"),
        },
        // 3: directory sync (SCIM): users who left the directory, the identity provider's id,
        // and userName looked up case-insensitively.
        {
            QStringLiteral("ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true, "
                           "ADD COLUMN deleted boolean NOT NULL DEFAULT false, ADD COLUMN "
                           "external_id text"),
            QStringLiteral("CREATE INDEX users_by_lower_email ON users (org_id, lower(email))"),
        },
        // 4: reasons, the retention window (purge_at), purge entries in the audit (no actor, a
        // count) and the audit's filter indexes (each ends in (at, id): a page is one range).
        {
            QStringLiteral("ALTER TABLE optouts ADD COLUMN reason text, ADD COLUMN purge_at "
                           "timestamptz"),
            QStringLiteral("CREATE INDEX optouts_by_purge ON optouts (purge_at) WHERE purge_at "
                           "IS NOT NULL"),
            QStringLiteral("ALTER TABLE audit ALTER COLUMN actor_id DROP NOT NULL, ADD COLUMN "
                           "reason text, ADD COLUMN count bigint"),
            QStringLiteral("ALTER TABLE audit DROP CONSTRAINT audit_action_check"),
            QStringLiteral("ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN "
                           "('opt_out', 'opt_in', 'purge'))"),
            QStringLiteral("CREATE INDEX audit_by_time ON audit (org_id, at, id)"),
            QStringLiteral("CREATE INDEX audit_by_user ON audit (org_id, user_id, at, id)"),
            QStringLiteral("CREATE INDEX audit_by_actor ON audit (org_id, actor_id, at, id)"),
            QStringLiteral("CREATE INDEX audit_by_action ON audit (org_id, action, at, id)"),
        },
        // 5: signing in with the organisation's OpenID provider: its configuration, and
        // sessions (tokens that expire).
        {
            QStringLiteral("ALTER TABLE tokens ADD COLUMN expires_at timestamptz"),
            QStringLiteral("CREATE TABLE oidc_configs (org_id text PRIMARY KEY REFERENCES "
                           "orgs(id), issuer text NOT NULL, client_id text NOT NULL)"),
            QStringLiteral("CREATE TABLE oidc_domains (domain text PRIMARY KEY, org_id text NOT "
                           "NULL REFERENCES oidc_configs(org_id))"),
        },
        // 6: the enforcement counters (enforcementcounts.h), counted from this migration on:
        // the organisations there now start from their opted-out users of now; and each
        // organisation's time zone.
        {
            QStringLiteral("ALTER TABLE orgs ADD COLUMN time_zone text NOT NULL DEFAULT 'UTC'"),
            QStringLiteral("CREATE TABLE enforcement_counts (org_id text NOT NULL, slot bigint "
                           "NOT NULL, shard integer NOT NULL, accepted_client bigint NOT NULL, "
                           "accepted_server bigint NOT NULL, discarded_client bigint NOT NULL, "
                           "discarded_server bigint NOT NULL, deleted_events bigint NOT NULL, "
                           "opt_outs bigint NOT NULL, opt_ins bigint NOT NULL, PRIMARY KEY "
                           "(org_id, slot, shard))"),
            QStringLiteral("CREATE TABLE enforcement_origin (org_id text PRIMARY KEY, "
                           "counting_since timestamptz NOT NULL, opted_out_users bigint NOT "
                           "NULL)"),
            QStringLiteral("INSERT INTO enforcement_origin (org_id, counting_since, "
                           "opted_out_users) SELECT o.id, now(), (SELECT count(*) FROM optouts x "
                           "WHERE x.org_id = o.id) FROM orgs o"),
        },
        // 7: the directory's groups (SCIM Groups) and their members. A display name once per
        // organisation; a group's id is "g-<n>", n from meta.next_group; deleting a group
        // deletes its memberships; a user's groups are read by user.
        {
            QStringLiteral("ALTER TABLE meta ADD COLUMN next_group bigint NOT NULL DEFAULT 1"),
            QStringLiteral("CREATE TABLE groups (id text PRIMARY KEY, org_id text NOT NULL "
                           "REFERENCES orgs(id), display_name text NOT NULL, external_id text, "
                           "created_at timestamptz NOT NULL, change_seq bigint NOT NULL DEFAULT "
                           "0, UNIQUE (org_id, display_name))"),
            QStringLiteral("CREATE INDEX groups_by_external_id ON groups (org_id, external_id) "
                           "WHERE external_id IS NOT NULL"),
            QStringLiteral("CREATE INDEX groups_by_change ON groups (change_seq)"),
            QStringLiteral("CREATE TABLE group_members (group_id text NOT NULL REFERENCES "
                           "groups(id) ON DELETE CASCADE, user_id text NOT NULL REFERENCES "
                           "users(id), PRIMARY KEY (group_id, user_id))"),
            QStringLiteral("CREATE INDEX group_members_by_user ON group_members (user_id, "
                           "group_id)"),
            // Opt-out rules (`target`: the group id or the lower-case domain); an opt-out row is
            // a user's effective opt-out (`individual`, and `rule_ids` the covering rules,
            // comma-separated); rule entries (no user), request ids and details in the audit.
            QStringLiteral("ALTER TABLE meta ADD COLUMN next_rule bigint NOT NULL DEFAULT 1"),
            QStringLiteral("CREATE TABLE optout_rules (id text PRIMARY KEY, org_id text NOT NULL "
                           "REFERENCES orgs(id), kind text NOT NULL CHECK (kind IN ('group', "
                           "'emailDomain')), target text NOT NULL, reason text, created_at "
                           "timestamptz NOT NULL, created_by text NOT NULL, UNIQUE (org_id, "
                           "kind, target))"),
            QStringLiteral("ALTER TABLE optouts ADD COLUMN individual boolean NOT NULL DEFAULT "
                           "true, ADD COLUMN rule_ids text NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE audit ALTER COLUMN user_id DROP NOT NULL, ADD COLUMN "
                           "request_id text, ADD COLUMN detail text"),
            QStringLiteral("ALTER TABLE audit DROP CONSTRAINT audit_action_check"),
            QStringLiteral("ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN "
                           "('opt_out', 'opt_in', 'purge', 'rule_created', 'rule_deleted'))"),
        },
        // 8: when each token was last used (to the minute).
        {
            QStringLiteral("ALTER TABLE tokens ADD COLUMN last_used_at timestamptz"),
        },
        // 9: each group's count of members in the directory (not deleted), kept by the
        // transactions that change memberships or delete and bring back users, so a page of
        // groups does not count 400,000 memberships.
        {
            QStringLiteral("ALTER TABLE groups ADD COLUMN member_count bigint NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE groups g SET member_count = (SELECT count(*) FROM "
                           "group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = "
                           "g.id AND NOT u.deleted)"),
        },
        // 10: the opt-out rows' foreign keys go. Each was a check per inserted row (a look-up
        // of users or orgs FOR KEY SHARE): 50,000 rows of one rule took PostgreSQL about 1 s
        // for three checks that can never fail, since every writer of opt-out rows already
        // guarantees them inside its own transaction:
        //  - user_id: applyOptOuts() writes rows only for the users it read (and locked) in
        //    the organisation; a rule's rows are its covered users as read from users or
        //    group_members (whose own key to users stays); no statement of the server deletes
        //    a user or changes an id (a SCIM DELETE marks the user deleted: the row, and the
        //    opt-out, stay).
        //  - org_id: the organisation's row is locked FOR UPDATE by the same transaction, and
        //    organisations are never deleted.
        //  - opted_out_by: the authenticated actor, or the rule's creator (an authenticated
        //    actor when the rule was made); users are never deleted.
        // A statement-level check of the inserted rows instead (a trigger with a transition
        // table, two anti-joins) cost 150-200 ms for 50,000 rows in a scratch transaction
        // (load 2.5; 305-358 ms without it, 1.7 s with the keys): not kept. SQLite keeps its
        // keys: checked in-process (the goal is met there with them), and dropping one would
        // mean rebuilding the table.
        {
            QStringLiteral("ALTER TABLE optouts DROP CONSTRAINT IF EXISTS optouts_user_id_fkey, "
                           "DROP CONSTRAINT IF EXISTS optouts_org_id_fkey, DROP CONSTRAINT IF "
                           "EXISTS optouts_opted_out_by_fkey"),
        },
        // 11: what changed in the opt-outs since a change number, so another instance's cache
        // reads that instead of the whole list after each change. Every opt-out row carries the
        // change number of the transaction that last wrote it (PgSession::nextChange() sets
        // optout.change_seq for the transaction; inserts take it as their default, updates by
        // a trigger: no writer can forget it), and a deleted row leaves the user's id with the
        // change number in optout_removals (one row per user, the last deletion). Rows older
        // than this migration carry 0: meta.optouts_logged_since says from where the log holds.
        // Without the setting a row says "changed at every change" (the largest bigint): read
        // once too often, never missed.
        {
            QStringLiteral("ALTER TABLE optouts ADD COLUMN change_seq bigint NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE optouts ALTER COLUMN change_seq SET DEFAULT "
                           "coalesce(nullif(current_setting('optout.change_seq', true), "
                           "'')::bigint, 9223372036854775807)"),
            QStringLiteral("CREATE INDEX optouts_by_change ON optouts (change_seq)"),
            QStringLiteral("CREATE FUNCTION optouts_stamp() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN NEW.change_seq := coalesce(nullif(current_setting("
                           "'optout.change_seq', true), '')::bigint, 9223372036854775807); "
                           "RETURN NEW; END $$"),
            QStringLiteral("CREATE TRIGGER optouts_stamp BEFORE UPDATE ON optouts FOR EACH ROW "
                           "EXECUTE FUNCTION optouts_stamp()"),
            QStringLiteral("CREATE TABLE optout_removals (user_id text PRIMARY KEY, org_id text "
                           "NOT NULL, change_seq bigint NOT NULL)"),
            QStringLiteral("CREATE INDEX optout_removals_by_change ON optout_removals "
                           "(change_seq)"),
            QStringLiteral("CREATE FUNCTION optouts_removed() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN INSERT INTO optout_removals (user_id, org_id, change_seq) "
                           "SELECT user_id, org_id, coalesce(nullif(current_setting("
                           "'optout.change_seq', true), '')::bigint, 9223372036854775807) FROM "
                           "gone ON CONFLICT (user_id) DO UPDATE SET org_id = EXCLUDED.org_id, "
                           "change_seq = EXCLUDED.change_seq; RETURN NULL; END $$"),
            QStringLiteral("CREATE TRIGGER optouts_removed AFTER DELETE ON optouts REFERENCING "
                           "OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "
                           "optouts_removed()"),
            QStringLiteral("ALTER TABLE meta ADD COLUMN optouts_logged_since bigint NOT NULL "
                           "DEFAULT 0"),
            QStringLiteral("UPDATE meta SET optouts_logged_since = change_seq"),
        },
    };
    return steps;
}

} // namespace

// transact()'s mode for a body that sends BEGIN and COMMIT in its own statements (ingestion:
// two round trips in all); PgSession then sends neither, and ROLLBACK when the body fails.
constexpr char OwnStatements[] = "(own statements)";

// The statements of one connection, and the transaction helpers. Errors leave as DbError
// exceptions, caught at the Store's boundary: nothing of them crosses the seam.
class PgSession
{
public:
    explicit PgSession(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    QSqlDatabase &db() { return m_db; }

    QSqlQuery prepare(const QString &sql)
    {
        // Not forward-only: QPSQL would then read rows one at a time (single-row mode), and a
        // statement run before the last row is read would throw the rest away.
        QSqlQuery q(m_db);
        if (!q.prepare(sql))
            throw toDbError(q.lastError(), QStringLiteral("prepare"));
        return q;
    }

    static void exec(QSqlQuery &q, const QVariantList &values = {})
    {
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            throw toDbError(q.lastError(), q.lastQuery().left(80));
    }

    // One statement, run once: its values written into the text as the driver writes them
    // for a prepared statement's EXECUTE (formatValue()), so one round trip instead of three
    // (PREPARE, EXECUTE, DEALLOCATE). Every round trip of a change that holds its
    // organisation's row is time ingestion waits; the hot paths stay prepared (below).
    QSqlQuery run(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(m_db);
        if (!q.exec(values.isEmpty() ? sql : withValues(sql, values)))
            throw toDbError(q.lastError(), sql.left(80));
        return q;
    }

    static bool isNullValue(const QVariant &v)
    {
        if (v.isNull())
            return true;
        switch (v.typeId()) {
        case QMetaType::QString:
            return v.toString().isNull();
        case QMetaType::QByteArray:
            return v.toByteArray().isNull();
        case QMetaType::QDateTime:
            return v.toDateTime().isNull();
        case QMetaType::QDate:
            return v.toDate().isNull();
        case QMetaType::QTime:
            return v.toTime().isNull();
        default:
            return false;
        }
    }

    // `sql` with each `?` outside quotes replaced by the value's literal.
    QString withValues(const QString &sql, const QVariantList &values) const
    {
        QString out;
        out.reserve(sql.size() + values.size() * 16);
        qsizetype next = 0;
        bool tooFew = false;
        QChar quote;
        for (const QChar c : sql) {
            if (!quote.isNull()) {
                if (c == quote)
                    quote = QChar();
            } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                quote = c;
            } else if (c == QLatin1Char('?')) {
                if (next >= values.size()) {
                    tooFew = true;
                    break;
                }
                // As Qt binds a value: a null string, byte array or time is NULL too.
                const QVariant &value = values.at(next++);
                QSqlField field;
                field.setMetaType(value.metaType());
                if (isNullValue(value))
                    field.clear();
                else
                    field.setValue(value);
                const QString literal = m_db.driver()->formatValue(field);
                // libpq ends a statement's text at a NUL: never send a value cut short there.
                if (literal.contains(QChar(0))) {
                    throw DbError {
                        StoreStatus::Failed,
                        QStringLiteral("a value holds a NUL character: %1").arg(sql.left(80)),
                        {},
                        false};
                }
                out += literal;
                continue;
            }
            out += c;
        }
        if (tooFew || next != values.size()) {
            throw DbError {StoreStatus::Failed,
                           QStringLiteral("%1 values for the placeholders of: %2")
                               .arg(values.size())
                               .arg(sql.left(80)),
                           {},
                           false};
        }
        return out;
    }

    void plain(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            throw toDbError(q.lastError(), sql.left(80));
    }

    void begin(const char *mode = nullptr)
    {
        if (mode != OwnStatements)
            plain(mode ? QStringLiteral("BEGIN ") + QLatin1String(mode) : QStringLiteral("BEGIN"));
        m_inTransaction = true;
        m_rollbackOnly = false;
        m_committing = false;
    }
    // The transaction's answer stands, but nothing of it is kept (a refused or empty change).
    void setRollbackOnly() { m_rollbackOnly = true; }
    bool isRollbackOnly() const { return m_rollbackOnly; }
    bool isLost() const { return m_lost; }
    void setLost() { m_lost = true; }
    void commit()
    {
        if (!m_inTransaction) // the body's own statements committed it
            return;
        m_committing = true;
        plain(QStringLiteral("COMMIT"));
        m_committing = false;
        m_inTransaction = false;
    }
    bool isCommitting() const { return m_committing; }
    // For a body with its own statements: its COMMIT is on the way (a connection lost now may
    // have committed: not tried again), then it is done.
    void sendingCommit() { m_committing = true; }
    void committed()
    {
        m_committing = false;
        m_inTransaction = false;
    }
    void rollback()
    {
        if (!m_inTransaction)
            return;
        m_inTransaction = false;
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK")); // best effort: a lost connection rolls back anyway
    }

    // The next change number, taken under the lock of the meta row (released at commit), so
    // changes commit in the order of their numbers. Also tells every listener at commit.
    qint64 nextChange()
    {
        QSqlQuery q = run(
            QStringLiteral("UPDATE meta SET change_seq = change_seq + 1 RETURNING change_seq"));
        if (!q.next())
            throw DbError {StoreStatus::Failed, QStringLiteral("no meta row"), {}, false};
        const qint64 seq = q.value(0).toLongLong();
        // The opt-out rows this transaction writes carry its number (schema 11).
        run(QStringLiteral("SELECT pg_notify(?, ?), set_config('optout.change_seq', ?, true)"),
            {QString::fromLatin1(PostgresStore::NotifyChannel), QString::number(seq),
             QString::number(seq)});
        return seq;
    }

    // Hot paths keep their statements prepared for the life of the connection.
    // The enforcement counters' upsert (every opt-out change runs it).
    QSqlQuery &upsertCounts()
    {
        if (!m_upsertCounts) {
            m_upsertCounts
                = std::make_unique<QSqlQuery>(prepare(QLatin1String(Enforcement::upsertSql())));
        }
        return *m_upsertCounts;
    }

    // libpq's own connection under Qt's, for what Qt Sql cannot do (COPY): the same session,
    // so the same transaction and locks.
    PGconn *nativeConnection()
    {
        const QVariant handle = m_db.driver()->handle();
        // Qt 6 names the type after the struct behind libpq's typedef.
        const char *type = handle.typeName();
        if (!type || (qstrcmp(type, "pg_conn*") != 0 && qstrcmp(type, "PGconn*") != 0))
            throw DbError {StoreStatus::Failed, QStringLiteral("no libpq connection"), {}, false};
        PGconn *conn = *static_cast<PGconn *const *>(handle.constData());
        if (!conn)
            throw DbError {
                StoreStatus::Unavailable, QStringLiteral("no libpq connection"), {}, false, true};
        return conn;
    }

private:
    QSqlDatabase m_db;
    bool m_inTransaction = false;
    bool m_rollbackOnly = false;
    bool m_lost = false;
    bool m_committing = false;
    std::unique_ptr<QSqlQuery> m_upsertCounts;
};

namespace {

template<typename T> StoreResult<T> unavailable()
{
    return StoreResult<T>::failure(StoreStatus::Unavailable,
                                   QStringLiteral("no connection to PostgreSQL"));
}

} // namespace

// Runs `body` in a transaction, again when it lost a deadlock or serialisation race, or when
// the connection turned out to be lost before anything of the transaction was committed (the
// server rolled it back): a database that came back is used at once. Turns a DbError into the
// StoreResult the seam speaks.
template<typename T, typename Body>
StoreResult<T> PostgresStore::transact(const char *mode, Body body)
{
    DbError last;
    bool reconnected = false;
    for (int attempt = 1; attempt <= MaxAttempts; ++attempt) {
        PgSession &session = *m_session;
        try {
            session.begin(mode);
            StoreResult<T> result = body(session);
            if (result.ok() && !session.isRollbackOnly())
                session.commit();
            else
                session.rollback();
            return result;
        } catch (const DbError &e) {
            const bool atCommit = session.isCommitting();
            session.rollback();
            last = e;
            if (e.lost) {
                session.setLost();
                // COMMIT sent and no answer: it may have been applied. Not tried again.
                if (atCommit || reconnected || !reconnectNow())
                    break;
                reconnected = true;
                continue;
            }
            if (!e.retry)
                break;
            qCInfo(lcPostgres).noquote() << "retrying after" << e.sqlState;
            QThread::msleep(5 * attempt);
        }
    }
    qCWarning(lcPostgres).noquote() << last.message;
    return StoreResult<T>::failure(last.status, last.message);
}

QStringList PostgresStore::migrationStep(int toVersion)
{
    return toVersion >= 1 && toVersion <= SchemaVersion ? migrationSteps().at(toVersion - 1)
                                                        : QStringList();
}

PostgresStore::PostgresStore(const StoreSpec &spec)
    : m_spec(spec)
    , m_shard(int(QRandomGenerator::global()->bounded(Enforcement::Shards)))
    , m_connectionName(QStringLiteral("optout-pg-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

PostgresStore::~PostgresStore()
{
    close();
}

QString PostgresStore::arrayLiteral(const QStringList &values, Nulls nulls)
{
    QString out;
    out.reserve(values.size() * 16 + 2);
    out += QLatin1Char('{');
    for (int i = 0; i < values.size(); ++i) {
        if (i)
            out += QLatin1Char(',');
        const QString &v = values.at(i);
        if (nulls == Nulls::Null && v.isNull()) {
            out += QLatin1String("NULL");
            continue;
        }
        out += QLatin1Char('"');
        for (const QChar c : v) {
            if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
                out += QLatin1Char('\\');
            out += c;
        }
        out += QLatin1Char('"');
    }
    out += QLatin1Char('}');
    return out;
}

bool PostgresStore::connectDatabase(QString *error)
{
    m_session.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL"))) {
        *error = QStringLiteral("the Qt PostgreSQL driver (QPSQL, Debian package "
                                "libqt6sql6-psql) is not installed");
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setHostName(m_spec.host);
    m_db.setPort(m_spec.port);
    m_db.setUserName(m_spec.user);
    if (!m_spec.password.isEmpty())
        m_db.setPassword(m_spec.password);
    m_db.setDatabaseName(m_spec.database);
    // A dead peer is noticed in seconds, not at the kernel's two-hour keepalive.
    QStringList options {
        QStringLiteral("connect_timeout=3"),     QStringLiteral("keepalives_idle=5"),
        QStringLiteral("keepalives_interval=2"), QStringLiteral("keepalives_count=2"),
        QStringLiteral("tcp_user_timeout=8000"), QStringLiteral("application_name=optout-server")};
    // The URL's own options ("sslmode=require;connect_timeout=5") come last and win.
    options.append(m_spec.options.split(QLatin1Char(';'), Qt::SkipEmptyParts));
    m_db.setConnectOptions(options.join(QLatin1Char(';')));
    if (!m_db.open()) {
        // libpq's message names the host and the user, never the password.
        *error = QStringLiteral("cannot connect to %1: %2")
                     .arg(m_spec.redacted(), m_db.lastError().text().trimmed());
        return false;
    }
    m_session = std::make_unique<PgSession>(m_db);
    try {
        // Waiting for another transaction's lock is bounded: the caller answers 503 instead.
        m_session->plain(QStringLiteral("SET lock_timeout = '5s'"));
        m_session->plain(QStringLiteral("SET statement_timeout = '30s'"));
        m_session->plain(QStringLiteral("SET idle_in_transaction_session_timeout = '60s'"));
        m_session->plain(QStringLiteral("SET TIME ZONE 'UTC'"));
    } catch (const DbError &e) {
        *error = e.message;
        return false;
    }
    return true;
}

bool PostgresStore::open(QString *error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    m_notificationContext.reset();
    m_onChange = nullptr;
    m_opened = connectDatabase(error) && migrate(error);
    return m_opened;
}

bool PostgresStore::ensureConnected()
{
    if (m_session && !m_session->isLost() && m_db.isOpen())
        return true;
    if (!m_opened)
        return false;
    // While the database is away, one attempt per interval; the calls between answer at once.
    if (m_reconnectClock.isValid() && m_reconnectClock.elapsed() < ReconnectIntervalMs)
        return false;
    return reconnectNow();
}

bool PostgresStore::reconnectNow()
{
    if (!m_opened)
        return false;
    m_reconnectClock.start();
    QString error;
    if (!connectDatabase(&error)) {
        qCWarning(lcPostgres).noquote() << error;
        return false;
    }
    qCInfo(lcPostgres).noquote() << "reconnected to" << m_spec.redacted();
    if (m_onChange) {
        // LISTEN again, and let the subscriber catch up with whatever it missed meanwhile.
        if (!listen())
            qCWarning(lcPostgres) << "cannot listen for changes again";
        QMetaObject::invokeMethod(m_notificationContext.get(), m_onChange, Qt::QueuedConnection);
    }
    return true;
}

void PostgresStore::close()
{
    m_opened = false;
    m_onChange = nullptr;
    m_notificationContext.reset();
    m_session.reset();
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool PostgresStore::migrate(QString *error)
{
    PgSession &s = *m_session;
    try {
        // One server migrates at a time; the others wait and then find the work done.
        s.run(QStringLiteral("SELECT pg_advisory_lock(?)"), {MigrationLockKey});
        struct Unlock
        {
            PgSession &s;
            ~Unlock()
            {
                QSqlQuery q(s.db());
                q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?)"));
                q.addBindValue(MigrationLockKey);
                q.exec();
            }
        } unlock {s};

        QSqlQuery exists
            = s.run(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL"));
        if (!exists.next() || !exists.value(0).toBool())
            s.plain(QStringLiteral("CREATE TABLE schema_version (version integer NOT NULL)"));
        QSqlQuery v = s.run(QStringLiteral("SELECT max(version), count(*) FROM schema_version"));
        int version = 0;
        if (v.next())
            version = v.value(0).toInt();
        if (version > SchemaVersion) {
            *error = QStringLiteral("The database was written by a newer optout-server (schema "
                                    "%1; this one knows up to %2).")
                         .arg(version)
                         .arg(SchemaVersion);
            return false;
        }
        const QVector<QStringList> &steps = migrationSteps();
        Q_ASSERT(steps.size() == SchemaVersion);
        for (int step = version; step < SchemaVersion; ++step) {
            s.begin();
            try {
                for (const QString &sql : steps.at(step))
                    s.plain(sql);
                s.plain(QStringLiteral("DELETE FROM schema_version"));
                s.run(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"),
                      {step + 1});
                s.commit();
            } catch (const DbError &) {
                s.rollback();
                throw;
            }
            qCInfo(lcPostgres) << "database migrated to schema" << step + 1;
        }
    } catch (const DbError &e) {
        *error = QStringLiteral("Cannot prepare the database %1: %2")
                     .arg(m_spec.redacted(), e.message);
        return false;
    }
    return true;
}

qint64 PostgresStore::backendPid()
{
    if (!m_session)
        return 0;
    try {
        QSqlQuery q = m_session->run(QStringLiteral("SELECT pg_backend_pid()"));
        return q.next() ? q.value(0).toLongLong() : 0;
    } catch (const DbError &) {
        return 0;
    }
}

StoreStatus PostgresStore::ping()
{
    // Also the heartbeat of a subscribed connection: Qt 6.4 does not report a lost one, so
    // this query is what finds out, and the reconnect (with LISTEN) follows at once.
    if (!ensureConnected())
        return StoreStatus::Unavailable;
    try {
        m_session->plain(QStringLiteral("SELECT 1"));
        return StoreStatus::Ok;
    } catch (const DbError &e) {
        qCWarning(lcPostgres).noquote() << "ping:" << e.message;
        if (e.lost || !m_db.isOpen())
            m_session->setLost();
        return StoreStatus::Unavailable;
    }
}

bool PostgresStore::subscribe(std::function<void()> onChange)
{
    if (!ensureConnected())
        return false;
    m_onChange = std::move(onChange);
    return listen();
}

bool PostgresStore::listen()
{
    QSqlDriver *driver = m_db.driver();
    const QString channel = QString::fromLatin1(NotifyChannel);
    m_notificationContext = std::make_unique<QObject>();
    try {
        // So an operator (or a fault test) tells the listening connections apart.
        m_session->plain(QStringLiteral("SET application_name = 'optout-server listen'"));
    } catch (const DbError &) {
        return false;
    }
    if (!driver->subscribedToNotifications().contains(channel)
        && !driver->subscribeToNotification(channel))
        return false;
    QObject::connect(driver, &QSqlDriver::notification, m_notificationContext.get(),
                     [this](const QString &name) {
                         if (name == QLatin1String(NotifyChannel) && m_onChange)
                             m_onChange();
                     });
    return true;
}

StoreResult<StoreSnapshot> PostgresStore::snapshot()
{
    if (!ensureConnected())
        return unavailable<StoreSnapshot>();
    return transact<StoreSnapshot>("ISOLATION LEVEL REPEATABLE READ READ ONLY", [&](PgSession &s) {
        StoreSnapshot snap;
        QSqlQuery q = s.run(QStringLiteral("SELECT change_seq FROM meta"));
        if (q.next())
            snap.changeSeq = q.value(0).toLongLong();
        q = s.run(QStringLiteral("SELECT id, name, product_name, revision, users_revision, "
                                 "time_zone FROM orgs"));
        while (q.next()) {
            snap.orgs.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toLongLong(), q.value(4).toLongLong(),
                              q.value(5).toString()});
        }
        q = s.run(QStringLiteral("SELECT %1 FROM users").arg(QLatin1String(UserColumns)));
        while (q.next())
            snap.users.append(userFrom(q));
        // Sessions that ended long ago are left out (a client then hears "unauthenticated"
        // rather than "session_expired").
        q = s.run(QStringLiteral("SELECT hash, user_id, demo, %1 FROM tokens WHERE revoked_at IS "
                                 "NULL AND (expires_at IS NULL OR expires_at > ?::timestamptz)")
                      .arg(msOf("expires_at")),
                  {toDbTime(QDateTime::currentDateTimeUtc().addDays(-ExpiredTokenDays))});
        while (q.next()) {
            snap.tokens.append({q.value(0).toByteArray(), q.value(1).toString(),
                                q.value(2).toBool(), false, fromMs(q.value(3))});
        }
        q = s.run(QStringLiteral("SELECT %1 FROM optouts").arg(optOutColumns()));
        while (q.next())
            snap.optOuts.append(optOutFrom(q));
        snap.rules = readRules(s, {});
        return StoreResult<StoreSnapshot>::success(std::move(snap));
    });
}

StoreResult<StoreChanges> PostgresStore::changesSince(qint64 changeSeq,
                                                      const QHash<QString, qint64> &knownLists)
{
    if (!ensureConnected())
        return unavailable<StoreChanges>();
    return transact<StoreChanges>("ISOLATION LEVEL REPEATABLE READ READ ONLY", [&](PgSession &s) {
        StoreChanges c;
        QSqlQuery q = s.run(QStringLiteral("SELECT change_seq FROM meta"));
        if (q.next())
            c.changeSeq = q.value(0).toLongLong();
        if (changeSeq > c.changeSeq) { // from another database, or one made again
            c.needsReload = true;
            return StoreResult<StoreChanges>::success(std::move(c));
        }
        if (changeSeq == c.changeSeq)
            return StoreResult<StoreChanges>::success(std::move(c));
        const QVariantList since {changeSeq};
        // What changed in the opt-outs can be told from the log when it reaches back that far.
        q = s.run(QStringLiteral("SELECT optouts_logged_since FROM meta"));
        const bool logged = q.next() && q.value(0).toLongLong() <= changeSeq;
        q = s.run(QStringLiteral("SELECT id, name, product_name, revision, users_revision, "
                                 "optouts_change_seq > ?, time_zone FROM orgs WHERE change_seq > "
                                 "?"),
                  {changeSeq, changeSeq});
        QStringList optOutOrgs; // the whole list read again
        QStringList deltaOrgs; // only what changed
        while (q.next()) {
            c.orgs.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toLongLong(), q.value(4).toLongLong(),
                           q.value(6).toString()});
            const auto known = knownLists.constFind(c.orgs.last().id);
            const bool held = known != knownLists.cend() && *known == c.orgs.last().revision;
            if (q.value(5).toBool() && !held) {
                if (logged && known != knownLists.cend()) {
                    deltaOrgs.append(q.value(0).toString());
                    c.optOutChangesByOrg.insert(q.value(0).toString(), {});
                } else {
                    optOutOrgs.append(q.value(0).toString());
                    c.optOutsByOrg.insert(q.value(0).toString(), {});
                }
            }
        }
        q = s.run(QStringLiteral("SELECT %1 FROM users WHERE change_seq > ?")
                      .arg(QLatin1String(UserColumns)),
                  since);
        while (q.next())
            c.users.append(userFrom(q));
        q = s.run(QStringLiteral("SELECT hash, user_id, demo, revoked_at IS NOT NULL, %1 FROM "
                                 "tokens WHERE change_seq > ?")
                      .arg(msOf("expires_at")),
                  since);
        while (q.next()) {
            c.tokens.append({q.value(0).toByteArray(), q.value(1).toString(), q.value(2).toBool(),
                             q.value(3).toBool(), fromMs(q.value(4))});
        }
        if (!optOutOrgs.isEmpty()) {
            q = s.run(QStringLiteral("SELECT %1 FROM optouts WHERE org_id = ANY(?::text[])")
                          .arg(optOutColumns()),
                      {arrayLiteral(optOutOrgs)});
            while (q.next()) {
                const StoredOptOut o = optOutFrom(q);
                c.optOutsByOrg[o.orgId].append(o);
            }
            for (const StoredRule &rule : readRules(s, optOutOrgs))
                c.rulesByOrg[rule.orgId].append(rule);
            for (const QString &org : std::as_const(optOutOrgs))
                c.rulesByOrg[org]; // an organisation without rules: an empty list
        }
        if (!deltaOrgs.isEmpty())
            readOptOutChanges(s, changeSeq, deltaOrgs, &c);
        return StoreResult<StoreChanges>::success(std::move(c));
    });
}

// The opt-out rows written after `changeSeq` and the users whose rows were deleted after it
// and who have none now (schema 11's log), and the organisations' rules; inside changesSince's
// snapshot.
void PostgresStore::readOptOutChanges(PgSession &s, qint64 changeSeq, const QStringList &orgIds,
                                      StoreChanges *c)
{
    const QString orgs = arrayLiteral(orgIds);
    QSqlQuery q = s.run(QStringLiteral("SELECT %1 FROM optouts WHERE change_seq > ? AND org_id = "
                                       "ANY(?::text[])")
                            .arg(optOutColumns()),
                        {changeSeq, orgs});
    while (q.next()) {
        const StoredOptOut o = optOutFrom(q);
        c->optOutChangesByOrg[o.orgId].append(o);
    }
    q = s.run(QStringLiteral("SELECT r.org_id, r.user_id FROM optout_removals r WHERE "
                             "r.change_seq > ? AND r.org_id = ANY(?::text[]) AND NOT EXISTS "
                             "(SELECT 1 FROM optouts o WHERE o.user_id = r.user_id)"),
              {changeSeq, orgs});
    while (q.next())
        c->optOutRemovalsByOrg[q.value(0).toString()].append(q.value(1).toString());
    for (const StoredRule &rule : readRules(s, orgIds))
        c->rulesByOrg[rule.orgId].append(rule);
    for (const QString &org : orgIds)
        c->rulesByOrg[org]; // an organisation without rules: an empty list
}

namespace {

// The change number (PgSession::nextChange() in one statement, for a string of statements).
const char *const NextChangeSql = "WITH n AS (UPDATE meta SET change_seq = change_seq + 1 "
                                  "RETURNING change_seq) SELECT change_seq, pg_notify(?, "
                                  "change_seq::text), set_config('optout.change_seq', "
                                  "change_seq::text, true) FROM n";

// An opt-out row of optOutColumns() as libpq answers it in text (pgRunAll(): NULL is empty).
StoredOptOut optOutFromText(const QList<QByteArray> &row)
{
    const auto time = [](const QByteArray &ms) {
        return ms.isEmpty() ? QDateTime()
                            : QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
    };
    StoredOptOut o;
    o.userId = QString::fromUtf8(row.value(0));
    o.orgId = QString::fromUtf8(row.value(1));
    o.at = time(row.value(2));
    o.byUserId = QString::fromUtf8(row.value(3));
    o.seq = row.value(4).toLongLong();
    o.reason = QString::fromUtf8(row.value(5));
    o.purgeAt = time(row.value(6));
    o.individual = row.value(7) == "t";
    o.ruleIds = QString::fromUtf8(row.value(8)).split(QLatin1Char(','), Qt::SkipEmptyParts);
    return o;
}

DbError toDbError(const PgCopyError &error, const char *what)
{
    return toDbError(error.sqlState, QLatin1String(what) + QStringLiteral(": ") + error.message);
}

} // namespace

// One transaction in two round trips, straight through libpq on the store's connection, so the
// organisation's row is held FOR UPDATE (and ingestion of its events waits) for those two only:
//   1. BEGIN; the change number; the organisation's row FOR UPDATE; the named users' rows FOR
//      UPDATE; their opt-out rows; the stored events of the users the request opts out;
//   2. planOptOuts() on that state, read under the lock, then its writes and COMMIT.
// Each statement of a string takes its own snapshot (READ COMMITTED): the reads after the lock
// see every ingestion that held the row shared committed, and none can commit more until this
// one ends. The stored events are counted for every id to opt out (eventCountsNeeded() may ask
// for fewer once the state is known; the plan gets exactly those).
StoreResult<OptOutChangeOutcome> PostgresStore::applyOptOuts(const OptOutChangeRequest &request)
{
    if (!ensureConnected())
        return unavailable<OptOutChangeOutcome>();
    using Result = StoreResult<OptOutChangeOutcome>;
    QStringList ids; // each id named, once
    QStringList optOutIds; // each id to opt out, once
    {
        QSet<QString> seen;
        seen.reserve(request.optOut.size() + request.optIn.size());
        const auto add = [&](const QString &id) {
            if (seen.contains(id))
                return false;
            seen.insert(id);
            ids.append(id);
            return true;
        };
        for (const auto &entry : request.optOut) {
            if (add(entry.first))
                optOutIds.append(entry.first);
        }
        for (const QString &id : request.optIn)
            add(id);
    }
    return transact<OptOutChangeOutcome>(OwnStatements, [&](PgSession &s) -> Result {
        PGconn *conn = s.nativeConnection();
        OptOutState state;
        state.now = QDateTime::currentDateTimeUtc();
        // Lock order, the same in every transaction: meta, the organisation, its users by id.
        const QString idList = arrayLiteral(ids);
        QString reads = QStringLiteral("BEGIN; ")
            + s.withValues(QLatin1String(NextChangeSql), {QString::fromLatin1(NotifyChannel)})
            + QStringLiteral("; ")
            + s.withValues(QStringLiteral("SELECT revision FROM orgs WHERE id = ? FOR UPDATE"),
                           {request.orgId})
            + QStringLiteral("; ")
            + s.withValues(QStringLiteral("SELECT id FROM users WHERE org_id = ? AND id = "
                                          "ANY(?::text[]) ORDER BY id FOR UPDATE"),
                           {request.orgId, idList})
            + QStringLiteral("; ")
            + s.withValues(QStringLiteral("SELECT %1 FROM optouts WHERE user_id = "
                                          "ANY(?::text[])")
                               .arg(optOutColumns()),
                           {idList});
        if (!optOutIds.isEmpty()) {
            reads += QStringLiteral("; ")
                + s.withValues(QStringLiteral("SELECT user_id, count(*) FROM usage_events WHERE "
                                              "org_id = ? AND user_id = ANY(?::text[]) GROUP BY "
                                              "user_id"),
                               {request.orgId, arrayLiteral(optOutIds)});
        }
        QVector<PgRows> answers;
        PgCopyError error;
        if (!pgRunAll(conn, reads.toUtf8(), &answers, &error))
            throw toDbError(error, "opt-out change");
        if (answers.size() < 4 || answers.at(0).isEmpty())
            throw DbError {StoreStatus::Failed, QStringLiteral("no meta row"), {}, false};
        const qint64 seq = answers.at(0).first().value(0).toLongLong();
        if (answers.at(1).isEmpty())
            return Result::failure(StoreStatus::Failed, QStringLiteral("no such organisation"));
        state.revision = answers.at(1).first().value(0).toLongLong();
        for (const QList<QByteArray> &row : std::as_const(answers.at(2)))
            state.knownUserIds.insert(QString::fromUtf8(row.value(0)));
        for (const QList<QByteArray> &row : std::as_const(answers.at(3))) {
            const StoredOptOut o = optOutFromText(row);
            state.optOuts.insert(o.userId, o);
        }
        const QStringList counted = eventCountsNeeded(request, state);
        if (answers.size() > 4 && !counted.isEmpty()) {
            const QSet<QString> wanted(counted.cbegin(), counted.cend());
            for (const QList<QByteArray> &row : std::as_const(answers.at(4))) {
                const QString id = QString::fromUtf8(row.value(0));
                if (wanted.contains(id))
                    state.storedEvents.insert(id, row.value(1).toLongLong());
            }
        }

        OptOutPlan plan = planOptOuts(request, state);
        if (plan.kind != OptOutChangeOutcome::Kind::Applied || !plan.changes()) {
            // Refused or nothing to change: rolled back, so the change number and
            // notification go too.
            s.setRollbackOnly();
            return Result::success(plan.outcome());
        }

        QString writes;
        if (!plan.inserts.isEmpty()) {
            QStringList users, times, bys, reasons, purgeAts;
            for (const StoredOptOut &o : std::as_const(plan.inserts)) {
                users.append(o.userId);
                times.append(toDbTime(o.at));
                bys.append(o.byUserId);
                reasons.append(o.reason);
                purgeAts.append(o.purgeAt.isValid() ? toDbTime(o.purgeAt) : QString());
            }
            // Numbered in the plan's order; the numbers come back with the users.
            writes += s.withValues(
                QStringLiteral("INSERT INTO optouts (user_id, org_id, opted_out_at, "
                               "opted_out_by, seq, reason, purge_at) SELECT u, ?, "
                               "a::timestamptz, b, nextval('optout_seq'), r, p::timestamptz "
                               "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], "
                               "?::text[]) WITH ORDINALITY AS t(u, a, b, r, p, i) ORDER BY i "
                               "RETURNING user_id, seq; "),
                {request.orgId, arrayLiteral(users), arrayLiteral(times), arrayLiteral(bys),
                 arrayLiteral(reasons, Nulls::Null), arrayLiteral(purgeAts, Nulls::Null)});
        }
        if (!plan.individualAdds.isEmpty()) {
            writes += s.withValues(
                QStringLiteral("UPDATE optouts SET individual = true, reason = coalesce(reason, "
                               "?) WHERE user_id = ANY(?::text[]); "),
                {request.reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                          : QVariant(request.reason),
                 arrayLiteral(plan.individualAdds)});
        }
        if (!plan.clearPurgeAt.isEmpty()) {
            writes += s.withValues(QStringLiteral("UPDATE optouts SET purge_at = NULL WHERE "
                                                  "user_id = ANY(?::text[]); "),
                                   {arrayLiteral(plan.clearPurgeAt)});
        }
        if (!plan.purges.isEmpty()) {
            QStringList purged;
            for (const auto &purge : std::as_const(plan.purges))
                purged.append(purge.first);
            writes += s.withValues(QStringLiteral("DELETE FROM usage_events WHERE org_id = ? AND "
                                                  "user_id = ANY(?::text[]); "),
                                   {request.orgId, arrayLiteral(purged)});
        }
        if (!plan.deletes.isEmpty()) {
            writes += s.withValues(QStringLiteral("DELETE FROM optouts WHERE user_id = "
                                                  "ANY(?::text[]); "),
                                   {arrayLiteral(plan.deletes)});
        }
        if (!plan.audit.isEmpty())
            writes += auditStatement(s, request.orgId, request.requestId, plan.audit)
                + QStringLiteral("; ");
        writes += enforcementStatements(s, Enforcement::planTally(request.orgId, plan, state.now));
        writes += s.withValues(QStringLiteral("UPDATE orgs SET revision = revision + 1, "
                                              "change_seq = ?, optouts_change_seq = ? WHERE id = "
                                              "?; COMMIT"),
                               {seq, seq, request.orgId});
        answers.clear();
        s.sendingCommit();
        if (!pgRunAll(conn, writes.toUtf8(), &answers, &error))
            throw toDbError(error, "opt-out change");
        s.committed();
        if (!plan.inserts.isEmpty()) {
            QHash<QString, qint64> numbers;
            for (const QList<QByteArray> &row : answers.isEmpty() ? PgRows() : answers.at(0))
                numbers.insert(QString::fromUtf8(row.value(0)), row.value(1).toLongLong());
            QVector<qint64> seqs;
            seqs.reserve(plan.inserts.size());
            for (const StoredOptOut &o : std::as_const(plan.inserts))
                seqs.append(numbers.value(o.userId));
            plan.setInsertSeqs(seqs);
        }
        return Result::success(plan.outcome());
    });
}

namespace {

// Ingestion's statements. The organisations' rows, shared, and the transaction's time (now(), in
// microseconds since the epoch: the events' received_at).
const char *const LockOrgsShared = "SELECT id, (extract(epoch from now()) * 1000000)::int8 FROM "
                                   "orgs WHERE id = ANY(?::text[]) ORDER BY id FOR SHARE";
// Which of these users are effectively opted out now (today the individual opt-outs; whatever
// else makes a user opted out joins here).
const char *const OptedOutAmong = "SELECT user_id FROM optouts WHERE user_id = ANY(?::text[])";
// The events' columns, as ingestion sends them.
const char *const CopyEvents = "COPY usage_events (org_id, user_id, source, name, at, "
                               "received_at, properties) FROM STDIN (FORMAT binary)";
constexpr int CopyEventColumns = 7;

} // namespace

StoreResult<IngestOutcome> PostgresStore::ingestEvents(const QVector<NewEvent> &events)
{
    const auto results = ingestEventBatches({events});
    return results.isEmpty() ? StoreResult<IngestOutcome>::success({}) : results.first();
}

// One transaction in two round trips, straight through libpq on the store's connection:
//   1. BEGIN; the organisations' rows FOR SHARE; which of the users are opted out;
//   2. the enforcement counters; COPY of the events of those who are not; COMMIT.
// An opt-out change takes its organisation's row FOR UPDATE: it waits for this commit, and this
// waits for one in flight; ingestions hold the row shared, side by side. The check is a
// statement of its own after the lock's: in READ COMMITTED each statement of a string takes its
// own snapshot, so it reads the opt-outs as they are once the lock is held, and none of them
// can change before this transaction's commit.
QVector<StoreResult<IngestOutcome>>
PostgresStore::ingestEventBatches(const QVector<QVector<NewEvent>> &batches)
{
    using Outcomes = QVector<IngestOutcome>;
    QSet<QString> orgIds;
    QSet<QString> userIds; // of the events that may be stored, each once
    for (const QVector<NewEvent> &batch : batches) {
        for (const NewEvent &e : batch) {
            orgIds.insert(e.orgId);
            if (!e.discard) // its user left the directory: counted, never stored
                userIds.insert(e.userId);
        }
    }
    StoreResult<Outcomes> result;
    if (!ensureConnected()) {
        result = unavailable<Outcomes>();
    } else if (orgIds.isEmpty()) {
        result = StoreResult<Outcomes>::success(Outcomes(batches.size()));
    } else {
        const QString orgList = arrayLiteral(QStringList(orgIds.cbegin(), orgIds.cend()));
        const QString userList = arrayLiteral(QStringList(userIds.cbegin(), userIds.cend()));
        result = transact<Outcomes>(OwnStatements, [&](PgSession &s) {
            PGconn *conn = s.nativeConnection();
            QString first = QStringLiteral("BEGIN; ")
                + s.withValues(QLatin1String(LockOrgsShared), {orgList});
            if (!userIds.isEmpty()) {
                first += QStringLiteral("; ")
                    + s.withValues(QLatin1String(OptedOutAmong), {userList});
            }
            QVector<PgRows> answers;
            PgCopyError error;
            if (!pgRunAll(conn, first.toUtf8(), &answers, &error))
                throw toDbError(error);
            qint64 receivedAt = QDateTime::currentMSecsSinceEpoch() * 1000;
            if (!answers.isEmpty() && !answers.first().isEmpty()) // now(), as always
                receivedAt = answers.first().first().value(1).toLongLong();
            QSet<QString> optedOut;
            if (answers.size() > 1) {
                for (const QList<QByteArray> &row : std::as_const(answers.at(1)))
                    optedOut.insert(QString::fromUtf8(row.value(0)));
            }

            // The decisions and their counts first: the counters go before the COPY.
            Outcomes outcomes(batches.size());
            const QDateTime received = QDateTime::currentDateTimeUtc();
            Enforcement::Tally tally;
            qint64 toStore = 0;
            const auto kept = [&optedOut](const NewEvent &e) {
                return !e.discard && !optedOut.contains(e.userId);
            };
            for (int i = 0; i < batches.size(); ++i) {
                for (const NewEvent &e : batches.at(i)) {
                    Enforcement::Counts &c = tally.at(e.orgId, received);
                    const bool client = e.source == EventSource::Client;
                    if (kept(e)) {
                        ++(client ? c.acceptedClient : c.acceptedServer);
                        ++outcomes[i].stored;
                        ++toStore;
                    } else {
                        ++(client ? c.discardedClient : c.discardedServer);
                        ++outcomes[i].discarded;
                    }
                }
            }
            const QString counters = enforcementStatements(s, tally);
            if (toStore == 0) {
                s.sendingCommit();
                if (!pgRunAll(conn, (counters + QStringLiteral("COMMIT")).toUtf8(), nullptr,
                              &error))
                    throw toDbError(error);
                s.committed();
                return StoreResult<Outcomes>::success(outcomes);
            }
            const QByteArray statements
                = (counters + QLatin1String(CopyEvents) + QStringLiteral("; COMMIT")).toUtf8();
            PgCopyIn copy(conn, statements.constData(), CopyEventColumns);
            s.sendingCommit();
            if (!copy.start())
                throw toDbError(copy.error());
            QString lastOrg;
            QByteArray lastOrgUtf8;
            for (const QVector<NewEvent> &batch : batches) {
                for (const NewEvent &e : batch) {
                    if (!kept(e))
                        continue;
                    if (e.orgId != lastOrg) {
                        lastOrg = e.orgId;
                        lastOrgUtf8 = lastOrg.toUtf8();
                    }
                    const bool client = e.source == EventSource::Client;
                    copy.beginRow();
                    copy.text(lastOrgUtf8);
                    copy.text(e.userId);
                    copy.text(client ? QByteArrayView("client") : QByteArrayView("server"));
                    copy.text(storableText(e.name));
                    copy.timestamp(e.at.toMSecsSinceEpoch() * 1000);
                    copy.timestamp(receivedAt);
                    if (e.properties.isEmpty())
                        copy.null();
                    else
                        copy.text(storableText(e.properties));
                    if (!copy.ok())
                        throw toDbError(copy.error());
                }
            }
            qint64 copied = -1;
            if (!copy.finish(&copied))
                throw toDbError(copy.error());
            s.committed();
            if (copied != toStore) { // committed already: said, not undone
                qCWarning(lcPostgres).noquote()
                    << QStringLiteral("COPY stored %1 of %2 events").arg(copied).arg(toStore);
            }
            return StoreResult<Outcomes>::success(outcomes);
        });
    }
    QVector<StoreResult<IngestOutcome>> out;
    out.reserve(batches.size());
    for (int i = 0; i < batches.size(); ++i) {
        out.append(result.ok()
                       ? StoreResult<IngestOutcome>::success(result.value.at(i))
                       : StoreResult<IngestOutcome>::failure(result.status, result.message));
    }
    return out;
}

StoreResult<QVector<AuditRecord>> PostgresStore::audit(const AuditQuery &query)
{
    if (!ensureConnected())
        return unavailable<QVector<AuditRecord>>();
    // Newest first by (at, id); each filter has an index led by (org_id, filter) and ending in
    // (at, id), so a page is one index range read from its end.
    AuditFilterSql filter = auditFilterSql(query, &toDbTime, QStringLiteral("?::timestamptz"),
                                           QStringLiteral("?::int8"));
    const QString &where = filter.where;
    QVariantList &values = filter.values;
    values.append(query.limit);
    return transact<QVector<AuditRecord>>("READ ONLY", [&](PgSession &s) {
        QSqlQuery q = s.run(
            QStringLiteral("SELECT a.id, %1, a.action, coalesce(a.actor_id, ''), "
                           "coalesce(ac.email, ''), coalesce(ac.name, ''), a.user_id, "
                           "coalesce(u.email, ''), coalesce(u.name, ''), coalesce(a.reason, ''), "
                           "coalesce(a.count, -1), coalesce(a.request_id, ''), "
                           "coalesce(a.detail, '') FROM audit a LEFT JOIN users ac ON ac.id = "
                           "a.actor_id LEFT JOIN users u ON u.id = a.user_id WHERE %2 ORDER BY "
                           "a.at DESC, a.id DESC LIMIT ?")
                .arg(msOf("a.at"), where),
            values);
        QVector<AuditRecord> list;
        while (q.next()) {
            AuditRecord r;
            r.id = q.value(0).toLongLong();
            r.at = fromMs(q.value(1));
            r.action = q.value(2).toString();
            r.actorId = q.value(3).toString();
            r.actorEmail = q.value(4).toString();
            r.actorName = q.value(5).toString();
            r.userId = q.value(6).toString();
            r.userEmail = q.value(7).toString();
            r.userName = q.value(8).toString();
            r.reason = q.value(9).toString();
            r.count = q.value(10).toLongLong();
            r.requestId = q.value(11).toString();
            r.detail = q.value(12).toString().toUtf8();
            list.append(r);
        }
        return StoreResult<QVector<AuditRecord>>::success(std::move(list));
    });
}

StoreResult<QVector<UsageCountRecord>> PostgresStore::usageSummary(const QString &orgId)
{
    if (!ensureConnected())
        return unavailable<QVector<UsageCountRecord>>();
    return transact<QVector<UsageCountRecord>>("READ ONLY", [&](PgSession &s) {
        QSqlQuery q = s.run(
            QStringLiteral("SELECT e.user_id, e.c, e.s, %1, o.user_id IS NOT NULL, %2 FROM "
                           "(SELECT user_id, count(*) FILTER (WHERE source = 'client') AS c, "
                           "count(*) FILTER (WHERE source = 'server') AS s, max(received_at) AS "
                           "r FROM usage_events WHERE org_id = ? GROUP BY user_id) e LEFT JOIN "
                           "optouts o ON o.user_id = e.user_id")
                .arg(msOf("e.r"), msOf("o.purge_at")),
            {orgId});
        QVector<UsageCountRecord> list;
        while (q.next()) {
            list.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         fromMs(q.value(3)), q.value(4).toBool(), fromMs(q.value(5))});
        }
        return StoreResult<QVector<UsageCountRecord>>::success(std::move(list));
    });
}

StoreResult<QVector<PurgeRecord>> PostgresStore::purgeDue(const QDateTime &now)
{
    using Result = StoreResult<QVector<PurgeRecord>>;
    if (!ensureConnected())
        return unavailable<QVector<PurgeRecord>>();
    const QString nowText = toDbTime(now);
    {
        // Most checks find nothing: one cheap read, no lock.
        auto due = transact<bool>("READ ONLY", [&](PgSession &s) {
            QSqlQuery q = s.run(QStringLiteral("SELECT 1 FROM optouts WHERE purge_at <= "
                                               "?::timestamptz LIMIT 1"),
                                {nowText});
            return StoreResult<bool>::success(q.next());
        });
        if (!due.ok())
            return Result::failure(due.status, due.message);
        if (!due.value)
            return Result::success({});
    }
    return transact<QVector<PurgeRecord>>(nullptr, [&](PgSession &s) -> Result {
        // The change lock first (the order every change takes), then the rows are claimed by
        // the UPDATE itself: an instance that waited here finds purge_at cleared and does
        // nothing, so each purge runs exactly once.
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("UPDATE optouts SET purge_at = NULL WHERE purge_at <= "
                                           "?::timestamptz RETURNING org_id, user_id"),
                            {nowText});
        QVector<PurgeRecord> purged;
        QStringList users;
        QSet<QString> orgs;
        while (q.next()) {
            purged.append(PurgeRecord {q.value(0).toString(), q.value(1).toString(), 0});
            users.append(q.value(1).toString());
            orgs.insert(q.value(0).toString());
        }
        if (purged.isEmpty()) {
            s.setRollbackOnly();
            return Result::success({});
        }
        const QString orgList = arrayLiteral(QStringList(orgs.cbegin(), orgs.cend()));
        // The organisations' rows, as an opt-out change takes them: ingestion waits.
        s.run(QStringLiteral("SELECT id FROM orgs WHERE id = ANY(?::text[]) ORDER BY id FOR "
                             "UPDATE"),
              {orgList});
        QStringList auditOrgs, auditCounts;
        for (const PurgeRecord &p : std::as_const(purged))
            auditOrgs.append(p.orgId);
        // By (org_id, user_id): the events' index.
        q = s.run(QStringLiteral("WITH d AS (DELETE FROM usage_events e USING unnest(?::text[], "
                                 "?::text[]) AS t(o, u) WHERE e.org_id = t.o AND e.user_id = t.u "
                                 "RETURNING e.user_id) SELECT user_id, count(*) FROM d GROUP BY "
                                 "user_id"),
                  {arrayLiteral(auditOrgs), arrayLiteral(users)});
        QHash<QString, qint64> counts;
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toLongLong());
        Enforcement::Tally tally;
        for (PurgeRecord &p : purged) {
            p.count = counts.value(p.userId);
            auditCounts.append(QString::number(p.count));
            tally.at(p.orgId, now).deletedEvents += p.count;
        }
        writeEnforcement(s, tally);
        s.run(QStringLiteral("INSERT INTO audit (org_id, at, action, actor_id, user_id, count) "
                             "SELECT o, ?::timestamptz, 'purge', NULL, u, n::int8 FROM "
                             "unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS t(o, u, "
                             "n, i) ORDER BY i"),
              {nowText, arrayLiteral(auditOrgs), arrayLiteral(users), arrayLiteral(auditCounts)});
        s.run(QStringLiteral("UPDATE orgs SET revision = revision + 1, change_seq = ?, "
                             "optouts_change_seq = ? WHERE id = ANY(?::text[])"),
              {seq, seq, orgList});
        return Result::success(std::move(purged));
    });
}

StoreResult<QString> PostgresStore::createOrg(const QString &name, const QString &productName)
{
    if (!ensureConnected())
        return unavailable<QString>();
    return transact<QString>(nullptr, [&](PgSession &s) {
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("UPDATE meta SET next_org = next_org + 1 RETURNING "
                                           "next_org - 1"));
        q.next();
        const QString id = QStringLiteral("o-%1").arg(q.value(0).toLongLong());
        s.run(QStringLiteral("INSERT INTO orgs (id, name, product_name, created_at, change_seq) "
                             "VALUES (?, ?, ?, now(), ?)"),
              {id, name, productName, seq});
        return StoreResult<QString>::success(id);
    });
}

StoreResult<QStringList> PostgresStore::addUsers(const QString &orgId,
                                                 const QVector<NewUser> &users)
{
    if (!ensureConnected())
        return unavailable<QStringList>();
    using Result = StoreResult<QStringList>;
    return transact<QStringList>(nullptr, [&](PgSession &s) -> Result {
        const qint64 seq = s.nextChange();
        QSqlQuery q
            = s.run(QStringLiteral("SELECT 1 FROM orgs WHERE id = ? FOR KEY SHARE"), {orgId});
        if (!q.next())
            return Result::failure(StoreStatus::Failed, QStringLiteral("no such organisation"));
        q = s.run(QStringLiteral("UPDATE meta SET next_user = next_user + ? RETURNING next_user "
                                 "- ?"),
                  {int(users.size()), int(users.size())});
        q.next();
        qint64 next = q.value(0).toLongLong();
        QStringList ids;
        ids.reserve(users.size());
        for (int start = 0; start < users.size(); start += UserChunk) {
            const int end = std::min<int>(users.size(), start + UserChunk);
            QStringList id, email, name, roles, hashes, tokenUsers, demo;
            for (int i = start; i < end; ++i) {
                const NewUser &u = users.at(i);
                id.append(QStringLiteral("u-%1").arg(next++));
                email.append(u.email);
                name.append(u.name);
                roles.append(u.roles.join(QLatin1Char(',')));
                if (!u.tokenHash.isEmpty()) {
                    hashes.append(QString::fromLatin1(u.tokenHash));
                    tokenUsers.append(id.constLast());
                    demo.append(u.demoToken ? QStringLiteral("t") : QStringLiteral("f"));
                }
            }
            s.run(QStringLiteral("INSERT INTO users (id, org_id, email, name, roles, created_at, "
                                 "change_seq) SELECT i, ?, e, n, r, now(), ? FROM "
                                 "unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(i, e, "
                                 "n, r)"),
                  {orgId, seq, arrayLiteral(id), arrayLiteral(email), arrayLiteral(name),
                   arrayLiteral(roles)});
            if (!hashes.isEmpty()) {
                s.run(QStringLiteral("INSERT INTO tokens (hash, user_id, demo, created_at, "
                                     "change_seq) SELECT h, u, d::boolean, now(), ? FROM "
                                     "unnest(?::text[], ?::text[], ?::text[]) AS t(h, u, d)"),
                      {seq, arrayLiteral(hashes), arrayLiteral(tokenUsers), arrayLiteral(demo)});
            }
            ids.append(id);
        }
        s.run(QStringLiteral("UPDATE orgs SET users_revision = users_revision + 1, change_seq = "
                             "? WHERE id = ?"),
              {seq, orgId});
        // The domain rules cover the new addresses at once, as they cover a directory's new
        // user (under the organisation's lock, which ingestion holds shared).
        QHash<QString, QStringList> byDomain;
        for (int i = 0; i < ids.size(); ++i)
            byDomain[emailDomain(users.at(i).email)].append(ids.at(i));
        const QVector<StoredRule> rules
            = rulesOf(s, orgId, QStringLiteral("emailDomain"), byDomain.keys());
        if (!rules.isEmpty()) {
            s.run(QStringLiteral("SELECT 1 FROM orgs WHERE id = ? FOR UPDATE"), {orgId});
            QVector<CoverDelta> deltas;
            for (const StoredRule &rule : rules)
                deltas.append({rule, byDomain.value(rule.domain), {}});
            CoverState covers;
            covers.now = QDateTime::currentDateTimeUtc();
            applyCovers(s, orgId, deltas, covers, {}, seq, false, nullptr);
        }
        return Result::success(ids);
    });
}

StoreResult<bool> PostgresStore::addToken(const StoredToken &token)
{
    if (!ensureConnected())
        return unavailable<bool>();
    using Result = StoreResult<bool>;
    return transact<bool>(nullptr, [&](PgSession &s) -> Result {
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("INSERT INTO tokens (hash, user_id, demo, created_at, "
                                           "change_seq, expires_at) SELECT ?, id, ?, now(), ?, "
                                           "?::timestamptz FROM users WHERE id = ?"),
                            {QString::fromLatin1(token.hash), token.demo, seq,
                             token.expiresAt.isValid() ? QVariant(toDbTime(token.expiresAt))
                                                       : QVariant(QMetaType(QMetaType::QString)),
                             token.userId});
        if (q.numRowsAffected() != 1)
            return Result::failure(StoreStatus::Failed, QStringLiteral("no such user"));
        return Result::success(true);
    });
}

StoreResult<bool> PostgresStore::revokeToken(const QByteArray &hash)
{
    if (!ensureConnected())
        return unavailable<bool>();
    using Result = StoreResult<bool>;
    return transact<bool>(nullptr, [&](PgSession &s) -> Result {
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("UPDATE tokens SET revoked_at = now(), change_seq = ? "
                                           "WHERE hash = ? AND revoked_at IS NULL"),
                            {seq, QString::fromLatin1(hash)});
        if (q.numRowsAffected() != 1) { // nothing to revoke: no change number used
            s.setRollbackOnly();
            return Result::success(false);
        }
        return Result::success(true);
    });
}

StoreResult<bool> PostgresStore::recordTokenUse(const QByteArray &hash, const QDateTime &minute)
{
    if (!ensureConnected())
        return unavailable<bool>();
    using Result = StoreResult<bool>;
    // Not a change the caches follow: no change number.
    return transact<bool>(nullptr, [&](PgSession &s) -> Result {
        QSqlQuery q = s.run(QStringLiteral("UPDATE tokens SET last_used_at = ?::timestamptz WHERE "
                                           "hash = ? AND (last_used_at IS NULL OR last_used_at < "
                                           "?::timestamptz)"),
                            {toDbTime(minute), QString::fromLatin1(hash), toDbTime(minute)});
        return Result::success(q.numRowsAffected() == 1);
    });
}

StoreResult<QVector<TokenListing>> PostgresStore::tokensOf(const QString &orgId)
{
    if (!ensureConnected())
        return unavailable<QVector<TokenListing>>();
    using Result = StoreResult<QVector<TokenListing>>;
    return transact<QVector<TokenListing>>("READ ONLY", [&](PgSession &s) -> Result {
        QSqlQuery q
            = s.run(QStringLiteral("SELECT u.email, t.demo, %1, %2, %3 FROM tokens t JOIN "
                                   "users u ON u.id = t.user_id WHERE u.org_id = ? AND "
                                   "t.revoked_at IS NULL ORDER BY lower(u.email), "
                                   "t.created_at")
                        .arg(msOf("t.created_at"), msOf("t.expires_at"), msOf("t.last_used_at")),
                    {orgId});
        QVector<TokenListing> tokens;
        while (q.next()) {
            tokens.append({q.value(0).toString(), q.value(1).toBool(), fromMs(q.value(2)),
                           fromMs(q.value(3)), fromMs(q.value(4))});
        }
        return Result::success(std::move(tokens));
    });
}

StoreResult<QStringList> PostgresStore::setOidcConfig(const OidcConfig &config)
{
    if (!ensureConnected())
        return unavailable<QStringList>();
    using Result = StoreResult<QStringList>;
    return transact<QStringList>(nullptr, [&](PgSession &s) -> Result {
        // Two organisations claiming one domain at once: the second waits, then finds it taken.
        s.plain(QStringLiteral("LOCK TABLE oidc_domains IN SHARE ROW EXCLUSIVE MODE"));
        QSqlQuery q = s.run(QStringLiteral("SELECT domain FROM oidc_domains WHERE domain = "
                                           "ANY(?::text[]) AND org_id <> ? ORDER BY domain"),
                            {arrayLiteral(config.emailDomains), config.orgId});
        QStringList taken;
        while (q.next())
            taken.append(q.value(0).toString());
        if (!taken.isEmpty()) {
            s.setRollbackOnly();
            return Result::success(taken);
        }
        s.run(QStringLiteral("DELETE FROM oidc_domains WHERE org_id = ?"), {config.orgId});
        s.run(QStringLiteral("INSERT INTO oidc_configs (org_id, issuer, client_id) VALUES (?, ?, "
                             "?) ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, "
                             "client_id = excluded.client_id"),
              {config.orgId, config.issuer, config.clientId});
        for (const QString &domain : config.emailDomains) {
            s.run(QStringLiteral("INSERT INTO oidc_domains (domain, org_id) VALUES (?, ?)"),
                  {domain, config.orgId});
        }
        return Result::success({});
    });
}

StoreResult<bool> PostgresStore::unsetOidcConfig(const QString &orgId)
{
    if (!ensureConnected())
        return unavailable<bool>();
    using Result = StoreResult<bool>;
    return transact<bool>(nullptr, [&](PgSession &s) -> Result {
        s.run(QStringLiteral("DELETE FROM oidc_domains WHERE org_id = ?"), {orgId});
        QSqlQuery q = s.run(QStringLiteral("DELETE FROM oidc_configs WHERE org_id = ?"), {orgId});
        return Result::success(q.numRowsAffected() == 1);
    });
}

StoreResult<QVector<OidcConfig>> PostgresStore::oidcConfigs()
{
    if (!ensureConnected())
        return unavailable<QVector<OidcConfig>>();
    using Result = StoreResult<QVector<OidcConfig>>;
    return transact<QVector<OidcConfig>>("READ ONLY", [&](PgSession &s) -> Result {
        QSqlQuery q = s.run(QStringLiteral("SELECT c.org_id, c.issuer, c.client_id, d.domain "
                                           "FROM oidc_configs c LEFT JOIN oidc_domains d ON "
                                           "d.org_id = c.org_id ORDER BY c.org_id, d.domain"));
        QVector<OidcConfig> configs;
        while (q.next()) {
            if (configs.isEmpty() || configs.last().orgId != q.value(0).toString())
                configs.append(OidcConfig {
                    q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), {}});
            if (!q.value(3).isNull())
                configs.last().emailDomains.append(q.value(3).toString());
        }
        return Result::success(std::move(configs));
    });
}

StoreResult<DirectoryUserOutcome>
PostgresStore::writeDirectoryUser(const DirectoryUserChange &change)
{
    if (!ensureConnected())
        return unavailable<DirectoryUserOutcome>();
    using Result = StoreResult<DirectoryUserOutcome>;
    using Kind = DirectoryUserOutcome::Kind;
    return transact<DirectoryUserOutcome>(nullptr, [&](PgSession &s) -> Result {
        // The meta row first: directory writes (and every other change) take turns, so two
        // creations of one userName cannot both find it free.
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("SELECT id, deleted FROM users WHERE org_id = ? AND "
                                           "lower(email) = lower(?) ORDER BY deleted LIMIT 1"),
                            {change.orgId, change.email});
        QString holder;
        bool holderDeleted = false;
        if (q.next()) {
            holder = q.value(0).toString();
            holderDeleted = q.value(1).toBool();
        }
        DirectoryUserOutcome outcome;
        QString id = change.userId;
        if (change.kind == DirectoryUserChange::Kind::Create) {
            if (!holder.isEmpty() && !holderDeleted) {
                s.setRollbackOnly();
                outcome.kind = Kind::Conflict;
                return Result::success(outcome);
            }
            id = holder; // a deleted user created again keeps its id
        } else {
            q = s.run(QStringLiteral("SELECT 1 FROM users WHERE id = ? AND org_id = ? AND NOT "
                                     "deleted FOR UPDATE"),
                      {change.userId, change.orgId});
            if (!q.next()) {
                s.setRollbackOnly();
                outcome.kind = Kind::NotFound;
                return Result::success(outcome);
            }
            if (!holder.isEmpty() && holder != change.userId && !holderDeleted) {
                s.setRollbackOnly();
                outcome.kind = Kind::Conflict;
                return Result::success(outcome);
            }
            if (!holder.isEmpty() && holder != change.userId) {
                // A deleted user's old address taken by another: the deleted one lets go of it.
                s.run(QStringLiteral("UPDATE users SET email = id || '.deleted.' || email WHERE "
                                     "id = ?"),
                      {holder});
            }
        }
        QString emailBefore; // of the user changed (none for a new one)
        bool deletedBefore = false;
        if (!id.isEmpty()) {
            q = s.run(QStringLiteral("SELECT email, deleted FROM users WHERE id = ?"), {id});
            if (q.next()) {
                emailBefore = q.value(0).toString();
                deletedBefore = q.value(1).toBool();
            }
        }
        const bool active = change.active && !change.deleted;
        const QVariant externalId = change.externalId.isEmpty()
            ? QVariant(QMetaType(QMetaType::QString))
            : change.externalId;
        if (id.isEmpty()) {
            q = s.run(QStringLiteral("UPDATE meta SET next_user = next_user + 1 RETURNING "
                                     "next_user - 1"));
            q.next();
            id = QStringLiteral("u-%1").arg(q.value(0).toLongLong());
            s.run(QStringLiteral("INSERT INTO users (id, org_id, email, name, roles, created_at, "
                                 "change_seq, active, deleted, external_id) VALUES (?, ?, ?, ?, "
                                 "'user', now(), ?, ?, false, ?)"),
                  {id, change.orgId, change.email, change.name, seq, active, externalId});
            outcome.created = true;
        } else {
            s.run(QStringLiteral("UPDATE users SET email = ?, name = ?, external_id = ?, active = "
                                 "?, deleted = ?, change_seq = ? WHERE id = ?"),
                  {change.email, change.name, externalId, active, change.deleted, seq, id});
        }
        // A user deleted, or created again, leaves or rejoins the member counts of its groups.
        if (deletedBefore != change.deleted) {
            s.run(QStringLiteral("UPDATE groups SET member_count = member_count + ? WHERE id IN "
                                 "(SELECT group_id FROM group_members WHERE user_id = ?)"),
                  {change.deleted ? -1 : 1, id});
        }
        q = s.run(QStringLiteral("UPDATE orgs SET users_revision = users_revision + 1, "
                                 "change_seq = ? WHERE id = ? RETURNING users_revision"),
                  {seq, change.orgId});
        if (!q.next())
            return Result::failure(StoreStatus::Failed, QStringLiteral("no such organisation"));
        outcome.usersRevision = q.value(0).toLongLong();
        q = s.run(
            QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(QLatin1String(UserColumns)),
            {id});
        if (!q.next())
            return Result::failure(StoreStatus::Failed, QStringLiteral("user not written"));
        outcome.user = userFrom(q);
        outcome.changeSeq = seq;
        // A new address in another domain: the domain rules follow it.
        const QString domainBefore = emailDomain(emailBefore);
        const QString domainAfter = emailDomain(outcome.user.email);
        if (domainBefore != domainAfter) {
            QVector<CoverDelta> deltas;
            for (const StoredRule &rule : rulesOf(s, change.orgId, QStringLiteral("emailDomain"),
                                                  {domainBefore, domainAfter})) {
                if (rule.domain == domainAfter)
                    deltas.append({rule, {id}, {}});
                else
                    deltas.append({rule, {}, {id}});
            }
            if (!deltas.isEmpty()) {
                s.run(QStringLiteral("SELECT 1 FROM orgs WHERE id = ? FOR UPDATE"), {change.orgId});
                CoverState covers;
                covers.now = QDateTime::currentDateTimeUtc();
                covers.purgeAfterSeconds = change.purgeAfterSeconds;
                applyCovers(s, change.orgId, deltas, covers, change.requestId, seq, false, nullptr);
            }
        }
        return Result::success(outcome);
    });
}

// ---- Enforcement counters (enforcementcounts.h) and the organisation's time zone -----------

void PostgresStore::writeEnforcement(PgSession &s, const Enforcement::Tally &tally)
{
    if (!m_spec.countEnforcement || tally.isEmpty())
        return;
    // This connection's own rows (m_shard): instances add side by side, never queued behind
    // one row; the rows in key order, so two transactions never wait for each other in a
    // circle.
    const auto &rows = tally.rows();
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const Enforcement::Counts &c = it.value();
        if (c.isZero())
            continue;
        PgSession::exec(s.upsertCounts(),
                        {it.key().first, it.key().second, m_shard, c.acceptedClient,
                         c.acceptedServer, c.discardedClient, c.discardedServer, c.deletedEvents,
                         c.optOuts, c.optIns});
    }
}

// The same counters as writeEnforcement() as statements, each followed by "; ", for a string
// of statements of ingestion's.
QString PostgresStore::enforcementStatements(PgSession &s, const Enforcement::Tally &tally)
{
    QString sql;
    if (!m_spec.countEnforcement)
        return sql;
    const auto &rows = tally.rows();
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const Enforcement::Counts &c = it.value();
        if (c.isZero())
            continue;
        sql += s.withValues(QLatin1String(Enforcement::upsertSql()),
                            {it.key().first, it.key().second, m_shard, c.acceptedClient,
                             c.acceptedServer, c.discardedClient, c.discardedServer,
                             c.deletedEvents, c.optOuts, c.optIns});
        sql += QStringLiteral("; ");
    }
    return sql;
}

StoreResult<Enforcement::History> PostgresStore::enforcementHistory(const QString &orgId,
                                                                    qint64 fromSlot, qint64 toSlot)
{
    using Result = StoreResult<Enforcement::History>;
    if (!ensureConnected())
        return unavailable<Enforcement::History>();
    return transact<Enforcement::History>(
        "ISOLATION LEVEL REPEATABLE READ READ ONLY", [&](PgSession &s) -> Result {
            // Organisations made after the migration start at their creation, no one out.
            QSqlQuery q = s.run(QStringLiteral("SELECT %1, coalesce(e.opted_out_users, 0) FROM "
                                               "orgs o LEFT JOIN enforcement_origin e ON "
                                               "e.org_id = o.id WHERE o.id = ?")
                                    .arg(msOf("coalesce(e.counting_since, o.created_at)")),
                                {orgId});
            if (!q.next())
                return Result::failure(StoreStatus::Failed,
                                       QStringLiteral("no organisation %1").arg(orgId));
            const QDateTime countingSince = fromMs(q.value(0));
            const qint64 optedOutAtOrigin = q.value(1).toLongLong();
            q = s.run(QStringLiteral("SELECT coalesce(sum(opt_outs - opt_ins), 0)::int8 FROM "
                                     "enforcement_counts WHERE org_id = ? AND slot < ?::int8"),
                      {orgId, fromSlot});
            const qint64 netBefore = q.next() ? q.value(0).toLongLong() : 0;
            q = s.run(QStringLiteral("SELECT slot, %1 FROM enforcement_counts WHERE org_id = ? "
                                     "AND slot >= ?::int8 AND slot < ?::int8 GROUP BY slot ORDER "
                                     "BY slot")
                          .arg(QLatin1String(Enforcement::countColumnsSum())),
                      {orgId, fromSlot, toSlot});
            return Result::success(
                Enforcement::historyFromRows(countingSince, optedOutAtOrigin, netBefore, q));
        });
}

StoreResult<bool> PostgresStore::setOrgTimeZone(const QString &orgId, const QString &timeZone)
{
    if (!ensureConnected())
        return unavailable<bool>();
    return transact<bool>(nullptr, [&](PgSession &s) {
        const qint64 seq = s.nextChange();
        QSqlQuery q
            = s.run(QStringLiteral("UPDATE orgs SET time_zone = ?, change_seq = ? WHERE id = ?"),
                    {timeZone, seq, orgId});
        const bool found = q.numRowsAffected() == 1;
        if (!found)
            s.setRollbackOnly();
        return StoreResult<bool>::success(found);
    });
}

// ---- Groups (SCIM Groups): the state planGroupChange() needs, and its plan written ----------

namespace {

QString groupColumns()
{
    return QStringLiteral("g.id, g.org_id, g.display_name, coalesce(g.external_id, ''), %1, "
                          "g.member_count")
        .arg(msOf("g.created_at"));
}

StoredGroup groupFrom(const QSqlQuery &q)
{
    StoredGroup g;
    g.id = q.value(0).toString();
    g.orgId = q.value(1).toString();
    g.displayName = q.value(2).toString();
    g.externalId = q.value(3).toString();
    g.createdAt = fromMs(q.value(4));
    g.memberCount = q.value(5).toLongLong();
    return g;
}

void readMembers(PgSession &s, StoredGroup *group)
{
    QSqlQuery q = s.run(QStringLiteral("SELECT user_id FROM group_members WHERE group_id = ? "
                                       "ORDER BY user_id"),
                        {group->id});
    group->memberIds.clear();
    while (q.next())
        group->memberIds.append(q.value(0).toString());
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(s);
}

} // namespace

namespace {

QString ruleColumns()
{
    return QStringLiteral("r.id, r.org_id, r.kind, r.target, coalesce(g.display_name, ''), "
                          "coalesce(r.reason, ''), %1, r.created_by")
        .arg(msOf("r.created_at"));
}

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
    r.createdAt = fromMs(q.value(6));
    r.createdBy = q.value(7).toString();
    return r;
}

} // namespace

QVector<StoredRule> PostgresStore::readRules(PgSession &s, const QStringList &orgIds)
{
    QSqlQuery q = s.run(QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON "
                                       "r.kind = 'group' AND g.id = r.target WHERE ? OR r.org_id "
                                       "= ANY(?::text[]) ORDER BY substr(r.id, 3)::bigint")
                            .arg(ruleColumns()),
                        {orgIds.isEmpty(), arrayLiteral(orgIds)});
    QVector<StoredRule> rules;
    while (q.next())
        rules.append(ruleFrom(q));
    return rules;
}

void PostgresStore::writeAudit(PgSession &s, const QString &orgId, const QString &requestId,
                               const QVector<PlannedAuditEntry> &entries)
{
    if (!entries.isEmpty())
        s.run(auditStatement(s, orgId, requestId, entries));
}

QString PostgresStore::auditStatement(PgSession &s, const QString &orgId, const QString &requestId,
                                      const QVector<PlannedAuditEntry> &entries)
{
    QStringList users, times, actions, actors, reasons, counts, details;
    for (const PlannedAuditEntry &a : entries) {
        users.append(a.userId.isEmpty() ? QString() : a.userId);
        times.append(toDbTime(a.at));
        actions.append(a.action);
        actors.append(a.actorId);
        reasons.append(a.reason);
        counts.append(a.count < 0 ? QString() : QString::number(a.count));
        details.append(a.detail.isEmpty() ? QString() : QString::fromUtf8(a.detail));
    }
    return s.withValues(
        QStringLiteral("INSERT INTO audit (org_id, at, action, actor_id, user_id, reason, count, "
                       "request_id, detail) SELECT ?, a::timestamptz, c, x, u, r, n::int8, ?, d "
                       "FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                       "?::text[], ?::text[]) WITH ORDINALITY AS t(u, a, c, x, r, n, d, i) ORDER "
                       "BY i"),
        {orgId, requestId.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(requestId),
         arrayLiteral(users, Nulls::Null), arrayLiteral(times), arrayLiteral(actions),
         arrayLiteral(actors, Nulls::Null), arrayLiteral(reasons, Nulls::Null),
         arrayLiteral(counts, Nulls::Null), arrayLiteral(details, Nulls::Null)});
}

StoreResult<GroupChangeOutcome>
PostgresStore::writeDirectoryGroup(const GroupChangeRequest &request)
{
    if (!ensureConnected())
        return unavailable<GroupChangeOutcome>();
    using Result = StoreResult<GroupChangeOutcome>;
    return transact<GroupChangeOutcome>(nullptr, [&](PgSession &s) -> Result {
        // The meta row first: directory writes take turns, so two creations of one display
        // name, or two patches of one group, cannot interleave.
        const qint64 seq = s.nextChange();
        GroupState state;
        if (request.kind != GroupChangeRequest::Kind::Create) {
            QSqlQuery q = s.run(
                QStringLiteral("SELECT %1 FROM groups g WHERE g.id = ? AND g.org_id = ? FOR UPDATE")
                    .arg(groupColumns()),
                {request.groupId, request.orgId});
            if (q.next()) {
                state.exists = true;
                state.group = groupFrom(q);
                readMembers(s, &state.group);
            }
        }
        if (request.displayName) {
            QSqlQuery q = s.run(QStringLiteral("SELECT 1 FROM groups WHERE org_id = ? AND "
                                               "display_name = ? AND id <> ?"),
                                {request.orgId, *request.displayName,
                                 request.groupId.isNull() ? QStringLiteral("") : request.groupId});
            state.nameTaken = q.next();
        }
        const QStringList named = namedUserIds(request);
        if (!named.isEmpty()) {
            // Users the directory shows: not deleted, not service accounts.
            QSqlQuery q = s.run(QStringLiteral("SELECT id FROM users WHERE org_id = ? AND NOT "
                                               "deleted AND roles NOT LIKE '%tracking_service%' "
                                               "AND roles NOT LIKE '%directory_sync%' AND id = "
                                               "ANY(?::text[])"),
                                {request.orgId, arrayLiteral(named)});
            while (q.next())
                state.knownUserIds.insert(q.value(0).toString());
        }
        const GroupPlan plan = planGroupChange(request, state);
        GroupChangeOutcome outcome = plan.outcome();
        if (plan.kind != GroupPlan::Kind::Applied || !plan.changes()) {
            s.setRollbackOnly();
            return Result::success(outcome);
        }
        outcome.changeSeq = seq;
        // A change to the groups is a change to the users' directory: the change stream of every
        // instance says so (the organisation's change_seq brings it to their caches).
        QSqlQuery stepped = s.run(QStringLiteral("UPDATE orgs SET users_revision = users_revision "
                                                 "+ 1, change_seq = ? WHERE id = ? RETURNING "
                                                 "users_revision"),
                                  {seq, request.orgId});
        if (stepped.next())
            outcome.usersRevision = stepped.value(0).toLongLong();
        // The group's rule, if it has one: its members' opt-outs follow the change (under the
        // organisation's lock, which ingestion holds shared).
        const QVector<StoredRule> groupRules = state.exists
            ? rulesOf(s, request.orgId, QStringLiteral("group"), {request.groupId})
            : QVector<StoredRule>();
        const auto followRule = [&] {
            if (groupRules.isEmpty())
                return;
            s.run(QStringLiteral("SELECT 1 FROM orgs WHERE id = ? FOR UPDATE"), {request.orgId});
            StoredRule rule = groupRules.constFirst();
            if (!plan.deleteGroup)
                rule.groupName = outcome.group.displayName;
            CoverState covers;
            covers.now = QDateTime::currentDateTimeUtc();
            covers.purgeAfterSeconds = request.purgeAfterSeconds;
            if (plan.deleteGroup) // gone from the directory: so is its rule
                s.run(QStringLiteral("DELETE FROM optout_rules WHERE id = ?"), {rule.id});
            const CoverPlan coverPlan = applyCovers(
                s, request.orgId, {CoverDelta {rule, plan.added, plan.removed}}, covers,
                request.requestId, seq, plan.deleteGroup || plan.fieldsChanged, &outcome.covers);
            if (plan.deleteGroup) {
                writeAudit(s, request.orgId, request.requestId,
                           {{covers.now,
                             QStringLiteral("rule_deleted"),
                             {},
                             {},
                             rule.reason,
                             coverPlan.optedIn(),
                             ruleDetailJson(rule)}});
            }
        };
        if (plan.deleteGroup) {
            followRule();
            s.run(QStringLiteral("DELETE FROM groups WHERE id = ?"), {request.groupId});
            return Result::success(outcome);
        }
        if (request.kind == GroupChangeRequest::Kind::Create) {
            QSqlQuery q = s.run(QStringLiteral("UPDATE meta SET next_group = next_group + 1 "
                                               "RETURNING next_group - 1, %1")
                                    .arg(msOf("now()")));
            q.next();
            outcome.group.id = QStringLiteral("g-%1").arg(q.value(0).toLongLong());
            outcome.group.createdAt = fromMs(q.value(1));
            s.run(QStringLiteral("INSERT INTO groups (id, org_id, display_name, external_id, "
                                 "created_at, change_seq) VALUES (?, ?, ?, ?, now(), ?)"),
                  {outcome.group.id, request.orgId, outcome.group.displayName,
                   textOrNull(outcome.group.externalId), seq});
        } else {
            s.run(QStringLiteral("UPDATE groups SET display_name = ?, external_id = ?, "
                                 "change_seq = ? WHERE id = ?"),
                  {outcome.group.displayName, textOrNull(outcome.group.externalId), seq,
                   request.groupId});
        }
        if (!plan.removed.isEmpty()) {
            s.run(QStringLiteral("DELETE FROM group_members WHERE group_id = ? AND user_id = "
                                 "ANY(?::text[])"),
                  {outcome.group.id, arrayLiteral(plan.removed)});
        }
        if (!plan.added.isEmpty()) {
            s.run(QStringLiteral("INSERT INTO group_members (group_id, user_id) SELECT ?, u FROM "
                                 "unnest(?::text[]) AS t(u)"),
                  {outcome.group.id, arrayLiteral(plan.added)});
        }
        // The member count, in the same transaction (the group's row is locked): those added
        // are in the directory (the plan took only such users); those removed counted unless
        // deleted.
        QSqlQuery counted = s.run(
            QStringLiteral("UPDATE groups SET member_count = member_count + ? - (SELECT count(*) "
                           "FROM users WHERE NOT deleted AND id = ANY(?::text[])) WHERE id = ? "
                           "RETURNING member_count"),
            {qint64(plan.added.size()), arrayLiteral(plan.removed), outcome.group.id});
        if (counted.next())
            outcome.group.memberCount = counted.value(0).toLongLong();
        followRule();
        return Result::success(outcome);
    });
}

StoreResult<GroupPage> PostgresStore::directoryGroups(const GroupQuery &query)
{
    if (!ensureConnected())
        return unavailable<GroupPage>();
    return transact<GroupPage>("ISOLATION LEVEL REPEATABLE READ READ ONLY", [&](PgSession &s) {
        const GroupFilterSql filter = groupFilterSql(query);
        const QString &where = filter.where;
        const QVariantList &values = filter.values;
        GroupPage page;
        QSqlQuery q = s.run(QStringLiteral("SELECT (SELECT count(*) FROM groups g WHERE %1), "
                                           "users_revision, revision FROM orgs WHERE id = ?")
                                .arg(where),
                            values + QVariantList {query.orgId});
        if (q.next()) {
            page.total = q.value(0).toLongLong();
            page.version = groupsVersion(q.value(1).toLongLong(), q.value(2).toLongLong());
        } else {
            page.version = groupsVersion(0, 0);
        }
        q = s.run(QStringLiteral("SELECT %1 FROM groups g WHERE %2 ORDER BY g.display_name "
                                 "COLLATE \"C\", g.id LIMIT ? OFFSET ?")
                      .arg(groupColumns(), where),
                  values + QVariantList {query.limit, query.offset});
        while (q.next())
            page.groups.append(groupFrom(q));
        if (query.withMembers) {
            for (StoredGroup &g : page.groups)
                readMembers(s, &g);
        }
        return StoreResult<GroupPage>::success(std::move(page));
    });
}

StoreResult<UserGroups> PostgresStore::groupsOfUsers(const QString &orgId,
                                                     const QStringList &userIds)
{
    if (!ensureConnected())
        return unavailable<UserGroups>();
    return transact<UserGroups>("READ ONLY", [&](PgSession &s) {
        UserGroups groups;
        QSqlQuery q = s.run(QStringLiteral("SELECT m.user_id, g.id, g.display_name FROM "
                                           "group_members m JOIN groups g ON g.id = m.group_id "
                                           "WHERE g.org_id = ? AND m.user_id = ANY(?::text[]) "
                                           "ORDER BY g.display_name COLLATE \"C\", g.id"),
                            {orgId, arrayLiteral(userIds)});
        while (q.next()) {
            groups[q.value(0).toString()].append({q.value(1).toString(), q.value(2).toString()});
        }
        return StoreResult<UserGroups>::success(std::move(groups));
    });
}

// ---- Opt-out rules: the state planCoverChange() needs, and its plan written ------------------

CoverPlan PostgresStore::applyCovers(PgSession &s, const QString &orgId,
                                     const QVector<CoverDelta> &deltas, CoverState state,
                                     const QString &requestId, qint64 changeSeq, bool stepRevision,
                                     CoverChanges *changes)
{
    const QStringList users = state.rowsRead ? QStringList() : coverUsers(deltas);
    if (!users.isEmpty()) {
        QSqlQuery q = s.run(QStringLiteral("SELECT %1 FROM optouts WHERE user_id = "
                                           "ANY(?::text[]) ORDER BY user_id FOR UPDATE")
                                .arg(optOutColumns()),
                            {arrayLiteral(users)});
        while (q.next()) {
            const StoredOptOut o = optOutFrom(q);
            state.rows.insert(o.userId, o);
        }
    }
    // The stored events of those a rule newly opts out: counted when deleted now, else only
    // whether there are any (one index look-up per user, however many events they have).
    const QStringList counted = coverEventCountsNeeded(deltas, state.rows);
    if (!counted.isEmpty() && coverDeletesEventsNow(state)) {
        QSqlQuery q = s.run(QStringLiteral("SELECT user_id, count(*) FROM usage_events WHERE "
                                           "org_id = ? AND user_id = ANY(?::text[]) GROUP BY "
                                           "user_id"),
                            {orgId, arrayLiteral(counted)});
        while (q.next())
            state.storedEvents.insert(q.value(0).toString(), q.value(1).toLongLong());
    } else if (!counted.isEmpty()) {
        QSqlQuery q = s.run(QStringLiteral("SELECT t.u FROM unnest(?::text[]) AS t(u) WHERE "
                                           "EXISTS (SELECT 1 FROM usage_events e WHERE e.org_id "
                                           "= ? AND e.user_id = t.u)"),
                            {arrayLiteral(counted), orgId});
        while (q.next())
            state.storedEvents.insert(q.value(0).toString(), 1);
    }
    CoverPlan plan = planCoverChange(deltas, state);
    insertCoverRows(s, orgId, &plan.inserts);
    if (!plan.ruleUpdates.isEmpty()) {
        QStringList ids, rules;
        for (const auto &[id, list] : std::as_const(plan.ruleUpdates)) {
            ids.append(id);
            rules.append(list.join(QLatin1Char(',')));
        }
        s.run(QStringLiteral("UPDATE optouts o SET rule_ids = t.x FROM unnest(?::text[], "
                             "?::text[]) AS t(u, x) WHERE o.user_id = t.u"),
              {arrayLiteral(ids), arrayLiteral(rules)});
    }
    if (!plan.deletes.isEmpty()) {
        s.run(QStringLiteral("DELETE FROM optouts WHERE user_id = ANY(?::text[])"),
              {arrayLiteral(plan.deletes)});
    }
    qint64 deleted = 0;
    if (!plan.purges.isEmpty()) {
        QStringList purged;
        for (const auto &[id, count] : std::as_const(plan.purges)) {
            purged.append(id);
            deleted += count;
        }
        s.run(QStringLiteral("DELETE FROM usage_events WHERE org_id = ? AND user_id = "
                             "ANY(?::text[])"),
              {orgId, arrayLiteral(purged)});
    }
    writeAudit(s, orgId, requestId, plan.audit);
    if (plan.changes()) {
        QVector<QDateTime> times;
        for (const StoredOptOut &o : std::as_const(plan.inserts))
            times.append(o.at);
        writeEnforcement(s,
                         Enforcement::optOutChangeTally(orgId, times, int(plan.deletes.size()),
                                                        deleted, state.now));
    }
    if (plan.changes() || stepRevision) {
        QSqlQuery q = s.run(QStringLiteral("UPDATE orgs SET revision = revision + 1, change_seq "
                                           "= ?, optouts_change_seq = ? WHERE id = ? RETURNING "
                                           "revision"),
                            {changeSeq, changeSeq, orgId});
        if (changes && q.next()) {
            changes->revisionAfter = q.value(0).toLongLong();
            changes->revisionBefore = changes->revisionAfter - 1;
            changes->rows = plan.changedRows();
            changes->deletedUserIds = plan.deletes;
        }
    }
    return plan;
}

// A cover plan's new rows in one statement. They share almost everything (a rule's 50,000 new
// rows differ in the user and, with a retention window, in whether there is a purge time), so
// each distinct rest of a row is sent once and each row names its own by index: the statement
// carries the user ids and small numbers, not seven values a row (the times as text, parsed
// 50,000 times). The sequence numbers are taken in the rows' order by the INSERT itself and
// come back with RETURNING (no round trip of 50,000 numbers before it).
void PostgresStore::insertCoverRows(PgSession &s, const QString &orgId, QVector<StoredOptOut> *rows)
{
    if (rows->isEmpty())
        return;
    struct Shared
    {
        QDateTime at;
        QString byUserId;
        QString reason;
        QDateTime purgeAt;
        QStringList ruleIds;
        bool operator==(const Shared &o) const
        {
            return at == o.at && byUserId == o.byUserId && reason == o.reason
                && purgeAt == o.purgeAt && ruleIds == o.ruleIds;
        }
    };
    QVector<Shared> shared; // a handful: looked through linearly, from the last one used
    QStringList ids, kinds;
    ids.reserve(rows->size());
    kinds.reserve(rows->size());
    qsizetype last = -1;
    for (const StoredOptOut &o : std::as_const(*rows)) {
        const Shared rest {o.at, o.byUserId, o.reason, o.purgeAt, o.ruleIds};
        if (last < 0 || !(shared.at(last) == rest)) {
            last = std::find(shared.cbegin(), shared.cend(), rest) - shared.cbegin();
            if (last == shared.size())
                shared.append(rest);
        }
        ids.append(o.userId);
        kinds.append(QString::number(last + 1));
    }
    QStringList times, bys, reasons, purgeAts, ruleIds;
    for (const Shared &rest : std::as_const(shared)) {
        times.append(toDbTime(rest.at));
        bys.append(rest.byUserId);
        reasons.append(rest.reason);
        purgeAts.append(rest.purgeAt.isValid() ? toDbTime(rest.purgeAt) : QString());
        ruleIds.append(rest.ruleIds.join(QLatin1Char(',')));
    }
    // A row's shared values are the k-th of the small arrays (a subscript, no join: the rows
    // are read, numbered and inserted in the list's order).
    QSqlQuery q = s.run(
        QStringLiteral("INSERT INTO optouts (user_id, org_id, opted_out_at, opted_out_by, seq, "
                       "reason, purge_at, individual, rule_ids) SELECT t.u, ?, "
                       "(?::timestamptz[])[t.k], (?::text[])[t.k], nextval('optout_seq'), "
                       "(?::text[])[t.k], (?::timestamptz[])[t.k], false, (?::text[])[t.k] FROM "
                       "unnest(?::text[], ?::int[]) AS t(u, k) RETURNING user_id, seq"),
        {orgId, arrayLiteral(times), arrayLiteral(bys), arrayLiteral(reasons, Nulls::Null),
         arrayLiteral(purgeAts, Nulls::Null), arrayLiteral(ruleIds), arrayLiteral(ids),
         arrayLiteral(kinds)});
    QHash<QString, qint64> seqs;
    seqs.reserve(rows->size());
    while (q.next())
        seqs.insert(q.value(0).toString(), q.value(1).toLongLong());
    if (seqs.size() != rows->size()) {
        throw DbError {
            StoreStatus::Failed,
            QStringLiteral("%1 of %2 opt-out rows inserted").arg(seqs.size()).arg(rows->size()),
            {},
            false};
    }
    for (StoredOptOut &o : *rows)
        o.seq = seqs.value(o.userId);
}

QVector<StoredRule> PostgresStore::rulesOf(PgSession &s, const QString &orgId, const QString &kind,
                                           const QStringList &targets)
{
    QSqlQuery q = s.run(QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON "
                                       "r.kind = 'group' AND g.id = r.target WHERE r.org_id = ? "
                                       "AND r.kind = ? AND r.target = ANY(?::text[])")
                            .arg(ruleColumns()),
                        {orgId, kind, arrayLiteral(targets)});
    QVector<StoredRule> rules;
    while (q.next())
        rules.append(ruleFrom(q));
    return rules;
}

StoreResult<RuleChangeOutcome> PostgresStore::changeRule(const RuleChangeRequest &request)
{
    if (!ensureConnected())
        return unavailable<RuleChangeOutcome>();
    using Result = StoreResult<RuleChangeOutcome>;
    using Kind = RuleChangeOutcome::Kind;
    return transact<RuleChangeOutcome>(nullptr, [&](PgSession &s) -> Result {
        RuleChangeOutcome outcome;
        // Lock order, as applyOptOuts(): meta, the organisation (ingestion holds it shared),
        // its users' rows.
        const qint64 seq = s.nextChange();
        QSqlQuery q = s.run(QStringLiteral("SELECT revision FROM orgs WHERE id = ? FOR UPDATE"),
                            {request.orgId});
        if (!q.next())
            return Result::failure(StoreStatus::Failed, QStringLiteral("no such organisation"));
        outcome.revision = q.value(0).toLongLong();
        CoverState state;
        state.now = QDateTime::currentDateTimeUtc();
        state.actorId = request.actorId;
        state.purgeAfterSeconds = request.purgeAfterSeconds;
        state.deleteStoredEvents = request.deleteStoredEvents;
        state.reason = request.reason;
        const auto refuse = [&](Kind kind) {
            s.setRollbackOnly();
            outcome.kind = kind;
            return Result::success(outcome);
        };

        if (request.kind == RuleChangeRequest::Kind::Delete) {
            q = s.run(QStringLiteral("SELECT %1 FROM optout_rules r LEFT JOIN groups g ON r.kind "
                                     "= 'group' AND g.id = r.target WHERE r.id = ? AND r.org_id "
                                     "= ?")
                          .arg(ruleColumns()),
                      {request.ruleId, request.orgId});
            if (!q.next())
                return refuse(Kind::NotFound);
            const StoredRule rule = ruleFrom(q);
            if (request.ifRevisionIn && !request.ifRevisionIn->contains(outcome.revision))
                return refuse(Kind::PreconditionFailed);
            CoverDelta delta {rule, {}, {}};
            q = s.run(QStringLiteral("SELECT user_id FROM optouts WHERE org_id = ? AND ? = "
                                     "ANY(string_to_array(rule_ids, ','))"),
                      {request.orgId, request.ruleId});
            while (q.next())
                delta.coverNoMore.append(q.value(0).toString());
            s.run(QStringLiteral("DELETE FROM optout_rules WHERE id = ?"), {request.ruleId});
            const CoverPlan plan = applyCovers(s, request.orgId, {delta}, state, request.requestId,
                                               seq, true, &outcome.covers);
            writeAudit(s, request.orgId, request.requestId,
                       {{state.now,
                         QStringLiteral("rule_deleted"),
                         request.actorId,
                         {},
                         rule.reason,
                         plan.optedIn(),
                         ruleDetailJson(rule)}});
            outcome.rule = rule;
            outcome.optedIn = plan.optedIn();
            outcome.revision += 1;
            return Result::success(outcome);
        }

        StoredRule rule;
        rule.orgId = request.orgId;
        rule.kind = request.ruleKind;
        rule.reason = request.reason;
        rule.createdBy = request.actorId;
        const bool group = request.ruleKind == StoredRule::Kind::Group;
        const QString kind = group ? QStringLiteral("group") : QStringLiteral("emailDomain");
        const QString target = group ? request.groupId : request.domain;
        if (group) {
            q = s.run(QStringLiteral("SELECT display_name FROM groups WHERE id = ? AND org_id = "
                                     "? FOR SHARE"),
                      {request.groupId, request.orgId});
            if (!q.next())
                return refuse(Kind::UnknownGroup);
            rule.groupId = request.groupId;
            rule.groupName = q.value(0).toString();
            // The preview's sample is the first by e-mail address; a creation needs only the
            // members (in the order of their ids) and their rows.
            q = s.run(request.kind == RuleChangeRequest::Kind::Preview
                          ? QStringLiteral("SELECT u.id, %1 FROM group_members m JOIN users u ON "
                                           "u.id = m.user_id LEFT JOIN optouts o ON o.user_id = "
                                           "u.id WHERE m.group_id = ? ORDER BY u.email COLLATE "
                                           "\"C\", u.id")
                                .arg(joinedOptOutColumns())
                          : QStringLiteral("SELECT m.user_id, %1 FROM group_members m LEFT JOIN "
                                           "optouts o ON o.user_id = m.user_id WHERE m.group_id = "
                                           "? ORDER BY m.user_id COLLATE \"C\"")
                                .arg(joinedOptOutColumns()),
                      {request.groupId});
        } else {
            rule.domain = request.domain;
            q = s.run(QStringLiteral("SELECT u.id, %1 FROM users u LEFT JOIN optouts o ON "
                                     "o.user_id = u.id WHERE u.org_id = ? AND "
                                     "lower(split_part(u.email, '@', 2)) = ? ORDER BY u.email "
                                     "COLLATE \"C\", u.id")
                          .arg(joinedOptOutColumns()),
                      {request.orgId, request.domain});
        }
        // The users it covers and their opt-out rows, read once: the organisation's row, held
        // FOR UPDATE, keeps every other writer of opt-out rows out until this commits.
        QStringList covered;
        while (q.next()) {
            covered.append(q.value(0).toString());
            if (q.value(1).isNull())
                ++outcome.newlyOptedOut;
            else
                state.rows.insert(covered.constLast(), optOutFrom(q, 1));
        }
        state.rowsRead = true;
        outcome.userCount = covered.size();
        outcome.sample = covered.mid(0, 10);
        const QVector<StoredRule> existing = rulesOf(s, request.orgId, kind, {target});
        if (!existing.isEmpty()) {
            outcome.newlyOptedOut = 0;
            if (request.kind == RuleChangeRequest::Kind::Create) {
                outcome.rule = existing.constFirst();
                return refuse(Kind::Existing);
            }
        }
        if (request.kind == RuleChangeRequest::Kind::Preview) {
            s.setRollbackOnly();
            return Result::success(outcome);
        }
        if (request.ifRevisionIn && !request.ifRevisionIn->contains(outcome.revision))
            return refuse(Kind::PreconditionFailed);
        q = s.run(QStringLiteral("UPDATE meta SET next_rule = next_rule + 1 RETURNING next_rule "
                                 "- 1"));
        q.next();
        rule.id = QStringLiteral("r-%1").arg(q.value(0).toLongLong());
        rule.createdAt = QDateTime::fromMSecsSinceEpoch(state.now.toMSecsSinceEpoch(), Qt::UTC);
        s.run(QStringLiteral("INSERT INTO optout_rules (id, org_id, kind, target, reason, "
                             "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?::timestamptz, ?)"),
              {rule.id, rule.orgId, kind, target,
               rule.reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                     : QVariant(rule.reason),
               toDbTime(rule.createdAt), rule.createdBy});
        const CoverPlan plan = applyCovers(s, request.orgId, {CoverDelta {rule, covered, {}}},
                                           state, request.requestId, seq, true, &outcome.covers);
        writeAudit(s, request.orgId, request.requestId,
                   {{state.now,
                     QStringLiteral("rule_created"),
                     request.actorId,
                     {},
                     rule.reason,
                     plan.optedOut(),
                     ruleDetailJson(rule)}});
        rule.userCount = covered.size();
        outcome.rule = rule;
        outcome.newlyOptedOut = plan.optedOut();
        outcome.revision += 1;
        return Result::success(outcome);
    });
}
