// What changed in an organisation's opt-out list between two revisions, from snapshots of the
// list kept as they were answered: GET /api/v1/optouts?since=<revision>.
#pragma once

#include "store.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVector>

#include <optional>

// The opt-outs of one organisation by user id, as OptOutService's cache holds them (shared:
// keeping one costs nothing until the cache changes).
using OptOutSnapshot = QHash<QString, StoredOptOut>;

struct OptOutDelta
{
    QVector<StoredOptOut> changed; // new or changed entries, newest first
    QStringList removed; // user ids opted back in, sorted
};

// The changes from one snapshot to another: entries added or changed (time, author, reason,
// deletion date) and users who left the list. Pure.
OptOutDelta diffOptOuts(const OptOutSnapshot &before, const OptOutSnapshot &after);

// The last few lists answered per organisation, by revision, so that a client holding one of
// them gets what changed since instead of the whole list.
class OptOutSnapshots
{
public:
    // Each costs a copy of the list once the cache changes (about 4 MB at 20,000 opt-outs);
    // a window a few changes behind still gets only what changed.
    static constexpr int KeptPerOrg = 4;

    void remember(const QString &orgId, qint64 revision, const OptOutSnapshot &optOuts);
    // The changes from `since` to `now`; nullopt when the list at `since` is not kept.
    std::optional<OptOutDelta> deltaSince(const QString &orgId, qint64 since,
                                          const OptOutSnapshot &now) const;
    void clear() { m_kept.clear(); }

private:
    struct Kept
    {
        qint64 revision = -1;
        OptOutSnapshot optOuts;
    };
    QHash<QString, QList<Kept>> m_kept; // oldest first
};
