// A client of GET /api/v1/changes/stream over a raw socket, for tests: what the service writes,
// byte for byte (head, events, comments), and when the service ends it.
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>
#include <QUrl>

struct StreamEvent
{
    QByteArray id;
    QByteArray event;
    QByteArray data;
};

class EventStreamClient
{
public:
    // Connects to `base` (http://host:port) and sends the request; `lastEventId` empty: none.
    bool open(const QUrl &base, const QByteArray &token, const QByteArray &lastEventId = {});
    void close();

    // Waits (running the event loop) until the head is in, or the time is out.
    bool waitForHead(int timeoutMs = 5000);
    int status() const;
    QByteArray head() const; // the status line and headers, as sent
    QByteArray header(const QByteArray &name) const;
    QByteArray body() const; // after the head

    // The events read so far (comments left out), and the comments' count.
    QList<StreamEvent> events() const;
    int comments() const;
    // Waits until at least `count` events are in.
    bool waitForEvents(int count, int timeoutMs);
    // Waits until the service closed the connection.
    bool waitForClosed(int timeoutMs);
    bool isClosed() const { return m_closed; }

private:
    void readAll();

    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_closed = false;
};
