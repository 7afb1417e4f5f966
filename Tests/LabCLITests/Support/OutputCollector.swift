import Foundation

/// Collects a pipe's output as it comes, for a process that runs until stopped.
final class OutputCollector: @unchecked Sendable {
    // Written by the handle's reader thread, read by the test: guarded by the lock.
    private let lock = NSLock()
    private var data = Data()

    init(_ handle: FileHandle) {
        handle.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            self?.lock.withLock { self?.data.append(chunk) }
        }
    }

    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
