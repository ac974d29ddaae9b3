// File > Report…: asks for the period and the file, shows the progress of the report
// (window-modal, cancellable) and says how it ended.
#pragma once

#include "reportwriter.h"

#include <QDialog>
#include <QObject>
#include <QPointer>

#include <functional>

class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QProgressDialog;
class QWidget;

// The period of a report: two dates of the organisation's time zone.
class ReportDialog final : public QDialog
{
    Q_OBJECT
public:
    ReportDialog(const QDate &from, const QDate &through, const QString &timeZone,
                 QWidget *parent = nullptr);
    QDate from() const;
    QDate through() const;
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *throughEdit() const { return m_through; }
    QDialogButtonBox *buttons() const { return m_buttons; }

private:
    void check();

    QDateEdit *m_from;
    QDateEdit *m_through;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

class ReportController final : public QObject
{
    Q_OBJECT
public:
    // `writer` must outlive the controller; dialogs and messages go on `window`.
    ReportController(ReportWriter *writer, QWidget *window);

    // Asks for the period (starting with `base`'s) and the file, then writes the report.
    void start(const ReportRequest &base);

    bool isRunning() const;
    ReportDialog *dialog() const;
    QProgressDialog *progressDialog() const;

    // Chooses the file: (title, suggested path) -> chosen path, empty to give up. A
    // QFileDialog by default; tests give their own.
    using PathChooser = std::function<QString(const QString &title, const QString &suggested)>;
    void setPathChooser(PathChooser chooser) { m_chooser = std::move(chooser); }

    // "opt-out-report-2026-11-01-2026-11-30.pdf".
    static QString fileName(const QDate &from, const QDate &through);
    // The paper of a report in `language`: the system's territory decides where it says one,
    // else the language's.
    static QPageSize::PageSizeId paperFor(const QLocale &language);

signals:
    void runningChanged(bool running);

private:
    void onAccepted(const ReportRequest &base);
    void showProgress(const QString &path);
    void onProgress(ReportWriter::Stage stage, qint64 done, qint64 total);
    void onFinished(const ReportWriter::Result &result);

    QPointer<ReportWriter> m_writer;
    QWidget *m_window;
    QPointer<ReportDialog> m_dialog;
    QPointer<QProgressDialog> m_progress;
    PathChooser m_chooser;
    QString m_folder; // where the last report went
};
