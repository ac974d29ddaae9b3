// Shows the opt-out ledger in the models: all of it once loaded, then change by change.
#pragma once

#include "optoutledger.h"

#include <QPointer>
#include <QSet>

class OptOutModel;
class UserModel;

class LedgerView final
{
public:
    // The ledger and the models must outlive the view.
    LedgerView(OptOutLedger *ledger, UserModel *users, OptOutModel *optOuts);

    // Nothing is shown until the lists are loaded; then the whole view at once.
    bool isLoaded() const { return m_loaded; }
    void setLoaded();
    // Loaded, with the models already showing the view (made on the cache's thread).
    void setLoadedAsShown() { m_loaded = true; }
    void unload() { m_loaded = false; }
    // The whole view again (the directory changed: names and the left-directory marks).
    void showAll();
    // One change of the ledger, by rows.
    void show(const OptOutLedger::Change &change);

private:
    QSet<QString> leftDirectory(const QList<OptOutLedger::Row> &rows) const;

    OptOutLedger *m_ledger; // showAll() looks the names up again
    QPointer<UserModel> m_users;
    QPointer<OptOutModel> m_optOuts;
    bool m_loaded = false; // users and opt-outs loaded once
};
