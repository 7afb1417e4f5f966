import Foundation

/// Names to addresses through the system resolver (`getaddrinfo`: /etc/hosts, then DNS, as
/// nsswitch.conf says), as every other program on the machine resolves them.
public enum AddressResolver {
    public enum Family: Sendable, Equatable {
        case ipv4, ipv6
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The name does not exist, or has no address of the family asked for.
        case noSuchName(String)
        /// The resolver did not answer in time.
        case timedOut(Duration)
        case failed(String)

        public var description: String {
            switch self {
            case .noSuchName(let reason): return reason
            case .timedOut(let limit): return "the resolver did not answer within \(Self.seconds(limit))"
            case .failed(let reason): return reason
            }
        }

        static func seconds(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return value == value.rounded() ? "\(Int(value))s" : "\(value)s"
        }
    }

    /// Each address of `name` once, in the resolver's order (IPv6 `::1` before `127.0.0.1` for localhost, as glibc sorts).
    public static func resolve(_ name: String, family: Family? = nil, timeout: Duration) async -> Result<[String], Failure> {
        let outcome = await BlockingCall.run(timeout: timeout) { lookup(name, family: family) }
        return outcome ?? .failure(.timedOut(timeout))
    }

    /// An IP address in the form `inet_ntop` prints (`::1` for `0:0:0:0:0:0:0:1`); nil when it is none.
    public static func canonical(_ text: String) -> String? {
        var raw = [UInt8](repeating: 0, count: 16)
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        for family in [AF_INET, AF_INET6] where inet_pton(family, text, &raw) == 1 {
            guard inet_ntop(family, raw, &buffer, socklen_t(buffer.count)) != nil else { return nil }
            return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }

    /// The blocking lookup; also used by `TCPConnector` on its own thread.
    static func lookup(_ name: String, port: Int? = nil, family: Family?) -> Result<[String], Failure> {
        addresses(name, port: port, family: family).map { $0.map(\.text) }
    }

    struct Address {
        var text: String
        var storage: sockaddr_storage
        var length: socklen_t
        var family: Int32
    }

    static func addresses(_ name: String, port: Int?, family: Family?) -> Result<[Address], Failure> {
        var hints = addrinfo()
        hints.ai_family = family == .ipv4 ? AF_INET : family == .ipv6 ? AF_INET6 : AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = port == nil ? 0 : AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(name, port.map(String.init), &hints, &list)
        guard status == 0 else {
            let reason = String(cString: gai_strerror(status)).lowercased()
            switch status {
            // EAI_NODATA (-5) and EAI_ADDRFAMILY (-9) are glibc's own, not in every libc header.
            case EAI_NONAME, -5, -9:
                let which = family == .ipv4 ? "IPv4 " : family == .ipv6 ? "IPv6 " : ""
                return .failure(.noSuchName("'\(name)' has no \(which)address (\(reason))"))
            default:
                return .failure(.failed("cannot resolve '\(name)': \(reason)"))
            }
        }
        defer { freeaddrinfo(list) }
        var found: [Address] = []
        var cursor = list
        while let entry = cursor?.pointee {
            cursor = entry.ai_next
            guard let raw = entry.ai_addr else { continue }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(entry.ai_addrlen)))
            }
            guard let text = numeric(raw, family: entry.ai_family), !found.contains(where: { $0.text == text }) else { continue }
            found.append(Address(text: text, storage: storage, length: entry.ai_addrlen, family: entry.ai_family))
        }
        if found.isEmpty { return .failure(.noSuchName("'\(name)' has no address")) }
        return .success(found)
    }

    private static func numeric(_ address: UnsafePointer<sockaddr>, family: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let result: UnsafePointer<CChar>?
        switch family {
        case AF_INET:
            result = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                var raw = ipv4.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
            }
        case AF_INET6:
            result = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
                var raw = ipv6.pointee.sin6_addr
                return inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count))
            }
        default:
            return nil
        }
        guard result != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
