import Foundation
import HeapModel

/// One interpreter's measurements, written by tools/measure_layouts.py into
/// Fixtures/layouts-3.X.json.
struct LayoutFixture: Decodable {
  enum Series: Decodable {
    case flat([Int])
    case nested([[Int]])

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let flat = try? container.decode([Int].self) {
        self = .flat(flat)
      } else {
        self = .nested(try container.decode([[Int]].self))
      }
    }
  }

  let version: String
  let patch: String
  let sizeof: [String: Int]
  let blocks: [String: [Int]]
  let idoffset: [String: Int]
  let poolofs: [String: Int]
  let isgc: [String: Bool]
  let series: [String: Series]
  let code: [String: [String: Int]]

  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  static func load(_ version: PythonVersion) throws -> LayoutFixture {
    let url = directory.appendingPathComponent("layouts-\(version.description).json")
    return try JSONDecoder().decode(LayoutFixture.self, from: Data(contentsOf: url))
  }

  /// The code shape recorded for probe `name`.
  func codeShape(_ name: String, cellParameters: Int = 0) -> CodeShape? {
    guard let entry = code[name], let locals = entry["nlocals"], let stack = entry["stacksize"] else {
      return nil
    }
    return CodeShape(
      locals: locals, cells: entry["ncells"] ?? 0, frees: entry["nfree"] ?? 0,
      cellParameters: cellParameters, stackSize: stack)
  }
}
