// The last synced users and opt-outs of one server and account, kept on disk.
#include "synccache.h"

#include "optoutmodel.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtEndian>

#include <zlib.h>

#include <cstring>
#include <limits>

#ifdef Q_OS_LINUX
#include <sys/mman.h>
#endif

namespace {

constexpr quint32 Magic = 0x4f505443; // "OPTC"
// 2: opt-out entries carry reason and purgeAt, and Me purgeAfterSeconds. Version 1 files still
// load (those fields empty), so an upgrade starts as fast as before.
// 3: opt-out entries carry their `via` (the rules that cover them); older files load with none
// (opted out individually, as every opt-out was before rules).
// 4: a format of its own (see Format4 below), read in one go.
constexpr quint32 DataStreamVersion = 3;
constexpr quint32 FormatVersion = 4;
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

// Format 3, for tests and benchmarks of the upgrade from it.
void writeDataStream3(QIODevice *file, const SyncSnapshot &snapshot)
{
    QDataStream out(file);
    out.setVersion(QDataStream::Qt_6_4);
    out << Magic << DataStreamVersion;
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
}

// Formats 1 to 3 (QDataStream), from `file` past the magic and version.
bool readDataStream(QIODevice &file, quint32 version, SyncSnapshot *snapshot, QString *error)
{
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
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

// Format 4: what a start reads, in one read and without a parser. Little-endian; every field a
// multiple of 2 bytes, so that strings (UTF-16, as QString holds them) are copied whole.
//   "OPTC" 4 (as formats 1-3: big-endian u32s), u32 CRC-32 of the payload, u32 0, u64 its size
//   payload: u32 search key version; me; u32 pages, each: bytes ETag, u32 users; the users (id,
//   e-mail, name); u32 1 and the users' search keys (a pool, then per user u32 at, u8 name
//   length, u8 e-mail length, u16 initials), or u32 0; u32 actors (id, e-mail, name); u32
//   opt-outs, each: u32 its user's index in the users (or ~0 and the user), u32 its actor's
//   index (~0: none), i64 opted out at, str reason, i64 purge at, u32 covers (u32 kind, 4 str),
//   str search key; bytes opt-outs' ETag, i64 revision, i64 synced at. Times in ms since the
//   epoch (UTC), min for none; str: u32 length in UTF-16 units, then the units; bytes: u32
//   length, then them, padded to even.
namespace Format4 {

constexpr quint32 None = std::numeric_limits<quint32>::max();
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();
constexpr int HeaderSize = 24;

class Writer
{
public:
    QByteArray data;
    void u32(quint32 value) { put(qToLittleEndian(value)); }
    void i64(qint64 value) { put(qToLittleEndian(value)); }
    void u16(quint16 value) { put(qToLittleEndian(value)); }
    void str(QStringView text)
    {
        u32(quint32(text.size()));
        if constexpr (QSysInfo::ByteOrder == QSysInfo::LittleEndian) {
            data.append(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        } else {
            for (QChar c : text)
                u16(c.unicode());
        }
    }
    void bytes(const QByteArray &value)
    {
        u32(quint32(value.size()));
        data.append(value);
        if (value.size() % 2)
            data.append('\0');
    }
    void user(const User &user)
    {
        str(user.id);
        str(user.email);
        str(user.name);
    }
    void time(const QDateTime &at) { i64(at.isValid() ? at.toMSecsSinceEpoch() : NoTime); }

private:
    template<typename T> void put(T value)
    {
        data.append(reinterpret_cast<const char *>(&value), sizeof value);
    }
};

// Reads within its bytes only: a damaged length or count stops it (ok() false), never reads
// past the end or allocates more than the file could hold.
class Reader
{
public:
    Reader(const char *begin, const char *end)
        : m_at(begin)
        , m_end(end)
    {
    }
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_at == m_end; }
    void fail() { m_ok = false; }
    // Whether `count` items of at least `size` bytes each can still be there.
    bool fits(quint32 count, qsizetype size)
    {
        if (m_ok && qint64(count) * size > m_end - m_at)
            m_ok = false;
        return m_ok;
    }
    quint32 u32() { return get<quint32>(); }
    qint64 i64() { return get<qint64>(); }
    quint16 u16() { return get<quint16>(); }
    QString str()
    {
        const quint32 length = u32();
        if (!fits(length, 2))
            return {};
        QString text(qsizetype(length), Qt::Uninitialized);
        std::memcpy(text.data(), m_at, size_t(length) * 2);
        if constexpr (QSysInfo::ByteOrder != QSysInfo::LittleEndian) {
            for (QChar &c : text)
                c = QChar(qFromLittleEndian(c.unicode()));
        }
        m_at += qsizetype(length) * 2;
        return text;
    }
    QByteArray bytes()
    {
        const quint32 length = u32();
        const qsizetype padded = qsizetype(length) + (length % 2);
        if (!fits(1, padded))
            return {};
        QByteArray value(m_at, qsizetype(length));
        m_at += padded;
        return value;
    }
    User user()
    {
        User user;
        user.id = str();
        user.email = str();
        user.name = str();
        return user;
    }
    QDateTime time()
    {
        const qint64 ms = i64();
        return ms == NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    }

private:
    template<typename T> T get()
    {
        if (!fits(1, sizeof(T)))
            return T {};
        T value;
        std::memcpy(&value, m_at, sizeof value);
        m_at += sizeof value;
        return qFromLittleEndian(value);
    }

    const char *m_at;
    const char *m_end;
    bool m_ok = true;
};

quint32 checksum(const char *data, qsizetype size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    while (size > 0) {
        const uInt chunk = uInt(std::min<qsizetype>(size, 1 << 30));
        crc = crc32(crc, reinterpret_cast<const Bytef *>(data), chunk);
        data += chunk;
        size -= chunk;
    }
    return quint32(crc);
}

QByteArray write(const SyncSnapshot &snapshot, const UserSearchKeys *givenKeys)
{
    QList<User> users;
    qsizetype count = 0;
    for (const QList<User> &page : snapshot.userPages)
        count += page.size();
    users.reserve(count);
    for (const QList<User> &page : snapshot.userPages)
        users.append(page);
    UserSearchKeys folded;
    if (!givenKeys || givenKeys->refs.size() != users.size()) {
        folded = UserModel::searchKeysOf(users, {});
        givenKeys = &folded;
    }
    const UserSearchKeys &keys = *givenKeys;

    Writer out;
    out.data.reserve(count * 120 + snapshot.optOuts.size() * 80 + 4096);
    out.data.append(HeaderSize, '\0');
    out.u32(UserModel::searchKeyVersion());
    const Me &me = snapshot.me;
    out.str(me.id);
    out.str(me.email);
    out.str(me.name);
    out.u32(quint32(me.roles.size()));
    for (const QString &role : me.roles)
        out.str(role);
    out.str(me.orgId);
    out.str(me.orgName);
    out.str(me.productName);
    out.u32(me.usageTracking ? 1 : 0);
    out.i64(me.purgeAfterSeconds);
    out.str(me.orgTimeZone);
    out.u32(quint32(snapshot.userPages.size()));
    for (qsizetype p = 0; p < snapshot.userPages.size(); ++p) {
        out.bytes(snapshot.userPageEtags.value(p));
        out.u32(quint32(snapshot.userPages.at(p).size()));
    }
    QHash<QString, quint32> indexOf;
    indexOf.reserve(users.size());
    for (qsizetype i = 0; i < users.size(); ++i) {
        out.user(users.at(i));
        indexOf.insert(users.at(i).id, quint32(i));
    }
    out.u32(1);
    out.str(keys.pool);
    for (const UserKeyRef &ref : keys.refs) {
        out.u32(ref.keyAt);
        out.u16(quint16(ref.nameKeyLength | (ref.emailKeyLength << 8)));
        out.u16(ref.initials);
    }
    QList<User> actors;
    QHash<QString, quint32> actorOf;
    for (const OptOutEntry &entry : snapshot.optOuts) {
        const User &by = entry.optedOutBy;
        if (by != User {}
            && !actorOf.contains(by.id + QLatin1Char('\n') + by.email + QLatin1Char('\n')
                                 + by.name)) {
            actorOf.insert(by.id + QLatin1Char('\n') + by.email + QLatin1Char('\n') + by.name,
                           quint32(actors.size()));
            actors.append(by);
        }
    }
    out.u32(quint32(actors.size()));
    for (const User &actor : std::as_const(actors))
        out.user(actor);
    const OptOutModel::FoldedKeys optOutKeys = OptOutModel::foldKeys(snapshot.optOuts);
    out.u32(quint32(snapshot.optOuts.size()));
    for (const OptOutEntry &entry : snapshot.optOuts) {
        const quint32 user = indexOf.value(entry.user.id, None);
        if (user != None && users.at(user) == entry.user) {
            out.u32(user);
        } else {
            out.u32(None);
            out.user(entry.user);
        }
        const User &by = entry.optedOutBy;
        out.u32(by == User {} ? None
                              : actorOf.value(by.id + QLatin1Char('\n') + by.email
                                              + QLatin1Char('\n') + by.name));
        out.time(entry.optedOutAt);
        out.str(entry.reason);
        out.time(entry.purgeAt);
        out.u32(quint32(entry.via.size()));
        for (const OptOutCover &cover : entry.via) {
            out.u32(quint32(cover.kind));
            out.str(cover.ruleId);
            out.str(cover.groupId);
            out.str(cover.groupName);
            out.str(cover.domain);
        }
        out.str(optOutKeys.value(entry.user.id));
    }
    out.bytes(snapshot.optOutsEtag);
    out.i64(snapshot.revision);
    out.time(snapshot.syncedAt);

    QByteArray &data = out.data;
    const qsizetype payload = data.size() - HeaderSize;
    char *header = data.data();
    qToBigEndian(Magic, header);
    qToBigEndian(FormatVersion, header + 4);
    qToLittleEndian(checksum(data.constData() + HeaderSize, payload), header + 8);
    qToLittleEndian(quint32(0), header + 12);
    qToLittleEndian(quint64(payload), header + 16);
    return data;
}

bool read(QByteArrayView data, SyncSnapshot *snapshot, SyncCacheKeys *keys, QString *error)
{
    const auto damaged = [&]() {
        if (error)
            *error = QStringLiteral("damaged file");
        *snapshot = SyncSnapshot {};
        if (keys)
            *keys = SyncCacheKeys {};
        return false;
    };
    if (data.size() < HeaderSize)
        return damaged();
    const char *header = data.constData();
    const quint32 crc = qFromLittleEndian<quint32>(header + 8);
    const quint64 payload = qFromLittleEndian<quint64>(header + 16);
    if (payload != quint64(data.size() - HeaderSize) || qFromLittleEndian<quint32>(header + 12) != 0
        || checksum(header + HeaderSize, qsizetype(payload)) != crc)
        return damaged();
    Reader in(header + HeaderSize, header + data.size());
    const bool keysOfThisFolding = in.u32() == UserModel::searchKeyVersion();
    Me &me = snapshot->me;
    me.id = in.str();
    me.email = in.str();
    me.name = in.str();
    const quint32 roles = in.u32();
    for (quint32 i = 0; in.fits(roles, 4) && i < roles; ++i)
        me.roles.append(in.str());
    me.orgId = in.str();
    me.orgName = in.str();
    me.productName = in.str();
    me.usageTracking = in.u32() != 0;
    me.purgeAfterSeconds = in.i64();
    me.orgTimeZone = in.str();
    const quint32 pages = in.u32();
    QList<quint32> pageSizes;
    quint64 total = 0;
    for (quint32 p = 0; in.fits(pages, 8) && p < pages; ++p) {
        snapshot->userPageEtags.append(in.bytes());
        pageSizes.append(in.u32());
        total += pageSizes.last();
    }
    // Each user is at least three lengths.
    if (total > quint64(std::numeric_limits<quint32>::max()) || !in.fits(quint32(total), 12))
        return damaged();
    QList<User> users;
    users.reserve(qsizetype(total));
    snapshot->userPages.reserve(pages);
    for (quint32 p = 0; p < pages && in.ok(); ++p) {
        QList<User> page;
        page.reserve(pageSizes.at(p));
        for (quint32 i = 0; i < pageSizes.at(p) && in.ok(); ++i)
            page.append(in.user());
        users.append(page);
        snapshot->userPages.append(std::move(page));
    }
    UserSearchKeys userKeys;
    if (in.u32() != 0) {
        userKeys.pool = in.str();
        if (in.fits(quint32(total), 8)) {
            userKeys.refs.resize(qsizetype(total));
            for (UserKeyRef &ref : userKeys.refs) {
                ref.keyAt = in.u32();
                const quint16 lengths = in.u16();
                ref.nameKeyLength = quint8(lengths & 0xff);
                ref.emailKeyLength = quint8(lengths >> 8);
                ref.initials = in.u16();
            }
        }
    }
    const quint32 actorCount = in.u32();
    QList<User> actors;
    if (in.fits(actorCount, 12)) {
        actors.reserve(actorCount);
        for (quint32 i = 0; i < actorCount && in.ok(); ++i)
            actors.append(in.user());
    }
    const quint32 entries = in.u32();
    QHash<QString, QString> optOutKeys;
    // Each opt-out is at least its two references, two times, three lengths.
    if (in.fits(entries, 36)) {
        snapshot->optOuts.reserve(entries);
        optOutKeys.reserve(entries);
    }
    for (quint32 i = 0; i < entries && in.ok(); ++i) {
        OptOutEntry entry;
        const quint32 user = in.u32();
        if (user == None)
            entry.user = in.user();
        else if (user < quint32(users.size()))
            entry.user = users.at(user);
        else
            in.fail();
        const quint32 actor = in.u32();
        if (actor != None && actor >= quint32(actors.size()))
            in.fail();
        else if (actor != None)
            entry.optedOutBy = actors.at(actor);
        entry.optedOutAt = in.time();
        entry.reason = in.str();
        entry.purgeAt = in.time();
        const quint32 covers = in.u32();
        if (covers >= 1000)
            in.fail();
        for (quint32 c = 0; c < covers && in.ok(); ++c) {
            OptOutCover cover;
            const quint32 kind = in.u32();
            if (kind > quint32(OptOutCover::Kind::EmailDomain))
                in.fail();
            cover.kind = OptOutCover::Kind(kind);
            cover.ruleId = in.str();
            cover.groupId = in.str();
            cover.groupName = in.str();
            cover.domain = in.str();
            entry.via.append(cover);
        }
        QString key = in.str();
        if (keysOfThisFolding)
            optOutKeys.insert(entry.user.id, std::move(key));
        snapshot->optOuts.append(std::move(entry));
    }
    snapshot->optOutsEtag = in.bytes();
    snapshot->revision = in.i64();
    snapshot->syncedAt = in.time();
    if (!in.ok() || !in.atEnd() || me.id.isEmpty())
        return damaged();
    if (keys) {
        *keys = SyncCacheKeys {};
        if (keysOfThisFolding && userKeys.refs.size() == users.size()) {
            keys->users = std::move(userKeys);
            keys->optOuts = std::move(optOutKeys);
        }
    }
    return true;
}

} // namespace Format4

// A file mapped whole for reading, its pages read in at once where the system can; read into
// memory where it cannot be mapped.
class MappedFile
{
public:
    explicit MappedFile(QFile &file)
    {
        const qint64 size = file.size();
        if (size <= 0)
            return;
#if defined(Q_OS_LINUX) && defined(MAP_POPULATE)
        void *at = ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                          file.handle(), 0);
        if (at != MAP_FAILED) {
            m_mapped = at;
            m_size = size;
            return;
        }
#endif
        m_copy = file.readAll();
    }
    ~MappedFile()
    {
#if defined(Q_OS_LINUX) && defined(MAP_POPULATE)
        if (m_mapped)
            ::munmap(m_mapped, size_t(m_size));
#endif
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    QByteArrayView data() const
    {
        return m_mapped ? QByteArrayView(static_cast<const char *>(m_mapped), m_size)
                        : QByteArrayView(m_copy);
    }

private:
    void *m_mapped = nullptr;
    qint64 m_size = 0;
    QByteArray m_copy;
};

} // namespace

bool SyncCache::save(const QString &filePath, const SyncSnapshot &snapshot, QString *error,
                     const UserSearchKeys *userKeys, Format format)
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
    bool written = true;
    if (format == Format::QDataStream3) {
        writeDataStream3(&file, snapshot);
    } else {
        const QByteArray data = Format4::write(snapshot, userKeys);
        written = file.write(data) == data.size();
    }
    if (!written || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool SyncCache::load(const QString &filePath, SyncSnapshot *snapshot, QString *error,
                     SyncCacheKeys *keys)
{
    *snapshot = SyncSnapshot {};
    if (keys)
        *keys = SyncCacheKeys {};
    QFile file(filePath);
    if (filePath.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = filePath.isEmpty() ? QStringLiteral("no file") : file.errorString();
        return false;
    }
    // Mapped whole, its pages at once (a fault per page costs more than the copy would), and
    // read in place.
    const MappedFile mapped(file);
    const QByteArrayView data = mapped.data();
    if (data.size() != file.size()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    const quint32 magic = data.size() >= 8 ? qFromBigEndian<quint32>(data.data()) : 0;
    const quint32 version = data.size() >= 8 ? qFromBigEndian<quint32>(data.data() + 4) : 0;
    if (magic != Magic || version < OldestReadableVersion || version > FormatVersion) {
        if (error)
            *error = QStringLiteral("unknown format");
        return false;
    }
    if (version == FormatVersion)
        return Format4::read(data, snapshot, keys, error);
    QBuffer buffer;
    buffer.setData(data.toByteArray());
    buffer.open(QIODevice::ReadOnly);
    buffer.seek(8);
    return readDataStream(buffer, version, snapshot, error);
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
