// The users drop-down's search: a flat, fast, case- and accent-insensitive filter over UserModel.
#include "usersearchmodel.h"

#include "textfold.h"
#include "usermodel.h"

#include <algorithm>
#include <numeric>

UserSearchModel::UserSearchModel(UserModel *source, QObject *parent)
    : QAbstractProxyModel(parent)
    , m_users(source)
{
    QAbstractProxyModel::setSourceModel(source);
    connect(source, &QAbstractItemModel::dataChanged, this, &UserSearchModel::onSourceDataChanged);
    connect(source, &QAbstractItemModel::rowsInserted, this,
            &UserSearchModel::onSourceRowsInserted);
    connect(source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &UserSearchModel::onSourceRowsAboutToBeRemoved);
    connect(source, &QAbstractItemModel::rowsRemoved, this, &UserSearchModel::onSourceRowsRemoved);
    connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &UserSearchModel::onSourceLayoutAboutToBeChanged);
    connect(source, &QAbstractItemModel::layoutChanged, this,
            &UserSearchModel::onSourceLayoutChanged);
    connect(source, &QAbstractItemModel::modelAboutToBeReset, this,
            &UserSearchModel::onSourceAboutToBeReset);
    connect(source, &QAbstractItemModel::modelReset, this, &UserSearchModel::onSourceReset);
    refilterAll();
}

void UserSearchModel::setQuery(const QString &query)
{
    m_query = query;
    const QString folded = foldForSearch(query.trimmed());
    if (folded == m_folded)
        return;
    const bool narrowing = !m_folded.isEmpty() && folded.contains(m_folded);
    beginResetModel();
    m_folded = folded;
    if (narrowing) {
        // Every match of the longer query is a match of the shorter one.
        const auto kept = std::remove_if(m_rows.begin(), m_rows.end(),
                                         [this](int row) { return !matches(row); });
        m_rows.erase(kept, m_rows.end());
    } else {
        refilterAll();
    }
    endResetModel();
}

int UserSearchModel::proxyRow(int sourceRow) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), sourceRow);
    if (it == m_rows.cend() || *it != sourceRow)
        return -1;
    return int(it - m_rows.cbegin());
}

QModelIndex UserSearchModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_rows.size() || column != 0)
        return {};
    return createIndex(row, column);
}

QModelIndex UserSearchModel::parent(const QModelIndex &) const
{
    return {};
}

int UserSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UserSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant UserSearchModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const QModelIndex source = mapToSource(index);
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return source.data(UserModel::LabelRole);
    return source.data(role);
}

QModelIndex UserSearchModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !m_users || proxyIndex.row() >= m_rows.size())
        return {};
    return m_users->index(m_rows.at(proxyIndex.row()), UserModel::NameColumn);
}

QModelIndex UserSearchModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.column() != UserModel::NameColumn)
        return {};
    const int row = proxyRow(sourceIndex.row());
    return row < 0 ? QModelIndex() : createIndex(row, 0);
}

bool UserSearchModel::matches(int sourceRow) const
{
    return m_folded.isEmpty() || m_users->foldedKeyAt(sourceRow).contains(m_folded);
}

void UserSearchModel::refilterAll()
{
    m_rows.clear();
    if (!m_users)
        return;
    const int count = m_users->rowCount();
    if (m_folded.isEmpty()) {
        m_rows.resize(count);
        std::iota(m_rows.begin(), m_rows.end(), 0);
        return;
    }
    for (int r = 0; r < count; ++r) {
        if (m_users->foldedKeyAt(r).contains(m_folded))
            m_rows.append(r);
    }
}

void UserSearchModel::onSourceDataChanged(const QModelIndex &topLeft,
                                          const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (roles.isEmpty() || roles.contains(UserModel::FoldedKeyRole)) {
        for (int r = topLeft.row(); r <= bottomRight.row(); ++r) {
            const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), r);
            const int position = int(it - m_rows.begin());
            const bool present = it != m_rows.end() && *it == r;
            const bool wanted = matches(r);
            if (present && !wanted) {
                beginRemoveRows({}, position, position);
                m_rows.remove(position);
                endRemoveRows();
            } else if (!present && wanted) {
                beginInsertRows({}, position, position);
                m_rows.insert(position, r);
                endInsertRows();
            }
        }
    }
    const auto first = std::lower_bound(m_rows.cbegin(), m_rows.cend(), topLeft.row());
    const auto last = std::upper_bound(m_rows.cbegin(), m_rows.cend(), bottomRight.row());
    if (first == last)
        return;
    QList<int> proxyRoles = roles;
    if (roles.contains(UserModel::LabelRole) && !roles.contains(Qt::DisplayRole))
        proxyRoles << Qt::DisplayRole << Qt::EditRole;
    emit dataChanged(index(int(first - m_rows.cbegin()), 0),
                     index(int(last - m_rows.cbegin()) - 1, 0), proxyRoles);
}

void UserSearchModel::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), first);
    const int position = int(it - m_rows.begin());
    for (auto shift = it; shift != m_rows.end(); ++shift)
        *shift += count;
    QList<int> added;
    for (int r = first; r <= last; ++r) {
        if (matches(r))
            added.append(r);
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, position, position + int(added.size()) - 1);
    m_rows.insert(position, added.size(), 0);
    std::copy(added.cbegin(), added.cend(), m_rows.begin() + position);
    endInsertRows();
}

void UserSearchModel::onSourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int begin
        = int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), first) - m_rows.cbegin());
    const int end = int(std::upper_bound(m_rows.cbegin(), m_rows.cend(), last) - m_rows.cbegin());
    if (begin == end)
        return;
    beginRemoveRows({}, begin, end - 1);
    m_rows.remove(begin, end - begin);
    endRemoveRows();
}

void UserSearchModel::onSourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (auto it = std::upper_bound(m_rows.begin(), m_rows.end(), last); it != m_rows.end(); ++it)
        *it -= count;
    Q_UNUSED(first);
}

void UserSearchModel::onSourceLayoutAboutToBeChanged()
{
    emit layoutAboutToBeChanged();
    m_layoutProxyIndexes = persistentIndexList();
    m_layoutPersistent.clear();
    m_layoutPersistent.reserve(m_layoutProxyIndexes.size());
    for (const QModelIndex &proxy : std::as_const(m_layoutProxyIndexes))
        m_layoutPersistent.append(QPersistentModelIndex(mapToSource(proxy)));
}

void UserSearchModel::onSourceLayoutChanged()
{
    refilterAll();
    QModelIndexList moved;
    moved.reserve(m_layoutProxyIndexes.size());
    for (const QPersistentModelIndex &source : std::as_const(m_layoutPersistent))
        moved.append(mapFromSource(source));
    changePersistentIndexList(m_layoutProxyIndexes, moved);
    m_layoutPersistent.clear();
    m_layoutProxyIndexes.clear();
    emit layoutChanged();
}

void UserSearchModel::onSourceAboutToBeReset()
{
    beginResetModel();
}

void UserSearchModel::onSourceReset()
{
    refilterAll();
    endResetModel();
}
