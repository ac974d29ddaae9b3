// A real OpenID Connect provider for the tests: see oidctestprovider.h.
#include "oidctestprovider.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDebug>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QTemporaryFile>
#include <QUrlQuery>

namespace {

struct Page
{
    int status = 0;
    QUrl location; // resolved against the request's URL
    QByteArray body;
};

Page send(QNetworkAccessManager &nam, const QUrl &url, const QList<QSslCertificate> &ca,
          const QByteArray &form = {}, bool post = false)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    // Each redirect is followed here, as the browser does, so the last one (to the app's
    // loopback address) is seen rather than opened.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(ca);
        request.setSslConfiguration(ssl);
    }
    QNetworkReply *reply;
    if (post) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = nam.post(request, form);
    } else {
        reply = nam.get(request);
    }
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Page page;
    page.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    page.body = reply->readAll();
    const QByteArray location = reply->rawHeader("Location");
    if (!location.isEmpty())
        page.location = url.resolved(QUrl::fromEncoded(location));
    if (reply->error() != QNetworkReply::NoError && page.status == 0)
        qWarning().noquote() << "browser:" << url.toString() << reply->errorString();
    reply->deleteLater();
    return page;
}

// The first form of the page: its action and its hidden fields.
std::optional<QPair<QUrl, QUrlQuery>> formOf(const Page &page, const QUrl &base)
{
    static const QRegularExpression formPattern(
        QStringLiteral("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>"),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression hiddenPattern(
        QStringLiteral("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\""));
    const auto form = formPattern.match(QString::fromUtf8(page.body));
    if (!form.hasMatch())
        return std::nullopt;
    QUrlQuery fields;
    auto it = hiddenPattern.globalMatch(form.captured(2));
    while (it.hasNext()) {
        const auto field = it.next();
        fields.addQueryItem(field.captured(1), field.captured(2));
    }
    return qMakePair(base.resolved(QUrl(form.captured(1))), fields);
}

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

OidcTestProvider::OidcTestProvider() = default;

OidcTestProvider::~OidcTestProvider()
{
    stop();
    if (!m_configFile.isEmpty())
        QFile::remove(m_configFile);
}

bool OidcTestProvider::start(const QString &certFile, const QString &keyFile,
                             const QJsonArray &clients, const QJsonObject &users)
{
    QTemporaryFile config(QDir::tempPath() + QStringLiteral("/oidc-provider-XXXXXX.json"));
    config.setAutoRemove(false);
    if (!config.open())
        return false;
    m_configFile = config.fileName();
    config.write(QJsonDocument(QJsonObject {{QStringLiteral("cert"), certFile},
                                            {QStringLiteral("key"), keyFile},
                                            {QStringLiteral("clients"), clients},
                                            {QStringLiteral("users"), users}})
                     .toJson());
    config.close();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(QStringLiteral(OPTOUT_NODE_EXECUTABLE),
                     {QStringLiteral(OPTOUT_OIDC_PROVIDER_SCRIPT),
                      QStringLiteral(OPTOUT_NODE_TOOLS_DIR), m_configFile});
    QByteArray output;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (!m_process->waitForReadyRead(200) && m_process->state() == QProcess::NotRunning)
            break;
        output += m_process->readAllStandardOutput();
        for (const QByteArray &line : output.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains(QLatin1String("issuer"))) {
                m_issuer = o.value(QLatin1String("issuer")).toString();
                return true;
            }
        }
    }
    qWarning().noquote() << "the OpenID provider did not start:" << output
                         << m_process->readAllStandardError();
    return false;
}

void OidcTestProvider::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

std::optional<QUrl> OidcTestProvider::authorize(const QUrl &authorizeUrl, const QString &login,
                                                const QList<QSslCertificate> &ca)
{
    QNetworkAccessManager nam; // its own cookie jar: one browser session
    QUrl url = authorizeUrl;
    QByteArray form;
    bool post = false;
    for (int step = 0; step < 20; ++step) {
        const Page page = send(nam, url, ca, form, post);
        form.clear();
        post = false;
        if (page.status >= 300 && page.status < 400 && page.location.isValid()) {
            if (page.location.scheme() == QLatin1String("http"))
                return page.location; // the app's loopback redirect
            url = page.location;
            continue;
        }
        const auto found = formOf(page, url);
        if (page.status != 200 || !found) {
            qWarning().noquote() << "browser: unexpected page" << page.status << url.toString()
                                 << page.body.left(500);
            return std::nullopt;
        }
        QUrlQuery fields = found->second;
        if (fields.queryItemValue(QStringLiteral("prompt")) == QLatin1String("login")) {
            fields.addQueryItem(QStringLiteral("login"), login);
            fields.addQueryItem(QStringLiteral("password"), QStringLiteral("any"));
        }
        url = found->first;
        form = fields.query(QUrl::FullyEncoded).toUtf8();
        post = true;
    }
    return std::nullopt;
}

QByteArray OidcTestProvider::idToken(const QString &clientId, const QString &login,
                                     const QString &nonce, const QList<QSslCertificate> &ca) const
{
    QByteArray verifier(48, Qt::Uninitialized);
    for (char &c : verifier)
        c = "abcdefghijklmnopqrstuvwxyz0123456789"[QRandomGenerator::global()->bounded(36)];
    const QString redirect = QStringLiteral("http://127.0.0.1:9/");
    QUrl authorize(m_issuer + QStringLiteral("/auth"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("client_id"), clientId);
    query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    query.addQueryItem(QStringLiteral("scope"), QStringLiteral("openid email profile"));
    query.addQueryItem(QStringLiteral("redirect_uri"), redirect);
    query.addQueryItem(QStringLiteral("state"), QStringLiteral("test-state"));
    query.addQueryItem(QStringLiteral("nonce"), nonce);
    query.addQueryItem(QStringLiteral("code_challenge"),
                       QString::fromLatin1(base64Url(
                           QCryptographicHash::hash(verifier, QCryptographicHash::Sha256))));
    query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    authorize.setQuery(query);
    const auto landed = OidcTestProvider::authorize(authorize, login, ca);
    if (!landed)
        return {};
    const QString code = QUrlQuery(*landed).queryItemValue(QStringLiteral("code"));
    QUrlQuery exchange;
    exchange.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
    exchange.addQueryItem(QStringLiteral("code"), code);
    exchange.addQueryItem(QStringLiteral("redirect_uri"), redirect);
    exchange.addQueryItem(QStringLiteral("client_id"), clientId);
    exchange.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
    QNetworkAccessManager nam;
    const Page page = send(nam, QUrl(m_issuer + QStringLiteral("/token")), ca,
                           exchange.query(QUrl::FullyEncoded).toUtf8(), true);
    const QJsonObject tokens = QJsonDocument::fromJson(page.body).object();
    if (page.status != 200)
        qWarning().noquote() << "token endpoint:" << page.status << page.body;
    return tokens.value(QLatin1String("id_token")).toString().toUtf8();
}
