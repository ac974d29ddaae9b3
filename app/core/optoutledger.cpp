// The opt-out ledger: the confirmed list, the pending changes and the effective view made from
// both, changed by rows.
#include "optoutledger.h"

#include <algorithm>
#include <utility>

const OptOutEntry *OptOutLedger::confirmedEntry(const QString &userId) const
{
    const auto it = m_confirmedById.constFind(userId);
    return it == m_confirmedById.cend() ? nullptr : &m_confirmed.at(*it);
}

void OptOutLedger::reindexConfirmed()
{
    m_confirmedById.clear();
    m_confirmedById.reserve(m_confirmed.size());
    for (qsizetype i = 0; i < m_confirmed.size(); ++i)
        m_confirmedById.insert(m_confirmed.at(i).user.id, i);
}

OptOutLedger::Change OptOutLedger::setConfirmed(const QList<OptOutEntry> &list, qint64 revision)
{
    QSet<QString> touched;
    touched.reserve(m_confirmed.size() + list.size() + m_wanted.size());
    for (const OptOutEntry &entry : std::as_const(m_confirmed))
        touched.insert(entry.user.id);
    m_confirmed.clear();
    m_confirmed.reserve(list.size());
    QSet<QString> seen;
    seen.reserve(list.size());
    for (const OptOutEntry &entry : list) {
        if (seen.contains(entry.user.id))
            continue; // listed once
        seen.insert(entry.user.id);
        m_confirmed.append(entry);
        touched.insert(entry.user.id);
    }
    m_revision = revision;
    reindexConfirmed();
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        touched.insert(it.key());
    return refresh(touched);
}

void OptOutLedger::loadConfirmed(const QList<OptOutEntry> &list, qint64 revision)
{
    if (!m_confirmed.isEmpty() || !m_wanted.isEmpty() || !m_rows.isEmpty()) {
        setConfirmed(list, revision);
        return;
    }
    // Each user's row is its confirmed entry as it is (nothing pending): one pass, no copy
    // but the list's and the rows' (shared strings).
    m_revision = revision;
    m_confirmed.reserve(list.size());
    m_confirmedById.reserve(list.size());
    m_rows.reserve(list.size());
    m_optedOut.reserve(list.size());
    for (const OptOutEntry &entry : list) {
        const QString &id = entry.user.id;
        if (m_confirmedById.contains(id))
            continue; // listed once
        m_confirmedById.insert(id, m_confirmed.size());
        m_confirmed.append(entry);
        m_rows.insert(id, Row {entry, false, false});
        m_optedOut.insert(id);
    }
}

void OptOutLedger::takeConfirmed(OptOutLedger &&prepared)
{
    const QList<PendingAction> pending = std::exchange(m_pending, {});
    m_revision = prepared.m_revision;
    m_confirmed = std::move(prepared.m_confirmed);
    m_confirmedById = std::move(prepared.m_confirmedById);
    m_rows = std::move(prepared.m_rows);
    m_optedOut = std::move(prepared.m_optedOut);
    m_leaving = std::move(prepared.m_leaving);
    m_pendingIds.clear();
    m_wanted.clear();
    setPending(pending);
}

OptOutLedger::Change OptOutLedger::applyConfirmed(const QList<OptOutEntry> &changed,
                                                  const QStringList &removed, qint64 revision)
{
    QSet<QString> touched(removed.cbegin(), removed.cend());
    QSet<QString> incoming;
    QList<OptOutEntry> newer;
    for (const OptOutEntry &entry : changed) {
        if (incoming.contains(entry.user.id))
            continue;
        incoming.insert(entry.user.id);
        touched.insert(entry.user.id);
        newer.append(entry);
    }
    // Changed entries take their place by time; those gone leave. Usually a few at the top.
    bool anyGone = false;
    for (const QString &id : std::as_const(touched))
        anyGone = anyGone || m_confirmedById.contains(id);
    if (anyGone) {
        m_confirmed.erase(std::remove_if(m_confirmed.begin(), m_confirmed.end(),
                                         [&touched](const OptOutEntry &e) {
                                             return touched.contains(e.user.id);
                                         }),
                          m_confirmed.end());
    }
    if (!newer.isEmpty()) {
        std::stable_sort(
            newer.begin(), newer.end(),
            [](const OptOutEntry &a, const OptOutEntry &b) { return a.optedOutAt > b.optedOutAt; });
        // Each before the first entry that is not newer than it (the list is newest first).
        QList<OptOutEntry> merged;
        merged.reserve(m_confirmed.size() + newer.size());
        qsizetype j = 0;
        for (const OptOutEntry &entry : std::as_const(m_confirmed)) {
            while (j < newer.size() && newer.at(j).optedOutAt >= entry.optedOutAt)
                merged.append(newer.at(j++));
            merged.append(entry);
        }
        while (j < newer.size())
            merged.append(newer.at(j++));
        m_confirmed = std::move(merged);
    }
    if (anyGone || !newer.isEmpty())
        reindexConfirmed();
    m_revision = revision;
    return refresh(touched);
}

OptOutLedger::Change OptOutLedger::confirmOptOuts(const QList<OptOutEntry> &entries)
{
    QStringList none;
    QList<OptOutEntry> changed;
    for (const OptOutEntry &entry : entries) {
        const OptOutEntry *known = confirmedEntry(entry.user.id);
        if (!known || *known != entry)
            changed.append(entry);
    }
    return applyConfirmed(changed, none, m_revision);
}

OptOutLedger::Change OptOutLedger::confirmDeleted(const QStringList &userIds)
{
    QSet<QString> touched;
    for (const QString &id : userIds) {
        const auto it = m_confirmedById.constFind(id);
        if (it == m_confirmedById.cend() || !m_confirmed.at(*it).purgeAt.isValid())
            continue;
        m_confirmed[*it].purgeAt = QDateTime(); // deleted now
        touched.insert(id);
    }
    return refresh(touched);
}

OptOutLedger::Change OptOutLedger::confirmOptIns(const QStringList &userIds)
{
    return applyConfirmed({}, userIds, m_revision);
}

OptOutLedger::Change OptOutLedger::setPending(const QList<PendingAction> &pending)
{
    QSet<QString> touched;
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        touched.insert(it.key());
    m_pending = pending;
    summarisePending();
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        touched.insert(it.key());
    return refresh(touched);
}

void OptOutLedger::summarisePending()
{
    m_wanted.clear();
    // Each user's last pending change decides; later actions win. The first reason counts, as
    // on the service.
    for (const PendingAction &action : std::as_const(m_pending)) {
        const bool out = action.type == PendingAction::Type::OptOut;
        for (const QString &id : action.userIds) {
            Wanted &w = m_wanted[id];
            w.out = out;
            if (action.deleteStoredEvents)
                w.deleting = true;
            else if (!out)
                w.deleting = false;
            if (!action.reason.isEmpty() && w.reason.isEmpty())
                w.reason = action.reason;
        }
    }
    // Pending opt-outs newest first: the time and place of each user's latest one.
    int order = 0;
    QSet<QString> placed;
    for (auto it = m_pending.crbegin(); it != m_pending.crend(); ++it) {
        if (it->type != PendingAction::Type::OptOut)
            continue;
        for (const QString &id : it->userIds) {
            if (placed.contains(id))
                continue;
            placed.insert(id);
            Wanted &w = m_wanted[id];
            w.outAt = it->createdAt;
            w.order = order++;
        }
    }
}

bool OptOutLedger::effectiveRow(const QString &userId, Row *row) const
{
    const auto wanted = m_wanted.constFind(userId);
    const bool pending = wanted != m_wanted.cend();
    const OptOutEntry *confirmed = confirmedEntry(userId);
    if (confirmed) {
        row->entry = *confirmed;
        row->pending = pending;
        row->leaving = pending && !wanted->out; // kept, marked, until the opt-in is confirmed
        if (pending && wanted->out && wanted->deleting && confirmed->purgeAt.isValid())
            row->entry.purgeAt = QDateTime(); // shown as deleted while the deletion is pending
        return true;
    }
    if (!pending || !wanted->out)
        return false;
    const User *user = m_lookup ? m_lookup(userId) : nullptr;
    row->entry = OptOutEntry();
    row->entry.user = user ? *user : User {userId, QString(), userId};
    row->entry.optedOutAt = wanted->outAt;
    row->entry.optedOutBy = m_me;
    row->entry.reason = wanted->reason;
    row->pending = true;
    row->leaving = false;
    return true;
}

OptOutLedger::Change OptOutLedger::refresh(const QSet<QString> &userIds)
{
    Change change;
    QList<std::pair<int, Row>> newPending; // new rows of pending opt-outs, with their order
    for (const QString &id : userIds) {
        Row row;
        const bool has = effectiveRow(id, &row);
        const bool out = has && !row.leaving;
        const bool pending = m_wanted.contains(id);
        if (out != m_optedOut.contains(id) || pending != m_pendingIds.contains(id))
            change.stateChanged.insert(id);
        if (out)
            m_optedOut.insert(id);
        else
            m_optedOut.remove(id);
        if (pending)
            m_pendingIds.insert(id);
        else
            m_pendingIds.remove(id);
        if (has && row.leaving)
            m_leaving.insert(id);
        else
            m_leaving.remove(id);
        const auto shown = m_rows.find(id);
        if (!has) {
            if (shown != m_rows.end()) {
                m_rows.erase(shown);
                change.removed.append(id);
            }
            continue;
        }
        if (shown != m_rows.end() && *shown == row)
            continue;
        if (shown == m_rows.end() && !isConfirmedOut(id))
            newPending.append({m_wanted.value(id).order, row});
        else
            change.rows.append(row);
        m_rows.insert(id, row);
    }
    // New rows arrive at the top: pending opt-outs newest first, above those confirmed.
    std::sort(newPending.begin(), newPending.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<Row> rows;
    rows.reserve(newPending.size() + change.rows.size());
    for (auto &p : newPending)
        rows.append(std::move(p.second));
    rows.append(std::move(change.rows));
    change.rows = std::move(rows);
    return change;
}

OptOutLedger::Change OptOutLedger::relookUsers()
{
    QSet<QString> touched;
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it) {
        if (it->out && !isConfirmedOut(it.key()))
            touched.insert(it.key());
    }
    return refresh(touched);
}

QList<OptOutLedger::Row> OptOutLedger::rows() const
{
    QList<std::pair<int, QString>> pendingOut;
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it) {
        if (it->out && !isConfirmedOut(it.key()))
            pendingOut.append({it->order, it.key()});
    }
    std::sort(pendingOut.begin(), pendingOut.end());
    QList<Row> result;
    result.reserve(pendingOut.size() + m_confirmed.size());
    for (const auto &p : std::as_const(pendingOut))
        result.append(m_rows.value(p.second));
    for (const OptOutEntry &entry : std::as_const(m_confirmed))
        result.append(m_rows.value(entry.user.id));
    return result;
}

OptOutLedger::Via OptOutLedger::via(const QString &userId) const
{
    if (!m_optedOut.contains(userId))
        return Via::None;
    if (m_pendingIds.contains(userId))
        return Via::Pending;
    const OptOutEntry *entry = confirmedEntry(userId);
    return entry && !entry->isIndividual() ? Via::Rule : Via::Confirmed;
}

QList<OptOutCover> OptOutLedger::ruleCovers(const QString &userId) const
{
    const OptOutEntry *entry = confirmedEntry(userId);
    return entry ? entry->ruleCovers() : QList<OptOutCover>();
}

QString OptOutLedger::reasonOf(const QString &userId) const
{
    const auto wanted = m_wanted.constFind(userId);
    if (wanted != m_wanted.cend() && !wanted->reason.isEmpty())
        return wanted->reason;
    const OptOutEntry *entry = confirmedEntry(userId);
    return entry ? entry->reason : QString();
}

void OptOutLedger::rememberUndo(qint64 actionId, PendingAction::Type type,
                                const QStringList &userIds, bool deleteStoredEvents,
                                const QHash<QString, QString> &reasonsBefore)
{
    if (actionId == 0 || userIds.isEmpty())
        return;
    UndoNote note;
    note.type = type;
    note.userIds = userIds;
    if (type == PendingAction::Type::OptIn)
        note.reasons = reasonsBefore;
    note.deleteStoredEvents = type == PendingAction::Type::OptOut && deleteStoredEvents;
    m_undoable.insert(actionId, note);
    m_undoOrder.removeAll(actionId);
    m_undoOrder.append(actionId);
    while (m_undoOrder.size() > UndoableActions)
        m_undoable.remove(m_undoOrder.takeFirst());
}

void OptOutLedger::forgetUndo(qint64 actionId)
{
    m_undoable.remove(actionId);
    m_undoOrder.removeAll(actionId);
}

QSet<QString> OptOutLedger::unsentOf(qint64 actionId, bool headSending) const
{
    QSet<QString> ids;
    for (qsizetype i = headSending ? 1 : 0; i < m_pending.size(); ++i) {
        const PendingAction &action = m_pending.at(i);
        if (action.actionId != actionId)
            continue;
        for (const QString &id : action.userIds)
            ids.insert(id);
    }
    return ids;
}

OptOutLedger::UndoPlan OptOutLedger::planUndo(qint64 actionId, bool headSending) const
{
    UndoPlan plan;
    const auto it = m_undoable.constFind(actionId);
    if (it == m_undoable.cend())
        return plan;
    plan.type = it->type;
    const QSet<QString> unsent = unsentOf(actionId, headSending);
    for (const QString &id : it->userIds)
        (unsent.contains(id) ? plan.cancelled : plan.reversed).append(id);
    const bool wasOptOut = it->type == PendingAction::Type::OptOut;
    plan.storedDataGone = wasOptOut && it->deleteStoredEvents && !plan.reversed.isEmpty();
    if (wasOptOut)
        return plan;
    // Opted out again as they were: one opt-out per reason, in the order of the users.
    QHash<QString, qsizetype> slotOf;
    for (const QString &id : std::as_const(plan.reversed)) {
        const QString reason = it->reasons.value(id);
        auto slot = slotOf.constFind(reason);
        if (slot == slotOf.cend()) {
            slot = slotOf.insert(reason, plan.optOutsByReason.size());
            plan.optOutsByReason.append({reason, {}});
        }
        plan.optOutsByReason[*slot].second.append(id);
    }
    return plan;
}

OptOutLedger::UndoPlan OptOutLedger::takeUndo(qint64 actionId, bool headSending)
{
    const UndoPlan plan = planUndo(actionId, headSending);
    forgetUndo(actionId);
    return plan;
}

OptOutLedger::Change OptOutLedger::clear()
{
    m_undoable.clear();
    m_undoOrder.clear();
    Change change;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it)
        change.removed.append(it.key());
    change.stateChanged = m_optedOut;
    change.stateChanged.unite(m_pendingIds);
    m_revision = -1;
    m_confirmed.clear();
    m_confirmedById.clear();
    m_pending.clear();
    m_wanted.clear();
    m_rows.clear();
    m_optedOut.clear();
    m_pendingIds.clear();
    m_leaving.clear();
    return change;
}
