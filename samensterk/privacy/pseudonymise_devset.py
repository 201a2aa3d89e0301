"""Measure the pseudonymiser on the hand-labelled development set.

    PYTHONPATH=. python -m samensterk.privacy.pseudonymise_devset [--misses]

`tools/devset/pseudonymise.jsonl` holds stories as reporters write them, each with the personal
data that must go (`remove`) and what must stay as written (`keep`: durations, places,
organisations, laws, amounts, other dates). A span is a string of the text, or a pair
[span, context] when only one occurrence is meant ("bas" in "zoon bas", not the instrument).
A remove-span counts as removed when every character of it (spaces aside) lies in a finding;
a keep-span counts as kept when no finding touches it. Every occurrence counts.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DEVSET = Path(__file__).resolve().parents[2] / "tools" / "devset" / "pseudonymise.jsonl"
TARGET = 0.95


def _spans(text: str, item) -> list[tuple[int, int]]:
    span, context = (item, None) if isinstance(item, str) else item
    # Whole words only: "2 jaar" is not the end of "12 jaar".
    pattern = re.compile(rf"(?<!\w){re.escape(context or span)}(?!\w)")
    found = []
    for match in pattern.finditer(text):
        start = match.start() + (match.group().index(span) if context else 0)
        found.append((start, start + len(span)))
    if not found:
        raise ValueError(f"{item!r} not in {text!r}")
    return found


def score(path: Path = DEVSET) -> dict:
    """Shares of remove-spans removed and keep-spans kept, and the misses, for `path`."""
    from samensterk.privacy.pseudonymise import find

    removed = to_remove = kept = to_keep = 0
    misses: list[str] = []
    with open(path, encoding="utf-8") as handle:
        examples = [json.loads(line) for line in handle if line.strip()]
    for example in examples:
        text = example["text"]
        findings = [(f.start, f.end) for f in find(text)]
        covered = {i for start, end in findings for i in range(start, end)}
        for item in example["remove"]:
            for start, end in _spans(text, item):
                to_remove += 1
                if all(i in covered or text[i].isspace() for i in range(start, end)):
                    removed += 1
                else:
                    misses.append(f"LEFT  {text[start:end]!r} in {text!r}")
        for item in example["keep"]:
            for start, end in _spans(text, item):
                to_keep += 1
                if any(s < end and start < e for s, e in findings):
                    misses.append(f"TAKEN {text[start:end]!r} in {text!r}")
                else:
                    kept += 1
    return {
        "examples": len(examples),
        "remove_spans": to_remove,
        "removed": removed / to_remove if to_remove else 1.0,
        "keep_spans": to_keep,
        "kept": kept / to_keep if to_keep else 1.0,
        "misses": misses,
    }


def main(argv: list[str]) -> int:
    result = score()
    print(
        f"{result['examples']} examples; personal data removed: {result['removed']:.3f} "
        f"of {result['remove_spans']} spans; kept intact: {result['kept']:.3f} "
        f"of {result['keep_spans']} spans (targets {TARGET})"
    )
    if "--misses" in argv:
        print("\n".join(result["misses"]))
    return 0 if min(result["removed"], result["kept"]) >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
