// The import of a list of e-mail addresses (OptOutImport, ImportJob, ImportPreviewModel): every
// kind of bad input gives a clear preview or a clear error, never a crash or a wrong match.
#include "importpreviewmodel.h"
#include "optoutimport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using Outcome = ImportEntry::Outcome;
using Problem = ImportEntry::Problem;

namespace {

UserRow row(const QString &id, const QString &email, const QString &name)
{
    UserRow r;
    r.user = User {id, email, name};
    return r;
}

// ann, bob (opted out), chloé, dan; plus `extra` generated users u<i>@example.org.
ImportDirectory directory(int extra = 0)
{
    ImportDirectory d;
    d.users << row(QStringLiteral("u-ann"), QStringLiteral("ann@example.org"),
                   QStringLiteral("Ann"))
            << row(QStringLiteral("u-bob"), QStringLiteral("Bob@Example.org"),
                   QStringLiteral("Bob"))
            << row(QStringLiteral("u-chloe"), QStringLiteral("chloé@example.org"),
                   QStringLiteral("Chloé"))
            << row(QStringLiteral("u-dan"), QStringLiteral("dan@example.org"), QString());
    for (int i = 0; i < extra; ++i)
        d.users << row(QStringLiteral("g-%1").arg(i), QStringLiteral("u%1@example.org").arg(i),
                       QStringLiteral("User %1").arg(i));
    d.optedOut.insert(QStringLiteral("u-bob"));
    return d;
}

QString outcomes(const ImportResult &r)
{
    QStringList parts;
    for (const ImportEntry &e : r.entries) {
        static const char *names[] = {"M", "A", "U", "D", "X", "I"};
        parts << QStringLiteral("%1%2").arg(e.line).arg(QLatin1String(names[int(e.outcome)]));
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestOptOutImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainList();
    void lineEnds_data();
    void lineEnds();
    void blankLines();
    void separators_data();
    void separators();
    void addressForms_data();
    void addressForms();
    void headerRowAndEmailColumn();
    void headerWithoutEmailColumnReadsAll();
    void quotedFields();
    void newlineInsideQuotes();
    void unterminatedQuote();
    void utf8Bom();
    void utf16Bom_data();
    void utf16Bom();
    void badUtf16();
    void nulBytesAreNotText();
    void invalidUtf8_data();
    void invalidUtf8();
    void duplicatesAndCase();
    void noAddressAndMalformed();
    void pastedText();
    void emptyInput();
    void tooLarge();
    void fileTooLargeIsNotRead();
    void missingFile();
    void twoHundredThousandLines();
    void cancelStopsEarly();
    void jobDeliversOnlyTheLastRun();
    void previewModel();
};

void TestOptOutImport::plainList()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("ann@example.org\nbob@example.org\nzed@example.org\n"), directory());
    QVERIFY(r.ok());
    QCOMPARE(r.lineCount, 3);
    QCOMPARE(outcomes(r), QStringLiteral("1M 2A 3U"));
    QCOMPARE(r.matchedUserIds(), QStringList {QStringLiteral("u-ann")});
    QCOMPARE(r.entries.at(1).user.id, QStringLiteral("u-bob"));
    QCOMPARE(r.entries.at(2).email, QStringLiteral("zed@example.org"));
    QCOMPARE(r.count(Outcome::Matched), 1);
    QCOMPARE(r.count(Outcome::AlreadyOptedOut), 1);
    QCOMPARE(r.count(Outcome::Unknown), 1);
}

void TestOptOutImport::lineEnds_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("LF") << QByteArrayLiteral("ann@example.org\nzed@x.org\ndan@example.org");
    QTest::newRow("CRLF") << QByteArrayLiteral(
        "ann@example.org\r\nzed@x.org\r\ndan@example.org\r\n");
    QTest::newRow("CR") << QByteArrayLiteral("ann@example.org\rzed@x.org\rdan@example.org\r");
    QTest::newRow("mixed") << QByteArrayLiteral("ann@example.org\r\nzed@x.org\rdan@example.org\n");
}

void TestOptOutImport::lineEnds()
{
    QFETCH(QByteArray, input);
    const ImportResult r = OptOutImport::read(input, directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1M 2U 3M"));
    QCOMPARE(r.lineCount, 3);
    QCOMPARE(r.blankLines, 0);
}

void TestOptOutImport::blankLines()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("\n\nann@example.org\n   \n\t\n;;\ndan@example.org\n\n"), directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("3M 7M"));
    QCOMPARE(r.blankLines, 6);
    QCOMPARE(r.lineCount, 8);
}

void TestOptOutImport::separators_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("semicolon") << QByteArrayLiteral(
        "Ann;ann@example.org;Sales\nDan;dan@example.org;IT");
    QTest::newRow("comma") << QByteArrayLiteral(
        "Ann,ann@example.org,Sales\nDan,dan@example.org,IT");
    QTest::newRow("tab") << QByteArrayLiteral(
        "Ann\tann@example.org\tSales\nDan\tdan@example.org\tIT");
    QTest::newRow("spaces") << QByteArrayLiteral(
        "Ann   ann@example.org Sales\nDan dan@example.org IT");
    QTest::newRow("several on a line") << QByteArrayLiteral("ann@example.org dan@example.org");
    QTest::newRow("mixed") << QByteArrayLiteral("ann@example.org;dan@example.org, \t");
}

void TestOptOutImport::separators()
{
    QFETCH(QByteArray, input);
    const ImportResult r = OptOutImport::read(input, directory());
    QVERIFY(r.ok());
    QCOMPARE(r.matchedUserIds(), (QStringList {QStringLiteral("u-ann"), QStringLiteral("u-dan")}));
    QCOMPARE(r.count(Outcome::Unreadable), 0);
}

void TestOptOutImport::addressForms_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("address");
    QTest::newRow("plain") << "ann@example.org"
                           << "ann@example.org";
    QTest::newRow("angle") << "<ann@example.org>"
                           << "ann@example.org";
    QTest::newRow("mailto") << "mailto:ann@example.org"
                            << "ann@example.org";
    QTest::newRow("MAILTO query") << "MAILTO:ann@example.org?subject=x"
                                  << "ann@example.org";
    QTest::newRow("angle mailto") << "<mailto:ann@example.org>"
                                  << "ann@example.org";
    QTest::newRow("sentence") << "(ann@example.org)."
                              << "ann@example.org";
    QTest::newRow("quoted") << "\"ann@example.org\""
                            << "ann@example.org";
    QTest::newRow("two ats") << "a@b@example.org"
                             << "";
    QTest::newRow("no local") << "@example.org"
                              << "";
    QTest::newRow("no domain") << "ann@"
                               << "";
    QTest::newRow("dot domain") << "ann@.org"
                                << "";
    QTest::newRow("double dot") << "ann@example..org"
                                << "";
    QTest::newRow("not one") << "Ann"
                             << "";
    QTest::newRow("too long") << QString(250, QLatin1Char('a')) + QStringLiteral("@example.org")
                              << "";
}

void TestOptOutImport::addressForms()
{
    QFETCH(QString, word);
    QFETCH(QString, address);
    QCOMPARE(OptOutImport::addressIn(word), address);
}

void TestOptOutImport::headerRowAndEmailColumn()
{
    // The header names the e-mail column: the manager's address in another column is not read.
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("Name;E-mail;Manager\nAnn;ann@example.org;dan@example.org\n"
                          "Chloé;chloé@example.org;dan@example.org\n"),
        directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1I 2M 3M"));
    QCOMPARE(r.entries.at(0).problem, Problem::Header);
    QCOMPARE(r.matchedUserIds(),
             (QStringList {QStringLiteral("u-ann"), QStringLiteral("u-chloe")}));
    // In French and Swedish too.
    QCOMPARE(OptOutImport::read(QByteArrayLiteral("nom,courriel,chef\nAnn,x,dan@example.org\n"
                                                  "Dan,dan@example.org,ann@example.org"),
                                directory())
                 .matchedUserIds(),
             QStringList {QStringLiteral("u-dan")});
    QCOMPARE(OptOutImport::read(QByteArrayLiteral("namn\te-postadress\nDan\tdan@example.org"),
                                directory())
                 .matchedUserIds(),
             QStringList {QStringLiteral("u-dan")});
}

void TestOptOutImport::headerWithoutEmailColumnReadsAll()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("who;where\nann@example.org;Paris\nLyon;dan@example.org"), directory());
    QCOMPARE(outcomes(r), QStringLiteral("1I 2M 3M"));
    // Only the first record can be the header: a later one without an address is unreadable.
    const ImportResult later
        = OptOutImport::read(QByteArrayLiteral("ann@example.org\nwho\n"), directory());
    QCOMPARE(outcomes(later), QStringLiteral("1M 2X"));
    QCOMPARE(later.entries.at(1).problem, Problem::NoAddress);
}

void TestOptOutImport::quotedFields()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("\"Smith, Ann\",\"ann@example.org\",\"says \"\"hi\"\"; ok\"\n"
                          "\"Dan; IT\" <dan@example.org>,x\n"
                          "\"Chloé\",chloé@example.org\n"),
        directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1M 2M 3M"));
    QCOMPARE(r.entries.at(0).input,
             QStringLiteral("\"Smith, Ann\",\"ann@example.org\",\"says \"\"hi\"\"; ok\""));
    QCOMPARE(r.entries.at(2).user.name, QStringLiteral("Chloé"));
}

void TestOptOutImport::newlineInsideQuotes()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral(
            "name;email\n\"Ann\nSmith\";ann@example.org\r\n\"D\r\n\r\nan\";dan@example.org\n"
            "zed@x.org\n"),
        directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1I 2M 4M 7U"));
    QCOMPARE(r.lineCount, 7);
    QVERIFY(!r.entries.at(1).input.contains(QLatin1Char('\n')));
}

void TestOptOutImport::unterminatedQuote()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("ann@example.org\ndan@example.org\n\"Chloé;chloé@example.org\n"
                          "zed@x.org\n"),
        directory());
    QCOMPARE(r.error, ImportResult::Error::UnterminatedQuote);
    QCOMPARE(r.errorLine, 3);
    QVERIFY(r.entries.isEmpty());
    QVERIFY2(r.errorText().contains(QLatin1String("3")), qPrintable(r.errorText()));
}

void TestOptOutImport::utf8Bom()
{
    const ImportResult r
        = OptOutImport::read(QByteArrayLiteral("\xEF\xBB\xBF"
                                               "email\nchlo\xC3\xA9@example.org\n"),
                             directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1I 2M"));
    QCOMPARE(r.entries.at(0).input, QStringLiteral("email")); // no BOM in the first cell
    // A BOM right before an address does not hide it.
    QCOMPARE(OptOutImport::read(QByteArrayLiteral("\xEF\xBB\xBF"
                                                  "ann@example.org"),
                                directory())
                 .matchedUserIds(),
             QStringList {QStringLiteral("u-ann")});
}

void TestOptOutImport::utf16Bom_data()
{
    QTest::addColumn<bool>("littleEndian");
    QTest::newRow("LE") << true;
    QTest::newRow("BE") << false;
}

void TestOptOutImport::utf16Bom()
{
    QFETCH(bool, littleEndian);
    const QString text = QStringLiteral("\uFEFFemail\r\nchloé@example.org\r\nzed@x.org\r\n");
    QStringEncoder encoder(littleEndian ? QStringEncoder::Utf16LE : QStringEncoder::Utf16BE);
    const QByteArray bytes = encoder.encode(text);
    QCOMPARE(bytes.left(2),
             littleEndian ? QByteArrayLiteral("\xFF\xFE") : QByteArrayLiteral("\xFE\xFF"));
    const ImportResult r = OptOutImport::read(bytes, directory());
    QVERIFY2(r.ok(), qPrintable(r.errorText()));
    QCOMPARE(outcomes(r), QStringLiteral("1I 2M 3U"));
}

void TestOptOutImport::badUtf16()
{
    // A BOM, then an odd number of bytes; and a lone low surrogate.
    ImportResult r = OptOutImport::read(QByteArrayLiteral("\xFF\xFE"
                                                          "a\0b"),
                                        directory());
    QCOMPARE(r.error, ImportResult::Error::BadUtf16);
    r = OptOutImport::read(QByteArray("\xFF\xFE\x00\xDC\x61\x00", 6), directory());
    QCOMPARE(r.error, ImportResult::Error::BadUtf16);
    QVERIFY(!r.errorText().isEmpty());
}

void TestOptOutImport::nulBytesAreNotText()
{
    // UTF-16 without a BOM, and a binary file (a zip, as an .xlsx is).
    QStringEncoder encoder(QStringEncoder::Utf16LE);
    const QByteArray utf16 = encoder.encode(QStringLiteral("ann@example.org\n"));
    QCOMPARE(OptOutImport::read(utf16, directory()).error, ImportResult::Error::NotText);
    const QByteArray zip("PK\x03\x04\x14\x00\x06\x00", 8);
    const ImportResult r = OptOutImport::read(zip, directory());
    QCOMPARE(r.error, ImportResult::Error::NotText);
    QVERIFY(r.errorText().contains(QLatin1String("UTF-8")));
}

void TestOptOutImport::invalidUtf8_data()
{
    QTest::addColumn<QByteArray>("line2");
    QTest::newRow("Latin-1 é") << QByteArrayLiteral("chlo\xE9@example.org");
    QTest::newRow("lone continuation") << QByteArrayLiteral("ann@example.org\x80");
    QTest::newRow("cut at line end") << QByteArrayLiteral("ann@example.org \xC3");
    QTest::newRow("overlong") << QByteArrayLiteral("\xC0\xAF"
                                                   "ann@example.org");
    QTest::newRow("0xFF") << QByteArrayLiteral("\xFF"
                                               "dan@example.org");
    QTest::newRow("surrogate") << QByteArrayLiteral("\xED\xA0\x80"
                                                    "dan@example.org");
}

void TestOptOutImport::invalidUtf8()
{
    // The line is unreadable, even with a good address in it: never matched after a guess.
    QFETCH(QByteArray, line2);
    const ImportResult r
        = OptOutImport::read(QByteArrayLiteral("dan@example.org\n") + line2
                                 + QByteArrayLiteral("\nchlo\xC3\xA9@example.org\n"),
                             directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1M 2X 3M"));
    QCOMPARE(r.entries.at(1).problem, Problem::NotUtf8);
    QCOMPARE(r.unreadableLines, 1);
    QVERIFY(r.entries.at(1).user.id.isEmpty());
    // A replacement character the file really contains is text, not an error.
    const ImportResult fffd
        = OptOutImport::read(QByteArrayLiteral("\xEF\xBF\xBD ann@example.org"), directory());
    QCOMPARE(outcomes(fffd), QStringLiteral("1M"));
}

void TestOptOutImport::duplicatesAndCase()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral("ANN@EXAMPLE.ORG\nbob@example.org\nAnn <ann@example.org>\n"
                          "mailto:BOB@example.org\nzed@x.org\nzed@x.org\n"),
        directory());
    QCOMPARE(outcomes(r), QStringLiteral("1M 2A 3D 4D 5U 6U"));
    QCOMPARE(r.entries.at(2).firstLine, 1);
    QCOMPARE(r.entries.at(3).firstLine, 2);
    QCOMPARE(r.entries.at(2).user.id, QStringLiteral("u-ann"));
    QCOMPARE(r.matchedUserIds(), QStringList {QStringLiteral("u-ann")});
}

void TestOptOutImport::noAddressAndMalformed()
{
    const ImportResult r = OptOutImport::read(
        QByteArrayLiteral(
            "ann@example.org\nJohn Smith\ndan@ and ann@example..org, dan@example.org\n"),
        directory());
    QCOMPARE(outcomes(r), QStringLiteral("1M 2X 3X 3X 3M"));
    QCOMPARE(r.entries.at(1).problem, Problem::NoAddress);
    QCOMPARE(r.entries.at(2).problem, Problem::NotAnAddress);
    QCOMPARE(r.entries.at(2).email, QStringLiteral("dan@"));
    QCOMPARE(r.entries.at(3).email, QStringLiteral("ann@example..org"));
}

void TestOptOutImport::pastedText()
{
    const ImportResult r = OptOutImport::read(
        QStringLiteral("Ann <ann@example.org>; Chloé <chloé@example.org>\r\n\r\nzed@x.org\r"),
        directory());
    QVERIFY(r.ok());
    QCOMPARE(outcomes(r), QStringLiteral("1M 1M 3U"));
    QCOMPARE(r.lineCount, 3);
    QCOMPARE(r.blankLines, 1);
}

void TestOptOutImport::emptyInput()
{
    QVERIFY(OptOutImport::read(QByteArray(), directory()).entries.isEmpty());
    QVERIFY(OptOutImport::read(QString(), directory()).ok());
    QCOMPARE(OptOutImport::read(QByteArrayLiteral("\xEF\xBB\xBF"), directory()).lineCount, 0);
    // No users at all: everything is unknown.
    QCOMPARE(outcomes(OptOutImport::read(QByteArrayLiteral("ann@example.org"), {})),
             QStringLiteral("1U"));
}

void TestOptOutImport::tooLarge()
{
    QByteArray big(OptOutImport::MaxInputBytes + 1, 'a');
    const ImportResult r = OptOutImport::read(big, directory());
    QCOMPARE(r.error, ImportResult::Error::TooLarge);
    QVERIFY(r.errorText().contains(QLatin1String("50")));
    QCOMPARE(
        OptOutImport::read(QString(OptOutImport::MaxInputBytes + 1, QLatin1Char('a')), directory())
            .error,
        ImportResult::Error::TooLarge);
}

void TestOptOutImport::fileTooLargeIsNotRead()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("big.csv")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(OptOutImport::MaxInputBytes + 10)); // sparse: nothing to read
    file.close();
    QCOMPARE(OptOutImport::readFile(file.fileName(), directory()).error,
             ImportResult::Error::TooLarge);
    QFile small(dir.filePath(QStringLiteral("small.csv")));
    QVERIFY(small.open(QIODevice::WriteOnly));
    small.write("email\nann@example.org\n");
    small.close();
    QCOMPARE(OptOutImport::readFile(small.fileName(), directory()).matchedUserIds(),
             QStringList {QStringLiteral("u-ann")});
}

void TestOptOutImport::missingFile()
{
    const ImportResult r
        = OptOutImport::readFile(QStringLiteral("/nonexistent/list.csv"), directory());
    QCOMPARE(r.error, ImportResult::Error::CannotOpen);
    QVERIFY(!r.detail.isEmpty());
    QVERIFY(r.errorText().contains(r.detail));
}

void TestOptOutImport::twoHundredThousandLines()
{
    const ImportDirectory d = directory(100000);
    QByteArray input = QByteArrayLiteral("email;name\r\n");
    for (int i = 0; i < 200000; ++i) {
        if (i % 1000 == 999)
            input += "\r\n"; // a blank line now and then
        else if (i < 100000)
            input += "u" + QByteArray::number(i) + "@example.org;User " + QByteArray::number(i)
                + "\r\n";
        else if (i < 150000)
            input += "\"U" + QByteArray::number(i - 100000) + "@EXAMPLE.org\";again\r\n";
        else
            input += "nobody" + QByteArray::number(i) + "@example.net;x\r\n";
    }
    const ImportResult r = OptOutImport::read(input, d);
    QVERIFY(r.ok());
    QCOMPARE(r.lineCount, 200001);
    QCOMPARE(r.blankLines, 200);
    QCOMPARE(r.count(Outcome::Ignored), 1);
    QCOMPARE(r.count(Outcome::Matched), 99900);
    QCOMPARE(r.count(Outcome::Duplicate), 49950);
    QCOMPARE(r.count(Outcome::Unknown), 49950);
    QCOMPARE(r.matchedUserIds().first(), QStringLiteral("g-0"));
}

void TestOptOutImport::cancelStopsEarly()
{
    QByteArray input;
    for (int i = 0; i < 100000; ++i)
        input += "ann@example.org\n";
    std::atomic_bool cancel {true};
    const ImportResult r = OptOutImport::read(input, directory(), &cancel);
    QCOMPARE(r.error, ImportResult::Error::Cancelled);
    QVERIFY(r.entries.isEmpty());
}

void TestOptOutImport::jobDeliversOnlyTheLastRun()
{
    ImportJob job;
    QSignalSpy finished(&job, &ImportJob::finished);
    QByteArray big;
    for (int i = 0; i < 100000; ++i)
        big += "zed@x.org\n";
    job.startBytes(big, directory());
    job.startText(QStringLiteral("ann@example.org"), directory());
    QVERIFY(job.isRunning());
    QVERIFY(finished.wait(10000));
    QTest::qWait(200);
    QCOMPARE(finished.size(), 1);
    const auto result = finished.at(0).at(0).value<ImportResult>();
    QCOMPARE(result.matchedUserIds(), QStringList {QStringLiteral("u-ann")});
    QVERIFY(!job.isRunning());
    // Cancelled: nothing delivered.
    job.startBytes(big, directory());
    job.cancel();
    QVERIFY(!job.isRunning());
    QTest::qWait(500);
    QCOMPARE(finished.size(), 1);
}

void TestOptOutImport::previewModel()
{
    ImportPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResult(OptOutImport::read(
        QByteArrayLiteral("email\nann@example.org\nbob@example.org\nann@example.org\nzed@x.org\n"),
        directory()));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(1, ImportPreviewModel::UserColumn).data().toString(),
             QStringLiteral("Ann <ann@example.org>"));
    QCOMPARE(model.index(3, ImportPreviewModel::OutcomeColumn).data().toString(),
             QStringLiteral("Duplicate of line 2"));
    QCOMPARE(model.index(4, ImportPreviewModel::LineColumn).data().toInt(), 5);
    model.setFilter(Outcome::Unknown);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, ImportPreviewModel::InputColumn).data().toString(),
             QStringLiteral("zed@x.org"));
    QCOMPARE(model.index(0, ImportPreviewModel::OutcomeColumn).data().toString(),
             QStringLiteral("Not a user of your organization"));
    model.setFilter(Outcome::Matched);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(ImportPreviewModel::UserIdRole).toString(),
             QStringLiteral("u-ann"));
    model.setFilter(std::nullopt);
    QCOMPARE(model.rowCount(), 5);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestOptOutImport)
#include "tst_optoutimport.moc"
