import LabRuntime
import LabSpec

/// The merge bases of one scaffold, as a run finds them: the pack `.lab/base/<scaffold>.bases`,
/// or the folder `.lab/base/<scaffold>/` of one file per base that labs made by earlier versions
/// of `lab` hold. The next run that writes packs the folder and removes it.
public struct ScaffoldBases: Sendable {
    public let scaffold: String
    /// The pack, when there is one (an empty one when neither is there).
    public let pack: MergeBasePack
    /// Whether the one-file-per-base folder is there: read when there is no pack, removed when the
    /// pack is written.
    public let hasFolder: Bool
    let hasPack: Bool

    /// Where the pack is, relative to the lab root.
    public var packPath: String { MergeBasePack.path(of: scaffold) }
    /// Where the one-file-per-base folder is, relative to the lab root.
    public var folder: String { ScaffoldPlanner.baseFolder + "/" + scaffold }

    /// No bases at all.
    public init(none scaffold: String) {
        self.scaffold = scaffold
        pack = MergeBasePack()
        hasFolder = false
        hasPack = false
    }

    /// The bases of `scaffold` in the lab `files`, the pack read whole. A pack or folder reached
    /// through a link out of the lab, a pack that is not a regular file or does not parse: an error.
    static func load(_ scaffold: String, files: ContainedRoot, missing: MissingFolders) throws(FileError) -> ScaffoldBases {
        let packPath = MergeBasePack.path(of: scaffold)
        if missing.ruleOut(packPath) { return ScaffoldBases(none: scaffold) }
        let folderPath = ScaffoldPlanner.baseFolder + "/" + scaffold
        var hasFolder = false
        if FileSystem.kind(files.absolute(folderPath)) != .missing {
            let resolved = try files.resolve(folderPath, for: "read")
            hasFolder = FileSystem.resolvedKind(resolved.absolute) == .directory
        }
        guard FileSystem.kind(files.absolute(packPath)) != .missing else {
            return ScaffoldBases(scaffold: scaffold, pack: MergeBasePack(), hasFolder: hasFolder, hasPack: false)
        }
        let resolved = try files.resolve(packPath, for: "read")
        let bytes = try FileSystem.read(resolved.absolute, displayPath: packPath, limit: ReadLimits.bases)
        let pack = try MergeBasePack(parsing: bytes, displayPath: packPath)
        return ScaffoldBases(scaffold: scaffold, pack: pack, hasFolder: hasFolder, hasPack: true)
    }

    private init(scaffold: String, pack: MergeBasePack, hasFolder: Bool, hasPack: Bool) {
        self.scaffold = scaffold
        self.pack = pack
        self.hasFolder = hasFolder
        self.hasPack = hasPack
    }

    /// Whether there is a base for `path` (inside the scaffold's `into`).
    func contains(_ path: String, files: ContainedRoot) throws(FileError) -> Bool {
        if hasPack { return pack.entries[path] != nil }
        guard hasFolder else { return false }
        let resolved = try files.resolve(folder + "/" + path, for: "read")
        return FileSystem.resolvedKind(resolved.absolute) == .file
    }

    /// The base of `path` (inside the scaffold's `into`); nil when there is none.
    func base(of path: String, files: ContainedRoot) throws(FileError) -> [UInt8]? {
        if hasPack { return try pack.base(of: path, displayPath: packPath) }
        guard hasFolder else { return nil }
        let resolved = try files.resolve(folder + "/" + path, for: "read")
        guard FileSystem.resolvedKind(resolved.absolute) == .file else { return nil }
        return try FileSystem.read(resolved.absolute, displayPath: resolved.display, limit: ReadLimits.template)
    }

    /// Every base with its bytes and digest: the pack's, or the folder's files (links not followed
    /// out of the lab, leftovers of killed writes skipped).
    func all(files: ContainedRoot) throws(FileError) -> MergeBasePack.Bases {
        if hasPack { return pack.all }
        var bases: MergeBasePack.Bases = [:]
        guard hasFolder else { return bases }
        for path in try folderFiles(files: files) {
            if let bytes = try base(of: path, files: files) {
                bases[path] = (bytes[...], ContentDigest.sha256(bytes))
            }
        }
        return bases
    }

    /// The paths (inside `into`) of the folder's files.
    func folderFiles(files: ContainedRoot) throws(FileError) -> [String] {
        let base = try files.resolve(folder, for: "read")
        var paths: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? base.absolute : base.absolute + "/" + relative
            for raw in FileSystem.rawNames(absolute) ?? [] {
                guard let name = raw.text, raw.isPrintable, !AtomicFile.isLeftover(name) else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                // A link is not followed: it could lead back up the tree.
                switch FileSystem.kind(absolute + "/" + name) {
                case .directory: pending.append(path)
                case .file: paths.append(path)
                default: continue
                }
            }
        }
        return paths
    }

    /// Removes the one-file-per-base folder once the pack holds its bases: only a folder reached
    /// through no link at all (a link inside the lab could lead to the learner's files), and in it
    /// a link only as a link.
    func removeFolder(files: ContainedRoot) {
        guard hasFolder, let resolved = try? files.resolve(folder, for: "remove"),
            resolved.absolute == (files.realPath == "/" ? "" : files.realPath) + "/" + folder,
            FileSystem.kind(resolved.absolute) == .directory
        else { return }
        StagedFolder.removeTree(resolved.absolute)
    }
}
