// The benchmarks' ingestion client: posts pre-serialised batches of usage events over
// keep-alive connections, one request in flight per connection, and reads the answers with
// Debian's http-parser. It shares the machine with the server, so it does as little as it can:
// each request's bytes are built before the clock starts, and an answer is read for its status
// and its two counts only.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>
#include <vector>

class IngestConnection;

class IngestClient final : public QObject
{
    Q_OBJECT
public:
    // Connection c posts to targets[c % targets.size()] with `token`.
    IngestClient(const QList<QUrl> &targets, const QByteArray &token, int connections,
                 QObject *parent = nullptr);
    ~IngestClient() override;

    // Sends every body (a POST /api/v1/usage/events each); returns at once: the caller runs
    // the event loop until isDone().
    void start(const QList<QByteArray> *bodies);
    bool isDone() const { return m_done == m_total; }

    qint64 accepted() const { return m_accepted; }
    qint64 discarded() const { return m_discarded; }
    int failures() const { return m_failures; } // not 200, or the connection failed

private:
    friend class IngestConnection;
    // The next request's bytes, or null when all were sent.
    const QByteArray *nextBody();
    void finished(int status, const QByteArray &answer);

    std::vector<std::unique_ptr<IngestConnection>> m_connections;
    const QList<QByteArray> *m_bodies = nullptr;
    int m_next = 0;
    int m_done = 0;
    int m_total = 0;
    qint64 m_accepted = 0;
    qint64 m_discarded = 0;
    int m_failures = 0;
};
