// The lines of an import (ImportResult) as a table: line, input, user, outcome; filtered on
// one outcome at a time.
#pragma once

#include "optoutimport.h"

#include <QAbstractTableModel>

#include <optional>

class ImportPreviewModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LineColumn, InputColumn, UserColumn, OutcomeColumn, ColumnCount };
    enum Role {
        OutcomeRole = Qt::UserRole + 1, // int: ImportEntry::Outcome
        UserIdRole, // QString, empty when no user
        LineRole, // int
    };

    explicit ImportPreviewModel(QObject *parent = nullptr);

    // Shows a new result (a reset: every row changes); the filter stays.
    void setResult(const ImportResult &result);
    void clear();
    const ImportResult &result() const { return m_result; }
    // Only the entries of this outcome; nullopt: all of them. O(1): the result keeps the
    // indexes of each outcome.
    void setFilter(std::optional<ImportEntry::Outcome> outcome);
    std::optional<ImportEntry::Outcome> filter() const { return m_filter; }
    const ImportEntry &entryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // What becomes of an entry, in the UI language ("Will be opted out", "Duplicate of line
    // 4", ...).
    static QString outcomeText(const ImportEntry &entry);
    // The short name of an outcome, for tabs ("To opt out", "Unknown", ...).
    static QString outcomeName(ImportEntry::Outcome outcome);

    // Re-emits header and display data after a language switch.
    void retranslate();

private:
    ImportResult m_result;
    std::optional<ImportEntry::Outcome> m_filter;
};
