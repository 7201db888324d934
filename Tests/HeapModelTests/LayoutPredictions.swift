import HeapModel

/// What the `ObjectLayouts` model predicts for each probe of
/// tools/measure_layouts.py, by probe name. A nil answer means "no model for
/// this probe", which the fixture tests report as a failure, so every
/// measured number must be predicted.
struct LayoutPredictions {
  let layouts: ObjectLayouts
  let fixture: LayoutFixture

  var version: PythonVersion { layouts.version }

  // MARK: - Names

  /// The integer after the last run of letters in the final name component:
  /// "dict.str21" → 21, "tuple.3" → 3, "str.ucs2.10" → 10.
  static func number(_ name: String) -> Int? {
    guard let last = name.split(separator: ".").last else { return nil }
    return Int(String(last.filter { $0.isNumber }))
  }

  static func component(_ name: String, _ index: Int) -> String {
    let parts = name.split(separator: ".")
    return index < parts.count ? String(parts[index]) : ""
  }

  func kind(_ name: String) -> ObjectKind? {
    let head = Self.component(name, 0)
    let second = Self.component(name, 1)
    switch head {
    case "bytearray": return .bytearray
    case "bytes": return .bytes
    case "cell": return .cell
    case "class": return .type
    case "classmethod": return .classMethod
    case "staticmethod": return .staticMethod
    case "dict": return .dict
    case "exc":
      switch second {
      case "attributeerror": return .attributeError
      case "stopiteration": return .stopIteration
      default: return .exception
      }
    case "float": return .float
    case "frame": return .frame
    case "frozenset": return .frozenset
    case "function": return .function
    case "gen": return .generator
    case "inst": return .instance
    case "int": return .int
    case "iter":
      switch second {
      case "bytes": return .bytesIterator
      case "dictitems", "dictkeys": return .dictIterator
      case "enumerate": return .enumerate
      case "filter": return .filter
      case "list": return .listIterator
      case "longrange": return .longRangeIterator
      case "map": return .map
      case "range": return .rangeIterator
      case "reversed": return .listReverseIterator
      case "set": return .setIterator
      case "str": return .strIterator
      case "tuple": return .tupleIterator
      case "zip2": return .zip
      default: return nil
      }
    case "list": return .list
    case "method": return second == "bound" ? .boundMethod : .builtinMethod
    case "module": return .module
    case "none": return ObjectKind.none
    case "true", "false": return .bool
    case "object": return .object
    case "property": return .property
    case "range": return .range
    case "set": return .set
    case "slice": return .slice
    case "slots": return .slotsInstance
    case "str": return .str
    case "super": return .superObject
    case "traceback": return .traceback
    case "tuple": return .tuple
    case "view": return .dictView
    case "weakref": return second == "proxy" ? .weakproxy : .weakref
    default: return nil
    }
  }

  func slotsShape(_ name: String) -> InstanceShape? {
    switch name {
    case "slots.0": return .slotted(0)
    case "slots.2": return .slotted(2)
    case "slots.5": return .slotted(5)
    case "slots.weakref": return .slotted(1, weakref: true)
    default: return nil
    }
  }

  // MARK: - Building blocks

  func fixed(_ kind: ObjectKind) -> Int { layouts.fixedBlockSize(kind) ?? -1 }

  var unicodeKeys: ObjectLayouts.DictKeysKind { version >= .py311 ? .unicode : .general }

  func dictBlocks(slots: Int, keys: ObjectLayouts.DictKeysKind) -> [Int] {
    slots == 0 ? [64] : [64, layouts.dictKeysBlockSize(slots: slots, keys: keys)]
  }

  func listBlocks(capacity: Int) -> [Int] {
    capacity == 0 ? [56] : [56, ObjectLayouts.listItemsBlockSize(capacity: capacity)]
  }

  func setBlocks(count: Int) -> [Int] {
    let table = ObjectLayouts.setTableBlockSize(slots: ObjectLayouts.setSlotsAfterAdds(count))
    return table == 0 ? [216] : [216, table]
  }

  /// A medium int such as `i + 1` (one digit from one-digit operands).
  var mediumInt: Int {
    layouts.intBlockSize(resultDigits: 1, origin: .magnitudeAdd(lhsDigits: 1, rhsDigits: 1))
  }

  func strKind(_ text: String) -> ObjectLayouts.StrKind? {
    switch text {
    case "ascii": return .ascii
    case "latin1": return .latin1
    case "ucs2": return .ucs2
    case "ucs4": return .ucs4
    default: return nil
    }
  }

  func intOrigin(_ name: String) -> (ObjectLayouts.IntOrigin, Int)? {
    switch name {
    case "int.add.1d1d": return (.magnitudeAdd(lhsDigits: 1, rhsDigits: 1), 1)
    case "int.add.1d1d.wide": return (.magnitudeAdd(lhsDigits: 1, rhsDigits: 1), 2)
    case "int.add.2d1d": return (.magnitudeAdd(lhsDigits: 2, rhsDigits: 1), 2)
    case "int.add.2d2d": return (.magnitudeAdd(lhsDigits: 2, rhsDigits: 2), 2)
    case "int.add.3d1d": return (.magnitudeAdd(lhsDigits: 3, rhsDigits: 1), 3)
    case "int.add.4d1d": return (.magnitudeAdd(lhsDigits: 4, rhsDigits: 1), 4)
    case "int.sub.2d1d": return (.magnitudeSubtract(lhsDigits: 2, rhsDigits: 1), 2)
    case "int.sub.4d1d": return (.magnitudeSubtract(lhsDigits: 4, rhsDigits: 1), 4)
    case "int.mul.1d1d": return (.multiply(lhsDigits: 1, rhsDigits: 1), 1)
    case "int.mul.1d1d.wide": return (.multiply(lhsDigits: 1, rhsDigits: 1), 2)
    case "int.mul.2d1d": return (.multiply(lhsDigits: 2, rhsDigits: 1), 2)
    case "int.mul.2d2d": return (.multiply(lhsDigits: 2, rhsDigits: 2), 3)
    case "int.neg.1d": return (.negate(digits: 1), 1)
    case "int.neg.2d": return (.negate(digits: 2), 2)
    case "int.floordiv.1d1d": return (.floorDivide(lhsDigits: 1, rhsDigits: 1), 1)
    case "int.floordiv.3d1d": return (.floorDivide(lhsDigits: 3, rhsDigits: 1), 2)
    case "int.floordiv.4d2d": return (.floorDivide(lhsDigits: 4, rhsDigits: 2), 2)
    case "int.lshift.1d": return (.leftShift(lhsDigits: 1, bits: 35), 2)
    case "int.lshift.small": return (.leftShift(lhsDigits: 1, bits: 3), 1)
    default:
      if name.hasPrefix("int.parsed."), let digits = Self.number(name) { return (.exact, digits) }
      return nil
    }
  }

  func generatorCode(_ name: String) -> CodeShape? {
    let base = name.hasSuffix(".frame") ? String(name.dropLast(6)) : name
    return fixture.codeShape(base, cellParameters: base == "gen.cell" ? 1 : 0)
  }

  /// Blocks of the 3.8–3.10 `__init__` zombie frame that the first instance
  /// of a fresh class leaves behind (owned by the code object).
  func initFrame(attrs: Int) -> Int {
    layouts.frameBlockSize(CodeShape(locals: 1, stackSize: attrs == 0 ? 1 : 2))
  }

  // MARK: - Instance simulations

  /// Blocks left alive by each of `count` instances of a fresh class whose
  /// `__init__` sets `attrs` attributes, sorted largest first.
  func instanceRun(attrs: Int, count: Int) -> [[Int]] {
    var shared = SharedKeys(version: version)
    var result: [[Int]] = []
    for index in 0..<count {
      let reservation = shared.instanceCreated()
      let capacity = reservation.capacity
      if version >= .py311 {
        var dictSlots = 0
        for attribute in 0..<attrs {
          if dictSlots > 0 {
            if attribute == ObjectLayouts.dictUsable(slots: dictSlots) {
              dictSlots = ObjectLayouts.dictSlotsAfterGrowth(used: attribute)
            }
          } else if attribute >= shared.entries {
            let insertion = shared.insertKey(
              instanceAttributes: attribute, instanceCapacity: capacity, soleUser: false)
            if case .unshared(let slots, _) = insertion { dictSlots = slots }
          } else if attribute >= capacity {
            dictSlots = max(16, ObjectLayouts.dictSlotsAfterGrowth(used: attribute))
          }
        }
        var blocks = [layouts.instanceBlockSize(.plain, valueCapacity: reservation.reserved)]
        if dictSlots > 0 {
          blocks += dictBlocks(slots: dictSlots, keys: .unicode)
        } else if version < .py313 {
          blocks.append(layouts.instanceValuesBlockSize(capacity: reservation.reserved))
        }
        result.append(blocks.sorted(by: >))
      } else {
        var blocks = [layouts.instanceBlockSize(.plain)]
        if index == 0 { blocks.append(initFrame(attrs: attrs)) }
        if attrs > 0 {
          var values = capacity
          var keys: Int? = nil
          for attribute in 0..<attrs where attribute >= shared.entries {
            let insertion = shared.insertKey(
              instanceAttributes: attribute, instanceCapacity: values, soleUser: index == 0)
            if case .regrown(_, let bytes, let newValues) = insertion {
              keys = bytes
              values = newValues
            }
          }
          blocks += [64, layouts.instanceValuesBlockSize(capacity: values)]
          if let keys { blocks.append(keys) }
        }
        result.append(blocks.sorted(by: >))
      }
    }
    return result
  }

  /// Adds `extra` new attributes one by one to an instance created after
  /// `warm` instances of a class whose `__init__` sets `attrs` attributes.
  /// Returns the blocks each store allocates and the final `getsizeof(vars(o))`.
  func extraAttributeRun(attrs: Int, warm: Int, extra: Int) -> ([[Int]], Int) {
    var shared = SharedKeys(version: version)
    let legacy = version <= .py310
    for index in 0..<warm {
      let capacity = shared.instanceCreated().capacity
      for attribute in 0..<attrs where attribute >= shared.entries {
        _ = shared.insertKey(instanceAttributes: attribute, instanceCapacity: capacity, soleUser: index == 0)
      }
    }
    var capacity = shared.instanceCreated().capacity
    var hasDict = legacy && attrs > 0
    var combinedSlots = 0
    var steps: [[Int]] = []
    for extraIndex in 0..<extra {
      let count = attrs + extraIndex
      var blocks: [Int] = []
      if legacy && !hasDict {
        hasDict = true
        blocks += [64, layouts.instanceValuesBlockSize(capacity: capacity)]
      }
      if combinedSlots > 0 {
        if count == ObjectLayouts.dictUsable(slots: combinedSlots) {
          combinedSlots = ObjectLayouts.dictSlotsAfterGrowth(used: count)
          blocks.append(layouts.dictKeysBlockSize(slots: combinedSlots, keys: unicodeKeys))
        }
      } else {
        switch shared.insertKey(
          instanceAttributes: count, instanceCapacity: capacity, soleUser: attrs == 0)
        {
        case .stored:
          break
        case .regrown(_, let bytes, let values):
          capacity = values
          blocks += [bytes, layouts.instanceValuesBlockSize(capacity: values)]
        case .unshared(let slots, let bytes):
          combinedSlots = slots
          blocks += legacy ? [bytes] : [bytes, 64]
        }
      }
      steps.append(blocks.sorted(by: >))
    }
    let size =
      combinedSlots > 0
      ? layouts.dictGetsizeof(slots: combinedSlots, keys: unicodeKeys)
      : ObjectLayouts.instanceDictGetsizeof(valueCapacity: capacity)
    return (steps, size)
  }

  /// Steady-state blocks of an instance whose class sets `attrs` attributes.
  func steadyInstance(attrs: Int) -> [Int] {
    instanceRun(attrs: attrs, count: 100).last ?? []
  }

  /// Steady-state `getsizeof(vars(o))`.
  func steadyDictSizeof(attrs: Int) -> Int {
    if version <= .py310 {
      let slots = max(ObjectLayouts.dictMinSlots, ObjectLayouts.dictSlotsAfterInserts(attrs))
      return ObjectLayouts.instanceDictGetsizeof(valueCapacity: ObjectLayouts.dictUsable(slots: slots))
    }
    let blocks = steadyInstance(attrs: attrs)
    if blocks.contains(64) && attrs >= 30 {
      let slots = max(16, ObjectLayouts.dictSlotsAfterGrowth(used: attrs - 1))
      return layouts.dictGetsizeof(slots: slots, keys: .unicode)
    }
    return ObjectLayouts.instanceDictGetsizeof(valueCapacity: attrs + 1)
  }

  // MARK: - Blocks

  func blocks(_ name: String) -> [Int]? {
    let n = Self.number(name) ?? 0
    let prediction: [Int]?
    switch Self.component(name, 0) {
    case "bytearray":
      prediction = n == 0 ? [56] : [56, ObjectLayouts.bytearrayInitialAllocation(count: n)]
    case "bytes":
      prediction = ObjectLayouts.isCachedBytes(length: n) ? [] : [ObjectLayouts.bytesBlockSize(length: n)]
    case "class":
      let hasDict = name == "class.empty"
      var blocks = [layouts.typeBlockSize()] + layouts.typeCompanionBlocks(hasDict: hasDict)
      if hasDict { blocks.append(SharedKeys(version: version).keysBlockSize) }
      prediction = blocks
    case "classmethod", "staticmethod":
      prediction =
        [48]
        + (layouts.decoratorsCopyWrapperAttributes ? dictBlocks(slots: 8, keys: unicodeKeys) : [])
    case "dict":
      prediction = dictPrediction(name)
    case "exc":
      prediction = exceptionBlocks(name)
    case "float": prediction = [24]
    case "object": prediction = [16]
    case "frame":
      prediction = fixture.codeShape(name).map { [layouts.frameBlockSize($0)] }
    case "frozenset": prediction = [216]
    case "function":
      let function = fixed(.function)
      prediction =
        name == "function.closure" ? [function, ObjectLayouts.tupleBlockSize(count: 1), 40] : [function]
    case "gen":
      prediction = generatorBlocks(name)
    case "inst":
      prediction = instanceBlocks(name)
    case "int":
      prediction = intOrigin(name).map { [layouts.intBlockSize(resultDigits: $0.1, origin: $0.0)] }
    case "iter", "view":
      prediction = iteratorBlocks(name)
    case "list":
      prediction = listPrediction(name).map { listBlocks(capacity: $0) }
    case "method":
      prediction = [fixed(kind(name) ?? .object)]
    case "module":
      prediction = [72] + dictBlocks(slots: 8, keys: unicodeKeys)
    case "property", "range", "slice", "super", "weakref":
      prediction = kind(name).map { [fixed($0)] }
    case "set":
      if name == "set.display3" {
        prediction = [216, mediumInt, mediumInt]
      } else {
        prediction = setBlocks(count: name == "set.empty" ? 0 : n)
      }
    case "slots":
      prediction = slotsShape(name).map { [layouts.instanceBlockSize($0)] }
    case "str":
      let kindText = Self.component(name, 1)
      guard let kind = strKind(kindText) else { return nil }
      prediction =
        ObjectLayouts.isCachedStr(length: n, kind: kind) ? [] : [layouts.strBlockSize(length: n, kind: kind)]
    case "tuple":
      prediction = [ObjectLayouts.tupleBlockSize(count: n)]
    default:
      prediction = nil
    }
    return prediction?.sorted(by: >)
  }

  func dictSlots(_ name: String) -> Int? {
    let n = Self.number(name) ?? 0
    switch name {
    case "dict.empty": return 0
    case "dict.ctor": return layouts.dictConstructorAllocatesKeys ? 8 : 0
    case "dict.copy.str3", "dict.dictof.str3", "dict.kwargs.str3": return 8
    default:
      if name.hasPrefix("dict.display.") { return ObjectLayouts.dictSlotsPresized(for: n) }
      if name.hasPrefix("dict.fromkeys.") || name.hasPrefix("dict.str") || name.hasPrefix("dict.int") {
        return ObjectLayouts.dictSlotsAfterInserts(n)
      }
      return nil
    }
  }

  func dictKeysKind(_ name: String) -> ObjectLayouts.DictKeysKind {
    name.contains("int") || name == "dict.ctor" ? .general : unicodeKeys
  }

  func dictPrediction(_ name: String) -> [Int]? {
    dictSlots(name).map { dictBlocks(slots: $0, keys: dictKeysKind(name)) }
  }

  func exceptionBlocks(_ name: String) -> [Int]? {
    let args: [Int]
    switch name {
    case "exc.noargs": args = []
    case "exc.twoargs": args = [ObjectLayouts.tupleBlockSize(count: 2)]
    default: args = [ObjectLayouts.tupleBlockSize(count: 1)]
    }
    guard let exception = layouts.fixedBlockSize(kind(name) ?? .exception) else { return nil }
    if name == "exc.raised" {
      guard let code = fixture.codeShape(name) else { return nil }
      return [exception, fixed(.traceback), layouts.frameBlockSize(code)] + args
    }
    return [exception] + args
  }

  func generatorBlocks(_ name: String) -> [Int]? {
    guard let code = generatorCode(name) else { return nil }
    var blocks =
      layouts.generatorsHaveSeparateFrames
      ? [layouts.generatorBlockSize(code), layouts.frameBlockSize(code)]
      : [layouts.generatorBlockSize(code)]
    switch name {
    case "gen.cell": blocks.append(fixed(.cell))
    case "gen.genexp":
      blocks.append(fixed(.listIterator))
      if version >= .py311 { blocks.append(fixed(.function)) }
    default: break
    }
    return blocks
  }

  func instanceBlocks(_ name: String) -> [Int]? {
    let n = Self.number(name) ?? 0
    if name.hasPrefix("inst.attrs") { return steadyInstance(attrs: n) }
    if name == "inst.empty" || name == "inst.subclass" { return steadyInstance(attrs: 0) }
    if name.hasPrefix("inst.vars.attrs") {
      if version <= .py310 {
        return n == 0 ? [64, layouts.instanceValuesBlockSize(capacity: 5)] : []
      }
      return n >= 30 ? [] : [64]
    }
    return nil
  }

  func iteratorBlocks(_ name: String) -> [Int]? {
    let pair = ObjectLayouts.tupleBlockSize(count: 2)
    switch name {
    case "iter.dictitems": return [fixed(.dictIterator), pair]
    case "iter.enumerate": return [fixed(.enumerate), pair, fixed(.listIterator)]
    case "iter.filter": return [fixed(.filter), fixed(.listIterator)]
    case "iter.map": return [fixed(.map), ObjectLayouts.tupleBlockSize(count: 1), fixed(.listIterator)]
    case "iter.zip2": return [fixed(.zip), pair, pair, fixed(.listIterator), fixed(.listIterator)]
    default: return kind(name).map { [fixed($0)] }
    }
  }

  func listPrediction(_ name: String) -> Int? {
    let n = Self.number(name) ?? 0
    let rest = Self.component(name, 1)
    if rest == "empty" { return 0 }
    if rest.hasPrefix("display") { return layouts.listCapacity(.display(count: n)) }
    if rest.hasPrefix("const") { return layouts.listCapacity(.constantDisplay(count: n)) }
    if rest.hasPrefix("from") && !rest.hasPrefix("fromgen") {
      return layouts.listCapacity(.fromSized(count: n))
    }
    if rest.hasPrefix("fromgen") { return layouts.listCapacity(.fromIterator(count: n, lengthHint: 8)) }
    if rest.hasPrefix("repeat") { return layouts.listCapacity(.repeated(count: n)) }
    if rest.hasPrefix("comp") { return layouts.listCapacity(.comprehension(count: n)) }
    return nil
  }

  // MARK: - getsizeof

  func sizeof(_ name: String) -> Int? {
    let n = Self.number(name) ?? 0
    switch Self.component(name, 0) {
    case "none": return layouts.fixedGetsizeof(ObjectKind.none)
    case "true": return layouts.fixedGetsizeof(.bool, boolValue: true)
    case "false": return layouts.fixedGetsizeof(.bool, boolValue: false)
    case "bytearray":
      return ObjectLayouts.bytearrayGetsizeof(allocated: ObjectLayouts.bytearrayInitialAllocation(count: n))
    case "bytes": return ObjectLayouts.bytesBlockSize(length: n)
    case "class":
      if name == "class.slots" { return layouts.heapTypeSize }
      return layouts.typeGetsizeof(sharedKeysBlockSize: SharedKeys(version: version).keysBlockSize)
    case "dict":
      guard let slots = dictSlots(name) else { return nil }
      return layouts.dictGetsizeof(slots: slots, keys: dictKeysKind(name))
    case "frame":
      return fixture.codeShape(name).map { layouts.frameGetsizeof($0) }
    case "gen":
      guard let code = generatorCode(name) else { return nil }
      return name.hasSuffix(".frame") ? layouts.frameGetsizeof(code) : layouts.generatorBlockSize(code)
    case "inst":
      if name.hasPrefix("inst.dict.attrs") { return steadyDictSizeof(attrs: n) }
      if name.hasPrefix("inst.extraattr.dict.attrs") {
        return extraAttributeRun(attrs: n, warm: 60, extra: 3).1
      }
      return layouts.instanceGetsizeof(.plain)
    case "int":
      if name == "int.bool" { return layouts.fixedGetsizeof(.bool) }
      return intOrigin(name).map { layouts.intGetsizeof(digits: $0.1) }
    case "list":
      return listPrediction(name).map { ObjectLayouts.listGetsizeof(capacity: $0) }
    case "set":
      if name == "set.display3" { return ObjectLayouts.setGetsizeof(slots: 8) }
      return ObjectLayouts.setGetsizeof(slots: ObjectLayouts.setSlotsAfterAdds(name == "set.empty" ? 0 : n))
    case "frozenset": return ObjectLayouts.setGetsizeof(slots: 8)
    case "slots":
      return slotsShape(name).map { layouts.instanceGetsizeof($0) }
    case "str": return strSizeof(name)
    case "tuple": return ObjectLayouts.tupleBlockSize(count: n)
    default:
      guard let kind = kind(name) else { return nil }
      return layouts.fixedGetsizeof(kind)
    }
  }

  func strSizeof(_ name: String) -> Int? {
    let n = Self.number(name) ?? 0
    switch name {
    case "str.abc10": return layouts.strGetsizeof(length: 30, kind: .ascii)
    case "str.chr233", "str.literal.e_acute": return layouts.cachedStrGetsizeof(length: 1, kind: .latin1)
    case "str.literal.a": return layouts.cachedStrGetsizeof(length: 1, kind: .ascii)
    case "str.literal.e_acute2": return layouts.strGetsizeof(length: 2, kind: .latin1)
    case "str.literal.euro": return layouts.strGetsizeof(length: 1, kind: .ucs2)
    case "str.literal.emoji": return layouts.strGetsizeof(length: 1, kind: .ucs4)
    default:
      guard let kind = strKind(Self.component(name, 1)) else { return nil }
      if ObjectLayouts.isCachedStr(length: n, kind: kind) {
        return layouts.cachedStrGetsizeof(length: n, kind: n == 0 ? .ascii : kind)
      }
      return layouts.strGetsizeof(length: n, kind: kind)
    }
  }

  // MARK: - id offsets and GC

  func idOffset(_ name: String) -> Int? {
    if name.hasPrefix("inst.") { return layouts.instanceIDOffset(.plain) }
    if let shape = slotsShape(name) { return layouts.instanceIDOffset(shape) }
    return kind(name).map { layouts.idOffset($0) }
  }

  func isGC(_ name: String) -> Bool? {
    kind(name).map { layouts.isGC($0) }
  }

  // MARK: - Series

  func series(_ name: String) -> LayoutFixture.Series? {
    switch name {
    case "bytearray.append":
      var allocated = 0
      var sizes = [ObjectLayouts.bytearrayGetsizeof(allocated: 0)]
      for size in 1...64 {
        allocated = ObjectLayouts.bytearrayResize(allocated: allocated, newSize: size)
        sizes.append(ObjectLayouts.bytearrayGetsizeof(allocated: allocated))
      }
      return .flat(sizes)
    case "int.sizeof.values":
      let bitLengths = [0, 1, 1, 3, 9, 9, 30, 31, 60, 61, 91, 101, 121, 151, 301, 101]
      return .flat(bitLengths.map { layouts.intGetsizeof(digits: ObjectLayouts.intDigits(bitLength: $0)) })
    case "list.append", "list.pop": return .flat(listAppendPop(pop: name == "list.pop"))
    case "list.delfront":
      var allocated = layouts.listCapacity(.fromSized(count: 100))
      var sizes: [Int] = []
      for size in stride(from: 100, to: 0, by: -1) {
        allocated = layouts.listCapacityAfterRemove(size: size, allocated: allocated, byDelItem: true)
        sizes.append(ObjectLayouts.listGetsizeof(capacity: allocated))
      }
      return .flat(sizes)
    case "list.delslice100_80":
      let allocated = layouts.listCapacity(.fromSized(count: 100))
      return .flat([
        ObjectLayouts.listGetsizeof(
          capacity: layouts.listResize(size: 100, allocated: allocated, newSize: 20))
      ])
    case "list.imul10":
      return .flat([
        ObjectLayouts.listGetsizeof(capacity: layouts.listResize(size: 1, allocated: 1, newSize: 10))
      ])
    case "list.extend_mod7":
      var size = 0
      var allocated = 0
      var sizes: [Int] = []
      for step in 0..<40 {
        let count = step % 7
        allocated = layouts.listExtend(size: size, allocated: allocated, count: count, lengthHint: count)
        size += count
        sizes.append(ObjectLayouts.listGetsizeof(capacity: allocated))
      }
      return .flat(sizes)
    case "set.add":
      var slots = ObjectLayouts.setInlineSlots
      var sizes = [ObjectLayouts.setGetsizeof(slots: slots)]
      for used in 1...600 {
        slots = ObjectLayouts.setSlotsAfterAdd(slots: slots, fill: used, used: used)
        sizes.append(ObjectLayouts.setGetsizeof(slots: slots))
      }
      return .flat(sizes)
    case "set.discard":
      return .flat(
        Array(repeating: ObjectLayouts.setGetsizeof(slots: ObjectLayouts.setSlotsAfterAdds(600)), count: 600))
    case "str.utf8cache.latin1.8":
      let size = layouts.strGetsizeof(length: 8, kind: .latin1)
      return .flat([size, size])
    case "inst.setattr.sequence":
      return .nested(extraAttributeRun(attrs: 0, warm: 60, extra: 12).0)
    default:
      return dictOrInstanceSeries(name)
    }
  }

  func listAppendPop(pop: Bool) -> [Int] {
    var allocated = 0
    var appended = [ObjectLayouts.listGetsizeof(capacity: 0)]
    for size in 0..<300 {
      allocated = layouts.listCapacityAfterAppend(size: size, allocated: allocated)
      appended.append(ObjectLayouts.listGetsizeof(capacity: allocated))
    }
    if !pop { return appended }
    var popped: [Int] = []
    for size in stride(from: 300, to: 0, by: -1) {
      allocated = layouts.listCapacityAfterRemove(size: size, allocated: allocated)
      popped.append(ObjectLayouts.listGetsizeof(capacity: allocated))
    }
    return popped
  }

  func dictOrInstanceSeries(_ name: String) -> LayoutFixture.Series? {
    let n = Self.number(name) ?? 0
    if name.hasPrefix("inst.fresh.attrs") { return .nested(instanceRun(attrs: n, count: 40)) }
    if name.hasPrefix("inst.extraattr.attrs") {
      return .nested(extraAttributeRun(attrs: n, warm: 60, extra: 3).0)
    }
    guard name.hasPrefix("dict.") else { return nil }
    let keys: ObjectLayouts.DictKeysKind = name.hasSuffix(".int") ? .general : unicodeKeys
    var table = DictTable()
    func size() -> Int { layouts.dictGetsizeof(slots: table.slots, keys: keys) }
    var sizes: [Int] = []
    switch Self.component(name, 1) {
    case "insert", "delete", "refill":
      sizes.append(size())
      for _ in 0..<200 {
        table.insert()
        sizes.append(size())
      }
      var deleted: [Int] = []
      for _ in 0..<200 {
        table.used -= 1
        deleted.append(size())
      }
      var refilled: [Int] = []
      for _ in 0..<30 {
        table.insert()
        refilled.append(size())
      }
      switch Self.component(name, 1) {
      case "insert": return .flat(sizes)
      case "delete": return .flat(deleted)
      default: return .flat(refilled)
      }
    case "ctorinsert":
      if layouts.dictConstructorAllocatesKeys { table.slots = 8 }
      sizes.append(size())
      for _ in 0..<12 {
        table.insert()
        sizes.append(size())
      }
      return .flat(sizes)
    case "churn":
      for _ in 0..<6 {
        for _ in 0..<5 { table.insert() }
        sizes.append(size())
        table.used -= 4
        sizes.append(size())
      }
      return .flat(sizes)
    default:
      return nil
    }
  }
}

/// A combined dict's table under inserts and deletes (deleted entries keep
/// using up `usable` until the next resize).
struct DictTable {
  var slots = 0
  var entries = 0
  var used = 0

  mutating func insert() {
    if slots == 0 || entries == ObjectLayouts.dictUsable(slots: slots) {
      slots = slots == 0 ? ObjectLayouts.dictMinSlots : ObjectLayouts.dictSlotsAfterGrowth(used: used)
      entries = used
    }
    used += 1
    entries += 1
  }
}
