// The opt-out page around its table, in the real MainWindow against the real optout-server:
// columns that keep their room, which organisation and server the window is on, what an empty
// list says, and F1's help.
#include "guitestsession.h"
#include "testserver.h"

#include "appsettings.h"
#include "checkboxheader.h"
#include "contexthelp.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "userpicker.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

class TestPageView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void emailColumnKeepsItsRoom();
    void headersFitAtNarrowWidth_data();
    void headersFitAtNarrowWidth();
    void titleNamesOrganisationAndServer();
    void emptyListExplainsItself();
    void f1ShowsThePageHelp();

private:
    bool start(TestServer &server, LanguageManager *languages = nullptr);
    // The width the e-mails of the shown rows need, up to `cap` pixels.
    int emailRoom(int cap) const;

    TestServer m_server;
    std::unique_ptr<GuiTestSession> m_session;
};

void TestPageView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("200"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("60"),
                            QStringLiteral("--quiet")}));
}

void TestPageView::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

bool TestPageView::start(TestServer &server, LanguageManager *languages)
{
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), "demo-admin", languages);
    return QTest::qWaitFor(
        [this] { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
}

int TestPageView::emailRoom(int cap) const
{
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    int widest = 0;
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QString email
            = table->model()->index(row, OptOutModel::EmailColumn).data().toString();
        widest = std::max(widest, table->fontMetrics().horizontalAdvance(email));
    }
    return std::min(widest, cap);
}

// Typing in Filter leaves the Email column wide enough to tell two e-mails apart, and a restart
// (the saved header) does not bring a collapsed column back.
void TestPageView::emailColumnKeepsItsRoom()
{
    QVERIFY(start(m_server));
    // A laptop's half screen: the other columns take most of the width.
    m_session->window->resize(800, 600);
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QHeaderView *header = table->horizontalHeader();
    QTRY_VERIFY(table->model()->rowCount() > 0);
    const int room = emailRoom(table->fontMetrics().averageCharWidth() * 24);
    auto *filter = m_session->find<QLineEdit>(QStringLiteral("filterEdit"));
    filter->setFocus();
    QTest::keyClicks(filter, QStringLiteral("a"));
    QCoreApplication::processEvents();
    QVERIFY2(header->sectionSize(OptOutModel::EmailColumn) >= room,
             qPrintable(QString::number(header->sectionSize(OptOutModel::EmailColumn))));
    filter->clear();
    QCoreApplication::processEvents();
    QVERIFY(header->sectionSize(OptOutModel::EmailColumn) >= room);

    // A layout saved with the column collapsed (as earlier versions saved it) is restored with
    // the column readable.
    header->resizeSection(OptOutModel::EmailColumn, 55);
    QTemporaryDir dir;
    {
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        m_session->window->saveTo(settings);
    }
    m_session.reset();
    QVERIFY(start(m_server));
    m_session->window->resize(800, 600);
    {
        AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        m_session->window->restoreFrom(settings);
    }
    table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QCoreApplication::processEvents();
    QVERIFY2(table->horizontalHeader()->sectionSize(OptOutModel::EmailColumn) >= room,
             qPrintable(QString::number(
                 table->horizontalHeader()->sectionSize(OptOutModel::EmailColumn))));
}

void TestPageView::headersFitAtNarrowWidth_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : LanguageManager::supportedLanguages())
        QTest::newRow(qPrintable(language)) << language;
}

// At 640 px, in every language, each column shows its whole header (the table scrolls
// sideways instead): no "nlednin", no "Jitgesloten doo".
void TestPageView::headersFitAtNarrowWidth()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    QVERIFY(start(m_server, &languages));
    m_session->window->resize(640, 600);
    QCoreApplication::processEvents();
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QHeaderView *header = table->horizontalHeader();
    QStringList clipped;
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section) || section == OptOutModel::CheckColumn)
            continue;
        if (header->sectionSize(section) < header->sectionSizeHint(section))
            clipped << QStringLiteral("%1: %2 < %3")
                           .arg(table->model()->headerData(section, Qt::Horizontal).toString())
                           .arg(header->sectionSize(section))
                           .arg(header->sectionSizeHint(section));
    }
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
}

// Two servers' windows must not look alike: the title names the organisation and the server.
void TestPageView::titleNamesOrganisationAndServer()
{
    QVERIFY(start(m_server));
    const QString title = m_session->window->windowTitle();
    const QString org = m_session->sync.me().orgName;
    QVERIFY(!org.isEmpty());
    QVERIFY2(title.contains(org), qPrintable(title));
    QVERIFY2(title.contains(QStringLiteral("127.0.0.1:%1").arg(m_server.baseUrl().port())),
             qPrintable(title));
    // Signed out, it names neither.
    m_session->sync.stop();
    m_session->window->clearSession();
    QVERIFY(!m_session->window->windowTitle().contains(org));
}

// An organisation with nobody opted out says what the table is for, in the table's place.
void TestPageView::emptyListExplainsItself()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0")}));
    QVERIFY(start(server));
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QCOMPARE(table->model()->rowCount(), 0);
    auto *empty = m_session->window->findChild<QLabel *>(QStringLiteral("optOutEmptyState"));
    QVERIFY(empty);
    QTRY_VERIFY(empty->isVisible());
    QVERIFY(empty->text().size() > 40);
    // A filter that matches nobody says that instead.
    m_session->sync.optOut(m_session->users.userAt(0).id);
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QTRY_VERIFY(!empty->isVisible());
    auto *filter = m_session->find<QLineEdit>(QStringLiteral("filterEdit"));
    filter->setText(QStringLiteral("zzzz-nobody"));
    QTRY_VERIFY(empty->isVisible());
    QVERIFY2(empty->text().contains(u"zzzz-nobody"), qPrintable(empty->text()));
    filter->clear();
    QTRY_VERIFY(!empty->isVisible());
}

// F1 opens the page's help: what each part of the page does, not a two-line popup.
void TestPageView::f1ShowsThePageHelp()
{
    QVERIFY(start(m_server));
    m_session->window->activateWindow();
    QTest::keyClick(m_session->window.get(), Qt::Key_F1);
    ContextHelpPopup *help = m_session->window->contextHelp();
    QTRY_VERIFY(help->isVisible());
    auto *browser = help->findChild<QTextBrowser *>();
    QVERIFY(browser);
    const QString text = browser->toPlainText();
    for (const QString &part :
         {QStringLiteral("Opt-out user"), QStringLiteral("Opt-out user list"),
          QStringLiteral("Filter"), QStringLiteral("Opt-in"), QStringLiteral("Undo"),
          QStringLiteral("Pending changes"), QStringLiteral("History")})
        QVERIFY2(text.contains(part), qPrintable(part));
    QVERIFY2(text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size() > 200, qPrintable(text));
    // A window of its own that stays open while the page is used.
    QVERIFY((help->windowFlags() & Qt::WindowType_Mask) != Qt::Popup);
    m_session->window->activateWindow();
    QVERIFY(help->isVisible());
    help->close();
}

QTEST_MAIN(TestPageView)
#include "tst_pageview.moc"
