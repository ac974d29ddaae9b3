// Asks for the service's address and an access token, with "Remember me".
#pragma once

#include <QDialog>
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
    void retranslate();

    std::unique_ptr<Ui::SignInDialog> m_ui;
};
