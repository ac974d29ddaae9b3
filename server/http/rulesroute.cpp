// /api/v1/optout-rules: opt-out rules by group and by e-mail domain (list, preview, create,
// delete), and the "via" of an opt-out entry.
#include "apiserver.h"
#include "coverplan.h"
#include "optoutservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

QString rfc3339Of(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// The body of a preview or a creation, checked: the request's fields, or the error.
std::variant<RuleChangeRequest, HttpError> ruleRequestOf(const QByteArray &body, bool create)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return HttpError::invalidRequest(QStringLiteral("The body must be a JSON object."));
    const QJsonObject o = doc.object();
    RuleChangeRequest request;
    const QString kind = o.value(QLatin1String("kind")).toString();
    QStringList known {QStringLiteral("kind")};
    if (kind == QLatin1String("group")) {
        request.ruleKind = StoredRule::Kind::Group;
        const QJsonValue id = o.value(QLatin1String("groupId"));
        if (!id.isString() || id.toString().isEmpty()) {
            return HttpError::invalidRequest(
                QStringLiteral("'groupId' must be a group's id."),
                {{QStringLiteral("field"), QStringLiteral("groupId")}});
        }
        request.groupId = id.toString();
        known.append(QStringLiteral("groupId"));
    } else if (kind == QLatin1String("emailDomain")) {
        request.ruleKind = StoredRule::Kind::EmailDomain;
        const QJsonValue domain = o.value(QLatin1String("domain"));
        request.domain = domain.isString() ? normalisedDomain(domain.toString()) : QString();
        if (request.domain.isEmpty()) {
            return HttpError::invalidRequest(
                QStringLiteral("'domain' must be a domain name, e.g. contractors.example.com."),
                {{QStringLiteral("field"), QStringLiteral("domain")}});
        }
        known.append(QStringLiteral("domain"));
    } else {
        return HttpError::invalidRequest(QStringLiteral("'kind' must be group or emailDomain."),
                                         {{QStringLiteral("field"), QStringLiteral("kind")}});
    }
    if (create) {
        const QJsonValue reason = o.value(QLatin1String("reason"));
        if (!reason.isUndefined() && !reason.isNull()) {
            if (!reason.isString() || reason.toString().size() > 500
                || hasControlCharacters(reason.toString())) {
                return HttpError::invalidRequest(
                    QStringLiteral("'reason' must be a string of at most 500 characters without "
                                   "control characters."),
                    {{QStringLiteral("field"), QStringLiteral("reason")}});
            }
            request.reason = reason.toString().trimmed();
        }
        const QJsonValue deleteNow = o.value(QLatin1String("deleteStoredEvents"));
        if (!deleteNow.isUndefined() && !deleteNow.isBool()) {
            return HttpError::invalidRequest(
                QStringLiteral("'deleteStoredEvents' must be a boolean."),
                {{QStringLiteral("field"), QStringLiteral("deleteStoredEvents")}});
        }
        request.deleteStoredEvents = deleteNow.toBool();
        known << QStringLiteral("reason") << QStringLiteral("deleteStoredEvents");
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            return HttpError::invalidRequest(QStringLiteral("Unknown field '%1'.").arg(it.key()),
                                             {{QStringLiteral("field"), it.key()}});
        }
    }
    return request;
}

QJsonObject ruleJson(const StoredRule &rule, const QJsonValue &createdBy)
{
    QJsonObject o {
        {QStringLiteral("id"), rule.id},
        {QStringLiteral("reason"), rule.reason.isEmpty() ? QJsonValue() : QJsonValue(rule.reason)},
        {QStringLiteral("createdAt"), rfc3339Of(rule.createdAt)},
        {QStringLiteral("createdBy"), createdBy},
        {QStringLiteral("userCount"), rule.userCount}};
    if (rule.kind == StoredRule::Kind::Group) {
        o.insert(QStringLiteral("kind"), QStringLiteral("group"));
        o.insert(QStringLiteral("group"),
                 QJsonObject {{QStringLiteral("id"), rule.groupId},
                              {QStringLiteral("name"), rule.groupName}});
    } else {
        o.insert(QStringLiteral("kind"), QStringLiteral("emailDomain"));
        o.insert(QStringLiteral("domain"), rule.domain);
    }
    return o;
}

} // namespace

QJsonValue ApiServer::userRefOrNull(const QString &userId) const
{
    const StoredUser *u = m_service->user(userId);
    if (!u)
        return QJsonValue();
    return QJsonObject {{QStringLiteral("id"), u->id},
                        {QStringLiteral("email"), u->email},
                        {QStringLiteral("name"), u->name}};
}

QJsonArray ApiServer::viaJson(const StoredOptOut &o) const
{
    QJsonArray via;
    if (o.individual)
        via.append(QJsonObject {{QStringLiteral("kind"), QStringLiteral("individual")}});
    const CachedOrg *org = m_service->org(o.orgId);
    for (const QString &id : o.ruleIds) {
        if (!org)
            break;
        for (const StoredRule &rule : org->rules) {
            if (rule.id == id)
                via.append(QJsonDocument::fromJson(::viaJson(rule)).object());
        }
    }
    return via;
}

void ApiServer::listRules(const ApiRequest &r, Respond respond)
{
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(ApiResponse::fromError(HttpError::internal()));
    const QByteArray etag = '"' + QByteArray::number(org->org.revision) + '"';
    if (etagMatches(r.header("If-None-Match"), etag))
        return respond(ApiResponse {304, {}, {{"ETag", etag}}});
    QJsonArray list;
    for (const StoredRule &rule : m_service->rules(org->org.id))
        list.append(ruleJson(rule, userRefOrNull(rule.createdBy)));
    ApiResponse response = ApiResponse::json(
        200, {{QStringLiteral("revision"), org->org.revision}, {QStringLiteral("rules"), list}});
    response.headers.append(qMakePair(QByteArray("ETag"), etag));
    respond(std::move(response));
}

void ApiServer::previewRule(const ApiRequest &r, Respond respond)
{
    const auto parsed = ruleRequestOf(r.body, false);
    if (const auto *e = std::get_if<HttpError>(&parsed))
        return respond(ApiResponse::fromError(*e));
    RuleChangeRequest request = std::get<RuleChangeRequest>(parsed);
    request.kind = RuleChangeRequest::Kind::Preview;
    request.orgId = r.user->orgId;
    request.actorId = r.user->id;
    m_service->changeRule(
        request, this, [this, respond = std::move(respond)](StoreResult<RuleChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const RuleChangeOutcome &o = result.value;
            if (o.kind == RuleChangeOutcome::Kind::UnknownGroup) {
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such group."))));
            }
            QJsonArray sample;
            for (const QString &id : o.sample)
                sample.append(userRefOrNull(id));
            respond(ApiResponse::json(200,
                                      {{QStringLiteral("userCount"), o.userCount},
                                       {QStringLiteral("newlyOptedOut"), o.newlyOptedOut},
                                       {QStringLiteral("sample"), sample}}));
        });
}

void ApiServer::createRule(const ApiRequest &r, Respond respond)
{
    const auto parsed = ruleRequestOf(r.body, true);
    if (const auto *e = std::get_if<HttpError>(&parsed))
        return respond(ApiResponse::fromError(*e));
    const auto condition = ifMatch(r);
    if (const auto *e = std::get_if<HttpError>(&condition))
        return respond(ApiResponse::fromError(*e));
    RuleChangeRequest request = std::get<RuleChangeRequest>(parsed);
    request.kind = RuleChangeRequest::Kind::Create;
    request.orgId = r.user->orgId;
    request.actorId = r.user->id;
    request.requestId = r.requestId;
    request.ifRevisionIn = std::get<std::optional<QList<qint64>>>(condition);
    m_service->changeRule(
        request, this, [this, respond = std::move(respond)](StoreResult<RuleChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const RuleChangeOutcome &o = result.value;
            switch (o.kind) {
            case RuleChangeOutcome::Kind::UnknownGroup:
            case RuleChangeOutcome::Kind::NotFound:
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such group."))));
            case RuleChangeOutcome::Kind::PreconditionFailed:
                return respond(ApiResponse::fromError(HttpError::preconditionFailed(o.revision)));
            case RuleChangeOutcome::Kind::Existing:
            case RuleChangeOutcome::Kind::Applied:
                break;
            }
            StoredRule rule = o.rule;
            for (const StoredRule &cached : m_service->rules(rule.orgId)) {
                if (cached.id == rule.id)
                    rule.userCount = cached.userCount;
            }
            ApiResponse response
                = ApiResponse::json(o.kind == RuleChangeOutcome::Kind::Applied ? 201 : 200,
                                    ruleJson(rule, userRefOrNull(rule.createdBy)));
            response.headers.append(
                qMakePair(QByteArray("ETag"), '"' + QByteArray::number(o.revision) + '"'));
            respond(std::move(response));
        });
}

void ApiServer::deleteRule(const ApiRequest &r, Respond respond)
{
    const auto condition = ifMatch(r);
    if (const auto *e = std::get_if<HttpError>(&condition))
        return respond(ApiResponse::fromError(*e));
    RuleChangeRequest request;
    request.kind = RuleChangeRequest::Kind::Delete;
    request.orgId = r.user->orgId;
    request.actorId = r.user->id;
    request.requestId = r.requestId;
    request.ruleId = r.params.at(0);
    request.ifRevisionIn = std::get<std::optional<QList<qint64>>>(condition);
    m_service->changeRule(
        request, this, [respond = std::move(respond)](StoreResult<RuleChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const RuleChangeOutcome &o = result.value;
            if (o.kind == RuleChangeOutcome::Kind::NotFound) {
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such rule."))));
            }
            if (o.kind == RuleChangeOutcome::Kind::PreconditionFailed)
                return respond(ApiResponse::fromError(HttpError::preconditionFailed(o.revision)));
            respond(ApiResponse {204, {}, {{"ETag", '"' + QByteArray::number(o.revision) + '"'}}});
        });
}
