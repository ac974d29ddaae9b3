// The enforcement statistics of a period, one row per day (GET /api/v1/usage/enforcement), for
// View > Overview's charts.
#pragma once

#include "apitypes.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QPointer>

class ApiClient;

class EnforcementModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DateColumn,
        AcceptedColumn, // client-side and server-side
        DiscardedColumn, // client-side and server-side
        DeletedColumn,
        OptOutsColumn,
        OptInsColumn,
        OptedOutUsersColumn,
        ColumnCount
    };
    // Each cell's number (qint64) or date (QDate) whatever the display role says.
    static constexpr int ValueRole = Qt::UserRole + 1;

    // `api` must outlive the model.
    explicit EnforcementModel(ApiClient *api, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The days from `from` through `through` (the organisation's days); loads them.
    void setPeriod(const QDate &from, const QDate &through);
    QDate from() const { return m_from; }
    QDate through() const { return m_through; }
    // Loads the period again (nothing when no period is set); the rows change in place.
    void refresh();
    // Forgets the figures (sign-out); the period stays.
    void clear();

    bool isLoading() const { return m_loading; }
    bool hasData() const { return m_loaded; }
    const EnforcementStats &stats() const { return m_stats; }
    const EnforcementBucket &bucketAt(int row) const { return m_stats.buckets.at(row); }

signals:
    void loadingChanged(bool loading);
    // A load ended; the rows, totals and countingSince are the service's.
    void loaded();
    void loadFailed(const ApiError &error);

private:
    void load();
    void apply(const EnforcementStats &stats);
    static qint64 value(const EnforcementCounts &counts, int column);

    QPointer<ApiClient> m_api;
    QDate m_from;
    QDate m_through;
    EnforcementStats m_stats;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_again = false; // a refresh asked for while loading
    QObject *m_request = nullptr; // the running load's context: deleted, its answer is dropped
};
