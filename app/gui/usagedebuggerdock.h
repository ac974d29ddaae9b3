// View > Usage tracking debugger: the events this app records and sends, and whether it tracks.
#pragma once

#include "usagetracker.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableView;

class UsageDebuggerDock final : public QDockWidget
{
    Q_OBJECT
public:
    // The tracker must outlive the dock.
    explicit UsageDebuggerDock(UsageTracker *tracker, QWidget *parent = nullptr);
    ~UsageDebuggerDock() override;

    // "Tracking on", "Tracking off: you are opted out", ...
    QString stateText() const;
    static QString stateText(UsageTracker::State state);
    // "3 events waiting to be sent", with drops and the last send problem, if any.
    QString queueText() const;
    QTableView *table() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateState();
    void updateQueue();
    void scrollToNewRows();

    QPointer<UsageTracker> m_tracker;
    QLabel *m_stateLabel;
    QLabel *m_queueLabel;
    QPushButton *m_sendButton;
    QTableView *m_table;
    QString m_sendProblem; // the last send failure's message, until a batch goes through
    bool m_followNewRows = true;
};
