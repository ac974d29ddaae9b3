// A signed-in optout-admin as main.cpp builds it (the Session's core graph and the real
// window), for tests.
#pragma once

#include "mainwindow.h"
#include "session.h"

#include <QTemporaryDir>
#include <QUrl>

#include <memory>

struct GuiTestSession
{
    // defaultPaths: pending changes and cache where the app keeps them (QStandardPaths, test
    // mode), so that a second session finds the first one's; else in a folder of its own.
    GuiTestSession(const QUrl &server, const QByteArray &token,
                   LanguageManager *languages = nullptr, bool defaultPaths = false)
    {
        session.setServer(server, token);
        api.setTransferTimeout(10000);
        if (!defaultPaths) {
            sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
            sync.setCacheFilePath(dir.filePath(QStringLiteral("cache.bin")));
        }
        sync.setRetryDelays(200, 1000);
        window = std::make_unique<MainWindow>(&sync, &users, &optOuts, languages);
        window->setUsageTracking(&usage, &usageSummary);
        window->setHistory(&history);
        window->setExporter(&exporter);
        window->setOverview(&enforcement);
        window->setReporter(&reports);
        window->setRules(&rules, &api);
        window->resize(1000, 700);
        window->show();
        session.start();
    }
    ~GuiTestSession()
    {
        sync.stop();
        window.reset();
    }

    template<typename T> T *find(const QString &name) const { return window->findChild<T *>(name); }

    QTemporaryDir dir;
    Session session;
    // The session's parts, by the names the tests use.
    QNetworkAccessManager &network = *session.network();
    ApiClient &api = *session.api();
    UserModel &users = *session.users();
    OptOutModel &optOuts = *session.optOuts();
    SyncController &sync = *session.sync();
    UsageTracker &usage = *session.usage();
    UsageSummaryModel &usageSummary = *session.usageSummary();
    HistoryModel &history = *session.history();
    CsvExporter &exporter = *session.exporter();
    EnforcementModel &enforcement = *session.enforcement();
    ReportWriter &reports = *session.reports();
    RulesModel &rules = *session.rules();
    std::unique_ptr<MainWindow> window;
};
