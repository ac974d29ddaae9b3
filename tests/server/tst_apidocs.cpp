// The API reference in prose (docs/api.md) and docs/openapi.yaml name the same operations.
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TstApiDocs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void sameOperations();
    void everyPathDocumented();
    void noReferenceOutsideTheProject();

private:
    static QString read(const QString &relative);

    // "GET /api/v1/me" for each operation.
    QSet<QString> m_openApiOperations;
    QSet<QString> m_openApiPaths;
    QSet<QString> m_proseOperations;
    QSet<QString> m_prosePaths;
};

QString TstApiDocs::read(const QString &relative)
{
    QFile file(QStringLiteral(OPTOUT_SOURCE_DIR "/") + relative);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void TstApiDocs::initTestCase()
{
    const QString openApi = read(QStringLiteral("docs/openapi.yaml"));
    const QString prose = read(QStringLiteral("docs/api.md"));
    QVERIFY(!openApi.isEmpty());
    QVERIFY(!prose.isEmpty());

    // In openapi.yaml: a path is a two-space-indented key under `paths:`, its operations the
    // four-space-indented HTTP methods below it.
    const int pathsAt = openApi.indexOf(QStringLiteral("\npaths:\n"));
    const int componentsAt = openApi.indexOf(QStringLiteral("\ncomponents:\n"));
    QVERIFY(pathsAt > 0 && componentsAt > pathsAt);
    static const QRegularExpression pathLine(QStringLiteral("^  (/\\S*):$"));
    static const QRegularExpression methodLine(
        QStringLiteral("^    (get|put|post|delete|patch|head):$"));
    QString path;
    const QStringList lines = openApi.mid(pathsAt, componentsAt - pathsAt).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (const auto m = pathLine.match(line); m.hasMatch()) {
            path = m.captured(1);
            m_openApiPaths.insert(path);
        } else if (const auto m = methodLine.match(line); m.hasMatch() && !path.isEmpty()) {
            m_openApiOperations.insert(m.captured(1).toUpper() + QLatin1Char(' ') + path);
        }
    }

    // In api.md: `METHOD /path` in code spans (query strings left off), and every path in one.
    static const QRegularExpression operation(QStringLiteral(
        "`(GET|PUT|POST|DELETE|PATCH|HEAD) (/(?:api/v1|healthz|scim/v2)[^`?\\s]*)[^`]*`"));
    for (auto it = operation.globalMatch(prose); it.hasNext();) {
        const auto m = it.next();
        m_proseOperations.insert(m.captured(1) + QLatin1Char(' ') + m.captured(2));
    }
    static const QRegularExpression anyPath(
        QStringLiteral("`(?:[A-Z]+ )?(/(?:api/v1/|healthz|scim/v2/)[^`?\\s]*)[^`]*`"));
    for (auto it = anyPath.globalMatch(prose); it.hasNext();)
        m_prosePaths.insert(it.next().captured(1));
    QCOMPARE(m_openApiOperations.size(), 37);
}

void TstApiDocs::sameOperations()
{
    const QSet<QString> onlyInOpenApi = m_openApiOperations - m_proseOperations;
    const QSet<QString> onlyInProse = m_proseOperations - m_openApiOperations;
    QVERIFY2(onlyInOpenApi.isEmpty(),
             qPrintable(QStringLiteral("not in docs/api.md: ")
                        + QStringList(onlyInOpenApi.cbegin(), onlyInOpenApi.cend()).join(u", ")));
    QVERIFY2(onlyInProse.isEmpty(),
             qPrintable(QStringLiteral("not in docs/openapi.yaml: ")
                        + QStringList(onlyInProse.cbegin(), onlyInProse.cend()).join(u", ")));
}

void TstApiDocs::everyPathDocumented()
{
    const QSet<QString> unknown = m_prosePaths - m_openApiPaths;
    QVERIFY2(unknown.isEmpty(),
             qPrintable(QStringLiteral("docs/api.md names paths openapi.yaml lacks: ")
                        + QStringList(unknown.cbegin(), unknown.cend()).join(u", ")));
    const QSet<QString> missing = m_openApiPaths - m_prosePaths;
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("docs/api.md does not name: ")
                        + QStringList(missing.cbegin(), missing.cend()).join(u", ")));
}

void TstApiDocs::noReferenceOutsideTheProject()
{
    // "API.md" alone named a file outside the repository; the project's own is docs/api.md.
    static const QRegularExpression outside(QStringLiteral("(?<![/\\w])API\\.md"));
    QStringList offenders;
    int files = 0;
    const QStringList roots {
        QStringLiteral("README.md"), QStringLiteral("docs"),   QStringLiteral("server"),
        QStringLiteral("app"),       QStringLiteral("ui"),     QStringLiteral("scripts"),
        QStringLiteral("packaging"), QStringLiteral("deploy"), QStringLiteral("tests")};
    const QString base = QStringLiteral(OPTOUT_SOURCE_DIR "/");
    for (const QString &root : roots) {
        QStringList paths;
        if (QFileInfo(base + root).isFile())
            paths << base + root;
        for (QDirIterator it(base + root, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
            paths << it.next();
        for (const QString &path : paths) {
            if (path.endsWith(QLatin1String(".png"))
                || path.endsWith(QLatin1String("tst_apidocs.cpp")))
                continue;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++files;
            if (outside.match(QString::fromUtf8(file.readAll())).hasMatch())
                offenders << path.mid(base.size());
        }
    }
    QVERIFY(files > 50);
    QVERIFY2(
        offenders.isEmpty(),
        qPrintable(QStringLiteral("these name API.md, not docs/api.md: ") + offenders.join(u", ")));
}

QTEST_GUILESS_MAIN(TstApiDocs)
#include "tst_apidocs.moc"
