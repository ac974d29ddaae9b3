// Setting up organisations, users and tokens from the command line, outside the HTTP API.
#include "provisioning.h"

#include <QRandomGenerator>
#include <QSet>

namespace Provisioning {

bool isKnownRole(const QString &role)
{
    return role == QLatin1String("product_admin") || role == QLatin1String("user")
        || role == QLatin1String("tracking_service");
}

QByteArray newToken()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof(words))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

namespace {

// One CSV line into fields; false when a quote is left open.
bool splitCsvLine(const QString &line, QStringList *fields)
{
    fields->clear();
    QString field;
    bool quoted = false;
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields->append(field.trimmed());
            field.clear();
        } else {
            field += c;
        }
    }
    fields->append(field.trimmed());
    return !quoted;
}

QString lineError(int number, const QString &what)
{
    return QStringLiteral("line %1: %2").arg(number).arg(what);
}

} // namespace

bool parseUsersCsv(const QString &text, QVector<NewUser> *users, QString *error)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        QStringList fields;
        if (!splitCsvLine(line, &fields)) {
            *error = lineError(i + 1, QStringLiteral("a quote is not closed"));
            return false;
        }
        if (users->isEmpty()
            && fields.at(0).compare(QLatin1String("email"), Qt::CaseInsensitive) == 0)
            continue; // the header
        if (fields.size() < 2 || fields.size() > 3) {
            *error = lineError(i + 1, QStringLiteral("expected email,name[,roles]"));
            return false;
        }
        NewUser user;
        user.email = fields.at(0);
        user.name = fields.at(1);
        const int at = user.email.indexOf(QLatin1Char('@'));
        if (at <= 0 || at == user.email.size() - 1 || user.email.contains(QLatin1Char(' '))) {
            *error
                = lineError(i + 1, QStringLiteral("'%1' is not an e-mail address").arg(user.email));
            return false;
        }
        if (user.name.isEmpty()) {
            *error = lineError(i + 1, QStringLiteral("the name is empty"));
            return false;
        }
        const QString roles
            = fields.size() == 3 && !fields.at(2).isEmpty() ? fields.at(2) : QStringLiteral("user");
        for (const QString &role : roles.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const QString r = role.trimmed();
            if (!isKnownRole(r)) {
                *error = lineError(
                    i + 1,
                    QStringLiteral("unknown role '%1' (product_admin, user, tracking_service)")
                        .arg(r));
                return false;
            }
            if (!user.roles.contains(r))
                user.roles.append(r);
        }
        users->append(user);
    }
    return true;
}

std::optional<StoredOrg> orgById(const StoreSnapshot &current, const QString &orgId)
{
    for (const StoredOrg &org : current.orgs) {
        if (org.id == orgId)
            return org;
    }
    return std::nullopt;
}

std::optional<StoredUser> userByEmail(const StoreSnapshot &current, const QString &orgId,
                                      const QString &email)
{
    for (const StoredUser &u : current.users) {
        if (u.orgId == orgId && u.email.compare(email, Qt::CaseInsensitive) == 0)
            return u;
    }
    return std::nullopt;
}

bool importUsers(Store *store, const StoreSnapshot &current, const QString &orgId,
                 const QVector<NewUser> &users, QString *error)
{
    const auto org = orgById(current, orgId);
    if (!org) {
        *error = QStringLiteral("no organisation %1").arg(orgId);
        return false;
    }
    QSet<QString> emails;
    for (const StoredUser &u : current.users) {
        if (u.orgId == orgId)
            emails.insert(u.email.toLower());
    }
    for (const NewUser &u : users) {
        const QString key = u.email.toLower();
        if (emails.contains(key)) {
            *error = QStringLiteral("%1 is already a user of %2").arg(u.email, org->name);
            return false;
        }
        emails.insert(key);
    }
    if (!store->addUsers(orgId, users).ok()) {
        *error = QStringLiteral("the users could not be stored");
        return false;
    }
    return true;
}

} // namespace Provisioning
