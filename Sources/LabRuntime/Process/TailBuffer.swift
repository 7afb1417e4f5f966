/// A ring of fixed capacity that keeps the most recent bytes of a stream and counts all of them.
struct TailBuffer {
    let capacity: Int
    private(set) var totalBytes = 0
    private var storage: [UInt8] = []
    // Once `storage` is full, the index of its oldest byte (and where the next byte goes).
    private var oldest = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        totalBytes += chunk.count
        guard capacity > 0, !chunk.isEmpty else { return }
        if chunk.count >= capacity {
            storage = Array(chunk[(chunk.count - capacity)...])
            oldest = 0
            return
        }
        var rest = chunk[...]
        if storage.count < capacity {
            let fill = min(capacity - storage.count, rest.count)
            storage.append(contentsOf: rest.prefix(fill))
            rest = rest.dropFirst(fill)
        }
        // Overwrite the oldest bytes, wrapping around at most once since the chunk is smaller
        // than the ring.
        while !rest.isEmpty {
            let count = min(capacity - oldest, rest.count)
            let source = UnsafeRawBufferPointer(rebasing: rest.prefix(count))
            storage.withUnsafeMutableBytes { ring in
                UnsafeMutableRawBufferPointer(rebasing: ring[oldest..<(oldest + count)])
                    .copyMemory(from: source)
            }
            oldest = (oldest + count) % capacity
            rest = rest.dropFirst(count)
        }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    var tail: OutputTail {
        let ordered = oldest == 0 ? storage : Array(storage[oldest...] + storage[..<oldest])
        return OutputTail(bytes: ordered, totalBytes: totalBytes)
    }
}
