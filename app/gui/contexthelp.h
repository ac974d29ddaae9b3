// The page's contextual help: a small popup with a title and a text, known by its help ids.
#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;

class ContextHelpPopup final : public QFrame
{
    Q_OBJECT
    Q_PROPERTY(QStringList helpIds READ helpIds CONSTANT)
public:
    explicit ContextHelpPopup(QWidget *parent = nullptr);

    // The ids of the documentation's contextual help this popup shows.
    static QStringList helpIds();
    QString title() const;
    QString text() const;

    // Shows the popup under `anchor`, kept on its screen.
    void showBelow(QWidget *anchor);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QLabel *m_text;
};
