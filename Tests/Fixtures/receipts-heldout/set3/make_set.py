#!/usr/bin/env python3
"""Third blind receipt set: 30 new receipts rendered with the fixture generator's machinery
(Tests/Fixtures/receipts/make_receipts.py, imported read-only), written beside this script.

Checks made before anything is written (the run fails if one does not hold):
  - every slug, merchant and item name is new relative to make_receipts.py's SPECS and to the
    first and second held-out sets (../set1/make_set.py, ../set2/make_set.py), after
    normalising case and punctuation, and no item name or merchant occurs as a phrase anywhere
    in those three files' text;
  - no brand used in those files is reused here, and no brand used here is a term of
    catalogs/lexicon.json as it was when the set was made (nor has a word that is one, unless that word is a plain
    product word listed in PLAIN_WORDS below);
  - categories are from the fixed set, and all ten are used;
  - the country mix is USA 10, UK 4, Canada 3, Australia 3, NZ 1, Ireland 1, eurozone 8;
  - every font key is used; noise stays within the fixtures' ranges;
  - every printed line fits on the paper;
  - every truth JSON is internally consistent (recomputed from the JSON alone, both as built and
    as read back from disk).

Run: python3 (with pillow) Tests/Fixtures/receipts-heldout/set3/make_set.py
(The lexicon has since learned these brands, so that check runs only when ORCH_HELDOUT_LEXICON
names a lexicon file to check against.)
"""
import json
import os
from collections import Counter
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from heldout import CATEGORIES, SRC, build_all, load, item_names, mr, norm  # noqa: E402  (the shared part)

BLIND1 = HERE.parent / "set1" / "make_set.py"
BLIND2 = HERE.parent / "set2" / "make_set.py"
LEXICON = Path(os.environ["ORCH_HELDOUT_LEXICON"]) if os.environ.get("ORCH_HELDOUT_LEXICON") else None
OUT = HERE


Fmt, I, D = mr.Fmt, mr.I, mr.D


# Brands the fixture SPECS and the first two blind sets use (the first blind set's list, as
# make_blind2.py records it, plus the second set's own).
OLD_BRANDS = [
    # fixtures + blind 1
    "kirkland", "tylenol", "advil", "band aid", "colgate", "dove", "wd 40", "coca cola", "coke", "pepsi",
    "kleenex", "nyquil", "claritin", "crest", "gillette", "vegemite", "tim tam", "arnotts", "milo",
    "mortein", "walkers", "hovis", "pg tips", "heinz", "fairy", "lucozade", "snickers", "carling",
    "nature valley", "charmin", "lacroix", "tide", "purina", "temptations", "lemsip", "nivea",
    "sensodyne", "pampers", "cheerios", "gatorade", "ziploc", "cathedral city", "andrex", "ribena",
    "reactine", "polysporin", "aveeno", "listerine", "marlboro", "powerball", "red bull", "doritos",
    "dualsense", "clubcard", "nectar", "iga", "lightning",
    # blind 2
    "sargento", "oreo", "dasani", "glad", "bounty", "aleve", "zyrtec", "centrum", "neosporin", "cerave",
    "old spice", "duracell", "gorilla", "scotchblue", "kohler", "energizer", "armor all", "monster",
    "slim jim", "camel", "mega millions", "logitech", "sandisk", "bic", "post it", "expo", "rayovac",
    "levis", "hanes", "columbia", "carhartt", "little trees", "blue buffalo", "fresh step", "greenies",
    "kong", "tetramin", "hallmark", "warburtons", "yeo valley", "mcvities", "tetley", "robinsons",
    "persil", "lurpak", "oyster", "amber leaf", "rizla", "cadbury", "irn bru", "nurofen", "gaviscon",
    "benylin", "elastoplast", "simple", "head shoulders", "seven seas", "natrel", "dempsters",
    "maple leaf", "kd", "perrier", "sunlight", "turtle wax", "coffee crisp", "iced capp", "weet bix",
    "bega", "bundaberg", "sorbent", "morning fresh", "panadol", "codral", "blackmores", "sunsense", "qv",
    "dettol", "farmers union", "chiko", "haribo", "dr oetker", "becks", "weihenst", "ariel", "balea",
    "elmex", "aspirin", "doppelherz", "varta", "tempo", "doliprane", "spasfon", "biafine", "avene",
    "roge cavailles", "jbl", "philips", "bezoya", "lays", "barilla", "mutti", "pellegrino", "nelsen",
    "winston", "fdj", "le monde", "orangina", "barrys", "kerrygold", "brennans", "tayto", "denny",
    "club orange", "anchor", "watties", "whittakers", "pams", "l p",
]

# Plain product or descriptive words that may occur inside a brand name although the lexicon
# lists them as words (they are not brands there: colours, places, ordinary nouns).
PLAIN_WORDS = {"blue", "black", "gold", "golden", "cherry", "stone", "wood", "diamond", "lea", "robin",
               "leaf", "clover", "wild", "bird", "farms", "vital", "taste", "of", "the", "and", "in",
               "best", "worlds", "king", "frost", "st", "le", "la", "de", "do", "rip", "point", "vodka",
               "mini", "set", "iso", "y", "series", "red", "label", "ii", "one", "two", "p3", "go", "air",
               "pop", "bom", "petisco", "classic", "e27", "sea", "salt", "ag", "linien", "player", "john",
               "national", "book", "token", "ultra", "card", "gift", "steam",
               # honorifics, units and abbreviations the lexicon lists as plain words
               "mr", "mrs", "oz", "lotto", "v", "energy", "ex", "tp", "x", "rain", "mount"}



# ---------------------------------------------------------------------------------------
# Specs. Each receipt carries country= and shop= (for the mix report and check) and brands=
# (the brand names printed in its item lines, checked against the lexicon and earlier sets).

SPECS = [
    # ================================================================ USA (10)
    # 1 US supermarket (Utah taxes food at 3%), mono leaders, no symbol, food-stamp flag,
    #   lb weight, a wrapped name, tote bag, cash
    dict(slug="wasatch-family-foods", merchant="WASATCH FAMILY FOODS", font="liberation-mono", size=22, width=640,
         header=["3390 S Highland Dr", "Salt Lake City, UT 84106", "(801) 555-0139"],
         date=("07/11/2025 06:12 PM", "2025-07-11"), currency="USD", fmt=Fmt(symbol=""),
         layout="leader", flags="F", qty_style="below_total", qty_sep="@",
         country="USA", shop="grocery",
         brands=["tillamook", "vital farms", "fairlife", "mission", "goya", "topo chico", "viva", "puffs"],
         lines=[I("TILLAMOOK MED CHDR 2LB", "food", "12.99"), I("VITAL FARMS LG EGGS 12CT", "food", "6.49"),
                I("FAIRLIFE 2% MLK 52OZ", "food", "4.79", "2"), I("MISSION FLOUR TORT 10CT", "food", "3.29"),
                I("GOYA BLK BEANS 15.5OZ", "food", "1.19", "4"), I("YLW PEACHES", "food", "1.99", "2.060", "weight-lb"),
                D("BONUS CARD SAVINGS", "-2.00"), I("TOPO CHICO 12PK 12OZ", "beverage", "13.99"),
                I("VIVA SIGNATURE CLOTH|PAPER TOWELS 6 DBL RL", "household", "11.49", "1", "wrap"),
                I("PUFFS PLUS LOTION 4PK", "household", "7.49"), I("REUSABLE TOTE BAG", "other", "0.99")],
         tax_rate="0.03", tax_label="TAX 3.00%", payment=("CASH", "100.00"), items_sold=True,
         footer=["THANK YOU FOR SHOPPING WASATCH"], noise=dict(rot=0.5, sigma=6, blur=0.3, light=0.12)),
    # 2 US pharmacy in Oregon (no sales tax), sans columns, qty below the info line
    dict(slug="willamette-rx", merchant="WILLAMETTE RX & WELLNESS", font="dejavu-sans", size=22, width=640,
         header=["2115 NE Broadway", "Portland, OR 97232", "Pharmacy 503-555-0176"],
         date=("Aug 14, 2025  10:37 AM", "2025-08-14"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         country="USA", shop="pharmacy",
         brands=["xyzal", "zicam", "culturelle", "olly", "vanicream", "secret"],
         lines=[I("XYZAL 24HR 35CT", "health", "26.99"), I("ZICAM NASAL SWABS 20CT", "health", "13.49"),
                I("CULTURELLE DIGEST 30CT", "health", "21.99"), I("OLLY SLEEP GUMMIES 50CT", "health", "13.99"),
                D("PHARMACY REWARDS", "-5.00"), I("VANICREAM MOIST CRM 16OZ", "personal_care", "15.99"),
                I("SECRET CLIN STR DEO 1.6OZ", "personal_care", "10.49", "2"),
                I("WR ALKALINE AA 8PK", "electronics", "7.99")],
         tax_rate=None, tax_amount="0.00", tax_label="TAX", payment=("VISA ****5097", None),
         footer=["Be well, Portland"], noise=dict(rot=-0.5, sigma=5, blur=0.4, light=0.12)),
    # 3 US lumber & hardware, mono spaces, SKUs, qty above the item, car care
    dict(slug="tri-county-lumber", merchant="TRI-COUNTY LUMBER & HDW", font="dejavu-mono", size=22, width=680,
         header=["1809 N 72nd St", "Omaha NE 68114", "402-555-0128"],
         date=("2025-10-21 07:48", "2025-10-21"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         country="USA", shop="hardware",
         brands=["rust oleum", "dap", "titebond", "frost king", "simpson", "prestone", "rain x"],
         lines=[I("RUST-OLEUM FLAT BLK 12OZ", "household", "5.98", "2"), I("DAP ALEX PLUS CAULK", "household", "3.48", "3"),
                I("TITEBOND II GLUE 8OZ", "household", "4.97"), I("FROST KING V-SEAL 17FT", "household", "6.47"),
                I("SIMPSON A21 ANGLE 2IN", "household", "0.68", "10"), I("PRESTONE DE-ICER 1GAL", "transport", "3.97", "2"),
                I("RAIN-X WIPER 20IN", "transport", "14.97")],
         tax_rate="0.07", tax_label="SALES TAX 7%", subtotal_label="SUB-TOTAL", payment=("CARD", None),
         footer=["CONTRACTOR DESK OPENS 6AM"], noise=dict(rot=-0.3, sigma=5, blur=0.3, light=0.18)),
    # 4 US pet store, mono leaders with $
    dict(slug="two-rivers-pet", merchant="TWO RIVERS PET SUPPLY", font="free-mono", size=22, width=640,
         header=["2620 E Clairemont Ave", "Eau Claire WI 54701"],
         date=("09/06/2025 15:41", "2025-09-06"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         country="USA", shop="pet",
         brands=["totw", "wellness", "worlds best", "zukes", "benebone", "seresto"],
         lines=[I("TOTW HIGH PRAIRIE 28LB", "household", "58.99"), I("WELLNESS CORE CAT 5LB", "household", "24.99"),
                I("WORLDS BEST LITTER 15LB", "household", "25.99"), I("ZUKES MINI NATURALS 6OZ", "household", "8.49", "2"),
                I("BENEBONE WISHBONE LG", "household", "16.99"), I("SERESTO COLLAR LG DOG", "household", "59.99"),
                D("PACK CLUB 10% OFF", "-6.00")],
         tax_rate="0.055", tax_label="TAX 5.5%", payment=("CARD", None),
         footer=["Every pet deserves the best"], noise=dict(rot=0.4, sigma=6, blur=0.3, light=0.1)),
    # 5 US electronics, sans, SKUs, gift card
    dict(slug="gulf-freeway-electronics", merchant="GULF FREEWAY ELECTRONICS", font="dejavu-sans", size=22, width=680,
         header=["Computers * Audio * Mobile", "9400 Gulf Fwy", "Houston TX 77017"],
         date=("11/28/2025 10:05", "2025-11-28"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         country="USA", shop="electronics",
         brands=["ugreen", "tp link", "deco", "jlab", "crucial", "pny", "steam"],
         lines=[I("UGREEN 65W GAN CHARGER", "electronics", "39.99"), I("TP-LINK DECO X20 2PK", "electronics", "179.99"),
                D("BLACK FRIDAY DOORBUSTER", "-30.00"), I("JLAB GO AIR POP BUDS", "electronics", "24.99"),
                I("CRUCIAL P3 1TB NVME", "electronics", "64.99"), I("PNY USB 3.2 128GB", "electronics", "12.99", "2"),
                I("STEAM GIFT CARD 50", "other", "50.00")],
         tax_rate="0.0825", tax_label="TAX 8.25%", payment=("AMEX ****1042", None),
         footer=["Gift cards are not refundable"], noise=dict(rot=-0.8, sigma=6, blur=0.3, light=0.1)),
    # 6 US clothing, serif, suffix minus, qty below the info line
    dict(slug="bramble-oak-mercantile", merchant="BRAMBLE & OAK MERCANTILE", font="liberation-serif", size=24, width=660,
         header=["Clothing for the long haul", "48 Exchange St", "Portland ME 04101"],
         date=("Oct 11, 2025 2:26 PM", "2025-10-11"), currency="USD", fmt=Fmt(symbol="$", minus="suffix"),
         layout="columns", flags="", qty_style="below_info", qty_sep="@",
         country="USA", shop="clothing",
         brands=["dickies", "smartwool", "pendleton", "stance", "keen"],
         lines=[I("DICKIES 874 WORK PANT 34X30", "clothing", "34.99"), I("SMARTWOOL HIKE CREW SOCK", "clothing", "24.95", "2"),
                I("PENDLETON BOARD SHIRT L", "clothing", "139.00"), D("FALL EVENT 20%", "-27.80"),
                I("STANCE BOXER BRIEF M", "clothing", "28.00"), I("KEEN TARGHEE III WP 10", "clothing", "170.00")],
         tax_rate="0.055", tax_label="TAX", payment=("MASTERCARD ****7734", None),
         footer=["Free hemming on all trousers"], noise=dict(rot=0.7, sigma=5, blur=0.4, light=0.14)),
    # 7 US gas station in Kansas: gallons, snacks, dip, lottery; tax on non-fuel only; cash
    dict(slug="sunflower-express-fuel", merchant="SUNFLOWER EXPRESS #61", font="liberation-mono", size=22, width=620,
         header=["4720 S Broadway", "Wichita KS 67216"],
         date=("08/31/2025 17:19", "2025-08-31"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         country="USA", shop="fuel station",
         brands=["alani nu", "obertos", "funyuns", "grizzly"],
         lines=[I("PUMP 08 UNL 87", "fuel", "2.899", "13.417", "weight-gal"),
                I("ALANI NU ENERGY 12OZ", "beverage", "2.79", "2"), I("OBERTOS BEEF JERKY 3.25OZ", "food", "7.49"),
                I("FUNYUNS ONION RINGS 6OZ", "food", "2.49"), I("GRIZZLY WINTERGREEN LC", "other", "6.29"),
                I("KS PICK 3 QP", "other", "1.00", "2")],
         tax_rate="0.075", tax_label="TAX", tax_base="nonfuel", payment=("CASH", "70.00"), items_sold=True,
         footer=["THANKS FOR STOPPING IN"], noise=dict(rot=-0.6, sigma=5, blur=0.3, light=0.1)),
    # 8 US coffee shop, quantities inline, cash
    dict(slug="little-dipper-coffee", merchant="LITTLE DIPPER COFFEE", font="free-sans", size=26, width=560,
         header=["77 Haywood St", "Asheville NC"],
         date=("09/27/2025 08:14", "2025-09-27"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         country="USA", shop="cafe",
         brands=["spindrift"],
         lines=[I("OAT MILK LATTE 16OZ", "beverage", "5.75", "2"), I("DIRTY CHAI 12OZ", "beverage", "5.25"),
                I("KOUIGN AMANN", "food", "4.50", "2"), I("BREAKFAST SANDO", "food", "8.95"),
                I("SPINDRIFT GRAPEFRUIT", "beverage", "2.75")],
         tax_rate="0.0775", tax_label="TAX", payment=("CASH", "50.00"),
         footer=["Tips shared with the whole team"], noise=dict(rot=0.3, sigma=5, blur=0.5, light=0.1)),
    # 9 US toy & stationery shop, qty above the item, a wrapped name, batteries
    dict(slug="kite-and-quill", merchant="KITE & QUILL TOYS", font="liberation-sans", size=24, width=660,
         header=["Toys * Games * Paper Goods", "310 E Liberty St", "Ann Arbor MI 48104"],
         date=("12/06/2025 11:52 AM", "2025-12-06"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="above_info", qty_sep="@",
         country="USA", shop="toy/stationery",
         brands=["crayola", "play doh", "melissa doug", "sharpie", "pilot", "moleskine", "amazonbasics"],
         lines=[I("CRAYOLA 64CT CRAYONS", "other", "5.49"), I("PLAY-DOH 10PK", "other", "7.99"),
                I("MELISSA & DOUG FLOOR PUZZLE", "other", "14.99"), I("SHARPIE FINE BLK 12PK", "other", "11.49"),
                I("PILOT G2 07 BLUE 4PK", "other", "6.99", "2"),
                I("MOLESKINE CLASSIC|NOTEBOOK LG RULED", "other", "22.95", "1", "wrap"),
                I("AMAZONBASICS AA 20PK", "electronics", "13.99")],
         tax_rate="0.06", tax_label="MI TAX 6%", payment=("DISCOVER ****3381", None),
         footer=["Gift wrap is always free"], noise=dict(rot=-0.4, sigma=5, blur=0.4, light=0.1)),
    # 10 US liquor store, mono spaces with $, qty below the info line
    dict(slug="highwater-wine-spirits", merchant="HIGHWATER WINE & SPIRITS", font="dejavu-mono", size=22, width=660,
         header=["1100 Charlotte Pike", "Nashville TN 37203", "615-555-0182"],
         date=("12/31/2025 16:03", "2025-12-31"), currency="USD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="@",
         country="USA", shop="liquor",
         brands=["woodford reserve", "espolon", "kim crawford", "la marca", "pacifico", "zapps"],
         lines=[I("WOODFORD RESERVE 750ML", "beverage", "34.99"), I("ESPOLON BLANCO 750ML", "beverage", "27.99"),
                I("KIM CRAWFORD SAUV BL 750", "beverage", "13.99", "2"), I("LA MARCA PROSECCO 750ML", "beverage", "15.99"),
                D("WINE MIX 10%", "-4.40"), I("PACIFICO 12PK 12OZ BTL", "beverage", "17.99"),
                I("ZAPPS VOODOO CHIPS 5OZ", "food", "3.49")],
         tax_rate="0.0925", tax_label="TAX 9.25%", payment=("VISA ****6204", None),
         footer=["MUST BE 21 - PLEASE DRINK RESPONSIBLY"], noise=dict(rot=0.2, sigma=6, blur=0.3, light=0.15)),

    # ================================================================ UK (4)
    # 11 UK supermarket, mono spaces with £, qty below the info line, bag for life
    dict(slug="pennine-fresh-gbp", merchant="PENNINE FRESH FOODS", font="free-mono", size=22, width=660,
         header=["Westgate, Unit 2", "Huddersfield HD1 1NU", "VAT Reg 318 2297 61"],
         date=("23/08/2025 11:09", "2025-08-23"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="x",
         country="UK", shop="grocery",
         brands=["typhoo", "mr kipling", "richmond", "cravendale", "colmans", "fentimans", "plenty", "astonish"],
         lines=[I("TYPHOO TEA 80S", "beverage", "2.65"), I("MR KIPLING BAKEWELLS 6PK", "food", "1.85", "2"),
                I("RICHMOND THICK SAUS 8PK", "food", "2.75"), I("CRAVENDALE SEMI SKM 2L", "food", "2.35"),
                I("COLMANS MUSTARD 100G", "food", "1.60"), I("FENTIMANS GINGER BEER 275ML", "beverage", "1.50", "4"),
                D("MEMBER DEAL", "-1.20"), I("PLENTY KITCHEN ROLL 3PK", "household", "3.75"),
                I("ASTONISH KITCHEN 750ML", "household", "1.50"), I("BAG FOR LIFE", "other", "0.70")],
         vat_included=("VAT INCL", "0.2"), total_label="TO PAY", payment=("VISA CONTACTLESS", None),
         footer=["Thanks for shopping at Pennine Fresh"], noise=dict(rot=-0.5, sigma=6, blur=0.4, light=0.15)),
    # 12 UK stationer & toy shop, mono leaders with £, book token
    dict(slug="jarrold-lane-stationers-gbp", merchant="JARROLD LANE STATIONERS", font="dejavu-mono", size=22, width=640,
         header=["14 London Street", "Norwich NR2 1JU"],
         date=("06/12/2025 14:33", "2025-12-06"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         country="UK", shop="toy/stationery",
         brands=["papermate", "pritt", "staedtler", "leuchtturm1917", "tipp ex", "squishmallow", "uno", "jvc",
                 "national book token"],
         lines=[I("PAPERMATE FLAIR 4PK", "other", "4.99"), I("PRITT STICK 43G", "other", "3.25", "2"),
                I("STAEDTLER NORIS HB 10PK", "other", "3.50"), I("LEUCHTTURM1917 A5 DOTTED", "other", "19.95"),
                I("TIPP-EX MINI POCKET MOUSE", "other", "2.99"), I("SQUISHMALLOW 12IN", "other", "16.00"),
                I("UNO CARD GAME", "other", "8.99"), I("JVC GUMY EARPHONES", "electronics", "9.99"),
                I("NATIONAL BOOK TOKEN 20", "other", "20.00")],
         vat_included=("VAT 20% INCL", "0.2"), total_label="TOTAL", payment=("MASTERCARD", None),
         footer=["Happy writing!"], noise=dict(rot=0.6, sigma=5, blur=0.3, light=0.1)),
    # 13 UK garden centre, sans, qty above the item, plants, compost, cafe
    dict(slug="hollybank-garden-centre-gbp", merchant="HOLLYBANK GARDEN CENTRE", font="liberation-sans", size=24, width=660,
         header=["Pershore Road", "Evesham WR11 2LZ", "VAT No 441 0926 18"],
         date=("10/05/2025 12:48", "2025-05-10"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="above_info", qty_sep="@",
         country="UK", shop="garden centre",
         brands=["westland", "hozelock", "peckish", "fiskars"],
         lines=[I("WESTLAND MULTI COMPOST 50L", "household", "6.99", "2"), I("LAVENDER HIDCOTE 2L", "other", "6.99", "3"),
                I("HYDRANGEA MACROPHYLLA 3L", "other", "14.99"), D("PLANT CLUB 10%", "-3.60"),
                I("HOZELOCK SPRAY GUN", "household", "11.99"), I("PECKISH ALL SEASON 2KG", "household", "7.49"),
                I("FISKARS SOLID TROWEL", "household", "9.99"), I("CARROT CAKE SLICE", "food", "3.45"),
                I("POT OF TEA FOR ONE", "beverage", "2.60")],
         vat_included=("VAT @ 20% INCL", "0.2"), total_label="TOTAL", payment=("DEBIT CARD", None),
         footer=["Happy gardening!"], noise=dict(rot=-0.7, sigma=5, blur=0.3, light=0.12)),
    # 14 UK newsagent, mono spaces, inline quantities: tobacco, lottery, paper, sweets, batteries
    dict(slug="alder-road-news-gbp", merchant="ALDER ROAD NEWS", font="liberation-mono", size=24, width=640,
         header=["52 Alder Road", "Bristol BS7 8QD"],
         date=("15/11/2025 08:27", "2025-11-15"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="spaces", flags="", qty_style="inline", qty_sep="",
         country="UK", shop="newsagent",
         brands=["golden virginia", "the guardian", "wispa", "tango"],
         lines=[I("GOLDEN VIRGINIA 30G", "other", "17.10"), I("SET FOR LIFE", "other", "1.50", "2"),
                I("THUNDERBALL", "other", "1.00"), I("THE GUARDIAN SAT", "other", "4.20"),
                I("WISPA GOLD 48G", "food", "0.95", "2"), I("TANGO ORANGE 500ML", "beverage", "1.49"),
                I("LR44 BUTTON CELL 2PK", "electronics", "2.49")],
         vat_included=("VAT INC", "0.2"), total_label="TOTAL", payment=("CASH", "40.00"),
         footer=["Papers delivered daily"], noise=dict(rot=0.3, sigma=5, blur=0.3, light=0.1)),

    # ================================================================ Canada (3)
    # 15 NB grocery: basic groceries are zero-rated, so HST 0.00; kg weight; mono leaders with $
    dict(slug="tantramar-market-cad", merchant="TANTRAMAR MARKET", font="dejavu-mono", size=22, width=640,
         header=["112 Main St", "Sackville NB E4L 4B2", "HST# 74420 9136"],
         date=("2025-11-04 16:50", "2025-11-04"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         country="Canada", shop="grocery",
         brands=["gay lea", "baxter", "black diamond", "villaggio", "robin hood", "clover leaf"],
         lines=[I("GAY LEA SALTED BUTTER 454G", "food", "6.99"), I("BAXTER 2% MILK 2L", "food", "5.29"),
                I("BLACK DIAMOND OLD CHED 400G", "food", "7.49"), I("VILLAGGIO THICK ITAL 675G", "food", "3.99"),
                I("ROBIN HOOD AP FLOUR 2.5KG", "food", "8.49"), I("AMBROSIA APPLES", "food", "4.39", "1.064", "weight"),
                I("CLOVER LEAF SOLID TUNA 170G", "food", "2.29", "3"), D("MEMBER SAVINGS", "-1.50"),
                I("PEI RUSSET POTATOES 10LB", "food", "5.99")],
         tax_rate=None, tax_amount="0.00", tax_label="HST 15%", payment=("DEBIT", None), currency_code_total=True,
         footer=["Thank you for shopping local"], noise=dict(rot=0.5, sigma=6, blur=0.3, light=0.12)),
    # 16 Manitoba pharmacy, GST+RST 12%, serif, qty below the info line
    dict(slug="assiniboine-pharmacy-cad", merchant="ASSINIBOINE PHARMACY", font="liberation-serif", size=24, width=660,
         header=["1575 Portage Ave", "Winnipeg MB R3G 0W3", "GST# 85531 4420"],
         date=("2026-01-13 18:22", "2026-01-13"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         country="Canada", shop="pharmacy",
         brands=["buckleys", "gravol", "jamieson", "neocitran", "lubriderm", "penaten"],
         lines=[I("BUCKLEYS COMPLETE 250ML", "health", "14.99"), I("GRAVOL 50MG TABS 24", "health", "10.99"),
                I("JAMIESON VIT D3 1000IU 240", "health", "12.99"), I("NEOCITRAN ULTRA STR 10", "health", "13.49", "2"),
                I("LUBRIDERM DAILY MOIST 473ML", "personal_care", "13.99"), I("PENATEN CREAM 142G", "personal_care", "8.99"),
                D("POINTS REDEEMED", "-10.00")],
         tax_rate="0.12", tax_label="GST 5% + RST 7%", payment=("INTERAC FLASH", None), currency_code_total=True,
         footer=["Ask us about flu shots"], noise=dict(rot=-0.9, sigma=6, blur=0.4, light=0.15)),
    # 17 Saskatchewan auto & home store, GST+PST 11%, mono spaces, SKUs, qty above the item
    dict(slug="northgate-auto-home-cad", merchant="NORTHGATE AUTO & HOME", font="liberation-mono", size=22, width=680,
         header=["Store 221", "3310 8th St E", "Saskatoon SK S7H 0W5"],
         date=("2025-12-02 13:14", "2025-12-02"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         country="Canada", shop="hardware",
         brands=["castrol", "motomaster", "recochem", "noma", "kombi", "scosche"],
         lines=[I("CASTROL GTX 5W30 4.4L", "transport", "34.99"), I("MOTOMASTER WIPER 22IN", "transport", "19.99", "2"),
                I("RECOCHEM WASHER -45C", "transport", "4.49", "3"), I("NOMA LED MINI 100CT", "household", "24.99"),
                I("KOMBI THINSULATE GLOVE L", "clothing", "24.99"), I("SCOSCHE USB-C CAR CHGR", "electronics", "24.99")],
         tax_rate="0.11", tax_label="GST/PST 11%", payment=("MASTERCARD ****8813", None), currency_code_total=True,
         footer=["Winter ready? Ask about block heaters"], noise=dict(rot=0.4, sigma=5, blur=0.3, light=0.1)),

    # ================================================================ Australia (3)
    # 18 AU bottle shop, sans, GST included, a wrapped name
    dict(slug="coral-coast-cellars-aud", merchant="CORAL COAST CELLARS", font="dejavu-sans", size=22, width=640,
         header=["Shop 2, 45 Sydney St", "Mackay QLD 4740", "ABN 38 611 402 517"],
         date=("19/12/2025 17:46", "2025-12-19"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         country="Australia", shop="liquor",
         brands=["stone wood", "hahn", "yalumba", "wolf blass", "vodka cruiser", "smiths"],
         lines=[I("STONE & WOOD PACIFIC ALE 4PK", "beverage", "24.99"), I("HAHN SUPERDRY 24PK 330ML", "beverage", "54.99"),
                I("YALUMBA Y SERIES|SHIRAZ 750ML", "beverage", "14.99", "1", "wrap"),
                I("WOLF BLASS RED LABEL 750ML", "beverage", "12.99"), D("MEMBER SPECIAL", "-5.00"),
                I("VODKA CRUISER WILD BERRY 4PK", "beverage", "21.99"), I("SMITHS CHIPS ORIGINAL 170G", "food", "4.50")],
         vat_included=("GST INCLUDED", "0.1"), total_label="TOTAL", payment=("VISA CREDIT", None),
         footer=["Proof of age required under 25"], noise=dict(rot=-0.2, sigma=5, blur=0.4, light=0.1)),
    # 19 AU newsagent (Perth): SmartRider top-up, lotto, scratchies, paper, tobacco
    dict(slug="south-terrace-newsagency-aud", merchant="SOUTH TERRACE NEWSAGENCY", font="free-sans", size=24, width=640,
         header=["Shop 5, 84 South Tce", "Fremantle WA 6160", "ABN 70 226 914 358"],
         date=("05/01/2026 09:12", "2026-01-05"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         country="Australia", shop="newsagent",
         brands=["smartrider", "oz lotto", "the west australian", "winfield", "cherry ripe", "mount franklin"],
         lines=[I("SMARTRIDER TOP UP", "transport", "20.00"), I("OZ LOTTO QP 12 GAMES", "other", "13.55"),
                I("INSTANT SCRATCHIE 5", "other", "5.00", "2"), I("THE WEST AUSTRALIAN", "other", "2.50"),
                I("WINFIELD BLUE 25S", "other", "48.50"), I("CHERRY RIPE 52G", "food", "2.90"),
                I("MOUNT FRANKLIN 600ML", "beverage", "3.20")],
         vat_included=("INCL GST", "0.1"), total_label="TOTAL", payment=("CASH", "110.00"),
         footer=["Good luck!"], noise=dict(rot=0.8, sigma=5, blur=0.3, light=0.12)),
    # 20 AU clothing & outdoor (Hobart), serif, GST included, discount
    dict(slug="southerly-supply-aud", merchant="SOUTHERLY SUPPLY CO", font="liberation-serif", size=24, width=640,
         header=["Salamanca Place", "Hobart TAS 7000", "ABN 19 557 830 264"],
         date=("21/06/2025 13:37", "2025-06-21"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         country="Australia", shop="clothing",
         brands=["blundstone", "bonds", "rip curl", "macpac"],
         lines=[I("BLUNDSTONE 500 STOUT BRN 9", "clothing", "239.95"), I("BONDS TRACKIE PANT M", "clothing", "49.95"),
                I("RIP CURL SURF TEE L", "clothing", "39.99"), I("MACPAC FLEECE JACKET M", "clothing", "129.99"),
                D("WINTER SALE 20%", "-26.00"), I("BONDS EXPLORER SOCK 3PK", "clothing", "19.95", "2")],
         vat_included=("GST INC", "0.1"), total_label="TOTAL", payment=("MASTERCARD", None),
         footer=["Exchange within 30 days with receipt"], noise=dict(rot=-0.4, sigma=6, blur=0.3, light=0.14)),

    # ================================================================ New Zealand (1), Ireland (1)
    # 21 NZ service station: fuel as a plain line, snacks, car wash; GST 15% included
    dict(slug="kaimai-fuel-stop-nzd", merchant="KAIMAI FUEL STOP", font="free-mono", size=22, width=640,
         header=["SH29 Cameron Rd", "Tauranga 3112", "GST No 112-408-935"],
         date=("27/09/2025 16:58", "2025-09-27"), currency="NZD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_total", qty_sep="@",
         country="New Zealand", shop="fuel station",
         brands=["bluebird", "v energy", "mrs higgins"],
         lines=[I("PUMP 3 UNLEADED 91", "fuel", "89.37"), I("BLUEBIRD ORIGINAL 150G", "food", "3.99", "2"),
                I("V ENERGY 500ML", "beverage", "4.20"), I("MRS HIGGINS COOKIE", "food", "3.50"),
                I("SUPREME CAR WASH", "transport", "18.00")],
         vat_included=("GST INCLUDED", "0.15"), total_label="TOTAL NZD", payment=("EFTPOS", None),
         footer=["Kia pai to ra"], noise=dict(rot=-0.3, sigma=5, blur=0.3, light=0.1)),
    # 22 Irish newsagent: € with dot decimals, inline quantities, Leap top-up, lotto, paper, cash
    dict(slug="odowds-newsagents-eur", merchant="O'DOWD'S NEWSAGENTS", font="liberation-sans", size=24, width=620,
         header=["17 Shop Street", "Galway H91 T6FX", "VAT No IE 9481276W"],
         date=("03/10/2025 07:55", "2025-10-03"), currency="EUR", fmt=Fmt(symbol="€"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         country="Ireland", shop="newsagent",
         brands=["leap card", "irish independent", "cidona", "keoghs", "twirl", "john player"],
         lines=[I("LEAP CARD TOP UP", "transport", "20.00"), I("LOTTO 4 LINES", "other", "8.00"),
                I("IRISH INDEPENDENT", "other", "2.80"), I("CIDONA 500ML", "beverage", "2.10"),
                I("KEOGHS SEA SALT 125G", "food", "2.29"), I("TWIRL 43G", "food", "1.20", "2"),
                I("JOHN PLAYER BLUE 20", "other", "16.50")],
         vat_included=("VAT INCL", "0.23"), total_label="TOTAL", payment=("CASH", "60.00"),
         footer=["Slan abhaile"], noise=dict(rot=0.6, sigma=6, blur=0.3, light=0.12)),

    # ================================================================ Eurozone, comma decimals (8)
    # 23 German filling station, mono leaders, no symbol, flags, fuel as a plain line, Pfand
    dict(slug="tankstelle-brueckner-eur", merchant="TANKSTELLE BRUECKNER", font="dejavu-mono", size=22, width=640,
         header=["Hollaendische Str. 190", "34127 Kassel", "St.-Nr. 026/233/41987"],
         date=("12.09.2025 07:24", "2025-09-12"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="leader", flags="B", qty_style="above_info", qty_sep="x",
         country="Germany", shop="fuel station",
         brands=["sonax", "fritz kola", "knoppers"],
         lines=[I("SUPER E10 ZP 04", "fuel", "64.87"), I("SONAX SCHEIBENKLAR 1L", "transport", "4.99"),
                I("FRITZ-KOLA 0,33L", "beverage", "2.29", "2"), I("EINWEGPFAND", "beverage", "0.25", "2"),
                I("SALAMI-BROETCHEN", "food", "3.49"), I("KNOPPERS 25G", "food", "0.79", "3")],
         vat_included=("DARIN MWST 19%", "0.19"), total_label="GESAMT EUR", payment=("KARTENZAHLUNG", None),
         footer=["Gute Fahrt!"], noise=dict(rot=0.4, sigma=6, blur=0.4, light=0.1)),
    # 24 Austrian Trafik, mono spaces with €, inline quantities: tobacco, lotto, scratch cards,
    #    newspaper, transit ticket; cash with RUECKGELD
    dict(slug="trafik-pichler-eur", merchant="TRAFIK PICHLER", font="free-mono", size=22, width=640,
         header=["Landstrasse 37", "4020 Linz", "UID ATU58812034"],
         date=("28.10.2025 06:52", "2025-10-28"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="spaces", flags="", qty_style="inline", qty_sep="",
         country="Austria", shop="newsagent",
         brands=["memphis", "rubbellos", "kronen zeitung", "linz ag", "manner", "almdudler"],
         lines=[I("MEMPHIS BLUE 20", "other", "6.60"), I("LOTTO 6 AUS 45", "other", "5.60"),
                I("RUBBELLOS GOLD", "other", "3.00", "2"), I("KRONEN ZEITUNG", "other", "1.80"),
                I("LINZ AG 24H-TICKET", "transport", "5.30"), I("MANNER SCHNITTEN 75G", "food", "1.49", "2"),
                I("ALMDUDLER 0,5L", "beverage", "2.19")],
         vat_included=("USt 20% INKL", "0.2"), total_label="SUMME", payment=("BAR", "40.00"),
         footer=["Danke und schoenen Tag"], noise=dict(rot=-0.6, sigma=5, blur=0.3, light=0.15)),
    # 25 French supermarket, €, kg weight, discount
    dict(slug="superette-des-tilleuls-eur", merchant="SUPERETTE DES TILLEULS", font="liberation-sans", size=24, width=640,
         header=["27 Rue des Tilleuls", "44000 Nantes", "SIRET 508 221 946 00017"],
         date=("04/02/2026 18:31", "2026-02-04"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         country="France", shop="grocery",
         brands=["herta", "panzani", "st moret", "maille", "andros", "okay", "dop"],
         lines=[I("HERTA LE BON PARIS 4TR", "food", "3.15"), I("PANZANI TORTI 500G", "food", "1.29", "2"),
                I("ST MORET 150G", "food", "2.09"), I("MAILLE MOUTARDE DIJON 215G", "food", "1.99"),
                I("ANDROS JUS POMME 1L", "beverage", "2.49"), I("CLEMENTINES CORSE", "food", "3.99", "0.812", "weight"),
                D("REMISE CARTE FIDELITE", "-0.60"), I("OKAY ESSUIE-TOUT X2", "household", "2.35"),
                I("DOP SHAMPOOING 400ML", "personal_care", "2.39")],
         vat_included=("DONT TVA 5,5%", "0.055"), total_label="TOTAL A PAYER", payment=("CB EMV", None),
         footer=["Merci de votre visite"], noise=dict(rot=0.5, sigma=5, blur=0.3, light=0.1)),
    # 26 Belgian pharmacy (Ghent), serif, €, BTW 6% included
    dict(slug="apotheek-sint-pieters-eur", merchant="APOTHEEK SINT-PIETERS", font="liberation-serif", size=24, width=640,
         header=["Sint-Pietersnieuwstraat 58", "9000 Gent", "BTW BE 0412.775.318"],
         date=("17/11/2025 11:20", "2025-11-17"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         country="Belgium", shop="pharmacy",
         brands=["perdolan", "sinutab", "rhinathiol", "hemoclin", "mustela", "fluocaril"],
         lines=[I("PERDOLAN 500MG 20 TABL", "health", "3.95", "2"), I("SINUTAB 500MG 20", "health", "8.20"),
                I("RHINATHIOL SIROP 200ML", "health", "9.45"), I("HEMOCLIN GEL 45G", "health", "11.95"),
                I("MUSTELA HYDRA BEBE 300ML", "personal_care", "14.95"),
                I("FLUOCARIL BI-FLUORE 75ML", "personal_care", "4.25", "2")],
         vat_included=("BTW 6% INBEGR.", "0.06"), total_label="TOTAAL", payment=("BANCONTACT", None),
         footer=["Beterschap!"], noise=dict(rot=-0.2, sigma=6, blur=0.4, light=0.12)),
    # 27 Dutch railway ticket office, no symbol, tickets, bike hire, card top-up, gift card
    dict(slug="ns-ticketservice-utrecht-eur", merchant="NS TICKETSERVICE", font="free-sans", size=24, width=640,
         header=["Utrecht Centraal", "Stationshal", "KvK 30124359"],
         date=("14-03-2025 08:41", "2025-03-14"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="columns", flags="", qty_style="below_info", qty_sep="x",
         country="Netherlands", shop="transit",
         brands=["ov fiets", "ov chipkaart", "ns cadeaukaart"],
         lines=[I("ENKELE REIS 2E KLAS", "transport", "9.20", "2"), I("DAGRETOUR 2E KLAS", "transport", "25.40"),
                I("TOESLAG ICE DIRECT", "transport", "3.00"), I("OV-FIETS RIT 24U", "transport", "4.85"),
                I("OV-CHIPKAART SALDO", "transport", "20.00"), I("NS CADEAUKAART 25", "other", "25.00")],
         vat_included=("BTW 9% INCL", "0.09"), total_label="TOTAAL EUR", payment=("PINBETALING", None),
         footer=["Goede reis!"], noise=dict(rot=0.3, sigma=4, blur=0.3, light=0.08)),
    # 28 Spanish hardware store, mono spaces with €, SKUs, qty above the item; IVA added to a base
    dict(slug="ferreteria-la-fragua-eur", merchant="FERRETERIA LA FRAGUA", font="liberation-mono", size=22, width=680,
         header=["C/ Delicias 64", "50017 Zaragoza", "CIF B50347112"],
         date=("02/07/2025 10:16", "2025-07-02"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="spaces", flags="", qty_style="above_info", qty_sep="x", sku=True,
         country="Spain", shop="hardware",
         brands=["pattex", "tesa", "osram", "cegasa", "bosch"],
         lines=[I("PATTEX NO MAS CLAVOS", "household", "8.95"), I("CINTA AMERICANA TESA", "household", "6.50"),
                I("BOMBILLA LED E27 OSRAM", "household", "3.95", "4"), I("PILAS CEGASA AA 4U", "electronics", "3.20", "2"),
                I("BRIDAS NYLON 200MM", "household", "2.75"), I("SILICONA SANIT. BLANCA", "household", "5.40"),
                I("LIMPIAPARABRISAS BOSCH 55", "transport", "12.90")],
         tax_rate="0.21", tax_label="IVA 21%", subtotal_label="BASE IMPONIBLE", payment=("VISA", None),
         footer=["Gracias por su visita"], noise=dict(rot=-0.8, sigma=5, blur=0.3, light=0.18)),
    # 29 Italian café-bar (Turin), sans, no symbol, inline quantities
    dict(slug="bar-pasticceria-aurora-eur", merchant="BAR PASTICCERIA AURORA", font="dejavu-sans", size=24, width=620,
         header=["Via Po 17", "10124 Torino", "P.IVA 09876543210"],
         date=("08/03/2025 09:47", "2025-03-08"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         country="Italy", shop="cafe",
         brands=["lurisia"],
         lines=[I("CAFFE ESPRESSO", "beverage", "1.20", "3"), I("MAROCCHINO", "beverage", "1.80"),
                I("CORNETTO CREMA", "food", "1.40", "2"), I("TRAMEZZINO TONNO", "food", "3.00"),
                I("BICERIN", "beverage", "5.00"), I("CHINOTTO LURISIA 27,5CL", "beverage", "3.00")],
         vat_included=("DI CUI IVA 10%", "0.1"), total_label="TOTALE", payment=("BANCOMAT", None),
         footer=["Grazie e a presto"], noise=dict(rot=0.2, sigma=5, blur=0.5, light=0.1)),
    # 30 Portuguese mini-market (Porto), mono leaders with €, kg weight, suffix minus
    dict(slug="minimercado-sao-bento-eur", merchant="MINIMERCADO SAO BENTO", font="free-mono", size=22, width=640,
         header=["Rua das Flores 88", "4050-262 Porto", "NIF 509 214 773"],
         date=("22/04/2025 19:05", "2025-04-22"), currency="EUR", fmt=Fmt(comma=True, symbol="€", minus="suffix"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         country="Portugal", shop="grocery",
         brands=["delta", "compal", "sumol", "mimosa", "vieira", "bom petisco", "renova"],
         lines=[I("DELTA CAFE MOIDO 250G", "beverage", "3.49"), I("COMPAL CLASSICO LARANJA 1L", "beverage", "1.69"),
                I("SUMOL ANANAS 33CL", "beverage", "0.89", "4"), I("MIMOSA LEITE M/GORDO 1L", "food", "0.89", "6"),
                I("VIEIRA BOLACHA MARIA 200G", "food", "0.99", "2"), I("ATUM BOM PETISCO 3X85G", "food", "3.29"),
                I("LARANJA ALGARVE", "food", "1.49", "1.356", "weight"), D("DESC. CARTAO", "-0.50"),
                I("RENOVA PAPEL HIG 12R", "household", "5.99")],
         vat_included=("IVA 6% INCL", "0.06"), total_label="TOTAL A PAGAR", payment=("MULTIBANCO", None),
         footer=["Obrigado e volte sempre"], noise=dict(rot=-0.5, sigma=6, blur=0.3, light=0.15)),
]

EXPECTED_COUNTRIES = {"USA": 10, "UK": 4, "Canada": 3, "Australia": 3, "New Zealand": 1, "Ireland": 1,
                      "Germany": 1, "Austria": 1, "France": 1, "Belgium": 1, "Netherlands": 1, "Spain": 1,
                      "Italy": 1, "Portugal": 1}
EUROZONE = {"Germany", "Austria", "France", "Belgium", "Netherlands", "Spain", "Italy", "Portugal"}
SHOP_TYPES = {"grocery", "pharmacy", "hardware", "pet", "electronics", "clothing", "fuel station", "cafe",
              "newsagent", "transit", "garden centre", "toy/stationery", "liquor"}


# ---------------------------------------------------------------------------------------
# Checks



def lexicon_terms():
    """Every term of the lexicon (category terms, abbreviations and their readings, ignore list),
    normalised; and every word those terms contain."""
    if LEXICON is None:
        return set(), set()
    lex = json.loads(LEXICON.read_text())
    terms = set()
    for values in lex["categories"].values():
        for t in values:
            terms.add(norm(t if isinstance(t, str) else t["term"]))
    for key, value in lex["abbreviations"].items():
        terms.add(norm(key))
        for v in value if isinstance(value, list) else [value]:
            terms.add(norm(v))
    for values in lex.get("units", {}).values():
        for t in values:
            terms.add(norm(t if isinstance(t, str) else t["term"]))
    for t in lex["ignore"]:
        terms.add(norm(t))
    terms.discard("")
    words = {w for t in terms for w in t.split()}
    return terms, words


def check_new():
    """Slugs, merchants and item names must be new relative to the fixture SPECS and both blind sets;
    brands must be new and unknown to the lexicon."""
    blind1 = load(BLIND1, "make_blind")
    blind2 = load(BLIND2, "make_blind2")
    old_specs = list(mr.SPECS) + list(blind1.SPECS) + list(blind2.SPECS)
    old_items = {norm(n) for n in item_names(old_specs)}
    old_slugs = {norm(s["slug"]) for s in old_specs}
    old_merchants = {norm(s["merchant"]) for s in old_specs}
    old_text = " " + norm(SRC.read_text() + " " + BLIND1.read_text() + " " + BLIND2.read_text()) + " "
    lex_terms, lex_words = lexicon_terms()
    problems = []
    seen_items, seen_slugs, seen_merchants = set(), set(), set()
    for s in SPECS:
        slug, merchant = norm(s["slug"]), norm(s["merchant"])
        if slug in old_slugs or slug in seen_slugs or f" {slug} " in old_text:
            problems.append(f"slug not new: {s['slug']}")
        if merchant in old_merchants or merchant in seen_merchants or f" {merchant} " in old_text:
            problems.append(f"merchant not new: {s['merchant']}")
        seen_slugs.add(slug)
        seen_merchants.add(merchant)
        names = " ".join(norm(e[1].replace("|", " ")).replace(" ", "") + " " + norm(e[1].replace("|", " "))
                         for e in s["lines"] if e[0] == "item")
        for brand in s["brands"]:
            b = norm(brand)
            if f" {b} " not in f" {names} " and b.replace(" ", "") not in names:
                problems.append(f"{s['slug']}: brand '{brand}' is not printed in its items")
            if b in lex_terms:
                problems.append(f"{s['slug']}: brand '{brand}' is a lexicon term")
            for w in b.split():
                if w in lex_words and w not in PLAIN_WORDS:
                    problems.append(f"{s['slug']}: brand '{brand}' has the lexicon word '{w}'")
            for old in OLD_BRANDS:
                if f" {old} " in f" {b} " or f" {b} " in f" {old} ":
                    problems.append(f"{s['slug']}: brand '{brand}' was used before ('{old}')")
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
            for old in OLD_BRANDS:
                if f" {old} " in f" {name} ":
                    problems.append(f"{s['slug']}: item '{e[1]}' reuses the brand '{old}'")
            if e[2] not in CATEGORIES:
                problems.append(f"{s['slug']}: bad category {e[2]}")
    used = {e[2] for s in SPECS for e in s["lines"] if e[0] == "item"}
    if used != CATEGORIES:
        problems.append(f"categories not all used: missing {sorted(CATEGORIES - used)}")
    countries = Counter(s["country"] for s in SPECS)
    if countries != Counter(EXPECTED_COUNTRIES):
        problems.append(f"country mix {dict(countries)} != {EXPECTED_COUNTRIES}")
    for s in SPECS:
        euro_comma = s["country"] in EUROZONE
        if s["fmt"].comma != euro_comma:
            problems.append(f"{s['slug']}: comma decimals should be {euro_comma}")
    shops = {s["shop"] for s in SPECS}
    if shops != SHOP_TYPES:
        problems.append(f"shop types differ: missing {sorted(SHOP_TYPES - shops)}, extra {sorted(shops - SHOP_TYPES)}")
    fonts = {s["font"] for s in SPECS}
    if fonts != set(mr.FONTS):
        problems.append(f"fonts not all used: missing {sorted(set(mr.FONTS) - fonts)}")
    for s in SPECS:
        if s["layout"] == "leader" and s["font"] not in mr.MONO:
            problems.append(f"{s['slug']}: leader layout needs a mono font")
    if problems:
        sys.exit("\n".join(problems))


def main():
    check_new()
    assert len(SPECS) == 30
    built = build_all(SPECS, OUT)
    items = [it for *_, t in built for it in t["items"]]
    print("countries:", dict(Counter(s["country"] for s in SPECS)))
    print("categories:", dict(sorted(Counter(it["category"] for it in items).items())))
    print("fonts:", dict(Counter(s["font"] for s in SPECS)))
    print("layouts:", dict(Counter(s["layout"] for s in SPECS)), "qty styles:", dict(Counter(s["qty_style"] for s in SPECS)))


if __name__ == "__main__":
    main()
