// The main window's groups and rules: View > Rules, and the rules' controller that the page's
// picker and opt-ins use.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "groupsearch.h"
#include "historydock.h"
#include "rulescontroller.h"
#include "rulesdock.h"
#include "rulesmodel.h"

void MainWindow::setRules(RulesModel *rules, ApiClient *api)
{
    m_rules = rules;
    m_rulesController = new RulesController(api, rules, m_sync, this);
    m_groupSearch = new GroupSearch(api, this);
    m_page->setRules(m_rulesController, m_groupSearch);

    m_rulesDock = new RulesDock(rules, this);
    m_rulesDock->setEnabled(false); // until signed in: restoring it open must not load it
    addDockWidget(Qt::BottomDockWidgetArea, m_rulesDock);
    if (m_historyDock)
        tabifyDockWidget(m_historyDock, m_rulesDock);
    m_rulesDock->hide();
    m_rulesAction = m_rulesDock->toggleViewAction();
    m_rulesAction->setObjectName(QStringLiteral("actionRules"));
    m_ui->menuView->addAction(m_rulesAction);
    connect(m_rulesAction, &QAction::triggered, m_rulesDock, [this](bool shown) {
        if (shown)
            m_rulesDock->raise();
    });
    if (!m_restoredState.isEmpty())
        restoreState(m_restoredState);
    connect(m_rulesDock, &RulesDock::removeRequested, m_rulesController,
            &RulesController::confirmRemoval);
    connect(m_rulesController, &RulesController::failed, this, &MainWindow::showError);
    connect(m_sync, &SyncController::stateChanged, this, &MainWindow::updateRulesState);
    updateRulesState();
    retranslate();
}

void MainWindow::showRule(const QString &ruleId)
{
    if (m_rulesDock && m_rulesAction && m_rulesAction->isEnabled())
        m_rulesDock->showRule(ruleId);
}

void MainWindow::updateRulesState()
{
    const bool admin = m_ui->pageStack->currentWidget() == m_page;
    const auto state = m_sync ? m_sync->state() : SyncController::State::Idle;
    if (m_rulesDock) {
        m_rulesDock->setEnabled(admin);
        m_rulesAction->setEnabled(admin);
        if (state == SyncController::State::NotProductAdmin)
            m_rulesDock->hide();
    }
    if ((state == SyncController::State::SignedOut || state == SyncController::State::Idle)
        && m_rules) {
        m_rules->clear(); // that session's organisation's
        if (m_groupSearch)
            m_groupSearch->clear();
    }
}
