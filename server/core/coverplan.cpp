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

QVector<StoredOptOut> CoverPlan::changedRows() const
{
    if (updatedRows.isEmpty())
        return inserts;
    return inserts + updatedRows;
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

// The users the deltas name, each once (in coverUsers()'s order), and the rules of each after
// the deltas, from their rows. One hash look-up per name; a list is copied only when it
// changes (a rule's 50,000 new users share one single-rule list).
struct RulesAfter
{
    QStringList users;
    QVector<QStringList> rules; // of users.at(i), sorted
};

RulesAfter rulesAfter(const QVector<CoverDelta> &deltas, const QHash<QString, StoredOptOut> &rows)
{
    RulesAfter a;
    qsizetype size = 0;
    for (const CoverDelta &d : deltas)
        size += d.coverNow.size() + d.coverNoMore.size();
    QHash<QString, qsizetype> index;
    index.reserve(size);
    a.users.reserve(size);
    // Each delta's lists as positions in `users`.
    QVector<QPair<QVector<qsizetype>, QVector<qsizetype>>> positionsOf(deltas.size());
    for (qsizetype d = 0; d < deltas.size(); ++d) {
        const CoverDelta &delta = deltas.at(d);
        for (const bool now : {true, false}) {
            const QStringList &ids = now ? delta.coverNow : delta.coverNoMore;
            QVector<qsizetype> &positions = now ? positionsOf[d].first : positionsOf[d].second;
            positions.reserve(ids.size());
            for (const QString &id : ids) {
                const auto found = index.constFind(id);
                if (found != index.cend()) {
                    positions.append(*found);
                    continue;
                }
                index.insert(id, a.users.size());
                positions.append(a.users.size());
                a.users.append(id);
            }
        }
    }
    a.rules.resize(a.users.size());
    if (!rows.isEmpty()) {
        for (qsizetype i = 0; i < a.users.size(); ++i) {
            const auto row = rows.constFind(a.users.at(i));
            if (row != rows.cend())
                a.rules[i] = row->ruleIds;
        }
    }
    QVector<bool> appended(a.users.size(), false);
    for (qsizetype d = 0; d < deltas.size(); ++d) {
        const QString &rule = deltas.at(d).rule.id;
        const QStringList single {rule};
        for (const qsizetype i : std::as_const(positionsOf.at(d).second)) {
            if (a.rules.at(i).contains(rule))
                a.rules[i].removeAll(rule);
        }
        for (const qsizetype i : std::as_const(positionsOf.at(d).first)) {
            const QStringList &rules = a.rules.at(i);
            if (rules.isEmpty()) {
                a.rules[i] = single;
            } else if (!rules.contains(rule)) {
                a.rules[i].append(rule);
                appended[i] = true;
            }
        }
    }
    for (qsizetype i = 0; i < a.users.size(); ++i) {
        if (appended.at(i))
            std::sort(a.rules[i].begin(), a.rules[i].end());
    }
    return a;
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
    const RulesAfter after = rulesAfter(deltas, rows);
    for (qsizetype i = 0; i < after.users.size(); ++i) {
        if (!after.rules.at(i).isEmpty() && !rows.contains(after.users.at(i)))
            ids.append(after.users.at(i));
    }
    return ids;
}

bool coverDeletesEventsNow(const CoverState &state)
{
    return state.deleteStoredEvents || state.purgeAfterSeconds <= 0;
}

CoverPlan planCoverChange(const QVector<CoverDelta> &deltas, const CoverState &state)
{
    CoverPlan plan;
    const QDateTime now = toMilliseconds(state.now);
    const bool deleteNow = coverDeletesEventsNow(state);
    const RulesAfter after = rulesAfter(deltas, state.rows);
    const QStringList &users = after.users;
    plan.inserts.reserve(users.size());
    QHash<QString, const StoredRule *> rules;
    for (const CoverDelta &d : deltas)
        rules.insert(d.rule.id, &d.rule);
    const auto via = [&](const QString &ruleId) {
        const StoredRule *rule = rules.value(ruleId);
        return rule ? QByteArray("{\"via\":[") + viaJson(*rule) + "]}" : QByteArray();
    };
    for (qsizetype i = 0; i < users.size(); ++i) {
        const QString &id = users.at(i);
        const QStringList &rulesNow = after.rules.at(i);
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
