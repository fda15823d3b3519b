// libedit, loaded on first use (see include/CEdit.h for why), and the front doors that call it.
#include "CEdit.h"

#include "CLibraryLoader.h"
#include <pthread.h>
#include <stdio.h>

/// The libedit functions ccsh calls, found in the loaded library; their types are histedit.h's declarations.
static struct {
    __typeof__(&el_init) init;
    __typeof__(&el_end) end;
    __typeof__(&el_set) set;
    __typeof__(&el_get) get;
    __typeof__(&el_source) source;
    __typeof__(&el_gets) gets;
    __typeof__(&el_resize) resize;
    __typeof__(&el_line) line;
    __typeof__(&el_insertstr) insertstr;
    __typeof__(&el_deletestr) deletestr;
    __typeof__(&history_init) history_init;
    __typeof__(&history_end) history_end;
    __typeof__(&history) history;
} edit;

static pthread_once_t loading = PTHREAD_ONCE_INIT;
static const char *loadFailure = "libedit was not loaded";
static char failureText[512];

/// The soname of the libedit ABI the headers describe: libedit.so.LIBEDIT_MAJOR.
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)
static const char soname[] = "libedit.so." STRINGIFY(LIBEDIT_MAJOR);

/// Their names in libedit, in the order of the fields above.
static const char *const names[] = {
    "el_init",
    "el_end",
    "el_set",
    "el_get",
    "el_source",
    "el_gets",
    "el_resize",
    "el_line",
    "el_insertstr",
    "el_deletestr",
    "history_init",
    "history_end",
    "history",
};

_Static_assert(sizeof edit == sizeof names / sizeof *names * sizeof(void *), "one name per function");

static void load(void) {
    loadFailure = ccsh_load_library(soname, names, (void **)&edit, sizeof names / sizeof *names, failureText, sizeof failureText);
}

const char *ccsh_el_load(void) {
    pthread_once(&loading, load);
    return loadFailure;
}

EditLine *ccsh_el_init(const char *program) { return edit.init(program, stdin, stdout, stderr); }
void ccsh_el_end(EditLine *el) { edit.end(el); }
void ccsh_el_write(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}
int ccsh_el_set_prompt(EditLine *el, ccsh_el_prompt_fn f) { return edit.set(el, EL_PROMPT_ESC, f, '\1'); }
int ccsh_el_set_editor(EditLine *el, const char *mode) { return edit.set(el, EL_EDITOR, mode); }
int ccsh_el_set_signal(EditLine *el, int on) { return edit.set(el, EL_SIGNAL, on); }
int ccsh_el_set_clientdata(EditLine *el, void *p) { return edit.set(el, EL_CLIENTDATA, p); }
void *ccsh_el_clientdata(EditLine *el) {
    void *p = NULL;
    edit.get(el, EL_CLIENTDATA, &p);
    return p;
}
int ccsh_el_addfn(EditLine *el, const char *name, const char *help, ccsh_el_command_fn f) {
    return edit.set(el, EL_ADDFN, name, help, f);
}
int ccsh_el_bind(EditLine *el, const char *key, const char *fn) { return edit.set(el, EL_BIND, key, fn, (const char *)NULL); }
int ccsh_el_set_read(EditLine *el, el_rfunc_t f) { return edit.set(el, EL_GETCFN, f); }
int ccsh_el_source(EditLine *el) { return edit.source(el, NULL); }
const char *ccsh_el_gets(EditLine *el, int *count) { return edit.gets(el, count); }
void ccsh_el_resize(EditLine *el) { edit.resize(el); }
void ccsh_el_deletestr(EditLine *el, int count) { edit.deletestr(el, count); }
int ccsh_el_insertstr(EditLine *el, const char *text) { return edit.insertstr(el, text); }
const char *ccsh_el_line_start(EditLine *el, int *length) {
    const LineInfo *li = edit.line(el);
    *length = (int)(li->cursor - li->buffer);
    return li->buffer;
}

History *ccsh_hist_init(void) { return edit.history_init(); }
void ccsh_hist_end(History *h) { edit.history_end(h); }
int ccsh_el_set_history(EditLine *el, History *h) { return edit.set(el, EL_HIST, edit.history, h); }
int ccsh_hist_setsize(History *h, int n) {
    HistEvent ev;
    return edit.history(h, &ev, H_SETSIZE, n);
}
int ccsh_hist_setunique(History *h, int on) {
    HistEvent ev;
    return edit.history(h, &ev, H_SETUNIQUE, on);
}
int ccsh_hist_enter(History *h, const char *s) {
    HistEvent ev;
    return edit.history(h, &ev, H_ENTER, s);
}
int ccsh_hist_load(History *h, const char *path) {
    HistEvent ev;
    return edit.history(h, &ev, H_LOAD, path);
}
int ccsh_hist_save(History *h, const char *path) {
    HistEvent ev;
    return edit.history(h, &ev, H_SAVE, path);
}
void ccsh_hist_each(History *h, ccsh_hist_visit_fn visit, void *context) {
    HistEvent ev;
    if (edit.history(h, &ev, H_LAST) < 0) return;
    do { visit(ev.str, context); } while (edit.history(h, &ev, H_PREV) >= 0);
}
