import Testing
@testable import LabSpec

@Suite struct RelativePathTests {
    @Test(arguments: [
        ("docs/notes", "docs/notes"), ("a", "a"), ("a/./b", "a/b"), ("a//b/", "a/b"), ("./a", "a"), ("a/b/..", "a"),
        ("a/../b", "b"), (".", "."), ("a/..", "."), ("...", "..."), ("a/.hidden/b", "a/.hidden/b"), ("x/..y", "x/..y"),
    ])
    func normalizes(_ path: String, _ expected: String) {
        #expect(RelativePath.normalize(path) == expected)
    }

    @Test(arguments: ["", "/etc", "~/x", "..", "../x", "a/../../x"])
    func refuses(_ path: String) {
        #expect(RelativePath.normalize(path) == nil)
    }
}
