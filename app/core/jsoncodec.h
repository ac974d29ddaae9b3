// Pure functions that turn the service's JSON into values and back, rejecting anything malformed.
#pragma once

#include "apitypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace JsonCodec {

// Each decoder validates every field's presence and type; on bad input it returns an
// ApiError of kind Malformed whose `technical` names the offending path (e.g. "users[3].email").
ApiResult<Me> decodeMe(const QByteArray &json);
ApiResult<UsersPage> decodeUsersPage(const QByteArray &json);
ApiResult<OptOutList> decodeOptOutList(const QByteArray &json);
ApiResult<OptOutEntry> decodeOptOutEntry(const QByteArray &json);
ApiResult<BatchResult> decodeBatchResult(const QByteArray &json);
ApiResult<SyncState> decodeSyncState(const QByteArray &json);
ApiResult<AuditPage> decodeAuditPage(const QByteArray &json);
ApiResult<UsageSummary> decodeUsageSummary(const QByteArray &json);
ApiResult<UsageEventsResult> decodeUsageEventsResult(const QByteArray &json);
ApiResult<EnforcementStats> decodeEnforcementStats(const QByteArray &json);
ApiResult<QList<OptOutRule>> decodeOptOutRules(const QByteArray &json);
ApiResult<OptOutRule> decodeOptOutRule(const QByteArray &json);
ApiResult<OptOutRulePreview> decodeOptOutRulePreview(const QByteArray &json);
ApiResult<GroupsPage> decodeGroupsPage(const QByteArray &json);
ApiResult<SignInProvider> decodeSignInProvider(const QByteArray &json);
ApiResult<NewSession> decodeNewSession(const QByteArray &json);

// The service's error body {"error": {"code", "message", "details"}}; false when the body is not
// one (then code/message/details are left untouched).
bool decodeErrorBody(const QByteArray &json, QString *code, QString *message, QJsonObject *details);

// An RFC 3339 time ("2026-11-22T16:00:00Z", fractions and offsets allowed) as UTC; invalid when
// the text is not one.
QDateTime parseTime(const QString &text);
QString formatTime(const QDateTime &time);

// The options' fields leave out what is empty or false, so an older service sees the body it
// knows.
QByteArray encodeBatch(const QStringList &optOut, const QStringList &optIn,
                       const OptOutOptions &options = {});
// PUT /optouts/{id}'s body: empty when the options are.
QByteArray encodeOptOutOptions(const OptOutOptions &options);
// A rule's body: kind and group or domain; with the options for creating it.
QByteArray encodeOptOutRuleSpec(const OptOutRuleSpec &spec, bool withOptions);
QByteArray encodeUsageEvents(const QList<UsageEvent> &events);

} // namespace JsonCodec
