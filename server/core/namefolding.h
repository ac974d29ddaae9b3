// ASCII folding of names for the demo's e-mail addresses.
#pragma once

#include <QString>

// "Zoë Østergaard" -> "zoe ostergaard": decomposes accents and maps ø, ß, æ and the like.
QString foldToAscii(const QString &text);
