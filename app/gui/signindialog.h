// Asks for the service's address and an access token, with "Remember me".
#pragma once

#include <QDialog>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Ui {
class SignInDialog;
}

class SignInDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(QWidget *parent = nullptr);
    ~SignInDialog() override;

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

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateOkButton();
    void updatePlainHttpBox();
    void browseCaCertificate();
    void retranslate();

    std::unique_ptr<Ui::SignInDialog> m_ui;
    QStringList m_plainHttpServers;
    QString m_plainHttpServer; // the server the box's state was last set for
};
