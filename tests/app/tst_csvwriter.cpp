// CsvWriter: RFC 4180 records (quotes, commas, CR/LF inside fields, UTF-8, empty and null
// fields), ISO 8601 UTC times, and cells a spreadsheet would run as formulas.
#include "csvexporter.h"
#include "csvwriter.h"

#include <QTest>
#include <QTimeZone>

class TestCsvWriter : public QObject
{
    Q_OBJECT
private slots:
    void plainFieldsAndRecordEnd();
    void quoting_data();
    void quoting();
    void nonAscii();
    void emptyAndNull();
    void times();
    void formulas_data();
    void formulas();
    void formulasKept();
    void records();
};

void TestCsvWriter::plainFieldsAndRecordEnd()
{
    QCOMPARE(CsvWriter::record({QStringLiteral("a"), QStringLiteral("b c"), QStringLiteral("d")}),
             QByteArray("a,b c,d\r\n"));
    QCOMPARE(CsvWriter::record({QStringLiteral("only")}), QByteArray("only\r\n"));
    QByteArray out;
    CsvWriter::appendRecord(out, {QStringLiteral("1")});
    CsvWriter::appendRecord(out, {QStringLiteral("2")});
    QCOMPARE(out, QByteArray("1\r\n2\r\n"));
}

void TestCsvWriter::quoting_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("comma") << QStringLiteral("Lee, Sam") << QByteArray("\"Lee, Sam\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << QStringLiteral("\"") << QByteArray("\"\"\"\"");
    QTest::newRow("LF") << QStringLiteral("two\nlines") << QByteArray("\"two\nlines\"");
    QTest::newRow("CR") << QStringLiteral("a\rb") << QByteArray("\"a\rb\"");
    QTest::newRow("CRLF") << QStringLiteral("a\r\nb") << QByteArray("\"a\r\nb\"");
    QTest::newRow("all") << QStringLiteral("x,\"y\"\r\n") << QByteArray("\"x,\"\"y\"\"\r\n\"");
    QTest::newRow("semicolon is plain") << QStringLiteral("a;b") << QByteArray("a;b");
    QTest::newRow("spaces kept") << QStringLiteral(" a ") << QByteArray(" a ");
    QTest::newRow("single quote is plain") << QStringLiteral("O'Brien") << QByteArray("O'Brien");
}

void TestCsvWriter::quoting()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, written);
    QByteArray out;
    CsvWriter::appendField(out, field);
    QCOMPARE(out, written);
    QCOMPARE(CsvWriter::record({field, QStringLiteral("z")}), written + ",z\r\n");
}

void TestCsvWriter::nonAscii()
{
    const QString name = QStringLiteral("Zoë de Vries, 李小龙 🙂");
    QCOMPARE(CsvWriter::record({name}), QByteArray("\"") + name.toUtf8() + "\"\r\n");
    QCOMPARE(CsvWriter::record({QStringLiteral("Åsa Öberg")}),
             QByteArray("\xC3\x85sa \xC3\x96"
                        "berg\r\n"));
}

void TestCsvWriter::emptyAndNull()
{
    QCOMPARE(CsvWriter::record({QString(), QStringLiteral(""), QStringLiteral("x"), QString()}),
             QByteArray(",,x,\r\n"));
    QCOMPARE(CsvWriter::record({QString()}), QByteArray("\r\n"));
}

void TestCsvWriter::times()
{
    QCOMPARE(CsvWriter::time(QDateTime(QDate(2026, 12, 2), QTime(10, 15), QTimeZone::utc())),
             QStringLiteral("2026-12-02T10:15:00Z"));
    // Milliseconds dropped; another zone given in UTC.
    QCOMPARE(CsvWriter::time(QDateTime(QDate(2026, 12, 2), QTime(10, 15, 7, 999), QTimeZone(3600))),
             QStringLiteral("2026-12-02T09:15:07Z"));
    QCOMPARE(CsvWriter::time(QDateTime()), QString());
    QVERIFY(CsvWriter::time(QDateTime()).isEmpty());
}

void TestCsvWriter::formulas_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("written");
    QTest::newRow("=") << QStringLiteral("=HYPERLINK(\"http://x\")")
                       << QByteArray("\"'=HYPERLINK(\"\"http://x\"\")\"");
    QTest::newRow("+") << QStringLiteral("+1+2") << QByteArray("'+1+2");
    QTest::newRow("-") << QStringLiteral("-2+3") << QByteArray("'-2+3");
    QTest::newRow("@") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
    QTest::newRow("tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
    QTest::newRow("CR") << QStringLiteral("\r=1") << QByteArray("\"'\r=1\"");
    QTest::newRow("= with comma") << QStringLiteral("=1,2") << QByteArray("\"'=1,2\"");
    QTest::newRow("inside is fine") << QStringLiteral("a=b+c") << QByteArray("a=b+c");
    QTest::newRow("space first") << QStringLiteral(" =1") << QByteArray(" =1");
    QTest::newRow("LF first") << QStringLiteral("\nx") << QByteArray("\"\nx\"");
}

void TestCsvWriter::formulas()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, written);
    QByteArray out;
    CsvWriter::appendField(out, field);
    QCOMPARE(out, written);
}

void TestCsvWriter::formulasKept()
{
    QCOMPARE(CsvWriter::record({QStringLiteral("=1"), QStringLiteral("-x,y")},
                               CsvWriter::Formulas::Keep),
             QByteArray("=1,\"-x,y\"\r\n"));
}

void TestCsvWriter::records()
{
    OptOutEntry e;
    e.user = {QStringLiteral("u-7"), QStringLiteral("zoe@example.com"),
              QStringLiteral("=Zoë, \"the\" admin")};
    e.optedOutAt = QDateTime(QDate(2026, 11, 22), QTime(16, 0), QTimeZone::utc());
    e.optedOutBy
        = {QStringLiteral("u-1"), QStringLiteral("admin@example.com"), QStringLiteral("Ada Admin")};
    QCOMPARE(CsvWriter::record(CsvExporter::optOutRecord(e)),
             QByteArray("\"'=Zo\xC3\xAB, \"\"the\"\" admin\",zoe@example.com,u-7,"
                        "2026-11-22T16:00:00Z,Ada Admin,admin@example.com,,\r\n"));
    e.reason = QStringLiteral("+GDPR request #4411");
    e.purgeAt = QDateTime(QDate(2026, 11, 29), QTime(16, 0), QTimeZone::utc());
    QVERIFY(CsvWriter::record(CsvExporter::optOutRecord(e))
                .endsWith(",Ada Admin,admin@example.com,'+GDPR request #4411,"
                          "2026-11-29T16:00:00Z\r\n"));
    AuditEntry purge;
    purge.at = QDateTime(QDate(2026, 11, 15), QTime(16, 0), QTimeZone::utc());
    purge.action = QStringLiteral("purge");
    purge.userId = QStringLiteral("u-5");
    purge.userEmail = QStringLiteral("sam@example.com");
    purge.userName = QStringLiteral("Sam Lee");
    purge.count = 120;
    const QHash<QString, QString> names {{QStringLiteral("purge"), QStringLiteral("Deleted")}};
    QCOMPARE(CsvWriter::record(CsvExporter::historyRecord(purge, names)),
             QByteArray("2026-11-15T16:00:00Z,Deleted,Sam Lee,sam@example.com,u-5,,,,120\r\n"));
    QCOMPARE(CsvExporter::historyRecord(purge, names).size(), CsvExporter::historyHeader().size());
    QCOMPARE(CsvExporter::optOutRecord(e).size(), CsvExporter::optOutHeader().size());
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
