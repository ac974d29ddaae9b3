// An organisation's enforcement history (enforcementcounts.h) from the rows both stores read:
// the rule written once, the statements left to each back end's own SQL.
#pragma once

#include "enforcementcounts.h"

class QSqlQuery;

namespace Enforcement {

// `countingSince` and `optedOutAtOrigin`: the organisation's origin (the migration that added
// the counters, or its creation if later, and the users opted out then); `netOptOutsBefore`:
// the opt-outs minus the opt-ins counted in the slots before the range; `slotRows`: the executed
// per-slot statement, unread, each row the slot and then the sums of countColumnsSum(), in
// slot order. All read in one transaction.
History historyFromRows(const QDateTime &countingSince, qint64 optedOutAtOrigin,
                        qint64 netOptOutsBefore, QSqlQuery &slotRows);

} // namespace Enforcement
