// Starts the real optout-server executable on a free loopback port for a test.
#include "testserver.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

TestServer::TestServer() = default;

TestServer::~TestServer()
{
    stop();
}

bool TestServer::startBeside(const TestServer &other, const QStringList &extraArgs)
{
    stop();
    m_besideSpec = other.databasePath();
    if (m_besideSpec.isEmpty())
        return false;
    return launch(QStringList {QStringLiteral("--demo")} + extraArgs);
}

bool TestServer::start(const QStringList &extraArgs)
{
    stop();
    m_besideSpec.clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    if (m_database.create(m_dir->path(), &error).isEmpty()) {
        qWarning().noquote() << "no database for optout-server:" << error;
        return false;
    }
    QStringList args {QStringLiteral("--demo")};
    args << extraArgs;
    return launch(args);
}

bool TestServer::restart(const QStringList &args)
{
    stop();
    return launch(args);
}

bool TestServer::restartOnSamePort(const QStringList &args)
{
    const int port = m_baseUrl.port();
    stop();
    return launch(args, port);
}

int TestServer::runOnce(const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE),
                  QStringList {QStringLiteral("--db"), databasePath()} + args);
    if (!process.waitForFinished(30000))
        return -1;
    m_output += process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool TestServer::launch(const QStringList &extra, int port)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QStringList args {QStringLiteral("--db"), databasePath(), QStringLiteral("--listen"),
                      QStringLiteral("127.0.0.1:%1").arg(port)};
    // The suites poll for tokens becoming valid and try wrong ones on purpose, all from
    // 127.0.0.1: the 429 after 20 failures a minute is tst_httpedge's to test.
    if (!extra.contains(QStringLiteral("--auth-failures-per-minute")))
        args << QStringLiteral("--auth-failures-per-minute") << QStringLiteral("100000");
    args << extra;
    m_output.clear();
    m_process->start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), args);
    if (!m_process->waitForStarted(10000)) {
        qWarning() << "optout-server did not start:" << m_process->errorString();
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("Listening on (https?://\\S+)"));
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(200) && m_process->state() == QProcess::NotRunning)
            break;
        m_output += m_process->readAll();
        const auto match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            return true;
        }
    }
    qWarning().noquote() << "optout-server did not listen:" << m_output;
    return false;
}

QByteArray TestServer::log()
{
    if (m_process)
        m_output += m_process->readAll();
    return m_output;
}

void TestServer::clearLog()
{
    log();
    m_output.clear();
}

void TestServer::killHard()
{
    if (!m_process)
        return;
    m_process->kill(); // SIGKILL
    m_process->waitForFinished(10000);
    m_output += m_process->readAll();
    m_process.reset();
}

void TestServer::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_output += m_process->readAll();
    m_process.reset();
}

HttpResult TestServer::request(const QByteArray &method, const QString &path,
                               const QByteArray &token, const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    QNetworkAccessManager nam;
    QUrl url = m_baseUrl;
    const int q = path.indexOf(QLatin1Char('?'));
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest req(url);
    req.setTransferTimeout(30000);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    // A custom "HEAD" would wait for the body its Content-Length announces: use head().
    QNetworkReply *reply
        = method == "HEAD" ? nam.head(req) : nam.sendCustomRequest(req, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}
