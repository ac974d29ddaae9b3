// The identity providers' published keys, fetched and cached: see oidckeys.h.
#include "oidckeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>

Q_LOGGING_CATEGORY(lcOidcKeys, "optout.oidc.keys")

OidcKeys::OidcKeys(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_network.setAutoDeleteReplies(true);
}

void OidcKeys::keys(const QString &issuer, bool fresh, QObject *context,
                    std::function<void(Result)> done)
{
    Entry &entry = m_entries[issuer];
    const bool cached = entry.fetched.isValid() && !entry.jwks.isEmpty();
    const bool recent
        = entry.fetched.isValid() && entry.fetched.elapsed() < m_options.refetchIntervalMs;
    const bool stale = !cached || entry.fetched.elapsed() > qint64(m_options.maxAgeSeconds) * 1000;
    if (!entry.fetching && cached && !stale && (!fresh || recent)) {
        Result result {Result::Status::Ok, entry.jwks, {}};
        QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
        return;
    }
    entry.waiters.append(Waiter {context, std::move(done)});
    if (!entry.fetching) {
        entry.fetching = true;
        fetch(issuer);
    }
}

void OidcKeys::fetch(const QString &issuer)
{
    // OpenID Connect Discovery 1.0 §4: the document lies under the issuer's own path.
    QString base = issuer;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const QUrl discovery(base + QStringLiteral("/.well-known/openid-configuration"));
    if (discovery.scheme() != QLatin1String("https")) { // the keys decide who may sign in
        return finish(
            issuer,
            {Result::Status::Invalid, {}, QStringLiteral("the issuer is not an https URL")});
    }
    get(discovery, [this, issuer](QNetworkReply *reply) {
        if (reply->error() != QNetworkReply::NoError) {
            return finish(issuer,
                          {Result::Status::Unreachable,
                           {},
                           QStringLiteral("discovery document: %1").arg(reply->errorString())});
        }
        const QJsonObject doc = QJsonDocument::fromJson(reply->readAll()).object();
        const QUrl jwksUri(doc.value(QLatin1String("jwks_uri")).toString(), QUrl::StrictMode);
        if (doc.value(QLatin1String("issuer")).toString() != issuer) {
            return finish(issuer,
                          {Result::Status::Invalid,
                           {},
                           QStringLiteral("the discovery document names another issuer")});
        }
        if (!jwksUri.isValid() || jwksUri.scheme() != QLatin1String("https")) {
            return finish(issuer,
                          {Result::Status::Invalid,
                           {},
                           QStringLiteral("the discovery document has no https jwks_uri")});
        }
        get(jwksUri, [this, issuer](QNetworkReply *keysReply) {
            if (keysReply->error() != QNetworkReply::NoError) {
                return finish(issuer,
                              {Result::Status::Unreachable,
                               {},
                               QStringLiteral("key set: %1").arg(keysReply->errorString())});
            }
            const QByteArray body = keysReply->readAll();
            const QJsonValue keys
                = QJsonDocument::fromJson(body).object().value(QLatin1String("keys"));
            if (!keys.isArray()) {
                return finish(issuer,
                              {Result::Status::Invalid,
                               {},
                               QStringLiteral("the key set is not a JSON Web Key Set")});
            }
            finish(issuer, {Result::Status::Ok, body, {}});
        });
    });
}

void OidcKeys::get(const QUrl &url, std::function<void(QNetworkReply *)> done)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(m_options.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    // Redirects only to HTTPS (Qt's default policy: never to a less safe scheme).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.addCaCertificates(m_options.caCertificates);
    request.setSslConfiguration(ssl);
    QNetworkReply *reply = m_network.get(request);
    const qint64 limit = m_options.maxDocumentBytes;
    connect(reply, &QNetworkReply::downloadProgress, reply,
            [reply, limit](qint64 received, qint64) {
                if (received > limit)
                    reply->abort();
            });
    connect(reply, &QNetworkReply::finished, this,
            [reply, done = std::move(done)] { done(reply); });
}

void OidcKeys::finish(const QString &issuer, const Result &result)
{
    Entry &entry = m_entries[issuer];
    entry.fetching = false;
    Result answer = result;
    if (result.status == Result::Status::Ok) {
        entry.jwks = result.jwks;
        entry.fetched.start();
        qCInfo(lcOidcKeys).noquote() << "keys of" << issuer << "fetched";
    } else if (!entry.jwks.isEmpty()) {
        // The keys fetched before stay in use until the provider answers again (tried once per
        // refetch interval).
        entry.fetched.start();
        answer = Result {Result::Status::Ok, entry.jwks, {}};
        qCWarning(lcOidcKeys).noquote()
            << "keys of" << issuer << "not fetched again, the cached ones kept:" << result.detail;
    } else {
        qCWarning(lcOidcKeys).noquote() << "keys of" << issuer << "not fetched:" << result.detail;
    }
    const QVector<Waiter> waiters = std::exchange(entry.waiters, {});
    for (const Waiter &w : waiters) {
        if (w.context)
            QTimer::singleShot(0, w.context.data(), [done = w.done, answer] { done(answer); });
    }
}
