// The opt-out rules, once: what a change of who a rule covers does to users' effective opt-outs.
// Pure: no database, no clock, no cache.
//
// A user's opt-out row is the effective opt-out: `individual`, and `ruleIds`, the rules that
// cover the user. A rule created or deleted, a membership added or removed, an e-mail address
// changed: each is "rule R now covers users A and no longer covers users B" (a CoverDelta). The
// stores read, under the lock they take for opt-outs, the rows of the users named and the stored
// events of those who would become opted out, call planCoverChange() and write its plan: rows
// inserted, rule lists updated, rows deleted (opted back in, their stored events kept), stored
// events deleted at once, audit entries, one revision step when anything changed.
#pragma once

#include "optoutplan.h"
#include "store.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

struct CoverDelta
{
    StoredRule rule; // its id, kind, group or domain (for the audit's "via") and creator
    QStringList coverNow; // users the rule covers from now on
    QStringList coverNoMore; // users it no longer covers
};

struct CoverState
{
    QDateTime now;
    QHash<QString, StoredOptOut> rows; // the current rows of the users the deltas name
    // True when the store read `rows` with the users (a rule's members and their rows in one
    // statement): it need not read them again.
    bool rowsRead = false;
    // Of coverEventCountsNeeded() (absent: none): the count when coverDeletesEventsNow(), else
    // any positive number for a user who has stored events (kept until purgeAt, so only
    // whether there are some matters, one index look-up each).
    QHash<QString, qint64> storedEvents;
    qint64 purgeAfterSeconds = 0; // 0: a newly covered user's events are deleted at once
    bool deleteStoredEvents = false; // the rule's creator asked for the deletion now
    // Who made the change: the administrator (a rule created or deleted), or empty for the
    // directory (memberships, e-mail addresses). A directory change audits each user whose
    // effective state changed; an administrator's rule is one rule entry (written by the caller).
    QString actorId;
    QString reason; // of the rows a new rule inserts
};

class CoverPlan
{
public:
    QVector<StoredOptOut> inserts; // newly opted out (individual false); seq 0 until written
    QVector<QPair<QString, QStringList>> ruleUpdates; // rows kept, their new rule lists
    QVector<StoredOptOut> updatedRows; // the same rows in full, as they are after the change
    QStringList deletes; // opted back in: rows deleted, stored events kept
    QVector<QPair<QString, qint64>> purges; // stored events deleted now, and their count
    QVector<PlannedAuditEntry> audit; // directory changes: opt_out / opt_in with "via"; purges
    // The rows inserted or changed, as stored now (CoverChanges::rows): the inserts themselves,
    // shared rather than copied, when no row was changed.
    QVector<StoredOptOut> changedRows() const;
    int optedOut() const { return int(inserts.size()); }
    int optedIn() const { return int(deletes.size()); }
    bool changes() const;
};

// The users the deltas name, each once.
QStringList coverUsers(const QVector<CoverDelta> &deltas);
// The users who would become opted out (their stored events counted for the retention window).
QStringList coverEventCountsNeeded(const QVector<CoverDelta> &deltas,
                                   const QHash<QString, StoredOptOut> &rows);
// Whether the stored events of a newly covered user are deleted now (and counted for the audit
// and the statistics), rather than kept until purgeAt.
bool coverDeletesEventsNow(const CoverState &state);
// The decision. A user covered now who had no row is opted out (its stored events kept until
// now + purgeAfterSeconds, or deleted now); one whose last rule goes and who is not opted out
// individually is opted back in (row deleted, stored events kept: still inside the window).
CoverPlan planCoverChange(const QVector<CoverDelta> &deltas, const CoverState &state);

// The rule's JSON description as the API shows it ({"kind", "ruleId", "group": {"id", "name"}}
// or {"kind", "ruleId", "domain"}): an opt-out's "via" and the audit's.
QByteArray viaJson(const StoredRule &rule);
// The rule's JSON object (id, kind, group or domain) for a rule audit entry ({"rule": …}).
QByteArray ruleDetailJson(const StoredRule &rule);
// A syntactically valid domain name (RFC 1035 labels, at least two, lower case ASCII or
// punycode, at most 253 characters); the lower-case form, or empty when it is not one.
QString normalisedDomain(const QString &text);
// The part of an e-mail address after '@', lower case (empty without one).
QString emailDomain(const QString &email);
