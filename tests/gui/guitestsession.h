// A signed-in optout-admin as main.cpp builds it (real client, models, sync, window), for tests.
#pragma once

#include "apiclient.h"
#include "csvexporter.h"
#include "enforcementmodel.h"
#include "historymodel.h"
#include "mainwindow.h"
#include "optoutmodel.h"
#include "reportwriter.h"
#include "synccontroller.h"
#include "usagesummarymodel.h"
#include "usagetracker.h"
#include "usermodel.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

struct GuiTestSession
{
    // defaultPaths: pending changes and cache where the app keeps them (QStandardPaths, test
    // mode), so that a second session finds the first one's; else in a folder of its own.
    GuiTestSession(const QUrl &server, const QByteArray &token,
                   LanguageManager *languages = nullptr, bool defaultPaths = false)
        : api(&network)
        , sync(&api, &users, &optOuts)
        , usage(&api)
        , usageSummary(&api, &users)
        , history(&api)
        , exporter(&api)
        , enforcement(&api)
        , reports(&api)
    {
        QObject::connect(&sync, &SyncController::meLoaded, &usage, &UsageTracker::onMeLoaded);
        QObject::connect(&sync, &SyncController::usageTrackingChecked, &usage,
                         &UsageTracker::onTrackingChecked);
        QObject::connect(&sync, &SyncController::liveChangesChanged, &usage,
                         &UsageTracker::setLiveChanges);
        api.setBaseUrl(server);
        api.setToken(token);
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
        window->resize(1000, 700);
        window->show();
        sync.start();
    }
    ~GuiTestSession()
    {
        sync.stop();
        window.reset();
    }

    template<typename T> T *find(const QString &name) const { return window->findChild<T *>(name); }

    QTemporaryDir dir;
    QNetworkAccessManager network;
    ApiClient api;
    UserModel users;
    OptOutModel optOuts;
    SyncController sync;
    UsageTracker usage;
    UsageSummaryModel usageSummary;
    HistoryModel history;
    CsvExporter exporter;
    EnforcementModel enforcement;
    ReportWriter reports;
    std::unique_ptr<MainWindow> window;
};
