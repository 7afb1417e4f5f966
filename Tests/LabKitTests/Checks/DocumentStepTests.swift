import Foundation
import Testing
@testable import LabKit

/// `json` and `yaml` steps on fixture files: each expectation passing and failing, with the
/// exact message and where the value is.
@Suite struct DocumentStepTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app.kubernetes.io/name: web
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  ports: [{ containerPort: 8080 }]
                - name: sidecar
                  image: busybox:latest
        """

    static let policy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "List", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::b"] },
            { "Effect": "Allow", "Action": ["s3:GetObject", "s3:*"], "Resource": ["arn:aws:s3:::b/*"] }
          ]
        }
        """

    func lab() throws -> StepHarness {
        let lab = try StepHarness()
        try lab.write("k8s/deployment.yaml", Self.deployment)
        try lab.write("iam/policy.json", Self.policy)
        try lab.write("k8s/all.yaml", "kind: Service\nspec: { ports: [80] }\n---\nkind: Deployment\nspec:\n  replicas: 3\n")
        try lab.write("broken.json", "{'Version': 1}")
        try lab.write("broken.yaml", "a: [1, 2\nb: 3\n")
        return lab
    }

    @Test func yamlExpectations() async throws {
        let lab = try lab()
        let file = "- yaml: k8s/deployment.yaml\n"
        #expect(try await lab.message(file + "  query: spec.replicas\n  expect: { ge: 1 }") == nil)
        #expect(try await lab.message(file + "  query: spec.replicas\n  expect: { ge: 2 }") == "k8s/deployment.yaml:8:13: spec.replicas is 1 (expected ≥ 2)")
        #expect(try await lab.message(file + "  query: spec.replicas\n  expect: { gt: 0, le: 3 }") == nil)
        #expect(try await lab.message(file + "  query: kind\n  expect: { equals: Deployment }") == nil)
        #expect(try await lab.message(file + "  query: kind\n  expect: { equals: Service }") == #"k8s/deployment.yaml:2:7: kind is "Deployment" (expected "Service")"#)
        #expect(try await lab.message(file + "  query: spec.replicas\n  expect: { equals: '1' }") == #"k8s/deployment.yaml:8:13: spec.replicas is 1, a number (expected "1")"#)
        #expect(try await lab.message(file + "  query: metadata.name\n  expect: { matches: '^w' }") == nil)
        #expect(try await lab.message(file + "  query: metadata.name\n  expect: { matches: '^api' }") == #"k8s/deployment.yaml:4:9: metadata.name is "web" (expected to match /^api/)"#)
        #expect(try await lab.message(file + "  query: metadata.name\n  expect: { contains: we }") == nil)
        #expect(try await lab.message(file + "  query: metadata.name\n  expect: { contains: api }") == #"k8s/deployment.yaml:4:9: metadata.name is "web" (expected to contain "api")"#)
        #expect(try await lab.message(file + "  query: metadata.labels[\"app.kubernetes.io/name\"]\n  expect: { equals: web }") == nil)
        #expect(try await lab.message(file + "  query: metadata.labels\n  expect: { contains: app.kubernetes.io/name }") == nil)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers.length\n  expect: { equals: 2 }") == nil)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers.length\n  expect: { ge: 3 }") == "k8s/deployment.yaml:12:9: spec.template.spec.containers.length is 2 (expected ≥ 3)")
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[0].ports[0].containerPort\n  expect: { equals: 8080 }") == nil)
    }

    /// A GitHub annotation of the failure points at the value in the learner's file.
    @Test func theLocationIsTheValue() async throws {
        let lab = try StepHarness()
        try lab.write("k8s/deployment.yaml", Self.deployment)
        let failed = try await lab.run("- yaml: k8s/deployment.yaml\n  query: spec.replicas\n  expect: { ge: 2 }")
        #expect(failed.location == FilePosition(path: "k8s/deployment.yaml", line: 8, column: 13))
        #expect(try await lab.run("- yaml: k8s/deployment.yaml\n  query: spec.replicas").location == FilePosition(path: "k8s/deployment.yaml"))
        #expect(try await lab.run("- json: missing.json").location == nil)
    }

    @Test func everyValueOfAStarQuery() async throws {
        let lab = try lab()
        let file = "- yaml: k8s/deployment.yaml\n"
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[*].image\n  expect: { matches: ':' }") == nil)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[*].image\n  expect: { matches: ':[0-9]' }")
            == #"k8s/deployment.yaml:16:18: spec.template.spec.containers[1].image is "busybox:latest" (expected to match /:[0-9]/)"#)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[*].name\n  expect: { contains: sidecar }") == nil)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[*].name\n  expect: { contains: proxy }")
            == #"k8s/deployment.yaml:12:17: spec.template.spec.containers[*].name is ["app", "sidecar"] (expected to contain "proxy")"#)
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[*].ports")
            == #"k8s/deployment.yaml:15:11: spec.template.spec.containers[1] has no key "ports" (its keys: "name", "image")"#)
    }

    @Test func missingValuesSayWhereTheSearchStopped() async throws {
        let lab = try lab()
        let file = "- yaml: k8s/deployment.yaml\n"
        #expect(try await lab.message(file + "  query: spec.strategy") == #"k8s/deployment.yaml:8:3: spec has no key "strategy" (its keys: "replicas", "template")"#)
        #expect(try await lab.message(file + "  query: spec.strategy\n  expect: { exists: false }") == nil)
        #expect(try await lab.message(file + "  query: spec.replicas\n  expect: { exists: false }") == "k8s/deployment.yaml:8:13: spec.replicas exists (expected it not to)")
        #expect(try await lab.message(file + "  query: spec.template.spec.containers[5]") == "k8s/deployment.yaml:12:9: spec.template.spec.containers has 2 items: there is no [5]")
        #expect(try await lab.message(file + "  query: kind.name") == #"k8s/deployment.yaml:2:7: kind is "Deployment", a string, not a mapping: it has no key "name""#)
    }

    @Test func severalDocuments() async throws {
        let lab = try lab()
        #expect(try await lab.message("- yaml: k8s/all.yaml\n  query: kind")
            == "'k8s/all.yaml' holds 2 YAML documents: say which with 'document: N' (from 0) or 'document: any'")
        #expect(try await lab.message("- yaml: k8s/all.yaml\n  document: 1\n  query: spec.replicas\n  expect: { equals: 3 }") == nil)
        #expect(try await lab.message("- yaml: k8s/all.yaml\n  document: 2\n  query: kind")
            == "'k8s/all.yaml' holds 2 documents: there is no document 2 (they count from 0)")
        #expect(try await lab.message("- yaml: k8s/all.yaml\n  document: any\n  query: kind\n  expect: { equals: Deployment }") == nil)
        #expect(try await lab.message("- yaml: k8s/all.yaml\n  document: any\n  query: kind\n  expect: { equals: Ingress }")
            == #"k8s/all.yaml:1:7: kind is "Service" (expected "Ingress"); and no other of its 2 documents passes either"#)
    }

    @Test func jsonExpectations() async throws {
        let lab = try lab()
        let file = "- json: iam/policy.json\n"
        #expect(try await lab.message(file + "  query: Version\n  expect: { equals: \"2012-10-17\" }") == nil)
        #expect(try await lab.message(file + "  query: Statement[*].Sid")
            == #"iam/policy.json:5:5: Statement[1] has no key "Sid" (its keys: "Effect", "Action", "Resource")"#)
        #expect(try await lab.message(file + "  query: Statement[*].Action[*]\n  expect: { contains: [s3:ListBucket, s3:GetObject] }") == nil)
        #expect(try await lab.message(file + "  query: Statement[*].Action[*]\n  expect: { matches: '^[a-z0-9]+:[A-Za-z]+$' }")
            == #"iam/policy.json:5:53: Statement[1].Action[1] is "s3:*" (expected to match /^[a-z0-9]+:[A-Za-z]+$/)"#)
        #expect(try await lab.message(file + "  query: Statement.length\n  expect: { equals: 2 }") == nil)
        #expect(try await lab.message(file + "  query: Statement[*].NotAction\n  expect: { exists: false }") == nil)
    }

    @Test func filesThatAreNotDocuments() async throws {
        let lab = try lab()
        #expect(try await lab.message("- json: broken.json\n  query: Version")
            == "broken.json:1:2: is not valid JSON: a single quote: JSON strings take double quotes")
        #expect(try await lab.message("- yaml: broken.yaml\n  query: a") == "broken.yaml:2:2: is not valid YAML: a list in brackets is not closed (did not find expected ',' or ']')")
        #expect(try await lab.message("- json: nothing.json\n  query: a") == "file 'nothing.json' does not exist")
        #expect(try await lab.message("- yaml: k8s\n  query: a") == "'k8s' is a folder, not a file")
    }

    /// What RFC 8259 refuses is not JSON, wherever another reader would take it (Foundation's
    /// decoder takes a trailing comma; a YAML reader, single quotes): the check fails, saying
    /// where, rather than pass on a file that AWS or `python3 -m json.tool` would refuse.
    @Test(arguments: [
        ("{\"a\": 1,}", "1:9: is not valid JSON: a ',' before '}': JSON allows no comma after the last member"),
        ("{\"a\": [1, 2,\n  ]}", "2:3: is not valid JSON: a ',' before ']': JSON allows no comma after the last item"),
        ("{\"a\": 1} garbage", "1:10: is not valid JSON: unexpected text after the value"),
        ("{\"a\": 01}", "1:7: is not valid JSON: a number with a leading zero"),
        ("{\"a\": +1}", "1:7: is not valid JSON: unexpected character"),
        ("{\"a\": 1.}", "1:9: is not valid JSON: a number with no digit after '.'"),
        ("", "1:1: is not valid JSON: unexpected end"),
    ])
    func jsonIsWhatRFC8259Says(_ text: String, _ message: String) async throws {
        let lab = try StepHarness()
        try lab.write("p.json", text)
        #expect(try await lab.message("- json: p.json\n  query: a") == "p.json:" + message)
    }

    @Test func validJSONStillReads() async throws {
        let lab = try StepHarness()
        try lab.write("p.json", " {\"a\": [0, -1.5e+3, 2E-2, true, null, \"\\u00e9\", {}], \"b\": []}\n")
        #expect(try await lab.message("- json: p.json\n  query: a.length\n  expect: { equals: 7 }") == nil)
    }
}

