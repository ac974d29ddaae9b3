// Asks for the service's address and the administrator's e-mail address: when the service knows
// the address's organisation, "Sign in with your organisation" goes through its identity
// provider; signing in with an access token stays under "Other ways to sign in".
#pragma once

#include <QDialog>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace Ui {
class SignInDialog;
}

class SignInDialog final : public QDialog
{
    Q_OBJECT
public:
    // Where signing in with the organisation's identity provider stands for the address typed.
    enum class OrganisationState {
        Unknown, // no usable address yet, or not asked
        Checking, // the service is being asked (auth/discover)
        Available, // the service knows the address's organisation: the default button
        Unavailable, // no identity provider for it: the token, under "Other ways to sign in"
        Failed, // the service could not be asked; the reason is shown
        Waiting, // the browser is open on the identity provider
    };

    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setEmail(const QString &email);
    QString email() const;
    // The answer for `email` on `server` (ignored when the dialog holds another by now);
    // `message` says why for Unavailable and Failed.
    void setOrganisationState(const QUrl &server, const QString &email, OrganisationState state,
                              const QString &message = {});
    OrganisationState organisationState() const { return m_state; }
    // "Other ways to sign in" opened (the access token) or closed.
    void setOtherWaysShown(bool shown);
    bool otherWaysShown() const;

    void setServerUrl(const QUrl &url);
    // The entered address, with http:// added when no scheme was typed; invalid when unusable.
    QUrl serverUrl() const;
    void setToken(const QString &token);
    QString token() const;
    // The file of an extra certificate authority to trust; empty for the system's only.
    void setCaCertificateFile(const QString &path);
    QString caCertificateFile() const;
    // The servers (ConnectionSecurity::serverKey) the administrator allowed plain HTTP to: the
    // box is shown for an http:// address of another computer, ticked when it is one of them.
    void setPlainHttpAllowedServers(const QStringList &servers);
    // True when the address needs the permission and the box is ticked.
    bool plainHttpAllowed() const;
    void setRememberMe(bool remember);
    bool rememberMe() const;
    // Why the dialog is shown again (token refused, keychain unavailable); empty hides it.
    void setMessage(const QString &message);
    QString message() const;

    static QUrl parseServerUrl(const QString &text);
    // Something@domain, no spaces: worth asking the service about.
    static bool looksLikeEmail(const QString &text);

Q_SIGNALS:
    // The address or the e-mail changed and settled: ask the service which provider signs it in.
    void discoveryRequested(const QUrl &server, const QString &email);
    // "Sign in with your organisation" was pressed: open the browser on the provider.
    void organisationSignInRequested();
    // Cancel while the browser is open: that sign-in is abandoned, the dialog stays.
    void organisationSignInCancelled();

public Q_SLOTS:
    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateOkButton();
    void updateOrganisationControls();
    void requestDiscovery();
    void updatePlainHttpBox();
    void browseCaCertificate();
    void retranslate();

    std::unique_ptr<Ui::SignInDialog> m_ui;
    QStringList m_plainHttpServers;
    QString m_plainHttpServer; // the server the box's state was last set for
    OrganisationState m_state = OrganisationState::Unknown;
    QString m_stateMessage;
    QTimer m_discoveryTimer; // typing settles before the service is asked
};
