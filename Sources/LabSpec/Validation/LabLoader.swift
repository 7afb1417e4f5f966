/// Reads `lab.yml` bytes into a validated `Lab`, or every diagnostic explaining why not.
public struct LabLoader: Sendable {
    /// Names of the template sets compiled into `lab` (`builtin:NAME`).
    public var builtinSets: Set<String>
    public var reader: YAMLReader

    public init(builtinSets: Set<String>, reader: YAMLReader = YAMLReader()) {
        self.builtinSets = builtinSets
        self.reader = reader
    }

    /// The outcome of loading: the lab when there is no error, the YAML tree when it parsed, and
    /// every diagnostic (errors and warnings) in source order.
    public struct Loaded: Sendable {
        public var source: SourceFile
        public var document: YAMLDocument?
        public var lab: Lab?
        public var diagnostics: [Diagnostic]
    }

    public func load(_ source: SourceFile) -> Loaded {
        switch reader.read(source) {
        case .failure(let failure):
            return Loaded(source: source, document: nil, lab: nil, diagnostics: failure.diagnostics)
        case .success(let document):
            var decoder = LabDecoder(source: source, builtinSets: builtinSets)
            let lab = decoder.decode(document.root)
            return Loaded(source: source, document: document, lab: lab, diagnostics: decoder.diagnostics)
        }
    }
}
