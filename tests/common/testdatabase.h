// The database a server test runs against: a fresh SQLite file by default, a fresh PostgreSQL
// database when OPTOUT_TEST_BACKEND=postgresql and OPTOUT_TEST_DB_URL holds a postgresql:// URL
// of a server where the URL's user may create databases (scripts/test.sh starts one).
#pragma once

#include <QString>
#include <QVariant>

class TestDatabase
{
public:
    TestDatabase() = default;
    ~TestDatabase(); // drop()
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // OPTOUT_TEST_DB_URL when OPTOUT_TEST_BACKEND is "postgresql", else empty (SQLite).
    static QString serverUrl();
    static bool isPostgres();
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

    // Runs one statement on the database of create() (not while a server holds a SQLite
    // file's lock it needs); returns the first column of the first row, if any. `ok` false on
    // failure.
    QVariant execute(const QString &sql, bool *ok = nullptr) const;
    // Sets the schema version the database claims (the back end's own bookkeeping).
    bool setSchemaVersion(int version) const;

    // Holds a lock that makes every write of the server wait (SQLite: BEGIN EXCLUSIVE on the
    // file; PostgreSQL: LOCK TABLE optouts, usage_events IN EXCLUSIVE MODE), reads still
    // allowed, until releaseLock().
    bool holdWriteLock();
    void releaseLock();

    // Makes the database stop answering the server (SQLite: its change table renamed away;
    // PostgreSQL: connections refused and the server's ones ended), and back.
    bool makeUnreachable();
    bool makeReachable();

private:
    QString m_spec;
    QString m_lockConnection; // the connection holding holdWriteLock()'s lock
    QString m_createdDatabase; // PostgreSQL: the database to drop
};
