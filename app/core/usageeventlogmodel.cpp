// The usage events this app recorded, newest last, with what became of each: the debugger's table.
#include "usageeventlogmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>

UsageEventLogModel::UsageEventLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int UsageEventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int UsageEventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageEventLogModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case TimeColumn:
            // Formatted at display time so that a language switch re-renders it.
            return QLocale().toString(row.event.timestamp.toLocalTime(), QLocale::ShortFormat);
        case EventColumn:
            return row.event.name;
        case PropertiesColumn:
            return propertiesSummary(row.event.properties);
        case StatusColumn:
            return statusText(row);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == TimeColumn)
            return QLocale().toString(row.event.timestamp.toLocalTime(), QLocale::LongFormat);
        if (column == StatusColumn && row.status == Status::Dropped)
            return dropReasonText(row.dropReason);
        if (column == StatusColumn && !row.failure.isEmpty())
            return row.failure;
        return {};
    case SequenceRole:
        return row.sequence;
    case StatusRole:
        return int(row.status);
    case TimestampRole:
        return row.event.timestamp;
    case SortRole:
        switch (column) {
        case TimeColumn:
            return row.sequence;
        case StatusColumn:
            return int(row.status);
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant UsageEventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event");
    case PropertiesColumn:
        return tr("Properties");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

void UsageEventLogModel::setMaxRows(int rows)
{
    m_maxRows = std::max(1, rows);
    if (m_rows.size() > m_maxRows) {
        const int excess = int(m_rows.size()) - m_maxRows;
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
    }
}

quint64 UsageEventLogModel::append(const UsageEvent &event)
{
    if (m_rows.size() >= m_maxRows) {
        const int excess = int(m_rows.size()) - m_maxRows + 1;
        beginRemoveRows({}, 0, excess - 1);
        m_rows.remove(0, excess);
        endRemoveRows();
    }
    Row row;
    row.sequence = m_nextSequence++;
    row.event = event;
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(std::move(row));
    endInsertRows();
    return m_rows.constLast().sequence;
}

void UsageEventLogModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

int UsageEventLogModel::rowOfSequence(quint64 sequence) const
{
    // Sequence numbers are consecutive and rows only leave from the top.
    if (m_rows.isEmpty() || sequence < m_rows.constFirst().sequence)
        return -1;
    const quint64 offset = sequence - m_rows.constFirst().sequence;
    return offset < quint64(m_rows.size()) ? int(offset) : -1;
}

template<typename Apply>
void UsageEventLogModel::update(const QList<quint64> &sequences, Apply apply)
{
    QList<int> rows;
    rows.reserve(sequences.size());
    for (quint64 sequence : sequences) {
        const int row = rowOfSequence(sequence);
        if (row >= 0) {
            apply(m_rows[row]);
            rows.append(row);
        }
    }
    std::sort(rows.begin(), rows.end());
    const QList<int> roles {Qt::DisplayRole, Qt::ToolTipRole, StatusRole, SortRole};
    int i = 0;
    while (i < rows.size()) {
        int j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) <= rows.at(j) + 1)
            ++j;
        emit dataChanged(index(rows.at(i), StatusColumn), index(rows.at(j), StatusColumn), roles);
        i = j + 1;
    }
}

void UsageEventLogModel::setStatus(const QList<quint64> &sequences, Status status,
                                   const UsageEventsResult &batch, const QString &failure)
{
    update(sequences, [&](Row &row) {
        row.status = status;
        row.batch = batch;
        row.failure = failure;
        row.dropReason = DropReason::None;
    });
}

void UsageEventLogModel::setDropped(const QList<quint64> &sequences, DropReason reason)
{
    update(sequences, [&](Row &row) {
        row.status = Status::Dropped;
        row.dropReason = reason;
        row.failure.clear();
    });
}

void UsageEventLogModel::setRetrying(const QList<quint64> &sequences, const QString &failure)
{
    setStatus(sequences, Status::Queued, {}, failure);
}

int UsageEventLogModel::countWithStatus(Status status) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [status](const Row &row) { return row.status == status; }));
}

void UsageEventLogModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, TimeColumn), index(int(m_rows.size()) - 1, TimeColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
        emit dataChanged(index(0, StatusColumn), index(int(m_rows.size()) - 1, StatusColumn),
                         {Qt::DisplayRole, Qt::ToolTipRole});
    }
}

QString UsageEventLogModel::propertiesSummary(const QJsonObject &properties)
{
    QStringList parts;
    const QStringList keys = properties.keys(); // sorted
    for (const QString &key : keys) {
        const QJsonValue value = properties.value(key);
        QString text;
        if (value.isString())
            text = value.toString();
        else if (value.isDouble())
            text = QString::number(value.toDouble());
        else if (value.isBool())
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        else if (value.isNull())
            text = QStringLiteral("null");
        else if (value.isArray())
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        else
            text
                = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        parts.append(key + QLatin1Char('=') + text);
    }
    return parts.join(QLatin1String(", "));
}

QString UsageEventLogModel::statusText(const Row &row) const
{
    switch (row.status) {
    case Status::Queued:
        return row.failure.isEmpty() ? tr("Queued") : tr("Queued, will retry");
    case Status::Sending:
        return tr("Sending…");
    case Status::Sent:
        //: The service's answer for the batch the event was sent in.
        return tr("Sent: accepted %1, discarded %2")
            .arg(QLocale().toString(row.batch.accepted), QLocale().toString(row.batch.discarded));
    case Status::Dropped:
        return tr("Dropped");
    case Status::Failed:
        return tr("Failed");
    }
    return {};
}

QString UsageEventLogModel::dropReasonText(DropReason reason) const
{
    switch (reason) {
    case DropReason::QueueFull:
        return tr("The queue was full: the oldest unsent events make room for new ones.");
    case DropReason::TrackingOff:
        return tr("Tracking is off: you are opted out, so unsent events are not sent.");
    case DropReason::SignedOut:
        return tr("You signed out before this event could be sent.");
    case DropReason::None:
        break;
    }
    return {};
}
