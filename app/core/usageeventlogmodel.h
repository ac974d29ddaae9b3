// The usage events this app recorded, newest last, with what became of each: the debugger's table.
#pragma once

#include "apitypes.h"

#include <QAbstractTableModel>
#include <QList>

class UsageEventLogModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, EventColumn, PropertiesColumn, StatusColumn, ColumnCount };
    enum Role {
        SequenceRole = Qt::UserRole + 1, // quint64: the event's number in this session
        StatusRole, // int: a Status
        TimestampRole, // QDateTime (UTC)
        SortRole, // the column's value for sorting
    };
    Q_ENUM(Role)

    enum class Status {
        Queued, // waiting in the tracker's queue
        Sending, // in a request that has not been answered yet
        Sent, // the service answered: accepted/discarded are the counts of its batch
        Dropped, // never sent: see DropReason
        Failed, // the service refused its batch (a 4xx); failure tells why
    };
    Q_ENUM(Status)

    enum class DropReason { None, QueueFull, TrackingOff, SignedOut };
    Q_ENUM(DropReason)

    static constexpr int DefaultMaxRows = 2000;

    explicit UsageEventLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // At most this many rows are kept; the oldest leave first (rowsRemoved, never a reset).
    void setMaxRows(int rows);
    int maxRows() const { return m_maxRows; }

    // Adds a row (status Queued) and returns the event's sequence number.
    quint64 append(const UsageEvent &event);
    // Sets the status of these events (those still in the log); one dataChanged per run of
    // adjacent rows, on the status column only.
    void setStatus(const QList<quint64> &sequences, Status status,
                   const UsageEventsResult &batch = {}, const QString &failure = {});
    void setDropped(const QList<quint64> &sequences, DropReason reason);
    // Marks queued events whose last send attempt failed and will be retried.
    void setRetrying(const QList<quint64> &sequences, const QString &failure);

    // Empties the log (rows removed from the top, as the oldest always leave).
    void clear();

    // The row of a sequence number, -1 when it has left the log.
    int rowOfSequence(quint64 sequence) const;
    Status statusAt(int row) const { return m_rows.at(row).status; }
    QString eventNameAt(int row) const { return m_rows.at(row).event.name; }
    int countWithStatus(Status status) const;

    // Re-emits header and display data after a language switch.
    void retranslate();

    // "key=value, key=value", keys sorted; what the properties column shows.
    static QString propertiesSummary(const QJsonObject &properties);

private:
    struct Row
    {
        quint64 sequence = 0;
        UsageEvent event;
        Status status = Status::Queued;
        UsageEventsResult batch;
        DropReason dropReason = DropReason::None;
        QString failure; // translated when it was received
    };

    template<typename Apply> void update(const QList<quint64> &sequences, Apply apply);
    QString statusText(const Row &row) const;
    QString dropReasonText(DropReason reason) const;

    QList<Row> m_rows;
    quint64 m_nextSequence = 1;
    int m_maxRows = DefaultMaxRows;
};
