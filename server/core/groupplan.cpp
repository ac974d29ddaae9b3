// The directory's group rule, once: request + state -> plan (see groupplan.h).
#include "groupplan.h"

#include <algorithm>

GroupChangeOutcome GroupPlan::outcome() const
{
    GroupChangeOutcome o;
    o.kind = kind;
    o.unknownUserIds = unknownUserIds;
    if (kind == Kind::Applied) {
        o.group = after;
        o.added = added;
        o.removed = removed;
    }
    return o;
}

QStringList namedUserIds(const GroupChangeRequest &request)
{
    QStringList ids;
    QSet<QString> seen;
    for (const GroupMemberOp &op : request.memberOps) {
        for (const QString &id : op.userIds) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    return ids;
}

GroupPlan planGroupChange(const GroupChangeRequest &request, const GroupState &state)
{
    using RequestKind = GroupChangeRequest::Kind;
    GroupPlan plan;
    const bool create = request.kind == RequestKind::Create;
    if (!create && !state.exists) {
        plan.kind = GroupPlan::Kind::NotFound;
        return plan;
    }
    if (request.kind == RequestKind::Delete) {
        plan.after = state.group;
        plan.deleteGroup = true;
        plan.removed = state.group.memberIds;
        std::sort(plan.removed.begin(), plan.removed.end());
        plan.after.memberIds.clear();
        plan.after.memberCount = 0;
        return plan;
    }
    if (request.displayName && state.nameTaken) {
        plan.kind = GroupPlan::Kind::NameTaken;
        return plan;
    }
    for (const GroupMemberOp &op : request.memberOps) {
        if (op.kind == GroupMemberOp::Kind::Remove)
            continue;
        for (const QString &id : op.userIds) {
            if (!state.knownUserIds.contains(id) && !plan.unknownUserIds.contains(id))
                plan.unknownUserIds.append(id);
        }
    }
    if (!plan.unknownUserIds.isEmpty()) {
        plan.kind = GroupPlan::Kind::UnknownMembers;
        return plan;
    }

    plan.after = create ? StoredGroup {} : state.group;
    plan.after.orgId = request.orgId;
    if (request.displayName && *request.displayName != plan.after.displayName) {
        plan.after.displayName = *request.displayName;
        plan.fieldsChanged = true;
    }
    if (request.externalId && *request.externalId != plan.after.externalId) {
        plan.after.externalId = *request.externalId;
        plan.fieldsChanged = true;
    }
    if (create)
        plan.fieldsChanged = true;
    const QSet<QString> before(plan.after.memberIds.cbegin(), plan.after.memberIds.cend());
    QSet<QString> members = before;
    for (const GroupMemberOp &op : request.memberOps) {
        switch (op.kind) {
        case GroupMemberOp::Kind::Add:
            for (const QString &id : op.userIds)
                members.insert(id);
            break;
        case GroupMemberOp::Kind::Remove:
            for (const QString &id : op.userIds)
                members.remove(id);
            break;
        case GroupMemberOp::Kind::Replace:
            members = QSet<QString>(op.userIds.cbegin(), op.userIds.cend());
            break;
        case GroupMemberOp::Kind::RemoveAll:
            members.clear();
            break;
        }
    }
    for (const QString &id : std::as_const(members)) {
        if (!before.contains(id))
            plan.added.append(id);
    }
    for (const QString &id : before) {
        if (!members.contains(id))
            plan.removed.append(id);
    }
    std::sort(plan.added.begin(), plan.added.end());
    std::sort(plan.removed.begin(), plan.removed.end());
    plan.after.memberIds = QStringList(members.cbegin(), members.cend());
    std::sort(plan.after.memberIds.begin(), plan.after.memberIds.end());
    plan.after.memberCount = plan.after.memberIds.size();
    return plan;
}
