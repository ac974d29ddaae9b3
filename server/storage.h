// The service's data: SQLite through Qt Sql, with the in-memory indexes the API reads from.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QVector>

#include <optional>

struct User
{
    QString id;
    QString orgId;
    QString email;
    QString name;
    QStringList roles;

    bool hasRole(const QString &role) const { return roles.contains(role); }
};

struct Org
{
    QString id;
    QString name;
    QString productName;
    qint64 revision = 0; // of the opt-out list
    qint64 usersRevision = 0; // of the user list
    QVector<const User *> usersByEmail;
};

struct OptOut
{
    QString userId;
    QDateTime at;
    QString byUserId;
    qint64 seq = 0; // orders entries made in the same second
};

struct UsageEvent
{
    QString userId;
    QString name;
    QDateTime timestamp;
    QJsonObject properties;
};

struct OptOutChange
{
    qint64 revision = 0;
    int optedOut = 0;
    int optedIn = 0;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString action;
    QString actorId;
    QString actorEmail;
    QString userId;
    QString userEmail;
};

struct UsageCount
{
    QString userId;
    qint64 client = 0;
    qint64 server = 0;
    QDateTime lastEventAt;
};

struct NewUser
{
    QString email;
    QString name;
    QStringList roles;
    QByteArray token; // empty: none
    bool demoToken = false;
};

class Storage final : public QObject
{
    Q_OBJECT
public:
    static constexpr int SchemaVersion = 2;

    explicit Storage(QObject *parent = nullptr);
    ~Storage() override;

    // Opens (creating if needed) and migrates the database, then loads the indexes.
    bool open(const QString &path, QString *error);
    void close();

    // Demo tokens are accepted only while this is on.
    void setDemoMode(bool on) { m_demoMode = on; }
    bool isEmpty() const { return m_orgs.isEmpty(); }

    const User *userForToken(const QByteArray &token) const;
    const User *user(const QString &id) const { return m_users.value(id); }
    const Org *org(const QString &id) const { return m_orgs.value(id); }
    QList<const Org *> orgs() const;

    bool isOptedOut(const QString &userId) const { return m_optOuts.contains(userId); }
    std::optional<OptOut> optOut(const QString &userId) const;
    // The organisation's opt-outs, newest first.
    QVector<OptOut> optOuts(const QString &orgId) const;

    // Applies a set of changes atomically; one revision step when anything changed.
    // Opting out also deletes the user's stored usage events. Returns nullopt on a storage error.
    std::optional<OptOutChange> applyOptOuts(const QString &orgId, const QString &actorId,
                                             const QStringList &optOut, const QStringList &optIn);

    // Stores events of users who are in and returns how many were discarded; nullopt on error.
    std::optional<int> ingestClientEvents(const QString &orgId, const QVector<UsageEvent> &events);
    // Queues a server-side event; written in batches, dropped if the user is out by then.
    void recordServerEvent(const User &user, const QString &name);
    void flushServerEvents();
    qint64 discardedSinceStart(const QString &orgId) const { return m_discarded.value(orgId); }

    std::optional<QVector<AuditEntry>> audit(const QString &orgId, int limit, qint64 before);
    std::optional<QVector<UsageCount>> usageSummary(const QString &orgId);

    // Set-up, outside the API: organisations, users, tokens.
    std::optional<QString> createOrg(const QString &name, const QString &productName);
    // Adds many users in one transaction; returns their ids in order.
    std::optional<QStringList> addUsers(const QString &orgId, const QVector<NewUser> &users);
    bool addToken(const QString &userId, const QByteArray &token, bool demo);
    bool revokeToken(const QByteArray &token);
    // Picks up tokens issued or revoked by another process (optout-server --issue-token or
    // --revoke-token while this one runs). Cheap: only rows newer than the last look are read.
    bool refreshTokens();
    // How often the running server calls refreshTokens() (0: never).
    void setTokenRefreshInterval(int milliseconds);
    // Seeds opt-outs as if made at their times by `actorId` (demo data); ids already out or
    // repeated count once.
    bool seedOptOuts(const QString &orgId, const QString &actorId,
                     const QVector<QPair<QString, QDateTime>> &entries);

    static QByteArray hashToken(const QByteArray &token);

private:
    bool migrate(QString *error);
    bool load(QString *error);
    bool exec(const QString &sql);
    void sortOrgUsers(Org *org);
    bool writeServerEvents();
    // The one place opt-out rows are written: opt-outs each at its own time (demo seeds carry
    // past times), with audit rows, purged events and one revision step, in one transaction.
    std::optional<OptOutChange> applyChange(const QString &orgId, const QString &actorId,
                                            const QVector<QPair<QString, QDateTime>> &optOut,
                                            const QStringList &optIn);
    bool prepareTokenInsert(QSqlQuery &query);
    bool insertToken(QSqlQuery &query, const QByteArray &hash, const QString &userId, bool demo,
                     const QString &now);

    QString m_connection;
    QSqlDatabase m_db;
    bool m_demoMode = false;
    QHash<QString, Org *> m_orgs;
    QHash<QString, User *> m_users;
    struct TokenInfo
    {
        QString userId;
        bool demo = false;
    };
    QHash<QByteArray, TokenInfo> m_tokens; // by hash; revoked ones are not loaded
    QHash<QString, OptOut> m_optOuts; // by user id
    qint64 m_lastTokenRow = 0; // rowid of the newest token loaded
    QString m_lastRevocationSeen; // revoked_at of the newest revocation applied
    QTimer m_tokenTimer;
    qint64 m_nextSeq = 1;
    QHash<QString, qint64> m_discarded;
    struct PendingServerEvent
    {
        QString orgId;
        QString userId;
        QString name;
        QDateTime at;
    };
    QVector<PendingServerEvent> m_serverEvents;
    QTimer m_flushTimer;
};
