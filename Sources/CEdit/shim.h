// Typed front doors for libedit's variadic el_set/el_get/history calls.
// Only the line reader in Sources/ccsh imports this module.
#ifndef CCSH_EDIT_SHIM_H
#define CCSH_EDIT_SHIM_H
#include <stdio.h>
#include <histedit.h>

/// The libedit library version this binary was built against (histedit.h's LIBEDIT_MAJOR.LIBEDIT_MINOR).
static inline int ccsh_el_version_major(void) { return LIBEDIT_MAJOR; }
static inline int ccsh_el_version_minor(void) { return LIBEDIT_MINOR; }

typedef char *(*ccsh_el_prompt_fn)(EditLine *);
typedef unsigned char (*ccsh_el_command_fn)(EditLine *, int);

/// stdin/stdout/stderr are C globals that Swift 6 refuses to touch; only C names them.
static inline EditLine *ccsh_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }
static inline void ccsh_el_write(const char *text) { fputs(text, stdout); fflush(stdout); }
static inline int ccsh_el_set_prompt(EditLine *el, ccsh_el_prompt_fn f) { return el_set(el, EL_PROMPT_ESC, f, '\1'); }
static inline int ccsh_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int ccsh_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int ccsh_el_set_clientdata(EditLine *el, void *p) { return el_set(el, EL_CLIENTDATA, p); }
static inline void *ccsh_el_clientdata(EditLine *el) { void *p = NULL; el_get(el, EL_CLIENTDATA, &p); return p; }
static inline int ccsh_el_addfn(EditLine *el, const char *name, const char *help, ccsh_el_command_fn f) {
    return el_set(el, EL_ADDFN, name, help, f);
}
static inline int ccsh_el_bind(EditLine *el, const char *key, const char *fn) { return el_set(el, EL_BIND, key, fn, (const char *)NULL); }
/// Replaces how libedit reads a character (it must return 1 with the character, 0 at the end, -1 on error).
static inline int ccsh_el_set_read(EditLine *el, el_rfunc_t f) { return el_set(el, EL_GETCFN, f); }
static inline int ccsh_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int ccsh_hist_setsize(History *h, int n) { HistEvent ev; return history(h, &ev, H_SETSIZE, n); }
static inline int ccsh_hist_setunique(History *h, int on) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, on); }
static inline int ccsh_hist_enter(History *h, const char *s) { HistEvent ev; return history(h, &ev, H_ENTER, s); }
static inline int ccsh_hist_load(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_LOAD, path); }
static inline int ccsh_hist_save(History *h, const char *path) { HistEvent ev; return history(h, &ev, H_SAVE, path); }
/// The history's entries, oldest first, through a callback (H_LAST then H_PREV walks from the oldest).
typedef void (*ccsh_hist_visit_fn)(const char *, void *);
static inline void ccsh_hist_each(History *h, ccsh_hist_visit_fn visit, void *context) {
    HistEvent ev;
    if (history(h, &ev, H_LAST) < 0) return;
    do { visit(ev.str, context); } while (history(h, &ev, H_PREV) >= 0);
}
/// The bytes before the cursor, and how many.
static inline const char *ccsh_el_line_start(EditLine *el, int *length) {
    const LineInfo *li = el_line(el);
    *length = (int)(li->cursor - li->buffer);
    return li->buffer;
}
#endif
