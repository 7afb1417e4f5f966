import LabKit
import LabSpec
import Testing

/// `--shard I/N`: every exercise in exactly one shard, whatever N; the shards' totals within the
/// longest exercise of each other when durations are known, within one exercise when not; the
/// same split on every run and whatever order the ids come in.
@Suite struct CheckShardTests {
    @Test(arguments: [("1/1", 1, 1), ("2/4", 2, 4), ("16/16", 16, 16), ("007/10", 7, 10)])
    func parsesAShard(_ text: String, _ index: Int, _ count: Int) throws {
        #expect(try CheckShard(parsing: text) == CheckShard(index: index, count: count))
    }

    @Test(arguments: ["0/4", "5/4", "1/0", "0/0", "x/4", "1/y", "1", "/4", "1/", "1/2/3", "-1/4", "+1/4", " 1/4", "1/4 ", "1.0/4", "١/٤", "1/99999999999999999999", "1/2000"])
    func refusesWhatIsNotAShard(_ text: String) {
        #expect(throws: CheckShard.ParseError.self) { try CheckShard(parsing: text) }
    }

    @Test func errorsSayWhatAShardIs() {
        #expect(CheckShard.ParseError.indexOutOfRange(index: 5, count: 4).description == "there is no shard 5 of 4: shards are numbered from 1 to 4")
        #expect(CheckShard.ParseError.notAFraction("x").description.contains("I/N"))
    }

    static func randomIDs(_ generator: inout SplitMix64) -> [String] {
        let count = Int(generator.next() % 60)
        var ids: Set<String> = []
        while ids.count < count {
            let length = 1 + Int(generator.next() % 12)
            ids.insert(String((0..<length).map { _ in "abcdefghijklmnopqrstuvwxyz0123456789-".randomElement(using: &generator)! }))
        }
        return ids.sorted().shuffled(using: &generator)
    }

    @Test func everyExerciseIsInExactlyOneShard() {
        var generator = SplitMix64(seed: 18)
        for _ in 0..<200 {
            let ids = Self.randomIDs(&generator)
            var durations: [String: Double] = [:]
            for id in ids where generator.next() % 3 != 0 { durations[id] = Double(generator.next() % 10_000) / 100 }
            for count in 1...16 {
                let shards = CheckShard.split(ids, into: count, durations: durations)
                #expect(shards.count == count)
                #expect(shards.flatMap { $0 }.sorted() == ids.sorted(), "\(count) shards of \(ids)")
                // Each shard keeps the order of the ids it was given.
                for shard in shards {
                    let positions = shard.compactMap { ids.firstIndex(of: $0) }
                    #expect(positions == positions.sorted())
                }
            }
        }
    }

    @Test func withDurationsTheShardsDifferByAtMostTheLongestExercise() {
        var generator = SplitMix64(seed: 1818)
        for _ in 0..<200 {
            let ids = Self.randomIDs(&generator)
            var durations: [String: Double] = [:]
            for id in ids { durations[id] = Double(generator.next() % 100_000) / 1000 }
            let longest = durations.values.max() ?? 0
            for count in 1...16 {
                // Each counts at least `shortest`.
                let totals = CheckShard.split(ids, into: count, durations: durations).map {
                    $0.reduce(0) { $0 + max(durations[$1]!, CheckShard.shortest) }
                }
                let spread = (totals.max() ?? 0) - (totals.min() ?? 0)
                #expect(spread <= max(longest, CheckShard.shortest) + 1e-9, "\(count) shards: totals \(totals), longest \(longest)")
            }
        }
    }

    @Test func withoutDurationsTheShardsDifferByAtMostOneExercise() {
        var generator = SplitMix64(seed: 81)
        for _ in 0..<200 {
            let ids = Self.randomIDs(&generator)
            for count in 1...16 {
                let sizes = CheckShard.split(ids, into: count, durations: [:]).map(\.count)
                #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1, "\(count) shards: \(sizes)")
            }
        }
    }

    @Test func theSplitIsTheSameOnEveryRunAndForAnyOrderOfTheIDs() {
        var generator = SplitMix64(seed: 4)
        for _ in 0..<100 {
            let ids = Self.randomIDs(&generator)
            var durations: [String: Double] = [:]
            if generator.next() % 2 == 0 {
                for id in ids { durations[id] = Double(generator.next() % 5_000) / 100 }
            }
            let shuffled = ids.shuffled(using: &generator)
            for count in 1...16 {
                let first = CheckShard.split(ids, into: count, durations: durations)
                #expect(CheckShard.split(ids, into: count, durations: durations) == first)
                let other = CheckShard.split(shuffled, into: count, durations: durations)
                #expect(other.map { Set($0) } == first.map { Set($0) })
            }
        }
    }

    /// The hash that breaks ties is fixed (FNV-1a), not Swift's per-process seeded one: these
    /// shards are what every machine computes.
    @Test func theSplitIsPinned() {
        let ids = ["dns-basics", "tls-basics", "git-objects", "linux-processes", "http-by-hand", "shell-scripting", "first-adr"]
        #expect(CheckShard.split(ids, into: 3, durations: [:]) == [
            ["dns-basics", "git-objects", "linux-processes"], ["tls-basics", "http-by-hand"], ["shell-scripting", "first-adr"],
        ])
        // The three without a duration count as the mean of the four known (5).
        #expect(CheckShard.split(ids, into: 2, durations: ["dns-basics": 10, "tls-basics": 4, "git-objects": 3, "linux-processes": 3]) == [
            ["dns-basics", "linux-processes", "shell-scripting"], ["tls-basics", "git-objects", "http-by-hand", "first-adr"],
        ])
    }

    /// Exercises of a few milliseconds (a first run that fails fast) are spread by number, not
    /// three to three shards and the other eight to the fourth.
    @Test func exercisesOfAFewMillisecondsAreSpreadByNumber() {
        let ids = (1...11).map { "e\($0)" }
        var durations: [String: Double] = [:]
        for (index, id) in ids.enumerated() { durations[id] = index < 3 ? 0.003 : 0.0001 }
        let sizes = CheckShard.split(ids, into: 4, durations: durations).map(\.count)
        #expect(sizes.sorted() == [2, 3, 3, 3], "\(sizes)")
        // Above the floor, time still decides: one long exercise has a shard to itself.
        durations["e1"] = 30
        let shards = CheckShard.split(ids, into: 4, durations: durations)
        #expect(shards.contains(["e1"]), "\(shards)")
    }

    @Test func selectKeepsTheExercisesOfItsShardInLabOrder() {
        let exercises = (1...9).map { Exercise(id: "e\($0)", phase: 1, title: "E\($0)") }
        var seen: [String] = []
        for index in 1...4 {
            let chosen = CheckShard(index: index, count: 4).select(exercises, durations: [:]).map(\.id)
            #expect(chosen == chosen.sorted())
            seen += chosen
        }
        #expect(seen.sorted() == exercises.map(\.id).sorted())
    }
}
