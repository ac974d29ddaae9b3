// The opt-out ledger: the effective view made from the confirmed list and the pending changes.
#include "optoutledger.h"

#include <QTest>

namespace {

OptOutEntry confirmedEntry(const QString &id, const QString &reason = {},
                           const QDateTime &purgeAt = {})
{
    OptOutEntry entry;
    entry.user = User {id, id + QStringLiteral("@example.com"), id};
    entry.optedOutAt = QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC);
    entry.optedOutBy = User {QStringLiteral("u-other"), QString(), QStringLiteral("Other")};
    entry.reason = reason;
    entry.purgeAt = purgeAt;
    return entry;
}

PendingAction action(PendingAction::Type type, const QStringList &ids, const QString &reason = {},
                     bool deleteStoredEvents = false)
{
    PendingAction a;
    a.type = type;
    a.userIds = ids;
    a.createdAt = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);
    a.reason = reason;
    a.deleteStoredEvents = deleteStoredEvents;
    return a;
}

const User kMe {QStringLiteral("u-1"), QStringLiteral("admin@example.com"),
                QStringLiteral("Ada Admin")};

// The whole view after a confirmed list and a pending queue, as the table shows it.
QList<OptOutEntry> build(OptOutLedger &ledger, const QList<OptOutEntry> &confirmed, qint64 revision,
                         const QList<PendingAction> &pending,
                         const OptOutLedger::UserLookup &lookup = {})
{
    ledger.setMe(kMe);
    ledger.setUserLookup(lookup);
    ledger.setConfirmed(confirmed, revision);
    ledger.setPending(pending);
    QList<OptOutEntry> entries;
    for (const OptOutLedger::Row &row : ledger.rows())
        entries.append(row.entry);
    return entries;
}

QStringList ids(const QList<OptOutLedger::Row> &rows)
{
    QStringList result;
    for (const OptOutLedger::Row &row : rows)
        result.append(row.entry.user.id);
    return result;
}

QList<OptOutEntry> manyConfirmed(int count)
{
    QList<OptOutEntry> list;
    for (int i = 0; i < count; ++i) {
        OptOutEntry e = confirmedEntry(QStringLiteral("u-%1").arg(1000 + i));
        e.optedOutAt = QDateTime(QDate(2026, 11, 1), QTime(9, 0), Qt::UTC).addSecs(-i);
        list.append(e);
    }
    return list;
}

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private slots:
    void confirmedOnly();
    void loadedAsSetConfirmedWould();
    void pendingOptOutComesFirstWithItsReason();
    void pendingOptInKeepsTheRowLeaving();
    void laterChangeWins();
    void pendingDeletionShowsNoDate();
    void clearForgetsEverything();
    // By rows: one change of 20,000 touches one row.
    void deltaChangesOneRow();
    void deltaRemovesOneRow();
    void deltaKeepsTheListNewestFirst();
    void pendingChangeTouchesItsUserOnly();
    void confirmedPendingOptOutBecomesItsConfirmedRow();
    // The undo rule: cancel if not sent, reverse if sent or confirmed, put back what was there.
    void undoCancelsWhatIsNotSent();
    void undoReversesWhatIsOnItsWay();
    void undoOfAnOptInPutsEachReasonBack();
    void undoOfADeletionSaysTheDataStaysGone();
    void undoOnceAndOnlyTheLastActions();
};

void TestLedger::confirmedOnly()
{
    OptOutLedger ledger;
    const QList<OptOutEntry> rows
        = build(ledger, {confirmedEntry(QStringLiteral("u-2"), QStringLiteral("GDPR"))}, 7, {});
    QCOMPARE(ledger.revision(), 7);
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-2")));
    QVERIFY(!ledger.isPending(QStringLiteral("u-2")));
    QCOMPARE(ledger.via(QStringLiteral("u-2")), OptOutLedger::Via::Confirmed);
    QCOMPARE(ledger.via(QStringLiteral("u-3")), OptOutLedger::Via::None);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).reason, QStringLiteral("GDPR"));
}

void TestLedger::loadedAsSetConfirmedWould()
{
    // A start from the cache loads the list without working out a change: the same view,
    // a user listed twice once, and pending changes taken on top as ever.
    QList<OptOutEntry> list = manyConfirmed(5);
    list.insert(2, confirmedEntry(QStringLiteral("u-1003"), QStringLiteral("listed twice")));
    OptOutLedger set;
    set.setConfirmed(list, 4);
    OptOutLedger loaded;
    loaded.loadConfirmed(list, 4);
    QCOMPARE(loaded.revision(), 4);
    QCOMPARE(loaded.confirmed(), set.confirmed());
    QCOMPARE(ids(loaded.rows()), ids(set.rows()));
    QCOMPARE(loaded.rows(), set.rows());
    QCOMPARE(loaded.optedOutIds(), set.optedOutIds());
    QVERIFY(loaded.pendingIds().isEmpty());
    QVERIFY(loaded.leavingIds().isEmpty());
    QCOMPARE(loaded.confirmedEntry(QStringLiteral("u-1003"))->reason,
             set.confirmedEntry(QStringLiteral("u-1003"))->reason);

    OptOutLedger shown;
    shown.setMe(kMe);
    shown.setPending({action(PendingAction::Type::OptIn, {QStringLiteral("u-1001")})});
    shown.takeConfirmed(std::move(loaded));
    QVERIFY(shown.isPending(QStringLiteral("u-1001")));
    QVERIFY(shown.leavingIds().contains(QStringLiteral("u-1001")));
    QCOMPARE(ids(shown.rows()), ids(set.rows()));

    // A ledger that holds a list already takes it as setConfirmed() does.
    OptOutLedger again;
    again.setConfirmed(manyConfirmed(2), 1);
    again.loadConfirmed(list, 5);
    QCOMPARE(again.rows(), set.rows());
    QCOMPARE(again.revision(), 5);
}

void TestLedger::pendingOptOutComesFirstWithItsReason()
{
    OptOutLedger ledger;
    const User known {QStringLiteral("u-3"), QStringLiteral("zoe@example.com"),
                      QStringLiteral("Zoë")};
    const QList<OptOutEntry> rows = build(
        ledger, {confirmedEntry(QStringLiteral("u-2"))}, 1,
        {action(PendingAction::Type::OptOut, {QStringLiteral("u-3")},
                QStringLiteral("Asked by phone"))},
        [&known](const QString &id) -> const User * { return id == known.id ? &known : nullptr; });
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-3")));
    QVERIFY(ledger.isPending(QStringLiteral("u-3")));
    QCOMPARE(ledger.via(QStringLiteral("u-3")), OptOutLedger::Via::Pending);
    QCOMPARE(rows.size(), 2);
    const OptOutEntry &first = rows.at(0);
    QCOMPARE(first.user, known);
    QCOMPARE(first.optedOutBy, kMe);
    QCOMPARE(first.reason, QStringLiteral("Asked by phone"));
}

void TestLedger::pendingOptInKeepsTheRowLeaving()
{
    OptOutLedger ledger;
    const QList<OptOutEntry> rows
        = build(ledger, {confirmedEntry(QStringLiteral("u-2"), QStringLiteral("GDPR"))}, 1,
                {action(PendingAction::Type::OptIn, {QStringLiteral("u-2")})});
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-2")));
    QVERIFY(ledger.isPending(QStringLiteral("u-2")));
    QVERIFY(ledger.leavingIds().contains(QStringLiteral("u-2")));
    QCOMPARE(ledger.via(QStringLiteral("u-2")), OptOutLedger::Via::None);
    QCOMPARE(rows.size(), 1); // the row stays, marked, until confirmed
    QCOMPARE(rows.at(0).reason, QStringLiteral("GDPR"));
}

void TestLedger::laterChangeWins()
{
    OptOutLedger ledger;
    const QList<OptOutEntry> rows
        = build(ledger, {}, 1,
                {action(PendingAction::Type::OptOut, {QStringLiteral("u-4")}),
                 action(PendingAction::Type::OptIn, {QStringLiteral("u-4")}),
                 action(PendingAction::Type::OptOut, {QStringLiteral("u-5")}),
                 action(PendingAction::Type::OptIn, {QStringLiteral("u-5")}),
                 action(PendingAction::Type::OptOut, {QStringLiteral("u-5")})});
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-4")));
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-5")));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).user.id, QStringLiteral("u-5"));
}

void TestLedger::pendingDeletionShowsNoDate()
{
    const QDateTime purgeAt(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
    OptOutLedger ledger;
    const QList<OptOutEntry> rows
        = build(ledger,
                {confirmedEntry(QStringLiteral("u-2"), {}, purgeAt),
                 confirmedEntry(QStringLiteral("u-3"), {}, purgeAt)},
                1, {action(PendingAction::Type::OptOut, {QStringLiteral("u-2")}, {}, true)});
    QCOMPARE(rows.size(), 2);
    QVERIFY(!rows.at(0).purgeAt.isValid()); // being deleted now
    QCOMPARE(rows.at(1).purgeAt, purgeAt);
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-2")));
}

void TestLedger::clearForgetsEverything()
{
    OptOutLedger ledger;
    (void)build(ledger, {confirmedEntry(QStringLiteral("u-2"))}, 3,
                {action(PendingAction::Type::OptOut, {QStringLiteral("u-3")})});
    ledger.clear();
    QCOMPARE(ledger.revision(), -1);
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-2")));
    QVERIFY(!ledger.isPending(QStringLiteral("u-3")));
}

void TestLedger::deltaChangesOneRow()
{
    OptOutLedger ledger;
    build(ledger, manyConfirmed(20000), 41, {});
    OptOutEntry added = confirmedEntry(QStringLiteral("u-new"), QStringLiteral("By phone"));
    added.optedOutAt = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);
    const OptOutLedger::Change change = ledger.applyConfirmed({added}, {}, 42);
    QCOMPARE(ledger.revision(), 42);
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-new")});
    QVERIFY(change.removed.isEmpty());
    QCOMPARE(change.stateChanged, QSet<QString> {QStringLiteral("u-new")});
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-new")));
    QCOMPARE(ledger.confirmed().size(), 20001);
    QCOMPARE(ledger.confirmed().constFirst().user.id, QStringLiteral("u-new"));
    // The same entry again (our own change coming back): nothing to show.
    QVERIFY(ledger.applyConfirmed({added}, {}, 42).isEmpty());
    // Its reason changed: the row changes, nothing else.
    added.reason = QStringLiteral("GDPR #1");
    const OptOutLedger::Change reasonChange = ledger.applyConfirmed({added}, {}, 43);
    QCOMPARE(ids(reasonChange.rows), QStringList {QStringLiteral("u-new")});
    QVERIFY(reasonChange.stateChanged.isEmpty());
    QCOMPARE(ledger.reasonOf(QStringLiteral("u-new")), QStringLiteral("GDPR #1"));
}

void TestLedger::deltaRemovesOneRow()
{
    OptOutLedger ledger;
    build(ledger, manyConfirmed(20000), 41, {});
    const OptOutLedger::Change change = ledger.applyConfirmed({}, {QStringLiteral("u-1500")}, 42);
    QVERIFY(change.rows.isEmpty());
    QCOMPARE(change.removed, QStringList {QStringLiteral("u-1500")});
    QCOMPARE(change.stateChanged, QSet<QString> {QStringLiteral("u-1500")});
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-1500")));
    QVERIFY(!ledger.isConfirmedOut(QStringLiteral("u-1500")));
    QCOMPARE(ledger.confirmed().size(), 19999);
    QCOMPARE(ledger.rows().size(), 19999);
    // Someone not on the list leaving it changes nothing.
    QVERIFY(ledger.applyConfirmed({}, {QStringLiteral("u-nobody")}, 43).isEmpty());
}

void TestLedger::deltaKeepsTheListNewestFirst()
{
    OptOutLedger ledger;
    build(ledger, manyConfirmed(10), 1, {});
    // A changed entry keeps its time, so its place; a new one between two others goes there.
    OptOutEntry changed = ledger.confirmed().at(3);
    changed.purgeAt = QDateTime(QDate(2026, 12, 9), QTime(9, 0), Qt::UTC);
    OptOutEntry between = confirmedEntry(QStringLiteral("u-between"));
    between.optedOutAt = ledger.confirmed().at(5).optedOutAt.addMSecs(500);
    ledger.applyConfirmed({changed, between}, {}, 2);
    QStringList order;
    for (const OptOutEntry &e : ledger.confirmed())
        order.append(e.user.id);
    QCOMPARE(order.indexOf(changed.user.id), 3);
    QCOMPARE(order.indexOf(QStringLiteral("u-between")), 5);
    QCOMPARE(ledger.confirmedEntry(changed.user.id)->purgeAt, changed.purgeAt);
    for (qsizetype i = 1; i < ledger.confirmed().size(); ++i)
        QVERIFY(ledger.confirmed().at(i - 1).optedOutAt >= ledger.confirmed().at(i).optedOutAt);
}

void TestLedger::pendingChangeTouchesItsUserOnly()
{
    OptOutLedger ledger;
    build(ledger, manyConfirmed(20000), 1, {});
    const PendingAction optIn = action(PendingAction::Type::OptIn, {QStringLiteral("u-1007")});
    OptOutLedger::Change change = ledger.setPending({optIn});
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-1007")});
    QVERIFY(change.rows.constFirst().leaving);
    QCOMPARE(change.stateChanged, QSet<QString> {QStringLiteral("u-1007")});
    // A pending opt-out of someone new besides: one new row, on top.
    const PendingAction optOut = action(PendingAction::Type::OptOut, {QStringLiteral("u-9")});
    change = ledger.setPending({optIn, optOut});
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-9")});
    QCOMPARE(ledger.rows().constFirst().entry.user.id, QStringLiteral("u-9"));
    // Both dropped: the two rows are back as they were, nothing else.
    change = ledger.setPending({});
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-1007")});
    QCOMPARE(change.removed, QStringList {QStringLiteral("u-9")});
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-1007")));
    QVERIFY(!ledger.isPending(QStringLiteral("u-1007")));
}

void TestLedger::confirmedPendingOptOutBecomesItsConfirmedRow()
{
    OptOutLedger ledger;
    const PendingAction optOut
        = action(PendingAction::Type::OptOut, {QStringLiteral("u-9")}, QStringLiteral("Asked"));
    build(ledger, manyConfirmed(5), 1, {optOut});
    QCOMPARE(ledger.via(QStringLiteral("u-9")), OptOutLedger::Via::Pending);
    // The service's entry arrives, then the action leaves the queue: the row stays, unpending.
    OptOutEntry entry = confirmedEntry(QStringLiteral("u-9"), QStringLiteral("Asked"));
    entry.optedOutAt = QDateTime(QDate(2026, 12, 5), QTime(10, 0, 1), Qt::UTC);
    OptOutLedger::Change change = ledger.confirmOptOuts({entry});
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-9")});
    QVERIFY(change.rows.constFirst().pending);
    change = ledger.setPending({});
    QCOMPARE(ids(change.rows), QStringList {QStringLiteral("u-9")});
    QVERIFY(!change.rows.constFirst().pending);
    QVERIFY(change.removed.isEmpty());
    QCOMPARE(ledger.via(QStringLiteral("u-9")), OptOutLedger::Via::Confirmed);
    QCOMPARE(ledger.rows().size(), 6);
}

void TestLedger::undoCancelsWhatIsNotSent()
{
    OptOutLedger ledger;
    PendingAction optOut
        = action(PendingAction::Type::OptOut, {QStringLiteral("u-3"), QStringLiteral("u-4")});
    optOut.actionId = 5;
    build(ledger, {}, 1, {optOut});
    ledger.rememberUndo(5, PendingAction::Type::OptOut, optOut.userIds, false, {});
    QVERIFY(ledger.canUndo(5));
    const OptOutLedger::UndoPlan plan = ledger.planUndo(5, false);
    QCOMPARE(plan.type, PendingAction::Type::OptOut);
    QCOMPARE(plan.cancelled, optOut.userIds);
    QVERIFY(plan.reversed.isEmpty());
    QVERIFY(!plan.storedDataGone);
}

void TestLedger::undoReversesWhatIsOnItsWay()
{
    OptOutLedger ledger;
    // Chunks of one action: the first on its way, the second still queued.
    PendingAction first = action(PendingAction::Type::OptIn, {QStringLiteral("u-2")});
    first.actionId = 6;
    PendingAction second = action(PendingAction::Type::OptIn, {QStringLiteral("u-3")});
    second.actionId = 6;
    build(ledger, {confirmedEntry(QStringLiteral("u-2")), confirmedEntry(QStringLiteral("u-3"))}, 1,
          {first, second});
    ledger.rememberUndo(6, PendingAction::Type::OptIn,
                        {QStringLiteral("u-2"), QStringLiteral("u-3")}, false, {});
    const OptOutLedger::UndoPlan sending = ledger.planUndo(6, true);
    QCOMPARE(sending.reversed, QStringList {QStringLiteral("u-2")});
    QCOMPARE(sending.cancelled, QStringList {QStringLiteral("u-3")});
    QCOMPARE(ledger.unsentOf(6, true), QSet<QString> {QStringLiteral("u-3")});
    // Confirmed (the queue empty): everything is reversed.
    ledger.setPending({});
    const OptOutLedger::UndoPlan confirmed = ledger.planUndo(6, false);
    QCOMPARE(confirmed.reversed, (QStringList {QStringLiteral("u-2"), QStringLiteral("u-3")}));
    QVERIFY(confirmed.cancelled.isEmpty());
}

void TestLedger::undoOfAnOptInPutsEachReasonBack()
{
    OptOutLedger ledger;
    PendingAction pendingOut
        = action(PendingAction::Type::OptOut, {QStringLiteral("u-5")}, QStringLiteral("Phone"));
    pendingOut.actionId = 3;
    build(ledger,
          {confirmedEntry(QStringLiteral("u-2"), QStringLiteral("GDPR")),
           confirmedEntry(QStringLiteral("u-3")),
           confirmedEntry(QStringLiteral("u-4"), QStringLiteral("GDPR"))},
          1, {pendingOut});
    const QStringList users {QStringLiteral("u-3"), QStringLiteral("u-2"), QStringLiteral("u-5"),
                             QStringLiteral("u-4")};
    QHash<QString, QString> before;
    for (const QString &id : users)
        before.insert(id, ledger.reasonOf(id));
    QCOMPARE(before.value(QStringLiteral("u-5")), QStringLiteral("Phone")); // the pending one's
    ledger.rememberUndo(8, PendingAction::Type::OptIn, users, false, before);
    const OptOutLedger::UndoPlan plan = ledger.planUndo(8, false);
    QCOMPARE(plan.type, PendingAction::Type::OptIn);
    QCOMPARE(plan.reversed, users);
    // One opt-out per reason, in the order of the users, each with the reason it had.
    QCOMPARE(plan.optOutsByReason.size(), 3);
    QCOMPARE(plan.optOutsByReason.at(0).first, QString());
    QCOMPARE(plan.optOutsByReason.at(0).second, QStringList {QStringLiteral("u-3")});
    QCOMPARE(plan.optOutsByReason.at(1).first, QStringLiteral("GDPR"));
    QCOMPARE(plan.optOutsByReason.at(1).second,
             (QStringList {QStringLiteral("u-2"), QStringLiteral("u-4")}));
    QCOMPARE(plan.optOutsByReason.at(2).first, QStringLiteral("Phone"));
    QCOMPARE(plan.optOutsByReason.at(2).second, QStringList {QStringLiteral("u-5")});
}

void TestLedger::undoOfADeletionSaysTheDataStaysGone()
{
    OptOutLedger ledger;
    build(ledger, {confirmedEntry(QStringLiteral("u-2"))}, 1, {});
    ledger.rememberUndo(4, PendingAction::Type::OptOut, {QStringLiteral("u-2")}, true, {});
    const OptOutLedger::UndoPlan plan = ledger.planUndo(4, false);
    QCOMPARE(plan.reversed, QStringList {QStringLiteral("u-2")});
    QVERIFY(plan.storedDataGone);
    // Not sent yet: cancelled, nothing was deleted.
    PendingAction queued = action(PendingAction::Type::OptOut, {QStringLiteral("u-2")}, {}, true);
    queued.actionId = 4;
    ledger.setPending({queued});
    QVERIFY(!ledger.planUndo(4, false).storedDataGone);
}

void TestLedger::undoOnceAndOnlyTheLastActions()
{
    OptOutLedger ledger;
    build(ledger, {}, 1, {});
    for (qint64 id = 1; id <= OptOutLedger::UndoableActions + 2; ++id)
        ledger.rememberUndo(id, PendingAction::Type::OptIn, {QStringLiteral("u-%1").arg(id)}, false,
                            {});
    QVERIFY(!ledger.canUndo(1));
    QVERIFY(!ledger.canUndo(2));
    QVERIFY(ledger.canUndo(3));
    QVERIFY(!ledger.takeUndo(3, false).isEmpty());
    QVERIFY(!ledger.canUndo(3)); // once
    QVERIFY(ledger.takeUndo(3, false).isEmpty());
    ledger.rememberUndo(0, PendingAction::Type::OptIn, {QStringLiteral("u-1")}, false, {});
    QVERIFY(!ledger.canUndo(0)); // nothing queued, nothing to undo
    ledger.clear();
    QVERIFY(!ledger.canUndo(OptOutLedger::UndoableActions + 2));
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
