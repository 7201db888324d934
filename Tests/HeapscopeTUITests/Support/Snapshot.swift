// Screens are compared as text with files under Snapshots/. Re-recording is
// an explicit switch: run with HEAPSCOPE_RECORD=1 to write the files; a
// recording run records an issue for every file it writes, so it always
// fails and can never pass by accident. Review the diff, then run again
// without the switch.

import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

enum Snapshot {
  static var directory: String {
    let file = #filePath
    let support = file[..<file.lastIndex(of: "/")!]
    return support[..<support.lastIndex(of: "/")!] + "/Snapshots"
  }

  static var isRecording: Bool { getenv("HEAPSCOPE_RECORD").map { String(cString: $0) == "1" } ?? false }

  /// Compares `text` with Snapshots/`name`.txt (or writes it when recording).
  static func assertMatches(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let path = "\(directory)/\(name).txt"
    if isRecording {
      write(text + "\n", to: path)
      Issue.record("recorded \(name).txt; run again without HEAPSCOPE_RECORD", sourceLocation: sourceLocation)
      return
    }
    guard let expected = read(path) else {
      Issue.record(
        "missing snapshot \(name).txt; record with HEAPSCOPE_RECORD=1", sourceLocation: sourceLocation)
      return
    }
    #expect(text + "\n" == expected, "screen differs from \(name).txt", sourceLocation: sourceLocation)
  }

  static func read(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&chunk, 1, chunk.count, file)
      if n <= 0 { break }
      bytes.append(contentsOf: chunk[0..<n])
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func write(_ text: String, to path: String) {
    guard let file = fopen(path, "wb") else {
      Issue.record("cannot write \(path)")
      return
    }
    let bytes = Array(text.utf8)
    _ = fwrite(bytes, 1, bytes.count, file)
    fclose(file)
  }
}
