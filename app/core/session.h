// One administrator's session of optout-admin: the core object graph (the client, the opt-out
// ledger's sync and its models, the usage tracker, History's and the usage summary's models,
// the exporter, the Overview's figures and the report writer), built and wired in one place for
// main, the GUI tests and the benchmarks, and cleared in one place at sign-out.
#pragma once

#include "apiclient.h"
#include "csvexporter.h"
#include "enforcementmodel.h"
#include "historymodel.h"
#include "optoutmodel.h"
#include "reportwriter.h"
#include "rulesmodel.h"
#include "synccontroller.h"
#include "usagesummarymodel.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

class Session final : public QObject
{
    Q_OBJECT

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    QNetworkAccessManager *network() { return &m_network; }
    ApiClient *api() { return &m_api; }
    UserModel *users() { return &m_users; }
    OptOutModel *optOuts() { return &m_optOuts; }
    SyncController *sync() { return &m_sync; }
    const OptOutLedger &ledger() const { return m_sync.ledger(); }
    UsageTracker *usage() { return &m_usage; }
    UsageSummaryModel *usageSummary() { return &m_usageSummary; }
    HistoryModel *history() { return &m_history; }
    CsvExporter *exporter() { return &m_exporter; }
    EnforcementModel *enforcement() { return &m_enforcement; }
    ReportWriter *reports() { return &m_reports; }
    RulesModel *rules() { return &m_rules; }

    // The service and the token the client uses from now on.
    void setServer(const QUrl &server, const QByteArray &token);
    // Signs in and loads (SyncController::start).
    void start();
    // Sign-out, the one path: the usage events queued are sent (for at most `flushMs`), the
    // session is suspended, and every model is emptied: another account may sign in next and
    // nothing of this organisation may stay on screen.
    void signOut(int flushMs = 2000);
    // The service refused the token or the connection: the tracker and the sync stop (pending
    // changes stay saved for the next sign-in of this account), the client forgets the token,
    // the usage summary empties; the lists stay until someone signs in.
    void suspend();

signals:
    // signOut() ran: the session is empty.
    void cleared();

private:
    void clearModels();

    // In the order they depend on each other: destroyed the other way round.
    QNetworkAccessManager m_network;
    ApiClient m_api;
    UserModel m_users;
    OptOutModel m_optOuts;
    SyncController m_sync;
    UsageTracker m_usage;
    UsageSummaryModel m_usageSummary;
    HistoryModel m_history;
    CsvExporter m_exporter;
    EnforcementModel m_enforcement;
    ReportWriter m_reports;
    RulesModel m_rules;
};
