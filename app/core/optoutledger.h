// The opt-out ledger: the effective opt-out state everything else reads, made from the list the
// service confirmed and the administrator's pending changes on top. No widgets, no network.
#pragma once

#include "apitypes.h"
#include "pendingstore.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

class OptOutLedger
{
public:
    // Why a user is opted out as things stand. Room for more: the groups' rules will cover
    // users too.
    enum class Via {
        None, // not opted out
        Confirmed, // the service's list says so, no pending change of theirs
        Pending, // a change of theirs not confirmed yet decides (an opt-out, or an opt-in)
    };

    // Finds a user of the directory (null when unknown), for the rows of pending opt-outs.
    using UserLookup = std::function<const User *(const QString &id)>;

    // Builds the effective view: the confirmed list with the pending changes on top, later
    // changes winning; `me` is shown as the author of pending opt-outs. Returns the rows to
    // show (not kept here: the table model holds them): pending opt-outs (newest first), then
    // the confirmed entries; a user whose opt-in is pending keeps their row (leavingIds()), one
    // whose stored data is being deleted now shows no deletion date.
    QList<OptOutEntry> rebuild(const QList<OptOutEntry> &confirmed, qint64 revision,
                               const QList<PendingAction> &pending, const User &me,
                               const UserLookup &lookup = {});
    void clear();

    qint64 revision() const { return m_revision; }
    // Opted out as things stand (the pending changes counted).
    bool isOptedOut(const QString &userId) const { return m_optedOut.contains(userId); }
    // A change of theirs awaits the service.
    bool isPending(const QString &userId) const { return m_pending.contains(userId); }
    Via via(const QString &userId) const;

    const QSet<QString> &optedOutIds() const { return m_optedOut; }
    const QSet<QString> &pendingIds() const { return m_pending; }
    const QSet<QString> &leavingIds() const { return m_leaving; }

private:
    qint64 m_revision = -1;
    QSet<QString> m_optedOut;
    QSet<QString> m_pending;
    QSet<QString> m_leaving;
};
