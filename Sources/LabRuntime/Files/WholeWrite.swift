import SystemPackage

extension FileDescriptor {
    /// Writes all of `bytes`, as swift-system's `writeAll` does: again after a signal, the rest
    /// after a short write, and throwing the first error (an `Errno`). Its `writeAll` is generic
    /// over the sequence, and the first call makes the Swift runtime walk every protocol
    /// conformance record of the binary (for `Result<Int, Errno>`); this one, over a buffer, does
    /// not.
    public func writeCompletely(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                offset += try write(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
            }
        }
    }
}
