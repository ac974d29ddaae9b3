// HistoryModel over the real optout-server: paging as a view scrolls, filters, purges and
// reasons, a failure that keeps what is shown.
#include "apiclient.h"
#include "historymodel.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

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
    // 450 entries: three pages of 200.
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
    QTRY_COMPARE(model.rowCount(), HistoryModel::PageSize);
    QCOMPARE(inserted.size(), 1);
    // Newest first: the opt-ins came last.
    QCOMPARE(model.index(0, 0).data(HistoryModel::ActionRole).toString(), QStringLiteral("opt_in"));
    QVERIFY(model.canFetchMore());
    model.fetchMore();
    model.fetchMore(); // while loading: ignored
    QTRY_COMPARE(model.rowCount(), 2 * HistoryModel::PageSize);
    QCOMPARE(inserted.size(), 2);
    loadAll(model);
    QCOMPARE(model.rowCount(), 450);
    QVERIFY(model.isComplete());
    QVERIFY(!model.canFetchMore());
    QCOMPARE(model.index(449, 0).data(HistoryModel::ActionRole).toString(),
             QStringLiteral("opt_out"));
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.index(r - 1, 0).data(HistoryModel::TimeRole).toDateTime()
                >= model.index(r, 0).data(HistoryModel::TimeRole).toDateTime());
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

QTEST_MAIN(TestHistoryModel)
#include "tst_historymodel.moc"
