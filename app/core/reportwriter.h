// File > Report…: the enforcement report of a period as a PDF for the privacy officer, written by
// a worker thread through a QSaveFile, so that a cancel or a failure leaves no partial file.
#pragma once

#include "apitypes.h"

#include <QDate>
#include <QLocale>
#include <QObject>
#include <QPageSize>
#include <QPointer>
#include <QTimeZone>

#include <atomic>
#include <memory>
#include <optional>

class ApiClient;
class ReportWorker;

// What a report is about and where it goes.
struct ReportRequest
{
    QDate from; // the first day, in the organisation's time zone
    QDate through; // the last day (inclusive)
    QTimeZone zone = QTimeZone::utc();
    QLocale locale; // numbers and dates
    QPageSize::PageSizeId paper = QPageSize::A4; // ReportWriter::paperFor()
    QString orgName;
    QString productName;
    qint64 purgeAfterSeconds = -1; // the retention window; -1 when unknown
    QString path;
};

class ReportWriter final : public QObject
{
    Q_OBJECT
public:
    // The service's largest audit page (docs/api.md: limit 1..1000).
    static constexpr int MaxAuditPageSize = 1000;
    // The longest period, as the enforcement statistics allow it.
    static constexpr int MaxDays = 366;

    struct Result
    {
        enum class Status { Done, Cancelled, Failed };
        Status status = Status::Done;
        QString path;
        QString message; // Failed: why, translated
        int pages = 0;
        qint64 optOuts = 0; // opt-outs listed
        qint64 deletions = 0; // deletions listed
    };
    enum class Stage { Statistics, OptOuts, Deletions, Pages };

    // `api` must outlive the writer.
    explicit ReportWriter(ApiClient *api, QObject *parent = nullptr);
    // A running report is cancelled: its file is not written.
    ~ReportWriter() override;

    bool isRunning() const { return m_job != nullptr; }
    void write(const ReportRequest &request);
    // Stops the running report; finished() then reports Cancelled and no file is written.
    void cancel();

    // Entries per audit request (tests use less).
    void setAuditPageSize(int size) { m_pageSize = size; }

    // Letter where it is the usual paper (the United States, Canada, Mexico…), else A4.
    static QPageSize::PageSizeId paperFor(QLocale::Territory territory);

signals:
    // How far it is: entries read (Statistics, OptOuts, Deletions) or pages written (Pages);
    // `total` is 0 while unknown.
    void progress(ReportWriter::Stage stage, qint64 done, qint64 total);
    void finished(const ReportWriter::Result &result);

private:
    struct Job;
    void fetchStatistics();
    void fetchRules();
    void fetchAudit();
    void render();
    void fail(const QString &message);
    void finish(Result::Status status, const QString &message);

    QPointer<ApiClient> m_api;
    int m_pageSize = MaxAuditPageSize;
    std::unique_ptr<Job> m_job;
    std::unique_ptr<Job> m_ended; // the job that just finished, deleted from the event loop
};

Q_DECLARE_METATYPE(ReportWriter::Result)
Q_DECLARE_METATYPE(ReportWriter::Stage)
