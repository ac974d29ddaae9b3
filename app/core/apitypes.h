// The values exchanged with the opt-out service (docs/api.md) and the one result type of every
// call.
#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <utility>
#include <variant>

// A user of the organisation as the service lists it.
struct User
{
    QString id;
    QString email;
    QString name;
    bool operator==(const User &other) const
    {
        return id == other.id && email == other.email && name == other.name;
    }
    bool operator!=(const User &other) const { return !(*this == other); }
};

// The signed-in user, from GET /api/v1/me.
struct Me
{
    QString id;
    QString email;
    QString name;
    QStringList roles;
    QString orgId;
    QString orgName;
    QString productName;
    bool usageTracking = true; // read once at sign-in, kept until the next sign-in
    // org.purgeAfterSeconds: how long an opted-out user's stored events are kept; -1 when the
    // service sends none (an older service).
    qint64 purgeAfterSeconds = -1;
    // org.timeZone: the IANA zone of the enforcement statistics' days; empty from an older
    // service.
    QString orgTimeZone;
    bool isProductAdmin() const { return roles.contains(QLatin1String("product_admin")); }
};

// One page of GET /api/v1/users; notModified when the service answered 304 to If-None-Match.
struct UsersPage
{
    QList<User> users;
    int page = 0;
    int pageSize = 0;
    int total = 0;
    bool lastPage = true;
    QByteArray etag;
    bool notModified = false;
};

// What opts a user out (GET /api/v1/optouts' `via`): their own opt-out, or a rule's cover.
struct OptOutCover
{
    enum class Kind { Individual, Group, EmailDomain };
    Kind kind = Kind::Individual;
    QString ruleId; // a rule's
    QString groupId; // Kind::Group
    QString groupName; // Kind::Group
    QString domain; // Kind::EmailDomain
    bool isRule() const { return kind != Kind::Individual; }
    bool operator==(const OptOutCover &o) const
    {
        return kind == o.kind && ruleId == o.ruleId && groupId == o.groupId
            && groupName == o.groupName && domain == o.domain;
    }
    bool operator!=(const OptOutCover &o) const { return !(*this == o); }
};

// One opted-out user.
struct OptOutEntry
{
    User user;
    QDateTime optedOutAt; // UTC
    User optedOutBy;
    QString reason; // empty when none
    // When the user's stored events will be deleted; invalid when there are none, they are
    // already deleted, or the service does not say (an older service).
    QDateTime purgeAt;
    // What opts them out; empty from an older service (then: individually).
    QList<OptOutCover> via;
    // Opted out individually (their own opt-out), whatever rules also cover them.
    bool isIndividual() const
    {
        if (via.isEmpty())
            return true;
        for (const OptOutCover &cover : via) {
            if (!cover.isRule())
                return true;
        }
        return false;
    }
    // The rules that cover them, in the service's order.
    QList<OptOutCover> ruleCovers() const
    {
        QList<OptOutCover> rules;
        for (const OptOutCover &cover : via) {
            if (cover.isRule())
                rules.append(cover);
        }
        return rules;
    }
    bool operator==(const OptOutEntry &other) const
    {
        return user == other.user && optedOutAt == other.optedOutAt
            && optedOutBy == other.optedOutBy && reason == other.reason && purgeAt == other.purgeAt
            && via == other.via;
    }
    bool operator!=(const OptOutEntry &other) const { return !(*this == other); }
};

// The optional fields of an opt-out (PUT's body, a batch's): a reason (at most
// MaxReasonLength characters, no control characters; empty for none) and whether to delete the
// user's stored events now rather than at the end of the retention window.
struct OptOutOptions
{
    Q_DECLARE_TR_FUNCTIONS(OptOutOptions)
public:
    static constexpr int MaxReasonLength = 500;
    QString reason;
    bool deleteStoredEvents = false;
    bool isEmpty() const { return reason.isEmpty() && !deleteStoredEvents; }
    bool operator==(const OptOutOptions &o) const
    {
        return reason == o.reason && deleteStoredEvents == o.deleteStoredEvents;
    }
    bool operator!=(const OptOutOptions &o) const { return !(*this == o); }
    // Why the service would refuse `reason` (too long, a control character), in the UI
    // language; empty when it is acceptable.
    static QString reasonProblem(const QString &reason);
};

// GET /api/v1/optouts; notModified (and no entries) when the service answered 304.
struct OptOutList
{
    qint64 revision = -1;
    QList<OptOutEntry> optOuts;
    QByteArray etag;
    bool notModified = false;
    // Asked with `since` (ApiClient::fetchOptOuts), the service may answer what changed since
    // that revision instead of the whole list: then `since` is that revision, `optOuts` holds
    // the entries added or changed, and `optedIn` the users who left the list.
    qint64 since = -1;
    QStringList optedIn;
    bool isDelta() const { return since >= 0; }
};

// GET /api/v1/sync-state: what a refresh asks first. notModified: 304, nothing changed since
// the state of `etag`.
struct SyncState
{
    qint64 usersRevision = -1;
    qint64 optOutsRevision = -1;
    bool usageTracking = true;
    QByteArray etag;
    bool notModified = false;
};

// PUT /api/v1/optouts/{id}: created is false when the user was already opted out.
struct PutOptOutResult
{
    OptOutEntry entry;
    bool created = false;
    qint64 revision = -1; // from the ETag, -1 when absent
};

// DELETE /api/v1/optouts/{id} answers 204 with no body.
struct NoContent
{
};

// GET /api/v1/auth/discover: the identity provider of an e-mail address's organisation.
struct SignInProvider
{
    QUrl issuer;
    QString clientId;
    QStringList scopes;
};

// POST /api/v1/auth/sessions: a session the service issued for a verified ID token.
struct NewSession
{
    QByteArray token;
    QDateTime expiresAt;
};

// POST /api/v1/optouts/batch.
struct BatchResult
{
    qint64 revision = -1;
    int optedOut = 0;
    int optedIn = 0;
};

// GET /api/v1/audit.
struct AuditEntry
{
    QString id;
    QDateTime at;
    QString action; // "opt_out", "opt_in" or "purge"
    QString actorId; // empty for the service itself (purges)
    QString actorEmail;
    QString userId;
    QString userEmail;
    QString actorName; // empty when the service sends none
    QString userName;
    QString reason; // opt-outs; empty for none
    qint64 count = -1; // purges: the stored events deleted; -1 otherwise
    // What caused it: "request" (an administrator's, actor set), "retention" (the service's
    // purge) or "directory"; empty from an older service.
    QString source;
    // Rule entries ("rule_created", "rule_deleted"; no user): the rule, count the users it
    // opted out or back in.
    QString ruleId;
    QString ruleKind; // "group" or "emailDomain"
    QString ruleGroupName;
    QString ruleDomain;
    // The request that wrote it: every entry of one request (a batch of 10,000 opt-outs, a
    // rule, one SCIM PATCH) has the same; empty for the service's own work or an older service.
    QString requestId;
    // What a directory-driven opt-out or opt-in came through (a group's or a domain's rule);
    // empty for an administrator's own change.
    QList<OptOutCover> via;
    bool isRuleEntry() const { return action.startsWith(QLatin1String("rule_")); }
};

// The filters of GET /api/v1/audit; empty or invalid members do not filter.
struct AuditFilter
{
    QString userId;
    QString actorId;
    QString action;
    QDateTime since; // inclusive
    QDateTime until; // exclusive
    bool operator==(const AuditFilter &o) const
    {
        return userId == o.userId && actorId == o.actorId && action == o.action && since == o.since
            && until == o.until;
    }
    bool operator!=(const AuditFilter &o) const { return !(*this == o); }
};

struct AuditPage
{
    QList<AuditEntry> entries;
    QString next; // empty when there is no further page
};

// GET /api/v1/usage/summary.
struct UsageSummaryEntry
{
    QString userId;
    QString userEmail;
    QString userName; // empty when the service sends none
    bool optedOut = false; // as the service saw it when answering
    qint64 client = 0;
    qint64 server = 0;
    QDateTime lastEventAt; // invalid when null
    // Opted out with stored events not yet deleted: their (hidden) counts and when they go.
    bool awaitingDeletion = false;
    qint64 awaitingClient = 0;
    qint64 awaitingServer = 0;
    QDateTime purgeAt; // invalid when null
};

struct UsageSummary
{
    QList<UsageSummaryEntry> users;
    qint64 discardedSinceStart = 0;
};

// GET /api/v1/usage/enforcement: what the service accepted, discarded and deleted, and the
// opt-out changes, in one bucket (a day, week or month of the organisation's time zone) or in
// total.
struct EnforcementCounts
{
    qint64 acceptedClient = 0;
    qint64 acceptedServer = 0;
    qint64 discardedClient = 0;
    qint64 discardedServer = 0;
    qint64 deletedEvents = 0;
    qint64 optOuts = 0;
    qint64 optIns = 0;
    qint64 optedOutUsers = 0; // at the bucket's end (totals: at the period's end)
    qint64 accepted() const { return acceptedClient + acceptedServer; }
    qint64 discarded() const { return discardedClient + discardedServer; }
};

struct EnforcementBucket
{
    QDateTime start; // UTC
    QDate date; // its first day in the organisation's time zone
    EnforcementCounts counts;
};

struct EnforcementStats
{
    QDateTime since; // the first bucket's start (inclusive), UTC
    QDateTime until; // the last bucket's end (exclusive), UTC
    QString bucket; // "day", "week" or "month"
    QString timeZone; // IANA name
    QDateTime countingSince; // when the service began to count; invalid when it does not say
    QList<EnforcementBucket> buckets;
    EnforcementCounts totals;
};

// GET /api/v1/optout-rules: one rule (a group or an e-mail domain) that opts users out.
struct OptOutRule
{
    QString id;
    QString kind; // "group" or "emailDomain"
    QString groupName; // kind "group"
    QString domain; // kind "emailDomain"
    QString reason;
    QDateTime createdAt;
    QString createdByName;
    QString createdByEmail;
    qint64 userCount = -1; // -1 when the service does not say
    QString groupId; // kind "group"
    bool isGroup() const { return kind == QLatin1String("group"); }
    bool operator==(const OptOutRule &o) const
    {
        return id == o.id && kind == o.kind && groupName == o.groupName && domain == o.domain
            && reason == o.reason && createdAt == o.createdAt && createdByName == o.createdByName
            && createdByEmail == o.createdByEmail && userCount == o.userCount
            && groupId == o.groupId;
    }
    bool operator!=(const OptOutRule &o) const { return !(*this == o); }
};

// What a new rule covers (POST /api/v1/optout-rules and its preview): a group or an e-mail
// domain, with the options of an opt-out.
struct OptOutRuleSpec
{
    QString kind; // "group" or "emailDomain"
    QString groupId; // kind "group"
    QString groupName; // kind "group", for the window (not sent)
    QString domain; // kind "emailDomain", without the "@"
    OptOutOptions options;
    static OptOutRuleSpec forGroup(const QString &id, const QString &name)
    {
        OptOutRuleSpec spec;
        spec.kind = QStringLiteral("group");
        spec.groupId = id;
        spec.groupName = name;
        return spec;
    }
    static OptOutRuleSpec forDomain(const QString &domain)
    {
        OptOutRuleSpec spec;
        spec.kind = QStringLiteral("emailDomain");
        spec.domain = domain;
        return spec;
    }
};

// POST /api/v1/optout-rules/preview: what a rule would do, nothing changed.
struct OptOutRulePreview
{
    qint64 userCount = 0;
    qint64 newlyOptedOut = 0;
    QList<User> sample; // the first ten covered users by e-mail address
};

// POST /api/v1/optout-rules: the rule, and whether it is new (201) or existed (200).
struct CreatedOptOutRule
{
    OptOutRule rule;
    bool created = false;
    qint64 revision = -1; // from the ETag, -1 when absent
};

// One group of GET /api/v1/groups.
struct Group
{
    QString id;
    QString name;
    qint64 memberCount = 0;
    bool optedOut = false; // a rule covers it
};

struct GroupsPage
{
    QList<Group> groups;
    int page = 0;
    int pageSize = 0;
    int total = 0;
    bool lastPage = true;
};

// POST /api/v1/usage/events: one event; userId empty means the token's user.
struct UsageEvent
{
    QString name;
    QDateTime timestamp;
    QString userId;
    QJsonObject properties;
};

struct UsageEventsResult
{
    qint64 accepted = 0;
    qint64 discarded = 0;
};

// Why a call failed, with a message for the administrator in the UI language.
struct ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)
public:
    enum class Kind {
        Network, // refused, unreachable, closed mid-response
        Timeout, // no complete answer within the transfer timeout
        Http, // the service answered with an error status
        Malformed, // the answer cannot be read: bad JSON, wrong types, missing fields
        Security, // not sent or not trusted: the certificate was refused, or plain HTTP
    };

    Kind kind = Kind::Network;
    int httpStatus = 0; // 0 when no HTTP status was received
    QString code; // the API error code ("forbidden", ...), empty when none
    QString message; // user-facing, translated
    QJsonObject details; // the service's error details, if any
    QString technical; // for logs: Qt's network error text or where decoding failed

    // True when retrying later may succeed: network, timeout, malformed, security, 5xx, 408,
    // 429. Pending actions are kept on such errors, never undone.
    bool isTransient() const;
    bool isUnauthenticated() const { return kind == Kind::Http && httpStatus == 401; }
    // details.userIds of a 400/404 batch refusal.
    QStringList detailUserIds() const;

    // The user-facing message for an API error code; fallback (the service's English text) only
    // for codes the app does not know.
    static QString messageForCode(const QString &code, int httpStatus, const QString &fallback);
    // The message for a refused sign-in with the identity provider (POST /auth/sessions):
    // invalid_id_token's details.reason said in words; else messageForCode's.
    QString signInMessage() const;
    static ApiError network(const QString &technical);
    static ApiError timeout(const QString &technical);
    static ApiError malformed(int httpStatus, const QString &technical);
};

// The outcome of one call: a value or an ApiError.
template<typename T> class ApiResult
{
public:
    ApiResult(const T &value)
        : m_data(std::in_place_index<0>, value)
    {
    }
    ApiResult(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    {
    }
    ApiResult(const ApiError &error)
        : m_data(std::in_place_index<1>, error)
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_data); }
    T &value() { return std::get<0>(m_data); }
    const ApiError &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, ApiError> m_data;
};
