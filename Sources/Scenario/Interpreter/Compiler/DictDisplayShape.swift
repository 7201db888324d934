// How CPython's compiler lays a dict display without `**` out on the stack,
// for `co_stacksize` (CodeObject+StackDepth.swift). Ours pushes every key and
// value and then builds the dict; CPython (`compiler_dict`/`compiler_subdict`)
// builds it in chunks:
// - 3.8/3.9: one chunk. 3.10+: a chunk ends when 16 pairs are pending and a
//   17th comes (STACK_USE_GUIDELINE = 30 stack entries), and the rest forms a
//   last chunk; every chunk after the first is merged with DICT_UPDATE.
// - A chunk of more than 15 pairs (3.10+) is built empty and filled with
//   MAP_ADD pair by pair; one of several pairs with all keys constant pushes
//   the values and one tuple of keys (BUILD_CONST_KEY_MAP); otherwise the
//   pairs and BUILD_MAP.
// Keyword-only defaults always use BUILD_CONST_KEY_MAP.

import HeapModel

/// CPython's stack layout of a dict display relative to ours.
struct DictDisplayShape {
  /// Per pair: CPython's depth minus ours while the key and the value are
  /// computed.
  var pairHidden: [Int]
  /// Per pair, and at `count` for the final BUILD_MAP: the deepest CPython
  /// gets before that pair is started, relative to our depth there (nil:
  /// nothing between).
  var peakBefore: [Int?]

  /// - Parameters:
  ///   - constantKeys: per pair, whether its key is a constant.
  ///   - forceConstantKeyMap: keyword-only defaults (always one
  ///     BUILD_CONST_KEY_MAP, whatever the count).
  init(constantKeys: [Bool], version: PythonVersion, forceConstantKeyMap: Bool = false) {
    let n = constantKeys.count
    pairHidden = Array(repeating: 0, count: n)
    peakBefore = Array(repeating: nil, count: n + 1)
    var chunks: [Range<Int>] = []
    if version >= .py310, !forceConstantKeyMap {
      var pending = 0
      for index in 0..<n {
        if pending * 2 > 30 {
          chunks.append((index - pending)..<(index + 1))
          pending = 0
        } else {
          pending += 1
        }
      }
      if pending > 0 { chunks.append((n - pending)..<n) }
    } else if n > 0 {
      chunks = [0..<n]
    }
    var built = 0
    for chunk in chunks {
      let size = chunk.count
      let big = version >= .py310 && size * 2 > 30 && !forceConstantKeyMap
      let keyMap =
        forceConstantKeyMap || (size > 1 && !big && constantKeys[chunk].allSatisfy { $0 })
      for (offset, index) in chunk.enumerated() {
        let ours = 2 * index + 1
        if keyMap {
          pairHidden[index] = built + offset - ours
        } else if big {
          pairHidden[index] = built + 2 - ours
        } else {
          pairHidden[index] = built + 2 * offset + 1 - ours
        }
      }
      if keyMap {
        let end = chunk.upperBound
        peakBefore[end] = max(peakBefore[end] ?? .min, built + size + 1 - 2 * end)
      }
      built = 1
    }
  }
}
