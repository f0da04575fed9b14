#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a function-pointer cast that Swift cannot import;
// this constant gives Swift the same value so bound text and blobs are copied by SQLite.
static const sqlite3_destructor_type sotay_sqlite_transient = SQLITE_TRANSIENT;
