// optout-admin: the administrators' desktop app for product usage opt-outs.
#include "appcontroller.h"
#include "appsettings.h"
#include "connectionsecurity.h"
#include "languagemanager.h"
#include "mainwindow.h"
#include "quitsignals.h"
#include "session.h"
#include "starttrace.h"
#include "tokenstore.h"
#include "usagetracker.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>

#include <cstdio>

int main(int argc, char *argv[])
{
    StartTrace startTrace; // the start's moments, when optout.start is on
    QApplication app(argc, argv);
    startTrace.mark("QApplication made");
    QApplication::setOrganizationName(QStringLiteral("optout"));
    QApplication::setApplicationName(QStringLiteral("optout-admin"));
    QApplication::setApplicationVersion(QStringLiteral(OPTOUT_VERSION));
    QApplication::setApplicationDisplayName(QStringLiteral("Opt-out settings"));
    QApplication::setDesktopFileName(QStringLiteral("optout-admin"));

    AppSettings settings;
    LanguageManager languages;

    // The language first, so that --help is in it too.
    QString language;
    for (int i = 1; i + 1 < argc; ++i) {
        if (qstrcmp(argv[i], "--lang") == 0)
            language = QString::fromLocal8Bit(argv[i + 1]);
    }
    QString chosen = LanguageManager::normalize(language);
    if (chosen.isEmpty())
        chosen = LanguageManager::normalize(settings.language());
    if (chosen.isEmpty())
        chosen = LanguageManager::systemLanguage();
    languages.setLanguage(chosen);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Exclude users from product usage tracking."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption serverOption(
        QStringLiteral("server"), QCoreApplication::translate("main", "The service's address."),
        QStringLiteral("url"));
    const QCommandLineOption tokenOption(
        QStringLiteral("token"),
        QCoreApplication::translate("main", "Your access token (else you are asked for it)."),
        QStringLiteral("token"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QCoreApplication::translate("main", "The interface language: en, fr, sv or nl."),
        QStringLiteral("code"));
    const QCommandLineOption caCertOption(
        QStringLiteral("ca-cert"),
        QCoreApplication::translate("main",
                                    "A certificate authority to trust besides the system's, for "
                                    "an https:// server (PEM file; remembered)."),
        QStringLiteral("file"));
    parser.addOptions({serverOption, tokenOption, langOption, caCertOption});
    parser.process(app);

    if (parser.isSet(langOption)
        && LanguageManager::normalize(parser.value(langOption)).isEmpty()) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate("main", "Unknown language: %1")
                                    .arg(parser.value(langOption))));
        return 2;
    }
    if (parser.isSet(langOption))
        settings.setLanguage(chosen);

    if (parser.isSet(caCertOption)) {
        const QString path = QFileInfo(parser.value(caCertOption)).absoluteFilePath();
        QString error;
        if (!ConnectionSecurity::loadCaCertificates(path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        settings.setCaCertificateFile(path);
    }

    QUrl server;
    if (parser.isSet(serverOption)) {
        server = QUrl::fromUserInput(parser.value(serverOption));
        if (!server.isValid()) {
            std::fprintf(
                stderr, "%s\n",
                qPrintable(QCoreApplication::translate("main", "Invalid server address: %1")
                               .arg(parser.value(serverOption))));
            return 2;
        }
    }

    // The core of the signed-in session, built and cleared in one place (Session).
    Session session;
    TokenStore tokens;
    // The last synced lists read, and a remembered token asked of the keychain, while the
    // window is built.
    AppController::readAhead(&session, settings, &tokens, server, parser.value(tokenOption));
    UsageTracker *usage = session.usage();
    QObject::connect(&app, &QCoreApplication::aboutToQuit, usage,
                     [usage]() { usage->flushAndWait(3000); });

    AppController controller(&session, &languages, &settings, &tokens);
    startTrace.watch(controller.mainWindow(), session.users(), session.optOuts());
    QObject::connect(&controller, &AppController::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    // SIGTERM (a desktop logout) and SIGINT quit as File > Quit does: the windows close, then
    // aboutToQuit sends the queued usage events and saves the layout.
    QuitSignals quitSignals;
    QObject::connect(&quitSignals, &QuitSignals::quitRequested, &app, []() {
        QApplication::closeAllWindows();
        QCoreApplication::quit();
    });
    controller.start(server, parser.value(tokenOption));
    return app.exec();
}
