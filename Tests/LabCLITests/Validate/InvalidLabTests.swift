import Foundation
import Testing

/// Every file in `Tests/Fixtures/invalid/` is a broken `lab.yml`; its `.expect` sidecar names the
/// first diagnostic `lab validate` must print: `LINE:COLUMN fragment`, or `- fragment` for a
/// diagnostic about the whole file.
@Suite struct InvalidLabTests {
    static let folder = Repository.fixtures.appending(path: "invalid")

    static var fixtures: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yml") }
            .sorted()
    }

    @Test func thereAreEnoughFixtures() {
        #expect(Self.fixtures.count >= 40)
    }

    @Test(arguments: fixtures)
    func firstDiagnostic(_ name: String) throws {
        let fixture = Self.folder.appending(path: name)
        let expectFile = fixture.deletingPathExtension().appendingPathExtension("expect")
        let expectation = try String(contentsOf: expectFile, encoding: .utf8)
            .split(separator: "\n").first.map(String.init) ?? ""
        let lab = try TemporaryLab()
        try lab.write("lab.yml", bytes: [UInt8](try Data(contentsOf: fixture)))
        let result = try lab.lab("validate", "--color", "never")
        #expect(result.status == 2, "\(name): \(result)")
        #expect(!result.stderr.contains("Fatal error"), "\(name) crashed: \(result)")
        let first = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        let (position, fragment) = Self.split(expectation)
        if position == "-" {
            #expect(first.hasPrefix("lab.yml: error: "), "\(name): expected a file-level error, got: \(first)")
        } else {
            #expect(first.hasPrefix("lab.yml:\(position): error: "), "\(name): expected an error at \(position), got: \(first)")
        }
        #expect(first.contains(fragment), "\(name): expected '\(fragment)' in: \(first)")
    }

    static func split(_ line: String) -> (String, String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), String(line[line.index(after: space)...]))
    }
}
