// Pure pieces of the server: ETag matching, error bodies, name folding, --db parsing.
#include "apierror.h"
#include "apiserver.h"
#include "namefolding.h"
#include "provisioning.h"
#include "store.h"
#include "tokenhash.h"

#include <QJsonDocument>
#include <QJsonObject>
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

QTEST_GUILESS_MAIN(TestServerUnits)
#include "tst_serverunits.moc"
