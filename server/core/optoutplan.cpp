// The opt-out rule, once: request + state -> plan (see optoutplan.h).
#include "optoutplan.h"

namespace {

// Each id once, in the order of its first appearance.
QStringList distinct(const QStringList &ids)
{
    QStringList list;
    QSet<QString> seen;
    seen.reserve(ids.size());
    for (const QString &id : ids) {
        if (!seen.contains(id)) {
            seen.insert(id);
            list.append(id);
        }
    }
    return list;
}

QStringList optOutIds(const OptOutChangeRequest &request)
{
    QStringList ids;
    ids.reserve(request.optOut.size());
    for (const auto &entry : request.optOut)
        ids.append(entry.first);
    return ids;
}

// The checks of planOptOuts(), in their order; true when the request is refused (`plan` then
// says why).
bool refuse(const OptOutChangeRequest &request, const OptOutState &state, OptOutPlan *plan)
{
    using Kind = OptOutChangeOutcome::Kind;
    const QStringList outIds = distinct(optOutIds(request));
    const QStringList inIds = distinct(request.optIn);
    const QSet<QString> outSet(outIds.cbegin(), outIds.cend());

    for (const QString &id : inIds) {
        if (outSet.contains(id))
            plan->refusedUserIds.append(id);
    }
    if (!plan->refusedUserIds.isEmpty()) {
        plan->kind = Kind::InBothLists;
        return true;
    }
    for (const QStringList *ids : {&outIds, &inIds}) {
        for (const QString &id : *ids) {
            if (!state.knownUserIds.contains(id))
                plan->refusedUserIds.append(id);
        }
    }
    if (!plan->refusedUserIds.isEmpty()) {
        plan->kind = Kind::UnknownUsers;
        return true;
    }
    if (request.ifRevisionIn && !request.ifRevisionIn->contains(state.revision)) {
        plan->kind = Kind::PreconditionFailed;
        return true;
    }
    QSet<QString> rules;
    for (const QString &id : inIds) {
        // The rules that cover the user: as the state names them, and as the user's row does.
        QStringList covering;
        for (const OptOutVia &via : state.ruleCovers.value(id))
            covering.append(via.ruleId);
        if (const auto row = state.optOuts.constFind(id); row != state.optOuts.cend())
            covering += row->ruleIds;
        if (covering.isEmpty())
            continue;
        plan->refusedUserIds.append(id);
        for (const QString &rule : std::as_const(covering)) {
            if (!rules.contains(rule)) {
                rules.insert(rule);
                plan->coveringRuleIds.append(rule);
            }
        }
    }
    if (!plan->refusedUserIds.isEmpty()) {
        plan->kind = Kind::CoveredByRule;
        return true;
    }
    return false;
}

QDateTime toMilliseconds(const QDateTime &t)
{
    return QDateTime::fromMSecsSinceEpoch(t.toMSecsSinceEpoch(), Qt::UTC);
}

} // namespace

bool OptOutPlan::changes() const
{
    return !inserts.isEmpty() || !individualAdds.isEmpty() || !deletes.isEmpty()
        || !purges.isEmpty();
}

void OptOutPlan::setInsertSeqs(const QVector<qint64> &seqs)
{
    Q_ASSERT(seqs.size() == inserts.size());
    for (int i = 0; i < inserts.size() && i < seqs.size(); ++i)
        inserts[i].seq = seqs.at(i);
}

OptOutChangeOutcome OptOutPlan::outcome() const
{
    OptOutChangeOutcome o;
    o.kind = kind;
    o.revision = revision;
    switch (kind) {
    case Kind::Applied:
        break;
    case Kind::UnknownUsers:
        o.unknownUserIds = refusedUserIds;
        return o;
    case Kind::InBothLists:
    case Kind::CoveredByRule:
        o.conflictingUserIds = refusedUserIds;
        o.ruleIds = coveringRuleIds;
        return o;
    case Kind::PreconditionFailed:
        return o;
    }
    if (changes())
        o.revision += 1;
    o.optedOut = int(inserts.size() + individualAdds.size());
    o.optedIn = int(deletes.size());
    o.purged = m_purgedExisting;
    o.entries.reserve(m_requestEntries.size());
    for (const int i : m_requestEntries)
        o.entries.append(m_entryInsert.at(i) >= 0 ? inserts.at(m_entryInsert.at(i))
                                                  : m_entries.at(i));
    return o;
}

QStringList eventCountsNeeded(const OptOutChangeRequest &request, const OptOutState &state)
{
    OptOutPlan refused;
    if (refuse(request, state, &refused))
        return {};
    QStringList ids;
    for (const QString &id : distinct(optOutIds(request))) {
        if (request.deleteStoredEvents || !state.optOuts.contains(id))
            ids.append(id);
    }
    return ids;
}

OptOutPlan planOptOuts(const OptOutChangeRequest &request, const OptOutState &state)
{
    OptOutPlan plan;
    plan.revision = state.revision;
    if (refuse(request, state, &plan))
        return plan;

    const QDateTime now = toMilliseconds(state.now);
    const bool deleteNow = request.deleteStoredEvents || request.purgeAfterSeconds <= 0;
    QSet<QString> seen;
    seen.reserve(request.optOut.size() + request.optIn.size());
    QHash<QString, int> entryOf;
    entryOf.reserve(request.optOut.size());
    plan.m_requestEntries.reserve(request.optOut.size());
    QVector<QPair<QString, qint64>> purgesOfExisting;
    for (const auto &[id, requestedAt] : request.optOut) {
        if (const auto known = entryOf.constFind(id); known != entryOf.cend()) {
            plan.m_requestEntries.append(*known);
            continue;
        }
        seen.insert(id);
        entryOf.insert(id, int(plan.m_entries.size()));
        plan.m_requestEntries.append(int(plan.m_entries.size()));
        const qint64 stored = state.storedEvents.value(id);
        const auto current = state.optOuts.constFind(id);
        if (current == state.optOuts.cend()) {
            StoredOptOut row;
            row.userId = id;
            row.orgId = request.orgId;
            row.at = toMilliseconds(requestedAt);
            row.byUserId = request.actorId;
            row.reason = request.reason;
            if (stored > 0 && !deleteNow)
                row.purgeAt = row.at.addSecs(request.purgeAfterSeconds);
            plan.m_entryInsert.append(int(plan.inserts.size()));
            plan.m_entries.append(row);
            plan.inserts.append(row);
            plan.audit.append(
                {row.at, QStringLiteral("opt_out"), request.actorId, id, request.reason, -1, {}});
            if (stored > 0 && deleteNow)
                plan.purges.append({id, stored});
        } else {
            StoredOptOut row = *current;
            if (!row.individual) {
                // Out through a rule only: the individual cover is added, so that removing the
                // rule leaves the user out. Not a change of the effective state.
                row.individual = true;
                if (row.reason.isEmpty())
                    row.reason = request.reason;
                plan.individualAdds.append(id);
                plan.audit.append(
                    {now, QStringLiteral("opt_out"), request.actorId, id, request.reason, -1, {}});
            }
            if (request.deleteStoredEvents && stored > 0) {
                row.purgeAt = QDateTime();
                plan.clearPurgeAt.append(id);
                purgesOfExisting.append({id, stored});
            }
            plan.m_entryInsert.append(-1);
            plan.m_entries.append(row);
        }
    }
    for (const QString &id : request.optIn) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        if (const auto row = state.optOuts.constFind(id);
            row != state.optOuts.cend() && row->individual) {
            plan.deletes.append(id);
            plan.audit.append({now, QStringLiteral("opt_in"), request.actorId, id, {}, -1, {}});
        }
    }
    plan.m_purgedExisting = int(purgesOfExisting.size());
    plan.purges += purgesOfExisting;
    for (const auto &[id, count] : std::as_const(plan.purges))
        // The administrator asked for it (deleteStoredEvents, or no retention window): the entry
        // names them (docs/api.md, "source": "request").
        plan.audit.append({now, QStringLiteral("purge"), request.actorId, id, {}, count, {}});
    return plan;
}
