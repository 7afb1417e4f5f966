import Testing
@testable import LabSpec

@Suite struct ValueQueryTests {
    func segments(_ text: String) -> [ValueQuery.Segment]? {
        try? ValueQuery.parse(text).get().segments
    }

    func error(_ text: String) -> ValueQuery.ParseError? {
        if case .failure(let error) = ValueQuery.parse(text) { return error }
        return nil
    }

    @Test func parsesDottedKeysIndexesAllAndLength() {
        #expect(segments("spec.replicas") == [.key("spec"), .key("replicas")])
        #expect(segments("spec.template.spec.containers[0].image")
            == [.key("spec"), .key("template"), .key("spec"), .key("containers"), .index(0), .key("image")])
        #expect(segments("items[*].name") == [.key("items"), .all, .key("name")])
        #expect(segments("resources.length") == [.key("resources"), .length])
        #expect(segments("[2]") == [.index(2)])
        #expect(segments("length") == [.length])
        #expect(segments("a[1][2]") == [.key("a"), .index(1), .index(2)])
        #expect(segments(#"metadata.labels["app.kubernetes.io/name"]"#) == [.key("metadata"), .key("labels"), .key("app.kubernetes.io/name")])
        #expect(segments(#"a["length"]"#) == [.key("a"), .key("length")])
        #expect(segments(#"a["say \"hi\""]"#) == [.key("a"), .key(#"say "hi""#)])
        #expect(segments("a.b-c_d.ünï") == [.key("a"), .key("b-c_d"), .key("ünï")])
    }

    @Test func printsAPathAsTheDottedFormWritesIt() {
        #expect(ValueQuery.text(of: [.key("spec"), .key("containers"), .index(1), .key("image")]) == "spec.containers[1].image")
        #expect(ValueQuery.text(of: [.key("labels"), .key("app.kubernetes.io/name")]) == #"labels["app.kubernetes.io/name"]"#)
        #expect(ValueQuery.text(of: [.key("items"), .length]) == "items.length")
        #expect(ValueQuery.text(of: [.key("length")]) == #"["length"]"#)
        #expect(ValueQuery.text(of: [.index(0), .all]) == "[0][*]")
    }

    @Test func aQueryThatDoesNotParseSaysWhereAndWhy() {
        #expect(error("") == ValueQuery.ParseError(column: 1, message: "the query is empty (leave 'query' out to test the whole document)"))
        #expect(error("spec..replicas") == ValueQuery.ParseError(column: 6, message: "empty key: two dots in a row, or a dot at the start"))
        #expect(error(".spec")?.column == 1)
        #expect(error("spec.") == ValueQuery.ParseError(column: 5, message: "the query ends with '.': a key is missing after it"))
        #expect(error("items[") == ValueQuery.ParseError(column: 6, message: "'[' is not closed"))
        #expect(error("items[0") == ValueQuery.ParseError(column: 6, message: "'[' is not closed"))
        #expect(error("items[x]") == ValueQuery.ParseError(column: 7, message: "expected an index, '*' or a quoted key after '['"))
        #expect(error("items[-1]") == ValueQuery.ParseError(column: 7, message: "indexes count from 0 and cannot be negative"))
        #expect(error("items[0x]") == ValueQuery.ParseError(column: 8, message: "expected ']'"))
        #expect(error("items]") == ValueQuery.ParseError(column: 6, message: "']' without '['"))
        #expect(error("items[0]name") == ValueQuery.ParseError(column: 9, message: "expected '.' or '[' after 'items[0]', found 'n'"))
        #expect(error("a b") == ValueQuery.ParseError(column: 2, message: "a key cannot hold spaces or control characters; write it as [\"key\"]"))
        #expect(error(#"a["b"#) == ValueQuery.ParseError(column: 3, message: "the quoted key is not closed"))
        #expect(error("items[99999999999]")?.message == "index 99999999999 is too large")
    }
}
