"""Writes ``events/extraction/data/gazetteer.json``, the world the extraction assistant knows before any curator types.

Run it after upgrading its sources or editing ``data/organisations.toml`` or ``data/movements.toml``:

    .venv/bin/python -m events.extraction.gazetteer_build

Sources (development requirements only: the assistant reads the JSON it writes, never these packages):

- **pycountry** (ISO 3166-1): every state's ISO code, name, official and common name;
- **countryinfo** (its offline country data): the name wire copy uses, other spellings, the capital and the
  demonym, from which come the adjective forms ("Malian delegation", "Afghan government");
- **data/organisations.toml**, hand-kept: the main intergovernmental organisations and their acronyms;
- **data/movements.toml**, hand-kept: non-state parties of peace processes (armed groups, rebel and political
  movements, opposition coalitions, de facto authorities), each with the reference its names come from.

For each state it writes two participants: the state (kind ``state``: its names, "the Malian delegation",
"Malian negotiators") and its government (kind ``government``: "Government of Mali", "Malian government",
the capital, which wire copy uses for the government: "Bamako said", and the few buildings it uses the same way,
hand-kept in ``SEATS``: "the Kremlin said").
"""

import json
import sys
import tomllib
from pathlib import Path

from django.utils.text import slugify

HERE = Path(__file__).resolve().parent / "data"
OUTPUT = HERE / "gazetteer.json"
# Codes wire copy writes for a state; other two- and three-letter codes ("AF", "AFG") would match noise.
CODES = {"US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK", "ROK", "KSA", "CAR"}
# Where countryinfo's capital is not the seat wire copy uses for the government.
CAPITALS = {"PS": "Ramallah", "BO": "La Paz", "CI": "Abidjan", "NL": "The Hague", "TZ": "Dar es Salaam"}
# The buildings wire copy names for a government, as it names the capital ("the Kremlin said"); hand-kept, only
# those that stand for one government alone (not "State House", "the Chancellery", "the Foreign Office").
SEATS = {
    "RU": ["Kremlin"], "GB": ["Downing Street", "Number 10"], "FR": ["Élysée", "Elysee", "Élysée Palace",
    "Elysee Palace", "Quai d'Orsay"], "IT": ["Palazzo Chigi", "Farnesina"], "BR": ["Planalto", "Itamaraty"],
    "CN": ["Zhongnanhai"], "KR": ["Blue House", "Cheong Wa Dae"], "JP": ["Kantei"], "IN": ["South Block"],
    "UA": ["Bankova"], "AR": ["Casa Rosada"], "PH": ["Malacañang", "Malacanang"], "CL": ["La Moneda"],
    "VE": ["Miraflores Palace"], "NG": ["Aso Rock"], "ZA": ["Union Buildings"],
}  # fmt: skip
# A short name wire copy gives another state than countryinfo does: "Congo" is the Democratic Republic of the
# Congo in today's wire copy (the other is "Congo Republic", "Congo-Brazzaville").
SHORT_NAMES = {"CD": "Congo"}
# Demonyms countryinfo lacks, as wire copy writes them.
DEMONYMS = {"PS": "Palestinian"}
# Adjectives wire copy uses that countryinfo lacks beside its demonym ("Saudi officials", "the Kazakh capital").
MORE_ADJECTIVES = {
    "SA": ["Saudi"], "KG": ["Kyrgyz"], "KZ": ["Kazakh"], "TJ": ["Tajik"], "UZ": ["Uzbek"], "PH": ["Philippine"],
    "DJ": ["Djiboutian"], "GW": ["Bissau-Guinean"],
}  # fmt: skip
STATE_SIDES = ("delegation", "delegates", "negotiators", "negotiating team", "officials", "side", "diplomats")
GOVERNMENT_SIDES = ("government", "authorities", "administration", "leadership", "junta")


def _spellings(info, country):
    names = [info.get("name", ""), country.name, getattr(country, "common_name", ""), *info.get("altSpellings", [])]
    names.append(getattr(country, "official_name", ""))
    kept = []
    for name in names:
        name = (name or "").strip()
        if not name or "," in name or name in kept:
            continue
        if name.isupper() and len(name) <= 4 and name not in CODES:
            continue
        if not all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name):
            continue  # a name in another script is not what English copy writes
        kept.append(name)
    for code in ("US", "UK"):
        if code in kept:
            kept.append(".".join(code) + ".")
    return kept


def _capitals(info, names):
    capital = CAPITALS.get(info.get("ISO", {}).get("alpha2"), info.get("capital") or "").strip()
    if not capital or capital in names:
        return []
    found = [capital]
    if capital.endswith(" D.C."):
        found.append(capital.removesuffix(" D.C."))
    return found


def adjective_owners(infos):
    """``{adjective: alpha-2 code}``: a demonym that several states share ("American": the United States and the
    Northern Mariana Islands; "Dominican"; "French" and its overseas territories) is the most populous one's, as
    wire copy means it, never a neighbour's because its code sorts first."""
    owners, populations = {}, {}
    for code, info in infos.items():
        population = info.get("population") or 0
        for adjective in _demonyms(code, info):
            if population > populations.get(adjective, -1):
                owners[adjective], populations[adjective] = code, population
    return owners


def _demonyms(code, info):
    demonym = (info.get("demonym") or DEMONYMS.get(code, "")).strip()
    return [d.strip() for d in demonym.split(",") if d.strip()] + MORE_ADJECTIVES.get(
        code, []
    )  # "Bosnian,Herzegovinian"


def states():
    import pycountry
    from countryinfo import CountryInfo

    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    infos = {}
    for country in countries:
        try:
            infos[country.alpha_2] = CountryInfo(country.alpha_2).info()
        except Exception:  # countryinfo lacks a few territories; pycountry's name is enough
            infos[country.alpha_2] = {}
    owners = adjective_owners(infos)
    records = []
    for country in countries:
        info = infos[country.alpha_2]
        names = _spellings(info, country) or [country.name.split(",")[0]]
        names = [n.removeprefix("the ") for n in names]
        names = [n for n in names if n not in SHORT_NAMES.values()]  # given to the state SHORT_NAMES names
        if country.alpha_2 in SHORT_NAMES:
            names.append(SHORT_NAMES[country.alpha_2])
        name = names[0]
        adjectives = [d for d in _demonyms(country.alpha_2, info) if d not in names and owners[d] == country.alpha_2]
        slug = slugify(name)
        codes = [n for n in names if n.replace(".", "") in CODES]
        records.append(
            {
                "slug": slug,
                "name": name,
                "kind": "state",
                "country": country.alpha_2,
                "aliases": names[1:]
                + [f"{a} {side}" for a in adjectives + codes for side in STATE_SIDES]
                + [f"the {a}s" for a in adjectives if a.endswith("n")],  # "the Syrians had been invited"
                "adjectives": adjectives,
            }
        )
        government = [f"Government of {name}", f"{name} government", f"{name}'s government"]
        government += [f"{a} {side}" for a in adjectives + codes for side in GOVERNMENT_SIDES]
        records.append(
            {
                "slug": f"{slug}-government",
                "name": government[0],
                "kind": "government",
                "country": country.alpha_2,
                "aliases": government[1:] + _capitals(info, names) + SEATS.get(country.alpha_2, []),
                "affiliation": slug,
                "capital": ["", *_capitals(info, names)][-1],  # where "the Finnish capital" is
            }
        )
    return records


def organisations():
    data = tomllib.loads((HERE / "organisations.toml").read_text(encoding="utf-8"))
    return [
        {"slug": o["slug"], "name": o["name"], "kind": "organization", "country": "", "aliases": o.get("also", [])}
        for o in data["org"]
    ]


def movements():
    data = tomllib.loads((HERE / "movements.toml").read_text(encoding="utf-8"))
    return [
        {
            "slug": m["slug"],
            "name": m["name"],
            "kind": m["kind"],
            "country": m.get("country", ""),
            "aliases": m.get("also", []),
        }
        for m in data["movement"]
    ]


def main():
    records = states() + organisations() + movements()
    slugs = [r["slug"] for r in records]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        sys.exit(f"gazetteer: duplicate slugs {sorted(duplicates)}")
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in records)
    OUTPUT.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(records)} participants")


if __name__ == "__main__":
    main()
