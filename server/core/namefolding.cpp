// ASCII folding of names for the demo's e-mail addresses.
#include "namefolding.h"

QString foldToAscii(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.unicode() < 128) {
            out += c.toLower();
            continue;
        }
        switch (c.toLower().unicode()) {
        case 0x00F8:
            out += QLatin1Char('o');
            break; // ø
        case 0x00DF:
            out += QLatin1String("ss");
            break; // ß
        case 0x00E6:
            out += QLatin1String("ae");
            break; // æ
        case 0x0153:
            out += QLatin1String("oe");
            break; // œ
        case 0x0142:
            out += QLatin1Char('l');
            break; // ł
        case 0x0111:
            out += QLatin1Char('d');
            break; // đ
        case 0x00F0:
            out += QLatin1Char('d');
            break; // ð
        case 0x00FE:
            out += QLatin1String("th");
            break; // þ
        case 0x0131:
            out += QLatin1Char('i');
            break; // ı
        default:
            break; // combining marks and anything else are dropped
        }
    }
    return out;
}
