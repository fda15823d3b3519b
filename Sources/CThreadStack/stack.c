#define _GNU_SOURCE
#include "CThreadStack.h"
#include <pthread.h>

int ccsh_thread_stack(uintptr_t *lowest, uintptr_t *size) {
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
