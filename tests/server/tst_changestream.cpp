// GET /api/v1/changes/stream over the real server, against each storage back end: the head,
// an event per change, Last-Event-ID catch-up, keep-alive comments without an idle time-out, a
// revoked token ending the stream, and --max-streams.
#include "eventstreamclient.h"
#include "testdatabase.h"
#include "testserver.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <memory>

namespace {

const QByteArray Admin = "demo-admin";
const QByteArray PlainUser = "demo-user";
const QByteArray OtherAdmin = "demo-other-admin";

} // namespace

class TestChangeStream : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;

    bool start(const QStringList &extra = {})
    {
        return m_server.start(QStringList {QStringLiteral("--demo-users"), QStringLiteral("50"),
                                           QStringLiteral("--quiet")}
                              + extra);
    }
    HttpResult syncState(const QByteArray &token = Admin) const
    {
        return m_server.request("GET", QStringLiteral("/api/v1/sync-state"), token);
    }
    // The event id of the organisation's current state.
    QByteArray currentId(const QByteArray &token = Admin) const
    {
        const QJsonObject s = syncState(token).json().object();
        return QByteArray::number(s.value(QStringLiteral("optOutsRevision")).toInteger()) + '.'
            + QByteArray::number(s.value(QStringLiteral("usersRevision")).toInteger());
    }
    int put(const QString &userId) const
    {
        return m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + userId, Admin).status;
    }

private slots:
    void cleanup() { m_server.stop(); }

    void headAndFirstEvent()
    {
        QVERIFY(start());
        EventStreamClient stream;
        QVERIFY(stream.open(m_server.baseUrl(), Admin));
        QVERIFY(stream.waitForHead());
        QCOMPARE(stream.status(), 200);
        QCOMPARE(stream.header("Content-Type"), QByteArray("text/event-stream"));
        QCOMPARE(stream.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(stream.header("Content-Length").isEmpty()); // the body ends with the connection
        // No Last-Event-ID: the current state at once, as GET /sync-state has it.
        QVERIFY(stream.waitForEvents(1, 5000));
        const StreamEvent first = stream.events().first();
        QCOMPARE(first.event, QByteArray("sync-state"));
        QCOMPARE(first.id, currentId());
        QCOMPARE(QJsonDocument::fromJson(first.data).object(), syncState().json().object());
        QVERIFY(!stream.isClosed());
    }

    void refusals()
    {
        QVERIFY(start());
        const auto errorCode = [](const HttpResult &r) {
            return r.json()[QStringLiteral("error")][QStringLiteral("code")].toString();
        };
        HttpResult r = m_server.request("GET", QStringLiteral("/api/v1/changes/stream"), {});
        QCOMPARE(r.status, 401);
        QCOMPARE(errorCode(r), QStringLiteral("unauthenticated"));
        r = m_server.request("GET", QStringLiteral("/api/v1/changes/stream"), PlainUser);
        QCOMPARE(r.status, 403);
        QCOMPARE(errorCode(r), QStringLiteral("forbidden"));
        r = m_server.request("POST", QStringLiteral("/api/v1/changes/stream"), Admin, "{}");
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("Allow"), QByteArray("GET, HEAD"));
        r = m_server.request("HEAD", QStringLiteral("/api/v1/changes/stream"), Admin);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/event-stream"));
    }

    void changeThroughTheApiReachesTheStream()
    {
        QVERIFY(start());
        EventStreamClient stream;
        EventStreamClient other; // another organisation's
        QVERIFY(stream.open(m_server.baseUrl(), Admin, currentId()));
        QVERIFY(other.open(m_server.baseUrl(), OtherAdmin, currentId(OtherAdmin)));
        QVERIFY(stream.waitForHead());
        QVERIFY(other.waitForHead());
        QCOMPARE(stream.status(), 200);
        QTest::qWait(300);
        QCOMPARE(stream.events().size(), 0); // up to date: nothing at once

        QElapsedTimer timer;
        timer.start();
        QCOMPARE(put(QStringLiteral("u-10")), 201);
        // At once, not at the caches' next refresh (every second).
        QVERIFY(stream.waitForEvents(1, 500));
        qInfo("opt-out to event: %lld ms (after the PUT's answer)", timer.elapsed());
        StreamEvent event = stream.events().last();
        QCOMPARE(event.event, QByteArray("sync-state"));
        QCOMPARE(event.id, currentId());
        QCOMPARE(QJsonDocument::fromJson(event.data).object(), syncState().json().object());

        QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/u-10"), Admin).status,
                 204);
        QVERIFY(stream.waitForEvents(2, 3000));
        QCOMPARE(stream.events().last().id, currentId());
        // A batch is one change: one event.
        const QByteArray batch = R"({"optOut": ["u-11", "u-12", "u-13"], "optIn": []})";
        QCOMPARE(
            m_server.request("POST", QStringLiteral("/api/v1/optouts/batch"), Admin, batch).status,
            200);
        QVERIFY(stream.waitForEvents(3, 3000));
        QTest::qWait(300);
        QCOMPARE(stream.events().size(), 3);
        // An opt-out that changes nothing (already out) sends nothing.
        QCOMPARE(put(QStringLiteral("u-11")), 200);
        QTest::qWait(300);
        QCOMPARE(stream.events().size(), 3);
        QCOMPARE(other.events().size(), 0); // the other organisation saw none of it
        QVERIFY(!stream.isClosed());
    }

    void lastEventIdCatchUp()
    {
        QVERIFY(start());
        const QByteArray before = currentId();
        QCOMPARE(put(QStringLiteral("u-20")), 201);
        QCOMPARE(put(QStringLiteral("u-21")), 201);
        const QByteArray now = currentId();
        QVERIFY(now != before);

        EventStreamClient behind; // one event at once, the current state
        QVERIFY(behind.open(m_server.baseUrl(), Admin, before));
        QVERIFY(behind.waitForEvents(1, 5000));
        QCOMPARE(behind.events().first().id, now);
        QTest::qWait(300);
        QCOMPARE(behind.events().size(), 1);

        EventStreamClient upToDate; // nothing at once
        QVERIFY(upToDate.open(m_server.baseUrl(), Admin, now));
        QVERIFY(upToDate.waitForHead());
        QCOMPARE(upToDate.status(), 200);
        QTest::qWait(300);
        QCOMPARE(upToDate.events().size(), 0);

        EventStreamClient malformed; // not an id of ours: the current state at once
        QVERIFY(malformed.open(m_server.baseUrl(), Admin, "yesterday"));
        QVERIFY(malformed.waitForEvents(1, 5000));
        QCOMPARE(malformed.events().first().id, now);

        // All three get the next change.
        QCOMPARE(put(QStringLiteral("u-22")), 201);
        QVERIFY(behind.waitForEvents(2, 3000));
        QVERIFY(upToDate.waitForEvents(1, 3000));
        QVERIFY(malformed.waitForEvents(2, 3000));
        QCOMPARE(upToDate.events().last().id, currentId());
    }

    void keepAliveWithoutIdleTimeout()
    {
        // An idle time-out of 1 s would close any other connection that says nothing.
        QVERIFY(start({QStringLiteral("--stream-keepalive-ms"), QStringLiteral("300"),
                       QStringLiteral("--idle-timeout"), QStringLiteral("1")}));
        EventStreamClient stream;
        QVERIFY(stream.open(m_server.baseUrl(), Admin, currentId()));
        QVERIFY(stream.waitForHead());
        QTest::qWait(2500);
        QVERIFY(!stream.isClosed());
        QVERIFY2(stream.comments() >= 4, QByteArray::number(stream.comments()).constData());
        QVERIFY(stream.body().contains(": keep-alive\n\n"));
        QCOMPARE(stream.events().size(), 0);
    }

    void revokedTokenEndsTheStream()
    {
        QVERIFY(start());
        QCOMPARE(
            m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("admin@example.com"),
                              QStringLiteral("--org"), QStringLiteral("o-1")}),
            0);
        const QByteArray token = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                                     .match(QString::fromUtf8(m_server.output()))
                                     .captured(1)
                                     .toUtf8();
        QVERIFY(!token.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(syncState(token).status, 200, 10000);
        EventStreamClient revoked;
        EventStreamClient kept; // another token of the same administrator
        QVERIFY(revoked.open(m_server.baseUrl(), token, currentId()));
        QVERIFY(kept.open(m_server.baseUrl(), Admin, currentId()));
        QVERIFY(revoked.waitForHead());
        QVERIFY(kept.waitForHead());
        QCOMPARE(revoked.status(), 200);

        QCOMPARE(m_server.runOnce({QStringLiteral("--revoke-token"), QString::fromLatin1(token)}),
                 0);
        // Picked up by the running service within its refresh (docs: 2 s).
        QVERIFY(revoked.waitForClosed(5000));
        QVERIFY(!kept.isClosed());
        EventStreamClient again;
        QVERIFY(again.open(m_server.baseUrl(), token));
        QVERIFY(again.waitForHead());
        QCOMPARE(again.status(), 401);
        // The other stream goes on.
        QCOMPARE(put(QStringLiteral("u-30")), 201);
        QVERIFY(kept.waitForEvents(1, 3000));
    }

    void maxStreams()
    {
        QVERIFY(start({QStringLiteral("--max-streams"), QStringLiteral("2")}));
        EventStreamClient a, b;
        QVERIFY(a.open(m_server.baseUrl(), Admin));
        QVERIFY(b.open(m_server.baseUrl(), OtherAdmin));
        QVERIFY(a.waitForHead());
        QVERIFY(b.waitForHead());
        QCOMPARE(a.status(), 200);
        QCOMPARE(b.status(), 200);
        const HttpResult third
            = m_server.request("GET", QStringLiteral("/api/v1/changes/stream"), Admin);
        QCOMPARE(third.status, 503);
        QCOMPARE(third.json()[QStringLiteral("error")][QStringLiteral("code")].toString(),
                 QStringLiteral("unavailable"));
        QVERIFY(third.header("Retry-After").toInt() > 0);
        // The rest of the API is not affected.
        QCOMPARE(syncState().status, 200);
        // One closes: room for another (once the service saw it go).
        a.close();
        std::unique_ptr<EventStreamClient> c;
        QDeadlineTimer deadline(5000);
        do {
            c = std::make_unique<EventStreamClient>();
            QVERIFY(c->open(m_server.baseUrl(), Admin));
            QVERIFY(c->waitForHead());
            if (c->status() != 200)
                QTest::qWait(100);
        } while (c->status() != 200 && !deadline.hasExpired());
        QCOMPARE(c->status(), 200);
        QCOMPARE(m_server.request("GET", QStringLiteral("/api/v1/changes/stream"), Admin).status,
                 503);
    }

    void maxStreamsMustBeANumber()
    {
        QVERIFY(!start({QStringLiteral("--max-streams"), QStringLiteral("many")}));
        QVERIFY(m_server.output().contains("--max-streams takes a number"));
    }
};

QTEST_GUILESS_MAIN(TestChangeStream)
#include "tst_changestream.moc"
