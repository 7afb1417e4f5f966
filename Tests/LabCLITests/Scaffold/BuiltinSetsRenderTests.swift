import Foundation
import Testing

/// Each built-in template set rendered by `lab scaffold` with its vars set, empty, and in a lab
/// where no phase introduces it, then checked by the tools that read the files — `make -n`,
/// shellcheck, hadolint, terraform — where they are installed (a missing tool skips its check;
/// `terraform validate` also needs the AWS provider in a local plugin cache).
/// Mustache renders a section for "" (only false, null, a missing name and an empty list skip
/// it), so an optional var is guarded with `{{#v}}{{^empty(v)}}…{{/empty(v)}}{{/v}}`.
@Suite struct BuiltinSetsRenderTests {
    struct Variant: CustomTestStringConvertible, Sendable {
        var set: String
        var vars: String
        /// Whether a phase lists the scaffold (so that `phase` is in the context).
        var introduced = true
        var testDescription: String { "builtin:\(set) vars \(vars)" + (introduced ? "" : ", no phase") }
    }

    static let variants: [Variant] = [
        Variant(set: "devops", vars: "{ project: llm-lab, registry: \"\" }"),
        Variant(set: "devops", vars: "{ project: llm-lab, registry: ghcr.io/you }"),
        Variant(set: "devops", vars: "{ project: llm-lab, registry: null }"),
        Variant(set: "devops", vars: "{ project: \"\", registry: \"\" }", introduced: false),
        Variant(set: "cloud", vars: "{ project: llm-lab, provider: aws, region: eu-west-1 }"),
        Variant(set: "cloud", vars: "{ project: \"\", provider: \"\", region: \"\" }", introduced: false),
        Variant(set: "mlops", vars: "{ model_name: latency-guard }"),
        Variant(set: "mlops", vars: "{ model_name: \"\" }", introduced: false),
    ]

    func render(_ variant: Variant) throws -> TemporaryLab {
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: Render Lab
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    scaffold: [\(variant.introduced ? variant.set : "")]
                    exercises: []
                scaffolds:
                  \(variant.set): { from: builtin:\(variant.set), into: \(variant.set), vars: \(variant.vars) }

                """,
            "docs/phases/phase-01.md": "# One\n",
        ])
        let result = try lab.lab("scaffold", variant.set)
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("warning"), "\(result)")
        let validate = try lab.lab("validate")
        #expect(validate.status == 0, "\(validate)")
        #expect(!validate.stderr.contains("warning"), "\(validate)")
        return lab
    }

    @Test(arguments: variants)
    func rendersFilesTheirToolsAccept(_ variant: Variant) throws {
        let lab = try render(variant)
        let folder = lab.url(variant.set)
        let readme = try #require(lab.read("\(variant.set)/README.md"))
        // What an empty registry or a missing phase used to leave behind (an empty project or
        // region still reads as empty text in the prose, which no tool reads).
        for artefact in ["phase  (", "phase ,", "phase  ()", "-t /", " /llm-lab", "{{", "}}"] {
            #expect(!readme.contains(artefact), "'\(artefact)' in \(variant.set)/README.md:\n\(readme)")
        }
        if !variant.introduced {
            #expect(!readme.contains("phase"), "no phase lists the scaffold:\n\(readme)")
        }
        switch variant.set {
        case "devops": try checkDevops(lab, folder: folder, variant: variant)
        case "cloud": try checkCloud(folder: folder)
        case "mlops": try checkMlops(lab, folder: folder, variant: variant)
        default: Issue.record("no checks for \(variant.set)")
        }
    }

    func checkDevops(_ lab: TemporaryLab, folder: URL, variant: Variant) throws {
        let project = variant.vars.contains("project: llm-lab") ? "llm-lab" : ""
        let image = variant.vars.contains("ghcr.io/you") ? "ghcr.io/you/\(project)" : project
        let makefile = try #require(lab.read("devops/Makefile"))
        #expect(makefile.contains("\nIMAGE ?= \(image)\n"), "\(makefile)")
        #expect(lab.read("devops/README.md")?.contains("make build       # docker build -t \(image):<commit> .\n") == true)
        if Tool.isAvailable("make") {
            let value = try Tool.run(["make", "-s", "--no-print-directory", "--eval", "show-image: ; @echo '$(IMAGE)'", "show-image"], in: folder)
            #expect(value.status == 0 && value.output == "\(image)\n", "\(value)")
            let dry = try Tool.run(["make", "-n", "build", "lint", "smoke", "check", "help"], in: folder)
            #expect(dry.status == 0, "make -n: \(dry)")
        }
        if Tool.isAvailable("shellcheck") {
            let scripts = try FileManager.default.contentsOfDirectory(atPath: folder.appending(path: "scripts").path)
                .filter { $0.hasSuffix(".sh") }.sorted().map { "scripts/" + $0 }
            let result = try Tool.run(["shellcheck"] + scripts, in: folder)
            #expect(result.status == 0, "shellcheck: \(result)")
        }
        if Tool.isAvailable("hadolint") {
            let result = try Tool.run(["hadolint", "Dockerfile"], in: folder)
            #expect(result.status == 0, "hadolint: \(result)")
        }
    }

    func checkCloud(folder: URL) throws {
        guard Tool.isAvailable("terraform") else { return }
        // fmt parses every file without providers: syntax, and the canonical layout.
        let format = try Tool.run(["terraform", "fmt", "-check", "-recursive"], in: folder)
        #expect(format.status == 0, "terraform fmt: \(format)")
        // validate needs the providers. The tests download nothing: it runs where they are in a
        // local plugin cache (TF_PLUGIN_CACHE_DIR, laid out as -plugin-dir reads it).
        guard let cache = ProcessInfo.processInfo.environment["TF_PLUGIN_CACHE_DIR"], !cache.isEmpty,
            FileManager.default.fileExists(atPath: cache)
        else { return }
        let initialised = try Tool.run(["terraform", "init", "-backend=false", "-input=false", "-no-color", "-plugin-dir=\(cache)"], in: folder)
        if initialised.status == 0 {
            let validate = try Tool.run(["terraform", "validate", "-no-color"], in: folder)
            #expect(validate.status == 0, "terraform validate: \(validate)")
        }
    }

    func checkMlops(_ lab: TemporaryLab, folder: URL, variant: Variant) throws {
        let model = try #require(lab.read("mlops/model.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(model.utf8)) as? [String: Any])
        #expect(object["name"] as? String == (variant.vars.contains("latency-guard") ? "latency-guard" : ""))
        if Tool.isAvailable("python3") {
            let result = try Tool.run(["python3", "-m", "py_compile", "model.py", "serve.py", "evaluate.py", "test_serve.py"], in: folder)
            #expect(result.status == 0, "py_compile: \(result)")
        }
    }
}
