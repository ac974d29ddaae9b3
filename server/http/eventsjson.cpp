// The body of POST /api/v1/usage/events read into its events' fields (see eventsjson.h).
#include "eventsjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <simdjson.h>

#include <string_view>

namespace {

// Deeper documents are left to Qt's parser (its limit is 1024), so both agree on the limit.
constexpr size_t MaxDepth = 512;
// The edge refuses bodies over 1 MiB before they reach here.
constexpr size_t Capacity = 1024 * 1024 + 1024;

using Kind = EventFields::Kind;

Kind kindOf(simdjson::dom::element e)
{
    switch (e.type()) {
    case simdjson::dom::element_type::STRING:
        return Kind::String;
    case simdjson::dom::element_type::OBJECT:
        return Kind::Object;
    case simdjson::dom::element_type::NULL_VALUE:
        return Kind::Null;
    default:
        return Kind::Other;
    }
}

Kind kindOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return Kind::Missing;
    case QJsonValue::Null:
        return Kind::Null;
    case QJsonValue::String:
        return Kind::String;
    case QJsonValue::Object:
        return Kind::Object;
    default:
        return Kind::Other;
    }
}

QString text(simdjson::dom::element e)
{
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS)
        return QString();
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

struct EventsJsonReader::Private
{
    simdjson::dom::parser parser;
    bool allocated = false;
};

EventsJsonReader::EventsJsonReader()
    : d(std::make_unique<Private>())
{
}

EventsJsonReader::~EventsJsonReader() = default;

std::optional<EventsBody> EventsJsonReader::read(const QByteArray &body, int maxEvents)
{
    if (size_t(body.size()) > Capacity)
        return std::nullopt;
    if (!d->allocated) {
        if (d->parser.allocate(Capacity, MaxDepth) != simdjson::SUCCESS)
            return std::nullopt;
        d->allocated = true;
    }
    simdjson::dom::element root;
    if (d->parser.parse(body.constData(), size_t(body.size())).get(root) != simdjson::SUCCESS)
        return std::nullopt;
    EventsBody out;
    simdjson::dom::object top;
    if (root.get_object().get(top) != simdjson::SUCCESS) {
        out.shape = EventsBody::Shape::NotAnObject;
        return out;
    }
    simdjson::dom::element events;
    bool found = false;
    for (const simdjson::dom::key_value_pair field : top) {
        if (field.key == "events") {
            events = field.value;
            found = true;
        }
    }
    simdjson::dom::array array;
    if (!found || events.get_array().get(array) != simdjson::SUCCESS) {
        out.shape = EventsBody::Shape::EventsNotAnArray;
        return out;
    }
    out.count = int(array.size());
    if (out.count > maxEvents)
        return out;
    out.events.reserve(out.count);
    // A request's events share a few timestamps: one string for each run of equal ones.
    std::string_view lastTimestamp;
    QString lastTimestampText;
    int index = 0;
    for (const simdjson::dom::element item : array) {
        simdjson::dom::object o;
        if (item.get_object().get(o) != simdjson::SUCCESS) {
            out.firstNonObject = index;
            break;
        }
        simdjson::dom::element name, timestamp, userId, properties;
        EventFields f;
        for (const simdjson::dom::key_value_pair field : o) {
            if (field.key == "name") {
                name = field.value;
                f.name = Kind::Other;
            } else if (field.key == "timestamp") {
                timestamp = field.value;
                f.timestamp = Kind::Other;
            } else if (field.key == "userId") {
                userId = field.value;
                f.userId = Kind::Other;
            } else if (field.key == "properties") {
                properties = field.value;
                f.properties = Kind::Other;
            }
        }
        if (f.name != Kind::Missing) {
            f.name = kindOf(name);
            f.nameText = text(name);
        }
        if (f.timestamp != Kind::Missing) {
            f.timestamp = kindOf(timestamp);
            std::string_view s;
            if (timestamp.get_string().get(s) == simdjson::SUCCESS) {
                if (s != lastTimestamp || lastTimestampText.isNull()) {
                    lastTimestamp = s;
                    lastTimestampText = QString::fromUtf8(s.data(), qsizetype(s.size()));
                }
                f.timestampText = lastTimestampText;
            }
        }
        if (f.userId != Kind::Missing) {
            f.userId = kindOf(userId);
            f.userIdText = text(userId);
        }
        if (f.properties != Kind::Missing) {
            f.properties = kindOf(properties);
            simdjson::dom::object p;
            if (properties.get_object().get(p) == simdjson::SUCCESS && p.size() > 0)
                f.propertiesJson = QByteArray::fromStdString(simdjson::minify(p));
        }
        out.events.append(std::move(f));
        ++index;
    }
    return out;
}

EventsBody EventsJsonReader::fromQt(const QJsonObject &body, int maxEvents)
{
    EventsBody out;
    const QJsonValue events = body.value(QStringLiteral("events"));
    if (!events.isArray()) {
        out.shape = EventsBody::Shape::EventsNotAnArray;
        return out;
    }
    const QJsonArray array = events.toArray();
    out.count = int(array.size());
    if (out.count > maxEvents)
        return out;
    const QString nameKey = QStringLiteral("name");
    const QString timestampKey = QStringLiteral("timestamp");
    const QString userIdKey = QStringLiteral("userId");
    const QString propertiesKey = QStringLiteral("properties");
    out.events.reserve(out.count);
    for (int i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        if (!item.isObject()) {
            out.firstNonObject = i;
            break;
        }
        const QJsonObject o = item.toObject();
        EventFields f;
        const QJsonValue name = o.value(nameKey);
        f.name = kindOf(name);
        f.nameText = name.toString();
        const QJsonValue timestamp = o.value(timestampKey);
        f.timestamp = kindOf(timestamp);
        f.timestampText = timestamp.toString();
        const QJsonValue userId = o.value(userIdKey);
        f.userId = kindOf(userId);
        f.userIdText = userId.toString();
        const QJsonValue properties = o.value(propertiesKey);
        f.properties = kindOf(properties);
        const QJsonObject p = properties.toObject();
        if (!p.isEmpty())
            f.propertiesJson = QJsonDocument(p).toJson(QJsonDocument::Compact);
        out.events.append(std::move(f));
    }
    return out;
}
