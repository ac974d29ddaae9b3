// The HTTP side of the service: routes of docs/api.md over Qt HttpServer.
#include "apiserver.h"

#include "storage.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QSet>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcHttp, "optout.http", QtInfoMsg)

namespace {

const QString ProductAdmin = QStringLiteral("product_admin");
const QString TrackingService = QStringLiteral("tracking_service");

QString rfc3339(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject userRef(const User &u, bool withName = true)
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

const char *methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

// Reads an integer query parameter within [min, max]; absent gives `fallback`.
std::variant<int, ApiError> intParameter(const QUrlQuery &query, const QString &name, int fallback,
                                         int min, int max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        return ApiError::invalidRequest(
            QStringLiteral("Query parameter '%1' must be an integer from %2 to %3.")
                .arg(name)
                .arg(min)
                .arg(max),
            {{QStringLiteral("parameter"), name}});
    }
    return value;
}

std::variant<QJsonObject, ApiError> parseObject(const QByteArray &body)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return ApiError::invalidRequest(
            QStringLiteral("The body is not valid JSON: %1.").arg(error.errorString()),
            {{QStringLiteral("offset"), error.offset}});
    }
    if (!doc.isObject())
        return ApiError::invalidRequest(QStringLiteral("The body must be a JSON object."));
    return doc.object();
}

// An optional array of strings; ids are de-duplicated keeping their order.
std::variant<QStringList, ApiError> idList(const QJsonObject &body, const QString &key)
{
    const QJsonValue value = body.value(key);
    if (value.isUndefined() || value.isNull())
        return QStringList();
    if (!value.isArray()) {
        return ApiError::invalidRequest(
            QStringLiteral("'%1' must be an array of user ids.").arg(key),
            {{QStringLiteral("field"), key}});
    }
    QStringList ids;
    QSet<QString> seen;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        if (!v.isString() || v.toString().isEmpty()) {
            return ApiError::invalidRequest(
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

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &s : list)
        array.append(s);
    return array;
}

} // namespace

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    }
    return {};
}

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

ApiResponse ApiResponse::fromError(const ApiError &error)
{
    return ApiResponse {error.status, error.toJson(), {}};
}

ApiServer::ApiServer(Storage *storage, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_storage(storage)
{
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    const User *who = nullptr;
    ApiResponse r = dispatch(request, &who);
    if (who && r.status < 400) {
        // Server-side tracking of the caller; the storage drops it if the caller is out.
        const QString route = request.url().path().section(QLatin1Char('/'), 3, 3);
        m_storage->recordServerEvent(
            *who,
            QStringLiteral("api.%1.%2")
                .arg(route.isEmpty() ? QStringLiteral("root") : route,
                     QString::fromLatin1(methodName(request.method())).toLower()));
    }

    const auto status = static_cast<QHttpServerResponder::StatusCode>(r.status);
    if (request.method() == QHttpServerRequest::Method::Head) {
        // The GET answer's status and headers, without its body.
        QHttpServerResponder responder = makeResponder(request, socket);
        responder.writeStatusLine(status);
        if (!r.body.isEmpty())
            responder.writeHeader("Content-Type", "application/json");
        for (const auto &h : std::as_const(r.headers))
            responder.writeHeader(h.first, h.second);
        responder.writeHeader("Content-Length", QByteArray::number(r.body.size()));
        responder.writeBody(QByteArray());
    } else {
        QHttpServerResponse response = r.body.isEmpty()
            ? QHttpServerResponse(status)
            : QHttpServerResponse(QByteArrayLiteral("application/json"), r.body, status);
        for (const auto &h : std::as_const(r.headers))
            response.addHeader(h.first, h.second);
        response.write(makeResponder(request, socket));
    }

    if (m_logRequests) {
        qCInfo(lcHttp).noquote() << methodName(request.method()) << request.url().path() << r.status
                                 << QString::number(double(timer.nsecsElapsed()) / 1e6, 'f', 1)
                                 << "ms";
    }
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const ApiResponse r
        = ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such route.")));
    QHttpServerResponse(QByteArrayLiteral("application/json"), r.body,
                        QHttpServerResponder::StatusCode::NotFound)
        .write(makeResponder(request, socket));
}

ApiResponse ApiServer::dispatch(const QHttpServerRequest &request, const User **who)
{
    using Method = QHttpServerRequest::Method;
    const QString path = request.url().path();
    const Method method = request.method();

    if (path == QLatin1String("/healthz")) {
        if (method != Method::Get && method != Method::Head) {
            ApiResponse r = ApiResponse::fromError(ApiError::methodNotAllowed());
            r.headers.append(qMakePair(QByteArray("Allow"), QByteArray("GET, HEAD")));
            return r;
        }
        return ApiResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
    }

    static const QString prefix = QStringLiteral("/api/v1/");
    if (!path.startsWith(prefix))
        return ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such route.")));
    const QStringList seg = path.mid(prefix.size()).split(QLatin1Char('/'));
    if (seg.contains(QString()))
        return ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such route.")));

    // Route: the methods it allows, whether it needs product_admin, and the handler.
    enum class Route { None, Me, Users, OptOuts, Batch, OneOptOut, Audit, Events, Summary };
    Route route = Route::None;
    QByteArray allow;
    const QString first = seg.at(0);
    if (seg.size() == 1 && first == QLatin1String("me")) {
        route = Route::Me, allow = "GET";
    } else if (seg.size() == 1 && first == QLatin1String("users")) {
        route = Route::Users, allow = "GET";
    } else if (seg.size() == 1 && first == QLatin1String("optouts")) {
        route = Route::OptOuts, allow = "GET";
    } else if (seg.size() == 2 && first == QLatin1String("optouts")
               && seg.at(1) == QLatin1String("batch")) {
        route = Route::Batch, allow = "POST";
    } else if (seg.size() == 2 && first == QLatin1String("optouts")) {
        route = Route::OneOptOut, allow = "PUT, DELETE";
    } else if (seg.size() == 1 && first == QLatin1String("audit")) {
        route = Route::Audit, allow = "GET";
    } else if (seg.size() == 2 && first == QLatin1String("usage")
               && seg.at(1) == QLatin1String("events")) {
        route = Route::Events, allow = "POST";
    } else if (seg.size() == 2 && first == QLatin1String("usage")
               && seg.at(1) == QLatin1String("summary")) {
        route = Route::Summary, allow = "GET";
    }
    if (route == Route::None)
        return ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such route.")));
    // HEAD is answered wherever GET is, with GET's headers and no body.
    if (allow == "GET")
        allow = "GET, HEAD";
    const QByteArray name
        = method == Method::Head ? QByteArray("GET") : QByteArray(methodName(method));
    if (!allow.split(',').contains(name) && !allow.split(',').contains(' ' + name)) {
        ApiResponse r = ApiResponse::fromError(ApiError::methodNotAllowed());
        r.headers.append(qMakePair(QByteArray("Allow"), allow));
        return r;
    }

    const auto auth = authenticate(request);
    if (const auto *error = std::get_if<ApiError>(&auth))
        return ApiResponse::fromError(*error);
    const User *user = std::get<const User *>(auth);
    const bool adminOnly = route != Route::Me && route != Route::Events;
    if (adminOnly && !user->hasRole(ProductAdmin)) {
        return ApiResponse::fromError(
            ApiError::forbidden(QStringLiteral("Only product administrators may do this.")));
    }
    if (request.body().size() > MaxBodyBytes) {
        return ApiResponse::fromError(
            ApiError::payloadTooLarge(QStringLiteral("The body is larger than 1 MiB.")));
    }
    *who = user;

    const Context c {request, user};
    switch (route) {
    case Route::Me:
        return me(c);
    case Route::Users:
        return users(c);
    case Route::OptOuts:
        return listOptOuts(c);
    case Route::Batch:
        return batch(c);
    case Route::OneOptOut:
        return method == Method::Put ? putOptOut(c, seg.at(1)) : deleteOptOut(c, seg.at(1));
    case Route::Audit:
        return audit(c);
    case Route::Events:
        return ingest(c);
    case Route::Summary:
        return summary(c);
    case Route::None:
        break;
    }
    return ApiResponse::fromError(ApiError::internal());
}

std::variant<const User *, ApiError>
ApiServer::authenticate(const QHttpServerRequest &request) const
{
    const QByteArray header = headerValue(request, "Authorization");
    if (header.isEmpty())
        return ApiError::unauthenticated(QStringLiteral("A bearer token is required."));
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return ApiError::unauthenticated(QStringLiteral("Use 'Authorization: Bearer <token>'."));
    const User *user = m_storage->userForToken(header.mid(7).trimmed());
    if (!user)
        return ApiError::unauthenticated(QStringLiteral("The token is unknown or revoked."));
    return user;
}

const User *ApiServer::orgUser(const User &caller, const QString &userId) const
{
    const User *u = m_storage->user(userId);
    return u && u->orgId == caller.orgId ? u : nullptr;
}

QJsonObject ApiServer::optOutJson(const OptOut &o) const
{
    QJsonObject entry;
    if (const User *u = m_storage->user(o.userId))
        entry.insert(QStringLiteral("user"), userRef(*u));
    entry.insert(QStringLiteral("optedOutAt"), rfc3339(o.at));
    if (const User *by = m_storage->user(o.byUserId))
        entry.insert(QStringLiteral("optedOutBy"), userRef(*by));
    return entry;
}

std::optional<ApiError> ApiServer::checkIfMatch(const QHttpServerRequest &request,
                                                qint64 revision) const
{
    const QByteArray ifMatch = headerValue(request, "If-Match");
    if (ifMatch.isEmpty())
        return std::nullopt;
    if (!isEntityTagList(ifMatch)) {
        return ApiError::invalidRequest(
            QStringLiteral("If-Match must be \"*\" or a list of quoted revisions, e.g. \"42\"."),
            {{QStringLiteral("header"), QStringLiteral("If-Match")}});
    }
    if (etagMatches(ifMatch, quoted(revision)))
        return std::nullopt;
    return ApiError::preconditionFailed(revision);
}

ApiResponse ApiServer::me(const Context &c)
{
    const Org *org = m_storage->org(c.user->orgId);
    QJsonObject body = userRef(*c.user);
    body.insert(QStringLiteral("roles"), toJsonArray(c.user->roles));
    if (org) {
        body.insert(QStringLiteral("org"),
                    QJsonObject {{QStringLiteral("id"), org->id},
                                 {QStringLiteral("name"), org->name},
                                 {QStringLiteral("productName"), org->productName}});
    }
    body.insert(QStringLiteral("usageTracking"), !m_storage->isOptedOut(c.user->id));
    return ApiResponse::json(200, body);
}

ApiResponse ApiServer::users(const Context &c)
{
    const QUrlQuery query(c.request.url());
    const auto page = intParameter(query, QStringLiteral("page"), 0, 0, 1000000000);
    if (const auto *e = std::get_if<ApiError>(&page))
        return ApiResponse::fromError(*e);
    const auto size = intParameter(query, QStringLiteral("pageSize"), 1000, 1, 5000);
    if (const auto *e = std::get_if<ApiError>(&size))
        return ApiResponse::fromError(*e);
    const Org *org = m_storage->org(c.user->orgId);
    if (!org)
        return ApiResponse::fromError(ApiError::internal());

    const QByteArray etag = "\"users-" + QByteArray::number(org->usersRevision) + '"';
    if (etagMatches(headerValue(c.request, "If-None-Match"), etag))
        return ApiResponse {304, {}, {{"ETag", etag}}};

    const qint64 p = std::get<int>(page);
    const qint64 s = std::get<int>(size);
    const qint64 total = org->usersByEmail.size();
    QJsonArray list;
    for (qint64 i = p * s; i < std::min(total, (p + 1) * s); ++i)
        list.append(userRef(*org->usersByEmail.at(i)));
    ApiResponse r = ApiResponse::json(200,
                                      {{QStringLiteral("users"), list},
                                       {QStringLiteral("page"), p},
                                       {QStringLiteral("pageSize"), s},
                                       {QStringLiteral("total"), total},
                                       {QStringLiteral("lastPage"), (p + 1) * s >= total}});
    r.headers.append(qMakePair(QByteArray("ETag"), QByteArray(etag)));
    return r;
}

QByteArray ApiServer::optOutsBody(const QString &orgId)
{
    const Org *org = m_storage->org(orgId);
    const auto cached = m_optOutsCache.constFind(orgId);
    if (cached != m_optOutsCache.cend() && cached->first == org->revision)
        return cached->second;
    QJsonArray list;
    const QVector<OptOut> optOuts = m_storage->optOuts(orgId);
    for (const OptOut &o : optOuts)
        list.append(optOutJson(o));
    const QByteArray body = QJsonDocument(QJsonObject {{QStringLiteral("revision"), org->revision},
                                                       {QStringLiteral("optOuts"), list}})
                                .toJson(QJsonDocument::Compact);
    m_optOutsCache.insert(orgId, {org->revision, body});
    return body;
}

ApiResponse ApiServer::listOptOuts(const Context &c)
{
    const Org *org = m_storage->org(c.user->orgId);
    if (!org)
        return ApiResponse::fromError(ApiError::internal());
    const QByteArray etag = quoted(org->revision);
    if (etagMatches(headerValue(c.request, "If-None-Match"), etag))
        return ApiResponse {304, {}, {{"ETag", etag}}};
    return ApiResponse {200, optOutsBody(org->id), {{"ETag", etag}}};
}

ApiResponse ApiServer::putOptOut(const Context &c, const QString &userId)
{
    const User *target = orgUser(*c.user, userId);
    if (!target)
        return ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such user.")));
    const Org *org = m_storage->org(c.user->orgId);
    if (const auto error = checkIfMatch(c.request, org->revision))
        return ApiResponse::fromError(*error);
    int status = 200;
    if (!m_storage->isOptedOut(userId)) {
        if (!m_storage->applyOptOuts(org->id, c.user->id, {userId}, {}))
            return ApiResponse::fromError(ApiError::internal());
        status = 201;
    }
    ApiResponse r = ApiResponse::json(status, optOutJson(*m_storage->optOut(userId)));
    r.headers.append(qMakePair(QByteArray("ETag"), QByteArray(quoted(org->revision))));
    return r;
}

ApiResponse ApiServer::deleteOptOut(const Context &c, const QString &userId)
{
    if (!orgUser(*c.user, userId))
        return ApiResponse::fromError(ApiError::notFound(QStringLiteral("No such user.")));
    const Org *org = m_storage->org(c.user->orgId);
    if (const auto error = checkIfMatch(c.request, org->revision))
        return ApiResponse::fromError(*error);
    if (!m_storage->applyOptOuts(org->id, c.user->id, {}, {userId}))
        return ApiResponse::fromError(ApiError::internal());
    return ApiResponse {204, {}, {{"ETag", quoted(org->revision)}}};
}

ApiResponse ApiServer::batch(const Context &c)
{
    const auto parsed = parseObject(c.request.body());
    if (const auto *e = std::get_if<ApiError>(&parsed))
        return ApiResponse::fromError(*e);
    const QJsonObject body = std::get<QJsonObject>(parsed);
    const auto out = idList(body, QStringLiteral("optOut"));
    if (const auto *e = std::get_if<ApiError>(&out))
        return ApiResponse::fromError(*e);
    const auto in = idList(body, QStringLiteral("optIn"));
    if (const auto *e = std::get_if<ApiError>(&in))
        return ApiResponse::fromError(*e);
    if (!body.contains(QStringLiteral("optOut")) && !body.contains(QStringLiteral("optIn"))) {
        return ApiResponse::fromError(ApiError::invalidRequest(
            QStringLiteral("The batch needs an 'optOut' or an 'optIn' list.")));
    }
    const QStringList &optOut = std::get<QStringList>(out);
    const QStringList &optIn = std::get<QStringList>(in);
    if (optOut.size() + optIn.size() > MaxBatchIds) {
        return ApiResponse::fromError(ApiError::payloadTooLarge(
            QStringLiteral("A batch holds at most %1 user ids.").arg(MaxBatchIds)));
    }
    const QSet<QString> outSet(optOut.cbegin(), optOut.cend());
    QStringList both;
    for (const QString &id : optIn) {
        if (outSet.contains(id))
            both.append(id);
    }
    if (!both.isEmpty()) {
        return ApiResponse::fromError(ApiError::invalidRequest(
            QStringLiteral("A user id cannot be in both 'optOut' and 'optIn'."),
            {{QStringLiteral("userIds"), toJsonArray(both)}}));
    }
    QStringList unknown;
    for (const QStringList *list : {&optOut, &optIn}) {
        for (const QString &id : *list) {
            if (!orgUser(*c.user, id))
                unknown.append(id);
        }
    }
    if (!unknown.isEmpty()) {
        return ApiResponse::fromError(
            ApiError::notFound(QStringLiteral("Some user ids are unknown."),
                               {{QStringLiteral("userIds"), toJsonArray(unknown)}}));
    }
    const Org *org = m_storage->org(c.user->orgId);
    if (const auto error = checkIfMatch(c.request, org->revision))
        return ApiResponse::fromError(*error);
    const auto change = m_storage->applyOptOuts(org->id, c.user->id, optOut, optIn);
    if (!change)
        return ApiResponse::fromError(ApiError::internal());
    ApiResponse r = ApiResponse::json(200,
                                      {{QStringLiteral("revision"), change->revision},
                                       {QStringLiteral("optedOut"), change->optedOut},
                                       {QStringLiteral("optedIn"), change->optedIn}});
    r.headers.append(qMakePair(QByteArray("ETag"), QByteArray(quoted(change->revision))));
    return r;
}

ApiResponse ApiServer::audit(const Context &c)
{
    const QUrlQuery query(c.request.url());
    const auto limit = intParameter(query, QStringLiteral("limit"), 100, 1, 1000);
    if (const auto *e = std::get_if<ApiError>(&limit))
        return ApiResponse::fromError(*e);
    qint64 before = 0;
    if (query.hasQueryItem(QStringLiteral("before"))) {
        bool ok = false;
        before = query.queryItemValue(QStringLiteral("before")).toLongLong(&ok);
        if (!ok || before <= 0) {
            return ApiResponse::fromError(ApiError::invalidRequest(
                QStringLiteral("'before' must be a cursor from a previous 'next'."),
                {{QStringLiteral("parameter"), QStringLiteral("before")}}));
        }
    }
    const int n = std::get<int>(limit);
    const auto entries = m_storage->audit(c.user->orgId, n + 1, before);
    if (!entries)
        return ApiResponse::fromError(ApiError::internal());
    QJsonArray list;
    for (int i = 0; i < std::min<int>(n, entries->size()); ++i) {
        const AuditEntry &e = entries->at(i);
        list.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("a-%1").arg(e.id)},
                                 {QStringLiteral("at"), rfc3339(e.at)},
                                 {QStringLiteral("action"), e.action},
                                 {QStringLiteral("actor"),
                                  QJsonObject {{QStringLiteral("id"), e.actorId},
                                               {QStringLiteral("email"), e.actorEmail}}},
                                 {QStringLiteral("user"),
                                  QJsonObject {{QStringLiteral("id"), e.userId},
                                               {QStringLiteral("email"), e.userEmail}}}});
    }
    const QJsonValue next = entries->size() > n ? QJsonValue(QString::number(entries->at(n - 1).id))
                                                : QJsonValue(QJsonValue::Null);
    return ApiResponse::json(200,
                             {{QStringLiteral("entries"), list}, {QStringLiteral("next"), next}});
}

ApiResponse ApiServer::ingest(const Context &c)
{
    const auto parsed = parseObject(c.request.body());
    if (const auto *e = std::get_if<ApiError>(&parsed))
        return ApiResponse::fromError(*e);
    const QJsonValue eventsValue = std::get<QJsonObject>(parsed).value(QStringLiteral("events"));
    if (!eventsValue.isArray()) {
        return ApiResponse::fromError(
            ApiError::invalidRequest(QStringLiteral("'events' must be an array."),
                                     {{QStringLiteral("field"), QStringLiteral("events")}}));
    }
    const QJsonArray array = eventsValue.toArray();
    if (array.size() > MaxEvents) {
        return ApiResponse::fromError(ApiError::payloadTooLarge(
            QStringLiteral("A request holds at most %1 events.").arg(MaxEvents)));
    }
    const auto invalid = [](int index, const char *field, const QString &message) {
        return ApiResponse::fromError(
            ApiError::invalidRequest(message,
                                     {{QStringLiteral("index"), index},
                                      {QStringLiteral("field"), QString::fromLatin1(field)}}));
    };
    QVector<UsageEvent> events;
    events.reserve(array.size());
    for (int i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return invalid(i, "", QStringLiteral("Each event must be an object."));
        const QJsonObject o = array.at(i).toObject();
        UsageEvent e;
        const QJsonValue name = o.value(QStringLiteral("name"));
        if (!name.isString() || name.toString().isEmpty() || name.toString().size() > 200)
            return invalid(i, "name",
                           QStringLiteral("'name' must be a string of 1 to 200 characters."));
        e.name = name.toString();
        const QJsonValue ts = o.value(QStringLiteral("timestamp"));
        e.timestamp = QDateTime::fromString(ts.toString(), Qt::ISODateWithMs);
        if (!ts.isString() || !e.timestamp.isValid() || e.timestamp.timeSpec() == Qt::LocalTime)
            return invalid(i, "timestamp", QStringLiteral("'timestamp' must be an RFC 3339 time."));
        const QJsonValue userId = o.value(QStringLiteral("userId"));
        if (!userId.isUndefined() && !userId.isNull()
            && (!userId.isString() || userId.toString().isEmpty()))
            return invalid(i, "userId", QStringLiteral("'userId' must be a string."));
        e.userId = userId.isString() ? userId.toString() : c.user->id;
        const QJsonValue props = o.value(QStringLiteral("properties"));
        if (!props.isUndefined() && !props.isNull() && !props.isObject())
            return invalid(i, "properties", QStringLiteral("'properties' must be an object."));
        e.properties = props.toObject();
        events.append(e);
    }
    const bool service = c.user->hasRole(TrackingService);
    QStringList unknown;
    for (const UsageEvent &e : std::as_const(events)) {
        if (e.userId == c.user->id)
            continue;
        if (!service) {
            return ApiResponse::fromError(ApiError::forbidden(
                QStringLiteral("Only a tracking service may send other users' events.")));
        }
        if (!orgUser(*c.user, e.userId) && !unknown.contains(e.userId))
            unknown.append(e.userId);
    }
    if (!unknown.isEmpty()) {
        return ApiResponse::fromError(
            ApiError::notFound(QStringLiteral("Some user ids are unknown."),
                               {{QStringLiteral("userIds"), toJsonArray(unknown)}}));
    }
    const auto discarded = m_storage->ingestClientEvents(c.user->orgId, events);
    if (!discarded)
        return ApiResponse::fromError(ApiError::internal());
    return ApiResponse::json(200,
                             {{QStringLiteral("accepted"), int(events.size()) - *discarded},
                              {QStringLiteral("discarded"), *discarded}});
}

ApiResponse ApiServer::summary(const Context &c)
{
    const auto counts = m_storage->usageSummary(c.user->orgId);
    if (!counts)
        return ApiResponse::fromError(ApiError::internal());
    QJsonArray list;
    for (const UsageCount &u : *counts) {
        const User *user = m_storage->user(u.userId);
        if (!user)
            continue;
        list.append(QJsonObject {
            {QStringLiteral("user"), userRef(*user)},
            {QStringLiteral("client"), u.client},
            {QStringLiteral("server"), u.server},
            {QStringLiteral("lastEventAt"),
             u.lastEventAt.isValid() ? QJsonValue(rfc3339(u.lastEventAt)) : QJsonValue()},
            {QStringLiteral("optedOut"), m_storage->isOptedOut(u.userId)}});
    }
    return ApiResponse::json(
        200,
        {{QStringLiteral("users"), list},
         {QStringLiteral("discardedSinceStart"), m_storage->discardedSinceStart(c.user->orgId)}});
}
