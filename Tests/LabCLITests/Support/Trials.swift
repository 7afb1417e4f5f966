import Foundation

/// What the kill and concurrency trials share: how many rounds to run, starting and killing `lab`
/// processes, and finding the temporary files a killed write leaves.
enum Trials {
    /// Rounds per trial: a few within `swift test`, as many as `LAB_TRIAL_ROUNDS` says when
    /// `Tests/Trials/run` runs the full trials.
    static func rounds(short: Int) -> Int {
        ProcessInfo.processInfo.environment["LAB_TRIAL_ROUNDS"].flatMap(Int.init) ?? short
    }

    /// Starts `lab ARGUMENTS` in `directory`, its output discarded.
    static func start(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = LabProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["GITHUB_ACTIONS"] = nil
        environment["LAB_STRICT"] = nil
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Kills `lab ARGUMENTS` with SIGKILL at random moments of its run. Runs that finish before
    /// the kill tell how long a run takes now (the machine may be busier or idler than when the
    /// runs were first timed), so the moments keep falling inside runs.
    struct Killer {
        let arguments: [String]
        let directory: URL
        private(set) var typical: Duration

        init(_ arguments: [String], in directory: URL, typical: Duration) {
            self.arguments = arguments
            self.directory = directory
            self.typical = typical
        }

        /// Runs `lab` once and kills it at a random moment, unless it finished first. Returns
        /// whether the kill landed.
        mutating func run() throws -> Bool {
            let delay = Trials.killDelay(within: typical)
            let started = ContinuousClock.now
            let process = try start(arguments, in: directory)
            let deadline = started + delay
            while process.isRunning && ContinuousClock.now < deadline {
                let left = deadline - ContinuousClock.now
                usleep(UInt32(max(50, min(1000, left.microseconds))))
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let killed = process.terminationReason == .uncaughtSignal
            if !killed { typical = (typical + (ContinuousClock.now - started)) / 2 }
            return killed
        }
    }

    /// How long `lab ARGUMENTS` takes when left alone: the median of a few runs, after `prepare`.
    static func typicalDuration(_ arguments: [String], in directory: URL, prepare: () throws -> Void) throws -> Duration {
        var durations: [Duration] = []
        for _ in 0..<3 {
            try prepare()
            let started = ContinuousClock.now
            let process = try start(arguments, in: directory)
            process.waitUntilExit()
            durations.append(ContinuousClock.now - started)
        }
        return durations.sorted()[1]
    }

    /// A moment to kill at: anywhere in a run, half the time in its last third, where the writes are.
    static func killDelay(within duration: Duration) -> Duration {
        let micros = max(1, duration.microseconds)
        let chosen = Bool.random() ? Int64.random(in: 0...(micros * 6 / 5)) : Int64.random(in: (micros * 2 / 3)...(micros * 11 / 10))
        return .microseconds(chosen)
    }

    /// Relative paths of the temporary files (`.NAME.lab-XXXXXX`) under `root`.
    static func leftovers(under root: URL) -> [String] {
        var found: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return found }
        for case let path as String in walker where isLeftover((path as NSString).lastPathComponent) {
            found.append(path)
        }
        return found.sorted()
    }

    static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: ".lab-", options: .backwards) else { return false }
        let suffix = name[range.upperBound...]
        return range.lowerBound > name.index(after: name.startIndex) && suffix.count == 6
            && suffix.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Copies a folder with everything in it, modes included.
    static func copy(_ source: URL, to destination: URL) throws {
        try? FileManager.default.removeItem(at: destination)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/cp")
        process.arguments = ["-a", source.path, destination.path]
        try process.run()
        process.waitUntilExit()
    }
}

extension Duration {
    var microseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000 + parts.attoseconds / 1_000_000_000_000
    }
}
