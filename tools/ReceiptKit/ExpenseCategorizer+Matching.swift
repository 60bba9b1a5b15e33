/// Matching: every word of a name is first resolved to words the lexicon knows (with the
/// quality of that reading), then phrases are matched before single words and the matches
/// vote by weight.
extension ExpenseCategorizer {
    /// A word of the name as the lexicon reads it.
    struct Token {
        let surface: String
        let stem: String
        /// 1 for the word as written; lower for an expanded abbreviation, OCR repair or guess.
        let quality: Double
        /// False for a word nothing could resolve; it still counts against the confidence.
        let known: Bool
        /// A modifier or unit (`organic`, `white`): no vote of its own, but part of phrases
        /// (`white wine`, `bottle deposit`).
        var ignored = false
    }

    /// How much a reading is trusted, relative to the word as written.
    enum Quality {
        static let abbreviation = 0.96
        static let ocrRepair = 0.85
        static let fuzzy = 0.78
        static let guessedAbbreviation = 0.74
        static let compound = 0.72
        static let exactPhrase = 0.97
        static let stemPhrase = 0.95
        static let exactWord = 0.95
        static let stemWord = 0.92
    }

    /// The lexicon's reading of one word: nothing for units, numbers and modifiers, several
    /// tokens for an abbreviation of several words (`tp` → `toilet paper`).
    func resolve(_ word: String) -> [Token] {
        if let tokens = resolveExactly(word, quality: 1) { return tokens }
        if ReceiptText.isMeasure(word) { return [] }
        let repairs = ReceiptText.ocrRepairs(word)
        for reading in repairs {
            if let tokens = resolveExactly(reading, quality: Quality.ocrRepair) { return tokens }
        }
        var letters = repairs.first ?? word
        if let run = ReceiptText.leadingLetters(word) {
            if let tokens = resolveExactly(run, quality: 1) { return tokens }
            letters = run
        }
        if let guess = fuzzy(letters) {
            return resolveExactly(guess.word, quality: guess.quality) ?? []
        }
        if let parts = compound(letters) { return parts }
        if let guess = guessAbbreviation(letters) {
            return resolveExactly(guess.word, quality: guess.quality) ?? []
        }
        return [Token(surface: word, stem: ReceiptText.stem(word), quality: 0, known: false)]
    }

    /// Every reading of a word: `resolve(word)`, then the other expansions of an ambiguous
    /// abbreviation (`tp` → `toilet paper` or `toothpaste`).
    func readings(_ word: String) -> [[Token]] {
        let first = resolve(word)
        guard lexicon.words[word] == nil, let others = lexicon.otherExpansions[word] else { return [first] }
        return [first] + others.map { expansion in
            expansion.map { long in
                let stem = ReceiptText.stem(long)
                return Token(surface: long, stem: stem, quality: Quality.abbreviation, known: true,
                             ignored: lexicon.ignored.contains(long) || lexicon.ignoredStems.contains(stem))
            }
        }
    }

    /// Readings that need no guessing: a lexicon word, an abbreviation from the table, an
    /// ignored word, or the stem of a known word. Nil when none applies.
    private func resolveExactly(_ word: String, quality: Double) -> [Token]? {
        let stem = ReceiptText.stem(word)
        if lexicon.words[word] != nil {
            return [Token(surface: word, stem: stem, quality: quality, known: true)]
        }
        if let expansion = lexicon.abbreviations[word] {
            return expansion.map { long in
                let stem = ReceiptText.stem(long)
                return Token(surface: long, stem: stem, quality: quality * Quality.abbreviation, known: true,
                             ignored: lexicon.ignored.contains(long) || lexicon.ignoredStems.contains(stem))
            }
        }
        if lexicon.ignored.contains(word) || lexicon.ignoredStems.contains(stem) {
            return [Token(surface: word, stem: stem, quality: quality, known: true, ignored: true)]
        }
        if lexicon.knownStems.contains(stem) || lexicon.wordStems[stem] != nil {
            return [Token(surface: word, stem: stem, quality: quality, known: true)]
        }
        return nil
    }

    /// A known word one edit away (OCR dropped, added or misread a letter) with the same first
    /// letter, for words of five letters or more (`milkk` → `milk`); shorter words have too many
    /// neighbours. Words with a category are preferred over modifiers.
    private func fuzzy(_ word: String) -> (word: String, quality: Double)? {
        guard word.utf8.count >= 5, let initial = word.utf8.first else { return nil }
        var best: String?
        // The first letter must agree: OCR rarely garbles it, and a first-letter change is how
        // one real word turns into another (`binder` → `kinder`, `pasta` → `basta`).
        for candidate in lexicon.fuzzyCandidates[initial] ?? [] where ReceiptText.withinOneEdit(word, candidate) {
            if lexicon.wordStems[ReceiptText.stem(candidate)] != nil { return (candidate, Quality.fuzzy) }
            best = best ?? candidate
        }
        return best.map { ($0, Quality.fuzzy) }
    }

    /// A compound read as its words (`hafermilch` → `hafer`, `milch`, so that the phrase
    /// `hafer milch` applies), or as its head alone when the rest is unknown (`vollmilch` →
    /// `milch`): compounds put their head last. The rest may end in a linking `s`, `n`, `en`
    /// or `e` (`karottensaft`, `schweinefleisch`).
    private func compound(_ word: String) -> [Token]? {
        guard let head = compoundHead(word),
              let headTokens = resolveExactly(head.word, quality: head.quality) else { return nil }
        let rest = String(decoding: word.utf8.dropLast(head.word.utf8.count), as: UTF8.self)
        var readings = [rest]
        for link in ["s", "n", "en", "e"] where rest.hasSuffix(link) && rest.utf8.count - link.utf8.count >= 3 {
            readings.append(String(decoding: rest.utf8.dropLast(link.utf8.count), as: UTF8.self))
        }
        for reading in readings {
            // The modifier only completes phrases; the head names the thing (`karottensaft`
            // is a juice).
            if var modifier = resolveExactly(reading, quality: Quality.compound), modifier.count == 1 {
                modifier[0].ignored = true
                return modifier + headTokens
            }
        }
        return headTokens
    }

    /// The category word a compound ends with (`vollmilch` → `milch`, `papertowels` →
    /// `towels`). Only for words of seven letters or more, a head of four or more and a rest
    /// of three or more.
    private func compoundHead(_ word: String) -> (word: String, quality: Double)? {
        let bytes = Array(word.utf8)
        guard bytes.count >= 7 else { return nil }
        // Longest head first; only one word of each length can end the compound, so look it up.
        for length in stride(from: bytes.count - 3, through: 4, by: -1) {
            let head = String(decoding: bytes.suffix(length), as: UTF8.self)
            if lexicon.words[head] != nil { return (head, Quality.compound) }
        }
        return nil
    }

    /// A known word `word` abbreviates by dropping vowels or truncating (`crmy` → `creamy`,
    /// `sauv` → `sauvignon`); the shortest such word wins, and a tie between words of
    /// different categories is no answer. A word of four letters or fewer with a vowel in it
    /// is only read as a truncation.
    private func guessAbbreviation(_ word: String) -> (word: String, quality: Double)? {
        let length = word.utf8.count
        guard length >= 3, word.utf8.allSatisfy(ReceiptText.isLetter) else { return nil }
        // A short word with a vowel is a word, not a vowel-less abbreviation (`copy` is not
        // `copay`, `rol` not `roll`); a vowel-less reading must also drop two letters or more.
        let vowels = ReceiptText.vowelCount(word)
        let dropsVowels = vowels == 0 || (vowels == 1 && length >= 5)
        let shortest = dropsVowels ? length + 2 : length + 1
        var best: [String] = []
        var bestLength = Int.max
        // Both readings keep the first letter and are four letters or longer: the fuzzy index.
        guard let initial = word.utf8.first else { return nil }
        for candidate in lexicon.fuzzyCandidates[initial] ?? [] {
            let count = candidate.utf8.count
            guard count >= shortest, count <= bestLength, count <= 3 * length + 1 else { continue }
            let fits = dropsVowels ? ReceiptText.abbreviates(word, candidate)
                : length >= 4 && candidate.hasPrefix(word)
            guard fits else { continue }
            if count < bestLength { best = []; bestLength = count }
            best.append(candidate)
        }
        guard let first = best.first else { return nil }
        let categories = Set(best.map { categorySet(of: $0) })
        return categories.count == 1 ? (first, Quality.guessedAbbreviation) : nil
    }

    private func categorySet(of word: String) -> [Int] {
        (lexicon.wordStems[ReceiptText.stem(word)] ?? []).map(\.category).sorted()
    }

    /// Phrases (longest first) then words, each match adding weight × quality to its
    /// categories; the winner's confidence falls with disagreement and unknown words.
    ///
    /// `hint` (a unit's category) votes like a word of its weight at the quality of a guess.
    /// `strongest` is the largest weight among the winner's matches (0 when nothing matched).
    func vote(_ tokens: [Token], hint: Term? = nil) -> (category: Int, confidence: Double, share: Double, strongest: Double) {
        var scores = [Double](repeating: 0, count: Self.categories.count)
        var qualitySum = [Double](repeating: 0, count: Self.categories.count)
        var strongest = [Double](repeating: 0, count: Self.categories.count)
        // Words that carry meaning: known ones and unknown ones of three letters or more
        // (an unknown `gv` or `c` is more likely a store brand or a stray letter).
        func counts(_ token: Token) -> Bool { !token.ignored && (token.known || token.surface.utf8.count >= 3) }
        let content = tokens.count(where: counts)
        // The head noun: the last word, or in `zumo de naranja`, `succo di mela`, the last
        // word before the first `de`/`di`/`du`/`del`/`della`.
        let connector = tokens.firstIndex { ReceiptText.headConnectors.contains($0.surface) }
        let last = tokens[..<(connector ?? tokens.endIndex)].lastIndex { !$0.ignored } ?? tokens.lastIndex { !$0.ignored }
        var matched = 0
        var i = 0
        func credit(_ terms: [Term], quality: Double, strength: Double) {
            for term in terms {
                let score = term.weight * quality * strength / Double(terms.count)
                scores[term.category] += score
                qualitySum[term.category] += score * quality
                strongest[term.category] = max(strongest[term.category], term.weight)
            }
        }
        scan: while i < tokens.count {
            for length in stride(from: min(lexicon.longestPhrase, tokens.count - i), through: 2, by: -1) {
                let span = tokens[i..<(i + length)]
                let key = span.map(\.stem).joined(separator: " ")
                if lexicon.ignoredPhrases.contains(key) {
                    matched += span.count(where: counts)
                    i += length
                    continue scan
                }
                guard let terms = lexicon.phrases[key] else { continue }
                let exact = lexicon.phraseSurfaces.contains(span.map(\.surface).joined(separator: " "))
                let quality = (span.map(\.quality).min() ?? 1) * (exact ? Quality.exactPhrase : Quality.stemPhrase)
                credit(terms, quality: quality, strength: 1 + Double(length) / 2)
                matched += span.count(where: counts)
                i += length
                continue scan
            }
            let token = tokens[i]
            if token.ignored {
                i += 1
                continue
            }
            // The head noun is a little more likely what the item is (`APPLE JUICE`); this
            // only breaks ties between words of equal weight.
            let strength = i == last ? 1.05 : 1
            if let terms = lexicon.words[token.surface] {
                credit(terms, quality: token.quality * Quality.exactWord, strength: strength)
                matched += 1
            } else if let terms = lexicon.wordStems[token.stem] {
                credit(terms, quality: token.quality * Quality.stemWord, strength: strength)
                matched += 1
            }
            i += 1
        }
        if let hint {
            credit([hint], quality: Quality.guessedAbbreviation, strength: 1)
        }
        let total = scores.reduce(0, +)
        guard total > 0, let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else {
            let other = Self.categories.count - 1
            return (other, content == 0 ? Self.unknownConfidence - 0.05 : Self.unknownConfidence, 0, 0)
        }
        let quality = qualitySum[best] / scores[best]
        let share = scores[best] / total
        let coverage = content == 0 ? 1 : Double(min(matched, content)) / Double(content)
        // Weak words alone (`PREMIUM`, weight 0.4) are less sure than one strong word.
        let evidence = min(1, 0.7 + 0.3 * strongest[best])
        let confidence = quality * (0.5 + 0.5 * share) * (0.85 + 0.15 * coverage) * evidence
        return (best, min(max(confidence, 0.05), 0.99), share, strongest[best])
    }
}
