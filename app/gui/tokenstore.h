// Keeps a remembered access token in the system keychain (QtKeychain), never in a settings file.
#pragma once

#include <QObject>
#include <QSet>
#include <QString>

// Each call ends with exactly one finished signal, within timeoutMs() even when the keychain
// service never answers (no secret service under Xvfb or CI).
class TokenStore final : public QObject
{
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    // `account` is the server URL the token belongs to. A read of an account already under
    // way is not started again: its one readFinished answers both (main() asks before the
    // window is built, the sign-in after).
    void readToken(const QString &account);
    void writeToken(const QString &account, const QString &token);
    void deleteToken(const QString &account);

    static QString serviceName();

Q_SIGNALS:
    // error is empty on success; a missing entry is success with an empty token.
    void readFinished(const QString &account, const QString &token, const QString &error);
    void writeFinished(const QString &account, const QString &error);
    void deleteFinished(const QString &account, const QString &error);

private:
    int m_timeoutMs = 5000;
    QSet<QString> m_reading; // accounts whose read is under way
};
