"""The theme suggester learns from the organisation's own confirmed themes."""

from samensterk.insight.services import MIN_LABELS, classifier_train

from .models import Signal

__all__ = ["MIN_LABELS", "classifier_retrain", "training_data"]


def training_data(organisation) -> tuple[list[str], list[str]]:
    """Every confirmed theme is a label: signals of the organisation with a theme and a story."""
    rows = (
        Signal.objects.filter(organisation=organisation, theme__isnull=False)
        .exclude(story="")
        .values_list("story", "theme__code")
    )
    return [r[0] for r in rows], [r[1] for r in rows]


def classifier_retrain(organisation):
    """A new version of the organisation's suggester; None below MIN_LABELS labels."""
    return classifier_train(organisation, *training_data(organisation))
