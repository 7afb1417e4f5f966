import Foundation
import Testing

@testable import LabKit

/// Compares the checklist scanner with cmark-gfm, the reference GFM parser, on generated documents.
///
/// cmark-gfm runs through `Tests/Tools/gfm_tasks.py` (Python's `cmarkgfm` package); without python3
/// or that package the test is skipped. Two comparisons are made for every document:
///
/// - The scanner with cmark-gfm's own tasklist rule (`CmarkGFMTaskListRule`) must find exactly the
///   items cmark-gfm finds, with the same ticks. This checks the whole block structure (lists,
///   quotes, code, HTML, tables, laziness, tabs, line endings) with no exception.
/// - The scanner as shipped (the GFM spec's rule) is then compared too. Since the block structure is
///   already known to agree, each difference comes from the task rule alone, and each is put in one
///   of the documented deviations, recognised from the document's own bytes:
///   - the list marker is not the first thing on its line (after `>`, after another marker, after a
///     byte order mark), so cmark-gfm's whole-line pattern cannot match it;
///   - the task marker sits on a line after the list marker;
///   - a tab (or another whitespace character but a space) stands between the brackets;
///   - cmark-gfm ticks an item because `[x]` appears later on its line;
///   - cmark-gfm flags an item from a later line of it, where a line inside the item happens to
///     match its whole-line pattern.
///   A later difference in a document that already differs may follow from the first one (reading
///   a task marker changes what the rest of its line, and the lines after it, can be). A difference
///   that fits none of these fails the test.
@Suite struct ChecklistDifferentialTests {
    static let toolsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools")
    static let script = toolsFolder.appendingPathComponent("gfm_tasks.py")

    static let referenceIsAvailable: Bool = {
        guard let result = try? runScript(["--check"]) else { return false }
        return result.status == 0
    }()

    /// A few hundred keep the test quick; `CHECKLIST_DIFFERENTIAL_DOCUMENTS` and
    /// `CHECKLIST_DIFFERENTIAL_SEED` run a longer or different search by hand.
    static let documentCount = ProcessInfo.processInfo.environment["CHECKLIST_DIFFERENTIAL_DOCUMENTS"].flatMap(Int.init) ?? 400
    static let seed = ProcessInfo.processInfo.environment["CHECKLIST_DIFFERENTIAL_SEED"].flatMap(UInt64.init) ?? 0x6C61_625F_6366_6D

    @Test(.enabled(if: referenceIsAvailable, "needs python3 and the cmarkgfm package"))
    func scannerAgreesWithCmarkGFM() throws {
        var generator = MarkdownGenerator(seed: Self.seed)
        let documents = (0..<Self.documentCount).map { _ in generator.document() }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("checklist-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, document) in documents.enumerated() {
            try Data(document).write(to: folder.appendingPathComponent(Self.fileName(index)))
        }

        let result = try Self.runScript([folder.path])
        #expect(result.status == 0)
        let reference = try Self.parse(result.output)
        try #require(reference.count == documents.count)

        var structureAgreed = 0
        var specAgreed = 0
        var deviations: [Deviation: Int] = [:]
        for (index, document) in documents.enumerated() {
            let expected = reference[Self.fileName(index)] ?? []
            let emulated = MarkdownBlockScanner<CmarkGFMTaskListRule>.scan(document).items
            if emulated.map(Found.init) == expected {
                structureAgreed += 1
            } else {
                Issue.record("document \(index) (cmark-gfm rule): \(Self.describe(document)) expected \(expected), got \(emulated.map(Found.init))")
            }
            let spec = ChecklistDocument(bytes: document).items
            if spec.map(Found.init) == expected {
                specAgreed += 1
                continue
            }
            for deviation in Self.deviations(document: document, spec: spec, cmark: emulated, reference: expected) {
                if deviation == .unexplained {
                    Issue.record("document \(index): \(Self.describe(document)) cmark-gfm \(expected), scanner \(spec.map(Found.init))")
                }
                deviations[deviation, default: 0] += 1
            }
        }
        let summary = deviations.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue): \($0.value)" }.joined(separator: ", ")
        print(
            "checklist differential: \(documents.count) documents; with cmark-gfm's task rule \(structureAgreed) agree; "
                + "with the GFM spec's rule \(specAgreed) agree, the others differ by documented deviations (\(summary))")
        #expect(structureAgreed == documents.count)
    }

    // MARK: - Comparing

    /// A task as the reference reports it: the line of its list marker and whether it is ticked.
    struct Found: Equatable, CustomStringConvertible {
        var line: Int
        var isChecked: Bool

        init(line: Int, isChecked: Bool) {
            self.line = line
            self.isChecked = isChecked
        }

        init(_ item: TaskItem) {
            self.init(line: item.line, isChecked: item.isChecked)
        }

        var description: String { "\(line)\(isChecked ? "x" : "_")" }
    }

    enum Deviation: String {
        case markerNotFirstOnLine = "marker not first on its line"
        case taskMarkerOnLaterLine = "task marker on a later line"
        case whitespaceBetweenBrackets = "a tab between the brackets"
        case tickedByLaterX = "ticked by a later [x]"
        case flaggedByLaterLine = "flagged from a later line"
        case followsEarlierDeviation = "block structure after an earlier deviation"
        case unexplained
    }

    /// Why the spec rule's items differ from cmark-gfm's, item by item.
    static func deviations(document: [UInt8], spec: [TaskItem], cmark: [TaskItem], reference: [Found]) -> [Deviation] {
        let lines = LineTable(document)
        let specByLine = Dictionary(spec.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let cmarkByLine = Dictionary(cmark.map { ($0.line, $0) }, uniquingKeysWith: { first, _ in first })
        let referenceByLine = Dictionary(reference.map { ($0.line, $0.isChecked) }, uniquingKeysWith: { first, _ in first })
        var found: [Deviation] = []
        // Reading a task marker ends the block starts on its line and may leave the item without a
        // paragraph, so a line that is a task in one reading and text in the other can change how
        // the lines after it nest: later differences in the same document follow from the first.
        func unexplained() -> Deviation {
            found.isEmpty ? .unexplained : .followsEarlierDeviation
        }
        for line in Set(specByLine.keys).union(referenceByLine.keys).sorted() {
            let ours = specByLine[line]
            let theirs = referenceByLine[line]
            if let ours, let theirs, ours.isChecked == theirs {
                continue
            }
            let flaggedElsewhere = cmarkByLine[line].map { lines.line(of: $0.checkOffset) != line } ?? false
            if let ours, theirs == nil {
                if lines.line(of: ours.checkOffset) != line {
                    found.append(.taskMarkerOnLaterLine)
                } else if document[ours.checkOffset] != UInt8(ascii: " ") && !ours.isChecked {
                    found.append(.whitespaceBetweenBrackets)
                } else if !lines.cmarkPatternMatches(line) {
                    found.append(.markerNotFirstOnLine)
                } else {
                    found.append(unexplained())
                }
            } else if let theirs, ours == nil || ours?.isChecked != theirs {
                if flaggedElsewhere {
                    found.append(.flaggedByLaterLine)
                } else if ours != nil && theirs && lines.containsCheckedBox(line) {
                    found.append(.tickedByLaterX)
                } else {
                    found.append(unexplained())
                }
            }
        }
        return found
    }

    /// Line numbers and contents of a document, split where the scanner splits lines.
    struct LineTable {
        let bytes: [UInt8]
        var ranges: [Range<Int>] = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D {
                    end += 1
                }
                ranges.append(start..<end)
                start = end
                if start < bytes.count && bytes[start] == 0x0D {
                    start += 1
                }
                if start < bytes.count && bytes[start] == 0x0A && (start == end || bytes[end] == 0x0D) {
                    start += 1
                }
            }
        }

        func line(of offset: Int) -> Int {
            (ranges.firstIndex { $0.contains(offset) || $0.upperBound == offset } ?? ranges.count) + 1
        }

        func cursor(_ line: Int) -> MarkdownLine {
            let range = ranges[line - 1]
            return MarkdownLine(bytes: bytes, start: range.lowerBound, end: range.upperBound, number: line,
                              contentStart: range.lowerBound)
        }

        func cmarkPatternMatches(_ line: Int) -> Bool {
            CmarkGFMTaskListRule.lineMatches(cursor(line))
        }

        func containsCheckedBox(_ line: Int) -> Bool {
            CmarkGFMTaskListRule.lineIsChecked(cursor(line))
        }
    }

    // MARK: - Running the reference

    struct ScriptResult {
        var status: Int32
        var output: Data
    }

    static func runScript(_ arguments: [String]) throws -> ScriptResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ScriptResult(status: process.terminationStatus, output: data)
    }

    static func fileName(_ index: Int) -> String {
        String(format: "%06d.md", index)
    }

    /// The script's output: the tasks of each file, by file name.
    static func parse(_ output: Data) throws -> [String: [Found]] {
        var tasksByFile: [String: [Found]] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let path = object?["file"] as? String else { continue }
            let tasks = object?["tasks"] as? [[Any]] ?? []
            tasksByFile[URL(fileURLWithPath: path).lastPathComponent] = tasks.compactMap { pair in
                guard pair.count == 2, let line = pair[0] as? Int, let checked = pair[1] as? Bool else { return nil }
                return Found(line: line, isChecked: checked)
            }
        }
        return tasksByFile
    }

    static func describe(_ document: [UInt8]) -> String {
        String(reflecting: String(decoding: document, as: UTF8.self))
    }
}
