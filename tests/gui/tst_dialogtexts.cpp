// In French, Swedish and Dutch, no dialog the app opens shows one of Qt's standard texts in
// English ("Cancel", "Save", "Look in:"…): the export's progress dialog, Qt's own file dialog
// (the one used where the platform has no native dialog, as here), the message boxes, and the
// app's own dialogs. Qt's strings come from Qt's catalogues, or for Swedish from the project's
// qtbase_sv.ts (Debian ships no qtbase_sv.qm). The GNOME theme's button texts ("&Cancel") are
// checked too, since it replaces Qt's defaults there.
#include "guitestsession.h"
#include "testserver.h"

#include "confirmchangedialog.h"
#include "exportcontroller.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "pendingchangesdialog.h"
#include "signindialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>

namespace {

// Qt's standard texts, without their access key and ellipsis. "OK" is left out: French, Swedish
// and Dutch all write it so.
const QStringList &englishStandardTexts()
{
    static const QStringList texts {
        // QPlatformTheme / QGnomeTheme / QDialogButtonBox / QMessageBox / QProgressDialog
        QStringLiteral("Cancel"),
        QStringLiteral("Save"),
        QStringLiteral("Save All"),
        QStringLiteral("Open"),
        QStringLiteral("Yes"),
        QStringLiteral("Yes to All"),
        QStringLiteral("No"),
        QStringLiteral("No to All"),
        QStringLiteral("Abort"),
        QStringLiteral("Retry"),
        QStringLiteral("Ignore"),
        QStringLiteral("Close"),
        QStringLiteral("Discard"),
        QStringLiteral("Help"),
        QStringLiteral("Apply"),
        QStringLiteral("Reset"),
        QStringLiteral("Restore Defaults"),
        QStringLiteral("Don't Save"),
        QStringLiteral("Close without Saving"),
        QStringLiteral("Show Details"),
        QStringLiteral("Hide Details"),
        QStringLiteral("Choose"),
        // QFileDialog and its file list
        QStringLiteral("Look in:"),
        QStringLiteral("File name:"),
        QStringLiteral("Files of type:"),
        QStringLiteral("Directory:"),
        QStringLiteral("Back"),
        QStringLiteral("Forward"),
        QStringLiteral("Parent Directory"),
        QStringLiteral("Create New Folder"),
        QStringLiteral("List View"),
        QStringLiteral("Detail View"),
        QStringLiteral("New Folder"),
        QStringLiteral("Name"),
        QStringLiteral("Size"),
        QStringLiteral("Date Modified"),
        QStringLiteral("Computer"),
        QStringLiteral("My Computer"),
        QStringLiteral("Sidebar"),
        QStringLiteral("Files"),
    };
    return texts;
}

QString plain(QString text)
{
    static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
    text.remove(mnemonic);
    if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    else if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text.trimmed();
}

// "where: "text"" for each English standard text the dialog shows: buttons (and their tool
// tips), labels, the file list's column headers.
QStringList englishIn(QWidget *dialog, const QString &where)
{
    QStringList shown;
    for (QWidget *w : dialog->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(dialog))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            shown << button->text() << button->toolTip();
        else if (auto *label = qobject_cast<QLabel *>(w))
            shown << label->text();
        else if (auto *header = qobject_cast<QHeaderView *>(w)) {
            if (header->model()) {
                for (int i = 0; i < header->count(); ++i)
                    shown << header->model()
                                 ->headerData(i, header->orientation(), Qt::DisplayRole)
                                 .toString();
            }
        }
    }
    if (auto *box = qobject_cast<QMessageBox *>(dialog)) {
        for (QAbstractButton *button : box->buttons())
            shown << button->text();
    }
    QStringList found;
    for (const QString &text : std::as_const(shown)) {
        if (englishStandardTexts().contains(plain(text)))
            found << QStringLiteral("%1: \"%2\"").arg(where, text);
    }
    found.removeDuplicates();
    return found;
}

// Runs `open`, which opens a modal dialog of type T and waits for it (exec(), a static
// QFileDialog function): inspects it once shown, then rejects it.
template<typename T>
QStringList inspectModal(const std::function<void()> &open, const QString &where)
{
    QStringList found;
    bool seen = false;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, [&]() {
        auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll.stop();
        seen = true;
        QCoreApplication::processEvents();
        found << englishIn(dialog, where);
        dialog->reject();
    });
    poll.start();
    open();
    poll.stop();
    if (!seen)
        found << QStringLiteral("%1: the dialog was not shown").arg(where);
    return found;
}

} // namespace

class TestDialogTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void languages_data();
    void signInDialogAndFileDialog_data() { languages_data(); }
    void signInDialogAndFileDialog();
    void windowDialogs_data() { languages_data(); }
    void windowDialogs();
    void messageBoxes_data() { languages_data(); }
    void messageBoxes();
    void gnomeThemeButtons_data() { languages_data(); }
    void gnomeThemeButtons();

private:
    TestServer m_server;
};

void TestDialogTexts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("20")}));
}

void TestDialogTexts::languages_data()
{
    QTest::addColumn<QString>("language");
    for (const QString &language : LanguageManager::supportedLanguages()) {
        if (language != QLatin1String("en"))
            QTest::newRow(qPrintable(language)) << language;
    }
}

// The sign-in dialog (its Cancel is Qt's) and its Browse…, Qt's file dialog opening a file.
void TestDialogTexts::signInDialogAndFileDialog()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    SignInDialog dialog;
    dialog.setServerUrl(QUrl(QStringLiteral("https://optout.example.org")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QStringList found = englishIn(&dialog, QStringLiteral("sign-in dialog"));
    auto *browse = dialog.findChild<QPushButton *>(QStringLiteral("caCertBrowseButton"));
    QVERIFY(browse);
    found << inspectModal<QFileDialog>([browse]() { browse->click(); },
                                       QStringLiteral("file dialog (open a certificate)"));
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

// From the main window: File > Opt out users from a list… and its Open file…, File > Export's
// file dialog and progress dialog, Edit > Pending changes…, and the confirmation of an opt-out.
void TestDialogTexts::windowDialogs()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    GuiTestSession session(m_server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    QVERIFY(QTest::qWaitFor(
        [&session]() { return session.sync.state() == SyncController::State::Synced; }, 20000));
    MainWindow *window = session.window.get();
    QStringList found;

    window->showImportDialog();
    ImportDialog *import = window->importDialog();
    QVERIFY(import);
    QVERIFY(QTest::qWaitForWindowExposed(import));
    found << englishIn(import, QStringLiteral("import dialog"));
    auto *open = import->findChild<QPushButton *>(QStringLiteral("openFileButton"));
    QVERIFY(open);
    found << inspectModal<QFileDialog>([open]() { open->click(); },
                                       QStringLiteral("file dialog (open a list)"));
    import->reject();

    // The export asks where to save with Qt's file dialog (rejected: nothing exported)…
    auto *exportHistory = window->findChild<QAction *>(QStringLiteral("actionExportHistory"));
    QVERIFY(exportHistory);
    found << inspectModal<QFileDialog>([exportHistory]() { exportHistory->trigger(); },
                                       QStringLiteral("file dialog (export)"));
    QVERIFY(!session.exporter.isRunning());
    // …then shows its progress, with Qt's Cancel button, while it writes.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    window->exportController()->setPathChooser(
        [&dir](const QString &, const QString &) { return dir.filePath(QStringLiteral("h.csv")); });
    session.exporter.setHistoryPageSize(1);
    exportHistory->trigger();
    QVERIFY(session.exporter.isRunning());
    QProgressDialog *progress = window->exportController()->progressDialog();
    QVERIFY(progress);
    progress->show();
    QVERIFY(QTest::qWaitForWindowExposed(progress));
    found << englishIn(progress, QStringLiteral("export progress dialog"));
    session.exporter.cancel();
    QTRY_VERIFY(!session.exporter.isRunning());

    window->showPendingChanges();
    PendingChangesDialog *pending = window->pendingChangesDialog();
    QVERIFY(pending);
    QVERIFY(QTest::qWaitForWindowExposed(pending));
    found << englishIn(pending, QStringLiteral("pending changes dialog"));
    pending->reject();

    const QList<User> users {
        {QStringLiteral("u-1"), QStringLiteral("ann@example.org"), QStringLiteral("Ann")}};
    for (const auto type : {PendingAction::Type::OptOut, PendingAction::Type::OptIn}) {
        ConfirmChangeDialog confirm(type, users, window);
        confirm.setRetention(30 * 24 * 3600);
        confirm.show();
        QVERIFY(QTest::qWaitForWindowExposed(&confirm));
        found << englishIn(&confirm, QStringLiteral("confirmation dialog"));
    }
    found.removeDuplicates();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

// The app's message boxes (MessagePresenter: information, warning, error, About).
void TestDialogTexts::messageBoxes()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    QWidget parent;
    parent.show();
    QVERIFY(QTest::qWaitForWindowExposed(&parent));
    QStringList found;
    const QList<std::function<void()>> presenters {
        [&parent]() {
            MessagePresenter::information(&parent, QStringLiteral("t"), QStringLiteral("x"));
        },
        [&parent]() {
            MessagePresenter::warning(&parent, QStringLiteral("t"), QStringLiteral("x"));
        },
        [&parent]() {
            MessagePresenter::critical(&parent, QStringLiteral("t"), QStringLiteral("x"));
        },
        [&parent]() { MessagePresenter::about(&parent, QStringLiteral("t"), QStringLiteral("x")); },
    };
    for (const auto &present : presenters) {
        present();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = parent.findChild<QMessageBox *>()) && box->isVisible());
        found << englishIn(box, QStringLiteral("message box"));
        delete box;
    }
    found.removeDuplicates();
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

// Under the GNOME platform theme the standard buttons take the theme's texts with access keys.
void TestDialogTexts::gnomeThemeButtons()
{
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    QStringList found;
    for (const char *source : {"&Cancel", "&Save", "&Close", "Close without Saving"}) {
        const QString text = QCoreApplication::translate("QGnomeTheme", source);
        if (englishStandardTexts().contains(plain(text)))
            found << QStringLiteral("QGnomeTheme: \"%1\"").arg(text);
    }
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TestDialogTexts)
#include "tst_dialogtexts.moc"
