// Reasons and the retention window in the real MainWindow against the real optout-server: the
// reason in the opt-out confirmation, the Reason and "Deletion planned" columns, "Delete stored
// data now" from the confirmation and from a row's context menu.
#include "appsettings.h"
#include "checkboxheader.h"
#include "confirmchangedialog.h"
#include "guitestsession.h"
#include "jsoncodec.h"
#include "languagemanager.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "pendingchangesdialog.h"
#include "serviceprobe.h"
#include "syncstatustext.h"
#include "testserver.h"
#include "usagesummarymodel.h"
#include "userpicker.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr qint64 PurgeAfter = 2 * 86400; // the server's --purge-after 2d

} // namespace

class TestReasons : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void reasonTypedInTheConfirmationReachesTheService();
    void reasonFieldRefusesWhatTheServiceWould();
    void reasonColumnHiddenByDefaultAndRemembered();
    void deletionColumnAndTooltip();
    void deleteNowFromTheConfirmation();
    void deleteNowFromTheRowMenu();
    // Last: it stops and restarts the server.
    void pendingDeletionIsListedAndSentLater();

private:
    bool waitSynced();
    // A user neither opted out nor the admin, not used by an earlier test.
    QString freshUser();
    ConfirmChangeDialog *openReasonDialog(const QString &userId);
    TestServer m_server;
    LanguageManager m_languages; // English, with its plural forms
    std::unique_ptr<GuiTestSession> m_session;
    int m_nextUser = 10;
};

void TestReasons::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_languages.setLanguage(QStringLiteral("en")));
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("80"),
                            QStringLiteral("--demo-optouts"), QStringLiteral("0"),
                            QStringLiteral("--purge-after"), QStringLiteral("2d"),
                            QStringLiteral("--quiet")}));
}

void TestReasons::init()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &m_languages);
    QVERIFY(waitSynced());
}

void TestReasons::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

bool TestReasons::waitSynced()
{
    return QTest::qWaitFor(
        [this]() { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
}

QString TestReasons::freshUser()
{
    for (;;) {
        const QString id = QStringLiteral("u-%1").arg(m_nextUser++);
        if (!m_session->users.isOptedOut(id) && id != m_session->sync.me().id
            && m_session->users.userById(id))
            return id;
    }
}

ConfirmChangeDialog *TestReasons::openReasonDialog(const QString &userId)
{
    MainWindow *window = m_session->window.get();
    if (!window->userPicker()->pickUser(userId))
        return nullptr;
    QAction *action = window->optOutWithReasonAction();
    if (!action || !action->isEnabled())
        return nullptr;
    // The shortcut of Edit > Opt out with a reason…
    QTest::keyClick(window, Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    ConfirmChangeDialog *dialog = nullptr;
    (void)QTest::qWaitFor(
        [&]() {
            return (dialog
                    = m_session->find<ConfirmChangeDialog>(QStringLiteral("confirmChangeDialog")))
                != nullptr;
        },
        5000);
    return dialog;
}

// Typed in the confirmation, the reason reaches the service (entry and audit) and shows in the
// Reason column at once.
void TestReasons::reasonTypedInTheConfirmationReachesTheService()
{
    const QString id = freshUser();
    ConfirmChangeDialog *dialog = openReasonDialog(id);
    QVERIFY(dialog);
    QVERIFY(dialog->reasonEdit()->isVisible());
    QVERIFY(dialog->deleteNowBox()->isVisible());
    QVERIFY(!dialog->deleteNowBox()->isChecked());
    const QString reason = QStringLiteral("GDPR request #4411 — Zoë");
    // Typed (QTest types ASCII only), then the rest as an input method would insert it.
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("GDPR request #4411"));
    dialog->reasonEdit()->insert(QStringLiteral(" — Zoë"));
    QCOMPARE(dialog->reasonEdit()->text(), reason);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_session->find<ConfirmChangeDialog>(QStringLiteral("confirmChangeDialog")));

    OptOutModel &model = m_session->optOuts;
    const int row = model.rowOfKey(id);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, OptOutModel::ReasonColumn).data().toString(), reason);
    QVERIFY(m_session->window->undoAvailable()); // the fast path's Undo, here too
    QTRY_COMPARE_WITH_TIMEOUT(
        ServiceProbe::optOutEntry(m_server, id).value(QLatin1String("reason")).toString(), reason,
        20000);
    const QJsonArray audit
        = m_server.request("GET", QStringLiteral("/api/v1/audit?userId=") + id, "demo-admin")
              .json()
              .object()
              .value(QLatin1String("entries"))
              .toArray();
    QCOMPARE(audit.at(0).toObject().value(QLatin1String("reason")).toString(), reason);
    QTRY_VERIFY(!model.isPendingAt(model.rowOfKey(id)));
    QCOMPARE(model.index(model.rowOfKey(id), OptOutModel::ReasonColumn).data().toString(), reason);
    // The fast path is unchanged: one click, no dialog, no reason.
    const QString other = freshUser();
    QVERIFY(m_session->window->userPicker()->pickUser(other));
    QTest::mouseClick(m_session->find<QPushButton>(QStringLiteral("optOutButton")), Qt::LeftButton);
    QVERIFY(!m_session->find<ConfirmChangeDialog>(QStringLiteral("confirmChangeDialog")));
    QVERIFY(model.rowOfKey(other) >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(!ServiceProbe::optOutEntry(m_server, other).isEmpty(), 20000);
    QVERIFY(ServiceProbe::optOutEntry(m_server, other).value(QLatin1String("reason")).isNull());
}

// What the service would refuse (over 500 characters, control characters) cannot be sent: the
// field stops at 500, and a pasted tab or line break is named and blocks the confirmation.
void TestReasons::reasonFieldRefusesWhatTheServiceWould()
{
    const QString id = freshUser();
    ConfirmChangeDialog *dialog = openReasonDialog(id);
    QVERIFY(dialog);
    QLineEdit *edit = dialog->reasonEdit();
    edit->setText(QString(600, QLatin1Char('x')));
    QCOMPARE(edit->text().size(), 500);
    QVERIFY(dialog->confirmButton()->isEnabled());
    edit->setText(QStringLiteral("line one\tline two"));
    auto *problem = dialog->findChild<QLabel *>(QStringLiteral("reasonProblemLabel"));
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("control characters")));
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QTest::keyClick(edit, Qt::Key_Return); // Enter does not get past it either
    QVERIFY(dialog->isVisible());
    edit->setText(QStringLiteral("line one line two"));
    QVERIFY(!problem->isVisible());
    QVERIFY(dialog->confirmButton()->isEnabled());
    dialog->reject();
    QCOMPARE(m_session->optOuts.rowOfKey(id), -1);
    QVERIFY(m_session->sync.pendingActions().isEmpty());
}

// The Reason column starts hidden; the header's menu shows it; the choice survives a new
// window. A header state saved by an older version (fewer columns) is dropped cleanly.
void TestReasons::reasonColumnHiddenByDefaultAndRemembered()
{
    MainWindow *window = m_session->window.get();
    CheckBoxHeader *header = window->tableHeader();
    QVERIFY(header->isSectionHidden(OptOutModel::ReasonColumn));
    QVERIFY(!header->isSectionHidden(OptOutModel::PurgeAtColumn));
    emit header->customContextMenuRequested(QPoint(40, 5));
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = window->findChild<QMenu *>(QStringLiteral("columnsMenu"))));
    auto *show = menu->findChild<QAction *>(
        QStringLiteral("actionShowColumn_%1").arg(int(OptOutModel::ReasonColumn)));
    QVERIFY(show);
    QCOMPARE(show->text(), QStringLiteral("Reason"));
    QVERIFY(show->isCheckable());
    QVERIFY(!show->isChecked());
    show->trigger();
    menu->close();
    QVERIFY(!header->isSectionHidden(OptOutModel::ReasonColumn));

    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
        AppSettings settings(ini);
        window->saveTo(settings);
        settings.sync();
    }
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &m_languages);
    QVERIFY(m_session->window->tableHeader()->isSectionHidden(OptOutModel::ReasonColumn));
    {
        AppSettings settings(ini);
        m_session->window->restoreFrom(settings);
    }
    QVERIFY(!m_session->window->tableHeader()->isSectionHidden(OptOutModel::ReasonColumn));
    QVERIFY(waitSynced());
    QVERIFY(!m_session->window->tableHeader()->isSectionHidden(OptOutModel::ReasonColumn));

    // An older version's state: no column count saved with it.
    {
        QSettings raw(ini, QSettings::IniFormat);
        raw.remove(QStringLiteral("mainWindow/optOutTableColumns"));
    }
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), "demo-admin", &m_languages);
    {
        AppSettings settings(ini);
        m_session->window->restoreFrom(settings);
    }
    QVERIFY(m_session->window->tableHeader()->isSectionHidden(OptOutModel::ReasonColumn));
    QCOMPARE(m_session->window->tableHeader()->count(), int(OptOutModel::ColumnCount));
    QVERIFY(waitSynced());
}

// The planned deletion: optedOutAt + the service's window, in the column (short format, local
// time) and the row's tooltip; "—" and "none awaits deletion" without stored data. Both columns
// sort.
void TestReasons::deletionColumnAndTooltip()
{
    QCOMPARE(m_session->sync.me().purgeAfterSeconds, PurgeAfter);
    const QString withData = freshUser();
    const QString withoutData = freshUser();
    QVERIFY(ServiceProbe::storeClientEvents(m_server, withData, 3));
    for (const QString &id : {withData, withoutData}) {
        QVERIFY(m_server
                    .request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin",
                             R"({"reason":"Asked by phone"})",
                             {{"Content-Type", "application/json"}})
                    .status
                == 201);
    }
    m_session->sync.refresh();
    OptOutModel &model = m_session->optOuts;
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOfKey(withData) >= 0 && model.rowOfKey(withoutData) >= 0,
                             20000);
    const int row = model.rowOfKey(withData);
    const OptOutEntry entry = model.entryAt(row);
    QVERIFY(entry.purgeAt.isValid());
    QCOMPARE(entry.purgeAt, entry.optedOutAt.addSecs(PurgeAfter));
    QCOMPARE(model.index(row, OptOutModel::PurgeAtColumn).data().toString(),
             QLocale().toString(entry.purgeAt.toLocalTime(), QLocale::ShortFormat));
    const QString tip = model.index(row, OptOutModel::NameColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLocale().toString(entry.purgeAt.toLocalTime(), QLocale::LongFormat)),
             qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("will be deleted")));
    const QString reasonTip
        = model.index(row, OptOutModel::ReasonColumn).data(Qt::ToolTipRole).toString();
    QVERIFY(reasonTip.contains(QStringLiteral("Asked by phone")));

    const int bare = model.rowOfKey(withoutData);
    QCOMPARE(model.index(bare, OptOutModel::PurgeAtColumn).data().toString(), QStringLiteral("—"));
    QVERIFY(model.index(bare, OptOutModel::EmailColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("No stored usage data")));

    // Sorting: the one with a planned deletion after the one without, ascending.
    QTableView *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    table->sortByColumn(OptOutModel::PurgeAtColumn, Qt::AscendingOrder);
    const QAbstractItemModel *shown = table->model();
    int shownWith = -1;
    int shownWithout = -1;
    for (int r = 0; r < shown->rowCount(); ++r) {
        const QString id = shown->index(r, 0).data(OptOutModel::UserIdRole).toString();
        if (id == withData)
            shownWith = r;
        else if (id == withoutData)
            shownWithout = r;
    }
    QVERIFY(shownWithout < shownWith);
    QVERIFY(shown->index(shown->rowCount() - 1, OptOutModel::PurgeAtColumn).data().toString()
            != QStringLiteral("—"));
    table->sortByColumn(OptOutModel::ReasonColumn, Qt::DescendingOrder);
    QCOMPARE(shown->index(0, OptOutModel::ReasonColumn).data().toString().isEmpty(), false);
}

// "Delete stored data now" in the confirmation: deleted at once, nothing awaits deletion; Undo
// opts the user back in and says the data is gone.
void TestReasons::deleteNowFromTheConfirmation()
{
    const QString id = freshUser();
    QVERIFY(ServiceProbe::storeClientEvents(m_server, id, 3));
    ConfirmChangeDialog *dialog = openReasonDialog(id);
    QVERIFY(dialog);
    QVERIFY(dialog->deleteNowBox()->text().contains(QStringLiteral("cannot be undone")));
    auto *retention = dialog->findChild<QLabel *>(QStringLiteral("retentionLabel"));
    QVERIFY(retention && retention->isVisible());
    QVERIFY2(retention->text().contains(QStringLiteral("deleted after 2 days")),
             qPrintable(retention->text()));
    dialog->deleteNowBox()->setChecked(true);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY(!m_session->find<ConfirmChangeDialog>(QStringLiteral("confirmChangeDialog")));
    QVERIFY2(m_session->window->noteText().contains(QStringLiteral("deleted")),
             qPrintable(m_session->window->noteText()));
    QTRY_VERIFY_WITH_TIMEOUT(!ServiceProbe::optOutEntry(m_server, id).isEmpty(), 20000);
    QVERIFY(ServiceProbe::optOutEntry(m_server, id).value(QLatin1String("purgeAt")).isNull());
    const QJsonObject summary = ServiceProbe::usageSummaryOf(m_server, id);
    QVERIFY(!summary.contains(QLatin1String("awaitingDeletion")));
    QCOMPARE(summary.value(QLatin1String("client")).toInt(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_session->window->noteText().contains(QStringLiteral("is opted out "
                                                                                   "and their "
                                                                                   "stored")),
                             20000);
    QCOMPARE(m_session->optOuts.index(m_session->optOuts.rowOfKey(id), OptOutModel::PurgeAtColumn)
                 .data()
                 .toString(),
             QStringLiteral("—"));

    QVERIFY(m_session->window->undoAvailable());
    m_session->window->undoLastChange();
    QVERIFY2(m_session->window->noteText().contains(QStringLiteral("already deleted")),
             qPrintable(m_session->window->noteText()));
    QTRY_VERIFY_WITH_TIMEOUT(ServiceProbe::optOutEntry(m_server, id).isEmpty(), 20000);
    // Back in, with no events: they are gone for good.
    QTRY_VERIFY_WITH_TIMEOUT(m_session->sync.pendingCount() == 0, 20000);
    QCOMPARE(ServiceProbe::usageSummaryOf(m_server, id).value(QLatin1String("client")).toInt(), 0);
}

// A row's context menu, on checked rows: one confirmation naming how many and that it cannot
// be undone; then nothing awaits deletion for them, in the service and in the usage summary.
void TestReasons::deleteNowFromTheRowMenu()
{
    const QStringList ids {freshUser(), freshUser()};
    const QString untouched = freshUser();
    for (const QString &id : ids + QStringList {untouched}) {
        QVERIFY(ServiceProbe::storeClientEvents(m_server, id, 3));
        QVERIFY(
            m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status
            == 201);
    }
    MainWindow *window = m_session->window.get();
    OptOutModel &model = m_session->optOuts;
    m_session->sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOfKey(ids.at(0)) >= 0 && model.rowOfKey(ids.at(1)) >= 0
                                 && model.rowOfKey(untouched) >= 0,
                             20000);
    for (const QString &id : ids)
        QVERIFY(
            ServiceProbe::usageSummaryOf(m_server, id).contains(QLatin1String("awaitingDeletion")));
    // The usage summary, open.
    window->usageSummaryDock()->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->usageSummary.rowOfKey(ids.at(0)) >= 0, 20000);
    QTRY_VERIFY(!m_session->usageSummary
                     .index(m_session->usageSummary.rowOfKey(ids.at(0)),
                            UsageSummaryModel::AwaitingDeletionColumn)
                     .data()
                     .toString()
                     .isEmpty());

    model.setChecked({model.rowOfKey(ids.at(0)), model.rowOfKey(ids.at(1))}, Qt::Checked);
    QTableView *table = m_session->find<QTableView>(QStringLiteral("optOutTable"));
    const QModelIndex at = static_cast<QAbstractProxyModel *>(table->model())
                               ->mapFromSource(model.index(model.rowOfKey(ids.at(1)), 1));
    table->scrollTo(at);
    emit table->customContextMenuRequested(table->visualRect(at).center());
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = window->findChild<QMenu *>(QStringLiteral("optOutRowMenu"))));
    auto *purge = menu->findChild<QAction *>(QStringLiteral("actionDeleteStoredData"));
    QVERIFY(purge);
    QVERIFY(purge->isEnabled());
    QVERIFY2(purge->text().contains(QStringLiteral("2 users")), qPrintable(purge->text()));
    purge->trigger();
    menu->close();
    // Not offered for a row with nothing awaiting deletion.
    const QString bare = freshUser();
    QVERIFY(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + bare, "demo-admin").status
            == 201);
    m_session->sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowOfKey(bare) >= 0, 20000);
    const QModelIndex bareAt = static_cast<QAbstractProxyModel *>(table->model())
                                   ->mapFromSource(model.index(model.rowOfKey(bare), 1));
    table->scrollTo(bareAt);
    emit table->customContextMenuRequested(table->visualRect(bareAt).center());
    QMenu *bareMenu = nullptr;
    QTRY_VERIFY((bareMenu = window->findChild<QMenu *>(QStringLiteral("optOutRowMenu")))
                && bareMenu != menu);
    QVERIFY(!bareMenu->findChild<QAction *>(QStringLiteral("actionDeleteStoredData"))->isEnabled());
    bareMenu->close();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteStoredDataBox"))));
    QVERIFY(box->text().contains(QStringLiteral("2 users")));
    QVERIFY(box->informativeText().contains(QStringLiteral("cannot be undone")));
    auto *remove = box->findChild<QPushButton *>(QStringLiteral("deleteNowButton"));
    QVERIFY(remove);
    QVERIFY(box->defaultButton() != remove);
    remove->click();

    QTRY_VERIFY_WITH_TIMEOUT(
        window->noteText().contains(QStringLiteral("stored usage data of 2 users is deleted")),
        20000);
    for (const QString &id : ids) {
        QVERIFY(!ServiceProbe::usageSummaryOf(m_server, id)
                     .contains(QLatin1String("awaitingDeletion")));
        QVERIFY(!ServiceProbe::optOutEntry(m_server, id).isEmpty()); // still opted out
    }
    QVERIFY(ServiceProbe::usageSummaryOf(m_server, untouched)
                .contains(QLatin1String("awaitingDeletion")));
    QTRY_VERIFY_WITH_TIMEOUT(m_session->usageSummary
                                 .index(m_session->usageSummary.rowOfKey(ids.at(0)),
                                        UsageSummaryModel::AwaitingDeletionColumn)
                                 .data()
                                 .toString()
                                 .isEmpty(),
                             20000);
    QTRY_VERIFY(model.index(model.rowOfKey(ids.at(0)), OptOutModel::PurgeAtColumn).data().toString()
                == QStringLiteral("—"));
    QVERIFY(!window->undoAvailable()); // nothing to undo: it cannot be
}

// A deletion asked for while the service is down: listed as such among the pending changes,
// sent when the service is back.
void TestReasons::pendingDeletionIsListedAndSentLater()
{
    const QString id = freshUser();
    QVERIFY(ServiceProbe::storeClientEvents(m_server, id, 3));
    QVERIFY(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, "demo-admin").status
            == 201);
    m_session->sync.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(m_session->optOuts.rowOfKey(id) >= 0, 20000);
    QVERIFY(m_session->optOuts.entryAt(m_session->optOuts.rowOfKey(id)).purgeAt.isValid());
    m_server.stop();
    MainWindow *window = m_session->window.get();
    window->confirmDeleteStoredData({id});
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("deleteStoredDataBox"))));
    box->findChild<QPushButton *>(QStringLiteral("deleteNowButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->sync.state(), SyncController::State::Offline, 20000);
    QCOMPARE(m_session->sync.pendingCount(), 1);
    window->showPendingChanges();
    PendingChangesDialog *pending = window->pendingChangesDialog();
    QVERIFY(pending);
    QCOMPARE(pending->table()->model()->rowCount(), 1);
    QVERIFY2(pending->table()->model()->index(0, 1).data().toString().startsWith(
                 QStringLiteral("Opt-out and deletion of stored data")),
             qPrintable(pending->table()->model()->index(0, 1).data().toString()));
    pending->close();

    QVERIFY(m_server.restartOnSamePort({QStringLiteral("--demo"), QStringLiteral("--purge-after"),
                                        QStringLiteral("2d"), QStringLiteral("--quiet")}));
    m_session->sync.refresh();
    QVERIFY2(QTest::qWaitFor([this]() { return m_session->sync.pendingCount() == 0; }, 20000),
             qPrintable(SyncStatusText::status(m_session->sync) + QLatin1String(" / ")
                        + m_session->sync.lastError().technical));
    QTRY_VERIFY_WITH_TIMEOUT(window->noteText().contains(QStringLiteral("is deleted")), 20000);
    QVERIFY(
        !ServiceProbe::usageSummaryOf(m_server, id).contains(QLatin1String("awaitingDeletion")));
    QVERIFY(!ServiceProbe::optOutEntry(m_server, id).isEmpty());
}

QTEST_MAIN(TestReasons)
#include "tst_reasons.moc"
