import Foundation
import LabRuntime
import LabSpec
import Testing

@testable import LabKit

/// A template set is read and its files rendered side by side; what `lab scaffold` reports and
/// writes must be what one file at a time gave: diagnostics in the set's order, the same bytes,
/// and every folder, however its name is spelled in Unicode.
@Suite struct ScaffoldRenderOrderTests {
    let context = TemplateContext([("name", .string("x")), ("items", .list([.map([("v", .int(1))])]))])

    func file(_ path: String, _ text: String, executable: Bool = false) -> TemplateFile {
        TemplateFile(path: path, bytes: Array(text.utf8), executable: executable)
    }

    /// A file's content error comes before a later file's path error, as one file at a time gave.
    @Test func errorsStayInTheSetsOrder() {
        let set = TemplateSet(source: .folder("t"), files: [
            file("a.txt.mustache", "{{#open}}\n"),
            file("b/{{#bad}}/c.txt", "plain"),
        ])
        let rendered = ScaffoldRenderer.render(set, context: context)
        #expect(rendered.errors.map { $0.location?.file } == ["t/a.txt.mustache", "t/b/{{#bad}}/c.txt"])
    }

    @Test func warningsStayInTheSetsOrder() {
        let set = TemplateSet(source: .folder("t"), files: [
            file("a.txt.mustache", "{{nope_a}}\n"),
            file("b{{nope_b}}.txt", "plain"),
            file("c.txt.mustache", "{{nope_c}}\n"),
        ])
        let rendered = ScaffoldRenderer.render(set, context: context)
        #expect(rendered.warnings.map { $0.location?.file } == ["t/a.txt.mustache", "t/b{{nope_b}}.txt", "t/c.txt.mustache"])
    }

    /// Enough files for several workers: each output is what a renderer of its own gives, and each
    /// file warns about the name it lacks.
    @Test func sideBySideRenderMatchesOneFileAtATime() throws {
        var files: [TemplateFile] = []
        for index in 0..<300 {
            switch index % 4 {
            case 0: files.append(file(String(format: "f%03d.txt.mustache", index), "{{name}} {{missing}} \(index)\n"))
            case 1: files.append(file(String(format: "f%03d.txt.mustache", index), "{{#items}}{{v}}{{/items}}{{^missing}}m{{/missing}}\n"))
            case 2: files.append(file(String(format: "f%03d.bin", index), "\u{1}\(index)", executable: true))
            default: files.append(file(String(format: "f%03d.txt.mustache", index), "{{name}}\n"))
            }
        }
        let set = TemplateSet(source: .folder("t"), files: files)
        for _ in 0..<5 {
            let rendered = ScaffoldRenderer.render(set, context: context)
            #expect(rendered.files.count == 300)
            #expect(rendered.errors.isEmpty)
            #expect(rendered.warnings.count == 150)
            for output in rendered.files {
                let template = try #require(set.files.first { "t/" + $0.path == output.template })
                let expected = template.path.hasSuffix(".mustache")
                    ? try TemplateRenderer(context: context).render(SourceFile(path: output.template, bytes: template.bytes)).bytes
                    : template.bytes
                #expect(output.bytes == expected, "\(output.path)")
                #expect(output.sha256 == ContentDigest.sha256(expected), "\(output.path)")
                #expect(output.executable == template.executable)
            }
        }
    }

    /// A file too large to read (found by the read) comes before a FIFO after it (found by the walk).
    @Test func loadErrorsStayInTheSetsOrder() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "set-order-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appending(path: "t")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: folder.path + "/a.bin", contents: nil))
        #expect(truncate(folder.path + "/a.bin", off_t(ReadLimits.template + 1)) == 0)
        #expect(mkfifo(folder.path + "/b", 0o644) == 0)
        #expect(FileManager.default.createFile(atPath: folder.path + "/c.txt", contents: Data("c".utf8)))
        #expect(FileManager.default.createFile(atPath: folder.path + "/d.bin", contents: nil))
        #expect(truncate(folder.path + "/d.bin", off_t(ReadLimits.template + 1)) == 0)
        #expect(mkfifo(folder.path + "/e", 0o644) == 0)
        do {
            _ = try TemplateSet.load(.folder("t"), root: root)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.map { $0.location?.file } == ["t/a.bin", "t/b", "t/d.bin", "t/e"])
        }
    }

    /// `café` with `é` as one character and as `e` + U+0301: two folders on disk, both written,
    /// whether the scaffold's folder is new (written as a whole tree) or already there.
    @Test(arguments: [false, true])
    func canonicallyEquivalentFoldersAreBothWritten(intoExists: Bool) async throws {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let scratch = try ScratchLab()
        try scratch.write("tpl/\(composed)/a.txt", "a\n")
        try scratch.write("tpl/\(decomposed)/b.txt", "b\n")
        if intoExists { try scratch.write("app/other.txt", "mine\n") }
        let plan = try await scratch.scaffold()
        #expect(plan.errors.isEmpty && plan.refusals.isEmpty)
        let root = scratch.root.path
        #expect(try FileSystem.read(root + "/app/\(composed)/a.txt") == Array("a\n".utf8))
        #expect(try FileSystem.read(root + "/app/\(decomposed)/b.txt") == Array("b\n".utf8))
        #expect(scratch.base("app", "\(composed)/a.txt") == "a\n")
        #expect(scratch.base("app", "\(decomposed)/b.txt") == "b\n")
    }
}

/// The set's digest, recorded in `.lab/scaffold.lock`: computed when asked (alongside the render),
/// it must stay what every lock written so far holds — SHA-256 over each file, partials included,
/// in byte order of path (each item length-prefixed: path, `x` or `-`, content), then each folder.
@Suite struct TemplateSetDigestTests {
    @Test func digestIsTheOneLocksRecord() {
        let set = TemplateSet(source: .folder("t"), files: [
            TemplateFile(path: "é/x", bytes: Array("x".utf8), executable: false),
            TemplateFile(path: "a/z.txt.mustache", bytes: Array("{{> head}}\nz\n".utf8), executable: false),
            TemplateFile(path: "_partials/head.mustache", bytes: Array("# {{title}}\n".utf8), executable: false),
            TemplateFile(path: "a/b/run.sh", bytes: Array("#!/bin/sh\n".utf8), executable: true),
            // Before `_partials/` in byte order: a partial takes its place among the files.
            TemplateFile(path: "Zed.txt", bytes: Array("z\n".utf8), executable: false),
            TemplateFile(path: "README.md", bytes: Array("read me\n".utf8), executable: false),
        ], folders: ["empty", "_partials"])
        #expect(set.folders == ["a", "a/b", "empty", "é"])
        // Worked out apart from lab (Python's hashlib), for exactly these files and folders.
        #expect(set.digest == "e9f7495915786587baaa4081c992f9d5d3e580b368039eaea8b6724d81ccf30a")
    }

    /// The planner takes the digest on a thread of its own while the set renders: the lock records it.
    @Test func theLockRecordsTheSetsDigest() throws {
        let lab = try ScratchLab()
        try lab.write("tpl/README.md", "read me\n")
        try lab.write("tpl/_partials/head.mustache", "# head\n")
        try lab.write("tpl/docs/a.md.mustache", "{{> head}}\na\n")
        let plan = lab.plan()
        #expect(plan.refusals.isEmpty && plan.errors.isEmpty)
        let set = try TemplateSet.load(.folder("tpl"), root: lab.root)
        #expect(plan.lock.scaffolds["app"]?.templateDigest == set.digest)
        #expect(set.digest.count == 64)
    }
}
