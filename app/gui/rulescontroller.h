// Creating and removing opt-out rules from the window: the confirmation with the service's
// preview (RuleConfirmDialog), the removal's confirmation with how many users are opted back
// in, the requests, the lists brought up to date, and Undo (the opposite request).
#pragma once

#include "apitypes.h"
#include "ruleconfirmdialog.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class ApiClient;
class QWidget;
class RulesModel;
class SyncController;

class RulesController final : public QObject
{
    Q_OBJECT
public:
    // Everything must outlive the controller; dialogs open over `window`.
    RulesController(ApiClient *api, RulesModel *rules, SyncController *sync, QWidget *window);

    // Asks with the preview, then creates the rule.
    void confirmRule(const OptOutRuleSpec &spec);
    // Asks, then removes the rule.
    void confirmRemoval(const QString &ruleId);
    // Creates the rule at once (Undo of a removal), or removes it (Undo of a creation).
    void createRule(const OptOutRuleSpec &spec, bool isUndo = false);
    void removeRule(const OptOutRule &rule, bool isUndo = false);

    // The users only this rule opts out (no own opt-out, no other rule), from the list held:
    // those a removal opts back in.
    int onlyCoveredBy(const QString &ruleId) const;
    QStringList usersOnlyCoveredBy(const QString &ruleId) const;
    // The rule's spec, for re-creating it (its reason kept).
    static OptOutRuleSpec specOf(const OptOutRule &rule);

    RuleConfirmDialog *confirmDialog() const { return m_dialog; }
    // Whether this user's opt-in is what a rule removed here caused (asked once per user).
    bool takeExpectedOptIn(const QString &userId) { return m_expectedOptIns.remove(userId); }

signals:
    // A rule was created or removed: the message (rebuilt on a language switch) and the undo
    // (empty when there is nothing to undo).
    void done(std::function<QString()> message, std::function<void()> undo);
    void failed(const QString &message);

private:
    void changed();

    QPointer<ApiClient> m_api;
    QPointer<RulesModel> m_rules;
    QPointer<SyncController> m_sync;
    QPointer<QWidget> m_window;
    QPointer<RuleConfirmDialog> m_dialog;
    QSet<QString> m_expectedOptIns; // the users a rule removed here opts back in
};
