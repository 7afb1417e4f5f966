/// Tells binary content from text the way git does, so that binary files are replaced, never merged.
public enum BinaryContent {
    /// Git looks no further than this many bytes.
    static let sniffLength = 8000

    /// Whether `bytes` holds a NUL byte in its first 8000 bytes, git's test for a binary file.
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(sniffLength).contains(0)
    }
}
