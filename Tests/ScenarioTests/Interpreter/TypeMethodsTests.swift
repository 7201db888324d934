import HeapModel
import Testing

@testable import Scenario

/// The builtin-type methods of Interpreter+DictMethods, +NumberMethods,
/// +StrTextMethods, +Codecs, +BytesMethods and +ByteArrayMethods: results,
/// identities and CPython's error messages (expected values from CPython
/// 3.8.18 … 3.13.0).
@Suite struct TypeMethodsTests {
  @Test func typeObjectAttributesCPythonHasStopInsteadOfRaising() throws {
    #expect(throws: InterpreterStop.unsupported(feature: "str.maketrans", line: 1)) {
      _ = try runScenario("f = str.maketrans\n")
    }
    #expect(throws: InterpreterStop.unsupported(feature: "dict.mro", line: 1)) {
      _ = try runScenario("f = dict.mro\n")
    }
    let missing = try runScenario("try:\n    dict.nosuch\nexcept AttributeError as e:\n    print(e)\n")
    #expect(missing.stdout == "type object 'dict' has no attribute 'nosuch'\n")
    let bound = try runScenario(
      "f = dict.fromkeys\nprint(f.__self__ is dict, f is dict.fromkeys, f([1]))\n"
        + "print(int.from_bytes(b'\\x01\\x00', 'big'), float.fromhex('0x1p-1'), bytes.fromhex('41'))\n")
    #expect(bound.stdout == "True False {1: None}\n256 0.5 b'A'\n")
  }

  @Test(arguments: PythonVersion.allCases)
  func methodsFollowTheirVersions(version: PythonVersion) throws {
    let script = """
      print(hasattr('', 'removeprefix'), hasattr(1, 'bit_count'), hasattr(1, 'is_integer'))
      try:
          print((5).to_bytes())
      except TypeError as e:
          print(e)
      a = int.from_bytes(b'\\x05', 'big')
      b = 2 + 3
      print(a is b)
      """
    let result = try runScenario(script, version: version)
    func python(_ flag: Bool) -> String { flag ? "True" : "False" }
    let flags = "\(python(version >= .py39)) \(python(version >= .py310)) \(python(version >= .py312))"
    let toBytes = version >= .py311 ? "b'\\x05'" : "to_bytes() missing required argument 'length' (pos 1)"
    #expect(result.stdout == "\(flags)\n\(toBytes)\n\(version >= .py311 ? "True" : "False")\n")
  }

  @Test func numberErrorsUseCPythonsWords() throws {
    let script = """
      def show(thunk):
          try:
              thunk()
          except Exception as e:
              print(type(e).__name__, e)
      show(lambda: (256).to_bytes(1, 'big'))
      show(lambda: (-1).to_bytes(1, 'big'))
      show(lambda: (1).to_bytes(1, 'middle'))
      show(lambda: (1).to_bytes(-1, 'big'))
      show(lambda: float('inf').as_integer_ratio())
      show(lambda: float('nan').as_integer_ratio())
      show(lambda: float.fromhex('zz'))
      show(lambda: float.fromhex('0x1p1024'))
      show(lambda: bytes.fromhex('01 0'))
      show(lambda: bytearray().pop())
      show(lambda: bytearray(b'a').remove(9))
      show(lambda: {}.popitem())
      show(lambda: b'abc'.index(b'z'))
      """
    let result = try runScenario(script, version: .py312)
    #expect(
      result.stdout == """
        OverflowError int too big to convert
        OverflowError can't convert negative int to unsigned
        ValueError byteorder must be either 'little' or 'big'
        ValueError length argument must be non-negative
        OverflowError cannot convert Infinity to integer ratio
        ValueError cannot convert NaN to integer ratio
        ValueError invalid hexadecimal floating-point string
        OverflowError hexadecimal value too large to represent as a float
        ValueError non-hexadecimal number found in fromhex() arg at position 4
        IndexError pop from empty bytearray
        ValueError value not found in bytearray
        KeyError 'popitem(): dictionary is empty'
        ValueError subsection not found

        """)
  }

  /// `sys.getsizeof(dict.fromkeys(...))` for sources of known length
  /// (presized) and a list (grown), measured on CPython.
  @Test(arguments: [
    (PythonVersion.py38, "232 232 232 232 232 232 360 360 640 640"),
    (.py310, "64 232 232 360 232 232 360 360 640 1176"),
    (.py311, "64 224 224 352 184 224 352 352 632 1168"),
    (.py313, "64 224 224 352 184 224 352 352 632 1168"),
  ])
  func fromkeysPresizesFromDictsAndSets(version: PythonVersion, expected: String) throws {
    let script = """
      import sys
      g = sys.getsizeof
      print(g(dict.fromkeys([])), g(dict.fromkeys([1])), g(dict.fromkeys(set())), g(dict.fromkeys({1})),
            g(dict.fromkeys({})), g(dict.fromkeys({5, 6, 7, 8, 9})), g(dict.fromkeys(set(range(6)))),
            g(dict.fromkeys(list(range(6)))), g(dict.fromkeys(set(range(20)))), g(dict.fromkeys(set(range(21)))))
      """
    #expect(try runScenario(script, version: version).stdout == expected + "\n")
  }

  @Test func strMethodsReturnTheReceiverWhenNothingChanges() throws {
    let script = """
      s = 'abc'
      print(s.rsplit()[0] is s, s.splitlines()[0] is s, s.expandtabs() is s, s.removeprefix('x') is s)
      print(s.casefold() is s, s.removesuffix('c'), 'a b  c '.rsplit(None, 1), 'a\\r\\nb\\x0bc'.splitlines(True))
      print('Stra\\u00dfe'.casefold(), 'a\\tbc\\td'.expandtabs(4), '_x1'.isidentifier(), '1x'.isidentifier())
      print('h\\u00e9'.encode(), b'h\\xc3\\xa9'.decode(), 'x'.encode('Latin_1'), 'abc'.isascii(), 'a\\n'.isprintable())
      """
    let result = try runScenario(script, version: .py312)
    #expect(
      result.stdout == """
        True True True True
        False ab ['a b', 'c'] ['a\\r\\n', 'b\\x0b', 'c']
        strasse a   bc  d True False
        b'h\\xc3\\xa9' h\u{e9} b'x' True False

        """)
  }

  @Test func unknownCodecsAndUndecodableBytesStop() throws {
    #expect(throws: InterpreterStop.unsupported(feature: "encode() with encoding 'utf-16'", line: 1)) {
      _ = try runScenario("'a'.encode('utf-16')\n")
    }
    #expect(
      throws: InterpreterStop.unsupported(
        feature: "UnicodeDecodeError (decode of bytes the codec cannot decode)", line: 1)
    ) {
      _ = try runScenario("b'\\xff'.decode()\n")
    }
  }

  @Test func bytearrayBufferResizesLikeCPython() throws {
    let script = """
      import sys
      b = bytearray(b'0123456789')
      sizes = [sys.getsizeof(b)]
      while len(b) > 2:
          b.pop()
          sizes.append(sys.getsizeof(b))
      b.clear()
      c = bytearray()
      c.insert(0, 65)
      c.insert(0, 66)
      print(sizes, sys.getsizeof(b), sys.getsizeof(c), c, sys.getsizeof(bytearray(b'x' * 100).copy()))
      """
    #expect(
      try runScenario(script).stdout
        == "[67, 67, 67, 67, 67, 67, 61, 61, 61] 57 61 bytearray(b'BA') 157\n")
  }

  @Test func floatHexRoundTrips() {
    for value in [0.1, 2.5, -0.0, 1e300, 5e-324, -2.2250738585072014e-308, 1.0000000000000004] {
      #expect(Interpreter.parseFloatHex(Interpreter.floatHex(value)) == .value(value))
    }
    #expect(Interpreter.floatHex(5e-324) == "0x0.0000000000001p-1022")
    #expect(Interpreter.floatHex(0.1) == "0x1.999999999999ap-4")
    #expect(Interpreter.parseFloatHex("0x1.00000000000008p0") == .value(1.0))
    #expect(Interpreter.parseFloatHex("0x1.00000000000018p0") == .value(1.0000000000000004))
    #expect(Interpreter.parseFloatHex("0x3p-1076") == .value(5e-324))
    #expect(Interpreter.parseFloatHex("0x1p-1080") == .value(0))
    #expect(Interpreter.parseFloatHex("0x1p1024") == .tooLarge)
    #expect(Interpreter.parseFloatHex("0x") == .invalid)
  }
}
