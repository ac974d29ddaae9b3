// The demo organisations that `optout-server --demo` puts into an empty database.
#include "demodata.h"

#include "namefolding.h"
#include "store.h"
#include "tokenhash.h"

#include <QCoreApplication>
#include <QSet>

namespace {

OptOutChangeRequest optOutRequest(const QString &orgId, const QString &actorId,
                                  const QVector<QPair<QString, QDateTime>> &outs)
{
    OptOutChangeRequest request;
    request.orgId = orgId;
    request.actorId = actorId;
    request.optOut = outs;
    return request;
}

// First and last names from several languages, so search and sorting meet real text.
const char *const FirstNames[] = {
    "Zoë",     "Åsa",    "Björn",   "Søren",    "Ingrid",  "Jürgen",    "Françoise", "Hélène",
    "José",    "Łukasz", "Märta",   "Noémie",   "Øystein", "Pieter",    "Renée",     "Siobhán",
    "Tomás",   "Ulrike", "Vincent", "Wiebke",   "Yannick", "Émile",     "Ángel",     "Chloé",
    "Daan",    "Eva",    "Fleur",   "Gustav",   "Hanna",   "Ines",      "Jesper",    "Karin",
    "Lars",    "Maëlle", "Niels",   "Olga",     "Pablo",   "Rania",     "Sanne",     "Théo",
    "Agnès",   "Benoît", "Cécile",  "Dörte",    "Elin",    "Frida",     "Göran",     "Hugo",
    "Iben",    "Jorien", "Kévin",   "Lotte",    "Maja",    "Nadia",     "Oskar",     "Paula",
    "Quentin", "Rutger", "Sofía",   "Tove",     "Ursula",  "Véronique", "Willem",    "Xavier",
    "Ylva",    "Zeynep", "Aurélie", "Birgitta", "Côme",    "Dagný",
};
const char *const LastNames[] = {
    "de Vries",  "Østergaard", "Åkesson",   "Müller",    "Lefèvre",   "Janssen",      "Lindqvist",
    "Nuñez",     "Straße",     "Bakker",    "Johansson", "Dubois",    "van den Berg", "Nyström",
    "Göransson", "Moreau",     "Visser",    "Brønstad",  "Kowalczyk", "Ó Briain",     "Fernández",
    "Håkansson", "Meijer",     "Girard",    "Eriksson",  "Smit",      "Lambert",      "Søndergaard",
    "Weiß",      "Bergström",  "Mertens",   "Fontaine",  "Kuipers",   "Sjöberg",      "Peeters",
    "Rousseau",  "Hoekstra",   "Lindström", "Aalto",     "Dijkstra",  "Chevalier",    "Wikström",
    "de Jong",   "Garnier",    "Öberg",     "Vermeulen", "Faure",     "Jansen",       "Holmgren",
    "Mercier",   "Bos",        "Ekström",   "Blanchard", "van Dijk",  "Lundgren",     "Roux",
};
constexpr int FirstCount = int(sizeof(FirstNames) / sizeof(*FirstNames));
constexpr int LastCount = int(sizeof(LastNames) / sizeof(*LastNames));

QString emailPart(const QString &name)
{
    QString s = foldToAscii(name);
    s.replace(QLatin1Char(' '), QLatin1Char('.'));
    return s;
}

// `count` people with distinct e-mail addresses at `domain`.
QVector<NewUser> people(int count, const QString &domain, int salt)
{
    QVector<NewUser> list;
    list.reserve(count);
    QSet<QString> emails;
    for (int i = 0; i < count; ++i) {
        const QString first = QString::fromUtf8(FirstNames[(i * 7 + salt) % FirstCount]);
        const QString last
            = QString::fromUtf8(LastNames[(i * 13 + i / FirstCount + salt) % LastCount]);
        QString email = emailPart(first) + QLatin1Char('.') + emailPart(last);
        if (emails.contains(email + QLatin1Char('@') + domain))
            email += QString::number(i);
        email += QLatin1Char('@') + domain;
        emails.insert(email);
        list.append(
            NewUser {email, first + QLatin1Char(' ') + last, {QStringLiteral("user")}, {}, false});
    }
    return list;
}

} // namespace

QString demoTokensText()
{
    return QStringLiteral(
        "Demo tokens (accepted only while the server runs with --demo):\n"
        "  demo-admin        product_admin    Ada Admin <admin@example.com>, Example Org\n"
        "  demo-user         user             Uma User <user@example.com>, Example Org\n"
        "  demo-tracker      tracking_service Tracking Service <tracker@example.com>, Example Org\n"
        "  demo-other-admin  product_admin    Olle Other <admin@other.example>, Other Org");
}

bool createDemoData(Store *store, const DemoOptions &options, QString *error)
{
    *error = QCoreApplication::translate("demo", "Cannot create the demo data.");
    const auto example = store->createOrg(QStringLiteral("Example Org"),
                                          QStringLiteral("Customer Journey Analytics"));
    if (!example.ok())
        return false;
    QVector<NewUser> users {
        {QStringLiteral("admin@example.com"),
         QStringLiteral("Ada Admin"),
         {QStringLiteral("product_admin")},
         hashToken("demo-admin"),
         true},
        {QStringLiteral("user@example.com"),
         QStringLiteral("Uma User"),
         {QStringLiteral("user")},
         hashToken("demo-user"),
         true},
        {QStringLiteral("tracker@example.com"),
         QStringLiteral("Tracking Service"),
         {QStringLiteral("tracking_service")},
         hashToken("demo-tracker"),
         true},
    };
    users
        += people(std::max(0, options.users - int(users.size())), QStringLiteral("example.com"), 0);
    const auto added = store->addUsers(example.value, users);
    if (!added.ok())
        return false;
    const QStringList *ids = &added.value;

    // A handful already out, opted out by the administrator over the past weeks.
    const int population = int(ids->size()) - 3;
    const int wanted = options.optOuts >= 0 ? options.optOuts : std::max(5, population / 40);
    const int outCount = std::min(wanted, population);
    QVector<QPair<QString, QDateTime>> outs;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int step = outCount > 0 ? std::max(1, population / outCount) : 1;
    for (int i = 0; i < outCount; ++i) {
        const int index = 3 + (i * step + 5) % population;
        outs.append({ids->at(index), now.addSecs(-qint64(outCount - i) * 3600 * 7)});
    }
    // An index picked twice (step 1 near the end) is one opt-out: the storage keeps ids unique.
    if (!outs.isEmpty()
        && !store->applyOptOuts(optOutRequest(example.value, ids->at(0), outs)).ok())
        return false;

    const auto other = store->createOrg(QStringLiteral("Other Org"),
                                        QStringLiteral("Customer Journey Analytics"));
    if (!other.ok())
        return false;
    QVector<NewUser> others {{QStringLiteral("admin@other.example"),
                              QStringLiteral("Olle Other"),
                              {QStringLiteral("product_admin")},
                              hashToken("demo-other-admin"),
                              true}};
    others += people(24, QStringLiteral("other.example"), 3);
    const auto otherIds = store->addUsers(other.value, others);
    if (!otherIds.ok()
        || !store
                ->applyOptOuts(optOutRequest(other.value, otherIds.value.at(0),
                                             {{otherIds.value.at(4), now.addDays(-2)}}))
                .ok())
        return false;
    error->clear();
    return true;
}
