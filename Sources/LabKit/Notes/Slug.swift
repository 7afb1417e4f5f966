import Foundation

/// The file-name form of a title: `Use PostgreSQL for state` → `use-postgresql-for-state`.
public enum Slug {
    /// The longest slug, in bytes: a file name a person can still read in a listing.
    static let maximumLength = 60

    /// Lower-case ASCII letters and digits, every other run of characters one `-`, accents dropped
    /// (`Café` → `cafe`); nil when nothing is left (`!!!`, or a title in a script without Latin
    /// letters).
    public static func make(_ title: String) -> String? {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let byte = scalar.isASCII ? UInt8(scalar.value) : 0
            let isWordByte = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
            let upper = byte >= 65 && byte <= 90
            if isWordByte || upper {
                if pendingDash && !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(Unicode.Scalar(upper ? byte + 32 : byte))
            } else if scalar != "'" && scalar != "’" {
                // An apostrophe joins (`don't` → `dont`); anything else separates.
                pendingDash = true
            }
        }
        if slug.utf8.count > maximumLength {
            let cut = String(slug.prefix(maximumLength))
            slug = cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? cut
        }
        return slug.isEmpty ? nil : slug
    }
}
