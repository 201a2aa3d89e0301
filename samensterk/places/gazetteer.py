"""Load the shipped gazetteer files into the database.

Takes the model classes as arguments so that the data migration can pass its historical models.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

from samensterk.lib.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def sync_gazetteer(Province, Municipality, MunicipalityAlias, Place) -> dict[str, int]:  # noqa: N803
    """Create or update provinces, municipalities, aliases and places; returns counts created."""
    created = {"provinces": 0, "municipalities": 0, "aliases": 0, "places": 0}

    municipality_rows = _rows("gemeenten.csv")
    provinces = {p.name: p for p in Province.objects.all()}
    for name in sorted({row["provincie"] for row in municipality_rows}):
        if name not in provinces:
            provinces[name] = Province.objects.create(name=name, slug=slugify(name))
            created["provinces"] += 1

    existing = {m.code: m for m in Municipality.objects.all()}
    to_create = []
    for row in municipality_rows:
        fields = {
            "name": row["naam"],
            "key": fold(row["naam"]),
            "province": provinces[row["provincie"]],
        }
        municipality = existing.get(row["code"])
        if municipality is None:
            to_create.append(Municipality(code=row["code"], **fields))
        elif any(getattr(municipality, f) != v for f, v in fields.items()):
            for f, v in fields.items():
                setattr(municipality, f, v)
            municipality.save(update_fields=list(fields))
    Municipality.objects.bulk_create(to_create)
    created["municipalities"] = len(to_create)

    by_name = {m.name: m for m in Municipality.objects.all()}
    by_code = {m.code: m for m in by_name.values()}

    alias_keys = set(MunicipalityAlias.objects.values_list("key", flat=True))
    new_aliases = []
    for row in _rows("aliases.csv"):
        key = fold(row["alias"])
        if key in alias_keys or key == fold(row["naam"]):
            continue
        alias_keys.add(key)
        new_aliases.append(
            MunicipalityAlias(name=row["alias"], key=key, municipality=by_name[row["naam"]])
        )
    MunicipalityAlias.objects.bulk_create(new_aliases)
    created["aliases"] = len(new_aliases)

    place_pairs = set(Place.objects.values_list("name", "municipality__code"))
    new_places = [
        Place(
            name=row["woonplaats"],
            key=fold(row["woonplaats"]),
            municipality=by_code[row["gemeentecode"]],
        )
        for row in _rows("woonplaatsen.csv")
        if (row["woonplaats"], row["gemeentecode"]) not in place_pairs
    ]
    Place.objects.bulk_create(new_places, batch_size=500)
    created["places"] = len(new_places)
    return created
