// The enforcement statistics of GET /api/v1/usage/enforcement: the counters' 15-minute slots
// summed into days, weeks (Monday first) or months of the organisation's time zone. Pure
// functions, tested on their own.
#pragma once

#include "enforcementcounts.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>
#include <QVector>

#include <optional>

namespace EnforcementReport {

enum class Unit { Day, Week, Month };

constexpr int MaxBuckets = 366;

// "day", "week", "month"; nullopt for anything else.
std::optional<Unit> unitFromName(const QString &name);
QString unitName(Unit unit);

// The start of the day, week or month that holds `t`, in `zone`.
QDateTime bucketStart(const QDateTime &t, Unit unit, const QTimeZone &zone);
// The start of the bucket after the one starting at `start`.
QDateTime nextBucket(const QDateTime &start, Unit unit, const QTimeZone &zone);

// The buckets' boundaries (n + 1 of them for n buckets) that cover [since, until): from the
// start of the bucket holding `since` to the end of the one holding the last instant before
// `until`. Empty when that is more than `maxBuckets` buckets. since < until.
QVector<QDateTime> boundaries(const QDateTime &since, const QDateTime &until, Unit unit,
                              const QTimeZone &zone, int maxBuckets = MaxBuckets);

// The answer's body: `history` read over [slotOf(bounds.first()), slotOf(bounds.last())).
QJsonObject toJson(const QVector<QDateTime> &bounds, const Enforcement::History &history, Unit unit,
                   const QTimeZone &zone);

} // namespace EnforcementReport
