// Every user of the organisation, with whether each is opted out: the drop-down's source.
#pragma once

#include "apitypes.h"
#include "keyedtablemodel.h"

#include <QSet>

struct UserRow
{
    User user;
    QString folded; // foldForSearch(name + '\n' + email), computed once per user
    QString key() const { return user.id; }
};

class UserModel final : public KeyedTableModel<UserRow>
{
    Q_OBJECT

public:
    enum Column { NameColumn, EmailColumn, ColumnCount };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // QString
        NameRole, // QString
        EmailRole, // QString
        LabelRole, // QString "Name <email>", what the drop-down shows
        OptedOutRole, // bool: already opted out (the row is then not enabled)
        PendingRole, // bool: an opt-out/opt-in of this user awaits the service
        FoldedKeyRole, // QString: the case- and accent-folded name and email
        SortRole, // the column's value for sorting
    };
    Q_ENUM(Role)

    explicit UserModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the list by a diff (first call: a reset).
    void setUsers(const QList<User> &users);
    // Which users are opted out and which have an action pending; emits dataChanged only for
    // the users whose state changed.
    void setOptOutState(const QSet<QString> &optedOutIds, const QSet<QString> &pendingIds);

    const User &userAt(int row) const { return rows().at(row).user; }
    const QString &foldedKeyAt(int row) const { return rows().at(row).folded; }
    bool isOptedOut(const QString &userId) const { return m_optedOut.contains(userId); }
    bool isPending(const QString &userId) const { return m_pending.contains(userId); }
    // The user with this id, or nullptr.
    const User *userById(const QString &userId) const;

    // Re-emits header and display data after a language switch.
    void retranslate();

protected:
    QList<int> changedRoles(const UserRow &before, const UserRow &after) const override;

private:
    void emitStateChanged(const QSet<QString> &ids);

    QSet<QString> m_optedOut;
    QSet<QString> m_pending;
};
