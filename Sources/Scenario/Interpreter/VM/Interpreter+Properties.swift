// property objects (Objects/descrobject.c): `fget`, `fset`, `fdel`, the doc
// and, from 3.10, the name the class body gave it, in that traversal order
// (the fields' refs; null where CPython holds NULL).
//
// - `property(fget=None, fset=None, fdel=None, doc=None)`: None stands for
//   "no function". Without a doc, 3.8–3.11 store None (a referent that
//   `gc.get_referents` lists) and 3.12+ store NULL. The model does not keep
//   function docstrings, so a getter never lends its doc.
// - `@x.setter` (and `.getter`, `.deleter`) copy the property with one
//   function replaced: the type is called again with the four fields, as
//   `property_copy` does (an argument tuple where the type call packs one),
//   and from 3.10 the copy keeps the old one's name.
// - A class statement names the properties of its namespace (3.10+,
//   `__set_name__`): the name str is referenced by the property.
// - Reading, setting or deleting through a missing function raises
//   AttributeError: "unreadable attribute" / "can't set attribute" / "can't
//   delete attribute" (3.8–3.9), the same with the name in quotes (3.10),
//   "property 'x' of 'A' object has no getter/setter/deleter" (3.11+; without
//   a name "property of 'A' object …", though 3.13 then names the getter).
//   The copying decorators call themselves "property.setter()" from 3.9.

import HeapModel

extension Interpreter {
  /// The field of property `property`: 0 fget, 1 fset, 2 fdel, 3 doc,
  /// 4 name (borrowed, null when absent).
  func propertyField(_ property: ObjectID, _ index: Int) -> ObjectID {
    let refs = heap.fieldsPayload(property).refs
    return index < refs.count ? refs[index] : .null
  }

  /// A new property of borrowed functions (None or null: none) and doc.
  mutating func newProperty(fget: ObjectID, fset: ObjectID, fdel: ObjectID, doc: ObjectID) -> ObjectID {
    func function(_ value: ObjectID) -> ObjectID {
      value.isNull || value == heap.none ? .null : retain(value)
    }
    let storedDoc: ObjectID
    if !doc.isNull, doc != heap.none {
      storedDoc = retain(doc)
    } else {
      storedDoc = version <= .py311 ? retain(heap.none) : .null
    }
    return heap.newFieldsObject(
      kind: .property, type: .property,
      refs: [function(fget), function(fset), function(fdel), storedDoc, .null],
      size: heap.layouts.fixedBlockSize(.property)!)
  }

  /// `property(...)` with its arguments (borrowed).
  mutating func constructProperty(_ args: [ObjectID], keywords: [(String, ObjectID)]) throws -> ObjectID {
    if args.count > 4 {
      throw raise(.typeError, "property() takes at most 4 arguments (\(args.count) given)")
    }
    var fields = [ObjectID](repeating: .null, count: 4)
    for (index, argument) in args.enumerated() { fields[index] = argument }
    for (name, value) in keywords {
      guard let index = ["fget", "fset", "fdel", "doc"].firstIndex(of: name) else {
        throw raise(.typeError, "'\(name)' is an invalid keyword argument for property()")
      }
      fields[index] = value
    }
    return newProperty(fget: fields[0], fset: fields[1], fdel: fields[2], doc: fields[3])
  }

  /// `property.getter/setter/deleter(function)`: a copy of `property` with
  /// that function replaced (owned).
  mutating func copyProperty(_ builtin: Builtin, _ property: ObjectID, _ args: [ObjectID]) throws -> ObjectID
  {
    guard args.count == 1 else {
      let name = version >= .py39 ? "property.\(builtin.name)" : builtin.name
      throw raise(.typeError, "\(name)() takes exactly one argument (\(args.count) given)")
    }
    var fields = (0..<4).map { propertyField(property, $0) }
    switch builtin {
    case .propertyGetter: fields[0] = args[0]
    case .propertySetter: fields[1] = args[0]
    default: fields[2] = args[0]
    }
    // The type call's argument tuple: (fget, fset, fdel, doc), None for null.
    var arguments = ObjectID.null
    if Interpreter.typeCallPacksArguments(.property, version: version) {
      arguments = heap.newTuple(fields.map { retain($0.isNull ? heap.none : $0) })
    }
    defer { drop(arguments) }
    let copy = newProperty(fget: fields[0], fset: fields[1], fdel: fields[2], doc: fields[3])
    let name = propertyField(property, 4)
    if !name.isNull {
      heap.incref(name)
      heap.withFields(copy) { $0.refs[4] = name }
    }
    return copy
  }

  /// Gives the properties of a new class's namespace their names (3.10+).
  mutating func nameProperties(_ entries: [(hash: Int, key: ObjectID, value: ObjectID)]) {
    guard version >= .py310 else { return }
    for entry in entries where heap.kind(of: entry.value) == .property {
      let old = propertyField(entry.value, 4)
      heap.incref(entry.key)
      heap.withFields(entry.value) { $0.refs[4] = entry.key }
      drop(old)
    }
  }

  /// The AttributeError of using property `property` of `object` through
  /// a function it lacks (`function`: "getter", "setter" or "deleter").
  mutating func missingPropertyFunction(_ property: ObjectID, of object: ObjectID, _ function: String)
    -> any Error
  {
    var name = propertyField(property, 4)
    // 3.13 falls back to the getter's __name__.
    let getter = propertyField(property, 0)
    if name.isNull, version >= .py313, !getter.isNull, heap.kind(of: getter) == .function {
      name = heap.function(getter).name
    }
    let quoted = name.isNull ? "" : " '\(heap.string(name))'"
    if version >= .py311 {
      let typeName = (try? self.typeName(of: object)) ?? "?"
      return raise(.attributeError, "property\(quoted) of '\(typeName)' object has no \(function)")
    }
    let base =
      switch function {
      case "getter": "unreadable attribute"
      case "setter": "can't set attribute"
      default: "can't delete attribute"
      }
    return raise(.attributeError, version == .py310 ? base + quoted : base)
  }
}
