// Signs in (command line, remembered token or dialog), shows the main window, signs out and
// returns to sign-in when the service no longer accepts the token.
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

class ApiClient;
class AppSettings;
class LanguageManager;
class MainWindow;
class OptOutModel;
class PlainHttpBar;
class Session;
class SignInDialog;
class SyncController;
class TokenStore;
class UserModel;
class UsageSummaryModel;
class UsageTracker;
struct ApiError;

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

    MainWindow *mainWindow() const { return m_window; }
    // The sign-in dialog while it is open, else null.
    SignInDialog *signInDialog() const;

    void signIn(const QUrl &server, const QString &token, bool remember);
    void signOut();

Q_SIGNALS:
    // The user cancelled signing in: there is nothing left to show.
    void quitRequested();

private:
    void showSignIn(const QString &message);
    void onMeLoaded();
    void onAuthenticationFailed(const ApiError &error);
    void onConnectionRefused(const ApiError &error);
    // The CA file and plain-HTTP permission of the settings, for `server`; false (and the
    // sign-in dialog with the reason) when the CA file cannot be used.
    bool applyConnectionSettings(const QUrl &server);
    void forgetToken();
    void saveWindow();

    Session *m_session;
    QPointer<ApiClient> m_api;
    QPointer<SyncController> m_sync;
    QPointer<LanguageManager> m_languages;
    AppSettings *m_settings;
    QPointer<TokenStore> m_tokens;
    MainWindow *m_window = nullptr;
    PlainHttpBar *m_plainHttpBar = nullptr; // owned by m_window
    bool m_windowShown = false; // since the last sign-in
    QPointer<SignInDialog> m_dialog;
    QUrl m_server;
    bool m_rememberOnSuccess = false;
    bool m_forgetOnSuccess = false;
};
