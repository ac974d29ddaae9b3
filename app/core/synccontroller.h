// Keeps the models in sync with the service and carries the administrator's actions to it.
#pragma once

#include "apitypes.h"
#include "cachestore.h"
#include "optoutledger.h"
#include "pendingstore.h"
#include "synccache.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

class ApiClient;
class ChangeStream;
class OptOutModel;
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

// What undoing an action did (SyncController::undo).
struct UndoOutcome
{
    PendingAction::Type type = PendingAction::Type::OptOut; // of the action undone
    QStringList cancelled; // not sent yet: dropped, never sent
    QStringList reversed; // sent or on its way: the opposite change follows
    bool storedDataGone = false; // it deleted stored events: they stay deleted
    bool isEmpty() const { return cancelled.isEmpty() && reversed.isEmpty(); }
};

// Sign-in: /me, /sync-state, then every user page (progress 0-100), then /optouts. A refresh
// (every refreshInterval() and on refresh()) asks /sync-state with If-None-Match: one request,
// 304, for an unchanged organisation; when it changed, it fetches only what changed (users,
// opt-outs: each conditionally) and carries the signed-in user's usageTracking
// (usageTrackingChecked). A service without /sync-state (404) is refreshed as before: users,
// opt-outs, then /me for usageTracking. Actions are optimistic: the models
// change at once, the rows stay pending until the service confirms, a refusal (4xx) rolls back
// and reports actionFailed, a network failure/timeout/5xx keeps them and retries with back-off
// (2, 4, 8 ... 60 s). Pending actions are saved to a file and resent after a restart.
// Once synced it also listens to the service's live changes (ChangeStream): each event starts
// a refresh at once, and the timed refresh pauses while the stream is up.
// Opposite pending actions for the same user cancel out before they are sent. The last synced
// users and opt-outs are cached per server and account and shown at once on the next start.
class SyncController final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle, // not started
        SigningIn, // waiting for /me
        LoadingUsers, // loadProgress() tells how far
        LoadingOptOuts,
        Synced, // lastSyncedAt() tells when; pendingCount() may be > 0 while sending
        Offline, // the service cannot be reached: secondsUntilRetry() tells when it retries
        NotProductAdmin, // signed in, but the page is for product administrators only
        SignedOut, // 401: the token is unknown or revoked; back to sign-in
        Unreachable, // nothing answered the first sign-in (wrong address?): no retry
    };
    Q_ENUM(State)

    static constexpr int DefaultRefreshIntervalMs = 30000;
    static constexpr int UsersPageSize = 5000;
    static constexpr int MaxBatchIds = 10000;

    // The models are filled by this controller; they and the client must outlive it.
    SyncController(ApiClient *api, UserModel *users, OptOutModel *optOuts,
                   QObject *parent = nullptr);
    ~SyncController() override;

    // The service's address the client talks to (empty before one is set).
    QUrl serverUrl() const;

    // Where pending actions are kept; empty (the default) means
    // PendingStore::defaultFilePath(server, signed-in user id), decided after /me.
    void setPendingFilePath(const QString &path);
    QString pendingFilePath() const { return m_store.filePath(); }
    // Where the last synced lists are kept; empty (the default) means
    // SyncCache::defaultFilePath(server, signed-in user id).
    void setCacheFilePath(const QString &path);
    QString cacheFilePath() const { return m_cachePath; }
    // Starts reading the cache of the account this token was last signed in as on `server`,
    // at once (main() asks before it builds the window): the start() that follows with them
    // takes it instead of reading it then.
    void prefetchCache(const QUrl &server, const QByteArray &token);
    // Waits until the cache file is written (it is written on a worker thread).
    void waitForCacheWritten();
    // A start is reading the cache (on a worker thread): the lists are not shown yet.
    bool isReadingCache() const { return m_readingCache; }
    // For tests: the cache's worker thread (nullptr until it is first used).
    const QThread *cacheThread() const { return m_cache.workerThread(); }
    void setRefreshInterval(int milliseconds);
    int refreshInterval() const { return m_refreshTimer.interval(); }
    // Back-off of retries: first delay, doubled each failure up to the maximum.
    void setRetryDelays(int firstMilliseconds, int maxMilliseconds);

    // Signs in and loads everything; then keeps refreshing. Call again after a new token.
    void start();
    // Stops timers and requests in flight; pending actions stay saved.
    void stop();
    // Refreshes now (F5); while offline, retries now.
    void refresh();
    // The service's live changes, connected once synced (its back-off may be set here).
    ChangeStream *changeStream() const { return m_changes; }
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
    static constexpr int UndoableActions = OptOutLedger::UndoableActions;
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
    bool showingCachedData() const { return m_fromCache; }

    State state() const { return m_state; }
    const Me &me() const { return m_me; }
    bool isProductAdmin() const { return m_me.isProductAdmin(); }
    int loadProgress() const { return m_loadProgress; } // 0-100 while LoadingUsers
    QDateTime lastSyncedAt() const { return m_lastSyncedAt; } // UTC
    int secondsUntilRetry() const; // while Offline, else 0
    int pendingCount() const; // users with an action awaiting the service
    QList<PendingAction> pendingActions() const { return m_ledger.pending(); }
    ApiError lastError() const { return m_lastError; }
    // The status bar's text for the current state, translated: "Loading users… 40 %",
    // "Synced at 16:03", "Offline — retrying in 10 s", "2 changes pending".
    QString statusText() const;
    // Its two parts: the state ("Synced at 16:03") and the pending count ("2 changes pending").
    QString stateText() const;
    QString pendingText() const;

signals:
    void stateChanged(SyncController::State state);
    void meLoaded(const Me &me);
    void loadProgressChanged(int percent);
    void synced(const QDateTime &at);
    // Each second while Offline.
    void retryCountdownChanged(int seconds);
    void pendingCountChanged(int count);
    // Whenever statusText() may have changed.
    void statusChanged(const QString &text);
    // The service confirmed an opt-out (the GUI may now show the debugger note).
    void optOutConfirmed(const QString &userId);
    void optInConfirmed(const QStringList &userIds);
    // The service refused an action: it was rolled back. error.message is for the user.
    void actionFailed(const PendingAction &action, const ApiError &error);
    // Any other error worth showing (a failed load or refresh); the state tells what follows.
    void errorOccurred(const ApiError &error);
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
    void setState(State state);
    void fetchMe();
    void preloadPending();
    void fetchUsersPage(int page);
    void fetchOptOuts();
    void fetchSyncState();
    void afterUsers();
    // The end of a load or refresh; `list` is the opt-out list received (notModified: none).
    void completeSync(const OptOutList &list);
    void recheckUsageTracking();
    void startRefresh();
    // The ledger's view to the models: all of it once loaded, then change by change.
    void setLoaded();
    void showAll();
    void show(const OptOutLedger::Change &change);
    QSet<QString> leftDirectory(const QList<OptOutLedger::Row> &rows) const;
    // The pending queue is the ledger's; changed through it, shown by rows.
    const QList<PendingAction> &queue() const { return m_ledger.pending(); }
    void setPending(const QList<PendingAction> &pending);
    void onUsersUpdated();
    qint64 enqueue(PendingAction::Type type, const QStringList &userIds,
                   const OptOutOptions &options = {}, QueueOutcome *outcome = nullptr);
    // Each user's reason as things stand (a pending opt-out's, else the service's entry's).
    QHash<QString, QString> currentReasons(const QStringList &userIds) const;
    // Each user's last pending action (index in m_pending), and for users with an earlier
    // pending action too, whether that earlier one opts them out.
    QHash<QString, int> lastPendingIndex(QHash<QString, bool> *outBeforeLast) const;
    // Removes the ids from the pending actions at the given indexes; returns the action ids of
    // the actions touched.
    QSet<qint64> dropFromPending(const QHash<int, QSet<QString>> &cancelled);
    void reportChunk(const PendingAction &action, const QStringList &applied,
                     const QStringList &refused, const ApiError &error);
    void finishIfDone(qint64 actionId);
    // Reads the cache on the cache's thread; the lists are shown and /me asked when it is in.
    bool startFromCache(const QString &userId);
    void applyCache(const std::shared_ptr<CachedStart> &cached);
    void saveCache(bool changed);
    QString cachePathFor(const QString &userId) const;
    void savePending();
    void sendNext();
    void handleFetchError(const ApiError &error);
    void scheduleRetry();
    void retryNow();
    void tick();
    void emitStatus();
    void setLoadProgress(int percent);
    void updatePendingCount();
    void confirmAction(const PendingAction &action);
    void refuseAction(const ApiError &error);
    void onLiveState(const SyncState &state);

    QPointer<ApiClient> m_api;
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    PendingStore m_store;
    bool m_explicitStorePath = false;
    QObject *m_requests = nullptr; // context of requests in flight; deleted to drop them

    State m_state = State::Idle;
    Me m_me;
    bool m_meLoaded = false;
    bool m_loaded = false; // users and opt-outs loaded once
    int m_loadProgress = 0;
    QDateTime m_lastSyncedAt;
    ApiError m_lastError;

    // Users pages as last received, with their ETags.
    QList<QList<User>> m_userPages;
    QList<QByteArray> m_userPageEtags;
    QList<QList<User>> m_incomingPages;
    QList<QByteArray> m_incomingEtags;
    bool m_usersChanged = false;
    bool m_fetchingUsers = false;
    bool m_fetchingOptOuts = false;
    bool m_fetchingState = false;

    // /sync-state: the state the lists were last brought to, and the one this refresh is
    // bringing them to (committed when it completes, so a failed refresh is retried).
    bool m_syncStateUnsupported = false; // the service answered 404: an older one
    QByteArray m_syncEtag;
    qint64 m_syncUsersRevision = -1;
    SyncState m_incomingState;
    bool m_hasIncomingState = false;
    bool m_refreshOptOuts = true; // whether this refresh fetches the opt-out list
    bool m_meFresh = false; // /me just answered: no need to re-read it for usageTracking
    int m_refreshGeneration = 0;

    // The opt-out state: the confirmed list and its revision, the pending queue, and the
    // effective view that the actions check and the models show.
    OptOutLedger m_ledger;
    QByteArray m_optOutsEtag;

    // Actions shown from the last user's file before /me answers, and whose they were.
    QList<PendingAction> m_preloaded;
    QString m_preloadedUserId;
    int m_pendingCount = 0;
    bool m_sending = false;
    int m_session = 0; // bumped by stop(): answers of an older session are dropped
    int m_actionGeneration = 0; // bumped when an action is confirmed
    qint64 m_nextActionId = 0;
    QHash<qint64, ActionReport> m_reports; // actions with at least one request answered
    // Per action, what it asked besides what it sent (QueueOutcome), and the deletions alone.
    QHash<qint64, QueueOutcome> m_queueOutcomes;
    QSet<qint64> m_deletionActions;
    bool m_signInFailed = false; // the last 401 came before /me ever answered

    QString m_cachePath;
    bool m_explicitCachePath = false;
    bool m_fromCache = false;
    bool m_usersChangedSinceSave = false;
    bool m_applyWhenUsersIn = false; // a list is being matched in the background
    QDateTime m_cacheSavedAt;
    static constexpr int CacheRefreshSeconds = 600;
    CacheStore m_cache; // one thread: reads and writes in order, off the GUI thread
    bool m_readingCache = false;

    QTimer m_refreshTimer;
    ChangeStream *m_changes = nullptr;
    bool m_refreshAgain = false; // a live change came while a refresh was under way
    bool m_liveUnavailable = false; // the service refused the stream for good (403, 404)
    bool m_liveChanges = true;
    QTimer m_retryTimer;
    QTimer m_tickTimer;
    QDateTime m_retryAt;
    int m_firstRetryDelayMs = 2000;
    int m_maxRetryDelayMs = 60000;
    int m_retryDelayMs = 2000;
};
