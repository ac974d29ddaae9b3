// How tokens are kept: only their hash is stored or compared.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>

// Hex SHA-256 of a bearer token.
inline QByteArray hashToken(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}
