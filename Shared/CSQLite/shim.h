#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a function-pointer cast that Swift cannot import;
// this constant gives Swift the same value so bound text and blobs are copied by SQLite.
static const sqlite3_destructor_type sotay_sqlite_transient = SQLITE_TRANSIENT;

// The extended constraint codes are macros built with `|` and `<<`, which Swift does
// not import; these constants give Store the values it classifies constraint
// violations by.
static const int sotay_sqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;
static const int sotay_sqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int sotay_sqlite_constraint_rowid = SQLITE_CONSTRAINT_ROWID;
static const int sotay_sqlite_constraint_foreignkey = SQLITE_CONSTRAINT_FOREIGNKEY;
static const int sotay_sqlite_constraint_check = SQLITE_CONSTRAINT_CHECK;
static const int sotay_sqlite_constraint_notnull = SQLITE_CONSTRAINT_NOTNULL;
