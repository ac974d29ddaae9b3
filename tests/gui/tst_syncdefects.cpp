// Issue 16's defects of the opt-out state, each in the real MainWindow against the real
// optout-server: Undo puts back what was there, the count follows removals, deletions name who
// asked for them, the offline view after a deletion, what cancelling out and a bulk change say,
// and Opt in on a row's menu with Undo after a bulk change.
#include "confirmchangedialog.h"
#include "csvexporter.h"
#include "guitestsession.h"
#include "historydock.h"
#include "historymodel.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "optoutproxymodel.h"
#include "serviceprobe.h"
#include "testserver.h"
#include "userpicker.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

namespace {
const QByteArray kAdmin = "demo-admin";
} // namespace

class TestSyncDefects : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void undoOfOptInPutsTheReasonBack();
    void countFollowsRemovals();
    void deletionNamesTheAdministrator();
    void offlineViewAfterDeletionHasNoPlannedDate();
    void cancellingOutIsSaid();
    void bulkResultAccountsForEveryUserAndCanBeUndone();
    void rowMenuOptsIn();

private:
    bool start(TestServer &server, bool defaultPaths = false)
    {
        m_session
            = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin, nullptr, defaultPaths);
        return QTest::qWaitFor(
            [this]() { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
    }
    // Users neither opted out nor the administrator.
    QStringList optedInUsers(int count) const
    {
        QStringList ids;
        for (int r = 0; r < m_session->users.rowCount() && ids.size() < count; ++r) {
            const User &user = m_session->users.userAt(r);
            if (!m_session->users.isOptedOut(user.id) && user.id != m_session->sync.me().id)
                ids << user.id;
        }
        return ids;
    }
    static bool optOutOnService(TestServer &server, const QString &id, const QString &reason = {})
    {
        const QByteArray body = reason.isEmpty()
            ? QByteArray()
            : QJsonDocument(QJsonObject {{QStringLiteral("reason"), reason}}).toJson();
        const int status
            = server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, kAdmin, body).status;
        return status == 201 || status == 200;
    }
    QString countText() const
    {
        return m_session->find<QLabel>(QStringLiteral("countLabel"))->text();
    }
    void check(const QString &id)
    {
        OptOutModel &model = m_session->optOuts;
        model.setChecked({model.rowOfKey(id)}, Qt::Checked);
    }
    QMenu *rowMenuOf(const QString &id)
    {
        auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
        const QModelIndex at = m_session->window->tableProxy()->mapFromSource(
            m_session->optOuts.index(m_session->optOuts.rowOfKey(id), 1));
        table->scrollTo(at);
        const QList<QMenu *> before
            = m_session->window->findChildren<QMenu *>(QStringLiteral("optOutRowMenu"));
        emit table->customContextMenuRequested(table->visualRect(at).center());
        QMenu *menu = nullptr;
        (void)QTest::qWaitFor(
            [&]() {
                for (QMenu *m :
                     m_session->window->findChildren<QMenu *>(QStringLiteral("optOutRowMenu"))) {
                    if (!before.contains(m))
                        menu = m;
                }
                return menu != nullptr;
            },
            5000);
        return menu;
    }
    ConfirmChangeDialog *dialogNamed(const QString &name) const
    {
        ConfirmChangeDialog *dialog = nullptr;
        (void)QTest::qWaitFor(
            [&]() { return (dialog = m_session->find<ConfirmChangeDialog>(name)) != nullptr; },
            5000);
        return dialog;
    }

    std::unique_ptr<GuiTestSession> m_session;
};

void TestSyncDefects::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
}

void TestSyncDefects::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

// Defect 1: opted out with a reason, opted in, Ctrl+Z: out again with the same reason, sent to
// the service; the history keeps the three steps.
void TestSyncDefects::undoOfOptInPutsTheReasonBack()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QString id = optedInUsers(1).value(0);
    const QString reason = QStringLiteral("GDPR request #77");
    MainWindow *window = m_session->window.get();
    QVERIFY(window->userPicker()->pickUser(id));
    QTest::keyClick(window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    ConfirmChangeDialog *dialog = dialogNamed(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    dialog->reasonEdit()->setText(reason);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(
        ServiceProbe::optOutEntry(server, id).value(QLatin1String("reason")).toString(), reason,
        20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 20000);

    check(id);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ServiceProbe::optOutEntry(server, id).isEmpty(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowOfKey(id), -1, 20000);
    QVERIFY(window->undoAvailable());
    window->undoLastChange(); // Ctrl+Z, Edit > Undo, the message bar's Undo
    QTRY_VERIFY_WITH_TIMEOUT(!ServiceProbe::optOutEntry(server, id).isEmpty(), 20000);
    QCOMPARE(ServiceProbe::optOutEntry(server, id).value(QLatin1String("reason")).toString(),
             reason);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 20000);
    const int row = m_session->optOuts.rowOfKey(id);
    QVERIFY(row >= 0);
    QCOMPARE(m_session->optOuts.entryAt(row).reason, reason);
    const QJsonArray audit = ServiceProbe::auditOf(server, id);
    QCOMPARE(audit.size(), 3);
    QCOMPARE(audit.at(0).toObject().value(QLatin1String("action")).toString(),
             QStringLiteral("opt_out"));
    QCOMPARE(audit.at(0).toObject().value(QLatin1String("reason")).toString(), reason);
    QCOMPARE(audit.at(1).toObject().value(QLatin1String("action")).toString(),
             QStringLiteral("opt_in"));
    QCOMPARE(audit.at(2).toObject().value(QLatin1String("action")).toString(),
             QStringLiteral("opt_out"));
}

// Defect 2: "n of N shown" follows rows removed by an opt-in, an undo and another
// administrator's opt-in.
void TestSyncDefects::countFollowsRemovals()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QStringList ids = optedInUsers(4);
    for (const QString &id : ids.mid(0, 3))
        QVERIFY(optOutOnService(server, id));
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 3, 20000);
    QTRY_COMPARE(countText(), QStringLiteral("3 user(s) opted out"));

    // Opted in here.
    check(ids.at(0));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 2, 20000);
    QCOMPARE(countText(), QStringLiteral("2 user(s) opted out"));

    // Opted out, then undone before the service confirmed... or after: either way a row goes.
    QVERIFY(m_session->window->userPicker()->pickUser(ids.at(3)));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    QCOMPARE(m_session->optOuts.rowCount(), 3);
    QCOMPARE(countText(), QStringLiteral("3 user(s) opted out"));
    m_session->window->undoLastChange();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 2, 20000);
    QCOMPARE(countText(), QStringLiteral("2 user(s) opted out"));

    // Another administrator's opt-in.
    QCOMPARE(
        server.request("DELETE", QStringLiteral("/api/v1/optouts/") + ids.at(1), kAdmin).status,
        204);
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 1, 20000);
    QCOMPARE(countText(), QStringLiteral("1 user(s) opted out"));
    // And everyone.
    check(ids.at(2));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 0, 20000);
    QCOMPARE(countText(), QStringLiteral("0 user(s) opted out"));
}

// Defect 3: "Delete stored data now" is recorded as the administrator's, in History and its CSV.
void TestSyncDefects::deletionNamesTheAdministrator()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--purge-after"), QStringLiteral("2d"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QString id = optedInUsers(1).value(0);
    QVERIFY(ServiceProbe::storeClientEvents(server, id, 3));
    QVERIFY(optOutOnService(server, id));
    m_session->sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowOfKey(id) >= 0, 20000);
    MainWindow *window = m_session->window.get();
    window->confirmDeleteStoredData({id});
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteStoredDataBox"))));
    box->findChild<QPushButton *>(QStringLiteral("deleteNowButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(window->noteText().contains(QStringLiteral("is deleted")), 20000);

    const Me me = m_session->sync.me();
    window->showHistoryOf(id);
    HistoryModel &history = m_session->history;
    int purge = -1;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&]() {
            purge = -1;
            for (int r = 0; r < history.rowCount(); ++r) {
                if (history.entry(r).action == QLatin1String("purge"))
                    purge = r;
            }
            return purge >= 0;
        }(),
        20000);
    const QString by = history.index(purge, HistoryModel::ByColumn).data().toString();
    QVERIFY2(by.contains(me.name) || by.contains(me.email), qPrintable(by));
    QVERIFY(by != QStringLiteral("The service"));
    const QStringList record = CsvExporter::historyRecord(history.entry(purge), {});
    QCOMPARE(record.at(5), me.name);
    QCOMPARE(record.at(6), me.email);
}

// Defect 6: deleted now, quit, the service stopped, started again: the cached row has no
// deletion date and offers no deletion.
void TestSyncDefects::offlineViewAfterDeletionHasNoPlannedDate()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--purge-after"), QStringLiteral("2d"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server, true));
    const QString id = optedInUsers(1).value(0);
    QVERIFY(ServiceProbe::storeClientEvents(server, id, 3));
    QVERIFY(optOutOnService(server, id));
    m_session->sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowOfKey(id) >= 0, 20000);
    QVERIFY(m_session->optOuts.entryAt(m_session->optOuts.rowOfKey(id)).purgeAt.isValid());
    MainWindow *window = m_session->window.get();
    window->confirmDeleteStoredData({id});
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteStoredDataBox"))));
    box->findChild<QPushButton *>(QStringLiteral("deleteNowButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(window->noteText().contains(QStringLiteral("is deleted")), 20000);
    QVERIFY(!m_session->optOuts.entryAt(m_session->optOuts.rowOfKey(id)).purgeAt.isValid());
    m_session.reset(); // quit
    server.stop();

    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin, nullptr, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowOfKey(id) >= 0, 20000);
    QVERIFY(m_session->sync.showingCachedData());
    const int row = m_session->optOuts.rowOfKey(id);
    QVERIFY(!m_session->optOuts.entryAt(row).purgeAt.isValid());
    QCOMPARE(m_session->optOuts.index(row, OptOutModel::PurgeAtColumn).data().toString(),
             QStringLiteral("—"));
    QMenu *menu = rowMenuOf(id);
    QVERIFY(menu);
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("actionDeleteStoredData"))->isEnabled());
    menu->close();
}

// Defect 7: offline, opted out, then opted in from the row: the two cancel out, and the window
// says so.
void TestSyncDefects::cancellingOutIsSaid()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QString id = optedInUsers(1).value(0);
    server.stop();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    QVERIFY(m_session->window->userPicker()->pickUser(id));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    QCOMPARE(m_session->sync.pendingCount(), 1);
    check(id);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    QCOMPARE(m_session->sync.pendingCount(), 0);
    QCOMPARE(m_session->optOuts.rowOfKey(id), -1);
    const QString note = m_session->window->noteText();
    QVERIFY2(note.contains(QStringLiteral("cancel out")), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("nothing will be sent")), qPrintable(note));
}

// Defect 8 and 13: "Opt in 3 users" confirmed while another administrator included one of them:
// the result names the two and the one; the bulk change has Undo, asked first, which opts them
// out again with their reasons.
void TestSyncDefects::bulkResultAccountsForEveryUserAndCanBeUndone()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QStringList ids = optedInUsers(3);
    const QString reason = QStringLiteral("Works council");
    QVERIFY(optOutOnService(server, ids.at(0), reason));
    QVERIFY(optOutOnService(server, ids.at(1)));
    QVERIFY(optOutOnService(server, ids.at(2)));
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 3, 20000);
    m_session->optOuts.setAllChecked(true);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    ConfirmChangeDialog *dialog = dialogNamed(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->count(), 3);
    // Meanwhile, another administrator includes one of them.
    QCOMPARE(
        server.request("DELETE", QStringLiteral("/api/v1/optouts/") + ids.at(2), kAdmin).status,
        204);
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowOfKey(ids.at(2)), -1, 20000);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ServiceProbe::optOutEntry(server, ids.at(0)).isEmpty()
                                 && ServiceProbe::optOutEntry(server, ids.at(1)).isEmpty(),
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->window->noteText().contains(
                                 QStringLiteral("included in product usage tracking again")),
                             20000);
    const QString note = m_session->window->noteText();
    QVERIFY2(note.contains(QStringLiteral("2 user(s) included")), qPrintable(note));
    QVERIFY2(note.contains(QStringLiteral("1 other user(s) were already included")),
             qPrintable(note));

    // Undo of the bulk change: the same confirmation first.
    QVERIFY(m_session->window->undoAvailable());
    m_session->window->undoLastChange();
    ConfirmChangeDialog *undo = dialogNamed(QStringLiteral("confirmUndoDialog"));
    QVERIFY(undo);
    QCOMPARE(undo->count(), 2);
    QVERIFY(!undo->reasonEdit()->isVisible());
    QVERIFY(ServiceProbe::optOutEntry(server, ids.at(0)).isEmpty()); // nothing sent yet
    QTest::mouseClick(undo->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!ServiceProbe::optOutEntry(server, ids.at(0)).isEmpty()
                                 && !ServiceProbe::optOutEntry(server, ids.at(1)).isEmpty(),
                             20000);
    QCOMPARE(ServiceProbe::optOutEntry(server, ids.at(0)).value(QLatin1String("reason")).toString(),
             reason);
    QVERIFY(ServiceProbe::optOutEntry(server, ids.at(1)).value(QLatin1String("reason")).isNull());
    QVERIFY(ServiceProbe::optOutEntry(server, ids.at(2)).isEmpty()); // not part of it
}

// Defect 13: a row's context menu opts in (the row, or the checked rows with a confirmation).
void TestSyncDefects::rowMenuOptsIn()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30"),
                          QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                          QStringLiteral("--quiet")}));
    QVERIFY(start(server));
    const QStringList ids = optedInUsers(3);
    for (const QString &id : ids)
        QVERIFY(optOutOnService(server, id));
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowCount(), 3, 20000);

    QMenu *menu = rowMenuOf(ids.at(0));
    QVERIFY(menu);
    QAction *optIn = menu->findChild<QAction *>(QStringLiteral("actionOptInRow"));
    QVERIFY(optIn);
    QVERIFY(optIn->isEnabled());
    optIn->trigger();
    menu->close();
    QTRY_VERIFY_WITH_TIMEOUT(ServiceProbe::optOutEntry(server, ids.at(0)).isEmpty(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->optOuts.rowOfKey(ids.at(0)), -1, 20000);

    // On checked rows: all of them, asked first.
    check(ids.at(1));
    check(ids.at(2));
    menu = rowMenuOf(ids.at(2));
    QVERIFY(menu);
    optIn = menu->findChild<QAction *>(QStringLiteral("actionOptInRow"));
    QVERIFY2(optIn->text().contains(QStringLiteral("2")), qPrintable(optIn->text()));
    optIn->trigger();
    menu->close();
    ConfirmChangeDialog *dialog = dialogNamed(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    QCOMPARE(dialog->count(), 2);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(ServiceProbe::optOutEntry(server, ids.at(1)).isEmpty()
                                 && ServiceProbe::optOutEntry(server, ids.at(2)).isEmpty(),
                             20000);
}

QTEST_MAIN(TestSyncDefects)
#include "tst_syncdefects.moc"
