<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../app/core/apitypes.cpp" line="+48"/>
        <source>The service did not accept the request.</source>
        <translation>Le service n&apos;a pas accepté la requête.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>Votre connexion n&apos;est plus valide. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are not allowed to do this. Only product administrators can change opt-outs.</source>
        <translation>Vous n&apos;avez pas l&apos;autorisation d&apos;effectuer cette action. Seuls les administrateurs et administratrices du produit peuvent modifier les opt‑outs.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The user or the page was not found. It may have been removed.</source>
        <translation>Utilisateur, utilisatrice ou page introuvable. Cet élément a peut-être été supprimé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service does not support this request. The app may be out of date.</source>
        <translation>Le service ne prend pas en charge cette requête. L&apos;application n&apos;est peut-être pas à jour.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The opt-out list was changed by someone else in the meantime. Refresh and try again.</source>
        <translation>La liste d&apos;opt‑out a été modifiée entre-temps par une autre personne. Actualisez-la et réessayez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The request is too large for the service.</source>
        <translation>La requête est trop volumineuse pour le service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The service had an internal error. Please try again later.</source>
        <translation>Le service a rencontré une erreur interne. Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your session has expired. Please sign in again; your pending changes are kept.</source>
        <translation>Votre session a expiré. Veuillez vous reconnecter&#x202f;; vos modifications en attente sont conservées.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation does not sign in with an identity provider here. Sign in with an access token instead.</source>
        <translation>Votre organisation ne se connecte pas ici avec un fournisseur d&apos;identité. Connectez-vous plutôt avec un jeton d&apos;accès.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service did not accept the identity provider&apos;s answer.</source>
        <translation>Le service n&apos;a pas accepté la réponse du fournisseur d&apos;identité.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A group or domain rule opts this user out. Remove the rule in View &gt; Rules to opt them back in.</source>
        <translation>Une règle de groupe ou de domaine place cet utilisateur ou cette utilisatrice en opt‑out. Supprimez la règle dans Affichage &gt; Règles pour effectuer son opt‑in.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Too many attempts. Please wait a minute and try again.</source>
        <translation>Trop de tentatives. Veuillez patienter une minute, puis réessayer.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The service is unavailable (HTTP %1). Please try again later.</source>
        <translation>Le service n&apos;est pas disponible (HTTP %1). Veuillez réessayer plus tard.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service answered with an unexpected error (HTTP %1).</source>
        <translation>Le service a renvoyé une erreur inattendue (HTTP %1).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your organisation&apos;s account is not an administrator of this service. Ask an administrator to add you.</source>
        <translation>Le compte de votre organisation ne permet pas d&apos;administrer ce service. Demandez à un administrateur ou une administratrice de vous ajouter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your account has been deactivated on this service.</source>
        <translation>Votre compte a été désactivé sur ce service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your identity provider has not verified your e-mail address. Verify it there, then sign in again.</source>
        <translation>Votre fournisseur d&apos;identité n&apos;a pas vérifié votre adresse e-mail. Faites-la vérifier auprès de lui, puis reconnectez-vous.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer has expired. Check your computer&apos;s clock, then sign in again.</source>
        <translation>La réponse du fournisseur d&apos;identité a expiré. Vérifiez l&apos;horloge de votre ordinateur, puis reconnectez-vous.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The identity provider&apos;s answer does not belong to this sign-in. Please sign in again.</source>
        <translation>La réponse du fournisseur d&apos;identité ne correspond pas à cette connexion. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer could not be verified. Ask your administrator to check the service&apos;s identity provider settings.</source>
        <translation>La réponse du fournisseur d&apos;identité n&apos;a pas pu être vérifiée. Demandez à votre administrateur ou administratrice de contrôler les paramètres du fournisseur d&apos;identité du service.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service cannot be reached. Check your network connection.</source>
        <translation>Impossible de joindre le service. Vérifiez votre connexion réseau.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service did not answer in time.</source>
        <translation>Le service n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The service sent an answer the app cannot read.</source>
        <translation>Le service a envoyé une réponse que l&apos;application ne peut pas lire.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../app/gui/appcontroller.cpp" line="+109"/>
        <source>Your remembered token could not be read: %1</source>
        <translation>Impossible de lire votre jeton mémorisé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>You will sign in at %1.</source>
        <translation>Vous vous connecterez sur %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your organisation could not be looked up: %1</source>
        <translation>Votre organisation n&apos;a pas pu être recherchée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>Your token could not be remembered: %1</source>
        <translation>Impossible de mémoriser votre jeton&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You will be asked for it next time.</source>
        <translation>Il vous sera redemandé la prochaine fois.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The service did not accept your access token. Please sign in again.</source>
        <translation>Le service n&apos;a pas accepté votre jeton d&apos;accès. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>You are signed out on this computer, but the service could not be told (%1). Your session stays valid on the service until it expires.</source>
        <translation>Vous êtes déconnecté ou déconnectée sur cet ordinateur, mais le service n&apos;a pas pu en être informé (%1). Votre session reste valide sur le service jusqu&apos;à son expiration.</translation>
    </message>
</context>
<context>
    <name>ConfirmChangeDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/confirmchangedialog.cpp" line="+131"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln jour</numerusform>
            <numerusform>%Ln jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln heure</numerusform>
            <numerusform>%Ln heures</numerusform>
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
            <numerusform>%Ln seconde</numerusform>
            <numerusform>%Ln secondes</numerusform>
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
        <translation>Opt‑out d&apos;utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt in users</source>
        <translation>Opt‑in d&apos;utilisateurs et utilisatrices</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt out %Ln user(s)?</source>
        <translation>
            <numerusform>Opt‑out de %Ln utilisateur ou utilisatrice&#x202f;?</numerusform>
            <numerusform>Opt‑out de %Ln utilisateurs et utilisatrices&#x202f;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)?</source>
        <translation>
            <numerusform>Opt‑in de %Ln utilisateur ou utilisatrice&#x202f;?</numerusform>
            <numerusform>Opt‑in de %Ln utilisateurs et utilisatrices&#x202f;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… et %Ln autre</numerusform>
            <numerusform>… et %Ln autres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>Ces personnes seront exclues du suivi de l&apos;utilisation des produits&#xa0;: le service ignore désormais leurs événements d&apos;utilisation. Vous pourrez annuler cette action pendant un certain temps.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They will be included in product usage tracking again: the service records their usage events from now on.</source>
        <translation>Ces personnes seront de nouveau incluses dans le suivi de l&apos;utilisation des produits&#xa0;: le service enregistre désormais leurs événements d&apos;utilisation.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Opt‑out de %Ln utilisateur ou utilisatrice</numerusform>
            <numerusform>Opt‑out de %Ln utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Opt in %Ln user(s)</source>
        <translation>
            <numerusform>Opt‑in de %Ln utilisateur ou utilisatrice</numerusform>
            <numerusform>Opt‑in de %Ln utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Par exemple&#xa0;: demande RGPD n°&#xa0;4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>&amp;Supprimer dès maintenant leurs données d&apos;utilisation stockées (irréversible)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Sinon, ces données sont conservées, masquées, puis supprimées au bout de %1, sauf en cas d&apos;opt‑in d&apos;ici là.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Leurs données d&apos;utilisation stockées sont supprimées immédiatement.</translation>
    </message>
</context>
<context>
    <name>ConnectionSecurity</name>
    <message>
        <location filename="../app/core/connectionsecurity.cpp" line="+87"/>
        <source>The certificate of %1 was not issued by an authority this computer trusts, so the app cannot tell that it is talking to the service. If your organisation has its own certificate authority, give its certificate when you sign in. Certificate fingerprint (SHA-256): %2</source>
        <translation>Le certificat de %1 n&apos;a pas été émis par une autorité de certification reconnue par cet ordinateur&#xa0;: l&apos;application ne peut donc pas s&apos;assurer qu&apos;elle communique avec le service. Si votre organisation a sa propre autorité de certification, indiquez son certificat lorsque vous vous connectez. Empreinte du certificat (SHA-256)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The certificate of %1 expired on %2, so the app cannot trust the connection. The service&apos;s administrator must renew it. Certificate fingerprint (SHA-256): %3</source>
        <translation>Le certificat de %1 a expiré le %2&#xa0;: l&apos;application ne peut donc pas faire confiance à la connexion. L&apos;administrateur ou l&apos;administratrice du service doit le renouveler. Empreinte du certificat (SHA-256)&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The certificate of %1 is valid only from %2. Check the date and time of this computer. Certificate fingerprint (SHA-256): %3</source>
        <translation>Le certificat de %1 n&apos;est valide qu&apos;à partir du %2. Vérifiez la date et l&apos;heure de cet ordinateur. Empreinte du certificat (SHA-256)&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The certificate presented by %1 is made out to another name, so the app may not be talking to the service. Check the server address. Certificate fingerprint (SHA-256): %2</source>
        <translation>Le certificat présenté par %1 est établi pour un autre nom&#xa0;: l&apos;application ne communique peut-être pas avec le service. Vérifiez l&apos;adresse du serveur. Empreinte du certificat (SHA-256)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secure connection to %1 failed: %2 Certificate fingerprint (SHA-256): %3</source>
        <translation>La connexion sécurisée à %1 a échoué&#xa0;: %2 Empreinte du certificat (SHA-256)&#xa0;: %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The app does not send your access token unencrypted to %1. Use an https:// address, or allow unencrypted connections to this server when you sign in.</source>
        <translation>L&apos;application n&apos;envoie pas votre jeton d&apos;accès non chiffré à %1. Utilisez une adresse https://, ou autorisez les connexions non chiffrées à ce serveur lorsque vous vous connectez.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The certificate file %1 cannot be read: %2</source>
        <translation>Le fichier de certificat %1 ne peut pas être lu&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The file %1 holds no certificate.</source>
        <translation>Le fichier %1 ne contient aucun certificat.</translation>
    </message>
</context>
<context>
    <name>ContextHelpPopup</name>
    <message>
        <location filename="../app/gui/contexthelp.cpp" line="+63"/>
        <source>Opt-out user</source>
        <translation>Opt‑out de l&apos;utilisateur ou de l&apos;utilisatrice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a user of your organisation and press &lt;b&gt;Opt-out&lt;/b&gt;: they are excluded from product usage tracking at once and appear in the list below. Type to search: every word you type must start a word of the name or e-mail, in any order; accents and case do not matter. The list shows each user&apos;s e-mail, so two people of the same name can be told apart; users matching your words exactly come first. Only a user you choose from the list (a click, or Enter on the highlighted match) is picked; editing the text afterwards drops the pick.</source>
        <translation>Choisissez un utilisateur ou une utilisatrice de votre organisation et cliquez sur &lt;b&gt;Opt‑out&lt;/b&gt;&#xa0;: cette personne est immédiatement exclue du suivi de l&apos;utilisation des produits et apparaît dans la liste ci-dessous. Pour rechercher, saisissez du texte&#xa0;: chaque mot saisi doit correspondre au début d&apos;un mot du nom ou de l&apos;adresse e-mail, dans n&apos;importe quel ordre&#x202f;; ni les accents ni la casse ne comptent. La liste affiche l&apos;adresse e-mail de chaque personne, ce qui permet de distinguer deux homonymes&#x202f;; les personnes qui correspondent exactement aux mots saisis apparaissent en premier. Seule une personne choisie dans la liste (d&apos;un clic, ou avec Entrée sur la correspondance en surbrillance) est sélectionnée&#x202f;; modifier le texte ensuite annule la sélection.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt out with a reason</source>
        <translation>Opt‑out avec un motif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit &gt; Opt out with a reason… (%1, or the Opt-out button&apos;s right-click menu) asks for a reason (at most 500 characters) and can delete the user&apos;s stored usage data at once, which cannot be undone.</source>
        <translation>Édition &gt; Opt‑out avec un motif… (%1, ou le menu contextuel du bouton Opt‑out) demande un motif (500&#xa0;caractères au plus) et permet de supprimer immédiatement les données d&apos;utilisation stockées de la personne, ce qui est irréversible.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opt-out user list</source>
        <translation>Liste d&apos;opt‑out des utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone who is opted out, with when and by whom. Right-click the header to show the Reason and Deletion planned columns; click a header to sort. Tick users (Space ticks the selected rows, the header&apos;s box ticks them all) and press &lt;b&gt;Opt-in&lt;/b&gt; to include them again; for more than one user you are asked first. A row&apos;s right-click menu also offers Show history and Delete stored data now.</source>
        <translation>Toutes les personnes en opt‑out, avec la date de l&apos;opt‑out et la personne qui l&apos;a effectué. Faites un clic droit sur l&apos;en-tête pour afficher les colonnes Motif et Suppression prévue&#x202f;; cliquez sur un en-tête pour trier. Cochez des personnes (la touche Espace coche les lignes sélectionnées, la case de l&apos;en-tête les coche toutes) et cliquez sur &lt;b&gt;Opt‑in&lt;/b&gt; pour les réintégrer&#x202f;; pour plusieurs personnes, une confirmation vous est d&apos;abord demandée. Le menu contextuel d&apos;une ligne propose aussi Afficher l&apos;historique et Supprimer maintenant les données stockées.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Narrows the list to the users whose name or e-mail holds what you type; the count beside it says how many of all are shown. It never changes who is opted out.</source>
        <translation>Limite la liste aux personnes dont le nom ou l&apos;adresse e-mail contient le texte saisi&#x202f;; le compteur à côté indique le nombre de personnes affichées sur le total. Le filtre n&apos;a aucun effet sur les opt‑outs.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After a single opt-out or opt-in, the message bar offers Undo (also Edit &gt; Undo, %1) for 15 seconds. A change not sent yet is taken back and never sent; one the service has confirmed is reversed.</source>
        <translation>Après l&apos;opt‑out ou l&apos;opt‑in d&apos;une seule personne, la barre de messages propose Annuler (également Édition &gt; Annuler, %1) pendant 15&#xa0;secondes. Une modification non encore envoyée est retirée et ne sera jamais envoyée&#x202f;; une modification déjà confirmée par le service est inversée.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes show at once and are marked pending until the service confirms them. When the service cannot be reached they stay pending, are retried and kept across restarts; the status bar&apos;s &quot;changes pending&quot; link lists them, and there you can cancel them.</source>
        <translation>Les modifications s&apos;affichent immédiatement et sont signalées comme en attente jusqu&apos;à ce que le service les confirme. Lorsque le service est injoignable, elles restent en attente, leur envoi est retenté et elles sont conservées même après un redémarrage&#x202f;; le lien «&#xa0;modifications en attente&#xa0;» de la barre d&apos;état les répertorie, et vous pouvez les y annuler.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View &gt; History (%1), or Show history on a row: the organisation&apos;s opt-outs, opt-ins and deletions of stored data, newest first, with who did it and why. Filter it by user, by who did it, by action and by dates; a name typed but not chosen from the list filters nothing, and the dock says so.</source>
        <translation>Affichage &gt; Historique (%1), ou Afficher l&apos;historique dans le menu contextuel d&apos;une ligne&#xa0;: les opt‑outs, opt‑ins et suppressions de données stockées de l&apos;organisation, du plus récent au plus ancien, avec la personne qui a effectué chaque action et son motif. Filtrez-le par utilisateur ou utilisatrice, par personne ayant effectué l&apos;action, par action et par dates&#x202f;; un nom saisi mais non choisi dans la liste ne filtre rien, et le panneau le signale.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opt out from a list, and export</source>
        <translation>Opt‑out à partir d&apos;une liste et exportation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File &gt; Opt out users from a list… reads e-mail addresses pasted or from a CSV or text file and shows what it found before anything is sent. File &gt; Export saves the opt-out list or the history as a CSV file.</source>
        <translation>Fichier &gt; Opt‑out d&apos;utilisateurs et utilisatrices à partir d&apos;une liste… lit des adresses e-mail collées ou issues d&apos;un fichier CSV ou texte, et présente le résultat avant tout envoi. Fichier &gt; Exporter enregistre la liste d&apos;opt‑out ou l&apos;historique dans un fichier CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeping up to date</source>
        <translation>Rester à jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list follows other administrators&apos; changes by itself; %1 refreshes it now. The window&apos;s title names the organisation and the server you are signed in to. View &gt; Language switches the language at once.</source>
        <translation>La liste reflète automatiquement les modifications des autres administrateurs et administratrices&#x202f;; %1 l&apos;actualise immédiatement. Le titre de la fenêtre indique l&apos;organisation et le serveur de la session en cours. Affichage &gt; Langue change immédiatement la langue de l&apos;interface.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt out users</source>
        <translation>Exclusion des utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Excluez les utilisateurs et utilisatrices du suivi de l&apos;utilisation des produits.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help: %1</source>
        <translation>Aide&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-out settings</source>
        <translation>Paramètres d&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Help on this page</source>
        <translation>Aide sur cette page</translation>
    </message>
</context>
<context>
    <name>CsvExporter</name>
    <message>
        <location filename="../app/core/csvexporter.cpp" line="+160"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>User ID</source>
        <translation>Identifiant de l&apos;utilisateur ou de l&apos;utilisatrice</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Opted out at</source>
        <translation>Date de l&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (name)</source>
        <translation>Opt‑out par (nom)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted out by (email)</source>
        <translation>Opt‑out par (adresse e-mail)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned deletion</source>
        <translation>Suppression prévue</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User name</source>
        <translation>Nom de l&apos;utilisateur ou de l&apos;utilisatrice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>User email</source>
        <translation>Adresse e-mail de l&apos;utilisateur ou de l&apos;utilisatrice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By (name)</source>
        <translation>Par (nom)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By (email)</source>
        <translation>Par (adresse e-mail)</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+15"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Events deleted</source>
        <translation>Événements supprimés</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>The history could not be read from the service: %1</source>
        <translation>Impossible de lire l&apos;historique auprès du service&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Impossible d&apos;écrire le fichier %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>EnforcementModel</name>
    <message>
        <location filename="../app/core/enforcementmodel.cpp" line="+70"/>
        <source>Day</source>
        <translation>Jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events accepted</source>
        <translation>Événements acceptés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events discarded</source>
        <translation>Événements ignorés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored events deleted</source>
        <translation>Événements stockés supprimés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-outs</source>
        <translation>Opt‑outs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-ins</source>
        <translation>Opt‑ins</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted-out users</source>
        <translation>Utilisateurs et utilisatrices exclus</translation>
    </message>
</context>
<context>
    <name>ExportController</name>
    <message>
        <location filename="../app/gui/exportcontroller.cpp" line="+35"/>
        <source>opt-outs-%1.csv</source>
        <translation>exclusions-%1.csv</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>history-%1.csv</source>
        <translation>historique-%1.csv</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the opt-out user list</source>
        <translation>Exporter la liste d&apos;opt‑out des utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the history</source>
        <translation>Exporter l&apos;historique</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+41"/>
        <location line="+6"/>
        <location line="+4"/>
        <source>Export</source>
        <translation>Exportation</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Exporting to %1…</source>
        <translation>Exportation vers %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 of about %2 entries written…</source>
        <translation>%1 entrées écrites sur environ %2…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 entries written…</source>
        <translation>%1 entrées écrites…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%Ln row(s) exported to %1.</source>
        <translation>
            <numerusform>%Ln ligne exportée vers %1.</numerusform>
            <numerusform>%Ln lignes exportées vers %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The export was cancelled. Nothing was written to %1.</source>
        <translation>L&apos;exportation a été annulée. Rien n&apos;a été écrit dans %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Rien n&apos;a été écrit dans %1.</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <location filename="../app/gui/historydock.cpp" line="+243"/>
        <source>The start date is after the end date.</source>
        <translation>La date de début est postérieure à la date de fin.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entrée</numerusform>
            <numerusform>%n entrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n entry(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n entrée pour l&apos;instant&#x202f;; faites défiler pour en voir plus</numerusform>
            <numerusform>%n entrées pour l&apos;instant&#x202f;; faites défiler pour en voir plus</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Histor&amp;y of:</source>
        <translation>&amp;Historique de&#xa0;:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fro&amp;m:</source>
        <translation>Dé&amp;but&#xa0;:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>&amp;By:</source>
        <translation>&amp;Par&#xa0;:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>“%1”</source>
        <translation>«&#xa0;%1&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Not filtered by %1: choose a user from the list, or clear the field.</source>
        <translation>
            <numerusform>Aucun filtrage sur %1&#xa0;: choisissez une personne dans la liste ou videz le champ.</numerusform>
            <numerusform>Aucun filtrage sur %1&#xa0;: choisissez des personnes dans les listes ou videz les champs.</numerusform>
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
        <location line="+3"/>
        <source>%n action(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n action pour l&apos;instant&#x202f;; faites défiler pour en voir plus</numerusform>
            <numerusform>%n actions pour l&apos;instant&#x202f;; faites défiler pour en voir plus</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A&amp;ction:</source>
        <translation>A&amp;ction&#xa0;:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throu&amp;gh:</source>
        <translation>&amp;Jusqu&apos;au&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the history with these filters as a CSV file</source>
        <translation>Enregistrer l&apos;historique avec ces filtres dans un fichier CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>Any user</source>
        <translation>Tout utilisateur ou toute utilisatrice</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+2"/>
        <source>Anyone</source>
        <translation>N&apos;importe qui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any action</source>
        <translation>Toute action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Through date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History entries</source>
        <translation>Entrées de l&apos;historique</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../app/core/historymodel.cpp" line="+147"/>
        <source>Opt-out</source>
        <translation>Opt‑out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-in</source>
        <translation>Opt‑in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored data deleted</source>
        <translation>Données stockées supprimées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule created</source>
        <translation>Règle créée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rule removed</source>
        <translation>Règle supprimée</translation>
    </message>
    <message numerus="yes">
        <location line="+208"/>
        <source>Rule created (%n user(s) opted out)</source>
        <translation>
            <numerusform>Règle créée (%n utilisateur ou utilisatrice en opt‑out)</numerusform>
            <numerusform>Règle créée (%n utilisateurs et utilisatrices en opt‑out)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Rule removed (%n user(s) opted back in)</source>
        <translation>
            <numerusform>Règle supprimée (opt‑in de %n utilisateur ou utilisatrice)</numerusform>
            <numerusform>Règle supprimée (opt‑in de %n utilisateurs et utilisatrices)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location line="+46"/>
        <source>Stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>Données stockées supprimées (%n événement)</numerusform>
            <numerusform>Données stockées supprimées (%n événements)</numerusform>
        </translation>
    </message>
    <message>
        <location line="-33"/>
        <source>The directory</source>
        <translation>L&apos;annuaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service</source>
        <translation>Le service</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Opted out %1, opted in %2</source>
        <translation>Opt‑out de %1, opt‑in de %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+1"/>
        <location line="+42"/>
        <source>%n user(s)</source>
        <translation>
            <numerusform>%n utilisateur ou utilisatrice</numerusform>
            <numerusform>%n utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-40"/>
        <source>Opted out %n user(s)</source>
        <translation>
            <numerusform>Opt‑out de %n utilisateur ou utilisatrice</numerusform>
            <numerusform>Opt‑out de %n utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Opted in %n user(s)</source>
        <translation>
            <numerusform>Opt‑in de %n utilisateur ou utilisatrice</numerusform>
            <numerusform>Opt‑in de %n utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%1; stored data deleted (%n event(s))</source>
        <translation>
            <numerusform>%1&#x202f;; données stockées supprimées (%n événement)</numerusform>
            <numerusform>%1&#x202f;; données stockées supprimées (%n événements)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+60"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur ou utilisatrice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../app/gui/importdialog.cpp" line="+260"/>
        <source>Open a list of e-mail addresses</source>
        <translation>Ouvrir une liste d&apos;adresses e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV and text files (*.csv *.txt *.tsv);;All files (*)</source>
        <translation>Fichiers CSV et texte (*.csv *.txt *.tsv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>All (%1)</source>
        <translation>Toutes (%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the pasted text…</source>
        <translation>Lecture du texte collé…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the list was cancelled.</source>
        <translation>La lecture de la liste a été interrompue.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From %1</source>
        <translation>Fichier&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pasted text, too long to show here</source>
        <translation>Texte collé, trop long pour être affiché ici</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing read yet: paste addresses or open a file.</source>
        <translation>Rien n&apos;a encore été lu&#xa0;: collez des adresses ou ouvrez un fichier.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln line(s) read.</source>
        <translation>
            <numerusform>%Ln ligne lue.</numerusform>
            <numerusform>%Ln lignes lues.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln blank line(s) skipped.</source>
        <translation>
            <numerusform>%Ln ligne vide ignorée.</numerusform>
            <numerusform>%Ln lignes vides ignorées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Opt out %Ln user(s)</source>
        <translation>
            <numerusform>Opt‑out de %Ln utilisateur ou utilisatrice</numerusform>
            <numerusform>Opt‑out de %Ln utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt out</source>
        <translation>Opt‑out</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Opt out users from a list</source>
        <translation>Opt‑out d&apos;utilisateurs et utilisatrices à partir d&apos;une liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file. Every address found is compared with the users of your organization; other columns are ignored. Nothing changes until you confirm below.</source>
        <translation>Collez des adresses e-mail ou ouvrez un fichier CSV ou texte. Chaque adresse trouvée est comparée aux utilisateurs et utilisatrices de votre organisation&#x202f;; les autres colonnes sont ignorées. Rien ne change tant que vous n&apos;avez pas confirmé ci-dessous.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Paste addresses:</source>
        <translation>&amp;Coller des adresses&#xa0;:</translation>
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
        <translation>&amp;Ouvrir un fichier…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Stop</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: GDPR request #4411</source>
        <translation>Par exemple&#xa0;: demande RGPD n°&#xa0;4411</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The users to opt out will be excluded from product usage tracking: the service discards their usage events from now on. You can undo this for a while.</source>
        <translation>Les utilisateurs et utilisatrices concernés par l&apos;opt‑out seront exclus du suivi de l&apos;utilisation des produits&#xa0;: le service ignore désormais leurs événements d&apos;utilisation. Vous pourrez annuler cette action pendant un certain temps.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <location filename="../app/core/importpreviewmodel.cpp" line="+64"/>
        <source>To opt out</source>
        <translation>Opt‑out prévu</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>Already opted out</source>
        <translation>Déjà en opt‑out</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Unknown</source>
        <translation>Inconnues</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable</source>
        <translation>Illisibles</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ignored</source>
        <translation>Ignorées</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Will be opted out</source>
        <translation>Opt‑out prévu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not a user of your organization</source>
        <translation>Ne fait pas partie de votre organisation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duplicate of line %1</source>
        <translation>Doublon de la ligne %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unreadable: not UTF-8 text</source>
        <translation>Illisible&#xa0;: ce n&apos;est pas du texte UTF-8</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: &quot;%1&quot; is not an e-mail address</source>
        <translation>Illisible&#xa0;: «&#xa0;%1&#xa0;» n&apos;est pas une adresse e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unreadable: no e-mail address</source>
        <translation>Illisible&#xa0;: aucune adresse e-mail</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column names, ignored</source>
        <translation>Noms de colonnes, ignorés</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>Texte lu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User</source>
        <translation>Utilisateur ou utilisatrice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
</context>
<context>
    <name>ImportResult</name>
    <message>
        <location filename="../app/core/optoutimport.cpp" line="+488"/>
        <source>The list is larger than %1 MB; nothing was read. Split it into smaller lists.</source>
        <translation>La liste dépasse %1&#xa0;Mo&#x202f;; rien n&apos;a été lu. Divisez-la en listes plus petites.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file cannot be opened: %1</source>
        <translation>Le fichier ne peut pas être ouvert&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a text or CSV file (or it is UTF-16 without a byte order mark); nothing was read. Save it as CSV (UTF-8) and try again.</source>
        <translation>Ce n&apos;est pas un fichier texte ou CSV (ou c&apos;est de l&apos;UTF-16 sans indicateur d&apos;ordre des octets)&#x202f;; rien n&apos;a été lu. Enregistrez-le au format CSV (UTF-8) et réessayez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file says it is UTF-16 but cannot be read as UTF-16; nothing was read.</source>
        <translation>Le fichier se déclare en UTF-16 mais ne peut pas être lu en UTF-16&#x202f;; rien n&apos;a été lu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Line %1: a quoted field is not closed (a closing &quot; is missing); nothing was read.</source>
        <translation>Ligne %1&#xa0;: un champ entre guillemets n&apos;est pas fermé (il manque un &quot; fermant)&#x202f;; rien n&apos;a été lu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the list was cancelled.</source>
        <translation>La lecture de la liste a été interrompue.</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <location filename="../app/gui/lengthcounter.cpp" line="+31"/>
        <source>%1 / %2: the limit</source>
        <comment>characters typed / the most allowed</comment>
        <translation>%1 / %2&#xa0;: limite atteinte</translation>
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
            <numerusform>%Ln caractère sur %1</numerusform>
            <numerusform>%Ln caractères sur %1</numerusform>
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
        <translation>Paramètres d&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Try &amp;again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+89"/>
        <source>Change &amp;server…</source>
        <translation>Changer de ser&amp;veur…</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+89"/>
        <source>Sign in with another service address or token</source>
        <translation>Se connecter avec une autre adresse de service ou un autre jeton</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Fermer ce message</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/gui/mainwindow.cpp" line="+246"/>
        <location line="+1"/>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only product administrators can see this page.</source>
        <translation>Seuls les administrateurs et administratrices du produit peuvent voir cette page.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opt out users from a &amp;list…</source>
        <translation>Opt‑out d&apos;utilisateurs et utilisatrices à partir d&apos;une &amp;liste…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste e-mail addresses or open a CSV or text file, check the preview, then opt the users out</source>
        <translation>Coller des adresses e-mail ou ouvrir un fichier CSV ou texte, vérifier l&apos;aperçu, puis effectuer l&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign &amp;out</source>
        <translation>Se &amp;déconnecter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Pending changes…</source>
        <translation>&amp;Modifications en attente…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/gui/mainwindow.cpp" line="-263"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Help on &amp;this page</source>
        <translation>&amp;Aide sur cette page</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Opt-out settings</source>
        <translation>À &amp;propos des paramètres d&apos;opt‑out</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="+77"/>
        <source>%1 is opted out. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>Opt‑out enregistré pour %1. Jusqu&apos;à ce que cette personne se déconnecte et se reconnecte, elle peut encore voir les données de suivi côté client dans son débogueur&#x202f;; le service ignore ces données.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>Réintégration dans le suivi de l&apos;utilisation des produits&#xa0;: %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Réintégration dans le suivi de l&apos;utilisation des produits&#xa0;: %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-81"/>
        <source>Usage summary</source>
        <translation>Récapitulatif de l&apos;utilisation</translation>
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
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The group and domain rules that opt users out</source>
        <translation>Les règles de groupe et de domaine qui placent des utilisateurs en opt‑out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out list as CSV…</source>
        <translation>Liste d&apos;&amp;opt‑out en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;History as CSV…</source>
        <translation>&amp;Historique en CSV…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Signed in as %1</source>
        <translation>Compte connecté&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+197"/>
        <source>Could not sign in: nothing answered at %1. Check the service address, or try again later.</source>
        <translation>Connexion impossible&#xa0;: rien n&apos;a répondu à l&apos;adresse %1. Vérifiez l&apos;adresse du service ou réessayez plus tard.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Changes saved from the last session could not be read. They were kept in %1.</source>
        <translation>Les modifications enregistrées lors de la dernière session n&apos;ont pas pu être lues. Elles ont été conservées dans %1.</translation>
    </message>
    <message>
        <location filename="../app/gui/actionmessages.cpp" line="-76"/>
        <source>%1 will be opted out, and their stored usage data deleted, as soon as the service confirms.</source>
        <translation>L&apos;opt‑out de %1 et la suppression de ses données d&apos;utilisation stockées prendront effet dès que le service les aura confirmés.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 will be opted out as soon as the service confirms.</source>
        <translation>L&apos;opt‑out de %1 prendra effet dès que le service l&apos;aura confirmé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 will be included again as soon as the service confirms.</source>
        <translation>L&apos;opt‑in de %1 prendra effet dès que le service l&apos;aura confirmé.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) will be included again as soon as the service confirms.</source>
        <translation>
            <numerusform>L&apos;opt‑in de %Ln utilisateur ou utilisatrice prendra effet dès que le service l&apos;aura confirmé.</numerusform>
            <numerusform>L&apos;opt‑in de %Ln utilisateurs et utilisatrices prendra effet dès que le service l&apos;aura confirmé.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The pending opt-out of %1 and this opt-in cancel out: nothing will be sent.</source>
        <translation>L&apos;opt‑out en attente de %1 et cet opt‑in s&apos;annulent&#xa0;: rien ne sera envoyé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pending opt-in of %1 and this opt-out cancel out: nothing will be sent.</source>
        <translation>L&apos;opt‑in en attente de %1 et cet opt‑out s&apos;annulent&#xa0;: rien ne sera envoyé.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The pending changes of %Ln user(s) and this one cancel out: nothing will be sent for them.</source>
        <translation>
            <numerusform>La modification en attente de %Ln utilisateur ou utilisatrice et celle-ci s&apos;annulent&#xa0;: rien ne sera envoyé pour cette personne.</numerusform>
            <numerusform>Les modifications en attente de %Ln utilisateurs et utilisatrices et celle-ci s&apos;annulent&#xa0;: rien ne sera envoyé pour ces personnes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is already included.</source>
        <translation>%1 ne fait l&apos;objet d&apos;aucun opt‑out.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is already opted out.</source>
        <translation>%1 fait déjà l&apos;objet d&apos;un opt‑out.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) are already included.</source>
        <translation>
            <numerusform>%Ln utilisateur ou utilisatrice ne fait l&apos;objet d&apos;aucun opt‑out.</numerusform>
            <numerusform>%Ln utilisateurs et utilisatrices ne font l&apos;objet d&apos;aucun opt‑out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln user(s) are already opted out.</source>
        <translation>
            <numerusform>%Ln utilisateur ou utilisatrice fait déjà l&apos;objet d&apos;un opt‑out.</numerusform>
            <numerusform>%Ln utilisateurs et utilisatrices font déjà l&apos;objet d&apos;un opt‑out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>Undone: the change of %Ln user(s) was never sent.</source>
        <translation>
            <numerusform>Annulé&#xa0;: la modification concernant %Ln utilisateur ou utilisatrice n&apos;a jamais été envoyée.</numerusform>
            <numerusform>Annulé&#xa0;: la modification concernant %Ln utilisateurs et utilisatrices n&apos;a jamais été envoyée.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being included again.</source>
        <translation>
            <numerusform>Annulation&#xa0;: l&apos;opt‑in de %Ln utilisateur ou utilisatrice est en cours.</numerusform>
            <numerusform>Annulation&#xa0;: l&apos;opt‑in de %Ln utilisateurs et utilisatrices est en cours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Undoing: %Ln user(s) are being opted out again.</source>
        <translation>
            <numerusform>Annulation&#xa0;: l&apos;opt‑out de %Ln utilisateur ou utilisatrice est en cours.</numerusform>
            <numerusform>Annulation&#xa0;: l&apos;opt‑out de %Ln utilisateurs et utilisatrices est en cours.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undone: the opt-out of %1 was never sent.</source>
        <translation>Annulé&#xa0;: l&apos;opt‑out de %1 n&apos;a jamais été envoyé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undone: the opt-in of %1 was never sent.</source>
        <translation>Annulé&#xa0;: l&apos;opt‑in de %1 n&apos;a jamais été envoyé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undoing: %1 is being included again. Their stored usage data was already deleted and cannot be brought back.</source>
        <translation>Annulation&#xa0;: l&apos;opt‑in de %1 est en cours. Ses données d&apos;utilisation stockées ont déjà été supprimées et ne peuvent pas être restaurées.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undoing: %1 is being included again.</source>
        <translation>Annulation&#xa0;: l&apos;opt‑in de %1 est en cours.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undoing: %1 is being opted out again.</source>
        <translation>Annulation&#xa0;: l&apos;opt‑out de %1 est en cours.</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="-175"/>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s) not yet confirmed by the service. They are kept and sent at the next start.</source>
        <translation>
            <numerusform>%n modification non encore confirmée par le service. Elle est conservée et sera envoyée au prochain démarrage.</numerusform>
            <numerusform>%n modifications non encore confirmées par le service. Elles sont conservées et seront envoyées au prochain démarrage.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/actionmessages.cpp" line="-88"/>
        <source>%Ln other user(s) were already opted out (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>%Ln autre utilisateur ou utilisatrice faisait déjà l&apos;objet d&apos;un opt‑out (modification effectuée ailleurs entre-temps)&#x202f;; rien n&apos;a été envoyé pour cette personne.</numerusform>
            <numerusform>%Ln autres utilisateurs et utilisatrices faisaient déjà l&apos;objet d&apos;un opt‑out (modification effectuée ailleurs entre-temps)&#x202f;; rien n&apos;a été envoyé pour ces personnes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln other user(s) were already included again (changed elsewhere meanwhile); nothing was sent for them.</source>
        <translation>
            <numerusform>L&apos;opt‑in de %Ln autre utilisateur ou utilisatrice avait déjà eu lieu (modification effectuée ailleurs entre-temps)&#x202f;; rien n&apos;a été envoyé pour cette personne.</numerusform>
            <numerusform>L&apos;opt‑in de %Ln autres utilisateurs et utilisatrices avait déjà eu lieu (modification effectuée ailleurs entre-temps)&#x202f;; rien n&apos;a été envoyé pour ces personnes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>For %Ln other user(s), a pending opposite change and this one cancelled out; nothing was sent for them.</source>
        <translation>
            <numerusform>Pour %Ln autre utilisateur ou utilisatrice, une modification inverse en attente et celle-ci se sont annulées&#x202f;; rien n&apos;a été envoyé pour cette personne.</numerusform>
            <numerusform>Pour %Ln autres utilisateurs et utilisatrices, des modifications inverses en attente et celle-ci se sont annulées&#x202f;; rien n&apos;a été envoyé pour ces personnes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is opted out and their stored usage data is deleted. Until they sign out and sign in again, they may still see client-side tracking data in their debugger; the service discards that data.</source>
        <translation>Opt‑out enregistré pour %1, et ses données d&apos;utilisation stockées sont supprimées. Jusqu&apos;à ce que cette personne se déconnecte et se reconnecte, elle peut encore voir les données de suivi côté client dans son débogueur&#x202f;; le service ignore ces données.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln user(s) opted out of product usage tracking; their stored usage data is deleted.</source>
        <translation>
            <numerusform>Opt‑out enregistré pour %Ln utilisateur ou utilisatrice&#x202f;; ses données d&apos;utilisation stockées sont supprimées.</numerusform>
            <numerusform>Opt‑out enregistré pour %Ln utilisateurs et utilisatrices&#x202f;; leurs données d&apos;utilisation stockées sont supprimées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is included in product usage tracking again.</source>
        <translation>Opt‑in enregistré pour %1&#xa0;: cette personne est de nouveau incluse dans le suivi de l&apos;utilisation des produits.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) opted out of product usage tracking.</source>
        <translation>
            <numerusform>Opt‑out enregistré pour %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Opt‑out enregistré pour %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>The service refused to opt out %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>Le service a refusé l&apos;opt‑out de %Ln utilisateur ou utilisatrice&#x202f;; la modification a été annulée.</numerusform>
            <numerusform>Le service a refusé l&apos;opt‑out de %Ln utilisateurs et utilisatrices&#x202f;; les modifications ont été annulées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The service refused to opt in %Ln user(s); it was undone.</source>
        <translation>
            <numerusform>Le service a refusé l&apos;opt‑in de %Ln utilisateur ou utilisatrice&#x202f;; la modification a été annulée.</numerusform>
            <numerusform>Le service a refusé l&apos;opt‑in de %Ln utilisateurs et utilisatrices&#x202f;; les modifications ont été annulées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>%1 was included again, in another window or by another administrator.</source>
        <translation>L&apos;opt‑in de %1 a été effectué dans une autre fenêtre ou par un autre administrateur ou une autre administratrice.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) included again, in another window or by another administrator.</source>
        <translation>
            <numerusform>Opt‑in effectué pour %Ln utilisateur ou utilisatrice dans une autre fenêtre ou par un autre administrateur ou une autre administratrice.</numerusform>
            <numerusform>Opt‑in effectué pour %Ln utilisateurs et utilisatrices dans une autre fenêtre ou par un autre administrateur ou une autre administratrice.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-68"/>
        <source>The service refused to opt out %1; it was undone.</source>
        <translation>Le service a refusé l&apos;opt‑out de %1&#x202f;; la modification a été annulée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service refused to opt in %1; it was undone.</source>
        <translation>Le service a refusé l&apos;opt‑in de %1&#x202f;; la modification a été annulée.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1 of %Ln user(s) opted out.</source>
        <translation>
            <numerusform>Opt‑out enregistré pour %1 sur %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Opt‑out enregistré pour %1 sur %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln user(s) included in product usage tracking again.</source>
        <translation>
            <numerusform>Opt‑in enregistré pour %1 sur %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Opt‑in enregistré pour %1 sur %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The service refused the other %Ln; they were undone.</source>
        <translation>
            <numerusform>Le service a refusé l&apos;autre (%Ln)&#x202f;; la modification a été annulée.</numerusform>
            <numerusform>Le service a refusé les %Ln autres&#x202f;; ces modifications ont été annulées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The stored usage data of %1 is deleted.</source>
        <translation>Les données d&apos;utilisation stockées de %1 sont supprimées.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The stored usage data of %Ln user(s) is deleted.</source>
        <translation>
            <numerusform>Les données d&apos;utilisation stockées de %Ln utilisateur ou utilisatrice sont supprimées.</numerusform>
            <numerusform>Les données d&apos;utilisation stockées de %Ln utilisateurs et utilisatrices sont supprimées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The service refused to delete the stored usage data of %Ln user(s); nothing of theirs was deleted.</source>
        <translation>
            <numerusform>Le service a refusé de supprimer les données d&apos;utilisation stockées de %Ln utilisateur ou utilisatrice&#x202f;; rien n&apos;a été supprimé pour cette personne.</numerusform>
            <numerusform>Le service a refusé de supprimer les données d&apos;utilisation stockées de %Ln utilisateurs et utilisatrices&#x202f;; rien n&apos;a été supprimé pour ces personnes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>The data of %Ln other user(s) is deleted.</source>
        <translation>
            <numerusform>Les données de %Ln autre utilisateur ou utilisatrice sont supprimées.</numerusform>
            <numerusform>Les données des %Ln autres utilisateurs et utilisatrices sont supprimées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>You opted out %1 in another window.</source>
        <translation>Vous avez effectué l&apos;opt‑out de %1 dans une autre fenêtre.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>You opted out %Ln user(s) in another window.</source>
        <translation>
            <numerusform>Vous avez effectué l&apos;opt‑out de %Ln utilisateur ou utilisatrice dans une autre fenêtre.</numerusform>
            <numerusform>Vous avez effectué l&apos;opt‑out de %Ln utilisateurs et utilisatrices dans une autre fenêtre.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another administrator opted out %1.</source>
        <translation>Un autre administrateur ou une autre administratrice a effectué l&apos;opt‑out de %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Another administrator opted out %Ln user(s).</source>
        <translation>
            <numerusform>Un autre administrateur ou une autre administratrice a effectué l&apos;opt‑out de %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Un autre administrateur ou une autre administratrice a effectué l&apos;opt‑out de %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindow.cpp" line="+283"/>
        <source>Show the changes not yet confirmed</source>
        <translation>Afficher les modifications non encore confirmées</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>About Opt-out settings</source>
        <translation>À propos — Paramètres d&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Opt-out settings %1&lt;/h3&gt;&lt;p&gt;Exclude users of your organization from product usage tracking, or include them again.&lt;/p&gt;&lt;p&gt;Opted-out users contribute no usage data: the service discards their client-side events and records no server-side ones.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Paramètres d&apos;opt‑out %1&lt;/h3&gt;&lt;p&gt;Excluez des utilisateurs et utilisatrices de votre organisation du suivi de l&apos;utilisation des produits, ou réintégrez-les.&lt;/p&gt;&lt;p&gt;Les utilisateurs et utilisatrices en opt‑out ne fournissent aucune donnée d&apos;utilisation&#xa0;: le service ignore leurs événements côté client et n&apos;enregistre aucun événement côté serveur.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../app/gui/mainwindowoverview.cpp" line="+92"/>
        <source>&amp;Report…</source>
        <translation>&amp;Rapport…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write a PDF report of a period for the privacy officer: figures, charts, opt-outs and deletions</source>
        <translation>Rédiger un rapport PDF sur une période pour le ou la délégué(e) à la protection des données&#xa0;: chiffres, graphiques, opt‑outs et suppressions</translation>
    </message>
</context>
<context>
    <name>OidcSignIn</name>
    <message>
        <location filename="../app/core/oidcsignin.cpp" line="+93"/>
        <source>The identity provider&apos;s address is not secure (https).</source>
        <translation>L&apos;adresse du fournisseur d&apos;identité n&apos;est pas sécurisée (https).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The identity provider cannot be reached: %1</source>
        <translation>Le fournisseur d&apos;identité est injoignable&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The identity provider&apos;s answer cannot be used.</source>
        <translation>La réponse du fournisseur d&apos;identité est inutilisable.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The app cannot receive the identity provider&apos;s answer.</source>
        <translation>L&apos;application ne peut pas recevoir la réponse du fournisseur d&apos;identité.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The web browser cannot be opened.</source>
        <translation>Impossible d&apos;ouvrir le navigateur web.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The identity provider sent no ID token.</source>
        <translation>Le fournisseur d&apos;identité n&apos;a envoyé aucun jeton d&apos;identité.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The identity provider refused the sign-in: %1</source>
        <translation>Le fournisseur d&apos;identité a refusé la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You are signed in to optout-admin. You may close this window.</source>
        <translation>La connexion à optout-admin a réussi. Vous pouvez fermer cette fenêtre.</translation>
    </message>
</context>
<context>
    <name>OptOutModel</name>
    <message>
        <location filename="../app/core/optoutmodel.cpp" line="+37"/>
        <source>%1 (no longer in the directory)</source>
        <comment>an opted-out user who left the organisation&apos;s directory</comment>
        <translation>%1 (ne fait plus partie de l&apos;annuaire)</translation>
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
        <translation>Opt‑in en attente de la confirmation du service.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the service to confirm this change.</source>
        <translation>En attente de la confirmation de cette modification par le service.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is no longer in the organisation&apos;s directory. They stay opted out; you may still opt them in.</source>
        <translation>%1 ne fait plus partie de l&apos;annuaire de l&apos;organisation. L&apos;opt‑out reste en vigueur&#x202f;; un opt‑in reste possible.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A rule opts them out: removing it in View &gt; Rules opts them back in.</source>
        <translation>Une règle les place en opt‑out&#xa0;: la supprimer dans Affichage &gt; Règles effectue leur opt‑in.</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out on</source>
        <translation>Date de l&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out by</source>
        <translation>Opt‑out par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deletion planned</source>
        <translation>Suppression prévue</translation>
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
        <translation>Ce qui place l&apos;utilisateur ou l&apos;utilisatrice en opt‑out&#xa0;: son propre opt‑out, ou la règle d&apos;un groupe ou d&apos;un domaine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When the stored usage data of the user will be deleted</source>
        <translation>Date à laquelle les données d&apos;utilisation stockées de la personne seront supprimées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select users to opt in</source>
        <translation>Sélectionnez les utilisateurs et utilisatrices à réintégrer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Selected</source>
        <translation>Sélection</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No stored usage data awaits deletion.</source>
        <translation>Aucune donnée d&apos;utilisation stockée n&apos;est en attente de suppression.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored usage data will be deleted on %1.</source>
        <translation>Les données d&apos;utilisation stockées seront supprimées le %1.</translation>
    </message>
</context>
<context>
    <name>OptOutOptions</name>
    <message numerus="yes">
        <location filename="../app/core/apitypes.cpp" line="-139"/>
        <source>A reason can hold at most %n characters.</source>
        <translation>
            <numerusform>Un motif peut contenir au plus %n caractère.</numerusform>
            <numerusform>Un motif peut contenir au plus %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A reason cannot hold line breaks, tabs or other control characters.</source>
        <translation>Un motif ne peut pas contenir de sauts de ligne, de tabulations ni d&apos;autres caractères de contrôle.</translation>
    </message>
</context>
<context>
    <name>OptOutPage</name>
    <message>
        <location filename="../ui/optoutpage.ui" line="+20"/>
        <location filename="../app/gui/optoutpage.cpp" line="+249"/>
        <source>Opt-out settings</source>
        <translation>Paramètres d&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Help on this page (F1)</source>
        <translation>Aide sur cette page (F1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Exclude users of your organization from product usage tracking, or include them again.</source>
        <translation>Excluez des utilisateurs et utilisatrices de votre organisation du suivi de l&apos;utilisation des produits, ou réintégrez-les.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Opt-out &amp;user</source>
        <translation>Opt‑out de l&apos;&amp;utilisateur ou de l&apos;utilisatrice</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Exclude the chosen user from product usage tracking</source>
        <translation>Exclure la personne choisie du suivi de l&apos;utilisation des produits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Opt-out</source>
        <translation>&amp;Opt‑out</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Take this change back (Ctrl+Z)</source>
        <translation>Annuler cette modification (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;ndo</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation>Fermer ce message</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Opt-out user &amp;list</source>
        <translation>&amp;Liste d&apos;opt‑out des utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fil&amp;ter:</source>
        <translation>Fil&amp;tre&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name or email</source>
        <translation>Nom ou adresse e-mail</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Include the checked users in product usage tracking again</source>
        <translation>Réintégrer les personnes cochées dans le suivi de l&apos;utilisation des produits</translation>
    </message>
    <message>
        <location filename="../app/gui/optoutpage.cpp" line="-39"/>
        <source>Opt out with a &amp;reason…</source>
        <translation>Opt‑&amp;out avec un motif…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the chosen user with a reason, or delete their stored usage data at once</source>
        <translation>Effectuer l&apos;opt‑out de la personne choisie avec un motif, ou supprimer immédiatement ses données d&apos;utilisation stockées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opt out the chosen user. Right-click, or press %1, to add a reason.</source>
        <translation>Effectuer l&apos;opt‑out de la personne choisie. Pour ajouter un motif, faites un clic droit ou appuyez sur %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Check all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check or uncheck all shown users</source>
        <translation>Cocher ou décocher toutes les personnes affichées</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Product usage</source>
        <translation>Utilisation du produit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You are here: %1</source>
        <translation>Vous êtes ici&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+124"/>
        <source>No opted-out user matches “%1”. Clear the filter to see all %Ln opted-out user(s).</source>
        <translation>
            <numerusform>Aucun utilisateur ni aucune utilisatrice en opt‑out ne correspond à «&#xa0;%1&#xa0;». Effacez le filtre pour afficher %Ln utilisateur ou utilisatrice en opt‑out.</numerusform>
            <numerusform>Aucun utilisateur ni aucune utilisatrice en opt‑out ne correspond à «&#xa0;%1&#xa0;». Effacez le filtre pour afficher les %Ln utilisateurs et utilisatrices en opt‑out.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody is opted out. Users you opt out above are listed here, with when and by whom; their product usage is no longer tracked. Tick them here to include them again.</source>
        <translation>Aucune personne en opt‑out. Les utilisateurs et utilisatrices dont vous effectuez l&apos;opt‑out ci-dessus apparaissent ici, avec la date de l&apos;opt‑out et la personne qui l&apos;a effectué&#x202f;; leur utilisation des produits n&apos;est plus suivie. Cochez-les ici pour les réintégrer.</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln user(s) opted out</source>
        <translation>
            <numerusform>%Ln utilisateur ou utilisatrice en opt‑out</numerusform>
            <numerusform>%Ln utilisateurs et utilisatrices en opt‑out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 of %Ln shown</source>
        <translation>
            <numerusform>Résultats&#xa0;: %1 sur %Ln</numerusform>
            <numerusform>Résultats&#xa0;: %1 sur %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Opt-&amp;in (%Ln)</source>
        <translation>
            <numerusform>Opt‑&amp;in (%Ln)</numerusform>
            <numerusform>Opt‑&amp;in (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-&amp;in</source>
        <translation>Opt‑&amp;in</translation>
    </message>
    <message>
        <location line="+332"/>
        <source>Show &amp;history</source>
        <translation>Afficher l&apos;&amp;historique</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Opt &amp;in %Ln user(s)…</source>
        <translation>
            <numerusform>Opt‑&amp;in de %Ln utilisateur ou utilisatrice…</numerusform>
            <numerusform>Opt‑&amp;in de %Ln utilisateurs et utilisatrices…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt &amp;in</source>
        <translation>Opt‑&amp;in</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>&amp;Delete stored data of %Ln user(s) now…</source>
        <translation>
            <numerusform>&amp;Supprimer maintenant les données stockées de %Ln utilisateur ou utilisatrice…</numerusform>
            <numerusform>&amp;Supprimer maintenant les données stockées de %Ln utilisateurs et utilisatrices…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete stored data now…</source>
        <translation>&amp;Supprimer maintenant les données stockées…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Delete stored data now</source>
        <translation>Supprimer maintenant les données stockées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the stored usage data of %1 now?</source>
        <translation>Supprimer maintenant les données d&apos;utilisation stockées de %1&#x202f;?</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete the stored usage data of %Ln user(s) now?</source>
        <translation>
            <numerusform>Supprimer maintenant les données d&apos;utilisation stockées de %Ln utilisateur ou utilisatrice&#x202f;?</numerusform>
            <numerusform>Supprimer maintenant les données d&apos;utilisation stockées de %Ln utilisateurs et utilisatrices&#x202f;?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This cannot be undone. They stay opted out; the data would otherwise be deleted at the planned date, or kept if they are opted in again before then.</source>
        <translation>Cette action est irréversible. L&apos;opt‑out reste en vigueur&#x202f;; sinon, les données seraient supprimées à la date prévue, ou conservées en cas d&apos;opt‑in d&apos;ici là.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Delete now</source>
        <translation>&amp;Supprimer maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The stored usage data of %1 will be deleted as soon as the service confirms.</source>
        <translation>Les données d&apos;utilisation stockées de %1 seront supprimées dès que le service aura confirmé la suppression.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The stored usage data of %Ln user(s) will be deleted as soon as the service confirms.</source>
        <translation>
            <numerusform>Les données d&apos;utilisation stockées de %Ln utilisateur ou utilisatrice seront supprimées dès que le service aura confirmé la suppression.</numerusform>
            <numerusform>Les données d&apos;utilisation stockées de %Ln utilisateurs et utilisatrices seront supprimées dès que le service aura confirmé la suppression.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+174"/>
        <source>%Ln user(s) will be opted out as soon as the service confirms.</source>
        <translation>
            <numerusform>L&apos;opt‑out de %Ln utilisateur ou utilisatrice prendra effet dès que le service l&apos;aura confirmé.</numerusform>
            <numerusform>L&apos;opt‑out de %Ln utilisateurs et utilisatrices prendra effet dès que le service l&apos;aura confirmé.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 cannot be opted in: the rule “%2” opts them out.</source>
        <translation>L&apos;opt‑in de %1 est impossible&#xa0;: la règle «&#xa0;%2&#xa0;» le ou la place en opt‑out.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln user(s) cannot be opted in: rules opt them out (%1).</source>
        <translation>
            <numerusform>L&apos;opt‑in de %Ln utilisateur ou utilisatrice est impossible&#xa0;: des règles le ou la placent en opt‑out (%1).</numerusform>
            <numerusform>L&apos;opt‑in de %Ln utilisateurs et utilisatrices est impossible&#xa0;: des règles les placent en opt‑out (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opted out by a rule</source>
        <translation>En opt‑out par une règle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To opt them in, remove the rule in View &gt; Rules, or take them out of the group in your organisation&apos;s directory.</source>
        <translation>Pour effectuer leur opt‑in, supprimez la règle dans Affichage &gt; Règles, ou retirez-les du groupe dans l&apos;annuaire de votre organisation.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;rule</source>
        <translation>Afficher la &amp;règle</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Opt in the &amp;other %Ln user(s)</source>
        <translation>
            <numerusform>&amp;Opt‑in de l&apos;autre utilisateur ou utilisatrice (%Ln)</numerusform>
            <numerusform>&amp;Opt‑in des %Ln autres utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>OverviewDock</name>
    <message>
        <location filename="../app/gui/overviewdock.cpp" line="+211"/>
        <source>The start date is after the end date.</source>
        <translation>La date de début est postérieure à la date de fin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Choisissez une période de 366 jours au plus.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1: %2 opted-out users at the end of the day</source>
        <translation>%1&#xa0;: %2 utilisateurs et utilisatrices exclus à la fin de la journée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 events accepted, %3 discarded</source>
        <translation>%1&#xa0;: %2 événements acceptés, %3 ignorés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 stored events deleted</source>
        <translation>%1&#xa0;: %2 événements stockés supprimés</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The service has counted these figures since %1; days before then show nothing.</source>
        <translation>Le service compte ces chiffres depuis le %1&#x202f;; les jours antérieurs n&apos;affichent rien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service does not say since when it counts.</source>
        <translation>Le service n&apos;indique pas depuis quand il compte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In this period: %1 events accepted, %2 discarded, %3 stored events deleted, %4 opt-outs and %5 opt-ins; %6 users opted out at its end.</source>
        <translation>Sur cette période&#xa0;: %1 événements acceptés, %2 ignorés, %3 événements stockés supprimés, %4 opt‑outs et %5 opt‑ins&#x202f;; %6 utilisateurs et utilisatrices exclus à la fin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Overview</source>
        <translation>&amp;Vue d&apos;ensemble</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Period from:</source>
        <translation>&amp;Graphiques du&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>through:</source>
        <translation>au&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period from</source>
        <translation>Période du</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period through</source>
        <translation>Période jusqu&apos;au</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Opted-out users</source>
        <translation>Utilisateurs et utilisatrices exclus</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Events accepted and discarded per day</source>
        <translation>Événements acceptés et ignorés par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Événements stockés supprimés par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of opted-out users over time</source>
        <translation>Graphique des utilisateurs et utilisatrices exclus au fil du temps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of events accepted and discarded per day</source>
        <translation>Graphique des événements acceptés et ignorés par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chart of stored events deleted per day</source>
        <translation>Graphique des événements stockés supprimés par jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Acceptés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Supprimés</translation>
    </message>
</context>
<context>
    <name>PendingChangesDialog</name>
    <message>
        <location filename="../app/gui/pendingchangesdialog.cpp" line="+277"/>
        <location line="+1"/>
        <source>Pending changes</source>
        <translation>Modifications en attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>These changes are kept until the service confirms them, across restarts. A cancelled change is never sent; one being sent is reversed once it arrives.</source>
        <translation>Ces modifications sont conservées, même après un redémarrage, jusqu&apos;à ce que le service les confirme. Une modification annulée n&apos;est jamais envoyée&#x202f;; une modification en cours d&apos;envoi est inversée dès son arrivée.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel selected changes</source>
        <translation>&amp;Annuler les modifications sélectionnées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>PendingChangesModel</name>
    <message>
        <location line="-100"/>
        <source>Opt-out and deletion of stored data (being sent)</source>
        <translation>Opt‑out et suppression des données stockées (envoi en cours)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out and deletion of stored data</source>
        <translation>Opt‑out et suppression des données stockées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opt-out (being sent)</source>
        <translation>Opt‑out (envoi en cours)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in (being sent)</source>
        <translation>Opt‑in (envoi en cours)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out</source>
        <translation>Opt‑out</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opt-in</source>
        <translation>Opt‑in</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>User</source>
        <translation>Utilisateur ou utilisatrice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made at</source>
        <translation>Effectuée le</translation>
    </message>
</context>
<context>
    <name>PlainHttpBar</name>
    <message>
        <location filename="../app/gui/plainhttpbar.cpp" line="+50"/>
        <source>Unencrypted connection</source>
        <translation>Connexion non chiffrée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unencrypted connection: your access token and the opt-out list travel in clear to %1, as you allowed. Ask for an https:// address.</source>
        <translation>Connexion non chiffrée&#xa0;: votre jeton d&apos;accès et la liste d&apos;opt‑out circulent en clair jusqu&apos;à %1, comme vous l&apos;avez autorisé. Demandez une adresse https://.</translation>
    </message>
</context>
<context>
    <name>ReportController</name>
    <message>
        <location filename="../app/gui/reportcontroller.cpp" line="+112"/>
        <source>opt-out-report-%1-%2.pdf</source>
        <translation>rapport-exclusions-%1-%2.pdf</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Save the report</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PDF files (*.pdf)</source>
        <translation>Fichiers PDF (*.pdf)</translation>
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
        <translation>Écriture du rapport dans %1…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the figures…</source>
        <translation>Lecture des chiffres…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading the opt-outs: %1 of %2…</source>
        <translation>Lecture des opt‑outs&#xa0;: %1 sur %2…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the opt-outs: %1…</source>
        <translation>Lecture des opt‑outs&#xa0;: %1…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the deletions: %1…</source>
        <translation>Lecture des suppressions&#xa0;: %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing page %1 of %2…</source>
        <translation>Écriture de la page %1 sur %2…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the pages…</source>
        <translation>Mise en page…</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>The report was written to %1 (%Ln page(s)).</source>
        <translation>
            <numerusform>Le rapport a été écrit dans %1 (%Ln page).</numerusform>
            <numerusform>Le rapport a été écrit dans %1 (%Ln pages).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report was cancelled. Nothing was written to %1.</source>
        <translation>Le rapport a été annulé. Rien n&apos;a été écrit dans %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was written to %1.</source>
        <translation>Rien n&apos;a été écrit dans %1.</translation>
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
        <translation>Un rapport PDF pour le ou la délégué(e) à la protection des données&#xa0;: les chiffres de la période, les opt‑outs effectués pendant celle-ci avec leurs motifs, et les suppressions d&apos;événements stockés. Les jours sont ceux du fuseau horaire %1.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Through:</source>
        <translation>Jus&amp;qu&apos;au&#xa0;:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Write report…</source>
        <translation>Écrire le &amp;rapport…</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The start date is after the end date.</source>
        <translation>La date de début est postérieure à la date de fin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a period of at most 366 days.</source>
        <translation>Choisissez une période de 366 jours au plus.</translation>
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
        <translation>Rapport d&apos;opt‑out · %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 sur %2</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>Opt-out report of %1</source>
        <translation>Rapport d&apos;opt‑out de %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The PDF could not be started.</source>
        <translation>Le PDF n&apos;a pas pu être commencé.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Product usage opt-out report</source>
        <translation>Rapport d&apos;opt‑out du suivi de l&apos;utilisation des produits</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period: %1 to %2 (days of the time zone %3)</source>
        <translation>Période&#xa0;: du %1 au %2 (jours du fuseau horaire %3)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Produced on %1</source>
        <translation>Établi le %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service has counted these figures since %1; the days of the period before then show nothing.</source>
        <translation>Le service compte ces chiffres depuis le %1&#x202f;; les jours de la période antérieurs n&apos;affichent rien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service has counted these figures since %1.</source>
        <translation>Le service compte ces chiffres depuis le %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Totals</source>
        <translation>Totaux</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Client-side events accepted</source>
        <translation>Événements côté client acceptés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client-side events discarded (opted-out users)</source>
        <translation>Événements côté client ignorés (utilisateurs et utilisatrices exclus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events recorded</source>
        <translation>Événements côté serveur enregistrés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server-side events not recorded (opted-out users)</source>
        <translation>Événements côté serveur non enregistrés (utilisateurs et utilisatrices exclus)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted</source>
        <translation>Événements stockés supprimés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-outs</source>
        <translation>Opt‑outs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-ins</source>
        <translation>Opt‑ins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opted-out users at the end of the period</source>
        <translation>Utilisateurs et utilisatrices exclus à la fin de la période</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the service does with an opted-out user&apos;s events</source>
        <translation>Ce que fait le service des événements d&apos;un utilisateur ou d&apos;une utilisatrice exclu(e)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opted-out users</source>
        <translation>Utilisateurs et utilisatrices exclus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events accepted and discarded per day</source>
        <translation>Événements acceptés et ignorés par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>Acceptés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discarded</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored events deleted per day</source>
        <translation>Événements stockés supprimés par jour</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>Supprimés</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Opt-out rules in force</source>
        <translation>Règles d&apos;opt‑out en vigueur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: every opt-out is individual.</source>
        <translation>Aucune&#xa0;: chaque opt‑out est individuel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Group: %1</source>
        <translation>Groupe&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E-mail domain: %1</source>
        <translation>Domaine de messagerie&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Since %1</source>
        <translation>Depuis le %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>by %1</source>
        <translation>par %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 users</source>
        <translation>%1 utilisateurs et utilisatrices</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Opt-outs in the period: %1</source>
        <translation>Opt‑outs de la période&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+19"/>
        <source>None.</source>
        <translation>Aucun.</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+21"/>
        <source>When</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+21"/>
        <source>User</source>
        <translation>Utilisateur ou utilisatrice</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The directory (a rule)</source>
        <translation>L&apos;annuaire (une règle)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deletions of stored events in the period: %1</source>
        <translation>Suppressions d&apos;événements stockés de la période&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Events deleted</source>
        <translation>Événements supprimés</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asked for by</source>
        <translation>Demandée par</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody: the retention window ended</source>
        <translation>Personne&#xa0;: fin de la durée de conservation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The directory</source>
        <translation>L&apos;annuaire</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>While a user is opted out, the service discards every client-side usage event sent for them and records no server-side event for them; it counts what it discards and stores none of it.</source>
        <translation>Tant qu&apos;un utilisateur ou une utilisatrice est exclu(e), le service ignore chaque événement d&apos;utilisation côté client envoyé pour cette personne et n&apos;enregistre aucun événement côté serveur la concernant&#x202f;; il compte ce qu&apos;il ignore et n&apos;en stocke rien.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
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
    <message>
        <location line="+1"/>
        <source>Events stored before the opt-out are hidden at once and deleted %1 after it, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Les événements stockés avant l&apos;opt‑out sont masqués immédiatement et supprimés %1 après, sauf si la personne fait l&apos;objet d&apos;un opt‑in d&apos;ici là, ou immédiatement si un administrateur ou une administratrice le demande.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Events stored before the opt-out are hidden at once and deleted at the end of the retention window, unless the user is opted in again before then, or at once when an administrator asks for it.</source>
        <translation>Les événements stockés avant l&apos;opt‑out sont masqués immédiatement et supprimés à la fin de la durée de conservation, sauf si la personne fait l&apos;objet d&apos;un opt‑in d&apos;ici là, ou immédiatement si un administrateur ou une administratrice le demande.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each deletion is recorded in the history with the number of events deleted and who asked for it; the deletions of the period are listed below.</source>
        <translation>Chaque suppression est inscrite dans l&apos;historique avec le nombre d&apos;événements supprimés et la personne qui l&apos;a demandée&#x202f;; les suppressions de la période sont listées ci-dessous.</translation>
    </message>
    <message>
        <location line="+97"/>
        <location line="+36"/>
        <source>The report cannot be made without a connection to the service.</source>
        <translation>Le rapport ne peut pas être établi sans connexion au service.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>The figures could not be read from the service: %1</source>
        <translation>Les chiffres n&apos;ont pas pu être lus auprès du service&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The rules could not be read from the service: %1</source>
        <translation>Les règles n&apos;ont pas pu être lues auprès du service&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+20"/>
        <source>The history could not be read from the service: %1</source>
        <translation>L&apos;historique n&apos;a pas pu être lu auprès du service&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The file %1 could not be written: %2</source>
        <translation>Le fichier %1 n&apos;a pas pu être écrit&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>RuleConfirmDialog</name>
    <message>
        <location filename="../app/gui/ruleconfirmdialog.cpp" line="+144"/>
        <source>Opt out by rule</source>
        <translation>Opt‑out par règle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out the group “%1”?</source>
        <translation>Placer le groupe «&#xa0;%1&#xa0;» en opt‑out&#x202f;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt out everyone at %1?</source>
        <translation>Placer en opt‑out toutes les personnes du domaine %1&#x202f;?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The service could not say whom the rule covers: %1</source>
        <translation>Le service n&apos;a pas pu indiquer qui la règle couvre&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asking the service whom the rule covers…</source>
        <translation>Interrogation du service sur les personnes couvertes par la règle…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>It covers %Ln user(s) today;</source>
        <translation>
            <numerusform>Elle couvre aujourd&apos;hui %Ln utilisateur ou utilisatrice&#x202f;;</numerusform>
            <numerusform>Elle couvre aujourd&apos;hui %Ln utilisateurs et utilisatrices&#x202f;;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them will be newly opted out.</source>
        <translation>
            <numerusform>%Ln d&apos;entre eux sera nouvellement placé en opt‑out.</numerusform>
            <numerusform>%Ln d&apos;entre eux seront nouvellement placés en opt‑out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %Ln more</source>
        <translation>
            <numerusform>… et %Ln autre</numerusform>
            <numerusform>… et %Ln autres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service discards their usage events from now on, and those of everyone who joins the group later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>Le service ignore désormais leurs événements d&apos;utilisation, ainsi que ceux de toute personne qui rejoindra le groupe plus tard. Supprimer la règle dans Affichage &gt; Règles effectue l&apos;opt‑in des personnes qu&apos;elle seule couvre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The service discards their usage events from now on, and those of everyone who gets an address at this domain later. Removing the rule in View &gt; Rules opts back in those it alone covers.</source>
        <translation>Le service ignore désormais leurs événements d&apos;utilisation, ainsi que ceux de toute personne qui obtiendra plus tard une adresse dans ce domaine. Supprimer la règle dans Affichage &gt; Règles effectue l&apos;opt‑in des personnes qu&apos;elle seule couvre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Reason (optional):</source>
        <translation>&amp;Motif (facultatif)&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example: Works agreement 2026</source>
        <translation>Par exemple&#xa0;: accord d&apos;entreprise 2026</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete their stored usage data now (cannot be undone)</source>
        <translation>&amp;Supprimer dès maintenant leurs données d&apos;utilisation stockées (irréversible)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Otherwise it is kept, hidden, and deleted after %1, unless they are opted in again before then.</source>
        <translation>Sinon, ces données sont conservées, masquées, puis supprimées au bout de %1, sauf en cas d&apos;opt‑in d&apos;ici là.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Their stored usage data is deleted at once.</source>
        <translation>Leurs données d&apos;utilisation stockées sont supprimées immédiatement.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>&amp;Opt out %Ln user(s)</source>
        <translation>
            <numerusform>&amp;Opt‑out de %Ln utilisateur ou utilisatrice</numerusform>
            <numerusform>&amp;Opt‑out de %Ln utilisateurs et utilisatrices</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Opt out</source>
        <translation>&amp;Opt‑out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>RulesController</name>
    <message>
        <location filename="../app/gui/rulescontroller.cpp" line="+74"/>
        <source>The rule “%1” was not created: %2</source>
        <translation>La règle «&#xa0;%1&#xa0;» n&apos;a pas été créée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The rule “%1” exists already.</source>
        <translation>La règle «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Undone: the rule “%1” is back; it covers %Ln user(s).</source>
        <translation>
            <numerusform>Annulé&#xa0;: la règle «&#xa0;%1&#xa0;» est rétablie&#x202f;; elle couvre %Ln utilisateur ou utilisatrice.</numerusform>
            <numerusform>Annulé&#xa0;: la règle «&#xa0;%1&#xa0;» est rétablie&#x202f;; elle couvre %Ln utilisateurs et utilisatrices.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Rule created: “%1” opts out %Ln user(s).</source>
        <translation>
            <numerusform>Règle créée&#xa0;: «&#xa0;%1&#xa0;» place %Ln utilisateur ou utilisatrice en opt‑out.</numerusform>
            <numerusform>Règle créée&#xa0;: «&#xa0;%1&#xa0;» place %Ln utilisateurs et utilisatrices en opt‑out.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove rule</source>
        <translation>Supprimer la règle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the rule “%1”?</source>
        <translation>Supprimer la règle «&#xa0;%1&#xa0;»&#x202f;?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln user(s) will be opted back in: those no other rule and no opt-out of their own covers. Their usage events are recorded again from now on.</source>
        <translation>
            <numerusform>L&apos;opt‑in de %Ln utilisateur ou utilisatrice sera effectué&#xa0;: les personnes qu&apos;aucune autre règle ni aucun opt‑out individuel ne couvre. Leurs événements d&apos;utilisation sont de nouveau enregistrés à partir de maintenant.</numerusform>
            <numerusform>L&apos;opt‑in de %Ln utilisateurs et utilisatrices sera effectué&#xa0;: les personnes qu&apos;aucune autre règle ni aucun opt‑out individuel ne couvre. Leurs événements d&apos;utilisation sont de nouveau enregistrés à partir de maintenant.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remove rule</source>
        <translation>&amp;Supprimer la règle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The rule “%1” was not removed: %2</source>
        <translation>La règle «&#xa0;%1&#xa0;» n&apos;a pas été supprimée&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undone: the rule “%1” is removed.</source>
        <translation>Annulé&#xa0;: la règle «&#xa0;%1&#xa0;» est supprimée.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Rule removed: “%1”; %Ln user(s) are opted back in.</source>
        <translation>
            <numerusform>Règle supprimée&#xa0;: «&#xa0;%1&#xa0;»&#x202f;; l&apos;opt‑in de %Ln utilisateur ou utilisatrice est effectué.</numerusform>
            <numerusform>Règle supprimée&#xa0;: «&#xa0;%1&#xa0;»&#x202f;; l&apos;opt‑in de %Ln utilisateurs et utilisatrices est effectué.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesDock</name>
    <message>
        <location filename="../app/gui/rulesdock.cpp" line="+120"/>
        <source>Rules</source>
        <translation>Règles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rul&amp;es</source>
        <translation>&amp;Règles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move rule…</source>
        <translation>Su&amp;pprimer la règle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opt-out rules</source>
        <translation>Règles d&apos;opt‑out</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the rules…</source>
        <translation>Chargement des règles…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This service has no group or domain rules.</source>
        <translation>Ce service ne gère pas de règles de groupe ou de domaine.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rule opts users out. To add one, search for a group or type @ and a domain in the users field.</source>
        <translation>Aucune règle ne place d&apos;utilisateurs en opt‑out. Pour en ajouter une, recherchez un groupe ou tapez @ suivi d&apos;un domaine dans le champ des utilisateurs.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln rule(s). Users a rule covers are opted out, including those who join its group or domain later.</source>
        <translation>
            <numerusform>%Ln règle. Les utilisateurs et utilisatrices couverts par une règle sont en opt‑out, y compris ceux qui rejoignent plus tard son groupe ou son domaine.</numerusform>
            <numerusform>%Ln règles. Les utilisateurs et utilisatrices couverts par une règle sont en opt‑out, y compris ceux qui rejoignent plus tard son groupe ou son domaine.</numerusform>
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
        <translation>Groupe&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/core/rulesmodel.cpp" line="-15"/>
        <location line="+6"/>
        <location line="+11"/>
        <source>Domain: %1</source>
        <translation>Domaine&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../app/core/rulesmodel.cpp" line="-34"/>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users covered</source>
        <translation>Utilisateurs couverts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>Créée par</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Créée le</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Individually</source>
        <translation>Individuellement</translation>
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
        <translation>Votre session a expiré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The service no longer accepts your sign-in.</source>
        <translation>Le service n&apos;accepte plus votre connexion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in again to go on: your pending changes are kept and sent then.</source>
        <translation>Reconnectez-vous pour continuer&#xa0;: vos modifications en attente sont conservées et seront alors envoyées.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in again…</source>
        <translation>Se connecter à nouveau…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../ui/signindialog.ui" line="+9"/>
        <source>Sign in</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;Server address:</source>
        <translation>Adresse du &amp;serveur&#xa0;:</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Sign in with your or&amp;ganisation</source>
        <translation>Se connecter avec le compte de votre &amp;organisation</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Other &amp;ways to sign in</source>
        <translation>A&amp;utres façons de se connecter</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Access &amp;token:</source>
        <translation>&amp;Jeton d&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>C&amp;A certificate:</source>
        <translation>Certi&amp;ficat de l&apos;AC&#xa0;:</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Sign in to the opt-out service with your organisation&apos;s account.</source>
        <translation>Connectez-vous au service d&apos;opt‑out avec le compte de votre organisation.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>E-mail a&amp;ddress:</source>
        <translation>Adresse &amp;e-mail&#xa0;:</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Optional: a PEM file with the certificate of the authority that issued the service&apos;s certificate, when that authority is your organisation&apos;s own. The system&apos;s authorities are trusted too.</source>
        <translation>Facultatif&#xa0;: un fichier PEM contenant le certificat de l&apos;autorité de certification qui a émis le certificat du service, lorsque cette autorité est celle de votre organisation. Les autorités du système restent reconnues.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This address is not encrypted: anyone on the network between you and the server can read your access token and use it. Allow it only on a network you trust; the app remembers your choice for this server.</source>
        <translation>Cette adresse n&apos;est pas chiffrée&#xa0;: toute personne sur le réseau entre vous et le serveur peut lire votre jeton d&apos;accès et l&apos;utiliser. Ne l&apos;autorisez que sur un réseau de confiance&#x202f;; l&apos;application retient votre choix pour ce serveur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send my token &amp;unencrypted to this server</source>
        <translation>Envoyer mon jeton &amp;non chiffré à ce serveur</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The token is kept in the system keychain, never in a settings file.</source>
        <translation>Le jeton est conservé dans le trousseau système, jamais dans un fichier de paramètres.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Remember me</source>
        <translation>Se souvenir de &amp;moi</translation>
    </message>
    <message>
        <location filename="../app/gui/signindialog.cpp" line="+146"/>
        <source>Enter your e-mail address to sign in with your organisation&apos;s account.</source>
        <translation>Saisissez votre adresse e-mail pour vous connecter avec le compte de votre organisation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Looking up your organisation…</source>
        <translation>Recherche de votre organisation…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue in your web browser. The app goes on by itself once you are signed in there.</source>
        <translation>Poursuivez dans votre navigateur web. L&apos;application continue d&apos;elle-même une fois que vous y êtes connecté ou connectée.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Certificate of the certificate authority</source>
        <translation>Certificat de l&apos;autorité de certification</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Sign &amp;in</source>
        <translation>Se &amp;connecter</translation>
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
            <numerusform>%n modification en attente</numerusform>
            <numerusform>%n modifications en attente</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signing in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the lists saved at the last sync…</source>
        <translation>Chargement des listes enregistrées lors de la dernière synchronisation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading users… %1 %</source>
        <translation>Chargement des utilisateurs et utilisatrices… %1&#xa0;%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading the opt-out list…</source>
        <translation>Chargement de la liste d&apos;opt‑out…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Synced at %1</source>
        <translation>Synchronisation effectuée à %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Offline — last synced at %1</source>
        <translation>Hors ligne — dernière synchronisation&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>Hors ligne — nouvelle tentative dans %n&#xa0;s</numerusform>
            <numerusform>Hors ligne — nouvelle tentative dans %n&#xa0;s</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline — retrying now</source>
        <translation>Hors ligne — nouvelle tentative en cours</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not signed in</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed out</source>
        <translation>Déconnexion effectuée</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not connected</source>
        <translation>Hors connexion</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../app/gui/tokenstore.cpp" line="+24"/>
        <source>No system keychain is available.</source>
        <translation>Aucun trousseau système n&apos;est disponible.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access to the system keychain was denied.</source>
        <translation>L&apos;accès au trousseau système a été refusé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The token could not be removed from the system keychain.</source>
        <translation>Impossible de supprimer le jeton du trousseau système.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The system keychain reported an error.</source>
        <translation>Le trousseau système a signalé une erreur.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The system keychain did not answer.</source>
        <translation>Le trousseau système n&apos;a pas répondu.</translation>
    </message>
</context>
<context>
    <name>UsageDebuggerDock</name>
    <message>
        <location filename="../app/gui/usagedebuggerdock.cpp" line="+103"/>
        <source>Tracking not started: not signed in</source>
        <translation>Suivi non démarré&#xa0;: connexion requise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking on</source>
        <translation>Suivi activé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking off: you are opted out</source>
        <translation>Suivi désactivé&#xa0;: vous faites l&apos;objet d&apos;un opt‑out</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Usage tracking debugger</source>
        <translation>Débogueur du suivi de l&apos;utilisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sen&amp;d now</source>
        <translation>&amp;Envoyer maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the waiting events to the service now.</source>
        <translation>Envoyer maintenant au service les événements en attente.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded usage events</source>
        <translation>Événements d&apos;utilisation enregistrés</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing is recorded or sent. The service discards the events of opted-out users anyway.</source>
        <translation>Rien n&apos;est enregistré ni envoyé. De toute façon, le service ignore les événements des utilisateurs et utilisatrices en opt‑out.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) waiting to be sent.</source>
        <translation>
            <numerusform>%Ln événement en attente d&apos;envoi.</numerusform>
            <numerusform>%Ln événements en attente d&apos;envoi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln event(s) dropped because the queue was full.</source>
        <translation>
            <numerusform>%Ln événement abandonné, car la file d&apos;attente était pleine.</numerusform>
            <numerusform>%Ln événements abandonnés, car la file d&apos;attente était pleine.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last attempt failed: %1</source>
        <translation>Échec de la dernière tentative&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>UsageEventLogModel</name>
    <message>
        <location filename="../app/core/usageeventlogmodel.cpp" line="+79"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Queued</source>
        <translation>En file d&apos;attente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Queued, will retry</source>
        <translation>En file d&apos;attente, nouvelle tentative prévue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sent: accepted %1, discarded %2</source>
        <extracomment>The service&apos;s answer for the batch the event was sent in.</extracomment>
        <translation>Envoyé — acceptés&#xa0;: %1, ignorés&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dropped</source>
        <translation>Abandonné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The queue was full: the oldest unsent events make room for new ones.</source>
        <translation>La file d&apos;attente était pleine&#xa0;: les événements non envoyés les plus anciens laissent la place aux nouveaux.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tracking is off: you are opted out, so unsent events are not sent.</source>
        <translation>Le suivi est désactivé&#xa0;: vous faites l&apos;objet d&apos;un opt‑out, les événements non envoyés ne le seront donc pas.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You signed out before this event could be sent.</source>
        <translation>Déconnexion survenue avant l&apos;envoi de cet événement.</translation>
    </message>
</context>
<context>
    <name>UsageSummaryModel</name>
    <message>
        <location filename="../app/core/usagesummarymodel.cpp" line="+59"/>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n event(s), deleted on %1</source>
        <translation>
            <numerusform>%n événement, suppression le %1</numerusform>
            <numerusform>%n événements, suppression le %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n événement</numerusform>
            <numerusform>%n événements</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Usage events the apps sent for this user (client-side tracking)</source>
        <translation>Événements d&apos;utilisation envoyés par les applications pour cette personne (suivi côté client)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Usage events the service recorded for this user&apos;s requests (server-side tracking)</source>
        <translation>Événements d&apos;utilisation enregistrés par le service pour les requêtes de cette personne (suivi côté serveur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Usage events stored before the opt-out: hidden, and deleted by the service on the date shown</source>
        <translation>Événements d&apos;utilisation stockés avant l&apos;opt‑out&#xa0;: masqués, puis supprimés par le service à la date indiquée</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>Adresse e-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Client-side</source>
        <translation>Côté client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server-side</source>
        <translation>Côté serveur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last event</source>
        <translation>Dernier événement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opted out</source>
        <translation>Opt‑out</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting deletion</source>
        <translation>En attente de suppression</translation>
    </message>
</context>
<context>
    <name>UsageSummaryWidget</name>
    <message>
        <location filename="../app/gui/usagesummarywidget.cpp" line="+110"/>
        <location line="+5"/>
        <source>Product usage by user</source>
        <translation>Utilisation du produit par utilisateur ou utilisatrice</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Usage events the service has stored for each user, client-side and server-side. Opted-out users contribute none.</source>
        <translation>Événements d&apos;utilisation que le service a enregistrés pour chaque utilisateur ou utilisatrice, côté client et côté serveur. Les utilisateurs et utilisatrices en opt‑out n&apos;en fournissent aucun.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Refresh</source>
        <translation>Actuali&amp;ser</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>%Ln client-side event(s) of opted-out users discarded since the service started.</source>
        <translation>
            <numerusform>%Ln événement côté client d&apos;utilisateurs et utilisatrices en opt‑out ignoré depuis le démarrage du service.</numerusform>
            <numerusform>%Ln événements côté client d&apos;utilisateurs et utilisatrices en opt‑out ignorés depuis le démarrage du service.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The usage summary could not be loaded: %1</source>
        <translation>Impossible de charger le récapitulatif de l&apos;utilisation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>UserModel</name>
    <message>
        <location filename="../app/core/usermodel.cpp" line="+36"/>
        <source>%1 is already opted out.</source>
        <translation>%1 fait déjà l&apos;objet d&apos;un opt‑out.</translation>
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
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Email</source>
        <translation>Adresse e-mail</translation>
    </message>
</context>
<context>
    <name>UserPicker</name>
    <message>
        <location filename="../app/gui/userpicker.cpp" line="+121"/>
        <source>A rule opts this group out already.</source>
        <translation>Une règle place déjà ce groupe en opt‑out.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No user matches “%1”</source>
        <translation>Aucun utilisateur ni aucune utilisatrice ne correspond à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Domain: %1 — everyone with an address there</source>
        <translation>Domaine&#xa0;: %1 — toutes les personnes ayant une adresse de ce domaine</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Group: %1 — %n member(s), opted out already</source>
        <translation>
            <numerusform>Groupe&#xa0;: %1 — %n membre, déjà en opt‑out</numerusform>
            <numerusform>Groupe&#xa0;: %1 — %n membres, déjà en opt‑out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Group: %1 — %n member(s)</source>
        <translation>
            <numerusform>Groupe&#xa0;: %1 — %n membre</numerusform>
            <numerusform>Groupe&#xa0;: %1 — %n membres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Search by name or email</source>
        <translation>Rechercher par nom ou adresse e-mail</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="+48"/>
        <source>Exclude users from product usage tracking.</source>
        <translation>Excluez les utilisateurs et utilisatrices du suivi de l&apos;utilisation des produits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service&apos;s address.</source>
        <translation>L&apos;adresse du service.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your access token (else you are asked for it).</source>
        <translation>Votre jeton d&apos;accès (sinon, il vous est demandé).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The interface language: en, fr, sv or nl.</source>
        <translation>La langue de l&apos;interface&#xa0;: en, fr, sv ou nl.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A certificate authority to trust besides the system&apos;s, for an https:// server (PEM file; remembered).</source>
        <translation>Une autorité de certification à reconnaître en plus de celles du système, pour un serveur https:// (fichier PEM&#x202f;; retenu).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown language: %1</source>
        <translation>Langue inconnue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Invalid server address: %1</source>
        <translation>Adresse de serveur non valide&#xa0;: %1</translation>
    </message>
</context>
</TS>
