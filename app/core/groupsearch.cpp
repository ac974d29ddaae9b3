// The groups and the e-mail domain the users picker offers.
#include "groupsearch.h"

#include "apiclient.h"

#include <QRegularExpression>

GroupSearch::GroupSearch(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &GroupSearch::ask);
}

QString GroupSearch::domainOf(const QString &text)
{
    // The service's own rule (docs/api.md): two labels or more of letters, digits and hyphens,
    // no hyphen first or last, a top-level label not all digits, 253 characters at most.
    static const QRegularExpression domain(QStringLiteral(
        "^@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?=[a-z0-9-]*[a-z-])[a-z0-9](?:[a-z0-9-]{0,"
        "61}[a-z0-9])?)$"));
    const QString trimmed = text.trimmed().toLower();
    const QRegularExpressionMatch match = domain.match(trimmed);
    if (!match.hasMatch() || match.captured(1).size() > 253)
        return {};
    return match.captured(1);
}

void GroupSearch::setText(const QString &text)
{
    m_text = text.trimmed();
    const QString domain = domainOf(m_text);
    if (!domain.isEmpty() || m_text.startsWith(QLatin1Char('@')) || m_text.size() < MinLength) {
        // An address's domain is offered at once; no group is asked for.
        m_timer.stop();
        ++m_generation;
        m_asked.clear();
        QList<Offer> offers;
        if (!domain.isEmpty())
            offers.append(Offer {OptOutRuleSpec::forDomain(domain), -1, false});
        setOffers(offers);
        return;
    }
    if (m_text.compare(m_asked, Qt::CaseInsensitive) == 0)
        return;
    // Typing: the service is asked once it pauses.
    m_timer.start();
}

void GroupSearch::clear()
{
    m_timer.stop();
    ++m_generation;
    m_text.clear();
    m_asked.clear();
    setOffers({});
}

void GroupSearch::ask()
{
    if (!m_api)
        return;
    const quint64 generation = ++m_generation;
    m_asked = m_text;
    ++m_requests;
    m_api->fetchGroups(
        0, MaxGroups, m_text, this, [this, generation](const ApiResult<GroupsPage> &result) {
            if (generation != m_generation)
                return; // typed on since
            QList<Offer> offers;
            if (result.ok()) {
                for (const Group &group : result.value().groups)
                    offers.append(Offer {OptOutRuleSpec::forGroup(group.id, group.name),
                                         group.memberCount, group.optedOut});
            }
            // A failure (an older service without groups) offers none.
            setOffers(offers);
        });
}

void GroupSearch::setOffers(const QList<Offer> &offers)
{
    if (offers.isEmpty() && m_offers.isEmpty())
        return;
    m_offers = offers;
    emit offersChanged();
}
