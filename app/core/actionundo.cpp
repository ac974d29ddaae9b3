// ActionQueue's undo: the ledger's rule (cancel what is not sent, reverse what is, put back
// what was there), carried out.
#include "actionqueue.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

QHash<QString, QString> ActionQueue::currentReasons(const QStringList &userIds) const
{
    QHash<QString, QString> reasons;
    for (const QString &id : userIds) {
        const QString reason = m_ledger->reasonOf(id);
        if (!reason.isEmpty())
            reasons.insert(id, reason);
    }
    return reasons;
}

bool ActionQueue::canUndo(qint64 actionId) const
{
    return m_ledger->canUndo(actionId);
}

QStringList ActionQueue::undoWouldSend(qint64 actionId) const
{
    return m_ledger->planUndo(actionId, m_sending).reversed;
}

UndoOutcome ActionQueue::undo(qint64 actionId)
{
    UndoOutcome outcome;
    if (!m_ledger->canUndo(actionId))
        return outcome;
    const OptOutLedger::UndoPlan plan = m_ledger->takeUndo(actionId, m_sending);
    outcome.type = plan.type;
    outcome.cancelled = plan.cancelled;
    outcome.reversed = plan.reversed;
    outcome.storedDataGone = plan.storedDataGone;
    qCInfo(lcSync) << "undo of action" << actionId << ":" << outcome.cancelled.size()
                   << "cancelled," << outcome.reversed.size() << "reversed";
    if (!outcome.cancelled.isEmpty())
        cancelPending(outcome.cancelled);
    if (outcome.reversed.isEmpty())
        return outcome;
    if (plan.type == PendingAction::Type::OptOut) {
        optIn(outcome.reversed);
        return outcome;
    }
    for (const auto &[reason, ids] : plan.optOutsByReason) {
        OptOutOptions options;
        options.reason = reason;
        if (ids.size() == 1)
            optOut(ids.constFirst(), options);
        else
            optOut(ids, options);
    }
    return outcome;
}
