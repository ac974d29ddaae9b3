// File > Export > History as CSV at 1,000,000 audit entries through the real optout-server
// (SQLite) and the app's real core (ApiClient, CsvExporter): the whole export's time and the
// GUI thread's longest stall (a 5 ms timer that should never be late), beside a baseline from
// the same run: fetching every page through the same ApiClient without converting or writing.
#include "apiclient.h"
#include "auditfill.h"
#include "benchprobes.h"
#include "benchserver.h"
#include "csvexporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace {

QTextStream out(stdout);

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    constexpr int Users = 2000;
    constexpr int Entries = 1000000;
    out << "load average at start: " << loadAverage() << Qt::endl;
    BenchServer server;
    if (!server.start(Users, 0))
        return 1;
    server.stop();
    QString error;
    QElapsedTimer fill;
    fill.start();
    if (!fillAudit(server.databasePath(), Entries, Users, &error)) {
        out << "cannot fill the audit: " << error << Qt::endl;
        return 1;
    }
    out << "audit filled with " << Entries << " entries in " << fill.elapsed() << " ms" << Qt::endl;
    if (!server.start(Users, 0))
        return 1;

    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(server.baseUrl());
    api.setToken("demo-admin");
    api.setTransferTimeout(60000);
    const int pageSize = CsvExporter::MaxHistoryPageSize;

    // Baseline: every page fetched (and decoded by ApiClient, as the export does), nothing
    // converted or written.
    qint64 fetched = 0;
    double baselineMs = 0;
    double baselineStall = 0;
    {
        StallProbe probe;
        QEventLoop loop;
        QElapsedTimer t;
        t.start();
        bool failed = false;
        std::function<void(const QString &)> next = [&](const QString &before) {
            api.fetchAudit(pageSize, before, {}, &loop, [&](const ApiResult<AuditPage> &r) {
                if (!r) {
                    out << "fetch failed: " << r.error().message << Qt::endl;
                    failed = true;
                    loop.quit();
                    return;
                }
                fetched += r.value().entries.size();
                if (r.value().next.isEmpty())
                    loop.quit();
                else
                    next(r.value().next);
            });
        };
        next({});
        loop.exec();
        baselineMs = double(t.nsecsElapsed()) / 1e6;
        baselineStall = probe.longestStallMs();
        if (failed)
            return 1;
    }

    // The export, to a file beside the database.
    const QString path = server.tempPath(QStringLiteral("history.csv"));
    CsvExporter exporter(&api);
    CsvExporter::Result result;
    // The progress dialog's estimate when a tenth and half of the rows were written.
    qint64 estimateAtTenth = 0;
    qint64 estimateAtHalf = 0;
    QObject::connect(&exporter, &CsvExporter::progress, &exporter,
                     [&](qint64 done, qint64 estimate) {
                         if (!estimateAtTenth && done >= fetched / 10)
                             estimateAtTenth = estimate;
                         if (!estimateAtHalf && done >= fetched / 2)
                             estimateAtHalf = estimate;
                     });
    double exportMs = 0;
    double exportStall = 0;
    {
        StallProbe probe;
        QEventLoop loop;
        QObject::connect(&exporter, &CsvExporter::finished, &loop,
                         [&](const CsvExporter::Result &r) {
                             result = r;
                             loop.quit();
                         });
        QElapsedTimer t;
        t.start();
        exporter.exportHistory({}, path);
        loop.exec();
        exportMs = double(t.nsecsElapsed()) / 1e6;
        exportStall = probe.longestStallMs();
    }
    if (result.status != CsvExporter::Result::Status::Done) {
        out << "export failed: " << result.message << Qt::endl;
        return 1;
    }
    const qint64 bytes = QFileInfo(path).size();
    out << "History as CSV, " << Entries << " audit entries, pages of " << pageSize
        << " (SQLite):" << Qt::endl;
    out << "  baseline: fetch every page through ApiClient   " << qRound(baselineMs) << " ms, "
        << fetched << " entries, longest event-loop stall " << baselineStall << " ms" << Qt::endl;
    out << "  export: fetch, convert, write (QSaveFile)      " << qRound(exportMs) << " ms, "
        << result.rows << " rows, " << bytes / (1024 * 1024) << " MiB, longest GUI-thread stall "
        << exportStall << " ms" << Qt::endl;
    out << "  progress estimate at 10% written: " << estimateAtTenth
        << ", at 50%: " << estimateAtHalf << " (true total " << fetched << ")" << Qt::endl;
    out << "  export / baseline: " << QString::number(exportMs / baselineMs, 'f', 2) << Qt::endl;
    out << "load average at end: " << loadAverage() << Qt::endl;
    QFile::remove(path);
    server.stop();
    return result.rows == fetched ? 0 : 1;
}
