import OrchJSON

extension ExpenseCategorizer {
    /// The categories of the `expense_categorizer` tool, in the order ties are broken.
    public static let categories = [
        "food", "beverage", "household", "personal_care", "health",
        "electronics", "clothing", "transport", "fuel", "other",
    ]

    /// One category signal of a word or phrase.
    struct Term: Sendable {
        let category: Int
        let weight: Double
    }

    /// `catalogs/lexicon.json` turned into lookup tables, every key normalized by
    /// `ReceiptText` exactly as item names are.
    struct Lexicon: Sendable {
        /// Single words as written (`bananas` when the lexicon says `bananas`).
        var words: [String: [Term]] = [:]
        /// Single words by stem (`banana` for `bananas`).
        var wordStems: [String: [Term]] = [:]
        /// Phrases by their space-joined stems (`peanut butter`, `paper towel`).
        var phrases: [String: [Term]] = [:]
        /// The same phrases as written, for the exact-hit confidence.
        var phraseSurfaces: Set<String> = []
        var longestPhrase = 1
        /// Receipt abbreviations → the words they stand for (`tp` → `toilet`, `paper`).
        var abbreviations: [String: [String]] = [:]
        /// The further expansions of an ambiguous abbreviation (`tp` → `toothpaste`), tried
        /// when the rest of the name agrees better with one of them.
        var otherExpansions: [String: [[String]]] = [:]
        /// Modifiers, units and noise: matched so they are not guessed at, then dropped.
        var ignored: Set<String> = []
        var ignoredStems: Set<String> = []
        /// Noise of several words (`sugar free`), by space-joined stems.
        var ignoredPhrases: Set<String> = []
        /// Every word the lexicon knows, by stem; a resolved token must land here.
        var knownStems: Set<String> = []
        /// The words the lexicon knows as written that a fuzzy match or a guessed abbreviation
        /// may land on (four letters or more), sorted, by first byte: both keep the first letter.
        var fuzzyCandidates: [UInt8: [String]] = [:]
        /// The unit of a number+unit word (`10mg`, `500ml`) → the category it hints at, used
        /// only when the words of a name say nothing strong (`units` in the lexicon).
        var units: [String: ExpenseCategorizer.Term] = [:]
        /// Words of a shop's name → the category most of what it sells is in (`pharmacy` →
        /// health), for names the words of the item do not explain (`merchants`).
        var merchantWords: [String: ExpenseCategorizer.Term] = [:]
        private var knownWords: Set<String> = []
    }
}

extension ExpenseCategorizer.Lexicon {
    /// Reads the lexicon document; `source` names the file in errors.
    init(json: JSONValue, source: String) throws(LexiconError) {
        func fail(_ path: String, _ message: String) -> LexiconError {
            LexiconError(.invalidLexicon, in: source, at: path, message)
        }
        guard let root = json.objectValue else {
            throw fail("", "A lexicon must be a JSON object with \"categories\", found \(json.shortDescription).")
        }
        guard root["categories"]?.objectValue != nil else {
            throw fail("/categories", "The lexicon needs a \"categories\" object mapping each category to a list of terms.")
        }
        try Self.eachCategoryTerm(in: root, key: "categories", what: "terms", fail: fail) { category, text, weight, _, _ throws(LexiconError) in
            add(text, ExpenseCategorizer.Term(category: category, weight: weight))
        }
        if let table = root["abbreviations"] {
            guard let object = table.objectValue else {
                throw fail("/abbreviations", "\"abbreviations\" must be an object of abbreviation → words, found \(table.shortDescription).")
            }
            for (short, long) in object {
                // One expansion, or a list of them, the usual reading first.
                let texts = long.stringValue.map { [$0] } ?? long.arrayValue?.compactMap(\.stringValue) ?? []
                let expansions = texts.map(ReceiptText.words)
                guard !expansions.isEmpty, expansions.count == (long.arrayValue?.count ?? 1),
                      !expansions.contains(where: \.isEmpty) else {
                    throw fail(JSONPointer(tokens: ["abbreviations", short]).description, "The expansion of '\(short)' must be a non-empty string or a list of them, found \(long.shortDescription).")
                }
                let key = ReceiptText.words(short).joined()
                abbreviations[key] = expansions[0]
                if expansions.count > 1 { otherExpansions[key] = Array(expansions.dropFirst()) }
                for word in expansions.joined() { know(word) }
            }
        }
        if let list = root["ignore"] {
            guard let entries = list.arrayValue else {
                throw fail("/ignore", "\"ignore\" must be an array of words, found \(list.shortDescription).")
            }
            for (i, entry) in entries.enumerated() {
                guard let text = entry.stringValue else {
                    throw fail("/ignore/\(i)", "An ignored word must be a string, found \(entry.shortDescription).")
                }
                let words = ReceiptText.words(text)
                for word in words { know(word) }
                if words.count == 1 {
                    ignored.insert(words[0])
                    ignoredStems.insert(ReceiptText.stem(words[0]))
                } else if !words.isEmpty {
                    // `sugar free` is noise, `sugar` is not.
                    ignoredPhrases.insert(words.map(ReceiptText.stem).joined(separator: " "))
                    longestPhrase = max(longestPhrase, words.count)
                }
            }
        }
        try Self.eachCategoryTerm(in: root, key: "units", what: "units", fail: fail) { category, text, weight, path, entry throws(LexiconError) in
            let unit = ReceiptText.words(text).joined()
            guard !unit.isEmpty, unit.utf8.allSatisfy(ReceiptText.isLetter), unit.utf8.count <= 4 else {
                throw fail(path, "A unit must be one to four letters (mg, ml), found \(entry.shortDescription).")
            }
            units[unit] = ExpenseCategorizer.Term(category: category, weight: weight)
        }
        try Self.eachCategoryTerm(in: root, key: "merchants", what: "shop words", fail: fail) { category, text, weight, path, entry throws(LexiconError) in
            let words = ReceiptText.words(text)
            guard words.count == 1 else {
                throw fail(path, "A shop word must be one word (pharmacy, apotheke), found \(entry.shortDescription).")
            }
            merchantWords[ReceiptText.stem(words[0])] = ExpenseCategorizer.Term(category: category, weight: weight)
        }
        for word in knownWords.sorted() where word.utf8.count >= 4 {
            if let initial = word.utf8.first { fuzzyCandidates[initial, default: []].append(word) }
        }
    }

    /// Reads an optional `{"category": [term, …]}` table (`units`, `merchants`), calling `take`
    /// with each term's category index, text, weight, JSON path and entry; every malformed part
    /// is an error naming its path.
    private static func eachCategoryTerm(
        in root: JSONObject, key: String, what: String, fail: (String, String) -> LexiconError,
        _ take: (Int, String, Double, String, JSONValue) throws(LexiconError) -> Void
    ) throws(LexiconError) {
        guard let table = root[key] else { return }
        guard let object = table.objectValue else {
            throw fail("/\(key)", "\"\(key)\" must be an object of category → \(what), found \(table.shortDescription).")
        }
        for (name, value) in object {
            let path = JSONPointer(tokens: [key, name]).description
            guard let category = ExpenseCategorizer.categories.firstIndex(of: name) else {
                throw fail(path, "'\(name)' is not a category. Use one of \(ExpenseCategorizer.categories.joined(separator: ", ")).")
            }
            guard let entries = value.arrayValue else {
                throw fail(path, "The \(what) of '\(name)' must be an array, found \(value.shortDescription).")
            }
            for (i, entry) in entries.enumerated() {
                let (text, weight) = try term(entry, at: "\(path)/\(i)", fail: fail)
                try take(category, text, weight, "\(path)/\(i)", entry)
            }
        }
    }

    /// A term is `"word or phrase"` or `{"term": "…", "weight": 0.5}`.
    private static func term(
        _ entry: JSONValue, at path: String, fail: (String, String) -> LexiconError
    ) throws(LexiconError) -> (String, Double) {
        if let text = entry.stringValue {
            guard !ReceiptText.words(text).isEmpty else { throw fail(path, "A term must contain a letter or digit, found \(entry.shortDescription).") }
            return (text, 1)
        }
        guard let object = entry.objectValue, let text = object["term"]?.stringValue else {
            throw fail(path, "A term must be a string or an object {\"term\": \"…\", \"weight\": 0.5}, found \(entry.shortDescription).")
        }
        guard !ReceiptText.words(text).isEmpty else { throw fail(path + "/term", "A term must contain a letter or digit, found \(JSONValue.string(text).shortDescription).") }
        guard let given = object["weight"] else { return (text, 1) }
        guard let weight = given.doubleValue, weight > 0, weight <= 10 else {
            throw fail(path + "/weight", "A weight must be a number in (0, 10], found \(given.shortDescription).")
        }
        return (text, weight)
    }

    private mutating func add(_ text: String, _ term: ExpenseCategorizer.Term) {
        let words = ReceiptText.words(text)
        for word in words { know(word) }
        if words.count == 1 {
            self.words[words[0], default: []].append(term)
            wordStems[ReceiptText.stem(words[0]), default: []].append(term)
            return
        }
        phrases[words.map(ReceiptText.stem).joined(separator: " "), default: []].append(term)
        phraseSurfaces.insert(words.joined(separator: " "))
        longestPhrase = max(longestPhrase, words.count)
        // Receipts also print short phrases run together: `TSHIRT`, `PAPERTOWELS`.
        if words.count <= 3 {
            let joined = words.joined()
            wordStems[ReceiptText.stem(joined), default: []].append(term)
            know(joined)
        }
    }

    private mutating func know(_ word: String) {
        knownStems.insert(ReceiptText.stem(word))
        knownWords.insert(word)
    }
}
