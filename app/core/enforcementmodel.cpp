// The enforcement statistics of a period, one row per day, loaded from the service.
#include "enforcementmodel.h"

#include "apiclient.h"

#include <QLocale>

EnforcementModel::EnforcementModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int EnforcementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stats.buckets.size());
}

int EnforcementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 EnforcementModel::value(const EnforcementCounts &counts, int column)
{
    switch (column) {
    case AcceptedColumn:
        return counts.accepted();
    case DiscardedColumn:
        return counts.discarded();
    case DeletedColumn:
        return counts.deletedEvents;
    case OptOutsColumn:
        return counts.optOuts;
    case OptInsColumn:
        return counts.optIns;
    case OptedOutUsersColumn:
        return counts.optedOutUsers;
    default:
        return 0;
    }
}

QVariant EnforcementModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const EnforcementBucket &bucket = m_stats.buckets.at(index.row());
    if (role == ValueRole) {
        if (index.column() == DateColumn)
            return bucket.date;
        return value(bucket.counts, index.column());
    }
    if (role == Qt::DisplayRole) {
        const QLocale locale;
        if (index.column() == DateColumn)
            return locale.toString(bucket.date, QLocale::ShortFormat);
        return locale.toString(value(bucket.counts, index.column()));
    }
    if (role == Qt::TextAlignmentRole && index.column() != DateColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant EnforcementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Day");
    case AcceptedColumn:
        return tr("Events accepted");
    case DiscardedColumn:
        return tr("Events discarded");
    case DeletedColumn:
        return tr("Stored events deleted");
    case OptOutsColumn:
        return tr("Opt-outs");
    case OptInsColumn:
        return tr("Opt-ins");
    case OptedOutUsersColumn:
        return tr("Opted-out users");
    default:
        return {};
    }
}

void EnforcementModel::setPeriod(const QDate &from, const QDate &through)
{
    if (from == m_from && through == m_through && (m_loaded || m_loading))
        return;
    m_from = from;
    m_through = through;
    // A new period: the answer of the old one is of no use.
    delete m_request;
    m_request = nullptr;
    m_loading = false;
    load();
}

void EnforcementModel::refresh()
{
    if (m_loading) {
        m_again = true;
        return;
    }
    load();
}

void EnforcementModel::clear()
{
    delete m_request;
    m_request = nullptr;
    m_again = false;
    const bool wasLoading = m_loading;
    m_loading = false;
    m_loaded = false;
    if (!m_stats.buckets.isEmpty()) {
        beginResetModel();
        m_stats = {};
        endResetModel();
    }
    m_stats = {};
    if (wasLoading)
        emit loadingChanged(false);
}

void EnforcementModel::load()
{
    if (!m_api || !m_from.isValid() || !m_through.isValid() || m_from > m_through)
        return;
    m_again = false;
    m_request = new QObject(this);
    QObject *request = m_request;
    const bool wasLoading = m_loading;
    m_loading = true;
    if (!wasLoading)
        emit loadingChanged(true);
    m_api->fetchEnforcement(m_from, m_through.addDays(1), QStringLiteral("day"), request,
                            [this, request](const ApiResult<EnforcementStats> &result) {
                                request->deleteLater();
                                if (m_request == request)
                                    m_request = nullptr;
                                m_loading = false;
                                if (result)
                                    apply(result.value());
                                emit loadingChanged(false);
                                if (result)
                                    emit loaded();
                                else
                                    emit loadFailed(result.error());
                                if (m_again)
                                    load();
                            });
}

void EnforcementModel::apply(const EnforcementStats &stats)
{
    const bool sameDays = stats.buckets.size() == m_stats.buckets.size()
        && (stats.buckets.isEmpty()
            || stats.buckets.constFirst().start == m_stats.buckets.constFirst().start);
    m_loaded = true;
    if (!sameDays) {
        beginResetModel();
        m_stats = stats;
        endResetModel();
        return;
    }
    // The same days: only the figures that changed (a refresh usually changes today's).
    const EnforcementStats old = m_stats;
    m_stats = stats;
    for (int row = 0; row < int(stats.buckets.size()); ++row) {
        const EnforcementCounts &a = old.buckets.at(row).counts;
        const EnforcementCounts &b = stats.buckets.at(row).counts;
        int first = -1, last = -1;
        for (int column = AcceptedColumn; column < ColumnCount; ++column) {
            if (value(a, column) != value(b, column)) {
                if (first < 0)
                    first = column;
                last = column;
            }
        }
        if (first >= 0)
            emit dataChanged(index(row, first), index(row, last), {Qt::DisplayRole, ValueRole});
    }
}
