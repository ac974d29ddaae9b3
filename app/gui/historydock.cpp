// View > History: the organisation's audit, newest first, page by page, with filters.
#include "historydock.h"

#include "historymodel.h"
#include "usermodel.h"
#include "usersearchmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// Every user can be chosen here, opted-out ones included (the picker disables those).
class AnyUserModel final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
    }
};

} // namespace

HistoryDock::HistoryDock(HistoryModel *history, UserModel *users, QWidget *parent)
    : QDockWidget(parent)
    , m_history(history)
    , m_users(users)
{
    setObjectName(QStringLiteral("historyDock"));
    auto *body = new QWidget(this);
    auto *filters = new QGridLayout;
    m_userLabel = new QLabel(body);
    m_userEdit = userField(&m_userSearch, &m_userCompleter, &m_userId);
    m_userEdit->setObjectName(QStringLiteral("historyUserEdit"));
    m_actorLabel = new QLabel(body);
    m_actorEdit = userField(&m_actorSearch, &m_actorCompleter, &m_actorId);
    m_actorEdit->setObjectName(QStringLiteral("historyActorEdit"));
    m_actionLabel = new QLabel(body);
    m_actionCombo = new QComboBox(body);
    m_actionCombo->setObjectName(QStringLiteral("historyActionCombo"));
    for (const char *action : {"", "opt_out", "opt_in", "purge"})
        m_actionCombo->addItem(QString(), QString::fromLatin1(action));
    m_fromCheck = new QCheckBox(body);
    m_fromCheck->setObjectName(QStringLiteral("historyFromCheck"));
    m_fromDate = new QDateEdit(QDate::currentDate().addMonths(-1), body);
    m_fromDate->setObjectName(QStringLiteral("historyFromDate"));
    m_fromDate->setCalendarPopup(true);
    m_fromDate->setEnabled(false);
    m_toCheck = new QCheckBox(body);
    m_toCheck->setObjectName(QStringLiteral("historyToCheck"));
    m_toDate = new QDateEdit(QDate::currentDate(), body);
    m_toDate->setObjectName(QStringLiteral("historyToDate"));
    m_toDate->setCalendarPopup(true);
    m_toDate->setEnabled(false);
    m_userLabel->setBuddy(m_userEdit);
    m_actorLabel->setBuddy(m_actorEdit);
    m_actionLabel->setBuddy(m_actionCombo);
    filters->addWidget(m_userLabel, 0, 0);
    filters->addWidget(m_userEdit, 0, 1);
    filters->addWidget(m_actorLabel, 0, 2);
    filters->addWidget(m_actorEdit, 0, 3);
    filters->addWidget(m_actionLabel, 0, 4);
    filters->addWidget(m_actionCombo, 0, 5);
    filters->addWidget(m_fromCheck, 1, 0);
    filters->addWidget(m_fromDate, 1, 1);
    filters->addWidget(m_toCheck, 1, 2);
    filters->addWidget(m_toDate, 1, 3);
    m_exportButton = new QPushButton(body);
    m_exportButton->setObjectName(QStringLiteral("historyExportButton"));
    filters->addWidget(m_exportButton, 1, 5);
    filters->setColumnStretch(1, 1);
    filters->setColumnStretch(3, 1);

    m_table = new QTableView(body);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setModel(history);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, whatever their number.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(HistoryModel::WhenColumn, 150);
    m_table->horizontalHeader()->resizeSection(HistoryModel::ActionColumn, 190);
    m_table->horizontalHeader()->resizeSection(HistoryModel::UserColumn, 260);
    m_table->horizontalHeader()->resizeSection(HistoryModel::ByColumn, 220);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("historyStatus"));

    auto *layout = new QVBoxLayout(body);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    setWidget(body);

    const auto apply = [this] {
        applyFilters();
    };
    connect(m_actionCombo, &QComboBox::currentIndexChanged, this, apply);
    connect(m_fromCheck, &QCheckBox::toggled, m_fromDate, &QWidget::setEnabled);
    connect(m_toCheck, &QCheckBox::toggled, m_toDate, &QWidget::setEnabled);
    connect(m_fromCheck, &QCheckBox::toggled, this, apply);
    connect(m_toCheck, &QCheckBox::toggled, this, apply);
    connect(m_fromDate, &QDateEdit::dateChanged, this, apply);
    connect(m_toDate, &QDateEdit::dateChanged, this, apply);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        AuditFilter filter;
        if (currentFilter(&filter, &m_error))
            emit exportRequested(filter);
        else
            updateStatus();
    });
    connect(m_history, &HistoryModel::loadingChanged, this, &HistoryDock::updateStatus);
    connect(m_history, &QAbstractItemModel::rowsInserted, this, &HistoryDock::updateStatus);
    connect(m_history, &QAbstractItemModel::modelReset, this, [this] {
        m_error.clear();
        updateStatus();
    });
    connect(m_history, &HistoryModel::loadFailed, this, [this](const ApiError &error) {
        m_error = error.message;
        updateStatus();
    });
    // Loaded while someone looks at it.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            applyFilters();
    });
    retranslate();
}

QLineEdit *HistoryDock::userField(UserSearchModel **search, QCompleter **completer,
                                  QString *chosenId)
{
    auto *edit = new QLineEdit(this);
    edit->setClearButtonEnabled(true);
    *search = new UserSearchModel(m_users, edit);
    auto *any = new AnyUserModel(edit);
    any->setSourceModel(*search);
    *completer = new QCompleter(any, edit);
    (*completer)->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    (*completer)->setMaxVisibleItems(12);
    edit->setCompleter(*completer);
    UserSearchModel *model = *search;
    // Typing searches; editing drops the choice, and an empty field filters on nobody.
    connect(edit, &QLineEdit::textEdited, this, [this, model, chosenId](const QString &t) {
        model->setQuery(t);
        const bool hadChoice = !chosenId->isEmpty();
        chosenId->clear();
        if (hadChoice)
            applyFilters();
    });
    connect(*completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this, chosenId](const QModelIndex &index) {
                *chosenId = index.data(UserModel::UserIdRole).toString();
                applyFilters();
            });
    return edit;
}

void HistoryDock::showUser(const QString &userId)
{
    const QSignalBlocker a(m_actionCombo), f(m_fromCheck), t(m_toCheck);
    m_actionCombo->setCurrentIndex(0);
    m_fromCheck->setChecked(false);
    m_toCheck->setChecked(false);
    m_fromDate->setEnabled(false);
    m_toDate->setEnabled(false);
    m_actorId.clear();
    m_actorEdit->clear();
    m_userId = userId;
    const User *user = m_users ? m_users->userById(userId) : nullptr;
    m_userEdit->setText(user ? user->name + QStringLiteral(" <") + user->email + QLatin1Char('>')
                             : userId);
    show();
    raise();
    applyFilters();
}

bool HistoryDock::currentFilter(AuditFilter *filter, QString *error) const
{
    *filter = {};
    filter->userId = m_userId;
    filter->actorId = m_actorId;
    filter->action = m_actionCombo->currentData().toString();
    // Local days, as the administrator reads them: from the start of "from" to the end of "to".
    if (m_fromCheck->isChecked())
        filter->since = m_fromDate->date().startOfDay().toUTC();
    if (m_toCheck->isChecked())
        filter->until = m_toDate->date().addDays(1).startOfDay().toUTC();
    if (filter->since.isValid() && filter->until.isValid() && filter->since >= filter->until) {
        *error = tr("The start date is after the end date.");
        return false;
    }
    return true;
}

void HistoryDock::applyFilters()
{
    if (!isVisible())
        return;
    AuditFilter filter;
    if (!currentFilter(&filter, &m_error)) {
        updateStatus();
        return;
    }
    // Always from the newest: shown again, or filtered anew, it must not show an old page.
    m_error.clear();
    m_history->setFilter(filter);
}

void HistoryDock::updateStatus()
{
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    const int rows = m_history->rowCount();
    if (m_history->isLoading())
        m_status->setText(tr("Loading…"));
    else if (m_history->isComplete())
        m_status->setText(tr("%n entry(s)", nullptr, rows));
    else
        m_status->setText(tr("%n entry(s) so far; scroll for more", nullptr, rows));
}

void HistoryDock::retranslate()
{
    setWindowTitle(tr("History"));
    m_userLabel->setText(tr("Histor&y of:"));
    m_actorLabel->setText(tr("&By:"));
    m_actionLabel->setText(tr("A&ction:"));
    m_fromCheck->setText(tr("Fro&m:"));
    m_toCheck->setText(tr("Throu&gh:"));
    m_exportButton->setText(tr("E&xport…"));
    m_exportButton->setToolTip(tr("Save the history with these filters as a CSV file"));
    m_userEdit->setPlaceholderText(tr("Any user"));
    m_actorEdit->setPlaceholderText(tr("Anyone"));
    m_actionCombo->setItemText(0, tr("Any action"));
    for (int i = 1; i < m_actionCombo->count(); ++i)
        m_actionCombo->setItemText(i,
                                   HistoryModel::actionText(m_actionCombo->itemData(i).toString()));
    updateStatus();
}

void HistoryDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}
