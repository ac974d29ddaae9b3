// RFC 4180 CSV records, written straight into a UTF-8 buffer.
#include "csvwriter.h"

#include "jsoncodec.h"

namespace {

bool needsQuotes(QStringView field)
{
    for (const QChar c : field) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\r' || u == u'\n')
            return true;
    }
    return false;
}

// Appends `text` in UTF-8: ASCII directly, anything else through Qt's encoder.
void appendUtf8(QByteArray &out, QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80) {
            out += text.toUtf8();
            return;
        }
    }
    const qsizetype at = out.size();
    out.resize(at + text.size());
    char *to = out.data() + at;
    for (const QChar c : text)
        *to++ = char(c.unicode());
}

} // namespace

bool CsvWriter::startsLikeFormula(QStringView field)
{
    if (field.isEmpty())
        return false;
    switch (field.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    default:
        return false;
    }
}

void CsvWriter::appendField(QByteArray &out, QStringView field, Formulas formulas)
{
    const bool neutralise = formulas == Formulas::Neutralise && startsLikeFormula(field);
    if (!needsQuotes(field)) {
        if (neutralise)
            out += '\'';
        appendUtf8(out, field);
        return;
    }
    out += '"';
    if (neutralise)
        out += '\'';
    qsizetype from = 0;
    for (qsizetype i = field.indexOf(u'"'); i >= 0; i = field.indexOf(u'"', from)) {
        appendUtf8(out, field.mid(from, i + 1 - from)); // up to and with the quote
        out += '"'; // doubled
        from = i + 1;
    }
    appendUtf8(out, field.mid(from));
    out += '"';
}

void CsvWriter::appendRecord(QByteArray &out, const QStringList &fields, Formulas formulas)
{
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        appendField(out, fields.at(i), formulas);
    }
    out += "\r\n";
}

QByteArray CsvWriter::record(const QStringList &fields, Formulas formulas)
{
    QByteArray out;
    appendRecord(out, fields, formulas);
    return out;
}

QString CsvWriter::time(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return JsonCodec::formatTime(time); // the API's form: "2026-12-02T10:15:00Z"
}
