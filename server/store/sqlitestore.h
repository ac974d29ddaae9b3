// The Store on an SQLite file through Qt Sql: the embedded default, one server process.
#pragma once

#include "store.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>

class SqliteStore final : public Store
{
public:
    static constexpr int SchemaVersion = 4;

    explicit SqliteStore(const StoreSpec &spec);
    ~SqliteStore() override;

    QString kindName() const override { return QStringLiteral("sqlite"); }
    bool open(QString *error) override;
    void close() override;
    StoreStatus ping() override;
    void maintain() override;
    StoreResult<StoreSnapshot> snapshot() override;
    StoreResult<StoreChanges> changesSince(qint64 changeSeq) override;
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

private:
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
    StoreResult<IngestOutcome> ingestInTransaction(const QVector<NewEvent> &events);

    StoreSpec m_spec;
    QString m_connection;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_optedOutAmong; // which of a JSON array of user ids are out
    std::unique_ptr<QSqlQuery> m_insertEventRows; // events from a JSON array of rows
};
