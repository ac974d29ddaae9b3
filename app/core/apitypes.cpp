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
    if (code == QLatin1String("session_expired"))
        return tr("Your session has expired. Please sign in again; your pending changes are "
                  "kept.");
    if (code == QLatin1String("no_sso"))
        return tr("Your organisation does not sign in with an identity provider here. Sign in "
                  "with an access token instead.");
    if (code == QLatin1String("invalid_id_token"))
        return tr("The service did not accept the identity provider's answer.");
    if (code == QLatin1String("covered_by_rule"))
        return tr("A group or domain rule opts this user out. Remove the rule in View > Rules "
                  "to opt them back in.");
    if (code == QLatin1String("too_many_requests"))
        return tr("Too many attempts. Please wait a minute and try again.");
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

QString ApiError::signInMessage() const
{
    if (kind != Kind::Http || code != QLatin1String("invalid_id_token"))
        return kind == Kind::Http ? messageForCode(code, httpStatus, message) : message;
    const QString reason = details.value(QLatin1String("reason")).toString();
    if (reason == QLatin1String("unknown_user"))
        return tr("Your organisation's account is not an administrator of this service. Ask "
                  "an administrator to add you.");
    if (reason == QLatin1String("inactive_user"))
        return tr("Your account has been deactivated on this service.");
    if (reason == QLatin1String("unverified_email"))
        return tr("Your identity provider has not verified your e-mail address. Verify it "
                  "there, then sign in again.");
    if (reason == QLatin1String("expired"))
        return tr("The identity provider's answer has expired. Check your computer's clock, "
                  "then sign in again.");
    if (reason == QLatin1String("nonce"))
        return tr("The identity provider's answer does not belong to this sign-in. Please "
                  "sign in again.");
    if (reason == QLatin1String("signature") || reason == QLatin1String("audience")
        || reason == QLatin1String("issuer"))
        return tr("The identity provider's answer could not be verified. Ask your "
                  "administrator to check the service's identity provider settings.");
    return messageForCode(code, httpStatus, {});
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
