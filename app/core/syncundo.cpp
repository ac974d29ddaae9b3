// SyncController's undo rule: cancel what is not sent, reverse what is, put back what was there.
#include "synccontroller.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

QHash<QString, QString> SyncController::currentReasons(const QStringList &userIds) const
{
    QHash<QString, QString> reasons;
    if (userIds.isEmpty())
        return reasons;
    const QSet<QString> wanted(userIds.cbegin(), userIds.cend());
    // As the models show it (applyModels): the first pending opt-out's reason, else the
    // service's entry's.
    for (const PendingAction &action : std::as_const(m_pending)) {
        if (action.type != PendingAction::Type::OptOut || action.reason.isEmpty())
            continue;
        for (const QString &id : action.userIds) {
            if (wanted.contains(id) && !reasons.contains(id))
                reasons.insert(id, action.reason);
        }
    }
    for (const OptOutEntry &entry : std::as_const(m_serverOptOuts)) {
        if (!entry.reason.isEmpty() && wanted.contains(entry.user.id)
            && !reasons.contains(entry.user.id))
            reasons.insert(entry.user.id, entry.reason);
    }
    return reasons;
}

void SyncController::rememberUndo(qint64 actionId, PendingAction::Type type,
                                  const QStringList &userIds, const OptOutOptions &options,
                                  const QHash<QString, QString> &reasons)
{
    if (actionId == 0 || userIds.isEmpty())
        return;
    UndoEntry entry;
    entry.type = type;
    entry.userIds = userIds;
    entry.reasons = reasons;
    entry.deleteStoredEvents = type == PendingAction::Type::OptOut && options.deleteStoredEvents;
    m_undoable.insert(actionId, entry);
    m_undoOrder.append(actionId);
    while (m_undoOrder.size() > UndoableActions)
        m_undoable.remove(m_undoOrder.takeFirst());
}

QSet<QString> SyncController::unsentOf(qint64 actionId) const
{
    QSet<QString> ids;
    const int firstFree = m_sending ? 1 : 0;
    for (int i = firstFree; i < m_pending.size(); ++i) {
        const PendingAction &action = m_pending.at(i);
        if (action.actionId != actionId)
            continue;
        for (const QString &id : action.userIds)
            ids.insert(id);
    }
    return ids;
}

bool SyncController::canUndo(qint64 actionId) const
{
    return m_undoable.contains(actionId);
}

QStringList SyncController::undoWouldSend(qint64 actionId) const
{
    const auto it = m_undoable.constFind(actionId);
    if (it == m_undoable.cend())
        return {};
    const QSet<QString> unsent = unsentOf(actionId);
    QStringList ids;
    for (const QString &id : it->userIds) {
        if (!unsent.contains(id))
            ids.append(id);
    }
    return ids;
}

UndoOutcome SyncController::undo(qint64 actionId)
{
    UndoOutcome outcome;
    const auto it = m_undoable.find(actionId);
    if (it == m_undoable.end())
        return outcome;
    const UndoEntry entry = *it;
    m_undoable.erase(it);
    m_undoOrder.removeAll(actionId);
    outcome.type = entry.type;
    const QSet<QString> unsent = unsentOf(actionId);
    for (const QString &id : entry.userIds)
        (unsent.contains(id) ? outcome.cancelled : outcome.reversed).append(id);
    const bool wasOptOut = entry.type == PendingAction::Type::OptOut;
    outcome.storedDataGone = wasOptOut && entry.deleteStoredEvents && !outcome.reversed.isEmpty();
    qCInfo(lcSync) << "undo of action" << actionId << ":" << outcome.cancelled.size()
                   << "cancelled," << outcome.reversed.size() << "reversed";
    if (!outcome.cancelled.isEmpty())
        cancelPending(outcome.cancelled);
    if (outcome.reversed.isEmpty())
        return outcome;
    if (wasOptOut) {
        optIn(outcome.reversed);
        return outcome;
    }
    // Opted out again as they were: one opt-out per reason, in the order of the users.
    QStringList reasonsInOrder;
    QHash<QString, QStringList> byReason;
    for (const QString &id : std::as_const(outcome.reversed)) {
        const QString reason = entry.reasons.value(id);
        if (!byReason.contains(reason))
            reasonsInOrder.append(reason);
        byReason[reason].append(id);
    }
    for (const QString &reason : std::as_const(reasonsInOrder)) {
        OptOutOptions options;
        options.reason = reason;
        const QStringList ids = byReason.value(reason);
        if (ids.size() == 1)
            optOut(ids.constFirst(), options);
        else
            optOut(ids, options);
    }
    return outcome;
}
