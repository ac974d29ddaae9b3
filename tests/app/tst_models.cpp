// UserModel, OptOutModel and their proxies: contents, fine-grained signals, search and sort.
#include "optoutmodel.h"
#include "optoutproxymodel.h"
#include "textfold.h"
#include "usermodel.h"
#include "usersearchmodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

namespace {

User user(int n, const QString &name = {})
{
    return User {QStringLiteral("u-%1").arg(n), QStringLiteral("user%1@example.com").arg(n),
                 name.isEmpty() ? QStringLiteral("User %1").arg(n) : name};
}

QList<User> makeUsers(int count)
{
    QList<User> list;
    for (int i = 0; i < count; ++i)
        list.append(user(i));
    return list;
}

OptOutEntry entry(int n, int minutesAgo = 0, const QString &name = {})
{
    const QDateTime base(QDate(2026, 11, 22), QTime(16, 0), Qt::UTC);
    return OptOutEntry {user(n, name), base.addSecs(-60 * minutesAgo),
                        User {QStringLiteral("u-admin"), QStringLiteral("admin@example.com"),
                              QStringLiteral("Ada Admin")},
                        QString(), QDateTime(), {}};
}

QList<OptOutEntry> entries(int count)
{
    QList<OptOutEntry> list;
    for (int i = 0; i < count; ++i)
        list.append(entry(i, i));
    return list;
}

// Counts the structural and data signals of a model.
struct Signals
{
    explicit Signals(QAbstractItemModel *model)
        : reset(model, &QAbstractItemModel::modelReset)
        , inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , layout(model, &QAbstractItemModel::layoutChanged)
    {
    }
    QSignalSpy reset;
    QSignalSpy inserted;
    QSignalSpy removed;
    QSignalSpy changed;
    QSignalSpy layout;
    void clear()
    {
        reset.clear();
        inserted.clear();
        removed.clear();
        changed.clear();
        layout.clear();
    }
};

QStringList proxyIds(const QAbstractItemModel &model, int role)
{
    QStringList ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.append(model.index(r, 0).data(role).toString());
    return ids;
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT

private slots:
    void bulkCheckIsOneChangePerRun();
    void folding_data();
    void folding();
    void userModelFirstLoadIsReset();
    void userModelDiffs();
    void userModelOptOutState();
    void optOutModelColumnsAndRoles();
    void optOutModelKeepsChecksAcrossRefresh();
    void optOutModelOneRowChangeIsFineGrained();
    void optOutModelScatteredRemovals();
    void optOutModelSetAllChecked();
    void optOutModelDatesFollowLocale();
    void optOutModelReasonAndPlannedDeletion();
    void userSearchAccentInsensitive_data();
    void userSearchAccentInsensitive();
    void userSearchNarrowsAndWidens();
    void userSearchFollowsSource();
    void userSearchLarge();
    void userSearchWordsInAnyOrder_data();
    void userSearchWordsInAnyOrder();
    void userSearchRankFollowsSource();
    void userSearchWholeWordsFirst_data();
    void userSearchWholeWordsFirst();
    void userKeysSurviveManyChanges();
    void userUpdateInBackground();
    void userUpdateNewestWins();
    void userUpdateDroppedBySetUsers();
    void userUpdateScatteredChanges();
    void optOutProxyFilterAndSort();
};

void TestModels::folding_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::newRow("ascii") << QStringLiteral("Ada ADMIN") << QStringLiteral("ada admin");
    QTest::newRow("diaeresis") << QStringLiteral("Zoë") << QStringLiteral("zoe");
    QTest::newRow("o slash") << QStringLiteral("Østergaard") << QStringLiteral("ostergaard");
    QTest::newRow("sharp s") << QStringLiteral("Strauß") << QStringLiteral("strauss");
    QTest::newRow("ae") << QStringLiteral("Ærø") << QStringLiteral("aero");
    QTest::newRow("acute") << QStringLiteral("Élodie Lefèvre") << QStringLiteral("elodie lefevre");
    QTest::newRow("polish l") << QStringLiteral("Łukasz") << QStringLiteral("lukasz");
    QTest::newRow("ring") << QStringLiteral("Åsa Ångström") << QStringLiteral("asa angstrom");
    QTest::newRow("ligature") << QStringLiteral("ﬁnn") << QStringLiteral("finn");
}

void TestModels::folding()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QCOMPARE(foldForSearch(text), folded);
}

void TestModels::userModelFirstLoadIsReset()
{
    UserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Signals spy(&model);
    model.setUsers(makeUsers(10));
    QCOMPARE(spy.reset.count(), 1);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.columnCount(), int(UserModel::ColumnCount));
    QCOMPARE(model.index(3, UserModel::NameColumn).data().toString(), QStringLiteral("User 3"));
    QCOMPARE(model.index(3, UserModel::EmailColumn).data().toString(),
             QStringLiteral("user3@example.com"));
    QCOMPARE(model.index(3, 0).data(UserModel::UserIdRole).toString(), QStringLiteral("u-3"));
    QCOMPARE(model.index(3, 0).data(UserModel::LabelRole).toString(),
             QStringLiteral("User 3 <user3@example.com>"));
    QCOMPARE(model.rowOfKey(QStringLiteral("u-7")), 7);
    QVERIFY(model.userById(QStringLiteral("u-7")));
    QVERIFY(!model.userById(QStringLiteral("nope")));
}

void TestModels::userModelDiffs()
{
    UserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUsers(makeUsers(10));
    Signals spy(&model);

    // One renamed user: one dataChanged, nothing else.
    QList<User> list = makeUsers(10);
    list[4].name = QStringLiteral("Zoë de Vries");
    model.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.inserted.count(), 0);
    QCOMPARE(spy.removed.count(), 0);
    QCOMPARE(spy.changed.count(), 1);
    QCOMPARE(spy.changed.first().at(0).toModelIndex().row(), 4);
    QCOMPARE(spy.changed.first().at(1).toModelIndex().row(), 4);
    const auto roles = spy.changed.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(UserModel::FoldedKeyRole));
    QCOMPARE(model.index(4, 0).data(UserModel::FoldedKeyRole).toString(),
             QStringLiteral("zoe de vries\nuser4@example.com"));

    // One user added, one removed.
    spy.clear();
    list.removeAt(2);
    list.append(user(42));
    model.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.removed.count(), 1);
    QCOMPARE(spy.removed.first().at(1).toInt(), 2);
    QCOMPARE(spy.inserted.count(), 1);
    QCOMPARE(spy.changed.count(), 0);
    QCOMPARE(model.rowCount(), 10);
    QVERIFY(model.rowOfKey(QStringLiteral("u-42")) >= 0);
    QCOMPARE(model.rowOfKey(QStringLiteral("u-2")), -1);

    // The same list again: no signal at all.
    spy.clear();
    model.setUsers(list);
    QCOMPARE(spy.reset.count() + spy.removed.count() + spy.inserted.count() + spy.changed.count(),
             0);
}

void TestModels::userModelOptOutState()
{
    UserModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setUsers(makeUsers(10));
    Signals spy(&model);
    model.setOptOutState({QStringLiteral("u-3")}, {});
    QCOMPARE(spy.changed.count(), 1);
    QCOMPARE(spy.changed.first().at(0).toModelIndex().row(), 3);
    QVERIFY(spy.changed.first().at(2).value<QList<int>>().contains(UserModel::OptedOutRole));
    QVERIFY(model.index(3, 0).data(UserModel::OptedOutRole).toBool());
    QVERIFY(!model.index(3, 0).flags().testFlag(Qt::ItemIsEnabled));
    QVERIFY(model.index(4, 0).flags().testFlag(Qt::ItemIsEnabled));

    spy.clear();
    model.setOptOutState({QStringLiteral("u-3")}, {QStringLiteral("u-5")});
    QCOMPARE(spy.changed.count(), 1);
    QCOMPARE(spy.changed.first().at(0).toModelIndex().row(), 5);
    QVERIFY(model.index(5, 0).data(UserModel::PendingRole).toBool());
    QVERIFY(model.index(5, 0).data(Qt::FontRole).value<QFont>().italic());
}

// The Reason and "Deletion planned" columns: text, tooltip, sort values; a deletion done is a
// dataChanged of that row, never a reset; the proxy sorts both.
void TestModels::optOutModelReasonAndPlannedDeletion()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<OptOutEntry> list = entries(4);
    list[0].reason = QStringLiteral("GDPR request #4411");
    list[0].purgeAt = list[0].optedOutAt.addDays(7);
    list[2].reason = QStringLiteral("asked by phone");
    list[2].purgeAt = list[2].optedOutAt.addDays(3);
    model.setEntries(list, {});
    QCOMPARE(model.headerData(OptOutModel::ReasonColumn, Qt::Horizontal).toString(),
             QStringLiteral("Reason"));
    QCOMPARE(model.headerData(OptOutModel::PurgeAtColumn, Qt::Horizontal).toString(),
             QStringLiteral("Deletion planned"));
    QVERIFY(OptOutModel::isOptionalColumn(OptOutModel::ReasonColumn));
    QVERIFY(!OptOutModel::isOptionalColumn(OptOutModel::NameColumn));
    const int first = model.rowOfKey(list[0].user.id);
    QCOMPARE(model.index(first, OptOutModel::ReasonColumn).data().toString(), list[0].reason);
    QCOMPARE(model.index(first, OptOutModel::PurgeAtColumn).data().toString(),
             QLocale().toString(list[0].purgeAt.toLocalTime(), QLocale::ShortFormat));
    QCOMPARE(
        model.index(first, OptOutModel::PurgeAtColumn).data(OptOutModel::SortRole).toDateTime(),
        list[0].purgeAt);
    QVERIFY(model.index(first, OptOutModel::EmailColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLocale().toString(list[0].purgeAt.toLocalTime(), QLocale::LongFormat)));
    const int none = model.rowOfKey(list[1].user.id);
    QCOMPARE(model.index(none, OptOutModel::PurgeAtColumn).data().toString(), QStringLiteral("—"));
    QCOMPARE(model.index(none, OptOutModel::ReasonColumn).data().toString(), QString());
    QVERIFY(model.index(none, OptOutModel::NameColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("No stored usage data")));

    // Deleted now: one dataChanged of that row, with the display and tooltip roles.
    Signals spy(&model);
    list[0].purgeAt = QDateTime();
    model.setEntries(list, {});
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.changed.count(), 1);
    QCOMPARE(spy.changed.first().at(0).toModelIndex().row(), first);
    const auto roles = spy.changed.first().at(2).value<QList<int>>();
    QVERIFY(roles.contains(Qt::DisplayRole));
    QVERIFY(roles.contains(Qt::ToolTipRole));
    QCOMPARE(model.index(first, OptOutModel::PurgeAtColumn).data().toString(), QStringLiteral("—"));

    OptOutProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(OptOutModel::PurgeAtColumn, Qt::AscendingOrder);
    // Nothing planned first, then the soonest.
    QCOMPARE(proxy.index(3, 0).data(OptOutModel::UserIdRole).toString(), list[2].user.id);
    QVERIFY(!proxy.index(0, OptOutModel::PurgeAtColumn).data(OptOutModel::SortRole).isValid()
            || !proxy.index(0, OptOutModel::PurgeAtColumn)
                    .data(OptOutModel::SortRole)
                    .toDateTime()
                    .isValid());
    proxy.sort(OptOutModel::ReasonColumn, Qt::AscendingOrder);
    QCOMPARE(proxy.index(2, 0).data(OptOutModel::UserIdRole).toString(), list[2].user.id);
    QCOMPARE(proxy.index(3, 0).data(OptOutModel::UserIdRole).toString(), list[0].user.id);
}

void TestModels::optOutModelColumnsAndRoles()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(3), {QStringLiteral("u-1")});
    QCOMPARE(model.columnCount(), int(OptOutModel::ColumnCount));
    QCOMPARE(model.headerData(OptOutModel::NameColumn, Qt::Horizontal).toString(),
             QStringLiteral("Name"));
    QCOMPARE(model.headerData(OptOutModel::OptedOutAtColumn, Qt::Horizontal).toString(),
             QStringLiteral("Opted out on"));
    QCOMPARE(model.index(0, OptOutModel::EmailColumn).data().toString(),
             QStringLiteral("user0@example.com"));
    QCOMPARE(model.index(0, OptOutModel::OptedOutByColumn).data().toString(),
             QStringLiteral("Ada Admin"));
    QCOMPARE(model.index(0, OptOutModel::OptedOutAtColumn).data(OptOutModel::SortRole).toDateTime(),
             entry(0).optedOutAt);
    QVERIFY(model.index(0, OptOutModel::CheckColumn).flags().testFlag(Qt::ItemIsUserCheckable));
    QVERIFY(!model.index(0, OptOutModel::NameColumn).flags().testFlag(Qt::ItemIsUserCheckable));
    QCOMPARE(model.index(0, OptOutModel::CheckColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
    QVERIFY(!model.index(0, 0).data(OptOutModel::PendingRole).toBool());
    QVERIFY(model.index(1, 0).data(OptOutModel::PendingRole).toBool());
    QVERIFY(model.index(1, OptOutModel::NameColumn).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!model.index(0, OptOutModel::NameColumn).data(Qt::FontRole).isValid());
    // Only the check column takes a check state.
    QVERIFY(
        !model.setData(model.index(0, OptOutModel::NameColumn), Qt::Checked, Qt::CheckStateRole));
}

void TestModels::optOutModelKeepsChecksAcrossRefresh()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(5), {});
    QSignalSpy count(&model, &OptOutModel::checkedCountChanged);
    QVERIFY(
        model.setData(model.index(1, OptOutModel::CheckColumn), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(
        model.setData(model.index(3, OptOutModel::CheckColumn), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(count.count(), 2);
    QCOMPARE(count.last().at(0).toInt(), 2);
    QCOMPARE(model.checkedCount(), 2);
    QCOMPARE(model.overallCheckState(), Qt::PartiallyChecked);

    // A refresh where u-0 left and u-9 arrived; u-1 and u-3 stay checked.
    QList<OptOutEntry> fresh = entries(5);
    fresh.removeFirst();
    fresh.prepend(entry(9));
    model.setEntries(fresh, {});
    QCOMPARE(model.rowCount(), 5);
    QStringList checked = model.checkedUserIds();
    checked.sort();
    QCOMPARE(checked, (QStringList {QStringLiteral("u-1"), QStringLiteral("u-3")}));
    const int row9 = model.rowOfKey(QStringLiteral("u-9"));
    QCOMPARE(model.index(row9, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));

    // A checked row that leaves lowers the count.
    count.clear();
    fresh.removeAt(fresh.indexOf(entry(1, 1)));
    model.setEntries(fresh, {});
    QCOMPARE(model.checkedCount(), 1);
    QCOMPARE(count.count(), 1);
    QCOMPARE(count.first().at(0).toInt(), 1);
}

void TestModels::optOutModelOneRowChangeIsFineGrained()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(1000), {});
    Signals spy(&model);

    // One row becomes pending: exactly one dataChanged on that row with the pending roles.
    model.setEntries(entries(1000), {QStringLiteral("u-500")});
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.inserted.count(), 0);
    QCOMPARE(spy.removed.count(), 0);
    QCOMPARE(spy.changed.count(), 1);
    const QList<QVariant> args = spy.changed.first();
    QCOMPARE(args.at(0).toModelIndex().row(), model.rowOfKey(QStringLiteral("u-500")));
    QCOMPARE(args.at(1).toModelIndex().row(), args.at(0).toModelIndex().row());
    const auto roles = args.at(2).value<QList<int>>();
    QVERIFY(roles.contains(OptOutModel::PendingRole));
    QVERIFY(roles.contains(Qt::FontRole));
    QVERIFY(!roles.contains(Qt::CheckStateRole));

    // One new entry: one insert of one row, no reset.
    spy.clear();
    QList<OptOutEntry> more = entries(1000);
    more.prepend(entry(5000));
    model.setEntries(more, {});
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.inserted.count(), 1);
    QCOMPARE(spy.inserted.first().at(1).toInt(), spy.inserted.first().at(2).toInt());
    QCOMPARE(spy.removed.count(), 0);
    // The pending row's flag went away: one dataChanged.
    QCOMPARE(spy.changed.count(), 1);

    // One entry gone: one removal of one row.
    spy.clear();
    more.removeAt(10);
    model.setEntries(more, {});
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.removed.count(), 1);
    QCOMPARE(spy.removed.first().at(1).toInt(), spy.removed.first().at(2).toInt());
    QCOMPARE(spy.inserted.count(), 0);
    QCOMPARE(spy.changed.count(), 0);
    QCOMPARE(model.rowCount(), 1000);
}

void TestModels::optOutModelScatteredRemovals()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(2000), {});
    // Keep an eye on a survivor and a victim through persistent indexes.
    const QPersistentModelIndex survivor = model.index(1, OptOutModel::NameColumn);
    const QPersistentModelIndex victim = model.index(2, OptOutModel::NameColumn);
    QVERIFY(model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
    Signals spy(&model);
    QList<OptOutEntry> odd;
    const QList<OptOutEntry> all = entries(2000);
    for (int i = 1; i < all.size(); i += 2)
        odd.append(all.at(i));
    model.setEntries(odd, {});
    QCOMPARE(spy.reset.count(), 0);
    // 1000 scattered rows leave in a handful of signals, not 1000.
    QVERIFY(spy.removed.count() <= 1);
    QCOMPARE(model.rowCount(), 1000);
    QVERIFY(survivor.isValid());
    QCOMPARE(survivor.data().toString(), QStringLiteral("User 1"));
    QVERIFY(!victim.isValid());
    QCOMPARE(model.checkedUserIds(), QStringList {QStringLiteral("u-1")});
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.rowOfKey(model.index(r, 0).data(OptOutModel::UserIdRole).toString()), r);
}

void TestModels::optOutModelSetAllChecked()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(10), {});
    QVERIFY(model.setData(model.index(4, 0), Qt::Checked, Qt::CheckStateRole));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setAllChecked(true);
    QCOMPARE(model.checkedCount(), 10);
    QCOMPARE(model.overallCheckState(), Qt::Checked);
    QCOMPARE(changed.count(), 2); // rows 0-3 and 5-9
    for (const auto &args : std::as_const(changed))
        QCOMPARE(args.at(2).value<QList<int>>().first(), int(Qt::CheckStateRole));
    model.setAllChecked(false);
    QCOMPARE(model.checkedCount(), 0);
    QCOMPARE(model.overallCheckState(), Qt::Unchecked);
    QVERIFY(model.checkedUserIds().isEmpty());
}

void TestModels::optOutModelDatesFollowLocale()
{
    const QLocale saved;
    OptOutModel model;
    model.setEntries(entries(1), {});
    const QModelIndex at = model.index(0, OptOutModel::OptedOutAtColumn);
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString english = at.data().toString();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
    model.retranslate();
    const QString french = at.data().toString();
    QLocale::setDefault(saved);
    QCOMPARE(changed.count(), 1);
    QVERIFY(english != french);
    QCOMPARE(french,
             QLocale(QLocale::French, QLocale::France)
                 .toString(entry(0).optedOutAt.toLocalTime(), QLocale::ShortFormat));
}

void TestModels::userSearchAccentInsensitive_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");
    const QString zoe = QStringLiteral("u-0");
    const QString ole = QStringLiteral("u-1");
    const QString strauss = QStringLiteral("u-2");
    QTest::newRow("zoe") << QStringLiteral("zoe") << QStringList {zoe};
    QTest::newRow("ZOË") << QStringLiteral("ZOË") << QStringList {zoe};
    QTest::newRow("ostergaard") << QStringLiteral("ostergaard") << QStringList {ole};
    QTest::newRow("østergaard") << QStringLiteral("østergaard") << QStringList {ole};
    QTest::newRow("strauss") << QStringLiteral("strauss") << QStringList {strauss};
    QTest::newRow("STRAUß") << QStringLiteral("STRAUß") << QStringList {strauss};
    QTest::newRow("email") << QStringLiteral("USER1@") << QStringList {ole};
    QTest::newRow("all by domain")
        << QStringLiteral("example.com") << QStringList {zoe, ole, strauss};
    QTest::newRow("none") << QStringLiteral("xyz") << QStringList {};
    QTest::newRow("empty") << QString() << QStringList {zoe, ole, strauss};
}

void TestModels::userSearchAccentInsensitive()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    UserModel users;
    users.setUsers({user(0, QStringLiteral("Zoë de Vries")),
                    user(1, QStringLiteral("Ole Østergaard")),
                    user(2, QStringLiteral("Johann Strauß"))});
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    search.setQuery(query);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), expected);
    if (!expected.isEmpty()) {
        const QModelIndex first = search.index(0, 0);
        QVERIFY(first.data().toString().contains(QLatin1Char('<')));
        QCOMPARE(search.mapToSource(first).row(), search.sourceRow(0));
    }
}

void TestModels::userSearchNarrowsAndWidens()
{
    UserModel users;
    users.setUsers(makeUsers(200));
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    search.setQuery(QStringLiteral("user1"));
    QCOMPARE(search.rowCount(), 1 + 10 + 100); // 1, 10-19, 100-199
    search.setQuery(QStringLiteral("user19"));
    QCOMPARE(search.rowCount(), 1 + 10); // 19, 190-199
    search.setQuery(QStringLiteral("user199"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-199")});
    search.setQuery(QStringLiteral("user2"));
    QCOMPARE(search.rowCount(), 1 + 10); // 2, 20-29
    search.setQuery(QString());
    QCOMPARE(search.rowCount(), 200);
    QCOMPARE(search.proxyRow(150), 150);
    search.setQuery(QStringLiteral("user15"));
    QCOMPARE(search.proxyRow(150), 1);
    QCOMPARE(search.proxyRow(3), -1);
}

void TestModels::userSearchFollowsSource()
{
    UserModel users;
    users.setUsers(makeUsers(20));
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    search.setQuery(QStringLiteral("zoe"));
    QCOMPARE(search.rowCount(), 0);
    Signals spy(&search);

    // A renamed user starts to match: inserted, not reset.
    QList<User> list = makeUsers(20);
    list[7].name = QStringLiteral("Zoë Seven");
    users.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.inserted.count(), 1);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-7")});

    // A new matching user arrives, a non-matching one leaves.
    list.append(user(77, QStringLiteral("Zoe New")));
    list.removeAt(3);
    users.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(search.rowCount(), 2);
    QStringList ids = proxyIds(search, UserModel::UserIdRole);
    ids.sort();
    QCOMPARE(ids, (QStringList {QStringLiteral("u-7"), QStringLiteral("u-77")}));

    // Opting out a user disables it in the search, with a dataChanged.
    spy.clear();
    users.setOptOutState({QStringLiteral("u-7")}, {});
    QCOMPARE(spy.changed.count(), 1);
    const int row = search.proxyRow(users.rowOfKey(QStringLiteral("u-7")));
    QVERIFY(row >= 0);
    QVERIFY(!search.index(row, 0).flags().testFlag(Qt::ItemIsEnabled));
    QVERIFY(search.index(row, 0).data(UserModel::OptedOutRole).toBool());

    // Many scattered removals in the source (a layout change there) keep the search right.
    QList<User> few;
    for (int i = 0; i < list.size(); ++i) {
        if (i % 2 == 0 || list.at(i).id == QStringLiteral("u-7"))
            few.append(list.at(i));
    }
    for (int i = 0; i < 100; ++i)
        few.append(user(1000 + i));
    users.setUsers(few);
    users.setUsers(few.mid(0, 2) + few.mid(few.size() - 3));
    search.setQuery(QStringLiteral("user"));
    QCOMPARE(search.rowCount(), users.rowCount());
}

void TestModels::userSearchLarge()
{
    UserModel users;
    QList<User> list;
    for (int i = 0; i < 100000; ++i)
        list.append(User {
            QStringLiteral("u-%1").arg(i), QStringLiteral("person%1@example.com").arg(i),
            i == 73456 ? QStringLiteral("Zoë Østergaard") : QStringLiteral("Person %1").arg(i)});
    users.setUsers(list);
    UserSearchModel search(&users);
    search.setQuery(QStringLiteral("z"));
    search.setQuery(QStringLiteral("zo"));
    search.setQuery(QStringLiteral("zoe o"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-73456")});
    search.setQuery(QStringLiteral("person9999"));
    QCOMPARE(search.rowCount(), 11); // person9999@ and person99990@ to person99999@
}

void TestModels::userSearchWordsInAnyOrder_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // in the order shown
    const QString zoeV = QStringLiteral("u-0");
    const QString zoet = QStringLiteral("u-1");
    const QString zoe = QStringLiteral("u-2");
    const QString anna = QStringLiteral("u-3");
    QTest::newRow("surname first") << QStringLiteral("vermeulen zoe") << QStringList {zoeV};
    QTest::newRow("given name first") << QStringLiteral("zoe vermeulen") << QStringList {zoeV};
    QTest::newRow("case and accents") << QStringLiteral("VERMEULEN  ZOË") << QStringList {zoeV};
    QTest::newRow("word prefixes") << QStringLiteral("verm zo") << QStringList {zoeV};
    QTest::newRow("name and email words") << QStringLiteral("zoe example.org") << QStringList {zoe};
    QTest::newRow("email prefix") << QStringLiteral("zoe@") << QStringList {zoe};
    // Exact first, then prefix of the name or e-mail, then the rest in list order.
    QTest::newRow("ranked") << QStringLiteral("zoe") << QStringList {zoe, zoeV, zoet};
    QTest::newRow("no mid-word match") << QStringLiteral("meulen") << QStringList {};
    QTest::newRow("every word must match") << QStringLiteral("zoe vermeulen99") << QStringList {};
    QTest::newRow("pasted label") << QStringLiteral("Zoë Vermeulen <zoe.vermeulen@example.com>")
                                  << QStringList {zoeV};
    QTest::newRow("one word, two users") << QStringLiteral("vermeulen") << QStringList {zoeV, anna};
}

void TestModels::userSearchWordsInAnyOrder()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    UserModel users;
    users.setUsers(
        {User {QStringLiteral("u-0"), QStringLiteral("zoe.vermeulen@example.com"),
               QStringLiteral("Zoë Vermeulen")},
         User {QStringLiteral("u-1"), QStringLiteral("vincent.zoet@example.com"),
               QStringLiteral("Vincent Zoet")},
         User {QStringLiteral("u-2"), QStringLiteral("zoe@example.org"), QStringLiteral("Zoë")},
         User {QStringLiteral("u-3"), QStringLiteral("anna@example.com"),
               QStringLiteral("Anna Vermeulenzoe")}});
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Typed one key at a time, as the picker sees it, and as one fresh query.
    for (int length = 1; length <= query.size(); ++length)
        search.setQuery(query.left(length));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), expected);
    search.setQuery(QString());
    search.setQuery(query);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), expected);
    for (int row = 0; row < search.rowCount(); ++row)
        QCOMPARE(search.proxyRow(search.sourceRow(row)), row);
}

void TestModels::userSearchRankFollowsSource()
{
    UserModel users;
    QList<User> list = makeUsers(10);
    list[5].name = QStringLiteral("Olga Bakker");
    users.setUsers(list);
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    search.setQuery(QStringLiteral("olga"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-5")});
    Signals spy(&search);
    // A renamed user becomes an exact match: it moves to the top, without a reset.
    list[8].name = QStringLiteral("Olga");
    users.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole),
             (QStringList {QStringLiteral("u-8"), QStringLiteral("u-5")}));
    // New users arrive at the top of the source; each lands in its rank.
    list.prepend(User {QStringLiteral("u-20"), QStringLiteral("x@example.com"),
                       QStringLiteral("Bert Olgasdottir")});
    list.prepend(User {QStringLiteral("u-21"), QStringLiteral("olga@example.com"),
                       QStringLiteral("Olga Smit")});
    users.setUsers(list);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole),
             (QStringList {QStringLiteral("u-8"), QStringLiteral("u-21"), QStringLiteral("u-5"),
                           QStringLiteral("u-20")}));
    // Leaving users leave their rank.
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const User &u) { return u.id == QLatin1String("u-5"); }),
               list.end());
    users.setUsers(list);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole),
             (QStringList {QStringLiteral("u-8"), QStringLiteral("u-21"), QStringLiteral("u-20")}));
    for (int row = 0; row < search.rowCount(); ++row)
        QCOMPARE(search.proxyRow(search.sourceRow(row)), row);
}

// Homonyms: a user whose name or e-mail holds every query word whole comes before prefix
// matches ("dijk" is a word of "van Dijk", only the start of "Dijkstra"); among users of one
// name, the one whose e-mail holds the words whole comes first (zoe.visser@ before the
// numbered zoe.visser10380@ of a homonym), whatever the list order.
void TestModels::userSearchWholeWordsFirst_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // in the order shown
    const QString dijkstra = QStringLiteral("u-0");
    const QString dijkstra1 = QStringLiteral("u-1");
    const QString vanDijk = QStringLiteral("u-2");
    const QString visser10380 = QStringLiteral("u-3");
    const QString visser = QStringLiteral("u-4");
    QTest::newRow("jorien dijk") << QStringLiteral("jorien dijk")
                                 << QStringList {vanDijk, dijkstra, dijkstra1};
    QTest::newRow("dijk") << QStringLiteral("dijk") << QStringList {vanDijk, dijkstra, dijkstra1};
    QTest::newRow("visser zoe") << QStringLiteral("visser zoe")
                                << QStringList {visser, visser10380};
    QTest::newRow("zoe visser") << QStringLiteral("zoe visser")
                                << QStringList {visser, visser10380};
    QTest::newRow("Zoë Visser") << QStringLiteral("Zoë Visser")
                                << QStringList {visser, visser10380};
    QTest::newRow("e-mail") << QStringLiteral("zoe.visser10380@example.com")
                            << QStringList {visser10380};
}

void TestModels::userSearchWholeWordsFirst()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    UserModel users;
    users.setUsers({User {QStringLiteral("u-0"), QStringLiteral("jorien.dijkstra@example.com"),
                          QStringLiteral("Jorien Dijkstra")},
                    User {QStringLiteral("u-1"), QStringLiteral("jorien.dijkstra1@example.com"),
                          QStringLiteral("Jorien Dijkstra")},
                    User {QStringLiteral("u-2"), QStringLiteral("jorien.vandijk@example.com"),
                          QStringLiteral("Jorien van Dijk")},
                    User {QStringLiteral("u-3"), QStringLiteral("zoe.visser10380@example.com"),
                          QStringLiteral("Zoë Visser")},
                    User {QStringLiteral("u-4"), QStringLiteral("zoe.visser@example.com"),
                          QStringLiteral("Zoë Visser")}});
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int length = 1; length <= query.size(); ++length)
        search.setQuery(query.left(length));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), expected);
    search.setQuery(QString());
    search.setQuery(query);
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), expected);
    for (int row = 0; row < search.rowCount(); ++row)
        QCOMPARE(search.proxyRow(search.sourceRow(row)), row);
}

// The users' search keys live in one pool that changes leave garbage in; it is compacted as
// it grows, and every key stays right (e-mails that fold differently from themselves too).
void TestModels::userKeysSurviveManyChanges()
{
    UserModel users;
    QList<User> list;
    for (int i = 0; i < 500; ++i)
        list.append(User {QStringLiteral("u-%1").arg(i),
                          i % 2 ? QStringLiteral("user%1@example.com").arg(i)
                                : QStringLiteral("Ülla.%1@Example.COM").arg(i),
                          QStringLiteral("Person %1").arg(i)});
    users.setUsers(list);
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int round = 0; round < 6; ++round) {
        for (int i = 0; i < list.size(); ++i)
            list[i].name = QStringLiteral("Round%1 Åsa %2").arg(round).arg(i);
        users.setUsers(list);
    }
    const int row = users.rowOfKey(QStringLiteral("u-42"));
    QVERIFY(row >= 0);
    QCOMPARE(users.foldedKeyAt(row), QStringLiteral("round5 asa 42\nulla.42@example.com"));
    search.setQuery(QStringLiteral("asa ulla.42@"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-42")});
    search.setQuery(QStringLiteral("round5 user43@"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-43")});
    search.setQuery(QStringLiteral("round4"));
    QCOMPARE(search.rowCount(), 0);
    for (int i = 0; i < list.size(); ++i)
        QCOMPARE(users.rowOfKey(list.at(i).id) >= 0, true);
    QCOMPARE(users.rowOfKey(QStringLiteral("u-missing")), -1);
}

// A large list is matched on a worker thread: nothing changes until usersUpdated(), then the
// model holds the new list in order, without a reset, its keys and index right.
void TestModels::userUpdateInBackground()
{
    UserModel users;
    users.setBackgroundThreshold(1);
    QList<User> list = makeUsers(300);
    users.setUsers(list);
    UserSearchModel search(&users);
    QAbstractItemModelTester tester(&search,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    search.setQuery(QStringLiteral("user1"));
    const QPersistentModelIndex kept = users.index(users.rowOfKey(QStringLiteral("u-250")), 0);
    QVERIFY(kept.isValid());
    Signals spy(&users);
    QSignalSpy updated(&users, &UserModel::usersUpdated);

    list[10].name = QStringLiteral("Zoë Renamed");
    list.removeAt(5);
    std::swap(list[20], list[200]); // one user moves
    list.insert(100, user(1000));
    users.updateUsers(list);
    QVERIFY(users.isUpdating());
    QCOMPARE(users.rowCount(), 300); // not yet
    QCOMPARE(updated.count(), 0);
    QVERIFY(updated.wait(10000));
    QVERIFY(!users.isUpdating());
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(users.rowCount(), list.size());
    for (int r = 0; r < list.size(); ++r) {
        QCOMPARE(users.userAt(r).id, list.at(r).id);
        QCOMPARE(users.rowOfKey(list.at(r).id), r);
    }
    QCOMPARE(kept.row(), users.rowOfKey(QStringLiteral("u-250")));
    QCOMPARE(users.foldedKeyAt(users.rowOfKey(QStringLiteral("u-10"))),
             QStringLiteral("zoe renamed\nuser10@example.com"));
    search.setQuery(QStringLiteral("zoe"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-10")});
    search.setQuery(QStringLiteral("user1000"));
    QCOMPARE(proxyIds(search, UserModel::UserIdRole), QStringList {QStringLiteral("u-1000")});
}

// Lists given while one is being matched: only the newest ends up in the model.
void TestModels::userUpdateNewestWins()
{
    UserModel users;
    users.setBackgroundThreshold(1);
    users.setUsers(makeUsers(50));
    QSignalSpy updated(&users, &UserModel::usersUpdated);
    users.updateUsers(makeUsers(10));
    users.updateUsers(makeUsers(20));
    QList<User> last = makeUsers(30);
    last.append(user(99));
    users.updateUsers(last);
    QTRY_VERIFY(!users.isUpdating());
    QCOMPARE(updated.count(), 1);
    QCOMPARE(users.rowCount(), 31);
    QCOMPARE(users.rowOfKey(QStringLiteral("u-99")), 30);
    QCOMPARE(users.rowOfKey(QStringLiteral("u-30")), -1);
}

// setUsers() (e.g. the list emptied at sign-out) wins over a list still being matched.
void TestModels::userUpdateDroppedBySetUsers()
{
    UserModel users;
    users.setBackgroundThreshold(1);
    users.setUsers(makeUsers(50));
    users.updateUsers(makeUsers(40));
    users.setUsers({});
    QCOMPARE(users.rowCount(), 0);
    QTest::qWait(200);
    QTRY_VERIFY(!users.isUpdating());
    QCOMPARE(users.rowCount(), 0);
}

// Changes scattered through the list (more removed and added places than the fine-grained
// limit) arrive as one insert, one layout change and one remove; checked rows' persistent
// indexes follow, and the model is in the list's order.
void TestModels::userUpdateScatteredChanges()
{
    UserModel users;
    QAbstractItemModelTester tester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<User> list;
    for (int i = 0; i < 1000; ++i)
        list.append(user(i));
    users.setUsers(list);
    const QPersistentModelIndex kept = users.index(users.rowOfKey(QStringLiteral("u-501")), 1);
    const QPersistentModelIndex leaving = users.index(users.rowOfKey(QStringLiteral("u-500")), 0);
    Signals spy(&users);
    QSignalSpy layouts(&users, &QAbstractItemModel::layoutChanged);
    QList<User> next;
    for (int i = 0; i < 1000; ++i) {
        if (i % 10 == 0)
            continue; // 100 scattered removals
        next.append(list.at(i));
        if (i % 10 == 5)
            next.append(user(5000 + i)); // 100 scattered additions
    }
    users.setUsers(next);
    QCOMPARE(spy.reset.count(), 0);
    QCOMPARE(spy.inserted.count(), 1);
    QCOMPARE(spy.removed.count(), 1);
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(users.rowCount(), next.size());
    for (int r = 0; r < next.size(); ++r)
        QCOMPARE(users.userAt(r).id, next.at(r).id);
    QCOMPARE(kept.row(), users.rowOfKey(QStringLiteral("u-501")));
    QCOMPARE(kept.column(), 1);
    QVERIFY(!leaving.isValid());
}

void TestModels::optOutProxyFilterAndSort()
{
    OptOutModel model;
    QList<OptOutEntry> list {
        entry(1, 30, QStringLiteral("Zoë de Vries")), entry(2, 5, QStringLiteral("Ole Østergaard")),
        entry(3, 600, QStringLiteral("Ada Lovelace")), entry(4, 1, QStringLiteral("Bob"))};
    model.setEntries(list, {});
    OptOutProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    proxy.sort(OptOutModel::NameColumn, Qt::AscendingOrder);
    QCOMPARE(proxyIds(proxy, OptOutModel::UserIdRole),
             (QStringList {QStringLiteral("u-3"), QStringLiteral("u-4"), QStringLiteral("u-2"),
                           QStringLiteral("u-1")}));
    // By the real time, newest first (not by the text, which would put 15:59 before 15:55...).
    proxy.sort(OptOutModel::OptedOutAtColumn, Qt::DescendingOrder);
    QCOMPARE(proxyIds(proxy, OptOutModel::UserIdRole),
             (QStringList {QStringLiteral("u-4"), QStringLiteral("u-2"), QStringLiteral("u-1"),
                           QStringLiteral("u-3")}));
    // By check state.
    QVERIFY(model.setData(model.index(model.rowOfKey(QStringLiteral("u-1")), 0), Qt::Checked,
                          Qt::CheckStateRole));
    proxy.sort(OptOutModel::CheckColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(OptOutModel::UserIdRole).toString(), QStringLiteral("u-1"));

    proxy.setFilterText(QStringLiteral("ØSTER"));
    QCOMPARE(proxyIds(proxy, OptOutModel::UserIdRole), QStringList {QStringLiteral("u-2")});
    proxy.setFilterText(QStringLiteral("zoe"));
    QCOMPARE(proxyIds(proxy, OptOutModel::UserIdRole), QStringList {QStringLiteral("u-1")});
    proxy.setFilterText(QStringLiteral("user3@"));
    QCOMPARE(proxyIds(proxy, OptOutModel::UserIdRole), QStringList {QStringLiteral("u-3")});
    proxy.setFilterText(QString());
    QCOMPARE(proxy.rowCount(), 4);

    // A new entry arrives while sorted by time: it lands in its place.
    proxy.sort(OptOutModel::OptedOutAtColumn, Qt::DescendingOrder);
    list.append(entry(5, -10, QStringLiteral("Newest")));
    model.setEntries(list, {});
    QCOMPARE(proxy.index(0, 0).data(OptOutModel::UserIdRole).toString(), QStringLiteral("u-5"));
}

// The header box over a filter and Space over a selection: one change per run of rows, one count.
void TestModels::bulkCheckIsOneChangePerRun()
{
    OptOutModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEntries(entries(10), {});
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy counted(&model, &OptOutModel::checkedCountChanged);
    model.setChecked({7, 2, 3, 4, 9, 3}, Qt::Checked); // runs 2-4, 7, 9; 3 twice
    QCOMPARE(changed.count(), 3);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 4);
    QCOMPARE(counted.count(), 1);
    QCOMPARE(model.checkedCount(), 5);
    QCOMPARE(model.checkedCountOf({0, 2, 9}), 2);
    QCOMPARE(model.index(3, OptOutModel::CheckColumn).data(Qt::CheckStateRole).toInt(),
             int(Qt::Checked));
    changed.clear();
    model.setChecked({2, 3}, Qt::Checked); // nothing changes: no signal
    QCOMPARE(changed.count(), 0);
    model.setChecked({2, 3, 4, 7, 9}, Qt::Unchecked);
    QCOMPARE(model.checkedCount(), 0);
}

QTEST_MAIN(TestModels)
#include "tst_models.moc"
