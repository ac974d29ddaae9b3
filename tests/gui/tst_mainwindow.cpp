// Drives the real MainWindow against the real optout-server: pick, opt out, check, opt in,
// refresh, non-admins, keyboard and accessibility.
#include "guitestsession.h"
#include "testserver.h"

#include "checkboxheader.h"
#include "contexthelp.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutproxymodel.h"
#include "usagedebuggerdock.h"
#include "usageeventlogmodel.h"
#include "userpicker.h"
#include "usersearchmodel.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDialog>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QWheelEvent>

#include <memory>

using namespace std::chrono_literals;

namespace {
const QByteArray kAdmin = QByteArrayLiteral("demo-admin");
const QByteArray kUser = QByteArrayLiteral("demo-user");

QString stripMnemonic(QString text)
{
    return text.remove(QLatin1Char('&'));
}

// Types text a key at a time, accents included (QTest::keyClicks knows ASCII only).
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        const auto key = c.isLetterOrNumber() && c.unicode() < 0x80
            ? Qt::Key(c.toUpper().unicode())
            : (c == QLatin1Char(' ') ? Qt::Key_Space : Qt::Key_unknown);
        QTest::sendKeyEvent(QTest::Press, widget, key, QString(c), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, widget, key, QString(c), Qt::NoModifier);
    }
}

// A key press goes where the application would deliver it: to an open popup (the search
// results) first, else to `widget`.
void pressKey(QWidget *widget, Qt::Key key)
{
    QWidget *popup = QApplication::activePopupWidget();
    QTest::keyClick(popup ? popup : widget, key);
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void showsThePageToAnAdmin();
    void optOutFromTheDropDown();
    void optedOutUsersCannotBeChosen();
    void arrowKeysAndEnterPickTheHighlightedUser();
    void keysAfterAQueryMatchingNobodyPickNobody_data();
    void keysAfterAQueryMatchingNobodyPickNobody();
    void wheelOverTheClosedPickerPicksNobody();
    void leavingTheFieldPicksNobody();
    void searchFindsWordsInAnyOrder();
    void downOnAnEmptyFieldOpensTheWholeList();
    void optInCheckedUsersInOneGo();
    void headerChecksAllShownRows();
    void spaceTogglesTheCurrentRow();
    void filterAndSort();
    void refreshShowsAnotherAdminsChange();
    void nonAdminSeesOnlyTheExplanation();
    void labelsNameTheirControls();
    void contextHelp();
    void refusedActionIsRolledBackWithAMessage();
    void serverDownKeepsTheWindowUsable();
    void unreachableServiceOffersAnotherSignIn();
    void switchesLanguageAtRunTime();
    void aboutBox();
    void usageTrackingFromTheWindow();

private:
    // Users of the demo organisation as the service lists them, and the opted-out ids.
    QList<QJsonObject> serverUsers() const;
    QSet<QString> serverOptOutIds() const;
    // A user not opted out yet, not yet used by another test.
    QJsonObject freshUser();
    // Table rows (through the proxy) whose email column is `email`.
    int tableRowOf(const QString &email) const;
    bool waitSynced();

    TestServer m_server;
    std::unique_ptr<GuiTestSession> m_session;
    QSet<QString> m_used;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("50")}));
}

void TestMainWindow::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin);
}

void TestMainWindow::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

bool TestMainWindow::waitSynced()
{
    return QTest::qWaitFor(
        [this]() { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
}

QList<QJsonObject> TestMainWindow::serverUsers() const
{
    const HttpResult r
        = m_server.request("GET", QStringLiteral("/api/v1/users?pageSize=5000"), kAdmin);
    QList<QJsonObject> users;
    const QJsonArray array = r.json().object().value(QStringLiteral("users")).toArray();
    for (const auto &v : array)
        users.append(v.toObject());
    return users;
}

QSet<QString> TestMainWindow::serverOptOutIds() const
{
    const HttpResult r = m_server.request("GET", QStringLiteral("/api/v1/optouts"), kAdmin);
    QSet<QString> ids;
    const QJsonArray array = r.json().object().value(QStringLiteral("optOuts")).toArray();
    for (const auto &v : array)
        ids.insert(v.toObject()
                       .value(QStringLiteral("user"))
                       .toObject()
                       .value(QStringLiteral("id"))
                       .toString());
    return ids;
}

QJsonObject TestMainWindow::freshUser()
{
    const QSet<QString> out = serverOptOutIds();
    const QList<QJsonObject> users = serverUsers();
    for (const QJsonObject &u : users) {
        const QString id = u.value(QStringLiteral("id")).toString();
        const QString email = u.value(QStringLiteral("email")).toString();
        // Not the signed-in administrator, not one the other tests touched.
        if (!out.contains(id) && !m_used.contains(id) && email != QLatin1String("admin@example.com")
            && email != QLatin1String("user@example.com")) {
            m_used.insert(id);
            return u;
        }
    }
    return {};
}

int TestMainWindow::tableRowOf(const QString &email) const
{
    const auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    const QAbstractItemModel *model = table->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, OptOutModel::EmailColumn).data().toString() == email)
            return row;
    }
    return -1;
}

void TestMainWindow::showsThePageToAnAdmin()
{
    QVERIFY(waitSynced());
    auto *stack = m_session->find<QStackedWidget>(QStringLiteral("pageStack"));
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("optOutPage"));
    auto *crumb = m_session->find<QLabel>(QStringLiteral("breadcrumbLabel"));
    QCOMPARE(crumb->text(),
             QStringLiteral("Customer Journey Analytics > Tools > Product usage > "
                            "Opt-out settings"));
    QCOMPARE(m_session->find<QLabel>(QStringLiteral("titleLabel"))->text(),
             QStringLiteral("Opt-out settings"));
    // The window manager shows "<title> — <display name>": the page, then where it is.
    QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("Opt-out settings"));
    QVERIFY(m_session->window->windowTitle().contains(m_session->sync.me().orgName));
    QVERIFY(!m_session->find<QLabel>(QStringLiteral("descriptionLabel"))->text().isEmpty());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    QCOMPARE(combo->count(), serverUsers().size());
    QCOMPARE(combo->currentIndex(), -1);
    QVERIFY(!m_session->find<QPushButton>(QStringLiteral("optOutButton"))->isEnabled());
    auto *optIn = m_session->find<QPushButton>(QStringLiteral("optInButton"));
    QVERIFY(!optIn->isEnabled());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QCOMPARE(table->model()->rowCount(), serverOptOutIds().size());
    QVERIFY(m_session->find<QLabel>(QStringLiteral("syncStatusLabel"))
                ->text()
                .startsWith(QStringLiteral("Synced at")));
}

void TestMainWindow::optOutFromTheDropDown()
{
    QVERIFY(waitSynced());
    const QJsonObject user = freshUser();
    QVERIFY(!user.isEmpty());
    const QString id = user.value(QStringLiteral("id")).toString();
    const QString email = user.value(QStringLiteral("email")).toString();
    QCOMPARE(tableRowOf(email), -1);

    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    combo->setFocus();
    // Type the email (the search is on name or email), then Enter picks the match.
    QTest::keyClicks(combo->lineEdit(), email);
    QVERIFY(!button->isEnabled());
    // The search results list the one match.
    QTRY_VERIFY(m_session->window->userPicker()->completer()->popup()->isVisible());
    QCOMPARE(m_session->window->userPicker()->searchModel()->rowCount(), 1);
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QCOMPARE(m_session->window->userPicker()->pickedUserId(), id);
    QVERIFY(combo->lineEdit()->text().contains(email));
    QVERIFY(button->isEnabled());

    QTest::mouseClick(button, Qt::LeftButton);
    // Optimistic: the row is there at once, and the drop-down is free again.
    QVERIFY(tableRowOf(email) >= 0);
    QVERIFY(!button->isEnabled());
    QVERIFY(combo->lineEdit()->text().isEmpty());
    // Confirmed by the service: the note about the debugger shows.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->window->noteText().contains(QStringLiteral("debugger")),
                             15000);
    QVERIFY(m_session->window->noteText().contains(user.value(QStringLiteral("name")).toString()));
    QVERIFY(m_session->window->noteText().contains(QStringLiteral("discards")));
    QVERIFY(serverOptOutIds().contains(id));
    const int row = tableRowOf(email);
    QVERIFY(row >= 0);
    const auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QCOMPARE(table->model()->index(row, OptOutModel::OptedOutByColumn).data().toString(),
             QStringLiteral("Ada Admin"));
    QVERIFY(!table->model()->index(row, OptOutModel::OptedOutAtColumn).data().toString().isEmpty());
}

void TestMainWindow::optedOutUsersCannotBeChosen()
{
    QVERIFY(waitSynced());
    const QSet<QString> out = serverOptOutIds();
    QVERIFY(!out.isEmpty());
    const QString id = *out.constBegin();
    const User *user = m_session->users.userById(id);
    QVERIFY(user);

    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    // Disabled in the drop-down's list.
    const int row = m_session->users.rowOfKey(id);
    QVERIFY(!(combo->model()->index(row, 0).flags() & Qt::ItemIsEnabled));
    // Not choosable by typing it and pressing Enter, nor programmatically.
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), user->email);
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QVERIFY(m_session->window->userPicker()->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
    QVERIFY(!m_session->window->userPicker()->pickUser(id));
    QVERIFY(!button->isEnabled());
}

void TestMainWindow::arrowKeysAndEnterPickTheHighlightedUser()
{
    QVERIFY(waitSynced());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    combo->setFocus();
    // Every demo address matches: many results, accents and case ignored.
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("EXAMPLE.COM"));
    QTRY_VERIFY(picker->completer()->popup()->isVisible());
    QVERIFY(picker->searchModel()->rowCount() > 10);
    QAbstractItemView *popup = picker->completer()->popup();
    pressKey(combo->lineEdit(), Qt::Key_Down);
    pressKey(combo->lineEdit(), Qt::Key_Down);
    const QModelIndex highlighted = popup->currentIndex();
    QVERIFY(highlighted.isValid());
    QVERIFY(highlighted.flags() & Qt::ItemIsEnabled);
    const QString label = highlighted.data().toString();
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QVERIFY(!popup->isVisible());
    QVERIFY(!picker->pickedUserId().isEmpty());
    const User *user = m_session->users.userById(picker->pickedUserId());
    QVERIFY(user);
    QVERIFY2(label.contains(user->email), qPrintable(label));
    QCOMPARE(combo->lineEdit()->text(), label);
    QVERIFY(m_session->find<QPushButton>(QStringLiteral("optOutButton"))->isEnabled());

    // Typing again drops the choice until a user is picked again.
    QTest::keyClick(combo->lineEdit(), Qt::Key_Backspace);
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!m_session->find<QPushButton>(QStringLiteral("optOutButton"))->isEnabled());
}

void TestMainWindow::keysAfterAQueryMatchingNobodyPickNobody_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("nobody") << QStringLiteral("nobody");
    QTest::newRow("zoe vermeulen99") << QStringLiteral("zoe vermeulen99");
}

void TestMainWindow::keysAfterAQueryMatchingNobodyPickNobody()
{
    QFETCH(QString, query);
    QVERIFY(waitSynced());
    QApplication::setActiveWindow(m_session->window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_session->window.get()));
    const QSet<QString> before = serverOptOutIds();
    const int tableRows
        = m_session->find<QTableView>(QStringLiteral("optOutTable"))->model()->rowCount();
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    UserPicker *picker = m_session->window->userPicker();
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), query);
    QCOMPARE(picker->searchModel()->rowCount(), 0);
    // Down, then Tab to the next control, then Space, as a new administrator would.
    pressKey(combo->lineEdit(), Qt::Key_Down);
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
    QCOMPARE(combo->currentIndex(), -1);
    // The list says that nobody matches.
    QAbstractItemView *popup = picker->completer()->popup();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->model()->rowCount(), 1);
    QCOMPARE(popup->model()->index(0, 0).data().toString(),
             QStringLiteral("No user matches “%1”").arg(query));
    QVERIFY(!(popup->model()->index(0, 0).flags() & Qt::ItemIsEnabled));
    pressKey(combo->lineEdit(), Qt::Key_Tab);
    QVERIFY(QApplication::focusWidget());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
    QCOMPARE(m_session->sync.pendingCount(), 0);
    QCOMPARE(m_session->find<QTableView>(QStringLiteral("optOutTable"))->model()->rowCount(),
             tableRows);
    QTest::qWait(300);
    QCOMPARE(serverOptOutIds(), before);
}

void TestMainWindow::wheelOverTheClosedPickerPicksNobody()
{
    QVERIFY(waitSynced());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    UserPicker *picker = m_session->window->userPicker();
    // Two notches while scrolling the page, one over the field, one over the arrow.
    for (QWidget *under :
         {static_cast<QWidget *>(combo->lineEdit()), static_cast<QWidget *>(combo)}) {
        const QPoint at = under == combo ? QPoint(combo->width() - 5, combo->height() / 2)
                                         : under->rect().center();
        QWheelEvent wheel(at, under->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(under, &wheel);
    }
    QCOMPARE(combo->currentIndex(), -1);
    QVERIFY(combo->lineEdit()->text().isEmpty());
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
}

void TestMainWindow::leavingTheFieldPicksNobody()
{
    QVERIFY(waitSynced());
    QApplication::setActiveWindow(m_session->window.get());
    QVERIFY(QTest::qWaitForWindowActive(m_session->window.get()));
    const QJsonObject user = freshUser();
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    UserPicker *picker = m_session->window->userPicker();
    // The whole "Name <email>" typed out, then Tab: typed text is not a choice.
    const QString label
        = QStringLiteral("%1 <%2>").arg(user.value(QStringLiteral("name")).toString(),
                                        user.value(QStringLiteral("email")).toString());
    combo->setFocus();
    typeText(combo->lineEdit(), label);
    pressKey(combo->lineEdit(), Qt::Key_Tab);
    QVERIFY(!combo->lineEdit()->hasFocus());
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
    QCOMPARE(combo->lineEdit()->text(), label);

    // Picked from the list, then edited: the pick is dropped.
    combo->setFocus();
    QTRY_VERIFY(picker->completer()->popup()->isVisible() || combo->lineEdit()->hasFocus());
    QVERIFY(picker->pickUser(user.value(QStringLiteral("id")).toString()));
    QVERIFY(button->isEnabled());
    combo->lineEdit()->end(false);
    QTest::keyClicks(combo->lineEdit(), QStringLiteral("x"));
    QVERIFY(picker->pickedUserId().isEmpty());
    QVERIFY(!button->isEnabled());
}

void TestMainWindow::searchFindsWordsInAnyOrder()
{
    QVERIFY(waitSynced());
    const User *someone = nullptr;
    for (int row = 0; row < m_session->users.rowCount() && !someone; ++row) {
        if (m_session->users.userAt(row).name.count(QLatin1Char(' ')) == 1)
            someone = &m_session->users.userAt(row);
    }
    QVERIFY(someone);
    const QStringList words = someone->name.split(QLatin1Char(' '));
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    UserPicker *picker = m_session->window->userPicker();
    combo->setFocus();
    // Family name first, lower case, given name shortened.
    typeText(combo->lineEdit(), words.at(1).toLower() + QLatin1Char(' ') + words.at(0).left(2));
    QTRY_VERIFY(picker->completer()->popup()->isVisible());
    QAbstractItemView *popup = picker->completer()->popup();
    bool found = false;
    for (int row = 0; row < popup->model()->rowCount(); ++row)
        found = found || popup->model()->index(row, 0).data().toString().contains(someone->email);
    QVERIFY2(found, qPrintable(someone->name));
    // The best match is highlighted, and Enter picks it.
    QVERIFY(popup->selectionModel()->isSelected(popup->currentIndex()));
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QVERIFY(!picker->pickedUserId().isEmpty());
}

void TestMainWindow::downOnAnEmptyFieldOpensTheWholeList()
{
    QVERIFY(waitSynced());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *button = m_session->find<QPushButton>(QStringLiteral("optOutButton"));
    UserPicker *picker = m_session->window->userPicker();
    combo->setFocus();
    // Down opens the list of every user; it picks nobody by itself.
    QTest::keyClick(combo->lineEdit(), Qt::Key_Down);
    QTRY_VERIFY(combo->view()->isVisible());
    QCOMPARE(combo->currentIndex(), -1);
    QVERIFY(picker->pickedUserId().isEmpty());
    // Moving in the list and pressing Enter is a choice.
    int row = 0;
    while (!(combo->model()->index(row, 0).flags() & Qt::ItemIsEnabled))
        ++row;
    combo->view()->setCurrentIndex(combo->model()->index(row, 0));
    QTest::keyClick(combo->view(), Qt::Key_Return);
    QTRY_VERIFY(!combo->view()->isVisible());
    QCOMPARE(picker->pickedUserId(), m_session->users.userAt(row).id);
    QVERIFY(button->isEnabled());
    // Down again: the whole list, the pick highlighted and kept.
    QTest::keyClick(combo->lineEdit(), Qt::Key_Down);
    QTRY_VERIFY(combo->view()->isVisible());
    QCOMPARE(combo->view()->currentIndex().row(), row);
    QCOMPARE(picker->pickedUserId(), m_session->users.userAt(row).id);
    QTest::keyClick(combo->view(), Qt::Key_Escape);
    QTRY_VERIFY(!combo->view()->isVisible());
    QCOMPARE(picker->pickedUserId(), m_session->users.userAt(row).id);
    QVERIFY(button->isEnabled());
    picker->clear();
}

void TestMainWindow::optInCheckedUsersInOneGo()
{
    QVERIFY(waitSynced());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    auto *optIn = m_session->find<QPushButton>(QStringLiteral("optInButton"));
    QAbstractItemModel *model = table->model();
    QVERIFY(model->rowCount() >= 2);

    // Check two rows by clicking their boxes.
    QStringList ids;
    for (int row : {0, 1}) {
        const QModelIndex box = model->index(row, OptOutModel::CheckColumn);
        ids << box.data(OptOutModel::UserIdRole).toString();
        const QRect rect = table->visualRect(box);
        // The check indicator sits at the left of the cell.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          QPoint(rect.left() + rect.width() / 2, rect.center().y()));
        QTRY_COMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    }
    QVERIFY(optIn->isEnabled());
    QCOMPARE(stripMnemonic(optIn->text()), QStringLiteral("Opt-in (2)"));
    QCOMPARE(m_session->window->tableHeader()->checkState(), Qt::PartiallyChecked);

    const int before = model->rowCount();
    QTest::mouseClick(optIn, Qt::LeftButton);
    // Two users: asked first.
    auto *dialog = m_session->find<QDialog>(QStringLiteral("confirmChangeDialog"));
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                      Qt::LeftButton);
    // Marked at once (optimistic), gone when the service agrees; then the note says so.
    QCOMPARE(model->rowCount(), before);
    QVERIFY(m_session->optOuts.isLeavingAt(m_session->optOuts.rowOfKey(ids.constFirst())));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.pendingCount() == 0, 15000);
    QCOMPARE(model->rowCount(), before - 2);
    QTRY_VERIFY(m_session->window->noteText().startsWith(QStringLiteral("2 user")));
    QVERIFY(m_session->window->noteText().endsWith(
        QStringLiteral("included in product usage tracking again.")));
    const QSet<QString> out = serverOptOutIds();
    for (const QString &id : std::as_const(ids))
        QVERIFY2(!out.contains(id), qPrintable(id));
    QCOMPARE(model->rowCount(), out.size());
    QVERIFY(!optIn->isEnabled());
    QCOMPARE(stripMnemonic(optIn->text()), QStringLiteral("Opt-in"));
    // The users can be chosen again.
    QVERIFY(m_session->window->userPicker()->pickUser(ids.constFirst()));
}

void TestMainWindow::headerChecksAllShownRows()
{
    QVERIFY(waitSynced());
    // Make sure there are a few rows to check.
    for (int i = 0; i < 3; ++i) {
        const QString id = freshUser().value(QStringLiteral("id")).toString();
        QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, kAdmin).status,
                 201);
    }
    m_session->sync.refresh();
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), serverOptOutIds().size(), 15000);
    CheckBoxHeader *header = m_session->window->tableHeader();
    auto *optIn = m_session->find<QPushButton>(QStringLiteral("optInButton"));
    const int rows = table->model()->rowCount();
    QVERIFY(rows >= 3);

    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, header->checkBoxRect().center());
    QCOMPARE(header->checkState(), Qt::Checked);
    QCOMPARE(m_session->optOuts.checkedCount(), rows);
    QCOMPARE(stripMnemonic(optIn->text()), QStringLiteral("Opt-in (%1)").arg(rows));
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, header->checkBoxRect().center());
    QCOMPARE(header->checkState(), Qt::Unchecked);
    QCOMPARE(m_session->optOuts.checkedCount(), 0);

    // With a filter, the box checks the rows shown only.
    const QString email = table->model()->index(0, OptOutModel::EmailColumn).data().toString();
    auto *filter = m_session->find<QLineEdit>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, email);
    QCOMPARE(table->model()->rowCount(), 1);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, header->checkBoxRect().center());
    QCOMPARE(m_session->optOuts.checkedCount(), 1);
    QCOMPARE(header->checkState(), Qt::Checked);
    filter->clear();
    QCOMPARE(table->model()->rowCount(), rows);
    QCOMPARE(header->checkState(), Qt::PartiallyChecked);
}

void TestMainWindow::spaceTogglesTheCurrentRow()
{
    QVERIFY(waitSynced());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QVERIFY(table->model()->rowCount() >= 1);
    table->setFocus();
    // The current cell is a text cell, not the box: Space still checks the row.
    table->setCurrentIndex(table->model()->index(0, OptOutModel::EmailColumn));
    const QModelIndex box = table->model()->index(0, OptOutModel::CheckColumn);
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(m_session->optOuts.checkedCount(), 1);
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
}

void TestMainWindow::filterAndSort()
{
    QVERIFY(waitSynced());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QAbstractItemModel *model = table->model();
    QVERIFY(model->rowCount() >= 2);

    // Sort by name by clicking the header, both ways.
    QHeaderView *header = table->horizontalHeader();
    const int x = header->sectionViewportPosition(OptOutModel::NameColumn) + 20;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(OptOutModel::NameColumn));
    auto names = [model]() {
        QStringList list;
        for (int row = 0; row < model->rowCount(); ++row)
            list << model->index(row, OptOutModel::NameColumn).data().toString();
        return list;
    };
    const QStringList first = names();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    QStringList reversed = names();
    std::reverse(reversed.begin(), reversed.end());
    QCOMPARE(reversed, first);
    QVERIFY(first != names());

    // Every other column sorts too.
    for (int column : {int(OptOutModel::EmailColumn), int(OptOutModel::OptedOutAtColumn),
                       int(OptOutModel::OptedOutByColumn)}) {
        const int cx = header->sectionViewportPosition(column) + 20;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(cx, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), column);
    }

    // The filter keeps rows whose name or email matches, accents ignored.
    const QString name = first.constFirst();
    auto *filter = m_session->find<QLineEdit>(QStringLiteral("filterEdit"));
    QTest::keyClicks(filter, name.left(4).toUpper());
    QVERIFY(model->rowCount() >= 1);
    QVERIFY(model->rowCount() < first.size() || first.size() == 1);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString text = model->index(row, OptOutModel::NameColumn).data().toString()
            + model->index(row, OptOutModel::EmailColumn).data().toString();
        QVERIFY(!text.isEmpty());
    }
    filter->clear();
    QCOMPARE(model->rowCount(), first.size());
}

void TestMainWindow::refreshShowsAnotherAdminsChange()
{
    QVERIFY(waitSynced());
    // F5's own refresh, as while the live changes are down (those: tst_livechanges).
    m_session->sync.setLiveChanges(false);
    const QJsonObject user = freshUser();
    const QString email = user.value(QStringLiteral("email")).toString();
    QCOMPARE(tableRowOf(email), -1);
    // Another administrator's session opts the user out through the API.
    const HttpResult put = m_server.request(
        "PUT", QStringLiteral("/api/v1/optouts/") + user.value(QStringLiteral("id")).toString(),
        kAdmin);
    QCOMPARE(put.status, 201);
    QCOMPARE(tableRowOf(email), -1);
    // F5 refreshes.
    m_session->window->activateWindow();
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(tableRowOf(email) >= 0, 15000);
    // And the user can no longer be chosen in the drop-down.
    const int row = m_session->users.rowOfKey(user.value(QStringLiteral("id")).toString());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    QTRY_VERIFY(!(combo->model()->index(row, 0).flags() & Qt::ItemIsEnabled));

    // An opt-in by the other administrator disappears after a refresh too.
    QCOMPARE(m_server
                 .request("DELETE",
                          QStringLiteral("/api/v1/optouts/")
                              + user.value(QStringLiteral("id")).toString(),
                          kAdmin)
                 .status,
             204);
    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(tableRowOf(email) < 0, 15000);
}

void TestMainWindow::nonAdminSeesOnlyTheExplanation()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kUser);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::NotProductAdmin,
                             15000);
    auto *stack = m_session->find<QStackedWidget>(QStringLiteral("pageStack"));
    QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("notAdminPage"));
    auto *label = m_session->find<QLabel>(QStringLiteral("notAdminLabel"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Only product administrators can see this page."));
    for (const char *name : {"userCombo", "optOutButton", "optOutTable", "optInButton",
                             "filterEdit", "helpButton", "breadcrumbLabel"}) {
        auto *w = m_session->find<QWidget>(QString::fromLatin1(name));
        QVERIFY2(w && !w->isVisible(), name);
    }
    QCOMPARE(m_session->users.rowCount(), 0);
    QCOMPARE(m_session->optOuts.rowCount(), 0);
}

void TestMainWindow::labelsNameTheirControls()
{
    QVERIFY(waitSynced());
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    auto *filter = m_session->find<QLineEdit>(QStringLiteral("filterEdit"));
    QCOMPARE(m_session->find<QLabel>(QStringLiteral("userLabel"))->buddy(), combo);
    QCOMPARE(m_session->find<QLabel>(QStringLiteral("tableLabel"))->buddy(), table);
    QCOMPARE(m_session->find<QLabel>(QStringLiteral("filterLabel"))->buddy(), filter);

    QAccessibleInterface *comboAcc = QAccessible::queryAccessibleInterface(combo);
    QVERIFY(comboAcc);
    QCOMPARE(comboAcc->text(QAccessible::Name), QStringLiteral("Opt-out user"));
    QAccessibleInterface *tableAcc = QAccessible::queryAccessibleInterface(table);
    QVERIFY(tableAcc);
    QCOMPARE(tableAcc->text(QAccessible::Name), QStringLiteral("Opt-out user list"));

    // Mnemonics move the focus to the labelled controls.
    m_session->window->activateWindow();
    QTest::keyClick(m_session->window.get(), Qt::Key_L, Qt::AltModifier);
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(m_session->window.get(), Qt::Key_U, Qt::AltModifier);
    QTRY_VERIFY(combo->hasFocus() || combo->lineEdit()->hasFocus());

    // Tab order: drop-down, Opt-out, filter, table, Opt-in.
    QWidget *optOut = m_session->find<QWidget>(QStringLiteral("optOutButton"));
    QWidget *optIn = m_session->find<QWidget>(QStringLiteral("optInButton"));
    QWidget *w = combo;
    QStringList order;
    for (int i = 0; i < 12 && order.size() < 5; ++i) {
        w = w->nextInFocusChain();
        if (w == optOut || w == filter || w == table || w == optIn)
            order << w->objectName();
    }
    QCOMPARE(order.mid(0, 4),
             (QStringList {QStringLiteral("optOutButton"), QStringLiteral("filterEdit"),
                           QStringLiteral("optOutTable"), QStringLiteral("optInButton")}));
}

void TestMainWindow::contextHelp()
{
    QVERIFY(waitSynced());
    auto *help = m_session->find<QToolButton>(QStringLiteral("helpButton"));
    QCOMPARE(help->property("helpIds").toStringList(),
             (QStringList {QStringLiteral("cja_product_usage_opt_out_settings"),
                           QStringLiteral("product_usage_opt_out_settings")}));
    QTest::mouseClick(help, Qt::LeftButton);
    ContextHelpPopup *popup = m_session->window->contextHelp();
    QTRY_VERIFY(popup->isVisible());
    QCOMPARE(popup->title(), QStringLiteral("Opt out users"));
    QCOMPARE(popup->text(), QStringLiteral("Exclude users from product usage tracking."));
    QCOMPARE(popup->property("helpIds").toStringList(), help->property("helpIds").toStringList());
    popup->close();
}

void TestMainWindow::refusedActionIsRolledBackWithAMessage()
{
    QVERIFY(waitSynced());
    // A user the service does not know: it refuses (404), the row goes, a message stays.
    const int before = m_session->optOuts.rowCount();
    m_session->sync.optOut(QStringLiteral("u-does-not-exist"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->window->errorText().isEmpty(), 15000);
    QTRY_COMPARE(m_session->optOuts.rowCount(), before);
    QVERIFY(m_session->window->isEnabled());
    QVERIFY(m_session->find<QWidget>(QStringLiteral("errorBar"))->isVisible());
}

void TestMainWindow::serverDownKeepsTheWindowUsable()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
    m_session = std::make_unique<GuiTestSession>(server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const int rows = m_session->optOuts.rowCount();
    server.stop();

    QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.state() == SyncController::State::Offline, 15000);
    auto *status = m_session->find<QLabel>(QStringLiteral("syncStatusLabel"));
    QVERIFY2(status->text().startsWith(QStringLiteral("Offline")), qPrintable(status->text()));
    QTRY_VERIFY(!m_session->window->errorText().isEmpty());
    QVERIFY(m_session->find<QWidget>(QStringLiteral("errorRetryButton"))->isVisible());

    // Still usable: an opt-out is kept, shown at once and marked pending.
    QString id;
    for (int row = 0; row < m_session->users.rowCount() && id.isEmpty(); ++row) {
        const User &user = m_session->users.userAt(row);
        if (!m_session->users.isOptedOut(user.id) && user.id != m_session->sync.me().id)
            id = user.id;
    }
    QVERIFY(m_session->window->userPicker()->pickUser(id));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    QCOMPARE(m_session->optOuts.rowCount(), rows + 1);
    const int row = m_session->optOuts.rowOfKey(id);
    QVERIFY(m_session->optOuts.isPendingAt(row));
    QTRY_VERIFY(status->text().contains(QStringLiteral("1 change")));
    // Not confirmed: no note claims the user is out.
    QVERIFY(!m_session->window->noteText().contains(QStringLiteral("is opted out")));
    QVERIFY(m_session->window->noteText().contains(QStringLiteral("as soon as the service")));
    // Signed in, the window is not offering another sign-in.
    QVERIFY(!m_session->find<QWidget>(QStringLiteral("errorSignInButton"))->isVisible());
}

// Defect 5: nothing listens at the address: the message names it, the window stops trying and
// offers to change it.
void TestMainWindow::unreachableServiceOffersAnotherSignIn()
{
    TestServer server;
    QVERIFY(server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
    const QUrl url = server.baseUrl();
    server.stop(); // nothing listens there any more
    m_session = std::make_unique<GuiTestSession>(url, kAdmin);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->window->errorText().isEmpty(), 15000);
    QVERIFY2(m_session->window->errorText().contains(url.toDisplayString()),
             qPrintable(m_session->window->errorText()));
    auto *again = m_session->find<QPushButton>(QStringLiteral("errorSignInButton"));
    QVERIFY(again->isVisible());
    QCOMPARE(stripMnemonic(again->text()), QStringLiteral("Change server…"));
    QVERIFY(m_session->find<QLabel>(QStringLiteral("accountLabel"))->text().isEmpty());
    auto *status = m_session->find<QLabel>(QStringLiteral("syncStatusLabel"));
    QVERIFY(!status->text().contains(QStringLiteral("Signing in")));
    // It stops: the service comes back at the same address, and nothing asks it.
    QVERIFY(server.restartOnSamePort());
    QTest::qWait(1500);
    QVERIFY(m_session->sync.state() != SyncController::State::Synced);
    QCOMPARE(m_session->sync.secondsUntilRetry(), 0);
    QSignalSpy signOut(m_session->window.get(), &MainWindow::signOutRequested);
    QTest::mouseClick(again, Qt::LeftButton);
    QCOMPARE(signOut.size(), 1);
    // File > Change server… too.
    m_session->find<QAction>(QStringLiteral("actionChangeServer"))->trigger();
    QCOMPARE(signOut.size(), 2);
}

void TestMainWindow::switchesLanguageAtRunTime()
{
    LanguageManager languages;
    QVERIFY(languages.setLanguage(QStringLiteral("en")));
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin, &languages);
    QVERIFY(waitSynced());
    auto *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    QVERIFY(table->model()->rowCount() > 0);

    auto *french = m_session->find<QAction>(QStringLiteral("actionLanguage_fr"));
    QVERIFY(french);
    QCOMPARE(french->text(), QStringLiteral("Français"));
    QSignalSpy chosen(m_session->window.get(), &MainWindow::languageChosen);
    french->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(languages.language(), QStringLiteral("fr"));
    QTRY_COMPARE(m_session->window->locale().language(), QLocale::French);
    QVERIFY(french->isChecked());
    QVERIFY(!m_session->find<QAction>(QStringLiteral("actionLanguage_en"))->isChecked());
    // Dates follow the UI language.
    const QModelIndex when = table->model()->index(0, OptOutModel::OptedOutAtColumn);
    const int sourceRow = m_session->window->tableProxy()->mapToSource(when).row();
    const QDateTime at = m_session->optOuts.entryAt(sourceRow).optedOutAt;
    QCOMPARE(when.data().toString(),
             QLocale(QLocale::French).toString(at.toLocalTime(), QLocale::ShortFormat));
    // The French catalogue is embedded: every label follows, the table's accessible name too.
    QVERIFY(languages.hasAppTranslation());
    QTRY_COMPARE(
        m_session->find<QLabel>(QStringLiteral("tableLabel"))->text().remove(QLatin1Char('&')),
        QStringLiteral("Liste d'opt‑out des utilisateurs et utilisatrices"));
    QCOMPARE(table->accessibleName(),
             QStringLiteral("Liste d'opt‑out des utilisateurs et utilisatrices"));
    QCOMPARE(m_session->find<QPushButton>(QStringLiteral("optOutButton"))
                 ->text()
                 .remove(QLatin1Char('&')),
             QStringLiteral("Opt‑out"));
    QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("Paramètres d'opt‑out"));
    QCOMPARE(m_session->find<QLabel>(QStringLiteral("breadcrumbLabel"))->text(),
             QStringLiteral("Customer Journey Analytics > Outils > Utilisation du produit > "
                            "Paramètres d'opt‑out"));

    m_session->find<QAction>(QStringLiteral("actionLanguage_en"))->trigger();
    QTRY_COMPARE(m_session->window->locale().language(), QLocale::English);
    QCOMPARE(stripMnemonic(m_session->find<QLabel>(QStringLiteral("tableLabel"))->text()),
             QStringLiteral("Opt-out user list"));
    QCOMPARE(when.data().toString(),
             QLocale(QLocale::English).toString(at.toLocalTime(), QLocale::ShortFormat));
    QVERIFY(m_session->find<QLabel>(QStringLiteral("breadcrumbLabel"))
                ->text()
                .endsWith(QStringLiteral("Tools > Product usage > Opt-out settings")));
}

void TestMainWindow::aboutBox()
{
    QVERIFY(waitSynced());
    auto *about = m_session->find<QAction>(QStringLiteral("actionAbout"));
    about->trigger();
    const auto messages = MessagePresenter::recorded();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().kind, MessagePresenter::Kind::About);
    QVERIFY(messages.first().text.contains(QStringLiteral(OPTOUT_VERSION)));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// The app's own usage tracking as the window drives it: events recorded for what the
// administrator does (never who they manage), sent, shown in the debugger; and stopped at the
// refresh after the administrator is opted out.
void TestMainWindow::usageTrackingFromTheWindow()
{
    QVERIFY(waitSynced());
    UsageTracker &tracker = m_session->usage;
    QTRY_COMPARE(tracker.state(), UsageTracker::State::On);
    QDockWidget *debugger = m_session->window->usageDebuggerDock();
    QDockWidget *summary = m_session->window->usageSummaryDock();
    QVERIFY(debugger && summary);
    QVERIFY(!debugger->isVisible());
    QVERIFY(summary->toggleViewAction()->isEnabled()); // an administrator may see it
    debugger->toggleViewAction()->trigger();
    QVERIFY(debugger->isVisible());
    auto *state = m_session->find<QLabel>(QStringLiteral("usageStateLabel"));
    QCOMPARE(state->text(), QStringLiteral("Tracking on"));

    const QJsonObject user = freshUser();
    const QString email = user.value(QStringLiteral("email")).toString();
    auto *combo = m_session->find<QComboBox>(QStringLiteral("userCombo"));
    combo->setFocus();
    QTest::keyClicks(combo->lineEdit(), email);
    QTRY_VERIFY(m_session->window->userPicker()->completer()->popup()->isVisible());
    pressKey(combo->lineEdit(), Qt::Key_Return);
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);

    // Recorded: the search and the opt-out, with nothing of the user in the properties.
    UsageEventLogModel *log = tracker.logModel();
    const auto rowOf = [log](const char *name) {
        for (int row = log->rowCount() - 1; row >= 0; --row) {
            if (log->index(row, UsageEventLogModel::EventColumn).data().toString()
                == QLatin1String(name))
                return row;
        }
        return -1;
    };
    QTRY_VERIFY(rowOf(UsageEventNames::UserOptedOut) >= 0);
    QVERIFY(rowOf(UsageEventNames::SearchUsed) >= 0);
    for (int row = 0; row < log->rowCount(); ++row) {
        const QString props
            = log->index(row, UsageEventLogModel::PropertiesColumn).data().toString();
        QVERIFY2(!props.contains(user.value(QStringLiteral("id")).toString())
                     && !props.contains(email)
                     && !props.contains(user.value(QStringLiteral("name")).toString()),
                 qPrintable(props));
    }
    // Sent, and the service stored them for the administrator.
    tracker.flush();
    const int optOutRow = rowOf(UsageEventNames::UserOptedOut);
    QTRY_VERIFY_WITH_TIMEOUT(log->index(optOutRow, UsageEventLogModel::StatusColumn)
                                 .data()
                                 .toString()
                                 .startsWith(QStringLiteral("Sent")),
                             15000);
    const auto adminCounts = [this]() {
        const QJsonArray users
            = m_server.request("GET", QStringLiteral("/api/v1/usage/summary"), kAdmin)
                  .json()
                  .object()
                  .value(QStringLiteral("users"))
                  .toArray();
        for (const QJsonValue &u : users) {
            if (u[QStringLiteral("user")][QStringLiteral("email")].toString()
                == QLatin1String("admin@example.com"))
                return u.toObject();
        }
        return QJsonObject();
    };
    QVERIFY(adminCounts().value(QStringLiteral("client")).toInt() >= 2);

    // The administrator is opted out (by themselves, through the API): the next refresh stops
    // the tracking, the debugger says so, and the service holds nothing of theirs.
    const HttpResult out = m_server.request("PUT", QStringLiteral("/api/v1/optouts/u-1"), kAdmin);
    QCOMPARE(out.status, 201);
    m_session->find<QAction>(QStringLiteral("actionRefresh"))->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(tracker.state(), UsageTracker::State::OffOptedOut, 15000);
    QCOMPARE(state->text(), QStringLiteral("Tracking off: you are opted out"));
    QVERIFY(!tracker.recordRefresh());
    QCOMPARE(adminCounts().value(QStringLiteral("client")).toInt(), 0);
    QCOMPARE(adminCounts().value(QStringLiteral("server")).toInt(), 0);
    QCOMPARE(m_server.request("DELETE", QStringLiteral("/api/v1/optouts/u-1"), kAdmin).status, 204);
}
