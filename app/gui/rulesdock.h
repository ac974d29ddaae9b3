// View > Rules: the group and e-mail domain rules that opt users out, with the users each
// covers, its reason, who made it and when; "Remove rule…" asks first (RulesController).
#pragma once

#include <QDockWidget>

class QLabel;
class QPushButton;
class QTableView;
class RulesModel;

class RulesDock final : public QDockWidget
{
    Q_OBJECT
public:
    // `rules` must outlive the dock; it is reloaded each time the dock is shown.
    explicit RulesDock(RulesModel *rules, QWidget *parent = nullptr);

    // Shows the dock with this rule selected.
    void showRule(const QString &ruleId);
    // The rule selected, empty when none.
    QString selectedRuleId() const;

    QTableView *table() const { return m_table; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *statusLabel() const { return m_status; }

signals:
    void removeRequested(const QString &ruleId);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void updateStatus();
    void selectPending();

    RulesModel *m_rules;
    QTableView *m_table;
    QPushButton *m_remove;
    QLabel *m_status;
    QString m_pendingSelection; // showRule() before the rules arrived
};
