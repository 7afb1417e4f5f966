import Foundation
import Testing

/// Runs the built `lab` binary the way a user would, and captures what it did.
struct LabProcess {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    /// The `lab` executable next to the test bundle in the build folder, or the one
    /// `LAB_EXECUTABLE` names (`.ci/run` runs these tests again against the release build).
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["LAB_EXECUTABLE"], !path.isEmpty {
            let url = URL(fileURLWithPath: path).standardizedFileURL
            precondition(FileManager.default.isExecutableFile(atPath: url.path), "LAB_EXECUTABLE is not an executable file: \(path)")
            return url
        }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = folder.appending(path: "lab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return Repository.root.appending(path: ".build/debug/lab")
    }()

    /// Runs `lab ARGUMENTS` in `directory` with colours off, stdin closed (or holding `input`, then
    /// closed), and a timeout.
    @discardableResult
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:], timeout: TimeInterval = 120,
        executable: URL = LabProcess.executable, input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Run in a GitHub Actions job, lab would print workflow commands and read LAB_STRICT: the
        // tests ask for those themselves.
        env["GITHUB_ACTIONS"] = nil
        env["LAB_STRICT"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let inputPipe = input.map { _ in Pipe() }
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        try process.run()
        if let inputPipe, let input {
            // lab may end before it has read all its input: the write then fails (EPIPE), and
            // must not kill the test process with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            // Written from another thread: a large input must not block while lab's output fills.
            let handle = inputPipe.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: Data(input.utf8))
                try? handle.close()
            }
        }
        let outputData = ReadBox()
        let errorData = ReadBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outputData.data = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errorData.data = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            Issue.record("lab \(arguments.joined(separator: " ")) did not finish within \(timeout)s")
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outputData.data, as: UTF8.self),
            stderr: String(decoding: errorData.data, as: UTF8.self))
    }
}

private final class ReadBox: @unchecked Sendable {
    var data = Data()
}
