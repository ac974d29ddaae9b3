// Records the app's own usage events and sends them in batches, as long as /me allows tracking.
#pragma once

#include "apitypes.h"
#include "usageeventlogmodel.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;

// The names of the events this app records. Their properties never carry data of the users the
// app manages (no ids, names or emails): only page ids, counts and the UI language.
namespace UsageEventNames {
inline constexpr char SignedIn[] = "optout.signed_in";
inline constexpr char PageViewed[] = "optout.page.viewed"; // page: a page id
inline constexpr char UserOptedOut[] = "optout.user.opted_out";
inline constexpr char UsersOptedIn[] = "optout.users.opted_in"; // count
inline constexpr char SearchUsed[] = "optout.search.used";
inline constexpr char LanguageChanged[] = "optout.language.changed"; // lang
inline constexpr char Refresh[] = "optout.refresh";
} // namespace UsageEventNames

// Client-side usage tracking. The signed-in user's `usageTracking` (from /me) decides: at sign-in
// (onMeLoaded) and again at every check (each SyncController refresh, onTrackingChecked(), and
// checkNow() every checkInterval() when no refresh came). Once it is false, recording stops and the
// unsent queue is dropped; when it is true again, recording resumes. The service discards an
// opted-out user's events anyway; this makes the app stop sending them at the next check instead of
// the next sign-in.
//
// Events wait in a queue of at most maxQueueSize() (events in a request included); when it is
// full the oldest unsent event is dropped and counted. A batch (at most batchSize()) is sent
// every flushInterval(), as soon as flushThreshold() events wait, and on flush(). A network
// failure, timeout or 5xx keeps the batch queued and retries with back-off; 401 keeps it until
// the next sign-in; any other refusal drops the batch and reports batchRefused.
class UsageTracker final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        SignedOut, // no /me yet: nothing is recorded
        On, // recording and sending
        OffOptedOut, // the user is opted out: nothing is recorded or sent
    };
    Q_ENUM(State)

    static constexpr int DefaultMaxQueueSize = 1000;
    static constexpr int MaxBatchSize = 1000; // the service's limit per request
    static constexpr int DefaultFlushThreshold = 50;
    static constexpr int DefaultFlushIntervalMs = 10000;
    static constexpr int DefaultCheckIntervalMs = 30000;

    // The client must outlive the tracker.
    explicit UsageTracker(ApiClient *api, QObject *parent = nullptr);
    ~UsageTracker() override;

    UsageEventLogModel *logModel() const { return m_log; }

    void setMaxQueueSize(int events);
    int maxQueueSize() const { return m_maxQueueSize; }
    void setBatchSize(int events); // 1..MaxBatchSize
    int batchSize() const { return m_batchSize; }
    void setFlushThreshold(int events);
    int flushThreshold() const { return m_flushThreshold; }
    void setFlushInterval(int milliseconds);
    int flushInterval() const { return m_flushTimer.interval(); }
    // How often /me is re-read on its own (besides checkNow()); 0 turns that off.
    void setCheckInterval(int milliseconds);
    int checkInterval() const { return m_checkInterval; }
    // Back-off of retries: first delay, doubled each failure up to the maximum.
    void setRetryDelays(int firstMilliseconds, int maxMilliseconds);

    State state() const { return m_state; }
    bool isTracking() const { return m_state == State::On; }

    // Events not yet accepted by the service, including those of a request in flight.
    int queueSize() const { return int(m_queue.size() + m_inFlight.size()); }
    // Events dropped because the queue was full (since construction).
    qint64 droppedCount() const { return m_droppedCount; }
    qint64 acceptedCount() const { return m_acceptedCount; }
    qint64 discardedCount() const { return m_discardedCount; }
    bool isSending() const { return !m_inFlight.isEmpty(); }

    // Records one event of the signed-in user; returns false (and records nothing) unless
    // tracking is on. `properties` must hold no personal data of the managed users.
    bool record(const QString &name, const QJsonObject &properties = {});
    bool recordPageViewed(const QString &pageId);
    bool recordUserOptedOut();
    bool recordUsersOptedIn(int count);
    bool recordSearchUsed();
    bool recordLanguageChanged(const QString &languageCode);
    bool recordRefresh();

    // Sends the whole queue now (batch after batch), retrying at once if a retry was waiting.
    void flush();
    // flush(), then waits (in a local event loop) until the queue is sent, the send fails or
    // `timeoutMs` passes; for QCoreApplication::aboutToQuit. Returns true when nothing is left.
    bool flushAndWait(int timeoutMs = 3000);

    // The signed-in user as /me describes them: starts (or stops) tracking. A new user drops
    // the previous user's unsent events. Connect SyncController::meLoaded here.
    void onMeLoaded(const Me &me);
    // Re-reads /me now (the tracker's own check, for when no refresh tells it).
    void checkNow();
    // A check made by someone else: the refresh of SyncController (its usageTrackingChecked),
    // which carries usageTracking in the answer it needs anyway. For two checkInterval()s after
    // it, the tracker's own check waits two intervals instead of one, so that while refreshes
    // come, they alone keep the state current and the tracker sends no request of its own.
    void onTrackingChecked(bool usageTracking);
    // While the live changes are up, a change of the user's state comes as an event whose
    // refresh tells it (onTrackingChecked): the tracker's own check does not run, so an idle
    // window sends nothing. Connect SyncController::liveChangesChanged here.
    void setLiveChanges(bool connected);
    // Sign-out: drops the unsent queue, stops timers and requests; records nothing until the
    // next onMeLoaded. Call flushAndWait() first to send what is queued.
    void signOut();

signals:
    void stateChanged(UsageTracker::State state);
    // A /me check answered (usageTracking as the service said it).
    void trackingChecked(bool usageTracking);
    void queueSizeChanged(int size);
    void droppedCountChanged(qint64 dropped);
    // The service answered a batch of `count` events.
    void batchSent(int count, const UsageEventsResult &result);
    // A batch could not be sent and stays queued (network, timeout, 5xx, 401).
    void sendFailed(const ApiError &error);
    // The service refused a batch (4xx other than 401): its events are dropped.
    void batchRefused(int count, const ApiError &error);
    // The queue became empty after a flush() or a batch.
    void flushed();

private:
    struct Queued
    {
        quint64 sequence;
        UsageEvent event;
    };

    void applyTracking(bool tracking);
    void setState(State state);
    void dropQueue(UsageEventLogModel::DropReason reason);
    void trimQueue();
    void sendNext();
    void onBatchAnswered(const ApiResult<UsageEventsResult> &result);
    void scheduleRetry();
    void restartCheckTimer();
    void emitQueueSize();
    static QList<quint64> sequencesOf(const QList<Queued> &events);

    QPointer<ApiClient> m_api;
    UsageEventLogModel *m_log;
    QObject *m_requests = nullptr; // context of requests in flight; deleted to drop them

    State m_state = State::SignedOut;
    QString m_userId; // whose events are queued
    QString m_logUserId; // whose events the log shows
    QList<Queued> m_queue;
    QList<Queued> m_inFlight;
    bool m_flushRequested = false;
    bool m_paused = false; // after a 401, until the next onMeLoaded
    bool m_checking = false;
    bool m_live = false; // see setLiveChanges()
    int m_lastQueueSize = 0;

    int m_maxQueueSize = DefaultMaxQueueSize;
    int m_batchSize = MaxBatchSize;
    int m_flushThreshold = DefaultFlushThreshold;
    int m_checkInterval = DefaultCheckIntervalMs;
    int m_firstRetryDelayMs = 2000;
    int m_maxRetryDelayMs = 60000;
    int m_retryDelayMs = 2000;

    qint64 m_droppedCount = 0;
    qint64 m_acceptedCount = 0;
    qint64 m_discardedCount = 0;

    QTimer m_flushTimer;
    QTimer m_retryTimer;
    QTimer m_checkTimer;
    QElapsedTimer m_toldAt; // the last onTrackingChecked
};
