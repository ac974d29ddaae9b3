// File > Report… for a year of a large organisation through the real optout-server (SQLite)
// and the app's real core (ApiClient, ReportWriter): the report's time, its pages and the GUI
// thread's longest stall (a 5 ms timer that should never be late), beside a baseline from the
// same run: fetching the same audit pages (opt-outs, then deletions) without decoding, keeping
// or drawing anything.
// Usage: optout-bench-report [USERS [AUDIT_ENTRIES]] (default 100,000 users, 1,000,000 entries:
// a year of the audit as bench/auditfill.cpp writes it, one entry every 31 seconds).
#include "apiclient.h"
#include "auditfill.h"
#include "benchprobes.h"
#include "benchserver.h"
#include "reportwriter.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
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
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // fonts for the PDF
    const QStringList args = app.arguments();
    const int users = args.size() > 1 ? args.at(1).toInt() : 100000;
    const int entries = args.size() > 2 ? args.at(2).toInt() : 1000000;
    if (users < 10 || entries < 1) {
        out << "usage: optout-bench-report [USERS [AUDIT_ENTRIES]]" << Qt::endl;
        return 2;
    }
    out << "load average at start: " << loadAverage() << Qt::endl;
    BenchServer server;
    if (!server.start(users, 0))
        return 1;
    server.stop();
    QString error;
    QElapsedTimer fill;
    fill.start();
    if (!fillAudit(server.databasePath(), entries, users, &error)) {
        out << "cannot fill the audit: " << error << Qt::endl;
        return 1;
    }
    out << "audit filled with " << entries << " entries in " << fill.elapsed() << " ms" << Qt::endl;
    if (!server.start(users, 0))
        return 1;

    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(server.baseUrl());
    api.setToken("demo-admin");
    api.setTransferTimeout(120000);
    // The year auditfill writes: from 2025-12-01, one entry every 31 seconds.
    ReportRequest request;
    request.from = QDate(2025, 12, 1);
    request.through = request.from.addDays(ReportWriter::MaxDays - 2);
    request.zone = QTimeZone::utc();
    request.locale = QLocale(QLocale::English, QLocale::UnitedKingdom);
    request.paper = ReportWriter::paperFor(request.locale.territory());
    request.orgName = QStringLiteral("Example Org");
    request.productName = QStringLiteral("Customer Journey Analytics");
    request.purgeAfterSeconds = 7 * 86400;
    request.path = server.tempPath(QStringLiteral("report.pdf"));

    // Baseline: the report's audit pages fetched, nothing decoded, kept or drawn.
    qint64 bytesFetched = 0;
    double baselineMs = 0;
    double baselineStall = 0;
    {
        StallProbe probe;
        QEventLoop loop;
        QElapsedTimer t;
        t.start();
        bool failed = false;
        AuditFilter filter;
        filter.since = request.from.startOfDay(request.zone).toUTC();
        filter.until = request.through.addDays(1).startOfDay(request.zone).toUTC();
        const QStringList actions {QStringLiteral("opt_out"), QStringLiteral("purge")};
        int action = 0;
        std::function<void(const QString &)> next = [&](const QString &before) {
            filter.action = actions.at(action);
            api.fetchAudit(ReportWriter::MaxAuditPageSize, before, filter, &loop,
                           [&](const ApiResult<AuditPage> &r) {
                               if (!r) {
                                   out << "fetch failed: " << r.error().message << Qt::endl;
                                   failed = true;
                                   loop.quit();
                                   return;
                               }
                               bytesFetched += r.value().entries.size();
                               if (!r.value().next.isEmpty())
                                   return next(r.value().next);
                               if (++action < actions.size())
                                   return next({});
                               loop.quit();
                           });
        };
        next({});
        loop.exec();
        baselineMs = double(t.nsecsElapsed()) / 1e6;
        baselineStall = probe.longestStallMs();
        if (failed)
            return 1;
    }

    ReportWriter writer(&api);
    ReportWriter::Result result;
    double reportMs = 0;
    double reportStall = 0;
    double readMs = 0; // until the first page was drawn
    {
        StallProbe probe;
        QEventLoop loop;
        QElapsedTimer t;
        QObject::connect(&writer, &ReportWriter::progress, &loop,
                         [&](ReportWriter::Stage stage, qint64, qint64) {
                             if (stage == ReportWriter::Stage::Pages && readMs == 0)
                                 readMs = double(t.nsecsElapsed()) / 1e6;
                         });
        QObject::connect(&writer, &ReportWriter::finished, &loop,
                         [&](const ReportWriter::Result &r) {
                             result = r;
                             loop.quit();
                         });
        t.start();
        writer.write(request);
        loop.exec();
        reportMs = double(t.nsecsElapsed()) / 1e6;
        reportStall = probe.longestStallMs();
    }
    if (result.status != ReportWriter::Result::Status::Done) {
        out << "report failed: " << result.message << Qt::endl;
        return 1;
    }
    const qint64 bytes = QFileInfo(request.path).size();
    out << "File > Report… for " << request.from.toString(Qt::ISODate) << " to "
        << request.through.toString(Qt::ISODate) << ", " << users << " users, " << entries
        << " audit entries (SQLite):" << Qt::endl;
    out << "  baseline: fetch the report's audit pages     " << qRound(baselineMs) << " ms, "
        << bytesFetched << " entries, longest event-loop stall " << baselineStall << " ms"
        << Qt::endl;
    out << "  report: fetch, decode, lay out, draw (PDF)   " << qRound(reportMs) << " ms ("
        << qRound(readMs) << " ms reading), " << result.optOuts << " opt-outs and "
        << result.deletions << " deletions listed, " << result.pages << " pages, " << bytes / 1024
        << " KiB, longest GUI-thread stall " << reportStall << " ms" << Qt::endl;
    out << "  report / baseline: " << QString::number(reportMs / baselineMs, 'f', 2) << Qt::endl;
    out << "load average at end: " << loadAverage() << Qt::endl;
    QFile::remove(request.path);
    server.stop();
    return result.optOuts + result.deletions == bytesFetched ? 0 : 1;
}
