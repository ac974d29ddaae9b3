// Starts optout-server with a large demo organisation for a benchmark.
#pragma once

#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>

class BenchServer
{
public:
    // --demo with `users` users of whom `optOuts` are out, on a fresh database.
    bool start(int users, int optOuts, const QStringList &extraArgs = {});
    // SIGTERM, so the server writes what it queued, then waits.
    void stop();
    QUrl baseUrl() const { return m_url; }
    QString databasePath() const { return m_dir.filePath(QStringLiteral("bench.sqlite")); }
    QString tempPath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
};
