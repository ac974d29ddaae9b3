// The real optout-server process at start: --demo on loopback only, TLS files checked, HTTPS
// served.
#include "testcerts.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

class TstServerStartup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoRefusesRemoteListen_data();
    void demoRefusesRemoteListen();
    void demoAllowRemoteWarns();
    void demoOnLoopbackDoesNotWarn();
    void tlsFilesChecked_data();
    void tlsFilesChecked();
    void servesHttps();
    void warnsOfExpiry_data();
    void warnsOfExpiry();
    void readOnlyFolderNamedAsSuch();

private:
    // Runs the server to its exit (it must refuse to start); returns its exit code.
    int runToExit(const QStringList &args, QByteArray *output);
    // Starts the server and waits for "Listening on URL"; the process keeps running.
    std::unique_ptr<QProcess> startListening(const QStringList &args, QUrl *url,
                                             QByteArray *output);
    QStringList dbArgs() const;

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    int m_dbCount = 0;
};

QStringList TstServerStartup::dbArgs() const
{
    return {QStringLiteral("--db"),
            m_dir.filePath(QStringLiteral("db%1.sqlite").arg(const_cast<int &>(m_dbCount)++))};
}

void TstServerStartup::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    QVERIFY(m_certs->makeCa(QStringLiteral("ca"), QStringLiteral("Startup Test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("server"),
                                {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca")));
    QVERIFY(m_certs->makeServer(QStringLiteral("other"), {QStringLiteral("localhost")},
                                QStringLiteral("ca")));
    QVERIFY(m_certs->makeServer(QStringLiteral("expired"), {QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca"), -1));
    QVERIFY(m_certs->makeServer(QStringLiteral("longlived"), {QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca"), 90));
    QFile junk(m_dir.filePath(QStringLiteral("junk.pem")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a certificate\n");
}

int TstServerStartup::runToExit(const QStringList &args, QByteArray *output)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), dbArgs() + args);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        *output = process.readAll();
        return -1;
    }
    *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

std::unique_ptr<QProcess> TstServerStartup::startListening(const QStringList &args, QUrl *url,
                                                           QByteArray *output)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE), dbArgs() + args);
    static const QRegularExpression listening(QStringLiteral("Listening on (\\S+)"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!process->waitForReadyRead(200) && process->state() == QProcess::NotRunning)
            break;
        *output += process->readAll();
        const auto match = listening.match(QString::fromUtf8(*output));
        if (match.hasMatch()) {
            *url = QUrl(match.captured(1));
            return process;
        }
    }
    *output += process->readAll();
    return nullptr;
}

void TstServerStartup::demoRefusesRemoteListen_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("any IPv4") << QStringLiteral("0.0.0.0:0");
    QTest::newRow("any IPv6") << QStringLiteral("[::]:0");
}

void TstServerStartup::demoRefusesRemoteListen()
{
    QFETCH(QString, listen);
    QByteArray output;
    QCOMPARE(runToExit({QStringLiteral("--demo"), QStringLiteral("--listen"), listen}, &output), 1);
    QVERIFY2(output.contains("--demo-allow-remote"), output.constData());
    QVERIFY(!output.contains("Listening on"));
}

void TstServerStartup::demoAllowRemoteWarns()
{
    QUrl url;
    QByteArray output;
    auto server = startListening({QStringLiteral("--demo"), QStringLiteral("--demo-allow-remote"),
                                  QStringLiteral("--listen"), QStringLiteral("0.0.0.0:0")},
                                 &url, &output);
    QVERIFY2(server, output.constData());
    server->terminate();
    QVERIFY(server->waitForFinished(10000));
    output += server->readAll();
    QVERIFY2(output.contains("warning --demo on 0.0.0.0:0: anyone who can reach this address"),
             output.constData());
}

void TstServerStartup::demoOnLoopbackDoesNotWarn()
{
    QUrl url;
    QByteArray output;
    auto server = startListening(
        {QStringLiteral("--demo"), QStringLiteral("--listen"), QStringLiteral("localhost:0")}, &url,
        &output);
    QVERIFY2(server, output.constData());
    QCOMPARE(url.scheme(), QStringLiteral("http"));
    server->terminate();
    QVERIFY(server->waitForFinished(10000));
    output += server->readAll();
    QVERIFY2(!output.contains("warning"), output.constData());
}

void TstServerStartup::tlsFilesChecked_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    const QString missing = m_dir.filePath(QStringLiteral("missing.pem"));
    QTest::newRow("unreadable certificate")
        << missing << m_certs->key(QStringLiteral("server"))
        << QStringLiteral("cannot read the TLS certificate ") + missing;
    QTest::newRow("unreadable key") << m_certs->cert(QStringLiteral("server")) << missing
                                    << QStringLiteral("cannot read the TLS key ") + missing;
    QTest::newRow("not a certificate")
        << m_dir.filePath(QStringLiteral("junk.pem")) << m_certs->key(QStringLiteral("server"))
        << m_dir.filePath(QStringLiteral("junk.pem")) + QStringLiteral(" holds no PEM certificate");
    QTest::newRow("not a key") << m_certs->cert(QStringLiteral("server"))
                               << m_dir.filePath(QStringLiteral("junk.pem"))
                               << m_dir.filePath(QStringLiteral("junk.pem"))
            + QStringLiteral(" holds no unencrypted PEM private key");
    QTest::newRow("key of another certificate")
        << m_certs->cert(QStringLiteral("server")) << m_certs->key(QStringLiteral("other"))
        << QStringLiteral("does not match the certificate");
    QTest::newRow("certificate without key")
        << m_certs->cert(QStringLiteral("server")) << QString()
        << QStringLiteral("--tls-cert and --tls-key go together");
}

void TstServerStartup::tlsFilesChecked()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, message);
    QStringList args {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                      QStringLiteral("--tls-cert"), cert};
    if (!key.isEmpty())
        args << QStringLiteral("--tls-key") << key;
    QByteArray output;
    QCOMPARE(runToExit(args, &output), 1);
    QVERIFY2(output.contains(message.toUtf8()), output.constData());
    QVERIFY(!output.contains("Listening on"));
}

void TstServerStartup::servesHttps()
{
    QUrl url;
    QByteArray output;
    auto server
        = startListening({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                          QStringLiteral("--tls-cert"), m_certs->cert(QStringLiteral("server")),
                          QStringLiteral("--tls-key"), m_certs->key(QStringLiteral("server"))},
                         &url, &output);
    QVERIFY2(server, output.constData());
    QCOMPARE(url.scheme(), QStringLiteral("https"));

    // A manager per request, so that no connection is reused with another configuration.
    auto get = [](const QUrl &target, const QList<QSslCertificate> &cas,
                  QNetworkReply::NetworkError *error) {
        QNetworkAccessManager nam;
        QNetworkRequest request(target);
        request.setTransferTimeout(10000);
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!cas.isEmpty())
            ssl.setCaCertificates(cas);
        request.setSslConfiguration(ssl);
        QNetworkReply *reply = nam.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        *error = reply->error();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    };
    QUrl healthz = url;
    healthz.setPath(QStringLiteral("/healthz"));
    const auto ca = QSslCertificate::fromPath(m_certs->cert(QStringLiteral("ca")));
    QCOMPARE(ca.size(), 1);
    QNetworkReply::NetworkError error;
    const QByteArray body = get(healthz, ca, &error);
    QCOMPARE(error, QNetworkReply::NoError);
    QVERIFY2(body.contains("\"ok\""), body.constData());

    // Without the CA the certificate is not trusted; plain HTTP on the TLS port gets no answer.
    get(healthz, {}, &error);
    QCOMPARE(error, QNetworkReply::SslHandshakeFailedError);
    QUrl plain = healthz;
    plain.setScheme(QStringLiteral("http"));
    get(plain, {}, &error);
    QVERIFY(error != QNetworkReply::NoError);

    server->terminate();
    QVERIFY(server->waitForFinished(10000));
    QCOMPARE(server->exitCode(), 0);
}

void TstServerStartup::warnsOfExpiry_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QByteArray>("warning");
    QTest::newRow("expired") << QStringLiteral("expired")
                             << QByteArray("warning the TLS certificate expired on ");
    QTest::newRow("expires within 14 days (2 days)")
        << QStringLiteral("server") << QByteArray("warning the TLS certificate expires on ");
    QTest::newRow("valid for 90 days: no warning") << QStringLiteral("longlived") << QByteArray();
}

void TstServerStartup::warnsOfExpiry()
{
    QFETCH(QString, cert);
    QFETCH(QByteArray, warning);
    QUrl url;
    QByteArray output;
    auto server = startListening({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--tls-cert"), m_certs->cert(cert),
                                  QStringLiteral("--tls-key"), m_certs->key(cert)},
                                 &url, &output);
    QVERIFY2(server, output.constData());
    server->terminate();
    QVERIFY(server->waitForFinished(10000));
    output += server->readAll();
    if (warning.isEmpty())
        QVERIFY2(!output.contains("warning"), output.constData());
    else
        QVERIFY2(output.contains(warning), output.constData());
}

void TstServerStartup::readOnlyFolderNamedAsSuch()
{
    // A folder the service cannot write in. Root writes in any folder whatever its mode, so as
    // root the folder is a read-only tmpfs.
    const QString folder = m_dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(folder));
    bool mounted = false;
    if (::geteuid() == 0) {
        QProcess mount;
        mount.setProcessChannelMode(QProcess::MergedChannels);
        mount.start(QStringLiteral("mount"),
                    {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                     QStringLiteral("ro,size=1m"), QStringLiteral("tmpfs"), folder});
        if (!mount.waitForFinished(10000) || mount.exitStatus() != QProcess::NormalExit
            || mount.exitCode() != 0) {
            QSKIP(qPrintable(QStringLiteral("running as root, and mounting a read-only tmpfs was "
                                            "refused: %1")
                                 .arg(QString::fromLocal8Bit(mount.readAll()).trimmed())));
        }
        mounted = true;
    } else {
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    }
    const auto restore = qScopeGuard([folder, mounted] {
        if (mounted)
            QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), folder});
        else
            QFile::setPermissions(
                folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    });
    QByteArray output;
    const QString db = folder + QStringLiteral("/optout.sqlite");
    QCOMPARE(runToExit({QStringLiteral("--db"), db, QStringLiteral("--demo")}, &output), 1);
    QVERIFY2(!output.contains("another optout-server"), output.constData());
    QVERIFY2(output.contains("cannot write in " + folder.toUtf8()), output.constData());
}

QTEST_GUILESS_MAIN(TstServerStartup)
#include "tst_serverstartup.moc"
