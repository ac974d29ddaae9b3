// Turns an editable QComboBox into a search-as-you-type picker of the organisation's users.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

class QComboBox;
class QCompleter;
class QListView;
class QModelIndex;
class UserModel;
class UserSearchModel;

// The combo's own list is every user (UserSearchModel with no query, so combo row == UserModel
// row); typing filters a second UserSearchModel shown by a completer popup. Enter picks the
// highlighted user, or the first one that matches. Opted-out users are disabled and never
// picked.
class UserPicker final : public QObject
{
    Q_OBJECT
public:
    UserPicker(QComboBox *combo, UserModel *users, QObject *parent = nullptr);

    // Empty when no user is chosen.
    QString pickedUserId() const { return m_pickedId; }
    // Picks the user with this id if it can be picked; returns whether it was.
    bool pickUser(const QString &userId);
    void clear();
    void retranslate();

    QCompleter *completer() const { return m_completer; }
    UserSearchModel *searchModel() const { return m_search; }

Q_SIGNALS:
    void pickedUserChanged(const QString &userId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextEdited(const QString &text);
    void onComboIndexChanged(int row);
    void onCompleterActivated(const QModelIndex &index);
    void onReturnPressed();
    void onUsersDataChanged();
    void keepNoChoice();
    bool pickSourceRow(int sourceRow);
    void setPicked(const QString &userId);
    void pickFirstMatch();

    QPointer<QComboBox> m_combo;
    QPointer<UserModel> m_users;
    UserSearchModel *m_all;
    UserSearchModel *m_search;
    QCompleter *m_completer;
    QListView *m_popup;
    QString m_pickedId;
    QString m_pickedLabel;
    bool m_settingIndex = false;
};
