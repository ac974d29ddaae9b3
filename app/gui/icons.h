// The app's icons, rendered from resources/icons/*.svg at the sizes the UI uses.
#pragma once

#include <QIcon>
#include <QString>

namespace Icons {
// `name` is the SVG's base name, e.g. "opt-out".
QIcon icon(const QString &name);
} // namespace Icons
