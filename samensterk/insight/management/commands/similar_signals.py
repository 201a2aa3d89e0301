import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from samensterk.insight.municipality import detect, place_names
from samensterk.insight.similar import most_similar
from samensterk.places.selectors import municipality_lookup


class Command(BaseCommand):
    help = (
        "Load the signals of an exchange-format CSV into a scratch index (not the database) and "
        'print, as JSON lines {"row": N, "similar": [row, ...]}, for each row at most K other rows '
        "that pass the product's same-problem threshold, most similar first (rows numbered from "
        "1 in file order); --all prints the K nearest regardless of the threshold."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", required=True)
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument(
            "--all",
            action="store_true",
            help="the K nearest rows, also those below the product's same-problem threshold",
        )

    def handle(self, *args, file, k, all=False, **options):  # noqa: A002
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"File not found: {file}")
        if k < 1:
            raise CommandError("--k must be at least 1.")
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if rows and "text" not in rows[0]:
            raise CommandError("The file has no 'text' column.")
        texts = [row.get("text") or "" for row in rows]
        places = []
        for row, text in zip(rows, texts, strict=True):
            given = (row.get("municipality") or "").strip()
            found = None if given else detect(text)
            if given:  # a name or a CBS code: compared as the code, like a detected place
                known = municipality_lookup(given)
                places.append(known.code if known else given.casefold())
            else:
                places.append(found.code if found else None)
        found = most_similar(
            texts, k, municipalities=places, place_names=place_names(), threshold=not all
        )
        for number, similar in enumerate(found, start=1):
            self.stdout.write(json.dumps({"row": number, "similar": [j + 1 for j in similar]}))
