// The changes waiting for the service, one row per user, and a way to take them back.
#include "pendingchangesdialog.h"

#include "confirmchangedialog.h"
#include "synccontroller.h"
#include "usermodel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

PendingChangesModel::PendingChangesModel(SyncController *sync, UserModel *users, QObject *parent)
    : QAbstractTableModel(parent)
    , m_sync(sync)
    , m_users(users)
{
    reload();
}

QList<PendingChangesModel::Row> PendingChangesModel::currentRows() const
{
    QList<Row> rows;
    if (!m_sync)
        return rows;
    // One row per user: their last pending change is what will be true once sent.
    QHash<QString, int> rowOf;
    const QList<PendingAction> actions = m_sync->pendingActions();
    for (const PendingAction &action : actions) {
        for (const QString &id : action.userIds) {
            const auto it = rowOf.constFind(id);
            if (it != rowOf.cend()) {
                Row &row = rows[*it];
                row.type = action.type;
                row.queuedAt = action.createdAt;
                // A deletion stays asked for until an opt-in follows it.
                row.deleting = action.type == PendingAction::Type::OptOut
                    && (row.deleting || action.deleteStoredEvents);
                continue;
            }
            rowOf.insert(id, int(rows.size()));
            rows.append(Row {id, action.type, action.createdAt, false, action.deleteStoredEvents});
        }
    }
    if (!actions.isEmpty()) {
        for (const QString &id : actions.constFirst().userIds) {
            if (!m_sync->isSending(id))
                break; // the head is either on its way or not
            Row &row = rows[rowOf.value(id)];
            row.sending = row.type == actions.constFirst().type;
        }
    }
    return rows;
}

void PendingChangesModel::reload()
{
    // Brought to the new list by removals, a move only when the order changed, insertions and
    // one dataChanged, so that the view keeps its selection and scroll position.
    const QList<Row> rows = currentRows();
    QHash<QString, int> newRowOf;
    newRowOf.reserve(rows.size());
    for (int i = 0; i < rows.size(); ++i)
        newRowOf.insert(rows.at(i).userId, i);

    for (int last = int(m_rows.size()) - 1; last >= 0;) {
        if (newRowOf.contains(m_rows.at(last).userId)) {
            --last;
            continue;
        }
        int first = last;
        while (first > 0 && !newRowOf.contains(m_rows.at(first - 1).userId))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }

    // What is left is kept in the new list's order (rarely different: a user's first change
    // sent while a later one waits).
    bool inOrder = true;
    for (int i = 1; i < m_rows.size() && inOrder; ++i)
        inOrder = newRowOf.value(m_rows.at(i - 1).userId) < newRowOf.value(m_rows.at(i).userId);
    if (!inOrder) {
        emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList before = persistentIndexList();
        std::sort(m_rows.begin(), m_rows.end(), [&newRowOf](const Row &a, const Row &b) {
            return newRowOf.value(a.userId) < newRowOf.value(b.userId);
        });
        QHash<QString, int> keptRowOf;
        for (int i = 0; i < m_rows.size(); ++i)
            keptRowOf.insert(m_rows.at(i).userId, i);
        QModelIndexList after;
        after.reserve(before.size());
        for (const QModelIndex &index : before) {
            const QString id = index.data(UserIdRole).toString();
            after.append(createIndex(keptRowOf.value(id), index.column()));
        }
        changePersistentIndexList(before, after);
        emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // New users go in at their place; the kept ones, a subsequence in the same order, then
    // line up with the new list. Row i of both is the same user once i is passed.
    for (int i = 0; i < rows.size();) {
        const auto kept = [&](int row) {
            return i < m_rows.size() && m_rows.at(i).userId == rows.at(row).userId;
        };
        if (kept(i)) {
            ++i;
            continue;
        }
        int end = i + 1;
        while (end < rows.size() && !kept(end))
            ++end;
        beginInsertRows({}, i, end - 1);
        m_rows.insert(i, end - i, Row {});
        std::copy(rows.begin() + i, rows.begin() + end, m_rows.begin() + i);
        endInsertRows();
        i = end;
    }
    Q_ASSERT(m_rows.size() == rows.size());

    int firstChanged = -1;
    int lastChanged = -1;
    for (int i = 0; i < rows.size(); ++i) {
        const Row &now = rows.at(i);
        Row &shown = m_rows[i];
        if (shown.type == now.type && shown.queuedAt == now.queuedAt && shown.sending == now.sending
            && shown.deleting == now.deleting)
            continue;
        shown = now;
        if (firstChanged < 0)
            firstChanged = i;
        lastChanged = i;
    }
    if (firstChanged >= 0)
        emit dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));
}

void PendingChangesModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1),
                         {Qt::DisplayRole, Qt::ToolTipRole});
}

int PendingChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PendingChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PendingChangesModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows.at(index.row());
    if (role == UserIdRole)
        return row.userId;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case UserColumn: {
        const User *user = m_users ? m_users->userById(row.userId) : nullptr;
        return user ? ConfirmChangeDialog::userLabel(*user) : row.userId;
    }
    case ChangeColumn: {
        const bool out = row.type == PendingAction::Type::OptOut;
        if (out && row.deleting)
            return row.sending ? tr("Opt-out and deletion of stored data (being sent)")
                               : tr("Opt-out and deletion of stored data");
        if (row.sending)
            return out ? tr("Opt-out (being sent)") : tr("Opt-in (being sent)");
        return out ? tr("Opt-out") : tr("Opt-in");
    }
    case QueuedColumn:
        return QLocale().toString(row.queuedAt.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant PendingChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UserColumn:
        return tr("User");
    case ChangeColumn:
        return tr("Change");
    case QueuedColumn:
        return tr("Made at");
    default:
        return {};
    }
}

PendingChangesDialog::PendingChangesDialog(SyncController *sync, UserModel *users, QWidget *parent)
    : QDialog(parent)
    , m_sync(sync)
    , m_model(new PendingChangesModel(sync, users, this))
    , m_intro(new QLabel(this))
    , m_table(new QTableView(this))
    , m_cancelChanges(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("pendingChangesDialog"));
    m_table->setObjectName(QStringLiteral("pendingTable"));
    m_cancelChanges->setObjectName(QStringLiteral("cancelPendingButton"));
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_intro->setWordWrap(true);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(PendingChangesModel::UserColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(PendingChangesModel::ChangeColumn, 200);
    m_table->horizontalHeader()->resizeSection(PendingChangesModel::QueuedColumn, 150);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancelChanges, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_cancelChanges, &QPushButton::clicked, this, &PendingChangesDialog::cancelSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PendingChangesDialog::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PendingChangesDialog::updateButtons);
    if (sync) {
        // Followed while shown; a hidden list is brought up to date when it shows again.
        connect(sync, &SyncController::pendingChanged, this, [this]() {
            if (isVisible())
                m_model->reload();
        });
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(780, 360);
    retranslate();
    updateButtons();
}

void PendingChangesDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PendingChangesDialog::showEvent(QShowEvent *event)
{
    m_model->reload();
    QDialog::showEvent(event);
}

void PendingChangesDialog::retranslate()
{
    setWindowTitle(tr("Pending changes"));
    m_table->setAccessibleName(tr("Pending changes"));
    m_intro->setText(tr("These changes are kept until the service confirms them, across "
                        "restarts. A cancelled change is never sent; one being sent is "
                        "reversed once it arrives."));
    m_cancelChanges->setText(tr("&Cancel selected changes"));
    m_close->setText(tr("C&lose"));
    m_model->retranslate();
}

void PendingChangesDialog::updateButtons()
{
    m_cancelChanges->setEnabled(m_table->selectionModel()->hasSelection());
}

void PendingChangesDialog::cancelSelected()
{
    if (!m_sync)
        return;
    QStringList ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    ids.reserve(rows.size());
    for (const QModelIndex &row : rows)
        ids.append(row.data(PendingChangesModel::UserIdRole).toString());
    m_sync->cancelPending(ids);
}
