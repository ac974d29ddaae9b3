// The HTTP side of the service: docs/api.md's routes as a table behind its HTTP edge, answered
// asynchronously when the store has to be asked (the HTTP thread never waits on a database).
#pragma once

#include "httperror.h"
#include "httpmethod.h"
#include "oidckeys.h"
#include "optoutdelta.h"
#include "store.h"

#include <QPointer>

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <variant>

class AuthApi;
struct CachedOrg;
class AuthThrottle;
class ChangeStreams;
class EventsJsonReader;
class ResponseStream;
class OptOutService;
class ScimApi;

// What a route handler answers: a status, an optional JSON body and extra headers.
struct ApiResponse
{
    ApiResponse() = default;
    ApiResponse(int status, QByteArray body, QList<QPair<QByteArray, QByteArray>> headers = {})
        : status(status)
        , body(std::move(body))
        , headers(std::move(headers))
    {
    }

    int status = 200;
    QByteArray body; // JSON; empty for 204 and 304
    QList<QPair<QByteArray, QByteArray>> headers; // a Content-Type here replaces application/json
    // Set: the answer stays open after the head and `body`, the edge writing what the stream
    // sends until either side ends it (GET /api/v1/changes/stream).
    QPointer<ResponseStream> stream;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse fromError(const HttpError &error);
};

// A request as a value: the connection reads its next request while this one waits for the
// store.
struct ApiRequest
{
    HttpMethod method = HttpMethod::Unknown;
    QUrl url;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray target; // as sent (percent-encoded)
    QHostAddress client; // the client's address (behind a trusted proxy, the one it names)
    QStringList params; // the path's {parameters}, in order
    int route = -1; // in ApiServer::routes(), once screened
    std::optional<StoredUser> user; // the caller, for routes that need a token
    // Names the request: on every audit entry it writes, and in its answer's X-Request-Id.
    QString requestId;

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

    // `instance` names this server in /healthz (several behind one load balancer); `oidc`:
    // how the identity providers' keys are fetched (signing in, server/auth/).
    ApiServer(OptOutService *service, const QString &instance, const OidcKeys::Options &oidc = {},
              QObject *parent = nullptr);
    ~ApiServer() override;

    using Respond = std::function<void(ApiResponse)>;
    using Handler = void (ApiServer::*)(const ApiRequest &, Respond);
    // A route of the SCIM endpoint (server/scim/).
    using ScimHandler = void (ScimApi::*)(const ApiRequest &, Respond);
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
        Handler handler = nullptr; // one of the two
        ScimHandler scimHandler = nullptr;
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
    // The open change streams (GET /api/v1/changes/stream) and their options.
    ChangeStreams *changeStreams() const { return m_changeStreams.get(); }
    // Failed authentications a client address may make within a minute before it gets 429.
    void setAuthFailureLimit(int failures);

private:
    void health(const ApiRequest &r, Respond respond);
    void me(const ApiRequest &r, Respond respond);
    void users(const ApiRequest &r, Respond respond);
    void listOptOuts(const ApiRequest &r, Respond respond);
    // What a refresh needs to know first: the revisions of users and opt-outs and the caller's
    // usageTracking, one conditional request for an unchanged organisation.
    void syncState(const ApiRequest &r, Respond respond);
    void changesStream(const ApiRequest &r, Respond respond);
    void putOptOut(const ApiRequest &r, Respond respond);
    void deleteOptOut(const ApiRequest &r, Respond respond);
    void batch(const ApiRequest &r, Respond respond);
    void audit(const ApiRequest &r, Respond respond);
    void ingest(const ApiRequest &r, Respond respond);
    void summary(const ApiRequest &r, Respond respond);
    // Calls the route's handler.
    void dispatch(const Route &route, const ApiRequest &request, Respond respond);
    void auth(const ApiRequest &r, Respond respond); // server/auth/authapi.cpp answers
    void enforcement(const ApiRequest &r, Respond respond); // in enforcementroute.cpp
    // In groupsroute.cpp.
    void groups(const ApiRequest &r, Respond respond);
    void groupMembers(const ApiRequest &r, Respond respond);
    // In rulesroute.cpp.
    void listRules(const ApiRequest &r, Respond respond);
    void previewRule(const ApiRequest &r, Respond respond);
    void createRule(const ApiRequest &r, Respond respond);
    void deleteRule(const ApiRequest &r, Respond respond);
    // An opt-out entry's "via": every cover that applies.
    QJsonArray viaJson(const StoredOptOut &o) const;
    QJsonValue userRefOrNull(const QString &userId) const;
    std::optional<ApiResponse> screenRequest(ApiRequest &request, qint64 bodyBytes) const;

    // False when the same user made this read (user id + URL) within the read-event window.
    bool isNewRead(const QString &key);
    // The answer to a store that could not do it: 503 + Retry-After, or 500.
    static ApiResponse storeFailure(StoreStatus status);
    // The caller, or the 401 to answer (with its WWW-Authenticate header).
    std::variant<StoredUser, ApiResponse> authenticate(const ApiRequest &request) const;
    bool isOrgUser(const StoredUser &caller, const QString &userId) const;
    QJsonObject optOutJson(const StoredOptOut &optOut) const;
    QByteArray optOutsBody(const QString &orgId);
    // GET /api/v1/optouts: the whole list, or with `since` a revision whose list is kept, what
    // changed since (OptOutSnapshots).
    QByteArray optOutsAnswer(const CachedOrg &org, std::optional<qint64> since);
    // The If-Match condition: nullopt for none or "*", else the revisions it names; an error
    // for a malformed header.
    std::variant<std::optional<QList<qint64>>, HttpError> ifMatch(const ApiRequest &request) const;

    OptOutService *m_service;
    QString m_instance;
    // The serialised opt-out list per organisation, for the revision it was made at.
    QHash<QString, QPair<qint64, QByteArray>> m_optOutsCache;
    // The lists answered lately, for the changes since one of them.
    OptOutSnapshots m_optOutSnapshots;
    std::unique_ptr<ScimApi> m_scim;
    std::unique_ptr<ChangeStreams> m_changeStreams;
    std::unique_ptr<AuthApi> m_auth;
    std::unique_ptr<EventsJsonReader> m_eventsReader; // keeps its buffers between requests
    // Reads recorded as server-side events: key -> m_readClock time.
    QHash<QString, qint64> m_recentReads;
    QElapsedTimer m_readClock;
    // Failed authentications per client address (a pointer: screen() is const).
    std::unique_ptr<AuthThrottle> m_throttle;
    QElapsedTimer m_throttleClock;
};

// Helpers shared with tests: ETag matching.
bool etagMatches(const QByteArray &headerValue, const QByteArray &etag);
// True for "*" or a comma-separated list of (weak or strong) quoted entity tags.
bool isEntityTagList(const QByteArray &headerValue);
