// The opt-out table's filter box and sorting by every column.
#include "optoutproxymodel.h"

#include "optoutmodel.h"
#include "textfold.h"

OptOutProxyModel::OptOutProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(OptOutModel::SortRole);
    setDynamicSortFilter(true);
}

void OptOutProxyModel::setFilterText(const QString &text)
{
    const QString folded = foldForSearch(text.trimmed());
    m_text = text;
    if (folded == m_folded)
        return;
    m_folded = folded;
    invalidateRowsFilter();
}

bool OptOutProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_folded.isEmpty())
        return true;
    if (const auto *model = qobject_cast<const OptOutModel *>(sourceModel()))
        return model->foldedKeyAt(sourceRow).contains(m_folded);
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    return index.data(OptOutModel::FoldedKeyRole).toString().contains(m_folded);
}

void OptOutProxyModel::sort(int column, Qt::SortOrder order)
{
    m_actorKeys.clear();
    QSortFilterProxyModel::sort(column, order);
}

QString OptOutProxyModel::actorKey(const User &actor) const
{
    auto it = m_actorKeys.find(actor.id);
    if (it == m_actorKeys.end())
        it = m_actorKeys.insert(actor.id,
                                foldForSearch(actor.name.isEmpty() ? actor.email : actor.name));
    return *it;
}

namespace {

// The Via column's order: 0 a group's rule, 1 a domain's, 2 none; `name` the group or domain.
int viaRank(const OptOutEntry &entry, const QString **name)
{
    static const QString none;
    for (const OptOutCover &cover : entry.via) {
        if (cover.kind == OptOutCover::Kind::Group) {
            *name = &cover.groupName;
            return 0;
        }
    }
    for (const OptOutCover &cover : entry.via) {
        if (cover.kind == OptOutCover::Kind::EmailDomain) {
            *name = &cover.domain;
            return 1;
        }
    }
    *name = &none;
    return 2;
}

} // namespace

bool OptOutProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const auto *model = qobject_cast<const OptOutModel *>(sourceModel());
    if (!model)
        return QSortFilterProxyModel::lessThan(left, right);
    // Read the rows directly: a QVariant per comparison is most of a sort's cost.
    const OptOutEntry &a = model->entryAt(left.row());
    const OptOutEntry &b = model->entryAt(right.row());
    switch (left.column()) {
    case OptOutModel::CheckColumn: {
        const int ca = left.data(Qt::CheckStateRole).toInt();
        const int cb = right.data(Qt::CheckStateRole).toInt();
        if (ca != cb)
            return ca < cb;
        break;
    }
    case OptOutModel::NameColumn: {
        // The folded key is "name\nemail": by name, then email.
        const int c = model->foldedKeyAt(left.row()).compare(model->foldedKeyAt(right.row()));
        if (c != 0)
            return c < 0;
        break;
    }
    case OptOutModel::EmailColumn: {
        const int c = a.user.email.compare(b.user.email, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
        break;
    }
    case OptOutModel::OptedOutAtColumn:
        if (a.optedOutAt != b.optedOutAt)
            return a.optedOutAt < b.optedOutAt;
        break;
    case OptOutModel::OptedOutByColumn: {
        const int c = actorKey(a.optedOutBy).compare(actorKey(b.optedOutBy));
        if (c != 0)
            return c < 0;
        break;
    }
    case OptOutModel::ReasonColumn: {
        // Without a reason first; then by text, case aside (no folding per comparison).
        const int c = a.reason.compare(b.reason, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
        break;
    }
    case OptOutModel::PurgeAtColumn:
        // Nothing planned ("—") first, then the soonest deletion.
        if (a.purgeAt.isValid() != b.purgeAt.isValid())
            return !a.purgeAt.isValid();
        if (a.purgeAt != b.purgeAt)
            return a.purgeAt < b.purgeAt;
        break;
    case OptOutModel::ViaColumn: {
        // Those a group's rule covers (by group), then a domain's (by domain), then the others.
        const QString *na = nullptr;
        const QString *nb = nullptr;
        const int ra = viaRank(a, &na);
        const int rb = viaRank(b, &nb);
        if (ra != rb)
            return ra < rb;
        const int c = na->compare(*nb, Qt::CaseInsensitive);
        if (c != 0)
            return c < 0;
        break;
    }
    default:
        break;
    }
    // Ties: a stable, meaningful order.
    return a.user.email.compare(b.user.email, Qt::CaseInsensitive) < 0;
}
