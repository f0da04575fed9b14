// libpq, PostgreSQL's client library (Debian libpq-dev), for the learning service's
// replicas sharing one database (DESIGN.md §7). Debian puts the header under
// postgresql/; it includes postgres_ext.h from its own folder.
#include <postgresql/libpq-fe.h>
