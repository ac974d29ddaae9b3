// Signing in with the organisation's OpenID provider, against the real optout-server: ID tokens
// from a real provider (node-oidc-provider, the browser's part done by the test), and crafted
// ones (signed here with cjose, their keys served over HTTPS by a loopback server) for every
// way a token must be refused; the provider down or answering garbage; sessions that end.
#include "faultyserver.h"
#include "oidctestprovider.h"
#include "testcerts.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <cjose/header.h>
#include <cjose/jwk.h>
#include <cjose/jws.h>

#include <functional>
#include <memory>

namespace {

const QString ClientId = QStringLiteral("optout-admin");

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A signing key made with cjose, its public half as a JWK.
class TestKey
{
public:
    enum class Kind { Rsa, Ec };
    TestKey(Kind kind, const QString &kid)
        : m_kind(kind)
        , m_kid(kid)
    {
        cjose_err err;
        static const uint8_t e[] = {0x01, 0x00, 0x01};
        m_jwk = kind == Kind::Rsa ? cjose_jwk_create_RSA_random(2048, e, sizeof e, &err)
                                  : cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
        const QByteArray id = kid.toUtf8();
        cjose_jwk_set_kid(m_jwk, id.constData(), size_t(id.size()), &err);
    }
    ~TestKey() { cjose_jwk_release(m_jwk); }
    TestKey(const TestKey &) = delete;
    TestKey &operator=(const TestKey &) = delete;

    QString algorithm() const { return m_kind == Kind::Rsa ? "RS256" : "ES256"; }
    QJsonObject publicJwk() const
    {
        cjose_err err;
        char *text = cjose_jwk_to_json(m_jwk, false, &err);
        QJsonObject o = QJsonDocument::fromJson(text).object();
        free(text);
        o.insert(QStringLiteral("use"), QStringLiteral("sig"));
        return o;
    }
    // A compact JWS of `claims` with this key, the header naming `alg` and this key's kid.
    QByteArray sign(const QJsonObject &claims) const
    {
        return signWith(m_jwk, algorithm(), m_kid, claims);
    }

    static QByteArray signWith(cjose_jwk_t *jwk, const QString &alg, const QString &kid,
                               const QJsonObject &claims)
    {
        cjose_err err;
        cjose_header_t *header = cjose_header_new(&err);
        cjose_header_set(header, CJOSE_HDR_ALG, alg.toUtf8().constData(), &err);
        cjose_header_set(header, CJOSE_HDR_KID, kid.toUtf8().constData(), &err);
        const QByteArray payload = json(claims);
        cjose_jws_t *jws
            = cjose_jws_sign(jwk, header, reinterpret_cast<const uint8_t *>(payload.constData()),
                             size_t(payload.size()), &err);
        const char *compact = nullptr;
        QByteArray out;
        if (jws && cjose_jws_export(jws, &compact, &err))
            out = QByteArray(compact);
        cjose_jws_release(jws);
        cjose_header_release(header);
        return out;
    }

    QString kid() const { return m_kid; }

private:
    Kind m_kind;
    QString m_kid;
    cjose_jwk_t *m_jwk = nullptr;
};

} // namespace

class TestOidc final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void discoverNamesTheProvider();
    void realProviderSignsIn();
    void realProviderTokenWithAnotherNonce();
    void realProviderUserOfAnotherOrganisation();
    void badTokensChangeNothing_data();
    void badTokensChangeNothing();
    void unknownKeyFetchesTheKeysAgain();
    void providerDownOrGarbage_data();
    void providerDownOrGarbage();
    void malformedBodies_data();
    void malformedBodies();
    void setOidcRefusesBadArguments();
    void signOutEndsTheSessionOnEveryInstance();
    void sessionsExpire(); // last: restarts the server with a short --session-ttl

private:
    QJsonObject claims(const QString &email) const;
    HttpResult signIn(const QByteArray &idToken, const QString &nonce = QStringLiteral("n-1"));
    qint64 tokenCount() const;
    QStringList serverArgs(const QStringList &extra = {}) const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QList<QSslCertificate> m_ca;
    OidcTestProvider m_provider;
    std::unique_ptr<FaultyServer> m_keysServer; // the crafted tokens' issuer
    std::unique_ptr<FaultyServer> m_garbageServer; // an issuer answering garbage
    quint16 m_downPort = 0; // an issuer nobody listens at
    std::unique_ptr<TestKey> m_rsa;
    std::unique_ptr<TestKey> m_ec;
    std::unique_ptr<TestKey> m_stranger; // in no key set
    std::unique_ptr<TestKey> m_rotated; // served only later
    TestServer m_server;
    QByteArray m_directoryToken; // o-2's directory
};

QStringList TestOidc::serverArgs(const QStringList &extra) const
{
    return QStringList {QStringLiteral("--demo"),
                        QStringLiteral("--demo-users"),
                        QStringLiteral("20"),
                        QStringLiteral("--oidc-ca-cert"),
                        m_certs->cert(QStringLiteral("ca")),
                        QStringLiteral("--oidc-key-refetch-ms"),
                        QStringLiteral("0")}
    + extra;
}

QJsonObject TestOidc::claims(const QString &email) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return {{QStringLiteral("iss"), m_keysServer->baseUrl().toString()},
            {QStringLiteral("sub"), QStringLiteral("sub-") + email},
            {QStringLiteral("aud"), ClientId},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + 300},
            {QStringLiteral("nonce"), QStringLiteral("n-1")},
            {QStringLiteral("email"), email},
            {QStringLiteral("email_verified"), true}};
}

HttpResult TestOidc::signIn(const QByteArray &idToken, const QString &nonce)
{
    return m_server.request("POST", QStringLiteral("/api/v1/auth/sessions"), {},
                            json({{QStringLiteral("idToken"), QString::fromLatin1(idToken)},
                                  {QStringLiteral("nonce"), nonce}}));
}

qint64 TestOidc::tokenCount() const
{
    bool ok = false;
    const qint64 n = const_cast<TestServer &>(m_server)
                         .database()
                         .execute(QStringLiteral("SELECT count(*) FROM tokens"), &ok)
                         .toLongLong();
    return ok ? n : -1;
}

void TestOidc::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    QVERIFY(m_certs->makeCa(QStringLiteral("ca"), QStringLiteral("optout test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("idp"), {QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca")));
    m_ca = QSslCertificate::fromPath(m_certs->cert(QStringLiteral("ca")));
    QCOMPARE(m_ca.size(), 1);

    // The real provider signs in o-1 (example.com).
    QVERIFY(m_provider.start(
        m_certs->cert(QStringLiteral("idp")), m_certs->key(QStringLiteral("idp")),
        QJsonArray {QJsonObject {
            {QStringLiteral("client_id"), ClientId},
            {QStringLiteral("redirect_uris"), QJsonArray {QStringLiteral("http://127.0.0.1/")}}}},
        QJsonObject {{QStringLiteral("ada"),
                      QJsonObject {{QStringLiteral("email"), QStringLiteral("Admin@Example.com")},
                                   {QStringLiteral("email_verified"), true}}},
                     {QStringLiteral("olle"),
                      QJsonObject {{QStringLiteral("email"), QStringLiteral("admin@other.example")},
                                   {QStringLiteral("email_verified"), true}}}}));

    // The crafted tokens' issuer signs in o-2 (other.example) with the keys served here.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QFile certFile(m_certs->cert(QStringLiteral("idp")));
    QFile keyFile(m_certs->key(QStringLiteral("idp")));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    tls.setLocalCertificate(QSslCertificate(&certFile));
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Ec)); // TestCerts makes P-256 keys
    m_keysServer = std::make_unique<FaultyServer>(tls);
    m_garbageServer = std::make_unique<FaultyServer>(tls);
    QVERIFY(m_keysServer->listen());
    QVERIFY(m_garbageServer->listen());
    m_rsa = std::make_unique<TestKey>(TestKey::Kind::Rsa, QStringLiteral("rsa-1"));
    m_ec = std::make_unique<TestKey>(TestKey::Kind::Ec, QStringLiteral("ec-1"));
    m_stranger = std::make_unique<TestKey>(TestKey::Kind::Rsa, QStringLiteral("rsa-1"));
    m_rotated = std::make_unique<TestKey>(TestKey::Kind::Rsa, QStringLiteral("rsa-2"));
    const QString issuer = m_keysServer->baseUrl().toString();
    m_keysServer->setResponse(
        "GET", "/.well-known/openid-configuration",
        FaultyServer::json(200,
                           json({{QStringLiteral("issuer"), issuer},
                                 {QStringLiteral("jwks_uri"), issuer + QStringLiteral("/jwks")}})));
    m_keysServer->setResponse(
        "GET", "/jwks",
        FaultyServer::json(
            200,
            json({{QStringLiteral("keys"), QJsonArray {m_rsa->publicJwk(), m_ec->publicJwk()}}})));
    m_garbageServer->setResponse("GET", "/.well-known/openid-configuration",
                                 FaultyServer::json(200, "<html>not json"));
    {
        QTcpServer probe; // a port nobody listens at once it is closed
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        m_downPort = probe.serverPort();
    }

    QVERIFY(m_server.start(serverArgs()));
    m_server.stop();
    QFile csv(m_dir.filePath(QStringLiteral("users.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nidp@other.example,Other IdP,directory_sync\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-2")}),
             0);
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("idp@other.example"),
                               QStringLiteral("--org"), QStringLiteral("o-2")}),
             0);
    const auto token = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                           .match(QString::fromUtf8(m_server.output()));
    QVERIFY(token.hasMatch());
    m_directoryToken = token.captured(1).toUtf8();
    for (const QString &org : {QStringLiteral("Third"), QStringLiteral("Fourth")}) {
        QCOMPARE(
            m_server.runOnce({QStringLiteral("--create-org"), org, QStringLiteral("--admin-email"),
                              QStringLiteral("admin@%1.example").arg(org.toLower()),
                              QStringLiteral("--admin-name"), QStringLiteral("Admin")}),
            0);
    }
    const auto setOidc = [this](const QString &org, const QString &issuer, const QString &domain) {
        return m_server.runOnce({QStringLiteral("--set-oidc"), QStringLiteral("--org"), org,
                                 QStringLiteral("--issuer"), issuer, QStringLiteral("--client-id"),
                                 ClientId, QStringLiteral("--email-domain"), domain});
    };
    QCOMPARE(setOidc(QStringLiteral("o-1"), m_provider.issuer(), QStringLiteral("example.com")), 0);
    QCOMPARE(setOidc(QStringLiteral("o-2"), issuer, QStringLiteral("other.example")), 0);
    QCOMPARE(setOidc(QStringLiteral("o-3"), QStringLiteral("https://127.0.0.1:%1").arg(m_downPort),
                     QStringLiteral("third.example")),
             0);
    QCOMPARE(setOidc(QStringLiteral("o-4"), m_garbageServer->baseUrl().toString(),
                     QStringLiteral("fourth.example")),
             0);
    QVERIFY(m_server.restart(serverArgs()));

    // A user of o-2 who left the directory.
    const HttpResult created = m_server.request(
        "POST", QStringLiteral("/scim/v2/Users"), m_directoryToken,
        json({{QStringLiteral("schemas"),
               QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:User")}},
              {QStringLiteral("userName"), QStringLiteral("gone@other.example")},
              {QStringLiteral("displayName"), QStringLiteral("Gone")},
              {QStringLiteral("active"), false}}),
        {{"Content-Type", "application/scim+json"}});
    QCOMPARE(created.status, 201);
}

void TestOidc::cleanupTestCase()
{
    m_server.stop();
    m_provider.stop();
}

void TestOidc::discoverNamesTheProvider()
{
    HttpResult r = m_server.request(
        "GET", QStringLiteral("/api/v1/auth/discover?email=somebody%40EXAMPLE.com"), {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("issuer")].toString(), m_provider.issuer());
    QCOMPARE(r.json()[QStringLiteral("clientId")].toString(), ClientId);
    QCOMPARE(r.json()[QStringLiteral("scopes")].toArray(),
             (QJsonArray {QStringLiteral("openid"), QStringLiteral("email"),
                          QStringLiteral("profile")}));
    r = m_server.request("GET", QStringLiteral("/api/v1/auth/discover?email=ada%40nowhere.example"),
                         {});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("no_sso"));
    r = m_server.request("GET", QStringLiteral("/api/v1/auth/discover?email=nobody"), {});
    QCOMPARE(r.status, 400);
    r = m_server.request("GET", QStringLiteral("/api/v1/auth/discover"), {});
    QCOMPARE(r.status, 400);
}

void TestOidc::realProviderSignsIn()
{
    const QByteArray idToken
        = m_provider.idToken(ClientId, QStringLiteral("ada"), QStringLiteral("nonce-ada-1"), m_ca);
    QVERIFY(!idToken.isEmpty());
    const qint64 before = tokenCount();
    const QDateTime start = QDateTime::currentDateTimeUtc();
    HttpResult r = signIn(idToken, QStringLiteral("nonce-ada-1"));
    QCOMPARE(r.status, 201);
    QCOMPARE(tokenCount(), before + 1);
    const QByteArray session = r.json()[QStringLiteral("token")].toString().toLatin1();
    QVERIFY(session.size() >= 40);
    const QDateTime expiresAt
        = QDateTime::fromString(r.json()[QStringLiteral("expiresAt")].toString(), Qt::ISODate);
    QVERIFY(qAbs(start.secsTo(expiresAt) - 12 * 3600) < 60); // the default --session-ttl
    QCOMPARE(r.json()[QStringLiteral("user")][QStringLiteral("email")].toString(),
             QStringLiteral("admin@example.com"));

    r = m_server.request("GET", QStringLiteral("/api/v1/me"), session);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()[QStringLiteral("email")].toString(), QStringLiteral("admin@example.com"));
    QVERIFY(r.json()[QStringLiteral("roles")].toArray().contains(QStringLiteral("product_admin")));

    r = m_server.request("DELETE", QStringLiteral("/api/v1/auth/sessions/current"), session);
    QCOMPARE(r.status, 204);
    r = m_server.request("GET", QStringLiteral("/api/v1/me"), session);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("unauthenticated"));
    r = m_server.request("DELETE", QStringLiteral("/api/v1/auth/sessions/current"), session);
    QCOMPARE(r.status, 401);
}

void TestOidc::realProviderTokenWithAnotherNonce()
{
    const QByteArray idToken
        = m_provider.idToken(ClientId, QStringLiteral("ada"), QStringLiteral("nonce-ada-2"), m_ca);
    QVERIFY(!idToken.isEmpty());
    const qint64 before = tokenCount();
    const HttpResult r = signIn(idToken, QStringLiteral("nonce-of-another-sign-in"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("invalid_id_token"));
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")]
                 .toString(),
             QStringLiteral("nonce"));
    QCOMPARE(tokenCount(), before);
}

void TestOidc::realProviderUserOfAnotherOrganisation()
{
    // o-1's provider vouches for an address of o-2's domain: not a user o-1 signs in.
    const QByteArray idToken
        = m_provider.idToken(ClientId, QStringLiteral("olle"), QStringLiteral("nonce-olle"), m_ca);
    QVERIFY(!idToken.isEmpty());
    const qint64 before = tokenCount();
    const HttpResult r = signIn(idToken, QStringLiteral("nonce-olle"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")]
                 .toString(),
             QStringLiteral("unknown_user"));
    QCOMPARE(tokenCount(), before);
}

void TestOidc::badTokensChangeNothing_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString user = QStringLiteral("admin@other.example");
    const QJsonObject good = claims(user);
    const auto with = [&good](const QString &key, const QJsonValue &value) {
        QJsonObject c = good;
        if (value.isUndefined())
            c.remove(key);
        else
            c.insert(key, value);
        return c;
    };
    // The control rows: the same construction accepted.
    QTest::newRow("good RS256") << m_rsa->sign(good) << 201 << QString();
    QTest::newRow("good ES256") << m_ec->sign(good) << 201 << QString();
    QTest::newRow("good, within the clock skew")
        << m_rsa->sign(with(QStringLiteral("exp"), now - 30)) << 201 << QString();

    const QString signature = QStringLiteral("signature");
    QTest::newRow("signed by another key") << m_stranger->sign(good) << 401 << signature;
    QByteArray tampered = m_rsa->sign(good);
    const QList<QByteArray> parts = tampered.split('.');
    tampered = parts[0] + '.'
        + base64Url(json(with(QStringLiteral("email"), QStringLiteral("olle.other@other.example"))))
        + '.' + parts[2];
    QTest::newRow("claims changed after signing") << tampered << 401 << signature;
    const QByteArray none
        = base64Url(R"({"alg":"none","kid":"rsa-1"})") + '.' + base64Url(json(good)) + '.';
    QTest::newRow("alg none") << none << 401 << signature;
    const QByteArray noneSigned = none + parts[2];
    QTest::newRow("alg none with a signature") << noneSigned << 401 << signature;
    {
        // HS256 keyed with the RSA public key's JWK text: what a verifier that takes the
        // token's algorithm would accept.
        const QByteArray secret = json(m_rsa->publicJwk());
        cjose_err err;
        cjose_jwk_t *hmac = cjose_jwk_create_oct_spec(
            reinterpret_cast<const uint8_t *>(secret.constData()), size_t(secret.size()), &err);
        QTest::newRow("HS256 with the public key as secret")
            << TestKey::signWith(hmac, QStringLiteral("HS256"), QStringLiteral("rsa-1"), good)
            << 401 << signature;
        cjose_jwk_release(hmac);
    }
    QTest::newRow("not a JWT") << QByteArray("not-a-token") << 401 << signature;
    QTest::newRow("expired") << m_rsa->sign(with(QStringLiteral("exp"), now - 120)) << 401
                             << QStringLiteral("expired");
    QTest::newRow("no exp") << m_rsa->sign(with(QStringLiteral("exp"), QJsonValue::Undefined))
                            << 401 << QStringLiteral("expired");
    QTest::newRow("not yet valid (nbf)")
        << m_rsa->sign(with(QStringLiteral("nbf"), now + 600)) << 401 << QStringLiteral("expired");
    QTest::newRow("issued in the future")
        << m_rsa->sign(with(QStringLiteral("iat"), now + 600)) << 401 << QStringLiteral("expired");
    QTest::newRow("other audience")
        << m_rsa->sign(with(QStringLiteral("aud"), QStringLiteral("another-app"))) << 401
        << QStringLiteral("audience");
    QTest::newRow("other authorized party")
        << m_rsa->sign(with(QStringLiteral("azp"), QStringLiteral("another-app"))) << 401
        << QStringLiteral("audience");
    QTest::newRow("other issuer") << m_rsa->sign(
        with(QStringLiteral("iss"), QStringLiteral("https://evil.example")))
                                  << 401 << QStringLiteral("issuer");
    QTest::newRow("wrong nonce") << m_rsa->sign(
        with(QStringLiteral("nonce"), QStringLiteral("n-2")))
                                 << 401 << QStringLiteral("nonce");
    QTest::newRow("email_verified false")
        << m_rsa->sign(with(QStringLiteral("email_verified"), false)) << 401
        << QStringLiteral("unverified_email");
    QTest::newRow("email_verified missing")
        << m_rsa->sign(with(QStringLiteral("email_verified"), QJsonValue::Undefined)) << 401
        << QStringLiteral("unverified_email");
    QTest::newRow("unknown user") << m_rsa->sign(
        with(QStringLiteral("email"), QStringLiteral("nobody@other.example")))
                                  << 401 << QStringLiteral("unknown_user");
    QTest::newRow("deactivated user")
        << m_rsa->sign(with(QStringLiteral("email"), QStringLiteral("gone@other.example"))) << 401
        << QStringLiteral("inactive_user");
    QTest::newRow("user of another organisation")
        << m_rsa->sign(with(QStringLiteral("email"), QStringLiteral("admin@example.com"))) << 401
        << QStringLiteral("unknown_user");
    QTest::newRow("a directory service account")
        << m_rsa->sign(with(QStringLiteral("email"), QStringLiteral("idp@other.example"))) << 401
        << QStringLiteral("unknown_user");
}

void TestOidc::badTokensChangeNothing()
{
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QString, reason);
    const qint64 before = tokenCount();
    const HttpResult r = signIn(token);
    QCOMPARE(r.status, status);
    if (status == 201) {
        QCOMPARE(tokenCount(), before + 1);
        QCOMPARE(m_server
                     .request("GET", QStringLiteral("/api/v1/me"),
                              r.json()[QStringLiteral("token")].toString().toLatin1())
                     .json()[QStringLiteral("email")]
                     .toString(),
                 QStringLiteral("admin@other.example"));
        return;
    }
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("invalid_id_token"));
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")]
                 .toString(),
             reason);
    QCOMPARE(tokenCount(), before);
}

void TestOidc::unknownKeyFetchesTheKeysAgain()
{
    const QJsonObject good = claims(QStringLiteral("admin@other.example"));
    const int fetches = m_keysServer->requestCount("GET", "/jwks");
    HttpResult r = signIn(m_rotated->sign(good));
    QCOMPARE(r.status, 401);
    QCOMPARE(m_keysServer->requestCount("GET", "/jwks"), fetches + 1);
    // The provider rotates its keys: the new key is found by fetching the set again.
    m_keysServer->setResponse(
        "GET", "/jwks",
        FaultyServer::json(
            200,
            json({{QStringLiteral("keys"),
                   QJsonArray {m_rsa->publicJwk(), m_ec->publicJwk(), m_rotated->publicJwk()}}})));
    r = signIn(m_rotated->sign(good));
    QCOMPARE(r.status, 201);
    // A known key is not fetched again.
    const int after = m_keysServer->requestCount("GET", "/jwks");
    QCOMPARE(signIn(m_rsa->sign(good)).status, 201);
    QCOMPARE(m_keysServer->requestCount("GET", "/jwks"), after);
}

void TestOidc::providerDownOrGarbage_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("reason");
    QTest::newRow("down") << QStringLiteral("https://127.0.0.1:%1").arg(m_downPort)
                          << QStringLiteral("admin@third.example")
                          << QStringLiteral("provider_unreachable");
    QTest::newRow("garbage") << m_garbageServer->baseUrl().toString()
                             << QStringLiteral("admin@fourth.example")
                             << QStringLiteral("provider_invalid");
}

void TestOidc::providerDownOrGarbage()
{
    QFETCH(QString, issuer);
    QFETCH(QString, email);
    QFETCH(QString, reason);
    QJsonObject c = claims(email);
    c.insert(QStringLiteral("iss"), issuer);
    const qint64 before = tokenCount();
    const HttpResult r = signIn(m_rsa->sign(c));
    QCOMPARE(r.status, 503);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("unavailable"));
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("details")][QStringLiteral("reason")]
                 .toString(),
             reason);
    QVERIFY(!r.header("Retry-After").isEmpty());
    QCOMPARE(tokenCount(), before);
}

void TestOidc::malformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("{\"idToken\": ");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("no nonce") << QByteArray(R"({"idToken": "a.b.c"})");
    QTest::newRow("empty nonce") << QByteArray(R"({"idToken": "a.b.c", "nonce": ""})");
    QTest::newRow("token not a string") << QByteArray(R"({"idToken": 5, "nonce": "n"})");
}

void TestOidc::malformedBodies()
{
    QFETCH(QByteArray, body);
    const qint64 before = tokenCount();
    const HttpResult r
        = m_server.request("POST", QStringLiteral("/api/v1/auth/sessions"), {}, body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("invalid_request"));
    QCOMPARE(tokenCount(), before);
}

void TestOidc::setOidcRefusesBadArguments()
{
    const auto run = [this](const QStringList &args) {
        return m_server.runOnce(QStringList {QStringLiteral("--set-oidc")} + args);
    };
    const QStringList org {QStringLiteral("--org"), QStringLiteral("o-3")};
    const QStringList client {QStringLiteral("--client-id"), ClientId};
    const QStringList domain {QStringLiteral("--email-domain"), QStringLiteral("third.example")};
    QVERIFY(run(org + client + domain
                + QStringList {QStringLiteral("--issuer"), QStringLiteral("http://idp.example")})
            != 0);
    QVERIFY(run(org + client
                + QStringList {QStringLiteral("--issuer"), QStringLiteral("https://idp.example")})
            != 0);
    QVERIFY(run(org + client
                + QStringList {QStringLiteral("--issuer"), QStringLiteral("https://idp.example"),
                               QStringLiteral("--email-domain"), QStringLiteral("not a domain")})
            != 0);
    // A domain another organisation signs in with.
    QVERIFY(run(org + client
                + QStringList {QStringLiteral("--issuer"), QStringLiteral("https://idp.example"),
                               QStringLiteral("--email-domain"), QStringLiteral("example.com")})
            != 0);
    QVERIFY(run(QStringList {QStringLiteral("--org"), QStringLiteral("o-99")} + client + domain
                + QStringList {QStringLiteral("--issuer"), QStringLiteral("https://idp.example")})
            != 0);
    // Nothing changed: o-3 still signs in with its provider, example.com with o-1's.
    QTest::qWait(2100); // the configuration is read again after 2 s
    HttpResult r = m_server.request(
        "GET", QStringLiteral("/api/v1/auth/discover?email=a%40third.example"), {});
    QCOMPARE(r.json()[QStringLiteral("issuer")].toString(),
             QStringLiteral("https://127.0.0.1:%1").arg(m_downPort));
    r = m_server.request("GET", QStringLiteral("/api/v1/auth/discover?email=a%40example.com"), {});
    QCOMPARE(r.json()[QStringLiteral("issuer")].toString(), m_provider.issuer());
    // --unset-oidc, then the domain is no organisation's.
    QCOMPARE(m_server.runOnce(
                 {QStringLiteral("--unset-oidc"), QStringLiteral("--org"), QStringLiteral("o-3")}),
             0);
    QVERIFY(m_server.runOnce(
                {QStringLiteral("--unset-oidc"), QStringLiteral("--org"), QStringLiteral("o-3")})
            != 0);
    QTest::qWait(2100);
    r = m_server.request("GET", QStringLiteral("/api/v1/auth/discover?email=a%40third.example"),
                         {});
    QCOMPARE(r.status, 404);
}

void TestOidc::signOutEndsTheSessionOnEveryInstance()
{
    if (!TestDatabase::isPostgres())
        QSKIP("one SQLite file serves one instance");
    TestServer second; // another instance on the same database
    QVERIFY(second.startBeside(m_server, serverArgs()));
    const auto onSecond = [&second](const QByteArray &token) {
        return second.request("GET", QStringLiteral("/api/v1/me"), token).status;
    };
    const HttpResult r = signIn(m_rsa->sign(claims(QStringLiteral("admin@other.example"))));
    QCOMPARE(r.status, 201);
    const QByteArray session = r.json()[QStringLiteral("token")].toString().toLatin1();
    QTRY_COMPARE_WITH_TIMEOUT(onSecond(session), 200, 5000);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(
        m_server.request("DELETE", QStringLiteral("/api/v1/auth/sessions/current"), session).status,
        204);
    while (onSecond(session) != 401 && clock.elapsed() < 5000)
        QTest::qWait(50);
    const qint64 elapsed = clock.elapsed();
    qInfo("the session was refused by the second instance %lld ms after the sign-out", elapsed);
    QVERIFY(elapsed < 2000);
}

void TestOidc::sessionsExpire()
{
    QVERIFY(m_server.restart(serverArgs({QStringLiteral("--session-ttl"), QStringLiteral("2s")})));
    const HttpResult r = signIn(m_rsa->sign(claims(QStringLiteral("admin@other.example"))));
    QCOMPARE(r.status, 201);
    const QByteArray session = r.json()[QStringLiteral("token")].toString().toLatin1();
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), session).status, 200);
    QTest::qWait(2500);
    HttpResult me = m_server.request("GET", QStringLiteral("/api/v1/me"), session);
    QCOMPARE(me.status, 401);
    QCOMPARE(me.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("session_expired"));
    // Still expired after a restart (read back from the database), and a command-line token
    // is untouched.
    QVERIFY(m_server.restart(serverArgs({QStringLiteral("--session-ttl"), QStringLiteral("2s")})));
    me = m_server.request("GET", QStringLiteral("/api/v1/me"), session);
    QCOMPARE(me.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
             QStringLiteral("session_expired"));
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), "demo-other-admin").status, 200);
}

QTEST_GUILESS_MAIN(TestOidc)
#include "tst_oidc.moc"
