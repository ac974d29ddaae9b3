// Fills the audit of a benchmark's database in one SQLite statement.
#include "auditfill.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

bool fillAudit(const QString &databasePath, int entries, int users, QString *error)
{
    const QString connection = QStringLiteral("auditfill");
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(databasePath);
        if (!db.open()) {
            *error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            ok = q.exec(QStringLiteral("BEGIN"))
                && q.exec(
                    QStringLiteral(
                        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
                        "%1) INSERT INTO audit (org_id, at, action, actor_id, user_id, reason, "
                        "count) SELECT 'o-1', strftime('%Y-%m-%dT%H:%M:%fZ', '2025-12-01', '+' || "
                        "(i * 31) || ' seconds'), CASE i % 3 WHEN 0 THEN 'opt_out' WHEN 1 THEN "
                        "'opt_in' ELSE 'purge' END, CASE i % 3 WHEN 2 THEN NULL ELSE 'u-' || (1 + "
                        "i % 3) END, 'u-' || (4 + (i * 7919) % %2), CASE i % 3 WHEN 0 THEN "
                        "'request #' || i END, CASE i % 3 WHEN 2 THEN i % 50 END FROM n")
                        .arg(entries)
                        .arg(users - 3))
                && q.exec(QStringLiteral("COMMIT"));
            if (!ok)
                *error = q.lastError().text();
            else
                q.exec(QStringLiteral("ANALYZE"));
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}
