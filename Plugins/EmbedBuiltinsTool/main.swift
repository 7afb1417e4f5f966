import Foundation

// Usage: embed-builtins SETS_DIR OUTPUT.swift [SET/PATH=FILE ...]
//
// Writes one Swift file holding every file under SETS_DIR, plus each extra FILE as SET/PATH
// (sorted by path, so the output is deterministic), as base64 literals: `BuiltinSets.files`.

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: embed-builtins SETS_DIR OUTPUT [SET/PATH=FILE ...]\n".utf8))
    exit(64)
}
let root = URL(fileURLWithPath: arguments[1]).standardizedFileURL
let output = URL(fileURLWithPath: arguments[2])
let manager = FileManager.default

struct Entry {
    var set: String
    var path: String
    var executable: Bool
    var content: Data
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-builtins: error: \(message)\n".utf8))
    exit(1)
}

var entries: [Entry] = []
let rootComponents = root.pathComponents
if let walker = manager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) {
    for case let url as URL in walker {
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        if values?.isSymbolicLink == true { fail("\(url.path): symbolic links are not allowed in built-in sets") }
        guard values?.isRegularFile == true else { continue }
        let components = Array(url.standardizedFileURL.pathComponents.dropFirst(rootComponents.count))
        guard components.count >= 2 else { fail("\(url.path): files must live inside a set folder") }
        guard let content = manager.contents(atPath: url.path) else { fail("cannot read \(url.path)") }
        let attributes = try? manager.attributesOfItem(atPath: url.path)
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        entries.append(Entry(
            set: components[0],
            path: components.dropFirst().joined(separator: "/"),
            executable: mode & 0o111 != 0,
            content: content
        ))
    }
}
for extra in arguments.dropFirst(3) {
    guard let equals = extra.firstIndex(of: "="), let slash = extra[..<equals].firstIndex(of: "/") else {
        fail("extra files are written SET/PATH=FILE, not '\(extra)'")
    }
    let file = String(extra[extra.index(after: equals)...])
    guard let content = manager.contents(atPath: file) else { fail("cannot read \(file)") }
    entries.removeAll { $0.set == extra[..<slash] && $0.path == extra[extra.index(after: slash)..<equals] }
    entries.append(Entry(
        set: String(extra[..<slash]), path: String(extra[extra.index(after: slash)..<equals]),
        executable: false, content: content))
}
entries.sort { ($0.set, $0.path) < ($1.set, $1.path) }

func literal(_ text: String) -> String {
    var escaped = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": escaped += "\\\\"
        case "\"": escaped += "\\\""
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            escaped += "\\u{\(String(scalar.value, radix: 16))}"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return "\"\(escaped)\""
}

var source = """
// Generated from Sources/LabKit/Builtin/Sets by the embed-builtins tool. Do not edit.

extension BuiltinSets {

"""
// The sets' names on their own, so that checking a `from: builtin:NAME` need not build `files`.
let setNames = Array(Set(entries.map(\.set))).sorted()
source += "    static let setNames: [String] = [" + setNames.map(literal).joined(separator: ", ") + "]\n\n"
source += "    static let files: [BuiltinSets.File] = [\n"
for entry in entries {
    source += "        .init(set: \(literal(entry.set)), path: \(literal(entry.path)), "
    source += "executable: \(entry.executable), base64: \(literal(entry.content.base64EncodedString()))),\n"
}
source += "    ]\n}\n"

let data = Data(source.utf8)
if manager.contents(atPath: output.path) != data {
    do { try data.write(to: output, options: .atomic) } catch { fail("cannot write \(output.path): \(error)") }
}
