import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `lab check` end to end on a lab that uses every kind of step, against an HTTP server and a
/// TCP listener on loopback: the text view, the JSON and JUnit reports, `--dry-run`, `lab hint`.
@Suite(.serialized) struct StepKindsCheckTests {
    /// `python3 -m http.server` serving a folder on a free port of 127.0.0.1, stopped on release.
    final class StaticServer {
        let process = Process()
        let port: Int

        init?(serving folder: URL) throws {
            let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/python3" }
            guard let python = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
            port = 20000 + Int.random(in: 0..<20000)
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", folder.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        deinit {
            // SIGKILL, not terminate(): the server inherits the signal mask of the thread that
            // started it, and the test runner's threads block SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    static func labFile(port: Int, closedPort: Int) -> String {
        """
        lab: Kinds Lab
        phases:
          - id: 1
            title: One
            status: in-progress
            exercises:
              - id: every-kind
                title: Every kind
                verify:
                  - file: scripts/run.sh
                    mode: "0755"
                    contains: "#!/bin/sh"
                    not_contains: TODO
                  - http: http://127.0.0.1:\(port)/health
                    retry: { attempts: 50, delay: 100ms }
                    expect: { status: 200, body: ok }
                  - http: http://127.0.0.1:\(port)/ready.json
                    expect: { json: { query: status, equals: ready } }
                  - tcp: 127.0.0.1:\(port)
                  - tcp: 127.0.0.1:\(closedPort)
                    listening: false
                  - dns: localhost
                  - json: data/policy.json
                    query: Statement[*].Sid
                  - yaml: k8s/deployment.yaml
                    query: spec.replicas
                    expect: { ge: 2 }
                  - run: cat data/policy.json
                    expect: { json: { query: Statement.length, equals: 1 } }
              - id: failing-http
                title: Failing HTTP
                verify:
                  - http: http://127.0.0.1:\(port)/missing
                    expect: { status: 200 }
              - id: failing-yaml
                title: Failing YAML
                verify:
                  - yaml: k8s/deployment.yaml
                    query: spec.replicas
                    expect: { ge: 3 }
              - id: failing-mode
                title: Failing mode
                verify:
                  - file: scripts/plain.sh
                    mode: "0755"
              - id: failing-tcp
                title: Failing TCP
                verify:
                  - tcp: 127.0.0.1:\(closedPort)
                    retry: { attempts: 3, delay: 10ms }

        """
    }

    func makeLab() throws -> (TemporaryLab, StaticServer?, Int) {
        let lab = try TemporaryLab(files: [
            "www/health": "ok\n",
            "www/ready.json": #"{"status": "ready"}"#,
            "data/policy.json": #"{"Statement": [{"Sid": "A"}]}"#,
            "k8s/deployment.yaml": "kind: Deployment\nspec:\n  replicas: 2\n",
            "scripts/run.sh": "#!/bin/sh\necho hi\n",
            "scripts/plain.sh": "#!/bin/sh\n",
        ])
        chmod(lab.url("scripts/run.sh").path, 0o755)
        chmod(lab.url("scripts/plain.sh").path, 0o644)
        let server = try StaticServer(serving: lab.url("www"))
        let closedPort = Self.closedPort()
        try lab.write("lab.yml", Self.labFile(port: server?.port ?? 1, closedPort: closedPort))
        var document = "# Phase 1\n\n## Progress checklist\n\n"
        for id in ["every-kind", "failing-http", "failing-yaml", "failing-mode", "failing-tcp"] { document += "- [ ] \(id) <!-- lab:\(id) -->\n" }
        try lab.write("docs/phases/phase-01.md", document)
        return (lab, server, closedPort)
    }

    /// A port on 127.0.0.1 where nothing listens: bound, then closed.
    static func closedPort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func everyKindPassesAndFailuresSayWhatDiffered() throws {
        let (lab, started, closedPort) = try makeLab()
        let server = try #require(started, "python3 serves the lab's www folder")
        let text = try lab.lab("check", "--no-mark", "-j", "1")
        #expect(text.status == 1, "\(text)")
        #expect(text.stdout.contains("passed     every-kind"), "\(text)")
        #expect(text.stdout.contains("status 404 (expected 200) from GET http://127.0.0.1:\(server.port)/missing"), "\(text)")
        #expect(text.stdout.contains("k8s/deployment.yaml:3:13: spec.replicas is 2 (expected ≥ 3)"), "\(text)")
        #expect(text.stdout.contains("scripts/plain.sh is mode 0644 (expected 0755)"), "\(text)")
        #expect(text.stdout.contains("connection refused on 127.0.0.1:\(closedPort) after 3 attempts over "), "\(text)")
        #expect(text.stdout.contains("    step 1 of 1: GET http://127.0.0.1:\(server.port)/missing\n    expected: status 200\n"), "\(text)")
        #expect(text.stdout.contains("5 checks: 1 passed, 4 failed"), "\(text)")
    }

    @Test func jsonAndJUnitReportsCarryTheKindAndItsExpectation() throws {
        let (lab, started, _) = try makeLab()
        let server = try #require(started, "python3 serves the lab's www folder")
        let result = try lab.lab("check", "--no-mark", "-j", "1", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
        let results = try #require(object["results"] as? [[String: Any]])
        let every = try #require(results.first { $0["id"] as? String == "every-kind" })
        let steps = try #require(every["steps"] as? [[String: Any]])
        #expect(steps.map { $0["kind"] as? String } == ["file", "http", "http", "tcp", "tcp", "dns", "json", "yaml", "run"])
        #expect(Set(steps[1].keys) == ["kind", "command", "expect", "exit", "signal", "status", "duration", "attempts", "stdout", "stderr", "body", "message"])
        #expect(steps[1]["command"] as? String == "GET http://127.0.0.1:\(server.port)/health")
        #expect(steps[1]["expect"] as? String == #"status 200, body contains "ok""#)
        #expect(steps[1]["status"] as? Int == 200)
        #expect(steps[1]["body"] as? String == "ok\n")
        #expect(steps[0]["expect"] as? String == ##"exists and is not empty, mode 0755, contains "#!/bin/sh", does not contain "TODO""##)
        #expect(steps[7]["command"] as? String == "yaml k8s/deployment.yaml")
        #expect(steps[7]["expect"] as? String == "spec.replicas ≥ 2")
        #expect(steps[8]["expect"] as? String == "exit 0, stdout's Statement.length is 1")
        let failing = try #require(results.first { $0["id"] as? String == "failing-yaml" })
        let failed = try #require((failing["steps"] as? [[String: Any]])?.first)
        #expect(failed["kind"] as? String == "yaml")
        #expect(failed["message"] as? String == "k8s/deployment.yaml:3:13: spec.replicas is 2 (expected ≥ 3)")

        // A FILE ending in .xml gets the JUnit report; the terminal keeps the text view.
        let junit = try lab.lab("check", "--no-mark", "-j", "1", "--output", "report.xml")
        #expect(junit.stdout.contains("5 checks: 1 passed, 4 failed"), "\(junit)")
        let xml = try #require(lab.read("report.xml"))
        let document = try XMLDocument(xmlString: xml)
        let cases = try document.nodes(forXPath: "//testcase")
        #expect(cases.count == 5)
        let failure = try #require(try document.nodes(forXPath: "//testcase[@name='failing-http']/failure").first as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == "step 1: status 404 (expected 200) from GET http://127.0.0.1:\(server.port)/missing")
        #expect(failure.stringValue?.contains("step 1 of 1 (http): GET http://127.0.0.1:\(server.port)/missing\nexpected: status 200\n") == true)
    }

    @Test func dryRunAndHintDescribeEachStepInWords() throws {
        let (lab, started, closedPort) = try makeLab()
        let port = try #require(started, "python3 serves the lab's www folder").port
        let dry = try lab.lab("check", "--dry-run", "every-kind")
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("    2. GET http://127.0.0.1:\(port)/health → status 200, body contains \"ok\"  (timeout 1m)"), "\(dry)")
        #expect(dry.stdout.contains("    5. 127.0.0.1:\(closedPort) nothing accepts connections  (timeout 1m)"), "\(dry)")
        #expect(dry.stdout.contains("    8. yaml k8s/deployment.yaml → spec.replicas ≥ 2\n"), "\(dry)")
        let hint = try lab.lab("hint", "every-kind")
        #expect(hint.status == 0, "\(hint)")
        #expect(hint.stdout.contains("  1. file scripts/run.sh exists and is not empty, mode 0755, contains \"#!/bin/sh\", does not contain \"TODO\"\n"), "\(hint)")
        #expect(hint.stdout.contains("  2. GET http://127.0.0.1:\(port)/health → status 200, body contains \"ok\"\n     timeout 1m, 50 attempts, 100ms apart\n"), "\(hint)")
        #expect(hint.stdout.contains("  4. 127.0.0.1:\(port) accepts connections\n"), "\(hint)")
        #expect(hint.stdout.contains("  6. localhost resolves\n"), "\(hint)")
        #expect(hint.stdout.contains("  7. json data/policy.json → Statement[*].Sid exists\n"), "\(hint)")
        #expect(hint.stdout.contains("  9. run: cat data/policy.json\n     expect exit 0, stdout's Statement.length is 1\n"), "\(hint)")
    }
}
