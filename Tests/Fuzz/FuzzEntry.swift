// libFuzzer entry for the scenario front end (lexer, parser, checker,
// unparser), built outside SwiftPM by tools/build-fuzzer.sh.
//
// Properties checked on every input, besides "no crash, no hang":
// - a module is returned exactly when there are no diagnostics;
// - every diagnostic range lies inside the file and formats without trapping;
// - a module that checks clean unparses to text that parses again to the
//   same canonical text (the unparser's fixpoint).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let source = SourceFile(name: "fuzz.py", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
  let result = compileCheck(source)
  if result.module == nil && result.diagnostics.isEmpty {
    preconditionFailure("no module and no diagnostics")
  }
  for diagnostic in result.diagnostics {
    precondition(diagnostic.range.end <= source.bytes.count, "diagnostic range past the end: \(diagnostic)")
  }
  _ = DiagnosticFormatter.format(result.diagnostics, in: source)
  guard let module = result.module else { return 0 }
  precondition(result.diagnostics.isEmpty, "module returned with diagnostics")
  let text = Unparser.unparse(module)
  let reparsed = Parser.parse(SourceFile(name: "unparsed.py", text: text))
  guard let second = reparsed.module else {
    preconditionFailure("unparsed text does not parse: \(reparsed.diagnostics)\n\(text)")
  }
  let again = Unparser.unparse(second)
  precondition(again == text, "unparse is not a fixpoint:\n\(text)\n---\n\(again)")
  return 0
}
