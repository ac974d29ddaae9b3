// Brings the lists from the service into the ledger and the models.
#include "syncloader.h"

#include "apiclient.h"
#include "cachewriter.h"
#include "changestream.h"
#include "ledgerview.h"
#include "optoutmodel.h"
#include "pendingstore.h"
#include "usermodel.h"

#include <QLoggingCategory>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

SyncLoader::SyncLoader(ApiClient *api, OptOutLedger *ledger, LedgerView *view, CacheWriter *cache,
                       UserModel *users, OptOutModel *optOuts, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_ledger(ledger)
    , m_view(view)
    , m_cache(cache)
    , m_users(users)
    , m_optOuts(optOuts)
{
    m_refreshTimer.setInterval(DefaultRefreshIntervalMs);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &SyncLoader::startRefresh);
    if (m_users)
        connect(m_users, &UserModel::usersUpdated, this, &SyncLoader::onUsersUpdated);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &SyncLoader::retryNow);
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &SyncLoader::tick);
    // Live changes: a refresh at each event; the timed one only while the stream is down.
    m_changes = new ChangeStream(api, this);
    connect(m_changes, &ChangeStream::syncStateReceived, this, &SyncLoader::onLiveState);
    connect(m_changes, &ChangeStream::connected, this, [this] {
        m_refreshTimer.stop();
        emit liveChangesChanged(true);
    });
    connect(m_changes, &ChangeStream::disconnected, this, [this] {
        if (m_state == State::Synced)
            m_refreshTimer.start();
        emit liveChangesChanged(false);
    });
    connect(m_changes, &ChangeStream::authenticationFailed, this, &SyncLoader::handleFetchError);
    connect(m_changes, &ChangeStream::unavailable, this, [this](const ApiError &error) {
        qCInfo(lcSync) << "no live changes; refreshing every" << m_refreshTimer.interval()
                       << "ms:" << error.technical;
        m_liveUnavailable = true;
    });
}

SyncLoader::~SyncLoader() = default;

bool SyncLoader::startFromCache(const QString &userId)
{
    return m_cache->read(userId, [this](std::shared_ptr<CachedStart> cached) {
        if (cached->ok) {
            applyCache(cached);
            return;
        }
        setState(State::SigningIn);
        fetchMe();
    });
}

void SyncLoader::applyCache(const std::shared_ptr<CachedStart> &cached)
{
    const SyncSnapshot &snapshot = cached->snapshot;
    m_me = snapshot.me;
    m_userPages = snapshot.userPages;
    m_userPageEtags = snapshot.userPageEtags;
    m_ledger->setMe(User {m_me.id, m_me.email, m_me.name});
    // Confirmed and indexed on the cache's thread: the pending changes go on top here.
    m_ledger->takeConfirmed(std::move(cached->ledger));
    m_optOutsEtag = snapshot.optOutsEtag;
    m_lastSyncedAt = snapshot.syncedAt;
    m_fromCache = true;
    m_showingCache = true;
    if (m_users) {
        // Who is out is known before the rows arrive: no row changes after them.
        if (m_users->rowCount() == 0)
            m_users->setOptOutState(m_ledger->optedOutIds(), m_ledger->pendingIds());
        // Folded and indexed on the cache's thread: one insert here.
        m_users->setPreparedUsers(std::move(cached->prepared));
    }
    // The table in a turn of its own: together, the two inserts and a paint would hold the
    // GUI thread for more than a frame.
    m_cachedOptOuts = cached;
    QMetaObject::invokeMethod(
        this,
        [this, session = m_session]() {
            if (session == m_session && m_cachedOptOuts)
                applyCachedOptOuts(std::exchange(m_cachedOptOuts, {}));
        },
        Qt::QueuedConnection);
}

void SyncLoader::applyCachedOptOuts(std::shared_ptr<CachedStart> cached)
{
    m_showingCache = false;
    if (m_optOuts && m_ledger->pendingIds().isEmpty() && m_optOuts->rowCount() == 0) {
        // The rows made on the cache's thread, as showAll() would make them: one reset here.
        m_optOuts->setPreparedEntries(std::move(cached->optOutRows));
        m_view->setLoadedAsShown();
    } else {
        if (m_optOuts)
            m_optOuts->setFoldedKeys(std::move(cached->optOutKeys));
        m_view->setLoaded();
    }
    // What is left of the read (the snapshot's opt-outs, the folded keys) is freed on the
    // cache's thread; the window changes its page in a turn of its own, then /me is asked.
    m_cache->dispose(std::move(cached));
    QMetaObject::invokeMethod(
        this,
        [this, session = m_session]() {
            if (session != m_session)
                return;
            emit cacheShown();
            setState(State::Offline);
            emit statusChanged();
            fetchMe();
        },
        Qt::QueuedConnection);
}

void SyncLoader::saveCache(bool changed)
{
    if (!m_view->isLoaded())
        return;
    SyncSnapshot snapshot;
    snapshot.me = m_me;
    snapshot.userPages = m_userPages; // shared copies: the worker reads, nobody writes them
    snapshot.userPageEtags = m_userPageEtags;
    snapshot.optOuts = m_ledger->confirmed();
    snapshot.optOutsEtag = m_optOutsEtag;
    snapshot.revision = m_ledger->revision();
    snapshot.syncedAt = m_lastSyncedAt;
    m_cache->save(m_me.id, snapshot, changed,
                  m_users ? m_users->keySource() : UserModel::KeySource());
}

void SyncLoader::setRefreshInterval(int milliseconds)
{
    m_refreshTimer.setInterval(milliseconds);
}

void SyncLoader::setLiveChanges(bool on)
{
    m_liveChanges = on;
    if (!on)
        m_changes->stop();
}

void SyncLoader::setRetryDelays(int firstMilliseconds, int maxMilliseconds)
{
    m_firstRetryDelayMs = std::max(1, firstMilliseconds);
    m_maxRetryDelayMs = std::max(m_firstRetryDelayMs, maxMilliseconds);
    m_retryDelayMs = m_firstRetryDelayMs;
}

void SyncLoader::reset()
{
    m_meLoaded = false;
    m_view->unload(); // not shown: nothing is until loaded
    m_fromCache = false;
    m_signInFailed = false;
    m_me = Me {};
    m_userPages.clear();
    m_userPageEtags.clear();
    m_optOutsEtag.clear();
    m_syncStateUnsupported = false; // the service may have been upgraded meanwhile
    m_liveUnavailable = false;
    m_syncEtag.clear();
    m_syncUsersRevision = -1;
    m_hasIncomingState = false;
    m_retryDelayMs = m_firstRetryDelayMs;
    m_requests = new QObject(this);
}

void SyncLoader::begin()
{
    // The last synced lists of this server and account, shown at once; the service's answers
    // revalidate them (If-None-Match) or replace them.
    const QString userId = m_cache->hasExplicitPath() || !m_api
        ? QString()
        : PendingStore::rememberedUser(m_api->baseUrl(), m_api->token());
    if ((m_cache->hasExplicitPath() || !userId.isEmpty()) && startFromCache(userId)) {
        // Shown at once in this state; the lists follow when the cache is read (then /me).
        setState(State::LoadingUsers);
        return;
    }
    setState(State::SigningIn);
    fetchMe();
}

void SyncLoader::stop()
{
    ++m_session;
    m_cache->cancelRead();
    m_showingCache = false; // the opt-outs of a cache being shown are dropped
    if (m_cachedOptOuts)
        m_cache->dispose(std::exchange(m_cachedOptOuts, {}));
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
    m_fetchingUsers = false;
    m_fetchingOptOuts = false;
    m_fetchingState = false;
    emit stopped();
}

void SyncLoader::refresh()
{
    if (m_cache->isReading() || m_showingCache)
        return; // the service is asked once the saved lists are in
    switch (m_state) {
    case State::Idle:
    case State::SignedOut:
        return;
    case State::NotProductAdmin:
        emit restartWanted();
        return;
    case State::Unreachable:
        emit restartWanted(); // the administrator asks to try again
        return;
    case State::Offline:
        retryNow();
        return;
    default:
        startRefresh();
    }
}

int SyncLoader::secondsUntilRetry() const
{
    if (m_state != State::Offline || !m_retryTimer.isActive())
        return 0;
    return (m_retryTimer.remainingTime() + 999) / 1000;
}

void SyncLoader::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcSync) << "state" << state;
    emit stateChanged(state);
    emit statusChanged();
}

void SyncLoader::fetchMe()
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
            m_view->unload();
            m_fromCache = false;
            m_userPages.clear();
            m_userPageEtags.clear();
            const QList<PendingAction> pending = m_ledger->pending();
            m_ledger->clear();
            m_ledger->setPending(pending);
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
        m_ledger->setMe(User {m_me.id, m_me.email, m_me.name});
        m_meLoaded = true;
        m_meFresh = true;
        m_retryTimer.stop();
        m_tickTimer.stop();
        m_retryDelayMs = m_firstRetryDelayMs;
        emit meLoaded(m_me);
        if (!m_me.isProductAdmin()) {
            if (m_fromCache) {
                m_view->unload();
                m_fromCache = false;
                if (m_users)
                    m_users->setUsers({});
                if (m_optOuts)
                    m_optOuts->setEntries({}, {});
            }
            setState(State::NotProductAdmin);
            return;
        }
        if (!m_view->isLoaded()) {
            setLoadProgress(0);
            setState(State::LoadingUsers);
        }
        fetchSyncState();
    });
}

void SyncLoader::fetchSyncState()
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
        m_view->isLoaded() ? m_syncEtag : QByteArray(), m_requests,
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
            const bool fromScratch = !m_view->isLoaded() || m_fromCache;
            m_refreshOptOuts = fromScratch || state.optOutsRevision != m_ledger->revision();
            if (fromScratch || state.usersRevision != m_syncUsersRevision)
                fetchUsersPage(0);
            else
                afterUsers();
        });
}

void SyncLoader::afterUsers()
{
    if (m_refreshOptOuts) {
        fetchOptOuts();
        return;
    }
    OptOutList unchanged;
    unchanged.notModified = true;
    completeSync(unchanged);
}

void SyncLoader::fetchUsersPage(int page)
{
    if (!m_api || !m_requests)
        return;
    m_fetchingUsers = true;
    if (page == 0) {
        m_incomingPages.clear();
        m_incomingEtags.clear();
        m_usersChanged = false;
    }
    const QByteArray etag = m_view->isLoaded() && page < m_userPageEtags.size()
        ? m_userPageEtags.at(page)
        : QByteArray();
    const int session = m_session;
    m_api->fetchUsersPage(page, UsersPageSize, etag, m_requests,
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
                                  // The ETag is the whole directory's: unchanged, so are all the
                                  // other pages.
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
                              if (!m_view->isLoaded()) {
                                  const qint64 received = qint64(page + 1) * UsersPageSize;
                                  setLoadProgress(answer.total > 0 ? int(std::min<qint64>(
                                                      99, received * 100 / answer.total))
                                                                   : 99);
                              }
                              if (!last) {
                                  fetchUsersPage(page + 1);
                                  return;
                              }
                              m_fetchingUsers = false;
                              if (m_usersChanged || m_incomingPages.size() != m_userPages.size()
                                  || !m_view->isLoaded()) {
                                  m_userPages = m_incomingPages;
                                  m_userPageEtags = m_incomingEtags;
                                  QList<User> all;
                                  for (const QList<User> &users : std::as_const(m_userPages))
                                      all.append(users);
                                  if (m_users) {
                                      // A large organisation's list is matched on a worker thread:
                                      // the models are applied again once it is in (the
                                      // left-directory marks need it).
                                      m_users->updateUsers(all);
                                      m_applyWhenUsersIn = m_users->isUpdating();
                                  }
                                  m_usersChangedSinceSave = true;
                              }
                              m_incomingPages.clear();
                              m_incomingEtags.clear();
                              if (!m_view->isLoaded()) {
                                  setLoadProgress(100);
                                  setState(State::LoadingOptOuts);
                              }
                              afterUsers();
                          });
}

void SyncLoader::fetchOptOuts()
{
    if (!m_api || !m_requests)
        return;
    m_fetchingOptOuts = true;
    const int session = m_session;
    const int generation = m_actionGeneration;
    // Once the list is known, only what changed since its revision (the service answers the
    // whole list when it cannot say).
    const qint64 since = m_view->isLoaded() && !m_fromCache ? m_ledger->revision() : -1;
    m_api->fetchOptOuts(
        m_view->isLoaded() ? m_optOutsEtag : QByteArray(), m_requests,
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

void SyncLoader::completeSync(const OptOutList &list)
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
    const bool wasLoaded = m_view->isLoaded();
    if (!list.notModified) {
        // What changed elsewhere: our own changes are already in the confirmed list, or
        // still pending.
        if (wasLoaded) {
            if (list.isDelta()) {
                for (const OptOutEntry &e : list.optOuts) {
                    if (!m_ledger->isConfirmedOut(e.user.id) && !m_ledger->isPending(e.user.id))
                        cameOut.append(e.user.id);
                }
                for (const QString &id : list.optedIn) {
                    if (m_ledger->isConfirmedOut(id) && !m_ledger->isPending(id))
                        wentIn.append(id);
                }
            } else {
                QSet<QString> after;
                after.reserve(list.optOuts.size());
                for (const OptOutEntry &e : list.optOuts) {
                    after.insert(e.user.id);
                    if (!m_ledger->isConfirmedOut(e.user.id) && !m_ledger->isPending(e.user.id))
                        cameOut.append(e.user.id);
                }
                for (const OptOutEntry &e : m_ledger->confirmed()) {
                    if (!after.contains(e.user.id) && !m_ledger->isPending(e.user.id))
                        wentIn.append(e.user.id);
                }
            }
        }
        remote = !cameOut.isEmpty() || !wentIn.isEmpty();
        if (remote)
            emit aboutToApplyRemoteChanges();
        change = list.isDelta()
            ? m_ledger->applyConfirmed(list.optOuts, list.optedIn, list.revision)
            : m_ledger->setConfirmed(list.optOuts, list.revision);
        m_optOutsEtag = list.etag;
    }
    const bool changed = !list.notModified || m_fromCache || m_usersChangedSinceSave;
    const bool usersChanged = m_usersChangedSinceSave;
    m_usersChangedSinceSave = false;
    m_fromCache = false;
    if (!wasLoaded)
        m_view->setLoaded();
    else if (usersChanged && !m_applyWhenUsersIn)
        m_view->showAll(); // the directory changed: names and the left-directory marks
    else
        m_view->show(change);
    if (remote)
        emit remoteChangesApplied(cameOut, wentIn);
    m_retryTimer.stop();
    m_tickTimer.stop();
    m_retryDelayMs = m_firstRetryDelayMs;
    m_lastSyncedAt = QDateTime::currentDateTimeUtc();
    setState(State::Synced);
    emit synced(m_lastSyncedAt);
    emit statusChanged();
    saveCache(changed);
    if (recheck)
        recheckUsageTracking();
    const QByteArray shown
        = QByteArray::number(m_ledger->revision()) + '.' + QByteArray::number(m_syncUsersRevision);
    if (m_liveChanges && m_changes->state() == ChangeStream::State::Stopped
        && !m_syncStateUnsupported && !m_liveUnavailable)
        m_changes->start(shown);
    else
        m_changes->setLastEventId(shown);
    if (!m_changes->isConnected())
        m_refreshTimer.start(); // no live changes (yet): poll meanwhile
    if (std::exchange(m_refreshAgain, false))
        QTimer::singleShot(0, m_requests, [this] { startRefresh(); });
    emit readyToSend();
}

void SyncLoader::onLiveState(const SyncState &state)
{
    if (state.optOutsRevision == m_ledger->revision() && state.usersRevision == m_syncUsersRevision
        && state.usageTracking == m_me.usageTracking)
        return; // what the window shows already
    if (m_fetchingUsers || m_fetchingOptOuts || m_fetchingState) {
        m_refreshAgain = true; // this refresh may have read the state before the change
        return;
    }
    startRefresh();
}

void SyncLoader::recheckUsageTracking()
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

void SyncLoader::startRefresh()
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

void SyncLoader::onUsersUpdated()
{
    if (!m_applyWhenUsersIn)
        return;
    m_applyWhenUsersIn = false;
    m_view->showAll();
}

void SyncLoader::handleFetchError(const ApiError &error)
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
    if (!m_meLoaded && !m_view->isLoaded() && m_state == State::SigningIn
        && (error.kind == ApiError::Kind::Network || error.kind == ApiError::Kind::Timeout)) {
        // Nothing answered the first sign-in and nothing is cached: most likely a wrong
        // address. The window says which; wait for the administrator rather than retry for
        // ever.
        stop();
        setState(State::Unreachable);
        emit errorOccurred(error);
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
    if (!m_view->isLoaded()) {
        setState(State::Offline);
        scheduleRetry();
        return;
    }
    m_refreshTimer.start();
}

void SyncLoader::scheduleRetry()
{
    m_refreshTimer.stop();
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, m_maxRetryDelayMs);
    m_tickTimer.start();
    emit retryCountdownChanged(secondsUntilRetry());
    emit statusChanged();
}

void SyncLoader::retryNow()
{
    m_retryTimer.stop();
    m_tickTimer.stop();
    if (!m_requests)
        return;
    emit statusChanged();
    if (!m_meLoaded) {
        fetchMe();
        return;
    }
    if (!m_fetchingUsers && !m_fetchingOptOuts && !m_fetchingState)
        fetchSyncState();
    emit readyToSend();
}

void SyncLoader::tick()
{
    emit retryCountdownChanged(secondsUntilRetry());
    emit statusChanged();
}

void SyncLoader::setLoadProgress(int percent)
{
    if (m_loadProgress == percent)
        return;
    m_loadProgress = percent;
    emit loadProgressChanged(percent);
    emit statusChanged();
}

bool SyncLoader::maySend() const
{
    return m_view->isLoaded() && m_meLoaded && !m_retryTimer.isActive()
        && m_state != State::SignedOut;
}

void SyncLoader::onActionConfirmed(const PendingAction &action)
{
    ++m_actionGeneration;
    // The confirmed list changed: a start without the service shows it as it now is (stored
    // data deleted now is not "planned" any more).
    saveCache(true);
    m_retryDelayMs = m_firstRetryDelayMs;
    if (m_state == State::Offline) {
        m_retryTimer.stop();
        m_tickTimer.stop();
        startRefresh();
    } else if (action.type == PendingAction::Type::OptOut && action.userIds.size() > 1) {
        startRefresh(); // the batch answer carries no entries
    }
}
