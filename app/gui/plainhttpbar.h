// The warning bar shown above the main window's content while the token goes over plain HTTP.
#pragma once

#include <QToolBar>
#include <QUrl>

class QLabel;

class PlainHttpBar final : public QToolBar
{
    Q_OBJECT
public:
    explicit PlainHttpBar(QWidget *parent = nullptr);

    // Shows the warning for `server`; an empty URL hides the bar.
    void setServer(const QUrl &server);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_label;
    QUrl m_server;
};
