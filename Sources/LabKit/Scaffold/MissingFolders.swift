import LabRuntime
import Foundation

/// The lab's folders found missing while a scaffold plan is made, each looked up once. A scaffold
/// into a new folder would otherwise look for every one of its files there — the file, its merge
/// base, a `.lab-new` beside it: four failed look-ups a file, each walking the path from `/`.
///
/// A plan writes nothing, so what it learns holds until the plan is made; a new plan starts afresh.
final class MissingFolders {
    private let root: String
    /// By folder relative to the root, byte for byte (see `PathKey`): whether it is missing.
    private var answers: [PathKey: Bool] = [:]

    init(root: String) {
        self.root = root
    }

    /// Whether `path` (relative to the root, `/`-separated, no `.` or `..`) cannot exist, a folder
    /// on its way being missing. False says nothing: look.
    func ruleOut(_ path: String) -> Bool {
        let utf8 = path.utf8
        var index = utf8.startIndex
        while let slash = utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            if slash > utf8.startIndex, isMissing(String(path[..<slash])) { return true }
            index = utf8.index(after: slash)
        }
        return false
    }

    /// Whether `folder` is missing: not there at all (a file or a link there is not missing).
    func isMissing(_ folder: String) -> Bool {
        let key = PathKey(folder)
        if let known = answers[key] { return known }
        var info = stat()
        let missing = lstat(root + "/" + folder, &info) != 0 && errno == ENOENT
        answers[key] = missing
        return missing
    }
}
