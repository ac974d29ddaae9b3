// View > History shows one row per action, in the real MainWindow against the real
// optout-server (each back end): a list of users opted out from a file, a group's rule, a bulk
// opt-in and the directory's change of the group's members are four rows, each expanded with
// the arrow keys to the users it changed; an action done while History is open comes on top.
#include "guitestsession.h"
#include "historydock.h"
#include "historymodel.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "ruleconfirmdialog.h"
#include "rulescontroller.h"
#include "scimdirectory.h"
#include "testserver.h"

#include <QAbstractItemView>
#include <QDialog>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

class TestHistoryActions final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void oneRowPerActionExpandedToItsUsers();

private:
    bool waitSynced()
    {
        return QTest::qWaitFor(
            [this] { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
    }
    // The organisation's users a test may change, by e-mail: none of the demo's special ones.
    QStringList plainUsers() const;
    bool importOptOuts(const QStringList &ids, const QString &reason);
    bool createRule(const QString &groupId, const QString &name, const QString &reason);
    bool bulkOptIn(const QStringList &ids);
    QString text(int row, int column, const QModelIndex &parent = {}) const;
    int viaColumn() const;

    TestServer m_server;
    QByteArray m_scim;
    LanguageManager m_languages; // English: "5 users"
    std::unique_ptr<GuiTestSession> m_session;
    QTemporaryDir m_dir;
};

void TestHistoryActions::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
    m_scim = ScimDirectory::setUp(m_server,
                                  {QStringLiteral("--demo-users"), QStringLiteral("30"),
                                   QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                                   QStringLiteral("--quiet")});
    QVERIFY(!m_scim.isEmpty());
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &m_languages);
    QVERIFY(waitSynced());
}

void TestHistoryActions::cleanupTestCase()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

QStringList TestHistoryActions::plainUsers() const
{
    QList<std::pair<QString, QString>> users;
    for (int r = 0; r < m_session->users.rowCount(); ++r) {
        const User &u = m_session->users.userAt(r);
        if (u.email.endsWith(QLatin1String("@example.com")) && !u.email.startsWith(u"admin@")
            && !u.email.startsWith(u"idp@") && !u.email.startsWith(u"user@")
            && !u.email.startsWith(u"tracker@") && u.id != m_session->sync.me().id)
            users.append({u.email, u.id});
    }
    std::sort(users.begin(), users.end());
    QStringList ids;
    for (const auto &user : std::as_const(users))
        ids.append(user.second);
    return ids;
}

// File > Opt out users from a list…: one batch request.
bool TestHistoryActions::importOptOuts(const QStringList &ids, const QString &reason)
{
    QByteArray list;
    for (const QString &id : ids)
        list += m_session->users.userById(id)->email.toUtf8() + "\n";
    QFile file(m_dir.filePath(QStringLiteral("list.txt")));
    if (!file.open(QIODevice::WriteOnly) || file.write(list) != list.size())
        return false;
    file.close();
    m_session->window->showImportDialog();
    ImportDialog *dialog = m_session->window->importDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return false;
    dialog->loadFile(file.fileName());
    if (!QTest::qWaitFor([dialog] { return !dialog->isReading(); }, 10000))
        return false;
    dialog->findChild<QLineEdit *>(QStringLiteral("reasonEdit"))->setText(reason);
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton"));
    if (!confirm->isEnabled())
        return false;
    QTest::mouseClick(confirm, Qt::LeftButton);
    return QTest::qWaitFor([this] { return m_session->sync.pendingCount() == 0; }, 10000);
}

// A group picked and confirmed with the service's preview: the window's rule confirmation.
bool TestHistoryActions::createRule(const QString &groupId, const QString &name,
                                    const QString &reason)
{
    RulesController *rules = m_session->window->rulesController();
    rules->confirmRule(OptOutRuleSpec::forGroup(groupId, name));
    RuleConfirmDialog *dialog = rules->confirmDialog();
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->hasPreview(); }, 10000))
        return false;
    dialog->reasonEdit()->setText(reason);
    dialog->confirmButton()->click();
    return QTest::qWaitFor([this] { return m_session->rules.rowCount() == 1; }, 10000);
}

// The rows checked and "Opt-in" confirmed: one batch request.
bool TestHistoryActions::bulkOptIn(const QStringList &ids)
{
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex box = table->model()->index(row, OptOutModel::CheckColumn);
        if (ids.contains(box.data(OptOutModel::UserIdRole).toString()))
            table->model()->setData(box, Qt::Checked, Qt::CheckStateRole);
    }
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    auto *dialog = m_session->find<QDialog>(QStringLiteral("confirmChangeDialog"));
    if (!dialog)
        return false;
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                      Qt::LeftButton);
    return QTest::qWaitFor([this] { return m_session->sync.pendingCount() == 0; }, 10000);
}

QString TestHistoryActions::text(int row, int column, const QModelIndex &parent) const
{
    return m_session->history.index(row, column, parent).data().toString();
}

int TestHistoryActions::viaColumn() const
{
    const HistoryModel &history = m_session->history;
    for (int column = 0; column < history.columnCount(); ++column) {
        if (history.headerData(column, Qt::Horizontal).toString() == QLatin1String("Via"))
            return column;
    }
    return -1;
}

void TestHistoryActions::oneRowPerActionExpandedToItsUsers()
{
    const QStringList users = plainUsers();
    QVERIFY(users.size() >= 14);
    const QStringList members = users.mid(0, 4);
    const QStringList listed = users.mid(4, 5);
    const QStringList optedBackIn = listed.mid(0, 2);
    const QStringList joining = users.mid(9, 2);
    const QString group
        = ScimDirectory::createGroup(m_server, m_scim, QStringLiteral("Works council"), members);
    QVERIFY(!group.isEmpty());

    // Four actions, each one request: five users from a list, the group's rule (four users),
    // two of the five back in, and two members joining the group (the directory's change).
    QVERIFY(importOptOuts(listed, QStringLiteral("GDPR requests 4411-4415")));
    QVERIFY(createRule(group, QStringLiteral("Works council"), QStringLiteral("Works agreement")));
    m_session->sync.refresh();
    QVERIFY(waitSynced());
    QVERIFY(bulkOptIn(optedBackIn));
    QJsonArray added;
    for (const QString &id : joining)
        added.append(QJsonObject {{QStringLiteral("value"), id}});
    const QJsonObject patch {
        {QStringLiteral("schemas"),
         QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
        {QStringLiteral("Operations"),
         QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("add")},
                                  {QStringLiteral("path"), QStringLiteral("members")},
                                  {QStringLiteral("value"), added}}}}};
    QCOMPARE(m_server
                 .request("PATCH", QStringLiteral("/scim/v2/Groups/") + group, m_scim,
                          QJsonDocument(patch).toJson(QJsonDocument::Compact),
                          {{"Content-Type", "application/scim+json"}})
                 .status,
             204);

    // View > History: one row per action, newest first.
    MainWindow *window = m_session->window.get();
    window->historyAction()->trigger();
    HistoryDock *dock = window->historyDock();
    QTRY_VERIFY(dock->isVisible());
    HistoryModel &history = m_session->history;
    QTRY_VERIFY_WITH_TIMEOUT(history.isComplete(), 10000);
    QCOMPARE(history.rowCount(), 4);
    const int via = viaColumn();
    QVERIFY(via >= 0);

    // (English plurals of new strings come with the catalogue: "2 users" or "2 user(s)".)
    QVERIFY(text(0, HistoryModel::ActionColumn).startsWith(QStringLiteral("Opted out 2 user")));
    QCOMPARE(text(0, HistoryModel::ByColumn), QStringLiteral("The directory"));
    QCOMPARE(text(0, via), QStringLiteral("Group: Works council"));
    QVERIFY(text(0, HistoryModel::UserColumn).startsWith(QStringLiteral("2 user")));

    QVERIFY(text(1, HistoryModel::ActionColumn).startsWith(QStringLiteral("Opted in 2 user")));
    QVERIFY2(text(1, HistoryModel::ByColumn).contains(QStringLiteral("Ada Admin")),
             qPrintable(text(1, HistoryModel::ByColumn)));

    QCOMPARE(text(2, HistoryModel::ActionColumn),
             QStringLiteral("Rule created (4 users opted out)"));
    QCOMPARE(text(2, HistoryModel::UserColumn), QStringLiteral("Group: Works council"));
    QCOMPARE(text(2, HistoryModel::ReasonColumn), QStringLiteral("Works agreement"));

    QVERIFY(text(3, HistoryModel::ActionColumn).startsWith(QStringLiteral("Opted out 5 user")));
    QVERIFY(text(3, HistoryModel::UserColumn).startsWith(QStringLiteral("5 user")));
    QCOMPARE(text(3, HistoryModel::ReasonColumn), QStringLiteral("GDPR requests 4411-4415"));
    QVERIFY(text(3, HistoryModel::ByColumn).contains(QStringLiteral("Ada Admin")));

    // The list's row, expanded with the arrow key: its five users.
    QAbstractItemView *view = nullptr;
    for (QAbstractItemView *v : dock->findChildren<QAbstractItemView *>()) {
        if (v->model() == &history && !qobject_cast<QHeaderView *>(v))
            view = v;
    }
    QVERIFY(view);
    auto *tree = qobject_cast<QTreeView *>(view);
    QVERIFY(tree);
    view->setFocus();
    const QModelIndex listRow = history.index(3, 0);
    view->setCurrentIndex(listRow);
    QTest::keyClick(view, Qt::Key_Right);
    QTRY_VERIFY(tree->isExpanded(listRow));
    QCOMPARE(history.rowCount(listRow), 5);
    QStringList shown;
    for (int row = 0; row < 5; ++row) {
        QCOMPARE(text(row, HistoryModel::ActionColumn, listRow), QStringLiteral("Opt-out"));
        QCOMPARE(text(row, HistoryModel::ReasonColumn, listRow),
                 QStringLiteral("GDPR requests 4411-4415"));
        shown << history.index(row, 0, listRow).data(HistoryModel::UserIdRole).toString();
    }
    shown.sort();
    QStringList expected = listed;
    expected.sort();
    QCOMPARE(shown, expected);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().parent(), listRow);
    QCOMPARE(view->currentIndex().row(), 0);
    // The directory's row: the two who joined, each through the group.
    const QModelIndex joined = history.index(0, 0);
    tree->expand(joined);
    QCOMPARE(history.rowCount(joined), 2);
    for (int row = 0; row < 2; ++row) {
        QVERIFY(joining.contains(
            history.index(row, 0, joined).data(HistoryModel::UserIdRole).toString()));
        QCOMPARE(text(row, via, joined), QStringLiteral("Group: Works council"));
        QCOMPARE(text(row, HistoryModel::ByColumn, joined), QStringLiteral("The directory"));
    }
    tree->collapse(joined);
    // Left goes up to the action, Left again folds it.
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(view->currentIndex(), listRow);
    QTest::keyClick(view, Qt::Key_Left);
    QTRY_VERIFY(!tree->isExpanded(listRow));

    // An action done elsewhere while History is open: on top after the next sync, the rows
    // below as they were (not loaded anew).
    tree->expand(listRow);
    QSignalSpy resets(&history, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex kept(listRow);
    QCOMPARE(m_server
                 .request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                          QJsonDocument(
                              QJsonObject {{QStringLiteral("optOut"),
                                            QJsonArray {users.at(11), users.at(12), users.at(13)}}})
                              .toJson())
                 .status,
             200);
    m_session->sync.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(history.rowCount(), 5, 10000);
    QVERIFY(text(0, HistoryModel::ActionColumn).startsWith(QStringLiteral("Opted out 3 user")));
    QCOMPARE(resets.size(), 0);
    QVERIFY(kept.isValid());
    QCOMPARE(kept.row(), 4);
    QVERIFY(tree->isExpanded(kept));
    QCOMPARE(history.rowCount(kept), 5);
}

QTEST_MAIN(TestHistoryActions)
#include "tst_historyactions.moc"
