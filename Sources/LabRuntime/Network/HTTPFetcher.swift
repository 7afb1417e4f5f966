import CLabSystem
import Foundation
import Synchronization

/// One HTTP request and its response, through libcurl — the client behind curl and, on Linux,
/// behind Foundation's URLSession — opened with dlopen on the first request, so that a command
/// that makes none loads nothing of it. It takes a CA file or trusts any certificate per
/// request, follows redirects only when asked, and is bounded in time as a whole.
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
        /// libcurl could not be loaded.
        case noClient(String)
        case cancelled
        case failed(String)

        public var description: String {
            switch self {
            case .refused: return "connection refused"
            case .timedOut(let limit): return "no response within \(AddressResolver.Failure.seconds(limit))"
            case .untrusted(let reason): return "the server's certificate is not trusted (\(reason))"
            case .tls(let reason): return "TLS handshake failed: \(reason)"
            case .badAuthorities(let reason): return reason
            case .noClient(let reason): return "http steps need libcurl: \(reason); install it (Debian and Ubuntu: apt-get install libcurl4)"
            case .cancelled: return "cancelled"
            case .failed(let reason): return reason
            }
        }
    }

    public static func fetch(_ request: Request) async -> Result<Response, Failure> {
        if case .authorities(let path, let shown) = request.trust, let failure = unusableAuthorities(path, shown: shown) {
            return .failure(failure)
        }
        let transfer = Transfer(limit: request.bodyLimit)
        // libcurl bounds the request by the step's timeout; the margin only covers a transfer
        // that overruns it, which is then abandoned and told to stop.
        let outcome = await BlockingCall.run(timeout: request.timeout + .seconds(1)) {
            perform(request, transfer: transfer)
        }
        guard let outcome else {
            transfer.abandon()
            return .failure(Task.isCancelled ? .cancelled : .timedOut(request.timeout))
        }
        return outcome
    }

    /// The transfer's state, shared with libcurl's callbacks on the thread that performs it.
    private final class Transfer: Sendable {
        struct State {
            var body: [UInt8] = []
            var total = 0
            var headers: [(name: String, value: String)] = []
        }

        let limit: Int
        let state = Mutex(State())
        let abandoned = Atomic(false)

        init(limit: Int) { self.limit = limit }

        func abandon() { abandoned.store(true, ordering: .relaxed) }

        func receive(_ bytes: UnsafeRawBufferPointer) {
            state.withLock { state in
                state.total += bytes.count
                let room = limit - state.body.count
                if room > 0 { state.body += bytes.prefix(room) }
            }
        }

        /// One header line as libcurl hands it over; a status line starts a new response (after
        /// a redirect or a 100 Continue), whose headers replace those before.
        func header(_ line: String) {
            state.withLock { state in
                if line.hasPrefix("HTTP/") {
                    state.headers = []
                } else if let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
                    state.headers.append((name: name, value: value))
                }
            }
        }
    }

    private static let onBody: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        if let data { transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count)) }
        return size * count
    }

    private static let onHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
        if let data {
            let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
            transfer.header(String(decoding: bytes, as: UTF8.self))
        }
        return size * count
    }

    /// Stops the transfer (a non-zero answer) once the caller has given up on it.
    private static let onProgress: @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32 = { context, _, _, _, _ in
        guard let context else { return 0 }
        return Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue().abandoned.load(ordering: .relaxed) ? 1 : 0
    }

    /// The blocking transfer, on a thread of its own.
    private static func perform(_ request: Request, transfer: Transfer) -> Result<Response, Failure> {
        var reason = [CChar](repeating: 0, count: 256)
        guard lab_curl_open(&reason, reason.count) == 0 else {
            return .failure(.noClient(String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)))
        }
        guard let handle = lab_curl_easy_init() else { return .failure(.failed("libcurl could not start a request")) }
        defer { lab_curl_easy_cleanup(handle) }
        var headerList: UnsafeMutableRawPointer?
        defer { if let headerList { lab_curl_slist_free_all(headerList) } }
        // libcurl copies every string set below, but writes into this buffer until the end.
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: 512)
        errorBuffer.initialize(repeating: 0, count: 512)
        defer { errorBuffer.deallocate() }
        let context = Unmanaged.passUnretained(transfer).toOpaque()

        lab_curl_setopt_string(handle, Int32(LAB_CURLOPT_URL), request.url)
        lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_PROTOCOLS), Int(LAB_CURLPROTO_HTTP_AND_HTTPS))
        lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_REDIR_PROTOCOLS), Int(LAB_CURLPROTO_HTTP_AND_HTTPS))
        lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_NOSIGNAL), 1)
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_ERRORBUFFER), errorBuffer)
        let milliseconds = request.timeout.components.seconds * 1000 + request.timeout.components.attoseconds / 1_000_000_000_000_000
        lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_TIMEOUT_MS), Int(max(1, milliseconds)))
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_WRITEFUNCTION), unsafeBitCast(onBody, to: UnsafeRawPointer.self))
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_WRITEDATA), context)
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_HEADERFUNCTION), unsafeBitCast(onHeader, to: UnsafeRawPointer.self))
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_HEADERDATA), context)
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_XFERINFOFUNCTION), unsafeBitCast(onProgress, to: UnsafeRawPointer.self))
        lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_XFERINFODATA), context)
        lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_NOPROGRESS), 0)
        if request.followRedirects {
            lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_FOLLOWLOCATION), 1)
            lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_MAXREDIRS), 10)
        }
        switch request.trust {
        case .system:
            break
        case .anyCertificate:
            lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_SSL_VERIFYPEER), 0)
            lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_SSL_VERIFYHOST), 0)
        case .authorities(let path, _):
            // Only this file, not the system's folder of authorities as well.
            lab_curl_setopt_string(handle, Int32(LAB_CURLOPT_CAINFO), path)
            lab_curl_setopt_string(handle, Int32(LAB_CURLOPT_CAPATH), nil)
        }
        switch (request.method, request.body) {
        case ("GET", nil): break
        case ("HEAD", nil): lab_curl_setopt_long(handle, Int32(LAB_CURLOPT_NOBODY), 1)
        default: lab_curl_setopt_string(handle, Int32(LAB_CURLOPT_CUSTOMREQUEST), request.method)
        }
        if let body = request.body {
            lab_curl_setopt_offset(handle, Int32(LAB_CURLOPT_POSTFIELDSIZE_LARGE), Int64(body.count))
            // A NUL after the bytes, so that an empty body is still a pointer; the size excludes it.
            (body + [0]).withUnsafeBytes { lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_COPYPOSTFIELDS), $0.baseAddress) }
        }
        // The body is sent as is: no form Content-Type unless the step names one, and no
        // 100-continue round trip.
        var lines = request.headers.map { "\($0.name): \($0.value)" }
        let named = Set(request.headers.map { $0.name.lowercased() })
        if request.body != nil, !named.contains("content-type") { lines.append("Content-Type:") }
        if !named.contains("expect") { lines.append("Expect:") }
        for line in lines {
            guard let appended = lab_curl_slist_append(headerList, line) else { return .failure(.failed("out of memory")) }
            headerList = appended
        }
        if let headerList { lab_curl_setopt_pointer(handle, Int32(LAB_CURLOPT_HTTPHEADER), headerList) }

        let code = withExtendedLifetime(transfer) { lab_curl_easy_perform(handle) }
        guard code == Int32(LAB_CURLE_OK) else {
            var osError = 0
            lab_curl_getinfo_long(handle, Int32(LAB_CURLINFO_OS_ERRNO), &osError)
            return .failure(failure(code: code, osError: Int32(truncatingIfNeeded: osError), text: String(cString: errorBuffer), request: request))
        }
        var status = 0
        lab_curl_getinfo_long(handle, Int32(LAB_CURLINFO_RESPONSE_CODE), &status)
        let received = transfer.state.withLock { $0 }
        return .success(Response(status: status, headers: received.headers, body: received.body, bodyBytes: received.total))
    }

    /// A CA file that cannot serve, said before libcurl says it less plainly.
    private static func unusableAuthorities(_ path: String, shown: String) -> Failure? {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .badAuthorities("cannot read the CA file '\(shown)'")
        }
        guard String(decoding: data, as: UTF8.self).contains("-----BEGIN CERTIFICATE-----") else {
            return .badAuthorities("the CA file '\(shown)' holds no PEM certificate")
        }
        return nil
    }

    /// libcurl's error in a learner's words.
    static func failure(code: Int32, osError: Int32, text: String, request: Request) -> Failure {
        let detail = text.isEmpty ? String(cString: lab_curl_easy_strerror(code)) : text
        let lowered = detail.prefix(1).lowercased() + detail.dropFirst()
        switch code {
        case Int32(LAB_CURLE_COULDNT_CONNECT):
            if osError == ECONNREFUSED { return .refused }
            if osError != 0 { return .failed("cannot connect: " + String(cString: strerror(osError)).lowercased()) }
            return .failed(lowered)
        case Int32(LAB_CURLE_OPERATION_TIMEDOUT): return .timedOut(request.timeout)
        case Int32(LAB_CURLE_PEER_FAILED_VERIFICATION):
            return .untrusted("for a self-signed server give 'ca: FILE' or 'insecure: true'")
        case Int32(LAB_CURLE_SSL_CONNECT_ERROR), Int32(LAB_CURLE_SSL_CERTPROBLEM): return .tls(lowered)
        case Int32(LAB_CURLE_SSL_CACERT_BADFILE):
            if case .authorities(_, let shown) = request.trust { return .badAuthorities("the CA file '\(shown)' cannot be used: \(lowered)") }
            return .tls(lowered)
        case Int32(LAB_CURLE_GOT_NOTHING): return .failed("the server closed the connection without a response")
        case Int32(LAB_CURLE_TOO_MANY_REDIRECTS): return .failed("more than 10 redirects")
        case Int32(LAB_CURLE_ABORTED_BY_CALLBACK): return .cancelled
        default: return .failed(lowered)
        }
    }
}
