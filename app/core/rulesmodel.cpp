// The opt-out rules as a table, changed by rows.
#include "rulesmodel.h"

#include "apiclient.h"

#include <QHash>
#include <QLocale>

RulesModel::RulesModel(ApiClient *api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

void RulesModel::reload()
{
    if (!m_api)
        return;
    const quint64 generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged(true);
    }
    m_api->fetchOptOutRules(this, [this, generation](const ApiResult<QList<OptOutRule>> &result) {
        if (generation != m_generation)
            return; // cleared, or asked again since
        m_loading = false;
        emit loadingChanged(false);
        if (!result.ok()) {
            m_unavailable
                = result.error().kind == ApiError::Kind::Http && result.error().httpStatus == 404;
            emit loadFailed(result.error());
            return;
        }
        m_unavailable = false;
        setRules(result.value());
        emit loaded();
    });
}

void RulesModel::setRules(const QList<OptOutRule> &rules)
{
    QHash<QString, int> incoming;
    for (int i = 0; i < rules.size(); ++i)
        incoming.insert(rules.at(i).id, i);
    // Rows of rules gone leave, from the bottom up.
    for (int row = int(m_rules.size()) - 1; row >= 0; --row) {
        if (incoming.contains(m_rules.at(row).id))
            continue;
        beginRemoveRows({}, row, row);
        m_rules.removeAt(row);
        endRemoveRows();
    }
    // The rules kept change in place; new ones go where the service lists them (oldest first,
    // so usually at the end).
    for (int i = 0; i < rules.size(); ++i) {
        const OptOutRule &rule = rules.at(i);
        const int row = rowOf(rule.id);
        if (row >= 0) {
            if (m_rules.at(row) != rule) {
                m_rules[row] = rule;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        const int at = std::min(i, int(m_rules.size()));
        beginInsertRows({}, at, at);
        m_rules.insert(at, rule);
        endInsertRows();
    }
}

void RulesModel::clear()
{
    ++m_generation;
    if (m_loading) {
        m_loading = false;
        emit loadingChanged(false);
    }
    m_unavailable = false;
    if (m_rules.isEmpty())
        return;
    beginResetModel();
    m_rules.clear();
    endResetModel();
}

int RulesModel::rowOf(const QString &ruleId) const
{
    for (int row = 0; row < m_rules.size(); ++row) {
        if (m_rules.at(row).id == ruleId)
            return row;
    }
    return -1;
}

int RulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return {};
    const OptOutRule &rule = m_rules.at(index.row());
    if (role == RuleIdRole)
        return rule.id;
    if (role == UserCountRole)
        return rule.userCount;
    if (role == Qt::TextAlignmentRole && index.column() == UsersColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ByColumn)
        return rule.createdByEmail;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case RuleColumn:
        return ruleText(rule);
    case UsersColumn:
        return rule.userCount < 0 ? QString() : QLocale().toString(rule.userCount);
    case ReasonColumn:
        return rule.reason;
    case ByColumn:
        return rule.createdByName.isEmpty() ? rule.createdByEmail : rule.createdByName;
    case WhenColumn:
        return QLocale().toString(rule.createdAt.toLocalTime(), QLocale::ShortFormat);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case RuleColumn:
        return tr("Rule");
    case UsersColumn:
        return tr("Users covered");
    case ReasonColumn:
        return tr("Reason");
    case ByColumn:
        return tr("Created by");
    case WhenColumn:
        return tr("Created");
    case ColumnCount:
        break;
    }
    return {};
}

QString RulesModel::ruleText(const OptOutRule &rule)
{
    return rule.isGroup() ? tr("Group: %1").arg(rule.groupName) : tr("Domain: %1").arg(rule.domain);
}

QString RulesModel::specText(const OptOutRuleSpec &spec)
{
    return spec.kind == QLatin1String("group") ? tr("Group: %1").arg(spec.groupName)
                                               : tr("Domain: %1").arg(spec.domain);
}

QString RulesModel::coverText(const OptOutCover &cover)
{
    switch (cover.kind) {
    case OptOutCover::Kind::Individual:
        return tr("Individually");
    case OptOutCover::Kind::Group:
        return tr("Group: %1").arg(cover.groupName);
    case OptOutCover::Kind::EmailDomain:
        return tr("Domain: %1").arg(cover.domain);
    }
    return {};
}

QString RulesModel::viaText(const QList<OptOutCover> &via)
{
    if (via.isEmpty())
        return coverText(OptOutCover {});
    QStringList parts;
    for (const OptOutCover &cover : via)
        parts.append(coverText(cover));
    return QLocale().createSeparatedList(parts);
}
