// History's rows per action at 1,000,000 audit entries: each page of entries appended to
// HistoryModel (grouped by request into rows, the entries of an action already shown added under
// it), timed at the start, the middle and the end of the audit, so that a page is seen to cost
// the same whatever is held (O(page)); beside the floor of decoding the same page's JSON, which
// the window pays for every page anyway. The audit is a year's mix: single opt-outs and opt-ins,
// the service's purges (no request), batches, 20 bulk actions of 10,000 users, rules and the
// directory's changes through a group.
#include "historymodel.h"
#include "jsoncodec.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

#include <time.h>

namespace {

QTextStream out(stdout);

// A year of audit, newest first, as the service pages it.
QList<AuditEntry> makeAudit(int total)
{
    const QString optOut = QStringLiteral("opt_out"), optIn = QStringLiteral("opt_in"),
                  purge = QStringLiteral("purge"), ruleCreated = QStringLiteral("rule_created"),
                  request = QStringLiteral("request"), directory = QStringLiteral("directory"),
                  retention = QStringLiteral("retention");
    const QString admins[] = {QStringLiteral("u-1"), QStringLiteral("u-2"), QStringLiteral("u-3")};
    OptOutCover council;
    council.kind = OptOutCover::Kind::Group;
    council.ruleId = QStringLiteral("r-1");
    council.groupId = QStringLiteral("g-1");
    council.groupName = QStringLiteral("Works council");
    quint32 seed = 4711;
    const auto next = [&seed](quint32 below) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % below;
    };
    QList<AuditEntry> entries;
    entries.reserve(total);
    QDateTime at = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    int request_ = 0;
    int bulks = 0;
    while (entries.size() < total) {
        const quint32 kind = next(1000);
        int size = 1;
        QString action = next(3) == 0 ? optIn : optOut;
        QString source = request;
        bool via = false;
        if (kind < 100) {
            action = purge; // the service's own
            source = retention;
        } else if (kind < 130) {
            size = 2 + int(next(199)); // a batch
        } else if (kind < 150) {
            size = 1 + int(next(50)); // the directory's change through a group
            source = directory;
            via = true;
        } else if (entries.size() >= (bulks + 1) * qsizetype(total / 20) - 10000 && bulks < 20) {
            size = 10000; // a bulk action
            action = optOut;
            ++bulks;
        } else if (kind < 155) {
            action = ruleCreated;
        }
        const QString requestId = source == retention
            ? QString()
            : QStringLiteral("7d1f0c2a-0000-4000-8000-%1")
                  .arg(++request_, 12, 10, QLatin1Char('0'));
        const QString actor = source == request ? admins[next(3)] : QString();
        at = at.addSecs(-31);
        for (int i = 0; i < size && entries.size() < total; ++i) {
            AuditEntry e;
            e.id = QStringLiteral("a-%1").arg(total - entries.size());
            e.at = at;
            e.action = action;
            e.source = source;
            e.requestId = requestId;
            e.actorId = actor;
            if (action == ruleCreated) {
                e.ruleId = QStringLiteral("r-%1").arg(request_);
                e.ruleKind = QStringLiteral("group");
                e.ruleGroupName = council.groupName;
                e.count = next(400);
            } else {
                const quint32 user = 4 + next(99996);
                e.userId = QStringLiteral("u-%1").arg(user);
                e.userEmail = QStringLiteral("user%1@example.com").arg(user);
            }
            if (action == purge)
                e.count = next(50);
            if (action == optOut && source == request)
                e.reason = QStringLiteral("request #%1").arg(request_);
            if (via)
                e.via = {council};
            entries.append(e);
        }
    }
    return entries;
}

// The page as GET /api/v1/audit writes it (the fields the app reads).
QByteArray pageJson(const QList<AuditEntry> &entries)
{
    QJsonArray list;
    for (const AuditEntry &e : entries) {
        QJsonObject o {{QStringLiteral("id"), e.id},
                       {QStringLiteral("at"), e.at.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("action"), e.action},
                       {QStringLiteral("source"), e.source},
                       {QStringLiteral("requestId"),
                        e.requestId.isEmpty() ? QJsonValue() : QJsonValue(e.requestId)}};
        o.insert(QStringLiteral("actor"),
                 e.actorId.isEmpty()
                     ? QJsonValue()
                     : QJsonValue(QJsonObject {
                         {QStringLiteral("id"), e.actorId},
                         {QStringLiteral("email"), QStringLiteral("admin@example.com")},
                         {QStringLiteral("name"), QStringLiteral("Ada Admin")}}));
        o.insert(QStringLiteral("user"),
                 e.userId.isEmpty() ? QJsonValue()
                                    : QJsonValue(QJsonObject {
                                        {QStringLiteral("id"), e.userId},
                                        {QStringLiteral("email"), e.userEmail},
                                        {QStringLiteral("name"), QStringLiteral("A User")}}));
        if (e.isRuleEntry()) {
            o.insert(QStringLiteral("rule"),
                     QJsonObject {{QStringLiteral("id"), e.ruleId},
                                  {QStringLiteral("kind"), QStringLiteral("group")},
                                  {QStringLiteral("group"),
                                   QJsonObject {{QStringLiteral("id"), QStringLiteral("g-1")},
                                                {QStringLiteral("name"), e.ruleGroupName}}}});
        }
        if (e.count >= 0)
            o.insert(QStringLiteral("count"), e.count);
        if (!e.reason.isEmpty())
            o.insert(QStringLiteral("reason"), e.reason);
        if (!e.via.isEmpty()) {
            o.insert(QStringLiteral("via"),
                     QJsonArray {QJsonObject {
                         {QStringLiteral("kind"), QStringLiteral("group")},
                         {QStringLiteral("ruleId"), QStringLiteral("r-1")},
                         {QStringLiteral("group"),
                          QJsonObject {{QStringLiteral("id"), QStringLiteral("g-1")},
                                       {QStringLiteral("name"), e.via.constFirst().groupName}}}}});
        }
        list.append(o);
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("entries"), list},
                                      {QStringLiteral("next"), QStringLiteral("a-1")}})
        .toJson(QJsonDocument::Compact);
}

// This thread's CPU time in microseconds: what a page costs, without the time the machine gave
// to others (it is shared with other builds).
double cpuMicros()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e6 + double(t.tv_nsec) / 1e3;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().left(14)).trimmed()
                                          : QStringLiteral("?");
}

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    constexpr int Total = 1000000;
    QElapsedTimer made;
    made.start();
    const QList<AuditEntry> audit = makeAudit(Total);
    out << "(times: this thread's CPU time, medians; the machine's load average at start: "
        << loadAverage() << ")" << Qt::endl;
    out << "History's rows per action: " << Total << " audit entries made in " << made.elapsed()
        << " ms" << Qt::endl;

    for (const int pageSize : {int(HistoryModel::PageSize), 1000}) {
        // The floor: decoding one page's JSON, which every page costs the window anyway.
        const QByteArray json = pageJson(audit.mid(Total / 2, pageSize));
        QList<double> decode;
        for (int run = 0; run < 21; ++run) {
            const double t = cpuMicros();
            const ApiResult<AuditPage> page = JsonCodec::decodeAuditPage(json);
            decode.append(cpuMicros() - t);
            if (!page.ok() || page.value().entries.size() != pageSize) {
                out << "decoding failed: " << page.error().message << Qt::endl;
                return 1;
            }
        }

        const qint64 rssBefore = rssKiB();
        HistoryModel model(nullptr);
        const int pages = (Total + pageSize - 1) / pageSize;
        QList<double> perPage;
        perPage.reserve(pages);
        QElapsedTimer all;
        all.start();
        for (int p = 0; p < pages; ++p) {
            const QList<AuditEntry> page = audit.mid(qsizetype(p) * pageSize, pageSize);
            const double t = cpuMicros();
            model.appendEntries(page);
            perPage.append(cpuMicros() - t);
        }
        const double total = double(all.nsecsElapsed()) / 1e6;
        double cpuTotal = 0;
        for (const double us : std::as_const(perPage))
            cpuTotal += us;
        const int window = std::max(10, pages / 50);
        const double first = median(perPage.mid(0, window));
        const double middle = median(perPage.mid(pages / 2 - window / 2, window));
        const double last = median(perPage.mid(pages - window, window));
        // The mean of each tenth of the audit (the same mix of actions in each).
        QStringList tenths;
        for (int tenth = 0; tenth < 10; ++tenth) {
            const QList<double> part = perPage.mid(tenth * pages / 10, pages / 10);
            double sum = 0;
            for (const double us : part)
                sum += us;
            tenths << QString::number(sum / double(part.size()), 'f', 0);
        }
        out << "pages of " << pageSize << " (" << pages << " pages, " << model.rowCount()
            << " rows for " << model.entryCount() << " entries):" << Qt::endl;
        out << "  floor: decoding one page's JSON (median of 21)      " << median(decode) << " us"
            << Qt::endl;
        out << "  page appended, median of the first " << window << " pages         " << first
            << " us" << Qt::endl;
        out << "  page appended, median of " << window << " around " << Total / 2 << " held      "
            << middle << " us" << Qt::endl;
        out << "  page appended, median of the last " << window << " pages          " << last
            << " us  (last/first " << last / first
            << "; about 1 when a page costs the same whatever is held)" << Qt::endl;
        out << "  page appended, mean of each tenth of the audit (us)  " << tenths.join(u' ')
            << Qt::endl;
        out << "  slowest page " << *std::max_element(perPage.cbegin(), perPage.cend())
            << " us; all pages " << cpuTotal / 1e3 << " ms CPU (" << total
            << " ms wall); memory held by the model about " << (rssKiB() - rssBefore) / 1024
            << " MiB" << Qt::endl;
    }
    return 0;
}
