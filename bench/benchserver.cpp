// Starts optout-server with a large demo organisation for a benchmark.
#include "benchserver.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTextStream>

bool BenchServer::start(int users, int optOuts, const QStringList &extraArgs)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    const QStringList args {QStringLiteral("--db"),     databasePath(),
                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                            QStringLiteral("--demo"),   QStringLiteral("--demo-users"),
                            QString::number(users),     QStringLiteral("--demo-optouts"),
                            QString::number(optOuts),   QStringLiteral("--quiet")};
    m_process.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), args + extraArgs);
    QByteArray output;
    static const QRegularExpression listening(QStringLiteral("Listening on (http://\\S+)"));
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired() && m_process.state() != QProcess::NotRunning) {
        m_process.waitForReadyRead(200);
        output += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
    }
    QTextStream(stderr) << "optout-server did not start:\n" << output;
    return false;
}

void BenchServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(30000))
        m_process.kill();
}
