#define _GNU_SOURCE
#include "CThreadStack.h"
#include <pthread.h>
#include <sys/resource.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

/// The top of the main thread's stack, as the dynamic loader found it: below the arguments, the environment
/// and the auxiliary vector, which the kernel puts at the very top.
extern void *__libc_stack_end;
extern char **environ;

/// The main thread's stack from its top and RLIMIT_STACK, without reading /proc/self/maps (which
/// pthread_getattr_np does for the main thread, a measurable part of ccsh's start). The top is taken above the
/// last environment string, plus a page and PATH_MAX for the program's name that follows it, rounded up to a
/// page: at or above the real top, so the lowest address found is at or above the real one, never below.
static int main_thread_stack(uintptr_t *lowest, uintptr_t *size) {
    if (getpid() != gettid()) return 0;
    struct rlimit limit;
    if (getrlimit(RLIMIT_STACK, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur == 0) return 0;
    uintptr_t top = (uintptr_t)__libc_stack_end;
    for (char **variable = environ; variable && *variable; variable++) {
        uintptr_t end = (uintptr_t)*variable + strlen(*variable) + 1;
        if (end > top) top = end;
    }
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    top = (top + page + PATH_MAX + page - 1) & ~(page - 1);
    if (top < limit.rlim_cur) return 0;
    *lowest = top - (uintptr_t)limit.rlim_cur;
    *size = (uintptr_t)limit.rlim_cur;
    return 1;
}

int ccsh_thread_stack(uintptr_t *lowest, uintptr_t *size) {
    if (main_thread_stack(lowest, size)) return 1;
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return 0;
    void *base = 0;
    size_t bytes = 0;
    int found = pthread_attr_getstack(&attributes, &base, &bytes) == 0 && base != 0;
    pthread_attr_destroy(&attributes);
    if (!found) return 0;
    *lowest = (uintptr_t)base;
    *size = (uintptr_t)bytes;
    return 1;
}
