// RFC 4180 CSV for the app's exports: UTF-8, CRLF record ends, quoted fields, UTC times, and
// cells that a spreadsheet would run as a formula neutralised.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QStringView>

class CsvWriter
{
public:
    enum class Formulas {
        Neutralise, // a cell starting with = + - @ tab or CR gets a leading ' (the default)
        Keep, // written as given
    };

    // Appends one record to `out`: the fields in UTF-8, separated by ',' and ended by CRLF. A
    // field is quoted when it holds ',', '"', CR or LF, its quotes doubled; a null or empty
    // string is an empty field.
    static void appendRecord(QByteArray &out, const QStringList &fields,
                             Formulas formulas = Formulas::Neutralise);
    static QByteArray record(const QStringList &fields, Formulas formulas = Formulas::Neutralise);
    // Appends one field, without separator or record end.
    static void appendField(QByteArray &out, QStringView field,
                            Formulas formulas = Formulas::Neutralise);

    // ISO 8601 in UTC to the second ("2026-12-02T10:15:00Z"); empty when invalid (null).
    static QString time(const QDateTime &time);
    // Whether a spreadsheet would read a cell starting like this as a formula (or could be made
    // to: = + - @, and the tab and CR that some strip before looking).
    static bool startsLikeFormula(QStringView field);
};
