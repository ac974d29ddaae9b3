// Asks before a change of more than one user (or an opt-out with a reason): how many, who (the
// first few), what will happen; for opt-outs, a reason and "Delete stored data now".
#pragma once

#include "apitypes.h"
#include "pendingstore.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
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

    // Opt-outs: how long the service keeps the stored usage data of an opted-out user (from
    // /me; -1: the service does not say, 0: deleted at the opt-out). "Delete stored data now" is
    // offered only when it is kept a while.
    void setRetention(qint64 purgeAfterSeconds);
    // Opt-outs: the reason typed (trimmed) and "Delete stored data now".
    OptOutOptions options() const;
    QLineEdit *reasonEdit() const { return m_reason; }
    QCheckBox *deleteNowBox() const { return m_deleteNow; }
    QPushButton *confirmButton() const { return m_confirm; }

    // "Name <e-mail>", or whichever of the two is known.
    static QString userLabel(const User &user);
    // A retention window in words: "7 days", "12 hours", "90 minutes".
    static QString durationText(qint64 seconds);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void checkReason();

    PendingAction::Type m_type;
    QList<User> m_users;
    QLabel *m_heading;
    QLabel *m_list;
    QLabel *m_consequence;
    QVBoxLayout *m_optionsLayout;
    QLabel *m_reasonLabel = nullptr;
    QLineEdit *m_reason = nullptr;
    QLabel *m_reasonProblem = nullptr;
    QCheckBox *m_deleteNow = nullptr;
    QLabel *m_retention = nullptr;
    qint64 m_purgeAfterSeconds = -1;
    QPushButton *m_confirm;
    QPushButton *m_cancel;
};
