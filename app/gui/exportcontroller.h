// File > Export and the History dock's Export…: asks where, shows the progress of a long export
// (window-modal, cancellable) and says how it ended.
#pragma once

#include "apitypes.h"
#include "csvexporter.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QProgressDialog;
class QWidget;

class ExportController final : public QObject
{
    Q_OBJECT
public:
    // `exporter` must outlive the controller; dialogs and messages go on `window`.
    ExportController(CsvExporter *exporter, QWidget *window);

    // Ask for a file and export these opted-out users (SyncController::confirmedOptOuts()).
    void exportOptOuts(const QList<OptOutEntry> &entries);
    // Ask for a file and export the audit matching `filter`.
    void exportHistory(const AuditFilter &filter);

    bool isRunning() const;
    QProgressDialog *progressDialog() const;

    // Chooses the file: (title, suggested path) -> chosen path, empty to give up. A
    // QFileDialog by default; tests give their own.
    using PathChooser = std::function<QString(const QString &title, const QString &suggested)>;
    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }

    // The suggested file names, with today's date ("opt-outs-2026-12-02.csv").
    static QString optOutFileName(const QDate &date);
    static QString historyFileName(const QDate &date);

signals:
    void runningChanged(bool running);

private:
    QString choosePath(const QString &title, const QString &fileName);
    void showProgress(const QString &path);
    void onProgress(qint64 done, qint64 estimate);
    void onFinished(const CsvExporter::Result &result);

    QPointer<CsvExporter> m_exporter;
    QWidget *m_window;
    QPointer<QProgressDialog> m_progress;
    PathChooser m_chooser;
    QString m_folder; // where the last export went
};
