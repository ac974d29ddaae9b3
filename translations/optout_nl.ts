<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../app/core/apitypes.cpp" line="+48"/>
        <source>The service did not accept the request.</source>
        <translation>De service heeft het verzoek niet geaccepteerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>Uw aanmelding is niet meer geldig. Meld u opnieuw aan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not allowed to do this. Only product administrators can change opt-outs.</source>
        <translation>U hebt geen toestemming om dit te doen. Alleen productbeheerders kunnen uitsluitingen wijzigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user or the page was not found. It may have been removed.</source>
        <translation>De gebruiker of de pagina is niet gevonden. Mogelijk is deze verwijderd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service does not support this request. The app may be out of date.</source>
        <translation>De service ondersteunt dit verzoek niet. De app is mogelijk verouderd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The opt-out list was changed by someone else in the meantime. Refresh and try again.</source>
        <translation>De lijst met uitgesloten gebruikers is intussen door iemand anders gewijzigd. Vernieuw de lijst en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The request is too large for the service.</source>
        <translation>Het verzoek is te groot voor de service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service had an internal error. Please try again later.</source>
        <translation>Er is een interne fout opgetreden in de service. Probeer het later opnieuw.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your session has expired. Please sign in again; your pending changes are kept.</source>
        <translation>Uw sessie is verlopen. Meld u opnieuw aan; uw openstaande wijzigingen blijven bewaard.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation does not sign in with an identity provider here. Sign in with an access token instead.</source>
        <translation>Uw organisatie meldt zich hier niet aan via een identiteitsprovider. Meld u in plaats daarvan aan met een toegangstoken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service did not accept the identity provider&apos;s answer.</source>
        <translation>De service heeft het antwoord van de identiteitsprovider niet geaccepteerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A group or domain rule opts this user out. Remove the rule in View &gt; Rules to opt them back in.</source>
        <translation>Een groeps- of domeinregel sluit deze gebruiker uit. Verwijder de regel via Beeld &gt; Regels om de gebruiker weer op te nemen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Te veel pogingen. Wacht een minuut en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The service is unavailable (HTTP %1). Please try again later.</source>
        <translation>De service is niet beschikbaar (HTTP %1). Probeer het later opnieuw.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service answered with an unexpected error (HTTP %1).</source>
        <translation>De service heeft geantwoord met een onverwachte fout (HTTP %1).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your organisation&apos;s account is not an administrator of this service. Ask an administrator to add you.</source>
        <translation>Uw organisatieaccount is geen beheerder van deze service. Vraag een beheerder om u toe te voegen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your account has been deactivated on this service.</source>
        <translation>Uw account is in deze service gedeactiveerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your identity provider has not verified your e-mail address. Verify it there, then sign in again.</source>
        <translation>Uw identiteitsprovider heeft uw e-mailadres niet geverifieerd. Laat het daar verifiëren en meld u daarna opnieuw aan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer has expired. Check your computer&apos;s clock, then sign in again.</source>
        <translation>Het antwoord van de identiteitsprovider is verlopen. Controleer de klok van uw computer en meld u daarna opnieuw aan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer does not belong to this sign-in. Please sign in again.</source>
        <translation>Het antwoord van de identiteitsprovider hoort niet bij deze aanmelding. Meld u opnieuw aan.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer could not be verified. Ask your administrator to check the service&apos;s identity provider settings.</source>
        <translation>Het antwoord van de identiteitsprovider kon niet worden geverifieerd. Vraag uw beheerder de instellingen voor de identiteitsprovider van de service te controleren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service cannot be reached. Check your network connection.</source>
        <translation>De service is niet bereikbaar. Controleer uw netwerkverbinding.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service did not answer in time.</source>
        <translation>De service heeft niet op tijd geantwoord.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The service sent an answer the app cannot read.</source>
        <translation>De service heeft een antwoord gestuurd dat de app niet kan lezen.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../app/gui/appcontroller.cpp" line="+109"/>
        <source>Your remembered token could not be read: %1</source>
        <translation>Uw opgeslagen token kon niet worden gelezen: %1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>You will sign in at %1.</source>
        <translation>U meldt zich aan bij %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your organisation could not be looked up: %1</source>
        <translation>Uw organisatie kon niet worden opgezocht: %1</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Your token could not be remembered: %1</source>
        <translation>Uw token kon niet worden onthouden: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You will be asked for it next time.</source>
        <translation>U wordt er de volgende keer opnieuw om gevraagd.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The service did not accept your access token. Please sign in again.</source>
        <translation>De service heeft uw toegangstoken niet geaccepteerd. Meld u opnieuw aan.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>You are signed out on this computer, but the service could not be told (%1). Your session stays valid on the service until it expires.</source>
        <translation>U bent op deze computer afgemeld, maar de service kon dit niet worden gemeld (%1). Uw sessie blijft in de service geldig tot ze verloopt.</translation>
    </message>
</context>
<context>
    <name>ConfirmChangeDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/confirmchangedialog.cpp" line="+131"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln dag</numerusform>
            <numerusform>%Ln dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln uur</numerusform>
            <numerusform>%Ln uur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minuut</numerusform>
            <numerusform>%Ln minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln seconde</numerusform>
            <numerusform>%Ln seconden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Opt out users</source>
        <translation>Gebruikers uitsluiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt in users</source>
        <translation>Gebruikers weer opnemen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt out %Ln user(s)?</source>
        <translation>
            <numerusform>%Ln gebruiker uitsluiten?</numerusform>
            <numerusform>%Ln gebruikers uitsluiten?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)?</source>
        <translation>
            <numerusform>%Ln gebruiker weer opnemen?</numerusform>
            <numerusform>%Ln gebruikers weer opnemen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… en nog %Ln</numerusform>
            <numerusform>… en nog %Ln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>Ze worden uitgesloten van het bijhouden van productgebruik: de service negeert vanaf nu hun gebruiksgebeurtenissen. U kunt dit nog even ongedaan maken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They will be included in product usage tracking again: the service records their usage events from now on.</source>
        <translation>Ze worden weer opgenomen in het bijhouden van productgebruik: de service registreert vanaf nu hun gebruiksgebeurtenissen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>%Ln gebruiker uitsluiten</numerusform>
            <numerusform>%Ln gebruikers uitsluiten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)</source>
        <translation>
            <numerusform>%Ln gebruiker weer opnemen</numerusform>
            <numerusform>%Ln gebruikers weer opnemen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Reden (optioneel):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Bijvoorbeeld: AVG-verzoek nr. 4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>Hun opgeslagen gebruiksgegevens nu &amp;verwijderen (kan niet ongedaan worden gemaakt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Anders worden ze verborgen bewaard en na %1 verwijderd, tenzij de gebruikers voor die tijd weer worden opgenomen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Hun opgeslagen gebruiksgegevens worden meteen verwijderd.</translation>
    </message>
</context>
<context>
    <name>ConnectionSecurity</name>
    <message>
        <location filename="../app/core/connectionsecurity.cpp" line="+87"/>
        <source>The certificate of %1 was not issued by an authority this computer trusts, so the app cannot tell that it is talking to the service. If your organisation has its own certificate authority, give its certificate when you sign in. Certificate fingerprint (SHA-256): %2</source>
        <translation>Het certificaat van %1 is niet uitgegeven door een certificeringsinstantie die deze computer vertrouwt, dus de app kan niet controleren of hij echt met de service communiceert. Heeft uw organisatie een eigen certificeringsinstantie, geef dan het certificaat daarvan op wanneer u zich aanmeldt. Vingerafdruk van het certificaat (SHA-256): %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificate of %1 expired on %2, so the app cannot trust the connection. The service&apos;s administrator must renew it. Certificate fingerprint (SHA-256): %3</source>
        <translation>Het certificaat van %1 is verlopen op %2, dus de app kan de verbinding niet vertrouwen. De beheerder van de service moet het vernieuwen. Vingerafdruk van het certificaat (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The certificate of %1 is valid only from %2. Check the date and time of this computer. Certificate fingerprint (SHA-256): %3</source>
        <translation>Het certificaat van %1 is pas geldig vanaf %2. Controleer de datum en tijd van deze computer. Vingerafdruk van het certificaat (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The certificate presented by %1 is made out to another name, so the app may not be talking to the service. Check the server address. Certificate fingerprint (SHA-256): %2</source>
        <translation>Het certificaat dat %1 toont, is uitgegeven op een andere naam, dus de app communiceert mogelijk niet met de service. Controleer het serveradres. Vingerafdruk van het certificaat (SHA-256): %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secure connection to %1 failed: %2 Certificate fingerprint (SHA-256): %3</source>
        <translation>De beveiligde verbinding met %1 is mislukt: %2 Vingerafdruk van het certificaat (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The app does not send your access token unencrypted to %1. Use an https:// address, or allow unencrypted connections to this server when you sign in.</source>
        <translation>De app stuurt uw toegangstoken niet onversleuteld naar %1. Gebruik een https://-adres, of sta onversleutelde verbindingen met deze server toe wanneer u zich aanmeldt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The certificate file %1 cannot be read: %2</source>
        <translation>Het certificaatbestand %1 kan niet worden gelezen: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file %1 holds no certificate.</source>
        <translation>Het bestand %1 bevat geen certificaat.</translation>
    </message>
</context>
<context>
    <name>ContextHelpPopup</name>
    <message>
        <location filename="../app/gui/contexthelp.cpp" line="+63"/>
        <source>Opt-out user</source>
        <translation>Gebruiker uitsluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a user of your organisation and press &lt;b&gt;Opt-out&lt;/b&gt;: they are excluded from product usage tracking at once and appear in the list below. Type to search: every word you type must start a word of the name or e-mail, in any order; accents and case do not matter. The list shows each user&apos;s e-mail, so two people of the same name can be told apart; users matching your words exactly come first. Only a user you choose from the list (a click, or Enter on the highlighted match) is picked; editing the text afterwards drops the pick.</source>
        <translation>Kies een gebruiker van uw organisatie en klik op &lt;b&gt;Uitsluiten&lt;/b&gt;: deze gebruiker wordt meteen uitgesloten van het bijhouden van productgebruik en verschijnt in de lijst hieronder. Typ om te zoeken: elk woord dat u typt, moet het begin zijn van een woord uit de naam of het e-mailadres, in willekeurige volgorde; accenten en hoofdletters maken niet uit. De lijst toont het e-mailadres van elke gebruiker, zodat u twee mensen met dezelfde naam kunt onderscheiden; gebruikers die precies overeenkomen met uw woorden, staan bovenaan. Alleen een gebruiker die u uit de lijst kiest (met een klik, of met Enter op de gemarkeerde overeenkomst), geldt als gekozen; als u de tekst daarna wijzigt, vervalt die keuze.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt out with a reason</source>
        <translation>Uitsluiten met reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &gt; Opt out with a reason… (%1, or the Opt-out button&apos;s right-click menu) asks for a reason (at most 500 characters) and can delete the user&apos;s stored usage data at once, which cannot be undone.</source>
        <translation>Bewerken &gt; Uitsluiten met reden… (%1, of het contextmenu van de knop Uitsluiten) vraagt om een reden (maximaal 500 tekens) en kan de opgeslagen gebruiksgegevens van de gebruiker meteen verwijderen; dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opt-out user list</source>
        <translation>Uitgesloten gebruikers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone who is opted out, with when and by whom. Right-click the header to show the Reason and Deletion planned columns; click a header to sort. Tick users (Space ticks the selected rows, the header&apos;s box ticks them all) and press &lt;b&gt;Opt-in&lt;/b&gt; to include them again; for more than one user you are asked first. A row&apos;s right-click menu also offers Show history and Delete stored data now.</source>
        <translation>Alle uitgesloten gebruikers, met wanneer en door wie ze zijn uitgesloten. Klik met de rechtermuisknop op de kolomkoppen om de kolommen Reden en Geplande verwijdering te tonen; klik op een kolomkop om te sorteren. Vink gebruikers aan (de spatiebalk vinkt de geselecteerde rijen aan, het vakje in de kolomkop vinkt ze allemaal aan) en klik op &lt;b&gt;Weer opnemen&lt;/b&gt; om ze weer op te nemen; bij meer dan één gebruiker wordt u eerst om bevestiging gevraagd. Het contextmenu van een rij biedt ook Geschiedenis tonen en Opgeslagen gegevens nu verwijderen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrows the list to the users whose name or e-mail holds what you type; the count beside it says how many of all are shown. It never changes who is opted out.</source>
        <translation>Beperkt de lijst tot de gebruikers van wie de naam of het e-mailadres bevat wat u typt; het aantal ernaast geeft aan hoeveel van het totaal er worden weergegeven. Het filter verandert nooit wie er is uitgesloten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After a single opt-out or opt-in, the message bar offers Undo (also Edit &gt; Undo, %1) for 15 seconds. A change not sent yet is taken back and never sent; one the service has confirmed is reversed.</source>
        <translation>Nadat u één gebruiker hebt uitgesloten of weer opgenomen, biedt de berichtenbalk 15 seconden lang Ongedaan maken aan (ook via Bewerken &gt; Ongedaan maken, %1). Een wijziging die nog niet is verzonden, wordt ingetrokken en nooit verzonden; een wijziging die de service al heeft bevestigd, wordt teruggedraaid.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending changes</source>
        <translation>Openstaande wijzigingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes show at once and are marked pending until the service confirms them. When the service cannot be reached they stay pending, are retried and kept across restarts; the status bar&apos;s &quot;changes pending&quot; link lists them, and there you can cancel them.</source>
        <translation>Wijzigingen zijn meteen zichtbaar en worden als openstaand gemarkeerd tot de service ze bevestigt. Als de service niet bereikbaar is, blijven ze openstaan, wordt het verzenden opnieuw geprobeerd en worden ze bewaard, ook na een herstart; de link ‘openstaande wijzigingen’ in de statusbalk toont ze, en daar kunt u ze annuleren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View &gt; History (%1), or Show history on a row: the organisation&apos;s opt-outs, opt-ins and deletions of stored data, newest first, with who did it and why. Filter it by user, by who did it, by action and by dates; a name typed but not chosen from the list filters nothing, and the dock says so.</source>
        <translation>Beeld &gt; Geschiedenis (%1), of Geschiedenis tonen in het contextmenu van een rij: wie er in de organisatie is uitgesloten of weer opgenomen en van wie opgeslagen gegevens zijn verwijderd, de nieuwste eerst, met door wie en waarom. Filter op gebruiker, op wie het heeft gedaan, op actie en op datum; een naam die is getypt maar niet uit de lijst is gekozen, filtert niets, en het paneel meldt dat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opt out from a list, and export</source>
        <translation>Uitsluiten met een lijst en exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File &gt; Opt out users from a list… reads e-mail addresses pasted or from a CSV or text file and shows what it found before anything is sent. File &gt; Export saves the opt-out list or the history as a CSV file.</source>
        <translation>Bestand &gt; Gebruikers uitsluiten met een lijst… leest geplakte e-mailadressen of e-mailadressen uit een CSV- of tekstbestand en toont wat er is gevonden voordat er iets wordt verzonden. Bestand &gt; Exporteren slaat de lijst met uitgesloten gebruikers of de geschiedenis op als CSV-bestand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeping up to date</source>
        <translation>Actueel blijven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list follows other administrators&apos; changes by itself; %1 refreshes it now. The window&apos;s title names the organisation and the server you are signed in to. View &gt; Language switches the language at once.</source>
        <translation>De lijst volgt vanzelf de wijzigingen van andere beheerders; met %1 vernieuwt u de lijst meteen. De titel van het venster noemt de organisatie en de server waarbij u bent aangemeld. Beeld &gt; Taal wisselt meteen van taal.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt out users</source>
        <translation>Gebruikers uitsluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Sluit gebruikers uit van het bijhouden van productgebruik.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help: %1</source>
        <translation>Help: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-out settings</source>
        <translation>Instellingen voor uitsluiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Help on this page</source>
        <translation>Help bij deze pagina</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <location filename="../app/core/csvexporter.cpp" line="+160"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-mailadres</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>User ID</source>
        <translation>Gebruikers-ID</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Opted out at</source>
        <translation>Uitgesloten op</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (name)</source>
        <translation>Uitgesloten door (naam)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (email)</source>
        <translation>Uitgesloten door (e-mailadres)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned deletion</source>
        <translation>Geplande verwijdering</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>When</source>
        <translation>Tijdstip</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User name</source>
        <translation>Naam van gebruiker</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User email</source>
        <translation>E-mailadres van gebruiker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By (name)</source>
        <translation>Door (naam)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By (email)</source>
        <translation>Door (e-mailadres)</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events deleted</source>
        <translation>Verwijderde gebeurtenissen</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The history could not be read from the service: %1</source>
        <translation>De geschiedenis kon niet bij de service worden opgehaald: %1</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Het bestand %1 kon niet worden geschreven: %2</translation>
    </message>
</context>
<context>
    <name>EnforcementModel</name>
    <message>
        <location filename="../app/core/enforcementmodel.cpp" line="+70"/>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events accepted</source>
        <translation>Geaccepteerde gebeurtenissen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events discarded</source>
        <translation>Genegeerde gebeurtenissen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored events deleted</source>
        <translation>Verwijderde opgeslagen gebeurtenissen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-outs</source>
        <translation>Uitsluitingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-ins</source>
        <translation>Weer opgenomen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted-out users</source>
        <translation>Uitgesloten gebruikers</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../app/gui/exportcontroller.cpp" line="+35"/>
        <source>opt-outs-%1.csv</source>
        <translation>uitsluitingen-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>history-%1.csv</source>
        <translation>geschiedenis-%1.csv</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the opt-out user list</source>
        <translation>De lijst met uitgesloten gebruikers exporteren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the history</source>
        <translation>De geschiedenis exporteren</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+41"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>Export</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Exporting to %1…</source>
        <translation>Exporteren naar %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 of about %2 entries written…</source>
        <translation>%1 van ongeveer %2 vermeldingen geschreven…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 entries written…</source>
        <translation>%1 vermeldingen geschreven…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%Ln row(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln rij geëxporteerd naar %1.</numerusform>
            <numerusform>%Ln rijen geëxporteerd naar %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export was cancelled. Nothing was written to %1.</source>
        <translation>Het exporteren is geannuleerd. Er is niets naar %1 geschreven.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Er is niets naar %1 geschreven.</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <location filename="../app/gui/historydock.cpp" line="+243"/>
        <source>The start date is after the end date.</source>
        <translation>De begindatum ligt na de einddatum.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Loading…</source>
        <translation>Bezig met laden…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n vermelding</numerusform>
            <numerusform>%n vermeldingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s) so far; scroll for more</source>
        <translation>
            <numerusform>Tot nu toe %n vermelding; scroll voor meer</numerusform>
            <numerusform>Tot nu toe %n vermeldingen; scroll voor meer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Histor&amp;y of:</source>
        <translation>Gebru&amp;iker:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fro&amp;m:</source>
        <translation>V&amp;an:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;By:</source>
        <translation>Doo&amp;r:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>“%1”</source>
        <translation>‘%1’</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Not filtered by %1: choose a user from the list, or clear the field.</source>
        <translation>
            <numerusform>Niet gefilterd op %1: kies een gebruiker uit de lijst of maak het veld leeg.</numerusform>
            <numerusform>Niet gefilterd op %1: kies gebruikers uit de lijsten of maak de velden leeg.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+114"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n actie</numerusform>
            <numerusform>%n acties</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n action(s) so far; scroll for more</source>
        <translation>
            <numerusform>Tot nu toe %n actie; scroll voor meer</numerusform>
            <numerusform>Tot nu toe %n acties; scroll voor meer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A&amp;ction:</source>
        <translation>A&amp;ctie:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throu&amp;gh:</source>
        <translation>&amp;Tot:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporteren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the history with these filters as a CSV file</source>
        <translation>De geschiedenis met deze filters opslaan als CSV-bestand</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Any user</source>
        <translation>Alle gebruikers</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Anyone</source>
        <translation>Iedereen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any action</source>
        <translation>Alle acties</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Through date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History entries</source>
        <translation>Vermeldingen in de geschiedenis</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../app/core/historymodel.cpp" line="+147"/>
        <source>Opt-out</source>
        <translation>Uitsluiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-in</source>
        <translation>Weer opnemen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored data deleted</source>
        <translation>Opgeslagen gegevens verwijderd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule created</source>
        <translation>Regel gemaakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule removed</source>
        <translation>Regel verwijderd</translation>
    </message>
    <message numerus="yes">
        <location line="+208"/>
        <source>Rule created (%n user(s) opted out)</source>
        <translation>
            <numerusform>Regel gemaakt (%n gebruiker uitgesloten)</numerusform>
            <numerusform>Regel gemaakt (%n gebruikers uitgesloten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Rule removed (%n user(s) opted back in)</source>
        <translation>
            <numerusform>Regel verwijderd (%n gebruiker weer opgenomen)</numerusform>
            <numerusform>Regel verwijderd (%n gebruikers weer opgenomen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+46"/>
        <source>Stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>Opgeslagen gegevens verwijderd (%n gebeurtenis)</numerusform>
            <numerusform>Opgeslagen gegevens verwijderd (%n gebeurtenissen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-33"/>
        <source>The directory</source>
        <translation>De directory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service</source>
        <translation>De service</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Opted out %1, opted in %2</source>
        <translation>%1 uitgesloten, %2 weer opgenomen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+1"/>
        <location line="+42"/>
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n gebruiker</numerusform>
            <numerusform>%n gebruikers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>Opted out %n user(s)</source>
        <translation>
            <numerusform>%n gebruiker uitgesloten</numerusform>
            <numerusform>%n gebruikers uitgesloten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opted in %n user(s)</source>
        <translation>
            <numerusform>%n gebruiker weer opgenomen</numerusform>
            <numerusform>%n gebruikers weer opgenomen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1; stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>%1; opgeslagen gegevens verwijderd (%n gebeurtenis)</numerusform>
            <numerusform>%1; opgeslagen gegevens verwijderd (%n gebeurtenissen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>When</source>
        <translation>Tijdstip</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../app/gui/importdialog.cpp" line="+260"/>
        <source>Open a list of e-mail addresses</source>
        <translation>Een lijst met e-mailadressen openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV and text files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV- en tekstbestanden (*.csv *.txt *.tsv);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the pasted text…</source>
        <translation>De geplakte tekst wordt gelezen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading %1…</source>
        <translation>%1 wordt gelezen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the list was cancelled.</source>
        <translation>Het lezen van de lijst is afgebroken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From %1</source>
        <translation>Uit %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pasted text, too long to show here</source>
        <translation>Geplakte tekst, te lang om hier te tonen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing read yet: paste addresses or open a file.</source>
        <translation>Nog niets gelezen: plak adressen of open een bestand.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln line(s) read.</source>
        <translation>
            <numerusform>%Ln regel gelezen.</numerusform>
            <numerusform>%Ln regels gelezen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln blank line(s) skipped.</source>
        <translation>
            <numerusform>%Ln lege regel overgeslagen.</numerusform>
            <numerusform>%Ln lege regels overgeslagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>%Ln gebruiker uitsluiten</numerusform>
            <numerusform>%Ln gebruikers uitsluiten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt out</source>
        <translation>Uitsluiten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opt out users from a list</source>
        <translation>Gebruikers uitsluiten met een lijst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file. Every address found is compared with the users of your organization; other columns are ignored. Nothing changes until you confirm below.</source>
        <translation>Plak e-mailadressen of open een CSV- of tekstbestand. Elk gevonden adres wordt vergeleken met de gebruikers van uw organisatie; andere kolommen worden genegeerd. Er verandert niets totdat u hieronder bevestigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Paste addresses:</source>
        <translation>Adressen &amp;plakken:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ann@example.org
Ben Smith &lt;ben@example.org&gt;</source>
        <translation>ann@example.org
Ben Smith &lt;ben@example.org&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open file…</source>
        <translation>Bestand &amp;openen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Reden (optioneel):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Bijvoorbeeld: AVG-verzoek nr. 4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The users to opt out will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>De gebruikers die u uitsluit, vallen voortaan buiten het bijhouden van productgebruik: de service negeert vanaf nu hun gebruiksgebeurtenissen. U kunt dit nog even ongedaan maken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview</source>
        <translation>Voorbeeld</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location filename="../app/core/importpreviewmodel.cpp" line="+64"/>
        <source>To opt out</source>
        <translation>Uit te sluiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Already opted out</source>
        <translation>Al uitgesloten</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Unknown</source>
        <translation>Onbekend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicates</source>
        <translation>Duplicaten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable</source>
        <translation>Onleesbaar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ignored</source>
        <translation>Genegeerd</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Will be opted out</source>
        <translation>Wordt uitgesloten</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a user of your organization</source>
        <translation>Geen gebruiker van uw organisatie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate of line %1</source>
        <translation>Duplicaat van regel %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unreadable: not UTF-8 text</source>
        <translation>Onleesbaar: geen UTF-8-tekst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: &quot;%1&quot; is not an e-mail address</source>
        <translation>Onleesbaar: ‘%1’ is geen e-mailadres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: no e-mail address</source>
        <translation>Onleesbaar: geen e-mailadres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column names, ignored</source>
        <translation>Kolomnamen, genegeerd</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>Invoer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Resultaat</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <location filename="../app/core/optoutimport.cpp" line="+488"/>
        <source>The list is larger than %1 MB; nothing was read. Split it into smaller lists.</source>
        <translation>De lijst is groter dan %1 MB; er is niets gelezen. Splits de lijst op in kleinere lijsten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file cannot be opened: %1</source>
        <translation>Het bestand kan niet worden geopend: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a text or CSV file (or it is UTF-16 without a byte order mark); nothing was read. Save it as CSV (UTF-8) and try again.</source>
        <translation>Dit is geen tekst- of CSV-bestand (of het is UTF-16 zonder bytevolgordemarkering); er is niets gelezen. Sla het op als CSV (UTF-8) en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file says it is UTF-16 but cannot be read as UTF-16; nothing was read.</source>
        <translation>Het bestand geeft aan UTF-16 te zijn, maar kan niet als UTF-16 worden gelezen; er is niets gelezen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quoted field is not closed (a closing &quot; is missing); nothing was read.</source>
        <translation>Regel %1: een veld tussen aanhalingstekens is niet afgesloten (een afsluitend &quot; ontbreekt); er is niets gelezen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the list was cancelled.</source>
        <translation>Het lezen van de lijst is afgebroken.</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <location filename="../app/gui/lengthcounter.cpp" line="+31"/>
        <source>%1 / %2: the limit</source>
        <comment>characters typed / the most allowed</comment>
        <translation>%1 / %2: limiet bereikt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 / %2</source>
        <comment>characters typed / the most allowed</comment>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln character(s) of %1</source>
        <translation>
            <numerusform>%Ln teken van %1</numerusform>
            <numerusform>%Ln tekens van %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.ui" line="+9"/>
        <location filename="../app/gui/mainwindow.cpp" line="+143"/>
        <location line="+114"/>
        <location line="+28"/>
        <location line="+74"/>
        <source>Opt-out settings</source>
        <translation>Instellingen voor uitsluiting</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Try &amp;again</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+89"/>
        <source>Change &amp;server…</source>
        <translation>Server &amp;wijzigen…</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <source>Sign in with another service address or token</source>
        <translation>Aanmelden met een ander serviceadres of token</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Dit bericht sluiten</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/gui/mainwindow.cpp" line="+246"/>
        <location line="+1"/>
        <source>Signing in…</source>
        <translation>Bezig met aanmelden…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only product administrators can see this page.</source>
        <translation>Alleen productbeheerders kunnen deze pagina zien.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>Bewer&amp;ken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Language</source>
        <translation>&amp;Taal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opt out users from a &amp;list…</source>
        <translation>Gebruikers uitsluiten met een &amp;lijst…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file, check the preview, then opt the users out</source>
        <translation>Plak e-mailadressen of open een CSV- of tekstbestand, controleer het voorbeeld en sluit de gebruikers dan uit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;out</source>
        <translation>Af&amp;melden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ongedaan maken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Pending changes…</source>
        <translation>Openstaande &amp;wijzigingen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/gui/mainwindow.cpp" line="-263"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Help on &amp;this page</source>
        <translation>&amp;Help bij deze pagina</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Opt-out settings</source>
        <translation>&amp;Over Instellingen voor uitsluiting</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="+77"/>
        <source>%1 is opted out. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>%1 is uitgesloten. Totdat deze gebruiker zich afmeldt en opnieuw aanmeldt, kan die nog trackinggegevens aan de clientzijde zien in de eigen debugger; de service negeert die gegevens.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%Ln gebruiker weer opgenomen in het bijhouden van productgebruik.</numerusform>
            <numerusform>%Ln gebruikers weer opgenomen in het bijhouden van productgebruik.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-81"/>
        <source>Usage summary</source>
        <translation>Gebruiksoverzicht</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>%1 (%2)</source>
        <comment>window title: the organisation (the server)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>&amp;History</source>
        <translation>&amp;Geschiedenis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The group and domain rules that opt users out</source>
        <translation>De groeps- en domeinregels die gebruikers uitsluiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out list as CSV…</source>
        <translation>&amp;Uitgesloten gebruikers als CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History as CSV…</source>
        <translation>&amp;Geschiedenis als CSV…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Signed in as %1</source>
        <translation>Aangemeld als %1</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Could not sign in: nothing answered at %1. Check the service address, or try again later.</source>
        <translation>Aanmelden is mislukt: er antwoordde niets op %1. Controleer het adres van de service of probeer het later opnieuw.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes saved from the last session could not be read. They were kept in %1.</source>
        <translation>Wijzigingen die in de vorige sessie zijn opgeslagen, konden niet worden gelezen. Ze zijn bewaard in %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="-76"/>
        <source>%1 will be opted out, and their stored usage data deleted, as soon as the service confirms.</source>
        <translation>%1 wordt uitgesloten en de opgeslagen gebruiksgegevens worden verwijderd zodra de service dit bevestigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 will be opted out as soon as the service confirms.</source>
        <translation>%1 wordt uitgesloten zodra de service dit bevestigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 will be included again as soon as the service confirms.</source>
        <translation>%1 wordt weer opgenomen zodra de service dit bevestigt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) will be included again as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln gebruiker wordt weer opgenomen zodra de service dit bevestigt.</numerusform>
            <numerusform>%Ln gebruikers worden weer opgenomen zodra de service dit bevestigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The pending opt-out of %1 and this opt-in cancel out: nothing will be sent.</source>
        <translation>Het weer opnemen van %1 heft de openstaande uitsluiting op: er wordt niets verzonden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pending opt-in of %1 and this opt-out cancel out: nothing will be sent.</source>
        <translation>Het uitsluiten van %1 heft het openstaande weer opnemen op: er wordt niets verzonden.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The pending changes of %Ln user(s) and this one cancel out: nothing will be sent for them.</source>
        <translation>
            <numerusform>De openstaande wijziging van %Ln gebruiker en deze wijziging heffen elkaar op: er wordt niets voor deze gebruiker verzonden.</numerusform>
            <numerusform>De openstaande wijzigingen van %Ln gebruikers en deze wijziging heffen elkaar op: er wordt niets voor hen verzonden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is already included.</source>
        <translation>%1 is al opgenomen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is already opted out.</source>
        <translation>%1 is al uitgesloten.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) are already included.</source>
        <translation>
            <numerusform>%Ln gebruiker is al opgenomen.</numerusform>
            <numerusform>%Ln gebruikers zijn al opgenomen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) are already opted out.</source>
        <translation>
            <numerusform>%Ln gebruiker is al uitgesloten.</numerusform>
            <numerusform>%Ln gebruikers zijn al uitgesloten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>Undone: the change of %Ln user(s) was never sent.</source>
        <translation>
            <numerusform>Ongedaan gemaakt: de wijziging voor %Ln gebruiker is nooit verzonden.</numerusform>
            <numerusform>Ongedaan gemaakt: de wijziging voor %Ln gebruikers is nooit verzonden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being included again.</source>
        <translation>
            <numerusform>Wordt ongedaan gemaakt: %Ln gebruiker wordt weer opgenomen.</numerusform>
            <numerusform>Wordt ongedaan gemaakt: %Ln gebruikers worden weer opgenomen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being opted out again.</source>
        <translation>
            <numerusform>Wordt ongedaan gemaakt: %Ln gebruiker wordt weer uitgesloten.</numerusform>
            <numerusform>Wordt ongedaan gemaakt: %Ln gebruikers worden weer uitgesloten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undone: the opt-out of %1 was never sent.</source>
        <translation>Ongedaan gemaakt: de uitsluiting van %1 is nooit verzonden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undone: the opt-in of %1 was never sent.</source>
        <translation>Ongedaan gemaakt: het weer opnemen van %1 is nooit verzonden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undoing: %1 is being included again. Their stored usage data was already deleted and cannot be brought back.</source>
        <translation>Wordt ongedaan gemaakt: %1 wordt weer opgenomen. De opgeslagen gebruiksgegevens zijn al verwijderd en kunnen niet worden teruggehaald.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undoing: %1 is being included again.</source>
        <translation>Wordt ongedaan gemaakt: %1 wordt weer opgenomen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undoing: %1 is being opted out again.</source>
        <translation>Wordt ongedaan gemaakt: %1 wordt weer uitgesloten.</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-175"/>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s) not yet confirmed by the service. They are kept and sent at the next start.</source>
        <translation>
            <numerusform>%n wijziging is nog niet door de service bevestigd. Deze wordt bewaard en bij de volgende start verzonden.</numerusform>
            <numerusform>%n wijzigingen zijn nog niet door de service bevestigd. Ze worden bewaard en bij de volgende start verzonden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/actionmessages.cpp" line="-88"/>
        <source>%Ln other user(s) were already opted out (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln andere gebruiker was al uitgesloten (intussen elders gewijzigd); er is niets voor deze gebruiker verzonden.</numerusform>
            <numerusform>%Ln andere gebruikers waren al uitgesloten (intussen elders gewijzigd); er is niets voor hen verzonden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln other user(s) were already included again (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln andere gebruiker was al weer opgenomen (intussen elders gewijzigd); er is niets voor deze gebruiker verzonden.</numerusform>
            <numerusform>%Ln andere gebruikers waren al weer opgenomen (intussen elders gewijzigd); er is niets voor hen verzonden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>For %Ln other user(s), a pending opposite change and this one cancelled out; nothing was sent for them.</source>
        <translation>
            <numerusform>Voor %Ln andere gebruiker hebben een openstaande tegengestelde wijziging en deze wijziging elkaar opgeheven; er is niets voor deze gebruiker verzonden.</numerusform>
            <numerusform>Voor %Ln andere gebruikers hebben openstaande tegengestelde wijzigingen en deze wijziging elkaar opgeheven; er is niets voor hen verzonden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is opted out and their stored usage data is deleted. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>%1 is uitgesloten en de opgeslagen gebruiksgegevens zijn verwijderd. Totdat deze gebruiker zich afmeldt en opnieuw aanmeldt, kan die nog trackinggegevens aan de clientzijde zien in de eigen debugger; de service negeert die gegevens.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln user(s) opted out of product usage tracking; their stored usage data is deleted.</source>
        <translation>
            <numerusform>%Ln gebruiker uitgesloten van het bijhouden van productgebruik; de opgeslagen gebruiksgegevens zijn verwijderd.</numerusform>
            <numerusform>%Ln gebruikers uitgesloten van het bijhouden van productgebruik; hun opgeslagen gebruiksgegevens zijn verwijderd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is included in product usage tracking again.</source>
        <translation>%1 is weer opgenomen in het bijhouden van productgebruik.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) opted out of product usage tracking.</source>
        <translation>
            <numerusform>%Ln gebruiker uitgesloten van het bijhouden van productgebruik.</numerusform>
            <numerusform>%Ln gebruikers uitgesloten van het bijhouden van productgebruik.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The service refused to opt out %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>De service heeft het uitsluiten van %Ln gebruiker geweigerd; de wijziging is ongedaan gemaakt.</numerusform>
            <numerusform>De service heeft het uitsluiten van %Ln gebruikers geweigerd; de wijzigingen zijn ongedaan gemaakt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The service refused to opt in %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>De service heeft het weer opnemen van %Ln gebruiker geweigerd; de wijziging is ongedaan gemaakt.</numerusform>
            <numerusform>De service heeft het weer opnemen van %Ln gebruikers geweigerd; de wijzigingen zijn ongedaan gemaakt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 was included again, in another window or by another administrator.</source>
        <translation>%1 is weer opgenomen, in een ander venster of door een andere beheerder.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) included again, in another window or by another administrator.</source>
        <translation>
            <numerusform>%Ln gebruiker weer opgenomen, in een ander venster of door een andere beheerder.</numerusform>
            <numerusform>%Ln gebruikers weer opgenomen, in een ander venster of door een andere beheerder.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-68"/>
        <source>The service refused to opt out %1; it was undone.</source>
        <translation>De service heeft het uitsluiten van %1 geweigerd; de wijziging is ongedaan gemaakt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused to opt in %1; it was undone.</source>
        <translation>De service heeft het weer opnemen van %1 geweigerd; de wijziging is ongedaan gemaakt.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 of %Ln user(s) opted out.</source>
        <translation>
            <numerusform>%1 van %Ln gebruiker uitgesloten.</numerusform>
            <numerusform>%1 van %Ln gebruikers uitgesloten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%1 van %Ln gebruiker weer opgenomen in het bijhouden van productgebruik.</numerusform>
            <numerusform>%1 van %Ln gebruikers weer opgenomen in het bijhouden van productgebruik.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The service refused the other %Ln; they were undone.</source>
        <translation>
            <numerusform>De service heeft de overige (%Ln) geweigerd; die wijziging is ongedaan gemaakt.</numerusform>
            <numerusform>De service heeft de overige %Ln geweigerd; die wijzigingen zijn ongedaan gemaakt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored usage data of %1 is deleted.</source>
        <translation>De opgeslagen gebruiksgegevens van %1 zijn verwijderd.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The stored usage data of %Ln user(s) is deleted.</source>
        <translation>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruiker zijn verwijderd.</numerusform>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruikers zijn verwijderd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The service refused to delete the stored usage data of %Ln user(s); nothing of theirs was deleted.</source>
        <translation>
            <numerusform>De service heeft geweigerd de opgeslagen gebruiksgegevens van %Ln gebruiker te verwijderen; er is niets van deze gebruiker verwijderd.</numerusform>
            <numerusform>De service heeft geweigerd de opgeslagen gebruiksgegevens van %Ln gebruikers te verwijderen; er is niets van deze gebruikers verwijderd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The data of %Ln other user(s) is deleted.</source>
        <translation>
            <numerusform>De gegevens van %Ln andere gebruiker zijn verwijderd.</numerusform>
            <numerusform>De gegevens van %Ln andere gebruikers zijn verwijderd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>You opted out %1 in another window.</source>
        <translation>U hebt %1 in een ander venster uitgesloten.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>You opted out %Ln user(s) in another window.</source>
        <translation>
            <numerusform>U hebt %Ln gebruiker in een ander venster uitgesloten.</numerusform>
            <numerusform>U hebt %Ln gebruikers in een ander venster uitgesloten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another administrator opted out %1.</source>
        <translation>Een andere beheerder heeft %1 uitgesloten.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Another administrator opted out %Ln user(s).</source>
        <translation>
            <numerusform>Een andere beheerder heeft %Ln gebruiker uitgesloten.</numerusform>
            <numerusform>Een andere beheerder heeft %Ln gebruikers uitgesloten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="+283"/>
        <source>Show the changes not yet confirmed</source>
        <translation>De nog niet bevestigde wijzigingen tonen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>About Opt-out settings</source>
        <translation>Over Instellingen voor uitsluiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Opt-out settings %1&lt;/h3&gt;&lt;p&gt;Exclude users of your organization from product usage tracking, or include them again.&lt;/p&gt;&lt;p&gt;Opted-out users contribute no usage data: the service discards their client-side events and records no server-side ones.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Instellingen voor uitsluiting %1&lt;/h3&gt;&lt;p&gt;Sluit gebruikers van uw organisatie uit van het bijhouden van productgebruik, of neem ze weer op.&lt;/p&gt;&lt;p&gt;Uitgesloten gebruikers leveren geen gebruiksgegevens: de service negeert hun gebeurtenissen aan de clientzijde en registreert geen gebeurtenissen aan de serverzijde.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindowoverview.cpp" line="+92"/>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write a PDF report of a period for the privacy officer: figures, charts, opt-outs and deletions</source>
        <translation>Een PDF-rapport over een periode maken voor de functionaris voor gegevensbescherming: cijfers, grafieken, uitsluitingen en verwijderingen</translation>
    </message>
</context>
<context>
    <name>OidcSignIn</name>
    <message>
        <location filename="../app/core/oidcsignin.cpp" line="+93"/>
        <source>The identity provider&apos;s address is not secure (https).</source>
        <translation>Het adres van de identiteitsprovider is niet beveiligd (https).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The identity provider cannot be reached: %1</source>
        <translation>De identiteitsprovider is niet bereikbaar: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer cannot be used.</source>
        <translation>Het antwoord van de identiteitsprovider is onbruikbaar.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The app cannot receive the identity provider&apos;s answer.</source>
        <translation>De app kan het antwoord van de identiteitsprovider niet ontvangen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The web browser cannot be opened.</source>
        <translation>De webbrowser kan niet worden geopend.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The identity provider sent no ID token.</source>
        <translation>De identiteitsprovider heeft geen ID-token gestuurd.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The identity provider refused the sign-in: %1</source>
        <translation>De identiteitsprovider heeft de aanmelding geweigerd: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You are signed in to optout-admin. You may close this window.</source>
        <translation>U bent aangemeld bij optout-admin. U kunt dit venster sluiten.</translation>
    </message>
</context>
<context>
    <name>OptOutModel</name>
    <message>
        <location filename="../app/core/optoutmodel.cpp" line="+37"/>
        <source>%1 (no longer in the directory)</source>
        <comment>an opted-out user who left the organisation&apos;s directory</comment>
        <translation>%1 (niet meer in de directory)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>—</source>
        <comment>no planned deletion of stored usage data</comment>
        <translation>—</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt-in waiting for the service to confirm it.</source>
        <translation>Het weer opnemen wacht op bevestiging door de service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the service to confirm this change.</source>
        <translation>Wacht op bevestiging van deze wijziging door de service.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is no longer in the organisation&apos;s directory. They stay opted out; you may still opt them in.</source>
        <translation>%1 staat niet meer in de directory van de organisatie. De uitsluiting blijft gelden; u kunt deze gebruiker nog steeds weer opnemen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason: %1</source>
        <translation>Reden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rule opts them out: removing it in View &gt; Rules opts them back in.</source>
        <translation>Een regel sluit deze gebruiker uit: als u die verwijdert via Beeld &gt; Regels, wordt de gebruiker weer opgenomen.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-mailadres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out on</source>
        <translation>Uitgesloten op</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out by</source>
        <translation>Uitgesloten door</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deletion planned</source>
        <translation>Geplande verwijdering</translation>
    </message>
    <message>
        <location filename="../app/core/historymodel.cpp" line="-4"/>
        <location filename="../app/core/optoutmodel.cpp" line="+2"/>
        <source>Via</source>
        <translation>Via</translation>
    </message>
    <message>
        <location filename="../app/core/optoutmodel.cpp" line="+6"/>
        <source>What opts the user out: their own opt-out, or a group&apos;s or a domain&apos;s rule</source>
        <translation>Waardoor de gebruiker is uitgesloten: een eigen uitsluiting, of de regel van een groep of domein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the stored usage data of the user will be deleted</source>
        <translation>Wanneer de opgeslagen gebruiksgegevens van de gebruiker worden verwijderd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select users to opt in</source>
        <translation>Selecteer gebruikers om weer op te nemen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected</source>
        <translation>Geselecteerd</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No stored usage data awaits deletion.</source>
        <translation>Er wachten geen opgeslagen gebruiksgegevens op verwijdering.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored usage data will be deleted on %1.</source>
        <translation>De opgeslagen gebruiksgegevens worden verwijderd op %1.</translation>
    </message>
</context>
<context>
    <name>OptOutOptions</name>
    <message numerus="yes">
        <location filename="../app/core/apitypes.cpp" line="-139"/>
        <source>A reason can hold at most %n characters.</source>
        <translation>
            <numerusform>Een reden mag maximaal %n teken bevatten.</numerusform>
            <numerusform>Een reden mag maximaal %n tekens bevatten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reason cannot hold line breaks, tabs or other control characters.</source>
        <translation>Een reden mag geen regeleinden, tabs of andere besturingstekens bevatten.</translation>
    </message>
</context>
<context>
    <name>OptOutPage</name>
    <message>
        <location filename="../ui/optoutpage.ui" line="+20"/>
        <location filename="../app/gui/optoutpage.cpp" line="+249"/>
        <source>Opt-out settings</source>
        <translation>Instellingen voor uitsluiting</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Help on this page (F1)</source>
        <translation>Help bij deze pagina (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exclude users of your organization from product usage tracking, or include them again.</source>
        <translation>Sluit gebruikers van uw organisatie uit van het bijhouden van productgebruik, of neem ze weer op.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt-out &amp;user</source>
        <translation>&amp;Gebruiker uitsluiten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Exclude the chosen user from product usage tracking</source>
        <translation>De gekozen gebruiker uitsluiten van het bijhouden van productgebruik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out</source>
        <translation>&amp;Uitsluiten</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Take this change back (Ctrl+Z)</source>
        <translation>Deze wijziging ongedaan maken (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;ndo</source>
        <translation>Ongedaan &amp;maken</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Dit bericht sluiten</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Opt-out user &amp;list</source>
        <translation>Uitge&amp;sloten gebruikers</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fil&amp;ter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name or email</source>
        <translation>Naam of e-mailadres</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Include the checked users in product usage tracking again</source>
        <translation>De aangevinkte gebruikers weer opnemen in het bijhouden van productgebruik</translation>
    </message>
    <message>
        <location filename="../app/gui/optoutpage.cpp" line="-39"/>
        <source>Opt out with a &amp;reason…</source>
        <translation>Uitsluiten met &amp;reden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the chosen user with a reason, or delete their stored usage data at once</source>
        <translation>De gekozen gebruiker uitsluiten met een reden, of de opgeslagen gebruiksgegevens meteen verwijderen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opt out the chosen user. Right-click, or press %1, to add a reason.</source>
        <translation>De gekozen gebruiker uitsluiten. Klik met de rechtermuisknop of druk op %1 om een reden op te geven.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check all</source>
        <translation>Alles aanvinken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check or uncheck all shown users</source>
        <translation>Alle weergegeven gebruikers aan- of uitvinken</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tools</source>
        <translation>Hulpmiddelen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product usage</source>
        <translation>Productgebruik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are here: %1</source>
        <translation>U bevindt zich hier: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+124"/>
        <source>No opted-out user matches “%1”. Clear the filter to see all %Ln opted-out user(s).</source>
        <translation>
            <numerusform>Geen uitgesloten gebruiker komt overeen met ‘%1’. Wis het filter om %Ln uitgesloten gebruiker te zien.</numerusform>
            <numerusform>Geen uitgesloten gebruiker komt overeen met ‘%1’. Wis het filter om alle %Ln uitgesloten gebruikers te zien.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody is opted out. Users you opt out above are listed here, with when and by whom; their product usage is no longer tracked. Tick them here to include them again.</source>
        <translation>Niemand is uitgesloten. Gebruikers die u hierboven uitsluit, worden hier vermeld, met wanneer en door wie ze zijn uitgesloten; hun productgebruik wordt niet meer bijgehouden. Vink ze hier aan om ze weer op te nemen.</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln user(s) opted out</source>
        <translation>
            <numerusform>%Ln gebruiker uitgesloten</numerusform>
            <numerusform>%Ln gebruikers uitgesloten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %Ln shown</source>
        <translation>
            <numerusform>%1 van %Ln weergegeven</numerusform>
            <numerusform>%1 van %Ln weergegeven</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Opt-&amp;in (%Ln)</source>
        <translation>
            <numerusform>&amp;Weer opnemen (%Ln)</numerusform>
            <numerusform>&amp;Weer opnemen (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-&amp;in</source>
        <translation>&amp;Weer opnemen</translation>
    </message>
    <message>
        <location line="+332"/>
        <source>Show &amp;history</source>
        <translation>&amp;Geschiedenis tonen</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Opt &amp;in %Ln user(s)…</source>
        <translation>
            <numerusform>%Ln gebruiker &amp;weer opnemen…</numerusform>
            <numerusform>%Ln gebruikers &amp;weer opnemen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt &amp;in</source>
        <translation>&amp;Weer opnemen</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>&amp;Delete stored data of %Ln user(s) now…</source>
        <translation>
            <numerusform>Opgeslagen gegevens van %Ln gebruiker nu &amp;verwijderen…</numerusform>
            <numerusform>Opgeslagen gegevens van %Ln gebruikers nu &amp;verwijderen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete stored data now…</source>
        <translation>Opgeslagen gegevens nu &amp;verwijderen…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Delete stored data now</source>
        <translation>Opgeslagen gegevens nu verwijderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the stored usage data of %1 now?</source>
        <translation>De opgeslagen gebruiksgegevens van %1 nu verwijderen?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the stored usage data of %Ln user(s) now?</source>
        <translation>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruiker nu verwijderen?</numerusform>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruikers nu verwijderen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This cannot be undone. They stay opted out; the data would otherwise be deleted at the planned date, or kept if they are opted in again before then.</source>
        <translation>Dit kan niet ongedaan worden gemaakt. De gebruikers blijven uitgesloten; anders zouden de gegevens op de geplande datum worden verwijderd, of bewaard als ze voor die tijd weer worden opgenomen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete now</source>
        <translation>Nu &amp;verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The stored usage data of %1 will be deleted as soon as the service confirms.</source>
        <translation>De opgeslagen gebruiksgegevens van %1 worden verwijderd zodra de service dit bevestigt.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The stored usage data of %Ln user(s) will be deleted as soon as the service confirms.</source>
        <translation>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruiker worden verwijderd zodra de service dit bevestigt.</numerusform>
            <numerusform>De opgeslagen gebruiksgegevens van %Ln gebruikers worden verwijderd zodra de service dit bevestigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+174"/>
        <source>%Ln user(s) will be opted out as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln gebruiker wordt uitgesloten zodra de service dit bevestigt.</numerusform>
            <numerusform>%Ln gebruikers worden uitgesloten zodra de service dit bevestigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 cannot be opted in: the rule “%2” opts them out.</source>
        <translation>%1 kan niet weer worden opgenomen: de regel ‘%2’ sluit deze gebruiker uit.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) cannot be opted in: rules opt them out (%1).</source>
        <translation>
            <numerusform>%Ln gebruiker kan niet weer worden opgenomen: regels sluiten deze uit (%1).</numerusform>
            <numerusform>%Ln gebruikers kunnen niet weer worden opgenomen: regels sluiten ze uit (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opted out by a rule</source>
        <translation>Uitgesloten door een regel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To opt them in, remove the rule in View &gt; Rules, or take them out of the group in your organisation&apos;s directory.</source>
        <translation>Verwijder de regel via Beeld &gt; Regels om ze weer op te nemen, of haal ze uit de groep in de directory van uw organisatie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;rule</source>
        <translation>&amp;Regel tonen</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Opt in the &amp;other %Ln user(s)</source>
        <translation>
            <numerusform>De &amp;andere gebruiker opnemen (%Ln)</numerusform>
            <numerusform>De &amp;andere %Ln gebruikers opnemen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>OverviewDock</name>
    <message>
        <location filename="../app/gui/overviewdock.cpp" line="+211"/>
        <source>The start date is after the end date.</source>
        <translation>De begindatum ligt na de einddatum.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Kies een periode van hoogstens 366 dagen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: %2 opted-out users at the end of the day</source>
        <translation>%1: %2 uitgesloten gebruikers aan het einde van de dag</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 events accepted, %3 discarded</source>
        <translation>%1: %2 gebeurtenissen geaccepteerd, %3 genegeerd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 stored events deleted</source>
        <translation>%1: %2 opgeslagen gebeurtenissen verwijderd</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The service has counted these figures since %1; days before then show nothing.</source>
        <translation>De service telt deze cijfers sinds %1; dagen daarvoor tonen niets.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service does not say since when it counts.</source>
        <translation>De service vermeldt niet sinds wanneer hij telt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In this period: %1 events accepted, %2 discarded, %3 stored events deleted, %4 opt-outs and %5 opt-ins; %6 users opted out at its end.</source>
        <translation>In deze periode: %1 gebeurtenissen geaccepteerd, %2 genegeerd, %3 opgeslagen gebeurtenissen verwijderd, %4 uitsluitingen en %5 keer weer opgenomen; %6 uitgesloten gebruikers aan het einde.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overview</source>
        <translation>&amp;Overzicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period from:</source>
        <translation>&amp;Periode van:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>through:</source>
        <translation>tot en met:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period from</source>
        <translation>Periode van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period through</source>
        <translation>Periode tot en met</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Opted-out users</source>
        <translation>Uitgesloten gebruikers</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Events accepted and discarded per day</source>
        <translation>Geaccepteerde en genegeerde gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Verwijderde opgeslagen gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of opted-out users over time</source>
        <translation>Grafiek van uitgesloten gebruikers in de tijd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of events accepted and discarded per day</source>
        <translation>Grafiek van geaccepteerde en genegeerde gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of stored events deleted per day</source>
        <translation>Grafiek van verwijderde opgeslagen gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Geaccepteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Genegeerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
</context>
<context>
    <name>PendingChangesDialog</name>
    <message>
        <location filename="../app/gui/pendingchangesdialog.cpp" line="+277"/>
        <location line="+1"/>
        <source>Pending changes</source>
        <translation>Openstaande wijzigingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These changes are kept until the service confirms them, across restarts. A cancelled change is never sent; one being sent is reversed once it arrives.</source>
        <translation>Deze wijzigingen worden bewaard tot de service ze bevestigt, ook na een herstart. Een geannuleerde wijziging wordt nooit verzonden; een wijziging die al onderweg is, wordt teruggedraaid zodra ze is aangekomen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel selected changes</source>
        <translation>&amp;Geselecteerde wijzigingen annuleren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose</source>
        <translation>&amp;Sluiten</translation>
    </message>
</context>
<context>
    <name>PendingChangesModel</name>
    <message>
        <location line="-100"/>
        <source>Opt-out and deletion of stored data (being sent)</source>
        <translation>Uitsluiten en opgeslagen gegevens verwijderen (wordt verzonden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out and deletion of stored data</source>
        <translation>Uitsluiten en opgeslagen gegevens verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-out (being sent)</source>
        <translation>Uitsluiten (wordt verzonden)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in (being sent)</source>
        <translation>Weer opnemen (wordt verzonden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out</source>
        <translation>Uitsluiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in</source>
        <translation>Weer opnemen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made at</source>
        <translation>Gemaakt op</translation>
    </message>
</context>
<context>
    <name>PlainHttpBar</name>
    <message>
        <location filename="../app/gui/plainhttpbar.cpp" line="+50"/>
        <source>Unencrypted connection</source>
        <translation>Onversleutelde verbinding</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unencrypted connection: your access token and the opt-out list travel in clear to %1, as you allowed. Ask for an https:// address.</source>
        <translation>Onversleutelde verbinding: uw toegangstoken en de lijst met uitgesloten gebruikers gaan onversleuteld naar %1, zoals u hebt toegestaan. Vraag om een https://-adres.</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <location filename="../app/gui/reportcontroller.cpp" line="+112"/>
        <source>opt-out-report-%1-%2.pdf</source>
        <translation>uitsluitingsrapport-%1-%2.pdf</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Save the report</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+60"/>
        <location line="+5"/>
        <location line="+4"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Writing the report to %1…</source>
        <translation>Het rapport wordt naar %1 geschreven…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the figures…</source>
        <translation>De cijfers worden gelezen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the opt-outs: %1 of %2…</source>
        <translation>De uitsluitingen worden gelezen: %1 van %2…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the opt-outs: %1…</source>
        <translation>De uitsluitingen worden gelezen: %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the deletions: %1…</source>
        <translation>De verwijderingen worden gelezen: %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing page %1 of %2…</source>
        <translation>Pagina %1 van %2 wordt geschreven…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the pages…</source>
        <translation>De pagina&apos;s worden opgemaakt…</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>The report was written to %1 (%Ln page(s)).</source>
        <translation>
            <numerusform>Het rapport is naar %1 geschreven (%Ln pagina).</numerusform>
            <numerusform>Het rapport is naar %1 geschreven (%Ln pagina&apos;s).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report was cancelled. Nothing was written to %1.</source>
        <translation>Het rapport is geannuleerd. Er is niets naar %1 geschreven.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Er is niets naar %1 geschreven.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location line="-207"/>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PDF report for the privacy officer: the figures of the period, the opt-outs made in it with their reasons, and the deletions of stored events. Days are those of the time zone %1.</source>
        <translation>Een PDF-rapport voor de functionaris voor gegevensbescherming: de cijfers van de periode, de uitsluitingen in die periode met hun redenen, en de verwijderingen van opgeslagen gebeurtenissen. De dagen zijn die van de tijdzone %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;From:</source>
        <translation>&amp;Van:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Through:</source>
        <translation>&amp;Tot en met:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Write report…</source>
        <translation>&amp;Rapport maken…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The start date is after the end date.</source>
        <translation>De begindatum ligt na de einddatum.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Kies een periode van hoogstens 366 dagen.</translation>
    </message>
</context>
<context>
    <name>ReportWriter</name>
    <message>
        <location filename="../app/core/reportwriter.cpp" line="+66"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Opt-out report · %1</source>
        <translation>Uitsluitingsrapport · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 van %2</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>Opt-out report of %1</source>
        <translation>Uitsluitingsrapport van %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The PDF could not be started.</source>
        <translation>Het PDF-bestand kon niet worden begonnen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Product usage opt-out report</source>
        <translation>Rapport over uitsluiting van het bijhouden van productgebruik</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period: %1 to %2 (days of the time zone %3)</source>
        <translation>Periode: %1 tot en met %2 (dagen van de tijdzone %3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Produced on %1</source>
        <translation>Gemaakt op %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service has counted these figures since %1; the days of the period before then show nothing.</source>
        <translation>De service telt deze cijfers sinds %1; de dagen van de periode daarvoor tonen niets.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service has counted these figures since %1.</source>
        <translation>De service telt deze cijfers sinds %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Totals</source>
        <translation>Totalen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client-side events accepted</source>
        <translation>Geaccepteerde gebeurtenissen aan de clientzijde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client-side events discarded (opted-out users)</source>
        <translation>Genegeerde gebeurtenissen aan de clientzijde (uitgesloten gebruikers)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events recorded</source>
        <translation>Vastgelegde gebeurtenissen aan de serverzijde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events not recorded (opted-out users)</source>
        <translation>Niet vastgelegde gebeurtenissen aan de serverzijde (uitgesloten gebruikers)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted</source>
        <translation>Verwijderde opgeslagen gebeurtenissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-outs</source>
        <translation>Uitsluitingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-ins</source>
        <translation>Weer opgenomen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted-out users at the end of the period</source>
        <translation>Uitgesloten gebruikers aan het einde van de periode</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the service does with an opted-out user&apos;s events</source>
        <translation>Wat de service doet met de gebeurtenissen van een uitgesloten gebruiker</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Per day</source>
        <translation>Per dag</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opted-out users</source>
        <translation>Uitgesloten gebruikers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events accepted and discarded per day</source>
        <translation>Geaccepteerde en genegeerde gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Geaccepteerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Genegeerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Verwijderde opgeslagen gebeurtenissen per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opt-out rules in force</source>
        <translation>Geldende uitsluitingsregels</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: every opt-out is individual.</source>
        <translation>Geen: elke uitsluiting is individueel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group: %1</source>
        <translation>Groep: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail domain: %1</source>
        <translation>E-maildomein: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Since %1</source>
        <translation>Sinds %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by %1</source>
        <translation>door %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Reden: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 users</source>
        <translation>%1 gebruikers</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt-outs in the period: %1</source>
        <translation>Uitsluitingen in de periode: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>None.</source>
        <translation>Geen.</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+21"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+21"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The directory (a rule)</source>
        <translation>De directory (een regel)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deletions of stored events in the period: %1</source>
        <translation>Verwijderingen van opgeslagen gebeurtenissen in de periode: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Events deleted</source>
        <translation>Verwijderde gebeurtenissen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asked for by</source>
        <translation>Gevraagd door</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody: the retention window ended</source>
        <translation>Niemand: de bewaartermijn was verstreken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The directory</source>
        <translation>De directory</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>While a user is opted out, the service discards every client-side usage event sent for them and records no server-side event for them; it counts what it discards and stores none of it.</source>
        <translation>Zolang een gebruiker is uitgesloten, negeert de service elke gebruiksgebeurtenis aan de clientzijde die voor die gebruiker wordt verzonden en legt hij geen gebeurtenis aan de serverzijde voor die gebruiker vast; hij telt wat hij negeert en slaat er niets van op.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n uur</numerusform>
            <numerusform>%n uur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuut</numerusform>
            <numerusform>%n minuten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events stored before the opt-out are hidden at once and deleted %1 after it, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Gebeurtenissen die vóór de uitsluiting zijn opgeslagen, worden meteen verborgen en %1 later verwijderd, tenzij de gebruiker eerder weer wordt opgenomen, of meteen wanneer een beheerder daarom vraagt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Events stored before the opt-out are hidden at once and deleted at the end of the retention window, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Gebeurtenissen die vóór de uitsluiting zijn opgeslagen, worden meteen verborgen en aan het einde van de bewaartermijn verwijderd, tenzij de gebruiker eerder weer wordt opgenomen, of meteen wanneer een beheerder daarom vraagt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each deletion is recorded in the history with the number of events deleted and who asked for it; the deletions of the period are listed below.</source>
        <translation>Elke verwijdering wordt in de geschiedenis vastgelegd met het aantal verwijderde gebeurtenissen en wie erom vroeg; de verwijderingen van de periode staan hieronder.</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+36"/>
        <source>The report cannot be made without a connection to the service.</source>
        <translation>Het rapport kan niet worden gemaakt zonder verbinding met de service.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>The figures could not be read from the service: %1</source>
        <translation>De cijfers konden niet bij de service worden gelezen: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rules could not be read from the service: %1</source>
        <translation>De regels konden niet bij de service worden gelezen: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+20"/>
        <source>The history could not be read from the service: %1</source>
        <translation>De geschiedenis kon niet bij de service worden gelezen: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Het bestand %1 kon niet worden geschreven: %2</translation>
    </message>
</context>
<context>
    <name>RuleConfirmDialog</name>
    <message>
        <location filename="../app/gui/ruleconfirmdialog.cpp" line="+144"/>
        <source>Opt out by rule</source>
        <translation>Uitsluiten met een regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the group “%1”?</source>
        <translation>De groep ‘%1’ uitsluiten?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out everyone at %1?</source>
        <translation>Iedereen met een adres bij %1 uitsluiten?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service could not say whom the rule covers: %1</source>
        <translation>De service kon niet aangeven wie onder de regel valt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking the service whom the rule covers…</source>
        <translation>De service wordt gevraagd wie onder de regel valt…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>It covers %Ln user(s) today;</source>
        <translation>
            <numerusform>Er valt vandaag %Ln gebruiker onder;</numerusform>
            <numerusform>Er vallen vandaag %Ln gebruikers onder;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them will be newly opted out.</source>
        <translation>
            <numerusform>%Ln daarvan wordt nu nieuw uitgesloten.</numerusform>
            <numerusform>%Ln daarvan worden nu nieuw uitgesloten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… en nog %Ln</numerusform>
            <numerusform>… en nog %Ln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service discards their usage events from now on, and those of everyone who joins the group later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>De service negeert vanaf nu hun gebruiksgebeurtenissen, en ook die van iedereen die later lid wordt van de groep. Als u de regel verwijdert via Beeld &gt; Regels, worden de gebruikers die alleen onder deze regel vallen weer opgenomen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service discards their usage events from now on, and those of everyone who gets an address at this domain later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>De service negeert vanaf nu hun gebruiksgebeurtenissen, en ook die van iedereen die later een adres bij dit domein krijgt. Als u de regel verwijdert via Beeld &gt; Regels, worden de gebruikers die alleen onder deze regel vallen weer opgenomen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Reden (optioneel):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: Works agreement 2026</source>
        <translation>Bijvoorbeeld: Ondernemingsraadakkoord 2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>Hun opgeslagen gebruiksgegevens nu &amp;verwijderen (kan niet ongedaan worden gemaakt)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Anders worden ze verborgen bewaard en na %1 verwijderd, tenzij de gebruikers voor die tijd weer worden opgenomen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Hun opgeslagen gebruiksgegevens worden meteen verwijderd.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Opt out %Ln user(s)</source>
        <translation>
            <numerusform>%Ln gebruiker &amp;uitsluiten</numerusform>
            <numerusform>%Ln gebruikers &amp;uitsluiten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Opt out</source>
        <translation>&amp;Uitsluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message>
        <location filename="../app/gui/rulescontroller.cpp" line="+74"/>
        <source>The rule “%1” was not created: %2</source>
        <translation>De regel ‘%1’ is niet gemaakt: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The rule “%1” exists already.</source>
        <translation>De regel ‘%1’ bestaat al.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Undone: the rule “%1” is back; it covers %Ln user(s).</source>
        <translation>
            <numerusform>Ongedaan gemaakt: de regel ‘%1’ is terug; er valt %Ln gebruiker onder.</numerusform>
            <numerusform>Ongedaan gemaakt: de regel ‘%1’ is terug; er vallen %Ln gebruikers onder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rule created: “%1” opts out %Ln user(s).</source>
        <translation>
            <numerusform>Regel gemaakt: ‘%1’ sluit %Ln gebruiker uit.</numerusform>
            <numerusform>Regel gemaakt: ‘%1’ sluit %Ln gebruikers uit.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove rule</source>
        <translation>Regel verwijderen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the rule “%1”?</source>
        <translation>De regel ‘%1’ verwijderen?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln user(s) will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</source>
        <translation>
            <numerusform>%Ln gebruiker wordt weer opgenomen: wie niet onder een andere regel valt en niet zelf is uitgesloten. Hun gebruiksgebeurtenissen worden vanaf nu weer vastgelegd.</numerusform>
            <numerusform>%Ln gebruikers worden weer opgenomen: wie niet onder een andere regel valt en niet zelf is uitgesloten. Hun gebruiksgebeurtenissen worden vanaf nu weer vastgelegd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove rule</source>
        <translation>Regel &amp;verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The rule “%1” was not removed: %2</source>
        <translation>De regel ‘%1’ is niet verwijderd: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undone: the rule “%1” is removed.</source>
        <translation>Ongedaan gemaakt: de regel ‘%1’ is verwijderd.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rule removed: “%1”; %Ln user(s) are opted back in.</source>
        <translation>
            <numerusform>Regel verwijderd: ‘%1’; %Ln gebruiker wordt weer opgenomen.</numerusform>
            <numerusform>Regel verwijderd: ‘%1’; %Ln gebruikers worden weer opgenomen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesDock</name>
    <message>
        <location filename="../app/gui/rulesdock.cpp" line="+120"/>
        <source>Rules</source>
        <translation>Regels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rul&amp;es</source>
        <translation>&amp;Regels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move rule…</source>
        <translation>Regel verwi&amp;jderen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out rules</source>
        <translation>Uitsluitingsregels</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the rules…</source>
        <translation>De regels worden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This service has no group or domain rules.</source>
        <translation>Deze service kent geen groeps- of domeinregels.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rule opts users out. To add one, search for a group or type @ and a domain in the users field.</source>
        <translation>Geen enkele regel sluit gebruikers uit. Zoek in het gebruikersveld naar een groep of typ @ en een domein om er een toe te voegen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln rule(s). Users a rule covers are opted out, including those who join its group or domain later.</source>
        <translation>
            <numerusform>%Ln regel. Gebruikers die onder een regel vallen zijn uitgesloten, ook wie later bij de groep of het domein komt.</numerusform>
            <numerusform>%Ln regels. Gebruikers die onder een regel vallen zijn uitgesloten, ook wie later bij de groep of het domein komt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesModel</name>
    <message>
        <location filename="../app/core/historymodel.cpp" line="-110"/>
        <location filename="../app/core/rulesmodel.cpp" line="+162"/>
        <location line="+5"/>
        <location line="+10"/>
        <source>Group: %1</source>
        <translation>Groep: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/core/rulesmodel.cpp" line="-15"/>
        <location line="+6"/>
        <location line="+11"/>
        <source>Domain: %1</source>
        <translation>Domein: %1</translation>
    </message>
    <message>
        <location filename="../app/core/rulesmodel.cpp" line="-34"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users covered</source>
        <translation>Betrokken gebruikers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>Gemaakt door</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Gemaakt op</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Individually</source>
        <translation>Individueel</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <location filename="../app/gui/sessionbar.cpp" line="+56"/>
        <source>Session</source>
        <translation>Sessie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your session has expired.</source>
        <translation>Uw sessie is verlopen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service no longer accepts your sign-in.</source>
        <translation>De service accepteert uw aanmelding niet meer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again to go on: your pending changes are kept and sent then.</source>
        <translation>Meld u opnieuw aan om verder te gaan: uw openstaande wijzigingen blijven bewaard en worden dan verzonden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in again…</source>
        <translation>Opnieuw aanmelden…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/signindialog.ui" line="+9"/>
        <source>Sign in</source>
        <translation>Aanmelden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradres:</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Sign in with your or&amp;ganisation</source>
        <translation>Aanmelden met uw o&amp;rganisatieaccount</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Other &amp;ways to sign in</source>
        <translation>An&amp;dere manieren om u aan te melden</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Access &amp;token:</source>
        <translation>&amp;Toegangstoken:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>C&amp;A certificate:</source>
        <translation>&amp;CA-certificaat:</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Sign in to the opt-out service with your organisation&apos;s account.</source>
        <translation>Meld u aan bij de uitsluitingsservice met uw organisatieaccount.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>E-mail a&amp;ddress:</source>
        <translation>E-ma&amp;iladres:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Optional: a PEM file with the certificate of the authority that issued the service&apos;s certificate, when that authority is your organisation&apos;s own. The system&apos;s authorities are trusted too.</source>
        <translation>Optioneel: een PEM-bestand met het certificaat van de certificeringsinstantie die het certificaat van de service heeft uitgegeven, als dat de eigen instantie van uw organisatie is. De certificeringsinstanties van het systeem worden ook vertrouwd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Optioneel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This address is not encrypted: anyone on the network between you and the server can read your access token and use it. Allow it only on a network you trust; the app remembers your choice for this server.</source>
        <translation>Dit adres is niet versleuteld: iedereen op het netwerk tussen u en de server kan uw toegangstoken lezen en gebruiken. Sta het alleen toe op een netwerk dat u vertrouwt; de app onthoudt uw keuze voor deze server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send my token &amp;unencrypted to this server</source>
        <translation>Mijn token &amp;onversleuteld naar deze server sturen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The token is kept in the system keychain, never in a settings file.</source>
        <translation>Het token wordt bewaard in de sleutelhanger van het systeem, nooit in een instellingenbestand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember me</source>
        <translation>&amp;Mij onthouden</translation>
    </message>
    <message>
        <location filename="../app/gui/signindialog.cpp" line="+146"/>
        <source>Enter your e-mail address to sign in with your organisation&apos;s account.</source>
        <translation>Voer uw e-mailadres in om u aan te melden met uw organisatieaccount.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking up your organisation…</source>
        <translation>Uw organisatie wordt opgezocht…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your web browser. The app goes on by itself once you are signed in there.</source>
        <translation>Ga verder in uw webbrowser. De app gaat vanzelf verder zodra u daar bent aangemeld.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Certificate of the certificate authority</source>
        <translation>Certificaat van de certificeringsinstantie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificaten (*.pem *.crt *.cer);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Sign &amp;in</source>
        <translation>Aanm&amp;elden</translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-29"/>
        <location filename="../app/gui/syncstatustext.cpp" line="+14"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/syncstatustext.cpp" line="+5"/>
        <source>%n change(s) pending</source>
        <translation>
            <numerusform>%n openstaande wijziging</numerusform>
            <numerusform>%n openstaande wijzigingen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signing in…</source>
        <translation>Bezig met aanmelden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the lists saved at the last sync…</source>
        <translation>Lijsten van de laatste synchronisatie worden geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading users… %1 %</source>
        <translation>Gebruikers worden geladen… %1%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the opt-out list…</source>
        <translation>Lijst met uitgesloten gebruikers wordt geladen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced at %1</source>
        <translation>Gesynchroniseerd om %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline — last synced at %1</source>
        <translation>Offline — laatst gesynchroniseerd op %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>Offline — nieuwe poging over %n&#xa0;s</numerusform>
            <numerusform>Offline — nieuwe poging over %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline — retrying now</source>
        <translation>Offline — er wordt nu opnieuw geprobeerd</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not signed in</source>
        <translation>Niet aangemeld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed out</source>
        <translation>Afgemeld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected</source>
        <translation>Niet verbonden</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../app/gui/tokenstore.cpp" line="+24"/>
        <source>No system keychain is available.</source>
        <translation>Er is geen sleutelhanger van het systeem beschikbaar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access to the system keychain was denied.</source>
        <translation>De toegang tot de sleutelhanger van het systeem is geweigerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token could not be removed from the system keychain.</source>
        <translation>Het token kon niet uit de sleutelhanger van het systeem worden verwijderd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system keychain reported an error.</source>
        <translation>De sleutelhanger van het systeem heeft een fout gemeld.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The system keychain did not answer.</source>
        <translation>De sleutelhanger van het systeem heeft niet gereageerd.</translation>
    </message>
</context>
<context>
    <name>UsageDebuggerDock</name>
    <message>
        <location filename="../app/gui/usagedebuggerdock.cpp" line="+103"/>
        <source>Tracking not started: not signed in</source>
        <translation>Tracking niet gestart: u bent niet aangemeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking on</source>
        <translation>Tracking aan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking off: you are opted out</source>
        <translation>Tracking uit: u bent uitgesloten</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage tracking debugger</source>
        <translation>Debugger voor het bijhouden van gebruik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sen&amp;d now</source>
        <translation>&amp;Nu verzenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the waiting events to the service now.</source>
        <translation>De wachtende gebeurtenissen nu naar de service verzenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded usage events</source>
        <translation>Geregistreerde gebruiksgebeurtenissen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing is recorded or sent. The service discards the events of opted-out users anyway.</source>
        <translation>Er wordt niets geregistreerd of verzonden. De service negeert de gebeurtenissen van uitgesloten gebruikers hoe dan ook.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) waiting to be sent.</source>
        <translation>
            <numerusform>%Ln gebeurtenis wacht op verzending.</numerusform>
            <numerusform>%Ln gebeurtenissen wachten op verzending.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) dropped because the queue was full.</source>
        <translation>
            <numerusform>%Ln gebeurtenis verworpen omdat de wachtrij vol was.</numerusform>
            <numerusform>%Ln gebeurtenissen verworpen omdat de wachtrij vol was.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last attempt failed: %1</source>
        <translation>Laatste poging mislukt: %1</translation>
    </message>
</context>
<context>
    <name>UsageEventLogModel</name>
    <message>
        <location filename="../app/core/usageeventlogmodel.cpp" line="+79"/>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Properties</source>
        <translation>Eigenschappen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Queued</source>
        <translation>In wachtrij</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued, will retry</source>
        <translation>In wachtrij, wordt opnieuw geprobeerd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending…</source>
        <translation>Bezig met verzenden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent: accepted %1, discarded %2</source>
        <extracomment>The service&apos;s answer for the batch the event was sent in.</extracomment>
        <translation>Verzonden – geaccepteerd: %1, genegeerd: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped</source>
        <translation>Verworpen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The queue was full: the oldest unsent events make room for new ones.</source>
        <translation>De wachtrij was vol: de oudste niet-verzonden gebeurtenissen maken plaats voor nieuwe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking is off: you are opted out, so unsent events are not sent.</source>
        <translation>Tracking is uitgeschakeld: u bent uitgesloten, dus niet-verzonden gebeurtenissen worden niet verzonden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You signed out before this event could be sent.</source>
        <translation>U hebt zich afgemeld voordat deze gebeurtenis kon worden verzonden.</translation>
    </message>
</context>
<context>
    <name>UsageSummaryModel</name>
    <message>
        <location filename="../app/core/usagesummarymodel.cpp" line="+59"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nee</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n event(s), deleted on %1</source>
        <translation>
            <numerusform>%n gebeurtenis, wordt verwijderd op %1</numerusform>
            <numerusform>%n gebeurtenissen, worden verwijderd op %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n gebeurtenis</numerusform>
            <numerusform>%n gebeurtenissen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Usage events the apps sent for this user (client-side tracking)</source>
        <translation>Gebruiksgebeurtenissen die de apps voor deze gebruiker hebben verzonden (tracking aan de clientzijde)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage events the service recorded for this user&apos;s requests (server-side tracking)</source>
        <translation>Gebruiksgebeurtenissen die de service voor de verzoeken van deze gebruiker heeft geregistreerd (tracking aan de serverzijde)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Usage events stored before the opt-out: hidden, and deleted by the service on the date shown</source>
        <translation>Gebruiksgebeurtenissen die vóór de uitsluiting zijn opgeslagen: verborgen, en worden op de getoonde datum door de service verwijderd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-mailadres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client-side</source>
        <translation>Clientzijde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server-side</source>
        <translation>Serverzijde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last event</source>
        <translation>Laatste gebeurtenis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out</source>
        <translation>Uitgesloten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting deletion</source>
        <translation>Wacht op verwijdering</translation>
    </message>
</context>
<context>
    <name>UsageSummaryWidget</name>
    <message>
        <location filename="../app/gui/usagesummarywidget.cpp" line="+110"/>
        <location line="+5"/>
        <source>Product usage by user</source>
        <translation>Productgebruik per gebruiker</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Usage events the service has stored for each user, client-side and server-side. Opted-out users contribute none.</source>
        <translation>Gebruiksgebeurtenissen die de service per gebruiker heeft opgeslagen, aan de clientzijde en aan de serverzijde. Uitgesloten gebruikers leveren er geen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln client-side event(s) of opted-out users discarded since the service started.</source>
        <translation>
            <numerusform>%Ln gebeurtenis aan de clientzijde van uitgesloten gebruikers genegeerd sinds de service is gestart.</numerusform>
            <numerusform>%Ln gebeurtenissen aan de clientzijde van uitgesloten gebruikers genegeerd sinds de service is gestart.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The usage summary could not be loaded: %1</source>
        <translation>Het gebruiksoverzicht kon niet worden geladen: %1</translation>
    </message>
</context>
<context>
    <name>UserModel</name>
    <message>
        <location filename="../app/core/usermodel.cpp" line="+36"/>
        <source>%1 is already opted out.</source>
        <translation>%1 is al uitgesloten.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../app/gui/userpicker.cpp" line="+76"/>
        <source>%1 &lt;%2&gt;</source>
        <comment>user name and email in the drop-down</comment>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-mailadres</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <location filename="../app/gui/userpicker.cpp" line="+121"/>
        <source>A rule opts this group out already.</source>
        <translation>Een regel sluit deze groep al uit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No user matches “%1”</source>
        <translation>Geen gebruiker komt overeen met ‘%1’</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Domain: %1 — everyone with an address there</source>
        <translation>Domein: %1 — iedereen met een adres daar</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Group: %1 — %n member(s), opted out already</source>
        <translation>
            <numerusform>Groep: %1 — %n lid, al uitgesloten</numerusform>
            <numerusform>Groep: %1 — %n leden, al uitgesloten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Group: %1 — %n member(s)</source>
        <translation>
            <numerusform>Groep: %1 — %n lid</numerusform>
            <numerusform>Groep: %1 — %n leden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Search by name or email</source>
        <translation>Zoeken op naam of e-mailadres</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+48"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Sluit gebruikers uit van het bijhouden van productgebruik.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service&apos;s address.</source>
        <translation>Het adres van de service.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your access token (else you are asked for it).</source>
        <translation>Uw toegangstoken (anders wordt u erom gevraagd).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The interface language: en, fr, sv or nl.</source>
        <translation>De taal van de interface: en, fr, sv of nl.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A certificate authority to trust besides the system&apos;s, for an https:// server (PEM file; remembered).</source>
        <translation>Een certificeringsinstantie om naast die van het systeem te vertrouwen, voor een https://-server (PEM-bestand; wordt onthouden).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown language: %1</source>
        <translation>Onbekende taal: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Invalid server address: %1</source>
        <translation>Ongeldig serveradres: %1</translation>
    </message>
</context>
</TS>
