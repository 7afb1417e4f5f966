import Foundation
import LabSpec

/// The progress picture: one bar per phase (ticked items over all, coloured by status), and under
/// it the passes of each of the last weeks, from the journal.
public enum ProgressPicture {
    static let width = 720.0
    static let rowHeight = 34.0
    static let labelLeft = 20.0
    static let labelWidth = 250.0
    static let barLeft = 280.0
    static let barWidth = 280.0
    static let chartHeight = 80.0

    static func color(_ status: PhaseStatus) -> String {
        switch status {
        case .done: "#2da44e"
        case .inProgress: "#0969da"
        case .pending: "#8c959f"
        }
    }

    static func statusText(_ status: PhaseStatus) -> String {
        switch status {
        case .done: "done"
        case .inProgress: "in progress"
        case .pending: "pending"
        }
    }

    /// `Nov 24`: the same on every machine.
    static func weekLabel(_ date: Date) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = PictureFacts.calendar.dateComponents([.month, .day], from: date)
        return "\(months[((parts.month ?? 1) - 1 + 12) % 12]) \(parts.day ?? 1)"
    }

    public static func svg(_ facts: PictureFacts) -> String {
        let n = SVGText.number
        let overall = facts.overall
        var body = ""
        body += """
                <text x="\(n(labelLeft))" y="30" font-size="16" font-weight="bold" fill="#1f2328">\(SVGText.escaped(SVGText.fitted(facts.lab, width: 440, size: 16)))</text>
                <text x="\(n(width - 20))" y="30" font-size="13" text-anchor="end" fill="#59636e">\(overall.done)/\(overall.total) items ticked</text>

            """

        var y = 56.0
        for phase in facts.phases {
            let label = SVGText.fitted("Phase \(phase.id) · \(phase.title)", width: labelWidth, size: 13)
            let ratio = phase.total > 0 ? min(1, Double(phase.done) / Double(phase.total)) : 0
            let filled = (barWidth * ratio * 10).rounded() / 10
            body += """
                    <text x="\(n(labelLeft))" y="\(n(y + 12))" font-size="13" fill="#1f2328">\(SVGText.escaped(label))</text>
                    <rect x="\(n(barLeft))" y="\(n(y))" width="\(n(barWidth))" height="14" rx="7" fill="#eaeef2"/>

                """
            if filled > 0 {
                body += """
                        <rect x="\(n(barLeft))" y="\(n(y))" width="\(n(max(filled, 14)))" height="14" rx="7" fill="\(color(phase.status))"/>

                    """
            }
            body += """
                    <text x="\(n(barLeft + barWidth + 12))" y="\(n(y + 12))" font-size="13" font-weight="bold" fill="#1f2328">\(phase.done)/\(phase.total)</text>
                    <text x="\(n(width - 20))" y="\(n(y + 12))" font-size="11" text-anchor="end" fill="\(color(phase.status))">\(statusText(phase.status))</text>

                """
            y += rowHeight
        }

        // The timeline.
        let total = facts.weeks.reduce(0) { $0 + $1.passes }
        y += 16
        body += """
                <text x="\(n(labelLeft))" y="\(n(y))" font-size="13" font-weight="bold" fill="#1f2328">Passes per week</text>
                <text x="\(n(width - 20))" y="\(n(y))" font-size="11" text-anchor="end" fill="#59636e">\(total == 1 ? "1 pass" : "\(total) passes") in \(facts.weeks.count) weeks</text>

            """
        let top = y + 22
        let baseline = top + chartHeight
        let most = max(1, facts.weeks.map(\.passes).max() ?? 0)
        let column = (width - 2 * labelLeft) / Double(max(1, facts.weeks.count))
        body += """
                <line x1="\(n(labelLeft))" y1="\(n(baseline))" x2="\(n(width - labelLeft))" y2="\(n(baseline))" stroke="#d1d9e0"/>

            """
        for (index, week) in facts.weeks.enumerated() {
            let middle = labelLeft + column * (Double(index) + 0.5)
            let barHeight = (chartHeight - 18) * Double(week.passes) / Double(most)
            if week.passes > 0 {
                body += """
                        <rect x="\(n(middle - 12))" y="\(n(baseline - barHeight))" width="24" height="\(n(barHeight))" rx="3" fill="#2da44e"/>
                        <text x="\(n(middle))" y="\(n(baseline - barHeight - 5))" font-size="11" text-anchor="middle" fill="#1f2328">\(week.passes)</text>

                    """
            }
            body += """
                    <text x="\(n(middle))" y="\(n(baseline + 16))" font-size="10" text-anchor="middle" fill="#59636e">\(weekLabel(week.start))</text>

                """
        }
        let height = baseline + 30
        let label = SVGText.escaped("\(facts.lab): \(overall.done) of \(overall.total) items ticked; \(total) passes in the last \(facts.weeks.count) weeks")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-label="\(label)">
              <title>\(label)</title>
              <rect width="\(n(width))" height="\(n(height))" rx="8" fill="#ffffff" stroke="#d1d9e0"/>
              <g font-family="Verdana,Geneva,DejaVu Sans,sans-serif">
            \(body)  </g>
            </svg>

            """
    }
}
