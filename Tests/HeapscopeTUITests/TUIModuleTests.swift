import HeapscopeTUI
import HeapModel
import Testing

@Suite struct TUIModuleTests {
  @Test func tuiLinksAgainstTheModel() {
    #expect(VersionProfile(.py312).allocator.poolSize == 16384)
  }
}
