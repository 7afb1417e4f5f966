import Foundation
import Testing

/// The escape trial: a symbolic link to a folder (or file) outside the lab planted at a random
/// path of a lab, then every writing command run: nothing outside may change. `swift test` runs a
/// few rounds; `Tests/Trials/run escape` as many as asked.
@Suite struct EscapeTrialTests {
    /// Every path of the lab (files and folders), relative, `.lab/lock` aside.
    static func paths(of lab: TemporaryLab) -> [String] {
        var found: [String] = []
        let walker = FileManager.default.enumerator(atPath: lab.root.path)
        while let path = walker?.nextObject() as? String {
            if path != ".lab/lock" { found.append(path) }
        }
        return found.sorted()
    }

    /// A digest of everything under `root`: paths, kinds, contents.
    static func fingerprint(_ root: URL) -> [String: String] {
        var entries: [String: String] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let path = walker?.nextObject() as? String {
            let url = root.appending(path: path)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
            entries[path] = isFolder.boolValue ? "folder" : ((try? Data(contentsOf: url)).map { "\($0.count):\($0.hashValue)" } ?? "?")
        }
        return entries
    }

    /// `status` and `list` write too: the outline they keep in `.lab/cache/`. Run last, after
    /// `phase start` and `phase finish` changed lab.yml, they keep a new one.
    static let commands: [[String]] = [
        ["status"], ["check"], ["check", "--force", "--format", "json", "--output", "report.json"], ["mark", "by-hand"],
        ["mark", "--undo", "by-hand"], ["phase", "start", "2"], ["phase", "finish", "1", "--force"], ["scaffold"],
        ["scaffold", "--force"], ["scaffold", "--repair-lock"], ["init", "sub"], ["pictures"], ["status", "--json"], ["list"],
    ]

    @Test func plantedLinksNeverLeadAWriteOutside() throws {
        var random = SystemRandomNumberGenerator()
        for round in 0..<Trials.rounds(short: 4) {
            let lab = try SymlinkEscapeTests.makeLab()
            _ = try lab.lab("check")
            // The journal, the pictures and the kept outline are among the paths a link may replace.
            _ = try lab.lab("pictures")
            _ = try lab.lab("status")
            try lab.write("tpl/main.txt", "changed in round \(round)\n")
            try lab.write("app/main.txt", "edited\n")
            let outside = try SymlinkEscapeTests.Outside()
            let candidates = Self.paths(of: lab)
            let victim = candidates.randomElement(using: &random) ?? "docs"
            // A copy outside, so that what the lab expects there is found there: a write through the
            // link would land in it.
            try FileManager.default.copyItem(at: lab.url(victim), to: outside.root.appending(path: "copy"))
            try SymlinkEscapeTests.link(lab, victim, to: outside.root.appending(path: "copy"))
            let before = Self.fingerprint(outside.root)
            for command in Self.commands {
                let result = try lab.lab(arguments: command)
                for crash in ["Fatal error", "Program crashed", "Backtrace"] {
                    #expect(!result.stderr.contains(crash), "\(command): \(result)")
                }
                let after = Self.fingerprint(outside.root)
                #expect(after == before, "round \(round): '\(victim)' linked out; 'lab \(command.joined(separator: " "))' changed the outside: \(result)")
                if after != before { return }
            }
            print("escape trial round \(round): '\(victim)' linked out of the lab, \(Self.commands.count) commands, nothing outside changed")
        }
    }
}
