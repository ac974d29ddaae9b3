// Turns an editable QComboBox into a search-as-you-type picker of the organisation's users.
#include "userpicker.h"

#include "usermodel.h"
#include "usersearchmodel.h"

#include <QAbstractProxyModel>
#include <QComboBox>
#include <QCompleter>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QStyledItemDelegate>

#include <algorithm>

namespace {

// QComboBox asks its model for data of an invalid index (itemIcon(-1) while it has no current
// item), which UserSearchModel asserts against; this pass-through answers those itself.
class InvalidIndexGuard final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        return index.isValid() ? QIdentityProxyModel::data(index, role) : QVariant();
    }
};

// Rows tall enough for accents on capitals (É, Å) whatever the first row measured holds.
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
};

QListView *newFastListView()
{
    auto *view = new QListView;
    // 100,000 users: never measure each row.
    view->setUniformItemSizes(true);
    view->setLayoutMode(QListView::SinglePass);
    return view;
}
} // namespace

UserPicker::UserPicker(QComboBox *combo, UserModel *users, QObject *parent)
    : QObject(parent)
    , m_combo(combo)
    , m_users(users)
    , m_all(new UserSearchModel(users, this))
    , m_search(new UserSearchModel(users, this))
    , m_completer(new QCompleter(this))
    , m_popup(newFastListView())
{
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    // The default policy measures every item before showing (about 440 ms at 100,000 users).
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setView(newFastListView());
    auto *comboModel = new InvalidIndexGuard(this);
    comboModel->setSourceModel(m_all);
    combo->setModel(comboModel);
    combo->setCurrentIndex(-1);

    m_popup->setObjectName(QStringLiteral("userSearchPopup"));
    auto *completerModel = new InvalidIndexGuard(this);
    completerModel->setSourceModel(m_search);
    m_completer->setModel(completerModel);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    // UserSearchModel does the filtering; the completer would otherwise scan every shown row
    // for a prefix match on each key press. Its binary search is cheap, and its result is
    // never used: Enter takes the row the user highlighted, else the first match.
    m_completer->setModelSorting(QCompleter::CaseInsensitivelySortedModel);
    m_completer->setMaxVisibleItems(12);
    m_completer->setPopup(m_popup);
    // After setView/setPopup, which install delegates of their own.
    combo->view()->setItemDelegate(new RoomyDelegate(combo->view()));
    m_popup->setItemDelegate(new RoomyDelegate(m_popup));
    m_popup->installEventFilter(this);
    // Set on the line edit, not the combo: the combo would map a pick back by a linear findText.
    combo->setCompleter(nullptr);
    combo->lineEdit()->setCompleter(m_completer);

    connect(combo->lineEdit(), &QLineEdit::textEdited, this, &UserPicker::onTextEdited);
    connect(combo->lineEdit(), &QLineEdit::returnPressed, this, &UserPicker::onReturnPressed);
    // activated, not currentIndexChanged: the combo also moves its index by itself when its
    // model fills (it selects the first user), which must not count as a choice.
    connect(combo, &QComboBox::activated, this, &UserPicker::onComboIndexChanged);
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

void UserPicker::onTextEdited(const QString &text)
{
    if (!m_pickedId.isEmpty() && text != m_pickedLabel)
        setPicked({});
    m_search->setQuery(text);
    if (text.trimmed().isEmpty()) {
        m_popup->hide();
        return;
    }
    // QLineEdit updates the completer right after textEdited (setCompletionPrefix, then
    // complete()), now over the narrowed list.
}

bool UserPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Installed after QCompleter's own filter, so it sees Enter first: Enter picks the
    // highlighted user, or else the first match that can be picked.
    if (watched == m_popup && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            const QModelIndex current = m_popup->currentIndex();
            const bool highlighted = current.isValid()
                && m_popup->selectionModel()->isSelected(current)
                && (current.flags() & Qt::ItemIsEnabled);
            m_popup->hide();
            if (highlighted)
                onCompleterActivated(current);
            else
                pickFirstMatch();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void UserPicker::onCompleterActivated(const QModelIndex &index)
{
    // index belongs to the completer's own proxy, over the guard, over m_search.
    QModelIndex searchIndex = index;
    while (searchIndex.isValid() && searchIndex.model() != m_search) {
        const auto *proxy = qobject_cast<const QAbstractProxyModel *>(searchIndex.model());
        searchIndex = proxy ? proxy->mapToSource(searchIndex) : QModelIndex();
    }
    if (!searchIndex.isValid())
        return;
    pickSourceRow(m_search->sourceRow(searchIndex.row()));
}

void UserPicker::onReturnPressed()
{
    if (!m_pickedId.isEmpty())
        return;
    pickFirstMatch();
}

void UserPicker::pickFirstMatch()
{
    const QString text = m_combo->lineEdit()->text();
    if (text.trimmed().isEmpty())
        return;
    if (m_search->query() != text)
        m_search->setQuery(text);
    for (int row = 0; row < m_search->rowCount(); ++row) {
        if (m_search->index(row, 0).flags() & Qt::ItemIsEnabled) {
            m_popup->hide();
            pickSourceRow(m_search->sourceRow(row));
            return;
        }
    }
}

void UserPicker::onComboIndexChanged(int row)
{
    if (m_settingIndex)
        return;
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
    if (m_users->isOptedOut(user.id)) {
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

void UserPicker::clear()
{
    m_settingIndex = true;
    m_combo->setCurrentIndex(-1);
    m_settingIndex = false;
    m_combo->clearEditText();
    m_search->setQuery({});
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
    if (m_users->rowOfKey(m_pickedId) < 0 || m_users->isOptedOut(m_pickedId))
        clear();
}
