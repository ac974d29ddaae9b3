// The status bar's words for where the sync stands.
#include "syncstatustext.h"

#include "synccontroller.h"

#include <QLocale>

QString SyncStatusText::status(const SyncController &sync)
{
    const QString text = state(sync);
    const QString pendingPart = pending(sync.pendingCount());
    if (pendingPart.isEmpty())
        return text;
    return text.isEmpty() ? pendingPart : tr("%1 · %2").arg(text, pendingPart);
}

QString SyncStatusText::pending(int count)
{
    return count > 0 ? tr("%n change(s) pending", nullptr, count) : QString();
}

QString SyncStatusText::state(const SyncController &sync)
{
    QString text;
    switch (sync.state()) {
    case SyncController::State::Idle:
        break;
    case SyncController::State::SigningIn:
        text = tr("Signing in…");
        break;
    case SyncController::State::LoadingUsers:
        text = sync.isReadingCache() ? tr("Loading the lists saved at the last sync…")
                                     : tr("Loading users… %1 %").arg(sync.loadProgress());
        break;
    case SyncController::State::LoadingOptOuts:
        text = tr("Loading the opt-out list…");
        break;
    case SyncController::State::Synced:
        text = tr("Synced at %1")
                   .arg(QLocale().toString(sync.lastSyncedAt().toLocalTime().time(),
                                           QLocale::ShortFormat));
        break;
    case SyncController::State::Offline:
        if (sync.showingCachedData() && sync.lastSyncedAt().isValid()) {
            text = tr("Offline — last synced at %1")
                       .arg(QLocale().toString(sync.lastSyncedAt().toLocalTime(),
                                               QLocale::ShortFormat));
            break;
        }
        text = sync.isRetryScheduled()
            ? tr("Offline — retrying in %n s", nullptr, sync.secondsUntilRetry())
            : tr("Offline — retrying now");
        break;
    case SyncController::State::NotProductAdmin:
        break; // the window shows who is signed in; the page says the rest
    case SyncController::State::SignedOut:
        // A token refused at the first sign-in never signed anyone in.
        text = sync.signInFailed() ? tr("Not signed in") : tr("Signed out");
        break;
    case SyncController::State::Unreachable:
        text = tr("Not connected");
        break;
    }
    return text;
}
