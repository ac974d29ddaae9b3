// Signing in with the organisation's identity provider (OpenID Connect, RFC 8252 for native
// apps): the authorization code flow with PKCE (S256), state and nonce in the system browser and
// a redirect to http://127.0.0.1:<free port>/, through Qt Network Authorization. What comes out
// is the ID token and its nonce, which the service trades for a session.
#pragma once

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

class QOAuth2AuthorizationCodeFlow;

class OidcSignIn final : public QObject
{
    Q_OBJECT
public:
    // What GET /api/v1/auth/discover answered.
    struct Provider
    {
        QUrl issuer;
        QString clientId;
        QStringList scopes;
    };

    explicit OidcSignIn(QObject *parent = nullptr);
    ~OidcSignIn() override;

    // Authorities trusted for the identity provider's HTTPS besides the system's.
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    // The page the browser shows once it is sent back to the app (HTML); empty: the default one,
    // in the app's language, saying that the window may be closed.
    void setLandingPage(const QString &html);
    static QString defaultLandingPage();
    void setTransferTimeout(int milliseconds);

    // Reads the provider's discovery document, then opens the system browser on its
    // authorization endpoint (QDesktopServices::openUrl). Ends in idTokenReceived or failed.
    void start(const Provider &provider);
    void cancel();

    // The parts of PKCE (RFC 7636): a random verifier and its S256 challenge.
    static QByteArray newVerifier();
    static QByteArray challengeOf(const QByteArray &verifier);

Q_SIGNALS:
    void browserOpened(const QUrl &url);
    void idTokenReceived(const QByteArray &idToken, const QString &nonce);
    // `message` is for people (translated); the sign-in is over.
    void failed(const QString &message);

private:
    // Qt 6.4's flow takes no TLS settings: every request of this manager gets the authorities.
    class Network;
    void authorize(const QUrl &authorizationEndpoint, const QUrl &tokenEndpoint);
    void fail(const QString &message);

    Network *m_network;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
    Provider m_provider;
    QString m_landingPage;
    QString m_nonce;
    int m_timeoutMs = 30000;
};
