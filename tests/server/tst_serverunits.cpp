// Pure pieces of the server: ETag matching, error bodies, name folding, --db parsing, the
// opt-out plan; and the SQLite store's own paths.
#include "apiserver.h"
#include "auththrottle.h"
#include "httperror.h"
#include "namefolding.h"
#include "optoutdelta.h"
#include "optoutplan.h"
#include "provisioning.h"
#include "sqlitestore.h"
#include "store.h"
#include "tokenhash.h"

#include <QElapsedTimer>
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
    void optOutDeltaBetweenTwoLists();
    void optOutSnapshotsKeepTheLastFew();
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
    void planRefusalsInOrder_data();
    void planRefusalsInOrder();
    void planChanges();
    void planStoredEvents();
    void planRepeatsAndEmpty();
    void planTenThousandIds();
    void sqliteOptOutChecksAndTenThousandIds();
    void authThrottleWindow();
    void authThrottleTableIsBounded();
    void sqliteGroupsSchemaAndMigration();
};

namespace {

// An organisation's state as a store reads it: users u-1..u-n, `out` individually opted out.
OptOutState stateOf(int users, const QStringList &out, qint64 revision = 7)
{
    OptOutState state;
    state.revision = revision;
    state.now = QDateTime(QDate(2026, 12, 5), QTime(14, 0), Qt::UTC);
    for (int i = 1; i <= users; ++i)
        state.knownUserIds.insert(QStringLiteral("u-%1").arg(i));
    qint64 seq = 0;
    for (const QString &id : out) {
        state.optOuts.insert(id,
                             StoredOptOut {id,
                                           QStringLiteral("o-1"),
                                           state.now.addDays(-1),
                                           QStringLiteral("u-1"),
                                           ++seq,
                                           QStringLiteral("first"),
                                           QDateTime(),
                                           true,
                                           {}});
    }
    return state;
}

OptOutChangeRequest requestOf(const QStringList &out, const QStringList &in,
                              const QDateTime &at
                              = QDateTime(QDate(2026, 12, 5), QTime(13, 59), Qt::UTC))
{
    OptOutChangeRequest request;
    request.orgId = QStringLiteral("o-1");
    request.actorId = QStringLiteral("u-1");
    for (const QString &id : out)
        request.optOut.append({id, at});
    request.optIn = in;
    request.purgeAfterSeconds = 3600;
    return request;
}

QStringList auditLines(const OptOutPlan &plan)
{
    QStringList lines;
    for (const PlannedAuditEntry &a : plan.audit)
        lines.append(a.action + QLatin1Char(':') + a.userId
                     + (a.count >= 0 ? QLatin1Char(':') + QString::number(a.count) : QString()));
    return lines;
}

} // namespace

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
    const HttpError e = HttpError::notFound(QStringLiteral("No such user."),
                                            {{QStringLiteral("userIds"), QStringLiteral("u-9")}});
    QCOMPARE(e.status, 404);
    const QJsonObject error
        = QJsonDocument::fromJson(e.toJson()).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("not_found"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("No such user."));
    QVERIFY(error.value(QStringLiteral("details")).isObject());
    QVERIFY(!QJsonDocument::fromJson(HttpError::internal().toJson())
                 .object()
                 .value(QStringLiteral("error"))
                 .toObject()
                 .contains(QStringLiteral("details")));
    QCOMPARE(HttpError::payloadTooLarge(QString()).status, 413);
    QCOMPARE(HttpError::preconditionFailed(3).status, 412);
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

using Kind = OptOutChangeOutcome::Kind;

void TestServerUnits::planRefusalsInOrder_data()
{
    // u-1..u-5; u-2 individually out; u-3 covered by rule r-1, u-4 by r-1 and r-2.
    QTest::addColumn<QStringList>("out");
    QTest::addColumn<QStringList>("in");
    QTest::addColumn<QList<qint64>>("ifRevisionIn"); // empty: no If-Match
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QStringList>("userIds");
    QTest::addColumn<QStringList>("ruleIds");
    const QStringList none;
    const QList<qint64> stale {5, 6};
    QTest::newRow("in both lists, before unknown ids and If-Match")
        << QStringList {"u-1", "u-9", "u-5"} << QStringList {"u-5", "u-8", "u-5"} << stale
        << Kind::InBothLists << QStringList {"u-5"} << none;
    QTest::newRow("unknown ids, each once, before If-Match")
        << QStringList {"u-9", "u-1", "u-9"} << QStringList {"x", "u-3"} << stale
        << Kind::UnknownUsers << QStringList {"u-9", "x"} << none;
    QTest::newRow("empty id is unknown") << QStringList {""} << none << QList<qint64> {}
                                         << Kind::UnknownUsers << QStringList {""} << none;
    QTest::newRow("stale If-Match, before a covered opt-in")
        << none << QStringList {"u-3"} << stale << Kind::PreconditionFailed << none << none;
    QTest::newRow("covered opt-in")
        << QStringList {"u-1"} << QStringList {"u-2", "u-4", "u-3"} << QList<qint64> {3, 7}
        << Kind::CoveredByRule << QStringList {"u-4", "u-3"} << QStringList {"r-1", "r-2"};
}

void TestServerUnits::planRefusalsInOrder()
{
    QFETCH(QStringList, out);
    QFETCH(QStringList, in);
    QFETCH(QList<qint64>, ifRevisionIn);
    QFETCH(Kind, kind);
    QFETCH(QStringList, userIds);
    QFETCH(QStringList, ruleIds);
    OptOutState state = stateOf(5, {QStringLiteral("u-2")});
    state.ruleCovers.insert(QStringLiteral("u-3"), {{OptOutVia::Kind::Group, "r-1"}});
    state.ruleCovers.insert(
        QStringLiteral("u-4"),
        {{OptOutVia::Kind::Group, "r-1"}, {OptOutVia::Kind::EmailDomain, "r-2"}});
    OptOutChangeRequest request = requestOf(out, in);
    request.deleteStoredEvents = true;
    if (!ifRevisionIn.isEmpty())
        request.ifRevisionIn = ifRevisionIn;

    QVERIFY(eventCountsNeeded(request, state).isEmpty());
    const OptOutPlan plan = planOptOuts(request, state);
    QCOMPARE(plan.kind, kind);
    QVERIFY(!plan.changes());
    QVERIFY(plan.inserts.isEmpty() && plan.deletes.isEmpty() && plan.purges.isEmpty()
            && plan.clearPurgeAt.isEmpty() && plan.audit.isEmpty());
    const OptOutChangeOutcome outcome = plan.outcome();
    QCOMPARE(outcome.kind, kind);
    QCOMPARE(outcome.revision, 7);
    QCOMPARE(outcome.optedOut + outcome.optedIn + outcome.purged, 0);
    QVERIFY(outcome.entries.isEmpty());
    QCOMPARE(kind == Kind::UnknownUsers ? outcome.unknownUserIds : outcome.conflictingUserIds,
             userIds);
    QCOMPARE(outcome.ruleIds, ruleIds);
}

void TestServerUnits::planChanges()
{
    // u-2 and u-3 out; u-4 covered by a rule but not individually out.
    OptOutState state = stateOf(6, {QStringLiteral("u-2"), QStringLiteral("u-3")});
    state.ruleCovers.insert(QStringLiteral("u-4"), {{OptOutVia::Kind::Group, "r-1"}});
    OptOutChangeRequest request
        = requestOf({QStringLiteral("u-5"), QStringLiteral("u-2"), QStringLiteral("u-4")},
                    {QStringLiteral("u-3"), QStringLiteral("u-6")});
    request.reason = QStringLiteral("works council");
    request.ifRevisionIn = QList<qint64> {7};
    QCOMPARE(eventCountsNeeded(request, state),
             QStringList({QStringLiteral("u-5"), QStringLiteral("u-4")}));

    OptOutPlan plan = planOptOuts(request, state);
    QCOMPARE(plan.kind, Kind::Applied);
    QVERIFY(plan.changes());
    // An individual opt-out is recorded for a user a rule covers too: removing the rule then
    // leaves them out.
    QCOMPARE(plan.inserts.size(), 2);
    QCOMPARE(plan.inserts.at(0).userId, QStringLiteral("u-5"));
    QCOMPARE(plan.inserts.at(0).reason, QStringLiteral("works council"));
    QCOMPARE(plan.inserts.at(0).byUserId, QStringLiteral("u-1"));
    QCOMPARE(plan.inserts.at(0).at, request.optOut.at(0).second);
    QVERIFY(!plan.inserts.at(0).purgeAt.isValid()); // no stored events
    QCOMPARE(plan.inserts.at(1).userId, QStringLiteral("u-4"));
    QCOMPARE(plan.deletes, QStringList {QStringLiteral("u-3")}); // u-6 was not out
    QVERIFY(plan.purges.isEmpty() && plan.clearPurgeAt.isEmpty());
    QCOMPARE(auditLines(plan),
             QStringList({QStringLiteral("opt_out:u-5"), QStringLiteral("opt_out:u-4"),
                          QStringLiteral("opt_in:u-3")}));
    QCOMPARE(plan.audit.at(0).reason, QStringLiteral("works council"));
    QCOMPARE(plan.audit.at(0).at, request.optOut.at(0).second);
    QCOMPARE(plan.audit.at(2).at, state.now);
    QCOMPARE(plan.audit.at(2).actorId, QStringLiteral("u-1"));
    QVERIFY(plan.audit.at(2).reason.isEmpty());

    plan.setInsertSeqs({41, 42});
    const OptOutChangeOutcome outcome = plan.outcome();
    QCOMPARE(outcome.kind, Kind::Applied);
    QCOMPARE(outcome.revision, 8);
    QCOMPARE(outcome.optedOut, 2);
    QCOMPARE(outcome.optedIn, 1);
    QCOMPARE(outcome.purged, 0);
    QCOMPARE(outcome.entries.size(), 3);
    QCOMPARE(outcome.entries.at(0).userId, QStringLiteral("u-5"));
    QCOMPARE(outcome.entries.at(0).seq, 41);
    // The existing entry unchanged: its time, its first reason.
    QCOMPARE(outcome.entries.at(1).userId, QStringLiteral("u-2"));
    QCOMPARE(outcome.entries.at(1).reason, QStringLiteral("first"));
    QCOMPARE(outcome.entries.at(1).at, state.now.addDays(-1));
    QCOMPARE(outcome.entries.at(2).seq, 42);
}

void TestServerUnits::planStoredEvents()
{
    // u-2 out with events awaiting deletion; u-3 and u-4 newly out, u-3 with events.
    OptOutState state = stateOf(4, {QStringLiteral("u-2")});
    state.optOuts[QStringLiteral("u-2")].purgeAt = state.now.addSecs(600);
    state.storedEvents = {{QStringLiteral("u-2"), 5}, {QStringLiteral("u-3"), 3}};
    const QDateTime at = QDateTime(QDate(2026, 12, 5), QTime(13, 59, 1, 234), Qt::UTC);
    OptOutChangeRequest request
        = requestOf({QStringLiteral("u-3"), QStringLiteral("u-2"), QStringLiteral("u-4")}, {}, at);

    // A retention window: u-3's events kept until at + window; u-2 untouched.
    OptOutPlan kept = planOptOuts(request, state);
    QCOMPARE(kept.inserts.size(), 2);
    QCOMPARE(kept.inserts.at(0).purgeAt, at.addSecs(3600));
    QVERIFY(!kept.inserts.at(1).purgeAt.isValid()); // u-4: nothing stored
    QVERIFY(kept.purges.isEmpty() && kept.clearPurgeAt.isEmpty());
    QCOMPARE(kept.outcome().entries.at(1).purgeAt, state.now.addSecs(600));

    // No window: u-3's events go now, audited after the opt-outs.
    request.purgeAfterSeconds = 0;
    const OptOutPlan now = planOptOuts(request, state);
    QVERIFY(!now.inserts.at(0).purgeAt.isValid());
    QCOMPARE(now.purges.size(), 1);
    QCOMPARE(now.purges.at(0), qMakePair(QStringLiteral("u-3"), qint64(3)));
    QCOMPARE(auditLines(now),
             QStringList({QStringLiteral("opt_out:u-3"), QStringLiteral("opt_out:u-4"),
                          QStringLiteral("purge:u-3:3")}));
    // Ordered by the request: the administrator is named (docs/api.md, "Who did it").
    QCOMPARE(now.audit.last().actorId, request.actorId);
    QCOMPARE(now.outcome().purged, 0);

    // deleteStoredEvents: u-2's too, though already out; counted as purged.
    request.purgeAfterSeconds = 3600;
    request.deleteStoredEvents = true;
    QCOMPARE(eventCountsNeeded(request, state),
             QStringList({QStringLiteral("u-3"), QStringLiteral("u-2"), QStringLiteral("u-4")}));
    const OptOutPlan all = planOptOuts(request, state);
    QCOMPARE(all.clearPurgeAt, QStringList {QStringLiteral("u-2")});
    QCOMPARE(auditLines(all),
             QStringList({QStringLiteral("opt_out:u-3"), QStringLiteral("opt_out:u-4"),
                          QStringLiteral("purge:u-3:3"), QStringLiteral("purge:u-2:5")}));
    const OptOutChangeOutcome outcome = all.outcome();
    QCOMPARE(outcome.purged, 1);
    QVERIFY(!outcome.entries.at(1).purgeAt.isValid());

    // deleteStoredEvents on a user already out with nothing stored changes nothing.
    state.storedEvents.clear();
    const OptOutPlan nothing = planOptOuts(requestOf({QStringLiteral("u-2")}, {}), state);
    QVERIFY(!nothing.changes());
    QCOMPARE(nothing.outcome().revision, 7);
}

void TestServerUnits::planRepeatsAndEmpty()
{
    const OptOutState state = stateOf(3, {QStringLiteral("u-2")});
    const OptOutChangeRequest repeated
        = requestOf({QStringLiteral("u-3"), QStringLiteral("u-2"), QStringLiteral("u-3")},
                    {QStringLiteral("u-2"), QStringLiteral("u-1"), QStringLiteral("u-1")});
    // u-2 in both lists: refused, though u-3 repeats are fine.
    QCOMPARE(planOptOuts(repeated, state).kind, Kind::InBothLists);

    const OptOutChangeRequest outs
        = requestOf({QStringLiteral("u-3"), QStringLiteral("u-3"), QStringLiteral("u-2")},
                    {QStringLiteral("u-1"), QStringLiteral("u-1")});
    OptOutPlan plan = planOptOuts(outs, state);
    QCOMPARE(plan.inserts.size(), 1);
    QVERIFY(plan.deletes.isEmpty());
    QCOMPARE(auditLines(plan), QStringList {QStringLiteral("opt_out:u-3")});
    plan.setInsertSeqs({9});
    const OptOutChangeOutcome outcome = plan.outcome();
    QCOMPARE(outcome.optedOut, 1);
    // One entry per id of the request, repeats included, in its order.
    QCOMPARE(outcome.entries.size(), 3);
    QCOMPARE(outcome.entries.at(0).seq, 9);
    QCOMPARE(outcome.entries.at(1).seq, 9);
    QCOMPARE(outcome.entries.at(2).userId, QStringLiteral("u-2"));

    // Nothing asked: applied, nothing written, the revision unchanged.
    const OptOutPlan empty = planOptOuts(requestOf({}, {}), state);
    QCOMPARE(empty.kind, Kind::Applied);
    QVERIFY(!empty.changes());
    QCOMPARE(empty.outcome().revision, 7);
    QVERIFY(empty.outcome().entries.isEmpty());
    QVERIFY(eventCountsNeeded(requestOf({}, {}), state).isEmpty());
}

void TestServerUnits::planTenThousandIds()
{
    // The batch limit: 10,000 ids, half of them out; and 10,000 unknown ones.
    QStringList out, in, already;
    for (int i = 1; i <= 10000; ++i) {
        const QString id = QStringLiteral("u-%1").arg(i);
        (i % 2 ? out : in).append(id);
        if (i % 4 == 0 || i % 4 == 1)
            already.append(id);
    }
    const OptOutState state = stateOf(10000, already);
    QElapsedTimer timer;
    timer.start();
    const OptOutPlan plan = planOptOuts(requestOf(out, in), state);
    const qint64 planMs = timer.elapsed();
    QCOMPARE(plan.kind, Kind::Applied);
    QCOMPARE(plan.inserts.size(), 2500); // the odd ids not already out
    QCOMPARE(plan.deletes.size(), 2500); // the even ids out
    QCOMPARE(plan.audit.size(), 5000);
    QCOMPARE(plan.outcome().entries.size(), 5000);

    QStringList unknown;
    for (int i = 0; i < 10000; ++i)
        unknown.append(QStringLiteral("x-%1").arg(i % 5000));
    timer.restart();
    const OptOutPlan refused = planOptOuts(requestOf(unknown, {}), state);
    const qint64 refusedMs = timer.elapsed();
    QCOMPARE(refused.kind, Kind::UnknownUsers);
    QCOMPARE(refused.refusedUserIds.size(), 5000);
    QCOMPARE(refused.refusedUserIds.first(), QStringLiteral("x-0"));
    QCOMPARE(refused.refusedUserIds.last(), QStringLiteral("x-4999"));
    qInfo("10,000 ids: planned in %lld ms, 10,000 unknown refused in %lld ms", planMs, refusedMs);
}

// The SQLite store through the plan: the checks' order and the batch limit's 10,000 ids.
void TestServerUnits::sqliteOptOutChecksAndTenThousandIds()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StoreSpec spec;
    spec.path = dir.filePath(QStringLiteral("plan.db"));
    SqliteStore store(spec);
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    const auto org = store.createOrg(QStringLiteral("Org"), QStringLiteral("Product"));
    QVERIFY(org.ok());
    QVector<NewUser> people;
    for (int i = 0; i < 10000; ++i)
        people.append({QStringLiteral("p%1@example.com").arg(i),
                       QStringLiteral("P%1").arg(i),
                       {QStringLiteral("user")},
                       {},
                       false});
    const auto added = store.addUsers(org.value, people);
    QVERIFY(added.ok());
    const QStringList ids = added.value;
    const auto request = [&](const QStringList &out, const QStringList &in) {
        OptOutChangeRequest r;
        r.orgId = org.value;
        r.actorId = ids.at(0);
        for (const QString &id : out)
            r.optOut.append({id, QDateTime::currentDateTimeUtc()});
        r.optIn = in;
        r.purgeAfterSeconds = 3600;
        return r;
    };

    auto stale = request({ids.at(1), QStringLiteral("u-999999")}, {});
    stale.ifRevisionIn = QList<qint64> {5};
    auto r = store.applyOptOuts(stale);
    QVERIFY(r.ok());
    QCOMPARE(r.value.kind, Kind::UnknownUsers);
    QCOMPARE(r.value.unknownUserIds, QStringList {QStringLiteral("u-999999")});
    stale.optIn = QStringList {ids.at(1)};
    r = store.applyOptOuts(stale);
    QCOMPARE(r.value.kind, Kind::InBothLists);
    stale = request({ids.at(1)}, {});
    stale.ifRevisionIn = QList<qint64> {5};
    r = store.applyOptOuts(stale);
    QCOMPARE(r.value.kind, Kind::PreconditionFailed);
    QCOMPARE(r.value.revision, 0);

    // 10,000 ids, all opted out, repeats included; then 10,000 unknown ones.
    QStringList all = ids;
    all.append(ids.mid(0, 10));
    QElapsedTimer timer;
    timer.start();
    r = store.applyOptOuts(request(all, {}));
    const qint64 outMs = timer.elapsed();
    QVERIFY(r.ok());
    QCOMPARE(r.value.kind, Kind::Applied);
    QCOMPARE(r.value.optedOut, 10000);
    QCOMPARE(r.value.revision, 1);
    QCOMPARE(r.value.entries.size(), 10010);
    QCOMPARE(r.value.entries.at(10005).userId, ids.at(5));
    QCOMPARE(r.value.entries.at(10005).seq, r.value.entries.at(5).seq);
    QStringList unknown;
    for (int i = 0; i < 10000; ++i)
        unknown.append(QStringLiteral("u-%1").arg(100000 + i));
    timer.restart();
    r = store.applyOptOuts(request({}, unknown));
    const qint64 unknownMs = timer.elapsed();
    QCOMPARE(r.value.kind, Kind::UnknownUsers);
    QCOMPARE(r.value.unknownUserIds, unknown);
    timer.restart();
    r = store.applyOptOuts(request({}, ids));
    const qint64 inMs = timer.elapsed();
    QCOMPARE(r.value.optedIn, 10000);
    QCOMPARE(r.value.revision, 2);
    qInfo("SQLite, 10,000 ids: out in %lld ms, unknown refused in %lld ms, in in %lld ms", outMs,
          unknownMs, inMs);
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

namespace {
StoredOptOut storedOptOut(const QString &userId, int minute, const QString &reason = {})
{
    StoredOptOut o;
    o.userId = userId;
    o.orgId = QStringLiteral("o-1");
    o.at = QDateTime(QDate(2026, 12, 5), QTime(10, minute), Qt::UTC);
    o.byUserId = QStringLiteral("u-1");
    o.reason = reason;
    return o;
}
} // namespace

// GET /optouts?since=: what changed between two lists, newest first, and who left.
void TestServerUnits::optOutDeltaBetweenTwoLists()
{
    OptOutSnapshot before;
    for (int i = 0; i < 5; ++i)
        before.insert(QStringLiteral("u-%1").arg(i),
                      storedOptOut(QStringLiteral("u-%1").arg(i), i));
    OptOutSnapshot after = before;
    after.remove(QStringLiteral("u-1"));
    after.remove(QStringLiteral("u-3"));
    after.insert(QStringLiteral("u-9"), storedOptOut(QStringLiteral("u-9"), 30));
    after[QStringLiteral("u-2")].reason = QStringLiteral("GDPR");
    after[QStringLiteral("u-4")].purgeAt = QDateTime(); // unchanged: already none
    const OptOutDelta delta = diffOptOuts(before, after);
    QCOMPARE(delta.changed.size(), 2);
    QCOMPARE(delta.changed.at(0).userId, QStringLiteral("u-9")); // newest first
    QCOMPARE(delta.changed.at(1).userId, QStringLiteral("u-2"));
    QCOMPARE(delta.changed.at(1).reason, QStringLiteral("GDPR"));
    QCOMPARE(delta.removed, (QStringList {QStringLiteral("u-1"), QStringLiteral("u-3")}));
    const OptOutDelta none = diffOptOuts(after, after);
    QVERIFY(none.changed.isEmpty());
    QVERIFY(none.removed.isEmpty());
    // What opts a user out changed (a rule now covers them too, or no longer does, or only a
    // rule is left): the entry's `via` changed, so it is in the delta.
    OptOutSnapshot covered = after;
    covered[QStringLiteral("u-2")].ruleIds = QStringList {QStringLiteral("r-1")};
    covered[QStringLiteral("u-9")].individual = false;
    covered[QStringLiteral("u-9")].ruleIds = QStringList {QStringLiteral("r-2")};
    const OptOutDelta via = diffOptOuts(after, covered);
    QCOMPARE(via.changed.size(), 2);
    QVERIFY(via.removed.isEmpty());
}

void TestServerUnits::optOutSnapshotsKeepTheLastFew()
{
    OptOutSnapshots kept;
    OptOutSnapshot list;
    const QString org = QStringLiteral("o-1");
    for (qint64 revision = 1; revision <= OptOutSnapshots::KeptPerOrg + 2; ++revision) {
        list.insert(QStringLiteral("u-%1").arg(revision),
                    storedOptOut(QStringLiteral("u-%1").arg(revision), int(revision)));
        kept.remember(org, revision, list);
    }
    const qint64 last = OptOutSnapshots::KeptPerOrg + 2;
    // The oldest are forgotten: the caller answers the whole list for them.
    QVERIFY(!kept.deltaSince(org, 1, list));
    QVERIFY(!kept.deltaSince(org, 2, list));
    QVERIFY(!kept.deltaSince(QStringLiteral("o-2"), last, list));
    const auto delta = kept.deltaSince(org, last - 2, list);
    QVERIFY(delta);
    QCOMPARE(delta->changed.size(), 2);
    QVERIFY(delta->removed.isEmpty());
    QVERIFY(kept.deltaSince(org, last, list)->changed.isEmpty());
}

// Schema 9: the directory's groups and memberships, made in a new file and added to a file of
// today's schema (8), its data kept.
void TestServerUnits::sqliteGroupsSchemaAndMigration()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    StoreSpec spec;
    spec.path = dir.filePath(QStringLiteral("groups.db"));
    QStringList ids;
    QString org, other;
    {
        SqliteStore store(spec);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        org = store.createOrg(QStringLiteral("Org"), QStringLiteral("P")).value;
        other = store.createOrg(QStringLiteral("Other"), QStringLiteral("P")).value;
        ids = store
                  .addUsers(org,
                            {{QStringLiteral("a@x"),
                              QStringLiteral("A"),
                              {QStringLiteral("user")},
                              {},
                              false},
                             {QStringLiteral("b@x"),
                              QStringLiteral("B"),
                              {QStringLiteral("user")},
                              {},
                              false}})
                  .value;
        QCOMPARE(ids.size(), 2);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("g"));
    db.setDatabaseName(spec.path);
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        const auto run = [&](const QString &sql) {
            return q.exec(sql);
        };
        const auto value = [&](const QString &sql) {
            return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
        };
        QVERIFY(run(QStringLiteral("PRAGMA foreign_keys=ON")));
        QCOMPARE(value(QStringLiteral("PRAGMA user_version")), 11);
        const QString insertGroup = QStringLiteral(
            "INSERT INTO groups (id, org_id, display_name, external_id, created_at) VALUES "
            "('%1', '%2', '%3', NULL, '2026-12-05T14:00:00.000Z')");
        QVERIFY(run(insertGroup.arg(QStringLiteral("g-1"), org, QStringLiteral("Works council"))));
        // A display name once per organisation; another organisation may have it too.
        QVERIFY(!run(insertGroup.arg(QStringLiteral("g-2"), org, QStringLiteral("Works council"))));
        QVERIFY(
            run(insertGroup.arg(QStringLiteral("g-2"), other, QStringLiteral("Works council"))));
        const QString member
            = QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES ('%1', '%2')");
        QVERIFY(run(member.arg(QStringLiteral("g-1"), ids.at(0))));
        QVERIFY(run(member.arg(QStringLiteral("g-1"), ids.at(1))));
        QVERIFY(!run(member.arg(QStringLiteral("g-1"), ids.at(1)))); // once
        QVERIFY(!run(member.arg(QStringLiteral("g-1"), QStringLiteral("u-999")))); // no user
        QVERIFY(!run(member.arg(QStringLiteral("g-9"), ids.at(0)))); // no group
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM group_members WHERE user_id = '%1'")
                           .arg(ids.at(1))),
                 1);
        QCOMPARE(value(QStringLiteral("SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM groups")),
                 2);
        // Deleting a group deletes its memberships.
        QVERIFY(run(QStringLiteral("DELETE FROM groups WHERE id = 'g-1'")));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM group_members")), 0);

        // Back to schema 8: the file migrates to 11 at the next open, its data kept.
        QVERIFY(run(QStringLiteral("DROP TABLE group_members")));
        QVERIFY(run(QStringLiteral("DROP TABLE groups")));
        QVERIFY(run(QStringLiteral("DROP TABLE optout_rules")));
        QVERIFY(run(QStringLiteral("ALTER TABLE optouts DROP COLUMN individual")));
        QVERIFY(run(QStringLiteral("ALTER TABLE optouts DROP COLUMN rule_ids")));
        QVERIFY(run(QStringLiteral("ALTER TABLE audit DROP COLUMN request_id")));
        QVERIFY(run(QStringLiteral("ALTER TABLE audit DROP COLUMN detail")));
        QVERIFY(run(QStringLiteral("ALTER TABLE tokens DROP COLUMN last_used_at"))); // 10
        QVERIFY(run(QStringLiteral("PRAGMA user_version = 8")));
    }
    db.close();
    {
        SqliteStore store(spec);
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QCOMPARE(snap.value.users.size(), 2);
    }
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 11);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM groups")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM group_members")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("g"));
}

QTEST_GUILESS_MAIN(TestServerUnits)
#include "tst_serverunits.moc"
