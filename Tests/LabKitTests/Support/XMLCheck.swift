import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether an SVG is well-formed XML, and what its elements hold: pictures are checked by their
/// structure, not byte for byte.
final class XMLCheck: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []

    /// The elements of `svg` in document order; nil with the parser's error when it is not
    /// well-formed.
    static func elements(_ svg: String) -> (elements: [Element]?, error: String?) {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = check
        guard parser.parse() else { return (nil, parser.parserError.map { "\($0)" } ?? "not well-formed") }
        return (check.elements, nil)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }
}
