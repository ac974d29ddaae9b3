// The HTTP edge of the real optout-server process over raw sockets: the limits of docs/api.md
// enforced while reading (floods cost bounded memory and /healthz keeps answering), time-outs,
// strict Content-Length (no smuggled second request), log lines that cannot be forged, the
// headers of every answer, 415, 431, --max-connections, and SIGTERM under load.
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace {

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray all; // every byte the server sent
    bool closed = false; // the server closed the connection
    QByteArray header(const QByteArray &name) const
    {
        const QList<QByteArray> lines = head.split('\n');
        for (const QByteArray &line : lines) {
            const int colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

// Splits what arrived into the first answer's status, head and body.
RawResponse parse(const QByteArray &data, bool closed)
{
    RawResponse r;
    r.all = data;
    r.closed = closed;
    const int end = data.indexOf("\r\n\r\n");
    if (!data.startsWith("HTTP/1.1 ") || end < 0)
        return r;
    r.status = data.mid(9, 3).toInt();
    r.head = data.left(end);
    const qint64 length = r.header("Content-Length").toLongLong();
    r.body = data.mid(end + 4, length);
    return r;
}

qint64 rssKb(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

} // namespace

class TstHttpEdge : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerFloodIsRefusedWithBoundedMemory();
    void unauthenticatedBodyFloodIsRefusedUnread();
    void oversizedBodyRefusedBeforeItArrives();
    void stalledAndIdleConnectionsAreClosed();
    void malformedContentLengthSmugglesNothing_data();
    void malformedContentLengthSmugglesNothing();
    void malformedRequestLineAnswered400();
    void encodedLineBreaksDoNotForgeLogLines();
    void answersCarrySecurityHeaders();
    void bodiesMustBeJson();
    void rawControlCharactersInStringsRefused();
    void repeatedUnknownIdsOverLimitAre413();
    void maxConnectionsHonoured();
    void listenBacklogRaised();
    void pipelinedAndContinuedRequestsAnswered();
    void sigtermUnderLoadLosesNothingAcknowledged();
    void unauthorizedAnswersNameTheBearerScheme();
    void failedAuthenticationsThrottledPerAddress();
    void trustedProxyNamesTheClient();
    void encodedSeparatorsAndDotSegmentsRefused_data();
    void encodedSeparatorsAndDotSegmentsRefused();
    void foldedAndRepeatedHeadersRefused_data();
    void foldedAndRepeatedHeadersRefused();
    void pipeliningClientThatNeverReadsHoldsBoundedMemory();
    void fullDiskRefusesWritesWith503();
    void readOnlyDatabaseFileRefusesWritesWith503();

private:
    // `db` replaces the test's database file; `wrapper` runs the server through a command
    // (e.g. setpriv to run it as another user).
    bool startServer(const QStringList &extra = {}, const QString &db = {},
                     const QStringList &wrapper = {});
    // POSTs `count` usage events as demo-user; the answer.
    RawResponse postEvents(int count);
    void stopServer();
    // Sends `data` on a new connection; collects what comes back until the server closes or
    // `waitMs` passes (or, when `oneAnswer`, the first complete answer arrived).
    RawResponse exchange(const QByteArray &data, int waitMs = 5000, bool oneAnswer = true);
    RawResponse get(const QByteArray &path, const QByteArray &token = {});
    // Sends `requests` (pipelined) on one connection from the local address `from` and returns
    // the first `count` answers, in order (fewer when the server closes or 20 s pass).
    QList<RawResponse> pipeline(const QByteArray &requests, int count,
                                const QHostAddress &from
                                = QHostAddress(QStringLiteral("127.0.0.1")));
    // GET /healthz over a new connection; milliseconds, or -1 without a 200.
    double healthLatencyMs();
    // Streams `head` then `total` bytes of filler on `connections` sockets at once, as fast as
    // the server takes them, until each is closed by the server or all is sent. Returns the
    // peak RSS growth (kB) and the worst /healthz latency measured meanwhile.
    struct FloodResult
    {
        qint64 peakGrowthKb = 0;
        double worstHealthMs = 0;
        int closedEarly = 0;
        QList<int> statuses;
    };
    FloodResult flood(const QByteArray &head, qint64 total, int connections);
    QStringList users(int count); // ids of users who are not opted out

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QByteArray m_stderr;
};

bool TstHttpEdge::startServer(const QStringList &extra, const QString &db,
                              const QStringList &wrapper)
{
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>();
    m_process = std::make_unique<QProcess>();
    m_stderr.clear();
    connect(m_process.get(), &QProcess::readyReadStandardError, this,
            [this] { m_stderr += m_process->readAllStandardError(); });
    const QStringList arguments
        = QStringList {QStringLiteral("--db"),
                       db.isEmpty() ? m_dir->filePath(QStringLiteral("e.db")) : db,
                       QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--demo"),
                       QStringLiteral("--demo-users"),
                       QStringLiteral("200")}
        + extra;
    if (wrapper.isEmpty())
        m_process->start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), arguments);
    else
        m_process->start(wrapper.first(),
                         wrapper.mid(1) + QStringList(QStringLiteral(OPTOUT_SERVER_EXECUTABLE))
                             + arguments);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("Listening on http://[^:]+:(\\d+)"));
    QByteArray out;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 60000 && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(200);
        out += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(out));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    qWarning().noquote() << "server did not listen:" << out << m_stderr;
    return false;
}

void TstHttpEdge::stopServer()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(15000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

void TstHttpEdge::init()
{
    m_dir.reset();
    QVERIFY(startServer());
}

void TstHttpEdge::cleanup()
{
    stopServer();
}

RawResponse TstHttpEdge::exchange(const QByteArray &data, int waitMs, bool oneAnswer)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(data);
    QByteArray received;
    bool closed = false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < waitMs) {
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            closed = true;
            break;
        }
        socket.waitForReadyRead(50);
        received += socket.readAll();
        if (oneAnswer) {
            const RawResponse r = parse(received, false);
            const qint64 length = r.header("Content-Length").toLongLong();
            if (r.status && r.body.size() == length)
                break;
        }
    }
    received += socket.readAll();
    return parse(received, closed);
}

RawResponse TstHttpEdge::get(const QByteArray &path, const QByteArray &token)
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    return exchange(request + "\r\n");
}

// Splits a stream of answers into its first `count` complete ones.
QList<RawResponse> splitAnswers(const QByteArray &data, int count)
{
    QList<RawResponse> answers;
    qsizetype at = 0;
    while (answers.size() < count) {
        const qsizetype end = data.indexOf("\r\n\r\n", at);
        if (end < 0)
            break;
        RawResponse r = parse(data.mid(at, end + 4 - at), false);
        const QByteArray length = r.header("Content-Length");
        const qint64 bodyBytes = length.isEmpty() ? 0 : length.toLongLong();
        if (end + 4 + bodyBytes > data.size())
            break;
        r.body = data.mid(end + 4, bodyBytes);
        answers.append(r);
        at = end + 4 + bodyBytes;
    }
    return answers;
}

QList<RawResponse> TstHttpEdge::pipeline(const QByteArray &requests, int count,
                                         const QHostAddress &from)
{
    QTcpSocket socket;
    if (!socket.bind(from))
        return {};
    socket.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(requests);
    QByteArray received;
    QList<RawResponse> answers;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 20000 && answers.size() < count) {
        socket.waitForReadyRead(50);
        received += socket.readAll();
        answers = splitAnswers(received, count);
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
    }
    return answers;
}

double TstHttpEdge::healthLatencyMs()
{
    QElapsedTimer t;
    t.start();
    const RawResponse r = get("/healthz");
    return r.status == 200 ? double(t.nsecsElapsed()) / 1e6 : -1;
}

QStringList TstHttpEdge::users(int count)
{
    const RawResponse out = get("/api/v1/optouts", "demo-admin");
    QSet<QString> optedOut;
    const QJsonArray list = QJsonDocument::fromJson(out.body)["optOuts"].toArray();
    for (const QJsonValue &v : list)
        optedOut.insert(v["user"]["id"].toString());
    const RawResponse all = get("/api/v1/users?pageSize=5000", "demo-admin");
    QStringList ids;
    const QJsonArray users = QJsonDocument::fromJson(all.body)["users"].toArray();
    for (const QJsonValue &v : users) {
        const QString id = v["id"].toString();
        if (!optedOut.contains(id) && id != QLatin1String("u-1") && ids.size() < count)
            ids.append(id);
    }
    return ids;
}

TstHttpEdge::FloodResult TstHttpEdge::flood(const QByteArray &head, qint64 total, int connections)
{
    FloodResult result;
    const qint64 pid = m_process->processId();
    const qint64 before = rssKb(pid);
    const QByteArray filler(256 * 1024, 'a');
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QVector<qint64> sent(connections, 0);
    QVector<QByteArray> received(connections);
    for (int i = 0; i < connections; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!socket->waitForConnected(5000))
            return result;
        socket->write(head);
        sockets.push_back(std::move(socket));
    }
    QElapsedTimer t;
    t.start();
    qint64 peak = before;
    QElapsedTimer sinceHealth;
    sinceHealth.start();
    while (t.elapsed() < 120000) {
        bool active = false;
        for (int i = 0; i < connections; ++i) {
            QTcpSocket *s = sockets[size_t(i)].get();
            received[i] += s->readAll();
            if (s->state() != QAbstractSocket::ConnectedState || sent[i] >= total)
                continue;
            active = true;
            while (s->bytesToWrite() < 1024 * 1024 && sent[i] < total) {
                s->write(filler);
                sent[i] += filler.size();
            }
        }
        if (!active)
            break;
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
        peak = std::max(peak, rssKb(pid));
        if (sinceHealth.elapsed() > 300) {
            result.worstHealthMs = std::max(result.worstHealthMs, healthLatencyMs());
            sinceHealth.restart();
        }
    }
    for (int i = 0; i < connections; ++i) {
        QTcpSocket *s = sockets[size_t(i)].get();
        s->waitForReadyRead(200);
        received[i] += s->readAll();
        if (sent[i] < total)
            ++result.closedEarly;
        result.statuses.append(parse(received[i], false).status);
    }
    const double health = healthLatencyMs();
    result.worstHealthMs = std::max(result.worstHealthMs, health < 0 ? 1e9 : health);
    result.peakGrowthKb = peak - before;
    return result;
}

void TstHttpEdge::headerFloodIsRefusedWithBoundedMemory()
{
    // 4 connections, each a header block of up to 64 MiB that never ends.
    const FloodResult r = flood("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Flood: ", 64LL << 20, 4);
    qInfo("header flood: RSS growth %lld kB, worst /healthz %.1f ms, closed early %d of 4",
          r.peakGrowthKb, r.worstHealthMs, r.closedEarly);
    QCOMPARE(r.closedEarly, 4);
    QCOMPARE(r.statuses, QList<int>({431, 431, 431, 431}));
    QVERIFY2(r.peakGrowthKb < 50 * 1024, qPrintable(QString::number(r.peakGrowthKb)));
    QVERIFY2(r.worstHealthMs >= 0 && r.worstHealthMs < 2000,
             qPrintable(QString::number(r.worstHealthMs)));
}

void TstHttpEdge::unauthenticatedBodyFloodIsRefusedUnread()
{
    const FloodResult r
        = flood("POST /api/v1/optouts/batch HTTP/1.1\r\nHost: x\r\n"
                "Content-Type: application/json\r\nContent-Length: 67108864\r\n\r\n",
                64LL << 20, 4);
    qInfo("unauthenticated 64 MiB bodies: RSS growth %lld kB, worst /healthz %.1f ms, closed "
          "early %d of 4",
          r.peakGrowthKb, r.worstHealthMs, r.closedEarly);
    QCOMPARE(r.closedEarly, 4);
    QCOMPARE(r.statuses, QList<int>({401, 401, 401, 401}));
    QVERIFY2(r.peakGrowthKb < 50 * 1024, qPrintable(QString::number(r.peakGrowthKb)));
    QVERIFY2(r.worstHealthMs >= 0 && r.worstHealthMs < 2000,
             qPrintable(QString::number(r.worstHealthMs)));
}

void TstHttpEdge::oversizedBodyRefusedBeforeItArrives()
{
    // 1.5 MiB announced, only 100 KiB sent: the 413 comes without the rest.
    const QByteArray head = "POST /api/v1/optouts/batch HTTP/1.1\r\nHost: x\r\n"
                            "Authorization: Bearer demo-admin\r\nContent-Type: application/json\r\n"
                            "Content-Length: 1572864\r\n\r\n";
    const RawResponse r = exchange(head + QByteArray(100 * 1024, ' '), 5000, false);
    QCOMPARE(r.status, 413);
    QVERIFY(r.closed);
    QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
             QStringLiteral("payload_too_large"));

    // Chunked, without a length: refused once it passes 1 MiB.
    QByteArray chunked = "POST /api/v1/optouts/batch HTTP/1.1\r\nHost: x\r\n"
                         "Authorization: Bearer demo-admin\r\nContent-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i)
        chunked += "10000\r\n" + QByteArray(0x10000, ' ') + "\r\n";
    const RawResponse c = exchange(chunked, 5000, false);
    QCOMPARE(c.status, 413);
    QVERIFY(c.closed);
}

void TstHttpEdge::stalledAndIdleConnectionsAreClosed()
{
    stopServer();
    QVERIFY(startServer({QStringLiteral("--idle-timeout"), QStringLiteral("2"),
                         QStringLiteral("--stall-timeout"), QStringLiteral("1")}));
    const auto closedWithin = [this](const QByteArray &data, int ms) -> qint64 {
        QTcpSocket s;
        s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
        if (!s.waitForConnected(5000))
            return -1;
        s.write(data);
        s.flush();
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            s.waitForReadyRead(50);
            s.readAll();
            if (s.state() != QAbstractSocket::ConnectedState)
                return t.elapsed();
        }
        return -1;
    };
    // Headers that never end, a body announced and never sent, a connection idle after an
    // answer.
    const qint64 partialHead = closedWithin("GET /healthz HTTP/1.1\r\nHost: x\r\n", 5000);
    const qint64 missingBody = closedWithin(
        "POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-admin\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        5000);
    const qint64 idle = closedWithin("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 6000);
    const qint64 silent = closedWithin({}, 6000);
    qInfo("closed after: partial headers %lld ms, missing body %lld ms, idle %lld ms, silent "
          "%lld ms",
          partialHead, missingBody, idle, silent);
    QVERIFY(partialHead >= 900 && partialHead < 3000);
    QVERIFY(missingBody >= 900 && missingBody < 3000);
    QVERIFY(idle >= 1900 && idle < 4000);
    QVERIFY(silent >= 1900 && silent < 4000);

    // A header block trickled byte by byte, each within the stall time, is still cut off.
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(s.waitForConnected(5000));
    s.write("GET /healthz HTTP/1.1\r\n");
    QElapsedTimer t;
    t.start();
    while (s.state() == QAbstractSocket::ConnectedState && t.elapsed() < 5000) {
        s.write("X-A: b\r\n");
        s.waitForBytesWritten(100);
        s.waitForReadyRead(300);
    }
    QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
}

void TstHttpEdge::malformedContentLengthSmugglesNothing_data()
{
    QTest::addColumn<QByteArray>("length");
    QTest::newRow("abc") << QByteArray("abc");
    QTest::newRow("-1") << QByteArray("-1");
    QTest::newRow("1, 2") << QByteArray("1, 2");
    QTest::newRow("overflow") << QByteArray("99999999999999999999");
}

void TstHttpEdge::malformedContentLengthSmugglesNothing()
{
    QFETCH(QByteArray, length);
    const QString victim = users(1).value(0);
    QVERIFY(!victim.isEmpty());
    // The second request hides behind the first's header block.
    const QByteArray smuggled = "PUT /api/v1/optouts/" + victim.toUtf8()
        + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-admin\r\n\r\n";
    const QByteArray request = "POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\n"
                               "Authorization: Bearer demo-admin\r\n"
                               "Content-Type: application/json\r\nContent-Length: "
        + length + "\r\n\r\n" + smuggled;
    const RawResponse r = exchange(request, 3000, false);
    QCOMPARE(r.status, 400);
    QVERIFY(r.closed);
    QCOMPARE(r.all.count("HTTP/1.1 "), 1); // one answer, nothing for a second request
    const RawResponse list = get("/api/v1/optouts", "demo-admin");
    QCOMPARE(list.status, 200);
    QVERIFY2(!list.body.contains('"' + victim.toUtf8() + '"'), list.body.constData());
}

void TstHttpEdge::malformedRequestLineAnswered400()
{
    for (const QByteArray &line :
         {QByteArray("GARBAGE\r\n\r\n"), QByteArray("GET /healthz HTTP/9.x\r\n\r\n"),
          QByteArray("GET\r\n\r\n")}) {
        const RawResponse r = exchange(line, 3000, false);
        QCOMPARE(r.status, 400);
        QVERIFY(r.closed);
        QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
                 QStringLiteral("invalid_request"));
    }
}

void TstHttpEdge::encodedLineBreaksDoNotForgeLogLines()
{
    const RawResponse r = get("/api/v1/%0d%0a2026-01-01T00:00:00.000%20GET%20/forged%20200"
                              "%0aFORGED%1b[31m");
    QCOMPARE(r.status, 404);
    QTRY_VERIFY(m_stderr.contains("/api/v1/"));
    // The query is not logged (it may name people).
    QCOMPARE(get("/api/v1/users?filter=someone%40example.com", "demo-admin").status, 200);
    QTRY_VERIFY(m_stderr.contains("GET /api/v1/users 200"));
    QVERIFY(!m_stderr.contains("someone"));
    const QList<QByteArray> lines = m_stderr.split('\n');
    for (const QByteArray &line : lines) {
        QVERIFY2(!line.contains("GET /forged") || line.contains("/api/v1/"), line.constData());
        QVERIFY2(!line.startsWith("FORGED"), line.constData());
        for (const char c : line)
            QVERIFY2(static_cast<unsigned char>(c) >= 0x20 || c == '\t', line.constData());
    }
}

void TstHttpEdge::answersCarrySecurityHeaders()
{
    for (const RawResponse &r :
         {get("/api/v1/optouts", "demo-admin"), get("/api/v1/me", "demo-user"),
          get("/api/v1/optouts", "demo-user"), get("/api/v1/optouts")}) {
        QVERIFY(r.status != 0);
        QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
    }
}

void TstHttpEdge::bodiesMustBeJson()
{
    const QString id = users(1).value(0);
    const auto post = [this, &id](const QByteArray &type) {
        const QByteArray body = "{\"optIn\": [\"" + id.toUtf8() + "\"]}";
        QByteArray request = "POST /api/v1/optouts/batch HTTP/1.1\r\nHost: x\r\n"
                             "Authorization: Bearer demo-admin\r\n";
        if (!type.isNull())
            request += "Content-Type: " + type + "\r\n";
        return exchange(request + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                        + body);
    };
    for (const QByteArray &type : {QByteArray("text/plain"), QByteArray("application/xml"),
                                   QByteArray("application/json; charset=latin1"), QByteArray()}) {
        const RawResponse r = post(type);
        QCOMPARE(r.status, 415);
        QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
                 QStringLiteral("unsupported_media_type"));
    }
    QCOMPARE(post("application/json").status, 200);
    QCOMPARE(post("application/json; charset=utf-8").status, 200);
    QCOMPARE(post("Application/JSON;charset=UTF-8").status, 200);
}

void TstHttpEdge::rawControlCharactersInStringsRefused()
{
    const QByteArray body = "{\"events\": [{\"name\": \"a\x01\x0a"
                            "b\", \"timestamp\": "
                            "\"2026-11-22T16:00:00Z\"}]}";
    const RawResponse r = exchange("POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer demo-admin\r\n"
                                   "Content-Type: application/json\r\nContent-Length: "
                                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(r.status, 400);
}

void TstHttpEdge::repeatedUnknownIdsOverLimitAre413()
{
    QByteArray ids = "\"no-such-user\"";
    for (int i = 1; i < 10001; ++i)
        ids += ",\"no-such-user\"";
    const QByteArray body = "{\"optOut\": [" + ids + "]}";
    const RawResponse r = exchange("POST /api/v1/optouts/batch HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer demo-admin\r\n"
                                   "Content-Type: application/json\r\nContent-Length: "
                                   + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(r.status, 413);
}

void TstHttpEdge::maxConnectionsHonoured()
{
    stopServer();
    QVERIFY(startServer({QStringLiteral("--max-connections"), QStringLiteral("3")}));
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < 3; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s->waitForConnected(5000));
        // Each is taken: it answers.
        s->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(s->waitForReadyRead(5000));
        s->readAll();
        held.push_back(std::move(s));
    }
    // The fourth waits (in the listen queue) while three are held...
    QTcpSocket fourth;
    fourth.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(fourth.waitForConnected(5000));
    fourth.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(!fourth.waitForReadyRead(1500));
    // Connections waiting to be taken buffer little, however much they send.
    const qint64 pid = m_process->processId();
    const qint64 before = rssKb(pid);
    qint64 peak = before;
    std::vector<std::unique_ptr<QTcpSocket>> waiting;
    for (int i = 0; i < 4; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        s->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s->waitForConnected(5000));
        waiting.push_back(std::move(s));
    }
    const QByteArray filler(256 * 1024, 'a');
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 2000) {
        for (auto &s : waiting) {
            if (s->bytesToWrite() < 1024 * 1024)
                s->write(filler);
        }
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
        peak = std::max(peak, rssKb(pid));
    }
    qInfo("4 waiting connections sending: RSS growth %lld kB", peak - before);
    QVERIFY2(peak - before < 50 * 1024, qPrintable(QString::number(peak - before)));
    waiting.clear();
    // ...and is answered once one of them leaves.
    held.front()->disconnectFromHost();
    held.erase(held.begin());
    QVERIFY(fourth.waitForReadyRead(5000));
    QVERIFY(fourth.readAll().startsWith("HTTP/1.1 200"));
}

void TstHttpEdge::listenBacklogRaised()
{
    // ss (iproute2) shows a listening socket's backlog in its Send-Q column.
    QProcess ss;
    ss.start(QStringLiteral("ss"),
             {QStringLiteral("-ltnH"), QStringLiteral("sport = :%1").arg(m_port)});
    QVERIFY(ss.waitForFinished(10000));
    const QList<QByteArray> columns = ss.readAllStandardOutput().simplified().split(' ');
    QVERIFY2(columns.size() >= 4, columns.join(' ').constData());
    const int backlog = columns.at(2).toInt();
    QFile somaxconn(QStringLiteral("/proc/sys/net/core/somaxconn"));
    QVERIFY(somaxconn.open(QIODevice::ReadOnly));
    const int cap = somaxconn.readAll().trimmed().toInt();
    qInfo("listen backlog %d (net.core.somaxconn %d)", backlog, cap);
    QCOMPARE(backlog, std::min(4096, cap));
}

void TstHttpEdge::pipelinedAndContinuedRequestsAnswered()
{
    // Three requests in one write: three answers, in order, on the same connection.
    const RawResponse r = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                                   "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n"
                                   "Authorization: Bearer demo-user\r\n\r\n"
                                   "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n",
                                   1500, false);
    QCOMPARE(r.all.count("HTTP/1.1 200"), 3);
    QVERIFY(r.all.indexOf("\"status\"") < r.all.indexOf("user@example.com"));
    QVERIFY(!r.closed);

    // Expect: 100-continue gets its interim answer before the body is sent.
    QTcpSocket s;
    s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
    QVERIFY(s.waitForConnected(5000));
    const QByteArray body = "{\"events\": []}";
    s.write("POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-user\r\n"
            "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n");
    QVERIFY(s.waitForReadyRead(2000));
    QVERIFY(s.readAll().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    s.write(body);
    QByteArray answer;
    QTRY_VERIFY((answer += s.readAll()).contains("\"accepted\""));
    QVERIFY(answer.startsWith("HTTP/1.1 200"));
}

void TstHttpEdge::sigtermUnderLoadLosesNothingAcknowledged()
{
    const QStringList ids = users(150);
    QVERIFY(ids.size() >= 100);
    const auto adminServerEvents = [this] {
        const RawResponse summary = get("/api/v1/usage/summary", "demo-admin");
        const QJsonArray rows = QJsonDocument::fromJson(summary.body)["users"].toArray();
        for (const QJsonValue &row : rows) {
            if (row["user"]["id"].toString() == QLatin1String("u-1"))
                return row["server"].toInteger();
        }
        return qint64(0);
    };
    const qint64 eventsBefore = adminServerEvents();
    // 8 connections, each opting users out one by one (keep-alive) until the server stops.
    struct Client
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray in;
        QString pending;
    };
    std::vector<Client> clients(8);
    QStringList acknowledged;
    QStringList inFlight;
    int next = 0;
    const auto send = [&](Client &c) {
        if (next >= ids.size()) {
            c.pending.clear();
            return;
        }
        c.pending = ids.at(next++);
        c.socket->write("PUT /api/v1/optouts/" + c.pending.toUtf8()
                        + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-admin\r\n\r\n");
        c.socket->flush(); // in the server's receive buffer from now on
    };
    for (Client &c : clients) {
        c.socket = std::make_unique<QTcpSocket>();
        c.socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(c.socket->waitForConnected(5000));
        send(c);
    }
    bool terminated = false;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30000) {
        bool any = false;
        for (Client &c : clients) {
            c.socket->waitForReadyRead(1);
            c.in += c.socket->readAll();
            const RawResponse r = parse(c.in, false);
            if (r.status && !c.pending.isEmpty()) {
                QVERIFY2(r.status == 201 || r.status == 200, r.all.constData());
                acknowledged.append(c.pending);
                c.in = c.in.mid(r.head.size() + 4 + r.body.size());
                send(c);
            }
            if (!c.pending.isEmpty() && c.socket->state() == QAbstractSocket::ConnectedState)
                any = true;
        }
        if (!terminated && acknowledged.size() >= 20) {
            // The requests sent by now are being handled: each must be answered.
            for (const Client &c : clients) {
                if (!c.pending.isEmpty())
                    inFlight.append(c.pending);
            }
            ::kill(pid_t(m_process->processId()), SIGTERM);
            terminated = true;
        }
        if (!any)
            break;
    }
    QVERIFY(terminated);
    QVERIFY(m_process->waitForFinished(15000));
    QCOMPARE(m_process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_process->exitCode(), 0);
    qInfo("acknowledged before the server stopped: %lld of %lld", qint64(acknowledged.size()),
          qint64(ids.size()));
    QVERIFY(acknowledged.size() < ids.size()); // it did stop under load
    qInfo("in flight at SIGTERM: %lld", qint64(inFlight.size()));
    QVERIFY(!inFlight.isEmpty());
    for (const QString &id : std::as_const(inFlight))
        QVERIFY2(acknowledged.contains(id), qPrintable(id + QStringLiteral(" was not answered")));

    // After a restart every acknowledged opt-out is there, and the server-side events of the
    // acknowledged requests were written.
    QVERIFY(startServer());
    const RawResponse list = get("/api/v1/optouts", "demo-admin");
    QCOMPARE(list.status, 200);
    for (const QString &id : std::as_const(acknowledged))
        QVERIFY2(list.body.contains("\"" + id.toUtf8() + "\""), qPrintable(id));
    const qint64 eventsAfter = adminServerEvents();
    qInfo("server-side events of the administrator: %lld before, %lld after", eventsBefore,
          eventsAfter);
    QVERIFY2(eventsAfter >= eventsBefore + acknowledged.size(),
             qPrintable(QString::number(eventsAfter)));
}

void TstHttpEdge::unauthorizedAnswersNameTheBearerScheme()
{
    // No token, or another scheme: the scheme to use. A bad token: invalid_token too.
    for (const QByteArray &authorization :
         {QByteArray(), QByteArray("Basic ZGVtbzpkZW1v"), QByteArray("Bearer")}) {
        QByteArray request = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\n";
        if (!authorization.isEmpty())
            request += "Authorization: " + authorization + "\r\n";
        const RawResponse r = exchange(request + "\r\n");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Bearer"));
    }
    const RawResponse wrong = get("/api/v1/me", "not-a-token");
    QCOMPARE(wrong.status, 401);
    QCOMPARE(wrong.header("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\""));
    // SCIM's refusals too.
    const RawResponse scim = get("/scim/v2/Users", "not-a-token");
    QCOMPARE(scim.status, 401);
    QCOMPARE(scim.header("WWW-Authenticate"), QByteArray("Bearer error=\"invalid_token\""));

    // The scheme's name in any case (RFC 9110 §11.1).
    for (const QByteArray &scheme :
         {QByteArray("Bearer"), QByteArray("bearer"), QByteArray("BEARER"), QByteArray("bEaReR")}) {
        const RawResponse r = exchange("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: "
                                       + scheme + " demo-user\r\n\r\n");
        QVERIFY2(r.status == 200, scheme.constData());
        QVERIFY(r.header("WWW-Authenticate").isEmpty());
    }
}

void TstHttpEdge::failedAuthenticationsThrottledPerAddress()
{
    // 1,000 wrong tokens from 127.0.0.1: 20 are answered 401, the rest 429.
    QByteArray requests;
    for (int i = 0; i < 1000; ++i)
        requests += "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-"
            + QByteArray::number(i) + "\r\n\r\n";
    const QList<RawResponse> answers = pipeline(requests, 1000);
    QCOMPARE(answers.size(), 1000);
    for (int i = 0; i < 1000; ++i) {
        const RawResponse &r = answers.at(i);
        QCOMPARE(r.status, i < 20 ? 401 : 429);
        if (i < 20)
            continue;
        QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
                 QStringLiteral("too_many_requests"));
        const int retryAfter = r.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, r.header("Retry-After").constData());
    }
    // The address stays refused, a right token included, on a new connection too...
    QCOMPARE(get("/api/v1/me", "demo-user").status, 429);
    QCOMPARE(get("/healthz").status, 429);
    // ...while another address is served, and refused only for its own failures.
    const QHostAddress other(QStringLiteral("127.0.0.2"));
    const QList<RawResponse> fine
        = pipeline("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-user\r\n\r\n"
                   "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n\r\n",
                   2, other);
    QCOMPARE(fine.size(), 2);
    QCOMPARE(fine.at(0).status, 200);
    QCOMPARE(fine.at(1).status, 401);
    // Without a trusted proxy, X-Forwarded-For is the client's word: ignored.
    QByteArray spoofed;
    for (int i = 0; i < 20; ++i)
        spoofed += "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.1.0."
            + QByteArray::number(i) + "\r\nAuthorization: Bearer wrong\r\n\r\n";
    const QList<RawResponse> counted = pipeline(spoofed, 20, other);
    QCOMPARE(counted.size(), 20);
    QCOMPARE(counted.at(18).status, 401);
    QCOMPARE(counted.at(19).status, 429);
    // The log names the address of each failure.
    QTRY_VERIFY(m_stderr.contains("127.0.0.2"));
    const QList<QByteArray> lines = m_stderr.split('\n');
    const auto failures = std::count_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) {
        return l.contains("authentication failed") && l.contains("127.0.0.1");
    });
    QCOMPARE(failures, 20);
}

void TstHttpEdge::trustedProxyNamesTheClient()
{
    stopServer();
    QVERIFY(startServer({QStringLiteral("--trusted-proxy"), QStringLiteral("127.0.0.2"),
                         QStringLiteral("--trusted-proxy"), QStringLiteral("::1")}));
    const QHostAddress proxy(QStringLiteral("127.0.0.2"));
    // The proxy appends the client's address to what the client sent: the last one counts.
    QByteArray requests;
    for (int i = 0; i < 25; ++i)
        requests += "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.9.9."
            + QByteArray::number(i) + ", 10.0.0.1\r\nAuthorization: Bearer wrong\r\n\r\n";
    const QList<RawResponse> answers = pipeline(requests, 25, proxy);
    QCOMPARE(answers.size(), 25);
    QCOMPARE(answers.at(19).status, 401);
    QCOMPARE(answers.at(20).status, 429);
    QTRY_VERIFY(m_stderr.contains("10.0.0.1"));
    QVERIFY(!m_stderr.contains("10.9.9."));
    // Other clients behind the proxy, and the proxy's own requests, are served.
    const QList<RawResponse> others
        = pipeline("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.1, 10.0.0.2\r\n"
                   "Authorization: Bearer demo-user\r\n\r\n"
                   "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer demo-user\r\n\r\n",
                   2, proxy);
    QCOMPARE(others.size(), 2);
    QCOMPARE(others.at(0).status, 200);
    QCOMPARE(others.at(1).status, 200);
    // A client that is not the proxy cannot name another address.
    QCOMPARE(pipeline("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.3\r\n"
                      "Authorization: Bearer demo-user\r\n\r\n",
                      1)
                 .value(0)
                 .status,
             200);
    QCOMPARE(pipeline("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 10.0.0.2\r\n"
                      "Authorization: Bearer demo-user\r\n\r\n",
                      1, proxy)
                 .value(0)
                 .status,
             200);
}

void TstHttpEdge::encodedSeparatorsAndDotSegmentsRefused_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("%2F") << QByteArray("/api%2Fv1%2Fme");
    QTest::newRow("%2f") << QByteArray("/api%2fv1%2fme");
    QTest::newRow("%5C") << QByteArray("/api/v1%5Cme");
    QTest::newRow("%5c") << QByteArray("/api/v1/optouts%5cu-2");
    QTest::newRow("%00") << QByteArray("/api/v1/me%00");
    QTest::newRow("/./") << QByteArray("/api/./v1/me");
    QTest::newRow("/../") << QByteArray("/api/v1/users/../me");
    QTest::newRow("trailing ..") << QByteArray("/api/v1/me/..");
    QTest::newRow("%2e%2e") << QByteArray("/api/v1/users/%2e%2E/me");
    QTest::newRow("%2e") << QByteArray("/api/v1/%2E/me");
}

void TstHttpEdge::encodedSeparatorsAndDotSegmentsRefused()
{
    QFETCH(QByteArray, path);
    const RawResponse r = get(path, "demo-admin");
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
             QStringLiteral("invalid_request"));
    // A dot inside a segment is a name like any other.
    QCOMPARE(get("/api/v1/me.x", "demo-admin").status, 404);
}

void TstHttpEdge::foldedAndRepeatedHeadersRefused_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::newRow("folded Authorization")
        << QByteArray("Host: x\r\nAuthorization: Bearer\r\n demo-admin\r\n");
    QTest::newRow("folded other header")
        << QByteArray("Host: x\r\nX-Note: a\r\n\tb\r\nAuthorization: Bearer demo-admin\r\n");
    QTest::newRow("two Authorization") << QByteArray(
        "Host: x\r\nAuthorization: Bearer demo-admin\r\nAuthorization: Bearer demo-user\r\n");
    QTest::newRow("two Authorization, other case") << QByteArray(
        "Host: x\r\nAuthorization: Bearer demo-admin\r\nauthorization: Bearer demo-admin\r\n");
    QTest::newRow("two Host") << QByteArray(
        "Host: x\r\nHost: y\r\nAuthorization: Bearer demo-admin\r\n");
    QTest::newRow("two Content-Length")
        << QByteArray("Host: x\r\nAuthorization: Bearer demo-admin\r\nContent-Length: 0\r\n"
                      "Content-Length: 0\r\n");
}

void TstHttpEdge::foldedAndRepeatedHeadersRefused()
{
    QFETCH(QByteArray, headers);
    const RawResponse r = exchange("GET /api/v1/me HTTP/1.1\r\n" + headers + "\r\n", 3000, false);
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
             QStringLiteral("invalid_request"));
    QVERIFY(r.closed);
}

void TstHttpEdge::pipeliningClientThatNeverReadsHoldsBoundedMemory()
{
    // 8 connections each send 4,500 small pipelined requests (a third of them for a page of
    // 200 users, about 300 times the request's size) and read nothing: about 300 MB of answers.
    constexpr int Connections = 8;
    const QByteArray page = "GET /api/v1/users?pageSize=1000 HTTP/1.1\r\nHost: x\r\n"
                            "Authorization: Bearer demo-admin\r\n\r\n";
    const QByteArray health = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    const QByteArray missing = "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto expected = [](int answer) {
        return answer % 3 == 2 ? 404 : 200;
    };
    QByteArray requests;
    constexpr int count = 4500;
    for (int i = 0; i < count; ++i)
        requests += i % 3 == 0 ? page : i % 3 == 1 ? health : missing;
    const qint64 pid = m_process->processId();
    const qint64 before = rssKb(pid);
    qint64 peak = before;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < Connections; ++i) {
        auto s = std::make_unique<QTcpSocket>();
        // The client reads nothing, and its kernel holds little for it.
        s->setReadBufferSize(4096);
        s->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        s->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(s->waitForConnected(5000));
        s->write(requests);
        sockets.push_back(std::move(s));
    }
    // 15 s, or until the server has stopped taking requests for 3 s (the kernel's buffers may
    // take every request at once: the server then works through them meanwhile).
    QElapsedTimer t;
    t.start();
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    qint64 lastLeft = -1;
    while (t.elapsed() < 15000 && (lastLeft == 0 || sinceProgress.elapsed() < 3000)) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
        peak = std::max(peak, rssKb(pid));
        qint64 left = 0;
        for (const auto &s : sockets)
            left += s->bytesToWrite();
        if (left != lastLeft)
            sinceProgress.restart();
        lastLeft = left;
    }
    qInfo("8 pipelining connections that never read: RSS %lld kB before, peak growth %lld kB, "
          "%lld bytes not taken",
          before, peak - before, lastLeft);
    QVERIFY2(peak - before < 50 * 1024, qPrintable(QString::number(peak - before)));
    // /healthz answers meanwhile.
    QVERIFY(healthLatencyMs() >= 0);

    // Now the clients read: every answer arrives, in order.
    for (auto &s : sockets)
        s->setReadBufferSize(0);
    QVector<QByteArray> received(Connections);
    QVector<int> answered(Connections, 0);
    QVector<qsizetype> at(Connections, 0);
    t.restart();
    bool done = false;
    while (!done && t.elapsed() < 120000) {
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
        done = true;
        for (int i = 0; i < Connections; ++i) {
            received[i] += sockets[size_t(i)]->readAll();
            // Check and drop the complete answers.
            for (;;) {
                const QByteArray &data = received[i];
                const qsizetype end = data.indexOf("\r\n\r\n", at[i]);
                if (end < 0)
                    break;
                const RawResponse r = parse(data.mid(at[i], end + 4 - at[i]), false);
                const qint64 length = r.header("Content-Length").toLongLong();
                if (end + 4 + length > data.size())
                    break;
                QVERIFY2(r.status == expected(answered[i])
                             && (answered[i] % 3 != 0 || length > 10000),
                         qPrintable(QStringLiteral("connection %1, answer %2: %3")
                                        .arg(i)
                                        .arg(answered[i])
                                        .arg(r.status)));
                ++answered[i];
                at[i] = end + 4 + length;
            }
            received[i].remove(0, at[i]);
            at[i] = 0;
            if (answered[i] < count)
                done = false;
        }
    }
    for (int i = 0; i < Connections; ++i)
        QCOMPARE(answered[i], count);
}

RawResponse TstHttpEdge::postEvents(int count)
{
    QJsonArray events;
    const QString name = QStringLiteral("optout.page.viewed.") + QString(150, QLatin1Char('x'));
    for (int i = 0; i < count; ++i) {
        events.append(
            QJsonObject {{QStringLiteral("name"), name + QString::number(i)},
                         {QStringLiteral("timestamp"),
                          QDateTime::currentDateTimeUtc().addSecs(-i).toString(Qt::ISODate)}});
    }
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("events"), events}}).toJson();
    return exchange("POST /api/v1/usage/events HTTP/1.1\r\nHost: x\r\n"
                    "Authorization: Bearer demo-user\r\nContent-Type: application/json\r\n"
                    "Content-Length: "
                        + QByteArray::number(body.size()) + "\r\n\r\n" + body,
                    20000);
}

void TstHttpEdge::fullDiskRefusesWritesWith503()
{
    // A real disk that fills: a 2 MiB tmpfs holding the database, and a filler file to delete
    // so that a write can succeed again.
    stopServer();
    const QString disk = m_dir->filePath(QStringLiteral("small-disk"));
    QVERIFY(QDir().mkpath(disk));
    QProcess mount;
    mount.setProcessChannelMode(QProcess::MergedChannels);
    mount.start(QStringLiteral("mount"),
                {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                 QStringLiteral("size=2m"), QStringLiteral("tmpfs"), disk});
    if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit
        || mount.exitCode() != 0) {
        QSKIP(qPrintable(QStringLiteral("mounting a 2 MiB tmpfs was refused (needs root or "
                                        "CAP_SYS_ADMIN): %1")
                             .arg(QString::fromLocal8Bit(mount.readAll()).trimmed())));
    }
    const auto unmount = qScopeGuard([this, disk] {
        stopServer();
        QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), disk});
    });
    QFile filler(disk + QStringLiteral("/filler"));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    QCOMPARE(filler.write(QByteArray(384 * 1024, 'f')), qint64(384 * 1024));
    filler.close();
    QVERIFY(startServer({}, disk + QStringLiteral("/e.db")));
    QCOMPARE(get("/healthz").status, 200);
    const QByteArray id = users(1).value(0).toUtf8();
    QVERIFY(!id.isEmpty());

    // Ingest until the disk is full, then on with ever smaller requests until even one event
    // is refused: every refusal is a 503, never a 500.
    int accepted = 0;
    int refused = 0;
    for (int size = 1000; size >= 1;) {
        const RawResponse r = postEvents(size);
        QVERIFY2(
            r.status == 200 || r.status == 503,
            qPrintable(QString::number(r.status) + QLatin1Char(' ') + QString::fromUtf8(r.body)));
        if (r.status == 200) {
            ++accepted;
            QVERIFY2(accepted < 2000, "the disk never filled");
            continue;
        }
        ++refused;
        QCOMPARE(QJsonDocument::fromJson(r.body)["error"]["code"].toString(),
                 QStringLiteral("unavailable"));
        QVERIFY(r.header("Retry-After").toInt() >= 1);
        size /= 10;
    }
    qInfo("disk full after %d accepted requests; %d refused", accepted, refused);
    QVERIFY(accepted > 0);

    // Other writes are refused alike; reads go on; /healthz says the storage is not writable.
    const RawResponse put = exchange("PUT /api/v1/optouts/" + id
                                     + " HTTP/1.1\r\nHost: x\r\n"
                                       "Authorization: Bearer demo-admin\r\n\r\n");
    QCOMPARE(put.status, 503);
    QCOMPARE(QJsonDocument::fromJson(put.body)["error"]["code"].toString(),
             QStringLiteral("unavailable"));
    QVERIFY(put.header("Retry-After").toInt() >= 1);
    QCOMPARE(get("/api/v1/me", "demo-user").status, 200);
    const RawResponse health = get("/healthz");
    QCOMPARE(health.status, 503);
    QVERIFY(health.header("Retry-After").toInt() >= 1);
    QCOMPARE(QJsonDocument::fromJson(health.body)["writable"], QJsonValue(false));

    // Room again: the next write succeeds, and /healthz is well again.
    QVERIFY(QFile::remove(disk + QStringLiteral("/filler")));
    QCOMPARE(postEvents(1).status, 200);
    const RawResponse well = get("/healthz");
    QCOMPARE(well.status, 200);
    QCOMPARE(QJsonDocument::fromJson(well.body)["writable"], QJsonValue(true));
    QCOMPARE(exchange("PUT /api/v1/optouts/" + id
                      + " HTTP/1.1\r\nHost: x\r\n"
                        "Authorization: Bearer demo-admin\r\n\r\n")
                 .status,
             201);
    QVERIFY2(!m_stderr.contains(" 500 "), m_stderr.constData());
}

void TstHttpEdge::readOnlyDatabaseFileRefusesWritesWith503()
{
    // The database made by a first run, then made read-only. Root writes to any file, so as
    // root the server runs as nobody.
    stopServer();
    const QString db = m_dir->filePath(QStringLiteral("e.db"));
    QStringList wrapper;
    if (::geteuid() == 0) {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("running as root without setpriv (util-linux) to run the server as nobody");
        wrapper = {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
                   QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups")};
        // nobody enters the folder and may create SQLite's journal and the lock there.
        QVERIFY(QFile::setPermissions(m_dir->path(), QFileDevice::Permissions(0x7777)));
    }
    QVERIFY(QFile::setPermissions(
        db, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    // Only the database file is read-only: SQLite's journal files, when the first run left
    // them, stay usable by nobody, and the first run's lock (its process has ended) goes.
    for (const char *suffix : {"-wal", "-shm"}) {
        if (QFile::exists(db + QLatin1String(suffix)))
            QVERIFY(QFile::setPermissions(db + QLatin1String(suffix),
                                          QFileDevice::Permissions(0x6666)));
    }
    QFile::remove(db + QStringLiteral(".lock"));
    QVERIFY(startServer({}, db, wrapper));
    const QByteArray id = users(1).value(0).toUtf8();
    QVERIFY(!id.isEmpty());

    QCOMPARE(get("/api/v1/me", "demo-user").status, 200);
    const RawResponse put = exchange("PUT /api/v1/optouts/" + id
                                     + " HTTP/1.1\r\nHost: x\r\n"
                                       "Authorization: Bearer demo-admin\r\n\r\n");
    QCOMPARE(put.status, 503);
    QCOMPARE(QJsonDocument::fromJson(put.body)["error"]["code"].toString(),
             QStringLiteral("unavailable"));
    QVERIFY(put.header("Retry-After").toInt() >= 1);
    const RawResponse events = postEvents(3);
    QCOMPARE(events.status, 503);
    const RawResponse health = get("/healthz");
    QCOMPARE(health.status, 503);
    QCOMPARE(QJsonDocument::fromJson(health.body)["writable"], QJsonValue(false));
    QVERIFY2(!m_stderr.contains(" 500 "), m_stderr.constData());
}

QTEST_GUILESS_MAIN(TstHttpEdge)
#include "tst_httpedge.moc"
