// optout-server's command line: the options, the set-up commands that run once and exit
// (--create-org, --import-users, --issue-token, --revoke-token, --set-oidc, --demo's data), and
// the service.
#include "servercommands.h"

#include "apiserver.h"
#include "changestreams.h"
#include "demodata.h"
#include "httpedge.h"
#include "optoutservice.h"
#include "provisioning.h"
#include "servertls.h"
#include "store.h"
#include "tokenhash.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLockFile>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpServer>
#include <QTextStream>
#include <QTimeZone>

#include <csignal>
#include <functional>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(signalPipe[1], &c, 1);
}

// Calls `stop` on SIGINT/SIGTERM, once, on the event loop.
void installSignalHandlers(QCoreApplication *app, std::function<void()> stop)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app,
                     [notifier, stop = std::move(stop)] {
                         notifier->setEnabled(false);
                         char c;
                         [[maybe_unused]] const auto n = ::read(signalPipe[0], &c, 1);
                         stop();
                     });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

} // namespace

bool isTimeZoneName(const QString &name)
{
    // The IANA names the system knows (tzdata); not offsets such as "UTC+02:00", whose days
    // would not follow the place's summer time.
    const QByteArray id = name.toUtf8();
    if (id.isEmpty() || id.startsWith("UTC+") || id.startsWith("UTC-"))
        return false;
    return QTimeZone::isTimeZoneIdAvailable(id) && QTimeZone(id).isValid();
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})([dhms]?)$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    if (unit.isEmpty())
        return n == 0 ? std::optional<qint64>(0) : std::nullopt; // a bare number is ambiguous
    const qint64 factor = unit == QLatin1String("d") ? 86400
        : unit == QLatin1String("h")                 ? 3600
        : unit == QLatin1String("m")                 ? 60
                                                     : 1;
    const qint64 seconds = n * factor;
    if (seconds > qint64(3650) * 86400)
        return std::nullopt; // ten years at most
    return seconds;
}

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "optout-server: " << message << '\n';
    return 1;
}

} // namespace

namespace {

// The commands that change the database and exit. Returns the exit code, or -1 when the
// arguments name none of them.
int runSetupCommand(const QCommandLineParser &parser, Store *store, const StoreSnapshot &current,
                    const QCommandLineOption &revokeOption,
                    const QCommandLineOption &createOrgOption,
                    const QCommandLineOption &productOption,
                    const QCommandLineOption &adminEmailOption,
                    const QCommandLineOption &adminNameOption,
                    const QCommandLineOption &importOption, const QCommandLineOption &issueOption,
                    const QCommandLineOption &orgOption, const QCommandLineOption &timeZoneOption,
                    const QCommandLineOption &expiresInOption,
                    const QCommandLineOption &listTokensOption)
{
    QTextStream out(stdout);
    QString error;
    if (parser.isSet(expiresInOption) && !parser.isSet(issueOption))
        return fail(QStringLiteral("--expires-in goes with --issue-token."));
    if (parser.isSet(revokeOption)) {
        const auto revoked = store->revokeToken(hashToken(parser.value(revokeOption).toUtf8()));
        if (!revoked.ok())
            return fail(QStringLiteral("cannot revoke the token."));
        if (!revoked.value)
            return fail(QStringLiteral("no such active token."));
        out << "Token revoked.\n";
        return 0;
    }
    if (parser.isSet(createOrgOption)) {
        const QString name = parser.value(createOrgOption).trimmed();
        QVector<NewUser> admin;
        const QString csv
            = QStringLiteral("\"%1\",\"%2\",product_admin")
                  .arg(parser.value(adminEmailOption).replace(QLatin1Char('"'), QString()),
                       parser.value(adminNameOption).replace(QLatin1Char('"'), QString()));
        if (name.isEmpty() || !parser.isSet(adminEmailOption) || !parser.isSet(adminNameOption))
            return fail(
                QStringLiteral("--create-org needs a name, --admin-email and --admin-name."));
        if (!Provisioning::parseUsersCsv(csv, &admin, &error))
            return fail(error);
        const QByteArray token = Provisioning::newToken();
        admin[0].tokenHash = hashToken(token);
        const auto orgId = store->createOrg(name, parser.value(productOption));
        if (!orgId.ok() || !store->addUsers(orgId.value, admin).ok())
            return fail(QStringLiteral("cannot create the organisation."));
        if (parser.isSet(timeZoneOption)
            && !store->setOrgTimeZone(orgId.value, parser.value(timeZoneOption)).ok())
            return fail(QStringLiteral("cannot store the time zone."));
        out << "Organisation " << orgId.value << " \"" << name << "\" created.\n"
            << "Token of " << admin[0].email << " (product_admin), shown only now: " << token
            << '\n';
        return 0;
    }
    if (!parser.isSet(importOption) && !parser.isSet(issueOption) && !parser.isSet(timeZoneOption)
        && !parser.isSet(listTokensOption))
        return -1;
    const QString orgId = parser.value(orgOption);
    const auto org = Provisioning::orgById(current, orgId);
    if (!org)
        return fail(QStringLiteral("--org must name an organisation (e.g. o-1)."));
    if (parser.isSet(listTokensOption)) {
        const auto tokens = store->tokensOf(orgId);
        if (!tokens.ok())
            return fail(QStringLiteral("cannot read the database."));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto when = [](const QDateTime &t, const char *otherwise) {
            return t.isValid() ? t.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                               : QString::fromLatin1(otherwise);
        };
        out << "Tokens of " << org->name << " (" << tokens.value.size() << "):\n";
        for (const TokenListing &t : tokens.value) {
            const bool expired = t.expiresAt.isValid() && t.expiresAt <= now;
            out << "  " << t.email << (t.demo ? " (demo)" : "") << "; issued "
                << when(t.createdAt, "?") << "; " << (expired ? "expired " : "expires ")
                << when(t.expiresAt, "never") << "; last used " << when(t.lastUsedAt, "never")
                << '\n';
        }
        return 0;
    }
    if (parser.isSet(timeZoneOption)) {
        const QString zone = parser.value(timeZoneOption);
        const auto set = store->setOrgTimeZone(orgId, zone);
        if (!set.ok() || !set.value)
            return fail(QStringLiteral("cannot store the time zone."));
        out << "Time zone of " << org->name << ": " << zone << ".\n";
        return 0;
    }
    if (parser.isSet(importOption)) {
        QFile file(parser.value(importOption));
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
        QVector<NewUser> users;
        if (!Provisioning::parseUsersCsv(QString::fromUtf8(file.readAll()), &users, &error)
            || !Provisioning::importUsers(store, current, orgId, users, &error))
            return fail(error);
        out << users.size() << " users added to " << org->name << ".\n";
        return 0;
    }
    const auto user = Provisioning::userByEmail(current, orgId, parser.value(issueOption));
    if (!user)
        return fail(
            QStringLiteral("%1 is not a user of %2.").arg(parser.value(issueOption), org->name));
    StoredToken stored {{}, user->id, false, false};
    if (parser.isSet(expiresInOption)) {
        const auto lifetime = parseDuration(parser.value(expiresInOption));
        if (!lifetime || *lifetime <= 0)
            return fail(QStringLiteral("--expires-in takes a duration: a number with d, h, m or s "
                                       "(e.g. 90d), not \"%1\".")
                            .arg(parser.value(expiresInOption)));
        stored.expiresAt = QDateTime::currentDateTimeUtc().addSecs(*lifetime);
    }
    const QByteArray token = Provisioning::newToken();
    stored.hash = hashToken(token);
    if (!store->addToken(stored).ok())
        return fail(QStringLiteral("cannot store the token."));
    out << "Token of " << user->email << ", shown only now: " << token << '\n';
    if (stored.expiresAt.isValid())
        out << "It expires at " << stored.expiresAt.toString(Qt::ISODate) << ".\n";
    return 0;
}

// --set-oidc / --unset-oidc: the organisation's identity provider. Returns the exit code, or -1
// when the arguments name neither.
int runOidcCommand(const QCommandLineParser &parser, Store *store, const StoreSnapshot &current,
                   const QCommandLineOption &setOption, const QCommandLineOption &unsetOption,
                   const QCommandLineOption &orgOption, const QCommandLineOption &issuerOption,
                   const QCommandLineOption &clientIdOption, const QCommandLineOption &domainOption)
{
    if (!parser.isSet(setOption) && !parser.isSet(unsetOption))
        return -1;
    if (parser.isSet(setOption) && parser.isSet(unsetOption))
        return fail(QStringLiteral("--set-oidc and --unset-oidc exclude each other."));
    const QString orgId = parser.value(orgOption);
    const auto org = Provisioning::orgById(current, orgId);
    if (!org)
        return fail(QStringLiteral("--org must name an organisation (e.g. o-1)."));
    QTextStream out(stdout);
    if (parser.isSet(unsetOption)) {
        const auto removed = store->unsetOidcConfig(orgId);
        if (!removed.ok())
            return fail(QStringLiteral("cannot change the database."));
        if (!removed.value)
            return fail(QStringLiteral("%1 has no identity provider.").arg(org->name));
        out << org->name << " no longer signs in with an identity provider.\n";
        return 0;
    }
    OidcConfig config;
    config.orgId = orgId;
    config.issuer = parser.value(issuerOption).trimmed();
    config.clientId = parser.value(clientIdOption).trimmed();
    // The issuer is compared with the tokens' `iss` exactly, and its keys are fetched over
    // HTTPS only.
    const QUrl issuer(config.issuer, QUrl::StrictMode);
    if (!issuer.isValid() || issuer.scheme() != QLatin1String("https") || issuer.host().isEmpty()
        || issuer.hasQuery() || issuer.hasFragment())
        return fail(
            QStringLiteral("--issuer takes the identity provider's https URL, as its "
                           "tokens name it (e.g. https://login.example.com/realms/staff)."));
    if (config.clientId.isEmpty())
        return fail(QStringLiteral("--client-id takes the client id the identity provider gave "
                                   "the app."));
    static const QRegularExpression domainPattern(QStringLiteral(
        "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$"));
    for (const QString &value : parser.values(domainOption)) {
        const QString domain = value.trimmed().toLower();
        if (!domainPattern.match(domain).hasMatch())
            return fail(QStringLiteral("--email-domain takes a domain name (e.g. example.com), "
                                       "not \"%1\".")
                            .arg(value));
        if (!config.emailDomains.contains(domain))
            config.emailDomains.append(domain);
    }
    if (config.emailDomains.isEmpty())
        return fail(QStringLiteral("--set-oidc needs at least one --email-domain."));
    const auto taken = store->setOidcConfig(config);
    if (!taken.ok())
        return fail(QStringLiteral("cannot change the database."));
    if (!taken.value.isEmpty())
        return fail(QStringLiteral("another organisation already signs in %1.")
                        .arg(taken.value.join(QStringLiteral(", "))));
    out << org->name << " signs in with " << config.issuer << " (client " << config.clientId
        << ") for " << config.emailDomains.join(QStringLiteral(", ")) << ".\n";
    return 0;
}

} // namespace

int runServerCommandLine(QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The product usage opt-out service: users, roles and tokens of organisations, the "
        "opt-out list with revisions and an audit log, and usage-event ingestion that "
        "discards the events of opted-out users. HTTP API: docs/api.md of the project, "
        "installed in /usr/share/doc/optout-server."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QString defaultDb = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/optout.sqlite");
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("SQLite database file, created if missing, or a PostgreSQL database as "
                       "postgresql://user[:password]@host[:port]/database (a password may also "
                       "come from PGPASSFILE or ~/.pgpass) (default: %1).")
            .arg(defaultDb),
        QStringLiteral("file|url"), defaultDb);
    const QCommandLineOption listenOption(QStringLiteral("listen"),
                                          QStringLiteral("Address and port to listen on; port 0 "
                                                         "picks a free one (default: "
                                                         "127.0.0.1:8080)."),
                                          QStringLiteral("host:port"),
                                          QStringLiteral("127.0.0.1:8080"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
                                        QStringLiteral("Fill an empty database with demo "
                                                       "organisations and accept the fixed demo "
                                                       "tokens, which are printed at start."));
    const QCommandLineOption demoUsersOption(QStringLiteral("demo-users"),
                                             QStringLiteral("Users of the demo organisation "
                                                            "(default: 250)."),
                                             QStringLiteral("n"), QStringLiteral("250"));
    const QCommandLineOption demoOptOutsOption(QStringLiteral("demo-optouts"),
                                               QStringLiteral("Users of the demo organisation "
                                                              "already opted out (default: one "
                                                              "in forty, at least 5)."),
                                               QStringLiteral("n"));
    const QCommandLineOption revokeOption(QStringLiteral("revoke-token"),
                                          QStringLiteral("Revoke a token in the database, then "
                                                         "exit."),
                                          QStringLiteral("token"));
    const QCommandLineOption createOrgOption(
        QStringLiteral("create-org"),
        QStringLiteral("Create an organisation with its first product administrator "
                       "(--admin-email, --admin-name), print its token, then exit."),
        QStringLiteral("name"));
    const QCommandLineOption productOption(
        QStringLiteral("product"),
        QStringLiteral("With --create-org: the product's name (default: Customer Journey "
                       "Analytics)."),
        QStringLiteral("name"), QStringLiteral("Customer Journey Analytics"));
    const QCommandLineOption adminEmailOption(QStringLiteral("admin-email"),
                                              QStringLiteral("With --create-org: the "
                                                             "administrator's e-mail address."),
                                              QStringLiteral("email"));
    const QCommandLineOption adminNameOption(QStringLiteral("admin-name"),
                                             QStringLiteral("With --create-org: the "
                                                            "administrator's name."),
                                             QStringLiteral("name"));
    const QCommandLineOption importOption(
        QStringLiteral("import-users"),
        QStringLiteral("Add the users of a CSV file (email,name[,roles]; roles: product_admin, "
                       "user, tracking_service, directory_sync, separated by ';') to the "
                       "organisation of "
                       "--org, all or none, then exit."),
        QStringLiteral("file"));
    const QCommandLineOption issueOption(QStringLiteral("issue-token"),
                                         QStringLiteral("Print a new token for the user with "
                                                        "this e-mail address in the organisation "
                                                        "of --org, then exit."),
                                         QStringLiteral("email"));
    const QCommandLineOption expiresInOption(
        QStringLiteral("expires-in"),
        QStringLiteral("With --issue-token: the token expires after this long (a number with d, "
                       "h, m or s, e.g. 90d); without it, it lasts until revoked."),
        QStringLiteral("duration"));
    const QCommandLineOption listTokensOption(
        QStringLiteral("list-tokens"),
        QStringLiteral("List the tokens of the organisation of --org that are not revoked "
                       "(sessions included): whose, when issued, when they expire, when last "
                       "used (to the minute), then exit."));
    const QCommandLineOption orgOption(
        QStringLiteral("org"),
        QStringLiteral("With --import-users, --issue-token, --set-oidc or --unset-oidc: the "
                       "organisation's id (e.g. o-1)."),
        QStringLiteral("id"));
    const QCommandLineOption timeZoneOption(
        QStringLiteral("time-zone"),
        QStringLiteral("With --org: set the organisation's time zone, in which its enforcement "
                       "statistics count days, weeks and months (an IANA name such as "
                       "Europe/Amsterdam; default: UTC), then exit. With --create-org: the new "
                       "organisation's."),
        QStringLiteral("zone"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Do not log one line per request."));
    const QCommandLineOption instanceOption(
        QStringLiteral("instance"),
        QStringLiteral("This server's name in /healthz (default: host name and port)."),
        QStringLiteral("name"));
    const QCommandLineOption purgeAfterOption(
        QStringLiteral("purge-after"),
        QStringLiteral("How long the stored usage events of an opted-out user are kept (hidden) "
                       "before they are deleted: a number with d, h, m or s (e.g. 7d, 12h, 30m, "
                       "45s), or 0 to delete them at the opt-out (default: 7d)."),
        QStringLiteral("duration"), QStringLiteral("7d"));
    // For tests: the window in which identical reads record one server-side event.
    QCommandLineOption readWindowOption(QStringLiteral("read-event-window-ms"),
                                        QStringLiteral("Read de-duplication window."),
                                        QStringLiteral("ms"));
    readWindowOption.setFlags(QCommandLineOption::HiddenFromHelp);
    // For the ingestion benchmark's baseline: the enforcement counters not written.
    QCommandLineOption noCountersOption(QStringLiteral("no-enforcement-counters"),
                                        QStringLiteral("Do not count enforcement statistics."));
    noCountersOption.setFlags(QCommandLineOption::HiddenFromHelp);
    const QCommandLineOption demoRemoteOption(
        QStringLiteral("demo-allow-remote"),
        QStringLiteral("With --demo: listen on an address other than loopback although anyone "
                       "who can reach it may use the published demo tokens."));
    const QCommandLineOption tlsCertOption(QStringLiteral("tls-cert"),
                                           QStringLiteral("Serve HTTPS with this PEM certificate "
                                                          "(then any intermediate ones); needs "
                                                          "--tls-key."),
                                           QStringLiteral("file"));
    const QCommandLineOption tlsKeyOption(QStringLiteral("tls-key"),
                                          QStringLiteral("The PEM private key of --tls-cert "
                                                         "(unencrypted)."),
                                          QStringLiteral("file"));
    const QCommandLineOption maxConnectionsOption(
        QStringLiteral("max-connections"),
        QStringLiteral("Client connections held at most; more wait to be accepted (default: "
                       "10000)."),
        QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption idleTimeoutOption(QStringLiteral("idle-timeout"),
                                               QStringLiteral("Seconds a connection may stay idle "
                                                              "between requests (default: 60)."),
                                               QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption stallTimeoutOption(
        QStringLiteral("stall-timeout"),
        QStringLiteral("Seconds a request's header block may take, and its body or an answer "
                       "may go without progress (default: 30)."),
        QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption setOidcOption(
        QStringLiteral("set-oidc"),
        QStringLiteral("Let the users of --org sign in with their organisation's OpenID Connect "
                       "provider (--issuer, --client-id, --email-domain), then exit."));
    const QCommandLineOption unsetOidcOption(QStringLiteral("unset-oidc"),
                                             QStringLiteral("Stop signing in the users of --org "
                                                            "with an identity provider, then "
                                                            "exit."));
    const QCommandLineOption issuerOption(QStringLiteral("issuer"),
                                          QStringLiteral("With --set-oidc: the identity "
                                                         "provider's issuer URL (https)."),
                                          QStringLiteral("url"));
    const QCommandLineOption clientIdOption(QStringLiteral("client-id"),
                                            QStringLiteral("With --set-oidc: the app's client id "
                                                           "at the identity provider."),
                                            QStringLiteral("id"));
    const QCommandLineOption emailDomainOption(
        QStringLiteral("email-domain"),
        QStringLiteral("With --set-oidc: an e-mail domain whose addresses sign in with that "
                       "provider (repeat for more)."),
        QStringLiteral("domain"));
    const QCommandLineOption oidcCaOption(
        QStringLiteral("oidc-ca-cert"),
        QStringLiteral("PEM certificates of the authorities trusted, besides the system's, for "
                       "the identity providers' HTTPS."),
        QStringLiteral("file"));
    const QCommandLineOption sessionTtlOption(
        QStringLiteral("session-ttl"),
        QStringLiteral("How long a session of a user signed in with an identity provider lasts: "
                       "a number with d, h, m or s (default: 12h)."),
        QStringLiteral("duration"), QStringLiteral("12h"));
    // For tests: how soon an unknown key may make the service fetch a key set again.
    QCommandLineOption oidcRefetchOption(QStringLiteral("oidc-key-refetch-ms"),
                                         QStringLiteral("Key set refetch interval."),
                                         QStringLiteral("ms"));
    oidcRefetchOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({setOidcOption, unsetOidcOption, issuerOption, clientIdOption,
                       emailDomainOption, oidcCaOption, sessionTtlOption, oidcRefetchOption});
    parser.addOptions({maxConnectionsOption, idleTimeoutOption, stallTimeoutOption});
    const QCommandLineOption maxStreamsOption(
        QStringLiteral("max-streams"),
        QStringLiteral("Change streams (GET /api/v1/changes/stream) open at once; more are "
                       "answered 503 (default: 1000)."),
        QStringLiteral("n"), QStringLiteral("1000"));
    // For tests: how often an open change stream gets a keep-alive comment.
    QCommandLineOption streamKeepAliveOption(QStringLiteral("stream-keepalive-ms"),
                                             QStringLiteral("Change stream keep-alive interval."),
                                             QStringLiteral("ms"), QStringLiteral("15000"));
    streamKeepAliveOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({maxStreamsOption, streamKeepAliveOption});
    // For tests whose many servers and retries share one client address: the 429 limit.
    QCommandLineOption authFailureLimitOption(QStringLiteral("auth-failures-per-minute"),
                                              QStringLiteral("Failed authentications per client "
                                                             "address and minute before 429."),
                                              QStringLiteral("n"), QStringLiteral("20"));
    authFailureLimitOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(authFailureLimitOption);
    const QCommandLineOption trustedProxyOption(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("A reverse proxy (an address, or a subnet such as 10.0.0.0/8) whose last "
                       "X-Forwarded-For entry names the client; may be given more than once."),
        QStringLiteral("address"));
    parser.addOption(trustedProxyOption);
    parser.addOption(timeZoneOption);
    parser.addOptions({dbOption,          listenOption,     demoOption,      demoUsersOption,
                       demoOptOutsOption, revokeOption,     createOrgOption, productOption,
                       adminEmailOption,  adminNameOption,  importOption,    issueOption,
                       orgOption,         quietOption,      instanceOption,  purgeAfterOption,
                       readWindowOption,  demoRemoteOption, tlsCertOption,   tlsKeyOption,
                       noCountersOption,  expiresInOption,  listTokensOption});
    parser.process(app);

    QString error;
    const auto spec = StoreSpec::parse(parser.value(dbOption), &error);
    if (!spec)
        return fail(error);
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listenOption), &address, &port))
        return fail(QStringLiteral("--listen takes HOST:PORT, e.g. 127.0.0.1:8080."));
    // The demo tokens are published: anyone who reaches a demo server is its administrator.
    const bool remoteDemo = parser.isSet(demoOption) && !address.isLoopback();
    if (remoteDemo && !parser.isSet(demoRemoteOption))
        return fail(QStringLiteral("--demo accepts the published demo tokens, so it listens only "
                                   "on a loopback address (127.0.0.1, ::1); add "
                                   "--demo-allow-remote to listen on %1 anyway.")
                        .arg(parser.value(listenOption)));
    std::optional<QSslConfiguration> tls;
    if (parser.isSet(tlsCertOption) != parser.isSet(tlsKeyOption))
        return fail(QStringLiteral("--tls-cert and --tls-key go together."));
    if (parser.isSet(tlsCertOption)) {
        QString tlsError;
        tls = ServerTls::load(parser.value(tlsCertOption), parser.value(tlsKeyOption), &tlsError);
        if (!tls)
            return fail(tlsError);
        if (const QString warning = ServerTls::expiryWarning(*tls); !warning.isEmpty())
            qWarning("%s", qPrintable(warning));
    }
    QList<HttpEdge::Subnet> trustedProxies;
    const QStringList proxies = parser.values(trustedProxyOption);
    for (const QString &proxy : proxies) {
        QHostAddress single;
        HttpEdge::Subnet subnet = single.setAddress(proxy)
            ? qMakePair(single, single.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128)
            : QHostAddress::parseSubnet(proxy);
        if (subnet.first.isNull())
            return fail(QStringLiteral("--trusted-proxy takes an IP address or a subnet (e.g. "
                                       "10.0.0.5 or 10.0.0.0/8), not %1.")
                            .arg(proxy));
        trustedProxies.append(subnet);
    }
    HttpEdge::Limits limits;
    bool ok = false;
    limits.maxConnections = parser.value(maxConnectionsOption).toInt(&ok);
    if (!ok || limits.maxConnections < 1)
        return fail(QStringLiteral("--max-connections takes a number of 1 or more."));
    const double idle = parser.value(idleTimeoutOption).toDouble(&ok);
    if (!ok || idle <= 0 || idle > 86400)
        return fail(QStringLiteral("--idle-timeout takes seconds, more than 0."));
    const double stall = parser.value(stallTimeoutOption).toDouble(&ok);
    const bool stallOk = ok && stall > 0 && stall <= 86400;
    if (!stallOk)
        return fail(QStringLiteral("--stall-timeout takes seconds, more than 0."));
    ChangeStreams::Options streamOptions;
    streamOptions.maxStreams = parser.value(maxStreamsOption).toInt(&ok);
    if (!ok || streamOptions.maxStreams < 0)
        return fail(QStringLiteral("--max-streams takes a number of 0 or more."));
    streamOptions.keepAliveMs = parser.value(streamKeepAliveOption).toInt(&ok);
    if (!ok || streamOptions.keepAliveMs < 10)
        return fail(QStringLiteral("--stream-keepalive-ms takes a number of 10 or more."));
    limits.idleTimeoutMs = int(idle * 1000);
    limits.stallTimeoutMs = int(stall * 1000);
    const auto purgeAfter = parseDuration(parser.value(purgeAfterOption));
    if (!purgeAfter) {
        return fail(QStringLiteral("--purge-after takes a duration: a number with d, h, m or s "
                                   "(e.g. 7d, 12h, 30m, 45s; at most 3650d), or 0; not \"%1\".")
                        .arg(parser.value(purgeAfterOption)));
    }
    const auto sessionTtl = parseDuration(parser.value(sessionTtlOption));
    if (!sessionTtl || *sessionTtl <= 0) {
        return fail(QStringLiteral("--session-ttl takes a duration: a number with d, h, m or s "
                                   "(e.g. 12h, 30m), more than 0; not \"%1\".")
                        .arg(parser.value(sessionTtlOption)));
    }
    OidcKeys::Options oidcKeys;
    if (parser.isSet(oidcCaOption)) {
        oidcKeys.caCertificates = QSslCertificate::fromPath(
            parser.value(oidcCaOption), QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
        if (oidcKeys.caCertificates.isEmpty())
            return fail(QStringLiteral("--oidc-ca-cert: %1 holds no PEM certificate.")
                            .arg(parser.value(oidcCaOption)));
    }
    if (parser.isSet(oidcRefetchOption)) {
        oidcKeys.refetchIntervalMs = parser.value(oidcRefetchOption).toInt(&ok);
        if (!ok || oidcKeys.refetchIntervalMs < 0)
            return fail(QStringLiteral("--oidc-key-refetch-ms takes a number of 0 or more."));
    }
    if (parser.isSet(timeZoneOption) && !isTimeZoneName(parser.value(timeZoneOption))) {
        return fail(QStringLiteral("--time-zone takes an IANA time zone name such as "
                                   "Europe/Amsterdam, America/New_York or UTC; \"%1\" is not one.")
                        .arg(parser.value(timeZoneOption)));
    }
    DemoOptions demo;
    int readWindowMs = 10 * 60 * 1000;
    if (parser.isSet(readWindowOption)) {
        readWindowMs = parser.value(readWindowOption).toInt(&ok);
        if (!ok || readWindowMs < 0)
            return fail(QStringLiteral("--read-event-window-ms takes a number of 0 or more."));
    }
    demo.users = parser.value(demoUsersOption).toInt(&ok);
    if (!ok || demo.users < 3 || demo.users > 10000000)
        return fail(QStringLiteral("--demo-users takes a number from 3 to 10000000."));
    if (parser.isSet(demoOptOutsOption)) {
        demo.optOuts = parser.value(demoOptOutsOption).toInt(&ok);
        if (!ok || demo.optOuts < 0)
            return fail(QStringLiteral("--demo-optouts takes a number of 0 or more."));
    }

    // One server per SQLite file (a PostgreSQL database takes any number). Issuing and
    // revoking tokens, and setting the identity provider, may run beside the server, which
    // picks them up within seconds; everything else needs the file to itself.
    std::unique_ptr<QLockFile> lock;
    if (spec->kind == StoreSpec::Kind::Sqlite) {
        if (!QDir().mkpath(QFileInfo(spec->path).absolutePath()))
            return fail(QStringLiteral("cannot create the folder of %1.").arg(spec->path));
        const bool tokenCommand = parser.isSet(revokeOption) || parser.isSet(issueOption)
            || parser.isSet(setOidcOption) || parser.isSet(unsetOidcOption)
            || parser.isSet(listTokensOption);
        lock = std::make_unique<QLockFile>(spec->path + QStringLiteral(".lock"));
        lock->setStaleLockTime(0);
        if (!tokenCommand && !lock->tryLock(100)) {
            if (lock->error() == QLockFile::PermissionError) {
                return fail(QStringLiteral("cannot write in %1, the folder of %2: the service "
                                           "keeps its lock and SQLite's journal there; make the "
                                           "folder writable for the user the service runs as.")
                                .arg(QFileInfo(spec->path).absolutePath(), spec->path));
            }
            return fail(QStringLiteral("another optout-server is using %1.").arg(spec->path));
        }
    }

    // Set-up on this thread with a store of its own, closed before the service starts.
    StoreSnapshot current;
    {
        const std::unique_ptr<Store> store = createStore(*spec, &error);
        if (!store || !store->open(&error))
            return fail(error);
        auto snapshot = store->snapshot();
        if (!snapshot.ok())
            return fail(QStringLiteral("cannot read the database."));
        const int code = runSetupCommand(parser, store.get(), snapshot.value, revokeOption,
                                         createOrgOption, productOption, adminEmailOption,
                                         adminNameOption, importOption, issueOption, orgOption,
                                         timeZoneOption, expiresInOption, listTokensOption);
        if (code >= 0)
            return code;
        const int oidcCode
            = runOidcCommand(parser, store.get(), snapshot.value, setOidcOption, unsetOidcOption,
                             orgOption, issuerOption, clientIdOption, emailDomainOption);
        if (oidcCode >= 0)
            return oidcCode;
        QTextStream out(stdout);
        if (parser.isSet(demoOption)) {
            if (snapshot.value.orgs.isEmpty()) {
                QElapsedTimer timer;
                timer.start();
                if (!createDemoData(store.get(), demo, &error))
                    return fail(error);
                out << "Demo data created in " << timer.elapsed() << " ms.\n";
                snapshot = store->snapshot();
                if (!snapshot.ok())
                    return fail(QStringLiteral("cannot read the database."));
            }
            out << demoTokensText() << '\n';
        }
        current = std::move(snapshot.value);
    }

    OptOutService::Options options;
    options.demoMode = parser.isSet(demoOption);
    options.purgeAfterSeconds = *purgeAfter;
    options.readEventWindowMs = readWindowMs;
    options.sessionTtlSeconds = *sessionTtl;
    StoreSpec serviceSpec = *spec;
    serviceSpec.countEnforcement = !parser.isSet(noCountersOption);
    OptOutService service(serviceSpec, options);
    if (!service.start(&error))
        return fail(error);
    QTextStream out(stdout);
    std::sort(current.orgs.begin(), current.orgs.end(), [](const StoredOrg &a, const StoredOrg &b) {
        return a.id.mid(2).toLongLong() < b.id.mid(2).toLongLong();
    });
    for (const StoredOrg &o : std::as_const(current.orgs)) {
        const CachedOrg *org = service.org(o.id);
        if (!org)
            continue;
        out << "Organisation " << o.id << " \"" << org->org.name
            << "\": " << org->usersByEmail.size() << " users, " << org->optOuts.size()
            << " opted out, revision " << org->org.revision << ".\n";
    }

    auto *tcp = ServerTls::makeListener(tls, &app);
    // Bursts of connects wait in the kernel rather than being refused or retried after 1 s
    // (Linux caps this at net.core.somaxconn).
    tcp->setListenBacklogSize(4096);
    if (!tcp->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1: %2")
                        .arg(parser.value(listenOption), tcp->errorString()));
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    const QString instance = parser.isSet(instanceOption)
        ? parser.value(instanceOption)
        : QSysInfo::machineHostName() + QLatin1Char(':') + QString::number(tcp->serverPort());
    ApiServer server(&service, instance, oidcKeys);
    server.changeStreams()->setOptions(streamOptions);
    const int authFailureLimit = parser.value(authFailureLimitOption).toInt(&ok);
    if (!ok || authFailureLimit < 1)
        return fail(QStringLiteral("--auth-failures-per-minute takes a number of at least 1."));
    server.setAuthFailureLimit(authFailureLimit);
    HttpEdge edge(tcp, &server, limits);
    edge.setRequestLogging(!parser.isSet(quietOption));
    edge.setTrustedProxies(trustedProxies);
    out << "Database "
        << (spec->kind == StoreSpec::Kind::Sqlite ? QFileInfo(spec->path).absoluteFilePath()
                                                  : spec->redacted())
        << '\n';
    if (remoteDemo)
        qWarning("--demo on %s: anyone who can reach this address may use the published demo "
                 "tokens, demo-admin included.",
                 qPrintable(parser.value(listenOption)));
    out << "Listening on " << (tls ? "https://" : "http://") << host << ':' << tcp->serverPort()
        << Qt::endl;

    // SIGTERM/SIGINT: no new connection, the requests being answered are answered, then the
    // service writes its queued server-side events and closes its database (its destructor).
    installSignalHandlers(&app, [&edge, &app] {
        qInfo("Stopping: answering the requests in progress.");
        edge.shutdown(10000, [&app] { app.quit(); });
    });
    const int code = app.exec();
    delete tcp;
    return code;
}
