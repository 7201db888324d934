// `heapscope trace`: the replay as JSON Lines, one object per event, in the
// order the model produced them. The schema is documented in docs/trace.md;
// the first line names it, and a change to any field bumps the version.
//
// Every event has "step" (the line event it follows; 0 = start-up), "line"
// and "kind". Kinds: line, alloc, free, pool, arena, raw, realloc, gc.

import HeapModel

/// Kinds of trace events a user can select with `--events`.
public enum TraceKind: String, CaseIterable, Sendable {
  case line, alloc, free, pool, arena, raw, realloc, gc
  case gcPhase = "gc_phase"
}

/// Encodes model events as JSON Lines.
public struct TraceEncoder: Sendable {
  public static let schema = "heapscope-trace/1"
  public let version: PythonVersion
  public let kinds: Set<TraceKind>

  public init(version: PythonVersion, kinds: Set<TraceKind> = Set(TraceKind.allCases)) {
    self.version = version
    self.kinds = kinds
  }

  /// The first line: schema, version modelled and file.
  public func header(file: String) -> String {
    "{\"schema\":\"\(Self.schema)\",\"python\":\"\(version)\",\"file\":\(Self.quote(file))}"
  }

  public func line(step: Int, line: Int, function: String?) -> String? {
    guard kinds.contains(.line) else { return nil }
    let name = function.map { Self.quote($0) } ?? "\"<module>\""
    return "{\"step\":\(step),\"line\":\(line),\"kind\":\"line\",\"function\":\(name)}"
  }

  public func gc(step: Int, line: Int, record: GCLogRecord) -> String? {
    guard kinds.contains(.gc) else { return nil }
    return
      "{\"step\":\(step),\"line\":\(line),\"kind\":\"gc\",\"generation\":\(record.generation),\"collected\":\(record.collected),\"uncollectable\":\(record.uncollectable),\"c_function\":\"gc_collect_main\"}"
  }

  /// One allocator event, or nil when its kind is not selected.
  public func event(step: Int, line: Int, _ event: AllocatorEvent) -> String? {
    let kind: TraceKind
    var fields: [(String, String)] = []
    switch event {
    case .blockAllocated(let address, let sizeClass, let pool, let arena),
      .blockFreed(let address, let sizeClass, let pool, let arena):
      if case .blockAllocated = event { kind = .alloc } else { kind = .free }
      fields = [
        ("address", Self.quote("\(address)")), ("size_class", "\(sizeClass.index)"),
        ("block_size", "\(sizeClass.blockSize)"), ("pool", "\(pool.rawValue)"),
        ("arena", "\(arena.rawValue)"),
      ]
    case .poolExtended(let pool, let sizeClass, _):
      kind = .pool
      fields = [
        ("event", "\"extended\""), ("pool", "\(pool.rawValue)"), ("size_class", "\(sizeClass.index)"),
      ]
    case .poolInitialized(let pool, let arena, let sizeClass, let carved):
      kind = .pool
      fields = [
        ("event", "\"initialized\""), ("pool", "\(pool.rawValue)"), ("arena", "\(arena.rawValue)"),
        ("size_class", "\(sizeClass.index)"), ("carved", "\(carved)"),
      ]
    case .poolReused(let pool, let arena, let sizeClass):
      kind = .pool
      fields = [
        ("event", "\"reused\""), ("pool", "\(pool.rawValue)"), ("arena", "\(arena.rawValue)"),
        ("size_class", "\(sizeClass.index)"),
      ]
    case .poolBecameFull(let pool, let sizeClass):
      kind = .pool
      fields = [("event", "\"full\""), ("pool", "\(pool.rawValue)"), ("size_class", "\(sizeClass.index)")]
    case .poolBecameUsed(let pool, let sizeClass):
      kind = .pool
      fields = [("event", "\"used\""), ("pool", "\(pool.rawValue)"), ("size_class", "\(sizeClass.index)")]
    case .poolBecameEmpty(let pool, let arena, let sizeClass):
      kind = .pool
      fields = [
        ("event", "\"empty\""), ("pool", "\(pool.rawValue)"), ("arena", "\(arena.rawValue)"),
        ("size_class", "\(sizeClass.index)"),
      ]
    case .arenaAllocated(let arena, let base, let usablePools):
      kind = .arena
      fields = [
        ("event", "\"allocated\""), ("arena", "\(arena.rawValue)"), ("base", Self.quote("\(base)")),
        ("usable_pools", "\(usablePools)"),
      ]
    case .arenaReleased(let arena, let base):
      kind = .arena
      fields = [("event", "\"released\""), ("arena", "\(arena.rawValue)"), ("base", Self.quote("\(base)"))]
    case .rawAllocated(let address, let size), .rawFreed(let address, let size):
      kind = .raw
      let name = if case .rawAllocated = event { "allocated" } else { "freed" }
      fields = [("event", Self.quote(name)), ("address", Self.quote("\(address)")), ("size", "\(size)")]
    case .reallocatedInPlace(let address, let size):
      kind = .realloc
      fields = [
        ("from", Self.quote("\(address)")), ("to", Self.quote("\(address)")), ("size", "\(size)"),
        ("raw", "false"),
      ]
    case .reallocatedMoved(let from, let to, let size):
      kind = .realloc
      fields = [
        ("from", Self.quote("\(from)")), ("to", Self.quote("\(to)")), ("size", "\(size)"), ("raw", "false"),
      ]
    case .rawReallocated(let from, let to, let size):
      kind = .realloc
      fields = [
        ("from", Self.quote("\(from)")), ("to", Self.quote("\(to)")), ("size", "\(size)"), ("raw", "true"),
      ]
    case .gcPhase(let record):
      kind = .gcPhase
      fields = Self.fields(of: record)
    }
    guard kinds.contains(kind) else { return nil }
    var text = "{\"step\":\(step),\"line\":\(line),\"kind\":\"\(kind.rawValue)\""
    for (name, value) in fields { text += ",\"\(name)\":\(value)" }
    text += ",\"c_function\":\"\(event.cFunction(in: version))\",\"c_file\":\"\(event.cFile)\"}"
    return text
  }

  /// The fields of a `gc_phase` event: the phase, the counts, and the
  /// listed objects' `id()` per set and their gc_refs.
  static func fields(of record: GCPhaseRecord) -> [(String, String)] {
    var sets = ""
    for set in GCObjectSet.allCases {
      let members = record.objects.filter { $0.set == set }
      guard !members.isEmpty else { continue }
      if !sets.isEmpty { sets += "," }
      sets += "\"\(set)\":[" + members.map { quote(hex($0.address)) }.joined(separator: ",") + "]"
    }
    let refs = record.objects.map { "\(quote(hex($0.address))):\($0.gcRefs)" }.joined(separator: ",")
    return [
      ("generation", "\(record.generation)"), ("phase", quote(record.phase.traceName)),
      ("result", "\(record.isResult)"), ("examined", "\(record.examined)"),
      ("listed", "\(record.objects.count)"), ("unreachable", "\(record.unreachableCount)"),
      ("collected", "\(record.collected)"), ("uncollectable", "\(record.uncollectable)"),
      ("sets", "{\(sets)}"), ("gc_refs", "{\(refs)}"),
    ]
  }

  private static func hex(_ address: UInt64) -> String { "\(Address(address))" }

  /// A JSON string literal.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
