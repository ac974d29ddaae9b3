// Directory sync: the SCIM 2.0 endpoint (/scim/v2, RFC 7643/7644) over the service's users.
#include "scimapi.h"

#include "optoutservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

namespace {

const QString ScimJson = QStringLiteral("application/scim+json");

QString lit(const char *s)
{
    return QString::fromLatin1(s);
}

ApiResponse scimJson(int status, const QJsonObject &body)
{
    ApiResponse r = ApiResponse::json(status, body);
    r.headers.append(qMakePair(QByteArray("Content-Type"), ScimJson.toLatin1()));
    return r;
}

ApiResponse badRequest(const QString &scimType, const QString &detail)
{
    return Scim::error(400, scimType, detail);
}

// Attributes of the core User schema the service reads; the others of RFC 7643 section 4.1
// are accepted and not kept (an identity provider sends what its mapping holds).
const QSet<QString> &ignoredUserAttributes()
{
    static const QSet<QString> names {
        QStringLiteral("emails"),
        QStringLiteral("nickname"),
        QStringLiteral("profileurl"),
        QStringLiteral("title"),
        QStringLiteral("usertype"),
        QStringLiteral("preferredlanguage"),
        QStringLiteral("locale"),
        QStringLiteral("timezone"),
        QStringLiteral("phonenumbers"),
        QStringLiteral("addresses"),
        QStringLiteral("photos"),
        QStringLiteral("ims"),
        QStringLiteral("roles"),
        QStringLiteral("entitlements"),
        QStringLiteral("x509certificates"),
        QStringLiteral("groups"),
        QStringLiteral("password"),
    };
    return names;
}

// A JSON value as a boolean as identity providers send it: true/false, or "True"/"False"
// (Entra ID's patches).
std::optional<bool> boolOf(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    if (v.isString()) {
        if (v.toString().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return true;
        if (v.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return std::nullopt;
}

std::optional<QString> stringOf(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isNull())
        return QString();
    return std::nullopt;
}

std::variant<QJsonObject, ApiResponse> parseBody(const QByteArray &body)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return badRequest(
            lit("invalidSyntax"),
            QStringLiteral("The body is not valid JSON: %1.").arg(error.errorString()));
    if (!doc.isObject())
        return badRequest(lit("invalidSyntax"), QStringLiteral("The body must be a JSON object."));
    return doc.object();
}

bool declares(const QJsonObject &body, const char *schema)
{
    const QJsonArray schemas = body.value(QLatin1String("schemas")).toArray();
    for (const QJsonValue &s : schemas) {
        if (s.toString() == QLatin1String(schema))
            return true;
    }
    return false;
}

std::variant<int, ApiResponse> intParameter(const QUrlQuery &query, const QString &name,
                                            int fallback)
{
    if (!query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = query.queryItemValue(name).toInt(&ok);
    if (!ok)
        return badRequest(lit("invalidValue"),
                          QStringLiteral("'%1' must be an integer.").arg(name));
    return value;
}

// A list's paging (RFC 7644 3.4.2.4): startIndex 1-based (below 1 counts as 1), count from 0
// to MaxCount (a negative one counts as 0).
struct ListPaging
{
    qint64 startIndex = 1;
    qint64 count = 0;
};

std::variant<ListPaging, ApiResponse> listPaging(const QUrlQuery &query)
{
    const auto start = intParameter(query, QStringLiteral("startIndex"), 1);
    if (const auto *e = std::get_if<ApiResponse>(&start))
        return *e;
    const auto count = intParameter(query, QStringLiteral("count"), 100);
    if (const auto *e = std::get_if<ApiResponse>(&count))
        return *e;
    return ListPaging {std::max(1, std::get<int>(start)),
                       std::clamp(std::get<int>(count), 0, Scim::MaxCount)};
}

// One operation of a PatchOp (RFC 7644 3.5.2): its op in lower case (add, replace or remove),
// its path (trimmed; empty: none) and its value (undefined: none).
struct PatchOperation
{
    QString op;
    QString path;
    QJsonValue value;
    bool remove() const { return op == QLatin1String("remove"); }
};

// The operations of a PatchOp body as users and groups both take them: the schema declared, a
// non-empty list of objects, op names in any case, a string path; without a path, an add or
// replace whose value is an object of attributes (as Entra ID sends them). All checked before
// any is applied.
std::variant<QVector<PatchOperation>, ApiResponse> patchOperations(const QJsonObject &body)
{
    if (!declares(body, Scim::PatchOpSchema)) {
        return badRequest(
            lit("invalidSyntax"),
            QStringLiteral("'schemas' must hold \"%1\".").arg(lit(Scim::PatchOpSchema)));
    }
    QJsonValue operations = body.value(QLatin1String("Operations"));
    if (operations.isUndefined())
        operations = body.value(QLatin1String("operations"));
    if (!operations.isArray() || operations.toArray().isEmpty())
        return badRequest(lit("invalidSyntax"),
                          QStringLiteral("'Operations' must be a non-empty array."));
    QVector<PatchOperation> list;
    const QJsonArray items = operations.toArray();
    for (const QJsonValue &item : items) {
        if (!item.isObject())
            return badRequest(lit("invalidSyntax"),
                              QStringLiteral("Each operation must be an object."));
        const QJsonObject o = item.toObject();
        PatchOperation op {
            o.value(QLatin1String("op")).toString().toLower(), {}, o.value(QLatin1String("value"))};
        if (!op.remove() && op.op != QLatin1String("add") && op.op != QLatin1String("replace")) {
            return badRequest(lit("invalidSyntax"),
                              QStringLiteral("'op' must be add, replace or remove."));
        }
        const QJsonValue path = o.value(QLatin1String("path"));
        if (!path.isUndefined() && !path.isString())
            return badRequest(lit("invalidPath"), QStringLiteral("'path' must be a string."));
        op.path = path.toString().trimmed();
        if (op.path.isEmpty() && op.remove())
            return badRequest(lit("noTarget"), QStringLiteral("'remove' needs a 'path'."));
        if (op.path.isEmpty() && !op.value.isObject())
            return badRequest(lit("invalidValue"),
                              QStringLiteral("Without 'path', 'value' must be an object."));
        list.append(op);
    }
    return list;
}

// One attribute path of a patch, set to `value` (add/replace) or removed (value undefined).
// Paths are case-insensitive; `emails…` is accepted and not kept.
std::optional<ApiResponse> setPath(Scim::UserFields *f, const QString &path,
                                   const QJsonValue &value, bool remove)
{
    QString p = path.trimmed();
    // A path may carry the core schema's URN as prefix.
    const QString urn = lit(Scim::UserSchema) + QLatin1Char(':');
    if (p.startsWith(urn, Qt::CaseInsensitive))
        p = p.mid(urn.size());
    const QString key = p.toLower();
    const auto text = [&](QString *target, bool required) -> std::optional<ApiResponse> {
        if (remove) {
            if (required)
                return badRequest(lit("mutability"),
                                  QStringLiteral("'%1' cannot be removed.").arg(path));
            target->clear();
            return std::nullopt;
        }
        const auto s = stringOf(value);
        if (!s || hasControlCharacters(*s) || (required && s->trimmed().isEmpty()))
            return badRequest(lit("invalidValue"),
                              QStringLiteral("'%1' must be a non-empty string.").arg(path));
        *target = s->trimmed();
        return std::nullopt;
    };
    if (key == QLatin1String("username"))
        return text(&f->userName, true);
    if (key == QLatin1String("displayname"))
        return text(&f->displayName, false);
    if (key == QLatin1String("externalid"))
        return text(&f->externalId, false);
    if (key == QLatin1String("name.formatted"))
        return text(&f->formatted, false);
    if (key == QLatin1String("name.givenname"))
        return text(&f->givenName, false);
    if (key == QLatin1String("name.familyname"))
        return text(&f->familyName, false);
    if (key == QLatin1String("name")) {
        if (remove) {
            f->formatted.clear();
            f->givenName.clear();
            f->familyName.clear();
            return std::nullopt;
        }
        if (!value.isObject())
            return badRequest(lit("invalidValue"), QStringLiteral("'name' must be an object."));
        const QJsonObject name = value.toObject();
        for (auto it = name.begin(); it != name.end(); ++it) {
            const QString sub = it.key().toLower();
            if (sub == QLatin1String("formatted") || sub == QLatin1String("givenname")
                || sub == QLatin1String("familyname")) {
                if (auto e = setPath(f, QStringLiteral("name.") + it.key(), it.value(), false))
                    return e;
            } else if (sub != QLatin1String("middlename") && sub != QLatin1String("honorificprefix")
                       && sub != QLatin1String("honorificsuffix")) {
                return badRequest(lit("invalidPath"),
                                  QStringLiteral("Unknown attribute 'name.%1'.").arg(it.key()));
            }
        }
        return std::nullopt;
    }
    if (key == QLatin1String("active")) {
        if (remove)
            return badRequest(lit("mutability"), QStringLiteral("'active' cannot be removed."));
        const auto b = boolOf(value);
        if (!b)
            return badRequest(lit("invalidValue"), QStringLiteral("'active' must be a boolean."));
        f->active = *b;
        return std::nullopt;
    }
    if (key.startsWith(QLatin1String("emails")) || key.startsWith(QLatin1String("name.middlename"))
        || key.startsWith(
            QLatin1String("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user"))
        || ignoredUserAttributes().contains(
            key.section(QLatin1Char('.'), 0, 0).section(QLatin1Char('['), 0, 0)))
        return std::nullopt; // accepted, not kept
    return badRequest(lit("invalidPath"), QStringLiteral("Unknown attribute '%1'.").arg(path));
}

} // namespace

// The answer to a store call that failed: 503 with Retry-After when it passes, else 500.
static ApiResponse storeFailure(StoreStatus status)
{
    ApiResponse failure = isTemporary(status)
        ? Scim::error(503, {},
                      status == StoreStatus::WriteRefused
                          ? QStringLiteral("The service's storage refuses writes just now.")
                          : QStringLiteral("The service cannot reach its storage."))
        : Scim::error(500, {}, QStringLiteral("Internal error."));
    if (isTemporary(status)) {
        failure.headers.append(
            qMakePair(QByteArray("Retry-After"), QByteArray::number(HttpError::RetryAfterSeconds)));
    }
    return failure;
}

namespace Scim {

ApiResponse error(int status, const QString &scimType, const QString &detail)
{
    QJsonObject body {{QStringLiteral("schemas"), QJsonArray {lit(ErrorSchema)}},
                      {QStringLiteral("status"), QString::number(status)},
                      {QStringLiteral("detail"), detail}};
    if (!scimType.isEmpty())
        body.insert(QStringLiteral("scimType"), scimType);
    return scimJson(status, body);
}

ApiResponse toScimError(const ApiResponse &apiError)
{
    for (const auto &h : apiError.headers) {
        if (apiError.status < 400 || h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            return apiError; // not an error, or SCIM's already
    }
    if (apiError.status < 400)
        return apiError;
    const QJsonObject e
        = QJsonDocument::fromJson(apiError.body).object().value(QLatin1String("error")).toObject();
    ApiResponse r
        = error(apiError.status, apiError.status == 413 ? QStringLiteral("tooMany") : QString(),
                e.value(QLatin1String("message")).toString());
    r.headers += apiError.headers;
    return r;
}

std::variant<QVector<FilterTerm>, QString> parseFilter(const QString &filter)
{
    return parseFilter(
        filter, UserSchema,
        {QStringLiteral("userName"), QStringLiteral("externalId"), QStringLiteral("id")});
}

std::variant<QVector<FilterTerm>, QString> parseFilter(const QString &filter, const char *schema,
                                                       const QStringList &attributes)
{
    // filter = term *("and" term); term = attribute SP "eq" SP string, or
    // attribute "[" subAttribute SP "eq" SP string "]" (RFC 7644 3.4.2.2, the subset identity
    // providers use to find a user, and Entra ID to check a group's member). A bracketed term
    // names its attribute "attribute.subAttribute".
    QVector<FilterTerm> terms;
    int i = 0;
    const int n = int(filter.size());
    const auto skipSpaces = [&] {
        while (i < n && filter.at(i).isSpace())
            ++i;
    };
    const auto word = [&] {
        const int start = i;
        while (i < n && !filter.at(i).isSpace() && filter.at(i) != QLatin1Char('"'))
            ++i;
        return filter.mid(start, i - start);
    };
    for (;;) {
        skipSpaces();
        const QString attribute = word();
        if (attribute.isEmpty())
            return QStringLiteral("An attribute name was expected at position %1.").arg(i);
        FilterTerm term;
        QString a = attribute;
        const int bracket = int(a.indexOf(QLatin1Char('[')));
        if (bracket >= 0)
            a = a.left(bracket) + QLatin1Char('.') + a.mid(bracket + 1);
        const QString urn = lit(schema) + QLatin1Char(':');
        if (a.startsWith(urn, Qt::CaseInsensitive))
            a = a.mid(urn.size());
        for (const QString &known : attributes) {
            if (a.compare(known, Qt::CaseInsensitive) == 0)
                term.attribute = known;
        }
        if (term.attribute.isEmpty())
            return QStringLiteral("Filtering on '%1' is not supported (%2).")
                .arg(attribute, attributes.join(QLatin1String(", ")));
        skipSpaces();
        const QString op = word();
        if (op.compare(QLatin1String("eq"), Qt::CaseInsensitive) != 0)
            return QStringLiteral("Only the 'eq' operator is supported, not '%1'.").arg(op);
        skipSpaces();
        if (i >= n || filter.at(i) != QLatin1Char('"'))
            return QStringLiteral("A quoted string was expected at position %1.").arg(i);
        // The value is a JSON string: let the JSON parser read it, escapes included.
        int end = i + 1;
        while (end < n && filter.at(end) != QLatin1Char('"'))
            end += filter.at(end) == QLatin1Char('\\') ? 2 : 1;
        if (end >= n)
            return QStringLiteral("The string at position %1 is not closed.").arg(i);
        const QJsonDocument doc = QJsonDocument::fromJson(
            QStringLiteral("[%1]").arg(filter.mid(i, end - i + 1)).toUtf8());
        if (!doc.isArray() || !doc.array().at(0).isString())
            return QStringLiteral("The string at position %1 is not valid.").arg(i);
        term.value = doc.array().at(0).toString();
        terms.append(term);
        i = end + 1;
        skipSpaces();
        if (bracket >= 0) {
            if (i >= n || filter.at(i) != QLatin1Char(']'))
                return QStringLiteral("']' was expected at position %1.").arg(i);
            ++i;
            skipSpaces();
        }
        if (i >= n)
            return terms;
        const QString conjunction = word();
        if (conjunction.compare(QLatin1String("and"), Qt::CaseInsensitive) != 0)
            return QStringLiteral("'and' was expected, not '%1'.").arg(conjunction);
    }
}

bool matches(const QVector<FilterTerm> &filter, const StoredUser &user)
{
    for (const FilterTerm &t : filter) {
        if (t.attribute == QLatin1String("userName")) {
            if (user.email.compare(t.value, Qt::CaseInsensitive) != 0) // caseExact: false
                return false;
        } else if (t.attribute == QLatin1String("externalId")) {
            if (user.externalId != t.value)
                return false;
        } else if (user.id != t.value) {
            return false;
        }
    }
    return true;
}

QString UserFields::name() const
{
    if (!formatted.isEmpty())
        return formatted;
    const QString joined = (givenName + QLatin1Char(' ') + familyName).trimmed();
    if (!joined.isEmpty())
        return joined;
    if (!displayName.isEmpty())
        return displayName;
    return userName;
}

UserFields UserFields::of(const StoredUser &user)
{
    UserFields f;
    f.userName = user.email;
    f.formatted = user.name;
    f.displayName = user.name;
    f.externalId = user.externalId;
    f.active = user.active;
    return f;
}

std::variant<UserFields, ApiResponse> parseUser(const QJsonObject &body)
{
    if (!declares(body, UserSchema)) {
        return badRequest(lit("invalidSyntax"),
                          QStringLiteral("'schemas' must hold \"%1\".").arg(lit(UserSchema)));
    }
    UserFields f;
    f.active = true;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key().toLower();
        if (key == QLatin1String("schemas") || key == QLatin1String("id")
            || key == QLatin1String("meta"))
            continue; // read-only or already checked
        if (key == lit(EnterpriseSchema).toLower())
            continue; // the enterprise extension: accepted, not kept
        if (ignoredUserAttributes().contains(key))
            continue;
        if (key == QLatin1String("username") || key == QLatin1String("displayname")
            || key == QLatin1String("externalid") || key == QLatin1String("name")
            || key == QLatin1String("active")) {
            if (it.value().isNull())
                continue;
            if (auto e = setPath(&f, it.key(), it.value(), false))
                return *e;
            continue;
        }
        return badRequest(lit("invalidSyntax"),
                          QStringLiteral("Unknown attribute '%1'.").arg(it.key()));
    }
    if (f.userName.isEmpty())
        return badRequest(lit("invalidValue"), QStringLiteral("'userName' is required."));
    return f;
}

std::optional<ApiResponse> applyPatch(const QJsonObject &body, UserFields *fields)
{
    const auto operations = patchOperations(body);
    if (const auto *e = std::get_if<ApiResponse>(&operations))
        return *e;
    UserFields f = *fields; // all or nothing
    for (const PatchOperation &op : std::get<QVector<PatchOperation>>(operations)) {
        if (!op.path.isEmpty()) {
            if (!op.remove() && op.value.isUndefined())
                return badRequest(lit("invalidValue"), QStringLiteral("'value' is missing."));
            if (auto e = setPath(&f, op.path, op.value, op.remove()))
                return e;
            continue;
        }
        // No path: the value is an object of attributes (Entra ID sends dotted names in it).
        const QJsonObject values = op.value.toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (it.key() == QLatin1String("schemas"))
                continue;
            if (auto e = setPath(&f, it.key(), it.value(), false))
                return e;
        }
    }
    *fields = f;
    return std::nullopt;
}

} // namespace Scim

ScimApi::ScimApi(OptOutService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void ScimApi::serviceProviderConfig(const ApiRequest &, ApiServer::Respond respond)
{
    const auto supported = [](bool on) {
        return QJsonObject {{QStringLiteral("supported"), on}};
    };
    QJsonObject filter = supported(true);
    filter.insert(QStringLiteral("maxResults"), Scim::MaxCount);
    respond(scimJson(
        200,
        {{QStringLiteral("schemas"),
          QJsonArray {
              QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")}},
         {QStringLiteral("documentationUri"), QStringLiteral("docs/api.md")},
         {QStringLiteral("patch"), supported(true)},
         {QStringLiteral("bulk"),
          QJsonObject {{QStringLiteral("supported"), false},
                       {QStringLiteral("maxOperations"), 0},
                       {QStringLiteral("maxPayloadSize"), 0}}},
         {QStringLiteral("filter"), filter},
         {QStringLiteral("changePassword"), supported(false)},
         {QStringLiteral("sort"), supported(false)},
         {QStringLiteral("etag"), supported(false)},
         {QStringLiteral("authenticationSchemes"),
          QJsonArray {QJsonObject {{QStringLiteral("type"), QStringLiteral("oauthbearertoken")},
                                   {QStringLiteral("name"), QStringLiteral("Bearer token")},
                                   {QStringLiteral("description"),
                                    QStringLiteral("A token of the role directory_sync.")},
                                   {QStringLiteral("primary"), true}}}},
         {QStringLiteral("meta"),
          QJsonObject {
              {QStringLiteral("resourceType"), QStringLiteral("ServiceProviderConfig")}}}}));
}

namespace {

QJsonObject listResponse(const QJsonArray &resources, qint64 total, qint64 startIndex)
{
    return {{QStringLiteral("schemas"), QJsonArray {lit(Scim::ListSchema)}},
            {QStringLiteral("totalResults"), total},
            {QStringLiteral("itemsPerPage"), resources.size()},
            {QStringLiteral("startIndex"), startIndex},
            {QStringLiteral("Resources"), resources}};
}

QJsonObject userResourceType()
{
    return {{QStringLiteral("schemas"),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ResourceType")}},
            {QStringLiteral("id"), QStringLiteral("User")},
            {QStringLiteral("name"), QStringLiteral("User")},
            {QStringLiteral("endpoint"), QStringLiteral("/Users")},
            {QStringLiteral("description"), QStringLiteral("A user of the organisation")},
            {QStringLiteral("schema"), lit(Scim::UserSchema)},
            {QStringLiteral("schemaExtensions"), QJsonArray()},
            {QStringLiteral("meta"),
             QJsonObject {
                 {QStringLiteral("resourceType"), QStringLiteral("ResourceType")},
                 {QStringLiteral("location"), QStringLiteral("/scim/v2/ResourceTypes/User")}}}};
}

QJsonObject attribute(const QString &name, const QString &type, bool required,
                      const QString &mutability, const QString &uniqueness, bool caseExact,
                      const QJsonArray &subAttributes = {})
{
    QJsonObject a {{QStringLiteral("name"), name},
                   {QStringLiteral("type"), type},
                   {QStringLiteral("multiValued"), false},
                   {QStringLiteral("required"), required},
                   {QStringLiteral("caseExact"), caseExact},
                   {QStringLiteral("mutability"), mutability},
                   {QStringLiteral("returned"), QStringLiteral("default")},
                   {QStringLiteral("uniqueness"), uniqueness}};
    if (!subAttributes.isEmpty())
        a.insert(QStringLiteral("subAttributes"), subAttributes);
    return a;
}

QJsonObject groupResourceType();
QJsonObject groupSchema();

QJsonObject userSchema()
{
    const QString rw = QStringLiteral("readWrite");
    const QString none = QStringLiteral("none");
    const QString str = QStringLiteral("string");
    return {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Schema")}},
        {QStringLiteral("id"), lit(Scim::UserSchema)},
        {QStringLiteral("name"), QStringLiteral("User")},
        {QStringLiteral("description"), QStringLiteral("A user of the organisation")},
        {QStringLiteral("attributes"),
         QJsonArray {
             attribute(QStringLiteral("userName"), str, true, rw, QStringLiteral("server"), false),
             attribute(
                 QStringLiteral("name"), QStringLiteral("complex"), false, rw, none, false,
                 QJsonArray {attribute(QStringLiteral("formatted"), str, false, rw, none, false),
                             attribute(QStringLiteral("givenName"), str, false, rw, none, false),
                             attribute(QStringLiteral("familyName"), str, false, rw, none, false)}),
             attribute(QStringLiteral("displayName"), str, false, rw, none, false),
             attribute(QStringLiteral("externalId"), str, false, rw, none, true),
             attribute(QStringLiteral("active"), QStringLiteral("boolean"), false, rw, none, false),
         }},
        {QStringLiteral("meta"),
         QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("Schema")},
                      {QStringLiteral("location"),
                       QStringLiteral("/scim/v2/Schemas/") + lit(Scim::UserSchema)}}}};
}

} // namespace

void ScimApi::resourceTypes(const ApiRequest &, ApiServer::Respond respond)
{
    respond(
        scimJson(200, listResponse(QJsonArray {userResourceType(), groupResourceType()}, 2, 1)));
}

void ScimApi::resourceType(const ApiRequest &r, ApiServer::Respond respond)
{
    if (r.params.at(0) == QLatin1String("Group"))
        return respond(scimJson(200, groupResourceType()));
    if (r.params.at(0) != QLatin1String("User"))
        return respond(Scim::error(404, {}, QStringLiteral("No such resource type.")));
    respond(scimJson(200, userResourceType()));
}

void ScimApi::schemas(const ApiRequest &, ApiServer::Respond respond)
{
    respond(scimJson(200, listResponse(QJsonArray {userSchema(), groupSchema()}, 2, 1)));
}

void ScimApi::schema(const ApiRequest &r, ApiServer::Respond respond)
{
    if (r.params.at(0) == QLatin1String(Scim::GroupSchema))
        return respond(scimJson(200, groupSchema()));
    if (r.params.at(0) != QLatin1String(Scim::UserSchema))
        return respond(Scim::error(404, {}, QStringLiteral("No such schema.")));
    respond(scimJson(200, userSchema()));
}

const StoredUser *ScimApi::directoryUser(const ApiRequest &r, const QString &id) const
{
    const StoredUser *u = m_service->user(id);
    if (!u || u->orgId != r.user->orgId || !OptOutService::isInDirectory(*u))
        return nullptr;
    return u;
}

QString ScimApi::usersLocation(const ApiRequest &r)
{
    QUrl location = r.url;
    location.setQuery(QString());
    location.setPath(QStringLiteral("/scim/v2/Users/"));
    return location.toString();
}

QJsonObject ScimApi::userJson(const ApiRequest &r, const StoredUser &u) const
{
    return userJson(usersLocation(r), u);
}

QJsonObject ScimApi::userJson(const QString &usersLocation, const StoredUser &u)
{
    QJsonObject o {
        {QStringLiteral("schemas"), QJsonArray {lit(Scim::UserSchema)}},
        {QStringLiteral("id"), u.id},
        {QStringLiteral("userName"), u.email},
        {QStringLiteral("name"), QJsonObject {{QStringLiteral("formatted"), u.name}}},
        {QStringLiteral("displayName"), u.name},
        {QStringLiteral("active"), u.active},
        {QStringLiteral("emails"),
         QJsonArray {QJsonObject {{QStringLiteral("value"), u.email},
                                  {QStringLiteral("type"), QStringLiteral("work")},
                                  {QStringLiteral("primary"), true}}}},
        {QStringLiteral("meta"),
         QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("User")},
                      {QStringLiteral("location"), usersLocation + u.id}}},
    };
    if (!u.externalId.isEmpty())
        o.insert(QStringLiteral("externalId"), u.externalId);
    return o;
}

void ScimApi::listUsers(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto paging = listPaging(r.query);
    if (const auto *e = std::get_if<ApiResponse>(&paging))
        return respond(*e);
    const qint64 startIndex = std::get<ListPaging>(paging).startIndex;
    const qint64 perPage = std::get<ListPaging>(paging).count;
    QVector<Scim::FilterTerm> filter;
    if (r.query.hasQueryItem(QStringLiteral("filter"))) {
        const auto parsed = Scim::parseFilter(
            r.query.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded));
        if (const auto *why = std::get_if<QString>(&parsed))
            return respond(badRequest(lit("invalidFilter"), *why));
        filter = std::get<QVector<Scim::FilterTerm>>(parsed);
    }
    const CachedOrg *org = m_service->org(r.user->orgId);
    if (!org)
        return respond(Scim::error(500, {}, QStringLiteral("Internal error.")));
    QVector<StoredUser> resources;
    qint64 total = 0;
    if (filter.isEmpty()) {
        total = org->directoryByEmail.size();
        for (qint64 i = startIndex - 1; i < std::min(total, startIndex - 1 + perPage); ++i)
            resources.append(*org->directoryByEmail.at(i));
    } else {
        // The first term picks the candidates from a look-up (every term is an `eq` on userName,
        // externalId or id), the others narrow them: no scan of the directory.
        const Scim::FilterTerm &first = filter.constFirst();
        QList<const StoredUser *> candidates;
        if (first.attribute == QLatin1String("userName")) {
            candidates = org->directoryByUserName.values(OptOutService::userNameKey(first.value));
        } else if (first.attribute == QLatin1String("externalId")) {
            candidates = org->directoryByExternalId.values(first.value);
        } else if (const StoredUser *u = directoryUser(r, first.value)) {
            candidates.append(u);
        }
        std::sort(candidates.begin(), candidates.end(),
                  [](const StoredUser *a, const StoredUser *b) {
                      return a->email < b->email || (a->email == b->email && a->id < b->id);
                  });
        for (const StoredUser *u : std::as_const(candidates)) {
            if (!Scim::matches(filter, *u))
                continue;
            ++total;
            if (total >= startIndex && resources.size() < perPage)
                resources.append(*u);
        }
    }
    withGroups(
        r, resources,
        [total, startIndex](const QVector<QJsonObject> &users) {
            QJsonArray list;
            for (const QJsonObject &u : users)
                list.append(u);
            return scimJson(200, listResponse(list, total, startIndex));
        },
        std::move(respond));
}

void ScimApi::getUser(const ApiRequest &r, ApiServer::Respond respond)
{
    const StoredUser *u = directoryUser(r, r.params.at(0));
    if (!u)
        return respond(Scim::error(404, {}, QStringLiteral("No such user.")));
    withGroups(
        r, {*u},
        [](const QVector<QJsonObject> &users) { return scimJson(200, users.constFirst()); },
        std::move(respond));
}

void ScimApi::write(const ApiRequest &r, DirectoryUserChange change, int status,
                    ApiServer::Respond respond)
{
    change.orgId = r.user->orgId;
    change.requestId = r.requestId;
    m_service->writeDirectoryUser(
        change, this,
        [this, r, status, respond = std::move(respond)](StoreResult<DirectoryUserOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const DirectoryUserOutcome &o = result.value;
            if (o.kind == DirectoryUserOutcome::Kind::Conflict) {
                return respond(Scim::error(409, QStringLiteral("uniqueness"),
                                           QStringLiteral("Another user has this userName.")));
            }
            if (o.kind == DirectoryUserOutcome::Kind::NotFound)
                return respond(Scim::error(404, {}, QStringLiteral("No such user.")));
            if (status == 204)
                return respond(ApiResponse {204, {}, {}});
            withGroups(
                r, {o.user},
                [status](const QVector<QJsonObject> &users) {
                    ApiResponse response = scimJson(status, users.constFirst());
                    if (status == 201) {
                        response.headers.append(qMakePair(
                            QByteArray("Location"),
                            users.constFirst()[QLatin1String("meta")][QLatin1String("location")]
                                .toString()
                                .toUtf8()));
                    }
                    return response;
                },
                std::move(respond));
        });
}

namespace {

DirectoryUserChange changeOf(const Scim::UserFields &f, DirectoryUserChange::Kind kind)
{
    DirectoryUserChange c;
    c.kind = kind;
    c.email = f.userName;
    c.name = f.name();
    c.externalId = f.externalId;
    c.active = f.active;
    return c;
}

} // namespace

void ScimApi::createUser(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    const auto fields = Scim::parseUser(std::get<QJsonObject>(body));
    if (const auto *e = std::get_if<ApiResponse>(&fields))
        return respond(*e);
    write(r, changeOf(std::get<Scim::UserFields>(fields), DirectoryUserChange::Kind::Create), 201,
          std::move(respond));
}

void ScimApi::replaceUser(const ApiRequest &r, ApiServer::Respond respond)
{
    const StoredUser *u = directoryUser(r, r.params.at(0));
    if (!u)
        return respond(Scim::error(404, {}, QStringLiteral("No such user.")));
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    const auto fields = Scim::parseUser(std::get<QJsonObject>(body));
    if (const auto *e = std::get_if<ApiResponse>(&fields))
        return respond(*e);
    DirectoryUserChange c
        = changeOf(std::get<Scim::UserFields>(fields), DirectoryUserChange::Kind::Update);
    c.userId = u->id;
    write(r, c, 200, std::move(respond));
}

void ScimApi::patchUser(const ApiRequest &r, ApiServer::Respond respond)
{
    const StoredUser *u = directoryUser(r, r.params.at(0));
    if (!u)
        return respond(Scim::error(404, {}, QStringLiteral("No such user.")));
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    Scim::UserFields fields = Scim::UserFields::of(*u);
    const Scim::UserFields before = fields;
    if (auto e = Scim::applyPatch(std::get<QJsonObject>(body), &fields))
        return respond(*e);
    // A name given in parts replaces the kept one; otherwise the kept name stays.
    if (fields.formatted == before.formatted
        && (!fields.givenName.isEmpty() || !fields.familyName.isEmpty()))
        fields.formatted.clear();
    else if (fields.formatted == before.formatted && fields.displayName != before.displayName)
        fields.formatted = fields.displayName;
    DirectoryUserChange c = changeOf(fields, DirectoryUserChange::Kind::Update);
    c.userId = u->id;
    write(r, c, 200, std::move(respond));
}

void ScimApi::deleteUser(const ApiRequest &r, ApiServer::Respond respond)
{
    const StoredUser *u = directoryUser(r, r.params.at(0));
    if (!u)
        return respond(Scim::error(404, {}, QStringLiteral("No such user.")));
    DirectoryUserChange c = changeOf(Scim::UserFields::of(*u), DirectoryUserChange::Kind::Update);
    c.userId = u->id;
    c.active = false;
    c.deleted = true;
    write(r, c, 204, std::move(respond));
}

// ---- Groups ---------------------------------------------------------------------------------

namespace {

QString groupsLocation(const ApiRequest &r)
{
    QUrl location = r.url;
    location.setQuery(QString());
    location.setPath(QStringLiteral("/scim/v2/Groups/"));
    return location.toString();
}

std::optional<ApiResponse> checkText(const QJsonValue &value, const QString &name, bool required,
                                     QString *target)
{
    const auto s = stringOf(value);
    if (!s || hasControlCharacters(*s) || (required && s->trimmed().isEmpty()) || s->size() > 500)
        return badRequest(lit("invalidValue"),
                          QStringLiteral("'%1' must be a non-empty string of at most 500 "
                                         "characters.")
                              .arg(name));
    *target = s->trimmed();
    return std::nullopt;
}

// A members value: an array of {"value": "<user id>", ...} (a single object too, as some
// clients send it).
std::variant<QStringList, ApiResponse> memberIdsOf(const QJsonValue &value)
{
    QJsonArray list;
    if (value.isArray())
        list = value.toArray();
    else if (value.isObject())
        list.append(value);
    else if (!value.isNull())
        return badRequest(lit("invalidValue"), QStringLiteral("'members' must be an array."));
    QStringList ids;
    for (const QJsonValue &item : std::as_const(list)) {
        const QJsonValue id = item.toObject().value(QLatin1String("value"));
        if (!item.isObject() || !id.isString() || id.toString().isEmpty()
            || hasControlCharacters(id.toString()))
            return badRequest(lit("invalidValue"),
                              QStringLiteral("Each member must be an object with a 'value' "
                                             "naming a user."));
        ids.append(id.toString());
    }
    return ids;
}

// `members[value eq "<id>"]`: the id, or nullopt when the path is not of this form.
std::optional<QString> memberFilterPath(const QString &path)
{
    const int open = path.indexOf(QLatin1Char('['));
    if (open < 0 || !path.endsWith(QLatin1Char(']'))
        || path.left(open).trimmed().compare(QLatin1String("members"), Qt::CaseInsensitive) != 0)
        return std::nullopt;
    const auto terms = Scim::parseFilter(path.mid(open + 1, path.size() - open - 2),
                                         Scim::GroupSchema, {QStringLiteral("value")});
    const auto *list = std::get_if<QVector<Scim::FilterTerm>>(&terms);
    if (!list || list->size() != 1)
        return std::nullopt;
    return list->constFirst().value;
}

// A group attribute name with its schema's URN prefix removed, lower case.
QString groupKey(const QString &name)
{
    QString key = name.trimmed();
    const QString urn = lit(Scim::GroupSchema) + QLatin1Char(':');
    if (key.startsWith(urn, Qt::CaseInsensitive))
        key = key.mid(urn.size());
    return key.toLower();
}

QJsonObject groupResourceType()
{
    return {{QStringLiteral("schemas"),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:ResourceType")}},
            {QStringLiteral("id"), QStringLiteral("Group")},
            {QStringLiteral("name"), QStringLiteral("Group")},
            {QStringLiteral("endpoint"), QStringLiteral("/Groups")},
            {QStringLiteral("description"), QStringLiteral("A group of the organisation")},
            {QStringLiteral("schema"), lit(Scim::GroupSchema)},
            {QStringLiteral("schemaExtensions"), QJsonArray()},
            {QStringLiteral("meta"),
             QJsonObject {
                 {QStringLiteral("resourceType"), QStringLiteral("ResourceType")},
                 {QStringLiteral("location"), QStringLiteral("/scim/v2/ResourceTypes/Group")}}}};
}

QJsonObject groupSchema()
{
    const QString rw = QStringLiteral("readWrite");
    const QString none = QStringLiteral("none");
    const QString str = QStringLiteral("string");
    QJsonObject members
        = attribute(QStringLiteral("members"), QStringLiteral("complex"), false, rw, none, false,
                    QJsonArray {attribute(QStringLiteral("value"), str, false,
                                          QStringLiteral("immutable"), none, true),
                                attribute(QStringLiteral("display"), str, false,
                                          QStringLiteral("readOnly"), none, false)});
    members.insert(QStringLiteral("multiValued"), true);
    return {{QStringLiteral("schemas"),
             QJsonArray {QStringLiteral("urn:ietf:params:scim:schemas:core:2.0:Schema")}},
            {QStringLiteral("id"), lit(Scim::GroupSchema)},
            {QStringLiteral("name"), QStringLiteral("Group")},
            {QStringLiteral("description"), QStringLiteral("A group of the organisation")},
            {QStringLiteral("attributes"),
             QJsonArray {
                 attribute(QStringLiteral("displayName"), str, true, rw, QStringLiteral("server"),
                           false),
                 attribute(QStringLiteral("externalId"), str, false, rw, none, true),
                 members,
             }},
            {QStringLiteral("meta"),
             QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("Schema")},
                          {QStringLiteral("location"),
                           QStringLiteral("/scim/v2/Schemas/") + lit(Scim::GroupSchema)}}}};
}

} // namespace

namespace Scim {

std::variant<GroupFields, ApiResponse> parseGroup(const QJsonObject &body)
{
    if (!declares(body, GroupSchema)) {
        return badRequest(lit("invalidSyntax"),
                          QStringLiteral("'schemas' must hold \"%1\".").arg(lit(GroupSchema)));
    }
    GroupFields f;
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = groupKey(it.key());
        if (key == QLatin1String("schemas") || key == QLatin1String("id")
            || key == QLatin1String("meta"))
            continue; // read-only or already checked
        if (key == QLatin1String("displayname")) {
            if (auto e = checkText(it.value(), it.key(), true, &f.displayName))
                return *e;
        } else if (key == QLatin1String("externalid")) {
            if (auto e = checkText(it.value(), it.key(), false, &f.externalId))
                return *e;
        } else if (key == QLatin1String("members")) {
            const auto ids = memberIdsOf(it.value());
            if (const auto *e = std::get_if<ApiResponse>(&ids))
                return *e;
            f.members = std::get<QStringList>(ids);
        } else {
            return badRequest(lit("invalidSyntax"),
                              QStringLiteral("Unknown attribute '%1'.").arg(it.key()));
        }
    }
    if (f.displayName.isEmpty())
        return badRequest(lit("invalidValue"), QStringLiteral("'displayName' is required."));
    return f;
}

std::optional<ApiResponse> parseGroupPatch(const QJsonObject &body, GroupChangeRequest *request)
{
    const auto operations = patchOperations(body);
    if (const auto *e = std::get_if<ApiResponse>(&operations))
        return *e;
    GroupChangeRequest r = *request; // all or nothing
    using Op = GroupMemberOp::Kind;
    // One attribute set (add, replace) or removed: `value` undefined for a remove.
    const auto apply = [&r](const QString &name, const QString &op,
                            const QJsonValue &value) -> std::optional<ApiResponse> {
        const QString key = groupKey(name);
        const bool remove = op == QLatin1String("remove");
        if (key == QLatin1String("displayname")) {
            if (remove)
                return badRequest(lit("mutability"),
                                  QStringLiteral("'displayName' cannot be removed."));
            QString text;
            if (auto e = checkText(value, name, true, &text))
                return e;
            r.displayName = text;
            return std::nullopt;
        }
        if (key == QLatin1String("externalid")) {
            QString text;
            if (!remove) {
                if (auto e = checkText(value, name, false, &text))
                    return e;
            }
            r.externalId = text;
            return std::nullopt;
        }
        if (key == QLatin1String("members")) {
            if (remove && value.isUndefined()) {
                r.memberOps.append({Op::RemoveAll, {}});
                return std::nullopt;
            }
            const auto ids = memberIdsOf(value);
            if (const auto *e = std::get_if<ApiResponse>(&ids))
                return *e;
            r.memberOps.append({remove                           ? Op::Remove
                                    : op == QLatin1String("add") ? Op::Add
                                                                 : Op::Replace,
                                std::get<QStringList>(ids)});
            return std::nullopt;
        }
        if (key == QLatin1String("id") || key == QLatin1String("schemas")
            || key == QLatin1String("meta"))
            return std::nullopt; // read-only: Entra ID repeats the id in path-less values
        return badRequest(lit("invalidPath"), QStringLiteral("Unknown attribute '%1'.").arg(name));
    };
    for (const PatchOperation &op : std::get<QVector<PatchOperation>>(operations)) {
        if (!op.path.isEmpty()) {
            if (op.path.contains(QLatin1Char('['))) {
                // members[value eq "<id>"]: only a remove names one member this way.
                const auto id = memberFilterPath(op.path);
                if (!id || !op.remove())
                    return badRequest(
                        lit("invalidPath"),
                        QStringLiteral("The path '%1' is not supported.").arg(op.path));
                r.memberOps.append({Op::Remove, {*id}});
                continue;
            }
            if (!op.remove() && op.value.isUndefined())
                return badRequest(lit("invalidValue"), QStringLiteral("'value' is missing."));
            if (auto e = apply(op.path, op.op, op.value))
                return e;
            continue;
        }
        // No path: the value is an object of attributes.
        const QJsonObject values = op.value.toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (auto e = apply(it.key(), op.op, it.value()))
                return e;
        }
    }
    *request = r;
    return std::nullopt;
}

} // namespace Scim

QJsonObject ScimApi::groupJson(const ApiRequest &r, const StoredGroup &g, bool withMembers) const
{
    const QString location = groupsLocation(r);
    QJsonObject o {
        {QStringLiteral("schemas"), QJsonArray {lit(Scim::GroupSchema)}},
        {QStringLiteral("id"), g.id},
        {QStringLiteral("displayName"), g.displayName},
        {QStringLiteral("meta"),
         QJsonObject {{QStringLiteral("resourceType"), QStringLiteral("Group")},
                      {QStringLiteral("created"), g.createdAt.toString(Qt::ISODate)},
                      {QStringLiteral("location"), location + g.id}}},
    };
    if (!g.externalId.isEmpty())
        o.insert(QStringLiteral("externalId"), g.externalId);
    if (withMembers) {
        const QString users = usersLocation(r);
        QJsonArray members;
        for (const QString &id : g.memberIds) {
            const StoredUser *u = directoryUser(r, id);
            if (!u)
                continue; // deleted from the directory: not shown, kept for a return
            members.append(QJsonObject {{QStringLiteral("value"), id},
                                        {QStringLiteral("display"), u->email},
                                        {QStringLiteral("type"), QStringLiteral("User")},
                                        {QStringLiteral("$ref"), users + id}});
        }
        o.insert(QStringLiteral("members"), members);
    }
    return o;
}

void ScimApi::withGroups(const ApiRequest &r, const QVector<StoredUser> &users,
                         std::function<ApiResponse(const QVector<QJsonObject> &)> make,
                         ApiServer::Respond respond)
{
    QStringList ids;
    ids.reserve(users.size());
    for (const StoredUser &u : users)
        ids.append(u.id);
    m_service->groupsOfUsers(
        r.user->orgId, ids, this,
        [this, r, users, make = std::move(make),
         respond = std::move(respond)](StoreResult<UserGroups> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const QString location = usersLocation(r); // once per page, not per user
            const QString groups = groupsLocation(r);
            QVector<QJsonObject> list;
            list.reserve(users.size());
            for (const StoredUser &u : users) {
                QJsonObject o = userJson(location, u);
                QJsonArray of;
                for (const auto &[id, name] : result.value.value(u.id)) {
                    of.append(QJsonObject {{QStringLiteral("value"), id},
                                           {QStringLiteral("display"), name},
                                           {QStringLiteral("type"), QStringLiteral("direct")},
                                           {QStringLiteral("$ref"), groups + id}});
                }
                o.insert(QStringLiteral("groups"), of);
                list.append(o);
            }
            respond(make(list));
        });
}

void ScimApi::listGroups(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto paging = listPaging(r.query);
    if (const auto *e = std::get_if<ApiResponse>(&paging))
        return respond(*e);
    GroupQuery query;
    query.orgId = r.user->orgId;
    const qint64 startIndex = std::get<ListPaging>(paging).startIndex;
    query.offset = startIndex - 1;
    query.limit = std::get<ListPaging>(paging).count;
    if (r.query.hasQueryItem(QStringLiteral("filter"))) {
        const auto parsed = Scim::parseFilter(
            r.query.queryItemValue(QStringLiteral("filter"), QUrl::FullyDecoded), Scim::GroupSchema,
            {QStringLiteral("displayName"), QStringLiteral("externalId"), QStringLiteral("id"),
             QStringLiteral("members"), QStringLiteral("members.value")});
        if (const auto *why = std::get_if<QString>(&parsed))
            return respond(badRequest(lit("invalidFilter"), *why));
        for (const Scim::FilterTerm &t : std::get<QVector<Scim::FilterTerm>>(parsed)) {
            // Entra ID's membership check: `members eq "u"` or `members[value eq "u"]`.
            const bool member = t.attribute.startsWith(QLatin1String("members"));
            QString *field = member                           ? &query.memberId
                : t.attribute == QLatin1String("displayName") ? &query.displayName
                : t.attribute == QLatin1String("externalId")  ? &query.externalId
                                                              : &query.id;
            // Two different values for one attribute match nothing.
            if (!field->isEmpty() && *field != t.value)
                query.id = QStringLiteral("-"); // no group has this id
            else
                *field = t.value;
        }
        // A membership check names its group; which groups a user is in is the user's
        // "groups" attribute.
        if (!query.memberId.isEmpty() && query.id.isEmpty())
            return respond(badRequest(lit("invalidFilter"),
                                      QStringLiteral("A filter on members must also name the "
                                                     "group: id eq \"...\" and members eq "
                                                     "\"...\".")));
    }
    const bool withMembers = !r.query.queryItemValue(QStringLiteral("excludedAttributes"))
                                  .split(QLatin1Char(','))
                                  .contains(QStringLiteral("members"), Qt::CaseInsensitive);
    query.withMembers = withMembers;
    m_service->directoryGroups(
        query, this,
        [this, r, startIndex, withMembers,
         respond = std::move(respond)](StoreResult<GroupPage> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            QJsonArray resources;
            for (const StoredGroup &g : std::as_const(result.value.groups))
                resources.append(groupJson(r, g, withMembers));
            respond(scimJson(200, listResponse(resources, result.value.total, startIndex)));
        });
}

void ScimApi::getGroup(const ApiRequest &r, ApiServer::Respond respond)
{
    GroupQuery query;
    query.orgId = r.user->orgId;
    query.id = r.params.at(0);
    query.limit = 1;
    query.withMembers = !r.query.queryItemValue(QStringLiteral("excludedAttributes"))
                             .split(QLatin1Char(','))
                             .contains(QStringLiteral("members"), Qt::CaseInsensitive);
    const bool withMembers = query.withMembers;
    m_service->directoryGroups(
        query, this,
        [this, r, withMembers, respond = std::move(respond)](StoreResult<GroupPage> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            if (result.value.groups.isEmpty())
                return respond(Scim::error(404, {}, QStringLiteral("No such group.")));
            respond(scimJson(200, groupJson(r, result.value.groups.constFirst(), withMembers)));
        });
}

void ScimApi::writeGroup(const ApiRequest &r, GroupChangeRequest request, int status,
                         ApiServer::Respond respond)
{
    request.orgId = r.user->orgId;
    request.requestId = r.requestId;
    m_service->writeDirectoryGroup(
        request, this,
        [this, r, status, respond = std::move(respond)](StoreResult<GroupChangeOutcome> result) {
            if (!result.ok())
                return respond(storeFailure(result.status));
            const GroupChangeOutcome &o = result.value;
            using Kind = GroupChangeOutcome::Kind;
            switch (o.kind) {
            case Kind::NotFound:
                return respond(Scim::error(404, {}, QStringLiteral("No such group.")));
            case Kind::NameTaken:
                return respond(Scim::error(409, QStringLiteral("uniqueness"),
                                           QStringLiteral("Another group has this displayName.")));
            case Kind::UnknownMembers:
                return respond(
                    Scim::error(400, QStringLiteral("invalidValue"),
                                QStringLiteral("Not users of the organisation: %1.")
                                    .arg(o.unknownUserIds.mid(0, 20).join(QLatin1String(", ")))));
            case Kind::Applied:
                break;
            }
            if (status == 204)
                return respond(ApiResponse {204, {}, {}});
            ApiResponse response = scimJson(status, groupJson(r, o.group, true));
            if (status == 201) {
                response.headers.append(
                    qMakePair(QByteArray("Location"), (groupsLocation(r) + o.group.id).toUtf8()));
            }
            respond(std::move(response));
        });
}

void ScimApi::createGroup(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    const auto fields = Scim::parseGroup(std::get<QJsonObject>(body));
    if (const auto *e = std::get_if<ApiResponse>(&fields))
        return respond(*e);
    const Scim::GroupFields &f = std::get<Scim::GroupFields>(fields);
    GroupChangeRequest request;
    request.kind = GroupChangeRequest::Kind::Create;
    request.displayName = f.displayName;
    request.externalId = f.externalId;
    if (f.members)
        request.memberOps.append({GroupMemberOp::Kind::Replace, *f.members});
    writeGroup(r, request, 201, std::move(respond));
}

void ScimApi::replaceGroup(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    const auto fields = Scim::parseGroup(std::get<QJsonObject>(body));
    if (const auto *e = std::get_if<ApiResponse>(&fields))
        return respond(*e);
    const Scim::GroupFields &f = std::get<Scim::GroupFields>(fields);
    GroupChangeRequest request;
    request.kind = GroupChangeRequest::Kind::Replace;
    request.groupId = r.params.at(0);
    request.displayName = f.displayName;
    request.externalId = f.externalId;
    // Members are replaced when the body has them; a PUT that only renames keeps them (an
    // identity provider that sends no members means no change to them, never "opt them in").
    if (f.members)
        request.memberOps.append({GroupMemberOp::Kind::Replace, *f.members});
    writeGroup(r, request, 200, std::move(respond));
}

void ScimApi::patchGroup(const ApiRequest &r, ApiServer::Respond respond)
{
    const auto body = parseBody(r.body);
    if (const auto *e = std::get_if<ApiResponse>(&body))
        return respond(*e);
    GroupChangeRequest request;
    request.kind = GroupChangeRequest::Kind::Patch;
    request.groupId = r.params.at(0);
    if (auto e = Scim::parseGroupPatch(std::get<QJsonObject>(body), &request))
        return respond(*e);
    writeGroup(r, request, 204, std::move(respond));
}

void ScimApi::deleteGroup(const ApiRequest &r, ApiServer::Respond respond)
{
    GroupChangeRequest request;
    request.kind = GroupChangeRequest::Kind::Delete;
    request.groupId = r.params.at(0);
    writeGroup(r, request, 204, std::move(respond));
}
