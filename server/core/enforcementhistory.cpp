// An organisation's enforcement history from the stores' rows (enforcementhistory.h).
#include "enforcementhistory.h"

#include <QSqlQuery>
#include <QVariant>

namespace Enforcement {

History historyFromRows(const QDateTime &countingSince, qint64 optedOutAtOrigin,
                        qint64 netOptOutsBefore, QSqlQuery &slotRows)
{
    History h;
    h.countingSince = countingSince;
    h.optedOutAtStart = optedOutAtOrigin + netOptOutsBefore;
    while (slotRows.next()) {
        Counts c;
        c.acceptedClient = slotRows.value(1).toLongLong();
        c.acceptedServer = slotRows.value(2).toLongLong();
        c.discardedClient = slotRows.value(3).toLongLong();
        c.discardedServer = slotRows.value(4).toLongLong();
        c.deletedEvents = slotRows.value(5).toLongLong();
        c.optOuts = slotRows.value(6).toLongLong();
        c.optIns = slotRows.value(7).toLongLong();
        h.perSlot.append({slotRows.value(0).toLongLong(), c});
    }
    return h;
}

} // namespace Enforcement
