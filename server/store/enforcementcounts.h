// The enforcement counters (what the service accepted, discarded and deleted, and the opt-out
// changes), as both stores write them in the transaction of the work they count.
//
// Storage keeps them per organisation and 15-minute slot of UTC (every time zone in use today
// is a whole number of quarter hours from UTC, so a day, week or month in any organisation's
// zone is an exact sum of slots, whatever zone the organisation picks later), and per shard:
// each Store connection adds to its own rows (INSERT ... ON CONFLICT DO UPDATE SET n = n +
// excluded.n), so instances ingesting on one PostgreSQL do not queue behind one counter row.
#pragma once

#include <QDateTime>
#include <QMap>
#include <QPair>
#include <QString>
#include <QVector>

class OptOutPlan;

namespace Enforcement {

constexpr qint64 SlotSeconds = 15 * 60;
// Shards per organisation and slot (a connection picks one at random).
constexpr int Shards = 16;

inline qint64 slotOf(const QDateTime &t)
{
    const qint64 s = t.toSecsSinceEpoch();
    return s >= 0 ? s / SlotSeconds : -((-s + SlotSeconds - 1) / SlotSeconds);
}
inline QDateTime slotStart(qint64 slot)
{
    return QDateTime::fromSecsSinceEpoch(slot * SlotSeconds, Qt::UTC);
}

// What one transaction adds to a slot (or, read back, a slot's or bucket's totals).
struct Counts
{
    qint64 acceptedClient = 0;
    qint64 acceptedServer = 0;
    qint64 discardedClient = 0;
    qint64 discardedServer = 0;
    qint64 deletedEvents = 0;
    qint64 optOuts = 0;
    qint64 optIns = 0;

    bool isZero() const
    {
        return !acceptedClient && !acceptedServer && !discardedClient && !discardedServer
            && !deletedEvents && !optOuts && !optIns;
    }
    Counts &operator+=(const Counts &o)
    {
        acceptedClient += o.acceptedClient;
        acceptedServer += o.acceptedServer;
        discardedClient += o.discardedClient;
        discardedServer += o.discardedServer;
        deletedEvents += o.deletedEvents;
        optOuts += o.optOuts;
        optIns += o.optIns;
        return *this;
    }
};

// The counts of one transaction, by organisation and slot, in the order rows are written
// (sorted: two transactions take their counter rows in one order, never a deadlock).
class Tally
{
public:
    Counts &at(const QString &orgId, const QDateTime &time)
    {
        return m_counts[{orgId, slotOf(time)}];
    }
    bool isEmpty() const { return m_counts.isEmpty(); }
    const QMap<QPair<QString, qint64>, Counts> &rows() const { return m_counts; }

private:
    QMap<QPair<QString, qint64>, Counts> m_counts;
};

// What one opt-out change adds: its opt-outs at their own times, its opt-ins and the stored
// events it deleted at `now`.
Tally optOutChangeTally(const QString &orgId, const QVector<QDateTime> &optOutTimes, int optIns,
                        qint64 deletedEvents, const QDateTime &now);
// The same, of the plan both stores write (optoutplan.h).
Tally planTally(const QString &orgId, const OptOutPlan &plan, const QDateTime &now);

// The upsert both back ends run per row of a Tally. Values in order: org_id, slot, shard,
// then the seven counts in the order of Counts.
const char *upsertSql();

// The columns of the counts, in the order of Counts (for reading).
const char *countColumnsSum();

// What a store reads for the enforcement statistics of one organisation.
struct History
{
    // When counting began for the organisation: the schema migration that added the
    // counters, or the organisation's creation if later.
    QDateTime countingSince;
    // Opted-out users at countingSince (the rows there then), plus every counted opt-out minus
    // opt-in before the first slot asked for: the opted-out users at the start of the range.
    qint64 optedOutAtStart = 0;
    QVector<QPair<qint64, Counts>> perSlot; // non-empty slots in [from, to), in order
};

} // namespace Enforcement
