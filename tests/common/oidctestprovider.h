// A real OpenID Connect provider for the tests (node-oidc-provider, started by
// tests/oidc/oidc-provider.mjs on 127.0.0.1 over HTTPS), and the browser's part of a sign-in
// with it: following its redirects and posting its login and consent forms.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class OidcTestProvider
{
public:
    OidcTestProvider();
    ~OidcTestProvider(); // stops the provider

    // Starts the provider with its HTTPS certificate and key, `clients` (each {"client_id",
    // "redirect_uris"}) and `users` (login -> {"email", "email_verified", "name"}); waits until
    // it listens. False (and a warning) on failure.
    bool start(const QString &certFile, const QString &keyFile, const QJsonArray &clients,
               const QJsonObject &users);
    void stop();
    QString issuer() const { return m_issuer; }

    // The browser: opens `authorizeUrl`, signs in as `login` and consents, and returns the URL
    // the provider finally redirects to (the app's loopback redirect, not opened), or nullopt.
    // `ca`: the authority the provider's certificate is signed by.
    static std::optional<QUrl> authorize(const QUrl &authorizeUrl, const QString &login,
                                         const QList<QSslCertificate> &ca);

    // The app's part for the tests that need a real ID token without the app: an authorization
    // request with PKCE, the browser's part, then the code exchanged at the token endpoint.
    // Returns the ID token, or an empty string.
    QByteArray idToken(const QString &clientId, const QString &login, const QString &nonce,
                       const QList<QSslCertificate> &ca) const;

private:
    std::unique_ptr<QProcess> m_process;
    QString m_issuer;
    QString m_configFile;
};
