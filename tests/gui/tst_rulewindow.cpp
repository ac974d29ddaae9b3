// Groups and rules in the real MainWindow against the real optout-server: a group found by the
// picker (asked of the service once typing pauses), its confirmation with the service's
// preview, the Via column, an opt-in of a covered row explained instead of sent, View > Rules,
// the removal with its count, and Undo.
#include "groupsearch.h"
#include "guitestsession.h"
#include "messagepresenter.h"
#include "ruleconfirmdialog.h"
#include "rulescontroller.h"
#include "rulesdock.h"
#include "scimdirectory.h"
#include "testserver.h"
#include "userpicker.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

namespace {

void pressKey(QWidget *widget, Qt::Key key)
{
    QWidget *popup = QApplication::activePopupWidget();
    QTest::keyClick(popup ? popup : widget, key);
}

} // namespace

class TestRuleWindow final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void pickGroupConfirmAndSeeVia();
    void coveredOptInIsExplainedNotSent();
    void removeRuleAndUndo();
    void domainTypedWithAt();

private:
    // The users the service lists, by e-mail.
    QStringList userIds(int count) const;
    bool coveredByRule(const QString &userId) const;
    int tableRowOf(const QString &userId) const;
    QMessageBox *waitForBox(const QString &name) const;

    TestServer m_server;
    QByteArray m_scimToken;
    QStringList m_members;
    std::unique_ptr<GuiTestSession> m_session;
};

void TestRuleWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    m_scimToken = ScimDirectory::setUp(
        m_server, {QStringLiteral("--demo-users"), QStringLiteral("20"), QStringLiteral("--quiet")},
        "c.one@contractors.example.com,Cleo One,user\n"
        "c.two@contractors.example.com,Carl Two,user\n");
    QVERIFY(!m_scimToken.isEmpty());
    m_members = userIds(4);
    QCOMPARE(m_members.size(), 4);
    // The last member opted out on their own before any rule.
    const HttpResult own = m_server.request(
        "PUT", QStringLiteral("/api/v1/optouts/") + m_members.at(3), "demo-admin");
    QCOMPARE(own.status, 201);
    QVERIFY(!ScimDirectory::createGroup(m_server, m_scimToken, QStringLiteral("Works council"),
                                        m_members)
                 .isEmpty());
}

QStringList TestRuleWindow::userIds(int count) const
{
    const HttpResult r
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=1000"), "demo-admin");
    QList<std::pair<QString, QString>> users;
    for (const QJsonValue &u : r.json().object()[QStringLiteral("users")].toArray()) {
        const QString email = u[QStringLiteral("email")].toString();
        if (email.endsWith(QLatin1String("@example.com")) && !email.startsWith(u"admin@")
            && !email.startsWith(u"idp@") && !email.startsWith(u"user@")
            && !email.startsWith(u"tracker@"))
            users.append({email, u[QStringLiteral("id")].toString()});
    }
    std::sort(users.begin(), users.end());
    QStringList ids;
    for (int i = 0; i < count && i < users.size(); ++i)
        ids.append(users.at(i).second);
    return ids;
}

void TestRuleWindow::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin");
    QVERIFY(QTest::qWaitFor(
        [this] { return m_session->sync.state() == SyncController::State::Synced; }, 20000));
}

void TestRuleWindow::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

bool TestRuleWindow::coveredByRule(const QString &userId) const
{
    return m_session->sync.ledger().isOptedOut(userId)
        && !m_session->sync.ledger().ruleCovers(userId).isEmpty();
}

int TestRuleWindow::tableRowOf(const QString &userId) const
{
    const auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, 0).data(OptOutModel::UserIdRole).toString() == userId)
            return row;
    }
    return -1;
}

QMessageBox *TestRuleWindow::waitForBox(const QString &name) const
{
    QMessageBox *box = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            box = m_session->window->findChild<QMessageBox *>(name);
            return box && box->isVisible();
        },
        5000);
    return box;
}

// "works" finds the group in one request once typing pauses; Enter opens the confirmation
// with the service's preview; confirming opts out its members, and the Via column says why.
void TestRuleWindow::pickGroupConfirmAndSeeVia()
{
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    GroupSearch *groups = m_session->window->groupSearch();
    QVERIFY(groups);
    const int requestsBefore = groups->requestCount();
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("works"));
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    // (English plurals come from the catalogue: "4 members" with it, "4 member(s)" without.)
    QTRY_VERIFY(popup->model()->index(0, 0).data().toString().startsWith(
        QStringLiteral("Group: Works council — 4 member")));
    // Five keys, one request: the service is asked once typing paused.
    QCOMPARE(groups->requestCount() - requestsBefore, 1);
    // No user matches "works": the group is what Enter picks.
    QCOMPARE(popup->currentIndex().row(), 0);
    pressKey(combo->lineEdit(), Qt::Key_Return);

    RuleConfirmDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_session->window->rulesController()->confirmDialog()) != nullptr);
    QTRY_VERIFY(dialog->hasPreview());
    QCOMPARE(dialog->preview().userCount, 4);
    QCOMPARE(dialog->preview().newlyOptedOut, 3); // one was opted out on their own
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmHeading"))->text(),
             QStringLiteral("Opt out the group “Works council”?"));
    const QString counts = dialog->findChild<QLabel *>(QStringLiteral("ruleCounts"))->text();
    QVERIFY2(counts.contains(QLatin1String("4 user")) && counts.contains(QLatin1String("3 of")),
             qPrintable(counts));
    const QString list = dialog->findChild<QLabel *>(QStringLiteral("confirmUsers"))->text();
    QCOMPARE(list.count(QStringLiteral("• ")), 4);
    QVERIFY(list.contains(QLatin1String("@example.com>")));
    QVERIFY(dialog->confirmButton()->isEnabled());
    QVERIFY(dialog->confirmButton()->text().startsWith(QStringLiteral("&Opt out 4 user")));
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("Works agreement 2026"));
    dialog->confirmButton()->click();

    for (const QString &id : std::as_const(m_members))
        QTRY_VERIFY_WITH_TIMEOUT(coveredByRule(id), 10000);
    // The rule's note, not "you opted out 3 users in another window".
    QTRY_VERIFY2(m_session->window->noteText().contains(QLatin1String("Rule created")),
                 qPrintable(m_session->window->noteText()));
    QTest::qWait(500);
    QVERIFY2(m_session->window->noteText().contains(QLatin1String("Rule created")),
             qPrintable(m_session->window->noteText()));
    QVERIFY(m_session->window->undoAvailable());
    const auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QVERIFY(!table->isColumnHidden(OptOutModel::ViaColumn));
    QCOMPARE(table->model()->headerData(OptOutModel::ViaColumn, Qt::Horizontal).toString(),
             QStringLiteral("Via"));
    QTRY_VERIFY(tableRowOf(m_members.at(0)) >= 0);
    const int row = tableRowOf(m_members.at(0));
    QCOMPARE(table->model()->index(row, OptOutModel::ViaColumn).data().toString(),
             QStringLiteral("Group: Works council"));
    QCOMPARE(table->model()->index(row, OptOutModel::ReasonColumn).data().toString(),
             QStringLiteral("Works agreement 2026"));
}

// Opting in a covered row says which rule covers it and offers to open it; nothing is sent.
void TestRuleWindow::coveredOptInIsExplainedNotSent()
{
    QTRY_VERIFY(coveredByRule(m_members.at(1)));
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QTRY_VERIFY(tableRowOf(m_members.at(1)) >= 0);
    const int row = tableRowOf(m_members.at(1));
    QVERIFY(table->model()->setData(table->model()->index(row, OptOutModel::CheckColumn),
                                    Qt::Checked, Qt::CheckStateRole));
    auto *optIn = m_session->find<QPushButton>(QStringLiteral("optInButton"));
    QTRY_VERIFY(optIn->isEnabled());
    optIn->click();
    QMessageBox *box = waitForBox(QStringLiteral("coveredOptInBox"));
    QVERIFY(box);
    QVERIFY2(box->text().contains(QStringLiteral("“Group: Works council” opts them out")),
             qPrintable(box->text()));
    QCOMPARE(m_session->sync.pendingCount(), 0); // nothing queued, nothing sent
    auto *show = box->findChild<QPushButton *>(QStringLiteral("showRuleButton"));
    QVERIFY(show);
    show->click();
    RulesDock *dock = m_session->window->rulesDock();
    QTRY_VERIFY(dock->isVisible());
    QTRY_COMPARE(dock->table()->model()->rowCount(), 1);
    QTRY_VERIFY(!dock->selectedRuleId().isEmpty());
    QCOMPARE(dock->table()->model()->index(0, RulesModel::RuleColumn).data().toString(),
             QStringLiteral("Group: Works council"));
    QCOMPARE(dock->table()->model()->index(0, RulesModel::UsersColumn).data().toString(),
             QStringLiteral("4"));
    QCOMPARE(dock->table()->model()->index(0, RulesModel::ReasonColumn).data().toString(),
             QStringLiteral("Works agreement 2026"));
    QCOMPARE(dock->table()->model()->index(0, RulesModel::ByColumn).data().toString(),
             QStringLiteral("Ada Admin"));
    QVERIFY(coveredByRule(m_members.at(1)));
    QCOMPARE(m_session->sync.pendingCount(), 0);
}

// View > Rules removes the rule after saying how many users are opted back in; Undo makes it
// again.
void TestRuleWindow::removeRuleAndUndo()
{
    // The last member is also opted out on their own (initTestCase): the removal leaves
    // them out.
    QAction *rules = m_session->window->rulesAction();
    QVERIFY(rules && rules->isEnabled());
    rules->trigger();
    RulesDock *dock = m_session->window->rulesDock();
    QTRY_VERIFY(dock->isVisible());
    QTRY_COMPARE(dock->table()->model()->rowCount(), 1);
    QCOMPARE(m_session->sync.ledger().via(m_members.at(3)), OptOutLedger::Via::Confirmed);
    QCOMPARE(m_session->sync.ledger().via(m_members.at(2)), OptOutLedger::Via::Rule);
    dock->table()->selectRow(0);
    QVERIFY(dock->removeButton()->isEnabled());
    dock->removeButton()->click();
    QMessageBox *box = waitForBox(QStringLiteral("removeRuleBox"));
    QVERIFY(box);
    QVERIFY2(box->informativeText().startsWith(QLatin1String("3 user")),
             qPrintable(box->informativeText()));
    box->findChild<QPushButton *>(QStringLiteral("removeRuleConfirmButton"))->click();
    for (int i = 0; i < 3; ++i)
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->sync.ledger().isOptedOut(m_members.at(i)), 10000);
    QVERIFY(m_session->sync.ledger().isOptedOut(m_members.at(3)));
    QTRY_COMPARE(dock->table()->model()->rowCount(), 0);
    // The rule's note, not "included again in another window" for the users it let go.
    QTRY_VERIFY2(m_session->window->noteText().startsWith(QLatin1String("Rule removed")),
                 qPrintable(m_session->window->noteText()));
    QTest::qWait(500);
    QVERIFY2(m_session->window->noteText().contains(QLatin1String("3 user")),
             qPrintable(m_session->window->noteText()));

    QVERIFY(m_session->window->undoAvailable());
    m_session->window->undoLastChange();
    for (const QString &id : std::as_const(m_members))
        QTRY_VERIFY_WITH_TIMEOUT(coveredByRule(id), 10000);
    QTRY_COMPARE(dock->table()->model()->rowCount(), 1);
    QCOMPARE(dock->table()->model()->index(0, RulesModel::ReasonColumn).data().toString(),
             QStringLiteral("Works agreement 2026"));
    QTRY_VERIFY(m_session->window->noteText().contains(QLatin1String("Undone")));
}

// "@contractors.example.com" offers the domain at once, without asking for groups.
void TestRuleWindow::domainTypedWithAt()
{
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    const int requestsBefore = m_session->window->groupSearch()->requestCount();
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("@contractors.example.com"));
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QTRY_COMPARE(popup->model()->index(0, 0).data().toString(),
                 QStringLiteral("Domain: contractors.example.com — everyone with an address "
                                "there"));
    // The two contractors are listed below it, and Enter still picks a person.
    QCOMPARE(popup->model()->rowCount(), 3);
    QCOMPARE(popup->currentIndex().row(), 1);
    QTest::qWait(GroupSearch::DefaultDelayMs + 100);
    QCOMPARE(m_session->window->groupSearch()->requestCount(), requestsBefore);
    // Chosen with the mouse: the confirmation, whose preview counts the two.
    popup->setCurrentIndex(popup->model()->index(0, 0));
    pressKey(combo->lineEdit(), Qt::Key_Return);
    RuleConfirmDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_session->window->rulesController()->confirmDialog()) != nullptr);
    QTRY_VERIFY(dialog->hasPreview());
    QCOMPARE(dialog->preview().userCount, 2);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("confirmHeading"))->text(),
             QStringLiteral("Opt out everyone at contractors.example.com?"));
    dialog->reject();
    QVERIFY(combo->lineEdit()->text().isEmpty());
}

QTEST_MAIN(TestRuleWindow)
#include "tst_rulewindow.moc"
