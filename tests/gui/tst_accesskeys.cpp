// No two items of one window, menu or dialog share an access key (Alt+letter), in any language:
// the real MainWindow in every state it can show at once (each page, each dock and pair of docks,
// the note bar with Undo, the error bar with Retry and Change server) and its menus, and the
// dialogs, also with the standard buttons as the GNOME theme labels them ("&Cancel").
#include "guitestsession.h"
#include "testserver.h"

#include "confirmchangedialog.h"
#include "historydock.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "overviewdock.h"
#include "pendingchangesdialog.h"
#include "ruleconfirmdialog.h"
#include "rulesdock.h"
#include "sessionbar.h"
#include "signindialog.h"
#include "usagedebuggerdock.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace {

struct AccessKey
{
    QString key; // "Alt+A"
    QString text;
};

void addKey(QList<AccessKey> &keys, const QString &text)
{
    const QKeySequence mnemonic = QKeySequence::mnemonic(text);
    if (!mnemonic.isEmpty())
        keys.append({mnemonic.toString(QKeySequence::PortableText).toUpper(), text});
}

// The standard buttons' texts under the GNOME platform theme, which gives them access keys.
QString gnomeText(QDialogButtonBox::StandardButton button)
{
    switch (button) {
    case QDialogButtonBox::Ok:
        return QCoreApplication::translate("QGnomeTheme", "&OK");
    case QDialogButtonBox::Save:
        return QCoreApplication::translate("QGnomeTheme", "&Save");
    case QDialogButtonBox::Cancel:
        return QCoreApplication::translate("QGnomeTheme", "&Cancel");
    case QDialogButtonBox::Close:
        return QCoreApplication::translate("QGnomeTheme", "&Close");
    default:
        return {};
    }
}

// The access keys of what `window` shows at once: buttons, labels of controls, group boxes and
// the menu bar's menus. Standard buttons left with Qt's own text take the GNOME theme's if
// `gnome`.
QList<AccessKey> windowKeys(QWidget *window, bool gnome)
{
    QList<AccessKey> keys;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->window() != window || !w->isVisibleTo(window))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            QString text = button->text();
            auto *box = qobject_cast<QDialogButtonBox *>(button->parentWidget());
            if (gnome && box && !text.contains(QLatin1Char('&'))) {
                const QString themed = gnomeText(box->standardButton(button));
                if (!themed.isEmpty())
                    text = themed;
            }
            addKey(keys, text);
        } else if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->buddy())
                addKey(keys, label->text());
        } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
            addKey(keys, group->title());
        } else if (auto *bar = qobject_cast<QMenuBar *>(w)) {
            for (QAction *action : bar->actions()) {
                if (action->isVisible())
                    addKey(keys, action->text());
            }
        }
    }
    return keys;
}

QList<AccessKey> menuKeys(QMenu *menu)
{
    QList<AccessKey> keys;
    for (QAction *action : menu->actions()) {
        if (action->isVisible() && !action->isSeparator())
            addKey(keys, action->text());
    }
    return keys;
}

// "Alt+A: &Actualiser, &Affichage" for each key used twice.
QStringList clashes(const QList<AccessKey> &keys, const QString &where)
{
    QMap<QString, QStringList> byKey;
    for (const AccessKey &k : keys)
        byKey[k.key].append(k.text);
    QStringList found;
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it) {
        if (it.value().size() > 1) {
            QStringList texts = it.value();
            texts.sort();
            found << QStringLiteral("%1: %2: %3").arg(where, it.key(), texts.join(u", "));
        }
    }
    return found;
}

} // namespace

class TestAccessKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void mainWindowAndDocks_data();
    void mainWindowAndDocks();
    void signInDialog_data();
    void signInDialog();
    void importDialog_data();
    void importDialog();
    void changeDialogs_data();
    void changeDialogs();

private:
    TestServer m_server;
};

void TestAccessKeys::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
}

void TestAccessKeys::cleanup()
{
    MessagePresenter::clearRecorded();
}

void TestAccessKeys::mainWindowAndDocks_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : LanguageManager::supportedLanguages())
        QTest::newRow(qPrintable(language)) << language;
}

void TestAccessKeys::mainWindowAndDocks()
{
    QFETCH(QString, language);
    LanguageManager languages;
    languages.setLanguage(language);
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    MainWindow *window = session.window.get();
    auto *pages = session.find<QStackedWidget>(QStringLiteral("pageStack"));
    auto *optOutPage = session.find<QWidget>(QStringLiteral("optOutPage"));
    auto *signingInPage = session.find<QWidget>(QStringLiteral("signingInPage"));
    auto *noteBar = session.find<QWidget>(QStringLiteral("noteBar"));
    auto *undo = session.find<QWidget>(QStringLiteral("noteUndoButton"));
    auto *errorBar = session.find<QWidget>(QStringLiteral("errorBar"));
    auto *retry = session.find<QWidget>(QStringLiteral("errorRetryButton"));
    auto *changeServer = session.find<QWidget>(QStringLiteral("errorSignInButton"));
    QVERIFY(pages && optOutPage && signingInPage && noteBar && undo && errorBar && retry
            && changeServer);
    QVERIFY(pages->currentWidget() == optOutPage);

    // The docks: the History dock has a place of its own; the usage debugger and the usage
    // summary share one as tabs (one of them in front). Each on its own, and the History dock
    // beside each of the others.
    // The Overview has a place of its own beside the table: with each of the others too.
    QDockWidget *history = window->historyDock();
    QDockWidget *debugger = window->usageDebuggerDock();
    QDockWidget *summary = window->usageSummaryDock();
    QDockWidget *overview = window->overviewDock();
    QDockWidget *rules = window->rulesDock();
    QVERIFY(history && debugger && summary && overview && rules);
    const QList<QDockWidget *> allDocks {history, debugger, summary, overview, rules};
    QVERIFY(window->findChildren<QDockWidget *>().size() == allDocks.size());
    const QList<QList<QDockWidget *>> dockSets {{},
                                                {history},
                                                {debugger},
                                                {summary},
                                                {history, debugger},
                                                {history, summary},
                                                {overview},
                                                {overview, history},
                                                {overview, debugger},
                                                {overview, summary},
                                                {overview, history, debugger},
                                                {overview, history, summary},
                                                // View > Rules, tabbed with History.
                                                {rules},
                                                {rules, debugger},
                                                {overview, rules},
                                                {overview, rules, summary}};

    // What the message bars show at once: on the opt-out page, the note with Undo and the error
    // of a failed sync with Retry; while signing in, the error with Retry and Change server.
    struct Screen
    {
        QString name;
        QWidget *page;
        bool note, retry, changeServer;
        bool sessionEnded = false; // the session bar with "Sign in again"
    };
    // The bar AppController adds when the service ended the session.
    auto *sessionBar = new SessionBar(window);
    window->addToolBar(Qt::TopToolBarArea, sessionBar);
    sessionBar->showEnded(SessionBar::Reason::Expired);
    const QList<Screen> screens {
        {QStringLiteral("opt-out page"), optOutPage, false, false, false},
        {QStringLiteral("opt-out page, note with Undo"), optOutPage, true, false, false},
        {QStringLiteral("opt-out page, error with Retry"), optOutPage, false, true, false},
        {QStringLiteral("opt-out page, note with Undo, error with Retry"), optOutPage, true, true,
         false},
        {QStringLiteral("signing in, error with Retry and Change server"), signingInPage, false,
         true, true},
        {QStringLiteral("opt-out page, session ended, error with Retry"), optOutPage, true, true,
         false, true},
    };

    QStringList found;
    QSet<QString> seen;
    for (const Screen &screen : screens) {
        pages->setCurrentWidget(screen.page);
        noteBar->setVisible(screen.note);
        undo->setVisible(screen.note);
        errorBar->setVisible(screen.retry || screen.changeServer);
        retry->setVisible(screen.retry);
        changeServer->setVisible(screen.changeServer);
        sessionBar->setVisible(screen.sessionEnded);
        for (const QList<QDockWidget *> &docks : dockSets) {
            for (QDockWidget *dock : allDocks)
                dock->setVisible(docks.contains(dock));
            for (QDockWidget *dock : docks)
                dock->raise();
            QCoreApplication::processEvents();
            QStringList names;
            for (QDockWidget *dock : docks) {
                QVERIFY(dock->isVisible());
                names << dock->windowTitle();
            }
            const QString where
                = QStringLiteral("%1, docks: %2")
                      .arg(screen.name,
                           names.isEmpty() ? QStringLiteral("none") : names.join(u" + "));
            // Each clash once, with the first state that shows it.
            for (const bool gnome : {false, true}) {
                const QString place = gnome ? where + QStringLiteral(" (GNOME)") : where;
                for (const QString &clash : clashes(windowKeys(window, gnome), QString())) {
                    if (!seen.contains(clash)) {
                        seen.insert(clash);
                        found << place + clash;
                    }
                }
            }
        }
    }
    const QList<QMenu *> menus = window->menuBar()->findChildren<QMenu *>();
    QVERIFY(!menus.isEmpty());
    for (QMenu *menu : menus)
        found << clashes(menuKeys(menu), QStringLiteral("menu %1").arg(menu->title()));
    found.removeDuplicates();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestAccessKeys::signInDialog_data()
{
    mainWindowAndDocks_data();
}

void TestAccessKeys::signInDialog()
{
    QFETCH(QString, language);
    LanguageManager languages;
    languages.setLanguage(language);
    SignInDialog dialog;
    dialog.setServerUrl(m_server.baseUrl());
    dialog.setMessage(QStringLiteral("message"));
    dialog.show();
    QStringList found;
    found << clashes(windowKeys(&dialog, false), QStringLiteral("sign-in dialog"));
    found << clashes(windowKeys(&dialog, true), QStringLiteral("sign-in dialog (GNOME)"));
    // With "Other ways to sign in" open: the access token and its Sign in button too.
    dialog.setOtherWaysShown(true);
    QCoreApplication::processEvents();
    found << clashes(windowKeys(&dialog, false), QStringLiteral("sign-in dialog, token"));
    found << clashes(windowKeys(&dialog, true), QStringLiteral("sign-in dialog, token (GNOME)"));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestAccessKeys::importDialog_data()
{
    mainWindowAndDocks_data();
}

// File > Opt out users from a list…, while it reads (Stop shown) and once it has read.
void TestAccessKeys::importDialog()
{
    QFETCH(QString, language);
    LanguageManager languages;
    languages.setLanguage(language);
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    session.window->showImportDialog();
    ImportDialog *dialog = session.window->importDialog();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QStringList found;
    QString many;
    for (int i = 0; i < 200000; ++i)
        many += QStringLiteral("someone%1@example.org\n").arg(i);
    dialog->setPastedText(many);
    QVERIFY(dialog->isReading());
    found << clashes(windowKeys(dialog, false), QStringLiteral("import dialog, reading"));
    QVERIFY(QTest::qWaitFor([dialog]() { return !dialog->isReading(); }, 20000));
    found << clashes(windowKeys(dialog, false), QStringLiteral("import dialog"));
    found << clashes(windowKeys(dialog, true), QStringLiteral("import dialog (GNOME)"));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

void TestAccessKeys::changeDialogs_data()
{
    mainWindowAndDocks_data();
}

// Edit > Pending changes…, and the confirmation of an opt-out (with its reason and "Delete their
// stored usage data now"), of an opt-in and of a rule.
void TestAccessKeys::changeDialogs()
{
    QFETCH(QString, language);
    LanguageManager languages;
    languages.setLanguage(language);
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    QStringList found;
    session.window->showPendingChanges();
    PendingChangesDialog *pending = session.window->pendingChangesDialog();
    QVERIFY(pending);
    QVERIFY(QTest::qWaitForWindowExposed(pending));
    found << clashes(windowKeys(pending, false), QStringLiteral("pending changes"));
    found << clashes(windowKeys(pending, true), QStringLiteral("pending changes (GNOME)"));
    pending->reject();
    const QList<User> users {
        {QStringLiteral("u-1"), QStringLiteral("ann@example.org"), QStringLiteral("Ann")}};
    for (const auto type : {PendingAction::Type::OptOut, PendingAction::Type::OptIn}) {
        ConfirmChangeDialog confirm(type, users, session.window.get());
        confirm.setRetention(7 * 24 * 3600);
        confirm.show();
        QVERIFY(QTest::qWaitForWindowExposed(&confirm));
        found << clashes(windowKeys(&confirm, false), QStringLiteral("confirmation"));
        found << clashes(windowKeys(&confirm, true), QStringLiteral("confirmation (GNOME)"));
    }
    // A rule's confirmation, its preview answered.
    RuleConfirmDialog rule(&session.api,
                           OptOutRuleSpec::forDomain(QStringLiteral("contractors.example.com")),
                           7 * 24 * 3600, session.window.get());
    rule.show();
    QVERIFY(QTest::qWaitForWindowExposed(&rule));
    QTRY_VERIFY(rule.hasPreview());
    found << clashes(windowKeys(&rule, false), QStringLiteral("rule confirmation"));
    found << clashes(windowKeys(&rule, true), QStringLiteral("rule confirmation (GNOME)"));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestAccessKeys)
#include "tst_accesskeys.moc"
