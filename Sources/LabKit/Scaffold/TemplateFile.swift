/// One file of a template set: its path inside the set (still with any `.mustache` suffix and
/// `{{var}}` segments), its bytes, and whether it is executable.
public struct TemplateFile: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]
    public var executable: Bool

    public init(path: String, bytes: [UInt8], executable: Bool) {
        self.path = path
        self.bytes = bytes
        self.executable = executable
    }
}
