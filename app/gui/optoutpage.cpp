// The "Opt-out settings" page: the picker and the opted-out table, and what their changes say.
#include "optoutpage.h"
#include "ui_optoutpage.h"

#include "accessiblecombobox.h"
#include "actionmessages.h"
#include "appsettings.h"
#include "checkboxheader.h"
#include "confirmchangedialog.h"
#include "contexthelp.h"
#include "focusframedelegate.h"
#include "groupsearch.h"
#include "icons.h"
#include "optoutmodel.h"
#include "optoutproxymodel.h"
#include "rulescontroller.h"
#include "rulesmodel.h"
#include "usagetracker.h"
#include "usermodel.h"
#include "userpicker.h"

#include <QAction>
#include <QApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QTableView>

#include <algorithm>

namespace {

// Strips the mnemonic marker: "Opt-out &user" -> "Opt-out user".
QString withoutMnemonic(QString text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&'))
            text.remove(i, 1); // "&&" keeps one '&'
    }
    return text;
}

} // namespace

OptOutPage::OptOutPage(SyncController *sync, UserModel *users, OptOutModel *optOuts,
                       QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::OptOutPage)
    , m_sync(sync)
    , m_users(users)
    , m_optOuts(optOuts)
    , m_proxy(new OptOutProxyModel(this))
{
    AccessibleComboBox::install(); // before the first combo box is asked for its name
    m_ui->setupUi(this);
    m_help = new ContextHelpPopup(this);
    m_help->hide();

    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    QPalette crumb = m_ui->breadcrumbLabel->palette();
    crumb.setColor(QPalette::WindowText, crumb.color(QPalette::PlaceholderText));
    m_ui->breadcrumbLabel->setPalette(crumb);
    m_ui->helpButton->setIcon(Icons::icon(QStringLiteral("help")));
    m_ui->helpButton->setProperty("helpIds", ContextHelpPopup::helpIds());
    m_ui->helpButton->setWhatsThis(ContextHelpPopup::helpIds().join(QLatin1Char(' ')));
    m_ui->optOutButton->setIcon(Icons::icon(QStringLiteral("opt-out")));
    m_ui->optInButton->setIcon(Icons::icon(QStringLiteral("opt-in")));
    connect(m_ui->helpButton, &QToolButton::clicked, this, &OptOutPage::showContextHelp);

    m_picker = new UserPicker(m_ui->userCombo, users, this);
    connect(m_picker, &UserPicker::pickedUserChanged, this, &OptOutPage::updateOptOutButton);
    connect(m_ui->optOutButton, &QPushButton::clicked, this, &OptOutPage::optOutPicked);
    // The Opt-out button stays one click (with Undo); a reason, or deleting the stored data at
    // once, goes through the confirmation: from Edit, its shortcut, or the button's own menu.
    m_optOutWithReason = new QAction(this);
    m_optOutWithReason->setObjectName(QStringLiteral("actionOptOutWithReason"));
    m_optOutWithReason->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_optOutWithReason->setEnabled(false);
    connect(m_optOutWithReason, &QAction::triggered, this, &OptOutPage::optOutPickedWithReason);
    m_ui->optOutButton->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_ui->optOutButton->addAction(m_optOutWithReason);
    // The fields claim Ctrl+Z for their own typing; with nothing of theirs to undo, it is the
    // window's Undo.
    m_ui->userCombo->installEventFilter(this); // it hands the keys to its line edit
    m_ui->userCombo->lineEdit()->installEventFilter(this);
    m_ui->filterEdit->installEventFilter(this);

    setupTable();
    setupNoteBar();

    connect(sync, &SyncController::stateChanged, this, &OptOutPage::onStateChanged);
    connect(sync, &SyncController::meLoaded, this, &OptOutPage::updateBreadcrumb);
    connect(sync, &SyncController::actionCompleted, this, &OptOutPage::onActionCompleted);
    connect(sync, &SyncController::aboutToApplyRemoteChanges, this,
            &OptOutPage::onAboutToApplyRemoteChanges);
    connect(sync, &SyncController::remoteChangesApplied, this, &OptOutPage::onRemoteChangesApplied);
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(UndoWindowMs);
    connect(&m_undoTimer, &QTimer::timeout, this, &OptOutPage::withdrawUndo);
    // Informations close by themselves; not while Undo is offered or while being read.
    m_noteTimer.setSingleShot(true);
    m_noteTimer.setInterval(NoteTimeoutMs);
    connect(&m_noteTimer, &QTimer::timeout, this, [this]() {
        const bool inUse = undoAvailable() || m_ui->noteBar->underMouse()
            || m_ui->noteBar->isAncestorOf(QApplication::focusWidget());
        if (inUse)
            m_noteTimer.start();
        else
            hideNote();
    });

    retranslate();
    onStateChanged();
}

OptOutPage::~OptOutPage() = default;

void OptOutPage::setupNoteBar()
{
    m_ui->noteIcon->setPixmap(Icons::icon(QStringLiteral("info")).pixmap(16, 16));
    QPalette pal = m_ui->noteBar->palette();
    pal.setColor(QPalette::Window, QColor(0xe8, 0xf0, 0xfb));
    pal.setColor(QPalette::WindowText, QColor(0x12, 0x2f, 0x57));
    m_ui->noteBar->setPalette(pal);
    m_ui->noteBar->hide();
    connect(m_ui->noteUndoButton, &QPushButton::clicked, this, &OptOutPage::undoLastChange);
    m_ui->noteUndoButton->hide();
    connect(m_ui->noteCloseButton, &QToolButton::clicked, this, &OptOutPage::hideNote);
}

void OptOutPage::focusPicker()
{
    m_ui->userCombo->setFocus();
}

void OptOutPage::showContextHelp()
{
    m_help->showBelow(m_ui->helpButton);
}

void OptOutPage::setUsageTracker(UsageTracker *tracker)
{
    m_tracker = tracker;
    // One "search used" per pick: the first key typed after the last opt-out.
    connect(m_ui->userCombo->lineEdit(), &QLineEdit::textEdited, this, [this]() {
        if (!m_searchRecorded && m_tracker) {
            m_searchRecorded = true;
            m_tracker->recordSearchUsed();
        }
    });
}

void OptOutPage::setRules(RulesController *rules, GroupSearch *groups)
{
    m_rulesController = rules;
    m_picker->setGroupSearch(groups);
    connect(m_picker, &UserPicker::ruleChosen, rules, &RulesController::confirmRule);
    connect(rules, &RulesController::done, this,
            [this](std::function<QString()> message, std::function<void()> undo) {
                withdrawUndo();
                if (undo) {
                    m_undo.rule = std::move(undo);
                    Q_EMIT undoAvailableChanged(true);
                    m_undoTimer.start();
                }
                showNote(std::move(message), bool(m_undo.rule));
            });
}

void OptOutPage::setHistoryOffered(bool offered)
{
    m_historyOffered = offered;
}

void OptOutPage::restoreFrom(const AppSettings &settings)
{
    // A state saved with another set of columns (an older version) is dropped: the columns
    // keep their defaults (the reason hidden) rather than landing on the wrong sections.
    const QByteArray header = settings.tableHeaderState();
    if (!header.isEmpty() && settings.tableHeaderColumns() == OptOutModel::ColumnCount) {
        m_header->restoreState(header);
        // The saved state carries the resize modes of the version that saved it.
        applyColumnModes();
    }
    fitColumns();
}

void OptOutPage::saveTo(AppSettings &settings) const
{
    settings.setTableHeaderState(m_header->saveState(), OptOutModel::ColumnCount);
}

void OptOutPage::clearSession()
{
    hideNote();
}

void OptOutPage::retranslate()
{
    m_optOutWithReason->setText(tr("Opt out with a &reason…"));
    m_optOutWithReason->setToolTip(tr("Opt out the chosen user with a reason, or delete "
                                      "their stored usage data at once"));
    m_ui->optOutButton->setToolTip(
        tr("Opt out the chosen user. Right-click, or press %1, to add a reason.")
            .arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText)));
    updateBreadcrumb();
    updateCountLabel();
    updateCheckedState();
    if (m_picker)
        m_picker->retranslate();
    // The labels are the buddies; the names are set too so every screen reader gets them.
    m_ui->userCombo->setAccessibleName(withoutMnemonic(m_ui->userLabel->text()));
    m_ui->optOutTable->setAccessibleName(withoutMnemonic(m_ui->tableLabel->text()));
    m_ui->filterEdit->setAccessibleName(withoutMnemonic(m_ui->filterLabel->text()));
    m_header->setAccessibleName(tr("Check all"));
    m_header->setCheckBoxToolTip(tr("Check or uncheck all shown users"));
    if (m_noteMessage)
        m_ui->noteText->setText(m_noteMessage());
    updateEmptyState();
    fitColumns();
}

void OptOutPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        retranslate();
    }
    QWidget::changeEvent(event);
}

void OptOutPage::updateBreadcrumb()
{
    const QString product = m_sync ? m_sync->me().productName : QString();
    QStringList parts;
    if (!product.isEmpty())
        parts << product;
    parts << tr("Tools") << tr("Product usage") << tr("Opt-out settings");
    m_ui->breadcrumbLabel->setText(parts.join(QStringLiteral(" > ")));
    m_ui->breadcrumbLabel->setAccessibleName(
        tr("You are here: %1").arg(parts.join(QStringLiteral(", "))));
}

void OptOutPage::onStateChanged()
{
    updateBreadcrumb();
    updateCountLabel();
    updateEmptyState();
}

void OptOutPage::setupTable()
{
    m_header = new CheckBoxHeader(m_ui->optOutTable);
    m_header->setObjectName(QStringLiteral("optOutTableHeader"));
    m_ui->optOutTable->setHorizontalHeader(m_header);
    m_proxy->setSourceModel(m_optOuts);
    m_proxy->setSortRole(OptOutModel::SortRole);
    m_ui->optOutTable->setModel(m_proxy);
    m_ui->optOutTable->setItemDelegate(new FocusFrameDelegate(m_ui->optOutTable));
    m_ui->optOutTable->setSortingEnabled(true);
    m_ui->optOutTable->sortByColumn(OptOutModel::OptedOutAtColumn, Qt::DescendingOrder);

    // Fixed row heights and no ResizeToContents: 20,000 rows are never measured.
    QHeaderView *rows = m_ui->optOutTable->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(m_ui->optOutTable->fontMetrics().height() + 10);
    applyColumnModes();
    m_header->resizeSection(OptOutModel::CheckColumn,
                            m_header->checkBoxRect().width() + 3 * m_header->checkBoxRect().left());
    m_header->resizeSection(OptOutModel::NameColumn, 220);
    m_header->resizeSection(OptOutModel::EmailColumn, 260);
    m_header->resizeSection(OptOutModel::OptedOutAtColumn, 160);
    m_header->resizeSection(OptOutModel::OptedOutByColumn, 200);
    m_header->resizeSection(OptOutModel::ReasonColumn, 220);
    m_header->resizeSection(OptOutModel::PurgeAtColumn, 160);
    m_header->resizeSection(OptOutModel::ViaColumn, 180);
    m_header->setMinimumSectionSize(24);
    // Optional columns are shown or hidden from the header's menu; the reason starts hidden.
    m_header->setSectionHidden(OptOutModel::ReasonColumn, true);
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_header, &QWidget::customContextMenuRequested, this, &OptOutPage::showHeaderMenu);
    m_ui->optOutTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_ui->optOutTable, &QWidget::customContextMenuRequested, this,
            &OptOutPage::showRowMenu);

    connect(m_header, &CheckBoxHeader::checkAllRequested, this, &OptOutPage::checkAll);
    connect(m_optOuts, &OptOutModel::checkedCountChanged, this, &OptOutPage::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &OptOutPage::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &OptOutPage::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OptOutPage::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &OptOutPage::updateCheckedState);
    // The proxy takes its rows out while the source's are about to go: "n of N" is counted
    // again once the source has removed (or inserted) them too.
    connect(m_optOuts, &QAbstractItemModel::rowsRemoved, this, &OptOutPage::updateCountLabel);
    connect(m_optOuts, &QAbstractItemModel::rowsInserted, this, &OptOutPage::updateCountLabel);
    connect(m_optOuts, &QAbstractItemModel::modelReset, this, &OptOutPage::updateCountLabel);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateCheckedState();
    });
    connect(m_ui->optInButton, &QPushButton::clicked, this, &OptOutPage::optInChecked);
    m_ui->optOutTable->installEventFilter(this);

    // In the table's place when it shows no row: what it is for, or that the filter hides all.
    m_emptyState = new QLabel(m_ui->optOutTable->viewport());
    m_emptyState->setObjectName(QStringLiteral("optOutEmptyState"));
    m_emptyState->setWordWrap(true);
    m_emptyState->setAlignment(Qt::AlignCenter);
    m_emptyState->setMargin(24);
    QPalette quiet = m_emptyState->palette();
    quiet.setColor(QPalette::WindowText, quiet.color(QPalette::PlaceholderText));
    m_emptyState->setPalette(quiet);
    auto *emptyLayout = new QGridLayout(m_ui->optOutTable->viewport());
    emptyLayout->addWidget(m_emptyState, 0, 0);
    m_emptyState->hide();
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &OptOutPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OptOutPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &OptOutPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, &OptOutPage::fitColumns);
}

void OptOutPage::applyColumnModes()
{
    // Interactive, none stretched: a Stretch e-mail column was squeezed to what the others left
    // (55 px in a narrow window) and saved so; a narrow window scrolls sideways instead.
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setSectionResizeMode(OptOutModel::CheckColumn, QHeaderView::Fixed);
    m_header->setStretchLastSection(false);
}

void OptOutPage::fitColumns()
{
    if (!m_header)
        return;
    // Room for a usual address whole: two people of one name differ only there.
    const int emailLeast = m_ui->optOutTable->fontMetrics().horizontalAdvance(
                               QStringLiteral("firstname.lastname@example.com"))
        + 16;
    for (int section = 0; section < m_header->count(); ++section) {
        if (section == OptOutModel::CheckColumn || m_header->isSectionHidden(section))
            continue;
        int least = m_header->sectionSizeHint(section);
        if (section == OptOutModel::EmailColumn)
            least = std::max(least, emailLeast);
        if (m_header->sectionSize(section) < least)
            m_header->resizeSection(section, least);
    }
    m_header->setLeastWidth(OptOutModel::EmailColumn, emailLeast);
    m_header->fitSectionsToView();
}

void OptOutPage::updateEmptyState()
{
    if (!m_emptyState)
        return;
    const bool loaded = m_sync && m_sync->lastSyncedAt().isValid();
    const bool empty = loaded && m_proxy->rowCount() == 0;
    if (!empty) {
        m_emptyState->hide();
        return;
    }
    const QString filter = m_proxy->filterText().trimmed();
    if (!filter.isEmpty() && m_optOuts && m_optOuts->rowCount() > 0)
        m_emptyState->setText(tr("No opted-out user matches “%1”. Clear the filter to see all "
                                 "%Ln opted-out user(s).",
                                 nullptr, m_optOuts->rowCount())
                                  .arg(filter));
    else
        m_emptyState->setText(
            tr("Nobody is opted out. Users you opt out above are listed here, with when and by "
               "whom; their product usage is no longer tracked. Tick them here to include "
               "them again."));
    m_emptyState->show();
}

QString OptOutPage::noteText() const
{
    return m_ui->noteBar->isHidden() ? QString() : m_ui->noteText->text();
}

void OptOutPage::updateOptOutButton()
{
    const bool picked = !m_picker->pickedUserId().isEmpty();
    m_ui->optOutButton->setEnabled(picked);
    if (m_optOutWithReason)
        m_optOutWithReason->setEnabled(picked);
}

void OptOutPage::updateCountLabel()
{
    const bool loaded = m_sync && m_sync->lastSyncedAt().isValid();
    if (!loaded) {
        m_ui->countLabel->clear(); // not "0 users opted out" while the list is on its way
        return;
    }
    const int total = m_optOuts ? m_optOuts->rowCount() : 0;
    const int shown = m_proxy->rowCount();
    if (shown == total)
        m_ui->countLabel->setText(tr("%Ln user(s) opted out", nullptr, total));
    else
        m_ui->countLabel->setText(
            tr("%1 of %Ln shown", nullptr, total).arg(locale().toString(shown)));
}

void OptOutPage::updateCheckedState()
{
    if (!m_optOuts)
        return;
    const int checked = m_optOuts->checkedCount();
    m_ui->optInButton->setEnabled(checked > 0);
    m_ui->optInButton->setText(checked > 0 ? tr("Opt-&in (%Ln)", nullptr, checked) : tr("Opt-&in"));
    // The header box reflects the rows shown: all of them, or those the filter keeps.
    Qt::CheckState state = Qt::Unchecked;
    if (m_proxy->filterText().isEmpty()) {
        state = m_optOuts->overallCheckState();
    } else {
        const QList<int> shown = shownSourceRows();
        const int on = m_optOuts->checkedCountOf(shown);
        state = on == 0 ? Qt::Unchecked : (on == shown.size() ? Qt::Checked : Qt::PartiallyChecked);
    }
    m_header->setCheckState(state);
    updateCountLabel();
}

void OptOutPage::checkAll(bool checked)
{
    if (!m_optOuts)
        return;
    if (m_proxy->filterText().isEmpty()) {
        m_optOuts->setAllChecked(checked);
        return;
    }
    // Source rows first, then one change: checking may re-sort the proxy under a loop.
    m_optOuts->setChecked(shownSourceRows(), checked ? Qt::Checked : Qt::Unchecked);
}

QList<int> OptOutPage::shownSourceRows() const
{
    QList<int> rows;
    const int count = m_proxy->rowCount();
    rows.reserve(count);
    for (int row = 0; row < count; ++row)
        rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return rows;
}

void OptOutPage::toggleCurrentRows()
{
    const QModelIndex current = m_ui->optOutTable->currentIndex();
    if (!current.isValid())
        return;
    const QModelIndex currentBox = current.siblingAtColumn(OptOutModel::CheckColumn);
    const bool check = currentBox.data(Qt::CheckStateRole).toInt() != Qt::Checked;
    const Qt::CheckState value = check ? Qt::Checked : Qt::Unchecked;
    // Space acts on every selected row when the current one is among them.
    QModelIndexList rows
        = m_ui->optOutTable->selectionModel()->selectedRows(OptOutModel::CheckColumn);
    if (!rows.contains(currentBox))
        rows = {currentBox};
    // Source rows first, then one change: checking may re-sort the proxy under a loop.
    QList<int> sourceRows;
    sourceRows.reserve(rows.size());
    for (const QModelIndex &box : std::as_const(rows))
        sourceRows.append(m_proxy->mapToSource(box).row());
    m_optOuts->setChecked(sourceRows, value);
}

bool OptOutPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && undoAvailable()) {
        auto *edit = watched == m_ui->userCombo ? m_ui->userCombo->lineEdit()
                                                : qobject_cast<QLineEdit *>(watched);
        const auto *key = static_cast<QKeyEvent *>(event);
        if (edit && key->matches(QKeySequence::Undo) && !edit->isUndoAvailable())
            return true; // not overridden: Edit > Undo's shortcut runs
    }
    if (watched == m_ui->optOutTable && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier) {
            toggleCurrentRows();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void OptOutPage::optOutPicked()
{
    applyOptOut(m_picker->pickedUserId(), {});
}

void OptOutPage::optOutPickedWithReason()
{
    const QString userId = m_picker->pickedUserId();
    if (userId.isEmpty() || !m_sync || !m_users)
        return;
    const User *user = m_users->userById(userId);
    auto *dialog = new ConfirmChangeDialog(
        PendingAction::Type::OptOut, {user ? *user : User {userId, QString(), QString()}}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRetention(m_sync->me().purgeAfterSeconds);
    connect(dialog, &QDialog::accepted, this, [this, dialog, userId]() {
        // The pick may have changed meanwhile: the dialog named this user.
        if (m_picker->pickedUserId() == userId)
            m_picker->clear();
        applyOptOut(userId, dialog->options());
    });
    dialog->open();
}

void OptOutPage::applyOptOut(const QString &userId, const OptOutOptions &options)
{
    if (userId.isEmpty() || !m_sync)
        return;
    if (m_picker->pickedUserId() == userId)
        m_picker->clear();
    hideNote(); // the note of an earlier action would name the wrong people
    QueueOutcome outcome;
    const qint64 action = m_sync->optOut(userId, options, &outcome);
    m_searchRecorded = false;
    if (m_tracker)
        m_tracker->recordUserOptedOut();
    m_ui->userCombo->setFocus();
    if (action == 0) {
        withdrawUndo();
        showQueueOutcome(PendingAction::Type::OptOut, outcome);
        return;
    }
    const QString who = userLabel(userId);
    offerUndo(PendingAction::Type::OptOut, {userId}, action, options.deleteStoredEvents);
    // Until the service confirms: the confirmation replaces this.
    const bool deleting = options.deleteStoredEvents;
    showNote([who, deleting]() -> QString { return ActionMessages::optOutQueued(who, deleting); },
             true);
}

void OptOutPage::optInChecked()
{
    if (!m_optOuts || !m_sync || !m_users)
        return;
    requestOptIn(m_optOuts->checkedUserIds());
}

void OptOutPage::requestOptIn(const QStringList &checked)
{
    if (!m_optOuts || !m_sync || !m_users)
        return;
    QStringList ids;
    ids.reserve(checked.size());
    for (const QString &id : checked) {
        if (m_sync->ledger().isOptedOut(id)) // not a row whose opt-in is already pending
            ids.append(id);
    }
    if (ids.isEmpty())
        return;
    // A rule covers some: the service would refuse; say why instead.
    if (explainCoveredOptIn(ids))
        return;
    if (ids.size() == 1) {
        applyOptIn(ids);
        return;
    }
    ids = inTableOrder(ids);
    // More than one user: ask first, with who and what will happen.
    QList<User> users;
    users.reserve(ids.size());
    for (const QString &id : std::as_const(ids)) {
        const User *user = m_users->userById(id);
        users.append(user ? *user : User {id, QString(), QString()});
    }
    auto *dialog = new ConfirmChangeDialog(PendingAction::Type::OptIn, users, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, ids]() { applyOptIn(ids); });
    dialog->open();
}

void OptOutPage::applyOptIn(const QStringList &ids)
{
    if (!m_sync || !m_optOuts)
        return;
    hideNote(); // the note of an earlier action would name the wrong people
    // The rows stay, marked, until confirmed: their boxes are cleared now.
    QList<int> rows;
    rows.reserve(ids.size());
    for (const QString &id : ids) {
        const int row = m_optOuts->rowOfKey(id);
        if (row >= 0)
            rows.append(row);
    }
    m_optOuts->setChecked(rows, Qt::Unchecked);
    QueueOutcome outcome;
    const qint64 action = m_sync->optIn(ids, &outcome);
    if (m_tracker)
        m_tracker->recordUsersOptedIn(int(ids.size()));
    if (action == 0) {
        withdrawUndo();
        showQueueOutcome(PendingAction::Type::OptIn, outcome);
        return;
    }
    const int count = int(ids.size() - outcome.unchanged.size() - outcome.cancelledOut.size());
    offerUndo(PendingAction::Type::OptIn, ids, action);
    const QString who = count == 1 && ids.size() == 1 ? userLabel(ids.constFirst()) : QString();
    showNote([who, count]() -> QString { return ActionMessages::optInQueued(who, count); }, true);
}

void OptOutPage::showQueueOutcome(PendingAction::Type type, const QueueOutcome &outcome)
{
    // Nothing will be sent: say why, for every user asked for.
    const bool optIn = type == PendingAction::Type::OptIn;
    const int cancelled = int(outcome.cancelledOut.size());
    const int unchanged = int(outcome.unchanged.size());
    const QString cancelledWho
        = cancelled == 1 ? userLabel(outcome.cancelledOut.constFirst()) : QString();
    const QString unchangedWho
        = unchanged == 1 ? userLabel(outcome.unchanged.constFirst()) : QString();
    if (cancelled == 0 && unchanged == 0)
        return;
    showNote([optIn, cancelled, unchanged, cancelledWho, unchangedWho]() -> QString {
        return ActionMessages::nothingSent(optIn, cancelled, cancelledWho, unchanged, unchangedWho);
    });
}

QString OptOutPage::userLabel(const QString &userId) const
{
    const User *user = m_users ? m_users->userById(userId) : nullptr;
    return user ? ConfirmChangeDialog::userLabel(*user) : userId;
}

bool OptOutPage::undoAvailable() const
{
    return !m_undo.userIds.isEmpty() || m_undo.rule;
}

void OptOutPage::offerUndo(PendingAction::Type type, const QStringList &userIds, qint64 actionId,
                           bool deleteStoredEvents)
{
    m_undo = UndoRecord {type, userIds, actionId, deleteStoredEvents, {}};
    Q_EMIT undoAvailableChanged(true);
    m_undoTimer.start();
}

void OptOutPage::withdrawUndo()
{
    m_undo = UndoRecord {};
    m_undoTimer.stop();
    Q_EMIT undoAvailableChanged(false);
    m_ui->noteUndoButton->hide();
}

void OptOutPage::undoLastChange()
{
    if (!undoAvailable() || !m_sync)
        return;
    const UndoRecord undo = m_undo;
    if (undo.rule) { // a rule created or removed: the opposite request
        withdrawUndo();
        undo.rule();
        return;
    }
    if (!m_sync->canUndo(undo.actionId)) {
        withdrawUndo();
        return;
    }
    // A change of several users sent (or on its way) is undone by the opposite change of
    // several users: asked first, as that change is.
    const QStringList send = m_sync->undoWouldSend(undo.actionId);
    if (send.size() > 1 && m_users) {
        QList<User> users;
        users.reserve(send.size());
        for (const QString &id : send) {
            const User *user = m_users->userById(id);
            users.append(user ? *user : User {id, QString(), QString()});
        }
        const bool wasOptOut = undo.type == PendingAction::Type::OptOut;
        auto *dialog = new ConfirmChangeDialog(
            wasOptOut ? PendingAction::Type::OptIn : PendingAction::Type::OptOut, users, this);
        dialog->setObjectName(QStringLiteral("confirmUndoDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // Each user is opted out again with the reason they had: nothing to type.
        if (dialog->reasonEdit()) {
            dialog->reasonEdit()->hide();
            if (QWidget *label = dialog->findChild<QWidget *>(QStringLiteral("reasonLabel")))
                label->hide();
        }
        connect(dialog, &QDialog::accepted, this, [this, undo]() {
            if (m_sync && m_sync->canUndo(undo.actionId))
                applyUndo(undo);
        });
        dialog->open();
        return;
    }
    applyUndo(undo);
}

void OptOutPage::applyUndo(const UndoRecord &undo)
{
    withdrawUndo();
    // The rule is the core's: not sent yet, taken back locally and never sent; on its way or
    // confirmed, the opposite change follows, with what was there (the reasons).
    const UndoOutcome outcome = m_sync->undo(undo.actionId);
    if (outcome.isEmpty())
        return;
    const bool wasOptOut = undo.type == PendingAction::Type::OptOut;
    const QStringList undone = outcome.cancelled + outcome.reversed;
    const int count = int(undone.size());
    const QString who = count == 1 ? userLabel(undone.constFirst()) : QString();
    const bool sent = !outcome.reversed.isEmpty();
    const bool deleted = outcome.storedDataGone;
    showNote([who, count, wasOptOut, sent, deleted]() -> QString {
        return ActionMessages::undone(who, count, wasOptOut, sent, deleted);
    });
}

void OptOutPage::showNote(std::function<QString()> message, bool offerUndo)
{
    m_noteMessage = std::move(message);
    m_ui->noteText->setText(m_noteMessage());
    m_ui->noteUndoButton->setVisible(offerUndo && undoAvailable());
    m_ui->noteBar->show();
    m_noteTimer.start();
}

QStringList OptOutPage::rowActionTargets(const QModelIndex &clicked) const
{
    if (!clicked.isValid() || !m_optOuts)
        return {};
    if (clicked.siblingAtColumn(OptOutModel::CheckColumn).data(Qt::CheckStateRole).toInt()
        == Qt::Checked)
        return m_optOuts->checkedUserIds();
    return {clicked.data(OptOutModel::UserIdRole).toString()};
}

void OptOutPage::showRowMenu(const QPoint &pos)
{
    const QModelIndex index = m_ui->optOutTable->indexAt(pos);
    if (!index.isValid())
        return;
    const QString userId = index.data(OptOutModel::UserIdRole).toString();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(QStringLiteral("optOutRowMenu"));
    if (m_historyOffered) {
        QAction *show = menu->addAction(tr("Show &history"));
        show->setObjectName(QStringLiteral("actionShowHistory"));
        connect(show, &QAction::triggered, this,
                [this, userId] { Q_EMIT historyRequested(userId); });
    }
    // Opt in, as the Opt-in button does (several users: asked first): the users opted out as
    // things stand, not those whose opt-in is pending already.
    QStringList optInTargets;
    if (m_sync) {
        for (const QString &id : rowActionTargets(index)) {
            if (m_sync->ledger().isOptedOut(id))
                optInTargets.append(id);
        }
    }
    QAction *optIn = menu->addAction(
        optInTargets.size() > 1 ? tr("Opt &in %Ln user(s)…", nullptr, int(optInTargets.size()))
                                : tr("Opt &in"));
    optIn->setObjectName(QStringLiteral("actionOptInRow"));
    optIn->setEnabled(!optInTargets.isEmpty());
    connect(optIn, &QAction::triggered, this, [this, optInTargets] { requestOptIn(optInTargets); });
    // Users opted out as things stand (not those whose opt-in is pending) whose stored data
    // awaits deletion; a service that does not tell its retention window (an older one) does
    // not know the request either.
    QStringList targets;
    if (m_optOuts && m_sync && m_sync->me().purgeAfterSeconds > 0) {
        for (const QString &id : rowActionTargets(index)) {
            const int row = m_optOuts->rowOfKey(id);
            if (m_sync->ledger().isOptedOut(id) && row >= 0
                && m_optOuts->entryAt(row).purgeAt.isValid())
                targets.append(id);
        }
    }
    QAction *purge
        = menu->addAction(targets.size() > 1 ? tr("&Delete stored data of %Ln user(s) now…",
                                                  nullptr, int(targets.size()))
                                             : tr("&Delete stored data now…"));
    purge->setObjectName(QStringLiteral("actionDeleteStoredData"));
    purge->setEnabled(!targets.isEmpty());
    connect(purge, &QAction::triggered, this,
            [this, targets] { confirmDeleteStoredData(targets); });
    menu->popup(m_ui->optOutTable->viewport()->mapToGlobal(pos));
}

QMenu *OptOutPage::columnsMenu()
{
    if (!m_columnsMenu) {
        m_columnsMenu = new QMenu(this);
        m_columnsMenu->setObjectName(QStringLiteral("columnsMenu"));
    }
    m_columnsMenu->clear();
    for (int column = 0; column < OptOutModel::ColumnCount; ++column) {
        if (!OptOutModel::isOptionalColumn(column))
            continue;
        QAction *action = m_columnsMenu->addAction(
            m_optOuts ? m_optOuts->headerData(column, Qt::Horizontal).toString() : QString());
        action->setObjectName(QStringLiteral("actionShowColumn_%1").arg(column));
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(column));
        connect(action, &QAction::toggled, this, [this, column](bool shown) {
            // The check box and the name are not in this menu: they never hide.
            m_header->setSectionHidden(column, !shown);
        });
    }
    return m_columnsMenu;
}

void OptOutPage::showHeaderMenu(const QPoint &pos)
{
    columnsMenu()->popup(m_header->mapToGlobal(pos));
}

void OptOutPage::confirmDeleteStoredData(const QStringList &userIds)
{
    if (userIds.isEmpty() || !m_sync)
        return;
    const int n = int(userIds.size());
    const QString who = n == 1 ? userLabel(userIds.constFirst()) : QString();
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Delete stored data now"),
        n == 1 ? tr("Delete the stored usage data of %1 now?").arg(who)
               : tr("Delete the stored usage data of %Ln user(s) now?", nullptr, n),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deleteStoredDataBox"));
    box->setInformativeText(tr("This cannot be undone. They stay opted out; the data would "
                               "otherwise be deleted at the planned date, or kept if they are "
                               "opted in again before then."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("&Delete now"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteNowButton"));
    QPushButton *cancel = box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setDefaultButton(cancel); // irreversible: never the default
    connect(remove, &QPushButton::clicked, this, [this, userIds]() {
        if (!m_sync)
            return;
        hideNote();
        withdrawUndo();
        const qint64 action = m_sync->deleteStoredData(userIds);
        if (action == 0)
            return;
        const int count = int(userIds.size());
        const QString who = count == 1 ? userLabel(userIds.constFirst()) : QString();
        showNote([who, count]() -> QString {
            return count == 1
                ? OptOutPage::tr("The stored usage data of %1 will be deleted as soon as the "
                                 "service confirms.")
                      .arg(who)
                : OptOutPage::tr("The stored usage data of %Ln user(s) will be deleted as soon "
                                 "as the service confirms.",
                                 nullptr, count);
        });
    });
    box->open();
}

void OptOutPage::hideNote()
{
    m_noteMessage = nullptr;
    m_noteTimer.stop();
    m_ui->noteBar->hide();
    m_ui->noteUndoButton->hide();
}

void OptOutPage::onActionCompleted(const ActionReport &report)
{
    if (report.deletionOnly) {
        onDeletionCompleted(report);
        return;
    }
    const bool optOut = report.type == PendingAction::Type::OptOut;
    const int applied = int(report.applied.size());
    const int refused = int(report.refused.size());
    const int total = applied + refused;
    const bool ours = report.actionId != 0 && report.actionId == m_undo.actionId;
    const QString who = total == 1
        ? userLabel(applied == 1 ? report.applied.constFirst() : report.refused.constFirst())
        : QString();
    // Every user of the confirmation is accounted for: those nothing was sent for too.
    const int unchanged = int(report.unchanged.size());
    const int cancelledOut = int(report.cancelledOut.size());
    const auto others = [optOut, unchanged, cancelledOut]() -> QString {
        return ActionMessages::others(optOut, unchanged, cancelledOut);
    };
    if (refused == 0) {
        if (ours)
            m_undoTimer.start(); // Undo stays offered a while after the confirmation too
        const bool deleted = optOut && report.deleteStoredEvents;
        showNote(
            [who, total, optOut, deleted, others]() -> QString {
                return ActionMessages::done(who, total, optOut, deleted) + others();
            },
            ours);
        return;
    }
    if (ours)
        withdrawUndo();
    hideNote();
    const ApiError error = report.error;
    Q_EMIT actionFailed([who, total, applied, refused, optOut, error, others]() -> QString {
        return ActionMessages::refused(who, total, applied, refused, optOut) + others()
            + QLatin1Char(' ') + ActionMessages::errorText(error);
    });
}

void OptOutPage::onDeletionCompleted(const ActionReport &report)
{
    const int applied = int(report.applied.size());
    const int refused = int(report.refused.size());
    if (refused == 0) {
        const QString who = applied == 1 ? userLabel(report.applied.constFirst()) : QString();
        showNote(
            [who, applied]() -> QString { return ActionMessages::deletionDone(who, applied); });
        return;
    }
    hideNote();
    const ApiError error = report.error;
    Q_EMIT actionFailed([applied, refused, error]() -> QString {
        return ActionMessages::deletionRefused(applied, refused) + QLatin1Char(' ')
            + ActionMessages::errorText(error);
    });
}

void OptOutPage::onAboutToApplyRemoteChanges()
{
    // Keep the rows under the administrator's eyes where they are.
    QTableView *table = m_ui->optOutTable;
    m_anchorUserId.clear();
    const int top = table->rowAt(0);
    if (top >= 0) {
        m_anchorUserId = m_proxy->index(top, 0).data(OptOutModel::UserIdRole).toString();
        m_anchorOffset = table->rowViewportPosition(top);
    }
}

void OptOutPage::onRemoteChangesApplied(const QStringList &optedOutAll,
                                        const QStringList &optedInAll)
{
    QTableView *table = m_ui->optOutTable;
    if (!m_anchorUserId.isEmpty() && m_optOuts) {
        const int sourceRow = m_optOuts->rowOfKey(m_anchorUserId);
        if (sourceRow >= 0) {
            const QModelIndex at = m_proxy->mapFromSource(m_optOuts->index(sourceRow, 0));
            if (at.isValid()) {
                table->scrollTo(at, QAbstractItemView::PositionAtTop);
                if (table->verticalScrollMode() == QAbstractItemView::ScrollPerPixel)
                    table->verticalScrollBar()->setValue(table->verticalScrollBar()->value()
                                                         - m_anchorOffset);
            }
        }
    }
    m_anchorUserId.clear();
    // What a rule did (this window's rule change, a group's membership) is not another
    // window's doing: not said here.
    QStringList optedOut;
    QStringList optedIn;
    if (!ruleChangesOnly(optedOutAll, optedInAll, &optedOut, &optedIn))
        return;
    // Say what changed: the rows may have come or gone out of sight.
    const QString out = optedOut.size() == 1 ? userLabel(optedOut.constFirst()) : QString();
    const QString in = optedIn.size() == 1 ? userLabel(optedIn.constFirst()) : QString();
    const int outCount = int(optedOut.size());
    const int inCount = int(optedIn.size());
    // The list says who opted them out: this account too, from another window or computer.
    const bool outByMe = outCount > 0 && allOptedOutByMe(optedOut);
    showNote([out, in, outCount, inCount, outByMe]() -> QString {
        return ActionMessages::remoteChanges(out, outCount, outByMe, in, inCount);
    });
}

bool OptOutPage::allOptedOutByMe(const QStringList &userIds) const
{
    const QString me = m_sync ? m_sync->me().id : QString();
    if (me.isEmpty() || !m_optOuts)
        return false;
    return std::all_of(userIds.cbegin(), userIds.cend(), [this, &me](const QString &id) {
        const int row = m_optOuts->rowOfKey(id);
        return row >= 0 && m_optOuts->entryAt(row).optedOutBy.id == me;
    });
}

QStringList OptOutPage::inTableOrder(const QStringList &userIds) const
{
    // As the table shows them (its sort), then any the filter hides, as given.
    QSet<QString> left(userIds.cbegin(), userIds.cend());
    QStringList ordered;
    ordered.reserve(userIds.size());
    const QList<int> rows = shownSourceRows();
    for (int row : rows) {
        const QString &id = m_optOuts->entryAt(row).user.id;
        if (left.remove(id))
            ordered.append(id);
    }
    for (const QString &id : userIds) {
        if (left.contains(id))
            ordered.append(id);
    }
    return ordered;
}

void OptOutPage::optOutFromList(const QStringList &ids, const QString &reason)
{
    if (!m_sync || !m_users)
        return;
    QStringList out;
    out.reserve(ids.size());
    for (const QString &id : ids) {
        if (!m_sync->ledger().isOptedOut(id)) // opted out meanwhile (a refresh, another window)
            out.append(id);
    }
    hideNote(); // the note of an earlier action would name the wrong people
    OptOutOptions options;
    options.reason = reason;
    const qint64 action = m_sync->optOut(out, options);
    if (action == 0)
        return;
    // One action, however many batches: one message when the service has answered them all
    // (onActionCompleted), and Undo for the whole of it.
    offerUndo(PendingAction::Type::OptOut, out, action);
    const int count = int(out.size());
    showNote(
        [count]() -> QString {
            return OptOutPage::tr("%Ln user(s) will be opted out as soon as the service confirms.",
                                  nullptr, count);
        },
        true);
}

bool OptOutPage::explainCoveredOptIn(const QStringList &ids)
{
    if (!m_sync)
        return false;
    QStringList covered;
    QStringList others;
    QList<OptOutCover> rules; // each rule once, in the order met
    for (const QString &id : ids) {
        const QList<OptOutCover> covers = m_sync->ledger().ruleCovers(id);
        if (covers.isEmpty()) {
            others.append(id);
            continue;
        }
        covered.append(id);
        for (const OptOutCover &cover : covers) {
            const bool known
                = std::any_of(rules.cbegin(), rules.cend(),
                              [&cover](const OptOutCover &r) { return r.ruleId == cover.ruleId; });
            if (!known)
                rules.append(cover);
        }
    }
    if (covered.isEmpty())
        return false;
    QStringList ruleNames;
    for (const OptOutCover &cover : std::as_const(rules))
        ruleNames.append(RulesModel::coverText(cover));
    const QString ruleList = QLocale().createSeparatedList(ruleNames);
    const QString text = covered.size() == 1
        ? tr("%1 cannot be opted in: the rule “%2” opts them out.")
              .arg(userLabel(covered.constFirst()), ruleList)
        : tr("%Ln user(s) cannot be opted in: rules opt them out (%1).", nullptr,
             int(covered.size()))
              .arg(ruleList);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Opted out by a rule"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("coveredOptInBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("To opt them in, remove the rule in View > Rules, or take them out of the group in "
           "your organisation's directory."));
    QPushButton *show = box->addButton(tr("Show the &rule"), QMessageBox::AcceptRole);
    show->setObjectName(QStringLiteral("showRuleButton"));
    const QString ruleId = rules.constFirst().ruleId;
    connect(show, &QPushButton::clicked, this, [this, ruleId]() { Q_EMIT ruleRequested(ruleId); });
    if (!others.isEmpty()) {
        QPushButton *rest
            = box->addButton(tr("Opt in the &other %Ln user(s)", nullptr, int(others.size())),
                             QMessageBox::ActionRole);
        rest->setObjectName(QStringLiteral("optInOthersButton"));
        connect(rest, &QPushButton::clicked, this, [this, others]() { requestOptIn(others); });
    }
    QPushButton *close = box->addButton(tr("Close"), QMessageBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    box->setDefaultButton(show);
    box->open();
    return true;
}

bool OptOutPage::ruleChangesOnly(const QStringList &optedOut, const QStringList &optedIn,
                                 QStringList *othersOut, QStringList *othersIn)
{
    for (const QString &id : optedOut) {
        const OptOutEntry *entry = m_sync ? m_sync->ledger().confirmedEntry(id) : nullptr;
        if (!entry || entry->isIndividual())
            othersOut->append(id);
    }
    for (const QString &id : optedIn) {
        if (!m_rulesController || !m_rulesController->takeExpectedOptIn(id))
            othersIn->append(id);
    }
    return !othersOut->isEmpty() || !othersIn->isEmpty();
}
