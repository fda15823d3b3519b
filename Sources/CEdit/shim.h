// Typed front doors for libedit's variadic el_set/el_get/history calls.
// Only the line reader in Sources/ccsh imports this module.
#ifndef CCSH_EDIT_SHIM_H
#define CCSH_EDIT_SHIM_H
#include <stdio.h>
#include <histedit.h>

/// The libedit library version this binary was built against (histedit.h's LIBEDIT_MAJOR.LIBEDIT_MINOR).
static inline int ccsh_el_version_major(void) { return LIBEDIT_MAJOR; }
static inline int ccsh_el_version_minor(void) { return LIBEDIT_MINOR; }
#endif
