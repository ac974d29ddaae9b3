// optout-server's command line: the options, the set-up commands that run once and exit
// (--create-org, --import-users, --issue-token, --revoke-token, --demo's data), and the service.
#pragma once

class QCoreApplication;

// Parses the application's arguments, then runs a set-up command or serves until SIGTERM.
// Returns the process's exit code.
int runServerCommandLine(QCoreApplication &app);
