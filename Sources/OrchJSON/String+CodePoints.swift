extension String {
    /// Whether two strings have the same Unicode code points — what JSON means by equal
    /// strings. `String ==` instead follows canonical equivalence (`"\u{E9}" == "e\u{301}"`).
    ///
    /// Compares the UTF-8 bytes in place; on the hot path of every object lookup.
    @inlinable
    public func hasSameCodePoints(as other: String) -> Bool {
        let count = utf8.count
        guard count == other.utf8.count else { return false }
        let fast: Bool? = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                var i = 0
                while i < count {
                    if a[i] != b[i] { return false }
                    i += 1
                }
                return true
            }
        } ?? nil
        return fast ?? utf8.elementsEqual(other.utf8)
    }
}
