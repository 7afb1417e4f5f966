/// A parsed YAML file: its root node and the nodes that aliases point to.
public struct YAMLDocument: Sendable {
    public let root: YAMLNode
    /// Nodes referenced by at least one alias, by index in the tree: editing one in place would
    /// change every alias too.
    let aliasTargets: Set<Int>

    public func isAliased(_ node: YAMLNode) -> Bool {
        node.tree === root.tree && aliasTargets.contains(node.index)
    }
}
