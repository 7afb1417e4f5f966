import Foundation

/// A file operation that failed, with the path relative to the lab when possible.
public struct FileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var action: String
    public var reason: String
    /// The `errno` the error came from, when it came from one.
    public var code: Int32?

    public init(_ action: String, _ path: String, reason: String) {
        self.action = action
        self.path = path
        self.reason = reason
    }

    public init(_ action: String, _ path: String, errno code: Int32) {
        self.init(action, path, reason: String(cString: strerror(code)).lowercased())
        self.code = code
    }

    public var description: String { "cannot \(action) '\(path)': \(reason)" }
}
