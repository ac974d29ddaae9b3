// Failed authentications per client address, in a table of bounded size.
#include "auththrottle.h"

#include <algorithm>
#include <vector>

AuthThrottle::AuthThrottle(int maxAddresses, int maxFailures)
    : m_maxAddresses(std::max(1, maxAddresses))
    , m_maxFailures(std::max(1, maxFailures))
{
}

QByteArray AuthThrottle::key(const QHostAddress &client)
{
    bool v4 = false;
    const quint32 ipv4 = client.toIPv4Address(&v4); // IPv4-mapped IPv6 too
    if (v4) {
        const char bytes[] = {char(ipv4 >> 24), char(ipv4 >> 16), char(ipv4 >> 8), char(ipv4)};
        return QByteArray(bytes, sizeof bytes);
    }
    if (client.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR ipv6 = client.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(ipv6.c), 8);
    }
    return {};
}

int AuthThrottle::refusedForSeconds(const QHostAddress &client, qint64 nowMs) const
{
    const auto it = m_entries.constFind(key(client));
    if (it == m_entries.cend() || it->failures < m_maxFailures)
        return 0;
    const qint64 left = it->windowStart + WindowMs - nowMs;
    if (left <= 0)
        return 0;
    return int((left + 999) / 1000);
}

bool AuthThrottle::recordFailure(const QHostAddress &client, qint64 nowMs)
{
    const QByteArray k = key(client);
    auto it = m_entries.find(k);
    if (it == m_entries.end()) {
        if (m_entries.size() >= m_maxAddresses)
            makeRoom(nowMs);
        it = m_entries.insert(k, Entry {nowMs, 0});
    } else if (nowMs - it->windowStart >= WindowMs) {
        *it = Entry {nowMs, 0};
    }
    ++it->failures;
    return it->failures == m_maxFailures;
}

void AuthThrottle::makeRoom(qint64 nowMs)
{
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = nowMs - it->windowStart >= WindowMs ? m_entries.erase(it) : std::next(it);
    if (m_entries.size() < m_maxAddresses)
        return;
    // Every window is still open: forget the oldest quarter, which has the least time left to
    // count (a quarter, so that a flood of new addresses costs one pass per many of them).
    std::vector<qint64> starts;
    starts.reserve(size_t(m_entries.size()));
    for (const Entry &e : std::as_const(m_entries))
        starts.push_back(e.windowStart);
    const auto quarter = starts.begin() + qsizetype(starts.size() / 4);
    std::nth_element(starts.begin(), quarter, starts.end());
    const qint64 threshold = *quarter;
    for (auto it = m_entries.begin(); it != m_entries.end();)
        it = it->windowStart <= threshold ? m_entries.erase(it) : std::next(it);
}
