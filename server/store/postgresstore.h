// The Store on PostgreSQL (Qt Sql's QPSQL driver): any number of optout-server processes on one
// database, every decision that must not race another instance taken inside the database.
#pragma once

#include "store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlDatabase>

#include <memory>

class PgSession;
struct PlannedAuditEntry;
struct CoverDelta;
struct CoverState;
class CoverPlan;

class PostgresStore final : public Store
{
public:
    // Schema versions of the PostgreSQL database (its own numbering, apart from SQLite's).
    static constexpr int SchemaVersion = 11;
    // The channel every changing transaction notifies (payload: its change sequence).
    static constexpr const char *NotifyChannel = "optout_changes";

    explicit PostgresStore(const StoreSpec &spec);
    ~PostgresStore() override;
    PostgresStore(const PostgresStore &) = delete;
    PostgresStore &operator=(const PostgresStore &) = delete;

    QString kindName() const override { return QStringLiteral("postgresql"); }
    bool open(QString *error) override;
    void close() override;
    StoreStatus ping() override;
    StoreResult<StoreSnapshot> snapshot() override;
    using Store::changesSince;
    StoreResult<StoreChanges> changesSince(qint64 changeSeq,
                                           const QHash<QString, qint64> &knownLists) override;
    bool subscribe(std::function<void()> onChange) override;
    StoreResult<OptOutChangeOutcome> applyOptOuts(const OptOutChangeRequest &request) override;
    StoreResult<IngestOutcome> ingestEvents(const QVector<NewEvent> &events) override;
    // All the batches in one transaction (one commit): one failure fails them all.
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

    StoreResult<Enforcement::History> enforcementHistory(const QString &orgId, qint64 fromSlot,
                                                         qint64 toSlot) override;
    StoreResult<bool> setOrgTimeZone(const QString &orgId, const QString &timeZone) override;

    // The server process id of this connection (tests kill it with pg_terminate_backend).
    qint64 backendPid();

    // The statements that take the schema from toVersion - 1 to toVersion (for the tests).
    static QStringList migrationStep(int toVersion);

    // A PostgreSQL array literal ({"a","b",NULL}) of these strings. With Nulls::Null a null
    // QString is NULL, else an empty string. Public for the unit tests.
    enum class Nulls { Empty, Null };
    static QString arrayLiteral(const QStringList &values, Nulls nulls = Nulls::Empty);

private:
    bool connectDatabase(QString *error);
    bool migrate(QString *error);
    // Reconnects a lost connection (at most once per interval); LISTENs again if subscribed.
    bool ensureConnected();
    bool reconnectNow();
    bool listen();
    template<typename T, typename Body> StoreResult<T> transact(const char *mode, Body body);
    // Applies cover deltas inside a transaction that holds the organisation's row FOR UPDATE
    // (coverplan.h): reads the users' rows (FOR UPDATE) and stored events, writes
    // planCoverChange()'s plan, steps the revision when it changed anything (or `stepRevision`).
    CoverPlan applyCovers(PgSession &s, const QString &orgId, const QVector<CoverDelta> &deltas,
                          CoverState state, const QString &requestId, qint64 changeSeq,
                          bool stepRevision, CoverChanges *changes);
    // Inserts a cover plan's new rows and sets their sequence numbers (throws DbError).
    void insertCoverRows(PgSession &s, const QString &orgId, QVector<StoredOptOut> *rows);
    // changesSince()'s answer for organisations whose list the caller holds: what changed.
    void readOptOutChanges(PgSession &s, qint64 changeSeq, const QStringList &orgIds,
                           StoreChanges *c);
    // The organisation's rules of this kind on these targets (group ids, domains).
    QVector<StoredRule> rulesOf(PgSession &s, const QString &orgId, const QString &kind,
                                const QStringList &targets);
    // The rules of these organisations (every organisation's for none), oldest first.
    QVector<StoredRule> readRules(PgSession &s, const QStringList &orgIds);
    // Writes audit entries in their order, all of one request (throws DbError).
    void writeAudit(PgSession &s, const QString &orgId, const QString &requestId,
                    const QVector<PlannedAuditEntry> &entries);
    // The statement that writes them (for a string of statements).
    QString auditStatement(PgSession &s, const QString &orgId, const QString &requestId,
                           const QVector<PlannedAuditEntry> &entries);
    // Adds a transaction's counts to the enforcement counters, inside it (throws DbError).
    void writeEnforcement(PgSession &s, const Enforcement::Tally &tally);
    QString enforcementStatements(PgSession &s, const Enforcement::Tally &tally);

    StoreSpec m_spec;
    // The enforcement counters' shard this connection adds to (enforcementcounts.h).
    int m_shard = 0;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<PgSession> m_session; // prepared statements of the hot paths
    std::unique_ptr<QObject> m_notificationContext; // lives while the subscription does
    std::function<void()> m_onChange;
    bool m_opened = false; // open() succeeded: a lost connection may be made again
    QElapsedTimer m_reconnectClock;
};
