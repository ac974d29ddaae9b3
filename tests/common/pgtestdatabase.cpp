// A PostgreSQL database of its own for one test, on the server of OPTOUT_TEST_DB_URL.
#include "pgtestdatabase.h"

#include <QDebug>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {

template<typename F> bool withConnection(const QUrl &url, F f)
{
    const QString name = QStringLiteral("pgtest-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName(QUrl::FullyDecoded));
        db.setPassword(url.password(QUrl::FullyDecoded));
        db.setDatabaseName(url.path(QUrl::FullyDecoded).mid(1));
        if (db.open()) {
            QSqlQuery q(db);
            ok = f(q);
        } else {
            qWarning().noquote() << "PgTestDatabase:" << db.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool pgTemp(const char *command)
{
    const QString script = qEnvironmentVariable("OPTOUT_TEST_PG_SCRIPT");
    const QString dir = qEnvironmentVariable("OPTOUT_TEST_PG_DIR");
    if (script.isEmpty() || dir.isEmpty())
        return false;
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(script, {QString::fromLatin1(command), dir});
    return p.waitForFinished(90000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

PgTestDatabase::PgTestDatabase()
{
    const QUrl base(qEnvironmentVariable("OPTOUT_TEST_DB_URL"));
    if (!base.isValid() || base.host().isEmpty())
        return;
    const QString name = QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(20);
    if (!withConnection(base, [&](QSqlQuery &q) {
            if (q.exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
                return true;
            qWarning().noquote() << "PgTestDatabase:" << q.lastError().text();
            return false;
        }))
        return;
    m_name = name;
    m_url = base;
    m_url.setPath(QLatin1Char('/') + name);
}

PgTestDatabase::~PgTestDatabase()
{
    if (m_name.isEmpty())
        return;
    QUrl base = m_url;
    base.setPath(QUrl(qEnvironmentVariable("OPTOUT_TEST_DB_URL")).path());
    withConnection(base, [&](QSqlQuery &q) {
        return q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    });
}

bool PgTestDatabase::exec(const QString &sql) const
{
    return withConnection(m_url, [&](QSqlQuery &q) {
        if (q.exec(sql))
            return true;
        qWarning().noquote() << "PgTestDatabase:" << q.lastError().text();
        return false;
    });
}

QVariant PgTestDatabase::value(const QString &sql) const
{
    QVariant v;
    withConnection(m_url, [&](QSqlQuery &q) {
        if (q.exec(sql) && q.next())
            v = q.value(0);
        else
            qWarning().noquote() << "PgTestDatabase:" << q.lastError().text();
        return true;
    });
    return v;
}

bool PgTestDatabase::canStopServer()
{
    return !qEnvironmentVariableIsEmpty("OPTOUT_TEST_PG_SCRIPT")
        && !qEnvironmentVariableIsEmpty("OPTOUT_TEST_PG_DIR");
}

bool PgTestDatabase::stopServer()
{
    return pgTemp("halt");
}

bool PgTestDatabase::startServer()
{
    return pgTemp("resume");
}
