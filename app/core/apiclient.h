// The client of the opt-out service: one call per endpoint, each ending in one ApiResult.
#pragma once

#include "apitypes.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <QNetworkRequest>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

template<typename T> using ApiCallback = std::function<void(const ApiResult<T> &)>;

class ApiClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTransferTimeoutMs = 15000;

    // The manager is the app's one QNetworkAccessManager; it must outlive this client.
    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);

    // Server root, e.g. http://127.0.0.1:8080 (the client adds /api/v1/...).
    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // Bearer token sent with every call.
    void setToken(const QByteArray &token);
    QByteArray token() const { return m_token; }
    // Certificate authorities trusted for https:// besides the system's (e.g. --ca-cert).
    void setCaCertificates(const QList<QSslCertificate> &certificates);
    QList<QSslCertificate> caCertificates() const { return m_caCertificates; }
    // Whether the token may go over plain http:// to a host that is not loopback; off by
    // default: such calls then fail with a Security error and nothing is sent.
    void setPlainHttpAllowed(bool allowed) { m_plainHttpAllowed = allowed; }
    bool plainHttpAllowed() const { return m_plainHttpAllowed; }
    // Transfer timeout applied to every request (default 15 s).
    void setTransferTimeout(int milliseconds);
    int transferTimeout() const { return m_transferTimeout; }

    // Every call runs `done` exactly once, in `context`'s thread, unless `context` is destroyed
    // first (then `done` is dropped and the reply is still cleaned up).
    void fetchMe(QObject *context, ApiCallback<Me> done);
    // ifNoneMatch: the ETag of the previous answer; a 304 gives a page with notModified set.
    void fetchUsersPage(int page, int pageSize, const QByteArray &ifNoneMatch, QObject *context,
                        ApiCallback<UsersPage> done);
    // since >= 0: the revision the caller holds; the service may then answer only what
    // changed since (OptOutList::isDelta()), or, when it cannot, the whole list.
    void fetchOptOuts(const QByteArray &ifNoneMatch, QObject *context, ApiCallback<OptOutList> done,
                      qint64 since = -1);
    // What changed since the state of ifNoneMatch (a 304 gives notModified). A service older
    // than this endpoint answers 404.
    void fetchSyncState(const QByteArray &ifNoneMatch, QObject *context,
                        ApiCallback<SyncState> done);
    // ifMatch: optional "<revision>" precondition (412 when stale).
    void putOptOut(const QString &userId, QObject *context, ApiCallback<PutOptOutResult> done,
                   const QByteArray &ifMatch = {});
    // With a reason and/or deleteStoredEvents (sent only when set, so an older service is not
    // confused).
    void putOptOut(const QString &userId, const OptOutOptions &options, QObject *context,
                   ApiCallback<PutOptOutResult> done, const QByteArray &ifMatch = {});
    void deleteOptOut(const QString &userId, QObject *context, ApiCallback<NoContent> done);
    // At most 10,000 ids in all (the caller chunks).
    void postBatch(const QStringList &optOut, const QStringList &optIn, QObject *context,
                   ApiCallback<BatchResult> done);
    // The options apply to every opt-out of the batch.
    void postBatch(const QStringList &optOut, const QStringList &optIn,
                   const OptOutOptions &options, QObject *context, ApiCallback<BatchResult> done);
    // before: the `next` cursor of the previous page, empty for the newest entries.
    void fetchAudit(int limit, const QString &before, QObject *context,
                    ApiCallback<AuditPage> done);
    // The same with filters (all optional; see AuditFilter).
    void fetchAudit(int limit, const QString &before, const AuditFilter &filter, QObject *context,
                    ApiCallback<AuditPage> done);
    // The same page undecoded, for a caller that decodes it on another thread
    // (JsonCodec::decodeAuditPage): nothing on this thread grows with the entries.
    void fetchAuditBody(int limit, const QString &before, const AuditFilter &filter,
                        QObject *context, ApiCallback<QByteArray> done);
    void fetchUsageSummary(QObject *context, ApiCallback<UsageSummary> done);
    // The enforcement statistics from the first day `since` up to the day `until` (exclusive),
    // both days of the organisation's time zone, in buckets of a "day", "week" or "month".
    void fetchEnforcement(const QDate &since, const QDate &until, const QString &bucket,
                          QObject *context, ApiCallback<EnforcementStats> done);
    // The opt-out rules (groups, e-mail domains). A service without rules answers 404.
    void fetchOptOutRules(QObject *context, ApiCallback<QList<OptOutRule>> done);
    // The organisation's groups whose name contains `search` (any case; empty: all), by name.
    void fetchGroups(int page, int pageSize, const QString &search, QObject *context,
                     ApiCallback<GroupsPage> done);
    // What a rule would do; nothing changes.
    void previewOptOutRule(const OptOutRuleSpec &spec, QObject *context,
                           ApiCallback<OptOutRulePreview> done);
    // Creates the rule (with spec.options); the same rule existing answers it, created false.
    void createOptOutRule(const OptOutRuleSpec &spec, QObject *context,
                          ApiCallback<CreatedOptOutRule> done);
    // Removes a rule: the users only it covered are opted back in.
    void deleteOptOutRule(const QString &ruleId, QObject *context, ApiCallback<NoContent> done);
    void postUsageEvents(const QList<UsageEvent> &events, QObject *context,
                         ApiCallback<UsageEventsResult> done);

    // Signing in with the organisation's identity provider (no token sent): which provider the
    // address's organisation uses (404 no_sso when none), then a session for its ID token.
    void discoverSignIn(const QString &email, QObject *context, ApiCallback<SignInProvider> done);
    void createSession(const QByteArray &idToken, const QString &nonce, QObject *context,
                       ApiCallback<NewSession> done);
    // Ends the session of `token` on the service (DELETE /auth/sessions/current); the client
    // may have forgotten it already (sign-out). Refused like any call when it would go over
    // plain HTTP without permission.
    void endSession(const QByteArray &token, QObject *context, ApiCallback<NoContent> done);

    // Opens a long-lived GET (server-sent events) on `path` under /api/v1 with the client's
    // token, authorities and rules; the caller reads and deletes the reply. A transfer with no
    // byte for `silenceTimeoutMs` ends in a timeout. Null, with `refused` set, when the request
    // may not be sent (the token would go over plain HTTP).
    QNetworkReply *openEventStream(const QString &path,
                                   const QList<QPair<QByteArray, QByteArray>> &headers,
                                   int silenceTimeoutMs, ApiError *refused);

    // The ApiError for a finished reply that failed (network error, timeout or HTTP error
    // status), with its translated message; used by every call.
    static ApiError errorFromReply(QNetworkReply *reply, const QByteArray &body);

signals:
    // Any call answered 401: the token is unknown or revoked.
    void authenticationFailed(const ApiError &error);
    // A call was not sent or not trusted (Kind::Security): the service's certificate was
    // refused, or the token would have gone over plain HTTP.
    void connectionRefused(const ApiError &error);
    // An answer came (any status): its path and query, and the size of its body. What a
    // refresh cost, for tests and benchmarks.
    void answered(const QString &pathAndQuery, int status, qint64 bodyBytes);

private:
    struct RawReply
    {
        int status = 0;
        QByteArray body;
        QByteArray etag;
    };
    using RawCallback = std::function<void(const ApiResult<RawReply> &)>;

    // The request for `path` (and `query`) under /api/v1 with the client's authorities and
    // token; unset, with `refused`, when the token would go over plain HTTP.
    std::optional<QNetworkRequest> makeRequest(const QString &path, const QString &query,
                                               ApiError *refused) const;
    void send(const QByteArray &method, const QString &path, const QString &query,
              const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers,
              QObject *context, RawCallback done);
    // Sends and decodes a 2xx answer with `decode`; errors never reach `decode`.
    template<typename T>
    void sendDecoded(const QByteArray &method, const QString &path, const QString &query,
                     const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers,
                     QObject *context, std::function<ApiResult<T>(const RawReply &)> decode,
                     ApiCallback<T> done);

    static QString auditQuery(int limit, const QString &before, const AuditFilter &filter);

    QPointer<QNetworkAccessManager> m_network;
    QUrl m_baseUrl;
    QByteArray m_token;
    int m_transferTimeout = DefaultTransferTimeoutMs;
    QList<QSslCertificate> m_caCertificates;
    bool m_plainHttpAllowed = false;
};
