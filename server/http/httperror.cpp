// The JSON error of docs/api.md: status, code, message and optional details.
#include "httperror.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>

QByteArray HttpError::toJson() const
{
    QJsonObject error {{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!details.isEmpty())
        error.insert(QStringLiteral("details"), details);
    return QJsonDocument(QJsonObject {{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}

static HttpError make(int status, const char *code, const QString &message,
                      const QJsonObject &details = {})
{
    return HttpError {status, QString::fromLatin1(code), message, details};
}

HttpError HttpError::invalidRequest(const QString &message, const QJsonObject &details)
{
    return make(400, "invalid_request", message, details);
}

HttpError HttpError::unauthenticated(const QString &message)
{
    return make(401, "unauthenticated", message);
}

HttpError HttpError::forbidden(const QString &message)
{
    return make(403, "forbidden", message);
}

HttpError HttpError::notFound(const QString &message, const QJsonObject &details)
{
    return make(404, "not_found", message, details);
}

HttpError HttpError::methodNotAllowed()
{
    return make(405, "method_not_allowed", QStringLiteral("This method is not allowed here."));
}

HttpError HttpError::preconditionFailed(qint64 currentRevision)
{
    return make(412, "precondition_failed",
                QStringLiteral("The opt-out list has changed since the revision you sent."),
                {{QStringLiteral("revision"), currentRevision}});
}

HttpError HttpError::coveredByRule(const QStringList &userIds, const QStringList &ruleIds)
{
    return make(409, "covered_by_rule",
                QStringLiteral("A rule still opts these users out: delete the rule instead."),
                {{QStringLiteral("userIds"), QJsonArray::fromStringList(userIds)},
                 {QStringLiteral("ruleIds"), QJsonArray::fromStringList(ruleIds)}});
}

HttpError HttpError::payloadTooLarge(const QString &message)
{
    return make(413, "payload_too_large", message);
}

HttpError HttpError::unsupportedMediaType()
{
    return make(415, "unsupported_media_type",
                QStringLiteral("The body must be application/json (charset utf-8)."));
}

HttpError HttpError::headersTooLarge(const QString &message)
{
    return make(431, "headers_too_large", message);
}

HttpError HttpError::tooManyRequests(int retryAfterSeconds)
{
    return make(429, "too_many_requests",
                QStringLiteral("Too many failed authentications from your address; try again in "
                               "%1 s.")
                    .arg(retryAfterSeconds),
                {{QStringLiteral("retryAfter"), retryAfterSeconds}});
}

HttpError HttpError::internal()
{
    return make(500, "internal", QStringLiteral("The service could not complete the request."));
}

HttpError HttpError::unavailable()
{
    return make(
        503, "unavailable",
        QStringLiteral("The service cannot reach its storage just now; try again shortly."));
}

HttpError HttpError::writesRefused()
{
    return make(503, "unavailable",
                QStringLiteral("The service's storage refuses changes just now (its disk is full "
                               "or it is read-only); try again later."));
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](QChar c) { return c.category() == QChar::Other_Control; });
}
