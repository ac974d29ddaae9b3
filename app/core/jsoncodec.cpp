// Pure functions that turn the service's JSON into values and back, rejecting anything malformed.
#include "jsoncodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace JsonCodec {

namespace {

// Reads typed fields of one JSON object; the first problem is kept with its path, later reads
// return defaults so a decoder can read everything and check ok() once.
class Reader
{
public:
    Reader(QString *problem, const QJsonObject &object, const QString &path)
        : m_problem(problem)
        , m_object(object)
        , m_path(path)
    {
    }

    bool ok() const { return m_problem->isEmpty(); }

    QString string(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isString()) {
            fail(key, value, "a string");
            return {};
        }
        return value.toString();
    }

    // A non-empty string (ids).
    QString id(const char *key)
    {
        const QString value = string(key);
        if (ok() && value.isEmpty())
            fail(key, QJsonValue(value), "a non-empty string");
        return value;
    }

    // null or absent -> empty string.
    QString optionalString(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isNull() || value.isUndefined())
            return {};
        if (!value.isString()) {
            fail(key, value, "a string or null");
            return {};
        }
        return value.toString();
    }

    // Absent -> `fallback`; present, it must be a boolean.
    bool optionalBoolean(const char *key, bool fallback)
    {
        if (!m_object.contains(QLatin1String(key)))
            return fallback;
        return boolean(key);
    }

    bool boolean(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isBool()) {
            fail(key, value, "true or false");
            return false;
        }
        return value.toBool();
    }

    qint64 integer(const char *key, qint64 minimum = 0)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        const double number = value.toDouble();
        // 2^53: beyond it a double no longer holds every integer.
        if (!value.isDouble() || std::floor(number) != number || number < double(minimum)
            || number > 9007199254740992.0) {
            fail(key, value, "a whole number");
            return 0;
        }
        return qint64(number);
    }

    // Absent or null -> `fallback`; present, it must be a whole number.
    qint64 optionalInteger(const char *key, qint64 fallback)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (value.isUndefined() || value.isNull())
            return fallback;
        return integer(key);
    }

    // An array of strings (non-empty ones with `nonEmpty`); the first other element is the
    // problem, and the list stops before it.
    QStringList strings(const char *key, bool nonEmpty = false)
    {
        const QJsonArray values = array(key);
        QStringList list;
        for (qsizetype i = 0; ok() && i < values.size(); ++i) {
            const QJsonValue value = values.at(i);
            if (!value.isString() || (nonEmpty && value.toString().isEmpty())) {
                *m_problem = childPath(key, i)
                    + QLatin1String(nonEmpty ? ": expected a non-empty string"
                                             : ": expected a string");
                break;
            }
            list.append(value.toString());
        }
        return list;
    }

    QDateTime time(const char *key, bool nullable = false)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (nullable && (value.isNull() || value.isUndefined()))
            return {};
        const QDateTime parsed = parseTime(value.toString());
        if (!value.isString() || !parsed.isValid()) {
            fail(key, value, "an RFC 3339 time");
            return {};
        }
        return parsed;
    }

    QJsonObject object(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isObject()) {
            fail(key, value, "an object");
            return {};
        }
        return value.toObject();
    }

    QJsonArray array(const char *key)
    {
        const QJsonValue value = m_object.value(QLatin1String(key));
        if (!value.isArray()) {
            fail(key, value, "an array");
            return {};
        }
        return value.toArray();
    }

    QString childPath(const char *key, qsizetype index = -1) const
    {
        QString path = m_path.isEmpty() ? QString::fromLatin1(key)
                                        : m_path + QLatin1Char('.') + QLatin1String(key);
        if (index >= 0)
            path += QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
        return path;
    }

    QString *problem() const { return m_problem; }

private:
    void fail(const char *key, const QJsonValue &value, const char *expected)
    {
        if (!ok())
            return;
        static const char *const typeNames[]
            = {"null", "a boolean", "a number", "a string", "an array", "an object"};
        const char *got = value.isUndefined() ? "nothing" : typeNames[int(value.type())];
        *m_problem = childPath(key) + QLatin1String(": expected ") + QLatin1String(expected)
            + QLatin1String(", got ") + QLatin1String(got);
    }

    QString *m_problem;
    QJsonObject m_object;
    QString m_path;
};

// The top-level object of a body, or a problem.
bool parseObject(const QByteArray &json, QJsonObject *object, QString *problem)
{
    if (json.trimmed().isEmpty()) {
        *problem = QStringLiteral("empty body");
        return false;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        *problem = QStringLiteral("invalid JSON at offset %1: %2")
                       .arg(error.offset)
                       .arg(error.errorString());
        return false;
    }
    if (!document.isObject()) {
        *problem = QStringLiteral("expected a JSON object at the top level");
        return false;
    }
    *object = document.object();
    return true;
}

User readUser(QString *problem, const QJsonObject &object, const QString &path,
              bool nameRequired = true)
{
    Reader r(problem, object, path);
    User user;
    user.id = r.id("id");
    user.email = r.string("email");
    user.name = nameRequired ? r.string("name") : r.optionalString("name");
    return user;
}

// A user another object names (an author, an actor, a sample): the name may be null.
User readUserRef(QString *problem, const QJsonObject &object, const QString &path)
{
    return readUser(problem, object, path, false);
}

// A user of a list of users: the name is required.
User readNamedUser(QString *problem, const QJsonObject &object, const QString &path)
{
    return readUser(problem, object, path);
}

// An object inside `r` at `key`, read by `read`.
template<typename T, typename Read> T readChild(Reader &r, const char *key, Read read)
{
    const QJsonObject object = r.object(key);
    if (!r.ok())
        return {};
    return read(r.problem(), object, r.childPath(key));
}

template<typename T, typename Read> QList<T> readList(Reader &r, const char *key, Read read)
{
    const QJsonArray array = r.array(key);
    QList<T> list;
    if (!r.ok())
        return list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size() && r.ok(); ++i) {
        const QString path = r.childPath(key, i);
        if (!array.at(i).isObject()) {
            *r.problem() = path + QLatin1String(": expected an object");
            break;
        }
        list.append(read(r.problem(), array.at(i).toObject(), path));
    }
    return list;
}

// A group named in a rule or a cover: {"id", "name"}.
User readGroupRef(QString *problem, const QJsonObject &object, const QString &path)
{
    Reader g(problem, object, path);
    User named;
    named.id = g.id("id");
    named.name = g.string("name");
    return named;
}

// One element of an entry's `via`.
OptOutCover readCover(QString *problem, const QJsonObject &object, const QString &path)
{
    Reader r(problem, object, path);
    OptOutCover cover;
    const QString kind = r.string("kind");
    if (!r.ok())
        return cover;
    if (kind == QLatin1String("individual")) {
        cover.kind = OptOutCover::Kind::Individual;
    } else if (kind == QLatin1String("group")) {
        cover.kind = OptOutCover::Kind::Group;
        cover.ruleId = r.id("ruleId");
        const User group = readChild<User>(r, "group", readGroupRef);
        cover.groupId = group.id;
        cover.groupName = group.name;
    } else if (kind == QLatin1String("emailDomain")) {
        cover.kind = OptOutCover::Kind::EmailDomain;
        cover.ruleId = r.id("ruleId");
        cover.domain = r.id("domain");
    } else {
        *problem = r.childPath("kind") + QLatin1String(": unknown kind ") + kind;
    }
    return cover;
}

OptOutRule readRule(QString *problem, const QJsonObject &o, const QString &at)
{
    Reader e(problem, o, at);
    OptOutRule rule;
    rule.id = e.id("id");
    rule.kind = e.string("kind");
    if (rule.kind == QLatin1String("group")) {
        const User group = readChild<User>(e, "group", readGroupRef);
        rule.groupId = group.id;
        rule.groupName = group.name;
    } else if (rule.kind == QLatin1String("emailDomain")) {
        rule.domain = e.string("domain");
    }
    rule.reason = e.optionalString("reason");
    rule.createdAt = e.time("createdAt", true);
    const QJsonValue by = o.value(QLatin1String("createdBy"));
    if (by.isObject()) {
        const User creator = readChild<User>(e, "createdBy", readUserRef);
        rule.createdByName = creator.name;
        rule.createdByEmail = creator.email;
    }
    rule.userCount = e.optionalInteger("userCount", rule.userCount);
    return rule;
}

// The rule of an audit entry: {"id", "kind", "group": {"id", "name"} | "domain"}.
OptOutRule readRuleRef(QString *problem, const QJsonObject &o, const QString &at)
{
    Reader e(problem, o, at);
    OptOutRule rule;
    rule.id = e.id("id");
    rule.kind = e.string("kind");
    if (rule.kind == QLatin1String("group")) {
        const User group = readChild<User>(e, "group", readGroupRef);
        rule.groupId = group.id;
        rule.groupName = group.name;
    } else if (rule.kind == QLatin1String("emailDomain")) {
        rule.domain = e.id("domain");
    } else if (e.ok()) {
        *problem = e.childPath("kind") + QLatin1String(": unknown kind ") + rule.kind;
    }
    return rule;
}

OptOutEntry readEntry(QString *problem, const QJsonObject &object, const QString &path)
{
    Reader r(problem, object, path);
    OptOutEntry entry;
    entry.user = readChild<User>(r, "user", readNamedUser);
    entry.optedOutAt = r.time("optedOutAt");
    entry.optedOutBy = readChild<User>(r, "optedOutBy", readUserRef);
    // Both absent from an older service's answers.
    entry.reason = r.optionalString("reason");
    entry.purgeAt = r.time("purgeAt", true);
    // Absent from a service without rules: then the opt-out is the user's own.
    if (object.contains(QLatin1String("via")))
        entry.via = readList<OptOutCover>(r, "via", readCover);
    return entry;
}

// The paging fields of a page of users or of groups.
template<typename Page> void readPaging(Reader &r, Page *page)
{
    page->page = int(r.integer("page"));
    page->pageSize = int(r.integer("pageSize", 1));
    page->total = int(r.integer("total"));
    page->lastPage = r.boolean("lastPage");
}

// Every decoder of a body that is one object: the body parsed (a problem there is malformed
// with the reply's `status`), `read(reader, object)` reads the value's fields with a Reader on
// the object, and the first problem it met makes the answer malformed (with `status` too).
template<typename T, typename Read>
ApiResult<T> decodeObject(const QByteArray &json, Read read, int status = 200)
{
    QString problem;
    QJsonObject object;
    if (!parseObject(json, &object, &problem))
        return ApiError::malformed(status, problem);
    Reader r(&problem, object, {});
    T value = read(r, std::as_const(object));
    if (!problem.isEmpty())
        return ApiError::malformed(status, problem);
    return value;
}

} // namespace

QDateTime parseTime(const QString &text)
{
    // Qt::ISODate accepts "Z", offsets and fractions; require the date-time form of RFC 3339.
    if (text.size() < 20 || text.at(10) != QLatin1Char('T'))
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return {};
    if (time.timeSpec() == Qt::LocalTime)
        return {}; // RFC 3339 always has an offset or Z
    return time.toUTC();
}

QString formatTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

ApiResult<Me> decodeMe(const QByteArray &json)
{
    return decodeObject<Me>(json, [](Reader &r, const QJsonObject &) {
        Me me;
        me.id = r.id("id");
        me.email = r.string("email");
        me.name = r.string("name");
        me.roles = r.strings("roles");
        const QJsonObject org = r.object("org");
        if (r.ok()) {
            Reader o(r.problem(), org, QStringLiteral("org"));
            me.orgId = o.id("id");
            me.orgName = o.string("name");
            me.productName = o.string("productName");
            // Absent from an older service's answer.
            me.purgeAfterSeconds = o.optionalInteger("purgeAfterSeconds", me.purgeAfterSeconds);
            me.orgTimeZone = o.optionalString("timeZone");
        }
        me.usageTracking = r.boolean("usageTracking");
        return me;
    });
}

ApiResult<UsersPage> decodeUsersPage(const QByteArray &json)
{
    return decodeObject<UsersPage>(json, [](Reader &r, const QJsonObject &) {
        UsersPage page;
        page.users = readList<User>(r, "users", readNamedUser);
        readPaging(r, &page);
        return page;
    });
}

ApiResult<OptOutList> decodeOptOutList(const QByteArray &json)
{
    return decodeObject<OptOutList>(json, [](Reader &r, const QJsonObject &object) {
        OptOutList list;
        list.revision = r.integer("revision");
        list.optOuts = readList<OptOutEntry>(r, "optOuts", readEntry);
        if (object.contains(QLatin1String("since"))) {
            // What changed since a revision the client holds (GET /optouts?since=).
            list.since = r.integer("since");
            list.optedIn = r.strings("optedIn", true);
            if (r.ok() && list.since > list.revision)
                *r.problem() = QStringLiteral("since: after the revision");
        }
        // A few administrators opted out everybody: their names and e-mails are stored once, not
        // once per entry (20,000 entries, about 3 MB).
        QHash<QString, User> actors;
        for (OptOutEntry &entry : list.optOuts) {
            const auto known = actors.constFind(entry.optedOutBy.id);
            if (known == actors.cend())
                actors.insert(entry.optedOutBy.id, entry.optedOutBy);
            else if (*known == entry.optedOutBy)
                entry.optedOutBy = *known;
        }
        return list;
    });
}

ApiResult<OptOutEntry> decodeOptOutEntry(const QByteArray &json)
{
    return decodeObject<OptOutEntry>(json, [](Reader &r, const QJsonObject &object) {
        return readEntry(r.problem(), object, {});
    });
}

ApiResult<BatchResult> decodeBatchResult(const QByteArray &json)
{
    return decodeObject<BatchResult>(json, [](Reader &r, const QJsonObject &) {
        BatchResult result;
        result.revision = r.integer("revision");
        result.optedOut = int(r.integer("optedOut"));
        result.optedIn = int(r.integer("optedIn"));
        return result;
    });
}

ApiResult<SyncState> decodeSyncState(const QByteArray &json)
{
    return decodeObject<SyncState>(json, [](Reader &r, const QJsonObject &) {
        SyncState state;
        state.usersRevision = r.integer("usersRevision");
        state.optOutsRevision = r.integer("optOutsRevision");
        state.usageTracking = r.boolean("usageTracking");
        return state;
    });
}

ApiResult<AuditPage> decodeAuditPage(const QByteArray &json)
{
    return decodeObject<AuditPage>(json, [](Reader &r, const QJsonObject &) {
        AuditPage page;
        page.entries = readList<AuditEntry>(
            r, "entries", [](QString *p, const QJsonObject &o, const QString &at) {
                Reader e(p, o, at);
                AuditEntry entry;
                entry.id = e.id("id");
                entry.at = e.time("at");
                entry.action = e.string("action");
                entry.source = e.optionalString("source");
                // The service's own work has a null actor: its retention window's purges, the
                // directory's changes (an older service: purges only, without a source).
                const bool byService = entry.source == QLatin1String("retention")
                    || entry.source == QLatin1String("directory")
                    || (entry.source.isEmpty() && entry.action == QLatin1String("purge"));
                User actor;
                if (!o.value(QLatin1String("actor")).isNull() || !byService)
                    actor = readChild<User>(e, "actor", readUserRef);
                // A rule entry names the rule, not a user ("user": null).
                User user;
                if (entry.isRuleEntry()) {
                    if (!o.value(QLatin1String("user")).isNull())
                        user = readChild<User>(e, "user", readUserRef);
                    const OptOutRule rule = readChild<OptOutRule>(e, "rule", readRuleRef);
                    entry.ruleId = rule.id;
                    entry.ruleKind = rule.kind;
                    entry.ruleGroupName = rule.groupName;
                    entry.ruleDomain = rule.domain;
                } else {
                    user = readChild<User>(e, "user", readUserRef);
                }
                entry.actorId = actor.id;
                entry.actorEmail = actor.email;
                entry.actorName = actor.name;
                entry.userId = user.id;
                entry.userEmail = user.email;
                entry.userName = user.name;
                entry.reason = e.optionalString("reason");
                entry.count = e.optionalInteger("count", entry.count);
                entry.requestId = e.optionalString("requestId");
                if (o.contains(QLatin1String("via")) && !o.value(QLatin1String("via")).isNull())
                    entry.via = readList<OptOutCover>(e, "via", readCover);
                return entry;
            });
        page.next = r.optionalString("next");
        return page;
    });
}

ApiResult<UsageSummary> decodeUsageSummary(const QByteArray &json)
{
    return decodeObject<UsageSummary>(json, [](Reader &r, const QJsonObject &) {
        UsageSummary summary;
        summary.users = readList<UsageSummaryEntry>(
            r, "users", [](QString *p, const QJsonObject &o, const QString &at) {
                Reader e(p, o, at);
                UsageSummaryEntry entry;
                const User user = readChild<User>(e, "user", readUserRef);
                entry.userId = user.id;
                entry.userEmail = user.email;
                entry.userName = user.name;
                entry.optedOut = e.optionalBoolean("optedOut", false);
                entry.client = e.integer("client");
                entry.server = e.integer("server");
                entry.lastEventAt = e.time("lastEventAt", true);
                const QJsonValue awaiting = o.value(QLatin1String("awaitingDeletion"));
                if (awaiting.isObject()) {
                    Reader a(p, awaiting.toObject(), e.childPath("awaitingDeletion"));
                    entry.awaitingDeletion = true;
                    entry.awaitingClient = a.integer("client");
                    entry.awaitingServer = a.integer("server");
                    entry.purgeAt = a.time("purgeAt", true);
                }
                return entry;
            });
        summary.discardedSinceStart = r.integer("discardedSinceStart");
        return summary;
    });
}

namespace {

EnforcementCounts readCounts(QString *problem, const QJsonObject &object, const QString &path)
{
    Reader r(problem, object, path);
    EnforcementCounts counts;
    const auto pair = [&r](const char *key, qint64 *client, qint64 *server) {
        const QJsonObject inner = r.object(key);
        if (!r.ok())
            return;
        Reader p(r.problem(), inner, r.childPath(key));
        *client = p.integer("client");
        *server = p.integer("server");
    };
    pair("accepted", &counts.acceptedClient, &counts.acceptedServer);
    pair("discarded", &counts.discardedClient, &counts.discardedServer);
    counts.deletedEvents = r.integer("deletedEvents");
    counts.optOuts = r.integer("optOuts");
    counts.optIns = r.integer("optIns");
    counts.optedOutUsers = r.integer("optedOutUsers");
    return counts;
}

} // namespace

ApiResult<EnforcementStats> decodeEnforcementStats(const QByteArray &json)
{
    return decodeObject<EnforcementStats>(json, [](Reader &r, const QJsonObject &) {
        EnforcementStats stats;
        stats.since = r.time("since");
        stats.until = r.time("until");
        stats.bucket = r.string("bucket");
        stats.timeZone = r.optionalString("timeZone");
        stats.countingSince = r.time("countingSince", true);
        stats.buckets = readList<EnforcementBucket>(
            r, "buckets", [](QString *p, const QJsonObject &o, const QString &at) {
                Reader b(p, o, at);
                EnforcementBucket bucket;
                bucket.start = b.time("start");
                const QString date = b.string("date");
                bucket.date = QDate::fromString(date, Qt::ISODate);
                if (b.ok() && !bucket.date.isValid())
                    *p = at + QLatin1String(".date: expected a date (YYYY-MM-DD)");
                if (b.ok())
                    bucket.counts = readCounts(p, o, at);
                return bucket;
            });
        stats.totals = readChild<EnforcementCounts>(r, "totals", readCounts);
        return stats;
    });
}

ApiResult<QList<OptOutRule>> decodeOptOutRules(const QByteArray &json)
{
    return decodeObject<QList<OptOutRule>>(json, [](Reader &r, const QJsonObject &) {
        return readList<OptOutRule>(r, "rules", readRule);
    });
}

ApiResult<OptOutRule> decodeOptOutRule(const QByteArray &json)
{
    return decodeObject<OptOutRule>(json, [](Reader &r, const QJsonObject &object) {
        return readRule(r.problem(), object, {});
    });
}

ApiResult<OptOutRulePreview> decodeOptOutRulePreview(const QByteArray &json)
{
    return decodeObject<OptOutRulePreview>(json, [](Reader &r, const QJsonObject &) {
        OptOutRulePreview preview;
        preview.userCount = r.integer("userCount");
        preview.newlyOptedOut = r.integer("newlyOptedOut");
        preview.sample = readList<User>(r, "sample", readUserRef);
        return preview;
    });
}

ApiResult<GroupsPage> decodeGroupsPage(const QByteArray &json)
{
    return decodeObject<GroupsPage>(json, [](Reader &r, const QJsonObject &) {
        GroupsPage page;
        page.groups
            = readList<Group>(r, "groups", [](QString *p, const QJsonObject &o, const QString &at) {
                  Reader g(p, o, at);
                  Group group;
                  group.id = g.id("id");
                  group.name = g.string("name");
                  group.memberCount = g.integer("memberCount");
                  group.optedOut = g.optionalBoolean("optedOut", false);
                  return group;
              });
        readPaging(r, &page);
        return page;
    });
}

ApiResult<UsageEventsResult> decodeUsageEventsResult(const QByteArray &json)
{
    return decodeObject<UsageEventsResult>(json, [](Reader &r, const QJsonObject &) {
        UsageEventsResult result;
        result.accepted = r.integer("accepted");
        result.discarded = r.integer("discarded");
        return result;
    });
}

ApiResult<SignInProvider> decodeSignInProvider(const QByteArray &json)
{
    return decodeObject<SignInProvider>(json, [](Reader &r, const QJsonObject &) {
        SignInProvider provider;
        provider.issuer = QUrl(r.id("issuer"), QUrl::StrictMode);
        provider.clientId = r.id("clientId");
        provider.scopes = r.strings("scopes");
        // Only a secure address is of use: the app refuses to start a sign-in on anything else.
        if (r.ok()
            && (!provider.issuer.isValid() || provider.issuer.scheme() != QLatin1String("https")))
            *r.problem() = QStringLiteral("issuer: expected an https:// URL");
        return provider;
    });
}

ApiResult<NewSession> decodeNewSession(const QByteArray &json)
{
    return decodeObject<NewSession>(
        json,
        [](Reader &r, const QJsonObject &) {
            NewSession session;
            session.token = r.id("token").toUtf8();
            session.expiresAt = r.time("expiresAt");
            return session;
        },
        201);
}

bool decodeErrorBody(const QByteArray &json, QString *code, QString *message, QJsonObject *details)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonValue inner = document.object().value(QLatin1String("error"));
    if (!inner.isObject())
        return false;
    const QJsonObject object = inner.toObject();
    const QJsonValue codeValue = object.value(QLatin1String("code"));
    if (!codeValue.isString())
        return false;
    *code = codeValue.toString();
    *message = object.value(QLatin1String("message")).toString();
    *details = object.value(QLatin1String("details")).toObject();
    return true;
}

namespace {

void insertOptions(QJsonObject *object, const OptOutOptions &options)
{
    if (!options.reason.isEmpty())
        object->insert(QLatin1String("reason"), options.reason);
    if (options.deleteStoredEvents)
        object->insert(QLatin1String("deleteStoredEvents"), true);
}

} // namespace

QByteArray encodeBatch(const QStringList &optOut, const QStringList &optIn,
                       const OptOutOptions &options)
{
    QJsonObject object;
    object.insert(QLatin1String("optOut"), QJsonArray::fromStringList(optOut));
    object.insert(QLatin1String("optIn"), QJsonArray::fromStringList(optIn));
    if (!optOut.isEmpty())
        insertOptions(&object, options);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeOptOutOptions(const OptOutOptions &options)
{
    if (options.isEmpty())
        return {};
    QJsonObject object;
    insertOptions(&object, options);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeOptOutRuleSpec(const OptOutRuleSpec &spec, bool withOptions)
{
    QJsonObject object;
    object.insert(QLatin1String("kind"), spec.kind);
    if (spec.kind == QLatin1String("group"))
        object.insert(QLatin1String("groupId"), spec.groupId);
    else
        object.insert(QLatin1String("domain"), spec.domain);
    if (withOptions)
        insertOptions(&object, spec.options);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray encodeUsageEvents(const QList<UsageEvent> &events)
{
    QJsonArray array;
    for (const UsageEvent &event : events) {
        QJsonObject object;
        object.insert(QLatin1String("name"), event.name);
        object.insert(QLatin1String("timestamp"), formatTime(event.timestamp));
        if (!event.userId.isEmpty())
            object.insert(QLatin1String("userId"), event.userId);
        if (!event.properties.isEmpty())
            object.insert(QLatin1String("properties"), event.properties);
        array.append(object);
    }
    QJsonObject root;
    root.insert(QLatin1String("events"), array);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace JsonCodec
