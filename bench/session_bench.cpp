// The cost of checking a session per request beside a plain token's: GET /api/v1/me over one
// keep-alive connection, one request at a time, with a token that never expires and with one
// that does. A session of the organisation's sign-in is stored and checked as a token with an
// expiry (POST /auth/sessions stores exactly that), so the second token is issued with
// --issue-token --expires-in: the same check, without an identity provider in the benchmark.
// Rounds alternate between the two so that a change of load meets both; the best round counts.
#include "benchserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTextStream>

#include <algorithm>
#include <optional>

namespace {

// Prints a new token of `email` in o-1, expiring after `expiresIn` unless empty.
QByteArray issueToken(const QString &database, const QString &expiresIn)
{
    QStringList args {QStringLiteral("--db"),          database,
                      QStringLiteral("--issue-token"), QStringLiteral("admin@example.com"),
                      QStringLiteral("--org"),         QStringLiteral("o-1")};
    if (!expiresIn.isEmpty())
        args << QStringLiteral("--expires-in") << expiresIn;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), args);
    p.waitForFinished(60000);
    const QString out = QString::fromUtf8(p.readAll());
    return QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
        .match(out)
        .captured(1)
        .toUtf8();
}

// `count` requests, each sent once the previous answer arrived; µs per request, or nullopt when
// an answer was not 200.
std::optional<double> timeRequests(QTcpSocket &socket, const QByteArray &token, int count)
{
    const QByteArray request = "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                               "Bearer "
        + token + "\r\nAccept: application/json\r\n\r\n";
    QElapsedTimer clock;
    clock.start();
    QByteArray buffer;
    for (int i = 0; i < count; ++i) {
        socket.write(request);
        socket.flush();
        // One answer: the head, then Content-Length bytes.
        qsizetype end = -1;
        qint64 length = -1;
        while (true) {
            end = buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QByteArray head = buffer.left(end).toLower();
                const qsizetype at = head.indexOf("content-length:");
                length = at < 0
                    ? 0
                    : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
                if (buffer.size() >= end + 4 + length)
                    break;
            }
            if (!socket.waitForReadyRead(10000))
                return std::nullopt;
            buffer += socket.readAll();
        }
        if (!buffer.startsWith("HTTP/1.1 200"))
            return std::nullopt;
        buffer.remove(0, end + 4 + length);
    }
    return double(clock.nsecsElapsed()) / 1000.0 / count;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int perRound = argc > 1 ? QByteArray(argv[1]).toInt() : 5000;
    const int rounds = argc > 2 ? QByteArray(argv[2]).toInt() : 5;

    BenchServer server;
    if (!server.start(1000, 100))
        return 1;
    server.stop();
    const QByteArray plain = issueToken(server.databasePath(), {});
    const QByteArray session = issueToken(server.databasePath(), QStringLiteral("12h"));
    if (plain.isEmpty() || session.isEmpty()) {
        out << "cannot issue the tokens\n";
        return 1;
    }
    if (!server.start(1000, 100))
        return 1;

    QTcpSocket socket;
    socket.connectToHost(server.baseUrl().host(), quint16(server.baseUrl().port()));
    if (!socket.waitForConnected(10000))
        return 1;
    // Warm-up: caches, the connection, the last-use records of both tokens.
    if (!timeRequests(socket, plain, 500) || !timeRequests(socket, session, 500)) {
        out << "GET /api/v1/me failed\n";
        return 1;
    }
    double bestPlain = 1e18;
    double bestSession = 1e18;
    for (int round = 0; round < rounds; ++round) {
        const auto p = timeRequests(socket, plain, perRound);
        const auto s = timeRequests(socket, session, perRound);
        if (!p || !s) {
            out << "GET /api/v1/me failed\n";
            return 1;
        }
        out << QStringLiteral("round %1: plain token %2 µs, session %3 µs per request\n")
                   .arg(round + 1)
                   .arg(*p, 0, 'f', 1)
                   .arg(*s, 0, 'f', 1);
        bestPlain = std::min(bestPlain, *p);
        bestSession = std::min(bestSession, *s);
    }
    server.stop();
    out << QStringLiteral(
               "GET /api/v1/me, %1 requests a round, best of %2 rounds, one connection:\n"
               "  plain token: %3 µs per request (%4 requests/s)\n"
               "  session:     %5 µs per request (%6 requests/s)\n"
               "  session / plain: %7\n")
               .arg(perRound)
               .arg(rounds)
               .arg(bestPlain, 0, 'f', 1)
               .arg(1e6 / bestPlain, 0, 'f', 0)
               .arg(bestSession, 0, 'f', 1)
               .arg(1e6 / bestSession, 0, 'f', 0)
               .arg(bestSession / bestPlain, 0, 'f', 3);
    return 0;
}
