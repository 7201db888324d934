// The process's malloc, tuned for a replay's memory.
//
// A replay's large buffers — the model's columns and slabs, which grow by
// doubling, and the copies the timeline's checkpoints cause (the first
// write after a checkpoint copies a whole column) — are hundreds of
// megabytes that come and go. glibc serves each block over 128 KB–32 MB
// (its threshold adapts) from a mapping of its own and unmaps it when it is
// freed, so every new column, growth or copy touches fresh pages: the
// kernel faults in and zeroes each 4 KB page, and a recorded replay spent
// a quarter to a third of its time in page faults (`perf`, cpu-clock:
// 27 % of `generators_vs_lists.py`'s samples in the kernel). Served from the
// heap, and with freed memory kept there, the memory a dropped checkpoint
// or an outgrown column gave back is reused without faulting: 20–30 %
// fewer page faults and 0.04–0.07 s less system time on the bulk
// workloads (PERFORMANCE.md, session 10). Peak RSS grows by a few percent:
// the heap's free space is not returned while the process runs.

import CMalloc

enum MallocTuning {
  /// Blocks up to this size come from the heap (glibc's maximum for the
  /// threshold on 64-bit Linux).
  static let mmapThreshold: Int32 = 32 << 20
  /// Free memory at the heap's top kept rather than returned.
  static let trimThreshold: Int32 = 1 << 30

  /// Applies the settings; glibc refusing them only costs speed.
  static func apply() {
    _ = CMalloc_keepLargeBlocks(mmapThreshold, trimThreshold)
  }
}
