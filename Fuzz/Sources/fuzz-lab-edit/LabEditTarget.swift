import FuzzDriver
import LabSpec

/// libFuzzer target: surgical edits of any `lab.yml` that loads.
///
/// Setting a phase's status, or the lab's name, must give a file that loads to the same lab with
/// only that value changed — or refuse with an error; never a broken or different lab.
@_cdecl("fuzz_lab_edit_main")
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzLabEdit)
}

func fuzzLabEdit(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let loaded = load(bytes)
    guard let lab = loaded.lab, let document = loaded.document else { return 0 }
    let editor = LabFileEditor(source: loaded.source, document: document)

    for index in lab.phases.indices.prefix(4) {
        let phase = lab.phases[index]
        for status in PhaseStatus.allCases {
            guard let edited = try? editor.settingStatus(status, ofPhase: phase.id) else { continue }
            let reloaded = load(edited)
            guard let changed = reloaded.lab else {
                fatalError("fuzz-lab-edit: setting phase \(phase.id) to \(status.rawValue) broke the file: \(reloaded.diagnostics)")
            }
            var expected = lab
            expected.phases[index].status = status
            require(summary(of: changed) == summary(of: expected), "setting phase \(phase.id) to \(status.rawValue) changed more than its status")
        }
    }
    for name in ["Renamed lab", "a: b # c", "- [x] 'quoted' \"twice\"", "tab\there", "日本語 lab", "true", "123", "~"] {
        guard let edited = try? editor.settingName(name) else { continue }
        let reloaded = load(edited)
        guard let changed = reloaded.lab else {
            fatalError("fuzz-lab-edit: naming the lab \(name) broke the file: \(reloaded.diagnostics)")
        }
        var expected = lab
        expected.name = name
        require(summary(of: changed) == summary(of: expected), "naming the lab '\(name)' changed more than its name")
    }
    return 0
}

private func load(_ bytes: [UInt8]) -> LabLoader.Loaded {
    LabLoader(builtinSets: ["cloud", "devops", "mlops"]).load(SourceFile(path: "lab.yml", bytes: bytes))
}

/// The lab as text, without the source positions an inserted line moves.
private func summary(of lab: Lab) -> String {
    var lab = lab
    for phase in lab.phases.indices {
        lab.phases[phase].mark = .start
        for exercise in lab.phases[phase].exercises.indices {
            lab.phases[phase].exercises[exercise].mark = .start
            for step in lab.phases[phase].exercises[exercise].verify.indices {
                lab.phases[phase].exercises[exercise].verify[step].mark = .start
            }
        }
    }
    for scaffold in lab.scaffolds.indices { lab.scaffolds[scaffold].mark = .start }
    var text = ""
    dump(lab, to: &text)
    return text
}

/// A broken promise is a finding: trap, so libFuzzer keeps the input.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz-lab-edit: \(message())") }
}
