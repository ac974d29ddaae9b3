// The administrator's actions on their way to the service: queued, saved, sent, reported.
#include "actionqueue.h"

#include "apiclient.h"
#include "ledgerview.h"
#include "syncloader.h"
#include "usermodel.h"

#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace {

// The ids asked for, each once, in their order, without empty ones.
QStringList distinctIds(const QStringList &userIds)
{
    QStringList ids;
    ids.reserve(userIds.size());
    QSet<QString> seen;
    for (const QString &id : userIds) {
        if (!id.isEmpty() && !seen.contains(id)) {
            seen.insert(id);
            ids.append(id);
        }
    }
    return ids;
}

} // namespace

ActionQueue::ActionQueue(ApiClient *api, OptOutLedger *ledger, LedgerView *view, UserModel *users,
                         const SyncLoader *loader, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_ledger(ledger)
    , m_view(view)
    , m_users(users)
    , m_loader(loader)
{
    // Unique across restarts too: chunks saved by an earlier session keep their own ids.
    m_nextActionId = QDateTime::currentMSecsSinceEpoch() * 1000;
}

ActionQueue::~ActionQueue() = default;

void ActionQueue::setFilePath(const QString &path)
{
    m_store.setFilePath(path);
    m_explicitStorePath = !path.isEmpty();
}

void ActionQueue::restart()
{
    m_reports.clear();
    m_queueOutcomes.clear();
    m_deletionActions.clear();
    m_requests = new QObject(this);
    preloadPending();
}

void ActionQueue::preloadPending()
{
    // What an earlier start preloaded was never confirmed by /me: it is still in its file.
    QList<PendingAction> pending = m_ledger->pending();
    for (const PendingAction &action : std::as_const(m_preloaded))
        pending.removeAll(action);
    setPending(pending);
    m_preloaded.clear();
    m_preloadedUserId.clear();
    if (m_explicitStorePath && pending.isEmpty()) {
        // A file given for this account: its actions count from the start.
        QList<PendingAction> saved;
        if (m_store.load(&saved) && !saved.isEmpty()) {
            m_preloaded = saved;
            setPending(saved);
            updatePendingCount();
        }
        return;
    }
    if (m_explicitStorePath || !pending.isEmpty() || !m_api)
        return;
    // The last user of this server and token: their unsent actions count from the start, so a
    // service that is down at start does not hide them. /me confirms (or drops) them.
    const QString userId = PendingStore::rememberedUser(m_api->baseUrl(), m_api->token());
    if (userId.isEmpty())
        return;
    const PendingStore store(PendingStore::defaultFilePath(m_api->baseUrl(), userId));
    QList<PendingAction> saved;
    if (!store.load(&saved) || saved.isEmpty())
        return;
    m_preloaded = saved;
    m_preloadedUserId = userId;
    setPending(saved);
    // Changes made to them before /me answers are saved where they came from.
    m_store.setFilePath(store.filePath());
    updatePendingCount();
}

void ActionQueue::stop()
{
    ++m_session;
    if (m_requests) {
        // deleteLater: stop() may run inside one of the requests' own callbacks.
        m_requests->deleteLater();
        m_requests = nullptr;
    }
    m_sending = false;
}

qint64 ActionQueue::optOut(const QString &userId, const OptOutOptions &options,
                           QueueOutcome *outcome)
{
    if (userId.isEmpty())
        return 0;
    if (m_ledger->isOptedOut(userId)) {
        if (outcome)
            outcome->unchanged.append(userId);
        return 0;
    }
    return enqueue(PendingAction::Type::OptOut, QStringList {userId}, options, outcome);
}

qint64 ActionQueue::optOut(const QStringList &userIds, const OptOutOptions &options,
                           QueueOutcome *outcome)
{
    QStringList ids;
    QueueOutcome local;
    QueueOutcome &result = outcome ? *outcome : local;
    for (const QString &id : distinctIds(userIds)) {
        if (m_ledger->isOptedOut(id))
            result.unchanged.append(id);
        else
            ids.append(id);
    }
    return enqueue(PendingAction::Type::OptOut, ids, options, &result);
}

qint64 ActionQueue::deleteStoredData(const QStringList &userIds)
{
    QStringList ids;
    for (const QString &id : distinctIds(userIds)) {
        // Only users opted out as things stand (the service's list with the pending actions on
        // top): a pending opt-in is the administrator's last word on that user.
        if (m_ledger->isOptedOut(id))
            ids.append(id);
    }
    OptOutOptions options;
    options.deleteStoredEvents = true;
    const qint64 actionId = enqueue(PendingAction::Type::OptOut, ids, options);
    if (actionId != 0) {
        // Deleted data cannot come back: nothing to undo.
        m_deletionActions.insert(actionId);
        m_ledger->forgetUndo(actionId);
    }
    return actionId;
}

qint64 ActionQueue::optIn(const QStringList &userIds, QueueOutcome *outcome)
{
    QStringList ids;
    QueueOutcome local;
    QueueOutcome &result = outcome ? *outcome : local;
    for (const QString &id : distinctIds(userIds)) {
        if (!m_view->isLoaded() || m_ledger->isOptedOut(id))
            ids.append(id);
        else
            result.unchanged.append(id);
    }
    return enqueue(PendingAction::Type::OptIn, ids, {}, &result);
}

void ActionQueue::cancelPending(const QStringList &userIds)
{
    // Each user's last pending change: not sent yet, it is dropped; on its way, it can only be
    // followed by the opposite, and only when it changed the user's state (a deletion of the
    // stored events of a user already out did not; the events are gone).
    const int firstFree = m_sending ? 1 : 0;
    QHash<QString, bool> outBeforeLast;
    const QHash<QString, int> last = lastPendingIndex(&outBeforeLast);
    QHash<int, QSet<QString>> dropped;
    QStringList optOut;
    QStringList optIn;
    for (const QString &id : userIds) {
        const auto it = last.constFind(id);
        if (it == last.cend())
            continue;
        if (*it >= firstFree) {
            dropped[*it].insert(id);
            continue;
        }
        const bool out = queue().at(*it).type == PendingAction::Type::OptOut;
        const bool outBefore = outBeforeLast.value(id, m_ledger->isConfirmedOut(id));
        if (outBefore != out)
            (out ? optIn : optOut).append(id);
    }
    if (!dropped.isEmpty()) {
        const QSet<qint64> touched = dropFromPending(dropped);
        qCInfo(lcSync) << "took back" << touched.size() << "pending action(s) before sending";
        savePending();
        updatePendingCount();
        emit pendingChanged();
        for (qint64 id : touched)
            finishIfDone(id);
    }
    enqueue(PendingAction::Type::OptIn, optIn);
    enqueue(PendingAction::Type::OptOut, optOut);
}

bool ActionQueue::isSending(const QString &userId) const
{
    return m_sending && !queue().isEmpty() && queue().constFirst().userIds.contains(userId);
}

void ActionQueue::adoptFor(const Me &me)
{
    if (!m_preloadedUserId.isEmpty() && m_preloadedUserId != me.id) {
        // The token now belongs to someone else: those actions stay in their own file.
        QList<PendingAction> pending = m_ledger->pending();
        for (const PendingAction &action : std::as_const(m_preloaded))
            pending.removeAll(action);
        setPending(pending);
    }
    m_preloaded.clear();
    m_preloadedUserId.clear();
    if (!m_explicitStorePath) {
        m_store.setFilePath(PendingStore::defaultFilePath(m_api->baseUrl(), me.id));
        PendingStore::rememberUser(m_api->baseUrl(), m_api->token(), me.id);
    }
    QList<PendingAction> saved;
    QString problem;
    if (!m_store.load(&saved, &problem)) {
        // Keep the unreadable file aside rather than overwrite it.
        const QString aside = m_store.filePath() + QLatin1String(".unreadable");
        QFile::remove(aside);
        QFile::rename(m_store.filePath(), aside);
        qCWarning(lcSync) << "pending actions unreadable:" << problem << "moved to" << aside;
        emit pendingFileUnreadable(aside);
    }
    for (const PendingAction &action : m_ledger->pending()) {
        if (!saved.contains(action))
            saved.append(action);
    }
    setPending(saved);
    savePending();
    updatePendingCount();
    emit pendingChanged();
}

void ActionQueue::setPending(const QList<PendingAction> &pending)
{
    m_view->show(m_ledger->setPending(pending));
}

QHash<QString, int> ActionQueue::lastPendingIndex(QHash<QString, bool> *outBeforeLast) const
{
    QHash<QString, int> last;
    const QList<PendingAction> &pending = queue();
    for (int i = 0; i < pending.size(); ++i) {
        for (const QString &id : std::as_const(pending.at(i).userIds)) {
            const auto it = last.find(id);
            if (it == last.end()) {
                last.insert(id, i);
                continue;
            }
            if (outBeforeLast)
                outBeforeLast->insert(id, pending.at(*it).type == PendingAction::Type::OptOut);
            *it = i;
        }
    }
    return last;
}

QSet<qint64> ActionQueue::dropFromPending(const QHash<int, QSet<QString>> &cancelled)
{
    QSet<qint64> touched;
    QList<PendingAction> kept;
    const QList<PendingAction> &pending = queue();
    kept.reserve(pending.size());
    for (int i = 0; i < pending.size(); ++i) {
        PendingAction action = pending.at(i);
        const auto it = cancelled.constFind(i);
        if (it != cancelled.cend()) {
            touched.insert(action.actionId);
            action.userIds.erase(
                std::remove_if(action.userIds.begin(), action.userIds.end(),
                               [&it](const QString &id) { return it->contains(id); }),
                action.userIds.end());
            if (action.userIds.isEmpty())
                continue;
        }
        kept.append(action);
    }
    setPending(kept);
    return touched;
}

qint64 ActionQueue::enqueue(PendingAction::Type type, const QStringList &userIds,
                            const OptOutOptions &options, QueueOutcome *outcome)
{
    QueueOutcome local;
    QueueOutcome &result = outcome ? *outcome : local;
    if (userIds.isEmpty())
        return 0;
    const bool out = type == PendingAction::Type::OptOut;
    const bool deleting = out && options.deleteStoredEvents;
    // Each user's last pending change decides: the same change pending already is not queued
    // twice (unless this one also deletes the stored events); the opposite one, not yet sent,
    // cancels out with this one and neither is sent, unless this one is still needed after it:
    // it deletes stored events, or the cancelled one changed nothing (a deletion of the stored
    // events of a user already out, followed by an opt-in). One on its way cannot be called
    // back: this one follows it.
    const int firstFree = m_sending ? 1 : 0;
    QHash<QString, bool> outBeforeLast;
    const QHash<QString, int> lastIndex = lastPendingIndex(&outBeforeLast);
    QStringList ids;
    ids.reserve(userIds.size());
    QHash<int, QSet<QString>> cancelled; // pending index -> ids taken out of it
    for (const QString &id : userIds) {
        const auto it = lastIndex.constFind(id);
        if (it == lastIndex.cend()) {
            ids.append(id);
            continue;
        }
        const PendingAction &last = queue().at(*it);
        if (last.type == type) {
            if (deleting && !last.deleteStoredEvents)
                ids.append(id);
            else
                result.unchanged.append(id);
            continue;
        }
        if (*it < firstFree) {
            ids.append(id);
            continue;
        }
        cancelled[*it].insert(id);
        const bool outBefore = outBeforeLast.value(id, m_ledger->isConfirmedOut(id));
        if (deleting || outBefore != out)
            ids.append(id);
        else
            result.cancelledOut.append(id);
    }
    // What undoing an opt-in puts back: the reasons as they are before it.
    const QHash<QString, QString> reasonsBefore
        = out ? QHash<QString, QString>() : currentReasons(ids);
    QSet<qint64> touched;
    if (!cancelled.isEmpty()) {
        touched = dropFromPending(cancelled);
        qCInfo(lcSync) << "cancelled out" << userIds.size() - ids.size() << "pending change(s)";
    }
    qint64 actionId = 0;
    if (!ids.isEmpty()) {
        actionId = ++m_nextActionId;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<PendingAction> pending = queue();
        for (qsizetype start = 0; start < ids.size(); start += MaxBatchIds) {
            PendingAction action;
            action.type = type;
            action.userIds = ids.mid(start, MaxBatchIds);
            action.createdAt = now;
            action.actionId = actionId;
            if (out) {
                action.reason = options.reason;
                action.deleteStoredEvents = options.deleteStoredEvents;
            }
            pending.append(action);
        }
        setPending(pending);
        m_ledger->rememberUndo(actionId, type, ids, options.deleteStoredEvents, reasonsBefore);
        if (!result.unchanged.isEmpty() || !result.cancelledOut.isEmpty())
            m_queueOutcomes.insert(actionId, result);
    }
    if (ids.isEmpty() && cancelled.isEmpty())
        return 0;
    savePending();
    updatePendingCount();
    emit pendingChanged();
    for (qint64 id : std::as_const(touched))
        finishIfDone(id);
    sendNext();
    return actionId;
}

void ActionQueue::reportChunk(const PendingAction &action, const QStringList &applied,
                              const QStringList &refused, const ApiError &error)
{
    ActionReport &report = m_reports[action.actionId];
    report.type = action.type;
    report.actionId = action.actionId;
    report.reason = action.reason;
    report.deleteStoredEvents = action.deleteStoredEvents;
    report.applied.append(applied);
    report.refused.append(refused);
    if (!refused.isEmpty())
        report.error = error;
}

void ActionQueue::finishIfDone(qint64 actionId)
{
    const auto it = m_reports.constFind(actionId);
    if (it == m_reports.cend())
        return; // nothing of it answered yet (or it was cancelled before being sent)
    if (actionId != 0) {
        for (const PendingAction &action : queue()) {
            if (action.actionId == actionId)
                return; // more requests to come
        }
    }
    ActionReport report = *it;
    m_reports.erase(it);
    const QueueOutcome outcome = m_queueOutcomes.take(actionId);
    report.unchanged = outcome.unchanged;
    report.cancelledOut = outcome.cancelledOut;
    report.deletionOnly = m_deletionActions.remove(actionId);
    emit actionCompleted(report);
}

void ActionQueue::savePending()
{
    QString problem;
    if (!m_store.save(queue(), &problem))
        qCWarning(lcSync) << "cannot save pending actions:" << problem;
}

void ActionQueue::sendNext()
{
    if (m_sending || queue().isEmpty() || !m_requests || !m_api || !m_loader->maySend())
        return;
    m_sending = true;
    emit pendingChanged(); // the head is now on its way: it can only be reversed
    const PendingAction action = queue().first();
    const int session = m_session;
    OptOutOptions options;
    options.reason = action.reason;
    options.deleteStoredEvents = action.deleteStoredEvents;
    if (action.type == PendingAction::Type::OptOut && action.userIds.size() == 1) {
        m_api->putOptOut(action.userIds.first(), options, m_requests,
                         [this, session, action](const ApiResult<PutOptOutResult> &result) {
                             if (session != m_session)
                                 return;
                             if (!result.ok()) {
                                 refuseAction(result.error());
                                 return;
                             }
                             // Show the service's entry (its time) until the next refresh.
                             m_view->show(m_ledger->confirmOptOuts({result.value().entry}));
                             confirmAction(action);
                         });
        return;
    }
    const bool out = action.type == PendingAction::Type::OptOut;
    m_api->postBatch(
        out ? action.userIds : QStringList(), out ? QStringList() : action.userIds, options,
        m_requests, [this, session, action](const ApiResult<BatchResult> &result) {
            if (session != m_session)
                return;
            if (!result.ok()) {
                refuseAction(result.error());
                return;
            }
            if (action.type == PendingAction::Type::OptOut) {
                // Shown as ours until the next refresh brings the service's entries.
                const Me &signedIn = m_loader->me();
                const User me {signedIn.id, signedIn.email, signedIn.name};
                QList<OptOutEntry> added;
                for (const QString &id : action.userIds) {
                    if (m_ledger->isConfirmedOut(id))
                        continue;
                    OptOutEntry entry;
                    const User *user = m_users ? m_users->userById(id) : nullptr;
                    entry.user = user ? *user : User {id, QString(), id};
                    entry.optedOutAt = QDateTime::currentDateTimeUtc();
                    entry.optedOutBy = me;
                    entry.reason = action.reason;
                    added.append(entry);
                }
                if (action.deleteStoredEvents)
                    m_view->show(m_ledger->confirmDeleted(action.userIds)); // deleted now
                m_view->show(m_ledger->confirmOptOuts(added));
            } else {
                m_view->show(m_ledger->confirmOptIns(action.userIds));
            }
            confirmAction(action);
        });
}

void ActionQueue::confirmAction(const PendingAction &action)
{
    m_sending = false;
    if (!queue().isEmpty() && queue().first() == action) {
        QList<PendingAction> pending = queue();
        pending.removeFirst();
        setPending(pending);
    }
    savePending();
    updatePendingCount();
    emit pendingChanged();
    if (action.type == PendingAction::Type::OptOut) {
        for (const QString &id : action.userIds)
            emit optOutConfirmed(id);
    } else {
        emit optInConfirmed(action.userIds);
    }
    reportChunk(action, action.userIds, {}, {});
    finishIfDone(action.actionId);
    // The loader saves the cache and refreshes (the confirmed list changed).
    emit actionConfirmed(action);
    sendNext();
}

void ActionQueue::refuseAction(const ApiError &error)
{
    m_sending = false;
    if (error.isUnauthenticated() || error.isTransient()) {
        emit sendFailed(error);
        return;
    }
    if (queue().isEmpty())
        return;
    QList<PendingAction> pending = queue();
    PendingAction &head = pending.first();
    PendingAction refused = head;
    // A batch refused for some ids only: drop those, keep the rest pending.
    const QStringList offending = error.detailUserIds();
    bool partial = false;
    if (head.userIds.size() > 1 && !offending.isEmpty()) {
        const QSet<QString> bad(offending.cbegin(), offending.cend());
        QStringList rest;
        QStringList dropped;
        for (const QString &id : std::as_const(head.userIds))
            (bad.contains(id) ? dropped : rest).append(id);
        if (!rest.isEmpty() && !dropped.isEmpty()) {
            head.userIds = rest;
            refused.userIds = dropped;
            partial = true;
        }
    }
    if (!partial)
        pending.removeFirst();
    setPending(pending);
    savePending();
    updatePendingCount();
    emit pendingChanged();
    qCInfo(lcSync) << "action refused:" << error.technical;
    emit actionFailed(refused, error);
    reportChunk(refused, {}, refused.userIds, error);
    finishIfDone(refused.actionId);
    sendNext();
}

void ActionQueue::updatePendingCount()
{
    QSet<QString> ids;
    for (const PendingAction &action : queue()) {
        for (const QString &id : action.userIds)
            ids.insert(id);
    }
    const int count = int(ids.size());
    if (count == m_pendingCount)
        return;
    m_pendingCount = count;
    emit pendingCountChanged(count);
}
