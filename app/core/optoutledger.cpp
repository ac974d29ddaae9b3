// The opt-out ledger: the effective opt-out state made from the confirmed list and the pending
// changes.
#include "optoutledger.h"

void OptOutLedger::clear()
{
    m_revision = -1;
    m_optedOut.clear();
    m_pending.clear();
    m_leaving.clear();
}

QList<OptOutEntry> OptOutLedger::rebuild(const QList<OptOutEntry> &confirmed, qint64 revision,
                                         const QList<PendingAction> &pending, const User &me,
                                         const UserLookup &lookup)
{
    m_revision = revision;
    // Each user's last pending change decides; later actions win.
    QHash<QString, bool> wanted; // user id -> opted out
    QSet<QString> pendingIds;
    QSet<QString> deleting; // stored events to be deleted now by a pending opt-out
    QHash<QString, QString> reasons; // of pending opt-outs
    for (const PendingAction &action : pending) {
        for (const QString &id : action.userIds) {
            wanted.insert(id, action.type == PendingAction::Type::OptOut);
            pendingIds.insert(id);
            if (action.deleteStoredEvents)
                deleting.insert(id);
            else if (action.type == PendingAction::Type::OptIn)
                deleting.remove(id);
            // The first reason counts, as on the service.
            if (!action.reason.isEmpty() && !reasons.contains(id))
                reasons.insert(id, action.reason);
        }
    }
    QSet<QString> onServer;
    onServer.reserve(confirmed.size());
    for (const OptOutEntry &entry : confirmed)
        onServer.insert(entry.user.id);

    QList<OptOutEntry> effective;
    effective.reserve(confirmed.size() + pendingIds.size());
    QSet<QString> optedOut;
    optedOut.reserve(confirmed.size() + pendingIds.size());
    for (auto it = pending.crbegin(); it != pending.crend(); ++it) {
        if (it->type != PendingAction::Type::OptOut)
            continue;
        for (const QString &id : it->userIds) {
            if (!wanted.value(id) || onServer.contains(id) || optedOut.contains(id))
                continue;
            OptOutEntry entry;
            const User *user = lookup ? lookup(id) : nullptr;
            entry.user = user ? *user : User {id, QString(), id};
            entry.optedOutAt = it->createdAt;
            entry.optedOutBy = me;
            entry.reason = reasons.value(id);
            effective.append(entry);
            optedOut.insert(id);
        }
    }
    QSet<QString> leaving; // pending opt-ins keep their rows, marked, until confirmed
    for (const OptOutEntry &entry : confirmed) {
        if (optedOut.contains(entry.user.id) || leaving.contains(entry.user.id))
            continue;
        if (entry.purgeAt.isValid() && deleting.contains(entry.user.id)
            && wanted.value(entry.user.id, true)) {
            OptOutEntry deleted = entry; // shown as deleted while the deletion is pending
            deleted.purgeAt = QDateTime();
            effective.append(deleted);
        } else {
            effective.append(entry);
        }
        if (wanted.value(entry.user.id, true))
            optedOut.insert(entry.user.id);
        else
            leaving.insert(entry.user.id);
    }
    m_optedOut = std::move(optedOut);
    m_pending = std::move(pendingIds);
    m_leaving = std::move(leaving);
    return effective;
}

OptOutLedger::Via OptOutLedger::via(const QString &userId) const
{
    if (!m_optedOut.contains(userId))
        return Via::None;
    return m_pending.contains(userId) ? Via::Pending : Via::Confirmed;
}
