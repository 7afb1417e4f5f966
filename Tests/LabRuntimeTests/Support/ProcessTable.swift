import Foundation

/// Reads `/proc` to tell which processes exist, so tests can prove that a step left none behind.
enum ProcessTable {
    struct Entry {
        let pid: Int32
        let state: Character
        let processGroup: Int32
        let session: Int32
    }

    static func entry(_ pid: Int32) -> Entry? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // The command name in parentheses may hold spaces; the fields after it do not.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 3, let state = fields[0].first,
              let group = Int32(fields[2]), let session = Int32(fields[3])
        else { return nil }
        return Entry(pid: pid, state: state, processGroup: group, session: session)
    }

    /// Processes other than zombies whose process group or session is `id`.
    static func liveMembers(ofSession id: Int32) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).compactMap(entry).filter {
            $0.state != "Z" && ($0.processGroup == id || $0.session == id)
        }
    }

    /// Whether `pid` exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let entry = entry(pid) else { return false }
        return entry.state != "Z"
    }

    /// Waits up to two seconds for a killed process to die; the kernel needs a moment.
    static func waitUntilGone(_ pid: Int32) async throws {
        for _ in 0..<100 where isAlive(pid) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
