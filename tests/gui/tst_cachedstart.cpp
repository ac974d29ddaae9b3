// Issue 16, "start from the cache": the real window with a cache of 100,000 users is shown and
// keeps answering while the cache is read on its worker thread, says that it is loading, then
// shows the lists.
#include "mainwindow.h"
#include "session.h"
#include "synccache.h"
#include "testserver.h"

#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

class TestCachedStart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowAnswersWhileTheCacheIsRead();
};

void TestCachedStart::windowAnswersWhileTheCacheIsRead()
{
    constexpr int Users = 100000;
    QTemporaryDir dir;
    SyncSnapshot snapshot;
    snapshot.me.id = QStringLiteral("u-1");
    snapshot.me.email = QStringLiteral("ada@example.com");
    snapshot.me.name = QStringLiteral("Ada Admin");
    snapshot.me.roles = QStringList {QStringLiteral("product_admin")};
    snapshot.me.orgName = QStringLiteral("Example Org");
    snapshot.userPages.append(QList<User>());
    snapshot.userPageEtags.append(QByteArrayLiteral("\"u\""));
    for (int i = 0; i < Users; ++i) {
        snapshot.userPages.last().append(User {QStringLiteral("u-%1").arg(i + 1),
                                               QStringLiteral("user.%1@example.com").arg(i + 1),
                                               QStringLiteral("Zoë Vermeulen %1").arg(i + 1)});
    }
    for (int i = 0; i < 2000; ++i) {
        snapshot.optOuts.append(OptOutEntry {snapshot.userPages.last().at(i + 10),
                                             QDateTime::currentDateTimeUtc().addSecs(-i), User {},
                                             QString(), QDateTime(), {}});
    }
    snapshot.revision = 9;
    snapshot.syncedAt = QDateTime::currentDateTimeUtc();
    const QString cache = dir.filePath(QStringLiteral("cache.bin"));
    QVERIFY(SyncCache::save(cache, snapshot));

    // Nothing listens at the address: the lists can only come from the cache.
    TestServer gone;
    QVERIFY(gone.start({QStringLiteral("--demo-users"), QStringLiteral("3")}));
    const QUrl url = gone.baseUrl();
    gone.stop();

    Session session;
    session.setServer(url, "demo-admin");
    session.sync()->setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
    session.sync()->setCacheFilePath(cache);
    MainWindow window(session.sync(), session.users(), session.optOuts(), nullptr);
    window.resize(1000, 700);
    auto *table = window.findChild<QTableView *>(QStringLiteral("optOutTable"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("syncStatusLabel"));
    QVERIFY(table);
    QVERIFY(status);

    // What the GUI thread does while the cache is read: timer ticks, paints of the window.
    int ticksWhileReading = 0;
    int paintsWhileReading = 0;
    QString statusWhileReading;
    QTimer ticker;
    ticker.setInterval(1);
    connect(&ticker, &QTimer::timeout, this, [&]() {
        if (session.sync()->isReadingCache()) {
            ++ticksWhileReading;
            statusWhileReading = status->text();
        }
    });
    struct PaintCounter : QObject
    {
        std::function<void()> onPaint;
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                onPaint();
            return QObject::eventFilter(watched, event);
        }
    } painted;
    painted.onPaint = [&]() {
        if (session.sync()->isReadingCache())
            ++paintsWhileReading;
    };
    window.installEventFilter(&painted);
    table->viewport()->installEventFilter(&painted);

    ticker.start();
    window.show();
    session.start();
    QVERIFY(session.sync()->isReadingCache());
    QCOMPARE(session.users()->rowCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(session.users()->rowCount(), Users, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(session.optOuts()->rowCount(), 2000, 10000);
    QVERIFY2(ticksWhileReading > 0, "no timer ran while the cache was read");
    QVERIFY2(paintsWhileReading > 0, "the window was not painted before the cache was in");
    QCOMPARE(statusWhileReading, QStringLiteral("Loading the lists saved at the last sync…"));
    QVERIFY(window.isVisible());
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("Offline")));
    session.sync()->stop();
}

QTEST_MAIN(TestCachedStart)
#include "tst_cachedstart.moc"
