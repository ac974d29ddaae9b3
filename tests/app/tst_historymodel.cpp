// HistoryModel over the real optout-server: paging as a view scrolls, filters, purges and
// reasons, a failure that keeps what is shown, the newest on top; and its rows per action (the
// entries of one request) as pages arrive: a group split across pages, entries without a request,
// a bulk action of 10,000 entries, one user's history entry by entry.
#include "apiclient.h"
#include "historymodel.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace {

// An audit entry as the service writes it: id "a-N" (newer entries have larger N), one second
// apart, by Ada Admin unless the directory's.
AuditEntry auditEntry(int n, const QString &action, const QString &requestId,
                      const QString &userId = {})
{
    AuditEntry e;
    e.id = QStringLiteral("a-%1").arg(n);
    e.at = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC).addSecs(n);
    e.action = action;
    e.requestId = requestId;
    e.userId = userId;
    if (!userId.isEmpty())
        e.userEmail = userId + QStringLiteral("@example.com");
    e.actorId = QStringLiteral("u-1");
    e.actorName = QStringLiteral("Ada Admin");
    e.actorEmail = QStringLiteral("admin@example.com");
    e.source = QStringLiteral("request");
    return e;
}

AuditEntry directoryEntry(int n, const QString &action, const QString &requestId,
                          const QString &userId, const QString &groupName)
{
    AuditEntry e = auditEntry(n, action, requestId, userId);
    e.actorId.clear();
    e.actorName.clear();
    e.actorEmail.clear();
    e.source = QStringLiteral("directory");
    OptOutCover cover;
    cover.kind = OptOutCover::Kind::Group;
    cover.ruleId = QStringLiteral("r-1");
    cover.groupId = QStringLiteral("g-1");
    cover.groupName = groupName;
    e.via = {cover};
    return e;
}

QString text(const HistoryModel &model, int row, int column, const QModelIndex &parent = {})
{
    return model.index(row, column, parent).data().toString();
}

} // namespace

class TestHistoryModel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void pagesAsAViewScrolls();
    void filters();
    void purgesAndReasons();
    void failureKeepsRows();
    void newestOnTopWithoutReset();
    void actionsAsPagesArrive();
    void actionSplitAcrossPages();
    void bulkOfTenThousandIsOneRow();
    void mixedActionsAndDirectory();
    void oneUsersHistoryIsFlat();

private:
    void optOut(const QString &userId, const QJsonObject &body = {});
    void optIn(const QString &userId);
    // Loads every page (as a view scrolled to the end would).
    void loadAll(HistoryModel &model);

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
};

void TestHistoryModel::init()
{
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("400"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    m_api = std::make_unique<ApiClient>(&m_network);
    m_api->setBaseUrl(m_server.baseUrl());
    m_api->setToken("demo-admin");
}

void TestHistoryModel::cleanup()
{
    m_api.reset();
    m_server.stop();
}

void TestHistoryModel::optOut(const QString &userId, const QJsonObject &body)
{
    QVERIFY(m_server
                .request("PUT", QStringLiteral("/api/v1/optouts/") + userId, "demo-admin",
                         body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson())
                .status
            < 300);
}

void TestHistoryModel::optIn(const QString &userId)
{
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + userId, "demo-admin")
                 .status,
             204);
}

void TestHistoryModel::loadAll(HistoryModel &model)
{
    for (int guard = 0; guard < 100; ++guard) {
        QTRY_VERIFY(!model.isLoading());
        if (!model.canFetchMore())
            return;
        model.fetchMore();
    }
    QFAIL("never complete");
}

void TestHistoryModel::pagesAsAViewScrolls()
{
    // 450 entries in two requests: three pages of 200, two actions of 225 entries each.
    QJsonArray ids;
    for (int i = 4; i < 229; ++i)
        ids.append(QStringLiteral("u-%1").arg(i));
    for (int round = 0; round < 2; ++round) {
        const QString key = round == 0 ? QStringLiteral("optOut") : QStringLiteral("optIn");
        QCOMPARE(m_server
                     .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                              QJsonDocument(QJsonObject {{key, ids}}).toJson())
                     .status,
                 200);
    }
    // (No QAbstractItemModelTester here: it calls fetchMore() itself. filters() has one.)
    HistoryModel model(m_api.get());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    QTRY_COMPARE(model.entryCount(), HistoryModel::PageSize);
    // Newest first: the opt-ins came last; the first page is 200 of their 225 entries.
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.index(0, 0).data(HistoryModel::ActionRole).toString(), QStringLiteral("opt_in"));
    QCOMPARE(model.rowCount(model.index(0, 0)), HistoryModel::PageSize);
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    model.fetchMore(); // while loading: ignored
    QTRY_COMPARE(model.entryCount(), 2 * HistoryModel::PageSize);
    // The opt-ins' 25 others joined their row; the opt-outs began a second one.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 225);
    QCOMPARE(model.rowCount(model.index(1, 0)), 175);
    QCOMPARE(inserted.size(), 3);
    loadAll(model);
    QCOMPARE(model.entryCount(), 450);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(1, 0)), 225);
    QVERIFY(model.isComplete());
    QVERIFY(!model.canFetchMore());
    QCOMPARE(model.index(1, 0).data(HistoryModel::ActionRole).toString(),
             QStringLiteral("opt_out"));
    QCOMPARE(model.index(1, 0).data(HistoryModel::EntryCountRole).toInt(), 225);
    QVERIFY(model.index(0, 0).data(HistoryModel::TimeRole).toDateTime()
            >= model.index(1, 0).data(HistoryModel::TimeRole).toDateTime());
}

void TestHistoryModel::filters()
{
    optOut(QStringLiteral("u-10"), {{QStringLiteral("reason"), QStringLiteral("first")}});
    optOut(QStringLiteral("u-11"));
    optIn(QStringLiteral("u-10"));
    HistoryModel model(m_api.get());
    QAbstractItemModelTester tester(&model);
    AuditFilter filter;
    filter.userId = QStringLiteral("u-10");
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, HistoryModel::ActionColumn).data().toString(),
             HistoryModel::actionText(QStringLiteral("opt_in")));
    QCOMPARE(model.index(1, HistoryModel::ReasonColumn).data().toString(), QStringLiteral("first"));
    QVERIFY(model.index(1, HistoryModel::UserColumn).data().toString().contains(u"@"));
    QVERIFY(model.index(1, HistoryModel::ByColumn).data().toString().contains(u"Ada Admin"));
    filter = {};
    filter.action = QStringLiteral("opt_out");
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 2);
    filter.actorId = QStringLiteral("u-2"); // the plain user never changed anything
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 0);
    filter = {};
    filter.since = QDateTime::currentDateTimeUtc().addSecs(60);
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 0);
    filter.since = QDateTime::currentDateTimeUtc().addSecs(-600);
    filter.until = QDateTime::currentDateTimeUtc().addSecs(60);
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 3);
}

void TestHistoryModel::purgesAndReasons()
{
    QCOMPARE(
        m_server
            .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                     R"({"events":[{"name":"x","timestamp":"2026-11-22T16:00:00Z","userId":"u-12"},
                              {"name":"x","timestamp":"2026-11-22T16:00:00Z","userId":"u-12"}]})")
            .status,
        200);
    optOut(QStringLiteral("u-12"),
           {{QStringLiteral("reason"), QStringLiteral("GDPR #1")},
            {QStringLiteral("deleteStoredEvents"), true}});
    HistoryModel model(m_api.get());
    AuditFilter filter;
    filter.action = QStringLiteral("purge");
    model.setFilter(filter);
    loadAll(model);
    QCOMPARE(model.rowCount(), 1);
    const QString action = model.index(0, HistoryModel::ActionColumn).data().toString();
    QVERIFY2(action.contains(u"2"), qPrintable(action));
    QCOMPARE(model.entry(0).count, 2);
    // Asked for by the administrator (deleteStoredEvents): theirs, not the service's.
    QVERIFY(!model.entry(0).actorId.isEmpty());
    QCOMPARE(model.entry(0).source, QStringLiteral("request"));
    const QString by = model.index(0, HistoryModel::ByColumn).data().toString();
    QVERIFY2(by.contains(u"Ada Admin"), qPrintable(by));
}

void TestHistoryModel::failureKeepsRows()
{
    optOut(QStringLiteral("u-13"));
    HistoryModel model(m_api.get());
    QSignalSpy failed(&model, &HistoryModel::loadFailed);
    model.fetchMore();
    QTRY_COMPARE(model.rowCount(), 1);
    m_server.stop();
    model.reload();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.isLoading());
    QVERIFY(model.canFetchMore()); // tries again when asked
}

// Only the entries newer than those shown are asked for and put on top: rows inserted, those
// below untouched. More than RefreshSize of them: loaded anew from the newest.
void TestHistoryModel::newestOnTopWithoutReset()
{
    const auto batch = [this](int from, int to) {
        QJsonArray ids;
        for (int i = from; i < to; ++i)
            ids.append(QStringLiteral("u-%1").arg(i));
        return m_server
            .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                     QJsonDocument(QJsonObject {{QStringLiteral("optOut"), ids}}).toJson())
            .status;
    };
    QCOMPARE(batch(20, 23), 200);
    HistoryModel model(m_api.get());
    QAbstractItemModelTester tester(&model);
    model.reload();
    loadAll(model);
    QCOMPARE(model.rowCount(), 1);
    const QPersistentModelIndex first(model.index(0, 0));
    const QPersistentModelIndex child(model.index(2, 0, first));
    QVERIFY(child.isValid());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.refreshNewest(); // nothing new
    QVERIFY(model.isRefreshing());
    QTRY_VERIFY(!model.isRefreshing());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(batch(23, 25), 200);
    optOut(QStringLiteral("u-30"));
    model.refreshNewest();
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(model.index(0, 0).data(HistoryModel::UserIdRole).toString(), QStringLiteral("u-30"));
    QCOMPARE(model.rowCount(model.index(1, 0)), 2);
    QCOMPARE(first.row(), 2);
    QCOMPARE(child.parent(), QModelIndex(first));
    QCOMPARE(model.rowCount(first), 3);
    QCOMPARE(model.entryCount(), 6);
    // More than a refresh asks for: from the newest again.
    QCOMPARE(batch(40, 40 + HistoryModel::RefreshSize + 1), 200);
    model.refreshNewest();
    QTRY_COMPARE(resets.size(), 1);
    loadAll(model);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowCount(model.index(0, 0)), HistoryModel::RefreshSize + 1);
}

// Pages appended: one action's entries are one row with them as children; an entry without a
// request (the service's own purge) and a rule entry alone in its request are rows of their own.
// Rows are appended, never reset.
void TestHistoryModel::actionsAsPagesArrive()
{
    HistoryModel model(nullptr);
    QAbstractItemModelTester tester(&model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    AuditEntry purge = auditEntry(96, QStringLiteral("purge"), {}, QStringLiteral("u-9"));
    purge.actorId.clear();
    purge.source = QStringLiteral("retention");
    purge.count = 5;
    AuditEntry rule = auditEntry(95, QStringLiteral("rule_created"), QStringLiteral("r2"));
    rule.ruleKind = QStringLiteral("group");
    rule.ruleGroupName = QStringLiteral("Works council");
    rule.count = 312;
    rule.reason = QStringLiteral("Works agreement");
    model.appendEntries(
        {auditEntry(99, QStringLiteral("opt_out"), QStringLiteral("r3"), QStringLiteral("u-1")),
         auditEntry(98, QStringLiteral("opt_out"), QStringLiteral("r3"), QStringLiteral("u-2")),
         auditEntry(97, QStringLiteral("opt_out"), QStringLiteral("r3"), QStringLiteral("u-3")),
         purge, rule});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.entryCount(), 5);
    QCOMPARE(inserted.size(), 1);
    const QModelIndex action = model.index(0, 0);
    QCOMPARE(model.rowCount(action), 3);
    QVERIFY(model.hasChildren(action));
    QCOMPARE(action.data(HistoryModel::EntryCountRole).toInt(), 3);
    QCOMPARE(text(model, 0, HistoryModel::ActionColumn), QStringLiteral("Opted out 3 user(s)"));
    QCOMPARE(text(model, 0, HistoryModel::UserColumn), QStringLiteral("3 user(s)"));
    QCOMPARE(text(model, 0, HistoryModel::ByColumn),
             QStringLiteral("Ada Admin <admin@example.com>"));
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model.index(row, 0, action).data(HistoryModel::UserIdRole).toString(),
                 QStringLiteral("u-%1").arg(row + 1));
        QCOMPARE(text(model, row, HistoryModel::ActionColumn, action), QStringLiteral("Opt-out"));
        QVERIFY(!model.hasChildren(model.index(row, 0, action)));
    }
    QVERIFY(!model.hasChildren(model.index(1, 0)));
    QCOMPARE(text(model, 1, HistoryModel::ActionColumn),
             QStringLiteral("Stored data deleted (5 event(s))"));
    QCOMPARE(text(model, 1, HistoryModel::ByColumn), QStringLiteral("The service"));
    QCOMPARE(text(model, 2, HistoryModel::ActionColumn),
             QStringLiteral("Rule created (312 user(s) opted out)"));
    QCOMPARE(text(model, 2, HistoryModel::UserColumn), QStringLiteral("Group: Works council"));
    QCOMPARE(text(model, 2, HistoryModel::ReasonColumn), QStringLiteral("Works agreement"));

    model.appendEntries(
        {auditEntry(94, QStringLiteral("opt_in"), QStringLiteral("r1"), QStringLiteral("u-4")),
         auditEntry(93, QStringLiteral("opt_out"), QStringLiteral("r0"), QStringLiteral("u-5")),
         auditEntry(92, QStringLiteral("opt_out"), QStringLiteral("r0"), QStringLiteral("u-6"))});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(text(model, 3, HistoryModel::ActionColumn), QStringLiteral("Opt-in"));
    QCOMPARE(text(model, 4, HistoryModel::ActionColumn), QStringLiteral("Opted out 2 user(s)"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 3); // untouched
    // Newest first.
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.index(row - 1, 0).data(HistoryModel::TimeRole).toDateTime()
                > model.index(row, 0).data(HistoryModel::TimeRole).toDateTime());
}

// A request's entries split by a page boundary, even over three pages, are one row: the row
// grows by rows inserted under it, its text changes, the rows after it come after it.
void TestHistoryModel::actionSplitAcrossPages()
{
    HistoryModel model(nullptr);
    QAbstractItemModelTester tester(&model);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    const QString r = QStringLiteral("4f9c");
    model.appendEntries(
        {auditEntry(50, QStringLiteral("opt_in"), QStringLiteral("x"), QStringLiteral("u-8")),
         auditEntry(49, QStringLiteral("opt_out"), r, QStringLiteral("u-1"))});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!model.hasChildren(model.index(1, 0))); // one entry so far: a row of its own
    QCOMPARE(text(model, 1, HistoryModel::ActionColumn), QStringLiteral("Opt-out"));
    inserted.clear();
    model.appendEntries({auditEntry(48, QStringLiteral("opt_out"), r, QStringLiteral("u-2")),
                         auditEntry(47, QStringLiteral("opt_out"), r, QStringLiteral("u-3"))});
    // Became an action of three: its first entry is its first child.
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 1);
    const QModelIndex action = model.index(1, 0);
    QCOMPARE(inserted.at(0).at(0).value<QModelIndex>(), action);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.constLast().at(0).value<QModelIndex>(), action);
    QCOMPARE(model.rowCount(action), 3);
    QCOMPARE(text(model, 1, HistoryModel::ActionColumn), QStringLiteral("Opted out 3 user(s)"));
    inserted.clear();
    model.appendEntries({auditEntry(46, QStringLiteral("opt_out"), r, QStringLiteral("u-4")),
                         auditEntry(45, QStringLiteral("opt_out"), {}, QStringLiteral("u-7"))});
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3); // appended under the action
    QCOMPARE(inserted.at(0).at(2).toInt(), 3);
    QCOMPARE(inserted.at(1).at(0).value<QModelIndex>(), QModelIndex());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowCount(action), 4);
    for (int row = 0; row < 4; ++row)
        QCOMPARE(model.index(row, 0, action).data(HistoryModel::UserIdRole).toString(),
                 QStringLiteral("u-%1").arg(row + 1));
    QCOMPARE(model.index(2, 0).data(HistoryModel::UserIdRole).toString(), QStringLiteral("u-7"));
    // Entries without a request stay single, even side by side.
    model.appendEntries({auditEntry(44, QStringLiteral("opt_out"), {}, QStringLiteral("u-5")),
                         auditEntry(43, QStringLiteral("opt_out"), {}, QStringLiteral("u-6"))});
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.entryCount(), 8);
}

// A bulk opt-out of 10,000 users arrives over 50 pages of 200: one row with 10,000 children in
// the service's order, each page added as rows under it (200 rows, one signal), none reset.
void TestHistoryModel::bulkOfTenThousandIsOneRow()
{
    constexpr int Bulk = 10000;
    HistoryModel model(nullptr);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QList<AuditEntry> all;
    int n = Bulk + 10;
    all.append(
        auditEntry(n--, QStringLiteral("opt_in"), QStringLiteral("before"), QStringLiteral("u-0")));
    for (int i = 0; i < Bulk; ++i)
        all.append(auditEntry(n--, QStringLiteral("opt_out"), QStringLiteral("bulk"),
                              QStringLiteral("u-%1").arg(i + 1)));
    all.append(
        auditEntry(n--, QStringLiteral("opt_out"), QStringLiteral("after"), QStringLiteral("u-0")));
    for (qsizetype from = 0; from < all.size(); from += HistoryModel::PageSize) {
        const int signalsBefore = int(inserted.size());
        model.appendEntries(all.mid(from, HistoryModel::PageSize));
        if (from >= 2 * HistoryModel::PageSize && from + HistoryModel::PageSize < Bulk) {
            // A page inside the bulk: its 200 rows under the action, in one signal.
            QCOMPARE(inserted.size(), signalsBefore + 1);
            QCOMPARE(inserted.constLast().at(0).value<QModelIndex>(), model.index(1, 0));
            QCOMPARE(inserted.constLast().at(2).toInt() - inserted.constLast().at(1).toInt() + 1,
                     int(HistoryModel::PageSize));
        }
    }
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.entryCount(), Bulk + 2);
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex bulk = model.index(1, 0);
    QCOMPARE(model.rowCount(bulk), Bulk);
    QCOMPARE(bulk.data(HistoryModel::EntryCountRole).toInt(), Bulk);
    QCOMPARE(text(model, 1, HistoryModel::ActionColumn),
             QStringLiteral("Opted out %1 user(s)").arg(Bulk));
    QCOMPARE(text(model, 1, HistoryModel::UserColumn), QStringLiteral("%1 user(s)").arg(Bulk));
    for (int row = 0; row < Bulk; row += 997)
        QCOMPARE(model.index(row, 0, bulk).data(HistoryModel::UserIdRole).toString(),
                 QStringLiteral("u-%1").arg(row + 1));
    QCOMPARE(model.index(Bulk - 1, 0, bulk).data(HistoryModel::UserIdRole).toString(),
             QStringLiteral("u-%1").arg(Bulk));
    QCOMPARE(model.index(2, 0).data(HistoryModel::RequestIdRole).toString(),
             QStringLiteral("after"));
    QCOMPARE(model.index(Bulk - 1, 0, bulk).parent(), bulk);
}

// What an action's row says when its entries differ: an opt-out with its deletion, a batch of
// opt-outs and opt-ins, the directory's changes through a group (and its rule removed).
void TestHistoryModel::mixedActionsAndDirectory()
{
    HistoryModel model(nullptr);
    QAbstractItemModelTester tester(&model);
    AuditEntry deleted
        = auditEntry(29, QStringLiteral("purge"), QStringLiteral("d"), QStringLiteral("u-1"));
    deleted.count = 5;
    AuditEntry reasoned
        = auditEntry(30, QStringLiteral("opt_out"), QStringLiteral("d"), QStringLiteral("u-1"));
    reasoned.reason = QStringLiteral("GDPR request #4411");
    AuditEntry ruleGone = directoryEntry(24, QStringLiteral("rule_deleted"), QStringLiteral("s2"),
                                         {}, QStringLiteral("Sales"));
    ruleGone.via.clear();
    ruleGone.ruleKind = QStringLiteral("group");
    ruleGone.ruleGroupName = QStringLiteral("Sales");
    ruleGone.count = 2;
    model.appendEntries(
        {reasoned, deleted,
         auditEntry(28, QStringLiteral("opt_out"), QStringLiteral("b"), QStringLiteral("u-2")),
         auditEntry(27, QStringLiteral("opt_in"), QStringLiteral("b"), QStringLiteral("u-3")),
         auditEntry(26, QStringLiteral("opt_out"), QStringLiteral("b"), QStringLiteral("u-4")),
         directoryEntry(26, QStringLiteral("opt_out"), QStringLiteral("s1"), QStringLiteral("u-5"),
                        QStringLiteral("Works council")),
         directoryEntry(25, QStringLiteral("opt_out"), QStringLiteral("s1"), QStringLiteral("u-6"),
                        QStringLiteral("Works council")),
         ruleGone,
         directoryEntry(23, QStringLiteral("opt_in"), QStringLiteral("s2"), QStringLiteral("u-7"),
                        QStringLiteral("Sales")),
         directoryEntry(22, QStringLiteral("opt_in"), QStringLiteral("s2"), QStringLiteral("u-8"),
                        QStringLiteral("Sales"))});
    QCOMPARE(model.rowCount(), 4);
    // One user's opt-out with the deletion of their stored data: that user, the reason.
    QCOMPARE(text(model, 0, HistoryModel::ActionColumn),
             QStringLiteral("Opted out 1 user(s); stored data deleted (5 event(s))"));
    QCOMPARE(text(model, 0, HistoryModel::UserColumn), QStringLiteral("u-1@example.com"));
    QCOMPARE(model.index(0, 0).data(HistoryModel::UserIdRole).toString(), QStringLiteral("u-1"));
    QCOMPARE(text(model, 0, HistoryModel::ReasonColumn), QStringLiteral("GDPR request #4411"));
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(text(model, 1, HistoryModel::ActionColumn),
             QStringLiteral("Opted out 2 user(s), opted in 1 user(s)"));
    QCOMPARE(text(model, 1, HistoryModel::UserColumn), QStringLiteral("3 user(s)"));
    QVERIFY(model.index(1, 0).data(HistoryModel::UserIdRole).toString().isEmpty());
    QVERIFY(text(model, 1, HistoryModel::ViaColumn).isEmpty());
    // The directory's: by the directory, through the group.
    QCOMPARE(text(model, 2, HistoryModel::ActionColumn), QStringLiteral("Opted out 2 user(s)"));
    QCOMPARE(text(model, 2, HistoryModel::ByColumn), QStringLiteral("The directory"));
    QCOMPARE(text(model, 2, HistoryModel::ViaColumn), QStringLiteral("Group: Works council"));
    QCOMPARE(text(model, 0, HistoryModel::ViaColumn, model.index(2, 0)),
             QStringLiteral("Group: Works council"));
    QCOMPARE(text(model, 3, HistoryModel::ActionColumn),
             QStringLiteral("Rule removed (2 user(s) opted back in)"));
    QCOMPARE(text(model, 3, HistoryModel::UserColumn), QStringLiteral("Group: Sales"));
    QCOMPARE(text(model, 3, HistoryModel::ByColumn), QStringLiteral("The directory"));
    QCOMPARE(model.index(3, 0).data(HistoryModel::ActionRole).toString(),
             QStringLiteral("rule_deleted"));
    QCOMPARE(model.rowCount(model.index(3, 0)), 3);
    QCOMPARE(text(model, 1, HistoryModel::ViaColumn, model.index(3, 0)),
             QStringLiteral("Group: Sales"));
}

// Filtered to one user, the history is theirs entry by entry: nothing grouped.
void TestHistoryModel::oneUsersHistoryIsFlat()
{
    HistoryModel model(nullptr);
    QAbstractItemModelTester tester(&model);
    AuditFilter filter;
    filter.userId = QStringLiteral("u-1");
    model.setFilter(filter);
    QVERIFY(!model.isGrouped());
    AuditEntry deleted
        = auditEntry(9, QStringLiteral("purge"), QStringLiteral("d"), QStringLiteral("u-1"));
    deleted.count = 2;
    model.appendEntries(
        {auditEntry(10, QStringLiteral("opt_out"), QStringLiteral("d"), QStringLiteral("u-1")),
         deleted,
         auditEntry(8, QStringLiteral("opt_in"), QStringLiteral("c"), QStringLiteral("u-1"))});
    model.appendEntries(
        {auditEntry(7, QStringLiteral("opt_out"), QStringLiteral("c"), QStringLiteral("u-1"))});
    QCOMPARE(model.rowCount(), 4);
    for (int row = 0; row < 4; ++row)
        QVERIFY(!model.hasChildren(model.index(row, 0)));
    QCOMPARE(text(model, 0, HistoryModel::ActionColumn), QStringLiteral("Opt-out"));
    model.setFilter({});
    QVERIFY(model.isGrouped());
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
