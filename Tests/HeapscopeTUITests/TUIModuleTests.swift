import HeapModel
import HeapscopeTUI
import Testing

@Suite struct TUIModuleTests {
  @Test func tuiLinksAgainstTheModel() {
    #expect(VersionProfile(.py312).allocator.poolSize == 16384)
  }
}
