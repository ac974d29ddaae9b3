// optout-server's command line: the options, the set-up commands that run once and exit
// (--create-org, --import-users, --issue-token, --revoke-token, --demo's data), and the service.
#pragma once

class QCoreApplication;

// Parses the application's arguments, then runs a set-up command or serves until SIGTERM.
// Returns the process's exit code.
int runServerCommandLine(QCoreApplication &app);

#include <QString>

#include <optional>

// A --purge-after duration ("7d", "12h", "30m", "45s", "0") in seconds; nullopt when `text`
// is not one (a bare number other than 0 included: its unit would be a guess).
std::optional<qint64> parseDuration(const QString &text);

// A --time-zone name: an IANA time zone the system knows ("Europe/Amsterdam", "UTC").
bool isTimeZoneName(const QString &name);
