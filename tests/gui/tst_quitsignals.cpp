// SIGTERM and SIGINT quit the real optout-admin process as File > Quit does: the usage events it
// had queued reach the real optout-server and the window layout is saved.
#include "testserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#ifndef OPTOUT_ADMIN_EXECUTABLE
#error "OPTOUT_ADMIN_EXECUTABLE must name the optout-admin executable"
#endif

namespace {
const QByteArray kAdmin = QByteArrayLiteral("demo-admin");
}

class TestQuitSignals : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quitsAsFileQuitDoes_data();
    void quitsAsFileQuitDoes();

private:
    // Client-side usage events the service holds for the demo administrator.
    int adminClientEvents() const;

    TestServer m_server;
};

void TestQuitSignals::initTestCase()
{
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
}

int TestQuitSignals::adminClientEvents() const
{
    const HttpResult r = m_server.request("GET", QStringLiteral("/api/v1/usage/summary"), kAdmin);
    const QJsonArray users = r.json().object().value(QStringLiteral("users")).toArray();
    for (const auto &v : users) {
        const QJsonObject entry = v.toObject();
        if (entry.value(QStringLiteral("user")).toObject().value(QStringLiteral("email"))
            == QLatin1String("admin@example.com"))
            return entry.value(QStringLiteral("client")).toInt();
    }
    return 0;
}

void TestQuitSignals::quitsAsFileQuitDoes_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void TestQuitSignals::quitsAsFileQuitDoes()
{
    QFETCH(int, signalNumber);
    const int before = adminClientEvents();
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("optout.sync.debug=true"));
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::MergedChannels);
    app.start(QStringLiteral(OPTOUT_ADMIN_EXECUTABLE),
              {QStringLiteral("--server"), m_server.baseUrl().toString(), QStringLiteral("--token"),
               QString::fromLatin1(kAdmin), QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY(app.waitForStarted(10000));
    QByteArray output;
    QVERIFY2(QTest::qWaitFor(
                 [&]() {
                     output += app.readAll();
                     return output.contains("Synced") || app.state() == QProcess::NotRunning;
                 },
                 20000),
             output.constData());
    QVERIFY2(app.state() == QProcess::Running, output.constData());
    // Signed in and the page shown: those events wait in the queue (sent 10 s after the first).
    QTest::qWait(300);
    if (adminClientEvents() != before) {
        app.kill();
        app.waitForFinished();
        QSKIP("the app took so long to sign in that it sent its events by itself: this run "
              "cannot tell what the signal does");
    }

    QVERIFY(::kill(pid_t(app.processId()), signalNumber) == 0);
    QVERIFY2(app.waitForFinished(15000), output.constData());
    output += app.readAll();
    QVERIFY2(app.exitStatus() == QProcess::NormalExit, output.constData());
    QCOMPARE(app.exitCode(), 0);
    // What File > Quit does: the queued events are sent, the layout is saved.
    QVERIFY2(adminClientEvents() > before, output.constData());
    const QSettings saved(home.filePath(QStringLiteral("config/optout/optout-admin.conf")),
                          QSettings::IniFormat);
    QVERIFY2(saved.contains(QStringLiteral("mainWindow/geometry")),
             qPrintable(saved.allKeys().join(QLatin1Char(' '))));
}

QTEST_GUILESS_MAIN(TestQuitSignals)
#include "tst_quitsignals.moc"
