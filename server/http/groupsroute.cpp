// GET /api/v1/groups and /api/v1/groups/{id}/members: the directory's groups, for the
// administrators' picker.
#include "apiserver.h"
#include "optoutservice.h"

#include <QJsonArray>

namespace {

std::variant<int, HttpError> pageParameter(const QUrlQuery &query, const QString &name,
                                           int fallback, int min, int max)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max) {
        return HttpError::invalidRequest(
            QStringLiteral("Query parameter '%1' must be an integer from %2 to %3.")
                .arg(name)
                .arg(min)
                .arg(max),
            {{QStringLiteral("parameter"), name}});
    }
    return value;
}

// One tag per answer: the groups' version (groupsVersion(): names, members, rules) and the
// page asked for.
QByteArray groupsEtag(const QString &version, const GroupQuery &query)
{
    const QByteArray asked = query.nameContains.toUtf8() + '\n' + QByteArray::number(query.offset)
        + '\n' + QByteArray::number(query.limit);
    return "\"groups-" + version.toUtf8() + '-' + QByteArray::number(qHash(asked), 16) + '"';
}

} // namespace

void ApiServer::groups(const ApiRequest &r, Respond respond)
{
    const auto page = pageParameter(r.query, QStringLiteral("page"), 0, 0, 1000000000);
    if (const auto *e = std::get_if<HttpError>(&page))
        return respond(ApiResponse::fromError(*e));
    const auto size = pageParameter(r.query, QStringLiteral("pageSize"), 1000, 1, 5000);
    if (const auto *e = std::get_if<HttpError>(&size))
        return respond(ApiResponse::fromError(*e));
    const QString search = r.query.queryItemValue(QStringLiteral("search"), QUrl::FullyDecoded);
    if (search.size() > 200 || hasControlCharacters(search)) {
        return respond(ApiResponse::fromError(HttpError::invalidRequest(
            QStringLiteral("Query parameter 'search' must be at most 200 characters without "
                           "control characters."),
            {{QStringLiteral("parameter"), QStringLiteral("search")}})));
    }
    GroupQuery query;
    query.orgId = r.user->orgId;
    query.nameContains = search;
    query.offset = qint64(std::get<int>(page)) * std::get<int>(size);
    query.limit = std::get<int>(size);
    const QByteArray ifNoneMatch = r.header("If-None-Match");
    // Not modified since the revisions this instance holds: answered before any work. (Another
    // instance's change reaches them as it reaches /users' tag; a client holding a newer tag
    // than the cache gets the page, read with its version in one transaction.)
    if (const CachedOrg *org = m_service->org(query.orgId); org && !ifNoneMatch.isEmpty()) {
        const QByteArray etag
            = groupsEtag(groupsVersion(org->org.usersRevision, org->org.revision), query);
        if (etagMatches(ifNoneMatch, etag))
            return respond(ApiResponse {304, {}, {{"ETag", etag}}});
    }
    m_service->directoryGroups(
        query, this,
        [this, query, ifNoneMatch, orgId = r.user->orgId,
         respond = std::move(respond)](StoreResult<GroupPage> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const GroupPage &p = result.value;
            const QByteArray etag = groupsEtag(p.version, query);
            if (etagMatches(ifNoneMatch, etag))
                return respond(ApiResponse {304, {}, {{"ETag", etag}}});
            const QSet<QString> ruled = m_service->groupsWithRules(orgId);
            QJsonArray list;
            for (const StoredGroup &g : p.groups) {
                list.append(QJsonObject {{QStringLiteral("id"), g.id},
                                         {QStringLiteral("name"), g.displayName},
                                         {QStringLiteral("memberCount"), g.memberCount},
                                         {QStringLiteral("optedOut"), ruled.contains(g.id)}});
            }
            const qint64 pageSize = query.limit;
            const qint64 pageNumber = query.offset / pageSize;
            ApiResponse response = ApiResponse::json(
                200,
                {{QStringLiteral("groups"), list},
                 {QStringLiteral("page"), pageNumber},
                 {QStringLiteral("pageSize"), pageSize},
                 {QStringLiteral("total"), p.total},
                 {QStringLiteral("lastPage"), (pageNumber + 1) * pageSize >= p.total}});
            response.headers.append(qMakePair(QByteArray("ETag"), etag));
            respond(std::move(response));
        });
}

void ApiServer::groupMembers(const ApiRequest &r, Respond respond)
{
    const auto page = pageParameter(r.query, QStringLiteral("page"), 0, 0, 1000000000);
    if (const auto *e = std::get_if<HttpError>(&page))
        return respond(ApiResponse::fromError(*e));
    const auto size = pageParameter(r.query, QStringLiteral("pageSize"), 1000, 1, 5000);
    if (const auto *e = std::get_if<HttpError>(&size))
        return respond(ApiResponse::fromError(*e));
    GroupQuery query;
    query.orgId = r.user->orgId;
    query.id = r.params.at(0);
    query.limit = 1;
    query.withMembers = true;
    const qint64 p = std::get<int>(page);
    const qint64 s = std::get<int>(size);
    m_service->directoryGroups(
        query, this,
        [this, p, s, orgId = r.user->orgId,
         respond = std::move(respond)](StoreResult<GroupPage> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            if (result.value.groups.isEmpty()) {
                return respond(
                    ApiResponse::fromError(HttpError::notFound(QStringLiteral("No such group."))));
            }
            // The members as /users lists them: those in the user list, ordered by e-mail.
            QVector<const StoredUser *> members;
            for (const QString &id : result.value.groups.constFirst().memberIds) {
                const StoredUser *u = m_service->user(id);
                if (u && u->orgId == orgId && OptOutService::isListed(*u))
                    members.append(u);
            }
            std::sort(members.begin(), members.end(), [](const StoredUser *a, const StoredUser *b) {
                return a->email < b->email || (a->email == b->email && a->id < b->id);
            });
            const qint64 total = members.size();
            QJsonArray list;
            for (qint64 i = p * s; i < std::min(total, (p + 1) * s); ++i) {
                const StoredUser &u = *members.at(i);
                list.append(QJsonObject {{QStringLiteral("id"), u.id},
                                         {QStringLiteral("email"), u.email},
                                         {QStringLiteral("name"), u.name}});
            }
            respond(ApiResponse::json(200,
                                      {{QStringLiteral("users"), list},
                                       {QStringLiteral("page"), p},
                                       {QStringLiteral("pageSize"), s},
                                       {QStringLiteral("total"), total},
                                       {QStringLiteral("lastPage"), (p + 1) * s >= total}}));
        });
}
