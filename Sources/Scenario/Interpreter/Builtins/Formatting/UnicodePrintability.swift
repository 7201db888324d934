// `str.isprintable()` and the escaping decisions of repr() follow
// `Py_UNICODE_ISPRINTABLE`: a character is printable unless its general
// category is Cc, Cf, Cs, Co, Cn (control, format, surrogate, private use,
// unassigned), Zl, Zp or Zs, except that the space U+0020 is printable.
//
// The answer depends on the Unicode database compiled into each CPython:
//   3.8: 12.1   3.9/3.10: 13.0   3.11: 14.0   3.12: 15.0   3.13: 15.1
// A character assigned in a later Unicode version is "unassigned" (Cn) for an
// older interpreter and so gets escaped by its repr: repr('\U0001fae8') is
// '\U0001fae8' in 3.11 but the emoji itself in 3.12. Rather than trust the
// Unicode version of the Swift runtime, the tables are generated from the real
// interpreters (tools/gen_format_cases.py): 3.13's printable ranges, plus per
// version the ranges that differ from them.

import HeapModel

/// `Py_UNICODE_ISPRINTABLE` for each modelled CPython version.
enum UnicodePrintability {
  /// Whether `c` is printable to CPython `version`.
  static func isPrintable(_ c: Unicode.Scalar, version: PythonVersion) -> Bool {
    let v = c.value
    if v < 0x7F { return v >= 0x20 }
    let base = contains(latest, v)
    guard let differences = differences[version.minor], !differences.isEmpty else { return base }
    return base != contains(differences, v)
  }

  private static func contains(_ ranges: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
    var low = 0
    var high = ranges.count
    while low < high {
      let mid = (low + high) / 2
      if ranges[mid].1 < v {
        low = mid + 1
      } else {
        high = mid
      }
    }
    return low < ranges.count && ranges[low].0 <= v
  }
}
