import Foundation

/// Whether something accepts TCP connections at a host and port: a plain socket, the system
/// resolver, and a connect bounded in time. The connection is closed at once; nothing is sent.
public enum TCPConnector {
    public enum Outcome: Sendable, Equatable {
        /// Connected to this address.
        case connected(String)
        /// Every address refused (nothing listens there).
        case refused
        /// No answer within the time given (a firewall dropping packets, or a host that is down).
        case timedOut
        /// The name did not resolve, or the network is unreachable.
        case failed(String)
    }

    public static func connect(host: String, port: Int, timeout: Duration) async -> Outcome {
        let deadline = ContinuousClock.now + timeout
        let outcome = await BlockingCall.run(timeout: timeout + .milliseconds(200)) {
            attempt(host: host, port: port, deadline: deadline)
        }
        return outcome ?? .timedOut
    }

    private static func attempt(host: String, port: Int, deadline: ContinuousClock.Instant) -> Outcome {
        let addresses: [AddressResolver.Address]
        switch AddressResolver.addresses(host, port: port, family: nil) {
        case .success(let found): addresses = found
        case .failure(let failure): return .failed(failure.description)
        }
        var sawTimeout = false
        var lastError: String?
        for address in addresses {
            switch connectOnce(address, deadline: deadline) {
            case .connected: return .connected(address.text)
            case .refused: continue
            case .timedOut: sawTimeout = true
            case .failed(let reason): lastError = reason
            }
        }
        if sawTimeout { return .timedOut }
        if let lastError { return .failed(lastError) }
        return .refused
    }

    private static func connectOnce(_ address: AddressResolver.Address, deadline: ContinuousClock.Instant) -> Outcome {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failed(String(cString: strerror(errno)).lowercased()) }
        defer { close(descriptor) }
        var storage = address.storage
        let started = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(descriptor, $0, address.length) }
        }
        if started == 0 { return .connected(address.text) }
        guard errno == EINPROGRESS else { return outcome(errno) }
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return .timedOut }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let milliseconds = Int32(min(Double(Int32.max), (Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) / 1e15).rounded(.up)))
            let ready = poll(&entry, 1, max(1, milliseconds))
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed(String(cString: strerror(errno)).lowercased())
            }
            if ready == 0 { continue }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else {
                return .failed(String(cString: strerror(errno)).lowercased())
            }
            return error == 0 ? .connected(address.text) : outcome(error)
        }
    }

    private static func outcome(_ code: Int32) -> Outcome {
        switch code {
        case ECONNREFUSED: return .refused
        case ETIMEDOUT: return .timedOut
        default: return .failed(String(cString: strerror(code)).lowercased())
        }
    }
}
