// Issue 16, "start from the cache": the real window with a cache of 100,000 users is shown and
// keeps answering while the cache is read on its worker thread, says that it is loading, then
// shows the lists; the picker searches them the moment they are shown; a cache of the previous
// format starts the same; a damaged one starts clean and the service's lists replace it; and
// the real optout-admin, started as a process, paints the filled list (the figure printed); a
// start with a token remembered in the keychain reads the lists before the window is built.
#include "appcontroller.h"
#include "appsettings.h"
#include "mainwindow.h"
#include "pendingstore.h"
#include "session.h"
#include "synccache.h"
#include "testserver.h"
#include "tokenstore.h"
#include "usermodel.h"
#include "userpicker.h"
#include "usersearchmodel.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <zlib.h>

#ifndef OPTOUT_ADMIN_EXECUTABLE
#error "OPTOUT_ADMIN_EXECUTABLE must name the optout-admin executable"
#endif

namespace {

// `users` users ("Zoë Vermeulen <n>", u-<n>), the first `optOuts` after ten of them opted out
// with a reason.
SyncSnapshot cacheOf(int users, int optOuts)
{
    SyncSnapshot snapshot;
    snapshot.me.id = QStringLiteral("u-1");
    snapshot.me.email = QStringLiteral("ada@example.com");
    snapshot.me.name = QStringLiteral("Ada Admin");
    snapshot.me.roles = QStringList {QStringLiteral("product_admin")};
    snapshot.me.orgName = QStringLiteral("Example Org");
    snapshot.userPages.append(QList<User>());
    snapshot.userPageEtags.append(QByteArrayLiteral("\"u\""));
    for (int i = 0; i < users; ++i) {
        snapshot.userPages.last().append(User {QStringLiteral("u-%1").arg(i + 1),
                                               QStringLiteral("user.%1@example.com").arg(i + 1),
                                               QStringLiteral("Zoë Vermeulen %1").arg(i + 1)});
    }
    const User ada {snapshot.me.id, snapshot.me.email, snapshot.me.name};
    for (int i = 0; i < optOuts; ++i) {
        snapshot.optOuts.append(OptOutEntry {snapshot.userPages.last().at(i + 10),
                                             QDateTime::currentDateTimeUtc().addSecs(-i),
                                             ada,
                                             QStringLiteral("GDPR request #%1").arg(i),
                                             QDateTime(),
                                             {}});
    }
    snapshot.revision = 9;
    snapshot.syncedAt = QDateTime::currentDateTimeUtc();
    return snapshot;
}

// An address where nothing listens: the lists can only come from the cache.
QUrl deadServer()
{
    TestServer gone;
    if (!gone.start({QStringLiteral("--demo-users"), QStringLiteral("3")}))
        return {};
    const QUrl url = gone.baseUrl();
    gone.stop();
    return url;
}

// The real window on a session whose cache is `cache`.
struct CachedWindow
{
    CachedWindow(const QUrl &server, const QByteArray &token, const QString &cache)
    {
        session.setServer(server, token);
        session.sync()->setPendingFilePath(dir.filePath(QStringLiteral("pending.json")));
        session.sync()->setCacheFilePath(cache);
        session.sync()->setRetryDelays(200, 1000);
        window = std::make_unique<MainWindow>(session.sync(), session.users(), session.optOuts(),
                                              nullptr);
        window->resize(1000, 700);
    }
    ~CachedWindow() { session.sync()->stop(); }
    QTemporaryDir dir;
    Session session;
    std::unique_ptr<MainWindow> window;
};

} // namespace

class TestCachedStart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void windowAnswersWhileTheCacheIsRead();
    void pickerSearchesTheMomentTheListIsShown();
    void previousFormatStartsTheSame();
    void damagedCacheStartsCleanAndRefreshes();
    void realProcessPaintsTheFilledList();
    void rememberedTokenReadsTheCacheBeforeTheWindow();
};

void TestCachedStart::windowAnswersWhileTheCacheIsRead()
{
    constexpr int Users = 100000;
    QTemporaryDir dir;
    const SyncSnapshot snapshot = cacheOf(Users, 2000);
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

// The users' search keys are in place with the rows: a search typed the moment the list is in
// finds the right user, never nothing or a wrong one.
void TestCachedStart::pickerSearchesTheMomentTheListIsShown()
{
    QTemporaryDir dir;
    const QString cache = dir.filePath(QStringLiteral("cache.bin"));
    QVERIFY(SyncCache::save(cache, cacheOf(100000, 20)));
    const QUrl url = deadServer();
    QVERIFY(url.isValid());
    CachedWindow w(url, "demo-admin", cache);
    UserPicker *picker = w.window->userPicker();
    QVERIFY(picker);
    QStringList found;
    int rowsThen = -1;
    connect(w.session.users(), &QAbstractItemModel::modelReset, this, [&]() {
        if (w.session.users()->rowCount() == 0 || rowsThen >= 0)
            return;
        rowsThen = w.session.users()->rowCount();
        UserSearchModel *search = picker->searchModel();
        search->setQuery(QStringLiteral("vermeulen 4711"));
        for (int r = 0; r < std::min(3, search->rowCount()); ++r)
            found.append(search->index(r, 0).data(UserModel::UserIdRole).toString());
        search->setQuery(QStringLiteral("zoe"));
        found.append(QString::number(search->rowCount()));
    });
    w.window->show();
    w.session.start();
    QTRY_COMPARE_WITH_TIMEOUT(rowsThen, 100000, 30000);
    QCOMPARE(found.value(0), QStringLiteral("u-4711")); // the whole words first
    QVERIFY(found.value(1).startsWith(QStringLiteral("u-4711"))); // then u-47110…
    QCOMPARE(found.last(), QStringLiteral("100000")); // "zoe" finds "Zoë" in every name
    // Typed as an administrator would, the picker lists the same.
    QLineEdit *field = w.window->findChild<QComboBox *>(QStringLiteral("userCombo"))->lineEdit();
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("vermeulen 4711"));
    QTRY_VERIFY(picker->searchModel()->rowCount() > 0);
    QCOMPARE(picker->searchModel()->index(0, 0).data(UserModel::UserIdRole).toString(),
             QStringLiteral("u-4711"));
}

// A cache of the format before this one (QDataStream, version 3) still starts from the cache,
// with the same lists; the next save writes the current format.
void TestCachedStart::previousFormatStartsTheSame()
{
    QTemporaryDir dir;
    const QString cache = dir.filePath(QStringLiteral("cache.bin"));
    const SyncSnapshot snapshot = cacheOf(5000, 300);
    QVERIFY(SyncCache::save(cache, snapshot, nullptr, nullptr, SyncCache::Format::QDataStream3));
    QFile file(cache);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(8), QByteArray("OPTC\0\0\0\3", 8));
    file.close();
    const QUrl url = deadServer();
    CachedWindow w(url, "demo-admin", cache);
    w.window->show();
    w.session.start();
    QTRY_COMPARE_WITH_TIMEOUT(w.session.users()->rowCount(), 5000, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(w.session.optOuts()->rowCount(), 300, 10000);
    QCOMPARE(w.session.users()->userById(QStringLiteral("u-77"))->name,
             QStringLiteral("Zoë Vermeulen 77"));
    QVERIFY(w.session.users()->isOptedOut(QStringLiteral("u-11")));
    QVERIFY(!w.session.users()->isOptedOut(QStringLiteral("u-10")));
    const int row = w.session.optOuts()->rowOfKey(QStringLiteral("u-11"));
    QVERIFY(row >= 0);
    QCOMPARE(w.session.optOuts()->entryAt(row).reason, QStringLiteral("GDPR request #0"));
    QCOMPARE(w.session.optOuts()->foldedKeyAt(row),
             QStringLiteral("zoe vermeulen 11\nuser.11@example.com"));
    UserSearchModel *search = w.window->userPicker()->searchModel();
    search->setQuery(QStringLiteral("vermeulen 77"));
    QVERIFY(search->rowCount() > 0);
    QCOMPARE(search->index(0, 0).data(UserModel::UserIdRole).toString(), QStringLiteral("u-77"));

    // Saved again (as after a sync), it is of the current format and loads the same.
    SyncSnapshot loaded;
    QVERIFY(SyncCache::load(cache, &loaded));
    const QString again = dir.filePath(QStringLiteral("again.bin"));
    QVERIFY(SyncCache::save(again, loaded));
    QFile current(again);
    QVERIFY(current.open(QIODevice::ReadOnly));
    QCOMPARE(current.read(8), QByteArray("OPTC\0\0\0\4", 8));
    SyncSnapshot reloaded;
    QVERIFY(SyncCache::load(again, &reloaded));
    QCOMPARE(reloaded.userPages, snapshot.userPages);
    QCOMPARE(reloaded.optOuts, snapshot.optOuts);
}

// A damaged cache (a byte changed in a user's name, cut short, garbage) never shows anything of
// it and never crashes: the window starts as without a cache, the service's lists come, and a
// good cache replaces the damaged one. With the service down, nothing is shown.
void TestCachedStart::damagedCacheStartsCleanAndRefreshes()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.bin"));
    QVERIFY(SyncCache::save(good, cacheOf(2000, 50)));
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::ReadOnly));
    const QByteArray whole = goodFile.readAll();
    // "Vermeulen 1234" as the file holds it (UTF-16): one letter changed in it.
    const QString name = QStringLiteral("Vermeulen 1234");
    const qsizetype at
        = whole.indexOf(QByteArray(reinterpret_cast<const char *>(name.utf16()), name.size() * 2));
    QVERIFY(at > 0);
    QByteArray renamed = whole;
    renamed[at] = 'W';
    // A length far past the end (the owner's e-mail's), the checksum made again to match: the
    // reader's own checks refuse it.
    QByteArray countTooLarge = whole;
    countTooLarge[40] = char(0x7f);
    const uLong crc = crc32(crc32(0L, Z_NULL, 0),
                            reinterpret_cast<const Bytef *>(countTooLarge.constData() + 24),
                            uInt(countTooLarge.size() - 24));
    qToLittleEndian(quint32(crc), countTooLarge.data() + 8);
    const QList<QByteArray> damaged {renamed,
                                     whole.left(whole.size() / 2),
                                     countTooLarge,
                                     QByteArrayLiteral("OPTC\0\0\0\4 and then nothing"),
                                     QByteArray(whole.size(), '\xff'),
                                     QByteArray()};

    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("12")}));
    const QUrl down = deadServer();
    for (const QByteArray &bytes : damaged) {
        const QString cache = dir.filePath(QStringLiteral("damaged.bin"));
        for (const QUrl &url : {down, server.baseUrl()}) {
            QFile file(cache);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(bytes);
            file.close();
            SyncSnapshot snapshot;
            QVERIFY(!SyncCache::load(cache, &snapshot));
            CachedWindow w(url, "demo-admin", cache);
            w.window->show();
            w.session.start();
            QTRY_VERIFY_WITH_TIMEOUT(!w.session.sync()->isReadingCache(), 10000);
            QVERIFY(!w.session.sync()->showingCachedData());
            if (url == down) {
                // Nothing of the damaged file, then nothing at all: the service cannot answer.
                QTest::qWait(300);
                QCOMPARE(w.session.users()->rowCount(), 0);
                QCOMPARE(w.session.optOuts()->rowCount(), 0);
                continue;
            }
            QTRY_COMPARE_WITH_TIMEOUT(w.session.sync()->state(), SyncController::State::Synced,
                                      20000);
            QVERIFY(w.session.users()->rowCount() > 0);
            QVERIFY(!w.session.users()->userById(QStringLiteral("u-1234")));
            w.session.sync()->waitForCacheWritten();
            SyncSnapshot replaced;
            QVERIFY(SyncCache::load(cache, &replaced));
            QCOMPARE(replaced.me.id, w.session.sync()->me().id);
        }
    }
}

// The real optout-admin started as a process, as an administrator does with a token on the
// command line, a cache of 100,000 users from its last run and the service down: it paints the
// filled list (its optout.start moments); the time from the process's start is printed (the
// goal, 300 ms, is optout-bench-cache's to measure on a quiet machine).
void TestCachedStart::realProcessPaintsTheFilledList()
{
    QTemporaryDir home;
    const QUrl url = deadServer();
    const QByteArray token("demo-admin");
    // Where the app looks for them: its data folder under this home.
    const QByteArray dataHome = QFile::encodeName(home.filePath(QStringLiteral("data")));
    const QByteArray savedDataHome = qgetenv("XDG_DATA_HOME");
    const bool testMode = QStandardPaths::isTestModeEnabled();
    QStandardPaths::setTestModeEnabled(false);
    qputenv("XDG_DATA_HOME", dataHome);
    const QString savedOrg = QCoreApplication::organizationName();
    const QString savedApp = QCoreApplication::applicationName();
    QCoreApplication::setOrganizationName(QStringLiteral("optout"));
    QCoreApplication::setApplicationName(QStringLiteral("optout-admin"));
    const SyncSnapshot snapshot = cacheOf(100000, 20000);
    PendingStore::rememberUser(url, token, snapshot.me.id);
    const QString cache = SyncCache::defaultFilePath(url, snapshot.me.id);
    const bool saved = SyncCache::save(cache, snapshot);
    QCoreApplication::setOrganizationName(savedOrg);
    QCoreApplication::setApplicationName(savedApp);
    qputenv("XDG_DATA_HOME", savedDataHome);
    QStandardPaths::setTestModeEnabled(testMode);
    QVERIFY(saved);
    QVERIFY(cache.startsWith(home.path()));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), QFile::decodeName(dataHome));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"),
               QStringLiteral("optout.*=false;optout.start.info=true"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer sinceStart;
    sinceStart.start();
    app.start(QStringLiteral(OPTOUT_ADMIN_EXECUTABLE),
              {QStringLiteral("--server"), url.toString(), QStringLiteral("--token"),
               QString::fromLatin1(token)});
    QByteArray output;
    QTRY_VERIFY2_WITH_TIMEOUT(
        [&]() {
            output += app.readAll();
            return output.contains("longest stall") || app.state() == QProcess::NotRunning;
        }(),
        output.constData(), 60000);
    app.terminate();
    QVERIFY(app.waitForFinished(10000));
    output += app.readAll();
    QVERIFY2(output.contains("optout.start: filled list painted"), output.constData());
    QVERIFY2(output.contains("100000 users, 20000 opted out"), output.constData());
    const QRegularExpression painted(
        QStringLiteral("filled list painted: [0-9.]+ ms after main\\(\\), ([0-9]+) ms after the "
                       "process started"));
    const QRegularExpressionMatch match = painted.match(QString::fromUtf8(output));
    QVERIFY2(match.hasMatch(), output.constData());
    qInfo("The filled list painted %s ms after the process started (goal 300 ms; load %s)",
          qPrintable(match.captured(1)),
          [] {
              QFile load(QStringLiteral("/proc/loadavg"));
              return load.open(QIODevice::ReadOnly) ? load.readAll().split(' ').value(0)
                                                    : QByteArray("?");
          }()
              .constData());
}

void TestCachedStart::rememberedTokenReadsTheCacheBeforeTheWindow()
{
    // The app's own data folder under a home of this test's, where the cache and the record of
    // who a token signed in as are looked for.
    QTemporaryDir home;
    const QUrl url = deadServer();
    const QByteArray token("remembered-token");
    const QByteArray savedDataHome = qgetenv("XDG_DATA_HOME");
    const bool testMode = QStandardPaths::isTestModeEnabled();
    const QString savedOrg = QCoreApplication::organizationName();
    const QString savedApp = QCoreApplication::applicationName();
    QStandardPaths::setTestModeEnabled(false);
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    QCoreApplication::setOrganizationName(QStringLiteral("optout"));
    QCoreApplication::setApplicationName(QStringLiteral("optout-admin"));
    const auto restore = qScopeGuard([&]() {
        QCoreApplication::setOrganizationName(savedOrg);
        QCoreApplication::setApplicationName(savedApp);
        qputenv("XDG_DATA_HOME", savedDataHome);
        QStandardPaths::setTestModeEnabled(testMode);
    });
    const SyncSnapshot snapshot = cacheOf(1000, 50);
    PendingStore::rememberUser(url, token, snapshot.me.id);
    const QString cache = SyncCache::defaultFilePath(url, snapshot.me.id);
    QVERIFY(SyncCache::save(cache, snapshot));
    QVERIFY(cache.startsWith(home.path()));

    // The last sign-in remembered its token: the settings say for whom.
    AppSettings settings(home.filePath(QStringLiteral("settings.ini")));
    settings.setServerUrl(url);
    settings.setRememberToken(true);
    settings.setRememberedUserId(snapshot.me.id);
    Session session;
    session.sync()->setPendingFilePath(home.filePath(QStringLiteral("pending.json")));
    TokenStore tokens;
    tokens.setTimeoutMs(2000);
    QSignalSpy asked(&tokens, &TokenStore::readFinished);

    // What main() does before it builds the window, no token on the command line: the
    // remembered account's lists are read at once, and the keychain is asked meanwhile.
    QVERIFY(AppController::readAhead(&session, settings, &tokens, QUrl(), QString()));
    QVERIFY(session.sync()->hasCacheReadAhead());
    QVERIFY(asked.wait(10000) || asked.count() == 1);
    QCOMPARE(asked.at(0).at(0).toString(), url.toString());

    // The keychain's token arrives (no keychain runs here: as its answer would): the lists come
    // from the read made ahead, not from a second one.
    AppController controller(&session, nullptr, &settings, &tokens);
    controller.signIn(url, QString::fromLatin1(token), true);
    QVERIFY(!session.sync()->hasCacheReadAhead());
    QTRY_COMPARE(session.users()->rowCount(), 1000);
    QTRY_COMPARE(session.optOuts()->rowCount(), 50);
    session.sync()->stop();

    // No remembered token, or another server asked for: nothing is read ahead.
    Session other;
    settings.setRememberToken(false);
    QVERIFY(!AppController::readAhead(&other, settings, &tokens, QUrl(), QString()));
    settings.setRememberToken(true);
    QVERIFY(!AppController::readAhead(&other, settings, &tokens,
                                      QUrl(QStringLiteral("http://127.0.0.1:1")), QString()));
    QVERIFY(!other.sync()->hasCacheReadAhead());
}

QTEST_MAIN(TestCachedStart)
#include "tst_cachedstart.moc"
