// The app's remembered choices in QSettings: server, "remember me", language, window state.
// The token itself is never stored here (see TokenStore).
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>
#include <QUrl>

class AppSettings
{
public:
    // Uses the application's default QSettings location (organisation and app name).
    AppSettings();
    // Tests pass a file of their own.
    explicit AppSettings(const QString &iniFile);

    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    // An extra certificate authority's file (the sign-in dialog's, or --ca-cert); empty: none.
    QString caCertificateFile() const;
    void setCaCertificateFile(const QString &path);
    // The servers (scheme://host:port) the administrator allowed to get the token over plain
    // HTTP although they are not loopback.
    QStringList plainHttpAllowedServers() const;
    bool plainHttpAllowed(const QUrl &server) const;
    void setPlainHttpAllowed(const QUrl &server, bool allowed);
    // The e-mail address last typed in the sign-in dialog.
    QString email() const;
    void setEmail(const QString &email);
    // Whether the current token is a session of the organisation's sign-in (ended on the
    // service at sign-out), not an access token someone issued (left alone).
    bool tokenIsSession() const;
    void setTokenIsSession(bool session);
    bool rememberToken() const;
    void setRememberToken(bool remember);
    // Who the remembered token signed in as (a user id, no secret): a start reads that
    // account's last synced lists while the keychain is asked for the token. Empty: unknown.
    QString rememberedUserId() const;
    void setRememberedUserId(const QString &userId);
    QString language() const; // empty when never chosen
    void setLanguage(const QString &code);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray tableHeaderState() const;
    // How many columns the table had when its header state was saved (0: not said, an older
    // version).
    int tableHeaderColumns() const;
    void setTableHeaderState(const QByteArray &state, int columns);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};
