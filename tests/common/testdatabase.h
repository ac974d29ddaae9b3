// The database a server test runs against: a fresh SQLite file by default, a fresh PostgreSQL
// database when OPTOUT_TEST_DB_URL holds a postgresql:// URL (scripts/test.sh starts one).
#pragma once

#include <QString>

class TestDatabase
{
public:
    TestDatabase() = default;
    ~TestDatabase(); // drop()
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // OPTOUT_TEST_DB_URL, or empty for SQLite.
    static QString serverUrl();
    static bool isPostgres() { return !serverUrl().isEmpty(); }
    // "sqlite" or "postgresql", as /healthz reports it.
    static QString backendName();

    // Makes a fresh, empty database for one test and returns what to pass to --db: a file in
    // `dir` (SQLite), or a URL naming a database created on the server of OPTOUT_TEST_DB_URL
    // (PostgreSQL). Empty with `error` set on failure.
    QString create(const QString &dir, QString *error);
    // Removes what create() made (PostgreSQL: drops the database); SQLite files go with `dir`.
    void drop();
    // The --db argument of the last create(), or empty.
    QString spec() const { return m_spec; }

private:
    QString m_spec;
    QString m_createdDatabase; // PostgreSQL: the database to drop
};
