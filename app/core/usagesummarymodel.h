// Stored usage events per user (GET /api/v1/usage/summary): the admin's usage summary table.
#pragma once

#include "apitypes.h"
#include "keyedtablemodel.h"

#include <QPointer>
#include <QTimer>

class ApiClient;
class UserModel;

struct UsageSummaryRow
{
    UsageSummaryEntry entry;
    QString name; // from the users model; empty when unknown
    int optedOut = -1; // 1 yes, 0 no, -1 unknown (no users model)
    const QString &key() const { return entry.userId; }
};

class UsageSummaryModel final : public KeyedTableModel<UsageSummaryRow>
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        EmailColumn,
        ClientColumn,
        ServerColumn,
        LastEventColumn, // the UI locale's short format; empty when the user has no events
        OptedOutColumn,
        // Opted-out users' stored events not yet deleted: how many, and when they go.
        AwaitingDeletionColumn,
        ColumnCount
    };
    enum Role {
        UserIdRole = Qt::UserRole + 1, // QString
        SortRole, // the column's value for sorting (numbers, QDateTime)
    };
    Q_ENUM(Role)

    // `users` (may be null) gives the names and opt-out states, which the decoded summary does
    // not carry; both must outlive the model.
    explicit UsageSummaryModel(ApiClient *api, UserModel *users = nullptr,
                               QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Fetches the summary; the rows follow by a diff. A failure leaves the rows as they were.
    // Asked while a fetch is under way, fetches once more after it (the answer may predate
    // the reason for asking).
    void refresh();
    // Forgets the rows and drops a request in flight (a sign-out: the next account must not
    // see them, nor receive the answer).
    void clear();
    bool isLoading() const { return m_loading; }
    // Replaces the rows by this summary (a diff; the first call is a reset).
    void setSummary(const UsageSummary &summary);
    qint64 discardedSinceStart() const { return m_discardedSinceStart; }
    const UsageSummaryRow &rowAt(int row) const { return rows().at(row); }

    // Re-emits header and display data after a language switch.
    void retranslate();

signals:
    void loadingChanged(bool loading);
    void refreshed();
    void errorOccurred(const ApiError &error);
    void discardedSinceStartChanged(qint64 discarded);
    // The rows were forgotten (clear()).
    void cleared();
    // Users were opted out or in (or such a change was confirmed): what the service holds for
    // them changes. Emitted once for a burst of changes.
    void optOutStateChanged();

protected:
    QList<int> changedRoles(const UsageSummaryRow &before,
                            const UsageSummaryRow &after) const override;

private:
    void setLoading(bool loading);
    void onUsersChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                        const QList<int> &roles);

    QPointer<ApiClient> m_api;
    QPointer<UserModel> m_users;
    bool m_loading = false;
    bool m_refreshAgain = false;
    QTimer m_optOutSettle; // one optOutStateChanged() for a burst of user changes
    qint64 m_discardedSinceStart = 0;
    QObject *m_request = nullptr; // context of the request in flight; deleted to drop it
};
