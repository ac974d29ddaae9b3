// What the window says after each action: the sentences, made from what the sync reports (who,
// how many, what became of them). MainWindow decides when and where they show; calling these
// again after a language switch says the same in the new language.
#pragma once

#include <QCoreApplication>
#include <QString>

struct ApiError;

class ActionMessages
{
    // The window's words, in its translation context: they were said there before this class.
    Q_DECLARE_TR_FUNCTIONS(MainWindow)

public:
    // `who` names one user (ConfirmChangeDialog::userLabel), empty when there are several.

    // Queued, until the service confirms.
    static QString optOutQueued(const QString &who, bool deleting);
    static QString optInQueued(const QString &who, int count);
    // Nothing was sent for these users: their opposite change was pending (cancelled out), or
    // they were already as asked (unchanged).
    static QString nothingSent(bool optIn, int cancelled, const QString &cancelledWho,
                               int unchanged, const QString &unchangedWho);
    // The service confirmed the whole action.
    static QString done(const QString &who, int total, bool optOut, bool deleted);
    // The service refused some or all of it (they were rolled back).
    static QString refused(const QString &who, int total, int applied, int refused, bool optOut);
    // After done() or refused(): the other users asked for, none of them sent.
    static QString others(bool optOut, int unchanged, int cancelledOut);
    // Stored usage data deleted now (users already opted out).
    static QString deletionDone(const QString &who, int applied);
    static QString deletionRefused(int applied, int refused);
    // An undo: `sent` whether the opposite change is on its way (else the change was never
    // sent); `deleted` whether the change had deleted stored data.
    static QString undone(const QString &who, int count, bool wasOptOut, bool sent, bool deleted);
    // Changes made elsewhere: by this account in another window (`outByMe`) or by another
    // administrator.
    static QString remoteChanges(const QString &out, int outCount, bool outByMe, const QString &in,
                                 int inCount);
    // The error's message in the current UI language: API codes are mapped again, the rest keep
    // the text they were made with.
    static QString errorText(const ApiError &error);
};
