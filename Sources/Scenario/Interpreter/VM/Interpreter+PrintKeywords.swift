// print()'s keywords, checked before anything is written (Python/bltinmodule.c
// `builtin_print_impl` and its argument clinic parser): only sep, end, file
// and flush; sep and end must be None or a str — sep is checked first.
// An unknown keyword is "'k' is an invalid keyword argument for print()"
// until 3.12; 3.13 says "print() got an unexpected keyword argument 'k'" and
// suggests a close name ("Did you mean 'sep'?").

import HeapModel

extension Interpreter {
  mutating func checkPrintKeywords(_ keywords: [(String, ObjectID)]) throws {
    let names = ["sep", "end", "file", "flush"]
    for (keyword, _) in keywords where !names.contains(keyword) {
      if version >= .py313 {
        let suggestion = Suggestions.bestMatch(for: keyword, in: names).map { ". Did you mean '\($0)'?" }
        throw raise(.typeError, "print() got an unexpected keyword argument '\(keyword)'\(suggestion ?? "")")
      }
      throw raise(.typeError, "'\(keyword)' is an invalid keyword argument for print()")
    }
    for name in ["sep", "end"] {
      guard let value = keywords.first(where: { $0.0 == name })?.1, value != heap.none else { continue }
      if heap.kind(of: value) != .str {
        throw raise(.typeError, "\(name) must be None or a string, not \(try typeName(of: value))")
      }
    }
  }
}
