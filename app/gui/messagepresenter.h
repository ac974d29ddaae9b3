// Shows message boxes without blocking, and lets tests record them instead of showing any.
#pragma once

#include <QList>
#include <QString>

class QWidget;

class MessagePresenter
{
public:
    enum class Kind { Information, Warning, Critical, About };
    struct Message
    {
        Kind kind;
        QString title;
        QString text;
    };

    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text);
    static void critical(QWidget *parent, const QString &title, const QString &text);
    static void about(QWidget *parent, const QString &title, const QString &text);

    // Tests: record every message instead of opening a box.
    static void setRecordOnly(bool recordOnly);
    static bool recordOnly();
    static QList<Message> recorded();
    static void clearRecorded();

private:
    static void present(Kind kind, QWidget *parent, const QString &title, const QString &text);
};
