// The counters' SQL shared by both back ends.
#include "enforcementcounts.h"

#include "optoutplan.h"

namespace Enforcement {

Tally optOutChangeTally(const QString &orgId, const QVector<QDateTime> &optOutTimes, int optIns,
                        qint64 deletedEvents, const QDateTime &now)
{
    Tally tally;
    for (const QDateTime &at : optOutTimes)
        tally.at(orgId, at).optOuts += 1;
    if (optIns > 0)
        tally.at(orgId, now).optIns += optIns;
    if (deletedEvents > 0)
        tally.at(orgId, now).deletedEvents += deletedEvents;
    return tally;
}

Tally planTally(const QString &orgId, const OptOutPlan &plan, const QDateTime &now)
{
    QVector<QDateTime> times;
    times.reserve(plan.inserts.size());
    for (const StoredOptOut &o : plan.inserts)
        times.append(o.at);
    qint64 deleted = 0;
    for (const auto &purge : plan.purges)
        deleted += purge.second;
    return optOutChangeTally(orgId, times, int(plan.deletes.size()), deleted, now);
}

const char *upsertSql()
{
    return "INSERT INTO enforcement_counts (org_id, slot, shard, accepted_client, "
           "accepted_server, discarded_client, discarded_server, deleted_events, opt_outs, "
           "opt_ins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, slot, shard) DO "
           "UPDATE SET accepted_client = enforcement_counts.accepted_client + "
           "excluded.accepted_client, accepted_server = enforcement_counts.accepted_server + "
           "excluded.accepted_server, discarded_client = enforcement_counts.discarded_client + "
           "excluded.discarded_client, discarded_server = enforcement_counts.discarded_server + "
           "excluded.discarded_server, deleted_events = enforcement_counts.deleted_events + "
           "excluded.deleted_events, opt_outs = enforcement_counts.opt_outs + excluded.opt_outs, "
           "opt_ins = enforcement_counts.opt_ins + excluded.opt_ins";
}

const char *countColumnsSum()
{
    return "SUM(accepted_client), SUM(accepted_server), SUM(discarded_client), "
           "SUM(discarded_server), SUM(deleted_events), SUM(opt_outs), SUM(opt_ins)";
}

} // namespace Enforcement
