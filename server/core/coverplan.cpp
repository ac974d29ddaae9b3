// The opt-out rules, once: cover deltas + state -> plan (see coverplan.h).
#include "coverplan.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

bool CoverPlan::changes() const
{
    return !inserts.isEmpty() || !ruleUpdates.isEmpty() || !deletes.isEmpty() || !purges.isEmpty();
}

QStringList coverUsers(const QVector<CoverDelta> &deltas)
{
    QStringList ids;
    QSet<QString> seen;
    qsizetype size = 0;
    for (const CoverDelta &d : deltas)
        size += d.coverNow.size() + d.coverNoMore.size();
    ids.reserve(size);
    seen.reserve(size);
    for (const CoverDelta &d : deltas) {
        for (const QStringList *list : {&d.coverNow, &d.coverNoMore}) {
            for (const QString &id : *list) {
                if (!seen.contains(id)) {
                    seen.insert(id);
                    ids.append(id);
                }
            }
        }
    }
    return ids;
}

namespace {

// The rules of each named user (`users`: coverUsers(deltas)) after the deltas, from their rows.
QHash<QString, QStringList> rulesAfter(const QVector<CoverDelta> &deltas, const QStringList &users,
                                       const QHash<QString, StoredOptOut> &rows)
{
    QHash<QString, QStringList> after;
    after.reserve(users.size());
    for (const QString &id : users) {
        const auto row = rows.constFind(id);
        after.insert(id, row == rows.cend() ? QStringList() : row->ruleIds);
    }
    for (const CoverDelta &d : deltas) {
        for (const QString &id : d.coverNoMore)
            after[id].removeAll(d.rule.id);
        for (const QString &id : d.coverNow) {
            QStringList &rules = after[id];
            if (!rules.contains(d.rule.id))
                rules.append(d.rule.id);
        }
    }
    for (QStringList &rules : after)
        std::sort(rules.begin(), rules.end());
    return after;
}

QDateTime toMilliseconds(const QDateTime &t)
{
    return QDateTime::fromMSecsSinceEpoch(t.toMSecsSinceEpoch(), Qt::UTC);
}

} // namespace

QStringList coverEventCountsNeeded(const QVector<CoverDelta> &deltas,
                                   const QHash<QString, StoredOptOut> &rows)
{
    QStringList ids;
    const QStringList users = coverUsers(deltas);
    const QHash<QString, QStringList> after = rulesAfter(deltas, users, rows);
    for (const QString &id : users) {
        if (!rows.contains(id) && !after.value(id).isEmpty())
            ids.append(id);
    }
    return ids;
}

CoverPlan planCoverChange(const QVector<CoverDelta> &deltas, const CoverState &state)
{
    CoverPlan plan;
    const QDateTime now = toMilliseconds(state.now);
    const bool deleteNow = state.deleteStoredEvents || state.purgeAfterSeconds <= 0;
    const QStringList users = coverUsers(deltas);
    const QHash<QString, QStringList> after = rulesAfter(deltas, users, state.rows);
    plan.inserts.reserve(users.size());
    QHash<QString, const StoredRule *> rules;
    for (const CoverDelta &d : deltas)
        rules.insert(d.rule.id, &d.rule);
    const auto via = [&](const QString &ruleId) {
        const StoredRule *rule = rules.value(ruleId);
        return rule ? QByteArray("{\"via\":[") + viaJson(*rule) + "]}" : QByteArray();
    };
    for (const QString &id : users) {
        const QStringList &rulesNow = *after.constFind(id);
        const auto row = state.rows.constFind(id);
        if (row == state.rows.cend()) {
            if (rulesNow.isEmpty())
                continue;
            // Newly opted out through a rule: its creator is the row's author.
            const StoredRule *rule = rules.value(rulesNow.constFirst());
            StoredOptOut o;
            o.userId = id;
            o.orgId = rule ? rule->orgId : QString();
            o.at = now;
            o.byUserId = rule ? rule->createdBy : QString();
            o.reason = state.reason.isEmpty() && rule ? rule->reason : state.reason;
            o.individual = false;
            o.ruleIds = rulesNow;
            const qint64 stored = state.storedEvents.value(id);
            if (stored > 0 && !deleteNow)
                o.purgeAt = now.addSecs(state.purgeAfterSeconds);
            plan.inserts.append(o);
            if (stored > 0 && deleteNow)
                plan.purges.append({id, stored});
            if (state.actorId.isEmpty()) {
                plan.audit.append({now,
                                   QStringLiteral("opt_out"),
                                   {},
                                   id,
                                   o.reason,
                                   -1,
                                   via(rulesNow.constFirst())});
            }
            continue;
        }
        if (rulesNow == row->ruleIds)
            continue;
        if (rulesNow.isEmpty() && !row->individual) {
            plan.deletes.append(id);
            if (state.actorId.isEmpty()) {
                plan.audit.append({now,
                                   QStringLiteral("opt_in"),
                                   {},
                                   id,
                                   {},
                                   -1,
                                   via(row->ruleIds.constFirst())});
            }
            continue;
        }
        plan.ruleUpdates.append({id, rulesNow});
        StoredOptOut updated = *row;
        updated.ruleIds = rulesNow;
        plan.updatedRows.append(updated);
    }
    for (const auto &[id, count] : std::as_const(plan.purges))
        plan.audit.append({now, QStringLiteral("purge"), state.actorId, id, {}, count, {}});
    return plan;
}

QByteArray viaJson(const StoredRule &rule)
{
    QJsonObject o {{QStringLiteral("ruleId"), rule.id}};
    if (rule.kind == StoredRule::Kind::Group) {
        o.insert(QStringLiteral("kind"), QStringLiteral("group"));
        o.insert(QStringLiteral("group"),
                 QJsonObject {{QStringLiteral("id"), rule.groupId},
                              {QStringLiteral("name"), rule.groupName}});
    } else {
        o.insert(QStringLiteral("kind"), QStringLiteral("emailDomain"));
        o.insert(QStringLiteral("domain"), rule.domain);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ruleDetailJson(const StoredRule &rule)
{
    QJsonObject o = QJsonDocument::fromJson(viaJson(rule)).object();
    o.insert(QStringLiteral("id"), rule.id);
    o.remove(QStringLiteral("ruleId"));
    return QJsonDocument(QJsonObject {{QStringLiteral("rule"), o}}).toJson(QJsonDocument::Compact);
}

QString normalisedDomain(const QString &text)
{
    const QString domain = text.trimmed().toLower();
    if (domain.isEmpty() || domain.size() > 253)
        return {};
    static const QRegularExpression label(QStringLiteral("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    const QStringList labels = domain.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return {};
    for (const QString &l : labels) {
        if (!label.match(l).hasMatch())
            return {};
    }
    // The top-level label is not all digits (that is an address, not a name).
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (digits.match(labels.constLast()).hasMatch())
        return {};
    return domain;
}

QString emailDomain(const QString &email)
{
    const int at = email.lastIndexOf(QLatin1Char('@'));
    return at < 0 ? QString() : email.mid(at + 1).toLower();
}
