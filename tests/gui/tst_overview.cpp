// View > Overview in the real window against the real service: the charts' series are what
// GET /api/v1/usage/enforcement reports after known events, opt-outs and deletions, refreshed
// with the lists, in the app's language.
#include "guitestsession.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "overviewdock.h"
#include "testserver.h"

#include <QChart>
#include <QChartView>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>
#include <QToolTip>

namespace {

QByteArray events(const QString &userId, int n)
{
    QJsonArray list;
    for (int i = 0; i < n; ++i) {
        list.append(
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test.event")},
                         {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                         {QStringLiteral("userId"), userId}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("events"), list}}).toJson();
}

qint64 number(const QJsonObject &o, const char *key, const char *inner = nullptr)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return qint64(inner ? v.toObject().value(QLatin1String(inner)).toDouble() : v.toDouble());
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void seriesAreTheServiceFigures();
    void refreshedWithTheLists();
    void hoverShowsTheDay();
    void frenchDatesAndNumbers();
    void periodOfTheEditors();

private:
    // The service's buckets for the dock's period.
    QJsonArray serviceBuckets(OverviewDock *dock);
    // Every series point against the service's buckets.
    void compareSeries(OverviewDock *dock);
    std::unique_ptr<GuiTestSession> openOverview(LanguageManager *languages);
    QLineSeries *series(OverviewDock *dock, OverviewDock::Chart chart, int i = 0);

    TestServer m_server;
    EnforcementModel *m_model = nullptr; // the open session's
};

void TestOverview::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("40"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    // Known work: 12 events of u-5 accepted; u-6 opted out with its 5 stored events deleted at
    // once, then 4 of its events discarded; u-7 opted out.
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-5"), 12))
                 .status,
             200);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-6"), 5))
                 .status,
             200);
    QCOMPARE(
        m_server
            .request(
                "PUT", QStringLiteral("/api/v1/optouts/u-6"), "demo-admin",
                QJsonDocument(QJsonObject {{QStringLiteral("deleteStoredEvents"), true}}).toJson())
            .status,
        201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-6"), 4))
                 .status,
             200);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-7"), "demo-admin").status,
             201);
}

std::unique_ptr<GuiTestSession> TestOverview::openOverview(LanguageManager *languages)
{
    auto session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", languages);
    if (!QTest::qWaitFor([&] { return session->sync.state() == SyncController::State::Synced; },
                         20000))
        return nullptr;
    QAction *action = session->window->overviewAction();
    if (!action || !action->isEnabled())
        return nullptr;
    m_model = &session->enforcement;
    action->trigger(); // View > Overview
    if (!QTest::qWaitFor(
            [&] { return session->enforcement.hasData() && !session->enforcement.isLoading(); },
            20000))
        return nullptr;
    return session;
}

QLineSeries *TestOverview::series(OverviewDock *dock, OverviewDock::Chart chart, int i)
{
    const QList<QAbstractSeries *> all = dock->chartView(chart)->chart()->series();
    return i < all.size() ? qobject_cast<QLineSeries *>(all.at(i)) : nullptr;
}

QJsonArray TestOverview::serviceBuckets(OverviewDock *dock)
{
    const HttpResult r
        = m_server.request("GET",
                           QStringLiteral("/api/v1/usage/enforcement?since=%1&until=%2&bucket=day")
                               .arg(dock->from().toString(Qt::ISODate),
                                    dock->through().addDays(1).toString(Qt::ISODate)),
                           "demo-admin");
    return r.json().object().value(QStringLiteral("buckets")).toArray();
}

void TestOverview::compareSeries(OverviewDock *dock)
{
    // Each read of an administrator is a server-side event the service counts, unless it
    // repeats an identical read: the app's figures and the service's answer agree once the
    // reads repeat.
    QJsonArray buckets;
    QLineSeries *optedOut = series(dock, OverviewDock::Chart::OptedOutUsers);
    QLineSeries *accepted = series(dock, OverviewDock::Chart::AcceptedDiscarded, 0);
    QLineSeries *discarded = series(dock, OverviewDock::Chart::AcceptedDiscarded, 1);
    QLineSeries *deleted = series(dock, OverviewDock::Chart::Deleted);
    QVERIFY(optedOut && accepted && discarded && deleted);
    for (int attempt = 0; attempt < 3; ++attempt) {
        buckets = serviceBuckets(dock);
        const QJsonObject last = buckets.last().toObject();
        if (qint64(accepted->at(accepted->count() - 1).y())
            == number(last, "accepted", "client") + number(last, "accepted", "server"))
            break;
        dock->refresh();
        QTest::qWait(50);
        QTRY_VERIFY_WITH_TIMEOUT(!m_model->isLoading(), 20000);
    }
    QCOMPARE(buckets.size(), dock->from().daysTo(dock->through()) + 1);
    for (QLineSeries *s : {optedOut, accepted, discarded, deleted})
        QCOMPARE(s->count(), buckets.size());
    for (int i = 0; i < buckets.size(); ++i) {
        const QJsonObject b = buckets.at(i).toObject();
        const QDate date
            = QDate::fromString(b.value(QStringLiteral("date")).toString(), Qt::ISODate);
        // x: the day (as the axis labels it), y: the figure.
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(optedOut->at(i).x())).date(), date);
        QCOMPARE(qint64(optedOut->at(i).y()), number(b, "optedOutUsers"));
        QCOMPARE(qint64(accepted->at(i).y()),
                 number(b, "accepted", "client") + number(b, "accepted", "server"));
        QCOMPARE(qint64(discarded->at(i).y()),
                 number(b, "discarded", "client") + number(b, "discarded", "server"));
        QCOMPARE(qint64(deleted->at(i).y()), number(b, "deletedEvents"));
    }
}

void TestOverview::seriesAreTheServiceFigures()
{
    auto session = openOverview(nullptr);
    QVERIFY(session);
    OverviewDock *dock = session->window->overviewDock();
    QVERIFY(dock->isVisible());
    // The last 30 days of the organisation (UTC), today last.
    QCOMPARE(dock->through(), QDateTime::currentDateTimeUtc().date());
    QCOMPARE(dock->from(), dock->through().addDays(-29));
    compareSeries(dock);
    // Today's figures hold at least what this test sent (the service counts its own reads too).
    QLineSeries *accepted = series(dock, OverviewDock::Chart::AcceptedDiscarded, 0);
    QLineSeries *discarded = series(dock, OverviewDock::Chart::AcceptedDiscarded, 1);
    QLineSeries *deleted = series(dock, OverviewDock::Chart::Deleted);
    QLineSeries *optedOut = series(dock, OverviewDock::Chart::OptedOutUsers);
    QVERIFY(accepted->at(29).y() >= 17);
    QCOMPARE(qint64(discarded->at(29).y()), 4);
    QCOMPARE(qint64(deleted->at(29).y()), 5);
    QCOMPARE(qint64(optedOut->at(29).y()), 2);
    // The counters' start is said.
    auto *counting = session->find<QLabel>(QStringLiteral("overviewCountingSince"));
    QVERIFY(counting && !counting->text().isEmpty());
    QVERIFY(session->enforcement.stats().countingSince.isValid());
    QVERIFY(counting->text().contains(
        QLocale().toString(session->enforcement.stats().countingSince.toTimeZone(QTimeZone::utc()),
                           QLocale::LongFormat)));
}

void TestOverview::refreshedWithTheLists()
{
    auto session = openOverview(nullptr);
    QVERIFY(session);
    OverviewDock *dock = session->window->overviewDock();
    QLineSeries *optedOut = series(dock, OverviewDock::Chart::OptedOutUsers);
    QLineSeries *discarded = series(dock, OverviewDock::Chart::AcceptedDiscarded, 1);
    const qint64 outBefore = qint64(optedOut->at(29).y());
    const qint64 discardedBefore = qint64(discarded->at(29).y());
    // Another administrator's change arrives (live or at the next refresh): the charts follow.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-8"), "demo-admin").status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                          events(QStringLiteral("u-8"), 3))
                 .status,
             200);
    session->window->findChild<QAction *>(QStringLiteral("actionRefresh"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(qint64(optedOut->at(29).y()), outBefore + 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(discarded->at(29).y()), discardedBefore + 3, 20000);
    QTRY_VERIFY(!session->enforcement.isLoading());
    compareSeries(dock);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/u-8"), "demo-admin").status,
             204);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(optedOut->at(29).y()), outBefore, 20000);
}

void TestOverview::hoverShowsTheDay()
{
    auto session = openOverview(nullptr);
    QVERIFY(session);
    OverviewDock *dock = session->window->overviewDock();
    QChartView *view = dock->chartView(OverviewDock::Chart::AcceptedDiscarded);
    QLineSeries *accepted = series(dock, OverviewDock::Chart::AcceptedDiscarded, 0);
    QVERIFY(dock->pointText(OverviewDock::Chart::AcceptedDiscarded, 29)
                .contains(QLocale().toString(qint64(accepted->at(29).y()))));
    // The pointer on today's point of the accepted events.
    const QPointF scene = view->chart()->mapToPosition(accepted->at(29), accepted);
    const QPoint at = view->mapFromScene(scene);
    QTest::mouseMove(view->viewport(), at - QPoint(20, 20));
    QTest::mouseMove(view->viewport(), at);
    if (!QToolTip::isVisible())
        emit accepted->hovered(accepted->at(29), true); // offscreen: no hover from a move
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), dock->pointText(OverviewDock::Chart::AcceptedDiscarded, 29));
    const QDate today = dock->through();
    QVERIFY(QToolTip::text().contains(QLocale().toString(today, QLocale::LongFormat)));
    QToolTip::hideText();
}

void TestOverview::frenchDatesAndNumbers()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("fr")));
    auto session = openOverview(&languages);
    QVERIFY(session);
    OverviewDock *dock = session->window->overviewDock();
    const QLocale fr(QStringLiteral("fr"));
    const QString text = dock->pointText(OverviewDock::Chart::OptedOutUsers, 29);
    QVERIFY2(text.contains(fr.toString(dock->through(), QLocale::LongFormat)), qPrintable(text));
    // The editors and the time axis in the language's short format.
    auto *from = session->find<QDateEdit>(QStringLiteral("overviewFromDate"));
    QVERIFY(from);
    QCOMPARE(from->displayFormat(), fr.dateFormat(QLocale::ShortFormat));
    const auto axes = dock->chartView(OverviewDock::Chart::Deleted)->chart()->axes(Qt::Horizontal);
    QCOMPARE(axes.size(), 1);
    QCOMPARE(qobject_cast<QDateTimeAxis *>(axes.constFirst())->format(),
             fr.dateFormat(QLocale::ShortFormat));
    QCOMPARE(dock->chartView(OverviewDock::Chart::Deleted)->chart()->locale().language(),
             QLocale::French);
    QVERIFY(dock->chartView(OverviewDock::Chart::Deleted)->chart()->localizeNumbers());
    // The window's own text is the catalogue's.
    QCOMPARE(dock->windowTitle(), QCoreApplication::translate("OverviewDock", "Overview"));
    languages.setLanguage(QStringLiteral("en"));
}

void TestOverview::periodOfTheEditors()
{
    auto session = openOverview(nullptr);
    QVERIFY(session);
    OverviewDock *dock = session->window->overviewDock();
    auto *from = session->find<QDateEdit>(QStringLiteral("overviewFromDate"));
    auto *through = session->find<QDateEdit>(QStringLiteral("overviewThroughDate"));
    QVERIFY(from && through);
    const QDate today = dock->through();
    through->setDate(today.addDays(-1));
    from->setDate(today.addDays(-7));
    QTRY_VERIFY_WITH_TIMEOUT(
        session->enforcement.rowCount() == 7 && !session->enforcement.isLoading(), 20000);
    compareSeries(dock);
    // A period the service refuses is not asked for: the dock says why.
    from->setDate(today.addDays(3));
    auto *status = session->find<QLabel>(QStringLiteral("overviewStatus"));
    QVERIFY(status->text().contains(QStringLiteral("start date")));
    QCOMPARE(session->enforcement.rowCount(), 7);
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
