// optout-admin's load and search through the real core, beside the floor of fetching and parsing
// the same JSON alone, for an organisation of 100,000 users with 20,000 opted out.
#include "apiclient.h"
#include "benchserver.h"
#include "optoutmodel.h"
#include "optoutproxymodel.h"
#include "synccontroller.h"
#include "usermodel.h"
#include "usersearchmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

namespace {

QTextStream out(stdout);

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

QByteArray fetch(QNetworkAccessManager *nam, const QUrl &base, const QString &path,
                 const QString &query)
{
    QUrl url = base;
    url.setPath(path);
    url.setQuery(query);
    QNetworkRequest req(url);
    req.setRawHeader("Authorization", "Bearer demo-admin");
    QNetworkReply *reply = nam->get(req);
    while (!reply->isFinished())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

// The floor: the same requests, parsed with QJsonDocument into plain string lists.
double floorLoad(const QUrl &base, int *users, int *optOuts)
{
    QNetworkAccessManager nam;
    QElapsedTimer t;
    t.start();
    QStringList ids, names, emails;
    for (int page = 0;; ++page) {
        const QJsonObject o
            = QJsonDocument::fromJson(fetch(&nam, base, QStringLiteral("/api/v1/users"),
                                            QStringLiteral("page=%1&pageSize=5000").arg(page)))
                  .object();
        for (const QJsonValue &u : o.value(QStringLiteral("users")).toArray()) {
            ids.append(u[QStringLiteral("id")].toString());
            names.append(u[QStringLiteral("name")].toString());
            emails.append(u[QStringLiteral("email")].toString());
        }
        if (o.value(QStringLiteral("lastPage")).toBool(true))
            break;
    }
    const QJsonObject o
        = QJsonDocument::fromJson(fetch(&nam, base, QStringLiteral("/api/v1/optouts"), {}))
              .object();
    QStringList outIds;
    for (const QJsonValue &e : o.value(QStringLiteral("optOuts")).toArray())
        outIds.append(e[QStringLiteral("user")][QStringLiteral("id")].toString());
    *users = int(ids.size());
    *optOuts = int(outIds.size());
    return ms(t);
}

struct CoreLoad
{
    double milliseconds = 0;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<ApiClient> api;
    std::unique_ptr<UserModel> users;
    std::unique_ptr<OptOutModel> optOuts;
    std::unique_ptr<SyncController> sync;
};

CoreLoad coreLoad(const QUrl &base, const QString &pendingPath)
{
    CoreLoad c;
    c.nam = std::make_unique<QNetworkAccessManager>();
    c.api = std::make_unique<ApiClient>(c.nam.get());
    c.api->setBaseUrl(base);
    c.api->setToken("demo-admin");
    c.users = std::make_unique<UserModel>();
    c.optOuts = std::make_unique<OptOutModel>();
    c.sync = std::make_unique<SyncController>(c.api.get(), c.users.get(), c.optOuts.get());
    c.sync->setPendingFilePath(pendingPath);
    QElapsedTimer t;
    t.start();
    c.sync->start();
    while (c.sync->state() != SyncController::State::Synced) {
        if (c.sync->state() == SyncController::State::Offline
            || c.sync->state() == SyncController::State::SignedOut) {
            out << "load failed: " << c.sync->lastError().message << '\n';
            break;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    c.milliseconds = ms(t);
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QLoggingCategory::setFilterRules(QStringLiteral("optout.*.debug=false"));
    QApplication app(argc, argv);
    const int userCount = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    const int optOutCount = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 20000;

    BenchServer server;
    if (!server.start(userCount, optOutCount))
        return 1;
    QTemporaryDir dir;
    out << "organisation: " << userCount << " users, " << optOutCount << " opted out\n\n";

    // Alternate floor and core three times; report each and the best.
    QList<double> floors, cores;
    int users = 0, outs = 0;
    CoreLoad last;
    for (int run = 0; run < 3; ++run) {
        floors.append(floorLoad(server.baseUrl(), &users, &outs));
        last = coreLoad(server.baseUrl(), dir.filePath(QStringLiteral("pending-%1.json").arg(run)));
        cores.append(last.milliseconds);
    }
    out << QStringLiteral("cold load, fetch + QJsonDocument + string lists (floor): %1 ms  (runs: "
                          "%2, %3, %4)\n")
               .arg(*std::min_element(floors.cbegin(), floors.cend()), 0, 'f', 0)
               .arg(floors[0], 0, 'f', 0)
               .arg(floors[1], 0, 'f', 0)
               .arg(floors[2], 0, 'f', 0);
    out << QStringLiteral("cold load through SyncController into the models:       %1 ms  (runs: "
                          "%2, %3, %4)\n")
               .arg(*std::min_element(cores.cbegin(), cores.cend()), 0, 'f', 0)
               .arg(cores[0], 0, 'f', 0)
               .arg(cores[1], 0, 'f', 0)
               .arg(cores[2], 0, 'f', 0);
    out << "  loaded: " << last.users->rowCount() << " users (floor " << users << "), "
        << last.optOuts->rowCount() << " opt-outs (floor " << outs << ")\n\n";

    // One keystroke of search over every user, as typed: each query extends the previous one.
    UserSearchModel search(last.users.get());
    QSortFilterProxyModel plain;
    plain.setSourceModel(last.users.get());
    plain.setFilterRole(UserModel::LabelRole);
    plain.setFilterCaseSensitivity(Qt::CaseInsensitive);
    const QStringList typed {QStringLiteral("z"), QStringLiteral("zo"), QStringLiteral("zoe"),
                             QStringLiteral("zoe "), QStringLiteral("zoe d")};
    out << "search keystroke over " << last.users->rowCount() << " users (ms):\n";
    out << "  query    UserSearchModel  QSortFilterProxyModel contains  matches\n";
    for (const QString &q : typed) {
        QElapsedTimer t;
        t.start();
        search.setQuery(q);
        search.rowCount();
        const double ours = ms(t);
        t.restart();
        plain.setFilterFixedString(q);
        plain.rowCount(); // the proxy filters when first asked
        const double theirs = ms(t);
        out << QStringLiteral("  %1 %2 %3 %4\n")
                   .arg(QLatin1Char('"') + q + QLatin1Char('"'), -8)
                   .arg(ours, 15, 'f', 2)
                   .arg(theirs, 32, 'f', 2)
                   .arg(search.rowCount(), 8);
    }
    QElapsedTimer t;
    t.start();
    search.setQuery(QStringLiteral("ostergaard"));
    const double fresh = ms(t);
    out << QStringLiteral("  fresh query \"ostergaard\" (accent-insensitive, finds Østergaard): %1 "
                          "ms, %2 matches\n\n")
               .arg(fresh, 0, 'f', 2)
               .arg(search.rowCount());

    // Sorting the opt-out table by each column through its proxy.
    OptOutProxyModel proxy;
    proxy.setSourceModel(last.optOuts.get());
    out << "sort " << last.optOuts->rowCount() << " opt-outs (ms):";
    for (int column = 1; column < last.optOuts->columnCount(); ++column) {
        t.restart();
        proxy.sort(column, Qt::AscendingOrder);
        out << ' ' << last.optOuts->headerData(column, Qt::Horizontal).toString() << ' '
            << QString::number(ms(t), 'f', 0) << ';';
    }
    out << '\n';
    out.flush();
    server.stop();
    return 0;
}
