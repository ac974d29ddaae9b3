// View > History in the real MainWindow against the real optout-server: Ctrl+H opens it, it
// loads page by page as the view scrolls (an action's entries, one row, may span pages), its
// filters, and "Show history" of a row.
#include "guitestsession.h"
#include "historydock.h"
#include "historymodel.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "testserver.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

class TestHistory : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void ctrlHOpensAndScrollLoadsPages();
    void actionFilter();
    void showHistoryOfARow();
    void reopenedShowsNewEntries();
    void languageSwitchReformatsDates();

private:
    bool waitSynced();
    TestServer m_server;
    std::unique_ptr<GuiTestSession> m_session;
};

void TestHistory::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("1000"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--quiet")}));
    // 600 opt-outs with a reason in one batch, then 10 opt-ins in another, then 250 users opted
    // out one by one: 860 entries in 252 actions, five pages of 200.
    QJsonArray ids;
    for (int i = 4; i < 604; ++i)
        ids.append(QStringLiteral("u-%1").arg(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optOut"), ids},
                                                     {QStringLiteral("reason"),
                                                      QStringLiteral("Works council")}})
                              .toJson())
                 .status,
             200);
    QJsonArray back;
    for (int i = 4; i < 14; ++i)
        back.append(QStringLiteral("u-%1").arg(i));
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(QJsonObject {{QStringLiteral("optIn"), back}}).toJson())
                 .status,
             200);
    for (int i = 700; i < 950; ++i) {
        QCOMPARE(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-%1").arg(i), "demo-admin")
                .status,
            201);
    }
}

void TestHistory::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin");
    QVERIFY(waitSynced());
}

void TestHistory::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

bool TestHistory::waitSynced()
{
    return QTest::qWaitFor(
        [this]() { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
}

void TestHistory::ctrlHOpensAndScrollLoadsPages()
{
    MainWindow *window = m_session->window.get();
    HistoryDock *dock = window->historyDock();
    QVERIFY(dock);
    QVERIFY(!dock->isVisible());
    QCOMPARE(window->historyAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_H));
    QVERIFY(window->historyAction()->isEnabled());
    window->activateWindow();
    QTest::keyClick(window, Qt::Key_H, Qt::ControlModifier);
    QTRY_VERIFY(dock->isVisible());
    HistoryModel &history = m_session->history;
    QTRY_COMPARE(history.rowCount(), HistoryModel::PageSize);
    QTRY_VERIFY(!history.isLoading());
    QCOMPARE(history.entryCount(), HistoryModel::PageSize); // never all at once
    QCOMPARE(history.index(0, HistoryModel::ActionColumn).data().toString(),
             HistoryModel::actionText(QStringLiteral("opt_out")));
    // Scrolling to the end asks for the next page, and so on. The batches are one row each,
    // the 600 opt-outs' spanning four pages.
    QTreeView *view = dock->view();
    for (int page = 2; page <= 6 && !history.isComplete(); ++page) {
        QTRY_VERIFY(!history.isLoading());
        const int before = history.entryCount();
        view->scrollToBottom();
        QTRY_VERIFY(history.entryCount() > before || history.isComplete());
    }
    QTRY_VERIFY(history.isComplete());
    QCOMPARE(history.entryCount(), 860);
    QCOMPARE(history.rowCount(), 252);
    QCOMPARE(history.index(250, 0).data(HistoryModel::EntryCountRole).toInt(), 10);
    QCOMPARE(history.index(250, 0).data(HistoryModel::ActionRole).toString(),
             QStringLiteral("opt_in"));
    QCOMPARE(history.index(251, 0).data(HistoryModel::EntryCountRole).toInt(), 600);
    QCOMPARE(history.rowCount(history.index(251, 0)), 600);
    QCOMPARE(history.index(251, HistoryModel::ReasonColumn).data().toString(),
             QStringLiteral("Works council"));
    QCOMPARE(
        history.index(599, HistoryModel::ReasonColumn, history.index(251, 0)).data().toString(),
        QStringLiteral("Works council"));
    // Ctrl+H again closes it.
    QTest::keyClick(window, Qt::Key_H, Qt::ControlModifier);
    QTRY_VERIFY(!dock->isVisible());
}

void TestHistory::actionFilter()
{
    HistoryDock *dock = m_session->window->historyDock();
    m_session->window->historyAction()->trigger();
    QTRY_VERIFY(m_session->history.rowCount() > 0);
    auto *combo = dock->findChild<QComboBox *>(QStringLiteral("historyActionCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(QStringLiteral("opt_in")));
    QTRY_VERIFY(!m_session->history.isLoading());
    // The ten opt-ins were one request: one row.
    QTRY_COMPARE(m_session->history.entryCount(), 10);
    QCOMPARE(m_session->history.rowCount(), 1);
    QCOMPARE(m_session->history.filter().action, QStringLiteral("opt_in"));
}

void TestHistory::showHistoryOfARow()
{
    MainWindow *window = m_session->window.get();
    QTableView *table = window->findChild<QTableView *>(QStringLiteral("optOutTable"));
    QVERIFY(table);
    QTRY_VERIFY(table->model()->rowCount() > 0);
    const QModelIndex index = table->model()->index(0, 1);
    const QString userId = index.data(OptOutModel::UserIdRole).toString();
    QVERIFY(!userId.isEmpty());
    // The row's context menu offers it.
    table->scrollTo(index);
    const QPoint at = table->visualRect(index).center();
    emit table->customContextMenuRequested(at);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = window->findChild<QMenu *>(QStringLiteral("optOutRowMenu"))));
    auto *show = menu->findChild<QAction *>(QStringLiteral("actionShowHistory"));
    QVERIFY(show);
    show->trigger();
    menu->close();
    QTRY_VERIFY(window->historyDock()->isVisible());
    QCOMPARE(m_session->history.filter().userId, userId);
    QTRY_VERIFY(!m_session->history.isLoading());
    QTRY_COMPARE(m_session->history.rowCount(), 1);
    QCOMPARE(m_session->history.index(0, 0).data(HistoryModel::UserIdRole).toString(), userId);
    auto *userEdit
        = window->historyDock()->findChild<QLineEdit *>(QStringLiteral("historyUserEdit"));
    QVERIFY(userEdit->text().contains(u"@"));
}

// Closed and opened again, the history starts from the newest entries, not the page it had.
void TestHistory::reopenedShowsNewEntries()
{
    QAction *action = m_session->window->historyAction();
    action->trigger();
    QTRY_VERIFY(m_session->history.rowCount() > 0);
    QTRY_VERIFY(!m_session->history.isLoading());
    const QString newest = m_session->history.entry(0).id;
    action->trigger();
    QTRY_VERIFY(!m_session->window->historyDock()->isVisible());
    QVERIFY(m_server
                .request("PUT", QStringLiteral("/api/v1/optouts/u-650"), "demo-admin",
                         R"({"reason":"late"})")
                .status
            < 300);
    action->trigger();
    QTRY_VERIFY(!m_session->history.isLoading());
    QTRY_VERIFY(m_session->history.rowCount() > 0 && m_session->history.entry(0).id != newest);
    QCOMPARE(m_session->history.entry(0).reason, QStringLiteral("late"));
}

// Switched to French, the date filters read as a fresh start in French shows them ("05/11/2026"),
// not in the US format they had ("11/5/26", read as 11 May).
void TestHistory::languageSwitchReformatsDates()
{
    m_session.reset();
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &languages);
    QVERIFY(waitSynced());
    m_session->window->historyAction()->trigger();
    HistoryDock *dock = m_session->window->historyDock();
    QTRY_VERIFY(dock->isVisible());
    auto *from = dock->findChild<QDateEdit *>(QStringLiteral("historyFromDate"));
    QVERIFY(from);
    from->setDate(QDate(2026, 11, 5));
    QVERIFY(languages.setLanguage(QStringLiteral("fr")));
    QCoreApplication::processEvents();
    const QLocale french(QStringLiteral("fr"));
    QCOMPARE(from->text(), french.toString(QDate(2026, 11, 5), QLocale::ShortFormat));
    QCOMPARE(from->date(), QDate(2026, 11, 5));
    // As a fresh French start shows them.
    const QDateEdit fresh(QDate(2026, 11, 5));
    QCOMPARE(from->displayFormat(), fresh.displayFormat());
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    m_session.reset();
}

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
