import LabRuntime
import LabSpec

/// Checks a `tcp` step: connects, and passes when something accepts — or, with
/// `listening: false`, when nothing does.
enum TCPStep {
    static func evaluate(_ check: TCPCheck, step: Step, timeout: Duration) async -> StepResult {
        var report = StepResult(kind: .tcp, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        let outcome = await TCPConnector.connect(host: check.host, port: check.port, timeout: timeout)
        switch (outcome, check.listening) {
        case (.connected, true), (.refused, false), (.timedOut, false):
            report.passed = true
        case (.connected(let address), false):
            report.message = "\(check.address) accepts connections" + (address == check.host ? "" : " (at \(address))") + " (expected nothing listening)"
        case (.refused, true):
            report.message = "connection refused on \(check.address)"
        case (.timedOut, true):
            report.timedOut = true
            report.message = "no answer from \(check.address) within \(DurationText.format(timeout))"
        case (.failed(let reason), _):
            report.message = "cannot connect to \(check.address): \(reason)"
        }
        return report
    }
}
