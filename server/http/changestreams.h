// GET /api/v1/changes/stream: each open stream gets a server-sent event with its
// organisation's sync-state whenever that changes, on this instance or (through the caches'
// refresh) on any other on the same database.
#pragma once

#include "apiserver.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class OptOutService;
class ResponseStream;
struct StoredOrg;

// The body of GET /api/v1/sync-state (and of a stream's events).
QJsonObject syncStateJson(const StoredOrg &org, bool usageTracking);

class ChangeStreams final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int maxStreams = 1000; // open at once on this instance; more: 503
        int keepAliveMs = 15000; // a comment line this often
    };
    static constexpr int RetryAfterSeconds = 30; // with the 503 past maxStreams

    explicit ChangeStreams(OptOutService *service, QObject *parent = nullptr);
    ~ChangeStreams() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    int count() const { return int(m_streams.size()); }

    // The answer to an authenticated product administrator's request: the stream (with one
    // event at once unless Last-Event-ID names the current state), or 503 past maxStreams.
    ApiResponse open(const ApiRequest &request);

    // "<optOutsRevision>.<usersRevision>"
    static QByteArray eventId(const StoredOrg &org);

private:
    struct Stream
    {
        QByteArray token; // checked again at every change: a revoked one ends the stream
        QString userId;
        QString orgId;
        QByteArray lastId; // the state the client has (sent, or named by Last-Event-ID)
    };
    void scheduleCheck();
    // Sends each stream whose organisation's state moved on its event; ends those whose token
    // no longer holds.
    void check();
    void keepAlive();
    QByteArray eventFor(const StoredUser &user, const StoredOrg &org) const;
    void forget(ResponseStream *stream);

    OptOutService *m_service;
    Options m_options;
    QHash<ResponseStream *, Stream> m_streams;
    QTimer m_check; // coalesces a burst of changes into one pass
    QTimer m_keepAlive;
};
