import HeapModel
import Testing

@testable import Scenario

/// The interpreter's per-version table of builtin call traits
/// (`Interpreter.builtinTraits`) is what a builtin call reads instead of the
/// lazily made statics: every entry must be the traits of the builtin with
/// that raw value in the interpreter's version.
@Suite struct BuiltinCallTraitsTests {
  @Test(arguments: PythonVersion.allCases)
  func tableHoldsEachBuiltinsTraits(version: PythonVersion) throws {
    let interpreter = try makeInterpreter("pass\n", version: version)
    #expect(interpreter.builtinTraits.count == Builtin.allCases.count)
    for builtin in Builtin.allCases {
      let entry = interpreter.builtinTraits[builtin.rawValue]
      let derived = BuiltinCallTraits(builtin, version: version)
      #expect(entry.isMethod == builtin.isMethod, "\(builtin)")
      #expect(entry.packsArguments == derived.packsArguments, "\(builtin)")
      #expect(entry.minimum == derived.minimum && entry.maximum == derived.maximum, "\(builtin)")
      #expect(entry.keywordsFillPositional == derived.keywordsFillPositional, "\(builtin)")
      #expect(entry.isSetMethod == derived.isSetMethod, "\(builtin)")
      #expect(entry.isGCModuleFunction == derived.isGCModuleFunction, "\(builtin)")
    }
    let traits = interpreter.builtinTraits
    #expect(traits[Builtin.listAppend.rawValue].isMethod && !traits[Builtin.len.rawValue].isMethod)
    // METH_VARARGS up to 3.12, Argument Clinic's fastcall in 3.13.
    #expect(traits[Builtin.strEndswith.rawValue].packsArguments == (version <= .py312))
    #expect(traits[Builtin.setAdd.rawValue].isSetMethod)
  }

  /// Methods called bound and unbound take their receiver from the right
  /// place; a method without one raises as CPython does.
  @Test func methodsFindTheirReceiver() throws {
    let result = try runScenario(
      """
      print("ab".upper(), str.upper("cd"), "xy".endswith("y"), str.endswith("xy", "x"), len([1, 2]))
      try:
          str.upper()
      except TypeError as e:
          print("TypeError")
      """)
    #expect(result.status == 0)
    #expect(result.stdout == "AB CD True False 2\nTypeError\n")
  }
}
