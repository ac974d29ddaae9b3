// The service's live changes (GET /api/v1/changes/stream): one long-lived request whose
// server-sent events say that the organisation's sync-state moved on. Reconnects with
// Last-Event-ID and exponential back-off; says when it is up and when it is not, so that the
// caller polls only meanwhile.
#pragma once

#include "apitypes.h"
#include "sseparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;
class QNetworkReply;

class ChangeStream final : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Stopped, // not started, stopped, or refused for good (401, 403, 404, not sent)
        Connecting,
        Connected, // the service answered 200 with an event stream
        Waiting, // the connection failed or ended: retrying after a back-off
    };
    Q_ENUM(State)

    static constexpr int DefaultFirstRetryMs = 1000;
    static constexpr int DefaultMaxRetryMs = 60000;
    // The service sends a comment every 15 s: three missed ones mean the connection is dead.
    static constexpr int DefaultSilenceTimeoutMs = 45000;

    // The client's manager, address, token and authorities are used; it must outlive this.
    explicit ChangeStream(ApiClient *api, QObject *parent = nullptr);
    ~ChangeStream() override;

    // Back-off of reconnections: first delay, doubled each failure up to the maximum (a
    // Retry-After of the service is honoured when longer).
    void setRetryDelays(int firstMilliseconds, int maxMilliseconds);
    // No byte, not even a keep-alive comment, this long: the connection is dropped and made again.
    void setSilenceTimeout(int milliseconds) { m_silenceTimeoutMs = milliseconds; }

    // Connects; `lastEventId` names the state the caller already has ("<optOutsRevision>.
    // <usersRevision>"), so the service sends an event at once only when it is behind.
    void start(const QByteArray &lastEventId = {});
    void stop();

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    QByteArray lastEventId() const { return m_parser.lastEventId; }
    // The state the caller shows now: named at the next reconnection, so a change it has not
    // fetched yet (a refresh that failed) comes again at once.
    void setLastEventId(const QByteArray &id) { m_parser.lastEventId = id; }
    // Connections made (the first one included).
    int connectionCount() const { return m_connections; }

signals:
    void stateChanged(ChangeStream::State state);
    // The stream is up (the poll may pause) / no longer up (poll until it is again).
    void connected();
    void disconnected();
    // An `event: sync-state`: the organisation's state as the service has it now.
    void syncStateReceived(const SyncState &state);
    // 401: the token is unknown or revoked; no retry.
    void authenticationFailed(const ApiError &error);
    // Refused for good (403, 404 from an older service, not sent): no retry; poll instead.
    void unavailable(const ApiError &error);

private:
    void connectNow();
    void onMetaData();
    void onReadyRead();
    void onFinished();
    // Reconnects after the back-off (at least `atLeastMs`), or at once.
    void retryLater(int atLeastMs, bool now);
    void setState(State state);
    void dropReply();

    QPointer<ApiClient> m_api;
    QNetworkReply *m_reply = nullptr;
    SseState m_parser;
    State m_state = State::Stopped;
    QTimer m_retryTimer;
    int m_firstRetryMs = DefaultFirstRetryMs;
    int m_maxRetryMs = DefaultMaxRetryMs;
    int m_retryMs = DefaultFirstRetryMs;
    int m_silenceTimeoutMs = DefaultSilenceTimeoutMs;
    int m_connections = 0;
    QElapsedTimer m_upSince; // the stream's connection, while Connected
    // A stream that was up this long ends as a healthy one: it is made again at once.
    static constexpr int HealthyMs = 5000;
};
