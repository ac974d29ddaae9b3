// Asks before a change of more than one user: how many, who (the first few), what will happen.
#include "confirmchangedialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
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
    retranslate();
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
}
