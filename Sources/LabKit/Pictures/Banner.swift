/// The README's banner: the lab's name, the phase in progress and its theme, and one dot per
/// phase coloured by its status.
public enum Banner {
    static let width = 880.0
    static let height = 180.0
    static let textLeft = 64.0

    public static func svg(_ facts: PictureFacts) -> String {
        let n = SVGText.number
        let current = facts.current
        let headline: String
        let theme: String
        if let first = current.first {
            var text = "Phase \(first.id)"
            if let weeks = first.weeks, !weeks.isEmpty {
                text += " · " + (weeks.first?.isNumber == true ? "Weeks \(weeks)" : weeks)
            }
            if current.count > 1 { text += " (and " + current.dropFirst().map { "\($0.id)" }.joined(separator: ", ") + ")" }
            headline = text
            theme = first.title
        } else if !facts.phases.isEmpty && facts.phases.allSatisfy({ $0.status == .done }) {
            headline = "Every phase done"
            theme = facts.phases.last?.title ?? ""
        } else if facts.phases.allSatisfy({ $0.status == .pending }) {
            headline = "Not started yet"
            theme = facts.phases.first?.title ?? ""
        } else {
            headline = "Between phases"
            theme = facts.phases.first { $0.status == .pending }.map { "Next: \($0.title)" } ?? ""
        }

        // The phase dots, right-aligned.
        let spacing = 36.0
        let dotsWidth = Double(facts.phases.count) * spacing
        let dotsLeft = width - 40 - dotsWidth
        var dots = ""
        for (index, phase) in facts.phases.enumerated() {
            let x = dotsLeft + Double(index) * spacing + spacing / 2
            let fill = phase.status == .done ? "#22c55e" : phase.status == .inProgress ? "#38bdf8" : "#475569"
            dots += """
                    <circle cx="\(n(x))" cy="90" r="13" fill="\(fill)"/>
                    <text x="\(n(x))" y="95" font-size="13" font-weight="bold" text-anchor="middle" fill="#0f172a">\(phase.id)</text>

                """
        }

        let available = max(200, dotsLeft - textLeft - 24)
        let nameSize = 34.0
        let nameWidth = SVGText.width(facts.lab, size: nameSize * 1.05)
        // A name too long for the room is squeezed to fit rather than cut: it is the lab's name.
        let squeeze = nameWidth > available ? " textLength=\"\(n(available))\" lengthAdjust=\"spacingAndGlyphs\"" : ""
        let label = SVGText.escaped(facts.lab + (theme.isEmpty ? "" : " — \(headline): \(theme)"))
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" viewBox="0 0 \(n(width)) \(n(height))" role="img" aria-label="\(label)">
              <title>\(label)</title>
              <defs>
                <linearGradient id="sky" x1="0" y1="0" x2="1" y2="1">
                  <stop offset="0" stop-color="#0f172a"/>
                  <stop offset="1" stop-color="#1e3a5f"/>
                </linearGradient>
              </defs>
              <rect width="\(n(width))" height="\(n(height))" rx="12" fill="url(#sky)"/>
              <rect x="40" y="36" width="6" height="108" rx="3" fill="#38bdf8"/>
              <g font-family="Verdana,Geneva,DejaVu Sans,sans-serif">
                <text x="\(n(textLeft))" y="80" font-size="\(n(nameSize))" font-weight="bold" fill="#f8fafc"\(squeeze)>\(SVGText.escaped(facts.lab))</text>
                <text x="\(n(textLeft))" y="116" font-size="18" fill="#cbd5e1">\(SVGText.escaped(SVGText.fitted(headline, width: available, size: 18)))</text>
                <text x="\(n(textLeft))" y="144" font-size="16" fill="#7dd3fc">\(SVGText.escaped(SVGText.fitted(theme, width: available, size: 16)))</text>
            \(dots)  </g>
            </svg>

            """
    }
}
