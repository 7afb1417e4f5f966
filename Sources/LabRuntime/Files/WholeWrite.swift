import SystemPackage

extension FileDescriptor {
    /// Writes all of `bytes`, as swift-system's `writeAll` does: again after a signal, the rest
    /// after a short write, and throwing the first error (an `Errno`). Its `writeAll` is generic
    /// over the sequence, and the first call makes the Swift runtime walk every protocol
    /// conformance record of the binary (for `Result<Int, Errno>`); this one, over a buffer, does
    /// not.
    public func writeCompletely(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeCompletely($0) }
    }

    func writeCompletely(_ buffer: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < buffer.count {
            offset += try write(UnsafeRawBufferPointer(rebasing: buffer[offset...]))
        }
    }
}

/// Where content goes a piece at a time: a file (`BufferedFileWriter`), or memory in tests.
public protocol ByteSink {
    associatedtype Failure: Error
    mutating func append(_ bytes: ArraySlice<UInt8>) throws(Failure)
    mutating func append(_ text: String) throws(Failure)
}

/// Writes many pieces to a file through one buffer: a few large writes rather than one a piece,
/// and no copy of the whole content in memory. A piece of half the buffer or more is written
/// straight from its own storage, after what the buffer holds.
public struct BufferedFileWriter: ByteSink {
    public typealias Failure = any Error
    private let file: FileDescriptor
    private var buffer: [UInt8] = []
    static let capacity = 256 << 10

    init(_ file: FileDescriptor) {
        self.file = file
        buffer.reserveCapacity(Self.capacity)
    }

    public mutating func append(_ bytes: ArraySlice<UInt8>) throws {
        if bytes.count >= Self.capacity / 2 {
            // The pieces before it first: a piece that fits beside them would otherwise pass them.
            try flush()
            try bytes.withUnsafeBytes { try file.writeCompletely($0) }
            return
        }
        if buffer.count + bytes.count > Self.capacity { try flush() }
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ text: String) throws {
        if buffer.count + text.utf8.count > Self.capacity { try flush() }
        buffer.append(contentsOf: text.utf8)
    }

    /// Writes what the buffer holds.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.writeCompletely(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
