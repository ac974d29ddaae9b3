// The organisation's audit, one row per action (the entries of one request), loaded page by page
// as a view scrolls.
#include "historymodel.h"

#include "optoutmodel.h"
#include "rulesmodel.h"

#include "apiclient.h"

#include <QLocale>

#include <climits>

namespace {

// internalId() of a top-level row; a child's is its action's id + 1.
constexpr quintptr TopLevel = 0;

QString person(const QString &name, const QString &email, const QString &id)
{
    if (!name.isEmpty() && !email.isEmpty())
        return name + QStringLiteral(" <") + email + QLatin1Char('>');
    return !email.isEmpty() ? email : id;
}

int clampedCount(qint64 count)
{
    return int(qBound<qint64>(0, count, qint64(INT_MAX)));
}

} // namespace

HistoryModel::HistoryModel(ApiClient *api, QObject *parent)
    : QAbstractItemModel(parent)
    , m_api(api)
{
}

void HistoryModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

void HistoryModel::resetData()
{
    m_entries.clear();
    m_actions.clear();
    m_back.clear();
    m_front.clear();
    m_actionOf.clear();
    m_newestId.clear();
    m_next.clear();
    m_started = false;
    m_refreshing = false;
    ++m_generation;
}

void HistoryModel::reload()
{
    beginResetModel();
    resetData();
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
    resetData();
    m_filter = {};
    m_loading = false;
    endResetModel();
}

int HistoryModel::actionAt(int row) const
{
    const int front = int(m_front.size());
    return row < front ? m_front.at(front - 1 - row) : m_back.at(row - front);
}

int HistoryModel::rowOf(const Action &action) const
{
    const int front = int(m_front.size());
    return action.front ? front - 1 - action.pos : front + action.pos;
}

QModelIndex HistoryModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < rowCount() ? createIndex(row, column, TopLevel) : QModelIndex();
    if (parent.internalId() != TopLevel || parent.column() != 0 || parent.row() >= rowCount())
        return {};
    const int id = actionAt(parent.row());
    const Action &action = m_actions.at(id);
    if (action.size() < 2 || row >= action.size())
        return {};
    return createIndex(row, column, quintptr(id) + 1);
}

QModelIndex HistoryModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(rowOf(m_actions.at(int(child.internalId() - 1))), 0, TopLevel);
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_front.size() + m_back.size());
    if (parent.internalId() != TopLevel || parent.column() != 0)
        return 0;
    const int size = m_actions.at(actionAt(parent.row())).size();
    return size > 1 ? size : 0;
}

int HistoryModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool HistoryModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

const AuditEntry &HistoryModel::entry(const QModelIndex &index) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    if (index.internalId() == TopLevel) {
        const Action &action = m_actions.at(actionAt(index.row()));
        return m_entries.at(action.rule >= 0 ? action.rule : action.first);
    }
    return m_entries.at(m_actions.at(int(index.internalId() - 1)).entryAt(index.row()));
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

void HistoryModel::absorb(Action *action, int entry) const
{
    const AuditEntry &e = m_entries.at(entry);
    if (action->first < 0)
        action->first = entry;
    else
        action->more.append(entry);
    if (e.action == QLatin1String("opt_out"))
        ++action->optOuts;
    else if (e.action == QLatin1String("opt_in"))
        ++action->optIns;
    else if (e.action == QLatin1String("purge")) {
        ++action->purges;
        action->eventsDeleted += qMax<qint64>(e.count, 0);
    } else if (e.isRuleEntry() && action->rule < 0)
        action->rule = entry;
    if (action->reason < 0 && !e.reason.isEmpty())
        action->reason = entry;
    if (!e.userId.isEmpty()) {
        if (action->user < 0)
            action->user = entry;
        else if (m_entries.at(action->user).userId != e.userId)
            action->oneUser = false;
    }
    if (entry != action->first && e.via != m_entries.at(action->first).via)
        action->oneVia = false;
}

QList<HistoryModel::Action> HistoryModel::group(int from, int to, QHash<int, QList<int>> *grown,
                                                QList<int> *grownOrder)
{
    // New actions get the ids after the held ones, in this order (the callers keep it).
    const int base = int(m_actions.size());
    QList<Action> fresh;
    const bool grouped = isGrouped();
    for (int i = from; i < to; ++i) {
        const QString &requestId = m_entries.at(i).requestId;
        if (grouped && !requestId.isEmpty()) {
            const auto known = m_actionOf.constFind(requestId);
            if (known != m_actionOf.cend()) {
                if (*known >= base) {
                    absorb(&fresh[*known - base], i);
                } else {
                    auto it = grown->find(*known);
                    if (it == grown->end()) {
                        grownOrder->append(*known);
                        it = grown->insert(*known, {});
                    }
                    it->append(i);
                }
                continue;
            }
            m_actionOf.insert(requestId, base + int(fresh.size()));
        }
        Action action;
        absorb(&action, i);
        fresh.append(action);
    }
    return fresh;
}

void HistoryModel::growActions(const QHash<int, QList<int>> &grown, const QList<int> &order)
{
    for (const int id : order) {
        Action &action = m_actions[id];
        const QList<int> &added = *grown.constFind(id);
        const QModelIndex parent = createIndex(rowOf(action), 0, TopLevel);
        // A single entry becomes an action: its own entry is its first child.
        const int before = action.size() > 1 ? action.size() : 0;
        const int after = action.size() + int(added.size());
        beginInsertRows(parent, before, after - 1);
        for (const int entry : added)
            absorb(&action, entry);
        endInsertRows();
        emit dataChanged(parent, parent.siblingAtColumn(ColumnCount - 1));
    }
}

void HistoryModel::appendEntries(const QList<AuditEntry> &entries)
{
    if (entries.isEmpty())
        return;
    if (m_entries.isEmpty())
        m_newestId = entries.constFirst().id;
    const int from = int(m_entries.size());
    for (const AuditEntry &entry : entries)
        m_entries.append(entry);
    QHash<int, QList<int>> grown;
    QList<int> order;
    QList<Action> fresh = group(from, int(m_entries.size()), &grown, &order);
    growActions(grown, order);
    if (fresh.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (Action &action : fresh) {
        action.pos = int(m_back.size());
        m_back.append(int(m_actions.size()));
        m_actions.append(std::move(action));
    }
    endInsertRows();
}

void HistoryModel::refreshNewest()
{
    // Only over what is shown: before its first page, the history has nothing to add to.
    if (!m_api || !m_started || m_refreshing || (m_entries.isEmpty() && m_loading))
        return;
    m_refreshing = true;
    const quint64 generation = m_generation;
    m_api->fetchAudit(RefreshSize, {}, m_filter, this,
                      [this, generation](const ApiResult<AuditPage> &result) {
                          if (generation != m_generation)
                              return;
                          m_refreshing = false;
                          // A failure changes nothing: the next refresh asks again.
                          if (result.ok())
                              onRefreshed(result.value());
                      });
}

void HistoryModel::onRefreshed(const AuditPage &page)
{
    qsizetype known = -1;
    if (m_newestId.isEmpty()) {
        // Nothing was held: all of it is new, if all of it came.
        known = page.next.isEmpty() ? page.entries.size() : -1;
    } else {
        for (qsizetype i = 0; i < page.entries.size() && known < 0; ++i) {
            if (page.entries.at(i).id == m_newestId)
                known = i;
        }
    }
    if (known < 0) {
        // More arrived than was asked for: from the newest again.
        reload();
        return;
    }
    if (known == 0)
        return;
    const int from = int(m_entries.size());
    for (qsizetype i = 0; i < known; ++i)
        m_entries.append(page.entries.at(i));
    m_newestId = page.entries.constFirst().id;
    QHash<int, QList<int>> grown;
    QList<int> order;
    QList<Action> fresh = group(from, int(m_entries.size()), &grown, &order);
    growActions(grown, order);
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    const int base = int(m_actions.size());
    for (Action &action : fresh) {
        action.front = true;
        m_actions.append(std::move(action));
    }
    // The newest on top: the last of m_front is row 0.
    for (int id = int(m_actions.size()) - 1; id >= base; --id) {
        m_actions[id].pos = int(m_front.size());
        m_front.append(id);
    }
    endInsertRows();
}

Qt::ItemFlags HistoryModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractItemModel::flags(index);
    if (index.isValid() && index.internalId() != TopLevel)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    if (index.internalId() == TopLevel) {
        const Action &action = m_actions.at(actionAt(index.row()));
        if (action.size() > 1)
            return actionData(action, index.column(), role);
        return entryData(m_entries.at(action.first), index.column(), role);
    }
    const Action &action = m_actions.at(int(index.internalId() - 1));
    return entryData(m_entries.at(action.entryAt(index.row())), index.column(), role);
}

QVariant HistoryModel::entryData(const AuditEntry &e, int column, int role) const
{
    switch (role) {
    case UserIdRole:
        return e.userId;
    case ActionRole:
        return e.action;
    case TimeRole:
        return e.at;
    case EntryCountRole:
        return 1;
    case RequestIdRole:
        return e.requestId;
    case Qt::DisplayRole:
        switch (column) {
        case WhenColumn:
            return QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat);
        case ActionColumn:
            if (e.action == QLatin1String("rule_created"))
                return tr("Rule created (%n user(s) opted out)", nullptr, clampedCount(e.count));
            if (e.action == QLatin1String("rule_deleted"))
                return tr("Rule removed (%n user(s) opted back in)", nullptr,
                          clampedCount(e.count));
            return e.action == QLatin1String("purge") && e.count >= 0
                ? tr("Stored data deleted (%n event(s))", nullptr, clampedCount(e.count))
                : actionText(e.action);
        case UserColumn:
            if (e.isRuleEntry()) {
                return e.ruleKind == QLatin1String("group")
                    ? RulesModel::tr("Group: %1").arg(e.ruleGroupName)
                    : RulesModel::tr("Domain: %1").arg(e.ruleDomain);
            }
            return person(e.userName, e.userEmail, e.userId);
        case ViaColumn:
            return e.via.isEmpty() ? QString() : RulesModel::viaText(e.via);
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
        if (column == WhenColumn)
            return QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        if (column == ReasonColumn && !e.reason.isEmpty())
            return e.reason;
        return {};
    default:
        return {};
    }
}

QString HistoryModel::summary(const Action &action) const
{
    QString text;
    if (action.rule >= 0) {
        text = entryData(m_entries.at(action.rule), ActionColumn, Qt::DisplayRole).toString();
    } else if (action.optOuts > 0 && action.optIns > 0) {
        text = tr("Opted out %1, opted in %2")
                   .arg(tr("%n user(s)", nullptr, action.optOuts),
                        tr("%n user(s)", nullptr, action.optIns));
    } else if (action.optOuts > 0) {
        text = tr("Opted out %n user(s)", nullptr, action.optOuts);
    } else if (action.optIns > 0) {
        text = tr("Opted in %n user(s)", nullptr, action.optIns);
    } else {
        return tr("Stored data deleted (%n event(s))", nullptr, clampedCount(action.eventsDeleted));
    }
    if (action.purges > 0) {
        text = tr("%1; stored data deleted (%n event(s))", nullptr,
                  clampedCount(action.eventsDeleted))
                   .arg(text);
    }
    return text;
}

QVariant HistoryModel::actionData(const Action &action, int column, int role) const
{
    const AuditEntry &first = m_entries.at(action.first);
    switch (role) {
    case UserIdRole:
        return action.oneUser && action.user >= 0 ? m_entries.at(action.user).userId : QString();
    case ActionRole:
        return action.rule >= 0 ? m_entries.at(action.rule).action : first.action;
    case TimeRole:
        return first.at;
    case EntryCountRole:
        return action.size();
    case RequestIdRole:
        return first.requestId;
    case Qt::DisplayRole:
        switch (column) {
        case WhenColumn:
        case ByColumn:
            return entryData(first, column, role);
        case ActionColumn:
            return summary(action);
        case UserColumn:
            if (action.rule >= 0)
                return entryData(m_entries.at(action.rule), column, role);
            if (action.oneUser && action.user >= 0)
                return entryData(m_entries.at(action.user), column, role);
            return tr("%n user(s)", nullptr,
                      action.optOuts + action.optIns > 0 ? action.optOuts + action.optIns
                                                         : action.purges);
        case ViaColumn:
            return action.oneVia ? entryData(first, column, role) : QVariant();
        case ReasonColumn:
            return action.reason >= 0 ? m_entries.at(action.reason).reason : QString();
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (column == WhenColumn)
            return entryData(first, column, role);
        if (column == ReasonColumn && action.reason >= 0)
            return m_entries.at(action.reason).reason;
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
    case ViaColumn:
        return OptOutModel::tr("Via");
    case ByColumn:
        return tr("By");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

void HistoryModel::loadMore()
{
    if (hasMore())
        requestPage();
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    if (m_loading || !m_api || !m_viewsFetch)
        return false;
    if (parent.isValid()) {
        // The last action shown may go on in the next page.
        return parent.internalId() == TopLevel && parent.row() == rowCount() - 1 && m_started
            && !m_next.isEmpty();
    }
    return hasMore();
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
                          appendEntries(page.entries);
                          m_next = page.next;
                          emit loadingChanged(false);
                      });
}
