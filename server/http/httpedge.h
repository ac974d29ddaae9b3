// The service's HTTP/1.1 edge: accepts connections from a listener (plain or TLS), reads
// requests with Debian's http-parser under the limits of docs/api.md (header block, body,
// idle and stall time, connection count), and hands each complete request to the ApiServer.
// Memory per connection is bounded: a header block is refused past its limit, a body past its
// limit or before an answer that does not need it is never read, a connection reads no
// further request while one is being answered, nor while its client leaves 16 answers or
// 4 MiB of them unread.
#pragma once

#include "apiserver.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>

class QTcpServer;
class HttpConnection;

class HttpEdge final : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxHeaderBytes = 64 * 1024;
        qint64 maxBodyBytes = ApiServer::MaxBodyBytes;
        int idleTimeoutMs = 60000; // no request begun
        int stallTimeoutMs = 30000; // headers not complete, or body, or answer not taken
        int maxConnections = 10000;
    };

    // Takes the listener's connections from now on (it stays the caller's).
    HttpEdge(QTcpServer *listener, ApiServer *api, const Limits &limits, QObject *parent = nullptr);
    ~HttpEdge() override;

    // Logs one line per request (method, target, status, milliseconds) when on.
    void setRequestLogging(bool on) { m_logRequests = on; }
    bool requestLogging() const { return m_logRequests; }

    // Proxies (an address, or a subnet as address and prefix length) whose last
    // X-Forwarded-For entry names the client.
    using Subnet = QPair<QHostAddress, int>;
    void setTrustedProxies(const QList<Subnet> &proxies) { m_trustedProxies = proxies; }
    // The client of a request that came from `peer` with these X-Forwarded-For headers.
    QHostAddress clientAddress(const QHostAddress &peer,
                               const QList<QByteArray> &forwardedFor) const;

    // Stops accepting, closes the connections that are not being answered, answers those that
    // are, then calls `done` (at the latest after `graceMs`).
    void shutdown(int graceMs, std::function<void()> done);

    int connectionCount() const { return int(m_connections.size()); }
    const Limits &limits() const { return m_limits; }
    ApiServer *api() const { return m_api; }
    qint64 now() const { return m_clock.elapsed(); }

private:
    friend class HttpConnection;
    void acceptPending();
    void sweep();
    void forget(HttpConnection *connection);
    void finishShutdownIfDone();

    QPointer<QTcpServer> m_listener;
    ApiServer *m_api;
    Limits m_limits;
    bool m_logRequests = true;
    QList<Subnet> m_trustedProxies;
    bool m_shuttingDown = false;
    std::function<void()> m_done;
    QSet<HttpConnection *> m_connections;
    QTimer m_sweep;
    QElapsedTimer m_clock;
};
