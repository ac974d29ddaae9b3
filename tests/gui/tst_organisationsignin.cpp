// Signing in with the organisation's account through the real window: the sign-in dialog asks for
// the e-mail address, "Sign in with your organisation" opens the browser (a URL handler here plays
// it against a real OpenID provider, node-oidc-provider), the service trades the ID token for a
// session; refusals said in words; a session that expires with a pending change kept and sent
// after signing in again; File > Sign out ending the session on the service, on two instances.
#include "oidctestprovider.h"
#include "testcerts.h"
#include "testdatabase.h"
#include "testserver.h"

#include "apiclient.h"
#include "appcontroller.h"
#include "appsettings.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "messagepresenter.h"
#include "oidcsignin.h"
#include "optoutmodel.h"
#include "sessionbar.h"
#include "session.h"
#include "signindialog.h"
#include "synccontroller.h"
#include "tokenstore.h"
#include "usermodel.h"

#include <QAction>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUrlQuery>

#include <memory>

namespace {

const QString ClientId = QStringLiteral("optout-admin");

// The app as main.cpp builds it, signed out, its settings in a folder; its pending changes there
// too, or (defaultPaths) where the app keeps them: per server and user, found again after /me.
struct App
{
    explicit App(bool defaultPaths = false)
        : settings(dir.filePath(QStringLiteral("settings.ini")))
        , controller(&session, nullptr, &settings, &tokens)
    {
        settings.setRememberToken(false); // no keychain in the test
        if (!defaultPaths) {
            sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
            sync.setCacheFilePath(dir.filePath(QStringLiteral("cache.bin")));
        }
        sync.setRetryDelays(200, 1000);
        api.setTransferTimeout(10000);
    }

    QTemporaryDir dir;
    AppSettings settings;
    Session session;
    // The session's parts, by the names the tests use.
    ApiClient &api = *session.api();
    UserModel &users = *session.users();
    OptOutModel &optOuts = *session.optOuts();
    SyncController &sync = *session.sync();
    TokenStore tokens;
    AppController controller;
};

} // namespace

class TestOrganisationSignIn final : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    // The system browser, as QDesktopServices::openUrl reaches it.
    void openInBrowser(const QUrl &url);

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void dialogAsksForTheEmailFirst();
    void signsInThroughTheBrowser();
    void refusedSignInsSayWhy_data();
    void refusedSignInsSayWhy();
    void providerDownIsSaid();
    void signOutEndsTheSession();
    void signOutOfflineSignsOutHere();
    void signOutEndsTheSessionOnEveryInstance();
    void expiredSessionKeepsPendingChanges(); // last: restarts with a short --session-ttl

private:
    QStringList serverArgs(const QStringList &extra = {}) const;
    // The dialog of `app` with its address and `email` typed, once the service answered.
    SignInDialog *dialogFor(App &app, const QString &email);
    // Presses "Sign in with your organisation" and waits for the window to sync.
    bool signInWithOrganisation(App &app);
    static QByteArray open(const QUrl &url);

    QTemporaryDir m_dir;
    std::unique_ptr<TestCerts> m_certs;
    QList<QSslCertificate> m_ca;
    OidcTestProvider m_provider;
    TestServer m_server;
    QString m_login = QStringLiteral("ada"); // who the browser signs in as
    QByteArray m_landed; // the page the last redirect showed
    int m_browserOpened = 0;
};

void TestOrganisationSignIn::openInBrowser(const QUrl &url)
{
    ++m_browserOpened;
    // Later, as a browser would: openUrl returns at once.
    QTimer::singleShot(0, this, [this, url] {
        const auto landed = OidcTestProvider::authorize(url, m_login, m_ca);
        if (landed)
            m_landed = open(*landed);
    });
}

QByteArray TestOrganisationSignIn::open(const QUrl &url)
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

QStringList TestOrganisationSignIn::serverArgs(const QStringList &extra) const
{
    return QStringList {QStringLiteral("--demo"), QStringLiteral("--demo-users"),
                        QStringLiteral("10"), QStringLiteral("--oidc-ca-cert"),
                        m_certs->cert(QStringLiteral("ca"))}
    + extra;
}

void TestOrganisationSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_dir.isValid());
    m_certs = std::make_unique<TestCerts>(m_dir.path());
    QVERIFY(m_certs->makeCa(QStringLiteral("ca"), QStringLiteral("optout test CA")));
    QVERIFY(m_certs->makeServer(QStringLiteral("idp"), {QStringLiteral("127.0.0.1")},
                                QStringLiteral("ca")));
    m_ca = QSslCertificate::fromPath(m_certs->cert(QStringLiteral("ca")));
    const auto user = [](const QString &email, bool verified) {
        return QJsonObject {{QStringLiteral("email"), email},
                            {QStringLiteral("email_verified"), verified}};
    };
    QVERIFY(m_provider.start(
        m_certs->cert(QStringLiteral("idp")), m_certs->key(QStringLiteral("idp")),
        QJsonArray {QJsonObject {
            {QStringLiteral("client_id"), ClientId},
            {QStringLiteral("redirect_uris"), QJsonArray {QStringLiteral("http://127.0.0.1/")}}}},
        QJsonObject {
            {QStringLiteral("ada"), user(QStringLiteral("admin@example.com"), true)},
            {QStringLiteral("nobody"), user(QStringLiteral("nobody@example.com"), true)},
            {QStringLiteral("unverified"), user(QStringLiteral("admin@example.com"), false)}}));
    QVERIFY(m_server.start(serverArgs()));
    m_server.stop();
    QCOMPARE(m_server.runOnce({QStringLiteral("--set-oidc"), QStringLiteral("--org"),
                               QStringLiteral("o-1"), QStringLiteral("--issuer"),
                               m_provider.issuer(), QStringLiteral("--client-id"), ClientId,
                               QStringLiteral("--email-domain"), QStringLiteral("example.com")}),
             0);
    // A second organisation whose identity provider is down: nobody listens at its address.
    QCOMPARE(
        m_server.runOnce({QStringLiteral("--create-org"), QStringLiteral("Down"),
                          QStringLiteral("--admin-email"), QStringLiteral("admin@down.example"),
                          QStringLiteral("--admin-name"), QStringLiteral("Admin")}),
        0);
    const QString downOrg
        = QRegularExpression(QStringLiteral("Organisation (o-\\d+) \"Down\" created"))
              .match(QString::fromUtf8(m_server.output()))
              .captured(1);
    QVERIFY(!downOrg.isEmpty());
    quint16 downPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        downPort = probe.serverPort();
    }
    QCOMPARE(m_server.runOnce({QStringLiteral("--set-oidc"), QStringLiteral("--org"), downOrg,
                               QStringLiteral("--issuer"),
                               QStringLiteral("https://127.0.0.1:%1").arg(downPort),
                               QStringLiteral("--client-id"), ClientId,
                               QStringLiteral("--email-domain"), QStringLiteral("down.example")}),
             0);
    QVERIFY(m_server.restart(serverArgs()));
    QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openInBrowser");
}

void TestOrganisationSignIn::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    m_server.stop();
    m_provider.stop();
}

SignInDialog *TestOrganisationSignIn::dialogFor(App &app, const QString &email)
{
    SignInDialog *dialog = app.controller.signInDialog();
    if (!dialog || !QTest::qWaitFor([dialog]() { return dialog->isVisible(); }, 5000))
        return nullptr;
    // The organisation's own authority signed its identity provider's certificate.
    auto *ca = dialog->findChild<QLineEdit *>(QStringLiteral("caCertEdit"));
    ca->setText(m_certs->cert(QStringLiteral("ca")));
    auto *emailEdit = dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit"));
    emailEdit->clear();
    QTest::keyClicks(emailEdit, email);
    return dialog;
}

bool TestOrganisationSignIn::signInWithOrganisation(App &app)
{
    SignInDialog *dialog = dialogFor(app, QStringLiteral("admin@example.com"));
    if (!dialog)
        return false;
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("organisationButton"));
    if (!QTest::qWaitFor([button]() { return button->isEnabled(); }, 10000))
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return QTest::qWaitFor([&app]() { return app.sync.state() == SyncController::State::Synced; },
                           30000);
}

void TestOrganisationSignIn::dialogAsksForTheEmailFirst()
{
    App app;
    app.controller.start(m_server.baseUrl(), {});
    SignInDialog *dialog = app.controller.signInDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("organisationButton"));
    auto *status = dialog->findChild<QLabel *>(QStringLiteral("organisationStatus"));
    auto *token = dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    QVERIFY(button && status && token);
    QVERIFY(!button->isEnabled());
    QVERIFY(!token->isVisible()); // under "Other ways to sign in"

    // A domain the service has no identity provider for: the token, opened, says so.
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit")),
                     QStringLiteral("ada@nowhere.example"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->organisationState(),
                              SignInDialog::OrganisationState::Unavailable, 10000);
    QVERIFY(!button->isEnabled());
    QVERIFY(token->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("access token")), qPrintable(status->text()));

    // A domain it knows: the default button, naming where one signs in.
    dialogFor(app, QStringLiteral("someone@Example.com"));
    QTRY_COMPARE_WITH_TIMEOUT(dialog->organisationState(),
                              SignInDialog::OrganisationState::Available, 10000);
    QVERIFY(button->isEnabled());
    QVERIFY(button->isDefault());
    QVERIFY(status->text().contains(QStringLiteral("127.0.0.1")));
    QCOMPARE(m_browserOpened, 0);
}

void TestOrganisationSignIn::signsInThroughTheBrowser()
{
    // The page the browser lands on is in the app's language.
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("fr")));
    App app;
    m_login = QStringLiteral("ada");
    m_landed.clear();
    app.controller.start(m_server.baseUrl(), {});
    QVERIFY(signInWithOrganisation(app));
    QVERIFY(!app.controller.signInDialog());
    QVERIFY(app.controller.mainWindow()->isVisible());
    QVERIFY(
        QString::fromUtf8(m_landed).contains(QStringLiteral("Vous pouvez fermer cette fenêtre")));
    // A session of the service, not a token someone issued; the address kept for next time.
    const QByteArray session = app.api.token();
    QVERIFY(session.size() >= 40);
    const HttpResult me = m_server.request("GET", QStringLiteral("/api/v1/me"), session);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.json()[QStringLiteral("email")].toString(), QStringLiteral("admin@example.com"));
    QVERIFY(app.settings.tokenIsSession());
    QCOMPARE(app.settings.email(), QStringLiteral("admin@example.com"));
    QVERIFY(app.users.rowCount() > 0);
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
}

void TestOrganisationSignIn::refusedSignInsSayWhy_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not a user") << QStringLiteral("nobody")
                                << QStringLiteral("not an administrator of this service");
    QTest::newRow("e-mail not verified")
        << QStringLiteral("unverified") << QStringLiteral("has not verified your e-mail address");
}

void TestOrganisationSignIn::refusedSignInsSayWhy()
{
    QFETCH(QString, login);
    QFETCH(QString, expected);
    App app;
    m_login = login;
    app.controller.start(m_server.baseUrl(), {});
    SignInDialog *dialog = dialogFor(app, QStringLiteral("admin@example.com"));
    QVERIFY(dialog);
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("organisationButton"));
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 10000);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(dialog->organisationState(), SignInDialog::OrganisationState::Waiting);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->message().isEmpty(), 30000);
    QVERIFY2(dialog->message().contains(expected), qPrintable(dialog->message()));
    // Nothing signed in; another try is one press away.
    QVERIFY(app.api.token().isEmpty());
    QVERIFY(!app.controller.mainWindow()->isVisible());
    QVERIFY(button->isEnabled());
    m_login = QStringLiteral("ada");
}

void TestOrganisationSignIn::providerDownIsSaid()
{
    App app;
    app.controller.start(m_server.baseUrl(), {});
    SignInDialog *dialog = dialogFor(app, QStringLiteral("admin@down.example"));
    QVERIFY(dialog);
    auto *button = dialog->findChild<QPushButton *>(QStringLiteral("organisationButton"));
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 10000);
    const int opened = m_browserOpened;
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->message().isEmpty(), 30000);
    QVERIFY2(dialog->message().contains(QStringLiteral("identity provider cannot be reached")),
             qPrintable(dialog->message()));
    QCOMPARE(m_browserOpened, opened); // no browser opened on nothing
    QVERIFY(button->isEnabled());
    QVERIFY(app.api.token().isEmpty());
}

void TestOrganisationSignIn::signOutEndsTheSession()
{
    App app;
    app.controller.start(m_server.baseUrl(), {});
    QVERIFY(signInWithOrganisation(app));
    const QByteArray session = app.api.token();
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), session).status, 200);
    app.controller.mainWindow()->findChild<QAction *>(QStringLiteral("actionSignOut"))->trigger();
    QVERIFY(app.api.token().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.request("GET", QStringLiteral("/api/v1/me"), session).status,
                              401, 5000);
    QVERIFY(app.controller.signInDialog());
    QVERIFY(app.controller.signInDialog()->message().isEmpty());

    // A token someone issued (a service account's) is only forgotten here.
    App withToken;
    withToken.controller.start(m_server.baseUrl(), QStringLiteral("demo-admin"));
    QTRY_VERIFY_WITH_TIMEOUT(withToken.sync.state() == SyncController::State::Synced, 15000);
    withToken.controller.mainWindow()
        ->findChild<QAction *>(QStringLiteral("actionSignOut"))
        ->trigger();
    QTest::qWait(500);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), "demo-admin").status, 200);
}

void TestOrganisationSignIn::signOutOfflineSignsOutHere()
{
    App app;
    app.controller.start(m_server.baseUrl(), {});
    QVERIFY(signInWithOrganisation(app));
    const QByteArray session = app.api.token();
    m_server.stop();
    app.controller.mainWindow()->findChild<QAction *>(QStringLiteral("actionSignOut"))->trigger();
    QVERIFY(app.api.token().isEmpty());
    QVERIFY(!app.controller.mainWindow()->isVisible());
    QVERIFY(app.controller.signInDialog());
    QTRY_VERIFY_WITH_TIMEOUT(!app.controller.signInDialog()->message().isEmpty(), 15000);
    QVERIFY2(app.controller.signInDialog()->message().contains(
                 QStringLiteral("signed out on this computer")),
             qPrintable(app.controller.signInDialog()->message()));
    QVERIFY(m_server.restart(serverArgs()));
    // Not ended on the service: it could not be told.
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me"), session).status, 200);
}

void TestOrganisationSignIn::signOutEndsTheSessionOnEveryInstance()
{
    if (!TestDatabase::isPostgres())
        QSKIP("one SQLite file serves one instance");
    TestServer second; // another instance on the same database
    QVERIFY(second.startBeside(m_server, serverArgs()));
    const auto onSecond = [&second](const QByteArray &token) {
        return second.request("GET", QStringLiteral("/api/v1/me"), token).status;
    };

    App app;
    app.controller.start(m_server.baseUrl(), {});
    QVERIFY(signInWithOrganisation(app));
    const QByteArray session = app.api.token();
    QCOMPARE(onSecond(session), 200);
    QElapsedTimer clock;
    clock.start();
    app.controller.mainWindow()->findChild<QAction *>(QStringLiteral("actionSignOut"))->trigger();
    while (onSecond(session) != 401 && clock.elapsed() < 5000)
        QTest::qWait(50);
    const qint64 elapsed = clock.elapsed();
    qInfo("the second instance refused the session %lld ms after File > Sign out", elapsed);
    QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
}

void TestOrganisationSignIn::expiredSessionKeepsPendingChanges()
{
    const int ttlSeconds = 6;
    QVERIFY(m_server.restart(
        serverArgs({QStringLiteral("--session-ttl"), QStringLiteral("%1s").arg(ttlSeconds)})));
    App app(true);
    app.controller.start(m_server.baseUrl(), {});
    QElapsedTimer sinceSignIn;
    sinceSignIn.start();
    QVERIFY(signInWithOrganisation(app));
    SessionBar *bar = app.controller.sessionBar();
    QVERIFY(bar && !bar->isVisible());
    QStringList optedIn; // two users to opt out, neither the administrator
    for (int r = 0; r < app.users.rowCount() && optedIn.size() < 2; ++r) {
        const User &user = app.users.userAt(r);
        if (!app.users.isOptedOut(user.id) && user.id != app.sync.me().id)
            optedIn << user.id;
    }
    QCOMPARE(optedIn.size(), 2);
    const QString someone = optedIn.at(0);
    const QString someoneElse = optedIn.at(1);
    QTest::qWait(qMax<qint64>(0, ttlSeconds * 1000 + 1000 - sinceSignIn.elapsed()));

    // A change made now meets the expired session: said in the bar, the change kept.
    app.sync.optOut(someone);
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 15000);
    QVERIFY2(bar->text().contains(QStringLiteral("session has expired")), qPrintable(bar->text()));
    QVERIFY(app.controller.mainWindow()->isVisible());
    QVERIFY(!app.controller.signInDialog());
    QCOMPARE(app.sync.pendingCount(), 1);
    // And one made while signed out waits beside it.
    app.sync.optOut(someoneElse);
    QCOMPARE(app.sync.pendingCount(), 2);
    HttpResult optOuts = m_server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin");
    QVERIFY(!QString::fromUtf8(optOuts.body).contains(someone));
    QVERIFY(!QString::fromUtf8(optOuts.body).contains(someoneElse));

    // Signing in again from the bar sends it.
    QTest::mouseClick(bar->findChild<QPushButton *>(QStringLiteral("signInAgainButton")),
                      Qt::LeftButton);
    QVERIFY(app.controller.signInDialog());
    QVERIFY(signInWithOrganisation(app));
    QTRY_COMPARE_WITH_TIMEOUT(app.sync.pendingCount(), 0, 15000);
    QVERIFY(!bar->isVisible());
    optOuts = m_server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin");
    QVERIFY(QString::fromUtf8(optOuts.body).contains(someone));
    QVERIFY(QString::fromUtf8(optOuts.body).contains(someoneElse));
}

QTEST_MAIN(TestOrganisationSignIn)
#include "tst_organisationsignin.moc"
