// Every user of the organisation, with whether each is opted out: the drop-down's source.
#include "usermodel.h"

#include "textfold.h"

#include "heaptrim.h"

#include <QFont>
#include <QPalette>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>

UserModel::UserModel(QObject *parent)
    : KeyedTableModel<UserRow>(parent)
{
    connect(&m_planning, &QFutureWatcher<UserPlan>::finished, this, &UserModel::onPlanned);
}

int UserModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const UserRow &row = rows().at(index.row());
    const User &user = row.user;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return index.column() == NameColumn ? user.name : user.email;
    case Qt::ToolTipRole:
        if (m_optedOut.contains(user.id))
            return tr("%1 is already opted out.").arg(user.name);
        return user.email;
    case Qt::FontRole:
        if (m_pending.contains(user.id)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case UserIdRole:
        return user.id;
    case NameRole:
        return user.name;
    case EmailRole:
        return user.email;
    case LabelRole:
        return tr("%1 <%2>", "user name and email in the drop-down").arg(user.name, user.email);
    case OptedOutRole:
        return m_optedOut.contains(user.id);
    case PendingRole:
        return m_pending.contains(user.id);
    case FoldedKeyRole:
        return foldedKeyAt(index.row());
    case SortRole: // the folded keys computed once per user, not per call
        return index.column() == NameColumn ? foldedKeyAt(index.row())
                                            : searchKeyAt(index.row()).email.toString();
    default:
        return {};
    }
}

QVariant UserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    default:
        return {};
    }
}

Qt::ItemFlags UserModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    // Users already opted out cannot be chosen again.
    if (m_optedOut.contains(rows().at(index.row()).user.id))
        return Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> UserModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UserIdRole, "userId");
    names.insert(NameRole, "name");
    names.insert(EmailRole, "email");
    names.insert(LabelRole, "label");
    names.insert(OptedOutRole, "optedOut");
    names.insert(PendingRole, "pending");
    names.insert(FoldedKeyRole, "foldedKey");
    names.insert(SortRole, "sortValue");
    return names;
}

QString UserModel::foldedKeyAt(int row) const
{
    const UserSearchKey key = searchKeyAt(row);
    return key.name + QLatin1Char('\n') + key.email;
}

void UserModel::appendKeys(QString &keys, UserRow &row)
{
    // Keys longer than 254 characters are cut: search looks at their start only.
    const QString name = foldForSearch(row.user.name).left(UserRow::EmailIsKey - 1);
    const QString email = foldForSearch(row.user.email).left(UserRow::EmailIsKey - 1);
    row.keyAt = quint32(keys.size());
    row.nameKeyLength = quint8(name.size());
    row.initials = wordInitials(name) | wordInitials(email);
    keys += name;
    if (email == row.user.email) {
        row.emailKeyLength = UserRow::EmailIsKey;
    } else {
        row.emailKeyLength = quint8(email.size());
        keys += email;
    }
}

void UserModel::compactKeys()
{
    qsizetype live = 0;
    for (const UserRow &row : rows())
        live += row.keyLength();
    if (m_keys.size() <= 2 * live + 4096) {
        m_keys.squeeze();
        return;
    }
    QString keys;
    keys.reserve(live);
    for (int r = 0; r < rowCount(); ++r) {
        UserRow &row = mutableRow(r);
        const QStringView old = QStringView(m_keys).mid(row.keyAt, row.keyLength());
        row.keyAt = quint32(keys.size());
        keys += old;
    }
    m_keys = std::move(keys);
}

UserModel::UserPlan UserModel::planUsers(const Snapshot &from, QString keys,
                                         const QList<User> &users)
{
    UserPlan result;
    QList<UserRow> incoming;
    incoming.reserve(users.size());
    for (const User &user : users)
        incoming.append(UserRow {user});
    int folded = 0;
    result.plan = planRows(from, std::move(incoming),
                           [&keys, &folded](UserRow &row, const UserRow *current) {
                               // Folding is the costly part of a load: an unchanged user keeps
                               // its keys.
                               if (current && current->user == row.user) {
                                   row = *current;
                               } else {
                                   appendKeys(keys, row);
                                   ++folded;
                               }
                           });
    result.keys = std::move(keys);
    result.folded = folded;
    return result;
}

void UserModel::setUsers(const QList<User> &users)
{
    // A plan in the works is for an older list: dropped.
    ++m_planTicket;
    m_queued.clear();
    m_hasQueued = false;
    // The pool only grows in a plan (the rows now shown keep their keys), so it is handed over
    // rather than copied.
    UserPlan planned = planUsers(snapshot(), std::move(m_keys), users);
    m_keys = std::move(planned.keys);
    applyPlan(std::move(planned.plan));
    compactKeys();
    // A large load leaves its parsing garbage behind: give it back to the system.
    if (planned.folded >= 10000)
        releaseFreeHeapSoon();
    emit usersUpdated();
}

UserModel::Prepared UserModel::prepareUsers(const QList<User> &users)
{
    Prepared prepared;
    prepared.m_planned = planUsers(Snapshot {{}, {}, QHashSeed::globalSeed()}, QString(), users);
    prepared.m_planned.keys.squeeze(); // a new pool holds live keys only
    prepared.m_seed = QHashSeed::globalSeed();
    prepared.m_allRows.resize(prepared.m_planned.plan.rows.size());
    std::iota(prepared.m_allRows.begin(), prepared.m_allRows.end(), 0);
    return prepared;
}

UserModel::Prepared UserModel::prepareUsers(const QList<User> &users, const UserSearchKeys &keys)
{
    if (keys.refs.size() != users.size())
        return prepareUsers(users);
    for (const UserKeyRef &ref : keys.refs) {
        const qsizetype length = ref.nameKeyLength
            + (ref.emailKeyLength == UserRow::EmailIsKey ? 0 : ref.emailKeyLength);
        if (ref.nameKeyLength == UserRow::EmailIsKey
            || qsizetype(ref.keyAt) + length > keys.pool.size())
            return prepareUsers(users);
    }
    Prepared prepared;
    QList<UserRow> incoming;
    incoming.reserve(users.size());
    for (qsizetype i = 0; i < users.size(); ++i) {
        const UserKeyRef &ref = keys.refs.at(i);
        incoming.append(
            UserRow {users.at(i), ref.keyAt, ref.nameKeyLength, ref.emailKeyLength, ref.initials});
    }
    prepared.m_planned.plan = planRows(Snapshot {{}, {}, QHashSeed::globalSeed()},
                                       std::move(incoming), [](UserRow &, const UserRow *) {});
    prepared.m_planned.keys = keys.pool;
    prepared.m_seed = QHashSeed::globalSeed();
    prepared.m_allRows.resize(prepared.m_planned.plan.rows.size());
    std::iota(prepared.m_allRows.begin(), prepared.m_allRows.end(), 0);
    return prepared;
}

quint32 UserModel::searchKeyVersion()
{
    // 1: foldForSearch() and wordInitials() as of the cache's format 4. Bump with any change
    // of either; Qt's Unicode tables (lowercase, decomposition) come with its version.
    constexpr quint32 Folding = 1;
    return (Folding << 24) ^ quint32(QT_VERSION) ^ (quint32(QChar::currentUnicodeVersion()) << 16);
}

UserModel::KeySource UserModel::keySource() const
{
    KeySource source;
    source.m_rows = snapshot();
    source.m_keys = m_keys;
    return source;
}

UserSearchKeys UserModel::searchKeysOf(const QList<User> &users, const KeySource &source)
{
    UserSearchKeys keys;
    keys.refs.reserve(users.size());
    const QStringView from(source.m_keys);
    for (const User &user : users) {
        const int r = rowOfKeyIn(source.m_rows, user.id);
        UserRow row {user};
        if (r >= 0 && source.m_rows.rows.at(r).user == user) {
            const UserRow &known = source.m_rows.rows.at(r);
            row = known;
            row.keyAt = quint32(keys.pool.size());
            keys.pool += from.mid(known.keyAt, known.keyLength());
        } else {
            appendKeys(keys.pool, row);
        }
        keys.refs.append(
            UserKeyRef {row.keyAt, row.nameKeyLength, row.emailKeyLength, row.initials});
    }
    return keys;
}

QList<int> UserModel::allRows() const
{
    if (m_allRows.size() != rowCount()) {
        m_allRows.resize(rowCount());
        std::iota(m_allRows.begin(), m_allRows.end(), 0);
    }
    return m_allRows;
}

void UserModel::setPreparedUsers(Prepared prepared)
{
    // Prepared against no rows: valid for an empty model only (one insert, or the first reset).
    if (rowCount() > 0) {
        QList<User> users;
        users.reserve(prepared.size());
        for (const UserRow &row : std::as_const(prepared.m_planned.plan.rows))
            users.append(row.user);
        return setUsers(users);
    }
    ++m_planTicket;
    m_queued.clear();
    m_hasQueued = false;
    m_keys = std::move(prepared.m_planned.keys);
    m_allRows = std::move(prepared.m_allRows);
    applyPlan(std::move(prepared.m_planned.plan));
    // No parsing garbage here: the file was read and the keys folded on another thread.
    emit usersUpdated();
}

void UserModel::updateUsers(const QList<User> &users)
{
    m_queued = users;
    m_hasQueued = true;
    if (m_planInFlight)
        return; // taken when the plan in the works is done
    if (!isLoaded() || users.size() < m_backgroundThreshold)
        return setUsers(users);
    startPlanning();
}

void UserModel::startPlanning()
{
    if (m_planInFlight || !m_hasQueued)
        return;
    m_planInFlight = true;
    m_planning.setFuture(
        QtConcurrent::run([from = snapshot(), keys = m_keys, users = std::exchange(m_queued, {}),
                           generation = generation(), ticket = m_planTicket]() {
            UserPlan planned = planUsers(from, keys, users);
            planned.generation = generation;
            planned.ticket = ticket;
            planned.users = users;
            return planned;
        }));
    m_hasQueued = false;
}

void UserModel::onPlanned()
{
    m_planInFlight = false;
    UserPlan planned = m_planning.future().takeResult();
    if (m_hasQueued)
        return startPlanning(); // a newer list came meanwhile: it wins
    if (planned.ticket != m_planTicket)
        return; // setUsers() gave a list since
    if (planned.generation != generation()) {
        // The rows changed since the snapshot (setUsers() ran): plan again from them.
        m_queued = std::move(planned.users);
        m_hasQueued = true;
        return startPlanning();
    }
    m_keys = std::move(planned.keys);
    applyPlan(std::move(planned.plan));
    compactKeys();
    if (planned.folded >= 10000)
        releaseFreeHeapSoon();
    emit usersUpdated();
}

void UserModel::setOptOutState(const QSet<QString> &optedOutIds, const QSet<QString> &pendingIds)
{
    if (rowCount() == 0) {
        // No row to tell: the sets are shared, not walked.
        m_optedOut = optedOutIds;
        m_pending = pendingIds;
        return;
    }
    QSet<QString> changed;
    for (const QString &id : optedOutIds) {
        if (!m_optedOut.contains(id))
            changed.insert(id);
    }
    for (const QString &id : std::as_const(m_optedOut)) {
        if (!optedOutIds.contains(id))
            changed.insert(id);
    }
    QSet<QString> pendingChanged;
    for (const QString &id : pendingIds) {
        if (!m_pending.contains(id))
            pendingChanged.insert(id);
    }
    for (const QString &id : std::as_const(m_pending)) {
        if (!pendingIds.contains(id))
            pendingChanged.insert(id);
    }
    m_optedOut = optedOutIds;
    m_pending = pendingIds;
    for (const QString &id : std::as_const(changed)) {
        const int row = rowOfKey(id);
        if (row >= 0)
            emitRowChanged(row, {Qt::ToolTipRole, OptedOutRole});
    }
    for (const QString &id : std::as_const(pendingChanged)) {
        const int row = rowOfKey(id);
        if (row >= 0)
            emitRowChanged(row, {Qt::FontRole, PendingRole});
    }
}

void UserModel::updateOptOutState(const QSet<QString> &changedIds, const QSet<QString> &optedOutIds,
                                  const QSet<QString> &pendingIds)
{
    QList<int> outRows;
    QList<int> pendingRows;
    for (const QString &id : changedIds) {
        const int row = rowOfKey(id);
        if (row < 0)
            continue;
        if (m_optedOut.contains(id) != optedOutIds.contains(id))
            outRows.append(row);
        if (m_pending.contains(id) != pendingIds.contains(id))
            pendingRows.append(row);
    }
    m_optedOut = optedOutIds;
    m_pending = pendingIds;
    for (int row : std::as_const(outRows))
        emitRowChanged(row, {Qt::ToolTipRole, OptedOutRole});
    for (int row : std::as_const(pendingRows))
        emitRowChanged(row, {Qt::FontRole, PendingRole});
}

const User *UserModel::userById(const QString &userId) const
{
    const int row = rowOfKey(userId);
    return row < 0 ? nullptr : &rows().at(row).user;
}

void UserModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::ToolTipRole, LabelRole});
}

QList<int> UserModel::changedRoles(const UserRow &before, const UserRow &after) const
{
    if (before.user == after.user)
        return {};
    return {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole, NameRole,
            EmailRole,       LabelRole,    FoldedKeyRole,   SortRole};
}
