import Foundation

/// Runs `lab` so that file permissions apply: as `nobody` (through `setpriv`) when the tests run
/// as root, who could write anything.
enum Unprivileged {
    static func lab(_ arguments: [String], in lab: TemporaryLab) throws -> LabProcess.Result {
        guard getuid() == 0 else { return try lab.lab(arguments: arguments) }
        // The lab readable and every folder above it searchable by nobody; write access is the test's.
        addPermissions(0o005, to: lab.root.path)
        var folder = lab.root.deletingLastPathComponent()
        while folder.path != "/" {
            addPermissions(0o001, to: folder.path)
            folder = folder.deletingLastPathComponent()
        }
        return try LabProcess.run(
            ["--reuid=65534", "--regid=65534", "--clear-groups", LabProcess.executable.path] + arguments,
            in: lab.root, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
    }

    private static func addPermissions(_ bits: mode_t, to path: String) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & bits != bits { chmod(path, (info.st_mode & 0o7777) | bits) }
    }
}
