// Records the app's own usage events and sends them in batches, as long as /me allows tracking.
#include "usagetracker.h"

#include "apiclient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcUsage, "optout.usage")

UsageTracker::UsageTracker(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_log(new UsageEventLogModel(this))
    , m_requests(new QObject(this))
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(DefaultFlushIntervalMs);
    m_retryTimer.setSingleShot(true);
    m_checkTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &UsageTracker::sendNext);
    connect(&m_retryTimer, &QTimer::timeout, this, &UsageTracker::sendNext);
    connect(&m_checkTimer, &QTimer::timeout, this, &UsageTracker::checkNow);
}

UsageTracker::~UsageTracker() = default;

void UsageTracker::setMaxQueueSize(int events)
{
    m_maxQueueSize = std::max(1, events);
    trimQueue();
    emitQueueSize();
}

void UsageTracker::setBatchSize(int events)
{
    m_batchSize = std::clamp(events, 1, int(MaxBatchSize));
}

void UsageTracker::setFlushThreshold(int events)
{
    m_flushThreshold = std::max(1, events);
}

void UsageTracker::setFlushInterval(int milliseconds)
{
    m_flushTimer.setInterval(std::max(0, milliseconds));
}

void UsageTracker::setCheckInterval(int milliseconds)
{
    m_checkInterval = std::max(0, milliseconds);
    restartCheckTimer();
}

void UsageTracker::setRetryDelays(int firstMilliseconds, int maxMilliseconds)
{
    m_firstRetryDelayMs = std::max(1, firstMilliseconds);
    m_maxRetryDelayMs = std::max(m_firstRetryDelayMs, maxMilliseconds);
    m_retryDelayMs = m_firstRetryDelayMs;
}

bool UsageTracker::record(const QString &name, const QJsonObject &properties)
{
    if (m_state != State::On)
        return false;
    UsageEvent event;
    event.name = name;
    event.timestamp = QDateTime::currentDateTimeUtc();
    event.properties = properties; // userId stays empty: the token's own user
    const quint64 sequence = m_log->append(event);
    m_queue.append(Queued {sequence, event});
    trimQueue();
    emitQueueSize();
    if (m_queue.size() >= m_flushThreshold)
        sendNext();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
    return true;
}

bool UsageTracker::recordPageViewed(const QString &pageId)
{
    return record(QLatin1String(UsageEventNames::PageViewed), {{QStringLiteral("page"), pageId}});
}

bool UsageTracker::recordUserOptedOut()
{
    return record(QLatin1String(UsageEventNames::UserOptedOut));
}

bool UsageTracker::recordUsersOptedIn(int count)
{
    return record(QLatin1String(UsageEventNames::UsersOptedIn), {{QStringLiteral("count"), count}});
}

bool UsageTracker::recordSearchUsed()
{
    return record(QLatin1String(UsageEventNames::SearchUsed));
}

bool UsageTracker::recordLanguageChanged(const QString &languageCode)
{
    return record(QLatin1String(UsageEventNames::LanguageChanged),
                  {{QStringLiteral("lang"), languageCode}});
}

bool UsageTracker::recordRefresh()
{
    return record(QLatin1String(UsageEventNames::Refresh));
}

void UsageTracker::flush()
{
    if (m_queue.isEmpty() && m_inFlight.isEmpty()) {
        emit flushed();
        return;
    }
    m_flushRequested = true;
    m_retryTimer.stop();
    sendNext();
}

bool UsageTracker::flushAndWait(int timeoutMs)
{
    if (queueSize() == 0 || m_state != State::On || m_paused)
        return queueSize() == 0;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &UsageTracker::flushed, &loop, &QEventLoop::quit);
    connect(this, &UsageTracker::sendFailed, &loop, &QEventLoop::quit);
    connect(this, &UsageTracker::stateChanged, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    flush();
    if (queueSize() > 0)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return queueSize() == 0;
}

void UsageTracker::onMeLoaded(const Me &me)
{
    const bool newUser = me.id != m_userId;
    if (newUser && !m_userId.isEmpty()) {
        // Another account: its token must not carry the previous user's events.
        delete m_requests;
        m_requests = new QObject(this);
        m_inFlight.clear();
        dropQueue(UsageEventLogModel::DropReason::SignedOut);
    }
    if (!me.id.isEmpty() && me.id != m_logUserId) {
        // The debugger shows this user's events only, not the previous account's.
        if (!m_logUserId.isEmpty())
            m_log->clear();
        m_logUserId = me.id;
    }
    const bool wasSignedOut = m_state == State::SignedOut;
    const bool resumed = m_paused; // events kept after a 401 go now
    m_userId = me.id;
    m_paused = false;
    applyTracking(me.usageTracking);
    if (m_state == State::On && (newUser || wasSignedOut))
        record(QLatin1String(UsageEventNames::SignedIn));
    restartCheckTimer();
    if (resumed)
        sendNext();
}

void UsageTracker::checkNow()
{
    if (!m_api || m_checking || m_state == State::SignedOut)
        return;
    m_checking = true;
    const QString userId = m_userId;
    m_api->fetchMe(m_requests, [this, userId](const ApiResult<Me> &result) {
        m_checking = false;
        restartCheckTimer();
        if (!result.ok()) {
            // Keep the current state: the service must say "false" before tracking stops.
            qCDebug(lcUsage) << "usage tracking check failed:" << result.error().technical;
            return;
        }
        if (m_state == State::SignedOut || result.value().id != userId)
            return;
        applyTracking(result.value().usageTracking);
        emit trackingChecked(result.value().usageTracking);
    });
}

void UsageTracker::onTrackingChecked(bool usageTracking)
{
    if (m_state == State::SignedOut)
        return;
    m_toldAt.start();
    applyTracking(usageTracking);
    emit trackingChecked(usageTracking);
    restartCheckTimer();
}

void UsageTracker::setLiveChanges(bool connected)
{
    m_live = connected;
    restartCheckTimer();
}

void UsageTracker::signOut()
{
    delete m_requests;
    m_requests = new QObject(this);
    m_checking = false;
    m_inFlight.clear();
    dropQueue(UsageEventLogModel::DropReason::SignedOut);
    m_userId.clear();
    m_paused = false;
    m_checkTimer.stop();
    setState(State::SignedOut);
}

void UsageTracker::applyTracking(bool tracking)
{
    if (tracking) {
        setState(State::On);
        return;
    }
    // The events in a request already sent are answered by the service (which discards them);
    // everything still queued goes.
    dropQueue(UsageEventLogModel::DropReason::TrackingOff);
    setState(State::OffOptedOut);
}

void UsageTracker::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::On) {
        m_flushTimer.stop();
        m_retryTimer.stop();
        m_flushRequested = false;
    }
    emit stateChanged(state);
}

void UsageTracker::dropQueue(UsageEventLogModel::DropReason reason)
{
    m_flushTimer.stop();
    m_retryTimer.stop();
    m_retryDelayMs = m_firstRetryDelayMs;
    if (!m_queue.isEmpty()) {
        m_log->setDropped(sequencesOf(m_queue), reason);
        m_queue.clear();
    }
    emitQueueSize();
}

void UsageTracker::trimQueue()
{
    // The oldest unsent events make room; a request in flight is not touched.
    const int excess = queueSize() - m_maxQueueSize;
    const int removable = std::min(excess, int(m_queue.size()));
    if (removable <= 0)
        return;
    m_log->setDropped(sequencesOf(m_queue.mid(0, removable)),
                      UsageEventLogModel::DropReason::QueueFull);
    m_queue.remove(0, removable);
    m_droppedCount += removable;
    emit droppedCountChanged(m_droppedCount);
}

void UsageTracker::sendNext()
{
    if (!m_api || m_state != State::On || m_paused || !m_inFlight.isEmpty()
        || m_retryTimer.isActive() || m_queue.isEmpty())
        return;
    m_flushTimer.stop();
    const int count = std::min(int(m_queue.size()), m_batchSize);
    m_inFlight = m_queue.mid(0, count);
    m_queue.remove(0, count);
    m_log->setStatus(sequencesOf(m_inFlight), UsageEventLogModel::Status::Sending);
    QList<UsageEvent> events;
    events.reserve(count);
    for (const Queued &queued : std::as_const(m_inFlight))
        events.append(queued.event);
    m_api->postUsageEvents(events, m_requests, [this](const ApiResult<UsageEventsResult> &result) {
        onBatchAnswered(result);
    });
}

void UsageTracker::onBatchAnswered(const ApiResult<UsageEventsResult> &result)
{
    const QList<Queued> batch = std::exchange(m_inFlight, {});
    const QList<quint64> sequences = sequencesOf(batch);
    if (result.ok()) {
        m_retryDelayMs = m_firstRetryDelayMs;
        m_acceptedCount += result.value().accepted;
        m_discardedCount += result.value().discarded;
        m_log->setStatus(sequences, UsageEventLogModel::Status::Sent, result.value());
        emitQueueSize();
        emit batchSent(int(batch.size()), result.value());
    } else if (const ApiError &error = result.error(); m_state != State::On) {
        // Tracking went off while the batch was out: it is not sent again.
        m_log->setDropped(sequences, UsageEventLogModel::DropReason::TrackingOff);
        emitQueueSize();
        emit sendFailed(error);
        return;
    } else if (error.isTransient() || error.isUnauthenticated()) {
        // Back to the front of the queue, in order; the bound still holds.
        m_queue = batch + m_queue;
        m_log->setRetrying(sequences, error.message);
        trimQueue();
        emitQueueSize();
        if (error.isUnauthenticated())
            m_paused = true; // until the next sign-in
        else
            scheduleRetry();
        qCInfo(lcUsage) << "usage events not sent, kept queued:" << error.technical;
        emit sendFailed(error);
        return;
    } else {
        m_log->setStatus(sequences, UsageEventLogModel::Status::Failed, {}, error.message);
        emitQueueSize();
        qCWarning(lcUsage) << "usage events refused:" << error.httpStatus << error.code
                           << error.technical;
        emit batchRefused(int(batch.size()), error);
    }
    if (m_queue.isEmpty()) {
        if (m_flushRequested) {
            m_flushRequested = false;
            emit flushed();
        }
        return;
    }
    if (m_flushRequested || m_queue.size() >= m_flushThreshold)
        sendNext();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void UsageTracker::scheduleRetry()
{
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, m_maxRetryDelayMs);
}

void UsageTracker::restartCheckTimer()
{
    if (m_checkInterval > 0 && m_state != State::SignedOut && !m_checking && !m_live) {
        // While refreshes tell the state (onTrackingChecked), the own check waits longer than
        // they take to come, so it never runs beside one.
        const bool told = m_toldAt.isValid() && m_toldAt.elapsed() < 2 * qint64(m_checkInterval);
        m_checkTimer.start(told ? 2 * m_checkInterval : m_checkInterval);
    } else
        m_checkTimer.stop();
}

void UsageTracker::emitQueueSize()
{
    const int size = queueSize();
    if (size == m_lastQueueSize)
        return;
    m_lastQueueSize = size;
    emit queueSizeChanged(size);
}

QList<quint64> UsageTracker::sequencesOf(const QList<Queued> &events)
{
    QList<quint64> sequences;
    sequences.reserve(events.size());
    for (const Queued &queued : events)
        sequences.append(queued.sequence);
    return sequences;
}
