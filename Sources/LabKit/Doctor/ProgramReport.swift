/// What `lab doctor` found about one program a lab needs.
public struct ProgramReport: Sendable, Equatable {
    public enum Version: Sendable, Equatable {
        case known(String)
        /// Found, but `--version` failed, hung, or printed nothing.
        case unknown
        /// Not asked: the program is inside the lab (or found through a relative folder of
        /// PATH), and `lab doctor` runs nothing from the lab.
        case notAsked
    }

    public var name: String
    /// Where it is; nil when it is missing.
    public var path: String?
    public var version: Version
    /// The exercises whose `requires` name it (the lab's shell: none).
    public var neededBy: [String]
    /// Whether an exercise of a phase in progress needs it (or it is the shell and a phase is in
    /// progress): its absence fails `lab doctor`.
    public var neededNow: Bool
    /// Whether it is the shell that runs the lab's steps.
    public var isShell: Bool
    public var install: InstallHints

    public var found: Bool { path != nil }
}

/// Everything `lab doctor` found.
public struct DoctorReport: Sendable {
    public var lab: String
    public var programs: [ProgramReport]

    /// The programs missing that a phase in progress needs.
    public var missingNow: [ProgramReport] { programs.filter { !$0.found && $0.neededNow } }
}
