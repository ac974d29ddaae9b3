// View > Overview: the enforcement statistics of a period as charts (opted-out users over time,
// events accepted against discarded per day, stored events deleted per day), for the privacy
// officer.
#pragma once

#include <QDockWidget>
#include <QTimeZone>

class EnforcementModel;
class QChart;
class QChartView;
class QDateEdit;
class QLabel;
class QLineSeries;
struct ApiError;

class OverviewDock final : public QDockWidget
{
    Q_OBJECT
public:
    enum class Chart { OptedOutUsers, AcceptedDiscarded, Deleted };

    // `model` must outlive the dock.
    explicit OverviewDock(EnforcementModel *model, QWidget *parent = nullptr);

    // The organisation's time zone, whose days the statistics count ("today" is its today).
    void setTimeZone(const QTimeZone &zone);
    // The last 30 days, through today.
    void resetPeriod();
    // Loads the period in the editors (when shown and enabled).
    void applyPeriod();
    // Loads the period again: the lists were refreshed (when shown and enabled).
    void refresh();

    QChartView *chartView(Chart chart) const;
    // What hovering the point of day `row` of `chart` shows, in the app's language.
    QString pointText(Chart chart, int row) const;
    QDate from() const;
    QDate through() const;
    // The organisation's today.
    QDate today() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateDateFormats();
    void rebuild(); // the series from the model
    void updateStatus();
    void showPointText(Chart chart, const QPointF &point, bool state);
    QLineSeries *addSeries(QChart *chart, Chart which, int column);

    EnforcementModel *m_model;
    QTimeZone m_zone = QTimeZone::utc();
    QLabel *m_fromLabel;
    QDateEdit *m_fromDate;
    QLabel *m_throughLabel;
    QDateEdit *m_throughDate;
    QLabel *m_status;
    QLabel *m_counting;
    QLabel *m_totals;
    QChartView *m_views[3];
    QLineSeries *m_optedOut;
    QLineSeries *m_accepted;
    QLineSeries *m_discarded;
    QLineSeries *m_deleted;
    QString m_error;
};
