import Foundation
import Testing
@testable import LabKit

/// `tcp` steps against a listener the test opens, and `dns` steps through the system resolver
/// on `localhost`.
@Suite struct NetworkStepTests {
    /// A TCP listener on 127.0.0.1, closed by `stop`.
    final class Listener {
        let descriptor: Int32
        let port: Int

        init(listening: Bool = true) throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.descriptor = descriptor
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
            port = Int(UInt16(bigEndian: address.sin_port))
            if listening { listen(descriptor, 8) }
        }

        deinit { close(descriptor) }
    }

    @Test func tcpConnectsOrIsRefused() async throws {
        let lab = try StepHarness()
        let open = try Listener()
        let closed = try Listener(listening: false)
        #expect(try await lab.message("- tcp: 127.0.0.1:\(open.port)") == nil)
        #expect(try await lab.message("- tcp: localhost:\(open.port)") == nil, "localhost tries ::1, then 127.0.0.1")
        #expect(try await lab.message("- tcp: 127.0.0.1:\(closed.port)") == "connection refused on 127.0.0.1:\(closed.port)")
        #expect(try await lab.message("- tcp: 127.0.0.1:\(closed.port)\n  listening: false") == nil)
        #expect(try await lab.message("- tcp: 127.0.0.1:\(open.port)\n  listening: false") == "127.0.0.1:\(open.port) accepts connections (expected nothing listening)")
        let retried = try #require(try await lab.message("- tcp: 127.0.0.1:\(closed.port)\n  retry: { attempts: 5, delay: 20ms }"))
        #expect(retried.hasPrefix("connection refused on 127.0.0.1:\(closed.port) after 5 attempts over "))
        #expect(retried.hasSuffix("s"))
        #expect(try await lab.message("- tcp: name-that-does-not-exist.invalid:80")?.hasPrefix("cannot connect to name-that-does-not-exist.invalid:80: 'name-that-does-not-exist.invalid' has no address") == true)
    }

    @Test func dnsResolvesLocalhost() async throws {
        let lab = try StepHarness()
        #expect(try await lab.message("- dns: localhost") == nil)
        #expect(try await lab.message("- dns: localhost\n  type: A\n  expect: { addresses: 127.0.0.1 }") == nil)
        let result = try await lab.run("- dns: localhost\n  type: A\n  expect: { addresses: 10.9.8.7 }")
        #expect(result.message == "localhost resolves to 127.0.0.1 (expected 10.9.8.7 among them)")
        #expect(result.stdout == "127.0.0.1\n")
        #expect(try await lab.message("- dns: name-that-does-not-exist.invalid")?.hasPrefix("'name-that-does-not-exist.invalid' has no address") == true)
    }

    /// `type: AAAA` asks for IPv6 addresses only: localhost has one where /etc/hosts gives it `::1`
    /// (as most systems do), and says it has none where it does not.
    @Test func dnsTypeAAAAAsksForIPv6() async throws {
        let lab = try StepHarness()
        let hosts = (try? String(contentsOfFile: "/etc/hosts", encoding: .utf8)) ?? ""
        let hasIPv6 = hosts.split(separator: "\n").contains { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return words.first == "::1" && words.dropFirst().contains("localhost")
        }
        let message = try await lab.message("- dns: localhost\n  type: AAAA")
        if hasIPv6 {
            #expect(message == nil)
            #expect(try await lab.message("- dns: localhost\n  type: AAAA\n  expect: { addresses: '0:0:0:0:0:0:0:1' }") == nil)
        } else {
            #expect(message?.hasPrefix("'localhost' has no IPv6 address") == true, "\(message ?? "passed")")
        }
    }
}
