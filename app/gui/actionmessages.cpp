// What the window says after each action.
#include "actionmessages.h"

#include "apitypes.h"

#include <QLocale>
#include <QStringList>

QString ActionMessages::optOutQueued(const QString &who, bool deleting)
{
    if (deleting)
        return tr("%1 will be opted out, and their stored usage data deleted, as soon as the "
                  "service confirms.")
            .arg(who);
    return tr("%1 will be opted out as soon as the service confirms.").arg(who);
}

QString ActionMessages::optInQueued(const QString &who, int count)
{
    if (count == 1 && !who.isEmpty())
        return tr("%1 will be included again as soon as the service confirms.").arg(who);
    return tr("%Ln user(s) will be included again as soon as the service confirms.", nullptr,
              count);
}

QString ActionMessages::nothingSent(bool optIn, int cancelled, const QString &cancelledWho,
                                    int unchanged, const QString &unchangedWho)
{
    QStringList parts;
    if (cancelled == 1)
        parts << (optIn ? tr("The pending opt-out of %1 and this opt-in cancel out: nothing will "
                             "be sent.")
                              .arg(cancelledWho)
                        : tr("The pending opt-in of %1 and this opt-out cancel out: nothing will "
                             "be sent.")
                              .arg(cancelledWho));
    else if (cancelled > 1)
        parts << tr("The pending changes of %Ln user(s) and this one cancel out: nothing will be "
                    "sent for them.",
                    nullptr, cancelled);
    if (unchanged == 1)
        parts << (optIn ? tr("%1 is already included.").arg(unchangedWho)
                        : tr("%1 is already opted out.").arg(unchangedWho));
    else if (unchanged > 1)
        parts << (optIn ? tr("%Ln user(s) are already included.", nullptr, unchanged)
                        : tr("%Ln user(s) are already opted out.", nullptr, unchanged));
    return parts.join(QLatin1Char(' '));
}

QString ActionMessages::others(bool optOut, int unchanged, int cancelledOut)
{
    QString text;
    if (unchanged > 0)
        text += QLatin1Char(' ')
            + (optOut ? tr("%Ln other user(s) were already opted out (changed elsewhere "
                           "meanwhile); nothing was sent for them.",
                           nullptr, unchanged)
                      : tr("%Ln other user(s) were already included again (changed elsewhere "
                           "meanwhile); nothing was sent for them.",
                           nullptr, unchanged));
    if (cancelledOut > 0)
        text += QLatin1Char(' ')
            + tr("For %Ln other user(s), a pending opposite change and this one cancelled out; "
                 "nothing was sent for them.",
                 nullptr, cancelledOut);
    return text;
}

QString ActionMessages::done(const QString &who, int total, bool optOut, bool deleted)
{
    if (total == 1 && optOut && deleted)
        return tr("%1 is opted out and their stored usage data is deleted. Until they sign out "
                  "and sign in again, they may still see client-side tracking data in their "
                  "debugger; the service discards that data.")
            .arg(who);
    if (total == 1 && optOut)
        return tr("%1 is opted out. Until they sign out and sign in again, they may still see "
                  "client-side tracking data in their debugger; the service discards that data.")
            .arg(who);
    if (deleted)
        return tr("%Ln user(s) opted out of product usage tracking; their stored usage data is "
                  "deleted.",
                  nullptr, total);
    if (total == 1)
        return tr("%1 is included in product usage tracking again.").arg(who);
    if (optOut)
        return tr("%Ln user(s) opted out of product usage tracking.", nullptr, total);
    return tr("%Ln user(s) included in product usage tracking again.", nullptr, total);
}

QString ActionMessages::refused(const QString &who, int total, int applied, int refused,
                                bool optOut)
{
    if (applied == 0 && total == 1)
        return optOut ? tr("The service refused to opt out %1; it was undone.").arg(who)
                      : tr("The service refused to opt in %1; it was undone.").arg(who);
    if (applied == 0)
        return optOut
            ? tr("The service refused to opt out %Ln user(s); it was undone.", nullptr, total)
            : tr("The service refused to opt in %Ln user(s); it was undone.", nullptr, total);
    const QString done = QLocale().toString(applied);
    return (optOut
                ? tr("%1 of %Ln user(s) opted out.", nullptr, total)
                : tr("%1 of %Ln user(s) included in product usage tracking again.", nullptr, total))
               .arg(done)
        + QLatin1Char(' ')
        + tr("The service refused the other %Ln; they were undone.", nullptr, refused);
}

QString ActionMessages::deletionDone(const QString &who, int applied)
{
    return applied == 1 ? tr("The stored usage data of %1 is deleted.").arg(who)
                        : tr("The stored usage data of %Ln user(s) is deleted.", nullptr, applied);
}

QString ActionMessages::deletionRefused(int applied, int refused)
{
    return tr("The service refused to delete the stored usage data of %Ln user(s); nothing of "
              "theirs was deleted.",
              nullptr, refused)
        + (applied > 0 ? QLatin1Char(' ')
                   + tr("The data of %Ln other user(s) is deleted.", nullptr, applied)
                       : QString());
}

QString ActionMessages::undone(const QString &who, int count, bool wasOptOut, bool sent,
                               bool deleted)
{
    if (count > 1) {
        if (!sent)
            return tr("Undone: the change of %Ln user(s) was never sent.", nullptr, count);
        return wasOptOut ? tr("Undoing: %Ln user(s) are being included again.", nullptr, count)
                         : tr("Undoing: %Ln user(s) are being opted out again.", nullptr, count);
    }
    if (!sent)
        return wasOptOut ? tr("Undone: the opt-out of %1 was never sent.").arg(who)
                         : tr("Undone: the opt-in of %1 was never sent.").arg(who);
    if (deleted)
        return tr("Undoing: %1 is being included again. Their stored usage data was already "
                  "deleted and cannot be brought back.")
            .arg(who);
    return wasOptOut ? tr("Undoing: %1 is being included again.").arg(who)
                     : tr("Undoing: %1 is being opted out again.").arg(who);
}

QString ActionMessages::remoteChanges(const QString &out, int outCount, bool outByMe,
                                      const QString &in, int inCount)
{
    QStringList parts;
    if (outCount == 1 && outByMe)
        parts << tr("You opted out %1 in another window.").arg(out);
    else if (outCount > 1 && outByMe)
        parts << tr("You opted out %Ln user(s) in another window.", nullptr, outCount);
    else if (outCount == 1)
        parts << tr("Another administrator opted out %1.").arg(out);
    else if (outCount > 1)
        parts << tr("Another administrator opted out %Ln user(s).", nullptr, outCount);
    // Who included them again is not in the list: both are possible.
    if (inCount == 1)
        parts
            << tr("%1 was included again, in another window or by another administrator.").arg(in);
    else if (inCount > 1)
        parts << tr("%Ln user(s) included again, in another window or by another administrator.",
                    nullptr, inCount);
    return parts.join(QLatin1Char(' '));
}

QString ActionMessages::errorText(const ApiError &error)
{
    if (error.kind == ApiError::Kind::Http)
        return ApiError::messageForCode(error.code, error.httpStatus, error.message);
    return error.message;
}
