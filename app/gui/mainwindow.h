// The "Opt-out settings" window around its page: menus, docks, the message bar for errors and
// the sync status.
#pragma once

#include "apitypes.h"
#include "optoutpage.h"
#include "synccontroller.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

namespace Ui {
class MainWindow;
}

class QActionGroup;
class QLabel;
class QProgressBar;
class AppSettings;
class LanguageManager;
class PendingChangesDialog;
class QDockWidget;
class UsageDebuggerDock;
class HistoryDock;
class HistoryModel;
class ImportDialog;
class CsvExporter;
class ExportController;
class QMenu;
class UsageSummaryModel;
class UsageTracker;
class EnforcementModel;
class OverviewDock;
class ReportController;
class ReportWriter;
class ApiClient;
class GroupSearch;
class RulesController;
class RulesDock;
class RulesModel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // The page's (see there).
    static constexpr int UndoWindowMs = OptOutPage::UndoWindowMs;
    static constexpr int NoteTimeoutMs = OptOutPage::NoteTimeoutMs;

    // Everything is passed in and must outlive the window; `languages` may be null (no
    // language menu then).
    MainWindow(SyncController *sync, UserModel *users, OptOutModel *optOuts,
               LanguageManager *languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    void restoreFrom(const AppSettings &settings);
    void saveTo(AppSettings &settings) const;

    // The page shown: the opt-out page, the non-admin explanation, or "Signing in…".
    QWidget *currentPage() const;
    // The opt-out page, and what of it tests and the window's menus reach.
    OptOutPage *optOutPage() const { return m_page; }
    // The note shown after an opt-out; empty when hidden.
    QString noteText() const { return m_page->noteText(); }
    // The error shown in the message bar; empty when hidden.
    QString errorText() const;
    ContextHelpPopup *contextHelp() const { return m_page->contextHelp(); }
    CheckBoxHeader *tableHeader() const { return m_page->tableHeader(); }
    OptOutProxyModel *tableProxy() const { return m_page->tableProxy(); }
    UserPicker *userPicker() const { return m_page->userPicker(); }

    // Undo is offered (the message bar's button and Edit > Undo, Ctrl+Z).
    bool undoAvailable() const { return m_page->undoAvailable(); }
    // Takes the last single change back: cancelled if not sent yet, reversed if confirmed.
    void undoLastChange() { m_page->undoLastChange(); }
    // The list of pending changes (Edit > Pending changes…, or the status bar's count).
    void showPendingChanges();
    PendingChangesDialog *pendingChangesDialog() const;

    // Shows an error in the message bar (translated by the caller).
    void showError(const QString &message);
    // At sign-out: hides the note and error bars and the account, which spoke of that session.
    void clearSession();
    // The app's own usage tracking: records what the administrator does, adds View > Usage
    // tracking debugger and, for administrators, View > Usage summary. Both must outlive the
    // window.
    void setUsageTracking(UsageTracker *tracker, UsageSummaryModel *summary);
    UsageDebuggerDock *usageDebuggerDock() const { return m_usageDock; }
    QDockWidget *usageSummaryDock() const { return m_summaryDock; }
    // The organisation's history: View > History (Ctrl+H) and "Show history" on a row's
    // context menu. The model must outlive the window.
    void setHistory(HistoryModel *history);
    HistoryDock *historyDock() const { return m_historyDock; }
    QAction *historyAction() const { return m_historyAction; }
    // Opens the history filtered on one user.
    void showHistoryOf(const QString &userId);
    // Edit > Opt out with a reason… (Ctrl+Shift+O, and the Opt-out button's context menu): the
    // picked user, through the confirmation with a reason and "Delete stored data now".
    QAction *optOutWithReasonAction() const { return m_page->optOutWithReasonAction(); }
    void optOutPickedWithReason() { m_page->optOutPickedWithReason(); }
    // Asks, then deletes now the stored usage data of these users (already opted out).
    void confirmDeleteStoredData(const QStringList &userIds)
    {
        m_page->confirmDeleteStoredData(userIds);
    }
    // The table header's menu: a checkable entry per optional column.
    QMenu *columnsMenu() { return m_page->columnsMenu(); }
    // File > Opt out users from a list…: the dialog, while open (null otherwise).
    void showImportDialog();
    ImportDialog *importDialog() const;
    // File > Export (the opt-out list, the history with the History dock's filters) and the
    // dock's Export…, written by `exporter`, which must outlive the window.
    void setExporter(CsvExporter *exporter);
    ExportController *exportController() const { return m_export; }
    // File > Export > Opt-out list as CSV…, and History as CSV….
    void exportOptOuts();
    void exportHistory();

    // View > Overview: the enforcement statistics as charts, refreshed with the lists. The
    // model must outlive the window.
    void setOverview(EnforcementModel *model);
    OverviewDock *overviewDock() const { return m_overviewDock; }
    QAction *overviewAction() const { return m_overviewAction; }
    // File > Report…: the PDF for the privacy officer, written by `reports`, which must
    // outlive the window.
    void setReporter(ReportWriter *reports);
    ReportController *reportController() const { return m_report; }
    QAction *reportAction() const { return m_reportAction; }

    // Groups and e-mail domains (mainwindowrules.cpp): the picker offers them (a rule through
    // its confirmation), View > Rules lists the rules and removes them, the table's Via column
    // says what opts each user out. Both must outlive the window.
    void setRules(RulesModel *rules, ApiClient *api);
    RulesDock *rulesDock() const { return m_rulesDock; }
    QAction *rulesAction() const { return m_rulesAction; }
    RulesController *rulesController() const { return m_rulesController; }
    GroupSearch *groupSearch() const { return m_groupSearch; }
    // Opens View > Rules on this rule.
    void showRule(const QString &ruleId);

Q_SIGNALS:
    void signOutRequested();
    // The user picked a language in View > Language (already applied).
    void languageChosen(const QString &code);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void setupPage(SyncController *sync, UserModel *users, OptOutModel *optOuts);
    void setupActions();
    void setupBars();
    void retranslate();
    // The account in the status bar, and the window's title.
    void updateAccount();
    void updateStatus();
    // The signing-in page's text: "Signing in…" while the service is asked, else the state.
    void updateSigningInLabel();
    void updatePage();
    void updateLanguageMenu();
    void updateExportActions();
    // The window's title: the organisation and the server it is on, once signed in.
    void updateWindowTitle();

    void showContextHelp();
    void showAbout();
    void updateImportAction();
    void showErrorMessage(std::function<QString()> message, bool fromSync);
    void hideError();

    void onStateChanged(SyncController::State state);
    void onSyncError(const ApiError &error);
    void onPendingFileUnreadable(const QString &keptAt);

    std::unique_ptr<Ui::MainWindow> m_ui;
    QPointer<SyncController> m_sync;
    QPointer<UserModel> m_users;
    QPointer<LanguageManager> m_languages;
    OptOutPage *m_page = nullptr;
    QActionGroup *m_languageGroup;
    QLabel *m_statusLabel;
    QLabel *m_accountLabel;
    QProgressBar *m_progress;

    // What the error bar says, rebuilt on a language switch.
    std::function<QString()> m_errorMessage;
    bool m_errorFromSync = false;
    QPointer<UsageTracker> m_tracker;
    QPointer<UsageSummaryModel> m_summary;
    UsageDebuggerDock *m_usageDock = nullptr;
    QDockWidget *m_summaryDock = nullptr;
    HistoryDock *m_historyDock = nullptr;
    QAction *m_historyAction = nullptr;
    QPointer<HistoryModel> m_history;
    ExportController *m_export = nullptr;
    QMenu *m_exportMenu = nullptr;
    QAction *m_exportOptOutsAction = nullptr;
    QAction *m_exportHistoryAction = nullptr;
    // View > Overview and File > Report… (mainwindowoverview.cpp).
    void updateOverviewState();
    void retranslateOverview();
    // View > Rules and the rules' part of the window (mainwindowrules.cpp).
    void updateRulesState();
    RulesDock *m_rulesDock = nullptr;
    QAction *m_rulesAction = nullptr;
    RulesController *m_rulesController = nullptr;
    GroupSearch *m_groupSearch = nullptr;
    QPointer<RulesModel> m_rules;
    QPointer<EnforcementModel> m_enforcement;
    OverviewDock *m_overviewDock = nullptr;
    QAction *m_overviewAction = nullptr;
    ReportController *m_report = nullptr;
    QAction *m_reportAction = nullptr;
    QByteArray m_restoredState; // applied again once the usage docks exist

    QPointer<PendingChangesDialog> m_pendingDialog;
    QPointer<ImportDialog> m_importDialog;
    bool m_quitWithPending = false; // the administrator has been told and quits anyway
    bool m_askBeforeClosing = false; // the close comes from File > Quit
};
