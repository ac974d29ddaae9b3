// What a screen reader hears: every window and dialog of optout-admin walked through QAccessible,
// failing on an interactive control without a name, named by its value, or named by a symbol.
#include "guitestsession.h"
#include "testserver.h"

#include "confirmchangedialog.h"
#include "historydock.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "pendingchangesdialog.h"
#include "ruleconfirmdialog.h"
#include "signindialog.h"
#include "userpicker.h"

#include <QAccessible>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTest>

namespace {

bool isInteractive(QAccessible::Role role)
{
    switch (role) {
    case QAccessible::PushButton:
    case QAccessible::CheckBox:
    case QAccessible::RadioButton:
    case QAccessible::ComboBox:
    case QAccessible::EditableText:
    case QAccessible::SpinBox:
    case QAccessible::Slider:
    case QAccessible::ButtonMenu:
    case QAccessible::ButtonDropDown:
    case QAccessible::Table:
    case QAccessible::List:
    case QAccessible::Tree:
    case QAccessible::PageTab:
        return true;
    default:
        return false;
    }
}

bool hasLetterOrDigit(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetterOrNumber(); });
}

QString describe(QAccessibleInterface *iface)
{
    QObject *object = iface->object();
    return QStringLiteral("%1 \"%2\" (role %3)")
        .arg(object ? QString::fromLatin1(object->metaObject()->className()) : QString(),
             object ? object->objectName() : QString())
        .arg(int(iface->role()));
}

// The shown controls under `iface` that a screen reader could not name properly.
void walk(QAccessibleInterface *iface, const QString &where, QStringList *problems)
{
    if (!iface || !iface->isValid() || iface->state().invisible)
        return;
    const QAccessible::Role role = iface->role();
    if (isInteractive(role)) {
        const QString name = iface->text(QAccessible::Name).trimmed();
        const QString value = iface->text(QAccessible::Value).trimmed();
        if (name.isEmpty())
            problems->append(QStringLiteral("%1: %2 has no name").arg(where, describe(iface)));
        else if (!hasLetterOrDigit(name))
            problems->append(
                QStringLiteral("%1: %2 is named \"%3\"").arg(where, describe(iface), name));
        else if (!value.isEmpty() && name == value
                 && (role == QAccessible::ComboBox || role == QAccessible::EditableText
                     || role == QAccessible::SpinBox || role == QAccessible::Slider))
            problems->append(QStringLiteral("%1: %2 is named by its value \"%3\"")
                                 .arg(where, describe(iface), value));
    }
    // The items of a table or list are its data, not controls; a combo box speaks for its
    // field and its list.
    if (role == QAccessible::Table || role == QAccessible::List || role == QAccessible::Tree
        || role == QAccessible::ComboBox)
        return;
    for (int i = 0; i < iface->childCount(); ++i)
        walk(iface->child(i), where, problems);
}

// A user who can be picked (not opted out).
QString pickable(const UserModel &users)
{
    for (int row = 0; row < users.rowCount(); ++row) {
        if (!users.isOptedOut(users.userAt(row).id))
            return users.userAt(row).id;
    }
    return {};
}

QStringList problemsOf(QWidget *window, const QString &where)
{
    QStringList problems;
    walk(QAccessible::queryAccessibleInterface(window), where, &problems);
    return problems;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void everyWindowAndDialog_data();
    void everyWindowAndDialog();
    void pickerKeepsItsName();

private:
    TestServer m_server;
};

void TestAccessibility::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("20"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("2"),
                            QStringLiteral("--quiet")}));
}

void TestAccessibility::cleanup()
{
    MessagePresenter::clearRecorded();
}

void TestAccessibility::everyWindowAndDialog_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : LanguageManager::supportedLanguages())
        QTest::newRow(qPrintable(language)) << language;
}

void TestAccessibility::everyWindowAndDialog()
{
    QFETCH(QString, language);
    QAccessible::setActive(true);
    LanguageManager languages;
    languages.setLanguage(language);
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    MainWindow *window = session.window.get();
    QStringList problems;

    // The window with both message bars shown and every dock open.
    window->showError(QStringLiteral("A test error"));
    UserPicker *picker = window->userPicker();
    QVERIFY(picker->pickUser(pickable(session.users)));
    window->findChild<QPushButton *>(QStringLiteral("optOutButton"))->click();
    QTRY_VERIFY(!window->noteText().isEmpty());
    const QList<QDockWidget *> docks = window->findChildren<QDockWidget *>();
    QVERIFY(!docks.isEmpty());
    for (QDockWidget *dock : docks) {
        dock->show();
        dock->raise();
        QCoreApplication::processEvents();
        problems << problemsOf(window, QStringLiteral("window with %1").arg(dock->windowTitle()));
    }

    window->showPendingChanges();
    QVERIFY(window->pendingChangesDialog());
    problems << problemsOf(window->pendingChangesDialog(), QStringLiteral("pending changes"));
    window->pendingChangesDialog()->close();

    window->showImportDialog();
    QVERIFY(window->importDialog());
    problems << problemsOf(window->importDialog(), QStringLiteral("import"));
    window->importDialog()->close();

    ConfirmChangeDialog confirm(PendingAction::Type::OptOut, {session.users.userAt(0)}, window);
    confirm.setRetention(7 * 24 * 3600);
    confirm.show();
    problems << problemsOf(&confirm, QStringLiteral("confirmation"));

    RuleConfirmDialog rule(&session.api, OptOutRuleSpec::forDomain(QStringLiteral("example.com")),
                           7 * 24 * 3600, window);
    rule.show();
    QTRY_VERIFY(rule.hasPreview());
    problems << problemsOf(&rule, QStringLiteral("rule confirmation"));

    SignInDialog signIn;
    signIn.setServerUrl(m_server.baseUrl());
    signIn.setMessage(QStringLiteral("message"));
    signIn.show();
    problems << problemsOf(&signIn, QStringLiteral("sign-in"));
    signIn.setOtherWaysShown(true); // the access token, under "Other ways to sign in"
    problems << problemsOf(&signIn, QStringLiteral("sign-in, access token"));

    problems.removeDuplicates();
    for (const QString &problem : std::as_const(problems))
        qWarning().noquote() << problem;
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

// A picked user is the picker's value; its name stays its label's, and so do History's combos.
void TestAccessibility::pickerKeepsItsName()
{
    QAccessible::setActive(true);
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"));
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    MainWindow *window = session.window.get();
    auto *combo = window->findChild<QComboBox *>(QStringLiteral("userCombo"));
    QVERIFY(combo);
    QVERIFY(window->userPicker()->pickUser(pickable(session.users)));
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(combo);
    QVERIFY(iface);
    QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Opt-out user"));
    QCOMPARE(iface->text(QAccessible::Value), combo->lineEdit()->text());

    window->historyAction()->trigger();
    auto *action
        = window->historyDock()->findChild<QComboBox *>(QStringLiteral("historyActionCombo"));
    QVERIFY(action);
    const QString name = QAccessible::queryAccessibleInterface(action)->text(QAccessible::Name);
    QVERIFY2(name.startsWith(QStringLiteral("Action")), qPrintable(name)); // its label's text
    QCOMPARE(QAccessible::queryAccessibleInterface(action)->text(QAccessible::Value),
             QStringLiteral("Any action"));
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
