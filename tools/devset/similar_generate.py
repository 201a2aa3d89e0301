"""Write tools/devset/similar.csv from similar_cases.py, and score a ranking against it.

    python tools/devset/similar_generate.py            # writes similar.csv
    samensterk similar_signals --file tools/devset/similar.csv --k 5 > ranked.jsonl
    python tools/devset/similar_generate.py ranked.jsonl   # scores it

The external_id names the case ("c03-2"); distractors are "d-N". The score: for every text of a
case with m tellings, the share of its m - 1 siblings among its first m - 1 results
(R-precision), and the share of texts whose first result is a sibling.
"""

import csv
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from similar_cases import CASES, DISTRACTORS  # noqa: E402


def rows() -> list[dict]:
    items = [
        {"external_id": f"c{c:02d}-{i}", "text": text}
        for c, case in enumerate(CASES, start=1)
        for i, text in enumerate(case, start=1)
    ]
    items += [{"external_id": f"d-{i}", "text": text} for i, text in enumerate(DISTRACTORS, 1)]
    random.Random(5).shuffle(items)  # siblings must not be found by their position
    return items


def write(path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["external_id", "text"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())


def score(ranked_path: Path) -> dict:
    ids = [r["external_id"] for r in rows()]
    case = [i.split("-")[0] if i.startswith("c") else None for i in ids]
    r_precision, first = [], []
    with open(ranked_path, encoding="utf-8") as handle:
        for line in handle:
            result = json.loads(line)
            index = result["row"] - 1
            if case[index] is None:
                continue
            siblings = {j for j, c in enumerate(case) if c == case[index] and j != index}
            found = [j - 1 for j in result["similar"]]
            r_precision.append(len(siblings & set(found[: len(siblings)])) / len(siblings))
            first.append(bool(found) and found[0] in siblings)
    return {
        "texts": len(r_precision),
        "r_precision": round(sum(r_precision) / len(r_precision), 3),
        "first_is_sibling": round(sum(first) / len(first), 3),
    }


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps(score(Path(sys.argv[1]))))
    else:
        write(HERE / "similar.csv")
