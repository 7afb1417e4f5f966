import Foundation
import Testing

/// Every example in the help texts and in the README runs against the repository's own lab: its
/// ids exist, its options parse, and it does what it says.
///
/// Examples are the lines under "Examples:" (and "Start here:") of each `--help`; in the README,
/// the `lab …` lines of `sh` blocks and the `$ lab …` lines of `console` blocks, and every inline
/// `lab …` code span that is a whole command (not a synopsis with placeholders such as `ID`,
/// `[--json]` or `…`, and not a bare command name like `lab mark` mentioned in prose).
@Suite struct ExamplesTests {
    static let repository = Repository.root

    /// Commands whose arguments are required, so that the bare name is a reference, not an example.
    static let needArguments: Set<String> = ["lab mark", "lab hint", "lab quiz", "lab phase", "lab phase start", "lab phase finish", "lab help"]

    /// Examples that show a refusal on purpose, with the exit status they document.
    static let refusals: [String: Int32] = [
        "lab phase finish 1": 1,  // phase 1 still has unticked items
    ]

    /// Examples that read the reports of earlier CI jobs: `CheckInCITests` runs each of them end to
    /// end (`fourShardsMergedAreOneRun`, `durationsFromAReportBalanceTheShards`), with the files they name.
    static let needReportsOfEarlierJobs: Set<String> = [
        "lab check --all --shard 2/4 --durations timings.json --dry-run",
        "lab merge-reports report-*.json --format json --output lab-report.json",
        "lab merge-reports lab-report.json --format junit --output lab-report.xml",
        "lab merge-reports report-*.json --format junit --output report.xml",
    ]

    static let helpCommands: [[String]] = [
        [], ["status"], ["list"], ["check"], ["mark"], ["hint"], ["quiz"], ["phase"], ["phase", "start"], ["phase", "finish"],
        ["scaffold"], ["validate"], ["init"], ["log"], ["pictures"], ["merge-reports"], ["review"], ["doctor"], ["new"],
        ["new", "adr"], ["new", "note"], ["watch"],
    ]

    static func helpExamples() throws -> [String] {
        var examples: [String] = []
        for command in helpCommands {
            let help = try LabProcess.run(command + ["--help"], in: FileManager.default.temporaryDirectory)
            var inExamples = false
            for line in help.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed == "Examples:" || trimmed == "Start here:" {
                    inExamples = true
                } else if inExamples && trimmed.hasPrefix("lab ") {
                    examples.append(Self.command(of: trimmed))
                } else if inExamples && !line.hasPrefix(" ") {
                    inExamples = false
                }
            }
        }
        return examples
    }

    static func readmeExamples() throws -> [String] {
        let readme = try String(contentsOf: repository.appending(path: "README.md"), encoding: .utf8)
        var examples: [String] = []
        var prose = ""
        var fence: String?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("```") {
                fence = fence == nil ? String(line.dropFirst(3)) : nil
                continue
            }
            guard let language = fence else {
                prose += line + "\n"
                continue
            }
            var text = line.trimmingCharacters(in: .whitespaces)
            if language == "console" {
                guard text.hasPrefix("$ ") else { continue }
                text.removeFirst(2)
            } else if language != "sh" {
                continue
            }
            if text.hasPrefix("swift run lab ") { text.removeFirst("swift run ".count) }
            if text.hasPrefix("lab ") { examples.append(Self.command(of: text)) }
        }
        // Inline code spans: `lab …`, possibly broken over two lines.
        var rest = Substring(prose)
        while let open = rest.range(of: "`lab ") {
            guard let close = rest[open.upperBound...].firstIndex(of: "`") else { break }
            let span = rest[rest.index(after: open.lowerBound)..<close]
            examples.append(span.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            rest = rest[rest.index(after: close)...]
        }
        return examples
    }

    /// The command of an example line: without its comment, description, pipe or redirection.
    static func command(of line: String) -> String {
        var text = line
        for separator in ["  ", " | ", " > ", " # "] {
            if let range = text.range(of: separator) { text = String(text[..<range.lowerBound]) }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `example` is a command to run rather than a synopsis or a mention.
    static func isRunnable(_ example: String) -> Bool {
        if needArguments.contains(example) || needReportsOfEarlierJobs.contains(example) { return false }
        // An option named in prose without its value (`lab check --shard`) is a reference.
        if example == "lab check --shard" { return false }
        if example.contains(where: { "[]()…|,<>{}".contains($0) }) { return false }
        let words = words(of: example)
        // Placeholders are upper-case words: ID, N, NAME, FILE, COMMAND …
        return !words.contains { word in !word.quoted && word.text.count > 0 && word.text.allSatisfy { $0.isUppercase } }
    }

    static func words(of example: String) -> [(text: String, quoted: Bool)] {
        var words: [(String, Bool)] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        for character in example {
            if character == "\"" {
                inQuotes.toggle()
                quoted = true
            } else if character == " " && !inQuotes {
                if !current.isEmpty || quoted { words.append((current, quoted)) }
                current = ""
                quoted = false
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty || quoted { words.append((current, quoted)) }
        return words
    }

    static let examples: [String] = {
        let all = ((try? helpExamples()) ?? []) + ((try? readmeExamples()) ?? [])
        var seen: Set<String> = []
        return all.filter { isRunnable($0) && seen.insert($0).inserted }
    }()

    @Test func examplesAreFound() {
        // The ones that once failed are among them.
        for expected in ["lab check dns-resolution tls-basics", "lab hint dns-resolution", "lab quiz dns-resolution", "lab quiz --hash \"137\"", "lab mark teach-back", "lab mark --force first-adr",
                         "lab check --all --format junit --output report.xml", "lab check --watch", "lab init my-lab"] {
            #expect(Self.examples.contains(expected), "\(expected) in \(Self.examples)")
        }
        #expect(Self.examples.count >= 30, "\(Self.examples)")
    }

    /// A copy of the repository's own lab: lab.yml, the README and the folders it works in.
    static func repositoryLab() throws -> TemporaryLab {
        let lab = try TemporaryLab()
        for path in ["lab.yml", "README.md", ".gitignore", "docs", "cloud", "devops", "mlops"] {
            let source = repository.appending(path: path)
            guard FileManager.default.fileExists(atPath: source.path) else { continue }
            try FileManager.default.copyItem(at: source, to: lab.url(path))
        }
        return lab
    }

    @Test(arguments: examples)
    func runs(_ example: String) throws {
        var arguments = Self.words(of: example).map(\.text).dropFirst().map { $0 }
        // `lab init` makes a lab: outside any other.
        let lab = example.hasPrefix("lab init") ? try TemporaryLab() : try Self.repositoryLab()
        // `lab watch` off a terminal is `lab check --watch`.
        if arguments.contains("--watch") || arguments == ["watch"] {
            try runWatch(arguments, in: lab)
            return
        }
        // A check runs the lab's scripts: the example is planned, which checks ids and options.
        if arguments.first == "check" && !arguments.contains("--dry-run") { arguments.append("--dry-run") }
        // A record to supersede, as the examples before it in the README made one.
        if arguments.contains("--supersedes") { try lab.lab("new", "adr", "An earlier decision") }
        // A quiz is answered as a learner would, from the reference answers.
        var input: String?
        if arguments.first == "quiz", arguments.count == 2 {
            input = try String(contentsOf: Repository.fixtures.appending(path: "quiz-answers/\(arguments[1]).txt"), encoding: .utf8)
        }
        let result = try lab.lab(arguments: arguments, input: input)
        #expect(result.status == (try expectedStatus(of: example, arguments: arguments, in: lab)), "\(example): \(result)")
        #expect(!result.stderr.contains("lab: error: no "), "\(example): \(result)")
        #expect(!result.stderr.contains("unknown"), "\(example): \(result)")
    }

    /// What an example exits with: 0, or the refusal it documents; `lab doctor` exits 1 when a
    /// program that a phase in progress needs is missing, which depends on this machine's `PATH`,
    /// so its expected status is read from its own report (`missing_now`).
    func expectedStatus(of example: String, arguments: [String], in lab: TemporaryLab) throws -> Int32 {
        guard arguments.first == "doctor" else { return Self.refusals[example] ?? 0 }
        let report = try lab.lab("doctor", "--json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let missing = try #require(json["missing_now"] as? [String])
        return missing.isEmpty ? 0 : 1
    }

    /// `--watch` runs until Ctrl-C: it must reach its watching line, then stop with 130.
    func runWatch(_ arguments: [String], in lab: TemporaryLab) throws {
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = lab.root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = OutputCollector(output.fileHandleForReading)
        let deadline = Date().addingTimeInterval(60)
        while !reader.text.contains("Ctrl-C to stop") && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(reader.text.contains("Ctrl-C to stop"), "\(reader.text)")
        #expect(process.terminationStatus == 130)
    }
}
