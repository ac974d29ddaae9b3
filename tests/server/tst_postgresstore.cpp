// PostgresStore against a real PostgreSQL (OPTOUT_TEST_DB_URL, started by scripts/test.sh):
// schema, refusal of a newer one, the serialisation of opt-outs against ingestion across
// connections, the change sequence, LISTEN/NOTIFY and its recovery after a killed backend.
#include "pgcopy.h"
#include "postgresstore.h"

#include <QCryptographicHash>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <atomic>

#include <libpq-fe.h>

namespace {

// A database of its own for each test, on the server of OPTOUT_TEST_DB_URL.
class ScratchDatabase
{
public:
    ScratchDatabase()
    {
        QString error;
        const auto base = StoreSpec::parse(qEnvironmentVariable("OPTOUT_TEST_DB_URL"), &error);
        if (!base || base->kind != StoreSpec::Kind::Postgres)
            return;
        m_spec = *base;
        m_name = QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
        if (admin([this](QSqlQuery &q) {
                return q.exec(QStringLiteral("CREATE DATABASE %1").arg(m_name));
            }))
            m_spec.database = m_name;
        else
            m_name.clear();
    }
    ~ScratchDatabase()
    {
        if (m_name.isEmpty())
            return;
        admin([this](QSqlQuery &q) {
            return q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        });
    }
    bool isValid() const { return !m_name.isEmpty(); }
    const StoreSpec &spec() const { return m_spec; }

    // Runs `sql` on the scratch database through a connection of its own.
    bool exec(const QString &sql)
    {
        return withConnection(m_spec, [&](QSqlQuery &q) {
            if (q.exec(sql))
                return true;
            qWarning() << q.lastError().text();
            return false;
        });
    }
    // The schema of that release: migration steps 1 to `version` and its version row, as the
    // server of that release left a database.
    bool makeSchema(int version)
    {
        for (int step = 1; step <= version; ++step) {
            for (const QString &sql : PostgresStore::migrationStep(step)) {
                if (!exec(sql)) {
                    qWarning("%s", qPrintable(sql));
                    return false;
                }
            }
        }
        return exec(QStringLiteral("CREATE TABLE schema_version (version integer NOT NULL); "
                                   "INSERT INTO schema_version VALUES (%1)")
                        .arg(version));
    }
    qint64 count(const QString &sql)
    {
        qint64 n = -1;
        withConnection(m_spec, [&](QSqlQuery &q) {
            if (q.exec(sql) && q.next())
                n = q.value(0).toLongLong();
            return true;
        });
        return n;
    }

private:
    template<typename F> static bool withConnection(const StoreSpec &spec, F f)
    {
        const QString name = QUuid::createUuid().toString();
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(spec.host);
            db.setPort(spec.port);
            db.setUserName(spec.user);
            db.setPassword(spec.password);
            db.setDatabaseName(spec.database);
            if (db.open()) {
                QSqlQuery q(db);
                ok = f(q);
            } else {
                qWarning() << db.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }
    template<typename F> bool admin(F f)
    {
        StoreSpec base = m_spec;
        return withConnection(base, f);
    }

    StoreSpec m_spec;
    QString m_name;
};

QByteArray hashOf(const char *token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

NewEvent makeEvent(const QString &orgId, const QString &userId,
                   const QString &name = QStringLiteral("e"))
{
    return {orgId, userId, EventSource::Client, name, QDateTime::currentDateTimeUtc(), {}};
}

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

private:
    // An organisation with an administrator (u-1) and `users` more users, in `store`.
    static QString setUp(Store &store, int users, QStringList *ids)
    {
        const auto org = store.createOrg(QStringLiteral("Org"), QStringLiteral("Product"));
        if (!org.ok())
            return {};
        QVector<NewUser> list;
        list.append({QStringLiteral("admin@example.com"),
                     QStringLiteral("Ada"),
                     {QStringLiteral("product_admin")},
                     hashOf("admin-token"),
                     false});
        for (int i = 0; i < users; ++i)
            list.append({QStringLiteral("user%1@example.com").arg(i),
                         QStringLiteral("Ünïcode \"%1\" \\ {x}").arg(i),
                         {QStringLiteral("user")},
                         {},
                         false});
        const auto added = store.addUsers(org.value, list);
        if (!added.ok())
            return {};
        *ids = added.value;
        return org.value;
    }

    static OptOutChangeRequest change(const QString &orgId, const QString &actor,
                                      const QStringList &out, const QStringList &in)
    {
        OptOutChangeRequest r;
        r.orgId = orgId;
        r.actorId = actor;
        for (const QString &id : out)
            r.optOut.append({id, QDateTime::currentDateTimeUtc()});
        r.optIn = in;
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
                 "the Qt PostgreSQL driver (libqt6sql6-psql) is missing");
        if (qEnvironmentVariableIsEmpty("OPTOUT_TEST_DB_URL")) {
            if (qEnvironmentVariable("CI") == QLatin1String("true"))
                QFAIL("OPTOUT_TEST_DB_URL is not set: scripts/test.sh starts the PostgreSQL");
            QSKIP("OPTOUT_TEST_DB_URL is not set (scripts/test.sh starts a PostgreSQL)");
        }
    }

    // A database that takes no writes (default_transaction_read_only, as on a standby): each
    // write is WriteRefused (answered 503), not Failed (500); reads go on.
    void readOnlyDatabaseRefusesWrites()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        QString error;
        {
            PostgresStore setup(db.spec());
            QVERIFY2(setup.open(&error), qPrintable(error));
            QVERIFY(setup.createOrg(QStringLiteral("Org"), QStringLiteral("P")).ok());
        }
        QVERIFY(db.exec(QStringLiteral("ALTER DATABASE %1 SET default_transaction_read_only = on")
                            .arg(db.spec().database)));
        PostgresStore store(db.spec());
        QVERIFY2(store.open(&error), qPrintable(error));
        QVERIFY(store.snapshot().ok());
        const auto refused = store.createOrg(QStringLiteral("Another"), QStringLiteral("P"));
        QCOMPARE(int(refused.status), int(StoreStatus::WriteRefused));
        QVERIFY(isTemporary(refused.status));
    }

    void arrayLiteralRoundTrip()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        const QStringList values {QStringLiteral("plain"),
                                  QStringLiteral("with \"quotes\""),
                                  QStringLiteral("back\\slash"),
                                  QStringLiteral("{braces},comma"),
                                  QStringLiteral(""),
                                  QString(),
                                  QStringLiteral("NULL"),
                                  QStringLiteral("Zoë 東京 ✓"),
                                  QStringLiteral("'single'")};
        // Users carry the values as names; the snapshot reads them back.
        const auto org = store.createOrg(QStringLiteral("Org"), QStringLiteral("P"));
        QVERIFY(org.ok());
        QVector<NewUser> users;
        for (int i = 0; i < values.size(); ++i) {
            if (values.at(i).isNull())
                continue;
            users.append({QStringLiteral("u%1@x").arg(i), values.at(i), {}, {}, false});
        }
        QVERIFY(store.addUsers(org.value, users).ok());
        const auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QStringList names;
        for (const StoredUser &u : snap.value.users)
            names.append(u.name);
        for (const NewUser &u : users)
            QVERIFY2(names.contains(u.name), qPrintable(u.name));
        QCOMPARE(PostgresStore::arrayLiteral({QString(), QStringLiteral("a\"b")},
                                             PostgresStore::Nulls::Null),
                 QStringLiteral("{NULL,\"a\\\"b\"}"));
        QCOMPARE(PostgresStore::arrayLiteral({QString()}), QStringLiteral("{\"\"}"));
    }

    // COPY's binary format, byte for byte: the header, then per row its field count and each
    // field as a length and its bytes (-1: NULL), timestamps in microseconds from 2000-01-01.
    void copyEncodesBinaryRows()
    {
        PgCopyIn copy = PgCopyIn::encoderOnly(4);
        copy.beginRow();
        copy.text(QByteArrayView("a\tb\\N\n"));
        copy.null();
        copy.timestamp(Q_INT64_C(946684800000000) + 0x0102);
        copy.text(QStringLiteral("\u00e9"));
        QVERIFY(copy.ok());
        const QByteArray expected = QByteArray("PGCOPY\n\xff\r\n\0", 11)
            + QByteArray("\0\0\0\0"
                         "\0\0\0\0",
                         8) // flags, header extension
            + QByteArray("\0\x04", 2) // fields in the row
            + QByteArray("\0\0\0\x06"
                         "a\tb\\N\n",
                         10)
            + QByteArray("\xff\xff\xff\xff", 4)
            + QByteArray("\0\0\0\x08"
                         "\0\0\0\0\0\0\x01\x02",
                         12)
            + QByteArray("\0\0\0\x02"
                         "\xc3\xa9",
                         6);
        QCOMPARE(copy.pending(), expected);
    }

    // Ingestion's two round trips: statements before and after a COPY in one string run with
    // it, and a failure of any of them is the COPY's; pgRunAll() answers the rows of each
    // statement of a string, or its first failure.
    void statementsAroundACopy()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        const StoreSpec &spec = db.spec();
        const QByteArray conninfo
            = QStringLiteral("host=%1 port=%2 user=%3 password=%4 dbname=%5 client_encoding=UTF8")
                  .arg(spec.host)
                  .arg(spec.port)
                  .arg(spec.user, spec.password, spec.database)
                  .toUtf8();
        PGconn *conn = PQconnectdb(conninfo.constData());
        const auto closeConnection = qScopeGuard([conn] { PQfinish(conn); });
        QCOMPARE(PQstatus(conn), CONNECTION_OK);
        PgCopyError error;
        QVERIFY(pgRunAll(conn, "CREATE TABLE c (a text)", nullptr, &error));

        const auto copyOne = [conn](const char *statements, const char *text, qint64 *copied) {
            PgCopyIn copy(conn, statements, 1);
            if (!copy.start())
                return copy.error();
            copy.beginRow();
            copy.text(QByteArrayView(text));
            copy.finish(copied);
            return copy.error();
        };
        qint64 copied = -1;
        // Before and after: run, and committed.
        error = copyOne("BEGIN; SELECT 1; COPY c (a) FROM STDIN (FORMAT binary); COMMIT", "one",
                        &copied);
        QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
        QCOMPARE(copied, qint64(1));
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM c")), qint64(1));
        // A failure after the COPY fails it: nothing committed.
        error = copyOne("BEGIN; COPY c (a) FROM STDIN (FORMAT binary); SELECT 1/0; COMMIT", "two",
                        &copied);
        QCOMPARE(error.sqlState, QStringLiteral("22012"));
        QVERIFY(pgRunAll(conn, "ROLLBACK", nullptr, &error));
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM c")), qint64(1));
        // A failure before it: the COPY never starts, the connection is usable again.
        error = copyOne("SELECT 1/0; COPY c (a) FROM STDIN (FORMAT binary)", "three", &copied);
        QCOMPARE(error.sqlState, QStringLiteral("22012"));
        QCOMPARE(PQtransactionStatus(conn), PQTRANS_IDLE);

        QVector<PgRows> rows;
        error = {};
        QVERIFY(pgRunAll(conn, "SELECT 1, 'a'; SELECT a FROM c; SELECT NULL::text", &rows, &error));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0), PgRows({{"1", "a"}}));
        QCOMPARE(rows.at(1), PgRows({{"one"}}));
        QCOMPARE(rows.at(2), PgRows({{QByteArray()}}));
        rows.clear();
        QVERIFY(!pgRunAll(conn, "SELECT 1; SELECT 1/0; SELECT 3", &rows, &error));
        QCOMPARE(error.sqlState, QStringLiteral("22012"));
        QCOMPARE(rows.size(), 1);
        QCOMPARE(PQtransactionStatus(conn), PQTRANS_IDLE);
    }

    // PostgreSQL text cannot hold a NUL: the field is refused before anything of it is sent,
    // and nothing after it is encoded.
    void copyRefusesNul()
    {
        PgCopyIn copy = PgCopyIn::encoderOnly(2);
        copy.beginRow();
        copy.text(QByteArrayView("ok"));
        const qsizetype before = copy.pending().size();
        copy.text(QByteArray("a\0b", 3));
        QVERIFY(!copy.ok());
        QVERIFY(copy.error().refused);
        QVERIFY(copy.error().sqlState.isEmpty());
        QVERIFY2(copy.error().message.contains(QLatin1String("NUL")),
                 qPrintable(copy.error().message));
        copy.beginRow();
        copy.text(QByteArrayView("later"));
        QCOMPARE(copy.pending().size(), before);
    }

    // Batches larger than one piece of COPY data are stored whole; a COPY the server refuses
    // (a time PostgreSQL cannot hold) stores nothing, counts nothing, and leaves the connection
    // ready for the next call.
    void copyOfManyRowsAndARefusedOne()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(store, 20, &ids);
        QVERIFY(!org.isEmpty());
        QVERIFY(store.applyOptOuts(change(org, ids.at(0), {ids.at(2)}, {})).ok());
        const QByteArray properties = "{\"k\":\"" + QByteArray(1000, 'x') + "\\t\\\\\\n\\u0000\"}";
        QVector<NewEvent> many;
        for (int i = 0; i < 3000; ++i) {
            NewEvent e = makeEvent(org, ids.at(1 + i % 20));
            e.properties = properties;
            many.append(e);
        }
        const auto stored = store.ingestEvents(many);
        QVERIFY(stored.ok());
        QCOMPARE(stored.value.stored, 3000 - 150);
        QCOMPARE(stored.value.discarded, 150);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events")), qint64(2850));
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events WHERE properties = "
                                         "'%1'")
                              .arg(QString::fromUtf8(properties))),
                 qint64(2850));
        const qint64 counted = db.count(QStringLiteral(
            "SELECT sum(accepted_client + discarded_client) FROM enforcement_counts"));
        QCOMPARE(counted, qint64(3000));

        NewEvent tooOld = makeEvent(org, ids.at(3));
        tooOld.at = QDateTime(QDate(-5000, 1, 1), QTime(0, 0), Qt::UTC);
        const auto refused = store.ingestEvents({makeEvent(org, ids.at(3)), tooOld});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.status, StoreStatus::Failed);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events")), qint64(2850));
        QCOMPARE(db.count(QStringLiteral(
                     "SELECT sum(accepted_client + discarded_client) FROM enforcement_counts")),
                 counted);

        const auto next = store.ingestEvents({makeEvent(org, ids.at(3))});
        QVERIFY(next.ok());
        QCOMPARE(next.value.stored, 1);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events")), qint64(2851));
    }

    // JSON may carry a NUL (\u0000) that PostgreSQL text cannot hold: the event is still stored.
    void eventNameWithNulStored()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(store, 1, &ids);
        NewEvent e
            = makeEvent(org, ids.at(1), QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
        e.properties = R"({"x":"\u0000"})";
        const auto r = store.ingestEvents({e});
        QVERIFY(r.ok());
        QCOMPARE(r.value.stored, 1);
    }

    void schemaCreatedOnceAndNewerRefused()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        {
            PostgresStore store(db.spec());
            QString error;
            QVERIFY2(store.open(&error), qPrintable(error));
            QCOMPARE(store.kindName(), QStringLiteral("postgresql"));
            QCOMPARE(store.ping(), StoreStatus::Ok);
        }
        QCOMPARE(db.count(QStringLiteral("SELECT version FROM schema_version")),
                 qint64(PostgresStore::SchemaVersion));
        {
            PostgresStore again(db.spec()); // an up-to-date schema is left alone
            QString error;
            QVERIFY2(again.open(&error), qPrintable(error));
        }
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM schema_version")), qint64(1));
        QVERIFY(db.exec(QStringLiteral("UPDATE schema_version SET version = 99")));
        PostgresStore old(db.spec());
        QString error;
        QVERIFY(!old.open(&error));
        QVERIFY2(error.contains(QLatin1String("99")) && error.contains(QLatin1String("newer")),
                 qPrintable(error));
        QVERIFY(!error.contains(db.spec().password));
    }

    // A database of schema 1 (before the change feed) with data in it is brought to the
    // current schema, data kept, and the next ids follow the ones already there.
    void migratesAnOlderSchema()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        for (const QString &sql : PostgresStore::migrationStep(1))
            QVERIFY2(db.exec(sql), qPrintable(sql));
        QVERIFY(db.exec(QStringLiteral("CREATE TABLE schema_version (version integer NOT NULL); "
                                       "INSERT INTO schema_version VALUES (1)")));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO orgs (id, name, product_name, revision, created_at) VALUES ('o-3', "
            "'Old Org', 'P', 4, now()); INSERT INTO users (id, org_id, email, name, roles, "
            "created_at) VALUES ('u-7', 'o-3', 'a@x', 'A', 'product_admin', now()), ('u-9', "
            "'o-3', 'b@x', 'B', 'user', now()); INSERT INTO tokens (hash, user_id, created_at) "
            "VALUES ('abc', 'u-7', now()); INSERT INTO optouts (user_id, org_id, opted_out_at, "
            "opted_out_by, seq) VALUES ('u-9', 'o-3', now(), 'u-7', 1)")));

        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(db.count(QStringLiteral("SELECT version FROM schema_version")),
                 qint64(PostgresStore::SchemaVersion));
        const auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QCOMPARE(snap.value.orgs.size(), 1);
        QCOMPARE(snap.value.orgs.at(0).revision, 4);
        QCOMPARE(snap.value.users.size(), 2);
        QCOMPARE(snap.value.tokens.size(), 1);
        QCOMPARE(snap.value.optOuts.size(), 1);
        QCOMPARE(snap.value.optOuts.at(0).userId, QStringLiteral("u-9"));
        QCOMPARE(store.createOrg(QStringLiteral("New"), QStringLiteral("P")).value,
                 QStringLiteral("o-4"));
        const auto added = store.addUsers(
            QStringLiteral("o-3"), {{QStringLiteral("c@x"), QStringLiteral("C"), {}, {}, false}});
        QVERIFY(added.ok());
        QCOMPARE(added.value, QStringList {QStringLiteral("u-10")});
        // The opt-out made before the migration still holds for ingestion.
        const auto in
            = store.ingestEvents({makeEvent(QStringLiteral("o-3"), QStringLiteral("u-9"))});
        QVERIFY(in.ok());
        QCOMPARE(in.value.discarded, 1);
        // Directory sync's columns (schema 3): the users of before are active, and the
        // directory can deactivate one and create one again under its id.
        for (const StoredUser &u : snap.value.users)
            QVERIFY(u.active && !u.deleted && u.externalId.isEmpty());
        DirectoryUserChange gone;
        gone.kind = DirectoryUserChange::Kind::Update;
        gone.orgId = QStringLiteral("o-3");
        gone.userId = QStringLiteral("u-9");
        gone.email = QStringLiteral("b@x");
        gone.name = QStringLiteral("B");
        gone.active = false;
        gone.deleted = true;
        const auto left = store.writeDirectoryUser(gone);
        QVERIFY(left.ok());
        QCOMPARE(left.value.kind, DirectoryUserOutcome::Kind::Applied);
        QCOMPARE(left.value.user.active, false);
        DirectoryUserChange back;
        back.orgId = QStringLiteral("o-3");
        back.email = QStringLiteral("B@X");
        back.name = QStringLiteral("B");
        back.externalId = QStringLiteral("ext-9");
        const auto again = store.writeDirectoryUser(back);
        QVERIFY(again.ok());
        QCOMPARE(again.value.kind, DirectoryUserOutcome::Kind::Applied);
        QCOMPARE(again.value.user.id, QStringLiteral("u-9"));
        QCOMPARE(again.value.user.externalId, QStringLiteral("ext-9"));
        QCOMPARE(store.writeDirectoryUser(back).value.kind, DirectoryUserOutcome::Kind::Conflict);
        QCOMPARE(store.snapshot().value.optOuts.size(), 1); // the opt-out kept throughout
    }

    // A database of today's release (schema 2) with audit rows and kept events: migrated to
    // reasons and retention, the entries kept, and the new fields work.
    void migratesTodaysRelease()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        QVERIFY(db.makeSchema(2));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO orgs (id, name, product_name, revision, created_at) VALUES ('o-1', "
            "'Old Org', 'P', 1, now()); INSERT INTO users (id, org_id, email, name, roles, "
            "created_at) VALUES ('u-1', 'o-1', 'a@x', 'A', 'product_admin', now()), ('u-2', "
            "'o-1', 'b@x', 'B', 'user', now()), ('u-3', 'o-1', 'c@x', 'C', 'user', now()); "
            "INSERT INTO optouts (user_id, org_id, opted_out_at, opted_out_by, seq) VALUES "
            "('u-2', 'o-1', now(), 'u-1', 1); INSERT INTO audit (org_id, at, action, actor_id, "
            "user_id) VALUES ('o-1', now(), 'opt_out', 'u-1', 'u-2'); INSERT INTO usage_events "
            "(org_id, user_id, source, name, at, received_at) VALUES ('o-1', 'u-3', 'client', "
            "'x', now(), now())")));
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(db.count(QStringLiteral("SELECT version FROM schema_version")),
                 qint64(PostgresStore::SchemaVersion));
        // Schema 7: groups and memberships. A display name once per organisation; a member
        // is a user, once; deleting a group deletes its memberships.
        QVERIFY(db.exec(QStringLiteral("INSERT INTO groups (id, org_id, display_name, "
                                       "created_at) VALUES ('g-1', 'o-1', 'Works council', "
                                       "now())")));
        QVERIFY(!db.exec(QStringLiteral("INSERT INTO groups (id, org_id, display_name, "
                                        "created_at) VALUES ('g-2', 'o-1', 'Works council', "
                                        "now())")));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES "
                                       "('g-1', 'u-2'), ('g-1', 'u-3')")));
        QVERIFY(!db.exec(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES "
                                        "('g-1', 'u-2')")));
        QVERIFY(!db.exec(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES "
                                        "('g-1', 'u-999')")));
        QCOMPARE(db.count(QStringLiteral("SELECT next_group FROM meta")), qint64(1));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM groups WHERE id = 'g-1'")));
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM group_members")), qint64(0));
        auto audit = store.audit(QStringLiteral("o-1"), 10, 0);
        QVERIFY(audit.ok());
        QCOMPARE(audit.value.size(), 1);
        QCOMPARE(audit.value.at(0).userName, QStringLiteral("B"));
        QVERIFY(audit.value.at(0).reason.isEmpty());
        auto snap = store.snapshot();
        QCOMPARE(snap.value.optOuts.size(), 1);
        QVERIFY(!snap.value.optOuts.at(0).purgeAt.isValid());
        auto request
            = change(QStringLiteral("o-1"), QStringLiteral("u-1"), {QStringLiteral("u-3")}, {});
        request.reason = QStringLiteral("why");
        request.purgeAfterSeconds = 3600;
        const auto r = store.applyOptOuts(request);
        QVERIFY(r.ok());
        QCOMPARE(r.value.entries.at(0).reason, QStringLiteral("why"));
        QVERIFY(r.value.entries.at(0).purgeAt.isValid());
        audit = store.audit(QStringLiteral("o-1"), 10, 0);
        QCOMPARE(audit.value.size(), 2);
        QCOMPARE(audit.value.at(0).reason, QStringLiteral("why"));
        QVERIFY(audit.value.at(0).id > audit.value.at(1).id);
    }

    // A database of schema 9 (groups, rules, member counts) holding opt-outs, a group and a
    // rule: schema 10 drops the opt-out rows' foreign keys (the store guarantees them), keeps
    // every row and the other tables' keys, and rules write their rows as before.
    void migratesSchema9OptOutsWithoutRowChecks()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        QVERIFY(db.makeSchema(9));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO orgs (id, name, product_name, revision, created_at) VALUES ('o-1', "
            "'Org', 'P', 3, now()); INSERT INTO users (id, org_id, email, name, roles, "
            "created_at) VALUES ('u-1', 'o-1', 'a@x.example', 'A', 'product_admin', now()), "
            "('u-2', 'o-1', 'b@x.example', 'B', 'user', now()), ('u-3', 'o-1', 'c@x.example', "
            "'C', 'user', now()), ('u-4', 'o-1', 'd@x.example', 'D', 'user', now()), ('u-5', "
            "'o-1', 'e@y.example', 'E', 'user', now()); UPDATE meta SET next_org = 2, next_user "
            "= 6, next_group = 3, next_rule = 2; INSERT INTO optouts (user_id, org_id, "
            "opted_out_at, opted_out_by, seq, reason) VALUES ('u-2', 'o-1', now(), 'u-1', 1, "
            "'asked'); SELECT setval('optout_seq', 1); INSERT INTO groups (id, org_id, "
            "display_name, created_at, member_count) VALUES ('g-1', 'o-1', 'Works council', "
            "now(), 2), ('g-2', 'o-1', 'Contractors', now(), 2); INSERT INTO group_members "
            "(group_id, user_id) VALUES ('g-1', 'u-2'), ('g-1', 'u-3'), ('g-2', 'u-3'), ('g-2', "
            "'u-4'); INSERT INTO optout_rules (id, org_id, kind, target, reason, created_at, "
            "created_by) VALUES ('r-1', 'o-1', 'group', 'g-1', 'council', now(), 'u-1'); UPDATE "
            "optouts SET rule_ids = 'r-1' WHERE user_id = 'u-2'; INSERT INTO optouts (user_id, "
            "org_id, opted_out_at, opted_out_by, seq, reason, individual, rule_ids) VALUES "
            "('u-3', 'o-1', now(), 'u-1', 2, 'council', false, 'r-1'); SELECT "
            "setval('optout_seq', 2)")));
        const QString foreignKeysOf = QStringLiteral(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = '%1'::regclass");
        QCOMPARE(db.count(foreignKeysOf.arg(QLatin1String("optouts"))), qint64(3));

        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QCOMPARE(db.count(QStringLiteral("SELECT version FROM schema_version")),
                 qint64(PostgresStore::SchemaVersion));
        QCOMPARE(db.count(foreignKeysOf.arg(QLatin1String("optouts"))), qint64(0));
        // The keys that are not the opt-out rows' stay: a member, a token are users.
        QCOMPARE(db.count(foreignKeysOf.arg(QLatin1String("group_members"))), qint64(2));
        QCOMPARE(db.count(foreignKeysOf.arg(QLatin1String("tokens"))), qint64(1));
        QVERIFY(!db.exec(QStringLiteral("INSERT INTO group_members (group_id, user_id) VALUES "
                                        "('g-2', 'u-999')")));

        // Every row kept, as it was.
        auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QCOMPARE(snap.value.optOuts.size(), 2);
        QCOMPARE(snap.value.rules.size(), 1);
        QCOMPARE(snap.value.rules.at(0).groupName, QStringLiteral("Works council"));
        for (const StoredOptOut &o : std::as_const(snap.value.optOuts)) {
            QCOMPARE(o.orgId, QStringLiteral("o-1"));
            QCOMPARE(o.byUserId, QStringLiteral("u-1"));
            QCOMPARE(o.ruleIds, QStringList {QStringLiteral("r-1")});
            QCOMPARE(o.individual, o.userId == QLatin1String("u-2"));
        }

        // A rule on the second group: u-3 (covered already) gains it, u-4 is newly out, with
        // the creator, the organisation and a new sequence number on the row.
        RuleChangeRequest create;
        create.kind = RuleChangeRequest::Kind::Create;
        create.orgId = QStringLiteral("o-1");
        create.actorId = QStringLiteral("u-1");
        create.groupId = QStringLiteral("g-2");
        create.reason = QStringLiteral("contract");
        const auto created = store.changeRule(create);
        QVERIFY(created.ok());
        QCOMPARE(created.value.kind, RuleChangeOutcome::Kind::Applied);
        QCOMPARE(created.value.rule.id, QStringLiteral("r-2"));
        QCOMPARE(created.value.userCount, qint64(2));
        QCOMPARE(created.value.newlyOptedOut, 1);
        QCOMPARE(created.value.revision, qint64(4));
        snap = store.snapshot();
        QCOMPARE(snap.value.optOuts.size(), 3);
        for (const StoredOptOut &o : std::as_const(snap.value.optOuts)) {
            if (o.userId == QLatin1String("u-3")) {
                QCOMPARE(o.ruleIds, (QStringList {QStringLiteral("r-1"), QStringLiteral("r-2")}));
            } else if (o.userId == QLatin1String("u-4")) {
                QCOMPARE(o.orgId, QStringLiteral("o-1"));
                QCOMPARE(o.byUserId, QStringLiteral("u-1"));
                QCOMPARE(o.reason, QStringLiteral("contract"));
                QCOMPARE(o.ruleIds, QStringList {QStringLiteral("r-2")});
                QVERIFY(!o.individual);
                QCOMPARE(o.seq, qint64(3));
            }
        }
        const auto in
            = store.ingestEvents({makeEvent(QStringLiteral("o-1"), QStringLiteral("u-4")),
                                  makeEvent(QStringLiteral("o-1"), QStringLiteral("u-5"))});
        QVERIFY(in.ok());
        QCOMPARE(in.value.discarded, 1);
        QCOMPARE(in.value.stored, 1);

        // The rule deleted: u-4 opted back in, u-3 still under the first rule.
        RuleChangeRequest remove;
        remove.kind = RuleChangeRequest::Kind::Delete;
        remove.orgId = QStringLiteral("o-1");
        remove.actorId = QStringLiteral("u-1");
        remove.ruleId = QStringLiteral("r-2");
        const auto removed = store.changeRule(remove);
        QVERIFY(removed.ok());
        QCOMPARE(removed.value.kind, RuleChangeOutcome::Kind::Applied);
        QCOMPARE(removed.value.optedIn, 1);
        QCOMPARE(store.snapshot().value.optOuts.size(), 2);
    }

    // A rule's new rows, written with their shared values sent once: those with stored events
    // have the retention window's purge time and the others none, each row has the rule's
    // author, reason and organisation, and the sequence numbers are new, in the covered users'
    // order, and the same in what the caches are given as in the database.
    void ruleRowsKeepTheirOwnValues()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(store, 5, &ids);
        QVERIFY(!org.isEmpty());
        auto individual = change(org, ids.at(0), {ids.at(1)}, {});
        individual.reason = QStringLiteral("asked");
        QVERIFY(store.applyOptOuts(individual).ok());
        QVERIFY(store.ingestEvents({makeEvent(org, ids.at(2)), makeEvent(org, ids.at(3))}).ok());

        RuleChangeRequest create;
        create.kind = RuleChangeRequest::Kind::Create;
        create.orgId = org;
        create.actorId = ids.at(0);
        create.ruleKind = StoredRule::Kind::EmailDomain;
        create.domain = QStringLiteral("example.com");
        create.reason = QStringLiteral("everyone");
        create.purgeAfterSeconds = 3600;
        const QDateTime before = QDateTime::currentDateTimeUtc();
        const auto created = store.changeRule(create);
        QVERIFY(created.ok());
        QCOMPARE(created.value.kind, RuleChangeOutcome::Kind::Applied);
        QCOMPARE(created.value.userCount, qint64(6));
        QCOMPARE(created.value.newlyOptedOut, 5);

        const auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QCOMPARE(snap.value.optOuts.size(), 6);
        QHash<QString, StoredOptOut> rows;
        for (const StoredOptOut &o : snap.value.optOuts)
            rows.insert(o.userId, o);
        const StoredOptOut own = rows.value(ids.at(1));
        QVERIFY(own.individual);
        QCOMPARE(own.reason, QStringLiteral("asked"));
        QCOMPARE(own.ruleIds, QStringList {created.value.rule.id});
        // The new rows, by e-mail address: admin@, user1@ ... user4@ (ids 0, 2, 3, 4, 5).
        const QStringList added {ids.at(0), ids.at(2), ids.at(3), ids.at(4), ids.at(5)};
        qint64 previous = own.seq;
        for (const QString &id : added) {
            const StoredOptOut o = rows.value(id);
            QCOMPARE(o.orgId, org);
            QCOMPARE(o.byUserId, ids.at(0));
            QCOMPARE(o.reason, QStringLiteral("everyone"));
            QCOMPARE(o.ruleIds, QStringList {created.value.rule.id});
            QVERIFY(!o.individual);
            QVERIFY2(o.seq > previous, qPrintable(id));
            previous = o.seq;
            const bool stored = id == ids.at(2) || id == ids.at(3);
            QCOMPARE(o.purgeAt.isValid(), stored);
            if (stored) {
                QVERIFY(o.purgeAt >= before.addSecs(3600).addSecs(-1));
                QVERIFY(o.purgeAt <= QDateTime::currentDateTimeUtc().addSecs(3601));
            }
        }
        // What the caches are given: the rows as stored, numbers included.
        QCOMPARE(created.value.covers.rows.size(), 6);
        for (const StoredOptOut &o : created.value.covers.rows) {
            QCOMPARE(o.seq, rows.value(o.userId).seq);
            QCOMPARE(o.purgeAt, rows.value(o.userId).purgeAt);
        }
    }

    // Kept events, hidden; a purge that came due runs once, whichever instance asks first.
    void purgeDueRunsOnce()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore a(db.spec());
        PostgresStore b(db.spec());
        QString error;
        QVERIFY2(a.open(&error), qPrintable(error));
        QVERIFY2(b.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(a, 5, &ids);
        QVERIFY(a.ingestEvents({makeEvent(org, ids.at(1)), makeEvent(org, ids.at(1)),
                                makeEvent(org, ids.at(2))})
                    .ok());
        auto request = change(org, ids.at(0), {ids.at(1), ids.at(2)}, {});
        request.purgeAfterSeconds = 60;
        const auto r = a.applyOptOuts(request);
        QVERIFY(r.ok());
        QCOMPARE(r.value.entries.size(), 2);
        QVERIFY(r.value.entries.at(0).purgeAt.isValid());
        auto summary = a.usageSummary(org);
        QCOMPARE(summary.value.size(), 2);
        QVERIFY(summary.value.at(0).optedOut);
        // Not due yet.
        QVERIFY(a.purgeDue(QDateTime::currentDateTimeUtc()).value.isEmpty());
        // Due: two instances at once; one of them deletes, the other finds nothing.
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(120);
        QVector<PurgeRecord> first, second;
        QThread *t = QThread::create([&] { second = b.purgeDue(later).value; });
        t->start();
        first = a.purgeDue(later).value;
        QVERIFY(t->wait(30000));
        delete t;
        QCOMPARE(first.size() + second.size(), 2);
        QVERIFY(first.isEmpty() || second.isEmpty());
        AuditQuery purges;
        purges.orgId = org;
        purges.action = QStringLiteral("purge");
        const auto audit = a.audit(purges);
        QCOMPARE(audit.value.size(), 2);
        qint64 total = 0;
        for (const AuditRecord &e : audit.value) {
            total += e.count;
            QVERIFY(e.actorId.isEmpty());
        }
        QCOMPARE(total, 3);
        QVERIFY(a.usageSummary(org).value.isEmpty());
        QVERIFY(a.purgeDue(later).value.isEmpty());
        const auto snap = a.snapshot();
        for (const StoredOptOut &o : snap.value.optOuts)
            QVERIFY(!o.purgeAt.isValid());
        QCOMPARE(snap.value.orgs.at(0).revision, 2);
    }

    void concurrentOpensMigrateOnce()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        std::atomic<int> opened {0};
        QList<QThread *> threads;
        for (int i = 0; i < 4; ++i) {
            threads.append(QThread::create([&] {
                PostgresStore store(db.spec());
                QString error;
                if (store.open(&error))
                    ++opened;
                else
                    qWarning() << error;
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(opened.load(), 4);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM schema_version")), qint64(1));
    }

    void optOutsRevisionsAndAudit()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore store(db.spec());
        QString error;
        QVERIFY2(store.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(store, 5, &ids);
        QVERIFY(!org.isEmpty());
        QCOMPARE(ids.size(), 6);
        QCOMPARE(ids.first(), QStringLiteral("u-1"));
        const QString admin = ids.at(0);

        QVERIFY(store
                    .ingestEvents({makeEvent(org, ids.at(1)), makeEvent(org, ids.at(1)),
                                   makeEvent(org, ids.at(2))})
                    .ok());
        auto r = store.applyOptOuts(change(org, admin, {ids.at(1), ids.at(1)}, {}));
        QVERIFY(r.ok());
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::Applied);
        QCOMPARE(r.value.revision, 1);
        QCOMPARE(r.value.optedOut, 1);
        QCOMPARE(r.value.entries.size(), 2);
        QCOMPARE(r.value.entries.at(0).userId, ids.at(1));
        // The opted-out user's stored events went in the same transaction.
        const auto summary = store.usageSummary(org);
        QVERIFY(summary.ok());
        QCOMPARE(summary.value.size(), 1);
        QCOMPARE(summary.value.at(0).userId, ids.at(2));

        // Already out: no change, no revision step, the existing entry.
        r = store.applyOptOuts(change(org, admin, {ids.at(1)}, {}));
        QVERIFY(r.ok());
        QCOMPARE(r.value.revision, 1);
        QCOMPARE(r.value.optedOut, 0);
        QCOMPARE(r.value.entries.size(), 1);
        QVERIFY(r.value.entries.at(0).seq > 0);

        // If-Match: stale is refused inside the transaction; current applies.
        auto stale = change(org, admin, {ids.at(2)}, {});
        stale.ifRevisionIn = QList<qint64> {0};
        r = store.applyOptOuts(stale);
        QVERIFY(r.ok());
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::PreconditionFailed);
        QCOMPARE(r.value.revision, 1);
        stale.ifRevisionIn = QList<qint64> {1};
        r = store.applyOptOuts(stale);
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::Applied);
        QCOMPARE(r.value.revision, 2);

        // Unknown ids fail the whole change.
        r = store.applyOptOuts(change(org, admin, {ids.at(3), QStringLiteral("u-999")}, {}));
        QVERIFY(r.ok());
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::UnknownUsers);
        QCOMPARE(r.value.unknownUserIds, QStringList {QStringLiteral("u-999")});
        QCOMPARE(r.value.revision, 2);
        // The checks in their one order (planOptOuts): an id in both lists, then unknown ids,
        // then If-Match; each refusal changes nothing.
        auto unknownAndStale = change(org, admin, {ids.at(3), QStringLiteral("u-999")}, {});
        unknownAndStale.ifRevisionIn = QList<qint64> {0};
        r = store.applyOptOuts(unknownAndStale);
        QVERIFY(r.ok());
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::UnknownUsers);
        QCOMPARE(r.value.unknownUserIds, QStringList {QStringLiteral("u-999")});
        auto inBoth = change(org, admin, {ids.at(3), QStringLiteral("u-999")}, {ids.at(3)});
        inBoth.ifRevisionIn = QList<qint64> {0};
        r = store.applyOptOuts(inBoth);
        QVERIFY(r.ok());
        QCOMPARE(r.value.kind, OptOutChangeOutcome::Kind::InBothLists);
        QCOMPARE(r.value.conflictingUserIds, QStringList {ids.at(3)});
        QCOMPARE(r.value.revision, 2);

        r = store.applyOptOuts(change(org, admin, {ids.at(3)}, {ids.at(1), ids.at(4)}));
        QCOMPARE(r.value.revision, 3);
        QCOMPARE(r.value.optedOut, 1);
        QCOMPARE(r.value.optedIn, 1);

        // With purgeAfterSeconds 0 the opt-outs deleted the events at once: two purge entries,
        // the administrator's too, since their request caused them. The administrator's entries:
        AuditQuery byAdmin;
        byAdmin.orgId = org;
        byAdmin.limit = 10;
        byAdmin.actorId = admin;
        const auto audit = store.audit(byAdmin);
        QVERIFY(audit.ok());
        QCOMPARE(audit.value.size(), 6);
        QCOMPARE(audit.value.at(0).action, QStringLiteral("opt_in"));
        QCOMPARE(audit.value.at(0).userId, ids.at(1));
        QCOMPARE(audit.value.at(1).action, QStringLiteral("opt_out"));
        QCOMPARE(audit.value.at(1).userId, ids.at(3));
        QCOMPARE(audit.value.at(3).actorEmail, QStringLiteral("admin@example.com"));
        byAdmin.beforeId = audit.value.at(1).id;
        const auto page = store.audit(byAdmin);
        QCOMPARE(page.value.size(), 4);
        QCOMPARE(page.value.at(0).action, QStringLiteral("purge"));
        AuditQuery purges;
        purges.orgId = org;
        purges.action = QStringLiteral("purge");
        const auto purged = store.audit(purges);
        QCOMPARE(purged.value.size(), 2);
        QCOMPARE(purged.value.at(0).userId, ids.at(2));
        QCOMPARE(purged.value.at(0).count, 1);
        QCOMPARE(purged.value.at(1).count, 2);
        QCOMPARE(purged.value.at(0).actorId, admin);
        QCOMPARE(purged.value.at(1).actorId, admin);

        const auto snap = store.snapshot();
        QVERIFY(snap.ok());
        QCOMPARE(snap.value.optOuts.size(), 2);
        QCOMPARE(snap.value.orgs.size(), 1);
        QCOMPARE(snap.value.orgs.at(0).revision, 3);
        QCOMPARE(snap.value.tokens.size(), 1);
        QCOMPARE(snap.value.tokens.at(0).hash, hashOf("admin-token"));
    }

    // The check is the database's: an opt-out through one connection discards the very next
    // event through another, with no cache in between.
    void optOutThroughOneDiscardsNextEventThroughAnother()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore a(db.spec()), b(db.spec());
        QString error;
        QVERIFY2(a.open(&error) && b.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(a, 3, &ids);
        QVERIFY(!org.isEmpty());
        auto in = b.ingestEvents({makeEvent(org, ids.at(1)), makeEvent(org, ids.at(2))});
        QCOMPARE(in.value.stored, 2);
        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {ids.at(1)}, {})).ok());
        in = b.ingestEvents({makeEvent(org, ids.at(1)), makeEvent(org, ids.at(2))});
        QVERIFY(in.ok());
        QCOMPARE(in.value.stored, 1);
        QCOMPARE(in.value.discarded, 1);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events WHERE user_id = '%1'")
                              .arg(ids.at(1))),
                 qint64(0));
        // Several requests' batches in one transaction: counted per batch.
        const auto batches = b.ingestEventBatches(
            {{makeEvent(org, ids.at(1))},
             {},
             {makeEvent(org, ids.at(2)), makeEvent(org, ids.at(2)), makeEvent(org, ids.at(1))}});
        QCOMPARE(batches.size(), 3);
        QVERIFY(batches.at(0).ok() && batches.at(1).ok() && batches.at(2).ok());
        QCOMPARE(batches.at(0).value.stored, 0);
        QCOMPARE(batches.at(0).value.discarded, 1);
        QCOMPARE(batches.at(1).value.stored, 0);
        QCOMPARE(batches.at(2).value.stored, 2);
        QCOMPARE(batches.at(2).value.discarded, 1);
    }

    // Opt-outs flipping on one connection while another ingests: no event of a user who is
    // opted out at the end survives, whatever the interleaving.
    void concurrentFlipsAndIngestion()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore setup(db.spec());
        QString error;
        QVERIFY2(setup.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(setup, 20, &ids);
        QVERIFY(!org.isEmpty());
        const QStringList targets = ids.mid(1, 10);

        std::atomic<bool> stop {false};
        std::atomic<int> ingestErrors {0}, flips {0}, batches {0};
        QThread *ingester = QThread::create([&] {
            PostgresStore store(db.spec());
            QString e;
            if (!store.open(&e))
                return;
            while (!stop) {
                QVector<NewEvent> events;
                for (const QString &id : ids.mid(1))
                    events.append(makeEvent(org, id));
                if (!store.ingestEvents(events).ok())
                    ++ingestErrors;
                ++batches;
            }
        });
        QThread *flipper = QThread::create([&] {
            PostgresStore store(db.spec());
            QString e;
            if (!store.open(&e))
                return;
            for (int round = 0; round < 60; ++round) {
                const QStringList out = round % 2 ? targets.mid(0, 5) : targets.mid(5);
                const QStringList in = round % 2 ? targets.mid(5) : targets.mid(0, 5);
                if (store.applyOptOuts(change(org, ids.at(0), out, in)).ok())
                    ++flips;
            }
            stop = true;
        });
        ingester->start();
        flipper->start();
        QVERIFY(flipper->wait(120000));
        QVERIFY(ingester->wait(30000));
        delete flipper;
        delete ingester;
        QCOMPARE(ingestErrors.load(), 0);
        QCOMPARE(flips.load(), 60);
        QVERIFY(batches.load() > 0);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM usage_events e JOIN optouts o ON "
                                         "o.user_id = e.user_id")),
                 qint64(0));
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM optouts")), qint64(5));
    }

    void changesSinceFollowsEveryKindOfChange()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore a(db.spec()), b(db.spec());
        QString error;
        QVERIFY2(a.open(&error) && b.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(a, 3, &ids);
        const auto snap = b.snapshot();
        QVERIFY(snap.ok());
        const qint64 start = snap.value.changeSeq;
        QVERIFY(start > 0);
        auto c = b.changesSince(start);
        QVERIFY(c.ok());
        QCOMPARE(c.value.changeSeq, start);
        QVERIFY(c.value.orgs.isEmpty() && c.value.users.isEmpty() && c.value.tokens.isEmpty());

        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {ids.at(1)}, {})).ok());
        QVERIFY(a.addToken({hashOf("new"), ids.at(2), false, false}).ok());
        QVERIFY(a.revokeToken(hashOf("admin-token")).value);
        QVERIFY(!a.revokeToken(hashOf("admin-token")).value);
        c = b.changesSince(start);
        QVERIFY(c.ok());
        QCOMPARE(c.value.changeSeq, start + 3); // the refused revocation used no number
        QCOMPARE(c.value.orgs.size(), 1);
        QCOMPARE(c.value.orgs.at(0).revision, 1);
        QCOMPARE(c.value.optOutsByOrg.value(org).size(), 1);
        QCOMPARE(c.value.tokens.size(), 2);
        // A list the caller holds at the current revision is not read again; of one it holds
        // at an older revision only what changed is.
        const auto held = b.changesSince(start, {{org, 1}});
        QVERIFY(held.ok());
        QCOMPARE(held.value.orgs.size(), 1);
        QVERIFY(!held.value.optOutsByOrg.contains(org));
        QVERIFY(!held.value.optOutChangesByOrg.contains(org));
        auto older = b.changesSince(start, {{org, 0}});
        QVERIFY(!older.value.optOutsByOrg.contains(org));
        QCOMPARE(older.value.optOutChangesByOrg.value(org).size(), 1);
        QCOMPARE(older.value.optOutChangesByOrg.value(org).at(0).userId, ids.at(1));
        QVERIFY(older.value.optOutRemovalsByOrg.value(org).isEmpty());
        QVERIFY(older.value.rulesByOrg.contains(org));
        for (const StoredToken &t : c.value.tokens)
            QCOMPARE(t.revoked, t.hash == hashOf("admin-token"));

        // Everyone back in: the organisation's list is there, and empty; for a caller who holds
        // it, the user who left it.
        const qint64 mid = c.value.changeSeq;
        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {}, {ids.at(1)})).ok());
        c = b.changesSince(mid);
        QVERIFY(c.value.optOutsByOrg.contains(org));
        QVERIFY(c.value.optOutsByOrg.value(org).isEmpty());
        QVERIFY(c.value.tokens.isEmpty());
        older = b.changesSince(mid, {{org, 1}});
        QVERIFY(older.value.optOutChangesByOrg.contains(org));
        QVERIFY(older.value.optOutChangesByOrg.value(org).isEmpty());
        QCOMPARE(older.value.optOutRemovalsByOrg.value(org), QStringList {ids.at(1)});
        // Out, in and out again since `start`: changed, not removed.
        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {ids.at(1)}, {})).ok());
        older = b.changesSince(start, {{org, 0}});
        QCOMPARE(older.value.optOutChangesByOrg.value(org).size(), 1);
        QVERIFY(older.value.optOutRemovalsByOrg.value(org).isEmpty());
        // A sequence from before the log began: the whole list.
        QVERIFY(db.exec(QStringLiteral("UPDATE meta SET optouts_logged_since = %1").arg(mid)));
        older = b.changesSince(start, {{org, 0}});
        QCOMPARE(older.value.optOutsByOrg.value(org).size(), 1);
        QVERIFY(!older.value.optOutChangesByOrg.contains(org));
        QVERIFY(b.changesSince(mid, {{org, 0}}).value.optOutChangesByOrg.contains(org));
        c = b.changesSince(mid);

        // A sequence from elsewhere (ahead of this database) asks for a reload.
        QVERIFY(b.changesSince(c.value.changeSeq + 100).value.needsReload);
    }

    // A connection lost between two calls (the database restarted, the backend killed) is
    // made again by the next call, which then succeeds: no request is refused for it.
    void lostConnectionIsMadeAgainByTheNextCall()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore a(db.spec());
        QString error;
        QVERIFY2(a.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(a, 3, &ids);
        const qint64 pid = a.backendPid();
        QVERIFY(pid > 0);
        QVERIFY(db.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
        const auto r = a.ingestEvents({makeEvent(org, ids.at(1))});
        QVERIFY(r.ok());
        QCOMPARE(r.value.stored, 1);
        QVERIFY(a.backendPid() != pid);
    }

    void notificationsAndRecoveryAfterTheBackendIsKilled()
    {
        ScratchDatabase db;
        QVERIFY(db.isValid());
        PostgresStore a(db.spec()), listener(db.spec());
        QString error;
        QVERIFY2(a.open(&error) && listener.open(&error), qPrintable(error));
        QStringList ids;
        const QString org = setUp(a, 3, &ids);
        int calls = 0;
        QVERIFY(listener.subscribe([&calls] { ++calls; }));
        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {ids.at(1)}, {})).ok());
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 5000);

        const qint64 pid = listener.backendPid();
        QVERIFY(pid > 0);
        QVERIFY(db.exec(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)));
        // The heartbeat finds out and reconnects; the subscriber is told to catch up.
        QTRY_VERIFY_WITH_TIMEOUT(listener.ping() == StoreStatus::Ok && calls >= 2, 5000);
        QVERIFY(listener.backendPid() != pid);
        const int before = calls;
        QVERIFY(a.applyOptOuts(change(org, ids.at(0), {ids.at(2)}, {})).ok());
        QTRY_VERIFY_WITH_TIMEOUT(calls > before, 5000);
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgresstore.moc"
