import json
import sys

from django.core.management.base import BaseCommand, CommandError

from samensterk.accounts.models import LocalGroup
from samensterk.insight.municipality import detect


def _result(detection) -> dict:
    if detection is None:
        return {"municipality": None}
    return {"municipality": detection.name, "code": detection.code}


class Command(BaseCommand):
    help = (
        "Read text on stdin and print the municipality it concerns as JSON "
        '{"municipality": "Tynaarlo", "code": "GM1730"} or {"municipality": null}. '
        "With --jsonl every input line is a JSON string and every output line its result."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", action="store_true")
        parser.add_argument(
            "--group", help="resolve ambiguous place names within this group's area"
        )

    def handle(self, *args, jsonl=False, group=None, **options):
        stdin = options.get("stdin") or sys.stdin
        area = None
        if group:
            found = LocalGroup.objects.filter(slug=group).first()
            if found is None:
                raise CommandError(f"Unknown group '{group}'.")
            area = set(found.municipalities.values_list("code", flat=True))
        if not jsonl:
            self.stdout.write(
                json.dumps(_result(detect(stdin.read(), area=area)), ensure_ascii=False)
            )
            return
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)
            except json.JSONDecodeError:
                raise CommandError(f"line {number}: not a JSON string") from None
            if not isinstance(text, str):
                raise CommandError(f"line {number}: not a JSON string")
            self.stdout.write(json.dumps(_result(detect(text, area=area)), ensure_ascii=False))
