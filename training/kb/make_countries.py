#!/usr/bin/env python3
"""Regenerate ../countries.csv from Unicode CLDR territory names plus curated aliases.

Usage:  python make_countries.py [--cldr DIR]   (default DIR: shared/data/cldr-territories)

Sources:
  * Unicode CLDR 47 (cldr-localenames-full, main/id and main/en territories.json),
    Unicode License v3.  Gives the base Indonesian and English names.
  * The OVERRIDES table below: label (the form Indonesian news uses), extra
    Indonesian/English names, news abbreviations, ambiguous short forms (weak)
    with context words, and notes.  Curated from general knowledge.

countries.csv is the committed source of truth.  If you edit it by hand,
mirror the edit here (or stop regenerating), otherwise the next run undoes it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kbcsv import KB_DIR, row, write_csv

# ISO 3166-1 alpha-2 codes of the 193 UN member states.
UN_MEMBERS = ["AF", "AL", "DZ", "AD", "AO", "AG", "AR", "AM", "AU", "AT", "AZ", "BS", "BH", "BD", "BB", "BY", "BE", "BZ", "BJ", "BT", "BO", "BA", "BW", "BR", "BN", "BG", "BF", "BI", "CV", "KH", "CM", "CA", "CF", "TD", "CL", "CN", "CO", "KM", "CG", "CD", "CR", "CI", "HR", "CU", "CY", "CZ", "KP", "DK", "DJ", "DM", "DO", "EC", "EG", "SV", "GQ", "ER", "EE", "SZ", "ET", "FJ", "FI", "FR", "GA", "GM", "GE", "DE", "GH", "GR", "GD", "GT", "GN", "GW", "GY", "HT", "HN", "HU", "IS", "IN", "ID", "IR", "IQ", "IE", "IL", "IT", "JM", "JP", "JO", "KZ", "KE", "KI", "KW", "KG", "LA", "LV", "LB", "LS", "LR", "LY", "LI", "LT", "LU", "MG", "MW", "MY", "MV", "ML", "MT", "MH", "MR", "MU", "MX", "FM", "MC", "MN", "ME", "MA", "MZ", "MM", "NA", "NR", "NP", "NL", "NZ", "NI", "NE", "NG", "MK", "NO", "OM", "PK", "PW", "PA", "PG", "PY", "PE", "PH", "PL", "PT", "QA", "KR", "MD", "RO", "RU", "RW", "KN", "LC", "VC", "WS", "SM", "ST", "SA", "SN", "RS", "SC", "SL", "SG", "SK", "SI", "SB", "SO", "ZA", "SS", "ES", "LK", "SD", "SR", "SE", "CH", "SY", "TJ", "TZ", "TH", "TL", "TG", "TO", "TT", "TN", "TR", "TM", "TV", "UG", "UA", "AE", "GB", "US", "UY", "UZ", "VU", "VE", "VN", "YE", "ZM", "ZW"]

# UN General Assembly non-member observer states.
OBSERVERS = {"PS", "VA"}

# Other territories that appear in news: code -> sovereign / status note.
TERRITORIES = {
    "TW": "self-governing; claimed by the People's Republic of China",
    "HK": "special administrative region of China",
    "MO": "special administrative region of China",
    "XK": "declared independence from Serbia in 2008; partially recognised",
    "EH": "disputed territory (Morocco / Sahrawi Arab Democratic Republic)",
    "GL": "autonomous territory of the Kingdom of Denmark",
    "FO": "autonomous territory of the Kingdom of Denmark",
    "PR": "US territory", "GU": "US territory", "AS": "US territory",
    "MP": "US territory", "VI": "US territory",
    "BM": "British overseas territory", "KY": "British overseas territory",
    "VG": "British overseas territory", "FK": "British overseas territory; claimed by Argentina",
    "GI": "British overseas territory", "AI": "British overseas territory",
    "MS": "British overseas territory", "TC": "British overseas territory",
    "IO": "British Indian Ocean Territory; sovereignty agreed to pass to Mauritius",
    "IM": "British Crown dependency", "JE": "British Crown dependency", "GG": "British Crown dependency",
    "NC": "French overseas collectivity", "PF": "French overseas collectivity",
    "RE": "French overseas department", "MQ": "French overseas department",
    "GP": "French overseas department", "GF": "French overseas department",
    "YT": "French overseas department",
    "AW": "constituent country of the Kingdom of the Netherlands",
    "CW": "constituent country of the Kingdom of the Netherlands",
    "SX": "constituent country of the Kingdom of the Netherlands",
    "CK": "self-governing in free association with New Zealand",
    "NU": "self-governing in free association with New Zealand",
    "TK": "territory of New Zealand",
    "CX": "Australian external territory", "CC": "Australian external territory",
    "NF": "Australian external territory",
}

# Former states still named in news (not in CLDR): code -> row data.
HISTORICAL = {
    "SU": {"label": "Uni Soviet", "id": ["Uni Soviet", "Uni Republik Sosialis Soviet"],
           "en": ["Soviet Union", "Union of Soviet Socialist Republics"], "abbrev": ["USSR"],
           "weak": ["Soviet"], "context": ["Moskow", "Stalin", "Gorbachev", "Perang Dingin"],
           "note": "former state 1922-1991 (ISO code SU, exceptionally reserved)"},
}

# Per-code curation.  Keys: label, id (extra Indonesian names), en (extra English
# names), abbrev, weak, context, drop (CLDR names not to use), note.
OVERRIDES: dict[str, dict] = {
    "AE": {"id": ["Emirat Arab"], "abbrev": ["UEA", "UAE"], "weak": ["Emirat"],
           "context": ["Abu Dhabi", "Dubai", "city:abu-dhabi", "city:dubai"]},
    "AF": {"id": ["Afghanistan", "Republik Islam Afganistan"], "en": ["Islamic Emirate of Afghanistan"]},
    "AG": {"id": ["Antigua and Barbuda"], "en": ["Antigua and Barbuda"]},
    "AR": {"id": ["Republik Argentina", "Negeri Tango"]},
    "AU": {"id": ["Persemakmuran Australia", "Negeri Kanguru", "Negeri Kangguru"], "en": ["Commonwealth of Australia"]},
    "AZ": {"id": ["Republik Azerbaijan"]},
    "BA": {"id": ["Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina"], "en": ["Bosnia and Herzegovina", "Bosnia-Herzegovina"]},
    "BD": {"id": ["Republik Rakyat Bangladesh"]},
    "BN": {"id": ["Brunei Darussalam", "Negara Brunei Darussalam"], "en": ["Brunei Darussalam"]},
    "BR": {"id": ["Brazil", "Republik Federasi Brasil", "Negeri Samba"], "en": ["Brasil"]},
    "BS": {"id": ["Kepulauan Bahama"], "en": ["The Bahamas"]},
    "BY": {"id": ["Belarusia", "Republik Belarus"], "en": ["Republic of Belarus"]},
    "CD": {"label": "Republik Demokratik Kongo",
           "id": ["Republik Demokratik Kongo", "Kongo-Kinshasa", "Kongo Kinshasa"],
           "en": ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "Congo-Kinshasa"],
           "abbrev": ["RDK", "DRC"], "weak": ["Kongo", "Congo"],
           "context": ["Kinshasa", "city:kinshasa", "Goma", "M23", "Kivu"],
           "drop": ["Kongo - Kinshasa", "Congo - Kinshasa"]},
    "CF": {"abbrev": ["CAR"]},
    "CG": {"label": "Republik Kongo",
           "id": ["Republik Kongo", "Kongo-Brazzaville", "Kongo Brazzaville"],
           "en": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"],
           "weak": ["Kongo", "Congo"], "context": ["Brazzaville", "city:brazzaville"],
           "drop": ["Kongo - Brazzaville", "Congo - Brazzaville"]},
    "CH": {"id": ["Konfederasi Swiss"], "en": ["Swiss Confederation"]},
    "CI": {"label": "Pantai Gading", "id": ["Côte d'Ivoire", "Cote d'Ivoire"], "en": ["Côte d'Ivoire", "Cote d'Ivoire"]},
    "CL": {"id": ["Chile", "Chili", "Republik Chile"]},
    "CN": {"id": ["China", "Cina", "Republik Rakyat Tiongkok", "Republik Rakyat China", "Republik Rakyat Cina",
                  "Negeri Tirai Bambu"],
           "en": ["People's Republic of China"], "abbrev": ["RRT", "RRC", "PRC"],
           "note": "Indonesian government usage since 2014 is Tiongkok; news also uses China / Cina"},
    "CO": {"id": ["Colombia"]},
    "CV": {"id": ["Cabo Verde"]},
    "CZ": {"en": ["Czech"]},
    "DE": {"id": ["Republik Federal Jerman", "Negeri Panser"], "en": ["Federal Republic of Germany"]},
    "DJ": {"id": ["Djibouti"]},
    "DK": {"id": ["Kerajaan Denmark"], "en": ["Kingdom of Denmark"]},
    "DM": {"en": ["Commonwealth of Dominica"], "note": "not the Dominican Republic (country:do)"},
    "DO": {"en": ["Dominican Rep."]},
    "EG": {"id": ["Republik Arab Mesir", "Negeri Piramida"], "en": ["Arab Republic of Egypt"]},
    "ES": {"id": ["Kerajaan Spanyol", "Negeri Matador"], "en": ["Kingdom of Spain"]},
    "ET": {"id": ["Ethiopia"]},
    "FM": {"label": "Mikronesia", "id": ["Federasi Mikronesia", "Negara Federasi Mikronesia"],
           "en": ["Federated States of Micronesia"], "weak": ["Mikronesia", "Micronesia"],
           "context": ["Palikir", "city:palikir", "Pohnpei"], "drop": ["Mikronesia", "Micronesia"],
           "note": "bare Mikronesia/Micronesia is also the Pacific region"},
    "FR": {"id": ["Perancis", "Republik Prancis"], "en": ["French Republic"]},
    "GB": {"label": "Inggris",
           "id": ["Inggris", "Britania Raya", "Kerajaan Bersatu", "Kerajaan Bersatu Britania Raya dan Irlandia Utara"],
           "en": ["Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
           "abbrev": ["UK"], "weak": ["England"], "context": ["London", "city:london"],
           "drop": ["UK"],
           "note": "Indonesian news uses Inggris for both the UK and England; bahasa Inggris is the English language"},
    "GE": {"label": "Georgia", "id": ["Republik Georgia"], "weak": ["Georgia"], "drop": ["Georgia"],
           "context": ["Tbilisi", "city:tbilisi", "Kaukasus", "Abkhazia", "Ossetia Selatan", "Ivanishvili"],
           "note": "bare Georgia is also the US state"},
    "GM": {"en": ["The Gambia"]},
    "GN": {"en": ["Republic of Guinea"], "note": "not Guinea-Bissau, Equatorial Guinea or Papua New Guinea"},
    "GQ": {"en": ["Equatorial Guinea"]},
    "GW": {"id": ["Guinea Bissau"], "en": ["Guinea Bissau"]},
    "HU": {"id": ["Hongaria"]},
    "ID": {"id": ["Republik Indonesia", "Negara Kesatuan Republik Indonesia"], "en": ["Republic of Indonesia"],
           "abbrev": ["RI", "NKRI"]},
    "IE": {"id": ["Republik Irlandia"], "en": ["Republic of Ireland"], "note": "not Northern Ireland (part of the UK)"},
    "IL": {"id": ["Negara Israel", "Negeri Zionis"], "en": ["State of Israel"]},
    "IN": {"id": ["Republik India"], "en": ["Republic of India"], "weak": ["Bharat"],
           "context": ["New Delhi", "city:new-delhi", "Modi"]},
    "IQ": {"id": ["Republik Irak"], "en": ["Republic of Iraq"]},
    "IR": {"id": ["Republik Islam Iran", "Negeri Para Mullah"], "en": ["Islamic Republic of Iran"]},
    "IT": {"id": ["Republik Italia", "Negeri Pizza"], "en": ["Italian Republic"]},
    "JO": {"id": ["Kerajaan Yordania", "Kerajaan Hasyimiyah Yordania"], "en": ["Hashemite Kingdom of Jordan"],
           "weak": ["Jordan", "Yordan"], "drop": ["Jordan"],
           "context": ["Amman", "city:amman", "Yordania", "Raja Abdullah"],
           "note": "bare Jordan is often a person's name; Yordan is also the river"},
    "JP": {"id": ["Negeri Sakura", "Negeri Matahari Terbit"]},
    "KG": {"id": ["Kirgistan", "Kyrgyzstan"], "en": ["Kyrgyz Republic"]},
    "KH": {"id": ["Kerajaan Kamboja"], "en": ["Kingdom of Cambodia"]},
    "KM": {"id": ["Komoros"], "en": ["Union of the Comoros"]},
    "KN": {"id": ["Saint Kitts and Nevis", "St. Kitts dan Nevis"], "en": ["Saint Kitts and Nevis", "St. Kitts and Nevis"]},
    "KP": {"id": ["Republik Rakyat Demokratik Korea"],
           "en": ["Democratic People's Republic of Korea"], "abbrev": ["Korut", "DPRK", "RRDK"],
           "weak": ["Korea"],
           "context": ["Pyongyang", "city:pyongyang", "Korut", "Kim Jong Un", "person:kim-jong-un"]},
    "KR": {"id": ["Republik Korea", "Negeri Ginseng"], "en": ["Republic of Korea"], "abbrev": ["Korsel", "ROK"],
           "weak": ["Korea"], "context": ["Seoul", "city:seoul", "Korsel"]},
    "KW": {"id": ["Negara Kuwait"], "en": ["State of Kuwait"]},
    "KZ": {"id": ["Kazakstan", "Republik Kazakhstan"]},
    "LA": {"id": ["Republik Demokratik Rakyat Laos", "RDR Laos"], "en": ["Lao PDR", "Lao People's Democratic Republic"]},
    "LB": {"id": ["Libanon"]},
    "LC": {"id": ["Saint Lucia"], "en": ["Saint Lucia"]},
    "LT": {"id": ["Lithuania"]},
    "MK": {"id": ["Republik Makedonia Utara"], "en": ["Republic of North Macedonia"],
           "weak": ["Makedonia", "Macedonia"], "context": ["Skopje", "city:skopje"],
           "note": "bare Makedonia/Macedonia is also the Greek region"},
    "MM": {"label": "Myanmar", "id": ["Myanmar", "Burma", "Birma"], "en": ["Burma", "Myanmar"],
           "drop": ["Myanmar (Burma)"]},
    "MV": {"id": ["Maldives"]},
    "MX": {"id": ["Mexico"], "en": ["United Mexican States"]},
    "MY": {"weak": ["Negeri Jiran"], "context": ["Kuala Lumpur", "city:kuala-lumpur"],
           "note": "Negeri Jiran ('the neighbour country') usually means Malaysia in Indonesian news"},
    "MZ": {"id": ["Mozambique"]},
    "NL": {"id": ["Kerajaan Belanda", "Negeri Kincir Angin"], "en": ["Kingdom of the Netherlands", "The Netherlands"],
           "weak": ["Holland", "Holandia"], "context": ["Amsterdam", "Den Haag", "city:amsterdam"]},
    "NZ": {"id": ["Aotearoa", "Negeri Kiwi"], "en": ["Aotearoa"], "drop": ["Aotearoa (Selandia Baru)"]},
    "PG": {"abbrev": ["PNG"]},
    "PH": {"id": ["Republik Filipina"], "en": ["Republic of the Philippines", "The Philippines"]},
    "PK": {"id": ["Republik Islam Pakistan"], "en": ["Islamic Republic of Pakistan"]},
    "PL": {"id": ["Republik Polandia"], "en": ["Republic of Poland"]},
    "QA": {"id": ["Negara Qatar"], "en": ["State of Qatar"]},
    "RO": {"id": ["Romania"]},
    "RU": {"id": ["Federasi Rusia", "Negeri Beruang Merah"], "en": ["Russian Federation"]},
    "SA": {"id": ["Kerajaan Arab Saudi", "Saudi Arabia"], "en": ["Kingdom of Saudi Arabia"], "abbrev": ["Saudi", "KSA"]},
    "SB": {"en": ["Solomon Islands"]},
    "SG": {"id": ["Republik Singapura", "Negeri Singa"], "en": ["Republic of Singapore"],
           "note": "city-state: the capital is the country itself, so cities.csv has no separate row"},
    "MC": {"id": ["Monaco", "Kepangeranan Monako"], "en": ["Principality of Monaco"],
           "note": "city-state: the capital is the country itself, so cities.csv has no separate row"},
    "ST": {"id": ["São Tomé dan Príncipe", "Sao Tome and Principe"], "en": ["São Tomé and Príncipe", "Sao Tome and Principe"]},
    "SY": {"id": ["Republik Arab Suriah"], "en": ["Syrian Arab Republic"]},
    "SZ": {"label": "Eswatini", "id": ["Swaziland"], "en": ["Kingdom of Eswatini"]},
    "TH": {"id": ["Kerajaan Thailand", "Negeri Gajah Putih"], "en": ["Kingdom of Thailand"]},
    "TL": {"id": ["Timor-Leste", "Republik Demokratik Timor Leste", "Republik Demokratik Timor-Leste"],
           "en": ["Democratic Republic of Timor-Leste"], "abbrev": ["RDTL"],
           "note": "Timor Timur (East Timor) was the Indonesian province 1976-1999"},
    "TR": {"id": ["Türkiye", "Republik Turki"], "en": ["Republic of Türkiye", "Republic of Turkey"]},
    "TT": {"id": ["Trinidad and Tobago"], "en": ["Trinidad and Tobago"]},
    "TZ": {"id": ["Republik Persatuan Tanzania"], "en": ["United Republic of Tanzania"]},
    "UA": {"id": ["Republik Ukraina"]},
    "US": {"id": ["Amerika Serikat", "Negeri Paman Sam", "Paman Sam"],
           "en": ["United States of America", "U.S.", "U.S.A."], "abbrev": ["AS", "US", "USA"],
           "weak": ["Amerika", "America"],
           "context": ["Washington", "city:washington", "Gedung Putih", "org:white-house", "Biden", "Trump"],
           "drop": ["AS", "US"]},
    "VC": {"id": ["Saint Vincent dan Grenadines", "Saint Vincent and the Grenadines"],
           "en": ["Saint Vincent and the Grenadines", "St. Vincent and the Grenadines"]},
    "VE": {"id": ["Republik Bolivarian Venezuela"], "en": ["Bolivarian Republic of Venezuela"]},
    "VN": {"id": ["Viet Nam", "Republik Sosialis Vietnam"], "en": ["Viet Nam", "Socialist Republic of Vietnam"]},
    "YE": {"en": ["Republic of Yemen"]},
    "ZA": {"id": ["Republik Afrika Selatan"], "en": ["Republic of South Africa"]},
    # observers
    "PS": {"label": "Palestina", "id": ["Palestina", "Negara Palestina"], "en": ["State of Palestine"],
           "drop": ["Palestinian Territories"]},
    "VA": {"label": "Vatikan", "id": ["Kota Vatikan", "Takhta Suci", "Tahta Suci", "Negara Kota Vatikan"],
           "en": ["Vatican", "Holy See", "Vatican City State"],
           "note": "city-state: the capital is the country itself, so cities.csv has no separate row"},
    # territories
    "TW": {"en": ["Chinese Taipei"], "weak": ["Formosa"],
           "context": ["Taipei", "city:taipei"]},
    "HK": {"label": "Hong Kong", "id": ["Hongkong", "Hong Kong SAR", "Daerah Administratif Khusus Hong Kong"],
           "en": ["Hong Kong SAR", "Hong Kong Special Administrative Region"],
           "drop": ["Hong Kong DAK Tiongkok", "Hong Kong SAR China"]},
    "MO": {"label": "Makau", "id": ["Macau", "Macao"], "en": ["Macau"],
           "drop": ["Makau DAK Tiongkok", "Macao SAR China"]},
    "XK": {"id": ["Republik Kosovo"], "en": ["Republic of Kosovo"]},
    "FK": {"id": ["Malvinas", "Kepulauan Malvinas"], "en": ["Malvinas", "Islas Malvinas"],
           "drop": ["Kepulauan Falkland (Malvinas)", "Falkland Islands (Islas Malvinas)"]},
    "IO": {"label": "Kepulauan Chagos", "id": ["Kepulauan Chagos"], "en": ["Chagos Islands", "Chagos Archipelago"]},
    "JE": {"label": "Jersey", "id": ["Pulau Jersey", "Bailiwick of Jersey"], "en": ["Bailiwick of Jersey"],
           "weak": ["Jersey"], "drop": ["Jersey"], "context": ["Kepulauan Channel", "Channel Islands", "St Helier"],
           "note": "bare Jersey is weak: jersey is also a sports shirt; New Jersey is a US state"},
    "RE": {"label": "Réunion", "id": ["Pulau Réunion", "La Réunion"], "en": ["La Réunion", "Réunion Island"],
           "weak": ["Réunion"], "drop": ["Réunion"], "context": ["Prancis", "Samudra Hindia"],
           "note": "bare Réunion is weak (reunion is an English word)"},
    "CC": {"label": "Kepulauan Cocos", "id": ["Kepulauan Cocos", "Kepulauan Keeling"], "en": ["Cocos Islands", "Keeling Islands"],
           "drop": ["Kepulauan Cocos (Keeling)", "Cocos (Keeling) Islands"]},
    "CX": {"en": ["Christmas Island"]},
    "PR": {"id": ["Puerto Rico"]},
}

# Tidy CLDR English "&" forms into "and" (the "&" form is kept as well).
def _amp(name: str) -> list[str]:
    return [name, name.replace(" & ", " and ")] if " & " in name else [name]


def _usable(name: str) -> bool:
    return bool(name) and "(" not in name and " - " not in name


def build(cldr_dir: str) -> list[dict]:
    with open(os.path.join(cldr_dir, "territories_id.json"), encoding="utf-8") as handle:
        tid = json.load(handle)
    with open(os.path.join(cldr_dir, "territories_en.json"), encoding="utf-8") as handle:
        ten = json.load(handle)
    tid = tid["main"]["id"]["localeDisplayNames"]["territories"]
    ten = ten["main"]["en"]["localeDisplayNames"]["territories"]
    codes = list(UN_MEMBERS) + sorted(OBSERVERS) + sorted(TERRITORIES)
    assert len(UN_MEMBERS) == 193 and len(set(UN_MEMBERS)) == 193, len(set(UN_MEMBERS))
    rows = []
    for code in codes:
        o = OVERRIDES.get(code, {})
        drop = set(o.get("drop", [])) | set(o.get("weak", []))
        ids = [tid[k] for k in (code, code + "-alt-short", code + "-alt-variant") if k in tid]
        ens = [ten[k] for k in (code, code + "-alt-short", code + "-alt-variant") if k in ten]
        names_id = [n for n in ids + o.get("id", []) if _usable(n) and n not in drop]
        names_en = [m for n in ens if _usable(n) for m in _amp(n)] + o.get("en", [])
        names_en = [n for n in names_en if n not in drop]
        label = o.get("label", tid.get(code))
        if code in UN_MEMBERS:
            status = "UN member state"
        elif code in OBSERVERS:
            status = "UN General Assembly observer state"
        else:
            status = "territory: " + TERRITORIES[code]
        note = status + "; base names from Unicode CLDR 47"
        if o.get("note"):
            note += "; " + o["note"]
        rows.append(row(
            id="country:" + code.lower(), type="GPE", label=label,
            names_id=names_id, names_en=names_en, abbrev=o.get("abbrev"),
            weak=o.get("weak"), context=o.get("context"), note=note,
        ))
    for code, o in HISTORICAL.items():
        rows.append(row(id="country:" + code.lower(), type="GPE", label=o["label"], names_id=o["id"],
                        names_en=o["en"], abbrev=o.get("abbrev"), weak=o.get("weak"),
                        context=o.get("context"), note=o["note"]))
    return rows


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "data", "cldr-territories"))
    if not os.path.isdir(default):
        default = "/work/shared/data/cldr-territories"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cldr", default=default, help="folder with territories_id.json and territories_en.json")
    ap.add_argument("--out", default=os.path.join(KB_DIR, "countries.csv"))
    args = ap.parse_args()
    rows = build(args.cldr)
    write_csv(args.out, rows)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
