// libsqlite3, loaded on first use (see include/CSQLite.h for why), and the front doors that call it.
#include "CSQLite.h"

#include "CLibraryLoader.h"
#include <pthread.h>
#include <stdio.h>

/// The SQLite functions ccsh calls, found in the loaded library; their types are sqlite3.h's declarations.
static struct {
    __typeof__(&sqlite3_libversion) libversion;
    __typeof__(&sqlite3_open_v2) open;
    __typeof__(&sqlite3_close_v2) close;
    __typeof__(&sqlite3_errmsg) errmsg;
    __typeof__(&sqlite3_busy_timeout) busy_timeout;
    __typeof__(&sqlite3_changes) changes;
    __typeof__(&sqlite3_prepare_v2) prepare;
    __typeof__(&sqlite3_step) step;
    __typeof__(&sqlite3_finalize) finalize;
    __typeof__(&sqlite3_bind_null) bind_null;
    __typeof__(&sqlite3_bind_int64) bind_int64;
    __typeof__(&sqlite3_bind_double) bind_double;
    __typeof__(&sqlite3_bind_text) bind_text;
    __typeof__(&sqlite3_column_count) column_count;
    __typeof__(&sqlite3_column_name) column_name;
    __typeof__(&sqlite3_column_type) column_type;
    __typeof__(&sqlite3_column_int64) column_int64;
    __typeof__(&sqlite3_column_double) column_double;
    __typeof__(&sqlite3_column_text) column_text;
    __typeof__(&sqlite3_column_bytes) column_bytes;
} sqlite;

static pthread_once_t loading = PTHREAD_ONCE_INIT;
static const char *loadFailure = "libsqlite3 was not loaded";
static char failureText[512];
/// The soname of SQLite 3's ABI.
static const char soname[] = "libsqlite3.so.0";

/// Their names in libsqlite3, in the order of the fields above.
static const char *const names[] = {
    "sqlite3_libversion",
    "sqlite3_open_v2",
    "sqlite3_close_v2",
    "sqlite3_errmsg",
    "sqlite3_busy_timeout",
    "sqlite3_changes",
    "sqlite3_prepare_v2",
    "sqlite3_step",
    "sqlite3_finalize",
    "sqlite3_bind_null",
    "sqlite3_bind_int64",
    "sqlite3_bind_double",
    "sqlite3_bind_text",
    "sqlite3_column_count",
    "sqlite3_column_name",
    "sqlite3_column_type",
    "sqlite3_column_int64",
    "sqlite3_column_double",
    "sqlite3_column_text",
    "sqlite3_column_bytes",
};

_Static_assert(sizeof sqlite == sizeof names / sizeof *names * sizeof(void *), "one name per function");

static void load(void) {
    loadFailure = ccsh_load_library(soname, names, (void **)&sqlite, sizeof names / sizeof *names, failureText, sizeof failureText);
}

const char *ccsh_sqlite_load(void) {
    pthread_once(&loading, load);
    return loadFailure;
}

const char *ccsh_sqlite_libversion(void) { return sqlite.libversion(); }
int ccsh_sqlite_open(const char *path, sqlite3 **db, int flags) { return sqlite.open(path, db, flags, NULL); }
int ccsh_sqlite_close(sqlite3 *db) { return sqlite.close(db); }
const char *ccsh_sqlite_errmsg(sqlite3 *db) { return sqlite.errmsg(db); }
int ccsh_sqlite_busy_timeout(sqlite3 *db, int milliseconds) { return sqlite.busy_timeout(db, milliseconds); }
int ccsh_sqlite_changes(sqlite3 *db) { return sqlite.changes(db); }
int ccsh_sqlite_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **statement) { return sqlite.prepare(db, sql, -1, statement, NULL); }
int ccsh_sqlite_step(sqlite3_stmt *statement) { return sqlite.step(statement); }
int ccsh_sqlite_finalize(sqlite3_stmt *statement) { return sqlite.finalize(statement); }
int ccsh_sqlite_bind_null(sqlite3_stmt *statement, int index) { return sqlite.bind_null(statement, index); }
int ccsh_sqlite_bind_int64(sqlite3_stmt *statement, int index, int64_t value) { return sqlite.bind_int64(statement, index, value); }
int ccsh_sqlite_bind_double(sqlite3_stmt *statement, int index, double value) { return sqlite.bind_double(statement, index, value); }
int ccsh_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite.bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}
int ccsh_sqlite_column_count(sqlite3_stmt *statement) { return sqlite.column_count(statement); }
const char *ccsh_sqlite_column_name(sqlite3_stmt *statement, int index) { return sqlite.column_name(statement, index); }
int ccsh_sqlite_column_type(sqlite3_stmt *statement, int index) { return sqlite.column_type(statement, index); }
int64_t ccsh_sqlite_column_int64(sqlite3_stmt *statement, int index) { return sqlite.column_int64(statement, index); }
double ccsh_sqlite_column_double(sqlite3_stmt *statement, int index) { return sqlite.column_double(statement, index); }
const unsigned char *ccsh_sqlite_column_text(sqlite3_stmt *statement, int index) { return sqlite.column_text(statement, index); }
int ccsh_sqlite_column_bytes(sqlite3_stmt *statement, int index) { return sqlite.column_bytes(statement, index); }
