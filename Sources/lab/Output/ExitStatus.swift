import LabKit

/// The exit statuses of `lab`, in one place: 0 success; 1 a check failed, a conflict, a refused
/// overwrite or path, any other error; 2 an invalid `lab.yml` or template; 64 wrong usage
/// (argument-parser's); 128 + N stopped by signal N (130 for Ctrl-C).
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let invalid: Int32 = 2

    static func interrupted(by signal: Int32) -> Int32 { 128 + signal }

    /// A scaffold plan: 2 with template errors; 1 with refusals or files that need the learner.
    static func of(_ plan: ScaffoldPlan) -> Int32 {
        if !plan.errors.isEmpty { return invalid }
        if !plan.refusals.isEmpty || plan.needsAttention { return failure }
        return success
    }

    static func of(_ result: CheckWorkflow.Result) -> Int32 {
        switch result {
        case .planned: return success
        case .finished(_, let signal?): return interrupted(by: signal)
        case .finished(let failed, nil): return failed ? failure : success
        }
    }

    /// A finished run's report, as `lab merge-reports` combined it: 1 when it fails (a check
    /// failed or, with `strict`, was skipped).
    static func of(_ report: CheckResult) -> Int32 {
        report.failsRun ? failure : success
    }

    static func of(_ error: LabError) -> Int32 {
        if case .invalidLab = error { return invalid }
        return failure
    }
}
