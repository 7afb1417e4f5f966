/// A `tcp:` step: something accepts connections on HOST:PORT — or, with `listening: false`, nothing does.
public struct TCPCheck: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var listening: Bool

    public init(host: String, port: Int, listening: Bool = true) {
        self.host = host
        self.port = port
        self.listening = listening
    }

    /// `HOST:PORT`, with an IPv6 address in brackets.
    public var address: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Splits `HOST:PORT` or `[IPV6]:PORT`; nil when there is no port or the host is empty.
    public static func split(_ text: String) -> (host: String, port: Substring)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), !host.isEmpty else { return nil }
            return (host, rest.dropFirst())
        }
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let host = String(text[..<colon])
        guard !host.isEmpty, !host.contains(":") else { return nil }
        return (host, text[text.index(after: colon)...])
    }
}
