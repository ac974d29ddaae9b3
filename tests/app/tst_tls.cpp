// ApiClient over HTTPS against the real optout-server started with certificates made by the test,
// and its refusal to send a token over plain HTTP to a host that is not loopback.
#include "apiclient.h"
#include "apitestutil.h"
#include "connectionsecurity.h"
#include "optoutmodel.h"
#include "synccontroller.h"
#include "testcerts.h"
#include "testserver.h"
#include "usermodel.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void trustedCaConnects();
    void refusedCertificate_data();
    void refusedCertificate();
    void caFileLoading();
    void pendingActionWaitsForATrustedCertificate();
    void loopbackHttpNeedsNoPermission();
    void plainHttpToRemoteHostIsNeverSent();
    void plainHttpToRemoteHostWhenAllowed();
    void loopbackAndRemoteNames_data();
    void loopbackAndRemoteNames();
    void serverOffersStrongCiphersOnly();

private:
    // Runs `openssl s_client` against the server with `options`, sending `input`; its exit code
    // (-1 when it did not finish) and what it printed.
    int sClient(const QUrl &server, const QStringList &options, const QByteArray &input,
                QByteArray *output = nullptr);
    // The SHA-256 fingerprint as the openssl command prints it (AA:BB:...).
    QString opensslFingerprint(const QString &certFile);
    bool startServer(TestServer *server, const QString &certName);
    std::unique_ptr<ApiClient> client(const QUrl &url, bool withCa);

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QList<QSslCertificate> m_ca;
    QNetworkAccessManager m_network;
};

void TestTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    const QString ca = QStringLiteral("ca");
    const QStringList loopback {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")};
    QVERIFY(m_certs->makeCa(ca, QStringLiteral("TLS Test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("good"), loopback, ca));
    QVERIFY(
        m_certs->makeServer(QStringLiteral("wrongname"), {QStringLiteral("other.example")}, ca));
    QVERIFY(m_certs->makeServer(QStringLiteral("selfsigned"), loopback, QString()));
    QVERIFY(m_certs->makeServer(QStringLiteral("expired"), loopback, ca, -1));
    QString error;
    const auto loaded = ConnectionSecurity::loadCaCertificates(m_certs->cert(ca), &error);
    QVERIFY2(loaded, qPrintable(error));
    m_ca = *loaded;
}

QString TestTls::opensslFingerprint(const QString &certFile)
{
    QProcess process;
    process.start(QStringLiteral("openssl"),
                  {QStringLiteral("x509"), QStringLiteral("-in"), certFile,
                   QStringLiteral("-noout"), QStringLiteral("-fingerprint"),
                   QStringLiteral("-sha256")});
    if (!process.waitForFinished(30000))
        return {};
    const QString out = QString::fromLatin1(process.readAllStandardOutput()).trimmed();
    return out.mid(out.indexOf(QLatin1Char('=')) + 1);
}

bool TestTls::startServer(TestServer *server, const QString &certName)
{
    return server->start({QStringLiteral("--demo-users"), QStringLiteral("20"),
                          QStringLiteral("--tls-cert"), m_certs->cert(certName),
                          QStringLiteral("--tls-key"), m_certs->key(certName)});
}

std::unique_ptr<ApiClient> TestTls::client(const QUrl &url, bool withCa)
{
    auto api = std::make_unique<ApiClient>(&m_network);
    api->setBaseUrl(url);
    api->setToken("demo-admin");
    api->setTransferTimeout(10000);
    if (withCa)
        api->setCaCertificates(m_ca);
    return api;
}

void TestTls::trustedCaConnects()
{
    TestServer server;
    QVERIFY(startServer(&server, QStringLiteral("good")));
    QCOMPARE(server.baseUrl().scheme(), QStringLiteral("https"));
    auto api = client(server.baseUrl(), true);
    const auto me
        = waitFor<Me>([&api](QObject *c, ApiCallback<Me> done) { api->fetchMe(c, done); });
    QVERIFY(me && me->ok());
    QCOMPARE(me->value().email, QStringLiteral("admin@example.com"));
    const auto put = waitFor<PutOptOutResult>([&api](QObject *c, ApiCallback<PutOptOutResult> d) {
        api->putOptOut(QStringLiteral("u-10"), c, d);
    });
    QVERIFY(put && put->ok());
    QCOMPARE(put->value().entry.user.id, QStringLiteral("u-10"));
    // The same server named "localhost" matches the certificate too.
    QUrl byName = server.baseUrl();
    byName.setHost(QStringLiteral("localhost"));
    auto named = client(byName, true);
    const auto again
        = waitFor<Me>([&named](QObject *c, ApiCallback<Me> done) { named->fetchMe(c, done); });
    QVERIFY(again && again->ok());
}

void TestTls::refusedCertificate_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<bool>("withCa");
    QTest::addColumn<QString>("reason");
    QTest::newRow("unknown issuer: self-signed")
        << QStringLiteral("selfsigned") << true << QStringLiteral("not issued by an authority");
    QTest::newRow("unknown issuer: CA not given")
        << QStringLiteral("good") << false << QStringLiteral("not issued by an authority");
    QTest::newRow("name mismatch")
        << QStringLiteral("wrongname") << true << QStringLiteral("made out to another name");
    QTest::newRow("expired") << QStringLiteral("expired") << true << QStringLiteral("expired on");
}

void TestTls::refusedCertificate()
{
    QFETCH(QString, cert);
    QFETCH(bool, withCa);
    QFETCH(QString, reason);
    TestServer server;
    QVERIFY(startServer(&server, cert));
    auto api = client(server.baseUrl(), withCa);
    QSignalSpy refused(api.get(), &ApiClient::connectionRefused);
    QSignalSpy unauthenticated(api.get(), &ApiClient::authenticationFailed);
    const auto me
        = waitFor<Me>([&api](QObject *c, ApiCallback<Me> done) { api->fetchMe(c, done); });
    QVERIFY(me && !me->ok());
    const ApiError &error = me->error();
    QCOMPARE(error.kind, ApiError::Kind::Security);
    QVERIFY(error.isTransient()); // pending actions wait, never undone
    QVERIFY2(error.message.contains(reason), qPrintable(error.message));
    const QString fingerprint = opensslFingerprint(m_certs->cert(cert));
    QCOMPARE(fingerprint.size(), 32 * 3 - 1);
    QVERIFY2(error.message.contains(fingerprint), qPrintable(error.message));
    QCOMPARE(refused.count(), 1);
    QCOMPARE(unauthenticated.count(), 0);
}

void TestTls::caFileLoading()
{
    QString error;
    QVERIFY(!ConnectionSecurity::loadCaCertificates(m_dir.filePath(QStringLiteral("none.pem")),
                                                    &error));
    QVERIFY2(error.contains(QStringLiteral("cannot be read")), qPrintable(error));
    QVERIFY(!ConnectionSecurity::loadCaCertificates(m_certs->key(QStringLiteral("ca")), &error));
    QVERIFY2(error.contains(QStringLiteral("holds no certificate")), qPrintable(error));
}

void TestTls::pendingActionWaitsForATrustedCertificate()
{
    TestServer server;
    QVERIFY(startServer(&server, QStringLiteral("good")));
    QTemporaryDir dir;
    auto api = client(server.baseUrl(), true);
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(api.get(), &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    sync.setRetryDelays(200, 400);
    sync.start();
    QTRY_VERIFY_WITH_TIMEOUT(sync.state() == SyncController::State::Synced, 15000);

    // The certificate is no longer trusted: the opt-out stays pending, nothing is undone.
    api->setCaCertificates({});
    QSignalSpy failed(&sync, &SyncController::actionFailed);
    QSignalSpy refused(api.get(), &ApiClient::connectionRefused);
    sync.optOut(QStringLiteral("u-7"));
    QTRY_VERIFY_WITH_TIMEOUT(refused.count() > 0, 15000);
    QTest::qWait(300);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(sync.pendingCount(), 1);
    QCOMPARE(sync.state(), SyncController::State::Offline);

    // Trusted again: the retry delivers it.
    api->setCaCertificates(m_ca);
    QTRY_VERIFY_WITH_TIMEOUT(sync.pendingCount() == 0, 15000);
    QCOMPARE(failed.count(), 0);
    const auto list = waitFor<OptOutList>(
        [&api](QObject *c, ApiCallback<OptOutList> done) { api->fetchOptOuts({}, c, done); });
    QVERIFY(list && list->ok());
    const auto &entries = list->value().optOuts;
    QVERIFY(std::any_of(entries.cbegin(), entries.cend(),
                        [](const OptOutEntry &e) { return e.user.id == QLatin1String("u-7"); }));
}

void TestTls::loopbackHttpNeedsNoPermission()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
    QCOMPARE(server.baseUrl().scheme(), QStringLiteral("http"));
    auto api = client(server.baseUrl(), false);
    QVERIFY(!api->plainHttpAllowed());
    const auto me
        = waitFor<Me>([&api](QObject *c, ApiCallback<Me> done) { api->fetchMe(c, done); });
    QVERIFY(me && me->ok());
}

// The remote host is reached only through an HTTP proxy on 127.0.0.1 that records what arrives,
// so the test never leaves the computer and sees every byte the client would send.
class RecordingProxy : public QTcpServer
{
public:
    QByteArray received;
    int connections = 0;

    RecordingProxy()
    {
        connect(this, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket]() {
                    received += socket->readAll();
                    if (received.contains("\r\n\r\n")) {
                        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                      "Connection: close\r\n\r\n");
                        socket->disconnectFromHost();
                    }
                });
            }
        });
    }
};

void TestTls::plainHttpToRemoteHostIsNeverSent()
{
    RecordingProxy proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager network;
    network.setProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort()));
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://optout.example.org:8080")));
    api.setToken("secret-token");
    QSignalSpy refused(&api, &ApiClient::connectionRefused);
    const auto me = waitFor<Me>([&api](QObject *c, ApiCallback<Me> done) { api.fetchMe(c, done); });
    QVERIFY(me && !me->ok());
    QCOMPARE(me->error().kind, ApiError::Kind::Security);
    QCOMPARE(me->error().code, QStringLiteral("plain_http"));
    QVERIFY2(me->error().message.contains(QStringLiteral("optout.example.org")),
             qPrintable(me->error().message));
    QCOMPARE(refused.count(), 1);
    QTest::qWait(200);
    QCOMPARE(proxy.connections, 0);
    QVERIFY(proxy.received.isEmpty());
}

void TestTls::plainHttpToRemoteHostWhenAllowed()
{
    RecordingProxy proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
    QNetworkAccessManager network;
    network.setProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort()));
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://optout.example.org:8080")));
    api.setToken("secret-token");
    api.setPlainHttpAllowed(true);
    const auto me = waitFor<Me>([&api](QObject *c, ApiCallback<Me> done) { api.fetchMe(c, done); });
    QVERIFY(me && !me->ok());
    QCOMPARE(me->error().httpStatus, 503); // the proxy's answer: the request did go out
    QCOMPARE(proxy.connections, 1);
    QVERIFY2(proxy.received.contains("Authorization: Bearer secret-token"),
             proxy.received.constData());
}

void TestTls::loopbackAndRemoteNames_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("remotePlain");
    QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << false;
    QTest::newRow("127.1.2.3") << QStringLiteral("http://127.1.2.3:8080") << false;
    QTest::newRow("localhost") << QStringLiteral("http://LocalHost:8080") << false;
    QTest::newRow("::1") << QStringLiteral("http://[::1]:8080") << false;
    QTest::newRow("https remote") << QStringLiteral("https://optout.example.org") << false;
    QTest::newRow("http remote") << QStringLiteral("http://optout.example.org") << true;
    QTest::newRow("http LAN") << QStringLiteral("http://192.168.1.20:8080") << true;
    QTest::newRow("localhost lookalike") << QStringLiteral("http://localhost.example.org") << true;
}

void TestTls::loopbackAndRemoteNames()
{
    QFETCH(QString, url);
    QFETCH(bool, remotePlain);
    QCOMPARE(ConnectionSecurity::isPlainHttpToRemote(QUrl(url)), remotePlain);
}

int TestTls::sClient(const QUrl &server, const QStringList &options, const QByteArray &input,
                     QByteArray *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"),
                  QStringList {QStringLiteral("s_client"), QStringLiteral("-connect"),
                               QStringLiteral("127.0.0.1:%1").arg(server.port()),
                               QStringLiteral("-servername"), QStringLiteral("localhost")}
                      + options);
    if (!process.waitForStarted(10000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

void TestTls::serverOffersStrongCiphersOnly()
{
    // An RSA certificate besides the EC ones TestCerts makes: the RSA key exchange and its
    // ciphers (AES128-SHA) need one to be offered at all.
    const QString rsaCert = m_dir.filePath(QStringLiteral("rsa.pem"));
    const QString rsaKey = m_dir.filePath(QStringLiteral("rsa.key"));
    QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                               {QStringLiteral("req"), QStringLiteral("-x509"),
                                QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                                QStringLiteral("-nodes"), QStringLiteral("-keyout"), rsaKey,
                                QStringLiteral("-out"), rsaCert, QStringLiteral("-days"),
                                QStringLiteral("2"), QStringLiteral("-subj"),
                                QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                                QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")}),
             0);
    struct Case
    {
        QString cert;
        QString key;
        QStringList weak; // TLS 1.2 without ECDHE or without an AEAD cipher
        QString strong;
    };
    const QList<Case> cases {
        {m_certs->cert(QStringLiteral("good")),
         m_certs->key(QStringLiteral("good")),
         {QStringLiteral("ECDHE-ECDSA-AES128-SHA"), QStringLiteral("ECDHE-ECDSA-AES256-SHA384"),
          QStringLiteral("ECDHE-ECDSA-AES128-SHA256")},
         QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256")},
        {rsaCert,
         rsaKey,
         {QStringLiteral("AES128-SHA"), QStringLiteral("AES256-GCM-SHA384"),
          QStringLiteral("ECDHE-RSA-AES128-SHA"), QStringLiteral("ECDHE-RSA-AES256-SHA384"),
          QStringLiteral("DHE-RSA-AES128-GCM-SHA256")},
         QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384")},
    };
    for (const Case &c : cases) {
        TestServer server;
        QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20"),
                              QStringLiteral("--tls-cert"), c.cert, QStringLiteral("--tls-key"),
                              c.key}));
        const QUrl url = server.baseUrl();
        const auto handshakes = [this, &url](const QStringList &options) {
            QByteArray out;
            const int code = sClient(url, options, QByteArray(), &out);
            return code == 0 && out.contains("Cipher is") && !out.contains("Cipher is (NONE)");
        };
        for (const QString &weak : c.weak) {
            QVERIFY2(!handshakes({QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), weak}),
                     qPrintable(weak));
        }
        QVERIFY(!handshakes({QStringLiteral("-tls1_1")}));
        QVERIFY2(handshakes({QStringLiteral("-tls1_2"), QStringLiteral("-cipher"), c.strong}),
                 qPrintable(c.strong));
        QVERIFY(handshakes({QStringLiteral("-tls1_2"), QStringLiteral("-cipher"),
                            QStringLiteral("ECDHE+CHACHA20")}));
        QVERIFY(handshakes({QStringLiteral("-tls1_3")}));

        // Answers over HTTPS carry HSTS. (s_client's exit code is left aside: the service
        // ends the connection without a TLS close_notify, which it reports as an error.)
        QByteArray out;
        sClient(url, {QStringLiteral("-quiet"), QStringLiteral("-ign_eof")},
                "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", &out);
        QVERIFY2(out.contains("HTTP/1.1 200"), out.constData());
        QVERIFY2(out.contains("\r\nStrict-Transport-Security: max-age=31536000\r\n"),
                 out.constData());
    }
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
