import OrchJSON

/// Gives receipt line items an expense category (`food`, `beverage`, `household`,
/// `personal_care`, `health`, `electronics`, `clothing`, `transport`, `fuel`, `other`) and a
/// confidence in [0, 1], from the lexicon in `catalogs/lexicon.json`.
///
/// The rules are general rather than a list of known receipts: names are split and stripped of
/// SKUs, prices and units, receipt abbreviations are expanded (`2% MLK`, `BNLS CHKN BRST`),
/// words are stemmed, OCR slips are repaired (`BANANA5`, `M1LK`), phrases win over their words
/// (`dish soap` is household, `soap` personal care) and the remaining words vote by weight.
/// An unknown name is not an error: it is `other` with a low confidence.
public struct ExpenseCategorizer: Sendable {
    let lexicon: Lexicon

    /// The most readings of one name tried for its ambiguous abbreviations.
    static let maxReadings = 8

    /// Confidence of a name nothing in the lexicon matched.
    public static let unknownConfidence = 0.25

    /// The most confidence a category guessed from the shop's name gets.
    public static let shopGuessConfidence = 0.45

    /// Builds a categorizer from a parsed lexicon document (the format is in
    /// `catalogs/lexicon.md`). Throws when a category is unknown or a term is not a string,
    /// naming the JSON path of the entry.
    public init(lexicon: JSONValue) throws(LexiconError) {
        try self.init(lexicon: lexicon, source: "lexicon")
    }

    /// As `init(lexicon:)`, with `source` (a file path) named in errors.
    public init(lexicon: JSONValue, source: String) throws(LexiconError) {
        self.lexicon = try Lexicon(json: lexicon, source: source)
    }

    /// The category and confidence for one item name.
    ///
    /// Confidence is about 0.9–0.99 for an exact phrase or word, lower for stems, expanded
    /// abbreviations, OCR repairs, guesses and weak words (a flavour, a fuel grade), lower
    /// again when words point at different categories or many words are unknown, and
    /// `unknownConfidence` for `other` when nothing matched.
    public func categorize(_ name: String) -> (category: String, confidence: Double) {
        categorize(name, shop: nil)
    }

    /// The category a shop's name suggests for what it sells (`CORNER PHARMACY` → health), from
    /// the lexicon's `merchants` words; nil for a general shop or an unknown name.
    public func shopCategory(_ merchant: String?) -> String? {
        shopTerm(merchant).map { Self.categories[$0.category] }
    }

    func shopTerm(_ merchant: String?) -> Term? {
        guard let merchant else { return nil }
        return ReceiptText.words(merchant).compactMap { lexicon.merchantWords[ReceiptText.stem($0)] }.max { $0.weight < $1.weight }
    }

    /// As ``categorize(_:)``; `shop` (the shop's ``shopTerm(_:)``) decides a name whose words
    /// say nothing at all (`OLLY SLEEP 50CT` in a pharmacy is health), at a guess's confidence.
    func categorize(_ name: String, shop: Term?) -> (category: String, confidence: Double) {
        // An ambiguous abbreviation takes the reading the rest of the name agrees with most
        // (`COLGATE TP` is toothpaste, `TP 12 RL` toilet paper); ties go to the first reading.
        var candidates: [[Token]] = [[]]
        for word in ReceiptText.words(name) {
            let readings = readings(word)
            candidates = candidates.count * readings.count > Self.maxReadings
                ? candidates.map { $0 + readings[0] }
                : candidates.flatMap { prefix in readings.map { prefix + $0 } }
        }
        var best = vote(candidates[0])
        var bestTokens = candidates[0]
        for tokens in candidates.dropFirst() {
            let other = vote(tokens)
            if other.share > best.share + 1e-9 { (best, bestTokens) = (other, tokens) }
        }
        // Only weak words (a flavour) or none at all: a unit may say more. Drinks are sold by
        // the millilitre and medicines by the milligram (`ORANGE 500ML`, `ZYXAL 5MG`). A unit
        // weaker than 1 speaks only beside a weak word: millilitres alone are as likely a
        // shampoo or a dish soap as a drink.
        if best.strongest < 1, let hint = unitHint(name), best.strongest > 0 || hint.weight >= 1 {
            let hinted = vote(bestTokens, hint: hint)
            if hinted.category != best.category { best = hinted }
        }
        if best.strongest == 0, let shop {
            // Nothing in the name matched: what the shop mostly sells is the best guess.
            let guessed = vote(bestTokens, hint: shop)
            best = (guessed.category, min(guessed.confidence, Self.shopGuessConfidence), guessed.share, guessed.strongest)
        }
        return (Self.categories[best.category], (best.confidence * 100).rounded() / 100)
    }

    /// The strongest unit hint among the name's number+unit words, if the lexicon has one.
    private func unitHint(_ name: String) -> Term? {
        ReceiptText.words(name).compactMap { ReceiptText.measureUnit($0).flatMap { lexicon.units[$0] } }
            .max { $0.weight < $1.weight }
    }

    /// The items with `category` and `confidence` added; every other member passes through
    /// unchanged, and a `category` or `confidence` already present is replaced.
    ///
    /// An element that is not an object is returned as it is; an object without a string
    /// `name` gets `other` with confidence 0. Neither is an error here: the tool's input
    /// schema rejects them before this runs.
    ///
    /// `merchant` (the shop's name, as the parser read it) helps with names the lexicon does
    /// not know: in a shop whose name says what it sells (`pharmacy`, `pet`, `liquor`), such
    /// an item gets that category at confidence ``shopGuessConfidence`` or less.
    public func categorize(items: [JSONValue], merchant: String? = nil) -> [JSONValue] {
        let shop = shopTerm(merchant)
        return items.map { item in
            guard var object = item.objectValue else { return item }
            let (category, confidence) = object["name"]?.stringValue.map { categorize($0, shop: shop) } ?? ("other", 0)
            object["category"] = .string(category)
            object["confidence"] = .double(confidence)
            return .object(object)
        }
    }
}
