// What the real service holds, read through its API for the tests to check against (an opt-out
// entry, the audit of a user, the usage summary), and usage events stored as a product back end
// would send them. Tokens are the demo organisation's.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

class TestServer;

namespace ServiceProbe {

// The service's opt-out entry of this user; empty when the user is not opted out.
QJsonObject optOutEntry(const TestServer &server, const QString &userId);
// The audit entries of this user, newest first.
QJsonArray auditOf(const TestServer &server, const QString &userId);
// The usage summary's entry of this user; empty when it has none.
QJsonObject usageSummaryOf(const TestServer &server, const QString &userId);
// Stores `count` client-side events of this user; true when the service accepted them.
bool storeClientEvents(const TestServer &server, const QString &userId, int count);

} // namespace ServiceProbe
