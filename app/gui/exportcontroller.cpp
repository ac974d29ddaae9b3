// File > Export: the file dialog, the progress dialog and the closing message.
#include "exportcontroller.h"

#include "messagepresenter.h"

#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QProgressDialog>
#include <QStandardPaths>

ExportController::ExportController(CsvExporter *exporter, QWidget *window)
    : QObject(window)
    , m_exporter(exporter)
    , m_window(window)
{
    connect(exporter, &CsvExporter::progress, this, &ExportController::onProgress);
    connect(exporter, &CsvExporter::finished, this, &ExportController::onFinished);
}

bool ExportController::isRunning() const
{
    return m_exporter && m_exporter->isRunning();
}

QProgressDialog *ExportController::progressDialog() const
{
    return m_progress;
}

QString ExportController::optOutFileName(const QDate &date)
{
    return tr("opt-outs-%1.csv").arg(date.toString(Qt::ISODate));
}

QString ExportController::historyFileName(const QDate &date)
{
    return tr("history-%1.csv").arg(date.toString(Qt::ISODate));
}

QString ExportController::choosePath(const QString &title, const QString &fileName)
{
    if (m_folder.isEmpty())
        m_folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(m_folder).filePath(fileName);
    const QString path = m_chooser
        ? m_chooser(title, suggested)
        : QFileDialog::getSaveFileName(m_window, title, suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_folder = QFileInfo(path).absolutePath();
    return path;
}

void ExportController::exportOptOuts(const QList<OptOutEntry> &entries)
{
    if (!m_exporter || isRunning())
        return;
    const QString path
        = choosePath(tr("Export the opt-out user list"), optOutFileName(QDate::currentDate()));
    if (path.isEmpty() || isRunning())
        return;
    m_exporter->exportOptOuts(entries, path);
    showProgress(path);
}

void ExportController::exportHistory(const AuditFilter &filter)
{
    if (!m_exporter || isRunning())
        return;
    const QString path
        = choosePath(tr("Export the history"), historyFileName(QDate::currentDate()));
    if (path.isEmpty() || isRunning())
        return;
    m_exporter->exportHistory(filter, path);
    showProgress(path);
}

void ExportController::showProgress(const QString &path)
{
    if (!isRunning())
        return; // already over (nothing to write)
    delete m_progress;
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setWindowModality(Qt::WindowModal);
    // Shown only for an export that lasts: a short one just ends with its message.
    m_progress->setMinimumDuration(500);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setRange(0, 0);
    m_progress->setLabelText(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    connect(m_progress, &QProgressDialog::canceled, m_exporter, &CsvExporter::cancel);
    emit runningChanged(true);
}

void ExportController::onProgress(qint64 done, qint64 estimate)
{
    if (!m_progress)
        return;
    const QLocale locale;
    if (estimate > 0) {
        m_progress->setRange(0, int(std::min<qint64>(estimate, INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
        m_progress->setLabelText(tr("%1 of about %2 entries written…")
                                     .arg(locale.toString(done), locale.toString(estimate)));
    } else {
        m_progress->setRange(0, 0);
        m_progress->setLabelText(tr("%1 entries written…").arg(locale.toString(done)));
    }
}

void ExportController::onFinished(const CsvExporter::Result &result)
{
    if (m_progress) {
        m_progress->disconnect(this);
        m_progress->disconnect(m_exporter);
        m_progress->hide();
        m_progress->deleteLater();
    }
    emit runningChanged(false);
    const QString where = QDir::toNativeSeparators(result.path);
    switch (result.status) {
    case CsvExporter::Result::Status::Done:
        MessagePresenter::information(
            m_window, tr("Export"),
            tr("%Ln row(s) exported to %1.", nullptr, int(std::min<qint64>(result.rows, INT_MAX)))
                .arg(where));
        break;
    case CsvExporter::Result::Status::Cancelled:
        MessagePresenter::information(
            m_window, tr("Export"),
            tr("The export was cancelled. Nothing was written to %1.").arg(where));
        break;
    case CsvExporter::Result::Status::Failed:
        MessagePresenter::warning(m_window, tr("Export"),
                                  result.message + QLatin1Char('\n')
                                      + tr("Nothing was written to %1.").arg(where));
        break;
    }
}
