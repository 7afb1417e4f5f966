import LabKit

/// `lab doctor --json`.
struct DoctorJSON: Encodable {
    struct Install: Encodable {
        var debian: String?
        var brew: String?
        var pip: String?
        var lab: String?

        enum CodingKeys: String, CodingKey { case debian, brew, pip, lab }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(debian, forKey: .debian)
            try container.encode(brew, forKey: .brew)
            try container.encode(pip, forKey: .pip)
            try container.encode(lab, forKey: .lab)
        }
    }

    struct Program: Encodable {
        var name: String
        var found: Bool
        var path: String?
        /// null when unknown or not asked.
        var version: String?
        var shell: Bool
        var neededBy: [String]
        var neededNow: Bool
        var install: Install

        enum CodingKeys: String, CodingKey {
            case name, found, path, version, shell
            case neededBy = "needed_by"
            case neededNow = "needed_now"
            case install
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(found, forKey: .found)
            try container.encode(path, forKey: .path)
            try container.encode(version, forKey: .version)
            try container.encode(shell, forKey: .shell)
            try container.encode(neededBy, forKey: .neededBy)
            try container.encode(neededNow, forKey: .neededNow)
            try container.encode(install, forKey: .install)
        }
    }

    var lab: String
    var programs: [Program]
    var missingNow: [String]

    enum CodingKeys: String, CodingKey {
        case lab, programs
        case missingNow = "missing_now"
    }

    init(_ report: DoctorReport) {
        lab = report.lab
        programs = report.programs.map { program in
            var version: String?
            if case .known(let text) = program.version { version = text }
            return Program(
                name: program.name, found: program.found, path: program.path, version: version, shell: program.isShell,
                neededBy: program.neededBy, neededNow: program.neededNow,
                install: Install(debian: program.install.debian, brew: program.install.brew, pip: program.install.pip, lab: program.install.lab))
        }
        missingNow = report.missingNow.map(\.name)
    }
}
