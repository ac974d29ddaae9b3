// GET /api/v1/changes/stream: server-sent events of the organisation's sync-state.
#include "changestreams.h"

#include "optoutservice.h"
#include "responsestream.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStreams, "optout.streams", QtInfoMsg)

namespace {

const QString ProductAdmin = QStringLiteral("product_admin");

// "<optOutsRevision>.<usersRevision>", both numbers; nullopt otherwise.
std::optional<std::pair<qint64, qint64>> parseEventId(const QByteArray &id)
{
    const QList<QByteArray> parts = id.trimmed().split('.');
    if (parts.size() != 2)
        return std::nullopt;
    bool okOptOuts = false;
    bool okUsers = false;
    const qint64 optOuts = parts.at(0).toLongLong(&okOptOuts);
    const qint64 users = parts.at(1).toLongLong(&okUsers);
    if (!okOptOuts || !okUsers || optOuts < 0 || users < 0)
        return std::nullopt;
    return std::make_pair(optOuts, users);
}

} // namespace

QJsonObject syncStateJson(const StoredOrg &org, bool usageTracking)
{
    return {{QStringLiteral("usersRevision"), org.usersRevision},
            {QStringLiteral("optOutsRevision"), org.revision},
            {QStringLiteral("usageTracking"), usageTracking}};
}

ChangeStreams::ChangeStreams(OptOutService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    m_check.setSingleShot(true);
    m_check.setInterval(0);
    connect(&m_check, &QTimer::timeout, this, &ChangeStreams::check);
    connect(m_service, &OptOutService::refreshed, this, &ChangeStreams::scheduleCheck);
    connect(m_service, &OptOutService::changed, this, &ChangeStreams::scheduleCheck);
    m_keepAlive.setInterval(m_options.keepAliveMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &ChangeStreams::keepAlive);
}

ChangeStreams::~ChangeStreams()
{
    const auto streams = m_streams.keys();
    m_streams.clear();
    for (ResponseStream *s : streams)
        s->end();
}

void ChangeStreams::setOptions(const Options &options)
{
    m_options = options;
    m_keepAlive.setInterval(std::max(1, options.keepAliveMs));
}

QByteArray ChangeStreams::eventId(const StoredOrg &org)
{
    return QByteArray::number(org.revision) + '.' + QByteArray::number(org.usersRevision);
}

QByteArray ChangeStreams::eventFor(const StoredUser &user, const StoredOrg &org) const
{
    const QByteArray data = QJsonDocument(syncStateJson(org, !m_service->isOptedOut(user.id)))
                                .toJson(QJsonDocument::Compact);
    return "id: " + eventId(org) + "\nevent: sync-state\ndata: " + data + "\n\n";
}

ApiResponse ChangeStreams::open(const ApiRequest &request)
{
    const StoredUser &user = *request.user;
    const CachedOrg *org = m_service->org(user.orgId);
    if (!org)
        return ApiResponse::fromError(HttpError::internal());
    ApiResponse response(200, {});
    response.headers = {{"Content-Type", "text/event-stream"},
                        // A proxy (nginx) passes each event on at once.
                        {"X-Accel-Buffering", "no"}};
    if (request.method == HttpMethod::Head)
        return response;
    if (count() >= m_options.maxStreams) {
        HttpError error = HttpError::unavailable();
        error.message = QStringLiteral("This instance has as many change streams open as it "
                                       "takes (%1); try again later or refresh by polling.")
                            .arg(m_options.maxStreams);
        ApiResponse busy = ApiResponse::fromError(error);
        busy.headers.append({"Retry-After", QByteArray::number(RetryAfterSeconds)});
        return busy;
    }
    const QByteArray current = eventId(org->org);
    Stream stream {request.header("Authorization").mid(7).trimmed(), user.id, user.orgId,
                   request.header("Last-Event-ID")};
    // Behind the current state (or unknown): one event at once. Ahead of it (another instance
    // is a moment ahead of this one's caches): nothing until this one reaches a new state.
    const auto known = parseEventId(stream.lastId);
    const bool behind
        = !known || known->first < org->org.revision || known->second < org->org.usersRevision;
    if (behind) {
        response.body = eventFor(user, org->org);
        stream.lastId = current;
    } else {
        stream.lastId = stream.lastId.trimmed();
    }
    auto *out = new ResponseStream(this);
    connect(out, &ResponseStream::closed, this, [this, out] { forget(out); });
    m_streams.insert(out, stream);
    response.stream = out;
    if (!m_keepAlive.isActive())
        m_keepAlive.start();
    qCDebug(lcStreams) << "stream opened," << count() << "open";
    return response;
}

void ChangeStreams::forget(ResponseStream *stream)
{
    if (m_streams.remove(stream))
        stream->deleteLater();
    if (m_streams.isEmpty())
        m_keepAlive.stop();
}

void ChangeStreams::scheduleCheck()
{
    if (!m_streams.isEmpty())
        m_check.start();
}

void ChangeStreams::check()
{
    QVector<ResponseStream *> ended;
    for (auto it = m_streams.begin(); it != m_streams.end(); ++it) {
        Stream &s = it.value();
        const auto user = m_service->userForToken(s.token);
        if (!user || user->id != s.userId || !user->roles.contains(ProductAdmin)) {
            ended.append(it.key());
            continue;
        }
        const CachedOrg *org = m_service->org(s.orgId);
        if (!org)
            continue;
        const QByteArray id = eventId(org->org);
        if (id == s.lastId)
            continue;
        s.lastId = id;
        it.key()->write(eventFor(*user, org->org));
    }
    for (ResponseStream *s : std::as_const(ended)) {
        qCInfo(lcStreams) << "a change stream ended: its token no longer holds";
        m_streams.remove(s);
        s->end();
        s->deleteLater();
    }
    if (m_streams.isEmpty())
        m_keepAlive.stop();
}

void ChangeStreams::keepAlive()
{
    // The token is checked here too: revocations reach the caches without a change of state.
    check();
    for (auto it = m_streams.cbegin(); it != m_streams.cend(); ++it)
        it.key()->write(QByteArrayLiteral(": keep-alive\n\n"));
}
