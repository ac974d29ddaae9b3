// Setting up organisations, users and tokens from the command line, outside the HTTP API.
#pragma once

#include "storage.h"

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
// organisation already has or that repeat within the list.
bool importUsers(Storage *storage, const QString &orgId, const QVector<NewUser> &users,
                 QString *error);

// The organisation's user with this e-mail address (case-insensitive), or null.
const User *userByEmail(const Storage &storage, const QString &orgId, const QString &email);

} // namespace Provisioning
