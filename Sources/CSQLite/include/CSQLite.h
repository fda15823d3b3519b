// SQLite for the history database (Sources/History/SQLiteConnection.swift, the only file importing this module).
//
// libsqlite3 is loaded with dlopen the first time a database is opened, not linked: a load-time dependency cost every
// start of ccsh, which `record` and the history commands alone need (bench/README.md). sqlite3.h gives the types and
// constants only; every call goes through the front doors below, so a direct call fails at link time.
#ifndef CCSH_SQLITE_H
#define CCSH_SQLITE_H
#include <sqlite3.h>
#include <stdint.h>

/// Loads libsqlite3 once; NULL once loaded, else what went wrong (the loader's words, or the missing function).
/// No other function here may be called before it returned NULL.
const char *ccsh_sqlite_load(void);

/// The library's version, e.g. "3.40.1".
const char *ccsh_sqlite_libversion(void);
int ccsh_sqlite_open(const char *path, sqlite3 **db, int flags);
int ccsh_sqlite_close(sqlite3 *db);
const char *ccsh_sqlite_errmsg(sqlite3 *db);
int ccsh_sqlite_busy_timeout(sqlite3 *db, int milliseconds);
int ccsh_sqlite_changes(sqlite3 *db);
int ccsh_sqlite_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **statement);
int ccsh_sqlite_step(sqlite3_stmt *statement);
int ccsh_sqlite_finalize(sqlite3_stmt *statement);
int ccsh_sqlite_bind_null(sqlite3_stmt *statement, int index);
int ccsh_sqlite_bind_int64(sqlite3_stmt *statement, int index, int64_t value);
int ccsh_sqlite_bind_double(sqlite3_stmt *statement, int index, double value);
/// Binds a copy of `length` bytes of UTF-8 text.
int ccsh_sqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length);
int ccsh_sqlite_column_count(sqlite3_stmt *statement);
const char *ccsh_sqlite_column_name(sqlite3_stmt *statement, int index);
int ccsh_sqlite_column_type(sqlite3_stmt *statement, int index);
int64_t ccsh_sqlite_column_int64(sqlite3_stmt *statement, int index);
double ccsh_sqlite_column_double(sqlite3_stmt *statement, int index);
const unsigned char *ccsh_sqlite_column_text(sqlite3_stmt *statement, int index);
int ccsh_sqlite_column_bytes(sqlite3_stmt *statement, int index);
#endif
