// The JSON error of docs/api.md: status, code, message and optional details.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct HttpError
{
    int status = 500;
    QString code;
    QString message;
    QJsonObject details;

    QByteArray toJson() const;

    static HttpError invalidRequest(const QString &message, const QJsonObject &details = {});
    static HttpError unauthenticated(const QString &message);
    static HttpError forbidden(const QString &message);
    static HttpError notFound(const QString &message, const QJsonObject &details = {});
    static HttpError methodNotAllowed();
    static HttpError preconditionFailed(qint64 currentRevision);
    // 409 covered_by_rule: an opt-in of users a rule still covers.
    static HttpError coveredByRule(const QStringList &userIds, const QStringList &ruleIds);
    static HttpError payloadTooLarge(const QString &message);
    static HttpError unsupportedMediaType();
    static HttpError headersTooLarge(const QString &message);
    // 429: too many failed authentications from the client's address (with Retry-After).
    static HttpError tooManyRequests(int retryAfterSeconds);
    // 503 too: the storage refuses writes (disk full, read-only); also with Retry-After.
    static HttpError writesRefused();
    static HttpError internal();
    // 503: the storage cannot be reached; answered with Retry-After (HttpError::RetryAfterSeconds).
    static HttpError unavailable();
    static constexpr int RetryAfterSeconds = 2;
};

// Whether `text` holds a control character (a line break, a tab, a NUL...): what a reason, a
// name or a search may not hold.
bool hasControlCharacters(const QString &text);
