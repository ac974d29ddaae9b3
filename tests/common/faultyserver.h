// A loopback HTTP server that answers from canned responses and misbehaves on purpose.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <memory>

class QTcpSocket;

class FaultyServer : public QObject
{
    Q_OBJECT

public:
    enum class Fault {
        None, // a complete, well-formed HTTP response
        NeverAnswer, // read the request, then stay silent (the client times out)
        TruncatedBody, // no Content-Length, half the body, then close (truncated JSON)
        CloseMidResponse, // Content-Length of the whole body, half of it, then close
        CloseWithoutAnswer, // close the connection as soon as the request is read
    };

    struct Response
    {
        int status = 200;
        QByteArray body;
        Fault fault = Fault::None;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    struct Request
    {
        QByteArray method;
        QByteArray path; // without the query
        QByteArray query;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit FaultyServer(QObject *parent = nullptr);
    // The same over HTTPS with this server configuration (certificate and key).
    explicit FaultyServer(const QSslConfiguration &tls, QObject *parent = nullptr);

    // Listens on a free loopback port (or `port`); false on failure.
    bool listen(quint16 port = 0);
    // Stops listening: new connections are refused.
    void close();
    QUrl baseUrl() const;
    quint16 port() const { return m_port; }

    // The answer to every request of `method path` once the queue is used up.
    void setResponse(const QByteArray &method, const QByteArray &path, const Response &response);
    // Answers to the next requests of `method path`, in order, before the default one.
    void enqueue(const QByteArray &method, const QByteArray &path, const Response &response);

    static Response json(int status, const QByteArray &body);
    static Response error(int status, const QByteArray &code, const QByteArray &message);
    static Response fault(Fault fault, const QByteArray &body = {});

    QList<Request> requests() const { return m_requests; }
    int requestCount(const QByteArray &method, const QByteArray &path) const;

signals:
    void requestReceived(const FaultyServer::Request &request);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, const Request &request);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    quint16 m_port = 0;
    QHash<QByteArray, Response> m_defaults;
    QHash<QByteArray, QList<Response>> m_queues;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
};
