// File > Export: CSV files written off the GUI thread, whole or not at all.
#include "csvexporter.h"

#include "apiclient.h"
#include "csvwriter.h"
#include "historymodel.h"
#include "serialworker.h"

#include <QSaveFile>
#include <QTimer>

#include <algorithm>
#include <functional>

// Runs on the export's worker (SerialWorker): converts rows to CSV and writes them through a
// QSaveFile. Destroyed without a commit, the QSaveFile removes its temporary file: no partial file
// stays.
class CsvExportWorker final : public QObject
{
public:
    // `replies`: the GUI-side object that receives what the worker reports (queued).
    CsvExportWorker(QObject *replies, std::shared_ptr<std::atomic_bool> stopped)
        : m_replies(replies)
        , m_stopped(std::move(stopped))
    {
    }
    ~CsvExportWorker() override
    {
        if (m_file)
            m_file->cancelWriting();
    }

    // Each of these runs in the worker's thread; `report` is then queued to the GUI thread.
    void open(const QString &path, const QByteArray &header,
              const std::function<void(const QString &error)> &failed)
    {
        m_file = std::make_unique<QSaveFile>(path);
        if (!m_file->open(QIODevice::WriteOnly)) {
            const QString error = m_file->errorString();
            m_file.reset();
            post([failed, error] { failed(error); });
            return;
        }
        write(header, failed);
    }

    // Writes CSV made by `convert` (which appends to its buffer and returns the rows it made).
    void append(const std::function<qint64(QByteArray &)> &convert,
                const std::function<void(const QString &error)> &failed,
                const std::function<void(qint64 rows)> &written)
    {
        if (!m_file || m_stopped->load())
            return;
        QByteArray bytes;
        const qint64 rows = convert(bytes);
        if (!write(bytes, failed))
            return;
        m_rows += rows;
        const qint64 total = m_rows;
        post([written, total] { written(total); });
    }

    void commit(const std::function<void(const QString &error)> &failed,
                const std::function<void(qint64 rows)> &committed)
    {
        if (!m_file || m_stopped->load())
            return;
        const bool ok = m_file->commit();
        const QString error = m_file->errorString();
        m_file.reset();
        if (!ok)
            post([failed, error] { failed(error); });
        else
            post([committed, rows = m_rows] { committed(rows); });
    }

    // Drops the file unwritten (if not committed yet) and says so.
    void stop(const std::function<void()> &stopped)
    {
        if (m_file) {
            m_file->cancelWriting();
            m_file.reset();
        }
        post(stopped);
    }

private:
    bool write(const QByteArray &bytes, const std::function<void(const QString &)> &failed)
    {
        if (m_file->write(bytes) == bytes.size() && m_file->error() == QFileDevice::NoError)
            return true;
        const QString error = m_file->errorString();
        m_file->cancelWriting();
        m_file.reset();
        post([failed, error] { failed(error); });
        return false;
    }
    void post(std::function<void()> f)
    {
        QMetaObject::invokeMethod(m_replies, std::move(f), Qt::QueuedConnection);
    }

    QObject *m_replies;
    std::shared_ptr<std::atomic_bool> m_stopped;
    std::unique_ptr<QSaveFile> m_file;
    qint64 m_rows = 0;
};

// One export: its worker and where it stands. Owned by the GUI thread.
struct CsvExporter::Job
{
    enum class State { Running, Stopping };
    State state = State::Running;
    Result::Status stopStatus = Result::Status::Cancelled;
    QString stopMessage;
    QString path;
    QObject replies; // answers of the API and of the worker; gone with the job
    SerialWorker tasks {QStringLiteral("csv export"), QThread::LowPriority};
    CsvExportWorker *worker = nullptr;
    std::shared_ptr<std::atomic_bool> stopped = std::make_shared<std::atomic_bool>(false);
    qint64 written = 0;
    qint64 estimate = 0;

    // History only.
    bool history = false;
    AuditFilter filter;
    QHash<QString, QString> actionNames;
    QString next;
    bool fetching = false;
    bool allFetched = false;
    int pagesQueued = 0; // fetched, not yet written
    qint64 fetched = 0;
    QDateTime newest; // of the first entry
    QDateTime lastAt; // of the last entry fetched
    // The oldest entry's time, found by probing `until` (for the estimate only).
    QDateTime probeLow; // no entry before this
    QDateTime probeHigh; // an entry before this
    QDateTime oldest;
    bool probing = false;

    ~Job()
    {
        stopped->store(true); // what is still queued returns at once
        tasks.waitForDone();
        delete worker;
    }
};

CsvExporter::CsvExporter(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    qRegisterMetaType<CsvExporter::Result>();
}

CsvExporter::~CsvExporter() = default; // ~Job: stops the thread; an unwritten file goes

QStringList CsvExporter::optOutHeader()
{
    return {tr("Name"),
            tr("Email"),
            tr("User ID"),
            tr("Opted out at"),
            tr("Opted out by (name)"),
            tr("Opted out by (email)"),
            tr("Reason"),
            tr("Planned deletion")};
}

QStringList CsvExporter::optOutRecord(const OptOutEntry &entry)
{
    return {entry.user.name,       entry.user.email,
            entry.user.id,         CsvWriter::time(entry.optedOutAt),
            entry.optedOutBy.name, entry.optedOutBy.email,
            entry.reason,          CsvWriter::time(entry.purgeAt)};
}

QStringList CsvExporter::historyHeader()
{
    return {tr("When"),      tr("Action"),     tr("User name"), tr("User email"),    tr("User ID"),
            tr("By (name)"), tr("By (email)"), tr("Reason"),    tr("Events deleted")};
}

QStringList CsvExporter::historyRecord(const AuditEntry &entry,
                                       const QHash<QString, QString> &actionNames)
{
    return {CsvWriter::time(entry.at),
            actionNames.value(entry.action, entry.action),
            entry.userName,
            entry.userEmail,
            entry.userId,
            entry.actorName,
            entry.actorEmail,
            entry.reason,
            entry.count >= 0 ? QString::number(entry.count) : QString()};
}

void CsvExporter::start(const QString &path, const QStringList &header, qint64 estimate)
{
    Q_ASSERT(!m_job);
    m_job = std::make_unique<Job>();
    Job *job = m_job.get();
    job->path = path;
    job->estimate = estimate;
    job->worker = new CsvExportWorker(&job->replies, job->stopped);
    job->tasks.post(
        [worker = job->worker, path, bytes = CsvWriter::record(header, CsvWriter::Formulas::Keep),
         this] { worker->open(path, bytes, [this](const QString &e) { onWorkerFailed(e); }); });
    emit progress(0, estimate);
}

void CsvExporter::exportOptOuts(const QList<OptOutEntry> &entries, const QString &path)
{
    if (m_job)
        return;
    const qsizetype count = entries.size();
    start(path, optOutHeader(), count);
    Job *job = m_job.get();
    // Sorted in the worker: newest first, as the service lists them (ties by e-mail).
    auto rows = std::make_shared<QList<OptOutEntry>>(entries);
    job->tasks.post([rows] {
        std::stable_sort(rows->begin(), rows->end(),
                         [](const OptOutEntry &a, const OptOutEntry &b) {
                             if (a.optedOutAt != b.optedOutAt)
                                 return a.optedOutAt > b.optedOutAt;
                             if (a.user.email != b.user.email)
                                 return a.user.email < b.user.email;
                             return a.user.id < b.user.id;
                         });
    });
    // Chunks, so that progress shows and a cancel stops between them.
    constexpr qsizetype Chunk = 2000;
    for (qsizetype from = 0; from < count; from += Chunk) {
        job->tasks.post([this, worker = job->worker, rows, from, stopped = job->stopped] {
            worker->append(
                [&rows, from, &stopped](QByteArray &out) {
                    const qsizetype to = std::min(rows->size(), from + Chunk);
                    for (qsizetype i = from; i < to && !stopped->load(); ++i)
                        CsvWriter::appendRecord(out, optOutRecord(rows->at(i)));
                    return qint64(std::max<qsizetype>(to - from, 0));
                },
                [this](const QString &e) { onWorkerFailed(e); },
                [this](qint64 written) { onPageWritten(written); });
        });
    }
    job->tasks.post([this, worker = job->worker] {
        worker->commit([this](const QString &e) { onWorkerFailed(e); },
                       [this](qint64 written) { onCommitted(written); });
    });
}

void CsvExporter::exportHistory(const AuditFilter &filter, const QString &path)
{
    if (m_job)
        return;
    start(path, historyHeader(), 0);
    Job *job = m_job.get();
    job->history = true;
    job->filter = filter;
    for (const char *action : {"opt_out", "opt_in", "purge"}) {
        const QString code = QString::fromLatin1(action);
        job->actionNames.insert(code, HistoryModel::actionText(code));
    }
    fetchNextPage();
}

void CsvExporter::fetchNextPage()
{
    Job *job = m_job.get();
    // At most two pages wait for the disk: memory stays flat whatever the audit's size.
    if (!job || job->state != Job::State::Running || job->fetching || job->allFetched
        || job->pagesQueued >= 2 || !m_api)
        return;
    job->fetching = true;
    m_api->fetchAudit(m_pageSize, job->next, job->filter, &job->replies,
                      [this, job](const ApiResult<AuditPage> &result) {
                          job->fetching = false;
                          if (job->state != Job::State::Running)
                              return;
                          if (!result) {
                              fail(tr("The history could not be read from the service: %1")
                                       .arg(result.error().message));
                              return;
                          }
                          const AuditPage &page = result.value();
                          if (!page.entries.isEmpty()) {
                              if (!job->newest.isValid())
                                  job->newest = page.entries.constFirst().at;
                              job->lastAt = page.entries.constLast().at;
                          }
                          job->fetched += page.entries.size();
                          job->next = page.next;
                          job->allFetched = page.next.isEmpty() || page.entries.isEmpty();
                          ++job->pagesQueued;
                          job->tasks.post([this, worker = job->worker, entries = page.entries,
                                           names = job->actionNames] {
                              worker->append(
                                  [&entries, &names](QByteArray &out) {
                                      out.reserve(entries.size() * 160);
                                      for (const AuditEntry &e : entries)
                                          CsvWriter::appendRecord(out, historyRecord(e, names));
                                      return qint64(entries.size());
                                  },
                                  [this](const QString &e) { onWorkerFailed(e); },
                                  [this](qint64 rows) { onPageWritten(rows); });
                          });
                          if (job->allFetched) {
                              job->tasks.post([this, worker = job->worker] {
                                  worker->commit([this](const QString &e) { onWorkerFailed(e); },
                                                 [this](qint64 rows) { onCommitted(rows); });
                              });
                          } else if (!job->probing && !job->oldest.isValid()) {
                              probeOldest();
                          }
                          updateEstimate();
                          fetchNextPage();
                      });
}

// The estimate of a history export: the entries fetched so far, scaled by how much of the time
// between the newest and the oldest matching entry they cover. The oldest is found by asking
// for one entry `until` a time: back in doubling steps, then halving, to 1% of the span.
void CsvExporter::probeOldest()
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running || !m_api || !job->lastAt.isValid())
        return;
    if (!job->probeHigh.isValid())
        job->probeHigh = job->lastAt;
    QDateTime at;
    if (!job->probeLow.isValid()) {
        const qint64 step = std::max<qint64>(job->newest.msecsTo(job->probeHigh) * -2, 3600000);
        at = job->probeHigh.addMSecs(-step);
        QDateTime floor = QDateTime(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
        if (job->filter.since.isValid())
            floor = std::max(floor, job->filter.since);
        if (at <= floor) {
            job->probeLow = floor;
            at = {};
        }
    }
    if (!at.isValid()) {
        const qint64 gap = job->probeLow.msecsTo(job->probeHigh);
        if (gap <= std::max<qint64>(job->probeLow.msecsTo(job->newest) / 100, 1000)) {
            job->oldest = job->probeLow.addMSecs(gap / 2);
            job->probing = false;
            updateEstimate();
            return;
        }
        at = job->probeLow.addMSecs(gap / 2);
    }
    job->probing = true;
    AuditFilter filter = job->filter;
    filter.until = at;
    m_api->fetchAudit(1, {}, filter, &job->replies,
                      [this, job, at](const ApiResult<AuditPage> &result) {
                          if (job->state != Job::State::Running)
                              return;
                          if (!result) { // only the estimate suffers: it stays unknown
                              job->probing = false;
                              job->oldest = {};
                              return;
                          }
                          const QList<AuditEntry> &entries = result.value().entries;
                          if (entries.isEmpty())
                              job->probeLow = at;
                          else
                              job->probeHigh = std::min(at, entries.constFirst().at.addMSecs(1));
                          probeOldest();
                      });
}

void CsvExporter::updateEstimate()
{
    Job *job = m_job.get();
    if (!job || !job->history)
        return;
    qint64 estimate = 0;
    if (job->allFetched) {
        estimate = job->fetched;
    } else if (job->oldest.isValid() && job->lastAt.isValid()) {
        const double span = double(job->oldest.msecsTo(job->newest));
        const double covered = double(job->lastAt.msecsTo(job->newest));
        if (covered > 0 && span > 0)
            estimate = qint64(double(job->fetched) * span / covered);
        estimate = std::max(estimate, job->fetched + 1);
    }
    job->estimate = estimate;
}

void CsvExporter::onPageWritten(qint64 rows)
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    job->written = rows;
    if (job->history)
        --job->pagesQueued;
    emit progress(job->written, std::max(job->estimate, job->written));
    fetchNextPage();
}

void CsvExporter::onWorkerFailed(const QString &message)
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    fail(tr("The file %1 could not be written: %2").arg(job->path, message));
}

void CsvExporter::onCommitted(qint64 rows)
{
    Job *job = m_job.get();
    if (!job)
        return;
    // Committed before a cancel reached the worker: the file is complete, and says so.
    job->written = rows;
    finish(Result::Status::Done, {});
}

void CsvExporter::cancel()
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    job->stopStatus = Result::Status::Cancelled;
    job->state = Job::State::Stopping;
    job->stopped->store(true);
    job->tasks.post([this, worker = job->worker] { worker->stop([this] { onCancelled(); }); });
}

void CsvExporter::fail(const QString &message)
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    job->stopStatus = Result::Status::Failed;
    job->stopMessage = message;
    job->state = Job::State::Stopping;
    job->stopped->store(true);
    job->tasks.post([this, worker = job->worker] { worker->stop([this] { onCancelled(); }); });
}

void CsvExporter::onCancelled()
{
    Job *job = m_job.get();
    if (!job)
        return;
    finish(job->stopStatus, job->stopMessage);
}

void CsvExporter::finish(Result::Status status, const QString &message)
{
    Result result;
    result.status = status;
    result.rows = m_job->written;
    result.path = m_job->path;
    result.message = message;
    // Called from an answer delivered to the job's own objects: they go once it has returned.
    // The worker is idle, so waiting for it then takes no time.
    m_ended = std::move(m_job);
    QTimer::singleShot(0, this, [this] { m_ended.reset(); });
    emit finished(result);
}
