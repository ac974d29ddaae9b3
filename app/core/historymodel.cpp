// The organisation's audit as a table, loaded page by page as a view scrolls.
#include "historymodel.h"

#include "rulesmodel.h"

#include "apiclient.h"

#include <QLocale>

HistoryModel::HistoryModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

void HistoryModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void HistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    m_next.clear();
    m_started = false;
    ++m_generation;
    if (m_loading) {
        m_loading = false;
        emit loadingChanged(false);
    }
    endResetModel();
    requestPage();
}

void HistoryModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_next.clear();
    m_started = false;
    m_filter = {};
    ++m_generation;
    m_loading = false;
    endResetModel();
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryModel::actionText(const QString &action)
{
    if (action == QLatin1String("opt_out"))
        return tr("Opt-out");
    if (action == QLatin1String("opt_in"))
        return tr("Opt-in");
    if (action == QLatin1String("purge"))
        return tr("Stored data deleted");
    if (action == QLatin1String("rule_created"))
        return tr("Rule created");
    if (action == QLatin1String("rule_deleted"))
        return tr("Rule removed");
    return action;
}

namespace {

QString person(const QString &name, const QString &email, const QString &id)
{
    if (!name.isEmpty() && !email.isEmpty())
        return name + QStringLiteral(" <") + email + QLatin1Char('>');
    return !email.isEmpty() ? email : id;
}

} // namespace

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const AuditEntry &e = m_entries.at(index.row());
    switch (role) {
    case UserIdRole:
        return e.userId;
    case ActionRole:
        return e.action;
    case TimeRole:
        return e.at;
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case ActionColumn:
            if (e.action == QLatin1String("rule_created"))
                return tr("Rule created (%n user(s) opted out)", nullptr,
                          int(qMax<qint64>(e.count, 0)));
            if (e.action == QLatin1String("rule_deleted"))
                return tr("Rule removed (%n user(s) opted back in)", nullptr,
                          int(qMax<qint64>(e.count, 0)));
            return e.action == QLatin1String("purge") && e.count >= 0
                ? tr("Stored data deleted (%n event(s))", nullptr, int(e.count))
                : actionText(e.action);
        case UserColumn:
            if (e.isRuleEntry()) {
                return e.ruleKind == QLatin1String("group")
                    ? RulesModel::tr("Group: %1").arg(e.ruleGroupName)
                    : RulesModel::tr("Domain: %1").arg(e.ruleDomain);
            }
            return person(e.userName, e.userEmail, e.userId);
        case ByColumn:
            if (e.actorId.isEmpty())
                return e.source == QLatin1String("directory") ? tr("The directory")
                                                              : tr("The service");
            return person(e.actorName, e.actorEmail, e.actorId);
        case ReasonColumn:
            return e.reason;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == WhenColumn)
            return QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        if (index.column() == ReasonColumn && !e.reason.isEmpty())
            return e.reason;
        return {};
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case ActionColumn:
        return tr("Action");
    case UserColumn:
        return tr("User");
    case ByColumn:
        return tr("By");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || m_loading || !m_api)
        return false;
    return !m_started || !m_next.isEmpty();
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void HistoryModel::requestPage()
{
    if (m_loading || !m_api || (m_started && m_next.isEmpty()))
        return;
    m_loading = true;
    m_started = true;
    emit loadingChanged(true);
    const quint64 generation = m_generation;
    m_api->fetchAudit(PageSize, m_next, m_filter, this,
                      [this, generation](const ApiResult<AuditPage> &result) {
                          if (generation != m_generation)
                              return; // an older filter's answer
                          m_loading = false;
                          if (!result.ok()) {
                              // The same page is asked for again by the next fetchMore().
                              if (m_entries.isEmpty())
                                  m_started = false;
                              emit loadingChanged(false);
                              emit loadFailed(result.error());
                              return;
                          }
                          const AuditPage &page = result.value();
                          if (!page.entries.isEmpty()) {
                              const int first = int(m_entries.size());
                              beginInsertRows({}, first, first + int(page.entries.size()) - 1);
                              m_entries += page.entries;
                              endInsertRows();
                          }
                          m_next = page.next;
                          emit loadingChanged(false);
                      });
}
