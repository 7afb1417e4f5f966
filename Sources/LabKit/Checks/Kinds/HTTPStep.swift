import Foundation
import LabRuntime
import LabSpec

/// Checks an `http` step: sends the request and compares the response with what is expected:
/// `status 503 (expected 200) from GET http://127.0.0.1:18701/health`.
enum HTTPStep {
    /// How much of the body goes into the report.
    static let reportedBodyBytes = 64 << 10

    static func evaluate(_ check: HTTPCheck, step: Step, root: String, timeout: Duration) async -> StepResult {
        var report = StepResult(kind: .http, command: StepWording.subject(step), expectation: StepWording.expectation(step), passed: false)
        let request = "\(check.method) \(check.url)"
        var trust = HTTPFetcher.Request.Trust.system
        if check.insecure { trust = .anyCertificate }
        if let ca = check.ca { trust = .authorities(path: ca.hasPrefix("/") ? ca : root + "/" + ca, displayPath: ca) }
        let outcome = await HTTPFetcher.fetch(HTTPFetcher.Request(
            url: check.url, method: check.method, headers: check.headers.map { (name: $0.name, value: $0.value) },
            body: check.body.map { Array($0.utf8) }, trust: trust, followRedirects: check.follow, timeout: timeout))
        let response: HTTPFetcher.Response
        switch outcome {
        case .success(let received):
            response = received
        case .failure(let failure):
            if failure == .cancelled {
                report.message = "cancelled"
                return report
            }
            if case .timedOut = failure { report.timedOut = true }
            report.message = "\(failure) from \(request)"
            return report
        }
        report.status = response.status
        report.body = String(decoding: response.body.prefix(reportedBodyBytes), as: UTF8.self)
        report.message = problem(check, response: response, request: request)
        report.passed = report.message == nil
        return report
    }

    private static func problem(_ check: HTTPCheck, response: HTTPFetcher.Response, request: String) -> String? {
        let expect = check.expect
        let statusOK = expect.status.isEmpty ? (200...299).contains(response.status) : expect.status.contains(response.status)
        if !statusOK {
            let wanted = expect.status.isEmpty ? "2xx" : expect.status.map(String.init).joined(separator: " or ")
            var message = "status \(response.status) (expected \(wanted)) from \(request)"
            if (300...399).contains(response.status), let location = response.values(of: "Location").first, !check.follow {
                message += ", a redirect to \(location) (add 'follow: true' to follow it)"
            }
            return message
        }
        for header in expect.headers {
            let values = response.values(of: header.name)
            guard !values.isEmpty else { return "no header \(header.name) in the response of \(request)" }
            if !values.contains(where: { $0.contains(header.value) }) {
                return "header \(header.name) is \(DataValue.quoted(values.joined(separator: ", "))) (expected it to contain \(DataValue.quoted(header.value))) from \(request)"
            }
        }
        let cut = response.isTruncated ? " (in its first \(response.body.count >> 20) MiB)" : ""
        if !expect.body.isEmpty || expect.bodyMatches != nil {
            let text = String(decoding: response.body, as: UTF8.self)
            let missing = expect.body.filter { !text.contains($0) }
            if !missing.isEmpty {
                return "the body of \(request) does not contain " + missing.map { DataValue.quoted($0) }.joined(separator: ", ") + cut
            }
            if let pattern = expect.bodyMatches {
                switch BoundedMatch.firstMatch(pattern, in: text) {
                case .unmatched: return "the body of \(request) does not match /\(pattern)/" + cut
                case .givenUp: return "the body of \(request): /\(pattern)/ " + BoundedMatch.givenUpReason
                case .matched, .invalid: break
                }
            }
        }
        return JSONFacts.problem(expect.json, in: response.body, source: "the body of \(request)", truncated: response.isTruncated)
    }
}
