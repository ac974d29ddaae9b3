// Keeps the models in sync with the service and carries the administrator's actions to it.
#include "synccontroller.h"

#include "apiclient.h"
#include "changestream.h"
#include "optoutmodel.h"
#include "usermodel.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSync, "optout.sync", QtInfoMsg)

SyncController::SyncController(ApiClient *api, UserModel *users, OptOutModel *optOuts,
                               QObject *parent)
    : QObject(parent)
    , m_view(&m_ledger, users, optOuts)
    , m_cache(api)
    , m_loader(api, &m_ledger, &m_view, &m_cache, users, optOuts)
    , m_actions(api, &m_ledger, &m_view, users, &m_loader)
    , m_api(api)
{
    m_ledger.setUserLookup([users = QPointer<UserModel>(users)](const QString &id) -> const User * {
        return users ? users->userById(id) : nullptr;
    });
    // The loader's news, told as the sync's.
    connect(&m_loader, &SyncLoader::stateChanged, this, &SyncController::stateChanged);
    connect(&m_loader, &SyncLoader::meLoaded, this, &SyncController::meLoaded);
    connect(&m_loader, &SyncLoader::loadProgressChanged, this,
            &SyncController::loadProgressChanged);
    connect(&m_loader, &SyncLoader::synced, this, &SyncController::synced);
    connect(&m_loader, &SyncLoader::retryCountdownChanged, this,
            &SyncController::retryCountdownChanged);
    connect(&m_loader, &SyncLoader::errorOccurred, this, &SyncController::errorOccurred);
    connect(&m_loader, &SyncLoader::authenticationFailed, this,
            &SyncController::authenticationFailed);
    connect(&m_loader, &SyncLoader::aboutToApplyRemoteChanges, this,
            &SyncController::aboutToApplyRemoteChanges);
    connect(&m_loader, &SyncLoader::remoteChangesApplied, this,
            &SyncController::remoteChangesApplied);
    connect(&m_loader, &SyncLoader::usageTrackingChecked, this,
            &SyncController::usageTrackingChecked);
    connect(&m_loader, &SyncLoader::liveChangesChanged, this, &SyncController::liveChangesChanged);
    connect(&m_loader, &SyncLoader::statusChanged, this, &SyncController::statusChanged);
    // The queue's.
    connect(&m_actions, &ActionQueue::pendingCountChanged, this,
            &SyncController::pendingCountChanged);
    connect(&m_actions, &ActionQueue::pendingCountChanged, this, &SyncController::statusChanged);
    connect(&m_actions, &ActionQueue::pendingChanged, this, &SyncController::pendingChanged);
    connect(&m_actions, &ActionQueue::optOutConfirmed, this, &SyncController::optOutConfirmed);
    connect(&m_actions, &ActionQueue::optInConfirmed, this, &SyncController::optInConfirmed);
    connect(&m_actions, &ActionQueue::actionFailed, this,
            [this](const PendingAction &, const ApiError &error) { m_loader.noteError(error); });
    connect(&m_actions, &ActionQueue::actionFailed, this, &SyncController::actionFailed);
    connect(&m_actions, &ActionQueue::actionCompleted, this, &SyncController::actionCompleted);
    connect(&m_actions, &ActionQueue::pendingFileUnreadable, this,
            &SyncController::pendingFileUnreadable);
    // Between the two: /me tells whose saved actions count (after the window hears of it),
    // the lists in let the actions go, a confirmed action refreshes the lists, a failed send
    // goes offline or signs out, and a stop stops both.
    connect(&m_loader, &SyncLoader::meLoaded, &m_actions, &ActionQueue::adoptFor);
    connect(&m_loader, &SyncLoader::readyToSend, &m_actions, &ActionQueue::sendNext);
    connect(&m_loader, &SyncLoader::cacheShown, &m_actions, &ActionQueue::updatePendingCount);
    connect(&m_loader, &SyncLoader::stopped, &m_actions, &ActionQueue::stop);
    connect(&m_loader, &SyncLoader::restartWanted, this, &SyncController::start);
    connect(&m_actions, &ActionQueue::actionConfirmed, &m_loader, &SyncLoader::onActionConfirmed);
    connect(&m_actions, &ActionQueue::sendFailed, &m_loader, &SyncLoader::handleFetchError);
}

SyncController::~SyncController() = default;

void SyncController::setPendingFilePath(const QString &path)
{
    m_actions.setFilePath(path);
}

void SyncController::setCacheFilePath(const QString &path)
{
    m_cache.setFilePath(path);
}

void SyncController::waitForCacheWritten()
{
    m_cache.waitForWritten();
}

bool SyncController::prefetchCache(const QUrl &server, const QByteArray &token)
{
    return m_cache.prefetch(server, token);
}

bool SyncController::prefetchCacheOf(const QUrl &server, const QString &userId)
{
    return m_cache.prefetchOf(server, userId);
}

void SyncController::setRefreshInterval(int milliseconds)
{
    m_loader.setRefreshInterval(milliseconds);
}

void SyncController::setLiveChanges(bool on)
{
    m_loader.setLiveChanges(on);
}

void SyncController::setRetryDelays(int firstMilliseconds, int maxMilliseconds)
{
    m_loader.setRetryDelays(firstMilliseconds, maxMilliseconds);
}

void SyncController::start()
{
    // Actions of a signed-in user are already in their file; anything else stays in memory.
    const bool dropSaved = m_loader.isMeLoaded();
    stop();
    const QList<PendingAction> kept = dropSaved ? QList<PendingAction>() : m_ledger.pending();
    m_loader.reset();
    m_ledger.clear(); // not shown: nothing is until loaded
    m_ledger.setPending(kept);
    m_actions.restart();
    m_loader.begin();
}

void SyncController::stop()
{
    m_loader.stop(); // the queue stops with it
}

void SyncController::refresh()
{
    m_loader.refresh();
}

qint64 SyncController::optOut(const QString &userId, const OptOutOptions &options,
                              QueueOutcome *outcome)
{
    return m_actions.optOut(userId, options, outcome);
}

qint64 SyncController::optOut(const QStringList &userIds, const OptOutOptions &options,
                              QueueOutcome *outcome)
{
    return m_actions.optOut(userIds, options, outcome);
}

qint64 SyncController::deleteStoredData(const QStringList &userIds)
{
    return m_actions.deleteStoredData(userIds);
}

qint64 SyncController::optIn(const QStringList &userIds, QueueOutcome *outcome)
{
    return m_actions.optIn(userIds, outcome);
}

bool SyncController::canUndo(qint64 actionId) const
{
    return m_actions.canUndo(actionId);
}

QStringList SyncController::undoWouldSend(qint64 actionId) const
{
    return m_actions.undoWouldSend(actionId);
}

UndoOutcome SyncController::undo(qint64 actionId)
{
    return m_actions.undo(actionId);
}

void SyncController::cancelPending(const QStringList &userIds)
{
    m_actions.cancelPending(userIds);
}

bool SyncController::isSending(const QString &userId) const
{
    return m_actions.isSending(userId);
}

QUrl SyncController::serverUrl() const
{
    return m_api ? m_api->baseUrl() : QUrl();
}
