import Testing
@testable import LabSpec

/// Keys of the schema found by fingerprint, and the fields of a mapping found from them.
@Suite struct KeySetTests {
    static let sets: [KeySet] = [
        LabDecoder.topKeys, LabDecoder.phaseKeys, LabDecoder.exerciseKeys, LabDecoder.scaffoldKeys, LabDecoder.stepKeys,
        LabDecoder.runExpectKeys, LabDecoder.httpExpectKeys, LabDecoder.valueCheckKeys, LabDecoder.questionKeys,
    ]

    @Test(arguments: sets)
    func findsEachKeyAtItsPosition(_ keys: KeySet) {
        for (position, name) in keys.names.enumerated() {
            #expect(keys.position(of: keys.literals[position]) == position)
            #expect(keys.position(fingerprint: YAMLScalar.fingerprint(of: name), text: name) == position)
            #expect(keys.position(fingerprint: YAMLScalar.fingerprint(of: name + "s"), text: name + "s") == nil)
        }
        #expect(keys.position(of: "titles") == nil)
        #expect(keys.position(fingerprint: YAMLScalar.fingerprint(of: ""), text: "") == nil)
        #expect(keys.idPosition == (keys.names.firstIndex(of: "id") ?? -1))
    }

    /// The step keys are written out; they must be the kinds, the common keys, then every kind's
    /// own keys in order, each once.
    @Test func stepKeysAreTheKindsThenTheirKeys() {
        var expected = Step.Kind.allCases.map(\.rawValue) + LabDecoder.commonStepKeys.map(\.description)
        for kind in Step.Kind.allCases {
            for key in LabDecoder.keys(of: kind).map(\.description) where !expected.contains(key) { expected.append(key) }
        }
        #expect(LabDecoder.stepKeys.names == expected)
    }

    @Test func equalTextsShareAFingerprintAndShortOnesDiffer() {
        let texts = ["", "a", "ab", "ba", "abc", "acb", "abcd", "abdc", "title", "titel", "timeout", "contains", "not_contains", "not_containz"]
        for text in texts {
            #expect(YAMLScalar.fingerprint(of: text) == YAMLScalar.fingerprint(of: String(text)))
        }
        #expect(Set(texts.map(YAMLScalar.fingerprint(of:))).count == texts.count)
    }

    /// A key far into a mapping, past the offsets kept inline, is found by looking for it.
    @Test func findsAKeyAfterManyUnknownOnes() {
        let unknown = (1...300).map { "        k\($0): 1\n" }.joined()
        let text = "lab: L\nphases:\n  - id: 1\n    title: P\n    exercises:\n      - id: e\n" + unknown + "        title: \"  \"\n"
        let diagnostics = LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8))).diagnostics
        #expect(diagnostics.count == 301)
        #expect(diagnostics.last?.message == "'title' in exercise 'e' is empty")
    }

    func diagnostics(exercise: String) -> [Diagnostic] {
        let text = "lab: L\nphases:\n  - id: 1\n    title: P\n    exercises:\n      - " + exercise + "\n"
        return LabLoader(builtinSets: []).load(SourceFile(path: "lab.yml", bytes: Array(text.utf8))).diagnostics
    }

    /// Missing keys are reported in the set's order; a misspelt one only as the unknown key.
    @Test func reportsMissingKeysInOrderAndMisspeltOnesOnce() {
        #expect(diagnostics(exercise: "hint: h").map(\.message) == [
            "missing key 'id' in an exercise of phase 1", "missing key 'title' in an exercise of phase 1",
        ])
        let misspelt = diagnostics(exercise: "{ id: e, titel: T }")
        #expect(misspelt.map(\.message) == ["unknown key 'titel' in exercise 'e'"])
        #expect(misspelt.first?.suggestion == "title")
    }
}
