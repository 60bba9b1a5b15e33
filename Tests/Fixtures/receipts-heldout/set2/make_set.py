#!/usr/bin/env python3
"""Second blind receipt set: 30 new receipts rendered with the fixture generator's machinery
(Tests/Fixtures/receipts/make_receipts.py, imported read-only), written beside this script.

Checks made before anything is written (the run fails if one does not hold):
  - every slug, merchant and item name is new relative to make_receipts.py's SPECS and to the
    first held-out set (../set1/make_set.py), after normalising case and punctuation, and no
    item name occurs as a phrase anywhere in either file's text;
  - no brand used in those two files is reused here;
  - categories are from the fixed set, and all ten are used;
  - every printed line fits on the paper;
  - every truth JSON is internally consistent (recomputed from the JSON alone).

Run: python3 (with pillow) Tests/Fixtures/receipts-heldout/set2/make_set.py
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from heldout import CATEGORIES, SRC, build_all, load, item_names, mr, norm  # noqa: E402  (the shared part)

BLIND1 = HERE.parent / "set1" / "make_set.py"
OUT = HERE


Fmt, I, D = mr.Fmt, mr.I, mr.D


# Brands (and brand-like product names) that the fixture SPECS or the first blind set already use.
OLD_BRANDS = [
    "kirkland", "tylenol", "advil", "band aid", "colgate", "dove", "wd 40", "coca cola", "coke", "pepsi",
    "kleenex", "nyquil", "claritin", "crest", "gillette", "vegemite", "tim tam", "arnotts", "milo",
    "mortein", "walkers", "hovis", "pg tips", "heinz", "fairy", "lucozade", "snickers", "carling",
    "nature valley", "charmin", "lacroix", "tide", "purina", "temptations", "lemsip", "nivea",
    "sensodyne", "pampers", "cheerios", "gatorade", "ziploc", "cathedral city", "andrex", "ribena",
    "reactine", "polysporin", "aveeno", "listerine", "marlboro", "powerball", "red bull", "doritos",
    "dualsense", "clubcard", "nectar", "iga", "lightning",
]

SPECS = [
    # ---------------------------------------------------------------- USA (10)
    # 1 US supermarket, mono leaders, no symbol, food-stamp flag, lb weights, bag fee, cash
    dict(slug="pine-hollow-market", merchant="PINE HOLLOW MARKET", font="dejavu-mono", size=22, width=620,
         header=["4410 Kingston Pike", "Knoxville, TN 37919", "(865) 555-0163"],
         date=("06/27/2025 05:48 PM", "2025-06-27"), currency="USD", fmt=Fmt(symbol=""),
         layout="leader", flags="F", qty_style="below_total", qty_sep="@",
         lines=[I("BNLS SKNLS CHKN THGH", "food", "2.99", "2.310", "weight-lb"),
                I("SARGENTO SHRD MOZZ 8OZ", "food", "2.99", "2"), I("OREO DBL STF 15.35OZ", "food", "4.79"),
                I("DASANI 24PK 16.9OZ", "beverage", "5.99"), D("SAVINGS CARD", "-1.25"),
                I("GLAD TALL KTCHN 45CT", "household", "11.49"), I("BOUNTY SEL-A-SIZE 6DR", "household", "13.99"),
                I("RED SDLS GRAPES", "food", "2.49", "1.870", "weight-lb"), I("PAPER BAG FEE", "other", "0.10", "3")],
         tax_rate="0.0225", tax_label="TAX 2.25%", payment=("CASH", "80.00"), items_sold=True,
         footer=["THANK YOU FOR SHOPPING PINE HOLLOW"], noise=dict(rot=-0.4, sigma=6, blur=0.3, light=0.12)),
    # 2 US pharmacy, sans columns, $, batteries among the medicines
    dict(slug="bayside-drug", merchant="BAYSIDE DRUG", font="liberation-sans", size=24, width=640,
         header=["1207 Bayshore Blvd", "Tampa, FL 33606", "Pharmacy 813-555-0148"],
         date=("Jul 2, 2025  9:03 AM", "2025-07-02"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("ALEVE 220MG 50CT", "health", "9.49"), I("ZYRTEC 10MG 14CT", "health", "12.99"),
                I("CENTRUM ADULTS 65CT", "health", "11.99"), I("NEOSPORIN OINT 0.5OZ", "health", "6.79"),
                I("CERAVE MOIST CRM 16OZ", "personal_care", "17.99"), I("OLD SPICE DEO 3OZ", "personal_care", "6.49", "2"),
                D("EXTRABUCKS", "-3.00"), I("DURACELL AA 4PK", "electronics", "6.99")],
         tax_rate="0.075", tax_label="TAX 7.5%", payment=("VISA ****2741", None),
         footer=["Stay well, Tampa"], noise=dict(rot=0.6, sigma=5, blur=0.4, light=0.12)),
    # 3 US home centre, mono spaces, SKUs, qty above the item, car care
    dict(slug="summit-home-center", merchant="SUMMIT HOME CENTER #0318", font="liberation-mono", size=22, width=680,
         header=["7800 N Academy Blvd", "Colorado Springs CO 80920", "719-555-0171"],
         date=("2025-07-19 08:26", "2025-07-19"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         lines=[I("GORILLA GLUE 2OZ", "household", "6.97"), I("SCOTCHBLUE TAPE 1.88IN", "household", "8.48", "2"),
                I("KOHLER FLAPPER 2IN", "household", "9.98"), I("ENERGIZER AA 8PK", "electronics", "9.97"),
                I("ARMOR ALL PROTECTANT", "transport", "7.48"), I("FURNACE FILTER 16X25X1", "household", "12.97", "2")],
         tax_rate="0.0825", tax_label="SALES TAX", subtotal_label="SUB-TOTAL", payment=("CARD", None),
         footer=["SAVE YOUR RECEIPT FOR RETURNS"], noise=dict(rot=0.3, sigma=5, blur=0.3, light=0.18)),
    # 4 US gas station: gallons, energy drinks, tobacco, lottery; tax on non-fuel only
    dict(slug="lone-pine-fuel-food", merchant="LONE PINE FUEL & FOOD", font="free-mono", size=22, width=600,
         header=["Store 2207", "US-395 & Lake Rd"],
         date=("07/26/2025 21:37", "2025-07-26"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("PUMP 04 UNLEADED", "fuel", "3.189", "11.604", "weight-gal"),
                I("MONSTER ENERGY 16OZ", "beverage", "2.99", "2"), I("SLIM JIM GIANT", "food", "1.99"),
                I("CAMEL BLUE BOX", "other", "8.79"), I("MEGA MILLIONS QP", "other", "5.00")],
         tax_rate="0.0625", tax_label="TAX", tax_base="nonfuel", payment=("CASH", "80.00"),
         footer=["THANKS - COME BACK SOON"], noise=dict(rot=-0.7, sigma=5, blur=0.3, light=0.1)),
    # 5 US office & tech, sans, SKUs, stationery and batteries
    dict(slug="keystone-office-tech", merchant="KEYSTONE OFFICE & TECH", font="dejavu-sans", size=22, width=680,
         header=["Keystone Crossing", "8702 Keystone Xing", "Indianapolis IN 46240"],
         date=("08/05/2025 13:58", "2025-08-05"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         lines=[I("LOGITECH M185 MOUSE", "electronics", "14.99"), I("SANDISK ULTRA 64GB SD", "electronics", "12.99"),
                I("BIC CRISTAL PENS 10PK", "other", "3.49", "2"), I("POST-IT SUPER STICKY 5PK", "other", "7.99"),
                D("INSTANT REBATE", "-2.00"), I("EXPO DRY ERASE 4PK", "other", "5.99"),
                I("RAYOVAC AAA 12PK", "electronics", "8.99")],
         tax_rate="0.07", tax_label="TAX 7%", payment=("AMEX ****3008", None),
         footer=["Returns within 14 days"], noise=dict(rot=-0.5, sigma=6, blur=0.3, light=0.1)),
    # 6 US clothing, serif, suffix minus
    dict(slug="harlow-finch-outfitters", merchant="HARLOW & FINCH", font="liberation-serif", size=24, width=640,
         header=["Outfitters since 1987", "Pearl Street Mall", "Boulder CO 80302"],
         date=("Sep 20, 2025 3:44 PM", "2025-09-20"), currency="USD", fmt=Fmt(symbol="$", minus="suffix"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("LEVIS 505 REG 34X32", "clothing", "59.50"), I("HANES CREW TEE 3PK", "clothing", "18.00", "2"),
                I("COLUMBIA FLEECE VEST M", "clothing", "45.00"), D("FALL SALE 25%", "-11.25"),
                I("CARHARTT WATCH BEANIE", "clothing", "19.99")],
         tax_rate="0.0886", tax_label="TAX", payment=("DISCOVER ****6120", None),
         footer=["Exchanges within 60 days"], noise=dict(rot=0.8, sigma=5, blur=0.4, light=0.14)),
    # 7 US coffee shop, quantities inline
    dict(slug="copper-kettle-coffee", merchant="COPPER KETTLE COFFEE", font="free-sans", size=26, width=560,
         header=["19 Mill St", "Burlington VT"],
         date=("08/23/2025 07:49", "2025-08-23"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("FLAT WHITE 12OZ", "beverage", "4.50", "2"), I("COLD BREW LG", "beverage", "4.25"),
                I("EVERYTHING BAGEL", "food", "2.75", "2"), I("HAM & SWISS CROISS", "food", "6.95")],
         tax_rate="0.09", tax_label="MEALS TAX", payment=("CASH", "30.00"),
         footer=["Thanks, neighbor!"], noise=dict(rot=-0.3, sigma=5, blur=0.5, light=0.1)),
    # 8 US car wash, no tax
    dict(slug="sparkle-auto-spa", merchant="SPARKLE AUTO SPA", font="liberation-sans", size=24, width=580,
         header=["2950 S Rural Rd", "Tempe AZ 85282"],
         date=("05/17/2025 11:32 AM", "2025-05-17"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("ULTIMATE WASH", "transport", "22.00"), I("TIRE SHINE", "transport", "5.00"),
                I("INTERIOR VACUUM", "transport", "8.00"), I("LITTLE TREES VANILLA", "transport", "1.99", "3"),
                D("MEMBER DISCOUNT", "-3.00")],
         tax_rate=None, tax_amount="0.00", tax_label="TAX", payment=("VISA ****0519", None),
         footer=["Drive clean!"], noise=dict(rot=0.4, sigma=4, blur=0.3, light=0.08)),
    # 9 US pet store, mono leaders with $
    dict(slug="furry-friends-pet-co", merchant="FURRY FRIENDS PET CO", font="dejavu-mono", size=22, width=640,
         header=["615 Ponce de Leon Ave", "Atlanta GA 30308"],
         date=("10/04/2025 16:20", "2025-10-04"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("BLUE BUFFALO LP 15LB", "household", "42.99"), I("FRESH STEP LITTER 25LB", "household", "16.99"),
                I("GREENIES DENTAL 12OZ", "household", "9.99", "2"), I("KONG CLASSIC MED", "household", "12.99"),
                I("TETRAMIN FLAKES 1OZ", "household", "4.99")],
         tax_rate="0.089", tax_label="TAX 8.9%", payment=("CARD", None),
         footer=["Adopt, don't shop"], noise=dict(rot=-0.2, sigma=6, blur=0.3, light=0.15)),
    # 10 US florist & gifts, qty above the item
    dict(slug="bloomfield-florist", merchant="BLOOMFIELD FLORIST & GIFTS", font="free-sans", size=24, width=620,
         header=["33 Broad St", "Bloomfield NJ 07003"],
         date=("02/13/2026 12:05", "2026-02-13"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="above_info", qty_sep="@",
         lines=[I("DOZEN RED ROSES", "other", "49.99"), I("MIXED BOUQUET MED", "other", "34.99"),
                I("MYLAR BALLOON 18IN", "other", "3.99", "2"), I("HALLMARK CARD BDAY", "other", "5.99"),
                I("PLUSH BEAR 10IN", "other", "14.99"), I("GLASS VASE 8IN", "household", "12.99")],
         tax_rate="0.06625", tax_label="SALES TAX", payment=("CASH", "140.00"),
         footer=["Say it with flowers"], noise=dict(rot=-0.8, sigma=5, blur=0.4, light=0.1)),

    # ---------------------------------------------------------------- UK (4)
    # 11 UK supermarket, £, VAT included, bag charge, "BALANCE DUE"
    dict(slug="kingsgate-supermarket-gbp", merchant="KINGSGATE SUPERMARKET", font="liberation-sans", size=24, width=640,
         header=["Kingsgate Retail Park", "Bedford MK40 1AA", "VAT Reg 219 8830 42"],
         date=("19/07/2025 10:22", "2025-07-19"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("WARBURTONS TOASTIE 800G", "food", "1.65"), I("YEO VALLEY YOG 450G", "food", "2.00"),
                I("MCVITIES DIGESTIVES 400G", "food", "1.39", "2"), I("TETLEY TEA 160S", "beverage", "4.50"),
                I("ROBINSONS SQUASH 1L", "beverage", "1.85"), I("PERSIL BIO 24W", "household", "7.00"),
                D("MEMBER PRICE", "-1.00"), I("LURPAK SPREADABLE 500G", "food", "4.25"),
                I("CARRIER BAG", "other", "0.10")],
         vat_included=("VAT INCL", "0.2"), total_label="BALANCE DUE", payment=("VISA DEBIT", None),
         footer=["Thank you for shopping at Kingsgate"], noise=dict(rot=0.5, sigma=6, blur=0.4, light=0.15)),
    # 12 UK newsagent, mono spaces, inline quantities: travel top-up, lottery, tobacco, news
    dict(slug="millers-news-wine-gbp", merchant="MILLERS NEWS & WINE", font="free-mono", size=24, width=640,
         header=["118 Holloway Rd", "London N7 8JE"],
         date=("12/07/2025 18:44", "2025-07-12"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="spaces", flags="", qty_style="inline", qty_sep="",
         lines=[I("OYSTER TOP UP", "transport", "20.00"), I("LOTTO LUCKY DIP", "other", "2.00", "2"),
                I("AMBER LEAF 30G", "other", "17.50"), I("RIZLA GREEN", "other", "0.85"),
                I("CADBURY DAIRY MILK 110G", "food", "1.85"), I("IRN BRU 500ML", "beverage", "1.45", "2"),
                I("THE TIMES", "other", "2.50")],
         vat_included=("VAT INC", "0.2"), total_label="TOTAL", payment=("CASH", "60.00"),
         footer=["Cheers, see you tomorrow"], noise=dict(rot=0.2, sigma=5, blur=0.3, light=0.1)),
    # 13 UK pharmacy, mono leaders with £, qty below the item line
    dict(slug="hargreaves-pharmacy-gbp", merchant="HARGREAVES PHARMACY", font="liberation-mono", size=22, width=640,
         header=["7 Market Place", "Kendal LA9 4TN", "01539 555 210"],
         date=("02/10/2025 09:17", "2025-10-02"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="leader", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("NUROFEN 200MG 16", "health", "2.50", "2"), I("GAVISCON ADV 250ML", "health", "8.49"),
                I("BENYLIN CHESTY 150ML", "health", "6.99"), I("ELASTOPLAST FABRIC 20", "health", "3.25"),
                I("SIMPLE FACE WASH 150ML", "personal_care", "3.99"),
                I("HEAD&SHOULDERS 250ML", "personal_care", "4.50", "2"), D("MULTISAVE", "-2.50"),
                I("SEVEN SEAS OMEGA3 60", "health", "7.99")],
         vat_included=("VAT @ 20% INCL", "0.2"), total_label="TOTAL", payment=("MASTERCARD", None),
         footer=["Ask your pharmacist for advice"], noise=dict(rot=-0.6, sigma=6, blur=0.3, light=0.12)),
    # 14 UK clothing, serif, gift card
    dict(slug="primrose-pearl-gbp", merchant="PRIMROSE & PEARL", font="liberation-serif", size=24, width=620,
         header=["41 Commercial St", "Harrogate HG1 1UB"],
         date=("28/06/2025 13:05", "2025-06-28"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("SLIM CHINO NAVY 32R", "clothing", "22.00"), I("CREW NECK JUMPER M", "clothing", "18.00"),
                I("ANKLE SOCKS 5PK", "clothing", "6.00", "2"), I("KIDS PYJAMAS 7-8Y", "clothing", "12.00"),
                I("E-GIFT CARD 20", "other", "20.00")],
         vat_included=("INC VAT", "0.2"), total_label="TOTAL", payment=("AMEX", None),
         footer=["Refunds within 28 days"], noise=dict(rot=0.7, sigma=5, blur=0.3, light=0.1)),

    # ---------------------------------------------------------------- Canada (3)
    # 15 Nova Scotia grocery, HST 14%, kg weight
    dict(slug="harbourview-grocers-cad", merchant="HARBOURVIEW GROCERS", font="dejavu-sans", size=22, width=640,
         header=["5640 Spring Garden Rd", "Halifax NS B3J 1H1", "HST# 70219 4418"],
         date=("2025-09-13 11:02", "2025-09-13"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("NATREL 2% MILK 4L", "food", "6.49"), I("DEMPSTERS WW BREAD 675G", "food", "3.49"),
                I("MAPLE LEAF BACON 375G", "food", "6.99"), I("KD ORIGINAL 225G", "food", "1.29", "4"),
                I("MCINTOSH APPLES", "food", "3.95", "1.130", "weight"), I("PERRIER 10PK 250ML", "beverage", "7.99"),
                D("MULTI-BUY SAVE", "-1.00"), I("SUNLIGHT DISH 950ML", "household", "3.99")],
         tax_rate="0.14", tax_label="HST 14%", payment=("MASTERCARD ****5561", None), currency_code_total=True,
         footer=["Thank you for shopping local"], noise=dict(rot=-0.4, sigma=5, blur=0.3, light=0.1)),
    # 16 Alberta gas bar: fuel as a plain line (litres are not a generator unit), GST on non-fuel
    dict(slug="great-plains-gas-bar-cad", merchant="GREAT PLAINS GAS BAR", font="free-mono", size=22, width=600,
         header=["Hwy 2 & Gasoline Alley", "Red Deer County AB", "GST# 81190 2245"],
         date=("2025-08-30 16:12", "2025-08-30"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("PUMP 6 REGULAR", "fuel", "71.84"), I("AUTO WASH DELUXE", "transport", "14.00"),
                I("TURTLE WAX ICE SPRAY", "transport", "12.99"), I("COFFEE CRISP", "food", "1.79", "2"),
                I("ICED CAPP 473ML", "beverage", "3.49")],
         tax_rate="0.05", tax_label="GST 5%", tax_base="nonfuel", payment=("VISA ****4410", None),
         footer=["THANK YOU / DRIVE SAFE"], noise=dict(rot=0.6, sigma=5, blur=0.3, light=0.12)),
    # 17 Quebec outfitter, TPS+TVQ, qty above the item
    dict(slug="plein-air-laurentides-cad", merchant="PLEIN AIR LAURENTIDES", font="liberation-serif", size=24, width=660,
         header=["1000 Chemin des Voyageurs", "Mont-Tremblant QC J8E 1T1", "TPS 81234 5678 / TVQ 1220 3345"],
         date=("2025-10-14 12:20", "2025-10-14"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="above_info", qty_sep="x",
         lines=[I("MERINO BASE LAYER L", "clothing", "89.99"), I("HIKING SOCKS 2PK", "clothing", "24.99", "2"),
                I("HEADLAMP 350LM", "electronics", "39.99"), I("LITHIUM AA 4PK", "electronics", "12.49"),
                I("TRAIL MAP MONT-TREMBLANT", "other", "12.95")],
         tax_rate="0.14975", tax_label="TPS+TVQ 14.975%", payment=("VISA ****7725", None), currency_code_total=True,
         footer=["Merci / Thank you"], noise=dict(rot=-0.9, sigma=6, blur=0.4, light=0.15)),

    # ---------------------------------------------------------------- Australia (3)
    # 18 AU supermarket, mono spaces, ABN, GST included, kg weight
    dict(slug="banksia-fresh-aud", merchant="BANKSIA FRESH", font="dejavu-mono", size=22, width=660,
         header=["Shop 4, 21 Beach Rd", "Sandringham VIC 3191", "ABN 27 514 906 331"],
         date=("24/07/2025 17:40", "2025-07-24"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="@",
         lines=[I("WEET-BIX 1.2KG", "food", "6.50"), I("BEGA PEANUT BUTTER 470G", "food", "5.00"),
                I("BUNDABERG GINGER BEER 4PK", "beverage", "6.20", "2"),
                I("SORBENT TOILET TISSUE 12PK", "household", "9.00"), I("MORNING FRESH 400ML", "household", "3.50"),
                I("BANANAS CAVENDISH", "food", "3.90", "1.240", "weight"), D("SPECIALS SAVING", "-1.50")],
         vat_included=("GST INCLUDED IN TOTAL", "0.1"), total_label="TOTAL", payment=("EFTPOS", None),
         footer=["Fresh from the bay"], noise=dict(rot=0.5, sigma=6, blur=0.3, light=0.12)),
    # 19 AU chemist, sans, ABN
    dict(slug="southern-cross-chemist-aud", merchant="SOUTHERN CROSS CHEMIST", font="liberation-sans", size=24, width=660,
         header=["88 Flinders St", "Townsville QLD 4810", "ABN 61 302 774 915"],
         date=("03/11/2025 10:15", "2025-11-03"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("PANADOL RAPID 20PK", "health", "5.49", "2"), I("CODRAL DAY NIGHT 24", "health", "13.99"),
                I("BLACKMORES VIT C 1000MG 60", "health", "15.99"), I("SUNSENSE SPF50+ 200ML", "personal_care", "19.99"),
                I("QV SKIN LOTION 250ML", "personal_care", "11.99"), I("DETTOL ANTISEPTIC 250ML", "health", "6.49")],
         vat_included=("INCL GST", "0.1"), total_label="TOTAL", payment=("MASTERCARD", None),
         footer=["Your health, our care"], noise=dict(rot=-0.3, sigma=5, blur=0.4, light=0.1)),
    # 20 AU roadhouse: fuel, food, a wrapped name, car care, cash
    dict(slug="warrego-roadhouse-aud", merchant="WARREGO ROADHOUSE", font="free-sans", size=24, width=620,
         header=["Warrego Hwy", "Roma QLD 4455", "ABN 45 118 220 903"],
         date=("03/09/2025 14:51", "2025-09-03"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("PUMP 2 UNLEADED 91", "fuel", "84.37"), I("FARMERS UNION|ICED COFFEE 600ML", "beverage", "4.20", "1", "wrap"),
                I("CHIKO ROLL", "food", "4.50", "2"), I("WINDSCREEN WASH 2L", "transport", "8.95"),
                I("MEAT PIE", "food", "5.90")],
         vat_included=("GST INC", "0.1"), total_label="TOTAL", payment=("CASH", "120.00"),
         footer=["Safe travels, mate"], noise=dict(rot=0.3, sigma=5, blur=0.3, light=0.1)),

    # ---------------------------------------------------------------- Eurozone, comma decimals (8)
    # 21 German supermarket, mono leaders, no symbol, flags, cash with RUECKGELD
    dict(slug="markthalle-krause-eur", merchant="MARKTHALLE KRAUSE", font="dejavu-mono", size=22, width=620,
         header=["Koenigsbruecker Str. 55", "01099 Dresden", "St.-Nr. 202/118/04471"],
         date=("22.08.2025 18:55", "2025-08-22"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="leader", flags="A", qty_style="above_info", qty_sep="x",
         lines=[I("HARIBO GOLDBAEREN 200G", "food", "1.19", "3"), I("DR.OETKER RISTORANTE", "food", "2.49", "2"),
                I("BECKS PILS 6X0,33L", "beverage", "5.49"), I("WEIHENST. H-MILCH 1,5%", "food", "1.39"),
                I("ARIEL UNIVERSAL 20WL", "household", "5.95"), D("PREISVORTEIL", "-0.30"),
                I("EIER FREILAND 10ST", "food", "3.29")],
         vat_included=("MWST 7% ENTH.", "0.07"), total_label="ZU ZAHLEN", payment=("BAR", "40.00"),
         footer=["Danke fuer Ihren Einkauf"], noise=dict(rot=0.4, sigma=6, blur=0.4, light=0.1)),
    # 22 Austrian drugstore, mono spaces, €, USt 20%
    dict(slug="drogerie-winkler-eur", merchant="DROGERIE WINKLER", font="free-mono", size=22, width=660,
         header=["Maria-Theresien-Str. 18", "6020 Innsbruck", "UID ATU61234578"],
         date=("07.11.2025 10:12", "2025-11-07"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("BALEA DUSCHGEL 300ML", "personal_care", "1.45", "2"), I("ELMEX KARIESSCHUTZ 75ML", "personal_care", "3.95"),
                I("ASPIRIN PLUS C 20ST", "health", "9.95"), I("DOPPELHERZ MAGNESIUM 30", "health", "4.95"),
                I("VARTA LONGLIFE AA 4ER", "electronics", "4.49"), I("TEMPO TASCHENTUECHER 15X9", "household", "2.29")],
         vat_included=("USt 20% INKL", "0.2"), total_label="SUMME", payment=("BANKOMAT", None),
         footer=["Danke und auf Wiedersehen"], noise=dict(rot=-0.5, sigma=5, blur=0.3, light=0.15)),
    # 23 French pharmacy, no symbol, qty above the item, "NET A PAYER"
    dict(slug="pharmacie-des-arcades-eur", merchant="PHARMACIE DES ARCADES", font="liberation-sans", size=24, width=640,
         header=["12 Place du Capitole", "31000 Toulouse", "SIRET 412 345 678 00021"],
         date=("18/10/2025 17:26", "2025-10-18"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="columns", flags="", qty_style="above_info", qty_sep="x",
         lines=[I("DOLIPRANE 1000MG 8CP", "health", "2.18", "2"), I("SPASFON LYOC 10", "health", "4.90"),
                I("BIAFINE EMULSION 93G", "health", "6.45"), I("AVENE EAU THERMALE 300ML", "personal_care", "9.90"),
                I("ROGE CAVAILLES GEL 400ML", "personal_care", "3.99"), I("COMPRESSES STERILES X50", "health", "3.20")],
         vat_included=("DONT TVA 10%", "0.1"), total_label="NET A PAYER", payment=("CARTE BANCAIRE", None),
         footer=["Merci de votre confiance"], noise=dict(rot=0.6, sigma=6, blur=0.3, light=0.1)),
    # 24 Dutch electronics, €, BTW included
    dict(slug="electro-van-dam-eur", merchant="ELECTRO VAN DAM", font="dejavu-sans", size=22, width=640,
         header=["Demer 31", "5611 AJ Eindhoven", "KvK 17045566"],
         date=("04-09-2025 15:37", "2025-09-04"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("JBL TUNE 510BT", "electronics", "39.99"), I("USB-C LADER 25W", "electronics", "19.99"),
                I("HDMI KABEL 2M", "electronics", "9.99"), I("PHILIPS AAA BATTERIJEN 4ST", "electronics", "3.49", "2"),
                D("KORTING", "-5.00"), I("PRINTPAPIER A4 500V", "other", "5.99")],
         vat_included=("BTW 21%", "0.21"), total_label="TE BETALEN", payment=("PIN", None),
         footer=["Bedankt voor uw aankoop"], noise=dict(rot=-0.7, sigma=5, blur=0.4, light=0.12)),
    # 25 Spanish service station, €, IVA 21% included
    dict(slug="estacion-el-cruce-eur", merchant="E.S. EL CRUCE", font="free-sans", size=24, width=620,
         header=["Ctra. N-340 km 412", "46470 Catarroja (Valencia)", "CIF B46123987"],
         date=("26/08/2025 09:14", "2025-08-26"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("GASOLINA 95 SURT 4", "fuel", "52.30"), I("LAVADO PREMIUM", "transport", "9.90"),
                I("AGUA BEZOYA 1,5L", "beverage", "0.95", "2"), I("PATATAS LAYS 160G", "food", "2.15"),
                I("AMBIENTADOR COCHE", "transport", "3.50")],
         vat_included=("IVA INCLUIDO 21%", "0.21"), total_label="TOTAL", payment=("VISA", None),
         footer=["Gracias y buen viaje"], noise=dict(rot=0.2, sigma=4, blur=0.3, light=0.08)),
    # 26 Italian grocer, mono spaces, no symbol, kg weight, "DI CUI IVA"
    dict(slug="alimentari-rossi-eur", merchant="ALIMENTARI ROSSI", font="liberation-mono", size=22, width=660,
         header=["Via dell'Indipendenza 40", "40121 Bologna", "P.IVA 01234567890", "DOCUMENTO COMMERCIALE"],
         date=("09/10/2025 18:22", "2025-10-09"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="spaces", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("PARMIGIANO REGG. 24M", "food", "22.90", "0.318", "weight"),
                I("BARILLA SPAGHETTI N5", "food", "0.99", "3"), I("MOZZARELLA BUFALA 250G", "food", "3.49"),
                I("PASSATA MUTTI 700G", "food", "1.29", "2"), I("S.PELLEGRINO 6X1L", "beverage", "3.60"),
                D("SCONTO FEDELTA", "-1.00"), I("NELSEN PIATTI 900ML", "household", "1.79")],
         vat_included=("DI CUI IVA", "0.1"), total_label="TOTALE COMPLESSIVO", payment=("PAGAMENTO ELETTRONICO", None),
         footer=["Grazie e arrivederci"], noise=dict(rot=-0.4, sigma=6, blur=0.3, light=0.15)),
    # 27 German clothing store, serif, €, suffix minus, carrier bag
    dict(slug="modehaus-brandt-eur", merchant="MODEHAUS BRANDT", font="liberation-serif", size=24, width=640,
         header=["Moenckebergstrasse 7", "20095 Hamburg"],
         date=("15.11.2025 14:08", "2025-11-15"), currency="EUR", fmt=Fmt(comma=True, symbol="€", minus="suffix"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("JEANS SLIM W32 L34", "clothing", "49.99"), I("T-SHIRT V-AUSSCHNITT", "clothing", "12.99", "2"),
                D("AKTION 20%", "-10.00"), I("SNEAKERSOCKEN 3ER", "clothing", "7.99"),
                I("STRICKMUETZE GRAU", "clothing", "14.99"), I("TRAGETASCHE", "other", "0.20")],
         vat_included=("ENTH. MWST 19%", "0.19"), total_label="GESAMT", payment=("GIROCARD", None),
         footer=["Umtausch innerhalb 14 Tagen"], noise=dict(rot=0.5, sigma=5, blur=0.4, light=0.1)),
    # 28 French tabac-presse, €, inline quantities: tobacco, lottery, metro tickets, press
    dict(slug="tabac-de-la-gare-eur", merchant="TABAC DE LA GARE", font="free-sans", size=24, width=580,
         header=["Place de la Gare", "59000 Lille"],
         date=("21/01/2026 08:03", "2026-01-21"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("WINSTON BLEU 20", "other", "12.50"), I("EUROMILLIONS", "other", "2.50", "2"),
                I("FDJ CASH GRATTAGE", "other", "5.00"), I("TICKET METRO X10", "transport", "16.90"),
                I("LE MONDE", "other", "3.40"), I("ORANGINA 50CL", "beverage", "2.10")],
         vat_included=("DONT TVA 20%", "0.2"), total_label="TOTAL", payment=("CARTE", None),
         footer=["Bonne journee"], noise=dict(rot=-0.6, sigma=5, blur=0.3, light=0.12)),

    # ---------------------------------------------------------------- Ireland (1), New Zealand (1)
    # 29 Irish shop: € with dot decimals, plastic bag levy, cash
    dict(slug="clancys-foodstore-eur", merchant="CLANCY'S FOODSTORE", font="liberation-mono", size=22, width=640,
         header=["Bridge Street", "Westport, Co. Mayo F28 X2Y7", "VAT No IE 6388047V"],
         date=("14/12/2025 11:47", "2025-12-14"), currency="EUR", fmt=Fmt(symbol="€"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("BARRYS GOLD BLEND 80S", "beverage", "3.79"), I("KERRYGOLD BUTTER 454G", "food", "4.29"),
                I("BRENNANS WHOLEGRAIN 800G", "food", "2.39"), I("TAYTO CHEESE&ONION 6PK", "food", "2.99"),
                I("DENNY GOLD MEDAL SAUS", "food", "3.49"), I("CLUB ORANGE 500ML", "beverage", "1.70", "2"),
                I("PLASTIC BAG LEVY", "other", "0.22")],
         vat_included=("VAT INCL", "0.135"), total_label="TOTAL EUR", payment=("CASH", "30.00"),
         footer=["Go raibh maith agat"], noise=dict(rot=0.3, sigma=6, blur=0.3, light=0.1)),
    # 30 NZ superette: $, GST 15% included, kg weight, lotto
    dict(slug="kowhai-superette-nzd", merchant="KOWHAI SUPERETTE", font="dejavu-sans", size=22, width=640,
         header=["214 Dominion Rd", "Mt Eden, Auckland 1024", "GST No 98-765-432"],
         date=("31/01/2026 19:26", "2026-01-31"), currency="NZD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("ANCHOR BLUE TOP 2L", "food", "4.89"), I("WATTIES BAKED BEANS 420G", "food", "2.20", "2"),
                I("L&P 1.5L", "beverage", "3.49"), I("WHITTAKERS CREAMY MILK 250G", "food", "5.99"),
                I("PAMS PAPER TOWELS 2PK", "household", "4.29"), I("GOLD KIWIFRUIT", "food", "8.99", "0.720", "weight"),
                D("CLUB DEAL", "-1.00"), I("LOTTO 10 LINES", "other", "7.00")],
         vat_included=("INCLUDES GST", "0.15"), total_label="TOTAL", payment=("EFTPOS", None),
         footer=["Cheers, see you next time"], noise=dict(rot=-0.2, sigma=5, blur=0.3, light=0.14)),
]


# ---------------------------------------------------------------------------------------
# Checks




def check_new():
    """Slugs, merchants and item names must be new relative to the fixture SPECS and the first blind set."""
    blind1 = load(BLIND1, "make_blind")
    old_specs = list(mr.SPECS) + list(blind1.SPECS)
    old_items = {norm(n) for n in item_names(old_specs)}
    old_slugs = {norm(s["slug"]) for s in old_specs}
    old_merchants = {norm(s["merchant"]) for s in old_specs}
    old_text = " " + norm(SRC.read_text() + " " + BLIND1.read_text()) + " "
    problems = []
    seen_items, seen_slugs, seen_merchants = set(), set(), set()
    for s in SPECS:
        slug, merchant = norm(s["slug"]), norm(s["merchant"])
        if slug in old_slugs or slug in seen_slugs:
            problems.append(f"slug not new: {s['slug']}")
        if merchant in old_merchants or merchant in seen_merchants or f" {merchant} " in old_text:
            problems.append(f"merchant not new: {s['merchant']}")
        seen_slugs.add(slug)
        seen_merchants.add(merchant)
        for e in s["lines"]:
            if e[0] != "item":
                continue
            name = norm(e[1].replace("|", " "))
            if name in old_items:
                problems.append(f"{s['slug']}: item '{e[1]}' is in an earlier SPECS")
            elif f" {name} " in old_text:
                problems.append(f"{s['slug']}: item '{e[1]}' occurs as a phrase in an earlier generator")
            if name in seen_items:
                problems.append(f"{s['slug']}: item '{e[1]}' repeats within this set")
            seen_items.add(name)
            padded = f" {name} "
            for brand in OLD_BRANDS:
                if f" {brand} " in padded:
                    problems.append(f"{s['slug']}: item '{e[1]}' reuses the brand '{brand}'")
            if e[2] not in CATEGORIES:
                problems.append(f"{s['slug']}: bad category {e[2]}")
    used = {e[2] for s in SPECS for e in s["lines"] if e[0] == "item"}
    if used != CATEGORIES:
        problems.append(f"categories not all used: missing {sorted(CATEGORIES - used)}")
    if problems:
        sys.exit("\n".join(problems))


def main():
    check_new()
    assert len(SPECS) == 30
    build_all(SPECS, OUT)


if __name__ == "__main__":
    main()
