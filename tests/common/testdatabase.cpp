// The database a server test runs against: a fresh SQLite file, or a fresh PostgreSQL database.
#include "testdatabase.h"

#include "store.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace {

// Opens a connection for one statement and closes it again.
class Connection
{
public:
    Connection(const StoreSpec &spec)
        : m_name(QStringLiteral("testdb-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        if (spec.kind == StoreSpec::Kind::Sqlite) {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
            m_db.setDatabaseName(spec.path);
        } else {
            m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
            m_db.setHostName(spec.host);
            m_db.setPort(spec.port);
            m_db.setUserName(spec.user);
            m_db.setPassword(spec.password);
            m_db.setDatabaseName(spec.database);
            m_db.setConnectOptions(spec.options);
        }
        m_db.open();
    }
    ~Connection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QVariant exec(const QString &sql, bool *ok)
    {
        QVariant result;
        bool done = false;
        if (m_db.isOpen()) {
            QSqlQuery q(m_db);
            done = q.exec(sql);
            if (!done)
                qWarning().noquote() << "TestDatabase:" << sql << q.lastError().text();
            else if (q.isSelect() && q.next())
                result = q.value(0);
        } else {
            qWarning().noquote() << "TestDatabase: cannot connect:" << m_db.lastError().text();
        }
        if (ok)
            *ok = done;
        return result;
    }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace

TestDatabase::~TestDatabase()
{
    releaseLock();
    drop();
}

QString TestDatabase::serverUrl()
{
    if (qEnvironmentVariable("OPTOUT_TEST_BACKEND") != QLatin1String("postgresql"))
        return {};
    return qEnvironmentVariable("OPTOUT_TEST_DB_URL");
}

bool TestDatabase::isPostgres()
{
    return qEnvironmentVariable("OPTOUT_TEST_BACKEND") == QLatin1String("postgresql");
}

QString TestDatabase::backendName()
{
    return isPostgres() ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

QString TestDatabase::create(const QString &dir, QString *error)
{
    drop();
    if (!isPostgres()) {
        m_spec = QDir(dir).filePath(QStringLiteral("optout.sqlite"));
        return m_spec;
    }
    const QString url = serverUrl();
    const auto server = StoreSpec::parse(url, error);
    if (url.isEmpty() || !server || server->kind != StoreSpec::Kind::Postgres) {
        *error = QStringLiteral("OPTOUT_TEST_BACKEND=postgresql needs OPTOUT_TEST_DB_URL, a "
                                "postgresql:// URL.");
        return {};
    }
    const QString name
        = QStringLiteral("optout_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    bool ok = false;
    Connection(*server).exec(QStringLiteral("CREATE DATABASE %1").arg(name), &ok);
    if (!ok) {
        *error
            = QStringLiteral("cannot create the database %1 on %2").arg(name, server->redacted());
        return {};
    }
    m_createdDatabase = name;
    QUrl fresh(url);
    fresh.setPath(QLatin1Char('/') + name);
    m_spec = fresh.toString();
    return m_spec;
}

void TestDatabase::drop()
{
    releaseLock();
    if (!m_createdDatabase.isEmpty()) {
        QString error;
        if (const auto server = StoreSpec::parse(serverUrl(), &error)) {
            Connection(*server).exec(
                QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_createdDatabase),
                nullptr);
        }
        m_createdDatabase.clear();
    }
    m_spec.clear();
}

QVariant TestDatabase::execute(const QString &sql, bool *ok) const
{
    QString error;
    const auto spec = StoreSpec::parse(m_spec, &error);
    if (!spec) {
        if (ok)
            *ok = false;
        return {};
    }
    return Connection(*spec).exec(sql, ok);
}

bool TestDatabase::setSchemaVersion(int version) const
{
    bool ok = false;
    if (isPostgres())
        execute(QStringLiteral("UPDATE schema_version SET version = %1").arg(version), &ok);
    else
        execute(QStringLiteral("PRAGMA user_version = %1").arg(version), &ok);
    return ok;
}

bool TestDatabase::holdWriteLock()
{
    releaseLock();
    QString error;
    const auto spec = StoreSpec::parse(m_spec, &error);
    if (!spec)
        return false;
    m_lockConnection
        = QStringLiteral("testdb-lock-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QSqlDatabase db;
    QStringList statements;
    if (spec->kind == StoreSpec::Kind::Sqlite) {
        db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_lockConnection);
        db.setDatabaseName(spec->path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        statements << QStringLiteral("BEGIN EXCLUSIVE");
    } else {
        db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_lockConnection);
        db.setHostName(spec->host);
        db.setPort(spec->port);
        db.setUserName(spec->user);
        db.setPassword(spec->password);
        db.setDatabaseName(spec->database);
        db.setConnectOptions(spec->options);
        statements << QStringLiteral("BEGIN")
                   << QStringLiteral("LOCK TABLE optouts, usage_events IN EXCLUSIVE MODE");
    }
    if (!db.open())
        return false;
    QSqlQuery q(db);
    for (const QString &sql : std::as_const(statements)) {
        if (!q.exec(sql)) {
            qWarning().noquote() << "TestDatabase:" << sql << q.lastError().text();
            return false;
        }
    }
    return true;
}

void TestDatabase::releaseLock()
{
    if (m_lockConnection.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_lockConnection, false);
        if (db.isOpen())
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        db.close();
    }
    QSqlDatabase::removeDatabase(m_lockConnection);
    m_lockConnection.clear();
}

bool TestDatabase::makeUnreachable()
{
    bool ok = false;
    if (!isPostgres()) {
        execute(QStringLiteral("ALTER TABLE meta RENAME TO meta_unreachable"), &ok);
        return ok;
    }
    QString error;
    const auto server = StoreSpec::parse(serverUrl(), &error);
    if (!server)
        return false;
    Connection admin(*server);
    admin.exec(QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS false").arg(m_createdDatabase),
               &ok);
    if (!ok)
        return false;
    admin.exec(QStringLiteral("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                              "datname = '%1' AND pid <> pg_backend_pid()")
                   .arg(m_createdDatabase),
               &ok);
    return ok;
}

bool TestDatabase::makeReachable()
{
    bool ok = false;
    if (!isPostgres()) {
        execute(QStringLiteral("ALTER TABLE meta_unreachable RENAME TO meta"), &ok);
        return ok;
    }
    QString error;
    const auto server = StoreSpec::parse(serverUrl(), &error);
    if (!server)
        return false;
    Connection(*server).exec(
        QStringLiteral("ALTER DATABASE %1 ALLOW_CONNECTIONS true").arg(m_createdDatabase), &ok);
    return ok;
}
