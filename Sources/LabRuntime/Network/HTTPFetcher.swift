import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// One HTTP request and its response, through AsyncHTTPClient (SwiftNIO, BoringSSL built in):
/// a well-kept client that takes a CA file or trusts any certificate per request, follows
/// redirects only when asked, and is bounded in time as a whole.
public enum HTTPFetcher {
    public struct Request: Sendable {
        public enum Trust: Sendable, Equatable {
            case system
            /// Any certificate at all: for a server with a self-signed certificate.
            case anyCertificate
            /// Only the certificate authorities in this PEM file.
            case authorities(path: String, displayPath: String)
        }

        public var url: String
        public var method: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]?
        public var trust: Trust
        public var followRedirects: Bool
        public var timeout: Duration
        /// The body is kept up to this many bytes; the rest is counted, not kept.
        public var bodyLimit: Int

        public init(
            url: String, method: String = "GET", headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
            trust: Trust = .system, followRedirects: Bool = false, timeout: Duration, bodyLimit: Int = 4 << 20
        ) {
            self.url = url
            self.method = method
            self.headers = headers
            self.body = body
            self.trust = trust
            self.followRedirects = followRedirects
            self.timeout = timeout
            self.bodyLimit = bodyLimit
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]
        /// The body's whole length, more than `body.count` when it was cut.
        public var bodyBytes: Int
        public var isTruncated: Bool { bodyBytes > body.count }

        /// The values of a header, by case-insensitive name.
        public func values(of name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
    }

    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case refused
        case timedOut(Duration)
        case untrusted(String)
        case tls(String)
        case badAuthorities(String)
        case cancelled
        case failed(String)

        public var description: String {
            switch self {
            case .refused: return "connection refused"
            case .timedOut(let limit): return "no response within \(AddressResolver.Failure.seconds(limit))"
            case .untrusted(let reason): return "the server's certificate is not trusted (\(reason))"
            case .tls(let reason): return "TLS handshake failed: \(reason)"
            case .badAuthorities(let reason): return reason
            case .cancelled: return "cancelled"
            case .failed(let reason): return reason
            }
        }
    }

    public static func fetch(_ request: Request) async -> Result<Response, Failure> {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch request.trust {
        case .system: break
        case .anyCertificate: tls.certificateVerification = .none
        case .authorities(let path, let shown):
            switch authorities(path, shown: shown) {
            case .success(let certificates): tls.trustRoots = .certificates(certificates)
            case .failure(let failure): return .failure(failure)
            }
        }
        let seconds = max(1, Int64(request.timeout.components.seconds) + 1)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: request.followRedirects ? .follow(max: 10, allowCycles: false) : .disallow,
            timeout: .init(connect: .seconds(seconds), read: .seconds(seconds)))
        configuration.decompression = .disabled
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let outcome = await withTaskGroup(of: Result<Response, Failure>?.self) { group in
            group.addTask { await perform(request, client: client) }
            group.addTask {
                do { try await Task.sleep(for: request.timeout) } catch { return nil }
                return .failure(.timedOut(request.timeout))
            }
            var first: Result<Response, Failure>?
            while let next = await group.next() {
                if let next {
                    first = next
                    break
                }
            }
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
        try? await client.shutdown()
        return outcome
    }

    private static func perform(_ request: Request, client: HTTPClient) async -> Result<Response, Failure> {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(Int64(request.timeout.components.seconds) * 1_000_000_000 + request.timeout.components.attoseconds / 1_000_000_000))
            var body: [UInt8] = []
            var total = 0
            for try await chunk in response.body {
                total += chunk.readableBytes
                let room = request.bodyLimit - body.count
                if room > 0 { body += chunk.readableBytesView.prefix(room) }
            }
            return .success(Response(
                status: Int(response.status.code), headers: response.headers.map { (name: $0.name, value: $0.value) }, body: body, bodyBytes: total))
        } catch {
            if Task.isCancelled { return .failure(.cancelled) }
            return .failure(failure(error, timeout: request.timeout))
        }
    }

    private static func authorities(_ path: String, shown: String) -> Result<[NIOSSLCertificate], Failure> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(.badAuthorities("cannot read the CA file '\(shown)'"))
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data)), !certificates.isEmpty else {
            return .failure(.badAuthorities("the CA file '\(shown)' holds no PEM certificate"))
        }
        return .success(certificates)
    }

    /// The client's error in a learner's words.
    static func failure(_ error: any Error, timeout: Duration) -> Failure {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut(timeout)
            case .remoteConnectionClosed: return .failed("the server closed the connection without a response")
            case .cancelled: return .cancelled
            default: break
            }
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return .untrusted("for a self-signed server give 'ca: FILE' or 'insecure: true'")
        }
        if error is NIOSSLError || text.contains("BoringSSL") || text.contains("handshake") {
            return .tls(text)
        }
        if let ioError = error as? IOError {
            if ioError.errnoCode == ECONNREFUSED { return .refused }
            return .failed(String(cString: strerror(ioError.errnoCode)).lowercased())
        }
        if text.localizedCaseInsensitiveContains("connection refused") { return .refused }
        return .failed(text)
    }
}
