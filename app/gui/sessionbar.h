// The bar shown above the main window's content when the service ended the session (expired,
// or the token refused): it says so and offers to sign in again; the window and its pending
// changes stay.
#pragma once

#include <QToolBar>

class QLabel;
class QPushButton;

class SessionBar final : public QToolBar
{
    Q_OBJECT
public:
    enum class Reason { Expired, Refused };

    explicit SessionBar(QWidget *parent = nullptr);

    void showEnded(Reason reason);
    QString text() const;

Q_SIGNALS:
    void signInRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_label;
    QPushButton *m_button;
    Reason m_reason = Reason::Expired;
};
