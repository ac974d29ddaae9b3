// OidcSignIn against a real OpenID provider (node-oidc-provider): a QDesktopServices URL handler
// plays the system browser (it follows the provider's redirects, signs in, consents, and opens
// the app's loopback redirect), and the ID token it yields is traded for a session by the real
// optout-server.
#include "oidcsignin.h"
#include "oidctestprovider.h"
#include "testcerts.h"
#include "testserver.h"

#include <QDesktopServices>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

namespace {

const QString ClientId = QStringLiteral("optout-admin");

} // namespace

class TestOidcSignIn final : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // The system browser, as QDesktopServices::openUrl reaches it.
    void openInBrowser(const QUrl &url);

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void signsInThroughTheBrowser();
    void redirectWithAnotherStateIsIgnored();
    void providerUnreachable();
    void pkceChallengeIsS256();

private:
    OidcSignIn::Provider provider();
    // GET of the loopback redirect, as the browser does; returns the page.
    static QByteArray open(const QUrl &url);

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QList<QSslCertificate> m_ca;
    OidcTestProvider m_provider;
    TestServer m_server;
    QByteArray m_landed; // the page the last redirect showed
    bool m_forgeState = false; // the next redirect first arrives with another state
};

void TestOidcSignIn::openInBrowser(const QUrl &url)
{
    // Later, as a browser would: openUrl returns at once.
    QTimer::singleShot(0, this, [this, url] {
        const auto landed = OidcTestProvider::authorize(url, QStringLiteral("ada"), m_ca);
        if (!landed)
            return;
        if (m_forgeState) {
            m_forgeState = false;
            QUrl forged = *landed;
            QUrlQuery query(forged);
            query.removeAllQueryItems(QStringLiteral("state"));
            query.addQueryItem(QStringLiteral("state"), QStringLiteral("forged"));
            forged.setQuery(query);
            open(forged);
        }
        m_landed = open(*landed);
    });
}

QByteArray TestOidcSignIn::open(const QUrl &url)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    QNetworkReply *reply = nam.get(request);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    delete reply;
    return body;
}

void TestOidcSignIn::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    QVERIFY(m_certs->makeCa(QStringLiteral("ca"), QStringLiteral("optout test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("idp"), {QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca")));
    m_ca = QSslCertificate::fromPath(m_certs->cert(QStringLiteral("ca")));
    QVERIFY(m_provider.start(
        m_certs->cert(QStringLiteral("idp")), m_certs->key(QStringLiteral("idp")),
        QJsonArray {QJsonObject {
            {QStringLiteral("client_id"), ClientId},
            {QStringLiteral("redirect_uris"), QJsonArray {QStringLiteral("http://127.0.0.1/")}}}},
        QJsonObject {{QStringLiteral("ada"),
                      QJsonObject {{QStringLiteral("email"), QStringLiteral("admin@example.com")},
                                   {QStringLiteral("email_verified"), true}}}}));
    const QStringList args {QStringLiteral("--demo"), QStringLiteral("--demo-users"),
                            QStringLiteral("10"), QStringLiteral("--oidc-ca-cert"),
                            m_certs->cert(QStringLiteral("ca"))};
    QVERIFY(m_server.start(args));
    m_server.stop();
    QCOMPARE(m_server.runOnce({QStringLiteral("--set-oidc"), QStringLiteral("--org"),
                               QStringLiteral("o-1"), QStringLiteral("--issuer"),
                               m_provider.issuer(), QStringLiteral("--client-id"), ClientId,
                               QStringLiteral("--email-domain"), QStringLiteral("example.com")}),
             0);
    QVERIFY(m_server.restart(args));
    QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openInBrowser");
}

void TestOidcSignIn::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    m_server.stop();
    m_provider.stop();
}

OidcSignIn::Provider TestOidcSignIn::provider()
{
    // What the app asks the service first.
    const HttpResult r = m_server.request(
        "GET", QStringLiteral("/api/v1/auth/discover?email=admin%40example.com"), {});
    OidcSignIn::Provider p;
    p.issuer = QUrl(r.json()[QStringLiteral("issuer")].toString());
    p.clientId = r.json()[QStringLiteral("clientId")].toString();
    for (const QJsonValue &scope : r.json()[QStringLiteral("scopes")].toArray())
        p.scopes.append(scope.toString());
    return p;
}

void TestOidcSignIn::signsInThroughTheBrowser()
{
    OidcSignIn signIn;
    signIn.setCaCertificates(m_ca);
    signIn.setLandingPage(QStringLiteral("<p>Vous êtes connecté. Vous pouvez fermer cette "
                                         "fenêtre.</p>"));
    QSignalSpy received(&signIn, &OidcSignIn::idTokenReceived);
    QSignalSpy failed(&signIn, &OidcSignIn::failed);
    m_landed.clear();
    signIn.start(provider());
    QTRY_COMPARE_WITH_TIMEOUT(received.size() + failed.size(), 1, 30000);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    const QByteArray idToken = received.first().at(0).toByteArray();
    const QString nonce = received.first().at(1).toString();
    QVERIFY(!nonce.isEmpty());
    QVERIFY(
        QString::fromUtf8(m_landed).contains(QStringLiteral("Vous pouvez fermer cette fenêtre")));

    // The service takes it, with this nonce only.
    HttpResult r = m_server.request(
        "POST", QStringLiteral("/api/v1/auth/sessions"), {},
        QJsonDocument(QJsonObject {{QStringLiteral("idToken"), QString::fromLatin1(idToken)},
                                   {QStringLiteral("nonce"), QStringLiteral("another")}})
            .toJson());
    QCOMPARE(r.status, 401);
    r = m_server.request(
        "POST", QStringLiteral("/api/v1/auth/sessions"), {},
        QJsonDocument(QJsonObject {{QStringLiteral("idToken"), QString::fromLatin1(idToken)},
                                   {QStringLiteral("nonce"), nonce}})
            .toJson());
    QCOMPARE(r.status, 201);
    const QByteArray session = r.json()[QStringLiteral("token")].toString().toLatin1();
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), session)
                 .json()[QStringLiteral("email")]
                 .toString(),
             QStringLiteral("admin@example.com"));
}

void TestOidcSignIn::redirectWithAnotherStateIsIgnored()
{
    OidcSignIn signIn;
    signIn.setCaCertificates(m_ca);
    QSignalSpy received(&signIn, &OidcSignIn::idTokenReceived);
    QSignalSpy failed(&signIn, &OidcSignIn::failed);
    m_forgeState = true;
    signIn.start(provider());
    // The forged redirect comes first and yields nothing; the true one then signs in.
    QTRY_COMPARE_WITH_TIMEOUT(received.size() + failed.size(), 1, 30000);
    QCOMPARE(received.size(), 1);
    QVERIFY(!m_forgeState);
    // The default page: the window may be closed.
    QVERIFY(QString::fromUtf8(m_landed).contains(QStringLiteral("You may close this window.")));
}

void TestOidcSignIn::providerUnreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    OidcSignIn signIn;
    signIn.setCaCertificates(m_ca);
    QSignalSpy failed(&signIn, &OidcSignIn::failed);
    signIn.start({QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)), ClientId, {}});
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
    QVERIFY(!failed.first().first().toString().isEmpty());
    signIn.start({QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), ClientId, {}});
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 15000);
}

void TestOidcSignIn::pkceChallengeIsS256()
{
    const QByteArray verifier = OidcSignIn::newVerifier();
    QCOMPARE(verifier.size(), 43);
    QVERIFY(verifier != OidcSignIn::newVerifier());
    // RFC 7636 Appendix B.
    QCOMPARE(OidcSignIn::challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    OidcSignIn signIn;
    signIn.setCaCertificates(m_ca);
    QSignalSpy opened(&signIn, &OidcSignIn::browserOpened);
    QSignalSpy received(&signIn, &OidcSignIn::idTokenReceived);
    signIn.start(provider());
    QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 15000);
    const QUrlQuery query(opened.first().first().toUrl());
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
    QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge")).size(), 43);
    QVERIFY(!query.queryItemValue(QStringLiteral("state")).isEmpty());
    QVERIFY(!query.queryItemValue(QStringLiteral("nonce")).isEmpty());
    QVERIFY(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded)
                .startsWith(QStringLiteral("http://127.0.0.1:")));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 30000);
}

QTEST_MAIN(TestOidcSignIn)
#include "tst_oidcsignin.moc"
