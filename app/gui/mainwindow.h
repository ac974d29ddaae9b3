// The "Opt-out settings" window: the users drop-down, the opt-out table and the sync status.
#pragma once

#include "apitypes.h"
#include "synccontroller.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace Ui {
class MainWindow;
}

class QActionGroup;
class QLabel;
class QProgressBar;
class AppSettings;
class CheckBoxHeader;
class ContextHelpPopup;
class LanguageManager;
class OptOutModel;
class OptOutProxyModel;
class PendingChangesDialog;
class UserModel;
class UserPicker;
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
    // How long Undo stays offered after a change (at least 10 s, as promised).
    static constexpr int UndoWindowMs = 15000;
    // How long an information stays in the message bar once nothing more can be done with it
    // (Undo withdrawn, the pointer and the focus elsewhere).
    static constexpr int NoteTimeoutMs = 20000;

    // Everything is passed in and must outlive the window; `languages` may be null (no
    // language menu then).
    MainWindow(SyncController *sync, UserModel *users, OptOutModel *optOuts,
               LanguageManager *languages, QWidget *parent = nullptr);
    ~MainWindow() override;

    void restoreFrom(const AppSettings &settings);
    void saveTo(AppSettings &settings) const;

    // The page shown: the opt-out page, the non-admin explanation, or "Signing in…".
    QWidget *currentPage() const;
    // The note shown after an opt-out; empty when hidden.
    QString noteText() const;
    // The error shown in the message bar; empty when hidden.
    QString errorText() const;
    ContextHelpPopup *contextHelp() const { return m_help; }
    CheckBoxHeader *tableHeader() const { return m_header; }
    OptOutProxyModel *tableProxy() const { return m_proxy; }
    UserPicker *userPicker() const { return m_picker; }

    // Undo is offered (the message bar's button and Edit > Undo, Ctrl+Z).
    bool undoAvailable() const;
    // Takes the last single change back: cancelled if not sent yet, reversed if confirmed.
    void undoLastChange();
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
    QAction *optOutWithReasonAction() const { return m_optOutWithReason; }
    void optOutPickedWithReason();
    // Asks, then deletes now the stored usage data of these users (already opted out).
    void confirmDeleteStoredData(const QStringList &userIds);
    // The table header's menu: a checkable entry per optional column.
    QMenu *columnsMenu();
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
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupActions();
    void setupTable();
    void setupBars();
    void retranslate();
    void updateBreadcrumb();
    void updateOptOutButton();
    void updateCheckedState();
    void updateStatus();
    // The signing-in page's text: "Signing in…" while the service is asked, else the state.
    void updateSigningInLabel();
    void updatePage();
    void updateLanguageMenu();
    void updateCountLabel();
    void updateExportActions();
    // Each shown column at least as wide as its header in this language, the e-mail wide enough
    // to tell addresses apart: the table scrolls sideways rather than clip.
    void fitColumns();
    void applyColumnModes();
    // The window's title: the organisation and the server it is on, once signed in.
    void updateWindowTitle();
    // What the table says in its place when it shows no row.
    void updateEmptyState();

    void optOutPicked();
    void applyOptOut(const QString &userId, const OptOutOptions &options);
    void optInChecked();
    void showRowMenu(const QPoint &pos);
    void showHeaderMenu(const QPoint &pos);
    // The rows a row action applies to: the checked ones when the clicked row is checked, else
    // the clicked one.
    QStringList rowActionTargets(const QModelIndex &clicked) const;
    void checkAll(bool checked);
    QList<int> shownSourceRows() const; // the source rows the table shows, in its order
    void toggleCurrentRows();
    void showContextHelp();
    void showAbout();
    void showNote(std::function<QString()> message, bool offerUndo = false);
    void offerUndo(PendingAction::Type type, const QStringList &userIds, qint64 actionId,
                   bool deleteStoredEvents = false);
    void withdrawUndo();
    QString userLabel(const QString &userId) const;
    // Whether this account opted out all these users (from the list's "opted out by").
    bool allOptedOutByMe(const QStringList &userIds) const;
    // The users in the order the table shows them.
    QStringList inTableOrder(const QStringList &userIds) const;
    void applyOptIn(const QStringList &ids);
    // Opt-in of these users (those opted out as things stand), asked first for several.
    void requestOptIn(const QStringList &ids);
    // Says what became of users asked for when nothing is sent for them.
    void showQueueOutcome(PendingAction::Type type, const QueueOutcome &outcome);
    void optOutFromList(const QStringList &ids, const QString &reason);
    void updateImportAction();
    void hideNote();
    void showErrorMessage(std::function<QString()> message, bool fromSync);
    void hideError();

    void onStateChanged(SyncController::State state);
    void onActionCompleted(const ActionReport &report);
    void onDeletionCompleted(const ActionReport &report);
    void onAboutToApplyRemoteChanges();
    void onRemoteChangesApplied(const QStringList &optedOut, const QStringList &optedIn);
    void onSyncError(const ApiError &error);
    void onPendingFileUnreadable(const QString &keptAt);

    std::unique_ptr<Ui::MainWindow> m_ui;
    QPointer<SyncController> m_sync;
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    QPointer<LanguageManager> m_languages;
    OptOutProxyModel *m_proxy;
    CheckBoxHeader *m_header;
    UserPicker *m_picker = nullptr;
    ContextHelpPopup *m_help;
    QActionGroup *m_languageGroup;
    QLabel *m_statusLabel;
    QLabel *m_accountLabel;
    QLabel *m_emptyState = nullptr;
    QProgressBar *m_progress;

    // What the bars say, rebuilt on a language switch.
    std::function<QString()> m_noteMessage;
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
    // Explains why these users (a rule covers them) cannot be opted in and offers to open
    // the rule; opts in `others` (whom no rule covers) if asked. Returns false when none of
    // `ids` is covered (nothing said).
    bool explainCoveredOptIn(const QStringList &ids);
    // Leaves out of another window's changes the users a rule opted out, and those this
    // window's removal of a rule opted back in; false when nothing is left to say.
    bool ruleChangesOnly(const QStringList &optedOut, const QStringList &optedIn,
                         QStringList *othersOut, QStringList *othersIn);
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
    bool m_searchRecorded = false; // one "search used" per pick, not one per key
    QByteArray m_restoredState; // applied again once the usage docks exist

    // The last change (of one user or several), while it may be undone; what undoing does is
    // the core's (SyncController::undo), this is what the messages name.
    struct UndoRecord
    {
        PendingAction::Type type = PendingAction::Type::OptOut;
        QStringList userIds;
        qint64 actionId = 0;
        bool deleteStoredEvents = false; // undoing cannot bring the stored data back
        std::function<void()> rule; // a rule's change: its undo (the opposite request)
    };
    void applyUndo(const UndoRecord &undo);
    QAction *m_optOutWithReason = nullptr;
    QMenu *m_columnsMenu = nullptr;
    UndoRecord m_undo;
    QTimer m_undoTimer;
    QTimer m_noteTimer;
    QPointer<PendingChangesDialog> m_pendingDialog;
    QPointer<ImportDialog> m_importDialog;
    // The row at the top of the table before another administrator's change, and its offset.
    QString m_anchorUserId;
    int m_anchorOffset = 0;
    QString m_currentUserId;
    bool m_quitWithPending = false; // the administrator has been told and quits anyway
    bool m_askBeforeClosing = false; // the close comes from File > Quit
};
