// The opt-out page on its own, built from a Session's parts against the real optout-server and
// no MainWindow: it lists, opts out, says so with Undo, undoes, retranslates itself, and asks
// for anything beyond it (the error bar, History) only through its signals.
#include "testserver.h"

#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "optoutpage.h"
#include "session.h"
#include "usermodel.h"
#include "userpicker.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include <functional>
#include <memory>

namespace {

// Marks every text of the page's translation context, so a test sees what was translated again.
class MarkingTranslator final : public QTranslator
{
public:
    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        if (qstrcmp(context, "OptOutPage") != 0)
            return QString();
        return QStringLiteral("T ") + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestOptOutPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void optsOutAndUndoesWithoutAWindow();
    void asksTheWindowThroughSignals();
    void retranslatesItself();

private:
    bool waitSynced() const;
    // A user the list does not hold yet (and not the signed-in administrator).
    QString optedInUser() const;

    LanguageManager m_languages; // English's plural forms, as the app loads them
    TestServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<OptOutPage> m_page;
};

void TestOptOutPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("40"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("5"),
                            QStringLiteral("--quiet")}));
}

void TestOptOutPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_session = std::make_unique<Session>();
    m_session->setServer(m_server.baseUrl(), QByteArrayLiteral("demo-admin"));
    m_session->api()->setTransferTimeout(10000);
    SyncController *sync = m_session->sync();
    sync->setPendingFilePath(m_dir->filePath(QStringLiteral("pending.json")));
    sync->setCacheFilePath(m_dir->filePath(QStringLiteral("cache.bin")));
    sync->setRetryDelays(200, 1000);
    // The page alone, a window of its own: nothing of MainWindow is built.
    m_page = std::make_unique<OptOutPage>(sync, m_session->users(), m_session->optOuts());
    m_page->resize(900, 600);
    m_page->show();
    m_session->start();
}

void TestOptOutPage::cleanup()
{
    m_session->sync()->stop();
    m_page.reset();
    m_session.reset();
    m_dir.reset();
    MessagePresenter::clearRecorded();
}

bool TestOptOutPage::waitSynced() const
{
    return QTest::qWaitFor(
        [this] { return m_session->sync()->state() == SyncController::State::Synced; }, 20000);
}

QString TestOptOutPage::optedInUser() const
{
    const UserModel *users = m_session->users();
    const QString me = m_session->sync()->me().id;
    for (int row = 0; row < users->rowCount(); ++row) {
        const QString id = users->userAt(row).id;
        if (id != me && !m_session->ledger().isOptedOut(id))
            return id;
    }
    return QString();
}

// Picked, opted out with one click, confirmed, said in the note with Undo, and undone: the
// page does it all with the session's parts only.
void TestOptOutPage::optsOutAndUndoesWithoutAWindow()
{
    QVERIFY(waitSynced());
    auto *table = m_page->findChild<QTableView *>(QStringLiteral("optOutTable"));
    auto *count = m_page->findChild<QLabel *>(QStringLiteral("countLabel"));
    QVERIFY(table && count);
    QTRY_COMPARE(table->model()->rowCount(), m_session->optOuts()->rowCount());
    QVERIFY(table->model()->rowCount() > 0);
    QCOMPARE(count->text(),
             QStringLiteral("%1 users opted out").arg(m_session->optOuts()->rowCount()));

    const QString id = optedInUser();
    QVERIFY(!id.isEmpty());
    QSignalSpy undo(m_page.get(), &OptOutPage::undoAvailableChanged);
    QVERIFY(m_page->userPicker()->pickUser(id));
    auto *optOut = m_page->findChild<QPushButton *>(QStringLiteral("optOutButton"));
    QVERIFY(optOut->isEnabled());
    QTest::mouseClick(optOut, Qt::LeftButton);
    QVERIFY(!m_page->noteText().isEmpty());
    QVERIFY(m_page->undoAvailable());
    QVERIFY(!undo.isEmpty());
    QCOMPARE(undo.last().at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync()->pendingCount() == 0, 10000);
    QVERIFY(m_session->ledger().isOptedOut(id));
    QVERIFY(m_session->optOuts()->rowOfKey(id) >= 0);

    // The note's own Undo: the opposite change is sent.
    auto *undoButton = m_page->findChild<QPushButton *>(QStringLiteral("noteUndoButton"));
    QVERIFY(undoButton && undoButton->isVisible());
    QTest::mouseClick(undoButton, Qt::LeftButton);
    QCOMPARE(undo.last().at(0).toBool(), false);
    QVERIFY(!m_page->undoAvailable());
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_session->ledger().isOptedOut(id) && m_session->sync()->pendingCount() == 0, 10000);
}

// What the page cannot do itself it asks for: a refused change for the window's error bar,
// "Show history" only when the window offers it.
void TestOptOutPage::asksTheWindowThroughSignals()
{
    QVERIFY(waitSynced());
    QSignalSpy failed(m_page.get(), &OptOutPage::actionFailed);
    // A user the service does not know: it refuses (404).
    m_session->sync()->optOut(QStringLiteral("u-does-not-exist"));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 15000);
    const auto message = failed.constFirst().at(0).value<std::function<QString()>>();
    QVERIFY(message);
    QVERIFY(!message().isEmpty());

    auto *table = m_page->findChild<QTableView *>(QStringLiteral("optOutTable"));
    QTRY_VERIFY(table->model()->rowCount() > 0);
    const QModelIndex first = table->model()->index(0, OptOutModel::NameColumn);
    const QString userId = first.data(OptOutModel::UserIdRole).toString();
    const QPoint at = table->visualRect(first).center();
    const auto rowMenu = [this, table, at]() -> QMenu * {
        delete m_page->findChild<QMenu *>(QStringLiteral("optOutRowMenu"));
        Q_EMIT table->customContextMenuRequested(at);
        return m_page->findChild<QMenu *>(QStringLiteral("optOutRowMenu"));
    };
    QMenu *menu = rowMenu();
    QVERIFY(menu);
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("actionOptInRow")));
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("actionShowHistory")));

    m_page->setHistoryOffered(true);
    QSignalSpy history(m_page.get(), &OptOutPage::historyRequested);
    menu = rowMenu();
    QVERIFY(menu);
    auto *show = menu->findChild<QAction *>(QStringLiteral("actionShowHistory"));
    QVERIFY(show);
    show->trigger();
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.constFirst().at(0).toString(), userId);
    menu->close();
}

// A language switch reaches the page without a window around it: the form's texts, its own and
// the accessible names made from them.
void TestOptOutPage::retranslatesItself()
{
    QVERIFY(waitSynced());
    auto *label = m_page->findChild<QLabel *>(QStringLiteral("userLabel"));
    auto *combo = m_page->findChild<QComboBox *>(QStringLiteral("userCombo"));
    auto *count = m_page->findChild<QLabel *>(QStringLiteral("countLabel"));
    QCOMPARE(label->text(), QStringLiteral("Opt-out &user"));
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QTRY_COMPARE(label->text(), QStringLiteral("T Opt-out &user"));
    QCOMPARE(combo->accessibleName(), QStringLiteral("T Opt-out user"));
    QVERIFY2(count->text().startsWith(QStringLiteral("T ")), qPrintable(count->text()));
    QVERIFY(QCoreApplication::removeTranslator(&translator));
    QTRY_COMPARE(label->text(), QStringLiteral("Opt-out &user"));
    QCOMPARE(combo->accessibleName(), QStringLiteral("Opt-out user"));
}

QTEST_MAIN(TestOptOutPage)
#include "tst_optoutpage.moc"
