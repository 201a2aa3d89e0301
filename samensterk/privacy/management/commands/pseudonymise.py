import json
import sys

from django.core.management.base import BaseCommand

from samensterk.privacy.pseudonymise import pseudonymise


class Command(BaseCommand):
    help = (
        "Read Dutch text on stdin and write it with personal data replaced by tags such as "
        "[PERSOON-1]. With --jsonl, every line is a JSON string (a text) "
        "and so is every output line."
    )

    stealth_options = ("stdin",)  # tests pass a file object

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", action="store_true", help="one JSON string per line")

    def handle(self, *args, jsonl=False, **options):
        stdin = options.get("stdin") or sys.stdin
        if not jsonl:
            self.stdout.write(pseudonymise(stdin.read()), ending="")
            return
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)
            except json.JSONDecodeError as error:
                self.stderr.write(f"line {number}: not a JSON string ({error.msg})")
                raise SystemExit(1) from None
            if not isinstance(text, str):
                self.stderr.write(f"line {number}: not a JSON string")
                raise SystemExit(1)
            self.stdout.write(json.dumps(pseudonymise(text), ensure_ascii=False))
