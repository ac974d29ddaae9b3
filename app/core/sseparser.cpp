// Server-sent events read from bytes as they arrive (WHATWG HTML, "Server-sent events").
#include "sseparser.h"

namespace {

void processLine(SseState &s, QList<SseEvent> &events, const QByteArray &line)
{
    if (line.isEmpty()) {
        // Dispatch: an event without data is dropped (its id still counts).
        if (s.hasData) {
            SseEvent event;
            if (!s.type.isEmpty())
                event.type = s.type;
            event.data = s.data;
            event.lastEventId = s.lastEventId;
            events.append(event);
        }
        s.type.clear();
        s.data.clear();
        s.hasData = false;
        return;
    }
    if (line.startsWith(':'))
        return; // a comment (keep-alive)
    const qsizetype colon = line.indexOf(':');
    const QByteArray field = colon < 0 ? line : line.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "event") {
        s.type = value;
    } else if (field == "data") {
        if (s.hasData)
            s.data += '\n';
        s.data += value;
        s.hasData = true;
        if (s.data.size() > SseState::MaxPendingBytes)
            s.failed = true;
    } else if (field == "id") {
        if (!value.contains('\0'))
            s.lastEventId = value;
    } else if (field == "retry") {
        bool digits = !value.isEmpty();
        for (const char c : std::as_const(value))
            digits = digits && c >= '0' && c <= '9';
        bool ok = false;
        const int ms = value.toInt(&ok);
        if (digits && ok)
            s.retryMs = ms;
    }
    // Any other field is ignored.
}

} // namespace

SseParseResult parseSse(SseState state, const QByteArray &bytes)
{
    SseParseResult result;
    SseState &s = result.state;
    s = std::move(state);
    if (s.failed)
        return result;
    qsizetype i = 0;
    if (!s.started) {
        // A byte order mark may open the stream (only there); wait for three bytes to tell.
        s.pending += bytes;
        static const QByteArray bom("\xEF\xBB\xBF");
        if (s.pending.size() < 3 && bom.startsWith(s.pending))
            return result;
        s.started = true;
        QByteArray all = std::exchange(s.pending, QByteArray());
        if (all.startsWith(bom))
            all.remove(0, 3);
        return parseSse(std::move(s), all);
    }
    const qsizetype n = bytes.size();
    while (i < n && !s.failed) {
        if (s.afterCr) {
            s.afterCr = false;
            if (bytes.at(i) == '\n') {
                ++i;
                continue;
            }
        }
        qsizetype end = i;
        while (end < n && bytes.at(end) != '\n' && bytes.at(end) != '\r')
            ++end;
        if (end == n) {
            s.pending.append(bytes.constData() + i, n - i);
            if (s.pending.size() > SseState::MaxPendingBytes)
                s.failed = true;
            break;
        }
        QByteArray line = std::exchange(s.pending, QByteArray());
        line.append(bytes.constData() + i, end - i);
        s.afterCr = bytes.at(end) == '\r';
        i = end + 1;
        processLine(s, result.events, line);
    }
    return result;
}
