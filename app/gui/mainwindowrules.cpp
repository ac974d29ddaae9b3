// The main window's groups and rules: the picker's groups and domains, View > Rules, and the
// explanation of an opt-in that a rule would refuse.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "groupsearch.h"
#include "historydock.h"
#include "rulescontroller.h"
#include "rulesdock.h"
#include "rulesmodel.h"
#include "userpicker.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

#include <algorithm>

void MainWindow::setRules(RulesModel *rules, ApiClient *api)
{
    m_rules = rules;
    m_rulesController = new RulesController(api, rules, m_sync, this);
    m_groupSearch = new GroupSearch(api, this);
    m_picker->setGroupSearch(m_groupSearch);
    connect(m_picker, &UserPicker::ruleChosen, m_rulesController, &RulesController::confirmRule);

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
    connect(m_rulesController, &RulesController::done, this,
            [this](std::function<QString()> message, std::function<void()> undo) {
                withdrawUndo();
                if (undo) {
                    m_undo.rule = std::move(undo);
                    m_ui->actionUndo->setEnabled(true);
                    m_undoTimer.start();
                }
                showNote(std::move(message), bool(m_undo.rule));
            });
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
    const bool admin = m_ui->pageStack->currentWidget() == m_ui->optOutPage;
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

bool MainWindow::explainCoveredOptIn(const QStringList &ids)
{
    if (!m_sync)
        return false;
    QStringList covered;
    QStringList others;
    QList<OptOutCover> rules; // each rule once, in the order met
    for (const QString &id : ids) {
        const QList<OptOutCover> covers = m_sync->ledger().ruleCovers(id);
        if (covers.isEmpty()) {
            others.append(id);
            continue;
        }
        covered.append(id);
        for (const OptOutCover &cover : covers) {
            const bool known
                = std::any_of(rules.cbegin(), rules.cend(),
                              [&cover](const OptOutCover &r) { return r.ruleId == cover.ruleId; });
            if (!known)
                rules.append(cover);
        }
    }
    if (covered.isEmpty())
        return false;
    QStringList ruleNames;
    for (const OptOutCover &cover : std::as_const(rules))
        ruleNames.append(RulesModel::coverText(cover));
    const QString ruleList = QLocale().createSeparatedList(ruleNames);
    const QString text = covered.size() == 1
        ? tr("%1 cannot be opted in: the rule “%2” opts them out.")
              .arg(userLabel(covered.constFirst()), ruleList)
        : tr("%Ln user(s) cannot be opted in: rules opt them out (%1).", nullptr,
             int(covered.size()))
              .arg(ruleList);
    auto *box = new QMessageBox(QMessageBox::Information, tr("Opted out by a rule"), text,
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("coveredOptInBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("To opt them in, remove the rule in View > Rules, or take them out of the group in "
           "your organisation's directory."));
    QPushButton *show = box->addButton(tr("Show the &rule"), QMessageBox::AcceptRole);
    show->setObjectName(QStringLiteral("showRuleButton"));
    const QString ruleId = rules.constFirst().ruleId;
    connect(show, &QPushButton::clicked, this, [this, ruleId]() { showRule(ruleId); });
    if (!others.isEmpty()) {
        QPushButton *rest
            = box->addButton(tr("Opt in the &other %Ln user(s)", nullptr, int(others.size())),
                             QMessageBox::ActionRole);
        rest->setObjectName(QStringLiteral("optInOthersButton"));
        connect(rest, &QPushButton::clicked, this, [this, others]() { requestOptIn(others); });
    }
    QPushButton *close = box->addButton(tr("Close"), QMessageBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    box->setDefaultButton(show);
    box->open();
    return true;
}

bool MainWindow::ruleChangesOnly(const QStringList &optedOut, const QStringList &optedIn,
                                 QStringList *othersOut, QStringList *othersIn)
{
    for (const QString &id : optedOut) {
        const OptOutEntry *entry = m_sync ? m_sync->ledger().confirmedEntry(id) : nullptr;
        if (!entry || entry->isIndividual())
            othersOut->append(id);
    }
    for (const QString &id : optedIn) {
        if (!m_rulesController || !m_rulesController->takeExpectedOptIn(id))
            othersIn->append(id);
    }
    return !othersOut->isEmpty() || !othersIn->isEmpty();
}
