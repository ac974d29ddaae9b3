// File > Export: the opt-out list or the (filtered) history written to a CSV file by a worker
// thread through QSaveFile, so that a cancel or a failure leaves no partial file.
#pragma once

#include "apitypes.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class ApiClient;
class CsvExportWorker;

class CsvExporter final : public QObject
{
    Q_OBJECT
public:
    // The service's largest audit page (docs/api.md: limit 1..1000).
    static constexpr int MaxHistoryPageSize = 1000;

    struct Result
    {
        enum class Status { Done, Cancelled, Failed };
        Status status = Status::Done;
        qint64 rows = 0; // data rows written (the header row not counted)
        QString path;
        QString message; // Failed: why, translated
    };

    // `api` must outlive the exporter.
    explicit CsvExporter(ApiClient *api, QObject *parent = nullptr);
    // A running export is cancelled: its file is not written.
    ~CsvExporter() override;

    bool isRunning() const { return m_job != nullptr; }

    // Writes these entries, newest first (a QList shares its data: handing it over is free).
    void exportOptOuts(const QList<OptOutEntry> &entries, const QString &path);
    // Fetches every page of the audit matching `filter`, newest first, and writes it.
    void exportHistory(const AuditFilter &filter, const QString &path);
    // Stops the running export; finished() then reports Cancelled and no file is written.
    void cancel();

    // Entries per audit request; the largest the service allows by default (tests use less).
    void setHistoryPageSize(int size) { m_pageSize = size; }
    int historyPageSize() const { return m_pageSize; }

    // The header rows and records (also for tests).
    static QStringList optOutHeader();
    static QStringList optOutRecord(const OptOutEntry &entry);
    static QStringList historyHeader();
    // actionNames: the action codes' display names (HistoryModel::actionText).
    static QStringList historyRecord(const AuditEntry &entry,
                                     const QHash<QString, QString> &actionNames);

signals:
    // Rows written so far and the expected total (0 while unknown).
    void progress(qint64 done, qint64 estimate);
    void finished(const CsvExporter::Result &result);

private:
    struct Job;
    void start(const QString &path, const QStringList &header, qint64 estimate);
    void fetchNextPage();
    void onPageWritten(qint64 rows);
    void onWorkerFailed(const QString &message);
    void onCommitted(qint64 rows);
    void onCancelled();
    void fail(const QString &message);
    void probeOldest();
    void updateEstimate();
    void finish(Result::Status status, const QString &message);

    QPointer<ApiClient> m_api;
    int m_pageSize = MaxHistoryPageSize;
    std::unique_ptr<Job> m_job;
    std::unique_ptr<Job> m_ended; // the job that just finished, deleted from the event loop
};

Q_DECLARE_METATYPE(CsvExporter::Result)
