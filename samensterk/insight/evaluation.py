"""Measure the theme suggester: accuracy, macro F1, top-3 accuracy and per-theme figures."""

import csv
import io
import time

import numpy as np

from .classifier import ThemeClassifier, ThemeProfile


def read_labelled(path) -> list[tuple[str, str]]:
    """(text, theme) for the rows of an exchange-format CSV that have a theme."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [
            ((row.get("text") or ""), (row.get("theme") or "").strip())
            for row in csv.DictReader(io.StringIO(handle.read()))
            if (row.get("theme") or "").strip()
        ]


def evaluate(profiles: list[ThemeProfile], train, test) -> dict:
    from sklearn.metrics import precision_recall_fscore_support

    known = {p.code for p in profiles}
    profiles = profiles + [
        ThemeProfile(c, c) for c in sorted({c for _t, c in train + test} - known)
    ]
    classifier = ThemeClassifier(profiles)
    started = time.perf_counter()
    if train:
        classifier.fit([t for t, _c in train], [c for _t, c in train])
    trained = time.perf_counter()
    texts, truth = [t for t, _c in test], [c for _t, c in test]
    probabilities = classifier.probabilities(texts) if texts else np.zeros((0, len(profiles)))
    codes = np.array(classifier.codes)
    ranked = np.argsort(-probabilities, axis=1)
    predicted = list(codes[ranked[:, 0]]) if len(texts) else []
    top3 = [c in codes[row[:3]] for c, row in zip(truth, ranked, strict=True)]
    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, labels=labels, zero_division=0
    )
    return {
        "n_train": len(train),
        "n_test": len(test),
        "accuracy": round(
            float(np.mean([p == t for p, t in zip(predicted, truth, strict=True)])), 4
        )
        if truth
        else 0.0,
        "macro_f1": round(float(np.mean(f1)), 4) if labels else 0.0,
        "top3_accuracy": round(float(np.mean(top3)), 4) if top3 else 0.0,
        "per_theme": {
            code: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for code, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "train_seconds": round(trained - started, 2),
    }
