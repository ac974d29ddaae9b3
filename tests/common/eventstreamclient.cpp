// A raw-socket client of GET /api/v1/changes/stream for tests.
#include "eventstreamclient.h"

#include <QDeadlineTimer>
#include <QTest>

bool EventStreamClient::open(const QUrl &base, const QByteArray &token,
                             const QByteArray &lastEventId)
{
    m_received.clear();
    m_closed = false;
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { readAll(); });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] {
        readAll();
        m_closed = true;
    });
    m_socket.connectToHost(base.host(), quint16(base.port()));
    if (!m_socket.waitForConnected(5000))
        return false;
    QByteArray request = "GET /api/v1/changes/stream HTTP/1.1\r\nHost: " + base.host().toLatin1()
        + "\r\nAccept: text/event-stream\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    if (!lastEventId.isEmpty())
        request += "Last-Event-ID: " + lastEventId + "\r\n";
    request += "\r\n";
    m_socket.write(request);
    return m_socket.flush() || m_socket.bytesToWrite() == 0;
}

void EventStreamClient::close()
{
    m_socket.abort();
}

void EventStreamClient::readAll()
{
    if (m_socket.isOpen())
        m_received += m_socket.readAll();
}

bool EventStreamClient::waitForHead(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_received.contains("\r\n\r\n") && !m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return m_received.contains("\r\n\r\n");
}

int EventStreamClient::status() const
{
    const QList<QByteArray> parts = m_received.left(m_received.indexOf("\r\n")).split(' ');
    return parts.size() >= 2 ? parts.at(1).toInt() : 0;
}

QByteArray EventStreamClient::head() const
{
    const qsizetype end = m_received.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : m_received.left(end + 2);
}

QByteArray EventStreamClient::header(const QByteArray &name) const
{
    const QList<QByteArray> lines = head().split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray EventStreamClient::body() const
{
    const qsizetype end = m_received.indexOf("\r\n\r\n");
    return end < 0 ? QByteArray() : m_received.mid(end + 4);
}

QList<StreamEvent> EventStreamClient::events() const
{
    QList<StreamEvent> events;
    QByteArray text = body();
    // Only complete blocks (each ends in a blank line).
    text.truncate(text.lastIndexOf("\n\n") + 1);
    const QList<QByteArray> blocks = text.split('\n');
    StreamEvent current;
    bool any = false;
    for (const QByteArray &line : blocks) {
        if (line.isEmpty()) {
            if (any)
                events.append(current);
            current = StreamEvent();
            any = false;
        } else if (line.startsWith("id: ")) {
            current.id = line.mid(4);
            any = true;
        } else if (line.startsWith("event: ")) {
            current.event = line.mid(7);
            any = true;
        } else if (line.startsWith("data: ")) {
            current.data = line.mid(6);
            any = true;
        }
    }
    return events;
}

int EventStreamClient::comments() const
{
    int n = 0;
    const QList<QByteArray> lines = body().split('\n');
    for (const QByteArray &line : lines)
        n += line.startsWith(':') ? 1 : 0;
    return n;
}

bool EventStreamClient::waitForEvents(int count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (events().size() < count && !deadline.hasExpired())
        QTest::qWait(5);
    return events().size() >= count;
}

bool EventStreamClient::waitForClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_closed && !deadline.hasExpired())
        QTest::qWait(10);
    return m_closed;
}
