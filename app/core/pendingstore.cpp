// The administrator's actions not yet confirmed by the service, kept in a JSON file across
// restarts.
#include "pendingstore.h"

#include "jsoncodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace {
constexpr int FormatVersion = 1;
}

PendingStore::PendingStore(const QString &filePath)
    : m_filePath(filePath)
{
}

bool PendingStore::load(QList<PendingAction> *actions, QString *error) const
{
    actions->clear();
    if (m_filePath.isEmpty() || !QFileInfo::exists(m_filePath))
        return true;
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QString problem;
    if (!decode(file.readAll(), actions, &problem)) {
        if (error)
            *error = problem;
        return false;
    }
    return true;
}

bool PendingStore::save(const QList<PendingAction> &actions, QString *error) const
{
    if (m_filePath.isEmpty())
        return true;
    if (actions.isEmpty()) {
        if (QFileInfo::exists(m_filePath) && !QFile::remove(m_filePath)) {
            if (error)
                *error = QStringLiteral("cannot remove %1").arg(m_filePath);
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(encode(actions));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QString PendingStore::defaultFilePath(const QUrl &server, const QString &userId)
{
    const QByteArray identity
        = server.adjusted(QUrl::StripTrailingSlash).toEncoded() + '\n' + userId.toUtf8();
    const QString name = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(32));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QLatin1String("/pending/") + name + QLatin1String(".json");
}

namespace {
QString usersIndexPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QLatin1String("/pending/users.json");
}

QString signInKey(const QUrl &server, const QByteArray &token)
{
    const QByteArray identity
        = server.adjusted(QUrl::StripTrailingSlash).toEncoded() + '\n' + token;
    return QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex());
}

QJsonObject readUsersIndex()
{
    QFile file(usersIndexPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

void PendingStore::rememberUser(const QUrl &server, const QByteArray &token, const QString &userId)
{
    QJsonObject index = readUsersIndex();
    const QString key = signInKey(server, token);
    if (index.value(key).toString() == userId)
        return;
    index.insert(key, userId);
    QDir().mkpath(QFileInfo(usersIndexPath()).absolutePath());
    QSaveFile file(usersIndexPath());
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(index).toJson(QJsonDocument::Compact));
        file.commit();
    }
}

QString PendingStore::rememberedUser(const QUrl &server, const QByteArray &token)
{
    return readUsersIndex().value(signInKey(server, token)).toString();
}

QByteArray PendingStore::encode(const QList<PendingAction> &actions)
{
    QJsonArray array;
    for (const PendingAction &action : actions) {
        QJsonObject object;
        object.insert(QLatin1String("type"),
                      action.type == PendingAction::Type::OptOut ? QLatin1String("opt_out")
                                                                 : QLatin1String("opt_in"));
        object.insert(QLatin1String("userIds"), QJsonArray::fromStringList(action.userIds));
        object.insert(QLatin1String("createdAt"), JsonCodec::formatTime(action.createdAt));
        if (action.actionId != 0)
            object.insert(QLatin1String("actionId"), QString::number(action.actionId));
        // Both absent when unset: the file stays readable by the previous version.
        if (!action.reason.isEmpty())
            object.insert(QLatin1String("reason"), action.reason);
        if (action.deleteStoredEvents)
            object.insert(QLatin1String("deleteStoredEvents"), true);
        array.append(object);
    }
    QJsonObject root;
    root.insert(QLatin1String("version"), FormatVersion);
    root.insert(QLatin1String("actions"), array);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool PendingStore::decode(const QByteArray &json, QList<PendingAction> *actions, QString *error)
{
    actions->clear();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("not a JSON object: %1").arg(parseError.errorString());
        return false;
    }
    const QJsonObject root = document.object();
    if (root.value(QLatin1String("version")).toInt() != FormatVersion
        || !root.value(QLatin1String("actions")).isArray()) {
        *error = QStringLiteral("unknown format");
        return false;
    }
    const QJsonArray array = root.value(QLatin1String("actions")).toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject object = array.at(i).toObject();
        PendingAction action;
        const QString type = object.value(QLatin1String("type")).toString();
        if (type == QLatin1String("opt_out"))
            action.type = PendingAction::Type::OptOut;
        else if (type == QLatin1String("opt_in"))
            action.type = PendingAction::Type::OptIn;
        else {
            *error = QStringLiteral("actions[%1].type: unknown").arg(i);
            return false;
        }
        const QJsonArray ids = object.value(QLatin1String("userIds")).toArray();
        for (const QJsonValue &id : ids) {
            if (!id.isString() || id.toString().isEmpty()) {
                *error = QStringLiteral("actions[%1].userIds: expected strings").arg(i);
                return false;
            }
            action.userIds.append(id.toString());
        }
        if (action.userIds.isEmpty()) {
            *error = QStringLiteral("actions[%1].userIds: empty").arg(i);
            return false;
        }
        action.createdAt
            = JsonCodec::parseTime(object.value(QLatin1String("createdAt")).toString());
        if (!action.createdAt.isValid())
            action.createdAt = QDateTime::currentDateTimeUtc();
        action.actionId = object.value(QLatin1String("actionId")).toString().toLongLong();
        // Absent in files of the previous version.
        const QJsonValue reason = object.value(QLatin1String("reason"));
        if (!reason.isUndefined() && !reason.isNull() && !reason.isString()) {
            *error = QStringLiteral("actions[%1].reason: expected a string").arg(i);
            return false;
        }
        action.reason = reason.toString();
        const QJsonValue del = object.value(QLatin1String("deleteStoredEvents"));
        if (!del.isUndefined() && !del.isBool()) {
            *error
                = QStringLiteral("actions[%1].deleteStoredEvents: expected true or false").arg(i);
            return false;
        }
        action.deleteStoredEvents = del.toBool(false);
        if (action.type == PendingAction::Type::OptIn) {
            action.reason.clear();
            action.deleteStoredEvents = false;
        }
        actions->append(action);
    }
    return true;
}
