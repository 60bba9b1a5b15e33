import OrchJSON
import OrchPlan
import Testing

private func money(_ text: String) throws -> Money {
    try Money.parse(try JSONValue(parsing: text), field: "amount")
}

private func cents(_ cents: Int64) throws -> Money {
    try #require(Money(cents: cents))
}

private func parseError(_ value: JSONValue) -> String? {
    do {
        _ = try Money.parse(value, field: "amount")
        return nil
    } catch {
        return error.message
    }
}

private let range = "-9999999999999.99 to 9999999999999.99"

@Suite("Money")
struct MoneyTests {
    @Test func addsTenthsExactly() throws {
        #expect(0.1 + 0.2 != 0.3, "the double sum is inexact, which is why Money exists")
        let sum = try money("0.1") + money("0.2")
        #expect(sum.cents == 30)
        #expect(sum == (try money("0.3")))
        #expect(sum.description == "0.30")
        #expect(JSONWriter.string(sum.json) == "0.3")
    }

    @Test(arguments: [
        ("1.005", 101), ("-1.005", -101), ("2.675", 268), ("-2.675", -268),
        ("0.005", 1), ("-0.005", -1), ("0.004", 0), ("-0.004", 0), ("0.125", 13), ("-0.125", -13),
        ("1.0049999", 100), ("21.64", 2164), ("5", 500), ("-5", -500), ("1e3", 100_000), ("1e-05", 0),
        ("1e-300", 0), ("0", 0), ("-0.0", 0), ("9999999999999.99", 999_999_999_999_999),
    ] as [(String, Int64)])
    func readsTheDecimalTextAndRoundsHalfAwayFromZero(_ text: String, _ expected: Int64) throws {
        #expect(try money(text).cents == expected)
    }

    @Test(arguments: [
        ("1.15", 0.5, 58), ("-1.15", 0.5, -58), ("21.64", 0.08, 173), ("10", 0.0825, 83), ("-10", 0.0825, -83),
        ("0.01", 0.5, 1), ("-0.01", 0.5, -1), ("19.99", 0.15, 300), ("100", 1e-05, 0), ("3.33", 0.333, 111),
        ("12.34", 0, 0), ("12.34", 1, 1234), ("0.1", 3, 30),
    ] as [(String, Double, Int64)])
    func multipliesByARateExactlyThenRoundsOnce(_ amount: String, _ rate: Double, _ expected: Int64) throws {
        #expect(try money(amount).multiplied(by: rate).cents == expected)
    }

    @Test(arguments: [
        ("19.99", 15.0, 300), ("1.15", 50, 58), ("-1.15", 50, -58), ("100", 100, 10_000), ("100", 0, 0),
        ("0.01", 12.5, 0), ("0.04", 12.5, 1), ("33.33", 33.333, 1111),
    ] as [(String, Double, Int64)])
    func takesAPercentageExactly(_ amount: String, _ percent: Double, _ expected: Int64) throws {
        #expect(try money(amount).percent(percent).cents == expected)
    }

    @Test(arguments: [
        (1000, 3, 333), (1001, 2, 501), (-1001, 2, -501), (5, 2, 3), (-5, 2, -3), (1, 3, 0), (2, 3, 1), (-2, 3, -1),
        (0, 7, 0), (999_999_999_999_999, 1, 999_999_999_999_999), (999_999_999_999_999, 2, 500_000_000_000_000),
    ] as [(Int64, Int, Int64)])
    func dividesForAMeanRoundingHalfAwayFromZero(_ total: Int64, _ count: Int, _ expected: Int64) throws {
        #expect(try cents(total).divided(by: count).cents == expected)
    }

    @Test(arguments: [
        (1, 2, 2), (-1, -2, -2), (1, -2, -1), (250, 349, 300), (0, 0, 0),
        (999_999_999_999_999, 999_999_999_999_999, 999_999_999_999_999),
        (-999_999_999_999_999, -999_999_999_999_998, -999_999_999_999_999),
    ] as [(Int64, Int64, Int64)])
    func takesTheMidpointOfTwoAmountsWithoutOverflow(_ a: Int64, _ b: Int64, _ expected: Int64) throws {
        #expect(Money.midpoint(try cents(a), try cents(b)).cents == expected)
    }

    @Test(arguments: [
        (2164, "21.64", "21.64"), (500, "5.0", "5.00"), (-5, "-0.05", "-0.05"), (0, "0.0", "0.00"),
        (1, "0.01", "0.01"), (10, "0.1", "0.10"), (-100, "-1.0", "-1.00"), (2_163_999, "21639.99", "21639.99"),
        (123_456_789_012_345, "1234567890123.45", "1234567890123.45"),
        (999_999_999_999_999, "9999999999999.99", "9999999999999.99"),
        (-999_999_999_999_999, "-9999999999999.99", "-9999999999999.99"),
    ] as [(Int64, String, String)])
    func writesExactlyTheCents(_ amount: Int64, _ json: String, _ description: String) throws {
        let value = try cents(amount)
        #expect(JSONWriter.string(value.json) == json)
        #expect(value.description == description)
    }

    @Test func writesWholeAmountsAsDoublesToo() throws {
        for amount in [try cents(500), try cents(0), try cents(-100)] {
            guard case .double = amount.json else {
                Issue.record("\(amount) was written as \(amount.json), not a double")
                continue
            }
        }
    }

    /// Every amount written and read back is the same amount, with at most two decimals,
    /// over small values, values near the limit and a spread in between.
    @Test func jsonRoundTripsEveryAmountItCanHold() throws {
        var samples: [Int64] = Array(-5_000...5_000)
        samples += (0..<5_000).map { Money.maxCents - $0 }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<15_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = (Int64(x >> 14) % (Money.maxCents + 1)) >> Int64(x % 50)
            samples.append(x & 1 == 0 ? magnitude : -magnitude)
        }
        var failures: [String] = []
        for sample in samples {
            let amount = try cents(sample)
            let text = JSONWriter.string(amount.json)
            let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
            let back = try Money.parse(try JSONValue(parsing: text), field: "amount")
            if back != amount || decimals > 2 || text.contains("e") { failures.append("\(amount) → \(text)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func comparesByAmount() throws {
        let amounts = [try money("2.5"), try money("-1"), try money("0.1")]
        #expect(amounts.sorted().map(\.description) == ["-1.00", "0.10", "2.50"])
        #expect(try money("0.1") < money("0.11"))
    }

    @Test func refusesCentsBeyondTheLimit() {
        #expect(Money(cents: Money.maxCents) != nil)
        #expect(Money(cents: -Money.maxCents) != nil)
        #expect(Money(cents: Money.maxCents + 1) == nil)
        #expect(Money(cents: -Money.maxCents - 1) == nil)
        #expect(Money(cents: .max) == nil)
        #expect(Money(cents: .min) == nil)
    }

    @Test(arguments: [
        ("1e20", "the number 1e+20"), ("10000000000000", "the number 10000000000000"),
        ("-10000000000000", "the number -10000000000000"), ("9999999999999.996", "the number 9999999999999.996"),
        ("9223372036854775807", "the number 9223372036854775807"),
    ])
    func reportsAnAmountBeyondTheLimit(_ text: String, _ shown: String) throws {
        #expect(parseError(try JSONValue(parsing: text)) == "\"amount\" must be between -9999999999999.99 and 9999999999999.99, found \(shown).")
    }

    @Test func reportsArithmeticBeyondTheLimit() throws {
        let largest = try cents(Money.maxCents)
        let smallest = try cents(-Money.maxCents)
        let cent = try cents(1)
        #expect(throws: FunctionToolError.self) { try largest + cent }
        do {
            _ = try largest + cent
        } catch {
            #expect(error.message == "9999999999999.99 + 0.01 is outside the supported amounts, \(range).")
        }
        do {
            _ = try smallest - cent
            Issue.record("subtracting past the limit did not throw")
        } catch {
            #expect(error.message == "-9999999999999.99 - 0.01 is outside the supported amounts, \(range).")
        }
        do {
            _ = try largest.multiplied(by: 1.5)
            Issue.record("multiplying past the limit did not throw")
        } catch {
            #expect(error.message == "9999999999999.99 × 1.5 is outside the supported amounts, \(range).")
        }
        do {
            _ = try Money.sum([largest, largest])
            Issue.record("summing past the limit did not throw")
        } catch {
            #expect(error.message == "the sum 19999999999999.98 is outside the supported amounts, \(range).")
        }
        #expect(try Money.sum([largest, largest, smallest]) == largest, "only the final sum must fit")
        #expect(try Money.sum([]) == Money.zero)
    }

    @Test(arguments: [
        (#""12,50""#, #""amount" must be a number, found the string "12,50"."#),
        ("null", #""amount" must be a number, found null."#),
        ("true", #""amount" must be a number, found the boolean true."#),
        ("[1]", #""amount" must be a number, found an array of 1 item."#),
        (#"{"value": 1}"#, #""amount" must be a number, found an object of 1 member."#),
    ])
    func reportsInputThatIsNotANumber(_ text: String, _ message: String) throws {
        #expect(parseError(try JSONValue(parsing: text)) == message)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func reportsANonFiniteNumber(_ value: Double) {
        #expect(parseError(.double(value)) == #""amount" must be a finite number."#)
    }

    @Test func reportsANonFiniteFactor() throws {
        do {
            _ = try money("1").multiplied(by: .nan)
            Issue.record("multiplying by nan did not throw")
        } catch {
            #expect((error as? FunctionToolError)?.message == "1.00 cannot be multiplied by nan: the factor must be a finite number.")
        }
        #expect(throws: FunctionToolError.self) { try money("1").percent(.infinity) }
    }
}
