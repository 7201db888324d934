// Arithmetic, comparison, truth, subscripts and iteration of the builtin
// types. Int results are sized as the C function producing them allocates
// (`ObjectLayouts.IntOrigin`), so a sum of two large ints takes the block
// CPython's `x_add` takes.

import BigInt
import Foundation
import HeapModel

extension Interpreter {
  // MARK: Numbers

  enum Number {
    case int(BigInt)
    case float(Double)
  }

  func number(_ object: ObjectID) -> Number? {
    switch heap.kind(of: object) {
    case .int, .bool: return .int(heap.bigIntValue(object))
    case .float: return .float(heap.floatValue(object))
    default: return nil
    }
  }

  func digits(_ value: BigInt) -> Int {
    ObjectLayouts.intDigits(bitLength: value.magnitude.bitWidth)
  }

  mutating func binaryOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID, inPlace: Bool)
    throws -> ObjectID
  {
    if let result = floatPairOperation(op, left, right) { return result }
    if let result = smallIntOperation(op, left, right) { return result }
    if let result = try floatOperation(op, left, right) { return result }
    if let a = number(left), let b = number(right) {
      return try numericOperation(op, a, b)
    }
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    if leftKind == .weakproxy || rightKind == .weakproxy {
      // `WRAP_BINARY` in weakrefobject.c: the operation on the referents.
      let a = leftKind == .weakproxy ? try liveProxyReferent(left) : retain(left)
      defer { drop(a) }
      let b = rightKind == .weakproxy ? try liveProxyReferent(right) : retain(right)
      defer { drop(b) }
      return try binaryOperation(op, a, b, inPlace: inPlace)
    }
    if leftKind == .set || leftKind == .frozenset, rightKind == .set || rightKind == .frozenset,
      [.bitOr, .bitAnd, .subtract, .bitXor].contains(op)
    {
      return try setOperation(op, left, right, inPlace: inPlace && leftKind == .set)
    }
    if leftKind == .dictView || rightKind == .dictView, let result = try dictViewOperation(op, left, right) {
      return result
    }
    switch (op, leftKind, rightKind) {
    case (.add, .str, .str):
      return heap.newStr(concatenating: left, right)
    case (.add, .bytes, .bytes):
      // `bytes_concat`: an empty operand gives the other one itself.
      if heap.bytesValue(left).isEmpty { return retain(right) }
      if heap.bytesValue(right).isEmpty { return retain(left) }
      return heap.newBytes(heap.bytesValue(left) + heap.bytesValue(right))
    case (.add, .list, .list):
      if inPlace {
        try listExtend(left, right)
        return retain(left)
      }
      let items = heap.items(left) + heap.items(right)
      for item in items { heap.incref(item) }
      return heap.newList(items)
    case (.add, .list, _) where inPlace:
      try listExtend(left, right)
      return retain(left)
    case (.add, .bytes, .bytearray):
      // `bytes_concat` of any buffer: bytes; an empty right operand gives
      // the exact bytes on the left itself.
      if heap.bytesValue(right).isEmpty { return retain(left) }
      return heap.newBytes(heap.bytesValue(left) + heap.bytesValue(right))
    case (.add, .bytearray, .bytes), (.add, .bytearray, .bytearray):
      // `bytearray_iconcat` grows the bytearray itself (PyByteArray_Resize
      // with over-allocation); `bytearray_concat` makes a new one.
      if inPlace {
        heap.byteArrayAppend(left, heap.bytesValue(right))
        return retain(left)
      }
      return heap.newByteArray(heap.bytesValue(left) + heap.bytesValue(right))
    case (.add, .tuple, .tuple):
      // `tupleconcat`: an empty operand gives the other one itself.
      if heap.itemCount(right) == 0 { return retain(left) }
      if heap.itemCount(left) == 0 { return retain(right) }
      let items = heap.items(left) + heap.items(right)
      for item in items { heap.incref(item) }
      return heap.newTuple(items)
    case (.multiply, .str, .int), (.multiply, .int, .str):
      let (text, count) = leftKind == .str ? (left, right) : (right, left)
      let times = try repeatCount(
        count, length: heap.str(text).length, tooLong: "repeated string is too long")
      // `unicode_repeat`: once is the str itself.
      if times == 1 { return retain(text) }
      return heap.newStr(String(repeating: heap.string(text), count: times))
    case (.multiply, .bytes, .int), (.multiply, .int, .bytes):
      let (value, count) = leftKind == .bytes ? (left, right) : (right, left)
      let times = try repeatCount(
        count, length: heap.bytesValue(value).count, tooLong: "repeated bytes are too long")
      // `bytes_repeat`: a result as long as the operand is the operand
      // itself; any other is a new object, even an empty one.
      let bytes = heap.bytesValue(value)
      if bytes.count * times == bytes.count { return retain(value) }
      var repeated: [UInt8] = []
      repeated.reserveCapacity(bytes.count * times)
      for _ in 0..<times { repeated.append(contentsOf: bytes) }
      return heap.newBytes(repeated, fresh: true)
    case (.multiply, .bytearray, .int), (.multiply, .int, .bytearray):
      let (value, count) = leftKind == .bytearray ? (left, right) : (right, left)
      let bytes = heap.bytesValue(value)
      let times = try repeatCount(count, length: bytes.count, tooLong: nil)
      var repeated: [UInt8] = []
      repeated.reserveCapacity(bytes.count * times)
      for _ in 0..<times { repeated.append(contentsOf: bytes) }
      // `bytearray_irepeat` resizes the bytearray itself (one
      // `PyByteArray_Resize`); `bytearray_repeat` makes a new one.
      if inPlace && leftKind == .bytearray {
        if repeated.count != bytes.count { heap.byteArraySetContents(left, repeated) }
        return retain(left)
      }
      return heap.newByteArray(repeated)
    case (.multiply, .list, .int) where inPlace:
      // `list_inplace_repeat`: the list itself, cleared for n ≤ 0.
      let times = try repeatCount(right, length: heap.itemCount(left), tooLong: nil, itemBytes: 8)
      if times == 0, heap.itemCount(left) > 0 {
        let items = heap.items(left)
        heap.listReplaceAll(left, with: [], clearing: true)
        for item in items { drop(item) }
      } else if times > 1 {
        heap.listRepeatInPlace(left, times: times)
      }
      return retain(left)
    case (.multiply, .list, .int), (.multiply, .int, .list), (.multiply, .tuple, .int),
      (.multiply, .int, .tuple):
      let (sequence, count) = (leftKind == .list || leftKind == .tuple) ? (left, right) : (right, left)
      let times = try repeatCount(count, length: heap.itemCount(sequence), tooLong: nil, itemBytes: 8)
      // `tuple_repeat`: once, or an empty tuple, is the tuple itself.
      if heap.kind(of: sequence) == .tuple, times == 1 || heap.itemCount(sequence) == 0 {
        return retain(sequence)
      }
      var items: [ObjectID] = []
      for _ in 0..<times { items.append(contentsOf: heap.items(sequence)) }
      for item in items { heap.incref(item) }
      return heap.kind(of: sequence) == .list ? heap.newList(items) : heap.newTuple(items)
    case (.modulo, .str, _), (.modulo, .bytes, _), (.modulo, .bytearray, _):
      return try percentFormat(left, right)
    case (.bitOr, .dict, _) where version >= .py39 && inPlace:
      // `dict_ior`: the dict itself, updated from any mapping or iterable
      // of pairs (`d | x` takes only a dict).
      try dictUpdate(left, right)
      return retain(left)
    case (.bitOr, .dict, .dict) where version >= .py39:
      let result = heap.newDict()
      try dictUpdate(result, left)
      try dictUpdate(result, right)
      return result
    default:
      throw raise(.typeError, try binaryOperationError(op, left, right, inPlace: inPlace))
    }
  }

  /// How many times `sequence * count` repeats a sequence of `length`
  /// items: a count past Py_ssize_t is an OverflowError before anything
  /// else (even for an empty sequence); a negative one is zero. A result
  /// longer than Py_ssize_t is `tooLong` (str, bytes) or a MemoryError
  /// (list, tuple); one past the model's `PyNumeric.maxModelledBytes` is
  /// a MemoryError, as CPython's malloc would fail.
  mutating func repeatCount(_ count: ObjectID, length: Int, tooLong: String?, itemBytes: Int = 1) throws
    -> Int
  {
    guard let value = heap.intValue(count) else {
      throw raise(.overflowError, "cannot fit 'int' into an index-sized integer")
    }
    // An empty sequence repeated is empty: zero rounds of work, not 2**62.
    let times = length == 0 ? 0 : max(0, value)
    guard times > 1 else { return times }
    if times > Int.max / length {
      if let tooLong { throw raise(.overflowError, tooLong) }
      throw raise(.memoryError, nil)
    }
    if length * times > PyNumeric.maxModelledBytes / itemBytes { throw raise(.memoryError, nil) }
    return times
  }

  /// Ints that fit in 64 bits, without BigInt: nil when an operand is not
  /// such an int, the result overflows, or the operation needs the general
  /// path (division by zero, powers, shifts, true division of large values).
  ///
  /// Two plain ints (not bools) under `+ - * // %` take the first branch:
  /// the values read from the columns once; with at most one 30-bit digit
  /// each (|v| < 2³⁰, the "medium" values of 3.11+) the result is made as
  /// `PyLong_FromLong` makes it (`Heap.newMachineInt`), which is the block
  /// every `IntOrigin` of one-digit operands gives; larger operands name
  /// their origin as the general branch does. Anything else (bools, an
  /// overflow, a zero or multi-digit divisor, other operators) goes on to
  /// the general branch.
  @inline(__always)
  mutating func smallIntOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID) -> ObjectID? {
    if let x = heap.smallIntPayload(left), let y = heap.smallIntPayload(right) {
      let oneDigit = x.magnitude | y.magnitude < 1 << 30
      switch op {
      case .add, .subtract:
        let (value, overflow) = op == .add ? x.addingReportingOverflow(y) : x.subtractingReportingOverflow(y)
        if oneDigit { return heap.newMachineInt(value) }
        if overflow { break }
        // `x_add` when a sum's signs agree or a difference's differ, else `x_sub`.
        let dx = ObjectLayouts.intDigits(of: x)
        let dy = ObjectLayouts.intDigits(of: y)
        return heap.newInt(
          value,
          origin: ((x >= 0) == (y >= 0)) == (op == .add)
            ? .magnitudeAdd(lhsDigits: dx, rhsDigits: dy) : .magnitudeSubtract(lhsDigits: dx, rhsDigits: dy))
      case .multiply:
        let (value, overflow) = x.multipliedReportingOverflow(by: y)
        if oneDigit { return heap.newMachineInt(value) }
        if overflow { break }
        return heap.newInt(
          value,
          origin: .multiply(
            lhsDigits: ObjectLayouts.intDigits(of: x), rhsDigits: ObjectLayouts.intDigits(of: y)))
      case .floorDivide, .modulo:
        // A one-digit divisor (`x % 2`, `x // 10`) of any 64-bit dividend
        // but Int.min (whose quotient by -1 overflows).
        guard y != 0, y.magnitude < 1 << 30, x != Int.min else { break }
        // Floor division: the remainder takes the divisor's sign.
        var quotient = x / y
        var remainder = x % y
        if remainder != 0 && (remainder < 0) != (y < 0) {
          quotient &-= 1
          remainder &+= y
        }
        let value = op == .floorDivide ? quotient : remainder
        if oneDigit { return heap.newMachineInt(value) }
        // `fast_floor_div`/`fast_mod` are for one-digit operands only: a
        // larger dividend takes `l_divmod`'s block (the dividend's digits).
        return heap.newInt(
          value, origin: .floorDivide(lhsDigits: ObjectLayouts.intDigits(of: x), rhsDigits: 1))
      default: break
      }
    }
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    guard leftKind == .int || leftKind == .bool, rightKind == .int || rightKind == .bool else { return nil }
    return generalSmallIntOperation(op, left, right)
  }

  /// `smallIntOperation` past its one-digit fast path.
  @inline(never)
  mutating func generalSmallIntOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID)
    -> ObjectID?
  {
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    guard leftKind == .int || leftKind == .bool, rightKind == .int || rightKind == .bool,
      let x = heap.intValue(left), let y = heap.intValue(right)
    else { return nil }
    if leftKind == .bool && rightKind == .bool && (op == .bitAnd || op == .bitOr || op == .bitXor) {
      // bool's own &, |, ^ give bools.
      return heap.newBool((op == .bitAnd ? x & y : (op == .bitOr ? x | y : x ^ y)) != 0)
    }
    let dx = ObjectLayouts.intDigits(of: x)
    let dy = ObjectLayouts.intDigits(of: y)
    let sameSign = (x >= 0) == (y >= 0)
    switch op {
    case .add:
      let (value, overflow) = x.addingReportingOverflow(y)
      if overflow { return nil }
      return heap.newInt(
        value,
        origin: sameSign
          ? .magnitudeAdd(lhsDigits: dx, rhsDigits: dy) : .magnitudeSubtract(lhsDigits: dx, rhsDigits: dy))
    case .subtract:
      let (value, overflow) = x.subtractingReportingOverflow(y)
      if overflow { return nil }
      return heap.newInt(
        value,
        origin: sameSign
          ? .magnitudeSubtract(lhsDigits: dx, rhsDigits: dy) : .magnitudeAdd(lhsDigits: dx, rhsDigits: dy))
    case .multiply:
      let (value, overflow) = x.multipliedReportingOverflow(by: y)
      if overflow { return nil }
      return heap.newInt(value, origin: .multiply(lhsDigits: dx, rhsDigits: dy))
    case .floorDivide, .modulo:
      guard y != 0, !(x == Int.min && y == -1) else { return nil }
      var quotient = x / y
      var remainder = x % y
      if remainder != 0 && ((remainder < 0) != (y < 0)) {
        quotient -= 1
        remainder += y
      }
      return heap.newInt(
        op == .floorDivide ? quotient : remainder, origin: .floorDivide(lhsDigits: dx, rhsDigits: dy))
    case .trueDivide:
      let limit = 1 << 53
      guard y != 0, x.magnitude < limit, y.magnitude < limit else { return nil }
      return heap.newFloat(Double(x) / Double(y))
    case .bitAnd: return heap.newInt(x & y)
    case .bitOr: return heap.newInt(x | y)
    case .bitXor: return heap.newInt(x ^ y)
    case .rightShift:
      guard y >= 0 else { return nil }
      return heap.newInt(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
    default:
      return nil
    }
  }

  mutating func numericOperation(_ op: BinaryOperator, _ a: Number, _ b: Number) throws -> ObjectID {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      return try intOperation(op, x, y)
    default:
      return try floatArithmetic(op, try toDouble(a), try toDouble(b), numberTypeName(a), numberTypeName(b))
    }
  }

  /// `float_add`, `float_sub`, `float_mul` of two floats, or of a float
  /// and a plain 64-bit int (converted as `PyLong_AsDouble` converts it,
  /// to the nearest double, as `floatOperation` does), the doubles read
  /// once and the result built at once; nil for anything else (the general
  /// paths then decide, as before).
  @inline(__always)
  mutating func floatPairOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID) -> ObjectID? {
    let x: Double
    let y: Double
    if heap.kind(of: left) == .float {
      x = heap.floatValue(left)
      if heap.kind(of: right) == .float {
        y = heap.floatValue(right)
      } else if let value = heap.smallIntPayload(right) {
        y = Double(value)
      } else {
        return nil
      }
    } else if heap.kind(of: right) == .float, let value = heap.smallIntPayload(left) {
      x = Double(value)
      y = heap.floatValue(right)
    } else {
      return nil
    }
    switch op {
    case .add: return heap.newFloat(x + y)
    case .subtract: return heap.newFloat(x - y)
    case .multiply: return heap.newFloat(x * y)
    case .trueDivide where y != 0: return heap.newFloat(x / y)
    default: return nil
    }
  }

  /// A float with a float or a 64-bit int, without BigInt: nil when neither
  /// operand is a float or the other is not such a number.
  mutating func floatOperation(_ op: BinaryOperator, _ left: ObjectID, _ right: ObjectID) throws -> ObjectID?
  {
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    guard leftKind == .float || rightKind == .float else { return nil }
    func double(_ id: ObjectID, _ kind: ObjectKind) -> Double? {
      switch kind {
      case .float: return heap.floatValue(id)
      case .int, .bool: return heap.intValue(id).map(Double.init)
      default: return nil
      }
    }
    guard let x = double(left, leftKind), let y = double(right, rightKind) else { return nil }
    return try floatArithmetic(
      op, x, y, leftKind == .float ? "float" : "int", rightKind == .float ? "float" : "int")
  }

  /// `float_add`, `float_sub`… on two doubles, naming the operand types in errors.
  private mutating func floatArithmetic(
    _ op: BinaryOperator, _ x: Double, _ y: Double, _ leftName: String, _ rightName: String
  ) throws -> ObjectID {
    do {
      switch op {
      case .add: return heap.newFloat(x + y)
      case .subtract: return heap.newFloat(x - y)
      case .multiply: return heap.newFloat(x * y)
      case .trueDivide: return heap.newFloat(try PyNumeric.trueDivide(x, y))
      case .floorDivide: return heap.newFloat(try PyNumeric.floorDivide(x, y, version: version))
      case .modulo: return heap.newFloat(try PyNumeric.remainder(x, y, version: version))
      case .power: return heap.newFloat(try PyNumeric.power(x, y))
      default:
        throw raise(
          .typeError, "unsupported operand type(s) for \(op.rawValue): '\(leftName)' and '\(rightName)'")
      }
    } catch let error as FormattingError {
      throw raise(formatting: error)
    }
  }

  func numberTypeName(_ n: Number) -> String {
    if case .float = n { return "float" }
    return "int"
  }

  mutating func toDouble(_ n: Number) throws -> Double {
    switch n {
    case .float(let x): return x
    case .int(let i):
      do { return try PyNumeric.toDouble(i) } catch {
        throw raise(.overflowError, "int too large to convert to float")
      }
    }
  }

  mutating func intOperation(_ op: BinaryOperator, _ x: BigInt, _ y: BigInt) throws -> ObjectID {
    let dx = digits(x)
    let dy = digits(y)
    do {
      switch op {
      case .add:
        let origin: ObjectLayouts.IntOrigin =
          (x.sign == y.sign)
          ? .magnitudeAdd(lhsDigits: dx, rhsDigits: dy) : .magnitudeSubtract(lhsDigits: dx, rhsDigits: dy)
        return heap.newInt(big: x + y, origin: origin)
      case .subtract:
        let origin: ObjectLayouts.IntOrigin =
          (x.sign == y.sign)
          ? .magnitudeSubtract(lhsDigits: dx, rhsDigits: dy) : .magnitudeAdd(lhsDigits: dx, rhsDigits: dy)
        return heap.newInt(big: x - y, origin: origin)
      case .multiply:
        return heap.newInt(big: x * y, origin: .multiply(lhsDigits: dx, rhsDigits: dy))
      case .trueDivide:
        return heap.newFloat(try PyNumeric.trueDivide(x, y))
      case .floorDivide:
        if y == 0 { throw raise(.zeroDivisionError, "integer division or modulo by zero") }
        return heap.newInt(
          big: try PyNumeric.floorDivide(x, y), origin: .floorDivide(lhsDigits: dx, rhsDigits: dy))
      case .modulo:
        if y == 0 {
          throw raise(
            .zeroDivisionError,
            version >= .py311 ? "integer modulo by zero" : "integer division or modulo by zero")
        }
        return heap.newInt(
          big: try PyNumeric.remainder(x, y, version: version),
          origin: .floorDivide(lhsDigits: dx, rhsDigits: dy))
      case .power:
        if y < 0 {
          return heap.newFloat(try PyNumeric.power(try PyNumeric.toDouble(x), try PyNumeric.toDouble(y)))
        }
        return heap.newInt(big: try PyNumeric.power(x, y))
      case .leftShift:
        if y < 0 { throw raise(.valueError, "negative shift count") }
        let shifted = try PyNumeric.leftShift(x, y)
        // A zero shifted any distance is zero; every other shift fitted in Int.
        return heap.newInt(big: shifted, origin: .leftShift(lhsDigits: dx, bits: Int(exactly: y) ?? 0))
      case .rightShift:
        if y < 0 { throw raise(.valueError, "negative shift count") }
        return heap.newInt(big: PyNumeric.rightShift(x, y))
      case .bitAnd: return heap.newInt(big: x & y)
      case .bitOr: return heap.newInt(big: x | y)
      case .bitXor: return heap.newInt(big: x ^ y)
      case .matrixMultiply:
        throw raise(.typeError, "unsupported operand type(s) for @: 'int' and 'int'")
      }
    } catch let error as FormattingError {
      throw raise(formatting: error)
    }
  }

  mutating func unaryOperation(_ op: Opcode, _ operand: ObjectID) throws -> ObjectID {
    switch (op, number(operand)) {
    case (.unaryNegative, .int(let x)?): return heap.newInt(big: -x, origin: .negate(digits: digits(x)))
    case (.unaryNegative, .float(let x)?): return heap.newFloat(-x)
    case (.unaryPositive, .int(let x)?):
      if heap.kind(of: operand) == .int { return retain(operand) }
      return heap.newInt(big: x)
    case (.unaryPositive, .float?): return retain(operand)
    case (.unaryInvert, .int(let x)?): return heap.newInt(big: ~x)
    default:
      let symbol = op == .unaryNegative ? "-" : (op == .unaryPositive ? "+" : "~")
      throw raise(.typeError, "bad operand type for unary \(symbol): '\(try typeName(of: operand))'")
    }
  }

  // MARK: Truth and comparison

  mutating func isTrue(_ object: ObjectID) throws -> Bool {
    // The two bools first: every comparison's result comes here.
    if object == heap.trueObject { return true }
    if object == heap.falseObject { return false }
    switch heap.kind(of: object) {
    // An int too large for 64 bits is never zero.
    case .int: return heap.smallIntPayload(object).map { $0 != 0 } ?? true
    case .bool: return heap.intValue(object) != 0
    case .none: return false
    case .float: return heap.floatValue(object) != 0
    case .str: return heap.str(object).length != 0
    case .bytes, .bytearray: return !heap.bytesValue(object).isEmpty
    case .list, .tuple: return heap.itemCount(object) > 0
    case .dict: return heap.dictCount(object) > 0
    case .set, .frozenset: return heap.setCount(object) > 0
    case .range: return try length(of: object) > 0
    case .instance, .slotsInstance:
      let cls = heap.type(of: object)
      if let method = try lookupType(cls, "__bool__") {
        let result = try callObject(method, [object])
        defer { drop(result) }
        return result == heap.trueObject
      }
      if let method = try lookupType(cls, "__len__") {
        let result = try callObject(method, [object])
        defer { drop(result) }
        return heap.bigIntValue(result) != 0
      }
      return true
    case .weakproxy:
      // `proxy_bool`: the referent's truth; a dead proxy raises.
      let referent = try liveProxyReferent(object)
      defer { drop(referent) }
      return try isTrue(referent)
    default: return true
    }
  }

  mutating func richCompare(_ left: ObjectID, _ right: ObjectID, _ op: ComparisonOperator) throws -> ObjectID
  {
    if heap.kind(of: left) == .weakproxy || heap.kind(of: right) == .weakproxy {
      // `proxy_richcompare`: both sides unwrapped (a dead one raises).
      let a = heap.kind(of: left) == .weakproxy ? try liveProxyReferent(left) : retain(left)
      defer { drop(a) }
      let b = heap.kind(of: right) == .weakproxy ? try liveProxyReferent(right) : retain(right)
      defer { drop(b) }
      return try richCompare(a, b, op)
    }
    if let result = compareScalars(left, right, op) { return heap.newBool(result) }
    if heap.kind(of: left) == .weakref, let result = try weakrefRichCompare(left, right, op) { return result }
    if let result = try compareBuiltin(left, right, op) { return heap.newBool(result) }
    // User-defined comparison methods, reflected if NotImplemented.
    let (name, reflected) =
      switch op {
      case .equal: ("__eq__", "__eq__")
      case .notEqual: ("__ne__", "__ne__")
      case .less: ("__lt__", "__gt__")
      case .lessEqual: ("__le__", "__ge__")
      case .greater: ("__gt__", "__lt__")
      case .greaterEqual: ("__ge__", "__le__")
      default: ("", "")
      }
    for (receiver, argument, method) in [(left, right, name), (right, left, reflected)] {
      let kind = heap.kind(of: receiver)
      guard kind == .instance || kind == .slotsInstance else { continue }
      if let function = try lookupType(heap.type(of: receiver), method) {
        let result = try callObject(function, [receiver, argument])
        if result != heap.notImplemented { return result }
        drop(result)
      } else if op == .notEqual, let function = try lookupType(heap.type(of: receiver), "__eq__") {
        let result = try callObject(function, [receiver, argument])
        if result != heap.notImplemented {
          let truth = try isTrue(result)
          drop(result)
          return heap.newBool(!truth)
        }
        drop(result)
      }
    }
    switch op {
    case .equal: return heap.newBool(left == right)
    case .notEqual: return heap.newBool(left != right)
    default:
      throw raise(
        .typeError,
        "'\(op.rawValue)' not supported between instances of '\(try typeName(of: left))' and '\(try typeName(of: right))'"
      )
    }
  }

  /// `x op y` for one of the six rich comparisons (nil for the others).
  @inline(__always)
  static func compare<T: Comparable>(_ x: T, _ y: T, _ op: ComparisonOperator) -> Bool? {
    switch op {
    case .less: return x < y
    case .lessEqual: return x <= y
    case .greater: return x > y
    case .greaterEqual: return x >= y
    case .equal: return x == y
    case .notEqual: return x != y
    default: return nil
    }
  }

  /// Two floats, or two ints that fit in 64 bits, compared without the
  /// general machinery; nil for any other pair.
  @inline(__always)
  func compareScalars(_ left: ObjectID, _ right: ObjectID, _ op: ComparisonOperator) -> Bool? {
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    if leftKind == .float && rightKind == .float {
      return Self.compare(heap.floatValue(left), heap.floatValue(right), op)
    }
    if let x = heap.smallIntPayload(left), let y = heap.smallIntPayload(right) {
      return Self.compare(x, y, op)
    }
    return nil
  }

  /// Comparison of builtin values; nil when a user method must decide.
  mutating func compareBuiltin(_ left: ObjectID, _ right: ObjectID, _ op: ComparisonOperator) throws -> Bool?
  {
    func ordered<T: Comparable>(_ a: T, _ b: T) -> Bool {
      switch op {
      case .equal: return a == b
      case .notEqual: return a != b
      case .less: return a < b
      case .lessEqual: return a <= b
      case .greater: return a > b
      case .greaterEqual: return a >= b
      default: return false
      }
    }
    let leftKind = heap.kind(of: left)
    let rightKind = heap.kind(of: right)
    if leftKind == .int, rightKind == .int, let x = heap.intValue(left), let y = heap.intValue(right) {
      return ordered(x, y)
    }
    if leftKind == .float, rightKind == .float {
      return ordered(heap.floatValue(left), heap.floatValue(right))
    }
    if leftKind == .str, rightKind == .str {
      if op == .equal || op == .notEqual { return heap.strEquals(left, right) == (op == .equal) }
      return ordered(heap.withStrBytes(left, right) { CodePoints.order($0, $1) }, 0)
    }
    if let a = number(left), let b = number(right) {
      switch (a, b) {
      case (.int(let x), .int(let y)): return ordered(x, y)
      case (.float(let x), .float(let y)): return ordered(x, y)
      case (.int(let x), .float(let y)): return compareMixed(x, y, op, swapped: false)
      case (.float(let x), .int(let y)): return compareMixed(y, x, op, swapped: true)
      }
    }
    if leftKind == .dictView || rightKind == .dictView, let result = try dictViewCompare(left, right, op) {
      return result
    }
    switch (leftKind, rightKind) {
    case (.bytes, .bytes), (.bytearray, .bytearray), (.bytes, .bytearray), (.bytearray, .bytes):
      return ordered(lexicographic(heap.bytesValue(left), heap.bytesValue(right)), 0)
    case (.none, .none):
      if op == .equal || op == .notEqual { return (op == .equal) }
      return nil
    case (.list, .list), (.tuple, .tuple):
      try enterNestedComparison()
      defer { comparisonDepth -= 1 }
      let a = heap.items(left)
      let b = heap.items(right)
      if (op == .equal || op == .notEqual) && a.count != b.count { return op == .notEqual }
      for index in 0..<min(a.count, b.count) where try !equals(a[index], b[index]) {
        if op == .equal { return false }
        if op == .notEqual { return true }
        let result = try richCompare(a[index], b[index], op)
        defer { drop(result) }
        return try isTrue(result)
      }
      return ordered(a.count, b.count)
    case (.boundMethod, .boundMethod):
      guard op == .equal || op == .notEqual else { return nil }
      let a = heap.fieldsPayload(left).refs
      let b = heap.fieldsPayload(right).refs
      return (a[0] == b[0] && a[1] == b[1]) == (op == .equal)
    case (.dict, .dict):
      guard op == .equal || op == .notEqual else { return nil }
      try enterNestedComparison()
      defer { comparisonDepth -= 1 }
      var same = heap.dictCount(left) == heap.dictCount(right)
      if same {
        for entry in heap.dictEntries(left) {
          guard let other = try dictGet(right, key: entry.key), try equals(entry.value, other) else {
            same = false
            break
          }
        }
      }
      return same == (op == .equal)
    case (.set, .set), (.frozenset, .frozenset), (.set, .frozenset), (.frozenset, .set):
      let a = heap.setKeys(left)
      let b = heap.setKeys(right)
      var aInB = true
      for item in a where try setFind(right, item, hash: hash(item)) == nil { aInB = false }
      var bInA = true
      for item in b where try setFind(left, item, hash: hash(item)) == nil { bInA = false }
      switch op {
      case .equal: return aInB && bInA
      case .notEqual: return !(aInB && bInA)
      case .lessEqual: return aInB
      case .less: return aInB && !bInA
      case .greaterEqual: return bInA
      case .greater: return bInA && !aInB
      default: return nil
      }
    default:
      if leftKind == .instance || leftKind == .slotsInstance || rightKind == .instance
        || rightKind == .slotsInstance
      {
        return nil
      }
      if op == .equal { return left == right }
      if op == .notEqual { return left != right }
      return nil
    }
  }

  /// −1, 0 or 1 as `a` sorts before, with or after `b`.
  func lexicographic<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
    for index in 0..<min(a.count, b.count) where a[index] != b[index] {
      return a[index] < b[index] ? -1 : 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }

  private func compareMixed(_ i: BigInt, _ x: Double, _ op: ComparisonOperator, swapped: Bool) -> Bool {
    if x.isNaN { return op == .notEqual }
    let order: Int
    if x.isInfinite {
      order = x > 0 ? -1 : 1
    } else {
      let floored = x.rounded(.down)
      let integral = BigInt(exactly: floored) ?? 0
      if i < integral {
        order = -1
      } else if i > integral {
        order = 1
      } else {
        order = floored == x ? 0 : -1
      }
    }
    let signed = swapped ? -order : order
    switch op {
    case .equal: return signed == 0
    case .notEqual: return signed != 0
    case .less: return signed < 0
    case .lessEqual: return signed <= 0
    case .greater: return signed > 0
    case .greaterEqual: return signed >= 0
    default: return false
    }
  }

  mutating func contains(_ container: ObjectID, _ item: ObjectID) throws -> Bool {
    switch heap.kind(of: container) {
    case .weakproxy:
      let referent = try liveProxyReferent(container)
      defer { drop(referent) }
      return try contains(referent, item)
    case .list, .tuple:
      for element in heap.items(container) where try equals(element, item) { return true }
      return false
    case .dict:
      return try dictGet(container, key: item) != nil
    case .set, .frozenset:
      return try setFind(container, item, hash: hash(item)) != nil
    case .bytes, .bytearray:
      // `_Py_bytes_contains`: an int is one byte (in range(256)); anything
      // else must be bytes-like and is searched for as a substring.
      let haystack = heap.bytesValue(container)
      switch heap.kind(of: item) {
      case .int, .bool:
        guard let byte = heap.intValue(item), (0...255).contains(byte) else {
          throw raise(.valueError, "byte must be in range(0, 256)")
        }
        return haystack.contains(UInt8(byte))
      case .bytes, .bytearray:
        let needle = heap.bytesValue(item)
        if needle.isEmpty { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
          return true
        }
        return false
      default:
        throw raise(.typeError, "a bytes-like object is required, not '\(try typeName(of: item))'")
      }
    case .str:
      guard heap.kind(of: item) == .str else {
        throw raise(
          .typeError, "'in <string>' requires string as left operand, not \(try typeName(of: item))")
      }
      return heap.withStrBytes(container, item) { CodePoints.firstByteOffset(of: $1, in: $0, from: 0) != nil }
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: container), "__contains__") {
        let result = try callObject(method, [container, item])
        defer { drop(result) }
        return try isTrue(result)
      }
      fallthrough
    default:
      let iterator = try getIterator(container, forContainment: true)
      defer { drop(iterator) }
      while let element = try nextItem(iterator) {
        defer { drop(element) }
        if try equals(element, item) { return true }
      }
      return false
    }
  }

  // MARK: Subscripts

  mutating func normalizedIndex(_ index: ObjectID, count: Int, typeName: String) throws -> Int {
    guard heap.kind(of: index) == .int || heap.kind(of: index) == .bool, let value = heap.intValue(index)
    else {
      let indexType = (try? self.typeName(of: index)) ?? "?"
      switch typeName {
      case "string":  // unicode_subscript: no "or slices"; 3.11+ name the type
        throw raise(
          .typeError, "string indices must be integers" + (version >= .py311 ? ", not '\(indexType)'" : ""))
      case "index":  // bytes_subscript
        throw raise(.typeError, "byte indices must be integers or slices, not \(indexType)")
      default:
        throw raise(.typeError, "\(typeName) indices must be integers or slices, not \(indexType)")
      }
    }
    let position = value < 0 ? value + count : value
    guard position >= 0, position < count else {
      throw raise(.indexError, typeName == "index" ? "index out of range" : "\(typeName) index out of range")
    }
    return position
  }

  /// The positions of a slice applied to `count` items.
  mutating func sliceIndices(_ slice: ObjectID, count: Int) throws -> [Int] {
    let (start, stop, step) = try sliceBounds(slice, count: count)
    var indices: [Int] = []
    var i = start
    while step > 0 ? i < stop : i > stop {
      indices.append(i)
      i += step
    }
    return indices
  }

  /// The start, stop and step of a slice applied to `count` items, clamped
  /// as `slice.indices(count)` clamps them.
  mutating func sliceBounds(_ slice: ObjectID, count: Int) throws -> (start: Int, stop: Int, step: Int) {
    let refs = heap.fieldsPayload(slice).refs
    // Each bound: .some(nil) for None, nil when not an integer.
    let bounds: [Int??] = refs.map { ref in
      if ref == heap.none { return .some(nil) }
      let kind = heap.kind(of: ref)
      guard kind == .int || kind == .bool, let value = heap.intValue(ref) else { return nil }
      return .some(value)
    }
    if bounds.contains(where: { $0 == nil }) {
      throw raise(.typeError, "slice indices must be integers or None or have an __index__ method")
    }
    func checked(_ index: Int) -> Int? { bounds[index] ?? nil }
    let step = checked(2) ?? 1
    if step == 0 { throw raise(.valueError, "slice step cannot be zero") }
    func clamp(_ v: Int?, _ defaultValue: Int) -> Int {
      guard var v else { return defaultValue }
      if v < 0 { v += count }
      if step > 0 { return min(max(v, 0), count) }
      return min(max(v, -1), count - 1)
    }
    return (clamp(checked(0), step > 0 ? 0 : count - 1), clamp(checked(1), step > 0 ? count : -1), step)
  }

  mutating func newSlice(_ lower: ObjectID, _ upper: ObjectID, _ step: ObjectID) -> ObjectID {
    heap.newFieldsObject(
      kind: .slice, type: .slice, refs: [lower, upper, step], size: heap.layouts.fixedBlockSize(.slice)!,
      tracked: false)
  }

  mutating func getItem(_ container: ObjectID, _ index: ObjectID) throws -> ObjectID {
    let kind = heap.kind(of: container)
    switch kind {
    case .weakproxy:
      let referent = try liveProxyReferent(container)
      defer { drop(referent) }
      return try getItem(referent, index)
    case .list, .tuple:
      let name = kind == .list ? "list" : "tuple"
      if heap.kind(of: index) == .slice {
        let count = heap.itemCount(container)
        let positions = try sliceIndices(index, count: count)
        // `tuplesubscript`: a whole-tuple slice with step 1 is the tuple.
        if kind == .tuple, isWholeSlice(index, positions, count: count) { return retain(container) }
        let items = positions.map { heap.item(container, $0) }
        for item in items { heap.incref(item) }
        return kind == .list ? heap.newList(items) : heap.newTuple(items)
      }
      let position = try normalizedIndex(index, count: heap.itemCount(container), typeName: name)
      return retain(heap.item(container, position))
    case .str:
      if heap.str(container).isASCII { return try asciiSubscript(container, index) }
      let scalars = Array(heap.string(container).unicodeScalars)
      if heap.kind(of: index) == .slice {
        let positions = try sliceIndices(index, count: scalars.count)
        if isWholeSlice(index, positions, count: scalars.count) { return retain(container) }
        var text = String.UnicodeScalarView()
        for i in positions { text.append(scalars[i]) }
        return heap.newStr(String(text))
      }
      let position = try normalizedIndex(index, count: scalars.count, typeName: "string")
      return heap.newStr(String(scalars[position]))
    case .bytes, .bytearray:
      let bytes = heap.bytesValue(container)
      if heap.kind(of: index) == .slice {
        let positions = try sliceIndices(index, count: bytes.count)
        // `bytes_subscript`: a whole-bytes slice with step 1 is the bytes.
        if kind == .bytes, isWholeSlice(index, positions, count: bytes.count) { return retain(container) }
        let picked = positions.map { bytes[$0] }
        return kind == .bytes ? heap.newBytes(picked) : heap.newByteArray(picked)
      }
      let position = try normalizedIndex(
        index, count: bytes.count, typeName: kind == .bytes ? "index" : "bytearray")
      return heap.newInt(Int(bytes[position]))
    case .dict:
      if let value = try dictGet(container, key: index) { return retain(value) }
      throw raiseKeyError(index)
    case .range:
      let values = rangeValues(container)
      let count = rangeLength(values)
      if heap.kind(of: index) == .slice {
        // compute_slice: the slice's positions mapped through the range.
        let (start, stop, step) = try sliceBounds(index, count: count)
        return newRange(
          start: values.start + start * values.step, stop: values.start + stop * values.step,
          step: values.step * step)
      }
      let position = try normalizedIndex(index, count: count, typeName: "range object")
      return heap.newInt(values.start + position * values.step, origin: .machineInt)
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: container), "__getitem__") {
        return try callObject(method, [container, index])
      }
    default:
      try refuseClassDict(container)
    }
    throw raise(.typeError, "'\(try typeName(of: container))' object is not subscriptable")
  }

  /// Whether a slice's positions are all of `count` items in order with
  /// step 1 (`start == 0 && step == 1 && slicelength == len`), for which
  /// immutable sequences return themselves.
  func isWholeSlice(_ slice: ObjectID, _ positions: [Int], count: Int) -> Bool {
    guard positions.count == count else { return false }
    let step = heap.fieldsPayload(slice).refs[2]
    return step == heap.none || heap.intValue(step) == 1
  }

  /// `unicode_subscript` on an ASCII str: positions are UTF-8 offsets, so
  /// the text is cut without decoding it (results as the general path).
  private mutating func asciiSubscript(_ container: ObjectID, _ index: ObjectID) throws -> ObjectID {
    let count = heap.str(container).length
    if heap.kind(of: index) == .slice {
      // Step 1 (the common slice) without a list of positions: Interpreter+Slices.swift.
      if let piece = asciiStepOneSlice(container, index, count: count) { return piece }
      let positions = try sliceIndices(index, count: count)
      if isWholeSlice(index, positions, count: count) { return retain(container) }
      if let first = positions.first, positions.last! - first == positions.count - 1 {
        return heap.newStr(slicing: container, bytes: first..<first + positions.count)
      }
      let piece = heap.withStrBytes(container) { utf8 in positions.map { utf8[$0] } }
      return piece.withUnsafeBufferPointer { heap.newStr(utf8: $0, shape: .ascii($0.count)) }
    }
    let position = try normalizedIndex(index, count: count, typeName: "string")
    return heap.newStr(slicing: container, bytes: position..<position + 1)
  }

  mutating func setItem(_ container: ObjectID, _ index: ObjectID, _ value: ObjectID) throws {
    switch heap.kind(of: container) {
    case .weakproxy:
      let referent = try liveProxyReferent(container)
      defer { drop(referent) }
      try setItem(referent, index, value)
    case .list:
      if heap.kind(of: index) == .slice {
        let replacement = try collect(value)
        let positions = try sliceIndices(index, count: heap.itemCount(container))
        var items = heap.items(container)
        let removed: [ObjectID]
        if let first = positions.first, positions == Array(first..<(first + positions.count)) {
          removed = Array(items[first..<(first + positions.count)])
          items.replaceSubrange(first..<(first + positions.count), with: replacement)
        } else if positions.isEmpty {
          let refs = heap.fieldsPayload(index).refs
          var start = heap.intValue(refs[0]) ?? 0
          if start < 0 { start = max(0, start + items.count) }
          start = min(start, items.count)
          removed = []
          items.insert(contentsOf: replacement, at: start)
        } else {
          guard positions.count == replacement.count else {
            for item in replacement { drop(item) }
            throw raise(
              .valueError,
              "attempt to assign sequence of size \(replacement.count) to extended slice of size \(positions.count)"
            )
          }
          removed = positions.map { items[$0] }
          for (offset, position) in positions.enumerated() { items[position] = replacement[offset] }
        }
        heap.listReplaceAll(container, with: items, clearing: true)
        for item in removed { drop(item) }
        return
      }
      let position = try normalizedIndex(index, count: heap.itemCount(container), typeName: "list assignment")
      heap.incref(value)
      drop(heap.listSetItem(container, position, value))
    case .dict:
      try dictSet(container, key: index, value: value)
    case .bytearray:
      try byteArraySetItem(container, index, value)
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: container), "__setitem__") {
        drop(try callObject(method, [container, index, value]))
        return
      }
      fallthrough
    default:
      throw raise(.typeError, "'\(try typeName(of: container))' object does not support item assignment")
    }
  }

  mutating func deleteItem(_ container: ObjectID, _ index: ObjectID) throws {
    switch heap.kind(of: container) {
    case .weakproxy:
      let referent = try liveProxyReferent(container)
      defer { drop(referent) }
      try deleteItem(referent, index)
    case .list:
      if heap.kind(of: index) == .slice {
        let positions = Set(try sliceIndices(index, count: heap.itemCount(container)))
        var kept: [ObjectID] = []
        var removed: [ObjectID] = []
        for (position, item) in heap.items(container).enumerated() {
          if positions.contains(position) { removed.append(item) } else { kept.append(item) }
        }
        // A step other than 1 shrinks with `list_resize`, which may keep a
        // one-slot array; a plain slice empties through `_list_clear`.
        let step = heap.fieldsPayload(index).refs[2]
        heap.listReplaceAll(container, with: kept, clearing: step == heap.none || heap.intValue(step) == 1)
        for item in removed { drop(item) }
        return
      }
      let position = try normalizedIndex(index, count: heap.itemCount(container), typeName: "list assignment")
      drop(heap.listRemove(container, at: position))
    case .dict:
      if try !dictDelete(container, key: index) { throw raiseKeyError(index) }
    case .bytearray:
      try byteArrayDeleteItem(container, index)
    case .instance, .slotsInstance:
      guard let method = try lookupType(heap.type(of: container), "__delitem__") else { fallthrough }
      drop(try callObject(method, [container, index]))
    default:
      throw raise(.typeError, "'\(try typeName(of: container))' object does not support item deletion")
    }
  }

  // MARK: Length

  mutating func length(of object: ObjectID) throws -> Int {
    switch heap.kind(of: object) {
    case .weakproxy:
      let referent = try liveProxyReferent(object)
      defer { drop(referent) }
      return try length(of: referent)
    case .list, .tuple: return heap.itemCount(object)
    case .str: return heap.str(object).length
    case .bytes, .bytearray: return heap.bytesValue(object).count
    case .dict: return heap.dictCount(object)
    case .dictView: return heap.dictCount(heap.fieldsPayload(object).refs[0])
    case .set, .frozenset: return heap.setCount(object)
    case .range: return rangeLength(rangeValues(object))
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: object), "__len__") {
        let result = try callObject(method, [object])
        defer { drop(result) }
        guard let value = heap.intValue(result) else {
          throw raise(.typeError, "'\(try typeName(of: result))' object cannot be interpreted as an integer")
        }
        if value < 0 { throw raise(.valueError, "__len__() should return >= 0") }
        return value
      }
      fallthrough
    default:
      try refuseClassDict(object)
      throw raise(.typeError, "object of type '\(try typeName(of: object))' has no len()")
    }
  }

  // MARK: Ranges

  func rangeValues(_ range: ObjectID) -> (start: Int, stop: Int, step: Int) {
    let refs = heap.fieldsPayload(range).refs
    return (heap.intValue(refs[0]) ?? 0, heap.intValue(refs[1]) ?? 0, heap.intValue(refs[2]) ?? 1)
  }

  func rangeLength(_ values: (start: Int, stop: Int, step: Int)) -> Int {
    if values.step > 0 {
      return values.start < values.stop ? (values.stop - values.start - 1) / values.step + 1 : 0
    }
    return values.start > values.stop ? (values.start - values.stop - 1) / (-values.step) + 1 : 0
  }

  // MARK: Iteration

  mutating func getIterator(_ iterable: ObjectID, forContainment: Bool = false) throws -> ObjectID {
    let kind = heap.kind(of: iterable)
    let layouts = heap.layouts
    switch kind {
    case .weakproxy:
      let referent = try liveProxyReferent(iterable)
      defer { drop(referent) }
      return try getIterator(referent, forContainment: forContainment)
    case .list:
      return heap.newFieldsObject(
        kind: .listIterator, type: .listIterator, refs: [retain(iterable)],
        size: layouts.fixedBlockSize(.listIterator)!)
    case .tuple:
      return heap.newFieldsObject(
        kind: .tupleIterator, type: .tupleIterator, refs: [retain(iterable)],
        size: layouts.fixedBlockSize(.tupleIterator)!)
    case .str:
      return heap.newFieldsObject(
        kind: .strIterator, type: .strIterator, refs: [retain(iterable)],
        size: layouts.fixedBlockSize(.strIterator)!)
    case .bytes, .bytearray:
      return heap.newFieldsObject(
        kind: .bytesIterator, type: .bytesIterator, refs: [retain(iterable)],
        size: layouts.fixedBlockSize(.bytesIterator)!)
    case .dict:
      return heap.newFieldsObject(
        kind: .dictIterator, type: .dictKeyIterator, refs: [retain(iterable)], extra: 0,
        size: layouts.fixedBlockSize(.dictIterator)!)
    case .set, .frozenset:
      // `extra` is `si_used`: the set's size when iteration began.
      return heap.newFieldsObject(
        kind: .setIterator, type: .setIterator, refs: [retain(iterable)], extra: heap.setCount(iterable),
        size: layouts.fixedBlockSize(.setIterator)!)
    case .range:
      let values = rangeValues(iterable)
      let iterator = heap.newFieldsObject(
        kind: .rangeIterator, type: .rangeIterator, refs: [], index: values.start, extra: rangeLength(values),
        size: layouts.fixedBlockSize(.rangeIterator)!, tracked: false)
      heap.withFields(iterator) { $0.step = values.step }
      return iterator
    case .dictView:
      let fields = heap.fieldsPayload(iterable)
      let type: BuiltinType =
        fields.extra == 0 ? .dictKeyIterator : (fields.extra == 1 ? .dictValueIterator : .dictItemIterator)
      return heap.newFieldsObject(
        kind: .dictIterator, type: type, refs: [retain(fields.refs[0])], extra: fields.extra,
        size: layouts.fixedBlockSize(.dictIterator)!)
    case .listIterator, .listReverseIterator, .tupleIterator, .strIterator, .bytesIterator, .dictIterator,
      .setIterator, .rangeIterator, .generator, .enumerate, .zip, .map, .filter:
      return retain(iterable)
    case .instance, .slotsInstance:
      if let method = try lookupType(heap.type(of: iterable), "__iter__") {
        return try callObject(method, [iterable])
      }
      if try lookupType(heap.type(of: iterable), "__getitem__") != nil {
        return heap.newFieldsObject(
          kind: .listIterator, type: .callIterator, refs: [retain(iterable)], extra: 1,
          size: layouts.fixedBlockSize(.listIterator)!)
      }
      fallthrough
    default:
      try refuseClassDict(iterable)
      if forContainment {  // PySequence_Contains rewords the error
        throw raise(.typeError, "argument of type '\(try typeName(of: iterable))' is not iterable")
      }
      throw raise(.typeError, "'\(try typeName(of: iterable))' object is not iterable")
    }
  }

  /// The next item of an iterator (owned), nil when exhausted.
  ///
  /// A generator is resumed from here, once per item when `sum()`,
  /// `list()` or `next()` drive one, so the other kinds' switch (whose
  /// cases need a large stack frame) is a separate function.
  mutating func nextItem(_ iterator: ObjectID) throws -> ObjectID? {
    if heap.kind(of: iterator) == .generator { return try resumeGenerator(iterator) }
    return try nextItemOfOtherKind(iterator)
  }

  /// `nextItem` for an iterator that is not a generator.
  @inline(never)
  private mutating func nextItemOfOtherKind(_ iterator: ObjectID) throws -> ObjectID? {
    let kind = heap.kind(of: iterator)
    switch kind {
    case .listIterator, .tupleIterator, .listReverseIterator:
      // A plain iterator with an item left, advanced in place.
      if let item = heap.nextSequenceItem(iterator, reversed: kind == .listReverseIterator) { return item }
      let fields = heap.fieldsPayload(iterator)
      guard let sequence = fields.refs.first, !sequence.isNull else { return nil }
      if fields.extra >= 2 { return nextWeakMappingItem(iterator) }
      if fields.extra == 1 {
        // Old-style iteration through __getitem__.
        let index = heap.newInt(fields.index)
        defer { drop(index) }
        do {
          let item = try getItem(sequence, index)
          heap.withFields(iterator) { $0.index += 1 }
          return item
        } catch is PythonRaise {
          if try exceptionMatches(pendingException, heap.typeObject(.indexError)) {
            clearPending()
            return nil
          }
          throw PythonRaise()
        }
      }
      let count = heap.itemCount(sequence)
      if kind == .listReverseIterator {
        let position = count - 1 - fields.index
        if position >= 0 && position < count {
          heap.withFields(iterator) { $0.index += 1 }
          return retain(heap.item(sequence, position))
        }
      } else if fields.index < count {
        heap.withFields(iterator) { $0.index += 1 }
        return retain(heap.item(sequence, fields.index))
      }
      heap.withFields(iterator) { $0.refs = [.null] }
      drop(sequence)
      return nil
    case .strIterator:
      let fields = heap.fieldsPayload(iterator)
      guard let text = fields.refs.first, !text.isNull else { return nil }
      if fields.index < heap.str(text).length, heap.str(text).isASCII {
        heap.withFields(iterator) { $0.index += 1 }
        return heap.newStr(slicing: text, bytes: fields.index..<fields.index + 1)
      }
      let scalars = heap.string(text).unicodeScalars
      if fields.index < heap.str(text).length {
        let scalar = scalars[scalars.index(scalars.startIndex, offsetBy: fields.index)]
        heap.withFields(iterator) { $0.index += 1 }
        return heap.newStr(String(scalar))
      }
      heap.withFields(iterator) { $0.refs = [.null] }
      drop(text)
      return nil
    case .bytesIterator:
      let fields = heap.fieldsPayload(iterator)
      guard let bytes = fields.refs.first, !bytes.isNull else { return nil }
      let value = heap.bytesValue(bytes)
      if fields.index < value.count {
        heap.withFields(iterator) { $0.index += 1 }
        return heap.newInt(Int(value[fields.index]))
      }
      heap.withFields(iterator) { $0.refs = [.null] }
      drop(bytes)
      return nil
    case .rangeIterator:
      return heap.nextRangeItem(iterator)
    case .dictIterator:
      let fields = heap.fieldsPayload(iterator)
      guard let dict = fields.refs.first, !dict.isNull else { return nil }
      guard let entry = heap.dictNextEntry(dict, from: fields.index) else {
        heap.withFields(iterator) { $0.refs = [.null] }
        drop(dict)
        return nil
      }
      heap.withFields(iterator) { $0.index = entry.position + 1 }
      switch fields.extra {
      case 0: return retain(entry.key)
      case 1: return retain(entry.value)
      default: return heap.newTuple([retain(entry.key), retain(entry.value)])
      }
    case .setIterator:
      let fields = heap.fieldsPayload(iterator)
      guard let set = fields.refs.first, !set.isNull else { return nil }
      if fields.extra != heap.setCount(set) {
        // `setiter_iternext`: the error sticks (si_used = -1); the set stays held.
        heap.withFields(iterator) { $0.extra = -1 }
        throw raise(.runtimeError, "Set changed size during iteration")
      }
      guard let entry = heap.dictNextEntry(set, from: fields.index) else {
        heap.withFields(iterator) { $0.refs = [.null] }
        drop(set)
        return nil
      }
      heap.withFields(iterator) { $0.index = entry.position + 1 }
      return retain(entry.key)
    case .enumerate:
      let fields = heap.fieldsPayload(iterator)
      guard let item = try nextItem(fields.refs[0]) else { return nil }
      heap.withFields(iterator) { $0.index += 1 }
      let index = heap.newInt(fields.index, origin: .machineInt)
      let result = fields.refs[1]
      guard heap.refcount(of: result) == 1 else { return heap.newTuple([index, item]) }
      // Nobody else holds the last pair: refill it (`enum_next`).
      heap.incref(result)
      let oldIndex = heap.listSetItem(result, 0, index)  // a tuple's items sit like a list's
      let oldItem = heap.listSetItem(result, 1, item)
      drop(oldIndex)
      drop(oldItem)
      heap.track(result)  // the collector may have untracked it (bpo-42536)
      return result
    case .zip:
      // The sources are read from their tuple in place (no array of them).
      let refs = heap.fieldsPayload(iterator).refs
      let sources = refs[0]
      let result = refs[1]
      let count = heap.itemCount(sources)
      if count == 0 { return nil }
      if heap.refcount(of: result) == 1 {
        // Refill the recycled result in place (`zip_next`).
        heap.incref(result)
        for index in 0..<count {
          guard let item = try nextItem(heap.item(sources, index)) else {
            drop(result)
            return nil
          }
          drop(heap.listSetItem(result, index, item))
        }
        heap.track(result)
        return result
      }
      // A new result, allocated before the items are fetched.
      let none = heap.none
      let fresh = withUnsafeTemporaryAllocation(of: ObjectID.self, capacity: count) { nones in
        for index in 0..<count { nones[index] = retain(none) }
        return heap.newTuple(stealing: UnsafeBufferPointer(nones))
      }
      for index in 0..<count {
        guard let item = try nextItem(heap.item(sources, index)) else {
          drop(fresh)
          return nil
        }
        drop(heap.listSetItem(fresh, index, item))
      }
      return fresh
    case .map:
      // The items go to the function in the reused `argumentScratch`.
      let refs = heap.fieldsPayload(iterator).refs
      let sources = refs[0]
      var items = takeArgumentScratch()
      defer { returnArgumentScratch(&items) }
      for index in 0..<heap.itemCount(sources) {
        guard let item = try nextItem(heap.item(sources, index)) else {
          for item in items { drop(item) }
          return nil
        }
        items.append(item)
      }
      defer { for item in items { drop(item) } }
      return try callObject(refs[1], items)
    case .filter:
      let refs = heap.fieldsPayload(iterator).refs
      while let item = try nextItem(refs[1]) {
        let keep: Bool
        if refs[0] == heap.none {
          keep = try isTrue(item)
        } else {
          let result = try callObject(refs[0], [item])
          keep = try isTrue(result)
          drop(result)
        }
        if keep { return item }
        drop(item)
      }
      return nil
    case .instance, .slotsInstance:
      guard let method = try lookupType(heap.type(of: iterator), "__next__") else {
        throw raise(.typeError, "'\(try typeName(of: iterator))' object is not an iterator")
      }
      do {
        return try callObject(method, [iterator])
      } catch is PythonRaise {
        if try exceptionMatches(pendingException, heap.typeObject(.stopIteration)) {
          clearPending()
          return nil
        }
        throw PythonRaise()
      }
    default:
      throw raise(.typeError, "'\(try typeName(of: iterator))' object is not an iterator")
    }
  }
}
