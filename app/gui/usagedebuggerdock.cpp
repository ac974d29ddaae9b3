// View > Usage tracking debugger: the events this app records and sends, and whether it tracks.
#include "usagedebuggerdock.h"

#include "usageeventlogmodel.h"
#include "usagetracker.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

UsageDebuggerDock::UsageDebuggerDock(UsageTracker *tracker, QWidget *parent)
    : QDockWidget(parent)
    , m_tracker(tracker)
    , m_stateLabel(new QLabel)
    , m_queueLabel(new QLabel)
    , m_sendButton(new QPushButton)
    , m_table(new QTableView)
{
    setObjectName(QStringLiteral("usageDebuggerDock"));
    m_stateLabel->setObjectName(QStringLiteral("usageStateLabel"));
    m_queueLabel->setObjectName(QStringLiteral("usageQueueLabel"));
    m_sendButton->setObjectName(QStringLiteral("usageSendNowButton"));
    m_table->setObjectName(QStringLiteral("usageEventTable"));

    QFont bold = m_stateLabel->font();
    bold.setBold(true);
    m_stateLabel->setFont(bold);
    m_queueLabel->setWordWrap(true);
    m_table->setModel(tracker->logModel());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    // One line a row; time and name as wide as they need, measured as rows come (the log holds
    // at most 2,000 rows and only 200 are measured).
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setResizeContentsPrecision(200);
    header->resizeSection(UsageEventLogModel::PropertiesColumn, 220);
    // New rows may be wider than what was measured while the log was empty (or hidden).
    connect(tracker->logModel(), &QAbstractItemModel::rowsInserted, m_table, [this]() {
        m_table->resizeColumnToContents(UsageEventLogModel::TimeColumn);
        m_table->resizeColumnToContents(UsageEventLogModel::EventColumn);
    });

    auto *top = new QHBoxLayout;
    top->addWidget(m_stateLabel, 1);
    top->addWidget(m_sendButton);
    auto *contents = new QWidget;
    auto *layout = new QVBoxLayout(contents);
    layout->addLayout(top);
    layout->addWidget(m_queueLabel);
    layout->addWidget(m_table, 1);
    setWidget(contents);

    connect(m_sendButton, &QPushButton::clicked, tracker, &UsageTracker::flush);
    connect(tracker, &UsageTracker::stateChanged, this, &UsageDebuggerDock::updateState);
    connect(tracker, &UsageTracker::queueSizeChanged, this, &UsageDebuggerDock::updateQueue);
    connect(tracker, &UsageTracker::droppedCountChanged, this, &UsageDebuggerDock::updateQueue);
    connect(tracker, &UsageTracker::sendFailed, this, [this](const ApiError &error) {
        m_sendProblem = error.message;
        updateQueue();
    });
    connect(tracker, &UsageTracker::batchRefused, this, [this](int, const ApiError &error) {
        m_sendProblem = error.message;
        updateQueue();
    });
    connect(tracker, &UsageTracker::batchSent, this, [this]() {
        m_sendProblem.clear();
        updateQueue();
    });
    // Follow new rows while the view is at the bottom; leave it alone when scrolled up.
    UsageEventLogModel *log = tracker->logModel();
    connect(log, &QAbstractItemModel::rowsAboutToBeInserted, this, [this]() {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_followNewRows = bar->value() == bar->maximum();
    });
    connect(log, &QAbstractItemModel::rowsInserted, this, &UsageDebuggerDock::scrollToNewRows);

    retranslate();
}

UsageDebuggerDock::~UsageDebuggerDock() = default;

QString UsageDebuggerDock::stateText() const
{
    return m_stateLabel->text();
}

QString UsageDebuggerDock::stateText(UsageTracker::State state)
{
    switch (state) {
    case UsageTracker::State::SignedOut:
        return tr("Tracking not started: not signed in");
    case UsageTracker::State::On:
        return tr("Tracking on");
    case UsageTracker::State::OffOptedOut:
        return tr("Tracking off: you are opted out");
    }
    return {};
}

QString UsageDebuggerDock::queueText() const
{
    return m_queueLabel->text();
}

void UsageDebuggerDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(event);
}

void UsageDebuggerDock::retranslate()
{
    setWindowTitle(tr("Usage tracking debugger"));
    m_sendButton->setText(tr("Sen&d now"));
    m_sendButton->setToolTip(tr("Send the waiting events to the service now."));
    m_table->setAccessibleName(tr("Recorded usage events"));
    if (m_tracker)
        m_tracker->logModel()->retranslate();
    updateState();
    updateQueue();
}

void UsageDebuggerDock::updateState()
{
    if (!m_tracker)
        return;
    m_stateLabel->setText(stateText(m_tracker->state()));
    m_sendButton->setEnabled(m_tracker->isTracking());
    updateQueue();
}

void UsageDebuggerDock::updateQueue()
{
    if (!m_tracker)
        return;
    QStringList parts;
    if (m_tracker->state() == UsageTracker::State::OffOptedOut) {
        parts << tr("Nothing is recorded or sent. The service discards the events of opted-out "
                    "users anyway.");
    } else {
        parts << tr("%Ln event(s) waiting to be sent.", nullptr, m_tracker->queueSize());
    }
    if (m_tracker->droppedCount() > 0) {
        parts << tr("%Ln event(s) dropped because the queue was full.", nullptr,
                    int(std::min<qint64>(m_tracker->droppedCount(), INT_MAX)));
    }
    if (!m_sendProblem.isEmpty() && m_tracker->isTracking())
        parts << tr("Last attempt failed: %1").arg(m_sendProblem);
    m_queueLabel->setText(parts.join(QLatin1Char(' ')));
}

void UsageDebuggerDock::scrollToNewRows()
{
    if (m_followNewRows && isVisible())
        m_table->scrollToBottom();
}
