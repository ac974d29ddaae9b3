// The directory's group rule, once: a group change request and the state it meets -> the rows to
// write, or the reason it is refused. Pure: no database, no clock, no cache.
//
// Both stores use it the same way, inside their write transaction:
//   1. read into a GroupState the group (with its members), whether the requested display name
//      belongs to another group of the organisation, and which ids of namedUserIds() are users
//      of the organisation in the directory;
//   2. planGroupChange(request, state), then write the plan: the group's fields, the members
//      added and removed (or the group deleted);
//   3. answer plan.outcome().
#pragma once

#include "store.h"

#include <QSet>
#include <QString>
#include <QStringList>

struct GroupState
{
    bool exists = false; // not for Create: the group is the organisation's
    StoredGroup group; // exists: its fields and memberIds
    bool nameTaken = false; // another group of the organisation has the requested displayName
    QSet<QString> knownUserIds; // of namedUserIds(): users of the organisation, not deleted
};

class GroupPlan
{
public:
    using Kind = GroupChangeOutcome::Kind;

    Kind kind = Kind::Applied;
    QStringList unknownUserIds; // UnknownMembers: each once, in the request's order
    StoredGroup after; // Applied: the group's fields and members after the change
    bool fieldsChanged = false; // displayName or externalId differ (or a new group)
    bool deleteGroup = false;
    QStringList added; // members to insert, sorted
    QStringList removed; // members to delete, sorted

    bool changes() const
    {
        return fieldsChanged || deleteGroup || !added.isEmpty() || !removed.isEmpty();
    }
    GroupChangeOutcome outcome() const;
};

// The user ids the request names (members to add, remove or replace with), each once.
QStringList namedUserIds(const GroupChangeRequest &request);

// The decision. Refusals, in this order (nothing is written): a group that does not exist
// (NotFound; never for Create), a displayName another group has (NameTaken), a member id that is
// not a user of the organisation in the directory (UnknownMembers; removing one is not refused:
// there is nothing to remove). Then the member operations apply in order: adding a member
// twice or removing a non-member changes nothing.
GroupPlan planGroupChange(const GroupChangeRequest &request, const GroupState &state);
