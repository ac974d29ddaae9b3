// Server-sent events (the WHATWG "text/event-stream" format) read from bytes as they arrive:
// a pure function over a state the caller keeps between chunks.
#pragma once

#include <QByteArray>
#include <QList>

struct SseEvent
{
    QByteArray type = "message"; // the `event:` field
    QByteArray data; // the `data:` lines joined with "\n"
    QByteArray lastEventId; // the stream's last event id when this event was dispatched
};

struct SseState
{
    static constexpr qsizetype MaxPendingBytes = 1024 * 1024;

    QByteArray pending; // an incomplete line
    bool started = false; // past a leading byte order mark
    bool afterCr = false; // the last byte was CR: an LF that follows belongs to it
    // The event being read.
    QByteArray type;
    QByteArray data;
    bool hasData = false;
    // Kept across events, as the format says.
    QByteArray lastEventId;
    int retryMs = -1; // the last valid `retry:`, -1 for none
    // Set when the input broke a limit (a line or an event over MaxPendingBytes): the stream
    // is not to be trusted further.
    bool failed = false;
};

struct SseParseResult
{
    SseState state;
    QList<SseEvent> events; // completed, in order
};

// Reads `bytes` after `state`; lines may end in CRLF, LF or CR, and a chunk may end anywhere
// (within a line, between CR and LF, inside a UTF-8 sequence).
SseParseResult parseSse(SseState state, const QByteArray &bytes);
