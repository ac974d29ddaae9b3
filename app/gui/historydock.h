// View > History: the organisation's audit, newest first, loaded page by page as the table
// scrolls, with filters for user, actor, action and dates.
#pragma once

#include "apitypes.h"

#include <QDockWidget>

class HistoryModel;
class QCheckBox;
class QComboBox;
class QCompleter;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class UserModel;
class UserSearchModel;

class HistoryDock final : public QDockWidget
{
    Q_OBJECT
public:
    // `history` and `users` must outlive the dock.
    HistoryDock(HistoryModel *history, UserModel *users, QWidget *parent = nullptr);

    // Shows the history of one user (the row's "Show history"): the other filters cleared.
    void showUser(const QString &userId);
    // Applies the filters in the fields and loads the first page.
    void applyFilters();

    // The filters in the fields; false (and why, translated) when they cannot be used.
    bool currentFilter(AuditFilter *filter, QString *error) const;

    QTableView *table() const { return m_table; }
    QPushButton *exportButton() const { return m_exportButton; }

signals:
    // "Export…": the history with the filters in the fields.
    void exportRequested(const AuditFilter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateStatus();
    // A field with a completer over the organisation's users (the picker's search).
    QLineEdit *userField(UserSearchModel **search, QCompleter **completer, QString *chosenId);

    HistoryModel *m_history;
    UserModel *m_users;
    QLabel *m_userLabel;
    QLineEdit *m_userEdit;
    QLabel *m_actorLabel;
    QLineEdit *m_actorEdit;
    QLabel *m_actionLabel;
    QComboBox *m_actionCombo;
    QCheckBox *m_fromCheck;
    QDateEdit *m_fromDate;
    QCheckBox *m_toCheck;
    QDateEdit *m_toDate;
    QPushButton *m_exportButton;
    QTableView *m_table;
    QLabel *m_status;
    UserSearchModel *m_userSearch = nullptr;
    UserSearchModel *m_actorSearch = nullptr;
    QCompleter *m_userCompleter = nullptr;
    QCompleter *m_actorCompleter = nullptr;
    QString m_userId; // chosen in the user field; empty: any
    QString m_actorId;
    QString m_error; // the last load failure, shown until the next load
};
