#if canImport(Glibc)
import Glibc
#endif
import CTesseract

/// The light clean-up before recognition, each part kept because it measurably helps on the
/// fixture receipts (Benchmarks/receipts; switch parts off with RECEIPT_OCR_NO_DESKEW and
/// RECEIPT_OCR_NO_LEADERS to measure again):
/// - grey: tesseract binarizes grey with Otsu itself;
/// - deskew when leptonica finds a confident skew angle (a phone photo, a crooked scan);
/// - dot leaders (`MILK ........ 3.49`) erased: tesseract reads long rows of dots as letters
///   and merges the last dots into the price (`-1.00` became `71,00`, `31.35` `31,635`).
enum Preprocess {
    /// A new image, or `pix` itself when nothing needed doing. The caller owns the result.
    static func prepare(_ pix: UnsafeMutablePointer<PIX>) -> UnsafeMutablePointer<PIX> {
        var image = pixConvertTo8(pix, 0) ?? pix
        if getenv("RECEIPT_OCR_NO_DESKEW") == nil {
            var angle: Float = 0, confidence: Float = 0
            if let deskewed = pixFindSkewAndDeskew(image, 2, &angle, &confidence) {
                release(image, unless: pix)
                image = deskewed
            }
        }
        if getenv("RECEIPT_OCR_NO_LEADERS") == nil {
            if image == pix, let copy = pixCopy(nil, pix) { image = copy }
            if image != pix { DotLeaders.erase(in: image) }
        }
        return image
    }

    private static func release(_ image: UnsafeMutablePointer<PIX>, unless original: UnsafeMutablePointer<PIX>) {
        guard image != original else { return }
        var owned: UnsafeMutablePointer<PIX>? = image
        pixDestroy(&owned)
    }
}

/// Finds rows of small, evenly spaced dots and paints them white.
///
/// A dot is a connected component no larger than ~35 % of the median glyph height, roughly
/// square, and not inside another glyph's box (a dotted zero's dot). Dots on one baseline
/// whose spacing stays within 40 % of the run's first spacing form a run; runs of three or
/// more are leaders. A price's decimal point is never part of one: it sits at least two glyphs
/// away from the nearest leader dot, twice the pitch.
enum DotLeaders {
    struct Box { var x, y, w, h: Int32 }

    /// Erases the leaders of the 8-bit image in place; returns how many dots it erased.
    @discardableResult
    static func erase(in grey: UnsafeMutablePointer<PIX>) -> Int {
        guard let binary = pixConvertTo1(grey, 160) else { return 0 }
        var owned: UnsafeMutablePointer<PIX>? = binary
        defer { pixDestroy(&owned) }
        guard let boxa = pixConnCompBB(binary, 8) else { return 0 }
        defer {
            var ownedBoxes: UnsafeMutablePointer<BOXA>? = boxa
            boxaDestroy(&ownedBoxes)
        }
        var boxes: [Box] = []
        let count = boxaGetCount(boxa)
        guard count > 0, count < 200_000 else { return 0 }
        boxes.reserveCapacity(Int(count))
        for i in 0..<count {
            var b = Box(x: 0, y: 0, w: 0, h: 0)
            if boxaGetBoxGeometry(boxa, i, &b.x, &b.y, &b.w, &b.h) == 0 { boxes.append(b) }
        }
        let dots = leaderDots(boxes)
        for dot in dots {
            guard let box = boxCreate(dot.x - 1, dot.y - 1, dot.w + 2, dot.h + 2) else { continue }
            pixSetInRect(grey, box)
            var ownedBox: UnsafeMutablePointer<BOX>? = box
            boxDestroy(&ownedBox)
        }
        return dots.count
    }

    /// The components of `boxes` that belong to dot leaders (pure geometry, so it is testable).
    static func leaderDots(_ boxes: [Box]) -> [Box] {
        // The median height of the components that look like glyphs (not specks).
        let heights = boxes.map(\.h).filter { $0 >= 6 }.sorted()
        guard !heights.isEmpty else { return [] }
        let glyph = heights[heights.count / 2]
        let maxDot = max(2, Int32((Double(glyph) * 0.35).rounded()))
        let small = boxes.filter { box in
            box.w <= maxDot && box.h <= maxDot && box.w * 2 >= box.h && box.h * 2 >= box.w && box.w >= 1
        }
        // A dot inside another glyph's box is part of that glyph (the dot in a dotted zero,
        // the one in `%`), never a leader.
        let glyphs = boxes.filter { $0.w > maxDot || $0.h > maxDot }.sorted { $0.x < $1.x }
        let candidates = small.filter { dot in
            !glyphs.contains { $0.x <= dot.x && $0.x + $0.w >= dot.x + dot.w && $0.y <= dot.y && $0.y + $0.h >= dot.y + dot.h }
        }.sorted { ($0.y + $0.h / 2, $0.x) < ($1.y + $1.h / 2, $1.x) }

        // Rows: dots whose centres are within maxDot of the row's first.
        var rows: [[Box]] = []
        for dot in candidates {
            let centre = dot.y + dot.h / 2
            if let first = rows.last?.first, abs(centre - (first.y + first.h / 2)) <= maxDot {
                rows[rows.count - 1].append(dot)
            } else {
                rows.append([dot])
            }
        }
        var leaders: [Box] = []
        for var row in rows where row.count >= 3 {
            row.sort { $0.x < $1.x }
            var run = [row[0]]
            var pitch: Int32 = 0
            func flush() {
                if run.count >= 3 { leaders += run }
            }
            for dot in row.dropFirst() {
                let gap = dot.x - run[run.count - 1].x
                // Leader dots sit on one baseline, a pitch apart.
                let sameBaseline = abs((dot.y + dot.h) - (run[0].y + run[0].h)) <= 2
                let fits = gap > 0 && gap <= glyph * 3 / 2 && sameBaseline && (pitch == 0 || abs(gap - pitch) * 5 <= pitch * 2)
                if fits {
                    if pitch == 0 { pitch = gap }
                    run.append(dot)
                } else {
                    flush()
                    run = [dot]
                    pitch = 0
                }
            }
            flush()
        }
        return leaders
    }
}
