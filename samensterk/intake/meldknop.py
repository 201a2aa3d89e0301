"""What the public form of a group needs before anyone types: the group (with its organisation),
the consent wording shown now and the municipality filled in beforehand."""

from __future__ import annotations

from dataclasses import dataclass

from samensterk.accounts.models import LocalGroup

from .models import ConsentText


@dataclass(frozen=True)
class MeldknopPage:
    group: LocalGroup
    consent: ConsentText
    initial_municipality: str  # the name when the group works in exactly one municipality


def meldknop_page(slug: str) -> MeldknopPage | None:
    """The active group with this slug and what its form shows; None if there is none."""
    from .services import consent_text_current

    group = LocalGroup.objects.select_related("organisation").filter(slug=slug, active=True).first()
    if group is None:
        return None
    municipalities = list(group.municipalities.all()[:2])
    return MeldknopPage(
        group=group,
        consent=consent_text_current(group.organisation),
        initial_municipality=municipalities[0].name if len(municipalities) == 1 else "",
    )
