// SqliteStore's enforcement counters and the organisation's time zone (enforcementcounts.h).
#include "sqlitestore.h"

#include "enforcementhistory.h"

#include <QSqlError>
#include <QVariant>

namespace {

QDateTime fromText(const QString &s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    t.setTimeSpec(Qt::UTC);
    return t;
}

} // namespace

// As fail() of sqlitestore.cpp (its template is not seen here).
template<typename T> StoreResult<T> SqliteStore::failed(const QSqlQuery &query)
{
    const QString why
        = query.lastQuery().left(200) + QStringLiteral(": ") + query.lastError().text();
    qWarning("optout.store.sqlite: statement failed: %s", qPrintable(why));
    return StoreResult<T>::failure(statusOf(query), why);
}

bool SqliteStore::writeEnforcement(const Enforcement::Tally &tally, QSqlQuery &q)
{
    if (!m_spec.countEnforcement || tally.isEmpty())
        return true;
    if (!q.prepare(QLatin1String(Enforcement::upsertSql())))
        return false;
    const auto &rows = tally.rows();
    for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
        const Enforcement::Counts &c = it.value();
        if (c.isZero())
            continue;
        // One process per file: one shard.
        const QVariantList values {it.key().first,    it.key().second,  0,
                                   c.acceptedClient,  c.acceptedServer, c.discardedClient,
                                   c.discardedServer, c.deletedEvents,  c.optOuts,
                                   c.optIns};
        for (int i = 0; i < values.size(); ++i)
            q.bindValue(i, values.at(i));
        if (!q.exec())
            return false;
    }
    q.finish();
    return true;
}

StoreResult<Enforcement::History> SqliteStore::enforcementHistory(const QString &orgId,
                                                                  qint64 fromSlot, qint64 toSlot)
{
    using Result = StoreResult<Enforcement::History>;
    // One read transaction: the origin, what came before and the slots, of one state.
    if (!m_db.transaction())
        return StoreResult<Enforcement::History>::failure(StoreStatus::Unavailable,
                                                          QStringLiteral("cannot begin a read"));
    struct Rollback
    {
        QSqlDatabase &db;
        ~Rollback() { db.rollback(); }
    } rollback {m_db};
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Organisations made after the migration start at their creation, with no one out.
    q.prepare(QStringLiteral("SELECT COALESCE(e.counting_since, o.created_at), "
                             "COALESCE(e.opted_out_users, 0) FROM orgs o LEFT JOIN "
                             "enforcement_origin e ON e.org_id = o.id WHERE o.id = ?"));
    q.addBindValue(orgId);
    if (!q.exec())
        return failed<Enforcement::History>(q);
    if (!q.next())
        return StoreResult<Enforcement::History>::failure(
            StoreStatus::Failed, QStringLiteral("no organisation %1").arg(orgId));
    const QDateTime countingSince = fromText(q.value(0).toString());
    const qint64 optedOutAtOrigin = q.value(1).toLongLong();
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(opt_outs - opt_ins), 0) FROM "
                             "enforcement_counts WHERE org_id = ? AND slot < ?"));
    q.addBindValue(orgId);
    q.addBindValue(fromSlot);
    if (!q.exec() || !q.next())
        return failed<Enforcement::History>(q);
    const qint64 netBefore = q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT slot, %1 FROM enforcement_counts WHERE org_id = ? AND slot "
                             ">= ? AND slot < ? GROUP BY slot ORDER BY slot")
                  .arg(QLatin1String(Enforcement::countColumnsSum())));
    q.addBindValue(orgId);
    q.addBindValue(fromSlot);
    q.addBindValue(toSlot);
    if (!q.exec())
        return failed<Enforcement::History>(q);
    return Result::success(
        Enforcement::historyFromRows(countingSince, optedOutAtOrigin, netBefore, q));
}

StoreResult<bool> SqliteStore::setOrgTimeZone(const QString &orgId, const QString &timeZone)
{
    // Set-up from the command line: a write transaction of its own (BEGIN IMMEDIATE).
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed<bool>(q);
    const auto rollback = [this] {
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    };
    const qint64 changeSeq = nextChangeSeq(q);
    if (changeSeq < 0) {
        auto failure = failed<bool>(q);
        rollback();
        return failure;
    }
    q.prepare(QStringLiteral("UPDATE orgs SET time_zone = ?, change_seq = ? WHERE id = ?"));
    q.addBindValue(timeZone);
    q.addBindValue(changeSeq);
    q.addBindValue(orgId);
    if (!q.exec()) {
        auto failure = failed<bool>(q);
        rollback();
        return failure;
    }
    const bool found = q.numRowsAffected() == 1;
    if (!q.exec(found ? QStringLiteral("COMMIT") : QStringLiteral("ROLLBACK"))) {
        auto failure = failed<bool>(q);
        rollback();
        return failure;
    }
    return StoreResult<bool>::success(found);
}
