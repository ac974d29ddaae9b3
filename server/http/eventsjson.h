// The body of POST /api/v1/usage/events read into the fields of its events, before they are
// checked. Read by simdjson (Debian libsimdjson-dev) when it can: several times faster than
// QJsonDocument, and the ingestion is the service's busiest path. When simdjson does not read a
// body (not JSON, or JSON it reads otherwise than Qt: deeper than its limit, numbers beyond its
// range, lone surrogates...), the caller reads it with QJsonDocument, as always, so every
// refusal stays what it was.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

// One event's fields as sent: the kind of each, and its text when it has one. A key given twice
// counts once, the last time (as Qt's parser does).
struct EventFields
{
    enum class Kind { Missing, Null, String, Object, Other };
    Kind name = Kind::Missing;
    Kind timestamp = Kind::Missing;
    Kind userId = Kind::Missing;
    Kind properties = Kind::Missing;
    QString nameText;
    QString timestampText;
    QString userIdText;
    QByteArray propertiesJson; // a non-empty object as compact JSON; empty otherwise
};

struct EventsBody
{
    enum class Shape { Events, NotAnObject, EventsNotAnArray };
    Shape shape = Shape::Events;
    int count = 0; // items in "events"
    int firstNonObject = -1; // the first item that is not an object, -1 if none
    // The items before firstNonObject (none when count is over the limit given).
    QVector<EventFields> events;
};

class EventsJsonReader
{
public:
    EventsJsonReader();
    ~EventsJsonReader();
    EventsJsonReader(const EventsJsonReader &) = delete;
    EventsJsonReader &operator=(const EventsJsonReader &) = delete;

    // Nothing when simdjson does not read the body: the caller parses it with QJsonDocument.
    std::optional<EventsBody> read(const QByteArray &body, int maxEvents);
    // The same fields from a body QJsonDocument parsed.
    static EventsBody fromQt(const QJsonObject &body, int maxEvents);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
