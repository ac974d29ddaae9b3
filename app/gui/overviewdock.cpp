// View > Overview: the enforcement statistics as three charts, in the app's language.
#include "overviewdock.h"

#include "enforcementmodel.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace {

constexpr int DefaultDays = 30;

// A day's place on the time axis, which labels in the machine's time: the day's local start,
// so that the label is the organisation's day whatever the two time zones.
qreal dayX(const QDate &date)
{
    return qreal(date.startOfDay().toMSecsSinceEpoch());
}

QChart *newChart()
{
    auto *chart = new QChart;
    chart->setLocalizeNumbers(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    auto *x = new QDateTimeAxis(chart);
    auto *y = new QValueAxis(chart);
    y->setTickCount(5); // four whole steps
    y->setLabelFormat(QStringLiteral("%.0f")); // whole numbers, in the language (localizeNumbers)
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return chart;
}

// The axis' top: four whole steps of 1, 2 or 5 × 10^k, at least `value`.
qint64 niceTop(qint64 value)
{
    const qint64 need = std::max<qint64>((value + 3) / 4, 1);
    for (qint64 power = 1;; power *= 10) {
        for (qint64 f : {1, 2, 5}) {
            if (f * power >= need)
                return 4 * f * power;
        }
    }
}

} // namespace

OverviewDock::OverviewDock(EnforcementModel *model, QWidget *parent)
    : QDockWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("overviewDock"));
    auto *body = new QWidget(this);
    m_fromLabel = new QLabel(body);
    m_fromDate = new QDateEdit(body);
    m_fromDate->setObjectName(QStringLiteral("overviewFromDate"));
    m_fromDate->setCalendarPopup(true);
    m_throughLabel = new QLabel(body);
    m_throughDate = new QDateEdit(body);
    m_throughDate->setObjectName(QStringLiteral("overviewThroughDate"));
    m_throughDate->setCalendarPopup(true);
    m_fromLabel->setBuddy(m_fromDate);
    m_throughLabel->setBuddy(m_throughDate);
    auto *period = new QHBoxLayout;
    period->addWidget(m_fromLabel);
    period->addWidget(m_fromDate);
    period->addWidget(m_throughLabel);
    period->addWidget(m_throughDate);
    period->addStretch(1);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("overviewStatus"));
    period->addWidget(m_status);
    m_counting = new QLabel(body);
    m_counting->setObjectName(QStringLiteral("overviewCountingSince"));
    m_counting->setWordWrap(true);
    m_totals = new QLabel(body);
    m_totals->setObjectName(QStringLiteral("overviewTotals"));
    m_totals->setWordWrap(true);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *charts = new QWidget;
    auto *chartLayout = new QVBoxLayout(charts);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    const char *names[] = {"overviewOptedOutChart", "overviewEventsChart", "overviewDeletedChart"};
    for (int i = 0; i < 3; ++i) {
        m_views[i] = new QChartView(newChart(), charts);
        m_views[i]->setObjectName(QString::fromLatin1(names[i]));
        m_views[i]->setRenderHint(QPainter::Antialiasing);
        m_views[i]->setMinimumHeight(200);
        m_views[i]->setFocusPolicy(Qt::StrongFocus); // reachable, so that its name is read
        chartLayout->addWidget(m_views[i]);
    }
    m_optedOut = addSeries(m_views[0]->chart(), Chart::OptedOutUsers,
                           EnforcementModel::OptedOutUsersColumn);
    m_accepted = addSeries(m_views[1]->chart(), Chart::AcceptedDiscarded,
                           EnforcementModel::AcceptedColumn);
    m_discarded = addSeries(m_views[1]->chart(), Chart::AcceptedDiscarded,
                            EnforcementModel::DiscardedColumn);
    m_deleted = addSeries(m_views[2]->chart(), Chart::Deleted, EnforcementModel::DeletedColumn);
    m_views[0]->chart()->legend()->hide();
    m_views[2]->chart()->legend()->hide();
    auto *scroll = new QScrollArea(body);
    scroll->setObjectName(QStringLiteral("overviewCharts"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(charts);

    auto *layout = new QVBoxLayout(body);
    layout->addLayout(period);
    layout->addWidget(m_counting);
    layout->addWidget(m_totals);
    layout->addWidget(scroll, 1);
    setWidget(body);
    resetPeriod();

    connect(m_fromDate, &QDateEdit::dateChanged, this, &OverviewDock::applyPeriod);
    connect(m_throughDate, &QDateEdit::dateChanged, this, &OverviewDock::applyPeriod);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OverviewDock::rebuild);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &OverviewDock::rebuild);
    connect(m_model, &EnforcementModel::loadingChanged, this, &OverviewDock::updateStatus);
    connect(m_model, &EnforcementModel::loaded, this, [this] {
        m_error.clear();
        updateStatus();
    });
    connect(m_model, &EnforcementModel::loadFailed, this, [this](const ApiError &error) {
        m_error = error.message;
        updateStatus();
    });
    // Loaded while someone looks at it.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible)
            return;
        applyPeriod();
        // Shown again on the same period: its figures may have grown meanwhile.
        if (!m_model->isLoading())
            refresh();
    });
    updateDateFormats();
    retranslate();
}

QLineSeries *OverviewDock::addSeries(QChart *chart, Chart which, int column)
{
    auto *series = new QLineSeries(chart);
    series->setPointsVisible(true);
    series->setProperty("column", column);
    chart->addSeries(series);
    for (QAbstractAxis *axis : chart->axes())
        series->attachAxis(axis);
    connect(series, &QLineSeries::hovered, this, [this, which](const QPointF &point, bool state) {
        showPointText(which, point, state);
    });
    return series;
}

void OverviewDock::setTimeZone(const QTimeZone &zone)
{
    const QDate before = today();
    m_zone = zone.isValid() ? zone : QTimeZone::utc();
    // The default period follows the organisation's today.
    if (m_throughDate->date() == before && m_fromDate->date() == before.addDays(1 - DefaultDays)
        && today() != before)
        resetPeriod();
}

QDate OverviewDock::today() const
{
    return QDateTime::currentDateTime().toTimeZone(m_zone).date();
}

void OverviewDock::resetPeriod()
{
    const QSignalBlocker a(m_fromDate), b(m_throughDate);
    m_throughDate->setDate(today());
    m_fromDate->setDate(today().addDays(1 - DefaultDays));
    applyPeriod();
}

QDate OverviewDock::from() const
{
    return m_fromDate->date();
}

QDate OverviewDock::through() const
{
    return m_throughDate->date();
}

void OverviewDock::applyPeriod()
{
    // Disabled until signed in: no request before the service's address is known.
    if (!isVisible() || !isEnabled())
        return;
    if (from() > through()) {
        m_error = tr("The start date is after the end date.");
        updateStatus();
        return;
    }
    if (from().daysTo(through()) >= 366) {
        m_error = tr("Choose a period of at most 366 days.");
        updateStatus();
        return;
    }
    m_error.clear();
    m_model->setPeriod(from(), through());
    updateStatus();
}

void OverviewDock::refresh()
{
    if (isVisible() && isEnabled() && m_model->hasData())
        m_model->refresh();
}

QChartView *OverviewDock::chartView(Chart chart) const
{
    return m_views[int(chart)];
}

QString OverviewDock::pointText(Chart chart, int row) const
{
    if (row < 0 || row >= m_model->rowCount())
        return {};
    const QLocale locale;
    const EnforcementBucket &bucket = m_model->bucketAt(row);
    const QString day = locale.toString(bucket.date, QLocale::LongFormat);
    const EnforcementCounts &c = bucket.counts;
    switch (chart) {
    case Chart::OptedOutUsers:
        return tr("%1: %2 opted-out users at the end of the day")
            .arg(day, locale.toString(c.optedOutUsers));
    case Chart::AcceptedDiscarded:
        return tr("%1: %2 events accepted, %3 discarded")
            .arg(day, locale.toString(c.accepted()), locale.toString(c.discarded()));
    case Chart::Deleted:
        return tr("%1: %2 stored events deleted").arg(day, locale.toString(c.deletedEvents));
    }
    return {};
}

void OverviewDock::showPointText(Chart chart, const QPointF &point, bool state)
{
    if (!state || m_model->rowCount() == 0) {
        QToolTip::hideText();
        return;
    }
    // The day whose point is nearest.
    int best = 0;
    qreal distance = -1;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const qreal d = qAbs(dayX(m_model->bucketAt(row).date) - point.x());
        if (distance < 0 || d < distance) {
            distance = d;
            best = row;
        }
    }
    QToolTip::showText(QCursor::pos(), pointText(chart, best), chartView(chart));
}

void OverviewDock::rebuild()
{
    const int rows = m_model->rowCount();
    QList<QPointF> points[4];
    QLineSeries *series[4] = {m_optedOut, m_accepted, m_discarded, m_deleted};
    qreal top[3] = {0, 0, 0};
    for (int row = 0; row < rows; ++row) {
        const EnforcementBucket &bucket = m_model->bucketAt(row);
        const qreal x = dayX(bucket.date);
        const EnforcementCounts &c = bucket.counts;
        const qreal values[4] = {qreal(c.optedOutUsers), qreal(c.accepted()), qreal(c.discarded()),
                                 qreal(c.deletedEvents)};
        for (int i = 0; i < 4; ++i)
            points[i].append(QPointF(x, values[i]));
        top[0] = std::max(top[0], values[0]);
        top[1] = std::max({top[1], values[1], values[2]});
        top[2] = std::max(top[2], values[3]);
    }
    for (int i = 0; i < 4; ++i)
        series[i]->replace(points[i]);
    QDateTime first, last;
    if (rows > 0) {
        first = m_model->bucketAt(0).date.startOfDay();
        last = m_model->bucketAt(rows - 1).date.startOfDay();
    } else {
        first = from().startOfDay();
        last = through().startOfDay();
    }
    if (first >= last)
        last = first.addDays(1);
    for (int i = 0; i < 3; ++i) {
        QChart *chart = m_views[i]->chart();
        for (QAbstractAxis *axis : chart->axes()) {
            if (auto *x = qobject_cast<QDateTimeAxis *>(axis)) {
                x->setRange(first, last);
                x->setTickCount(std::clamp(rows, 2, 4)); // dates a dock's width can hold
            } else if (auto *y = qobject_cast<QValueAxis *>(axis)) {
                y->setRange(0, qreal(niceTop(qint64(top[i]))));
            }
        }
    }
    updateStatus();
}

void OverviewDock::updateStatus()
{
    const QLocale locale;
    if (!m_error.isEmpty())
        m_status->setText(m_error);
    else if (m_model->isLoading())
        m_status->setText(tr("Loading…"));
    else
        m_status->clear();
    const EnforcementStats &stats = m_model->stats();
    if (!m_model->hasData()) {
        m_counting->clear();
        m_totals->clear();
        return;
    }
    if (stats.countingSince.isValid()) {
        m_counting->setText(
            tr("The service has counted these figures since %1; days before then show nothing.")
                .arg(locale.toString(stats.countingSince.toTimeZone(m_zone), QLocale::LongFormat)));
    } else {
        m_counting->setText(tr("The service does not say since when it counts."));
    }
    const EnforcementCounts &t = stats.totals;
    m_totals->setText(tr("In this period: %1 events accepted, %2 discarded, %3 stored events "
                         "deleted, %4 opt-outs and %5 opt-ins; %6 users opted out at its end.")
                          .arg(locale.toString(t.accepted()), locale.toString(t.discarded()),
                               locale.toString(t.deletedEvents), locale.toString(t.optOuts),
                               locale.toString(t.optIns), locale.toString(t.optedOutUsers)));
}

void OverviewDock::retranslate()
{
    setWindowTitle(tr("Overview"));
    toggleViewAction()->setText(tr("&Overview")); // after the title, which sets it too
    m_fromLabel->setText(tr("&Period from:"));
    m_throughLabel->setText(tr("through:"));
    m_fromDate->setAccessibleName(tr("Period from"));
    m_throughDate->setAccessibleName(tr("Period through"));
    m_views[0]->chart()->setTitle(tr("Opted-out users"));
    m_views[1]->chart()->setTitle(tr("Events accepted and discarded per day"));
    m_views[2]->chart()->setTitle(tr("Stored events deleted per day"));
    m_views[0]->setAccessibleName(tr("Chart of opted-out users over time"));
    m_views[1]->setAccessibleName(tr("Chart of events accepted and discarded per day"));
    m_views[2]->setAccessibleName(tr("Chart of stored events deleted per day"));
    m_optedOut->setName(tr("Opted-out users"));
    m_accepted->setName(tr("Accepted"));
    m_discarded->setName(tr("Discarded"));
    m_deleted->setName(tr("Deleted"));
    updateStatus();
}

void OverviewDock::updateDateFormats()
{
    const QLocale locale;
    const QString format = locale.dateFormat(QLocale::ShortFormat);
    for (QDateEdit *edit : {m_fromDate, m_throughDate}) {
        edit->setLocale(locale);
        if (edit->displayFormat() != format)
            edit->setDisplayFormat(format);
    }
    for (QChartView *view : m_views) {
        view->chart()->setLocale(locale);
        for (QAbstractAxis *axis : view->chart()->axes()) {
            if (auto *x = qobject_cast<QDateTimeAxis *>(axis))
                x->setFormat(format);
        }
    }
}

void OverviewDock::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::LocaleChange || event->type() == QEvent::LanguageChange)
        updateDateFormats();
    if (event->type() == QEvent::EnabledChange)
        applyPeriod();
    QDockWidget::changeEvent(event);
}
