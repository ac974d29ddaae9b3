// The service's HTTP/1.1 edge: connections, limits and time-outs in front of the ApiServer.
#include "httpedge.h"

#include "responsestream.h"

#include <algorithm>

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <http_parser.h>

#include <climits>
#include <deque>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcEdge, "optout.http", QtInfoMsg)

namespace {

using Method = HttpMethod;

Method toMethod(unsigned m)
{
    switch (m) {
    case HTTP_GET:
        return Method::Get;
    case HTTP_PUT:
        return Method::Put;
    case HTTP_DELETE:
        return Method::Delete;
    case HTTP_POST:
        return Method::Post;
    case HTTP_HEAD:
        return Method::Head;
    case HTTP_OPTIONS:
        return Method::Options;
    case HTTP_PATCH:
        return Method::Patch;
    case HTTP_CONNECT:
        return Method::Connect;
    case HTTP_TRACE:
        return Method::Trace;
    default:
        return Method::Unknown;
    }
}

const char *reason(int status)
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
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

// The request target's path as it may appear in a log line (never its query, which may name
// people): bytes outside printable ASCII escaped.
QByteArray loggable(const QByteArray &raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (const char c : raw) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f || u == '\\') {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    return out;
}

// Why a request target's path is refused, or empty: an encoded '/', '\\' or NUL would be
// decoded into another path than the one routed (and than a proxy in front saw), and a dot
// segment names a path other than the one written.
QString pathError(const QByteArray &target)
{
    const qsizetype query = target.indexOf('?');
    const QByteArray path = (query < 0 ? target : target.first(query)).toLower();
    if (path.contains("%2f") || path.contains("%5c") || path.contains("%00") || path.contains('\\'))
        return QStringLiteral("The path may not hold an encoded '/', '\\' or NUL.");
    const QList<QByteArray> segments = path.split('/');
    for (QByteArray segment : segments) {
        segment.replace("%2e", ".");
        if (segment == "." || segment == "..")
            return QStringLiteral("The path may not hold a '.' or '..' segment.");
    }
    return {};
}

// An IPv4 client of a dual-stack listener as the IPv4 address it is.
QHostAddress plainAddress(const QHostAddress &address)
{
    bool v4 = false;
    const quint32 ipv4 = address.toIPv4Address(&v4);
    return v4 ? QHostAddress(ipv4) : address;
}

} // namespace

// One client connection: parses its requests one at a time and writes their answers in order.
class HttpConnection final : public QObject
{
public:
    HttpConnection(HttpEdge *edge, QTcpSocket *socket);
    ~HttpConnection() override;

    enum class State {
        Idle, // between requests
        Head, // reading a request's header block
        Body, // reading its body
        Busy, // the ApiServer is answering it
        Closing, // answer written or being written; no more reading
        Streaming, // an answer that stays open (server-sent events); no more requests
    };
    State state() const { return m_state; }
    qint64 lastActivity() const { return m_lastActivity; }
    qint64 headStarted() const { return m_headStarted; }
    bool writing() const { return m_socket->bytesToWrite() > 0; }
    void close() { abort(); }
    // Shutdown: close now unless a request is being answered; then close after its answer.
    void drain();

private:
    static int onMessageBegin(http_parser *p);
    static int onUrl(http_parser *p, const char *at, size_t length);
    static int onHeaderField(http_parser *p, const char *at, size_t length);
    static int onHeaderValue(http_parser *p, const char *at, size_t length);
    static int onHeadersComplete(http_parser *p);
    static int onBody(http_parser *p, const char *at, size_t length);
    static int onMessageComplete(http_parser *p);
    static const http_parser_settings &settings();

    bool countHeaderBytes(size_t length);
    void readMore();
    void feed(const char *data, qint64 size);
    void parseError();
    void answer(ApiResponse response, bool close);
    void respond(quint64 generation, ApiResponse response);
    void abort();
    void lingerAndClose();
    // An answer with a ResponseStream: the head now, then what the stream sends, until either
    // side closes (the end of the body is the end of the connection).
    void startStream(const ApiResponse &response);
    void writeStreamed(const QByteArray &bytes);
    // A client that does not read its answers: no more reading until they are taken.
    bool backlogged() const;
    void answersTaken(qint64 bytes);
    void scanHead(const char *data, qint64 size);

    static constexpr int LingerMs = 2000;
    static constexpr qint64 MaxLingerBytes = 4 * 1024 * 1024;
    static constexpr int MaxAnswersAhead = 16;
    static constexpr qint64 MaxUnsentBytes = 4 * 1024 * 1024;
    HttpEdge *m_edge;
    QTcpSocket *m_socket;
    http_parser m_parser {};
    State m_state = State::Idle;
    qint64 m_lastActivity = 0;
    qint64 m_headStarted = 0;
    bool m_feeding = false;
    bool m_gone = false;
    bool m_shutDownWrite = false;
    qint64 m_discarded = 0;
    bool m_head = false; // the request is a HEAD
    bool m_draining = false;
    bool m_closeAfter = false; // the request asked for it (or HTTP/1.0)
    bool m_headersTooLarge = false;
    bool m_bodyTooLarge = false;
    quint64 m_generation = 0;
    quint64 m_completed = 0; // requests read to their end
    QByteArray m_pending; // read but not yet parsed (after a request, while it is answered)
    QPointer<ResponseStream> m_stream; // while Streaming
    // Bytes a streaming client may leave unread before it is dropped as stalled.
    static constexpr qint64 MaxStreamBacklog = 1024 * 1024;
    bool m_secure = false; // HTTPS
    QHostAddress m_peer;
    // Answers not yet taken by the kernel: where each ends in the bytes written.
    std::deque<qint64> m_answerEnds;
    qint64 m_writtenBytes = 0; // handed to the socket
    qint64 m_sentBytes = 0; // taken by the kernel
    bool m_held = false; // reading stopped for the backlog
    // The raw header block, scanned for obs-fold (a line that begins with a space or tab,
    // which http-parser joins to the line before it).
    enum class HeadScan { Start, Line, LineStart, BlankLine, Done };
    HeadScan m_scan = HeadScan::Start;
    bool m_folded = false;

    // The request being read.
    ApiRequest m_request;
    QByteArray m_target;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    qint64 m_headerBytes = 0;
    std::optional<ApiResponse> m_early; // the answer decided from the header block alone
    QElapsedTimer m_timer;
};

const http_parser_settings &HttpConnection::settings()
{
    static const http_parser_settings s = [] {
        http_parser_settings v {};
        http_parser_settings_init(&v);
        v.on_message_begin = &HttpConnection::onMessageBegin;
        v.on_url = &HttpConnection::onUrl;
        v.on_header_field = &HttpConnection::onHeaderField;
        v.on_header_value = &HttpConnection::onHeaderValue;
        v.on_headers_complete = &HttpConnection::onHeadersComplete;
        v.on_body = &HttpConnection::onBody;
        v.on_message_complete = &HttpConnection::onMessageComplete;
        return v;
    }();
    return s;
}

HttpConnection::HttpConnection(HttpEdge *edge, QTcpSocket *socket)
    : QObject(edge)
    , m_edge(edge)
    , m_socket(socket)
{
    socket->setParent(this);
    // Qt keeps at most this much unread; the kernel holds the rest back from the client.
    socket->setReadBufferSize(64 * 1024);
    m_secure = qobject_cast<QSslSocket *>(socket) != nullptr;
    m_peer = plainAddress(socket->peerAddress());
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
    m_lastActivity = edge->now();
    connect(socket, &QTcpSocket::readyRead, this, &HttpConnection::readMore);
    connect(socket, &QTcpSocket::bytesWritten, this, &HttpConnection::answersTaken);
    connect(socket, &QTcpSocket::disconnected, this, &HttpConnection::abort);
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    if (m_stream)
        m_stream->connectionClosed();
}

void HttpConnection::abort()
{
    if (m_gone)
        return;
    m_gone = true;
    m_state = State::Closing;
    ++m_generation; // an answer still coming goes nowhere
    m_socket->disconnect(this);
    m_socket->abort();
    if (m_stream)
        m_stream->connectionClosed();
    m_edge->forget(this);
    deleteLater();
}

void HttpConnection::lingerAndClose()
{
    // Closing a socket that still has unread bytes sends a reset, which can destroy the answer
    // before the client reads it. So: send the answer, end our side (FIN), discard what still
    // comes for a moment (nothing is kept), then close.
    m_state = State::Closing;
    ++m_generation;
    m_socket->disconnect(this);
    const auto discard = [this] {
        char buffer[16384];
        qint64 n = 0;
        while ((n = m_socket->read(buffer, sizeof buffer)) > 0)
            m_discarded += n;
        if (m_discarded > MaxLingerBytes)
            abort();
    };
    const auto endOurSide = [this] {
        if (m_socket->bytesToWrite() == 0 && !m_shutDownWrite) {
            m_shutDownWrite = true;
            if (m_socket->socketDescriptor() >= 0)
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        }
    };
    connect(m_socket, &QTcpSocket::readyRead, this, discard);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this, endOurSide] {
        m_lastActivity = m_edge->now();
        endOurSide();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::abort);
    m_socket->flush();
    discard();
    endOurSide();
    QTimer::singleShot(LingerMs, this, &HttpConnection::abort);
}

void HttpConnection::drain()
{
    m_draining = true;
    if (m_state == State::Closing || m_state == State::Busy)
        return;
    // A request that reached us before the signal is answered: take what the kernel holds.
    m_socket->waitForReadyRead(0);
    readMore();
    if (m_state != State::Busy && m_state != State::Closing)
        abort();
}

bool HttpConnection::backlogged() const
{
    return m_answerEnds.size() >= size_t(MaxAnswersAhead)
        || m_socket->bytesToWrite() >= MaxUnsentBytes;
}

void HttpConnection::answersTaken(qint64 bytes)
{
    m_lastActivity = m_edge->now();
    m_sentBytes += bytes;
    while (!m_answerEnds.empty() && m_answerEnds.front() <= m_sentBytes)
        m_answerEnds.pop_front();
    if (m_held && !backlogged() && m_state == State::Idle && !m_feeding) {
        m_held = false;
        QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
    }
}

void HttpConnection::readMore()
{
    if (m_state == State::Streaming) {
        // A stream's client sends nothing more: read (to notice its leaving) and drop.
        char buffer[16384];
        while (m_socket->read(buffer, sizeof buffer) > 0) { }
        return;
    }
    const quint64 first = m_completed;
    while (m_state != State::Busy && m_state != State::Closing && m_state != State::Streaming) {
        if (backlogged()) {
            m_held = true; // answersTaken() reads on
            return;
        }
        if (m_completed - first >= quint64(MaxAnswersAhead)) {
            // A client that keeps sending does not keep the thread: the other connections
            // (and new ones) are served before this one reads on.
            QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
            return;
        }
        if (!m_pending.isEmpty()) {
            const QByteArray pending = std::exchange(m_pending, QByteArray());
            feed(pending.constData(), pending.size());
            continue;
        }
        char buffer[16384];
        const qint64 n = m_socket->read(buffer, sizeof buffer);
        if (n <= 0)
            return;
        m_lastActivity = m_edge->now();
        feed(buffer, n);
    }
}

void HttpConnection::scanHead(const char *data, qint64 size)
{
    for (qint64 i = 0; i < size && m_scan != HeadScan::Done; ++i) {
        const char c = data[i];
        switch (m_scan) {
        case HeadScan::Start: // http-parser skips empty lines before the request line
            if (c != '\r' && c != '\n')
                m_scan = HeadScan::Line;
            break;
        case HeadScan::Line:
            if (c == '\n')
                m_scan = HeadScan::LineStart;
            break;
        case HeadScan::LineStart:
            if (c == ' ' || c == '\t')
                m_folded = true;
            m_scan = c == '\r' ? HeadScan::BlankLine : c == '\n' ? HeadScan::Done : HeadScan::Line;
            break;
        case HeadScan::BlankLine:
            m_scan = c == '\n' ? HeadScan::Done : HeadScan::Line;
            break;
        case HeadScan::Done:
            break;
        }
    }
}

void HttpConnection::feed(const char *data, qint64 size)
{
    if (m_state == State::Idle) { // a new request's header block begins in `data`
        m_scan = HeadScan::Start;
        m_folded = false;
    }
    if (m_state == State::Idle || m_state == State::Head)
        scanHead(data, size);
    m_feeding = true;
    const size_t parsed = http_parser_execute(&m_parser, &settings(), data, size_t(size));
    m_feeding = false;
    if (m_state == State::Closing || m_state == State::Streaming)
        return;
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED) {
        // A request is complete (its answer may already be written).
        if (parsed < size_t(size))
            m_pending = QByteArray(data + parsed, qsizetype(size - qint64(parsed)));
        if (m_state != State::Busy)
            http_parser_pause(&m_parser, 0);
        return;
    }
    if (error != HPE_OK)
        parseError();
}

void HttpConnection::parseError()
{
    const auto error = HTTP_PARSER_ERRNO(&m_parser);
    if (m_headersTooLarge || error == HPE_HEADER_OVERFLOW) {
        return answer(ApiResponse::fromError(HttpError::headersTooLarge(
                          QStringLiteral("The header block is larger than 64 KiB."))),
                      true);
    }
    if (m_bodyTooLarge) {
        return answer(ApiResponse::fromError(HttpError::payloadTooLarge(
                          QStringLiteral("The body is larger than 1 MiB."))),
                      true);
    }
    if (m_early) // answered from the header block; the body is not read
        return answer(std::move(*m_early), true);
    answer(ApiResponse::fromError(HttpError::invalidRequest(
               QStringLiteral("Malformed HTTP request: %1.")
                   .arg(QString::fromLatin1(http_errno_description(error))))),
           true);
}

bool HttpConnection::countHeaderBytes(size_t length)
{
    m_headerBytes += qint64(length);
    if (m_headerBytes > m_edge->limits().maxHeaderBytes) {
        m_headersTooLarge = true;
        return false;
    }
    return true;
}

int HttpConnection::onMessageBegin(http_parser *p)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    c->m_state = State::Head;
    c->m_headStarted = c->m_edge->now();
    c->m_timer.start();
    c->m_request = ApiRequest();
    c->m_target.clear();
    c->m_field.clear();
    c->m_value.clear();
    c->m_inValue = false;
    c->m_headerBytes = 0;
    c->m_early.reset();
    return 0;
}

int HttpConnection::onUrl(http_parser *p, const char *at, size_t length)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    if (!c->countHeaderBytes(length))
        return 1;
    c->m_target.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeaderField(http_parser *p, const char *at, size_t length)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    if (!c->countHeaderBytes(length + 4)) // ": " and CRLF
        return 1;
    if (c->m_inValue) {
        c->m_request.headers.append(
            qMakePair(std::exchange(c->m_field, {}), std::exchange(c->m_value, {})));
        c->m_inValue = false;
    }
    c->m_field.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeaderValue(http_parser *p, const char *at, size_t length)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    if (!c->countHeaderBytes(length))
        return 1;
    c->m_inValue = true;
    c->m_value.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onHeadersComplete(http_parser *p)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    if (c->m_inValue) {
        c->m_request.headers.append(
            qMakePair(std::exchange(c->m_field, {}), std::exchange(c->m_value, {})));
        c->m_inValue = false;
    }
    c->m_state = State::Body;
    c->m_lastActivity = c->m_edge->now();
    c->m_closeAfter = !http_should_keep_alive(p);
    ApiRequest &r = c->m_request;
    r.method = toMethod(p->method);
    c->m_head = r.method == Method::Head;
    // Headers that two parsers could read differently (a proxy in front and this one): the
    // request's framing is in doubt, so the connection ends with the answer.
    QString ambiguous;
    if (c->m_folded)
        ambiguous = QStringLiteral("A header is folded over two lines.");
    QList<QByteArray> forwardedFor;
    int authorization = 0;
    int host = 0;
    for (const auto &h : std::as_const(r.headers)) {
        if (h.first.compare("Authorization", Qt::CaseInsensitive) == 0)
            ++authorization;
        else if (h.first.compare("Host", Qt::CaseInsensitive) == 0)
            ++host;
        else if (h.first.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            forwardedFor.append(h.second);
    }
    if (authorization > 1 || host > 1) {
        ambiguous = QStringLiteral("The request has more than one %1 header.")
                        .arg(authorization > 1 ? QStringLiteral("Authorization")
                                               : QStringLiteral("Host"));
    }
    if (!ambiguous.isEmpty()) {
        c->answer(ApiResponse::fromError(HttpError::invalidRequest(ambiguous)), true);
        return -1; // stop parsing: the connection is closing
    }
    r.client = c->m_edge->clientAddress(c->m_peer, forwardedFor);
    r.target = c->m_target;
    r.url = QUrl(QString::fromLatin1(c->m_target), QUrl::StrictMode);
    if (!r.url.isValid() || !c->m_target.startsWith('/')) {
        c->m_early = ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("Malformed request target.")));
        return 0; // answered once the request is complete
    }
    if (const QString error = pathError(c->m_target); !error.isEmpty()) {
        c->m_early = ApiResponse::fromError(HttpError::invalidRequest(error));
        return 0;
    }
    r.query = QUrlQuery(r.url);
    const bool chunked = (p->flags & F_CHUNKED) != 0;
    const qint64 declared = chunked              ? -1
        : p->content_length == ULLONG_MAX        ? 0
        : p->content_length > quint64(LLONG_MAX) ? LLONG_MAX
                                                 : qint64(p->content_length);
    c->m_early = c->m_edge->api()->screen(r, declared);
    if (c->m_early && declared != 0) {
        // Answered without the body: it is never read, so the connection cannot go on.
        c->answer(std::move(*c->m_early), true);
        c->m_early.reset();
        return -1; // stop parsing: the connection is closing
    }
    if (declared != 0 && r.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
        static const QByteArray proceed = "HTTP/1.1 100 Continue\r\n\r\n";
        c->m_socket->write(proceed);
        c->m_writtenBytes += proceed.size();
    }
    return 0;
}

int HttpConnection::onBody(http_parser *p, const char *at, size_t length)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    if (c->m_request.body.size() + qint64(length) > c->m_edge->limits().maxBodyBytes) {
        c->m_bodyTooLarge = true;
        return 1;
    }
    c->m_request.body.append(at, qsizetype(length));
    return 0;
}

int HttpConnection::onMessageComplete(http_parser *p)
{
    auto *c = static_cast<HttpConnection *>(p->data);
    c->m_state = State::Busy;
    ++c->m_completed;
    http_parser_pause(p, 1); // one request at a time; the rest waits in m_pending
    if (c->m_early) {
        ApiResponse early = std::move(*c->m_early);
        c->m_early.reset();
        c->answer(std::move(early), c->m_closeAfter);
        return 0;
    }
    const quint64 generation = ++c->m_generation;
    QPointer<HttpConnection> self(c);
    c->m_edge->api()->handle(std::move(c->m_request), [self, generation](ApiResponse response) {
        if (self)
            self->respond(generation, std::move(response));
    });
    return 0;
}

void HttpConnection::respond(quint64 generation, ApiResponse response)
{
    if (generation != m_generation || m_state != State::Busy)
        return;
    answer(std::move(response), m_closeAfter);
    if (m_state == State::Idle && !m_feeding) // answered later than its request: read on
        QMetaObject::invokeMethod(this, &HttpConnection::readMore, Qt::QueuedConnection);
}

void HttpConnection::answer(ApiResponse r, bool close)
{
    if (m_state == State::Closing)
        return;
    close = close || m_draining;
    const bool head = m_head;
    if (m_edge->requestLogging()) {
        const char *method
            = m_target.isEmpty() ? "-" : http_method_str(static_cast<http_method>(m_parser.method));
        const qsizetype query = m_target.indexOf('?');
        const QByteArray path = query < 0 ? m_target : m_target.first(query);
        qCInfo(lcEdge).noquote() << method
                                 << QString::fromLatin1(
                                        loggable(path.isEmpty() ? QByteArray("-") : path))
                                 << r.status
                                 << QString::number(double(m_timer.nsecsElapsed()) / 1e6, 'f', 1)
                                 << "ms";
    }
    if (r.stream && !head)
        return startStream(r);
    QByteArray out;
    out.reserve(256 + (head ? 0 : r.body.size()));
    out += "HTTP/1.1 ";
    out += QByteArray::number(r.status);
    out += ' ';
    out += reason(r.status);
    out += "\r\n";
    // application/json unless the handler chose its own type (SCIM's application/scim+json).
    const bool ownType = std::any_of(r.headers.cbegin(), r.headers.cend(), [](const auto &h) {
        return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
    });
    if (!r.body.isEmpty() && !ownType)
        out += "Content-Type: application/json\r\n";
    if (r.status != 204 && r.status != 304) {
        out += "Content-Length: ";
        out += QByteArray::number(r.body.size());
        out += "\r\n";
    }
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    if (m_secure)
        out += "Strict-Transport-Security: max-age=31536000\r\n";
    for (const auto &h : std::as_const(r.headers)) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!head && r.status != 204 && r.status != 304)
        out += r.body;
    m_writtenBytes += out.size();
    m_answerEnds.push_back(m_writtenBytes);
    m_socket->write(out);
    m_socket->flush(); // now, rather than when the event loop next finds the socket writable
    m_lastActivity = m_edge->now();
    if (close) {
        lingerAndClose();
        return;
    }
    m_state = State::Idle;
    m_request = ApiRequest();
    if (m_draining && !writing())
        abort();
}

void HttpConnection::startStream(const ApiResponse &r)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reason(r.status) + "\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    if (m_secure)
        out += "Strict-Transport-Security: max-age=31536000\r\n";
    for (const auto &h : std::as_const(r.headers))
        out += h.first + ": " + h.second + "\r\n";
    out += "Connection: close\r\n\r\n";
    m_state = State::Streaming;
    m_request = ApiRequest();
    m_pending.clear();
    m_stream = r.stream;
    connect(m_stream, &ResponseStream::written, this, &HttpConnection::writeStreamed);
    connect(m_stream, &ResponseStream::ended, this, [this] {
        m_stream = nullptr;
        lingerAndClose();
    });
    writeStreamed(out + r.body);
}

void HttpConnection::writeStreamed(const QByteArray &bytes)
{
    if (m_state != State::Streaming || bytes.isEmpty())
        return;
    // The stall time counts from the first byte the client has not taken.
    if (!writing())
        m_lastActivity = m_edge->now();
    m_socket->write(bytes);
    m_socket->flush();
    if (m_socket->bytesToWrite() > MaxStreamBacklog)
        abort();
}

HttpEdge::HttpEdge(QTcpServer *listener, ApiServer *api, const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_listener(listener)
    , m_api(api)
    , m_limits(limits)
{
    m_clock.start();
    connect(listener, &QTcpServer::pendingConnectionAvailable, this, &HttpEdge::acceptPending);
    connect(listener, &QTcpServer::newConnection, this, &HttpEdge::acceptPending);
    m_sweep.setInterval(
        std::clamp(std::min(m_limits.idleTimeoutMs, m_limits.stallTimeoutMs) / 4, 20, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &HttpEdge::sweep);
    m_sweep.start();
    acceptPending();
}

HttpEdge::~HttpEdge()
{
    const auto connections = m_connections;
    m_connections.clear();
    for (HttpConnection *c : connections)
        delete c;
}

void HttpEdge::acceptPending()
{
    while (m_listener && !m_shuttingDown && connectionCount() < m_limits.maxConnections
           && m_listener->hasPendingConnections()) {
        QTcpSocket *socket = m_listener->nextPendingConnection();
        if (!socket)
            break;
        m_connections.insert(new HttpConnection(this, socket));
    }
    // At the limit, new connections wait in the listen backlog until one closes.
    if (m_listener && !m_shuttingDown && connectionCount() >= m_limits.maxConnections)
        m_listener->pauseAccepting();
}

QHostAddress HttpEdge::clientAddress(const QHostAddress &peer,
                                     const QList<QByteArray> &forwardedFor) const
{
    const QHostAddress direct = plainAddress(peer);
    if (forwardedFor.isEmpty())
        return direct;
    const bool trusted
        = std::any_of(m_trustedProxies.cbegin(), m_trustedProxies.cend(),
                      [&direct](const Subnet &s) { return direct.isInSubnet(s.first, s.second); });
    if (!trusted)
        return direct; // the client's own word
    // The proxy appends the address it saw to what came before it: only the last is its own.
    const QByteArray last = forwardedFor.last().split(',').last().trimmed();
    QHostAddress client;
    if (!client.setAddress(QString::fromLatin1(last)))
        return direct;
    return plainAddress(client);
}

void HttpEdge::forget(HttpConnection *connection)
{
    if (!m_connections.remove(connection))
        return;
    if (m_shuttingDown)
        return finishShutdownIfDone();
    if (m_listener && connectionCount() < m_limits.maxConnections) {
        m_listener->resumeAccepting();
        if (m_listener->hasPendingConnections())
            QMetaObject::invokeMethod(this, &HttpEdge::acceptPending, Qt::QueuedConnection);
    }
}

void HttpEdge::sweep()
{
    const qint64 t = now();
    QVector<HttpConnection *> expired;
    for (HttpConnection *c : std::as_const(m_connections)) {
        const qint64 quiet = t - c->lastActivity();
        switch (c->state()) {
        case HttpConnection::State::Idle:
            if (quiet > (c->writing() ? m_limits.stallTimeoutMs : m_limits.idleTimeoutMs))
                expired.append(c);
            break;
        case HttpConnection::State::Head:
            if (quiet > m_limits.stallTimeoutMs || t - c->headStarted() > m_limits.stallTimeoutMs)
                expired.append(c);
            break;
        case HttpConnection::State::Body:
        case HttpConnection::State::Closing:
            if (quiet > m_limits.stallTimeoutMs)
                expired.append(c);
            break;
        case HttpConnection::State::Busy:
            break; // the service is answering
        case HttpConnection::State::Streaming: // no idle time-out: only a client not reading
            if (c->writing() && quiet > m_limits.stallTimeoutMs)
                expired.append(c);
            break;
        }
    }
    for (HttpConnection *c : std::as_const(expired))
        c->close();
}

void HttpEdge::shutdown(int graceMs, std::function<void()> done)
{
    m_shuttingDown = true;
    m_done = std::move(done);
    if (m_listener)
        m_listener->close();
    const auto connections = m_connections;
    for (HttpConnection *c : connections)
        c->drain();
    QTimer::singleShot(graceMs, this, [this] {
        const auto left = m_connections;
        for (HttpConnection *c : left)
            c->close();
        finishShutdownIfDone();
    });
    finishShutdownIfDone();
}

void HttpEdge::finishShutdownIfDone()
{
    if (!m_shuttingDown || !m_connections.isEmpty() || !m_done)
        return;
    const auto done = std::exchange(m_done, nullptr);
    done();
}
