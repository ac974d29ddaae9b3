// The status bar's words for where the sync stands: "Loading users… 40 %", "Synced at 16:03",
// "Offline — retrying in 10 s", "2 changes pending". The core tells the facts; this says them.
#pragma once

#include <QCoreApplication>
#include <QString>

class SyncController;

class SyncStatusText
{
    Q_DECLARE_TR_FUNCTIONS(SyncStatusText)

public:
    // Both parts, "Synced at 16:03 · 2 changes pending".
    static QString status(const SyncController &sync);
    // The state: "Synced at 16:03" (empty where the window says it otherwise).
    static QString state(const SyncController &sync);
    // The pending count: "2 changes pending" (empty for none).
    static QString pending(int count);
};
