// One administrator's session: the core object graph, built, wired and cleared in one place.
#include "session.h"

Session::Session(QObject *parent)
    : QObject(parent)
    , m_api(&m_network)
    , m_sync(&m_api, &m_users, &m_optOuts)
    , m_usage(&m_api)
    , m_usageSummary(&m_api, &m_users)
    , m_history(&m_api)
    , m_exporter(&m_api)
    , m_enforcement(&m_api)
    , m_reports(&m_api)
    , m_rules(&m_api)
{
    // The app's own usage: recorded while the signed-in user is in, and stopped at the first
    // check that says they have been opted out; the sync's answers carry that check.
    connect(&m_sync, &SyncController::meLoaded, &m_usage, &UsageTracker::onMeLoaded);
    connect(&m_sync, &SyncController::usageTrackingChecked, &m_usage,
            &UsageTracker::onTrackingChecked);
    connect(&m_sync, &SyncController::liveChangesChanged, &m_usage, &UsageTracker::setLiveChanges);
}

Session::~Session()
{
    m_sync.stop();
}

void Session::setServer(const QUrl &server, const QByteArray &token)
{
    m_api.setBaseUrl(server);
    m_api.setToken(token);
}

void Session::start()
{
    m_sync.start();
}

void Session::signOut(int flushMs)
{
    m_usage.flushAndWait(flushMs);
    suspend();
    clearModels();
    emit cleared();
}

void Session::suspend()
{
    m_usage.signOut();
    m_sync.stop();
    m_api.setToken({});
    m_usageSummary.clear();
}

void Session::clearModels()
{
    m_users.setOptOutState({}, {});
    m_users.setUsers({});
    m_optOuts.setEntries({}, {});
    m_history.clear();
    m_enforcement.clear();
    m_rules.clear();
}
