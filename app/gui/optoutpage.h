// The "Opt-out settings" page: the picker with its Opt-out button, the opted-out table with its
// Opt-in button, and what is said after each of their changes (the note with Undo).
#pragma once

#include "apitypes.h"
#include "synccontroller.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

namespace Ui {
class OptOutPage;
}

class QAction;
class QLabel;
class QMenu;
class AppSettings;
class CheckBoxHeader;
class ContextHelpPopup;
class GroupSearch;
class OptOutModel;
class OptOutProxyModel;
class RulesController;
class UsageTracker;
class UserModel;
class UserPicker;

// Works on what it is given (the sync, the users, the opted-out list) and says what the window
// must do through its signals: it knows nothing of the window around it.
class OptOutPage final : public QWidget
{
    Q_OBJECT
public:
    // How long Undo stays offered after a change (at least 10 s, as promised).
    static constexpr int UndoWindowMs = 15000;
    // How long an information stays in the message bar once nothing more can be done with it
    // (Undo withdrawn, the pointer and the focus elsewhere).
    static constexpr int NoteTimeoutMs = 20000;

    // Everything is passed in and must outlive the page.
    OptOutPage(SyncController *sync, UserModel *users, OptOutModel *optOuts,
               QWidget *parent = nullptr);
    ~OptOutPage() override;

    // The table's columns (which are shown, their widths), saved and restored.
    void restoreFrom(const AppSettings &settings);
    void saveTo(AppSettings &settings) const;
    // Each shown column at least as wide as its header in this language, the e-mail wide enough
    // to tell addresses apart: the table scrolls sideways rather than clip.
    void fitColumns();
    // The focus in the picker, where the page starts.
    void focusPicker();

    // The note shown after a change; empty when hidden.
    QString noteText() const;
    // At sign-out: the note spoke of that session.
    void clearSession();
    ContextHelpPopup *contextHelp() const { return m_help; }
    // The page's help (F1, the "?" button).
    void showContextHelp();
    CheckBoxHeader *tableHeader() const { return m_header; }
    OptOutProxyModel *tableProxy() const { return m_proxy; }
    UserPicker *userPicker() const { return m_picker; }

    // Undo is offered (the note's button; the window's Edit > Undo, Ctrl+Z).
    bool undoAvailable() const;
    // Takes the last change back: cancelled if not sent yet, reversed if confirmed.
    void undoLastChange();
    // Opt out with a reason… (Ctrl+Shift+O, and the Opt-out button's context menu): the picked
    // user, through the confirmation with a reason and "Delete stored data now". The window
    // puts the action in its Edit menu.
    QAction *optOutWithReasonAction() const { return m_optOutWithReason; }
    void optOutPickedWithReason();
    // Asks, then deletes now the stored usage data of these users (already opted out).
    void confirmDeleteStoredData(const QStringList &userIds);
    // The table header's menu: a checkable entry per optional column.
    QMenu *columnsMenu();
    // Opts out the users of a list (File > Opt out users from a list…), with one Undo.
    void optOutFromList(const QStringList &ids, const QString &reason);

    // Records what the administrator does here; must outlive the page.
    void setUsageTracker(UsageTracker *tracker);
    // Groups and domains in the picker (a rule through the controller's confirmation), a rule's
    // change said with its Undo, an opt-in a rule would refuse explained. Both must outlive the
    // page.
    void setRules(RulesController *rules, GroupSearch *groups);
    // A row's context menu offers "Show history" (historyRequested).
    void setHistoryOffered(bool offered);

Q_SIGNALS:
    // Undo became available or was withdrawn.
    void undoAvailableChanged(bool available);
    // The service refused a change: the message (rebuilt on a language switch) for the window's
    // error bar.
    void actionFailed(std::function<QString()> message);
    // "Show history" on a row; "Show the rule" on an opt-in a rule refuses.
    void historyRequested(const QString &userId);
    void ruleRequested(const QString &ruleId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setupTable();
    void setupNoteBar();
    void retranslate();
    void updateBreadcrumb();
    void updateOptOutButton();
    void updateCheckedState();
    void updateCountLabel();
    void applyColumnModes();
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
    void hideNote();
    // Explains why these users (a rule covers them) cannot be opted in and offers to open
    // the rule; opts in `others` (whom no rule covers) if asked. Returns false when none of
    // `ids` is covered (nothing said).
    bool explainCoveredOptIn(const QStringList &ids);
    // Leaves out of another window's changes the users a rule opted out, and those this
    // window's removal of a rule opted back in; false when nothing is left to say.
    bool ruleChangesOnly(const QStringList &optedOut, const QStringList &optedIn,
                         QStringList *othersOut, QStringList *othersIn);

    void onStateChanged();
    void onActionCompleted(const ActionReport &report);
    void onDeletionCompleted(const ActionReport &report);
    void onAboutToApplyRemoteChanges();
    void onRemoteChangesApplied(const QStringList &optedOut, const QStringList &optedIn);

    std::unique_ptr<Ui::OptOutPage> m_ui;
    QPointer<SyncController> m_sync;
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    OptOutProxyModel *m_proxy;
    CheckBoxHeader *m_header = nullptr;
    UserPicker *m_picker = nullptr;
    ContextHelpPopup *m_help = nullptr;
    QLabel *m_emptyState = nullptr;
    QAction *m_optOutWithReason = nullptr;
    QMenu *m_columnsMenu = nullptr;

    // What the note says, rebuilt on a language switch.
    std::function<QString()> m_noteMessage;
    QPointer<UsageTracker> m_tracker;
    QPointer<RulesController> m_rulesController;
    bool m_historyOffered = false;
    bool m_searchRecorded = false; // one "search used" per pick, not one per key

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
    UndoRecord m_undo;
    QTimer m_undoTimer;
    QTimer m_noteTimer;
    // The row at the top of the table before another administrator's change, and its offset.
    QString m_anchorUserId;
    int m_anchorOffset = 0;
};
