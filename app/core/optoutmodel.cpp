// The opted-out users, one checkable row each, with pending actions marked: the table's source.
#include "optoutmodel.h"

#include "heaptrim.h"
#include "rulesmodel.h"

#include "textfold.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <utility>

OptOutModel::OptOutModel(QObject *parent)
    : KeyedTableModel<OptOutRow>(parent)
{
}

int OptOutModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OptOutModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const OptOutRow &row = rows().at(index.row());
    const OptOutEntry &entry = row.entry;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            if (row.leftDirectory)
                return tr("%1 (no longer in the directory)",
                          "an opted-out user who left the organisation's directory")
                    .arg(entry.user.name);
            return entry.user.name;
        case EmailColumn:
            return entry.user.email;
        case OptedOutAtColumn:
            // Formatted at display time so that a language switch re-renders it.
            return QLocale().toString(entry.optedOutAt.toLocalTime(), QLocale::ShortFormat);
        case OptedOutByColumn:
            return entry.optedOutBy.name.isEmpty() ? entry.optedOutBy.email : entry.optedOutBy.name;
        case ReasonColumn:
            return entry.reason;
        case PurgeAtColumn:
            if (!entry.purgeAt.isValid())
                return tr("—", "no planned deletion of stored usage data");
            return QLocale().toString(entry.purgeAt.toLocalTime(), QLocale::ShortFormat);
        case ViaColumn:
            return RulesModel::viaText(entry.via);
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (column == CheckColumn)
            return row.checked;
        return {};
    case Qt::ToolTipRole: {
        if (row.leaving)
            return tr("Opt-in waiting for the service to confirm it.");
        if (row.pending)
            return tr("Waiting for the service to confirm this change.");
        if (column == CheckColumn)
            return {};
        // Each cell names what it holds in full, then the row's stored data.
        QString first;
        if (row.leftDirectory && column == NameColumn)
            first = tr("%1 is no longer in the organisation's directory. They stay opted out; "
                       "you may still opt them in.")
                        .arg(entry.user.name);
        else if (column == OptedOutByColumn)
            first = entry.optedOutBy.email;
        else if (column == OptedOutAtColumn)
            first = QLocale().toString(entry.optedOutAt.toLocalTime(), QLocale::LongFormat);
        else if (column == ReasonColumn && !entry.reason.isEmpty())
            first = tr("Reason: %1").arg(entry.reason);
        else if (column == ViaColumn && !entry.isIndividual())
            first = tr("A rule opts them out: removing it in View > Rules opts them back in.");
        const QString stored = storedDataText(entry);
        return first.isEmpty() ? stored : first + QLatin1Char('\n') + stored;
    }
    case Qt::AccessibleTextRole:
        if (column == CheckColumn)
            return entry.user.name;
        return {};
    case Qt::FontRole:
        if (row.pending) {
            QFont font;
            font.setItalic(true);
            font.setStrikeOut(row.leaving);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (row.pending || row.leftDirectory)
            return QBrush(QColor(0x70, 0x70, 0x70));
        return {};
    case LeftDirectoryRole:
        return row.leftDirectory;
    case RuleCoveredRole:
        return !entry.ruleCovers().isEmpty();
    case UserIdRole:
        return entry.user.id;
    case PendingRole:
        return row.pending;
    case LeavingRole:
        return row.leaving;
    case FoldedKeyRole:
        return row.folded;
    case SortRole:
        switch (column) {
        case CheckColumn:
            return int(row.checked);
        case NameColumn:
            return foldForSearch(entry.user.name);
        case EmailColumn:
            return entry.user.email.toLower();
        case OptedOutAtColumn:
            return entry.optedOutAt;
        case OptedOutByColumn:
            return foldForSearch(entry.optedOutBy.name.isEmpty() ? entry.optedOutBy.email
                                                                 : entry.optedOutBy.name);
        case ReasonColumn:
            return foldForSearch(entry.reason);
        case PurgeAtColumn:
            return entry.purgeAt; // invalid (none) sorts first, as "—" comes before dates
        case ViaColumn:
            return foldForSearch(RulesModel::viaText(entry.via));
        default:
            return {};
        }
    default:
        return {};
    }
}

bool OptOutModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != CheckColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const Qt::CheckState state = value.toInt() == Qt::Checked ? Qt::Checked : Qt::Unchecked;
    OptOutRow &row = mutableRow(index.row());
    if (row.checked == state)
        return true;
    row.checked = state;
    emit dataChanged(index, index, {Qt::CheckStateRole, SortRole});
    m_checkedCount += state == Qt::Checked ? 1 : -1;
    emit checkedCountChanged(m_checkedCount);
    return true;
}

QVariant OptOutModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case CheckColumn:
            return QString();
        case NameColumn:
            return tr("Name");
        case EmailColumn:
            return tr("Email");
        case OptedOutAtColumn:
            return tr("Opted out on");
        case OptedOutByColumn:
            return tr("Opted out by");
        case ReasonColumn:
            return tr("Reason");
        case PurgeAtColumn:
            return tr("Deletion planned");
        case ViaColumn:
            return tr("Via");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && section == ViaColumn)
        return tr("What opts the user out: their own opt-out, or a group's or a domain's rule");
    if (role == Qt::ToolTipRole && section == PurgeAtColumn)
        return tr("When the stored usage data of the user will be deleted");
    if (role == Qt::ToolTipRole && section == CheckColumn)
        return tr("Select users to opt in");
    if (role == Qt::AccessibleTextRole && section == CheckColumn)
        return tr("Selected");
    return {};
}

bool OptOutModel::isOptionalColumn(int column)
{
    return column > NameColumn && column < ColumnCount;
}

QString OptOutModel::storedDataText(const OptOutEntry &entry)
{
    if (!entry.purgeAt.isValid())
        return tr("No stored usage data awaits deletion.");
    return tr("The stored usage data will be deleted on %1.")
        .arg(QLocale().toString(entry.purgeAt.toLocalTime(), QLocale::LongFormat));
}

Qt::ItemFlags OptOutModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == CheckColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QHash<int, QByteArray> OptOutModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(UserIdRole, "userId");
    names.insert(PendingRole, "pending");
    names.insert(LeavingRole, "leaving");
    names.insert(SortRole, "sortValue");
    names.insert(FoldedKeyRole, "foldedKey");
    names.insert(LeftDirectoryRole, "leftDirectory");
    return names;
}

OptOutModel::FoldedKeys OptOutModel::foldKeys(const QList<OptOutEntry> &entries)
{
    FoldedKeys keys;
    keys.reserve(entries.size());
    for (const OptOutEntry &entry : entries) {
        keys.insert(entry.user.id,
                    foldForSearch(QString(entry.user.name + QLatin1Char('\n') + entry.user.email)));
    }
    return keys;
}

OptOutModel::Prepared OptOutModel::prepareEntries(const QList<OptOutEntry> &entries,
                                                  const FoldedKeys &keys,
                                                  const QSet<QString> &leftDirectoryIds)
{
    Prepared prepared;
    QList<OptOutRow> incoming;
    incoming.reserve(entries.size());
    for (const OptOutEntry &entry : entries) {
        OptOutRow row;
        row.entry = entry;
        row.leftDirectory = leftDirectoryIds.contains(entry.user.id);
        const auto key = keys.constFind(entry.user.id);
        row.folded = key != keys.cend()
            ? *key
            : foldForSearch(QString(entry.user.name + QLatin1Char('\n') + entry.user.email));
        incoming.append(std::move(row));
    }
    prepared.m_plan = planRows(Snapshot {{}, {}, QHashSeed::globalSeed()}, std::move(incoming),
                               [](OptOutRow &, const OptOutRow *) {});
    prepared.m_entries = entries;
    prepared.m_keys = keys;
    prepared.m_left = leftDirectoryIds;
    return prepared;
}

void OptOutModel::setPreparedEntries(Prepared prepared)
{
    // Prepared against no rows: valid for an empty model only (its first reset).
    if (rowCount() > 0 || isLoaded()) {
        setFoldedKeys(std::move(prepared.m_keys));
        return setEntries(prepared.m_entries, {}, {}, prepared.m_left);
    }
    m_foldedAhead.clear();
    applyPlan(std::move(prepared.m_plan));
    recountChecked();
}

void OptOutModel::setEntries(const QList<OptOutEntry> &entries, const QSet<QString> &pendingIds,
                             const QSet<QString> &leavingIds, const QSet<QString> &leftDirectoryIds)
{
    QList<OptOutRow> incoming;
    incoming.reserve(entries.size());
    int folded = 0;
    const FoldedKeys ahead = std::exchange(m_foldedAhead, {});
    for (const OptOutEntry &entry : entries) {
        OptOutRow row;
        row.entry = entry;
        row.pending = pendingIds.contains(entry.user.id);
        row.leaving = row.pending && leavingIds.contains(entry.user.id);
        row.leftDirectory = leftDirectoryIds.contains(entry.user.id);
        const int existing = rowOfKey(entry.user.id);
        const auto foldedAhead = ahead.constFind(entry.user.id);
        if (existing >= 0 && rows().at(existing).entry.user == entry.user)
            row.folded = rows().at(existing).folded;
        else if (foldedAhead != ahead.cend())
            row.folded = *foldedAhead;
        else {
            row.folded
                = foldForSearch(QString(entry.user.name + QLatin1Char('\n') + entry.user.email));
            ++folded;
        }
        incoming.append(std::move(row));
    }
    applyRows(std::move(incoming));
    recountChecked();
    // A large load leaves its parsing garbage behind: give it back to the system.
    if (folded >= 10000)
        releaseFreeHeapSoon();
}

void OptOutModel::applyChange(const QList<OptOutLedger::Row> &changed, const QStringList &removed,
                              const QSet<QString> &leftDirectoryIds)
{
    if (changed.isEmpty() && removed.isEmpty())
        return;
    QList<OptOutRow> incoming;
    incoming.reserve(changed.size());
    for (const OptOutLedger::Row &r : changed) {
        OptOutRow row;
        row.entry = r.entry;
        row.pending = r.pending;
        row.leaving = r.leaving;
        row.leftDirectory = leftDirectoryIds.contains(r.entry.user.id);
        const int existing = rowOfKey(r.entry.user.id);
        if (existing >= 0 && rows().at(existing).entry.user == r.entry.user)
            row.folded = rows().at(existing).folded;
        else
            row.folded = foldForSearch(
                QString(r.entry.user.name + QLatin1Char('\n') + r.entry.user.email));
        incoming.append(std::move(row));
    }
    applyRowChanges(std::move(incoming), removed);
    recountChecked();
}

QStringList OptOutModel::checkedUserIds() const
{
    QStringList ids;
    ids.reserve(m_checkedCount);
    for (const OptOutRow &row : rows()) {
        if (row.checked == Qt::Checked)
            ids.append(row.entry.user.id);
    }
    return ids;
}

void OptOutModel::setAllChecked(bool checked)
{
    const Qt::CheckState state = checked ? Qt::Checked : Qt::Unchecked;
    int first = -1;
    for (int r = 0; r <= rowCount(); ++r) {
        const bool differs = r < rowCount() && rows().at(r).checked != state;
        if (differs) {
            mutableRow(r).checked = state;
            if (first < 0)
                first = r;
        } else if (first >= 0) {
            emit dataChanged(index(first, CheckColumn), index(r - 1, CheckColumn),
                             {Qt::CheckStateRole, SortRole});
            first = -1;
        }
    }
    recountChecked();
}

void OptOutModel::setChecked(const QList<int> &sourceRows, Qt::CheckState state)
{
    QList<int> changed;
    for (const int r : sourceRows) {
        if (r >= 0 && r < rowCount() && rows().at(r).checked != state) {
            mutableRow(r).checked = state;
            changed.append(r);
        }
    }
    if (changed.isEmpty())
        return;
    std::sort(changed.begin(), changed.end());
    int first = 0;
    for (int i = 1; i <= changed.size(); ++i) {
        if (i == changed.size() || changed.at(i) != changed.at(i - 1) + 1) {
            emit dataChanged(index(changed.at(first), CheckColumn),
                             index(changed.at(i - 1), CheckColumn), {Qt::CheckStateRole, SortRole});
            first = i;
        }
    }
    recountChecked();
}

int OptOutModel::checkedCountOf(const QList<int> &sourceRows) const
{
    int on = 0;
    for (const int r : sourceRows) {
        if (r >= 0 && r < rowCount() && rows().at(r).checked == Qt::Checked)
            ++on;
    }
    return on;
}

Qt::CheckState OptOutModel::overallCheckState() const
{
    if (m_checkedCount == 0)
        return Qt::Unchecked;
    return m_checkedCount == rowCount() ? Qt::Checked : Qt::PartiallyChecked;
}

void OptOutModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

QList<int> OptOutModel::changedRoles(const OptOutRow &before, const OptOutRow &after) const
{
    QList<int> roles;
    if (before.entry != after.entry)
        roles << Qt::DisplayRole << Qt::ToolTipRole << SortRole << FoldedKeyRole << RuleCoveredRole;
    if (before.leftDirectory != after.leftDirectory) {
        for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::ForegroundRole),
                               int(LeftDirectoryRole)}) {
            if (!roles.contains(role))
                roles << role;
        }
    }
    if (before.pending != after.pending || before.leaving != after.leaving) {
        roles << Qt::FontRole << Qt::ForegroundRole << PendingRole << LeavingRole;
        if (!roles.contains(Qt::ToolTipRole))
            roles << Qt::ToolTipRole;
    }
    return roles;
}

void OptOutModel::carryOver(const OptOutRow &before, OptOutRow &after) const
{
    after.checked = before.checked;
}

void OptOutModel::recountChecked()
{
    int count = 0;
    for (const OptOutRow &row : rows()) {
        if (row.checked == Qt::Checked)
            ++count;
    }
    if (count != m_checkedCount) {
        m_checkedCount = count;
        emit checkedCountChanged(count);
    }
}
