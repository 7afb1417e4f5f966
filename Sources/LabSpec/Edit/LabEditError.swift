/// Why `lab.yml` could not be edited in place; nothing was written.
public struct LabEditError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var mark: Mark?

    public init(_ message: String, at mark: Mark? = nil) {
        self.message = message
        self.mark = mark
    }

    public var description: String { message }
}
