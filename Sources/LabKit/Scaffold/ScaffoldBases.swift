import Foundation
import LabRuntime
import LabSpec

/// The merge bases of one scaffold, as a run finds them: the pack `.lab/base/<scaffold>.bases`,
/// or the folder `.lab/base/<scaffold>/` of one file per base that labs made by earlier versions
/// of `lab` hold. The next run that writes packs the folder and removes it.
///
/// `.lab/base` is lab's own: no symbolic link is followed there, not even one that stays inside
/// the lab. Bases read through a link to the scaffold's own files would look untouched, and an
/// edit would be overwritten; a pack written through a link would replace the file it leads to.
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
        self.init(scaffold: scaffold, pack: MergeBasePack(), hasFolder: false, hasPack: false)
    }

    /// A pack already read.
    init(scaffold: String, pack: MergeBasePack) {
        self.init(scaffold: scaffold, pack: pack, hasFolder: false, hasPack: true)
    }

    private init(scaffold: String, pack: MergeBasePack, hasFolder: Bool, hasPack: Bool) {
        self.scaffold = scaffold
        self.pack = pack
        self.hasFolder = hasFolder
        self.hasPack = hasPack
    }

    /// The bases of `scaffold` in the lab `files`, the pack read whole and checked. A link on the
    /// way to them (`.lab`, `.lab/base`, the pack, the folder), a pack that is not a regular file
    /// or does not read: an error.
    static func load(_ scaffold: String, files: ContainedRoot, missing: MissingFolders) throws(FileError) -> ScaffoldBases {
        let packPath = MergeBasePack.path(of: scaffold)
        let folderPath = ScaffoldPlanner.baseFolder + "/" + scaffold
        // Where the pack will be written must be plain too, even when nothing is there yet.
        for path in [".lab", ScaffoldPlanner.baseFolder] where FileSystem.kind(files.absolute(path)) != .missing {
            _ = try plain(path, files: files)
        }
        if missing.ruleOut(packPath) { return ScaffoldBases(none: scaffold) }
        var hasFolder = false
        if FileSystem.kind(files.absolute(folderPath)) != .missing {
            hasFolder = FileSystem.kind(try plain(folderPath, files: files).absolute) == .directory
        }
        guard FileSystem.kind(files.absolute(packPath)) != .missing else {
            return ScaffoldBases(scaffold: scaffold, pack: MergeBasePack(), hasFolder: hasFolder, hasPack: false)
        }
        let resolved = try plain(packPath, files: files)
        var mode: mode_t = 0
        let bytes = try FileSystem.read(resolved.absolute, displayPath: packPath, limit: ReadLimits.bases, mode: &mode, followingLinks: false)
        let pack = try MergeBasePack(parsing: bytes, displayPath: packPath)
        return ScaffoldBases(scaffold: scaffold, pack: pack, hasFolder: hasFolder, hasPack: true)
    }

    /// `relative`, resolved, when no symbolic link lies on its way; an error naming the link otherwise.
    static func plain(_ relative: String, files: ContainedRoot) throws(FileError) -> ResolvedPath {
        if let resolved = try files.resolveWithoutLinks(relative, for: "read") { return resolved }
        throw FileError(
            "use", relative,
            reason: "it is reached through a symbolic link (to '\(try files.resolve(relative, for: "read").absolute)'): lab keeps its merge bases in plain files and folders, so remove the link")
    }

    /// Whether there is a base for `path` (inside the scaffold's `into`).
    func contains(_ path: String, files: ContainedRoot) throws(FileError) -> Bool {
        if hasPack { return pack.entries[path] != nil }
        guard hasFolder else { return false }
        let full = folder + "/" + path
        guard FileSystem.kind(files.absolute(full)) != .missing else { return false }
        return FileSystem.kind(try Self.plain(full, files: files).absolute) == .file
    }

    /// The base of `path` (inside the scaffold's `into`); nil when there is none.
    func base(of path: String, files: ContainedRoot) throws(FileError) -> [UInt8]? {
        if hasPack { return pack.base(of: path) }
        guard try contains(path, files: files) else { return nil }
        let full = folder + "/" + path
        var mode: mode_t = 0
        return try FileSystem.read(files.absolute(full), displayPath: full, limit: ReadLimits.template, mode: &mode, followingLinks: false)
    }

    /// The SHA-256 of the base of `path`; nil when there is none.
    func digest(of path: String, files: ContainedRoot) throws(FileError) -> String? {
        if hasPack { return pack.entries[path]?.sha256 }
        return try base(of: path, files: files).map(ContentDigest.sha256)
    }

    /// Every base with its bytes and digest: the pack's, or the folder's files.
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

    /// The paths (inside `into`) of the folder's files, leftovers of killed writes left out. A
    /// link in it is an error, as reading through it would be.
    func folderFiles(files: ContainedRoot) throws(FileError) -> [String] {
        let base = try Self.plain(folder, files: files)
        var paths: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? base.absolute : base.absolute + "/" + relative
            for raw in FileSystem.rawNames(absolute) ?? [] {
                guard let name = raw.text, raw.isPrintable, !AtomicFile.isLeftover(name) else { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                switch FileSystem.kind(absolute + "/" + name) {
                case .directory: pending.append(path)
                case .file: paths.append(path)
                case .symlink: _ = try Self.plain(folder + "/" + path, files: files)
                default: continue
                }
            }
        }
        return paths
    }

    /// Removes the one-file-per-base folder once the pack holds its bases (in it, a link only as
    /// a link).
    func removeFolder(files: ContainedRoot) {
        guard hasFolder, let resolved = try? Self.plain(folder, files: files), FileSystem.kind(resolved.absolute) == .directory
        else { return }
        StagedFolder.removeTree(resolved.absolute)
    }
}
