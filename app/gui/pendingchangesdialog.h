// The changes waiting for the service, one row per user, and a way to take them back.
#pragma once

#include <QAbstractTableModel>
#include <QDialog>
#include <QPointer>

#include "pendingstore.h"

class QLabel;
class QPushButton;
class QTableView;
class SyncController;
class UserModel;

// The pending changes as rows: user, change, queued at. Follows the queue with row removals,
// insertions and dataChanged (a large opt-in queues up to an organisation's worth of users), never
// a reset, so that a selection made in the list survives the queue moving on.
class PendingChangesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { UserColumn, ChangeColumn, QueuedColumn, ColumnCount };
    enum Role { UserIdRole = Qt::UserRole + 1 };

    PendingChangesModel(SyncController *sync, UserModel *users, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Brings the rows up to the controller's queue.
    void reload();
    // The texts changed with the language.
    void retranslate();

private:
    struct Row
    {
        QString userId;
        PendingAction::Type type = PendingAction::Type::OptOut;
        QDateTime queuedAt;
        bool sending = false;
        bool deleting = false; // an opt-out that deletes the stored usage data now
    };
    QList<Row> currentRows() const;

    QPointer<SyncController> m_sync;
    QPointer<UserModel> m_users;
    QList<Row> m_rows;
};

class PendingChangesDialog final : public QDialog
{
    Q_OBJECT
public:
    PendingChangesDialog(SyncController *sync, UserModel *users, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void updateButtons();
    void cancelSelected();

    QPointer<SyncController> m_sync;
    PendingChangesModel *m_model;
    QLabel *m_intro;
    QTableView *m_table;
    QPushButton *m_cancelChanges;
    QPushButton *m_close;
};
