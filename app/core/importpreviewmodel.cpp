// The lines of an import as a table, filtered on one outcome at a time.
#include "importpreviewmodel.h"

#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ImportPreviewModel::setResult(const ImportResult &result)
{
    beginResetModel();
    ImportResult old = std::exchange(m_result, result);
    endResetModel();
    // Freeing 200,000 entries takes longer than a frame: done on a worker thread.
    if (old.entries.size() > 1000) {
        const QFuture<void> freed
            = QtConcurrent::run([old = std::move(old)]() mutable { old = {}; });
        Q_UNUSED(freed) // nobody waits for it
    }
}

void ImportPreviewModel::clear()
{
    setResult({});
}

void ImportPreviewModel::setFilter(std::optional<ImportEntry::Outcome> outcome)
{
    if (outcome == m_filter)
        return;
    beginResetModel();
    m_filter = outcome;
    endResetModel();
}

const ImportEntry &ImportPreviewModel::entryAt(int row) const
{
    if (m_filter)
        return m_result.entries.at(m_result.byOutcome[int(*m_filter)].at(row));
    return m_result.entries.at(row);
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_filter ? m_result.count(*m_filter) : int(m_result.entries.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportPreviewModel::outcomeName(ImportEntry::Outcome outcome)
{
    switch (outcome) {
    case ImportEntry::Outcome::Matched:
        return tr("To opt out");
    case ImportEntry::Outcome::AlreadyOptedOut:
        return tr("Already opted out");
    case ImportEntry::Outcome::Unknown:
        return tr("Unknown");
    case ImportEntry::Outcome::Duplicate:
        return tr("Duplicates");
    case ImportEntry::Outcome::Unreadable:
        return tr("Unreadable");
    case ImportEntry::Outcome::Ignored:
        return tr("Ignored");
    }
    return {};
}

QString ImportPreviewModel::outcomeText(const ImportEntry &entry)
{
    switch (entry.outcome) {
    case ImportEntry::Outcome::Matched:
        return tr("Will be opted out");
    case ImportEntry::Outcome::AlreadyOptedOut:
        return tr("Already opted out");
    case ImportEntry::Outcome::Unknown:
        return tr("Not a user of your organization");
    case ImportEntry::Outcome::Duplicate:
        return tr("Duplicate of line %1").arg(QLocale().toString(entry.firstLine));
    case ImportEntry::Outcome::Unreadable:
        switch (entry.problem) {
        case ImportEntry::Problem::NotUtf8:
            return tr("Unreadable: not UTF-8 text");
        case ImportEntry::Problem::NotAnAddress:
            return tr("Unreadable: \"%1\" is not an e-mail address").arg(entry.email);
        default:
            return tr("Unreadable: no e-mail address");
        }
    case ImportEntry::Outcome::Ignored:
        return tr("Column names, ignored");
    }
    return {};
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index));
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ImportEntry &entry = entryAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LineColumn:
            return role == Qt::DisplayRole ? QVariant(entry.line) : QVariant();
        case InputColumn:
            return entry.input;
        case UserColumn:
            if (entry.user.id.isEmpty())
                return {};
            if (entry.user.name.isEmpty())
                return entry.user.email;
            return tr("%1 <%2>").arg(entry.user.name, entry.user.email);
        case OutcomeColumn:
            return outcomeText(entry);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case OutcomeRole:
        return int(entry.outcome);
    case UserIdRole:
        return entry.user.id;
    case LineRole:
        return entry.line;
    }
    return {};
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LineColumn:
        return tr("Line");
    case InputColumn:
        return tr("Input");
    case UserColumn:
        return tr("User");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

void ImportPreviewModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}
