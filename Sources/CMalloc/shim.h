// glibc's malloc tuning (mallopt), which Swift's Glibc module does not
// import; see Sources/heapscope/MallocTuning.swift for why heapscope uses it.
#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H

#include <malloc.h>

/// Serves blocks of up to `mmap_threshold` bytes from the heap rather than
/// from their own mappings, and keeps up to `trim_threshold` bytes of freed
/// memory at the heap's top instead of returning it. Returns 1 when glibc
/// took both settings.
static inline int CMalloc_keepLargeBlocks(int mmap_threshold, int trim_threshold) {
  return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_TRIM_THRESHOLD, trim_threshold) == 1;
}

#endif
