// The bounds of the calling thread's stack, for the evaluator's depth budget (Shell/Evaluation/StackDepth.swift):
// pthread_getattr_np is a GNU extension that Swift's Glibc module does not show.
#ifndef CCSH_THREAD_STACK_H
#define CCSH_THREAD_STACK_H

#include <stdint.h>

// The lowest address of the calling thread's stack and its size in bytes; 0 when they cannot be read.
int ccsh_thread_stack(uintptr_t *lowest, uintptr_t *size);

#endif
