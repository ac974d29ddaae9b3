// Verifying an OpenID Connect ID token: the signature with the identity provider's published
// keys (JWKS) through cjose (Debian libcjose-dev), then the claims. No network here: pure
// functions over the token, the key set and the expectations, tested on their own.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace IdToken {

// What docs/api.md names as details.reason of a refused ID token.
enum class Reason {
    None,
    Signature, // malformed, an algorithm other than RS256/ES256, no matching key, bad signature
    Expired, // outside exp/iat/nbf, clock skew allowed
    Audience,
    Issuer,
    Nonce,
    UnverifiedEmail,
};
QString reasonName(Reason reason);

// The token's header and claims as sent, before any check: enough to pick the organisation's
// configuration and the key set. nullopt for anything that is not a compact JWS with a JSON
// object as payload.
struct Unverified
{
    QString algorithm;
    QString keyId; // empty: none named
    QString issuer;
    QStringList audiences;
};
std::optional<Unverified> peek(const QByteArray &compact);

struct Expectations
{
    QString issuer;
    QString clientId;
    QString nonce;
    QDateTime now;
    int clockSkewSeconds = 60;
};

struct Outcome
{
    Reason reason = Reason::Signature;
    QString detail; // for the server's log: what exactly failed
    // Signature: the JWKS holds no key with the token's kid (fetch the key set again).
    bool unknownKey = false;
    QJsonObject claims; // None: the verified claims
    QString email; // None: the claim `email`
};

// Verifies `compact` against the JSON Web Key Set `jwks` (RFC 7517 {"keys": [...]}).
Outcome verify(const QByteArray &compact, const QByteArray &jwks, const Expectations &expected);

} // namespace IdToken
