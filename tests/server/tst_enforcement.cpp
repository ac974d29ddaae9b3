// The enforcement statistics against the truth: known batches and opt-out flips sent through
// the real optout-server, then every bucket compared with what was sent, answered, audited and
// stored; a kill -9 during ingestion; two instances on one PostgreSQL; days across a change of
// summer time; bad input. Run against each storage back end.
#include "enforcementreport.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray Admin = "demo-admin"; // u-1 of o-1
const QByteArray PlainUser = "demo-user"; // u-2 of o-1
const QByteArray Tracker = "demo-tracker"; // u-3 of o-1, tracking_service

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// `n` client-side events of `userId` in one request body.
QByteArray eventsBody(const QString &userId, int n)
{
    QJsonArray events;
    for (int i = 0; i < n; ++i) {
        events.append(
            QJsonObject {{QStringLiteral("name"), QStringLiteral("test.event")},
                         {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                         {QStringLiteral("userId"), userId}});
    }
    return json({{QStringLiteral("events"), events}});
}

QByteArray mixedBody(const QVector<QPair<QString, int>> &parts)
{
    QJsonArray events;
    for (const auto &[userId, n] : parts) {
        for (int i = 0; i < n; ++i) {
            events.append(
                QJsonObject {{QStringLiteral("name"), QStringLiteral("test.event")},
                             {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                             {QStringLiteral("userId"), userId}});
        }
    }
    return json({{QStringLiteral("events"), events}});
}

qint64 num(const QJsonObject &o, const char *a, const char *b = nullptr)
{
    const QJsonValue v = o.value(QLatin1String(a));
    return qint64((b ? v.toObject().value(QLatin1String(b)) : v).toDouble());
}

// Stored events in the usage summary, visible and awaiting deletion, of one source.
qint64 storedEvents(const QJsonObject &summary, const char *source)
{
    qint64 n = 0;
    for (const QJsonValue &v : summary.value(QStringLiteral("users")).toArray()) {
        const QJsonObject u = v.toObject();
        n += num(u, source);
        n += num(u.value(QStringLiteral("awaitingDeletion")).toObject(), source);
    }
    return n;
}

} // namespace

class TestEnforcement final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_server.stop(); }

    void bucketsAcrossSummerTimeEnd();
    void weeksMonthsAndLimit();
    void countersMatchWhatWasSent();
    void timeZoneOfTheOrganisation();
    void badInputIsRefused_data();
    void badInputIsRefused();
    void killDuringIngestionCountsWhatWasAcknowledged();
    void twoInstancesOnPostgres();
    void migratesTodaysRelease();
    void eventsOfUsersWhoLeftCountAsDiscarded();

private:
    QJsonObject get(const QString &path, const QByteArray &token = Admin)
    {
        const HttpResult r = m_server.request("GET", path, token);
        if (r.status != 200)
            qWarning().noquote() << path << r.status << r.body;
        return r.json().object();
    }
    // Users of o-1 who are not opted out and are plain users (not the three demo accounts).
    QStringList freeUsers(int n);
    QSet<QString> optedOut();
    // The audit entries of `action` in [since, until), all pages.
    QVector<QJsonObject> auditEntries(const QString &action, const QString &since,
                                      const QString &until);

    TestServer m_server;
};

void TestEnforcement::init()
{
    if (QByteArray(QTest::currentTestFunction()) == "bucketsAcrossSummerTimeEnd"
        || QByteArray(QTest::currentTestFunction()) == "weeksMonthsAndLimit")
        return; // pure functions: no server
    QVERIFY(m_server.start({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
}

QSet<QString> TestEnforcement::optedOut()
{
    QSet<QString> out;
    for (const QJsonValue &v :
         get(QStringLiteral("/api/v1/optouts")).value(QStringLiteral("optOuts")).toArray())
        out.insert(v.toObject().value(QStringLiteral("user")).toObject().value("id").toString());
    return out;
}

QStringList TestEnforcement::freeUsers(int n)
{
    const QSet<QString> out = optedOut();
    QStringList ids;
    const QJsonArray users
        = get(QStringLiteral("/api/v1/users?pageSize=5000")).value("users").toArray();
    for (const QJsonValue &v : users) {
        const QString id = v.toObject().value("id").toString();
        if (id != QLatin1String("u-1") && id != QLatin1String("u-2") && id != QLatin1String("u-3")
            && !out.contains(id) && ids.size() < n)
            ids.append(id);
    }
    return ids;
}

QVector<QJsonObject> TestEnforcement::auditEntries(const QString &action, const QString &since,
                                                   const QString &until)
{
    QVector<QJsonObject> list;
    QString before;
    for (;;) {
        QString path = QStringLiteral("/api/v1/audit?limit=1000&action=%1&since=%2&until=%3")
                           .arg(action, since, until);
        if (!before.isEmpty())
            path += QStringLiteral("&before=") + before;
        const QJsonObject page = get(path);
        for (const QJsonValue &v : page.value("entries").toArray())
            list.append(v.toObject());
        if (page.value("next").isNull())
            return list;
        before = page.value("next").toString();
    }
}

// Europe/Amsterdam leaves summer time on 2026-10-25 at 03:00 (01:00 UTC): a day of 25 hours,
// from 2026-10-24T22:00Z to 2026-10-25T23:00Z.
void TestEnforcement::bucketsAcrossSummerTimeEnd()
{
    using namespace EnforcementReport;
    const QTimeZone amsterdam("Europe/Amsterdam");
    QVERIFY(amsterdam.isValid());
    const auto utc = [](const char *text) {
        return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate).toUTC();
    };
    const QVector<QDateTime> bounds = boundaries(utc("2026-10-24T12:00:00Z"),
                                                 utc("2026-10-26T12:00:00Z"), Unit::Day, amsterdam);
    QCOMPARE(bounds,
             (QVector<QDateTime> {utc("2026-10-23T22:00:00Z"), utc("2026-10-24T22:00:00Z"),
                                  utc("2026-10-25T23:00:00Z"), utc("2026-10-26T23:00:00Z")}));
    QCOMPARE(bounds.at(2).toSecsSinceEpoch() - bounds.at(1).toSecsSinceEpoch(), 25 * 3600);

    // Slots at the edges of the long day: its first and last quarter hour are its own, the
    // next quarter hour is the next day's.
    Enforcement::History history;
    history.countingSince = utc("2026-10-01T00:00:00Z");
    history.optedOutAtStart = 10;
    const auto slotAt = [&](const char *t, int optOuts, int accepted) {
        Enforcement::Counts c;
        c.optOuts = optOuts;
        c.acceptedClient = accepted;
        history.perSlot.append({Enforcement::slotOf(utc(t)), c});
    };
    slotAt("2026-10-24T21:45:00Z", 1, 1); // 23:45 CEST on the 24th
    slotAt("2026-10-24T22:00:00Z", 2, 10); // 00:00 CEST on the 25th
    slotAt("2026-10-25T00:30:00Z", 0, 100); // 02:30 CEST, the first time
    slotAt("2026-10-25T01:30:00Z", 0, 1000); // 02:30 CET, the second time
    slotAt("2026-10-25T22:45:00Z", 3, 10000); // 23:45 CET on the 25th
    slotAt("2026-10-25T23:00:00Z", 4, 100000); // 00:00 CET on the 26th
    const QJsonObject body = toJson(bounds, history, Unit::Day, amsterdam);
    const QJsonArray buckets = body.value("buckets").toArray();
    QCOMPARE(buckets.size(), 3);
    QCOMPARE(buckets.at(0).toObject().value("date").toString(), QStringLiteral("2026-10-24"));
    QCOMPARE(buckets.at(1).toObject().value("date").toString(), QStringLiteral("2026-10-25"));
    QCOMPARE(buckets.at(1).toObject().value("start").toString(),
             QStringLiteral("2026-10-24T22:00:00Z"));
    QCOMPARE(num(buckets.at(0).toObject(), "accepted", "client"), 1);
    QCOMPARE(num(buckets.at(1).toObject(), "accepted", "client"), 11110);
    QCOMPARE(num(buckets.at(2).toObject(), "accepted", "client"), 100000);
    QCOMPARE(num(buckets.at(0).toObject(), "optedOutUsers"), 11);
    QCOMPARE(num(buckets.at(1).toObject(), "optedOutUsers"), 16);
    QCOMPARE(num(buckets.at(2).toObject(), "optedOutUsers"), 20);
    QCOMPARE(num(body.value("totals").toObject(), "accepted", "client"), 111111);
    QCOMPARE(body.value("timeZone").toString(), QStringLiteral("Europe/Amsterdam"));
    QCOMPARE(body.value("since").toString(), QStringLiteral("2026-10-23T22:00:00Z"));
    QCOMPARE(body.value("until").toString(), QStringLiteral("2026-10-26T23:00:00Z"));

    // Spring: 2026-03-29 has 23 hours there.
    const QVector<QDateTime> spring = boundaries(utc("2026-03-29T12:00:00Z"),
                                                 utc("2026-03-29T13:00:00Z"), Unit::Day, amsterdam);
    QCOMPARE(spring.size(), 2);
    QCOMPARE(spring.at(1).toSecsSinceEpoch() - spring.at(0).toSecsSinceEpoch(), 23 * 3600);
}

void TestEnforcement::weeksMonthsAndLimit()
{
    using namespace EnforcementReport;
    const QTimeZone zone("America/New_York");
    const auto utc = [](const char *text) {
        return QDateTime::fromString(QString::fromLatin1(text), Qt::ISODate).toUTC();
    };
    // Weeks start on Monday, local midnight: 2026-11-02 00:00 EST is 05:00Z (the week of the
    // 1st, a Sunday, started on 2026-10-26 00:00 EDT, 04:00Z).
    const QVector<QDateTime> weeks
        = boundaries(utc("2026-11-01T12:00:00Z"), utc("2026-11-03T00:00:00Z"), Unit::Week, zone);
    QCOMPARE(weeks,
             (QVector<QDateTime> {utc("2026-10-26T04:00:00Z"), utc("2026-11-02T05:00:00Z"),
                                  utc("2026-11-09T05:00:00Z")}));
    const QVector<QDateTime> months
        = boundaries(utc("2026-01-15T00:00:00Z"), utc("2026-03-01T05:00:00Z"), Unit::Month, zone);
    QCOMPARE(months,
             (QVector<QDateTime> {utc("2026-01-01T05:00:00Z"), utc("2026-02-01T05:00:00Z"),
                                  utc("2026-03-01T05:00:00Z")}));
    // 366 days are the most; a 367th is refused (an empty answer).
    const QTimeZone utcZone = QTimeZone::utc();
    QCOMPARE(
        boundaries(utc("2025-01-01T00:00:00Z"), utc("2026-01-02T00:00:00Z"), Unit::Day, utcZone)
            .size(),
        367);
    QVERIFY(boundaries(utc("2025-01-01T00:00:00Z"), utc("2026-01-02T00:00:01Z"), Unit::Day, utcZone)
                .isEmpty());
    QVERIFY(!unitFromName(QStringLiteral("hour")));
}

void TestEnforcement::countersMatchWhatWasSent()
{
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QString since = today.addDays(-3).toString(Qt::ISODate);
    const QString until = today.addDays(1).toString(Qt::ISODate);
    const QString statsPath
        = QStringLiteral("/api/v1/usage/enforcement?since=%1&until=%2").arg(since, until);
    const QString summaryPath = QStringLiteral("/api/v1/usage/summary");

    const QJsonObject first = get(statsPath);
    QCOMPARE(first.value("buckets").toArray().size(), 4);
    const QStringList users = freeUsers(3);
    QCOMPARE(users.size(), 3);
    const QString a = users.at(0), b = users.at(1), c = users.at(2);
    const QString out = *optedOut().cbegin();

    qint64 sentAccepted = 0, sentDiscarded = 0;
    const auto send = [&](const QByteArray &body, int accepted, int discarded) {
        const HttpResult r
            = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(num(r.json().object(), "accepted"), accepted);
        QCOMPARE(num(r.json().object(), "discarded"), discarded);
        sentAccepted += accepted;
        sentDiscarded += discarded;
    };
    send(mixedBody({{a, 10}, {out, 5}, {b, 7}}), 17, 5);
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + a, Admin,
                          json({{QStringLiteral("reason"), QStringLiteral("test")}}))
                 .status,
             201);
    send(mixedBody({{a, 4}, {b, 3}, {c, 2}}), 5, 4);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + a, Admin).status, 204);
    send(eventsBody(a, 6), 6, 0);
    // b out with its stored events deleted now (10 events: 7 + 3), then c out and back.
    QCOMPARE(m_server
                 .request("PUT", QStringLiteral("/api/v1/optouts/") + b, Admin,
                          json({{QStringLiteral("deleteStoredEvents"), true}}))
                 .status,
             201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                          json({{QStringLiteral("optOut"), QJsonArray {c}}}))
                 .status,
             200);
    send(mixedBody({{b, 2}, {c, 8}, {a, 1}}), 1, 10);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin,
                          json({{QStringLiteral("optIn"), QJsonArray {c}}}))
                 .status,
             200);
    // The plain user opted out makes two requests: their server-side events are skipped.
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-2"), Admin).status, 201);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me?x=1"), PlainUser).status, 200);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/me?x=2"), PlainUser).status, 200);

    // Read twice each, so that the reads compared record nothing themselves (identical reads
    // within the window): statistics, summary, statistics (writes the summary's event), summary.
    get(summaryPath);
    const QJsonObject stats = get(statsPath);
    const QJsonObject summary = get(summaryPath);
    const QJsonObject totals = stats.value("totals").toObject();
    const QJsonObject before = first.value("totals").toObject();

    // Client-side: exactly what the answers said.
    QCOMPARE(num(totals, "accepted", "client") - num(before, "accepted", "client"), sentAccepted);
    QCOMPARE(num(totals, "discarded", "client") - num(before, "discarded", "client"),
             sentDiscarded);
    QCOMPARE(num(totals, "discarded", "server") - num(before, "discarded", "server"), 2);
    QCOMPARE(num(totals, "deletedEvents") - num(before, "deletedEvents"), 10);
    QCOMPARE(num(totals, "optOuts") - num(before, "optOuts"), 4);
    QCOMPARE(num(totals, "optIns") - num(before, "optIns"), 2);

    // Counting began before the demo data: what is stored is what was accepted less what was
    // deleted, per source and in all.
    QVERIFY(QDateTime::fromString(stats.value("countingSince").toString(), Qt::ISODate)
            <= QDateTime::fromString(stats.value("since").toString(), Qt::ISODate).addDays(4));
    QCOMPARE(storedEvents(summary, "client") + storedEvents(summary, "server"),
             num(totals, "accepted", "client") + num(totals, "accepted", "server")
                 - num(totals, "deletedEvents"));
    QCOMPARE(storedEvents(summary, "client"),
             num(totals, "accepted", "client") - 10); // b's 10 deleted were client-side

    // Every bucket against the audit of its day, and the opted-out users at its end.
    const QJsonArray buckets = stats.value("buckets").toArray();
    QCOMPARE(buckets.size(), 4);
    qint64 acceptedClient = 0;
    for (int i = 0; i < buckets.size(); ++i) {
        const QJsonObject bucket = buckets.at(i).toObject();
        const QString from = bucket.value("start").toString();
        const QString to = i + 1 < buckets.size()
            ? buckets.at(i + 1).toObject().value("start").toString()
            : stats.value("until").toString();
        QCOMPARE(num(bucket, "optOuts"), qint64(auditEntries("opt_out", from, to).size()));
        QCOMPARE(num(bucket, "optIns"), qint64(auditEntries("opt_in", from, to).size()));
        qint64 purged = 0;
        for (const QJsonObject &e : auditEntries("purge", from, to))
            purged += num(e, "count");
        QCOMPARE(num(bucket, "deletedEvents"), purged);
        acceptedClient += num(bucket, "accepted", "client");
        if (bucket.value("date").toString() != today.toString(Qt::ISODate)) {
            // Nothing was sent on the other days.
            QCOMPARE(num(bucket, "accepted", "client"), 0);
            QCOMPARE(num(bucket, "discarded", "client"), 0);
        }
    }
    QCOMPARE(acceptedClient, num(totals, "accepted", "client"));
    QCOMPARE(num(buckets.last().toObject(), "optedOutUsers"), qint64(optedOut().size()));
    QCOMPARE(num(totals, "optedOutUsers"), qint64(optedOut().size()));

    // Kept across a restart.
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    const QJsonObject again = get(statsPath).value("totals").toObject();
    QCOMPARE(num(again, "accepted", "client"), num(totals, "accepted", "client"));
    QCOMPARE(num(again, "discarded", "client"), num(totals, "discarded", "client"));
    QCOMPARE(num(again, "optOuts"), num(totals, "optOuts"));
}

void TestEnforcement::timeZoneOfTheOrganisation()
{
    QCOMPARE(get(QStringLiteral("/api/v1/me")).value("org").toObject().value("timeZone").toString(),
             QStringLiteral("UTC"));
    m_server.stop();
    QCOMPARE(m_server.runOnce({QStringLiteral("--org"), QStringLiteral("o-1"),
                               QStringLiteral("--time-zone"), QStringLiteral("Mars/Olympus")}),
             1);
    QVERIFY(m_server.output().contains("IANA time zone"));
    QCOMPARE(m_server.runOnce({QStringLiteral("--org"), QStringLiteral("o-1"),
                               QStringLiteral("--time-zone"), QStringLiteral("UTC+02:00")}),
             1);
    QCOMPARE(m_server.runOnce({QStringLiteral("--org"), QStringLiteral("o-1"),
                               QStringLiteral("--time-zone"), QStringLiteral("Europe/Amsterdam")}),
             0);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    QCOMPARE(get(QStringLiteral("/api/v1/me")).value("org").toObject().value("timeZone").toString(),
             QStringLiteral("Europe/Amsterdam"));
    // The other organisation keeps UTC.
    QCOMPARE(get(QStringLiteral("/api/v1/me"), "demo-other-admin")
                 .value("org")
                 .toObject()
                 .value("timeZone")
                 .toString(),
             QStringLiteral("UTC"));
    // Days from Amsterdam's midnight (in winter 23:00 UTC); a date names Amsterdam's day.
    const QJsonObject stats
        = get(QStringLiteral("/api/v1/usage/enforcement?since=2026-10-24&until=2026-10-27"));
    QCOMPARE(stats.value("timeZone").toString(), QStringLiteral("Europe/Amsterdam"));
    const QJsonArray buckets = stats.value("buckets").toArray();
    QCOMPARE(buckets.size(), 3);
    QCOMPARE(buckets.at(0).toObject().value("start").toString(),
             QStringLiteral("2026-10-23T22:00:00Z"));
    QCOMPARE(buckets.at(2).toObject().value("start").toString(),
             QStringLiteral("2026-10-25T23:00:00Z"));
    QCOMPARE(stats.value("until").toString(), QStringLiteral("2026-10-26T23:00:00Z"));
    // Today's events land in today's Amsterdam day.
    const QString user = freeUsers(1).value(0);
    QCOMPARE(
        m_server
            .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker, eventsBody(user, 3))
            .status,
        200);
    const QDate localToday
        = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Europe/Amsterdam")).date();
    const QJsonObject now = get(
        QStringLiteral("/api/v1/usage/enforcement?since=%1").arg(localToday.toString(Qt::ISODate)));
    const QJsonArray todayBuckets = now.value("buckets").toArray();
    QCOMPARE(todayBuckets.size(), 1);
    QCOMPARE(todayBuckets.at(0).toObject().value("date").toString(),
             localToday.toString(Qt::ISODate));
    QCOMPARE(num(todayBuckets.at(0).toObject(), "accepted", "client"), 3);
}

void TestEnforcement::badInputIsRefused_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("parameter");
    QTest::newRow("hour") << "bucket=hour" << 400 << "bucket";
    QTest::newRow("empty bucket") << "bucket=" << 400 << "bucket";
    QTest::newRow("since after until")
        << "since=2026-11-02T00:00:00Z&until=2026-11-01T00:00:00Z" << 400 << "since";
    QTest::newRow("367 days") << "since=2025-01-01&until=2026-01-03" << 400 << "since";
    QTest::newRow("367 weeks") << "bucket=week&since=2010-01-01&until=2018-01-01" << 400 << "since";
    QTest::newRow("not a time") << "since=yesterday" << 400 << "since";
    QTest::newRow("no zone") << "until=2026-11-01T00:00:00" << 400 << "until";
    QTest::newRow("bad date") << "since=2026-02-30" << 400 << "since";
    QTest::newRow("366 days") << "since=2025-01-01&until=2026-01-02" << 200 << "";
    QTest::newRow("months of 10 years")
        << "bucket=month&since=2017-01-01&until=2026-12-01" << 200 << "";
}

void TestEnforcement::badInputIsRefused()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, parameter);
    const HttpResult r
        = m_server.request("GET", QStringLiteral("/api/v1/usage/enforcement?") + query, Admin);
    QCOMPARE(r.status, status);
    if (status != 200) {
        const QJsonObject error = r.json().object().value("error").toObject();
        QCOMPARE(error.value("code").toString(), QStringLiteral("invalid_request"));
        QVERIFY(!error.value("message").toString().isEmpty());
        QCOMPARE(error.value("details").toObject().value("parameter").toString(), parameter);
    }
    // Only a product administrator may read it.
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/usage/enforcement"), PlainUser).status,
             403);
    QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/usage/enforcement"), {}).status, 401);
}

void TestEnforcement::killDuringIngestionCountsWhatWasAcknowledged()
{
    const QString statsPath
        = QStringLiteral("/api/v1/usage/enforcement?since=%1")
              .arg(QDateTime::currentDateTimeUtc().date().addDays(-3).toString(Qt::ISODate));
    const QJsonObject before = get(statsPath).value("totals").toObject();
    const QStringList users = freeUsers(20);
    const QString out = *optedOut().cbegin();
    QNetworkAccessManager nam;
    constexpr int Requests = 200;
    int answered = 0;
    qint64 ackAccepted = 0, ackDiscarded = 0;
    QUrl url = m_server.baseUrl();
    url.setPath(QStringLiteral("/api/v1/usage/events"));
    for (int i = 0; i < Requests; ++i) {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + Tracker);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setTransferTimeout(30000);
        QNetworkReply *reply
            = nam.post(request, mixedBody({{users.at(i % users.size()), 750}, {out, 250}}));
        connect(reply, &QNetworkReply::finished, this, [&, reply] {
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                ++answered;
                ackAccepted += num(answer, "accepted");
                ackDiscarded += num(answer, "discarded");
            }
            reply->deleteLater();
        });
    }
    // Killed while requests are still being answered.
    QTRY_VERIFY_WITH_TIMEOUT(answered >= 5, 30000);
    m_server.killHard();
    QTest::qWait(200);
    QVERIFY2(answered < Requests, "the kill came after every answer: nothing was in flight");
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    const QJsonObject totals = get(statsPath).value("totals").toObject();
    const QJsonObject summary = get(QStringLiteral("/api/v1/usage/summary"));
    const qint64 accepted = num(totals, "accepted", "client") - num(before, "accepted", "client");
    const qint64 discarded
        = num(totals, "discarded", "client") - num(before, "discarded", "client");
    // Acknowledged work is counted, and what was counted is exactly what is stored.
    QVERIFY2(accepted >= ackAccepted,
             qPrintable(QStringLiteral("%1 < %2").arg(accepted).arg(ackAccepted)));
    QVERIFY(discarded >= ackDiscarded);
    QCOMPARE(accepted, discarded * 3); // whole requests only: 750 stored per 250 discarded
    QVERIFY(accepted <= qint64(Requests) * 750);
    QCOMPARE(storedEvents(summary, "client"), num(totals, "accepted", "client"));
}

void TestEnforcement::twoInstancesOnPostgres()
{
    if (!TestDatabase::isPostgres())
        QSKIP("two instances share a PostgreSQL database only");
    // A second optout-server on the same database.
    QProcess second;
    second.setProcessChannelMode(QProcess::MergedChannels);
    second.start(QStringLiteral(OPTOUT_SERVER_EXECUTABLE),
                 {QStringLiteral("--db"), m_server.databasePath(), QStringLiteral("--listen"),
                  QStringLiteral("127.0.0.1:0"), QStringLiteral("--demo"),
                  QStringLiteral("--quiet")});
    QVERIFY(second.waitForStarted(10000));
    QByteArray output;
    QUrl secondUrl;
    static const QRegularExpression listening(QStringLiteral("Listening on (https?://\\S+)"));
    QTRY_VERIFY_WITH_TIMEOUT(
        (output += second.readAll(), listening.match(QString::fromUtf8(output)).hasMatch()), 60000);
    secondUrl = QUrl(listening.match(QString::fromUtf8(output)).captured(1));

    const QString statsPath
        = QStringLiteral("/api/v1/usage/enforcement?since=%1")
              .arg(QDateTime::currentDateTimeUtc().date().addDays(-3).toString(Qt::ISODate));
    const QJsonObject before = get(statsPath).value("totals").toObject();
    const QStringList users = freeUsers(10);
    QNetworkAccessManager nam;
    int pending = 0;
    qint64 ackAccepted = 0, ackDiscarded = 0;
    int failures = 0;
    const auto post = [&](const QUrl &base, const QString &path, const QByteArray &method,
                          const QByteArray &body) {
        QUrl url = base;
        url.setPath(path);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization",
                             "Bearer " + (path.contains("events") ? Tracker : Admin));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setTransferTimeout(30000);
        ++pending;
        QNetworkReply *reply = nam.sendCustomRequest(request, method, body);
        connect(reply, &QNetworkReply::finished, this, [&, reply, path] {
            --pending;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
            if (path.contains("events")) {
                if (status == 200) {
                    ackAccepted += num(answer, "accepted");
                    ackDiscarded += num(answer, "discarded");
                } else {
                    ++failures;
                }
            } else if (status >= 300) {
                ++failures;
            }
            reply->deleteLater();
        });
    };
    // Events to both instances while opt-outs of the same users flip on both.
    for (int round = 0; round < 20; ++round) {
        const QString flipped = users.at(round % users.size());
        const QUrl &events = round % 2 ? secondUrl : m_server.baseUrl();
        const QUrl &changes = round % 2 ? m_server.baseUrl() : secondUrl;
        for (int i = 0; i < 5; ++i) {
            post(events, QStringLiteral("/api/v1/usage/events"), "POST",
                 mixedBody({{users.at((round + i) % users.size()), 20}, {flipped, 10}}));
        }
        post(changes, QStringLiteral("/api/v1/optouts/") + flipped,
             round % 4 < 2 ? QByteArray("PUT") : QByteArray("DELETE"), {});
    }
    QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 60000);
    QCOMPARE(failures, 0);
    second.terminate();
    QVERIFY(second.waitForFinished(10000));

    const QJsonObject totals = get(statsPath).value("totals").toObject();
    QCOMPARE(num(totals, "accepted", "client") - num(before, "accepted", "client"), ackAccepted);
    QCOMPARE(num(totals, "discarded", "client") - num(before, "discarded", "client"), ackDiscarded);
    QCOMPARE(ackAccepted + ackDiscarded, qint64(20 * 5 * 30));
    const QString since
        = QDateTime::fromString(get(statsPath).value("since").toString(), Qt::ISODate)
              .toString(Qt::ISODate);
    const QString until = get(statsPath).value("until").toString();
    QCOMPARE(num(totals, "optOuts"), qint64(auditEntries("opt_out", since, until).size()));
    QCOMPARE(num(totals, "optIns"), qint64(auditEntries("opt_in", since, until).size()));
    QCOMPARE(num(totals, "optedOutUsers"), qint64(optedOut().size()));
}

// A database of today's release (the schema before the counters: what the migration adds taken
// away again) with opt-outs in it: counting starts at the migration, from the users opted out
// then, and says so.
void TestEnforcement::migratesTodaysRelease()
{
    const qint64 outs = optedOut().size();
    QVERIFY(outs > 0);
    m_server.stop();
    TestDatabase &db = m_server.database();
    bool ok = false;
    // Back before groups and rules (SQLite 9, PostgreSQL 7).
    for (const char *sql :
         {"DROP TABLE group_members", "DROP TABLE groups", "DROP TABLE optout_rules",
          "ALTER TABLE optouts DROP COLUMN individual", "ALTER TABLE optouts DROP COLUMN rule_ids",
          "ALTER TABLE audit DROP COLUMN request_id", "ALTER TABLE audit DROP COLUMN detail"}) {
        db.execute(QString::fromLatin1(sql), &ok);
        QVERIFY2(ok, sql);
    }
    if (TestDatabase::isPostgres()) {
        for (const char *sql :
             {// the opt-outs' change log (PostgreSQL 11)
              "DROP TRIGGER optouts_stamp ON optouts", "DROP TRIGGER optouts_removed ON optouts",
              "DROP FUNCTION optouts_stamp()", "DROP FUNCTION optouts_removed()",
              "DROP TABLE optout_removals", "ALTER TABLE optouts DROP COLUMN change_seq",
              "ALTER TABLE meta DROP COLUMN optouts_logged_since",
              "ALTER TABLE meta DROP COLUMN next_group", "ALTER TABLE meta DROP COLUMN next_rule",
              "ALTER TABLE audit DROP CONSTRAINT audit_action_check",
              "ALTER TABLE audit ADD CONSTRAINT audit_action_check CHECK (action IN ('opt_out', "
              "'opt_in', 'purge'))"}) {
            db.execute(QString::fromLatin1(sql), &ok);
            QVERIFY2(ok, sql);
        }
    }
    for (const char *sql :
         {"ALTER TABLE tokens DROP COLUMN last_used_at", "DROP TABLE enforcement_counts",
          "DROP TABLE enforcement_origin", "ALTER TABLE orgs DROP COLUMN time_zone",
          "DROP TABLE oidc_domains", "DROP TABLE oidc_configs",
          "ALTER TABLE tokens DROP COLUMN expires_at"}) {
        db.execute(QString::fromLatin1(sql), &ok);
        QVERIFY2(ok, sql);
    }
    QVERIFY(db.setSchemaVersion(TestDatabase::isPostgres() ? 4 : 6));
    const QDateTime migrated = QDateTime::currentDateTimeUtc().addSecs(-1);
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    QVERIFY(m_server.output().contains(TestDatabase::isPostgres() ? "migrated to schema 6"
                                                                  : "migrated to schema 8"));
    QVERIFY(m_server.output().contains(TestDatabase::isPostgres() ? "migrated to schema 7"
                                                                  : "migrated to schema 9"));
    const QString statsPath
        = QStringLiteral("/api/v1/usage/enforcement?since=%1")
              .arg(QDateTime::currentDateTimeUtc().date().addDays(-3).toString(Qt::ISODate));
    QJsonObject stats = get(statsPath);
    const QDateTime since
        = QDateTime::fromString(stats.value("countingSince").toString(), Qt::ISODate);
    QVERIFY2(since >= migrated && since <= QDateTime::currentDateTimeUtc(),
             qPrintable(stats.value("countingSince").toString()));
    QCOMPARE(get(QStringLiteral("/api/v1/me")).value("org").toObject().value("timeZone").toString(),
             QStringLiteral("UTC"));
    // The opt-outs made before are not changes counted, but the users they left out are.
    QJsonObject totals = stats.value("totals").toObject();
    QCOMPARE(num(totals, "optOuts"), 0);
    QCOMPARE(num(totals, "optedOutUsers"), outs);
    for (const QJsonValue &bucket : stats.value("buckets").toArray())
        QCOMPARE(num(bucket.toObject(), "optedOutUsers"), outs);
    // Counted from now on.
    const QString user = freeUsers(1).value(0);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + user, Admin).status, 201);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                          mixedBody({{user, 2}, {freeUsers(1).value(0), 3}}))
                 .status,
             200);
    totals = get(statsPath).value("totals").toObject();
    QCOMPARE(num(totals, "optOuts"), 1);
    QCOMPARE(num(totals, "optedOutUsers"), outs + 1);
    QCOMPARE(num(totals, "accepted", "client"), 3);
    QCOMPARE(num(totals, "discarded", "client"), 2);
}

// A person who left the directory (SCIM active: false): their events are discarded, answered
// and counted as such, alone in a request or beside others.
void TestEnforcement::eventsOfUsersWhoLeftCountAsDiscarded()
{
    const QStringList users = freeUsers(2);
    m_server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("idp.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nidp@example.com,Identity Provider,directory_sync\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("idp@example.com"),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    const QRegularExpression tokenLine(QStringLiteral("Token of idp@example.com.*shown only "
                                                      "now: (\\S+)"));
    const QByteArray directory
        = tokenLine.match(QString::fromUtf8(m_server.output())).captured(1).toUtf8();
    QVERIFY(!directory.isEmpty());
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));

    const QString statsPath
        = QStringLiteral("/api/v1/usage/enforcement?since=%1")
              .arg(QDateTime::currentDateTimeUtc().date().addDays(-3).toString(Qt::ISODate));
    const QJsonObject before = get(statsPath).value("totals").toObject();
    const QJsonObject deactivate {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"),
         QJsonArray {QJsonObject {
             {QStringLiteral("op"), QStringLiteral("replace")},
             {QStringLiteral("value"), QJsonObject {{QStringLiteral("active"), false}}}}}}};
    QCOMPARE(m_server
                 .request("PATCH", QStringLiteral("/scim/v2/Users/") + users.at(0), directory,
                          json(deactivate), {{"Content-Type", "application/scim+json"}})
                 .status,
             200);
    HttpResult r = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                                    eventsBody(users.at(0), 4));
    QCOMPARE(r.status, 200);
    QCOMPARE(num(r.json().object(), "accepted"), 0);
    QCOMPARE(num(r.json().object(), "discarded"), 4);
    r = m_server.request("POST", QStringLiteral("/api/v1/usage/events"), Tracker,
                         mixedBody({{users.at(0), 3}, {users.at(1), 5}}));
    QCOMPARE(r.status, 200);
    QCOMPARE(num(r.json().object(), "accepted"), 5);
    QCOMPARE(num(r.json().object(), "discarded"), 3);
    const QJsonObject totals = get(statsPath).value("totals").toObject();
    QCOMPARE(num(totals, "accepted", "client") - num(before, "accepted", "client"), 5);
    QCOMPARE(num(totals, "discarded", "client") - num(before, "discarded", "client"), 7);
}

QTEST_MAIN(TestEnforcement)
#include "tst_enforcement.moc"
