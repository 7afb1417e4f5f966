import Foundation
import Testing

/// `-C DIR` naming a folder that does not exist.
@Suite struct MissingFolderTests {
    /// With no lab.yml above it either, the folder is named as missing rather than as a folder
    /// without a lab.yml. (Below a lab, lab.yml is found above it, as from any folder of the lab.)
    @Test func aMissingFolderIsSaidToBeMissing() throws {
        let lab = try TemporaryLab(files: ["lab.yml": "lab: L\nphases:\n  - id: 1\n    title: One\n"])
        let missing = lab.root.standardizedFileURL.path + "-missing/sub"
        for command in [["status"], ["list"], ["validate"], ["check"]] {
            let result = try lab.lab(arguments: ["-C", missing] + command)
            #expect(result.status == 1, "\(command): \(result)")
            #expect(result.stderr == "lab: error: there is no folder '\(missing)' (the folder -C names must exist)\n", "\(command): \(result)")
        }
        let empty = try TemporaryLab()
        #expect(try LabProcess.run(["status"], in: empty.root).stderr.hasPrefix("lab: error: no lab.yml in "), "an existing folder without a lab")
        #expect(try lab.lab("-C", "no-such-folder", "status").status == 0, "below the lab, its lab.yml is found above")
    }
}
