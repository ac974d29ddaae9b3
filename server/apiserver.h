// The HTTP side of the service: routes of docs/api.md over Qt HttpServer.
#pragma once

#include "apierror.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QJsonObject>

#include <optional>
#include <variant>

class Storage;
struct User;
struct OptOut;

// What a route handler answers: a status, an optional JSON body and extra headers.
struct ApiResponse
{
    int status = 200;
    QByteArray body; // JSON; empty for 204 and 304
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse fromError(const ApiError &error);
};

class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;
    static constexpr int MaxBatchIds = 10000;
    static constexpr int MaxEvents = 1000;

    explicit ApiServer(Storage *storage, QObject *parent = nullptr);

    // Logs one line per request (method, path, status, milliseconds) when on.
    void setRequestLogging(bool on) { m_logRequests = on; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Context
    {
        const QHttpServerRequest &request;
        const User *user = nullptr;
    };

    ApiResponse dispatch(const QHttpServerRequest &request, const User **who);
    ApiResponse me(const Context &c);
    ApiResponse users(const Context &c);
    ApiResponse listOptOuts(const Context &c);
    ApiResponse putOptOut(const Context &c, const QString &userId);
    ApiResponse deleteOptOut(const Context &c, const QString &userId);
    ApiResponse batch(const Context &c);
    ApiResponse audit(const Context &c);
    ApiResponse ingest(const Context &c);
    ApiResponse summary(const Context &c);

    // The user of the bearer token, or the error to answer.
    std::variant<const User *, ApiError> authenticate(const QHttpServerRequest &request) const;
    const User *orgUser(const User &caller, const QString &userId) const;
    QJsonObject optOutJson(const OptOut &optOut) const;
    QByteArray optOutsBody(const QString &orgId);
    std::optional<ApiError> checkIfMatch(const QHttpServerRequest &request, qint64 revision) const;

    Storage *m_storage;
    bool m_logRequests = true;
    // The serialised opt-out list per organisation, valid for the revision it was made at.
    QHash<QString, QPair<qint64, QByteArray>> m_optOutsCache;
};

// Helpers shared with tests: header look-up and ETag matching.
QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name);
bool etagMatches(const QByteArray &headerValue, const QByteArray &etag);
// True for "*" or a comma-separated list of (weak or strong) quoted entity tags.
bool isEntityTagList(const QByteArray &headerValue);
