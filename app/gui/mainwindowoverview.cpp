// The main window's View > Overview and File > Report…, for the privacy officer.
#include "mainwindow.h"
#include "ui_mainwindow.h"

#include "enforcementmodel.h"
#include "overviewdock.h"
#include "reportcontroller.h"

#include <QMenu>
#include <QTimeZone>

void MainWindow::setOverview(EnforcementModel *model)
{
    m_enforcement = model;
    m_overviewDock = new OverviewDock(model, this);
    m_overviewDock->setEnabled(false); // until signed in: restoring it open must not load it
    // A place of its own, beside the table: the charts are read next to the list.
    addDockWidget(Qt::RightDockWidgetArea, m_overviewDock);
    resizeDocks({m_overviewDock}, {420}, Qt::Horizontal);
    m_overviewDock->hide();
    m_overviewAction = m_overviewDock->toggleViewAction();
    m_overviewAction->setObjectName(QStringLiteral("actionOverview"));
    m_ui->menuView->addAction(m_overviewAction);
    connect(m_overviewAction, &QAction::triggered, m_overviewDock, [this](bool shown) {
        if (shown)
            m_overviewDock->raise();
    });
    if (!m_restoredState.isEmpty())
        restoreState(m_restoredState);

    // Refreshed with the lists: after each refresh (the timed one, F5, a live change) and each
    // change of this window's own that the service confirmed.
    connect(m_sync, &SyncController::synced, m_overviewDock, &OverviewDock::refresh);
    connect(m_sync, &SyncController::remoteChangesApplied, m_overviewDock, &OverviewDock::refresh);
    connect(m_sync, &SyncController::actionCompleted, m_overviewDock, &OverviewDock::refresh);
    connect(m_sync, &SyncController::meLoaded, m_overviewDock, [this](const Me &me) {
        m_overviewDock->setTimeZone(me.orgTimeZone.isEmpty() ? QTimeZone::utc()
                                                             : QTimeZone(me.orgTimeZone.toUtf8()));
    });
    connect(m_sync, &SyncController::stateChanged, this, &MainWindow::updateOverviewState);
    updateOverviewState();
}

void MainWindow::setReporter(ReportWriter *reports)
{
    m_report = new ReportController(reports, this);
    m_reportAction = new QAction(this);
    m_reportAction->setObjectName(QStringLiteral("actionReport"));
    // After File > Export, else above the session's items.
    const QList<QAction *> fileActions = m_ui->menuFile->actions();
    QAction *before = nullptr;
    const int exportAt = m_exportMenu ? int(fileActions.indexOf(m_exportMenu->menuAction())) : -1;
    if (exportAt >= 0 && exportAt + 1 < fileActions.size())
        before = fileActions.at(exportAt + 1);
    for (int i = 0; !before && i < fileActions.size(); ++i) {
        if (fileActions.at(i)->isSeparator())
            before = fileActions.at(i);
    }
    m_ui->menuFile->insertAction(before, m_reportAction);
    connect(m_reportAction, &QAction::triggered, this, [this] {
        if (!m_report || !m_sync)
            return;
        const Me &me = m_sync->me();
        ReportRequest request;
        request.zone
            = me.orgTimeZone.isEmpty() ? QTimeZone::utc() : QTimeZone(me.orgTimeZone.toUtf8());
        if (!request.zone.isValid())
            request.zone = QTimeZone::utc();
        // The Overview's period, or the last 30 days.
        if (m_overviewDock) {
            request.from = m_overviewDock->from();
            request.through = m_overviewDock->through();
        } else {
            request.through = QDateTime::currentDateTime().toTimeZone(request.zone).date();
            request.from = request.through.addDays(-29);
        }
        request.locale = QLocale();
        request.paper = ReportController::paperFor(request.locale);
        request.orgName = me.orgName;
        request.productName = me.productName;
        request.purgeAfterSeconds = me.purgeAfterSeconds;
        m_report->start(request);
    });
    connect(m_report, &ReportController::runningChanged, this, &MainWindow::updateOverviewState);
    retranslateOverview();
    updateOverviewState();
}

void MainWindow::retranslateOverview()
{
    if (m_reportAction) {
        m_reportAction->setText(tr("&Report…"));
        m_reportAction->setToolTip(
            tr("Write a PDF report of a period for the privacy officer: figures, charts, "
               "opt-outs and deletions"));
    }
}

void MainWindow::updateOverviewState()
{
    const bool admin = m_ui->pageStack->currentWidget() == m_page;
    const auto state = m_sync ? m_sync->state() : SyncController::State::Idle;
    if (m_overviewDock) {
        m_overviewDock->setEnabled(admin);
        m_overviewAction->setEnabled(admin);
        if (state == SyncController::State::NotProductAdmin)
            m_overviewDock->hide();
    }
    if (m_reportAction)
        m_reportAction->setEnabled(admin && !m_report->isRunning());
    if ((state == SyncController::State::SignedOut || state == SyncController::State::Idle)
        && m_enforcement) {
        // The figures were that session's organisation's.
        m_enforcement->clear();
        if (m_overviewDock)
            m_overviewDock->hide();
    }
}
