/// A folder skeleton rendered from a template set into a folder of the lab.
public struct Scaffold: Sendable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A set compiled into `lab`: `builtin:NAME`.
        case builtin(String)
        /// A folder of the lab, relative to its root.
        case folder(String)

        public var description: String {
            switch self {
            case .builtin(let name): return "builtin:\(name)"
            case .folder(let path): return path
            }
        }
    }

    public var name: String
    public var from: Source
    /// The target folder, relative to the lab root.
    public var into: String
    public var vars: [(name: String, value: TemplateValue)]
    public var mark: Mark

    public init(name: String, from: Source, into: String, vars: [(name: String, value: TemplateValue)] = [], mark: Mark = .start) {
        self.name = name
        self.from = from
        self.into = into
        self.vars = vars
        self.mark = mark
    }
}

/// A value given to templates: the YAML of `vars`, kept with its type.
public indirect enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case map([(String, TemplateValue)])

    public static func == (lhs: TemplateValue, rhs: TemplateValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)): return a == b
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// A stable text form, for digests.
    public var canonical: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return quoted(text)
        case .list(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .map(let entries):
            return "{" + entries.map { quoted($0.0) + ":" + $0.1.canonical }.joined(separator: ",") + "}"
        }
    }

    private func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
