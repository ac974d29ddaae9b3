// Signing in with the organisation's identity provider: see authapi.h.
#include "authapi.h"

#include "idtoken.h"
#include "optoutservice.h"
#include "provisioning.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAuth, "optout.auth", QtInfoMsg)

namespace {

constexpr int ConfigsMaxAgeMs = 2000;

ApiResponse refused(IdToken::Reason reason, const QString &message)
{
    HttpError error {401,
                     QStringLiteral("invalid_id_token"),
                     message,
                     {{QStringLiteral("reason"), IdToken::reasonName(reason)}}};
    return ApiResponse::fromError(error);
}

ApiResponse refusedUser(const QString &reason, const QString &message)
{
    HttpError error {
        401, QStringLiteral("invalid_id_token"), message, {{QStringLiteral("reason"), reason}}};
    return ApiResponse::fromError(error);
}

// The identity provider could not be asked: the sign-in may work later.
ApiResponse providerFailure(const QString &reason)
{
    HttpError error = HttpError::unavailable();
    error.message = QStringLiteral("The identity provider's keys cannot be read now.");
    error.details = {{QStringLiteral("reason"), reason}};
    ApiResponse r = ApiResponse::fromError(error);
    r.headers.append(
        qMakePair(QByteArray("Retry-After"), QByteArray::number(HttpError::RetryAfterSeconds)));
    return r;
}

ApiResponse storeFailure(StoreStatus status)
{
    if (status != StoreStatus::Unavailable)
        return ApiResponse::fromError(HttpError::internal());
    ApiResponse r = ApiResponse::fromError(HttpError::unavailable());
    r.headers.append(
        qMakePair(QByteArray("Retry-After"), QByteArray::number(HttpError::RetryAfterSeconds)));
    return r;
}

QString domainOf(const QString &email)
{
    const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
    return at <= 0 ? QString() : email.mid(at + 1).toLower();
}

} // namespace

AuthApi::AuthApi(OptOutService *service, const OidcKeys::Options &keys, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_keys(keys)
{
}

void AuthApi::handle(const ApiRequest &request, ApiServer::Respond respond)
{
    using Method = HttpMethod;
    const QString path = request.url.path();
    if (path.endsWith(QLatin1String("/discover")))
        return discover(request, std::move(respond));
    if (request.method == Method::Post)
        return createSession(request, std::move(respond));
    endSession(request, std::move(respond));
}

void AuthApi::withConfigs(std::function<void(StoreResult<QVector<OidcConfig>>)> done)
{
    if (m_configsRead.isValid() && m_configsRead.elapsed() < ConfigsMaxAgeMs)
        return done(StoreResult<QVector<OidcConfig>>::success(m_configs));
    m_service->oidcConfigs(this,
                           [this, done = std::move(done)](StoreResult<QVector<OidcConfig>> result) {
                               if (result.ok()) {
                                   m_configs = result.value;
                                   m_configsRead.start();
                               }
                               done(std::move(result));
                           });
}

void AuthApi::discover(const ApiRequest &request, ApiServer::Respond respond)
{
    const QString email
        = request.query.queryItemValue(QStringLiteral("email"), QUrl::FullyDecoded).trimmed();
    const QString domain = domainOf(email);
    if (domain.isEmpty() || email.size() > 320) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("'email' must be an e-mail address."))));
    }
    withConfigs([domain, respond = std::move(respond)](StoreResult<QVector<OidcConfig>> configs) {
        if (!configs.ok())
            return respond(storeFailure(configs.status));
        for (const OidcConfig &config : std::as_const(configs.value)) {
            if (!config.emailDomains.contains(domain))
                continue;
            return respond(ApiResponse::json(
                200,
                QJsonObject {{QStringLiteral("issuer"), config.issuer},
                             {QStringLiteral("clientId"), config.clientId},
                             {QStringLiteral("scopes"),
                              QJsonArray {QStringLiteral("openid"), QStringLiteral("email"),
                                          QStringLiteral("profile")}}}));
        }
        respond(ApiResponse::fromError(
            HttpError {404,
                       QStringLiteral("no_sso"),
                       QStringLiteral("No identity provider signs in addresses of this domain."),
                       {}}));
    });
}

void AuthApi::createSession(const ApiRequest &request, ApiServer::Respond respond)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonObject body = doc.object();
    const QJsonValue idToken = body.value(QLatin1String("idToken"));
    const QJsonValue nonce = body.value(QLatin1String("nonce"));
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || !idToken.isString()
        || !nonce.isString() || idToken.toString().isEmpty() || nonce.toString().isEmpty()) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("The body must be {\"idToken\": string, \"nonce\": string}."))));
    }
    const QByteArray token = idToken.toString().toUtf8();
    const auto unverified = IdToken::peek(token);
    if (!unverified) {
        qCInfo(lcAuth) << "sign-in refused: signature (not a signed JWT)";
        return respond(refused(IdToken::Reason::Signature,
                               QStringLiteral("The ID token is not a signed JWT.")));
    }
    withConfigs([this, token, nonce = nonce.toString(), unverified = *unverified,
                 respond = std::move(respond)](StoreResult<QVector<OidcConfig>> configs) mutable {
        if (!configs.ok())
            return respond(storeFailure(configs.status));
        // The organisations whose provider this token claims to come from; the claims are
        // only trusted once the signature is verified with that provider's keys.
        QVector<OidcConfig> ofIssuer;
        QVector<OidcConfig> candidates;
        for (const OidcConfig &config : std::as_const(configs.value)) {
            if (config.issuer != unverified.issuer)
                continue;
            ofIssuer.append(config);
            if (unverified.audiences.contains(config.clientId))
                candidates.append(config);
        }
        if (ofIssuer.isEmpty()) {
            qCInfo(lcAuth).noquote()
                << "sign-in refused: issuer" << unverified.issuer << "is no organisation's";
            return respond(refused(IdToken::Reason::Issuer,
                                   QStringLiteral("No organisation signs in with this issuer.")));
        }
        if (candidates.isEmpty()) {
            qCInfo(lcAuth).noquote()
                << "sign-in refused: audience" << unverified.audiences.join(u' ') << "of"
                << unverified.issuer;
            return respond(refused(IdToken::Reason::Audience,
                                   QStringLiteral("The ID token is for another client.")));
        }
        verifyAndStart(token, nonce, candidates, false, std::move(respond));
    });
}

void AuthApi::verifyAndStart(const QByteArray &idToken, const QString &nonce,
                             const QVector<OidcConfig> &candidates, bool refetched,
                             ApiServer::Respond respond)
{
    const QString issuer = candidates.first().issuer;
    m_keys.keys(
        issuer, refetched, this,
        [this, idToken, nonce, candidates, refetched,
         respond = std::move(respond)](OidcKeys::Result keys) mutable {
            if (keys.status != OidcKeys::Result::Status::Ok) {
                qCWarning(lcAuth).noquote()
                    << "sign-in not possible: the keys of" << candidates.first().issuer
                    << "cannot be read:" << keys.detail;
                return respond(providerFailure(keys.status == OidcKeys::Result::Status::Unreachable
                                                   ? QStringLiteral("provider_unreachable")
                                                   : QStringLiteral("provider_invalid")));
            }
            IdToken::Expectations expected;
            expected.issuer = candidates.first().issuer;
            expected.clientId = candidates.first().clientId;
            expected.nonce = nonce;
            expected.now = QDateTime::currentDateTimeUtc();
            expected.clockSkewSeconds = ClockSkewSeconds;
            const IdToken::Outcome outcome = IdToken::verify(idToken, keys.jwks, expected);
            if (outcome.unknownKey && !refetched) // the provider may have rotated its keys
                return verifyAndStart(idToken, nonce, candidates, true, std::move(respond));
            if (outcome.reason != IdToken::Reason::None) {
                qCInfo(lcAuth).noquote()
                    << "sign-in refused:" << IdToken::reasonName(outcome.reason) << "("
                    << outcome.detail << ")";
                return respond(
                    refused(outcome.reason, QStringLiteral("The ID token is not accepted.")));
            }
            // An address of a domain the organisation signs in with, of a person in
            // its directory (service accounts never sign in this way).
            const QString domain = domainOf(outcome.email);
            const QString key = OptOutService::userNameKey(outcome.email);
            const StoredUser *user = nullptr;
            for (const OidcConfig &config : candidates) {
                const CachedOrg *org = m_service->org(config.orgId);
                if (!org || !config.emailDomains.contains(domain))
                    continue;
                const auto found = org->directoryByUserName.constFind(key);
                if (found != org->directoryByUserName.cend()) {
                    user = *found;
                    break;
                }
            }
            if (!user) {
                qCInfo(lcAuth).noquote()
                    << "sign-in refused: unknown_user (" << outcome.email << ")";
                return respond(
                    refusedUser(QStringLiteral("unknown_user"),
                                QStringLiteral("This address is not a user of the organisation.")));
            }
            if (!user->active || user->deleted) {
                qCInfo(lcAuth).noquote() << "sign-in refused: inactive_user (" << user->id << ")";
                return respond(refusedUser(QStringLiteral("inactive_user"),
                                           QStringLiteral("This user is deactivated.")));
            }
            const StoredUser caller = *user;
            const QByteArray token = Provisioning::newToken();
            m_service->startSession(
                caller, token, this,
                [this, caller, token,
                 respond = std::move(respond)](StoreResult<QDateTime> expiresAt) {
                    if (!expiresAt.ok())
                        return respond(storeFailure(expiresAt.status));
                    qCInfo(lcAuth).noquote() << "signed in:" << caller.id << "of" << caller.orgId
                                             << "until" << expiresAt.value.toString(Qt::ISODate);
                    const CachedOrg *org = m_service->org(caller.orgId);
                    QJsonObject user {
                        {QStringLiteral("id"), caller.id},
                        {QStringLiteral("email"), caller.email},
                        {QStringLiteral("name"), caller.name},
                        {QStringLiteral("roles"), QJsonArray::fromStringList(caller.roles)}};
                    if (org) {
                        user.insert(
                            QStringLiteral("org"),
                            QJsonObject {{QStringLiteral("id"), org->org.id},
                                         {QStringLiteral("name"), org->org.name},
                                         {QStringLiteral("productName"), org->org.productName}});
                    }
                    respond(ApiResponse::json(
                        201,
                        QJsonObject {
                            {QStringLiteral("token"), QString::fromLatin1(token)},
                            {QStringLiteral("expiresAt"), expiresAt.value.toString(Qt::ISODate)},
                            {QStringLiteral("user"), user}}));
                });
        });
}

void AuthApi::endSession(const ApiRequest &request, ApiServer::Respond respond)
{
    // The route is authenticated: the header holds a valid bearer token.
    const QByteArray token = request.header("Authorization").mid(7).trimmed();
    const QString userId = request.user ? request.user->id : QString();
    m_service->endSession(token, this,
                          [userId, respond = std::move(respond)](StoreResult<bool> result) {
                              if (!result.ok())
                                  return respond(storeFailure(result.status));
                              qCInfo(lcAuth).noquote() << "signed out:" << userId;
                              ApiResponse r;
                              r.status = 204;
                              respond(r);
                          });
}
