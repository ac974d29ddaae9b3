// A loopback HTTP server that answers from canned responses and misbehaves on purpose.
#include "faultyserver.h"

#include <QSslServer>
#include <QTcpSocket>

namespace {

QByteArray routeKey(const QByteArray &method, const QByteArray &path)
{
    return method + ' ' + path;
}

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 412:
        return "Precondition Failed";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

QByteArray FaultyServer::Request::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

FaultyServer::FaultyServer(QObject *parent)
    : QObject(parent)
    , m_server(std::make_unique<QTcpServer>())
{
    connect(m_server.get(), &QTcpServer::newConnection, this, &FaultyServer::onNewConnection);
}

FaultyServer::FaultyServer(const QSslConfiguration &tls, QObject *parent)
    : QObject(parent)
    , m_tls(true)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(tls);
    // A TLS connection is pending once its handshake is done.
    connect(server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &FaultyServer::onNewConnection);
    m_server = std::move(server);
}

bool FaultyServer::listen(quint16 port)
{
    if (!m_server->listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void FaultyServer::close()
{
    m_server->close();
}

QUrl FaultyServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void FaultyServer::setResponse(const QByteArray &method, const QByteArray &path,
                               const Response &response)
{
    m_defaults.insert(routeKey(method, path), response);
}

void FaultyServer::enqueue(const QByteArray &method, const QByteArray &path,
                           const Response &response)
{
    m_queues[routeKey(method, path)].append(response);
}

FaultyServer::Response FaultyServer::json(int status, const QByteArray &body)
{
    Response response;
    response.status = status;
    response.body = body;
    return response;
}

FaultyServer::Response FaultyServer::error(int status, const QByteArray &code,
                                           const QByteArray &message)
{
    return json(status,
                "{\"error\": {\"code\": \"" + code + "\", \"message\": \"" + message + "\"}}");
}

FaultyServer::Response FaultyServer::fault(Fault fault, const QByteArray &body)
{
    Response response;
    response.fault = fault;
    response.body = body;
    return response;
}

int FaultyServer::requestCount(const QByteArray &method, const QByteArray &path) const
{
    int count = 0;
    for (const Request &request : m_requests) {
        if (request.method == method && request.path == path)
            ++count;
    }
    return count;
}

void FaultyServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QObject::destroyed, this, [this, socket]() { m_buffers.remove(socket); });
    }
}

void FaultyServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    // One request per connection is enough for these tests, but keep-alive sends more: loop.
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Request request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        const QByteArray target = first.value(1);
        const qsizetype q = target.indexOf('?');
        request.path = q < 0 ? target : target.left(q);
        request.query = q < 0 ? QByteArray() : target.mid(q + 1);
        qsizetype length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed();
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);
        emit requestReceived(request);
        respond(socket, request);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void FaultyServer::respond(QTcpSocket *socket, const Request &request)
{
    const QByteArray key = routeKey(request.method, request.path);
    Response response;
    QList<Response> &queue = m_queues[key];
    if (!queue.isEmpty())
        response = queue.takeFirst();
    else if (m_defaults.contains(key))
        response = m_defaults.value(key);
    else
        response = error(404, "not_found", "No such route.");

    switch (response.fault) {
    case Fault::NeverAnswer:
        return;
    case Fault::CloseWithoutAnswer:
        socket->abort();
        return;
    default:
        break;
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
        + reason(response.status) + "\r\n";
    head += "Content-Type: application/json\r\n";
    for (const auto &h : response.headers)
        head += h.first + ": " + h.second + "\r\n";
    if (response.fault == Fault::TruncatedBody) {
        head += "Connection: close\r\n\r\n";
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    if (response.fault == Fault::CloseMidResponse) {
        head += "\r\n";
        socket->write(head + response.body.left(response.body.size() / 2));
        socket->flush();
        socket->disconnectFromHost();
        return;
    }
    head += "Connection: keep-alive\r\n\r\n";
    socket->write(head + response.body);
}
