// File > Opt out users from a list…: the paste area or a file, the preview, the reason.
#include "importdialog.h"

#include "lengthcounter.h"

#include "usermodel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// The tabs, in order: all lines, then one per outcome shown on its own.
const ImportEntry::Outcome TabOutcomes[] = {
    ImportEntry::Outcome::Matched,    ImportEntry::Outcome::AlreadyOptedOut,
    ImportEntry::Outcome::Unknown,    ImportEntry::Outcome::Duplicate,
    ImportEntry::Outcome::Unreadable,
};
constexpr int AllTab = -1;

} // namespace

void PasteEdit::insertFromMimeData(const QMimeData *source)
{
    if (source->hasText()) {
        const QString text = source->text();
        if (text.size() > LargePasteChars) {
            emit largePaste(text);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

ImportDialog::ImportDialog(UserModel *users, QWidget *parent)
    : QDialog(parent)
    , m_users(users)
    , m_model(new ImportPreviewModel(this))
    , m_intro(new QLabel(this))
    , m_pasteLabel(new QLabel(this))
    , m_pasteEdit(new PasteEdit(this))
    , m_openButton(new QPushButton(this))
    , m_sourceLabel(new QLabel(this))
    , m_busy(new QProgressBar(this))
    , m_stopButton(new QPushButton(this))
    , m_errorLabel(new QLabel(this))
    , m_summaryLabel(new QLabel(this))
    , m_tabs(new QTabBar(this))
    , m_table(new QTableView(this))
    , m_reasonLabel(new QLabel(this))
    , m_reasonEdit(new QLineEdit(this))
    , m_consequence(new QLabel(this))
    , m_buttons(new QDialogButtonBox(this))
    , m_confirmButton(new QPushButton(this))
    , m_cancelButton(new QPushButton(this))
{
    setObjectName(QStringLiteral("importDialog"));
    m_pasteEdit->setObjectName(QStringLiteral("pasteEdit"));
    m_openButton->setObjectName(QStringLiteral("openFileButton"));
    m_sourceLabel->setObjectName(QStringLiteral("sourceLabel"));
    m_busy->setObjectName(QStringLiteral("readingProgress"));
    m_stopButton->setObjectName(QStringLiteral("stopReadingButton"));
    m_errorLabel->setObjectName(QStringLiteral("importErrorLabel"));
    m_summaryLabel->setObjectName(QStringLiteral("importSummaryLabel"));
    m_tabs->setObjectName(QStringLiteral("importFilterTabs"));
    m_table->setObjectName(QStringLiteral("importPreviewTable"));
    m_reasonEdit->setObjectName(QStringLiteral("reasonEdit"));
    m_confirmButton->setObjectName(QStringLiteral("confirmImportButton"));
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));

    m_intro->setWordWrap(true);
    m_pasteLabel->setBuddy(m_pasteEdit);
    m_pasteEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_pasteEdit->setTabChangesFocus(true);
    m_pasteEdit->setMaximumHeight(fontMetrics().lineSpacing() * 4 + 12);
    m_sourceLabel->setTextFormat(Qt::PlainText);
    m_busy->setRange(0, 0); // busy: the worker does not report how far it is
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_stopButton->hide();
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, QColor(0x9b, 0x1c, 0x1c));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->hide();
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::PlainText);

    m_tabs->setExpanding(false);
    m_tabs->setDrawBase(false);
    m_tabs->addTab(QString());
    m_tabs->setTabData(0, AllTab);
    for (ImportEntry::Outcome outcome : TabOutcomes)
        m_tabs->setTabData(m_tabs->addTab(QString()), int(outcome));
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        const int data = m_tabs->tabData(index).toInt();
        m_model->setFilter(data == AllTab
                               ? std::nullopt
                               : std::optional<ImportEntry::Outcome>(ImportEntry::Outcome(data)));
    });

    // One view over the model, fixed row heights, nothing measured: 200,000 lines scroll.
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    header->resizeSection(ImportPreviewModel::LineColumn,
                          fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 12);
    header->resizeSection(ImportPreviewModel::InputColumn, 230);
    header->resizeSection(ImportPreviewModel::UserColumn, 230);

    m_reasonLabel->setBuddy(m_reasonEdit);
    m_reasonEdit->setMaxLength(OptOutOptions::MaxReasonLength);
    // No control characters: the service refuses them.
    m_reasonEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[^\\x{0}-\\x{1f}\\x{7f}]*")), m_reasonEdit));
    m_consequence->setWordWrap(true);

    m_confirmButton->setDefault(true);
    m_confirmButton->setEnabled(false);
    m_buttons->addButton(m_confirmButton, QDialogButtonBox::AcceptRole);
    m_buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    connect(m_confirmButton, &QPushButton::clicked, this, &ImportDialog::confirm);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *source = new QHBoxLayout;
    source->addWidget(m_openButton);
    source->addWidget(m_sourceLabel, 1);
    source->addWidget(m_busy);
    source->addWidget(m_stopButton);
    auto *reason = new QHBoxLayout;
    reason->addWidget(m_reasonLabel);
    reason->addWidget(m_reasonEdit, 1);
    reason->addWidget(new LengthCounter(m_reasonEdit, this));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_pasteLabel);
    layout->addWidget(m_pasteEdit);
    layout->addLayout(source);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_tabs);
    layout->addWidget(m_table, 1);
    layout->addLayout(reason);
    layout->addWidget(m_consequence);
    layout->addWidget(m_buttons);
    resize(900, 640);

    m_pasteTimer.setSingleShot(true);
    m_pasteTimer.setInterval(PasteDelayMs);
    connect(&m_pasteTimer, &QTimer::timeout, this, &ImportDialog::startPaste);
    connect(m_pasteEdit, &QPlainTextEdit::textChanged, this, [this]() {
        m_fileName.clear();
        m_largePaste.clear();
        m_pasteTimer.start();
    });
    connect(m_pasteEdit, &PasteEdit::largePaste, this, &ImportDialog::readLargePaste);
    connect(m_openButton, &QPushButton::clicked, this, &ImportDialog::openFile);
    connect(m_stopButton, &QPushButton::clicked, this, &ImportDialog::stopReading);
    connect(&m_job, &ImportJob::finished, this, &ImportDialog::onFinished);
    connect(&m_job, &ImportJob::runningChanged, this, &ImportDialog::onRunningChanged);
    connect(m_reasonEdit, &QLineEdit::textChanged, this, &ImportDialog::updateConfirm);
    retranslate();
    m_pasteEdit->setFocus();
}

ImportDialog::~ImportDialog() = default;

ImportDirectory ImportDialog::directory() const
{
    if (!m_users)
        return {};
    return {m_users->rowsSnapshot(), m_users->optedOutIds()};
}

void ImportDialog::loadFile(const QString &path)
{
    m_pasteTimer.stop();
    {
        const QSignalBlocker blocker(m_pasteEdit);
        m_pasteEdit->clear(); // the preview is the file's now
    }
    m_fileName = QFileInfo(path).fileName();
    m_largePaste.clear();
    m_stopped = false;
    m_job.startFile(path, directory());
    updateSummary();
}

void ImportDialog::readLargePaste(const QString &text)
{
    m_pasteTimer.stop();
    {
        const QSignalBlocker blocker(m_pasteEdit);
        m_pasteEdit->clear();
    }
    m_fileName.clear();
    m_largePaste = text;
    startPaste();
}

void ImportDialog::setPastedText(const QString &text)
{
    if (text.size() > PasteEdit::LargePasteChars) {
        readLargePaste(text);
        return;
    }
    {
        const QSignalBlocker blocker(m_pasteEdit);
        m_pasteEdit->setPlainText(text);
    }
    m_fileName.clear();
    startPaste();
}

void ImportDialog::startPaste()
{
    m_pasteTimer.stop();
    m_stopped = false;
    const QString text = m_largePaste.isEmpty() ? m_pasteEdit->toPlainText() : m_largePaste;
    if (m_largePaste.isEmpty() && text.trimmed().isEmpty()) {
        m_job.cancel();
        m_model->clear();
        updateTabs();
        updateSummary();
        updateConfirm();
        return;
    }
    m_job.startText(text, directory());
    updateSummary();
}

void ImportDialog::openFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a list of e-mail addresses"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("CSV and text files (*.csv *.txt *.tsv);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

void ImportDialog::stopReading()
{
    if (!m_job.isRunning())
        return;
    m_job.cancel();
    m_stopped = true;
    updateSummary();
}

bool ImportDialog::isReading() const
{
    return m_job.isRunning();
}

void ImportDialog::onRunningChanged(bool running)
{
    m_busy->setVisible(running);
    m_stopButton->setVisible(running);
    updateConfirm();
}

void ImportDialog::onFinished(const ImportResult &result)
{
    // An error keeps nothing of the list: a half-read list is never offered for opt-out.
    m_model->setResult(result.ok() ? result : ImportResult {});
    m_errorLabel->setText(result.ok() ? QString() : result.errorText());
    m_errorLabel->setVisible(!result.ok());
    m_lastError = result.ok() ? ImportResult {} : result;
    updateTabs();
    updateSummary();
    updateConfirm();
}

QStringList ImportDialog::userIdsToOptOut() const
{
    return isReading() ? QStringList() : m_model->result().matchedUserIds();
}

QString ImportDialog::reason() const
{
    return m_reasonEdit->text().trimmed();
}

void ImportDialog::updateTabs()
{
    const ImportResult &r = m_model->result();
    const QLocale locale;
    m_tabs->setTabText(0, tr("All (%1)").arg(locale.toString(r.entries.size())));
    int i = 1;
    for (ImportEntry::Outcome outcome : TabOutcomes) {
        m_tabs->setTabText(i++,
                           tr("%1 (%2)").arg(ImportPreviewModel::outcomeName(outcome),
                                             locale.toString(r.count(outcome))));
    }
}

void ImportDialog::updateSummary()
{
    if (isReading()) {
        m_sourceLabel->setText(m_fileName.isEmpty() ? tr("Reading the pasted text…")
                                                    : tr("Reading %1…").arg(m_fileName));
        m_errorLabel->hide();
        return;
    }
    if (m_stopped) {
        m_sourceLabel->setText(tr("Reading the list was cancelled."));
        return;
    }
    const ImportResult &r = m_model->result();
    if (!m_fileName.isEmpty())
        m_sourceLabel->setText(tr("From %1").arg(m_fileName));
    else if (!m_largePaste.isEmpty())
        m_sourceLabel->setText(tr("Pasted text, too long to show here"));
    else
        m_sourceLabel->clear();
    if (r.lineCount == 0) {
        m_summaryLabel->setText(m_errorLabel->isVisible()
                                    ? QString()
                                    : tr("Nothing read yet: paste addresses or open a file."));
        return;
    }
    // The counts of each outcome are on the tabs.
    QString text = tr("%Ln line(s) read.", nullptr, r.lineCount);
    if (r.blankLines > 0)
        text += QLatin1Char(' ') + tr("%Ln blank line(s) skipped.", nullptr, r.blankLines);
    m_summaryLabel->setText(text);
}

void ImportDialog::updateConfirm()
{
    const int n = isReading() ? 0 : m_model->result().count(ImportEntry::Outcome::Matched);
    m_confirmButton->setText(n > 0 ? tr("Opt out %Ln user(s)", nullptr, n) : tr("Opt out"));
    m_confirmButton->setEnabled(n > 0 && m_reasonEdit->hasAcceptableInput());
}

void ImportDialog::confirm()
{
    const QStringList ids = userIdsToOptOut();
    if (ids.isEmpty() || !m_reasonEdit->hasAcceptableInput()
        || !OptOutOptions::reasonProblem(reason()).isEmpty())
        return;
    emit optOutRequested(ids, reason());
    accept();
}

void ImportDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void ImportDialog::retranslate()
{
    setWindowTitle(tr("Opt out users from a list"));
    m_intro->setText(tr("Paste e-mail addresses or open a CSV or text file. Every address found "
                        "is compared with the users of your organization; other columns are "
                        "ignored. Nothing changes until you confirm below."));
    m_pasteLabel->setText(tr("&Paste addresses:"));
    m_pasteEdit->setPlaceholderText(tr("ann@example.org\nBen Smith <ben@example.org>"));
    m_openButton->setText(tr("&Open file…"));
    m_stopButton->setText(tr("&Stop"));
    m_reasonLabel->setText(tr("&Reason (optional):"));
    m_reasonEdit->setPlaceholderText(tr("For example: GDPR request #4411"));
    m_consequence->setText(tr("The users to opt out will be excluded from product usage "
                              "tracking: the service discards their usage events from now on. "
                              "You can undo this for a while."));
    m_cancelButton->setText(tr("Cancel"));
    // The labels are the buddies; the names are set too so that every screen reader gets them.
    for (auto [label, widget] : {std::pair<QLabel *, QWidget *>(m_pasteLabel, m_pasteEdit),
                                 std::pair<QLabel *, QWidget *>(m_reasonLabel, m_reasonEdit)}) {
        QString name = label->text();
        name.remove(QLatin1Char('&'));
        name.remove(QLatin1Char(':'));
        widget->setAccessibleName(name.trimmed());
    }
    m_table->setAccessibleName(tr("Preview"));
    if (m_errorLabel->isVisible())
        m_errorLabel->setText(m_lastError.errorText());
    m_model->retranslate();
    updateTabs();
    updateSummary();
    updateConfirm();
}
