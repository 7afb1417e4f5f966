import Foundation
import LabSpec
import Testing

/// The GitHub workflow the devops set ships (`_root/.github/workflows/lab.yml`, rendered at the
/// lab's root) and this repository runs: a valid workflow that validates lab.yml, checks the lab
/// in shards with --strict, keeps the reports and merges them into the job summary.
@Suite struct ShippedWorkflowTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shipped = root.appending(path: "Sources/LabKit/Builtin/Sets/devops/_root/.github/workflows/lab.yml")
    static let own = root.appending(path: ".github/workflows/lab.yml")

    /// `check-jsonschema` on PATH, which the course's CI exercise uses too.
    static let checkJSONSchema: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
        .split(separator: ":").map { $0 + "/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func thisRepositoryRunsTheSameWorkflow() throws {
        #expect(try Data(contentsOf: Self.own) == Data(contentsOf: Self.shipped))
    }

    @Test(.enabled(if: checkJSONSchema != nil, "needs check-jsonschema (pipx install check-jsonschema)"))
    func itIsAValidGitHubWorkflow() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.checkJSONSchema ?? "")
        process.arguments = ["--builtin-schema", "vendor.github-workflows", Self.shipped.path, Self.own.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    static func workflow() throws -> YAMLNode {
        let source = SourceFile(path: "lab.yml", bytes: [UInt8](try Data(contentsOf: shipped)))
        return try YAMLReader().read(source).get().root
    }

    /// Every `run:` of a job, joined.
    static func commands(_ job: YAMLNode?) -> String {
        (job?["steps"]?.sequence ?? []).compactMap { $0["run"]?.scalar?.value }.joined(separator: "\n")
    }

    static func uses(_ job: YAMLNode?) -> [String] {
        (job?["steps"]?.sequence ?? []).compactMap { $0["uses"]?.scalar?.value }
    }

    @Test func itValidatesChecksInShardsAndMergesTheReports() throws {
        let workflow = try Self.workflow()
        #expect(workflow["on"]?.mapping?.map { $0.key.scalar?.value } == ["push", "pull_request", "workflow_dispatch"])
        #expect(workflow["permissions"]?["contents"]?.scalar?.value == "read")
        let jobs = try #require(workflow["jobs"])
        #expect(jobs.mapping?.map { $0.key.scalar?.value } == ["lab", "validate", "check", "report"])

        // lab: a released binary, or built with Swift and libyaml.
        let build = Self.commands(jobs["lab"])
        for needed in ["LAB_URL", "libyaml-dev", "swiftly", "swift build --configuration release"] {
            #expect(build.contains(needed), "\(needed)")
        }
        #expect(Self.uses(jobs["lab"]).contains("actions/upload-artifact@v4"))

        #expect(Self.commands(jobs["validate"]).contains("lab validate --format github"))

        let check = try #require(jobs["check"])
        #expect(check["strategy"]?["matrix"]?["shard"]?.sequence?.compactMap { $0.scalar?.value } == ["1", "2", "3", "4"])
        #expect(check["strategy"]?["fail-fast"]?.scalar?.value == "false")
        let run = Self.commands(check).replacingOccurrences(of: "\n", with: " ")
        #expect(run.contains("lab check --all --strict --shard ${{ matrix.shard }}/${{ strategy.job-total }} --format github --output report-${{ matrix.shard }}.json"), "\(run)")
        #expect(Self.uses(check).contains("actions/upload-artifact@v4"))

        let report = try #require(jobs["report"])
        #expect(report["needs"]?.scalar?.value == "check")
        let merge = Self.commands(report)
        for needed in ["lab merge-reports report-*.json --format json --output lab-report.json", "--format junit --output lab-report.xml",
                       "--format markdown >> \"$GITHUB_STEP_SUMMARY\""] {
            #expect(merge.contains(needed), "\(needed)")
        }
        #expect(Self.uses(report).contains("actions/download-artifact@v4") && Self.uses(report).contains("actions/upload-artifact@v4"))
        // Every job that runs lab gets libyaml and puts lab on PATH first.
        for name in ["validate", "check", "report"] {
            #expect(Self.commands(jobs[name]).contains("libyaml-0-2"), "\(name)")
        }
    }
}
