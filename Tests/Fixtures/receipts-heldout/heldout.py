"""What the held-out sets' scripts (setN/make_set.py) share: the fixture generator loaded from
../receipts/make_receipts.py, name normalization, a paper-width check on rendering, the checks
that recompute a truth file from the JSON alone, and the build-check-write loop.

Only the scripts import it; it renders nothing by itself.
"""
import importlib.util
import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "receipts" / "make_receipts.py"

CATEGORIES = {"food", "beverage", "household", "personal_care", "health", "electronics", "clothing",
              "transport", "fuel", "other"}


def load(path, name):
    """A Python file loaded as a module (the generator, or an earlier set's script)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mr = load(SRC, "make_receipts")


def norm(name):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def item_names(specs):
    return [e[1].replace("|", " ") for s in specs for e in s["lines"] + s.get("missing", []) if e[0] == "item"]


class CheckedSheet(mr.Sheet):
    """The generator's Sheet, failing when a left or centred line would run off the paper."""

    def render(self):
        probe = mr.ImageDraw.Draw(mr.Image.new("L", (1, 1)))
        room = self.width - 2 * self.margin
        for kind, a, _ in self.lines:
            if kind in ("left", "center") and probe.textlength(a, font=self.font) > room:
                raise SystemExit(f"{self.spec['slug']}: line '{a}' is wider than the paper")
        return super().render()


mr.Sheet = CheckedSheet  # in memory only; build() looks Sheet up in its module


def D2(x):
    return Decimal(str(x))


def rnd(x):
    return x.quantize(Decimal("0.01"), ROUND_HALF_UP)


def check_truth(spec, truth):
    """Recompute the truth's figures from the JSON alone, the way make_receipts builds them."""
    slug = spec["slug"]
    problems = []
    item_sum = Decimal(0)
    nonfuel = Decimal(0)
    for it in truth["items"]:
        expect = rnd(D2(it["quantity"]) * D2(it["unit_price"]))
        if expect != D2(it["total"]):
            problems.append(f"{slug}: {it['name']} {it['quantity']} x {it['unit_price']} != {it['total']}")
        if it["category"] not in CATEGORIES:
            problems.append(f"{slug}: bad category {it['category']}")
        if D2(it["total"]) <= 0 or D2(it["quantity"]) <= 0:
            problems.append(f"{slug}: {it['name']} has a non-positive quantity or total")
        item_sum += D2(it["total"])
        if it["category"] != "fuel":
            nonfuel += D2(it["total"])
    disc = sum((D2(d["amount"]) for d in truth["discounts"]), Decimal(0))
    if any(D2(d["amount"]) >= 0 for d in truth["discounts"]):
        problems.append(f"{slug}: non-negative discount")
    goods = item_sum + disc
    total, tax = D2(truth["total"]), D2(truth["tax"])
    if "vat_included" in spec:
        rate = Decimal(spec["vat_included"][1])
        if truth["subtotal"] is not None:
            problems.append(f"{slug}: VAT-included receipt has a subtotal")
        if goods != total:
            problems.append(f"{slug}: items + discounts {goods} != total {total}")
        if rnd(total * rate / (1 + rate)) != tax:
            problems.append(f"{slug}: included VAT {tax} != {rnd(total * rate / (1 + rate))}")
    else:
        sub = D2(truth["subtotal"])
        if goods != sub:
            problems.append(f"{slug}: items + discounts {goods} != subtotal {sub}")
        if sub + tax != total:
            problems.append(f"{slug}: subtotal {sub} + tax {tax} != total {total}")
        base = nonfuel + disc if spec.get("tax_base") == "nonfuel" else sub
        expect_tax = rnd(base * Decimal(spec["tax_rate"])) if spec.get("tax_rate") else Decimal(spec.get("tax_amount", "0"))
        if expect_tax != tax:
            problems.append(f"{slug}: tax {tax} != {expect_tax}")
    if total <= 0:
        problems.append(f"{slug}: non-positive total")
    method, tendered = spec["payment"]
    if tendered and Decimal(tendered) < total:
        problems.append(f"{slug}: tendered {tendered} < total {total}")
    if truth["currency"] != spec["currency"] or truth["date"] != spec["date"][1] or truth["merchant"] != spec["merchant"]:
        problems.append(f"{slug}: header fields differ from the spec")
    if not re.fullmatch(r"20(25|26)-\d\d-\d\d", truth["date"]):
        problems.append(f"{slug}: odd date {truth['date']}")
    printed = [e for e in spec["lines"] if e[0] == "item"]
    if len(printed) != len(truth["items"]):
        problems.append(f"{slug}: {len(printed)} item lines but {len(truth['items'])} truth items")
    for e, it in zip(printed, truth["items"]):
        if it["name"] != e[1].replace("|", " ") or it["category"] != e[2]:
            problems.append(f"{slug}: truth item {it['name']} does not match its line {e[1]}")
    if "missing" in spec or "notes" in spec:
        problems.append(f"{slug}: deliberate inconsistencies are not wanted in this set")
    return problems


def check_noise(spec):
    n = spec["noise"]
    ok = (-1.0 <= n["rot"] <= 0.9 and 4 <= n["sigma"] <= 7 and 0.3 <= n["blur"] <= 0.5 and 0.08 <= n["light"] <= 0.2)
    return [] if ok else [f"{spec['slug']}: noise {n} outside the fixtures' ranges"]


def build_all(specs, out, check=True):
    """Builds every spec, checks noise and truth (when `check`), then writes NN-slug.png/.json
    into `out` and checks each truth again as read back; exits naming every problem."""
    problems = []
    built = []
    for number, spec in enumerate(specs, start=1):
        stem = f"{number:02d}-{spec['slug']}"
        assert spec["font"] in mr.FONTS, spec["font"]
        img, truth = mr.build(spec)
        if check:
            problems += check_noise(spec) + check_truth(spec, truth)
        built.append((stem, spec, img, truth))
    if problems:
        sys.exit("\n".join(problems))
    out.mkdir(parents=True, exist_ok=True)
    for stem, spec, img, truth in built:
        img.save(out / f"{stem}.png", optimize=True)
        (out / f"{stem}.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        if check:
            problems += check_truth(spec, json.loads((out / f"{stem}.json").read_text()))
        print(f"{stem}: {img.size[0]}x{img.size[1]}, {spec['font']}, {spec['layout']}, {spec['qty_style']}, "
              f"{spec['currency']}, {len(truth['items'])} items, total {truth['total']}")
    if problems:
        sys.exit("\n".join(problems))
    print(f"{len(built)} receipts, {sum(len(t['items']) for *_, t in built)} items")
    return built
