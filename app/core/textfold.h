// Folding text for search: case- and accent-insensitive keys ("Zoë Østergaard" -> "zoe
// ostergaard").
#pragma once

#include <QString>
#include <QStringView>

// Lowercase, compatibility-decomposed, combining marks dropped, and the letters that do not
// decompose mapped by hand (ø->o, ß->ss, æ->ae, œ->oe, đ->d, ł->l, þ->th, ı->i).
QString foldForSearch(QStringView text);
