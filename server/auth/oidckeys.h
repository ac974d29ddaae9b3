// The identity providers' published keys: each issuer's discovery document and JSON Web Key
// Set fetched over HTTPS, kept for an hour, fetched again when a token names a key the cached
// set lacks. Asynchronous, on the thread that owns it (the HTTP thread never waits).
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <functional>

class QNetworkReply;

class OidcKeys final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        // Trusted besides the system's (--oidc-ca-cert).
        QList<QSslCertificate> caCertificates;
        int timeoutMs = 10000;
        int maxAgeSeconds = 3600;
        // A key set is fetched again for an unknown key at most this often per issuer, so
        // tokens naming made-up keys cannot make the service hammer the provider.
        int refetchIntervalMs = 10000;
        qint64 maxDocumentBytes = 1024 * 1024;
    };

    struct Result
    {
        enum class Status { Ok, Unreachable, Invalid };
        Status status = Status::Unreachable;
        QByteArray jwks; // Ok: the key set's JSON
        QString detail; // otherwise: what failed, for the log
    };

    explicit OidcKeys(const Options &options, QObject *parent = nullptr);

    // The issuer's key set, cached or fetched; `fresh`: fetch again unless fetched within the
    // refetch interval. `done` runs on `context`'s thread, later (never inside this call).
    void keys(const QString &issuer, bool fresh, QObject *context,
              std::function<void(Result)> done);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(Result)> done;
    };
    struct Entry
    {
        QByteArray jwks;
        QElapsedTimer fetched; // invalid: never fetched
        bool fetching = false;
        QVector<Waiter> waiters;
    };
    void fetch(const QString &issuer);
    void get(const QUrl &url, std::function<void(QNetworkReply *)> done);
    void finish(const QString &issuer, const Result &result);

    Options m_options;
    QNetworkAccessManager m_network;
    QHash<QString, Entry> m_entries;
};
