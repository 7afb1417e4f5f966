/// Turns the YAML tree of `lab.yml` into a `Lab`, collecting every problem instead of stopping at the first.
struct LabDecoder {
    let source: SourceFile
    let builtinSets: Set<String>
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceFile, builtinSets: Set<String>) {
        self.source = source
        self.builtinSets = builtinSets
    }

    static let topKeys = KeySet(["lab", "version", "paths", "defaults", "phases", "scaffolds", "templates", "review", "install"], required: ["lab", "phases"])
    static let templatesKeys: KeySet = ["adr", "note"]
    static let reviewKeys = KeySet(["intervals"], required: ["intervals"])
    static let pathsKeys: KeySet = ["phases", "readme"]
    static let defaultsKeys: KeySet = ["timeout", "shell"]
    static let phaseKeys = KeySet(["id", "title", "weeks", "status", "doc", "objectives", "scope", "scaffold", "exercises"], required: ["id", "title"])
    static let exerciseKeys = KeySet(["id", "title", "hint", "requires", "sources", "timeout", "env", "verify"], required: ["id", "title"])
    static let scaffoldKeys = KeySet(["from", "into", "vars"], required: ["from", "into"])

    // MARK: - The lab

    mutating func decode(_ root: YAMLNode) -> Lab? {
        guard root.mapping != nil else {
            error("the top level of lab.yml must be a mapping (keys such as 'lab:' and 'phases:'), found \(root.kindDescription)", at: root.start)
            return nil
        }
        let top = fields(of: root, allowed: Self.topKeys, context: "at the top level")
        var lab = Lab(name: "", phases: [])
        if let node = top["lab"], let name = oneLine(node, "'lab' (the lab's name)") { lab.name = name }
        if let node = top["version"], let version = int(node, "'version'") {
            if version != 1 {
                error("unsupported version \(version): this lab understands version 1", at: node.start)
            }
        }
        if let node = top["paths"] { lab.paths = decodePaths(node) }
        if let node = top["defaults"] { lab.defaults = decodeDefaults(node) }
        if let node = top["scaffolds"] { lab.scaffolds = decodeScaffolds(node) }
        if let node = top["templates"] { lab.templates = decodeTemplates(node) }
        if let node = top["review"] { lab.review = decodeReview(node) }
        if let node = top["install"] { lab.install = decodeInstall(node) }
        if let node = top["phases"] { lab.phases = decodePhases(node, lab: lab) }
        checkCrossReferences(lab, phasesNode: top["phases"])
        diagnostics.sort { ($0.location?.mark?.offset ?? -1) < ($1.location?.mark?.offset ?? -1) }
        return diagnostics.hasErrors ? nil : lab
    }

    private mutating func decodePaths(_ node: YAMLNode) -> Lab.Paths {
        var paths = Lab.Paths()
        let map = fields(of: node, allowed: Self.pathsKeys, context: "in 'paths'")
        if let value = map["phases"], let path = labPath(value, "'phases' in 'paths'") {
            checkWrittenPath(path, "'phases' in 'paths'", at: value.start)
            paths.phases = path
        }
        if let value = map["readme"], let path = labPath(value, "'readme' in 'paths'") {
            checkWrittenPath(path, "'readme' in 'paths'", at: value.start)
            paths.readme = path
        }
        return paths
    }

    private mutating func decodeDefaults(_ node: YAMLNode) -> Lab.Defaults {
        var defaults = Lab.Defaults()
        let map = fields(of: node, allowed: Self.defaultsKeys, context: "in 'defaults'")
        if let value = map["timeout"], let timeout = duration(value, "'timeout' in 'defaults'") { defaults.timeout = timeout }
        if let value = map["shell"], let shell = nonEmptyString(value, "'shell' in 'defaults'") { defaults.shell = shell }
        return defaults
    }

    private mutating func decodeTemplates(_ node: YAMLNode) -> Lab.Templates {
        var templates = Lab.Templates()
        let map = fields(of: node, allowed: Self.templatesKeys, context: "in 'templates'")
        if let value = map["adr"] {
            templates.adr = labPath(value, "'adr' in 'templates'")
            templates.adr.map { checkCopiedPath($0, "'adr' in 'templates'", at: value.start) }
        }
        if let value = map["note"] {
            templates.note = labPath(value, "'note' in 'templates'")
            templates.note.map { checkCopiedPath($0, "'note' in 'templates'", at: value.start) }
        }
        return templates
    }

    private mutating func decodeReview(_ node: YAMLNode) -> Lab.Review {
        var review = Lab.Review()
        let map = fields(of: node, allowed: Self.reviewKeys, context: "in 'review'")
        guard let value = map["intervals"] else { return review }
        guard let items = value.sequence else {
            typeError("a list of durations such as [3d, 7d, 21d]", for: "'intervals' in 'review'", found: value)
            return review
        }
        if items.isEmpty {
            error("'intervals' in 'review' is empty: give at least one, such as [3d, 7d, 21d]", at: value.start)
            return review
        }
        var intervals: [Duration] = []
        for item in items {
            guard let interval = duration(item, "each item of 'intervals' in 'review'") else { continue }
            if let last = intervals.last, interval < last {
                error("'intervals' in 'review' must not get shorter: \(DurationText.format(interval)) follows \(DurationText.format(last))", at: item.start)
            }
            intervals.append(interval)
        }
        review.intervals = intervals
        return review
    }

    private mutating func decodeInstall(_ node: YAMLNode) -> [String: String] {
        guard let pairs = node.mapping else {
            typeError("a mapping of program names to install hints", for: "'install'", found: node)
            return [:]
        }
        var hints: [String: String] = [:]
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            if name.isEmpty || name.contains("/") || name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == " " }) {
                error("'\(name)' in 'install' is not a program name (a name on PATH, without '/' or spaces)", at: pair.key.start)
                continue
            }
            if let hint = nonEmptyString(pair.value, "the install hint of '\(name)'") { hints[name] = hint }
        }
        return hints
    }

    // MARK: - Scaffolds

    private mutating func decodeScaffolds(_ node: YAMLNode) -> [Scaffold] {
        guard let pairs = node.mapping else {
            typeError("a mapping of scaffold names to scaffolds", for: "'scaffolds'", found: node)
            return []
        }
        var scaffolds: [Scaffold] = []
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            if !Self.isScaffoldName(name) {
                error("scaffold name '\(name)' must be lower-case letters, digits, '-' or '_', starting with a letter", at: pair.key.start)
            }
            let context = "scaffold '\(name)'"
            let map = fields(of: pair.value, allowed: Self.scaffoldKeys, context: "in \(context)")
            guard pair.value.mapping != nil else { continue }
            var scaffold = Scaffold(name: name, from: .folder(""), into: "", mark: pair.key.start)
            if let value = map["from"], let from = nonEmptyString(value, "'from' in \(context)") {
                if from.hasPrefix("builtin:") {
                    let set = String(from.dropFirst("builtin:".count))
                    if !builtinSets.contains(set) {
                        let known = builtinSets.sorted()
                        error(
                            "unknown built-in template set '\(from)' in \(context)", at: value.start,
                            notes: [Diagnostic.Note("the built-in sets are " + known.map { "builtin:\($0)" }.joined(separator: ", "))],
                            suggestion: Suggestion.closest(to: set, in: known).map { "builtin:\($0)" })
                    }
                    scaffold.from = .builtin(set)
                } else if Self.containsNUL(from) {
                    error("'from' in \(context) contains a NUL character, which no file name can hold", at: value.start)
                } else if let folder = RelativePath.normalize(from), folder != "." {
                    checkCopiedPath(folder, "'from' in \(context)", at: value.start)
                    scaffold.from = .folder(folder)
                } else {
                    error("'from' in \(context) must be 'builtin:NAME' or a folder inside the lab, found '\(from)'", at: value.start)
                }
            }
            if let value = map["into"], let into = nonEmptyString(value, "'into' in \(context)") {
                if Self.containsNUL(into) {
                    error("'into' in \(context) contains a NUL character, which no file name can hold", at: value.start)
                } else if let folder = RelativePath.normalize(into), folder != "." {
                    checkWrittenPath(folder, "'into' in \(context)", at: value.start)
                    scaffold.into = folder
                } else if into.hasPrefix("/") || into.hasPrefix("~") {
                    error("'into' in \(context) must be a folder inside the lab, found the absolute path '\(into)'", at: value.start)
                } else if RelativePath.normalize(into) == "." {
                    error("'into' in \(context) must be a folder inside the lab, not the lab root itself", at: value.start)
                } else {
                    error("'into' in \(context) leaves the lab: '\(into)'", at: value.start)
                }
            }
            if let value = map["vars"] {
                if let entries = value.mapping {
                    scaffold.vars = entries.compactMap { entry in
                        guard let name = entry.key.scalar?.value else { return nil }
                        return (name, templateValue(entry.value))
                    }
                } else {
                    typeError("a mapping of variable names to values", for: "'vars' in \(context)", found: value)
                }
            }
            scaffolds.append(scaffold)
        }
        return scaffolds
    }

    private func templateValue(_ node: YAMLNode) -> TemplateValue {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.resolved {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .float(let number): return .double(number)
            case .string: return .string(scalar.value)
            }
        case .sequence(let items): return .list(items.map(templateValue))
        case .mapping(let pairs): return .map(pairs.map { ($0.key.scalar?.value ?? "", templateValue($0.value)) })
        }
    }

    static func isScaffoldName(_ name: String) -> Bool {
        guard let first = name.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return name.allUTF8 { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 }
    }

    // MARK: - Phases

    private mutating func decodePhases(_ node: YAMLNode, lab: Lab) -> [Phase] {
        guard let items = node.sequence else {
            typeError("a list of phases", for: "'phases'", found: node)
            return []
        }
        var phases: [Phase] = []
        for (index, item) in items.enumerated() {
            let reference = node.reference(ofItem: index)
            guard item.mapping != nil else {
                typeError("a mapping", for: "phase \(index + 1) in 'phases'", found: item, at: reference)
                continue
            }
            var label = "phase \(index + 1) of the list"
            var phase = Phase(id: 0, title: "", doc: "", mark: reference)
            if let idNode = item["id"] {
                if let id = Self.phaseID(idNode) {
                    phase.id = id
                    label = "phase \(id)"
                } else {
                    let range = idNode.scalar.map(Self.isOutOfRangeInteger) == true ? " no larger than \(Int.max)" : ""
                    error("a phase id must be a positive integer\(range), found \(describe(idNode))", at: idNode.start)
                }
            }
            let map = fields(of: item, allowed: Self.phaseKeys, context: "in \(label)")
            if let idMark = map.idMark, reference == item.start { idMarks[reference.offset] = idMark }
            if let value = map["title"], let title = oneLine(value, "'title' in \(label)") { phase.title = title }
            if let value = map["weeks"], let weeks = string(value, "'weeks' in \(label)") { phase.weeks = weeks }
            if let value = map["status"], let text = string(value, "'status' in \(label)") {
                if let status = PhaseStatus(rawValue: text) {
                    phase.status = status
                } else {
                    error(
                        "unknown status '\(text)' in \(label) (expected pending, in-progress or done)", at: value.start,
                        suggestion: Suggestion.closest(to: text, in: PhaseStatus.allCases.map(\.rawValue)))
                }
            }
            phase.doc = Phase.defaultDoc(id: phase.id, folder: lab.paths.phases)
            var docMark = reference
            if let value = map["doc"], let doc = labPath(value, "'doc' in \(label)") {
                checkWrittenPath(doc, "'doc' in \(label)", at: value.start)
                phase.doc = doc
                docMark = value.start
            }
            if phase.id > 0 {
                if let first = documentOwners[phase.doc], first != phase.id {
                    error("phase \(phase.id) uses the document '\(phase.doc)' of phase \(first); give it its own 'doc'", at: docMark)
                } else {
                    documentOwners[phase.doc] = phase.id
                }
            }
            if let value = map["objectives"], let list = stringList(value, "'objectives' in \(label)") { phase.objectives = list }
            if let value = map["scope"], let list = stringList(value, "'scope' in \(label)") { phase.scope = list }
            if let value = map["scaffold"], let list = stringList(value, "'scaffold' in \(label)") {
                phase.scaffold = list
                let known = lab.scaffolds.map(\.name)
                for (position, name) in list.enumerated() {
                    let at = stringItemMark(position, in: value)
                    if !known.contains(name) {
                        error(
                            "\(label) names an unknown scaffold '\(name)'", at: at,
                            notes: known.isEmpty ? [Diagnostic.Note("define it under the top-level 'scaffolds:' mapping")] : [],
                            suggestion: Suggestion.closest(to: name, in: known))
                    } else if list[..<position].contains(name) {
                        error("\(label) names scaffold '\(name)' twice", at: at)
                    } else if let owner = scaffoldOwners[name], owner != phase.id {
                        error("scaffold '\(name)' is already introduced by phase \(owner); a scaffold belongs to one phase", at: at)
                    } else {
                        scaffoldOwners[name] = phase.id
                    }
                }
            }
            if let value = map["exercises"] {
                if let list = value.sequence, let ahead = decodedAhead?.takeList(at: value.start.offset, count: list.count) {
                    // Every item was decoded while the file was read, and handed over from this
                    // one place: the list's exercises and diagnostics, as the loop below finds them.
                    diagnostics.append(contentsOf: ahead.diagnostics)
                    phase.exercises = ahead.exercises
                } else if let list = value.sequence {
                    phase.exercises.reserveCapacity(list.count)
                    for (position, item) in list.enumerated() {
                        let reference = value.reference(ofItem: position)
                        if let idMark = decodeExercise(item, phase: phase.id, reference: reference, into: &phase.exercises) {
                            idMarks[reference.offset] = idMark
                        }
                    }
                } else {
                    typeError("a list of exercises", for: "'exercises' in \(label)", found: value)
                }
            }
            phases.append(phase)
        }
        return phases
    }

    /// A phase's id: a positive integer, else nil.
    static func phaseID(_ node: YAMLNode) -> Int? {
        guard let scalar = node.scalar, case .int(let number) = scalar.resolved, number > 0 else { return nil }
        return number
    }

    // MARK: - Exercises and steps

    /// Exercises decoded while `lab.yml` was read (`LabLoader.load(_:exercisesAsRead:)`), each
    /// with what decoding it found, list by list in the order they are written: decoding the lab
    /// meets them in that order and takes a whole list, or each exercise, where it would have
    /// decoded it, so that the diagnostics come out in the same order either way. What decoding
    /// the lab would do with them after the file is read is done here as they come, while the
    /// file is still being parsed: each list's exercises gathered in the array its phase keeps,
    /// and the duplicate ids found.
    final class DecodedAhead {
        /// The exercises decoded of one list (a phase's `exercises:`), in the order written.
        struct List {
            /// Where the list starts.
            let offset: Int
            /// Each item decoded: where it is written, its exercise's place in `exercises` (nil
            /// when it decoded to none), its diagnostics' in `diagnostics`, and whether it was taken.
            var items: [(offset: Int, exercise: Int?, diagnostics: Range<Int>, taken: Bool)] = []
            var exercises: [Exercise] = []
            var diagnostics: [Diagnostic] = []
            /// Whether the list was taken whole (`takeList`).
            var taken = false
        }

        /// In the order written, so by `offset`.
        private var lists: [List] = []
        /// Where each exercise's own `id:` value is, by where the exercise is written, in that
        /// order: looked up only for a duplicate id, rather than kept in `idMarks` for every one.
        private var idMarks: [(offset: Int, mark: Mark)] = []
        /// The first exercise decoded here of each id.
        private var firstByID: [String: (phase: Int, mark: Mark)] = [:]
        /// Each exercise decoded here whose id an earlier one has, in the order written, with the
        /// number of exercises decoded before it (`ordinal`): what `checkCrossReferences` finds,
        /// and where among the phases' own problems, when every exercise was decoded here.
        private(set) var duplicates: [(ordinal: Int, id: String, mark: Mark, first: (phase: Int, mark: Mark))] = []
        /// Exercises decoded here (items that decoded to one), and of them those taken.
        private(set) var decodedCount = 0
        private(set) var takenCount = 0

        /// Decodes the exercise `node` of phase `phase`, an item written in place of the list
        /// starting at `list`, as `decodeExercise` does.
        func decode(_ node: YAMLNode, list: Int, phase: Int, with decoder: LabDecoder) {
            var decoder = decoder
            if lists.last?.offset != list { lists.append(List(offset: list)) }
            let last = lists.count - 1
            let before = lists[last].exercises.count
            let idMark = decoder.decodeExercise(node, phase: phase, reference: node.start, into: &lists[last].exercises)
            let decoded = lists[last].exercises.count > before
            let firstDiagnostic = lists[last].diagnostics.count
            lists[last].diagnostics.append(contentsOf: decoder.diagnostics)
            lists[last].items.append((node.start.offset, decoded ? before : nil, firstDiagnostic..<lists[last].diagnostics.count, false))
            if let idMark { idMarks.append((node.start.offset, idMark)) }
            guard decoded else { return }
            let ordinal = decodedCount
            decodedCount += 1
            // As `checkCrossReferences` does, an exercise at a time in the order written.
            let id = lists[last].exercises[before].id
            guard !id.isEmpty else { return }
            let seen = (lists[last].exercises[before].phase, lists[last].exercises[before].mark)
            if let first = firstByID.updateValue(seen, forKey: id) {
                firstByID[id] = first
                duplicates.append((ordinal, id, seen.1, first))
            }
        }

        /// The mark of the `id:` value of the exercise written at `offset`, if it was decoded here.
        func idMark(at offset: Int) -> Mark? {
            var low = 0, high = idMarks.count
            while low < high {
                let middle = (low + high) / 2
                if idMarks[middle].offset < offset { low = middle + 1 } else { high = middle }
            }
            return low < idMarks.count && idMarks[low].offset == offset ? idMarks[low].mark : nil
        }

        /// The place in `lists` of the last list starting before `offset` (or at it, with
        /// `orAt`), if any.
        private func list(before offset: Int, orAt: Bool) -> Int? {
            var low = 0, high = lists.count
            while low < high {
                let middle = (low + high) / 2
                if lists[middle].offset < offset || (orAt && lists[middle].offset == offset) { low = middle + 1 } else { high = middle }
            }
            return low > 0 ? low - 1 : nil
        }

        /// The exercises of the list starting at `offset`, and their diagnostics in order, when
        /// all `count` of its items were decoded here and none taken yet: moved out, not copied.
        func takeList(at offset: Int, count: Int) -> (exercises: [Exercise], diagnostics: [Diagnostic])? {
            guard let index = list(before: offset, orAt: true), lists[index].offset == offset, !lists[index].taken,
                lists[index].items.count == count, !lists[index].items.contains(where: \.taken)
            else { return nil }
            lists[index].taken = true
            var exercises: [Exercise] = []
            var diagnostics: [Diagnostic] = []
            swap(&exercises, &lists[index].exercises)
            swap(&diagnostics, &lists[index].diagnostics)
            takenCount += exercises.count
            return (exercises, diagnostics)
        }

        /// The exercise written at `offset` and its diagnostics, when it was decoded here and not
        /// taken yet (with its list, or before).
        func take(at offset: Int) -> (exercise: Exercise?, diagnostics: ArraySlice<Diagnostic>)? {
            guard let index = list(before: offset, orAt: false), !lists[index].taken else { return nil }
            var low = 0, high = lists[index].items.count
            while low < high {
                let middle = (low + high) / 2
                if lists[index].items[middle].offset < offset { low = middle + 1 } else { high = middle }
            }
            guard low < lists[index].items.count, lists[index].items[low].offset == offset, !lists[index].items[low].taken else { return nil }
            lists[index].items[low].taken = true
            let item = lists[index].items[low]
            // A copy, sharing the list's storage: only a list some of whose items were not
            // handed over is taken an exercise at a time.
            let exercise = item.exercise.map { lists[index].exercises[$0] }
            if exercise != nil { takenCount += 1 }
            return (exercise, lists[index].diagnostics[item.diagnostics])
        }
    }

    /// The exercises decoded while the file was read, if it was read so.
    var decodedAhead: DecodedAhead?

    /// How messages name an exercise: by its id once read. Text only when a message needs it,
    /// not for each of thousands of exercises that have no problem.
    struct ExerciseName: CustomStringConvertible {
        var phase: Int
        var id: String?

        var description: String { id.map { "exercise '\($0)'" } ?? "an exercise of phase \(phase)" }
    }

    /// Appends the exercise to `exercises`: appending here moves it, where returning it would copy it.
    /// Returns where its own `id:` value is when it is written in place, for the caller to keep
    /// for pointing at a duplicate (`idMark(of:)`).
    private mutating func decodeExercise(_ node: YAMLNode, phase: Int, reference: Mark, into exercises: inout [Exercise]) -> Mark? {
        if let ahead = decodedAhead?.take(at: reference.offset) {
            // The reader hands over only an item reachable from this one place (`YAMLHandOver`).
            assert(node.start == reference && ahead.exercise.map { $0.phase == phase } != false, "an exercise decoded ahead is decoded again elsewhere")
            diagnostics.append(contentsOf: ahead.diagnostics)
            // Its id's mark stays with `decodedAhead` (`idMark(of:)`).
            if let exercise = ahead.exercise { exercises.append(exercise) }
            return nil
        }
        guard node.mapping != nil else {
            typeError("a mapping", for: "an exercise of phase \(phase)", found: node, at: reference)
            return nil
        }
        // The parts first and the exercise built once, in the array: an exercise assembled in a
        // variable was copied into it.
        var id = "", title = ""
        var hint: String?, timeout: Duration?
        var requires: [String] = [], sources: [String] = [], env: [EnvironmentEntry] = [], verify: [Step] = []
        var label = ExerciseName(phase: phase)
        if let idNode = node["id"], let text = string(idNode, "'id' in \(label)") {
            id = text
            label.id = id
            if !Self.isExerciseID(id) {
                let fixed = Self.suggestedID(id)
                error(
                    "exercise id '\(id)' must be lower-case letters, digits and '-', starting with a letter", at: idNode.start,
                    suggestion: fixed != id && Self.isExerciseID(fixed) ? fixed : nil)
            }
        }
        let map = fields(of: node, allowed: Self.exerciseKeys, context: "in \(label)")
        if let value = map["title"], let text = oneLine(value, "'title' in \(label)") { title = text }
        if let value = map["hint"], let text = string(value, "'hint' in \(label)") { hint = text }
        if let value = map["requires"], let list = stringList(value, "'requires' in \(label)") {
            for (position, program) in list.enumerated() where Self.isBlank(program) {
                error("'requires' in \(label) names an empty program", at: stringItemMark(position, in: value))
            }
            requires = list
        }
        if let value = map["sources"], let list = stringList(value, "'sources' in \(label)") {
            for (position, glob) in list.enumerated() {
                let at = stringItemMark(position, in: value)
                // No name on disk holds a NUL, and the file system would read the pattern up to it:
                // another file would be fingerprinted under this one's name.
                if Self.containsNUL(glob) {
                    error("source in \(label) contains a NUL character, which no file name can hold", at: at)
                } else if glob.hasPrefix("/") || RelativePath.normalize(glob) == nil {
                    error("source '\(glob)' in \(label) must be a path inside the lab", at: at)
                }
            }
            sources = list
        }
        if let value = map["timeout"], let duration = duration(value, "'timeout' in \(label)") { timeout = duration }
        if let value = map["env"] { env = decodeEnvironment(value, label: label) }
        if let value = map["verify"] {
            if let steps = value.sequence {
                if steps.isEmpty {
                    diagnostics.append(.warning(
                        "'verify' in \(label) is empty: the exercise is manual (remove 'verify' to say so)",
                        at: source.location(value.start)))
                }
                verify.reserveCapacity(steps.count)
                for (index, step) in steps.enumerated() {
                    decodeStep(step, label: "step \(index + 1) of \(label)", reference: value.reference(ofItem: index), into: &verify)
                }
            } else {
                typeError("a list of steps", for: "'verify' in \(label)", found: value)
            }
        }
        exercises.append(Exercise(
            id: id, phase: phase, title: title, hint: hint, requires: requires, sources: sources, timeout: timeout, env: env,
            verify: verify, mark: reference))
        return reference == node.start ? map.idMark : nil
    }

    private mutating func decodeEnvironment(_ node: YAMLNode, label: ExerciseName) -> [EnvironmentEntry] {
        guard let pairs = node.mapping else {
            typeError("a mapping of variable names to values", for: "'env' in \(label)", found: node)
            return []
        }
        var entries: [EnvironmentEntry] = []
        for pair in pairs {
            let name = pair.key.scalar?.value ?? ""
            if !Self.isEnvironmentName(name) {
                error("environment variable name '\(name)' in \(label) must be letters, digits and '_', not starting with a digit", at: pair.key.start)
                continue
            }
            if let value = string(pair.value, "'\(name)' in the env of \(label)") {
                entries.append(EnvironmentEntry(name: name, value: value))
            }
        }
        return entries
    }

    // MARK: - Whole-lab checks

    private mutating func checkCrossReferences(_ lab: Lab, phasesNode: YAMLNode?) {
        var phaseByID: [Int: Mark] = [:]
        var exerciseByID: [String: (phase: Int, mark: Mark)] = [:]
        let exerciseCount = lab.phases.reduce(0) { $0 + $1.exercises.count }
        // The lab's exercises are those decoded ahead, all of them, in the same order (both in
        // the order written): the duplicates are those found then.
        let ahead = decodedAhead.flatMap { $0.decodedCount == exerciseCount && $0.takenCount == exerciseCount ? $0 : nil }
        if ahead == nil { exerciseByID.reserveCapacity(exerciseCount) }
        var aheadDuplicates = (ahead?.duplicates ?? [])[...]
        var exercisesSoFar = 0
        for phase in lab.phases {
            if phase.id > 0 {
                if let first = phaseByID[phase.id] {
                    error("duplicate phase id \(phase.id)", at: idMark(of: phase.mark) ?? phase.mark,
                          notes: [Diagnostic.Note("phase \(phase.id) is first defined here", at: source.location(idMark(of: first) ?? first))])
                } else {
                    phaseByID[phase.id] = phase.mark
                }
            }
            // Found while the file was read, when every exercise was decoded then: this phase's
            // are those among its exercises' ordinals, reported after the phase's own id as below
            // (an id aliased from the phase's puts both at one place).
            if ahead != nil {
                exercisesSoFar += phase.exercises.count
                while let (ordinal, id, mark, first) = aheadDuplicates.first, ordinal < exercisesSoFar {
                    aheadDuplicates.removeFirst()
                    duplicateExercise(id, at: mark, first: first)
                }
                continue
            }
            // By index: a loop over the exercises would copy each one.
            for index in phase.exercises.indices where !phase.exercises[index].id.isEmpty {
                let (id, mark) = (phase.exercises[index].id, phase.exercises[index].mark)
                // One look-up for an id seen once, the common case; a duplicate puts back the first.
                if let first = exerciseByID.updateValue((phase.exercises[index].phase, mark), forKey: id) {
                    exerciseByID[id] = first
                    duplicateExercise(id, at: mark, first: first)
                }
            }
        }
        let intos = lab.scaffolds.filter { !$0.into.isEmpty }
        for (index, scaffold) in intos.enumerated() {
            for other in intos[..<index] {
                let a = scaffold.into + "/"
                let b = other.into + "/"
                if a.hasPrefix(b) || b.hasPrefix(a) {
                    error("scaffold '\(scaffold.name)' renders into '\(scaffold.into)', which overlaps '\(other.into)' of scaffold '\(other.name)'", at: scaffold.mark)
                }
            }
        }
    }

    private mutating func duplicateExercise(_ id: String, at mark: Mark, first: (phase: Int, mark: Mark)) {
        // A phase without a valid id (reported on its own) is not "phase 0": the place says which.
        let phase = first.phase > 0 ? ", in phase \(first.phase)" : ""
        error("duplicate exercise id '\(id)'", at: idMark(of: mark) ?? mark,
              notes: [Diagnostic.Note("'\(id)' is first defined here\(phase)", at: source.location(idMark(of: first.mark) ?? first.mark))])
    }

    /// The mark of the `id:` value of the mapping written at `mark`, for pointing at duplicates.
    private func idMark(of mark: Mark) -> Mark? { idMarks[mark.offset] ?? decodedAhead?.idMark(at: mark.offset) }

    // MARK: - Typed values

    /// Where each mapping's own `id:` value is, by the mapping's start; a merged `id` points at the
    /// mapping itself, not at the anchor it came from.
    private var idMarks: [Int: Mark] = [:]
    private var documentOwners: [String: Int] = [:]
    private var scaffoldOwners: [String: Int] = [:]

    /// The entries of a mapping that the schema allows there: which of the key set's keys the
    /// mapping has, as bits, and where their entries are, with no array to allocate per mapping.
    struct Fields {
        let keys: KeySet
        /// The mapping; nil when the node is not one.
        let node: YAMLNode?
        /// Bit `n` is set when the mapping has `keys.names[n]`.
        var present: UInt64 = 0
        /// For each of the first 32 keys of the set, its entry's place in the mapping when below
        /// 255; else 255, and the entry is looked for.
        var offsets = SIMD32<UInt8>(repeating: 255)
        /// Bit `KeySet.filterBit` of each key the mapping has: most keys asked for that it lacks
        /// are ruled out by this one test, before the key set's table.
        var filter: UInt64 = 0
        /// Where the mapping's own `id:` value is written (not one merged in from an anchor).
        var idMark: Mark?

        init(keys: KeySet, node: YAMLNode?) {
            self.keys = keys
            self.node = node
        }

        subscript(key: StaticString) -> YAMLNode? {
            key.withUTF8Buffer { bytes in
                let fingerprint = YAMLScalar.fingerprint(UnsafeRawBufferPointer(bytes))
                guard filter & KeySet.filterBit(fingerprint) != 0, let position = keys.position(ofUTF8: bytes, fingerprint: fingerprint) else {
                    return nil
                }
                return self[position: position]
            }
        }

        /// The value of the key at `position` in the key set.
        subscript(position position: Int) -> YAMLNode? {
            guard present & (1 << UInt64(position)) != 0, let node else { return nil }
            let tree = node.tree
            let range = tree.records[node.index].children
            if position < offsets.scalarCount, offsets[position] != 255 {
                return YAMLNode(tree: tree, index: tree.entries[range.lowerBound + Int(offsets[position])].value)
            }
            guard let entry = tree.entry(forKey: keys.names[position], fingerprint: keys.fingerprints[position], in: range) else { return nil }
            return YAMLNode(tree: tree, index: tree.entries[entry].value)
        }

        /// The entries whose keys are among `mask`'s bits, in the mapping's order.
        func pairs(in mask: UInt64) -> [(key: String, pair: YAMLPair)] {
            guard mask & present != 0, let pairs = node?.mapping else { return [] }
            return pairs.compactMap { pair in
                guard let scalar = pair.key.scalar, let position = keys.position(fingerprint: scalar.fingerprint, text: scalar.value),
                    mask & (1 << UInt64(position)) != 0
                else { return nil }
                return (scalar.value, pair)
            }
        }
    }

    /// The entries of a mapping by key; reports unknown keys (with a suggestion) and missing ones.
    mutating func fields(of node: YAMLNode, allowed: KeySet, context: @autoclosure () -> String) -> Fields {
        let tree = node.tree
        let record = tree.records[node.index]
        guard record.kind == .mapping else {
            typeError("a mapping", for: context().replacingPrefix("in ", with: ""), found: node)
            return Fields(keys: allowed, node: nil)
        }
        var found = Fields(keys: allowed, node: node)
        var suggested: [String] = []
        for position in record.children {
            let entry = tree.entries[position]
            let keyRecord = tree.records[entry.key]
            guard keyRecord.kind == .scalar else { continue }
            let scalar = keyRecord.first
            let fingerprint = tree.scalars[scalar].fingerprint
            if let known = allowed.position(fingerprint: fingerprint, text: tree.scalars[scalar].value) {
                found.present |= 1 << UInt64(known)
                found.filter |= KeySet.filterBit(fingerprint)
                let offset = position - record.first
                if known < found.offsets.scalarCount && offset < 255 { found.offsets[known] = UInt8(offset) }
                // An aliased id (`id: *n`) is pointed at where the alias is written, not at its anchor.
                if known == allowed.idPosition && !entry.isMerged { found.idMark = tree.reference(ofValue: entry) }
            } else {
                let key = tree.scalars[scalar].value
                let suggestion = Suggestion.closest(to: key, in: allowed.names)
                if let suggestion { suggested.append(suggestion) }
                error("unknown key '\(key)' \(context())", at: keyRecord.start, suggestion: suggestion)
            }
        }
        // A misspelt required key is reported once, as the unknown key with its suggestion.
        if allowed.requiredMask & ~found.present != 0 {
            for position in allowed.required where found.present & (1 << UInt64(position)) == 0 && !suggested.contains(allowed.names[position]) {
                error("missing key '\(allowed.names[position])' \(context())", at: node.start)
            }
        }
        return found
    }

    func keyMark(_ node: YAMLNode, _ key: String) -> Mark? { node.pair(forKey: key)?.key.start }

    mutating func string(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = node.stringValue else {
            typeError("a string", for: what(), found: node)
            return nil
        }
        return text
    }

    mutating func nonEmptyString(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = string(node, what()) else { return nil }
        if Self.isBlank(text) {
            error("\(what()) is empty", at: node.start)
            return nil
        }
        return text
    }

    mutating func int(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Int? {
        if case .int(let number)? = node.scalar?.resolved { return number }
        if let scalar = node.scalar, Self.isOutOfRangeInteger(scalar) {
            error("\(what()) is \(scalar.value), too large for an integer here (at most \(Int.max))", at: node.start)
            return nil
        }
        typeError("an integer", for: what(), found: node)
        return nil
    }

    /// A plain decimal integer (`[-+]?[0-9]+`) that no `Int` holds: the core schema reads it as a
    /// float, and "found a number" would not say what is wrong with it.
    static func isOutOfRangeInteger(_ scalar: YAMLScalar) -> Bool {
        guard scalar.style == .plain, case .float = scalar.resolved else { return false }
        var digits = Substring(scalar.value)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    mutating func stringList(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [String]? {
        guard let items = node.sequence else {
            typeError("a list of strings", for: what(), found: node)
            return nil
        }
        var list: [String] = []
        list.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue else {
                typeError("a string", for: "each item of \(what())", found: item, at: node.reference(ofItem: index))
                continue
            }
            list.append(text)
        }
        // Without the items that are not strings, each reported: the others are still checked
        // by their callers, who find an item's place with `stringItemMark(_:in:)` and count
        // the list by its node.
        return list
    }

    /// Where the string at `position` of what `stringList` or `stringOrList` made of `node` is
    /// written: items that are not strings were left out of the list, so its positions are not
    /// the node's.
    func stringItemMark(_ position: Int, in node: YAMLNode) -> Mark {
        guard let items = node.sequence else { return node.start }
        var strings = 0
        for (index, item) in items.enumerated() where item.stringValue != nil {
            if strings == position { return node.reference(ofItem: index) }
            strings += 1
        }
        return node.start
    }

    mutating func stringOrList(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [String]? {
        if let text = node.stringValue { return [text] }
        if node.sequence != nil { return stringList(node, what()) }
        typeError("a string or a list of strings", for: what(), found: node)
        return nil
    }

    mutating func duration(_ node: YAMLNode, _ what: @autoclosure () -> String, allowZero: Bool = false) -> Duration? {
        guard let scalar = node.scalar, scalar.resolved != .null else {
            typeError("a duration such as 30s", for: what(), found: node)
            return nil
        }
        guard let duration = DurationText.parse(scalar.value) else {
            if DurationText.isTooLong(scalar.value) {
                error("\(what()) is '\(scalar.value)', too long: at most 1,000,000,000 seconds (about 31 years)", at: node.start)
            } else {
                error("invalid duration '\(scalar.value)' for \(what()) (write 500ms, 30s, 2m, 1h, 3d, or a number of seconds)", at: node.start)
            }
            return nil
        }
        if duration == .zero && !allowZero {
            error("\(what()) must be longer than zero", at: node.start)
            return nil
        }
        return duration
    }

    mutating func labPath(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = nonEmptyString(node, what()) else { return nil }
        // The file system would read the path up to the NUL: another file than the one named.
        if Self.containsNUL(text) {
            error("\(what()) contains a NUL character, which no file name can hold", at: node.start)
            return nil
        }
        guard let path = RelativePath.normalize(text), path != "." else {
            error("\(what()) must be a path inside the lab, found '\(text)'", at: node.start)
            return nil
        }
        return path
    }

    /// A path lab writes (a phase document, the README, a scaffold's folder) must not be where
    /// git keeps its repository — a stranger's lab could write into a hook that `git commit` runs
    /// — nor among lab's own files in `.lab/`, nor `lab.yml` itself.
    mutating func checkWrittenPath(_ path: String, _ what: @autoclosure () -> String, at mark: Mark) {
        let top = path.split(separator: "/", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        if top == ".git" || top == ".lab" {
            error("\(what()) must not be inside '\(top)', found '\(path)'", at: mark)
        } else if path == "lab.yml" || path == source.path {
            error("\(what()) must not be lab.yml itself", at: mark)
        }
    }

    /// A path lab copies into the lab's files (a template set, a note's template) must not be in
    /// `.git`: git's config can hold a remote URL with a token, or an auth header, which the copy
    /// would put in files the learner commits and pushes.
    mutating func checkCopiedPath(_ path: String, _ what: @autoclosure () -> String, at mark: Mark) {
        let top = path.split(separator: "/", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        if top == ".git" {
            error("\(what()) must not be inside '.git' (git's own files: its config can hold credentials), found '\(path)'", at: mark)
        }
    }

    /// A text shown on one line — the lab's name, a phase's or an exercise's title — that lab
    /// writes into Markdown (a checklist item, the README's table): a line break would end the
    /// item there and start lines of the author's choosing. Other control characters are text to
    /// Markdown, and shown escaped on a terminal.
    mutating func oneLine(_ node: YAMLNode, _ what: @autoclosure () -> String) -> String? {
        guard let text = nonEmptyString(node, what()) else { return nil }
        if let bad = text.unicodeScalars.first(where: { $0 == "\n" || $0 == "\r" }) {
            error("\(what()) must be one line of text, found a line break (\(bad == "\n" ? "\\n" : "\\r"))", at: node.start)
            return nil
        }
        return text
    }

    func describe(_ node: YAMLNode) -> String {
        if let scalar = node.scalar, scalar.resolved != .null {
            return scalar.style == .plain ? "'\(scalar.value)'" : "the string '\(scalar.value)'"
        }
        return node.kindDescription
    }

    // MARK: - Reporting

    mutating func typeError(_ expected: String, for what: @autoclosure () -> String, found node: YAMLNode, at mark: Mark? = nil) {
        error("expected \(expected) for \(what()), found \(node.kindDescription)", at: mark ?? node.start)
    }

    mutating func error(_ message: String, at mark: Mark, notes: [Diagnostic.Note] = [], suggestion: String? = nil) {
        diagnostics.append(.error(message, at: source.location(mark), notes: notes, suggestion: suggestion))
    }

    /// Whether a text is empty or only whitespace. Most texts start with a printable ASCII
    /// character, which settles it without walking characters.
    /// Whether `text` holds a NUL byte, looked for in its contiguous bytes (not through
    /// `String.UTF8View`'s index, 800 instructions a short path).
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { $0.contains(0) }
    }

    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    // MARK: - Names

    /// `[a-z][a-z0-9-]*`
    static func isExerciseID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return id.allUTF8 { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func suggestedID(_ id: String) -> String {
        let lowered = id.lowercased().map { $0 == "_" || $0 == " " || $0 == "." ? "-" : $0 }
        return String(lowered)
    }

    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return name.allUTF8 { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
