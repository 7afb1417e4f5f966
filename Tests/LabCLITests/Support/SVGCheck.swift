import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks of the pictures `lab` draws: well-formed XML (Foundation's parser, and `xmllint` when
/// installed), and a rendering by `rsvg-convert` or a headless Chromium when one is installed.
enum SVGCheck {
    /// Why `svg` is not well-formed XML; nil when it is.
    static func xmlProblem(_ svg: String) -> String? {
        let parser = XMLParser(data: Data(svg.utf8))
        if !parser.parse() { return parser.parserError.map { "\($0)" } ?? "not well-formed" }
        guard let xmllint = program("xmllint") else { return nil }
        let (status, output) = run(xmllint, ["--noout", "-"], input: Data(svg.utf8))
        return status == 0 ? nil : "xmllint: \(output)"
    }

    /// The text of every `<text>` element, unescaped.
    static func texts(_ svg: String) -> [String] {
        final class Collector: NSObject, XMLParserDelegate {
            var texts: [String] = []
            var inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "text" { inText = true; texts.append("") }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { texts[texts.count - 1] += string } }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text" { inText = false }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }

    /// A program on PATH.
    static func program(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `rsvg-convert`, else a Chromium: what can draw an SVG into a PNG here.
    static let renderer: String? = program("rsvg-convert")
        ?? ["chromium", "chromium-browser", "google-chrome", "chrome"].lazy.compactMap(program).first

    /// Draws `svg` into a PNG with `renderer`: its bytes, or nil with what went wrong.
    static func render(_ svg: URL, into png: URL) -> String? {
        guard let renderer else { return "no renderer" }
        let arguments = renderer.hasSuffix("rsvg-convert")
            ? ["-o", png.path, svg.path]
            : ["--headless", "--no-sandbox", "--disable-gpu", "--screenshot=\(png.path)", "--window-size=900,400", svg.absoluteString]
        let (status, output) = run(renderer, arguments, input: nil)
        return status == 0 ? nil : output
    }

    /// Runs a program to its end: exit status and what it printed.
    static func run(_ program: String, _ arguments: [String], input: Data?) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        do { try process.run() } catch { return (-1, "\(error)") }
        if let input {
            // The program may end before it has read all its input: the write then fails (EPIPE),
            // and must not kill the test process with SIGPIPE.
            signal(SIGPIPE, SIG_IGN)
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
