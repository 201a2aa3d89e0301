"""The suggester at work: annotate new signals, retrain from confirmed themes."""

from __future__ import annotations

from functools import lru_cache

from django.db import transaction

from samensterk.themes.models import Theme

from .classifier import ThemeClassifier, ThemeProfile, is_sure
from .models import ClassifierModel
from .municipality import detect


def _themes_signature() -> tuple:
    return tuple(
        Theme.objects.active()
        .order_by("position", "code")
        .values_list("code", "name", "description", "keywords", "position")
    )


def classifier_for(organisation_id: int) -> ThemeClassifier:
    """The organisation's latest trained model, else the cold-start suggester from the themes.

    Two small queries say which; what they name is loaded once per process and kept under that
    name (a stored model never changes, and changed themes are another signature), so a new
    model or an edited theme is used at once and nothing kept is ever out of date."""
    latest = (
        ClassifierModel.objects.filter(organisation_id=organisation_id)
        .order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )
    if latest:
        return _trained(latest)
    return _cold_start(_themes_signature())


@lru_cache(maxsize=16)
def _trained(pk: int) -> ThemeClassifier:
    return ThemeClassifier.loads(bytes(ClassifierModel.objects.get(pk=pk).data))


@lru_cache(maxsize=4)
def _cold_start(signature: tuple) -> ThemeClassifier:
    themes = Theme.objects.active().order_by("position", "code")
    return ThemeClassifier([ThemeProfile.from_theme(t) for t in themes])


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
    return is_sure([s["confidence"] for s in suggestions])


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
    profiles = [
        ThemeProfile.from_theme(t) for t in Theme.objects.active().order_by("position", "code")
    ]
    quality = cross_validate(profiles, texts, labels)
    model = ThemeClassifier(profiles).fit(texts, labels)
    stored = ClassifierModel.objects.create(
        organisation=organisation, n_labels=len(texts), quality=quality, data=model.dumps()
    )
    return stored
