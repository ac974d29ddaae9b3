// Signs in (command line, remembered token or dialog), shows the main window, signs out and
// returns to sign-in when the service no longer accepts the token.
#include "appcontroller.h"
#include "usagesummarymodel.h"
#include "usagetracker.h"

#include "apiclient.h"
#include "appsettings.h"
#include "connectionsecurity.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "optoutmodel.h"
#include "plainhttpbar.h"
#include "session.h"
#include "signindialog.h"
#include "synccontroller.h"
#include "tokenstore.h"
#include "usermodel.h"

#include <QCoreApplication>

AppController::AppController(Session *session, LanguageManager *languages, AppSettings *settings,
                             TokenStore *tokens, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_api(session->api())
    , m_sync(session->sync())
    , m_languages(languages)
    , m_settings(settings)
    , m_tokens(tokens)
{
    ApiClient *api = session->api();
    SyncController *sync = session->sync();
    m_window = new MainWindow(sync, session->users(), session->optOuts(), languages);
    m_window->setUsageTracking(session->usage(), session->usageSummary());
    m_window->setHistory(session->history());
    m_window->setExporter(session->exporter());
    m_window->setAttribute(Qt::WA_DeleteOnClose, false);
    m_window->restoreFrom(*m_settings);
    connect(m_window, &MainWindow::signOutRequested, this, &AppController::signOut);
    connect(m_window, &MainWindow::languageChosen, this,
            [this](const QString &code) { m_settings->setLanguage(code); });
    connect(sync, &SyncController::meLoaded, this, &AppController::onMeLoaded);
    connect(sync, &SyncController::authenticationFailed, this,
            &AppController::onAuthenticationFailed);
    connect(api, &ApiClient::connectionRefused, this, &AppController::onConnectionRefused);
    // Above everything else of the window, while the token travels in clear.
    m_plainHttpBar = new PlainHttpBar(m_window);
    m_window->addToolBarBreak(Qt::TopToolBarArea);
    m_window->addToolBar(Qt::TopToolBarArea, m_plainHttpBar);
    connect(qApp, &QCoreApplication::aboutToQuit, this, &AppController::saveWindow);
}

AppController::~AppController()
{
    delete m_dialog;
    delete m_window;
}

SignInDialog *AppController::signInDialog() const
{
    return m_dialog;
}

void AppController::start(const QUrl &server, const QString &token)
{
    if (!token.isEmpty() && server.isValid()) {
        signIn(server, token, false);
        m_forgetOnSuccess = false; // a command-line token leaves a remembered one alone
        return;
    }
    const QUrl remembered = m_settings->serverUrl();
    const bool useRemembered = m_settings->rememberToken() && remembered.isValid()
        && (server.isEmpty() || server == remembered);
    if (!useRemembered || !m_tokens) {
        m_server = server.isValid() ? server : remembered;
        showSignIn({});
        return;
    }
    m_server = remembered;
    connect(
        m_tokens, &TokenStore::readFinished, this,
        [this](const QString &account, const QString &token, const QString &error) {
            if (account != m_server.toString())
                return;
            if (!token.isEmpty()) {
                signIn(m_server, token, true);
                return;
            }
            showSignIn(error.isEmpty()
                           ? QString()
                           : tr("Your remembered token could not be read: %1").arg(error));
        },
        Qt::SingleShotConnection);
    m_tokens->readToken(m_server.toString());
}

void AppController::showSignIn(const QString &message)
{
    if (m_dialog) {
        m_dialog->setMessage(message);
        m_dialog->raise();
        return;
    }
    m_dialog = new SignInDialog(m_window->isVisible() ? m_window : nullptr);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setServerUrl(m_server.isValid() ? m_server : m_settings->serverUrl());
    m_dialog->setRememberMe(m_settings->rememberToken());
    m_dialog->setCaCertificateFile(m_settings->caCertificateFile());
    m_dialog->setPlainHttpAllowedServers(m_settings->plainHttpAllowedServers());
    m_dialog->setMessage(message);
    connect(m_dialog, &QDialog::accepted, this, [this]() {
        const QUrl server = m_dialog->serverUrl();
        const QString token = m_dialog->token();
        const bool remember = m_dialog->rememberMe();
        m_settings->setCaCertificateFile(m_dialog->caCertificateFile());
        if (ConnectionSecurity::isPlainHttpToRemote(server))
            m_settings->setPlainHttpAllowed(server, m_dialog->plainHttpAllowed());
        // This dialog closes and deletes itself: a refusal right away needs a new one.
        m_dialog = nullptr;
        signIn(server, token, remember);
    });
    connect(m_dialog, &QDialog::rejected, this, &AppController::quitRequested);
    m_dialog->open();
}

void AppController::signIn(const QUrl &server, const QString &token, bool remember)
{
    m_server = server;
    m_rememberOnSuccess = remember;
    m_forgetOnSuccess = !remember;
    m_settings->setServerUrl(server);
    m_api->setBaseUrl(server);
    m_api->setToken(token.toUtf8());
    if (!applyConnectionSettings(server)) {
        m_api->setToken({});
        if (m_dialog)
            m_dialog->setToken(token);
        return;
    }
    m_window->show();
    m_windowShown = true;
    m_sync->start();
}

void AppController::onMeLoaded()
{
    // The token works: only now is it worth remembering.
    const QString account = m_server.toString();
    if (m_rememberOnSuccess && m_tokens) {
        m_rememberOnSuccess = false;
        m_settings->setRememberToken(true);
        connect(
            m_tokens, &TokenStore::writeFinished, this,
            [this](const QString &, const QString &error) {
                if (error.isEmpty())
                    return;
                m_settings->setRememberToken(false);
                // Two sentences: the keychain's message is a sentence of its own.
                m_window->showError(tr("Your token could not be remembered: %1").arg(error)
                                    + QLatin1Char(' ') + tr("You will be asked for it next time."));
            },
            Qt::SingleShotConnection);
        m_tokens->writeToken(account, QString::fromUtf8(m_api->token()));
    } else if (m_forgetOnSuccess) {
        m_forgetOnSuccess = false;
        if (m_settings->rememberToken())
            forgetToken();
    }
}

void AppController::forgetToken()
{
    const bool wasRemembered = m_settings->rememberToken();
    m_settings->setRememberToken(false);
    if (wasRemembered && m_tokens)
        m_tokens->deleteToken(m_settings->serverUrl().toString());
}

void AppController::onAuthenticationFailed(const ApiError &error)
{
    Q_UNUSED(error);
    forgetToken();
    m_session->suspend();
    showSignIn(tr("The service did not accept your access token. Please sign in again."));
}

bool AppController::applyConnectionSettings(const QUrl &server)
{
    QList<QSslCertificate> authorities;
    const QString caFile = m_settings->caCertificateFile();
    if (!caFile.isEmpty()) {
        QString error;
        const auto loaded = ConnectionSecurity::loadCaCertificates(caFile, &error);
        if (!loaded) {
            m_plainHttpBar->setServer({});
            showSignIn(error);
            return false;
        }
        authorities = *loaded;
    }
    m_api->setCaCertificates(authorities);
    if (ConnectionSecurity::isPlainHttpToRemote(server) && !m_settings->plainHttpAllowed(server)) {
        m_plainHttpBar->setServer({});
        showSignIn(ConnectionSecurity::plainHttpRefused(server).message);
        return false;
    }
    const bool plainAllowed
        = ConnectionSecurity::isPlainHttpToRemote(server) && m_settings->plainHttpAllowed(server);
    m_api->setPlainHttpAllowed(plainAllowed);
    m_plainHttpBar->setServer(plainAllowed ? server : QUrl());
    return true;
}

void AppController::onConnectionRefused(const ApiError &error)
{
    // Not the token's fault: keep it, in the keychain and in the dialog, for another try.
    const QString token = QString::fromUtf8(m_api->token());
    m_session->suspend();
    showSignIn(error.message);
    if (m_dialog && m_dialog->token().isEmpty())
        m_dialog->setToken(token);
}

void AppController::signOut()
{
    saveWindow();
    m_window->clearSession();
    forgetToken();
    m_session->signOut();
    m_plainHttpBar->setServer({});
    m_window->hide();
    showSignIn({});
}

void AppController::saveWindow()
{
    // At quit the window is already closed (hidden): what counts is that it was shown.
    if (m_window && (m_window->isVisible() || m_windowShown)) {
        m_window->saveTo(*m_settings);
        m_settings->sync();
    }
}
