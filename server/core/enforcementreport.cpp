// Days, weeks and months of an organisation's time zone over the enforcement counters' slots.
#include "enforcementreport.h"

#include <QJsonArray>

namespace EnforcementReport {

namespace {

QString utc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

QJsonObject countsJson(const Enforcement::Counts &c)
{
    return {{QStringLiteral("accepted"),
             QJsonObject {{QStringLiteral("client"), c.acceptedClient},
                          {QStringLiteral("server"), c.acceptedServer}}},
            {QStringLiteral("discarded"),
             QJsonObject {{QStringLiteral("client"), c.discardedClient},
                          {QStringLiteral("server"), c.discardedServer}}},
            {QStringLiteral("deletedEvents"), c.deletedEvents},
            {QStringLiteral("optOuts"), c.optOuts},
            {QStringLiteral("optIns"), c.optIns}};
}

} // namespace

std::optional<Unit> unitFromName(const QString &name)
{
    if (name == QLatin1String("day"))
        return Unit::Day;
    if (name == QLatin1String("week"))
        return Unit::Week;
    if (name == QLatin1String("month"))
        return Unit::Month;
    return std::nullopt;
}

QString unitName(Unit unit)
{
    switch (unit) {
    case Unit::Day:
        return QStringLiteral("day");
    case Unit::Week:
        return QStringLiteral("week");
    case Unit::Month:
        return QStringLiteral("month");
    }
    return {};
}

QDateTime bucketStart(const QDateTime &t, Unit unit, const QTimeZone &zone)
{
    QDate date = t.toTimeZone(zone).date();
    if (unit == Unit::Week)
        date = date.addDays(1 - date.dayOfWeek());
    else if (unit == Unit::Month)
        date = QDate(date.year(), date.month(), 1);
    // The first instant of that date there (a day that starts with a DST gap starts later).
    return date.startOfDay(zone).toUTC();
}

QDateTime nextBucket(const QDateTime &start, Unit unit, const QTimeZone &zone)
{
    const QDate date = start.toTimeZone(zone).date();
    const QDate next = unit == Unit::Day ? date.addDays(1)
        : unit == Unit::Week             ? date.addDays(7)
                                         : date.addMonths(1);
    return next.startOfDay(zone).toUTC();
}

QVector<QDateTime> boundaries(const QDateTime &since, const QDateTime &until, Unit unit,
                              const QTimeZone &zone, int maxBuckets)
{
    QVector<QDateTime> bounds {bucketStart(since, unit, zone)};
    while (bounds.last() < until) {
        if (bounds.size() > maxBuckets)
            return {};
        bounds.append(nextBucket(bounds.last(), unit, zone));
    }
    return bounds;
}

QJsonObject toJson(const QVector<QDateTime> &bounds, const Enforcement::History &history, Unit unit,
                   const QTimeZone &zone)
{
    QJsonArray buckets;
    Enforcement::Counts totals;
    qint64 optedOut = history.optedOutAtStart;
    int next = 0; // into history.perSlot
    for (int i = 0; i + 1 < bounds.size(); ++i) {
        const qint64 end = Enforcement::slotOf(bounds.at(i + 1));
        Enforcement::Counts sum;
        for (; next < history.perSlot.size() && history.perSlot.at(next).first < end; ++next)
            sum += history.perSlot.at(next).second;
        totals += sum;
        optedOut += sum.optOuts - sum.optIns;
        QJsonObject bucket = countsJson(sum);
        bucket.insert(QStringLiteral("start"), utc(bounds.at(i)));
        bucket.insert(QStringLiteral("date"),
                      bounds.at(i).toTimeZone(zone).date().toString(Qt::ISODate));
        bucket.insert(QStringLiteral("optedOutUsers"), optedOut);
        buckets.append(bucket);
    }
    QJsonObject totalsJson = countsJson(totals);
    totalsJson.insert(QStringLiteral("optedOutUsers"), optedOut);
    return {{QStringLiteral("since"), utc(bounds.first())},
            {QStringLiteral("until"), utc(bounds.last())},
            {QStringLiteral("bucket"), unitName(unit)},
            {QStringLiteral("timeZone"), QString::fromUtf8(zone.id())},
            {QStringLiteral("countingSince"), utc(history.countingSince)},
            {QStringLiteral("buckets"), buckets},
            {QStringLiteral("totals"), totalsJson}};
}

} // namespace EnforcementReport
