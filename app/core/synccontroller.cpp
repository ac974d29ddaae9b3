// Keeps the models in sync with the service and carries the administrator's actions to it.
#include "synccontroller.h"

#include "apiclient.h"
#include "changestream.h"
#include "optoutmodel.h"
#include "usermodel.h"

#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSync, "optout.sync", QtInfoMsg)

SyncController::SyncController(ApiClient *api, UserModel *users, OptOutModel *optOuts,
                               QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_users(users)
    , m_optOuts(optOuts)
{
    m_refreshTimer.setInterval(DefaultRefreshIntervalMs);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SyncController::startRefresh);
    if (m_users)
        connect(m_users, &UserModel::usersUpdated, this, &SyncController::onUsersUpdated);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncController::retryNow);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &SyncController::tick);
    m_ledger.setUserLookup([this](const QString &id) -> const User * {
        return m_users ? m_users->userById(id) : nullptr;
    });
    // Live changes: a refresh at each event; the timed one only while the stream is down.
    m_changes = new ChangeStream(api, this);
    connect(m_changes, &ChangeStream::syncStateReceived, this, &SyncController::onLiveState);
    connect(m_changes, &ChangeStream::connected, this, [this] {
        m_refreshTimer.stop();
        emit liveChangesChanged(true);
    });
    connect(m_changes, &ChangeStream::disconnected, this, [this] {
        if (m_state == State::Synced)
            m_refreshTimer.start();
        emit liveChangesChanged(false);
    });
    connect(m_changes, &ChangeStream::authenticationFailed, this,
            &SyncController::handleFetchError);
    connect(m_changes, &ChangeStream::unavailable, this, [this](const ApiError &error) {
        qCInfo(lcSync) << "no live changes; refreshing every" << m_refreshTimer.interval()
                       << "ms:" << error.technical;
        m_liveUnavailable = true;
    });
    // Unique across restarts too: chunks saved by an earlier session keep their own ids.
    m_nextActionId = QDateTime::currentMSecsSinceEpoch() * 1000;
}

SyncController::~SyncController() = default;

void SyncController::setCacheFilePath(const QString &path)
{
    m_cachePath = path;
    m_explicitCachePath = !path.isEmpty();
}

void SyncController::waitForCacheWritten()
{
    m_cache.waitForWritten();
}

QString SyncController::cachePathFor(const QString &userId) const
{
    if (m_explicitCachePath)
        return m_cachePath;
    if (userId.isEmpty() || !m_api)
        return {};
    return SyncCache::defaultFilePath(m_api->baseUrl(), userId);
}

void SyncController::prefetchCache(const QUrl &server, const QByteArray &token)
{
    const QString userId
        = m_explicitCachePath ? QString() : PendingStore::rememberedUser(server, token);
    const QString path = m_explicitCachePath ? m_cachePath
        : userId.isEmpty()                   ? QString()
                                             : SyncCache::defaultFilePath(server, userId);
    if (!path.isEmpty() && QFile::exists(path))
        m_cache.prefetch(path, userId);
}

bool SyncController::startFromCache(const QString &userId)
{
    const QString path = cachePathFor(userId);
    if (path.isEmpty() || !QFile::exists(path))
        return false;
    m_readingCache = true;
    m_cache.read(path, userId, [this](std::shared_ptr<CachedStart> cached) {
        m_readingCache = false;
        if (cached->ok)
            applyCache(cached);
        else
            setState(State::SigningIn);
        fetchMe();
    });
    return true;
}

void SyncController::applyCache(const std::shared_ptr<CachedStart> &cached)
{
    const SyncSnapshot &snapshot = cached->snapshot;
    m_me = snapshot.me;
    m_userPages = snapshot.userPages;
    m_userPageEtags = snapshot.userPageEtags;
    m_ledger.setMe(User {m_me.id, m_me.email, m_me.name});
    // Confirmed and indexed on the cache's thread: the pending changes go on top here.
    m_ledger.takeConfirmed(std::move(cached->ledger));
    m_optOutsEtag = snapshot.optOutsEtag;
    m_lastSyncedAt = snapshot.syncedAt;
    m_fromCache = true;
    if (m_users) {
        // Who is out is known before the rows arrive: no row changes after them.
        if (m_users->rowCount() == 0)
            m_users->setOptOutState(m_ledger.optedOutIds(), m_ledger.pendingIds());
        // Folded and indexed on the cache's thread: one insert here.
        m_users->setPreparedUsers(std::move(cached->prepared));
    }
    if (m_optOuts && m_ledger.pendingIds().isEmpty() && m_optOuts->rowCount() == 0) {
        // The rows made on the cache's thread, as showAll() would make them: one reset here.
        m_optOuts->setPreparedEntries(std::move(cached->optOutRows));
        m_loaded = true;
    } else {
        if (m_optOuts)
            m_optOuts->setFoldedKeys(std::move(cached->optOutKeys));
        setLoaded();
    }
    updatePendingCount();
    setState(State::Offline);
    emitStatus();
}

void SyncController::saveCache(bool changed)
{
    const QString path = cachePathFor(m_me.id);
    if (path.isEmpty() || !m_loaded)
        return;
    // 100,000 users are a few MB: written when something changed, else now and then, so that
    // "last synced at" stays roughly true without rewriting the file at every idle refresh.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!changed && m_cacheSavedAt.isValid() && m_cacheSavedAt.secsTo(now) < CacheRefreshSeconds)
        return;
    m_cacheSavedAt = now;
    SyncSnapshot snapshot;
    snapshot.me = m_me;
    snapshot.userPages = m_userPages; // shared copies: the worker reads, nobody writes them
    snapshot.userPageEtags = m_userPageEtags;
    snapshot.optOuts = m_ledger.confirmed();
    snapshot.optOutsEtag = m_optOutsEtag;
    snapshot.revision = m_ledger.revision();
    snapshot.syncedAt = m_lastSyncedAt;
    m_cache.write(path, snapshot, m_users ? m_users->keySource() : UserModel::KeySource());
}

void SyncController::setPendingFilePath(const QString &path)
{
    m_store.setFilePath(path);
    m_explicitStorePath = !path.isEmpty();
}

void SyncController::setRefreshInterval(int milliseconds)
{
    m_refreshTimer.setInterval(milliseconds);
}

void SyncController::setLiveChanges(bool on)
{
    m_liveChanges = on;
    if (!on)
        m_changes->stop();
}

void SyncController::setRetryDelays(int firstMilliseconds, int maxMilliseconds)
{
    m_firstRetryDelayMs = std::max(1, firstMilliseconds);
    m_maxRetryDelayMs = std::max(m_firstRetryDelayMs, maxMilliseconds);
    m_retryDelayMs = m_firstRetryDelayMs;
}

void SyncController::start()
{
    // Actions of a signed-in user are already in their file; anything else stays in memory.
    const bool dropSaved = m_meLoaded;
    stop();
    const QList<PendingAction> kept = dropSaved ? QList<PendingAction>() : m_ledger.pending();
    m_meLoaded = false;
    m_loaded = false;
    m_fromCache = false;
    m_signInFailed = false;
    m_me = Me {};
    m_userPages.clear();
    m_userPageEtags.clear();
    m_ledger.clear(); // not shown: nothing is until loaded
    m_ledger.setPending(kept);
    m_optOutsEtag.clear();
    m_syncStateUnsupported = false; // the service may have been upgraded meanwhile
    m_liveUnavailable = false;
    m_syncEtag.clear();
    m_syncUsersRevision = -1;
    m_hasIncomingState = false;
    m_reports.clear();
    m_queueOutcomes.clear();
    m_deletionActions.clear();
    m_retryDelayMs = m_firstRetryDelayMs;
    m_requests = new QObject(this);
    preloadPending();
    // The last synced lists of this server and account, shown at once; the service's answers
    // revalidate them (If-None-Match) or replace them.
    const QString userId = m_explicitCachePath || !m_api
        ? QString()
        : PendingStore::rememberedUser(m_api->baseUrl(), m_api->token());
    if ((m_explicitCachePath || !userId.isEmpty()) && startFromCache(userId)) {
        // Shown at once in this state; the lists follow when the cache is read (then /me).
        setState(State::LoadingUsers);
        return;
    }
    setState(State::SigningIn);
    fetchMe();
}

void SyncController::preloadPending()
{
    // What an earlier start preloaded was never confirmed by /me: it is still in its file.
    QList<PendingAction> pending = m_ledger.pending();
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

void SyncController::stop()
{
    ++m_session;
    m_cache.cancelReads();
    m_readingCache = false;
    if (m_requests) {
        // deleteLater: stop() may run inside one of the requests' own callbacks.
        m_requests->deleteLater();
        m_requests = nullptr;
    }
    m_changes->stop(); // first: its end would start the timed refresh
    m_refreshTimer.stop();
    m_refreshAgain = false;
    m_retryTimer.stop();
    m_tickTimer.stop();
    m_sending = false;
    m_fetchingUsers = false;
    m_fetchingOptOuts = false;
    m_fetchingState = false;
}

void SyncController::refresh()
{
    if (m_readingCache)
        return; // the service is asked once the saved lists are in
    switch (m_state) {
    case State::Idle:
    case State::SignedOut:
        return;
    case State::NotProductAdmin:
        start();
        return;
    case State::Unreachable:
        start(); // the administrator asks to try again
        return;
    case State::Offline:
        retryNow();
        return;
    default:
        startRefresh();
    }
}

qint64 SyncController::optOut(const QString &userId, const OptOutOptions &options,
                              QueueOutcome *outcome)
{
    if (userId.isEmpty())
        return 0;
    if (m_ledger.isOptedOut(userId)) {
        if (outcome)
            outcome->unchanged.append(userId);
        return 0;
    }
    return enqueue(PendingAction::Type::OptOut, QStringList {userId}, options, outcome);
}

qint64 SyncController::optOut(const QStringList &userIds, const OptOutOptions &options,
                              QueueOutcome *outcome)
{
    QStringList ids;
    ids.reserve(userIds.size());
    QSet<QString> seen;
    QueueOutcome local;
    QueueOutcome &result = outcome ? *outcome : local;
    for (const QString &id : userIds) {
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        if (m_ledger.isOptedOut(id))
            result.unchanged.append(id);
        else
            ids.append(id);
    }
    return enqueue(PendingAction::Type::OptOut, ids, options, &result);
}

qint64 SyncController::deleteStoredData(const QStringList &userIds)
{
    QStringList ids;
    ids.reserve(userIds.size());
    QSet<QString> seen;
    for (const QString &id : userIds) {
        // Only users opted out as things stand (the service's list with the pending actions on
        // top): a pending opt-in is the administrator's last word on that user.
        if (id.isEmpty() || seen.contains(id) || !m_ledger.isOptedOut(id))
            continue;
        seen.insert(id);
        ids.append(id);
    }
    OptOutOptions options;
    options.deleteStoredEvents = true;
    const qint64 actionId = enqueue(PendingAction::Type::OptOut, ids, options);
    if (actionId != 0) {
        // Deleted data cannot come back: nothing to undo.
        m_deletionActions.insert(actionId);
        m_ledger.forgetUndo(actionId);
    }
    return actionId;
}

qint64 SyncController::optIn(const QStringList &userIds, QueueOutcome *outcome)
{
    QStringList ids;
    ids.reserve(userIds.size());
    QSet<QString> seen;
    QueueOutcome local;
    QueueOutcome &result = outcome ? *outcome : local;
    for (const QString &id : userIds) {
        if (id.isEmpty() || seen.contains(id))
            continue;
        seen.insert(id);
        if (!m_loaded || m_ledger.isOptedOut(id))
            ids.append(id);
        else
            result.unchanged.append(id);
    }
    return enqueue(PendingAction::Type::OptIn, ids, {}, &result);
}

void SyncController::cancelPending(const QStringList &userIds)
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
        const bool outBefore = outBeforeLast.value(id, m_ledger.isConfirmedOut(id));
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

bool SyncController::isSending(const QString &userId) const
{
    return m_sending && !queue().isEmpty() && queue().constFirst().userIds.contains(userId);
}

int SyncController::secondsUntilRetry() const
{
    if (m_state != State::Offline || !m_retryTimer.isActive())
        return 0;
    return (m_retryTimer.remainingTime() + 999) / 1000;
}

int SyncController::pendingCount() const
{
    return m_pendingCount;
}

QString SyncController::statusText() const
{
    const QString text = stateText();
    const QString pending = pendingText();
    if (pending.isEmpty())
        return text;
    return text.isEmpty() ? pending : tr("%1 · %2").arg(text, pending);
}

QString SyncController::pendingText() const
{
    return m_pendingCount > 0 ? tr("%n change(s) pending", nullptr, m_pendingCount) : QString();
}

QString SyncController::stateText() const
{
    QString text;
    switch (m_state) {
    case State::Idle:
        break;
    case State::SigningIn:
        text = tr("Signing in…");
        break;
    case State::LoadingUsers:
        text = m_readingCache ? tr("Loading the lists saved at the last sync…")
                              : tr("Loading users… %1 %").arg(m_loadProgress);
        break;
    case State::LoadingOptOuts:
        text = tr("Loading the opt-out list…");
        break;
    case State::Synced:
        text = tr("Synced at %1")
                   .arg(QLocale().toString(m_lastSyncedAt.toLocalTime().time(),
                                           QLocale::ShortFormat));
        break;
    case State::Offline:
        if (m_fromCache && m_lastSyncedAt.isValid()) {
            text = tr("Offline — last synced at %1")
                       .arg(QLocale().toString(m_lastSyncedAt.toLocalTime(), QLocale::ShortFormat));
            break;
        }
        text = m_retryTimer.isActive()
            ? tr("Offline — retrying in %n s", nullptr, secondsUntilRetry())
            : tr("Offline — retrying now");
        break;
    case State::NotProductAdmin:
        break; // the window shows who is signed in; the page says the rest
    case State::SignedOut:
        // A token refused at the first sign-in never signed anyone in.
        text = m_signInFailed ? tr("Not signed in") : tr("Signed out");
        break;
    case State::Unreachable:
        text = tr("Not connected");
        break;
    }
    return text;
}

void SyncController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcSync) << "state" << state;
    emit stateChanged(state);
    emitStatus();
}

void SyncController::fetchMe()
{
    if (!m_api || !m_requests)
        return;
    const int session = m_session;
    m_api->fetchMe(m_requests, [this, session](const ApiResult<Me> &result) {
        if (session != m_session)
            return;
        if (!result.ok()) {
            handleFetchError(result.error());
            return;
        }
        if (m_fromCache && result.value().id != m_me.id) {
            // The token now belongs to someone else: nothing of the cached account stays.
            m_loaded = false;
            m_fromCache = false;
            m_userPages.clear();
            m_userPageEtags.clear();
            const QList<PendingAction> pending = m_ledger.pending();
            m_ledger.clear();
            m_ledger.setPending(pending);
            m_optOutsEtag.clear();
            m_syncEtag.clear();
            m_syncUsersRevision = -1;
            m_lastSyncedAt = QDateTime();
            if (m_users) {
                m_users->setOptOutState({}, {});
                m_users->setUsers({});
            }
            if (m_optOuts)
                m_optOuts->setEntries({}, {});
        }
        m_me = result.value();
        m_ledger.setMe(User {m_me.id, m_me.email, m_me.name});
        m_meLoaded = true;
        m_meFresh = true;
        m_retryTimer.stop();
        m_tickTimer.stop();
        m_retryDelayMs = m_firstRetryDelayMs;
        emit meLoaded(m_me);
        if (!m_preloadedUserId.isEmpty() && m_preloadedUserId != m_me.id) {
            // The token now belongs to someone else: those actions stay in their own file.
            QList<PendingAction> pending = m_ledger.pending();
            for (const PendingAction &action : std::as_const(m_preloaded))
                pending.removeAll(action);
            setPending(pending);
        }
        m_preloaded.clear();
        m_preloadedUserId.clear();
        if (!m_explicitStorePath) {
            m_store.setFilePath(PendingStore::defaultFilePath(m_api->baseUrl(), m_me.id));
            PendingStore::rememberUser(m_api->baseUrl(), m_api->token(), m_me.id);
        }
        QList<PendingAction> saved;
        QString problem;
        if (!m_store.load(&saved, &problem)) {
            // Keep the unreadable file aside rather than overwrite it.
            const QString aside = m_store.filePath() + QLatin1String(".unreadable");
            QFile::remove(aside);
            QFile::rename(m_store.filePath(), aside);
            qCWarning(lcSync) << "pending actions unreadable:" << problem << "moved to" << aside;
            ApiError error;
            error.kind = ApiError::Kind::Malformed;
            error.message = tr("Changes saved from the last session could not be read. They "
                               "were kept in %1.")
                                .arg(aside);
            error.technical = problem;
            emit errorOccurred(error);
        }
        for (const PendingAction &action : m_ledger.pending()) {
            if (!saved.contains(action))
                saved.append(action);
        }
        setPending(saved);
        savePending();
        updatePendingCount();
        emit pendingChanged();
        if (!m_me.isProductAdmin()) {
            if (m_fromCache) {
                m_loaded = false;
                m_fromCache = false;
                if (m_users)
                    m_users->setUsers({});
                if (m_optOuts)
                    m_optOuts->setEntries({}, {});
            }
            setState(State::NotProductAdmin);
            return;
        }
        if (!m_loaded) {
            setLoadProgress(0);
            setState(State::LoadingUsers);
        }
        fetchSyncState();
    });
}

void SyncController::fetchSyncState()
{
    if (!m_api || !m_requests)
        return;
    m_refreshOptOuts = true;
    m_hasIncomingState = false;
    if (m_syncStateUnsupported) {
        fetchUsersPage(0);
        return;
    }
    m_fetchingState = true;
    const int session = m_session;
    m_api->fetchSyncState(
        m_loaded ? m_syncEtag : QByteArray(), m_requests,
        [this, session](const ApiResult<SyncState> &result) {
            if (session != m_session)
                return;
            m_fetchingState = false;
            if (!result.ok()) {
                if (result.error().httpStatus == 404) {
                    // An older service: page by page, and /me for usageTracking, as before.
                    qCInfo(lcSync) << "the service has no /sync-state; refreshing every list";
                    m_syncStateUnsupported = true;
                    fetchUsersPage(0);
                    return;
                }
                handleFetchError(result.error());
                return;
            }
            const SyncState &state = result.value();
            if (!state.notModified)
                m_me.usageTracking = state.usageTracking; // a 304 says it did not change
            emit usageTrackingChecked(m_me.usageTracking);
            OptOutList unchanged;
            unchanged.notModified = true;
            if (state.notModified) {
                completeSync(unchanged);
                return;
            }
            m_incomingState = state;
            m_hasIncomingState = true;
            // A cached start revalidates both lists (conditionally: 304s when unchanged).
            const bool fromScratch = !m_loaded || m_fromCache;
            m_refreshOptOuts = fromScratch || state.optOutsRevision != m_ledger.revision();
            if (fromScratch || state.usersRevision != m_syncUsersRevision)
                fetchUsersPage(0);
            else
                afterUsers();
        });
}

void SyncController::afterUsers()
{
    if (m_refreshOptOuts) {
        fetchOptOuts();
        return;
    }
    OptOutList unchanged;
    unchanged.notModified = true;
    completeSync(unchanged);
}

void SyncController::fetchUsersPage(int page)
{
    if (!m_api || !m_requests)
        return;
    m_fetchingUsers = true;
    if (page == 0) {
        m_incomingPages.clear();
        m_incomingEtags.clear();
        m_usersChanged = false;
    }
    const QByteArray etag
        = m_loaded && page < m_userPageEtags.size() ? m_userPageEtags.at(page) : QByteArray();
    const int session = m_session;
    m_api->fetchUsersPage(
        page, UsersPageSize, etag, m_requests,
        [this, session, page](const ApiResult<UsersPage> &result) {
            if (session != m_session)
                return;
            if (!result.ok()) {
                m_fetchingUsers = false;
                handleFetchError(result.error());
                return;
            }
            const UsersPage &answer = result.value();
            bool last = answer.lastPage;
            if (answer.notModified && page == 0) {
                // The ETag is the whole directory's: unchanged, so are all the other pages.
                m_fetchingUsers = false;
                m_incomingPages.clear();
                m_incomingEtags.clear();
                afterUsers();
                return;
            }
            if (answer.notModified) {
                m_incomingPages.append(m_userPages.value(page));
                last = page + 1 >= m_userPages.size();
            } else {
                m_incomingPages.append(answer.users);
                m_usersChanged = true;
                // A page without users cannot be followed by more.
                if (answer.users.isEmpty())
                    last = true;
            }
            m_incomingEtags.append(answer.etag);
            if (!m_loaded) {
                const qint64 received = qint64(page + 1) * UsersPageSize;
                setLoadProgress(answer.total > 0
                                    ? int(std::min<qint64>(99, received * 100 / answer.total))
                                    : 99);
            }
            if (!last) {
                fetchUsersPage(page + 1);
                return;
            }
            m_fetchingUsers = false;
            if (m_usersChanged || m_incomingPages.size() != m_userPages.size() || !m_loaded) {
                m_userPages = m_incomingPages;
                m_userPageEtags = m_incomingEtags;
                QList<User> all;
                for (const QList<User> &users : std::as_const(m_userPages))
                    all.append(users);
                if (m_users) {
                    // A large organisation's list is matched on a worker thread: the models
                    // are applied again once it is in (the left-directory marks need it).
                    m_users->updateUsers(all);
                    m_applyWhenUsersIn = m_users->isUpdating();
                }
                m_usersChangedSinceSave = true;
            }
            m_incomingPages.clear();
            m_incomingEtags.clear();
            if (!m_loaded) {
                setLoadProgress(100);
                setState(State::LoadingOptOuts);
            }
            afterUsers();
        });
}

void SyncController::fetchOptOuts()
{
    if (!m_api || !m_requests)
        return;
    m_fetchingOptOuts = true;
    const int session = m_session;
    const int generation = m_actionGeneration;
    // Once the list is known, only what changed since its revision (the service answers the
    // whole list when it cannot say).
    const qint64 since = m_loaded && !m_fromCache ? m_ledger.revision() : -1;
    m_api->fetchOptOuts(
        m_loaded ? m_optOutsEtag : QByteArray(), m_requests,
        [this, session, generation](const ApiResult<OptOutList> &result) {
            if (session != m_session)
                return;
            m_fetchingOptOuts = false;
            if (!result.ok()) {
                handleFetchError(result.error());
                return;
            }
            if (generation != m_actionGeneration) {
                // An action was confirmed meanwhile; this list may predate it.
                fetchOptOuts();
                return;
            }
            completeSync(result.value());
        },
        since);
}

void SyncController::completeSync(const OptOutList &list)
{
    // Before any signal: a slot may start the next refresh.
    if (m_hasIncomingState) {
        m_syncEtag = m_incomingState.etag;
        m_syncUsersRevision = m_incomingState.usersRevision;
        m_hasIncomingState = false;
    }
    const bool recheck = m_syncStateUnsupported && !m_meFresh;
    m_meFresh = false;
    QStringList cameOut;
    QStringList wentIn;
    bool remote = false;
    OptOutLedger::Change change;
    const bool wasLoaded = m_loaded;
    if (!list.notModified) {
        // What changed elsewhere: our own changes are already in the confirmed list, or
        // still pending.
        if (wasLoaded) {
            if (list.isDelta()) {
                for (const OptOutEntry &e : list.optOuts) {
                    if (!m_ledger.isConfirmedOut(e.user.id) && !m_ledger.isPending(e.user.id))
                        cameOut.append(e.user.id);
                }
                for (const QString &id : list.optedIn) {
                    if (m_ledger.isConfirmedOut(id) && !m_ledger.isPending(id))
                        wentIn.append(id);
                }
            } else {
                QSet<QString> after;
                after.reserve(list.optOuts.size());
                for (const OptOutEntry &e : list.optOuts) {
                    after.insert(e.user.id);
                    if (!m_ledger.isConfirmedOut(e.user.id) && !m_ledger.isPending(e.user.id))
                        cameOut.append(e.user.id);
                }
                for (const OptOutEntry &e : m_ledger.confirmed()) {
                    if (!after.contains(e.user.id) && !m_ledger.isPending(e.user.id))
                        wentIn.append(e.user.id);
                }
            }
        }
        remote = !cameOut.isEmpty() || !wentIn.isEmpty();
        if (remote)
            emit aboutToApplyRemoteChanges();
        change = list.isDelta() ? m_ledger.applyConfirmed(list.optOuts, list.optedIn, list.revision)
                                : m_ledger.setConfirmed(list.optOuts, list.revision);
        m_optOutsEtag = list.etag;
    }
    const bool changed = !list.notModified || m_fromCache || m_usersChangedSinceSave;
    const bool usersChanged = m_usersChangedSinceSave;
    m_usersChangedSinceSave = false;
    m_fromCache = false;
    if (!wasLoaded)
        setLoaded();
    else if (usersChanged && !m_applyWhenUsersIn)
        showAll(); // the directory changed: names and the left-directory marks
    else
        show(change);
    if (remote)
        emit remoteChangesApplied(cameOut, wentIn);
    m_retryTimer.stop();
    m_tickTimer.stop();
    m_retryDelayMs = m_firstRetryDelayMs;
    m_lastSyncedAt = QDateTime::currentDateTimeUtc();
    setState(State::Synced);
    emit synced(m_lastSyncedAt);
    emitStatus();
    saveCache(changed);
    if (recheck)
        recheckUsageTracking();
    const QByteArray shown
        = QByteArray::number(m_ledger.revision()) + '.' + QByteArray::number(m_syncUsersRevision);
    if (m_liveChanges && m_changes->state() == ChangeStream::State::Stopped
        && !m_syncStateUnsupported && !m_liveUnavailable)
        m_changes->start(shown);
    else
        m_changes->setLastEventId(shown);
    if (!m_changes->isConnected())
        m_refreshTimer.start(); // no live changes (yet): poll meanwhile
    if (std::exchange(m_refreshAgain, false))
        QTimer::singleShot(0, m_requests, [this] { startRefresh(); });
    sendNext();
}

void SyncController::onLiveState(const SyncState &state)
{
    if (state.optOutsRevision == m_ledger.revision() && state.usersRevision == m_syncUsersRevision
        && state.usageTracking == m_me.usageTracking)
        return; // what the window shows already
    if (m_fetchingUsers || m_fetchingOptOuts || m_fetchingState) {
        m_refreshAgain = true; // this refresh may have read the state before the change
        return;
    }
    startRefresh();
}

void SyncController::recheckUsageTracking()
{
    // Only for a service without /sync-state, whose answer would have carried it.
    const int session = m_session;
    const QString userId = m_me.id;
    m_api->fetchMe(m_requests, [this, session, userId](const ApiResult<Me> &result) {
        if (session != m_session)
            return;
        if (!result.ok()) {
            // The next refresh asks again; the tracker keeps its state meanwhile.
            qCDebug(lcSync) << "usageTracking check failed:" << result.error().technical;
            return;
        }
        if (result.value().id != userId)
            return;
        m_me.usageTracking = result.value().usageTracking;
        emit usageTrackingChecked(m_me.usageTracking);
    });
}

void SyncController::startRefresh()
{
    if (!m_requests || m_fetchingUsers || m_fetchingOptOuts || m_fetchingState)
        return;
    if (!m_meLoaded) {
        fetchMe();
        return;
    }
    if (!m_me.isProductAdmin())
        return;
    m_refreshTimer.stop();
    fetchSyncState();
}

void SyncController::onUsersUpdated()
{
    if (!m_applyWhenUsersIn)
        return;
    m_applyWhenUsersIn = false;
    showAll();
}

QSet<QString> SyncController::leftDirectory(const QList<OptOutLedger::Row> &rows) const
{
    // Opted-out users the directory no longer lists (deprovisioned over SCIM): marked, kept.
    QSet<QString> left;
    if (m_users && m_users->rowCount() > 0) {
        for (const OptOutLedger::Row &row : rows) {
            if (!m_users->userById(row.entry.user.id))
                left.insert(row.entry.user.id);
        }
    }
    return left;
}

void SyncController::setLoaded()
{
    m_loaded = true;
    showAll();
}

void SyncController::showAll()
{
    if (!m_loaded)
        return;
    // The names of pending opt-outs' users may have come meanwhile.
    m_ledger.relookUsers();
    const QList<OptOutLedger::Row> rows = m_ledger.rows();
    const QSet<QString> left = leftDirectory(rows);
    if (m_optOuts) {
        QList<OptOutEntry> entries;
        entries.reserve(rows.size());
        for (const OptOutLedger::Row &row : rows)
            entries.append(row.entry);
        m_optOuts->setEntries(entries, m_ledger.pendingIds(), m_ledger.leavingIds(), left);
    }
    if (m_users)
        m_users->setOptOutState(m_ledger.optedOutIds(), m_ledger.pendingIds());
}

void SyncController::show(const OptOutLedger::Change &change)
{
    // Until loaded nothing is shown; setLoaded() shows the whole view then.
    if (!m_loaded || change.isEmpty())
        return;
    if (m_optOuts)
        m_optOuts->applyChange(change.rows, change.removed, leftDirectory(change.rows));
    if (m_users)
        m_users->updateOptOutState(change.stateChanged, m_ledger.optedOutIds(),
                                   m_ledger.pendingIds());
}

void SyncController::setPending(const QList<PendingAction> &pending)
{
    show(m_ledger.setPending(pending));
}

QHash<QString, int> SyncController::lastPendingIndex(QHash<QString, bool> *outBeforeLast) const
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

QSet<qint64> SyncController::dropFromPending(const QHash<int, QSet<QString>> &cancelled)
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

qint64 SyncController::enqueue(PendingAction::Type type, const QStringList &userIds,
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
        const bool outBefore = outBeforeLast.value(id, m_ledger.isConfirmedOut(id));
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
        m_ledger.rememberUndo(actionId, type, ids, options.deleteStoredEvents, reasonsBefore);
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

void SyncController::reportChunk(const PendingAction &action, const QStringList &applied,
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

void SyncController::finishIfDone(qint64 actionId)
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

void SyncController::savePending()
{
    QString problem;
    if (!m_store.save(queue(), &problem))
        qCWarning(lcSync) << "cannot save pending actions:" << problem;
}

void SyncController::sendNext()
{
    if (m_sending || queue().isEmpty() || !m_loaded || !m_meLoaded || !m_requests || !m_api
        || m_retryTimer.isActive() || m_state == State::SignedOut)
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
                             show(m_ledger.confirmOptOuts({result.value().entry}));
                             confirmAction(action);
                         });
        return;
    }
    const bool out = action.type == PendingAction::Type::OptOut;
    m_api->postBatch(out ? action.userIds : QStringList(), out ? QStringList() : action.userIds,
                     options, m_requests,
                     [this, session, action](const ApiResult<BatchResult> &result) {
                         if (session != m_session)
                             return;
                         if (!result.ok()) {
                             refuseAction(result.error());
                             return;
                         }
                         if (action.type == PendingAction::Type::OptOut) {
                             // Shown as ours until the next refresh brings the service's entries.
                             const User me {m_me.id, m_me.email, m_me.name};
                             QList<OptOutEntry> added;
                             for (const QString &id : action.userIds) {
                                 if (m_ledger.isConfirmedOut(id))
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
                                 show(m_ledger.confirmDeleted(action.userIds)); // deleted now
                             show(m_ledger.confirmOptOuts(added));
                         } else {
                             show(m_ledger.confirmOptIns(action.userIds));
                         }
                         confirmAction(action);
                     });
}

void SyncController::confirmAction(const PendingAction &action)
{
    m_sending = false;
    if (!queue().isEmpty() && queue().first() == action) {
        QList<PendingAction> pending = queue();
        pending.removeFirst();
        setPending(pending);
    }
    ++m_actionGeneration;
    savePending();
    updatePendingCount();
    emit pendingChanged();
    // The confirmed list changed: a start without the service shows it as it now is (stored
    // data deleted now is not "planned" any more).
    saveCache(true);
    m_retryDelayMs = m_firstRetryDelayMs;
    if (action.type == PendingAction::Type::OptOut) {
        for (const QString &id : action.userIds)
            emit optOutConfirmed(id);
    } else {
        emit optInConfirmed(action.userIds);
    }
    reportChunk(action, action.userIds, {}, {});
    finishIfDone(action.actionId);
    if (m_state == State::Offline) {
        m_retryTimer.stop();
        m_tickTimer.stop();
        startRefresh();
    } else if (action.type == PendingAction::Type::OptOut && action.userIds.size() > 1) {
        startRefresh(); // the batch answer carries no entries
    }
    sendNext();
}

void SyncController::refuseAction(const ApiError &error)
{
    m_sending = false;
    m_lastError = error;
    if (error.isUnauthenticated() || error.isTransient()) {
        handleFetchError(error);
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

void SyncController::handleFetchError(const ApiError &error)
{
    m_lastError = error;
    qCInfo(lcSync) << "sync error:" << error.technical;
    if (error.isUnauthenticated()) {
        m_signInFailed = !m_meLoaded;
        stop();
        setState(State::SignedOut);
        emit authenticationFailed(error);
        return;
    }
    if (!m_meLoaded && !m_loaded && m_state == State::SigningIn
        && (error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout)) {
        // Nothing answered the first sign-in and nothing is cached: most likely a wrong
        // address. Say which, and wait for the administrator rather than retry for ever.
        stop();
        ApiError unreachable = error;
        const QString address = m_api ? m_api->baseUrl().toDisplayString() : QString();
        unreachable.message = tr("Could not sign in: nothing answered at %1. Check the "
                                 "service address, or try again later.")
                                  .arg(address);
        m_lastError = unreachable;
        setState(State::Unreachable);
        emit errorOccurred(unreachable);
        return;
    }
    if (error.isTransient()) {
        if (m_state != State::Offline)
            emit errorOccurred(error);
        setState(State::Offline);
        scheduleRetry();
        return;
    }
    emit errorOccurred(error);
    if (error.httpStatus == 403) {
        stop();
        setState(State::NotProductAdmin);
        return;
    }
    if (!m_loaded) {
        setState(State::Offline);
        scheduleRetry();
        return;
    }
    m_refreshTimer.start();
}

void SyncController::scheduleRetry()
{
    m_refreshTimer.stop();
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, m_maxRetryDelayMs);
    m_tickTimer.start();
    emit retryCountdownChanged(secondsUntilRetry());
    emitStatus();
}

void SyncController::retryNow()
{
    m_retryTimer.stop();
    m_tickTimer.stop();
    if (!m_requests)
        return;
    emitStatus();
    if (!m_meLoaded) {
        fetchMe();
        return;
    }
    if (!m_fetchingUsers && !m_fetchingOptOuts && !m_fetchingState)
        fetchSyncState();
    sendNext();
}

void SyncController::tick()
{
    emit retryCountdownChanged(secondsUntilRetry());
    emitStatus();
}

void SyncController::emitStatus()
{
    emit statusChanged(statusText());
}

void SyncController::setLoadProgress(int percent)
{
    if (m_loadProgress == percent)
        return;
    m_loadProgress = percent;
    emit loadProgressChanged(percent);
    emitStatus();
}

void SyncController::updatePendingCount()
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
    emitStatus();
}

QUrl SyncController::serverUrl() const
{
    return m_api ? m_api->baseUrl() : QUrl();
}
