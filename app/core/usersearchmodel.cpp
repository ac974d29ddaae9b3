// The users drop-down's search: a flat, fast, case- and accent-insensitive filter over UserModel.
#include "usersearchmodel.h"

#include "textfold.h"
#include "usermodel.h"

#include <algorithm>
#include <numeric>

namespace {

// A query word starting with a letter or digit must start a word of the key; one starting with
// punctuation ("@example") may sit anywhere.
bool wordMatches(QStringView key, QStringView word)
{
    if (!word.front().isLetterOrNumber())
        return key.contains(word);
    for (qsizetype at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
        if (isWordStart(key, at))
            return true;
    }
    return false;
}

// A query word equals a whole word of the key (one starting with punctuation, "@example",
// counts wherever it sits).
bool wholeWordIn(QStringView key, QStringView word)
{
    if (!word.front().isLetterOrNumber())
        return key.contains(word);
    for (qsizetype at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
        const qsizetype end = at + word.size();
        if (isWordStart(key, at) && (end == key.size() || !key.at(end).isLetterOrNumber()))
            return true;
    }
    return false;
}

UserSearchModel::Rank rank(const UserSearchKey &key, const QString &query, const QStringList &words)
{
    bool wholeWords = true; // each word is a whole word of the name or the e-mail
    bool wholeInEmail = true; // each word is a whole word of the e-mail
    for (const QString &word : words) {
        if (!wordMatches(key.name, word) && !wordMatches(key.email, word))
            return UserSearchModel::NoMatch;
        const bool inEmail = wholeWordIn(key.email, word);
        wholeInEmail = wholeInEmail && inEmail;
        wholeWords = wholeWords && (inEmail || wholeWordIn(key.name, word));
    }
    int base = UserSearchModel::WordMatch;
    if (key.name == query || key.email == query)
        base = UserSearchModel::ExactMatch;
    else if (wholeWords)
        base = UserSearchModel::WholeWordMatch;
    else if (key.name.startsWith(query) || key.email.startsWith(query))
        base = UserSearchModel::PrefixMatch;
    // Homonyms share a name: the one whose own address holds the words comes first
    // (zoe.visser@ before zoe.visser10380@).
    return UserSearchModel::Rank(base + (wholeInEmail ? 0 : 1));
}

// Every match of `next` is a match of `previous` when each word of `previous` begins a word of
// `next` (the typed query only grew).
bool narrows(const QStringList &previous, const QStringList &next)
{
    if (previous.isEmpty())
        return false;
    return std::all_of(previous.cbegin(), previous.cend(), [&next](const QString &old) {
        return std::any_of(next.cbegin(), next.cend(),
                           [&old](const QString &word) { return word.startsWith(old); });
    });
}

} // namespace

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
    // A pasted "Name <email>" or "a@x, b@y" searches for its words.
    QString folded = foldForSearch(query);
    for (QChar &c : folded) {
        if (c == u'<' || c == u'>' || c == u'"' || c == u',' || c == u';' || c == u'(' || c == u')')
            c = u' ';
    }
    folded = folded.simplified();
    if (folded == m_folded)
        return;
    QStringList words = folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const bool narrowing = narrows(m_words, words);
    beginResetModel();
    m_folded = folded;
    m_words = std::move(words);
    m_initials = 0;
    for (const QString &word : std::as_const(m_words)) {
        if (word.front().isLetterOrNumber())
            m_initials |= initialBit(word.front());
    }
    if (narrowing) {
        QList<int> candidates = std::move(m_rows);
        std::sort(candidates.begin(), candidates.end());
        rankRows(candidates);
    } else {
        refilterAll();
    }
    endResetModel();
}

UserSearchModel::Rank UserSearchModel::rankOf(int sourceRow) const
{
    if (m_words.isEmpty())
        return WordMatch;
    // Most users lack a word starting with one of the query's initials: skipped unread.
    if ((m_users->initialsAt(sourceRow) & m_initials) != m_initials)
        return NoMatch;
    return rank(m_users->searchKeyAt(sourceRow), m_folded, m_words);
}

int UserSearchModel::lowerBound(int rank, int sourceRow) const
{
    const auto begin = m_rows.cbegin() + rankBegin(rank);
    const auto end = m_rows.cbegin() + rankEnd(rank);
    return int(std::lower_bound(begin, end, sourceRow) - m_rows.cbegin());
}

int UserSearchModel::proxyRow(int sourceRow) const
{
    if (!m_users || sourceRow < 0 || sourceRow >= m_users->rowCount())
        return -1;
    const Rank r = rankOf(sourceRow);
    if (r == NoMatch)
        return -1;
    const int at = lowerBound(r, sourceRow);
    return at < rankEnd(r) && m_rows.at(at) == sourceRow ? at : -1;
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

void UserSearchModel::rankRows(const QList<int> &ascendingCandidates)
{
    std::array<QList<int>, RankCount> ranked;
    for (int row : ascendingCandidates) {
        const Rank r = rankOf(row);
        if (r != NoMatch)
            ranked[size_t(r)].append(row);
    }
    m_rows.clear();
    qsizetype total = 0;
    for (const QList<int> &rows : ranked)
        total += rows.size();
    m_rows.reserve(total);
    for (size_t r = 0; r < ranked.size(); ++r) {
        m_rows.append(ranked[r]);
        m_rankEnd[r] = int(m_rows.size());
    }
}

void UserSearchModel::refilterAll()
{
    m_rows.clear();
    m_rankEnd.fill(0);
    if (!m_users)
        return;
    const int count = m_users->rowCount();
    if (m_words.isEmpty()) {
        // Shared with the model and the other searches over it, not made anew by each.
        m_rows = m_users->allRows();
        // With no query every user is a plain match.
        std::fill(m_rankEnd.begin() + WordMatch, m_rankEnd.end(), count);
        return;
    }
    QList<int> all(count);
    std::iota(all.begin(), all.end(), 0);
    rankRows(all);
}

void UserSearchModel::onSourceDataChanged(const QModelIndex &topLeft,
                                          const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (roles.isEmpty() || roles.contains(UserModel::FoldedKeyRole)) {
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            // Where the row is now (its old key decided its rank), and where it belongs.
            int oldRank = NoMatch;
            int oldAt = -1;
            for (int r = 0; r < RankCount && oldAt < 0; ++r) {
                const int at = lowerBound(r, row);
                if (at < rankEnd(r) && m_rows.at(at) == row) {
                    oldRank = r;
                    oldAt = at;
                }
            }
            const Rank newRank = rankOf(row);
            if (newRank == oldRank)
                continue;
            if (oldAt >= 0) {
                beginRemoveRows({}, oldAt, oldAt);
                m_rows.remove(oldAt);
                for (int r = oldRank; r < RankCount; ++r)
                    --m_rankEnd[size_t(r)];
                endRemoveRows();
            }
            if (newRank != NoMatch) {
                const int at = lowerBound(newRank, row);
                beginInsertRows({}, at, at);
                m_rows.insert(at, row);
                for (int r = newRank; r < RankCount; ++r)
                    ++m_rankEnd[size_t(r)];
                endInsertRows();
            }
        }
    }
    QList<int> proxyRoles = roles;
    if (roles.contains(UserModel::LabelRole) && !roles.contains(Qt::DisplayRole))
        proxyRoles << Qt::DisplayRole << Qt::EditRole;
    // Within a rank, the source rows of the range are one block.
    for (int r = 0; r < RankCount; ++r) {
        const int first = lowerBound(r, topLeft.row());
        const int last = lowerBound(r, bottomRight.row() + 1);
        if (first < last)
            emit dataChanged(index(first, 0), index(last - 1, 0), proxyRoles);
    }
}

void UserSearchModel::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (int &row : m_rows) {
        if (row >= first)
            row += count;
    }
    std::array<QList<int>, RankCount> added;
    for (int row = first; row <= last; ++row) {
        const Rank r = rankOf(row);
        if (r != NoMatch)
            added[size_t(r)].append(row);
    }
    // Within each rank the new rows sit together, after the old rows above `first`.
    for (int r = 0; r < RankCount; ++r) {
        const QList<int> &rows = added[size_t(r)];
        if (rows.isEmpty())
            continue;
        const int at = lowerBound(r, first);
        beginInsertRows({}, at, at + int(rows.size()) - 1);
        m_rows.insert(at, rows.size(), 0);
        std::copy(rows.cbegin(), rows.cend(), m_rows.begin() + at);
        for (int later = r; later < RankCount; ++later)
            m_rankEnd[size_t(later)] += int(rows.size());
        endInsertRows();
    }
}

void UserSearchModel::onSourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int r = RankCount - 1; r >= 0; --r) {
        const int begin = lowerBound(r, first);
        const int end = lowerBound(r, last + 1);
        if (begin == end)
            continue;
        beginRemoveRows({}, begin, end - 1);
        m_rows.remove(begin, end - begin);
        for (int later = r; later < RankCount; ++later)
            m_rankEnd[size_t(later)] -= end - begin;
        endRemoveRows();
    }
}

void UserSearchModel::onSourceRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int count = last - first + 1;
    for (int &row : m_rows) {
        if (row > last)
            row -= count;
    }
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
    // From no rows (the first list), the new ones come as one insert: a combo box over them
    // then keeps showing no choice, where after a reset it would look for the first row it
    // can select (past every opted-out user at the top: milliseconds at 100,000 users).
    m_fillingFromEmpty = m_rows.isEmpty();
    if (!m_fillingFromEmpty)
        beginResetModel();
}

void UserSearchModel::onSourceReset()
{
    if (!std::exchange(m_fillingFromEmpty, false)) {
        refilterAll();
        endResetModel();
        return;
    }
    refilterAll();
    if (m_rows.isEmpty())
        return;
    QList<int> rows = std::exchange(m_rows, {});
    const std::array<int, RankCount> rankEnd = std::exchange(m_rankEnd, {});
    beginInsertRows({}, 0, int(rows.size()) - 1);
    m_rows = std::move(rows);
    m_rankEnd = rankEnd;
    endInsertRows();
}
