import Foundation
import LabRuntime
import LabSpec

/// Checks a `file` step in-process: the path's type, mode, link target, size and content.
enum FileStep {
    static func evaluate(_ check: FileCheck, step: Step, root: String) -> StepResult {
        var report = StepResult(kind: .file, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        report.message = problem(check, root: root)
        report.passed = report.message == nil
        // Inside the lab only, and a path that is there: an annotation can point at a file of the
        // repository alone.
        var info = stat()
        if !check.path.hasPrefix("/"), lstat(root + "/" + check.path, &info) == 0 { report.location = FilePosition(path: check.path) }
        return report
    }

    private static func problem(_ check: FileCheck, root: String) -> String? {
        let path = check.path
        let full = path.hasPrefix("/") ? path : root + "/" + path
        var info = stat()
        guard lstat(full, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return "file '\(path)' does not exist" }
            return FileError("read", path, errno: errno).description
        }
        let isLink = info.st_mode & S_IFMT == S_IFLNK
        switch check.expectedType {
        case .symlink:
            guard isLink else { return "'\(path)' is \(describe(info.st_mode)), not a symbolic link" }
            if let expected = check.linksTo {
                let target = readLink(full) ?? ""
                if target != expected { return "'\(path)' links to '\(target)' (expected '\(expected)')" }
            }
            if let mode = check.mode {
                var target = stat()
                guard stat(full, &target) == 0 else { return "'\(path)' is a broken symbolic link: '\(readLink(full) ?? "")' does not exist" }
                return modeProblem(path, actual: target.st_mode & 0o7777, expected: mode)
            }
            return nil
        case .directory, .file:
            if isLink, stat(full, &info) != 0 {
                return "'\(path)' is a broken symbolic link: '\(readLink(full) ?? "")' does not exist"
            }
        }
        let kind = info.st_mode & S_IFMT
        if check.expectedType == .directory {
            guard kind == S_IFDIR else { return "'\(path)' is \(describe(info.st_mode)), not a directory" }
            if let mode = check.mode { return modeProblem(path, actual: info.st_mode & 0o7777, expected: mode) }
            return nil
        }
        switch kind {
        case S_IFREG: break
        case S_IFDIR: return "'\(path)' is a folder, not a file"
        default: return "'\(path)' is \(describe(info.st_mode)), not a regular file"
        }
        if let mode = check.mode, let problem = modeProblem(path, actual: info.st_mode & 0o7777, expected: mode) { return problem }
        let size = Int(info.st_size)
        if let limit = check.sizeGreaterThan, size <= limit {
            return "'\(path)' is \(size) bytes (expected more than \(limit))"
        }
        guard check.sizeGreaterThan == nil || check.readsContent else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(full, displayPath: path, limit: ReadLimits.document)
        } catch {
            return error.description
        }
        if check.sizeGreaterThan == nil, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return "file '\(path)' is empty"
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let missing = check.contains.filter { !text.contains($0) }
        if !missing.isEmpty {
            return "file '\(path)' does not contain " + missing.map { "'\($0)'" }.joined(separator: ", ")
        }
        let present = check.notContains.filter { text.contains($0) }
        if let first = present.first {
            let line = lineNumber(of: first, in: text)
            return "\(path)\(line.map { ":\($0)" } ?? ""): contains '\(first)' (expected it not to)"
        }
        for pattern in check.matches {
            switch BoundedMatch.firstMatch(pattern, in: text) {
            case .matched: continue
            case .unmatched: return "file '\(path)' does not match /\(pattern)/"
            case .invalid: return "invalid regular expression /\(pattern)/"
            case .givenUp: return "file '\(path)': /\(pattern)/ " + BoundedMatch.givenUpReason
            }
        }
        return nil
    }

    private static func modeProblem(_ path: String, actual: mode_t, expected: UInt32) -> String? {
        UInt32(actual) == expected ? nil : "\(path) is mode \(FileCheck.octal(UInt32(actual))) (expected \(FileCheck.octal(expected)))"
    }

    private static func describe(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: return "a regular file"
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func lineNumber(of needle: String, in text: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
