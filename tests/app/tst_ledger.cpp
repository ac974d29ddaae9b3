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

} // namespace

class TestLedger : public QObject
{
    Q_OBJECT
private slots:
    void confirmedOnly();
    void pendingOptOutComesFirstWithItsReason();
    void pendingOptInKeepsTheRowLeaving();
    void laterChangeWins();
    void pendingDeletionShowsNoDate();
    void clearForgetsEverything();
};

void TestLedger::confirmedOnly()
{
    OptOutLedger ledger;
    const QList<OptOutEntry> rows = ledger.rebuild(
        {confirmedEntry(QStringLiteral("u-2"), QStringLiteral("GDPR"))}, 7, {}, kMe);
    QCOMPARE(ledger.revision(), 7);
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-2")));
    QVERIFY(!ledger.isPending(QStringLiteral("u-2")));
    QCOMPARE(ledger.via(QStringLiteral("u-2")), OptOutLedger::Via::Confirmed);
    QCOMPARE(ledger.via(QStringLiteral("u-3")), OptOutLedger::Via::None);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).reason, QStringLiteral("GDPR"));
}

void TestLedger::pendingOptOutComesFirstWithItsReason()
{
    OptOutLedger ledger;
    const User known {QStringLiteral("u-3"), QStringLiteral("zoe@example.com"),
                      QStringLiteral("Zoë")};
    const QList<OptOutEntry> rows
        = ledger.rebuild({confirmedEntry(QStringLiteral("u-2"))}, 1,
                         {action(PendingAction::Type::OptOut, {QStringLiteral("u-3")},
                                 QStringLiteral("Asked by phone"))},
                         kMe, [&known](const QString &id) -> const User * {
                             return id == known.id ? &known : nullptr;
                         });
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
        = ledger.rebuild({confirmedEntry(QStringLiteral("u-2"), QStringLiteral("GDPR"))}, 1,
                         {action(PendingAction::Type::OptIn, {QStringLiteral("u-2")})}, kMe);
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
        = ledger.rebuild({}, 1,
                         {action(PendingAction::Type::OptOut, {QStringLiteral("u-4")}),
                          action(PendingAction::Type::OptIn, {QStringLiteral("u-4")}),
                          action(PendingAction::Type::OptOut, {QStringLiteral("u-5")}),
                          action(PendingAction::Type::OptIn, {QStringLiteral("u-5")}),
                          action(PendingAction::Type::OptOut, {QStringLiteral("u-5")})},
                         kMe);
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-4")));
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-5")));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).user.id, QStringLiteral("u-5"));
}

void TestLedger::pendingDeletionShowsNoDate()
{
    const QDateTime purgeAt(QDate(2026, 12, 7), QTime(9, 0), Qt::UTC);
    OptOutLedger ledger;
    const QList<OptOutEntry> rows = ledger.rebuild(
        {confirmedEntry(QStringLiteral("u-2"), {}, purgeAt),
         confirmedEntry(QStringLiteral("u-3"), {}, purgeAt)},
        1, {action(PendingAction::Type::OptOut, {QStringLiteral("u-2")}, {}, true)}, kMe);
    QCOMPARE(rows.size(), 2);
    QVERIFY(!rows.at(0).purgeAt.isValid()); // being deleted now
    QCOMPARE(rows.at(1).purgeAt, purgeAt);
    QVERIFY(ledger.isOptedOut(QStringLiteral("u-2")));
}

void TestLedger::clearForgetsEverything()
{
    OptOutLedger ledger;
    (void)ledger.rebuild({confirmedEntry(QStringLiteral("u-2"))}, 3,
                         {action(PendingAction::Type::OptOut, {QStringLiteral("u-3")})}, kMe);
    ledger.clear();
    QCOMPARE(ledger.revision(), -1);
    QVERIFY(!ledger.isOptedOut(QStringLiteral("u-2")));
    QVERIFY(!ledger.isPending(QStringLiteral("u-3")));
}

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
