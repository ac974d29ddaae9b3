// Fills a stopped optout-server's SQLite audit with a large history, as the service writes it.
#pragma once

#include <QString>

// `entries` audit entries of organisation o-1 over a year: opt-outs with reasons, opt-ins and
// purges, by three administrators, about users u-4 .. u-(users); false (and why) on failure.
bool fillAudit(const QString &databasePath, int entries, int users, QString *error);
