// createStore(): the Store a --db names.
#include "sqlitestore.h"
#include "store.h"

#ifdef OPTOUT_WITH_POSTGRES
#include "postgresstore.h"
#endif

std::unique_ptr<Store> createStore(const StoreSpec &spec, QString *error)
{
    switch (spec.kind) {
    case StoreSpec::Kind::Sqlite:
        return std::make_unique<SqliteStore>(spec);
    case StoreSpec::Kind::Postgres:
#ifdef OPTOUT_WITH_POSTGRES
        return std::make_unique<PostgresStore>(spec);
#else
        *error = QStringLiteral("PostgreSQL support not built.");
        return nullptr;
#endif
    }
    *error = QStringLiteral("Unknown kind of database.");
    return nullptr;
}
