// Asks before a change of more than one user: how many, who (the first few), what will happen.
#pragma once

#include "apitypes.h"
#include "pendingstore.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QVBoxLayout;

class ConfirmChangeDialog final : public QDialog
{
    Q_OBJECT
public:
    static constexpr int ShownUsers = 5;

    // `users`: everyone the change concerns (only the first ShownUsers are listed).
    ConfirmChangeDialog(PendingAction::Type type, const QList<User> &users,
                        QWidget *parent = nullptr);

    int count() const { return int(m_users.size()); }
    // Where later options of the change go (a reason, "delete stored data now"): empty and
    // hidden today, laid out between the consequences and the buttons.
    QVBoxLayout *optionsLayout() const { return m_optionsLayout; }

    // "Name <e-mail>", or whichever of the two is known.
    static QString userLabel(const User &user);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    PendingAction::Type m_type;
    QList<User> m_users;
    QLabel *m_heading;
    QLabel *m_list;
    QLabel *m_consequence;
    QVBoxLayout *m_optionsLayout;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
