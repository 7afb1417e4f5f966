#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The keys a mapping of `lab.yml` may have, in the order suggestions are tried, and those it must
/// have. Keys are found by their scalar fingerprint in a small open-addressing table, and the keys
/// that one mapping has fit in the bits of a `UInt64`.
///
/// A class: every `Fields` holds its set, and one reference is cheaper to copy than four arrays.
final class KeySet: Sendable, ExpressibleByArrayLiteral {
    /// The keys as the schema writes them.
    let literals: [StaticString]
    /// The same as text: for suggestions, and to confirm a key of the file.
    let names: [String]
    let fingerprints: [UInt64]
    /// Slots picked by the top bits of a fingerprint, each the position of a key plus one, or 0.
    private let table: [UInt8]
    /// The position of `id`, whose value `Fields.idMark` locates; -1 when the set has none.
    let idPosition: Int
    /// The positions of the keys a mapping must have, in the order they are reported missing.
    let required: [Int]
    /// The same as bits, so that a mapping with all of them is checked with one comparison.
    let requiredMask: UInt64

    private static let tableBits: UInt64 = 7

    init(_ literals: [StaticString], required: [StaticString] = []) {
        precondition(literals.count <= 64, "a key set has at most 64 keys")
        self.literals = literals
        names = literals.map(\.description)
        let fingerprints = literals.map { $0.withUTF8Buffer { YAMLScalar.fingerprint(UnsafeRawBufferPointer($0)) } }
        self.fingerprints = fingerprints
        var table = [UInt8](repeating: 0, count: 1 << Self.tableBits)
        for (position, fingerprint) in fingerprints.enumerated() {
            var slot = Self.slot(fingerprint)
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = UInt8(position + 1)
        }
        self.table = table
        idPosition = names.firstIndex(of: "id") ?? -1
        let names = names
        self.required = required.map { key in
            guard let position = names.firstIndex(of: key.description) else { preconditionFailure("a required key is one of the set") }
            return position
        }
        requiredMask = self.required.reduce(0) { $0 | 1 << UInt64($1) }
    }

    convenience init(arrayLiteral literals: StaticString...) {
        self.init(literals)
    }

    private static func slot(_ fingerprint: UInt64) -> Int {
        Int(truncatingIfNeeded: fingerprint >> (64 - tableBits))
    }

    /// The position of the key whose fingerprint is `fingerprint`, confirmed by `isKey`.
    private func position(fingerprint: UInt64, isKey: (Int) -> Bool) -> Int? {
        var slot = Self.slot(fingerprint)
        while table[slot] != 0 {
            let position = Int(table[slot]) - 1
            if fingerprints[position] == fingerprint && isKey(position) { return position }
            slot = (slot + 1) & (table.count - 1)
        }
        return nil
    }

    /// The position of a key of the file: its text, and that text's fingerprint.
    func position(fingerprint: UInt64, text: String) -> Int? {
        position(fingerprint: fingerprint) { names[$0] == text }
    }

    /// The position of a key the decoder asks for.
    func position(of key: StaticString) -> Int? {
        key.withUTF8Buffer { position(ofUTF8: $0, fingerprint: YAMLScalar.fingerprint(UnsafeRawBufferPointer($0))) }
    }

    /// The position of the key whose bytes are `bytes` and whose fingerprint is `fingerprint`.
    func position(ofUTF8 bytes: UnsafeBufferPointer<UInt8>, fingerprint: UInt64) -> Int? {
        position(fingerprint: fingerprint) { position in
            literals[position].withUTF8Buffer { name in
                guard name.count == bytes.count, let nameStart = name.baseAddress, let keyStart = bytes.baseAddress else {
                    return name.count == bytes.count
                }
                return memcmp(nameStart, keyStart, bytes.count) == 0
            }
        }
    }

    /// One of 64 bits picked by a fingerprint: a mapping's keys set theirs in `Fields.filter`.
    static func filterBit(_ fingerprint: UInt64) -> UInt64 {
        1 << (fingerprint >> 58)
    }

    /// The bits of the named keys.
    func mask(_ keys: [StaticString]) -> UInt64 {
        keys.reduce(0) { mask, key in position(of: key).map { mask | 1 << UInt64($0) } ?? mask }
    }
}
