// CPython's list sort (Objects/listobject.c `list_sort_impl` and its
// helpers; the design is explained in Objects/listsort.txt), rebuilt so the
// replay makes the same `<` calls in the same order on the same keys.
// Python can watch that sequence (a `__lt__` that prints or counts), and
// when `<` is not a strict weak order (NaN, an inconsistent `__lt__`) the
// sequence also decides the result: `sorted([3.0, nan, 1.0, 2.0])` is
// `[3.0, nan, 1.0, 2.0]` only because of where the runs end.
//
//   left to right:  count_run ─► short? binary insertion up to minrun
//                   ─► push the run, merging per the version's policy
//   at the end:     merge_force_collapse
//   merge_at:       gallop_right / gallop_left trim what is in place,
//                   then merge_lo (A ≤ B, temp = A) or merge_hi (temp = B)
//
// - minrun: n itself below 64; otherwise the top six bits of n, plus one
//   when any lower bit is set, so n / minrun is just below a power of two.
// - count_run: the longest ascending run (a[i] < a[i-1] ends it) or strictly
//   descending run (reversed in place). 3.13 relaxes "strictly": equal
//   neighbours inside a descending run are allowed (each stretch of equals
//   is reversed as found, so the final reversal restores their order), and
//   an ascending tail after the reversed run is taken too.
// - binarysort: insertion of each next item by binary search over the
//   sorted prefix: `pivot < a[mid]` goes left, else right, so equals stay
//   in order.
// - merge policy: 3.8–3.10 keep the stack lengths A > B + C and B > C
//   (`merge_collapse`, with the 2015 fix that also checks one run deeper);
//   3.11+ use powersort (`found_new_run`): each run boundary gets a "power",
//   the depth at which the midpoints of the two runs it separates first
//   differ in binary as fractions of n, and runs of greater power below the
//   new boundary are merged first.
// - merges: one side moves to the temp array; items are taken one at a time
//   until one side wins `min_gallop` times in a row (starting at 7), then
//   the merge gallops (exponential then binary search) while either side
//   wins 7 or more at once; `min_gallop` drops while galloping pays and
//   rises by one each time galloping stops, and it persists across merges.
//
// A comparison that fails stops the sort where it is, leaving the array a
// permutation of its input as CPython does: an insertion has not moved its
// pivot yet, and a merge copies the rest of its temp array back into the
// gap (`merge_lo`/`merge_hi`'s `Fail:` label). The caller sees that
// partial order in the list. Failure is a flag of the order, checked after
// every comparison (`nil` from `less`), not a Swift `throws`: the unboxed
// orders never fail, their checks fold away, and their specialisations
// carry no error register (release builds merged specialisations of a
// throwing version and then read a stale error register).
//
// Entries carry the key and the item's position, so "keys and values move
// together" (the `sortslice` of the key path) is one move here; without a
// key function CPython moves the items themselves, which is the same
// permutation.

import HeapModel

/// The `<` the sort compares keys with: unboxed values for the keys CPython
/// compares without Python code, `richCompare` for everything else.
protocol TimsortOrder {
  associatedtype Key: BitwiseCopyable
  /// Whether `a < b`; meaningless once `failed`.
  mutating func less(_ a: Key, _ b: Key) -> Bool
  /// Whether a comparison failed; the sort then stops at once. The unboxed
  /// orders return a constant false.
  var failed: Bool { get }
}

/// Where CPython's sort changed between versions.
struct TimsortVariant: Sendable, Equatable {
  /// 3.11+: powersort's `found_new_run` instead of `merge_collapse`.
  var powersort: Bool
  /// 3.13+: descending runs may hold equal neighbours and take an ascending
  /// tail after their reversal.
  var relaxedDescendingRuns: Bool

  init(version: PythonVersion) {
    powersort = version >= .py311
    relaxedDescendingRuns = version >= .py313
  }
}

/// One sort of `count` entries in place (see the essay above).
struct Timsort<Order: TimsortOrder> {
  typealias Entry = SortEntry<Order.Key>

  /// A pending run: its start, its length and (powersort) the power of the
  /// boundary after it.
  private struct Run {
    var start: Int
    var length: Int
    var power: Int
  }

  /// `MIN_GALLOP`.
  static var initialMinGallop: Int { 7 }

  var order: Order
  private let base: UnsafeMutablePointer<Entry>
  private let count: Int
  private let variant: TimsortVariant
  /// The temp array of `merge_lo`/`merge_hi`, big enough for the smaller
  /// side of any merge.
  private let temp: UnsafeMutablePointer<Entry>
  private var runs: [Run] = []
  /// `ms->min_gallop`.
  private(set) var minGallop = Timsort.initialMinGallop

  /// Sorts `entries` stably by key with CPython's algorithm for `variant`.
  /// When a comparison fails (`order.failed`), the entries are left in the
  /// order CPython leaves its array.
  static func sort(_ entries: UnsafeMutableBufferPointer<Entry>, order: inout Order, variant: TimsortVariant)
  {
    guard entries.count > 1, let base = entries.baseAddress else { return }
    let temp = UnsafeMutablePointer<Entry>.allocate(capacity: entries.count / 2 + 1)
    defer { temp.deallocate() }
    var sorter = Timsort(order: order, base: base, count: entries.count, variant: variant, temp: temp)
    sorter.run()
    order = sorter.order
  }

  private init(
    order: Order, base: UnsafeMutablePointer<Entry>, count: Int, variant: TimsortVariant,
    temp: UnsafeMutablePointer<Entry>
  ) {
    self.order = order
    self.base = base
    self.count = count
    self.variant = variant
    self.temp = temp
    runs.reserveCapacity(Timsort.maximumPendingRuns)
  }

  /// `MAX_MERGE_PENDING`: enough for any list that fits in memory.
  private static var maximumPendingRuns: Int { 85 }

  /// `a < b` by key; nil when the comparison failed (CPython's `IFLT`
  /// jumping to `fail`).
  @inline(__always) private mutating func less(_ a: Entry, _ b: Entry) -> Bool? {
    let result = order.less(a.key, b.key)
    return order.failed ? nil : result
  }

  // MARK: The main loop

  /// False when a comparison failed.
  @discardableResult
  private mutating func run() -> Bool {
    let minimumRun = Timsort.minimumRunLength(count)
    var low = 0
    var remaining = count
    repeat {
      let found =
        variant.relaxedDescendingRuns ? countRunRelaxed(low, remaining) : countRunStrict(low, remaining)
      guard var length = found else { return false }
      if length < minimumRun {
        let forced = min(remaining, minimumRun)
        guard binaryInsertionSort(low, forced, sorted: length) else { return false }
        length = forced
      }
      if variant.powersort {
        guard foundNewRun(length) else { return false }
        runs.append(Run(start: low, length: length, power: 0))
      } else {
        runs.append(Run(start: low, length: length, power: 0))
        guard mergeCollapse() else { return false }
      }
      low += length
      remaining -= length
    } while remaining > 0
    return mergeForceCollapse()
  }

  /// `merge_compute_minrun`.
  static func minimumRunLength(_ n: Int) -> Int {
    var n = n
    var lowBits = 0
    while n >= 64 {
      lowBits |= n & 1
      n >>= 1
    }
    return n + lowBits
  }

  // MARK: Runs

  private func reverse(_ start: Int, _ length: Int) {
    var i = start
    var j = start + length - 1
    while i < j {
      swap(&base[i], &base[j])
      i += 1
      j -= 1
    }
  }

  /// Whether `base[i] < base[i - 1]`: the run through `i - 1` does not
  /// ascend to `i`.
  @inline(__always) private mutating func drops(at i: Int) -> Bool? { less(base[i], base[i - 1]) }

  /// 3.8–3.12 `count_run`: an ascending run, or a strictly descending one
  /// reversed in place (after it is complete: a failure leaves it as is).
  private mutating func countRunStrict(_ low: Int, _ remaining: Int) -> Int? {
    if remaining == 1 { return 1 }
    var n = 2
    guard let descending = drops(at: low + 1) else { return nil }
    if descending {
      while n < remaining {
        guard let drop = drops(at: low + n) else { return nil }
        if !drop { break }
        n += 1
      }
      reverse(low, n)
    } else {
      while n < remaining {
        guard let drop = drops(at: low + n) else { return nil }
        if drop { break }
        n += 1
      }
    }
    return n
  }

  /// 3.13 `count_run`: equal neighbours no longer end a descending run.
  private mutating func countRunRelaxed(_ low: Int, _ remaining: Int) -> Int? {
    var n = 1
    while n < remaining {
      guard let drop = drops(at: low + n) else { return nil }
      if drop { break }
      n += 1
    }
    if n == remaining { return n }
    // base[low + n] is less than its predecessor. An ascending run that
    // really rose somewhere ends here; one of equal items only is the
    // start of a descending run, reversed now so that the final reversal
    // restores their order.
    if n > 1 {
      guard let rose = less(base[low], base[low + n - 1]) else { return nil }
      if rose { return n }
      reverse(low, n)
    }
    n += 1
    var equals = 0
    while n < remaining {
      guard let drop = drops(at: low + n) else { return nil }
      if drop {
        if equals > 0 {
          reverse(low + n - equals - 1, equals + 1)
          equals = 0
        }
      } else {
        guard let rise = less(base[low + n - 1], base[low + n]) else { return nil }
        if rise { break }
        equals += 1
      }
      n += 1
    }
    if equals > 0 { reverse(low + n - equals - 1, equals + 1) }
    reverse(low, n)
    while n < remaining {
      guard let drop = drops(at: low + n) else { return nil }
      if drop { break }
      n += 1
    }
    return n
  }

  /// `binarysort`: extends the sorted `base[low ..< low + sorted]` to
  /// `length` items by binary insertion; false when a comparison failed.
  private mutating func binaryInsertionSort(_ low: Int, _ length: Int, sorted: Int) -> Bool {
    let a = base + low
    for next in max(sorted, 1)..<length {
      let pivot = a[next]
      var left = 0
      var right = next
      repeat {
        let middle = (left + right) >> 1
        guard let before = less(pivot, a[middle]) else { return false }
        if before {
          right = middle
        } else {
          left = middle + 1
        }
      } while left < right
      var position = next
      while position > left {
        a[position] = a[position - 1]
        position -= 1
      }
      a[left] = pivot
    }
    return true
  }

  // MARK: Merge policies

  /// 3.8–3.10 `merge_collapse`: merge until the pending lengths satisfy
  /// A > B + C and B > C for every three consecutive runs.
  private mutating func mergeCollapse() -> Bool {
    while runs.count > 1 {
      var n = runs.count - 2
      if (n > 0 && runs[n - 1].length <= runs[n].length + runs[n + 1].length)
        || (n > 1 && runs[n - 2].length <= runs[n - 1].length + runs[n].length)
      {
        if runs[n - 1].length < runs[n + 1].length { n -= 1 }
        guard mergeAt(n) else { return false }
      } else if runs[n].length <= runs[n + 1].length {
        guard mergeAt(n) else { return false }
      } else {
        break
      }
    }
    return true
  }

  /// 3.11+ `found_new_run`: a run of `length` items follows the top run;
  /// merge the runs whose boundary power exceeds the new boundary's.
  private mutating func foundNewRun(_ length: Int) -> Bool {
    guard let top = runs.last else { return true }
    let power = Timsort.power(start: top.start, first: top.length, second: length, total: count)
    while runs.count > 1 && runs[runs.count - 2].power > power {
      guard mergeAt(runs.count - 2) else { return false }
    }
    runs[runs.count - 1].power = power
    return true
  }

  /// `powerloop`: the first bit at which the midpoints of two adjacent runs,
  /// as fractions of `total`, differ.
  static func power(start: Int, first: Int, second: Int, total: Int) -> Int {
    var a = 2 * start + first
    var b = a + first + second
    var result = 0
    while true {
      result += 1
      if a >= total {
        a -= total
        b -= total
      } else if b >= total {
        break
      }
      a <<= 1
      b <<= 1
    }
    return result
  }

  /// `merge_force_collapse`: merge everything left, the smaller neighbour
  /// of the second-last run first.
  private mutating func mergeForceCollapse() -> Bool {
    while runs.count > 1 {
      var n = runs.count - 2
      if n > 0 && runs[n - 1].length < runs[n + 1].length { n -= 1 }
      guard mergeAt(n) else { return false }
    }
    return true
  }

  // MARK: Merging

  /// `merge_at`: merges pending runs `i` and `i + 1`.
  private mutating func mergeAt(_ i: Int) -> Bool {
    var startA = runs[i].start
    var lengthA = runs[i].length
    let startB = runs[i + 1].start
    let lengthB = runs[i + 1].length
    runs[i].length = lengthA + lengthB
    if i == runs.count - 3 { runs[i + 1] = runs[i + 2] }
    runs.removeLast()

    // A's items not greater than B's first are in place already, and so
    // are B's items not less than A's last.
    guard let k = gallopRight(base[startB], base + startA, lengthA, hint: 0) else { return false }
    startA += k
    lengthA -= k
    if lengthA == 0 { return true }
    guard let keptB = gallopLeft(base[startA + lengthA - 1], base + startB, lengthB, hint: lengthB - 1)
    else { return false }
    if keptB == 0 { return true }
    return lengthA <= keptB
      ? mergeLow(startA, lengthA, startB, keptB) : mergeHigh(startA, lengthA, startB, keptB)
  }

  /// `gallop_left`: the position in sorted `a[0 ..< n]` at which `key`
  /// goes before every equal item: a[k-1] < key <= a[k]. The search starts
  /// at `hint` and widens by 1, 3, 7, 15 … before a binary search.
  private mutating func gallopLeft(_ key: Entry, _ a: UnsafeMutablePointer<Entry>, _ n: Int, hint: Int)
    -> Int?
  {
    var lastOffset = 0
    var offset = 1
    guard let below = less(a[hint], key) else { return nil }
    if below {
      // Gallop right: a[hint + lastOffset] < key <= a[hint + offset].
      let maximum = n - hint
      while offset < maximum {
        guard let stillBelow = less(a[hint + offset], key) else { return nil }
        if !stillBelow { break }
        lastOffset = offset
        offset = (offset << 1) + 1
      }
      offset = min(offset, maximum)
      lastOffset += hint
      offset += hint
    } else {
      // Gallop left: a[hint - offset] < key <= a[hint - lastOffset].
      let maximum = hint + 1
      while offset < maximum {
        guard let reached = less(a[hint - offset], key) else { return nil }
        if reached { break }
        lastOffset = offset
        offset = (offset << 1) + 1
      }
      offset = min(offset, maximum)
      (lastOffset, offset) = (hint - offset, hint - lastOffset)
    }
    // a[lastOffset] < key <= a[offset]: binary search in between.
    lastOffset += 1
    while lastOffset < offset {
      let middle = lastOffset + ((offset - lastOffset) >> 1)
      guard let middleBelow = less(a[middle], key) else { return nil }
      if middleBelow {
        lastOffset = middle + 1
      } else {
        offset = middle
      }
    }
    return offset
  }

  /// `gallop_right`: as `gallopLeft`, but after every equal item:
  /// a[k-1] <= key < a[k].
  private mutating func gallopRight(_ key: Entry, _ a: UnsafeMutablePointer<Entry>, _ n: Int, hint: Int)
    -> Int?
  {
    var lastOffset = 0
    var offset = 1
    guard let above = less(key, a[hint]) else { return nil }
    if above {
      // Gallop left: a[hint - offset] <= key < a[hint - lastOffset].
      let maximum = hint + 1
      while offset < maximum {
        guard let stillAbove = less(key, a[hint - offset]) else { return nil }
        if !stillAbove { break }
        lastOffset = offset
        offset = (offset << 1) + 1
      }
      offset = min(offset, maximum)
      (lastOffset, offset) = (hint - offset, hint - lastOffset)
    } else {
      // Gallop right: a[hint + lastOffset] <= key < a[hint + offset].
      let maximum = n - hint
      while offset < maximum {
        guard let reached = less(key, a[hint + offset]) else { return nil }
        if reached { break }
        lastOffset = offset
        offset = (offset << 1) + 1
      }
      offset = min(offset, maximum)
      lastOffset += hint
      offset += hint
    }
    lastOffset += 1
    while lastOffset < offset {
      let middle = lastOffset + ((offset - lastOffset) >> 1)
      guard let keyBelow = less(key, a[middle]) else { return nil }
      if keyBelow {
        offset = middle
      } else {
        lastOffset = middle + 1
      }
    }
    return offset
  }

  /// `merge_lo`: merges `base[a ..< a + na]` and the adjacent
  /// `base[b ..< b + nb]` (na ≤ nb) front to back, with A in the temp
  /// array. A's last item is known to end the merge and B's first to
  /// start it. False when a comparison failed; what is left of A is copied
  /// back either way.
  private mutating func mergeLow(_ a: Int, _ na: Int, _ b: Int, _ nb: Int) -> Bool {
    temp.update(from: base + a, count: na)
    var na = na
    var nb = nb
    var dest = a
    var pa = 0  // into temp
    var pb = b
    base[dest] = base[pb]
    dest += 1
    pb += 1
    nb -= 1
    var copyB = nb > 0 && na == 1
    var failed = false
    if nb > 0 && na > 1 {
      var minGallop = self.minGallop
      merging: while true {
        var winsA = 0
        var winsB = 0
        // One item at a time until a side keeps winning.
        while true {
          guard let bFirst = less(base[pb], temp[pa]) else {
            failed = true
            break merging
          }
          if bFirst {
            base[dest] = base[pb]
            dest += 1
            pb += 1
            winsB += 1
            winsA = 0
            nb -= 1
            if nb == 0 { break merging }
            if winsB >= minGallop { break }
          } else {
            base[dest] = temp[pa]
            dest += 1
            pa += 1
            winsA += 1
            winsB = 0
            na -= 1
            if na == 1 {
              copyB = true
              break merging
            }
            if winsA >= minGallop { break }
          }
        }
        // Gallop while it pays.
        minGallop += 1
        repeat {
          if minGallop > 1 { minGallop -= 1 }
          self.minGallop = minGallop
          guard let fromA = gallopRight(base[pb], temp + pa, na, hint: 0) else {
            failed = true
            break merging
          }
          winsA = fromA
          if fromA > 0 {
            (base + dest).update(from: temp + pa, count: fromA)
            dest += fromA
            pa += fromA
            na -= fromA
            if na == 1 {
              copyB = true
              break merging
            }
            // Only an inconsistent `<` gets here with A used up.
            if na == 0 { break merging }
          }
          base[dest] = base[pb]
          dest += 1
          pb += 1
          nb -= 1
          if nb == 0 { break merging }
          guard let fromB = gallopLeft(temp[pa], base + pb, nb, hint: 0) else {
            failed = true
            break merging
          }
          winsB = fromB
          if fromB > 0 {
            (base + dest).update(from: base + pb, count: fromB)
            dest += fromB
            pb += fromB
            nb -= fromB
            if nb == 0 { break merging }
          }
          base[dest] = temp[pa]
          dest += 1
          pa += 1
          na -= 1
          if na == 1 {
            copyB = true
            break merging
          }
        } while winsA >= Timsort.initialMinGallop || winsB >= Timsort.initialMinGallop
        minGallop += 1
        self.minGallop = minGallop
      }
    }
    if copyB {
      // A's last item goes after the rest of B.
      (base + dest).update(from: base + pb, count: nb)
      base[dest + nb] = temp[pa]
    } else if na > 0 {
      (base + dest).update(from: temp + pa, count: na)
    }
    return !failed
  }

  /// `merge_hi`: as `mergeLow` for na ≥ nb, back to front with B in the
  /// temp array.
  private mutating func mergeHigh(_ a: Int, _ na: Int, _ b: Int, _ nb: Int) -> Bool {
    temp.update(from: base + b, count: nb)
    var na = na
    var nb = nb
    var dest = b + nb - 1
    var pa = a + na - 1
    var pb = nb - 1  // into temp
    base[dest] = base[pa]
    dest -= 1
    pa -= 1
    na -= 1
    var copyA = na > 0 && nb == 1
    var failed = false
    if na > 0 && nb > 1 {
      var minGallop = self.minGallop
      merging: while true {
        var winsA = 0
        var winsB = 0
        while true {
          guard let bFirst = less(temp[pb], base[pa]) else {
            failed = true
            break merging
          }
          if bFirst {
            base[dest] = base[pa]
            dest -= 1
            pa -= 1
            winsA += 1
            winsB = 0
            na -= 1
            if na == 0 { break merging }
            if winsA >= minGallop { break }
          } else {
            base[dest] = temp[pb]
            dest -= 1
            pb -= 1
            winsB += 1
            winsA = 0
            nb -= 1
            if nb == 1 {
              copyA = true
              break merging
            }
            if winsB >= minGallop { break }
          }
        }
        minGallop += 1
        repeat {
          if minGallop > 1 { minGallop -= 1 }
          self.minGallop = minGallop
          guard let keptA = gallopRight(temp[pb], base + a, na, hint: na - 1) else {
            failed = true
            break merging
          }
          let fromA = na - keptA
          winsA = fromA
          if fromA > 0 {
            dest -= fromA
            pa -= fromA
            (base + dest + 1).update(from: base + pa + 1, count: fromA)
            na -= fromA
            if na == 0 { break merging }
          }
          base[dest] = temp[pb]
          dest -= 1
          pb -= 1
          nb -= 1
          if nb == 1 {
            copyA = true
            break merging
          }
          guard let keptB = gallopLeft(base[pa], temp, nb, hint: nb - 1) else {
            failed = true
            break merging
          }
          let fromB = nb - keptB
          winsB = fromB
          if fromB > 0 {
            dest -= fromB
            pb -= fromB
            (base + dest + 1).update(from: temp + pb + 1, count: fromB)
            nb -= fromB
            if nb == 1 {
              copyA = true
              break merging
            }
            // Only an inconsistent `<` gets here with B used up.
            if nb == 0 { break merging }
          }
          base[dest] = base[pa]
          dest -= 1
          pa -= 1
          na -= 1
          if na == 0 { break merging }
        } while winsA >= Timsort.initialMinGallop || winsB >= Timsort.initialMinGallop
        minGallop += 1
        self.minGallop = minGallop
      }
    }
    if copyA {
      // B's first item goes before the rest of A.
      (base + dest - na + 1).update(from: base + pa - na + 1, count: na)
      base[dest - na] = temp[pb]
    } else if nb > 0 {
      (base + dest - (nb - 1)).update(from: temp, count: nb)
    }
    return !failed
  }
}
