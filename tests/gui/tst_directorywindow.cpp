// The window follows the organisation's directory: users provisioned, renamed or deprovisioned
// over SCIM while it is open show up at the next refresh, in order, without a model reset; an
// opted-out user who left the directory is marked in the table and can still be opted in.
#include "guitestsession.h"
#include "messagepresenter.h"
#include "optoutmodel.h"
#include "testserver.h"
#include "userpicker.h"
#include "usersearchmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray kAdmin = QByteArrayLiteral("demo-admin");

QByteArray scimUser(const QString &userName, const QString &formatted)
{
    return QJsonDocument(QJsonObject {{QStringLiteral("schemas"),
                                       QJsonArray {QStringLiteral(
                                           "urn:ietf:params:scim:schemas:core:2.0:User")}},
                                      {QStringLiteral("userName"), userName},
                                      {QStringLiteral("name"),
                                       QJsonObject {{QStringLiteral("formatted"), formatted}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray patch(const QString &path, const QJsonValue &value)
{
    return QJsonDocument(
               QJsonObject {
                   {QStringLiteral("schemas"),
                    QJsonArray {QStringLiteral("urn:ietf:params:scim:api:messages:2.0:PatchOp")}},
                   {QStringLiteral("Operations"),
                    QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                                             {QStringLiteral("path"), path},
                                             {QStringLiteral("value"), value}}}}})
        .toJson(QJsonDocument::Compact);
}
} // namespace

class TestDirectoryWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void provisionedUserAppearsInOrder();
    void leftUserIsMarkedAndCanBeOptedIn();

private:
    bool waitSynced()
    {
        return QTest::qWaitFor(
            [this] { return m_session->sync.state() == SyncController::State::Synced; }, 20000);
    }
    void refresh()
    {
        m_session->window->activateWindow();
        QTest::keyClick(m_session->window.get(), Qt::Key_F5);
    }
    HttpResult scim(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return m_server.request(method, QStringLiteral("/scim/v2") + path, m_scimToken, body,
                                {{"Content-Type", "application/scim+json"}});
    }
    // The e-mails in the picker's order (the whole list: no query).
    QStringList pickerEmails() const
    {
        QStringList emails;
        const UserSearchModel *search = m_session->window->userPicker()->searchModel();
        for (int r = 0; r < search->rowCount(); ++r)
            emails.append(m_session->users.userAt(search->sourceRow(r)).email);
        return emails;
    }

    TestServer m_server;
    QByteArray m_scimToken;
    std::unique_ptr<GuiTestSession> m_session;
};

void TestDirectoryWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    MessagePresenter::setRecordOnly(true);
    QVERIFY(m_server.start({QStringLiteral("--demo-users"), QStringLiteral("60")}));
    m_server.stop();
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("idp.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("email,name,roles\nidp@example.com,Identity Provider,directory_sync\n");
    csv.close();
    QCOMPARE(m_server.runOnce({QStringLiteral("--import-users"), csv.fileName(),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    QCOMPARE(m_server.runOnce({QStringLiteral("--issue-token"), QStringLiteral("idp@example.com"),
                               QStringLiteral("--org"), QStringLiteral("o-1")}),
             0);
    m_scimToken = QRegularExpression(QStringLiteral("shown only now: (\\S+)"))
                      .match(QString::fromUtf8(m_server.output()))
                      .captured(1)
                      .toUtf8();
    QVERIFY(m_scimToken.size() >= 40);
    QVERIFY(m_server.restart({QStringLiteral("--demo")}));
}

void TestDirectoryWindow::cleanup()
{
    m_session.reset();
    MessagePresenter::clearRecorded();
}

void TestDirectoryWindow::provisionedUserAppearsInOrder()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    QAbstractItemModelTester tester(&m_session->users,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&m_session->users, &QAbstractItemModel::modelReset);
    const QStringList before = pickerEmails();
    QVERIFY(before.size() >= 60);
    QStringList sorted = before;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(before, sorted);

    // Provisioned while the window is open: in its sorted place at the next refresh.
    const HttpResult created
        = scim("POST", QStringLiteral("/Users"),
               scimUser(QStringLiteral("mmm.middle@example.com"), QStringLiteral("Mia Middle")));
    QCOMPARE(created.status, 201);
    const QString id = created.json().object()[QStringLiteral("id")].toString();
    refresh();
    QTRY_VERIFY_WITH_TIMEOUT(pickerEmails().contains(QStringLiteral("mmm.middle@example.com")),
                             15000);
    QStringList expected = before;
    expected.append(QStringLiteral("mmm.middle@example.com"));
    std::sort(expected.begin(), expected.end());
    QCOMPARE(pickerEmails(), expected);
    QVERIFY(pickerEmails().first() != QLatin1String("mmm.middle@example.com"));

    // Renamed: moves to its new place.
    QCOMPARE(scim("PATCH", QStringLiteral("/Users/") + id,
                  patch(QStringLiteral("userName"), QStringLiteral("aaa.first@example.com")))
                 .status,
             200);
    refresh();
    QTRY_COMPARE_WITH_TIMEOUT(pickerEmails().first(), QStringLiteral("aaa.first@example.com"),
                              15000);
    QVERIFY(!pickerEmails().contains(QStringLiteral("mmm.middle@example.com")));
    QCOMPARE(m_session->users.userById(id)->name, QStringLiteral("Mia Middle"));

    // Deprovisioned: gone from the picker.
    QCOMPARE(scim("DELETE", QStringLiteral("/Users/") + id).status, 204);
    refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!pickerEmails().contains(QStringLiteral("aaa.first@example.com")),
                             15000);
    QCOMPARE(pickerEmails(), before);
    QCOMPARE(resets.count(), 0);
}

void TestDirectoryWindow::leftUserIsMarkedAndCanBeOptedIn()
{
    m_session = std::make_unique<GuiTestSession>(m_server.baseUrl(), kAdmin);
    QVERIFY(waitSynced());
    const HttpResult created
        = scim("POST", QStringLiteral("/Users"),
               scimUser(QStringLiteral("leaver@example.com"), QStringLiteral("Lea Leaver")));
    QCOMPARE(created.status, 201);
    const QString id = created.json().object()[QStringLiteral("id")].toString();
    QCOMPARE(m_server.request("PUT", QStringLiteral("/api/v1/optouts/") + id, kAdmin).status, 201);
    refresh();
    const auto row = [this, &id] {
        return m_session->optOuts.rowOfKey(id);
    };
    QTRY_VERIFY_WITH_TIMEOUT(row() >= 0, 15000);
    QVERIFY(!m_session->optOuts.hasLeftDirectoryAt(row()));

    QCOMPARE(scim("PATCH", QStringLiteral("/Users/") + id, patch(QStringLiteral("active"), false))
                 .status,
             200);
    refresh();
    QTRY_VERIFY_WITH_TIMEOUT(row() >= 0 && m_session->optOuts.hasLeftDirectoryAt(row()), 15000);
    const QModelIndex name = m_session->optOuts.index(row(), OptOutModel::NameColumn);
    QVERIFY(name.data().toString().contains(QLatin1String("no longer in the directory")));
    QVERIFY(name.data().toString().contains(QLatin1String("Lea Leaver")));
    QVERIFY(m_session->users.userById(id) == nullptr);

    // Still allowed: opting them in from the table.
    m_session->optOuts.setChecked({row()}, Qt::Checked);
    auto *optIn = m_session->window->findChild<QPushButton *>(QStringLiteral("optInButton"));
    QVERIFY(optIn);
    QTRY_VERIFY(optIn->isEnabled());
    QTest::mouseClick(optIn, Qt::LeftButton);
    // A confirmation may be asked for bulk changes; one row is not bulk.
    QTRY_VERIFY_WITH_TIMEOUT(row() < 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_server.request("GET", QStringLiteral("/api/v1/optouts"), kAdmin)
                                  .body.contains("\"" + id.toUtf8() + "\""),
                             15000);
}

QTEST_MAIN(TestDirectoryWindow)
#include "tst_directorywindow.moc"
