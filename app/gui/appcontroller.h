// Signs in (command line, remembered token, or the dialog: the organisation's identity provider
// or an access token), shows the main window, signs out (ending the session on the service), and
// offers to sign in again when the service no longer accepts the token.
#pragma once

#include "apitypes.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

class ApiClient;
class AppSettings;
class LanguageManager;
class MainWindow;
class OidcSignIn;
class OptOutModel;
class PlainHttpBar;
class SessionBar;
class Session;
class SignInDialog;
class SyncController;
class TokenStore;
class UserModel;
class UsageSummaryModel;
class UsageTracker;

class AppController final : public QObject
{
    Q_OBJECT
public:
    // Everything is passed in and must outlive the controller. The window shows the session's
    // models; sign-out clears the session (Session::signOut).
    AppController(Session *session, LanguageManager *languages, AppSettings *settings,
                  TokenStore *tokens, QObject *parent = nullptr);
    ~AppController() override;

    // `server`/`token` from the command line, either may be empty: a given token is used as is
    // (never remembered); else a remembered token is read from the keychain; else the sign-in
    // dialog asks.
    void start(const QUrl &server, const QString &token);

    // What main() does before it builds the window (and the controller): the last synced lists
    // of the account that start() will sign in as are read on the cache's thread meanwhile, and
    // a remembered token is asked of the keychain (start() then takes that answer). The
    // arguments as for start(); true when the lists are being read ahead.
    static bool readAhead(Session *session, const AppSettings &settings, TokenStore *tokens,
                          const QUrl &server, const QString &token);

    MainWindow *mainWindow() const { return m_window; }
    // The sign-in dialog while it is open, else null.
    SignInDialog *signInDialog() const;

    void signIn(const QUrl &server, const QString &token, bool remember);
    void signOut();
    // The bar that says the session ended and offers to sign in again (a child of the window).
    SessionBar *sessionBar() const { return m_sessionBar; }
    // The organisation's sign-in (tests set its transfer timeout).
    OidcSignIn *organisationSignIn() const { return m_oidc; }

Q_SIGNALS:
    // The user cancelled signing in: there is nothing left to show.
    void quitRequested();

private:
    // The server whose remembered token start() asks the keychain for, given the command
    // line's `server`; invalid when it does not.
    static QUrl rememberedServer(const AppSettings &settings, const TokenStore *tokens,
                                 const QUrl &server);
    void showSignIn(const QString &message);
    void onMeLoaded();
    void onAuthenticationFailed(const ApiError &error);
    void onConnectionRefused(const ApiError &error);
    // The CA file and plain-HTTP permission of the settings, for `server`; false (and the
    // sign-in dialog with the reason) when the CA file cannot be used.
    bool applyConnectionSettings(const QUrl &server);
    void forgetToken();
    void saveWindow();
    // The dialog's parts of the organisation's sign-in.
    void connectDialog();
    void discover(const QUrl &server, const QString &email);
    void startOrganisationSignIn();
    void onIdTokenReceived(const QByteArray &idToken, const QString &nonce);
    void organisationSignInFailed(const QString &message);
    // The authorities of the dialog's CA file; false, with `error`, when it cannot be read.
    bool dialogAuthorities(QList<QSslCertificate> *authorities, QString *error) const;

    Session *m_session;
    QPointer<ApiClient> m_api;
    QPointer<SyncController> m_sync;
    QPointer<LanguageManager> m_languages;
    AppSettings *m_settings;
    QPointer<TokenStore> m_tokens;
    MainWindow *m_window = nullptr;
    PlainHttpBar *m_plainHttpBar = nullptr; // owned by m_window
    SessionBar *m_sessionBar = nullptr; // owned by m_window
    OidcSignIn *m_oidc = nullptr; // a child
    QObject *m_signInRequests = nullptr; // a child: the dialog's requests, dropped with it
    SignInProvider m_provider; // what auth/discover answered for the dialog's address
    QString m_providerMessage; // the dialog's words for m_provider
    QString m_sessionToken; // the session the organisation's sign-in gave, for the dialog's end
    bool m_sessionWorked = false; // /me answered since the last sign-in
    bool m_windowShown = false; // since the last sign-in
    QPointer<SignInDialog> m_dialog;
    QUrl m_server;
    bool m_rememberOnSuccess = false;
    bool m_forgetOnSuccess = false;
};
