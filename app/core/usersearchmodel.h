// The users drop-down's search: a flat, fast, case- and accent-insensitive filter over UserModel.
#pragma once

#include <QAbstractProxyModel>
#include <QPointer>
#include <QStringList>

#include <array>

class UserModel;

// A one-column proxy of UserModel listing the users for whom every word of the query starts a
// word of the name or e-mail, in any order ("vermeulen zoe" finds Zoë Vermeulen); accents and
// case are ignored (the folded keys UserModel computes once per user). Rows come ranked: exact
// matches of the whole name or e-mail first, then users whose name or e-mail holds every query
// word as a whole word ("dijk" in "Jorien van Dijk", not "Dijkstra"), then names or e-mails
// that start with the query, then the other matches. Within each of these, users whose e-mail
// holds every query word whole come first (a homonym's numbered address after the plain one);
// then list order. DisplayRole is UserModel::LabelRole ("Name <email>"); every other role and
// the flags (opted-out users are disabled) come from the source. A query change emits a model
// reset (the result is a new list) and narrows the previous result while the query only grows;
// source changes keep the filter and are passed on as inserts/removes/dataChanged.
class UserSearchModel final : public QAbstractProxyModel
{
    Q_OBJECT

public:
    // Each match kind twice: +0 when the e-mail holds every query word whole, +1 otherwise.
    enum Rank {
        ExactMatch = 0,
        WholeWordMatch = 2,
        PrefixMatch = 4,
        WordMatch = 6,
        RankCount = 8,
        NoMatch = RankCount
    };

    explicit UserSearchModel(UserModel *source, QObject *parent = nullptr);

    void setQuery(const QString &query);
    QString query() const { return m_query; }
    // The source row of a proxy row (O(1)) and back (O(log n), -1 when filtered out).
    int sourceRow(int proxyRow) const { return m_rows.at(proxyRow); }
    int proxyRow(int sourceRow) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    Rank rankOf(int sourceRow) const;
    int rankBegin(int rank) const { return rank == 0 ? 0 : m_rankEnd[size_t(rank - 1)]; }
    int rankEnd(int rank) const { return m_rankEnd[size_t(rank)]; }
    // The position of a source row in its rank's block, or where it would go.
    int lowerBound(int rank, int sourceRow) const;
    // Fills m_rows from ascending candidate source rows.
    void rankRows(const QList<int> &ascendingCandidates);
    void refilterAll();
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);
    void onSourceRowsInserted(const QModelIndex &parent, int first, int last);
    void onSourceRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onSourceRowsRemoved(const QModelIndex &parent, int first, int last);
    void onSourceLayoutAboutToBeChanged();
    void onSourceLayoutChanged();
    void onSourceAboutToBeReset();
    void onSourceReset();

    QPointer<UserModel> m_users;
    QString m_query;
    QString m_folded; // folded, trimmed, inner spaces collapsed
    QStringList m_words; // m_folded split at spaces
    quint16 m_initials = 0; // initialBit() of the words that must start a word
    // Source rows that match, by rank, ascending within a rank; m_rankEnd[r] is where rank r's
    // block ends.
    QList<int> m_rows;
    std::array<int, RankCount> m_rankEnd {};
    bool m_fillingFromEmpty = false; // the source is being reset and this had no rows
    QList<QPersistentModelIndex> m_layoutPersistent;
    QModelIndexList m_layoutProxyIndexes;
};
