// The "Opt-out settings" window: the users drop-down, the opt-out table and the sync status.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "accessiblecombobox.h"
#include "actionmessages.h"
#include "appsettings.h"
#include "checkboxheader.h"
#include "confirmchangedialog.h"
#include "contexthelp.h"
#include "exportcontroller.h"
#include "focusframedelegate.h"
#include "historydock.h"
#include "historymodel.h"
#include "icons.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "optoutproxymodel.h"
#include "pendingchangesdialog.h"
#include "syncstatustext.h"
#include "usagedebuggerdock.h"
#include "usagesummarymodel.h"
#include "usagesummarywidget.h"
#include "usagetracker.h"
#include "usermodel.h"
#include "userpicker.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGridLayout>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableView>

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

void setBarColors(QWidget *bar, const QColor &background, const QColor &text)
{
    QPalette pal = bar->palette();
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, text);
    bar->setPalette(pal);
}

} // namespace

MainWindow::MainWindow(SyncController *sync, UserModel *users, OptOutModel *optOuts,
                       LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_sync(sync)
    , m_users(users)
    , m_optOuts(optOuts)
    , m_languages(languages)
    , m_proxy(new OptOutProxyModel(this))
    , m_header(nullptr)
    , m_help(nullptr)
    , m_languageGroup(new QActionGroup(this))
    , m_statusLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    AccessibleComboBox::install(); // before the first combo box is asked for its name
    m_ui->setupUi(this);
    setWindowIcon(Icons::icon(QStringLiteral("optout-admin")));
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
    m_ui->actionRefresh->setIcon(Icons::icon(QStringLiteral("refresh")));
    m_ui->actionContextHelp->setIcon(Icons::icon(QStringLiteral("help")));

    m_picker = new UserPicker(m_ui->userCombo, users, this);
    connect(m_picker, &UserPicker::pickedUserChanged, this, &MainWindow::updateOptOutButton);
    connect(m_ui->optOutButton, &QPushButton::clicked, this, &MainWindow::optOutPicked);

    setupTable();
    setupBars();
    setupActions();

    m_progress->setObjectName(QStringLiteral("loadProgress"));
    m_progress->setRange(0, 100);
    m_progress->setMaximumWidth(180);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_statusLabel->setObjectName(QStringLiteral("syncStatusLabel"));
    // "n changes pending" is a link to the list of them.
    m_statusLabel->setTextFormat(Qt::RichText);
    m_statusLabel->setTextInteractionFlags(Qt::LinksAccessibleByMouse
                                           | Qt::LinksAccessibleByKeyboard);
    connect(m_statusLabel, &QLabel::linkActivated, this, &MainWindow::showPendingChanges);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    statusBar()->addWidget(m_statusLabel);
    statusBar()->addWidget(m_progress);
    statusBar()->addPermanentWidget(m_accountLabel);

    connect(sync, &SyncController::stateChanged, this, &MainWindow::onStateChanged);
    connect(sync, &SyncController::statusChanged, this, &MainWindow::updateStatus);
    connect(sync, &SyncController::loadProgressChanged, this, &MainWindow::updateStatus);
    connect(sync, &SyncController::meLoaded, this, [this]() {
        updateBreadcrumb();
        updatePage();
        updateStatus();
    });
    connect(sync, &SyncController::actionCompleted, this, &MainWindow::onActionCompleted);
    connect(sync, &SyncController::aboutToApplyRemoteChanges, this,
            &MainWindow::onAboutToApplyRemoteChanges);
    connect(sync, &SyncController::remoteChangesApplied, this, &MainWindow::onRemoteChangesApplied);
    connect(sync, &SyncController::pendingChanged, this, &MainWindow::updateStatus);
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(UndoWindowMs);
    connect(&m_undoTimer, &QTimer::timeout, this, &MainWindow::withdrawUndo);
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
    connect(sync, &SyncController::errorOccurred, this, &MainWindow::onSyncError);
    connect(sync, &SyncController::pendingFileUnreadable, this,
            &MainWindow::onPendingFileUnreadable);

    if (m_languages)
        setLocale(m_languages->locale());
    m_ui->userCombo->setFocus();
    retranslate();
    onStateChanged(sync->state());
}

MainWindow::~MainWindow() = default;

void MainWindow::setupTable()
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
    connect(m_header, &QWidget::customContextMenuRequested, this, &MainWindow::showHeaderMenu);
    m_ui->optOutTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_ui->optOutTable, &QWidget::customContextMenuRequested, this,
            &MainWindow::showRowMenu);

    connect(m_header, &CheckBoxHeader::checkAllRequested, this, &MainWindow::checkAll);
    connect(m_optOuts, &OptOutModel::checkedCountChanged, this, &MainWindow::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateCheckedState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCheckedState);
    // The proxy takes its rows out while the source's are about to go: "n of N" is counted
    // again once the source has removed (or inserted) them too.
    connect(m_optOuts, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCountLabel);
    connect(m_optOuts, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCountLabel);
    connect(m_optOuts, &QAbstractItemModel::modelReset, this, &MainWindow::updateCountLabel);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateCheckedState();
    });
    connect(m_ui->optInButton, &QPushButton::clicked, this, &MainWindow::optInChecked);
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
        connect(m_proxy, signal, this, &MainWindow::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::headerDataChanged, this, &MainWindow::fitColumns);
}

void MainWindow::applyColumnModes()
{
    // Interactive, none stretched: a Stretch e-mail column was squeezed to what the others left
    // (55 px in a narrow window) and saved so; a narrow window scrolls sideways instead.
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setSectionResizeMode(OptOutModel::CheckColumn, QHeaderView::Fixed);
    m_header->setStretchLastSection(false);
}

void MainWindow::fitColumns()
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

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    fitColumns(); // measured with the font and style the shown window has
}

void MainWindow::updateEmptyState()
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

void MainWindow::updateWindowTitle()
{
    const QString page = tr("Opt-out settings");
    const Me me = m_sync ? m_sync->me() : Me {};
    const bool signedIn = m_sync && !me.orgName.isEmpty()
        && m_sync->state() != SyncController::State::Idle
        && m_sync->state() != SyncController::State::SignedOut;
    // Window managers add " — Opt-out settings" (the application's display name).
    if (!signedIn) {
        setWindowTitle(page);
        return;
    }
    const QUrl server = m_sync->serverUrl();
    QString where = server.host();
    if (server.port() > 0)
        where += QLatin1Char(':') + QString::number(server.port());
    setWindowTitle(
        tr("%1 (%2)", "window title: the organisation (the server)").arg(me.orgName, where));
}

void MainWindow::setupBars()
{
    m_ui->errorIcon->setPixmap(Icons::icon(QStringLiteral("error")).pixmap(16, 16));
    m_ui->noteIcon->setPixmap(Icons::icon(QStringLiteral("info")).pixmap(16, 16));
    setBarColors(m_ui->errorBar, QColor(0xfd, 0xec, 0xea), QColor(0x6b, 0x12, 0x12));
    setBarColors(m_ui->noteBar, QColor(0xe8, 0xf0, 0xfb), QColor(0x12, 0x2f, 0x57));
    m_ui->errorBar->hide();
    m_ui->noteBar->hide();
    connect(m_ui->errorCloseButton, &QToolButton::clicked, this, &MainWindow::hideError);
    connect(m_ui->noteUndoButton, &QPushButton::clicked, this, &MainWindow::undoLastChange);
    m_ui->noteUndoButton->hide();
    connect(m_ui->noteCloseButton, &QToolButton::clicked, this, &MainWindow::hideNote);
    connect(m_ui->errorSignInButton, &QPushButton::clicked, this, &MainWindow::signOutRequested);
    connect(m_ui->errorRetryButton, &QPushButton::clicked, this, [this]() {
        hideError();
        if (m_sync)
            m_sync->refresh();
    });
}

void MainWindow::setupActions()
{
    m_ui->actionQuit->setShortcut(QKeySequence::Quit);
    m_ui->actionRefresh->setShortcut(QKeySequence::Refresh); // F5 on every platform we ship
    addAction(m_ui->actionRefresh);
    addAction(m_ui->actionContextHelp);
    connect(m_ui->actionQuit, &QAction::triggered, this, [this]() {
        // File > Quit is the administrator's own quit: told about pending changes first.
        m_askBeforeClosing = true;
        close();
        m_askBeforeClosing = false;
    });
    connect(m_ui->actionOptOutFromList, &QAction::triggered, this, &MainWindow::showImportDialog);
    connect(m_ui->actionSignOut, &QAction::triggered, this, &MainWindow::signOutRequested);
    connect(m_ui->actionChangeServer, &QAction::triggered, this, &MainWindow::signOutRequested);
    m_ui->actionUndo->setShortcut(QKeySequence::Undo);
    addAction(m_ui->actionUndo);
    // The fields claim Ctrl+Z for their own typing; with nothing of theirs to undo, it is ours.
    m_ui->userCombo->installEventFilter(this); // it hands the keys to its line edit
    m_ui->userCombo->lineEdit()->installEventFilter(this);
    m_ui->filterEdit->installEventFilter(this);
    connect(m_ui->actionUndo, &QAction::triggered, this, &MainWindow::undoLastChange);
    // The Opt-out button stays one click (with Undo); a reason, or deleting the stored data at
    // once, goes through the confirmation: from Edit, its shortcut, or the button's own menu.
    m_optOutWithReason = new QAction(this);
    m_optOutWithReason->setObjectName(QStringLiteral("actionOptOutWithReason"));
    m_optOutWithReason->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_optOutWithReason->setEnabled(false);
    m_ui->menuEdit->insertAction(m_ui->actionPendingChanges, m_optOutWithReason);
    addAction(m_optOutWithReason);
    connect(m_optOutWithReason, &QAction::triggered, this, &MainWindow::optOutPickedWithReason);
    m_ui->optOutButton->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_ui->optOutButton->addAction(m_optOutWithReason);
    connect(m_ui->actionPendingChanges, &QAction::triggered, this, &MainWindow::showPendingChanges);
    connect(m_ui->actionRefresh, &QAction::triggered, this, [this]() {
        if (m_sync)
            m_sync->refresh();
        if (m_tracker)
            m_tracker->recordRefresh();
    });
    connect(m_ui->actionContextHelp, &QAction::triggered, this, &MainWindow::showContextHelp);
    connect(m_ui->helpButton, &QToolButton::clicked, this, &MainWindow::showContextHelp);
    connect(m_ui->actionAbout, &QAction::triggered, this, &MainWindow::showAbout);

    m_languageGroup->setExclusive(true);
    const QStringList codes = LanguageManager::supportedLanguages();
    for (const QString &code : codes) {
        QAction *action = m_ui->menuLanguage->addAction(LanguageManager::nativeName(code));
        action->setObjectName(QStringLiteral("actionLanguage_") + code);
        action->setCheckable(true);
        action->setData(code);
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code]() {
            if (m_languages && m_languages->setLanguage(code)) {
                if (m_tracker)
                    m_tracker->recordLanguageChanged(code);
                Q_EMIT languageChosen(code);
            }
        });
    }
    m_ui->menuLanguage->setEnabled(m_languages != nullptr);
    updateLanguageMenu();
}

void MainWindow::restoreFrom(const AppSettings &settings)
{
    const QByteArray geometry = settings.windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = settings.windowState();
    if (!state.isEmpty())
        restoreState(state);
    m_restoredState = state;
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

void MainWindow::saveTo(AppSettings &settings) const
{
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    settings.setTableHeaderState(m_header->saveState(), OptOutModel::ColumnCount);
}

QWidget *MainWindow::currentPage() const
{
    return m_ui->pageStack->currentWidget();
}

QString MainWindow::noteText() const
{
    return m_ui->noteBar->isHidden() ? QString() : m_ui->noteText->text();
}

QString MainWindow::errorText() const
{
    return m_ui->errorBar->isHidden() ? QString() : m_ui->errorText->text();
}

void MainWindow::retranslate()
{
    const QString title = tr("Opt-out settings");
    // Window managers show "<window title> — <application display name>": both translated.
    QGuiApplication::setApplicationDisplayName(title);
    updateWindowTitle();
    if (m_summaryDock)
        m_summaryDock->setWindowTitle(tr("Usage summary"));
    if (m_historyAction)
        m_historyAction->setText(tr("&History"));
    if (m_optOutWithReason) {
        m_optOutWithReason->setText(tr("Opt out with a &reason…"));
        m_optOutWithReason->setToolTip(tr("Opt out the chosen user with a reason, or delete "
                                          "their stored usage data at once"));
    }
    m_ui->optOutButton->setToolTip(
        tr("Opt out the chosen user. Right-click, or press %1, to add a reason.")
            .arg(
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O).toString(QKeySequence::NativeText)));
    retranslateOverview();
    if (m_rulesAction)
        m_rulesAction->setToolTip(tr("The group and domain rules that opt users out"));
    if (m_exportMenu) {
        m_exportMenu->setTitle(tr("&Export"));
        m_exportOptOutsAction->setText(tr("&Opt-out list as CSV…"));
        m_exportHistoryAction->setText(tr("&History as CSV…"));
    }
    updateBreadcrumb();
    updateCountLabel();
    updateCheckedState();
    updateStatus();
    updateLanguageMenu();
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
    if (m_errorMessage)
        m_ui->errorText->setText(m_errorMessage());
    updateEmptyState();
    fitColumns();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // First the application's display name, which window titles end with: retranslateUi
        // sets the title, and an unchanged title is not composed again.
        QGuiApplication::setApplicationDisplayName(tr("Opt-out settings"));
        m_ui->retranslateUi(this);
        if (m_languages)
            setLocale(m_languages->locale());
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::updateBreadcrumb()
{
    const QString product = m_sync ? m_sync->me().productName : QString();
    QStringList parts;
    if (!product.isEmpty())
        parts << product;
    parts << tr("Tools") << tr("Product usage") << tr("Opt-out settings");
    m_ui->breadcrumbLabel->setText(parts.join(QStringLiteral(" > ")));
    m_ui->breadcrumbLabel->setAccessibleName(
        tr("You are here: %1").arg(parts.join(QStringLiteral(", "))));
    const bool signedIn = m_sync && !m_sync->me().name.isEmpty()
        && m_sync->state() != SyncController::State::Idle
        && m_sync->state() != SyncController::State::SignedOut;
    if (signedIn)
        m_accountLabel->setText(tr("Signed in as %1").arg(m_sync->me().name));
    else
        m_accountLabel->clear();
    updateWindowTitle();
}

void MainWindow::updateOptOutButton()
{
    const bool picked = !m_picker->pickedUserId().isEmpty();
    m_ui->optOutButton->setEnabled(picked);
    if (m_optOutWithReason)
        m_optOutWithReason->setEnabled(picked);
}

void MainWindow::updateCountLabel()
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

void MainWindow::updateCheckedState()
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

void MainWindow::checkAll(bool checked)
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

QList<int> MainWindow::shownSourceRows() const
{
    QList<int> rows;
    const int count = m_proxy->rowCount();
    rows.reserve(count);
    for (int row = 0; row < count; ++row)
        rows.append(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return rows;
}

void MainWindow::toggleCurrentRows()
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

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
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
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::optOutPicked()
{
    applyOptOut(m_picker->pickedUserId(), {});
}

void MainWindow::optOutPickedWithReason()
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

void MainWindow::applyOptOut(const QString &userId, const OptOutOptions &options)
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

void MainWindow::optInChecked()
{
    if (!m_optOuts || !m_sync || !m_users)
        return;
    requestOptIn(m_optOuts->checkedUserIds());
}

void MainWindow::requestOptIn(const QStringList &checked)
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
    // A rule covers some: the service would refuse; say why instead (mainwindowrules.cpp).
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

void MainWindow::applyOptIn(const QStringList &ids)
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

void MainWindow::showQueueOutcome(PendingAction::Type type, const QueueOutcome &outcome)
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

QString MainWindow::userLabel(const QString &userId) const
{
    const User *user = m_users ? m_users->userById(userId) : nullptr;
    return user ? ConfirmChangeDialog::userLabel(*user) : userId;
}

bool MainWindow::undoAvailable() const
{
    return !m_undo.userIds.isEmpty() || m_undo.rule;
}

void MainWindow::offerUndo(PendingAction::Type type, const QStringList &userIds, qint64 actionId,
                           bool deleteStoredEvents)
{
    m_undo = UndoRecord {type, userIds, actionId, deleteStoredEvents, {}};
    m_ui->actionUndo->setEnabled(true);
    m_undoTimer.start();
}

void MainWindow::withdrawUndo()
{
    m_undo = UndoRecord {};
    m_undoTimer.stop();
    m_ui->actionUndo->setEnabled(false);
    m_ui->noteUndoButton->hide();
}

void MainWindow::undoLastChange()
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

void MainWindow::applyUndo(const UndoRecord &undo)
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

PendingChangesDialog *MainWindow::pendingChangesDialog() const
{
    return m_pendingDialog;
}

void MainWindow::showPendingChanges()
{
    if (!m_sync)
        return;
    if (!m_pendingDialog) {
        // Kept once made (closing hides it): it follows the queue while open.
        m_pendingDialog = new PendingChangesDialog(m_sync, m_users, this);
    }
    m_pendingDialog->show();
    m_pendingDialog->raise();
    m_pendingDialog->activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int pending = m_sync ? m_sync->pendingCount() : 0;
    // Asked by the administrator (File > Quit, the window's close button), not by the program
    // (a SIGTERM at logout quits at once: the changes are saved either way).
    const bool asked = m_askBeforeClosing || event->spontaneous();
    if (pending == 0 || m_quitWithPending || !asked) {
        QMainWindow::closeEvent(event);
        return;
    }
    // Say what becomes of them before quitting; never lose them.
    event->ignore();
    auto *box = new QMessageBox(QMessageBox::Information, tr("Quit"),
                                tr("%n change(s) not yet confirmed by the service. They are "
                                   "kept and sent at the next start.",
                                   nullptr, pending),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("quitPendingBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *quit = box->addButton(tr("&Quit"), QMessageBox::AcceptRole);
    quit->setObjectName(QStringLiteral("quitButton"));
    box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setDefaultButton(quit);
    connect(box, &QMessageBox::accepted, this, [this]() {
        m_quitWithPending = true;
        close();
    });
    box->open();
}

void MainWindow::showNote(std::function<QString()> message, bool offerUndo)
{
    m_noteMessage = std::move(message);
    m_ui->noteText->setText(m_noteMessage());
    m_ui->noteUndoButton->setVisible(offerUndo && undoAvailable());
    m_ui->noteBar->show();
    m_noteTimer.start();
}

void MainWindow::clearSession()
{
    hideNote();
    hideError();
    m_accountLabel->clear();
    setWindowTitle(tr("Opt-out settings"));
    if (m_importDialog)
        m_importDialog->reject(); // its preview spoke of that session's organisation
    if (m_historyDock)
        m_historyDock->hide();
    if (m_history)
        m_history->clear();
}

void MainWindow::setHistory(HistoryModel *history)
{
    m_history = history;
    m_historyDock = new HistoryDock(history, m_users, this);
    m_historyDock->setEnabled(false); // until signed in: restoring it open must not load it
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
    if (m_summaryDock)
        tabifyDockWidget(m_summaryDock, m_historyDock);
    m_historyDock->hide();
    m_historyAction = m_historyDock->toggleViewAction();
    m_historyAction->setObjectName(QStringLiteral("actionHistory"));
    m_historyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_historyAction->setShortcutContext(Qt::WindowShortcut);
    m_ui->menuView->addAction(m_historyAction);
    connect(m_historyAction, &QAction::triggered, m_historyDock, [this](bool shown) {
        if (shown)
            m_historyDock->raise();
    });
    // Open again if it was open at quit; it loads once signed in (enabled with the page).
    m_historyDock->hide();
    if (!m_restoredState.isEmpty())
        restoreState(m_restoredState);
    m_historyDock->setEnabled(m_ui->pageStack->currentWidget() == m_ui->optOutPage);
    // What was done since, on top of the history while it is open.
    connect(m_sync, &SyncController::synced, m_historyDock, &HistoryDock::refreshNewest);
    connect(m_historyDock, &HistoryDock::exportRequested, this, [this](const AuditFilter &filter) {
        if (m_export)
            m_export->exportHistory(filter);
    });
    updateExportActions();
    retranslate();
}

QStringList MainWindow::rowActionTargets(const QModelIndex &clicked) const
{
    if (!clicked.isValid() || !m_optOuts)
        return {};
    if (clicked.siblingAtColumn(OptOutModel::CheckColumn).data(Qt::CheckStateRole).toInt()
        == Qt::Checked)
        return m_optOuts->checkedUserIds();
    return {clicked.data(OptOutModel::UserIdRole).toString()};
}

void MainWindow::showRowMenu(const QPoint &pos)
{
    const QModelIndex index = m_ui->optOutTable->indexAt(pos);
    if (!index.isValid())
        return;
    const QString userId = index.data(OptOutModel::UserIdRole).toString();
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setObjectName(QStringLiteral("optOutRowMenu"));
    if (m_historyDock) {
        QAction *show = menu->addAction(tr("Show &history"));
        show->setObjectName(QStringLiteral("actionShowHistory"));
        connect(show, &QAction::triggered, this, [this, userId] { showHistoryOf(userId); });
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

QMenu *MainWindow::columnsMenu()
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

void MainWindow::showHeaderMenu(const QPoint &pos)
{
    columnsMenu()->popup(m_header->mapToGlobal(pos));
}

void MainWindow::confirmDeleteStoredData(const QStringList &userIds)
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
                ? MainWindow::tr("The stored usage data of %1 will be deleted as soon as the "
                                 "service confirms.")
                      .arg(who)
                : MainWindow::tr("The stored usage data of %Ln user(s) will be deleted as soon "
                                 "as the service confirms.",
                                 nullptr, count);
        });
    });
    box->open();
}

void MainWindow::showHistoryOf(const QString &userId)
{
    if (m_historyDock)
        m_historyDock->showUser(userId);
}

void MainWindow::setExporter(CsvExporter *exporter)
{
    m_export = new ExportController(exporter, this);
    m_exportMenu = new QMenu(m_ui->menuFile); // a child of the menu bar, as its other menus
    m_exportMenu->setObjectName(QStringLiteral("menuExport"));
    m_exportOptOutsAction = m_exportMenu->addAction(QString());
    m_exportOptOutsAction->setObjectName(QStringLiteral("actionExportOptOuts"));
    m_exportHistoryAction = m_exportMenu->addAction(QString());
    m_exportHistoryAction->setObjectName(QStringLiteral("actionExportHistory"));
    // Above Quit, after the session's items.
    const QList<QAction *> fileActions = m_ui->menuFile->actions();
    QAction *before = m_ui->actionQuit;
    for (QAction *action : fileActions) {
        if (action->isSeparator()) {
            before = action;
            break;
        }
    }
    m_ui->menuFile->insertSeparator(before);
    m_ui->menuFile->insertMenu(before, m_exportMenu);
    connect(m_exportOptOutsAction, &QAction::triggered, this, &MainWindow::exportOptOuts);
    connect(m_exportHistoryAction, &QAction::triggered, this, &MainWindow::exportHistory);
    connect(m_export, &ExportController::runningChanged, this, &MainWindow::updateExportActions);
    retranslate();
    updateExportActions();
}

void MainWindow::exportOptOuts()
{
    if (m_export && m_sync)
        m_export->exportOptOuts(m_sync->confirmedOptOuts());
}

void MainWindow::exportHistory()
{
    if (!m_export)
        return;
    AuditFilter filter;
    QString error;
    if (m_historyDock && !m_historyDock->currentFilter(&filter, &error)) {
        showError(error);
        return;
    }
    m_export->exportHistory(filter);
}

void MainWindow::updateExportActions()
{
    const bool admin = m_ui->pageStack->currentWidget() == m_ui->optOutPage;
    const bool idle = !m_export || !m_export->isRunning();
    if (m_exportMenu) {
        m_exportOptOutsAction->setEnabled(admin && idle);
        m_exportHistoryAction->setEnabled(admin && idle);
    }
    if (m_historyDock)
        m_historyDock->exportButton()->setEnabled(admin && idle && m_export);
}

void MainWindow::hideNote()
{
    m_noteMessage = nullptr;
    m_noteTimer.stop();
    m_ui->noteBar->hide();
    m_ui->noteUndoButton->hide();
}

void MainWindow::showError(const QString &message)
{
    showErrorMessage([message]() -> QString { return message; }, false);
}

void MainWindow::showErrorMessage(std::function<QString()> message, bool fromSync)
{
    m_errorMessage = std::move(message);
    m_errorFromSync = fromSync;
    m_ui->errorText->setText(m_errorMessage());
    m_ui->errorRetryButton->setVisible(fromSync);
    // Not signed in yet (a wrong address, a service that is down): offer another sign-in.
    m_ui->errorSignInButton->setVisible(fromSync
                                        && m_ui->pageStack->currentWidget() == m_ui->signingInPage);
    m_ui->errorBar->show();
}

void MainWindow::hideError()
{
    m_errorMessage = nullptr;
    m_errorFromSync = false;
    m_ui->errorBar->hide();
}

namespace {
// The error's message in the current UI language: API codes are mapped again, the rest keep
// the text they were made with.
QString currentMessage(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Http)
        return ApiError::messageForCode(error.code, error.httpStatus, error.message);
    return error.message;
}
} // namespace

void MainWindow::onActionCompleted(const ActionReport &report)
{
    // The usage summary, when shown, follows a deletion at once.
    if (report.deleteStoredEvents && !report.applied.isEmpty() && m_summary && m_summaryDock
        && m_summaryDock->isVisible())
        m_summary->refresh();
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
    showErrorMessage(
        [who, total, applied, refused, optOut, error, others]() -> QString {
            return ActionMessages::refused(who, total, applied, refused, optOut) + others()
                + QLatin1Char(' ') + currentMessage(error);
        },
        false);
}

void MainWindow::onDeletionCompleted(const ActionReport &report)
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
    showErrorMessage(
        [applied, refused, error]() -> QString {
            return ActionMessages::deletionRefused(applied, refused) + QLatin1Char(' ')
                + currentMessage(error);
        },
        false);
}

void MainWindow::onAboutToApplyRemoteChanges()
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

void MainWindow::onRemoteChangesApplied(const QStringList &optedOutAll,
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
    // window's doing: not said here (mainwindowrules.cpp).
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

bool MainWindow::allOptedOutByMe(const QStringList &userIds) const
{
    const QString me = m_sync ? m_sync->me().id : QString();
    if (me.isEmpty() || !m_optOuts)
        return false;
    return std::all_of(userIds.cbegin(), userIds.cend(), [this, &me](const QString &id) {
        const int row = m_optOuts->rowOfKey(id);
        return row >= 0 && m_optOuts->entryAt(row).optedOutBy.id == me;
    });
}

QStringList MainWindow::inTableOrder(const QStringList &userIds) const
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

void MainWindow::onSyncError(const ApiError &error)
{
    if (m_sync && m_sync->state() == SyncController::State::Unreachable) {
        // Nothing answered the first sign-in: most likely a wrong address, so name it.
        const QString address = m_sync->serverUrl().toDisplayString();
        showErrorMessage(
            [address]() -> QString {
                return MainWindow::tr("Could not sign in: nothing answered at %1. Check the "
                                      "service address, or try again later.")
                    .arg(address);
            },
            true);
        return;
    }
    showErrorMessage([error]() -> QString { return currentMessage(error); }, true);
}

void MainWindow::onPendingFileUnreadable(const QString &keptAt)
{
    showErrorMessage(
        [keptAt]() -> QString {
            return MainWindow::tr("Changes saved from the last session could not be read. They "
                                  "were kept in %1.")
                .arg(keptAt);
        },
        true);
}

void MainWindow::onStateChanged(SyncController::State state)
{
    if (state == SyncController::State::Synced && m_errorFromSync)
        hideError();
    updatePage();
    updateStatus();
    updateBreadcrumb(); // the account shown follows signing in and out
    updateCountLabel();
    updateEmptyState();
}

void MainWindow::updatePage()
{
    if (!m_sync)
        return;
    const auto state = m_sync->state();
    QWidget *page = m_ui->signingInPage;
    if (state == SyncController::State::NotProductAdmin)
        page = m_ui->notAdminPage;
    else if (state != SyncController::State::Idle && state != SyncController::State::SigningIn
             && state != SyncController::State::SignedOut && m_sync->isProductAdmin())
        page = m_ui->optOutPage;
    if (m_ui->pageStack->currentWidget() != page) {
        m_ui->pageStack->setCurrentWidget(page);
        if (page == m_ui->optOutPage) {
            m_ui->userCombo->setFocus();
            if (m_tracker)
                m_tracker->recordPageViewed(QStringLiteral("optout_settings"));
        }
    }
    updateSigningInLabel();
    const bool admin = page == m_ui->optOutPage;
    updateExportActions();
    if (m_summaryDock) {
        // Only administrators see the summary; while signing in it keeps its place.
        m_summaryDock->toggleViewAction()->setEnabled(admin);
        if (state == SyncController::State::NotProductAdmin)
            m_summaryDock->hide();
    }
    if (m_historyDock)
        m_historyDock->setEnabled(admin);
    if (m_historyAction) {
        m_historyAction->setEnabled(admin);
        if (state == SyncController::State::NotProductAdmin)
            m_historyDock->hide();
    }
    m_ui->actionRefresh->setEnabled(state != SyncController::State::Idle);
    m_ui->actionContextHelp->setEnabled(admin);
    updateImportAction();
    if (!admin && m_importDialog)
        m_importDialog->reject(); // signed out, or no longer an administrator
}

void MainWindow::updateImportAction()
{
    // Only over loaded lists: the preview compares with them.
    const auto state = m_sync ? m_sync->state() : SyncController::State::Idle;
    const bool loaded = state == SyncController::State::Synced
        || (state == SyncController::State::Offline && m_users && m_users->rowCount() > 0);
    m_ui->actionOptOutFromList->setEnabled(m_ui->pageStack->currentWidget() == m_ui->optOutPage
                                           && loaded);
}

ImportDialog *MainWindow::importDialog() const
{
    return m_importDialog;
}

void MainWindow::showImportDialog()
{
    if (!m_ui->actionOptOutFromList->isEnabled())
        return;
    if (!m_importDialog) {
        m_importDialog = new ImportDialog(m_users, this);
        m_importDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_importDialog, &ImportDialog::optOutRequested, this, &MainWindow::optOutFromList);
    }
    m_importDialog->show();
    m_importDialog->raise();
    m_importDialog->activateWindow();
}

void MainWindow::optOutFromList(const QStringList &ids, const QString &reason)
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
            return MainWindow::tr("%Ln user(s) will be opted out as soon as the service confirms.",
                                  nullptr, count);
        },
        true);
}

void MainWindow::updateSigningInLabel()
{
    // Only while the service is asked: offline (a certificate refused, nothing answering),
    // the page says so as the status bar does, with its countdown.
    const auto state = m_sync->state();
    const bool asking
        = state == SyncController::State::Idle || state == SyncController::State::SigningIn;
    const QString text = asking ? tr("Signing in…") : SyncStatusText::state(*m_sync);
    m_ui->signingInLabel->setText(text.isEmpty() ? tr("Signing in…") : text);
}

void MainWindow::updateStatus()
{
    if (!m_sync)
        return;
    updateSigningInLabel();
    const auto state = m_sync->state();
    if (state == SyncController::State::Idle) {
        m_statusLabel->clear();
    } else {
        const QString text = SyncStatusText::state(*m_sync).toHtmlEscaped();
        const QString pending = SyncStatusText::pending(m_sync->pendingCount());
        const QString link = pending.isEmpty()
            ? QString()
            : QStringLiteral("<a href=\"pending\">%1</a>").arg(pending.toHtmlEscaped());
        m_statusLabel->setText(link.isEmpty() ? text
                                   : text.isEmpty()
                                   ? link
                                   : SyncStatusText::tr("%1 · %2").arg(text, link));
        m_statusLabel->setToolTip(pending.isEmpty() ? QString()
                                                    : tr("Show the changes not yet confirmed"));
    }
    const bool loading = state == SyncController::State::LoadingUsers;
    m_progress->setVisible(loading);
    if (loading)
        m_progress->setValue(m_sync->loadProgress());
}

void MainWindow::updateLanguageMenu()
{
    const QString current = m_languages ? m_languages->language() : QString();
    const auto actions = m_languageGroup->actions();
    for (QAction *action : actions)
        action->setChecked(action->data().toString() == current);
}

void MainWindow::showContextHelp()
{
    if (m_ui->pageStack->currentWidget() != m_ui->optOutPage)
        return;
    m_help->showBelow(m_ui->helpButton);
}

void MainWindow::showAbout()
{
    MessagePresenter::about(
        this, tr("About Opt-out settings"),
        tr("<h3>Opt-out settings %1</h3>"
           "<p>Exclude users of your organization from product usage tracking, or include "
           "them again.</p>"
           "<p>Opted-out users contribute no usage data: the service discards their client-side "
           "events and records no server-side ones.</p>")
            .arg(QStringLiteral(OPTOUT_VERSION)));
}

void MainWindow::setUsageTracking(UsageTracker *tracker, UsageSummaryModel *summary)
{
    m_tracker = tracker;
    m_summary = summary;

    m_usageDock = new UsageDebuggerDock(tracker, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_usageDock);
    m_usageDock->hide();

    m_summaryDock = new QDockWidget(this);
    m_summaryDock->setObjectName(QStringLiteral("usageSummaryDock"));
    m_summaryDock->setWidget(new UsageSummaryWidget(summary, m_summaryDock));
    addDockWidget(Qt::BottomDockWidgetArea, m_summaryDock);
    tabifyDockWidget(m_usageDock, m_summaryDock);
    m_summaryDock->hide();
    // Shown, they take a third of the window, not half.
    resizeDocks({m_usageDock, m_summaryDock}, {height() / 3, height() / 3}, Qt::Vertical);

    m_ui->menuView->addSeparator();
    m_ui->menuView->addAction(m_usageDock->toggleViewAction());
    m_ui->menuView->addAction(m_summaryDock->toggleViewAction());
    // The two docks share one place as tabs: the one opened from the menu comes to the front.
    for (QDockWidget *dock : {static_cast<QDockWidget *>(m_usageDock), m_summaryDock}) {
        connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool shown) {
            if (shown)
                dock->raise();
        });
    }
    // The saved layout was read before these docks existed: apply it again for them.
    if (!m_restoredState.isEmpty())
        restoreState(m_restoredState);

    // The summary is fetched while someone looks at it: when shown and after each sync.
    connect(m_summaryDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_summary)
            m_summary->refresh();
    });
    connect(m_sync, &SyncController::synced, this, [this]() {
        if (m_summary && m_summaryDock->isVisible())
            m_summary->refresh();
    });
    // One "search used" per pick: the first key typed after the last opt-out.
    connect(m_ui->userCombo->lineEdit(), &QLineEdit::textEdited, this, [this]() {
        if (!m_searchRecorded && m_tracker) {
            m_searchRecorded = true;
            m_tracker->recordSearchUsed();
        }
    });
    retranslate();
    updatePage();
}
