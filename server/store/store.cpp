// StoreSpec: what --db names, a file or a postgresql:// URL.
#include "store.h"

#include <QUrl>
#include <QUrlQuery>

std::optional<StoreSpec> StoreSpec::parse(const QString &text, QString *error)
{
    StoreSpec spec;
    if (!text.startsWith(QLatin1String("postgresql://"))
        && !text.startsWith(QLatin1String("postgres://"))) {
        if (text.isEmpty()) {
            *error = QStringLiteral("--db needs a file or a postgresql:// URL.");
            return std::nullopt;
        }
        spec.kind = Kind::Sqlite;
        spec.path = text;
        return spec;
    }
    const QUrl url(text, QUrl::StrictMode);
    // Never repeat the text: it may hold a password.
    const QString shape
        = QStringLiteral("--db takes postgresql://user[:password]@host[:port]/database.");
    if (!url.isValid() || !url.fragment().isEmpty()) {
        *error = shape;
        return std::nullopt;
    }
    spec.kind = Kind::Postgres;
    spec.user = url.userName(QUrl::FullyDecoded);
    spec.password = url.password(QUrl::FullyDecoded);
    spec.host = url.host(QUrl::FullyDecoded);
    const int port = url.port(5432);
    if (port <= 0 || port > 65535) {
        *error = shape;
        return std::nullopt;
    }
    spec.port = port;
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.isEmpty() || path.contains(QLatin1Char('/'))) {
        *error = shape;
        return std::nullopt;
    }
    spec.database = path;
    // ?sslmode=require&connect_timeout=5 becomes the driver's "sslmode=require;connect_timeout=5".
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    QStringList options;
    for (const auto &item : items) {
        if (item.first.isEmpty() || item.first.contains(QLatin1Char(';'))
            || item.second.contains(QLatin1Char(';'))) {
            *error = shape;
            return std::nullopt;
        }
        options.append(item.first + QLatin1Char('=') + item.second);
    }
    spec.options = options.join(QLatin1Char(';'));
    return spec;
}

QString StoreSpec::redacted() const
{
    if (kind == Kind::Sqlite)
        return path;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    if (port != 5432)
        url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    return url.toString();
}

QString StoreSpec::kindName() const
{
    return kind == Kind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

AuditFilterSql auditFilterSql(const AuditQuery &query, QString (*dbTime)(const QDateTime &),
                              const QString &timeParameter, const QString &idParameter)
{
    AuditFilterSql sql {QStringLiteral("a.org_id = ?"), {query.orgId}};
    const auto add = [&sql](const QString &condition, const QVariant &value) {
        sql.where += QStringLiteral(" AND ") + condition;
        sql.values.append(value);
    };
    if (!query.userId.isEmpty())
        add(QStringLiteral("a.user_id = ?"), query.userId);
    if (!query.actorId.isEmpty())
        add(QStringLiteral("a.actor_id = ?"), query.actorId);
    if (!query.action.isEmpty())
        add(QStringLiteral("a.action = ?"), query.action);
    if (query.since.isValid())
        add(QStringLiteral("a.at >= ") + timeParameter, dbTime(query.since));
    if (query.until.isValid())
        add(QStringLiteral("a.at < ") + timeParameter, dbTime(query.until));
    if (query.beforeId > 0) {
        add(QStringLiteral("(a.at, a.id) < (SELECT c.at, c.id FROM audit c WHERE c.id = %1)")
                .arg(idParameter),
            query.beforeId);
    }
    return sql;
}

QString groupsVersion(qint64 usersRevision, qint64 revision)
{
    return QString::number(usersRevision) + QLatin1Char('.') + QString::number(revision);
}

GroupFilterSql groupFilterSql(const GroupQuery &query)
{
    GroupFilterSql sql {QStringLiteral("g.org_id = ?"), {query.orgId}};
    const auto add = [&sql](const QString &condition, const QVariant &value) {
        sql.where += QStringLiteral(" AND ") + condition;
        sql.values.append(value);
    };
    if (!query.id.isEmpty())
        add(QStringLiteral("g.id = ?"), query.id);
    if (!query.displayName.isEmpty())
        add(QStringLiteral("g.display_name = ?"), query.displayName);
    if (!query.externalId.isEmpty())
        add(QStringLiteral("g.external_id = ?"), query.externalId);
    if (!query.nameContains.isEmpty()) {
        // A substring without regard to case: the search's own % and _ match themselves.
        QString pattern = query.nameContains;
        pattern.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        pattern.replace(QLatin1Char('%'), QLatin1String("\\%"));
        pattern.replace(QLatin1Char('_'), QLatin1String("\\_"));
        add(QStringLiteral("lower(g.display_name) LIKE '%' || lower(?) || '%' ESCAPE '\\'"),
            pattern);
    }
    if (!query.memberId.isEmpty()) {
        add(QStringLiteral("EXISTS (SELECT 1 FROM group_members m JOIN users u ON u.id = "
                           "m.user_id WHERE m.group_id = g.id AND m.user_id = ? AND NOT "
                           "u.deleted)"),
            query.memberId);
    }
    return sql;
}
