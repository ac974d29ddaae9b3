// Choosing a user by typing, in the real MainWindow against the real optout-server: homonyms in
// the opt-out picker, and History's "History of:" field, which picks by the same rules.
#include "guitestsession.h"
#include "historydock.h"
#include "historymodel.h"
#include "messagepresenter.h"
#include "testserver.h"
#include "userpicker.h"
#include "usersearchmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

void pressKey(QWidget *widget, Qt::Key key)
{
    QWidget *popup = QApplication::activePopupWidget();
    QTest::keyClick(popup ? popup : widget, key);
}

} // namespace

class TestUserPicking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void homonymsAfterTheWholeName();
    void historyEnterPicksTheMatch();
    void historyUnpickedTextFiltersNothing();
    void listOpensWithoutSearchingEveryLabel();

private:
    QString idOf(const QString &email) const;
    QLineEdit *historyUserEdit() const;

    TestServer m_server;
    std::unique_ptr<GuiTestSession> m_session;
};

void TestUserPicking::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("3")}));
    m_server.stop();
    // Homonyms as a directory has them: the later ones get a number in their address, which
    // sorts them before the plain one.
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("users.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\n"
              "jorien.dijkstra@example.org,Jorien Dijkstra,user\n"
              "jorien.dijkstra1@example.org,Jorien Dijkstra,user\n"
              "jorien.dijkstra2@example.org,Jorien Dijkstra,user\n"
              "jorien.vandijk@example.org,Jorien van Dijk,user\n"
              "zoe.visser10380@example.org,Zoë Visser,user\n"
              "zoe.visser@example.org,Zoë Visser,user\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QVERIFY(m_server.restart({QStringLiteral("--demo")}));
}

void TestUserPicking::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin");
    QVERIFY(QTest::qWaitFor(
        [this] { return m_session->sync.state() == SyncController::State::Synced; }, 20000));
    QVERIFY(!idOf(QStringLiteral("zoe.visser@example.org")).isEmpty());
}

void TestUserPicking::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

QString TestUserPicking::idOf(const QString &email) const
{
    for (int row = 0; row < m_session->users.rowCount(); ++row) {
        if (m_session->users.userAt(row).email == email)
            return m_session->users.userAt(row).id;
    }
    return {};
}

QLineEdit *TestUserPicking::historyUserEdit() const
{
    return m_session->window->historyDock()->findChild<QLineEdit *>(
        QStringLiteral("historyUserEdit"));
}

// "jorien dijk" lists Jorien van Dijk first; "visser zoe" then Enter picks zoe.visser@, not the
// homonym zoe.visser10380@ that sorts before it.
void TestUserPicking::homonymsAfterTheWholeName()
{
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("jorien dijk"));
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 4);
    QVERIFY2(popup->currentIndex().data().toString().contains(u"jorien.vandijk@"),
             qPrintable(popup->currentIndex().data().toString()));
    pressKey(combo->lineEdit(), Qt::Key_Escape);
    combo->lineEdit()->clear();

    QTest::keyClicks(combo->lineEdit(), QStringLiteral("visser zoe"));
    QTRY_VERIFY(popup->isVisible());
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(picker->pickedUserId(), idOf(QStringLiteral("zoe.visser@example.org")));
}

// Enter on the single match of "History of:" picks it and filters the history, as in the picker.
void TestUserPicking::historyEnterPicksTheMatch()
{
    m_session->window->historyAction()->trigger();
    HistoryDock *dock = m_session->window->historyDock();
    QTRY_VERIFY(dock->isVisible());
    QLineEdit *edit = historyUserEdit();
    QVERIFY(edit);
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("jorien.vandijk"));
    pressKey(edit, Qt::Key_Return);
    QTRY_COMPARE(m_session->history.filter().userId,
                 idOf(QStringLiteral("jorien.vandijk@example.org")));
    QVERIFY2(edit->text().contains(u"jorien.vandijk@example.org"), qPrintable(edit->text()));
}

// Text that picked nobody says that the history is not filtered by it, and Export refuses to
// write everyone's history under a name.
void TestUserPicking::historyUnpickedTextFiltersNothing()
{
    m_session->window->historyAction()->trigger();
    HistoryDock *dock = m_session->window->historyDock();
    QTRY_VERIFY(dock->isVisible());
    QLineEdit *edit = historyUserEdit();
    QVERIFY(edit);
    auto *notice = dock->findChild<QLabel *>(QStringLiteral("historyUserNotice"));
    QVERIFY(notice);
    QVERIFY(notice->isHidden());
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("Jorien"));
    pressKey(edit, Qt::Key_Escape);
    QVERIFY(m_session->history.filter().userId.isEmpty());
    QTRY_VERIFY(notice->isVisible());
    QVERIFY2(notice->text().contains(u"Jorien"), qPrintable(notice->text()));
    QSignalSpy exports(dock, &HistoryDock::exportRequested);
    dock->exportButton()->click();
    QCOMPARE(exports.count(), 0);
    // Picked, the notice goes and the history is that user's.
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("zoe.visser@"));
    pressKey(edit, Qt::Key_Return);
    QTRY_COMPARE(m_session->history.filter().userId,
                 idOf(QStringLiteral("zoe.visser@example.org")));
    QVERIFY(notice->isHidden());
    // What Export would write (clicked, it opens the save dialog).
    AuditFilter filter;
    QString error;
    QVERIFY(dock->currentFilter(&filter, &error));
    QCOMPARE(filter.userId, idOf(QStringLiteral("zoe.visser@example.org")));
    // Cleared, nothing is filtered and nothing needs saying.
    edit->clear();
    QTRY_VERIFY(m_session->history.filter().userId.isEmpty());
    QVERIFY(notice->isHidden());
}

// The first keystroke opens the list of matches. Opening it must not end the field's editing:
// QComboBox answers editingFinished by looking the text up among every user's label
// (findText over 100,000 "Name <email>" strings, most of the first keystroke's time).
void TestUserPicking::listOpensWithoutSearchingEveryLabel()
{
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    QAbstractItemView *popup = picker->completer()->popup();
    combo->setFocus();
    QSignalSpy finished(combo->lineEdit(), &QLineEdit::editingFinished);
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("j"));
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(finished.count(), 0);
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("orien"));
    QVERIFY(popup->isVisible());
    QCOMPARE(finished.count(), 0);
    QCOMPARE(combo->lineEdit()->text(), QStringLiteral("jorien"));
    pressKey(combo->lineEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());
}

QTEST_MAIN(TestUserPicking)
#include "tst_userpicking.moc"
