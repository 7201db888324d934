import HeapModel
import Testing

/// Formula-level checks of `ObjectLayouts` that the measured fixtures do not
/// exercise directly (kinds of Swift strings, free-list data, size classes,
/// shared-keys edge cases).
@Suite struct LayoutTests {
  @Test func strKindFollowsTheLargestScalar() {
    typealias Kind = ObjectLayouts.StrKind
    #expect(Kind(of: "") == .ascii)
    #expect(Kind(of: "hello") == .ascii)
    #expect(Kind(of: "café") == .latin1)
    #expect(Kind(of: "a€") == .ucs2)
    #expect(Kind(of: "ok 😀") == .ucs4)
    #expect(Kind(scalars: [0x41, 0xff]) == .latin1)
    #expect(Kind(scalars: [0x100]) == .ucs2)
    #expect(Kind(maxScalar: 0xffff) == .ucs2)
    #expect(Kind(maxScalar: 0x1_0000) == .ucs4)
  }

  @Test(arguments: PythonVersion.allCases)
  func strSizesFollowTheSheet(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    let modern = version >= .py312
    #expect(layouts.strGetsizeof(length: 30, kind: .ascii) == (modern ? 71 : 79))
    #expect(layouts.strGetsizeof(length: 1, kind: .ucs4) == (modern ? 64 : 80))
    #expect(layouts.cachedStrGetsizeof(length: 1, kind: .latin1) == (modern ? 61 : 74))
    #expect(layouts.strGetsizeof(length: 2, kind: .latin1) == (modern ? 59 : 75))
    #expect(ObjectLayouts.isCachedStr(length: 1, kind: .latin1))
    #expect(!ObjectLayouts.isCachedStr(length: 1, kind: .ucs2))
  }

  @Test func intDigitsAndSmallIntCache() {
    #expect(ObjectLayouts.intDigits(of: 0) == 0)
    #expect(ObjectLayouts.intDigits(of: (1 << 30) - 1) == 1)
    #expect(ObjectLayouts.intDigits(of: 1 << 30) == 2)
    #expect(ObjectLayouts.intDigits(of: -(1 << 60)) == 3)
    #expect(ObjectLayouts.intDigits(of: Int.min) == 3)
    #expect(ObjectLayouts.isCachedSmallInt(-5) && ObjectLayouts.isCachedSmallInt(256))
    #expect(!ObjectLayouts.isCachedSmallInt(-6) && !ObjectLayouts.isCachedSmallInt(257))
  }

  @Test(arguments: PythonVersion.allCases)
  func arithmeticOverAllocatesOneDigit(version: PythonVersion) {
    // 2**40 + i reports 32 bytes but requests 36: the 48-byte size class.
    let layouts = ObjectLayouts(version: version)
    let request = layouts.intBlockSize(resultDigits: 2, origin: .magnitudeAdd(lhsDigits: 2, rhsDigits: 1))
    #expect(layouts.intGetsizeof(digits: 2) == 32)
    #expect(request == 36)
    #expect(ObjectLayouts.sizeClass(ofRequest: request) == 48)
  }

  @Test func sizeClassesRoundToSixteenUpTo512() {
    #expect(ObjectLayouts.sizeClass(ofRequest: 1) == 16)
    #expect(ObjectLayouts.sizeClass(ofRequest: 28) == 32)
    #expect(ObjectLayouts.sizeClass(ofRequest: 512) == 512)
    #expect(ObjectLayouts.sizeClass(ofRequest: 513) == nil)
  }

  @Test func listCapacitiesFollowEachVersionsFormula() {
    let old = ObjectLayouts(version: .py38)
    let new = ObjectLayouts(version: .py312)
    var capacities38: [Int] = []
    var capacities312: [Int] = []
    var a = 0
    var b = 0
    for size in 0..<80 {
      let nextA = old.listCapacityAfterAppend(size: size, allocated: a)
      let nextB = new.listCapacityAfterAppend(size: size, allocated: b)
      if nextA != a { capacities38.append(nextA) }
      if nextB != b { capacities312.append(nextB) }
      a = nextA
      b = nextB
    }
    #expect(capacities38 == [4, 8, 16, 25, 35, 46, 58, 72, 88])
    #expect(capacities312 == [4, 8, 16, 24, 32, 40, 52, 64, 76, 92])
    #expect(new.listCapacity(.fromSized(count: 3)) == 4)
    #expect(ObjectLayouts(version: .py39).listCapacity(.fromSized(count: 3)) == 3)
    #expect(ObjectLayouts(version: .py39).listCapacity(.constantDisplay(count: 3)) == 8)
  }

  @Test(arguments: PythonVersion.allCases)
  func dictSizesFollowTheSheet(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    let sizes = [1, 5, 6, 10, 11, 21].map {
      layouts.dictGetsizeof(slots: ObjectLayouts.dictSlotsAfterInserts($0), keys: .general)
    }
    let expected = version >= .py311 ? [224, 224, 352, 352, 632, 632] : [232, 232, 360, 360, 640, 640]
    #expect(sizes == expected)
    #expect(ObjectLayouts.dictIndexSize(slots: 128) == 1)
    #expect(ObjectLayouts.dictIndexSize(slots: 256) == 2)
    #expect(ObjectLayouts.dictSlotsPresized(for: 22) == 64)
  }

  @Test func setTablesGrowAtFiveAndNineteen() {
    let slots = (0...80).map { ObjectLayouts.setSlotsAfterAdds($0) }
    #expect(slots[4] == 8 && slots[5] == 32 && slots[18] == 32 && slots[19] == 128)
    #expect(slots[76] == 128 && slots[77] == 512)
    #expect(ObjectLayouts.setTableBlockSize(slots: 32) == 512)
    #expect(ObjectLayouts.sizeClass(ofRequest: ObjectLayouts.setTableBlockSize(slots: 128)) == nil)
  }

  @Test(arguments: PythonVersion.allCases)
  func idOffsetsAndPreHeaders(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    #expect(layouts.idOffset(.float) == 0)
    #expect(layouts.idOffset(.list) == 16)
    #expect(layouts.instanceIDOffset(.plain) == (version >= .py311 ? 32 : 16))
    #expect(layouts.instanceIDOffset(.slotted(2)) == 16)
    #expect(layouts.instanceIDOffset(.slotted(1, weakref: true)) == (version >= .py312 ? 32 : 16))
    #expect(layouts.managedPreHeaderSize == (version >= .py311 ? 16 : 0))
    #expect(!layouts.isGC(.range) && layouts.isGC(.slice) && layouts.isGC(.slotsInstance))
  }

  @Test(arguments: PythonVersion.allCases)
  func freeListsPerVersion(version: PythonVersion) {
    #expect(FreeList.float.capacity(in: version) == 100)
    #expect(FreeList.tuple.capacity(in: version) == 2000)
    #expect(FreeList.list.capacity(in: version) == 80)
    #expect(FreeList.dict.capacity(in: version) == 80)
    #expect(FreeList.tupleMaxLength(in: version) == (version >= .py311 ? 20 : 19))
    #expect(FreeList.frame.capacity(in: version) == (version <= .py310 ? 200 : 0))
    #expect(FreeList.boundMethod.capacity(in: version) == (version == .py38 ? 256 : 0))
    #expect((FreeList.forKind(.boundMethod, in: version) != nil) == (version == .py38))
    #expect(FreeList.forKind(.set, in: version) == nil)
    #expect(
      FreeList.recyclesDictKeys(slots: 8, kind: .general, in: version) == (version <= .py310))
    #expect(FreeList.recyclesDictKeys(slots: 8, kind: .unicode, in: version))
    #expect(!FreeList.recyclesDictKeys(slots: 16, kind: .unicode, in: version))
  }

  @Test func legacySharedKeysStopSharingWhenAnotherDictUsesThem() {
    var shared = SharedKeys(version: .py39)
    let capacity = shared.instanceCreated().capacity
    #expect(capacity == 5)
    for index in 0..<5 {
      #expect(
        shared.insertKey(instanceAttributes: index, instanceCapacity: 5, soleUser: false)
          == .stored(index: index))
    }
    let sixth = shared.insertKey(instanceAttributes: 5, instanceCapacity: 5, soleUser: false)
    #expect(sixth == .unshared(slots: 16, keysBlockSize: 296))
    #expect(!shared.isSharing)
    #expect(shared.instanceCreated().capacity == 0)
  }

  @Test func modernSharedKeysShrinkPerInstanceThenSettle() {
    var shared = SharedKeys(version: .py312)
    var capacities: [Int] = []
    for _ in 0..<32 { capacities.append(shared.instanceCreated().capacity) }
    #expect(capacities.prefix(3) == [29, 28, 27])
    #expect(capacities.suffix(4) == [1, 1, 1, 1])
    #expect(
      shared.insertKey(instanceAttributes: 0, instanceCapacity: 1, soleUser: false) == .stored(index: 0))
    #expect(
      shared.insertKey(instanceAttributes: 1, instanceCapacity: 1, soleUser: false)
        == .unshared(slots: 16, keysBlockSize: 208))
  }

  @Test(arguments: PythonVersion.allCases)
  func framesAndGenerators(version: PythonVersion) {
    let layouts = ObjectLayouts(version: version)
    let code = CodeShape(locals: 2, stackSize: 2)
    #expect(layouts.callsAllocateFrames == (version <= .py310))
    let expectedFrame = [416, 416, 408, 168, 168, 184][version.minor - 8]
    #expect(layouts.frameBlockSize(code) == expectedFrame)
    #expect(
      layouts.generatorBlockSize(CodeShape(locals: 0, stackSize: version >= .py312 ? 2 : 1))
        == [112, 112, 104, 176, 176, 176][version.minor - 8])
  }
}
