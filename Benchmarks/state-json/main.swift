// A/B of the state file's JSON: the project's own reader and writer (JSONParser, JSONValue,
// compiled in from Sources/LabKit/State) against Foundation's JSONDecoder and JSONEncoder, on a
// state of 200 exercises and 4,000 file stamps — the size of the up-to-date benchmark's.
import Foundation

struct Stamp: Codable { var size: Int64; var mtime: Int64; var ctime: Int64; var inode: UInt64; var sha256: String }
struct Record: Codable { var result: String; var at: String; var duration: Double; var fingerprint: String? }
struct State: Codable { var version: Int; var exercises: [String: Record]; var files: [String: Stamp] }

var state = State(version: 1, exercises: [:], files: [:])
for index in 0..<200 {
    state.exercises["exercise-\(index)"] = Record(
        result: "passed", at: "2026-11-26T15:04:05Z", duration: 0.012, fingerprint: String(repeating: "ab", count: 32))
}
for index in 0..<4000 {
    state.files["src/p\(index / 400)/q\(index / 40 % 10)/file-\(index).txt"] = Stamp(
        size: 1234, mtime: 1_764_161_045_123_456_789, ctime: 1_764_161_045_123_456_789, inode: 123_456_789 + UInt64(index),
        sha256: String(repeating: "cd", count: 32))
}

func value(_ state: State) -> JSONValue {
    .object([
        ("version", .integer(state.version)),
        ("exercises", .object(state.exercises.sorted { $0.key < $1.key }.map { id, record in
            (id, .object([("result", .string(record.result)), ("at", .string(record.at)), ("duration", .number(record.duration)),
                          ("fingerprint", .optional(record.fingerprint))]))
        })),
        ("files", .object(state.files.sorted { $0.key < $1.key }.map { path, stamp in
            (path, .object([("size", .integer(Int(stamp.size))), ("mtime", .integer(Int(stamp.mtime))), ("ctime", .integer(Int(stamp.ctime))),
                            ("inode", .integer(Int(stamp.inode))), ("sha256", .string(stamp.sha256))]))
        })),
    ])
}

func ownRead(_ bytes: [UInt8]) -> Int {
    guard let json = try? JSONParser.parse(bytes), let files = json["files"]?.objectEntries else { return 0 }
    var count = 0
    for (_, entry) in files where entry["sha256"]?.stringValue != nil && entry["size"]?.intValue != nil { count += 1 }
    for (_, entry) in json["exercises"]?.objectEntries ?? [] where entry["result"]?.stringValue != nil { count += 1 }
    return count
}

func median(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    return times.sorted()[runs / 2]
}

let ownText = Array(value(state).rendered(indent: 1).utf8)
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let foundationText = try encoder.encode(state)
var sink = 0
let runs = 31
let ownWrite = median(runs) { sink &+= value(state).rendered(indent: 1).utf8.count }
let foundationWrite = median(runs) { sink &+= ((try? encoder.encode(state))?.count ?? 0) }
let ownParse = median(runs) { sink &+= ownRead(ownText) }
let foundationParse = median(runs) { sink &+= ((try? JSONDecoder().decode(State.self, from: foundationText))?.files.count ?? 0) }
print("| state of 200 exercises, 4,000 files (\(ownText.count / 1024) KiB) | project's own | Foundation | ratio |")
print("|---|---:|---:|---:|")
print("| read (parse into values) | \(String(format: "%.2f", ownParse)) ms | \(String(format: "%.2f", foundationParse)) ms | \(String(format: "%.1f", foundationParse / ownParse))× |")
print("| write (render) | \(String(format: "%.2f", ownWrite)) ms | \(String(format: "%.2f", foundationWrite)) ms | \(String(format: "%.1f", foundationWrite / ownWrite))× |")
if sink == 42 { print("") }
