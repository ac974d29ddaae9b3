// The last synced users and opt-outs of one server and account, kept on disk so that a start
// shows them at once, before (or without) the service answering.
#pragma once

#include "apitypes.h"

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

class SyncCache
{
public:
    // A compact binary file (QDataStream, versioned): the users of 100,000 people in a few MB.
    static bool save(const QString &filePath, const SyncSnapshot &snapshot,
                     QString *error = nullptr);
    // false (and *error) for a missing, unreadable or foreign-format file.
    static bool load(const QString &filePath, SyncSnapshot *snapshot, QString *error = nullptr);
    // <AppDataLocation>/cache/<hash of server URL and user id>.bin
    static QString defaultFilePath(const QUrl &server, const QString &userId);
};
