import OrchPlan

extension LineItemParser {
    /// A price whose decimal point OCR lost: `SPRING WATER 24PK 499A`.
    ///
    /// `499` is not read as 4.99 on its own: it could be a code or a count. It is kept aside, and
    /// used only when the items fall short of the printed subtotal by exactly that many cents,
    /// which confirms the reading (see ``ReceiptAssembler/finish()``).
    struct UndottedPrice {
        /// The name printed before the number.
        var name: String
        /// The digits read as cents: 499 for `499`.
        var cents: Int64
        /// Where the item belongs in the item list.
        var position: Int

        /// The cents of `token` when it is 3 to 7 digits, optionally followed by a tax flag
        /// (`499`, `121A`); `nil` otherwise.
        static func cents(in token: Substring) -> Int64? {
            var digits = token
            if let last = digits.last, last.isUppercase, digits.count > 3 { digits = digits.dropLast() }
            guard (3...7).contains(digits.count), digits.allSatisfy({ $0.isASCIIDigit }) else { return nil }
            return Int64(digits)
        }

        /// The undotted price at the end of `line`, when the words before it name something.
        static func at(end line: ReceiptLine, position: Int) -> UndottedPrice? {
            guard line.amount == nil, line.words.count >= 2, let last = line.words.last,
                  let cents = cents(in: last) else { return nil }
            let name = ItemName.clean(Array(line.words.dropLast()))
            guard name.count(where: \.isLetter) >= 2 else { return nil }
            return UndottedPrice(name: name, cents: cents, position: position)
        }
    }
}
