// The HTTP side of the service: docs/api.md's routes as a table behind its HTTP edge, answered
// asynchronously when the store has to be asked (the HTTP thread never waits on a database).
#include "apiserver.h"

#include "authapi.h"
#include "auththrottle.h"
#include "changestreams.h"
#include "eventsjson.h"
#include "optoutservice.h"
#include "scimapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSet>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcHttp, "optout.http", QtInfoMsg)

namespace {

const QString ProductAdmin = QStringLiteral("product_admin");
const QString TrackingService = QStringLiteral("tracking_service");

QString rfc3339(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// What caused an audit entry (docs/api.md, the audit's source): an administrator's request names
// its actor; only the service's own work has none, its retention window (purges) or the directory.
QString auditSource(const AuditRecord &e)
{
    if (!e.actorId.isEmpty())
        return QStringLiteral("request");
    return e.action == QLatin1String("purge") ? QStringLiteral("retention")
                                              : QStringLiteral("directory");
}

QJsonObject userRef(const StoredUser &u, bool withName = true)
{
    QJsonObject o {{QStringLiteral("id"), u.id}, {QStringLiteral("email"), u.email}};
    if (withName)
        o.insert(QStringLiteral("name"), u.name);
    return o;
}

QByteArray quoted(qint64 revision)
{
    return '"' + QByteArray::number(revision) + '"';
}

const char *methodName(HttpMethod m)
{
    switch (m) {
    case HttpMethod::Get:
        return "GET";
    case HttpMethod::Put:
        return "PUT";
    case HttpMethod::Delete:
        return "DELETE";
    case HttpMethod::Post:
        return "POST";
    case HttpMethod::Head:
        return "HEAD";
    case HttpMethod::Options:
        return "OPTIONS";
    case HttpMethod::Patch:
        return "PATCH";
    case HttpMethod::Connect:
        return "CONNECT";
    case HttpMethod::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

// Reads an integer query parameter within [min, max]; absent gives `fallback`.
std::variant<int, HttpError> intParameter(const QUrlQuery &query, const QString &name, int fallback,
                                          int min, int max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        return HttpError::invalidRequest(
            QStringLiteral("Query parameter '%1' must be an integer from %2 to %3.")
                .arg(name)
                .arg(min)
                .arg(max),
            {{QStringLiteral("parameter"), name}});
    }
    return value;
}

std::variant<QJsonObject, HttpError> parseObject(const QByteArray &body)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return HttpError::invalidRequest(
            QStringLiteral("The body is not valid JSON: %1.").arg(error.errorString()),
            {{QStringLiteral("offset"), error.offset}});
    }
    if (!doc.isObject())
        return HttpError::invalidRequest(QStringLiteral("The body must be a JSON object."));
    return doc.object();
}

// An optional array of strings; ids are de-duplicated keeping their order.
std::variant<QStringList, HttpError> idList(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray()) {
        return HttpError::invalidRequest(
            QStringLiteral("'%1' must be an array of user ids.").arg(key),
            {{QStringLiteral("field"), key}});
    }
    QStringList ids;
    QSet<QString> seen;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        if (!v.isString() || v.toString().isEmpty()) {
            return HttpError::invalidRequest(
                QStringLiteral("'%1' must hold only non-empty strings.").arg(key),
                {{QStringLiteral("field"), key}});
        }
        const QString id = v.toString();
        if (!seen.contains(id)) {
            seen.insert(id);
            ids.append(id);
        }
    }
    return ids;
}

// RFC 8259: a control character inside a string must be escaped (Qt's parser lets some
// through).
bool isJsonText(const QByteArray &body)
{
    bool inString = false;
    bool escaped = false;
    for (const char c : body) {
        if (!inString) {
            inString = c == '"';
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20)
            return false;
        if (escaped)
            escaped = false;
        else if (c == '\\')
            escaped = true;
        else if (c == '"')
            inString = false;
    }
    return true;
}

// The optional fields of an opt-out (PUT's body, a batch's): a reason and deleteStoredEvents.
struct OptOutOptions
{
    QString reason; // null: none
    bool deleteStoredEvents = false;
};

std::variant<OptOutOptions, HttpError> optOutOptions(const QJsonObject &body)
{
    OptOutOptions options;
    const QString reasonKey = QStringLiteral("reason");
    const QJsonValue reason = body.value(reasonKey);
    if (!reason.isUndefined() && !reason.isNull()) {
        if (!reason.isString()) {
            return HttpError::invalidRequest(QStringLiteral("'reason' must be a string."),
                                             {{QStringLiteral("field"), reasonKey}});
        }
        const QString text = reason.toString();
        if (text.toUcs4().size() > ApiServer::MaxReasonLength) {
            return HttpError::invalidRequest(QStringLiteral("'reason' holds at most %1 characters.")
                                                 .arg(ApiServer::MaxReasonLength),
                                             {{QStringLiteral("field"), reasonKey}});
        }
        if (hasControlCharacters(text)) {
            return HttpError::invalidRequest(
                QStringLiteral("'reason' may not hold control characters (line breaks, tabs)."),
                {{QStringLiteral("field"), reasonKey}});
        }
        if (!text.isEmpty())
            options.reason = text;
    }
    const QString deleteKey = QStringLiteral("deleteStoredEvents");
    const QJsonValue del = body.value(deleteKey);
    if (!del.isUndefined() && !del.isNull()) {
        if (!del.isBool()) {
            return HttpError::invalidRequest(
                QStringLiteral("'deleteStoredEvents' must be true or false."),
                {{QStringLiteral("field"), deleteKey}});
        }
        options.deleteStoredEvents = del.toBool();
    }
    return options;
}

// An RFC 3339 time query parameter: absent gives an invalid time.
std::variant<QDateTime, HttpError> timeParameter(const QUrlQuery &query, const QString &name)
{
    if (!query.hasQueryItem(name))
        return QDateTime();
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || t.timeSpec() == Qt::LocalTime || text.size() < 20) {
        return HttpError::invalidRequest(
            QStringLiteral("Query parameter '%1' must be an RFC 3339 time, e.g. "
                           "2026-11-22T16:00:00Z.")
                .arg(name),
            {{QStringLiteral("parameter"), name}});
    }
    return t.toUTC();
}

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

// The answer to a change the store refused, for the refusals every changing call answers
// alike (an unknown user is answered by each call in its own words); nullopt otherwise.
std::optional<ApiResponse> refusedChange(const OptOutChangeOutcome &o)
{
    switch (o.kind) {
    case OptOutChangeOutcome::Kind::PreconditionFailed:
        return ApiResponse::fromError(HttpError::preconditionFailed(o.revision));
    case OptOutChangeOutcome::Kind::InBothLists:
        return ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("A user id cannot be in both 'optOut' and 'optIn'."),
            {{QStringLiteral("userIds"), toJsonArray(o.conflictingUserIds)}}));
    case OptOutChangeOutcome::Kind::CoveredByRule:
        return ApiResponse::fromError(HttpError::coveredByRule(o.conflictingUserIds, o.ruleIds));
    case OptOutChangeOutcome::Kind::Applied:
    case OptOutChangeOutcome::Kind::UnknownUsers:
        break;
    }
    return std::nullopt;
}

} // namespace

bool isEntityTagList(const QByteArray &header)
{
    if (header.trimmed() == "*")
        return true;
    const QList<QByteArray> tags = header.split(',');
    for (QByteArray tag : tags) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag.size() < 2 || !tag.startsWith('"') || !tag.endsWith('"')
            || tag.mid(1, tag.size() - 2).contains('"'))
            return false;
    }
    return true;
}

bool etagMatches(const QByteArray &header, const QByteArray &etag)
{
    const QList<QByteArray> candidates = header.split(',');
    for (QByteArray c : candidates) {
        c = c.trimmed();
        if (c == "*")
            return true;
        if (c.startsWith("W/"))
            c = c.mid(2);
        if (c == etag)
            return true;
    }
    return false;
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    return ApiResponse {status, QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

ApiResponse ApiResponse::fromError(const HttpError &error)
{
    return ApiResponse {error.status, error.toJson(), {}};
}

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

const QVector<ApiServer::Route> &ApiServer::routes()
{
    using A = Access;
    static const QVector<Route> table {
        {"GET", QStringLiteral("/healthz"), A::Public, &ApiServer::health},
        {"GET", QStringLiteral("/api/v1/me"), A::AnyRole, &ApiServer::me},
        {"GET", QStringLiteral("/api/v1/users"), A::ProductAdmin, &ApiServer::users},
        {"GET", QStringLiteral("/api/v1/optouts"), A::ProductAdmin, &ApiServer::listOptOuts},
        {"GET", QStringLiteral("/api/v1/sync-state"), A::ProductAdmin, &ApiServer::syncState},
        {"GET", QStringLiteral("/api/v1/changes/stream"), A::ProductAdmin,
         &ApiServer::changesStream},
        {"POST", QStringLiteral("/api/v1/optouts/batch"), A::ProductAdmin, &ApiServer::batch},
        {"PUT", QStringLiteral("/api/v1/optouts/{userId}"), A::ProductAdmin, &ApiServer::putOptOut},
        {"DELETE", QStringLiteral("/api/v1/optouts/{userId}"), A::ProductAdmin,
         &ApiServer::deleteOptOut},
        {"GET", QStringLiteral("/api/v1/audit"), A::ProductAdmin, &ApiServer::audit},
        {"POST", QStringLiteral("/api/v1/usage/events"), A::AnyRole, &ApiServer::ingest},
        {"GET", QStringLiteral("/api/v1/usage/summary"), A::ProductAdmin, &ApiServer::summary},
        // Signing in with the organisation's identity provider: server/auth/.
        {"GET", QStringLiteral("/api/v1/auth/discover"), A::Public, &ApiServer::auth},
        {"POST", QStringLiteral("/api/v1/auth/sessions"), A::Public, &ApiServer::auth},
        {"DELETE", QStringLiteral("/api/v1/auth/sessions/current"), A::AnyRole, &ApiServer::auth},
        {"GET", QStringLiteral("/api/v1/usage/enforcement"), A::ProductAdmin,
         &ApiServer::enforcement},
        {"GET", QStringLiteral("/api/v1/optout-rules"), A::ProductAdmin, &ApiServer::listRules},
        {"POST", QStringLiteral("/api/v1/optout-rules"), A::ProductAdmin, &ApiServer::createRule},
        {"POST", QStringLiteral("/api/v1/optout-rules/preview"), A::ProductAdmin,
         &ApiServer::previewRule},
        {"DELETE", QStringLiteral("/api/v1/optout-rules/{id}"), A::ProductAdmin,
         &ApiServer::deleteRule},
        {"GET", QStringLiteral("/api/v1/groups"), A::ProductAdmin, &ApiServer::groups},
        {"GET", QStringLiteral("/api/v1/groups/{id}/members"), A::ProductAdmin,
         &ApiServer::groupMembers},
        // Directory sync (SCIM 2.0): server/scim/.
        {"GET", QStringLiteral("/scim/v2/ServiceProviderConfig"), A::DirectorySync, nullptr,
         &ScimApi::serviceProviderConfig},
        {"GET", QStringLiteral("/scim/v2/ResourceTypes"), A::DirectorySync, nullptr,
         &ScimApi::resourceTypes},
        {"GET", QStringLiteral("/scim/v2/ResourceTypes/{id}"), A::DirectorySync, nullptr,
         &ScimApi::resourceType},
        {"GET", QStringLiteral("/scim/v2/Schemas"), A::DirectorySync, nullptr, &ScimApi::schemas},
        {"GET", QStringLiteral("/scim/v2/Schemas/{id}"), A::DirectorySync, nullptr,
         &ScimApi::schema},
        {"GET", QStringLiteral("/scim/v2/Users"), A::DirectorySync, nullptr, &ScimApi::listUsers},
        {"POST", QStringLiteral("/scim/v2/Users"), A::DirectorySync, nullptr, &ScimApi::createUser},
        {"GET", QStringLiteral("/scim/v2/Users/{id}"), A::DirectorySync, nullptr,
         &ScimApi::getUser},
        {"PUT", QStringLiteral("/scim/v2/Users/{id}"), A::DirectorySync, nullptr,
         &ScimApi::replaceUser},
        {"PATCH", QStringLiteral("/scim/v2/Users/{id}"), A::DirectorySync, nullptr,
         &ScimApi::patchUser},
        {"DELETE", QStringLiteral("/scim/v2/Users/{id}"), A::DirectorySync, nullptr,
         &ScimApi::deleteUser},
        {"GET", QStringLiteral("/scim/v2/Groups"), A::DirectorySync, nullptr, &ScimApi::listGroups},
        {"POST", QStringLiteral("/scim/v2/Groups"), A::DirectorySync, nullptr,
         &ScimApi::createGroup},
        {"GET", QStringLiteral("/scim/v2/Groups/{id}"), A::DirectorySync, nullptr,
         &ScimApi::getGroup},
        {"PUT", QStringLiteral("/scim/v2/Groups/{id}"), A::DirectorySync, nullptr,
         &ScimApi::replaceGroup},
        {"PATCH", QStringLiteral("/scim/v2/Groups/{id}"), A::DirectorySync, nullptr,
         &ScimApi::patchGroup},
        {"DELETE", QStringLiteral("/scim/v2/Groups/{id}"), A::DirectorySync, nullptr,
         &ScimApi::deleteGroup},
    };
    return table;
}

ApiServer::ApiServer(OptOutService *service, const QString &instance, const OidcKeys::Options &oidc,
                     QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_instance(instance)
    , m_scim(std::make_unique<ScimApi>(service))
    , m_changeStreams(std::make_unique<ChangeStreams>(service))
    , m_auth(std::make_unique<AuthApi>(service, oidc))
    , m_eventsReader(std::make_unique<EventsJsonReader>())
    , m_throttle(std::make_unique<AuthThrottle>())
{
    m_throttleClock.start();
    // Another instance's changes may arrive under a revision this one already serialised.
    connect(m_service, &OptOutService::refreshed, this, [this] { m_optOutsCache.clear(); });
}

ApiServer::~ApiServer() = default;

void ApiServer::setAuthFailureLimit(int failures)
{
    m_throttle = std::make_unique<AuthThrottle>(AuthThrottle::MaxAddresses, failures);
}

void ApiServer::dispatch(const Route &route, const ApiRequest &request, Respond respond)
{
    if (route.scimHandler)
        return (m_scim.get()->*(route.scimHandler))(request, std::move(respond));
    (this->*(route.handler))(request, std::move(respond));
}

void ApiServer::auth(const ApiRequest &r, Respond respond)
{
    m_auth->handle(r, std::move(respond));
}

std::optional<ApiResponse> ApiServer::screen(ApiRequest &request, qint64 bodyBytes) const
{
    std::optional<ApiResponse> early = screenRequest(request, bodyBytes);
    // SCIM clients get every refusal in SCIM's error format.
    if (early && request.url.path().startsWith(QLatin1String("/scim/")))
        early = Scim::toScimError(*early);
    return early;
}

std::optional<ApiResponse> ApiServer::screenRequest(ApiRequest &request, qint64 bodyBytes) const
{
    using Method = HttpMethod;
    const auto notFound = [] {
        return ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such route.")));
    };
    // An address that failed to authenticate too often is refused whatever it asks.
    if (const int seconds
        = m_throttle->refusedForSeconds(request.client, m_throttleClock.elapsed());
        seconds > 0) {
        ApiResponse r = ApiResponse::fromError(HttpError::tooManyRequests(seconds));
        r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(seconds)));
        return r;
    }
    const QStringList segments = request.url.path().split(QLatin1Char('/'));
    if (segments.size() < 2 || !segments.first().isEmpty() || segments.mid(1).contains(QString()))
        return notFound();

    // The routes whose path matches, keeping the most literal ones ("batch" over "{userId}").
    QVector<int> matches;
    QStringList params;
    int bestLiterals = -1;
    const QVector<Route> &table = routes();
    static const QVector<QStringList> patterns = [&table] {
        QVector<QStringList> split;
        for (const Route &route : table)
            split.append(route.path.split(QLatin1Char('/')));
        return split;
    }();
    for (int index = 0; index < table.size(); ++index) {
        const QStringList &pattern = patterns.at(index);
        if (pattern.size() != segments.size())
            continue;
        int literals = 0;
        QStringList found;
        bool match = true;
        for (int i = 1; i < pattern.size() && match; ++i) {
            if (pattern.at(i).startsWith(QLatin1Char('{')))
                found.append(segments.at(i));
            else if (pattern.at(i) == segments.at(i))
                ++literals;
            else
                match = false;
        }
        if (!match || literals < bestLiterals)
            continue;
        if (literals > bestLiterals) {
            matches.clear();
            bestLiterals = literals;
        }
        matches.append(index);
        params = found;
    }
    if (matches.isEmpty())
        return notFound();

    const QByteArray method = request.method == Method::Head
        ? QByteArray("GET")
        : QByteArray(methodName(request.method));
    const Route *route = nullptr;
    QList<QByteArray> allow;
    for (const int index : std::as_const(matches)) {
        const Route &m = table.at(index);
        allow.append(m.method);
        if (m.method == "GET")
            allow.append("HEAD");
        if (m.method == method) {
            route = &m;
            request.route = index;
        }
    }
    if (!route) {
        ApiResponse r = ApiResponse::fromError(HttpError::methodNotAllowed());
        r.headers.append(qMakePair(QByteArray("Allow"), allow.join(", ")));
        return r;
    }
    request.params = params;
    if (route->access != Access::Public) {
        // Fails closed: without its storage the service cannot confirm a token or an opt-out.
        if (!m_service->isAvailable())
            return storeFailure(StoreStatus::Unavailable);
        const auto auth = authenticate(request);
        if (const auto *refused = std::get_if<ApiResponse>(&auth)) {
            const QString client = request.client.toString();
            qCWarning(lcHttp).noquote()
                << "authentication failed from" << (client.isEmpty() ? QStringLiteral("-") : client)
                << "on" << request.url.path(QUrl::FullyEncoded).left(200);
            if (m_throttle->recordFailure(request.client, m_throttleClock.elapsed())) {
                qCWarning(lcHttp).noquote()
                    << m_throttle->maxFailures() << "failed authentications from" << client
                    << "within a minute: its requests are refused until the minute has passed";
            }
            return *refused;
        }
        const StoredUser &user = std::get<StoredUser>(auth);
        if (route->access == Access::ProductAdmin
            && !user.roles.contains(QLatin1String("product_admin"))) {
            return ApiResponse::fromError(
                HttpError::forbidden(QStringLiteral("Only product administrators may do this.")));
        }
        if ((route->access == Access::DirectorySync)
            != user.roles.contains(QLatin1String("directory_sync"))) {
            // SCIM takes only directory tokens, and a directory token only SCIM (and /me).
            if (route->access == Access::DirectorySync || route->access == Access::ProductAdmin
                || request.url.path() != QLatin1String("/api/v1/me"))
                return ApiResponse::fromError(HttpError::forbidden(
                    route->access == Access::DirectorySync
                        ? QStringLiteral("Only a directory_sync token may use SCIM.")
                        : QStringLiteral("A directory_sync token may only use SCIM.")));
        }
        request.user = user;
    }
    if (bodyBytes > MaxBodyBytes) {
        return ApiResponse::fromError(
            HttpError::payloadTooLarge(QStringLiteral("The body is larger than 1 MiB.")));
    }
    if (bodyBytes != 0) {
        // application/json, with at most a charset parameter of utf-8.
        // (SCIM's own JSON media type on its paths.)
        const QList<QByteArray> parts = request.header("Content-Type").split(';');
        const QByteArray type = parts.first().trimmed().toLower();
        bool json = type == "application/json"
            || (type == "application/scim+json" && request.target.startsWith("/scim/"));
        for (int i = 1; i < parts.size() && json; ++i) {
            const QByteArray parameter = parts.at(i).trimmed().toLower();
            json = parameter == "charset=utf-8" || parameter == "charset=\"utf-8\"";
        }
        if (!json)
            return ApiResponse::fromError(HttpError::unsupportedMediaType());
    }
    return std::nullopt;
}

void ApiServer::handle(ApiRequest request, Respond respond)
{
    const Route &route = routes().at(request.route);
    request.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    respond
        = [id = request.requestId.toLatin1(), respond = std::move(respond)](ApiResponse response) {
              response.headers.append(qMakePair(QByteArray("X-Request-Id"), id));
              respond(std::move(response));
          };
    if (request.url.path().startsWith(QLatin1String("/scim/"))) {
        // SCIM clients get every refusal in SCIM's error format.
        respond = [respond = std::move(respond)](ApiResponse response) {
            respond(Scim::toScimError(response));
        };
    }
    if (route.access == Access::Public || !request.user)
        return dispatch(route, request, std::move(respond));
    if (!request.body.isEmpty() && !isJsonText(request.body)) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("The body is not valid JSON: a string holds a control character."))));
    }

    // Server-side tracking of the caller; the store drops it if the caller is out by then.
    const StoredUser user = *request.user;
    const QString section = request.url.path().section(QLatin1Char('/'), 3, 3);
    const QString eventName = QStringLiteral("api.%1.%2")
                                  .arg(section.isEmpty() ? QStringLiteral("root") : section,
                                       QString::fromLatin1(methodName(request.method)).toLower());
    if (route.access == Access::DirectorySync) // a service account: not a tracked person
        return dispatch(route, request, std::move(respond));
    // Not recorded: HEAD, 304, and a read the same user made identically within the window
    // (so a window left open and polling records nothing).
    const bool head = request.method == HttpMethod::Head;
    const bool read = request.method == HttpMethod::Get;
    const QString readKey = read ? user.id + QLatin1Char(' ')
            + request.url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded)
                                 : QString();
    Respond tracked
        = [this, user, eventName, head, readKey, respond = std::move(respond)](ApiResponse r) {
              if (r.status < 400 && r.status != 304 && !head && isNewRead(readKey))
                  m_service->recordServerEvent(user, eventName);
              respond(std::move(r));
          };
    dispatch(route, request, std::move(tracked));
}

bool ApiServer::isNewRead(const QString &key)
{
    if (key.isEmpty())
        return true; // a change: always recorded
    if (!m_readClock.isValid())
        m_readClock.start();
    const qint64 now = m_readClock.elapsed();
    const qint64 window = m_service->options().readEventWindowMs;
    if (m_recentReads.size() > 20000) {
        for (auto it = m_recentReads.begin(); it != m_recentReads.end();)
            it = now - it.value() >= window ? m_recentReads.erase(it) : std::next(it);
    }
    const auto it = m_recentReads.constFind(key);
    if (it != m_recentReads.cend() && now - it.value() < window)
        return false;
    m_recentReads.insert(key, now);
    return true;
}

ApiResponse ApiServer::storeFailure(StoreStatus status)
{
    if (isTemporary(status)) {
        ApiResponse r = ApiResponse::fromError(status == StoreStatus::WriteRefused
                                                   ? HttpError::writesRefused()
                                                   : HttpError::unavailable());
        r.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(HttpError::RetryAfterSeconds)));
        return r;
    }
    return ApiResponse::fromError(HttpError::internal());
}

std::variant<StoredUser, ApiResponse> ApiServer::authenticate(const ApiRequest &request) const
{
    // RFC 6750 §3: the scheme to use, and invalid_token when a token was given and refused.
    const auto refuse = [](const QString &message, bool invalidToken) {
        ApiResponse r = ApiResponse::fromError(HttpError::unauthenticated(message));
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                   invalidToken ? QByteArray("Bearer error=\"invalid_token\"")
                                                : QByteArray("Bearer")));
        return r;
    };
    const QByteArray header = request.header("Authorization");
    if (header.isEmpty())
        return refuse(QStringLiteral("A bearer token is required."), false);
    // The scheme's name is case-insensitive (RFC 9110 §11.1).
    const qsizetype space = header.indexOf(' ');
    const QByteArray token = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (space < 0 || header.first(space).compare("Bearer", Qt::CaseInsensitive) != 0
        || token.isEmpty())
        return refuse(QStringLiteral("Use 'Authorization: Bearer <token>'."), false);
    const auto user = m_service->userForToken(token);
    if (!user && m_service->isExpiredToken(token)) {
        ApiResponse r = ApiResponse::fromError(
            HttpError {401,
                       QStringLiteral("session_expired"),
                       QStringLiteral("The session has expired: sign in again."),
                       {}});
        r.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                   QByteArray("Bearer error=\"invalid_token\"")));
        return r;
    }
    if (!user)
        return refuse(QStringLiteral("The token is unknown or revoked."), true);
    m_service->noteTokenUse(token);
    return *user;
}

bool ApiServer::isOrgUser(const StoredUser &caller, const QString &userId) const
{
    const StoredUser *u = m_service->user(userId);
    return u && u->orgId == caller.orgId;
}

QJsonObject ApiServer::optOutJson(const StoredOptOut &o) const
{
    QJsonObject entry;
    if (const StoredUser *u = m_service->user(o.userId)) {
        QJsonObject user = userRef(*u);
        if (!OptOutService::isListed(*u)) // left the directory: the entry stays, marked
            user.insert(QStringLiteral("active"), false);
        entry.insert(QStringLiteral("user"), user);
    }
    entry.insert(QStringLiteral("optedOutAt"), rfc3339(o.at));
    if (const StoredUser *by = m_service->user(o.byUserId))
        entry.insert(QStringLiteral("optedOutBy"), userRef(*by));
    entry.insert(QStringLiteral("reason"),
                 o.reason.isEmpty() ? QJsonValue() : QJsonValue(o.reason));
    entry.insert(QStringLiteral("purgeAt"), timeOrNull(o.purgeAt));
    entry.insert(QStringLiteral("via"), viaJson(o));
    return entry;
}

std::variant<std::optional<QList<qint64>>, HttpError>
ApiServer::ifMatch(const ApiRequest &request) const
{
    const QByteArray header = request.header("If-Match");
    if (header.isEmpty())
        return std::optional<QList<qint64>>();
    if (!isEntityTagList(header)) {
        return HttpError::invalidRequest(
            QStringLiteral("If-Match must be \"*\" or a list of quoted revisions, e.g. \"42\"."),
            {{QStringLiteral("header"), QStringLiteral("If-Match")}});
    }
    QList<qint64> revisions;
    const QList<QByteArray> tags = header.split(',');
    for (QByteArray tag : tags) {
        tag = tag.trimmed();
        if (tag == "*")
            return std::optional<QList<qint64>>();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        bool ok = false;
        const qint64 revision = tag.mid(1, tag.size() - 2).toLongLong(&ok);
        if (ok) // other tags are never a revision: they never match
            revisions.append(revision);
    }
    return std::optional<QList<qint64>>(revisions);
}

void ApiServer::health(const ApiRequest &, Respond respond)
{
    const bool writable = m_service->isWritable();
    const bool up = m_service->isAvailable() && writable;
    ApiResponse r = ApiResponse::json(
        up ? 200 : 503,
        {{QStringLiteral("status"), up ? QStringLiteral("ok") : QStringLiteral("unavailable")},
         {QStringLiteral("version"), QStringLiteral(OPTOUT_VERSION)},
         {QStringLiteral("storage"), m_service->storageKind()},
         {QStringLiteral("writable"), writable},
         {QStringLiteral("instance"), m_instance}});
    if (!up) {
        r.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(HttpError::RetryAfterSeconds)));
    }
    respond(std::move(r));
}

void ApiServer::me(const ApiRequest &r, Respond respond)
{
    const StoredUser &user = *r.user;
    const CachedOrg *org = m_service->org(user.orgId);
    QJsonObject body = userRef(user);
    body.insert(QStringLiteral("roles"), toJsonArray(user.roles));
    if (org) {
        body.insert(
            QStringLiteral("org"),
            QJsonObject {{QStringLiteral("id"), org->org.id},
                         {QStringLiteral("name"), org->org.name},
                         {QStringLiteral("productName"), org->org.productName},
                         {QStringLiteral("purgeAfterSeconds"), m_service->purgeAfterSeconds()},
                         {QStringLiteral("timeZone"), org->org.timeZone}});
    }
    body.insert(QStringLiteral("usageTracking"), !m_service->isOptedOut(user.id));
    respond(ApiResponse::json(200, body));
}

void ApiServer::users(const ApiRequest &r, Respond respond)
{
    const auto page = intParameter(r.query, QStringLiteral("page"), 0, 0, 1000000000);
    if (const auto *e = std::get_if<HttpError>(&page))
        return respond(ApiResponse::fromError(*e));
    const auto size = intParameter(r.query, QStringLiteral("pageSize"), 1000, 1, 5000);
    if (const auto *e = std::get_if<HttpError>(&size))
        return respond(ApiResponse::fromError(*e));
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(ApiResponse::fromError(HttpError::internal()));

    const QByteArray etag = "\"users-" + QByteArray::number(org->org.usersRevision) + '"';
    if (etagMatches(r.header("If-None-Match"), etag))
        return respond(ApiResponse {304, {}, {{"ETag", etag}}});

    const qint64 p = std::get<int>(page);
    const qint64 s = std::get<int>(size);
    const qint64 total = org->usersByEmail.size();
    QJsonArray list;
    for (qint64 i = p * s; i < std::min(total, (p + 1) * s); ++i)
        list.append(userRef(*org->usersByEmail.at(i)));
    ApiResponse response = ApiResponse::json(200,
                                             {{QStringLiteral("users"), list},
                                              {QStringLiteral("page"), p},
                                              {QStringLiteral("pageSize"), s},
                                              {QStringLiteral("total"), total},
                                              {QStringLiteral("lastPage"), (p + 1) * s >= total}});
    response.headers.append(qMakePair(QByteArray("ETag"), QByteArray(etag)));
    respond(std::move(response));
}

QByteArray ApiServer::optOutsBody(const QString &orgId)
{
    const CachedOrg *org = m_service->org(orgId);
    const qint64 revision = org->org.revision;
    const auto cached = m_optOutsCache.constFind(orgId);
    if (cached != m_optOutsCache.cend() && cached->first == revision)
        return cached->second;
    QJsonArray list;
    const QVector<StoredOptOut> optOuts = m_service->optOuts(orgId);
    for (const StoredOptOut &o : optOuts)
        list.append(optOutJson(o));
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("revision"), revision},
                                                       {QStringLiteral("optOuts"), list}})
                                .toJson(QJsonDocument::Compact);
    m_optOutsCache.insert(orgId, {revision, body});
    return body;
}

void ApiServer::listOptOuts(const ApiRequest &r, Respond respond)
{
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(ApiResponse::fromError(HttpError::internal()));
    const QByteArray etag = quoted(org->org.revision);
    if (etagMatches(r.header("If-None-Match"), etag))
        return respond(ApiResponse {304, {}, {{"ETag", etag}}});
    std::optional<qint64> since;
    if (r.query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        const qint64 value = r.query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        if (!ok || value < 0)
            return respond(ApiResponse::fromError(HttpError::invalidRequest(
                QStringLiteral("since must be a revision (a whole number, 0 or more)"))));
        since = value;
    }
    respond(ApiResponse {200, optOutsAnswer(*org, since), {{"ETag", etag}}});
}

QByteArray ApiServer::optOutsAnswer(const CachedOrg &org, std::optional<qint64> since)
{
    // Only a cache that holds the exact list at its revision is kept or compared.
    if (org.listRevision != org.org.revision)
        return optOutsBody(org.org.id);
    m_optOutSnapshots.remember(org.org.id, org.org.revision, org.optOuts);
    if (!since || *since > org.org.revision)
        return optOutsBody(org.org.id);
    const std::optional<OptOutDelta> delta
        = m_optOutSnapshots.deltaSince(org.org.id, *since, org.optOuts);
    if (!delta)
        return optOutsBody(org.org.id); // too old: the whole list
    QJsonArray changed;
    for (const StoredOptOut &o : delta->changed)
        changed.append(optOutJson(o));
    return QJsonDocument(QJsonObject {{QStringLiteral("revision"), org.org.revision},
                                      {QStringLiteral("since"), *since},
                                      {QStringLiteral("optOuts"), changed},
                                      {QStringLiteral("optedIn"),
                                       QJsonArray::fromStringList(delta->removed)}})
        .toJson(QJsonDocument::Compact);
}

void ApiServer::syncState(const ApiRequest &r, Respond respond)
{
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(ApiResponse::fromError(HttpError::internal()));
    // From the database's revisions only, so every instance on one database gives the same tag.
    const bool tracking = !m_service->isOptedOut(r.user->id);
    const QByteArray etag = "\"sync-" + QByteArray::number(org->org.usersRevision) + '-'
        + QByteArray::number(org->org.revision) + (tracking ? "-t\"" : "-f\"");
    if (etagMatches(r.header("If-None-Match"), etag))
        return respond(ApiResponse {304, {}, {{"ETag", etag}}});
    ApiResponse response = ApiResponse::json(200, syncStateJson(org->org, tracking));
    response.headers.append(qMakePair(QByteArray("ETag"), etag));
    respond(std::move(response));
}

void ApiServer::changesStream(const ApiRequest &r, Respond respond)
{
    respond(m_changeStreams->open(r));
}

void ApiServer::putOptOut(const ApiRequest &r, Respond respond)
{
    const QString userId = r.params.at(0);
    if (!isOrgUser(*r.user, userId))
        return respond(
            ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such user."))));
    OptOutOptions options;
    if (!r.body.trimmed().isEmpty()) {
        const auto parsed = parseObject(r.body);
        if (const auto *e = std::get_if<HttpError>(&parsed))
            return respond(ApiResponse::fromError(*e));
        const auto fields = optOutOptions(std::get<QJsonObject>(parsed));
        if (const auto *e = std::get_if<HttpError>(&fields))
            return respond(ApiResponse::fromError(*e));
        options = std::get<OptOutOptions>(fields);
    }
    const auto condition = ifMatch(r);
    if (const auto *e = std::get_if<HttpError>(&condition))
        return respond(ApiResponse::fromError(*e));
    OptOutChangeRequest change;
    change.requestId = r.requestId;
    change.orgId = r.user->orgId;
    change.actorId = r.user->id;
    change.optOut = {{userId, QDateTime::currentDateTimeUtc()}};
    change.reason = options.reason;
    change.deleteStoredEvents = options.deleteStoredEvents;
    change.ifRevisionIn = std::get<std::optional<QList<qint64>>>(condition);
    m_service->applyOptOuts(
        change, this,
        [this, respond = std::move(respond)](StoreResult<OptOutChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const OptOutChangeOutcome &o = result.value;
            if (auto refused = refusedChange(o))
                return respond(std::move(*refused));
            if (o.kind == OptOutChangeOutcome::Kind::UnknownUsers || o.entries.isEmpty()) {
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such user."))));
            }
            ApiResponse response
                = ApiResponse::json(o.optedOut > 0 ? 201 : 200, optOutJson(o.entries.first()));
            response.headers.append(qMakePair(QByteArray("ETag"), quoted(o.revision)));
            respond(std::move(response));
        });
}

void ApiServer::deleteOptOut(const ApiRequest &r, Respond respond)
{
    const QString userId = r.params.at(0);
    if (!isOrgUser(*r.user, userId))
        return respond(
            ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such user."))));
    const auto condition = ifMatch(r);
    if (const auto *e = std::get_if<HttpError>(&condition))
        return respond(ApiResponse::fromError(*e));
    OptOutChangeRequest change;
    change.requestId = r.requestId;
    change.orgId = r.user->orgId;
    change.actorId = r.user->id;
    change.optIn = {userId};
    change.ifRevisionIn = std::get<std::optional<QList<qint64>>>(condition);
    m_service->applyOptOuts(
        change, this, [respond = std::move(respond)](StoreResult<OptOutChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const OptOutChangeOutcome &o = result.value;
            if (auto refused = refusedChange(o))
                return respond(std::move(*refused));
            if (o.kind == OptOutChangeOutcome::Kind::UnknownUsers) {
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such user."))));
            }
            respond(ApiResponse {204, {}, {{"ETag", quoted(o.revision)}}});
        });
}

void ApiServer::batch(const ApiRequest &r, Respond respond)
{
    const auto parsed = parseObject(r.body);
    if (const auto *e = std::get_if<HttpError>(&parsed))
        return respond(ApiResponse::fromError(*e));
    const QJsonObject body = std::get<QJsonObject>(parsed);
    // The limit counts the ids as sent, before any de-duplication, and comes before existence.
    if (body.value(QStringLiteral("optOut")).toArray().size()
            + body.value(QStringLiteral("optIn")).toArray().size()
        > MaxBatchIds) {
        return respond(ApiResponse::fromError(HttpError::payloadTooLarge(
            QStringLiteral("A batch holds at most %1 user ids.").arg(MaxBatchIds))));
    }
    const auto out = idList(body, QStringLiteral("optOut"));
    if (const auto *e = std::get_if<HttpError>(&out))
        return respond(ApiResponse::fromError(*e));
    const auto in = idList(body, QStringLiteral("optIn"));
    if (const auto *e = std::get_if<HttpError>(&in))
        return respond(ApiResponse::fromError(*e));
    if (!body.contains(QStringLiteral("optOut")) && !body.contains(QStringLiteral("optIn"))) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("The batch needs an 'optOut' or an 'optIn' list."))));
    }
    const auto fields = optOutOptions(body);
    if (const auto *e = std::get_if<HttpError>(&fields))
        return respond(ApiResponse::fromError(*e));
    const OptOutOptions options = std::get<OptOutOptions>(fields);
    const QStringList &optOut = std::get<QStringList>(out);
    const QStringList &optIn = std::get<QStringList>(in);
    if (optOut.size() + optIn.size() > MaxBatchIds) {
        return respond(ApiResponse::fromError(HttpError::payloadTooLarge(
            QStringLiteral("A batch holds at most %1 user ids.").arg(MaxBatchIds))));
    }
    const QSet<QString> outSet(optOut.cbegin(), optOut.cend());
    QStringList both;
    for (const QString &id : optIn) {
        if (outSet.contains(id))
            both.append(id);
    }
    if (!both.isEmpty()) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("A user id cannot be in both 'optOut' and 'optIn'."),
            {{QStringLiteral("userIds"), toJsonArray(both)}})));
    }
    QStringList unknown;
    for (const QStringList *list : {&optOut, &optIn}) {
        for (const QString &id : *list) {
            if (!isOrgUser(*r.user, id))
                unknown.append(id);
        }
    }
    const auto unknownUsers = [](const QStringList &ids) {
        return ApiResponse::fromError(
            HttpError::notFound(QStringLiteral("Some user ids are unknown."),
                                {{QStringLiteral("userIds"), toJsonArray(ids)}}));
    };
    if (!unknown.isEmpty())
        return respond(unknownUsers(unknown));
    const auto condition = ifMatch(r);
    if (const auto *e = std::get_if<HttpError>(&condition))
        return respond(ApiResponse::fromError(*e));
    OptOutChangeRequest change;
    change.requestId = r.requestId;
    change.orgId = r.user->orgId;
    change.actorId = r.user->id;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    change.optOut.reserve(optOut.size());
    for (const QString &id : optOut)
        change.optOut.append({id, now});
    change.optIn = optIn;
    change.reason = options.reason;
    change.deleteStoredEvents = options.deleteStoredEvents;
    change.ifRevisionIn = std::get<std::optional<QList<qint64>>>(condition);
    m_service->applyOptOuts(
        change, this,
        [respond = std::move(respond), unknownUsers](StoreResult<OptOutChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const OptOutChangeOutcome &o = result.value;
            if (auto refused = refusedChange(o))
                return respond(std::move(*refused));
            if (o.kind == OptOutChangeOutcome::Kind::UnknownUsers)
                return respond(unknownUsers(o.unknownUserIds));
            ApiResponse response = ApiResponse::json(200,
                                                     {{QStringLiteral("revision"), o.revision},
                                                      {QStringLiteral("optedOut"), o.optedOut},
                                                      {QStringLiteral("optedIn"), o.optedIn}});
            response.headers.append(qMakePair(QByteArray("ETag"), quoted(o.revision)));
            respond(std::move(response));
        });
}

void ApiServer::audit(const ApiRequest &r, Respond respond)
{
    const auto limit = intParameter(r.query, QStringLiteral("limit"), 100, 1, 1000);
    if (const auto *e = std::get_if<HttpError>(&limit))
        return respond(ApiResponse::fromError(*e));
    AuditQuery query;
    query.orgId = r.user->orgId;
    if (r.query.hasQueryItem(QStringLiteral("before"))) {
        bool ok = false;
        query.beforeId = r.query.queryItemValue(QStringLiteral("before")).toLongLong(&ok);
        if (!ok || query.beforeId <= 0) {
            return respond(ApiResponse::fromError(HttpError::invalidRequest(
                QStringLiteral("'before' must be a cursor from a previous 'next'."),
                {{QStringLiteral("parameter"), QStringLiteral("before")}})));
        }
    }
    for (const auto &[name, target] :
         {std::pair<QString, QString *> {QStringLiteral("userId"), &query.userId},
          std::pair<QString, QString *> {QStringLiteral("actorId"), &query.actorId}}) {
        if (!r.query.hasQueryItem(name))
            continue;
        *target = r.query.queryItemValue(name, QUrl::FullyDecoded);
        if (target->isEmpty()) {
            return respond(ApiResponse::fromError(
                HttpError::invalidRequest(QStringLiteral("'%1' must be a user id.").arg(name),
                                          {{QStringLiteral("parameter"), name}})));
        }
    }
    if (r.query.hasQueryItem(QStringLiteral("action"))) {
        query.action = r.query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded);
        static const QStringList actions {QStringLiteral("opt_out"), QStringLiteral("opt_in"),
                                          QStringLiteral("purge"), QStringLiteral("rule_created"),
                                          QStringLiteral("rule_deleted")};
        if (!actions.contains(query.action)) {
            return respond(ApiResponse::fromError(HttpError::invalidRequest(
                QStringLiteral("'action' must be opt_out, opt_in, purge, rule_created or "
                               "rule_deleted."),
                {{QStringLiteral("parameter"), QStringLiteral("action")}})));
        }
    }
    const auto since = timeParameter(r.query, QStringLiteral("since"));
    if (const auto *e = std::get_if<HttpError>(&since))
        return respond(ApiResponse::fromError(*e));
    const auto until = timeParameter(r.query, QStringLiteral("until"));
    if (const auto *e = std::get_if<HttpError>(&until))
        return respond(ApiResponse::fromError(*e));
    query.since = std::get<QDateTime>(since);
    query.until = std::get<QDateTime>(until);
    if (query.since.isValid() && query.until.isValid() && query.since > query.until) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("'since' must not be after 'until'."),
                                      {{QStringLiteral("parameter"), QStringLiteral("since")}})));
    }
    const int n = std::get<int>(limit);
    query.limit = n + 1;
    m_service->audit(
        query, this, [n, respond = std::move(respond)](StoreResult<QVector<AuditRecord>> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const QVector<AuditRecord> &entries = result.value;
            QJsonArray list;
            for (int i = 0; i < std::min<int>(n, entries.size()); ++i) {
                const AuditRecord &e = entries.at(i);
                QJsonObject entry {
                    {QStringLiteral("id"), QStringLiteral("a-%1").arg(e.id)},
                    {QStringLiteral("at"), rfc3339(e.at)},
                    {QStringLiteral("action"), e.action},
                    {QStringLiteral("actor"),
                     e.actorId.isEmpty()
                         ? QJsonValue()
                         : QJsonValue(QJsonObject {{QStringLiteral("id"), e.actorId},
                                                   {QStringLiteral("email"), e.actorEmail},
                                                   {QStringLiteral("name"), e.actorName}})},
                    {QStringLiteral("user"),
                     e.userId.isEmpty()
                         ? QJsonValue()
                         : QJsonValue(QJsonObject {{QStringLiteral("id"), e.userId},
                                                   {QStringLiteral("email"), e.userEmail},
                                                   {QStringLiteral("name"), e.userName}})},
                    {QStringLiteral("source"), auditSource(e)},
                    {QStringLiteral("requestId"),
                     e.requestId.isEmpty() ? QJsonValue() : QJsonValue(e.requestId)}};
                const bool ruleEntry = e.action.startsWith(QLatin1String("rule_"));
                if (e.action == QLatin1String("opt_out") || ruleEntry) {
                    entry.insert(QStringLiteral("reason"),
                                 e.reason.isEmpty() ? QJsonValue() : QJsonValue(e.reason));
                }
                if (e.action == QLatin1String("purge") || ruleEntry)
                    entry.insert(QStringLiteral("count"), std::max<qint64>(0, e.count));
                // "via" of a change a rule made, "rule" of a rule entry.
                const QJsonObject detail = QJsonDocument::fromJson(e.detail).object();
                for (auto it = detail.begin(); it != detail.end(); ++it)
                    entry.insert(it.key(), it.value());
                list.append(entry);
            }
            const QJsonValue next = entries.size() > n
                ? QJsonValue(QString::number(entries.at(n - 1).id))
                : QJsonValue(QJsonValue::Null);
            respond(ApiResponse::json(
                200, {{QStringLiteral("entries"), list}, {QStringLiteral("next"), next}}));
        });
}

void ApiServer::ingest(const ApiRequest &r, Respond respond)
{
    // simdjson when it reads the body; else QJsonDocument, which words the refusal as always.
    std::optional<EventsBody> read = m_eventsReader->read(r.body, MaxEvents);
    if (!read) {
        const auto parsed = parseObject(r.body);
        if (const auto *e = std::get_if<HttpError>(&parsed))
            return respond(ApiResponse::fromError(*e));
        read = EventsJsonReader::fromQt(std::get<QJsonObject>(parsed), MaxEvents);
    }
    const EventsBody &body = *read;
    if (body.shape == EventsBody::Shape::NotAnObject) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("The body must be a JSON object."))));
    }
    if (body.shape == EventsBody::Shape::EventsNotAnArray) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("'events' must be an array."),
                                      {{QStringLiteral("field"), QStringLiteral("events")}})));
    }
    if (body.count > MaxEvents) {
        return respond(ApiResponse::fromError(HttpError::payloadTooLarge(
            QStringLiteral("A request holds at most %1 events.").arg(MaxEvents))));
    }
    const auto invalid = [](int index, const char *field, const QString &message) {
        return ApiResponse::fromError(
            HttpError::invalidRequest(message,
                                      {{QStringLiteral("index"), index},
                                       {QStringLiteral("field"), QString::fromLatin1(field)}}));
    };
    using Kind = EventFields::Kind;
    const StoredUser &caller = *r.user;
    QVector<NewEvent> events;
    events.reserve(body.events.size());
    QString lastTimestampText;
    QDateTime lastTimestamp;
    for (int i = 0; i < body.events.size(); ++i) {
        const EventFields &f = body.events.at(i);
        NewEvent e;
        e.orgId = caller.orgId;
        e.source = EventSource::Client;
        if (f.name != Kind::String || f.nameText.isEmpty() || f.nameText.size() > 200) {
            return respond(invalid(
                i, "name", QStringLiteral("'name' must be a string of 1 to 200 characters.")));
        }
        e.name = f.nameText;
        if (f.timestampText != lastTimestampText || lastTimestampText.isNull()) {
            // a request's events share times
            lastTimestampText = f.timestampText;
            lastTimestamp = QDateTime::fromString(f.timestampText, Qt::ISODateWithMs);
        }
        e.at = lastTimestamp;
        if (f.timestamp != Kind::String || !e.at.isValid() || e.at.timeSpec() == Qt::LocalTime) {
            return respond(
                invalid(i, "timestamp", QStringLiteral("'timestamp' must be an RFC 3339 time.")));
        }
        if (f.userId != Kind::Missing && f.userId != Kind::Null
            && (f.userId != Kind::String || f.userIdText.isEmpty()))
            return respond(invalid(i, "userId", QStringLiteral("'userId' must be a string.")));
        e.userId = f.userId == Kind::String ? f.userIdText : caller.id;
        if (f.properties != Kind::Missing && f.properties != Kind::Null
            && f.properties != Kind::Object) {
            return respond(
                invalid(i, "properties", QStringLiteral("'properties' must be an object.")));
        }
        e.properties = f.propertiesJson;
        events.append(std::move(e));
    }
    if (body.firstNonObject >= 0) {
        return respond(
            invalid(body.firstNonObject, "", QStringLiteral("Each event must be an object.")));
    }
    // One look-up per event: the user's organisation, and whether the user left the directory
    // (those events are discarded, never stored, and counted).
    const bool service = caller.roles.contains(TrackingService);
    const bool callerListed = OptOutService::isListed(caller);
    QStringList unknown;
    QSet<QString> unknownSeen;
    QVector<bool> left(events.size(), false);
    int leftCount = 0;
    for (int i = 0; i < events.size(); ++i) {
        const NewEvent &e = events.at(i);
        if (e.userId == caller.id) {
            left[i] = !callerListed;
            leftCount += left[i] ? 1 : 0;
            continue;
        }
        if (!service) {
            return respond(ApiResponse::fromError(HttpError::forbidden(
                QStringLiteral("Only a tracking service may send other users' events."))));
        }
        const StoredUser *u = m_service->user(e.userId);
        if (!u || u->orgId != caller.orgId) {
            if (!unknownSeen.contains(e.userId)) {
                unknownSeen.insert(e.userId);
                unknown.append(e.userId);
            }
        } else if (!OptOutService::isListed(*u)) {
            left[i] = true;
            ++leftCount;
        }
    }
    if (!unknown.isEmpty()) {
        return respond(ApiResponse::fromError(
            HttpError::notFound(QStringLiteral("Some user ids are unknown."),
                                {{QStringLiteral("userIds"), toJsonArray(unknown)}})));
    }
    if (leftCount > 0) {
        QVector<NewEvent> kept;
        kept.reserve(events.size() - leftCount);
        for (int i = 0; i < events.size(); ++i) {
            if (!left.at(i))
                kept.append(std::move(events[i]));
        }
        events = std::move(kept);
    }
    const int count = int(events.size()) + leftCount;
    m_service->ingest(
        caller.orgId, std::move(events), leftCount, this,
        [count, respond = std::move(respond)](StoreResult<IngestOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            respond(ApiResponse::json(200,
                                      {{QStringLiteral("accepted"), count - result.value.discarded},
                                       {QStringLiteral("discarded"), result.value.discarded}}));
        });
}

void ApiServer::summary(const ApiRequest &r, Respond respond)
{
    const QString orgId = r.user->orgId;
    m_service->usageSummary(
        orgId, this,
        [this, orgId, respond = std::move(respond)](StoreResult<QVector<UsageCountRecord>> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            QVector<UsageCountRecord> counts = result.value;
            QSet<QString> seen;
            for (const UsageCountRecord &c : std::as_const(counts))
                seen.insert(c.userId);
            // Opted-out users appear with nothing stored.
            for (const StoredOptOut &o : m_service->optOuts(orgId)) {
                if (!seen.contains(o.userId))
                    counts.append(UsageCountRecord {o.userId, 0, 0, {}, true, {}});
            }
            const auto email = [this](const QString &id) {
                const StoredUser *u = m_service->user(id);
                return u ? u->email : id;
            };
            std::sort(counts.begin(), counts.end(),
                      [&email](const UsageCountRecord &a, const UsageCountRecord &b) {
                          return email(a.userId) < email(b.userId);
                      });
            QJsonArray list;
            for (const UsageCountRecord &u : std::as_const(counts)) {
                const StoredUser *user = m_service->user(u.userId);
                if (!user || user->orgId != orgId)
                    continue;
                // An opted-out user's stored events are hidden: counted only as awaiting
                // deletion.
                const bool hidden = u.optedOut && u.client + u.server > 0;
                QJsonObject entry {
                    {QStringLiteral("user"), userRef(*user)},
                    {QStringLiteral("client"), hidden ? 0 : u.client},
                    {QStringLiteral("server"), hidden ? 0 : u.server},
                    {QStringLiteral("lastEventAt"),
                     u.lastEventAt.isValid() && !hidden ? QJsonValue(rfc3339(u.lastEventAt))
                                                        : QJsonValue()},
                    {QStringLiteral("optedOut"), m_service->isOptedOut(u.userId) || u.optedOut}};
                if (hidden) {
                    entry.insert(QStringLiteral("awaitingDeletion"),
                                 QJsonObject {{QStringLiteral("client"), u.client},
                                              {QStringLiteral("server"), u.server},
                                              {QStringLiteral("purgeAt"), timeOrNull(u.purgeAt)}});
                }
                list.append(entry);
            }
            respond(ApiResponse::json(
                200,
                {{QStringLiteral("users"), list},
                 {QStringLiteral("discardedSinceStart"), m_service->discardedSinceStart(orgId)}}));
        });
}
