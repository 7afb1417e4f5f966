import Foundation
import Testing

/// Printed JSON read back with `JSONSerialization`, independently of the encoder that wrote it.
enum JSONTree {
    static func object(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? [String: Any], sourceLocation: sourceLocation)
    }

    static func array(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], sourceLocation: sourceLocation)
    }

    /// Every key of every object in `value`, at any depth.
    static func allKeys(_ value: Any) -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: Set(object.keys)) { $0.formUnion(allKeys($1.value)) }
        }
        if let array = value as? [Any] {
            return array.reduce(into: Set()) { $0.formUnion(allKeys($1)) }
        }
        return []
    }

    /// Keys are lower-case snake_case: no capital letter, no space or dash.
    static func isSnakeCase(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    static func isNull(_ value: Any?) -> Bool { value is NSNull }
}
