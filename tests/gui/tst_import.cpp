// File > Opt out users from a list…, end to end: the real MainWindow against the real
// optout-server, a file of mixed lines, the preview's counts, a reason, the confirmation, and
// what the service then holds; bad files, Undo, and the menu item's enabled state.
#include "confirmchangedialog.h"
#include "guitestsession.h"
#include "testserver.h"

#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
const QByteArray kAdmin = QByteArrayLiteral("demo-admin");
const QByteArray kUser = QByteArrayLiteral("demo-user");

// The service's opt-out list: user id -> reason (null reasons as empty strings).
QHash<QString, QString> serviceOptOuts(const TestServer &server)
{
    QHash<QString, QString> out;
    const QJsonArray array = server.request("GET", QStringLiteral("/api/v1/optouts"), kAdmin)
                                 .json()
                                 .object()
                                 .value(QStringLiteral("optOuts"))
                                 .toArray();
    for (const auto &v : array) {
        const QJsonObject o = v.toObject();
        out.insert(
            o.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString(),
            o.value(QStringLiteral("reason")).toString());
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void mixedFileOptsOutExactlyTheMatchedUsers();
    void badFileGivesAClearErrorAndNoButton();
    void pasteIsReadAndUndoTakesItBack();
    void largePasteIsReadWithoutBeingLaidOut();
    void menuItemOnlyForAdministratorsWithLoadedLists();

private:
    bool waitSynced(int ms = 20000)
    {
        return QTest::qWaitFor(
            [this]() { return m_session->sync.state() == SyncController::State::Synced; }, ms);
    }
    QList<User> optedInUsers(int count) const
    {
        QList<User> users;
        for (int r = 0; r < m_session->users.rowCount() && users.size() < count; ++r) {
            const User &user = m_session->users.userAt(r);
            if (!m_session->users.isOptedOut(user.id) && user.id != m_session->sync.me().id
                && !user.email.isEmpty())
                users << user;
        }
        return users;
    }
    QAction *importAction() const
    {
        return m_session->window->findChild<QAction *>(QStringLiteral("actionOptOutFromList"));
    }
    ImportDialog *openDialog()
    {
        QAction *action = importAction();
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        ImportDialog *dialog = m_session->window->importDialog();
        if (dialog && !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return dialog;
    }
    static bool waitRead(ImportDialog *dialog)
    {
        return QTest::qWaitFor([dialog]() { return !dialog->isReading(); }, 10000);
    }

    TestServer m_server;
    LanguageManager m_languages; // English: "1 user", "3 users"
    std::unique_ptr<GuiTestSession> m_session;
    QTemporaryDir m_dir;
};

void TestImport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
}

void TestImport::init()
{
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("40")}));
}

void TestImport::cleanup()
{
    m_session.reset();
    m_server.stop();
    MessagePresenter::clearRecorded();
}

void TestImport::mixedFileOptsOutExactlyTheMatchedUsers()
{
    // One user out before the window opens: "already opted out" in the preview.
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &m_languages);
    QVERIFY(waitSynced());
    const QList<User> users = optedInUsers(4);
    QCOMPARE(users.size(), 4);
    const User &out = users.at(3);
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + out.id, kAdmin).status,
             201);
    m_session->sync.refresh();
    QTRY_VERIFY(m_session->users.isOptedOut(out.id));
    QVERIFY(waitSynced());
    const QHash<QString, QString> before = serviceOptOuts(m_server);

    const QByteArray file = QByteArrayLiteral("\xEF\xBB\xBF") + "email;name\r\n" // BOM, header
        + users.at(0).email.toUtf8() + ";First\r\n" // matched
        + "\r\n" // blank
        + out.email.toUtf8() + ";Already\r\n" // already opted out
        + "nobody@unknown.example;Nobody\r\n" // unknown
        + users.at(0).email.toUpper().toUtf8() + ";Again\r\n" // duplicate
        + "\"Second, B\" <" + users.at(1).email.toUtf8() + ">;\"says \"\"hi\"\"\"\r\n" // matched
        + "caf\xE9@latin1.example;x\r\n" // not UTF-8: unreadable
        + "mailto:" + users.at(2).email.toUtf8() + ";Third\r\n"; // matched
    const QString path = m_dir.filePath(QStringLiteral("mixed.csv"));
    QVERIFY(writeFile(path, file));

    ImportDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton"))->isEnabled());
    dialog->loadFile(path);
    QVERIFY(waitRead(dialog));
    const ImportResult &r = dialog->result();
    QVERIFY2(r.ok(), qPrintable(r.errorText()));
    QCOMPARE(r.lineCount, 9);
    QCOMPARE(r.count(ImportEntry::Outcome::Matched), 3);
    QCOMPARE(r.count(ImportEntry::Outcome::AlreadyOptedOut), 1);
    QCOMPARE(r.count(ImportEntry::Outcome::Unknown), 1);
    QCOMPARE(r.count(ImportEntry::Outcome::Duplicate), 1);
    QCOMPARE(r.count(ImportEntry::Outcome::Unreadable), 1);
    QCOMPARE(r.blankLines, 1);

    // What the administrator sees: the counts on the tabs and in the summary, the table.
    QTabBar *tabs = dialog->filterTabs();
    QCOMPARE(tabs->count(), 6);
    QCOMPARE(tabs->tabText(0), QStringLiteral("All (8)"));
    QCOMPARE(tabs->tabText(1), QStringLiteral("To opt out (3)"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Already opted out (1)"));
    QCOMPARE(tabs->tabText(3), QStringLiteral("Unknown (1)"));
    QCOMPARE(tabs->tabText(4), QStringLiteral("Duplicates (1)"));
    QCOMPARE(tabs->tabText(5), QStringLiteral("Unreadable (1)"));
    const QString summary
        = dialog->findChild<QLabel *>(QStringLiteral("importSummaryLabel"))->text();
    QVERIFY2(summary.contains(QStringLiteral("9 lines read")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 blank line skipped")), qPrintable(summary));
    QTableView *table = dialog->table();
    QCOMPARE(table->model()->rowCount(), 8);
    // A click on "Unknown" shows that line only.
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(3).center());
    QCOMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, ImportPreviewModel::LineColumn).data().toInt(), 5);
    QCOMPARE(table->model()->index(0, ImportPreviewModel::OutcomeColumn).data().toString(),
             QStringLiteral("Not a user of your organization"));
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(5).center());
    QCOMPARE(table->model()->index(0, ImportPreviewModel::LineColumn).data().toInt(), 8);

    // A reason, then the button that says how many.
    auto *reason = dialog->findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
    reason->setFocus();
    QTest::keyClicks(reason, QStringLiteral("GDPR request #4411"));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton"));
    QVERIFY(confirm->isEnabled());
    QCOMPARE(confirm->text(), QStringLiteral("Opt out 3 users"));
    QTest::mouseClick(confirm, Qt::LeftButton);
    QTRY_VERIFY(!m_session->window->importDialog());
    QVERIFY(m_session->window->undoAvailable());
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 10000);
    QTRY_VERIFY(m_session->window->noteText().contains(QStringLiteral("3 users opted out")));

    // Exactly the three matched users are out now, with the reason; the one already out keeps
    // its own (none).
    QHash<QString, QString> expected = before;
    for (int i = 0; i < 3; ++i)
        expected.insert(users.at(i).id, QStringLiteral("GDPR request #4411"));
    QCOMPARE(serviceOptOuts(m_server), expected);
}

void TestImport::badFileGivesAClearErrorAndNoButton()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &m_languages);
    QVERIFY(waitSynced());
    const User user = optedInUsers(1).value(0);
    ImportDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("importErrorLabel"));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton"));

    // An unterminated quote: the line where it opens, and nothing offered.
    const QString quote = m_dir.filePath(QStringLiteral("quote.csv"));
    QVERIFY(writeFile(quote, user.email.toUtf8() + "\n\"Smith;x\n" + user.email.toUtf8() + "\n"));
    dialog->loadFile(quote);
    QVERIFY(waitRead(dialog));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("Line 2")), qPrintable(error->text()));
    QVERIFY(!confirm->isEnabled());
    QCOMPARE(dialog->table()->model()->rowCount(), 0);

    // A binary file.
    const QString binary = m_dir.filePath(QStringLiteral("list.xlsx"));
    QVERIFY(writeFile(binary, QByteArray("PK\x03\x04\x00\x00", 6) + user.email.toUtf8()));
    dialog->loadFile(binary);
    QVERIFY(waitRead(dialog));
    QVERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("not a text or CSV file")));
    QVERIFY(!confirm->isEnabled());

    // A good file after them: the error goes.
    const QString good = m_dir.filePath(QStringLiteral("good.txt"));
    QVERIFY(writeFile(good, user.email.toUtf8()));
    dialog->loadFile(good);
    QVERIFY(waitRead(dialog));
    QVERIFY(!error->isVisible());
    QVERIFY(confirm->isEnabled());
    QCOMPARE(confirm->text(), QStringLiteral("Opt out 1 user"));

    // A control character in the reason is not taken.
    auto *reason = dialog->findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
    reason->setFocus();
    QTest::keyClicks(reason, QStringLiteral("ok"));
    reason->insert(QStringLiteral("a\tb"));
    QCOMPARE(reason->text(), QStringLiteral("ok"));
    QCOMPARE(reason->maxLength(), 500);
    dialog->reject();
    QTest::qWait(100);
    QVERIFY(!serviceOptOuts(m_server).contains(user.id));
}

void TestImport::pasteIsReadAndUndoTakesItBack()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &m_languages);
    QVERIFY(waitSynced());
    const QList<User> users = optedInUsers(2);
    ImportDialog *dialog = openDialog();
    QVERIFY(dialog);
    // Typed (or pasted) into the paste area: read after a short pause.
    auto *paste = dialog->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"));
    paste->setFocus();
    paste->insertPlainText(users.at(0).name + QStringLiteral(" <") + users.at(0).email
                           + QStringLiteral(">, "));
    QTest::keyClicks(paste, users.at(1).email);
    QTRY_COMPARE(dialog->result().count(ImportEntry::Outcome::Matched), 2);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton")),
                      Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 10000);
    QTRY_VERIFY(serviceOptOuts(m_server).contains(users.at(1).id));
    QVERIFY(m_session->window->undoAvailable());
    m_session->window->undoLastChange();
    // Sent already: undoing opts the two in again, asked first as an opt-in of two is.
    ConfirmChangeDialog *confirm = nullptr;
    QTRY_VERIFY(
        (confirm = m_session->find<ConfirmChangeDialog>(QStringLiteral("confirmUndoDialog"))));
    QCOMPARE(confirm->count(), 2);
    QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.pendingCount(), 0, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!serviceOptOuts(m_server).contains(users.at(1).id), 10000);
    const QHash<QString, QString> after = serviceOptOuts(m_server);
    QVERIFY(!after.contains(users.at(0).id));
    QVERIFY(!after.contains(users.at(1).id));
}

// 200,000 pasted lines do not go into the paste area (laying them out would hold the GUI thread
// for a second): they are read from the clipboard's text directly.
void TestImport::largePasteIsReadWithoutBeingLaidOut()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &m_languages);
    QVERIFY(waitSynced());
    const User user = optedInUsers(1).value(0);
    QString text = user.email + QLatin1Char('\n');
    for (int i = 0; i < 200000; ++i)
        text += QStringLiteral("someone%1@unknown.example\n").arg(i);
    QApplication::clipboard()->setText(text);
    ImportDialog *dialog = openDialog();
    QVERIFY(dialog);
    auto *paste = dialog->findChild<QPlainTextEdit *>(QStringLiteral("pasteEdit"));
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("confirmImportButton"));
    auto *source = dialog->findChild<QLabel *>(QStringLiteral("sourceLabel"));
    paste->setFocus();
    // Stop while it reads: nothing is offered.
    QTest::keySequence(paste, QKeySequence::Paste);
    QVERIFY(dialog->isReading());
    auto *stop = dialog->findChild<QPushButton *>(QStringLiteral("stopReadingButton"));
    QVERIFY(stop->isVisible());
    QVERIFY(!confirm->isEnabled());
    QTest::mouseClick(stop, Qt::LeftButton);
    QVERIFY(!dialog->isReading());
    QVERIFY(!stop->isVisible());
    QVERIFY(source->text().contains(QStringLiteral("cancelled")));
    QTest::qWait(1500); // the stopped reading's result, if any came, is not shown
    QCOMPARE(dialog->result().lineCount, 0);
    QVERIFY(!confirm->isEnabled());

    QTest::keySequence(paste, QKeySequence::Paste);
    QVERIFY(paste->toPlainText().isEmpty());
    QVERIFY(dialog->isReading());
    QVERIFY(waitRead(dialog));
    QCOMPARE(dialog->result().lineCount, 200001);
    QCOMPARE(dialog->result().count(ImportEntry::Outcome::Unknown), 200000);
    QCOMPARE(dialog->userIdsToOptOut(), QStringList {user.id});
    QVERIFY(source->text().contains(QStringLiteral("too long to show")));
    QCOMPARE(confirm->text(), QStringLiteral("Opt out 1 user"));
    // Typing afterwards starts a new list from what is typed.
    QTest::keyClicks(paste, QStringLiteral("nobody@unknown.example"));
    QTRY_COMPARE(dialog->result().lineCount, 1);
    QCOMPARE(dialog->result().count(ImportEntry::Outcome::Unknown), 1);
}

void TestImport::menuItemOnlyForAdministratorsWithLoadedLists()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kUser, &m_languages);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::NotProductAdmin,
                             20000);
    QVERIFY(importAction());
    QVERIFY(!importAction()->isEnabled());
    importAction()->trigger();
    QVERIFY(!m_session->window->importDialog());
    m_session.reset();

    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &m_languages);
    QVERIFY(!importAction()->isEnabled()); // signing in: nothing loaded yet
    QVERIFY(waitSynced());
    QVERIFY(importAction()->isEnabled());
    QVERIFY(openDialog());
    // Signed out: the dialog, which spoke of that organisation, closes.
    m_session->window->clearSession();
    QTRY_VERIFY(!m_session->window->importDialog());
}

QTEST_MAIN(TestImport)
#include "tst_import.moc"
