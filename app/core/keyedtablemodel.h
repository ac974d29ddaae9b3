// A table model whose rows have a unique key and follow new lists by fine-grained diffs.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <vector>

// Row needs `QString key() const`. applyRows() turns the current rows into the new list in O(n):
// removed rows leave with rowsRemoved, changed rows get dataChanged with exactly the roles that
// changed, new rows arrive with one rowsInserted at the top. Only the very first list is a reset.
template<typename Row> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    // The row of a key, -1 when absent. O(1).
    int rowOfKey(const QString &key) const
    {
        if (m_slots.empty())
            return -1;
        const size_t mask = m_slots.size() - 1;
        for (size_t i = qHash(key, m_seed) & mask; m_slots[i] >= 0; i = (i + 1) & mask) {
            if (m_rows.at(m_slots[i]).key() == key)
                return m_slots[i];
        }
        return -1;
    }

protected:
    // Scattered removals above this many ranges are done as one move-to-end plus one removal, so
    // that proxies and views see a few signals instead of thousands.
    static constexpr int MaxRemovalRanges = 32;

    // The roles that differ between two versions of a row; empty when nothing visible changed.
    virtual QList<int> changedRoles(const Row &before, const Row &after) const = 0;
    // Copies per-row state that the new list does not carry (a checkbox, a cached key).
    virtual void carryOver(const Row &before, Row &after) const
    {
        Q_UNUSED(before);
        Q_UNUSED(after);
    }

    const QList<Row> &rows() const { return m_rows; }
    Row &mutableRow(int row) { return m_rows[row]; }

    void applyRows(QList<Row> rows)
    {
        if (!m_loaded) {
            beginResetModel();
            m_rows = dedupe(std::move(rows));
            rebuildIndex();
            m_loaded = true;
            endResetModel();
            return;
        }
        rows = dedupe(std::move(rows));
        QHash<QString, int> newIndex;
        newIndex.reserve(rows.size());
        for (int i = 0; i < rows.size(); ++i)
            newIndex.insert(rows.at(i).key(), i);

        QList<int> gone;
        for (int r = 0; r < m_rows.size(); ++r) {
            if (!newIndex.contains(m_rows.at(r).key()))
                gone.append(r);
        }
        removeSortedRows(gone);

        std::vector<bool> present(size_t(rows.size()), false);
        int runStart = -1;
        QList<int> runRoles;
        auto flush = [this, &runStart, &runRoles](int endRow) {
            if (runStart >= 0)
                emit this->dataChanged(this->index(runStart, 0),
                                       this->index(endRow, this->columnCount() - 1), runRoles);
            runStart = -1;
        };
        for (int r = 0; r < m_rows.size(); ++r) {
            const int j = newIndex.value(m_rows.at(r).key());
            present[size_t(j)] = true;
            Row &incoming = rows[j];
            carryOver(m_rows.at(r), incoming);
            const QList<int> roles = changedRoles(m_rows.at(r), incoming);
            m_rows[r] = std::move(incoming);
            if (roles.isEmpty() || roles != runRoles || runStart < 0) {
                flush(r - 1);
                if (!roles.isEmpty()) {
                    runStart = r;
                    runRoles = roles;
                }
            }
        }
        flush(int(m_rows.size()) - 1);

        if (keepsListOrder())
            return placeInListOrder(std::move(rows), present, newIndex);
        QList<Row> added;
        for (int j = 0; j < rows.size(); ++j) {
            if (!present[size_t(j)])
                added.append(std::move(rows[j]));
        }
        if (!added.isEmpty()) {
            beginInsertRows({}, 0, int(added.size()) - 1);
            added.append(std::move(m_rows));
            m_rows = std::move(added);
            rebuildIndex();
            endInsertRows();
        }
    }

    // True: the model follows the new list's order (new rows at their place, rows whose place
    // changed moved), for a list that comes sorted. False: new rows arrive at the top.
    virtual bool keepsListOrder() const { return false; }

    // Emits dataChanged for one row over all columns.
    void emitRowChanged(int row, const QList<int> &roles)
    {
        emit dataChanged(index(row, 0), index(row, columnCount() - 1), roles);
    }

private:
    static QList<Row> dedupe(QList<Row> rows)
    {
        QHash<QString, int> seen;
        seen.reserve(rows.size());
        QList<Row> unique;
        unique.reserve(rows.size());
        for (Row &row : rows) {
            if (!seen.contains(row.key())) {
                seen.insert(row.key(), 0);
                unique.append(std::move(row));
            }
        }
        return unique;
    }

    // The key index is an open-addressed table of row numbers (linear probing, at most half
    // full): 4 bytes a slot, where a QHash<QString, int> costs some 40 bytes a row.
    void rebuildIndex()
    {
        size_t slotCount = 16;
        while (slotCount < size_t(m_rows.size()) * 2)
            slotCount *= 2;
        m_slots.assign(slotCount, -1);
        const size_t mask = slotCount - 1;
        for (int r = 0; r < m_rows.size(); ++r) {
            size_t i = qHash(m_rows.at(r).key(), m_seed) & mask;
            while (m_slots[i] >= 0)
                i = (i + 1) & mask;
            m_slots[i] = r;
        }
    }

    // After removals and updates: the new rows go to their places in `rows` (the list's order),
    // as a few inserts when they come in a few runs; otherwise, and when rows changed places
    // (a renamed user), all are appended in one insert and then put in order by one layout
    // change. Never a reset.
    void placeInListOrder(QList<Row> rows, const std::vector<bool> &present,
                          const QHash<QString, int> &newIndex)
    {
        bool inOrder = true;
        int last = -1;
        for (const Row &row : std::as_const(m_rows)) {
            const int j = newIndex.value(row.key());
            inOrder = inOrder && j > last;
            last = j;
        }
        // The runs of new rows: [first, last] in `rows`, inserted before existing row `at`.
        struct Run
        {
            int at;
            int first;
            int last;
        };
        QList<Run> runs;
        int existingBefore = 0;
        for (int j = 0; j < rows.size(); ++j) {
            if (present[size_t(j)]) {
                ++existingBefore;
                continue;
            }
            if (!runs.isEmpty() && runs.last().last == j - 1)
                runs.last().last = j;
            else
                runs.append({existingBefore, j, j});
        }
        if (runs.isEmpty() && inOrder)
            return;
        if (inOrder && runs.size() <= MaxRemovalRanges) {
            // From the last run back, so the earlier places stay where they were.
            for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
                beginInsertRows({}, it->at, it->at + (it->last - it->first));
                QList<Row> merged;
                merged.reserve(m_rows.size() + (it->last - it->first + 1));
                for (int r = 0; r < it->at; ++r)
                    merged.append(std::move(m_rows[r]));
                for (int j = it->first; j <= it->last; ++j)
                    merged.append(std::move(rows[j]));
                for (int r = it->at; r < m_rows.size(); ++r)
                    merged.append(std::move(m_rows[r]));
                m_rows = std::move(merged);
                rebuildIndex();
                endInsertRows();
            }
            return;
        }
        if (!runs.isEmpty()) {
            const int oldCount = int(m_rows.size());
            int count = 0;
            for (const Run &run : std::as_const(runs))
                count += run.last - run.first + 1;
            beginInsertRows({}, oldCount, oldCount + count - 1);
            for (const Run &run : std::as_const(runs)) {
                for (int j = run.first; j <= run.last; ++j)
                    m_rows.append(std::move(rows[j]));
            }
            rebuildIndex();
            endInsertRows();
        }
        // Every row to its place in the list: one layout change.
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const int total = int(m_rows.size());
        std::vector<int> newRowOf(static_cast<size_t>(total));
        QList<Row> ordered(total);
        for (int r = 0; r < total; ++r) {
            const int j = newIndex.value(m_rows.at(r).key());
            newRowOf[size_t(r)] = j;
            ordered[j] = std::move(m_rows[r]);
        }
        m_rows = std::move(ordered);
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList moved;
        moved.reserve(persistent.size());
        for (const QModelIndex &idx : persistent)
            moved.append(index(newRowOf[size_t(idx.row())], idx.column()));
        changePersistentIndexList(persistent, moved);
        rebuildIndex();
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // `gone` is ascending.
    void removeSortedRows(const QList<int> &gone)
    {
        if (gone.isEmpty())
            return;
        QList<std::pair<int, int>> ranges;
        for (int r : gone) {
            if (!ranges.isEmpty() && ranges.last().second == r - 1)
                ranges.last().second = r;
            else
                ranges.append({r, r});
        }
        if (ranges.size() <= MaxRemovalRanges) {
            for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
                beginRemoveRows({}, it->first, it->second);
                m_rows.erase(m_rows.begin() + it->first, m_rows.begin() + it->second + 1);
                endRemoveRows();
            }
            rebuildIndex();
            return;
        }
        // Move the doomed rows to the end in one layout change, then remove them in one go.
        emit layoutAboutToBeChanged();
        const int total = int(m_rows.size());
        std::vector<int> newRowOf(static_cast<size_t>(total));
        std::vector<bool> doomed(static_cast<size_t>(total), false);
        for (int r : gone)
            doomed[size_t(r)] = true;
        QList<Row> reordered;
        reordered.reserve(total);
        for (int r = 0; r < total; ++r) {
            if (!doomed[size_t(r)]) {
                newRowOf[size_t(r)] = int(reordered.size());
                reordered.append(std::move(m_rows[r]));
            }
        }
        const int kept = int(reordered.size());
        for (int r = 0; r < total; ++r) {
            if (doomed[size_t(r)]) {
                newRowOf[size_t(r)] = int(reordered.size());
                reordered.append(std::move(m_rows[r]));
            }
        }
        m_rows = std::move(reordered);
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList moved;
        moved.reserve(persistent.size());
        for (const QModelIndex &idx : persistent)
            moved.append(index(newRowOf[size_t(idx.row())], idx.column()));
        changePersistentIndexList(persistent, moved);
        emit layoutChanged();
        beginRemoveRows({}, kept, total - 1);
        m_rows.resize(kept);
        endRemoveRows();
        rebuildIndex();
    }

    QList<Row> m_rows;
    std::vector<int> m_slots; // row numbers by key hash, -1 for a free slot
    size_t m_seed = QHashSeed::globalSeed();
    bool m_loaded = false;
};
