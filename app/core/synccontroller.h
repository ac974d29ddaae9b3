// Keeps the models in sync with the service and carries the administrator's actions to it.
#pragma once

#include "actionqueue.h"
#include "cachewriter.h"
#include "ledgerview.h"
#include "optoutledger.h"
#include "syncloader.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QUrl>

class ApiClient;
class ChangeStream;
class OptOutModel;
class UserModel;

// The opt-out sync of one session, done by parts with one job each, built and wired here:
// SyncLoader (sign-in, loads, refreshes, live changes and their retries), ActionQueue (the
// administrator's actions, their pending file, sending and results) and CacheWriter (the file of
// the last synced lists); the ledger holds the opt-out state and LedgerView shows it in the
// models. This class is their one face to the window, the tests and the benchmarks, which need
// not know how the work is shared out.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    using State = SyncLoader::State;

    static constexpr int DefaultRefreshIntervalMs = SyncLoader::DefaultRefreshIntervalMs;
    static constexpr int UsersPageSize = SyncLoader::UsersPageSize;
    static constexpr int MaxBatchIds = ActionQueue::MaxBatchIds;

    // The models are filled by this controller; they and the client must outlive it.
    SyncController(ApiClient *api, UserModel *users, OptOutModel *optOuts,
                   QObject *parent = nullptr);
    ~SyncController() override;

    // The service's address the client talks to (empty before one is set).
    QUrl serverUrl() const;

    // Where pending actions are kept; empty (the default) means
    // PendingStore::defaultFilePath(server, signed-in user id), decided after /me.
    void setPendingFilePath(const QString &path);
    QString pendingFilePath() const { return m_actions.filePath(); }
    // Where the last synced lists are kept; empty (the default) means
    // SyncCache::defaultFilePath(server, signed-in user id).
    void setCacheFilePath(const QString &path);
    QString cacheFilePath() const { return m_cache.filePath(); }
    // Starts reading the cache of the account this token was last signed in as on `server`,
    // at once (main() asks before it builds the window): the start() that follows with them
    // takes it instead of reading it then.
    // true when a read was started (the cache file is there).
    bool prefetchCache(const QUrl &server, const QByteArray &token);
    // The same for the account `userId` on `server` (who a remembered token signed in as),
    // before its token is known: a start() whose token signs in as someone else reads anew.
    bool prefetchCacheOf(const QUrl &server, const QString &userId);
    // For tests: a read started ahead is held for the start() to come.
    bool hasCacheReadAhead() const { return m_cache.hasReadAhead(); }
    // Waits until the cache file is written (it is written on a worker thread).
    void waitForCacheWritten();
    // A start is reading the cache (on a worker thread): the lists are not shown yet.
    bool isReadingCache() const { return m_cache.isReading() || m_loader.isShowingCache(); }
    // For tests: the cache's worker thread (nullptr until it is first used).
    const QThread *cacheThread() const { return m_cache.workerThread(); }
    void setRefreshInterval(int milliseconds);
    int refreshInterval() const { return m_loader.refreshInterval(); }
    // Back-off of retries: first delay, doubled each failure up to the maximum.
    void setRetryDelays(int firstMilliseconds, int maxMilliseconds);

    // Signs in and loads everything; then keeps refreshing. Call again after a new token.
    void start();
    // Stops timers and requests in flight; pending actions stay saved.
    void stop();
    // Refreshes now (F5); while offline, retries now.
    void refresh();
    // The service's live changes, connected once synced (its back-off may be set here).
    ChangeStream *changeStream() const { return m_loader.changeStream(); }
    // Off: the timed refresh only (as with a service that has no stream). On by default.
    void setLiveChanges(bool on);

    // A reason (shown in the row at once) and whether the stored events are deleted now.
    using OptOutOptions = ::OptOutOptions;

    // Opts one user out: the row appears at once, pending until confirmed. Returns the
    // action's id (see actionCompleted), 0 when there was nothing to do.
    qint64 optOut(const QString &userId, const OptOutOptions &options = {},
                  QueueOutcome *outcome = nullptr);
    // Opts several users out in batch requests (chunked above MaxBatchIds, each batch atomic on
    // the service; actionCompleted reports the whole action once).
    qint64 optOut(const QStringList &userIds, const OptOutOptions &options = {},
                  QueueOutcome *outcome = nullptr);
    // Deletes now the stored events of users already opted out (an opt-out with
    // deleteStoredEvents: it changes nothing else). Users not opted out, or whose opt-in is
    // pending, are left out: opting them in is not silently undone by this. Returns the action's
    // id, 0 when none of them is opted out. Once sent, it cannot be taken back.
    qint64 deleteStoredData(const QStringList &userIds);
    // Opts users back in with one batch request (chunked above 10,000): the rows stay, marked,
    // until the service confirms.
    qint64 optIn(const QStringList &userIds, QueueOutcome *outcome = nullptr);
    // Undo of one action (the id optOut/optIn returned), the rule in one place: the users whose
    // change is not sent yet have it dropped (nothing is sent for them); for the others (sent,
    // on its way, confirmed) the opposite change follows, putting back what was there: an
    // opt-in undone opts out again with each user's reason as it was. Stored events an opt-out
    // deleted stay deleted. Deletions alone (deleteStoredData) cannot be undone. Each action
    // can be undone once; the last UndoableActions actions are remembered.
    static constexpr int UndoableActions = ActionQueue::UndoableActions;
    bool canUndo(qint64 actionId) const;
    // The users for whom undoing would send a change now (to ask first for several).
    QStringList undoWouldSend(qint64 actionId) const;
    UndoOutcome undo(qint64 actionId);
    // Takes back the last pending change of each of these users: one not sent yet is dropped
    // and never sent (an opt-out with deleteStoredEvents deletes nothing then); one already on
    // its way is followed by the opposite change (an opt-in: stored events it deleted stay
    // deleted), unless it changed nothing but deleting stored events.
    void cancelPending(const QStringList &userIds);
    // The pending change of this user is being sent right now (it can only be reversed).
    bool isSending(const QString &userId) const;
    // The effective opt-out state (the confirmed list with the pending changes on top).
    const OptOutLedger &ledger() const { return m_ledger; }
    // The opted-out users as the service last confirmed them, without the pending changes
    // (File > Export). The list shares its data: taking it costs nothing.
    QList<OptOutEntry> confirmedOptOuts() const { return m_ledger.confirmed(); }
    // Whether the lists shown come from the cache of an earlier session, not yet confirmed by
    // the service in this one.
    bool showingCachedData() const { return m_loader.showingCachedData(); }

    State state() const { return m_loader.state(); }
    const Me &me() const { return m_loader.me(); }
    bool isProductAdmin() const { return me().isProductAdmin(); }
    int loadProgress() const { return m_loader.loadProgress(); } // 0-100 while LoadingUsers
    QDateTime lastSyncedAt() const { return m_loader.lastSyncedAt(); } // UTC
    int secondsUntilRetry() const { return m_loader.secondsUntilRetry(); } // while Offline, else 0
    // users with an action awaiting the service
    int pendingCount() const { return m_actions.pendingCount(); }
    QList<PendingAction> pendingActions() const { return m_ledger.pending(); }
    ApiError lastError() const { return m_loader.lastError(); }
    // Offline: a retry is scheduled (secondsUntilRetry() tells when), not under way.
    bool isRetryScheduled() const { return m_loader.isRetryScheduled(); }
    // SignedOut: the token was refused before anyone was signed in with it.
    bool signInFailed() const { return m_loader.signInFailed(); }

signals:
    void stateChanged(SyncController::State state);
    void meLoaded(const Me &me);
    void loadProgressChanged(int percent);
    void synced(const QDateTime &at);
    // Each second while Offline.
    void retryCountdownChanged(int seconds);
    void pendingCountChanged(int count);
    // Whenever what the status bar says may have changed (the state, its progress, the retry
    // countdown, the pending count): the window words it (SyncStatusText).
    void statusChanged();
    // The service confirmed an opt-out (the GUI may now show the debugger note).
    void optOutConfirmed(const QString &userId);
    void optInConfirmed(const QStringList &userIds);
    // The service refused an action: it was rolled back. error.message is for the user.
    void actionFailed(const PendingAction &action, const ApiError &error);
    // Any other error worth showing (a failed load or refresh); the state tells what follows.
    void errorOccurred(const ApiError &error);
    // The changes saved from the last session could not be read: the file was moved to
    // `keptAt` (and is not overwritten).
    void pendingFileUnreadable(const QString &keptAt);
    // 401: the GUI returns to sign-in. Pending actions stay saved for the next sign-in.
    void authenticationFailed(const ApiError &error);
    // One action is over: every request of it answered. Not emitted for actions cancelled
    // before anything was sent.
    void actionCompleted(const ActionReport &report);
    // The pending list changed (an action queued, sent, cancelled).
    void pendingChanged();
    // A refresh brought changes made elsewhere (another administrator): emitted before and
    // after the models change, so that a view can keep its place.
    void aboutToApplyRemoteChanges();
    void remoteChangesApplied(const QStringList &optedOut, const QStringList &optedIn);
    // A refresh told the signed-in user's own usageTracking (the service's answer, unchanged
    // ones included); connect UsageTracker::onTrackingChecked here.
    void usageTrackingChecked(bool usageTracking);
    // The live changes came up (each change elsewhere now starts a refresh at once, and the
    // timed refresh pauses) or went down (the timed refresh runs until they are back).
    void liveChangesChanged(bool connected);

private:
    // In the order they depend on each other.
    OptOutLedger m_ledger;
    LedgerView m_view;
    CacheWriter m_cache;
    SyncLoader m_loader;
    ActionQueue m_actions;
    QPointer<ApiClient> m_api;
};
