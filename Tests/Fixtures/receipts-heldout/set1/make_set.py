#!/usr/bin/env python3
"""Held-out receipt set 1: 30 receipts rendered with the fixture generator's machinery
(Tests/Fixtures/receipts/make_receipts.py, imported read-only), written beside this script.
See ../README.md for what it measured while it was unseen.

Merchants and item names are new (checked against the generator's SPECS below); the seeds are
the slugs, which are all new too.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from heldout import CATEGORIES, build_all, item_names, mr, norm  # noqa: E402  (the shared part)

OUT = HERE
Fmt, I, D = mr.Fmt, mr.I, mr.D

SPECS = [
    # 1 US grocery, mono, dot leaders, no symbol, qty below the name with the total
    dict(slug="freshfields-market", merchant="FRESHFIELDS MARKET", font="dejavu-mono", size=24, width=600,
         header=["2210 Cedar Rd", "Ann Arbor, MI 48104", "(734) 555-0187"],
         date=("06/03/2025 11:18 AM", "2025-06-03"), currency="USD", fmt=Fmt(symbol=""),
         layout="leader", flags="F", qty_style="below_total", qty_sep="@",
         lines=[I("GRND TURKEY 93/7", "food", "6.49"), I("PEPSI 12PK CAN", "beverage", "7.99", "2"),
                I("HONEYCRISP APPLES", "food", "2.49", "2.140", "weight-lb"), I("CLN WIPES 75CT", "household", "5.49"),
                I("FROZ PIZZA PEPP", "food", "4.99"), D("STORE CPN", "-1.00"), I("KLEENEX 3PK", "household", "6.29")],
         tax_rate="0.05", tax_label="TAX 5%", payment=("CASH", "60.00"), items_sold=True,
         footer=["THANK YOU COME AGAIN"], noise=dict(rot=0.5, sigma=6, blur=0.3, light=0.1)),
    # 2 US pharmacy, sans, $
    dict(slug="parkview-pharmacy", merchant="PARKVIEW PHARMACY", font="liberation-sans", size=24, width=620,
         header=["301 Parkview Ave", "Tel 555-330-8812"],
         date=("Jun 11, 2025  2:40 PM", "2025-06-11"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("IBUPROFEN 200MG 100CT", "health", "8.99"), I("NYQUIL LIQUICAPS 24CT", "health", "13.49"),
                I("CLARITIN 10MG 30CT", "health", "21.99"), I("CREST 3D WHITE TP", "personal_care", "4.99", "2"),
                I("GILLETTE FUSION 4CT", "personal_care", "18.99"), D("MYREWARDS", "-3.00")],
         tax_rate="0.07", tax_label="TAX", payment=("VISA ****6610", None),
         footer=["Feel better soon"], noise=dict(rot=-0.5, sigma=5, blur=0.4, light=0.15)),
    # 3 German supermarket, EUR with comma and €, qty above the name
    dict(slug="frischemarkt-schulz-eur", merchant="FRISCHEMARKT SCHULZ", font="dejavu-sans", size=22, width=600,
         header=["Lindenallee 44", "04109 Leipzig"],
         date=("17.06.2025 17:32", "2025-06-17"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="above_info", qty_sep="x",
         lines=[I("GOUDA SCHEIBEN 400G", "food", "2.29"), I("MARKENBUTTER 250G", "food", "1.99"),
                I("MINERALWASSER 6X1,5L", "beverage", "3.49"), I("PAPRIKA ROT", "food", "3.99", "0.534", "weight"),
                I("TOILETTENPAPIER 10ER", "household", "3.95"), I("DUSCHGEL 250ML", "personal_care", "1.25", "2")],
         vat_included=("MwSt 19% INCL", "0.19"), total_label="SUMME", payment=("EC-KARTE", None),
         footer=["Vielen Dank fuer Ihren Einkauf"], noise=dict(rot=0.6, sigma=6, blur=0.3, light=0.1)),
    # 4 French supermarket
    dict(slug="supermarche-du-parc-eur", merchant="SUPERMARCHE DU PARC", font="free-sans", size=24, width=600,
         header=["18 Rue Victor Hugo", "69002 Lyon"],
         date=("2025-07-08 18:12", "2025-07-08"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("LAIT DEMI-ECREME 1L", "food", "1.05", "3"), I("YAOURT NATURE X8", "food", "2.35"),
                I("JAMBON BLANC 4 TR", "food", "3.19"), I("EAU GAZEUSE 1L", "beverage", "0.89", "2"),
                I("LESSIVE LIQUIDE 2L", "household", "7.90"), I("GEL DOUCHE AMANDE", "personal_care", "2.60")],
         vat_included=("TVA 5,5% INCL", "0.055"), total_label="TOTAL EUR", payment=("CB SANS CONTACT", None),
         footer=["Merci de votre visite"], noise=dict(rot=-0.4, sigma=5, blur=0.3, light=0.1)),
    # 5 Dutch supermarket, mono leaders, comma, no symbol, BTW added
    dict(slug="versmarkt-de-hoek-eur", merchant="VERSMARKT DE HOEK", font="liberation-mono", size=24, width=620,
         header=["Oudegracht 118", "3511 AX Utrecht"],
         date=("09.07.2025 10:05", "2025-07-09"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("VOLKORENBROOD HEEL", "food", "2.69"), I("KIPFILET 500G", "food", "5.49"),
                I("JUS D'ORANGE 1L", "beverage", "2.29", "2"), I("PINDAKAAS 350G", "food", "2.99"),
                D("ACTIE KORTING", "-0.80"), I("AFWASMIDDEL", "household", "1.79")],
         tax_rate="0.09", tax_label="BTW 9%", subtotal_label="SUBTOTAAL", payment=("PIN", None),
         footer=["Tot ziens!"], noise=dict(rot=-0.6, sigma=6, blur=0.4, light=0.15)),
    # 6 Spanish supermarket, serif
    dict(slug="supermercado-la-plaza-eur", merchant="SUPERMERCADO LA PLAZA", font="liberation-serif", size=26, width=620,
         header=["Calle Mayor 25", "28013 Madrid"],
         date=("22/07/2025 13:47", "2025-07-22"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("LECHE ENTERA 1L", "food", "0.95", "6"), I("PAN DE MOLDE", "food", "1.65"),
                I("ACEITE OLIVA VIRGEN 1L", "food", "8.49"), I("CERVEZA PACK 6", "beverage", "4.20"),
                I("LAVAVAJILLAS 750ML", "household", "2.75")],
         vat_included=("IVA 10% INCL", "0.1"), total_label="TOTAL EUR", payment=("TARJETA", None),
         footer=["Gracias por su compra"], noise=dict(rot=0.5, sigma=5, blur=0.3, light=0.1)),
    # 7 Australian grocer, mono, spaces, AUD with $, GST included
    dict(slug="coastal-fresh-aud", merchant="COASTAL FRESH IGA", font="dejavu-mono", size=22, width=600,
         header=["12 Esplanade", "Cairns QLD 4870", "ABN 51 824 753 556"],
         date=("05/08/2025 16:22", "2025-08-05"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="@",
         lines=[I("VEGEMITE 380G", "food", "7.50"), I("TIM TAM ORIGINAL", "food", "4.50", "2"),
                I("ARNOTTS SHAPES BBQ", "food", "3.85"), I("BEEF SAUSAGES THIN 1KG", "food", "9.00"),
                I("MILO 460G", "beverage", "8.00"), I("MORTEIN FLY SPRAY", "household", "6.20")],
         vat_included=("GST INCL 10%", "0.1"), total_label="TOTAL", payment=("EFTPOS", None),
         footer=["Thanks for shopping local"], noise=dict(rot=0.4, sigma=6, blur=0.3, light=0.12)),
    # 8 UK convenience, sans, £, VAT included
    dict(slug="ashford-convenience-gbp", merchant="ASHFORD CONVENIENCE", font="liberation-sans", size=24, width=600,
         header=["7 Station Road", "Ashford TN23 1PP", "VAT No 298 4410 27"],
         date=("14/08/2025 19:05", "2025-08-14"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("WALKERS CRISPS 6PK", "food", "2.15"), I("HOVIS SOFT WHITE 800G", "food", "1.55"),
                I("PG TIPS 80S", "beverage", "3.29"), I("HEINZ BEANS 4PK", "food", "3.50"),
                I("FAIRY LIQUID 433ML", "household", "1.95"), I("LUCOZADE ORANGE 500ML", "beverage", "1.60", "2"),
                D("MULTIBUY SAVING", "-0.50")],
         vat_included=("VAT INCLUDED", "0.2"), total_label="TOTAL", payment=("CONTACTLESS", None),
         footer=["Thank you, see you soon"], noise=dict(rot=0.7, sigma=6, blur=0.4, light=0.15)),
    # 9 Canadian hardware, mono, SKUs, qty above
    dict(slug="north-shore-hardware-cad", merchant="NORTH SHORE HARDWARE", font="free-mono", size=22, width=660,
         header=["1450 Marine Dr", "North Vancouver BC", "GST# 80421 3377"],
         date=("2025-01-20 10:41", "2025-01-20"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         lines=[I("HDMI ADPTR USB-C", "electronics", "24.99"), I("PAINT ROLLER 9IN", "household", "7.49"),
                I("DRYWALL SCREWS 1LB", "household", "8.99"), I("SNOW SHOVEL 18IN", "household", "34.99"),
                I("WASHER FLUID -40", "transport", "4.49", "2")],
         tax_rate="0.05", tax_label="GST 5%", payment=("DEBIT", None), currency_code_total=True,
         footer=["Thank you for shopping local"], noise=dict(rot=-0.4, sigma=5, blur=0.3, light=0.1)),
    # 10 US electronics, SKUs
    dict(slug="byte-bazaar", merchant="BYTE BAZAAR", font="dejavu-sans", size=22, width=660,
         header=["Electronics & Mobile", "455 Market St", "www.bytebazaar.example"],
         date=("08/19/2025 13:02", "2025-08-19"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         lines=[I("PHONE CHARGER 20W", "electronics", "19.99"), I("LIGHTNING CABLE 3FT", "electronics", "14.99", "2"),
                I("BLUETOOTH SPEAKER", "electronics", "49.99"), D("PROMO 10 OFF", "-10.00"),
                I("SCREEN PROTECTOR 2PK", "electronics", "12.99"), I("AAA BATTERIES 16PK", "electronics", "11.49")],
         tax_rate="0.0725", tax_label="TAX 7.25%", payment=("MASTERCARD ****2284", None),
         footer=["30 day returns with receipt"], noise=dict(rot=-0.7, sigma=6, blur=0.3, light=0.1)),
    # 11 US gas station, fuel + snacks, tax on non-fuel only
    dict(slug="prairie-petro", merchant="PRAIRIE PETRO", font="liberation-mono", size=24, width=600,
         header=["Store 0412", "US-83 & Main"],
         date=("09/02/2025 06:48", "2025-09-02"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("PUMP 05 REGULAR", "fuel", "3.299", "10.250", "weight-gal"), I("COFFEE 20OZ", "beverage", "2.19"),
                I("SNICKERS KING SIZE", "food", "2.79", "2"), I("WIPER BLADES 22IN", "transport", "17.99")],
         tax_rate="0.065", tax_label="TAX", tax_base="nonfuel", payment=("VISA ****5521", None),
         footer=["HAVE A SAFE TRIP"], noise=dict(rot=0.3, sigma=5, blur=0.3, light=0.1)),
    # 12 US cafe, inline quantities
    dict(slug="morning-grind-cafe", merchant="MORNING GRIND", font="free-sans", size=26, width=540,
         header=["Coffee Roasters", "9 Pier St"],
         date=("09/12/2025 07:36", "2025-09-12"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("AMERICANO 12OZ", "beverage", "3.25", "2"), I("CHAI LATTE LG", "beverage", "4.95"),
                I("BAGEL W/ CREAM CHEESE", "food", "3.75"), I("BANANA BREAD SLICE", "food", "3.50")],
         tax_rate="0.08", tax_label="TAX", payment=("CASH", "25.00"),
         footer=["Have a great day!"], noise=dict(rot=0.4, sigma=5, blur=0.5, light=0.1)),
    # 13 UK pub, inline quantities, serif
    dict(slug="red-lion-pub-gbp", merchant="THE RED LION", font="liberation-serif", size=26, width=580,
         header=["Church Street", "Ludlow SY8 1AP"],
         date=("20/09/2025 20:14", "2025-09-20"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("FISH & CHIPS", "food", "14.50", "2"), I("PINT CARLING", "beverage", "5.20", "3"),
                I("SIDE SALAD", "food", "3.95"), I("STICKY TOFFEE PUD", "food", "6.25")],
         vat_included=("VAT 20% INCL", "0.2"), total_label="TOTAL", payment=("CARD", None),
         footer=["Cheers!"], noise=dict(rot=-0.3, sigma=5, blur=0.3, light=0.1)),
    # 14 Canadian clothing, minus suffix
    dict(slug="true-north-apparel-cad", merchant="TRUE NORTH APPAREL", font="dejavu-sans", size=22, width=620,
         header=["Rideau Centre Unit 212", "Ottawa ON"],
         date=("2025-10-04 15:55", "2025-10-04"), currency="CAD", fmt=Fmt(symbol="$", minus="suffix"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("FLANNEL SHIRT L", "clothing", "39.99"), I("WOOL SOCKS 3PK", "clothing", "16.99", "2"),
                D("BUY 2 SAVE", "-5.00"), I("TOQUE BLACK", "clothing", "19.99"), I("RAIN JACKET M", "clothing", "89.00")],
         tax_rate="0.13", tax_label="HST 13%", payment=("VISA ****3012", None), currency_code_total=True,
         footer=["Exchanges within 30 days"], noise=dict(rot=0.8, sigma=5, blur=0.4, light=0.15)),
    # 15 US warehouse club, long names that wrap
    dict(slug="megasave-warehouse", merchant="MEGASAVE WAREHOUSE", font="liberation-mono", size=22, width=620,
         header=["Club #0877", "2400 Riverside Pkwy", "Sacramento CA 95815"],
         date=("10/11/2025 12:26", "2025-10-11"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="N", qty_style="below_total", qty_sep="@",
         lines=[I("NATURE VALLEY CRUNCHY|GRANOLA BARS 49CT", "food", "14.99", "1", "wrap"),
                I("CHARMIN ULTRA SOFT|MEGA ROLL 18PK", "household", "24.99", "1", "wrap"),
                I("ROTISSERIE CHICKEN", "food", "4.99"), I("LACROIX LIME 12PK", "beverage", "5.49", "2"),
                I("TIDE PODS SPRING|MEADOW 81CT", "household", "21.99", "1", "wrap")],
         tax_rate="0.0825", tax_label="TAX 8.25%", payment=("DEBIT TEND", None), items_sold=True,
         footer=["THANK YOU FOR SHOPPING MEGASAVE"], noise=dict(rot=-0.5, sigma=6, blur=0.4, light=0.15)),
    # 16 US pet store, mono leaders with $
    dict(slug="happy-paws-pet", merchant="HAPPY PAWS PET SUPPLY", font="dejavu-mono", size=22, width=620,
         header=["88 Willow Ln", "Denver CO 80203"],
         date=("10/18/2025 17:10", "2025-10-18"), currency="USD", fmt=Fmt(symbol="$"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("PURINA ONE CHKN 16LB", "household", "29.99"), I("TEMPTATIONS CAT TREATS", "household", "3.49", "3"),
                I("DOG SHAMPOO 16OZ", "household", "8.99"), I("CLUMPING LITTER 25LB", "household", "15.99"),
                I("FISH FLAKES 2.2OZ", "household", "5.49")],
         tax_rate="0.0481", tax_label="TAX 4.81%", payment=("CARD", None),
         footer=["Give them a pat from us"], noise=dict(rot=-0.3, sigma=5, blur=0.3, light=0.1)),
    # 17 UK chemist, mono spaces, qty below the info line
    dict(slug="bootham-chemist-gbp", merchant="BOOTHAM CHEMIST", font="free-mono", size=24, width=640,
         header=["41 Bootham", "York YO30 7BT"],
         date=("03/11/2025 09:50", "2025-11-03"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("PARACETAMOL 500MG 16", "health", "0.89", "2"), I("LEMSIP MAX SACHETS 10", "health", "4.79"),
                I("NIVEA SOFT 200ML", "personal_care", "3.75"), I("SENSODYNE REPAIR 75ML", "personal_care", "5.50"),
                D("ADVANTAGE PTS", "-1.50"), I("PAMPERS SIZE 4", "personal_care", "9.00")],
         vat_included=("VAT 20% INCL", "0.2"), total_label="TOTAL GBP", payment=("CARD", None),
         footer=["Get well soon"], noise=dict(rot=0.6, sigma=6, blur=0.3, light=0.15)),
    # 18 Australian hardware, SKUs, AUD $, GST included
    dict(slug="trade-home-warehouse-aud", merchant="TRADE & HOME WAREHOUSE", font="liberation-sans", size=22, width=660,
         header=["Unit 3, 90 Parramatta Rd", "Auburn NSW 2144", "ABN 63 008 672 179"],
         date=("11/11/2025 08:31", "2025-11-11"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@", sku=True,
         lines=[I("MASKING TAPE 24MM", "household", "3.98", "3"), I("SUGAR SOAP 1L", "household", "6.95"),
                I("CABLE TIES 100PK", "household", "4.50"), I("LED TORCH 300LM", "electronics", "19.95"),
                I("POTTING MIX 30L", "household", "7.50")],
         vat_included=("GST INCLUDED", "0.1"), total_label="TOTAL AUD", payment=("EFTPOS", None),
         footer=["Lowest prices are just the beginning"], noise=dict(rot=-0.8, sigma=5, blur=0.3, light=0.1)),
    # 19 German drugstore, mono, no symbol, flags, cash
    dict(slug="drogerie-hell-eur", merchant="DROGERIE HELL", font="liberation-mono", size=22, width=600,
         header=["Koenigstrasse 9", "70173 Stuttgart"],
         date=("15.11.2025 12:03", "2025-11-15"), currency="EUR", fmt=Fmt(comma=True, symbol=""),
         layout="spaces", flags="A", qty_style="below_info", qty_sep="x",
         lines=[I("ZAHNBUERSTE MITTEL", "personal_care", "1.95", "2"), I("DEO ROLL-ON", "personal_care", "1.45"),
                I("WASCHMITTEL COLOR 20WL", "household", "4.95"), I("TASCHENTUECHER 10X10", "household", "0.95"),
                I("VITAMIN C BRAUSETABL", "health", "0.65", "3")],
         vat_included=("MwSt 19% INCL", "0.19"), total_label="SUMME EUR", payment=("BAR", "20.00"),
         footer=["Danke und bis bald"], noise=dict(rot=0.5, sigma=6, blur=0.4, light=0.1)),
    # 20 French market, mono leaders with €
    dict(slug="marche-saint-pierre-eur", merchant="MARCHE SAINT-PIERRE", font="dejavu-mono", size=22, width=600,
         header=["2 Place Saint-Pierre", "33000 Bordeaux"],
         date=("21/11/2025 10:15", "2025-11-21"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="leader", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("POMMES GOLDEN", "food", "2.49", "0.980", "weight"), I("CAMEMBERT AOP", "food", "2.79"),
                I("VIN ROUGE BORDEAUX", "beverage", "6.50"), I("PAPIER TOILETTE X12", "household", "5.20"),
                I("BISCOTTES", "food", "1.89", "2"), D("REMISE FIDELITE", "-1.00")],
         vat_included=("TVA 5,5% INCL", "0.055"), total_label="TOTAL EUR", payment=("CB", None),
         footer=["Merci et bonne journee"], noise=dict(rot=-0.5, sigma=5, blur=0.3, light=0.1)),
    # 21 US grocery, lb weights, suffix minus
    dict(slug="harbor-foods", merchant="HARBOR FOODS", font="free-sans", size=24, width=620,
         header=["60 Wharf St", "Portland ME 04101"],
         date=("11/25/2025 18:40", "2025-11-25"), currency="USD", fmt=Fmt(symbol="$", minus="suffix"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("BNLS PORK CHOPS", "food", "3.49", "1.560", "weight-lb"), I("GREEN GRAPES", "food", "2.99", "1.210", "weight-lb"),
                I("STRAWBERRIES 1LB", "food", "3.99"), D("BONUS BUY", "-1.00"), I("CHEERIOS 18OZ", "food", "4.79"),
                I("GATORADE 8PK", "beverage", "6.99"), I("ZIPLOC BAGS GAL", "household", "4.29")],
         tax_rate="0.03", tax_label="TAX", payment=("CASH", "60.00"),
         footer=["Thanks for shopping Harbor Foods"], noise=dict(rot=0.6, sigma=6, blur=0.3, light=0.15)),
    # 22 Australian transit, serif, GST included
    dict(slug="citylink-transit-aud", merchant="CITYLINK TRANSIT", font="liberation-serif", size=26, width=560,
         header=["Circular Quay Customer Centre"],
         date=("02/12/2025 08:05", "2025-12-02"), currency="AUD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("DAY PASS ADULT", "transport", "17.80"), I("FERRY SINGLE", "transport", "7.20", "2"),
                I("BIKE HIRE 1HR", "transport", "8.00")],
         vat_included=("GST INCL", "0.1"), total_label="TOTAL", payment=("CARD", None),
         footer=["Travel safe"], noise=dict(rot=0.3, sigma=4, blur=0.3, light=0.1)),
    # 23 UK supermarket, mono leaders with £, kg weight
    dict(slug="greenway-superstore-gbp", merchant="GREENWAY SUPERSTORE", font="liberation-mono", size=22, width=620,
         header=["Retail Park, Unit 4", "Leeds LS11 5DL", "VAT No 774 2031 55"],
         date=("06/12/2025 15:27", "2025-12-06"), currency="GBP", fmt=Fmt(symbol="£"),
         layout="leader", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("CHICKEN THIGHS 1KG", "food", "4.25"), I("BROCCOLI", "food", "0.69"),
                I("LOOSE CARROTS", "food", "0.75", "0.620", "weight"), I("CATHEDRAL CITY 350G", "food", "4.00"),
                I("ANDREX 9 ROLL", "household", "5.25"), I("RIBENA 1L", "beverage", "2.50", "2"),
                D("NECTAR PRICE", "-1.00")],
         vat_included=("VAT INCLUDED", "0.2"), total_label="TOTAL", payment=("CONTACTLESS", None),
         footer=["Every little bit counts"], noise=dict(rot=-0.6, sigma=6, blur=0.4, light=0.15)),
    # 24 US hardware, mono spaces, SKUs, qty above
    dict(slug="valleywide-hardware", merchant="VALLEYWIDE HARDWARE", font="dejavu-mono", size=22, width=660,
         header=["310 Canyon Rd", "Provo UT 84601"],
         date=("2025-12-09 09:22", "2025-12-09"), currency="USD", fmt=Fmt(symbol=""),
         layout="spaces", flags="", qty_style="above_info", qty_sep="@", sku=True,
         lines=[I("PVC ELBOW 1/2IN", "household", "0.89", "4"), I("SILICONE CAULK WHT", "household", "6.49"),
                I("SMOKE DETECTOR", "household", "14.99"), I("9V BATTERY 2PK", "electronics", "7.99"),
                I("GFCI OUTLET 15A", "household", "17.49")],
         tax_rate="0.0725", tax_label="SALES TAX", payment=("CARD", None),
         footer=["HELPFUL HARDWARE FOLKS"], noise=dict(rot=0.4, sigma=5, blur=0.3, light=0.2)),
    # 25 US clothing
    dict(slug="denim-and-co", merchant="DENIM & CO", font="free-sans", size=24, width=600,
         header=["Riverside Mall", "Store 118"],
         date=("12/14/2025 14:03", "2025-12-14"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("WOMENS LEGGINGS BLK", "clothing", "24.00"), I("KIDS SNEAKERS SZ 12", "clothing", "34.99"),
                I("BOXER BRIEFS 3PK", "clothing", "19.99", "2"), D("CLEARANCE 20%", "-5.00"),
                I("LEATHER BELT 34", "clothing", "29.50")],
         tax_rate="0.06", tax_label="TAX", payment=("AMEX ****2003", None),
         footer=["Thank you for shopping Denim & Co"], noise=dict(rot=-0.9, sigma=5, blur=0.4, light=0.1)),
    # 26 Canadian drug mart, serif
    dict(slug="lakeshore-drug-mart-cad", merchant="LAKESHORE DRUG MART", font="liberation-serif", size=26, width=640,
         header=["2290 Lakeshore Blvd W", "Etobicoke ON M8V 1A5"],
         date=("2025-12-16 11:48", "2025-12-16"), currency="CAD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="x",
         lines=[I("ACETAMINOPHEN 500MG 100", "health", "9.99"), I("REACTINE 10MG 30", "health", "24.99"),
                I("POLYSPORIN OINT 15G", "health", "8.49"), I("AVEENO LOTION 354ML", "personal_care", "12.99"),
                I("LISTERINE 1L", "personal_care", "8.99", "2")],
         tax_rate="0.13", tax_label="HST 13%", payment=("INTERAC", None), currency_code_total=True,
         footer=["Thank you / Merci"], noise=dict(rot=0.5, sigma=5, blur=0.3, light=0.1)),
    # 27 US convenience store
    dict(slug="quik-stop-24", merchant="QUIK STOP 24", font="liberation-sans", size=24, width=580,
         header=["1801 E Colfax Ave", "Store 0093"],
         date=("12/20/2025 23:14", "2025-12-20"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("MARLBORO GOLD BOX", "other", "9.99"), I("POWERBALL QP", "other", "2.00", "2"),
                I("RED BULL 12OZ", "beverage", "3.49", "2"), I("DORITOS NACHO CHEESE", "food", "2.29"),
                I("HOT DOG ROLLER", "food", "1.99")],
         tax_rate="0.07", tax_label="TAX", payment=("CASH", "40.00"),
         footer=["OPEN 24 HOURS"], noise=dict(rot=0.2, sigma=6, blur=0.3, light=0.08)),
    # 28 Dutch drugstore, mono spaces, €, BTW included
    dict(slug="drogisterij-de-vries-eur", merchant="DROGISTERIJ DE VRIES", font="free-mono", size=22, width=640,
         header=["Grote Markt 17", "9711 LV Groningen"],
         date=("29-12-2025 16:40", "2025-12-29"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="spaces", flags="", qty_style="below_info", qty_sep="x",
         lines=[I("TANDPASTA FRIS 75ML", "personal_care", "1.99", "2"), I("PARACETAMOL 500MG 20ST", "health", "1.29"),
                I("WASVERZACHTER 1,5L", "household", "3.49"), I("ZONNEBRAND SPF30", "personal_care", "9.99"),
                I("HOESTSIROOP", "health", "6.49")],
         vat_included=("BTW 21% INCL", "0.21"), total_label="TOTAAL", payment=("PIN", None),
         footer=["Bedankt voor uw bezoek"], noise=dict(rot=-0.5, sigma=6, blur=0.3, light=0.12)),
    # 29 US game store, gift card
    dict(slug="pixel-play-games", merchant="PIXEL PLAY GAMES", font="dejavu-sans", size=22, width=620,
         header=["Eastgate Mall", "Unit 31"],
         date=("01/03/2026 16:05", "2026-01-03"), currency="USD", fmt=Fmt(symbol="$"),
         layout="columns", flags="", qty_style="below_total", qty_sep="@",
         lines=[I("DUALSENSE CONTROLLER", "electronics", "69.99"), I("GIFT CARD 25", "other", "25.00"),
                I("MICROSD 128GB", "electronics", "17.99"), I("GAMING HEADSET", "electronics", "39.99")],
         tax_rate="0.0875", tax_label="TAX", payment=("VISA ****8163", None),
         footer=["Game on!"], noise=dict(rot=0.6, sigma=5, blur=0.3, light=0.1)),
    # 30 Austrian/German cafe, inline quantities, €, cash
    dict(slug="cafe-am-markt-eur", merchant="CAFE AM MARKT", font="free-sans", size=24, width=560,
         header=["Hauptplatz 6", "8010 Graz"],
         date=("10.01.2026 15:20", "2026-01-10"), currency="EUR", fmt=Fmt(comma=True, symbol="€"),
         layout="columns", flags="", qty_style="inline", qty_sep="",
         lines=[I("CAPPUCCINO", "beverage", "3.40", "2"), I("APFELSTRUDEL", "food", "4.20"),
                I("BREZEL", "food", "1.10", "3"), I("ORANGENSAFT 0,2L", "beverage", "2.90"),
                I("KAESEBROT", "food", "3.80")],
         vat_included=("MwSt 10% INCL", "0.1"), total_label="SUMME", payment=("BAR", "30.00"),
         footer=["Danke fuer Ihren Besuch"], noise=dict(rot=-0.4, sigma=5, blur=0.3, light=0.1)),
]


def check_new():
    """Every merchant, slug and item name must be new relative to the fixture SPECS."""
    old_items = {norm(n) for n in item_names(mr.SPECS)}
    old_slugs = {s["slug"] for s in mr.SPECS}
    old_merchants = {s["merchant"] for s in mr.SPECS}
    problems = []
    for s in SPECS:
        if s["slug"] in old_slugs or s["merchant"] in old_merchants:
            problems.append(f"not new: {s['slug']} / {s['merchant']}")
        for e in s["lines"]:
            if e[0] == "item" and norm(e[1].replace("|", " ")) in old_items:
                problems.append(f"{s['slug']}: item '{e[1]}' is in the fixture SPECS")
            if e[0] == "item" and e[2] not in CATEGORIES:
                problems.append(f"{s['slug']}: bad category {e[2]}")
    if problems:
        sys.exit("\n".join(problems))


def main():
    check_new()
    assert len(SPECS) == 30
    build_all(SPECS, OUT)


if __name__ == "__main__":
    main()
