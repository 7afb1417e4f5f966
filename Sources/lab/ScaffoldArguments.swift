import ArgumentParser
import LabKit

/// What `lab scaffold` was asked, as `Scaffold` parsed it or `QuickCommandLine` read it.
struct ScaffoldArguments: Equatable {
    var names: [String] = []
    var dryRun = false
    var diff = false
    var force = false
    var repairLock = false
    var conflict: ConflictChoice = .inline

    /// The workflow's request for the lab at `location`.
    func request(at location: LabLocation) -> ScaffoldWorkflow.Request {
        let options = ScaffoldPlanner.Options(force: force, conflictStyle: conflict.style)
        return ScaffoldWorkflow.Request(location: location, names: names, dryRun: dryRun, options: options, repairLock: repairLock)
    }
}

/// `--conflict inline|rej`.
enum ConflictChoice: String, ExpressibleByArgument, CaseIterable {
    case inline, rej

    var style: ScaffoldPlan.ConflictStyle {
        switch self {
        case .inline: .inline
        case .rej: .rej
        }
    }
}
