// optout-server: the product usage opt-out service (see servercommands.h for what it does).
#include "servercommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("optout-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("optout"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPTOUT_VERSION));
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                       "%{if-critical}error %{endif}%{message}"));
    return runServerCommandLine(app);
}
