// Compile-time folding of operations on constants, as CPython's AST
// optimizer (Python/ast_opt.c) does it, with its size limits: an int result
// of `*`, `**` or `<<` wider than 128 bits, a str longer than 4096
// characters and a tuple longer than 256 items are left to run time. The
// folded value becomes one more constant of the code object, merged with
// equal constants: `"ab" + "c" is "abc"` holds.

import BigInt
import Foundation
import HeapModel

enum ConstantFolder {
  static let maxIntBits = 128
  static let maxStrSize = 4096
  static let maxCollectionSize = 256

  static func fold(_ op: BinaryOperator, _ a: ConstantKey, _ b: ConstantKey, version: PythonVersion)
    -> ConstantKey?
  {
    // bool is an int subclass: True + 0 folds to the int 1.
    func numeric(_ key: ConstantKey) -> ConstantKey {
      switch key {
      case .true: return .int(1)
      case .false: return .int(0)
      default: return key
      }
    }
    let bothBools = (a == .true || a == .false) && (b == .true || b == .false)
    if bothBools, op == .bitAnd || op == .bitOr || op == .bitXor {
      let x = a == .true
      let y = b == .true
      let value = op == .bitAnd ? (x && y) : (op == .bitOr ? (x || y) : (x != y))
      return value ? .true : .false
    }
    let (a, b) = (numeric(a), numeric(b))
    switch (a, b) {
    case (.int(let x), .int(let y)):
      return foldInts(op, x, y)
    case (.float, .float), (.int, .float), (.float, .int):
      guard let x = double(a), let y = double(b) else { return nil }
      return foldFloats(op, x, y)
    case (.str(let x), .str(let y)) where op == .add:
      return .str(CodePointString(x.text + y.text))
    case (.str(let x), .int(let n)) where op == .multiply:
      return repeatString(x.text, n)
    case (.int(let n), .str(let x)) where op == .multiply:
      return repeatString(x.text, n)
    case (.bytes(let x), .bytes(let y)) where op == .add:
      return .bytes(x + y)
    case (.bytes(let x), .int(let n)) where op == .multiply:
      return repeatBytes(x, n)
    case (.int(let n), .bytes(let x)) where op == .multiply:
      return repeatBytes(x, n)
    case (.tuple(let x), .tuple(let y)) where op == .add:
      return .tuple(x + y)
    case (.tuple(let x), .int(let n)) where op == .multiply:
      return repeatTuple(x, n)
    case (.int(let n), .tuple(let x)) where op == .multiply:
      return repeatTuple(x, n)
    default:
      return nil
    }
  }

  private static func repeatBytes(_ bytes: [UInt8], _ count: BigInt) -> ConstantKey? {
    // A count past Py_ssize_t is an OverflowError at run time, never folded.
    guard Int(exactly: count) != nil else { return nil }
    guard count >= 0, bytes.isEmpty || count <= BigInt(maxStrSize / bytes.count) else { return nil }
    var repeated: [UInt8] = []
    for _ in 0..<(bytes.isEmpty ? 0 : Int(count)) { repeated.append(contentsOf: bytes) }
    return .bytes(repeated)
  }

  private static func repeatTuple(_ items: [ConstantKey], _ count: BigInt) -> ConstantKey? {
    guard Int(exactly: count) != nil else { return nil }
    guard count >= 0, items.isEmpty || count <= BigInt(maxCollectionSize / items.count) else { return nil }
    var repeated: [ConstantKey] = []
    for _ in 0..<(items.isEmpty ? 0 : Int(count)) { repeated.append(contentsOf: items) }
    return .tuple(repeated)
  }

  private static func bits(_ value: BigInt) -> Int {
    value.magnitude.bitWidth
  }

  private static func repeatString(_ text: String, _ count: BigInt) -> ConstantKey? {
    guard Int(exactly: count) != nil else { return nil }
    guard count >= 0 else { return .str(CodePointString("")) }
    let length = text.unicodeScalars.count
    guard length == 0 || count <= BigInt(maxStrSize / length) else { return nil }
    return .str(CodePointString(length == 0 ? "" : String(repeating: text, count: Int(count))))
  }

  private static func foldInts(_ op: BinaryOperator, _ x: BigInt, _ y: BigInt) -> ConstantKey? {
    switch op {
    case .add: return .int(x + y)
    case .subtract: return .int(x - y)
    case .multiply:
      if x != 0, y != 0, bits(x) + bits(y) > maxIntBits { return nil }
      return .int(x * y)
    case .power:
      if y < 0 {
        guard let fx = Double(exactly: x), let fy = Double(exactly: y),
          let value = try? PyNumeric.power(fx, fy)
        else { return nil }
        return .float(value.bitPattern)
      }
      // `safe_power` checks only a non-zero base: 0 ** y folds for any y.
      if x == 0 { return .int(y == 0 ? 1 : 0) }
      if y > 0, BigInt(bits(x)) * y > BigInt(maxIntBits) { return nil }
      return .int(x.power(Int(y)))
    case .leftShift:
      guard y >= 0, y <= BigInt(maxIntBits), bits(x) <= maxIntBits - Int(y) else { return nil }
      return .int(x << Int(y))
    case .rightShift:
      guard y >= 0 else { return nil }
      return .int(PyNumeric.rightShift(x, y))
    case .bitAnd: return .int(x & y)
    case .bitOr: return .int(x | y)
    case .bitXor: return .int(x ^ y)
    case .floorDivide:
      guard y != 0, let value = try? PyNumeric.floorDivide(x, y) else { return nil }
      return .int(value)
    case .modulo:
      guard y != 0, let value = try? PyNumeric.remainder(x, y, version: .default) else { return nil }
      return .int(value)
    case .trueDivide:
      guard y != 0, let value = try? PyNumeric.trueDivide(x, y) else { return nil }
      return .float(value.bitPattern)
    case .matrixMultiply:
      return nil
    }
  }

  private static func double(_ key: ConstantKey) -> Double? {
    switch key {
    case .float(let bits): return Double(bitPattern: bits)
    case .int(let value): return try? PyNumeric.toDouble(value)
    default: return nil
    }
  }

  private static func foldFloats(_ op: BinaryOperator, _ x: Double, _ y: Double) -> ConstantKey? {
    let result: Double
    switch op {
    case .add: result = x + y
    case .subtract: result = x - y
    case .multiply: result = x * y
    case .trueDivide:
      guard y != 0 else { return nil }
      result = x / y
    case .floorDivide:
      guard let value = try? PyNumeric.floorDivide(x, y, version: .default) else { return nil }
      result = value
    case .modulo:
      guard let value = try? PyNumeric.remainder(x, y, version: .default) else { return nil }
      result = value
    case .power:
      guard let value = try? PyNumeric.power(x, y) else { return nil }
      result = value
    default:
      return nil
    }
    return .float(result.bitPattern)
  }
}
