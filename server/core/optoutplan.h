// The opt-out rule, once: a change request and the state it meets -> the rows and audit entries
// to write, or the reason the request is refused. Pure: no database, no clock, no cache.
//
// Both stores use it the same way, inside their write transaction and under their lock:
//   1. read the organisation's revision, which of the named ids are its users, their opt-out
//      rows and (later) the rules that cover them, into an OptOutState;
//   2. read the stored-event counts of eventCountsNeeded(request, state);
//   3. planOptOuts(request, state), then write the plan: inserts (numbered by the store with
//      setInsertSeqs()), deletes, purges, audit rows, one revision step when changes();
//   4. answer plan.outcome().
#pragma once

#include "store.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

// One reason a user is effectively opted out: an opt-out entry's "via" lists them all.
struct OptOutVia
{
    enum class Kind { Individual, Group, EmailDomain };
    Kind kind = Kind::Individual;
    QString ruleId; // Group, EmailDomain: the rule that covers the user
};

// What a change request meets, as read under the store's lock.
struct OptOutState
{
    qint64 revision = 0; // the organisation's opt-out revision
    // Of the ids the request names, those that are users of the organisation (left the
    // directory or not).
    QSet<QString> knownUserIds;
    // The opt-out rows of the ids the request names (absent: not opted out). A row is the
    // user's effective opt-out: individual and/or the rules that cover the user (ruleIds).
    QHash<QString, StoredOptOut> optOuts;
    // More rules that cover named users, beside their rows' ruleIds (a user is effectively
    // opted out when individually out or covered by a rule).
    QHash<QString, QVector<OptOutVia>> ruleCovers;
    // Stored usage events of the ids of eventCountsNeeded() (absent: none).
    QHash<QString, qint64> storedEvents;
    QDateTime now; // the transaction's time: opt-ins and purges are audited at it
};

// One audit row to write, in order.
struct PlannedAuditEntry
{
    QDateTime at;
    QString action; // "opt_out", "opt_in", "purge"
    QString actorId; // the administrator whose request it is (purges included)
    QString userId;
    QString reason; // opt-outs: empty for none
    qint64 count = -1; // purges: the events deleted; -1 otherwise
    // JSON object of what else the entry says: "via" of a change a rule made, "rule" of a rule
    // entry. Empty: nothing.
    QByteArray detail;
};

class OptOutPlan
{
public:
    using Kind = OptOutChangeOutcome::Kind;

    Kind kind = Kind::Applied;
    qint64 revision = 0; // the revision the request met
    QStringList refusedUserIds; // UnknownUsers, InBothLists, CoveredByRule: the ids, each once
    QStringList coveringRuleIds; // CoveredByRule: the rules that cover them

    // Applied: the rows to write. Inserts carry seq 0 until setInsertSeqs().
    QVector<StoredOptOut> inserts;
    // Users out through a rule only, now opted out individually too (their row's `individual`
    // set, and its reason when it had none).
    QStringList individualAdds;
    QStringList deletes; // opt-ins: individual rows to delete
    QStringList clearPurgeAt; // users already out whose stored events go now
    QVector<QPair<QString, qint64>> purges; // users whose stored events are deleted now, count
    QVector<PlannedAuditEntry> audit; // opt-outs, then opt-ins, then purges

    // Anything to write (a refused plan has nothing): then the revision steps by one.
    bool changes() const;
    // The store's sequence numbers of the inserts, in their order (seqs.size() == inserts).
    void setInsertSeqs(const QVector<qint64> &seqs);
    // What the store answers: counts of actual changes, the revision after the plan, and the
    // entry of every opt-out id of the request (in its order, repeats included) as stored
    // after it.
    OptOutChangeOutcome outcome() const;

private:
    friend OptOutPlan planOptOuts(const OptOutChangeRequest &request, const OptOutState &state);
    // Applied: the entries of the request's opt-out ids, each once; for a new one the index of
    // its insert (its seq comes later), -1 for an existing row; and for each id of the request
    // (repeats included) its entry.
    QVector<StoredOptOut> m_entries;
    QVector<int> m_entryInsert;
    QVector<int> m_requestEntries;
    int m_purgedExisting = 0;
};

// The ids whose stored events the plan needs counted: the users the request newly opts out,
// and with deleteStoredEvents those already out. Empty when the request will be refused.
QStringList eventCountsNeeded(const OptOutChangeRequest &request, const OptOutState &state);

// The decision. The checks, in this order (the first that fails refuses the whole request and
// nothing is written):
//   1. an id in both lists: InBothLists (refusedUserIds);
//   2. an id that is not a user of the organisation: UnknownUsers (refusedUserIds);
//   3. If-Match: PreconditionFailed when the revision is not one of request.ifRevisionIn;
//   4. an opt-in of a user a rule still covers: CoveredByRule (refusedUserIds, coveringRuleIds).
// Then: an id repeated within a list counts once; an opt-out of a user individually out and an
// opt-in of one who is not change nothing (but deleteStoredEvents still deletes their events).
OptOutPlan planOptOuts(const OptOutChangeRequest &request, const OptOutState &state);
