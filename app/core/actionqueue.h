// The administrator's actions on their way to the service: queued at once in the ledger, kept
// in the pending file, sent one request at a time, retried, and reported when done.
#pragma once

#include "apitypes.h"
#include "optoutledger.h"
#include "pendingstore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

class ApiClient;
class LedgerView;
class SyncLoader;
class UserModel;

// What became of one administrator's action, all its requests together (a large opt-in goes
// out in several batches): the users the service applied it to and those it refused.
struct ActionReport
{
    PendingAction::Type type = PendingAction::Type::OptOut;
    qint64 actionId = 0;
    QStringList applied;
    QStringList refused;
    ApiError error; // why `refused` was refused; unset when nothing was
    // Opt-outs: as the administrator asked (see PendingAction).
    QString reason;
    bool deleteStoredEvents = false;
    // Only the deletion of the stored events of users already out (deleteStoredData).
    bool deletionOnly = false;
    // The other users the administrator asked for, none of them sent (see QueueOutcome).
    QStringList unchanged;
    QStringList cancelledOut;
};
Q_DECLARE_METATYPE(ActionReport)

// What queuing an action did with the users asked for besides queuing them: so that a message
// can account for every one of them.
struct QueueOutcome
{
    // Already in the state asked for (changed elsewhere meanwhile, or asked twice): nothing to
    // send.
    QStringList unchanged;
    // Their opposite change was still pending and not sent: the two cancelled out, neither is
    // sent.
    QStringList cancelledOut;
};

// What undoing an action did (ActionQueue::undo).
struct UndoOutcome
{
    PendingAction::Type type = PendingAction::Type::OptOut; // of the action undone
    QStringList cancelled; // not sent yet: dropped, never sent
    QStringList reversed; // sent or on its way: the opposite change follows
    bool storedDataGone = false; // it deleted stored events: they stay deleted
    bool isEmpty() const { return cancelled.isEmpty() && reversed.isEmpty(); }
};

// Actions are optimistic: the ledger changes at once, the rows stay pending until the service
// confirms, a refusal (4xx) rolls back and reports actionFailed; a network failure, a timeout
// or a 5xx keeps them and goes to the loader (sendFailed), which retries. Opposite pending
// actions for the same user cancel out before they are sent. Pending actions are saved to a
// file and resent after a restart.
class ActionQueue final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxBatchIds = 10000;
    static constexpr int UndoableActions = OptOutLedger::UndoableActions;

    // Sends only while `loader` says so (signed in, loaded, not waiting to retry); all of them
    // must outlive the queue.
    ActionQueue(ApiClient *api, OptOutLedger *ledger, LedgerView *view, UserModel *users,
                const SyncLoader *loader, QObject *parent = nullptr);
    ~ActionQueue() override;

    // Where pending actions are kept; empty (the default) means
    // PendingStore::defaultFilePath(server, signed-in user id), decided after /me.
    void setFilePath(const QString &path);
    QString filePath() const { return m_store.filePath(); }

    // A new start: the reports of the last one forgotten, the last user's saved actions shown
    // (those of a signed-in user are in their file; anything else stays in memory).
    void restart();
    // Requests in flight are dropped; the actions stay pending and saved.
    void stop();
    // /me answered: the saved actions of this user are taken in (those preloaded for someone
    // else are left in their own file) and the file is theirs from now on.
    void adoptFor(const Me &me);
    // Sends the head of the queue, if any and if the loader allows.
    void sendNext();
    // Counts the users with an action pending (pendingCountChanged when it changed).
    void updatePendingCount();

    using OptOutOptions = ::OptOutOptions;
    // See SyncController: the same calls, the same results.
    qint64 optOut(const QString &userId, const OptOutOptions &options = {},
                  QueueOutcome *outcome = nullptr);
    qint64 optOut(const QStringList &userIds, const OptOutOptions &options = {},
                  QueueOutcome *outcome = nullptr);
    qint64 deleteStoredData(const QStringList &userIds);
    qint64 optIn(const QStringList &userIds, QueueOutcome *outcome = nullptr);
    bool canUndo(qint64 actionId) const;
    QStringList undoWouldSend(qint64 actionId) const;
    UndoOutcome undo(qint64 actionId);
    void cancelPending(const QStringList &userIds);
    bool isSending(const QString &userId) const;
    int pendingCount() const { return m_pendingCount; }

signals:
    void pendingCountChanged(int count);
    void pendingChanged();
    void optOutConfirmed(const QString &userId);
    void optInConfirmed(const QStringList &userIds);
    void actionFailed(const PendingAction &action, const ApiError &error);
    void actionCompleted(const ActionReport &report);
    // The saved actions could not be read: the file was moved to `keptAt`.
    void pendingFileUnreadable(const QString &keptAt);
    // The service confirmed this action (the confirmed list changed).
    void actionConfirmed(const PendingAction &action);
    // Not refused by the service: the network, a timeout, a 5xx, or a 401. Still pending.
    void sendFailed(const ApiError &error);

private:
    void preloadPending();
    // The pending queue is the ledger's; changed through it, shown by rows.
    const QList<PendingAction> &queue() const { return m_ledger->pending(); }
    void setPending(const QList<PendingAction> &pending);
    qint64 enqueue(PendingAction::Type type, const QStringList &userIds,
                   const OptOutOptions &options = {}, QueueOutcome *outcome = nullptr);
    // Each user's reason as things stand (a pending opt-out's, else the service's entry's).
    QHash<QString, QString> currentReasons(const QStringList &userIds) const;
    // Each user's last pending action (index in the queue), and for users with an earlier
    // pending action too, whether that earlier one opts them out.
    QHash<QString, int> lastPendingIndex(QHash<QString, bool> *outBeforeLast) const;
    // Removes the ids from the pending actions at the given indexes; returns the action ids of
    // the actions touched.
    QSet<qint64> dropFromPending(const QHash<int, QSet<QString>> &cancelled);
    void reportChunk(const PendingAction &action, const QStringList &applied,
                     const QStringList &refused, const ApiError &error);
    void finishIfDone(qint64 actionId);
    void savePending();
    void confirmAction(const PendingAction &action);
    void refuseAction(const ApiError &error);

    QPointer<ApiClient> m_api;
    OptOutLedger *m_ledger;
    LedgerView *m_view;
    QPointer<UserModel> m_users;
    const SyncLoader *m_loader;
    PendingStore m_store;
    bool m_explicitStorePath = false;
    QObject *m_requests = nullptr; // context of requests in flight; deleted to drop them
    int m_session = 0; // bumped by stop(): answers of an older session are dropped

    // Actions shown from the last user's file before /me answers, and whose they were.
    QList<PendingAction> m_preloaded;
    QString m_preloadedUserId;
    int m_pendingCount = 0;
    bool m_sending = false;
    qint64 m_nextActionId = 0;
    QHash<qint64, ActionReport> m_reports; // actions with at least one request answered
    // Per action, what it asked besides what it sent (QueueOutcome), and the deletions alone.
    QHash<qint64, QueueOutcome> m_queueOutcomes;
    QSet<qint64> m_deletionActions;
};
