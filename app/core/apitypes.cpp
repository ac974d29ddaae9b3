// The user-facing messages of API errors and the helpers of ApiError.
#include "apitypes.h"

#include <QJsonArray>

QString OptOutOptions::reasonProblem(const QString &reason)
{
    // The service's own rule (docs/api.md): characters are code points; control characters
    // (line breaks, tabs) are refused.
    if (reason.toUcs4().size() > MaxReasonLength)
        return tr("A reason can hold at most %n characters.", nullptr, MaxReasonLength);
    for (const QChar c : reason) {
        if (c.category() == QChar::Other_Control)
            return tr("A reason cannot hold line breaks, tabs or other control characters.");
    }
    return {};
}

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Malformed:
    // Not the service's refusal: a certificate may be renewed or trusted, so actions wait.
    case Kind::Security:
        return true;
    case Kind::Http:
        return httpStatus >= 500 || httpStatus == 408 || httpStatus == 429;
    }
    return false;
}

QStringList ApiError::detailUserIds() const
{
    QStringList ids;
    const QJsonArray array = details.value(QLatin1String("userIds")).toArray();
    for (const QJsonValue &value : array) {
        if (value.isString())
            ids.append(value.toString());
    }
    return ids;
}

QString ApiError::messageForCode(const QString &code, int httpStatus, const QString &fallback)
{
    if (code == QLatin1String("invalid_request"))
        return tr("The service did not accept the request.");
    if (code == QLatin1String("unauthenticated"))
        return tr("Your sign-in is no longer valid. Please sign in again.");
    if (code == QLatin1String("forbidden"))
        return tr("You are not allowed to do this. Only product administrators can change "
                  "opt-outs.");
    if (code == QLatin1String("not_found"))
        return tr("The user or the page was not found. It may have been removed.");
    if (code == QLatin1String("method_not_allowed"))
        return tr("The service does not support this request. The app may be out of date.");
    if (code == QLatin1String("precondition_failed"))
        return tr("The opt-out list was changed by someone else in the meantime. Refresh and "
                  "try again.");
    if (code == QLatin1String("payload_too_large"))
        return tr("The request is too large for the service.");
    if (code == QLatin1String("internal"))
        return tr("The service had an internal error. Please try again later.");
    if (!fallback.isEmpty())
        return fallback;
    switch (httpStatus) {
    case 400:
        return messageForCode(QStringLiteral("invalid_request"), httpStatus, {});
    case 401:
        return messageForCode(QStringLiteral("unauthenticated"), httpStatus, {});
    case 403:
        return messageForCode(QStringLiteral("forbidden"), httpStatus, {});
    case 404:
        return messageForCode(QStringLiteral("not_found"), httpStatus, {});
    case 412:
        return messageForCode(QStringLiteral("precondition_failed"), httpStatus, {});
    case 413:
        return messageForCode(QStringLiteral("payload_too_large"), httpStatus, {});
    default:
        break;
    }
    if (httpStatus >= 500)
        return tr("The service is unavailable (HTTP %1). Please try again later.").arg(httpStatus);
    return tr("The service answered with an unexpected error (HTTP %1).").arg(httpStatus);
}

ApiError ApiError::network(const QString &technical)
{
    ApiError error;
    error.kind = Kind::Network;
    error.message = tr("The service cannot be reached. Check your network connection.");
    error.technical = technical;
    return error;
}

ApiError ApiError::timeout(const QString &technical)
{
    ApiError error;
    error.kind = Kind::Timeout;
    error.message = tr("The service did not answer in time.");
    error.technical = technical;
    return error;
}

ApiError ApiError::malformed(int httpStatus, const QString &technical)
{
    ApiError error;
    error.kind = Kind::Malformed;
    error.httpStatus = httpStatus;
    error.message = tr("The service sent an answer the app cannot read.");
    error.technical = technical;
    return error;
}
