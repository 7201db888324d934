import HeapModel
import Testing

@Suite struct VersionProfileTests {
  @Test(arguments: PythonVersion.allCases)
  func geometryFollowsTheFactsSheet(version: PythonVersion) {
    let constants = VersionProfile.profile(for: version).allocator
    let large = version >= .py310
    #expect(constants.alignment == 16)
    #expect(constants.smallRequestThreshold == 512)
    #expect(constants.sizeClassCount == 32)
    #expect(constants.poolSize == (large ? 16_384 : 4096))
    #expect(constants.arenaSize == (large ? 1_048_576 : 262_144))
    #expect(constants.maxPoolsPerArena == 64)
    #expect(constants.poolHeaderSize == 48)
    #expect(constants.keepsEmptyTailArena == (version != .py38))
    #expect(constants.arenasUsuallyUnaligned == large)
    #expect((constants.arenaMap != nil) == large)
  }

  @Test func blocksPerPoolMatchesTheMeasuredTable() {
    let small = VersionProfile(.py38).allocator
    let large = VersionProfile(.py312).allocator
    let measuredSmall = [
      253, 126, 84, 63, 50, 42, 36, 31, 28, 25, 23, 21, 19, 18, 16, 15,
      14, 14, 13, 12, 12, 11, 11, 10, 10, 9, 9, 9, 8, 8, 8, 7,
    ]
    let measuredLarge = [
      1021, 510, 340, 255, 204, 170, 145, 127, 113, 102, 92, 85, 78, 72, 68, 63,
      60, 56, 53, 51, 48, 46, 44, 42, 40, 39, 37, 36, 35, 34, 32, 31,
    ]
    #expect((0..<32).map(small.blocksPerPool(ofClass:)) == measuredSmall)
    #expect((0..<32).map(large.blocksPerPool(ofClass:)) == measuredLarge)
    #expect(small.quantizationLoss(ofClass: 31) == 464)
    #expect(large.quantizationLoss(ofClass: 24) == 336)
  }

  @Test func arenaMapFiguresMatchTheMeasuredText() throws {
    let map310 = try #require(VersionProfile(.py310).allocator.arenaMap)
    let map313 = try #require(VersionProfile(.py313).allocator.arenaMap)
    #expect([map310.rootBytes, map310.midNodeBytes, map310.bottomNodeBytes] == [8192, 8192, 2048])
    #expect([map313.rootBytes, map313.midNodeBytes, map313.bottomNodeBytes] == [262_144, 262_144, 131_072])
    #expect(map310.bottomNodeShift == 28)
    #expect(map313.bottomNodeShift == 34)
  }

  @Test(arguments: PythonVersion.allCases)
  func freeListRosterIsInPrintedOrder(version: PythonVersion) {
    let roster = VersionProfile(version).allocator.freeListRoster
    let named = roster.prefix { !$0.name.hasSuffix("PyTupleObjects") }.map(\.name)
    let expected: [String]
    switch version {
    case .py38:
      expected = [
        "PyCFunctionObjects", "PyDictObjects", "PyFloatObjects", "PyFrameObjects", "PyListObjects",
        "PyMethodObjects",
      ]
    case .py39, .py310: expected = ["PyDictObjects", "PyFloatObjects", "PyFrameObjects", "PyListObjects"]
    case .py311, .py312: expected = ["PyDictObjects", "PyFloatObjects", "PyListObjects"]
    case .py313: expected = ["PyDictObjects", "PyDictKeysObjects", "PyFloatObjects", "PyListObjects"]
    }
    #expect(named == expected)
    let tuples = roster.dropFirst(named.count)
    #expect(tuples.count == (version >= .py311 ? 20 : 19))
    #expect(tuples.first == FreeListRosterEntry(name: "1-sized PyTupleObjects", size: 32))
    #expect(tuples.last?.size == 24 + 8 * tuples.count)
    let frame = roster.first { $0.name == "PyFrameObjects" }?.size
    #expect(frame == (version == .py310 ? 360 : version < .py310 ? 368 : nil))
  }
}
