extension Collection {
    /// The collection in consecutive slices of at most `size` elements (the last may be shorter); none when empty.
    public func chunks(of size: Int) -> [SubSequence] {
        let size = Swift.max(1, size)
        var out: [SubSequence] = []
        var start = startIndex
        while start != endIndex {
            let end = index(start, offsetBy: size, limitedBy: endIndex) ?? endIndex
            out.append(self[start..<end])
            start = end
        }
        return out
    }
}
