// Starts the real optout-server executable on a free loopback port for a test.
#pragma once

#include "testdatabase.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

struct HttpResult
{
    int status = 0; // 0 when the request failed at the network level
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const;
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
};

class TestServer
{
public:
    TestServer();
    ~TestServer();

    // Starts the server with `--demo` and the given extra arguments on a fresh database (see
    // TestDatabase: SQLite in a new temporary folder, or PostgreSQL), waits until it listens.
    // Returns false (and logs why) on failure.
    bool start(const QStringList &extraArgs = {});
    // Starts another instance on `other`'s database (PostgreSQL: two instances serving one
    // database, as a cluster does), with `--demo` and these arguments; the database stays
    // `other`'s to drop.
    bool startBeside(const TestServer &other, const QStringList &extraArgs = {});
    // Stops and starts again on the same database file (data must survive) with these arguments.
    bool restart(const QStringList &args = {QStringLiteral("--demo")});
    // The same, on the same address, so that a client running meanwhile finds it again.
    bool restartOnSamePort(const QStringList &args = {QStringLiteral("--demo")});
    // Runs optout-server once on the same database with these arguments (e.g. --revoke-token)
    // while the server is stopped; returns its exit code.
    int runOnce(const QStringList &args);
    void stop();
    // Ends the server at once with SIGKILL (kill -9): nothing of it runs after.
    void killHard();

    QUrl baseUrl() const { return m_baseUrl; }
    // What --db gets: the SQLite file, or the PostgreSQL URL.
    QString databasePath() const
    {
        return m_besideSpec.isEmpty() ? m_database.spec() : m_besideSpec;
    }
    TestDatabase &database() { return m_database; }
    QByteArray output() const { return m_output; }
    // What the running server printed so far (its request log unless --quiet), and the same
    // from now on only.
    QByteArray log();
    void clearLog();

    // A blocking HTTP request for test code; `token` empty means no Authorization header.
    HttpResult request(const QByteArray &method, const QString &path, const QByteArray &token,
                       const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}) const;

private:
    bool launch(const QStringList &args, int port = 0);

    TestDatabase m_database; // dropped after the process stopped
    QString m_besideSpec; // startBeside(): the other server's database
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    QByteArray m_output;
};
