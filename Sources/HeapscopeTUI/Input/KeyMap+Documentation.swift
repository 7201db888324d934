extension KeyMap {
  /// Rows for the help overlay: group headings and "keys  help" lines, per context.
  func helpLines() -> [(keys: String, text: String, isHeading: Bool)] {
    var lines: [(String, String, Bool)] = []
    for context in KeyContext.allCases {
      let rows = bindings.filter { $0.context == context }
      guard !rows.isEmpty else { continue }
      var group: String?
      for binding in rows {
        if binding.group != group {
          group = binding.group
          lines.append(("", context == .global ? binding.group : context.title, true))
        }
        lines.append((binding.keys.map(\.description).joined(separator: " "), binding.help, false))
      }
    }
    return lines
  }

  /// docs/keybindings.md, generated from the table.
  public func markdown() -> String {
    var out = "# heapscope key bindings\n\n"
    out += "Generated from `KeyMap.default` (Sources/HeapscopeTUI/Input/KeyMap.swift); a test keeps\n"
    out += "this file equal to the generated text. Arrows and hjkl move, letters act, and while an\n"
    out += "input line is open (`g`, `/`, `]`, `[`) every printable key is text.\n"
    for context in KeyContext.allCases {
      let rows = bindings.filter { $0.context == context }
      guard !rows.isEmpty else { continue }
      out += "\n## \(context.title)\n\n| keys | action | group |\n|---|---|---|\n"
      for binding in rows {
        let keys = binding.keys.map { "`\($0.description)`" }.joined(separator: " ")
        out += "| \(keys) | \(binding.help) | \(binding.group) |\n"
      }
    }
    return out
  }
}
