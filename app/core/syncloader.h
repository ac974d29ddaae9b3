// Brings the lists from the service into the ledger and the models: the sign-in, the users,
// the opt-outs, the refreshes and the live changes, with their retries.
#pragma once

#include "apitypes.h"
#include "cachestore.h"
#include "optoutledger.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;
class CacheWriter;
class ChangeStream;
class LedgerView;
class OptOutModel;
class UserModel;

// Sign-in: /me, /sync-state, then every user page (progress 0-100), then /optouts. A refresh
// (every refreshInterval() and on refresh()) asks /sync-state with If-None-Match: one request,
// 304, for an unchanged organisation; when it changed, it fetches only what changed (users,
// opt-outs: each conditionally) and carries the signed-in user's usageTracking
// (usageTrackingChecked). A service without /sync-state (404) is refreshed as before: users,
// opt-outs, then /me for usageTracking. A network failure, a timeout or a 5xx retries with
// back-off (2, 4, 8 ... 60 s). Once synced it also listens to the service's live changes
// (ChangeStream): each event starts a refresh at once, and the timed refresh pauses while the
// stream is up. The last synced lists are shown at once at a start (CacheWriter) and saved
// when they changed.
class SyncLoader final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Idle, // not started
        SigningIn, // waiting for /me
        LoadingUsers, // loadProgress() tells how far
        LoadingOptOuts,
        Synced, // lastSyncedAt() tells when
        Offline, // the service cannot be reached: secondsUntilRetry() tells when it retries
        NotProductAdmin, // signed in, but the page is for product administrators only
        SignedOut, // 401: the token is unknown or revoked; back to sign-in
        Unreachable, // nothing answered the first sign-in (wrong address?): no retry
    };
    Q_ENUM(State)

    static constexpr int DefaultRefreshIntervalMs = 30000;
    static constexpr int UsersPageSize = 5000;

    // All of them must outlive the loader.
    SyncLoader(ApiClient *api, OptOutLedger *ledger, LedgerView *view, CacheWriter *cache,
               UserModel *users, OptOutModel *optOuts, QObject *parent = nullptr);
    ~SyncLoader() override;

    void setRefreshInterval(int milliseconds);
    int refreshInterval() const { return m_refreshTimer.interval(); }
    void setRetryDelays(int firstMilliseconds, int maxMilliseconds);
    ChangeStream *changeStream() const { return m_changes; }
    void setLiveChanges(bool on);

    // A new start, in two steps around the action queue's: forget what was loaded (nothing is
    // shown until loaded again), then sign in (from the cache first when there is one).
    void reset();
    void begin();
    // Stops timers and requests in flight (stopped() tells the action queue to do the same).
    void stop();
    // Refreshes now (F5); while offline, retries now.
    void refresh();
    // A failed request (of a load, a refresh or an action): retry, go offline or sign out.
    void handleFetchError(const ApiError &error);
    // An action failed for good: the last error to tell.
    void noteError(const ApiError &error) { m_lastError = error; }
    // The service confirmed an action: the confirmed list changed.
    void onActionConfirmed(const PendingAction &action);

    // Whether actions may be sent now: signed in, loaded, not waiting to retry.
    bool maySend() const;
    bool isMeLoaded() const { return m_meLoaded; }
    State state() const { return m_state; }
    const Me &me() const { return m_me; }
    int loadProgress() const { return m_loadProgress; }
    QDateTime lastSyncedAt() const { return m_lastSyncedAt; }
    int secondsUntilRetry() const;
    bool isRetryScheduled() const { return m_retryTimer.isActive(); }
    bool showingCachedData() const { return m_fromCache; }
    // The cache was read and its lists are being put in the models, over turns of the event
    // loop (users, then opt-outs): not shown yet.
    bool isShowingCache() const { return m_showingCache; }
    // SignedOut: the token was refused before anyone was signed in with it.
    bool signInFailed() const { return m_signInFailed; }
    ApiError lastError() const { return m_lastError; }

signals:
    void stateChanged(SyncLoader::State state);
    void meLoaded(const Me &me);
    void loadProgressChanged(int percent);
    void synced(const QDateTime &at);
    void retryCountdownChanged(int seconds);
    // Whenever what the status bar says may have changed.
    void statusChanged();
    void errorOccurred(const ApiError &error);
    void authenticationFailed(const ApiError &error);
    void aboutToApplyRemoteChanges();
    void remoteChangesApplied(const QStringList &optedOut, const QStringList &optedIn);
    void usageTrackingChecked(bool usageTracking);
    void liveChangesChanged(bool connected);
    // The lists are in (loaded, refreshed, or retried): the actions may go.
    void readyToSend();
    // The cached lists are shown.
    void cacheShown();
    // stop() ran: requests in flight are dropped.
    void stopped();
    // refresh() of a session that cannot be refreshed (not an administrator, nothing
    // answered): the whole start again.
    void restartWanted();

private:
    void setState(State state);
    void fetchMe();
    void fetchUsersPage(int page);
    void fetchOptOuts();
    void fetchSyncState();
    void afterUsers();
    // The end of a load or refresh; `list` is the opt-out list received (notModified: none).
    void completeSync(const OptOutList &list);
    void recheckUsageTracking();
    void startRefresh();
    void onUsersUpdated();
    // Reads the cache on the cache's thread; the lists are shown and /me asked when it is in.
    bool startFromCache(const QString &userId);
    // In three turns of the event loop, each well under a frame: the users (the picker searches
    // them at once), the opt-outs' table, then the state (the window's page) and /me asked.
    void applyCache(const std::shared_ptr<CachedStart> &cached);
    void applyCachedOptOuts(std::shared_ptr<CachedStart> cached);
    void saveCache(bool changed);
    void scheduleRetry();
    void retryNow();
    void tick();
    void setLoadProgress(int percent);
    void onLiveState(const SyncState &state);

    QPointer<ApiClient> m_api;
    OptOutLedger *m_ledger;
    LedgerView *m_view;
    CacheWriter *m_cache;
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    QObject *m_requests = nullptr; // context of requests in flight; deleted to drop them

    State m_state = State::Idle;
    Me m_me;
    bool m_meLoaded = false;
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

    QByteArray m_optOutsEtag;
    int m_session = 0; // bumped by stop(): answers of an older session are dropped
    int m_actionGeneration = 0; // bumped when an action is confirmed
    bool m_signInFailed = false; // the last 401 came before /me ever answered

    bool m_fromCache = false;
    bool m_showingCache = false; // between applyCache() and applyCachedOptOuts()
    std::shared_ptr<CachedStart> m_cachedOptOuts; // what applyCachedOptOuts() is to show
    bool m_usersChangedSinceSave = false;
    bool m_applyWhenUsersIn = false; // a list is being matched in the background

    QTimer m_refreshTimer;
    ChangeStream *m_changes = nullptr;
    bool m_refreshAgain = false; // a live change came while a refresh was under way
    bool m_liveUnavailable = false; // the service refused the stream for good (403, 404)
    bool m_liveChanges = true;
    QTimer m_retryTimer;
    QTimer m_tickTimer;
    int m_firstRetryDelayMs = 2000;
    int m_maxRetryDelayMs = 60000;
    int m_retryDelayMs = 2000;
};
