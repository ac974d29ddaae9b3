// The opt-out ledger: the opt-out state of the window, one owner. It holds the list the service
// confirmed (with its revision), the administrator's pending changes, and the effective view
// made from both that everything else reads. Changes come in and go out by rows. No widgets,
// no network.
#pragma once

#include "apitypes.h"
#include "pendingstore.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <utility>

class OptOutLedger
{
public:
    // Why a user is opted out as things stand. The groups' rules will add their covers here
    // (a rule's cover, beside or instead of the individual opt-out).
    enum class Via {
        None, // not opted out
        Confirmed, // the service's list says so, no pending change of theirs
        Pending, // a change of theirs not confirmed yet decides (an opt-out, or an opt-in)
        Rule, // only rules (a group's, a domain's) opt them out, no pending change of theirs
    };

    // One row of the effective view: what the opt-out table shows of a user.
    struct Row
    {
        OptOutEntry entry;
        bool pending = false; // a change of theirs awaits the service
        bool leaving = false; // that change is an opt-in: the row goes once it is confirmed
        bool operator==(const Row &o) const
        {
            return entry == o.entry && pending == o.pending && leaving == o.leaving;
        }
        bool operator!=(const Row &o) const { return !(*this == o); }
    };

    // What one change did to the effective view: the rows added or changed, the rows gone, and
    // the users whose isOptedOut() or isPending() changed. The models apply it row by row.
    struct Change
    {
        QList<Row> rows; // new or changed rows; new pending opt-outs newest first
        QStringList removed; // user ids whose row left
        QSet<QString> stateChanged;
        bool isEmpty() const
        {
            return rows.isEmpty() && removed.isEmpty() && stateChanged.isEmpty();
        }
    };

    // What undoing an action does (planUndo): the rule "cancel if not sent, reverse if
    // confirmed, put back what was there".
    struct UndoPlan
    {
        PendingAction::Type type = PendingAction::Type::OptOut; // of the action undone
        QStringList cancelled; // its change not sent yet: dropped, never sent
        QStringList reversed; // sent or on its way: the opposite change follows
        // An opt-in reversed: the opt-outs that put the users back, one per reason (the reason
        // each had before it), in the order of the users.
        QList<std::pair<QString, QStringList>> optOutsByReason;
        bool storedDataGone = false; // it deleted stored events: they stay deleted
        bool isEmpty() const { return cancelled.isEmpty() && reversed.isEmpty(); }
    };

    // Finds a user of the directory (null when unknown), for the rows of pending opt-outs.
    using UserLookup = std::function<const User *(const QString &id)>;

    // Who signs the pending opt-outs' rows, and where their users' names come from.
    void setMe(const User &me) { m_me = me; }
    void setUserLookup(UserLookup lookup) { m_lookup = std::move(lookup); }

    // ---- The confirmed list
    // Replaces it (a whole list from the service or the cache, newest first).
    Change setConfirmed(const QList<OptOutEntry> &list, qint64 revision);
    // The same for a ledger that holds nothing yet (no list, nothing pending), without working
    // out the Change (every row is new): what a start from the cache prepares on its thread.
    void loadConfirmed(const QList<OptOutEntry> &list, qint64 revision);
    // The same with the work done ahead: `prepared` (a ledger given only setConfirmed(), e.g.
    // on a worker thread) hands over its list, index and view; this ledger's pending queue and
    // undo notes stay, its pending users looked at again. For a ledger not shown yet: the
    // Change is not returned (show the whole view).
    void takeConfirmed(OptOutLedger &&prepared);
    // What the service says changed since the revision held: entries added or changed, users
    // opted back in. O(changes), plus O(n) of cheap moves to keep the list's order.
    Change applyConfirmed(const QList<OptOutEntry> &changed, const QStringList &removed,
                          qint64 revision);
    // The service confirmed an action: its entries are now on the list (a revision to come).
    Change confirmOptOuts(const QList<OptOutEntry> &entries);
    // The service confirmed stored events deleted now: their rows lose the deletion date.
    Change confirmDeleted(const QStringList &userIds);
    Change confirmOptIns(const QStringList &userIds);
    qint64 revision() const { return m_revision; }
    // The list as last confirmed, newest first (File > Export, the cache). Shared: O(1).
    const QList<OptOutEntry> &confirmed() const { return m_confirmed; }
    bool isConfirmedOut(const QString &userId) const { return m_confirmedById.contains(userId); }
    const OptOutEntry *confirmedEntry(const QString &userId) const;

    // ---- The pending queue (the administrator's changes the service has not confirmed)
    const QList<PendingAction> &pending() const { return m_pending; }
    Change setPending(const QList<PendingAction> &pending);

    // ---- The effective view
    // The rows of pending opt-outs look their users up again (the directory changed).
    Change relookUsers();
    // Every row, pending opt-outs (newest first) then the confirmed list.
    QList<Row> rows() const;
    // Opted out as things stand (the pending changes counted).
    bool isOptedOut(const QString &userId) const { return m_optedOut.contains(userId); }
    // A change of theirs awaits the service.
    bool isPending(const QString &userId) const { return m_pendingIds.contains(userId); }
    Via via(const QString &userId) const;
    // The rules that opt a user out (the confirmed list's `via`); empty when none does.
    QList<OptOutCover> ruleCovers(const QString &userId) const;
    // Each user's reason as things stand: a pending opt-out's, else the confirmed entry's.
    QString reasonOf(const QString &userId) const;

    const QSet<QString> &optedOutIds() const { return m_optedOut; }
    const QSet<QString> &pendingIds() const { return m_pendingIds; }
    const QSet<QString> &leavingIds() const { return m_leaving; }

    // ---- Undo: each action can be undone once; the last UndoableActions are remembered.
    static constexpr int UndoableActions = 16;
    // Notes what undoing a just-queued action needs: its users, and for an opt-in each user's
    // reason as it was before (reasonOf(), read before the action is queued).
    void rememberUndo(qint64 actionId, PendingAction::Type type, const QStringList &userIds,
                      bool deleteStoredEvents, const QHash<QString, QString> &reasonsBefore);
    void forgetUndo(qint64 actionId);
    bool canUndo(qint64 actionId) const { return m_undoable.contains(actionId); }
    // The users of the action whose change is still queued and not on its way (the head of the
    // queue is on its way when `headSending`).
    QSet<QString> unsentOf(qint64 actionId, bool headSending) const;
    // The rule, without doing it: which users are cancelled, which reversed, and how.
    UndoPlan planUndo(qint64 actionId, bool headSending) const;
    // The plan, and the action forgotten (it can be undone once).
    UndoPlan takeUndo(qint64 actionId, bool headSending);

    // Forgets everything (sign-out); the change empties the view.
    Change clear();

private:
    // What the pending queue wants of one user: its last change decides.
    struct Wanted
    {
        bool out = false;
        bool deleting = false; // stored events deleted now by a pending opt-out
        QString reason; // the first pending reason
        QDateTime outAt; // the latest pending opt-out's time
        int order = 0; // that opt-out's place, newest first, for the rows' order
    };
    void summarisePending();
    // The effective row of a user as things stand; false when they have none.
    bool effectiveRow(const QString &userId, Row *row) const;
    // Brings the view up to date for these users and says what changed.
    Change refresh(const QSet<QString> &userIds);
    void reindexConfirmed();

    User m_me;
    UserLookup m_lookup;
    qint64 m_revision = -1;
    QList<OptOutEntry> m_confirmed;
    QHash<QString, qsizetype> m_confirmedById; // place in m_confirmed
    QList<PendingAction> m_pending;
    QHash<QString, Wanted> m_wanted; // by user id, from m_pending
    struct UndoNote
    {
        PendingAction::Type type = PendingAction::Type::OptOut;
        QStringList userIds;
        QHash<QString, QString> reasons; // opt-ins: each user's reason before
        bool deleteStoredEvents = false;
    };
    QHash<qint64, UndoNote> m_undoable;
    QList<qint64> m_undoOrder; // oldest first, at most UndoableActions
    // The view.
    QHash<QString, Row> m_rows;
    QSet<QString> m_optedOut;
    QSet<QString> m_pendingIds;
    QSet<QString> m_leaving;
};
