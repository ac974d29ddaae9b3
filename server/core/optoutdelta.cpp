// What changed in an organisation's opt-out list between two revisions.
#include "optoutdelta.h"

#include <algorithm>

namespace {

bool sameEntry(const StoredOptOut &a, const StoredOptOut &b)
{
    // What opts them out (`via`: individually, the rules) is part of the entry too.
    return a.at == b.at && a.byUserId == b.byUserId && a.seq == b.seq && a.reason == b.reason
        && a.purgeAt == b.purgeAt && a.individual == b.individual && a.ruleIds == b.ruleIds;
}

} // namespace

OptOutDelta diffOptOuts(const OptOutSnapshot &before, const OptOutSnapshot &after)
{
    OptOutDelta delta;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto was = before.constFind(it.key());
        if (was == before.cend() || !sameEntry(*was, *it))
            delta.changed.append(*it);
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (!after.contains(it.key()))
            delta.removed.append(it.key());
    }
    std::sort(delta.changed.begin(), delta.changed.end(),
              [](const StoredOptOut &a, const StoredOptOut &b) {
                  return a.at != b.at ? a.at > b.at : a.seq > b.seq;
              });
    std::sort(delta.removed.begin(), delta.removed.end());
    return delta;
}

void OptOutSnapshots::remember(const QString &orgId, qint64 revision, const OptOutSnapshot &optOuts)
{
    QList<Kept> &kept = m_kept[orgId];
    for (const Kept &k : std::as_const(kept)) {
        if (k.revision == revision)
            return;
    }
    kept.append({revision, optOuts});
    std::sort(kept.begin(), kept.end(),
              [](const Kept &a, const Kept &b) { return a.revision < b.revision; });
    while (kept.size() > KeptPerOrg)
        kept.removeFirst();
}

std::optional<OptOutDelta> OptOutSnapshots::deltaSince(const QString &orgId, qint64 since,
                                                       const OptOutSnapshot &now) const
{
    const auto it = m_kept.constFind(orgId);
    if (it == m_kept.cend())
        return std::nullopt;
    for (const Kept &k : *it) {
        if (k.revision == since)
            return diffOptOuts(k.optOuts, now);
    }
    return std::nullopt;
}
