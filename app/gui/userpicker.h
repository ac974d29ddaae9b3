// Turns an editable QComboBox into a search-as-you-type picker of the organisation's users.
#pragma once

#include "apitypes.h"
#include "groupsearch.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAbstractItemView;
class QComboBox;
class QCompleter;
class QListView;
class QKeyEvent;
class QModelIndex;
class QWidget;
class UserModel;
class UserSearchModel;
class SearchResultsModel;

// The combo's own list is every user (UserSearchModel with no query, so combo row == UserModel
// row); typing filters a second UserSearchModel shown by a completer popup, its best match
// highlighted, or "No user matches …". Only an explicit choice in one of these lists (a click,
// or Enter on the highlighted match) picks a user: Down, Tab, the mouse wheel over the closed
// picker, focus changes and typing never do, and editing the text drops the pick. Opted-out
// users are disabled and never picked, unless `pickable` is AnyUser (History's filters, where
// anyone the history may name can be chosen).
class UserPicker final : public QObject
{
    Q_OBJECT
public:
    enum class Pickable { NotOptedOut, AnyUser };

    UserPicker(QComboBox *combo, UserModel *users, QObject *parent = nullptr,
               Pickable pickable = Pickable::NotOptedOut);

    // Empty when no user is chosen.
    QString pickedUserId() const { return m_pickedId; }
    // The field holds text that picked nobody (typed, not chosen).
    bool hasUnpickedText() const;
    // Picks the user with this id if it can be picked; returns whether it was.
    bool pickUser(const QString &userId);
    void clear();
    void retranslate();

    // Offers groups and e-mail domains too (above the users), from `groups`, which must outlive
    // the picker; choosing one emits ruleChosen() and clears the field.
    void setGroupSearch(GroupSearch *groups);
    GroupSearch *groupSearch() const { return m_groups; }

    QCompleter *completer() const { return m_completer; }
    UserSearchModel *searchModel() const { return m_search; }

Q_SIGNALS:
    void pickedUserChanged(const QString &userId);
    // A group or domain was chosen (GroupSearch's offer): the rule to confirm.
    void ruleChosen(const OptOutRuleSpec &spec);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onTextEdited(const QString &text);
    void onTextChanged(const QString &text);
    void onComboActivated(int row);
    void onCompleterActivated(const QModelIndex &index);
    void onUsersDataChanged();
    void keepNoChoice();
    // Shows the matches of the field's text, the best one highlighted.
    void showResults();
    void highlightBestMatch();
    bool pickSourceRow(int sourceRow);
    void setPicked(const QString &userId);
    // Whether a key or wheel event on the field or the closed combo was taken care of here.
    bool filterFieldEvent(QEvent *event);
    bool filterResultsKey(QKeyEvent *event);

    QPointer<QComboBox> m_combo;
    // The combo's list and its viewport, watched: compared as they are (QPointer), never asked
    // of the combo, whose children may be gone while it is destroyed and its field still
    // reports events.
    QPointer<QAbstractItemView> m_comboView;
    QPointer<QWidget> m_comboViewport;
    QPointer<UserModel> m_users;
    UserSearchModel *m_all;
    UserSearchModel *m_search;
    SearchResultsModel *m_results;
    QCompleter *m_completer;
    QListView *m_popup;
    QPointer<GroupSearch> m_groups;
    QString m_pickedId;
    QString m_pickedLabel;
    Pickable m_pickable;
    bool m_settingIndex = false;
    // Set while the combo's own list handles a click or Enter: the only activation that counts.
    bool m_listChoice = false;
};
