<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ConfirmChangeDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/confirmchangedialog.cpp" line="+131"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln day</numerusform>
            <numerusform>%Ln days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln hour</numerusform>
            <numerusform>%Ln hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minute</numerusform>
            <numerusform>%Ln minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln second</numerusform>
            <numerusform>%Ln seconds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Opt out %Ln user(s)?</source>
        <translation>
            <numerusform>Opt out %Ln user?</numerusform>
            <numerusform>Opt out %Ln users?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)?</source>
        <translation>
            <numerusform>Opt in %Ln user?</numerusform>
            <numerusform>Opt in %Ln users?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Opt out %Ln user</numerusform>
            <numerusform>Opt out %Ln users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)</source>
        <translation>
            <numerusform>Opt in %Ln user</numerusform>
            <numerusform>Opt in %Ln users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message numerus="yes">
        <location filename="../app/gui/exportcontroller.cpp" line="+129"/>
        <source>%Ln row(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln row exported to %1.</numerusform>
            <numerusform>%Ln rows exported to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message numerus="yes">
        <location filename="../app/gui/historydock.cpp" line="+202"/>
        <source>Not filtered by %1: choose a user from the list, or clear the field.</source>
        <translation>
            <numerusform>Not filtered by %1: choose a user from the list, or clear the field.</numerusform>
            <numerusform>Not filtered by %1: choose users from the lists, or clear the fields.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+114"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action</numerusform>
            <numerusform>%n actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n action(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n action so far; scroll for more</numerusform>
            <numerusform>%n actions so far; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entry(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n entry so far; scroll for more</numerusform>
            <numerusform>%n entries so far; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message numerus="yes">
        <location filename="../app/core/historymodel.cpp" line="+363"/>
        <source>Rule created (%n user(s) opted out)</source>
        <translation>
            <numerusform>Rule created (%n user opted out)</numerusform>
            <numerusform>Rule created (%n users opted out)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Rule removed (%n user(s) opted back in)</source>
        <translation>
            <numerusform>Rule removed (%n user opted back in)</numerusform>
            <numerusform>Rule removed (%n users opted back in)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+46"/>
        <source>Stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>Stored data deleted (%n event)</numerusform>
            <numerusform>Stored data deleted (%n events)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-7"/>
        <location line="+1"/>
        <location line="+42"/>
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n user</numerusform>
            <numerusform>%n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>Opted out %n user(s)</source>
        <translation>
            <numerusform>Opted out %n user</numerusform>
            <numerusform>Opted out %n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opted in %n user(s)</source>
        <translation>
            <numerusform>Opted in %n user</numerusform>
            <numerusform>Opted in %n users</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1; stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>%1; stored data deleted (%n event)</numerusform>
            <numerusform>%1; stored data deleted (%n events)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/importdialog.cpp" line="+349"/>
        <source>%Ln line(s) read.</source>
        <translation>
            <numerusform>%Ln line read.</numerusform>
            <numerusform>%Ln lines read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln blank line(s) skipped.</source>
        <translation>
            <numerusform>%Ln blank line skipped.</numerusform>
            <numerusform>%Ln blank lines skipped.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Opt out %Ln user</numerusform>
            <numerusform>Opt out %Ln users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message numerus="yes">
        <location filename="../app/gui/lengthcounter.cpp" line="+41"/>
        <source>%Ln character(s) of %1</source>
        <translation>
            <numerusform>%Ln character of %1</numerusform>
            <numerusform>%Ln characters of %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../app/gui/actionmessages.cpp" line="+88"/>
        <source>%Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%Ln user included in product usage tracking again.</numerusform>
            <numerusform>%Ln users included in product usage tracking again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-66"/>
        <source>%Ln user(s) will be included again as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln user will be included again as soon as the service confirms.</numerusform>
            <numerusform>%Ln users will be included again as soon as the service confirms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>The pending changes of %Ln user(s) and this one cancel out: nothing will be sent for them.</source>
        <translation>
            <numerusform>The pending change of %Ln user and this one cancel out: nothing will be sent for them.</numerusform>
            <numerusform>The pending changes of %Ln users and this one cancel out: nothing will be sent for them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln user(s) are already included.</source>
        <translation>
            <numerusform>%Ln user is already included.</numerusform>
            <numerusform>%Ln users are already included.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) are already opted out.</source>
        <translation>
            <numerusform>%Ln user is already opted out.</numerusform>
            <numerusform>%Ln users are already opted out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>Undone: the change of %Ln user(s) was never sent.</source>
        <translation>
            <numerusform>Undone: the change of %Ln user was never sent.</numerusform>
            <numerusform>Undone: the change of %Ln users was never sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being included again.</source>
        <translation>
            <numerusform>Undoing: %Ln user is being included again.</numerusform>
            <numerusform>Undoing: %Ln users are being included again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being opted out again.</source>
        <translation>
            <numerusform>Undoing: %Ln user is being opted out again.</numerusform>
            <numerusform>Undoing: %Ln users are being opted out again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/mainwindow.cpp" line="+337"/>
        <source>%n change(s) not yet confirmed by the service. They are kept and sent at the next start.</source>
        <translation>
            <numerusform>%n change not yet confirmed by the service. It is kept and sent at the next start.</numerusform>
            <numerusform>%n changes not yet confirmed by the service. They are kept and sent at the next start.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/actionmessages.cpp" line="-78"/>
        <source>%Ln other user(s) were already opted out (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln other user was already opted out (changed elsewhere meanwhile); nothing was sent for them.</numerusform>
            <numerusform>%Ln other users were already opted out (changed elsewhere meanwhile); nothing was sent for them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln other user(s) were already included again (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln other user was already included again (changed elsewhere meanwhile); nothing was sent for them.</numerusform>
            <numerusform>%Ln other users were already included again (changed elsewhere meanwhile); nothing was sent for them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>For %Ln other user(s), a pending opposite change and this one cancelled out; nothing was sent for them.</source>
        <translation>
            <numerusform>For %Ln other user, a pending opposite change and this one cancelled out; nothing was sent for them.</numerusform>
            <numerusform>For %Ln other users, a pending opposite change and this one cancelled out; nothing was sent for them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%Ln user(s) opted out of product usage tracking; their stored usage data is deleted.</source>
        <translation>
            <numerusform>%Ln user opted out of product usage tracking; their stored usage data is deleted.</numerusform>
            <numerusform>%Ln users opted out of product usage tracking; their stored usage data is deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln user(s) opted out of product usage tracking.</source>
        <translation>
            <numerusform>%Ln user opted out of product usage tracking.</numerusform>
            <numerusform>%Ln users opted out of product usage tracking.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The service refused to opt out %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>The service refused to opt out %Ln user; it was undone.</numerusform>
            <numerusform>The service refused to opt out %Ln users; it was undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The service refused to opt in %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>The service refused to opt in %Ln user; it was undone.</numerusform>
            <numerusform>The service refused to opt in %Ln users; it was undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %Ln user(s) opted out.</source>
        <translation>
            <numerusform>%1 of %Ln user opted out.</numerusform>
            <numerusform>%1 of %Ln users opted out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%1 of %Ln user included in product usage tracking again.</numerusform>
            <numerusform>%1 of %Ln users included in product usage tracking again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The service refused the other %Ln; they were undone.</source>
        <translation>
            <numerusform>The service refused the other %Ln; it was undone.</numerusform>
            <numerusform>The service refused the other %Ln; they were undone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>The stored usage data of %Ln user(s) is deleted.</source>
        <translation>
            <numerusform>The stored usage data of %Ln user is deleted.</numerusform>
            <numerusform>The stored usage data of %Ln users is deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The service refused to delete the stored usage data of %Ln user(s); nothing of theirs was deleted.</source>
        <translation>
            <numerusform>The service refused to delete the stored usage data of %Ln user; nothing of theirs was deleted.</numerusform>
            <numerusform>The service refused to delete the stored usage data of %Ln users; nothing of theirs was deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The data of %Ln other user(s) is deleted.</source>
        <translation>
            <numerusform>The data of %Ln other user is deleted.</numerusform>
            <numerusform>The data of %Ln other users is deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>You opted out %Ln user(s) in another window.</source>
        <translation>
            <numerusform>You opted out %Ln user in another window.</numerusform>
            <numerusform>You opted out %Ln users in another window.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Another administrator opted out %Ln user(s).</source>
        <translation>
            <numerusform>Another administrator opted out %Ln user.</numerusform>
            <numerusform>Another administrator opted out %Ln users.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln user(s) included again, in another window or by another administrator.</source>
        <translation>
            <numerusform>%Ln user included again, in another window or by another administrator.</numerusform>
            <numerusform>%Ln users included again, in another window or by another administrator.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OptOutOptions</name>
    <message numerus="yes">
        <location filename="../app/core/apitypes.cpp" line="+11"/>
        <source>A reason can hold at most %n characters.</source>
        <translation>
            <numerusform>A reason can hold at most %n character.</numerusform>
            <numerusform>A reason can hold at most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OptOutPage</name>
    <message numerus="yes">
        <location filename="../app/gui/optoutpage.cpp" line="+376"/>
        <source>No opted-out user matches “%1”. Clear the filter to see all %Ln opted-out user(s).</source>
        <translation>
            <numerusform>No opted-out user matches “%1”. Clear the filter to see the %Ln opted-out user.</numerusform>
            <numerusform>No opted-out user matches “%1”. Clear the filter to see all %Ln opted-out users.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+35"/>
        <source>%Ln user(s) opted out</source>
        <translation>
            <numerusform>%Ln user opted out</numerusform>
            <numerusform>%Ln users opted out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %Ln shown</source>
        <translation>
            <numerusform>%1 of %Ln shown</numerusform>
            <numerusform>%1 of %Ln shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Opt-&amp;in (%Ln)</source>
        <translation>
            <numerusform>Opt-&amp;in (%Ln)</numerusform>
            <numerusform>Opt-&amp;in (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+347"/>
        <source>Opt &amp;in %Ln user(s)…</source>
        <translation>
            <numerusform>Opt &amp;in %Ln user…</numerusform>
            <numerusform>Opt &amp;in %Ln users…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>&amp;Delete stored data of %Ln user(s) now…</source>
        <translation>
            <numerusform>&amp;Delete stored data of %Ln user now…</numerusform>
            <numerusform>&amp;Delete stored data of %Ln users now…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>Delete the stored usage data of %Ln user(s) now?</source>
        <translation>
            <numerusform>Delete the stored usage data of %Ln user now?</numerusform>
            <numerusform>Delete the stored usage data of %Ln users now?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>The stored usage data of %Ln user(s) will be deleted as soon as the service confirms.</source>
        <translation>
            <numerusform>The stored usage data of %Ln user will be deleted as soon as the service confirms.</numerusform>
            <numerusform>The stored usage data of %Ln users will be deleted as soon as the service confirms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+174"/>
        <source>%Ln user(s) will be opted out as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln user will be opted out as soon as the service confirms.</numerusform>
            <numerusform>%Ln users will be opted out as soon as the service confirms.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%Ln user(s) cannot be opted in: rules opt them out (%1).</source>
        <translation>
            <numerusform>%Ln user cannot be opted in: rules opt them out (%1).</numerusform>
            <numerusform>%Ln users cannot be opted in: rules opt them out (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Opt in the &amp;other %Ln user(s)</source>
        <translation>
            <numerusform>Opt in the &amp;other %Ln user</numerusform>
            <numerusform>Opt in the &amp;other %Ln users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message numerus="yes">
        <location filename="../app/gui/reportcontroller.cpp" line="+223"/>
        <source>The report was written to %1 (%Ln page(s)).</source>
        <translation>
            <numerusform>The report was written to %1 (%Ln page).</numerusform>
            <numerusform>The report was written to %1 (%Ln pages).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message numerus="yes">
        <location filename="../app/core/reportwriter.cpp" line="+646"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleConfirmDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/ruleconfirmdialog.cpp" line="+155"/>
        <source>It covers %Ln user(s) today;</source>
        <translation>
            <numerusform>It covers %Ln user today;</numerusform>
            <numerusform>It covers %Ln users today;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them will be newly opted out.</source>
        <translation>
            <numerusform>%Ln of them will be newly opted out.</numerusform>
            <numerusform>%Ln of them will be newly opted out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… and %Ln more</numerusform>
            <numerusform>… and %Ln more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>&amp;Opt out %Ln user(s)</source>
        <translation>
            <numerusform>&amp;Opt out %Ln user</numerusform>
            <numerusform>&amp;Opt out %Ln users</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message numerus="yes">
        <location filename="../app/gui/rulescontroller.cpp" line="+92"/>
        <source>Undone: the rule “%1” is back; it covers %Ln user(s).</source>
        <translation>
            <numerusform>Undone: the rule “%1” is back; it covers %Ln user.</numerusform>
            <numerusform>Undone: the rule “%1” is back; it covers %Ln users.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rule created: “%1” opts out %Ln user(s).</source>
        <translation>
            <numerusform>Rule created: “%1” opts out %Ln user.</numerusform>
            <numerusform>Rule created: “%1” opts out %Ln users.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%Ln user(s) will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</source>
        <translation>
            <numerusform>%Ln user will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</numerusform>
            <numerusform>%Ln users will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>Rule removed: “%1”; %Ln user(s) are opted back in.</source>
        <translation>
            <numerusform>Rule removed: “%1”; %Ln user is opted back in.</numerusform>
            <numerusform>Rule removed: “%1”; %Ln users are opted back in.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesDock</name>
    <message numerus="yes">
        <location filename="../app/gui/rulesdock.cpp" line="+137"/>
        <source>%Ln rule(s). Users a rule covers are opted out, including those who join its group or domain later.</source>
        <translation>
            <numerusform>%Ln rule. Users a rule covers are opted out, including those who join its group or domain later.</numerusform>
            <numerusform>%Ln rules. Users a rule covers are opted out, including those who join its group or domain later.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message numerus="yes">
        <location filename="../app/gui/syncstatustext.cpp" line="+19"/>
        <source>%n change(s) pending</source>
        <translation>
            <numerusform>%n change pending</numerusform>
            <numerusform>%n changes pending</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>Offline — retrying in %n s</numerusform>
            <numerusform>Offline — retrying in %n s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageDebuggerDock</name>
    <message numerus="yes">
        <location filename="../app/gui/usagedebuggerdock.cpp" line="+154"/>
        <source>%Ln event(s) waiting to be sent.</source>
        <translation>
            <numerusform>%Ln event waiting to be sent.</numerusform>
            <numerusform>%Ln events waiting to be sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) dropped because the queue was full.</source>
        <translation>
            <numerusform>%Ln event dropped because the queue was full.</numerusform>
            <numerusform>%Ln events dropped because the queue was full.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSummaryModel</name>
    <message numerus="yes">
        <location filename="../app/core/usagesummarymodel.cpp" line="+64"/>
        <source>%n event(s), deleted on %1</source>
        <translation>
            <numerusform>%n event, deleted on %1</numerusform>
            <numerusform>%n events, deleted on %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UsageSummaryWidget</name>
    <message numerus="yes">
        <location filename="../app/gui/usagesummarywidget.cpp" line="+143"/>
        <source>%Ln client-side event(s) of opted-out users discarded since the service started.</source>
        <translation>
            <numerusform>%Ln client-side event of opted-out users discarded since the service started.</numerusform>
            <numerusform>%Ln client-side events of opted-out users discarded since the service started.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message numerus="yes">
        <location filename="../app/gui/userpicker.cpp" line="+230"/>
        <source>Group: %1 — %n member(s), opted out already</source>
        <translation>
            <numerusform>Group: %1 — %n member, opted out already</numerusform>
            <numerusform>Group: %1 — %n members, opted out already</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Group: %1 — %n member(s)</source>
        <translation>
            <numerusform>Group: %1 — %n member</numerusform>
            <numerusform>Group: %1 — %n members</numerusform>
        </translation>
    </message>
</context>
</TS>
