/// A parsed YAML file: its root node and the nodes that aliases point to.
public struct YAMLDocument: Sendable {
    public let root: YAMLNode
    /// Nodes referenced by at least one alias: editing one in place would change every alias too.
    public let aliasTargets: Set<ObjectIdentifier>

    public func isAliased(_ node: YAMLNode) -> Bool {
        aliasTargets.contains(ObjectIdentifier(node))
    }
}
