// COPY FROM STDIN in binary format through libpq (pgcopy.h).
#include "pgcopy.h"

#include <QtEndian>

#include <libpq-fe.h>

#include <cstring>

namespace {

// Sent in pieces of about this size: the server works while the next piece is encoded.
constexpr qsizetype SendThreshold = 256 * 1024;
// PostgreSQL's timestamps count from 2000-01-01T00:00:00Z.
constexpr qint64 PostgresEpochMicroseconds = Q_INT64_C(946684800000000);

template<typename T> void appendBigEndian(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToBigEndian(value, bytes);
    out.append(bytes, qsizetype(sizeof(T)));
}

QString messageOf(const PGresult *result, PGconn *conn)
{
    const char *text = result ? PQresultErrorMessage(result) : nullptr;
    if (!text || !*text)
        text = conn ? PQerrorMessage(conn) : "no connection";
    return QString::fromUtf8(text).trimmed();
}

QString sqlStateOf(const PGresult *result)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return state ? QString::fromLatin1(state) : QString();
}

} // namespace

PgCopyIn::PgCopyIn(PGconn *conn, const char *statement, int columns)
    : m_conn(conn)
    , m_statement(statement)
    , m_columns(columns)
{
    // The header: signature, flags (no OIDs), no header extension.
    static const char signature[] = "PGCOPY\n\377\r\n";
    m_buffer.reserve(SendThreshold + 64 * 1024);
    m_buffer.append(signature, 11); // with its final NUL
    appendBigEndian<qint32>(m_buffer, 0);
    appendBigEndian<qint32>(m_buffer, 0);
}

PgCopyIn::~PgCopyIn()
{
    if (m_started)
        abort("the rows were not all written");
}

bool PgCopyIn::start()
{
    if (m_failed)
        return false;
    // Text goes out as the UTF-8 it is: the connection must say so.
    if (PQclientEncoding(m_conn) != pg_char_to_encoding("UTF8")) {
        fail({}, QStringLiteral("the connection's client encoding is not UTF8"), true);
        return false;
    }
    if (PQsendQuery(m_conn, m_statement) != 1) {
        failFromConnection("COPY");
        return false;
    }
    // The statements before the COPY in the same string answer first.
    while (PGresult *result = PQgetResult(m_conn)) {
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_COPY_IN) {
            PQclear(result);
            m_started = true;
            return true;
        }
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            fail(sqlStateOf(result), messageOf(result, m_conn));
            // The rest of the string is not run; read what is left, so the connection is idle.
            PQclear(result);
            while ((result = PQgetResult(m_conn)))
                PQclear(result);
            return false;
        }
        PQclear(result);
    }
    failFromConnection("answer to COPY");
    return false;
}

void PgCopyIn::beginRow()
{
    if (m_failed)
        return;
    Q_ASSERT(m_rows == 0 || m_fieldsInRow == m_columns);
    if (m_buffer.size() >= SendThreshold && m_started && !sendBuffer())
        return;
    appendBigEndian<qint16>(m_buffer, qint16(m_columns));
    m_fieldsInRow = 0;
    ++m_rows;
}

void PgCopyIn::text(QByteArrayView utf8)
{
    if (m_failed)
        return;
    // PostgreSQL's text cannot hold a NUL: the server would refuse the whole COPY, after the
    // rows before it were sent. Refused here, with the field named.
    if (std::memchr(utf8.data(), 0, size_t(utf8.size()))) {
        fail({},
             QStringLiteral("field %1 of row %2 holds a NUL character")
                 .arg(m_fieldsInRow + 1)
                 .arg(m_rows),
             true);
        return;
    }
    appendBigEndian<qint32>(m_buffer, qint32(utf8.size()));
    m_buffer.append(utf8.data(), utf8.size());
    ++m_fieldsInRow;
}

void PgCopyIn::null()
{
    if (m_failed)
        return;
    appendBigEndian<qint32>(m_buffer, -1);
    ++m_fieldsInRow;
}

void PgCopyIn::timestamp(qint64 microsecondsSinceEpoch)
{
    if (m_failed)
        return;
    appendBigEndian<qint32>(m_buffer, 8);
    appendBigEndian<qint64>(m_buffer, microsecondsSinceEpoch - PostgresEpochMicroseconds);
    ++m_fieldsInRow;
}

bool PgCopyIn::finish(qint64 *rowsStored)
{
    if (m_failed || !m_started)
        return false;
    Q_ASSERT(m_rows == 0 || m_fieldsInRow == m_columns);
    appendBigEndian<qint16>(m_buffer, -1); // the trailer
    if (!sendBuffer())
        return false;
    m_started = false;
    if (PQputCopyEnd(m_conn, nullptr) != 1) {
        failFromConnection("end of COPY");
        // The COPY state is left to the lost connection.
        return false;
    }
    // The COPY's answer, then those of the statements after it in the same string (a failure
    // of one of them fails the whole).
    bool answered = false;
    while (PGresult *result = PQgetResult(m_conn)) {
        const ExecStatusType status = PQresultStatus(result);
        if (!answered) {
            answered = true;
            if (status == PGRES_COMMAND_OK) {
                if (rowsStored)
                    *rowsStored = QByteArray(PQcmdTuples(result)).toLongLong();
            } else {
                fail(sqlStateOf(result), messageOf(result, m_conn));
            }
        } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            fail(sqlStateOf(result), messageOf(result, m_conn));
        }
        PQclear(result);
    }
    if (!answered && !m_failed)
        failFromConnection("answer to COPY");
    return !m_failed;
}

bool PgCopyIn::sendBuffer()
{
    if (m_buffer.isEmpty())
        return true;
    if (PQputCopyData(m_conn, m_buffer.constData(), int(m_buffer.size())) != 1) {
        failFromConnection("COPY data");
        return false;
    }
    m_buffer.clear(); // keeps its capacity
    return true;
}

void PgCopyIn::abort(const char *why)
{
    m_started = false;
    // The server answers the end of a COPY with an error and fails the transaction; then the
    // connection is idle again. On a lost connection both calls just fail.
    if (PQputCopyEnd(m_conn, why) == 1) {
        while (PGresult *result = PQgetResult(m_conn))
            PQclear(result);
    }
}

void PgCopyIn::fail(const QString &sqlState, const QString &message, bool refused)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = PgCopyError {sqlState, message, refused};
}

void PgCopyIn::failFromConnection(const char *what)
{
    // No SQLSTATE: the caller treats the connection as lost when libpq says it is bad.
    fail({}, QStringLiteral("%1: %2").arg(QLatin1String(what), messageOf(nullptr, m_conn)));
}

bool pgRunAll(PGconn *conn, const QByteArray &sql, QVector<PgRows> *rows, PgCopyError *error)
{
    const auto failWith = [error](const QString &sqlState, const QString &message) {
        if (error && error->message.isEmpty())
            *error = PgCopyError {sqlState, message, false};
    };
    if (PQsendQuery(conn, sql.constData()) != 1) {
        failWith({}, messageOf(nullptr, conn));
        return false;
    }
    bool ok = true;
    bool answered = false;
    while (PGresult *result = PQgetResult(conn)) {
        answered = true;
        const ExecStatusType status = PQresultStatus(result);
        if (status == PGRES_TUPLES_OK && ok && rows) {
            PgRows table;
            const int n = PQntuples(result);
            const int columns = PQnfields(result);
            table.reserve(n);
            for (int r = 0; r < n; ++r) {
                QList<QByteArray> row;
                row.reserve(columns);
                for (int c = 0; c < columns; ++c)
                    row.append(QByteArray(PQgetvalue(result, r, c), PQgetlength(result, r, c)));
                table.append(std::move(row));
            }
            rows->append(std::move(table));
        } else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            // Only the first failure: the rest of the string was not run.
            if (ok)
                failWith(sqlStateOf(result), messageOf(result, conn));
            ok = false;
        }
        PQclear(result);
    }
    if (!answered) {
        failWith({}, messageOf(nullptr, conn));
        return false;
    }
    return ok;
}
