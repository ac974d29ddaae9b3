// Shows message boxes without blocking, and lets tests record them instead of showing any.
#include "messagepresenter.h"

#include <QMessageBox>

namespace {
bool s_recordOnly = false;
QList<MessagePresenter::Message> &recordedMessages()
{
    static QList<MessagePresenter::Message> messages;
    return messages;
}
} // namespace

void MessagePresenter::information(QWidget *parent, const QString &title, const QString &text)
{
    present(Kind::Information, parent, title, text);
}

void MessagePresenter::warning(QWidget *parent, const QString &title, const QString &text)
{
    present(Kind::Warning, parent, title, text);
}

void MessagePresenter::critical(QWidget *parent, const QString &title, const QString &text)
{
    present(Kind::Critical, parent, title, text);
}

void MessagePresenter::about(QWidget *parent, const QString &title, const QString &text)
{
    present(Kind::About, parent, title, text);
}

void MessagePresenter::setRecordOnly(bool recordOnly)
{
    s_recordOnly = recordOnly;
}

bool MessagePresenter::recordOnly()
{
    return s_recordOnly;
}

QList<MessagePresenter::Message> MessagePresenter::recorded()
{
    return recordedMessages();
}

void MessagePresenter::clearRecorded()
{
    recordedMessages().clear();
}

void MessagePresenter::present(Kind kind, QWidget *parent, const QString &title,
                               const QString &text)
{
    if (s_recordOnly) {
        recordedMessages().append({kind, title, text});
        return;
    }
    QMessageBox::Icon icon = QMessageBox::Information;
    switch (kind) {
    case Kind::Information:
        icon = QMessageBox::Information;
        break;
    case Kind::Warning:
        icon = QMessageBox::Warning;
        break;
    case Kind::Critical:
        icon = QMessageBox::Critical;
        break;
    case Kind::About:
        icon = QMessageBox::NoIcon;
        break;
    }
    // open(), not exec(): no nested event loop, so sync and timers keep running underneath.
    auto *box = new QMessageBox(icon, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (kind == Kind::About && parent)
        box->setIconPixmap(parent->windowIcon().pixmap(64, 64));
    box->open();
}
