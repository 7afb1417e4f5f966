import Foundation

/// Reads /proc to find processes that belong to a session, for asserting that none survive a check.
enum ProcessTable {
    struct Entry {
        var pid: Int32
        var state: Character
        var processGroup: Int32
        var session: Int32
    }

    static func all() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { name -> Entry? in
            guard let pid = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 5, let state = fields[0].first, let group = Int32(fields[2]), let session = Int32(fields[3]) else { return nil }
            return Entry(pid: pid, state: state, processGroup: group, session: session)
        }
    }

    /// Live (non-zombie) processes whose session or process group is `id`.
    static func survivors(of id: Int32) -> [Entry] {
        all().filter { ($0.session == id || $0.processGroup == id) && $0.state != "Z" }
    }
}
