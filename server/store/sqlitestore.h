// The Store on an SQLite file through Qt Sql: the embedded default, one server process.
#pragma once

#include "store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;
struct PlannedAuditEntry;
struct CoverDelta;
struct CoverState;
class CoverPlan;

class SqliteStore final : public Store
{
public:
    static constexpr int SchemaVersion = 11;

    explicit SqliteStore(const StoreSpec &spec);
    ~SqliteStore() override;

    QString kindName() const override { return QStringLiteral("sqlite"); }
    bool open(QString *error) override;
    void close() override;
    StoreStatus ping() override;
    void maintain() override;
    StoreResult<StoreSnapshot> snapshot() override;
    using Store::changesSince;
    StoreResult<StoreChanges> changesSince(qint64 changeSeq,
                                           const QHash<QString, qint64> &knownLists) override;
    bool subscribe(std::function<void()> onChange) override;
    StoreResult<OptOutChangeOutcome> applyOptOuts(const OptOutChangeRequest &request) override;
    StoreResult<IngestOutcome> ingestEvents(const QVector<NewEvent> &events) override;
    QVector<StoreResult<IngestOutcome>>
    ingestEventBatches(const QVector<QVector<NewEvent>> &batches) override;
    using Store::audit;
    StoreResult<QVector<AuditRecord>> audit(const AuditQuery &query) override;
    StoreResult<QVector<PurgeRecord>> purgeDue(const QDateTime &now) override;
    StoreResult<QVector<UsageCountRecord>> usageSummary(const QString &orgId) override;
    StoreResult<QString> createOrg(const QString &name, const QString &productName) override;
    StoreResult<QStringList> addUsers(const QString &orgId, const QVector<NewUser> &users) override;
    StoreResult<bool> addToken(const StoredToken &token) override;
    StoreResult<bool> revokeToken(const QByteArray &hash) override;
    StoreResult<bool> recordTokenUse(const QByteArray &hash, const QDateTime &minute) override;
    StoreResult<QVector<TokenListing>> tokensOf(const QString &orgId) override;
    StoreResult<QStringList> setOidcConfig(const OidcConfig &config) override;
    StoreResult<bool> unsetOidcConfig(const QString &orgId) override;
    StoreResult<QVector<OidcConfig>> oidcConfigs() override;
    StoreResult<DirectoryUserOutcome>
    writeDirectoryUser(const DirectoryUserChange &change) override;
    StoreResult<GroupChangeOutcome> writeDirectoryGroup(const GroupChangeRequest &request) override;
    StoreResult<GroupPage> directoryGroups(const GroupQuery &query) override;
    StoreResult<RuleChangeOutcome> changeRule(const RuleChangeRequest &request) override;
    StoreResult<UserGroups> groupsOfUsers(const QString &orgId,
                                          const QStringList &userIds) override;
    // In sqliteenforcement.cpp.
    StoreResult<Enforcement::History> enforcementHistory(const QString &orgId, qint64 fromSlot,
                                                         qint64 toSlot) override;
    StoreResult<bool> setOrgTimeZone(const QString &orgId, const QString &timeZone) override;

private:
    // Adds a transaction's counts to the counters, inside its write transaction (in
    // sqliteenforcement.cpp); false with `q` holding the failed statement.
    bool writeEnforcement(const Enforcement::Tally &tally, QSqlQuery &q);
    template<typename T> StoreResult<T> failed(const QSqlQuery &query);
    // Applies cover deltas inside a write transaction (coverplan.h): reads the users' rows and
    // stored events, writes planCoverChange()'s plan, steps the revision when it changed
    // anything (or `stepRevision`). False with `q` holding the failed statement.
    bool applyCovers(QSqlQuery &q, const QString &orgId, const QVector<CoverDelta> &deltas,
                     CoverState state, const QString &requestId, qint64 changeSeq,
                     bool stepRevision, CoverPlan *plan, CoverChanges *changes);
    // The organisation's rules of this kind on these targets (group ids, domains).
    bool rulesOf(QSqlQuery &q, const QString &orgId, const QString &kind,
                 const QStringList &targets, QVector<StoredRule> *rules);
    // The rules of the organisation (all organisations' for an empty id), oldest first.
    bool readRules(QSqlQuery &q, const QString &orgId, QVector<StoredRule> *rules);
    // Writes audit entries in their order, all of one request; false with `q` holding the
    // failed statement.
    bool writeAudit(QSqlQuery &q, const QString &orgId, const QString &requestId,
                    const QVector<PlannedAuditEntry> &entries);
    class WriteTransaction;
    bool migrate(QString *error);
    bool exec(const QString &sql, QString *error = nullptr);
    // The status a failed statement maps to: Unavailable for a busy or locked database.
    StoreStatus statusOf(const QSqlQuery &query) const;
    template<typename T> StoreResult<T> fail(const QSqlQuery &query);
    template<typename T> StoreResult<T> fail(StoreStatus status, const QString &why);
    // Steps the change sequence inside a write transaction; returns the new value or -1.
    qint64 nextChangeSeq(QSqlQuery &query);
    StoreResult<QVector<StoredOptOut>> optOutsOf(const QString &orgId);
    // The check and the insert of ingestEvents(), inside a write transaction already open.
    // Counts what it stored and discarded into `tally`.
    StoreResult<IngestOutcome> ingestInTransaction(const QVector<NewEvent> &events,
                                                   Enforcement::Tally *tally);
    // SQLite's handle of the open connection (nullptr when closed); finalizes the statements
    // prepared on an earlier connection.
    sqlite3 *nativeHandle();
    void finalizeStatements();
    // Moves usage_recent into usage_events in one write transaction, waiting at most
    // `busyTimeoutMs` for the lock; false when it could not.
    bool moveRecentEvents(int busyTimeoutMs);
    // usage_recent into usage_events; the caller holds the write transaction.
    bool moveRecentInTransaction(QSqlQuery &q);
    // A failure of a statement run through the handle, mapped as statusOf() does.
    template<typename T> StoreResult<T> failNative(sqlite3 *handle);

    StoreSpec m_spec;
    QString m_connection;
    QSqlDatabase m_db;
    // The insert of one event unless its user is out, prepared once on Qt's connection
    // (m_insertEventHandle) through SQLite's own interface; finalized before the connection
    // closes.
    sqlite3_stmt *m_insertEvent = nullptr;
    sqlite3 *m_insertEventHandle = nullptr;
    int m_ingestsSinceCheck = 0; // ingestion transactions since usage_recent's size was checked
};
