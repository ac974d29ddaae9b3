// TLS for the service: loads a PEM certificate (chain) and key and checks that they belong
// together.
#pragma once

#include <QList>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QString>

#include <optional>

class QObject;
class QTcpServer;

namespace ServerTls {

// The server-side TLS configuration of certFile (the server's certificate first, then any
// intermediate certificates) and keyFile (an unencrypted RSA, EC or DSA key), or nullopt with
// the reason in *error: a file that cannot be read, holds no PEM certificate or key, or a key
// that is not the certificate's.
std::optional<QSslConfiguration> load(const QString &certFile, const QString &keyFile,
                                      QString *error);

// A warning when the configuration's certificate is expired, not yet valid, or expires within
// 14 days (clients refuse such a certificate); empty otherwise.
QString expiryWarning(const QSslConfiguration &tls);

// A listener that speaks TLS with `tls`, or plain TCP when it is nullopt.
QTcpServer *makeListener(const std::optional<QSslConfiguration> &tls, QObject *parent);

// The ciphers the service offers: TLS 1.3's, and TLS 1.2's with ECDHE key exchange and an AEAD
// cipher.
QList<QSslCipher> strongCiphers();

} // namespace ServerTls
