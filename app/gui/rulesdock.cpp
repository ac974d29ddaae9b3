// View > Rules: the opt-out rules as a table.
#include "rulesdock.h"

#include "rulesmodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

RulesDock::RulesDock(RulesModel *rules, QWidget *parent)
    : QDockWidget(parent)
    , m_rules(rules)
    , m_table(new QTableView)
    , m_remove(new QPushButton)
    , m_status(new QLabel)
{
    setObjectName(QStringLiteral("rulesDock"));
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_remove->setObjectName(QStringLiteral("removeRuleButton"));
    m_status->setObjectName(QStringLiteral("rulesStatus"));
    m_table->setModel(rules);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(RulesModel::ReasonColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RulesModel::ByColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RulesModel::WhenColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RulesModel::RuleColumn,
                                                      QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RulesModel::UsersColumn,
                                                      QHeaderView::ResizeToContents);
    m_status->setWordWrap(true);
    m_remove->setEnabled(false);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_status, 1);
    bar->addWidget(m_remove);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    setWidget(content);

    connect(m_remove, &QPushButton::clicked, this, [this]() {
        const QString id = selectedRuleId();
        if (!id.isEmpty())
            emit removeRequested(id);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this]() { m_remove->setEnabled(!selectedRuleId().isEmpty()); });
    connect(rules, &RulesModel::loadingChanged, this, &RulesDock::updateStatus);
    connect(rules, &RulesModel::loadFailed, this, &RulesDock::updateStatus);
    connect(rules, &RulesModel::loaded, this, [this]() {
        updateStatus();
        selectPending();
    });
    connect(rules, &QAbstractItemModel::rowsInserted, this, &RulesDock::updateStatus);
    connect(rules, &QAbstractItemModel::rowsRemoved, this, &RulesDock::updateStatus);
    connect(rules, &QAbstractItemModel::modelReset, this, &RulesDock::updateStatus);
    retranslate();
}

QString RulesDock::selectedRuleId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(RulesModel::RuleIdRole).toString();
}

void RulesDock::showRule(const QString &ruleId)
{
    m_pendingSelection = ruleId;
    show();
    raise();
    selectPending();
}

void RulesDock::selectPending()
{
    if (m_pendingSelection.isEmpty())
        return;
    const int row = m_rules->rowOf(m_pendingSelection);
    if (row < 0)
        return; // not loaded yet: selected once it is
    m_pendingSelection.clear();
    m_table->selectRow(row);
    m_table->scrollTo(m_rules->index(row, 0));
    m_table->setFocus();
}

void RulesDock::showEvent(QShowEvent *event)
{
    QDockWidget::showEvent(event);
    if (isEnabled())
        m_rules->reload();
}

void RulesDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::EnabledChange && isEnabled() && isVisible())
        m_rules->reload();
    QDockWidget::changeEvent(event);
}

void RulesDock::retranslate()
{
    setWindowTitle(tr("Rules"));
    toggleViewAction()->setText(tr("Rul&es")); // after the title, which sets it too
    m_remove->setText(tr("Re&move rule…"));
    m_table->setAccessibleName(tr("Opt-out rules"));
    updateStatus();
}

void RulesDock::updateStatus()
{
    if (m_rules->isLoading() && m_rules->rowCount() == 0)
        m_status->setText(tr("Loading the rules…"));
    else if (m_rules->isUnavailable())
        m_status->setText(tr("This service has no group or domain rules."));
    else if (m_rules->rowCount() == 0)
        m_status->setText(tr("No rule opts users out. To add one, search for a group or type "
                             "@ and a domain in the users field."));
    else
        m_status->setText(tr("%Ln rule(s). Users a rule covers are opted out, including those "
                             "who join its group or domain later.",
                             nullptr, m_rules->rowCount()));
    m_remove->setEnabled(!selectedRuleId().isEmpty());
}
