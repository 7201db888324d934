// hash() values measured with PYTHONHASHSEED=0 under CPython 3.8-3.13.

import BigInt
import HeapModel
import Testing

@testable import Scenario

@Suite("hash()")
struct PyHashTests {
  @Test(arguments: PythonVersion.allCases)
  func stringsUseSipHashWithAZeroKey(version: PythonVersion) {
    let old = version < .py311
    #expect(
      PyHash.hash("abc", version: version) == (old ? 4_596_069_200_710_135_518 : -4_594_863_902_769_663_758))
    #expect(PyHash.hash(bytes: Array("abc".utf8), version: version) == PyHash.hash("abc", version: version))
    #expect(
      PyHash.hash("é", version: version) == (old ? 4_954_367_630_624_915_103 : 6_047_309_291_227_476_195))
    #expect(
      PyHash.hash("日本", version: version) == (old ? -7_850_401_551_650_690_076 : 6_243_316_497_235_261_705))
    #expect(
      PyHash.hash("😀", version: version) == (old ? 2_694_534_307_785_527_896 : -3_536_540_696_076_613_844))
    #expect(PyHash.hash("", version: version) == 0)
  }

  @Test(arguments: PythonVersion.allCases)
  func tuplesCombineItemHashes(version: PythonVersion) {
    let items = [PyHash.hash("a", version: version), PyHash.hash(2.5, version: version)]
    #expect(
      PyHash.hashTuple(items) == (version < .py311 ? -828_947_603_780_002_206 : 6_009_562_290_881_834_891))
  }

  @Test func numbersHashByValueModuloTheMersennePrime() {
    #expect(PyHash.hash(BigInt(-1)) == -2)
    #expect(PyHash.hash(BigInt(1) << 61) == 1)
    #expect(PyHash.hash(0.5, version: .py312) == 1_152_921_504_606_846_976)
    #expect(PyHash.hash(2.0, version: .py312) == PyHash.hash(BigInt(2)))
    #expect(PyHash.hash(-Double.infinity, version: .py312) == -314_159)
    #expect(PyHash.hash(Double.nan, version: .py39) == 0)
    #expect(
      PyHash.hash(Double.nan, version: .py310, address: 0x7f00_0000_1230)
        == PyHash.hashPointer(0x7f00_0000_1230))
    #expect(PyHash.hash(true) == 1)
  }

  @Test func noneAndIdentity() {
    #expect(PyHash.hashNone(version: .py312, address: 0x1234) == 4_238_894_112)
    #expect(PyHash.hashNone(version: .py311, address: 0x7f12_3456_7890) == 0x7_f123_4567_89)
    #expect(PyHash.hashPointer(0x10) == 1)
    #expect(PyHash.hashPointer(0x1F) == Int(bitPattern: 0xF000_0000_0000_0001))
  }

  /// Values printed by CPython 3.8–3.13 for hash(frozenset()),
  /// hash(frozenset({1, 2, 3})) and hash(frozenset({frozenset({1})})).
  @Test func frozensetsHashTheirKeysInAnyOrder() {
    #expect(PyHash.hashFrozenset([]) == 133_146_708_735_736)
    #expect(PyHash.hashFrozenset([1, 2, 3]) == -272_375_401_224_217_160)
    #expect(PyHash.hashFrozenset([3, 1, 2]) == -272_375_401_224_217_160)
    #expect(PyHash.hashFrozenset([PyHash.hashFrozenset([1])]) == 5_515_263_749_738_256_364)
  }
}
