// Asks before a change of more than one user: how many, who (the first few), what will happen.
#include "confirmchangedialog.h"

#include "lengthcounter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ConfirmChangeDialog::ConfirmChangeDialog(PendingAction::Type type, const QList<User> &users,
                                         QWidget *parent)
    : QDialog(parent)
    , m_type(type)
    , m_users(users)
    , m_heading(new QLabel(this))
    , m_list(new QLabel(this))
    , m_consequence(new QLabel(this))
    , m_optionsLayout(new QVBoxLayout)
    , m_confirm(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("confirmChangeDialog"));
    m_heading->setObjectName(QStringLiteral("confirmHeading"));
    m_list->setObjectName(QStringLiteral("confirmUsers"));
    m_consequence->setObjectName(QStringLiteral("confirmConsequence"));
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_heading->setFont(bold);
    m_list->setTextFormat(Qt::PlainText);
    m_list->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_consequence->setWordWrap(true);
    m_heading->setWordWrap(true);
    m_confirm->setDefault(true);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_list);
    layout->addWidget(m_consequence);
    layout->addLayout(m_optionsLayout);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    setMinimumWidth(440);

    if (type == PendingAction::Type::OptOut) {
        m_reasonLabel = new QLabel(this);
        m_reason = new QLineEdit(this);
        m_reasonProblem = new QLabel(this);
        m_deleteNow = new QCheckBox(this);
        m_retention = new QLabel(this);
        m_reasonLabel->setObjectName(QStringLiteral("reasonLabel"));
        m_reason->setObjectName(QStringLiteral("reasonEdit"));
        m_reasonProblem->setObjectName(QStringLiteral("reasonProblemLabel"));
        m_deleteNow->setObjectName(QStringLiteral("deleteNowBox"));
        m_retention->setObjectName(QStringLiteral("retentionLabel"));
        m_reasonLabel->setBuddy(m_reason);
        // UTF-16 units: never more than the service's 500 characters.
        m_reason->setMaxLength(OptOutOptions::MaxReasonLength);
        m_reason->setClearButtonEnabled(true);
        QPalette warning = m_reasonProblem->palette();
        warning.setColor(QPalette::WindowText, QColor(0xa4, 0x1a, 0x1a));
        m_reasonProblem->setPalette(warning);
        m_reasonProblem->setWordWrap(true);
        m_reasonProblem->hide();
        m_retention->setWordWrap(true);
        m_deleteNow->hide();
        m_retention->hide();
        m_optionsLayout->addSpacing(6);
        m_optionsLayout->addWidget(m_reasonLabel);
        m_optionsLayout->addWidget(m_reason);
        m_optionsLayout->addWidget(new LengthCounter(m_reason, this));
        m_optionsLayout->addWidget(m_reasonProblem);
        m_optionsLayout->addWidget(m_deleteNow);
        m_optionsLayout->addWidget(m_retention);
        connect(m_reason, &QLineEdit::textChanged, this, &ConfirmChangeDialog::checkReason);
        m_reason->setFocus();
    }
    retranslate();
}

void ConfirmChangeDialog::setRetention(qint64 purgeAfterSeconds)
{
    m_purgeAfterSeconds = purgeAfterSeconds;
    if (!m_deleteNow)
        return;
    m_deleteNow->setVisible(purgeAfterSeconds > 0);
    if (purgeAfterSeconds <= 0)
        m_deleteNow->setChecked(false);
    m_retention->setVisible(purgeAfterSeconds >= 0);
    retranslate();
}

OptOutOptions ConfirmChangeDialog::options() const
{
    OptOutOptions options;
    if (m_reason)
        options.reason = m_reason->text().trimmed();
    // isHidden(), not isVisible(): read after the dialog closed.
    options.deleteStoredEvents
        = m_deleteNow && !m_deleteNow->isHidden() && m_deleteNow->isChecked();
    return options;
}

void ConfirmChangeDialog::checkReason()
{
    // Control characters (pasted line breaks, tabs) are refused here, said why, rather than by
    // the service later.
    const QString problem = OptOutOptions::reasonProblem(m_reason->text());
    m_reasonProblem->setText(problem);
    m_reasonProblem->setVisible(!problem.isEmpty());
    m_confirm->setEnabled(problem.isEmpty());
}

QString ConfirmChangeDialog::durationText(qint64 seconds)
{
    constexpr qint64 Day = 86400;
    constexpr qint64 Hour = 3600;
    if (seconds >= Day && seconds % Day == 0)
        return tr("%Ln day(s)", nullptr, int(seconds / Day));
    if (seconds >= Hour && seconds % Hour == 0)
        return tr("%Ln hour(s)", nullptr, int(seconds / Hour));
    if (seconds >= 60 && seconds % 60 == 0)
        return tr("%Ln minute(s)", nullptr, int(seconds / 60));
    return tr("%Ln second(s)", nullptr, int(seconds));
}

QString ConfirmChangeDialog::userLabel(const User &user)
{
    if (user.name.isEmpty())
        return user.email.isEmpty() ? user.id : user.email;
    if (user.email.isEmpty())
        return user.name;
    return tr("%1 <%2>").arg(user.name, user.email);
}

void ConfirmChangeDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ConfirmChangeDialog::retranslate()
{
    const int n = count();
    const bool out = m_type == PendingAction::Type::OptOut;
    setWindowTitle(out ? tr("Opt out users") : tr("Opt in users"));
    m_heading->setText(out ? tr("Opt out %Ln user(s)?", nullptr, n)
                           : tr("Opt in %Ln user(s)?", nullptr, n));
    QStringList lines;
    for (int i = 0; i < n && i < ShownUsers; ++i)
        lines << QStringLiteral("• ") + userLabel(m_users.at(i));
    if (n > ShownUsers)
        lines << tr("… and %Ln more", nullptr, n - ShownUsers);
    m_list->setText(lines.join(QLatin1Char('\n')));
    m_consequence->setText(
        out ? tr("They will be excluded from product usage tracking: the service discards their "
                 "usage events from now on. You can undo this for a while.")
            : tr("They will be included in product usage tracking again: the service records "
                 "their usage events from now on."));
    m_confirm->setText(out ? tr("Opt out %Ln user(s)", nullptr, n)
                           : tr("Opt in %Ln user(s)", nullptr, n));
    m_cancel->setText(tr("Cancel"));
    if (!m_reason)
        return;
    m_reasonLabel->setText(tr("&Reason (optional):"));
    m_reason->setPlaceholderText(tr("For example: GDPR request #4411"));
    m_deleteNow->setText(tr("&Delete their stored usage data now (cannot be undone)"));
    if (m_purgeAfterSeconds > 0)
        m_retention->setText(tr("Otherwise it is kept, hidden, and deleted after %1, unless they "
                                "are opted in again before then.")
                                 .arg(durationText(m_purgeAfterSeconds)));
    else if (m_purgeAfterSeconds == 0)
        m_retention->setText(tr("Their stored usage data is deleted at once."));
    if (m_reasonProblem->isVisible())
        checkReason();
}
