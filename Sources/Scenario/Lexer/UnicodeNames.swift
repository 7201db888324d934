// `\N{NAME}` escapes need a name → scalar table. Swift's standard library
// knows every scalar's name (`Unicode.Scalar.Properties.name`) and its
// corrected alias (`nameAlias`), so the table is built from them the first
// time a scenario uses `\N{...}` (about 0.15 s in a release build, once per
// process) instead of being shipped as data.
//
// Like CPython, lookup ignores case ("latin small letter a" works). CPython
// also accepts the abbreviation aliases of NameAliases.txt (`\N{LF}`,
// `\N{BEL}`); the standard library does not expose those, so they are
// reported as unknown names.

/// Looks up Unicode scalars by name.
enum UnicodeNames {
  private static let table: [String: Unicode.Scalar] = {
    var table: [String: Unicode.Scalar] = [:]
    table.reserveCapacity(160_000)
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let properties = scalar.properties
      if let name = properties.name { table[name] = scalar }
      if let alias = properties.nameAlias, table[alias] == nil { table[alias] = scalar }
    }
    return table
  }()

  /// The scalar called `name` (any case), or nil.
  static func scalar(named name: String) -> Unicode.Scalar? {
    table[name.uppercased()]
  }
}
