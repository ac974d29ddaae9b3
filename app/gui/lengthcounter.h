// "12 / 500": how much of a field's limit is used, beside the field.
#pragma once

#include <QLabel>
#include <QPointer>

class QLineEdit;

// Follows a QLineEdit with a maximum length: it says how many characters are used of how many,
// and turns to a warning once the limit is reached (the field then takes no more), so a
// reason that stops at 500 characters is never a silent surprise.
class LengthCounter final : public QLabel
{
    Q_OBJECT
public:
    explicit LengthCounter(QLineEdit *edit, QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void update();

    QPointer<QLineEdit> m_edit;
    QPalette m_normal;
};
