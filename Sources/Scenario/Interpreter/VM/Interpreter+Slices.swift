// `s[a:b]` on an ASCII str without the list of positions.
//
// The general path (`sliceIndices`, Interpreter+Operators.swift) turns a
// slice into the array of every position it selects, then cuts the text
// from it; for the commonest slice — step 1 (or None), int or None bounds —
// that array is only its first position and its length, and building it
// cost ~2,000 instructions per `r["name"][:6]` (a copy of the slice's
// payload, two arrays grown by appends). Here the same bounds are read in
// place and clamped by the same rules (`PySlice_AdjustIndices` for a
// positive step: a negative bound counts from the end, then both are
// clamped to 0…len). Anything else — another step, a bound that is not a
// machine int or None, an empty result — returns nil and takes the general
// path, so errors and edge cases are exactly as before.

import HeapModel

extension Interpreter {
  /// The str `container[slice]` (owned) for an ASCII str and a slice of
  /// step 1 whose result is not empty, as `asciiSubscript` makes it: the
  /// str itself for the whole text, else a new str of the cut bytes. nil
  /// when the slice is not that simple.
  mutating func asciiStepOneSlice(_ container: ObjectID, _ slice: ObjectID, count: Int) -> ObjectID? {
    let (lower, upper, step) = heap.sliceParts(slice)
    guard step == heap.none || (isMachineInt(step) && heap.intValue(step) == 1),
      let start = sliceBound(lower, count: count, missing: 0),
      let stop = sliceBound(upper, count: count, missing: count), stop > start
    else { return nil }
    // `isWholeSlice`: every position with step 1 is the str itself.
    if stop - start == count { return retain(container) }
    return heap.newStr(slicing: container, bytes: start..<stop)
  }

  /// A slice bound clamped for a positive step: `missing` for None, nil
  /// when it is not a machine int (or bool).
  private func sliceBound(_ bound: ObjectID, count: Int, missing: Int) -> Int? {
    if bound == heap.none { return missing }
    guard isMachineInt(bound), var value = heap.intValue(bound) else { return nil }
    if value < 0 { value += count }
    return min(max(value, 0), count)
  }

  private func isMachineInt(_ object: ObjectID) -> Bool {
    let kind = heap.kind(of: object)
    return kind == .int || kind == .bool
  }
}
