import Testing
@testable import LabSpec

/// Every kind of step decodes into the model, and every wrong shape is an error at its place.
@Suite struct StepKindsTests {
    func load(_ steps: String) -> LabLoader.Loaded {
        let text = """
            lab: Kinds
            phases:
              - id: 1
                title: One
                exercises:
                  - id: e
                    title: E
                    verify:
            \(steps.split(separator: "\n", omittingEmptySubsequences: false).map { "          " + $0 }.joined(separator: "\n"))

            """
        return LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8)))
    }

    func steps(_ text: String) throws -> [Step] {
        let loaded = load(text)
        let lab = try #require(loaded.lab, "\(loaded.diagnostics)")
        return lab.phases[0].exercises[0].verify
    }

    /// The first diagnostic, as `LINE:COLUMN message` (lines counted from the first step, line 1).
    func firstError(_ text: String) -> String? {
        guard let diagnostic = load(text).diagnostics.first(where: { $0.severity == .error }) else { return nil }
        let mark = diagnostic.location?.mark
        return "\((mark?.line ?? 8) - 8):\((mark?.column ?? 11) - 10) \(diagnostic.fullMessage)"
    }

    @Test func decodesEveryKind() throws {
        let decoded = try steps("""
            - file: devops/scripts/graceful.sh
              mode: "0755"
              contains: [bash]
              not_contains: TODO
              matches: '(?i)sigterm'
              size_gt: 10
            - file: devops/link
              links_to: ../target
            - http: https://127.0.0.1:18701/health
              method: POST
              headers: { X-Request-ID: abc }
              body: '{"a": 1}'
              insecure: true
              follow: true
              expect:
                status: [200, 204]
                body: ok
                body_matches: '^ok$'
                headers: { Content-Type: json }
                json: { query: status, equals: ready }
              retry: { attempts: 5, delay: 500ms }
              timeout: 2s
            - tcp: "[::1]:8080"
              listening: false
            - dns: localhost
              type: AAAA
              expect: { addresses: "::1" }
            - json: cloud/iam/policy.json
              query: Statement[*].Sid
              expect: { exists: true }
            - yaml: devops/k8s/all.yaml
              query: spec.replicas
              document: any
              expect: { ge: 2, le: 5 }
            - run: curl -s localhost/ready
              expect:
                json:
                  - { query: status, equals: ready }
                  - { query: items.length, gt: 0 }
            """)
        #expect(decoded.map(\.kind) == [.file, .file, .http, .tcp, .dns, .json, .yaml, .run])
        #expect(decoded[0].action == .file(FileCheck(
            path: "devops/scripts/graceful.sh", contains: ["bash"], notContains: ["TODO"], matches: ["(?i)sigterm"], mode: 0o755, sizeGreaterThan: 10)))
        #expect(decoded[1].action == .file(FileCheck(path: "devops/link", linksTo: "../target")))
        guard case .http(let http) = decoded[2].action else { Issue.record("not http"); return }
        #expect(http.method == "POST")
        #expect(http.headers == [HTTPCheck.Header(name: "X-Request-ID", value: "abc")])
        #expect(http.body == #"{"a": 1}"#)
        #expect(http.insecure && http.follow && http.ca == nil)
        #expect(http.expect.status == [200, 204])
        #expect(http.expect.body == ["ok"])
        #expect(http.expect.bodyMatches == "^ok$")
        #expect(http.expect.headers == [HTTPCheck.Header(name: "Content-Type", value: "json")])
        #expect(http.expect.json == [ValueCheck(query: ValueQuery(segments: [.key("status")]), expect: ValueExpectation(equals: .string("ready")))])
        #expect(decoded[2].retry == Retry(attempts: 5, delay: .milliseconds(500)))
        #expect(decoded[2].timeout == .seconds(2))
        #expect(decoded[3].action == .tcp(TCPCheck(host: "::1", port: 8080, listening: false)))
        #expect(decoded[4].action == .dns(DNSCheck(name: "localhost", type: .aaaa, addresses: ["::1"])))
        guard case .document(let json) = decoded[5].action, case .document(let yaml) = decoded[6].action else { Issue.record("not documents"); return }
        #expect(json.format == .json && json.path == "cloud/iam/policy.json" && json.document == nil)
        #expect(json.check.query.segments == [.key("Statement"), .all, .key("Sid")])
        #expect(json.check.expect == ValueExpectation(exists: true))
        #expect(yaml.document == .any)
        #expect(yaml.check.expect == ValueExpectation(atLeast: 2, atMost: 5))
        #expect(decoded[7].expect.json.count == 2)
        #expect(decoded[7].expect.json[1].expect.greaterThan == 0)
    }

    @Test func modesAreOctalHoweverYAMLReadsThem() throws {
        for (written, mode) in [("\"0755\"", 0o755), ("0755", 0o755), ("755", 0o755), ("0o640", 0o640), ("'4755'", 0o4755)] {
            let decoded = try steps("- file: a\n  mode: \(written)")
            #expect(decoded[0].action == .file(FileCheck(path: "a", mode: UInt32(mode))), "\(written)")
        }
    }

    @Test func rejectsEveryWrongShapeWhereItIs() {
        let cases: [(String, String)] = [
            ("- run: true\n  http: http://x/", "1:3 step 1 of exercise 'e' has both 'run' and 'http'; write them as two steps"),
            ("- tcp: a:1\n  dns: a\n  yaml: b", "1:3 step 1 of exercise 'e' has 'tcp', 'dns' and 'yaml'; a step is one kind: write them as separate steps"),
            ("- http: http://x/\n  expect: { stauts: 200 }", "2:13 unknown key 'stauts' in 'expect' of step 1 of exercise 'e' (did you mean 'status'?)"),
            ("- file: a\n  mdoe: '0755'", "2:3 unknown key 'mdoe' in step 1 of exercise 'e' (did you mean 'mode'?)"),
            ("- json: a.json\n  query: spec..replicas", "2:15 'query' in step 1 of exercise 'e' 'spec..replicas' does not parse at column 6: empty key: two dots in a row, or a dot at the start"),
            ("- json: a.json\n  query: 'items[x]'", "2:17 'query' in step 1 of exercise 'e' 'items[x]' does not parse at column 7: expected an index, '*' or a quoted key after '['"),
            ("- http: htp://x/", "1:9 invalid URL 'htp://x/' for 'http' in step 1 of exercise 'e': the scheme must be http or https, found 'htp'"),
            ("- http: http://:80/", "1:9 invalid URL 'http://:80/' for 'http' in step 1 of exercise 'e': it has no host"),
            ("- http: http://x:99999/", "1:9 invalid URL 'http://x:99999/' for 'http' in step 1 of exercise 'e': port 99999 is out of range (1–65535)"),
            ("- http: localhost:8080/health", "1:9 invalid URL 'localhost:8080/health' for 'http' in step 1 of exercise 'e': it must start with http:// or https://"),
            ("- tcp: 127.0.0.1:70000", "1:8 port 70000 in 'tcp' of step 1 of exercise 'e' is out of range (1–65535)"),
            ("- tcp: 127.0.0.1", "1:8 'tcp' in step 1 of exercise 'e' must be HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080, found '127.0.0.1'"),
            ("- file: a\n  mode: '0758'", "2:9 'mode' in step 1 of exercise 'e' is not an octal mode: found '0758', expected three or four digits 0–7 such as \"0755\""),
            ("- file: a\n  mode: rwxr-xr-x", "2:9 'mode' in step 1 of exercise 'e' is not an octal mode: found 'rwxr-xr-x', expected three or four digits 0–7 such as \"0755\""),
            ("- file: a\n  listening: false", "2:3 'listening' applies to 'tcp' steps, not to 'file' steps"),
            ("- tcp: a:1\n  expect: { status: 200 }", "2:3 'expect' does not apply to 'tcp' steps: they check that something accepts connections (or, with 'listening: false', that nothing does)"),
            ("- http: http://a/\n  method: get", "2:11 unknown HTTP method 'get' in step 1 of exercise 'e' (expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS) (did you mean 'GET'?)"),
            ("- http: http://a/\n  insecure: true", "2:3 'insecure' in step 1 of exercise 'e' applies to https URLs; 'http://a/' is plain http"),
            ("- http: https://a/\n  expect: { status: 700 }", "2:21 HTTP status 700 in 'expect' of step 1 of exercise 'e' must be between 100 and 599"),
            ("- dns: localhost\n  type: MX", "2:9 unknown record type 'MX' in step 1 of exercise 'e' (expected A or AAAA)"),
            ("- dns: localhost\n  expect: { addresses: 300.1.1.1 }", "2:24 '300.1.1.1' in 'addresses' of step 1 of exercise 'e' is not an IPv4 or IPv6 address"),
            ("- yaml: a.yaml\n  document: first", "2:13 'document' in step 1 of exercise 'e' must be a document's number, counted from 0, or 'any', found 'first'"),
            ("- json: a.json\n  document: 1", "2:3 'document' applies to 'yaml' steps, not to 'json' steps"),
            ("- json: a.json\n  expect: { equal: 2 }", "2:13 unknown key 'equal' in 'expect' of step 1 of exercise 'e' (did you mean 'equals'?)"),
            ("- json: a.json\n  expect: { ge: two }", "2:17 expected a number for 'ge' in 'expect' of step 1 of exercise 'e', found a string"),
            ("- json: a.json\n  expect: { exists: false, equals: 1 }", "2:13 'exists: false' in 'expect' of step 1 of exercise 'e' says the value is absent, so it cannot also be compared"),
            ("- file: d\n  type: dir", "2:9 unknown file type 'dir' in step 1 of exercise 'e' (expected file, directory or symlink) (did you mean 'directory'?)"),
            ("- file: d\n  type: directory\n  contains: x", "3:3 'contains' in step 1 of exercise 'e' reads a regular file, but 'type' is directory"),
            ("- run: x\n  expect: { json: { qeury: a } }", "2:21 unknown key 'qeury' in 'json' in 'expect' of step 1 of exercise 'e' (did you mean 'query'?)"),
        ]
        for (steps, expected) in cases {
            #expect(firstError(steps) == expected, "\(steps)")
        }
    }

    @Test func timeoutAndRetryApplyToEveryKind() throws {
        let decoded = try steps("""
            - file: a
              timeout: 1s
              retry: { attempts: 3, delay: 10ms }
            - json: a.json
              retry: { attempts: 2 }
            - dns: localhost
              timeout: 500ms
            """)
        #expect(decoded[0].timeout == .seconds(1))
        #expect(decoded[0].retry == Retry(attempts: 3, delay: .milliseconds(10)))
        #expect(decoded[1].retry?.attempts == 2)
        #expect(decoded[2].timeout == .milliseconds(500))
    }
}
