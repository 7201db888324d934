import HeapModel
import Testing

/// Every number measured by tools/measure_layouts.py on the real interpreters
/// (Fixtures/layouts-3.X.json) must equal the model's prediction.
@Suite struct LayoutFixtureTests {
  func predictions(_ version: PythonVersion) throws -> LayoutPredictions {
    let fixture = try LayoutFixture.load(version)
    #expect(fixture.version == version.description)
    return LayoutPredictions(layouts: ObjectLayouts(version: version), fixture: fixture)
  }

  @Test(arguments: PythonVersion.allCases)
  func blockRequestSizesMatchTracemalloc(version: PythonVersion) throws {
    let model = try predictions(version)
    #expect(model.fixture.blocks.count > 150)
    for (name, measured) in model.fixture.blocks.sorted(by: { $0.key < $1.key }) {
      #expect(model.blocks(name) == measured, "\(version) blocks of \(name)")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func getsizeofMatches(version: PythonVersion) throws {
    let model = try predictions(version)
    #expect(model.fixture.sizeof.count > 200)
    for (name, measured) in model.fixture.sizeof.sorted(by: { $0.key < $1.key }) {
      #expect(model.sizeof(name) == measured, "\(version) getsizeof of \(name)")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func idOffsetsMatch(version: PythonVersion) throws {
    let model = try predictions(version)
    for (name, measured) in model.fixture.idoffset.sorted(by: { $0.key < $1.key }) {
      #expect(model.idOffset(name) == measured, "\(version) id offset of \(name)")
    }
    // Read off consecutive blocks of a fresh pool: (id % POOL − 48) % class size.
    #expect(model.fixture.poolofs.count >= 15)
    for (name, measured) in model.fixture.poolofs.sorted(by: { $0.key < $1.key }) {
      #expect(model.idOffset(name) == measured, "\(version) pool id offset of \(name)")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func gcTypesMatch(version: PythonVersion) throws {
    let model = try predictions(version)
    for (name, measured) in model.fixture.isgc.sorted(by: { $0.key < $1.key }) {
      #expect(model.isGC(name) == measured, "\(version) GC-ness of \(name)")
    }
  }

  @Test(arguments: PythonVersion.allCases)
  func growthSeriesMatch(version: PythonVersion) throws {
    let model = try predictions(version)
    #expect(model.fixture.series.count > 20)
    for (name, measured) in model.fixture.series.sorted(by: { $0.key < $1.key }) {
      let predicted = model.series(name)
      switch (measured, predicted) {
      case (.flat(let want), .flat(let got)?):
        #expect(got == want, "\(version) series \(name)")
      case (.nested(let want), .nested(let got)?):
        #expect(got == want, "\(version) series \(name)")
      default:
        Issue.record("\(version): no matching model for series \(name)")
      }
    }
  }
}
