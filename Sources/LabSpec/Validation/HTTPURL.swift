#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shape of what an `http`, `tcp` or `dns` step names, checked before anything is sent: an
/// http(s) URL with a host and a port in range, a host name or address, a header name.
enum HTTPURL {
    /// What is wrong with `url`, or nil when it is a usable http or https URL.
    static func problem(_ url: String) -> String? {
        if url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) {
            return "it holds a space or a control character (write a space in a path as %20)"
        }
        guard let separator = url.firstRange(of: "://") else {
            return "it must start with http:// or https://"
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return "the scheme must be http or https, found '\(url[..<separator.lowerBound])'"
        }
        let rest = url[separator.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if authority.contains("@") {
            return "a user name or password in the URL is not supported; send an Authorization header instead"
        }
        var host = Substring(authority)
        var port: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return "the IPv6 address is not closed with ']'" }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return "expected ':' and a port after the IPv6 address" }
                port = after.dropFirst()
            }
            guard isAddress(String(host), family: AF_INET6) else { return "'\(host)' is not an IPv6 address" }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return "it has no host" }
        guard authority.hasPrefix("[") || isHost(String(host)) else { return "'\(host)' is not a host name or an IP address" }
        if let port {
            guard !port.isEmpty, port.count <= 6, port.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let number = Int(port) else {
                return "the port '\(port)' is not a number"
            }
            guard (1...65535).contains(number) else { return "port \(number) is out of range (1–65535)" }
        }
        return nil
    }

    /// A host name (labels of letters, digits, `-` and `_`) or an IPv4 or IPv6 address.
    static func isHost(_ host: String) -> Bool {
        if isAddress(host, family: AF_INET) || isAddress(host, family: AF_INET6) { return true }
        var name = Substring(host)
        if name.hasSuffix(".") { name = name.dropLast() }
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-")
                && label.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
        }
    }

    /// An HTTP token, as header names are: letters, digits and ``!#$%&'*+-.^_`|~``.
    static func isToken(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    static func isAddress(_ text: String, family: Int32) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(family, text, &buffer) == 1
    }
}
