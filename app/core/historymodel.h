// The organisation's audit (GET /api/v1/audit), newest first, loaded page by page as a view
// scrolls (canFetchMore/fetchMore), with the service's filters. One row per action: the entries
// that one request wrote (one requestId: a batch of 10,000 opt-outs, a rule, a SCIM PATCH) are
// one row, expandable to those entries; an entry without a requestId, or alone in its request,
// is a row of its own. Filtered to one user, each entry is a row: that user's history.
#pragma once

#include "apitypes.h"
#include "chunkedlist.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QPointer>

class ApiClient;

class HistoryModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        ActionColumn,
        UserColumn,
        ViaColumn, // what a directory-driven change came through: "Group: …", "Domain: …"
        ByColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // the entry's user id (an action's: its one user's, if so)
        ActionRole, // "opt_out", "opt_in", "purge", "rule_created", "rule_deleted"
        TimeRole, // the entry's QDateTime (UTC)
        EntryCountRole, // the audit entries the row stands for: 1, or an action's
        RequestIdRole, // the request that wrote it; empty for none
    };
    static constexpr int PageSize = 200;
    // Asked for by refreshNewest(): more new entries than this and the history loads anew.
    static constexpr int RefreshSize = 50;

    explicit HistoryModel(ApiClient *api, QObject *parent = nullptr);

    // Replaces the filter and loads its first page (a reset: every row changes).
    void setFilter(const AuditFilter &filter);
    AuditFilter filter() const { return m_filter; }
    // Drops what is loaded and loads the first page again (after changes).
    void reload();
    // Clears everything (at sign-out).
    void clear();
    // Asks for the newest entries and puts those newer than the ones shown on top (rows
    // inserted, what is shown and expanded stays); loads anew when more arrived than it asks for.
    void refreshNewest();

    // A page of entries as the service answers them, older than those held: an entry of an
    // action already shown becomes its child (the action's row changes), the others new rows at
    // the end. O(entries): the rows before them are not looked at.
    void appendEntries(const QList<AuditEntry> &entries);

    // Grouped by request, unless filtered to one user.
    bool isGrouped() const { return m_filter.userId.isEmpty(); }
    bool isLoading() const { return m_loading; }
    bool isRefreshing() const { return m_refreshing; }
    bool isComplete() const { return m_started && m_next.isEmpty() && !m_loading; }
    // The audit entries held (a row per action holds several).
    int entryCount() const { return int(m_entries.size()); }
    // A child's entry, a single entry's, or an action's: its rule entry if it has one, else its
    // first (newest).
    const AuditEntry &entry(const QModelIndex &index) const;
    const AuditEntry &entry(int row) const { return entry(index(row, 0)); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // Views ask for pages through canFetchMore()/fetchMore() (the default). Off, they never do
    // and the window asks with loadMore() when its list is scrolled to the end: QTreeView asks
    // at every layout of its rows, which would load the whole audit page after page.
    void setViewsFetch(bool fetch) { m_viewsFetch = fetch; }
    // There are older entries to load (or the first page was not asked for yet).
    bool hasMore() const { return !m_started || !m_next.isEmpty(); }
    // Asks for the next page, unless one is on its way or there is none.
    void loadMore();
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    // The translated name of an action ("Opt-out", "Opt-in", "Stored data deleted").
    static QString actionText(const QString &action);

signals:
    void loadingChanged(bool loading);
    // A page could not be loaded; what is shown stays. fetchMore() tries again.
    void loadFailed(const ApiError &error);

private:
    // The entries of one request (or one entry), and what its row says, kept as entries come.
    struct Action
    {
        int first = -1; // its newest entry (an index into m_entries)
        QList<int> more; // its other entries, in the service's order
        int optOuts = 0;
        int optIns = 0;
        int purges = 0;
        qint64 eventsDeleted = 0;
        int rule = -1; // its rule entry, if any
        int reason = -1; // its first entry with a reason, if any
        int user = -1; // its first entry about a user, if any
        bool oneUser = true; // every entry about a user is about that one
        bool oneVia = true; // every entry came through the first one's via
        bool front = false; // put on top by refreshNewest() (in m_front), else in m_back
        int pos = 0; // its place in m_front or m_back
        int size() const { return 1 + int(more.size()); }
        int entryAt(int i) const { return i == 0 ? first : more.at(i - 1); }
    };

    void requestPage();
    void resetData();
    // The action of a top-level row, and the row of an action.
    int actionAt(int row) const;
    int rowOf(const Action &action) const;
    void absorb(Action *action, int entry) const;
    // Sorts new entries (indexes into m_entries) into existing actions (their rows grow) and
    // new ones, which are returned in the service's order.
    QList<Action> group(int from, int to, QHash<int, QList<int>> *grown, QList<int> *grownOrder);
    void growActions(const QHash<int, QList<int>> &grown, const QList<int> &order);
    QVariant actionData(const Action &action, int column, int role) const;
    QVariant entryData(const AuditEntry &entry, int column, int role) const;
    QString summary(const Action &action) const;
    void onRefreshed(const AuditPage &page);

    QPointer<ApiClient> m_api;
    AuditFilter m_filter;
    ChunkedList<AuditEntry> m_entries; // in the order they arrived
    ChunkedList<Action> m_actions; // by id, in the order they were made
    QList<int> m_back; // rows after m_front's: the actions of the pages, in the service's order
    QList<int> m_front; // actions put on top by refreshNewest(); the last one is row 0
    QHash<QString, int> m_actionOf; // requestId -> action id
    QString m_newestId; // the newest entry held
    QString m_next; // cursor of the next page; empty when none (or not started)
    bool m_started = false; // the first page was asked for
    bool m_loading = false;
    bool m_refreshing = false;
    bool m_viewsFetch = true;
    quint64 m_generation = 0; // answers of an older filter are dropped
};
