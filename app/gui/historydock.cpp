// View > History: the organisation's audit, newest first, one row per action, page by page,
// with filters.
#include "historydock.h"

#include "historymodel.h"
#include "usermodel.h"
#include "userpicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

HistoryDock::HistoryDock(HistoryModel *history, UserModel *users, QWidget *parent)
    : QDockWidget(parent)
    , m_history(history)
    , m_users(users)
{
    setObjectName(QStringLiteral("historyDock"));
    auto *body = new QWidget(this);
    auto *filters = new QGridLayout;
    m_userLabel = new QLabel(body);
    m_userCombo = userField(&m_userPicker, &m_userId);
    m_userCombo->setObjectName(QStringLiteral("historyUserCombo"));
    m_userCombo->lineEdit()->setObjectName(QStringLiteral("historyUserEdit"));
    m_actorLabel = new QLabel(body);
    m_actorCombo = userField(&m_actorPicker, &m_actorId);
    m_actorCombo->setObjectName(QStringLiteral("historyActorCombo"));
    m_actorCombo->lineEdit()->setObjectName(QStringLiteral("historyActorEdit"));
    m_actionLabel = new QLabel(body);
    m_actionCombo = new QComboBox(body);
    m_actionCombo->setObjectName(QStringLiteral("historyActionCombo"));
    for (const char *action : {"", "opt_out", "opt_in", "purge", "rule_created", "rule_deleted"})
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
    m_userLabel->setBuddy(m_userCombo);
    m_actorLabel->setBuddy(m_actorCombo);
    m_actionLabel->setBuddy(m_actionCombo);
    filters->addWidget(m_userLabel, 0, 0);
    filters->addWidget(m_userCombo, 0, 1);
    filters->addWidget(m_actorLabel, 0, 2);
    filters->addWidget(m_actorCombo, 0, 3);
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

    // A row per action, expanded (arrow keys, a click on its mark) to the entries it wrote.
    m_view = new QTreeView(body);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    // Rows of one height: the view never measures rows, whatever their number.
    m_view->setUniformRowHeights(true);
    // Pages asked for here as the list reaches its end, never by the tree itself (it would
    // ask at every layout).
    m_history->setViewsFetch(false);
    QScrollBar *bar = m_view->verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this, &HistoryDock::loadMoreAtEnd);
    connect(bar, &QScrollBar::rangeChanged, this, &HistoryDock::loadMoreAtEnd);
    attachModel();
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("historyStatus"));
    m_userNotice = new QLabel(body);
    m_userNotice->setObjectName(QStringLiteral("historyUserNotice"));
    m_userNotice->setWordWrap(true);
    m_userNotice->hide();

    auto *layout = new QVBoxLayout(body);
    layout->addLayout(filters);
    layout->addWidget(m_userNotice);
    layout->addWidget(m_view, 1);
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
        // Text that picked nobody filters nothing: an export under that name would be
        // everyone's history.
        if (!m_userNotice->isHidden()) {
            m_error = m_userNotice->text();
            updateStatus();
        } else if (currentFilter(&filter, &m_error))
            emit exportRequested(filter);
        else
            updateStatus();
    });
    connect(m_history, &HistoryModel::loadingChanged, this, &HistoryDock::updateStatus);
    // A page that only grew the last action leaves the scroll range as it was: still at the
    // end, the next one (once the tree has laid out the page's rows).
    connect(m_history, &HistoryModel::loadingChanged, this, [this](bool loading) {
        if (!loading)
            QTimer::singleShot(0, this, &HistoryDock::loadMoreAtEnd);
    });
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

QComboBox *HistoryDock::userField(UserPicker **picker, QString *chosenId)
{
    auto *combo = new QComboBox(this);
    combo->setMinimumContentsLength(16);
    *picker = new UserPicker(combo, m_users, this, UserPicker::Pickable::AnyUser);
    combo->lineEdit()->setClearButtonEnabled(true);
    // A pick filters on that user; editing the text drops it (the picker's rules), and text
    // that picked nobody filters on nobody, which the notice says.
    connect(*picker, &UserPicker::pickedUserChanged, this, [this, chosenId](const QString &userId) {
        if (*chosenId == userId)
            return;
        *chosenId = userId;
        updateUserNotice();
        applyFilters();
    });
    connect(combo->lineEdit(), &QLineEdit::textChanged, this, [this, chosenId] {
        // "Show history" of a user who has left names them by id, without a pick; edited, that
        // filter goes.
        if (chosenId == &m_userId && !m_departedLabel.isEmpty()
            && m_userCombo->lineEdit()->text() != m_departedLabel) {
            m_departedLabel.clear();
            m_userId.clear();
            applyFilters();
        }
        updateUserNotice();
    });
    return combo;
}

void HistoryDock::updateUserNotice()
{
    QStringList unpicked;
    if (m_userPicker && m_userPicker->hasUnpickedText() && m_departedLabel.isEmpty())
        unpicked << m_userCombo->lineEdit()->text().trimmed();
    if (m_actorPicker && m_actorPicker->hasUnpickedText())
        unpicked << m_actorCombo->lineEdit()->text().trimmed();
    if (unpicked.isEmpty()) {
        m_userNotice->hide();
        m_userNotice->clear();
        return;
    }
    m_userNotice->setText(unpickedText(unpicked));
    m_userNotice->show();
}

QString HistoryDock::unpickedText(const QStringList &texts)
{
    QStringList quoted;
    for (const QString &text : texts)
        quoted << tr("“%1”").arg(text);
    return tr("Not filtered by %1: choose a user from the list, or clear the field.", nullptr,
              int(texts.size()))
        .arg(QLocale().createSeparatedList(quoted));
}

void HistoryDock::showUser(const QString &userId)
{
    const QSignalBlocker a(m_actionCombo), f(m_fromCheck), t(m_toCheck);
    m_actionCombo->setCurrentIndex(0);
    m_fromCheck->setChecked(false);
    m_toCheck->setChecked(false);
    m_fromDate->setEnabled(false);
    m_toDate->setEnabled(false);
    m_actorPicker->clear();
    m_actorId.clear();
    m_departedLabel.clear();
    if (!m_userPicker->pickUser(userId)) {
        // Not in the directory any more: named by the id the history keeps.
        m_userPicker->clear();
        m_departedLabel = userId;
        m_userId = userId;
        m_userCombo->lineEdit()->setText(userId);
    }
    updateUserNotice();
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

void HistoryDock::attachModel()
{
    // Only while enabled: a view asks its model for a first page by itself as soon as it is
    // shown, and a dock restored open before sign-in must ask nothing.
    if (!isEnabled()) {
        m_view->setModel(nullptr);
        return;
    }
    if (m_view->model() == m_history)
        return;
    m_view->setModel(m_history);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->resizeSection(HistoryModel::WhenColumn, 150);
    header->resizeSection(HistoryModel::ActionColumn, 230);
    header->resizeSection(HistoryModel::UserColumn, 240);
    header->resizeSection(HistoryModel::ViaColumn, 150);
    header->resizeSection(HistoryModel::ByColumn, 200);
}

void HistoryDock::applyFilters()
{
    // Disabled until signed in: no request before the service's address is known.
    if (!isVisible() || !isEnabled())
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

void HistoryDock::loadMoreAtEnd()
{
    if (!isVisible() || !isEnabled() || m_view->model() != m_history || m_history->isLoading()
        || !m_history->hasMore() || m_history->rowCount() == 0)
        return;
    // The last row shown (an expanded action's last entry) in sight; visualRect() lays out
    // what the tree has not laid out yet.
    QModelIndex last = m_history->index(m_history->rowCount() - 1, 0);
    if (m_view->isExpanded(last) && m_history->rowCount(last) > 0)
        last = m_history->index(m_history->rowCount(last) - 1, 0, last);
    if (m_view->viewport()->rect().intersects(m_view->visualRect(last)))
        m_history->loadMore();
}

void HistoryDock::refreshNewest()
{
    if (isVisible() && isEnabled() && m_view->model() == m_history)
        m_history->refreshNewest();
}

void HistoryDock::updateStatus()
{
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        return;
    }
    // Rows: actions, or one user's entries.
    const int rows = m_history->rowCount();
    const bool grouped = m_history->isGrouped();
    if (m_history->isLoading())
        m_status->setText(tr("Loading…"));
    else if (m_history->isComplete())
        m_status->setText(grouped ? tr("%n action(s)", nullptr, rows)
                                  : tr("%n entry(s)", nullptr, rows));
    else
        m_status->setText(grouped ? tr("%n action(s) so far; scroll for more", nullptr, rows)
                                  : tr("%n entry(s) so far; scroll for more", nullptr, rows));
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
    m_userPicker->retranslate();
    m_actorPicker->retranslate();
    m_userCombo->lineEdit()->setPlaceholderText(tr("Any user"));
    m_actorCombo->lineEdit()->setPlaceholderText(tr("Anyone"));
    m_userCombo->setPlaceholderText(tr("Any user"));
    m_actorCombo->setPlaceholderText(tr("Anyone"));
    updateUserNotice();
    m_actionCombo->setItemText(0, tr("Any action"));
    // The date editors' labels are the check boxes before them, which are no buddies.
    m_fromDate->setAccessibleName(tr("From date"));
    m_toDate->setAccessibleName(tr("Through date"));
    m_view->setAccessibleName(tr("History entries"));
    for (int i = 1; i < m_actionCombo->count(); ++i)
        m_actionCombo->setItemText(i,
                                   HistoryModel::actionText(m_actionCombo->itemData(i).toString()));
    updateStatus();
}

void HistoryDock::updateDateFormats()
{
    // QDateEdit takes its format from the locale once, when made: a language switch must set
    // the new one, as a fresh start in that language shows it.
    const QString format = locale().dateFormat(QLocale::ShortFormat);
    for (QDateEdit *edit : {m_fromDate, m_toDate}) {
        if (edit->displayFormat() != format)
            edit->setDisplayFormat(format);
    }
}

void HistoryDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::LocaleChange || event->type() == QEvent::LanguageChange)
        updateDateFormats();
    if (event->type() == QEvent::EnabledChange) {
        attachModel();
        applyFilters();
    }
    QDockWidget::changeEvent(event);
}
