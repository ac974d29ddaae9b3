// QComboBox as screen readers get it: named by its label, its choice as its value.
#pragma once

#include <QAccessibleWidget>

class QComboBox;

// Qt 6.4's own interface names a combo box by its current text on Linux (the Action filter was
// read as "Any action", the picker as the picked user); this one keeps the label's name (the
// accessible name or the buddy label) and gives the text as the value. Children and actions
// as Qt's: the list, then the line edit of an editable combo; open and close the list.
class AccessibleComboBox final : public QAccessibleWidget
{
public:
    explicit AccessibleComboBox(QComboBox *combo);

    // Makes every QComboBox of the process use it (once; later calls do nothing).
    static void install();

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QString text(QAccessible::Text t) const override;
    QStringList actionNames() const override;
    void doAction(const QString &actionName) override;
    QStringList keyBindingsForAction(const QString &actionName) const override;

private:
    QComboBox *comboBox() const;
};
