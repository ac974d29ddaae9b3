// Every user of the organisation, with whether each is opted out: the drop-down's source.
#pragma once

#include "apitypes.h"
#include "keyedtablemodel.h"

#include <QFutureWatcher>
#include <QSet>

// A user and where its search keys sit in UserModel's key pool (no string of its own: at
// 100,000 users a QString per key costs about 10 MB more than one shared buffer). 80 bytes.
struct UserRow
{
    User user;
    quint32 keyAt = 0; // the folded name, then the folded e-mail, in UserModel's pool
    quint8 nameKeyLength = 0; // keys are cut at 254 characters (an e-mail's longest)
    // EmailIsKey when the e-mail folds to itself: it is then not copied into the pool.
    quint8 emailKeyLength = 0;
    quint16 initials = 0; // wordInitials() of the folded name and e-mail
    static constexpr quint8 EmailIsKey = 0xff;
    bool emailIsKey() const { return emailKeyLength == EmailIsKey; }
    // Characters of the pool the row uses.
    qsizetype keyLength() const { return nameKeyLength + (emailIsKey() ? 0 : emailKeyLength); }
    const QString &key() const { return user.id; }
};

// Where a user's folded search keys sit in a key pool: UserRow's fields besides the user.
struct UserKeyRef
{
    quint32 keyAt = 0;
    quint8 nameKeyLength = 0;
    quint8 emailKeyLength = 0; // UserRow::EmailIsKey: the e-mail itself
    quint16 initials = 0;
};

// The search keys of a list of users, folded ahead (a cache keeps them, so that a start folds
// nothing): refs[i] is the list's i-th user's, in `pool`.
struct UserSearchKeys
{
    QString pool;
    QList<UserKeyRef> refs;
};

// The case- and accent-folded name and e-mail of a user, as search compares them. Valid until
// the next change of the model.
struct UserSearchKey
{
    QStringView name;
    QStringView email;
    quint16 initials; // wordInitials() of both
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

    // Replaces the list by a diff (first call: a reset), at once.
    void setUsers(const QList<User> &users);
    // The same, with the work that grows with the organisation (matching each user to its row,
    // folding the changed users' keys, indexing) done on a worker thread when the list is
    // large and the model already loaded: the GUI thread then only moves rows and emits the
    // signals. usersUpdated() follows once the list is in (at once when done at once). A list
    // given while another is being worked out replaces it: the newest wins.
    void updateUsers(const QList<User> &users);
    // A first list prepared ahead, on any thread: the work that grows with the organisation
    // (folding every user's keys, indexing them) is done by prepareUsers(), and
    // setPreparedUsers() then fills the empty model in one reset (or one insert). A model with
    // rows takes the users as setUsers() would.
    class Prepared;
    static Prepared prepareUsers(const QList<User> &users);
    // The same without folding, with the keys folded ahead (searchKeysOf()); keys that do not
    // fit the users (another count, outside the pool) are folded anew.
    static Prepared prepareUsers(const QList<User> &users, const UserSearchKeys &keys);
    void setPreparedUsers(Prepared prepared);
    // What the folding of the search keys is (this code's and Qt's Unicode tables'): keys
    // folded ahead by another version are not used.
    static quint32 searchKeyVersion();
    // What the model has folded, for another thread: O(1), shared.
    class KeySource;
    KeySource keySource() const;
    // Pure, for any thread: the keys of `users`, taken from `source` for the users it holds
    // unchanged and folded for the others.
    static UserSearchKeys searchKeysOf(const QList<User> &users, const KeySource &source);
    // From this many users on, updateUsers() works in the background (default 20,000).
    void setBackgroundThreshold(int users) { m_backgroundThreshold = users; }
    bool isUpdating() const { return m_planInFlight || m_hasQueued; }
    // Which users are opted out and which have an action pending; emits dataChanged only for
    // the users whose state changed.
    void setOptOutState(const QSet<QString> &optedOutIds, const QSet<QString> &pendingIds);
    // The same when the caller knows which users changed (OptOutLedger::Change::stateChanged):
    // only their rows are looked at. The sets are shared, not copied.
    void updateOptOutState(const QSet<QString> &changedIds, const QSet<QString> &optedOutIds,
                           const QSet<QString> &pendingIds);

    const User &userAt(int row) const { return rows().at(row).user; }
    // The word initials of a row alone, without touching its strings.
    quint16 initialsAt(int row) const { return rows().at(row).initials; }
    UserSearchKey searchKeyAt(int row) const
    {
        const UserRow &r = rows().at(row);
        const QStringView pool(m_keys);
        return {pool.mid(r.keyAt, r.nameKeyLength),
                r.emailIsKey() ? QStringView(r.user.email)
                               : pool.mid(r.keyAt + r.nameKeyLength, r.emailKeyLength),
                r.initials};
    }
    // "name\nemail", folded (FoldedKeyRole).
    QString foldedKeyAt(int row) const;
    // 0, 1, … rowCount() - 1: what a search with no query shows, made once and shared.
    QList<int> allRows() const;
    bool isOptedOut(const QString &userId) const { return m_optedOut.contains(userId); }
    bool isPending(const QString &userId) const { return m_pending.contains(userId); }
    // The user with this id, or nullptr.
    const User *userById(const QString &userId) const;
    // Copies for a worker thread, O(1) (implicitly shared): every row, and the ids opted out
    // (pending opt-outs included).
    QList<UserRow> rowsSnapshot() const { return rows(); }
    QSet<QString> optedOutIds() const { return m_optedOut; }

    // Re-emits header and display data after a language switch.
    void retranslate();

Q_SIGNALS:
    // A list given to updateUsers() (or setUsers()) is in the model.
    void usersUpdated();

protected:
    QList<int> changedRoles(const UserRow &before, const UserRow &after) const override;
    // The service sends the users sorted (by e-mail): an added or renamed user takes its place
    // in that order at the next refresh, as the drop-down lists them.
    bool keepsListOrder() const override { return true; }

private:
    // A plan with the key pool its rows point into.
    struct UserPlan
    {
        Plan plan;
        QString keys;
        int folded = 0;
        quint64 generation = 0; // of the snapshot it was made from
        quint64 ticket = 0; // setUsers() since makes it moot
        QList<User> users; // what it was made from, to make it again if it is stale
    };
    // Pure, for a worker thread: the plan of `users` against a snapshot and its key pool.
    static UserPlan planUsers(const Snapshot &from, QString keys, const QList<User> &users);
    void startPlanning();
    void onPlanned();

    void emitStateChanged(const QSet<QString> &ids);
    // Folds the user's name and e-mail into `keys` and records where in `row`.
    static void appendKeys(QString &keys, UserRow &row);
    // Rewrites the pool with the live rows' keys only, once changes left too much behind.
    void compactKeys();

    QSet<QString> m_optedOut;
    QSet<QString> m_pending;
    QString m_keys; // every row's folded name and e-mail, back to back
    mutable QList<int> m_allRows; // allRows(), valid while of rowCount() rows
    int m_backgroundThreshold = 20000;
    QFutureWatcher<UserPlan> m_planning;
    // A plan is on its way: from its start until onPlanned() took it (the future itself says
    // finished before its result is taken).
    bool m_planInFlight = false;
    QList<User> m_queued; // given to updateUsers() while a plan was being made
    bool m_hasQueued = false;
    quint64 m_planTicket = 0;

public:
    class KeySource
    {
    private:
        friend class UserModel;
        Snapshot m_rows;
        QString m_keys;
    };
    class Prepared
    {
    public:
        qsizetype size() const { return m_planned.plan.rows.size(); }
        bool hasUser(const QString &id) const
        {
            return rowOfKeyIn(m_planned.plan, m_seed, id) >= 0; // no copy of the index
        }

    private:
        friend class UserModel;
        UserPlan m_planned;
        QList<int> m_allRows; // made on the preparing thread
        size_t m_seed = 0; // of the key index
    };
};
