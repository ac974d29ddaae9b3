// Pure pieces of the server: ETag matching, error bodies, name folding, --db parsing.
#include "apierror.h"
#include "apiserver.h"
#include "auththrottle.h"
#include "namefolding.h"
#include "provisioning.h"
#include "sqlitestore.h"
#include "store.h"
#include "tokenhash.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestServerUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void etagMatching_data();
    void etagMatching();
    void errorBody();
    void folding();
    void usersCsv();
    void usersCsvErrors_data();
    void usersCsvErrors();
    void tokens();
    void databaseSpec_data();
    void databaseSpec();
    void databaseSpecErrors_data();
    void databaseSpecErrors();
    void sqliteRecentEventsCountedMovedAndPurged();
    void sqliteRecentEventsKeptHiddenThenPurged();
    void authThrottleWindow();
    void authThrottleTableIsBounded();
};

void TestServerUnits::etagMatching_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("matches");
    QTest::newRow("exact") << QByteArray("\"42\"") << true;
    QTest::newRow("weak") << QByteArray("W/\"42\"") << true;
    QTest::newRow("list") << QByteArray("\"41\", \"42\"") << true;
    QTest::newRow("star") << QByteArray("*") << true;
    QTest::newRow("other") << QByteArray("\"41\"") << false;
    QTest::newRow("unquoted") << QByteArray("42") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestServerUnits::etagMatching()
{
    QFETCH(QByteArray, header);
    QFETCH(bool, matches);
    QCOMPARE(etagMatches(header, "\"42\""), matches);
}

void TestServerUnits::errorBody()
{
    const ApiError e = ApiError::notFound(QStringLiteral("No such user."),
                                          {{QStringLiteral("userIds"), QStringLiteral("u-9")}});
    QCOMPARE(e.status, 404);
    const QJsonObject error
        = QJsonDocument::fromJson(e.toJson()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("No such user."));
    QVERIFY(error.value(QStringLiteral("details")).isObject());
    QVERIFY(!QJsonDocument::fromJson(ApiError::internal().toJson())
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .contains(QStringLiteral("details")));
    QCOMPARE(ApiError::payloadTooLarge(QString()).status, 413);
    QCOMPARE(ApiError::preconditionFailed(3).status, 412);
}

void TestServerUnits::folding()
{
    QCOMPARE(foldToAscii(QStringLiteral("Zoë Østergaard")), QStringLiteral("zoe ostergaard"));
    QCOMPARE(foldToAscii(QStringLiteral("Weiß Æsir Łukasz")), QStringLiteral("weiss aesir lukasz"));
    QCOMPARE(foldToAscii(QStringLiteral("Françoise Åkesson")), QStringLiteral("francoise akesson"));
}

void TestServerUnits::usersCsv()
{
    QVector<NewUser> users;
    QString error;
    QVERIFY2(Provisioning::parseUsersCsv(
                 QStringLiteral(
                     "Email,Name,Roles\r\n\na@x.test,\"Doe, \"\"Jo\"\"\"\r\n"
                     "b@x.test, Zoë ,product_admin;user\nc@x.test,Service,tracking_service\n"),
                 &users, &error),
             qPrintable(error));
    QCOMPARE(users.size(), 3);
    QCOMPARE(users.at(0).name, QStringLiteral("Doe, \"Jo\""));
    QCOMPARE(users.at(0).roles, QStringList {QStringLiteral("user")});
    QCOMPARE(users.at(1).name, QStringLiteral("Zoë"));
    QCOMPARE(users.at(1).roles,
             (QStringList {QStringLiteral("product_admin"), QStringLiteral("user")}));
    QCOMPARE(users.at(2).roles, QStringList {QStringLiteral("tracking_service")});
}

void TestServerUnits::usersCsvErrors_data()
{
    QTest::addColumn<QString>("csv");
    QTest::addColumn<QString>("line");
    QTest::newRow("open quote") << QStringLiteral("a@x.test,\"Jo\n") << QStringLiteral("line 1");
    QTest::newRow("no name") << QStringLiteral("a@x.test,Jo\nb@x.test,\n")
                             << QStringLiteral("line 2");
    QTest::newRow("one field") << QStringLiteral("a@x.test\n") << QStringLiteral("line 1");
    QTest::newRow("four fields") << QStringLiteral("a@x.test,A,user,x\n")
                                 << QStringLiteral("line 1");
    QTest::newRow("not an address") << QStringLiteral("ax.test,A\n") << QStringLiteral("line 1");
    QTest::newRow("unknown role") << QStringLiteral("\na@x.test,A,root\n")
                                  << QStringLiteral("line 2");
}

void TestServerUnits::usersCsvErrors()
{
    QFETCH(QString, csv);
    QFETCH(QString, line);
    QVector<NewUser> users;
    QString error;
    QVERIFY(!Provisioning::parseUsersCsv(csv, &users, &error));
    QVERIFY2(error.startsWith(line + QLatin1Char(':')), qPrintable(error));
}

void TestServerUnits::tokens()
{
    const QByteArray a = Provisioning::newToken();
    const QByteArray b = Provisioning::newToken();
    QCOMPARE(a.size(), 43); // 32 bytes in base64url without padding
    QVERIFY(a != b);
    QVERIFY(!a.contains('=') && !a.contains('+') && !a.contains('/'));
    QCOMPARE(hashToken(a).size(), 64);
}

void TestServerUnits::databaseSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("redacted");
    QTest::newRow("file") << "/var/lib/optout/optout.sqlite"
                          << "sqlite"
                          << "" << 5432 << ""
                          << ""
                          << ""
                          << ""
                          << "/var/lib/optout/optout.sqlite";
    QTest::newRow("relative file") << "data/optout.sqlite"
                                   << "sqlite"
                                   << "" << 5432 << ""
                                   << ""
                                   << ""
                                   << ""
                                   << "data/optout.sqlite";
    QTest::newRow("full url") << "postgresql://optout:s3cr%40t@db.example:6543/optout"
                              << "postgresql"
                              << "db.example" << 6543 << "optout"
                              << "s3cr@t"
                              << "optout"
                              << ""
                              << "postgresql://optout@db.example:6543/optout";
    QTest::newRow("no password, default port") << "postgresql://app@127.0.0.1/optout"
                                               << "postgresql"
                                               << "127.0.0.1" << 5432 << "app"
                                               << ""
                                               << "optout"
                                               << ""
                                               << "postgresql://app@127.0.0.1/optout";
    QTest::newRow("postgres scheme, options")
        << "postgres://app:pw@h/db?sslmode=require&connect_timeout=5"
        << "postgresql"
        << "h" << 5432 << "app"
        << "pw"
        << "db"
        << "sslmode=require;connect_timeout=5"
        << "postgresql://app@h/db";
}

void TestServerUnits::databaseSpec()
{
    QFETCH(QString, text);
    QString error;
    const auto spec = StoreSpec::parse(text, &error);
    QVERIFY2(spec, qPrintable(error));
    QTEST(spec->kindName(), "kind");
    if (spec->kind == StoreSpec::Kind::Sqlite) {
        QCOMPARE(spec->path, text);
    } else {
        QTEST(spec->host, "host");
        QTEST(spec->port, "port");
        QTEST(spec->user, "user");
        QTEST(spec->password, "password");
        QTEST(spec->database, "database");
        QTEST(spec->options, "options");
    }
    QTEST(spec->redacted(), "redacted");
    // What is logged never holds the password.
    if (!spec->password.isEmpty())
        QVERIFY(!spec->redacted().contains(spec->password));
}

void TestServerUnits::databaseSpecErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("no database") << "postgresql://app:hunter2@host:5432/";
    QTest::newRow("path too deep") << "postgresql://app:hunter2@host/a/b";
    QTest::newRow("bad port") << "postgresql://app:hunter2@host:99999/db";
    QTest::newRow("fragment") << "postgresql://app:hunter2@host/db#x";
}

void TestServerUnits::databaseSpecErrors()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!StoreSpec::parse(text, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
}

// SqliteStore writes events to usage_recent and maintain() moves them into usage_events: the
// summary counts both, an opt-out purges both, and the move loses and duplicates nothing.
void TestServerUnits::sqliteRecentEventsCountedMovedAndPurged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StoreSpec spec;
    spec.path = dir.filePath(QStringLiteral("events.db"));
    SqliteStore store(spec);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto org = store.createOrg(QStringLiteral("Org"), QStringLiteral("Product"));
    QVERIFY(org.ok());
    QVector<NewUser> people;
    for (int i = 0; i < 3; ++i)
        people.append({QStringLiteral("u%1@example.com").arg(i),
                       QStringLiteral("U%1").arg(i),
                       {QStringLiteral("user")},
                       {},
                       false});
    const auto added = store.addUsers(org.value, people);
    QVERIFY(added.ok());
    const QStringList ids = added.value;
    const auto event = [&](int user, EventSource source) {
        return NewEvent {org.value,
                         ids.at(user),
                         source,
                         QStringLiteral("e"),
                         QDateTime::currentDateTimeUtc(),
                         QByteArrayLiteral("{\"k\":1}")};
    };
    const auto counts = [&] {
        QMap<QString, QPair<qint64, qint64>> map;
        const auto summary = store.usageSummary(org.value);
        if (summary.ok())
            for (const UsageCountRecord &c : summary.value)
                map.insert(c.userId, {c.client, c.server});
        return map;
    };
    const auto rows = [&](const char *table) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("c"));
        db.setDatabaseName(spec.path);
        qint64 n = -1;
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)))
                && q.next())
                n = q.value(0).toLongLong();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("c"));
        return n;
    };

    auto first = store.ingestEvents({event(0, EventSource::Client), event(0, EventSource::Client),
                                     event(1, EventSource::Client), event(2, EventSource::Server)});
    QVERIFY(first.ok());
    QCOMPARE(first.value.stored, 4);
    QCOMPARE(first.value.discarded, 0);
    QCOMPARE(rows("usage_recent"), 4);
    QCOMPARE(counts().value(ids.at(0)), qMakePair(qint64(2), qint64(0)));
    QCOMPARE(counts().value(ids.at(2)), qMakePair(qint64(0), qint64(1)));

    store.maintain(); // moves them
    QCOMPARE(rows("usage_recent"), 0);
    QCOMPARE(rows("usage_events"), 4);
    QVERIFY(
        store.ingestEvents({event(0, EventSource::Client), event(1, EventSource::Client)}).ok());
    QCOMPARE(counts().value(ids.at(0)), qMakePair(qint64(3), qint64(0))); // 2 moved, 1 recent
    QCOMPARE(counts().value(ids.at(1)), qMakePair(qint64(2), qint64(0)));

    // Opting user 0 out purges the moved events and the recent one.
    OptOutChangeRequest out;
    out.orgId = org.value;
    out.actorId = ids.at(2);
    out.optOut.append({ids.at(0), QDateTime::currentDateTimeUtc()});
    const auto applied = store.applyOptOuts(out);
    QVERIFY(applied.ok());
    QCOMPARE(applied.value.optedOut, 1);
    QVERIFY(!counts().contains(ids.at(0)));
    QCOMPARE(counts().value(ids.at(1)), qMakePair(qint64(2), qint64(0)));
    QCOMPARE(rows("usage_events") + rows("usage_recent"), 3);

    // Then the user's events are discarded (server-side ones are not counted as discarded).
    const auto after
        = store.ingestEvents({event(0, EventSource::Client), event(0, EventSource::Server),
                              event(1, EventSource::Client)});
    QVERIFY(after.ok());
    QCOMPARE(after.value.stored, 1);
    QCOMPARE(after.value.discarded, 1);
    store.maintain();
    QCOMPARE(rows("usage_recent"), 0);
    QCOMPARE(rows("usage_events"), 4);
    QVERIFY(!counts().contains(ids.at(0)));
    QCOMPARE(counts().value(ids.at(1)), qMakePair(qint64(3), qint64(0)));
}

// Events ingested just before an opt-out, still in usage_recent (maintain() not run): the
// opt-out with a retention window keeps them hidden and awaiting deletion, deleteStoredEvents
// deletes them at once, and the purge at purgeAt deletes them, each with its count.
void TestServerUnits::sqliteRecentEventsKeptHiddenThenPurged()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StoreSpec spec;
    spec.path = dir.filePath(QStringLiteral("retention.db"));
    SqliteStore store(spec);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto org = store.createOrg(QStringLiteral("Org"), QStringLiteral("Product"));
    QVERIFY(org.ok());
    QVector<NewUser> people;
    for (int i = 0; i < 4; ++i)
        people.append({QStringLiteral("r%1@example.com").arg(i),
                       QStringLiteral("R%1").arg(i),
                       {QStringLiteral("user")},
                       {},
                       false});
    const auto added = store.addUsers(org.value, people);
    QVERIFY(added.ok());
    const QStringList ids = added.value;
    const auto event = [&](int user, EventSource source) {
        return NewEvent {
            org.value, ids.at(user), source, QStringLiteral("e"), QDateTime::currentDateTimeUtc(),
            {}};
    };
    const auto summaryOf = [&](int user) {
        const auto summary = store.usageSummary(org.value);
        if (summary.ok())
            for (const UsageCountRecord &c : summary.value)
                if (c.userId == ids.at(user))
                    return std::optional<UsageCountRecord>(c);
        return std::optional<UsageCountRecord>();
    };
    const auto rows = [&](const char *table, int user) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("r"));
        db.setDatabaseName(spec.path);
        qint64 n = -1;
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE user_id = ?")
                          .arg(QLatin1String(table)));
            q.addBindValue(ids.at(user));
            if (q.exec() && q.next())
                n = q.value(0).toLongLong();
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("r"));
        return n;
    };
    const auto purgeCounts = [&] {
        QMap<QString, qint64> map;
        AuditQuery query;
        query.orgId = org.value;
        query.action = QStringLiteral("purge");
        const auto audit = store.audit(query);
        if (audit.ok())
            for (const AuditRecord &a : audit.value)
                map.insert(a.userId, a.count);
        return map;
    };

    QVERIFY(store
                .ingestEvents({event(0, EventSource::Client), event(0, EventSource::Client),
                               event(0, EventSource::Server), event(1, EventSource::Client),
                               event(2, EventSource::Client), event(3, EventSource::Client)})
                .ok());
    QCOMPARE(rows("usage_recent", 0), 3); // not moved: maintain() is not called here

    // User 0 out with a one-hour window: the recent events are kept, hidden, awaiting deletion.
    const QDateTime outAt = QDateTime::currentDateTimeUtc();
    OptOutChangeRequest keep;
    keep.orgId = org.value;
    keep.actorId = ids.at(3);
    keep.purgeAfterSeconds = 3600;
    keep.reason = QStringLiteral("asked");
    keep.optOut.append({ids.at(0), outAt});
    const auto kept = store.applyOptOuts(keep);
    QVERIFY(kept.ok());
    QCOMPARE(kept.value.optedOut, 1);
    QCOMPARE(kept.value.entries.size(), 1);
    QVERIFY(kept.value.entries.first().purgeAt.isValid()); // it had events: a purge is due
    auto s0 = summaryOf(0);
    QVERIFY(s0);
    QVERIFY(s0->optedOut);
    QCOMPARE(s0->client, 2);
    QCOMPARE(s0->server, 1);
    QCOMPARE(s0->purgeAt, kept.value.entries.first().purgeAt);
    QCOMPARE(rows("usage_recent", 0) + rows("usage_events", 0), 3);
    QVERIFY(purgeCounts().isEmpty());
    // A list the caller holds at the current revision is not read again; an older one is.
    const auto held = store.changesSince(0, {{org.value, kept.value.revision}});
    QVERIFY(held.ok());
    QCOMPARE(held.value.orgs.size(), 1);
    QVERIFY(!held.value.optOutsByOrg.contains(org.value));
    QCOMPARE(store.changesSince(0, {{org.value, kept.value.revision - 1}})
                 .value.optOutsByOrg.value(org.value)
                 .size(),
             1);

    // User 1 out with deleteStoredEvents: its recent event goes now, counted.
    const auto ingested = store.ingestEvents({event(1, EventSource::Client)});
    QVERIFY(ingested.ok());
    // Still recent, both: an opt-out counts and deletes recent events where they are.
    QCOMPARE(rows("usage_recent", 1), 2);
    OptOutChangeRequest now = keep;
    now.optOut = {{ids.at(1), QDateTime::currentDateTimeUtc()}};
    now.deleteStoredEvents = true;
    const auto deleted = store.applyOptOuts(now);
    QVERIFY(deleted.ok());
    QVERIFY(!deleted.value.entries.first().purgeAt.isValid());
    QVERIFY(!summaryOf(1));
    QCOMPARE(rows("usage_recent", 1) + rows("usage_events", 1), 0);
    QCOMPARE(purgeCounts().value(ids.at(1)), 2);

    // User 2 (recent) kept, then deleteStoredEvents on the user already out.
    QVERIFY(store.ingestEvents({event(2, EventSource::Server)}).ok());
    OptOutChangeRequest later = keep;
    later.optOut = {{ids.at(2), QDateTime::currentDateTimeUtc()}};
    QVERIFY(store.applyOptOuts(later).ok());
    QCOMPARE(summaryOf(2)->client + summaryOf(2)->server, 2);
    later.deleteStoredEvents = true;
    const auto purgedOut = store.applyOptOuts(later);
    QVERIFY(purgedOut.ok());
    QCOMPARE(purgedOut.value.purged, 1);
    QVERIFY(!summaryOf(2));
    QCOMPARE(purgeCounts().value(ids.at(2)), 2);

    // Nothing due before purgeAt; at it, user 0's three events go, counted.
    QVERIFY(store.purgeDue(outAt.addSecs(60)).value.isEmpty());
    const auto due = store.purgeDue(outAt.addSecs(3601));
    QVERIFY(due.ok());
    QCOMPARE(due.value.size(), 1);
    QCOMPARE(due.value.first().userId, ids.at(0));
    QCOMPARE(due.value.first().count, 3);
    QCOMPARE(rows("usage_recent", 0) + rows("usage_events", 0), 0);
    QVERIFY(!summaryOf(0));
    QCOMPARE(purgeCounts().value(ids.at(0)), 3);
    // User 3, never opted out, keeps its event.
    QCOMPARE(summaryOf(3)->client, 1);
    QVERIFY(!summaryOf(3)->optedOut);
}

void TestServerUnits::authThrottleWindow()
{
    AuthThrottle throttle;
    const QHostAddress a(QStringLiteral("192.0.2.1"));
    const QHostAddress b(QStringLiteral("192.0.2.2"));
    for (int i = 1; i < AuthThrottle::MaxFailures; ++i) {
        QVERIFY(!throttle.recordFailure(a, 1000 + i));
        QCOMPARE(throttle.refusedForSeconds(a, 1000 + i), 0);
    }
    QVERIFY(throttle.recordFailure(a, 2000)); // the 20th, within the minute
    QCOMPARE(throttle.refusedForSeconds(a, 2000), 60);
    QCOMPARE(throttle.refusedForSeconds(a, 1001 + 59000), 1);
    QCOMPARE(throttle.refusedForSeconds(b, 2000), 0);
    // The window began with the first failure: a minute later the address is served again.
    QCOMPARE(throttle.refusedForSeconds(a, 1001 + 60000), 0);
    QVERIFY(!throttle.recordFailure(a, 1001 + 60000)); // a new window, one failure
    QCOMPARE(throttle.refusedForSeconds(a, 1001 + 60000), 0);
    // 19 failures a minute, for ever: never refused.
    AuthThrottle slow;
    for (int minute = 0; minute < 5; ++minute) {
        for (int i = 0; i < AuthThrottle::MaxFailures - 1; ++i)
            slow.recordFailure(a, minute * 60000 + i);
        QCOMPARE(slow.refusedForSeconds(a, minute * 60000 + 100), 0);
    }
    // An IPv4 client of a dual-stack listener is the same address; an IPv6 host is its /64.
    QCOMPARE(AuthThrottle::key(QHostAddress(QStringLiteral("::ffff:192.0.2.1"))),
             AuthThrottle::key(a));
    QCOMPARE(AuthThrottle::key(QHostAddress(QStringLiteral("2001:db8:1:2::1"))),
             AuthThrottle::key(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))));
    QVERIFY(AuthThrottle::key(QHostAddress(QStringLiteral("2001:db8:1:2::1")))
            != AuthThrottle::key(QHostAddress(QStringLiteral("2001:db8:1:3::1"))));
}

void TestServerUnits::authThrottleTableIsBounded()
{
    // 100,000 addresses (spoofed, or an IPv6 flood) within one minute: the table stays within
    // its size, and the address that reached the limit most recently stays refused.
    AuthThrottle throttle(1000);
    for (quint32 i = 0; i < 100000; ++i)
        throttle.recordFailure(QHostAddress(0x0a000000 + i), qint64(i / 100));
    QVERIFY(throttle.size() <= 1000 && throttle.size() >= 750);
    const QHostAddress attacker(QStringLiteral("198.51.100.7"));
    for (int i = 0; i < AuthThrottle::MaxFailures; ++i)
        throttle.recordFailure(attacker, 20000);
    QVERIFY(throttle.refusedForSeconds(attacker, 20001) > 0);
    QVERIFY(throttle.size() <= 1000);
    // Expired windows make room first: once the table is full again, only the new ones stay.
    for (quint32 i = 0; i < 400; ++i)
        throttle.recordFailure(QHostAddress(0xcb007100 + i), 200000);
    QCOMPARE(throttle.size(), 400);
    QCOMPARE(throttle.refusedForSeconds(attacker, 200000), 0);
}

QTEST_GUILESS_MAIN(TestServerUnits)
#include "tst_serverunits.moc"
