// Asks before a rule opts out a group or an e-mail domain, with the service's preview.
#include "ruleconfirmdialog.h"

#include "apiclient.h"
#include "confirmchangedialog.h"
#include "lengthcounter.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <climits>

RuleConfirmDialog::RuleConfirmDialog(ApiClient *api, const OptOutRuleSpec &spec,
                                     qint64 purgeAfterSeconds, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_spec(spec)
    , m_purgeAfterSeconds(purgeAfterSeconds)
    , m_heading(new QLabel(this))
    , m_counts(new QLabel(this))
    , m_list(new QLabel(this))
    , m_consequence(new QLabel(this))
    , m_reasonLabel(new QLabel(this))
    , m_reason(new QLineEdit(this))
    , m_reasonProblem(new QLabel(this))
    , m_deleteNow(new QCheckBox(this))
    , m_retention(new QLabel(this))
    , m_confirm(new QPushButton(this))
    , m_cancel(new QPushButton(this))
{
    setObjectName(QStringLiteral("ruleConfirmDialog"));
    m_heading->setObjectName(QStringLiteral("confirmHeading"));
    m_counts->setObjectName(QStringLiteral("ruleCounts"));
    m_list->setObjectName(QStringLiteral("confirmUsers"));
    m_consequence->setObjectName(QStringLiteral("confirmConsequence"));
    m_reasonLabel->setObjectName(QStringLiteral("reasonLabel"));
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reasonProblem->setObjectName(QStringLiteral("reasonProblemLabel"));
    m_deleteNow->setObjectName(QStringLiteral("deleteNowBox"));
    m_retention->setObjectName(QStringLiteral("retentionLabel"));
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    QFont bold = m_heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_heading->setFont(bold);
    m_heading->setWordWrap(true);
    m_counts->setWordWrap(true);
    m_list->setTextFormat(Qt::PlainText);
    m_list->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_consequence->setWordWrap(true);
    m_reasonLabel->setBuddy(m_reason);
    m_reason->setMaxLength(OptOutOptions::MaxReasonLength);
    m_reason->setClearButtonEnabled(true);
    QPalette warning = m_reasonProblem->palette();
    warning.setColor(QPalette::WindowText, QColor(0xa4, 0x1a, 0x1a));
    m_reasonProblem->setPalette(warning);
    m_reasonProblem->setWordWrap(true);
    m_reasonProblem->hide();
    m_retention->setWordWrap(true);
    m_deleteNow->setVisible(purgeAfterSeconds > 0);
    m_retention->setVisible(purgeAfterSeconds >= 0);
    m_confirm->setDefault(true);
    m_confirm->setEnabled(false); // until the preview says what it does

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_counts);
    layout->addWidget(m_list);
    layout->addWidget(m_consequence);
    layout->addSpacing(6);
    layout->addWidget(m_reasonLabel);
    layout->addWidget(m_reason);
    layout->addWidget(new LengthCounter(m_reason, this));
    layout->addWidget(m_reasonProblem);
    layout->addWidget(m_deleteNow);
    layout->addWidget(m_retention);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    setMinimumWidth(480);
    connect(m_reason, &QLineEdit::textChanged, this, &RuleConfirmDialog::checkReason);
    m_reason->setFocus();
    retranslate();

    if (m_api) {
        m_api->previewOptOutRule(spec, this, [this](const ApiResult<OptOutRulePreview> &result) {
            m_previewed = result.ok();
            m_previewFailed = !result.ok();
            if (result.ok())
                m_preview = result.value();
            else
                m_previewError = result.error();
            retranslate();
            updateConfirm();
            adjustSize(); // room for the users listed
            emit previewLoaded();
        });
    }
}

OptOutRuleSpec RuleConfirmDialog::spec() const
{
    OptOutRuleSpec spec = m_spec;
    spec.options.reason = m_reason->text().trimmed();
    spec.options.deleteStoredEvents = !m_deleteNow->isHidden() && m_deleteNow->isChecked();
    return spec;
}

void RuleConfirmDialog::checkReason()
{
    const QString problem = OptOutOptions::reasonProblem(m_reason->text());
    m_reasonProblem->setText(problem);
    m_reasonProblem->setVisible(!problem.isEmpty());
    updateConfirm();
}

void RuleConfirmDialog::updateConfirm()
{
    m_confirm->setEnabled(m_previewed && OptOutOptions::reasonProblem(m_reason->text()).isEmpty());
}

void RuleConfirmDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void RuleConfirmDialog::retranslate()
{
    const bool group = m_spec.kind == QLatin1String("group");
    setWindowTitle(tr("Opt out by rule"));
    m_heading->setText(group ? tr("Opt out the group “%1”?").arg(m_spec.groupName)
                             : tr("Opt out everyone at %1?").arg(m_spec.domain));
    const int n = int(qMin<qint64>(m_preview.userCount, INT_MAX));
    const int newly = int(qMin<qint64>(m_preview.newlyOptedOut, INT_MAX));
    if (m_previewFailed) {
        m_counts->setText(
            tr("The service could not say whom the rule covers: %1").arg(m_previewError.message));
    } else if (!m_previewed) {
        m_counts->setText(tr("Asking the service whom the rule covers…"));
    } else {
        m_counts->setText(tr("It covers %Ln user(s) today;", nullptr, n) + QLatin1Char(' ')
                          + tr("%Ln of them will be newly opted out.", nullptr, newly));
    }
    QStringList lines;
    for (const User &user : std::as_const(m_preview.sample))
        lines << QStringLiteral("• ") + ConfirmChangeDialog::userLabel(user);
    if (m_previewed && n > m_preview.sample.size())
        lines << tr("… and %Ln more", nullptr, n - int(m_preview.sample.size()));
    m_list->setText(lines.join(QLatin1Char('\n')));
    m_list->setVisible(!lines.isEmpty());
    m_consequence->setText(
        group ? tr("The service discards their usage events from now on, and those of everyone "
                   "who joins the group later. Removing the rule in View > Rules opts back in "
                   "those it alone covers.")
              : tr("The service discards their usage events from now on, and those of everyone "
                   "who gets an address at this domain later. Removing the rule in View > Rules "
                   "opts back in those it alone covers."));
    m_reasonLabel->setText(tr("&Reason (optional):"));
    m_reason->setPlaceholderText(tr("For example: Works agreement 2026"));
    m_deleteNow->setText(tr("&Delete their stored usage data now (cannot be undone)"));
    if (m_purgeAfterSeconds > 0)
        m_retention->setText(tr("Otherwise it is kept, hidden, and deleted after %1, unless they "
                                "are opted in again before then.")
                                 .arg(ConfirmChangeDialog::durationText(m_purgeAfterSeconds)));
    else if (m_purgeAfterSeconds == 0)
        m_retention->setText(tr("Their stored usage data is deleted at once."));
    m_confirm->setText(m_previewed ? tr("&Opt out %Ln user(s)", nullptr, n) : tr("&Opt out"));
    m_cancel->setText(tr("Cancel"));
    if (m_reasonProblem->isVisible())
        checkReason();
}
