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

    /// Reads and decodes `source`. With `exercisesAsRead`, each exercise is decoded as soon as
    /// the reader has read it, and its nodes dropped (`YAMLHandOver`): the same lab and
    /// diagnostics, with a fraction of a large file's tree in memory at any time, but the
    /// document holds an empty mapping in the place of each exercise — for a command that
    /// does not edit `lab.yml`.
    public func load(_ source: SourceFile, exercisesAsRead: Bool = false) -> Loaded {
        let ahead = exercisesAsRead ? LabDecoder.DecodedAhead() : nil
        let handOver = ahead.map { ahead in
            let scratch = LabDecoder(source: source, builtinSets: builtinSets)
            return YAMLHandOver(outerKey: "phases", innerKey: "exercises") { item, list, enclosingValue in
                // The phase's id, as decoding the phase finds it; unknown until its key is read.
                guard let idNode = enclosingValue("id") else { return false }
                ahead.decode(item, list: list, phase: LabDecoder.phaseID(idNode) ?? 0, with: scratch)
                return true
            }
        }
        switch reader.read(source, handingOver: handOver) {
        case .failure(let failure):
            return Loaded(source: source, document: nil, lab: nil, diagnostics: failure.diagnostics)
        case .success(let document):
            var decoder = LabDecoder(source: source, builtinSets: builtinSets)
            decoder.decodedAhead = ahead
            let lab = decoder.decode(document.root)
            return Loaded(source: source, document: document, lab: lab, diagnostics: decoder.diagnostics)
        }
    }
}
