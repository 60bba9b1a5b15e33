import Foundation
import OrchJSON
@testable import ReceiptKit
import Testing

/// `ExpenseCategorizer` with the real `catalogs/lexicon.json`: abbreviations, stems, phrases,
/// OCR noise, confidence, pass-through, lexicon errors and accuracy on held-out names.
@Suite struct ExpenseCategorizerTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lexiconPath = repository.appendingPathComponent("catalogs/lexicon.json").path
    static let categorizer: ExpenseCategorizer? = try? ExpenseCategorizer.load(path: lexiconPath)

    func categorizer() throws -> ExpenseCategorizer {
        try #require(Self.categorizer, "catalogs/lexicon.json must load")
    }

    @Test func loadsTheRepositoryLexicon() throws {
        let loaded = try ExpenseCategorizer.load(path: Self.lexiconPath)
        for category in ExpenseCategorizer.categories where category != "other" {
            let terms = loaded.lexicon.words.values.joined().filter { ExpenseCategorizer.categories[$0.category] == category }
            #expect(terms.count >= 20, "\(category) has only \(terms.count) words")
        }
        #expect(loaded.lexicon.abbreviations["mlk"] == ["milk"])
        #expect(loaded.lexicon.abbreviations["tp"] == ["toilet", "paper"])
        #expect(loaded.lexicon.otherExpansions["tp"] == [["toothpaste"]])
    }

    @Test(arguments: [
        ("ORG BANANAS", "food"), ("2% MLK", "food"), ("BNLS CHKN BRST", "food"),
        ("PPR TWL 6PK", "household"), ("TP 12 RL", "household"), ("GRD BF 80/20", "food"),
        ("UNL REG", "fuel"), ("BTL DEP", "beverage"), ("CRV", "beverage"), ("TYLENOL EX STR", "health"),
    ])
    func expandsReceiptAbbreviations(name: String, category: String) throws {
        let result = try categorizer().categorize(name)
        #expect(result.category == category, "\(name)")
        #expect(result.confidence >= 0.8, "\(name): \(result.confidence)")
    }

    @Test(arguments: [
        ("BERRY", "food"), ("BERRIES", "food"), ("TOOTHPASTES", "personal_care"), ("SHOE", "clothing"),
        ("SHOES", "clothing"), ("SLICED HAM", "food"), ("CHARGERS", "electronics"), ("BATTERY", "electronics"),
    ])
    func matchesStemsAndPlurals(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category, "\(name)")
    }

    @Test func stemsMeetAcrossInflections() {
        #expect(ReceiptText.stem("berries") == ReceiptText.stem("berry"))
        #expect(ReceiptText.stem("cookies") == ReceiptText.stem("cookie"))
        #expect(ReceiptText.stem("sliced") == ReceiptText.stem("slice"))
        #expect(ReceiptText.stem("shredded") == ReceiptText.stem("shred"))
        #expect(ReceiptText.stem("tomatoes") == ReceiptText.stem("tomato"))
        #expect(ReceiptText.stem("boxes") == ReceiptText.stem("box"))
        #expect(ReceiptText.stem("hummus") == "hummus")
    }

    @Test(arguments: [
        ("SOAP", "personal_care"), ("DISH SOAP", "household"), ("HAND SOAP", "personal_care"),
        ("BUTTER", "food"), ("PEANUT BUTTER", "food"), ("PAPER TOWELS", "household"),
        ("PAPERTOWELS", "household"), ("CAT FOOD", "household"), ("GIFT CARD", "other"),
        ("APPLE JUICE", "beverage"), ("HOT DOG BUNS", "food"), ("HOT CHOCOLATE", "beverage"),
        ("MOTOR OIL", "transport"), ("OLIVE OIL", "food"), ("WHITE WINE", "beverage"),
    ])
    func phrasesOverrideWords(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category, "\(name)")
    }

    @Test(arguments: [
        ("BANANA5", "food"), ("M1LK", "food"), ("SHAMP0O", "personal_care"), ("SHAMPO", "personal_care"),
        ("MILKK", "food"), ("T00THPASTE", "personal_care"), ("DIESL", "fuel"),
    ])
    func repairsOCRNoise(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category, "\(name)")
    }

    /// Guesses must not turn one real word into another: a fuzzy match keeps the first letter
    /// (`BINDER` is not `kinder`), and a short word with a vowel is no vowel-less abbreviation
    /// (`COPY` is not `copay`, `ROL` not `roll`).
    @Test(arguments: [
        ("BINDER 2IN", "other"), ("COPY PAPER 500SH", "other"), ("WC PAPIER 8 ROL", "household"),
        ("MILKK", "food"), ("BNLS CHKN", "food"),
    ])
    func guessesNeverTurnOneWordIntoAnother(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category)
    }

    /// An abbreviation with several expansions takes the one the rest of the name agrees with.
    @Test(arguments: [("COLGATE TP 4OZ", "personal_care"), ("TP 12 RL", "household"), ("CHARMIN TP", "household")])
    func readsAnAmbiguousAbbreviationByItsNeighbours(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category)
    }

    /// Compounds are read as modifier + head (`hafer milch` is a phrase), linking letters
    /// allowed, and the head names the thing; Romance names put the head first.
    @Test(arguments: [
        ("HAFERMILCH", "beverage"), ("KAROTTENSAFT", "beverage"), ("VOLLMILCH", "food"),
        ("ZUMO DE NARANJA", "beverage"), ("ZUMO DE MANZANA", "beverage"), ("TOMATO PLANT 4IN", "other"),
        ("POTTING SOIL", "household"), ("WINDSHIELD FLUID", "transport"),
    ])
    func findsTheHeadOfCompoundsAndPhrases(name: String, category: String) throws {
        #expect(try categorizer().categorize(name).category == category)
    }

    @Test func stripsCodesPricesAndUnits() throws {
        let c = try categorizer()
        let plain = c.categorize("BANANAS")
        let noisy = c.categorize("4011 BANANAS 2.14 LB @ 0.58/LB 1.24")
        #expect(noisy.category == "food")
        #expect(noisy.confidence == plain.confidence)
        #expect(c.categorize("SPF30 LOTION").category == "personal_care")
    }

    @Test(arguments: ["XJQZ 4471", "12345", "", "  ", "@ 1.99", "QWRTY ZXCVB"])
    func unknownNamesAreOtherWithLowConfidence(name: String) throws {
        let result = try categorizer().categorize(name)
        #expect(result.category == "other")
        #expect(result.confidence <= 0.3)
    }

    @Test func confidenceFollowsTheKindOfMatch() throws {
        let c = try categorizer()
        let phrase = c.categorize("PEANUT BUTTER").confidence
        let exact = c.categorize("BANANAS").confidence
        let abbreviation = c.categorize("MLK").confidence
        let ocr = c.categorize("BANANA5").confidence
        let fuzzy = c.categorize("BANANNAS").confidence
        let unknown = c.categorize("XJQZ").confidence
        #expect(phrase >= 0.9 && exact >= 0.9)
        #expect(phrase >= exact)
        #expect(exact > abbreviation)
        #expect(abbreviation > ocr)
        #expect(ocr > fuzzy)
        #expect(fuzzy > unknown)
        #expect(c.categorize("SHAMPOO").confidence > c.categorize("SHAMPO").confidence)
    }

    @Test func disagreementAndUnknownWordsLowerConfidence() throws {
        let c = try categorizer()
        #expect(c.categorize("MILK SHAMPOO").confidence < c.categorize("SHAMPOO").confidence)
        #expect(c.categorize("ZORBLAX SHAMPOO").confidence < c.categorize("SHAMPOO").confidence)
    }

    @Test func addsCategoryAndConfidenceAndPassesOtherMembersThrough() throws {
        let c = try categorizer()
        let items: [JSONValue] = [
            ["name": "2% MLK", "quantity": 2, "unit_price": 3.49, "total": 6.98, "sku": "0001234", "tags": ["dairy"]],
            ["name": "DISH SOAP", "category": "food", "confidence": 0.1],
            ["name": "XJQZ"],
            ["quantity": 1],
            "not an item",
        ]
        let out = c.categorize(items: items)
        #expect(out.count == items.count)
        #expect(out[0]["category"] == "food")
        #expect(out[0]["quantity"] == 2)
        #expect(out[0]["unit_price"] == 3.49)
        #expect(out[0]["total"] == 6.98)
        #expect(out[0]["sku"] == "0001234")
        #expect(out[0]["tags"] == ["dairy"])
        #expect(out[0].objectValue?.keys == ["name", "quantity", "unit_price", "total", "sku", "tags", "category", "confidence"])
        let confidence = try #require(out[0]["confidence"]?.doubleValue)
        #expect(confidence > 0 && confidence <= 1)
        #expect(out[1]["category"] == "household")
        #expect(out[1]["confidence"] != 0.1)
        #expect(out[2]["category"] == "other")
        #expect(out[3]["category"] == "other")
        #expect(out[3]["confidence"] == 0)
        #expect(out[4] == "not an item")
    }

    @Test(arguments: [
        // A unit speaks only when the words say nothing strong.
        ("ORANGE 500ML", "beverage"), ("ZYXAL 5MG", "health"), ("KRILL OMEGA 1000MG", "health"), ("VANILLA 330ML", "beverage"),
        ("OLIVE OIL 500ML", "food"), ("SHAMPOO 400ML", "personal_care"), ("ORANGE 1KG", "food"), ("XJQZ 4471", "other"),
        // Millilitres alone say nothing: a lotion or a dish soap is sold by the millilitre too.
        ("QWERTZ 300ML", "other"),
    ])
    func aUnitHintsAtTheCategoryOfAnOtherwiseWeakName(name: String, category: String) throws {
        let result = try categorizer().categorize(name)
        #expect(result.category == category, "\(name): \(result)")
    }

    @Test(arguments: [
        ("DOG SHAMPOO 16OZ", "household"), ("CAT TREATS SALMON", "household"), ("PURINA ONE CHKN 16LB", "household"),
        ("PUPPY PADS 50CT", "household"), ("HOT DOG BUNS", "food"), ("CORN DOGS 6CT", "food"), ("CATFISH FILLET", "food"),
        ("CAT6 ETHERNET CABLE", "electronics"), ("CAT EYE SUNGLASSES", "clothing"),
    ])
    func aPetWordOutweighsTheProductItQualifies(name: String, category: String) throws {
        let result = try categorizer().categorize(name)
        #expect(result.category == category, "\(name): \(result)")
    }

    @Test func theShopDecidesOnlyNamesNothingMatched() throws {
        let categorizer = try categorizer()
        func categorized(_ names: [String], at merchant: String?) -> [(String, Double)] {
            categorizer.categorize(items: names.map { ["name": .string($0)] }, merchant: merchant)
                .map { ($0["category"]?.stringValue ?? "", $0["confidence"]?.doubleValue ?? -1) }
        }
        let names = ["QWZX SLEEP 50CT", "MILK 1 GAL"]
        let pharmacy = categorized(names, at: "CORNER PHARMACY")
        #expect(pharmacy[0].0 == "health" && pharmacy[0].1 <= ExpenseCategorizer.shopGuessConfidence && pharmacy[0].1 > 0.25, "\(pharmacy)")
        #expect(pharmacy[1].0 == "food", "a name that matched keeps its own category: \(pharmacy)")
        #expect(categorized(names, at: nil)[0] == ("other", 0.25))
        #expect(categorized(names, at: "SMITH & SONS")[0] == ("other", 0.25), "a shop name that says nothing changes nothing")
        #expect(categorized(names, at: "HAPPY PAWS PET SUPPLY")[0].0 == "household")
        #expect(categorizer.shopCategory("TECH MARKET") == "electronics", "a specialty word outweighs a general one")
        #expect(categorizer.shopCategory("RHEIN MARKT") == "food")
        #expect(categorizer.shopCategory(nil) == nil)
    }

    @Test func rejectsMalformedLexicons() throws {
        func error(_ json: JSONValue) -> LexiconError? {
            do { _ = try ExpenseCategorizer(lexicon: json); return nil } catch { return error }
        }
        let unknown = error(["categories": ["food": ["bread"], "snacks": ["chips"]]])
        #expect(unknown?.code == .invalidLexicon)
        #expect(unknown?.path == "/categories/snacks")
        #expect(unknown?.message.contains("'snacks' is not a category") == true)
        #expect(unknown?.description.hasPrefix("lexicon at /categories/snacks: ") == true)

        let nonString = error(["categories": ["food": ["bread", 3]]])
        #expect(nonString?.path == "/categories/food/1")
        #expect(nonString?.message.contains("the number 3") == true)

        #expect(error(["categories": ["food": "bread"]])?.path == "/categories/food")
        #expect(error(["categories": ["food": [["term": "bread", "weight": -1]]]])?.path == "/categories/food/0/weight")
        #expect(error(["categories": ["food": [["weight": 1]]]])?.path == "/categories/food/0")
        #expect(error(["categories": ["food": ["bread"]], "abbreviations": ["mlk": 1]])?.path == "/abbreviations/mlk")
        #expect(error(["categories": ["food": ["bread"]], "abbreviations": ["tp": ["toilet paper", 2]]])?.path == "/abbreviations/tp")
        #expect(error(["categories": ["food": ["bread"]], "abbreviations": ["tp": []]])?.path == "/abbreviations/tp")
        #expect(error(["categories": ["food": ["bread"]], "ignore": ["oz", false]])?.path == "/ignore/1")
        #expect(error(["categories": ["food": ["bread"]], "units": ["drinks": ["ml"]]])?.path == "/units/drinks")
        #expect(error(["categories": ["food": ["bread"]], "units": ["beverage": ["millilitres"]]])?.path == "/units/beverage/0")
        #expect(error(["categories": ["food": ["bread"]], "units": ["beverage": "ml"]])?.path == "/units/beverage")
        #expect(error(["categories": ["food": ["bread"]], "merchants": ["health": ["drug store"]]])?.path == "/merchants/health/0")
        #expect(error(["categories": ["food": ["bread"]], "merchants": ["pharmacy": ["apotheke"]]])?.path == "/merchants/pharmacy")
        #expect(error(["terms": []])?.path == "/categories")
        #expect(error([1, 2])?.path == "")
        #expect(error(["categories": ["food": ["bread"]]]) == nil)
    }

    @Test func namesTheFileOfAnUnreadableOrInvalidLexicon() throws {
        let missing = "/nonexistent/catalogs/lexicon.json"
        #expect(throws: LexiconError.self) { try ExpenseCategorizer.load(path: missing) }
        do {
            _ = try ExpenseCategorizer.load(path: missing)
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.source == missing)
            #expect(error.message == "The lexicon file does not exist.", "\(error.message)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            _ = try ExpenseCategorizer.load(path: directory.path)
            Issue.record("a directory loaded as a lexicon")
        } catch {
            #expect(error.code == .unreadable)
            #expect(error.message.contains("not a regular file"), "\(error.message)")
        }
        let broken = directory.appendingPathComponent("lexicon.json")
        try Data("{\"categories\": {\"food\": [\"bread\",]}}".utf8).write(to: broken)
        do {
            _ = try ExpenseCategorizer.load(path: broken.path)
            Issue.record("an invalid lexicon loaded")
        } catch {
            #expect(error.code == .invalidJSON)
            #expect(error.source == broken.path)
        }
        let wrong = directory.appendingPathComponent("wrong.json")
        try Data("{\"categories\": {\"snacks\": [\"chips\"]}}".utf8).write(to: wrong)
        do {
            _ = try ExpenseCategorizer.load(path: wrong.path)
            Issue.record("a lexicon with an unknown category loaded")
        } catch {
            #expect(error.description.hasPrefix("\(wrong.path) at /categories/snacks: "))
        }
    }

    @Test func findsTheLexiconAboveTheWorkingDirectoryOrExecutable() throws {
        guard ProcessInfo.processInfo.environment["ORCH_LEXICON"] == nil else { return }
        let found = ExpenseCategorizer.findLexicon()
        let path = try #require(found.path, "searched \(found.searched)")
        #expect(path.hasSuffix("/catalogs/lexicon.json"))
        #expect(found.searched.last == path)
        #expect(ExpenseCategorizer.parentDirectory(of: "/a/b/") == "/a")
        #expect(ExpenseCategorizer.parentDirectory(of: "/a") == "/")
        #expect(ExpenseCategorizer.parentDirectory(of: "/") == nil)
    }

    /// The held-out list was written before the lexicon was tuned: it estimates accuracy on
    /// receipts the lexicon has never seen. The issue asks for at least 90 %.
    @Test func categorizesHeldOutReceiptNamesAccurately() throws {
        let c = try categorizer()
        let url = Self.repository.appendingPathComponent("Tests/Fixtures/receipts/category-check.json")
        let fixture = try JSONParser().parse(Array(try Data(contentsOf: url)))
        let items = try #require(fixture["items"]?.arrayValue)
        #expect(items.count >= 150)
        var correct = 0
        var misses: [String] = []
        for item in items {
            let name = try #require(item["name"]?.stringValue)
            let truth = try #require(item["category"]?.stringValue)
            #expect(ExpenseCategorizer.categories.contains(truth), "\(name): \(truth)")
            let result = c.categorize(name)
            #expect(result.confidence >= 0 && result.confidence <= 1)
            if result.category == truth {
                correct += 1
            } else {
                misses.append("\(name): \(result.category) (\(result.confidence)), expected \(truth)")
            }
        }
        let accuracy = Double(correct) / Double(items.count)
        print("expense categorizer accuracy: \(correct)/\(items.count) = \(accuracy)")
        for miss in misses { print("  miss: " + miss) }
        #expect(accuracy >= 0.9, "misses: \(misses.joined(separator: "; "))")
    }

    /// The whole pipeline on the fixture receipts: the parser's items from ocr/*.txt,
    /// categorized, against the category of the truth item with the same normalized name.
    @Test func categorizesTheParsedItemsOfTheFixtureReceipts() throws {
        let c = try categorizer()
        let fixtures = Self.repository.appendingPathComponent("Tests/Fixtures/receipts")
        let ocr = fixtures.appendingPathComponent("ocr")
        let names = try FileManager.default.contentsOfDirectory(atPath: ocr.path).filter { $0.hasSuffix(".txt") }.sorted()
        try #require(names.count >= 24)
        var correct = 0, total = 0
        var misses: [String] = []
        for name in names {
            let text = try String(contentsOf: ocr.appendingPathComponent(name), encoding: .utf8)
            let truthURL = fixtures.appendingPathComponent(String(name.dropLast(4)) + ".json")
            let truth = try JSONParser().parse(Array(try Data(contentsOf: truthURL)))
            var categories: [String: String] = [:]
            for item in truth["items"]?.arrayValue ?? [] {
                if let n = item["name"]?.stringValue, let cat = item["category"]?.stringValue { categories[LineItemParserFixtureTests.normalized(n)] = cat }
            }
            for item in LineItemParser().parse(text, currencyHint: nil).items {
                guard let expected = categories[LineItemParserFixtureTests.normalized(item.name)] else { continue }
                total += 1
                let result = c.categorize(item.name)
                if result.category == expected { correct += 1 } else {
                    misses.append("\(item.name): \(result.category) (\(result.confidence)), expected \(expected)")
                }
            }
        }
        let accuracy = Double(correct) / Double(max(total, 1))
        print("pipeline category accuracy on fixture receipts: \(correct)/\(total) = \(accuracy)")
        for miss in misses { print("  miss: " + miss) }
        #expect(total >= 120)
        #expect(accuracy >= 0.9, "misses: \(misses.joined(separator: "; "))")
    }
}
