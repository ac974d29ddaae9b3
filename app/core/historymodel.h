// The organisation's audit (GET /api/v1/audit) as a table, newest first, loaded page by page
// as a view scrolls (canFetchMore/fetchMore), with the service's filters.
#pragma once

#include "apitypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class ApiClient;

class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhenColumn, ActionColumn, UserColumn, ByColumn, ReasonColumn, ColumnCount };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // the entry's user id
        ActionRole, // "opt_out", "opt_in", "purge"
        TimeRole, // the entry's QDateTime (UTC)
    };
    static constexpr int PageSize = 200;

    explicit HistoryModel(ApiClient *api, QObject *parent = nullptr);

    // Replaces the filter and loads its first page (a reset: every row changes).
    void setFilter(const AuditFilter &filter);
    AuditFilter filter() const { return m_filter; }
    // Drops what is loaded and loads the first page again (after changes).
    void reload();
    // Clears everything (at sign-out).
    void clear();

    bool isLoading() const { return m_loading; }
    bool isComplete() const { return m_started && m_next.isEmpty() && !m_loading; }
    const AuditEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // The translated name of an action ("Opt-out", "Opt-in", "Stored data deleted").
    static QString actionText(const QString &action);

signals:
    void loadingChanged(bool loading);
    // A page could not be loaded; what is shown stays. fetchMore() tries again.
    void loadFailed(const ApiError &error);

private:
    void requestPage();

    QPointer<ApiClient> m_api;
    AuditFilter m_filter;
    QList<AuditEntry> m_entries;
    QString m_next; // cursor of the next page; empty when none (or not started)
    bool m_started = false; // the first page was asked for
    bool m_loading = false;
    quint64 m_generation = 0; // answers of an older filter are dropped
};
