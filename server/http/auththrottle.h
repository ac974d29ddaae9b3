// Failed authentications per client address: after `MaxFailures` within a window, the address
// is refused (429) until its window has passed. The table holds at most `MaxAddresses`
// addresses, so a flood of addresses costs bounded memory (and, amortised, constant time).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

class AuthThrottle final
{
public:
    static constexpr int MaxFailures = 20;
    static constexpr qint64 WindowMs = 60 * 1000;
    static constexpr int MaxAddresses = 10000;

    explicit AuthThrottle(int maxAddresses = MaxAddresses, int maxFailures = MaxFailures);

    int maxFailures() const { return m_maxFailures; }

    // The seconds until `client` may try again (at least 1), or 0 when it is not refused.
    int refusedForSeconds(const QHostAddress &client, qint64 nowMs) const;
    // Counts a failed authentication; true when it is the one that makes the address refused.
    bool recordFailure(const QHostAddress &client, qint64 nowMs);

    int size() const { return int(m_entries.size()); }

    // The address whose failures count together: an IPv4 address, or an IPv6 address's /64
    // (one host usually holds a whole /64).
    static QByteArray key(const QHostAddress &client);

private:
    struct Entry
    {
        qint64 windowStart = 0;
        int failures = 0;
    };
    void makeRoom(qint64 nowMs);

    int m_maxAddresses;
    int m_maxFailures;
    QHash<QByteArray, Entry> m_entries;
};
