import Foundation
import LabRuntime

/// `lab init [DIR]`: a new lab from the embedded default, never overwriting a file.
public enum InitWorkflow {
    public struct Request: Sendable {
        /// The folder of the new lab, as the user gave it (nil: the working folder).
        public var directory: String?
        public var workingDirectory: URL
        public var name: String?

        public init(directory: String?, workingDirectory: URL, name: String?) {
            self.directory = directory
            self.workingDirectory = workingDirectory
            self.name = name
        }
    }

    public enum Result: Sendable {
        case created(NewLab.Plan)
        /// Files already where the new lab's would go: nothing was written.
        case inTheWay([String])
    }

    public static func run(_ request: Request) throws(LabError) -> Result {
        let base = request.workingDirectory
        let root = request.directory.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : base.appending(path: $0) } ?? base
        if FileSystem.kind(root.path) != .missing && FileSystem.resolvedKind(root.path) != .directory {
            throw .message("'\(request.directory ?? root.path)' exists and is not a folder")
        }
        do {
            let plan = try NewLab.plan(root: root, name: request.name)
            guard plan.inTheWay.isEmpty else { return .inTheWay(plan.inTheWay) }
            try NewLab.write(plan)
            return .created(plan)
        } catch {
            throw LabError(error)
        }
    }
}
