// Asks for the service's address and the e-mail address, then signs in through the organisation's
// identity provider, or with an access token under "Other ways to sign in".
#include "signindialog.h"
#include "ui_signindialog.h"

#include "connectionsecurity.h"
#include "icons.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QToolButton>

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
    m_discoveryTimer.setSingleShot(true);
    m_discoveryTimer.setInterval(400);
    connect(&m_discoveryTimer, &QTimer::timeout, this, &SignInDialog::requestDiscovery);
    for (QLineEdit *edit : {m_ui->serverEdit, m_ui->emailEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this]() {
            m_state = OrganisationState::Unknown;
            m_stateMessage.clear();
            updateOrganisationControls();
            m_discoveryTimer.start();
        });
        connect(edit, &QLineEdit::editingFinished, this, [this]() {
            if (m_discoveryTimer.isActive()) {
                m_discoveryTimer.stop();
                requestDiscovery();
            }
        });
    }
    connect(m_ui->organisationButton, &QPushButton::clicked, this, [this]() {
        if (m_state == OrganisationState::Available)
            Q_EMIT organisationSignInRequested();
    });
    connect(m_ui->otherWaysButton, &QToolButton::toggled, this, &SignInDialog::setOtherWaysShown);
    connect(m_ui->caCertBrowseButton, &QPushButton::clicked, this,
            &SignInDialog::browseCaCertificate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    retranslate();
    updateOkButton();
    updateOrganisationControls();
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

bool SignInDialog::looksLikeEmail(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return pattern.match(text.trimmed()).hasMatch();
}

void SignInDialog::setServerUrl(const QUrl &url)
{
    m_ui->serverEdit->setText(url.toString());
    updatePlainHttpBox();
    m_discoveryTimer.start();
}

void SignInDialog::setEmail(const QString &email)
{
    m_ui->emailEdit->setText(email);
    m_discoveryTimer.start();
}

QString SignInDialog::email() const
{
    return m_ui->emailEdit->text().trimmed();
}

void SignInDialog::requestDiscovery()
{
    const QUrl server = serverUrl();
    if (!server.isValid() || !looksLikeEmail(email())) {
        m_state = OrganisationState::Unknown;
        m_stateMessage.clear();
        updateOrganisationControls();
        return;
    }
    m_state = OrganisationState::Checking;
    m_stateMessage.clear();
    updateOrganisationControls();
    Q_EMIT discoveryRequested(server, email());
}

void SignInDialog::setOrganisationState(const QUrl &server, const QString &email,
                                        OrganisationState state, const QString &message)
{
    if (server != serverUrl() || email.compare(this->email(), Qt::CaseInsensitive) != 0)
        return; // an answer for what was typed before
    m_state = state;
    m_stateMessage = message;
    if (state == OrganisationState::Unavailable)
        setOtherWaysShown(true);
    updateOrganisationControls();
}

void SignInDialog::setOtherWaysShown(bool shown)
{
    const QSignalBlocker blocker(m_ui->otherWaysButton);
    m_ui->otherWaysButton->setChecked(shown);
    m_ui->otherWaysButton->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    m_ui->tokenPanel->setVisible(shown);
    updateOkButton();
}

bool SignInDialog::otherWaysShown() const
{
    return m_ui->otherWaysButton->isChecked();
}

void SignInDialog::updateOrganisationControls()
{
    QString status;
    switch (m_state) {
    case OrganisationState::Unknown:
        status = tr("Enter your e-mail address to sign in with your organisation's account.");
        break;
    case OrganisationState::Checking:
        status = tr("Looking up your organisation…");
        break;
    case OrganisationState::Waiting:
        status = tr("Continue in your web browser. The app goes on by itself once you are "
                    "signed in there.");
        break;
    case OrganisationState::Available:
    case OrganisationState::Unavailable:
    case OrganisationState::Failed:
        status = m_stateMessage;
        break;
    }
    m_ui->organisationStatus->setText(status);
    m_ui->organisationButton->setEnabled(m_state == OrganisationState::Available);
    const bool busy = m_state == OrganisationState::Waiting;
    m_ui->serverEdit->setEnabled(!busy);
    m_ui->emailEdit->setEnabled(!busy);
    m_ui->caCertEdit->setEnabled(!busy);
    m_ui->caCertBrowseButton->setEnabled(!busy);
    updateOkButton();
}

void SignInDialog::reject()
{
    if (m_state == OrganisationState::Waiting) {
        // Only the browser's sign-in ends; the dialog stays for another try.
        m_state = OrganisationState::Available;
        m_stateMessage.clear();
        updateOrganisationControls();
        Q_EMIT organisationSignInCancelled();
        return;
    }
    QDialog::reject();
}

QUrl SignInDialog::serverUrl() const
{
    return parseServerUrl(m_ui->serverEdit->text());
}

void SignInDialog::setToken(const QString &token)
{
    m_ui->tokenEdit->setText(token);
    if (!token.isEmpty())
        setOtherWaysShown(true);
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
    // OK signs in with the token: there only while "Other ways to sign in" is open.
    QPushButton *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    const bool tokenShown = otherWaysShown();
    ok->setVisible(tokenShown);
    ok->setEnabled(serverUrl().isValid() && !token().isEmpty()
                   && m_state != OrganisationState::Waiting);
    const bool organisation
        = m_state == OrganisationState::Available && (!tokenShown || token().isEmpty());
    m_ui->organisationButton->setDefault(organisation);
    ok->setDefault(!organisation);
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
