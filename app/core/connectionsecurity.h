// Whether a connection to the service may carry the token, and the administrator's message when
// the service's certificate is refused.
#pragma once

#include "apitypes.h"

#include <QCoreApplication>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <optional>

class ConnectionSecurity
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionSecurity)
public:
    // localhost, 127.0.0.0/8 or ::1: traffic that never leaves the computer.
    static bool isLoopback(const QUrl &url);
    // An http:// address of another computer: a token sent there crosses the network in clear.
    static bool isPlainHttpToRemote(const QUrl &url);
    // What a permission for plain HTTP is remembered under: scheme, host and port.
    static QString serverKey(const QUrl &url);

    // The certificate's SHA-256 fingerprint as colon-separated upper-case hex pairs.
    static QString fingerprint(const QSslCertificate &certificate);
    // The refusal of the service's certificate: a name mismatch, an unknown issuer, an expired
    // (or not yet valid) certificate, or another TLS error, each with the fingerprint.
    static ApiError certificateRefused(const QUrl &url, const QList<QSslError> &errors,
                                       const QSslCertificate &peer);
    // The refusal to send a token over plain HTTP to `url`.
    static ApiError plainHttpRefused(const QUrl &url);

    // The PEM (or DER) certificates of `path`, or nullopt with a translated reason.
    static std::optional<QList<QSslCertificate>> loadCaCertificates(const QString &path,
                                                                    QString *error);
};
