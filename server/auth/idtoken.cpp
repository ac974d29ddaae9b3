// Verifying an OpenID Connect ID token with cjose: see idtoken.h.
#include "idtoken.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cjose/header.h>
#include <cjose/jwk.h>
#include <cjose/jws.h>

#include <memory>

namespace IdToken {

namespace {

struct JwsRelease
{
    void operator()(cjose_jws_t *jws) const { cjose_jws_release(jws); }
};
struct JwkRelease
{
    void operator()(cjose_jwk_t *jwk) const { cjose_jwk_release(jwk); }
};
using Jws = std::unique_ptr<cjose_jws_t, JwsRelease>;
using Jwk = std::unique_ptr<cjose_jwk_t, JwkRelease>;

Jws importJws(const QByteArray &compact)
{
    // A compact JWS is three base64url parts; cjose parses them (and refuses the rest).
    if (compact.isEmpty() || compact.size() > 64 * 1024 || compact.count('.') != 2)
        return nullptr;
    cjose_err err;
    return Jws(cjose_jws_import(compact.constData(), size_t(compact.size()), &err));
}

QString headerValue(cjose_jws_t *jws, const char *name)
{
    cjose_err err;
    cjose_header_t *header = cjose_jws_get_protected(jws);
    const char *value = header ? cjose_header_get(header, name, &err) : nullptr;
    return value ? QString::fromUtf8(value) : QString();
}

std::optional<QJsonObject> payload(cjose_jws_t *jws)
{
    uint8_t *data = nullptr;
    size_t length = 0;
    cjose_err err;
    if (!cjose_jws_get_plaintext(jws, &data, &length, &err) || !data)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(length)), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

QStringList audiencesOf(const QJsonObject &claims)
{
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    if (aud.isString())
        return {aud.toString()};
    QStringList list;
    for (const QJsonValue &v : aud.toArray()) {
        if (v.isString())
            list.append(v.toString());
    }
    return list;
}

Outcome refuse(Reason reason, const QString &detail)
{
    Outcome o;
    o.reason = reason;
    o.detail = detail;
    return o;
}

// A NumericDate claim (seconds since the epoch), nullopt when absent or not a number.
std::optional<qint64> numericDate(const QJsonObject &claims, const char *name)
{
    const QJsonValue v = claims.value(QLatin1String(name));
    if (!v.isDouble())
        return std::nullopt;
    return qint64(v.toDouble());
}

} // namespace

QString reasonName(Reason reason)
{
    switch (reason) {
    case Reason::None:
        return {};
    case Reason::Signature:
        return QStringLiteral("signature");
    case Reason::Expired:
        return QStringLiteral("expired");
    case Reason::Audience:
        return QStringLiteral("audience");
    case Reason::Issuer:
        return QStringLiteral("issuer");
    case Reason::Nonce:
        return QStringLiteral("nonce");
    case Reason::UnverifiedEmail:
        return QStringLiteral("unverified_email");
    }
    return {};
}

std::optional<Unverified> peek(const QByteArray &compact)
{
    const Jws jws = importJws(compact);
    if (!jws)
        return std::nullopt;
    const auto claims = payload(jws.get());
    if (!claims)
        return std::nullopt;
    Unverified u;
    u.algorithm = headerValue(jws.get(), "alg");
    u.keyId = headerValue(jws.get(), "kid");
    u.issuer = claims->value(QLatin1String("iss")).toString();
    u.audiences = audiencesOf(*claims);
    return u;
}

Outcome verify(const QByteArray &compact, const QByteArray &jwks, const Expectations &expected)
{
    const Jws jws = importJws(compact);
    if (!jws)
        return refuse(Reason::Signature, QStringLiteral("not a compact JWS"));
    // The algorithm is ours to choose, never the token's: asymmetric ones only, so that neither
    // "none" nor an HMAC keyed with the public key can pass.
    const QString alg = headerValue(jws.get(), "alg");
    const bool rsa = alg == QLatin1String("RS256");
    if (!rsa && alg != QLatin1String("ES256"))
        return refuse(Reason::Signature, QStringLiteral("algorithm \"%1\" refused").arg(alg));
    const QString kid = headerValue(jws.get(), "kid");

    const QJsonArray keys
        = QJsonDocument::fromJson(jwks).object().value(QLatin1String("keys")).toArray();
    bool candidate = false;
    bool verified = false;
    for (const QJsonValue &value : keys) {
        const QJsonObject key = value.toObject();
        if (!kid.isEmpty() && key.value(QLatin1String("kid")).toString() != kid)
            continue;
        const QString kty = key.value(QLatin1String("kty")).toString();
        if (kty != (rsa ? QLatin1String("RSA") : QLatin1String("EC")))
            continue;
        if (!rsa && key.value(QLatin1String("crv")).toString() != QLatin1String("P-256"))
            continue;
        if (key.contains(QLatin1String("use"))
            && key.value(QLatin1String("use")) != QLatin1String("sig"))
            continue;
        if (key.contains(QLatin1String("alg")) && key.value(QLatin1String("alg")).toString() != alg)
            continue;
        const QByteArray json = QJsonDocument(key).toJson(QJsonDocument::Compact);
        cjose_err err;
        const Jwk jwk(cjose_jwk_import(json.constData(), size_t(json.size()), &err));
        if (!jwk)
            continue;
        const cjose_jwk_kty_t type = cjose_jwk_get_kty(jwk.get(), &err);
        if (type != (rsa ? CJOSE_JWK_KTY_RSA : CJOSE_JWK_KTY_EC))
            continue;
        candidate = true;
        if (cjose_jws_verify(jws.get(), jwk.get(), &err)) {
            verified = true;
            break;
        }
    }
    if (!verified) {
        Outcome o
            = refuse(Reason::Signature,
                     candidate ? QStringLiteral("signature does not verify (kid \"%1\")").arg(kid)
                               : QStringLiteral("no %1 key with kid \"%2\"").arg(alg, kid));
        o.unknownKey = !candidate;
        return o;
    }

    const auto claims = payload(jws.get());
    if (!claims)
        return refuse(Reason::Signature, QStringLiteral("the payload is not a JSON object"));
    const QString iss = claims->value(QLatin1String("iss")).toString();
    if (iss != expected.issuer)
        return refuse(Reason::Issuer, QStringLiteral("iss \"%1\"").arg(iss));
    const QStringList audiences = audiencesOf(*claims);
    const QJsonValue azp = claims->value(QLatin1String("azp"));
    if (!audiences.contains(expected.clientId)
        || (!azp.isUndefined() && azp.toString() != expected.clientId))
        return refuse(Reason::Audience, QStringLiteral("aud \"%1\"").arg(audiences.join(u' ')));
    const qint64 now = expected.now.toSecsSinceEpoch();
    const qint64 skew = expected.clockSkewSeconds;
    const auto exp = numericDate(*claims, "exp");
    const auto iat = numericDate(*claims, "iat");
    const auto nbf = numericDate(*claims, "nbf");
    if (!exp || now >= *exp + skew)
        return refuse(Reason::Expired,
                      QStringLiteral("exp %1, now %2").arg(exp.value_or(0)).arg(now));
    if (!iat || *iat > now + skew)
        return refuse(Reason::Expired,
                      QStringLiteral("iat %1 in the future, now %2").arg(iat.value_or(0)).arg(now));
    if (nbf && *nbf > now + skew)
        return refuse(Reason::Expired,
                      QStringLiteral("nbf %1 in the future, now %2").arg(*nbf).arg(now));
    const QString nonce = claims->value(QLatin1String("nonce")).toString();
    if (expected.nonce.isEmpty() || nonce != expected.nonce)
        return refuse(Reason::Nonce, QStringLiteral("nonce does not match"));
    // Some providers send the boolean as a string.
    const QJsonValue emailVerified = claims->value(QLatin1String("email_verified"));
    const QString email = claims->value(QLatin1String("email")).toString();
    if (email.isEmpty()
        || !(emailVerified == QJsonValue(true) || emailVerified == QLatin1String("true")))
        return refuse(Reason::UnverifiedEmail,
                      email.isEmpty() ? QStringLiteral("no email claim")
                                      : QStringLiteral("email_verified is not true"));
    Outcome o;
    o.reason = Reason::None;
    o.claims = *claims;
    o.email = email;
    return o;
}

} // namespace IdToken
