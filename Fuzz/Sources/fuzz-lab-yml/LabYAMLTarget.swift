import FuzzDriver
import LabSpec

/// libFuzzer target: `lab.yml` bytes through the YAML reader and the loader's validation.
///
/// Beyond not crashing, hanging or tripping AddressSanitizer, the loader must keep its promises:
/// a lab exactly when there is no error, and every diagnostic located at a real place in the file,
/// at the line and column that place has (what the caret under the source line is drawn from).
@_cdecl("fuzz_lab_yml_main")
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzLabYAML)
}

func fuzzLabYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let source = SourceFile(path: "lab.yml", bytes: bytes)
    let loaded = LabLoader(builtinSets: ["cloud", "devops", "mlops"]).load(source)

    let errors = loaded.diagnostics.filter { $0.severity == .error }
    require((loaded.lab == nil) == !errors.isEmpty, "a lab comes back exactly when there is no error: \(errors)")
    for diagnostic in loaded.diagnostics {
        requireLocated(diagnostic.location, in: source, diagnostic.description)
        for note in diagnostic.notes { requireLocated(note.location, in: source, "note: \(note.message)") }
    }
    return 0
}

private func requireLocated(_ location: Diagnostic.Location?, in source: SourceFile, _ what: String) {
    guard let mark = location?.mark else { return }
    require(mark.offset >= 0 && mark.offset <= source.bytes.count, "offset \(mark.offset) outside the file: \(what)")
    require(source.line(mark.line) != nil, "line \(mark.line) does not exist: \(what)")
    let expected = source.mark(atByte: mark.offset)
    require(
        mark.line == expected.line && mark.column == expected.column,
        "\(what): reported at \(mark.line):\(mark.column), but byte \(mark.offset) is at \(expected.line):\(expected.column)")
}

/// A broken promise is a finding: trap, so libFuzzer keeps the input.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz-lab-yml: \(message())") }
}
