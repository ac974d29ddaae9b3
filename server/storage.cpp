// The service's data: SQLite through Qt Sql, with the in-memory indexes the API reads from.
#include "storage.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStorage, "optout.storage", QtInfoMsg)

namespace {

constexpr int ServerEventBatch = 500;
constexpr int ServerEventFlushMs = 1000;

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

// Commits on success, rolls back when it goes out of scope uncommitted.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db)
        : m_db(db)
    {
        m_open = m_db.transaction();
    }
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    bool isOpen() const { return m_open; }
    bool commit()
    {
        if (!m_open)
            return false;
        m_open = false;
        if (m_db.commit())
            return true;
        qCWarning(lcStorage) << "commit failed:" << m_db.lastError().text();
        m_db.rollback();
        return false;
    }

private:
    QSqlDatabase &m_db;
    bool m_open = false;
};

bool run(QSqlQuery &q)
{
    if (q.exec())
        return true;
    qCWarning(lcStorage).noquote() << "query failed:" << q.lastQuery() << q.lastError().text();
    return false;
}

bool prepare(QSqlQuery &q, const QString &sql)
{
    if (q.prepare(sql))
        return true;
    qCWarning(lcStorage).noquote() << "prepare failed:" << sql << q.lastError().text();
    return false;
}

qint64 idNumber(const QString &id)
{
    const int dash = id.indexOf(QLatin1Char('-'));
    return dash < 0 ? 0 : id.mid(dash + 1).toLongLong();
}

} // namespace

Storage::Storage(QObject *parent)
    : QObject(parent)
    , m_connection(QStringLiteral("optout-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_flushTimer.setInterval(ServerEventFlushMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &Storage::flushServerEvents);
    connect(&m_tokenTimer, &QTimer::timeout, this, &Storage::refreshTokens);
}

Storage::~Storage()
{
    close();
}

QByteArray Storage::hashToken(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

bool Storage::open(const QString &path, QString *error)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        *error = tr("Cannot open the database %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"))
        || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))) {
        *error = tr("Cannot configure the database %1.").arg(path);
        return false;
    }
    return migrate(error) && load(error);
}

void Storage::close()
{
    if (!m_db.isValid())
        return;
    flushServerEvents();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    qDeleteAll(m_users);
    m_users.clear();
    qDeleteAll(m_orgs);
    m_orgs.clear();
}

bool Storage::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    qCWarning(lcStorage).noquote() << "statement failed:" << sql << q.lastError().text();
    return false;
}

bool Storage::migrate(QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
        *error = tr("Cannot read the database's schema version.");
        return false;
    }
    const int version = q.value(0).toInt();
    if (version > SchemaVersion) {
        *error = tr("The database was written by a newer optout-server (schema %1; this one knows "
                    "up to %2).")
                     .arg(version)
                     .arg(SchemaVersion);
        return false;
    }
    if (version == SchemaVersion)
        return true;

    // Each step takes the file from version N to N+1 inside one transaction.
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
        QStringLiteral("PRAGMA user_version = 1"),
    };
    // 2: revocations are looked up by time, so a running server sees them within seconds.
    const QStringList toVersion2 {
        QStringLiteral("CREATE INDEX tokens_by_revocation ON tokens (revoked_at)"),
        QStringLiteral("PRAGMA user_version = 2"),
    };
    std::vector<QStringList> steps; // steps[N] takes the file from version N to N+1
    steps.push_back(toVersion1);
    steps.push_back(toVersion2);
    Q_ASSERT(int(steps.size()) == SchemaVersion);
    for (int v = version; v < SchemaVersion; ++v) {
        Transaction tx(m_db);
        for (const QString &sql : steps.at(v)) {
            if (!exec(sql)) {
                *error = tr("Cannot migrate the database to schema %1.").arg(v + 1);
                return false;
            }
        }
        if (!tx.commit()) {
            *error = tr("Cannot migrate the database to schema %1.").arg(v + 1);
            return false;
        }
        qCInfo(lcStorage) << "database migrated to schema" << v + 1;
    }
    return true;
}

bool Storage::load(QString *error)
{
    *error = tr("Cannot read the database.");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, name, product_name, revision, users_revision FROM orgs")))
        return false;
    while (q.next()) {
        auto *org = new Org;
        org->id = q.value(0).toString();
        org->name = q.value(1).toString();
        org->productName = q.value(2).toString();
        org->revision = q.value(3).toLongLong();
        org->usersRevision = q.value(4).toLongLong();
        m_orgs.insert(org->id, org);
    }
    if (!q.exec(QStringLiteral("SELECT id, org_id, email, name, roles FROM users")))
        return false;
    while (q.next()) {
        auto *user = new User;
        user->id = q.value(0).toString();
        user->orgId = q.value(1).toString();
        user->email = q.value(2).toString();
        user->name = q.value(3).toString();
        user->roles = q.value(4).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        m_users.insert(user->id, user);
        if (Org *org = m_orgs.value(user->orgId))
            org->usersByEmail.append(user);
    }
    for (Org *org : std::as_const(m_orgs))
        sortOrgUsers(org);
    if (!q.exec(QStringLiteral("SELECT hash, user_id, demo, rowid FROM tokens WHERE revoked_at IS "
                               "NULL")))
        return false;
    while (q.next()) {
        m_tokens.insert(q.value(0).toByteArray(), {q.value(1).toString(), q.value(2).toBool()});
        m_lastTokenRow = std::max(m_lastTokenRow, q.value(3).toLongLong());
    }
    if (!q.exec(QStringLiteral("SELECT MAX(rowid), MAX(revoked_at) FROM tokens")) || !q.next())
        return false;
    m_lastTokenRow = std::max(m_lastTokenRow, q.value(0).toLongLong());
    // Not null, or "revoked_at >= ?" would compare with NULL and never match.
    m_lastRevocationSeen = q.value(1).isNull() ? QStringLiteral("") : q.value(1).toString();
    if (!q.exec(QStringLiteral("SELECT user_id, opted_out_at, opted_out_by, seq FROM optouts")))
        return false;
    while (q.next()) {
        OptOut o {q.value(0).toString(), fromDbTime(q.value(1).toString()), q.value(2).toString(),
                  q.value(3).toLongLong()};
        m_nextSeq = std::max(m_nextSeq, o.seq + 1);
        m_optOuts.insert(o.userId, o);
    }
    error->clear();
    return true;
}

void Storage::sortOrgUsers(Org *org)
{
    std::sort(org->usersByEmail.begin(), org->usersByEmail.end(), [](const User *a, const User *b) {
        return a->email < b->email || (a->email == b->email && a->id < b->id);
    });
}

QList<const Org *> Storage::orgs() const
{
    QList<const Org *> list;
    for (const Org *org : m_orgs)
        list.append(org);
    std::sort(list.begin(), list.end(),
              [](const Org *a, const Org *b) { return idNumber(a->id) < idNumber(b->id); });
    return list;
}

const User *Storage::userForToken(const QByteArray &token) const
{
    if (token.isEmpty())
        return nullptr;
    const auto it = m_tokens.constFind(hashToken(token));
    if (it == m_tokens.cend() || (it->demo && !m_demoMode))
        return nullptr;
    return m_users.value(it->userId);
}

std::optional<OptOut> Storage::optOut(const QString &userId) const
{
    const auto it = m_optOuts.constFind(userId);
    if (it == m_optOuts.cend())
        return std::nullopt;
    return *it;
}

QVector<OptOut> Storage::optOuts(const QString &orgId) const
{
    QVector<OptOut> list;
    for (const OptOut &o : m_optOuts) {
        const User *u = m_users.value(o.userId);
        if (u && u->orgId == orgId)
            list.append(o);
    }
    std::sort(list.begin(), list.end(), [](const OptOut &a, const OptOut &b) {
        return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    });
    return list;
}

std::optional<OptOutChange> Storage::applyOptOuts(const QString &orgId, const QString &actorId,
                                                  const QStringList &optOut,
                                                  const QStringList &optIn)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVector<QPair<QString, QDateTime>> outs;
    outs.reserve(optOut.size());
    for (const QString &id : optOut)
        outs.append({id, now});
    return applyChange(orgId, actorId, outs, optIn);
}

std::optional<OptOutChange> Storage::applyChange(const QString &orgId, const QString &actorId,
                                                 const QVector<QPair<QString, QDateTime>> &optOut,
                                                 const QStringList &optIn)
{
    Org *org = m_orgs.value(orgId);
    if (!org)
        return std::nullopt;

    // Each id once, in order (a set, not a list search: a batch holds up to 10,000).
    QVector<QPair<QString, QDateTime>> toOut;
    QStringList toIn;
    QSet<QString> seen;
    for (const auto &entry : optOut) {
        if (!m_optOuts.contains(entry.first) && !seen.contains(entry.first)) {
            seen.insert(entry.first);
            toOut.append({entry.first, entry.second.toUTC()});
        }
    }
    for (const QString &id : optIn) {
        if (m_optOuts.contains(id) && !seen.contains(id)) {
            seen.insert(id);
            toIn.append(id);
        }
    }
    OptOutChange change {org->revision, 0, 0};
    if (toOut.isEmpty() && toIn.isEmpty())
        return change;

    const QString nowText = toDbTime(QDateTime::currentDateTimeUtc());
    Transaction tx(m_db);
    if (!tx.isOpen())
        return std::nullopt;
    QSqlQuery insertOut(m_db);
    QSqlQuery deleteOut(m_db);
    QSqlQuery insertAudit(m_db);
    QSqlQuery purgeEvents(m_db);
    QSqlQuery bump(m_db);
    if (!prepare(insertOut,
                 QStringLiteral("INSERT INTO optouts (user_id, org_id, opted_out_at, "
                                "opted_out_by, seq) VALUES (?, ?, ?, ?, ?)"))
        || !prepare(deleteOut, QStringLiteral("DELETE FROM optouts WHERE user_id = ?"))
        || !prepare(insertAudit,
                    QStringLiteral("INSERT INTO audit (org_id, at, action, actor_id, "
                                   "user_id) VALUES (?, ?, ?, ?, ?)"))
        || !prepare(purgeEvents,
                    QStringLiteral("DELETE FROM usage_events WHERE org_id = ? AND user_id = ?"))
        || !prepare(bump, QStringLiteral("UPDATE orgs SET revision = ? WHERE id = ?")))
        return std::nullopt;

    qint64 seq = m_nextSeq;
    for (const auto &[id, at] : std::as_const(toOut)) {
        const QString atText = toDbTime(at);
        insertOut.addBindValue(id);
        insertOut.addBindValue(orgId);
        insertOut.addBindValue(atText);
        insertOut.addBindValue(actorId);
        insertOut.addBindValue(seq++);
        purgeEvents.addBindValue(orgId);
        purgeEvents.addBindValue(id);
        insertAudit.addBindValue(orgId);
        insertAudit.addBindValue(atText);
        insertAudit.addBindValue(QStringLiteral("opt_out"));
        insertAudit.addBindValue(actorId);
        insertAudit.addBindValue(id);
        if (!run(insertOut) || !run(purgeEvents) || !run(insertAudit))
            return std::nullopt;
    }
    for (const QString &id : std::as_const(toIn)) {
        deleteOut.addBindValue(id);
        insertAudit.addBindValue(orgId);
        insertAudit.addBindValue(nowText);
        insertAudit.addBindValue(QStringLiteral("opt_in"));
        insertAudit.addBindValue(actorId);
        insertAudit.addBindValue(id);
        if (!run(deleteOut) || !run(insertAudit))
            return std::nullopt;
    }
    bump.addBindValue(org->revision + 1);
    bump.addBindValue(orgId);
    if (!run(bump) || !tx.commit())
        return std::nullopt;

    // The database has it: now the in-memory state, so the very next event sees it.
    seq = m_nextSeq;
    for (const auto &[id, at] : std::as_const(toOut))
        m_optOuts.insert(id, OptOut {id, at, actorId, seq++});
    m_nextSeq = seq;
    for (const QString &id : std::as_const(toIn))
        m_optOuts.remove(id);
    // Queued server-side events of users now out are thrown away too.
    if (!toOut.isEmpty()) {
        m_serverEvents.erase(std::remove_if(m_serverEvents.begin(), m_serverEvents.end(),
                                            [this](const PendingServerEvent &e) {
                                                return m_optOuts.contains(e.userId);
                                            }),
                             m_serverEvents.end());
    }
    org->revision += 1;
    change.revision = org->revision;
    change.optedOut = int(toOut.size());
    change.optedIn = int(toIn.size());
    return change;
}

std::optional<int> Storage::ingestClientEvents(const QString &orgId,
                                               const QVector<UsageEvent> &events)
{
    const QString received = toDbTime(QDateTime::currentDateTimeUtc());
    int discarded = 0;
    Transaction tx(m_db);
    if (!tx.isOpen())
        return std::nullopt;
    QSqlQuery insert(m_db);
    if (!prepare(insert,
                 QStringLiteral("INSERT INTO usage_events (org_id, user_id, source, name, "
                                "at, received_at, properties) VALUES (?, ?, 'client', ?, "
                                "?, ?, ?)")))
        return std::nullopt;
    for (const UsageEvent &e : events) {
        if (m_optOuts.contains(e.userId)) {
            ++discarded;
            continue;
        }
        insert.addBindValue(orgId);
        insert.addBindValue(e.userId);
        insert.addBindValue(e.name);
        insert.addBindValue(toDbTime(e.timestamp));
        insert.addBindValue(received);
        insert.addBindValue(e.properties.isEmpty()
                                ? QVariant()
                                : QVariant(QString::fromUtf8(
                                    QJsonDocument(e.properties).toJson(QJsonDocument::Compact))));
        if (!run(insert))
            return std::nullopt;
    }
    if (!tx.commit())
        return std::nullopt;
    m_discarded[orgId] += discarded;
    return discarded;
}

void Storage::recordServerEvent(const User &user, const QString &name)
{
    if (m_optOuts.contains(user.id))
        return;
    m_serverEvents.append({user.orgId, user.id, name, QDateTime::currentDateTimeUtc()});
    if (m_serverEvents.size() >= ServerEventBatch)
        flushServerEvents();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void Storage::flushServerEvents()
{
    m_flushTimer.stop();
    if (m_serverEvents.isEmpty() || !m_db.isOpen())
        return;
    if (!writeServerEvents())
        qCWarning(lcStorage) << "dropped" << m_serverEvents.size() << "server-side usage events";
    m_serverEvents.clear();
}

bool Storage::writeServerEvents()
{
    Transaction tx(m_db);
    QSqlQuery insert(m_db);
    if (!tx.isOpen()
        || !prepare(insert,
                    QStringLiteral("INSERT INTO usage_events (org_id, user_id, source, "
                                   "name, at, received_at) VALUES (?, ?, 'server', ?, ?, "
                                   "?)")))
        return false;
    for (const PendingServerEvent &e : std::as_const(m_serverEvents)) {
        if (m_optOuts.contains(e.userId))
            continue;
        const QString at = toDbTime(e.at);
        insert.addBindValue(e.orgId);
        insert.addBindValue(e.userId);
        insert.addBindValue(e.name);
        insert.addBindValue(at);
        insert.addBindValue(at);
        if (!run(insert))
            return false;
    }
    return tx.commit();
}

std::optional<QVector<AuditEntry>> Storage::audit(const QString &orgId, int limit, qint64 before)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepare(q,
                 QStringLiteral("SELECT id, at, action, actor_id, user_id FROM audit WHERE "
                                "org_id = ? AND id < ? ORDER BY id DESC LIMIT ?")))
        return std::nullopt;
    q.addBindValue(orgId);
    q.addBindValue(before > 0 ? before : std::numeric_limits<qint64>::max());
    q.addBindValue(limit);
    if (!run(q))
        return std::nullopt;
    QVector<AuditEntry> entries;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = fromDbTime(q.value(1).toString());
        e.action = q.value(2).toString();
        e.actorId = q.value(3).toString();
        e.userId = q.value(4).toString();
        if (const User *u = m_users.value(e.actorId))
            e.actorEmail = u->email;
        if (const User *u = m_users.value(e.userId))
            e.userEmail = u->email;
        entries.append(e);
    }
    return entries;
}

std::optional<QVector<UsageCount>> Storage::usageSummary(const QString &orgId)
{
    flushServerEvents();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepare(q,
                 QStringLiteral("SELECT user_id, SUM(source = 'client'), SUM(source = "
                                "'server'), MAX(received_at) FROM usage_events WHERE org_id = "
                                "? GROUP BY user_id")))
        return std::nullopt;
    q.addBindValue(orgId);
    if (!run(q))
        return std::nullopt;
    QVector<UsageCount> counts;
    QSet<QString> seen;
    while (q.next()) {
        UsageCount c;
        c.userId = q.value(0).toString();
        c.client = q.value(1).toLongLong();
        c.server = q.value(2).toLongLong();
        c.lastEventAt = fromDbTime(q.value(3).toString());
        seen.insert(c.userId);
        counts.append(c);
    }
    for (const OptOut &o : std::as_const(m_optOuts)) {
        const User *u = m_users.value(o.userId);
        if (u && u->orgId == orgId && !seen.contains(o.userId))
            counts.append(UsageCount {o.userId, 0, 0, {}});
    }
    std::sort(counts.begin(), counts.end(), [this](const UsageCount &a, const UsageCount &b) {
        const User *ua = m_users.value(a.userId);
        const User *ub = m_users.value(b.userId);
        return (ua ? ua->email : a.userId) < (ub ? ub->email : b.userId);
    });
    return counts;
}

std::optional<QString> Storage::createOrg(const QString &name, const QString &productName)
{
    qint64 next = 1;
    for (const Org *org : std::as_const(m_orgs))
        next = std::max(next, idNumber(org->id) + 1);
    const QString id = QStringLiteral("o-%1").arg(next);
    QSqlQuery q(m_db);
    if (!prepare(q,
                 QStringLiteral("INSERT INTO orgs (id, name, product_name, created_at) VALUES "
                                "(?, ?, ?, ?)")))
        return std::nullopt;
    q.addBindValue(id);
    q.addBindValue(name);
    q.addBindValue(productName);
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
    if (!run(q))
        return std::nullopt;
    auto *org = new Org;
    org->id = id;
    org->name = name;
    org->productName = productName;
    m_orgs.insert(id, org);
    return id;
}

std::optional<QStringList> Storage::addUsers(const QString &orgId, const QVector<NewUser> &users)
{
    Org *org = m_orgs.value(orgId);
    if (!org)
        return std::nullopt;
    qint64 next = 1;
    for (const User *u : std::as_const(m_users))
        next = std::max(next, idNumber(u->id) + 1);
    const QString now = toDbTime(QDateTime::currentDateTimeUtc());

    Transaction tx(m_db);
    QSqlQuery insert(m_db);
    QSqlQuery token(m_db);
    QSqlQuery bump(m_db);
    if (!tx.isOpen()
        || !prepare(insert,
                    QStringLiteral("INSERT INTO users (id, org_id, email, name, roles, "
                                   "created_at) VALUES (?, ?, ?, ?, ?, ?)"))
        || !prepareTokenInsert(token)
        || !prepare(bump,
                    QStringLiteral("UPDATE orgs SET users_revision = users_revision + 1 "
                                   "WHERE id = ?")))
        return std::nullopt;
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
        if (!run(insert))
            return std::nullopt;
        if (!nu.token.isEmpty()) {
            if (!insertToken(token, hashToken(nu.token), id, nu.demoToken, now))
                return std::nullopt;
        }
        ids.append(id);
    }
    bump.addBindValue(orgId);
    if (!run(bump) || !tx.commit())
        return std::nullopt;

    for (int i = 0; i < users.size(); ++i) {
        const NewUser &nu = users.at(i);
        auto *user = new User {ids.at(i), orgId, nu.email, nu.name, nu.roles};
        m_users.insert(user->id, user);
        org->usersByEmail.append(user);
        if (!nu.token.isEmpty())
            m_tokens.insert(hashToken(nu.token), {user->id, nu.demoToken});
    }
    org->usersRevision += 1;
    sortOrgUsers(org);
    return ids;
}

bool Storage::addToken(const QString &userId, const QByteArray &token, bool demo)
{
    if (!m_users.contains(userId))
        return false;
    const QByteArray hash = hashToken(token);
    QSqlQuery q(m_db);
    if (!prepareTokenInsert(q)
        || !insertToken(q, hash, userId, demo, toDbTime(QDateTime::currentDateTimeUtc())))
        return false;
    m_tokens.insert(hash, {userId, demo});
    m_lastTokenRow = std::max(m_lastTokenRow, q.lastInsertId().toLongLong());
    return true;
}

bool Storage::prepareTokenInsert(QSqlQuery &query)
{
    return prepare(query,
                   QStringLiteral("INSERT INTO tokens (hash, user_id, demo, created_at) "
                                  "VALUES (?, ?, ?, ?)"));
}

bool Storage::insertToken(QSqlQuery &query, const QByteArray &hash, const QString &userId,
                          bool demo, const QString &now)
{
    query.addBindValue(QString::fromLatin1(hash));
    query.addBindValue(userId);
    query.addBindValue(demo ? 1 : 0);
    query.addBindValue(now);
    return run(query);
}

bool Storage::revokeToken(const QByteArray &token)
{
    const QByteArray hash = hashToken(token);
    QSqlQuery q(m_db);
    if (!prepare(q,
                 QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE hash = ? AND "
                                "revoked_at IS NULL")))
        return false;
    q.addBindValue(toDbTime(QDateTime::currentDateTimeUtc()));
    q.addBindValue(QString::fromLatin1(hash));
    if (!run(q) || q.numRowsAffected() != 1)
        return false;
    m_tokens.remove(hash);
    return true;
}

void Storage::setTokenRefreshInterval(int milliseconds)
{
    if (milliseconds <= 0) {
        m_tokenTimer.stop();
        return;
    }
    m_tokenTimer.start(milliseconds);
}

bool Storage::refreshTokens()
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!prepare(q,
                 QStringLiteral("SELECT hash, user_id, demo, rowid FROM tokens WHERE rowid > ? "
                                "AND revoked_at IS NULL")))
        return false;
    q.addBindValue(m_lastTokenRow);
    if (!run(q))
        return false;
    while (q.next()) {
        if (m_users.contains(q.value(1).toString()))
            m_tokens.insert(q.value(0).toByteArray(), {q.value(1).toString(), q.value(2).toBool()});
        m_lastTokenRow = std::max(m_lastTokenRow, q.value(3).toLongLong());
    }
    QSqlQuery revoked(m_db);
    revoked.setForwardOnly(true);
    if (!prepare(revoked,
                 QStringLiteral("SELECT hash, revoked_at FROM tokens WHERE revoked_at >= ? "
                                "ORDER BY revoked_at")))
        return false;
    revoked.addBindValue(m_lastRevocationSeen);
    if (!run(revoked))
        return false;
    while (revoked.next()) {
        if (m_tokens.remove(revoked.value(0).toByteArray()))
            qCInfo(lcStorage) << "a token was revoked";
        m_lastRevocationSeen = revoked.value(1).toString();
    }
    return true;
}

bool Storage::seedOptOuts(const QString &orgId, const QString &actorId,
                          const QVector<QPair<QString, QDateTime>> &entries)
{
    return applyChange(orgId, actorId, entries, {}).has_value();
}
