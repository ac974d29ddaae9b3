// GET /api/v1/usage/enforcement: the enforcement statistics of the caller's organisation.
#include "apiserver.h"
#include "enforcementreport.h"
#include "optoutservice.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace {

// An RFC 3339 time, or a date (YYYY-MM-DD: its first instant in the organisation's zone).
std::variant<QDateTime, HttpError> periodParameter(const QUrlQuery &query, const QString &name,
                                                   const QTimeZone &zone)
{
    if (!query.hasQueryItem(name))
        return QDateTime();
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
    static const QRegularExpression datePattern(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    if (datePattern.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            return date.startOfDay(zone).toUTC();
    } else if (text.size() >= 20) {
        const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (t.isValid() && t.timeSpec() != Qt::LocalTime)
            return t.toUTC();
    }
    return HttpError::invalidRequest(
        QStringLiteral("Query parameter '%1' must be an RFC 3339 time, e.g. "
                       "2026-11-22T16:00:00Z, or a date, e.g. 2026-11-22.")
            .arg(name),
        {{QStringLiteral("parameter"), name}});
}

} // namespace

void ApiServer::enforcement(const ApiRequest &r, Respond respond)
{
    using namespace EnforcementReport;
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(storeFailure(StoreStatus::Unavailable));
    QTimeZone zone(org->org.timeZone.toUtf8());
    if (!zone.isValid())
        zone = QTimeZone::utc();

    const QString unitText = r.query.hasQueryItem(QStringLiteral("bucket"))
        ? r.query.queryItemValue(QStringLiteral("bucket"), QUrl::FullyDecoded)
        : QStringLiteral("day");
    const std::optional<Unit> unit = unitFromName(unitText);
    if (!unit) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("'bucket' must be day, week or month."),
                                      {{QStringLiteral("parameter"), QStringLiteral("bucket")}})));
    }
    const auto sinceValue = periodParameter(r.query, QStringLiteral("since"), zone);
    if (const auto *e = std::get_if<HttpError>(&sinceValue))
        return respond(ApiResponse::fromError(*e));
    const auto untilValue = periodParameter(r.query, QStringLiteral("until"), zone);
    if (const auto *e = std::get_if<HttpError>(&untilValue))
        return respond(ApiResponse::fromError(*e));
    QDateTime until = std::get<QDateTime>(untilValue);
    if (!until.isValid())
        until = QDateTime::currentDateTimeUtc();
    QDateTime since = std::get<QDateTime>(sinceValue);
    if (!since.isValid())
        since = until.addDays(-30);
    if (since > until) {
        return respond(ApiResponse::fromError(
            HttpError::invalidRequest(QStringLiteral("'since' must not be after 'until'."),
                                      {{QStringLiteral("parameter"), QStringLiteral("since")}})));
    }
    const QVector<QDateTime> bounds = boundaries(since, until, *unit, zone);
    if (bounds.isEmpty()) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("The period holds more than %1 buckets of a %2.")
                .arg(MaxBuckets)
                .arg(unitName(*unit)),
            {{QStringLiteral("parameter"), QStringLiteral("since")},
             {QStringLiteral("maxBuckets"), MaxBuckets}})));
    }
    m_service->enforcementHistory(
        r.user->orgId, Enforcement::slotOf(bounds.first()), Enforcement::slotOf(bounds.last()),
        this,
        [bounds, unit = *unit, zone,
         respond = std::move(respond)](StoreResult<Enforcement::History> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            respond(ApiResponse::json(200, toJson(bounds, result.value, unit, zone)));
        });
}
