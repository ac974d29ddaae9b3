// The app's icons, rendered from resources/icons/*.svg at the sizes the UI uses.
#include "icons.h"

// Outside any namespace, as Q_INIT_RESOURCE requires.
static void initIconResources()
{
    Q_INIT_RESOURCE(optout);
}

namespace Icons {
QIcon icon(const QString &name)
{
    // A static library's resources are not registered unless asked for.
    static const bool registered = (initIconResources(), true);
    Q_UNUSED(registered);
    QIcon result;
    for (int size : {16, 32, 64})
        result.addFile(QStringLiteral(":/icons/%1-%2.png").arg(name).arg(size), QSize(size, size));
    return result;
}
} // namespace Icons
