// parseSse: the text/event-stream format read chunk by chunk, bad input included.
#include "sseparser.h"

#include <QTest>

namespace {

// Feeds `chunks` one after the other; returns every event and the final state.
SseParseResult feed(const QList<QByteArray> &chunks, SseState state = {})
{
    SseParseResult all;
    for (const QByteArray &chunk : chunks) {
        SseParseResult r = parseSse(std::move(state), chunk);
        all.events += r.events;
        state = r.state;
    }
    all.state = state;
    return all;
}

// Each byte in a chunk of its own.
QList<QByteArray> bytewise(const QByteArray &text)
{
    QList<QByteArray> chunks;
    for (const char c : text)
        chunks.append(QByteArray(1, c));
    return chunks;
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT

private slots:
    void serviceEvent()
    {
        const QByteArray text = "id: 42.7\nevent: sync-state\ndata: {\"usersRevision\":7,"
                                "\"optOutsRevision\":42,\"usageTracking\":true}\n\n";
        const SseParseResult r = feed({text});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().type, QByteArray("sync-state"));
        QCOMPARE(r.events.first().lastEventId, QByteArray("42.7"));
        QCOMPARE(r.events.first().data,
                 QByteArray(R"({"usersRevision":7,"optOutsRevision":42,"usageTracking":true})"));
        QCOMPARE(r.state.lastEventId, QByteArray("42.7"));
        QVERIFY(!r.state.failed);
        // The same, one byte at a time.
        const SseParseResult b = feed(bytewise(text));
        QCOMPARE(b.events.size(), 1);
        QCOMPARE(b.events.first().data, r.events.first().data);
        QCOMPARE(b.events.first().lastEventId, r.events.first().lastEventId);
    }

    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("LF") << QByteArray("data: a\ndata: b\n\n");
        QTest::newRow("CRLF") << QByteArray("data: a\r\ndata: b\r\n\r\n");
        QTest::newRow("CR") << QByteArray("data: a\rdata: b\r\r");
        QTest::newRow("mixed") << QByteArray("data: a\r\ndata: b\n\r\n");
    }
    void lineEndings()
    {
        QFETCH(QByteArray, text);
        for (const auto &chunks : {QList<QByteArray> {text}, bytewise(text)}) {
            const SseParseResult r = feed(chunks);
            QCOMPARE(r.events.size(), 1);
            QCOMPARE(r.events.first().type, QByteArray("message"));
            QCOMPARE(r.events.first().data, QByteArray("a\nb"));
        }
    }

    void crThenLfAcrossChunks()
    {
        // "\r" ends one chunk, "\n" begins the next: one line end, not two (which would
        // dispatch an empty event and split the event in two).
        const SseParseResult r = feed({"data: a\r", "\ndata: b\r", "\n\r", "\n"});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("a\nb"));
    }

    void commentsAndUnknownFields()
    {
        const SseParseResult r
            = feed({": keep-alive\n\n:\n\nfoo: bar\nevent: x\ndata\nretry: soon\n\n"});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().type, QByteArray("x"));
        QCOMPARE(r.events.first().data, QByteArray("")); // "data" alone: an empty line of data
        QCOMPARE(r.state.retryMs, -1); // not digits
        QCOMPARE(feed({"retry: 2500\n"}).state.retryMs, 2500);
        QCOMPARE(feed({"retry: -1\n"}).state.retryMs, -1);
        QCOMPARE(feed({"retry: 99999999999999999999\n"}).state.retryMs, -1); // out of range
    }

    void valueSpaces()
    {
        // Only one space after the colon is dropped; none is required.
        const SseParseResult r = feed({"data:a\ndata:  b\ndata: \n\n"});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("a\n b\n"));
    }

    void eventWithoutDataIsNotDispatched()
    {
        const SseParseResult r = feed({"id: 5.1\nevent: sync-state\n\n"});
        QCOMPARE(r.events.size(), 0);
        QCOMPARE(r.state.lastEventId, QByteArray("5.1")); // the id still counts
        // And the event type does not leak into the next event.
        const SseParseResult next = feed({"data: x\n\n"}, r.state);
        QCOMPARE(next.events.first().type, QByteArray("message"));
        QCOMPARE(next.events.first().lastEventId, QByteArray("5.1"));
    }

    void idWithNulIsIgnored()
    {
        const SseParseResult r = feed({QByteArray("id: 1.1\n\nid: 2") + '\0' + "3\ndata: x\n\n"});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().lastEventId, QByteArray("1.1"));
        // An empty id resets it.
        QCOMPARE(feed({"id\ndata: y\n\n"}, r.state).events.first().lastEventId, QByteArray());
    }

    void incompleteEventWaits()
    {
        SseParseResult r = feed({"data: half"});
        QCOMPARE(r.events.size(), 0);
        r = feed({"\n"}, r.state);
        QCOMPARE(r.events.size(), 0); // not yet dispatched
        r = feed({"\n"}, r.state);
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("half"));
    }

    void byteOrderMark()
    {
        const QByteArray bom("\xEF\xBB\xBF");
        SseParseResult r = feed({bom + "data: x\n\n"});
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("x"));
        r = feed(bytewise(bom + "data: y\n\n"));
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("y"));
        // Only at the very start: later it is part of a field name (ignored).
        r = feed({"data: a\n\n" + bom + "data: b\n\n"});
        QCOMPARE(r.events.size(), 1);
        // A stream that starts with bytes that look like it but are not.
        r = feed({"\xEF", "data: z\n\n"});
        QCOMPARE(r.events.size(), 0); // "\xEF" + "data" is an unknown field
        r = feed({"da", "ta: z\n\n"});
        QCOMPARE(r.events.size(), 1);
    }

    void endlessLineFails()
    {
        // A service (or something in between) sending a line without end: refused past the
        // limit, not buffered for ever.
        SseParseResult r = feed({"data: "});
        const QByteArray block(64 * 1024, 'x');
        for (int i = 0; i < 20 && !r.state.failed; ++i)
            r = feed({block}, r.state);
        QVERIFY(r.state.failed);
        QVERIFY(r.state.pending.size() <= SseState::MaxPendingBytes + block.size());
        // Once failed, nothing more is read.
        r = feed({"\n\ndata: after\n\n"}, r.state);
        QCOMPARE(r.events.size(), 0);
    }

    void endlessEventFails()
    {
        // Many short data lines without a blank line: the event is bounded too.
        SseParseResult r;
        const QByteArray lines = QByteArray("data: ") + QByteArray(1000, 'y') + '\n';
        for (int i = 0; i < 1200 && !r.state.failed; ++i)
            r = feed({lines}, r.state);
        QVERIFY(r.state.failed);
        QCOMPARE(r.events.size(), 0);
    }

    void eventsBeforeAFailureAreKept()
    {
        const SseParseResult r = feed({"data: ok\n\ndata: " + QByteArray(2 * 1024 * 1024, 'z')});
        QVERIFY(r.state.failed);
        QCOMPARE(r.events.size(), 1);
        QCOMPARE(r.events.first().data, QByteArray("ok"));
    }

    void binaryGarbage()
    {
        QByteArray garbage;
        for (int i = 0; i < 4096; ++i)
            garbage.append(char((i * 131 + 7) % 256));
        const SseParseResult r = feed(bytewise(garbage) + QList<QByteArray> {"\n\ndata: fine\n\n"});
        QVERIFY(!r.state.failed);
        QCOMPARE(r.events.last().data, QByteArray("fine"));
    }
};

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
