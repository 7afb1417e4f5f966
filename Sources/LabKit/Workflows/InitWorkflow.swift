import Foundation
import LabRuntime

/// `lab init [DIR]`: a new lab from the embedded default, never overwriting a file.
public enum InitWorkflow {
    public struct Request: Sendable {
        /// The folder of the new lab, as the user gave it (nil: the working folder).
        public var directory: String?
        public var workingDirectory: URL
        public var name: String?
        /// Create the lab even inside another lab.
        public var insideAnotherLab: Bool

        public init(directory: String?, workingDirectory: URL, name: String?, insideAnotherLab: Bool = false) {
            self.directory = directory
            self.workingDirectory = workingDirectory
            self.name = name
            self.insideAnotherLab = insideAnotherLab
        }
    }

    public enum Result: Sendable {
        case created(NewLab.Plan)
        /// Files already where the new lab's would go: nothing was written.
        case inTheWay([String])
        /// The folder is inside another lab (its `lab.yml`, as given relative to the working
        /// folder when it is below it): nothing was written.
        case insideLab(String)
        /// The folder holds a `lab.yml` already (`lab init` run again, say): nothing was written.
        case alreadyALab
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        let base = request.workingDirectory
        let root = request.directory.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : base.appending(path: $0) } ?? base
        if FileSystem.kind(root.path) != .missing && FileSystem.resolvedKind(root.path) != .directory {
            throw .message("'\(request.directory ?? root.path)' exists and is not a folder")
        }
        // A lab in a lab: every command run below the inner one would find the inner lab.yml
        // first, and the outer lab would hold the inner one's files as its own.
        if !request.insideAnotherLab, let outer = try? LabProject.locate(explicit: nil, from: root.standardizedFileURL.deletingLastPathComponent()) {
            return .insideLab(outer.path)
        }
        do {
            let plan = try NewLab.plan(root: root, name: request.name)
            guard plan.inTheWay.isEmpty else {
                // That, rather than a list of the fourteen files a lab has.
                if FileSystem.resolvedKind(root.appending(path: "lab.yml").path) == .file { return .alreadyALab }
                return .inTheWay(plan.inTheWay)
            }
            try NewLab.write(plan)
            return .created(plan)
        } catch {
            throw LabError(error)
        }
    }
}
