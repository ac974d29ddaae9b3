// Groups and opt-out rules from the app's side against the real optout-server: the groups
// search, a rule's preview, creation and removal through ApiClient, the `via` of the opt-out
// list in the ledger, the refusal of a covered user's opt-in, and RulesModel's rows.
#include "apiclient.h"
#include "apitestutil.h"
#include "historymodel.h"
#include "jsoncodec.h"
#include "optoutledger.h"
#include "rulesmodel.h"
#include "scimdirectory.h"
#include "synccache.h"
#include "testserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestRules final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void groupsSearch();
    void groupRuleFromPreviewToRemoval();
    void domainRule();
    void badRulesAreRefused();
    void rulesModelChangesByRows();
    void malformedViaIsRefused();
    void cacheKeepsVia();
    void historyShowsRuleEntries();

private:
    QList<OptOutEntry> optOuts();
    const OptOutEntry *entryOf(const QList<OptOutEntry> &list, const QString &userId);

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<ApiClient> m_api;
    QByteArray m_scimToken;
    QList<User> m_users; // Example Org's, by e-mail
};

void TestRules::initTestCase()
{
    m_scimToken = ScimDirectory::setUp(
        m_server, {QStringLiteral("--demo-users"), QStringLiteral("30"), QStringLiteral("--quiet")},
        "c.one@contractors.example.com,Cleo One,user\n"
        "c.two@Contractors.Example.com,Carl Two,user\n");
    QVERIFY(!m_scimToken.isEmpty());
    m_api = std::make_unique<ApiClient>(&m_network);
    m_api->setBaseUrl(m_server.baseUrl());
    m_api->setToken("demo-admin");
    const auto page = waitFor<UsersPage>(
        [this](QObject *c, ApiCallback<UsersPage> d) { m_api->fetchUsersPage(0, 1000, {}, c, d); });
    QVERIFY(page && page->ok());
    for (const User &user : page->value().users) {
        if (user.email.endsWith(QLatin1String("@example.com"))
            && !user.email.startsWith(QLatin1String("admin@"))
            && !user.email.startsWith(QLatin1String("idp@")))
            m_users.append(user);
    }
    std::sort(m_users.begin(), m_users.end(),
              [](const User &a, const User &b) { return a.email < b.email; });
    QVERIFY(m_users.size() >= 20);
}

QList<OptOutEntry> TestRules::optOuts()
{
    const auto list = waitFor<OptOutList>(
        [this](QObject *c, ApiCallback<OptOutList> d) { m_api->fetchOptOuts({}, c, d); });
    if (!list || !list->ok())
        return {};
    return list->value().optOuts;
}

const OptOutEntry *TestRules::entryOf(const QList<OptOutEntry> &list, const QString &userId)
{
    for (const OptOutEntry &entry : list) {
        if (entry.user.id == userId)
            return &entry;
    }
    return nullptr;
}

void TestRules::groupsSearch()
{
    const QStringList members {m_users.at(0).id, m_users.at(1).id, m_users.at(2).id};
    QVERIFY(!ScimDirectory::createGroup(m_server, m_scimToken, QStringLiteral("Finance"), members)
                 .isEmpty());
    QVERIFY(!ScimDirectory::createGroup(m_server, m_scimToken, QStringLiteral("Field sales"),
                                        {m_users.at(3).id})
                 .isEmpty());
    auto found = waitFor<GroupsPage>([this](QObject *c, ApiCallback<GroupsPage> d) {
        m_api->fetchGroups(0, 50, QStringLiteral("FIN"), c, d);
    });
    QVERIFY(found && found->ok());
    QCOMPARE(found->value().groups.size(), 1);
    QCOMPARE(found->value().groups.at(0).name, QStringLiteral("Finance"));
    QCOMPARE(found->value().groups.at(0).memberCount, 3);
    QCOMPARE(found->value().groups.at(0).optedOut, false);
    QCOMPARE(found->value().total, 1);
    // A search with characters a query must encode.
    found = waitFor<GroupsPage>([this](QObject *c, ApiCallback<GroupsPage> d) {
        m_api->fetchGroups(0, 50, QStringLiteral("d s&x=1"), c, d);
    });
    QVERIFY(found && found->ok());
    QCOMPARE(found->value().groups.size(), 0);
    found = waitFor<GroupsPage>([this](QObject *c, ApiCallback<GroupsPage> d) {
        m_api->fetchGroups(0, 50, QStringLiteral("d s"), c, d);
    });
    QVERIFY(found && found->ok());
    QCOMPARE(found->value().groups.size(), 1);
    QCOMPARE(found->value().groups.at(0).name, QStringLiteral("Field sales"));
}

void TestRules::groupRuleFromPreviewToRemoval()
{
    QStringList members;
    for (int i = 5; i < 10; ++i)
        members.append(m_users.at(i).id);
    const QString groupId = ScimDirectory::createGroup(m_server, m_scimToken,
                                                       QStringLiteral("Works council"), members);
    QVERIFY(!groupId.isEmpty());
    // One member already opted out on their own.
    const auto put = waitFor<PutOptOutResult>(
        [&](QObject *c, ApiCallback<PutOptOutResult> d) { m_api->putOptOut(members.at(0), c, d); });
    QVERIFY(put && put->ok());

    OptOutRuleSpec spec = OptOutRuleSpec::forGroup(groupId, QStringLiteral("Works council"));
    const auto preview
        = waitFor<OptOutRulePreview>([&](QObject *c, ApiCallback<OptOutRulePreview> d) {
              m_api->previewOptOutRule(spec, c, d);
          });
    QVERIFY(preview && preview->ok());
    QCOMPARE(preview->value().userCount, 5);
    QCOMPARE(preview->value().newlyOptedOut, 4);
    QCOMPARE(preview->value().sample.size(), 5);
    QCOMPARE(preview->value().sample.at(0).email, m_users.at(5).email);
    QVERIFY(!entryOf(optOuts(), members.at(1))); // a preview changes nothing

    spec.options.reason = QStringLiteral("Works agreement 2026");
    auto created = waitFor<CreatedOptOutRule>(
        [&](QObject *c, ApiCallback<CreatedOptOutRule> d) { m_api->createOptOutRule(spec, c, d); });
    QVERIFY(created && created->ok());
    QVERIFY(created->value().created);
    QVERIFY(created->value().revision > 0);
    const OptOutRule rule = created->value().rule;
    QCOMPARE(rule.kind, QStringLiteral("group"));
    QCOMPARE(rule.groupId, groupId);
    QCOMPARE(rule.groupName, QStringLiteral("Works council"));
    QCOMPARE(rule.reason, QStringLiteral("Works agreement 2026"));
    QCOMPARE(RulesModel::ruleText(rule), QStringLiteral("Group: Works council"));
    // The same rule again: the existing one, nothing new.
    created = waitFor<CreatedOptOutRule>(
        [&](QObject *c, ApiCallback<CreatedOptOutRule> d) { m_api->createOptOutRule(spec, c, d); });
    QVERIFY(created && created->ok());
    QVERIFY(!created->value().created);
    QCOMPARE(created->value().rule.id, rule.id);

    // The opt-out list says why, and the ledger reads it.
    const QList<OptOutEntry> list = optOuts();
    const OptOutEntry *own = entryOf(list, members.at(0));
    const OptOutEntry *covered = entryOf(list, members.at(1));
    QVERIFY(own && covered);
    QVERIFY(own->isIndividual());
    QCOMPARE(own->ruleCovers().size(), 1);
    QVERIFY(!covered->isIndividual());
    QCOMPARE(covered->via.size(), 1);
    QCOMPARE(covered->via.at(0).kind, OptOutCover::Kind::Group);
    QCOMPARE(covered->via.at(0).ruleId, rule.id);
    QCOMPARE(covered->via.at(0).groupName, QStringLiteral("Works council"));
    QCOMPARE(RulesModel::viaText(covered->via), QStringLiteral("Group: Works council"));
    QCOMPARE(RulesModel::viaText(own->via), QStringLiteral("Individually, Group: Works council"));
    QString outsider; // someone nothing opts out
    for (const User &user : std::as_const(m_users)) {
        if (!entryOf(list, user.id)) {
            outsider = user.id;
            break;
        }
    }
    QVERIFY(!outsider.isEmpty());
    OptOutLedger ledger;
    ledger.setConfirmed(list, 1);
    QCOMPARE(ledger.via(members.at(1)), OptOutLedger::Via::Rule);
    QCOMPARE(ledger.via(members.at(0)), OptOutLedger::Via::Confirmed);
    QCOMPARE(ledger.via(outsider), OptOutLedger::Via::None);
    QCOMPARE(ledger.ruleCovers(members.at(1)).size(), 1);
    QCOMPARE(ledger.ruleCovers(members.at(1)).at(0).ruleId, rule.id);
    QVERIFY(ledger.ruleCovers(outsider).isEmpty());

    // The service refuses a covered user's opt-in, and says which rule.
    const auto refused = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOut(members.at(1), c, d); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().httpStatus, 409);
    QCOMPARE(refused->error().code, QStringLiteral("covered_by_rule"));
    QVERIFY(refused->error().message.contains(QLatin1String("View > Rules")));
    QCOMPARE(refused->error().detailUserIds(), QStringList {members.at(1)});

    const auto groups = waitFor<GroupsPage>([this](QObject *c, ApiCallback<GroupsPage> d) {
        m_api->fetchGroups(0, 50, QStringLiteral("works"), c, d);
    });
    QVERIFY(groups && groups->ok() && groups->value().groups.size() == 1);
    QVERIFY(groups->value().groups.at(0).optedOut);

    // Removed: those only it covered are back in; the one opted out on their own stays.
    const auto removed = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOutRule(rule.id, c, d); });
    QVERIFY(removed && removed->ok());
    const QList<OptOutEntry> after = optOuts();
    QVERIFY(entryOf(after, members.at(0)));
    QCOMPARE(entryOf(after, members.at(0))->ruleCovers().size(), 0);
    for (int i = 1; i < members.size(); ++i)
        QVERIFY(!entryOf(after, members.at(i)));
    const auto again = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOutRule(rule.id, c, d); });
    QVERIFY(again && !again->ok());
    QCOMPARE(again->error().httpStatus, 404);
    // Tidy: the individual opt-out goes too.
    const auto in = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOut(members.at(0), c, d); });
    QVERIFY(in && in->ok());
}

void TestRules::domainRule()
{
    const OptOutRuleSpec spec
        = OptOutRuleSpec::forDomain(QStringLiteral("contractors.example.com"));
    const auto preview
        = waitFor<OptOutRulePreview>([&](QObject *c, ApiCallback<OptOutRulePreview> d) {
              m_api->previewOptOutRule(spec, c, d);
          });
    QVERIFY(preview && preview->ok());
    QCOMPARE(preview->value().userCount, 2);
    QCOMPARE(preview->value().newlyOptedOut, 2);
    const auto created = waitFor<CreatedOptOutRule>(
        [&](QObject *c, ApiCallback<CreatedOptOutRule> d) { m_api->createOptOutRule(spec, c, d); });
    QVERIFY(created && created->ok() && created->value().created);
    QCOMPARE(created->value().rule.kind, QStringLiteral("emailDomain"));
    QCOMPARE(created->value().rule.domain, QStringLiteral("contractors.example.com"));
    QCOMPARE(RulesModel::ruleText(created->value().rule),
             QStringLiteral("Domain: contractors.example.com"));
    int covered = 0;
    for (const OptOutEntry &entry : optOuts()) {
        if (!entry.user.email.endsWith(QLatin1String("example.com"), Qt::CaseInsensitive)
            || !entry.user.email.contains(QLatin1String("@contractors."), Qt::CaseInsensitive))
            continue;
        ++covered;
        QCOMPARE(entry.via.size(), 1);
        QCOMPARE(entry.via.at(0).kind, OptOutCover::Kind::EmailDomain);
        QCOMPARE(RulesModel::coverText(entry.via.at(0)),
                 QStringLiteral("Domain: contractors.example.com"));
    }
    QCOMPARE(covered, 2);
    const auto removed = waitFor<NoContent>([&](QObject *c, ApiCallback<NoContent> d) {
        m_api->deleteOptOutRule(created->value().rule.id, c, d);
    });
    QVERIFY(removed && removed->ok());
}

void TestRules::badRulesAreRefused()
{
    for (const QString &domain : {QStringLiteral("*"), QStringLiteral("example"),
                                  QStringLiteral("a..b"), QStringLiteral("@example.com")}) {
        const auto preview
            = waitFor<OptOutRulePreview>([&](QObject *c, ApiCallback<OptOutRulePreview> d) {
                  m_api->previewOptOutRule(OptOutRuleSpec::forDomain(domain), c, d);
              });
        QVERIFY(preview && !preview->ok());
        QCOMPARE(preview->error().httpStatus, 400);
    }
    const auto unknown
        = waitFor<CreatedOptOutRule>([&](QObject *c, ApiCallback<CreatedOptOutRule> d) {
              m_api->createOptOutRule(OptOutRuleSpec::forGroup(QStringLiteral("g-none"), {}), c, d);
          });
    QVERIFY(unknown && !unknown->ok());
    QCOMPARE(unknown->error().httpStatus, 404);
    const auto rules = waitFor<QList<OptOutRule>>(
        [&](QObject *c, ApiCallback<QList<OptOutRule>> d) { m_api->fetchOptOutRules(c, d); });
    QVERIFY(rules && rules->ok());
    QVERIFY(rules->value().isEmpty());
}

void TestRules::rulesModelChangesByRows()
{
    RulesModel model(m_api.get());
    QSignalSpy loaded(&model, &RulesModel::loaded);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removedRows(&model, &QAbstractItemModel::rowsRemoved);
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 0);

    const QString groupId = ScimDirectory::createGroup(
        m_server, m_scimToken, QStringLiteral("Board"), {m_users.at(12).id, m_users.at(13).id});
    QVERIFY(!groupId.isEmpty());
    OptOutRuleSpec group = OptOutRuleSpec::forGroup(groupId, QStringLiteral("Board"));
    group.options.reason = QStringLiteral("Board decision");
    QString groupRuleId;
    for (const OptOutRuleSpec &spec :
         {group, OptOutRuleSpec::forDomain(QStringLiteral("contractors.example.com"))}) {
        const auto created
            = waitFor<CreatedOptOutRule>([&](QObject *c, ApiCallback<CreatedOptOutRule> d) {
                  m_api->createOptOutRule(spec, c, d);
              });
        QVERIFY(created && created->ok());
        if (groupRuleId.isEmpty())
            groupRuleId = created->value().rule.id;
    }
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowOf(groupRuleId), 0);
    QCOMPARE(model.index(0, RulesModel::RuleColumn).data().toString(),
             QStringLiteral("Group: Board"));
    QCOMPARE(model.index(0, RulesModel::UsersColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(model.index(0, RulesModel::ReasonColumn).data().toString(),
             QStringLiteral("Board decision"));
    QCOMPARE(model.index(0, RulesModel::ByColumn).data().toString(), QStringLiteral("Ada Admin"));
    QCOMPARE(model.index(1, RulesModel::RuleColumn).data().toString(),
             QStringLiteral("Domain: contractors.example.com"));
    QCOMPARE(model.index(1, RulesModel::UsersColumn).data().toString(), QStringLiteral("2"));

    // One removed: one row leaves, the other stays (no reset).
    const auto removed = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOutRule(groupRuleId, c, d); });
    QVERIFY(removed && removed->ok());
    model.reload();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(removedRows.size(), 1);
    QCOMPARE(removedRows.at(0).at(1).toInt(), 0);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(model.rowOf(groupRuleId), -1);
    const QString domainRuleId = model.rule(0).id;
    const auto tidy = waitFor<NoContent>(
        [&](QObject *c, ApiCallback<NoContent> d) { m_api->deleteOptOutRule(domainRuleId, c, d); });
    QVERIFY(tidy && tidy->ok());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestRules::malformedViaIsRefused()
{
    const QByteArray head
        = R"({"revision":3,"optOuts":[{"user":{"id":"u-1","email":"a@b.c","name":"A"},)"
          R"("optedOutAt":"2026-12-05T10:00:00Z","optedOutBy":{"id":"u-2","email":"x@b.c"},)";
    QVERIFY(JsonCodec::decodeOptOutList(head + R"("via":[{"kind":"individual"}]}]})").ok());
    QVERIFY(!JsonCodec::decodeOptOutList(head + R"("via":[{"kind":"team"}]}]})").ok());
    QVERIFY(
        !JsonCodec::decodeOptOutList(head + R"("via":[{"kind":"group","ruleId":"r-1"}]}]})").ok());
    QVERIFY(!JsonCodec::decodeOptOutList(
                 head + R"("via":[{"kind":"emailDomain","ruleId":"r-1","domain":""}]}]})")
                 .ok());
    QVERIFY(!JsonCodec::decodeOptOutList(head + R"("via":{}}]})").ok());
    const auto old = JsonCodec::decodeOptOutList(head + R"("reason":null}]})");
    QVERIFY(old.ok());
    QVERIFY(old.value().optOuts.at(0).via.isEmpty());
    QVERIFY(old.value().optOuts.at(0).isIndividual());
}

void TestRules::cacheKeepsVia()
{
    QTemporaryDir dir;
    SyncSnapshot snapshot;
    snapshot.me.id = QStringLiteral("u-1");
    OptOutEntry entry;
    entry.user = m_users.at(0);
    entry.optedOutAt = QDateTime::currentDateTimeUtc();
    OptOutCover group;
    group.kind = OptOutCover::Kind::Group;
    group.ruleId = QStringLiteral("r-1");
    group.groupId = QStringLiteral("g-1");
    group.groupName = QStringLiteral("Works council");
    OptOutCover domain;
    domain.kind = OptOutCover::Kind::EmailDomain;
    domain.ruleId = QStringLiteral("r-2");
    domain.domain = QStringLiteral("example.com");
    entry.via = {OptOutCover {}, group, domain};
    snapshot.optOuts = {entry};
    snapshot.revision = 4;
    const QString path = dir.filePath(QStringLiteral("cache.bin"));
    QVERIFY(SyncCache::save(path, snapshot));
    SyncSnapshot loaded;
    QVERIFY(SyncCache::load(path, &loaded));
    QCOMPARE(loaded.optOuts.size(), 1);
    QVERIFY(loaded.optOuts.at(0) == entry);
}

// The rules made and removed above are in the history as such: "user": null, the rule and the
// count; the page still loads.
void TestRules::historyShowsRuleEntries()
{
    HistoryModel history(m_api.get());
    QSignalSpy failed(&history, &HistoryModel::loadFailed);
    history.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!history.isLoading() && history.rowCount() > 0, 10000);
    QCOMPARE(failed.size(), 0);
    int created = 0;
    int removed = 0;
    for (int row = 0; row < history.rowCount(); ++row) {
        const AuditEntry &entry = history.entry(row);
        const QString action = history.index(row, HistoryModel::ActionColumn).data().toString();
        const QString what = history.index(row, HistoryModel::UserColumn).data().toString();
        if (entry.action == QLatin1String("rule_created")) {
            ++created;
            QVERIFY2(action.startsWith(QLatin1String("Rule created")), qPrintable(action));
            QVERIFY2(what.startsWith(QLatin1String("Group: ")) || what.startsWith(u"Domain: "),
                     qPrintable(what));
        } else if (entry.action == QLatin1String("rule_deleted")) {
            ++removed;
            QVERIFY2(action.startsWith(QLatin1String("Rule removed")), qPrintable(action));
        }
        if (entry.action == QLatin1String("rule_created")
            && entry.ruleGroupName == u"Works council") {
            QCOMPARE(entry.count, 4); // newly opted out: one was out on their own
            QCOMPARE(what, QStringLiteral("Group: Works council"));
            QCOMPARE(entry.reason, QStringLiteral("Works agreement 2026"));
        }
    }
    QCOMPARE(created, 4); // Works council, the domain twice, Board
    QCOMPARE(removed, 4);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_apprules.moc"
