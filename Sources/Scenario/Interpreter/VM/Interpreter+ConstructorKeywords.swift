// The keyword arguments of the number and text constructors, checked as
// their argument clinic parsers do (Objects/clinic/longobject.c.h,
// floatobject.c.h, boolobject.c, unicodeobject.c.h):
//
//   int(x, /, base=10)      only `base`; "int() missing string argument"
//                           when it comes without x
//   str(object='', encoding, errors)   all three by name
//   float(x, /), bool(x, /) none: "float() takes no keyword arguments"
//
// An unknown keyword is "'k' is an invalid keyword argument for int()"
// until 3.12; 3.13 says "int() got an unexpected keyword argument 'k'" and
// suggests a close name. Too many arguments in all is "int() takes at most
// 2 arguments (3 given)". A keyword that repeats a positional argument is
// "argument for str() given by name ('object') and position (1)".

import HeapModel

extension Interpreter {
  /// The positional arguments of `type(*args, **keywords)` once its
  /// keywords are checked and, where they name a positional parameter, put
  /// in place; the keywords left for the constructor itself.
  mutating func constructorArguments(
    _ type: BuiltinType, _ args: [ObjectID], keywords: [(String, ObjectID)]
  ) throws -> (args: [ObjectID], keywords: [(String, ObjectID)]) {
    try checkConstructorArity(type, args.count)
    guard !keywords.isEmpty else { return (args, keywords) }
    let name: String
    let parameters: [String]
    let positionalOnly: Int
    switch type {
    case .float, .bool:
      throw raise(.typeError, "\(type == .float ? "float" : "bool")() takes no keyword arguments")
    case .int:
      (name, parameters, positionalOnly) = ("int", ["x", "base"], 1)
    case .str:
      (name, parameters, positionalOnly) = ("str", ["object", "encoding", "errors"], 0)
    default:
      return (args, keywords)
    }
    let total = args.count + keywords.count
    if total > parameters.count {
      throw raise(.typeError, "\(name)() takes at most \(parameters.count) arguments (\(total) given)")
    }
    let named = parameters.dropFirst(positionalOnly)
    for (keyword, _) in keywords where !named.contains(keyword) {
      if version >= .py313 {
        let suggestion = Suggestions.bestMatch(for: keyword, in: Array(named)).map {
          ". Did you mean '\($0)'?"
        }
        throw raise(
          .typeError, "\(name)() got an unexpected keyword argument '\(keyword)'\(suggestion ?? "")")
      }
      throw raise(.typeError, "'\(keyword)' is an invalid keyword argument for \(name)()")
    }
    var slots: [ObjectID?] = args.map { $0 }
    slots += Array(repeating: nil, count: parameters.count - args.count)
    for (keyword, value) in keywords {
      let index = parameters.firstIndex(of: keyword)!
      if index < args.count {
        throw raise(
          .typeError, "argument for \(name)() given by name ('\(keyword)') and position (\(index + 1))")
      }
      slots[index] = value
    }
    if type == .int {
      guard let x = slots[0] else { throw raise(.typeError, "int() missing string argument") }
      return (slots[1].map { [x, $0] } ?? [x], [])
    }
    // str: object moves into place; encoding and errors stay keywords for
    // the decoding path, which reads them by name.
    let object = slots[0].map { [$0] } ?? []
    let rest = keywords.filter { $0.0 != "object" }
    if object.isEmpty, !rest.isEmpty {
      // str(encoding=...) without an object is the empty string.
      return ([], [])
    }
    return (object, rest)
  }

  /// Too many positional arguments: int and str kept the old "takes at
  /// most" wording until 3.13; float and bool always had the new one.
  private mutating func checkConstructorArity(_ type: BuiltinType, _ count: Int) throws {
    let (name, most): (String, Int)
    switch type {
    case .int: (name, most) = ("int", 2)
    case .str: (name, most) = ("str", 3)
    case .float: (name, most) = ("float", 1)
    case .bool: (name, most) = ("bool", 1)
    default: return
    }
    guard count > most else { return }
    if (type == .int || type == .str) && version <= .py312 {
      throw raise(.typeError, "\(name)() takes at most \(most) arguments (\(count) given)")
    }
    throw raise(.typeError, "\(name) expected at most \(most) argument\(most == 1 ? "" : "s"), got \(count)")
  }
}
