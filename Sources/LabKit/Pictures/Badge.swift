/// A badge in the style of shields.io's "flat" badges — a grey label and a coloured message —
/// drawn locally: no network, no script, no external font or image.
public struct Badge: Sendable, Equatable {
    public var label: String
    public var message: String
    /// A colour as `#rrggbb`.
    public var color: String

    public init(label: String, message: String, color: String) {
        self.label = label
        self.message = message
        self.color = color
    }

    /// shields.io's named colours, for the badges `lab` draws.
    public enum Color {
        public static let brightGreen = "#44cc11"
        public static let green = "#97ca00"
        public static let yellow = "#dfb317"
        public static let orange = "#fe7d37"
        public static let blue = "#007ec6"
        public static let lightGrey = "#9f9f9f"
    }

    static let fontSize = 11.0
    /// Space on each side of each half's text.
    static let padding = 6.0

    /// The badge as an SVG document, line break at the end.
    public var svg: String {
        let labelWidth = (SVGText.width(label, size: Self.fontSize) + 2 * Self.padding).rounded()
        let messageWidth = (SVGText.width(message, size: Self.fontSize) + 2 * Self.padding).rounded()
        let width = labelWidth + messageWidth
        let title = SVGText.escaped("\(label): \(message)")
        let label = SVGText.escaped(label)
        let message = SVGText.escaped(message)
        let n = SVGText.number
        let labelMiddle = n(labelWidth / 2)
        let messageMiddle = n(labelWidth + messageWidth / 2)
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="20" role="img" aria-label="\(title)">
              <title>\(title)</title>
              <linearGradient id="shine" x2="0" y2="100%">
                <stop offset="0" stop-color="#bbbbbb" stop-opacity=".1"/>
                <stop offset="1" stop-opacity=".1"/>
              </linearGradient>
              <clipPath id="round"><rect width="\(n(width))" height="20" rx="3" fill="#ffffff"/></clipPath>
              <g clip-path="url(#round)">
                <rect width="\(n(labelWidth))" height="20" fill="#555555"/>
                <rect x="\(n(labelWidth))" width="\(n(messageWidth))" height="20" fill="\(color)"/>
                <rect width="\(n(width))" height="20" fill="url(#shine)"/>
              </g>
              <g fill="#ffffff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
                <text x="\(labelMiddle)" y="15" fill="#010101" fill-opacity=".3">\(label)</text>
                <text x="\(labelMiddle)" y="14">\(label)</text>
                <text x="\(messageMiddle)" y="15" fill="#010101" fill-opacity=".3">\(message)</text>
                <text x="\(messageMiddle)" y="14">\(message)</text>
              </g>
            </svg>

            """
    }
}
