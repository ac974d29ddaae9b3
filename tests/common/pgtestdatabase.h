// A PostgreSQL database of its own for one test, on the server of OPTOUT_TEST_DB_URL, with a
// connection for checking what the service stored.
#pragma once

#include <QString>
#include <QUrl>
#include <QVariant>

class PgTestDatabase
{
public:
    PgTestDatabase();
    ~PgTestDatabase(); // drops the database
    PgTestDatabase(const PgTestDatabase &) = delete;
    PgTestDatabase &operator=(const PgTestDatabase &) = delete;

    // OPTOUT_TEST_DB_URL is set and the database was created.
    bool isValid() const { return !m_name.isEmpty(); }
    // The postgresql:// URL of this database (password included: for --db only).
    QString url() const { return m_url.toString(); }

    // Runs a statement on this database through a short-lived connection of its own.
    bool exec(const QString &sql) const;
    // The first column of the first row, or an invalid QVariant on failure.
    QVariant value(const QString &sql) const;
    qint64 count(const QString &sql) const { return value(sql).toLongLong(); }

    // Stops and starts the PostgreSQL server itself (scripts/pg-temp.sh halt|resume), when
    // scripts/test.sh said where it is (OPTOUT_TEST_PG_SCRIPT, OPTOUT_TEST_PG_DIR).
    static bool canStopServer();
    static bool stopServer();
    static bool startServer();

private:
    QUrl m_url;
    QString m_name;
};
