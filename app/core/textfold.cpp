// Folding text for search: case- and accent-insensitive keys.
#include "textfold.h"

namespace {

bool isAsciiOnly(QStringView text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}

// Letters that neither lowercase nor decompose into an ASCII base letter.
bool appendSpecial(char16_t c, QString &out)
{
    switch (c) {
    case u'ø':
        out += QLatin1Char('o');
        return true;
    case u'ß':
        out += QLatin1String("ss");
        return true;
    case u'æ':
        out += QLatin1String("ae");
        return true;
    case u'œ':
        out += QLatin1String("oe");
        return true;
    case u'đ':
    case u'ð':
        out += QLatin1Char('d');
        return true;
    case u'ł':
        out += QLatin1Char('l');
        return true;
    case u'þ':
        out += QLatin1String("th");
        return true;
    case u'ı':
        out += QLatin1Char('i');
        return true;
    default:
        return false;
    }
}

} // namespace

QString foldForSearch(QStringView text)
{
    if (isAsciiOnly(text))
        return text.toString().toLower();
    const QString decomposed = text.toString().toLower().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue;
        if (!appendSpecial(c.unicode(), out))
            out += c.toLower();
    }
    return out;
}

quint16 wordInitials(QStringView text)
{
    quint16 mask = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isLetterOrNumber() && isWordStart(text, i))
            mask |= initialBit(text.at(i));
    }
    return mask;
}
