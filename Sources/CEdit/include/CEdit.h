// libedit for the interactive line reader (Sources/ccsh/EditLineReader.swift, the only file importing this module).
//
// libedit is loaded with dlopen the first time an editor is made, not linked: loading it and its dependencies
// (libtinfo, libbsd, libmd) cost every script and `ccsh -c` run about 0.9 ms at start-up (bench/README.md) for an
// editor they never use. Every call goes through the typed front doors below; histedit.h gives the types and
// constants only, so a direct call to one of its functions fails at link time.
#ifndef CCSH_EDIT_H
#define CCSH_EDIT_H
#include <histedit.h>

/// The libedit library version this binary was built against (histedit.h's LIBEDIT_MAJOR.LIBEDIT_MINOR).
static inline int ccsh_el_version_major(void) { return LIBEDIT_MAJOR; }
static inline int ccsh_el_version_minor(void) { return LIBEDIT_MINOR; }

/// Loads libedit (its soname for the version above) once; NULL once loaded, else what went wrong (the loader's
/// words, or the function that is missing). No other function here may be called before it returned NULL.
const char *ccsh_el_load(void);

typedef char *(*ccsh_el_prompt_fn)(EditLine *);
typedef unsigned char (*ccsh_el_command_fn)(EditLine *, int);

/// An editor on the process's stdin/stdout/stderr (C globals that Swift 6 refuses to touch).
EditLine *ccsh_el_init(const char *program);
void ccsh_el_end(EditLine *el);
/// Writes to stdout and flushes it.
void ccsh_el_write(const char *text);
int ccsh_el_set_prompt(EditLine *el, ccsh_el_prompt_fn f);
int ccsh_el_set_editor(EditLine *el, const char *mode);
int ccsh_el_set_signal(EditLine *el, int on);
int ccsh_el_set_clientdata(EditLine *el, void *p);
void *ccsh_el_clientdata(EditLine *el);
int ccsh_el_addfn(EditLine *el, const char *name, const char *help, ccsh_el_command_fn f);
int ccsh_el_bind(EditLine *el, const char *key, const char *fn);
/// Replaces how libedit reads a character (it must return 1 with the character, 0 at the end, -1 on error).
int ccsh_el_set_read(EditLine *el, el_rfunc_t f);
/// Reads ~/.editrc (or $EDITRC).
int ccsh_el_source(EditLine *el);
const char *ccsh_el_gets(EditLine *el, int *count);
void ccsh_el_resize(EditLine *el);
void ccsh_el_deletestr(EditLine *el, int count);
int ccsh_el_insertstr(EditLine *el, const char *text);
/// The bytes before the cursor, and how many.
const char *ccsh_el_line_start(EditLine *el, int *length);

History *ccsh_hist_init(void);
void ccsh_hist_end(History *h);
int ccsh_el_set_history(EditLine *el, History *h);
int ccsh_hist_setsize(History *h, int n);
int ccsh_hist_setunique(History *h, int on);
int ccsh_hist_enter(History *h, const char *s);
int ccsh_hist_load(History *h, const char *path);
int ccsh_hist_save(History *h, const char *path);
/// The history's entries, oldest first, through a callback.
typedef void (*ccsh_hist_visit_fn)(const char *, void *);
void ccsh_hist_each(History *h, ccsh_hist_visit_fn visit, void *context);
#endif
