// The administrator's actions not yet confirmed by the service, kept in a JSON file across
// restarts.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

struct PendingAction
{
    enum class Type { OptOut, OptIn };
    Type type = Type::OptOut;
    QStringList userIds; // one for an opt-out, up to 10,000 for an opt-in batch
    QDateTime createdAt; // UTC
    // The administrator's action this belongs to: the chunks of one large opt-in share it, so
    // that one message reports the whole action. 0 for actions saved by older versions.
    qint64 actionId = 0;
    // Opt-outs only: the administrator's reason (empty for none) and whether the users' stored
    // events are deleted now rather than at the end of the retention window. An opt-out with
    // deleteStoredEvents of users already out deletes their stored events and changes nothing
    // else.
    QString reason;
    bool deleteStoredEvents = false;
    bool operator==(const PendingAction &other) const
    {
        return type == other.type && userIds == other.userIds && createdAt == other.createdAt
            && actionId == other.actionId && reason == other.reason
            && deleteStoredEvents == other.deleteStoredEvents;
    }
};

class PendingStore
{
public:
    explicit PendingStore(const QString &filePath = {});

    void setFilePath(const QString &filePath) { m_filePath = filePath; }
    QString filePath() const { return m_filePath; }

    // Reads the file; a missing file is an empty list. false (and *error) when it is unreadable
    // or malformed: the file is then left in place, never overwritten by an empty list.
    bool load(QList<PendingAction> *actions, QString *error = nullptr) const;
    // Writes atomically (QSaveFile); an empty list removes the file.
    bool save(const QList<PendingAction> &actions, QString *error = nullptr) const;

    // <AppDataLocation>/pending/<hash of server URL and user id>.json
    static QString defaultFilePath(const QUrl &server, const QString &userId);

    // Which user a server and token belonged to at the last sign-in, so that a restart can show
    // that user's pending actions before the service answers. Kept in
    // <AppDataLocation>/pending/users.json under a hash of server and token (never the token).
    static void rememberUser(const QUrl &server, const QByteArray &token, const QString &userId);
    static QString rememberedUser(const QUrl &server, const QByteArray &token);

    static QByteArray encode(const QList<PendingAction> &actions);
    static bool decode(const QByteArray &json, QList<PendingAction> *actions, QString *error);

private:
    QString m_filePath;
};
