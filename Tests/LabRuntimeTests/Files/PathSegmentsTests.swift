import Testing

@testable import LabRuntime

/// Paths split on the byte `/`, as the kernel reads them.
@Suite struct PathSegmentsTests {
    @Test(arguments: [
        ("a/b/c", ["a", "b", "c"]), ("/a//b/", ["a", "b"]), ("", []), ("/", []), ("naïve/日本/x", ["naïve", "日本", "x"]),
        // A combining mark after a slash makes one grapheme cluster of the two: the slash still splits.
        ("a/\u{301}b", ["a", "\u{301}b"]),
    ])
    func segments(_ path: String, _ expected: [String]) {
        #expect(path.pathSegments() == expected)
    }

    @Test func emptySegmentsWhenAsked() {
        #expect("a//b/".pathSegments(keepingEmpty: true) == ["a", "", "b", ""])
        #expect("{{x}}/y".pathSegments(keepingEmpty: true) == ["{{x}}", "y"])
    }

    @Test(arguments: [("a/b/c", "a/b"), ("c", ""), ("", ""), ("日本/語", "日本"), ("a/\u{301}b", "a")])
    func parent(_ path: String, _ expected: String) {
        #expect(path.parentPath == expected)
    }
}
