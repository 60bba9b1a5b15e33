#!/usr/bin/env python3
"""Generates the receipt fixtures: NN-short-name.png scans and NN-short-name.json truth.

Why synthetic: real receipts carry names, card digits and addresses we may not commit, and a
generator lets the truth be exact by construction (every figure is computed in integer cents
before it is printed). The images are made to look like ordinary scans -- a slight tilt,
grain, blur and uneven light -- not torture tests.

CI never runs this: it uses the committed PNGs and the OCR text in ocr/. To regenerate:

    python3.11 -m venv /tmp/fixvenv && /tmp/fixvenv/bin/pip install pillow
    /tmp/fixvenv/bin/python Tests/Fixtures/receipts/make_receipts.py
    for f in Tests/Fixtures/receipts/*.png; do
        tesseract "$f" - --psm 6 > "Tests/Fixtures/receipts/ocr/$(basename "${f%.png}").txt"
    done

The output is deterministic (seeded per receipt), so regenerating changes nothing unless the
specs below change.
"""

import json
import random
from decimal import Decimal, ROUND_HALF_UP
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
TT = "/usr/share/fonts/truetype"
FONTS = {
    "dejavu-mono": f"{TT}/dejavu/DejaVuSansMono.ttf",
    "dejavu-sans": f"{TT}/dejavu/DejaVuSans.ttf",
    "liberation-mono": f"{TT}/liberation/LiberationMono-Regular.ttf",
    "liberation-sans": f"{TT}/liberation/LiberationSans-Regular.ttf",
    "liberation-serif": f"{TT}/liberation/LiberationSerif-Regular.ttf",
    "free-mono": f"{TT}/freefont/FreeMonoBold.ttf",  # the regular FreeMono strokes are too thin to scan
    "free-sans": f"{TT}/freefont/FreeSans.ttf",
}
MONO = {"dejavu-mono", "liberation-mono", "free-mono"}


# ---------------------------------------------------------------------------------------
# Money and quantities, exact


def cents(text):
    """'3.49' -> 349."""
    return int((Decimal(text) * 100).to_integral_value(ROUND_HALF_UP))


def times(quantity, unit_cents):
    """quantity x unit price rounded half up to cents, as a till does."""
    return int((Decimal(quantity) * unit_cents).to_integral_value(ROUND_HALF_UP))


def as_number(c):
    """Cents as the JSON number the truth records: 349 -> 3.49, 500 -> 5.0."""
    return float(Decimal(c) / 100)


class Fmt:
    """How a receipt prints amounts: decimal comma, currency symbol, where minus goes."""

    def __init__(self, comma=False, symbol="", minus="prefix"):
        self.comma, self.symbol, self.minus = comma, symbol, minus

    def amount(self, c, symbol=True):
        text = f"{abs(c) // 100}.{abs(c) % 100:02d}"
        if self.comma:
            text = text.replace(".", ",")
        if symbol and self.symbol:
            text = self.symbol + text
        if c < 0:
            text = text + "-" if self.minus == "suffix" else "-" + text
        return text

    def plain(self, value):
        """A unit price or quantity, without symbol."""
        text = str(value)
        return text.replace(".", ",") if self.comma else text


# ---------------------------------------------------------------------------------------
# Receipt specs
#
# An item is (name, category, unit price text, quantity text, kind) where kind is:
#   plain    NAME ........ 3.49
#   qty      a quantity line (2 x 3.49) -- where it goes is the receipt's qty_style
#   weight   NAME / 0.452 kg @ 2.99/kg  1.35
#   wrap     a long name over two lines, price on the second (name split at '|')
#   sku      a product code before the name
# A discount is ("discount", name, amount text) placed after the previous item.


def I(name, cat, price, qty="1", kind=None):
    if kind is None:
        kind = "plain" if qty == "1" else "qty"
    return ("item", name, cat, price, qty, kind)


def D(name, amount):
    return ("discount", name, amount)


SPECS = [
    dict(slug="green-valley-grocery", merchant="GREEN VALLEY MARKET", font="dejavu-mono", size=24, width=560,
         header=["1420 Orchard Ave", "Springfield, IL 62704", "(217) 555-0142"],
         date=("03/14/2025 10:42 AM", "2025-03-14"), currency="USD", fmt=Fmt(symbol=""),
         layout="leader", flags="F", qty_style="below_total", qty_sep="@",
         lines=[I("ORG BANANAS", "food", "0.69", "3"), I("2% MLK GAL", "food", "3.89"),
                I("LG BRWN EGGS 12CT", "food", "4.29"), I("WHL WHT BREAD", "food", "2.99"),
                I("PPR TWL 6PK", "household", "8.99"), D("COUPON", "-1.00"),
                I("OJ NOT CONC 52OZ", "beverage", "4.49"), I("SHRP CHEDDAR 8OZ", "food", "3.79")],
         tax_rate="0.0625", tax_label="TAX 6.25%", payment=("CASH", "40.00"), items_sold=True,
         footer=["THANK YOU FOR SHOPPING!"], noise=dict(rot=0.4, sigma=6, blur=0.3, light=0.1)),
    dict(slug="corner-pharmacy", merchant="CORNER PHARMACY", font="liberation-sans", size=24, width=600,
         header=["88 Main Street", "Tel 555-201-7730"],
         date=("Mar 3, 2025  4:15 PM", "2025-03-03"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("TYLENOL 24CT", "health", "7.49"), I("ADVIL 50CT", "health", "9.99"),
                I("BAND-AID 30CT", "health", "4.29"), I("COLGATE TP 4OZ", "personal_care", "3.49", "2"),
                I("DOVE BAR SOAP 2PK", "personal_care", "4.99"), D("REWARDS", "-2.00")],
         tax_rate="0.08", tax_label="TAX", payment=("VISA ****4821", None),
         footer=["Have a healthy day"], noise=dict(rot=-0.6, sigma=5, blur=0.4, light=0.15)),
    dict(slug="rhein-markt-eur", merchant="RHEIN MARKT", font="dejavu-mono", size=22, width=560,
         header=["Rheinstrasse 12", "50667 Koeln"],
         date=("14.03.2025 18:07", "2025-03-14"), currency="EUR", fmt=Fmt(comma=True),
         layout="spaces", flags="A", qty_style="below_info", qty_sep="x",
         lines=[I("BIO BANANEN", "food", "1.99"), I("VOLLMILCH 1L", "food", "1.15", "2"),
                I("ROGGENBROT", "food", "2.49"), I("APFELSAFT 1L", "beverage", "1.79", "3"),
                I("TOMATEN", "food", "3.49", "0.612", "weight"), I("SPUELMITTEL", "household", "1.95"),
                D("RABATT", "-0.50")],
         vat_included=("VAT 7% INCL", "0.07"), total_label="TOTAL EUR", payment=("CARD", None),
         footer=["Vielen Dank!"], noise=dict(rot=0.8, sigma=7, blur=0.4, light=0.1)),
    dict(slug="hardware-depot", merchant="HARDWARE DEPOT #114", font="liberation-mono", size=22, width=640,
         header=["500 Industrial Pkwy", "Columbus, OH 43215", "614-555-0199"],
         date=("2025-04-02 09:13", "2025-04-02"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         lines=[I("WD-40 12OZ", "household", "6.98"), I("DUCT TAPE 60YD", "household", "7.47"),
                I("LED BULB 60W 4PK", "household", "9.97", "2"), I("WOOD SCREWS #8 1-1/4", "household", "5.98"),
                I("2X4X8 STUD", "household", "3.85", "6"), I("WORK GLOVES L", "clothing", "12.98")],
         tax_rate="0.0575", tax_label="SALES TAX", payment=("CARD", None),
         footer=["RETURNS WITHIN 90 DAYS WITH RECEIPT"], noise=dict(rot=-0.3, sigma=5, blur=0.3, light=0.2)),
    dict(slug="bean-cafe", merchant="THE DAILY BEAN", font="free-sans", size=26, width=520,
         header=["Cafe & Bakery", "12 Harbor Rd"],
         date=("04/18/2025 08:02", "2025-04-18"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("LATTE 16OZ", "beverage", "4.75", "2"), I("BLUEB MUFFIN", "food", "3.25"),
                I("CROISSANT", "food", "2.95"), I("ICED TEA LG", "beverage", "2.85")],
         tax_rate="0.07", tax_label="TAX", payment=("CASH", "30.00"),
         footer=["Thank you! See you soon"], noise=dict(rot=0.5, sigma=5, blur=0.5, light=0.1)),
    dict(slug="tech-hub-electronics", merchant="TECH HUB", font="dejavu-sans", size=22, width=640,
         header=["Electronics & Accessories", "Westfield Mall Unit 14", "www.techhub.example"],
         date=("05/02/2025 14:27", "2025-05-02"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         lines=[I("USB-C CABLE 6FT", "electronics", "12.99", "2"), I("AA BATTERIES 8PK", "electronics", "9.49"),
                I("WIRELESS MOUSE", "electronics", "24.99"), D("INSTANT SAVINGS", "-5.00"),
                I("HDMI CABLE 10FT", "electronics", "14.99")],
         tax_rate="0.0825", tax_label="TAX 8.25%", payment=("MASTERCARD ****3317", None),
         footer=["Keep your receipt for warranty"], noise=dict(rot=-0.8, sigma=6, blur=0.3, light=0.1)),
    dict(slug="quick-fuel", merchant="QUICK FUEL STOP", font="liberation-mono", size=24, width=560,
         header=["Hwy 40 Exit 12", "Pump 06"],
         date=("06/21/2025 07:55", "2025-06-21"), currency="USD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("UNLEADED REG", "fuel", "3.459", "12.345", "weight-gal"), I("CAR WASH BASIC", "transport", "8.00"),
                I("SPRING WATER 1L", "beverage", "1.99", "2")],
         tax_rate=None, tax_amount="0.00", tax_label="TAX", payment=("DEBIT", None),
         footer=["THANK YOU DRIVE SAFE"], noise=dict(rot=0.3, sigma=4, blur=0.3, light=0.1)),
    dict(slug="high-street-gbp", merchant="HIGH STREET FOODS", font="liberation-sans", size=24, width=580,
         header=["22 High Street", "Reading RG1 2AA", "VAT No 123 4567 89"],
         date=("21/05/2025 12:31", "2025-05-21"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("SEMI SKIMMED MILK 2L", "food", "1.45"), I("FREE RANGE EGGS 6", "food", "2.10"),
                I("BRITISH BACON 300G", "food", "3.25"), I("TEABAGS 80", "beverage", "2.79"),
                I("WASHING UP LIQUID", "household", "1.25", "2"), D("CLUBCARD PRICE", "-0.75")],
         vat_included=("VAT INCLUDED", "0.2"), total_label="TOTAL", payment=("CONTACTLESS", None),
         footer=["Thank you for shopping with us"], noise=dict(rot=0.6, sigma=6, blur=0.4, light=0.15)),
    dict(slug="maple-grocer-cad", merchant="MAPLE GROCER", font="free-mono", size=24, width=620,
         header=["350 Queen St W", "Toronto ON M5V 2A2", "HST# 81234 5678"],
         date=("2025-02-11 17:45", "2025-02-11"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("GALA APPLES", "food", "4.39", "1.230", "weight"), I("WHL CHICKEN", "food", "12.99"),
                I("BASMATI RICE 2KG", "food", "7.49"), I("MAPLE SYRUP 250ML", "food", "8.99"),
                I("SPARKLING WATER 12PK", "beverage", "6.49"), I("GARBAGE BAGS 40CT", "household", "9.99")],
         tax_rate="0.13", tax_label="HST 13%", payment=("INTERAC", None), currency_code_total=True,
         footer=["MERCI / THANK YOU"], noise=dict(rot=-0.4, sigma=5, blur=0.3, light=0.1)),
    dict(slug="style-outlet-clothing", merchant="STYLE OUTLET", font="liberation-serif", size=26, width=600,
         header=["Fashion Outlet Center", "Store 0231"],
         date=("07/04/2025 15:10", "2025-07-04"), currency="USD", fmt=Fmt(symbol="$", minus="suffix"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("MENS CREW SOCKS 6PK", "clothing", "14.99"), I("GRAPHIC T-SHIRT", "clothing", "12.00", "2"),
                D("BOGO 50% OFF", "-6.00"), I("SLIM FIT JEANS", "clothing", "39.99"),
                I("BASEBALL CAP", "clothing", "18.50")],
         tax_rate="0.06", tax_label="TAX", payment=("VISA ****9902", None),
         footer=["Exchanges within 30 days"], noise=dict(rot=0.9, sigma=5, blur=0.4, light=0.15)),
    dict(slug="bio-laden-eur", merchant="BIO LADEN", font="dejavu-sans", size=22, width=560,
         header=["Marktplatz 3", "80331 Muenchen"],
         date=("02.06.2025 11:20", "2025-06-02"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="above_info", qty_sep="x",
         lines=[I("HAFERMILCH", "beverage", "1.89", "2"), I("KAROTTEN", "food", "2.99", "0.845", "weight"),
                I("VOLLKORNBROT", "food", "3.20"), I("KAFFEE GEMAHLEN", "beverage", "6.49"),
                I("ZAHNPASTA", "personal_care", "1.45")],
         vat_included=("MwSt 7%", "0.07"), total_label="SUMME", payment=("BAR", "30.00"),
         footer=["Danke fuer Ihren Einkauf"], noise=dict(rot=-0.5, sigma=6, blur=0.3, light=0.1)),
    dict(slug="sunrise-deli", merchant="SUNRISE DELI", font="dejavu-mono", size=24, width=540,
         header=["41 Elm Street"],
         date=("DATE: 08/09/2025", "2025-08-09"), currency="USD", fmt=Fmt(symbol=""),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("TURKEY CLUB", "food", "9.50"), I("CHICKEN SOUP CUP", "food", "4.25"),
                I("FOUNTAIN SODA", "beverage", "1.99", "2"), I("CHOC CHIP COOKIE", "food", "1.50", "3")],
         tax_rate="0.08875", tax_label="TAX", payment=("CASH", "40.00"),
         footer=["THANK YOU"], noise=dict(rot=0.2, sigma=6, blur=0.3, light=0.08)),
    dict(slug="value-mart-wrapped", merchant="VALUE MART", font="liberation-mono", size=22, width=620,
         header=["Supercenter #2291", "1 Commerce Dr", "Tulsa OK 74101"],
         date=("09/15/2025 19:48", "2025-09-15"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="N", qty_style="below_total", qty_sep="@",
         lines=[I("KIRKLAND ORGANIC CREAMY|PEANUT BUTTER 2PK", "food", "11.99", "1", "wrap"),
                I("BATH TISSUE 12RL", "household", "10.97"), I("COCA COLA 12PK", "beverage", "6.48", "2"),
                I("LAUNDRY DETERGENT|FREE CLEAR 92OZ", "household", "12.97", "1", "wrap"),
                I("GRND BEEF 80/20", "food", "4.98", "1.370", "weight-lb"), I("DOG FOOD 15LB", "household", "18.94")],
         tax_rate="0.045", tax_label="TAX 1 4.50%", payment=("DEBIT TEND", None), items_sold=True,
         footer=["ITEMS SOLD 7", "THANK YOU FOR SHOPPING VALUE MART"], noise=dict(rot=-0.6, sigma=6, blur=0.4, light=0.15)),
    dict(slug="canal-boulangerie-eur", merchant="BOULANGERIE DU CANAL", font="free-sans", size=24, width=560,
         header=["5 Quai de Valmy", "75010 Paris"],
         date=("2025-10-03 07:41", "2025-10-03"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("BAGUETTE TRADITION", "food", "1.30", "2"), I("CROISSANT BEURRE", "food", "1.35", "4"),
                I("PAIN AU CHOCOLAT", "food", "1.50", "2"), I("CAFE CREME", "beverage", "2.80")],
         vat_included=("TVA 5,5% INCL", "0.055"), total_label="TOTAL EUR", payment=("CB", None),
         footer=["Merci et a bientot"], noise=dict(rot=0.4, sigma=5, blur=0.3, light=0.1)),
    dict(slug="health-plus-rx", merchant="HEALTH PLUS DRUG", font="free-mono", size=24, width=600,
         header=["2200 Lakeview Blvd", "Phone: 555-013-2200"],
         date=("10/27/2025", "2025-10-27"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="T", qty_style="below_total", qty_sep="@",
         lines=[I("VITAMIN D3 2000IU", "health", "8.99"), I("COUGH SYRUP 8OZ", "health", "10.49"),
                I("ALLERGY RELIEF 30CT", "health", "12.99"), D("MFR COUPON", "-2.00"),
                I("SHAMPOO 12OZ", "personal_care", "5.99"), I("DEODORANT STICK", "personal_care", "4.49", "2"),
                I("TISSUES 3PK", "household", "5.49")],
         tax_rate="0.065", tax_label="TAX", payment=("CASH", "70.00"),
         footer=["GET WELL SOON"], noise=dict(rot=-1.0, sigma=6, blur=0.4, light=0.15)),
    dict(slug="farm-stand-missing-line", merchant="HILLSIDE FARM STAND", font="dejavu-sans", size=24, width=560,
         header=["Route 9 North"],
         date=("Jul 19, 2025", "2025-07-19"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("SWEET CORN", "food", "0.75", "6"), I("HEIRLOOM TOMATOES", "food", "3.99", "1.250", "weight-lb"),
                I("PEACHES", "food", "5.50"), I("RAW HONEY 16OZ", "food", "9.00"),
                I("APPLE CIDER HALF GAL", "beverage", "6.50")],
         missing=[I("BLUEBERRIES PINT", "food", "4.50")],
         tax_rate=None, tax_amount="0.00", tax_label="TAX", payment=("CASH", "50.00"),
         notes="Deliberate inconsistency: the BLUEBERRIES PINT line (4.50) is not printed but is in the subtotal; the truth records the printed figures.",
         footer=["Fresh every day"], noise=dict(rot=0.7, sigma=5, blur=0.3, light=0.1)),
    dict(slug="metro-transit", merchant="METRO TRANSIT", font="liberation-sans", size=24, width=560,
         header=["Central Station Ticket Office"],
         date=("11/03/2025 08:15", "2025-11-03"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("MONTHLY PASS ADULT", "transport", "98.00"), I("SINGLE RIDE", "transport", "2.75", "2"),
                I("PARKING DAY", "transport", "12.00")],
         tax_rate=None, tax_amount="0.00", tax_label="TAX", payment=("CARD", None),
         footer=["Ride safe"], noise=dict(rot=-0.3, sigma=4, blur=0.3, light=0.1)),
    dict(slug="super-saver-coupons", merchant="SUPER SAVER FOODS", font="dejavu-mono", size=22, width=600,
         header=["900 W Broadway", "Phoenix AZ 85003", "(602) 555-0100"],
         date=("12/01/2025 16:20", "2025-12-01"), currency="USD", fmt=Fmt(symbol="", minus="suffix"),
         layout="spaces", flags="F", qty_style="below_total", qty_sep="@",
         lines=[I("CHKN BRST BNLS", "food", "3.99", "1.820", "weight-lb"), D("SC SAVINGS", "-1.50"),
                I("ROMA TOMATOES", "food", "1.29", "0.940", "weight-lb"), I("YELLOW ONIONS 3LB", "food", "2.99"),
                I("PASTA PENNE 16OZ", "food", "1.25", "3"), I("MARINARA 24OZ", "food", "3.49"), D("MFR CPN", "-0.75"),
                I("SPRING WATER 24PK", "beverage", "4.99")],
         tax_rate="0.02", tax_label="TAX", payment=("CASH", "50.00"), items_sold=True,
         footer=["YOU SAVED 2.25 TODAY"], noise=dict(rot=0.5, sigma=6, blur=0.3, light=0.15)),
    dict(slug="northern-books-gbp", merchant="NORTHERN BOOKS & GIFTS", font="liberation-serif", size=26, width=600,
         header=["3 Castle Lane", "York YO1 7HH"],
         date=("2025-09-09", "2025-09-09"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("GREETING CARD", "other", "2.99", "3"), I("GIFT WRAP ROLL", "other", "3.50"),
                I("NOTEBOOK A5", "other", "6.99"), I("HOT CHOCOLATE", "beverage", "3.20")],
         vat_included=("VAT 20% INCL", "0.2"), total_label="TOTAL GBP", payment=("CARD", None),
         footer=["Thank you"], noise=dict(rot=0.4, sigma=5, blur=0.3, light=0.1)),
    dict(slug="gas-n-go-snacks", merchant="GAS N GO", font="free-mono", size=24, width=560,
         header=["Store 7781", "I-95 Exit 27"],
         date=("01/09/2026 22:03", "2026-01-09"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("PUMP 03 PREMIUM", "fuel", "4.199", "8.512", "weight-gal"), I("ENERGY DRINK 16OZ", "beverage", "2.99", "2"),
                I("BEEF JERKY", "food", "6.49"), I("WINDSHIELD FLUID", "transport", "4.29")],
         tax_rate="0.06", tax_label="TAX", tax_base="nonfuel", payment=("VISA ****1188", None),
         footer=["THANK YOU"], noise=dict(rot=-0.5, sigma=5, blur=0.3, light=0.1)),
    dict(slug="city-market-eur-dots", merchant="CITY MARKET", font="liberation-mono", size=24, width=600,
         header=["Damrak 70", "1012 LM Amsterdam"],
         date=("28.11.2025 13:55", "2025-11-28"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("KAAS JONG BELEGEN", "food", "4.79"), I("HAGELSLAG PUUR", "food", "2.19"),
                I("APPELS ELSTAR", "food", "2.49", "1.105", "weight"), I("KOFFIE BONEN 500G", "beverage", "7.99"),
                I("WC PAPIER 8 ROL", "household", "4.29"), D("BONUS KORTING", "-1.20")],
         tax_rate="0.09", tax_label="BTW 9%", subtotal_label="SUBTOTAAL", payment=("PIN", None),
         footer=["Bedankt en tot ziens"], noise=dict(rot=0.6, sigma=6, blur=0.4, light=0.15)),
    dict(slug="pet-and-garden", merchant="PET & GARDEN SUPPLY", font="dejavu-sans", size=22, width=620,
         header=["77 Meadow Rd", "Boise ID 83702"],
         date=("Apr 28, 2025", "2025-04-28"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         lines=[I("POTTING SOIL 1CF", "household", "8.97", "2"), I("TOMATO PLANT 4IN", "other", "3.48", "4"),
                I("CAT LITTER 20LB", "household", "12.99"), I("GARDEN HOSE 50FT", "household", "24.98"),
                D("LOYALTY 10%", "-4.00")],
         tax_rate="0.06", tax_label="TAX", payment=("CARD", None),
         footer=["Grow something great"], noise=dict(rot=-0.7, sigma=5, blur=0.4, light=0.1)),
    dict(slug="noodle-house", merchant="NOODLE HOUSE", font="liberation-sans", size=26, width=540,
         header=["Table 12   Server: Amy"],
         date=("10/10/2025 19:22", "2025-10-10"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("PAD THAI", "food", "13.50", "2"), I("SPRING ROLLS", "food", "6.95"),
                I("TOM YUM SOUP", "food", "8.25"), I("THAI ICED TEA", "beverage", "4.25", "2")],
         tax_rate="0.0875", tax_label="TAX", payment=("VISA ****0042", None),
         footer=["Thank you! Please come again"], noise=dict(rot=0.3, sigma=5, blur=0.3, light=0.1)),
    dict(slug="office-plus-missing-line", merchant="OFFICE PLUS", font="free-sans", size=24, width=600,
         header=["4500 Corporate Blvd", "Austin TX 78759"],
         date=("2025-08-22 11:05", "2025-08-22"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("COPY PAPER 500SH", "other", "9.99", "2"), I("BALLPOINT PENS 12PK", "other", "4.79"),
                I("USB FLASH DRIVE 64GB", "electronics", "15.99"), I("STICKY NOTES 6PK", "other", "6.49")],
         missing=[I("STAPLES 5000CT", "other", "3.29")],
         tax_rate="0.0825", tax_label="TAX", payment=("AMEX ****1005", None),
         notes="Deliberate inconsistency: the STAPLES 5000CT line (3.29) is not printed but is in the subtotal; the truth records the printed figures.",
         footer=["Thanks for shopping Office Plus"], noise=dict(rot=0.5, sigma=5, blur=0.3, light=0.1)),
    dict(slug="lakeside-grocery-mixed", merchant="LAKESIDE GROCERY", font="dejavu-mono", size=24, width=680,
         header=["15 Shore Dr", "Madison WI 53703"],
         date=("02/05/2026 09:30", "2026-02-05"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("ORG SPINACH 5OZ", "food", "3.99"), I("AVOCADOS HASS", "food", "1.25", "4"),
                I("GREEK YOGURT 32OZ", "food", "5.49"), I("ALMOND MILK HALF GAL", "beverage", "3.79"),
                I("TOOTHBRUSH 2PK", "personal_care", "4.99"), I("SALMON FILLET", "food", "11.99", "0.680", "weight-lb"),
                I("PAPER PLATES 50CT", "household", "4.49"), D("DIGITAL COUPON", "-1.50")],
         tax_rate="0.05", tax_label="TAX 5%", payment=("CASH", "60.00"),
         footer=["THANK YOU"], noise=dict(rot=-0.4, sigma=6, blur=0.3, light=0.15)),
    dict(slug="bistro-eur-plain", merchant="BISTRO LUNA", font="liberation-serif", size=26, width=560,
         header=["Via Roma 21", "00184 Roma"],
         date=("19.09.2025 20:41", "2025-09-19"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("PIZZA MARGHERITA", "food", "9.50", "2"), I("INSALATA MISTA", "food", "6.00"),
                I("ACQUA MINERALE", "beverage", "2.50"), I("VINO ROSSO CALICE", "beverage", "5.50", "2"),
                I("TIRAMISU", "food", "6.50")],
         vat_included=("IVA 10% INCL", "0.1"), total_label="TOTALE EUR", payment=("CARTA", None),
         footer=["Grazie e arrivederci"], noise=dict(rot=0.5, sigma=5, blur=0.3, light=0.1)),
    dict(slug="campus-store-cad", merchant="CAMPUS STORE", font="free-mono", size=24, width=600,
         header=["University Centre", "Vancouver BC"],
         date=("Sep 5, 2025", "2025-09-05"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="@",
         lines=[I("HOODIE NAVY M", "clothing", "49.99"), I("SCI CALCULATOR", "electronics", "19.99"),
                I("BINDER 2IN", "other", "5.49", "3"), I("HIGHLIGHTERS 4PK", "other", "3.99"),
                I("COFFEE MUG", "household", "12.99")],
         tax_rate="0.12", tax_label="GST/PST 12%", payment=("VISA ****7070", None), currency_code_total=True,
         footer=["Go Thunderbirds!"], noise=dict(rot=-0.6, sigma=5, blur=0.3, light=0.1)),
]


# ---------------------------------------------------------------------------------------
# Rendering


class Sheet:
    """Lines of a receipt laid out on a fixed-width paper strip."""

    def __init__(self, spec):
        self.spec = spec
        self.font = ImageFont.truetype(FONTS[spec["font"]], spec["size"])
        self.bold = self.font
        self.width = spec["width"]
        self.margin = 24
        self.lines = []  # (kind, a, b)
        self.mono = spec["font"] in MONO
        self.char_w = self.font.getlength("M")
        self.cols = int((self.width - 2 * self.margin) // self.char_w)

    def center(self, text):
        self.lines.append(("center", text, None))

    def left(self, text):
        self.lines.append(("left", text, None))

    def pair(self, left, right, leader=True):
        layout = self.spec["layout"]
        if self.mono and layout == "leader" and leader:
            # Two spaces before the amount: dots touching a minus sign or a digit are read
            # as part of the number ("-1.00" as "71.00").
            dots = self.cols - len(left) - len(right) - 3
            fill = "." * max(dots, 3) + " "
            self.lines.append(("left", f"{left} {fill} {right}", None))
        elif self.mono:
            gap = self.cols - len(left) - len(right)
            self.lines.append(("left", left + " " * max(gap, 2) + right, None))
        else:
            self.lines.append(("pair", left, right))

    def blank(self):
        self.lines.append(("blank", None, None))

    def render(self):
        ascent, descent = self.font.getmetrics()
        step = int((ascent + descent) * 1.3)
        height = step * len(self.lines) + 2 * self.margin
        img = Image.new("L", (self.width, height), 255)
        draw = ImageDraw.Draw(img)
        y = self.margin
        for kind, a, b in self.lines:
            if kind == "center":
                w = draw.textlength(a, font=self.font)
                draw.text(((self.width - w) / 2, y), a, font=self.font, fill=20)
            elif kind == "left":
                draw.text((self.margin, y), a, font=self.font, fill=20)
            elif kind == "pair":
                draw.text((self.margin, y), a, font=self.font, fill=20)
                w = draw.textlength(b, font=self.font)
                left_end = self.margin + draw.textlength(a, font=self.font)
                assert left_end + 20 < self.width - self.margin - w, f"{self.spec['slug']}: '{a}' overlaps '{b}'"
                draw.text((self.width - self.margin - w, y), b, font=self.font, fill=20)
            y += step
        return img


def degrade(img, rng, rot, sigma, blur, light):
    """A mild scan: uneven light, grain, softness and a small tilt, then 8 grey levels with
    near-white paper clipped to white, as a scanner's auto-level does (it also keeps the PNG small)."""
    w, h = img.size
    if light:
        gradient = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize((w, h))
        shade = gradient.point(lambda v: int(255 - light * 255 * v / 255))
        img = ImageChops.multiply(img, shade)
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if sigma:
        # Seeded grain (Pillow's effect_noise is not), so that the PNGs are reproducible.
        grain = bytes(min(255, max(0, int(128 + rng.gauss(0, sigma)))) for _ in range(w * h))
        img = ImageChops.add(img, Image.frombytes("L", (w, h), grain), 1.0, -128)
    if rot:
        img = img.rotate(rot, resample=Image.BICUBIC, expand=True, fillcolor=255)
    return img.point(lambda v: 255 if v >= 216 else (v // 32) * 36)


def build(spec):
    fmt = spec["fmt"]
    sheet = Sheet(spec)
    flag = (" " + spec["flags"]) if spec.get("flags") else ""
    rng = random.Random(spec["slug"])

    sheet.center(spec["merchant"])
    for line in spec["header"]:
        sheet.center(line)
    sheet.center(spec["date"][0])
    sheet.blank()

    items, discounts = [], []
    item_sum = 0
    nonfuel_sum = 0
    for entry in spec["lines"]:
        if entry[0] == "discount":
            _, name, amount = entry
            c = cents(amount)
            sheet.pair(name, fmt.amount(c, symbol=False))
            discounts.append({"name": name, "amount": as_number(c)})
            item_sum += c
            nonfuel_sum += c
            continue
        _, name, cat, price, qty, kind = entry
        unit = cents(price) if kind not in ("weight-gal",) else None
        full_name = name.replace("|", " ")
        sku = f"{rng.randrange(10**11, 10**12):012d} " if spec.get("sku") else ""
        if kind.startswith("weight"):
            unit_label = {"weight": "kg", "weight-lb": "lb", "weight-gal": "gal"}[kind]
            total = int((Decimal(qty) * Decimal(price) * 100).to_integral_value(ROUND_HALF_UP))
            sheet.left(sku + name)
            sheet.pair(f"  {fmt.plain(qty)} {unit_label} @ {fmt.plain(price)}/{unit_label}", fmt.amount(total) + flag,
                       leader=False)
            unit_price = float(Decimal(price))
            quantity = float(Decimal(qty))
        elif kind == "qty":
            total = times(qty, unit)
            style, sep = spec["qty_style"], spec["qty_sep"]
            qline = f"  {qty} {sep} {fmt.plain(price)}"
            if style == "below_total":
                sheet.left(sku + name)
                sheet.pair(qline, fmt.amount(total) + flag, leader=False)
            elif style == "below_info":
                sheet.pair(sku + name, fmt.amount(total) + flag)
                sheet.left(qline)
            elif style == "above_info":
                sheet.left(qline.strip())
                sheet.pair(sku + name, fmt.amount(total) + flag)
            elif style == "inline":
                sheet.pair(f"{qty} {name}", fmt.amount(total) + flag)
            unit_price = as_number(unit)
            quantity = int(qty)
        elif kind == "wrap":
            first, second = name.split("|")
            total = unit
            sheet.left(sku + first)
            sheet.pair("  " + second, fmt.amount(total) + flag)
            unit_price = as_number(unit)
            quantity = 1
        else:
            total = unit
            sheet.pair(sku + name, fmt.amount(total) + flag)
            unit_price = as_number(unit)
            quantity = 1
        items.append({"name": full_name, "quantity": quantity, "unit_price": unit_price,
                      "total": as_number(total), "category": cat})
        item_sum += total
        if cat != "fuel":
            nonfuel_sum += total

    for entry in spec.get("missing", []):
        _, name, cat, price, qty, kind = entry
        item_sum += times(qty, cents(price))
        nonfuel_sum += times(qty, cents(price))

    sheet.blank()
    subtotal = item_sum
    if "vat_included" in spec:
        label, rate = spec["vat_included"]
        total = subtotal
        # VAT contained in a gross amount: gross * rate / (1 + rate).
        tax = int((Decimal(total) * Decimal(rate) / (1 + Decimal(rate))).to_integral_value(ROUND_HALF_UP))
        sheet.pair(spec["total_label"], fmt.amount(total))
        sheet.pair(label, fmt.amount(tax, symbol=False))
        truth_subtotal = None
    else:
        base = nonfuel_sum if spec.get("tax_base") == "nonfuel" else subtotal
        if spec.get("tax_rate"):
            tax = int((Decimal(base) * Decimal(spec["tax_rate"])).to_integral_value(ROUND_HALF_UP))
        else:
            tax = cents(spec.get("tax_amount", "0"))
        total = subtotal + tax
        sheet.pair(spec.get("subtotal_label", "SUBTOTAL"), fmt.amount(subtotal))
        sheet.pair(spec["tax_label"], fmt.amount(tax, symbol=False))
        total_label = "TOTAL " + spec["currency"] if spec.get("currency_code_total") else "TOTAL"
        sheet.pair(total_label, fmt.amount(total))
        truth_subtotal = as_number(subtotal)

    method, tendered = spec["payment"]
    if tendered:
        paid = cents(tendered)
        sheet.pair(method, fmt.amount(paid))
        change_label = {"BAR": "RUECKGELD"}.get(method, "CHANGE")
        sheet.pair(change_label, fmt.amount(paid - total))
    else:
        sheet.pair(method, fmt.amount(total))
    if spec.get("items_sold") and not any("ITEMS SOLD" in f for f in spec["footer"]):
        count = sum(int(Decimal(i["quantity"])) if float(i["quantity"]).is_integer() else 1 for i in items)
        sheet.left(f"ITEMS SOLD {count}")
    sheet.blank()
    for line in spec["footer"]:
        sheet.center(line)

    truth = {
        "merchant": spec["merchant"],
        "date": spec["date"][1],
        "currency": spec["currency"],
        "items": items,
        "discounts": discounts,
        "subtotal": truth_subtotal,
        "tax": as_number(tax),
        "total": as_number(total),
    }
    if spec.get("notes"):
        truth["notes"] = spec["notes"]
    elif "vat_included" in spec:
        truth["notes"] = "VAT is included in the total, so no subtotal is printed and total = items + discounts."
    img = degrade(sheet.render(), rng, **spec["noise"])
    return img, truth


def main():
    for number, spec in enumerate(SPECS, start=1):
        stem = f"{number:02d}-{spec['slug']}"
        img, truth = build(spec)
        img.save(HERE / f"{stem}.png", optimize=True)
        (HERE / f"{stem}.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n")
        size = (HERE / f"{stem}.png").stat().st_size
        print(f"{stem}: {img.size[0]}x{img.size[1]}, {size // 1024} KB, total {truth['total']}")


if __name__ == "__main__":
    main()
