// Shows the opt-out ledger in the models: all of it once loaded, then change by change.
#include "ledgerview.h"

#include "optoutmodel.h"
#include "usermodel.h"

LedgerView::LedgerView(OptOutLedger *ledger, UserModel *users, OptOutModel *optOuts)
    : m_ledger(ledger)
    , m_users(users)
    , m_optOuts(optOuts)
{
}

QSet<QString> LedgerView::leftDirectory(const QList<OptOutLedger::Row> &rows) const
{
    // Opted-out users the directory no longer lists (deprovisioned over SCIM): marked, kept.
    QSet<QString> left;
    if (m_users && m_users->rowCount() > 0) {
        for (const OptOutLedger::Row &row : rows) {
            if (!m_users->userById(row.entry.user.id))
                left.insert(row.entry.user.id);
        }
    }
    return left;
}

void LedgerView::setLoaded()
{
    m_loaded = true;
    showAll();
}

void LedgerView::showAll()
{
    if (!m_loaded)
        return;
    // The names of pending opt-outs' users may have come meanwhile.
    m_ledger->relookUsers();
    const QList<OptOutLedger::Row> rows = m_ledger->rows();
    const QSet<QString> left = leftDirectory(rows);
    if (m_optOuts) {
        QList<OptOutEntry> entries;
        entries.reserve(rows.size());
        for (const OptOutLedger::Row &row : rows)
            entries.append(row.entry);
        m_optOuts->setEntries(entries, m_ledger->pendingIds(), m_ledger->leavingIds(), left);
    }
    if (m_users)
        m_users->setOptOutState(m_ledger->optedOutIds(), m_ledger->pendingIds());
}

void LedgerView::show(const OptOutLedger::Change &change)
{
    // Until loaded nothing is shown; setLoaded() shows the whole view then.
    if (!m_loaded || change.isEmpty())
        return;
    if (m_optOuts)
        m_optOuts->applyChange(change.rows, change.removed, leftDirectory(change.rows));
    if (m_users)
        m_users->updateOptOutState(change.stateChanged, m_ledger->optedOutIds(),
                                   m_ledger->pendingIds());
}
