import Foundation
import Testing

/// The two GFM edge cases where the spec and cmark-gfm part ways, decided for the spec (README,
/// Checklists): a tab between the brackets, and a task marker on the line after its list marker.
@Suite struct ChecklistEdgeCaseTests {
    @Test func tabBetweenBracketsAndMarkerOnTheNextLineAreTasks() throws {
        let document = "# One\n\n## Progress checklist\n\n- [\t] Tabbed <!-- lab:tabbed -->\n-\n  [ ] Below <!-- lab:below -->\n- [x]\n  Not a task\n"
        let lab = try TemporaryLab(files: [
            "lab.yml": """
                lab: G
                phases:
                  - id: 1
                    title: One
                    status: in-progress
                    exercises:
                      - id: tabbed
                        title: Tabbed
                      - id: below
                        title: Below

                """,
            "docs/phases/phase-01.md": document,
        ])
        let status = try lab.lab("status")
        #expect(status.stdout.contains("Phase 1  One  in progress  0/2"), "\(status)")
        let list = try lab.lab("list")
        #expect(!list.stdout.contains("[?]"), "both bound to their items: \(list)")

        let marked = try lab.lab("mark", "tabbed", "below")
        #expect(marked.status == 0, "\(marked)")
        #expect(marked.stdout == "ticked tabbed (docs/phases/phase-01.md:5)\nticked below (docs/phases/phase-01.md:6)\n")
        let ticked = try #require(lab.read("docs/phases/phase-01.md"))
        #expect(ticked == document.replacingOccurrences(of: "[\t] Tabbed", with: "[x] Tabbed").replacingOccurrences(of: "  [ ] Below", with: "  [x] Below"))
        #expect(try lab.lab("status").stdout.contains("in progress  2/2"))

        // Unticking writes a space, the one character between the brackets.
        #expect(try lab.lab("mark", "--undo", "tabbed").status == 0)
        #expect(lab.read("docs/phases/phase-01.md")?.contains("- [ ] Tabbed <!-- lab:tabbed -->\n") == true)
    }
}
