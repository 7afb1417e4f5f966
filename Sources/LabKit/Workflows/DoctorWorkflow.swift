import Foundation
import LabRuntime
import LabSpec

/// `lab doctor`: every program the lab's exercises require, and the shell its steps run in —
/// found on PATH or not, its version, who needs it, how to install it. Reads only; takes no lock.
///
/// The one thing it runs is `PROGRAM --version` of a program found outside the lab (on PATH, or
/// an absolute path such as the shell's): never a program inside the lab.
public enum DoctorWorkflow {
    public struct Request: Sendable {
        public var location: LabLocation
        /// The PATH to search; this process's own when nil.
        public var path: String?
        public var probe: VersionProbe

        public init(location: LabLocation, path: String? = nil, probe: VersionProbe = VersionProbe()) {
            self.location = location
            self.path = path
            self.probe = probe
        }
    }

    public static func run(_ request: Request) async throws(LabError) -> DoctorReport {
        let (project, lab) = try request.location.openLab()
        let locator = ProgramLocator(path: request.path, root: project.root.path)
        var programs = plan(lab)
        for index in programs.indices {
            programs[index].path = locator.locate(programs[index].name)
            programs[index].install = InstallHints.of(programs[index].name, labHints: lab.install)
        }
        let askable = programs.indices.filter { index in
            guard let path = programs[index].path else { return false }
            return path.hasPrefix("/") && !project.files.holds(absolutePath: path)
        }
        let versions = await withTaskGroup(of: (Int, String?).self) { group in
            for index in askable {
                let path = programs[index].path ?? ""
                group.addTask { (index, await request.probe.version(of: path)) }
            }
            var found: [Int: String?] = [:]
            for await (index, version) in group { found[index] = version }
            return found
        }
        for index in programs.indices where programs[index].found {
            if let version = versions[index] {
                programs[index].version = version.map(ProgramReport.Version.known) ?? .unknown
            } else {
                programs[index].version = .notAsked
            }
        }
        return DoctorReport(lab: lab.name, programs: programs)
    }

    /// The programs to look for, in the order the lab names them: the shell first, then each
    /// program of each exercise's `requires`, with who needs it; not yet looked up.
    static func plan(_ lab: Lab) -> [ProgramReport] {
        let inProgress = lab.phases.contains { $0.status == .inProgress }
        var programs: [ProgramReport] = [
            ProgramReport(
                name: lab.defaults.shell, path: nil, version: .unknown, neededBy: [], neededNow: inProgress, isShell: true,
                install: InstallHints())
        ]
        var index: [String: Int] = [lab.defaults.shell: 0]
        for phase in lab.phases {
            for exercise in phase.exercises {
                for program in exercise.requires {
                    let position = index[program] ?? {
                        programs.append(ProgramReport(
                            name: program, path: nil, version: .unknown, neededBy: [], neededNow: false, isShell: false,
                            install: InstallHints()))
                        index[program] = programs.count - 1
                        return programs.count - 1
                    }()
                    if !programs[position].neededBy.contains(exercise.id) { programs[position].neededBy.append(exercise.id) }
                    if phase.status == .inProgress { programs[position].neededNow = true }
                }
            }
        }
        return programs
    }
}
