// Signing in with the organisation's identity provider (docs/api.md, round 3): which provider
// an address signs in with, ID tokens traded for sessions, and sessions ended.
#pragma once

#include "apiserver.h"
#include "oidckeys.h"
#include "store.h"

#include <QElapsedTimer>
#include <QObject>

class OptOutService;

class AuthApi final : public QObject
{
    Q_OBJECT
public:
    AuthApi(OptOutService *service, const OidcKeys::Options &keys, QObject *parent = nullptr);

    // GET /api/v1/auth/discover, POST /api/v1/auth/sessions,
    // DELETE /api/v1/auth/sessions/current (a screened request).
    void handle(const ApiRequest &request, ApiServer::Respond respond);

    static constexpr int ClockSkewSeconds = 60;

private:
    void discover(const ApiRequest &request, ApiServer::Respond respond);
    void createSession(const ApiRequest &request, ApiServer::Respond respond);
    void endSession(const ApiRequest &request, ApiServer::Respond respond);
    // The organisations' configurations, read again when older than a few seconds.
    void withConfigs(std::function<void(StoreResult<QVector<OidcConfig>>)> done);
    // Verifies the token with the issuer's keys (fetched again once for an unknown key), maps
    // its e-mail to a user of one of `candidates` and starts a session.
    void verifyAndStart(const QByteArray &idToken, const QString &nonce,
                        const QVector<OidcConfig> &candidates, bool refetched,
                        ApiServer::Respond respond);

    OptOutService *m_service;
    OidcKeys m_keys;
    QVector<OidcConfig> m_configs;
    QElapsedTimer m_configsRead; // invalid: never read
};
