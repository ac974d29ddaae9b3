// File > Report…: the period dialog, the file dialog, the progress dialog and the closing
// message.
#include "reportcontroller.h"

#include "messagepresenter.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <climits>

ReportDialog::ReportDialog(const QDate &from, const QDate &through, const QString &timeZone,
                           QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(tr("Report"));
    auto *intro = new QLabel(tr("A PDF report for the privacy officer: the figures of the "
                                "period, the opt-outs made in it with their reasons, and the "
                                "deletions of stored events. Days are those of the time zone "
                                "%1.")
                                 .arg(timeZone),
                             this);
    intro->setWordWrap(true);
    const QString format = QLocale().dateFormat(QLocale::ShortFormat);
    m_from = new QDateEdit(from, this);
    m_from->setObjectName(QStringLiteral("reportFromDate"));
    m_through = new QDateEdit(through, this);
    m_through->setObjectName(QStringLiteral("reportThroughDate"));
    for (QDateEdit *edit : {m_from, m_through}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(format);
    }
    auto *form = new QFormLayout;
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&Through:"), m_through);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("reportProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Write report…"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_from, &QDateEdit::dateChanged, this, &ReportDialog::check);
    connect(m_through, &QDateEdit::dateChanged, this, &ReportDialog::check);
    check();
}

QDate ReportDialog::from() const
{
    return m_from->date();
}

QDate ReportDialog::through() const
{
    return m_through->date();
}

void ReportDialog::check()
{
    QString problem;
    if (from() > through())
        problem = tr("The start date is after the end date.");
    else if (from().daysTo(through()) >= ReportWriter::MaxDays)
        problem = tr("Choose a period of at most 366 days.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

ReportController::ReportController(ReportWriter *writer, QWidget *window)
    : QObject(window)
    , m_writer(writer)
    , m_window(window)
{
    connect(writer, &ReportWriter::progress, this, &ReportController::onProgress);
    connect(writer, &ReportWriter::finished, this, &ReportController::onFinished);
}

bool ReportController::isRunning() const
{
    return m_writer && m_writer->isRunning();
}

ReportDialog *ReportController::dialog() const
{
    return m_dialog;
}

QProgressDialog *ReportController::progressDialog() const
{
    return m_progress;
}

QString ReportController::fileName(const QDate &from, const QDate &through)
{
    return tr("opt-out-report-%1-%2.pdf")
        .arg(from.toString(Qt::ISODate), through.toString(Qt::ISODate));
}

QPageSize::PageSizeId ReportController::paperFor(const QLocale &language)
{
    const QLocale::Territory system = QLocale::system().territory();
    return ReportWriter::paperFor(system != QLocale::AnyTerritory ? system : language.territory());
}

void ReportController::start(const ReportRequest &base)
{
    if (!m_writer || isRunning() || m_dialog)
        return;
    m_dialog
        = new ReportDialog(base.from, base.through, QString::fromUtf8(base.zone.id()), m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, base] { onAccepted(base); });
    m_dialog->open();
}

void ReportController::onAccepted(const ReportRequest &base)
{
    if (!m_dialog || !m_writer || isRunning())
        return;
    ReportRequest request = base;
    request.from = m_dialog->from();
    request.through = m_dialog->through();
    if (m_folder.isEmpty())
        m_folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(m_folder).filePath(fileName(request.from, request.through));
    const QString title = tr("Save the report");
    const QString path = m_chooser
        ? m_chooser(title, suggested)
        : QFileDialog::getSaveFileName(m_window, title, suggested, tr("PDF files (*.pdf)"));
    if (path.isEmpty() || isRunning())
        return;
    m_folder = QFileInfo(path).absolutePath();
    request.path = path;
    m_writer->write(request);
    showProgress(path);
}

void ReportController::showProgress(const QString &path)
{
    if (!isRunning())
        return;
    delete m_progress;
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setWindowTitle(tr("Report"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(500);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setRange(0, 0);
    m_progress->setLabelText(tr("Writing the report to %1…").arg(QDir::toNativeSeparators(path)));
    connect(m_progress, &QProgressDialog::canceled, m_writer, &ReportWriter::cancel);
    emit runningChanged(true);
}

void ReportController::onProgress(ReportWriter::Stage stage, qint64 done, qint64 total)
{
    if (!m_progress)
        return;
    const QLocale locale;
    // One bar for the whole report: reading takes the first half, the pages the second.
    const int max = 1000;
    int value = 0;
    QString text;
    switch (stage) {
    case ReportWriter::Stage::Statistics:
        text = tr("Reading the figures…");
        break;
    case ReportWriter::Stage::OptOuts:
        text = total > 0 ? tr("Reading the opt-outs: %1 of %2…")
                               .arg(locale.toString(done), locale.toString(total))
                         : tr("Reading the opt-outs: %1…").arg(locale.toString(done));
        value = total > 0 ? int(std::min<qint64>(done, total) * 400 / total) : 0;
        break;
    case ReportWriter::Stage::Deletions:
        text = tr("Reading the deletions: %1…").arg(locale.toString(done));
        value = 450;
        break;
    case ReportWriter::Stage::Pages:
        text = total > 0
            ? tr("Writing page %1 of %2…").arg(locale.toString(done), locale.toString(total))
            : tr("Laying out the pages…");
        value = total > 0 ? 500 + int(done * 500 / total) : 480;
        break;
    }
    m_progress->setRange(0, max);
    m_progress->setValue(value);
    m_progress->setLabelText(text);
}

void ReportController::onFinished(const ReportWriter::Result &result)
{
    if (m_progress) {
        m_progress->disconnect(this);
        if (m_writer)
            m_progress->disconnect(m_writer);
        m_progress->hide();
        m_progress->deleteLater();
    }
    emit runningChanged(false);
    const QString where = QDir::toNativeSeparators(result.path);
    switch (result.status) {
    case ReportWriter::Result::Status::Done:
        MessagePresenter::information(
            m_window, tr("Report"),
            tr("The report was written to %1 (%Ln page(s)).", nullptr, result.pages).arg(where));
        break;
    case ReportWriter::Result::Status::Cancelled:
        MessagePresenter::information(
            m_window, tr("Report"),
            tr("The report was cancelled. Nothing was written to %1.").arg(where));
        break;
    case ReportWriter::Result::Status::Failed:
        MessagePresenter::warning(m_window, tr("Report"),
                                  result.message + QLatin1Char('\n')
                                      + tr("Nothing was written to %1.").arg(where));
        break;
    }
}
