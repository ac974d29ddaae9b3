// optout-server: command line, database, demo data and the HTTP listener.
#include "apiserver.h"
#include "demodata.h"
#include "storage.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
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
        "discards the events of opted-out users. HTTP API: see API.md."));
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
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Do not log one line per request."));
    parser.addOptions({dbOption, listenOption, demoOption, demoUsersOption, demoOptOutsOption,
                       revokeOption, quietOption});
    parser.process(app);

    const QString dbPath = parser.value(dbOption);
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listenOption), &address, &port))
        return fail(QStringLiteral("--listen takes HOST:PORT, e.g. 127.0.0.1:8080."));
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
    QLockFile lock(dbPath + QStringLiteral(".lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(100))
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

    auto *tcp = new QTcpServer(&app);
    if (!tcp->listen(address, port))
        return fail(QStringLiteral("cannot listen on %1: %2")
                        .arg(parser.value(listenOption), tcp->errorString()));
    ApiServer server(&storage);
    server.setRequestLogging(!parser.isSet(quietOption));
    server.bind(tcp);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    out << "Database " << QFileInfo(dbPath).absoluteFilePath() << '\n';
    out << "Listening on http://" << host << ':' << tcp->serverPort() << Qt::endl;

    installSignalHandlers(&app);
    const int code = app.exec();
    storage.close();
    return code;
}
