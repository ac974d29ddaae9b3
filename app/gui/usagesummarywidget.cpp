// The administrator's per-user usage summary: stored client- and server-side events per user.
#include "usagesummarywidget.h"

#include "apitypes.h"
#include "usagesummarymodel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

UsageSummaryWidget::UsageSummaryWidget(UsageSummaryModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
    , m_titleLabel(new QLabel)
    , m_descriptionLabel(new QLabel)
    , m_table(new QTableView)
    , m_discardedLabel(new QLabel)
    , m_errorLabel(new QLabel)
    , m_refreshButton(new QPushButton)
{
    setObjectName(QStringLiteral("usageSummaryWidget"));
    m_table->setObjectName(QStringLiteral("usageSummaryTable"));
    m_refreshButton->setObjectName(QStringLiteral("usageSummaryRefreshButton"));
    m_errorLabel->setObjectName(QStringLiteral("usageSummaryErrorLabel"));
    m_discardedLabel->setObjectName(QStringLiteral("usageSummaryDiscardedLabel"));

    QFont title = m_titleLabel->font();
    title.setBold(true);
    m_titleLabel->setFont(title);
    m_descriptionLabel->setWordWrap(true);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();

    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(UsageSummaryModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(UsageSummaryModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    // Columns fit their contents after each refresh, measuring at most 200 rows.
    m_table->horizontalHeader()->setResizeContentsPrecision(200);

    auto *top = new QHBoxLayout;
    top->addWidget(m_titleLabel, 1);
    top->addWidget(m_refreshButton);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_discardedLabel);
    layout->addWidget(m_errorLabel);

    connect(m_refreshButton, &QPushButton::clicked, model, &UsageSummaryModel::refresh);
    connect(model, &UsageSummaryModel::loadingChanged, this, [this](bool loading) {
        m_refreshButton->setEnabled(!loading);
        if (loading) // a new attempt: the last one's failure is history
            hideError();
    });
    connect(model, &UsageSummaryModel::refreshed, this, [this]() {
        hideError();
        fitColumns();
    });
    // A sign-out forgets the rows: and the failure of that session too.
    connect(model, &UsageSummaryModel::cleared, this, &UsageSummaryWidget::hideError);
    // Opt-outs and opt-ins change what the service holds: seen at once when shown.
    connect(model, &UsageSummaryModel::optOutStateChanged, this, [this]() {
        if (isVisible() && m_model)
            m_model->refresh();
    });
    connect(model, &UsageSummaryModel::errorOccurred, this, &UsageSummaryWidget::showError);
    connect(model, &UsageSummaryModel::discardedSinceStartChanged, this,
            &UsageSummaryWidget::updateDiscarded);

    retranslate();
}

UsageSummaryWidget::~UsageSummaryWidget() = default;

QString UsageSummaryWidget::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

void UsageSummaryWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void UsageSummaryWidget::retranslate()
{
    m_titleLabel->setText(tr("Product usage by user"));
    m_descriptionLabel->setText(tr("Usage events the service has stored for each user, "
                                   "client-side and server-side. Opted-out users contribute "
                                   "none."));
    m_refreshButton->setText(tr("&Refresh"));
    m_table->setAccessibleName(tr("Product usage by user"));
    if (m_model)
        m_model->retranslate();
    updateDiscarded();
    fitColumns(); // the headers' widths changed with the language
}

void UsageSummaryWidget::fitColumns()
{
    // To their contents, then the last one takes what is left of the width: measuring the
    // last section to its contents ends its stretching, so it is stretched again.
    m_table->resizeColumnsToContents();
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(false);
    header->setStretchLastSection(true);
}

void UsageSummaryWidget::hideError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}

void UsageSummaryWidget::updateDiscarded()
{
    if (!m_model)
        return;
    const int discarded = int(std::min<qint64>(m_model->discardedSinceStart(), INT_MAX));
    m_discardedLabel->setText(tr("%Ln client-side event(s) of opted-out users discarded since the "
                                 "service started.",
                                 nullptr, discarded));
}

void UsageSummaryWidget::showError(const ApiError &error)
{
    m_errorLabel->setText(tr("The usage summary could not be loaded: %1").arg(error.message));
    m_errorLabel->show();
}
