// Asks for the service's address and an access token, with "Remember me".
#include "signindialog.h"
#include "ui_signindialog.h"

#include "connectionsecurity.h"
#include "icons.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SignInDialog)
{
    m_ui->setupUi(this);
    setWindowIcon(Icons::icon(QStringLiteral("optout-admin")));
    m_ui->errorLabel->setObjectName(QStringLiteral("signInMessage"));
    QPalette pal = m_ui->errorLabel->palette();
    pal.setColor(QPalette::WindowText, QColor(0xa6, 0x1b, 0x1b));
    m_ui->errorLabel->setPalette(pal);
    connect(m_ui->serverEdit, &QLineEdit::textChanged, this, &SignInDialog::updateOkButton);
    connect(m_ui->serverEdit, &QLineEdit::textChanged, this, &SignInDialog::updatePlainHttpBox);
    connect(m_ui->tokenEdit, &QLineEdit::textChanged, this, &SignInDialog::updateOkButton);
    connect(m_ui->caCertBrowseButton, &QPushButton::clicked, this,
            &SignInDialog::browseCaCertificate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    updateOkButton();
}

SignInDialog::~SignInDialog() = default;

QUrl SignInDialog::parseServerUrl(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("http://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    return url;
}

void SignInDialog::setServerUrl(const QUrl &url)
{
    m_ui->serverEdit->setText(url.toString());
    updatePlainHttpBox();
}

QUrl SignInDialog::serverUrl() const
{
    return parseServerUrl(m_ui->serverEdit->text());
}

void SignInDialog::setToken(const QString &token)
{
    m_ui->tokenEdit->setText(token);
}

QString SignInDialog::token() const
{
    return m_ui->tokenEdit->text().trimmed();
}

void SignInDialog::setCaCertificateFile(const QString &path)
{
    m_ui->caCertEdit->setText(path);
}

QString SignInDialog::caCertificateFile() const
{
    return m_ui->caCertEdit->text().trimmed();
}

void SignInDialog::setPlainHttpAllowedServers(const QStringList &servers)
{
    m_plainHttpServers = servers;
    m_plainHttpServer.clear();
    updatePlainHttpBox();
}

bool SignInDialog::plainHttpAllowed() const
{
    return ConnectionSecurity::isPlainHttpToRemote(serverUrl())
        && m_ui->allowPlainHttpCheck->isChecked();
}

void SignInDialog::updatePlainHttpBox()
{
    const QUrl url = serverUrl();
    const bool needed = url.isValid() && ConnectionSecurity::isPlainHttpToRemote(url);
    m_ui->allowPlainHttpCheck->setVisible(needed);
    const QString server = needed ? ConnectionSecurity::serverKey(url) : QString();
    // The remembered answer for each server typed; a tick given here stays while it is the same.
    if (server != m_plainHttpServer) {
        m_plainHttpServer = server;
        m_ui->allowPlainHttpCheck->setChecked(needed && m_plainHttpServers.contains(server));
    }
}

void SignInDialog::browseCaCertificate()
{
    const QString current = caCertificateFile();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Certificate of the certificate authority"),
        current.isEmpty() ? QString() : QFileInfo(current).absolutePath(),
        tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_ui->caCertEdit->setText(path);
}

void SignInDialog::setRememberMe(bool remember)
{
    m_ui->rememberCheck->setChecked(remember);
}

bool SignInDialog::rememberMe() const
{
    return m_ui->rememberCheck->isChecked();
}

void SignInDialog::setMessage(const QString &message)
{
    m_ui->errorLabel->setText(message);
    m_ui->errorLabel->setVisible(!message.isEmpty());
}

QString SignInDialog::message() const
{
    return m_ui->errorLabel->text();
}

void SignInDialog::updateOkButton()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(serverUrl().isValid() && !token().isEmpty());
}

void SignInDialog::retranslate()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign &in"));
}

void SignInDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QDialog::changeEvent(event);
}
