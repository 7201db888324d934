// Small text helpers shared by the views.

/// "512 B", "1.5 KB", "12 MB": a byte count in at most about seven columns.
func formatBytes(_ bytes: Int) -> String {
  let units = ["B", "KB", "MB", "GB", "TB"]
  var value = Double(abs(bytes))
  var unit = 0
  while value >= 1024 && unit < units.count - 1 {
    value /= 1024
    unit += 1
  }
  let sign = bytes < 0 ? "-" : ""
  if unit == 0 { return "\(sign)\(abs(bytes)) B" }
  let tenths = Int((value * 10).rounded())
  let text = tenths >= 100 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
  return "\(sign)\(text) \(units[unit])"
}

/// `value` right-aligned in `width` columns.
func padLeft(_ value: some CustomStringConvertible, _ width: Int) -> String {
  let text = value.description
  let pad = width - displayWidth(text)
  return pad > 0 ? String(repeating: " ", count: pad) + text : text
}

/// `text` left-aligned in `width` columns (not cut).
func padRight(_ text: String, _ width: Int) -> String {
  let pad = width - displayWidth(text)
  return pad > 0 ? text + String(repeating: " ", count: pad) : text
}

/// A stable colour for a type name (FNV-1a, not `Hasher`, which is seeded per process).
func typeHue(_ typeName: String) -> Style {
  var hash: UInt32 = 2_166_136_261
  for byte in typeName.utf8 {
    hash ^= UInt32(byte)
    hash = hash &* 16_777_619
  }
  return Style.hue(Int(hash % 8))
}

/// The colour of a size class.
func sizeClassHue(_ index: Int) -> Style { Style.hue(index) }

/// "gen 2" / "untracked".
func generationText(_ generation: Int?) -> String {
  generation.map { "gen \($0)" } ?? "untracked"
}
