// Signing in over HTTPS with a CA given in the dialog, refused certificates back in the dialog,
// and the administrator's permission for plain HTTP to another computer (remembered, with a
// warning bar), against the real optout-server with certificates made by the test.
#include "syncstatustext.h"
#include "testcerts.h"
#include "testserver.h"

#include "apiclient.h"
#include "appcontroller.h"
#include "appsettings.h"
#include "guitestsession.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "plainhttpbar.h"
#include "session.h"
#include "signindialog.h"
#include "synccontroller.h"
#include "tokenstore.h"
#include "usermodel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The app's parts, as main.cpp wires them, on settings of their own.
struct AppParts
{
    explicit AppParts(const QString &dir)
        : settings(dir + QStringLiteral("/settings.ini"))
    {
        sync.setPendingFilePath(dir + QStringLiteral("/pending.json"));
        tokens.setTimeoutMs(3000);
        controller = std::make_unique<AppController>(&session, nullptr, &settings, &tokens);
    }
    PlainHttpBar *bar() const
    {
        return controller->mainWindow()->findChild<PlainHttpBar *>(QStringLiteral("plainHttpBar"));
    }

    AppSettings settings;
    Session session;
    QNetworkAccessManager &network = *session.network();
    ApiClient &api = *session.api();
    UserModel &users = *session.users();
    OptOutModel &optOuts = *session.optOuts();
    SyncController &sync = *session.sync();
    TokenStore tokens;
    std::unique_ptr<AppController> controller;
};

class TestSignInSecurity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void plainHttpBoxOnlyForRemoteHttp_data();
    void plainHttpBoxOnlyForRemoteHttp();
    void signsInOverHttpsWithTheDialogsCa();
    void unknownIssuerReturnsToTheDialog();
    void unreadableCaFileReturnsToTheDialog();
    void remotePlainHttpNeedsPermission();
    void remotePlainHttpWhenAllowedShowsTheBar();
    void commandLineCaCertIsChecked();
    void tlsErrorIsNotCalledSigningIn();
    void accessKeysUniqueInEveryLanguage_data();
    void accessKeysUniqueInEveryLanguage();

private:
    // Fills in and accepts the sign-in dialog.
    static void signInWithDialog(SignInDialog *dialog, const QString &server, const QString &token,
                                 const QString &caFile, bool allowPlain = false);

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    TestServer m_server; // HTTPS, with a certificate of the test's CA
};

void TestSignInSecurity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    QVERIFY(m_certs->makeCa(QStringLiteral("ca"), QStringLiteral("Sign-in Test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("server"),
                                {QStringLiteral("localhost"), QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca")));
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                            QStringLiteral("--tls-cert"), m_certs->cert(QStringLiteral("server")),
                            QStringLiteral("--tls-key"), m_certs->key(QStringLiteral("server"))}));
    QCOMPARE(m_server.baseUrl().scheme(), QStringLiteral("https"));
}

void TestSignInSecurity::signInWithDialog(SignInDialog *dialog, const QString &server,
                                          const QString &token, const QString &caFile,
                                          bool allowPlain)
{
    auto *serverEdit = dialog->findChild<QLineEdit *>(QStringLiteral("serverEdit"));
    serverEdit->clear();
    QTest::keyClicks(serverEdit, server);
    dialog->setOtherWaysShown(true); // the token is under "Other ways to sign in"
    auto *tokenEdit = dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    tokenEdit->clear();
    QTest::keyClicks(tokenEdit, token);
    auto *caEdit = dialog->findChild<QLineEdit *>(QStringLiteral("caCertEdit"));
    caEdit->clear();
    QTest::keyClicks(caEdit, caFile);
    auto *allow = dialog->findChild<QCheckBox *>(QStringLiteral("allowPlainHttpCheck"));
    if (allow->isVisible() && allow->isChecked() != allowPlain)
        QTest::mouseClick(allow, Qt::LeftButton, {}, QPoint(4, allow->height() / 2));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

void TestSignInSecurity::plainHttpBoxOnlyForRemoteHttp_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<bool>("shown");
    QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8080") << false;
    QTest::newRow("localhost, no scheme") << QStringLiteral("localhost:8080") << false;
    QTest::newRow("remote https") << QStringLiteral("https://optout.example.org") << false;
    QTest::newRow("remote http") << QStringLiteral("http://optout.example.org:8080") << true;
    QTest::newRow("remote, no scheme") << QStringLiteral("optout.example.org") << true;
}

void TestSignInSecurity::plainHttpBoxOnlyForRemoteHttp()
{
    QFETCH(QString, server);
    QFETCH(bool, shown);
    SignInDialog dialog;
    dialog.setPlainHttpAllowedServers({QStringLiteral("http://allowed.example.org:80")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *allow = dialog.findChild<QCheckBox *>(QStringLiteral("allowPlainHttpCheck"));
    QVERIFY(allow);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(QStringLiteral("serverEdit")), server);
    QCOMPARE(allow->isVisible(), shown);
    QVERIFY(!allow->isChecked());
    QVERIFY(!dialog.plainHttpAllowed());
    if (shown) {
        QTest::mouseClick(allow, Qt::LeftButton, {}, QPoint(4, allow->height() / 2));
        QVERIFY(dialog.plainHttpAllowed());
    }
    // A remembered permission ticks the box for its server only.
    dialog.setServerUrl(QUrl(QStringLiteral("http://allowed.example.org")));
    QVERIFY(allow->isVisible());
    QVERIFY(allow->isChecked());
    dialog.setServerUrl(QUrl(QStringLiteral("http://other.example.org")));
    QVERIFY(!allow->isChecked());
    // The CA field's label names it.
    auto *caEdit = dialog.findChild<QLineEdit *>(QStringLiteral("caCertEdit"));
    QVERIFY(caEdit);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("caCertLabel"))->buddy(), caEdit);
}

void TestSignInSecurity::signsInOverHttpsWithTheDialogsCa()
{
    QTemporaryDir dir;
    AppParts s(dir.path());
    s.controller->start(m_server.baseUrl(), {});
    QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
    signInWithDialog(s.controller->signInDialog(), m_server.baseUrl().toString(),
                     QStringLiteral("demo-admin"), m_certs->cert(QStringLiteral("ca")));
    QTRY_VERIFY_WITH_TIMEOUT(s.sync.state() == SyncController::State::Synced, 15000);
    QVERIFY(s.users.rowCount() > 0);
    QVERIFY(!s.bar()->isVisible());
    QCOMPARE(s.settings.caCertificateFile(), m_certs->cert(QStringLiteral("ca")));
    QCOMPARE(s.api.caCertificates().size(), 1);
}

void TestSignInSecurity::unknownIssuerReturnsToTheDialog()
{
    QTemporaryDir dir;
    AppParts s(dir.path());
    s.controller->start(m_server.baseUrl(), QStringLiteral("demo-admin"));
    QTRY_VERIFY_WITH_TIMEOUT(
        s.controller->signInDialog() && s.controller->signInDialog()->isVisible(), 15000);
    SignInDialog *dialog = s.controller->signInDialog();
    const QString fingerprint
        = QString::fromLatin1(QSslCertificate::fromPath(m_certs->cert(QStringLiteral("server")))
                                  .value(0)
                                  .digest(QCryptographicHash::Sha256)
                                  .toHex(':')
                                  .toUpper());
    QVERIFY2(dialog->message().contains(QStringLiteral("not issued by an authority")),
             qPrintable(dialog->message()));
    QVERIFY2(dialog->message().contains(fingerprint), qPrintable(dialog->message()));
    // The token is kept for the next try, and the next try with the CA works.
    QCOMPARE(dialog->token(), QStringLiteral("demo-admin"));
    QVERIFY(s.api.token().isEmpty());
    QVERIFY(s.sync.state() != SyncController::State::Synced);
    signInWithDialog(dialog, m_server.baseUrl().toString(), QStringLiteral("demo-admin"),
                     m_certs->cert(QStringLiteral("ca")));
    QTRY_VERIFY_WITH_TIMEOUT(s.sync.state() == SyncController::State::Synced, 15000);
}

void TestSignInSecurity::unreadableCaFileReturnsToTheDialog()
{
    QTemporaryDir dir;
    AppParts s(dir.path());
    s.controller->start(m_server.baseUrl(), {});
    QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
    const QString missing = dir.filePath(QStringLiteral("missing-ca.pem"));
    signInWithDialog(s.controller->signInDialog(), m_server.baseUrl().toString(),
                     QStringLiteral("demo-admin"), missing);
    QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
    QVERIFY2(s.controller->signInDialog()->message().contains(missing),
             qPrintable(s.controller->signInDialog()->message()));
    QVERIFY(s.api.token().isEmpty());
}

// Stands in for the network between the app and a remote server: an HTTP proxy on 127.0.0.1
// that counts connections and answers every request 503, so nothing leaves the computer.
class CountingProxy : public QTcpServer
{
public:
    QByteArray received;
    int connections = 0;
    CountingProxy()
    {
        connect(this, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, this, [this, socket]() {
                    received += socket->readAll();
                    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
            }
        });
    }
};

void TestSignInSecurity::remotePlainHttpNeedsPermission()
{
    CountingProxy proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    AppParts s(dir.path());
    s.network.setProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort()));
    const QUrl remote(QStringLiteral("http://optout.example.org:8080"));
    // As with --server and --token: no permission, so the dialog asks, with the reason.
    s.controller->start(remote, QStringLiteral("demo-admin"));
    QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
    SignInDialog *dialog = s.controller->signInDialog();
    QVERIFY2(dialog->message().contains(QStringLiteral("unencrypted")),
             qPrintable(dialog->message()));
    QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("allowPlainHttpCheck"))->isVisible());
    // Signing in again without the tick sends nothing either.
    signInWithDialog(dialog, remote.toString(), QStringLiteral("demo-admin"), {}, false);
    QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
    QTest::qWait(300);
    QCOMPARE(proxy.connections, 0);
    QVERIFY(!s.settings.plainHttpAllowed(remote));
    QVERIFY(!s.bar()->isVisible());
}

void TestSignInSecurity::remotePlainHttpWhenAllowedShowsTheBar()
{
    CountingProxy proxy;
    QVERIFY(proxy.listen(QHostAddress::LocalHost, 0));
    QTemporaryDir dir;
    const QUrl remote(QStringLiteral("http://optout.example.org:8080"));
    {
        AppParts s(dir.path());
        s.network.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"),
                                         proxy.serverPort()));
        s.controller->start(remote, {});
        QTRY_VERIFY(s.controller->signInDialog() && s.controller->signInDialog()->isVisible());
        signInWithDialog(s.controller->signInDialog(), remote.toString(),
                         QStringLiteral("demo-admin"), {}, true);
        QTRY_VERIFY(proxy.connections > 0);
        QTRY_VERIFY(proxy.received.contains("Authorization: Bearer demo-admin"));
        QVERIFY(s.settings.plainHttpAllowed(remote));
        QVERIFY(s.api.plainHttpAllowed());
        QTRY_VERIFY(s.bar()->isVisible());
        QVERIFY2(s.bar()->text().contains(QStringLiteral("optout.example.org")),
                 qPrintable(s.bar()->text()));
        // Signing out hides the bar.
        s.controller->signOut();
        QVERIFY(!s.bar()->isVisible());
    }
    // Remembered: the next start signs in to that server without asking, the bar shown.
    AppParts again(dir.path());
    again.network.setProxy(
        QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.serverPort()));
    again.controller->start(remote, QStringLiteral("demo-admin"));
    QVERIFY(!again.controller->signInDialog());
    QVERIFY(again.api.plainHttpAllowed());
    QTRY_VERIFY(again.bar()->isVisible());
}

void TestSignInSecurity::commandLineCaCertIsChecked()
{
    // optout-admin --ca-cert with a file that is no certificate stops before any window, saying
    // why; its settings go to a folder of the test's.
    QTemporaryDir home;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::SeparateChannels);
    const QString notACertificate = m_certs->key(QStringLiteral("ca"));
    process.start(QStringLiteral(OPTOUT_ADMIN_EXECUTABLE),
                  {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--ca-cert"),
                   notACertificate});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 2);
    const QString error = QString::fromLocal8Bit(process.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("holds no certificate")), qPrintable(error));
}

void TestSignInSecurity::accessKeysUniqueInEveryLanguage_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &code : LanguageManager::supportedLanguages())
        QTest::newRow(qPrintable(code)) << code;
}

void TestSignInSecurity::accessKeysUniqueInEveryLanguage()
{
    QFETCH(QString, language);
    LanguageManager languages;
    languages.setLanguage(language);
    SignInDialog dialog;
    dialog.setServerUrl(QUrl(QStringLiteral("http://optout.example.org"))); // every row shown
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    static const QRegularExpression mnemonic(QStringLiteral("&([^&\\s])"));
    QMap<QChar, QString> seen;
    QStringList clashes;
    const auto check = [&](const QString &text) {
        const auto m = mnemonic.match(text);
        if (!m.hasMatch())
            return;
        const QChar key = m.captured(1).at(0).toLower();
        if (seen.contains(key))
            clashes << seen.value(key) + QStringLiteral(" / ") + text;
        seen.insert(key, text);
    };
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->isVisible() && label->buddy())
            check(label->text());
    }
    for (const QAbstractButton *button : dialog.findChildren<QAbstractButton *>()) {
        if (button->isVisible())
            check(button->text());
    }
    QVERIFY(seen.size() >= 6);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    languages.setLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TestSignInSecurity)
// A certificate the app does not trust: the window says it is offline (and retrying), as the
// status bar does, not "Signing in…" for ever.
void TestSignInSecurity::tlsErrorIsNotCalledSigningIn()
{
    GuiTestSession s(m_server.baseUrl(), "demo-admin");
    QTRY_COMPARE_WITH_TIMEOUT(s.sync.state(), SyncController::State::Offline, 10000);
    QCOMPARE(s.sync.lastError().kind, ApiError::Kind::Security);
    auto *label = s.find<QLabel>(QStringLiteral("signingInLabel"));
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QVERIFY2(label->text() != MainWindow::tr("Signing in…"), qPrintable(label->text()));
    QTRY_COMPARE(label->text(), SyncStatusText::state(s.sync));
    QVERIFY(label->text().startsWith(SyncStatusText::tr("Offline — retrying now").left(7)));
}

#include "tst_signinsecurity.moc"
