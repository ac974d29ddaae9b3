// The client of the opt-out service: one call per endpoint, each ending in one ApiResult.
#include "apiclient.h"

#include "connectionsecurity.h"
#include "jsoncodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

Q_LOGGING_CATEGORY(lcApi, "optout.api", QtInfoMsg)

namespace {

constexpr char ApiPrefix[] = "/api/v1";

// Errors below 100 are transport-level; ProtocolFailure and friends mean a broken HTTP answer.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return (error > QNetworkReply::NoError && error < QNetworkReply::ProxyConnectionRefusedError)
        || error == QNetworkReply::ProtocolFailure || error == QNetworkReply::ProtocolUnknownError
        || (error >= QNetworkReply::ProxyConnectionRefusedError
            && error < QNetworkReply::ContentAccessDenied);
}

qint64 revisionFromEtag(const QByteArray &etag)
{
    QByteArray text = etag.trimmed();
    if (text.startsWith("W/"))
        text = text.mid(2);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        text = text.mid(1, text.size() - 2);
    bool ok = false;
    const qint64 revision = text.toLongLong(&ok);
    return ok ? revision : -1;
}

} // namespace

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
}

void ApiClient::setToken(const QByteArray &token)
{
    m_token = token;
}

void ApiClient::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_caCertificates = certificates;
    // A kept-alive connection was verified against the previous authorities.
    if (m_network)
        m_network->clearConnectionCache();
}

void ApiClient::setTransferTimeout(int milliseconds)
{
    m_transferTimeout = milliseconds;
}

ApiError ApiClient::errorFromReply(QNetworkReply *reply, const QByteArray &body)
{
    const QNetworkReply::NetworkError networkError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt 6.4 ends a request whose transfer timeout ran out with OperationCanceledError; the
    // client never aborts a request whose answer it still waits for.
    if (networkError == QNetworkReply::TimeoutError
        || networkError == QNetworkReply::OperationCanceledError)
        return ApiError::timeout(reply->errorString());
    if (isTransportError(networkError) || status == 0) {
        ApiError error = ApiError::network(reply->errorString());
        error.httpStatus = status;
        return error;
    }
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = status;
    QString serverMessage;
    if (!JsonCodec::decodeErrorBody(body, &error.code, &serverMessage, &error.details))
        error.technical = QStringLiteral("HTTP %1 without an API error body").arg(status);
    else
        error.technical
            = QStringLiteral("HTTP %1 %2: %3").arg(status).arg(error.code, serverMessage);
    error.message = ApiError::messageForCode(error.code, status, serverMessage);
    return error;
}

void ApiClient::send(const QByteArray &method, const QString &path, const QString &query,
                     const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers,
                     QObject *context, RawCallback done)
{
    if (!m_network) {
        QTimer::singleShot(0, context, [done]() {
            done(ApiError::network(QStringLiteral("no network access manager")));
        });
        return;
    }
    ApiError refused;
    std::optional<QNetworkRequest> made = makeRequest(path, query, &refused);
    if (!made) {
        qCInfo(lcApi) << "not sent:" << refused.technical;
        QPointer<ApiClient> self(this);
        QTimer::singleShot(0, context, [self, error = refused, done]() {
            if (self)
                emit self->connectionRefused(error);
            done(error);
        });
        return;
    }
    QNetworkRequest request = *made;
    request.setTransferTimeout(m_transferTimeout);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty() || method == "POST" || method == "PUT")
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);

    qCDebug(lcApi) << method << request.url().toDisplayString();
    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    QPointer<ApiClient> self(this);
    // The certificate errors come before `finished`; they make the refusal's message.
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, reply,
            [sslErrors](const QList<QSslError> &errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, context, [self, reply, done, sslErrors]() {
        const QByteArray answer = reply->isOpen() ? reply->readAll() : QByteArray();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (self)
            emit self->answered(reply->url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority),
                                status, answer.size());
        const QNetworkReply::NetworkError networkError = reply->error();
        const bool success = status >= 200 && status < 400
            && (networkError == QNetworkReply::NoError || !isTransportError(networkError))
            && networkError != QNetworkReply::OperationCanceledError
            && networkError != QNetworkReply::TimeoutError;
        if (success) {
            RawReply raw;
            raw.status = status;
            raw.body = answer;
            raw.etag = reply->rawHeader("ETag");
            done(raw);
            return;
        }
        if (!sslErrors->isEmpty() && networkError != QNetworkReply::NoError) {
            const ApiError error = ConnectionSecurity::certificateRefused(
                reply->url(), *sslErrors, reply->sslConfiguration().peerCertificate());
            qCInfo(lcApi) << "certificate refused:" << reply->url().host() << error.technical;
            if (self)
                emit self->connectionRefused(error);
            done(error);
            return;
        }
        const ApiError error = errorFromReply(reply, answer);
        qCInfo(lcApi) << "request failed:" << reply->url().path() << error.technical;
        if (error.isUnauthenticated() && self)
            emit self->authenticationFailed(error);
        done(error);
    });
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    // When the context goes away first, the answer is of no use: drop the transfer (deleting a
    // reply aborts it; `done` is never called since its connection died with the context).
    connect(context, &QObject::destroyed, reply, &QObject::deleteLater);
}

std::optional<QNetworkRequest> ApiClient::makeRequest(const QString &path, const QString &query,
                                                      ApiError *refused) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);
    url.setPath(basePath + QLatin1String(ApiPrefix) + path);
    url.setQuery(query.isEmpty() ? QString() : query);
    if (!m_token.isEmpty() && !m_plainHttpAllowed && ConnectionSecurity::isPlainHttpToRemote(url)) {
        *refused = ConnectionSecurity::plainHttpRefused(url);
        return std::nullopt;
    }
    QNetworkRequest request(url);
    if (!m_caCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_caCertificates);
        request.setSslConfiguration(ssl);
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    return request;
}

QNetworkReply *ApiClient::openEventStream(const QString &path,
                                          const QList<QPair<QByteArray, QByteArray>> &headers,
                                          int silenceTimeoutMs, ApiError *refused)
{
    if (!m_network) {
        *refused = ApiError::network(QStringLiteral("no network access manager"));
        return nullptr;
    }
    std::optional<QNetworkRequest> request = makeRequest(path, {}, refused);
    if (!request) {
        qCInfo(lcApi) << "stream not opened:" << refused->technical;
        return nullptr;
    }
    request->setTransferTimeout(silenceTimeoutMs);
    request->setRawHeader("Accept", "text/event-stream");
    for (const auto &header : headers)
        request->setRawHeader(header.first, header.second);
    qCDebug(lcApi) << "GET (stream)" << request->url().toDisplayString();
    return m_network->get(*request);
}

template<typename T>
void ApiClient::sendDecoded(const QByteArray &method, const QString &path, const QString &query,
                            const QByteArray &body,
                            const QList<QPair<QByteArray, QByteArray>> &headers, QObject *context,
                            std::function<ApiResult<T>(const RawReply &)> decode,
                            ApiCallback<T> done)
{
    send(method, path, query, body, headers, context,
         [decode, done](const ApiResult<RawReply> &raw) {
             if (!raw.ok()) {
                 done(raw.error());
                 return;
             }
             ApiResult<T> result = decode(raw.value());
             if (!result.ok()) {
                 ApiError error = result.error();
                 error.httpStatus = raw.value().status;
                 qCInfo(lcApi) << "malformed answer:" << error.technical;
                 done(error);
                 return;
             }
             done(result);
         });
}

void ApiClient::fetchMe(QObject *context, ApiCallback<Me> done)
{
    sendDecoded<Me>(
        "GET", QStringLiteral("/me"), {}, {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeMe(raw.body); }, std::move(done));
}

void ApiClient::fetchUsersPage(int page, int pageSize, const QByteArray &ifNoneMatch,
                               QObject *context, ApiCallback<UsersPage> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("pageSize"), QString::number(pageSize));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty())
        headers.append({"If-None-Match", ifNoneMatch});
    sendDecoded<UsersPage>(
        "GET", QStringLiteral("/users"), query.toString(QUrl::FullyEncoded), {}, headers, context,
        [page, pageSize, ifNoneMatch](const RawReply &raw) -> ApiResult<UsersPage> {
            if (raw.status == 304) {
                UsersPage notModified;
                notModified.page = page;
                notModified.pageSize = pageSize;
                notModified.etag = ifNoneMatch;
                notModified.notModified = true;
                return notModified;
            }
            ApiResult<UsersPage> result = JsonCodec::decodeUsersPage(raw.body);
            if (result.ok())
                result.value().etag = raw.etag;
            return result;
        },
        std::move(done));
}

void ApiClient::fetchOptOuts(const QByteArray &ifNoneMatch, QObject *context,
                             ApiCallback<OptOutList> done, qint64 since)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty())
        headers.append({"If-None-Match", ifNoneMatch});
    QUrlQuery query;
    if (since >= 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    sendDecoded<OptOutList>(
        "GET", QStringLiteral("/optouts"), query.toString(QUrl::FullyEncoded), {}, headers, context,
        [ifNoneMatch](const RawReply &raw) -> ApiResult<OptOutList> {
            if (raw.status == 304) {
                OptOutList notModified;
                notModified.etag = ifNoneMatch;
                notModified.revision = revisionFromEtag(ifNoneMatch);
                notModified.notModified = true;
                return notModified;
            }
            ApiResult<OptOutList> result = JsonCodec::decodeOptOutList(raw.body);
            if (result.ok())
                result.value().etag = raw.etag;
            return result;
        },
        std::move(done));
}

void ApiClient::fetchSyncState(const QByteArray &ifNoneMatch, QObject *context,
                               ApiCallback<SyncState> done)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifNoneMatch.isEmpty())
        headers.append({"If-None-Match", ifNoneMatch});
    sendDecoded<SyncState>(
        "GET", QStringLiteral("/sync-state"), {}, {}, headers, context,
        [ifNoneMatch](const RawReply &raw) -> ApiResult<SyncState> {
            if (raw.status == 304) {
                SyncState notModified;
                notModified.etag = ifNoneMatch;
                notModified.notModified = true;
                return notModified;
            }
            ApiResult<SyncState> result = JsonCodec::decodeSyncState(raw.body);
            if (result.ok())
                result.value().etag = raw.etag;
            return result;
        },
        std::move(done));
}

void ApiClient::putOptOut(const QString &userId, QObject *context,
                          ApiCallback<PutOptOutResult> done, const QByteArray &ifMatch)
{
    putOptOut(userId, OptOutOptions {}, context, std::move(done), ifMatch);
}

void ApiClient::putOptOut(const QString &userId, const OptOutOptions &options, QObject *context,
                          ApiCallback<PutOptOutResult> done, const QByteArray &ifMatch)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    sendDecoded<PutOptOutResult>(
        "PUT", QStringLiteral("/optouts/") + QString::fromLatin1(QUrl::toPercentEncoding(userId)),
        {}, JsonCodec::encodeOptOutOptions(options), headers, context,
        [](const RawReply &raw) -> ApiResult<PutOptOutResult> {
            const ApiResult<OptOutEntry> entry = JsonCodec::decodeOptOutEntry(raw.body);
            if (!entry.ok())
                return entry.error();
            PutOptOutResult result;
            result.entry = entry.value();
            result.created = raw.status == 201;
            result.revision = revisionFromEtag(raw.etag);
            return result;
        },
        std::move(done));
}

void ApiClient::deleteOptOut(const QString &userId, QObject *context, ApiCallback<NoContent> done)
{
    sendDecoded<NoContent>(
        "DELETE",
        QStringLiteral("/optouts/") + QString::fromLatin1(QUrl::toPercentEncoding(userId)), {}, {},
        {}, context, [](const RawReply &) { return ApiResult<NoContent>(NoContent {}); },
        std::move(done));
}

void ApiClient::discoverSignIn(const QString &email, QObject *context,
                               ApiCallback<SignInProvider> done)
{
    // Every reserved character encoded ('+' included, which a form decoder reads as a space).
    const QString query
        = QStringLiteral("email=") + QString::fromLatin1(QUrl::toPercentEncoding(email.trimmed()));
    sendDecoded<SignInProvider>(
        "GET", QStringLiteral("/auth/discover"), query, {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeSignInProvider(raw.body); },
        std::move(done));
}

void ApiClient::createSession(const QByteArray &idToken, const QString &nonce, QObject *context,
                              ApiCallback<NewSession> done)
{
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("idToken"), QString::fromLatin1(idToken)},
                                     {QStringLiteral("nonce"), nonce}})
              .toJson(QJsonDocument::Compact);
    sendDecoded<NewSession>(
        "POST", QStringLiteral("/auth/sessions"), {}, body, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeNewSession(raw.body); }, std::move(done));
}

void ApiClient::endSession(const QByteArray &token, QObject *context, ApiCallback<NoContent> done)
{
    // send() checks plain HTTP against the client's token: with this one set for the call.
    const QByteArray current = m_token;
    m_token = token;
    sendDecoded<NoContent>(
        "DELETE", QStringLiteral("/auth/sessions/current"), {}, {}, {}, context,
        [](const RawReply &) { return ApiResult<NoContent>(NoContent {}); }, std::move(done));
    m_token = current;
}

void ApiClient::postBatch(const QStringList &optOut, const QStringList &optIn, QObject *context,
                          ApiCallback<BatchResult> done)
{
    postBatch(optOut, optIn, OptOutOptions {}, context, std::move(done));
}

void ApiClient::postBatch(const QStringList &optOut, const QStringList &optIn,
                          const OptOutOptions &options, QObject *context,
                          ApiCallback<BatchResult> done)
{
    sendDecoded<BatchResult>(
        "POST", QStringLiteral("/optouts/batch"), {},
        JsonCodec::encodeBatch(optOut, optIn, options), {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeBatchResult(raw.body); },
        std::move(done));
}

void ApiClient::fetchAudit(int limit, const QString &before, QObject *context,
                           ApiCallback<AuditPage> done)
{
    fetchAudit(limit, before, AuditFilter {}, context, std::move(done));
}

QString ApiClient::auditQuery(int limit, const QString &before, const AuditFilter &filter)
{
    QUrlQuery query;
    const auto add = [&query](const QString &name, const QString &value) {
        if (!value.isEmpty())
            query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("userId"), filter.userId);
    add(QStringLiteral("actorId"), filter.actorId);
    add(QStringLiteral("action"), filter.action);
    if (filter.since.isValid())
        add(QStringLiteral("since"), filter.since.toUTC().toString(Qt::ISODateWithMs));
    if (filter.until.isValid())
        add(QStringLiteral("until"), filter.until.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!before.isEmpty())
        query.addQueryItem(QStringLiteral("before"),
                           QString::fromLatin1(QUrl::toPercentEncoding(before)));
    return query.toString(QUrl::FullyEncoded);
}

void ApiClient::fetchAudit(int limit, const QString &before, const AuditFilter &filter,
                           QObject *context, ApiCallback<AuditPage> done)
{
    sendDecoded<AuditPage>(
        "GET", QStringLiteral("/audit"), auditQuery(limit, before, filter), {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeAuditPage(raw.body); }, std::move(done));
}

void ApiClient::fetchAuditBody(int limit, const QString &before, const AuditFilter &filter,
                               QObject *context, ApiCallback<QByteArray> done)
{
    sendDecoded<QByteArray>(
        "GET", QStringLiteral("/audit"), auditQuery(limit, before, filter), {}, {}, context,
        [](const RawReply &raw) { return ApiResult<QByteArray>(raw.body); }, std::move(done));
}

void ApiClient::fetchEnforcement(const QDate &since, const QDate &until, const QString &bucket,
                                 QObject *context, ApiCallback<EnforcementStats> done)
{
    QUrlQuery query;
    if (since.isValid())
        query.addQueryItem(QStringLiteral("since"), since.toString(Qt::ISODate));
    if (until.isValid())
        query.addQueryItem(QStringLiteral("until"), until.toString(Qt::ISODate));
    if (!bucket.isEmpty())
        query.addQueryItem(QStringLiteral("bucket"),
                           QString::fromLatin1(QUrl::toPercentEncoding(bucket)));
    sendDecoded<EnforcementStats>(
        "GET", QStringLiteral("/usage/enforcement"), query.toString(QUrl::FullyEncoded), {}, {},
        context, [](const RawReply &raw) { return JsonCodec::decodeEnforcementStats(raw.body); },
        std::move(done));
}

void ApiClient::fetchOptOutRules(QObject *context, ApiCallback<QList<OptOutRule>> done)
{
    sendDecoded<QList<OptOutRule>>(
        "GET", QStringLiteral("/optout-rules"), {}, {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeOptOutRules(raw.body); },
        std::move(done));
}

void ApiClient::fetchGroups(int page, int pageSize, const QString &search, QObject *context,
                            ApiCallback<GroupsPage> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("pageSize"), QString::number(pageSize));
    if (!search.isEmpty())
        query.addQueryItem(QStringLiteral("search"),
                           QString::fromLatin1(QUrl::toPercentEncoding(search)));
    sendDecoded<GroupsPage>(
        "GET", QStringLiteral("/groups"), query.toString(QUrl::FullyEncoded), {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeGroupsPage(raw.body); }, std::move(done));
}

void ApiClient::previewOptOutRule(const OptOutRuleSpec &spec, QObject *context,
                                  ApiCallback<OptOutRulePreview> done)
{
    sendDecoded<OptOutRulePreview>(
        "POST", QStringLiteral("/optout-rules/preview"), {},
        JsonCodec::encodeOptOutRuleSpec(spec, false), {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeOptOutRulePreview(raw.body); },
        std::move(done));
}

void ApiClient::createOptOutRule(const OptOutRuleSpec &spec, QObject *context,
                                 ApiCallback<CreatedOptOutRule> done)
{
    sendDecoded<CreatedOptOutRule>(
        "POST", QStringLiteral("/optout-rules"), {}, JsonCodec::encodeOptOutRuleSpec(spec, true),
        {}, context,
        [](const RawReply &raw) -> ApiResult<CreatedOptOutRule> {
            const ApiResult<OptOutRule> rule = JsonCodec::decodeOptOutRule(raw.body);
            if (!rule.ok())
                return rule.error();
            CreatedOptOutRule result;
            result.rule = rule.value();
            result.created = raw.status == 201;
            result.revision = revisionFromEtag(raw.etag);
            return result;
        },
        std::move(done));
}

void ApiClient::deleteOptOutRule(const QString &ruleId, QObject *context,
                                 ApiCallback<NoContent> done)
{
    sendDecoded<NoContent>(
        "DELETE",
        QStringLiteral("/optout-rules/") + QString::fromLatin1(QUrl::toPercentEncoding(ruleId)), {},
        {}, {}, context, [](const RawReply &) { return ApiResult<NoContent>(NoContent {}); },
        std::move(done));
}

void ApiClient::fetchUsageSummary(QObject *context, ApiCallback<UsageSummary> done)
{
    sendDecoded<UsageSummary>(
        "GET", QStringLiteral("/usage/summary"), {}, {}, {}, context,
        [](const RawReply &raw) { return JsonCodec::decodeUsageSummary(raw.body); },
        std::move(done));
}

void ApiClient::postUsageEvents(const QList<UsageEvent> &events, QObject *context,
                                ApiCallback<UsageEventsResult> done)
{
    sendDecoded<UsageEventsResult>(
        "POST", QStringLiteral("/usage/events"), {}, JsonCodec::encodeUsageEvents(events), {},
        context, [](const RawReply &raw) { return JsonCodec::decodeUsageEventsResult(raw.body); },
        std::move(done));
}
