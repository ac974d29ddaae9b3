// optout-server: command line, database, demo data and the HTTP listener.
#include "apiserver.h"
#include "demodata.h"
#include "provisioning.h"
#include "servertls.h"
#include "storage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLockFile>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(signalPipe[1], &c, 1);
}

// Quits the event loop on SIGINT/SIGTERM so queued events are written before exit.
void installSignalHandlers(QCoreApplication *app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [app, notifier] {
        notifier->setEnabled(false);
        char c;
        [[maybe_unused]] const auto n = ::read(signalPipe[0], &c, 1);
        app->quit();
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

int fail(const QString &message)
{
    QTextStream(stderr) << "optout-server: " << message << '\n';
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("optout-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("optout"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPTOUT_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                       "%{if-critical}error %{endif}%{message}"));

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
    const QCommandLineOption dbOption(QStringLiteral("db"),
                                      QStringLiteral("SQLite database file, created if missing "
                                                     "(default: %1).")
                                          .arg(defaultDb),
                                      QStringLiteral("file"), defaultDb);
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
                       "user, tracking_service, separated by ';') to the organisation of "
                       "--org, all or none, then exit."),
        QStringLiteral("file"));
    const QCommandLineOption issueOption(QStringLiteral("issue-token"),
                                         QStringLiteral("Print a new token for the user with "
                                                        "this e-mail address in the organisation "
                                                        "of --org, then exit."),
                                         QStringLiteral("email"));
    const QCommandLineOption orgOption(QStringLiteral("org"),
                                       QStringLiteral("With --import-users or --issue-token: the "
                                                      "organisation's id (e.g. o-1)."),
                                       QStringLiteral("id"));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Do not log one line per request."));
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
    parser.addOptions({dbOption, listenOption, demoOption, demoUsersOption, demoOptOutsOption,
                       revokeOption, createOrgOption, productOption, adminEmailOption,
                       adminNameOption, importOption, issueOption, orgOption, quietOption,
                       demoRemoteOption, tlsCertOption, tlsKeyOption});
    parser.process(app);

    const QString dbPath = parser.value(dbOption);
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
    DemoOptions demo;
    bool ok = false;
    demo.users = parser.value(demoUsersOption).toInt(&ok);
    if (!ok || demo.users < 3 || demo.users > 10000000)
        return fail(QStringLiteral("--demo-users takes a number from 3 to 10000000."));
    if (parser.isSet(demoOptOutsOption)) {
        demo.optOuts = parser.value(demoOptOutsOption).toInt(&ok);
        if (!ok || demo.optOuts < 0)
            return fail(QStringLiteral("--demo-optouts takes a number of 0 or more."));
    }

    if (!QDir().mkpath(QFileInfo(dbPath).absolutePath()))
        return fail(QStringLiteral("cannot create the folder of %1.").arg(dbPath));
    // One server per database file: the in-memory indexes must be the only writer's.
    // Issuing and revoking tokens may run beside the server, which picks them up within
    // seconds; everything else needs the file to itself.
    const bool tokenCommand = parser.isSet(revokeOption) || parser.isSet(issueOption);
    QLockFile lock(dbPath + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!tokenCommand && !lock.tryLock(100))
        return fail(QStringLiteral("another optout-server is using %1.").arg(dbPath));

    Storage storage;
    QString error;
    if (!storage.open(dbPath, &error))
        return fail(error);

    if (parser.isSet(revokeOption)) {
        if (!storage.revokeToken(parser.value(revokeOption).toUtf8()))
            return fail(QStringLiteral("no such active token."));
        QTextStream(stdout) << "Token revoked.\n";
        return 0;
    }

    QTextStream out(stdout);
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
        admin[0].token = Provisioning::newToken();
        const auto orgId = storage.createOrg(name, parser.value(productOption));
        if (!orgId || !storage.addUsers(*orgId, admin))
            return fail(QStringLiteral("cannot create the organisation."));
        out << "Organisation " << *orgId << " \"" << name << "\" created.\n"
            << "Token of " << admin[0].email
            << " (product_admin), shown only now: " << admin[0].token << '\n';
        return 0;
    }
    if (parser.isSet(importOption) || parser.isSet(issueOption)) {
        const QString orgId = parser.value(orgOption);
        const Org *org = storage.org(orgId);
        if (!org)
            return fail(QStringLiteral("--org must name an organisation (e.g. o-1)."));
        if (parser.isSet(importOption)) {
            QFile file(parser.value(importOption));
            if (!file.open(QIODevice::ReadOnly))
                return fail(
                    QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
            QVector<NewUser> users;
            if (!Provisioning::parseUsersCsv(QString::fromUtf8(file.readAll()), &users, &error)
                || !Provisioning::importUsers(&storage, orgId, users, &error))
                return fail(error);
            out << users.size() << " users added to " << org->name << ".\n";
            return 0;
        }
        const User *user = Provisioning::userByEmail(storage, orgId, parser.value(issueOption));
        if (!user)
            return fail(QStringLiteral("%1 is not a user of %2.")
                            .arg(parser.value(issueOption), org->name));
        const QByteArray token = Provisioning::newToken();
        if (!storage.addToken(user->id, token, false))
            return fail(QStringLiteral("cannot store the token."));
        out << "Token of " << user->email << ", shown only now: " << token << '\n';
        return 0;
    }
    if (parser.isSet(demoOption)) {
        storage.setDemoMode(true);
        if (storage.isEmpty()) {
            QElapsedTimer timer;
            timer.start();
            if (!createDemoData(&storage, demo, &error))
                return fail(error);
            out << "Demo data created in " << timer.elapsed() << " ms.\n";
        }
        out << demoTokensText() << '\n';
    }
    for (const Org *org : storage.orgs()) {
        out << "Organisation " << org->id << " \"" << org->name
            << "\": " << org->usersByEmail.size() << " users, " << storage.optOuts(org->id).size()
            << " opted out, revision " << org->revision << ".\n";
    }

    auto *tcp = ServerTls::makeListener(tls, &app);
    if (!tcp->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1: %2")
                        .arg(parser.value(listenOption), tcp->errorString()));
    storage.setTokenRefreshInterval(2000);
    ApiServer server(&storage);
    server.setRequestLogging(!parser.isSet(quietOption));
    server.bind(tcp);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    out << "Database " << QFileInfo(dbPath).absoluteFilePath() << '\n';
    if (remoteDemo)
        qWarning("--demo on %s: anyone who can reach this address may use the published demo "
                 "tokens, demo-admin included.",
                 qPrintable(parser.value(listenOption)));
    out << "Listening on " << (tls ? "https://" : "http://") << host << ':' << tcp->serverPort()
        << Qt::endl;

    installSignalHandlers(&app);
    const int code = app.exec();
    storage.close();
    return code;
}
