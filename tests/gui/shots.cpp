// Screenshots of the sign-in dialog, the undo bar, the confirmation of a bulk change, the
// pending-changes list and the preview of File > Opt out users from a list…, in one language: the
// real MainWindow against a real optout-server (demo data), driven as an administrator would, each
// grabbed to a PNG. Run by scripts/screenshots.sh under Xvfb.
// Also View > Overview (overview-LANG.png) and the first page of File > Report…'s PDF, rendered
// with pdftoppm (report-LANG.png); a group's rule confirmed with the service's preview
// (group-LANG.png) and View > Rules beside the table's Via column (rules-LANG.png); the picker's
// list open on a group (picker-group-LANG.png); View > History with an action of several users
// expanded (history-LANG.png).
//   optout-shots LANG OUTDIR [import]    (import: only the import preview)
#include "guitestsession.h"
#include "historydock.h"
#include "scimdirectory.h"
#include "testserver.h"

#include "appcontroller.h"
#include "appsettings.h"
#include "confirmchangedialog.h"
#include "importdialog.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutproxymodel.h"
#include "overviewdock.h"
#include "pendingchangesdialog.h"
#include "reportcontroller.h"
#include "ruleconfirmdialog.h"
#include "rulescontroller.h"
#include "rulesdock.h"
#include "session.h"
#include "signindialog.h"
#include "tokenstore.h"
#include "userpicker.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

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

// The window with a pop-up of its own (a drop-down list) drawn where it shows on the screen.
bool saveWithPopup(QWidget *window, QWidget *popup, const QString &path)
{
    QApplication::processEvents();
    QTest::qWait(300);
    QPixmap shot = window->grab();
    if (popup && popup->isVisible()) {
        QPainter painter(&shot);
        painter.drawPixmap(window->mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
    }
    const bool ok = shot.save(path);
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

// The app's sign-in as main.cpp builds it, signed out: the dialog with the address typed.
bool shootSignIn(const QUrl &server, const QString &lang, const QString &out)
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setRememberToken(true);
    Session session;
    TokenStore tokens;
    AppController controller(&session, nullptr, &settings, &tokens);
    controller.start(server, {});
    SignInDialog *dialog = controller.signInDialog();
    if (!dialog || !QTest::qWaitForWindowExposed(dialog))
        return false;
    auto *email = dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit"));
    email->setFocus();
    QTest::keyClicks(email, QStringLiteral("ada.lovelace@example.com"));
    if (!QTest::qWaitFor(
            [dialog]() {
                return dialog->organisationState() == SignInDialog::OrganisationState::Available;
            },
            10000))
        return false;
    return save(dialog, out + QStringLiteral("/signin-%1.png").arg(lang));
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("optout-shots"));
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    const QStringList args = QApplication::arguments();
    const bool onlyImport = args.size() == 4 && args.at(3) == QLatin1String("import");
    if (args.size() != 3 && !onlyImport) {
        std::fprintf(stderr, "usage: optout-shots LANG OUTDIR [import]\n");
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
    QByteArray scim;
    if (!onlyImport) {
        // The sign-in dialog, its address's organisation known: the service is told the
        // identity provider of example.com (only looked up here, never contacted).
        server.stop();
        if (server.runOnce({QStringLiteral("--set-oidc"), QStringLiteral("--org"),
                            QStringLiteral("o-1"), QStringLiteral("--issuer"),
                            QStringLiteral("https://login.example.com/realms/staff"),
                            QStringLiteral("--client-id"), QStringLiteral("optout-admin"),
                            QStringLiteral("--email-domain"), QStringLiteral("example.com")})
                != 0
            || !server.restart({QStringLiteral("--demo")}))
            return 1;
        if (!shootSignIn(server.baseUrl(), lang, out))
            return 1;
        // The identity provider's token for the groups (and two contractors' addresses).
        scim = ScimDirectory::addProvider(server,
                                          "c.berg@contractors.example.com,Carla Berg,user\n"
                                          "j.smit@contractors.example.com,Jan Smit,user\n"
                                          "l.moreau@contractors.example.com,Léa Moreau,user\n",
                                          {QStringLiteral("--demo")});
        if (scim.isEmpty())
            return 1;
    }
    GuiTestSession s(server.baseUrl(), QByteArrayLiteral("demo-admin"), &languages);
    s.window->resize(1000, 640);
    const auto synced = [&s]() {
        return s.sync.state() == SyncController::State::Synced;
    };
    if (!QTest::qWaitFor(synced, 30000))
        return 1;

    bool ok = true;
    // File > Opt out users from a list…: a file of mixed lines, read and previewed.
    {
        const QStringList in = optedIn(s, 7);
        QString alreadyOut;
        for (int r = 0; r < s.users.rowCount() && alreadyOut.isEmpty(); ++r) {
            if (s.users.isOptedOut(s.users.userAt(r).id))
                alreadyOut = s.users.userAt(r).email;
        }
        const auto email = [&s](const QString &id) {
            return s.users.userById(id)->email.toUtf8();
        };
        const auto name = [&s](const QString &id) {
            return s.users.userById(id)->name.toUtf8();
        };
        QByteArray csv = "email;name;ticket\r\n";
        csv += email(in.at(0)) + ";" + name(in.at(0)) + ";GDPR-4411\r\n";
        csv += "\"" + name(in.at(1)) + "\" <" + email(in.at(1)) + ">;;GDPR-4412\r\n";
        csv += alreadyOut.toUtf8() + ";;GDPR-4413\r\n";
        csv += "\r\n";
        csv += email(in.at(2)) + ";" + name(in.at(2)) + ";GDPR-4414\r\n";
        csv += "j.doe@partner.example;John Doe;GDPR-4415\r\n";
        csv += email(in.at(0)).toUpper() + ";;GDPR-4416\r\n";
        csv += "ren\xE9@latin1.example;Ren\xE9;GDPR-4417\r\n";
        csv += "mailto:" + email(in.at(3)) + ";" + name(in.at(3)) + ";GDPR-4418\r\n";
        csv += email(in.at(4)) + ";" + name(in.at(4)) + ";GDPR-4419\r\n";
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gdpr-requests.csv"));
        QFile file(path);
        ok &= file.open(QIODevice::WriteOnly) && file.write(csv) == csv.size();
        file.close();
        s.window->showImportDialog();
        ImportDialog *dialog = s.window->importDialog();
        if (!dialog)
            return 1;
        ok &= QTest::qWaitForWindowExposed(dialog);
        dialog->loadFile(path);
        ok &= QTest::qWaitFor([dialog]() { return !dialog->isReading(); }, 10000);
        auto *reason = dialog->findChild<QLineEdit *>(QStringLiteral("reasonEdit"));
        reason->setText(QStringLiteral("GDPR requests 4411-4419"));
        dialog->resize(900, 600);
        ok &= save(dialog, out + QStringLiteral("/import-%1.png").arg(lang));
        dialog->reject();
        QTest::qWait(200);
        if (onlyImport)
            return ok ? 0 : 1;
    }

    // 0. View > History: a list of users opted out at once (one action, expanded), opt-outs
    // with reasons, one with the deletion of stored data, newest first.
    {
        QJsonArray listed;
        for (const QString &id : optedIn(s, 6))
            listed.append(id);
        server.request("POST", QStringLiteral("/api/v1/optouts/batch"), "demo-admin",
                       QJsonDocument(QJsonObject {{QStringLiteral("optOut"), listed},
                                                  {QStringLiteral("reason"),
                                                   QStringLiteral("GDPR requests 4401-4406")}})
                           .toJson());
        s.sync.refresh();
        QTest::qWait(1000);
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
        const QSize size = s.window->size();
        s.window->resize(1280, 800);
        s.window->historyAction()->trigger();
        ok &= QTest::qWaitFor([&s]() { return s.history.isComplete() && s.history.rowCount() > 5; },
                              10000);
        HistoryDock *dock = s.window->historyDock();
        s.window->resizeDocks({dock}, {470}, Qt::Vertical);
        // The list's row (six users, one request) expanded, its first user selected.
        for (int row = 0; row < s.history.rowCount(); ++row) {
            const QModelIndex action = s.history.index(row, 0);
            if (s.history.rowCount(action) == 6) {
                dock->view()->expand(action);
                dock->view()->setCurrentIndex(s.history.index(0, 0, action));
            }
        }
        ok &= save(s.window.get(), out + QStringLiteral("/history-%1.png").arg(lang));
        s.window->historyAction()->trigger();
        s.window->resize(size);
        ok &= QTest::qWaitFor(synced, 10000);
    }

    // View > Overview beside the table, then File > Report…'s first page.
    {
        const QStringList some = optedIn(s, 4);
        for (int i = 0; i < some.size(); ++i) {
            QJsonArray events;
            for (int e = 0; e < 3 + 4 * i; ++e)
                events.append(QJsonObject {
                    {QStringLiteral("name"), QStringLiteral("page.viewed")},
                    {QStringLiteral("timestamp"), QStringLiteral("2026-11-22T16:00:00Z")},
                    {QStringLiteral("userId"), some.at(i)}});
            server.request(
                "POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                QJsonDocument(QJsonObject {{QStringLiteral("events"), events}}).toJson());
        }
        server.request("PUT", QStringLiteral("/api/v1/optouts/") + some.at(0), "demo-admin",
                       QJsonDocument(QJsonObject {{QStringLiteral("reason"),
                                                   QStringLiteral("GDPR request #4420")},
                                                  {QStringLiteral("deleteStoredEvents"), true}})
                           .toJson());
        server.request("POST", QStringLiteral("/api/v1/usage/events"), "demo-tracker",
                       QStringLiteral("{\"events\":[{\"name\":\"page.viewed\",\"timestamp\":"
                                      "\"2026-11-22T16:00:00Z\",\"userId\":\"%1\"}]}")
                           .arg(some.at(0))
                           .toUtf8());
        s.sync.refresh();
        ok &= QTest::qWaitFor(synced, 10000);
        const QSize size = s.window->size();
        s.window->resize(1280, 760);
        s.window->overviewAction()->trigger();
        // The last 7 days: the days read apart.
        auto *from = s.find<QDateEdit>(QStringLiteral("overviewFromDate"));
        from->setDate(s.window->overviewDock()->through().addDays(-6));
        ok &= QTest::qWaitFor(
            [&s]() { return s.enforcement.hasData() && !s.enforcement.isLoading(); }, 10000);
        QTest::qWait(500);
        ok &= save(s.window.get(), out + QStringLiteral("/overview-%1.png").arg(lang));

        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        ReportController *report = s.window->reportController();
        report->setPathChooser([pdf](const QString &, const QString &) { return pdf; });
        s.window->reportAction()->trigger();
        ok &= QTest::qWaitFor([report]() { return report->dialog() != nullptr; }, 5000);
        if (report->dialog())
            report->dialog()->buttons()->button(QDialogButtonBox::Ok)->click();
        ok &= QTest::qWaitFor([report]() { return !report->isRunning(); }, 30000);
        QProcess render;
        render.start(QStringLiteral("pdftoppm"),
                     {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"),
                      QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                      QStringLiteral("1"), QStringLiteral("-singlefile"), pdf,
                      dir.filePath(QStringLiteral("page"))});
        ok &= render.waitForFinished(30000) && render.exitCode() == 0;
        const QString target = out + QStringLiteral("/report-%1.png").arg(lang);
        QFile::remove(target);
        ok &= QFile::copy(dir.filePath(QStringLiteral("page.png")), target);
        s.window->overviewAction()->trigger();
        s.window->resize(size);
        ok &= QTest::qWaitFor(synced, 10000);
    }

    // Groups and rules: a group's rule confirmed with the service's preview, then View > Rules
    // beside the table's Via column. Both rules removed after (the next shots opt users in).
    {
        QStringList members;
        for (int r = 0; r < s.users.rowCount() && members.size() < 14; ++r) {
            const User &user = s.users.userAt(r);
            if (user.email.endsWith(QLatin1String("@example.com")) && !user.name.isEmpty()
                && user.id != s.sync.me().id && !user.email.startsWith(u"idp@")
                && !s.users.isOptedOut(user.id))
                members << user.id;
        }
        const QString group
            = ScimDirectory::createGroup(server, scim, QStringLiteral("Works council"), members);
        const HttpResult domain
            = server.request("POST", QStringLiteral("/api/v1/optout-rules"), "demo-admin",
                             R"({"kind":"emailDomain","domain":"contractors.example.com",)"
                             R"("reason":"Contractors: not our users"})");
        ok &= !group.isEmpty() && domain.status == 201;
        s.sync.refresh();
        ok &= QTest::qWaitFor(synced, 10000);
        // The picker finds the group as "works" is typed: its list open on it.
        {
            auto *combo = s.find<QComboBox>(QStringLiteral("userCombo"));
            QAbstractItemView *popup = s.window->userPicker()->completer()->popup();
            combo->setFocus();
            QTest::keyClicks(combo->lineEdit(), QStringLiteral("works"));
            ok &= QTest::qWaitFor(
                [popup]() {
                    return popup->isVisible()
                        && popup->model()->index(0, 0).data().toString().contains(
                            QStringLiteral("Works council"));
                },
                10000);
            ok &= saveWithPopup(s.window.get(), popup,
                                out + QStringLiteral("/picker-group-%1.png").arg(lang));
            popup->hide();
            combo->lineEdit()->clear();
            QTest::qWait(100);
        }
        RulesController *rules = s.window->rulesController();
        rules->confirmRule(OptOutRuleSpec::forGroup(group, QStringLiteral("Works council")));
        RuleConfirmDialog *dialog = rules->confirmDialog();
        if (!dialog)
            return 1;
        ok &= QTest::qWaitForWindowExposed(dialog);
        ok &= QTest::qWaitFor([dialog]() { return dialog->hasPreview(); }, 10000);
        dialog->reasonEdit()->setText(QStringLiteral("Works agreement 2026"));
        QTest::qWait(100);
        ok &= save(dialog, out + QStringLiteral("/group-%1.png").arg(lang));
        dialog->confirmButton()->click();
        const QString last = members.constLast();
        ok &= QTest::qWaitFor([&s, last]() { return !s.sync.ledger().ruleCovers(last).isEmpty(); },
                              10000);
        const QSize size = s.window->size();
        s.window->resize(1280, 760);
        auto *table = s.find<QTableView>(QStringLiteral("optOutTable"));
        table->sortByColumn(OptOutModel::ViaColumn, Qt::AscendingOrder);
        s.window->rulesAction()->trigger();
        RulesDock *dock = s.window->rulesDock();
        ok &= QTest::qWaitFor([dock]() { return dock->table()->model()->rowCount() == 2; }, 10000);
        dock->table()->selectRow(1);
        ok &= save(s.window.get(), out + QStringLiteral("/rules-%1.png").arg(lang));
        s.window->rulesAction()->trigger();
        for (int row = 0; row < dock->table()->model()->rowCount(); ++row)
            server.request(
                "DELETE",
                QStringLiteral("/api/v1/optout-rules/")
                    + dock->table()->model()->index(row, 0).data(RulesModel::RuleIdRole).toString(),
                "demo-admin");
        table->sortByColumn(OptOutModel::OptedOutAtColumn, Qt::DescendingOrder);
        s.window->resize(size);
        s.sync.refresh();
        ok &= QTest::qWaitFor([&s, last]() { return !s.sync.ledger().isOptedOut(last); }, 10000);
        ok &= QTest::qWaitFor(synced, 10000);
    }

    // 1. An opt-out, confirmed: the message bar with Undo.
    const QStringList ids = optedIn(s, 4);
    s.window->userPicker()->pickUser(ids.at(0));
    QTest::mouseClick(s.find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    ok &= QTest::qWaitFor([&s]() { return s.sync.pendingCount() == 0; }, 10000);
    ok &= save(s.window.get(), out + QStringLiteral("/undo-%1.png").arg(lang));

    // 1b. Edit > Opt out with a reason…: the confirmation with a reason and the deletion box.
    {
        s.window->userPicker()->pickUser(ids.at(3));
        s.window->optOutWithReasonAction()->trigger();
        ConfirmChangeDialog *dialog = nullptr;
        ok &= QTest::qWaitFor(
            [&]() {
                return (dialog = s.find<ConfirmChangeDialog>(QStringLiteral("confirmChangeDialog")))
                    != nullptr;
            },
            5000);
        if (!dialog)
            return 1;
        ok &= QTest::qWaitForWindowExposed(dialog);
        dialog->reasonEdit()->setText(QStringLiteral("GDPR request #4420"));
        QTest::qWait(100);
        ok &= save(dialog, out + QStringLiteral("/reason-%1.png").arg(lang));
        dialog->reject();
        QTest::qWait(200);
    }

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
