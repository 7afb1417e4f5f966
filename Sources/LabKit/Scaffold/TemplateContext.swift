import LabSpec

/// The values a template sees: named entries at the top level, each a `TemplateValue` tree.
///
/// A scaffold's context is `lab`, `phase`, `scaffold` and the scaffold's `vars`; the phase document
/// is rendered with `lab` and a richer `phase`. Entries keep their order; a later entry with the
/// same name as an earlier one is ignored.
public struct TemplateContext: Sendable {
    public var entries: [(name: String, value: TemplateValue)]

    public init(_ entries: [(name: String, value: TemplateValue)] = []) {
        self.entries = entries
    }

    /// The value of a top-level entry.
    public subscript(name: String) -> TemplateValue? {
        entries.first { $0.name == name }?.value
    }

    /// Names the context gives templates, in order, without repeats.
    public var names: [String] {
        var seen: Set<String> = []
        return entries.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The context of a scaffold: `lab` (the lab's name), `phase` ({id, title, weeks} of the phase
    /// whose `scaffold:` lists it; null when no phase does, so that `{{#phase}}` can tell),
    /// `scaffold` ({name, into}), then the scaffold's `vars`. The three built-in names win over a
    /// var of the same name.
    public static func scaffold(_ scaffold: Scaffold, in lab: Lab) -> TemplateContext {
        var entries: [(name: String, value: TemplateValue)] = [("lab", .string(lab.name))]
        if let phase = lab.phase(introducing: scaffold.name) {
            entries.append(("phase", .map([
                ("id", .int(phase.id)),
                ("title", .string(phase.title)),
                ("weeks", phase.weeks.map(TemplateValue.string) ?? .null),
            ])))
        } else {
            entries.append(("phase", .null))
        }
        entries.append(("scaffold", .map([("name", .string(scaffold.name)), ("into", .string(scaffold.into))])))
        let reserved: Set<String> = ["lab", "phase", "scaffold"]
        entries += scaffold.vars.filter { !reserved.contains($0.name) }.map { ($0.name, $0.value) }
        return TemplateContext(entries)
    }

    /// The whole context as one value, for digests.
    public var value: TemplateValue { .map(entries.map { ($0.name, $0.value) }) }
}
