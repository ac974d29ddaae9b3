// Every action is the one the administrator meant, and can be taken back: the real MainWindow
// against the real optout-server, offline changes of mind, the pending list, undo, the
// confirmation of bulk changes, one message per action, the offline-first start, and rows that
// stay in place when another administrator's change arrives.
#include "guitestsession.h"
#include "syncstatustext.h"
#include "testserver.h"

#include "checkboxheader.h"
#include "messagepresenter.h"
#include "optoutproxymodel.h"
#include "pendingchangesdialog.h"
#include "userpicker.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

namespace {
const QByteArray kAdmin = QByteArrayLiteral("demo-admin");

QSet<QString> optOutIds(const TestServer &server)
{
    QSet<QString> ids;
    const QJsonArray array = server.request("GET", QStringLiteral("/api/v1/optouts"), kAdmin)
                                 .json()
                                 .object()
                                 .value(QStringLiteral("optOuts"))
                                 .toArray();
    for (const auto &v : array)
        ids.insert(v.toObject()
                       .value(QStringLiteral("user"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toString());
    return ids;
}

QStringList allUserIds(const TestServer &server)
{
    QStringList ids;
    for (int page = 0;; ++page) {
        const QJsonObject o
            = server
                  .request("GET", QStringLiteral("/api/v1/users?pageSize=5000&page=%1").arg(page),
                           kAdmin)
                  .json()
                  .object();
        for (const auto &v : o.value(QStringLiteral("users")).toArray())
            ids << v.toObject().value(QStringLiteral("id")).toString();
        if (o.value(QStringLiteral("lastPage")).toBool(true))
            break;
    }
    return ids;
}

// Audit entries that name this user.
int auditEntriesOf(const TestServer &server, const QString &userId)
{
    const QJsonArray entries
        = server.request("GET", QStringLiteral("/api/v1/audit?limit=1000"), kAdmin)
              .json()
              .object()
              .value(QStringLiteral("entries"))
              .toArray();
    int n = 0;
    for (const auto &v : entries) {
        if (v.toObject().value(QStringLiteral("user")).toObject().value(QStringLiteral("id"))
            == userId)
            ++n;
    }
    return n;
}

} // namespace

class TestActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void offlineChangeOfMindSendsNothing();
    void pendingListCancelsAnEntry();
    void pendingListFollowsTheQueueWithoutReset();
    void undoBeforeSendingCancelsLocally();
    void undoAfterConfirmationReverses();
    void bulkOptInAsksFirst();
    void largeOptInReportsTheWholeAction();
    void partialFailureGivesExactCounts();
    void restartWhileServiceDownShowsCacheAndPending();
    void quitWithPendingSaysTheyAreKept();
    void failedFirstSignInIsNotSignedOut();
    void anotherAdminsChangeKeepsRowsInPlace();

private:
    bool waitSynced(int ms = 20000)
    {
        return QTest::qWaitFor(
            [this]() { return m_session->sync.state() == SyncController::State::Synced; }, ms);
    }
    // Users not opted out, not the administrator.
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
    void optOutThroughThePicker(const QString &id)
    {
        QVERIFY(m_session->window->userPicker()->pickUser(id));
        QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")),
                          Qt::LeftButton);
    }
    void checkRowOf(const QString &id)
    {
        auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
        const int source = m_session->optOuts.rowOfKey(id);
        QVERIFY(source >= 0);
        const QModelIndex box = m_session->window->tableProxy()->mapFromSource(
            m_session->optOuts.index(source, OptOutModel::CheckColumn));
        table->scrollTo(box);
        const QRect rect = table->visualRect(box);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          QPoint(rect.left() + rect.width() / 2, rect.center().y()));
        QTRY_COMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }
    QLabel *status() const { return m_session->find<QLabel>(QStringLiteral("syncStatusLabel")); }

    std::unique_ptr<GuiTestSession> m_session;
};

void TestActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
}

void TestActions::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

// Defect 2: with the service down, opt a user out, then opt the pending row in again: the two
// cancel out, and nothing is sent on reconnect (the opt-out would delete their stored events).
void TestActions::offlineChangeOfMindSendsNothing()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QString id = optedInUsers(1).value(0);
    const int rows = m_session->optOuts.rowCount();
    const int auditBefore = auditEntriesOf(server, id);
    server.stop();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);

    optOutThroughThePicker(id);
    QCOMPARE(m_session->optOuts.rowCount(), rows + 1);
    QTRY_VERIFY(status()->text().contains(QStringLiteral("1 change")));
    // Change of mind: tick the pending row and Opt-in.
    checkRowOf(id);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    QTRY_COMPARE(m_session->optOuts.rowCount(), rows);
    QVERIFY(!status()->text().contains(QStringLiteral("change")));
    QCOMPARE(m_session->sync.pendingCount(), 0);

    QVERIFY(server.restartOnSamePort());
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QVERIFY(waitSynced());
    QTest::qWait(500);
    QCOMPARE(auditEntriesOf(server, id), auditBefore);
    QVERIFY(!optOutIds(server).contains(id));
}

// The pending queue is a list the administrator opens (the status bar's count, Edit > Pending
// changes…) and cancels entries from; cancelled ones are never sent.
void TestActions::pendingListCancelsAnEntry()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QStringList ids = optedInUsers(2);
    server.stop();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    optOutThroughThePicker(ids.at(0));
    optOutThroughThePicker(ids.at(1));
    QTRY_VERIFY(status()->text().contains(QStringLiteral("2 change")));

    // The count is a link to the list.
    QVERIFY(status()->text().contains(QStringLiteral("<a href=")));
    // A click on it: where the link's text is drawn, after the state's text.
    const QString before = SyncStatusText::state(m_session->sync) + QStringLiteral(" · ");
    const QFontMetrics metrics(status()->font());
    const int x = status()->contentsRect().left() + metrics.horizontalAdvance(before)
        + metrics.horizontalAdvance(SyncStatusText::pending(m_session->sync.pendingCount())) / 2;
    QTest::mouseClick(status(), Qt::LeftButton, {}, QPoint(x, status()->height() / 2));
    PendingChangesDialog *dialog = m_session->window->pendingChangesDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->close();
    m_session->find<QAction>(QStringLiteral("actionPendingChanges"))->trigger();
    dialog = m_session->window->pendingChangesDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QTableView *table = dialog->table();
    QCOMPARE(table->model()->rowCount(), 2);
    const User *first = m_session->users.userById(ids.at(0));
    int row = -1;
    for (int r = 0; r < 2; ++r) {
        if (table->model()
                ->index(r, PendingChangesModel::UserColumn)
                .data(PendingChangesModel::UserIdRole)
                .toString()
            == ids.at(0))
            row = r;
    }
    QVERIFY(row >= 0);
    // Users are named "Name <e-mail>".
    QCOMPARE(table->model()->index(row, PendingChangesModel::UserColumn).data().toString(),
             QStringLiteral("%1 <%2>").arg(first->name, first->email));
    QCOMPARE(table->model()->index(row, PendingChangesModel::ChangeColumn).data().toString(),
             QStringLiteral("Opt-out"));
    auto *cancel = dialog->findChild<QPushButton *>(QStringLiteral("cancelPendingButton"));
    QVERIFY(!cancel->isEnabled());
    table->selectRow(row);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(m_session->sync.pendingCount(), 1);
    QCOMPARE(m_session->optOuts.rowOfKey(ids.at(0)), -1);
    QTRY_VERIFY(status()->text().contains(QStringLiteral("1 change")));

    QVERIFY(server.restartOnSamePort());
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 20000);
    QCOMPARE(table->model()->rowCount(), 0);
    const QSet<QString> out = optOutIds(server);
    QVERIFY(!out.contains(ids.at(0)));
    QVERIFY(out.contains(ids.at(1)));
}

// Undo of an action not yet sent: cancelled locally, nothing reaches the service.
// The open list follows the queue row by row: a selection made in it survives new changes and
// the cancellation of others (a reset would drop it).
void TestActions::pendingListFollowsTheQueueWithoutReset()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QStringList ids = optedInUsers(5);
    server.stop();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    for (int i = 0; i < 3; ++i)
        optOutThroughThePicker(ids.at(i));
    m_session->find<QAction>(QStringLiteral("actionPendingChanges"))->trigger();
    PendingChangesDialog *dialog = m_session->window->pendingChangesDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QTableView *table = dialog->table();
    QAbstractItemModel *model = table->model();
    QCOMPARE(model->rowCount(), 3);
    const auto idAt = [model](int row) {
        return model->index(row, PendingChangesModel::UserColumn)
            .data(PendingChangesModel::UserIdRole)
            .toString();
    };
    const auto selectedIds = [table]() {
        QStringList selected;
        for (const QModelIndex &row : table->selectionModel()->selectedRows())
            selected << row.data(PendingChangesModel::UserIdRole).toString();
        return selected;
    };
    const QString chosen = idAt(2);
    table->selectRow(2);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);

    optOutThroughThePicker(ids.at(3));
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(idAt(3), ids.at(3));
    QCOMPARE(selectedIds(), QStringList {chosen});

    // Another user's change taken back elsewhere (the message bar's Undo does the same).
    const QString other = idAt(0) == chosen ? idAt(1) : idAt(0);
    m_session->sync.cancelPending({other});
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(selectedIds(), QStringList {chosen});

    // A change of mind on a user in the list: the opposite change cancels out, its row goes.
    const QString mindChanged = idAt(0) == chosen ? idAt(1) : idAt(0);
    m_session->sync.optIn({mindChanged});
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(selectedIds(), QStringList {chosen});
    QCOMPARE(resets.count(), 0);
    dialog->close();
}

void TestActions::undoBeforeSendingCancelsLocally()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QString id = optedInUsers(1).value(0);
    const int rows = m_session->optOuts.rowCount();
    const int auditBefore = auditEntriesOf(server, id);
    server.stop();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    optOutThroughThePicker(id);
    auto *undo = m_session->find<QPushButton>(QStringLiteral("noteUndoButton"));
    QVERIFY(undo->isVisible());
    QVERIFY(m_session->window->undoAvailable());
    const User *user = m_session->users.userById(id);
    QVERIFY(m_session->window->noteText().contains(
        QStringLiteral("%1 <%2>").arg(user->name, user->email)));
    // Ctrl+Z, as Edit > Undo, where the focus is after an opt-out: the search field.
    m_session->window->activateWindow();
    QTRY_VERIFY(QApplication::focusWidget());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    QVERIFY(QApplication::focusWidget() == combo
            || QApplication::focusWidget() == combo->lineEdit());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(m_session->optOuts.rowCount(), rows);
    QCOMPARE(m_session->sync.pendingCount(), 0);
    QVERIFY(!undo->isVisible());
    QVERIFY(m_session->window->noteText().contains(QStringLiteral("never sent")));

    QVERIFY(server.restartOnSamePort());
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QVERIFY(waitSynced());
    QTest::qWait(300);
    QCOMPARE(auditEntriesOf(server, id), auditBefore);
}

// Undo of an action the service confirmed: the opposite request, and Undo is still offered
// 10 s after the action.
void TestActions::undoAfterConfirmationReverses()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QString id = optedInUsers(1).value(0);
    optOutThroughThePicker(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->window->noteText().contains(QStringLiteral("debugger")),
                             15000);
    QVERIFY(optOutIds(server).contains(id));
    auto *undo = m_session->find<QPushButton>(QStringLiteral("noteUndoButton"));
    QVERIFY(undo->isVisible());
    QTest::qWait(10200);
    QVERIFY(m_session->window->undoAvailable());
    QVERIFY(undo->isVisible());
    QTest::mouseClick(undo, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!optOutIds(server).contains(id), 15000);
    QTRY_COMPARE(m_session->optOuts.rowOfKey(id), -1);
    QTRY_VERIFY(m_session->window->noteText().contains(QStringLiteral("included")));
    QVERIFY(!m_session->window->undoAvailable() || !undo->isVisible());
}

// Changes of more than one user ask first: the count, the first names with e-mails, what will
// happen; Cancel changes nothing.
void TestActions::bulkOptInAsksFirst()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("400")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    QVERIFY(m_session->optOuts.rowCount() >= 7);
    // Check all seven first rows.
    QStringList ids;
    for (int r = 0; r < 7; ++r)
        ids << m_session->window->tableProxy()
                   ->index(r, 0)
                   .data(OptOutModel::UserIdRole)
                   .toString();
    for (const QString &id : std::as_const(ids))
        checkRowOf(id);
    auto *optIn = m_session->find<QPushButton>(QStringLiteral("optInButton"));
    QTest::mouseClick(optIn, Qt::LeftButton);
    auto *dialog = m_session->find<QDialog>(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->isModal());
    const QString heading = dialog->findChild<QLabel *>(QStringLiteral("confirmHeading"))->text();
    QVERIFY2(heading.contains(QStringLiteral("7")), qPrintable(heading));
    const QString list = dialog->findChild<QLabel *>(QStringLiteral("confirmUsers"))->text();
    const User *first = m_session->users.userById(ids.at(0));
    QVERIFY2(list.contains(QStringLiteral("%1 <%2>").arg(first->name, first->email)),
             qPrintable(list));
    QVERIFY2(list.contains(QStringLiteral("2 more")), qPrintable(list));
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("confirmConsequence"))->text().isEmpty());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_session->find<QDialog>(QStringLiteral("confirmChangeDialog")));
    QCOMPARE(m_session->sync.pendingCount(), 0);
    QCOMPARE(m_session->optOuts.checkedCount(), 7);

    QTest::mouseClick(optIn, Qt::LeftButton);
    dialog = m_session->find<QDialog>(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                      Qt::LeftButton);
    QCOMPARE(m_session->sync.pendingCount(), 7);
    QCOMPARE(m_session->optOuts.checkedCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 20000);
    const QSet<QString> out = optOutIds(server);
    for (const QString &id : std::as_const(ids))
        QVERIFY(!out.contains(id));
}

// Defect 3: opting in more users than one request carries is one message with the total.
void TestActions::largeOptInReportsTheWholeAction()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("12500")}));
    // Opt out almost everyone (two batch requests of the API's maximum).
    QStringList ids = allUserIds(server);
    ids.removeAll(QStringLiteral("u-1"));
    QCOMPARE(
        server
            .request("POST", QStringLiteral("/api/v1/optouts/batch"), kAdmin,
                     QJsonDocument(QJsonObject {{QStringLiteral("optOut"),
                                                 QJsonArray::fromStringList(ids.mid(0, 10000))}})
                         .toJson(),
                     {{"Content-Type", "application/json"}})
            .status,
        200);
    QCOMPARE(server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), kAdmin,
                          QJsonDocument(QJsonObject {{QStringLiteral("optOut"),
                                                      QJsonArray::fromStringList(ids.mid(10000))}})
                              .toJson(),
                          {{"Content-Type", "application/json"}})
                 .status,
             200);
    const int total = int(optOutIds(server).size());
    QVERIFY(total > 10000);
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced(60000));
    QCOMPARE(m_session->optOuts.rowCount(), total);
    CheckBoxHeader *header = m_session->window->tableHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, header->checkBoxRect().center());
    QCOMPARE(m_session->optOuts.checkedCount(), total);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    if (auto *dialog = m_session->find<QDialog>(QStringLiteral("confirmChangeDialog")))
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 60000);
    QTRY_VERIFY(!m_session->window->noteText().isEmpty());
    const QString expected = QLocale().toString(total) + QStringLiteral(" user");
    QVERIFY2(m_session->window->noteText().startsWith(expected),
             qPrintable(m_session->window->noteText() + QStringLiteral(" / ") + expected));
    QVERIFY(optOutIds(server).isEmpty());
}

// On partial failure the message gives exact counts of what was applied and what was not.
void TestActions::partialFailureGivesExactCounts()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("30")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    // A batch with an id the service does not know: it names it (404), the rest is applied.
    const QStringList ids = optedInUsers(2);
    QCOMPARE(ids.size(), 2);
    m_session->sync.optOut(ids + QStringList {QStringLiteral("u-gone")});
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->window->errorText().isEmpty(), 20000);
    const QString text = m_session->window->errorText();
    QVERIFY2(text.startsWith(QStringLiteral("2 of 3 user")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("refused the other 1")), qPrintable(text));
}

// Defect 4: restarted while the service is down, the window shows the last synced list and
// the pending changes at once, marked offline, never "Signing in…" for ever.
void TestActions::restartWhileServiceDownShowsCacheAndPending()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("40")}));
    int rows = 0;
    QString id;
    {
        // The app's own places for pending changes and the cache.
        GuiTestSession first(server.baseUrl(), kAdmin, nullptr, true);
        QVERIFY(QTest::qWaitFor(
            [&first]() { return first.sync.state() == SyncController::State::Synced; }, 20000));
        rows = first.optOuts.rowCount();
        for (int r = 0; r < first.users.rowCount() && id.isEmpty(); ++r) {
            const User &user = first.users.userAt(r);
            if (!first.users.isOptedOut(user.id) && user.id != first.sync.me().id)
                id = user.id;
        }
        server.stop();
        QVERIFY(first.window->userPicker()->pickUser(id));
        QTest::mouseClick(first.find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(first.sync.state() == SyncController::State::Offline, 15000);
    }
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin, nullptr, true);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowCount() == rows + 1, 2000);
    auto *stack = m_session->find<QStackedWidget>(QStringLiteral("pageStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("optOutPage"));
    QVERIFY(m_session->optOuts.isPendingAt(m_session->optOuts.rowOfKey(id)));
    QVERIFY2(status()->text().startsWith(QStringLiteral("Offline — last synced at")),
             qPrintable(status()->text()));
    QVERIFY(status()->text().contains(QStringLiteral("1 change")));
    QTest::qWait(1500);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("optOutPage"));
    QVERIFY(!status()->text().contains(QStringLiteral("Signing in")));

    // The service returns: revalidated, the change sent.
    QVERIFY(server.restartOnSamePort());
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Synced
                                 && m_session->sync.pendingCount() == 0,
                             30000);
    QVERIFY(optOutIds(server).contains(id));
    m_session.reset();
    QFile::remove(SyncCache::defaultFilePath(server.baseUrl(), QStringLiteral("u-1")));
}

// Quitting with pending changes says they are kept for the next start.
void TestActions::quitWithPendingSaysTheyAreKept()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const QString id = optedInUsers(1).value(0);
    server.stop();
    optOutThroughThePicker(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    // File > Quit.
    m_session->find<QAction>(QStringLiteral("actionQuit"))->trigger();
    QVERIFY(m_session->window->isVisible());
    auto *box = m_session->find<QMessageBox>(QStringLiteral("quitPendingBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(QStringLiteral("kept")), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("quitButton")), Qt::LeftButton);
    QTRY_VERIFY(!m_session->window->isVisible());
    QVERIFY(QFile::exists(m_session->sync.pendingFilePath()));

    // A close asked by the program (SIGTERM at logout) does not wait for anyone.
    m_session->window->show();
    m_session->window->close();
    QVERIFY(!m_session->window->isVisible());
}

// Item 6: a token refused at the first sign-in never signed anyone in: not "Signed out".
void TestActions::failedFirstSignInIsNotSignedOut()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("5")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), "no-such-token");
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::SignedOut, 15000);
    QVERIFY2(!status()->text().contains(QStringLiteral("Signed out")),
             qPrintable(status()->text()));
    QCOMPARE(status()->text(), QStringLiteral("Not signed in"));
}

// Item 6: another administrator's change does not move the rows under the cursor, and a note
// says what changed.
void TestActions::anotherAdminsChangeKeepsRowsInPlace()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("2400")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QVERIFY(table->model()->rowCount() >= 40);
    const QString other = optedInUsers(1).value(0);
    // Scrolled into the list, a row current.
    table->scrollTo(table->model()->index(20, OptOutModel::NameColumn),
                    QAbstractItemView::PositionAtTop);
    table->setCurrentIndex(table->model()->index(24, OptOutModel::NameColumn));
    QTest::qWait(50);
    const int top = table->rowAt(0);
    QVERIFY(top > 0);
    const QString topEmail = table->model()->index(top, OptOutModel::EmailColumn).data().toString();
    const QString currentEmail
        = table->currentIndex().siblingAtColumn(OptOutModel::EmailColumn).data().toString();
    const int topY = table->rowViewportPosition(top);

    // A change from elsewhere (this account in another window: the demo organisation has one
    // administrator) opts someone out: newest first, the row lands above.
    QCOMPARE(server.request("PUT", QStringLiteral("/api/v1/optouts/") + other, kAdmin).status, 201);
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowOfKey(other) >= 0, 15000);
    QTest::qWait(50);
    const int nowTop = table->rowAt(0);
    QCOMPARE(table->model()->index(nowTop, OptOutModel::EmailColumn).data().toString(), topEmail);
    QCOMPARE(table->rowViewportPosition(nowTop), topY);
    QCOMPARE(table->currentIndex().siblingAtColumn(OptOutModel::EmailColumn).data().toString(),
             currentEmail);
    const User *user = m_session->users.userById(other);
    QVERIFY2(m_session->window->noteText().contains(
                 QStringLiteral("%1 <%2>").arg(user->name, user->email)),
             qPrintable(m_session->window->noteText()));
    QVERIFY(m_session->window->noteText().contains(QStringLiteral("in another window")));
}

QTEST_MAIN(TestActions)
#include "tst_actions.moc"
