#ifndef LAB_FUZZ_DRIVER_H
#define LAB_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs that have their own `main`: SwiftPM gives every executable
/// target one, so the targets call this instead of linking libFuzzer's.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
