// How much memory the model of this heap takes (see `ModelFootprint` for
// how Swift arrays and glibc chunks are counted). Two figures:
//
// * `memoryFootprint()` walks every payload and counts each inner array,
//   string and table: O(objects), for the bench and tests.
// * `approximateModelBytes` counts the columns, the slabs and the payload
//   stores' outer arrays only: O(1), cheap enough for the timeline to price
//   each checkpoint with it.

import BigInt

extension Heap {
  /// The model's memory for this heap, part by part, walking every payload.
  /// - Complexity: O(objects + references).
  public func memoryFootprint() -> ModelFootprint {
    var footprint = ModelFootprint()
    footprint.rows = rowColumnBytes
    footprint.collector = collectorColumnBytes
    footprint.sequences = itemSlab.memoryFootprint
    footprint.dicts = ModelFootprint.array(dicts.elements) + dicts.freeListBytes + tableSlab.memoryFootprint
    footprint.instances =
      ModelFootprint.array(instances.elements) + instances.freeListBytes
      + ModelFootprint.array(classes.elements)
      + classes.freeListBytes + ModelFootprint.array(functions.elements) + functions.freeListBytes
      + ModelFootprint.array(sharedTables.elements) + sharedTables.freeListBytes
    footprint.instances += payloadSlab.memoryFootprint
    for payload in classes.elements {
      footprint.instances +=
        payload.namespace.memoryFootprint + ModelFootprint.array(payload.companionBlocks)
        + ModelFootprint.string(payload.name) + ModelFootprint.string(payload.qualifiedName)
    }
    for table in sharedTables.elements {
      footprint.instances += ModelFootprint.array(table.names)
      for name in table.names { footprint.instances += ModelFootprint.string(name) }
    }
    footprint.fields = ModelFootprint.array(fields.elements) + fields.freeListBytes
    for payload in fields.elements { footprint.fields += ModelFootprint.array(payload.refs) }
    footprint.scalars =
      strs.memoryFootprint + ModelFootprint.array(byteStrings.elements)
      + byteStrings.freeListBytes + ModelFootprint.array(bigInts.elements) + bigInts.freeListBytes
    for bytes in byteStrings.elements { footprint.scalars += ModelFootprint.array(bytes) }
    for value in bigInts.elements where value.magnitude.words.count > 2 {
      footprint.scalars += ModelFootprint.array(capacity: value.magnitude.words.count, stride: 8)
    }
    footprint.other = otherBytes
    return footprint
  }

  /// An estimate of the model's memory for this heap: the columns and the
  /// payload stores, with inner arrays counted only where that is cheap.
  /// The timeline prices its checkpoints with it.
  /// - Complexity: O(1).
  public var approximateModelBytes: Int {
    let stores =
      itemSlab.memoryFootprint + ModelFootprint.array(dicts.elements)
      + ModelFootprint.array(instances.elements) + payloadSlab.memoryFootprint
      + ModelFootprint.array(fields.elements)
      + strs.memoryFootprint + tableSlab.memoryFootprint
    return rowColumnBytes + collectorColumnBytes + stores
  }

  private var rowColumnBytes: Int {
    table.storage.memoryFootprint
  }

  private var collectorColumnBytes: Int {
    gc.memoryFootprint + ModelFootprint.array(gc.scratch)
  }

  private var otherBytes: Int {
    var bytes =
      ModelFootprint.array(builtinTypeObjects) + ModelFootprint.array(smallInts)
      + ModelFootprint.array(latin1Chars) + ModelFootprint.array(byteChars)
      + ModelFootprint.dictionary(interned) + ModelFootprint.array(deallocStack)
      + ModelFootprint.array(deallocRefs) + ModelFootprint.array(deallocBlocks)
      + ModelFootprint.dictionary(weakrefLists) + freeLists.memoryFootprint
      + ModelFootprint.dictionary(zombieFrames) + ModelFootprint.dictionary(frameZombieSizes)
      + ModelFootprint.dictionary(frameCodes) + ModelFootprint.dictionary(bytearrayBuffers)
    for key in interned.keys { bytes += ModelFootprint.string(key.text) }
    for list in weakrefLists.values { bytes += ModelFootprint.array(list) }
    return bytes
  }
}

extension Store {
  /// Bytes of the recycled-slot stack.
  var freeListBytes: Int { ModelFootprint.array(free) }
}
