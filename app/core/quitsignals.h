// Turns SIGTERM and SIGINT (a desktop logout, Ctrl+C) into a Qt signal on the event loop.
#pragma once

#include <QObject>

class QSocketNotifier;

// The handler only writes the signal number to a socket pair (async-signal-safe); a
// QSocketNotifier reads it on the event loop and emits quitRequested(), so the app can quit as
// File > Quit does: usage events sent or kept, layout saved. While it lives, the process owns
// these signals; its destructor restores the default actions. One per process.
class QuitSignals final : public QObject
{
    Q_OBJECT
public:
    explicit QuitSignals(QObject *parent = nullptr);
    ~QuitSignals() override;

    // Whether the handlers are installed (a socket pair could be made).
    bool isWatching() const { return m_notifier != nullptr; }

Q_SIGNALS:
    // Once, for the first SIGTERM or SIGINT; later ones are absorbed while the app quits.
    void quitRequested(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
    bool m_requested = false;
};
