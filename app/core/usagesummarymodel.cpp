// Stored usage events per user (GET /api/v1/usage/summary): the admin's usage summary table.
#include "usagesummarymodel.h"

#include "apiclient.h"
#include "usermodel.h"

#include <QLocale>

UsageSummaryModel::UsageSummaryModel(ApiClient *api, UserModel *users, QObject *parent)
    : KeyedTableModel<UsageSummaryRow>(parent)
    , m_api(api)
    , m_users(users)
{
    m_optOutSettle.setSingleShot(true);
    m_optOutSettle.setInterval(300);
    connect(&m_optOutSettle, &QTimer::timeout, this, &UsageSummaryModel::optOutStateChanged);
    if (users)
        connect(users, &QAbstractItemModel::dataChanged, this, &UsageSummaryModel::onUsersChanged);
}

void UsageSummaryModel::onUsersChanged(const QModelIndex &, const QModelIndex &,
                                       const QList<int> &roles)
{
    // A load changes 20,000 users one signal each: the timer is started once, not restarted.
    if ((roles.contains(UserModel::OptedOutRole) || roles.contains(UserModel::PendingRole))
        && !m_optOutSettle.isActive())
        m_optOutSettle.start();
}

int UsageSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageSummaryModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const UsageSummaryRow &row = rows().at(index.row());
    const UsageSummaryEntry &entry = row.entry;
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return row.name;
        case EmailColumn:
            return entry.userEmail;
        case ClientColumn:
            return QLocale().toString(entry.client);
        case ServerColumn:
            return QLocale().toString(entry.server);
        case LastEventColumn:
            if (!entry.lastEventAt.isValid())
                return QString();
            return QLocale().toString(entry.lastEventAt.toLocalTime(), QLocale::ShortFormat);
        case OptedOutColumn:
            if (row.optedOut < 0)
                return QString();
            return row.optedOut ? tr("Yes") : tr("No");
        case AwaitingDeletionColumn:
            if (!entry.awaitingDeletion)
                return QString();
            return entry.purgeAt.isValid()
                ? tr("%n event(s), deleted on %1", nullptr,
                     int(entry.awaitingClient + entry.awaitingServer))
                      .arg(QLocale().toString(entry.purgeAt.toLocalTime(), QLocale::ShortFormat))
                : tr("%n event(s)", nullptr, int(entry.awaitingClient + entry.awaitingServer));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (column == ClientColumn || column == ServerColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        if (column == LastEventColumn && entry.lastEventAt.isValid())
            return QLocale().toString(entry.lastEventAt.toLocalTime(), QLocale::LongFormat);
        return {};
    case UserIdRole:
        return entry.userId;
    case SortRole:
        switch (column) {
        case ClientColumn:
            return entry.client;
        case ServerColumn:
            return entry.server;
        case LastEventColumn:
            return entry.lastEventAt;
        case OptedOutColumn:
            return row.optedOut;
        case AwaitingDeletionColumn:
            return entry.awaitingClient + entry.awaitingServer;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant UsageSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        // The short headers, spelt out.
        if (section == ClientColumn)
            return tr("Usage events the apps sent for this user (client-side tracking)");
        if (section == ServerColumn)
            return tr("Usage events the service recorded for this user's requests (server-side "
                      "tracking)");
        if (section == AwaitingDeletionColumn)
            return tr("Usage events stored before the opt-out: hidden, and deleted by the "
                      "service on the date shown");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return KeyedTableModel<UsageSummaryRow>::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case ClientColumn:
        return tr("Client-side");
    case ServerColumn:
        return tr("Server-side");
    case LastEventColumn:
        return tr("Last event");
    case OptedOutColumn:
        return tr("Opted out");
    case AwaitingDeletionColumn:
        return tr("Awaiting deletion");
    default:
        return {};
    }
}

void UsageSummaryModel::refresh()
{
    if (!m_api)
        return;
    if (m_loading) {
        m_refreshAgain = true;
        return;
    }
    setLoading(true);
    m_request = new QObject(this);
    m_api->fetchUsageSummary(m_request, [this](const ApiResult<UsageSummary> &result) {
        m_request->deleteLater();
        m_request = nullptr;
        setLoading(false);
        if (!result.ok()) {
            emit errorOccurred(result.error());
            return;
        }
        setSummary(result.value());
        emit refreshed();
        if (m_refreshAgain) {
            m_refreshAgain = false;
            refresh();
        }
    });
}

void UsageSummaryModel::clear()
{
    delete m_request; // its answer is dropped
    m_request = nullptr;
    m_refreshAgain = false;
    m_optOutSettle.stop();
    setLoading(false);
    setSummary(UsageSummary {});
    emit cleared();
}

void UsageSummaryModel::setSummary(const UsageSummary &summary)
{
    QList<UsageSummaryRow> incoming;
    incoming.reserve(summary.users.size());
    for (const UsageSummaryEntry &entry : summary.users) {
        UsageSummaryRow row;
        row.entry = entry;
        // The service's answer first; the user list fills a name an older service leaves out.
        row.name = entry.userName;
        if (row.name.isEmpty() && m_users) {
            if (const User *user = m_users->userById(entry.userId))
                row.name = user->name;
        }
        row.optedOut = entry.optedOut ? 1 : 0;
        incoming.append(std::move(row));
    }
    applyRows(std::move(incoming));
    if (summary.discardedSinceStart != m_discardedSinceStart) {
        m_discardedSinceStart = summary.discardedSinceStart;
        emit discardedSinceStartChanged(m_discardedSinceStart);
    }
}

void UsageSummaryModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

QList<int> UsageSummaryModel::changedRoles(const UsageSummaryRow &before,
                                           const UsageSummaryRow &after) const
{
    const UsageSummaryEntry &a = before.entry;
    const UsageSummaryEntry &b = after.entry;
    if (before.name == after.name && before.optedOut == after.optedOut && a.userEmail == b.userEmail
        && a.client == b.client && a.server == b.server && a.lastEventAt == b.lastEventAt
        && a.awaitingDeletion == b.awaitingDeletion && a.awaitingClient == b.awaitingClient
        && a.awaitingServer == b.awaitingServer && a.purgeAt == b.purgeAt)
        return {};
    return {Qt::DisplayRole, Qt::ToolTipRole, SortRole};
}

void UsageSummaryModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}
