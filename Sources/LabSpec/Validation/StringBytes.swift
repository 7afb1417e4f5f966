extension String {
    /// Whether every UTF-8 byte of the text satisfies `predicate`. Read on the contiguous bytes
    /// where the text has them: walking `String.UTF8View` costs tens of instructions a byte.
    func allUTF8(_ predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? utf8.allSatisfy(predicate)
    }
}
