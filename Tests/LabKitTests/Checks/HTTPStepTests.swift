import Foundation
import Testing
@testable import LabKit

/// `http` steps against a real server on loopback, started by the test: every expectation
/// passing and failing with its exact message; HTTPS with a certificate made for the test.
@Suite(.serialized) struct HTTPStepTests {
    @Test func statusBodyHeadersAndJSON() async throws {
        let server = try await LoopbackHTTPServer.start()
        defer { Task { await server.stop() } }
        let lab = try StepHarness()
        let base = "http://127.0.0.1:\(server.port)"
        #expect(try await lab.message("- http: \(base)/health") == nil)
        #expect(try await lab.message("- http: \(base)/health\n  expect: { status: 200, body: ok }") == nil)
        #expect(try await lab.message("- http: \(base)/status/503\n  expect: { status: 200 }") == "status 503 (expected 200) from GET \(base)/status/503")
        #expect(try await lab.message("- http: \(base)/status/404") == "status 404 (expected 2xx) from GET \(base)/status/404")
        #expect(try await lab.message("- http: \(base)/status/404\n  expect: { status: [404, 410] }") == nil)
        #expect(try await lab.message("- http: \(base)/health\n  expect: { body: [ok, ready] }") == #"the body of GET \#(base)/health does not contain "ready""#)
        #expect(try await lab.message("- http: \(base)/health\n  expect: { body_matches: '^ok$' }") == nil)
        #expect(try await lab.message("- http: \(base)/health\n  expect: { body_matches: '^OK$' }") == "the body of GET \(base)/health does not match /^OK$/")
        #expect(try await lab.message("- http: \(base)/json\n  expect: { headers: { content-type: json } }") == nil)
        #expect(try await lab.message("- http: \(base)/json\n  expect: { headers: { Content-Type: yaml } }")
            == #"header Content-Type is "application/json" (expected it to contain "yaml") from GET \#(base)/json"#)
        #expect(try await lab.message("- http: \(base)/health\n  expect: { headers: { X-Request-ID: a } }") == "no header X-Request-ID in the response of GET \(base)/health")
        #expect(try await lab.message("- http: \(base)/json\n  expect: { json: [{ query: status, equals: ready }, { query: items.length, ge: 2 }] }") == nil)
        #expect(try await lab.message("- http: \(base)/json\n  expect: { json: { query: replicas, ge: 5 } }")
            == "the body of GET \(base)/json: replicas is 3 (expected ≥ 5)")
        #expect(try await lab.message("- http: \(base)/health\n  expect: { json: { query: status } }")?
            .hasPrefix("the body of GET \(base)/health is not valid JSON: ") == true)
    }

    @Test func requestMethodHeadersAndBody() async throws {
        let server = try await LoopbackHTTPServer.start()
        defer { Task { await server.stop() } }
        let lab = try StepHarness()
        let base = "http://127.0.0.1:\(server.port)"
        let result = try await lab.run("""
            - http: \(base)/echo
              method: POST
              headers: { X-Request-ID: lab-42 }
              body: '{"inputs": [1]}'
              expect: { body: ["POST /echo", "X-Request-ID: lab-42", '{"inputs": [1]}'], headers: { X-Request-ID: lab-42 } }
            """)
        #expect(result.passed, "\(result.message ?? "")")
        #expect(result.status == 200)
        #expect(result.kind == .http)
        #expect(result.command == "POST \(base)/echo")
        #expect(result.expectation == #"status 2xx, body contains "POST /echo", "X-Request-ID: lab-42", "{\"inputs\": [1]}", header X-Request-ID contains "lab-42""#)
        #expect(result.body.hasPrefix("POST /echo\n"))
    }

    @Test func redirectsAreTheAnswerUnlessFollowed() async throws {
        let server = try await LoopbackHTTPServer.start()
        defer { Task { await server.stop() } }
        let lab = try StepHarness()
        let base = "http://127.0.0.1:\(server.port)"
        #expect(try await lab.message("- http: \(base)/redirect")
            == "status 302 (expected 2xx) from GET \(base)/redirect, a redirect to /health (add 'follow: true' to follow it)")
        #expect(try await lab.message("- http: \(base)/redirect\n  expect: { status: 302 }") == nil)
        #expect(try await lab.message("- http: \(base)/redirect\n  follow: true\n  expect: { status: 200, body: ok }") == nil)
    }

    @Test func connectionRefusedAndTimeouts() async throws {
        let lab = try StepHarness()
        let port = try closedPort()
        #expect(try await lab.message("- http: http://127.0.0.1:\(port)/health") == "connection refused from GET http://127.0.0.1:\(port)/health")
        #expect(try await lab.message("- http: http://127.0.0.1:\(port)/health\n  retry: { attempts: 3, delay: 10ms }")?
            .hasPrefix("connection refused from GET http://127.0.0.1:\(port)/health after 3 attempts over ") == true)
        let server = try await LoopbackHTTPServer.start()
        defer { Task { await server.stop() } }
        let slow = try await lab.run("- http: http://127.0.0.1:\(server.port)/slow\n  timeout: 300ms")
        #expect(!slow.passed)
        #expect(slow.timedOut)
        #expect(slow.message == "no response within 0.3s from GET http://127.0.0.1:\(server.port)/slow")
    }

    @Test func httpsWithACertificateAuthorityOrInsecure() async throws {
        let certificate = try TestCertificate.make()
        let server = try await LoopbackHTTPServer.start(tls: try certificate.serverContext())
        defer { Task { await server.stop() } }
        let lab = try StepHarness()
        try lab.write("ca.pem", certificate.authorityPEM)
        try lab.write("not-a-ca.pem", "hello\n")
        let base = "https://127.0.0.1:\(server.port)"
        #expect(try await lab.message("- http: \(base)/health")
            == "the server's certificate is not trusted (for a self-signed server give 'ca: FILE' or 'insecure: true') from GET \(base)/health")
        #expect(try await lab.message("- http: \(base)/health\n  ca: ca.pem\n  expect: { body: ok }") == nil)
        #expect(try await lab.message("- http: \(base)/health\n  insecure: true\n  expect: { body: ok }") == nil)
        #expect(try await lab.message("- http: \(base)/health\n  ca: not-a-ca.pem") == "the CA file 'not-a-ca.pem' holds no PEM certificate from GET \(base)/health")
        #expect(try await lab.message("- http: \(base)/health\n  ca: missing.pem") == "cannot read the CA file 'missing.pem' from GET \(base)/health")
    }

    /// A port on 127.0.0.1 where nothing listens: bound, then closed.
    func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
