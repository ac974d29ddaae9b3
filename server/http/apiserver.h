// The HTTP side of the service: docs/api.md's routes as a table over Qt HttpServer, answered
// asynchronously when the store has to be asked (the HTTP thread never waits on a database).
#pragma once

#include "apierror.h"
#include "store.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <variant>

class EventsJsonReader;
class OptOutService;
class ScimApi;

// What a route handler answers: a status, an optional JSON body and extra headers.
struct ApiResponse
{
    int status = 200;
    QByteArray body; // JSON; empty for 204 and 304
    QList<QPair<QByteArray, QByteArray>> headers; // a Content-Type here replaces application/json

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse fromError(const ApiError &error);
};

// A request as a value: the QHttpServerRequest is reused for the connection's next request
// while this one waits for the store.
struct ApiRequest
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QUrl url;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray target; // as sent (percent-encoded)
    QStringList params; // the path's {parameters}, in order
    int route = -1; // in ApiServer::routes(), once screened
    std::optional<StoredUser> user; // the caller, for routes that need a token

    QByteArray header(const QByteArray &name) const;
};

class ApiServer final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;
    static constexpr int MaxBatchIds = 10000;
    static constexpr int MaxEvents = 1000;
    static constexpr int MaxReasonLength = 500;

    // `instance` names this server in /healthz (several behind one load balancer).
    ApiServer(OptOutService *service, const QString &instance, QObject *parent = nullptr);
    ~ApiServer() override;

    using Respond = std::function<void(ApiResponse)>;
    using Handler = void (ApiServer::*)(const ApiRequest &, Respond);
    enum class Access {
        Public, // no token
        AnyRole, // a valid token
        ProductAdmin, // a valid token of a product administrator
        DirectorySync, // a valid token of the role directory_sync (SCIM)
    };
    struct Route
    {
        QByteArray method; // GET routes answer HEAD too
        QString path; // segments; "{name}" matches any one non-empty segment
        Access access;
        Handler handler;
    };
    // The table, in the order Allow headers list methods.
    static const QVector<Route> &routes();

    // The checks a request's header block decides, in docs/api.md's order: route, method,
    // authentication, role, the declared body size (`bodyBytes`: 0 none, -1 chunked) and its
    // media type. Returns the answer when one of them refuses (the body is then never read);
    // otherwise fills request.route, .params and .user and returns nullopt.
    std::optional<ApiResponse> screen(ApiRequest &request, qint64 bodyBytes) const;
    // Answers a screened request, with its body, through its route's handler.
    void handle(ApiRequest request, Respond respond);

private:
    void health(const ApiRequest &r, Respond respond);
    void me(const ApiRequest &r, Respond respond);
    void users(const ApiRequest &r, Respond respond);
    void listOptOuts(const ApiRequest &r, Respond respond);
    // What a refresh needs to know first: the revisions of users and opt-outs and the caller's
    // usageTracking, one conditional request for an unchanged organisation.
    void syncState(const ApiRequest &r, Respond respond);
    void putOptOut(const ApiRequest &r, Respond respond);
    void deleteOptOut(const ApiRequest &r, Respond respond);
    void batch(const ApiRequest &r, Respond respond);
    void audit(const ApiRequest &r, Respond respond);
    void ingest(const ApiRequest &r, Respond respond);
    void summary(const ApiRequest &r, Respond respond);
    void enforcement(const ApiRequest &r, Respond respond); // in enforcementroute.cpp
    void scim(const ApiRequest &r, Respond respond); // server/scim/scimapi.cpp answers
    std::optional<ApiResponse> screenRequest(ApiRequest &request, qint64 bodyBytes) const;

    // False when the same user made this read (user id + URL) within the read-event window.
    bool isNewRead(const QString &key);
    // The answer to a store that could not do it: 503 + Retry-After, or 500.
    static ApiResponse storeFailure(StoreStatus status);
    std::variant<StoredUser, ApiError> authenticate(const ApiRequest &request) const;
    bool isOrgUser(const StoredUser &caller, const QString &userId) const;
    QJsonObject optOutJson(const StoredOptOut &optOut) const;
    QByteArray optOutsBody(const QString &orgId);
    // The If-Match condition: nullopt for none or "*", else the revisions it names; an error
    // for a malformed header.
    std::variant<std::optional<QList<qint64>>, ApiError> ifMatch(const ApiRequest &request) const;

    OptOutService *m_service;
    QString m_instance;
    // The serialised opt-out list per organisation, for the revision it was made at.
    QHash<QString, QPair<qint64, QByteArray>> m_optOutsCache;
    std::unique_ptr<ScimApi> m_scim;
    std::unique_ptr<EventsJsonReader> m_eventsReader; // keeps its buffers between requests
    // Reads recorded as server-side events: key -> m_readClock time.
    QHash<QString, qint64> m_recentReads;
    QElapsedTimer m_readClock;
};

// Helpers shared with tests: header look-up and ETag matching.
QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name);
bool etagMatches(const QByteArray &headerValue, const QByteArray &etag);
// True for "*" or a comma-separated list of (weak or strong) quoted entity tags.
bool isEntityTagList(const QByteArray &headerValue);
