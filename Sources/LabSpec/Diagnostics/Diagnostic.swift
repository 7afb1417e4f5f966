/// One problem found in a lab's files, located like a compiler diagnostic.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
        }
    }

    /// A place in a file; `mark` is nil when the problem concerns the whole file.
    public struct Location: Sendable, Equatable {
        public var file: String
        public var mark: Mark?

        public init(file: String, mark: Mark?) {
            self.file = file
            self.mark = mark
        }
    }

    /// Extra information attached to a diagnostic, possibly at another place.
    public struct Note: Sendable, Equatable {
        public var message: String
        public var location: Location?

        public init(_ message: String, at location: Location? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var location: Location?
    public var message: String
    public var notes: [Note]
    /// A replacement the user probably meant ("did you mean …?").
    public var suggestion: String?

    public init(
        _ severity: Severity, _ message: String, at location: Location?,
        notes: [Note] = [], suggestion: String? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
        self.suggestion = suggestion
    }

    public static func error(_ message: String, at location: Location?, notes: [Note] = [], suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, notes: notes, suggestion: suggestion)
    }

    public static func warning(_ message: String, at location: Location?, notes: [Note] = [], suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, notes: notes, suggestion: suggestion)
    }

    /// The message with its suggestion, as printed after `file:line:col: error: `.
    public var fullMessage: String {
        guard let suggestion else { return message }
        return "\(message) (did you mean '\(suggestion)'?)"
    }

    public var description: String {
        var prefix = ""
        if let location {
            prefix = location.file
            if let mark = location.mark { prefix += ":\(mark.line):\(mark.column)" }
            prefix += ": "
        }
        return "\(prefix)\(severity.rawValue): \(fullMessage)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
