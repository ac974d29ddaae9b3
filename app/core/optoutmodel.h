// The opted-out users, one checkable row each, with pending actions marked: the table's source.
#pragma once

#include "apitypes.h"
#include "keyedtablemodel.h"
#include "optoutledger.h"

#include <QSet>

struct OptOutRow
{
    OptOutEntry entry;
    bool pending = false;
    bool leaving = false; // pending is an opt-in: the row goes once the service confirms
    bool leftDirectory = false; // the user left the organisation's directory (SCIM): still out
    Qt::CheckState checked = Qt::Unchecked;
    QString folded; // foldForSearch(name + '\n' + email)
    const QString &key() const { return entry.user.id; }
};

class OptOutModel final : public KeyedTableModel<OptOutRow>
{
    Q_OBJECT

public:
    enum Column {
        CheckColumn, // the checkbox (Qt::CheckStateRole), no text
        NameColumn,
        EmailColumn,
        OptedOutAtColumn, // shown in the UI locale's short format, sorted by time
        OptedOutByColumn,
        ReasonColumn, // the administrator's reason, empty for none (hidden by default)
        PurgeAtColumn, // when the stored usage data will be deleted, "—" for none; by time
        ViaColumn, // what opts them out: "Individually", "Group: …", "Domain: …"
        ColumnCount
    };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // QString
        PendingRole, // bool: the opt-out (or opt-in) awaits the service's confirmation
        LeavingRole, // bool: an opt-in of this user awaits the service's confirmation
        SortRole, // the column's value for sorting (QDateTime for OptedOutAtColumn)
        FoldedKeyRole, // QString: the case- and accent-folded name and email, for filtering
        LeftDirectoryRole, // bool: the user is no longer in the organisation's directory
        RuleCoveredRole, // bool: a rule (a group's, a domain's) opts them out
    };
    Q_ENUM(Role)

    explicit OptOutModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the list by a diff (first call: a reset). Check states of users still present
    // are kept; pendingIds marks rows whose action awaits the service, leavingIds those of them
    // whose action is an opt-in (the row stays, marked, until the service confirms).
    // `leftDirectoryIds`: users who are no longer in the organisation's directory (they stay
    // opted out, and may still be opted in); marked in the table.
    void setEntries(const QList<OptOutEntry> &entries, const QSet<QString> &pendingIds,
                    const QSet<QString> &leavingIds = {},
                    const QSet<QString> &leftDirectoryIds = {});
    // The search keys of these entries' users folded ahead, on any thread (what grows with the
    // list at a load): the next setEntries() takes each new row's key from there. A start
    // from the cache folds them on its worker thread.
    using FoldedKeys = QHash<QString, QString>; // by user id
    static FoldedKeys foldKeys(const QList<OptOutEntry> &entries);
    void setFoldedKeys(FoldedKeys keys) { m_foldedAhead = std::move(keys); }
    // A first list prepared ahead, on any thread (a start from the cache, on its worker): the
    // rows made, keyed and given their folded keys (`keys`, folded here for those it lacks),
    // none pending; setPreparedEntries() then fills the empty model in one reset, with no work
    // that grows with the list. A model with rows takes the entries as setEntries() would.
    class Prepared;
    static Prepared prepareEntries(const QList<OptOutEntry> &entries, const FoldedKeys &keys,
                                   const QSet<QString> &leftDirectoryIds);
    void setPreparedEntries(Prepared prepared);
    // A change of the ledger's view by rows (OptOutLedger::Change): the rows given take their
    // new values or arrive at the top, the removed ones leave; nothing else is looked at.
    // `leftDirectoryIds` as for setEntries(), for the rows given.
    void applyChange(const QList<OptOutLedger::Row> &rows, const QStringList &removed,
                     const QSet<QString> &leftDirectoryIds = {});
    bool hasLeftDirectoryAt(int row) const { return rows().at(row).leftDirectory; }

    const OptOutEntry &entryAt(int row) const { return rows().at(row).entry; }
    bool isPendingAt(int row) const { return rows().at(row).pending; }
    bool isLeavingAt(int row) const { return rows().at(row).leaving; }
    const QString &foldedKeyAt(int row) const { return rows().at(row).folded; }

    // Checkboxes: the ids of the checked rows, their count, check or uncheck all rows.
    QStringList checkedUserIds() const;
    int checkedCount() const { return m_checkedCount; }
    void setAllChecked(bool checked);
    // Sets the check state of these source rows at once: one dataChanged per run of adjacent
    // rows and one count, however many (the header box over a filter, Space over a selection).
    void setChecked(const QList<int> &sourceRows, Qt::CheckState state);
    // How many of these source rows are checked.
    int checkedCountOf(const QList<int> &sourceRows) const;
    // Unchecked, PartiallyChecked or Checked over all rows (for a select-all header box).
    Qt::CheckState overallCheckState() const;

    // Whether a column may be hidden by the administrator (the check box and the name stay).
    static bool isOptionalColumn(int column);
    // The row's sentence on its stored usage data: when it will be deleted, or that none awaits
    // deletion (there was none, or it has been deleted).
    static QString storedDataText(const OptOutEntry &entry);

    // Re-emits header and display data (dates follow the new QLocale()) after a language switch.
    void retranslate();

signals:
    void checkedCountChanged(int count);

protected:
    QList<int> changedRoles(const OptOutRow &before, const OptOutRow &after) const override;
    void carryOver(const OptOutRow &before, OptOutRow &after) const override;

private:
    void recountChecked();

    int m_checkedCount = 0;
    FoldedKeys m_foldedAhead; // setFoldedKeys(), for the next setEntries()

public:
    class Prepared
    {
    public:
        qsizetype size() const { return m_entries.size(); }

    private:
        friend class OptOutModel;
        Plan m_plan;
        QList<OptOutEntry> m_entries;
        FoldedKeys m_keys;
        QSet<QString> m_left;
    };
};
