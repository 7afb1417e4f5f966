import Foundation
import LabSpec

/// Reads the JSON or YAML a step looks into — a file, a command's stdout, a response body — into
/// `DataNode`s, with positions wherever the YAML reader can give them.
enum DocumentReader {
    /// Why the bytes are not a document, located when the reader knows where.
    struct Failure: Error, Sendable {
        var message: String
        var mark: Mark?
    }

    /// Every document of a YAML file (a file holding `---` has several).
    static func yaml(_ bytes: [UInt8], path: String) -> Result<[DataNode], Failure> {
        switch YAMLReader().readDocuments(SourceFile(path: path, bytes: bytes)) {
        case .success(let documents):
            return .success(documents.map { DataNode($0.root) })
        case .failure(let failure):
            let first = failure.diagnostics.first
            return .failure(Failure(message: first?.fullMessage ?? "not YAML", mark: first?.location?.mark))
        }
    }

    /// A JSON text. RFC 8259 decides what is JSON (`JSONParser.problem`: a YAML reader would
    /// accept `{'a': 1}`, Foundation's decoder `{"a": 1,}`), and says where a text departs from
    /// it; the YAML reader, which reads JSON too, then gives the values their positions.
    static func json(_ bytes: [UInt8], path: String) -> Result<DataNode, Failure> {
        if let problem = JSONParser.problem(in: bytes) {
            let mark = SourceFile(path: path, bytes: bytes).mark(atByte: min(problem.offset, bytes.count))
            return .failure(Failure(message: "not valid JSON: " + problem.reason, mark: mark))
        }
        let tree: JSONTree
        do {
            tree = try JSONDecoder().decode(JSONTree.self, from: Data(bytes))
        } catch {
            return .failure(Failure(message: "not valid JSON: " + reason(error), mark: nil))
        }
        if case .success(let documents) = YAMLReader().readDocuments(SourceFile(path: path, bytes: bytes)), documents.count == 1 {
            return .success(DataNode(documents[0].root))
        }
        return .success(tree.node)
    }

    /// Foundation's words for a JSON error ("Unexpected character 'x' around line 1, column 2."),
    /// without the class names around them.
    private static func reason(_ error: any Error) -> String {
        var underlying: (any Error)? = error
        if case DecodingError.dataCorrupted(let context)? = error as? DecodingError {
            underlying = context.underlyingError ?? error
            if context.underlyingError == nil { return context.debugDescription }
        }
        let nsError = (underlying ?? error) as NSError
        if let text = nsError.userInfo["NSDebugDescription"] as? String, !text.isEmpty {
            return text.hasSuffix(".") ? String(text.dropLast()) : text
        }
        return "it cannot be read"
    }

    /// Any JSON value through `Decodable`, for text the YAML reader refuses (a UTF-16 surrogate
    /// pair in an escape, a duplicate key). Keys come back sorted: the decoder does not keep order.
    private struct JSONTree: Decodable {
        let node: DataNode

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            if let object = try? decoder.container(keyedBy: Key.self) {
                var members: [DataNode.Member] = []
                for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                    members.append(DataNode.Member(key: key.stringValue, value: try object.decode(JSONTree.self, forKey: key).node))
                }
                node = DataNode(.mapping(members))
                return
            }
            if var array = try? decoder.unkeyedContainer() {
                var items: [DataNode] = []
                while !array.isAtEnd { items.append(try array.decode(JSONTree.self).node) }
                node = DataNode(.list(items))
                return
            }
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                node = DataNode(.null)
            } else if let flag = try? single.decode(Bool.self) {
                node = DataNode(.bool(flag))
            } else if let number = try? single.decode(Double.self) {
                node = DataNode(.number(number))
            } else {
                node = DataNode(.string(try single.decode(String.self)))
            }
        }
    }
}
