import Foundation
import Testing
@testable import LabSpec

/// `LabLoader.load(_:exercisesAsRead:)` decodes each exercise as soon as the reader has read it
/// and drops its nodes (`YAMLHandOver`). The lab and the diagnostics must be those of a load
/// that keeps the whole tree, for every file: the exercises handed over, and those that must not
/// be (anchored, aliased, in a phase whose id comes after them, under merge keys).
@Suite struct ExercisesAsReadTests {
    /// What a load gives, written out whole: the lab's every field, and each diagnostic with its notes.
    func described(_ loaded: LabLoader.Loaded) -> String {
        let lab = loaded.lab.map { String(reflecting: $0) } ?? "no lab"
        return lab + "\n" + loaded.diagnostics.map { String(reflecting: $0) }.joined(separator: "\n")
    }

    /// Both loads of `text`, and how many exercises of the lean one's document were dropped.
    func loadBothWays(_ bytes: [UInt8]) -> (whole: String, asRead: String, dropped: Int) {
        let loader = LabLoader(builtinSets: ["ai"])
        let source = SourceFile(path: "lab.yml", bytes: bytes)
        let asRead = loader.load(source, exercisesAsRead: true)
        return (described(loader.load(source)), described(asRead), dropped(in: asRead.document))
    }

    /// Exercises left as empty mappings in a document: those that were handed over.
    func dropped(in document: YAMLDocument?) -> Int {
        guard let phases = document?.root["phases"]?.sequence else { return 0 }
        var count = 0
        for phase in phases {
            guard let exercises = phase["exercises"]?.sequence else { continue }
            count += exercises.filter { $0.mapping?.isEmpty == true }.count
        }
        return count
    }

    @Test func everyFixtureLoadsTheSameAsRead() throws {
        let files = YAMLParsingAsideTests.fixtureFiles()
        #expect(files.count > 150)
        var handedOver = 0
        for file in files {
            let (whole, asRead, dropped) = loadBothWays(try [UInt8](Data(contentsOf: file)))
            #expect(whole == asRead, "\(file.path)")
            handedOver += dropped
        }
        // The fixtures' exercises are mostly handed over: the path is taken, not only skipped.
        #expect(handedOver > 50)
    }

    func lab(_ phases: String, head: String = "") -> [UInt8] {
        Array(("lab: Edges\n" + head + "phases:\n" + phases).utf8)
    }

    static let exercise = "      - id: one\n        title: One\n        verify:\n          - run: \"true\"\n"

    @Test(arguments: [
        // Handed over: the usual shape, flow style, problems inside, an empty mapping.
        ("plain", "  - id: 1\n    title: P\n    exercises:\n" + exercise, 1),
        ("flow", "  - {id: 1, title: P, exercises: [{id: a, title: A}, {id: b, title: B, verify: [{run: x}]}]}\n", 2),
        ("problems", "  - id: 1\n    title: P\n    exercises:\n      - id: Bad_ID\n        titel: T\n        verify: []\n      - {}\n", 2),
        ("bad phase id", "  - id: zero\n    title: P\n    exercises:\n" + exercise, 1),
        ("duplicate ids", "  - id: 1\n    title: P\n    exercises:\n" + exercise + exercise, 2),
        ("an alias inside", "  - id: 1\n    title: P\n    exercises:\n      - id: a\n        title: *t\n", 1),
        // Not handed over: the phase's id after its exercises, anchors on the way, aliases, merges.
        ("id after", "  - title: P\n    exercises:\n" + exercise + "    id: 1\n", 0),
        ("no id", "  - title: P\n    exercises:\n" + exercise, 0),
        ("anchored exercise", "  - id: 1\n    title: P\n    exercises:\n      - &e {id: a, title: A}\n      - *e\n", 0),
        ("anchor inside", "  - id: 1\n    title: P\n    exercises:\n      - id: a\n        title: &x A\n      - {id: b, title: *x}\n", 1),
        ("anchored list", "  - id: 1\n    title: P\n    exercises: &list\n" + exercise + "  - id: 2\n    title: Q\n    exercises: *list\n", 0),
        ("anchored phase", "  - &p\n    id: 1\n    title: P\n    exercises:\n" + exercise + "  - <<: *p\n    id: 2\n", 0),
        ("merged id", "  - <<: {id: 4}\n    title: P\n    exercises:\n" + exercise, 0),
        ("merge key first", "  - <<: {id: 4}\n    id: 5\n    title: P\n    exercises:\n" + exercise, 1),
        // A list taken an item at a time (one of its items not handed over) beside one taken
        // whole, with duplicate ids within and across them, and one whose first is not handed over.
        ("mixed lists", "  - id: 1\n    title: P\n    exercises:\n      - &e {id: a, title: A}\n      - {id: b, title: B}\n      - {id: a, title: C}\n"
            + "  - id: 2\n    title: Q\n    exercises:\n      - {id: b, title: D}\n      - {id: c, title: E}\n      - {id: c, title: F}\n", 5),
        ("duplicates in whole lists", "  - id: 1\n    title: P\n    exercises:\n" + exercise + exercise + "  - id: 1\n    title: Q\n    exercises:\n" + exercise, 3),
        // A phase's id and its exercises' aliased from one scalar: the duplicate phase id and the
        // duplicate exercise id are at one place, in the order a whole read finds them.
        ("one id for all", "  - id: &n 1\n    title: One\n    exercises:\n      - {id: *n, title: A}\n      - {id: *n, title: B}\n"
            + "  - id: *n\n    title: Two\n    exercises:\n      - {id: *n, title: C}\n", 3),
    ])
    func edges(_ name: String, _ phases: String, _ handedOver: Int) {
        let (whole, asRead, dropped) = loadBothWays(lab(phases, head: "t: &t Title\n"))
        #expect(whole == asRead, "\(name)")
        #expect(dropped == handedOver, "\(name)")
    }

    /// Many exercises over three phases, with problems and duplicate ids within and across
    /// phases: every one handed over, and the same lab and diagnostics as a whole read; each
    /// duplicate's note points at the first definition.
    @Test func manyExercisesAcrossChunks() throws {
        var text = "lab: Many\nphases:\n"
        var firstDuplicateLine = 0
        var line = 3
        for phase in 1...3 {
            text += "  - id: \(phase)\n    title: P\(phase)\n    exercises:\n"
            line += 3
            for number in 1...450 {
                let overall = (phase - 1) * 450 + number
                let id = [10, 512, 513, 1_024, 1_300].contains(overall) ? "dup" : "e\(overall)"
                if id == "dup" && firstDuplicateLine == 0 { firstDuplicateLine = line }
                let title = overall % 500 == 0 ? "\"\"" : "T\(overall)"
                text += "      - id: \(id)\n        title: \(title)\n"
                line += 2
            }
        }
        let (whole, asRead, dropped) = loadBothWays(Array(text.utf8))
        #expect(whole == asRead)
        #expect(dropped == 1_350)
        let loaded = LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)), exercisesAsRead: true)
        let duplicates = loaded.diagnostics.filter { $0.message.contains("duplicate exercise id 'dup'") }
        #expect(duplicates.count == 4)
        for duplicate in duplicates {
            #expect(duplicate.notes.first?.location?.mark?.line == firstDuplicateLine)
        }
    }

    /// A list whose every item was handed over is taken whole, once; an item taken alone keeps
    /// its list from being taken whole; duplicate ids are found in the order written.
    @Test func wholeListsAreTakenOnceAndDuplicatesFoundAsRead() throws {
        let text = "lab: L\nphases:\n  - id: 1\n    title: P\n    exercises:\n      - {id: a, title: A}\n      - {id: b, title: B}\n"
            + "      - {id: a, title: C}\n  - id: 2\n    title: Q\n    exercises:\n      - {id: b, title: D}\n      - {title: no id}\n"
        let source = SourceFile(path: "lab.yml", bytes: Array(text.utf8))
        let ahead = LabDecoder.DecodedAhead()
        let scratch = LabDecoder(source: source, builtinSets: [])
        let handOver = YAMLHandOver(outerKey: "phases", innerKey: "exercises") { item, list, enclosingValue in
            guard let idNode = enclosingValue("id") else { return false }
            ahead.decode(item, list: list, phase: LabDecoder.phaseID(idNode) ?? 0, with: scratch)
            return true
        }
        let document = try YAMLReader().read(source, handingOver: handOver).get()
        #expect(ahead.decodedCount == 5)
        #expect(ahead.duplicates.map(\.id) == ["a", "b"])
        #expect(ahead.duplicates.map(\.first.phase) == [1, 1])
        #expect(ahead.duplicates.map(\.mark.line) == [8, 12])
        let lists = try #require(document.root["phases"]?.sequence).map { $0["exercises"]! }
        #expect(ahead.takeList(at: lists[0].start.offset, count: 2) == nil, "not every item")
        #expect(ahead.takeList(at: lists[0].start.offset + 1, count: 3) == nil, "not where a list starts")
        let first = ahead.takeList(at: lists[0].start.offset, count: 3)
        #expect(first?.exercises.map(\.title) == ["A", "B", "C"])
        #expect(ahead.takeList(at: lists[0].start.offset, count: 3) == nil, "taken already")
        #expect(ahead.take(at: lists[0].start.offset + 2) == nil)
        let second = try #require(lists[1].sequence)
        #expect(ahead.take(at: second[0].start.offset)?.exercise?.title == "D")
        #expect(ahead.take(at: second[0].start.offset) == nil, "taken already")
        #expect(ahead.takeList(at: lists[1].start.offset, count: 2) == nil, "an item of it was taken")
        #expect(ahead.take(at: second[1].start.offset)?.exercise?.title == "no id")
        #expect(ahead.takenCount == 5)
    }

    /// Problems of the file as a whole after exercises were handed over: the read fails, and
    /// says what a whole read says.
    @Test(arguments: [
        "  - id: 1\n    title: P\n    exercises:\n" + exercise + "    exercises: []\n",
        "  - id: 1\n    title: P\n    exercises:\n" + exercise + "late: *nowhere\n",
        "  - id: 1\n    title: P\n    exercises:\n" + exercise + "phases: again\n",
        "  - id: 1\n    title: P\n    exercises:\n" + exercise + "broken: [\n",
    ])
    func laterProblems(_ phases: String) {
        let (whole, asRead, _) = loadBothWays(lab(phases))
        #expect(whole == asRead)
        #expect(whole.hasPrefix("no lab"))
    }

    /// A large file, read aside and handed over at once: the same as a whole read in place.
    @Test func aLargeFileLoadsTheSame() {
        var text = "lab: Large\nphases:\n"
        for phase in 1...3 {
            text += "  - id: \(phase)\n    title: Phase \(phase)\n    exercises:\n"
            for number in 1...1_500 {
                text += "      - id: p\(phase)-e\(number)\n        title: 'Exercise \(number)'\n        verify:\n          - run: echo \(number)\n"
                if number % 500 == 0 { text += "      - id: p\(phase)-e\(number)\n        title: ''\n" }
            }
        }
        let bytes = Array(text.utf8)
        #expect(bytes.count > YAMLReader().parseAsideFrom)
        let (whole, asRead, dropped) = loadBothWays(bytes)
        #expect(whole == asRead)
        #expect(dropped == 3 * 1_503)
    }
}
