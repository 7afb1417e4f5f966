import LabRuntime
import LabSpec

/// Checks a `dns` step through the system resolver: the name resolves (to an address of the
/// family asked for) and its addresses include those expected.
enum DNSStep {
    static func evaluate(_ check: DNSCheck, step: Step, timeout: Duration) async -> StepResult {
        var report = StepResult(kind: .dns, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        let family: AddressResolver.Family? = check.type.map { $0 == .a ? .ipv4 : .ipv6 }
        switch await AddressResolver.resolve(check.name, family: family, timeout: timeout) {
        case .failure(let failure):
            if case .timedOut = failure { report.timedOut = true }
            report.message = failure.description
        case .success(let addresses):
            report.stdout = addresses.joined(separator: "\n") + "\n"
            report.stdoutBytes = report.stdout.utf8.count
            let missing = check.addresses.filter { expected in !addresses.contains { same($0, expected) } }
            if missing.isEmpty {
                report.passed = true
            } else {
                report.message = "\(check.name) resolves to \(addresses.joined(separator: ", ")) (expected \(missing.joined(separator: " and ")) among them)"
            }
        }
        return report
    }

    /// IPv6 addresses compare in their canonical form (`::1` and `0:0:0:0:0:0:0:1` are one).
    private static func same(_ found: String, _ expected: String) -> Bool {
        found == expected || AddressResolver.canonical(expected) == found
    }
}
