"""The suggester at work: annotate new signals, retrain from confirmed themes."""

from __future__ import annotations

import threading
import time

from django.db import transaction

from samensterk.themes.models import Theme

from .classifier import CONFIDENT, ThemeClassifier, ThemeProfile
from .models import ClassifierModel
from .municipality import detect

_cache: dict[int, tuple[object, ThemeClassifier, float]] = {}
_lock = threading.Lock()
CHECK_SECONDS = 30  # how often a process looks for a newer model or changed keywords


def _profiles() -> list[ThemeProfile]:
    return [ThemeProfile.from_theme(t) for t in Theme.objects.active().order_by("position", "code")]


def _themes_signature():
    return tuple(
        Theme.objects.active()
        .order_by("code")
        .values_list("code", "name", "description", "keywords")
    )


def classifier_for(organisation_id: int) -> ThemeClassifier:
    """The organisation's latest trained model, else the cold-start suggester; cached."""
    now = time.monotonic()
    with _lock:
        cached = _cache.get(organisation_id)
        if cached and now - cached[2] < CHECK_SECONDS:
            return cached[1]
    latest = (
        ClassifierModel.objects.filter(organisation_id=organisation_id)
        .order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )
    key = ("model", latest) if latest else ("cold", hash(_themes_signature()))
    with _lock:
        cached = _cache.get(organisation_id)
        if cached and cached[0] == key:
            _cache[organisation_id] = (key, cached[1], now)
            return cached[1]
    if latest:
        classifier = ThemeClassifier.loads(bytes(ClassifierModel.objects.get(pk=latest).data))
    else:
        classifier = ThemeClassifier(_profiles())
    with _lock:
        _cache[organisation_id] = (key, classifier, now)
    return classifier


def forget_classifiers() -> None:
    """After retraining or editing themes in this process: use the new version at once."""
    with _lock:
        _cache.clear()


def suggest(organisation_id: int, text: str) -> list[dict]:
    return [
        {"code": s.code, "confidence": s.confidence, "words": s.words}
        for s in classifier_for(organisation_id).suggest(text)
    ]


def annotate(*, organisation_id: int, text: str, area: set[str] | None = None) -> dict:
    """What the system proposes for a new signal: themes, and the municipality in the text."""
    return annotate_many(organisation_id=organisation_id, texts=[text], areas=[area])[0]


def annotate_many(*, organisation_id: int, texts: list[str], areas: list) -> list[dict]:
    """The same for many texts; the learned model runs over them as one batch."""
    suggestions = classifier_for(organisation_id).suggest_many(texts)
    results = []
    for text, area, found in zip(texts, areas, suggestions, strict=True):
        detection = detect(text, area=area)
        results.append(
            {
                "theme_suggestions": [
                    {"code": s.code, "confidence": s.confidence, "words": s.words} for s in found
                ],
                "suggested_municipality_code": detection.code if detection else None,
            }
        )
    return results


def is_confident(suggestions: list[dict]) -> bool:
    return bool(suggestions) and suggestions[0]["confidence"] >= CONFIDENT


def cross_validate(profiles, texts, labels, folds: int = 5) -> dict:
    """Quality on the organisation's own data: k-fold, per theme."""
    import numpy as np
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.model_selection import StratifiedKFold

    counts = {c: labels.count(c) for c in set(labels)}
    folds = max(2, min(folds, min(counts.values())))
    predicted = [""] * len(texts)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=1)
    for train_index, test_index in splitter.split(texts, labels):
        model = ThemeClassifier(profiles).fit(
            [texts[i] for i in train_index], [labels[i] for i in train_index]
        )
        probabilities = model.probabilities([texts[i] for i in test_index])
        for i, row in zip(test_index, probabilities, strict=True):
            predicted[i] = model.codes[int(np.argmax(row))]
    names = sorted(counts)
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, predicted, labels=names, zero_division=0
    )
    return {
        "folds": folds,
        "accuracy": round(
            float(np.mean([p == t for p, t in zip(predicted, labels, strict=True)])), 3
        ),
        "macro_f1": round(float(np.mean(f1)), 3),
        "per_theme": {
            code: {
                "precision": round(float(p), 3),
                "recall": round(float(r), 3),
                "f1": round(float(f), 3),
                "support": int(s),
            }
            for code, p, r, f, s in zip(names, precision, recall, f1, support, strict=True)
        },
    }


MIN_LABELS = 20  # below this, the cold-start suggester is as good as a trained one


@transaction.atomic
def classifier_train(organisation, texts: list[str], labels: list[str]) -> ClassifierModel | None:
    """Train and store the organisation's suggester on labelled texts (intake.suggestions reads
    them from the confirmed themes); None when there are too few to beat the cold start."""
    if len(texts) < MIN_LABELS or len(set(labels)) < 2:
        return None
    profiles = _profiles()
    quality = cross_validate(profiles, texts, labels)
    model = ThemeClassifier(profiles).fit(texts, labels)
    stored = ClassifierModel.objects.create(
        organisation=organisation, n_labels=len(texts), quality=quality, data=model.dumps()
    )
    transaction.on_commit(forget_classifiers)
    return stored
