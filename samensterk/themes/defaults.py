"""Install the default themes (spec/themes.csv) without overwriting what administrators changed."""

import csv
from pathlib import Path

DEFAULTS_FILE = Path(__file__).resolve().parent / "data" / "themes.csv"


def default_themes() -> list[dict[str, str]]:
    with open(DEFAULTS_FILE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def install_default_themes(Theme) -> int:  # noqa: N803
    """Create the shipped themes that are missing; returns how many were created."""
    from .keywords import DEFAULT_KEYWORDS

    existing = set(Theme.objects.values_list("code", flat=True))
    new = [
        Theme(
            code=row["code"],
            name=row["naam"],
            description=row["omschrijving"],
            keywords=DEFAULT_KEYWORDS.get(row["code"], ""),
            position=i * 10,
        )
        for i, row in enumerate(default_themes(), start=1)
        if row["code"] not in existing
    ]
    Theme.objects.bulk_create(new)
    return len(new)
