// The object types heapscope's interpreter creates, as one small enum so the
// layout questions ("how big?", "GC type?", "where is id()?") are a switch,
// never a string or dictionary lookup.
//
// Fixed-size kinds have one object block whose size depends only on the
// version (`ObjectLayouts.fixedBlockSize(_:)`). Variable kinds (int, str,
// bytes, tuple, instances, type objects, frames, 3.11+ generators) take their
// inputs through dedicated methods of `ObjectLayouts`; containers (list, dict,
// set, bytearray) have a fixed object block plus separately allocated storage.

/// A kind of Python object whose memory layout heapscope models.
public enum ObjectKind: UInt8, CaseIterable, Sendable, Hashable {
  // Scalars and singletons.
  case object, none, bool, int, float, str, bytes
  // Containers.
  case bytearray, tuple, list, dict, set, frozenset
  // Instances of user classes; `slotsInstance` has `__slots__` and no `__dict__`.
  case instance, slotsInstance
  /// A class object (heap type).
  case type
  // Callables and execution state.
  case function, cell, boundMethod, builtinMethod, module, generator, frame
  // Ranges and iterators.
  case range, rangeIterator, longRangeIterator, listIterator, listReverseIterator
  case tupleIterator, strIterator, bytesIterator, dictIterator, dictView, setIterator
  case enumerate, zip, map, filter, slice
  // Descriptors and helpers.
  case property, staticMethod, classMethod, superObject
  /// A getset or member descriptor a class creates for its instances'
  /// `__dict__`, `__weakref__` and `__slots__` (refs: [the class]).
  case descriptor
  /// The namespace dict (`tp_dict`) of a user class; its entries live in
  /// the class's `ClassPayload` (the payload is the class payload's slot).
  case classDict
  // Weak references.
  case weakref, weakproxy
  /// A `BaseException` instance without extra fields (`ValueError`, `KeyError`, …).
  case exception
  case stopIteration, attributeError, traceback
  // Interpreter objects heapscope creates statically, never from pymalloc.
  case notImplemented, ellipsis, builtinType, builtinFunction, code

  /// Whether objects of this kind carry a GC header (`PyGC_Head`); the same
  /// in every modelled version.
  @inlinable public var isGCType: Bool {
    switch self {
    case .object, .none, .bool, .int, .float, .str, .bytes, .bytearray, .range, .rangeIterator,
      .longRangeIterator, .notImplemented, .ellipsis, .builtinType, .code:
      return false
    default:
      return true
    }
  }

  /// Instances of user classes, with or without `__slots__`.
  @inlinable public var isInstance: Bool { self == .instance || self == .slotsInstance }
}
