// Folding text for search: case- and accent-insensitive keys ("Zoë Østergaard" -> "zoe
// ostergaard").
#pragma once

#include <QString>
#include <QStringView>

// Lowercase, compatibility-decomposed, combining marks dropped, and the letters that do not
// decompose mapped by hand (ø->o, ß->ss, æ->ae, œ->oe, đ->d, ł->l, þ->th, ı->i).
QString foldForSearch(QStringView text);

// A word starts a text, or follows a character that is neither a letter nor a digit.
inline bool isWordStart(QStringView text, qsizetype at)
{
    return at == 0 || !text.at(at - 1).isLetterOrNumber();
}

// A 16-bit summary of the letters and digits that start a word, for a quick "cannot match":
// a word of a query can only start a word of a text whose mask has the bit of its first
// character. Letters a-z share 15 bits; digits and every other character share the last.
inline quint16 initialBit(QChar c)
{
    const char16_t u = c.unicode();
    return quint16(1u << (u >= u'a' && u <= u'z' ? (u - u'a') % 15 : 15));
}
quint16 wordInitials(QStringView text);
