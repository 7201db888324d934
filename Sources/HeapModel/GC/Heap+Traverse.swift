// tp_traverse and tp_clear of the modelled types.
//
// `appendReferents(of:to:)` lists what an object's `tp_traverse` visits, in
// the order it visits them; the collection's passes (subtract_refs,
// move_unreachable, …) and `gc.get_referents` see references in that order,
// which decides the order objects are moved back from `unreachable` and so
// the order of `__del__` calls and of clearing. Orders (gcmodule-era sources,
// checked with `gc.get_referents` on 3.8–3.13):
//   list, tuple   items last to first (`list_traverse`, `tupletraverse`)
//   dict          per entry in insertion order: value, then key; only the
//                 values while every key is a str
//   instance      `__slots__` values, inline values (3.11+), `__dict__`,
//                 then the class (`subtype_traverse`); exceptions then their
//                 BaseException fields
//   class         tp_dict, mro, bases, base (`type_traverse`)
//   class dict    namespace (value, key per entry), then the descriptors
//   function      globals, defaults, kwdefaults, name, dict, closure,
//                 qualname (`func_traverse`; code is not modelled as a row)
//   weakref       the callback only (the referent is weak)
//   others        the fields payload in slot order
//
// `gcClear(_:)` is tp_clear: it detaches the references CPython's tp_clear
// drops, in the order it drops them, and reports blocks to free after them.
// Tuples, bound methods, iterators, generators, views, `super`, property,
// enumerate/zip/map/filter and builtin methods have no tp_clear (a cycle
// through them is broken by clearing one of the other members). 3.11+
// `func_clear` keeps the code and replaces name and qualname with `''`.
//
// The traversal fills a caller-owned buffer so the hot passes allocate
// nothing per object; the passes read lists, tuples and instances in place
// (GC/ReferentReader.swift), in the same order.

extension Heap {
  /// Appends what the object's tp_traverse visits to `buffer`, in visiting
  /// order (nulls are skipped; non-GC referents are included, as
  /// `gc.get_referents` shows them).
  /// - Complexity: O(references), no allocation once `buffer` has grown.
  public func appendReferents(of id: ObjectID, to buffer: inout [ObjectID]) {
    let slot = Int(payloads[id.slot])
    switch kinds[id.slot] {
    case .tuple, .list:
      appendItemsReversed(row: id.slot, to: &buffer)
    case .dict:
      // A table of str keys only (3.8-3.10 `lookdict_unicode*`, 3.11+
      // `DK_IS_UNICODE`) visits just the values.
      let table = dicts.elements[slot]
      table.table.appendReferences(in: tableSlab, keys: !table.unicodeKeys, to: &buffer)
    case .set, .frozenset:
      dicts.elements[slot].table.appendReferences(in: tableSlab, values: false, to: &buffer)
    case .module, .builtinFunction, .builtinType:
      // Static objects of the interpreter: their contents are not modelled rows.
      return
    case .instance, .slotsInstance, .exception:
      let payload = instances.elements[slot]
      appendSlotsAndValues(of: payload, to: &buffer)
      if kinds[id.slot] != .exception {
        if !payload.dict.isNull { buffer.append(payload.dict) }
        buffer.append(types[id.slot])
      } else {
        // A builtin exception type is static: only a class's instances
        // visit their type (`subtype_traverse`).
        if kinds[types[id.slot].slot] == .type { buffer.append(types[id.slot]) }
        if !payload.dict.isNull { buffer.append(payload.dict) }
      }
      appendExceptionFields(of: payload, nulls: false, to: &buffer)
    case .type:
      let payload = classes.elements[slot]
      if payload.dictObject.isNull {
        appendTableReferents(payload.namespace, to: &buffer)
      } else {
        // `type_traverse`: tp_dict, tp_mro, tp_bases, tp_base.
        buffer.append(payload.dictObject)
        Heap.appendPresent(payload.mro, to: &buffer)
        Heap.appendPresent(payload.bases, to: &buffer)
      }
      if !payload.base.isNull { buffer.append(payload.base) }
    case .classDict:
      appendClassDictReferents(payloadSlot: slot, to: &buffer)
    case .function:
      let payload = functions.elements[slot]
      Heap.appendPresent(payload.globals, to: &buffer)
      Heap.appendPresent(payload.defaults, to: &buffer)
      Heap.appendPresent(payload.keywordDefaults, to: &buffer)
      Heap.appendPresent(payload.name, to: &buffer)
      Heap.appendPresent(payload.dict, to: &buffer)
      Heap.appendPresent(payload.closure, to: &buffer)
      Heap.appendPresent(payload.qualifiedName, to: &buffer)
    case .weakref, .weakproxy:
      for value in fields.elements[slot].refs where !value.isNull { buffer.append(value) }
    default:
      guard kinds[id.slot].isGCType else { return }
      for value in fields.elements[slot].refs where !value.isNull { buffer.append(value) }
    }
  }

  /// What `gc.get_referents(obj)` returns for one object.
  public func referents(of id: ObjectID) -> [ObjectID] {
    var buffer: [ObjectID] = []
    appendReferents(of: id, to: &buffer)
    return buffer
  }

  /// Tracked objects (generations 0–2, in list order) whose tp_traverse
  /// visits `target` (`gc.get_referrers`).
  /// - Complexity: O(tracked objects × references).
  public func referrers(of target: ObjectID) -> [ObjectID] {
    var result: [ObjectID] = []
    var buffer: [ObjectID] = []
    for list in [GCList.generation0, .generation1, .generation2] {
      var slot = gc.heads[Int(list.rawValue)].first
      while slot >= 0 {
        buffer.removeAll(keepingCapacity: true)
        appendReferents(of: ObjectID(slot), to: &buffer)
        if buffer.contains(target) { result.append(ObjectID(slot)) }
        slot = gc.next[Int(slot)]
      }
    }
    return result
  }

  @inline(__always) private static func appendPresent(_ id: ObjectID, to buffer: inout [ObjectID]) {
    if !id.isNull { buffer.append(id) }
  }

  private func appendTableReferents(_ table: DictTable, to buffer: inout [ObjectID]) {
    for position in 0..<table.entryCount where table.isLive(position) {
      buffer.append(table.values[position])
      buffer.append(table.keys[position])
    }
  }

  /// Whether the kind has a tp_clear.
  static func hasClear(_ kind: ObjectKind) -> Bool {
    switch kind {
    case .tuple, .descriptor, .boundMethod, .builtinMethod, .generator, .listIterator, .listReverseIterator,
      .tupleIterator, .strIterator, .bytesIterator, .dictIterator, .dictView, .setIterator, .enumerate,
      .zip, .map, .filter, .property, .superObject, .slice:
      return false
    default:
      return kind.isGCType
    }
  }

  /// Runs the object's tp_clear: removes the references it drops from the
  /// payload and appends them to `drops` in CPython's order (the caller
  /// drops them); returns a storage block to free after them (a list's item
  /// array, a dict's keys table), or 0.
  mutating func gcClear(_ id: ObjectID, into drops: inout [ObjectID]) -> UInt64 {
    let kind = kinds[id.slot]
    guard Heap.hasClear(kind) else { return 0 }
    var blockAfter: UInt64 = 0
    let slot = Int(payloads[id.slot])
    switch kind {
    case .list:
      // `_list_clear`: empty the list first, drop items last to first, then
      // free the item array.
      appendItemsReversed(row: id.slot, to: &drops)
      blockAfter = releaseSequence(row: id.slot)
    case .dict:
      // `PyDict_Clear`: switch to the empty keys, then drop key and value of
      // each entry in order, then free the old keys table.
      let payload = dicts[slot]
      payload.table.appendReferences(in: tableSlab, valueFirst: false, to: &drops)
      dicts[slot].table.removeAll(in: &tableSlab)
      blockAfter = payload.keysAddress
      dicts[slot] = DictPayload()
    case .set, .frozenset:
      // `set_clear_internal`: drop every key, free the separate table.
      let payload = dicts[slot]
      payload.table.appendReferences(in: tableSlab, values: false, to: &drops)
      dicts[slot].table.removeAll(in: &tableSlab)
      blockAfter = payload.keysAddress
      var cleared = DictPayload()
      cleared.keysSlots = ObjectLayouts.setInlineSlots
      dicts[slot] = cleared
    case .instance, .slotsInstance, .exception:
      // `subtype_clear`: slots, inline values (3.11+), the dict; exceptions
      // then `BaseException_clear`'s fields. The class stays.
      let payload = instances[slot]
      let start = Int(payload.refsStart)
      for word in start..<(start + Int(payload.slotCount)) { drops.append(ObjectID(payloadSlab[word])) }
      for entry in inlineEntries(payloadSlot: slot) { drops.append(entry.value) }
      drops.append(payload.dict)
      appendExceptionFields(of: payload, nulls: true, to: &drops)
      for word in start..<(start + Int(payload.slotCount + payload.extraCount)) {
        payloadSlab[word] = ObjectID.null.index
      }
      releaseInlineAttributes(payloadSlot: slot)
      instances[slot].dict = .null
    case .type:
      if classes[slot].dictObject.isNull {
        // A static class: clear the namespace.
        for position in 0..<classes[slot].namespace.entryCount
        where classes[slot].namespace.isLive(position) {
          drops.append(classes[slot].namespace.keys[position])
          drops.append(classes[slot].namespace.values[position])
        }
        classes[slot].namespace.removeAll()
        classNamespacesChanged()
      } else {
        // `type_clear`: empty tp_dict (`PyDict_Clear`), then drop the MRO;
        // the dict, bases and base stay until the type's dealloc.
        blockAfter = clearClassDict(payloadSlot: slot, into: &drops)
        drops.append(classes[slot].mro)
        classes[slot].mro = .null
      }
    case .classDict:
      blockAfter = clearClassDict(payloadSlot: slot, into: &drops)
    case .function:
      var payload = functions[slot]
      if profile.functionClearKeepsNames {
        drops.append(contentsOf: [
          payload.globals, payload.defaults, payload.keywordDefaults, payload.dict, payload.closure,
          payload.name, payload.qualifiedName,
        ])
        incref(emptyString)
        incref(emptyString)
        payload.name = emptyString
        payload.qualifiedName = emptyString
      } else {
        drops.append(contentsOf: [
          payload.globals, payload.name, payload.defaults, payload.keywordDefaults, payload.dict,
          payload.closure, payload.qualifiedName,
        ])
        payload.name = .null
        payload.qualifiedName = .null
      }
      payload.globals = .null
      payload.defaults = .null
      payload.keywordDefaults = .null
      payload.dict = .null
      payload.closure = .null
      functions[slot] = payload
    case .weakref, .weakproxy:
      // `gc_clear` → `clear_weakref`: unlink from the referent, drop the callback.
      clearWeakref(id)
      drops.append(contentsOf: fields[slot].refs)
      fields[slot].refs = []
    default:
      drops.append(contentsOf: fields[slot].refs)
      fields[slot].refs = Array(repeating: .null, count: fields[slot].refs.count)
    }
    return blockAfter
  }
}
