// Signing in with the organisation's identity provider: see oidcsignin.h.
#include "oidcsignin.h"

#include <QCryptographicHash>
#include <QDesktopServices>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>
#include <QSslConfiguration>

class OidcSignIn::Network final : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;
    QList<QSslCertificate> caCertificates;
    int timeoutMs = 30000;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &original,
                                 QIODevice *data) override
    {
        QNetworkRequest request(original);
        request.setTransferTimeout(timeoutMs);
        if (!caCertificates.isEmpty()) {
            QSslConfiguration ssl = request.sslConfiguration();
            ssl.addCaCertificates(caCertificates);
            request.setSslConfiguration(ssl);
        }
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

namespace {

QByteArray randomBase64Url(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator *random = QRandomGenerator::system();
    for (char &c : raw)
        c = char(random->bounded(256));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

OidcSignIn::OidcSignIn(QObject *parent)
    : QObject(parent)
    , m_network(new Network(this))
{
}

OidcSignIn::~OidcSignIn() = default;

void OidcSignIn::setCaCertificates(const QList<QSslCertificate> &certificates)
{
    m_network->caCertificates = certificates;
}

void OidcSignIn::setLandingPage(const QString &html)
{
    m_landingPage = html;
}

void OidcSignIn::setTransferTimeout(int milliseconds)
{
    m_timeoutMs = milliseconds;
    m_network->timeoutMs = milliseconds;
}

QByteArray OidcSignIn::newVerifier()
{
    return randomBase64Url(32); // 43 characters, RFC 7636 §4.1
}

QByteArray OidcSignIn::challengeOf(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void OidcSignIn::start(const Provider &provider)
{
    cancel();
    m_provider = provider;
    QString base = provider.issuer.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl discovery(base + QStringLiteral("/.well-known/openid-configuration"));
    if (discovery.scheme() != QLatin1String("https"))
        return fail(tr("The identity provider's address is not secure (https)."));
    QNetworkReply *reply = m_network->get(QNetworkRequest(discovery));
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const QJsonObject doc = QJsonDocument::fromJson(reply->readAll()).object();
        const QUrl authorization(doc.value(QLatin1String("authorization_endpoint")).toString());
        const QUrl token(doc.value(QLatin1String("token_endpoint")).toString());
        if (reply->error() != QNetworkReply::NoError) {
            return fail(
                tr("The identity provider cannot be reached: %1").arg(reply->errorString()));
        }
        if (authorization.scheme() != QLatin1String("https")
            || token.scheme() != QLatin1String("https")) {
            return fail(tr("The identity provider's answer cannot be used."));
        }
        authorize(authorization, token);
    });
}

void OidcSignIn::authorize(const QUrl &authorizationEndpoint, const QUrl &tokenEndpoint)
{
    auto *flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow = flow;
    flow->setAuthorizationUrl(authorizationEndpoint);
    flow->setAccessTokenUrl(tokenEndpoint);
    flow->setClientIdentifier(m_provider.clientId);
    flow->setScope(m_provider.scopes.isEmpty() ? QStringLiteral("openid email profile")
                                               : m_provider.scopes.join(QLatin1Char(' ')));
    // RFC 8252 §7.3: the loopback address itself, a port the system picks.
    auto *handler = new QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, flow);
    if (!handler->isListening())
        return fail(tr("The app cannot receive the identity provider's answer."));
    handler->setCallbackText(m_landingPage.isEmpty() ? defaultLandingPage() : m_landingPage);
    flow->setReplyHandler(handler);
    // Qt 6.4 has no PKCE and no nonce: both are added to the requests it makes. The flow makes
    // and checks `state` itself.
    const QByteArray verifier = newVerifier();
    m_nonce = QString::fromLatin1(randomBase64Url(24));
    flow->setModifyParametersFunction(
        [verifier, nonce = m_nonce](QAbstractOAuth::Stage stage,
                                    QMultiMap<QString, QVariant> *parameters) {
            if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
                parameters->insert(QStringLiteral("code_challenge"),
                                   QString::fromLatin1(challengeOf(verifier)));
                parameters->insert(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
                parameters->insert(QStringLiteral("nonce"), nonce);
            } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
                parameters->insert(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
            }
        });
    connect(flow, &QAbstractOAuth::authorizeWithBrowser, this, [this](const QUrl &url) {
        Q_EMIT browserOpened(url);
        if (!QDesktopServices::openUrl(url))
            fail(tr("The web browser cannot be opened."));
    });
    connect(flow, &QAbstractOAuth::granted, this, [this, flow] {
        const QByteArray idToken
            = flow->extraTokens().value(QStringLiteral("id_token")).toByteArray();
        const QString nonce = m_nonce;
        flow->deleteLater();
        if (idToken.isEmpty())
            return fail(tr("The identity provider sent no ID token."));
        Q_EMIT idTokenReceived(idToken, nonce);
    });
    connect(flow, &QAbstractOAuth2::error, this,
            [this](const QString &error, const QString &description, const QUrl &) {
                fail(tr("The identity provider refused the sign-in: %1")
                         .arg(description.isEmpty() ? error : description));
            });
    flow->grant();
}

QString OidcSignIn::defaultLandingPage()
{
    return QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                          "</head><body><p>%2</p></body></html>")
        .arg(QStringLiteral("optout-admin"),
             tr("You are signed in to optout-admin. You may close this window.").toHtmlEscaped());
}

void OidcSignIn::cancel()
{
    if (m_flow)
        m_flow->deleteLater();
    m_flow = nullptr;
}

void OidcSignIn::fail(const QString &message)
{
    cancel();
    Q_EMIT failed(message);
}
