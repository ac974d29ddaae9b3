// Directory sync: the SCIM 2.0 endpoint (/scim/v2, RFC 7643/7644) over the service's users.
#pragma once

#include "apiserver.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <variant>

#include "store.h"

class OptOutService;

namespace Scim {

constexpr auto UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr auto GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr auto EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr auto PatchOpSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
constexpr auto ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
constexpr auto ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";
constexpr int MaxCount = 1000; // resources per ListResponse page

// A SCIM error answer: `scimType` may be empty.
ApiResponse error(int status, const QString &scimType, const QString &detail);
// The same error as a SCIM error (for the answers the routes table gives before SCIM runs).
ApiResponse toScimError(const ApiResponse &apiError);

// One term of a filter: `attribute eq "value"`; a filter is their conjunction (`and`).
struct FilterTerm
{
    QString attribute; // "userName", "externalId" or "id"
    QString value;
};
// Parses the filters this service understands; an error text for anything else.
std::variant<QVector<FilterTerm>, QString> parseFilter(const QString &filter);
// The same for another resource: its schema's URN may prefix an attribute; `attributes` are the
// names it may filter on (as the terms name them).
std::variant<QVector<FilterTerm>, QString> parseFilter(const QString &filter, const char *schema,
                                                       const QStringList &attributes);
bool matches(const QVector<FilterTerm> &filter, const StoredUser &user);

// The fields a user resource sets, read from a SCIM body (POST, PUT) or changed by a PatchOp.
struct UserFields
{
    QString userName;
    QString formatted;
    QString givenName;
    QString familyName;
    QString displayName;
    QString externalId;
    bool active = true;

    QString name() const; // the one display name the service keeps
    static UserFields of(const StoredUser &user);
};
// A full User resource (POST, PUT): an error response when it is not one.
std::variant<UserFields, ApiResponse> parseUser(const QJsonObject &body);
// Applies a PatchOp body to `fields`; an error response when it cannot (nothing applied).
std::optional<ApiResponse> applyPatch(const QJsonObject &body, UserFields *fields);

// A Group resource of a POST or PUT: its fields, `members` absent when the body has none.
struct GroupFields
{
    QString displayName;
    QString externalId;
    std::optional<QStringList> members;
};
std::variant<GroupFields, ApiResponse> parseGroup(const QJsonObject &body);
// A PatchOp on a group, as Okta and Entra ID send them, into `request` (displayName,
// externalId, member operations in order); an error response when it is not one.
std::optional<ApiResponse> parseGroupPatch(const QJsonObject &body, GroupChangeRequest *request);

} // namespace Scim

class ScimApi final : public QObject
{
    Q_OBJECT
public:
    explicit ScimApi(OptOutService *service, QObject *parent = nullptr);

    // The handlers of the routes under /scim/v2, one per row of ApiServer::routes() (which
    // checked token and role).
    void serviceProviderConfig(const ApiRequest &r, ApiServer::Respond respond);
    void resourceTypes(const ApiRequest &r, ApiServer::Respond respond);
    void resourceType(const ApiRequest &r, ApiServer::Respond respond);
    void schemas(const ApiRequest &r, ApiServer::Respond respond);
    void schema(const ApiRequest &r, ApiServer::Respond respond);
    void listUsers(const ApiRequest &r, ApiServer::Respond respond);
    void getUser(const ApiRequest &r, ApiServer::Respond respond);
    void createUser(const ApiRequest &r, ApiServer::Respond respond);
    void replaceUser(const ApiRequest &r, ApiServer::Respond respond);
    void patchUser(const ApiRequest &r, ApiServer::Respond respond);
    void deleteUser(const ApiRequest &r, ApiServer::Respond respond);
    // Groups (scimgroups.cpp).
    void listGroups(const ApiRequest &r, ApiServer::Respond respond);
    void getGroup(const ApiRequest &r, ApiServer::Respond respond);
    void createGroup(const ApiRequest &r, ApiServer::Respond respond);
    void replaceGroup(const ApiRequest &r, ApiServer::Respond respond);
    void patchGroup(const ApiRequest &r, ApiServer::Respond respond);
    void deleteGroup(const ApiRequest &r, ApiServer::Respond respond);

private:
    // The organisation's user of this id that SCIM shows, or nullptr.
    const StoredUser *directoryUser(const ApiRequest &r, const QString &id) const;
    QJsonObject userJson(const ApiRequest &r, const StoredUser &user) const;
    // `usersLocation`: the URL of /scim/v2/Users/ as the client reached it (usersLocation()).
    static QJsonObject userJson(const QString &usersLocation, const StoredUser &user);
    static QString usersLocation(const ApiRequest &r);
    void write(const ApiRequest &r, DirectoryUserChange change, int status,
               ApiServer::Respond respond);
    // Answers `users` (the JSON of each) with their read-only "groups" added, read from the
    // store; `make` builds the answer from them.
    void withGroups(const ApiRequest &r, const QVector<StoredUser> &users,
                    std::function<ApiResponse(const QVector<QJsonObject> &)> make,
                    ApiServer::Respond respond);
    void writeGroup(const ApiRequest &r, GroupChangeRequest request, int status,
                    ApiServer::Respond respond);
    QJsonObject groupJson(const ApiRequest &r, const StoredGroup &group, bool withMembers) const;

    OptOutService *m_service;
};
