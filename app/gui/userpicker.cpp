// Turns an editable QComboBox into a search-as-you-type picker of the organisation's users.
#include "userpicker.h"

#include "groupsearch.h"

#include "usermodel.h"
#include "usersearchmodel.h"

#include <QAbstractListModel>
#include <QAbstractProxyModel>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QFocusEvent>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QStyledItemDelegate>

#include <algorithm>
#include <climits>

namespace {

// QComboBox asks its model for data of an invalid index (itemIcon(-1) while it has no current
// item), which UserSearchModel asserts against; this pass-through answers those itself.
// With `anyUser`, opted-out users are enabled too.
class InvalidIndexGuard final : public QIdentityProxyModel
{
public:
    InvalidIndexGuard(bool anyUser, QObject *parent)
        : QIdentityProxyModel(parent)
        , m_anyUser(anyUser)
    {
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return index.isValid() ? QIdentityProxyModel::data(index, role) : QVariant();
    }
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (m_anyUser && index.isValid())
            return QIdentityProxyModel::flags(index) | Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        return QIdentityProxyModel::flags(index);
    }

private:
    bool m_anyUser;
};

// Rows tall enough for accents on capitals (É, Å) whatever the first row measured holds; a row
// too narrow for "Name <e-mail>" shortens the name, never the e-mail, which tells homonyms
// apart (zoe.visser@ and zoe.visser10380@).
class RoomyDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 8));
        return size;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString email = index.data(UserModel::EmailRole).toString();
        const int room = option->rect.width() - 4 * option->fontMetrics.averageCharWidth();
        if (email.isEmpty() || room <= 0
            || option->fontMetrics.horizontalAdvance(option->text) <= room)
            return;
        const QString name = index.data(UserModel::NameRole).toString();
        const QString whole = UserModel::tr("%1 <%2>", "user name and email in the drop-down");
        const int rest = option->fontMetrics.horizontalAdvance(whole.arg(QString(), email));
        option->text = whole.arg(
            option->fontMetrics.elidedText(name, Qt::ElideRight, std::max(0, room - rest)), email);
    }
};

QListView *newFastListView()
{
    auto *view = new QListView;
    // 100,000 users: never measure each row.
    view->setUniformItemSizes(true);
    view->setLayoutMode(QListView::SinglePass);
    return view;
}

bool isListKey(int key)
{
    return key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp
        || key == Qt::Key_PageDown;
}
} // namespace

// The search results as the completer shows them: the rules offered (groups, an e-mail
// domain; GroupSearch's) first, then UserSearchModel's rows, or, when a query matches no user,
// one disabled row saying so.
class SearchResultsModel final : public QAbstractListModel
{
public:
    SearchResultsModel(UserSearchModel *search, bool anyUser, QObject *parent)
        : QAbstractListModel(parent)
        , m_search(search)
        , m_anyUser(anyUser)
    {
        connect(search, &QAbstractItemModel::modelAboutToBeReset, this,
                &SearchResultsModel::beginResetModel);
        connect(search, &QAbstractItemModel::modelReset, this, [this]() {
            m_noMatch = noMatch();
            endResetModel();
        });
        connect(search, &QAbstractItemModel::layoutAboutToBeChanged, this,
                &SearchResultsModel::beginResetModel);
        connect(search, &QAbstractItemModel::layoutChanged, this, [this]() {
            m_noMatch = noMatch();
            endResetModel();
        });
        connect(search, &QAbstractItemModel::rowsAboutToBeInserted, this,
                [this](const QModelIndex &, int first, int last) {
                    dropNoMatchRow();
                    beginInsertRows({}, first + offers(), last + offers());
                });
        connect(search, &QAbstractItemModel::rowsInserted, this,
                &SearchResultsModel::endInsertRows);
        connect(search, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) {
                    beginRemoveRows({}, first + offers(), last + offers());
                });
        connect(search, &QAbstractItemModel::rowsRemoved, this, [this]() {
            endRemoveRows();
            if (noMatch()) {
                beginInsertRows({}, offers(), offers());
                m_noMatch = true;
                endInsertRows();
            }
        });
        connect(search, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles) {
                    emit dataChanged(index(topLeft.row() + offers()),
                                     index(bottomRight.row() + offers()), roles);
                });
        m_noMatch = noMatch();
    }

    // The search model's row, or -1 for the "no user matches" row and the rules offered.
    int searchRow(const QModelIndex &index) const
    {
        return m_noMatch || !index.isValid() || index.row() < offers() ? -1
                                                                       : index.row() - offers();
    }
    // The rule offered on this row, or null.
    const GroupSearch::Offer *offerAt(const QModelIndex &index) const
    {
        return index.isValid() && index.row() < offers() ? &m_offers.at(index.row()) : nullptr;
    }
    int offers() const { return int(m_offers.size()); }
    // The rules offered now (their rows replace the previous ones).
    void setOffers(const QList<GroupSearch::Offer> &next)
    {
        if (!m_offers.isEmpty()) {
            beginRemoveRows({}, 0, offers() - 1);
            m_offers.clear();
            endRemoveRows();
        }
        if (!next.isEmpty()) {
            beginInsertRows({}, 0, int(next.size()) - 1);
            m_offers = next;
            endInsertRows();
        }
    }
    // After a language switch.
    void retranslate()
    {
        if (rowCount() > 0)
            emit dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
    }

    int rowCount(const QModelIndex &parent = {}) const override
    {
        if (parent.isValid())
            return 0;
        return offers() + (m_noMatch ? 1 : m_search->rowCount());
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        if (const GroupSearch::Offer *offer = offerAt(index)) {
            if (role == Qt::DisplayRole || role == Qt::AccessibleTextRole)
                return offerText(*offer);
            if (role == Qt::ToolTipRole && offer->optedOut)
                return UserPicker::tr("A rule opts this group out already.");
            return {};
        }
        if (m_noMatch) {
            if (role == Qt::DisplayRole)
                return UserPicker::tr("No user matches “%1”").arg(m_search->query().trimmed());
            return {};
        }
        return m_search->index(index.row() - offers(), 0).data(role);
    }
    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        if (const GroupSearch::Offer *offer = offerAt(index)) {
            return offer->optedOut
                ? Qt::ItemNeverHasChildren
                : Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
        }
        if (!index.isValid() || m_noMatch)
            return Qt::ItemNeverHasChildren;
        const QModelIndex user = m_search->index(index.row() - offers(), 0);
        if (m_anyUser)
            return user.flags() | Qt::ItemIsEnabled | Qt::ItemIsSelectable;
        return user.flags();
    }

    // "Group: Works council — 312 members", "Domain: contractors.example.com — …".
    static QString offerText(const GroupSearch::Offer &offer)
    {
        if (offer.spec.kind != QLatin1String("group"))
            return UserPicker::tr("Domain: %1 — everyone with an address there")
                .arg(offer.spec.domain);
        const int members = int(qMin<qint64>(offer.memberCount, INT_MAX));
        return offer.optedOut
            ? UserPicker::tr("Group: %1 — %n member(s), opted out already", nullptr, members)
                  .arg(offer.spec.groupName)
            : UserPicker::tr("Group: %1 — %n member(s)", nullptr, members)
                  .arg(offer.spec.groupName);
    }

private:
    bool noMatch() const
    {
        return m_search->rowCount() == 0 && !m_search->query().trimmed().isEmpty();
    }
    void dropNoMatchRow()
    {
        if (!m_noMatch)
            return;
        beginRemoveRows({}, offers(), offers());
        m_noMatch = false;
        endRemoveRows();
    }

    UserSearchModel *m_search;
    bool m_anyUser;
    bool m_noMatch = false;
    QList<GroupSearch::Offer> m_offers;
};

UserPicker::UserPicker(QComboBox *combo, UserModel *users, QObject *parent, Pickable pickable)
    : QObject(parent)
    , m_combo(combo)
    , m_users(users)
    , m_all(new UserSearchModel(users, this))
    , m_search(new UserSearchModel(users, this))
    , m_results(new SearchResultsModel(m_search, pickable == Pickable::AnyUser, this))
    , m_completer(new QCompleter(this))
    , m_popup(newFastListView())
    , m_pickable(pickable)
{
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    // The default policy measures every item before showing (about 440 ms at 100,000 users).
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setView(newFastListView());
    auto *comboModel = new InvalidIndexGuard(pickable == Pickable::AnyUser, this);
    comboModel->setSourceModel(m_all);
    combo->setModel(comboModel);
    combo->setCurrentIndex(-1);

    m_popup->setObjectName(QStringLiteral("userSearchPopup"));
    m_completer->setModel(m_results);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    // UserSearchModel does the filtering and ranking; the completer would otherwise scan every
    // shown row for a prefix match on each key press. Its binary search is cheap, and its
    // result is replaced by the best match.
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setMaxVisibleItems(12);
    m_completer->setPopup(m_popup);
    // After setView/setPopup, which install delegates of their own.
    combo->view()->setItemDelegate(new RoomyDelegate(combo->view()));
    m_popup->setItemDelegate(new RoomyDelegate(m_popup));
    // The picker opens the results itself (never the line edit, which would also complete
    // the text on Tab): the completer only shows them and reports a click.
    combo->setCompleter(nullptr);
    m_completer->setWidget(combo->lineEdit());
    // Installed after the completer's, the combo container's and the combo's own filters, so
    // these see the events first.
    m_popup->installEventFilter(this);
    combo->installEventFilter(this);
    combo->lineEdit()->installEventFilter(this);
    m_comboView = combo->view();
    m_comboViewport = combo->view()->viewport();
    m_comboView->installEventFilter(this);
    m_comboViewport->installEventFilter(this);

    connect(combo->lineEdit(), &QLineEdit::textEdited, this, &UserPicker::onTextEdited);
    connect(combo->lineEdit(), &QLineEdit::textChanged, this, &UserPicker::onTextChanged);
    // activated, not currentIndexChanged: the combo also moves its index by itself when its
    // model fills (it selects the first user), which must not count as a choice.
    connect(combo, &QComboBox::activated, this, &UserPicker::onComboActivated);
    connect(comboModel, &QAbstractItemModel::modelReset, this, &UserPicker::keepNoChoice);
    connect(comboModel, &QAbstractItemModel::rowsInserted, this, &UserPicker::keepNoChoice);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            &UserPicker::onCompleterActivated);
    connect(users, &QAbstractItemModel::dataChanged, this, &UserPicker::onUsersDataChanged);
    // Queued: the model's key index is rebuilt only after it has signalled the change.
    connect(users, &QAbstractItemModel::rowsRemoved, this, &UserPicker::onUsersDataChanged,
            Qt::QueuedConnection);
    connect(users, &QAbstractItemModel::modelReset, this, &UserPicker::onUsersDataChanged,
            Qt::QueuedConnection);
    retranslate();
}

void UserPicker::retranslate()
{
    if (!m_combo)
        return;
    const QString hint = tr("Search by name or email");
    m_combo->setPlaceholderText(hint);
    m_combo->lineEdit()->setPlaceholderText(hint);
    m_results->retranslate();
    // The label ("Name <email>") may read differently in the new language.
    if (!m_pickedId.isEmpty()) {
        const int comboRow = m_combo->currentIndex();
        if (comboRow >= 0) {
            m_pickedLabel = m_combo->itemText(comboRow);
            m_combo->lineEdit()->setText(m_pickedLabel);
        }
    }
}

void UserPicker::keepNoChoice()
{
    if (!m_pickedId.isEmpty() || m_combo->currentIndex() < 0)
        return;
    m_settingIndex = true;
    m_combo->setCurrentIndex(-1);
    m_settingIndex = false;
    m_combo->clearEditText();
}

void UserPicker::setGroupSearch(GroupSearch *groups)
{
    m_groups = groups;
    if (!groups)
        return;
    connect(groups, &GroupSearch::offersChanged, this, [this]() {
        if (!m_groups)
            return;
        // The user highlighted stays highlighted; else the best match is.
        const int highlighted = m_results->searchRow(m_popup->currentIndex());
        m_results->setOffers(m_groups->offers());
        const QString text = m_combo->lineEdit()->text();
        if (text.trimmed().isEmpty() || !m_pickedId.isEmpty())
            return;
        if (!m_popup->isVisible() && m_combo->lineEdit()->hasFocus()) {
            showResults();
            return;
        }
        if (highlighted >= 0 && m_popup->selectionModel()) {
            const QModelIndex index = m_popup->model()->index(highlighted + m_results->offers(), 0);
            m_popup->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
        } else {
            highlightBestMatch();
        }
    });
}

void UserPicker::onTextEdited(const QString &text)
{
    m_search->setQuery(text);
    if (m_groups)
        m_groups->setText(text);
    if (text.trimmed().isEmpty()) {
        m_popup->hide();
        return;
    }
    showResults();
}

void UserPicker::onTextChanged(const QString &text)
{
    // Whatever changed the text (typing, a paste, an undo), the field no longer holds the pick.
    if (!m_pickedId.isEmpty() && text != m_pickedLabel)
        setPicked({});
}

void UserPicker::showResults()
{
    const QString text = m_combo->lineEdit()->text();
    if (m_search->query() != text)
        m_search->setQuery(text);
    m_completer->setCompletionPrefix(text);
    m_completer->complete();
    highlightBestMatch();
}

void UserPicker::highlightBestMatch()
{
    // The first match that can be picked, shown highlighted: what Enter would pick. A user
    // before the rules offered above them (typing a name picks the person, as ever).
    QItemSelectionModel *selection = m_popup->selectionModel();
    if (!selection)
        return;
    const QAbstractItemModel *shown = m_popup->model();
    for (int row = m_results->offers(); row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, 0);
        if (index.flags() & Qt::ItemIsEnabled) {
            selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            m_popup->scrollTo(index);
            return;
        }
    }
    for (int row = 0; row < m_results->offers() && row < shown->rowCount(); ++row) {
        const QModelIndex index = shown->index(row, 0);
        if (index.flags() & Qt::ItemIsEnabled) {
            selection->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
            m_popup->scrollTo(index);
            return;
        }
    }
    selection->clear();
    selection->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
}

bool UserPicker::eventFilter(QObject *watched, QEvent *event)
{
    if (m_combo) {
        if (watched == m_popup && event->type() == QEvent::KeyPress)
            return filterResultsKey(static_cast<QKeyEvent *>(event));
        if (watched == m_comboView || watched == m_comboViewport) {
            // The combo's own list: its click or Enter is an explicit choice.
            if (event->type() == QEvent::MouseButtonRelease)
                m_listChoice = true;
            else if (event->type() == QEvent::Hide) // a click or Enter that chose nothing
                QMetaObject::invokeMethod(
                    this, [this]() { m_listChoice = false; }, Qt::QueuedConnection);
            else if (event->type() == QEvent::KeyPress
                     || event->type() == QEvent::ShortcutOverride) { // the list acts on the latter
                const int key = static_cast<QKeyEvent *>(event)->key();
                m_listChoice = key == Qt::Key_Return || key == Qt::Key_Enter;
            }
            return QObject::eventFilter(watched, event);
        }
        if ((watched == m_combo || watched == m_combo->lineEdit())
            && event->type() == QEvent::FocusOut
            && static_cast<QFocusEvent *>(event)->reason() == Qt::PopupFocusReason
            && QApplication::activePopupWidget() == m_popup) {
            // Our own list of matches opening: the field goes on being typed into (the list
            // hands it the keys), so its editing has not finished. Let through, the focus-out
            // would make QComboBox look the text up among every user's label (findText over
            // 100,000 "Name <email>" strings), the most of the first keystroke's time.
            return true;
        }
        if ((watched == m_combo || watched == m_combo->lineEdit()) && filterFieldEvent(event))
            return true;
    }
    return QObject::eventFilter(watched, event);
}

bool UserPicker::filterFieldEvent(QEvent *event)
{
    if (event->type() == QEvent::Wheel) {
        // The closed picker never changes its choice under a wheel: the page scrolls instead
        // (an ignored event goes on to the parent).
        event->ignore();
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    const auto *key = static_cast<QKeyEvent *>(event);
    if (!isListKey(key->key()) || key->modifiers().testFlag(Qt::AltModifier))
        return false;
    // Up/Down open a list to choose from; they never step the combo to another user. With no
    // text, or the picked user's, that is the whole list (the pick highlighted).
    if (m_combo->lineEdit()->text().trimmed().isEmpty() || !m_pickedId.isEmpty())
        m_combo->showPopup();
    else
        showResults();
    return true;
}

bool UserPicker::filterResultsKey(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter: {
        // Enter picks the highlighted match; with none highlighted it does nothing.
        const QModelIndex current = m_popup->currentIndex();
        const bool highlighted = current.isValid() && m_popup->selectionModel()->isSelected(current)
            && (current.flags() & Qt::ItemIsEnabled);
        if (highlighted) {
            m_popup->hide();
            onCompleterActivated(current);
        }
        return true;
    }
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        // Tab leaves the field without choosing (QCompleter would complete the current row).
        m_popup->hide();
        QCoreApplication::sendEvent(m_combo->lineEdit(), event);
        return true;
    default:
        return false;
    }
}

void UserPicker::onCompleterActivated(const QModelIndex &index)
{
    // index belongs to the completer's own proxy (if any) over m_results.
    QModelIndex resultIndex = index;
    while (resultIndex.isValid() && resultIndex.model() != m_results) {
        const auto *proxy = qobject_cast<const QAbstractProxyModel *>(resultIndex.model());
        resultIndex = proxy ? proxy->mapToSource(resultIndex) : QModelIndex();
    }
    if (const GroupSearch::Offer *offer = m_results->offerAt(resultIndex)) {
        if (offer->optedOut)
            return;
        const OptOutRuleSpec spec = offer->spec;
        clear();
        Q_EMIT ruleChosen(spec);
        return;
    }
    const int searchRow = m_results->searchRow(resultIndex);
    if (searchRow < 0 || searchRow >= m_search->rowCount())
        return;
    pickSourceRow(m_search->sourceRow(searchRow));
}

void UserPicker::onComboActivated(int row)
{
    const bool fromList = m_listChoice;
    m_listChoice = false;
    if (m_settingIndex)
        return;
    if (!fromList) {
        // Not a choice (the combo matched typed text on focus out): back to what was picked.
        const QString text = m_combo->lineEdit()->text();
        m_settingIndex = true;
        m_combo->setCurrentIndex(
            m_pickedId.isEmpty() || !m_users ? -1 : m_all->proxyRow(m_users->rowOfKey(m_pickedId)));
        m_settingIndex = false;
        m_combo->lineEdit()->setText(text);
        return;
    }
    if (row < 0) {
        setPicked({});
        return;
    }
    pickSourceRow(m_all->sourceRow(row));
}

bool UserPicker::pickSourceRow(int sourceRow)
{
    if (!m_users || sourceRow < 0 || sourceRow >= m_users->rowCount())
        return false;
    const User &user = m_users->userAt(sourceRow);
    if (m_pickable == Pickable::NotOptedOut && m_users->isOptedOut(user.id)) {
        clear();
        return false;
    }
    const int comboRow = m_all->proxyRow(sourceRow);
    m_settingIndex = true;
    m_combo->setCurrentIndex(comboRow);
    m_settingIndex = false;
    m_pickedLabel = m_combo->itemText(comboRow);
    m_combo->lineEdit()->setText(m_pickedLabel);
    setPicked(user.id);
    return true;
}

bool UserPicker::pickUser(const QString &userId)
{
    if (!m_users)
        return false;
    return pickSourceRow(m_users->rowOfKey(userId));
}

bool UserPicker::hasUnpickedText() const
{
    return m_combo && m_pickedId.isEmpty() && !m_combo->lineEdit()->text().trimmed().isEmpty();
}

void UserPicker::clear()
{
    m_settingIndex = true;
    m_combo->setCurrentIndex(-1);
    m_settingIndex = false;
    m_combo->clearEditText();
    m_search->setQuery({});
    if (m_groups)
        m_groups->clear();
    m_popup->hide();
    setPicked({});
}

void UserPicker::setPicked(const QString &userId)
{
    if (userId == m_pickedId)
        return;
    m_pickedId = userId;
    if (userId.isEmpty())
        m_pickedLabel.clear();
    Q_EMIT pickedUserChanged(userId);
}

void UserPicker::onUsersDataChanged()
{
    // The chosen user was opted out (here or by another administrator) or left.
    if (m_pickedId.isEmpty() || !m_users)
        return;
    if (m_users->rowOfKey(m_pickedId) < 0
        || (m_pickable == Pickable::NotOptedOut && m_users->isOptedOut(m_pickedId)))
        clear();
}
