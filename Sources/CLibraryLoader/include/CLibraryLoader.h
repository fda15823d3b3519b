// Opening a system library when it is first needed rather than at every start (CEdit: libedit for the interactive
// shell; CSQLite: libsqlite3 for the history database). Used from C only.
#ifndef CCSH_LIBRARY_LOADER_H
#define CCSH_LIBRARY_LOADER_H
#include <stddef.h>

/// Opens `soname` and finds each of the `count` functions named in `names`, in order, into `slots`; NULL when every
/// one was found, else what went wrong in words (the loader's, or the function that is missing), written in
/// `failure` (`size` bytes).
const char *ccsh_load_library(const char *soname, const char *const *names, void **slots, size_t count, char *failure, size_t size);
#endif
