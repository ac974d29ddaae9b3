// The users drop-down's search: a flat, fast, case- and accent-insensitive filter over UserModel.
#pragma once

#include <QAbstractProxyModel>
#include <QPointer>

class UserModel;

// A one-column proxy of UserModel listing the users whose name or email contains the folded
// query; DisplayRole is UserModel::LabelRole ("Name <email>"), every other role and the flags
// (opted-out users are disabled) come from the source. Filtering scans the precomputed folded
// keys, narrowing from the previous result while the query only grows.
// A query change emits a model reset (the result is a new list); source changes keep the
// filter and are passed on as inserts/removes/dataChanged.
class UserSearchModel final : public QAbstractProxyModel
{
    Q_OBJECT

public:
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
    bool matches(int sourceRow) const;
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
    QString m_folded;
    QList<int> m_rows; // ascending source rows that match
    QList<QPersistentModelIndex> m_layoutPersistent;
    QModelIndexList m_layoutProxyIndexes;
};
