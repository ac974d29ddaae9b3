// A table model whose rows have a unique key and follow new lists by fine-grained diffs.
#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>
#include <vector>

// Row needs `const QString &key() const`. applyRows() turns the current rows into the new list in
// O(n): removed rows leave with rowsRemoved, changed rows get dataChanged with exactly the roles
// that changed, new rows arrive with one rowsInserted at the top. Only the very first list is a
// reset.
template<typename Row> class KeyedTableModel : public QAbstractTableModel
{
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }
    // The row of a key, -1 when absent. O(1). Inside the signals of a change, a key that moved
    // may not be found until the change is complete.
    int rowOfKey(const QString &key) const { return findKey(m_rows, m_slots, m_seed, key); }

protected:
    // A slot of the key index: a row and the low bits of its key's hash, so that a probe
    // reads a row's key only when they match.
    struct Slot
    {
        int row = -1; // -1: free
        quint32 hash = 0;
    };

    // What a new list changes, worked out from a snapshot of the rows (planRows()) so that it
    // can be done off the GUI thread; applyPlan() then only moves rows and emits the signals.
    struct Plan
    {
        QList<Row> rows; // the new list, without repeated keys, each row prepared
        std::vector<Slot> keyIndex; // the key index of `rows`
        std::vector<int> oldRowOf; // by row of `rows`: its row in the snapshot, -1 if new
        std::vector<int> newRowOf; // by row of the snapshot: its row in `rows`, -1 if it leaves
    };
    // What planRows() reads of the model: a copy that shares the data (cheap), safe to read on
    // another thread while the model changes.
    struct Snapshot
    {
        QList<Row> rows;
        std::vector<Slot> keyIndex;
        size_t seed = 0;
    };
    Snapshot snapshot() const { return {m_rows, m_slots, m_seed}; }
    // The row of a key in a snapshot, -1 when absent; any thread.
    static int rowOfKeyIn(const Snapshot &from, const QString &key)
    {
        return findKey(from.rows, from.keyIndex, from.seed, key);
    }
    static int rowOfKeyIn(const Plan &plan, size_t seed, const QString &key)
    {
        return findKey(plan.rows, plan.keyIndex, seed, key);
    }

    // One hash per key for the new list's index (which drops repeated keys), one more to find
    // each key's row in the snapshot. `prepare(Row &incoming, const Row *current)` completes
    // each new row from the snapshot's row of the same key (nullptr for a new key). Pure: no
    // member of a model is touched.
    template<typename Prepare>
    static Plan planRows(const Snapshot &from, QList<Row> rows, Prepare &&prepare)
    {
        Plan plan;
        plan.keyIndex = indexRows(&rows, from.seed);
        plan.oldRowOf.assign(size_t(rows.size()), -1);
        plan.newRowOf.assign(size_t(from.rows.size()), -1);
        for (int j = 0; j < rows.size(); ++j) {
            const int r = findKey(from.rows, from.keyIndex, from.seed, rows.at(j).key());
            plan.oldRowOf[size_t(j)] = r;
            if (r >= 0)
                plan.newRowOf[size_t(r)] = j;
            prepare(rows[j], r >= 0 ? &from.rows.at(r) : nullptr);
        }
        plan.rows = std::move(rows);
        return plan;
    }

    // Scattered removals above this many ranges are done as one move-to-end plus one removal, so
    // that proxies and views see a few signals instead of thousands.
    static constexpr int MaxRemovalRanges = 32;

    // The roles that differ between two versions of a row; empty when nothing visible changed.
    virtual QList<int> changedRoles(const Row &before, const Row &after) const = 0;
    // Called once for every row of a new list before it is applied, with the row of the same
    // key now in the model (nullptr for a new key): completes the row, e.g. with what is cached
    // for an unchanged one.
    virtual void prepareRow(Row &incoming, const Row *current)
    {
        Q_UNUSED(incoming);
        Q_UNUSED(current);
    }
    // Copies per-row state that the new list does not carry (a checkbox, a cached key).
    virtual void carryOver(const Row &before, Row &after) const
    {
        Q_UNUSED(before);
        Q_UNUSED(after);
    }

    const QList<Row> &rows() const { return m_rows; }
    Row &mutableRow(int row)
    {
        ++m_generation;
        return m_rows[row];
    }

    bool isLoaded() const { return m_loaded; }
    // Bumped by every change of the rows: a plan made from an older snapshot is stale.
    quint64 generation() const { return m_generation; }

    void applyRows(QList<Row> rows)
    {
        applyPlan(planRows(snapshot(), std::move(rows), [this](Row &incoming, const Row *current) {
            prepareRow(incoming, current);
        }));
    }

    // `plan` must come from a snapshot of this generation.
    void applyPlan(Plan plan)
    {
        ++m_generation;
        if (!m_loaded) {
            beginResetModel();
            m_rows = std::move(plan.rows);
            m_slots = std::move(plan.keyIndex);
            m_loaded = true;
            endResetModel();
            return;
        }
        QList<Row> &rows = plan.rows;
        const std::vector<int> &oldRowOf = plan.oldRowOf;
        const std::vector<int> &newRowOf = plan.newRowOf;
        std::vector<Slot> &nextSlots = plan.keyIndex;
        const int oldCount = int(m_rows.size());
        Q_ASSERT(size_t(oldCount) == newRowOf.size());

        // Rows that stay take their new values in place, with dataChanged runs.
        int runStart = -1;
        QList<int> runRoles;
        auto flush = [this, &runStart](int endRow, const QList<int> &roles) {
            if (runStart >= 0)
                emit this->dataChanged(this->index(runStart, 0),
                                       this->index(endRow, this->columnCount() - 1), roles);
            runStart = -1;
        };
        for (int r = 0; r < oldCount; ++r) {
            const int j = newRowOf[size_t(r)];
            if (j < 0) {
                flush(r - 1, runRoles);
                continue;
            }
            Row &incoming = rows[j];
            carryOver(m_rows.at(r), incoming);
            const QList<int> roles = changedRoles(m_rows.at(r), incoming);
            m_rows[r] = std::move(incoming);
            if (roles.isEmpty() || roles != runRoles || runStart < 0) {
                flush(r - 1, runRoles);
                if (!roles.isEmpty()) {
                    runStart = r;
                    runRoles = roles;
                }
            }
        }
        flush(oldCount - 1, runRoles);

        if (keepsListOrder())
            return placeInListOrder(std::move(rows), oldRowOf, newRowOf, std::move(nextSlots));
        QList<int> gone;
        for (int r = 0; r < oldCount; ++r) {
            if (newRowOf[size_t(r)] < 0)
                gone.append(r);
        }
        removeSortedRows(gone);
        QList<Row> added;
        for (int j = 0; j < rows.size(); ++j) {
            if (oldRowOf[size_t(j)] < 0)
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

    // A change by rows, without looking at the others: `upserts` (unique keys) replace the
    // rows of their keys in place (dataChanged with the roles that changed) or arrive at the
    // top in their order; the rows of `removedKeys` leave. O(changes) signals; the key index is
    // rebuilt only when rows come or go. The very first change of an empty model is a reset.
    void applyRowChanges(QList<Row> upserts, const QStringList &removedKeys)
    {
        if (!m_loaded) {
            applyRows(std::move(upserts));
            return;
        }
        ++m_generation;
        QList<Row> added;
        for (Row &incoming : upserts) {
            const int r = rowOfKey(incoming.key());
            if (r < 0) {
                prepareRow(incoming, nullptr);
                added.append(std::move(incoming));
                continue;
            }
            prepareRow(incoming, &m_rows.at(r));
            carryOver(m_rows.at(r), incoming);
            const QList<int> roles = changedRoles(m_rows.at(r), incoming);
            m_rows[r] = std::move(incoming);
            if (!roles.isEmpty())
                emitRowChanged(r, roles);
        }
        QList<int> gone;
        for (const QString &key : removedKeys) {
            const int r = rowOfKey(key);
            if (r >= 0)
                gone.append(r);
        }
        std::sort(gone.begin(), gone.end());
        gone.erase(std::unique(gone.begin(), gone.end()), gone.end());
        removeSortedRows(gone);
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
    // The key index of `rows`, an open-addressed table of row numbers (linear probing, at most
    // half full): 4 bytes a slot, where a QHash<QString, int> costs some 40 bytes a row. A key
    // met again is dropped from `rows` (its first row wins).
    static int findKey(const QList<Row> &rows, const std::vector<Slot> &slotTable, size_t seed,
                       const QString &key)
    {
        if (slotTable.empty())
            return -1;
        const size_t hash = qHash(key, seed);
        const size_t mask = slotTable.size() - 1;
        for (size_t i = hash & mask; slotTable[i].row >= 0; i = (i + 1) & mask) {
            const Slot &slot = slotTable[i];
            if (slot.hash == quint32(hash) && slot.row < rows.size()
                && rows.at(slot.row).key() == key)
                return slot.row;
        }
        return -1;
    }

    static std::vector<Slot> indexRows(QList<Row> *rows, size_t seed)
    {
        size_t slotCount = 16;
        while (slotCount < size_t(rows->size()) * 2)
            slotCount *= 2;
        std::vector<Slot> table(slotCount);
        const size_t mask = slotCount - 1;
        QList<int> repeated;
        for (int r = 0; r < rows->size(); ++r) {
            const QString &key = rows->at(r).key();
            const size_t hash = qHash(key, seed);
            size_t i = hash & mask;
            while (table[i].row >= 0
                   && (table[i].hash != quint32(hash) || rows->at(table[i].row).key() != key))
                i = (i + 1) & mask;
            if (table[i].row >= 0)
                repeated.append(r);
            else
                table[i] = {r, quint32(hash)};
        }
        if (repeated.isEmpty())
            return table;
        QList<Row> unique;
        unique.reserve(rows->size() - repeated.size());
        for (int r = 0, next = 0; r < rows->size(); ++r) {
            if (next < repeated.size() && repeated.at(next) == r)
                ++next;
            else
                unique.append(std::move((*rows)[r]));
        }
        *rows = std::move(unique);
        return indexRows(rows, seed);
    }

    void rebuildIndex() { m_slots = indexRows(&m_rows, m_seed); }

    // After the updates in place: the rows that left go, the new rows take their places in
    // `rows` (the list's order) and rows whose place changed (a renamed user) move. When the
    // kept rows are in order and the changes come in a few runs, as that many removes and
    // inserts; otherwise as one insert (the new rows, at the end), one layout change (every
    // row to its place, the leaving ones after them) and one remove (those). Never a reset.
    // `oldRowOf`: the current row of each row of `rows`, -1 for a new one; `newRowOf`: the row
    // in `rows` of each current row, -1 for one that leaves; `nextSlots`: the index of `rows`.
    void placeInListOrder(QList<Row> rows, const std::vector<int> &oldRowOf,
                          const std::vector<int> &newRowOf, std::vector<Slot> nextSlots)
    {
        const int oldCount = int(m_rows.size());
        bool inOrder = true;
        int lastNewRow = -1;
        QList<std::pair<int, int>> goneRanges;
        for (int r = 0; r < oldCount; ++r) {
            const int j = newRowOf[size_t(r)];
            if (j >= 0) {
                inOrder = inOrder && j > lastNewRow;
                lastNewRow = j;
            } else if (!goneRanges.isEmpty() && goneRanges.last().second == r - 1) {
                goneRanges.last().second = r;
            } else {
                goneRanges.append({r, r});
            }
        }
        // The runs of new rows: [first, last] in `rows`, inserted before kept row `at`.
        struct Run
        {
            int at;
            int first;
            int last;
        };
        QList<Run> runs;
        int keptBefore = 0;
        for (int j = 0; j < rows.size(); ++j) {
            if (oldRowOf[size_t(j)] >= 0) {
                ++keptBefore;
                continue;
            }
            if (!runs.isEmpty() && runs.last().last == j - 1)
                runs.last().last = j;
            else
                runs.append({keptBefore, j, j});
        }
        if (runs.isEmpty() && goneRanges.isEmpty() && inOrder)
            return;
        if (inOrder && runs.size() <= MaxRemovalRanges && goneRanges.size() <= MaxRemovalRanges) {
            // From the last range back, so the earlier places stay where they were. The index
            // is the final list's once the last signal is out.
            for (auto it = goneRanges.crbegin(); it != goneRanges.crend(); ++it) {
                beginRemoveRows({}, it->first, it->second);
                m_rows.erase(m_rows.begin() + it->first, m_rows.begin() + it->second + 1);
                if (it + 1 == goneRanges.crend() && runs.isEmpty())
                    m_slots = std::move(nextSlots);
                endRemoveRows();
            }
            for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
                beginInsertRows({}, it->at, it->at + (it->last - it->first));
                m_rows.insert(it->at, it->last - it->first + 1, Row {});
                for (int j = it->first; j <= it->last; ++j)
                    m_rows[it->at + (j - it->first)] = std::move(rows[j]);
                if (it + 1 == runs.crend())
                    m_slots = std::move(nextSlots);
                endInsertRows();
            }
            return;
        }
        const int addedCount = int(rows.size()) - (oldCount - int(goneCount(goneRanges)));
        if (addedCount > 0) {
            beginInsertRows({}, oldCount, oldCount + addedCount - 1);
            m_rows.reserve(oldCount + addedCount);
            for (const Run &run : std::as_const(runs)) {
                for (int j = run.first; j <= run.last; ++j)
                    m_rows.append(std::move(rows[j]));
            }
            endInsertRows();
        }
        // Every row to its place in the list, the leaving ones after them: one layout change.
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const int total = int(m_rows.size());
        std::vector<int> placeOf(static_cast<size_t>(total));
        int leaving = int(rows.size());
        for (int r = 0; r < oldCount; ++r) {
            const int j = newRowOf[size_t(r)];
            placeOf[size_t(r)] = j >= 0 ? j : leaving++;
        }
        int appended = oldCount;
        for (const Run &run : std::as_const(runs)) {
            for (int j = run.first; j <= run.last; ++j)
                placeOf[size_t(appended++)] = j;
        }
        QList<Row> ordered(total);
        for (int r = 0; r < total; ++r)
            ordered[placeOf[size_t(r)]] = std::move(m_rows[r]);
        m_rows = std::move(ordered);
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList moved;
        moved.reserve(persistent.size());
        for (const QModelIndex &idx : persistent)
            moved.append(index(placeOf[size_t(idx.row())], idx.column()));
        changePersistentIndexList(persistent, moved);
        if (total == rows.size())
            m_slots = std::move(nextSlots);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
        if (total > rows.size()) {
            beginRemoveRows({}, int(rows.size()), total - 1);
            m_rows.resize(rows.size());
            m_slots = std::move(nextSlots);
            endRemoveRows();
        }
    }

    static qsizetype goneCount(const QList<std::pair<int, int>> &ranges)
    {
        qsizetype n = 0;
        for (const auto &range : ranges)
            n += range.second - range.first + 1;
        return n;
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
    std::vector<Slot> m_slots; // row numbers by key hash
    size_t m_seed = QHashSeed::globalSeed();
    bool m_loaded = false;
    quint64 m_generation = 0;
};
