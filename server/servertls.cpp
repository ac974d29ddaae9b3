// TLS for the service: loads a PEM certificate (chain) and key and checks that they belong
// together.
#include "servertls.h"

#include <QDateTime>
#include <QFile>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace {

// Handshakes that do not finish in this time are dropped, so a client that connects and sends
// nothing holds no TLS state for long.
constexpr int HandshakeTimeoutMs = 10000;

bool readFile(const QString &path, const char *what, QByteArray *data, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the TLS %1 %2: %3")
                     .arg(QLatin1String(what), path, file.errorString());
        return false;
    }
    *data = file.readAll();
    return true;
}

// An encrypted key would make OpenSSL ask for a pass phrase on the terminal; refuse instead.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

struct BioFree
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};

std::unique_ptr<BIO, BioFree> memoryBio(const QByteArray &data)
{
    return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(data.constData(), int(data.size())));
}

} // namespace

QList<QSslCipher> ServerTls::strongCiphers()
{
    // TLS 1.3's suites are all AEAD with an ephemeral key exchange. In TLS 1.2: ECDHE (forward
    // secrecy) and an AEAD cipher (GCM or ChaCha20-Poly1305) only, never CBC, RSA key exchange,
    // static DH or SHA-1 MACs (the TLS 1.2 half of Mozilla's "intermediate" configuration).
    QList<QSslCipher> strong;
    const QList<QSslCipher> supported = QSslConfiguration::supportedCiphers();
    for (const QSslCipher &cipher : supported) {
        if (cipher.protocol() == QSsl::TlsV1_3) {
            strong.append(cipher);
            continue;
        }
        const QString name = cipher.name();
        const bool ecdhe = name.startsWith(QLatin1String("ECDHE-"));
        const bool aead = name.contains(QLatin1String("-GCM-"))
            || name.contains(QLatin1String("CHACHA20-POLY1305"));
        if (cipher.protocol() == QSsl::TlsV1_2 && ecdhe && aead)
            strong.append(cipher);
    }
    return strong;
}

std::optional<QSslConfiguration> ServerTls::load(const QString &certFile, const QString &keyFile,
                                                 QString *error)
{
    QByteArray certPem;
    QByteArray keyPem;
    if (!readFile(certFile, "certificate", &certPem, error)
        || !readFile(keyFile, "key", &keyPem, error))
        return std::nullopt;

    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate.").arg(certFile);
        return std::nullopt;
    }

    // The key's type decides how Qt reads it, and OpenSSL tells whether the certificate's public
    // key is the public half of this private key.
    auto certBio = memoryBio(certPem);
    auto keyBio = memoryBio(keyPem);
    std::unique_ptr<X509, X509Free> x509(
        certBio ? PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr) : nullptr);
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
        keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    if (!x509) {
        *error = QStringLiteral("%1 holds no PEM certificate.").arg(certFile);
        return std::nullopt;
    }
    if (!pkey) {
        *error = QStringLiteral("%1 holds no unencrypted PEM private key.").arg(keyFile);
        return std::nullopt;
    }
    if (X509_check_private_key(x509.get(), pkey.get()) != 1) {
        *error = QStringLiteral("the key in %1 does not match the certificate in %2 (its public "
                                "key is not the certificate's).")
                     .arg(keyFile, certFile);
        return std::nullopt;
    }
    QSsl::KeyAlgorithm algorithm;
    switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
        algorithm = QSsl::Rsa;
        break;
    case EVP_PKEY_EC:
        algorithm = QSsl::Ec;
        break;
    case EVP_PKEY_DSA:
        algorithm = QSsl::Dsa;
        break;
    default:
        *error = QStringLiteral("the key in %1 is of a type the service cannot use (use RSA or "
                                "EC).")
                     .arg(keyFile);
        return std::nullopt;
    }
    const QSslKey key(keyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no usable PEM private key.").arg(keyFile);
        return std::nullopt;
    }

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setCiphers(strongCiphers());
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return config;
}

QString ServerTls::expiryWarning(const QSslConfiguration &tls)
{
    const QSslCertificate certificate = tls.localCertificate();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString end = certificate.expiryDate().toUTC().toString(Qt::ISODate);
    if (certificate.expiryDate() <= now)
        return QStringLiteral("the TLS certificate expired on %1: clients will refuse it.")
            .arg(end);
    if (certificate.effectiveDate() > now)
        return QStringLiteral("the TLS certificate is valid only from %1: clients will refuse it "
                              "until then.")
            .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate));
    if (certificate.expiryDate() <= now.addDays(14))
        return QStringLiteral("the TLS certificate expires on %1; renew it.").arg(end);
    return {};
}

namespace {

// What a connection accepted but not yet taken by the HTTP edge (it holds --max-connections)
// may buffer: the rest waits in the kernel.
constexpr qint64 AcceptedReadBufferBytes = 64 * 1024;

// QTcpServer's own accepting, with a bounded read buffer from the start.
class BoundedTcpServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        socket->setReadBufferSize(AcceptedReadBufferBytes);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        addPendingConnection(socket);
    }
};

} // namespace

QTcpServer *ServerTls::makeListener(const std::optional<QSslConfiguration> &tls, QObject *parent)
{
    if (!tls)
        return new BoundedTcpServer(parent);
    auto *server = new QSslServer(parent);
    server->setSslConfiguration(*tls);
    server->setHandshakeTimeout(HandshakeTimeoutMs);
    QObject::connect(
        server, &QSslServer::startedEncryptionHandshake, server,
        [](QSslSocket *socket) { socket->setReadBufferSize(AcceptedReadBufferBytes); });
    return server;
}
