// Signs in (command line, remembered token, or the dialog: the organisation's identity provider
// or an access token), shows the main window, signs out (ending the session on the service), and
// offers to sign in again when the service no longer accepts the token.
#include "appcontroller.h"
#include "usagesummarymodel.h"
#include "usagetracker.h"

#include "apiclient.h"
#include "appsettings.h"
#include "connectionsecurity.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "oidcsignin.h"
#include "optoutmodel.h"
#include "plainhttpbar.h"
#include "session.h"
#include "sessionbar.h"
#include "signindialog.h"
#include "synccontroller.h"
#include "tokenstore.h"
#include "usermodel.h"

#include <QCoreApplication>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSignIn, "optout.signin")

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
    m_window->setOverview(session->enforcement());
    m_window->setReporter(session->reports());
    m_window->setRules(session->rules(), session->api());
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
    m_sessionBar = new SessionBar(m_window);
    m_window->addToolBarBreak(Qt::TopToolBarArea);
    m_window->addToolBar(Qt::TopToolBarArea, m_sessionBar);
    connect(m_sessionBar, &SessionBar::signInRequested, this, [this]() { showSignIn({}); });
    m_oidc = new OidcSignIn(this);
    connect(m_oidc, &OidcSignIn::idTokenReceived, this, &AppController::onIdTokenReceived);
    connect(m_oidc, &OidcSignIn::failed, this, &AppController::organisationSignInFailed);
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

QUrl AppController::rememberedServer(const AppSettings &settings, const TokenStore *tokens,
                                     const QUrl &server)
{
    const QUrl remembered = settings.serverUrl();
    if (tokens && settings.rememberToken() && remembered.isValid()
        && (server.isEmpty() || server == remembered))
        return remembered;
    return {};
}

bool AppController::readAhead(Session *session, const AppSettings &settings, TokenStore *tokens,
                              const QUrl &server, const QString &token)
{
    if (!token.isEmpty() && server.isValid())
        return session->sync()->prefetchCache(server, token.toUtf8());
    const QUrl remembered = rememberedServer(settings, tokens, server);
    if (!remembered.isValid())
        return false;
    // The keychain's round trip and the window's building overlap the read; start() takes both.
    tokens->readToken(remembered.toString());
    return session->sync()->prefetchCacheOf(remembered, settings.rememberedUserId());
}

void AppController::start(const QUrl &server, const QString &token)
{
    if (!token.isEmpty() && server.isValid()) {
        signIn(server, token, false);
        m_forgetOnSuccess = false; // a command-line token leaves a remembered one alone
        m_settings->setTokenIsSession(false);
        return;
    }
    const QUrl remembered = rememberedServer(*m_settings, m_tokens, server);
    if (!remembered.isValid()) {
        m_server = server.isValid() ? server : m_settings->serverUrl();
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
    m_dialog->setEmail(m_settings->email());
    m_dialog->setMessage(message);
    connectDialog();
    connect(m_dialog, &QDialog::accepted, this, [this]() {
        const QUrl server = m_dialog->serverUrl();
        const bool session = !m_sessionToken.isEmpty();
        const QString token = session ? m_sessionToken : m_dialog->token();
        m_sessionToken.clear();
        const bool remember = m_dialog->rememberMe();
        m_settings->setCaCertificateFile(m_dialog->caCertificateFile());
        m_settings->setEmail(m_dialog->email());
        if (ConnectionSecurity::isPlainHttpToRemote(server))
            m_settings->setPlainHttpAllowed(server, m_dialog->plainHttpAllowed());
        // This dialog closes and deletes itself: a refusal right away needs a new one.
        m_dialog = nullptr;
        delete m_signInRequests;
        m_signInRequests = nullptr;
        signIn(server, token, remember);
        m_settings->setTokenIsSession(session);
    });
    connect(m_dialog, &QDialog::rejected, this, [this]() {
        m_oidc->cancel();
        delete m_signInRequests;
        m_signInRequests = nullptr;
        // Before the window was ever shown there is nothing left; after a session ended, the
        // window stays with its bar and the pending changes.
        if (!m_window->isVisible())
            Q_EMIT quitRequested();
    });
    m_dialog->open();
}

void AppController::connectDialog()
{
    delete m_signInRequests;
    m_signInRequests = new QObject(this);
    connect(m_dialog, &SignInDialog::discoveryRequested, this, &AppController::discover);
    connect(m_dialog, &SignInDialog::organisationSignInRequested, this,
            &AppController::startOrganisationSignIn);
    connect(m_dialog, &SignInDialog::organisationSignInCancelled, m_oidc, &OidcSignIn::cancel);
}

bool AppController::dialogAuthorities(QList<QSslCertificate> *authorities, QString *error) const
{
    const QString caFile = m_dialog ? m_dialog->caCertificateFile() : QString();
    if (caFile.isEmpty())
        return true;
    const auto loaded = ConnectionSecurity::loadCaCertificates(caFile, error);
    if (!loaded)
        return false;
    *authorities = *loaded;
    return true;
}

void AppController::discover(const QUrl &server, const QString &email)
{
    using State = SignInDialog::OrganisationState;
    if (!m_dialog || !m_signInRequests)
        return;
    QList<QSslCertificate> authorities;
    QString error;
    if (!dialogAuthorities(&authorities, &error)) {
        m_dialog->setOrganisationState(server, email, State::Failed, error);
        return;
    }
    // Asking needs no token: the client's, if any, is of a session that ended.
    m_api->setToken({});
    m_api->setBaseUrl(server);
    m_api->setCaCertificates(authorities);
    m_api->discoverSignIn(
        email, m_signInRequests, [this, server, email](const ApiResult<SignInProvider> &result) {
            if (!m_dialog)
                return;
            if (result.ok()) {
                m_provider = result.value();
                m_providerMessage = tr("You will sign in at %1.").arg(m_provider.issuer.host());
                m_dialog->setOrganisationState(server, email, State::Available, m_providerMessage);
                return;
            }
            const ApiError &error = result.error();
            // An older service has no auth/discover: a 404 all the same.
            if (error.kind == ApiError::Kind::Http && error.httpStatus == 404) {
                m_dialog->setOrganisationState(
                    server, email, State::Unavailable,
                    ApiError::messageForCode(QStringLiteral("no_sso"), 404, {}));
                return;
            }
            m_dialog->setOrganisationState(
                server, email, State::Failed,
                tr("Your organisation could not be looked up: %1").arg(error.signInMessage()));
        });
}

void AppController::startOrganisationSignIn()
{
    if (!m_dialog)
        return;
    const QUrl server = m_dialog->serverUrl();
    // The session's token comes back over this connection: the same rule as a typed token's.
    if (ConnectionSecurity::isPlainHttpToRemote(server) && !m_dialog->plainHttpAllowed()) {
        m_dialog->setMessage(ConnectionSecurity::plainHttpRefused(server).message);
        return;
    }
    QList<QSslCertificate> authorities;
    QString error;
    if (!dialogAuthorities(&authorities, &error)) {
        m_dialog->setMessage(error);
        return;
    }
    m_dialog->setMessage({});
    m_dialog->setOrganisationState(server, m_dialog->email(),
                                   SignInDialog::OrganisationState::Waiting);
    // The organisation's own authority may have signed its identity provider's certificate.
    m_oidc->setCaCertificates(authorities);
    qCInfo(lcSignIn) << "signing in at" << m_provider.issuer.host();
    m_oidc->start(OidcSignIn::Provider {m_provider.issuer, m_provider.clientId, m_provider.scopes});
}

void AppController::onIdTokenReceived(const QByteArray &idToken, const QString &nonce)
{
    if (!m_dialog || !m_signInRequests)
        return;
    const QUrl server = m_dialog->serverUrl();
    m_api->setToken({});
    m_api->setBaseUrl(server);
    m_api->setPlainHttpAllowed(ConnectionSecurity::isPlainHttpToRemote(server)
                               && m_dialog->plainHttpAllowed());
    m_api->createSession(idToken, nonce, m_signInRequests,
                         [this](const ApiResult<NewSession> &result) {
                             if (!m_dialog)
                                 return;
                             if (!result.ok()) {
                                 qCInfo(lcSignIn) << "session refused:" << result.error().code
                                                  << result.error().details;
                                 organisationSignInFailed(result.error().signInMessage());
                                 return;
                             }
                             m_sessionToken = QString::fromUtf8(result.value().token);
                             m_dialog->accept();
                         });
}

void AppController::organisationSignInFailed(const QString &message)
{
    if (!m_dialog)
        return;
    m_dialog->setOrganisationState(m_dialog->serverUrl(), m_dialog->email(),
                                   SignInDialog::OrganisationState::Available, m_providerMessage);
    m_dialog->setMessage(message);
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
    m_sessionWorked = true;
    m_sessionBar->hide();
    // The token works: only now is it worth remembering.
    const QString account = m_server.toString();
    if (m_rememberOnSuccess && m_tokens) {
        m_rememberOnSuccess = false;
        m_settings->setRememberToken(true);
        connect(
            m_tokens, &TokenStore::writeFinished, this,
            [this, userId = m_sync->me().id](const QString &, const QString &error) {
                if (error.isEmpty()) {
                    // Whose lists a start reads while the keychain is asked (readAhead()).
                    m_settings->setRememberedUserId(userId);
                    return;
                }
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
    m_settings->setRememberedUserId({});
    if (wasRemembered && m_tokens)
        m_tokens->deleteToken(m_settings->serverUrl().toString());
}

void AppController::onAuthenticationFailed(const ApiError &error)
{
    forgetToken();
    m_session->suspend();
    if (m_sessionWorked && m_window->isVisible()) {
        // The session ended while the window was in use: it stays, with what is on screen and
        // the pending changes, which the next sign-in sends.
        m_sessionWorked = false;
        m_sessionBar->showEnded(error.code == QLatin1String("session_expired")
                                    ? SessionBar::Reason::Expired
                                    : SessionBar::Reason::Refused);
        return;
    }
    showSignIn(error.code == QLatin1String("session_expired")
                   ? ApiError::messageForCode(error.code, error.httpStatus, {})
                   : tr("The service did not accept your access token. Please sign in again."));
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
    // A session of the organisation's sign-in ends on the service too; an access token that
    // was issued (and may be shared by a service account) is only forgotten here.
    const QByteArray token = m_api->token();
    const bool endOnService = !token.isEmpty() && m_settings->tokenIsSession();
    m_settings->setTokenIsSession(false);
    forgetToken();
    m_session->signOut();
    m_plainHttpBar->setServer({});
    if (endOnService) {
        auto *request = new QObject(this);
        m_api->endSession(token, request, [this, request](const ApiResult<NoContent> &result) {
            request->deleteLater();
            // 401: it had ended already.
            if (result.ok() || result.error().isUnauthenticated())
                return;
            qCInfo(lcSignIn) << "session not ended on the service:" << result.error().technical;
            const QString message
                = tr("You are signed out on this computer, but the service could not be told "
                     "(%1). Your session stays valid on the service until it expires.")
                      .arg(result.error().message);
            if (m_dialog)
                m_dialog->setMessage(message);
        });
    }
    m_sessionBar->hide();
    m_sessionWorked = false;
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
