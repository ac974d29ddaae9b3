<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../app/core/apitypes.cpp" line="+48"/>
        <source>The service did not accept the request.</source>
        <translation>Tjänsten godtog inte begäran.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>Din inloggning är inte längre giltig. Logga in igen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not allowed to do this. Only product administrators can change opt-outs.</source>
        <translation>Du har inte behörighet att göra detta. Endast produktadministratörer kan ändra undantag.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user or the page was not found. It may have been removed.</source>
        <translation>Användaren eller sidan hittades inte. Den kan ha tagits bort.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service does not support this request. The app may be out of date.</source>
        <translation>Tjänsten stöder inte den här begäran. Appen kan vara föråldrad.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The opt-out list was changed by someone else in the meantime. Refresh and try again.</source>
        <translation>Listan över undantagna användare har ändrats av någon annan under tiden. Uppdatera och försök igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The request is too large for the service.</source>
        <translation>Begäran är för stor för tjänsten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service had an internal error. Please try again later.</source>
        <translation>Ett internt fel uppstod i tjänsten. Försök igen senare.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your session has expired. Please sign in again; your pending changes are kept.</source>
        <translation>Sessionen har gått ut. Logga in igen; dina väntande ändringar finns kvar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation does not sign in with an identity provider here. Sign in with an access token instead.</source>
        <translation>Din organisation loggar inte in med en identitetsleverantör här. Logga in med en åtkomsttoken i stället.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service did not accept the identity provider&apos;s answer.</source>
        <translation>Tjänsten godtog inte identitetsleverantörens svar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A group or domain rule opts this user out. Remove the rule in View &gt; Rules to opt them back in.</source>
        <translation>En grupp- eller domänregel undantar den här användaren. Ta bort regeln i Visa &gt; Regler för att ta med användaren igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>För många försök. Vänta en minut och försök igen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The service is unavailable (HTTP %1). Please try again later.</source>
        <translation>Tjänsten är inte tillgänglig (HTTP %1). Försök igen senare.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service answered with an unexpected error (HTTP %1).</source>
        <translation>Tjänsten svarade med ett oväntat fel (HTTP %1).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your organisation&apos;s account is not an administrator of this service. Ask an administrator to add you.</source>
        <translation>Ditt organisationskonto är inte administratör för den här tjänsten. Be en administratör att lägga till dig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your account has been deactivated on this service.</source>
        <translation>Ditt konto har inaktiverats i den här tjänsten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your identity provider has not verified your e-mail address. Verify it there, then sign in again.</source>
        <translation>Din identitetsleverantör har inte verifierat din e-postadress. Verifiera den där och logga sedan in igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer has expired. Check your computer&apos;s clock, then sign in again.</source>
        <translation>Identitetsleverantörens svar har gått ut. Kontrollera datorns klocka och logga sedan in igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer does not belong to this sign-in. Please sign in again.</source>
        <translation>Identitetsleverantörens svar hör inte till den här inloggningen. Logga in igen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer could not be verified. Ask your administrator to check the service&apos;s identity provider settings.</source>
        <translation>Identitetsleverantörens svar kunde inte verifieras. Be din administratör kontrollera tjänstens inställningar för identitetsleverantören.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service cannot be reached. Check your network connection.</source>
        <translation>Det går inte att nå tjänsten. Kontrollera din nätverksanslutning.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service did not answer in time.</source>
        <translation>Tjänsten svarade inte i tid.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The service sent an answer the app cannot read.</source>
        <translation>Tjänsten skickade ett svar som appen inte kan läsa.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../app/gui/appcontroller.cpp" line="+109"/>
        <source>Your remembered token could not be read: %1</source>
        <translation>Din sparade token kunde inte läsas: %1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>You will sign in at %1.</source>
        <translation>Du loggar in hos %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your organisation could not be looked up: %1</source>
        <translation>Det gick inte att söka efter din organisation: %1</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Your token could not be remembered: %1</source>
        <translation>Din token kunde inte sparas: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You will be asked for it next time.</source>
        <translation>Du får ange den igen nästa gång.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The service did not accept your access token. Please sign in again.</source>
        <translation>Tjänsten godtog inte din åtkomsttoken. Logga in igen.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>You are signed out on this computer, but the service could not be told (%1). Your session stays valid on the service until it expires.</source>
        <translation>Du är utloggad på den här datorn, men tjänsten kunde inte meddelas (%1). Sessionen gäller i tjänsten tills den går ut.</translation>
    </message>
</context>
<context>
    <name>ConfirmChangeDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/confirmchangedialog.cpp" line="+131"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln dag</numerusform>
            <numerusform>%Ln dagar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln timme</numerusform>
            <numerusform>%Ln timmar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln minut</numerusform>
            <numerusform>%Ln minuter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln sekund</numerusform>
            <numerusform>%Ln sekunder</numerusform>
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
        <translation>Undanta användare</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt in users</source>
        <translation>Ta med användare igen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt out %Ln user(s)?</source>
        <translation>
            <numerusform>Undanta %Ln användare?</numerusform>
            <numerusform>Undanta %Ln användare?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)?</source>
        <translation>
            <numerusform>Ta med %Ln användare igen?</numerusform>
            <numerusform>Ta med %Ln användare igen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… och %Ln till</numerusform>
            <numerusform>… och %Ln till</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>De undantas från spårning av produktanvändning: tjänsten ignorerar deras användningshändelser från och med nu. Du kan ångra detta under en kort tid.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They will be included in product usage tracking again: the service records their usage events from now on.</source>
        <translation>De tas med i spårningen av produktanvändning igen: tjänsten registrerar deras användningshändelser från och med nu.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Undanta %Ln användare</numerusform>
            <numerusform>Undanta %Ln användare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)</source>
        <translation>
            <numerusform>Ta med %Ln användare igen</numerusform>
            <numerusform>Ta med %Ln användare igen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>A&amp;nledning (valfritt):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Till exempel: GDPR-begäran nr 4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>&amp;Radera deras lagrade användningsdata nu (kan inte ångras)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Annars sparas data dolda och raderas efter %1, om inte användarna tas med igen innan dess.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Deras lagrade användningsdata raderas direkt.</translation>
    </message>
</context>
<context>
    <name>ConnectionSecurity</name>
    <message>
        <location filename="../app/core/connectionsecurity.cpp" line="+87"/>
        <source>The certificate of %1 was not issued by an authority this computer trusts, so the app cannot tell that it is talking to the service. If your organisation has its own certificate authority, give its certificate when you sign in. Certificate fingerprint (SHA-256): %2</source>
        <translation>Certifikatet för %1 är inte utfärdat av en certifikatutfärdare som den här datorn litar på, så appen kan inte avgöra om den verkligen kommunicerar med tjänsten. Om din organisation har en egen certifikatutfärdare anger du dess certifikat när du loggar in. Certifikatets fingeravtryck (SHA-256): %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificate of %1 expired on %2, so the app cannot trust the connection. The service&apos;s administrator must renew it. Certificate fingerprint (SHA-256): %3</source>
        <translation>Certifikatet för %1 gick ut den %2, så appen kan inte lita på anslutningen. Tjänstens administratör måste förnya det. Certifikatets fingeravtryck (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The certificate of %1 is valid only from %2. Check the date and time of this computer. Certificate fingerprint (SHA-256): %3</source>
        <translation>Certifikatet för %1 är giltigt först från %2. Kontrollera datum och tid på den här datorn. Certifikatets fingeravtryck (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The certificate presented by %1 is made out to another name, so the app may not be talking to the service. Check the server address. Certificate fingerprint (SHA-256): %2</source>
        <translation>Certifikatet som %1 visar är utfärdat för ett annat namn, så appen kommunicerar kanske inte med tjänsten. Kontrollera serveradressen. Certifikatets fingeravtryck (SHA-256): %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secure connection to %1 failed: %2 Certificate fingerprint (SHA-256): %3</source>
        <translation>Den säkra anslutningen till %1 misslyckades: %2 Certifikatets fingeravtryck (SHA-256): %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The app does not send your access token unencrypted to %1. Use an https:// address, or allow unencrypted connections to this server when you sign in.</source>
        <translation>Appen skickar inte din åtkomsttoken okrypterad till %1. Använd en https://-adress, eller tillåt okrypterade anslutningar till den här servern när du loggar in.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The certificate file %1 cannot be read: %2</source>
        <translation>Certifikatfilen %1 kan inte läsas: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file %1 holds no certificate.</source>
        <translation>Filen %1 innehåller inget certifikat.</translation>
    </message>
</context>
<context>
    <name>ContextHelpPopup</name>
    <message>
        <location filename="../app/gui/contexthelp.cpp" line="+63"/>
        <source>Opt-out user</source>
        <translation>Undanta användare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a user of your organisation and press &lt;b&gt;Opt-out&lt;/b&gt;: they are excluded from product usage tracking at once and appear in the list below. Type to search: every word you type must start a word of the name or e-mail, in any order; accents and case do not matter. The list shows each user&apos;s e-mail, so two people of the same name can be told apart; users matching your words exactly come first. Only a user you choose from the list (a click, or Enter on the highlighted match) is picked; editing the text afterwards drops the pick.</source>
        <translation>Välj en användare i din organisation och klicka på &lt;b&gt;Undanta&lt;/b&gt;: användaren undantas direkt från spårning av produktanvändning och visas i listan nedan. Skriv för att söka: varje ord du skriver måste vara början på ett ord i namnet eller e-postadressen, i valfri ordning; accenter och skiftläge spelar ingen roll. Listan visar varje användares e-postadress, så att två personer med samma namn går att skilja åt; användare som matchar dina ord exakt visas först. Endast en användare som du väljer i listan (med ett klick, eller med Retur på den markerade träffen) blir vald; om du ändrar texten efteråt tas valet bort.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt out with a reason</source>
        <translation>Undanta med anledning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &gt; Opt out with a reason… (%1, or the Opt-out button&apos;s right-click menu) asks for a reason (at most 500 characters) and can delete the user&apos;s stored usage data at once, which cannot be undone.</source>
        <translation>Redigera &gt; Undanta med anledning… (%1, eller högerklicksmenyn för knappen Undanta) ber om en anledning (högst 500 tecken) och kan radera användarens lagrade användningsdata direkt, vilket inte kan ångras.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opt-out user list</source>
        <translation>Undantagna användare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone who is opted out, with when and by whom. Right-click the header to show the Reason and Deletion planned columns; click a header to sort. Tick users (Space ticks the selected rows, the header&apos;s box ticks them all) and press &lt;b&gt;Opt-in&lt;/b&gt; to include them again; for more than one user you are asked first. A row&apos;s right-click menu also offers Show history and Delete stored data now.</source>
        <translation>Alla som är undantagna, med datum och vem som undantog dem. Högerklicka på rubrikraden för att visa kolumnerna Anledning och Planerad radering; klicka på en kolumnrubrik för att sortera. Markera användare (Mellanslag markerar de valda raderna, rutan i rubrikraden markerar alla) och klicka på &lt;b&gt;Ta med igen&lt;/b&gt; för att ta med dem igen; gäller det fler än en användare får du bekräfta först. Högerklicksmenyn för en rad innehåller också Visa historik och Radera lagrade data nu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrows the list to the users whose name or e-mail holds what you type; the count beside it says how many of all are shown. It never changes who is opted out.</source>
        <translation>Begränsar listan till de användare vars namn eller e-postadress innehåller det du skriver; antalet bredvid visar hur många av alla som visas. Filtret ändrar aldrig vilka som är undantagna.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After a single opt-out or opt-in, the message bar offers Undo (also Edit &gt; Undo, %1) for 15 seconds. A change not sent yet is taken back and never sent; one the service has confirmed is reversed.</source>
        <translation>Efter ett enskilt undantag eller en enskild återinkludering erbjuder meddelandefältet Ångra (även Redigera &gt; Ångra, %1) i 15 sekunder. En ändring som ännu inte har skickats återkallas och skickas aldrig; en ändring som tjänsten redan har bekräftat tas tillbaka med den motsatta ändringen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending changes</source>
        <translation>Väntande ändringar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes show at once and are marked pending until the service confirms them. When the service cannot be reached they stay pending, are retried and kept across restarts; the status bar&apos;s &quot;changes pending&quot; link lists them, and there you can cancel them.</source>
        <translation>Ändringar syns direkt och visas som väntande tills tjänsten bekräftar dem. När tjänsten inte går att nå förblir de väntande, skickas igen senare och sparas även om appen startas om; länken ”ändringar väntar” i statusfältet listar dem, och där kan du återkalla dem.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View &gt; History (%1), or Show history on a row: the organisation&apos;s opt-outs, opt-ins and deletions of stored data, newest first, with who did it and why. Filter it by user, by who did it, by action and by dates; a name typed but not chosen from the list filters nothing, and the dock says so.</source>
        <translation>Visa &gt; Historik (%1), eller Visa historik i högerklicksmenyn för en rad: organisationens undantag, återinkluderingar och raderingar av lagrade data, de senaste först, med vem som gjorde det och varför. Filtrera på användare, på vem som utförde åtgärden, på åtgärd och på datum; ett namn som har skrivits men inte valts i listan filtrerar ingenting, och panelen talar om det.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opt out from a list, and export</source>
        <translation>Undanta från en lista och exportera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File &gt; Opt out users from a list… reads e-mail addresses pasted or from a CSV or text file and shows what it found before anything is sent. File &gt; Export saves the opt-out list or the history as a CSV file.</source>
        <translation>Arkiv &gt; Undanta användare från en lista… läser e-postadresser som har klistrats in eller som finns i en CSV- eller textfil, och visar vad som hittades innan något skickas. Arkiv &gt; Exportera sparar listan över undantagna användare eller historiken som en CSV-fil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeping up to date</source>
        <translation>Hålla sig uppdaterad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list follows other administrators&apos; changes by itself; %1 refreshes it now. The window&apos;s title names the organisation and the server you are signed in to. View &gt; Language switches the language at once.</source>
        <translation>Listan uppdateras automatiskt med andra administratörers ändringar; %1 uppdaterar den direkt. Fönstrets titel visar organisationen och servern som du är inloggad på. Visa &gt; Språk byter språk direkt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt out users</source>
        <translation>Undanta användare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Undanta användare från spårning av produktanvändning.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help: %1</source>
        <translation>Hjälp: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-out settings</source>
        <translation>Inställningar för undantag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Help on this page</source>
        <translation>Hjälp för den här sidan</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <location filename="../app/core/csvexporter.cpp" line="+160"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-postadress</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>User ID</source>
        <translation>Användar-ID</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Opted out at</source>
        <translation>Undantagen den</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (name)</source>
        <translation>Undantagen av (namn)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (email)</source>
        <translation>Undantagen av (e-postadress)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned deletion</source>
        <translation>Planerad radering</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>When</source>
        <translation>Tidpunkt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User name</source>
        <translation>Användarens namn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User email</source>
        <translation>Användarens e-postadress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By (name)</source>
        <translation>Av (namn)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By (email)</source>
        <translation>Av (e-postadress)</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Reason</source>
        <translation>Anledning</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events deleted</source>
        <translation>Raderade händelser</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The history could not be read from the service: %1</source>
        <translation>Historiken kunde inte läsas från tjänsten: %1</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Filen %1 kunde inte skrivas: %2</translation>
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
        <translation>Accepterade händelser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events discarded</source>
        <translation>Ignorerade händelser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored events deleted</source>
        <translation>Raderade lagrade händelser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-outs</source>
        <translation>Undantag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-ins</source>
        <translation>Återinkluderingar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted-out users</source>
        <translation>Undantagna användare</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../app/gui/exportcontroller.cpp" line="+35"/>
        <source>opt-outs-%1.csv</source>
        <translation>undantag-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>history-%1.csv</source>
        <translation>historik-%1.csv</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-filer (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the opt-out user list</source>
        <translation>Exportera listan över undantagna användare</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the history</source>
        <translation>Exportera historiken</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+41"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Exporting to %1…</source>
        <translation>Exporterar till %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 of about %2 entries written…</source>
        <translation>%1 av cirka %2 poster skrivna…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 entries written…</source>
        <translation>%1 poster skrivna…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%Ln row(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln rad exporterades till %1.</numerusform>
            <numerusform>%Ln rader exporterades till %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export was cancelled. Nothing was written to %1.</source>
        <translation>Exporten avbröts. Inget skrevs till %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Inget skrevs till %1.</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <location filename="../app/gui/historydock.cpp" line="+243"/>
        <source>The start date is after the end date.</source>
        <translation>Startdatumet ligger efter slutdatumet.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n post</numerusform>
            <numerusform>%n poster</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n post hittills; rulla för att se fler</numerusform>
            <numerusform>%n poster hittills; rulla för att se fler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Histor&amp;y of:</source>
        <translation>Anv&amp;ändare:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fro&amp;m:</source>
        <translation>Från och &amp;med:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;By:</source>
        <translation>Utf&amp;örd av:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>“%1”</source>
        <translation>”%1”</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Not filtered by %1: choose a user from the list, or clear the field.</source>
        <translation>
            <numerusform>Ingen filtrering på %1: välj en användare i listan eller töm fältet.</numerusform>
            <numerusform>Ingen filtrering på %1: välj användare i listorna eller töm fälten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+114"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n åtgärd</numerusform>
            <numerusform>%n åtgärder</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n action(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n åtgärd hittills; rulla för att se fler</numerusform>
            <numerusform>%n åtgärder hittills; rulla för att se fler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A&amp;ction:</source>
        <translation>Åtgär&amp;d:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throu&amp;gh:</source>
        <translation>Ti&amp;ll och med:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportera…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the history with these filters as a CSV file</source>
        <translation>Spara historiken med dessa filter som en CSV-fil</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Any user</source>
        <translation>Alla användare</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Anyone</source>
        <translation>Vem som helst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any action</source>
        <translation>Alla åtgärder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Through date</source>
        <translation>Slutdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History entries</source>
        <translation>Historikposter</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../app/core/historymodel.cpp" line="+147"/>
        <source>Opt-out</source>
        <translation>Undantag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-in</source>
        <translation>Återinkludering</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored data deleted</source>
        <translation>Lagrade data raderade</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule created</source>
        <translation>Regel skapad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule removed</source>
        <translation>Regel borttagen</translation>
    </message>
    <message numerus="yes">
        <location line="+208"/>
        <source>Rule created (%n user(s) opted out)</source>
        <translation>
            <numerusform>Regel skapad (%n användare undantagen)</numerusform>
            <numerusform>Regel skapad (%n användare undantagna)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Rule removed (%n user(s) opted back in)</source>
        <translation>
            <numerusform>Regel borttagen (%n användare tagen med igen)</numerusform>
            <numerusform>Regel borttagen (%n användare tagna med igen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+46"/>
        <source>Stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>Lagrade data raderade (%n händelse)</numerusform>
            <numerusform>Lagrade data raderade (%n händelser)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-33"/>
        <source>The directory</source>
        <translation>Katalogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service</source>
        <translation>Tjänsten</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Opted out %1, opted in %2</source>
        <translation>Undantog %1, tog med %2 igen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+1"/>
        <location line="+42"/>
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n användare</numerusform>
            <numerusform>%n användare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>Opted out %n user(s)</source>
        <translation>
            <numerusform>%n användare undantagen</numerusform>
            <numerusform>%n användare undantagna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opted in %n user(s)</source>
        <translation>
            <numerusform>%n användare tagen med igen</numerusform>
            <numerusform>%n användare tagna med igen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1; stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>%1; lagrade data raderade (%n händelse)</numerusform>
            <numerusform>%1; lagrade data raderade (%n händelser)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>When</source>
        <translation>Tidpunkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Åtgärd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Anledning</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../app/gui/importdialog.cpp" line="+260"/>
        <source>Open a list of e-mail addresses</source>
        <translation>Öppna en lista med e-postadresser</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV and text files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>CSV- och textfiler (*.csv *.txt *.tsv);;Alla filer (*)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>All (%1)</source>
        <translation>Alla (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the pasted text…</source>
        <translation>Läser den inklistrade texten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading %1…</source>
        <translation>Läser %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the list was cancelled.</source>
        <translation>Läsningen av listan avbröts.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From %1</source>
        <translation>Från %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pasted text, too long to show here</source>
        <translation>Inklistrad text, för lång för att visas här</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing read yet: paste addresses or open a file.</source>
        <translation>Inget har lästs ännu: klistra in adresser eller öppna en fil.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln line(s) read.</source>
        <translation>
            <numerusform>%Ln rad läst.</numerusform>
            <numerusform>%Ln rader lästa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln blank line(s) skipped.</source>
        <translation>
            <numerusform>%Ln tom rad hoppades över.</numerusform>
            <numerusform>%Ln tomma rader hoppades över.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Undanta %Ln användare</numerusform>
            <numerusform>Undanta %Ln användare</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt out</source>
        <translation>Undanta</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opt out users from a list</source>
        <translation>Undanta användare från en lista</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file. Every address found is compared with the users of your organization; other columns are ignored. Nothing changes until you confirm below.</source>
        <translation>Klistra in e-postadresser eller öppna en CSV- eller textfil. Varje adress som hittas jämförs med användarna i din organisation; andra kolumner ignoreras. Inget ändras förrän du bekräftar nedan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Paste addresses:</source>
        <translation>&amp;Klistra in adresser:</translation>
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
        <translation>&amp;Öppna fil…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stoppa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Anledning (valfritt):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Till exempel: GDPR-begäran nr 4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The users to opt out will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>De användare som ska undantas omfattas inte längre av spårningen av produktanvändning: tjänsten ignorerar deras användningshändelser från och med nu. Du kan ångra detta under en kort tid.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview</source>
        <translation>Förhandsgranskning</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location filename="../app/core/importpreviewmodel.cpp" line="+64"/>
        <source>To opt out</source>
        <translation>Att undanta</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Already opted out</source>
        <translation>Redan undantagna</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Unknown</source>
        <translation>Okända</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicates</source>
        <translation>Dubbletter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable</source>
        <translation>Oläsbara</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ignored</source>
        <translation>Ignorerade</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Will be opted out</source>
        <translation>Kommer att undantas</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a user of your organization</source>
        <translation>Inte en användare i din organisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate of line %1</source>
        <translation>Dubblett av rad %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unreadable: not UTF-8 text</source>
        <translation>Oläsbar: inte UTF-8-text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: &quot;%1&quot; is not an e-mail address</source>
        <translation>Oläsbar: ”%1” är inte en e-postadress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: no e-mail address</source>
        <translation>Oläsbar: ingen e-postadress</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column names, ignored</source>
        <translation>Kolumnnamn, ignoreras</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Line</source>
        <translation>Rad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>Indata</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <location filename="../app/core/optoutimport.cpp" line="+488"/>
        <source>The list is larger than %1 MB; nothing was read. Split it into smaller lists.</source>
        <translation>Listan är större än %1 MB; inget lästes. Dela upp den i mindre listor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file cannot be opened: %1</source>
        <translation>Filen kan inte öppnas: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a text or CSV file (or it is UTF-16 without a byte order mark); nothing was read. Save it as CSV (UTF-8) and try again.</source>
        <translation>Det här är inte en text- eller CSV-fil (eller så är den UTF-16 utan byteordningsmarkering); inget lästes. Spara den som CSV (UTF-8) och försök igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file says it is UTF-16 but cannot be read as UTF-16; nothing was read.</source>
        <translation>Filen anger att den är UTF-16 men kan inte läsas som UTF-16; inget lästes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quoted field is not closed (a closing &quot; is missing); nothing was read.</source>
        <translation>Rad %1: ett fält inom citattecken avslutas inte (ett avslutande &quot; saknas); inget lästes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the list was cancelled.</source>
        <translation>Läsningen av listan avbröts.</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <location filename="../app/gui/lengthcounter.cpp" line="+31"/>
        <source>%1 / %2: the limit</source>
        <comment>characters typed / the most allowed</comment>
        <translation>%1 / %2: gränsen är nådd</translation>
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
            <numerusform>%Ln tecken av %1</numerusform>
            <numerusform>%Ln tecken av %1</numerusform>
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
        <translation>Inställningar för undantag</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Try &amp;again</source>
        <translation>&amp;Försök igen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+89"/>
        <source>Change &amp;server…</source>
        <translation>&amp;Byt server…</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <source>Sign in with another service address or token</source>
        <translation>Logga in med en annan tjänstadress eller token</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Stäng meddelandet</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/gui/mainwindow.cpp" line="+246"/>
        <location line="+1"/>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only product administrators can see this page.</source>
        <translation>Endast produktadministratörer kan se den här sidan.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Language</source>
        <translation>&amp;Språk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opt out users from a &amp;list…</source>
        <translation>Undanta användare från en l&amp;ista…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file, check the preview, then opt the users out</source>
        <translation>Klistra in e-postadresser eller öppna en CSV- eller textfil, kontrollera förhandsgranskningen och undanta sedan användarna</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;out</source>
        <translation>&amp;Logga ut</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Pending changes…</source>
        <translation>&amp;Väntande ändringar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/gui/mainwindow.cpp" line="-263"/>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Help on &amp;this page</source>
        <translation>&amp;Hjälp för den här sidan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Opt-out settings</source>
        <translation>&amp;Om Inställningar för undantag</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="+77"/>
        <source>%1 is opted out. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>%1 är undantagen. Tills användaren loggar ut och in igen kan hen fortfarande se spårningsdata på klientsidan i sin felsökare; tjänsten ignorerar dessa data.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%Ln användare har tagits med i spårningen av produktanvändning igen.</numerusform>
            <numerusform>%Ln användare har tagits med i spårningen av produktanvändning igen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-81"/>
        <source>Usage summary</source>
        <translation>Sammanställning av användning</translation>
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
        <translation>&amp;Historik</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The group and domain rules that opt users out</source>
        <translation>De grupp- och domänregler som undantar användare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportera</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out list as CSV…</source>
        <translation>&amp;Undantagna användare som CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History as CSV…</source>
        <translation>&amp;Historik som CSV…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Signed in as %1</source>
        <translation>Inloggad som %1</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Could not sign in: nothing answered at %1. Check the service address, or try again later.</source>
        <translation>Det gick inte att logga in: inget svarade på %1. Kontrollera tjänstens adress eller försök igen senare.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes saved from the last session could not be read. They were kept in %1.</source>
        <translation>Ändringar som sparades under förra sessionen kunde inte läsas. De har behållits i %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="-76"/>
        <source>%1 will be opted out, and their stored usage data deleted, as soon as the service confirms.</source>
        <translation>%1 undantas och användarens lagrade användningsdata raderas så snart tjänsten bekräftar det.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 will be opted out as soon as the service confirms.</source>
        <translation>%1 undantas så snart tjänsten bekräftar det.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 will be included again as soon as the service confirms.</source>
        <translation>%1 tas med igen så snart tjänsten bekräftar det.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) will be included again as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln användare tas med igen så snart tjänsten bekräftar det.</numerusform>
            <numerusform>%Ln användare tas med igen så snart tjänsten bekräftar det.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The pending opt-out of %1 and this opt-in cancel out: nothing will be sent.</source>
        <translation>Det väntande undantaget för %1 och den här återinkluderingen tar ut varandra: ingenting skickas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pending opt-in of %1 and this opt-out cancel out: nothing will be sent.</source>
        <translation>Den väntande återinkluderingen av %1 och det här undantaget tar ut varandra: ingenting skickas.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The pending changes of %Ln user(s) and this one cancel out: nothing will be sent for them.</source>
        <translation>
            <numerusform>Den väntande ändringen för %Ln användare och den här ändringen tar ut varandra: ingenting skickas för användaren.</numerusform>
            <numerusform>De väntande ändringarna för %Ln användare och den här ändringen tar ut varandra: ingenting skickas för dem.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is already included.</source>
        <translation>%1 är redan med i spårningen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is already opted out.</source>
        <translation>%1 är redan undantagen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) are already included.</source>
        <translation>
            <numerusform>%Ln användare är redan med i spårningen.</numerusform>
            <numerusform>%Ln användare är redan med i spårningen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) are already opted out.</source>
        <translation>
            <numerusform>%Ln användare är redan undantagen.</numerusform>
            <numerusform>%Ln användare är redan undantagna.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>Undone: the change of %Ln user(s) was never sent.</source>
        <translation>
            <numerusform>Ångrat: ändringen för %Ln användare skickades aldrig.</numerusform>
            <numerusform>Ångrat: ändringen för %Ln användare skickades aldrig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being included again.</source>
        <translation>
            <numerusform>Ångrar: %Ln användare tas med igen.</numerusform>
            <numerusform>Ångrar: %Ln användare tas med igen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being opted out again.</source>
        <translation>
            <numerusform>Ångrar: %Ln användare undantas igen.</numerusform>
            <numerusform>Ångrar: %Ln användare undantas igen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undone: the opt-out of %1 was never sent.</source>
        <translation>Ångrat: undantaget för %1 skickades aldrig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undone: the opt-in of %1 was never sent.</source>
        <translation>Ångrat: återinkluderingen av %1 skickades aldrig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undoing: %1 is being included again. Their stored usage data was already deleted and cannot be brought back.</source>
        <translation>Ångrar: %1 tas med igen. De lagrade användningsdata har redan raderats och kan inte återställas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undoing: %1 is being included again.</source>
        <translation>Ångrar: %1 tas med igen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undoing: %1 is being opted out again.</source>
        <translation>Ångrar: %1 undantas igen.</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-175"/>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s) not yet confirmed by the service. They are kept and sent at the next start.</source>
        <translation>
            <numerusform>%n ändring har ännu inte bekräftats av tjänsten. Den sparas och skickas vid nästa start.</numerusform>
            <numerusform>%n ändringar har ännu inte bekräftats av tjänsten. De sparas och skickas vid nästa start.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/actionmessages.cpp" line="-88"/>
        <source>%Ln other user(s) were already opted out (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln annan användare var redan undantagen (ändrades på annat håll under tiden); ingenting skickades för användaren.</numerusform>
            <numerusform>%Ln andra användare var redan undantagna (ändrades på annat håll under tiden); ingenting skickades för dem.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln other user(s) were already included again (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln annan användare hade redan tagits med igen (ändrades på annat håll under tiden); ingenting skickades för användaren.</numerusform>
            <numerusform>%Ln andra användare hade redan tagits med igen (ändrades på annat håll under tiden); ingenting skickades för dem.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>For %Ln other user(s), a pending opposite change and this one cancelled out; nothing was sent for them.</source>
        <translation>
            <numerusform>För %Ln annan användare tog en väntande motsatt ändring och den här ändringen ut varandra; ingenting skickades för användaren.</numerusform>
            <numerusform>För %Ln andra användare tog väntande motsatta ändringar och den här ändringen ut varandra; ingenting skickades för dem.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is opted out and their stored usage data is deleted. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>%1 är undantagen och användarens lagrade användningsdata har raderats. Tills användaren loggar ut och in igen kan hen fortfarande se spårningsdata på klientsidan i sin felsökare; tjänsten ignorerar dessa data.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln user(s) opted out of product usage tracking; their stored usage data is deleted.</source>
        <translation>
            <numerusform>%Ln användare har undantagits från spårning av produktanvändning; användarens lagrade användningsdata har raderats.</numerusform>
            <numerusform>%Ln användare har undantagits från spårning av produktanvändning; deras lagrade användningsdata har raderats.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is included in product usage tracking again.</source>
        <translation>%1 har tagits med i spårningen av produktanvändning igen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) opted out of product usage tracking.</source>
        <translation>
            <numerusform>%Ln användare har undantagits från spårning av produktanvändning.</numerusform>
            <numerusform>%Ln användare har undantagits från spårning av produktanvändning.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The service refused to opt out %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>Tjänsten vägrade att undanta %Ln användare, så ändringen har ångrats.</numerusform>
            <numerusform>Tjänsten vägrade att undanta %Ln användare, så ändringarna har ångrats.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The service refused to opt in %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>Tjänsten vägrade att ta med %Ln användare igen, så ändringen har ångrats.</numerusform>
            <numerusform>Tjänsten vägrade att ta med %Ln användare igen, så ändringarna har ångrats.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 was included again, in another window or by another administrator.</source>
        <translation>%1 har tagits med igen, i ett annat fönster eller av en annan administratör.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) included again, in another window or by another administrator.</source>
        <translation>
            <numerusform>%Ln användare har tagits med igen, i ett annat fönster eller av en annan administratör.</numerusform>
            <numerusform>%Ln användare har tagits med igen, i ett annat fönster eller av en annan administratör.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-68"/>
        <source>The service refused to opt out %1; it was undone.</source>
        <translation>Tjänsten vägrade att undanta %1, så ändringen har ångrats.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused to opt in %1; it was undone.</source>
        <translation>Tjänsten vägrade att ta med %1 igen, så ändringen har ångrats.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 of %Ln user(s) opted out.</source>
        <translation>
            <numerusform>%1 av %Ln användare undantagen.</numerusform>
            <numerusform>%1 av %Ln användare undantagna.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>%1 av %Ln användare har tagits med i spårningen av produktanvändning igen.</numerusform>
            <numerusform>%1 av %Ln användare har tagits med i spårningen av produktanvändning igen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The service refused the other %Ln; they were undone.</source>
        <translation>
            <numerusform>Tjänsten vägrade den återstående (%Ln), så den ändringen har ångrats.</numerusform>
            <numerusform>Tjänsten vägrade de övriga %Ln, så de ändringarna har ångrats.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored usage data of %1 is deleted.</source>
        <translation>De lagrade användningsdata för %1 har raderats.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The stored usage data of %Ln user(s) is deleted.</source>
        <translation>
            <numerusform>De lagrade användningsdata för %Ln användare har raderats.</numerusform>
            <numerusform>De lagrade användningsdata för %Ln användare har raderats.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The service refused to delete the stored usage data of %Ln user(s); nothing of theirs was deleted.</source>
        <translation>
            <numerusform>Tjänsten vägrade att radera de lagrade användningsdata för %Ln användare; inget av användarens data raderades.</numerusform>
            <numerusform>Tjänsten vägrade att radera de lagrade användningsdata för %Ln användare; inget av deras data raderades.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The data of %Ln other user(s) is deleted.</source>
        <translation>
            <numerusform>Data för %Ln annan användare har raderats.</numerusform>
            <numerusform>Data för %Ln andra användare har raderats.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>You opted out %1 in another window.</source>
        <translation>Du undantog %1 i ett annat fönster.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>You opted out %Ln user(s) in another window.</source>
        <translation>
            <numerusform>Du undantog %Ln användare i ett annat fönster.</numerusform>
            <numerusform>Du undantog %Ln användare i ett annat fönster.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another administrator opted out %1.</source>
        <translation>En annan administratör undantog %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Another administrator opted out %Ln user(s).</source>
        <translation>
            <numerusform>En annan administratör undantog %Ln användare.</numerusform>
            <numerusform>En annan administratör undantog %Ln användare.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="+283"/>
        <source>Show the changes not yet confirmed</source>
        <translation>Visa ändringarna som ännu inte bekräftats</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>About Opt-out settings</source>
        <translation>Om Inställningar för undantag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Opt-out settings %1&lt;/h3&gt;&lt;p&gt;Exclude users of your organization from product usage tracking, or include them again.&lt;/p&gt;&lt;p&gt;Opted-out users contribute no usage data: the service discards their client-side events and records no server-side ones.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Inställningar för undantag %1&lt;/h3&gt;&lt;p&gt;Undanta användare i din organisation från spårning av produktanvändning, eller ta med dem igen.&lt;/p&gt;&lt;p&gt;Undantagna användare bidrar inte med några användningsdata: tjänsten ignorerar deras händelser på klientsidan och registrerar inga händelser på serversidan.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindowoverview.cpp" line="+92"/>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write a PDF report of a period for the privacy officer: figures, charts, opt-outs and deletions</source>
        <translation>Skriv en PDF-rapport för en period till dataskyddsombudet: siffror, diagram, undantag och raderingar</translation>
    </message>
</context>
<context>
    <name>OidcSignIn</name>
    <message>
        <location filename="../app/core/oidcsignin.cpp" line="+93"/>
        <source>The identity provider&apos;s address is not secure (https).</source>
        <translation>Identitetsleverantörens adress är inte säker (https).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The identity provider cannot be reached: %1</source>
        <translation>Identitetsleverantören kan inte nås: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer cannot be used.</source>
        <translation>Identitetsleverantörens svar kan inte användas.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The app cannot receive the identity provider&apos;s answer.</source>
        <translation>Appen kan inte ta emot identitetsleverantörens svar.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The web browser cannot be opened.</source>
        <translation>Webbläsaren kan inte öppnas.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The identity provider sent no ID token.</source>
        <translation>Identitetsleverantören skickade ingen ID-token.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The identity provider refused the sign-in: %1</source>
        <translation>Identitetsleverantören nekade inloggningen: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You are signed in to optout-admin. You may close this window.</source>
        <translation>Du är inloggad i optout-admin. Du kan stänga det här fönstret.</translation>
    </message>
</context>
<context>
    <name>OptOutModel</name>
    <message>
        <location filename="../app/core/optoutmodel.cpp" line="+37"/>
        <source>%1 (no longer in the directory)</source>
        <comment>an opted-out user who left the organisation&apos;s directory</comment>
        <translation>%1 (finns inte längre i katalogen)</translation>
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
        <translation>Återinkluderingen väntar på att tjänsten ska bekräfta den.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the service to confirm this change.</source>
        <translation>Väntar på att tjänsten ska bekräfta ändringen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is no longer in the organisation&apos;s directory. They stay opted out; you may still opt them in.</source>
        <translation>%1 finns inte längre i organisationens katalog. Undantaget gäller fortfarande; du kan ändå ta med användaren igen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason: %1</source>
        <translation>Anledning: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rule opts them out: removing it in View &gt; Rules opts them back in.</source>
        <translation>En regel undantar användaren: tar du bort den i Visa &gt; Regler tas användaren med igen.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-postadress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out on</source>
        <translation>Undantagen den</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out by</source>
        <translation>Undantagen av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Anledning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deletion planned</source>
        <translation>Planerad radering</translation>
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
        <translation>Vad som undantar användaren: ett eget undantag, eller en grupps eller domäns regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the stored usage data of the user will be deleted</source>
        <translation>När användarens lagrade användningsdata raderas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select users to opt in</source>
        <translation>Välj användare att ta med igen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected</source>
        <translation>Vald</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No stored usage data awaits deletion.</source>
        <translation>Inga lagrade användningsdata väntar på radering.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored usage data will be deleted on %1.</source>
        <translation>De lagrade användningsdata raderas den %1.</translation>
    </message>
</context>
<context>
    <name>OptOutOptions</name>
    <message numerus="yes">
        <location filename="../app/core/apitypes.cpp" line="-139"/>
        <source>A reason can hold at most %n characters.</source>
        <translation>
            <numerusform>En anledning får innehålla högst %n tecken.</numerusform>
            <numerusform>En anledning får innehålla högst %n tecken.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reason cannot hold line breaks, tabs or other control characters.</source>
        <translation>En anledning får inte innehålla radbrytningar, tabbar eller andra styrtecken.</translation>
    </message>
</context>
<context>
    <name>OptOutPage</name>
    <message>
        <location filename="../ui/optoutpage.ui" line="+20"/>
        <location filename="../app/gui/optoutpage.cpp" line="+249"/>
        <source>Opt-out settings</source>
        <translation>Inställningar för undantag</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Help on this page (F1)</source>
        <translation>Hjälp för den här sidan (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>Hjälp</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exclude users of your organization from product usage tracking, or include them again.</source>
        <translation>Undanta användare i din organisation från spårning av produktanvändning, eller ta med dem igen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt-out &amp;user</source>
        <translation>Undanta a&amp;nvändare</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Exclude the chosen user from product usage tracking</source>
        <translation>Undanta den valda användaren från spårning av produktanvändning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out</source>
        <translation>&amp;Undanta</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Take this change back (Ctrl+Z)</source>
        <translation>Ångra ändringen (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;ndo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Stäng meddelandet</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Opt-out user &amp;list</source>
        <translation>Undanta&amp;gna användare</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fil&amp;ter:</source>
        <translation>Fil&amp;ter:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name or email</source>
        <translation>Namn eller e-postadress</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Include the checked users in product usage tracking again</source>
        <translation>Ta med de markerade användarna i spårningen av produktanvändning igen</translation>
    </message>
    <message>
        <location filename="../app/gui/optoutpage.cpp" line="-39"/>
        <source>Opt out with a &amp;reason…</source>
        <translation>Undanta med an&amp;ledning…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the chosen user with a reason, or delete their stored usage data at once</source>
        <translation>Undanta den valda användaren med en anledning, eller radera användarens lagrade användningsdata direkt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opt out the chosen user. Right-click, or press %1, to add a reason.</source>
        <translation>Undanta den valda användaren. Högerklicka eller tryck på %1 för att ange en anledning.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check all</source>
        <translation>Markera alla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check or uncheck all shown users</source>
        <translation>Markera eller avmarkera alla visade användare</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tools</source>
        <translation>Verktyg</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product usage</source>
        <translation>Produktanvändning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are here: %1</source>
        <translation>Du är här: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+124"/>
        <source>No opted-out user matches “%1”. Clear the filter to see all %Ln opted-out user(s).</source>
        <translation>
            <numerusform>Ingen undantagen användare matchar ”%1”. Rensa filtret för att se %Ln undantagen användare.</numerusform>
            <numerusform>Ingen undantagen användare matchar ”%1”. Rensa filtret för att se alla %Ln undantagna användare.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody is opted out. Users you opt out above are listed here, with when and by whom; their product usage is no longer tracked. Tick them here to include them again.</source>
        <translation>Ingen är undantagen. Användare som du undantar ovan visas här, med datum och vem som undantog dem; deras produktanvändning spåras inte längre. Markera dem här för att ta med dem igen.</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln user(s) opted out</source>
        <translation>
            <numerusform>%Ln användare undantagen</numerusform>
            <numerusform>%Ln användare undantagna</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %Ln shown</source>
        <translation>
            <numerusform>%1 av %Ln visas</numerusform>
            <numerusform>%1 av %Ln visas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Opt-&amp;in (%Ln)</source>
        <translation>
            <numerusform>Ta med &amp;igen (%Ln)</numerusform>
            <numerusform>Ta med &amp;igen (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-&amp;in</source>
        <translation>Ta med &amp;igen</translation>
    </message>
    <message>
        <location line="+332"/>
        <source>Show &amp;history</source>
        <translation>Visa &amp;historik</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Opt &amp;in %Ln user(s)…</source>
        <translation>
            <numerusform>Ta med %Ln användare &amp;igen…</numerusform>
            <numerusform>Ta med %Ln användare &amp;igen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt &amp;in</source>
        <translation>Ta med &amp;igen</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>&amp;Delete stored data of %Ln user(s) now…</source>
        <translation>
            <numerusform>&amp;Radera lagrade data för %Ln användare nu…</numerusform>
            <numerusform>&amp;Radera lagrade data för %Ln användare nu…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete stored data now…</source>
        <translation>&amp;Radera lagrade data nu…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Delete stored data now</source>
        <translation>Radera lagrade data nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the stored usage data of %1 now?</source>
        <translation>Vill du radera de lagrade användningsdata för %1 nu?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the stored usage data of %Ln user(s) now?</source>
        <translation>
            <numerusform>Vill du radera de lagrade användningsdata för %Ln användare nu?</numerusform>
            <numerusform>Vill du radera de lagrade användningsdata för %Ln användare nu?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This cannot be undone. They stay opted out; the data would otherwise be deleted at the planned date, or kept if they are opted in again before then.</source>
        <translation>Det här kan inte ångras. Användarna förblir undantagna; annars skulle data raderas på det planerade datumet, eller sparas om de tas med igen innan dess.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete now</source>
        <translation>&amp;Radera nu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The stored usage data of %1 will be deleted as soon as the service confirms.</source>
        <translation>De lagrade användningsdata för %1 raderas så snart tjänsten bekräftar det.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The stored usage data of %Ln user(s) will be deleted as soon as the service confirms.</source>
        <translation>
            <numerusform>De lagrade användningsdata för %Ln användare raderas så snart tjänsten bekräftar det.</numerusform>
            <numerusform>De lagrade användningsdata för %Ln användare raderas så snart tjänsten bekräftar det.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+174"/>
        <source>%Ln user(s) will be opted out as soon as the service confirms.</source>
        <translation>
            <numerusform>%Ln användare undantas så snart tjänsten bekräftar det.</numerusform>
            <numerusform>%Ln användare undantas så snart tjänsten bekräftar det.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 cannot be opted in: the rule “%2” opts them out.</source>
        <translation>%1 kan inte tas med igen: regeln ”%2” undantar användaren.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) cannot be opted in: rules opt them out (%1).</source>
        <translation>
            <numerusform>%Ln användare kan inte tas med igen: regler undantar dem (%1).</numerusform>
            <numerusform>%Ln användare kan inte tas med igen: regler undantar dem (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opted out by a rule</source>
        <translation>Undantagen av en regel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To opt them in, remove the rule in View &gt; Rules, or take them out of the group in your organisation&apos;s directory.</source>
        <translation>Om du vill ta med dem igen tar du bort regeln i Visa &gt; Regler, eller tar bort dem ur gruppen i organisationens katalog.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;rule</source>
        <translation>Visa &amp;regeln</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Opt in the &amp;other %Ln user(s)</source>
        <translation>
            <numerusform>Ta med den &amp;andra användaren (%Ln)</numerusform>
            <numerusform>Ta med de &amp;andra %Ln användarna</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>OverviewDock</name>
    <message>
        <location filename="../app/gui/overviewdock.cpp" line="+211"/>
        <source>The start date is after the end date.</source>
        <translation>Startdatumet ligger efter slutdatumet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Välj en period på högst 366 dagar.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: %2 opted-out users at the end of the day</source>
        <translation>%1: %2 undantagna användare vid dagens slut</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 events accepted, %3 discarded</source>
        <translation>%1: %2 accepterade händelser, %3 ignorerade</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 stored events deleted</source>
        <translation>%1: %2 lagrade händelser raderade</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Loading…</source>
        <translation>Läser in…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The service has counted these figures since %1; days before then show nothing.</source>
        <translation>Tjänsten har räknat de här siffrorna sedan %1; dagar före dess visar ingenting.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service does not say since when it counts.</source>
        <translation>Tjänsten anger inte sedan när den räknar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In this period: %1 events accepted, %2 discarded, %3 stored events deleted, %4 opt-outs and %5 opt-ins; %6 users opted out at its end.</source>
        <translation>Under perioden: %1 accepterade händelser, %2 ignorerade, %3 raderade lagrade händelser, %4 undantag och %5 återinkluderingar; %6 undantagna användare vid periodens slut.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Overview</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overview</source>
        <translation>&amp;Översikt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period from:</source>
        <translation>Peri&amp;od från:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>through:</source>
        <translation>till och med:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period from</source>
        <translation>Period från</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period through</source>
        <translation>Period till och med</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Opted-out users</source>
        <translation>Undantagna användare</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Events accepted and discarded per day</source>
        <translation>Accepterade och ignorerade händelser per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Raderade lagrade händelser per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of opted-out users over time</source>
        <translation>Diagram över undantagna användare över tid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of events accepted and discarded per day</source>
        <translation>Diagram över accepterade och ignorerade händelser per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of stored events deleted per day</source>
        <translation>Diagram över raderade lagrade händelser per dag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Accepterade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Ignorerade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Raderade</translation>
    </message>
</context>
<context>
    <name>PendingChangesDialog</name>
    <message>
        <location filename="../app/gui/pendingchangesdialog.cpp" line="+277"/>
        <location line="+1"/>
        <source>Pending changes</source>
        <translation>Väntande ändringar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These changes are kept until the service confirms them, across restarts. A cancelled change is never sent; one being sent is reversed once it arrives.</source>
        <translation>Ändringarna sparas tills tjänsten bekräftar dem, även om appen startas om. En återkallad ändring skickas aldrig; en ändring som redan är på väg tas tillbaka med den motsatta ändringen när den har kommit fram.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel selected changes</source>
        <translation>&amp;Återkalla markerade ändringar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose</source>
        <translation>&amp;Stäng</translation>
    </message>
</context>
<context>
    <name>PendingChangesModel</name>
    <message>
        <location line="-100"/>
        <source>Opt-out and deletion of stored data (being sent)</source>
        <translation>Undantag och radering av lagrade data (skickas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out and deletion of stored data</source>
        <translation>Undantag och radering av lagrade data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-out (being sent)</source>
        <translation>Undantag (skickas)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in (being sent)</source>
        <translation>Återinkludering (skickas)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out</source>
        <translation>Undantag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in</source>
        <translation>Återinkludering</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Ändring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made at</source>
        <translation>Tidpunkt</translation>
    </message>
</context>
<context>
    <name>PlainHttpBar</name>
    <message>
        <location filename="../app/gui/plainhttpbar.cpp" line="+50"/>
        <source>Unencrypted connection</source>
        <translation>Okrypterad anslutning</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unencrypted connection: your access token and the opt-out list travel in clear to %1, as you allowed. Ask for an https:// address.</source>
        <translation>Okrypterad anslutning: din åtkomsttoken och listan över undantagna användare går i klartext till %1, som du har tillåtit. Be om en https://-adress.</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <location filename="../app/gui/reportcontroller.cpp" line="+112"/>
        <source>opt-out-report-%1-%2.pdf</source>
        <translation>undantagsrapport-%1-%2.pdf</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Save the report</source>
        <translation>Spara rapporten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
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
        <translation>Skriver rapporten till %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the figures…</source>
        <translation>Läser siffrorna…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the opt-outs: %1 of %2…</source>
        <translation>Läser undantagen: %1 av %2…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the opt-outs: %1…</source>
        <translation>Läser undantagen: %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the deletions: %1…</source>
        <translation>Läser raderingarna: %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing page %1 of %2…</source>
        <translation>Skriver sida %1 av %2…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the pages…</source>
        <translation>Ordnar sidorna…</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>The report was written to %1 (%Ln page(s)).</source>
        <translation>
            <numerusform>Rapporten skrevs till %1 (%Ln sida).</numerusform>
            <numerusform>Rapporten skrevs till %1 (%Ln sidor).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report was cancelled. Nothing was written to %1.</source>
        <translation>Rapporten avbröts. Ingenting skrevs till %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Ingenting skrevs till %1.</translation>
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
        <translation>En PDF-rapport till dataskyddsombudet: periodens siffror, de undantag som gjordes under den med sina skäl, och raderingarna av lagrade händelser. Dagarna är tidszonens %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;From:</source>
        <translation>&amp;Från:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Through:</source>
        <translation>&amp;Till och med:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Write report…</source>
        <translation>&amp;Skriv rapport…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The start date is after the end date.</source>
        <translation>Startdatumet ligger efter slutdatumet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Välj en period på högst 366 dagar.</translation>
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
        <translation>Undantagsrapport · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Page %1 of %2</source>
        <translation>Sida %1 av %2</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>Opt-out report of %1</source>
        <translation>Undantagsrapport för %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The PDF could not be started.</source>
        <translation>PDF-filen kunde inte påbörjas.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Product usage opt-out report</source>
        <translation>Rapport över undantag från spårning av produktanvändning</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period: %1 to %2 (days of the time zone %3)</source>
        <translation>Period: %1 till %2 (dagar i tidszonen %3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Produced on %1</source>
        <translation>Skapad %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service has counted these figures since %1; the days of the period before then show nothing.</source>
        <translation>Tjänsten har räknat de här siffrorna sedan %1; periodens dagar före dess visar ingenting.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service has counted these figures since %1.</source>
        <translation>Tjänsten har räknat de här siffrorna sedan %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Totals</source>
        <translation>Summor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client-side events accepted</source>
        <translation>Accepterade händelser på klientsidan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client-side events discarded (opted-out users)</source>
        <translation>Ignorerade händelser på klientsidan (undantagna användare)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events recorded</source>
        <translation>Registrerade händelser på serversidan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events not recorded (opted-out users)</source>
        <translation>Ej registrerade händelser på serversidan (undantagna användare)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted</source>
        <translation>Raderade lagrade händelser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-outs</source>
        <translation>Undantag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-ins</source>
        <translation>Återinkluderingar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted-out users at the end of the period</source>
        <translation>Undantagna användare vid periodens slut</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the service does with an opted-out user&apos;s events</source>
        <translation>Vad tjänsten gör med en undantagen användares händelser</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Per day</source>
        <translation>Per dag</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opted-out users</source>
        <translation>Undantagna användare</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events accepted and discarded per day</source>
        <translation>Accepterade och ignorerade händelser per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Accepterade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Ignorerade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Raderade lagrade händelser per dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Raderade</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opt-out rules in force</source>
        <translation>Gällande undantagsregler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: every opt-out is individual.</source>
        <translation>Inga: varje undantag är individuellt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group: %1</source>
        <translation>Grupp: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail domain: %1</source>
        <translation>E-postdomän: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Since %1</source>
        <translation>Sedan %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by %1</source>
        <translation>av %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Skäl: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 users</source>
        <translation>%1 användare</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt-outs in the period: %1</source>
        <translation>Undantag under perioden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>None.</source>
        <translation>Inga.</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+21"/>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+21"/>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>By</source>
        <translation>Av</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Skäl</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The directory (a rule)</source>
        <translation>Katalogen (en regel)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deletions of stored events in the period: %1</source>
        <translation>Raderingar av lagrade händelser under perioden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Events deleted</source>
        <translation>Raderade händelser</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asked for by</source>
        <translation>Begärd av</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody: the retention window ended</source>
        <translation>Ingen: lagringstiden löpte ut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The directory</source>
        <translation>Katalogen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>While a user is opted out, the service discards every client-side usage event sent for them and records no server-side event for them; it counts what it discards and stores none of it.</source>
        <translation>Så länge en användare är undantagen ignorerar tjänsten varje användningshändelse på klientsidan som skickas för hen och registrerar ingen händelse på serversidan för hen; den räknar det den ignorerar och lagrar ingenting av det.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n timme</numerusform>
            <numerusform>%n timmar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minut</numerusform>
            <numerusform>%n minuter</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events stored before the opt-out are hidden at once and deleted %1 after it, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Händelser som lagrats före undantaget döljs genast och raderas %1 efteråt, om inte användaren tas med igen innan dess, eller genast när en administratör begär det.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Events stored before the opt-out are hidden at once and deleted at the end of the retention window, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Händelser som lagrats före undantaget döljs genast och raderas när lagringstiden löper ut, om inte användaren tas med igen innan dess, eller genast när en administratör begär det.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each deletion is recorded in the history with the number of events deleted and who asked for it; the deletions of the period are listed below.</source>
        <translation>Varje radering förs in i historiken med antalet raderade händelser och vem som begärde den; periodens raderingar listas nedan.</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+36"/>
        <source>The report cannot be made without a connection to the service.</source>
        <translation>Rapporten kan inte skapas utan anslutning till tjänsten.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>The figures could not be read from the service: %1</source>
        <translation>Siffrorna kunde inte läsas från tjänsten: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rules could not be read from the service: %1</source>
        <translation>Reglerna kunde inte läsas från tjänsten: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+20"/>
        <source>The history could not be read from the service: %1</source>
        <translation>Historiken kunde inte läsas från tjänsten: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Filen %1 kunde inte skrivas: %2</translation>
    </message>
</context>
<context>
    <name>RuleConfirmDialog</name>
    <message>
        <location filename="../app/gui/ruleconfirmdialog.cpp" line="+144"/>
        <source>Opt out by rule</source>
        <translation>Undanta med regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the group “%1”?</source>
        <translation>Undanta gruppen ”%1”?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out everyone at %1?</source>
        <translation>Undanta alla med en adress på %1?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service could not say whom the rule covers: %1</source>
        <translation>Tjänsten kunde inte ange vilka regeln omfattar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking the service whom the rule covers…</source>
        <translation>Frågar tjänsten vilka regeln omfattar …</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>It covers %Ln user(s) today;</source>
        <translation>
            <numerusform>Den omfattar i dag %Ln användare;</numerusform>
            <numerusform>Den omfattar i dag %Ln användare;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them will be newly opted out.</source>
        <translation>
            <numerusform>%Ln av dem undantas nu för första gången.</numerusform>
            <numerusform>%Ln av dem undantas nu för första gången.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… och %Ln till</numerusform>
            <numerusform>… och %Ln till</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service discards their usage events from now on, and those of everyone who joins the group later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>Tjänsten ignorerar deras användningshändelser från och med nu, och likaså för alla som går med i gruppen senare. Tar du bort regeln i Visa &gt; Regler tas de som bara omfattas av den med igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service discards their usage events from now on, and those of everyone who gets an address at this domain later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>Tjänsten ignorerar deras användningshändelser från och med nu, och likaså för alla som senare får en adress på den här domänen. Tar du bort regeln i Visa &gt; Regler tas de som bara omfattas av den med igen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>A&amp;nledning (valfritt):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: Works agreement 2026</source>
        <translation>Till exempel: Arbetsplatsavtal 2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>&amp;Radera deras lagrade användningsdata nu (kan inte ångras)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Annars sparas data dolda och raderas efter %1, om inte användarna tas med igen innan dess.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Deras lagrade användningsdata raderas direkt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Opt out %Ln user(s)</source>
        <translation>
            <numerusform>&amp;Undanta %Ln användare</numerusform>
            <numerusform>&amp;Undanta %Ln användare</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Opt out</source>
        <translation>&amp;Undanta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message>
        <location filename="../app/gui/rulescontroller.cpp" line="+74"/>
        <source>The rule “%1” was not created: %2</source>
        <translation>Regeln ”%1” skapades inte: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The rule “%1” exists already.</source>
        <translation>Regeln ”%1” finns redan.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Undone: the rule “%1” is back; it covers %Ln user(s).</source>
        <translation>
            <numerusform>Ångrat: regeln ”%1” finns igen; den omfattar %Ln användare.</numerusform>
            <numerusform>Ångrat: regeln ”%1” finns igen; den omfattar %Ln användare.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rule created: “%1” opts out %Ln user(s).</source>
        <translation>
            <numerusform>Regel skapad: ”%1” undantar %Ln användare.</numerusform>
            <numerusform>Regel skapad: ”%1” undantar %Ln användare.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove rule</source>
        <translation>Ta bort regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the rule “%1”?</source>
        <translation>Ta bort regeln ”%1”?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln user(s) will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</source>
        <translation>
            <numerusform>%Ln användare tas med igen: de som varken omfattas av någon annan regel eller av ett eget undantag. Deras användningshändelser registreras igen från och med nu.</numerusform>
            <numerusform>%Ln användare tas med igen: de som varken omfattas av någon annan regel eller av ett eget undantag. Deras användningshändelser registreras igen från och med nu.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove rule</source>
        <translation>&amp;Ta bort regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The rule “%1” was not removed: %2</source>
        <translation>Regeln ”%1” togs inte bort: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undone: the rule “%1” is removed.</source>
        <translation>Ångrat: regeln ”%1” är borttagen.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rule removed: “%1”; %Ln user(s) are opted back in.</source>
        <translation>
            <numerusform>Regel borttagen: ”%1”; %Ln användare tas med igen.</numerusform>
            <numerusform>Regel borttagen: ”%1”; %Ln användare tas med igen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesDock</name>
    <message>
        <location filename="../app/gui/rulesdock.cpp" line="+120"/>
        <source>Rules</source>
        <translation>Regler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rul&amp;es</source>
        <translation>&amp;Regler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move rule…</source>
        <translation>Ta bort r&amp;egel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out rules</source>
        <translation>Undantagsregler</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the rules…</source>
        <translation>Läser in reglerna …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This service has no group or domain rules.</source>
        <translation>Den här tjänsten har inga grupp- eller domänregler.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rule opts users out. To add one, search for a group or type @ and a domain in the users field.</source>
        <translation>Ingen regel undantar användare. Lägg till en genom att söka efter en grupp eller skriva @ och en domän i användarfältet.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln rule(s). Users a rule covers are opted out, including those who join its group or domain later.</source>
        <translation>
            <numerusform>%Ln regel. Användare som omfattas av en regel är undantagna, även de som senare kommer med i dess grupp eller domän.</numerusform>
            <numerusform>%Ln regler. Användare som omfattas av en regel är undantagna, även de som senare kommer med i dess grupp eller domän.</numerusform>
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
        <translation>Grupp: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/core/rulesmodel.cpp" line="-15"/>
        <location line="+6"/>
        <location line="+11"/>
        <source>Domain: %1</source>
        <translation>Domän: %1</translation>
    </message>
    <message>
        <location filename="../app/core/rulesmodel.cpp" line="-34"/>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users covered</source>
        <translation>Omfattade användare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Anledning</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>Skapad av</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Individually</source>
        <translation>Individuellt</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <location filename="../app/gui/sessionbar.cpp" line="+56"/>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your session has expired.</source>
        <translation>Sessionen har gått ut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service no longer accepts your sign-in.</source>
        <translation>Tjänsten godtar inte längre din inloggning.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again to go on: your pending changes are kept and sent then.</source>
        <translation>Logga in igen för att fortsätta: dina väntande ändringar finns kvar och skickas då.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in again…</source>
        <translation>Logga in igen…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/signindialog.ui" line="+9"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradress:</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Sign in with your or&amp;ganisation</source>
        <translation>Logga i&amp;n med organisationens konto</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Other &amp;ways to sign in</source>
        <translation>Andra sä&amp;tt att logga in</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Access &amp;token:</source>
        <translation>&amp;Åtkomsttoken:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>C&amp;A certificate:</source>
        <translation>&amp;CA-certifikat:</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Sign in to the opt-out service with your organisation&apos;s account.</source>
        <translation>Logga in på undantagstjänsten med organisationens konto.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>E-mail a&amp;ddress:</source>
        <translation>&amp;E-postadress:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Optional: a PEM file with the certificate of the authority that issued the service&apos;s certificate, when that authority is your organisation&apos;s own. The system&apos;s authorities are trusted too.</source>
        <translation>Valfritt: en PEM-fil med certifikatet för den certifikatutfärdare som utfärdade tjänstens certifikat, när utfärdaren är din organisations egen. Systemets certifikatutfärdare är också betrodda.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Valfritt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bläddra…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This address is not encrypted: anyone on the network between you and the server can read your access token and use it. Allow it only on a network you trust; the app remembers your choice for this server.</source>
        <translation>Den här adressen är inte krypterad: vem som helst i nätverket mellan dig och servern kan läsa din åtkomsttoken och använda den. Tillåt det bara i ett nätverk du litar på; appen kommer ihåg ditt val för den här servern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send my token &amp;unencrypted to this server</source>
        <translation>Skicka min token &amp;okrypterad till den här servern</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The token is kept in the system keychain, never in a settings file.</source>
        <translation>Token sparas i systemets nyckelring, aldrig i en inställningsfil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember me</source>
        <translation>&amp;Kom ihåg mig</translation>
    </message>
    <message>
        <location filename="../app/gui/signindialog.cpp" line="+146"/>
        <source>Enter your e-mail address to sign in with your organisation&apos;s account.</source>
        <translation>Ange din e-postadress för att logga in med organisationens konto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking up your organisation…</source>
        <translation>Söker efter din organisation…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your web browser. The app goes on by itself once you are signed in there.</source>
        <translation>Fortsätt i webbläsaren. Appen fortsätter av sig själv när du har loggat in där.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Certificate of the certificate authority</source>
        <translation>Certifikatutfärdarens certifikat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certifikat (*.pem *.crt *.cer);;Alla filer (*)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Sign &amp;in</source>
        <translation>&amp;Logga in</translation>
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
            <numerusform>%n ändring väntar</numerusform>
            <numerusform>%n ändringar väntar</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signing in…</source>
        <translation>Loggar in…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the lists saved at the last sync…</source>
        <translation>Läser in listorna som sparades vid den senaste synkroniseringen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading users… %1 %</source>
        <translation>Läser in användare… %1&#xa0;%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the opt-out list…</source>
        <translation>Läser in listan över undantagna användare…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced at %1</source>
        <translation>Synkroniserat kl. %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline — last synced at %1</source>
        <translation>Ingen anslutning – senast synkroniserat %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>Ingen anslutning – nytt försök om %n&#xa0;s</numerusform>
            <numerusform>Ingen anslutning – nytt försök om %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline — retrying now</source>
        <translation>Ingen anslutning – försöker igen nu</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not signed in</source>
        <translation>Inte inloggad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed out</source>
        <translation>Utloggad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../app/gui/tokenstore.cpp" line="+24"/>
        <source>No system keychain is available.</source>
        <translation>Ingen nyckelring är tillgänglig i systemet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access to the system keychain was denied.</source>
        <translation>Åtkomst till systemets nyckelring nekades.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token could not be removed from the system keychain.</source>
        <translation>Token kunde inte tas bort från systemets nyckelring.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system keychain reported an error.</source>
        <translation>Systemets nyckelring rapporterade ett fel.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The system keychain did not answer.</source>
        <translation>Systemets nyckelring svarade inte.</translation>
    </message>
</context>
<context>
    <name>UsageDebuggerDock</name>
    <message>
        <location filename="../app/gui/usagedebuggerdock.cpp" line="+103"/>
        <source>Tracking not started: not signed in</source>
        <translation>Spårningen har inte startat: du är inte inloggad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking on</source>
        <translation>Spårning aktiverad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking off: you are opted out</source>
        <translation>Spårning avstängd: du är undantagen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage tracking debugger</source>
        <translation>Felsökare för användningsspårning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sen&amp;d now</source>
        <translation>&amp;Skicka nu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the waiting events to the service now.</source>
        <translation>Skicka de väntande händelserna till tjänsten nu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded usage events</source>
        <translation>Registrerade användningshändelser</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing is recorded or sent. The service discards the events of opted-out users anyway.</source>
        <translation>Ingenting registreras eller skickas. Tjänsten ignorerar ändå händelser från undantagna användare.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) waiting to be sent.</source>
        <translation>
            <numerusform>%Ln händelse väntar på att skickas.</numerusform>
            <numerusform>%Ln händelser väntar på att skickas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) dropped because the queue was full.</source>
        <translation>
            <numerusform>%Ln händelse kasserades eftersom kön var full.</numerusform>
            <numerusform>%Ln händelser kasserades eftersom kön var full.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last attempt failed: %1</source>
        <translation>Senaste försöket misslyckades: %1</translation>
    </message>
</context>
<context>
    <name>UsageEventLogModel</name>
    <message>
        <location filename="../app/core/usageeventlogmodel.cpp" line="+79"/>
        <source>Time</source>
        <translation>Tid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Properties</source>
        <translation>Egenskaper</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Queued</source>
        <translation>I kö</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued, will retry</source>
        <translation>I kö, försöker igen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending…</source>
        <translation>Skickar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent: accepted %1, discarded %2</source>
        <extracomment>The service&apos;s answer for the batch the event was sent in.</extracomment>
        <translation>Skickad – godtagna: %1, ignorerade: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped</source>
        <translation>Kasserad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Misslyckad</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The queue was full: the oldest unsent events make room for new ones.</source>
        <translation>Kön var full: de äldsta osända händelserna ger plats åt nya.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking is off: you are opted out, so unsent events are not sent.</source>
        <translation>Spårningen är avstängd: du är undantagen, så osända händelser skickas inte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You signed out before this event could be sent.</source>
        <translation>Du loggade ut innan händelsen kunde skickas.</translation>
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
        <translation>Nej</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n event(s), deleted on %1</source>
        <translation>
            <numerusform>%n händelse, raderas den %1</numerusform>
            <numerusform>%n händelser, raderas den %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n händelse</numerusform>
            <numerusform>%n händelser</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Usage events the apps sent for this user (client-side tracking)</source>
        <translation>Användningshändelser som apparna har skickat för den här användaren (spårning på klientsidan)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage events the service recorded for this user&apos;s requests (server-side tracking)</source>
        <translation>Användningshändelser som tjänsten har registrerat för den här användarens begäranden (spårning på serversidan)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Usage events stored before the opt-out: hidden, and deleted by the service on the date shown</source>
        <translation>Användningshändelser som lagrades före undantaget: dolda och raderas av tjänsten på det datum som visas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-postadress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client-side</source>
        <translation>Klientsida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server-side</source>
        <translation>Serversida</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last event</source>
        <translation>Senaste händelse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out</source>
        <translation>Undantagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting deletion</source>
        <translation>Väntar på radering</translation>
    </message>
</context>
<context>
    <name>UsageSummaryWidget</name>
    <message>
        <location filename="../app/gui/usagesummarywidget.cpp" line="+110"/>
        <location line="+5"/>
        <source>Product usage by user</source>
        <translation>Produktanvändning per användare</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Usage events the service has stored for each user, client-side and server-side. Opted-out users contribute none.</source>
        <translation>Användningshändelser som tjänsten har lagrat för varje användare, på klientsidan och serversidan. Undantagna användare bidrar inte med några händelser.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>Up&amp;pdatera</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln client-side event(s) of opted-out users discarded since the service started.</source>
        <translation>
            <numerusform>%Ln händelse på klientsidan från undantagna användare har ignorerats sedan tjänsten startade.</numerusform>
            <numerusform>%Ln händelser på klientsidan från undantagna användare har ignorerats sedan tjänsten startade.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The usage summary could not be loaded: %1</source>
        <translation>Sammanställningen av användningen kunde inte läsas in: %1</translation>
    </message>
</context>
<context>
    <name>UserModel</name>
    <message>
        <location filename="../app/core/usermodel.cpp" line="+36"/>
        <source>%1 is already opted out.</source>
        <translation>%1 är redan undantagen.</translation>
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
        <translation>Namn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>E-postadress</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <location filename="../app/gui/userpicker.cpp" line="+121"/>
        <source>A rule opts this group out already.</source>
        <translation>En regel undantar redan den här gruppen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No user matches “%1”</source>
        <translation>Ingen användare matchar ”%1”</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Domain: %1 — everyone with an address there</source>
        <translation>Domän: %1 – alla med en adress där</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Group: %1 — %n member(s), opted out already</source>
        <translation>
            <numerusform>Grupp: %1 – %n medlem, redan undantagen</numerusform>
            <numerusform>Grupp: %1 – %n medlemmar, redan undantagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Group: %1 — %n member(s)</source>
        <translation>
            <numerusform>Grupp: %1 – %n medlem</numerusform>
            <numerusform>Grupp: %1 – %n medlemmar</numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Search by name or email</source>
        <translation>Sök efter namn eller e-postadress</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+48"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Undanta användare från spårning av produktanvändning.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service&apos;s address.</source>
        <translation>Tjänstens adress.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your access token (else you are asked for it).</source>
        <translation>Din åtkomsttoken (annars blir du tillfrågad om den).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The interface language: en, fr, sv or nl.</source>
        <translation>Gränssnittets språk: en, fr, sv eller nl.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A certificate authority to trust besides the system&apos;s, for an https:// server (PEM file; remembered).</source>
        <translation>En certifikatutfärdare att lita på utöver systemets, för en https://-server (PEM-fil; sparas).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown language: %1</source>
        <translation>Okänt språk: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Invalid server address: %1</source>
        <translation>Ogiltig serveradress: %1</translation>
    </message>
</context>
</TS>
