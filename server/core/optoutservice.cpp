// The service's rules over a Store: caches of users, tokens and opt-outs kept fresh, and the
// operations the HTTP routes call, with the database work on worker threads.
#include "optoutservice.h"

#include "storeworker.h"
#include "tokenhash.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSet>

#include <algorithm>

Q_LOGGING_CATEGORY(lcService, "optout.service", QtInfoMsg)

OptOutService::OptOutService(const StoreSpec &spec, const Options &options, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_options(options)
    , m_worker(std::make_unique<StoreWorker>(spec, QStringLiteral("optout-store")))
    , m_monitor(std::make_unique<StoreWorker>(spec, QStringLiteral("optout-monitor")))
{
    if (spec.kind == StoreSpec::Kind::Postgres) {
        for (int i = 1; i <= 2; ++i)
            m_ingestWorkers.push_back(
                std::make_unique<StoreWorker>(spec, QStringLiteral("optout-ingest-%1").arg(i)));
    }
    m_ingestBusy.assign(std::max<std::size_t>(m_ingestWorkers.size(), 1), false);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(options.serverEventFlushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &OptOutService::flushServerEvents);
    m_refreshTimer.setInterval(options.refreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &OptOutService::refresh);
    m_pingTimer.setInterval(options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &OptOutService::ping);
    // A quarter of the window, from 0.5 s to a minute; with no window (0) nothing comes due
    // but what was overdue at start (or set by another instance): once a minute.
    const qint64 quarter
        = options.purgeAfterSeconds > 0 ? options.purgeAfterSeconds * 250 : 60 * 1000;
    m_purgeTimer.setInterval(options.purgeCheckMs > 0
                                 ? options.purgeCheckMs
                                 : int(std::clamp<qint64>(quarter, 500, 60 * 1000)));
    connect(&m_purgeTimer, &QTimer::timeout, this, &OptOutService::purgeDue);
}

OptOutService::~OptOutService()
{
    m_refreshTimer.stop();
    m_pingTimer.stop();
    m_purgeTimer.stop();
    flushServerEvents();
    // The ingestion workers finish their groups under way; then the request worker finishes
    // the queued writes (the flush above included).
    m_ingestWorkers.clear();
    m_worker.reset();
    m_monitor.reset();
}

bool OptOutService::start(QString *error)
{
    if (!m_worker->start(error) || !m_monitor->start(error))
        return false;
    for (const auto &worker : m_ingestWorkers) {
        if (!worker->start(error))
            return false;
    }
    const auto snapshot
        = m_monitor->runBlocking<StoreSnapshot>([](Store &store) { return store.snapshot(); });
    if (!snapshot.ok()) {
        *error = QStringLiteral("Cannot read the database.");
        return false;
    }
    applySnapshot(snapshot.value);
    // Notifications where the back end has them; the poll in any case.
    const auto subscribed = m_monitor->runBlocking<bool>([this](Store &store) {
        const bool on = store.subscribe([this] {
            QMetaObject::invokeMethod(this, &OptOutService::refresh, Qt::QueuedConnection);
        });
        return StoreResult<bool>::success(on);
    });
    m_subscribed = subscribed.ok() && subscribed.value;
    m_refreshTimer.start();
    m_pingTimer.start();
    m_purgeTimer.start();
    purgeDue(); // anything that came due while no server ran
    return true;
}

// ---- Cache reads -------------------------------------------------------------------------------

std::optional<StoredUser> OptOutService::userForToken(const QByteArray &token) const
{
    if (token.isEmpty())
        return std::nullopt;
    const auto it = m_tokens.constFind(hashToken(token));
    if (it == m_tokens.cend() || (it->demo && !m_options.demoMode))
        return std::nullopt;
    if (it->expiresAt.isValid() && it->expiresAt <= QDateTime::currentDateTimeUtc())
        return std::nullopt;
    const StoredUser *u = user(it->userId);
    if (!u || !u->active || u->deleted) // left the directory: its tokens are refused
        return std::nullopt;
    return *u;
}

bool OptOutService::isExpiredToken(const QByteArray &token) const
{
    if (token.isEmpty())
        return false;
    const auto it = m_tokens.constFind(hashToken(token));
    return it != m_tokens.cend() && it->expiresAt.isValid()
        && it->expiresAt <= QDateTime::currentDateTimeUtc();
}

void OptOutService::noteTokenUse(const QByteArray &token)
{
    const qint64 minute = QDateTime::currentSecsSinceEpoch() / 60;
    const QByteArray hash = hashToken(token);
    const auto it = m_tokenUseMinute.constFind(hash);
    if (it != m_tokenUseMinute.cend() && *it == minute)
        return;
    m_tokenUseMinute.insert(hash, minute);
    const QDateTime at = QDateTime::fromSecsSinceEpoch(minute * 60, Qt::UTC);
    m_worker->run<bool>([hash, at](Store &store) { return store.recordTokenUse(hash, at); }, this,
                        [](const StoreResult<bool> &result) {
                            // Only a record: a request is never refused for it; the log says it was
                            // missed.
                            if (!result.ok())
                                qCWarning(lcService) << "the last use of a token was not recorded:"
                                                     << result.message;
                        });
}

const StoredUser *OptOutService::user(const QString &id) const
{
    const auto it = m_users.find(id);
    return it == m_users.end() ? nullptr : &it->second;
}

const CachedOrg *OptOutService::org(const QString &id) const
{
    const auto it = m_orgs.find(id);
    return it == m_orgs.end() ? nullptr : &it->second;
}

bool OptOutService::isOptedOut(const QString &userId) const
{
    return optOut(userId).has_value();
}

std::optional<StoredOptOut> OptOutService::optOut(const QString &userId) const
{
    const StoredUser *u = user(userId);
    const CachedOrg *o = u ? org(u->orgId) : nullptr;
    if (!o)
        return std::nullopt;
    const auto it = o->optOuts.constFind(userId);
    if (it == o->optOuts.cend())
        return std::nullopt;
    return *it;
}

QVector<StoredOptOut> OptOutService::optOuts(const QString &orgId) const
{
    QVector<StoredOptOut> list;
    if (const CachedOrg *o = org(orgId)) {
        list.reserve(o->optOuts.size());
        for (const StoredOptOut &entry : o->optOuts)
            list.append(entry);
    }
    std::sort(list.begin(), list.end(), [](const StoredOptOut &a, const StoredOptOut &b) {
        return a.at != b.at ? a.at > b.at : a.seq > b.seq;
    });
    return list;
}

// ---- Operations
// ----------------------------------------------------------------------------------

void OptOutService::applyOptOuts(const OptOutChangeRequest &request, QObject *context,
                                 std::function<void(StoreResult<OptOutChangeOutcome>)> done)
{
    OptOutChangeRequest change = request;
    change.purgeAfterSeconds = m_options.purgeAfterSeconds;
    m_worker->run<OptOutChangeOutcome>(
        [change](Store &store) { return store.applyOptOuts(change); }, this,
        [this, request, context = QPointer<QObject>(context),
         done = std::move(done)](StoreResult<OptOutChangeOutcome> result) {
            noteWrite(result.status);
            if (result.ok()) {
                applyOutcome(request.orgId, result.value);
                if (result.value.kind == OptOutChangeOutcome::Kind::Applied) {
                    // Those opted back in leave the cache (entries name those out).
                    if (auto it = m_orgs.find(request.orgId); it != m_orgs.end()) {
                        for (const QString &id : request.optIn)
                            it->second.optOuts.remove(id);
                        for (const StoredOptOut &entry : std::as_const(result.value.entries))
                            it->second.optOuts.insert(entry.userId, entry);
                    }
                }
                Q_EMIT changed();
            }
            if (context)
                done(std::move(result));
        });
}

void OptOutService::applyOutcome(const QString &orgId, const OptOutChangeOutcome &outcome)
{
    auto it = m_orgs.find(orgId);
    if (it == m_orgs.end())
        return;
    StoredOrg &org = it->second.org;
    const bool changed = outcome.optedOut + outcome.optedIn + outcome.purged > 0;
    const qint64 expected = org.revision + (changed ? 1 : 0);
    if (outcome.revision != expected) {
        refresh(); // another instance changed the list too: take its changes now
    } else if (it->second.listRevision == org.revision
               && outcome.kind == OptOutChangeOutcome::Kind::Applied) {
        // The caller applies this change to the exact list at once: exact at the new revision.
        it->second.listRevision = outcome.revision;
    }
    org.revision = std::max(org.revision, outcome.revision);
}

void OptOutService::ingest(const QString &orgId, QVector<NewEvent> events, int gone,
                           QObject *context, std::function<void(StoreResult<IngestOutcome>)> done)
{
    // Events of users who left the directory (the caller took them out) are discarded, never
    // stored, and counted (in the answer and in the enforcement counters) by the transaction
    // of the batch.
    if (gone > 0) {
        NewEvent left;
        left.orgId = orgId;
        left.source = EventSource::Client;
        left.discard = true;
        events.insert(events.size(), gone, left);
    }
    m_ingestQueue.append(PendingIngest {orgId, std::move(events), context, std::move(done)});
    startIngest();
}

void OptOutService::startIngest()
{
    for (int slot = 0; slot < int(m_ingestBusy.size()) && !m_ingestQueue.isEmpty(); ++slot) {
        if (!m_ingestBusy[std::size_t(slot)])
            startIngestOn(slot);
    }
}

// Takes the next group of waiting requests to the ingestion worker `slot` (m_worker on SQLite).
void OptOutService::startIngestOn(int slot)
{
    // Up to about ten full requests per transaction: more only makes their answers wait.
    constexpr int MaxGroupEvents = 10000;
    QVector<PendingIngest> group;
    int events = 0;
    while (!m_ingestQueue.isEmpty()
           && (group.isEmpty() || events + m_ingestQueue.first().events.size() <= MaxGroupEvents)) {
        events += int(m_ingestQueue.first().events.size());
        group.append(m_ingestQueue.takeFirst());
    }
    QVector<QVector<NewEvent>> batches;
    batches.reserve(group.size());
    for (PendingIngest &p : group)
        batches.append(std::move(p.events));
    m_ingestBusy[std::size_t(slot)] = true;
    StoreWorker *worker
        = m_ingestWorkers.empty() ? m_worker.get() : m_ingestWorkers[std::size_t(slot)].get();
    auto shared = std::make_shared<QVector<PendingIngest>>(std::move(group));
    worker->run<QVector<StoreResult<IngestOutcome>>>(
        [batches = std::move(batches)](Store &store) {
            return StoreResult<QVector<StoreResult<IngestOutcome>>>::success(
                store.ingestEventBatches(batches));
        },
        this,
        [this, shared, slot](StoreResult<QVector<StoreResult<IngestOutcome>>> result) {
            m_ingestBusy[std::size_t(slot)] = false;
            for (int i = 0; i < shared->size(); ++i) {
                PendingIngest &p = (*shared)[i];
                StoreResult<IngestOutcome> one = result.ok() && i < result.value.size()
                    ? result.value.at(i)
                    : StoreResult<IngestOutcome>::failure(result.status, result.message);
                noteWrite(one.status);
                if (one.ok())
                    m_discarded[p.orgId] += one.value.discarded;
                if (p.context)
                    p.done(std::move(one));
            }
            startIngest();
        });
}

void OptOutService::audit(const AuditQuery &query, QObject *context,
                          std::function<void(StoreResult<QVector<AuditRecord>>)> done)
{
    m_worker->run<QVector<AuditRecord>>([query](Store &store) { return store.audit(query); },
                                        context, std::move(done));
}

void OptOutService::startSession(const StoredUser &user, const QByteArray &token, QObject *context,
                                 std::function<void(StoreResult<QDateTime>)> done)
{
    StoredToken stored {hashToken(token), user.id, false, false};
    stored.expiresAt = QDateTime::currentDateTimeUtc().addSecs(m_options.sessionTtlSeconds);
    stored.expiresAt = stored.expiresAt.addMSecs(-stored.expiresAt.time().msec());
    m_worker->run<bool>(
        [stored](Store &store) { return store.addToken(stored); }, this,
        [this, stored, guard = QPointer<QObject>(context),
         done = std::move(done)](StoreResult<bool> result) {
            if (result.ok())
                m_tokens.insert(stored.hash, {stored.userId, false, stored.expiresAt});
            else
                noteStatus(result.status);
            if (guard)
                done(StoreResult<QDateTime> {result.status, stored.expiresAt, result.message});
        });
}

void OptOutService::endSession(const QByteArray &token, QObject *context,
                               std::function<void(StoreResult<bool>)> done)
{
    const QByteArray hash = hashToken(token);
    m_worker->run<bool>([hash](Store &store) { return store.revokeToken(hash); }, this,
                        [this, hash, guard = QPointer<QObject>(context),
                         done = std::move(done)](StoreResult<bool> result) {
                            if (result.ok()) {
                                m_tokens.remove(hash);
                                m_endedSessions.insert(hash);
                            } else {
                                noteStatus(result.status);
                            }
                            if (guard)
                                done(std::move(result));
                        });
}

void OptOutService::oidcConfigs(QObject *context,
                                std::function<void(StoreResult<QVector<OidcConfig>>)> done)
{
    m_worker->run<QVector<OidcConfig>>([](Store &store) { return store.oidcConfigs(); }, context,
                                       std::move(done));
}

void OptOutService::purgeDue()
{
    if (m_purging || !m_worker)
        return;
    m_purging = true;
    // On the request worker: a long deletion delays requests a little, never the health pings.
    m_worker->run<QVector<PurgeRecord>>(
        [](Store &store) { return store.purgeDue(QDateTime::currentDateTimeUtc()); }, this,
        [this](StoreResult<QVector<PurgeRecord>> result) {
            m_purging = false;
            if (!result.ok()) {
                noteStatus(result.status);
                return;
            }
            if (result.value.isEmpty())
                return;
            qint64 total = 0;
            for (const PurgeRecord &p : std::as_const(result.value))
                total += p.count;
            qCInfo(lcService) << "deleted" << total << "stored usage events of"
                              << result.value.size() << "opted-out users";
            refresh(); // the entries' purgeAt and the revisions changed
            Q_EMIT purged(result.value);
        });
}

void OptOutService::usageSummary(const QString &orgId, QObject *context,
                                 std::function<void(StoreResult<QVector<UsageCountRecord>>)> done)
{
    flushServerEvents();
    m_worker->run<QVector<UsageCountRecord>>(
        [orgId](Store &store) { return store.usageSummary(orgId); }, context, std::move(done));
}

void OptOutService::enforcementHistory(const QString &orgId, qint64 fromSlot, qint64 toSlot,
                                       QObject *context,
                                       std::function<void(StoreResult<Enforcement::History>)> done)
{
    flushServerEvents();
    m_worker->run<Enforcement::History>(
        [orgId, fromSlot, toSlot](Store &store) {
            return store.enforcementHistory(orgId, fromSlot, toSlot);
        },
        context, std::move(done));
}

void OptOutService::recordServerEvent(const StoredUser &user, const QString &name)
{
    // An opted-out user's event is queued too: the transaction that writes the batch drops it
    // (the database decides, as for client-side events) and counts it as skipped.
    m_serverEvents.append(NewEvent {
        user.orgId, user.id, EventSource::Server, name, QDateTime::currentDateTimeUtc(), {}});
    if (m_serverEvents.size() >= m_options.serverEventBatch)
        flushServerEvents();
    else if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void OptOutService::flushServerEvents()
{
    m_flushTimer.stop();
    if (m_serverEvents.isEmpty() || !m_worker)
        return;
    QVector<NewEvent> events;
    events.swap(m_serverEvents);
    const int count = int(events.size());
    m_worker->run<IngestOutcome>(
        [events = std::move(events)](Store &store) { return store.ingestEvents(events); }, this,
        [this, count](StoreResult<IngestOutcome> result) {
            noteWrite(result.status);
            if (!result.ok())
                qCWarning(lcService) << "dropped" << count << "server-side usage events";
        });
}

// ---- Keeping the caches fresh
// ---------------------------------------------------------------------

void OptOutService::refresh()
{
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    const qint64 since = m_changeSeq;
    QHash<QString, qint64> knownLists;
    for (const auto &[id, org] : m_orgs) {
        if (org.listRevision >= 0)
            knownLists.insert(id, org.listRevision);
    }
    m_monitor->run<StoreChanges>(
        [since, knownLists](Store &store) { return store.changesSince(since, knownLists); }, this,
        [this](StoreResult<StoreChanges> result) {
            m_refreshing = false;
            if (!result.ok()) {
                noteStatus(result.status);
            } else if (result.value.needsReload) {
                reload();
            } else {
                applyChanges(result.value);
            }
            if (m_refreshAgain) {
                m_refreshAgain = false;
                refresh();
            }
        });
}

void OptOutService::reload()
{
    m_monitor->run<StoreSnapshot>(
        [this](Store &store) {
            auto snapshot = store.snapshot();
            if (snapshot.ok() && m_subscribed) {
                // After a reconnect the old subscription is gone.
                store.subscribe([this] {
                    QMetaObject::invokeMethod(this, &OptOutService::refresh, Qt::QueuedConnection);
                });
            }
            return snapshot;
        },
        this,
        [this](StoreResult<StoreSnapshot> result) {
            if (!result.ok()) {
                noteStatus(result.status);
                return;
            }
            applySnapshot(result.value);
            setAvailable(true);
            Q_EMIT refreshed();
        });
}

void OptOutService::ping()
{
    if (m_pinging) {
        // The last one has not answered: a database that takes this long is not there.
        if (m_pingTimer.interval() > 0 && m_pingClock.elapsed() > 3 * m_pingTimer.interval())
            setAvailable(false);
        return;
    }
    m_pinging = true;
    m_pingClock.start();
    m_monitor->run<bool>(
        [](Store &store) {
            const StoreStatus status = store.ping();
            if (status == StoreStatus::Ok)
                store.maintain();
            return StoreResult<bool> {status, status == StoreStatus::Ok, {}};
        },
        this,
        [this](StoreResult<bool> result) {
            m_pinging = false;
            if (!result.ok()) {
                noteStatus(result.status);
            } else if (!m_available) {
                qCInfo(lcService) << "storage reachable again: reloading";
                reload(); // available again once the caches are whole
            }
        });
}

void OptOutService::noteStatus(StoreStatus status)
{
    if (status == StoreStatus::Unavailable)
        setAvailable(false);
}

void OptOutService::noteWrite(StoreStatus status)
{
    if (status == StoreStatus::WriteRefused && m_writable) {
        m_writable = false;
        qCWarning(lcService) << "storage refuses writes (disk full or read-only): answering 503 "
                                "to writes until one succeeds";
    } else if (status == StoreStatus::Ok && !m_writable) {
        m_writable = true;
        qCInfo(lcService) << "storage takes writes again";
    }
}

void OptOutService::setAvailable(bool available)
{
    if (m_available == available)
        return;
    m_available = available;
    if (available)
        qCInfo(lcService) << "storage available";
    else
        qCWarning(lcService) << "storage unavailable: answering 503 until it is back";
    Q_EMIT availabilityChanged(available);
}

void OptOutService::applySnapshot(const StoreSnapshot &snapshot)
{
    m_orgs.clear();
    m_users.clear();
    m_tokens.clear();
    for (const StoredOrg &o : snapshot.orgs) {
        m_orgs[o.id].org = o;
        m_orgs[o.id].listRevision = o.revision; // the snapshot's lists, read with it
    }
    m_users.reserve(size_t(snapshot.users.size()));
    for (const StoredUser &u : snapshot.users) {
        const auto [it, inserted] = m_users.emplace(u.id, u);
        auto org = m_orgs.find(u.orgId);
        if (!inserted || org == m_orgs.end())
            continue;
        if (isListed(it->second))
            org->second.usersByEmail.append(&it->second);
        if (isInDirectory(it->second))
            org->second.directoryByEmail.append(&it->second);
        indexUser(&org->second, &it->second);
    }
    for (auto &entry : m_orgs)
        sortUsers(&entry.second);
    for (const StoredToken &t : snapshot.tokens) {
        if (!m_endedSessions.contains(t.hash))
            m_tokens.insert(t.hash, {t.userId, t.demo, t.expiresAt});
    }
    for (const StoredRule &rule : snapshot.rules) {
        auto org = m_orgs.find(rule.orgId);
        if (org != m_orgs.end())
            org->second.rules.append(rule);
    }
    for (const StoredOptOut &o : snapshot.optOuts) {
        auto org = m_orgs.find(o.orgId);
        if (org != m_orgs.end())
            org->second.optOuts.insert(o.userId, o);
    }
    m_changeSeq = snapshot.changeSeq;
}

namespace {

bool sameUser(const StoredUser &a, const StoredUser &b)
{
    return a.id == b.id && a.orgId == b.orgId && a.email == b.email && a.name == b.name
        && a.roles == b.roles && a.active == b.active && a.deleted == b.deleted
        && a.externalId == b.externalId;
}

bool byEmail(const StoredUser *a, const StoredUser *b)
{
    return a->email < b->email || (a->email == b->email && a->id < b->id);
}

} // namespace

void OptOutService::replaceOptOuts(const QString &orgId, const QVector<StoredOptOut> &list)
{
    auto org = m_orgs.find(orgId);
    if (org == m_orgs.end())
        return;
    org->second.optOuts.clear();
    for (const StoredOptOut &o : list)
        org->second.optOuts.insert(o.userId, o);
}

void OptOutService::applyOptOutChanges(CachedOrg *org, const StoreChanges &changes)
{
    const QString &id = org->org.id;
    for (const QString &userId : changes.optOutRemovalsByOrg.value(id))
        org->optOuts.remove(userId);
    const QVector<StoredOptOut> rows = changes.optOutChangesByOrg.value(id);
    org->optOuts.reserve(org->optOuts.size() + rows.size());
    for (const StoredOptOut &row : rows)
        org->optOuts.insert(row.userId, row);
}

void OptOutService::applyChanges(const StoreChanges &changes)
{
    if (changes.changeSeq == m_changeSeq)
        return;
    for (const StoredOrg &o : changes.orgs) {
        auto it = m_orgs.find(o.id);
        if (it == m_orgs.end()) {
            it = m_orgs.emplace(o.id, CachedOrg {o, {}, {}, {}, {}, {}, -1, {}}).first;
            replaceOptOuts(o.id, changes.optOutsByOrg.value(o.id));
            it->second.rules = changes.rulesByOrg.value(o.id);
            if (changes.optOutsByOrg.contains(o.id))
                it->second.listRevision = o.revision;
            continue;
        }
        StoredOrg &cached = it->second.org;
        cached.name = o.name;
        cached.productName = o.productName;
        cached.timeZone = o.timeZone;
        cached.usersRevision = std::max(cached.usersRevision, o.usersRevision);
        const bool whole = changes.optOutsByOrg.contains(o.id);
        const bool changed = changes.optOutChangesByOrg.contains(o.id);
        if (!whole && !changed)
            continue;
        // Never back to an older list than this instance's own last change.
        if (o.revision >= cached.revision) {
            cached.revision = o.revision;
            if (it->second.listRevision != o.revision) { // else it holds this very list
                if (whole)
                    replaceOptOuts(o.id, changes.optOutsByOrg.value(o.id));
                else
                    applyOptOutChanges(&it->second, changes);
                it->second.rules = changes.rulesByOrg.value(o.id);
            }
            it->second.listRevision = o.revision;
        } else {
            // Read before this instance's own later change: left out, so the list is no longer
            // known to be exact at the change sequence this refresh moves to. The next refresh
            // (this instance's change asks for one) reads the whole list.
            it->second.listRevision = -1;
        }
    }
    // This instance's own directory writes come back here as they are already cached: skipped.
    QHash<QString, QVector<StoredUser>> touched;
    for (const StoredUser &u : changes.users) {
        // Read before this instance's own later write of the user: an older version.
        if (m_ownUserWrites.value(u.id) > changes.changeSeq)
            continue;
        const auto cached = m_users.find(u.id);
        if (cached == m_users.end() || !sameUser(cached->second, u))
            touched[u.orgId].append(u);
    }
    for (auto t = touched.cbegin(); t != touched.cend(); ++t) {
        auto org = m_orgs.find(t.key());
        if (org == m_orgs.end()) {
            for (const StoredUser &u : *t)
                m_users[u.id] = u;
            continue;
        }
        // A few changes find their places; many are merged in one pass.
        if (t->size() <= 64) {
            for (const StoredUser &u : *t)
                setUser(&org->second, u);
        } else {
            setUsers(&org->second, *t);
        }
    }
    for (auto it = m_ownUserWrites.begin(); it != m_ownUserWrites.end();) {
        if (it.value() <= changes.changeSeq)
            it = m_ownUserWrites.erase(it);
        else
            ++it;
    }
    for (const StoredToken &t : changes.tokens) {
        if (t.revoked) {
            m_tokenUseMinute.remove(t.hash);
            if (m_tokens.remove(t.hash))
                qCInfo(lcService) << "a token was revoked";
        } else if (!m_endedSessions.contains(t.hash)) {
            m_tokens.insert(t.hash, {t.userId, t.demo, t.expiresAt});
        }
    }
    m_changeSeq = changes.changeSeq;
    Q_EMIT refreshed();
}

bool OptOutService::isListed(const StoredUser &u)
{
    return u.active && !u.deleted;
}

bool OptOutService::isInDirectory(const StoredUser &u)
{
    // Service accounts are the service's own, not the identity provider's.
    return !u.deleted && !u.roles.contains(QLatin1String("tracking_service"))
        && !u.roles.contains(QLatin1String("directory_sync"));
}

void OptOutService::sortUsers(CachedOrg *org)
{
    std::sort(org->usersByEmail.begin(), org->usersByEmail.end(), byEmail);
    std::sort(org->directoryByEmail.begin(), org->directoryByEmail.end(), byEmail);
}

void OptOutService::indexUser(CachedOrg *org, const StoredUser *user)
{
    if (!isInDirectory(*user))
        return;
    org->directoryByUserName.insert(userNameKey(user->email), user);
    if (!user->externalId.isEmpty())
        org->directoryByExternalId.insert(user->externalId, user);
}

void OptOutService::unindexUser(CachedOrg *org, const StoredUser *user)
{
    org->directoryByUserName.remove(userNameKey(user->email), user);
    if (!user->externalId.isEmpty())
        org->directoryByExternalId.remove(user->externalId, user);
}

void OptOutService::unplaceUser(CachedOrg *org, const StoredUser *user)
{
    const auto take = [user](QVector<const StoredUser *> *list) {
        const auto at = std::lower_bound(list->begin(), list->end(), user, byEmail);
        if (at != list->end() && *at == user)
            list->erase(at);
    };
    take(&org->usersByEmail);
    take(&org->directoryByEmail);
    unindexUser(org, user);
}

void OptOutService::placeUser(CachedOrg *org, const StoredUser *user)
{
    const auto put = [user](QVector<const StoredUser *> *list, bool belongs) {
        if (belongs)
            list->insert(std::lower_bound(list->begin(), list->end(), user, byEmail), user);
    };
    put(&org->usersByEmail, isListed(*user));
    put(&org->directoryByEmail, isInDirectory(*user));
    indexUser(org, user);
}

void OptOutService::setUser(CachedOrg *org, const StoredUser &u)
{
    auto it = m_users.find(u.id);
    if (it == m_users.end()) {
        it = m_users.emplace(u.id, u).first;
    } else {
        unplaceUser(org, &it->second); // by its old fields
        it->second = u; // same id, same organisation: only its fields change
    }
    placeUser(org, &it->second);
}

void OptOutService::setUsers(CachedOrg *org, const QVector<StoredUser> &users)
{
    QSet<const StoredUser *> changed;
    changed.reserve(users.size());
    for (const StoredUser &u : users) {
        auto it = m_users.find(u.id);
        if (it == m_users.end()) {
            it = m_users.emplace(u.id, u).first;
        } else {
            unindexUser(org, &it->second);
            it->second = u;
        }
        changed.insert(&it->second);
    }
    const auto merge = [&changed](QVector<const StoredUser *> *list,
                                  bool (*belongs)(const StoredUser &)) {
        list->erase(std::remove_if(list->begin(), list->end(),
                                   [&changed](const StoredUser *u) { return changed.contains(u); }),
                    list->end());
        const auto middle = list->size();
        for (const StoredUser *u : std::as_const(changed)) {
            if (belongs(*u))
                list->append(u);
        }
        std::sort(list->begin() + middle, list->end(), byEmail);
        std::inplace_merge(list->begin(), list->begin() + middle, list->end(), byEmail);
    };
    merge(&org->usersByEmail, &OptOutService::isListed);
    merge(&org->directoryByEmail, &OptOutService::isInDirectory);
    for (const StoredUser *u : std::as_const(changed))
        indexUser(org, u);
}

void OptOutService::writeDirectoryUser(const DirectoryUserChange &change, QObject *context,
                                       std::function<void(StoreResult<DirectoryUserOutcome>)> done)
{
    DirectoryUserChange write = change;
    write.purgeAfterSeconds = m_options.purgeAfterSeconds;
    m_worker->run<DirectoryUserOutcome>(
        [write](Store &store) { return store.writeDirectoryUser(write); }, this,
        [this, context = QPointer<QObject>(context),
         done = std::move(done)](StoreResult<DirectoryUserOutcome> result) {
            noteWrite(result.status);
            if (result.ok() && result.value.kind == DirectoryUserOutcome::Kind::Applied) {
                const StoredUser &u = result.value.user;
                auto org = m_orgs.find(u.orgId);
                if (org != m_orgs.end()) {
                    m_ownUserWrites[u.id]
                        = std::max(m_ownUserWrites.value(u.id), result.value.changeSeq);
                    setUser(&org->second, u);
                    org->second.org.usersRevision
                        = std::max(org->second.org.usersRevision, result.value.usersRevision);
                }
                Q_EMIT refreshed(); // the opt-out list names this user: serialise it again
                refresh(); // a domain rule may cover the user now, or no more
            }
            if (context)
                done(std::move(result));
        });
}

template<typename T>
void OptOutService::writeThenRefresh(
    const QString &orgId, std::function<StoreResult<T>(Store &)> write,
    std::function<void(QVector<StoredRule> &, const T &)> editRules, QObject *context,
    std::function<void(StoreResult<T>)> done)
{
    struct Outcome
    {
        StoreResult<T> write;
        StoreResult<StoreChanges> changes;
    };
    const qint64 since = m_changeSeq;
    // The lists this instance holds exactly are not read again unless their revision moved.
    QHash<QString, qint64> knownLists;
    for (const auto &[id, org] : m_orgs) {
        if (org.listRevision >= 0)
            knownLists.insert(id, org.listRevision);
    }
    m_worker->run<std::shared_ptr<Outcome>>(
        [since, knownLists, orgId, write = std::move(write)](Store &store) {
            auto outcome = std::make_shared<Outcome>();
            outcome->write = write(store);
            // The change's own rows bring a list held at the revision it met to the next one;
            // any other case reads what changed.
            const CoverChanges &covers = outcome->write.value.covers;
            const bool incremental
                = covers.revisionBefore < 0 || knownLists.value(orgId, -2) == covers.revisionBefore;
            if (outcome->write.ok() && !incremental)
                outcome->changes = store.changesSince(since, knownLists);
            return StoreResult<std::shared_ptr<Outcome>>::success(outcome);
        },
        this,
        [this, orgId, editRules = std::move(editRules), context = QPointer<QObject>(context),
         done = std::move(done)](StoreResult<std::shared_ptr<Outcome>> result) {
            Outcome &o = *result.value;
            noteWrite(o.write.status);
            if (o.write.ok()) {
                const CoverChanges &covers = o.write.value.covers;
                auto it = m_orgs.find(orgId);
                if (o.changes.ok() && !o.changes.value.needsReload
                    && o.changes.value.changeSeq > m_changeSeq) {
                    applyChanges(o.changes.value);
                    Q_EMIT changed();
                } else if (covers.revisionBefore >= 0 && it != m_orgs.end()
                           && it->second.org.revision == covers.revisionBefore
                           && it->second.listRevision == covers.revisionBefore) {
                    CachedOrg &org = it->second;
                    org.optOuts.reserve(org.optOuts.size() + covers.rows.size());
                    for (const StoredOptOut &row : covers.rows)
                        org.optOuts.insert(row.userId, row);
                    for (const QString &id : covers.deletedUserIds)
                        org.optOuts.remove(id);
                    editRules(org.rules, o.write.value);
                    org.org.revision = covers.revisionAfter;
                    org.listRevision = covers.revisionAfter;
                    Q_EMIT changed();
                } else if (covers.revisionBefore >= 0) {
                    refresh(); // another change came in between: take the store's lists
                }
            }
            if (context)
                done(std::move(o.write));
        });
}

void OptOutService::writeDirectoryGroup(const GroupChangeRequest &request, QObject *context,
                                        std::function<void(StoreResult<GroupChangeOutcome>)> done)
{
    GroupChangeRequest change = request;
    change.purgeAfterSeconds = m_options.purgeAfterSeconds;
    writeThenRefresh<GroupChangeOutcome>(
        request.orgId, [change](Store &store) { return store.writeDirectoryGroup(change); },
        [change](QVector<StoredRule> &rules, const GroupChangeOutcome &o) {
            for (int i = int(rules.size()) - 1; i >= 0; --i) {
                if (rules.at(i).kind != StoredRule::Kind::Group
                    || rules.at(i).groupId != change.groupId)
                    continue;
                if (change.kind == GroupChangeRequest::Kind::Delete)
                    rules.remove(i); // the group's rule went with it
                else
                    rules[i].groupName = o.group.displayName;
            }
        },
        this,
        [this, orgId = request.orgId, context = QPointer<QObject>(context),
         done = std::move(done)](StoreResult<GroupChangeOutcome> result) {
            if (result.ok() && result.value.kind == GroupChangeOutcome::Kind::Applied
                && result.value.usersRevision > 0) {
                auto org = m_orgs.find(orgId);
                if (org != m_orgs.end()
                    && result.value.usersRevision > org->second.org.usersRevision) {
                    org->second.org.usersRevision = result.value.usersRevision;
                    Q_EMIT changed(); // the change stream announces it
                }
            }
            if (context)
                done(std::move(result));
        });
}

void OptOutService::changeRule(const RuleChangeRequest &request, QObject *context,
                               std::function<void(StoreResult<RuleChangeOutcome>)> done)
{
    RuleChangeRequest change = request;
    change.purgeAfterSeconds = m_options.purgeAfterSeconds;
    if (change.kind == RuleChangeRequest::Kind::Preview) {
        m_worker->run<RuleChangeOutcome>(
            [change](Store &store) { return store.changeRule(change); }, context, std::move(done));
        return;
    }
    writeThenRefresh<RuleChangeOutcome>(
        request.orgId, [change](Store &store) { return store.changeRule(change); },
        [](QVector<StoredRule> &rules, const RuleChangeOutcome &o) {
            if (o.kind != RuleChangeOutcome::Kind::Applied)
                return;
            bool found = false;
            for (int i = int(rules.size()) - 1; i >= 0; --i) {
                if (rules.at(i).id == o.rule.id) {
                    rules.remove(i); // deleted
                    found = true;
                }
            }
            if (!found)
                rules.append(o.rule); // created
        },
        context, std::move(done));
}

QVector<StoredRule> OptOutService::rules(const QString &orgId) const
{
    const auto org = m_orgs.find(orgId);
    if (org == m_orgs.end())
        return {};
    QVector<StoredRule> list = org->second.rules;
    QHash<QString, qint64> counts;
    for (const StoredOptOut &o : org->second.optOuts) {
        for (const QString &rule : o.ruleIds)
            ++counts[rule];
    }
    for (StoredRule &rule : list)
        rule.userCount = counts.value(rule.id);
    return list;
}

void OptOutService::directoryGroups(const GroupQuery &query, QObject *context,
                                    std::function<void(StoreResult<GroupPage>)> done)
{
    m_worker->run<GroupPage>([query](Store &store) { return store.directoryGroups(query); },
                             context, std::move(done));
}

void OptOutService::groupsOfUsers(const QString &orgId, const QStringList &userIds,
                                  QObject *context,
                                  std::function<void(StoreResult<UserGroups>)> done)
{
    m_worker->run<UserGroups>(
        [orgId, userIds](Store &store) { return store.groupsOfUsers(orgId, userIds); }, context,
        std::move(done));
}

QSet<QString> OptOutService::groupsWithRules(const QString &orgId) const
{
    QSet<QString> ids;
    const auto org = m_orgs.find(orgId);
    if (org == m_orgs.end())
        return ids;
    for (const StoredRule &rule : org->second.rules) {
        if (rule.kind == StoredRule::Kind::Group)
            ids.insert(rule.groupId);
    }
    return ids;
}
