// The last synced users and opt-outs of one server and account, kept on disk so that a start
// shows them at once, before (or without) the service answering.
#pragma once

#include "apitypes.h"
#include "usermodel.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

struct SyncSnapshot
{
    Me me;
    QList<QList<User>> userPages; // as the service paged them, with their ETags
    QList<QByteArray> userPageEtags;
    QList<OptOutEntry> optOuts;
    QByteArray optOutsEtag;
    qint64 revision = -1;
    QDateTime syncedAt; // UTC
};

// What a start needs besides the snapshot, folded when the cache was written so that a start
// folds nothing: the users' search keys (in the order of the pages' users) and the opt-outs'
// (OptOutModel's, by user id). Empty when the file has none or they were folded otherwise
// (UserModel::searchKeyVersion()).
struct SyncCacheKeys
{
    UserSearchKeys users;
    QHash<QString, QString> optOuts;
    bool isEmpty() const { return users.refs.isEmpty(); }
};

class SyncCache
{
public:
    // The format save() writes: 4, a compact binary file of its own (one read, strings as
    // stored in memory, each opt-out's user a reference to the users, the search keys, and a
    // checksum of the whole). 3 is the QDataStream format of before, which load() still reads;
    // written only for tests and benchmarks.
    enum class Format { Current = 4, QDataStream3 = 3 };
    // `userKeys`: the users' search keys (UserModel::searchKeysOf() of the pages' users, in
    // order); folded here when null or not of these users.
    static bool save(const QString &filePath, const SyncSnapshot &snapshot,
                     QString *error = nullptr, const UserSearchKeys *userKeys = nullptr,
                     Format format = Format::Current);
    // false (and *error) for a missing, unreadable, damaged or foreign-format file. `keys`, when
    // given, gets the keys the file holds (format 4 of this folding) or is left empty.
    static bool load(const QString &filePath, SyncSnapshot *snapshot, QString *error = nullptr,
                     SyncCacheKeys *keys = nullptr);
    // <AppDataLocation>/cache/<hash of server URL and user id>.bin
    static QString defaultFilePath(const QUrl &server, const QString &userId);
};
