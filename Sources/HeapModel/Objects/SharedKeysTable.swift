// One PEP 412 shared keys table: the `PyDictKeysObject` a class caches in
// `ht_cached_keys` and its instances' split dicts point at. The keys live
// here, each split dict keeps only a values array in key order.
//
// The table is reference counted like CPython's (`dk_refcnt`): one reference
// for the class while it caches the table, one per split dict using it.
// `sys.getsizeof` of a split dict counts the table only when that dict is
// its sole holder — the keys "belong" to the class otherwise — and the
// table's block is freed when the last holder lets go.
//
// 3.8–3.10 (`insertdict` and `_PyObjectDict_SetItem`): a split dict must fill
// the shared order densely. Storing key k at shared index i is allowed only
// when the dict holds exactly i values; a key new to the table only when
// the dict holds all of them and the table still has a usable entry; then k
// is appended to the table, visible to every dict sharing it. Anything else
// — another order, a full table, a deletion — converts the dict into an
// ordinary combined dict (`insertion_resize`: a keys block for
// max(8, pow2 ≥ 3·used) slots, the values array freed, the table released).
// If the class cached that table, it then either adopts the dict's new keys
// as its shared table (when no other dict used the old one: the usual
// growth of a first instance past five attributes, `make_keys_shared`) or
// stops caching keys for good (`CACHED_KEYS = NULL`): the old table lives on,
// orphaned, with the dicts still using it, and later instances get ordinary
// dicts. A deletion always makes the class stop caching.
//
// 3.11+: the table never changes hands (see `SharedKeys` for how its usable
// entries are handed out); a materialised split `__dict__` holds a reference,
// and its getsizeof is 64 + 8 × (entries + usable) of the table as it is
// now, whatever the instance reserved.

/// A shared keys table and its reference count.
public struct SharedKeysTable: Sendable {
  /// Entry counts and size (`dk_nentries`, `dk_usable`, `dk_size`).
  public var keys: SharedKeys
  /// The keys, in table order.
  public private(set) var names: [String]
  /// The keys' str hashes, beside `names`: a key is looked for by hash
  /// first, so a store compares the text of the one key that matches it.
  private(set) var hashes: [Int]
  /// The table's block (3.8–3.10 and 3.11+ alike).
  public var block: UInt64
  /// `dk_refcnt`: the caching class plus each split dict using the table.
  public var references: Int

  public init(
    keys: SharedKeys, names: [String] = [], hashes: [Int] = [], block: UInt64, references: Int = 1
  ) {
    precondition(names.count == hashes.count, "a hash per key")
    self.keys = keys
    self.names = names
    self.hashes = hashes
    self.block = block
    self.references = references
  }

  /// The position of key `name` (whose str hash is `hash`), nil when absent.
  /// Mutating only in name: called on the table in its store as an inout
  /// access, it reads the arrays in place, where a read access copies the
  /// table first (retaining and releasing both arrays).
  mutating func index(of name: String, hash: Int) -> Int? {
    for position in hashes.indices where hashes[position] == hash {
      if SharedKeysTable.identical(names[position], name) || CodePoints.equal(names[position], name) {
        return position
      }
    }
    return nil
  }

  /// Whether key `position` is `name` (whose str hash is `hash`): a guessed
  /// position checked without a search. Mutating only in name, as `index`.
  mutating func hasKey(_ name: String, hash: Int, at position: Int) -> Bool {
    guard position < hashes.count, hashes[position] == hash else { return false }
    return SharedKeysTable.identical(names[position], name) || CodePoints.equal(names[position], name)
  }

  /// Whether two strings have the same representation, hence the same text:
  /// the same inline bytes of a small string, or the same storage object.
  /// The names stored here and the ones looked up are usually copies of the
  /// compiler's name-table strings, so this settles a match without reading
  /// the text (a different representation may still hold equal text).
  @inline(__always) static func identical(_ a: String, _ b: String) -> Bool {
    unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
  }

  /// Appends key `name` (absent so far) to the table's order.
  mutating func append(_ name: String, hash: Int) {
    names.append(name)
    hashes.append(hash)
  }
}
