import Foundation

/// A temporary lab with one scaffold, `app`, rendered from the template folder `tpl` into `app`.
extension TemporaryLab {
    static func scaffolded(
        _ templates: [String: String], vars: String = "{ name: demo }", extraScaffolds: String = ""
    ) throws -> TemporaryLab {
        var files = ["lab.yml": """
            lab: Scaffold Lab
            phases:
              - id: 1
                title: One
                status: in-progress
                scaffold: [app]
            scaffolds:
              app:
                from: tpl
                into: app
                vars: \(vars)
            \(extraScaffolds)
            """]
        for (path, content) in templates { files["tpl/" + path] = content }
        let lab = try TemporaryLab(files: files)
        try FileManager.default.createDirectory(at: lab.url("tpl"), withIntermediateDirectories: true)
        return lab
    }

    /// Replaces the template folder's files with `templates`.
    func setTemplates(_ templates: [String: String]) throws {
        try FileManager.default.removeItem(at: url("tpl"))
        try FileManager.default.createDirectory(at: url("tpl"), withIntermediateDirectories: true)
        for (path, content) in templates { try write("tpl/" + path, content) }
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }

    func isExecutable(_ path: String) -> Bool {
        let mode = (try? FileManager.default.attributesOfItem(atPath: url(path).path)[.posixPermissions] as? NSNumber)?.intValue ?? 0
        return mode & 0o100 != 0
    }

    func setExecutable(_ path: String, _ executable: Bool = true) throws {
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: url(path).path)
    }
}
