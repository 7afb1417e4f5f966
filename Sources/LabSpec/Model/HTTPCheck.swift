/// An `http:` step: one request, and what its response must be.
public struct HTTPCheck: Sendable, Equatable {
    public struct Header: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// What the response must be; with no `status`, any 2xx passes.
    public struct Expectation: Sendable, Equatable {
        public var status: [Int]
        /// Substrings the body must contain.
        public var body: [String]
        public var bodyMatches: String?
        /// Response headers by name, each with a substring its value must contain.
        public var headers: [Header]
        /// Facts about the body read as JSON.
        public var json: [ValueCheck]

        public init(status: [Int] = [], body: [String] = [], bodyMatches: String? = nil, headers: [Header] = [], json: [ValueCheck] = []) {
            self.status = status
            self.body = body
            self.bodyMatches = bodyMatches
            self.headers = headers
            self.json = json
        }
    }

    public var url: String
    public var method: String
    public var headers: [Header]
    /// The request body, sent as is.
    public var body: String?
    /// Accept any certificate (a self-signed server); never for a server you do not own.
    public var insecure: Bool
    /// A PEM file of the certificate authorities to trust instead of the system's.
    public var ca: String?
    /// Follow redirects; by default a 3xx response is the answer.
    public var follow: Bool
    public var expect: Expectation

    public init(
        url: String, method: String = "GET", headers: [Header] = [], body: String? = nil, insecure: Bool = false, ca: String? = nil,
        follow: Bool = false, expect: Expectation = Expectation()
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.insecure = insecure
        self.ca = ca
        self.follow = follow
        self.expect = expect
    }

    public static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
}
