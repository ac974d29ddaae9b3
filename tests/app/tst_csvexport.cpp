// CsvExporter over the real optout-server: the opt-out list's exact file, the filtered history
// in order across pages, cancel, an unwritable path and a service failing mid-export, each
// leaving no partial file.
#include "apiclient.h"
#include "csvexporter.h"
#include "faultyserver.h"
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <signal.h>
#include <sys/resource.h>

namespace {

// The test's own CSV quoting (RFC 4180, formula cells prefixed with '), kept apart from the
// code under test.
QByteArray csvField(QString s)
{
    if (!s.isEmpty() && QStringLiteral("=+-@\t\r").contains(s.front()))
        s.prepend(QLatin1Char('\''));
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"'))
        || s.contains(QLatin1Char('\r')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QStringLiteral("\""), QStringLiteral("\"\""))
            + QLatin1Char('"');
    return s.toUtf8();
}

QByteArray csvLine(const QStringList &fields)
{
    QByteArrayList parts;
    for (const QString &f : fields)
        parts << csvField(f);
    return parts.join(',') + "\r\n";
}

QString str(const QJsonValue &v)
{
    return v.isString() ? v.toString() : QString();
}

QString timeText(const QJsonValue &v) // the service's RFC 3339, to the second
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")) : QString();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCsvExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void optOutListExactContent();
    void historyFiltered_data();
    void historyFiltered();
    void historyEmpty();
    void cancelLeavesNoFile();
    void cancelKeepsAnExistingFile();
    void unwritablePath_data();
    void unwritablePath();
    void diskFullLeavesNoFile();
    void serverStoppedMidExport();
    void serverErrorMidExport();

private:
    CsvExporter::Result run(CsvExporter &exporter);
    // The service's audit for `query`, every page, as the test expects the CSV rows.
    QByteArray expectedHistory(const QString &query);

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
    QTemporaryDir m_dir;
    QStringList m_userIds;
};

void TestCsvExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("60"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    const QJsonArray users
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=100"), "demo-admin")
              .json()
              .object()
              .value(QStringLiteral("users"))
              .toArray();
    for (const QJsonValue &u : users) {
        const QString id = u.toObject().value(QStringLiteral("id")).toString();
        if (id != QLatin1String("u-1")) // not the administrator
            m_userIds << id;
    }
    QVERIFY(m_userIds.size() >= 50);
    // Stored usage events of the first users, so that their opt-outs plan a deletion.
    QJsonArray events;
    for (int i = 0; i < 12; ++i) {
        events.append(QJsonObject {
            {QStringLiteral("name"), QStringLiteral("page.viewed")},
            {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
            {QStringLiteral("userId"), m_userIds.at(i)}});
    }
    const HttpResult stored = m_server.request(
        "POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
        QJsonDocument(QJsonObject {{QStringLiteral("events"), events}}).toJson());
    QVERIFY2(stored.status == 200, stored.body.constData());
    // A history: reasons that need quoting and neutralising, opt-ins, repeated users.
    const QStringList reasons {QStringLiteral("GDPR request #4411"),
                               QStringLiteral("=HYPERLINK(\"http://evil\"), asked by \"Bo\""),
                               QStringLiteral("-1 day, Zoë's choice"), QString()};
    for (int i = 0; i < 40; ++i) {
        const QString &id = m_userIds.at(i % 12);
        const QString reason = reasons.at(i % reasons.size());
        const QByteArray body = reason.isEmpty()
            ? QByteArray()
            : QJsonDocument(QJsonObject {{QStringLiteral("reason"), reason}}).toJson();
        QVERIFY(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin", body)
                    .status
                < 300);
        if (i % 3 == 2)
            QCOMPARE(
                m_server.request("DELETE", QStringLiteral("/api/v1/optouts/") + id, "demo-admin")
                    .status,
                204);
    }
    // Many opt-outs at once, for the long exports.
    QJsonArray many;
    for (int i = 12; i < m_userIds.size(); ++i)
        many.append(m_userIds.at(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optOut"), many},
                                                     {QStringLiteral("reason"),
                                                      QStringLiteral("@team, offboarding")}})
                              .toJson())
                 .status,
             200);
}

void TestCsvExport::cleanupTestCase()
{
    m_api.reset();
    m_server.stop();
}

void TestCsvExport::init()
{
    m_api = std::make_unique<ApiClient>(&m_network);
    m_api->setBaseUrl(m_server.baseUrl());
    m_api->setToken("demo-admin");
    m_api->setTransferTimeout(10000);
    QDir dir(m_dir.path());
    for (const QString &name : dir.entryList(QDir::Files))
        QVERIFY(dir.remove(name));
}

CsvExporter::Result TestCsvExport::run(CsvExporter &exporter)
{
    QSignalSpy finished(&exporter, &CsvExporter::finished);
    if (!finished.wait(30000))
        return {CsvExporter::Result::Status::Failed, -1, {}, QStringLiteral("no answer")};
    [&] {
        QVERIFY(!exporter.isRunning());
    }();
    return finished.constFirst().constFirst().value<CsvExporter::Result>();
}

QByteArray TestCsvExport::expectedHistory(const QString &query)
{
    const QHash<QString, QString> actions {
        {QStringLiteral("opt_out"), QStringLiteral("Opt-out")},
        {QStringLiteral("opt_in"), QStringLiteral("Opt-in")},
        {QStringLiteral("purge"), QStringLiteral("Stored data deleted")}};
    QByteArray csv = "When,Action,User name,User email,User ID,By (name),By (email),Reason,"
                     "Events deleted\r\n";
    QString before;
    for (;;) {
        QString path = QStringLiteral("/api/v1/audit?limit=7&") + query;
        if (!before.isEmpty())
            path += QStringLiteral("&before=") + before;
        const QJsonObject page = m_server.request("GET", path, "demo-admin").json().object();
        for (const QJsonValue &v : page.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            const QJsonObject user = e.value(QStringLiteral("user")).toObject();
            const QJsonObject actor = e.value(QStringLiteral("actor")).toObject();
            const QJsonValue count = e.value(QStringLiteral("count"));
            csv += csvLine(
                {timeText(e.value(QStringLiteral("at"))),
                 actions.value(str(e.value(QStringLiteral("action")))),
                 str(user.value(QStringLiteral("name"))), str(user.value(QStringLiteral("email"))),
                 str(user.value(QStringLiteral("id"))), str(actor.value(QStringLiteral("name"))),
                 str(actor.value(QStringLiteral("email"))), str(e.value(QStringLiteral("reason"))),
                 count.isDouble() ? QString::number(count.toInteger()) : QString()});
        }
        before = str(page.value(QStringLiteral("next")));
        if (before.isEmpty())
            return csv;
    }
}

void TestCsvExport::optOutListExactContent()
{
    // The list as the client has it (ApiClient), written by the exporter.
    OptOutList list;
    m_api->fetchOptOuts({}, this, [&list](const ApiResult<OptOutList> &r) {
        if (r)
            list = r.value();
    });
    QTRY_VERIFY(list.revision >= 0);
    QVERIFY(list.optOuts.size() > 40);
    // Handed over in another order: the file is newest first all the same.
    std::reverse(list.optOuts.begin(), list.optOuts.end());
    const QString path = m_dir.filePath(QStringLiteral("opt-outs.csv"));
    CsvExporter exporter(m_api.get());
    QSignalSpy progress(&exporter, &CsvExporter::progress);
    exporter.exportOptOuts(list.optOuts, path);
    QVERIFY(exporter.isRunning());
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Done));
    QCOMPARE(result.rows, qint64(list.optOuts.size()));
    QCOMPARE(result.path, path);
    QVERIFY(!progress.isEmpty());

    // The expected file, from the service's own JSON.
    QJsonArray entries = m_server.request("GET", QStringLiteral("/api/v1/optouts"), "demo-admin")
                             .json()
                             .object()
                             .value(QStringLiteral("optOuts"))
                             .toArray();
    QList<QJsonObject> sorted;
    for (const QJsonValue &v : entries)
        sorted << v.toObject();
    const auto email = [](const QJsonObject &e) {
        return e.value(QStringLiteral("user")).toObject().value(QStringLiteral("email")).toString();
    };
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&email](const QJsonObject &a, const QJsonObject &b) {
                         const QString ta = timeText(a.value(QStringLiteral("optedOutAt")));
                         const QString tb = timeText(b.value(QStringLiteral("optedOutAt")));
                         const QDateTime da = QDateTime::fromString(
                             a.value(QStringLiteral("optedOutAt")).toString(), Qt::ISODateWithMs);
                         const QDateTime db = QDateTime::fromString(
                             b.value(QStringLiteral("optedOutAt")).toString(), Qt::ISODateWithMs);
                         if (da != db)
                             return da > db;
                         return email(a) < email(b);
                     });
    QByteArray expected = "Name,Email,User ID,Opted out at,Opted out by (name),"
                          "Opted out by (email),Reason,Planned deletion\r\n";
    for (const QJsonObject &e : sorted) {
        const QJsonObject user = e.value(QStringLiteral("user")).toObject();
        const QJsonObject by = e.value(QStringLiteral("optedOutBy")).toObject();
        expected += csvLine(
            {str(user.value(QStringLiteral("name"))), str(user.value(QStringLiteral("email"))),
             str(user.value(QStringLiteral("id"))), timeText(e.value(QStringLiteral("optedOutAt"))),
             str(by.value(QStringLiteral("name"))), str(by.value(QStringLiteral("email"))),
             str(e.value(QStringLiteral("reason"))), timeText(e.value(QStringLiteral("purgeAt")))});
    }
    const QByteArray written = readAll(path);
    QCOMPARE(written, expected);
    // Reasons, neutralised and quoted, and planned deletions are in it.
    QVERIFY(written.contains(",\"'@team, offboarding\","));
    int planned = 0;
    for (const QJsonValue &v : entries)
        planned += v.toObject().value(QStringLiteral("purgeAt")).isString() ? 1 : 0;
    QVERIFY(planned > 0);
    QVERIFY(written.contains(",Ada Admin,admin@example.com,"));
    // Only the file: no temporary left beside it.
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files),
             QStringList {QStringLiteral("opt-outs.csv")});
}

void TestCsvExport::historyFiltered_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QString>("userIndex"); // -1: none
    QTest::addColumn<QString>("action");
    QTest::newRow("all, pages of 1000") << 1000 << QString() << QString();
    QTest::newRow("all, pages of 7") << 7 << QString() << QString();
    QTest::newRow("one user, pages of 3") << 3 << QStringLiteral("2") << QString();
    QTest::newRow("opt-ins, pages of 4") << 4 << QString() << QStringLiteral("opt_in");
    QTest::newRow("one user's opt-outs") << 2 << QStringLiteral("5") << QStringLiteral("opt_out");
}

void TestCsvExport::historyFiltered()
{
    QFETCH(int, pageSize);
    QFETCH(QString, userIndex);
    QFETCH(QString, action);
    AuditFilter filter;
    QStringList query;
    if (!userIndex.isEmpty()) {
        filter.userId = m_userIds.at(userIndex.toInt());
        query << QStringLiteral("userId=") + filter.userId;
    }
    if (!action.isEmpty()) {
        filter.action = action;
        query << QStringLiteral("action=") + action;
    }
    const QByteArray expected = expectedHistory(query.join(QLatin1Char('&')));
    const qint64 rows = expected.count("\r\n") - 1;
    QVERIFY(rows > 0);

    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    CsvExporter exporter(m_api.get());
    exporter.setHistoryPageSize(pageSize);
    QSignalSpy progress(&exporter, &CsvExporter::progress);
    exporter.exportHistory(filter, path);
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Done));
    QCOMPARE(result.rows, rows);
    QCOMPARE(readAll(path), expected);
    // Progress reached the total, never went back, never passed its estimate.
    QVERIFY(!progress.isEmpty());
    qint64 last = -1;
    for (const QList<QVariant> &p : progress) {
        const qint64 done = p.at(0).toLongLong();
        const qint64 estimate = p.at(1).toLongLong();
        QVERIFY(done >= last);
        QVERIFY(estimate == 0 || estimate >= done);
        last = done;
    }
    QCOMPARE(last, rows);
    if (filter.action.isEmpty() && filter.userId.isEmpty()) {
        QVERIFY(expected.contains("\"'=HYPERLINK(\"\"http://evil\"\"), asked by \"\"Bo\"\"\""));
        QVERIFY(expected.contains("\"'@team, offboarding\""));
    }
}

void TestCsvExport::historyEmpty()
{
    AuditFilter filter;
    filter.userId = QStringLiteral("u-nobody");
    const QString path = m_dir.filePath(QStringLiteral("empty.csv"));
    CsvExporter exporter(m_api.get());
    exporter.exportHistory(filter, path);
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Done));
    QCOMPARE(result.rows, 0);
    QCOMPARE(readAll(path),
             QByteArray("When,Action,User name,User email,User ID,By (name),"
                        "By (email),Reason,Events deleted\r\n"));
}

void TestCsvExport::cancelLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
    CsvExporter exporter(m_api.get());
    exporter.setHistoryPageSize(2);
    const QMetaObject::Connection cancelling
        = connect(&exporter, &CsvExporter::progress, &exporter, [&exporter](qint64 done, qint64) {
              if (done > 0)
                  exporter.cancel();
          });
    exporter.exportHistory({}, path);
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Cancelled));
    QVERIFY(result.rows > 0);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    // The exporter takes the next export.
    disconnect(cancelling);
    exporter.exportHistory({}, path);
    QCOMPARE(int(run(exporter).status), int(CsvExporter::Result::Status::Done));
    QVERIFY(QFile::exists(path));
}

void TestCsvExport::cancelKeepsAnExistingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("kept.csv"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("before\n");
    }
    OptOutList list;
    m_api->fetchOptOuts({}, this, [&list](const ApiResult<OptOutList> &r) {
        if (r)
            list = r.value();
    });
    QTRY_VERIFY(list.revision >= 0);
    CsvExporter exporter(m_api.get());
    exporter.exportOptOuts(list.optOuts, path);
    exporter.cancel(); // before the worker wrote anything
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Cancelled));
    QCOMPARE(readAll(path), QByteArray("before\n"));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList {QStringLiteral("kept.csv")});
    // Destroyed while running: cancelled too, nothing written.
    {
        CsvExporter gone(m_api.get());
        gone.setHistoryPageSize(1);
        gone.exportHistory({}, path);
    }
    QCOMPARE(readAll(path), QByteArray("before\n"));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList {QStringLiteral("kept.csv")});
}

void TestCsvExport::unwritablePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing folder") << m_dir.filePath(QStringLiteral("no/such/folder/x.csv"));
    QTest::newRow("below a file") << m_dir.filePath(QStringLiteral("plain-file/x.csv"));
    QTest::newRow("a folder") << m_dir.filePath(QStringLiteral("a-folder"));
}

void TestCsvExport::unwritablePath()
{
    QFETCH(QString, path);
    {
        QFile f(m_dir.filePath(QStringLiteral("plain-file")));
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QDir(m_dir.path()).mkpath(QStringLiteral("a-folder"));
    for (const bool history : {false, true}) {
        CsvExporter exporter(m_api.get());
        if (history)
            exporter.exportHistory({}, path);
        else
            exporter.exportOptOuts(QList<OptOutEntry>(), path);
        const CsvExporter::Result result = run(exporter);
        QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Failed));
        QVERIFY2(result.message.startsWith(QStringLiteral("The file ") + path
                                           + QStringLiteral(" could not be written: ")),
                 qPrintable(result.message));
        QVERIFY(!QFileInfo(path).isFile());
    }
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList {QStringLiteral("plain-file")});
    QDir(m_dir.path()).rmdir(QStringLiteral("a-folder"));
}

// A disk that fills up mid-file: a file-size limit (RLIMIT_FSIZE) makes the writes fail the
// same way (EFBIG instead of ENOSPC) after the first bytes.
void TestCsvExport::diskFullLeavesNoFile()
{
    OptOutList list;
    m_api->fetchOptOuts({}, this, [&list](const ApiResult<OptOutList> &r) {
        if (r)
            list = r.value();
    });
    QTRY_VERIFY(list.revision >= 0);
    QList<OptOutEntry> many;
    for (int i = 0; i < 100; ++i)
        many += list.optOuts; // some 200 KiB of CSV
    rlimit saved {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous = signal(SIGXFSZ, SIG_IGN);
    rlimit small = saved;
    small.rlim_cur = 20000;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const QString path = m_dir.filePath(QStringLiteral("full.csv"));
    CsvExporter exporter(m_api.get());
    exporter.exportOptOuts(many, path);
    const CsvExporter::Result result = run(exporter);
    setrlimit(RLIMIT_FSIZE, &saved);
    signal(SIGXFSZ, previous);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Failed));
    QVERIFY2(result.message.startsWith(QStringLiteral("The file ") + path
                                       + QStringLiteral(" could not be written: ")),
             qPrintable(result.message));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

void TestCsvExport::serverStoppedMidExport()
{
    const QString path = m_dir.filePath(QStringLiteral("stopped.csv"));
    CsvExporter exporter(m_api.get());
    exporter.setHistoryPageSize(1);
    bool stopped = false;
    connect(&exporter, &CsvExporter::progress, this, [this, &stopped](qint64 done, qint64) {
        if (done > 0 && !stopped) {
            stopped = true;
            m_server.stop();
        }
    });
    exporter.exportHistory({}, path);
    const CsvExporter::Result result = run(exporter);
    QVERIFY(stopped);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Failed));
    QVERIFY2(result.message.startsWith(
                 QStringLiteral("The history could not be read from the service: ")),
             qPrintable(result.message));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    QVERIFY(m_server.restart({QStringLiteral("--demo"), QStringLiteral("--quiet")}));
    m_api->setBaseUrl(m_server.baseUrl());
    // The service back: the same export goes through.
    exporter.exportHistory({}, path);
    QCOMPARE(int(run(exporter).status), int(CsvExporter::Result::Status::Done));
    QVERIFY(QFile::exists(path));
}

void TestCsvExport::serverErrorMidExport()
{
    FaultyServer faulty;
    QVERIFY(faulty.listen());
    const QByteArray page1 =
        R"({"entries": [{"id": "a-2", "at": "2026-11-22T16:00:00Z", "action": "opt_out",
            "actor": {"id": "u-1", "email": "admin@example.com", "name": "Ada Admin"},
            "user": {"id": "u-7", "email": "zoe@example.com", "name": "Zoë"}, "reason": null}],
            "next": "a-2"})";
    faulty.enqueue("GET", "/api/v1/audit", FaultyServer::json(200, page1));
    faulty.enqueue("GET", "/api/v1/audit",
                   FaultyServer::error(500, "internal", "The service failed."));
    faulty.setResponse("GET", "/api/v1/audit",
                       FaultyServer::error(503, "unavailable", "The service is unavailable."));
    ApiClient api(&m_network);
    api.setBaseUrl(faulty.baseUrl());
    api.setToken("t");
    const QString path = m_dir.filePath(QStringLiteral("faulty.csv"));
    CsvExporter exporter(&api);
    exporter.exportHistory({}, path);
    const CsvExporter::Result result = run(exporter);
    QCOMPARE(int(result.status), int(CsvExporter::Result::Status::Failed));
    QVERIFY2(result.message.startsWith(
                 QStringLiteral("The history could not be read from the service: ")),
             qPrintable(result.message));
    QVERIFY(result.message.size() > 50);
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
}

QTEST_GUILESS_MAIN(TestCsvExport)
#include "tst_csvexport.moc"
