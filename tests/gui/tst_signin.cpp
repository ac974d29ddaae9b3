// Signing in: the dialog, the keychain token store, and the app's sign-in/sign-out flow against
// the real optout-server.
#include "testserver.h"

#include "apiclient.h"
#include "appcontroller.h"
#include "appsettings.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
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
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

class TestSignIn : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void parseServerUrl_data();
    void parseServerUrl();
    void dialogNeedsAddressAndToken();
    void tokenFieldHidesTheToken();
    void keychainNeverHangs();
    void settingsNeverHoldTheToken();
    void dialogSignsInAndSignOutReturnsToIt();
    void refusedTokenReturnsToSignIn();
    void commandLineTokenSkipsTheDialog();

private:
    TestServer m_server;
};

void TestSignIn::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("50")}));
}

void TestSignIn::parseServerUrl_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("full") << "https://optout.example.com"
                          << "https://optout.example.com";
    QTest::newRow("no scheme") << "127.0.0.1:8080"
                               << "http://127.0.0.1:8080";
    QTest::newRow("spaces") << "  http://host:1  "
                            << "http://host:1";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("ftp") << "ftp://host"
                         << "";
    QTest::newRow("no host") << "http://"
                             << "";
}

void TestSignIn::parseServerUrl()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QUrl url = SignInDialog::parseServerUrl(text);
    QCOMPARE(url.isValid() ? url.toString() : QString(), expected);
}

void TestSignIn::dialogNeedsAddressAndToken()
{
    SignInDialog dialog;
    dialog.show();
    auto *server = dialog.findChild<QLineEdit *>(QStringLiteral("serverEdit"));
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *otherWays = dialog.findChild<QToolButton *>(QStringLiteral("otherWaysButton"));
    QVERIFY(server && token && ok && otherWays);
    // The token is one of the "Other ways to sign in": hidden, with its button, until opened.
    QVERIFY(!token->isVisible());
    QVERIFY(!ok->isVisible());
    QTest::mouseClick(otherWays, Qt::LeftButton);
    QVERIFY(token->isVisible());
    QVERIFY(ok->isVisible());
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(server, QStringLiteral("127.0.0.1:8080"));
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(token, QStringLiteral("secret"));
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.serverUrl(), QUrl(QStringLiteral("http://127.0.0.1:8080")));
    QCOMPARE(dialog.token(), QStringLiteral("secret"));
    server->clear();
    QVERIFY(!ok->isEnabled());
    dialog.setMessage(QStringLiteral("Why"));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("signInMessage"))->isVisible());
    dialog.setMessage({});
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("signInMessage"))->isVisible());
}

void TestSignIn::tokenFieldHidesTheToken()
{
    SignInDialog dialog;
    auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    auto *remember = dialog.findChild<QCheckBox *>(QStringLiteral("rememberCheck"));
    QVERIFY(remember);
    QCOMPARE(remember->text().remove(QLatin1Char('&')), QStringLiteral("Remember me"));
}

void TestSignIn::keychainNeverHangs()
{
    // Whether or not a secret service runs here, every call ends, within the timeout.
    TokenStore store;
    store.setTimeoutMs(3000);
    const QString account = QStringLiteral("http://keychain-test.invalid:1");
    QSignalSpy write(&store, &TokenStore::writeFinished);
    store.writeToken(account, QStringLiteral("t0ken"));
    QVERIFY(write.wait(10000) || write.count() == 1);
    QCOMPARE(write.count(), 1);
    const bool stored = write.at(0).at(1).toString().isEmpty();

    QSignalSpy read(&store, &TokenStore::readFinished);
    store.readToken(account);
    QVERIFY(read.wait(10000) || read.count() == 1);
    QCOMPARE(read.count(), 1);
    QCOMPARE(read.at(0).at(0).toString(), account);
    if (stored)
        QCOMPARE(read.at(0).at(1).toString(), QStringLiteral("t0ken"));
    else
        QVERIFY(!read.at(0).at(2).toString().isEmpty()); // a message, not silence

    QSignalSpy removed(&store, &TokenStore::deleteFinished);
    store.deleteToken(account);
    QVERIFY(removed.wait(10000) || removed.count() == 1);
    QCOMPARE(removed.count(), 1);
}

void TestSignIn::settingsNeverHoldTheToken()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
        AppSettings settings(ini);
        Session session;
        SyncController &sync = *session.sync();
        sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
        TokenStore tokens;
        tokens.setTimeoutMs(3000);
        AppController controller(&session, nullptr, &settings, &tokens);
        controller.signIn(m_server.baseUrl(), QStringLiteral("demo-admin"), true);
        QTRY_VERIFY_WITH_TIMEOUT(sync.state() == SyncController::State::Synced, 15000);
        QTest::qWait(0);
        settings.sync();
        QCOMPARE(settings.serverUrl(), m_server.baseUrl());
    }
    QFile file(ini);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("127.0.0.1"));
    QVERIFY(!content.contains("demo-admin"));
}

void TestSignIn::dialogSignsInAndSignOutReturnsToIt()
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    Session session;
    ApiClient &api = *session.api();
    UserModel &users = *session.users();
    OptOutModel &optOuts = *session.optOuts();
    SyncController &sync = *session.sync();
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    TokenStore tokens;
    AppController controller(&session, nullptr, &settings, &tokens);
    QSignalSpy quit(&controller, &AppController::quitRequested);

    controller.start(m_server.baseUrl(), {});
    SignInDialog *dialog = controller.signInDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->serverUrl(), m_server.baseUrl());
    QTest::mouseClick(dialog->findChild<QToolButton *>(QStringLiteral("otherWaysButton")),
                      Qt::LeftButton);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("tokenEdit")),
                     QStringLiteral("demo-admin"));
    QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(sync.state() == SyncController::State::Synced, 15000);
    QVERIFY(controller.mainWindow()->isVisible());
    QTRY_VERIFY(!controller.signInDialog());
    QVERIFY(users.rowCount() > 0);

    // File > Sign out: the window goes, nothing of the organisation stays, the dialog is back.
    controller.mainWindow()->showError(QStringLiteral("A message of this session"));
    auto *signOut = controller.mainWindow()->findChild<QAction *>(QStringLiteral("actionSignOut"));
    QVERIFY(signOut);
    signOut->trigger();
    QVERIFY(!controller.mainWindow()->isVisible());
    QVERIFY(controller.mainWindow()->errorText().isEmpty());
    QVERIFY(controller.mainWindow()->noteText().isEmpty());
    QVERIFY(controller.mainWindow()
                ->findChild<QLabel *>(QStringLiteral("accountLabel"))
                ->text()
                .isEmpty());
    QCOMPARE(users.rowCount(), 0);
    QCOMPARE(optOuts.rowCount(), 0);
    QVERIFY(api.token().isEmpty());
    QVERIFY(controller.signInDialog());
    QTRY_VERIFY(controller.signInDialog()->isVisible());

    // Cancelling the dialog asks the app to quit.
    controller.signInDialog()->reject();
    QCOMPARE(quit.count(), 1);
}

void TestSignIn::refusedTokenReturnsToSignIn()
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    Session session;
    ApiClient &api = *session.api();
    SyncController &sync = *session.sync();
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    TokenStore tokens;
    AppController controller(&session, nullptr, &settings, &tokens);
    controller.start(m_server.baseUrl(), QStringLiteral("not-a-token"));
    QTRY_VERIFY_WITH_TIMEOUT(controller.signInDialog() && controller.signInDialog()->isVisible(),
                             15000);
    QVERIFY(controller.signInDialog()->message().contains(QStringLiteral("token")));
    QVERIFY(api.token().isEmpty());
}

void TestSignIn::commandLineTokenSkipsTheDialog()
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    Session session;
    SyncController &sync = *session.sync();
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    TokenStore tokens;
    AppController controller(&session, nullptr, &settings, &tokens);
    controller.start(m_server.baseUrl(), QStringLiteral("demo-admin"));
    QVERIFY(!controller.signInDialog());
    QTRY_VERIFY_WITH_TIMEOUT(sync.state() == SyncController::State::Synced, 15000);
    auto *stack = controller.mainWindow()->findChild<QStackedWidget *>(QStringLiteral("pageStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("optOutPage"));
    QVERIFY(!settings.rememberToken());
}

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
