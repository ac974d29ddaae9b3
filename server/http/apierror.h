// The JSON error of docs/api.md: status, code, message and optional details.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct ApiError
{
    int status = 500;
    QString code;
    QString message;
    QJsonObject details;

    QByteArray toJson() const;

    static ApiError invalidRequest(const QString &message, const QJsonObject &details = {});
    static ApiError unauthenticated(const QString &message);
    static ApiError forbidden(const QString &message);
    static ApiError notFound(const QString &message, const QJsonObject &details = {});
    static ApiError methodNotAllowed();
    static ApiError preconditionFailed(qint64 currentRevision);
    // 409 covered_by_rule: an opt-in of users a rule still covers.
    static ApiError coveredByRule(const QStringList &userIds, const QStringList &ruleIds);
    static ApiError payloadTooLarge(const QString &message);
    static ApiError unsupportedMediaType();
    static ApiError headersTooLarge(const QString &message);
    // 429: too many failed authentications from the client's address (with Retry-After).
    static ApiError tooManyRequests(int retryAfterSeconds);
    static ApiError internal();
    // 503: the storage cannot be reached; answered with Retry-After (ApiError::RetryAfterSeconds).
    static ApiError unavailable();
    // 503 too: the storage refuses writes (disk full, read-only); also with Retry-After.
    static ApiError writesRefused();
    static constexpr int RetryAfterSeconds = 2;
};
