// Setting up organisations, users and tokens from the command line, outside the HTTP API.
#pragma once

#include "store.h"

#include <QString>
#include <QVector>

namespace Provisioning {

// The roles a user may have.
bool isKnownRole(const QString &role);

// A new random token: 32 bytes from the system's generator, base64url without padding.
QByteArray newToken();

// Reads "email,name[,roles]" lines (roles separated by ';', default "user"; a header line
// "email,..." and blank lines are skipped; fields may be double-quoted, "" inside quotes is a
// quote). Returns false with a message naming the line on the first bad one.
bool parseUsersCsv(const QString &text, QVector<NewUser> *users, QString *error);

// Adds the users to the organisation in one transaction; refuses e-mail addresses the
// organisation already has (in `current`, the store's state) or that repeat within the list.
bool importUsers(Store *store, const StoreSnapshot &current, const QString &orgId,
                 const QVector<NewUser> &users, QString *error);

// The organisation's user with this e-mail address (case-insensitive).
std::optional<StoredUser> userByEmail(const StoreSnapshot &current, const QString &orgId,
                                      const QString &email);

// The organisation of this id.
std::optional<StoredOrg> orgById(const StoreSnapshot &current, const QString &orgId);

} // namespace Provisioning
