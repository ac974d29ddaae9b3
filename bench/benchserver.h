// Starts optout-server with a large demo organisation for a benchmark.
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

class BenchServer
{
public:
    // --demo with `users` users of whom `optOuts` are out, on a fresh database; `extraArgs`
    // after the others (without --quiet among them, the server logs each request).
    bool start(int users, int optOuts, const QStringList &extraArgs = {QStringLiteral("--quiet")});
    // SIGTERM, so the server writes what it queued, then waits.
    void stop();
    QUrl baseUrl() const { return m_url; }
    // What --db names: a SQLite file in a directory of its own, unless setDatabase() gave
    // another (a postgresql:// URL).
    QString databasePath() const
    {
        return m_database.isEmpty() ? m_dir.filePath(QStringLiteral("bench.sqlite")) : m_database;
    }
    void setDatabase(const QString &database) { m_database = database; }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }
    qint64 processId() const { return m_process.processId(); }
    // What the server printed since the last call (its request log unless --quiet).
    QByteArray takeOutput() { return m_process.readAll(); }

private:
    QTemporaryDir m_dir;
    QString m_database;
    QProcess m_process;
    QUrl m_url;
};
