// Pure pieces of the server: ETag matching, error bodies, name folding.
#include "apierror.h"
#include "apiserver.h"
#include "namefolding.h"

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

QTEST_GUILESS_MAIN(TestServerUnits)
#include "tst_serverunits.moc"
