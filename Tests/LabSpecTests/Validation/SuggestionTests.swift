import Testing
@testable import LabSpec

@Suite struct SuggestionTests {
    @Test func findsTypos() {
        #expect(Suggestion.closest(to: "verfy", in: ["verify", "title", "id"]) == "verify")
        #expect(Suggestion.closest(to: "tilte", in: ["verify", "title", "id"]) == "title")
        #expect(Suggestion.closest(to: "in-progres", in: ["pending", "in-progress", "done"]) == "in-progress")
        #expect(Suggestion.closest(to: "Requires", in: ["requires"]) == "requires")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "banana", in: ["verify", "title", "id"]) == nil)
        #expect(Suggestion.closest(to: "x", in: ["id"]) == nil)
    }
}
