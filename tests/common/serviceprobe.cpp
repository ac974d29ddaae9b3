// What the real service holds, read through its API for the tests to check against.
#include "serviceprobe.h"

#include "testserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonValue>

namespace {

const QByteArray kAdmin = QByteArrayLiteral("demo-admin");

// The element of `array` whose "user" has this id; empty when none.
QJsonObject entryOfUser(const QJsonArray &array, const QString &userId)
{
    for (const QJsonValue &v : array) {
        const QJsonObject entry = v.toObject();
        if (entry.value(QLatin1String("user")).toObject().value(QLatin1String("id")) == userId)
            return entry;
    }
    return {};
}

QJsonArray arrayOf(const TestServer &server, const QString &path, const QString &member)
{
    return server.request("GET", path, kAdmin).json().object().value(member).toArray();
}

} // namespace

namespace ServiceProbe {

QJsonObject optOutEntry(const TestServer &server, const QString &userId)
{
    return entryOfUser(
        arrayOf(server, QStringLiteral("/api/v1/optouts"), QStringLiteral("optOuts")), userId);
}

QJsonArray auditOf(const TestServer &server, const QString &userId)
{
    return arrayOf(server, QStringLiteral("/api/v1/audit?limit=1000&userId=") + userId,
                   QStringLiteral("entries"));
}

QJsonObject usageSummaryOf(const TestServer &server, const QString &userId)
{
    return entryOfUser(
        arrayOf(server, QStringLiteral("/api/v1/usage/summary"), QStringLiteral("users")), userId);
}

bool storeClientEvents(const TestServer &server, const QString &userId, int count)
{
    QJsonArray events;
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (int i = 0; i < count; ++i) {
        events.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("app.opened")},
                                   {QStringLiteral("timestamp"), now},
                                   {QStringLiteral("userId"), userId}});
    }
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("events"), events}}).toJson();
    return server
               .request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker", body,
                        {{"Content-Type", "application/json"}})
               .status
        == 200;
}

} // namespace ServiceProbe
