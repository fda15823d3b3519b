// See include/CLibraryLoader.h.
#include "CLibraryLoader.h"

#include <dlfcn.h>
#include <stdio.h>

const char *ccsh_load_library(const char *soname, const char *const *names, void **slots, size_t count, char *failure, size_t size) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        const char *reason = dlerror();
        snprintf(failure, size, "%s", reason ? reason : soname);
        return failure;
    }
    for (size_t i = 0; i < count; i++) {
        // POSIX: a function's address converts to and from void * (dlsym's contract).
        if (!(slots[i] = dlsym(library, names[i]))) {
            snprintf(failure, size, "%s has no function %s", soname, names[i]);
            return failure;
        }
    }
    return NULL;
}
