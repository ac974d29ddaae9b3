// Whether a connection to the service may carry the token, and the administrator's message when
// the service's certificate is refused.
#include "connectionsecurity.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHostAddress>
#include <QLocale>

bool ConnectionSecurity::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool ConnectionSecurity::isPlainHttpToRemote(const QUrl &url)
{
    return url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0
        && !isLoopback(url);
}

QString ConnectionSecurity::serverKey(const QUrl &url)
{
    return url.scheme().toLower() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QString ConnectionSecurity::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

ApiError ConnectionSecurity::certificateRefused(const QUrl &url, const QList<QSslError> &errors,
                                                const QSslCertificate &peer)
{
    // One reason, the most basic first: an unknown issuer makes the rest meaningless.
    const QSslError *unknownIssuer = nullptr;
    const QSslError *expired = nullptr;
    const QSslError *notYetValid = nullptr;
    const QSslError *nameMismatch = nullptr;
    for (const QSslError &error : errors) {
        switch (error.error()) {
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
            unknownIssuer = unknownIssuer ? unknownIssuer : &error;
            break;
        case QSslError::CertificateExpired:
            expired = expired ? expired : &error;
            break;
        case QSslError::CertificateNotYetValid:
            notYetValid = notYetValid ? notYetValid : &error;
            break;
        case QSslError::HostNameMismatch:
            nameMismatch = nameMismatch ? nameMismatch : &error;
            break;
        default:
            break;
        }
    }
    const QSslError *chosen = unknownIssuer ? unknownIssuer
        : expired                           ? expired
        : notYetValid                       ? notYetValid
        : nameMismatch                      ? nameMismatch
        : errors.isEmpty()                  ? nullptr
                                            : &errors.first();
    const QSslCertificate certificate
        = chosen && !chosen->certificate().isNull() ? chosen->certificate() : peer;
    const QString host = url.host();
    const QString print = fingerprint(certificate);
    const QLocale locale;

    ApiError result;
    result.kind = ApiError::Kind::Security;
    result.code = QStringLiteral("tls_certificate");
    QStringList technical;
    for (const QSslError &error : errors)
        technical << error.errorString();
    result.technical = technical.join(QLatin1String("; "));
    if (chosen == unknownIssuer && unknownIssuer) {
        result.message = tr("The certificate of %1 was not issued by an authority this computer "
                            "trusts, so the app cannot tell that it is talking to the service. If "
                            "your organisation has its own certificate authority, give its "
                            "certificate when you sign in. Certificate fingerprint (SHA-256): %2")
                             .arg(host, print);
    } else if (chosen == expired && expired) {
        result.message = tr("The certificate of %1 expired on %2, so the app cannot trust the "
                            "connection. The service's administrator must renew it. Certificate "
                            "fingerprint (SHA-256): %3")
                             .arg(host,
                                  locale.toString(certificate.expiryDate().toLocalTime(),
                                                  QLocale::ShortFormat),
                                  print);
    } else if (chosen == notYetValid && notYetValid) {
        result.message = tr("The certificate of %1 is valid only from %2. Check the date and time "
                            "of this computer. Certificate fingerprint (SHA-256): %3")
                             .arg(host,
                                  locale.toString(certificate.effectiveDate().toLocalTime(),
                                                  QLocale::ShortFormat),
                                  print);
    } else if (chosen == nameMismatch && nameMismatch) {
        result.message = tr("The certificate presented by %1 is made out to another name, so the "
                            "app may not be talking to the service. Check the server address. "
                            "Certificate fingerprint (SHA-256): %2")
                             .arg(host, print);
    } else {
        result.message = tr("The secure connection to %1 failed: %2 Certificate fingerprint "
                            "(SHA-256): %3")
                             .arg(host, chosen ? chosen->errorString() : QString(), print);
    }
    return result;
}

ApiError ConnectionSecurity::plainHttpRefused(const QUrl &url)
{
    ApiError result;
    result.kind = ApiError::Kind::Security;
    result.code = QStringLiteral("plain_http");
    result.technical = QStringLiteral("token not sent over plain HTTP to ") + url.host();
    result.message = tr("The app does not send your access token unencrypted to %1. Use an "
                        "https:// address, or allow unencrypted connections to this server when "
                        "you sign in.")
                         .arg(url.host());
    return result;
}

std::optional<QList<QSslCertificate>> ConnectionSecurity::loadCaCertificates(const QString &path,
                                                                             QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("The certificate file %1 cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    QList<QSslCertificate> certificates = QSslCertificate::fromData(data, QSsl::Pem);
    if (certificates.isEmpty())
        certificates = QSslCertificate::fromData(data, QSsl::Der);
    certificates.removeIf([](const QSslCertificate &c) { return c.isNull(); });
    if (certificates.isEmpty()) {
        *error = tr("The file %1 holds no certificate.").arg(path);
        return std::nullopt;
    }
    return certificates;
}
