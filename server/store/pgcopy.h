// COPY ... FROM STDIN in PostgreSQL's binary format through libpq, on a connection the caller
// already holds (PostgresStore's own, so the rows join its transaction and its locks).
//
// Binary, not text: no field needs escaping (tabs, newlines, backslashes and "\N" travel as
// they are, length-prefixed), and the server parses no timestamp. What text cannot hold at all,
// a NUL character, is refused here before anything is sent.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QVector>

typedef struct pg_conn PGconn; // libpq-fe.h

// What libpq or the server said when a COPY failed.
struct PgCopyError
{
    // The server's SQLSTATE; empty when the server never answered (the connection is lost) or
    // when the refusal is this side's own (`refused`).
    QString sqlState;
    QString message;
    bool refused = false; // a field this format cannot carry (a NUL): nothing was sent for it
};

// One COPY of rows into a table. Rows are encoded into a buffer that is sent as it fills.
// Every call but finish() may leave a failure behind (see ok()); the destructor ends a COPY
// that was started and not finished, so the connection is usable again (its transaction then
// has failed and must be rolled back).
class PgCopyIn
{
public:
    // `conn`: an open connection, inside the caller's transaction. `statement`: the COPY, e.g.
    // "COPY t (a, b) FROM STDIN (FORMAT binary)", maybe with statements before and after it in
    // the same string (run in the same round trips: their failure is the COPY's);
    // `columns`: how many each row has.
    PgCopyIn(PGconn *conn, const char *statement, int columns);
    ~PgCopyIn();
    PgCopyIn(const PgCopyIn &) = delete;
    PgCopyIn &operator=(const PgCopyIn &) = delete;

    // Sends the statement; false with error() set when the server refuses it.
    bool start();

    // A row is beginRow() and then exactly `columns` fields.
    void beginRow();
    // UTF-8 text (the connection's client encoding is UTF8: PostgresStore sets it).
    void text(QByteArrayView utf8);
    void text(const QByteArray &utf8) { text(QByteArrayView(utf8)); }
    void text(const QString &s) { text(QByteArrayView(s.toUtf8())); }
    void null();
    // A timestamptz: microseconds since 1970-01-01T00:00:00Z.
    void timestamp(qint64 microsecondsSinceEpoch);

    // Sends what is left, ends the COPY and reads the server's answer: the rows it stored.
    // False with error() set on any failure (of this call or an earlier one).
    bool finish(qint64 *rowsStored);

    bool ok() const { return !m_failed; }
    const PgCopyError &error() const { return m_error; }

    // The encoded rows so far (for the tests): the header, then the rows not yet sent.
    const QByteArray &pending() const { return m_buffer; }
    // Encodes without a connection, start() and finish() never called (for the tests).
    static PgCopyIn encoderOnly(int columns) { return PgCopyIn(nullptr, nullptr, columns); }

private:
    void fail(const QString &sqlState, const QString &message, bool refused = false);
    void failFromConnection(const char *what);
    bool sendBuffer();
    void abort(const char *why);

    PGconn *m_conn = nullptr;
    const char *m_statement = nullptr;
    int m_columns = 0;
    int m_fieldsInRow = 0;
    qint64 m_rows = 0;
    bool m_started = false; // the server is in COPY IN state
    bool m_failed = false;
    QByteArray m_buffer;
    PgCopyError m_error;
};

// The rows one statement answered, each row's fields as text (a NULL as an empty one).
using PgRows = QVector<QList<QByteArray>>;

// Runs `sql`, one or more statements with their values written in, in one round trip: `rows`
// gets the rows of each statement that returns rows, in order. False with `error` set on the
// first failure (the server did not run the rest of the string).
bool pgRunAll(PGconn *conn, const QByteArray &sql, QVector<PgRows> *rows, PgCopyError *error);
