// The last synced users and opt-outs of one server and account, kept on disk.
#include "synccache.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

constexpr quint32 Magic = 0x4f505443; // "OPTC"
// 2: opt-out entries carry reason and purgeAt, and Me purgeAfterSeconds. Version 1 files still
// load (those fields empty), so an upgrade starts as fast as before.
// 3: opt-out entries carry their `via` (the rules that cover them); older files load with none
// (opted out individually, as every opt-out was before rules).
constexpr quint32 FormatVersion = 3;
constexpr quint32 OldestReadableVersion = 1;

QDataStream &operator<<(QDataStream &out, const User &user)
{
    return out << user.id << user.email << user.name;
}

QDataStream &operator>>(QDataStream &in, User &user)
{
    return in >> user.id >> user.email >> user.name;
}

QDataStream &operator<<(QDataStream &out, const OptOutCover &cover)
{
    return out << quint8(cover.kind) << cover.ruleId << cover.groupId << cover.groupName
               << cover.domain;
}

QDataStream &operator>>(QDataStream &in, OptOutCover &cover)
{
    quint8 kind = 0;
    in >> kind >> cover.ruleId >> cover.groupId >> cover.groupName >> cover.domain;
    if (kind > quint8(OptOutCover::Kind::EmailDomain))
        in.setStatus(QDataStream::ReadCorruptData);
    else
        cover.kind = OptOutCover::Kind(kind);
    return in;
}

QDataStream &operator<<(QDataStream &out, const OptOutEntry &entry)
{
    out << entry.user << entry.optedOutAt << entry.optedOutBy << entry.reason << entry.purgeAt
        << quint32(entry.via.size());
    for (const OptOutCover &cover : entry.via)
        out << cover;
    return out;
}

void readEntry(QDataStream &in, OptOutEntry &entry, quint32 version)
{
    in >> entry.user >> entry.optedOutAt >> entry.optedOutBy;
    if (version >= 2)
        in >> entry.reason >> entry.purgeAt;
    if (version >= 3) {
        quint32 covers = 0;
        in >> covers;
        // A user has few covers; a damaged count never allocates.
        for (quint32 i = 0; i < covers && i < 1000 && in.status() == QDataStream::Ok; ++i) {
            OptOutCover cover;
            in >> cover;
            entry.via.append(cover);
        }
        if (covers >= 1000)
            in.setStatus(QDataStream::ReadCorruptData);
    }
}

} // namespace

bool SyncCache::save(const QString &filePath, const SyncSnapshot &snapshot, QString *error)
{
    if (filePath.isEmpty())
        return true;
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << Magic << FormatVersion;
    const Me &me = snapshot.me;
    out << me.id << me.email << me.name << me.roles << me.orgId << me.orgName << me.productName
        << me.usageTracking << me.purgeAfterSeconds;
    out << quint32(snapshot.userPages.size());
    for (const QList<User> &page : snapshot.userPages) {
        out << quint32(page.size());
        for (const User &user : page)
            out << user;
    }
    out << snapshot.userPageEtags;
    out << quint32(snapshot.optOuts.size());
    for (const OptOutEntry &entry : snapshot.optOuts)
        out << entry;
    out << snapshot.optOutsEtag << snapshot.revision << snapshot.syncedAt;
    if (out.status() != QDataStream::Ok || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool SyncCache::load(const QString &filePath, SyncSnapshot *snapshot, QString *error)
{
    *snapshot = SyncSnapshot {};
    QFile file(filePath);
    if (filePath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = filePath.isEmpty() ? QStringLiteral("no file") : file.errorString();
        return false;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint32 version = 0;
    in >> magic >> version;
    if (magic != Magic || version < OldestReadableVersion || version > FormatVersion) {
        if (error)
            *error = QStringLiteral("unknown format");
        return false;
    }
    Me &me = snapshot->me;
    in >> me.id >> me.email >> me.name >> me.roles >> me.orgId >> me.orgName >> me.productName
        >> me.usageTracking;
    if (version >= 2)
        in >> me.purgeAfterSeconds;
    // Counts are checked against what is left of the file: a damaged count never allocates.
    const auto plausible = [&file](quint32 count) {
        return qint64(count) <= file.size() - file.pos();
    };
    quint32 pages = 0;
    in >> pages;
    if (!plausible(pages))
        in.setStatus(QDataStream::ReadCorruptData);
    for (quint32 p = 0; p < pages && in.status() == QDataStream::Ok; ++p) {
        quint32 count = 0;
        in >> count;
        if (!plausible(count)) {
            in.setStatus(QDataStream::ReadCorruptData);
            break;
        }
        QList<User> page;
        page.reserve(count);
        for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
            User user;
            in >> user;
            page.append(user);
        }
        snapshot->userPages.append(page);
    }
    in >> snapshot->userPageEtags;
    quint32 entries = 0;
    in >> entries;
    if (!plausible(entries))
        in.setStatus(QDataStream::ReadCorruptData);
    for (quint32 i = 0; i < entries && in.status() == QDataStream::Ok; ++i) {
        OptOutEntry entry;
        readEntry(in, entry, version);
        snapshot->optOuts.append(entry);
    }
    in >> snapshot->optOutsEtag >> snapshot->revision >> snapshot->syncedAt;
    if (in.status() != QDataStream::Ok || me.id.isEmpty()
        || snapshot->userPages.size() != snapshot->userPageEtags.size()) {
        if (error)
            *error = QStringLiteral("damaged file");
        *snapshot = SyncSnapshot {};
        return false;
    }
    return true;
}

QString SyncCache::defaultFilePath(const QUrl &server, const QString &userId)
{
    const QByteArray identity
        = server.adjusted(QUrl::StripTrailingSlash).toEncoded() + '\n' + userId.toUtf8();
    const QString name = QString::fromLatin1(
        QCryptographicHash::hash(identity, QCryptographicHash::Sha256).toHex().left(32));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QLatin1String("/cache/") + name + QLatin1String(".bin");
}
