import LabSpec

/// Which scaffolds `lab scaffold [NAME…]` works on.
public enum ScaffoldSelection {
    /// The named scaffolds, in the order given; with no names, every scaffold whose phase has
    /// started (in progress or done) and every scaffold no phase introduces, in `lab.yml` order.
    public static func select(_ names: [String], in lab: Lab) throws(LabError) -> [Scaffold] {
        guard !names.isEmpty else {
            return lab.scaffolds.filter { scaffold in
                guard let phase = lab.phase(introducing: scaffold.name) else { return true }
                return phase.status != .pending
            }
        }
        var selected: [Scaffold] = []
        for name in names where !selected.contains(where: { $0.name == name }) {
            guard let scaffold = lab.scaffold(named: name) else {
                throw NameLookup.scaffold(name, in: lab)
            }
            selected.append(scaffold)
        }
        return selected
    }
}
