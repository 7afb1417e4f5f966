import Foundation
import Testing

@testable import LabSpec

/// Inputs that once broke `fuzz-lab-yml` (in `Fuzz/`), kept in `Tests/Fixtures/fuzz/lab-yml/`:
/// each is replayed through the same checks the target makes.
@Suite struct LabLoaderFuzzFindingTests {
    /// `fuzz-lab-yml`: a lab exactly when there is no error, and every diagnostic at a real place,
    /// with the line and column that place has.
    @Test(arguments: FuzzFindings.fixtures("lab-yml"))
    func loaderKeepsItsPromises(_ name: String) throws {
        let bytes = try FuzzFindings.bytes("lab-yml", name)
        let source = SourceFile(path: "lab.yml", bytes: bytes)
        let loaded = FuzzFindings.load(bytes)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect((loaded.lab == nil) == !errors.isEmpty)
        let locations = loaded.diagnostics.flatMap { [$0.location] + $0.notes.map(\.location) }
        for case let mark? in locations.map({ $0?.mark }) {
            #expect(mark.offset >= 0 && mark.offset <= bytes.count)
            #expect(source.line(mark.line) != nil, "\(mark) in \(loaded.diagnostics)")
            let expected = source.mark(atByte: mark.offset)
            #expect(mark.line == expected.line && mark.column == expected.column, "\(mark) is byte \(mark.offset) at \(expected)")
        }
    }
}
