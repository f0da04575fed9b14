// Allocation for the test support code: running out of memory in a test is a failure
// to report loudly, not a condition to recover from.
#ifndef CHECKED_ALLOC_H
#define CHECKED_ALLOC_H

#include <stdio.h>
#include <stdlib.h>

static inline void *tpc_checked_realloc(void *pointer, size_t size) {
    void *result = realloc(pointer, size ? size : 1);
    if (result == NULL) {
        fputs("TestProtosC: out of memory\n", stderr);
        abort();
    }
    return result;
}

#endif
