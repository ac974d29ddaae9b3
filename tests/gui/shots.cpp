// Screenshots of the undo bar, the confirmation of a bulk change and the pending-changes list,
// in one language: the real MainWindow against a real optout-server (demo data), driven as an
// administrator would, each grabbed to a PNG. Run by scripts/screenshots.sh under Xvfb.
//   optout-shots LANG OUTDIR
#include "guitestsession.h"
#include "testserver.h"

#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutproxymodel.h"
#include "pendingchangesdialog.h"
#include "userpicker.h"

#include <QApplication>
#include <QDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace {

bool save(QWidget *widget, const QString &path)
{
    QApplication::processEvents();
    QTest::qWait(300);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

QStringList optedIn(const GuiTestSession &s, int count)
{
    QStringList ids;
    for (int r = 0; r < s.users.rowCount() && ids.size() < count; ++r) {
        const User &user = s.users.userAt(r);
        if (!s.users.isOptedOut(user.id) && user.id != s.sync.me().id && !user.name.isEmpty())
            ids << user.id;
    }
    return ids;
}

void checkRow(GuiTestSession &s, int proxyRow)
{
    auto *table = s.find<QTableView>(QStringLiteral("optOutTable"));
    const QModelIndex box = table->model()->index(proxyRow, OptOutModel::CheckColumn);
    table->model()->setData(box, Qt::Checked, Qt::CheckStateRole);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("optout-shots"));
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    const QStringList args = QApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: optout-shots LANG OUTDIR\n");
        return 2;
    }
    const QString lang = args.at(1);
    const QString out = args.at(2);

    LanguageManager languages;
    if (!languages.setLanguage(lang))
        return 2;
    TestServer server;
    if (!server.start({QStringLiteral("--demo")}))
        return 1;
    GuiTestSession s(server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    s.window->resize(1000, 640);
    const auto synced = [&s]() {
        return s.sync.state() == SyncController::State::Synced;
    };
    if (!QTest::qWaitFor(synced, 30000))
        return 1;

    bool ok = true;
    // 0. View > History: opt-outs with reasons, a deletion of stored data, newest first.
    {
        const QStringList some = optedIn(s, 3);
        const char *reasons[] = {"GDPR request #4411", "Works council decision", ""};
        for (int i = 0; i < some.size(); ++i) {
            QJsonObject body;
            if (*reasons[i])
                body.insert(QStringLiteral("reason"), QString::fromUtf8(reasons[i]));
            server.request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                           QStringLiteral("{\"events\":[{\"name\":\"page.viewed\",\"timestamp\":"
                                          "\"2026-11-22T16:00:00Z\",\"userId\":\"%1\"}]}")
                               .arg(some.at(i))
                               .toUtf8());
            if (i == 2)
                body.insert(QStringLiteral("deleteStoredEvents"), true);
            server.request("PUT", QStringLiteral("/api/v1/optouts/") + some.at(i), "demo-admin",
                           QJsonDocument(body).toJson());
        }
        s.sync.refresh();
        QTest::qWait(1000);
        s.window->historyAction()->trigger();
        ok &= QTest::qWaitFor([&s]() { return s.history.rowCount() > 5; }, 10000);
        QTest::qWait(300);
        ok &= save(s.window.get(), out + QStringLiteral("/history-%1.png").arg(lang));
        s.window->historyAction()->trigger();
        ok &= QTest::qWaitFor(synced, 10000);
    }

    // 1. An opt-out, confirmed: the message bar with Undo.
    const QStringList ids = optedIn(s, 3);
    s.window->userPicker()->pickUser(ids.at(0));
    QTest::mouseClick(s.find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    ok &= QTest::qWaitFor([&s]() { return s.sync.pendingCount() == 0; }, 10000);
    ok &= save(s.window.get(), out + QStringLiteral("/undo-%1.png").arg(lang));

    // 2. Opt-in of several users: the confirmation.
    for (int row = 1; row <= 7; ++row)
        checkRow(s, row);
    QTest::mouseClick(s.find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    auto *confirm = s.find<QDialog>(QStringLiteral("confirmChangeDialog"));
    if (!confirm)
        return 1;
    ok &= QTest::qWaitForWindowExposed(confirm);
    ok &= save(confirm, out + QStringLiteral("/confirm-%1.png").arg(lang));
    confirm->reject();
    QTest::qWait(200);

    // 3. The service goes down; changes wait: the pending list.
    server.stop();
    s.sync.refresh();
    ok &= QTest::qWaitFor([&s]() { return s.sync.state() == SyncController::State::Offline; },
                          15000);
    for (const QString &id : {ids.at(1), ids.at(2)}) {
        s.window->userPicker()->pickUser(id);
        QTest::mouseClick(s.find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    }
    s.optOuts.setAllChecked(false);
    checkRow(s, 3);
    QTest::mouseClick(s.find<QPushButton>(QStringLiteral("optInButton")), Qt::LeftButton);
    s.window->showPendingChanges();
    PendingChangesDialog *pending = s.window->pendingChangesDialog();
    ok &= QTest::qWaitForWindowExposed(pending);
    pending->table()->selectRow(0);
    ok &= save(pending, out + QStringLiteral("/pending-%1.png").arg(lang));
    pending->hide();
    ok &= save(s.window.get(), out + QStringLiteral("/offline-%1.png").arg(lang));
    return ok ? 0 : 1;
}
