// Certificates made by the tests with the openssl command: a CA and server certificates it signs.
#pragma once

#include <QString>
#include <QStringList>

// Files in `dir`: each certificate as NAME.pem and its key as NAME.key.
class TestCerts
{
public:
    explicit TestCerts(const QString &dir);

    // A self-signed CA certificate NAME.pem (key NAME.key). False (and a warning) on failure.
    bool makeCa(const QString &name, const QString &commonName);
    // A server certificate NAME.pem for `hosts` (DNS names or IP addresses), signed by the CA
    // `ca`, or self-signed when `ca` is empty; days < 0 makes one whose end lies in the past.
    bool makeServer(const QString &name, const QStringList &hosts, const QString &ca, int days = 2);

    QString cert(const QString &name) const;
    QString key(const QString &name) const;

private:
    bool openssl(const QStringList &args);

    QString m_dir;
    int m_serial = 1;
};
