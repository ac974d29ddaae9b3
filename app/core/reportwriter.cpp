// File > Report…: the service's answers are fetched here, page by page; the worker thread
// decodes them, keeps the rows in temporary files and draws the PDF (twice: once to count the
// pages, once to write them), so nothing on the GUI thread grows with the audit.
#include "reportwriter.h"

#include "apiclient.h"
#include "jsoncodec.h"
#include "serialworker.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTemporaryFile>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <functional>

namespace {

constexpr int Dpi = 300;
constexpr qreal MarginMm = 18;

qreal pt(qreal points)
{
    return points * Dpi / 72.0;
}

// One row of the opt-outs or the deletions, as kept in the worker's temporary file.
struct Row
{
    QDateTime at;
    QString userName;
    QString userEmail;
    QString actorName;
    QString actorEmail;
    QString source;
    QString reason;
    qint64 count = -1;
};

QDataStream &operator<<(QDataStream &out, const Row &r)
{
    return out << r.at << r.userName << r.userEmail << r.actorName << r.actorEmail << r.source
               << r.reason << r.count;
}

QDataStream &operator>>(QDataStream &in, Row &r)
{
    return in >> r.at >> r.userName >> r.userEmail >> r.actorName >> r.actorEmail >> r.source
        >> r.reason >> r.count;
}

QString person(const QString &name, const QString &email)
{
    if (name.isEmpty())
        return email;
    if (email.isEmpty())
        return name;
    return QCoreApplication::translate("ReportWriter", "%1 <%2>").arg(name, email);
}

// The text of the report, set out in pages: a cursor moving down, a new page when the next
// block does not fit. Without a painter it only counts the pages (the first pass).
class Flow
{
public:
    Flow(QPdfWriter *writer, QPainter *painter, const ReportRequest &request, int totalPages,
         const std::function<void(int)> &pageDone)
        : m_writer(writer)
        , m_painter(painter)
        , m_request(request)
        , m_totalPages(totalPages)
        , m_pageDone(pageDone)
    {
        const QRect paint = writer->pageLayout().paintRectPixels(Dpi);
        m_width = paint.width();
        m_footer = pt(24);
        m_bottom = paint.height() - m_footer;
        body = QFont(QStringLiteral("DejaVu Sans"));
        body.setPointSizeF(9.5);
        // No ligatures (Qt shapes none when letters are spaced): "fi" in the PDF's text stays
        // two letters, so that it can be searched and copied.
        body.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
        small = body;
        small.setPointSizeF(8);
        bold = body;
        bold.setBold(true);
        heading = body;
        heading.setPointSizeF(13);
        heading.setBold(true);
        title = body;
        title.setPointSizeF(18);
        title.setBold(true);
    }

    qreal width() const { return m_width; }
    int page() const { return m_page; }
    bool drawing() const { return m_painter != nullptr; }
    QPainter *painter() const { return m_painter; }

    qreal textHeight(const QFont &font, const QString &text, qreal width) const
    {
        const QFontMetricsF metrics(font, m_writer);
        return metrics
            .boundingRect(QRectF(0, 0, width, 1e9), Qt::TextWordWrap | Qt::AlignLeft, text)
            .height();
    }

    // A rectangle of height `h` at the cursor, on a new page when it does not fit.
    QRectF take(qreal h)
    {
        if (m_y > 0 && m_y + h > m_bottom)
            newPage();
        const QRectF r(0, m_y, m_width, h);
        m_y += h;
        return r;
    }
    void space(qreal h) { m_y = std::min(m_y + h, m_bottom); }
    qreal room() const { return m_bottom - m_y; }

    void paragraph(const QFont &font, const QString &text, qreal after = pt(6))
    {
        const qreal h = textHeight(font, text, m_width);
        const QRectF r = take(h);
        if (m_painter) {
            m_painter->setFont(font);
            m_painter->setPen(Qt::black);
            m_painter->drawText(r, Qt::TextWordWrap | Qt::AlignLeft, text);
        }
        space(after);
    }

    // A heading kept with at least `keep` of what follows.
    void headingText(const QString &text, qreal keep = pt(40))
    {
        const qreal h = textHeight(heading, text, m_width);
        if (m_y > 0 && m_y + h + keep > m_bottom)
            newPage();
        space(pt(6));
        paragraph(heading, text, pt(4));
    }

    // One table row: cells of the given widths (fractions of the width), wrapped.
    void row(const QList<qreal> &widths, const QStringList &cells, const QFont &font,
             const QList<Qt::Alignment> &align = {}, bool rule = true)
    {
        const qreal pad = pt(3);
        qreal h = 0;
        for (int i = 0; i < cells.size(); ++i)
            h = std::max(h, textHeight(font, cells.at(i), widths.at(i) * m_width - 2 * pad));
        h += 2 * pad;
        const QRectF r = take(h);
        if (!m_painter)
            return;
        m_painter->setFont(font);
        qreal x = 0;
        for (int i = 0; i < cells.size(); ++i) {
            const qreal w = widths.at(i) * m_width;
            const Qt::Alignment a = i < align.size() ? align.at(i) : Qt::AlignLeft;
            m_painter->setPen(Qt::black);
            m_painter->drawText(QRectF(x + pad, r.top() + pad, w - 2 * pad, h - 2 * pad),
                                Qt::TextWordWrap | a | Qt::AlignTop, cells.at(i));
            x += w;
        }
        if (rule) {
            m_painter->setPen(QPen(QColor(0xcc, 0xcc, 0xcc), pt(0.5)));
            m_painter->drawLine(QPointF(0, r.bottom()), QPointF(m_width, r.bottom()));
        }
    }

    void newPage()
    {
        footer();
        if (m_painter)
            m_writer->newPage();
        ++m_page;
        m_y = 0;
    }
    void end() { footer(); }

    QFont body, small, bold, heading, title;

private:
    void footer()
    {
        if (m_painter) {
            m_painter->setFont(small);
            m_painter->setPen(QColor(0x55, 0x55, 0x55));
            const QRectF r(0, m_bottom + pt(8), m_width, m_footer - pt(8));
            m_painter->drawText(r, Qt::AlignLeft | Qt::AlignBottom,
                                QCoreApplication::translate("ReportWriter", "Opt-out report · %1")
                                    .arg(m_request.orgName));
            m_painter->drawText(r, Qt::AlignRight | Qt::AlignBottom,
                                QCoreApplication::translate("ReportWriter", "Page %1 of %2")
                                    .arg(m_request.locale.toString(m_page),
                                         m_request.locale.toString(m_totalPages)));
        }
        if (m_pageDone)
            m_pageDone(m_page);
    }

    QPdfWriter *m_writer;
    QPainter *m_painter;
    const ReportRequest &m_request;
    int m_totalPages;
    std::function<void(int)> m_pageDone;
    qreal m_width = 0;
    qreal m_bottom = 0;
    qreal m_footer = 0;
    qreal m_y = 0;
    int m_page = 1;
};

struct ChartLine
{
    QString name;
    QColor color;
    QList<qint64> values;
};

// The axis' top: four whole steps of 1, 2 or 5 × 10^k, at least `value`.
qint64 niceTop(qint64 value)
{
    const qint64 need = std::max<qint64>((value + 3) / 4, 1);
    for (qint64 power = 1;; power *= 10) {
        for (qint64 f : {1, 2, 5}) {
            if (f * power >= need)
                return 4 * f * power;
        }
    }
}

// A line chart of one value per day, drawn with QPainter (Qt Charts' scene belongs to the GUI
// thread).
void drawChart(QPainter *p, const QRectF &area, const QString &title, const QList<QDate> &days,
               const QList<ChartLine> &lines, const QLocale &locale, const QFont &font,
               const QFont &titleFont)
{
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setFont(titleFont);
    p->setPen(Qt::black);
    const QFontMetricsF tm(titleFont, p->device());
    p->drawText(QRectF(area.left(), area.top(), area.width(), tm.height()), Qt::AlignLeft, title);
    p->setFont(font);
    const QFontMetricsF fm(font, p->device());
    qint64 top = 0;
    for (const ChartLine &line : lines) {
        for (qint64 v : line.values)
            top = std::max(top, v);
    }
    top = niceTop(top);
    // Four steps of the axis; the labels' width sets the plot's left edge.
    const int steps = 4;
    qreal labelWidth = 0;
    for (int i = 0; i <= steps; ++i)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(locale.toString(top * i / steps)));
    const qreal legend = lines.size() > 1 ? fm.height() * 1.6 : 0;
    const QRectF plot(area.left() + labelWidth + pt(6), area.top() + tm.height() + pt(6),
                      area.width() - labelWidth - pt(12),
                      area.height() - tm.height() - pt(6) - fm.height() * 1.6 - legend);
    p->setPen(QPen(QColor(0xdd, 0xdd, 0xdd), pt(0.5)));
    for (int i = 0; i <= steps; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / steps;
        p->drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    p->setPen(Qt::black);
    for (int i = 0; i <= steps; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / steps;
        p->drawText(QRectF(area.left(), y - fm.height() / 2, labelWidth, fm.height()),
                    Qt::AlignRight | Qt::AlignVCenter, locale.toString(top * i / steps));
    }
    p->setPen(QPen(Qt::black, pt(0.75)));
    p->drawLine(plot.bottomLeft(), plot.bottomRight());
    const int n = int(days.size());
    const auto xOf = [&plot, n](int i) {
        return n <= 1 ? plot.center().x() : plot.left() + plot.width() * i / (n - 1);
    };
    // At most six dates under the axis, the first and the last among them.
    const int labels = std::min(n, 6);
    for (int k = 0; k < labels; ++k) {
        const int i = labels == 1 ? 0 : int(std::lround(double(k) * (n - 1) / (labels - 1)));
        const QString text = locale.toString(days.at(i), QLocale::ShortFormat);
        const qreal w = fm.horizontalAdvance(text) + pt(2);
        qreal x = xOf(i) - w / 2;
        x = std::clamp(x, area.left(), area.right() - w);
        p->drawText(QRectF(x, plot.bottom() + pt(3), w, fm.height()), Qt::AlignCenter, text);
        p->drawLine(QPointF(xOf(i), plot.bottom()), QPointF(xOf(i), plot.bottom() + pt(2)));
    }
    for (const ChartLine &line : lines) {
        QPainterPath path;
        for (int i = 0; i < n && i < line.values.size(); ++i) {
            const QPointF point(xOf(i), plot.bottom() - plot.height() * line.values.at(i) / top);
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        p->setPen(QPen(line.color, pt(1.2)));
        p->setBrush(Qt::NoBrush);
        p->drawPath(path);
        if (n <= 62) {
            p->setBrush(line.color);
            for (int i = 0; i < n && i < line.values.size(); ++i)
                p->drawEllipse(
                    QPointF(xOf(i), plot.bottom() - plot.height() * line.values.at(i) / top),
                    pt(1.3), pt(1.3));
        }
    }
    if (lines.size() > 1) {
        qreal x = plot.left();
        const qreal y = area.bottom() - legend + pt(2);
        for (const ChartLine &line : lines) {
            p->setPen(Qt::NoPen);
            p->setBrush(line.color);
            p->drawRect(QRectF(x, y + fm.height() / 2 - pt(3), pt(10), pt(6)));
            p->setPen(Qt::black);
            const qreal w = fm.horizontalAdvance(line.name) + pt(2);
            p->drawText(QRectF(x + pt(14), y, w, fm.height()), Qt::AlignLeft, line.name);
            x += pt(14) + w + pt(14);
        }
    }
    p->restore();
}

} // namespace

// Runs on the report's worker (SerialWorker): decodes the audit's pages into temporary files, then
// draws the PDF into a QSaveFile. Destroyed without a commit, the QSaveFile removes its temporary
// file: no partial report stays.
class ReportWorker final : public QObject
{
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)
public:
    ReportWorker(QObject *replies, std::shared_ptr<std::atomic_bool> stopped,
                 const ReportRequest &request)
        : m_replies(replies)
        , m_stopped(std::move(stopped))
        , m_request(request)
    {
    }

    // One page of the audit (opt-outs or purges): its rows kept, its cursor returned.
    void addPage(const QByteArray &body, bool purges,
                 const std::function<void(const QString &next, qint64 rows)> &done,
                 const std::function<void(const QString &error)> &failed)
    {
        if (m_stopped->load())
            return;
        const ApiResult<AuditPage> page = JsonCodec::decodeAuditPage(body);
        if (!page) {
            const QString error = page.error().message;
            post([failed, error] { failed(error); });
            return;
        }
        QTemporaryFile &file = purges ? m_purges : m_optOuts;
        if (!file.isOpen() && !file.open()) {
            const QString error = file.errorString();
            post([failed, error] { failed(error); });
            return;
        }
        QDataStream out(&file);
        qint64 &count = purges ? m_purgeRows : m_optOutRows;
        for (const AuditEntry &e : page.value().entries) {
            Row row;
            row.at = e.at;
            row.userName = e.userName;
            row.userEmail = e.userEmail;
            row.actorName = e.actorName;
            row.actorEmail = e.actorEmail;
            row.source = e.source;
            row.reason = e.reason;
            row.count = e.count;
            out << row;
            ++count;
        }
        if (out.status() != QDataStream::Ok) {
            const QString error = file.errorString();
            post([failed, error] { failed(error); });
            return;
        }
        const QString next = page.value().entries.isEmpty() ? QString() : page.value().next;
        post([done, next, rows = count] { done(next, rows); });
    }

    void render(const EnforcementStats &stats, const std::optional<QList<OptOutRule>> &rules,
                const std::function<void(int page, int pages)> &pageDone,
                const std::function<void(int pages)> &committed,
                const std::function<void(const QString &error)> &failed)
    {
        if (m_stopped->load())
            return;
        m_stats = stats;
        m_rules = rules;
        QSaveFile file(m_request.path);
        if (!file.open(QIODevice::WriteOnly)) {
            const QString error = file.errorString();
            post([failed, error] { failed(error); });
            return;
        }
        QPdfWriter writer(&file);
        writer.setResolution(Dpi);
        writer.setPageSize(QPageSize(m_request.paper));
        writer.setPageMargins(QMarginsF(MarginMm, MarginMm, MarginMm, MarginMm),
                              QPageLayout::Millimeter);
        writer.setTitle(tr("Opt-out report of %1").arg(m_request.orgName));
        writer.setCreator(QStringLiteral("optout-admin"));
        // First pass: the pages, counted.
        int pages = 0;
        {
            Flow count(&writer, nullptr, m_request, 0, {});
            if (!document(count))
                return stop(file);
            pages = count.page();
        }
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            post([failed] { failed(tr("The PDF could not be started.")); });
            return;
        }
        int lastPosted = 0;
        Flow flow(&writer, &painter, m_request, pages,
                  [this, &lastPosted, pages, pageDone](int page) {
                      if (page - lastPosted >= std::max(1, pages / 200) || page == pages) {
                          lastPosted = page;
                          post([pageDone, page, pages] { pageDone(page, pages); });
                      }
                  });
        const bool complete = document(flow);
        painter.end();
        if (!complete)
            return stop(file);
        if (!file.commit()) {
            const QString error = file.errorString();
            post([failed, error] { failed(error); });
            return;
        }
        post([committed, pages] { committed(pages); });
    }

private:
    void stop(QSaveFile &file) { file.cancelWriting(); }

    // The whole report through `flow`; false when stopped on the way.
    bool document(Flow &flow)
    {
        const QLocale &l = m_request.locale;
        const EnforcementCounts &t = m_stats.totals;
        flow.paragraph(flow.title, tr("Product usage opt-out report"), pt(4));
        flow.paragraph(flow.heading,
                       m_request.productName.isEmpty()
                           ? m_request.orgName
                           : tr("%1 · %2").arg(m_request.orgName, m_request.productName),
                       pt(8));
        flow.paragraph(flow.body,
                       tr("Period: %1 to %2 (days of the time zone %3)")
                           .arg(l.toString(m_request.from, QLocale::LongFormat),
                                l.toString(m_request.through, QLocale::LongFormat),
                                m_stats.timeZone.isEmpty() ? QString::fromUtf8(m_request.zone.id())
                                                           : m_stats.timeZone),
                       pt(2));
        flow.paragraph(flow.body,
                       tr("Produced on %1")
                           .arg(l.toString(QDateTime::currentDateTime().toTimeZone(m_request.zone),
                                           QLocale::LongFormat)),
                       pt(2));
        if (m_stats.countingSince.isValid()) {
            const QString since
                = l.toString(m_stats.countingSince.toTimeZone(m_request.zone), QLocale::LongFormat);
            flow.paragraph(flow.body,
                           m_stats.countingSince > m_stats.since
                               ? tr("The service has counted these figures since %1; the days "
                                    "of the period before then show nothing.")
                                     .arg(since)
                               : tr("The service has counted these figures since %1.").arg(since));
        }

        flow.headingText(tr("Totals"));
        const QList<qreal> two {0.7, 0.3};
        const QList<Qt::Alignment> right {Qt::AlignLeft, Qt::AlignRight};
        const QList<QPair<QString, qint64>> totals {
            {tr("Client-side events accepted"), t.acceptedClient},
            {tr("Client-side events discarded (opted-out users)"), t.discardedClient},
            {tr("Server-side events recorded"), t.acceptedServer},
            {tr("Server-side events not recorded (opted-out users)"), t.discardedServer},
            {tr("Stored events deleted"), t.deletedEvents},
            {tr("Opt-outs"), t.optOuts},
            {tr("Opt-ins"), t.optIns},
            {tr("Opted-out users at the end of the period"), t.optedOutUsers},
        };
        for (const auto &[label, value] : totals)
            flow.row(two, {label, l.toString(value)}, flow.body, right);

        flow.headingText(tr("What the service does with an opted-out user's events"));
        flow.paragraph(flow.body, statement());

        // The charts: a third of a page each at most.
        QList<QDate> days;
        QList<qint64> optedOut, accepted, discarded, deleted;
        for (const EnforcementBucket &b : m_stats.buckets) {
            days << b.date;
            optedOut << b.counts.optedOutUsers;
            accepted << b.counts.accepted();
            discarded << b.counts.discarded();
            deleted << b.counts.deletedEvents;
        }
        flow.headingText(tr("Per day"), pt(180));
        const qreal chartHeight = pt(190);
        const struct
        {
            QString title;
            QList<ChartLine> lines;
        } charts[] = {
            {tr("Opted-out users"), {{tr("Opted-out users"), QColor(0x1f, 0x6f, 0xb4), optedOut}}},
            {tr("Events accepted and discarded per day"),
             {{tr("Accepted"), QColor(0x2e, 0x8b, 0x57), accepted},
              {tr("Discarded"), QColor(0xc0, 0x39, 0x2b), discarded}}},
            {tr("Stored events deleted per day"),
             {{tr("Deleted"), QColor(0x7d, 0x3c, 0x98), deleted}}},
        };
        for (const auto &chart : charts) {
            const QRectF r = flow.take(chartHeight);
            if (flow.drawing() && !days.isEmpty())
                drawChart(flow.painter(), r.adjusted(0, pt(4), 0, -pt(8)), chart.title, days,
                          chart.lines, l, flow.small, flow.bold);
        }

        if (m_rules) {
            flow.headingText(tr("Opt-out rules in force"));
            if (m_rules->isEmpty())
                flow.paragraph(flow.body, tr("None: every opt-out is individual."));
            const QList<qreal> widths {0.4, 0.15, 0.45};
            for (const OptOutRule &rule : *m_rules) {
                const QString what = rule.kind == QLatin1String("group")
                    ? tr("Group: %1").arg(rule.groupName)
                    : rule.kind == QLatin1String("emailDomain")
                    ? tr("E-mail domain: %1").arg(rule.domain)
                    : rule.kind;
                QString since;
                if (rule.createdAt.isValid())
                    since = tr("Since %1")
                                .arg(l.toString(rule.createdAt.toTimeZone(m_request.zone),
                                                QLocale::ShortFormat));
                if (!rule.createdByName.isEmpty() || !rule.createdByEmail.isEmpty())
                    since += QLatin1Char('\n')
                        + tr("by %1").arg(person(rule.createdByName, rule.createdByEmail));
                if (!rule.reason.isEmpty())
                    since += QLatin1Char('\n') + tr("Reason: %1").arg(rule.reason);
                flow.row(widths,
                         {what,
                          rule.userCount >= 0 ? tr("%1 users").arg(l.toString(rule.userCount))
                                              : QString(),
                          since},
                         flow.body);
            }
        }

        flow.headingText(tr("Opt-outs in the period: %1").arg(l.toString(m_optOutRows)));
        if (m_optOutRows == 0)
            flow.paragraph(flow.body, tr("None."));
        else {
            const QList<qreal> widths {0.18, 0.3, 0.22, 0.3};
            flow.row(widths, {tr("When"), tr("User"), tr("By"), tr("Reason")}, flow.bold);
            if (!rows(m_optOuts, [&](const Row &r) {
                    QString by = person(r.actorName, r.actorEmail);
                    if (r.source == QLatin1String("directory"))
                        by = tr("The directory (a rule)");
                    flow.row(widths,
                             {l.toString(r.at.toTimeZone(m_request.zone), QLocale::ShortFormat),
                              person(r.userName, r.userEmail), by, r.reason},
                             flow.small);
                }))
                return false;
        }

        flow.headingText(
            tr("Deletions of stored events in the period: %1").arg(l.toString(m_purgeRows)));
        if (m_purgeRows == 0)
            flow.paragraph(flow.body, tr("None."));
        else {
            const QList<qreal> widths {0.18, 0.32, 0.15, 0.35};
            const QList<Qt::Alignment> align {Qt::AlignLeft, Qt::AlignLeft, Qt::AlignRight,
                                              Qt::AlignLeft};
            flow.row(widths, {tr("When"), tr("User"), tr("Events deleted"), tr("Asked for by")},
                     flow.bold, align);
            if (!rows(m_purges, [&](const Row &r) {
                    QString by;
                    if (r.source == QLatin1String("retention")
                        || (r.source.isEmpty() && r.actorName.isEmpty() && r.actorEmail.isEmpty()))
                        by = tr("Nobody: the retention window ended");
                    else if (r.source == QLatin1String("directory"))
                        by = tr("The directory");
                    else
                        by = person(r.actorName, r.actorEmail);
                    flow.row(widths,
                             {l.toString(r.at.toTimeZone(m_request.zone), QLocale::ShortFormat),
                              person(r.userName, r.userEmail),
                              r.count >= 0 ? l.toString(r.count) : QString(), by},
                             flow.small, align);
                }))
                return false;
        }
        flow.end();
        return !m_stopped->load();
    }

    // Each row of `file` in order; false when stopped on the way.
    bool rows(QTemporaryFile &file, const std::function<void(const Row &)> &each)
    {
        if (!file.isOpen())
            return true;
        file.flush();
        file.seek(0);
        QDataStream in(&file);
        qint64 i = 0;
        while (!in.atEnd()) {
            Row row;
            in >> row;
            if (in.status() != QDataStream::Ok)
                break;
            each(row);
            if (++i % 256 == 0 && m_stopped->load())
                return false;
        }
        return !m_stopped->load();
    }

    QString statement() const
    {
        QString text = tr("While a user is opted out, the service discards every client-side "
                          "usage event sent for them and records no server-side event for "
                          "them; it counts what it discards and stores none of it.");
        text += QLatin1Char(' ');
        if (m_request.purgeAfterSeconds >= 0) {
            const qint64 seconds = m_request.purgeAfterSeconds;
            QString window;
            if (seconds % 86400 == 0)
                window = tr("%n day(s)", nullptr, int(seconds / 86400));
            else if (seconds % 3600 == 0)
                window = tr("%n hour(s)", nullptr, int(seconds / 3600));
            else
                window = tr("%n minute(s)", nullptr, int((seconds + 59) / 60));
            text += tr("Events stored before the opt-out are hidden at once and deleted %1 after "
                       "it, unless the user is opted in again before then, or at once when an "
                       "administrator asks for it.")
                        .arg(window);
        } else {
            text += tr("Events stored before the opt-out are hidden at once and deleted at the "
                       "end of the retention window, unless the user is opted in again before "
                       "then, or at once when an administrator asks for it.");
        }
        text += QLatin1Char(' ');
        text += tr("Each deletion is recorded in the history with the number of events deleted "
                   "and who asked for it; the deletions of the period are listed below.");
        return text;
    }

    void post(std::function<void()> f)
    {
        QMetaObject::invokeMethod(m_replies, std::move(f), Qt::QueuedConnection);
    }

    QObject *m_replies;
    std::shared_ptr<std::atomic_bool> m_stopped;
    ReportRequest m_request;
    EnforcementStats m_stats;
    std::optional<QList<OptOutRule>> m_rules;
    QTemporaryFile m_optOuts;
    QTemporaryFile m_purges;
    qint64 m_optOutRows = 0;
    qint64 m_purgeRows = 0;
};

// One report: its worker and where it stands. Owned by the GUI thread.
struct ReportWriter::Job
{
    enum class State { Running, Stopping };
    State state = State::Running;
    Result::Status stopStatus = Result::Status::Cancelled;
    QString stopMessage;
    ReportRequest request;
    QObject replies; // answers of the API and of the worker; gone with the job
    SerialWorker tasks {QStringLiteral("report"), QThread::LowPriority};
    ReportWorker *worker = nullptr;
    std::shared_ptr<std::atomic_bool> stopped = std::make_shared<std::atomic_bool>(false);
    EnforcementStats stats;
    std::optional<QList<OptOutRule>> rules;
    bool purges = false; // reading the deletions (after the opt-outs)
    QString next;
    int pages = 0;
    qint64 optOuts = 0;
    qint64 deletions = 0;

    ~Job()
    {
        stopped->store(true); // what is still queued returns at once
        tasks.waitForDone();
        delete worker; // its QSaveFile, if any, is gone already: nothing was committed
    }
};

ReportWriter::ReportWriter(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    qRegisterMetaType<ReportWriter::Result>();
    qRegisterMetaType<ReportWriter::Stage>();
}

ReportWriter::~ReportWriter() = default;

QPageSize::PageSizeId ReportWriter::paperFor(QLocale::Territory territory)
{
    switch (territory) {
    case QLocale::UnitedStates:
    case QLocale::Canada:
    case QLocale::Mexico:
    case QLocale::Chile:
    case QLocale::Colombia:
    case QLocale::CostaRica:
    case QLocale::DominicanRepublic:
    case QLocale::ElSalvador:
    case QLocale::Guatemala:
    case QLocale::Nicaragua:
    case QLocale::Panama:
    case QLocale::Philippines:
    case QLocale::PuertoRico:
    case QLocale::Venezuela:
        return QPageSize::Letter;
    default:
        return QPageSize::A4;
    }
}

void ReportWriter::write(const ReportRequest &request)
{
    if (m_job)
        return;
    m_job = std::make_unique<Job>();
    Job *job = m_job.get();
    job->request = request;
    job->worker = new ReportWorker(&job->replies, job->stopped, request);
    fetchStatistics();
}

void ReportWriter::fetchStatistics()
{
    Job *job = m_job.get();
    if (!m_api)
        return fail(tr("The report cannot be made without a connection to the service."));
    emit progress(Stage::Statistics, 0, 0);
    m_api->fetchEnforcement(
        job->request.from, job->request.through.addDays(1), QStringLiteral("day"), &job->replies,
        [this, job](const ApiResult<EnforcementStats> &result) {
            if (job->state != Job::State::Running)
                return;
            if (!result)
                return fail(tr("The figures could not be read from the service: %1")
                                .arg(result.error().message));
            job->stats = result.value();
            fetchRules();
        });
}

void ReportWriter::fetchRules()
{
    Job *job = m_job.get();
    m_api->fetchOptOutRules(&job->replies, [this, job](const ApiResult<QList<OptOutRule>> &result) {
        if (job->state != Job::State::Running)
            return;
        if (result)
            job->rules = result.value();
        else if (result.error().httpStatus != 404)
            return fail(tr("The rules could not be read from the "
                           "service: %1")
                            .arg(result.error().message));
        // 404: a service without rules; the report has no such section.
        fetchAudit();
    });
}

void ReportWriter::fetchAudit()
{
    Job *job = m_job.get();
    if (!m_api)
        return fail(tr("The report cannot be made without a connection to the service."));
    AuditFilter filter;
    filter.action = job->purges ? QStringLiteral("purge") : QStringLiteral("opt_out");
    filter.since = job->request.from.startOfDay(job->request.zone).toUTC();
    filter.until = job->request.through.addDays(1).startOfDay(job->request.zone).toUTC();
    emit progress(job->purges ? Stage::Deletions : Stage::OptOuts,
                  job->purges ? job->deletions : job->optOuts,
                  job->purges ? 0 : job->stats.totals.optOuts);
    m_api->fetchAuditBody(
        m_pageSize, job->next, filter, &job->replies,
        [this, job](const ApiResult<QByteArray> &result) {
            if (job->state != Job::State::Running)
                return;
            if (!result)
                return fail(tr("The history could not be read from the service: %1")
                                .arg(result.error().message));
            job->tasks.post(
                [this, job, worker = job->worker, body = result.value(), purges = job->purges] {
                    worker->addPage(
                        body, purges,
                        [this, job](const QString &next, qint64 rows) {
                            if (job->state != Job::State::Running)
                                return;
                            (job->purges ? job->deletions : job->optOuts) = rows;
                            job->next = next;
                            if (next.isEmpty()) {
                                if (job->purges)
                                    return render();
                                job->purges = true;
                            }
                            fetchAudit();
                        },
                        [this, job](const QString &error) {
                            if (job->state == Job::State::Running)
                                fail(tr("The history could not be read from the service: %1")
                                         .arg(error));
                        });
                });
        });
}

void ReportWriter::render()
{
    Job *job = m_job.get();
    emit progress(Stage::Pages, 0, 0);
    job->tasks.post([this, job, worker = job->worker, stats = job->stats, rules = job->rules] {
        worker->render(
            stats, rules,
            [this, job](int page, int pages) {
                if (job->state == Job::State::Running)
                    emit progress(Stage::Pages, page, pages);
            },
            [this, job](int pages) {
                // Written before a cancel reached the worker: the file is complete, and
                // says so.
                if (m_job.get() != job)
                    return;
                job->pages = pages;
                finish(Result::Status::Done, {});
            },
            [this, job](const QString &error) {
                if (job->state == Job::State::Running)
                    fail(tr("The file %1 could not be written: %2").arg(job->request.path, error));
            });
    });
}

void ReportWriter::cancel()
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    job->stopStatus = Result::Status::Cancelled;
    job->state = Job::State::Stopping;
    job->stopped->store(true);
    // Whatever the worker is doing stops at its next check; once it is idle the job ends.
    job->tasks.post([this, job] {
        QMetaObject::invokeMethod(
            this,
            [this, job] {
                if (m_job.get() == job && job->state == Job::State::Stopping)
                    finish(job->stopStatus, job->stopMessage);
            },
            Qt::QueuedConnection);
    });
}

void ReportWriter::fail(const QString &message)
{
    Job *job = m_job.get();
    if (!job || job->state != Job::State::Running)
        return;
    job->stopMessage = message;
    cancel();
    job->stopStatus = Result::Status::Failed;
}

void ReportWriter::finish(Result::Status status, const QString &message)
{
    Result result;
    result.status = status;
    result.path = m_job->request.path;
    result.message = message;
    result.pages = m_job->pages;
    result.optOuts = m_job->optOuts;
    result.deletions = m_job->deletions;
    m_ended = std::move(m_job);
    QTimer::singleShot(0, this, [this] { m_ended.reset(); });
    emit finished(result);
}
