// Certificates made by the tests with the openssl command: a CA and server certificates it signs.
#include "testcerts.h"

#include <QDebug>
#include <QFile>
#include <QHostAddress>
#include <QProcess>

TestCerts::TestCerts(const QString &dir)
    : m_dir(dir)
{
}

QString TestCerts::cert(const QString &name) const
{
    return m_dir + QLatin1Char('/') + name + QStringLiteral(".pem");
}

QString TestCerts::key(const QString &name) const
{
    return m_dir + QLatin1Char('/') + name + QStringLiteral(".key");
}

bool TestCerts::openssl(const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral("openssl"), args);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        qWarning().noquote() << "openssl" << args.join(QLatin1Char(' '))
                             << "failed:" << process.errorString() << process.readAll();
        return false;
    }
    return true;
}

bool TestCerts::makeCa(const QString &name, const QString &commonName)
{
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), key(name), QStringLiteral("-out"), cert(name),
                    QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=") + commonName, QStringLiteral("-addext"),
                    QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                    QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
}

bool TestCerts::makeServer(const QString &name, const QStringList &hosts, const QString &ca,
                           int days)
{
    QStringList names;
    for (const QString &host : hosts)
        names << (QHostAddress(host).isNull() ? QStringLiteral("DNS:") : QStringLiteral("IP:"))
                + host;
    const QString extFile = m_dir + QLatin1Char('/') + name + QStringLiteral(".ext");
    QFile ext(extFile);
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write("subjectAltName=" + names.join(QLatin1Char(',')).toLatin1()
              + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
    ext.close();
    const QString csr = m_dir + QLatin1Char('/') + name + QStringLiteral(".csr");
    if (!openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), key(name),
                  QStringLiteral("-out"), csr, QStringLiteral("-subj"),
                  QStringLiteral("/CN=") + hosts.value(0)}))
        return false;
    QStringList args {QStringLiteral("x509"),        QStringLiteral("-req"),
                      QStringLiteral("-in"),         csr,
                      QStringLiteral("-out"),        cert(name),
                      QStringLiteral("-days"),       QString::number(days),
                      QStringLiteral("-extfile"),    extFile,
                      QStringLiteral("-set_serial"), QString::number(++m_serial)};
    if (ca.isEmpty())
        args << QStringLiteral("-key") << key(name);
    else
        args << QStringLiteral("-CA") << cert(ca) << QStringLiteral("-CAkey") << key(ca);
    return openssl(args);
}
