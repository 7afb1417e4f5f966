import Testing

@testable import LabKit

@Suite struct BuiltinSetsTests {
    /// The names generated beside the files are the files' sets, each once, sorted.
    @Test func setNamesAreTheFilesSets() {
        #expect(BuiltinSets.setNames == Array(Set(BuiltinSets.files.map(\.set))).sorted())
    }

    /// `from: builtin:NAME` names a set of files, never one `lab` keeps for itself.
    @Test func scaffoldSetsLeaveOutTheInternalOnes() {
        let names = BuiltinSets.scaffoldSetNames
        #expect(names.isDisjoint(with: BuiltinSets.internalSets))
        #expect(names.union(BuiltinSets.internalSets) == Set(BuiltinSets.files.map(\.set)))
        #expect(names.contains("cloud"))
    }
}
