// Creating and removing opt-out rules from the window.
#include "rulescontroller.h"

#include "apiclient.h"
#include "ruleconfirmdialog.h"
#include "rulesmodel.h"
#include "synccontroller.h"

#include <QMessageBox>
#include <QPushButton>

#include <climits>

RulesController::RulesController(ApiClient *api, RulesModel *rules, SyncController *sync,
                                 QWidget *window)
    : QObject(window)
    , m_api(api)
    , m_rules(rules)
    , m_sync(sync)
    , m_window(window)
{
}

OptOutRuleSpec RulesController::specOf(const OptOutRule &rule)
{
    OptOutRuleSpec spec = rule.isGroup() ? OptOutRuleSpec::forGroup(rule.groupId, rule.groupName)
                                         : OptOutRuleSpec::forDomain(rule.domain);
    spec.options.reason = rule.reason;
    return spec;
}

QStringList RulesController::usersOnlyCoveredBy(const QString &ruleId) const
{
    QStringList ids;
    if (!m_sync)
        return ids;
    for (const OptOutEntry &entry : m_sync->ledger().confirmed()) {
        if (entry.isIndividual())
            continue;
        const QList<OptOutCover> rules = entry.ruleCovers();
        if (rules.size() == 1 && rules.constFirst().ruleId == ruleId)
            ids.append(entry.user.id);
    }
    return ids;
}

int RulesController::onlyCoveredBy(const QString &ruleId) const
{
    return int(usersOnlyCoveredBy(ruleId).size());
}

void RulesController::confirmRule(const OptOutRuleSpec &spec)
{
    if (!m_api || !m_sync)
        return;
    if (m_dialog)
        m_dialog->reject();
    auto *dialog = new RuleConfirmDialog(m_api, spec, m_sync->me().purgeAfterSeconds, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    connect(dialog, &QDialog::accepted, this, [this, dialog]() { createRule(dialog->spec()); });
    dialog->open();
}

void RulesController::createRule(const OptOutRuleSpec &spec, bool isUndo)
{
    if (!m_api)
        return;
    const QString what = RulesModel::specText(spec);
    m_api->createOptOutRule(
        spec, this, [this, what, isUndo](const ApiResult<CreatedOptOutRule> &result) {
            if (!result.ok()) {
                emit failed(
                    tr("The rule “%1” was not created: %2").arg(what, result.error().message));
                return;
            }
            changed();
            const OptOutRule rule = result.value().rule;
            if (!result.value().created) {
                emit done([what]() { return tr("The rule “%1” exists already.").arg(what); }, {});
                return;
            }
            const int users = int(qMin<qint64>(qMax<qint64>(rule.userCount, 0), INT_MAX));
            std::function<void()> undo;
            if (!isUndo)
                undo = [this, rule]() {
                    removeRule(rule, true);
                };
            emit done(
                [what, users, isUndo]() {
                    return isUndo
                        ? tr("Undone: the rule “%1” is back; it covers %Ln user(s).", nullptr,
                             users)
                              .arg(what)
                        : tr("Rule created: “%1” opts out %Ln user(s).", nullptr, users).arg(what);
                },
                undo);
        });
}

void RulesController::confirmRemoval(const QString &ruleId)
{
    if (!m_rules)
        return;
    const int row = m_rules->rowOf(ruleId);
    if (row < 0)
        return;
    const OptOutRule rule = m_rules->rule(row);
    const int back = onlyCoveredBy(ruleId);
    const QString what = RulesModel::ruleText(rule);
    auto *box
        = new QMessageBox(QMessageBox::Question, tr("Remove rule"),
                          tr("Remove the rule “%1”?").arg(what), QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("removeRuleBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("%Ln user(s) will be opted back in: those no other rule and no opt-out of their own "
           "covers. Their usage events are recorded again from now on.",
           nullptr, back));
    QPushButton *remove = box->addButton(tr("&Remove rule"), QMessageBox::AcceptRole);
    remove->setObjectName(QStringLiteral("removeRuleConfirmButton"));
    box->addButton(tr("Cancel"), QMessageBox::RejectRole);
    box->setDefaultButton(remove);
    connect(box, &QMessageBox::accepted, this, [this, rule]() { removeRule(rule); });
    box->open();
}

void RulesController::removeRule(const OptOutRule &rule, bool isUndo)
{
    if (!m_api)
        return;
    const QString what = RulesModel::ruleText(rule);
    const QStringList backIds = usersOnlyCoveredBy(rule.id);
    const int back = int(backIds.size());
    m_api->deleteOptOutRule(
        rule.id, this,
        [this, rule, what, back, backIds, isUndo](const ApiResult<NoContent> &result) {
            if (!result.ok()) {
                emit failed(
                    tr("The rule “%1” was not removed: %2").arg(what, result.error().message));
                return;
            }
            for (const QString &id : backIds)
                m_expectedOptIns.insert(id);
            changed();
            std::function<void()> undo;
            if (!isUndo)
                undo = [this, rule]() {
                    createRule(specOf(rule), true);
                };
            emit done(
                [what, back, isUndo]() {
                    return isUndo
                        ? tr("Undone: the rule “%1” is removed.").arg(what)
                        : tr("Rule removed: “%1”; %Ln user(s) are opted back in.", nullptr, back)
                              .arg(what);
                },
                undo);
        });
}

void RulesController::changed()
{
    // The opt-out list follows (the rule's users, their `via`), and the rules' counts.
    if (m_sync)
        m_sync->refresh();
    if (m_rules)
        m_rules->reload();
}
