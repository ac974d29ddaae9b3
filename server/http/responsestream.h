// An answer that stays open after its head: the edge writes what the handler sends through it
// (server-sent events) until either side ends it.
#pragma once

#include <QByteArray>
#include <QObject>

class ResponseStream final : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // The handler's side.
    // Sends bytes to the client (in order, as they are); nothing once closed.
    void write(const QByteArray &bytes)
    {
        if (!m_closed)
            Q_EMIT written(bytes);
    }
    // Ends the answer: the edge closes the connection once the bytes sent are out.
    void end()
    {
        if (m_closed)
            return;
        m_closed = true;
        Q_EMIT ended();
    }
    bool isClosed() const { return m_closed; }

    // The edge's side: the connection went away (the client left, a time-out, a shutdown).
    void connectionClosed()
    {
        if (m_closed)
            return;
        m_closed = true;
        Q_EMIT closed();
    }

Q_SIGNALS:
    void written(const QByteArray &bytes); // to the edge
    void ended(); // to the edge
    void closed(); // to the handler, once, unless it ended the stream itself

private:
    bool m_closed = false;
};
