// View > History: the organisation's audit, newest first, one row per action (expandable to its
// entries), loaded page by page as the view scrolls, with filters for user, actor, action and
// dates.
#pragma once

#include "apitypes.h"

#include <QDockWidget>

class HistoryModel;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;
class UserModel;
class UserPicker;

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
    // Puts the entries written since on top, while shown (after a sync).
    void refreshNewest();

    // The filters in the fields; false (and why, translated) when they cannot be used.
    bool currentFilter(AuditFilter *filter, QString *error) const;

    QTreeView *view() const { return m_view; }
    QPushButton *exportButton() const { return m_exportButton; }
    UserPicker *userPicker() const { return m_userPicker; }
    UserPicker *actorPicker() const { return m_actorPicker; }

signals:
    // "Export…": the history with the filters in the fields.
    void exportRequested(const AuditFilter &filter);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateDateFormats();
    void attachModel();
    void updateStatus();
    // The next page, when the list is scrolled to its end (or not full).
    void loadMoreAtEnd();
    // Says which field holds text that picked nobody: the history is not filtered by it.
    void updateUserNotice();
    static QString unpickedText(const QStringList &texts);
    // A field that picks one of the organisation's users as the opt-out picker does.
    QComboBox *userField(UserPicker **picker, QString *chosenId);

    HistoryModel *m_history;
    UserModel *m_users;
    QLabel *m_userLabel;
    QComboBox *m_userCombo;
    QLabel *m_actorLabel;
    QComboBox *m_actorCombo;
    QLabel *m_actionLabel;
    QComboBox *m_actionCombo;
    QCheckBox *m_fromCheck;
    QDateEdit *m_fromDate;
    QCheckBox *m_toCheck;
    QDateEdit *m_toDate;
    QPushButton *m_exportButton;
    QTreeView *m_view;
    QLabel *m_userNotice;
    QLabel *m_status;
    UserPicker *m_userPicker = nullptr;
    UserPicker *m_actorPicker = nullptr;
    QString m_userId; // chosen in the user field (or "Show history" of a row); empty: any
    QString m_actorId;
    QString m_departedLabel; // the id shown for a user no longer in the directory
    QString m_error; // the last load failure, shown until the next load
};
