// What the users picker offers besides users: the organisation's groups whose name holds the
// typed text (asked of the service once typing pauses, never once per key) and, for a text
// such as "@contractors.example.com", that e-mail domain. Each is a rule the administrator
// may create (OptOutRuleSpec).
#pragma once

#include "apitypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;

class GroupSearch final : public QObject
{
    Q_OBJECT
public:
    // How long typing must pause before the service is asked.
    static constexpr int DefaultDelayMs = 300;
    // The groups offered at most.
    static constexpr int MaxGroups = 5;
    // Shorter texts find no group (every group holds an "a").
    static constexpr int MinLength = 2;

    struct Offer
    {
        OptOutRuleSpec spec;
        qint64 memberCount = -1; // groups
        bool optedOut = false; // a rule covers it already
    };

    explicit GroupSearch(ApiClient *api, QObject *parent = nullptr);

    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    // The picker's text; the offers follow (the domain at once, the groups after the pause).
    void setText(const QString &text);
    void clear();
    const QList<Offer> &offers() const { return m_offers; }
    // Requests sent to the service so far (the tests count them).
    int requestCount() const { return m_requests; }

    // The domain of "@example.com" (lower case), empty when the text is not one.
    static QString domainOf(const QString &text);

signals:
    void offersChanged();

private:
    void ask();
    void setOffers(const QList<Offer> &offers);

    QPointer<ApiClient> m_api;
    QTimer m_timer;
    QString m_text;
    QString m_asked; // the text of the answer shown (or on its way)
    QList<Offer> m_offers;
    quint64 m_generation = 0;
    int m_requests = 0;
};
