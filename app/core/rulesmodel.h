// The organisation's opt-out rules (GET /api/v1/optout-rules) as a table, oldest first: a
// group's or an e-mail domain's, with the users it covers, its reason, who made it and when.
// A reload changes the rows that changed, inserts and removes by rows: a view keeps its
// selection and scroll position.
#pragma once

#include "apitypes.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class ApiClient;

class RulesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RuleColumn, UsersColumn, ReasonColumn, ByColumn, WhenColumn, ColumnCount };
    enum Role {
        RuleIdRole = Qt::UserRole + 1,
        UserCountRole, // qint64, -1 when the service does not say
    };

    explicit RulesModel(ApiClient *api, QObject *parent = nullptr);

    // Asks the service for the rules again; the rows follow when it answers.
    void reload();
    // Replaces the rules, row by row (the rules kept stay where they are).
    void setRules(const QList<OptOutRule> &rules);
    // Forgets them (sign-out).
    void clear();

    const QList<OptOutRule> &rules() const { return m_rules; }
    const OptOutRule &rule(int row) const { return m_rules.at(row); }
    int rowOf(const QString &ruleId) const;
    bool isLoading() const { return m_loading; }
    // The service has no rules (an older one answered 404).
    bool isUnavailable() const { return m_unavailable; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Group: Works council", "Domain: contractors.example.com".
    static QString ruleText(const OptOutRule &rule);
    static QString specText(const OptOutRuleSpec &spec);
    // The Via column's words for one cover: "Individually", "Group: …", "Domain: …".
    static QString coverText(const OptOutCover &cover);
    // A user's covers in one line ("Individually, Group: Works council").
    static QString viaText(const QList<OptOutCover> &via);

signals:
    void loadingChanged(bool loading);
    // The rules were loaded (or reloaded).
    void loaded();
    void loadFailed(const ApiError &error);

private:
    QPointer<ApiClient> m_api;
    QList<OptOutRule> m_rules;
    bool m_loading = false;
    bool m_unavailable = false;
    quint64 m_generation = 0; // answers asked before a clear() are dropped
};
