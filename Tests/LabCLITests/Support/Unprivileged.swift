import Foundation

/// Runs `lab` so that file permissions apply: as `nobody` (through `setpriv`) when the tests run
/// as root, who could write anything.
enum Unprivileged {
    static func lab(_ arguments: [String], in lab: TemporaryLab) throws -> LabProcess.Result {
        guard getuid() == 0 else { return try lab.lab(arguments: arguments) }
        chmod(lab.root.path, 0o755)
        var folder = lab.root.deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            if stat(folder.path, &info) == 0, info.st_mode & 0o001 == 0 { chmod(folder.path, info.st_mode | 0o001) }
            folder = folder.deletingLastPathComponent()
        }
        return try LabProcess.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", LabProcess.executable.path] + arguments,
            in: lab.root, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }
}
