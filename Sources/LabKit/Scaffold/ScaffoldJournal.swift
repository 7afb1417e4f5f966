import LabRuntime

/// `.lab/scaffold.journal`: written before a run's first write and removed after its last, it
/// marks the run as unfinished — and says what the run decided for each file it writes, so that
/// the next run can tell a file the interrupted one already wrote from one it had not reached.
///
/// That matters for a merge: the interrupted run wrote the merged text (with conflict markers,
/// maybe) before the merge bases moved on; merged again from the same base, the file would get
/// the template's change a second time, markers nested in markers. A file whose content is the
/// one the journal names already holds its decision, which stands.
///
/// One line of text, then a line for each merged file: `wrote`, the SHA-256 of the bytes written,
/// the SHA-256 of the render they came from, the action, and the path (last: it may hold tabs).
struct ScaffoldJournal: Equatable {
    static let header = "lab scaffold was interrupted here; the next 'lab scaffold' repairs what it left"

    /// What a run wrote, or was about to write, at one path.
    struct Write: Equatable {
        var wrote: String
        var render: String
        var action: ScaffoldPlan.Action
    }

    var writes: [String: Write] = [:]

    /// The journal of `plan`: the files it writes, and those an interrupted run wrote whose
    /// decision it keeps (`resumed`).
    init(plan: ScaffoldPlan) {
        for scaffold in plan.scaffolds {
            let entries = plan.lock.scaffolds[scaffold.name]?.files ?? [:]
            for change in scaffold.files {
                // Only what a merge writes: a file created, updated or replaced gets the render,
                // which the next run finds equal to its own and leaves alone anyway.
                guard change.action == .merged || change.action.isConflict, let render = entries[change.inside]?.sha256 else { continue }
                if let bytes = change.write {
                    writes[change.path] = Write(wrote: ContentDigest.sha256(bytes), render: render, action: change.action)
                } else if change.resumed, let current = change.current {
                    writes[change.path] = Write(wrote: ContentDigest.sha256(current), render: render, action: change.action)
                }
            }
        }
    }

    init(writes: [String: Write] = [:]) {
        self.writes = writes
    }

    /// The journal's text; its lines sorted by path, so that two runs of one plan write the same.
    var text: String {
        var text = Self.header + "\n"
        for (path, write) in writes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            guard let action = Self.name(of: write.action) else { continue }
            text += "wrote\t\(write.wrote)\t\(write.render)\t\(action)\t\(path)\n"
        }
        return text
    }

    /// The journal `text` holds; lines it does not read (a journal of an older version: the header
    /// alone) are skipped, which leaves those files to be decided afresh.
    init(parsing text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            guard fields.count == 5, fields[0] == "wrote", let action = Self.action(named: String(fields[3])), !fields[4].isEmpty else { continue }
            writes[String(fields[4])] = Write(wrote: String(fields[1]), render: String(fields[2]), action: action)
        }
    }

    /// The actions that write a file, by name (a journal lists merges only; the others are read
    /// as well, from a journal an earlier version might write).
    private static func name(of action: ScaffoldPlan.Action) -> String? {
        switch action {
        case .create: "create"
        case .update: "update"
        case .merged: "merged"
        case .replace: "replace"
        case .conflict(let regions): "conflict:\(regions)"
        default: nil
        }
    }

    private static func action(named name: String) -> ScaffoldPlan.Action? {
        switch name {
        case "create": return .create
        case "update": return .update
        case "merged": return .merged
        case "replace": return .replace
        default:
            guard name.hasPrefix("conflict:"), let regions = Int(name.dropFirst("conflict:".count)), regions > 0 else { return nil }
            return .conflict(regions: regions)
        }
    }
}
