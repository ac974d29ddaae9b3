// The "Opt-out settings" window around its page: menus, docks, the error bar and the sync status.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "accessiblecombobox.h"
#include "actionmessages.h"
#include "appsettings.h"
#include "exportcontroller.h"
#include "historydock.h"
#include "historymodel.h"
#include "icons.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutpage.h"
#include "pendingchangesdialog.h"
#include "syncstatustext.h"
#include "usagedebuggerdock.h"
#include "usagesummarymodel.h"
#include "usagesummarywidget.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

namespace {

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
    , m_languages(languages)
    , m_languageGroup(new QActionGroup(this))
    , m_statusLabel(new QLabel(this))
    , m_accountLabel(new QLabel(this))
    , m_progress(new QProgressBar(this))
{
    AccessibleComboBox::install(); // before the first combo box is asked for its name
    m_ui->setupUi(this);
    setWindowIcon(Icons::icon(QStringLiteral("optout-admin")));
    m_ui->actionRefresh->setIcon(Icons::icon(QStringLiteral("refresh")));
    m_ui->actionContextHelp->setIcon(Icons::icon(QStringLiteral("help")));

    setupPage(sync, users, optOuts);
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
        updateAccount();
        updatePage();
        updateStatus();
    });
    connect(sync, &SyncController::actionCompleted, this, [this](const ActionReport &report) {
        // The usage summary, when shown, follows a deletion at once.
        if (report.deleteStoredEvents && !report.applied.isEmpty() && m_summary && m_summaryDock
            && m_summaryDock->isVisible())
            m_summary->refresh();
    });
    connect(sync, &SyncController::pendingChanged, this, &MainWindow::updateStatus);
    connect(sync, &SyncController::errorOccurred, this, &MainWindow::onSyncError);
    connect(sync, &SyncController::pendingFileUnreadable, this,
            &MainWindow::onPendingFileUnreadable);

    if (m_languages)
        setLocale(m_languages->locale());
    m_page->focusPicker();
    retranslate();
    onStateChanged(sync->state());
}

MainWindow::~MainWindow() = default;

void MainWindow::setupPage(SyncController *sync, UserModel *users, OptOutModel *optOuts)
{
    // Second in the stack, between "Signing in…" and the non-administrator's page.
    m_page = new OptOutPage(sync, users, optOuts, m_ui->pageStack);
    m_ui->pageStack->insertWidget(m_ui->pageStack->indexOf(m_ui->notAdminPage), m_page);
    // Tab order: the page, then the error bar (above it), then the note's Close and Undo.
    const QList<QWidget *> order {m_page->findChild<QWidget *>(QStringLiteral("optInButton")),
                                  m_ui->errorRetryButton,
                                  m_ui->errorSignInButton,
                                  m_ui->errorCloseButton,
                                  m_page->findChild<QWidget *>(QStringLiteral("noteCloseButton")),
                                  m_page->findChild<QWidget *>(QStringLiteral("noteUndoButton"))};
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
    connect(m_page, &OptOutPage::undoAvailableChanged, m_ui->actionUndo, &QAction::setEnabled);
    connect(m_page, &OptOutPage::actionFailed, this, [this](std::function<QString()> message) {
        showErrorMessage(std::move(message), false);
    });
    connect(m_page, &OptOutPage::historyRequested, this, &MainWindow::showHistoryOf);
    connect(m_page, &OptOutPage::ruleRequested, this, &MainWindow::showRule);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_page->fitColumns(); // measured with the font and style the shown window has
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
    setBarColors(m_ui->errorBar, QColor(0xfd, 0xec, 0xea), QColor(0x6b, 0x12, 0x12));
    m_ui->errorBar->hide();
    connect(m_ui->errorCloseButton, &QToolButton::clicked, this, &MainWindow::hideError);
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
    connect(m_ui->actionUndo, &QAction::triggered, this, &MainWindow::undoLastChange);
    // The page's Opt out with a reason…, in Edit and with its shortcut.
    m_ui->menuEdit->insertAction(m_ui->actionPendingChanges, m_page->optOutWithReasonAction());
    addAction(m_page->optOutWithReasonAction());
    connect(m_ui->actionPendingChanges, &QAction::triggered, this, &MainWindow::showPendingChanges);
    connect(m_ui->actionRefresh, &QAction::triggered, this, [this]() {
        if (m_sync)
            m_sync->refresh();
        if (m_tracker)
            m_tracker->recordRefresh();
    });
    connect(m_ui->actionContextHelp, &QAction::triggered, this, &MainWindow::showContextHelp);
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
    m_page->restoreFrom(settings);
}

void MainWindow::saveTo(AppSettings &settings) const
{
    settings.setWindowGeometry(saveGeometry());
    settings.setWindowState(saveState());
    m_page->saveTo(settings);
}

QWidget *MainWindow::currentPage() const
{
    return m_ui->pageStack->currentWidget();
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
    retranslateOverview();
    if (m_rulesAction)
        m_rulesAction->setToolTip(tr("The group and domain rules that opt users out"));
    if (m_exportMenu) {
        m_exportMenu->setTitle(tr("&Export"));
        m_exportOptOutsAction->setText(tr("&Opt-out list as CSV…"));
        m_exportHistoryAction->setText(tr("&History as CSV…"));
    }
    updateAccount();
    updateStatus();
    updateLanguageMenu();
    if (m_errorMessage)
        m_ui->errorText->setText(m_errorMessage());
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

void MainWindow::updateAccount()
{
    const bool signedIn = m_sync && !m_sync->me().name.isEmpty()
        && m_sync->state() != SyncController::State::Idle
        && m_sync->state() != SyncController::State::SignedOut;
    if (signedIn)
        m_accountLabel->setText(tr("Signed in as %1").arg(m_sync->me().name));
    else
        m_accountLabel->clear();
    updateWindowTitle();
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

void MainWindow::clearSession()
{
    m_page->clearSession();
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
    m_page->setHistoryOffered(true);
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
    m_historyDock->setEnabled(m_ui->pageStack->currentWidget() == m_page);
    // What was done since, on top of the history while it is open.
    connect(m_sync, &SyncController::synced, m_historyDock, &HistoryDock::refreshNewest);
    connect(m_historyDock, &HistoryDock::exportRequested, this, [this](const AuditFilter &filter) {
        if (m_export)
            m_export->exportHistory(filter);
    });
    updateExportActions();
    retranslate();
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
    const bool admin = m_ui->pageStack->currentWidget() == m_page;
    const bool idle = !m_export || !m_export->isRunning();
    if (m_exportMenu) {
        m_exportOptOutsAction->setEnabled(admin && idle);
        m_exportHistoryAction->setEnabled(admin && idle);
    }
    if (m_historyDock)
        m_historyDock->exportButton()->setEnabled(admin && idle && m_export);
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
    showErrorMessage([error]() -> QString { return ActionMessages::errorText(error); }, true);
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
    updateAccount(); // the account shown follows signing in and out
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
        page = m_page;
    if (m_ui->pageStack->currentWidget() != page) {
        m_ui->pageStack->setCurrentWidget(page);
        if (page == m_page) {
            m_page->focusPicker();
            if (m_tracker)
                m_tracker->recordPageViewed(QStringLiteral("optout_settings"));
        }
    }
    updateSigningInLabel();
    const bool admin = page == m_page;
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
    m_ui->actionOptOutFromList->setEnabled(m_ui->pageStack->currentWidget() == m_page && loaded);
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
        connect(m_importDialog, &ImportDialog::optOutRequested, m_page,
                &OptOutPage::optOutFromList);
    }
    m_importDialog->show();
    m_importDialog->raise();
    m_importDialog->activateWindow();
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
    if (m_ui->pageStack->currentWidget() != m_page)
        return;
    m_page->showContextHelp();
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
    m_page->setUsageTracker(tracker);
    retranslate();
    updatePage();
}
