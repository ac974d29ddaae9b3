// The benchmarks' ingestion client (see ingestclient.h).
#include "ingestclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <http_parser.h>

class IngestConnection final : public QObject
{
public:
    IngestConnection(IngestClient *client, const QUrl &target, const QByteArray &token)
        : m_client(client)
        , m_target(target)
    {
        m_head = "POST /api/v1/usage/events HTTP/1.1\r\nHost: " + target.host().toUtf8() + ':'
            + QByteArray::number(target.port()) + "\r\nAuthorization: Bearer " + token
            + "\r\nContent-Type: application/json\r\nContent-Length: ";
        http_parser_settings_init(&m_settings);
        m_settings.on_body = [](http_parser *p, const char *at, size_t length) {
            static_cast<IngestConnection *>(p->data)->m_answer.append(at, qsizetype(length));
            return 0;
        };
        m_settings.on_message_complete = [](http_parser *p) {
            static_cast<IngestConnection *>(p->data)->m_complete = true;
            return 0;
        };
        connect(&m_socket, &QTcpSocket::connected, this,
                [this] { m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1); });
        connect(&m_socket, &QTcpSocket::readyRead, this, &IngestConnection::readAnswer);
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            if (m_inFlight)
                done(0); // the answer never came: a failure; the next request reconnects
        });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_inFlight && m_socket.state() == QAbstractSocket::UnconnectedState)
                done(0);
        });
    }

    void sendNext()
    {
        const QByteArray *body = m_client->nextBody();
        if (!body)
            return;
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            m_socket.connectToHost(m_target.host(), quint16(m_target.port()));
        http_parser_init(&m_parser, HTTP_RESPONSE);
        m_parser.data = this;
        m_answer.clear();
        m_complete = false;
        m_inFlight = true;
        m_socket.write(m_head + QByteArray::number(body->size()) + "\r\n\r\n");
        m_socket.write(*body);
    }

private:
    void readAnswer()
    {
        const QByteArray bytes = m_socket.readAll();
        if (!m_inFlight)
            return;
        const size_t parsed
            = http_parser_execute(&m_parser, &m_settings, bytes.constData(), size_t(bytes.size()));
        if (parsed != size_t(bytes.size()) || HTTP_PARSER_ERRNO(&m_parser) != HPE_OK) {
            m_socket.abort();
            done(0);
            return;
        }
        if (m_complete)
            done(int(m_parser.status_code));
    }

    void done(int status)
    {
        m_inFlight = false;
        m_client->finished(status, m_answer);
        sendNext();
    }

    IngestClient *m_client;
    QUrl m_target;
    QByteArray m_head;
    QTcpSocket m_socket;
    http_parser m_parser {};
    http_parser_settings m_settings {};
    QByteArray m_answer;
    bool m_complete = false;
    bool m_inFlight = false;
};

IngestClient::IngestClient(const QList<QUrl> &targets, const QByteArray &token, int connections,
                           QObject *parent)
    : QObject(parent)
{
    for (int c = 0; c < connections; ++c) {
        m_connections.push_back(
            std::make_unique<IngestConnection>(this, targets.at(c % targets.size()), token));
    }
}

IngestClient::~IngestClient() = default;

void IngestClient::start(const QList<QByteArray> *bodies)
{
    m_bodies = bodies;
    m_next = 0;
    m_done = 0;
    m_total = int(bodies->size());
    for (auto &c : m_connections)
        c->sendNext();
}

const QByteArray *IngestClient::nextBody()
{
    if (!m_bodies || m_next >= m_bodies->size())
        return nullptr;
    return &m_bodies->at(m_next++);
}

void IngestClient::finished(int status, const QByteArray &answer)
{
    ++m_done;
    if (status != 200) {
        ++m_failures;
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(answer).object();
    m_accepted += o.value(QStringLiteral("accepted")).toInteger();
    m_discarded += o.value(QStringLiteral("discarded")).toInteger();
}
