import Crypto
import LabSpec
import Testing
@testable import LabKit

/// The text a step adds to its exercise's fingerprint: every key of every kind is in it, so a
/// changed expectation reruns a check that was up to date.
@Suite struct StepDefinitionTests {
    /// Each step differs from the others in one key or one value.
    static let steps = [
        "- file: a.sh",
        "- file: b.sh",
        "- file: a.sh\n  contains: x",
        "- file: a.sh\n  not_contains: x",
        "- file: a.sh\n  matches: x",
        "- file: a.sh\n  mode: \"0755\"",
        "- file: a.sh\n  mode: \"0750\"",
        "- file: a.sh\n  type: directory",
        "- file: a.sh\n  type: symlink\n  links_to: b.sh",
        "- file: a.sh\n  size_gt: 10",
        "- http: http://127.0.0.1:8080/",
        "- http: http://127.0.0.1:8080/health",
        "- http: http://127.0.0.1:8080/\n  method: POST",
        "- http: http://127.0.0.1:8080/\n  headers: { X-A: b }",
        "- http: http://127.0.0.1:8080/\n  body: x",
        "- http: https://127.0.0.1:8080/\n  insecure: true",
        "- http: https://127.0.0.1:8080/",
        "- http: https://127.0.0.1:8080/\n  ca: ca.pem",
        "- http: http://127.0.0.1:8080/\n  follow: true",
        "- http: http://127.0.0.1:8080/\n  expect: { status: 200 }",
        "- http: http://127.0.0.1:8080/\n  expect: { status: [200, 204] }",
        "- http: http://127.0.0.1:8080/\n  expect: { body: ok }",
        "- http: http://127.0.0.1:8080/\n  expect: { body_matches: ok }",
        "- http: http://127.0.0.1:8080/\n  expect: { headers: { X-A: b } }",
        "- http: http://127.0.0.1:8080/\n  expect: { json: { query: a, equals: 2 } }",
        "- http: http://127.0.0.1:8080/\n  expect: { json: { query: a, equals: \"2\" } }",
        "- tcp: 127.0.0.1:80",
        "- tcp: 127.0.0.1:81",
        "- tcp: 127.0.0.1:80\n  listening: false",
        "- dns: localhost",
        "- dns: localhost\n  type: A",
        "- dns: localhost\n  type: AAAA",
        "- dns: localhost\n  expect: { addresses: 127.0.0.1 }",
        "- json: a.json",
        "- yaml: a.json",
        "- json: a.json\n  query: a",
        "- json: a.json\n  query: a\n  expect: { equals: 1 }",
        "- json: a.json\n  query: a\n  expect: { contains: x }",
        "- json: a.json\n  query: a\n  expect: { matches: x }",
        "- json: a.json\n  query: a\n  expect: { exists: false }",
        "- json: a.json\n  query: a\n  expect: { gt: 1 }",
        "- json: a.json\n  query: a\n  expect: { lt: 1 }",
        "- json: a.json\n  query: a\n  expect: { ge: 1 }",
        "- json: a.json\n  query: a\n  expect: { le: 1 }",
        "- yaml: a.yaml\n  document: 1",
        "- yaml: a.yaml\n  document: any",
        "- run: 'true'",
        "- run: 'true'\n  expect: { json: { query: a } }",
        "- tcp: 127.0.0.1:80\n  retry: { attempts: 3, delay: 1s }",
        "- tcp: 127.0.0.1:80\n  timeout: 2s",
    ]

    /// The exercise's definition, as the fingerprint hashes it, with the one step.
    static func definition(_ yaml: String) throws -> String {
        let step = try StepHarness.step(yaml)
        return Fingerprinter.definition(of: Exercise(id: "e", phase: 1, title: "e", verify: [step]), defaults: Lab.Defaults())
    }

    @Test func everyKeyOfEveryKindChangesTheText() throws {
        var seen: [String: String] = [:]
        for yaml in Self.steps {
            let text = try Self.definition(yaml)
            #expect(seen[text] == nil, "\(yaml) has the same text as \(seen[text] ?? "")")
            seen[text] = yaml
        }
    }

    @Test func theSameStepGivesTheSameText() throws {
        for yaml in Self.steps {
            #expect(try Self.definition(yaml) == Self.definition(yaml))
        }
    }

    /// The text is the same from one version of lab to the next: a change reruns every check of
    /// every lab once, as if all were edited. The digest of every step's text, and of an exercise
    /// using every exercise key, as this version writes them.
    @Test func theTextStaysTheSameFromVersionToVersion() throws {
        var all = try Self.steps.map(Self.definition).joined(separator: "\u{1}")
        let exercise = Exercise(
            id: "full", phase: 2, title: "t", hint: "h", requires: ["sh", "git"], sources: ["src/**", "*.md"],
            timeout: .milliseconds(1500), env: [EnvironmentEntry(name: "A", value: "b c"), EnvironmentEntry(name: "Z", value: "")],
            verify: [
                try StepHarness.step("- run: make test\n  expect: { exit: [0, 2], stdout: [ok, done], stderr: warn, stdout_matches: '^o', stderr_matches: w }"),
                try StepHarness.step("- run: 'true'\n  retry: { attempts: 3, delay: 250ms }\n  timeout: 2s"),
            ])
        var defaults = Lab.Defaults()
        defaults.shell = "/bin/bash"
        defaults.timeout = .seconds(90)
        all += "\u{1}" + Fingerprinter.definition(of: exercise, defaults: defaults)
        #expect(ContentDigest.hex(SHA256.hash(data: Array(all.utf8))) == "ab90c7efacd2a921574bbf6e5dc5183168a37abcb714135271f268fa6e7072d9")
    }
}
