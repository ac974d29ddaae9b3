// The service's live changes: a server-sent event stream, reconnected with back-off.
#include "changestream.h"

#include "apiclient.h"
#include "jsoncodec.h"

#include <QLoggingCategory>
#include <QNetworkReply>
#include <QRandomGenerator>

Q_LOGGING_CATEGORY(lcStream, "optout.stream", QtInfoMsg)

ChangeStream::ChangeStream(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ChangeStream::connectNow);
}

ChangeStream::~ChangeStream()
{
    dropReply();
}

void ChangeStream::setRetryDelays(int firstMilliseconds, int maxMilliseconds)
{
    m_firstRetryMs = std::max(1, firstMilliseconds);
    m_maxRetryMs = std::max(m_firstRetryMs, maxMilliseconds);
    m_retryMs = m_firstRetryMs;
}

void ChangeStream::start(const QByteArray &lastEventId)
{
    stop();
    m_parser = SseState();
    m_parser.lastEventId = lastEventId;
    m_retryMs = m_firstRetryMs;
    connectNow();
}

void ChangeStream::stop()
{
    m_retryTimer.stop();
    const bool wasConnected = isConnected();
    dropReply();
    setState(State::Stopped);
    if (wasConnected)
        emit disconnected();
}

void ChangeStream::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void ChangeStream::connectNow()
{
    dropReply();
    if (!m_api)
        return setState(State::Stopped);
    // A new connection: a partly read line or event of the last one is dropped.
    SseState fresh;
    fresh.lastEventId = m_parser.lastEventId;
    fresh.retryMs = m_parser.retryMs;
    m_parser = fresh;
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!m_parser.lastEventId.isEmpty())
        headers.append({"Last-Event-ID", m_parser.lastEventId});
    ApiError refused;
    m_reply = m_api->openEventStream(QStringLiteral("/changes/stream"), headers, m_silenceTimeoutMs,
                                     &refused);
    if (!m_reply) {
        setState(State::Stopped);
        emit unavailable(refused);
        return;
    }
    ++m_connections;
    setState(State::Connecting);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &ChangeStream::onMetaData);
    connect(m_reply, &QNetworkReply::readyRead, this, &ChangeStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ChangeStream::onFinished);
}

void ChangeStream::onMetaData()
{
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray type
        = m_reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().trimmed();
    if (status != 200 || !type.startsWith("text/event-stream") || isConnected())
        return; // an error answer: onFinished reads it
    m_upSince.start();
    setState(State::Connected);
    qCInfo(lcStream) << "live changes connected";
    emit connected();
}

void ChangeStream::onReadyRead()
{
    if (!isConnected())
        return; // an error body: onFinished reads it
    const SseParseResult result = parseSse(std::move(m_parser), m_reply->readAll());
    m_parser = result.state;
    for (const SseEvent &event : result.events) {
        if (event.type != "sync-state")
            continue;
        const ApiResult<SyncState> state = JsonCodec::decodeSyncState(event.data);
        if (!state.ok()) {
            qCInfo(lcStream) << "bad sync-state event:" << state.error().technical;
            continue;
        }
        emit syncStateReceived(state.value());
        if (m_state == State::Stopped)
            return; // a slot stopped the stream
    }
    if (m_parser.failed) {
        qCInfo(lcStream) << "the event stream broke its limits; reconnecting";
        onFinished();
    }
}

void ChangeStream::onFinished()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    const bool wasConnected = isConnected();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = wasConnected ? QByteArray() : reply->readAll();
    const ApiError error = ApiClient::errorFromReply(reply, body);
    const int retryAfter = reply->rawHeader("Retry-After").toInt() * 1000;
    dropReply();
    if (wasConnected) {
        qCInfo(lcStream) << "live changes ended:"
                         << (reply->error() == QNetworkReply::NoError ? QStringLiteral("closed")
                                                                      : error.technical);
        emit disconnected();
    } else {
        qCInfo(lcStream) << "live changes not connected:" << error.technical;
    }
    if (status == 401) {
        setState(State::Stopped);
        emit authenticationFailed(error);
        return;
    }
    if (status == 403 || status == 404) {
        setState(State::Stopped);
        emit unavailable(error);
        return;
    }
    // A stream that was up for a while and ended (a restart, a shutdown, a proxy's time-out):
    // again at once (or after the service's `retry:`). Anything else: after the back-off, so a
    // service that ends every stream at once is not asked in a loop.
    const bool healthy = wasConnected && m_upSince.elapsed() >= HealthyMs;
    if (healthy)
        m_retryMs = m_firstRetryMs;
    retryLater(healthy ? std::max(0, m_parser.retryMs) : retryAfter, healthy);
}

void ChangeStream::retryLater(int atLeastMs, bool now)
{
    int delay = atLeastMs;
    if (!now) {
        delay = std::max(atLeastMs, m_retryMs);
        m_retryMs = std::min(m_retryMs * 2, m_maxRetryMs);
        // Many windows of one service do not all come back in the same millisecond.
        delay += int(QRandomGenerator::global()->bounded(delay / 4 + 1));
    }
    setState(State::Waiting);
    m_retryTimer.start(delay);
}

void ChangeStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}
