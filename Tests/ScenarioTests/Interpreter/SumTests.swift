import HeapModel
import Testing

@testable import Scenario

/// `sum()`'s int stage adds exact ints (and bools, from 3.9) in C and makes
/// one int object at the end, which lands in the block freed just before;
/// a bool in 3.8, a total outgrowing a machine word or a big int item
/// leaves C and allocates on the way. The stage reads the items through
/// `Heap.smallIntPayload` plus a bool check (Interpreter+Sum.swift).
/// Expected output measured with CPython 3.8.18, 3.9.18, 3.12.1, 3.13.0.
@Suite struct SumTests {
  static let scenario = """
    def fresh_block(n=3):
        z = 10**9 * n
        zid = id(z)
        del z
        return zid
    for items in [[10**9, 10**9 + 1], [10**9, True, 10**9 + 1, False], [2**62, 2**62, 1], [10**9, 2**70, 1]]:
        zid = fresh_block()
        total = sum(items)
        print(total, id(total) == zid)
        del total, zid
    def gen(items):
        for item in items:
            yield item
    zid = fresh_block()
    total = sum(gen([10**9, True, 3]))
    print(total, id(total) == zid)

    """

  @Test(arguments: PythonVersion.allCases)
  func theIntStageAddsIntsAndBoolsInCAsCPythonDoes(version: PythonVersion) throws {
    let output = try runScenario(Self.scenario, version: version)
    // 3.8 takes a bool to the general stage: the result is not the block
    // freed before the call.
    let boolsInC = version >= .py39 ? "True" : "False"
    #expect(
      output.stdout == """
        2000000001 True
        2000000002 \(boolsInC)
        9223372036854775809 False
        1180591620718411303425 False
        1000000004 \(boolsInC)

        """)
  }
}
