import Testing
@testable import LabKit

@Suite struct SlugTests {
    @Test(arguments: [
        ("Use PostgreSQL for state", "use-postgresql-for-state"),
        ("  DNS: resolution, step by step!  ", "dns-resolution-step-by-step"),
        ("Café résumé", "cafe-resume"),
        ("Don't use NFS", "dont-use-nfs"),
        ("k8s / Ingress vs. Gateway API", "k8s-ingress-vs-gateway-api"),
        ("TLS 1.3", "tls-1-3"),
    ])
    func slugs(_ title: String, _ expected: String) {
        #expect(Slug.make(title) == expected)
    }

    @Test(arguments: ["", "   ", "!!!", "—", "日本語", "🚀🚀"])
    func titlesWithoutLettersSlugToNothing(_ title: String) {
        #expect(Slug.make(title) == nil)
    }

    @Test func longTitlesAreCutAtAWordBoundary() throws {
        let slug = try #require(Slug.make(String(repeating: "decision ", count: 20)))
        #expect(slug.utf8.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-") && slug.hasSuffix("decision"))
    }
}
