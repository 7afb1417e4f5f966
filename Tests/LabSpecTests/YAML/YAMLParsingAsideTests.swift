import CYAML
import Foundation
import Testing
@testable import LabSpec

/// From a size on, libyaml parses on a thread of its own and hands its events over in batches
/// while the tree is built. Every file must read the same either way: the same tree, marks,
/// anchors and aliases, and the same diagnostics — whether libyaml fails, or the reader stops
/// early on a problem of its own while the parsing thread is still ahead.
@Suite struct YAMLParsingAsideTests {
    /// `Tests/Fixtures`, found from where this file sits (`Tests/LabSpecTests/YAML/`).
    static let fixtures = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Fixtures")

    /// Every file under `Tests/Fixtures` that may be YAML: lab files, data files, fuzz findings.
    static func fixtureFiles() -> [URL] {
        let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [URL] = []
        while let url = walker?.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.path
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") || path.contains("/fuzz/") { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// What a read gives, written out whole (the tree's arrays, the roots, the diagnostics).
    func described(_ result: Result<[YAMLDocument], YAMLReadFailure>) -> String {
        switch result {
        case .success(let documents):
            guard let tree = documents.first?.root.tree else { return "no documents" }
            let roots = documents.map { "root \($0.root.index) aliased \($0.aliasTargets.sorted())" }
            return roots.joined(separator: "; ") + "\n\(tree.records)\n\(tree.scalars)\n\(tree.items)\n\(tree.entries)"
                + "\n\(tree.aliasMarks)\n\(tree.attributes)"
        case .failure(let failure):
            return "failure \(failure.diagnostics)"
        }
    }

    /// The file read in place and aside, as `lab.yml` (one document) and as a data file.
    func readBothWays(_ bytes: [UInt8], path: String = "lab.yml") -> [(here: String, aside: String)] {
        var here = YAMLReader()
        here.parseAsideFrom = .max
        var aside = YAMLReader()
        aside.parseAsideFrom = 0
        let source = SourceFile(path: path, bytes: bytes)
        return [
            (described(here.read(source).map { [$0] }), described(aside.read(source).map { [$0] })),
            (described(here.readDocuments(source)), described(aside.readDocuments(source))),
        ]
    }

    @Test func everyFixtureReadsTheSameAside() throws {
        let files = Self.fixtureFiles()
        #expect(files.count > 150)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            for (here, aside) in readBothWays(bytes) {
                #expect(here == aside, "\(file.path)")
            }
        }
    }

    /// Enough events for many batches, an anchor early and its aliases late, in every style.
    func large(exercises: Int, then tail: String = "") -> [UInt8] {
        var text = "lab: Large\nversion: 1\ndefaults: &defaults\n  shell: /bin/sh\n  timeout: 5s\nphases:\n"
        for phase in 1...3 {
            text += "  - id: \(phase)\n    title: \"Phase \\u00e9 \(phase)\"\n    exercises:\n"
            for number in 1...exercises {
                text += "      - id: p\(phase)-e\(number)\n        title: 'Exercise — \(number)'\n"
                text += "        options: *defaults\n        tags: [a, b, {c: d}]\n        verify:\n          - run: |\n              echo \(number)\n"
            }
        }
        return Array((text + tail).utf8)
    }

    @Test func largeFilesReadTheSameAside() {
        let cases: [(String, [UInt8])] = [
            ("valid", large(exercises: 400)),
            ("libyaml fails at the end", large(exercises: 400, then: "broken: [unclosed\n")),
            ("the reader fails at the end", large(exercises: 400, then: "lab: again\n")),
            ("an unknown alias at the end", large(exercises: 400, then: "late: *nowhere\n")),
            ("several documents", large(exercises: 300) + Array("---\nsecond: document\n...\n".utf8) + large(exercises: 300)),
        ]
        for (name, bytes) in cases {
            for (here, aside) in readBothWays(bytes) {
                #expect(here == aside, "\(name)")
            }
        }
    }

    /// The reader gives up at once while libyaml still has most of the file to parse: the
    /// parsing thread is stopped and waited for, and the answer is the one read in place gives.
    @Test func anEarlyProblemStopsTheParsingThread() {
        let early: [(String, [UInt8])] = [
            ("duplicate key", Array("lab: one\nlab: two\n".utf8) + large(exercises: 300).dropFirst(9)),
            ("too deep", Array(String(repeating: "[", count: 300).utf8) + large(exercises: 300)),
            ("unsupported tag", Array("phases: !!set {a, b}\n".utf8) + large(exercises: 300)),
            ("two documents", Array("a: 1\n---\nb: 2\n---\n".utf8) + large(exercises: 300)),
        ]
        for (name, bytes) in early {
            let reads = readBothWays(bytes)
            #expect(reads[0].here.hasPrefix("failure"), "\(name)")
            for (here, aside) in reads {
                #expect(here == aside, "\(name)")
            }
        }
    }

    /// Events of `bytes` read with `LibyamlEvents`, in place or aside, through `body`.
    func withEvents(of bytes: [UInt8], aside: Bool, _ body: (inout LibyamlEvents) -> Void) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        yaml_parser_initialize(parser)
        defer { yaml_parser_delete(parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var events = LibyamlEvents(parser: parser, aside: aside)
            defer { events.stop() }
            body(&events)
        }
    }

    /// A batch read to its end goes back to the parsing thread to be filled again, unless
    /// something still holds it: the events read aside are those read in place, and a batch kept
    /// from the first event to the end of the file keeps its events and texts, never refilled.
    @Test func aBatchStillHeldIsNotFilledAgain() {
        let bytes = large(exercises: 1_000)
        func scalars(aside: Bool) -> [String] {
            var all: [String] = []
            withEvents(of: bytes, aside: aside) { events in
                while let event = events.next(), event.type != YAML_STREAM_END_EVENT {
                    if event.type == YAML_SCALAR_EVENT { all.append(events.batch.text(event.value) ?? "") }
                }
            }
            return all
        }
        let inPlace = scalars(aside: false)
        #expect(inPlace.count > 30_000)
        #expect(scalars(aside: true) == inPlace)

        withEvents(of: bytes, aside: true) { events in
            _ = events.next()
            let first = events.batch
            func texts() -> [String] { first.events.map { first.text($0.value) ?? "-" } }
            let before = texts()
            var batches = 1
            var current = ObjectIdentifier(first)
            while let event = events.next(), event.type != YAML_STREAM_END_EVENT {
                guard ObjectIdentifier(events.batch) != current else { continue }
                current = ObjectIdentifier(events.batch)
                batches += 1
                #expect(events.batch !== first, "a batch still held was filled again")
            }
            // Far more batches than are ever queued: the later ones are filled again.
            #expect(batches > 3 * ParsingAside.queueLimit)
            #expect(texts() == before)
        }
    }

    @Test func onlyLargeFilesAreParsedAside() {
        #expect(YAMLReader().parseAsideFrom == 256 << 10)
    }
}
