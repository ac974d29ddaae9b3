// The demo organisations that `optout-server --demo` puts into an empty database.
#pragma once

#include <QString>

class Store;

struct DemoOptions
{
    int users = 250; // users of "Example Org", the administrator and service accounts included
    int optOuts = -1; // already opted out; -1: a handful (one in forty, at least five)
};

// Fills an empty database; returns false with `error` set on failure.
bool createDemoData(Store *store, const DemoOptions &options, QString *error);

// The fixed demo tokens and whom they belong to, for printing at start.
QString demoTokensText();
