import Crypto
import LabRuntime

/// SHA-256 digests as lower-case hex: what the scaffold lock and the fingerprints record.
public enum ContentDigest {
    public static func sha256(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    public static func sha256(_ bytes: ArraySlice<UInt8>) -> String {
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    /// The digest of a regular file's content, read a chunk at a time: a large file costs no memory.
    public static func sha256(ofFileAt path: String, displayPath: String) throws(FileError) -> String {
        var hasher = SHA256()
        try FileSystem.forEachChunk(of: path, displayPath: displayPath) { hasher.update(bufferPointer: $0) }
        return hex(hasher.finalize())
    }

    public static func sha256(_ text: String) -> String {
        sha256(Array(text.utf8))
    }

    /// A digest of several named parts, fed in order, each framed by its length so that no two
    /// different sequences of parts give the same input.
    struct Builder {
        private var hasher = SHA256()

        mutating func add(_ bytes: [UInt8]) {
            var length = UInt64(bytes.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        }

        mutating func add(_ text: String) { add(Array(text.utf8)) }

        func finish() -> String { ContentDigest.hex(hasher.finalize()) }

        /// The digest's 32 bytes.
        func finishBytes() -> [UInt8] { hasher.finalize().withUnsafeBytes { Array($0) } }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = ("0123456789abcdef" as StaticString).utf8Start
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
