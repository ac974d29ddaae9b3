// The opt-out table's filter box and sorting by every column.
#pragma once

#include "apitypes.h"

#include <QHash>
#include <QSortFilterProxyModel>

// Filters OptOutModel rows on name or email, case- and accent-insensitively, and sorts by
// OptOutModel::SortRole (the real value: times by time, the checkbox by check state).
class OptOutProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit OptOutProxyModel(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }
    // Each explicit sort measures the actors' keys afresh (a name may have changed).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    // The folded sort key of an administrator, by user id: few actors, many comparisons.
    QString actorKey(const User &actor) const; // by value: the cache may grow during a sort

    QString m_text;
    QString m_folded;
    mutable QHash<QString, QString> m_actorKeys;
};
