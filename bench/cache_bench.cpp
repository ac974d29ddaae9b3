// The offline-first start: writing and reading the cache of 100,000 users and 20,000 opt-outs,
// and a start from it (models filled, before any answer of the service), beside the floor of
// parsing the same lists as the service's JSON with QJsonDocument.
#include "apiclient.h"
#include "optoutmodel.h"
#include "synccache.h"
#include "synccontroller.h"
#include "usermodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTextStream>

namespace {

QTextStream out(stdout);

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("optout.*=false"));
    constexpr int Users = 100000;
    constexpr int OptOuts = 20000;
    constexpr int PageSize = 5000;

    SyncSnapshot snapshot;
    snapshot.me = Me {QStringLiteral("u-1"),
                      QStringLiteral("admin@example.com"),
                      QStringLiteral("Ada Admin"),
                      {QStringLiteral("product_admin")},
                      QStringLiteral("o-1"),
                      QStringLiteral("Example Org"),
                      QStringLiteral("Customer Journey Analytics"),
                      true,
                      604800,
                      {}};
    QJsonArray usersJson;
    for (int i = 0; i < Users; ++i) {
        if (i % PageSize == 0) {
            snapshot.userPages.append(QList<User>());
            snapshot.userPageEtags.append(QByteArrayLiteral("\"users-1\""));
        }
        const User user {QStringLiteral("u-%1").arg(i + 1),
                         QStringLiteral("user.%1@example.com").arg(i + 1),
                         QStringLiteral("Zoë Vermeulen %1").arg(i + 1)};
        snapshot.userPages.last().append(user);
        usersJson.append(QJsonObject {{QStringLiteral("id"), user.id},
                                      {QStringLiteral("email"), user.email},
                                      {QStringLiteral("name"), user.name}});
    }
    QJsonArray optOutsJson;
    const QDateTime at = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < OptOuts; ++i) {
        const User &user = snapshot.userPages.at(i / PageSize).at(i % PageSize);
        snapshot.optOuts.append(
            OptOutEntry {user,
                         at.addSecs(-i),
                         User {QStringLiteral("u-1"), QStringLiteral("admin@example.com"),
                               QStringLiteral("Ada Admin")},
                         QStringLiteral("GDPR request"),
                         at.addSecs(604800 - i),
                         {}});
        optOutsJson.append(
            QJsonObject {{QStringLiteral("user"),
                          QJsonObject {{QStringLiteral("id"), user.id},
                                       {QStringLiteral("email"), user.email},
                                       {QStringLiteral("name"), user.name}}},
                         {QStringLiteral("optedOutAt"), at.addSecs(-i).toString(Qt::ISODate)}});
    }
    snapshot.optOutsEtag = QByteArrayLiteral("\"42\"");
    snapshot.revision = 42;
    snapshot.syncedAt = at;
    const QByteArray usersBody = QJsonDocument(QJsonObject {{QStringLiteral("users"), usersJson}})
                                     .toJson(QJsonDocument::Compact);
    const QByteArray optOutsBody
        = QJsonDocument(QJsonObject {{QStringLiteral("optOuts"), optOutsJson}})
              .toJson(QJsonDocument::Compact);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.bin"));
    out << "optout-bench-cache: " << Users << " users, " << OptOuts << " opted out\n";

    // Baseline: parsing the same lists from the service's JSON.
    QElapsedTimer t;
    t.start();
    const QJsonDocument u = QJsonDocument::fromJson(usersBody);
    const QJsonDocument o = QJsonDocument::fromJson(optOutsBody);
    const double parse = ms(t);
    out << QStringLiteral("  baseline: QJsonDocument::fromJson of the same lists (%1 MB) %2 ms\n")
               .arg(double(usersBody.size() + optOutsBody.size()) / 1e6, 0, 'f', 1)
               .arg(parse, 0, 'f', 1);
    Q_UNUSED(u);
    Q_UNUSED(o);

    t.restart();
    if (!SyncCache::save(path, snapshot))
        return 1;
    out << QStringLiteral("  cache written (on the worker thread in the app): %1 ms, %2 MB\n")
               .arg(ms(t), 0, 'f', 1)
               .arg(double(QFileInfo(path).size()) / 1e6, 0, 'f', 1);
    SyncSnapshot read;
    t.restart();
    if (!SyncCache::load(path, &read))
        return 1;
    out << QStringLiteral("  cache read: %1 ms\n").arg(ms(t), 0, 'f', 1);

    // A start from the cache, with nothing listening: the models are full when start() returns.
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9")));
    api.setToken("bench");
    UserModel users;
    OptOutModel optOuts;
    SyncController sync(&api, &users, &optOuts);
    sync.setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    sync.setCacheFilePath(path);
    t.restart();
    sync.start();
    const double start = ms(t);
    out << QStringLiteral("  start from the cache to %1 users and %2 rows shown: %3 ms\n")
               .arg(users.rowCount())
               .arg(optOuts.rowCount())
               .arg(start, 0, 'f', 1);
    sync.stop();
    return users.rowCount() == Users && optOuts.rowCount() == OptOuts ? 0 : 1;
}
